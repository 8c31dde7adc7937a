"""Actor mentions: gazetteer names, titled people, described officials, joint actors, anaphors.

`Gazetteer` is built once from the rule sets' ``[[actors]]``, ``[places]`` and
``[words]`` tables; `Gazetteer.find` scans a normalised text and returns
`Mention` records in text order, the longest match winning where they overlap.
Anaphors ("it", "he", "both nations", "the government") are mentions too; the
extraction step resolves them against what came before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

import regex
from attrs import evolve, frozen

from dipparse.rules import ActorEntry
from dipparse.scanning import GazetteerScan, trie_alternation

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


class Gazetteer:
    """Finds actor mentions in normalised text, from rule-set data compiled once."""

    def __init__(
        self,
        entries: Sequence[ActorEntry],
        places: Sequence[str],
        words: Mapping[str, Sequence[str]],
    ) -> None:
        self._forms: dict[str, _Entry | None] = {}
        self._demonyms: dict[str, _Entry] = {}
        states: dict[str, _Entry] = {}
        for entry in entries:
            record = _Entry(entry.name, entry.kind, entry.country, entry.role)
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

        boundary_l = r"(?<![\p{L}\p{N}])"
        boundary_r = r"(?![\p{L}\p{N}]|-[\p{Lu}])"
        names = trie_alternation(self._forms, ignorecase=False)
        self._names = regex.compile(
            boundary_l + "(?:" + names + ")" + boundary_r + r"(?P<pos>'s?(?![\p{L}]))?",
            regex.VERSION1,
        )
        titles = _alternation(w("titles"))
        prefixes = [
            *self._demonyms,
            *self._forms_of_kind("state"),
            *self._forms_of_kind("organisation"),
            *self._forms_of_kind("group"),
        ]
        dem_or_state = trie_alternation(prefixes, ignorecase=False)
        self._title_before = regex.compile(
            r"(?:(?:former|then|ex-|outgoing|incoming|acting|late)\s+)?"
            r"(?:(?P<pfx>" + dem_or_state + r")(?:'s)?\s+)?"
            r"(?P<title>" + titles + r")\s+$",
            regex.VERSION1,
        )
        # For a name that starts with its title ("King Frederik X"): the national prefix.
        self._prefix_before = regex.compile(
            r"(?P<pfx>" + dem_or_state + r")(?:'s)?\s+$", regex.VERSION1
        )
        self._title_start = regex.compile(r"(?:" + titles + r")\s", regex.VERSION1)
        self._titled_unknown = regex.compile(
            boundary_l
            + r"(?:(?:former|then|ex-|outgoing|incoming|acting)\s+)?"
            + r"(?:(?P<pfx>"
            + dem_or_state
            + r")(?:'s)?\s+)?"
            + r"(?P<title>"
            + titles
            + r")\s+"
            # The first word ends in a letter (or is an initial): the full stop of
            # '... said King Willem-Alexander.' is not part of the name.
            + r"(?P<name>\p{Lu}(?:[\p{L}'.-]*\p{L}|\.)"
            + r"(?:\s+(?:(?:al|bin|de|van|von|der|el)[- ])?\p{Lu}[\p{L}'-]+){0,2})"
            + r"(?P<pos>'s?(?![\p{L}]))?",
            regex.VERSION1,
        )
        heads_official = _alternation(w("official_nouns"))
        # Singular nouns that are as often adjectives or other senses ("an official statement").
        anaphor_heads = _alternation(
            n
            for n in w("official_nouns")
            if n not in ("official", "source", "chief", "mission", "side", "leader", "delegation")
        )
        heads_government = _alternation(w("government_nouns"))
        modifiers = _alternation(w("modifiers"))
        determiners = _alternation(w("determiners"))
        self._official_nouns = {n.lower() for n in w("official_nouns")}
        # Heads of noun phrases that can act though the gazetteer does not name them.
        self.actor_heads = frozenset(
            n.lower().split()[-1]
            for key in ("official_nouns", "government_nouns", "group_nouns")
            for n in w(key)
        )
        self._described = regex.compile(
            boundary_l
            + r"(?P<det>(?:(?:"
            + determiners
            + r")\s+){0,3})"
            # Names and demonyms keep their capitals ("Indian", not "indian"); the rest
            # of the description may be in any case.
            + r"(?P<dem>(?-i:"
            + trie_alternation(prefixes, ignorecase=False)
            + r"))"
            + r"(?P<own>'s)?"
            + r"(?:\s+(?:"
            + modifiers
            + r")){0,3}\s+"
            + r"(?P<head>"
            + heads_official
            + "|"
            + heads_government
            + r")"
            + boundary_r
            + r"(?P<pos>'s?(?![\p{L}]))?",
            regex.VERSION0 | regex.IGNORECASE,
        )
        capitals = [f for f, e in self._forms.items() if e is not None and e.kind == "state"]
        self._in_capital = regex.compile(
            boundary_l
            + r"(?i:(?:the|a|an|senior|top|government|diplomatic|official|security|military"
            r"|intelligence|western|several|some|two|three)\s+){0,3}"
            + r"(?i:officials?|sources?|diplomats?|junta|government|authorities|regime|leadership"
            r"|military|rulers|leaders)\s+(?:in|from)\s+(?P<state>"
            + _alternation(capitals)
            + r")"
            + boundary_r,
            regex.VERSION1,
        )
        self._of_state = regex.compile(
            boundary_l
            + r"(?:the\s+)?(?P<head>"
            + heads_government
            + r"|permanent\s+representative|ambassador|representative|delegation|foreign\s+minister"
            + r"|prime\s+minister|president|king|emir|people|leaders?|envoy)\s+of\s+(?P<state>(?-i:"
            + _alternation(self._forms_of_kind("state"))
            + r"))"
            + boundary_r,
            regex.VERSION0 | regex.IGNORECASE,
        )
        self._anaphors = regex.compile(
            boundary_l
            + r"(?:(?P<joint>(?:both|the\s+two)\s+(?:nations|countries|sides|neighbou?rs|"
            r"governments|leaders|states|parties|capitals|rivals|adversaries|powers)"
            r"|you\s+both|both\s+of\s+you)"
            + r"|(?P<jointbare>both)(?=\s+(?:have|had|has|agreed|accepted|rejected|said|will"
            r"|would|are|were|sides)\b)" + r"|(?P<person>he|she"
            r"|the\s+(?:king|queen|emir|sultan|crown\s+prince|pope|chancellor|premier))"
            + r"|(?P<personpos>his|her)(?=\s+(?:[\w-]+\s+){0,2}?(?:offer|proposal|invitation|demand"
            r"|call|request|rejection|refusal|acceptance|appeal|plan|initiative)s?\b)"
            + r"|(?P<thingpos>its)"
            + r"|(?P<pluralpos>their)"
            + r"|(?P<thing>it)"
            + r"|(?P<plural>they)"
            + r"|(?P<speaker>we|i)"
            # A bare noun is a modifier as often as a noun ("military tensions"): the
            # government, the ministry, the country need their article; plural
            # officials and authorities do not.
            + r"|(?P<government>the\s+(?:(?:country|kingdom|republic)'s\s+)?(?:"
            + heads_government
            + "|"
            + anaphor_heads
            + r"|country|kingdom|republic|bloc|alliance|union|organi[sz]ation)"
            + r"|officials|authorities|diplomats|sources|negotiators|mediators|envoys)"
            + r"|(?P<group>(?:the\s+)?(?:group|militants|rebels|movement|militia|insurgents"
            r"|fighters)))" + boundary_r,
            regex.VERSION0 | regex.IGNORECASE,
        )

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

    # -- scanning -----------------------------------------------------------

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Actor mentions in ``text[start:end]``, in order, without overlaps."""
        end = len(text) if end is None else end
        found: list[Mention] = []
        scan = self._scan.prepare(text, start, end)
        for m in scan.names(self._names):
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
                mention = self._with_title(text, mention, start)
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
        for m in scan.titled(self._titled_unknown):
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
        for m in scan.described(self._described):
            found.append(self._described_mention(m))
        for m in scan.in_capital(self._in_capital):
            entry = self._forms[_squash(m.group("state"))]
            assert entry is not None
            found.append(
                Mention(
                    m.start(), m.end(), entry.name, "state", entry.country, source="description"
                )
            )
        for m in scan.of_state(self._of_state):
            entry = self._forms[_squash(m.group("state"))]
            assert entry is not None
            found.append(
                Mention(
                    m.start(), m.end(), entry.name, "state", entry.country, source="description"
                )
            )
        for m in scan.anaphors(self._anaphors):
            kind = m.lastgroup or "thing"
            kind = "joint" if kind == "jointbare" else kind
            possessive = kind.endswith("pos")
            kind = kind.removesuffix("pos")
            if kind in ("government", "group") and m.group()[:1].isupper() and m.start() > 0:
                before = text[max(0, m.start() - 30) : m.start()].split()
                if before and before[-1][:1].isupper():
                    continue  # part of a name: "Indian Space Research Organisation"
            found.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group().lower(),
                    ANAPHOR,
                    anaphor=kind,
                    possessive=possessive,
                    source="anaphor",
                )
            )
        return _join(_without_overlaps(found), text)

    def _country_of(self, prefix: str | None) -> str | None:
        if not prefix:
            return None
        prefix = _squash(prefix)
        entry = self._demonyms.get(prefix) or self._forms.get(prefix)
        return entry.country if entry else None

    def _with_title(self, text: str, mention: Mention, floor: int) -> Mention:
        window_start = max(floor, mention.start - 60)
        m = self._title_before.search(text, window_start, mention.start)
        if m is None:
            if self._title_start.match(text, mention.start, mention.end) is None:
                return mention
            # "Danish King Frederik X", where "King Frederik X" is the name as listed.
            m = self._prefix_before.search(text, window_start, mention.start)
            if m is None:
                return mention
            country = mention.country or self._country_of(m.group("pfx"))
            return evolve(mention, start=m.start(), country=country)
        country = mention.country or self._country_of(m.group("pfx"))
        return evolve(
            mention, start=m.start(), country=country, role=mention.role or m.group("title")
        )

    def _described_mention(self, m: regex.Match[str]) -> Mention:
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


def _squash(text: str) -> str:
    return " ".join(text.split())


def _rank(m: Mention) -> tuple[bool, int, int]:
    # A name beats an anaphor it overlaps ("the State Department"); otherwise the
    # longest wins ("Pakistan-Occupied Kashmir" over "Pakistan"), a name before a place.
    order = {ANAPHOR: 0, PLACE: 1}.get(m.kind, 2)
    return (m.kind != ANAPHOR, m.end - m.start, order)


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


def _join(mentions: list[Mention], text: str) -> list[Mention]:
    """Fold "India and Pakistan" (and "A, B and C") into one joint mention."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        group = [mentions[i]]
        j = i + 1
        while j < len(mentions) and _joinable(group[-1], mentions[j], text):
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


def _joinable(a: Mention, b: Mention, text: str) -> bool:
    if a.kind in (ANAPHOR, PLACE) or b.kind in (ANAPHOR, PLACE) or a.possessive:
        return False
    if a.kind != b.kind and not (a.is_person and b.is_person):
        return False
    return bool(_JOINER.fullmatch(text[a.end : b.start]) or _JOINER.match(text[a.end : b.start]))
