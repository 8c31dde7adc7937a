"""Honest dates, the ``dipparse.document/3`` round trip and the ``"dipparse"`` logger."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dipparse
from dipparse.dates import basis_of, is_absolute, resolve
from dipparse.models import SCHEMA, Document, Event, EventGroup, Offer, Span
from dipparse.serialization import DocumentFormatError
from dipparse.testing import documents

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_e57a447eb6801cad.txt"


@cache
def parser() -> dipparse.Parser:
    return dipparse.Parser()


@cache
def seed(published: str | None = "2025-05-12") -> Document:
    return parser().parse(SEED.read_text(encoding="utf-8"), published=published)


def one_event(text: str, published: str | None = None) -> Event:
    [event] = [e for e in parser().parse(text, published=published).events if e.date_text]
    return event


# -- (1) honest dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["on Saturday", "last week", "on March 3", "yesterday", "three days ago", "last Friday"],
)
def test_relative_dates_without_publication_date_stay_unresolved(phrase: str) -> None:
    """No anchor, no day: not today's clock, which is wrong for archived news."""
    event = one_event(f"China rejected the proposal {phrase}.")
    assert event.date is None
    assert event.date_basis == "none"
    assert event.date_text is not None
    data = event.to_dict()
    assert (data["date"], data["date_basis"]) == (None, "none")
    assert resolve(phrase, None) is None


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("on March 3, 2025", dt.date(2025, 3, 3)),
        ("on 2025-03-03", dt.date(2025, 3, 3)),
        ("on 3 March 2025", dt.date(2025, 3, 3)),
        ("on Monday, March 3, 2025", dt.date(2025, 3, 3)),
    ],
)
@pytest.mark.parametrize("published", [None, "2025-05-12"])
def test_absolute_dates_resolve_from_the_text(
    phrase: str, day: dt.date, published: str | None
) -> None:
    """A date with its year needs no publication date; its basis is the text."""
    event = one_event(f"China rejected the proposal {phrase}.", published)
    assert (event.date, event.date_basis) == (day, "text")
    assert event.to_dict()["date_basis"] == "text"


def test_relative_dates_with_publication_date_count_from_it() -> None:
    event = one_event("China rejected the proposal on Saturday.", "2025-05-12")
    assert (event.date, event.date_basis) == (dt.date(2025, 5, 10), "published")


def test_a_month_names_no_day() -> None:
    """ "in March 2025" used to become a day of dateparser's choosing."""
    event = one_event("China rejected the proposal in March 2025.", "2025-05-12")
    assert (event.date, event.date_basis) == (None, "none")


def test_seed_dates_and_bases() -> None:
    """With its publication date the seed's "On Saturday" resolves; without, it says so."""
    dated = [(e.date, e.date_basis) for e in seed().events if e.date_text]
    assert dated and all(b == "published" and d == dt.date(2025, 5, 10) for d, b in dated)
    assert {g.date_basis for g in seed().groups if g.date} == {"published"}
    assert all(g.date_basis == "none" for g in seed().groups if g.date is None)
    undated = seed(None)
    assert all((e.date, e.date_basis) == (None, "none") for e in undated.events)
    assert all((g.date, g.date_basis) == (None, "none") for g in undated.groups)


@pytest.mark.parametrize(
    ("phrase", "absolute"),
    [("March 3, 2025", True), ("2025-03-03", True), ("3rd of March 2025", True),
     ("March 3", False), ("on Saturday", False), ("in 2019", False)],
)  # fmt: skip
def test_is_absolute(phrase: str, absolute: bool) -> None:
    assert is_absolute(phrase) is absolute


def test_basis_defaults_and_validation() -> None:
    """A hand-built event derives its basis; a basis that contradicts the date fails."""
    trigger, sentence = Span(0, 5, "offer"), Span(0, 5, "offer")
    on_sat = Span(0, 5, "offer")  # any span: only its text's form matters here
    assert basis_of(None, "on Saturday") == "none"
    assert basis_of(dt.date(2025, 3, 3), "March 3, 2025") == "text"
    assert basis_of(dt.date(2025, 3, 3), "on Monday") == "published"
    e = Offer(id="m1", trigger=trigger, sentence=sentence, rule="r", date=dt.date(2025, 1, 1))
    assert e.date_basis == "text"
    assert Offer(id="m1", trigger=trigger, sentence=sentence, rule="r").date_basis == "none"
    with pytest.raises(ValueError, match="date_basis must be 'none'"):
        Offer(id="m1", trigger=trigger, sentence=sentence, rule="r", date_basis="published")
    with pytest.raises(ValueError, match="needs a date_basis"):
        Offer(
            id="m1", trigger=trigger, sentence=sentence, rule="r",
            date=dt.date(2025, 1, 1), date_text=on_sat, date_basis="none",
        )  # fmt: skip
    with pytest.raises(ValueError, match="date_basis"):
        EventGroup(id="g1", type="offer", mentions=(), date_basis="dateline")  # type: ignore[arg-type]
    assert EventGroup(id="g1", type="offer", mentions=(), date=dt.date(2025, 1, 1)).date_basis == (
        "text"
    )


# -- (2) the round trip --------------------------------------------------------------------


TEXT_MODES = st.sampled_from(["full", "hash", "none"])
PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))


@given(documents(), PUBLISHED, TEXT_MODES)
def test_from_dict_rebuilds_an_equal_document(
    doc_and_statements: Any, published: dt.date | None, mode: Any
) -> None:
    """``from_dict(to_dict())`` is the same document, through JSON, in every text mode."""
    text, _ = doc_and_statements
    doc = parser().parse(text, published=published)
    data = json.loads(json.dumps(doc.to_dict(text=mode)))
    given_text = None if mode == "full" else text
    assert Document.from_dict(data, text=given_text) == doc
    assert Document.from_json(doc.to_json(text=mode), text=given_text) == doc


@given(st.lists(documents(max_statements=2), min_size=1, max_size=4), PUBLISHED)
def test_load_jsonl_rebuilds_every_document(docs: Any, published: dt.date | None) -> None:
    parsed = [parser().parse(text, published=published) for text, _ in docs]
    lines = "".join(d.to_json() + "\n" for d in parsed)
    assert list(dipparse.load_jsonl(io.StringIO(lines))) == parsed


def test_load_jsonl_from_a_path_and_dask_records(tmp_path: Path) -> None:
    """A path works as well as a file; ``{"id", "document"}`` records are read too."""
    doc = seed()
    path = tmp_path / "docs.jsonl"
    record = json.dumps({"id": "seed", "document": doc.to_dict()})
    path.write_text(doc.to_json() + "\n\n" + record + "\n", encoding="utf-8")
    assert list(dipparse.load_jsonl(path)) == [doc, doc]
    assert list(dipparse.load_jsonl(str(path))) == [doc, doc]


def test_to_dict_text_modes() -> None:
    doc = seed()
    full, hashed, bare = (doc.to_dict(text=m) for m in ("full", "hash", "none"))
    assert full["schema"] == SCHEMA == "dipparse.document/3"
    assert full["text"] == doc.text
    assert full["text_length"] == hashed["text_length"] == len(doc.text)
    assert full["text_sha256"] == hashed["text_sha256"] and len(hashed["text_sha256"]) == 64
    assert hashed["text"] is None
    assert (bare["text"], bare["text_sha256"], bare["text_length"]) == (None, None, None)
    assert doc.to_dict() == full  # the default carries the text
    with pytest.raises(ValueError, match="text must be one of full, hash, none"):
        doc.to_dict(text="yes")  # type: ignore[arg-type]


def _strip(value: Any, keys_of: Callable[[dict[str, Any]], tuple[str, ...]]) -> None:
    """Drop, from every dict inside ``value``, the keys ``keys_of`` names for it."""
    if isinstance(value, dict):
        for key in keys_of(value):
            value.pop(key, None)
        for item in value.values():
            _strip(item, keys_of)
    elif isinstance(value, list):
        for item in value:
            _strip(item, keys_of)


def _is_actor(value: dict[str, Any]) -> bool:
    return "kind" in value and "name" in value


def v2(data: dict[str, Any]) -> dict[str, Any]:
    """A ``/3`` dict written back as ``/2`` wrote it: no antecedents, no event sources."""
    data = json.loads(json.dumps(data))
    data["schema"] = "dipparse.document/2"
    _strip(
        data,
        lambda d: (
            ("antecedent", "resolution")
            if _is_actor(d)
            else ("source", "claimed_by_other")
            if "trigger" in d
            else ()
        ),
    )
    return data


def v1(data: dict[str, Any]) -> dict[str, Any]:
    """A ``/3`` dict written back as ``/1`` wrote it: no text, no bases, no actor source."""
    data = v2(data)
    data["schema"] = "dipparse.document/1"
    for key in ("text", "text_sha256", "text_length"):
        del data[key]
    _strip(data, lambda d: ("date_basis", "source") if _is_actor(d) else ("date_basis",))
    return data


def test_reads_v2_without_resolutions_or_sources() -> None:
    """A ``/2`` document reads back: no antecedent, no resolution rule, no event source."""
    doc = parser().parse(
        'Baku said Yerevan had rejected the proposals. "We accept the offer," Aliyev said.',
        published="2025-05-12",
    )
    assert any(e.source is not None for e in doc.events)
    assert any(e.actor and e.actor.resolution for e in doc.events)
    old = v2(doc.to_dict())
    back = Document.from_dict(old)
    assert v2(back.to_dict()) == old  # everything /2 carried
    assert all(e.source is None and not e.claimed_by_other for e in back.events)
    actors = [a for e in back.events for a in (e.actor, e.target, e.speaker) if a]
    assert actors and all(a.antecedent is None and a.resolution is None for a in actors)


def test_reads_v1_with_its_text() -> None:
    """A ``/1`` document reads back given its text; its actors default to the gazetteer."""
    doc = seed()
    old = v1(doc.to_dict())
    back = Document.from_dict(old, text=doc.text)
    assert back.text == doc.text
    assert v1(back.to_dict()) == old  # everything /1 carried
    assert [(e.date, e.date_basis) for e in back.events] == [
        (e.date, e.date_basis) for e in doc.events
    ]
    assert [(g.date, g.date_basis) for g in back.groups] == [
        (g.date, g.date_basis) for g in doc.groups
    ]
    assert {a.source for a in back.actors} == {"gazetteer"}
    with pytest.raises(
        DocumentFormatError, match=r"\$\.schema: dipparse.document/1 does not carry"
    ):
        Document.from_dict(old)


def test_v1_without_publication_date_drops_clock_dates(caplog: pytest.LogCaptureFixture) -> None:
    """``/1`` counted relative dates from the parse day's clock: the migration drops them."""
    text = "China rejected the plan on Saturday. India accepted it on March 3, 2025."
    doc = parser().parse(text)
    old = v1(doc.to_dict())
    old["events"][0]["date"] = "2026-11-28"  # what /1 wrote, parsed on some day
    old["groups"][0]["date"] = "2026-11-28"
    with caplog.at_level(logging.INFO, logger="dipparse"):
        back = Document.from_dict(old, text=text)
    assert back == doc
    assert [(e.date, e.date_basis) for e in back.events] == [
        (None, "none"),
        (dt.date(2025, 3, 3), "text"),
    ]
    assert any("dropped date 2026-11-28" in r.getMessage() for r in caplog.records)
    assert any(r.name == "dipparse" for r in caplog.records)


def sample() -> dict[str, Any]:
    return json.loads(seed().to_json())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("events"), r"^\$: missing key 'events'$"),
        (lambda d: d.update(schema="dipparse.document/9"), r"^\$\.schema: 'dipparse.document/9'"),
        (lambda d: d.update(published="12/05/2025"), r"^\$\.published: must be a date"),
        (lambda d: d["events"][2].pop("rule"), r"^\$\.events\[2\]: missing key 'rule'"),
        (lambda d: d["events"][0].update(negated=0), r"^\$\.events\[0\]\.negated: must be true"),
        (
            lambda d: d["events"][1]["trigger"].update(span=[5, 2]),
            r"^\$\.events\[1\]\.trigger\.span: \[5, 2\] is not within",
        ),
        (
            lambda d: d["events"][1]["trigger"].update(text="nope"),
            r"^\$\.events\[1\]\.trigger\.text: 'nope' is not the text at span",
        ),
        (
            lambda d: d["actors"][0].update(kind="person"),
            r"^\$\.actors\[0\]\.kind: must be one of",
        ),
        (
            lambda d: d["actors"][3].update(country=["IND", 3]),
            r"^\$\.actors\[3\]\.country: must be a string",
        ),
        (lambda d: d["sentences"].append([0]), r"^\$\.sentences\[\d+\]: must be a \[start, end\]"),
        (
            lambda d: d["sentences"].append([0, 10**9]),
            r"^\$\.sentences\[\d+\]: \[0, 1000000000\] is not within",
        ),
        (
            lambda d: d["groups"][0].update(mentions="m1"),
            r"^\$\.groups\[0\]\.mentions: must be a list",
        ),
        (
            lambda d: d["events"][0].update(date_basis="published"),
            r"^\$\.events\[0\]\.date_basis: 'published' does not fit date None",
        ),
        (
            lambda d: d["events"][0].update(date_basis="guessed"),
            r"^\$\.events\[0\]\.date_basis: must be one of",
        ),
        (lambda d: d.update(text="other"), r"^\$\.text_length: is \d+, but the text has 5"),
        (lambda d: d.update(text_sha256="0" * 64), r"^\$\.text_sha256: does not match"),
        (lambda d: d.update(text=None), r"^\$\.text: is null: .* pass the text as text="),
        (lambda d: d["quotes"].append(None), r"^\$\.quotes\[\d+\]: must be an object, not null"),
        (lambda d: d.update(events={}), r"^\$\.events: must be a list, not dict"),
    ],
)
def test_from_dict_names_the_key_path(
    mutate: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = sample()
    mutate(data)
    with pytest.raises(DocumentFormatError, match=message) as info:
        Document.from_dict(data)
    assert isinstance(info.value, ValueError)
    assert info.value.path in str(info.value)


def test_from_dict_refuses_a_different_text() -> None:
    with pytest.raises(DocumentFormatError, match=r"^\$\.text: differs"):
        Document.from_dict(sample(), text="Another text.")
    hashed = seed().to_dict(text="hash")
    with pytest.raises(DocumentFormatError, match=r"^\$\.text_length"):
        Document.from_dict(hashed, text="Another text.")


@pytest.mark.parametrize("bad", [None, [], "text", 3])
def test_from_dict_of_no_object(bad: object) -> None:
    with pytest.raises(DocumentFormatError, match=r"^\$: must be an object"):
        Document.from_dict(bad)  # type: ignore[arg-type]


def test_load_jsonl_names_the_line() -> None:
    good = seed().to_json()
    with pytest.raises(DocumentFormatError, match=r"^line 2: \$: not JSON"):
        list(dipparse.load_jsonl(io.StringIO(good + "\n{oops\n")))
    broken = sample()
    del broken["events"][0]["id"]
    with pytest.raises(DocumentFormatError, match=r"^line 3: \$\.events\[0\]: missing key 'id'"):
        list(dipparse.load_jsonl(io.StringIO(good + "\n\n" + json.dumps(broken) + "\n")))
    with pytest.raises(DocumentFormatError, match=r"^line 1: \$\.text: is null"):
        list(dipparse.load_jsonl(io.StringIO(seed().to_json(text="hash"))))


def test_custom_kinds_round_trip_to_their_class() -> None:
    """A custom kind comes back as a plain `Event`, or as the class ``event_classes`` names."""

    @attrs.frozen(kw_only=True)
    class Threat(Event):
        kind = "threat"
        type: str = "threat"

    span = Span(0, 5, "Chad ")
    plain = Event(id="m1", type="threat", trigger=span, sentence=span, rule="t")
    doc = Document(text="Chad threatened.", events=(plain,))
    assert Document.from_dict(doc.to_dict()) == doc
    typed = Document(
        text=doc.text, events=(Threat(id="m1", trigger=span, sentence=span, rule="t"),)
    )
    assert Document.from_dict(typed.to_dict(), event_classes={"threat": Threat}) == typed


# -- (3) the "dipparse" logger ---------------------------------------------------------------


def test_unresolved_dates_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="dipparse"):
        parser().parse("China rejected the plan on Saturday.")
    [record] = [r for r in caplog.records if r.name == "dipparse"]
    assert record.levelno == logging.INFO
    assert "no publication date" in record.getMessage()
    assert "'on Saturday'" in record.getMessage()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="dipparse"):
        parser().parse("China rejected the plan on Saturday.", published="2025-05-12")
    assert not [r for r in caplog.records if r.name == "dipparse"]


def test_logger_has_a_null_handler() -> None:
    """A library logs, the application decides where: no output unless configured."""
    handlers = logging.getLogger("dipparse").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)


@pytest.mark.parametrize("text", ["", "\ud800 India rejected it.", "Trump\u2019s offer \U0001f600"])
def test_odd_texts_round_trip(text: str) -> None:
    """Empty text, a lone surrogate (a broken decoding) and astral characters hash and load."""
    doc = parser().parse(text)
    for mode in ("full", "hash", "none"):
        data = json.loads(json.dumps(doc.to_dict(text=mode)))  # type: ignore[arg-type]
        assert Document.from_dict(data, text=None if mode == "full" else text) == doc
