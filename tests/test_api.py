"""Tests for the public entry points: `dipparse.parse` and `dipparse.Parser.parse`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import dipparse
from dipparse.models import SCHEMA

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_e57a447eb6801cad.txt"
TEXT = "China rejected the US proposal on Monday."


@pytest.mark.parametrize(
    "published",
    [
        dt.date(2025, 3, 12),
        dt.datetime(2025, 3, 12, 18, 30),
        dt.datetime(2025, 3, 12, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        "2025-03-12",
        " 2025-03-12\n",
        "2025-03-12T18:30:00",
        "2025-03-12T18:30:00+05:30",
        "20250312",
    ],
)
def test_published_forms(published: object) -> None:
    """A date, a datetime and ISO strings all give the same publication day."""
    doc = dipparse.parse(TEXT, published=published)  # type: ignore[arg-type]
    assert doc.published == dt.date(2025, 3, 12)
    assert type(doc.published) is dt.date
    assert doc.to_dict()["published"] == "2025-03-12"


def test_published_none() -> None:
    """Without a publication date the document has none."""
    doc = dipparse.parse(TEXT)
    assert doc.published is None
    assert doc.to_dict()["published"] is None


@pytest.mark.parametrize("bad", ["yesterday", "2025-02-30", "2025-03-12junk", "12/03/2025", ""])
def test_bad_published_string(bad: str) -> None:
    """A string that is not an ISO date is a ValueError naming ``published`` and the value."""
    with pytest.raises(ValueError, match="published") as info:
        dipparse.parse(TEXT, published=bad)
    assert repr(bad) in str(info.value)


@pytest.mark.parametrize("bad", [20250312, 2025.0, ["2025-03-12"], b"2025-03-12"])
def test_bad_published_type(bad: object) -> None:
    """Any other type is a TypeError naming ``published`` and the type."""
    with pytest.raises(TypeError, match="published") as info:
        dipparse.parse(TEXT, published=bad)  # type: ignore[arg-type]
    assert type(bad).__name__ in str(info.value)


@pytest.mark.parametrize("bad", [None, b"China rejected it.", 42, ["China rejected it."]])
def test_text_must_be_str(bad: object) -> None:
    """A text that is not a str is a TypeError naming ``text`` and the type."""
    with pytest.raises(TypeError, match="text must be str") as info:
        dipparse.parse(bad)  # type: ignore[arg-type]
    assert type(bad).__name__ in str(info.value)
    with pytest.raises(TypeError, match="text must be str"):
        dipparse.Parser().parse(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \r\n", "\u200b\u00a0"])
def test_empty_and_blank_text(text: str) -> None:
    """Empty or blank text gives an empty document that still serialises."""
    doc = dipparse.parse(text, published="2025-03-12")
    assert doc.text == text
    assert (doc.sentences, doc.quotes, doc.actors, doc.events, doc.groups) == ((), (), (), (), ())
    assert doc.to_dict(text="none") == {
        "schema": SCHEMA,
        "text": None,
        "text_sha256": None,
        "text_length": None,
        "published": "2025-03-12",
        "sentences": [],
        "events": [],
        "groups": [],
        "quotes": [],
        "actors": [],
        "warnings": [],
    }


def test_document_keeps_the_original_text() -> None:
    """The document holds the caller's string, not the normalised one."""
    text = "China\u2019s envoy rejected the \u201cpeace plan\u201d."
    doc = dipparse.parse(text)
    assert doc.text is text


def test_parser_equals_parse() -> None:
    """A fresh `Parser` with the defaults gives the same document as `dipparse.parse`."""
    text = SEED.read_text(encoding="utf-8")
    parser = dipparse.Parser()
    mine = parser.parse(text, published="2025-05-12")
    assert mine == dipparse.parse(text, published="2025-05-12")
    assert mine.to_dict() == dipparse.parse(text, published=dt.date(2025, 5, 12)).to_dict()
    assert mine.events, "the seed has events"


def test_parser_is_reusable() -> None:
    """One parser parses many texts; a repeated parse gives an equal document."""
    parser = dipparse.Parser()
    first = parser.parse(TEXT, published="2025-03-12")
    parser.parse("Russia accepted the offer.")
    assert parser.parse(TEXT, published="2025-03-12") == first


def test_public_names() -> None:
    """The package exports what a user touches, and nothing listed is missing."""
    for name in dipparse.__all__:
        assert hasattr(dipparse, name), name
    for name in ("parse", "Parser", "Document", "Offer", "Acceptance", "Rejection", "Demand"):
        assert name in dipparse.__all__
