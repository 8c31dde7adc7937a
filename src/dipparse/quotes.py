"""Direct quotations and who said them.

Quotation marks are paired on the normalised text, using the original curly
marks for direction where the writer used them. A speaker is read from an
attribution after the quotation (``," Trump wrote``, ``," said the minister``)
or before it (``Trump wrote: "...``); a quotation without one, following an
attributed quotation in the same or the previous paragraph, carries that
speaker over.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

import regex
from attrs import frozen

from dipparse.actors import ANAPHOR, PLACE, Mention
from dipparse.sentences import full_stop_ends_sentence
from dipparse.text import CLOSING_QUOTES, OPENING_QUOTES, NormalisedText


@frozen
class QuoteSpan:
    """A quotation in normalised coordinates, with the mention of its speaker."""

    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when unclosed)
    content_start: int
    content_end: int
    speaker: Mention | None = None
    attribution: tuple[int, int] | None = None
    carried: bool = False


_PARAGRAPH = regex.compile(r"\n\s*")


def find_quotes(norm: NormalisedText) -> list[tuple[int, int, int, int]]:
    """Quotations as ``(start, end, content_start, content_end)`` in normalised text."""
    text = norm.text
    out: list[tuple[int, int, int, int]] = []
    open_at: int | None = None
    pos = text.find('"')
    while pos >= 0:
        # Only up to this mark: searching to the end of a text without line
        # breaks for every quotation mark would be quadratic.
        newline = text.find("\n", open_at + 1, pos) if open_at is not None else -1
        if open_at is not None and 0 <= newline < pos:
            # An unclosed quotation ends with its paragraph.
            out.append((open_at, newline, open_at + 1, newline))
            open_at = None
        original = norm.original_char(pos)
        if open_at is None:
            if original not in CLOSING_QUOTES:
                open_at = pos
        elif original not in OPENING_QUOTES or pos == open_at + 1:
            out.append((open_at, pos + 1, open_at + 1, pos))
            open_at = None
        else:
            # A second opening mark: the first was never closed.
            out.append((open_at, pos, open_at + 1, pos))
            open_at = pos
        pos = text.find('"', pos + 1)
    if open_at is not None:
        newline = text.find("\n", open_at + 1)
        stop = newline if newline >= 0 else len(text)
        out.append((open_at, stop, open_at + 1, stop))
    # The double quotations are sorted and disjoint: the one that could overlap a
    # single quotation is the last to start before it ends (a bisection, not a scan).
    starts = [d[0] for d in out]

    def inside_double(q: tuple[int, int, int, int]) -> bool:
        i = bisect_left(starts, q[1])
        return i > 0 and _overlap(q, out[i - 1])

    singles = [q for q in _single_quotes(norm) if not inside_double(q)]
    return sorted(out + singles)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _single_quotes(norm: NormalisedText) -> list[tuple[int, int, int, int]]:
    """Quotations in curly single marks (‘...’); straight ones are apostrophes too often.

    The closing mark is a right single mark followed by no letter ("don’t" and
    "Houthis’ offer" do not close: the first has a letter after it, the second
    needs an opening mark before it in the same paragraph).
    """
    text = norm.text
    out: list[tuple[int, int, int, int]] = []
    # Up to here no closing mark exists: an opening mark before it cannot be closed
    # (this keeps a paragraph of unclosed marks linear, not quadratic).
    unclosable = -1
    pos = text.find("'")
    while pos >= 0:
        if pos >= unclosable and norm.original_char(pos) == "\u2018":
            paragraph_end = text.find("\n", pos)
            paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
            end = text.find("'", pos + 1, paragraph_end)
            while end >= 0:
                after = text[end + 1 : end + 2]
                if norm.original_char(end) == "\u2019" and not after.isalpha():
                    break
                end = text.find("'", end + 1, paragraph_end)
            if end > pos + 1:
                out.append((pos, end + 1, pos + 1, end))
                pos = text.find("'", end + 1)
                continue
            if end < 0:
                unclosable = paragraph_end
        pos = text.find("'", pos + 1)
    return out


def attribute(
    text: str,
    quotes: Sequence[tuple[int, int, int, int]],
    mentions: Sequence[Mention],
    reporting: regex.Pattern[str],
) -> list[QuoteSpan]:
    """Attach a speaker mention to each quotation (see the module docstring)."""
    result: list[QuoteSpan] = []
    previous: QuoteSpan | None = None
    for start, end, c_start, c_end in quotes:
        # 'Begaj said: "..."': a colon before the quotation introduces it, so its
        # attribution is before it, whatever the next sentence says.
        finders = (
            (_before, _after)
            if text[max(0, start - 3) : start].rstrip().endswith(":")
            else (_after, _before)
        )
        speaker, attribution = None, None
        for finder in finders:
            speaker, attribution = finder(text, start, end, mentions, reporting)
            if speaker is not None:
                break
        if speaker is None and _ends_sentence(text, c_start, c_end, end):
            speaker, attribution = _next_sentence(text, end, mentions, reporting)
        carried = False
        if speaker is None and previous is not None and previous.speaker is not None:
            since = previous.attribution[1] if previous.attribution else previous.end
            since = max(since, previous.end)
            between = text[previous.end : start]
            if between.count("\n") <= 1 and _mentions_between(mentions, since, start) == 0:
                speaker, carried = previous.speaker, True
        current = QuoteSpan(start, end, c_start, c_end, speaker, attribution, carried)
        result.append(current)
        previous = current
    return result


def _starting_in(mentions: Sequence[Mention], start: int, end: int) -> Sequence[Mention]:
    """The mentions (sorted by start) that start in ``[start, end)``, found by bisection."""
    lo = bisect_left(mentions, start, key=lambda m: m.start)
    hi = bisect_left(mentions, end, lo, key=lambda m: m.start)
    return mentions[lo:hi]


def _speakers(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in _starting_in(mentions, start, end) if m.end <= end and m.kind != PLACE]


def _mentions_between(mentions: Sequence[Mention], start: int, end: int) -> int:
    return sum(1 for m in _starting_in(mentions, start, end) if m.kind not in (PLACE, ANAPHOR))


def _after(
    text: str, start: int, end: int, mentions: Sequence[Mention], reporting: regex.Pattern[str]
) -> tuple[Mention | None, tuple[int, int] | None]:
    stop = _clause_stop(text, end)
    window = text[end:stop]
    if not regex.match(r"\s*[,.:;-]?\s*\S", window):
        return None, None
    if text[stop : stop + 1] == '"' and window.rstrip().endswith(":"):
        # '"..." Begaj said: "We accepted"': the attribution opens the next quotation.
        return None, None
    verb = reporting.search(text, end, min(stop, end + 120))
    if verb is None:
        return None, None
    # A name may end in the full stop that ends the sentence: '...," said Marcos Jr.'
    candidates = _speakers(mentions, end, stop + 1 if text[stop : stop + 1] == "." else stop)
    if not candidates:
        return None, None
    # "..., said X" and "..., X said": the speaker is the mention nearest the verb.
    speaker = min(
        candidates, key=lambda m: min(abs(m.start - verb.end()), abs(verb.start() - m.end))
    )
    return speaker, (end, stop)


_LETTER = regex.compile(r"\p{L}")

# "With those words, the ambassador addressed ...": the quotation's speaker follows.
_THOSE_WORDS = regex.compile(r"(?i)\s*(?:with|in)\s+(?:those|these)\s+words\s*,")


def _first_letter(text: str, c_start: int) -> str:
    """The first letter of a quotation's words (within its first five characters), or ""."""
    first = _LETTER.search(text, c_start, c_start + 5)
    return first.group() if first is not None else ""


def partial_quote(text: str, quote: QuoteSpan) -> bool:
    """A quoted phrase inside a sentence ('it "categorically rejects" the demand')."""
    return _first_letter(text, quote.content_start).islower()


def _ends_sentence(text: str, c_start: int, c_end: int, end: int) -> bool:
    """A quotation that is a sentence of its own: '"The door remains open." With ...'.

    Not a quoted phrase ('The talks "went nowhere." The minister said ...').
    """
    return (
        _first_letter(text, c_start).isupper()
        and text[max(0, c_end - 1) : c_end] in (".", "!", "?")
        and regex.match(r"[ \t]+\p{Lu}", text[end : end + 3]) is not None
    )


def _next_sentence(
    text: str, end: int, mentions: Sequence[Mention], reporting: regex.Pattern[str]
) -> tuple[Mention | None, tuple[int, int] | None]:
    """A speaker named in the sentence after the quotation, with a reporting verb.

    '"We have never refused to talk." Kremlin spokesman Dmitry Peskov said this on
    Monday': the subject of the next sentence's reporting verb (or of the sentence
    after "With those words,") is who spoke.
    """
    stop = _clause_stop(text, end)
    intro = _THOSE_WORDS.match(text, end, stop)
    if intro is not None:
        candidates = _speakers(mentions, intro.end(), stop)
        return (candidates[0], (end, stop)) if candidates else (None, None)
    verb = reporting.search(text, end, min(stop, end + 160))
    if verb is None:
        return None, None
    candidates = _speakers(mentions, end, verb.start())
    if not candidates:
        return None, None
    return candidates[-1], (end, stop)


def _before(
    text: str, start: int, end: int, mentions: Sequence[Mention], reporting: regex.Pattern[str]
) -> tuple[Mention | None, tuple[int, int] | None]:
    line_start = max(text.rfind("\n", 0, start) + 1, start - 200)
    # rfind gives -1 where there is no full stop: that must not become position 1.
    stops = (_sentence_stop_before(text, p, line_start, start) for p in (". ", "? ", "! "))
    sentence_start = max([line_start, *(s + 2 for s in stops if s >= 0)])
    window = text[sentence_start:start]
    if not regex.search(r"[,:]\s*$|\b(?:that|saying|added|wrote|said)\s*$", window):
        return None, None
    verbs = list(reporting.finditer(text, sentence_start, start))
    if not verbs:
        return None, None
    candidates = _speakers(mentions, sentence_start, start)
    if not candidates:
        return None, None
    # "Speaking in Beijing, Wang Yi said:": the speaker is the mention nearest
    # the last reporting verb, not the first mention in the sentence.
    verb = verbs[-1]
    speaker = min(
        candidates, key=lambda m: min(abs(m.start - verb.end()), abs(verb.start() - m.end))
    )
    return speaker, (sentence_start, start)


# What ends an attribution; a full stop only where it ends the sentence, so that
# '"...," Surangel Whipps Jr. said.' keeps its speaker.
_STOP = regex.compile(r'[.!?;\n"]')


def _clause_stop(text: str, pos: int) -> int:
    for match in _STOP.finditer(text, pos + 1):
        if match.group() == "." and (
            text[match.end() : match.end() + 1].isalnum()  # "U.S", "3.5"
            or _after_abbreviation(text, match.start())
        ):
            continue
        return match.start()
    return len(text)


def _after_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation, an initial or an acronym.

    As the sentence splitter reads it: "Jr.", "Gen.", "J." after a name and "U.S."
    before "Congress" do not end the attribution; "on X." does.
    """
    return not full_stop_ends_sentence(text, dot)


def _sentence_stop_before(text: str, mark: str, floor: int, pos: int) -> int:
    """The last ``mark`` (". ", "? ", "! ") in ``text[floor:pos]`` that ends a sentence, or -1."""
    found = text.rfind(mark, floor, pos)
    while found >= 0 and mark == ". " and _after_abbreviation(text, found):
        found = text.rfind(mark, floor, found)
    return found
