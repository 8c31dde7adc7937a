"""Tests for dipparse.models: validation, conversion and the ``dipparse.document/3`` JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
import regex

import dipparse
from dipparse.models import (
    ACTOR_KINDS,
    EVENT_CLASSES,
    RESOLUTIONS,
    SCHEMA,
    Acceptance,
    Actor,
    Demand,
    Document,
    Event,
    EventGroup,
    Offer,
    Quote,
    Rejection,
    Span,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_e57a447eb6801cad.txt"
TEXT = "India has rejected US President Donald Trump's offer to mediate on Kashmir."


def span(text: str, part: str, occurrence: int = 0) -> Span:
    """The `Span` of the ``occurrence``-th ``part`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


# -- a small JSON-schema-like checker ------------------------------------------------
#
# A schema is a Python type (str, int, bool: the JSON value must be exactly that), a
# callable returning an error message or None, a list of one schema (a JSON array of
# such items) or a dict (a JSON object with exactly these keys).

Schema = Any


def nullable(schema: Schema) -> Callable[[Any, str], list[str]]:
    """``schema`` or JSON null."""

    def check(value: Any, path: str) -> list[str]:
        return [] if value is None else validate(value, schema, path)

    return check


def matching(pattern: str) -> Callable[[Any, str], list[str]]:
    """A string that matches ``pattern`` in full."""

    def check(value: Any, path: str) -> list[str]:
        if isinstance(value, str) and regex.fullmatch(pattern, value):
            return []
        return [f"{path}: {value!r} does not match {pattern}"]

    return check


def one_of(*choices: object) -> Callable[[Any, str], list[str]]:
    """One of the given constants."""

    def check(value: Any, path: str) -> list[str]:
        return [] if value in choices else [f"{path}: {value!r} is not one of {choices}"]

    return check


def any_of(*schemas: Schema) -> Callable[[Any, str], list[str]]:
    """A value that satisfies at least one of ``schemas``."""

    def check(value: Any, path: str) -> list[str]:
        errors = [validate(value, s, path) for s in schemas]
        return [] if any(not e for e in errors) else [f"{path}: {value!r} fits no alternative"]

    return check


def offsets(value: Any, path: str) -> list[str]:
    """A ``[start, end]`` pair of integers with ``0 <= start <= end``."""
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(type(v) is int for v in value)
        and 0 <= value[0] <= value[1]
    ):
        return []
    return [f"{path}: {value!r} is not a [start, end] pair"]


def non_empty_list(schema: Schema) -> Callable[[Any, str], list[str]]:
    """A JSON array with at least one item, each matching ``schema``."""

    def check(value: Any, path: str) -> list[str]:
        if isinstance(value, list) and not value:
            return [f"{path}: empty list"]
        return validate(value, [schema], path)

    return check


def validate(value: Any, schema: Schema, path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema``, as ``path: problem`` lines."""
    if isinstance(schema, type):
        ok = type(value) is schema  # bool is not an int here, nor an int a bool
        return [] if ok else [f"{path}: {type(value).__name__} is not {schema.__name__}"]
    if isinstance(schema, list):
        if not isinstance(value, list):
            return [f"{path}: {type(value).__name__} is not a list"]
        return [
            e for i, item in enumerate(value) for e in validate(item, schema[0], f"{path}[{i}]")
        ]
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            return [f"{path}: {type(value).__name__} is not an object"]
        errors = [f"{path}: missing key {k!r}" for k in schema if k not in value]
        errors += [f"{path}: unexpected key {k!r}" for k in value if k not in schema]
        for key, sub in schema.items():
            if key in value:
                errors += validate(value[key], sub, f"{path}.{key}")
        return errors
    result: list[str] = schema(value, path)
    return result


ALPHA3 = matching(r"[A-Z]{3}")
ISO_DATE = matching(r"\d{4}-\d{2}-\d{2}")
SPAN = {"text": str, "span": offsets}
ACTOR = {
    "text": str,
    "name": str,
    "country": nullable(any_of(ALPHA3, non_empty_list(ALPHA3))),
    "kind": one_of(*ACTOR_KINDS),
    "span": offsets,
    # Beyond the five contract keys: the title or office, where known, and how it was found.
    "role": nullable(str),
    "source": str,
    # What a resolved actor was resolved to, and by which resolution rule.
    "antecedent": nullable(SPAN),
    "resolution": nullable(one_of(*RESOLUTIONS)),
}
_CONTRACT_EVENT_KEYS = (
    "id type actor target content trigger negated hedged conditional condition quoted "
    "speaker date date_text sentence rule cameo plover group"
)
EVENT_KEYS = _CONTRACT_EVENT_KEYS.split()
EVENT = {
    "id": str,
    "type": str,
    "actor": nullable(ACTOR),
    "target": nullable(ACTOR),
    "content": nullable(SPAN),
    "trigger": SPAN,
    "negated": bool,
    "hedged": bool,
    "conditional": bool,
    "condition": nullable(SPAN),
    "quoted": bool,
    "speaker": nullable(ACTOR),
    "date": nullable(ISO_DATE),
    "date_basis": one_of("published", "dateline", "text", "none"),
    # Who states the event, and whether that is a claim about another party.
    "source": nullable(ACTOR),
    "claimed_by_other": bool,
    "date_text": nullable(str),
    "sentence": offsets,
    "rule": str,
    "cameo": nullable(str),
    "plover": nullable(str),
    "group": nullable(str),
    # Extra keys beyond the contract's list.
    "date_span": nullable(offsets),
    "topic": nullable(str),
    "plover_mode": nullable(str),
}
GROUP = {
    "id": str,
    "type": str,
    "actor": nullable(ACTOR),
    "target": nullable(ACTOR),
    "content": nullable(SPAN),
    "date": nullable(ISO_DATE),
    "date_basis": one_of("published", "dateline", "text", "none"),
    "topic": nullable(str),
    "cameo": nullable(str),
    "plover": nullable(str),
    "plover_mode": nullable(str),
    "negated": bool,
    "mentions": [str],
    "responds_to": nullable(str),
}
QUOTE = {
    "text": str,
    "span": offsets,
    "outer": offsets,
    "speaker": nullable(ACTOR),
    "attribution": nullable(SPAN),
}
WARNING = {
    "code": one_of("rule-timeout"),
    "rule": nullable(str),
    "span": nullable(offsets),
    "message": str,
}
DOCUMENT = {
    "schema": one_of(SCHEMA),
    "text": nullable(str),
    "text_sha256": nullable(matching(r"[0-9a-f]{64}")),
    "text_length": nullable(int),
    "published": nullable(ISO_DATE),
    "events": [EVENT],
    "groups": [GROUP],
    "quotes": [QUOTE],
    "actors": [ACTOR],
    "sentences": [offsets],
    "warnings": [WARNING],
}


def spans_in(data: Any) -> list[tuple[list[int], str]]:
    """Every ``{"text": ..., "span": [s, e]}`` pair nested anywhere in ``data``."""
    found: list[tuple[list[int], str]] = []
    if isinstance(data, dict):
        if isinstance(data.get("text"), str) and isinstance(data.get("span"), list):
            found.append((data["span"], data["text"]))
        for value in data.values():
            found += spans_in(value)
    elif isinstance(data, list):
        for item in data:
            found += spans_in(item)
    return found


def test_schema_lists_the_contract_keys() -> None:
    """The checker's event object has the contract's keys plus the three extras."""
    assert set(EVENT) == {
        *EVENT_KEYS, "date_span", "date_basis", "topic", "plover_mode", "source", "claimed_by_other"
    }  # fmt: skip
    assert set(ACTOR) - {"role", "source", "antecedent", "resolution"} == {
        "text", "name", "country", "kind", "span"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda d: d.pop("schema"), "missing key 'schema'"),
        (lambda d: d.update(extra=1), "unexpected key 'extra'"),
        (lambda d: d.update(published="12/05/2025"), "$.published"),
        (lambda d: d["events"][0].pop("rule"), "missing key 'rule'"),
        (lambda d: d["events"][0].update(negated=0), "$.events[0].negated"),
        (lambda d: d["events"][0]["actor"].update(country="India"), "$.events[0].actor.country"),
        (lambda d: d["events"][0]["actor"].update(country=[]), "$.events[0].actor.country"),
        (lambda d: d["events"][0]["actor"].update(kind="person"), "$.events[0].actor.kind"),
        (lambda d: d["events"][0]["trigger"].update(span=[5, 2]), "$.events[0].trigger.span"),
        (lambda d: d["sentences"].append([0]), "$.sentences"),
    ],
)
def test_checker_catches_broken_documents(
    mutate: Callable[[dict[str, Any]], object], problem: str
) -> None:
    """The checker is not vacuous: each kind of breakage is reported at its path."""
    data = sample_document().to_dict()
    assert validate(data, DOCUMENT) == []
    mutate(data)
    errors = validate(data, DOCUMENT)
    assert errors
    assert any(problem in e for e in errors), errors


# -- Span ------------------------------------------------------------------------------


def test_span_holds_its_text() -> None:
    """A span's text is the slice it covers."""
    s = span(TEXT, "rejected")
    assert TEXT[s.start : s.end] == s.text
    assert s.to_dict() == {"text": "rejected", "span": [10, 18]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1, 2, "abc"), "start must be >= 0"),
        ((0, -1, ""), "end must be >= 0"),
        ((5, 3, ""), "before its start"),
        ((0, 3, "ab"), "has length 2"),
        ((0, 1, "ab"), "has length 2"),
    ],
)
def test_span_validation(args: tuple[int, int, str], message: str) -> None:
    """Negative offsets, an end before the start and a text of the wrong length fail."""
    with pytest.raises(ValueError, match=message):
        Span(*args)


def test_empty_span_is_allowed() -> None:
    """An empty span (a position) is valid."""
    assert Span(4, 4, "").to_dict() == {"text": "", "span": [4, 4]}


def test_span_is_frozen() -> None:
    """Models are immutable."""
    s = Span(0, 1, "a")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.start = 1  # type: ignore[misc]


# -- Actor -----------------------------------------------------------------------------


def actor(country: object = "IND", kind: str = "state", name: str = "India") -> Actor:
    """An actor over the first "India" of `TEXT`."""
    return Actor(span=span(TEXT, "India"), name=name, kind=kind, country=country)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "stored", "countries", "json_value"),
    [
        ("IND", "IND", ("IND",), "IND"),
        (None, None, (), None),
        (["IND", "PAK"], ("IND", "PAK"), ("IND", "PAK"), ["IND", "PAK"]),
        (("IND", "PAK"), ("IND", "PAK"), ("IND", "PAK"), ["IND", "PAK"]),
        (["IND"], "IND", ("IND",), "IND"),
        ((), None, (), None),
    ],
)
def test_actor_country_coercion(
    given: object, stored: object, countries: tuple[str, ...], json_value: object
) -> None:
    """A str stays, a list or tuple becomes a tuple (one code: that code), empty is None."""
    a = actor(given)
    assert a.country == stored
    assert a.countries == countries
    assert a.to_dict()["country"] == json_value


@pytest.mark.parametrize("bad", [3, {"IND"}, b"IND", ["IND", 3], [None]])
def test_actor_country_bad_type(bad: object) -> None:
    """Anything but a str, a sequence of str or None is a TypeError naming ``country``."""
    with pytest.raises(TypeError, match="country"):
        actor(bad)


def test_actor_kind_is_validated() -> None:
    """The kind must be one of the five actor kinds."""
    with pytest.raises(ValueError, match="kind"):
        actor(kind="person")


def test_actor_to_dict() -> None:
    """An actor's JSON: its text, resolved name, country, kind, role and span."""
    a = Actor(
        span=span(TEXT, "US President Donald Trump"),
        name="Donald Trump",
        kind="leader",
        country="USA",
        role="President",
    )
    assert a.text == "US President Donald Trump"
    assert a.to_dict() == {
        "text": "US President Donald Trump",
        "name": "Donald Trump",
        "country": "USA",
        "kind": "leader",
        "role": "President",
        "source": "gazetteer",
        "span": [19, 44],
        "antecedent": None,
        "resolution": None,
    }
    assert validate(a.to_dict(), ACTOR) == []
    him = attrs.evolve(
        a, span=span(TEXT, "US"), source="anaphor", antecedent=a.span, resolution="pronoun.subject"
    )
    assert him.to_dict()["antecedent"] == {"text": "US President Donald Trump", "span": [19, 44]}
    assert him.to_dict()["resolution"] == "pronoun.subject"
    assert validate(him.to_dict(), ACTOR) == []


# -- Events ----------------------------------------------------------------------------


def rejection(**changes: Any) -> Rejection:
    """A rejection mention over `TEXT` with every optional field set."""
    fields: dict[str, Any] = {
        "id": "m1",
        "trigger": span(TEXT, "rejected"),
        "sentence": Span(0, len(TEXT), TEXT),
        "rule": "rejection.verb",
        "actor": actor(),
        "target": Actor(
            span=span(TEXT, "Trump"), name="Donald Trump", kind="leader", country="USA"
        ),
        "content": span(TEXT, "Donald Trump's offer to mediate on Kashmir"),
        "condition": span(TEXT, "on Kashmir"),
        "speaker": actor(),
        "source": actor(),
        "claimed_by_other": True,
        "date": dt.date(2025, 5, 12),
        "date_text": span(TEXT, "has"),  # not a date phrase: any span does
        "topic": "mediation",
        "cameo": "126",
        "plover": "REJECT",
        "plover_mode": "mediate",
        "group": "g1",
        "negated": True,
        "hedged": True,
        "conditional": True,
        "quoted": True,
    }
    fields.update(changes)
    return Rejection(**fields)


@pytest.mark.parametrize("cls", [Offer, Acceptance, Rejection, Demand])
def test_event_subclass_fixes_its_type(cls: type[Event]) -> None:
    """Each built-in class defaults its ``type`` to its kind and refuses another."""
    e = cls(id="m1", trigger=span(TEXT, "offer"), sentence=Span(0, 5, "India"), rule="r")
    assert e.type == cls.kind
    assert EVENT_CLASSES[cls.kind] is cls
    other = "demand" if cls is not Demand else "offer"
    with pytest.raises(ValueError, match=f"must have type {cls.kind!r}"):
        cls(
            id="m1", type=other, trigger=span(TEXT, "offer"), sentence=Span(0, 5, "India"), rule="r"
        )


def test_offer_with_type_demand_raises() -> None:
    """The brief's example: an `Offer` cannot be a demand."""
    with pytest.raises(ValueError, match="Offer must have type 'offer', not 'demand'"):
        Offer(id="m1", type="demand", trigger=Span(0, 1, "x"), sentence=Span(0, 1, "x"), rule="r")


def test_plain_event_takes_any_type() -> None:
    """A custom kind is a plain `Event` whose type is the kind's name."""
    e = Event(id="m1", type="threat", trigger=Span(0, 1, "x"), sentence=Span(0, 1, "x"), rule="r")
    assert e.type == "threat"
    assert e.to_dict()["type"] == "threat"


def test_event_to_dict_full() -> None:
    """Every field of an event appears in its JSON, spans as text + offsets."""
    data = rejection().to_dict()
    assert data == {
        "id": "m1",
        "type": "rejection",
        "actor": actor().to_dict(),
        "target": {
            "text": "Trump",
            "name": "Donald Trump",
            "country": "USA",
            "kind": "leader",
            "role": None,
            "source": "gazetteer",
            "span": [39, 44],
            "antecedent": None,
            "resolution": None,
        },
        "content": {"text": "Donald Trump's offer to mediate on Kashmir", "span": [32, 74]},
        "trigger": {"text": "rejected", "span": [10, 18]},
        "negated": True,
        "hedged": True,
        "conditional": True,
        "condition": {"text": "on Kashmir", "span": [64, 74]},
        "quoted": True,
        "speaker": actor().to_dict(),
        "source": actor().to_dict(),
        "claimed_by_other": True,
        "date": "2025-05-12",
        "date_basis": "published",
        "date_text": "has",
        "date_span": [6, 9],
        "sentence": [0, len(TEXT)],
        "rule": "rejection.verb",
        "topic": "mediation",
        "cameo": "126",
        "plover": "REJECT",
        "plover_mode": "mediate",
        "group": "g1",
    }
    assert validate(data, EVENT) == []


def test_event_to_dict_minimal() -> None:
    """Unset optional fields are JSON null (or false), never missing."""
    e = Demand(id="m2", trigger=span(TEXT, "offer"), sentence=Span(0, len(TEXT), TEXT), rule="d")
    data = e.to_dict()
    assert validate(data, EVENT) == []
    for key in ("actor", "target", "content", "condition", "speaker", "source", "date"):
        assert data[key] is None
    assert data["date_text"] is data["date_span"] is None
    assert data["claimed_by_other"] is False
    assert (data["negated"], data["hedged"], data["conditional"], data["quoted"]) == (
        False,
        False,
        False,
        False,
    )


def test_quote_to_dict() -> None:
    """A quotation's JSON: content text, outer and inner offsets, speaker, attribution."""
    text = '"No," India said.'
    q = Quote(
        span=Span(0, 5, '"No,"'),
        content=Span(1, 4, "No,"),
        speaker=Actor(span=Span(6, 11, "India"), name="India", kind="state", country="IND"),
        attribution=Span(5, 16, " India said"),
    )
    data = q.to_dict()
    assert data == {
        "text": "No,",
        "span": [1, 4],
        "outer": [0, 5],
        "speaker": {
            "text": "India",
            "name": "India",
            "country": "IND",
            "kind": "state",
            "role": None,
            "source": "gazetteer",
            "span": [6, 11],
            "antecedent": None,
            "resolution": None,
        },
        "attribution": {"text": " India said", "span": [5, 16]},
    }
    assert text[5:16] == " India said"
    assert validate(data, QUOTE) == []
    bare = Quote(span=Span(0, 5, '"No,"'), content=Span(1, 4, "No,")).to_dict()
    assert bare["speaker"] is None
    assert bare["attribution"] is None


def test_group_to_dict() -> None:
    """A group's JSON lists its mentions and the group it answers."""
    g = EventGroup(
        id="g1",
        type="rejection",
        mentions=("m1", "m3"),
        actor=actor(),
        content=span(TEXT, "offer"),
        date=dt.date(2025, 5, 10),
        topic="mediation",
        cameo="126",
        plover="REJECT",
        plover_mode="mediate",
        negated=False,
        responds_to="g2",
    )
    data = g.to_dict()
    assert data == {
        "id": "g1",
        "type": "rejection",
        "actor": actor().to_dict(),
        "target": None,
        "content": {"text": "offer", "span": [47, 52]},
        "date": "2025-05-10",
        "date_basis": "text",
        "topic": "mediation",
        "cameo": "126",
        "plover": "REJECT",
        "plover_mode": "mediate",
        "negated": False,
        "mentions": ["m1", "m3"],
        "responds_to": "g2",
    }
    assert validate(data, GROUP) == []


# -- Document --------------------------------------------------------------------------


def sample_document() -> Document:
    """A small hand-built document with one of everything."""
    joint = Actor(
        span=span(TEXT, "India"), name="India and Pakistan", kind="state", country=["IND", "PAK"]
    )
    return Document(
        text=TEXT,
        published=dt.date(2025, 5, 12),
        sentences=(Span(0, len(TEXT), TEXT),),
        quotes=(),
        actors=(actor(), joint),
        events=(rejection(actor=joint),),
        groups=(EventGroup(id="g1", type="rejection", mentions=("m1",), actor=joint),),
    )


def test_document_to_dict() -> None:
    """The contract's top level: schema, published, events, groups, quotes, actors, sentences."""
    doc = sample_document()
    data = doc.to_dict()
    assert set(data) == {
        "schema", "text", "text_sha256", "text_length", "published", "events", "groups",
        "quotes", "actors", "sentences", "warnings",
    }  # fmt: skip
    assert data["schema"] == "dipparse.document/3"
    assert data["text"] == TEXT
    assert data["published"] == "2025-05-12"
    assert data["sentences"] == [[0, len(TEXT)]]
    assert data["events"][0]["actor"]["country"] == ["IND", "PAK"]
    assert data["actors"][0]["country"] == "IND"
    assert validate(data, DOCUMENT) == []


def test_document_to_json_round_trips() -> None:
    """`to_json` is `to_dict` as JSON text, unescaped, optionally indented."""
    doc = sample_document()
    assert json.loads(doc.to_json()) == doc.to_dict()
    assert json.loads(doc.to_json(indent=2)) == doc.to_dict()
    assert "\n" in doc.to_json(indent=2)
    trump = Actor(span=Span(0, 7, "Trump\u2019s"), name="Donald Trump", kind="leader")
    curly = Document(text="Trump\u2019s", actors=(trump,))
    assert "Trump\u2019s" in curly.to_json()


def test_empty_document() -> None:
    """A document with nothing in it still has every top-level key."""
    data = Document(text="").to_dict()
    assert data == {
        "schema": SCHEMA,
        "text": "",
        "text_sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "text_length": 0,
        "published": None,
        "sentences": [],
        "events": [],
        "groups": [],
        "quotes": [],
        "actors": [],
        "warnings": [],
    }
    assert validate(data, DOCUMENT) == []


def test_events_of() -> None:
    """`Document.events_of` filters mentions by kind."""
    offer = Offer(id="m2", trigger=span(TEXT, "offer"), sentence=Span(0, len(TEXT), TEXT), rule="o")
    doc = Document(text=TEXT, events=(rejection(), offer))
    assert doc.events_of("offer") == (offer,)
    assert [e.id for e in doc.events_of("rejection")] == ["m1"]
    assert doc.events_of("demand") == ()


def test_seed_document_fits_the_schema() -> None:
    """The parse of the seed article fits the contract, and every span indexes the text."""
    text = SEED.read_text(encoding="utf-8")
    doc = dipparse.parse(text, published="2025-05-12")
    data = json.loads(doc.to_json())
    assert validate(data, DOCUMENT) == []
    assert data["published"] == "2025-05-12"
    assert data["events"], "the seed has events"
    assert {e["type"] for e in data["events"]} <= set(EVENT_CLASSES)
    found = spans_in(data)
    assert len(found) > 50
    for (start, end), value in found:
        assert text[start:end] == value
    for start, end in data["sentences"]:
        assert text[start:end].strip() == text[start:end] != ""
    for q in data["quotes"]:
        assert text[q["span"][0] : q["span"][1]] == q["text"]
        assert q["outer"][0] + 1 == q["span"][0]
    for e in data["events"]:
        s, t = e["sentence"]
        assert s <= e["trigger"]["span"][0] <= e["trigger"]["span"][1] <= t
        if e["date_span"] is not None:
            assert text[e["date_span"][0] : e["date_span"][1]] == e["date_text"]
    ids = {e["id"] for e in data["events"]}
    assert {m for g in data["groups"] for m in g["mentions"]} == ids
    groups = {g["id"] for g in data["groups"]}
    assert {e["group"] for e in data["events"]} <= groups
    assert {g["responds_to"] for g in data["groups"]} - {None} <= groups
