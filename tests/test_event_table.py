"""Tests for dipparse.event_table and ``dipparse parse --format table``."""

from __future__ import annotations

from pathlib import Path

import pytest

import dipparse
from dipparse.cli import main
from dipparse.event_table import column_widths, format_table, plural

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_e57a447eb6801cad.txt"
LONG = (
    "Egypt rejected the proposal for a permanent international monitoring mission "
    "along the whole length of the border with Gaza."
)


def table(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["parse", *argv, "-q"]) == 0
    return capsys.readouterr().out.splitlines()


def test_plurals() -> None:
    assert [plural(n, "event") for n in (0, 1, 2)] == ["0 events", "1 event", "2 events"]


def test_header_plurals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """'1 event in 1 group', '1 mention'."""
    path = tmp_path / "one.txt"
    path.write_text("Iran accepted the offer.", encoding="utf-8")
    lines = table([str(path)], capsys)
    assert lines[0] == f"# {path}: 1 event in 1 group"
    assert lines[-1].endswith("1 mention)")


def test_text_is_another_name_for_table(capsys: pytest.CaptureFixture[str]) -> None:
    """``--format text`` (the old name) prints the same table as ``--format table``."""
    assert table([str(SEED), "--format", "text"], capsys) == table(
        [str(SEED), "--format", "table"], capsys
    )


def test_columns_line_up_whatever_the_id(capsys: pytest.CaptureFixture[str]) -> None:
    """Every column starts where its header does, even for ids like m1000."""
    doc = dipparse.parse(LONG)
    event = doc.events[0]
    long_id = type(event)(**{**_fields(event), "id": "m1000"})
    doc = type(doc)(**{**_fields(doc), "events": (long_id, *doc.events[1:])})
    lines = format_table(doc, "x").splitlines()
    header, row = lines[1], lines[2]
    assert row.startswith("m1000  rejection  Egypt")
    for title in ("kind", "actor -> target", "trigger", "content"):
        start = header.index(title)
        assert row[start - 2 : start] == "  " and row[start] != " ", title


def _fields(obj: object) -> dict[str, object]:
    import attrs

    return {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj)) if f.init}


def test_content_is_not_cut_when_there_is_room() -> None:
    """Without a width, the whole content shows; with a narrow one, the line fits."""
    doc = dipparse.parse(LONG)
    content = doc.events[0].content
    assert content is not None and len(content.text) > 60
    assert content.text in format_table(doc, "x")
    narrow = format_table(doc, "x", width=100).splitlines()
    assert all(len(line) <= 100 for line in narrow[1:3])
    assert "…" in narrow[2]
    assert narrow[2].split()[:2] == ["m1", "rejection"]  # ids and kinds are never cut


def test_width_and_wide_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``--width`` fits the rows to it; ``--wide`` never cuts."""
    path = tmp_path / "long.txt"
    path.write_text(LONG, encoding="utf-8")
    fitted = table([str(path), "--width", "90"], capsys)
    assert all(len(line) <= 90 for line in fitted[1:3])
    wide = table([str(path), "--width", "90", "--wide"], capsys)
    assert any(len(line) > 90 for line in wide)
    assert "…" not in "\n".join(wide)


def test_trigger_column(capsys: pytest.CaptureFixture[str]) -> None:
    """The trigger word of each event is shown."""
    lines = table([str(SEED)], capsys)
    assert lines[1].split()[:6] == ["id", "kind", "actor", "->", "target", "trigger"]


def test_widths_never_go_below_the_headers() -> None:
    rows = [["m1", "offer", "A -> B" * 20, "offered", "x" * 200, "-", "1", "g1"]]
    widths = column_widths(rows, 10)
    assert widths[2] >= len("actor -> target") and widths[4] >= len("content")
