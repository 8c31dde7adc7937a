"""Typed, frozen records that a parse returns, and their JSON form.

Every offset in these models indexes the caller's original string: for any
``Span`` ``s`` of a ``Document`` ``d``, ``d.text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import IO, Any, ClassVar, Literal, TypeAlias

import attrs
from attrs import field, frozen

from dipparse.dates import DATE_BASES, DateBasis, basis_of

SCHEMA = "dipparse.document/3"
SCHEMAS: tuple[str, ...] = ("dipparse.document/1", "dipparse.document/2", SCHEMA)
TextMode: TypeAlias = Literal["full", "hash", "none"]
TEXT_MODES: tuple[str, ...] = ("full", "hash", "none")

# How an actor was resolved through another mention: `Actor.resolution` holds one of these ids.
RESOLUTIONS: Mapping[str, str] = {
    "speaker.quotation": "'we' or 'I' inside a quotation: the quotation's speaker",
    "speaker.reported": "'we' or 'I' reported without quotation marks: who is said to say it",
    "speaker.state": "'our country', 'my government' in a quotation: the speaker's state",
    "pronoun.object-control": "'urged Tokyo to honour its pledge': the object of the verb before",
    "pronoun.subject": "the nearest subject before it, in its sentence",
    "pronoun.salient": "the nearest agreeing subject in the sentences before",
    "pronoun.nearest": "the nearest agreeing mention in the sentences before",
    "joint.compound": "'both nations': the nearest joint actor ('India and Pakistan')",
    "joint.last-two": "'both nations', 'both leaders': the two states (people) named last",
    "government.of-person": "'the government' after a person: that person's state",
    "government.of-nationality": "'Kenyan unions rejected a government offer': that state",
    "surname.full-name": "a surname alone ('Odinga said'): the full name named before",
    "description.author": "'the statement', 'the letter': its author, named after it or before",
    "description.half": "'the North', 'the South': the nearest state named 'North ...'",
    "description.person": "'the minister': the nearest person of that office, else person",
    "description.organisation": "'the agency', 'the group': the nearest organisation or group",
    "description.owner": "'her government', 'its ministry': the state of who the pronoun names",
    "description.neighbour": "'its neighbour': the nearest state other than the pronoun's",
}

ActorKind: TypeAlias = Literal["state", "leader", "official", "organisation", "group"]
ACTOR_KINDS: tuple[str, ...] = ("state", "leader", "official", "organisation", "group")
Country: TypeAlias = str | tuple[str, ...] | None
BUILTIN_KINDS: tuple[str, ...] = ("offer", "acceptance", "rejection", "demand")


class Span:
    """A run of the original text: ``text == original[start:end]``.

    ``Span(start, end, text)`` holds its own copy of the words; `Span.of` points
    into the document's text instead and reads ``text`` from it on demand, so that
    the spans of a parse share one string rather than copying a string each.
    Either way a span is immutable, compares and hashes by ``(start, end, text)``.
    """

    __slots__ = ("_source", "_text", "end", "start")
    __match_args__ = ("start", "end", "text")

    start: int
    end: int
    _text: str | None
    _source: str | None

    def __init__(self, start: int, end: int, text: str) -> None:
        _check_offsets(start, end)
        if len(text) != end - start:
            raise ValueError(
                f"span text {text!r} has length {len(text)}, not end - start = {end - start}"
            )
        _set(self, start, end, text, None)

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """The span ``source[start:end]``, sharing ``source`` instead of copying its words."""
        _check_offsets(start, end)
        if end > len(source):
            raise ValueError(f"span end {end} is past the end of its text ({len(source)})")
        span = cls.__new__(cls)
        _set(span, start, end, None, source)
        return span

    @property
    def text(self) -> str:
        if self._text is not None:
            return self._text
        assert self._source is not None
        return self._source[self.start : self.end]

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Span)
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash((Span, self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Span(start={self.start!r}, end={self.end!r}, text={self.text!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Span, (self.start, self.end, self.text))

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": [self.start, self.end]}


def _check_offsets(start: int, end: int) -> None:
    for name, value in (("start", start), ("end", end)):
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")
    if end < start:
        raise ValueError(f"span end {end} is before its start {start}")


def _set(span: Span, start: int, end: int, text: str | None, source: str | None) -> None:
    setter = object.__setattr__
    setter(span, "start", start)
    setter(span, "end", end)
    setter(span, "_text", text)
    setter(span, "_source", source)


def _country(value: object) -> Country:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        bad = [v for v in value if not isinstance(v, str)]
        if bad:
            raise TypeError(f"country codes must be str, not {type(bad[0]).__name__}")
        codes = tuple(dict.fromkeys(value))
        # A list in JSON means a joint actor: one code is that code, none is no country.
        if len(codes) <= 1:
            return codes[0] if codes else None
        return codes
    raise TypeError(f"country must be a str, a sequence of str or None, not {type(value).__name__}")


@frozen
class Actor:
    """Who acts: a mention in the text and what it was resolved to.

    ``span`` points at the words that name the actor here (``"We"`` inside a
    quotation, ``"both nations"``); ``name``, ``country`` and ``kind`` say who
    they were resolved to. ``country`` is an ISO 3166-1 alpha-3 code, a tuple of
    codes for a joint actor ("India and Pakistan"), or ``None``.

    An actor found through another mention ("it", "the ministry", "we" inside a
    quotation) keeps where it was found: ``antecedent`` is the span of the
    mention it was resolved to (for a joint actor, from its first member to its
    last), and ``resolution`` the id of the resolution rule that chose it
    (``"pronoun.subject"``, ``"speaker.quotation"``...; see `RESOLUTIONS`). A
    name the gazetteer knows has neither.
    """

    span: Span
    name: str
    kind: ActorKind = field(validator=attrs.validators.in_(ACTOR_KINDS))
    country: Country = field(default=None, converter=_country)
    role: str | None = None
    source: str = "gazetteer"
    antecedent: Span | None = None
    resolution: str | None = field(default=None)

    @resolution.validator
    def _check_resolution(self, _: object, value: str | None) -> None:
        if (value is None) != (self.antecedent is None):
            raise ValueError(
                "an actor has both an antecedent and a resolution rule, or neither "
                f"(antecedent {self.antecedent!r}, resolution {value!r})"
            )

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def countries(self) -> tuple[str, ...]:
        """The actor's country codes as a tuple (empty when it has none)."""
        if self.country is None:
            return ()
        if isinstance(self.country, str):
            return (self.country,)
        return self.country

    def to_dict(self) -> dict[str, Any]:
        country = list(self.country) if isinstance(self.country, tuple) else self.country
        return {
            "text": self.span.text,
            "name": self.name,
            "country": country,
            "kind": self.kind,
            "role": self.role,
            "source": self.source,
            "span": [self.span.start, self.span.end],
            "antecedent": self.antecedent.to_dict() if self.antecedent else None,
            "resolution": self.resolution,
        }


def other_party(source: Actor, actor: Actor) -> bool:
    """Whether ``source`` speaks of another party than ``actor`` (`Event.claimed_by_other`).

    Two actors with states are other parties when they share none ("Baku" of
    "Yerevan"); a state and a group or organisation without one are too ("Hamas" of
    "Israel"). A person without a state may speak for either side: not marked.
    """
    mine, theirs = set(source.countries), set(actor.countries)
    if mine and theirs:
        return not mine & theirs
    if mine or theirs:
        stateless = actor if mine else source
        return stateless.kind in ("group", "organisation")
    return False


@frozen
class Quote:
    """A direct quotation: ``span`` covers the quotation marks, ``content`` the words."""

    span: Span
    content: Span
    speaker: Actor | None = None
    attribution: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.content.text,
            "span": [self.content.start, self.content.end],
            "outer": [self.span.start, self.span.end],
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
        }


@frozen(kw_only=True)
class Event:
    """One mention of a statement: what a rule found in one sentence.

    The four built-in kinds have their own classes (`Offer`, `Acceptance`,
    `Rejection`, `Demand`); a kind that a custom rule set adds is an `Event`
    whose ``type`` is that kind's name.

    ``actor`` is who offers, accepts, rejects or demands; ``source`` who states
    it: the speaker of a quotation, or the subject of the verb that reports it
    ("Baku said Yerevan had rejected the proposals": actor Armenia, source
    Azerbaijan; "Israel accused Hamas of rejecting": actor Hamas, source
    Israel). ``claimed_by_other`` marks an event that its source claims of
    another party: the source names neither the actor nor one of its states.
    ``source`` is ``None`` when the text states the event itself.
    """

    kind: ClassVar[str] = ""

    id: str
    type: str
    trigger: Span
    sentence: Span
    rule: str
    actor: Actor | None = None
    target: Actor | None = None
    content: Span | None = None
    negated: bool = False
    hedged: bool = False
    conditional: bool = False
    condition: Span | None = None
    quoted: bool = False
    speaker: Actor | None = None
    source: Actor | None = None
    claimed_by_other: bool = False
    date: dt.date | None = None
    date_text: Span | None = None
    date_basis: DateBasis = field(validator=attrs.validators.in_(DATE_BASES))
    topic: str | None = None
    cameo: str | None = None
    plover: str | None = None
    plover_mode: str | None = None
    group: str | None = None

    @date_basis.default
    def _date_basis(self) -> DateBasis:
        return basis_of(self.date, self.date_text.text if self.date_text else None)

    def __attrs_post_init__(self) -> None:
        if self.kind and self.type != self.kind:
            raise ValueError(
                f"{type(self).__name__} must have type {self.kind!r}, not {self.type!r}"
            )
        _check_basis(self.date, self.date_basis)

    def to_dict(self) -> dict[str, Any]:
        def opt(value: Span | Actor | None) -> dict[str, Any] | None:
            return value.to_dict() if value is not None else None

        return {
            "id": self.id,
            "type": self.type,
            "actor": opt(self.actor),
            "target": opt(self.target),
            "content": opt(self.content),
            "trigger": self.trigger.to_dict(),
            "negated": self.negated,
            "hedged": self.hedged,
            "conditional": self.conditional,
            "condition": opt(self.condition),
            "quoted": self.quoted,
            "speaker": opt(self.speaker),
            "source": opt(self.source),
            "claimed_by_other": self.claimed_by_other,
            "date": self.date.isoformat() if self.date else None,
            "date_basis": self.date_basis,
            "date_text": self.date_text.text if self.date_text else None,
            "date_span": [self.date_text.start, self.date_text.end] if self.date_text else None,
            "sentence": [self.sentence.start, self.sentence.end],
            "rule": self.rule,
            "topic": self.topic,
            "cameo": self.cameo,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "group": self.group,
        }


@frozen(kw_only=True)
class Offer(Event):
    """An actor offers, proposes or volunteers something to a target."""

    kind: ClassVar[str] = "offer"
    type: str = "offer"


@frozen(kw_only=True)
class Acceptance(Event):
    """An actor accepts, agrees to or welcomes what was offered or proposed."""

    kind: ClassVar[str] = "acceptance"
    type: str = "acceptance"


@frozen(kw_only=True)
class Rejection(Event):
    """An actor rejects, refuses or dismisses what was offered, proposed or claimed."""

    kind: ClassVar[str] = "rejection"
    type: str = "rejection"


@frozen(kw_only=True)
class Demand(Event):
    """An actor demands, urges or calls for something from a target."""

    kind: ClassVar[str] = "demand"
    type: str = "demand"


EVENT_CLASSES: Mapping[str, type[Event]] = {
    cls.kind: cls for cls in (Offer, Acceptance, Rejection, Demand)
}


@frozen(kw_only=True)
class EventGroup:
    """The mentions of one event in a document, merged, with the event it answers."""

    id: str
    type: str
    mentions: tuple[str, ...]
    actor: Actor | None = None
    target: Actor | None = None
    content: Span | None = None
    date: dt.date | None = None
    date_basis: DateBasis = field(validator=attrs.validators.in_(DATE_BASES))
    topic: str | None = None
    cameo: str | None = None
    plover: str | None = None
    plover_mode: str | None = None
    negated: bool = False
    responds_to: str | None = None

    @date_basis.default
    def _date_basis(self) -> DateBasis:
        return basis_of(self.date, None)

    def __attrs_post_init__(self) -> None:
        _check_basis(self.date, self.date_basis)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "actor": self.actor.to_dict() if self.actor else None,
            "target": self.target.to_dict() if self.target else None,
            "content": self.content.to_dict() if self.content else None,
            "date": self.date.isoformat() if self.date else None,
            "date_basis": self.date_basis,
            "topic": self.topic,
            "cameo": self.cameo,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "negated": self.negated,
            "mentions": list(self.mentions),
            "responds_to": self.responds_to,
        }


WARNING_CODES: tuple[str, ...] = ("rule-timeout", "topic-timeout")


@frozen(kw_only=True)
class ParseWarning:
    """Something a parse had to give up on, reported with the document instead of dropped.

    ``code`` says what: ``"rule-timeout"`` is a rule whose pattern ran out of
    time (`dipparse.rules.MATCH_TIMEOUT`) on one sentence, so that it found
    nothing there; ``rule`` is that rule's id and ``span`` the sentence (or the
    window of a very long sentence) it gave up on. ``"topic-timeout"``: a topic's
    pattern ran out of time on an event's words, so the event may lack that topic;
    ``rule`` is the topic's name.
    """

    code: str = field(validator=attrs.validators.in_(WARNING_CODES))
    message: str
    rule: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "span": [self.span.start, self.span.end] if self.span is not None else None,
            "message": self.message,
        }


@frozen(kw_only=True)
class Document:
    """A parsed text: its sentences, quotations, actor mentions, events and groups.

    ``warnings`` lists what the parse had to give up on (a rule that ran out of
    time on a sentence); it is empty for almost every text.
    """

    text: str
    published: dt.date | None = None
    sentences: tuple[Span, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    groups: tuple[EventGroup, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()

    def events_of(self, kind: str) -> tuple[Event, ...]:
        """The event mentions of one kind (``"offer"``, ``"rejection"``, ...)."""
        return tuple(e for e in self.events if e.type == kind)

    def to_dict(self, *, text: TextMode = "full") -> dict[str, Any]:
        """The document as plain data, in the ``dipparse.document/3`` schema.

        ``text`` says how the document's text is carried: ``"full"`` (the
        default) gives the text with its SHA-256 and length, so that
        `Document.from_dict` rebuilds the document alone; ``"hash"`` gives only
        the SHA-256 and length (``"text"`` is null: the text can be checked when
        it is given back, not recovered); ``"none"`` leaves all three null.
        """
        if text not in TEXT_MODES:
            raise ValueError(f"text must be one of {', '.join(TEXT_MODES)}, not {text!r}")
        digest = hashlib.sha256(_utf8(self.text)).hexdigest() if text != "none" else None
        return {
            "schema": SCHEMA,
            "text": self.text if text == "full" else None,
            "text_sha256": digest,
            "text_length": len(self.text) if text != "none" else None,
            "published": self.published.isoformat() if self.published else None,
            "sentences": [[s.start, s.end] for s in self.sentences],
            "events": [e.to_dict() for e in self.events],
            "groups": [g.to_dict() for g in self.groups],
            "quotes": [q.to_dict() for q in self.quotes],
            "actors": [a.to_dict() for a in self.actors],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self, *, indent: int | None = None, text: TextMode = "full") -> str:
        """The document as JSON text (see `to_dict`)."""
        return json.dumps(self.to_dict(text=text), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        text: str | None = None,
        event_classes: Mapping[str, type[Event]] | None = None,
    ) -> Document:
        """The document that `to_dict` gave ``data`` for (see `dipparse.load_jsonl`).

        ``text`` supplies the document's text when ``data`` does not carry it
        (written with ``text="hash"`` or ``"none"``, or in the older
        ``dipparse.document/1`` schema); it is checked against the recorded
        hash and length and against every span. ``event_classes`` maps a custom
        kind to its `Event` subclass, as for `Parser`. Raises
        `dipparse.DocumentFormatError` (a `ValueError`) naming the key path of
        the first problem, such as ``$.events[2].trigger.span``.
        """
        from dipparse.serialization import document_from_dict

        return document_from_dict(data, text=text, event_classes=event_classes)

    @classmethod
    def from_json(
        cls,
        source: str | bytes | IO[str],
        *,
        text: str | None = None,
        event_classes: Mapping[str, type[Event]] | None = None,
    ) -> Document:
        """`from_dict` of JSON text (or of a file holding one JSON document)."""
        from dipparse.serialization import DocumentFormatError

        raw = source if isinstance(source, str | bytes) else source.read()
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise DocumentFormatError("$", f"not JSON: {exc}") from None
        return cls.from_dict(data, text=text, event_classes=event_classes)


def _utf8(text: str) -> bytes:
    """The text as UTF-8; a lone surrogate (from a broken decoding) is kept as its bytes."""
    return text.encode("utf-8", "surrogatepass")


def _check_basis(date: dt.date | None, basis: str) -> None:
    """A date has a basis other than "none"; no date has basis "none"."""
    if date is None and basis != "none":
        raise ValueError(f"date_basis must be 'none' when there is no date, not {basis!r}")
    if date is not None and basis == "none":
        raise ValueError(f"date {date.isoformat()} needs a date_basis other than 'none'")
