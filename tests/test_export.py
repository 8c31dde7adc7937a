"""Tests for dipparse.export: flat event rows, CSV and (when pandas is installed) data frames."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

import dipparse
from dipparse.export import RECORD_FIELDS, event_record, to_records, write_csv

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_e57a447eb6801cad.txt"


@pytest.fixture(scope="module")
def seed_doc() -> dipparse.Document:
    return dipparse.parse(SEED.read_text(encoding="utf-8"), published="2025-05-12")


def test_one_row_per_event_with_every_field(seed_doc: dipparse.Document) -> None:
    """Each row has every column, in order, and its spans index the text."""
    text = seed_doc.text
    rows = to_records({"seed": seed_doc})
    assert len(rows) == len(seed_doc.events)
    for row, event in zip(rows, seed_doc.events, strict=True):
        assert tuple(row) == RECORD_FIELDS
        assert row["document"] == "seed"
        assert (row["id"], row["type"], row["rule"]) == (event.id, event.type, event.rule)
        for prefix in ("actor", "target", "content", "trigger", "condition", "speaker", "date"):
            start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
            if start is None:
                assert end is None and row[f"{prefix}_text"] is None
            else:
                assert text[start:end] == row[f"{prefix}_text"]
        assert row["date"] == (event.date.isoformat() if event.date else None)
        assert (row["sentence_start"], row["sentence_end"]) == (
            event.sentence.start,
            event.sentence.end,
        )
        data = event.to_dict()
        for key in ("negated", "hedged", "conditional", "quoted", "topic", "cameo", "group"):
            assert row[key] == data[key]
        if event.actor is not None:
            assert row["actor_name"] == event.actor.name
            assert row["actor_kind"] == event.actor.kind


def test_document_ids() -> None:
    """Ids come from a mapping or pairs; plain documents are numbered from 0."""
    parser = dipparse.Parser()
    a = parser.parse("China rejected the proposal.")
    calm = parser.parse("The weather was fine.")
    b = parser.parse("Iran accepted the offer.")
    assert [r["document"] for r in to_records([a, calm, b])] == [0, 2]
    assert [r["document"] for r in to_records([("x", a), ("y", b)])] == ["x", "y"]
    assert [r["document"] for r in to_records({"k": b})] == ["k"]
    assert to_records([]) == []


def test_failures_are_not_dropped_silently() -> None:
    """A ParseFailure among the documents raises, naming it; so does anything else."""
    results = list(dipparse.Parser().parse_many(["China rejected it.", 42]))  # type: ignore[list-item]
    with pytest.raises(ValueError, match=r"document 1 failed to parse \(TypeError"):
        to_records(results)
    with pytest.raises(TypeError, match="expected a Document, not str"):
        to_records(["text"])  # type: ignore[list-item]


def test_joint_actor_countries_are_joined() -> None:
    """A joint actor's country codes are one cell, joined with ';'."""
    doc = dipparse.parse("India and Pakistan accepted the ceasefire.")
    [row] = [r for r in to_records([doc]) if r["type"] == "acceptance"]
    assert row["actor_country"] == "IND;PAK"


def test_write_csv_round_trips(seed_doc: dipparse.Document) -> None:
    """CSV: a header of RECORD_FIELDS, empty cells for None, true/false for flags."""
    rows = to_records({"seed": seed_doc})
    out = io.StringIO(newline="")
    assert write_csv(rows, out) == len(rows)
    table = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(table) == len(rows)
    for got, want in zip(table, rows, strict=True):
        for key, value in want.items():
            shown = (
                "" if value is None else str(value).lower() if isinstance(value, bool) else value
            )
            assert got[key] == str(shown)


def test_event_record_date_is_iso() -> None:
    """The resolved date is an ISO string."""
    doc = dipparse.parse("China rejected the proposal on Monday.", published=dt.date(2025, 3, 12))
    assert event_record("d", doc.events[0])["date"] == "2025-03-10"


def test_to_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_dataframe says which extra to install."""
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"dipparse\[pandas\]"):
        dipparse.to_dataframe([])


def test_to_dataframe(seed_doc: dipparse.Document) -> None:
    """With pandas: one row per event, the columns of RECORD_FIELDS."""
    pytest.importorskip("pandas")
    frame = dipparse.to_dataframe({"seed": seed_doc})
    assert list(frame.columns) == list(RECORD_FIELDS)
    assert len(frame) == len(seed_doc.events)
    assert frame["trigger_text"].tolist() == [e.trigger.text for e in seed_doc.events]
    empty = dipparse.to_dataframe([])
    assert list(empty.columns) == list(RECORD_FIELDS) and len(empty) == 0


def test_to_parquet(seed_doc: dipparse.Document, tmp_path: Path) -> None:
    """With pandas and pyarrow the frame writes to Parquet and reads back the same."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    frame = dipparse.to_dataframe({"seed": seed_doc})
    frame.to_parquet(tmp_path / "events.parquet")
    back = pd.read_parquet(tmp_path / "events.parquet")
    assert back["id"].tolist() == frame["id"].tolist()
