"""Fast, exact stand-ins for ``pattern.finditer`` over whole texts.

The gazetteer's patterns are large alternations (thousands of names) that a
regular-expression engine tries at every position of a text: about a second
per megabyte each. This module makes the same matches cheaply, in two ways:

- `trie_alternation` writes a word list as a prefix tree (``Pak(?:istan|...)``)
  instead of a flat ``a|b|c``: the engine rejects a position after a character
  or two instead of trying every word. The matches are the same (see there).
- `GazetteerScan` tries a pattern only where a match can start: one pass splits
  the text into words, dictionaries of the words a pattern can start with (or
  must contain) pick the candidate positions, and `finditer_at` runs
  ``pattern.match`` at those positions in order, skipping positions inside the
  previous match, which is what ``finditer`` itself does.

Each candidate rule below states what it relies on ("a name starts with the
first word of one of its forms"); ``tests/test_scanning.py`` checks the fast
and the exhaustive scans agree on varied text, in case a pattern changes.
Texts whose lower-casing changes their length, or that hold characters that
case-fold to ASCII letters without lower-casing to them, are scanned
exhaustively.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_UPPER = regex.compile(r"\p{Lu}")
_WS_RUN = regex.compile(r"\s{2,}")
# The characters a case-insensitive pattern matches as an ASCII letter that
# str.lower() does not turn into that letter (long s; dotted capital I).
_FOLD_TRAPS = ("\u017f", "\u0130")
# Qualifiers before a title ("former President ...").
_QUALIFIERS = frozenset({"former", "then", "ex", "outgoing", "incoming", "acting", "late"})
# Words an anaphor can start with, besides the government and official nouns.
_ANAPHOR_STARTS = frozenset(
    [
        "both",
        "the",
        "you",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "his",
        "her",
        "its",
        "their",
        "country",
        "kingdom",
        "republic",
        "bloc",
        "alliance",
        "union",
        "organisation",
        "organization",
        "group",
        "militants",
        "rebels",
        "movement",
        "militia",
        "insurgents",
        "fighters",
    ]
)
# How many words before "of" a match of "the government of Iran" can start.
_OF_REACH = 8
# Determiners and heads of "officials in Kabul" (the gazetteer's capital pattern).
_CAPITAL_DETS = frozenset(
    [
        "the",
        "a",
        "an",
        "senior",
        "top",
        "government",
        "diplomatic",
        "official",
        "security",
        "military",
        "intelligence",
        "western",
        "several",
        "some",
        "two",
        "three",
    ]
)
_CAPITAL_HEADS = frozenset(
    [
        "official",
        "officials",
        "source",
        "sources",
        "diplomat",
        "diplomats",
        "junta",
        "government",
        "authorities",
        "regime",
        "leadership",
        "military",
        "rulers",
        "leaders",
    ]
)


def trie_alternation(items: Iterable[str], *, ignorecase: bool | None = None) -> str:
    """A regular expression matching any of ``items``, written as a prefix tree.

    A space in an item matches any run of white space (``\\s+``), as in a flat
    alternation of the escaped items ordered longest first. The two match the
    same text at the same places: the items that match at one position are
    prefixes of each other, and both forms try the longer ones first.

    ``ignorecase`` says how the result will be used: ``False`` in a
    case-sensitive pattern, ``True`` in a case-insensitive one (items are then
    merged by case folding), ``None`` in either. Where the reasoning above could
    fail (an item with other white space, or with leading, trailing or doubled
    spaces; with ``None``, items that differ only in case), the flat
    alternation is returned.
    """
    unique = sorted({i for i in items if i}, key=lambda s: (-len(s), s))
    if not unique:
        return r"(?!x)x"
    flat = "|".join(regex.escape(i).replace("\\ ", r"\s+") for i in unique)
    root: _Node = {}
    for item in unique:
        if item != item.strip() or "  " in item or any(c.isspace() and c != " " for c in item):
            return flat
        node = root
        for ch in item:
            key = _fold(ch) if ignorecase else ch
            child = node.get(key)
            if child is None:
                child = node[key] = {}
            node = child
        node[""] = {}
    if ignorecase is None and not _distinct_folds(root):
        return flat
    return _emit(root)


_Node = dict[str, "_Node"]


def _fold(ch: str) -> str:
    folded = ch.casefold()
    return folded if len(folded) == 1 else ch


def _distinct_folds(node: _Node) -> bool:
    keys = [k for k in node if k]
    if len({_fold(k) for k in keys}) != len(keys):
        return False
    return all(_distinct_folds(node[k]) for k in keys)


def _emit(node: _Node) -> str:
    alternatives = []
    for key in sorted(k for k in node if k):
        piece = r"\s+" if key == " " else regex.escape(key)
        alternatives.append(piece + _emit(node[key]))
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    # Going on beats stopping here: longer items first, as in the flat form.
    return "(?:" + body + ")?" if "" in node else body


def finditer_at(
    pattern: regex.Pattern[str], text: str, positions: Iterable[int], start: int, end: int
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, start, end)``, given every position a match can start at.

    ``positions`` must be sorted and hold every such position (more do no harm).
    """
    last = start
    for pos in positions:
        if pos < last:
            continue
        if pos >= end:
            break
        match = pattern.match(text, pos, end)
        if match is not None:
            yield match
            last = max(match.end(), pos + 1)


def _longest(items: Iterable[str]) -> int:
    return max((len(i) for i in items), default=0)


def _spaces(items: Iterable[str]) -> int:
    return max((i.count(" ") for i in items), default=0)


def first_word(text: str) -> str:
    """The leading run of letters and digits of ``text`` ('' when it starts otherwise)."""
    match = _WORD.match(text)
    return match.group() if match is not None and match.start() == 0 else ""


class GazetteerScan:
    """Word tables for the gazetteer's patterns, built once per `Gazetteer`."""

    def __init__(
        self,
        *,
        names: Sequence[str],
        prefixes: Sequence[str],
        titles: Sequence[str],
        determiners: Sequence[str],
        modifiers: Sequence[str],
        heads: Sequence[str],
        government_heads: Sequence[str],
    ) -> None:
        keys = [first_word(n) for n in names]
        self.names_ok = all(keys)
        self.name_keys = frozenset(keys)
        self.name_lkeys = frozenset(k.lower() for k in keys)
        self.title_keys = frozenset(first_word(t) for t in titles) - {""}
        self.pre_keys = (
            frozenset(first_word(p) for p in prefixes) | self.name_keys | _QUALIFIERS
        ) - {""}
        self.titled_ok = all(first_word(t) for t in titles)
        # How far before its title a match can start: a qualifier and a prefix,
        # each \s+ of them (``titled_spaces``) as wide as the widest white space.
        self.titled_before = _longest((*prefixes, *names)) + _longest(_QUALIFIERS) + 4
        self.titled_spaces = _spaces((*prefixes, *names)) + 2
        lower_prefixes = [p.lower() for p in (*prefixes, *names)]
        self.dem_lkeys = frozenset(first_word(p) for p in lower_prefixes) - {""}
        dets = [d.lower() for d in determiners]
        self.det_lkeys = frozenset(first_word(d) for d in dets) - {""}
        # How many words the determiners before a demonym can take up.
        self.det_span = 3 * max((len(_WORD.findall(d)) for d in dets), default=0)
        self.head_last = frozenset(h.lower().split()[-1] for h in heads if h.split())
        self.government_first = frozenset(first_word(h.lower()) for h in government_heads) - {""}
        self.heads_first = frozenset(first_word(h.lower()) for h in heads) - {""}
        self.described_ok = all(first_word(p) for p in lower_prefixes) and all(
            first_word(d) for d in dets
        )
        self.described_before = (
            3 * _longest(dets)
            + _longest(lower_prefixes)
            + 3 * _longest(modifiers)
            + _longest(heads)
            + 8
        )
        self.described_spaces = (
            7
            + 3 * _spaces(dets)
            + _spaces(lower_prefixes)
            + 3 * _spaces(modifiers)
            + _spaces(heads)
        )
        self.anaphor_keys = _ANAPHOR_STARTS | self.heads_first
        # True: every pattern runs over the whole text (the reference the tests use).
        self.exhaustive = False

    def prepare(self, text: str, start: int, end: int) -> TextScan:
        """The word positions of ``text[start:end]`` that the scans share."""
        return TextScan(self, text, start, end)


class TextScan:
    """Candidate positions in one text for each of the gazetteer's patterns."""

    def __init__(self, tables: GazetteerScan, text: str, start: int, end: int) -> None:
        self.tables = tables
        self.text = text
        self.start = start
        self.end = end
        lowered = text.lower()
        self.ok = (
            not tables.exhaustive
            and len(lowered) == len(text)
            and not (not text.isascii() and any(c in text for c in _FOLD_TRAPS))
        )
        self.starts: list[int] = []
        self.words: list[str] = []
        self._index: dict[str, list[int]] = {}
        self.width = 1
        if self.ok:
            index = self._index
            for i, m in enumerate(_WORD.finditer(lowered, start, end)):
                word = m.group()
                self.starts.append(m.start())
                self.words.append(word)
                hit = index.get(word)
                if hit is None:
                    index[word] = [i]
                else:
                    hit.append(i)
            runs = _WS_RUN.findall(text, start, end)
            self.width = max(map(len, runs)) if runs else 1

    # -- helpers -------------------------------------------------------------------

    def _original(self, i: int) -> str:
        s = self.starts[i]
        return self.text[s : s + len(self.words[i])]

    def _where(self, keys: frozenset[str]) -> list[int]:
        """Indexes of the words in ``keys``, in text order."""
        index = self._index
        found = [i for w in (index.keys() & keys) for i in index[w]]
        found.sort()
        return found

    def _window(self, lo: int, hi: int) -> range:
        return range(bisect_left(self.starts, lo), bisect_right(self.starts, hi))

    # -- the patterns ----------------------------------------------------------------

    def names(self, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
        """Gazetteer names: a name starts with the first word of one of its forms."""
        t = self.tables
        if not (self.ok and t.names_ok):
            return pattern.finditer(self.text, self.start, self.end)
        keys = t.name_keys
        positions = [self.starts[i] for i in self._where(t.name_lkeys) if self._original(i) in keys]
        return finditer_at(pattern, self.text, positions, self.start, self.end)

    def titled(self, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
        """Titled names: a title, perhaps after a qualifier and a state, demonym or body."""
        t = self.tables
        if not (self.ok and t.titled_ok):
            return pattern.finditer(self.text, self.start, self.end)
        reach = t.titled_before + t.titled_spaces * self.width
        title_lkeys = {k.lower() for k in t.title_keys}
        positions: set[int] = set()
        for i in self._where(frozenset(title_lkeys)):
            if self._original(i) not in t.title_keys:
                continue
            a = self.starts[i]
            positions.add(a)
            for j in self._window(a - reach, a - 1):
                if self._original(j) in t.pre_keys:
                    positions.add(self.starts[j])
        return finditer_at(pattern, self.text, sorted(positions), self.start, self.end)

    def described(self, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
        """Described actors: determiners, a demonym or state, modifiers, then a head noun."""
        t = self.tables
        if not (self.ok and t.described_ok):
            return pattern.finditer(self.text, self.start, self.end)
        reach = t.described_before + t.described_spaces * self.width
        starts = t.det_lkeys | t.dem_lkeys
        words, dems = self.words, t.dem_lkeys
        positions: set[int] = set()
        for i in self._where(t.head_last):
            a = self.starts[i]
            for j in self._window(a - reach, a):
                word = words[j]
                # A match starts at the demonym or at a determiner a few words before it.
                if word in dems or (
                    word in starts and any(w in dems for w in words[j + 1 : j + 1 + t.det_span])
                ):
                    positions.add(self.starts[j])
        return finditer_at(pattern, self.text, sorted(positions), self.start, self.end)

    def in_capital(self, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
        """Officials in a capital ("officials in Kabul"): a head noun, then "in" or "from"."""
        if not self.ok:
            return pattern.finditer(self.text, self.start, self.end)
        reach = 3 * (12 + self.width) + 2
        positions: set[int] = set()
        for i in self._where(_CAPITAL_HEADS):
            if i + 1 >= len(self.words) or self.words[i + 1] not in ("in", "from"):
                continue
            a = self.starts[i]
            for j in self._window(a - reach, a):
                if self.words[j] in _CAPITAL_DETS or self.words[j] in _CAPITAL_HEADS:
                    positions.add(self.starts[j])
        return finditer_at(pattern, self.text, sorted(positions), self.start, self.end)

    def of_state(self, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
        """A body or office of a state ("the government of Iran"): "of" before a state.

        The match starts at one of the few words before that "of" (a head noun of
        up to a few words, perhaps after "the"): all of them are tried.
        """
        t = self.tables
        if not self.ok:
            return pattern.finditer(self.text, self.start, self.end)
        words = self.words
        positions: set[int] = set()
        for i in self._where(frozenset({"of"})):
            if i + 1 < len(words) and words[i + 1] in t.name_lkeys:
                positions.update(self.starts[j] for j in range(max(0, i - _OF_REACH), i))
        return finditer_at(pattern, self.text, sorted(positions), self.start, self.end)

    def anaphors(self, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
        """Anaphors start with a pronoun, "both", "the", "you" or a head noun."""
        if not self.ok:
            return pattern.finditer(self.text, self.start, self.end)
        positions = [self.starts[i] for i in self._where(self.tables.anaphor_keys)]
        return finditer_at(pattern, self.text, positions, self.start, self.end)
