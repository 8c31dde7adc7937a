"""Actor mentions: gazetteer names, titled people, described officials, joint actors, anaphors.

`Gazetteer` is built once from the rule sets' ``[[actors]]``, ``[places]`` and
``[words]`` tables; `Gazetteer.find` scans a normalised text and returns
`Mention` records in text order, the longest match winning where they overlap.
Anaphors ("it", "he", "both nations", "the government") are mentions too; the
extraction step resolves them against what came before.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property, partial
from itertools import pairwise
from typing import Any, cast

import regex
from attrs import evolve, frozen

from dipparse.rules import ActorEntry, DatedRole, role_on_day
from dipparse.scanning import (
    FormTable,
    GazetteerScan,
    TextScan,
    Words,
    finditer_at,
    regular_form,
    scan_at,
    trie_alternation,
)

# Internal mention kinds beyond the public actor kinds.
ANAPHOR = "anaphor"
PLACE = "place"


@frozen
class Mention:
    """A place in the (normalised) text that names or points at an actor."""

    start: int
    end: int
    name: str
    kind: str
    country: str | tuple[str, ...] | None = None
    role: str | None = None
    anaphor: str | None = None  # person, thing, plural, joint, speaker, government
    possessive: bool = False
    source: str = "gazetteer"
    members: tuple[Mention, ...] = ()
    # The actor an official speaks for ("a spokesman for Hamas": Hamas), which an "it"
    # after it may stand for.
    speaks_for: Mention | None = None

    @property
    def countries(self) -> tuple[str, ...]:
        if self.country is None:
            return ()
        if isinstance(self.country, str):
            return (self.country,)
        return self.country

    @property
    def is_person(self) -> bool:
        return self.kind in ("leader", "official")


@frozen
class _Entry:
    name: str
    kind: str
    country: str | None
    role: str | None


_DEFAULT_WORDS: Mapping[str, tuple[str, ...]] = {
    "titles": ("President", "Prime Minister", "Foreign Minister"),
    "official_nouns": ("official", "officials", "spokesperson", "spokesman", "diplomat"),
    "government_nouns": ("government", "foreign ministry", "administration"),
    "group_nouns": ("rebels", "opposition", "delegation", "coalition", "groups"),
    "modifiers": ("government", "foreign", "defence", "defense", "military", "security"),
    "determiners": ("a", "an", "the", "two", "several", "senior", "top"),
}


def _alternation(items: Iterable[str]) -> str:
    # A prefix tree matches what the flat "longest first" alternation matches, faster.
    return trie_alternation(items)


# The pieces of the patterns around their word lists, in the flags of the pattern
# each comes from (\p{Lu} and the letter classes differ a little with IGNORECASE).
_V1 = regex.VERSION1
_WORD_RUN = regex.compile(r"[\p{L}\p{N}]+")
_V0I = regex.VERSION0 | regex.IGNORECASE
_BOUNDARY_L = r"(?<![\p{L}\p{N}])"
_BOUNDARY_R = r"(?![\p{L}\p{N}]|-[\p{Lu}])"
_POSSESSIVE = r"(?P<pos>'s?(?![\p{L}]))?"
_QUALIFIERS = r"(?:former|then|ex-|outgoing|incoming|acting|late)"
_QUALIFIERS_TITLED = r"(?:former|then|ex-|outgoing|incoming|acting)"
# The first word of a name after its title: it ends in a letter (or is an initial),
# so the full stop of '... said King Willem-Alexander.' is not part of the name.
_TITLED_NAME = (
    r"(?P<name>\p{Lu}(?:[\p{L}'.-]*\p{L}|\.)"
    r"(?:\s+(?:(?:al|bin|de|van|von|der|el)[- ])?\p{Lu}[\p{L}'-]+){0,2})"
)
_CAPITAL_LEAD = (
    r"(?i:(?:the|a|an|senior|top|government|diplomatic|official|security|military"
    r"|intelligence|western|several|some|two|three)\s+){0,3}"
    r"(?i:officials?|sources?|diplomats?|junta|government|authorities|regime|leadership"
    r"|military|rulers|leaders)\s+(?:in|from)\s+"
)
_OF_HEADS = (
    r"|permanent\s+representative|ambassador|representative|delegation|foreign\s+minister"
    r"|prime\s+minister|president|king|emir|people|leaders?|envoy"
)
_SPACES_V1 = regex.compile(r"\s+", _V1)
_SPACES_AT_END = regex.compile(r"\s+$", _V1)
_LEFT_V1 = regex.compile(_BOUNDARY_L, _V1)
_LEFT_V0I = regex.compile(_BOUNDARY_L, _V0I)
_RIGHT_V1 = regex.compile(_BOUNDARY_R, _V1)
_RIGHT_V0I = regex.compile(_BOUNDARY_R, _V0I)
_AFTER_NAME = regex.compile(_BOUNDARY_R + _POSSESSIVE, _V1)
# Characters after a name that are neither a letter, a digit, "-" nor "'": the
# right boundary holds there, and no possessive follows.
_PLAIN_AFTER = frozenset(' \t\n\r,.;:!?()[]{}"')
_QUALIFIER = regex.compile(_QUALIFIERS + r"\s+", _V1)
_QUALIFIER_TITLED = regex.compile(_QUALIFIERS_TITLED + r"\s+", _V1)
_QUALIFIER_BEFORE = regex.compile(_QUALIFIERS + r"\s+\Z", _V1)
_CAPITAL_LEAD_RE = regex.compile(_BOUNDARY_L + _CAPITAL_LEAD, _V1)


class _Hit:
    """What `Gazetteer.find` reads of a match: its spans and their text, by group name."""

    __slots__ = ("_spans", "string")

    def __init__(self, string: str, start: int, end: int, **spans: tuple[int, int] | None) -> None:
        self.string = string
        self._spans: dict[str | int, tuple[int, int] | None] = {0: (start, end)}
        self._spans.update(spans)

    def _span(self, key: str | int) -> tuple[int, int] | None:
        return self._spans.get(key)

    def group(self, key: str | int = 0) -> Any:
        span = self._span(key)
        return None if span is None else self.string[span[0] : span[1]]

    def start(self, key: str | int = 0) -> int:
        span = self._span(key)
        return -1 if span is None else span[0]

    def end(self, key: str | int = 0) -> int:
        span = self._span(key)
        return -1 if span is None else span[1]


def _span(m: regex.Match[str], group: str) -> tuple[int, int] | None:
    return m.span(group) if m.group(group) is not None else None


_Match = regex.Match[str] | _Hit


class Gazetteer:
    """Finds actor mentions in normalised text, from rule-set data compiled once.

    Names, demonyms and capitals are found by dictionary: each pattern's word
    lists of thousands of forms are `FormTable` lookups at the places where the
    pattern can start (see `dipparse.scanning`), and the rest of the pattern is
    a small regex. The patterns with the word lists as alternations are kept as
    the reference (`exhaustive` scans, texts the fast scan cannot take); they
    are compiled only when first needed.
    """

    def __init__(
        self,
        entries: Sequence[ActorEntry],
        places: Sequence[str],
        words: Mapping[str, Sequence[str]],
    ) -> None:
        self._forms: dict[str, _Entry | None] = {}
        self._demonyms: dict[str, _Entry] = {}
        states: dict[str, _Entry] = {}
        # People whose roles have dates: name -> (plain role, dated roles).
        self._dated: dict[str, tuple[str | None, tuple[DatedRole, ...]]] = {}
        for entry in entries:
            dated = bool(entry.roles) and entry.kind in ("leader", "official")
            # A dated person's mentions carry only the text's title until the date is
            # applied (`find`): the plain role is for documents without a date.
            record = _Entry(entry.name, entry.kind, entry.country, None if dated else entry.role)
            if dated:
                self._dated[entry.name] = (entry.role, entry.roles)
            else:
                self._dated.pop(entry.name, None)
            for form in entry.surface_forms():
                self._forms[form] = record
            for demonym in entry.demonyms:
                self._demonyms[demonym] = record
            if entry.kind == "state" and entry.country:
                states[entry.country] = record
        for place in places:
            self._forms[place] = None
        self._states = states

        def w(key: str) -> tuple[str, ...]:
            return tuple(words.get(key, _DEFAULT_WORDS.get(key, ())))

        self._w = w
        self._prefixes = [
            *self._demonyms,
            *self._forms_of_kind("state"),
            *self._forms_of_kind("organisation"),
            *self._forms_of_kind("group"),
        ]
        self._name_table = FormTable(self._forms)
        self._prefix_table = FormTable(self._prefixes)
        self._state_table = FormTable(self._forms_of_kind("state"))

        titles = _alternation(w("titles"))
        heads_official = _alternation(w("official_nouns"))
        heads_government = _alternation(w("government_nouns"))
        determiners = _alternation(w("determiners"))
        modifiers = _alternation(w("modifiers"))
        # The small patterns that the table lookups are joined with.
        # The titles by their last word and what follows it ("Gen", ".").
        self._title_tails: dict[tuple[str, str], list[str]] = {}
        for title in w("titles"):
            runs = _WORD_RUN.findall(title)
            if runs:
                tail = title[title.rindex(runs[-1]) :]
                key = (runs[-1], tail[len(runs[-1]) :])
                self._title_tails.setdefault(key, []).append(title)
        self._title_tails_ok = all(
            regular_form(t) and _WORD_RUN.search(t) and t[-1] != " " for t in w("titles")
        )
        self._title_start = regex.compile(r"(?:" + titles + r")\s", _V1)
        self._title_end = regex.compile(r"(?P<title>" + titles + r")\s+$", _V1)
        self._titled_rest = regex.compile(
            r"(?P<title>" + titles + r")\s+" + _TITLED_NAME + _POSSESSIVE, _V1
        )
        self._determiner = regex.compile(r"(?:" + determiners + r")\s+", _V0I)
        self._described_rest = regex.compile(
            _described_tail(modifiers, heads_official, heads_government), _V0I
        )
        self._of_lead = regex.compile(
            _BOUNDARY_L + r"(?:the\s+)?(?P<head>" + heads_government + _OF_HEADS + r")\s+of\s+\Z",
            _V0I,
        )
        # Where a determiner could match in two ways at one place ("a", "a senior"),
        # or a head could begin with "the", the described and "of" scans take the
        # reference pattern: the lookups below assume one way.
        dets = [d.casefold() for d in w("determiners")]
        self._determiners_simple = not any(
            b.startswith(a + " ") for a in dets for b in dets if a != b
        )
        self._of_heads_simple = not any(
            h.casefold() == "the" or h.casefold().startswith("the ") for h in w("government_nouns")
        )
        self._of_reach = 2 + max(
            (len(_WORD_RUN.findall(h)) for h in (*w("government_nouns"), "foreign minister")),
            default=1,
        )

        self._official_nouns = frozenset(n.lower() for n in w("official_nouns"))
        # Nouns that describe a person after a name: officials and lower-case titles.
        self._person_nouns = frozenset(
            n.split()[-1] for n in (*self._official_nouns, *w("titles")) if n.islower()
        )
        # Words that may open an official's noun phrase: "the", "senior", "foreign".
        self._leading = frozenset(
            n.lower() for n in (*w("determiners"), *w("modifiers")) if " " not in n
        )
        # Heads of noun phrases that can act though the gazetteer does not name them.
        self.actor_heads = frozenset(
            n.lower().split()[-1]
            for key in ("official_nouns", "government_nouns", "group_nouns")
            for n in w(key)
        )
        self._anaphors = regex.compile(_anaphor_pattern(w), _V0I)

        # Where each pattern can match, for `find` (see dipparse.scanning): keep the
        # word lists there in step when a pattern starts with new words.
        self._scan = GazetteerScan(
            names=list(self._forms),
            prefixes=list(self._demonyms),
            titles=w("titles"),
            determiners=w("determiners"),
            modifiers=w("modifiers"),
            heads=(*w("official_nouns"), *w("government_nouns")),
            government_heads=w("government_nouns"),
        )

    @cached_property
    def _reference(self) -> _ReferencePatterns:
        """The patterns with their word lists as alternations, compiled on first use."""
        return _ReferencePatterns(self)

    def _forms_of_kind(self, kind: str) -> list[str]:
        return [f for f, e in self._forms.items() if e is not None and e.kind == kind]

    def state(self, country: str) -> str | None:
        """The canonical name of the state with this ISO code, if known."""
        entry = self._states.get(country)
        return entry.name if entry else None

    def is_demonym(self, word: str) -> bool:
        """Whether ``word`` is a national adjective ("Turkish", "Saudi")."""
        return word in self._demonyms

    def lookup(self, name: str) -> tuple[str, str | None] | None:
        """``(canonical name, country)`` of a surface form or demonym, if known."""
        entry = self._forms.get(name) or self._demonyms.get(name)
        if entry is None:
            return None
        return entry.name, entry.country

    # -- the patterns, by table lookup ----------------------------------------
    # Each ``_*_at`` is ``pattern.match(text, pos, end)`` of one reference pattern
    # (see _ReferencePatterns), trying the same choices in the same order: a word
    # list's forms longest first, optional parts present before absent.

    # The positions come from the word scan: each starts a word, so nothing but
    # the first word of the scanned stretch can have a letter or digit before it.

    def _name_at(self, scan: TextScan, text: str, pos: int, end: int) -> _Hit | None:
        if pos == scan.start and _LEFT_V1.match(text, pos) is None:
            return None
        for stop in self._name_table.ends(scan, pos, end):
            if stop >= end or text[stop] in _PLAIN_AFTER:
                return _Hit(text, pos, stop)  # the right boundary holds; no "'s"
            after = _AFTER_NAME.match(text, stop, end)
            if after is not None:
                return _Hit(text, pos, after.end(), pos=_span(after, "pos"))
        return None

    def _prefixed(
        self,
        scan: TextScan,
        text: str,
        pos: int,
        end: int,
        qualifier: regex.Pattern[str],
        rest: regex.Pattern[str],
    ) -> tuple[int, int, regex.Match[str]] | None:
        """``qualifier? (?:(?P<pfx>PREFIXES)(?:'s)?\\s+)? rest`` at ``pos``: the
        prefix's span (-1, -1 without one) and the match of ``rest``."""
        found = qualifier.match(text, pos, end)
        for at in (found.end(), pos) if found is not None else (pos,):
            for stop in self._prefix_table.ends(scan, at, end):
                for after in (stop + 2, stop) if text.startswith("'s", stop, end) else (stop,):
                    space = _SPACES_V1.match(text, after, end)
                    if space is not None:
                        m = rest.match(text, space.end(), end)
                        if m is not None:
                            return at, stop, m
            m = rest.match(text, at, end)
            if m is not None:
                return -1, -1, m
        return None

    def _titled_at(self, scan: TextScan, text: str, pos: int, end: int) -> _Hit | None:
        if pos == scan.start and _LEFT_V1.match(text, pos) is None:
            return None
        found = self._prefixed(scan, text, pos, end, _QUALIFIER_TITLED, self._titled_rest)
        if found is None:
            return None
        a, b, m = found
        return _Hit(
            text,
            pos,
            m.end(),
            pfx=(a, b) if a >= 0 else None,
            title=m.span("title"),
            name=m.span("name"),
            pos=_span(m, "pos"),
        )

    def _title_before(self, scan: TextScan, text: str, lo: int, hi: int) -> _Hit | None:
        """``_title_before.search(text, lo, hi)``: a title (perhaps after a qualifier
        and a national prefix) and white space up to ``hi``."""
        starts: set[int] = set()
        titles = self._title_starts(scan, text, lo, hi)
        if titles is None:  # the slow way: every title that ends there, by search
            titles = []
            at = lo
            while (title := self._title_end.search(text, at, hi)) is not None:
                titles.append(title.start())
                at = title.start() + 1
        for at in titles:
            starts.add(at)
            self._starts_before(scan, text, lo, at, starts)
        for pos in sorted(starts):
            found = self._prefixed(scan, text, pos, hi, _QUALIFIER, self._title_end)
            if found is not None:
                a, b, m = found
                pfx = (a, b) if a >= 0 else None
                return _Hit(text, pos, m.end(), pfx=pfx, title=m.span("title"))
        return None

    def _title_starts(self, scan: TextScan, text: str, lo: int, hi: int) -> list[int] | None:
        """Where the titles that end with the white space before ``hi`` start, by the
        word before that white space; None where the word scan cannot tell."""
        if not (scan.ok and self._title_tails_ok) or scan.irregular_in(lo, hi):
            return None
        if hi <= lo or _SPACES_V1.match(text, hi - 1, hi) is None:
            return []  # the pattern ends in white space
        stop = hi - 1
        while stop > lo and text[stop - 1] == " ":
            stop -= 1
        k = bisect_left(scan.starts, stop) - 1
        if k < 0:
            return []
        word = scan.originals[k]
        after = text[scan.starts[k] + len(word) : stop]
        found = []
        # The title's last word is the word there, or (a one-word title found
        # inside a word) the end of it.
        for cut in range(len(word)):
            for title in self._title_tails.get((word[cut:], after), ()):
                at = stop - len(title)
                if at >= lo and text.startswith(title, at):
                    found.append(at)
        return sorted(set(found))

    def _prefix_before(self, scan: TextScan, text: str, lo: int, hi: int) -> _Hit | None:
        """``prefix_before.search(text, lo, hi)``: a prefix and white space up to ``hi``."""
        starts: set[int] = set()
        self._prefix_starts(scan, text, lo, hi, starts)
        for pos in sorted(starts):
            for stop in self._prefix_table.ends(scan, pos, hi):
                for after in (stop + 2, stop) if text.startswith("'s", stop, hi) else (stop,):
                    m = _SPACES_AT_END.match(text, after, hi)
                    if m is not None:
                        return _Hit(text, pos, m.end(), pfx=(pos, stop))
        return None

    def _prefix_starts(self, scan: TextScan, text: str, lo: int, hi: int, out: set[int]) -> None:
        """Where a prefix, its "'s" and white space ending at ``hi`` can start."""
        run = hi
        while run > lo and _SPACES_V1.match(text, run - 1, hi) is not None:
            run -= 1
        if run == hi:
            return
        stops = [run]
        if run - 2 >= lo and text.startswith("'s", run - 2, run):
            stops.append(run - 2)
        for stop in stops:
            out.update(
                self._prefix_table.starts_before(text, lo, stop, scan.irregular_in(lo, stop))
            )

    def _starts_before(self, scan: TextScan, text: str, lo: int, hi: int, out: set[int]) -> None:
        """Where a qualifier, a prefix, or both, ending in white space at ``hi`` can start."""
        ends = {hi}
        prefixes: set[int] = set()
        self._prefix_starts(scan, text, lo, hi, prefixes)
        out.update(prefixes)
        for at in ends | prefixes:
            qualifier = _QUALIFIER_BEFORE.search(text, lo, at)
            if qualifier is not None:
                out.add(qualifier.start())

    def _described_at(self, scan: TextScan, text: str, pos: int, end: int) -> _Hit | None:
        if pos == scan.start and _LEFT_V0I.match(text, pos) is None:
            return None
        for det_end in self._determiner_ends(text, pos, end, 3):
            for stop in self._prefix_table.ends(scan, det_end, end):
                m = self._described_rest.match(text, stop, end)
                if m is not None:
                    return _Hit(
                        text,
                        pos,
                        m.end(),
                        det=(pos, det_end),
                        dem=(det_end, stop),
                        own=_span(m, "own"),
                        head=m.span("head"),
                        pos=_span(m, "pos"),
                    )
        return None

    def _determiner_ends(self, text: str, pos: int, end: int, most: int) -> list[int]:
        """Where ``(?:(?:DETERMINERS)\\s+){0,most}`` can end at ``pos``, in the order a
        greedy repeat tries them (more first)."""
        chain = [pos]
        while len(chain) <= most:
            m = self._determiner.match(text, chain[-1], end)
            if m is None:
                break
            chain.append(m.end())
        return chain[::-1]

    def _in_capital_at(self, scan: TextScan, text: str, pos: int, end: int) -> _Hit | None:
        lead = _CAPITAL_LEAD_RE.match(text, pos, end)
        if lead is None:
            return None
        at = lead.end()
        for stop in self._state_table.ends(scan, at, end):
            if _RIGHT_V1.match(text, stop, end) is not None:
                return _Hit(text, pos, stop, state=(at, stop))
        return None

    def _of_state_at(self, scan: TextScan, text: str, pos: int, end: int) -> _Hit | None:
        # The head ("government", "ministry of foreign affairs") is tried longest first:
        # the "of" furthest on that leads to a state wins.
        for at in scan.after_of(pos, self._of_reach):
            if at >= end:
                continue
            for stop in self._state_table.ends(scan, at, end):
                if _RIGHT_V0I.match(text, stop, end) is not None:
                    if self._of_lead.match(text, pos, at) is not None:
                        return _Hit(text, pos, stop, state=(at, stop))
                    break
        return None

    # -- scanning -----------------------------------------------------------

    def find(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        *,
        published: dt.date | None = None,
        words: Words | None = None,
    ) -> list[Mention]:
        """Actor mentions in ``text[start:end]``, in order, without overlaps.

        A person whose gazetteer entry has dated ``roles`` gets the role valid on
        ``published`` (see `dipparse.rules.role_on_day`); without a date, the
        plain role or the latest dated one. ``words``: the `Words` of that stretch,
        when another scan of it split it already.
        """
        mentions = self._find(text, start, end, words)
        if not self._dated:
            return mentions
        return [self._dated_role(m, published) for m in mentions]

    def _dated_role(self, mention: Mention, published: dt.date | None) -> Mention:
        if mention.members:
            members = tuple(self._dated_role(m, published) for m in mention.members)
            if members != mention.members:
                mention = evolve(mention, members=members)
        if mention.speaks_for is not None:
            speaks_for = self._dated_role(mention.speaks_for, published)
            if speaks_for != mention.speaks_for:
                mention = evolve(mention, speaks_for=speaks_for)
        if mention.kind not in ("leader", "official"):
            return mention
        dated = self._dated.get(mention.name)
        if dated is None:
            return mention
        plain, roles = dated
        # Before every range, the text's title ("President X"), if any.
        role = role_on_day(roles, plain, published, fallback=mention.role)
        return mention if role == mention.role else evolve(mention, role=role)

    def _find(
        self, text: str, start: int, end: int | None, words: Words | None = None
    ) -> list[Mention]:
        end = len(text) if end is None else end
        found: list[Mention] = []
        scan = self._scan.prepare(text, start, end, words)

        def run(
            positions: list[int] | None,
            fast: Callable[[TextScan, str, int, int], _Hit | None],
            ok: bool,
            reference: Callable[[], regex.Pattern[str]],
        ) -> Iterable[_Match]:
            if positions is None or not ok:
                return reference().finditer(text, start, end)
            return scan_at(partial(fast, scan), text, positions, start, end)

        def ref(name: str) -> Callable[[], regex.Pattern[str]]:
            return lambda: cast(regex.Pattern[str], getattr(self._reference, name))

        names = run(scan.names(), self._name_at, self._name_table.ok, ref("names"))
        for m in names:
            form = m.group()[: m.start("pos") - m.start()] if m.group("pos") else m.group()
            entry = self._forms.get(form)
            if entry is None:
                found.append(Mention(m.start(), m.end(), form, PLACE, source="place"))
                continue
            if (
                entry.kind == "state"
                and not m.group("pos")
                and _NAMED_BODY.match(text, m.end(), end)
            ):
                # "the Nigeria Football Federation", "a Warsaw court": not the state.
                found.append(Mention(m.start(), m.end(), form, PLACE, source="place"))
                continue
            mention = Mention(
                m.start(),
                m.end(),
                entry.name,
                entry.kind,
                entry.country,
                entry.role,
                possessive=bool(m.group("pos")),
            )
            if entry.kind in ("leader", "official"):
                mention = self._with_title(scan, text, mention, start)
                government = _LEADERS_GOVERNMENT.match(text, m.end(), end)
                state = self.state(entry.country) if entry.country else None
                if government is not None and state is not None:
                    # "the Biden administration", "Maduro's government": the state.
                    mention = Mention(
                        mention.start,
                        government.end(),
                        state,
                        "state",
                        entry.country,
                        source="description",
                    )
            found.append(mention)
        titled = run(scan.titled(), self._titled_at, self._prefix_table.ok, ref("titled_unknown"))
        for m in titled:
            country = self._country_of(m.group("pfx"))
            found.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group("name"),
                    "official" if "minister" in m.group("title").lower() else "leader",
                    country,
                    m.group("title"),
                    possessive=bool(m.group("pos")),
                    source="title",
                )
            )
        described = run(
            scan.described(),
            self._described_at,
            self._prefix_table.ok and self._determiners_simple,
            ref("described"),
        )
        for m in described:
            found.append(self._described_mention(m))
        in_capital = run(
            scan.in_capital(), self._in_capital_at, self._state_table.ok, ref("in_capital")
        )
        of_state = run(
            scan.of_state(),
            self._of_state_at,
            self._state_table.ok and self._of_heads_simple,
            ref("of_state"),
        )
        # "officials in Beijing", "the government of India": the state itself.
        for m in (*in_capital, *of_state):
            entry = self._forms[_squash(m.group("state"))]
            assert entry is not None
            found.append(
                Mention(
                    m.start(), m.end(), entry.name, "state", entry.country, source="description"
                )
            )
        positions = scan.anaphors()
        anaphors = (
            self._anaphors.finditer(text, start, end)
            if positions is None
            else finditer_at(self._anaphors, text, positions, start, end)
        )
        for a in anaphors:
            kind = a.lastgroup or "thing"
            kind = "joint" if kind == "jointbare" else kind
            possessive = kind.endswith("pos")
            kind = kind.removesuffix("pos")
            if kind == "half" and (
                not a.group()[-5:].istitle() or _CAPITALISED_NEXT.match(text, a.end())
            ):
                continue  # "the north of the country", "the South China Sea"
            if kind in ("government", "group") and a.group()[:1].isupper() and a.start() > 0:
                before = text[max(0, a.start() - 30) : a.start()].split()
                if before and before[-1][:1].isupper():
                    continue  # part of a name: "Indian Space Research Organisation"
            stop = a.end()
            # "the government's offer": the description's possessive.
            owns = text.startswith("'s", stop) and not text[stop + 2 : stop + 3].isalnum()
            if owns and not possessive and kind in _DESCRIPTION_KINDS:
                possessive, stop = True, stop + 2
            found.append(
                Mention(
                    a.start(),
                    stop,
                    a.group().lower(),
                    ANAPHOR,
                    anaphor=kind,
                    possessive=possessive,
                    source="anaphor",
                )
            )
        found = [
            self._with_nationality(self._complete_titled(m, text, end), text, start) for m in found
        ]
        found = [self._with_demonyms_before(m, text, start) for m in found]
        found.extend(_appositives(found, text, start, end, self._official_nouns))
        found.extend(self._described_names(found, text, start, end))
        found.extend(_surnames(found, text, end))
        mentions = _with_members(
            _join(_of_their_states(_without_overlaps(found), text), text), text
        )
        # "The foreign ministers of Egypt, Jordan and Qatar": of the joint mention.
        officials = _officials_of(mentions, text, start, self._official_nouns, self._leading)
        return _without_overlaps(mentions + officials) if officials else mentions

    def _described_names(
        self, found: list[Mention], text: str, start: int, end: int
    ) -> list[Mention]:
        """A name the gazetteer does not know, described right after it: "Hatice Cengiz,
        fiancée of journalist Jamal Khashoggi,", "Agnès Callamard, a UN rapporteur": a
        person, of the state of a demonym among the describing words ("Boniface Mwangi,
        a Kenyan activist"). The noun is an official noun or a title's last word. The
        name is a title's (``source="title"``): "Callamard encouraged" later is her too.
        """
        spans = sorted((m.start, m.end) for m in found)
        starts = [s for s, _ in spans]
        out: list[Mention] = []
        for described in _DESCRIPTION.finditer(text, start, end):
            words = described.group("words").split()
            noun = next((k for k, w in enumerate(words) if w.lower() in self._person_nouns), None)
            if noun is None:
                continue
            after = _APPOSITION_GOES_ON.match(
                text, described.start("words") + len(" ".join(words[: noun + 1]))
            )
            if after is None or (after.group("word") or ",").lower() not in _GOES_ON:
                continue  # "Marc Fogel, a US official said": a speaker, no apposition
            comma = described.start()
            name = _NAME_BEFORE_COMMA.search(text, max(start, comma - 80), comma)
            if name is None or not _NAME_WORDS.isdisjoint(name.group().lower().split()):
                continue  # "On Tuesday, the Greek prime minister": no name
            s, e = name.span()
            before = _WORD_BEFORE.search(text, max(start, s - 30), s)
            if before is not None and before.group("word")[:1].isupper():
                continue  # "Kenyan President William Ruto, ...": a title's name, known
            i = bisect_left(starts, e)
            if i and spans[i - 1][1] > s:
                continue  # a known name
            country = next(filter(None, map(self._country_of, words[:noun])), None)
            out.append(
                Mention(
                    s,
                    e,
                    name.group(),
                    "official" if "minister" in words[: noun + 1] else "leader",
                    country,
                    source="title",
                )
            )
        return out

    def _with_demonyms_before(self, m: Mention, text: str, floor: int) -> Mention:
        """ "Russian and Ukrainian negotiators": a described official of one demonym, after
        other demonyms joined by "and", is a joint mention of all their states."""
        if m.source != "description" or m.kind != "official" or not isinstance(m.country, str):
            return m
        before = _DEMONYMS_BEFORE.search(text, max(floor, m.start - 60), m.start)
        if before is None:
            return m
        codes: list[str] = []
        for word in _DEMONYM_WORDS.findall(before.group("dems")):
            # A national adjective, or a name in capitals used as one ("US, Egyptian and").
            known = self._demonyms.get(word) or (self._forms.get(word) if word.isupper() else None)
            if known is None or known.country is None:
                return m
            codes.append(known.country)
        codes.append(m.country)
        unique = tuple(dict.fromkeys(codes))
        if len(unique) < 2:
            return m
        return evolve(
            m, start=before.start(), name=text_words(text[before.start() : m.end]), country=unique
        )

    def _with_nationality(self, m: Mention, text: str, floor: int) -> Mention:
        """A titled person with no state, after a nationality and up to three more words.

        "Lebanese Social Affairs Minister Hector Hajjar", "Kenyan opposition leader Raila
        Odinga": the run found starts at the title; the nationality before the office's
        other words gives the state, and the mention starts there.
        """
        if m.source != "title" or m.country is not None:
            return m
        before = _NATIONALITY_BEFORE.search(text, max(floor, m.start - 60), m.start)
        if before is None:
            return m
        gap = before.group("gap").split()
        if any(w.lower() in _NOT_OFFICE_WORDS for w in gap):
            return m
        country = self._country_of(before.group("dem"))
        if country is None:
            return m
        return evolve(m, start=before.start("dem"), country=country)

    def _complete_titled(self, m: Mention, text: str, end: int) -> Mention:
        """A titled run that stops inside a known person's name, completed from the text.

        "Emir Tamim bin Hamad Al Thani" where the run stops at "Al": the name and up to
        three more words are looked up as a form; the longest known one wins.
        """
        # With or without a national prefix: "Qatari Emir Tamim bin Hamad Al Thani".
        if m.source != "title" or _squash(m.name) in self._forms:
            return m
        candidates: list[tuple[int, str]] = []
        pos, name = m.end, m.name
        for _ in range(3):
            word = _NEXT_WORD.match(text, pos, end)
            if word is None:
                break
            pos, name = word.end(), f"{name} {word.group(1)}"
            candidates.append((pos, name))
        for stop, name in reversed(candidates):
            # "Al Thani's acceptance": the name without its possessive, which the mention keeps.
            owned = name.endswith("'s")
            entry = self._forms.get(_squash(name[:-2] if owned else name))
            if entry is not None and entry.kind in ("leader", "official"):
                return evolve(
                    m,
                    end=stop,
                    name=entry.name,
                    kind=entry.kind,
                    country=entry.country,
                    possessive=owned or m.possessive,
                )
        return m

    def _country_of(self, prefix: str | None) -> str | None:
        if not prefix:
            return None
        prefix = _squash(prefix)
        entry = self._demonyms.get(prefix) or self._forms.get(prefix)
        return entry.country if entry else None

    def _with_title(self, scan: TextScan, text: str, mention: Mention, floor: int) -> Mention:
        window_start = max(floor, mention.start - 60)
        fast = self._prefix_table.ok and not self._scan.exhaustive
        m: _Match | None
        if fast:
            m = self._title_before(scan, text, window_start, mention.start)
        else:
            m = self._reference.title_before.search(text, window_start, mention.start)
        if m is None:
            if self._title_start.match(text, mention.start, mention.end) is None:
                return mention
            # "Danish King Frederik X", where "King Frederik X" is the name as listed.
            if fast:
                m = self._prefix_before(scan, text, window_start, mention.start)
            else:
                m = self._reference.prefix_before.search(text, window_start, mention.start)
            if m is None:
                return mention
            country = mention.country or self._country_of(m.group("pfx"))
            return evolve(mention, start=m.start(), country=country)
        country = mention.country or self._country_of(m.group("pfx"))
        return evolve(
            mention, start=m.start(), country=country, role=mention.role or m.group("title")
        )

    def _described_mention(self, m: _Match) -> Mention:
        dem = _squash(m.group("dem"))
        entry = self._demonyms.get(dem) or self._forms.get(dem)
        if entry is None:  # cannot happen while the pattern is built from these tables
            raise LookupError(f"described actor {dem!r} is not in the gazetteer")
        head = m.group("head").lower()
        det_end = m.end("det")
        if entry.kind in ("organisation", "group"):
            # "a Hamas official" is the phrase; "ASEAN foreign ministers" the organisation.
            plural = head.endswith("s") or head in ("authorities", "leadership")
            phrase = text_words(m.string[det_end : m.start("pos") if m.group("pos") else m.end()])
            return Mention(
                m.start(),
                m.end(),
                entry.name if plural or head not in self._official_nouns else phrase,
                entry.kind if plural or head not in self._official_nouns else "official",
                entry.country,
                source="description",
                possessive=bool(m.group("pos")),
            )
        if head in self._official_nouns:
            words = text_words(m.string[det_end : m.start("pos") if m.group("pos") else m.end()])
            return Mention(
                m.start(),
                m.end(),
                words,
                "official",
                entry.country,
                source="description",
                possessive=bool(m.group("pos")),
            )
        return Mention(
            m.start(),
            m.end(),
            entry.name,
            "state",
            entry.country,
            source="description",
            possessive=bool(m.group("pos")),
        )


# "Russian and Ukrainian" (", Qatari" ...) right before a described official.
_DEMONYMS_BEFORE = regex.compile(
    r"(?<![\p{L}-])(?P<dems>\p{Lu}[\p{L}-]+(?:\s*,\s*\p{Lu}[\p{L}-]+)*),?\s+and\s+\Z", _V1
)
_DEMONYM_WORDS = regex.compile(r"\p{Lu}[\p{L}.-]+", _V1)

# Anaphors that are descriptions and may own a thing: "the government's offer".
_DESCRIPTION_KINDS = frozenset(("government", "organisation", "group", "title"))

_CAPITALISED_NEXT = regex.compile(r"\s+\p{Lu}", _V1)

# "Lebanese Social Affairs Minister": a nationality, then one to three words of the office.
_NATIONALITY_BEFORE = regex.compile(
    r"(?<![\p{L}-])(?P<dem>\p{Lu}\p{Ll}+)(?P<gap>(?:[ ]+[\p{L}-]+){1,3})[ ]+$", _V1
)
# Words that end a title's office: what comes before them is no nationality of it.
_NOT_OFFICE_WORDS = frozenset(
    "a an the to of for from by with and or but that this is are was were has have had "
    "said says told in on at as after before".split()
)


def _anaphor_pattern(w: Callable[[str], tuple[str, ...]]) -> str:
    heads_government = _alternation(w("government_nouns"))
    # Singular nouns that are as often adjectives or other senses ("an official statement").
    official = [
        n
        for n in w("official_nouns")
        if n not in ("official", "source", "chief", "mission", "side", "leader", "delegation")
    ]
    # One person named by office ("the minister", "the spokeswoman"); the rest (plural
    # "the officials", "the delegates") stand for their state as a government does.
    titles = _alternation(
        n for n in official if n in _PERSON_NOUNS or n.split()[-1] in _PERSON_NOUNS
    )
    anaphor_heads = _alternation(
        n for n in official if not (n in _PERSON_NOUNS or n.split()[-1] in _PERSON_NOUNS)
    )
    return (
        _BOUNDARY_L + r"(?:(?P<joint>(?:both|the\s+two)\s+(?:nations|countries|sides|neighbou?rs|"
        r"governments|leaders|states|parties|capitals|rivals|adversaries|powers)"
        r"|you\s+both|both\s+of\s+you)"
        + r"|(?P<jointbare>both)(?=\s+(?:have|had|has|agreed|accepted|rejected|said|will"
        r"|would|are|were|sides)\b)" + r"|(?P<person>he|she"
        r"|the\s+(?:king|queen|emir|sultan|crown\s+prince|pope|chancellor|premier))"
        # "her government", "its foreign ministry": the state of whom the pronoun names.
        + r"|(?P<owned>(?:his|her|its|their)\s+(?:"
        + heads_government
        + r"))"
        # "The statement demanded that Israel halt its strikes": whoever issued it.
        + r"|(?P<statement>the\s+(?:joint\s+)?(?:statement|letter|communiqu[eé]|declaration))"
        # "the North rejected Seoul's call": North Korea, North Sudan... named before.
        + r"|(?P<half>the\s+(?:north|south))"
        # "its neighbour welcomed the offer": the other state.
        + r"|(?P<neighbour>(?:its|their)\s+(?:[\w-]+\s+)?(?:neighbou?rs?|counterparts?))"
        + r"|(?P<personpos>his|her)(?=\s+(?:[\w-]+\s+){0,2}?(?:offer|proposal|invitation|demand"
        r"|call|request|rejection|refusal|acceptance|appeal|plan|initiative)s?\b)"
        + r"|(?P<thingpos>its)"
        + r"|(?P<pluralpos>their)"
        + r"|(?P<thing>it)"
        + r"|(?P<plural>they)"
        # "Our country does not need lectures," Fico said: the speaker's state.
        + r"|(?P<ourstate>(?:our|my)\s+(?:country|nation|government|republic|kingdom))"
        + r"|(?P<speaker>we|i)"
        + (r"|(?P<title>the\s+(?:" + titles + r"))" if titles else "")
        # An organisation by its kind: "the agency was ready", "the bloc rejected".
        + r"|(?P<organisation>the\s+(?:bloc|alliance|union|organi[sz]ation|agency|league))"
        # A bare noun is a modifier as often as a noun ("military tensions"): the
        # government, the ministry, the country need their article; plural
        # officials and authorities do not.
        + r"|(?P<government>the\s+(?:(?:country|kingdom|republic)'s\s+)?(?:"
        + heads_government
        + ("|" + anaphor_heads if anaphor_heads else "")
        + r"|country|kingdom|republic|territory|island)"
        # "rejected a government offer": the government of whom the sentence is about.
        + r"|(?<=(?<![\w-])an?\s)government(?=\s+(?:[\w-]+\s+)?(?:offer|proposal|plan"
        r"|initiative|request|demand|call)s?\b)"
        + r"|officials|authorities|diplomats|sources|negotiators|mediators|envoys)"
        + r"|(?P<group>(?:the\s+)?(?:group|militants|rebels|movement|militia|insurgents"
        r"|fighters)))" + _BOUNDARY_R
    )


# Office nouns that name one person ("the minister said"): a description of a person.
_PERSON_NOUNS = frozenset(
    "spokesperson spokesman spokeswoman envoy ambassador minister negotiator representative "
    "president commander mediator secretary secretary-general chairman chairwoman chair".split()
)


class _ReferencePatterns:
    """The gazetteer's patterns with their word lists as (prefix-tree) alternations.

    What `Gazetteer.find` finds is defined by these; the table lookups make the
    same matches without compiling them (about a second for the built-in lists).
    """

    def __init__(self, g: Gazetteer) -> None:
        w = g._w
        names = trie_alternation(g._forms, ignorecase=False)
        self.names = regex.compile(
            _BOUNDARY_L + "(?:" + names + ")" + _BOUNDARY_R + _POSSESSIVE, _V1
        )
        titles = _alternation(w("titles"))
        dem_or_state = trie_alternation(g._prefixes, ignorecase=False)
        self.title_before = regex.compile(
            r"(?:" + _QUALIFIERS + r"\s+)?"
            r"(?:(?P<pfx>" + dem_or_state + r")(?:'s)?\s+)?"
            r"(?P<title>" + titles + r")\s+$",
            _V1,
        )
        # For a name that starts with its title ("King Frederik X"): the national prefix.
        self.prefix_before = regex.compile(r"(?P<pfx>" + dem_or_state + r")(?:'s)?\s+$", _V1)
        self.titled_unknown = regex.compile(
            _BOUNDARY_L
            + r"(?:"
            + _QUALIFIERS_TITLED
            + r"\s+)?"
            + r"(?:(?P<pfx>"
            + dem_or_state
            + r")(?:'s)?\s+)?"
            + r"(?P<title>"
            + titles
            + r")\s+"
            + _TITLED_NAME
            + _POSSESSIVE,
            _V1,
        )
        heads_official = _alternation(w("official_nouns"))
        heads_government = _alternation(w("government_nouns"))
        modifiers = _alternation(w("modifiers"))
        determiners = _alternation(w("determiners"))
        self.described = regex.compile(
            _BOUNDARY_L
            + r"(?P<det>(?:(?:"
            + determiners
            + r")\s+){0,3})"
            # Names and demonyms keep their capitals ("Indian", not "indian"); the rest
            # of the description may be in any case.
            + r"(?P<dem>(?-i:"
            + dem_or_state
            + r"))"
            + _described_tail(modifiers, heads_official, heads_government),
            _V0I,
        )
        states = _alternation(g._forms_of_kind("state"))
        self.in_capital = regex.compile(
            _BOUNDARY_L + _CAPITAL_LEAD + r"(?P<state>" + states + r")" + _BOUNDARY_R, _V1
        )
        self.of_state = regex.compile(
            _BOUNDARY_L
            + r"(?:the\s+)?(?P<head>"
            + heads_government
            + _OF_HEADS
            + r")\s+of\s+(?P<state>(?-i:"
            + states
            + r"))"
            + _BOUNDARY_R,
            _V0I,
        )


# After a state's name, words that make it the name of something else.
_NAMED_BODY = regex.compile(
    r"\s+(?-i:Football|Cricket|Rugby|Olympic|Federation|Association|Airways|Airlines|Bank"
    r"|Corporation|Company|Electric|Power|Telecom|Petroleum|Railways|University|Stock"
    r"|Exchange|Herald|Tribune|Club)\b"
    r"|\s+(?:court|courts|tribunal|judge|judges|prosecutors?|police|stock\s+exchange|university"
    r"|zoo|club|team|squad|fans|residents|shoppers|consumers|investors|stocks|shares)\b"
)
# After a leader's name: "administration", "government" make the mention the state.
_LEADERS_GOVERNMENT = regex.compile(r"(?:'s)?\s+(?:administration|government|cabinet|regime)\b")


def text_words(text: str) -> str:
    """``text`` with runs of white space folded to one space."""
    return " ".join(text.split())


def _described_tail(modifiers: str, heads_official: str, heads_government: str) -> str:
    """What follows the demonym or state of a described actor ("Indian" + "'s senior
    government official"): up to three modifiers, then an actor noun, in the look-up and
    in the reference pattern alike."""
    return (
        r"(?P<own>'s)?(?:\s+(?:"
        + modifiers
        + r")){0,3}\s+(?P<head>"
        + heads_official
        + "|"
        + heads_government
        + r")"
        + _BOUNDARY_R
        + _POSSESSIVE
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


def _rank(m: Mention) -> tuple[bool, int, int]:
    # A name beats an anaphor it overlaps ("the State Department"); otherwise the
    # longest wins ("Pakistan-Occupied Kashmir" over "Pakistan"), a name before a place.
    order = {ANAPHOR: 0, PLACE: 1}.get(m.kind, 2)
    return (m.kind != ANAPHOR, m.end - m.start, order)


# A capitalised word (or "bin", "al" ...) right after a titled run.
_NEXT_WORD = regex.compile(r"[ \t]+(\p{Lu}[\p{L}\x27-]*|bin|al|ibn|de|da|van|von)(?![\p{L}])")


# ", Hanna Tetteh," (after an official's noun): two to five words of a name.
_APPOSED_NAME = regex.compile(
    r",[ ]+(?P<name>\p{Lu}[\p{L}\p{M}\x27’-]+(?:[ ]+(?:\p{Lu}[\p{L}\p{M}\x27’-]+"
    r"|bin|al|ibn|de|da|van|von|dos|du)){1,4})[ ]*,",
    _V1,
)
# A name, a comma, then up to four words, among them the describing noun: "Hatice
# Cengiz, fiancée of", "Agnès Callamard, a UN rapporteur".
_DESCRIPTION = regex.compile(
    r",[ ]+(?:(?:a|an|the)[ ]+)?(?P<words>[\p{L}-]+(?:[ ]+[\p{L}-]+){0,3})"
)
_NAME_BEFORE_COMMA = regex.compile(
    r"(?<![\p{L}\p{M}\x27’-])(?P<name>\p{Lu}[\p{L}\p{M}\x27’-]+(?:[ ]+(?:\p{Lu}[\p{L}\p{M}\x27’-]+"
    r"|bin|al|ibn|de|da|van|von|dos|du)){1,3})\Z",
    _V1,
)
# What follows a describing noun in an apposition: a comma or a preposition.
_APPOSITION_GOES_ON = regex.compile(r"[ ]*(?:,|(?P<word>\p{L}+))", _V1)
_GOES_ON = frozenset((",", "of", "for", "at", "to", "with", "in", "from", "and"))
# Words no name of a person holds: "On Tuesday, the president", "In March, the envoy".
_NAME_WORDS = frozenset(
    "on in at by for from of to the a an last late early this next monday tuesday wednesday"
    " thursday friday saturday sunday january february march april may june july august"
    " september october november december".split()
)
_LAST_WORD = regex.compile(r"[\p{L}-]+\Z", _V1)

# Words after which a noun phrase is no subject.
PREPOSITIONS = frozenset(
    """
    with from to of in on at by for against between among toward towards about over into
    including like than after before following amid despite under within without across
    behind beyond near upon via per through during regarding concerning
    """.split()
)

# "a spokesman for", "the leader of", "a delegation from": the words before the mention.
_OFFICIAL_OF = regex.compile(r"(?P<noun>\p{L}[\p{L}-]*)[ ]+(?:for|of|from)[ ]+(?:the[ ]+)?\Z", _V1)
_OFFICIAL_OF_ENDS = ("for ", "of ", "from ", "the ")
_WORD_BEFORE = regex.compile(r"(?P<word>\p{L}[\p{L}-]*)[ ]+\Z", _V1)
_ARTICLES = frozenset(("a", "an", "the"))


def _official_lead(
    text: str, start: int, m: Mention, nouns: frozenset[str]
) -> regex.Match[str] | None:
    """ "spokesman for (the)" right before ``m``, its noun one of ``nouns``."""
    if m.kind in (ANAPHOR, PLACE) or m.possessive or m.is_person:
        return None
    if not text.endswith(_OFFICIAL_OF_ENDS, start, m.start):
        return None  # the cheap test first: most mentions follow no preposition
    lead = _OFFICIAL_OF.search(text, max(start, m.start - 40), m.start)
    return lead if lead is not None and lead.group("noun").lower() in nouns else None


def _officials_of(
    found: list[Mention], text: str, start: int, nouns: frozenset[str], leading: frozenset[str]
) -> list[Mention]:
    """An official of a named actor: "a spokesman for the Chinese foreign ministry", "the
    foreign ministers of Egypt, Jordan and Qatar": one mention, of the actor's states.

    Without it the named actor sits after a preposition and is no subject, and "A
    spokesman for Hamas rejected the offer" had no actor. The noun is one of ``nouns``
    (the official nouns), the words before it ``leading`` ones (determiners and
    modifiers: "the", "senior", "foreign"); an anaphor, a place, a possessive or a
    person is no actor such an official speaks for.
    """
    out: list[Mention] = []
    for m in found:
        lead = _official_lead(text, start, m, nouns)
        if lead is None:
            continue
        first, before = lead.start(), ""
        for taken in range(4):  # up to three leading words; then the word before them
            word = _WORD_BEFORE.search(text, max(start, first - 30), first)
            before = word.group("word").lower() if word is not None else ""
            if word is None or taken == 3 or before not in leading:
                break
            first = word.start()
        if before in PREPOSITIONS and before != "by":
            continue  # "talks with the leaders of Hamas": Hamas, for an "it" after it
        named = text_words(text[first : m.end])
        head, _, rest = named.partition(" ")
        name = rest if head.lower() in _ARTICLES else named
        out.append(
            Mention(first, m.end, name, "official", m.country, source="description", speaks_for=m)
        )
    return out


def _appositives(
    found: list[Mention], text: str, start: int, end: int, nouns: frozenset[str]
) -> list[Mention]:
    """The name in apposition to an official: "the head of the UN mission, Hanna Tetteh,
    told", "Somaliland's president, Abdirahman Mohamed Abdullahi, said": a person, of
    the official's state when a described official ends at the comma.

    The noun before the comma is one of ``nouns`` (the official nouns). The name is a
    title's (``source="title"``): "Tetteh said" after it is her too. A name that
    holds a known mention is that mention's, not a person's.
    """
    spans = sorted((m.start, m.end) for m in found)
    starts = [s for s, _ in spans]
    ending = {m.end: m for m in found if not m.possessive}
    out: list[Mention] = []
    for apposed in _APPOSED_NAME.finditer(text, start, end):
        named = ending.get(apposed.start())
        official = named if named is not None and named.kind == "official" else None
        if named is not None and _official_lead(text, start, named, nouns) is not None:
            official = named  # "the head of the IAEA, Rafael Grossi,"
        else:
            noun = _LAST_WORD.search(text, max(start, apposed.start() - 30), apposed.start())
            if noun is None or noun.group().lower() not in nouns:
                continue
        s, e = apposed.span("name")
        i = bisect_left(starts, e)
        if i and spans[i - 1][1] > s:
            continue  # ", Iran and Iraq,": known names, no person
        words = text[max(start, apposed.start() - 40) : apposed.start()].lower()
        out.append(
            Mention(
                s,
                e,
                apposed.group("name"),
                "official" if "minister" in words else "leader",
                official.country if official is not None else None,
                source="title",
            )
        )
    return out


def _surnames(found: list[Mention], text: str, end: int) -> list[Mention]:
    """Later mentions of a titled person by surname alone: "Odinga said" after "Raila Odinga".

    Each is an anaphor (``anaphor="surname"``) that resolution ties to the full
    name before it; a name the gazetteer lists with its surname is found as a name.
    """
    first: dict[str, int] = {}
    for m in found:
        words = m.name.split()
        if m.kind in ("leader", "official") and m.source == "title" and len(words) > 1:
            surname = words[-1]
            if len(surname) > 2 and surname[:1].isupper() and surname[1:].islower():
                first[surname] = min(first.get(surname, m.end), m.end)
    out: list[Mention] = []
    for surname, after in first.items():
        at = text.find(surname, after, end)
        while at >= 0:
            stop = at + len(surname)
            if not (text[at - 1 : at].isalnum() or text[stop : stop + 1].isalnum()):
                owned = text.startswith("'s", stop)
                out.append(
                    Mention(
                        at,
                        stop + 2 if owned else stop,
                        surname,
                        ANAPHOR,
                        anaphor="surname",
                        possessive=owned,
                        source="anaphor",
                    )
                )
            at = text.find(surname, stop, end)
    return out


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    if not mentions:
        return []
    chosen: list[Mention] = []
    # One byte per character marks what is taken: checking a mention costs its
    # length, not the number already chosen (thousands of mentions in one text).
    taken = bytearray(max(m.end for m in mentions))
    for m in sorted(mentions, key=_rank, reverse=True):
        if 1 in taken[m.start : m.end]:
            continue
        chosen.append(m)
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=lambda m: m.start)


# "India and Pakistan", "Russia, China and Iran", "Iran and the United States".
_JOINER = regex.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$")
_BOTH = regex.compile(r"(?:both|the\s+two)\s+$", regex.IGNORECASE)


def _of_their_states(mentions: list[Mention], text: str) -> list[Mention]:
    """ "Muhammadu Buhari of Nigeria": one mention, the person's, so that "Presidents
    Muhammadu Buhari of Nigeria and Patrice Talon of Benin" joins the two people."""
    out: list[Mention] = []
    for m in mentions:
        person = out[-1] if out else None
        if (
            person is not None
            and person.is_person
            and not person.possessive
            and m.kind == "state"
            and person.country in (None, m.country)
            and text[person.end : m.start] == " of "
        ):
            out[-1] = evolve(person, end=m.end, country=m.country, possessive=m.possessive)
            continue
        out.append(m)
    return out


def _join(mentions: list[Mention], text: str) -> list[Mention]:
    """Fold "India and Pakistan" (and "A, B and C") into one joint mention."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        group = [mentions[i]]
        j = i + 1
        anded = False
        while j < len(mentions) and _joinable(group[-1], mentions[j], text):
            gap = text[group[-1].end : mentions[j].start]
            joins_with_and = "and" in gap or "&" in gap
            if anded and not joins_with_and:
                break  # "Moscow and Kyiv, the UAE foreign ministry said": the list has ended
            anded = anded or joins_with_and
            group.append(mentions[j])
            j += 1
        has_and = any(
            "and" in text[a.end : b.start] or "&" in text[a.end : b.start]
            for a, b in pairwise(group)
        )
        if len(group) > 1 and has_and and not group[-1].possessive:
            first = group[0]
            before = _BOTH.search(text, max(0, first.start - 10), first.start)
            start = before.start() if before else first.start
            codes: list[str] = []
            for g in group:
                codes.extend(c for c in g.countries if c not in codes)
            out.append(
                Mention(
                    start,
                    group[-1].end,
                    " and ".join(g.name for g in group),
                    "state" if all(g.kind == "state" for g in group) else "group",
                    tuple(codes) if codes else None,
                    source="joint",
                    members=tuple(group),
                )
            )
            i = j
        else:
            out.append(mentions[i])
            i += 1
    return out


_BODY_KINDS = frozenset(("state", "organisation", "group"))


# " — " or ", " between a body and the list of its members, and after the list.
_MEMBERS_OPEN = regex.compile(r"\s*(?:[—–]|--?|,)\s*(?:the\s+)?\Z", _V1)
_MEMBERS_CLOSE = regex.compile(r"\s*(?:[—–]|--?|,)", _V1)


def _with_members(mentions: list[Mention], text: str) -> list[Mention]:
    """ "the Quad — the United States, Saudi Arabia, Egypt and the UAE —": the body
    named by its members is those members, a joint actor from the body's name on."""
    out: list[Mention] = []
    for m in mentions:
        body = out[-1] if out else None
        if (
            body is not None
            and m.source == "joint"
            and body.kind in ("organisation", "group")
            and not body.possessive
            and _MEMBERS_OPEN.match(text, body.end, m.start) is not None
            and _MEMBERS_CLOSE.match(text, m.end) is not None
        ):
            out[-1] = evolve(m, start=body.start)
            continue
        out.append(m)
    return out


def _joinable(a: Mention, b: Mention, text: str) -> bool:
    if a.kind in (ANAPHOR, PLACE) or b.kind in (ANAPHOR, PLACE) or a.possessive:
        return False
    # "India and Pakistan", "Israel and Hamas", "Russia and the UN"; two people; not a
    # person and a state.
    people = a.is_person and b.is_person
    bodies = a.kind in _BODY_KINDS and b.kind in _BODY_KINDS
    if a.kind != b.kind and not people and not bodies:
        return False
    return bool(_JOINER.fullmatch(text[a.end : b.start]) or _JOINER.match(text[a.end : b.start]))
