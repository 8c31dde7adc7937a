"""Fast, exact stand-ins for ``pattern.finditer`` over whole texts.

The gazetteer's patterns hold large word lists (thousands of names) that a
regular-expression engine would try at every position of a text, and that
take about a second to compile. This module makes the same matches cheaply:

- `GazetteerScan` picks where a pattern can start: one pass splits the text
  into words, and sets of the words a pattern can start with (or must
  contain) pick the candidate positions; `scan_at` (and `finditer_at`, for a
  compiled pattern) tries a matcher at those positions in order, skipping
  positions inside the previous match, which is what ``finditer`` itself does.
- `FormTable` stands in for a word list inside a pattern: the forms that
  match at a position, found by the text's words in a dictionary and checked
  character by character, longest first, in the order an alternation tries
  them. The gazetteer joins these lookups with small regexes for the rest of
  each pattern (see `dipparse.actors`).
- `trie_alternation` writes a word list as a prefix tree (``Pak(?:istan|...)``)
  for the patterns that keep their lists (the gazetteer's reference patterns).

Each candidate rule below states what it relies on ("a name starts with the
first word of one of its forms"); ``tests/test_scanning.py`` checks the fast
scans and the reference patterns run over whole texts agree on varied text, in
case a pattern changes. Texts whose lower-casing changes their length, or that
hold characters that case-fold to ASCII letters without lower-casing to them,
are scanned with the reference patterns.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, compress
from operator import add
from typing import Protocol, TypeVar

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_WORD_SPLIT = regex.compile(r"([\p{L}\p{N}]+)")
# White space other than one plain space: where a form's space can match more text.
_IRREGULAR_WS = regex.compile(r"\s{2,}|[^\S ]")
_SPACES = regex.compile(r"\s+")
_UPPER = regex.compile(r"\p{Lu}")
_WS_RUN = regex.compile(r"\s{2,}")
# The characters a case-insensitive pattern matches as an ASCII letter that
# str.lower() does not turn into that letter (long s; dotted capital I).
_FOLD_TRAPS = ("\u017f", "\u0130")
# The one letter whose lower case depends on the letters around it (final sigma).
_CAPITAL_SIGMA = "\u03a3"
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
        "our",
        "my",
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
# The words after "the" where an anaphor starts with it, besides the first words of the
# official and government nouns (as in the gazetteer's anaphor pattern: keep them in
# step): "the two nations", "the king", "the joint statement", "the North", "the bloc",
# "the country", "the group".
_AFTER_THE = frozenset(
    """
    two king queen emir sultan crown pope chancellor premier joint statement letter
    communique communiqué declaration north south bloc alliance union organisation
    organization agency league country kingdom republic territory island group militants
    rebels movement militia insurgents fighters
    """.split()
)
# The heads of "the government of Iran" besides the government nouns (as in the
# gazetteer's pattern: keep them in step).
_OF_HEADS = (
    *("permanent representative", "ambassador", "representative", "delegation"),
    *("foreign minister", "prime minister", "president", "king", "emir", "people"),
    *("leader", "leaders", "envoy"),
)
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
    return scan_at(pattern.match, text, positions, start, end)


def scan_at(
    match: Callable[[str, int, int], M | None],
    text: str,
    positions: Iterable[int],
    start: int,
    end: int,
) -> Iterator[M]:
    """What ``finditer`` gives for a matcher ``match(text, pos, end)``, tried at ``positions``.

    ``positions`` must be sorted; a position inside the previous match is skipped,
    as ``finditer`` does.
    """
    last = start
    for pos in positions:
        if pos < last:
            continue
        if pos >= end:
            break
        found = match(text, pos, end)
        if found is not None:
            yield found
            last = max(found.end(), pos + 1)


class _Spanned(Protocol):
    def end(self) -> int: ...


M = TypeVar("M", bound=_Spanned)
_Form = tuple[str, tuple[str, ...] | None]  # a form, and its parts between spaces
_WordNode = dict[str, tuple["_WordNode", list[_Form]]]


def regular_form(form: str) -> bool:
    """A form whose spaces are single, inner and the only white space in it."""
    # Splitting at white space and joining with single spaces changes any other form.
    return " ".join(form.split()) == form


class FormTable:
    """Case-sensitive surface forms, matched at a position by dictionary, not by regex.

    A form matches where the text holds it with each of its spaces as a run of
    white space, which is what the form does in `trie_alternation` (and in a flat
    alternation ordered longest first). `ends` gives the ends of the forms that
    match at a position, longest first: the order in which such an alternation
    tries them. The table is exact only for `regular_form` forms that start with
    a letter or digit (``ok``); callers fall back to the pattern otherwise.
    """

    def __init__(self, forms: Iterable[str]) -> None:
        unique = sorted({f for f in forms if f}, key=lambda s: (-len(s), s))
        firsts = [first_word(f) for f in unique]
        self.ok = all(firsts) and all(map(regular_form, unique))
        self.forms = frozenset(unique)
        self.lengths = sorted({len(f) for f in unique})
        by_first: dict[str, list[_Form]] = {}
        # The forms by their words: each node maps a word to the node after it and
        # the forms that end with that word, longest first.
        self._words: _WordNode = {}
        for form, first in zip(unique, firsts, strict=True):
            entry = (form, tuple(form.split(" ")) if " " in form else None)
            by_first.setdefault(first, []).append(entry)
            node = self._words
            words = _WORD.findall(form)
            for k, word in enumerate(words):
                child = node.get(word)
                if child is None:
                    child = node[word] = ({}, [])
                if k == len(words) - 1:
                    child[1].append(entry)
                node = child[0]
        self._by_first = by_first
        self.first_words = frozenset(by_first)
        # The forms by their last four characters, and the shorter forms.
        by_tail: dict[str, list[str]] = {}
        for form in unique:
            if len(form) >= _TAIL:
                by_tail.setdefault(form[-_TAIL:], []).append(form)
        self._by_tail = by_tail
        self._short = frozenset(f for f in unique if len(f) < _TAIL)

    def ends(self, scan: TextScan, pos: int, end: int) -> list[int]:
        """Where the forms that match ``scan.text[pos:end]`` at ``pos`` end, longest first.

        A form that matches at ``pos`` and is followed by a character that is not
        a letter or digit (as every caller's pattern needs) has the words of the
        text there: the forms are looked up by the text's words from ``pos`` on
        (by the one word at ``pos`` where it does not start a word of ``scan``),
        then checked character by character.
        """
        text = scan.text
        starts = scan.starts
        i = bisect_left(starts, pos)
        buckets: list[list[_Form]] = []
        if i < len(starts) and starts[i] == pos:
            node = self._words
            originals = scan.originals
            for k in range(i, len(originals)):
                child = node.get(originals[k])
                if child is None:
                    break
                if child[1]:
                    buckets.append(child[1])
                node = child[0]
                if not node:
                    break
            buckets.reverse()  # more words first: the longer form
        else:
            first = _WORD.match(text, pos, end)
            if first is None:
                return []
            candidates = self._by_first.get(first.group())
            if candidates is None:
                return []
            buckets.append(candidates)
        out = []
        irregular = -1
        for bucket in buckets:
            for form, chunks in bucket:
                if text.startswith(form, pos, end):
                    out.append(pos + len(form))
                    continue
                if chunks is None:
                    continue
                if irregular < 0:
                    irregular = scan.next_irregular(pos)
                # White space other than single spaces within reach: match run by run.
                if irregular < pos + len(form):
                    stop = _walk(text, pos, end, chunks)
                    if stop >= 0:
                        out.append(stop)
        return out

    def starts_before(self, text: str, lo: int, stop: int, irregular: bool) -> list[int]:
        """Where the forms that end exactly at ``stop`` start, at or after ``lo``.

        ``irregular``: whether ``text[lo:stop]`` may hold white space other than
        single spaces. Forms may start inside a word (as a regex search finds them).
        """
        if not irregular:
            short = self._short
            found = [
                stop - n
                for n in range(1, _TAIL)
                if stop - n >= lo and text[stop - n : stop] in short
            ]
            for form in self._by_tail.get(text[stop - _TAIL : stop], ()) if stop >= _TAIL else ():
                if stop - len(form) >= lo and text.startswith(form, stop - len(form)):
                    found.append(stop - len(form))
            return found
        # Each run of white space as one space; ``where[i]``: the offset of squashed[i].
        pieces: list[str] = []
        where: list[int] = []
        at = lo
        for m in _SPACES.finditer(text, lo, stop):
            pieces.append(text[at : m.start()])
            where.extend(range(at, m.start()))
            pieces.append(" ")
            where.append(m.start())
            at = m.end()
        pieces.append(text[at:stop])
        where.extend(range(at, stop))
        squashed = "".join(pieces)
        size = len(squashed)
        return [
            where[size - n]
            for n in self.lengths
            if n <= size and squashed[size - n :] in self.forms
        ]


_TAIL = 4


def _walk(text: str, pos: int, end: int, chunks: tuple[str, ...]) -> int:
    """The end of ``chunks`` joined by runs of white space at ``pos``, or -1."""
    for k, chunk in enumerate(chunks):
        if k:
            space = _SPACES.match(text, pos, end)
            if space is None:
                return -1
            pos = space.end()
        if not text.startswith(chunk, pos, end):
            return -1
        pos += len(chunk)
    return pos


def _words(items: Iterable[str]) -> int:
    return max((len(_WORD.findall(i)) for i in items), default=0)


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
        self.titled_ok = all(first_word(t) for t in titles)
        lower_prefixes = [p.lower() for p in (*prefixes, *names)]
        self.dem_lkeys = frozenset(first_word(p) for p in lower_prefixes) - {""}
        self.dem_keys = frozenset(first_word(p) for p in (*prefixes, *names)) - {""}
        dets = [d.lower() for d in determiners]
        self.det_lkeys = frozenset(first_word(d) for d in dets) - {""}
        self.det_words = frozenset(w for d in dets for w in _WORD.findall(d))
        # How many words the determiners before a demonym can take up.
        self.det_span = 3 * max((len(_WORD.findall(d)) for d in dets), default=0)
        self.head_last = frozenset(_WORD.findall(h.lower())[-1] for h in heads if _WORD.search(h))
        # Between a described actor's demonym (or name) and its head's last word: its
        # "'s", modifiers and the head's other words, in any case.
        self.between = frozenset(
            w for item in (*modifiers, *heads) for w in _WORD.findall(item.lower())
        ) | {"s"}
        self.between_most = 1 + 3 * _words(modifiers) + max(_words(heads) - 1, 0)
        self.dem_last_keys = frozenset(
            words[-1] for p in (*prefixes, *names) if (words := _WORD.findall(p))
        )
        self.dem_words = _words((*prefixes, *names))
        of_heads = (*government_heads, *_OF_HEADS)
        self.of_heads_last = frozenset(
            _WORD.findall(h.lower())[-1] for h in of_heads if _WORD.search(h)
        )
        self.of_head_words = _words(of_heads)
        self.government_first = frozenset(first_word(h.lower()) for h in government_heads) - {""}
        self.heads_first = frozenset(first_word(h.lower()) for h in heads) - {""}
        self.described_ok = all(first_word(p) for p in lower_prefixes) and all(
            first_word(d) for d in dets
        )
        self.anaphor_keys = _ANAPHOR_STARTS | self.heads_first
        self.after_the = _AFTER_THE | self.heads_first
        # True: every pattern runs over the whole text (the reference the tests use).
        self.exhaustive = False

    def prepare(self, text: str, start: int, end: int, words: Words | None = None) -> TextScan:
        """The word positions of ``text[start:end]`` that the scans share (``words``:
        that stretch's `Words`, when another scan split it already)."""
        return TextScan(self, text, start, end, words)


class Words:
    """The words (runs of letters and digits) of ``text[start:end]``, from one split.

    Every scan of a stretch that looks words up (the gazetteer's, the date scan's)
    can share one: ``starts`` (offsets in ``text``), ``words`` (lower-cased) and
    ``originals`` (as written) are filled only when ``ok``: when lower-casing keeps
    the text's length and no character of it case-folds to an ASCII letter without
    lower-casing to it. Then a word's lower-cased form and its form as written are
    the same run of the text (lower-casing keeps a letter or digit one, and a
    character that is neither so): the runs of the lower-cased text are the text's.
    """

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        end = len(text) if end is None else end
        self.text = text
        self.start = start
        self.end = end
        lowered = text.lower()
        self.ok = len(lowered) == len(text) and not (
            not text.isascii() and any(c in text for c in _FOLD_TRAPS)
        )
        self.starts: list[int] = []
        self.words: list[str] = []
        self.originals: list[str] = []
        if not self.ok:
            return
        if _CAPITAL_SIGMA in text:
            # Lower-casing reads a capital sigma's neighbours ("ΟΔΟΣ" ends in "ς"): the
            # words are cut from the lower-cased text.
            parts = _WORD_SPLIT.split(lowered[start:end])
            words = self.words = parts[1::2]
            starts = self.starts = list(accumulate(map(len, parts), initial=start))[1:-1:2]
            ends = map(add, starts, map(len, words))
            self.originals = list(map(text.__getitem__, map(slice, starts, ends)))
            return
        # One split of the text gives the words and what lies between them (``parts``:
        # between, word, between, ...), from which the starts add up; each word
        # lower-cased alone is the same run of the lower-cased text.
        parts = _WORD_SPLIT.split(text[start:end])
        originals = self.originals = parts[1::2]
        self.words = list(map(str.lower, originals))
        self.starts = list(accumulate(map(len, parts), initial=start))[1:-1:2]

    def starts_of(self, keys: frozenset[str]) -> list[int]:
        """Where the words that are ``keys`` as written start, in text order (``ok`` only)."""
        starts = self.starts
        return [
            starts[i] for i in compress(range(len(starts)), map(keys.__contains__, self.originals))
        ]


class TextScan:
    """Candidate positions in one text for each of the gazetteer's patterns."""

    def __init__(
        self,
        tables: GazetteerScan,
        text: str,
        start: int,
        end: int,
        words: Words | None = None,
    ) -> None:
        self.tables = tables
        self.text = text
        self.start = start
        self.end = end
        if words is None or words.text is not text or (words.start, words.end) != (start, end):
            words = Words(text, start, end)
        self.ok = not tables.exhaustive and words.ok
        self.starts: list[int] = []
        self.words: list[str] = []
        self.originals: list[str] = []
        self.width = 1
        # White space other than single spaces (see FormTable.ends): where it starts,
        # and how wide its widest run is.
        spans = [m.span() for m in _IRREGULAR_WS.finditer(text, start, end)]
        self.irregular = [a for a, _ in spans]
        self.irregular.append(len(text) + 1)
        if self.ok:
            self.starts, self.words, self.originals = words.starts, words.words, words.originals
            self.width = max((b - a for a, b in spans if b - a > 1), default=1)

    # -- helpers -------------------------------------------------------------------

    def _original(self, i: int) -> str:
        return self.originals[i]

    def _where(self, keys: frozenset[str], *, case: bool = False) -> list[int]:
        """Indexes of the words in ``keys`` (as written with ``case``), in text order."""
        words = self.originals if case else self.words
        return list(compress(range(len(words)), map(keys.__contains__, words)))

    def _window(self, lo: int, hi: int) -> range:
        return range(bisect_left(self.starts, lo), bisect_right(self.starts, hi))

    def next_irregular(self, pos: int) -> int:
        """The first place at or after ``pos`` with white space other than one space."""
        return self.irregular[bisect_left(self.irregular, pos)]

    def after_of(self, pos: int, reach: int) -> list[int]:
        """Starts of the words after an "of" among the ``reach`` words from ``pos`` on,
        the furthest first (``pos`` is the start of a word)."""
        i = bisect_left(self.starts, pos)
        words = self.words
        return [
            self.starts[j + 1]
            for j in range(min(len(words) - 2, i + reach), i, -1)
            if words[j] == "of"
        ]

    def irregular_in(self, lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` holds white space other than single spaces."""
        return self.next_irregular(lo) < hi

    # -- where each pattern can match (None: anywhere, run the pattern itself) ----

    def names(self) -> list[int] | None:
        """Gazetteer names: a name starts with the first word of one of its forms."""
        t = self.tables
        if not (self.ok and t.names_ok):
            return None
        keys = t.name_keys
        positions = [self.starts[i] for i in self._where(keys, case=True)]
        return positions

    def titled(self) -> list[int] | None:
        """Titled names: a title, perhaps after a qualifier and a state, demonym or body."""
        t = self.tables
        if not (self.ok and t.titled_ok):
            return None
        starts, originals = self.starts, self.originals
        positions: set[int] = set()
        for i in self._where(t.title_keys, case=True):
            # The match starts at the title, at a prefix that ends one word before
            # it (two, with "'s" between), or at a qualifier before either.
            firsts = [i]
            for k in (i - 1, i - 2):
                if k < 0 or (k == i - 2 and self.words[i - 1] != "s"):
                    break
                if originals[k] in t.dem_last_keys:
                    for j in range(max(0, k - t.dem_words + 1), k + 1):
                        if originals[j] in t.dem_keys:
                            firsts.append(j)
            for j in firsts:
                positions.add(starts[j])
                if j > 0 and originals[j - 1] in _QUALIFIERS:
                    positions.add(starts[j - 1])
        return sorted(positions)

    def described(self) -> list[int] | None:
        """Described actors: determiners, a demonym or state, modifiers, then a head noun."""
        t = self.tables
        if not (self.ok and t.described_ok):
            return None
        words, starts = self.words, self.starts
        # Demonyms and names keep their case in the pattern.
        dems = set(self._where(t.dem_keys, case=True))
        positions: set[int] = set()
        for i in self._where(t.head_last):
            # The demonym ends at a word before the head's last word with only its
            # "'s", modifiers and the head's other words between them.
            k = i - 1
            while k >= 0:
                if self._original(k) in t.dem_last_keys:
                    for d in range(max(0, k - t.dem_words + 1), k + 1):
                        if d not in dems:
                            continue
                        # A match starts at the demonym or at one of the determiners
                        # right before it.
                        positions.add(starts[d])
                        j = d - 1
                        while j >= 0 and d - j <= t.det_span and words[j] in t.det_words:
                            if words[j] in t.det_lkeys:
                                positions.add(starts[j])
                            j -= 1
                if i - k >= t.between_most + 1 or words[k] not in t.between:
                    break
                k -= 1
        return sorted(positions)

    def in_capital(self) -> list[int] | None:
        """Officials in a capital ("officials in Kabul"): a head noun, then "in" or "from"."""
        if not self.ok:
            return None
        reach = 3 * (12 + self.width) + 2
        positions: set[int] = set()
        for i in self._where(_CAPITAL_HEADS):
            if i + 1 >= len(self.words) or self.words[i + 1] not in ("in", "from"):
                continue
            a = self.starts[i]
            for j in self._window(a - reach, a):
                if self.words[j] in _CAPITAL_DETS or self.words[j] in _CAPITAL_HEADS:
                    positions.add(self.starts[j])
        return sorted(positions)

    def of_state(self) -> list[int] | None:
        """A body or office of a state ("the government of Iran"): "of" before a state.

        The match starts at one of the few words before that "of" (a head noun of
        up to a few words, perhaps after "the"): all of them are tried.
        """
        t = self.tables
        if not self.ok:
            return None
        words = self.words
        positions: set[int] = set()
        for i in self._where(frozenset({"of"})):
            if (
                0 < i < len(words) - 1
                and words[i - 1] in t.of_heads_last
                and self._original(i + 1) in t.name_keys
            ):
                # The head ends right before "of": the match starts at its first word
                # or at the "the" before it.
                first = max(0, i - 1 - t.of_head_words)
                positions.update(self.starts[j] for j in range(first, i))
        return sorted(positions)

    def anaphors(self) -> list[int] | None:
        """Anaphors start with a pronoun, "both", "the", "you" or a head noun; one that
        starts with "the" has one of a few words after it (a head's first word)."""
        if not self.ok:
            return None
        words, starts, after = self.words, self.starts, self.tables.after_the
        last = len(words) - 1
        return [
            starts[i]
            for i in self._where(self.tables.anaphor_keys)
            if words[i] != "the" or (i < last and words[i + 1] in after)
        ]
