"""Typographic normalisation that remembers where every character came from.

The rules see one spelling of quotes, apostrophes, dashes and spaces; the
offset map turns positions in that normalised text back into positions in the
caller's original string, so every span a parse reports indexes the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from attrs import field, frozen

from dipparse.models import Span

# One-for-one replacements: positions do not move.
_SAME_LENGTH = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys(
        "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
        "\u200a\u202f\u205f\u3000\u2028\u2029\u0085",
        " ",
    ),
    "\u2026": ".",
}
# Control characters read as spaces (tab, newline and carriage return stay).
_SAME_LENGTH.update({chr(c): " " for c in range(32) if chr(c) not in "\t\n\r"})
_SAME_LENGTH["\x7f"] = " "
# Invisible characters are dropped: positions after them shift.
_DROPPED_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
# The characters to replace, found by one search: news text holds few of them, and
# replacing each found costs far less than translating every character of the text.
_SAME_LENGTH_RE = re.compile("[" + "".join(map(re.escape, _SAME_LENGTH)) + "]")
# Opening quotation marks in the original, which normalisation folds into '"'.
OPENING_QUOTES = frozenset("\u201c\u201e\u00ab")
CLOSING_QUOTES = frozenset("\u201d\u00bb")


@frozen
class NormalisedText:
    """A normalised text and the map back to the original string.

    ``deletions`` holds, for each dropped character, its position in the
    normalised text (where it would have stood): sorted, possibly repeated.
    """

    original: str
    text: str
    deletions: tuple[int, ...] = ()
    # Spans made so far: the events of one sentence share its Span instead of each
    # copying the sentence's text (quadratic in a long sentence with many events).
    _spans: dict[tuple[int, int], Span] = field(factory=dict, init=False, eq=False, repr=False)

    def clear_spans(self) -> None:
        """Forget the spans made so far (they stay valid; later ones are new objects)."""
        self._spans.clear()

    def to_original(self, pos: int) -> int:
        """Original position of the character at normalised position ``pos``."""
        if not self.deletions:
            return pos
        return pos + bisect_right(self.deletions, pos)

    def original_end(self, end: int) -> int:
        """Original position just after the normalised character ``end - 1``."""
        if end <= 0:
            return self.to_original(0) if end == 0 and self.text else 0
        return self.to_original(end - 1) + 1

    def span(self, start: int, end: int) -> Span:
        """The original-text `Span` of the normalised range ``[start, end)``."""
        made = self._spans.get((start, end))
        if made is not None:
            return made
        o_start = self.to_original(start) if start < len(self.text) else len(self.original)
        o_end = self.original_end(end) if end > start else o_start
        made = self._spans[(start, end)] = Span.of(self.original, o_start, o_end)
        return made

    def original_char(self, pos: int) -> str:
        """The original character behind normalised position ``pos``."""
        return self.original[self.to_original(pos)]


def _replacement(m: re.Match[str]) -> str:
    return _SAME_LENGTH[m.group()]


def normalise(text: str) -> NormalisedText:
    """Fold typography to one spelling, keeping an offset map to ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    folded = _SAME_LENGTH_RE.sub(_replacement, text)
    if _DROPPED_RE.search(folded) is None:
        return NormalisedText(text, folded)
    # The k-th dropped character stands where k characters before it are already gone.
    deletions = [m.start() - k for k, m in enumerate(_DROPPED_RE.finditer(folded))]
    return NormalisedText(text, _DROPPED_RE.sub("", folded), tuple(deletions))
