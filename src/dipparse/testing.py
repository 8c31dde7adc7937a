"""Hypothesis strategies that write diplomatic statements whose events are known.

Import this module in tests only: it needs Hypothesis (``pip install
'dipparse[test]'``), which ``import dipparse`` never loads.

Each generated `Statement` is composed from parts, and carries the `Expected`
event a parse must find in it:

- an actor from the rule sets' gazetteer: a state, its capital, a leader with
  or without a title ("Indian Prime Minister Narendra Modi"), an organisation, a
  national government ("the Indian government"), or "We"/"I" inside a
  quotation, which stands for the quotation's speaker;
- a frame: the kind's verb in one of several tenses and aspects (from the rule
  set's word lists), a passive with a ``by``-agent, a noun ("Turkey's offer",
  "Beijing's rejection of"), readiness ("is ready to"), or "X must ..." in
  someone's words;
- optional adverbs ("firmly", "once again"), negation, a hedge ("may",
  "reportedly"), a condition ("only if ..."), a date, reported or direct speech
  with varied attribution before or after the quotation (``said``, ``told
  reporters``, ``wrote on X``, ``stated``...);
- typography: straight or curly quotation marks and apostrophes, en and em
  dashes, non-breaking and thin spaces, all of the same length as the plain
  characters so that offsets do not move;
- unrelated context sentences before and after.

Everything is built from data, never from regular expressions: the word lists
and gazetteer of the rule sets you name (``"core-en"`` by default) and the
phrase templates of a `Phrasebook`. To property-test your own rule set, pass
it with a `Phrasebook` that says which of its lists hold each kind's verbs
(see ``docs/testing.md``)::

    from hypothesis import given
    import dipparse
    from dipparse.testing import KindPhrases, Phrasebook, check_statement, statements

    book = Phrasebook({"threat": KindPhrases(verb_lists=("threat_verbs",),
                                             complements=("sanctions against {target}",))})

    @given(statements(kinds=["threat"], rulesets=["core-en", my_rules], phrasebook=book))
    def test_threats(statement):
        check_statement(parser, statement)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal, TypeAlias

from attrs import evolve, field, frozen
from hypothesis import strategies as st

from dipparse.models import Document, Event
from dipparse.parser import Parser
from dipparse.rules import ActorEntry, RuleSet, coerce_rulesets

__all__ = [
    "CORE_EN_PHRASES",
    "ActorForm",
    "Condition",
    "Expected",
    "KindPhrases",
    "Phrasebook",
    "Plan",
    "Speech",
    "Statement",
    "Typography",
    "VerbForms",
    "Vocabulary",
    "check_statement",
    "compose",
    "document_spans",
    "documents",
    "event_problems",
    "find_event",
    "inflections",
    "is_refusal",
    "negatable",
    "noise_sentences",
    "plans",
    "statements",
    "typographies",
    "vocabulary",
]

RuleSetSpec: TypeAlias = str | Path | RuleSet
Person: TypeAlias = Literal["3s", "pl", "1s"]
Frame: TypeAlias = Literal["verb", "passive", "nominal", "readiness", "must"]
Tense: TypeAlias = Literal["past", "perfect", "present", "progressive", "future"]

# Markers in composed templates, replaced when a statement is rendered with its
# typography: an opening and a closing quotation mark, and a dash.
OPEN = "\ue000"
CLOSE = "\ue001"
DASH = "\ue002"

TENSES: tuple[Tense, ...] = ("past", "perfect", "present", "progressive", "future")


# ---------------------------------------------------------------------------
# Parts


@frozen
class VerbForms:
    """The inflections of one verb found in a word list; None where the list lacks one.

    ``particle`` holds what follows the verb in a multiword entry (" down" in
    "turn down"). ``participle`` is the past participle ("rejected",
    "shot down").
    """

    base: str | None
    third: str | None = None
    past: str | None = None
    participle: str | None = None
    gerund: str | None = None

    @property
    def lemma(self) -> str:
        """The first word of the base form (or of any form), for complement lookup."""
        for form in (self.base, self.past, self.third, self.gerund):
            if form:
                return form.split()[0]
        return ""

    def tenses(self) -> tuple[Tense, ...]:
        """The tenses this verb can be written in with the forms its list holds."""
        have: dict[Tense, str | None] = {
            "past": self.past,
            "perfect": self.participle,
            "present": self.third,
            "progressive": self.gerund,
            "future": self.base,
        }
        return tuple(t for t in TENSES if have[t])


@frozen
class ActorForm:
    """An actor as a statement writes it, and who a parse must resolve it to."""

    text: str
    name: str
    country: str | tuple[str, ...] | None
    kind: str
    person: Person = "3s"

    @property
    def countries(self) -> tuple[str, ...]:
        if self.country is None:
            return ()
        return (self.country,) if isinstance(self.country, str) else self.country


@frozen
class Condition:
    """A condition attached to the statement: ``cue`` then ``clause``, before or after."""

    cue: str
    clause: str
    leading: bool = False


@frozen
class Speech:
    """How the statement is reported: directly quoted or as reported speech.

    ``style`` is ``"after"`` (``"...," X said.``), ``"inverted"`` (``"...,"
    said X.``), ``"before"`` (``X said: "..."``) or ``"reported"`` (``X said
    that ...``). ``first_person`` makes the statement's subject "We" or "I",
    which stands for the speaker.
    """

    style: Literal["after", "inverted", "before", "reported"]
    speaker: ActorForm
    verb: str = "said"
    first_person: Literal["", "We", "I"] = ""


@frozen
class Typography:
    """Same-length spellings of quotation marks, apostrophes, dashes and spaces.

    ``spaces`` lists which spaces (by their index among the text's spaces) are
    written as ``space``.
    """

    quotes: Literal["straight", "curly", "guillemets"] = "straight"
    apostrophe: str = "'"
    dash: str = "-"
    space: str = "\u00a0"
    spaces: frozenset[int] = frozenset()

    def render(self, template: str) -> str:
        """The text of ``template`` with its markers and characters spelled this way."""
        opening, closing = {
            "straight": ('"', '"'),
            "curly": ("\u201c", "\u201d"),
            "guillemets": ("\u00ab", "\u00bb"),
        }[self.quotes]
        text = (
            template.replace(OPEN, opening)
            .replace(CLOSE, closing)
            .replace(DASH, self.dash)
            .replace("'", self.apostrophe)
        )
        if not self.spaces:
            return text
        chars = list(text)
        index = 0
        for i, ch in enumerate(chars):
            if ch == " ":
                if index in self.spaces:
                    chars[i] = self.space
                index += 1
        return "".join(chars)


@frozen
class Expected:
    """The event a parse must find in a statement.

    ``actor`` is the resolved name (``Actor.name``), ``country`` its code or
    codes. ``target`` is checked only when it is not None.
    """

    kind: str
    actor: str
    country: str | tuple[str, ...] | None
    target: str | None = None
    negated: bool = False
    hedged: bool = False
    conditional: bool = False
    quoted: bool = False
    speaker: str | None = None


@frozen
class Plan:
    """Every choice behind one statement; `compose` turns it into a `Statement`.

    Tests change one field with `attrs.evolve` (``negated``, ``speech``,
    ``typography``, ``before``/``after``) and compare the two parses.
    """

    kind: str
    frame: Frame
    actor: ActorForm
    target: ActorForm
    verb: VerbForms | None = None
    noun: str = ""
    complement: str = ""
    passive: tuple[str, str, str] = ("the proposal", "", "")
    tense: Tense = "past"
    adverb: str = ""
    negated: bool = False
    hedge: str = ""
    condition: Condition | None = None
    speech: Speech | None = None
    date: str = ""
    typography: Typography = Typography()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@frozen
class Statement:
    """A composed text, the event it states, and the plan it was written from.

    ``start`` and ``end`` delimit the statement itself inside ``text`` (the
    context sentences lie outside).
    """

    text: str
    expected: Expected
    plan: Plan
    start: int = 0
    end: int = field(default=-1)

    def __attrs_post_init__(self) -> None:
        if self.end < 0:
            object.__setattr__(self, "end", len(self.text))


# ---------------------------------------------------------------------------
# Phrase templates


@frozen
class KindPhrases:
    """Templates for one kind of statement.

    ``verb_lists`` and ``noun_lists`` name the rule set's ``[lists]`` that hold
    the kind's verbs and nouns. ``complements`` follow an active verb (``{target}``
    marks where the target goes); ``lemma_complements`` override them for a
    verb ("invite": "{target} to a summit"). ``extra_verbs`` adds multiword
    verbs the kind's patterns know but no list holds, as ``(base, third, past,
    gerund)``. ``frames`` lists the frames the kind can be written in.
    ``nominal`` holds noun phrases with ``{noun}`` and ``{actor}``;
    ``passive`` holds ``(subject, middle, tail)`` templates around
    "was <participle> [middle] by <actor> [tail]" (``lemma_passive`` overrides
    them for a verb); ``passive_participles``
    limits the passive to participles its rule knows (all when empty);
    ``readiness`` holds what follows "ready to".
    """

    verb_lists: tuple[str, ...] = ()
    noun_lists: tuple[str, ...] = ()
    complements: tuple[str, ...] = ("the proposal",)
    lemma_complements: Mapping[str, tuple[str, ...]] = field(factory=dict)
    extra_verbs: tuple[tuple[str, str, str, str], ...] = ()
    frames: tuple[Frame, ...] = ("verb",)
    nominal: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    passive: tuple[tuple[str, str, str], ...] = ()
    lemma_passive: Mapping[str, tuple[tuple[str, str, str], ...]] = field(factory=dict)
    passive_participles: tuple[str, ...] = ()
    readiness: tuple[str, ...] = ()
    readiness_lists: tuple[str, ...] = ()
    must: tuple[str, ...] = ()


@frozen
class Phrasebook:
    """Phrase templates per kind, and the words statements are decorated with."""

    kinds: Mapping[str, KindPhrases]
    adverbs: tuple[str, ...] = (
        "firmly",
        "once again",
        "swiftly",
        "publicly",
        "formally",
        "again",
        "also",
        "categorically",
        "flatly",
        "quickly",
        "promptly",
        "officially",
    )
    hedges: tuple[str, ...] = (
        "may",
        "might",
        "could",
        "is expected to",
        "is likely to",
        "is set to",
        "reportedly",
    )
    conditions: tuple[str, ...] = (
        "only if",
        "if",
        "unless",
        "provided that",
        "as long as",
        "so long as",
        "on condition that",
        "only when",
        "only after",
    )
    condition_clauses: tuple[str, ...] = (
        "the ceasefire holds",
        "sanctions are lifted",
        "the shelling stops",
        "talks resume next month",
        "its security concerns are addressed",
        "the prisoners are freed",
        "the truce is respected",
    )
    attributions: tuple[str, ...] = (
        "said",
        "told reporters",
        "wrote on X",
        "stated",
        "said in a statement",
        "told a news conference",
        "added",
        "posted on X",
        "declared",
    )
    dates: tuple[str, ...] = ("on Monday", "on Friday", "last week", "on May 3", "yesterday")
    # Readiness adjectives that read well before "to <verb>" ("open" wants "to <noun>").
    readiness_words: tuple[str, ...] = ("ready", "prepared", "willing", "available", "eager")


_PERSONS_REPORTED = ("said", "told reporters", "stated", "wrote on X", "added")

CORE_EN_PHRASES = Phrasebook(
    {
        "offer": KindPhrases(
            verb_lists=("offer_verbs",),
            noun_lists=("offer_nouns",),
            complements=("talks with {target}", "help to {target}"),
            lemma_complements={
                "offer": (
                    "to mediate between the two sides",
                    "to host talks with {target}",
                    "{target} security guarantees",
                    "to help {target}",
                ),
                "propose": ("a ceasefire", "talks with {target}", "a new round of talks"),
                "invite": ("{target} to a summit", "{target} to talks"),
                "pledge": ("aid to {target}", "support for the peace talks"),
                "volunteer": ("to mediate", "to host the talks"),
            },
            frames=("verb", "passive", "nominal", "readiness"),
            nominal=("{actor}'s {noun}", "an {noun} from {actor}"),
            passive=(("{target}", "talks ", ""), ("{target}", "security guarantees ", "")),
            lemma_passive={
                "propose": (("a ceasefire", "", ""), ("a new round of talks", "", "")),
                "invite": (("{target}", "to a summit ", ""), ("{target}", "to talks ", "")),
                "pledge": (("aid", "", ""), ("support for the peace talks", "", "")),
            },
            passive_participles=("offered", "proposed", "invited", "pledged"),
            readiness_lists=("readiness",),
            readiness=(
                "mediate between the two sides",
                "host talks",
                "resume talks with {target}",
                "help end the war",
            ),
        ),
        "rejection": KindPhrases(
            verb_lists=("reject_verbs",),
            complements=(
                "the proposal",
                "{target}'s offer",
                "the peace plan",
                "a proposal from {target}",
            ),
            lemma_complements={
                "refuse": ("the offer", "to attend the talks"),
                "decline": ("the invitation", "to attend the summit"),
                "deny": ("the request",),
                "rule": ("talks with {target}", "a ceasefire"),
                "walk": ("the talks",),
                "veto": ("the draft resolution",),
            },
            frames=("verb", "passive", "nominal"),
            nominal=(
                "{actor}'s rejection of the proposal",
                "{actor}'s refusal of the offer",
                "{actor}'s repudiation of the deal",
            ),
            passive=(("the proposal", "", ""), ("{target}'s offer", "", ""), ("the plan", "", "")),
            passive_participles=(
                "rejected",
                "refused",
                "rebuffed",
                "dismissed",
                "spurned",
                "turned down",
                "ruled out",
                "vetoed",
                "denied",
                "opposed",
                "declined",
                "snubbed",
            ),
        ),
        "acceptance": KindPhrases(
            verb_lists=("accept_verbs", "agree_verbs", "welcome_verbs"),
            complements=(
                "the proposal",
                "{target}'s offer",
                "the ceasefire plan",
                "an invitation from {target}",
            ),
            lemma_complements={
                "agree": (
                    "to the proposal",
                    "to {target}'s proposal",
                    "to a ceasefire",
                    "to hold talks with {target}",
                    "on a prisoner exchange",
                ),
                "consent": ("to the plan",),
                "ratify": ("the agreement", "the deal"),
                "approve": ("the deal", "the plan"),
                "welcome": ("{target}'s offer to mediate", "the proposal", "the peace plan"),
                "hail": ("{target}'s offer to mediate", "the peace plan"),
                "back": ("{target}'s proposal", "the peace plan"),
                "support": ("{target}'s proposal", "the peace plan"),
            },
            frames=("verb", "passive", "nominal"),
            nominal=(
                "{actor}'s acceptance of the proposal",
                "{actor}'s endorsement of the plan",
                "{actor}'s approval of the deal",
            ),
            passive=(("the proposal", "", ""), ("{target}'s offer", "", ""), ("the plan", "", "")),
            passive_participles=("accepted", "endorsed", "approved", "embraced"),
        ),
        "demand": KindPhrases(
            verb_lists=("demand_verbs",),
            noun_lists=("demand_nouns",),
            complements=("{target} to release the hostages", "{target} to return to talks"),
            lemma_complements={
                "demand": (
                    "that {target} withdraw its troops",
                    "the release of the hostages",
                    "an apology from {target}",
                ),
                "request": ("a meeting with {target}", "talks with {target}"),
            },
            extra_verbs=(
                ("call on", "calls on", "called on", "calling on"),
                ("appeal to", "appeals to", "appealed to", "appealing to"),
            ),
            frames=("verb", "passive", "nominal", "must"),
            nominal=("{actor}'s {noun} for a ceasefire", "{noun} from {actor} for a ceasefire"),
            nouns=(
                "demand",
                "demands",
                "call",
                "calls",
                "request",
                "requests",
                "appeal",
                "appeals",
            ),
            passive=(("{target}", "", " to release the hostages"),),
            passive_participles=("urged", "asked", "called on", "pressed", "requested"),
            must=(
                "{target} must withdraw its troops",
                "{target} must release the hostages",
                "{target} should immediately halt the shelling",
            ),
        ),
    }
)

# Predicates that end a sentence whose subject is a noun phrase ("Turkey's offer ...").
_NOMINAL_PREDICATES = ("came as a surprise", "drew criticism", "surprised diplomats")

_IRREGULAR = {
    "shoot": ("shot", "shot"),
    "throw": ("threw", "thrown"),
    "say": ("said", "said"),
    "seek": ("sought", "sought"),
    "take": ("took", "taken"),
    "make": ("made", "made"),
    "give": ("gave", "given"),
    "put": ("put", "put"),
    "send": ("sent", "sent"),
    "stand": ("stood", "stood"),
}


def inflections(words: Iterable[str]) -> tuple[VerbForms, ...]:
    """Group a word list into verbs by regular English inflection.

    ``["reject", "rejects", "rejected", "rejecting", "turn down", "turned down"]``
    gives two `VerbForms`. A word that no other word of the list inflects is
    left out (it cannot be put in more than one tense).
    """
    known = {w.strip() for w in words if w.strip()}
    out: list[VerbForms] = []
    for word in sorted(known):
        first, _, rest = word.partition(" ")
        tail = f" {rest}" if rest else ""

        def pick(candidates: Iterable[str], tail: str = tail) -> str | None:
            for c in candidates:
                if c + tail in known:
                    return c + tail
            return None

        doubled = first + first[-1:] if first[-1:] not in "aeiouwy" else first
        third = pick(
            [first + "s", first + "es"] + ([first[:-1] + "ies"] if first.endswith("y") else [])
        )
        irregular = _IRREGULAR.get(first)
        past = pick(
            ([irregular[0]] if irregular else [])
            + [first + "ed", first + "d", doubled + "ed"]
            + ([first[:-1] + "ied"] if first.endswith("y") else [])
        )
        participle = pick([irregular[1]]) if irregular else past
        e_drop = [first[:-1] + "ing"] if first.endswith("e") else []
        gerund = pick([first + "ing", *e_drop, doubled + "ing"])
        if (third or past or gerund) and not _inflected(first, tail, known):
            out.append(VerbForms(word, third, past, participle, gerund))
    return tuple(out)


def _takes_article(name: str) -> bool:
    """ "the United States", "the Netherlands", "the Republic of the Congo"."""
    words = name.split()
    return (
        any(w in ("Republic", "United", "Islands", "Kingdom", "States", "Emirates") for w in words)
        or name in ("Netherlands", "Philippines", "Gambia", "Bahamas", "Comoros", "Maldives")
        or name == "Holy See"
    )


def _inflected(first: str, tail: str, known: set[str]) -> bool:
    """Whether ``first`` is an inflection of another word of ``known`` ("rejects", "agreed")."""
    for suffix in ("ies", "ied", "es", "s", "ed", "d", "ing"):
        if first.endswith(suffix) and len(first) > len(suffix) + 2:
            stem = first[: -len(suffix)]
            stems = [stem, stem + "e", stem + "y", stem[:-1] if stem[-1:] == stem[-2:-1] else stem]
            if any(c + tail in known and c != first for c in stems):
                return True
    return False


# ---------------------------------------------------------------------------
# Vocabulary: what the rule sets provide


@frozen
class Vocabulary:
    """Actors and words read from rule sets, with the phrasebook that uses them."""

    states: tuple[ActorForm, ...]
    capitals: tuple[ActorForm, ...]
    leaders: tuple[ActorForm, ...]
    organisations: tuple[ActorForm, ...]
    governments: tuple[ActorForm, ...]
    verbs: Mapping[str, tuple[VerbForms, ...]]
    nouns: Mapping[str, tuple[str, ...]]
    words: Mapping[str, tuple[str, ...]]
    phrasebook: Phrasebook
    readiness: Mapping[str, tuple[str, ...]] = field(factory=dict)

    def actors(self) -> tuple[ActorForm, ...]:
        """All actor forms a statement may use as its actor."""
        return self.states + self.capitals + self.leaders + self.organisations + self.governments

    def speakers(self) -> tuple[ActorForm, ...]:
        """Actor forms that may speak: people, states and organisations."""
        return self.leaders + self.states + self.organisations

    @classmethod
    def from_rulesets(
        cls, rulesets: Sequence[RuleSetSpec], phrasebook: Phrasebook = CORE_EN_PHRASES
    ) -> Vocabulary:
        """Read actors and word lists from ``rulesets`` (merged as `Parser` merges them)."""
        loaded = coerce_rulesets(list(rulesets))
        lists: dict[str, tuple[str, ...]] = {}
        words: dict[str, tuple[str, ...]] = {}
        entries: list[ActorEntry] = []
        for rs in loaded:
            lists.update(rs.lists)
            for key, items in rs.words.items():
                words[key] = tuple(dict.fromkeys((*words.get(key, ()), *items)))
            entries.extend(rs.actors)
        # The later entry claiming a surface form owns it (as in Parser).
        owner: dict[str, int] = {}
        for i, entry in enumerate(entries):
            for form in (*entry.surface_forms(), *entry.demonyms):
                owner[form] = i
        places = {p for rs in loaded for p in rs.places}
        titles = set(words.get("titles", ()))

        def owned(form: str, i: int) -> bool:
            return owner.get(form) == i and form not in places and form[:1].isupper()

        national_forms = {
            form for e in entries if e.kind == "state" for form in (*e.surface_forms(), *e.demonyms)
        }
        states, capitals, leaders, orgs, governments = [], [], [], [], []
        demonym_of: dict[str, str] = {}
        for i, e in enumerate(entries):
            if e.kind == "state" and e.country:
                if owned(e.name, i):
                    text = f"the {e.name}" if _takes_article(e.name) else e.name
                    states.append(ActorForm(text, e.name, e.country, "state"))
                for capital in e.capitals:
                    if owned(capital, i):
                        capitals.append(ActorForm(capital, e.name, e.country, "state"))
                for demonym in e.demonyms:
                    if owner.get(demonym) == i:
                        demonym_of.setdefault(e.country, demonym)
                        governments.append(
                            ActorForm(f"the {demonym} government", e.name, e.country, "state")
                        )
        for i, e in enumerate(entries):
            if e.kind in ("leader", "official") and owned(e.name, i):
                leaders.append(ActorForm(e.name, e.name, e.country, e.kind))
                if e.role in titles:
                    leaders.append(ActorForm(f"{e.role} {e.name}", e.name, e.country, e.kind))
                    national = demonym_of.get(e.country or "")
                    if national:
                        text = f"{national} {e.role} {e.name}"
                        leaders.append(ActorForm(text, e.name, e.country, e.kind))
            elif e.kind in ("organisation", "group") and owned(e.name, i):
                # "the European Union", "the African Union"; "Hamas", "NATO". No article
                # before a name holding a national one: "the Cuban Foreign Ministry" and
                # "the Armed Forces of Ukraine" read as described states and resolve to
                # Cuba and Ukraine (as "the Indian government" does to India).
                padded = f" {e.name} "
                has_national = any(f" {form} " in padded for form in national_forms)
                text = f"the {e.name}" if " " in e.name and not has_national else e.name
                orgs.append(ActorForm(text, e.name, e.country, e.kind))
        verbs: dict[str, tuple[VerbForms, ...]] = {}
        nouns: dict[str, tuple[str, ...]] = {}
        readiness: dict[str, tuple[str, ...]] = {}
        for kind, phrases in phrasebook.kinds.items():
            readiness[kind] = tuple(
                w
                for name in phrases.readiness_lists
                for w in lists.get(name, ())
                if w in phrasebook.readiness_words
            )
            listed = [w for name in phrases.verb_lists for w in lists.get(name, ())]
            extra = tuple(VerbForms(b, t, p, p, g) for b, t, p, g in phrases.extra_verbs)
            verbs[kind] = inflections(listed) + extra
            listed_nouns = [w for name in phrases.noun_lists for w in lists.get(name, ())]
            nouns[kind] = tuple(n for n in listed_nouns if not phrases.nouns or n in phrases.nouns)
        return cls(
            tuple(states),
            tuple(capitals),
            tuple(leaders),
            tuple(orgs),
            tuple(governments),
            verbs,
            nouns,
            words,
            phrasebook,
            readiness,
        )


# Vocabularies by the identity of their rule sets and phrasebook (a RuleSet holds
# dicts and is not hashable); the values keep those objects alive.
_VOCABULARIES: dict[tuple[object, ...], tuple[Vocabulary, object]] = {}


def vocabulary(
    rulesets: RuleSetSpec | Sequence[RuleSetSpec] = "core-en",
    phrasebook: Phrasebook = CORE_EN_PHRASES,
) -> Vocabulary:
    """The `Vocabulary` of ``rulesets`` (a name, path, `RuleSet` or a list of them), cached."""
    specs = _ruleset_key(rulesets)
    key = (*(id(x) if isinstance(x, RuleSet) else x for x in specs), id(phrasebook))
    if key not in _VOCABULARIES:
        _VOCABULARIES[key] = (Vocabulary.from_rulesets(specs, phrasebook), (specs, phrasebook))
    return _VOCABULARIES[key][0]


def _ruleset_key(rulesets: RuleSetSpec | Sequence[RuleSetSpec]) -> tuple[RuleSetSpec, ...]:
    if isinstance(rulesets, str | Path | RuleSet):
        return (rulesets,)
    if not isinstance(rulesets, Sequence):
        raise TypeError(
            "rulesets must be a rule-set name, a path, a RuleSet or a list of them, "
            f"not {type(rulesets).__name__}"
        )
    return tuple(rulesets)


# ---------------------------------------------------------------------------
# Composition


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _conjugate(
    verb: VerbForms, tense: Tense, person: Person, negated: bool, adverb: str, hedge: str
) -> str:
    adv = f"{adverb} " if adverb else ""
    neg = "not " if negated else ""
    be = {"3s": "is", "pl": "are", "1s": "am"}[person]
    have = "has" if person == "3s" else "have"
    do = "does" if person == "3s" else "do"
    if hedge in ("may", "might", "could"):
        return f"{hedge} {neg}{adv}{verb.base}"
    if hedge == "reportedly":
        return f"reportedly did not {adv}{verb.base}" if negated else f"reportedly {adv}{verb.past}"
    if hedge:
        # "is expected to", "is likely to", "is set to"
        word = hedge.split()[1]
        return f"{be} {neg}{word} to {adv}{verb.base}"
    if tense == "past":
        return f"did not {adv}{verb.base}" if negated else f"{adv}{verb.past}"
    if tense == "perfect":
        return f"{have} {neg}{adv}{verb.participle}"
    if tense == "present":
        if negated:
            return f"{do} not {adv}{verb.base}"
        return f"{adv}{verb.third if person == '3s' else verb.base}"
    if tense == "progressive":
        return f"{be} {neg}{adv}{verb.gerund}"
    return f"will {neg}{adv}{verb.base}"


def _subject(plan: Plan) -> tuple[str, Person, ActorForm]:
    """The subject as written, its person, and the actor it resolves to."""
    speech = plan.speech
    if speech is not None and speech.first_person and speech.style != "reported":
        # Lower case: the clause may follow a condition; the sentence start is capitalised.
        if speech.first_person == "We":
            return "we", "pl", speech.speaker
        return "I", "1s", speech.speaker
    return plan.actor.text, plan.actor.person, plan.actor


def _clause(plan: Plan) -> tuple[str, ActorForm, str | None]:
    """The statement's main clause (no final stop), its actor and expected target."""
    target = plan.target
    complement = plan.complement.replace("{target}", target.text)
    expected_target = target.name if "{target}" in plan.complement else None
    subject, person, actor = _subject(plan)
    adv = f"{plan.adverb} " if plan.adverb else ""
    if plan.frame == "verb":
        assert plan.verb is not None
        phrase = _conjugate(plan.verb, plan.tense, person, plan.negated, plan.adverb, plan.hedge)
        clause = f"{subject} {phrase} {complement}".rstrip()
    elif plan.frame == "passive":
        assert plan.verb is not None
        patient, middle, tail = plan.passive
        subject_t = patient.replace("{target}", target.text)
        aux = {"past": "was", "perfect": "has been", "present": "is", "future": "will be"}.get(
            plan.tense, "was"
        )
        if plan.negated:
            first, _, rest = aux.partition(" ")
            aux = f"{first} not {rest}".rstrip()
        clause = f"{subject_t} {aux} {adv}{plan.verb.participle} {middle}by {actor.text}{tail}"
        expected_target = None
    elif plan.frame == "nominal":
        np = plan.complement.replace("{noun}", plan.noun).replace("{actor}", actor.text)
        clause = f"{np} {_NOMINAL_PREDICATES[len(np) % len(_NOMINAL_PREDICATES)]}"
        expected_target = None
    elif plan.frame == "readiness":
        be = {"past": "was", "perfect": "has been"}.get(plan.tense, "is")
        if person != "3s":
            be = {"was": "were", "has been": "have been", "is": "are"}[be]
            if person == "1s":
                be = {"were": "was", "have been": "have been", "are": "am"}[be]
        if plan.hedge in ("may", "might", "could"):
            be = f"{plan.hedge} be"
        if plan.negated:
            first, _, rest = be.partition(" ")
            be = f"{first} not {rest}".rstrip()
        ready = plan.noun or "ready"
        clause = f"{subject} {be} {adv}{ready} to {complement}"
    else:  # must: the statement is what the speaker demands of the target
        clause = complement
        expected_target = None
        assert plan.speech is not None
        actor = plan.speech.speaker
    if plan.date:
        clause = f"{clause} {plan.date}"
    if plan.condition is not None:
        c = plan.condition
        leading = f"{c.cue} {c.clause}, {clause}"
        clause = leading if c.leading else f"{clause} {c.cue} {c.clause}"
    return clause, actor, expected_target


# Acceptances whose negation in the present or future is a refusal ("will not
# accept", "does not support", "could not endorse", "did not welcome"): core-en reads
# them as rejections.
REFUSED_LEMMAS = ("accept", "agree", "endorse", "back", "support", "welcome")


def is_refusal(plan: Plan) -> bool:
    """Whether ``plan`` negates an acceptance in a way that states a refusal.

    "India will not accept the proposal" is a rejection, not a negated
    acceptance; "India did not accept the proposal" (past) stays a negated
    acceptance.
    """
    if plan.kind != "acceptance" or not plan.negated or plan.frame != "verb" or plan.verb is None:
        return False
    if plan.verb.lemma not in REFUSED_LEMMAS:
        return False
    if plan.verb.lemma == "agree" and not plan.complement.startswith("to "):
        return False
    if plan.verb.lemma == "welcome":
        # "did not welcome", "does not welcome" (with "do"); not "has not welcomed".
        return plan.hedge in ("", "reportedly") and (
            plan.hedge == "reportedly" or plan.tense in ("past", "present")
        )
    if plan.hedge:
        return plan.hedge == "could"
    return plan.tense in ("future", "present")


def negatable(plan: Plan) -> bool:
    """Whether the plan's frame can be negated ("did not reject", "was not rejected")."""
    if plan.frame == "verb":
        return plan.verb is not None and plan.verb.base is not None
    return plan.frame in ("passive", "readiness")


def _stop(sentence: str) -> str:
    """``sentence`` with a full stop, unless it ends in one ("... said Marcos Jr.")."""
    return sentence if sentence.endswith(".") else f"{sentence}."


def compose(plan: Plan) -> Statement:
    """The `Statement` a `Plan` describes: its text and the event it states."""
    clause, actor, expected_target = _clause(plan)
    speech = plan.speech
    quoted = False
    speaker: str | None = None
    if speech is None:
        body = f"{_cap(clause)}."
    else:
        who = speech.speaker.text
        inner = clause
        if speech.style == "after":
            body = f"{OPEN}{_cap(inner)},{CLOSE} {who} {speech.verb}."
        elif speech.style == "inverted":
            body = _stop(f"{OPEN}{_cap(inner)},{CLOSE} {speech.verb} {who}")
        elif speech.style == "before":
            body = f"{_cap(who)} {speech.verb}: {OPEN}{_cap(inner)}.{CLOSE}"
        else:
            body = f"{_cap(who)} {speech.verb} that {inner}."
        if speech.style != "reported":
            quoted, speaker = True, speech.speaker.name
    refusal = is_refusal(plan)
    expected = Expected(
        kind="rejection" if refusal else plan.kind,
        actor=actor.name,
        country=actor.country,
        target=expected_target,
        negated=plan.negated and not refusal,
        # "could not accept" is a refusal, not a hedged statement.
        hedged=bool(plan.hedge) and not (refusal and plan.hedge == "could"),
        conditional=plan.condition is not None,
        quoted=quoted,
        speaker=speaker,
    )
    before = "".join(f"{s} " for s in plan.before)
    after = "".join(f" {s}" for s in plan.after)
    # The spaces the typography names are counted in the statement itself, so that
    # context sentences around it do not move them.
    context = evolve(plan.typography, spaces=frozenset())
    text = context.render(before) + plan.typography.render(body) + context.render(after)
    start = len(before)
    return Statement(text, expected, plan, start, start + len(body))


# ---------------------------------------------------------------------------
# Strategies

_NOISE_SUBJECTS = (
    "Markets",
    "Trading on the exchange",
    "The weather",
    "Attendance at the fair",
    "Traffic",
    "The harvest",
    "Rainfall",
    "The museum",
    "Ticket sales",
    "The football season",
    "The morning train",
    "Fuel prices",
    "The festival",
)
_NOISE_PREDICATES = (
    "was calm",
    "remained steady",
    "picked up slightly",
    "was lighter than usual",
    "drew large crowds",
    "stayed mild",
    "rose by 2 percent",
    "fell sharply",
    "ended early",
    "was postponed because of rain",
    "continued as planned",
)


@st.composite
def noise_sentences(draw: st.DrawFn) -> str:
    """A sentence about nothing diplomatic: no actor, no trigger word, no quotation.

    About one in three joins two clauses with a dash (a `DASH` marker, spelled
    by the statement's typography).
    """
    subject = draw(st.sampled_from(_NOISE_SUBJECTS))
    predicate = draw(st.sampled_from(_NOISE_PREDICATES))
    if draw(st.integers(0, 2)) == 0:
        other = draw(st.sampled_from(_NOISE_PREDICATES))
        return f"{subject} {predicate} {DASH} and then {other}."
    return f"{subject} {predicate}."


@st.composite
def typographies(draw: st.DrawFn, *, plain: bool = False) -> Typography:
    """A `Typography`; ``plain=True`` gives only the straight ASCII one."""
    if plain:
        return Typography()
    return Typography(
        quotes=draw(st.sampled_from(("straight", "curly", "guillemets"))),
        apostrophe=draw(st.sampled_from(("'", "\u2019", "\u02bc"))),
        dash=draw(st.sampled_from(("-", "\u2013", "\u2014"))),
        space=draw(st.sampled_from(("\u00a0", "\u2009", "\u202f", "\u2002"))),
        spaces=frozenset(draw(st.lists(st.integers(0, 30), max_size=6))),
    )


def _actors_of(vocab: Vocabulary, kinds: Sequence[str]) -> tuple[ActorForm, ...]:
    pools = {
        "state": vocab.states,
        "capital": vocab.capitals,
        "leader": vocab.leaders,
        "organisation": vocab.organisations,
        "government": vocab.governments,
    }
    return tuple(a for k in kinds for a in pools[k])


ACTOR_POOLS = ("state", "capital", "leader", "organisation", "government")


@st.composite
def plans(
    draw: st.DrawFn,
    *,
    kinds: Sequence[str] | None = None,
    rulesets: RuleSetSpec | Sequence[RuleSetSpec] = "core-en",
    phrasebook: Phrasebook = CORE_EN_PHRASES,
    frames: Sequence[Frame] | None = None,
    actor_pools: Sequence[str] = ACTOR_POOLS,
    speech: bool | None = None,
    negated: bool | None = None,
    hedged: bool | None = None,
    conditional: bool | None = None,
    context: bool = True,
    typography: bool = True,
) -> Plan:
    """A `Plan` for one statement (see `statements` for the arguments)."""
    vocab = vocabulary(rulesets, phrasebook)
    kind_names = list(kinds) if kinds is not None else sorted(phrasebook.kinds)
    unknown = [k for k in kind_names if k not in phrasebook.kinds]
    if unknown:
        raise ValueError(f"kinds {unknown} have no phrases in the phrasebook")

    def frames_of(kind: str) -> list[Frame]:
        phrases = phrasebook.kinds[kind]
        verbs = vocab.verbs.get(kind, ())
        return [
            f
            for f in phrases.frames
            if (frames is None or f in frames)
            and (f != "verb" or verbs)
            and (f != "passive" or _passive_verbs(verbs, phrases))
            and (f != "nominal" or phrases.nominal)
            and (f != "readiness" or (phrases.readiness and vocab.readiness.get(kind, ())))
            and (f != "must" or (phrases.must and speech is not False))
            and (negated is not True or f in ("verb", "passive", "readiness"))
            and (hedged is not True or f in ("verb", "readiness"))
        ]

    possible = [k for k in kind_names if frames_of(k)]
    if not possible:
        raise ValueError(f"no frame of kinds {kind_names} fits these arguments")
    kind = draw(st.sampled_from(possible))
    phrases = phrasebook.kinds[kind]
    verbs = vocab.verbs.get(kind, ())
    frame: Frame = draw(st.sampled_from(frames_of(kind)))
    pool = _actors_of(vocab, actor_pools)
    if not pool:
        raise ValueError("the rule sets give no actors for these actor_pools")
    actor = draw(st.sampled_from(pool))
    states = [s for s in vocab.states if not set(s.countries) & set(actor.countries)]
    target = draw(st.sampled_from(states))
    speaker_pool = [
        s
        for s in vocab.speakers()
        if s.name not in (actor.name, target.name)
        and not set(s.countries) & (set(actor.countries) | set(target.countries))
    ]

    verb: VerbForms | None = None
    noun = ""
    complement = ""
    passive: tuple[str, str, str] = ("the proposal", "", "")
    tense: Tense = "past"
    if frame == "verb":
        verb = draw(st.sampled_from(verbs))
        tense = draw(st.sampled_from(verb.tenses()))
        options = phrases.lemma_complements.get(verb.lemma, phrases.complements)
        complement = draw(st.sampled_from(options))
    elif frame == "passive":
        verb = draw(st.sampled_from(_passive_verbs(verbs, phrases)))
        tense = draw(st.sampled_from(("past", "perfect", "present", "future")))
        passive = draw(st.sampled_from(phrases.lemma_passive.get(verb.lemma, phrases.passive)))
    elif frame == "nominal":
        complement = draw(st.sampled_from(phrases.nominal))
        if "{noun}" in complement:
            nouns = vocab.nouns.get(kind, ())
            if not nouns:
                raise ValueError(f"kind {kind!r} has nominal templates but no nouns")
            noun = draw(st.sampled_from(nouns))
            if complement.startswith("an ") and noun[:1] not in "aeiou":
                complement = "a " + complement[3:]
    elif frame == "readiness":
        noun = draw(st.sampled_from(vocab.readiness.get(kind, ())))
        complement = draw(st.sampled_from(phrases.readiness))
        tense = draw(st.sampled_from(("present", "past", "perfect")))
    else:
        complement = draw(st.sampled_from(phrases.must))

    negatable = frame in ("verb", "passive", "readiness") and (
        frame != "verb" or (verb is not None and verb.base is not None)
    )
    is_negated = negatable and (
        negated if negated is not None else draw(st.booleans()) and draw(st.booleans())
    )
    if negated and not is_negated:
        raise ValueError("negated=True needs a negatable frame")
    hedge = ""
    hedges = _hedges(vocab, phrasebook, frame, verb)
    if hedges and hedged is not False and (hedged or draw(st.integers(0, 3)) == 0):
        hedge = draw(st.sampled_from(hedges))
    adverb = ""
    if frame in ("verb", "passive", "readiness") and draw(st.booleans()):
        adverb = draw(st.sampled_from(phrasebook.adverbs))
    condition = None
    cues = [c for c in phrasebook.conditions if c in vocab.words.get("conditions", ())]
    if cues and conditional is not False and (conditional or draw(st.integers(0, 3)) == 0):
        condition = Condition(
            draw(st.sampled_from(cues)),
            draw(st.sampled_from(phrasebook.condition_clauses)),
            leading=draw(st.booleans()),
        )
    speech_plan = None
    want_speech = frame == "must" or (speech if speech is not None else draw(st.booleans()))
    if want_speech and speaker_pool:
        style = draw(st.sampled_from(("after", "inverted", "before", "reported")))
        if frame == "must" and speech is None:
            style = draw(st.sampled_from(("after", "inverted", "before", "reported")))
        speaker = draw(st.sampled_from(speaker_pool))
        if style == "inverted":
            verb_words = draw(st.sampled_from(("said", "added")))
        elif style == "reported":
            verb_words = draw(st.sampled_from(_PERSONS_REPORTED))
        else:
            verb_words = draw(st.sampled_from(phrasebook.attributions))
        first = ""
        if style != "reported" and frame in ("verb", "readiness") and draw(st.booleans()):
            first = draw(st.sampled_from(("We", "I")))
        speech_plan = Speech(style, speaker, verb_words, first)  # type: ignore[arg-type]
    elif frame == "must":
        raise ValueError("the 'must' frame needs speech and speakers")
    date = ""
    if frame != "must" and draw(st.integers(0, 3)) == 0:
        date = draw(st.sampled_from(phrasebook.dates))
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    if context:
        before = tuple(draw(st.lists(noise_sentences(), max_size=2)))
        after = tuple(draw(st.lists(noise_sentences(), max_size=2)))
    typo = draw(typographies(plain=not typography))
    return Plan(
        kind=kind,
        frame=frame,
        actor=actor,
        target=target,
        verb=verb,
        noun=noun,
        complement=complement,
        passive=passive,
        tense=tense,
        adverb=adverb,
        negated=is_negated,
        hedge=hedge,
        condition=condition,
        speech=speech_plan,
        date=date,
        typography=typo,
        before=before,
        after=after,
    )


def _passive_verbs(verbs: Sequence[VerbForms], phrases: KindPhrases) -> list[VerbForms]:
    out = [v for v in verbs if v.participle and (v.tenses() and v.participle)]
    if phrases.passive_participles:
        out = [v for v in out if v.participle in phrases.passive_participles]
    return out if phrases.passive else []


def _hedges(
    vocab: Vocabulary, phrasebook: Phrasebook, frame: Frame, verb: VerbForms | None
) -> list[str]:
    if frame not in ("verb", "readiness"):
        return []
    listed = set(vocab.words.get("hedges", ())) | set(vocab.words.get("sentence_hedges", ()))
    out = [h for h in phrasebook.hedges if h in listed]
    if frame == "readiness":
        return [h for h in out if h in ("may", "might", "could")]
    if verb is None or verb.base is None:
        out = [h for h in out if h == "reportedly"]
    if verb is None or verb.past is None:
        out = [h for h in out if h != "reportedly"]
    return out


def statements(
    *,
    kinds: Sequence[str] | None = None,
    rulesets: RuleSetSpec | Sequence[RuleSetSpec] = "core-en",
    phrasebook: Phrasebook = CORE_EN_PHRASES,
    frames: Sequence[Frame] | None = None,
    actor_pools: Sequence[str] = ACTOR_POOLS,
    speech: bool | None = None,
    negated: bool | None = None,
    hedged: bool | None = None,
    conditional: bool | None = None,
    context: bool = True,
    typography: bool = True,
) -> st.SearchStrategy[Statement]:
    """Statements with their expected events.

    ``kinds`` limits the kinds (default: every kind of the phrasebook);
    ``rulesets`` names where actors and word lists come from; ``frames``
    limits the frames (``"verb"``, ``"passive"``, ``"nominal"``,
    ``"readiness"``, ``"must"``); ``actor_pools`` limits actors to
    ``"state"``, ``"capital"``, ``"leader"``, ``"organisation"``,
    ``"government"``. ``speech``, ``negated``, ``hedged`` and ``conditional``
    force a feature on (True) or off (False), or leave it to chance (None).
    ``context=False`` leaves out the unrelated sentences around the statement;
    ``typography=False`` keeps plain ASCII quotes, apostrophes and spaces.
    """
    return plans(
        kinds=kinds,
        rulesets=rulesets,
        phrasebook=phrasebook,
        frames=frames,
        actor_pools=actor_pools,
        speech=speech,
        negated=negated,
        hedged=hedged,
        conditional=conditional,
        context=context,
        typography=typography,
    ).map(compose)


@st.composite
def documents(
    draw: st.DrawFn,
    *,
    min_statements: int = 1,
    max_statements: int = 4,
    rulesets: RuleSetSpec | Sequence[RuleSetSpec] = "core-en",
    phrasebook: Phrasebook = CORE_EN_PHRASES,
    kinds: Sequence[str] | None = None,
) -> tuple[str, tuple[Statement, ...]]:
    """A text of several statements, noise sentences and paragraph breaks.

    Returns the text and its statements, each with ``start``/``end`` set to
    where it stands in the text (check each with ``check_statement(...,
    doc=...)`` or `find_event` within those bounds).
    """
    parts = draw(
        st.lists(
            statements(kinds=kinds, rulesets=rulesets, phrasebook=phrasebook, context=False),
            min_size=min_statements,
            max_size=max_statements,
        )
    )
    text = ""
    placed: list[Statement] = []
    for statement in parts:
        for noise in draw(st.lists(noise_sentences(), max_size=2)):
            text += Typography().render(noise) + " "
        offset = len(text)
        placed.append(evolve(statement, start=offset + statement.start, end=offset + statement.end))
        text += statement.text
        text += draw(st.sampled_from((" ", "\n", "\n\n")))
    return text, tuple(placed)


# ---------------------------------------------------------------------------
# Checking


def _countries(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def find_event(
    doc: Document, expected: Expected, start: int = 0, end: int | None = None
) -> Event | None:
    """The event of ``doc`` of the expected kind and actor with its trigger in ``[start, end)``.

    Prefers one whose flags also agree, so that a second mention of the same
    actor does not hide the right one.
    """
    stop = len(doc.text) if end is None else end
    candidates = [
        e
        for e in doc.events
        if e.type == expected.kind
        and e.actor is not None
        and e.actor.name == expected.actor
        and start <= e.trigger.start < stop
    ]
    for e in candidates:
        if not event_problems(e, expected):
            return e
    return candidates[0] if candidates else None


def event_problems(event: Event, expected: Expected) -> list[str]:
    """How ``event`` differs from ``expected`` (an empty list when it agrees)."""
    problems = []
    if event.type != expected.kind:
        problems.append(f"type {event.type!r} != {expected.kind!r}")
    actor = event.actor
    if actor is None or actor.name != expected.actor:
        problems.append(f"actor {actor.name if actor else None!r} != {expected.actor!r}")
    elif set(actor.countries) != set(_countries(expected.country)):
        problems.append(f"actor country {actor.country!r} != {expected.country!r}")
    if expected.target is not None and (
        event.target is None or event.target.name != expected.target
    ):
        got = event.target.name if event.target else None
        problems.append(f"target {got!r} != {expected.target!r}")
    for flag in ("negated", "hedged", "conditional", "quoted"):
        if getattr(event, flag) != getattr(expected, flag):
            problems.append(f"{flag} {getattr(event, flag)} != {getattr(expected, flag)}")
    speaker = event.speaker.name if event.speaker else None
    if speaker != expected.speaker:
        problems.append(f"speaker {speaker!r} != {expected.speaker!r}")
    return problems


def _describe(doc: Document) -> str:
    rows = []
    for e in doc.events:
        flags = [f for f in ("negated", "hedged", "conditional", "quoted") if getattr(e, f)]
        rows.append(
            f"  {e.type} by {e.actor.name if e.actor else None!r} "
            f"-> {e.target.name if e.target else None!r} "
            f"[{','.join(flags)}] speaker={e.speaker.name if e.speaker else None!r} "
            f"rule={e.rule} trigger={e.trigger.text!r}"
        )
    return "\n".join(rows) or "  (no events)"


def check_statement(
    parser: Parser | None, statement: Statement, doc: Document | None = None
) -> Event:
    """Parse ``statement`` (or use ``doc``) and return the expected event.

    Raises `AssertionError` saying what was expected and what was found when
    no event of the expected kind and actor lies in the statement, or when
    its flags, target or speaker differ.
    """
    if doc is None:
        if parser is None:
            raise TypeError("check_statement needs a parser or a parsed doc")
        doc = parser.parse(statement.text)
    event = find_event(doc, statement.expected, statement.start, statement.end)
    if event is None:
        raise AssertionError(
            f"no {statement.expected.kind} by {statement.expected.actor!r} in "
            f"{doc.text[statement.start : statement.end]!r}\nexpected: {statement.expected}\n"
            f"found:\n{_describe(doc)}"
        )
    problems = event_problems(event, statement.expected)
    if problems:
        raise AssertionError(
            f"{'; '.join(problems)} in {doc.text[statement.start : statement.end]!r}\n"
            f"expected: {statement.expected}\nfound:\n{_describe(doc)}"
        )
    return event


def _is_pair(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    )


def document_spans(doc: Document) -> list[tuple[str, tuple[int, int], str | None]]:
    """Every offset pair `Document.to_dict` reports, as ``(where, (start, end), text)``.

    ``text`` is the text the dict gives for that pair (its sibling ``"text"``
    for a ``"span"``, ``"date_text"`` for ``"date_span"``), or None where it
    gives only offsets (sentences, quotation marks). A test asserts
    ``0 <= start <= end <= len(doc.text)`` and ``doc.text[start:end] == text``
    for each. The walk is generic: a field added to the schema is checked too.
    """
    out: list[tuple[str, tuple[int, int], str | None]] = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                path = f"{where}.{key}" if where else key
                if _is_pair(item):
                    sibling = {"span": "text", "date_span": "date_text"}.get(key)
                    text = value.get(sibling) if sibling else None
                    out.append((path, (item[0], item[1]), text if isinstance(text, str) else None))
                else:
                    walk(item, path)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if _is_pair(item):
                    out.append((f"{where}[{i}]", (item[0], item[1]), None))
                else:
                    walk(item, f"{where}[{i}]")

    walk(doc.to_dict(), "")
    return out
