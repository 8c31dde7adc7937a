"""Tests for dipparse.cli: ``dipparse parse`` output formats, standard input and errors.

Archives (folders, JSON lines, worker processes) are tested in test_cli_archive.py.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import dipparse
from dipparse.cli import main

# The dipparse these tests import, first on the path of the interpreters they start.
SOURCE = str(Path(dipparse.__file__).resolve().parents[1])

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_e57a447eb6801cad.txt"
EVENT_KEYS = {
    "id", "type", "actor", "target", "content", "trigger", "negated", "hedged",
    "conditional", "condition", "quoted", "speaker", "source", "claimed_by_other", "date",
    "date_basis", "date_text", "date_span", "sentence", "rule", "topic", "cameo", "plover",
    "plover_mode", "group",
}  # fmt: skip


def seed_text() -> str:
    """The seed article as the CLI reads it (UTF-8)."""
    return SEED.read_text(encoding="utf-8")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``dipparse ARGV`` in process: exit status, standard output, standard error."""
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def check_spans(data: Any, text: str) -> int:
    """Assert every text-and-offsets field in ``data`` indexes ``text``; return how many."""
    count = 0
    if isinstance(data, dict):
        if isinstance(data.get("text"), str) and isinstance(data.get("span"), list):
            start, end = data["span"]
            assert text[start:end] == data["text"], data
            count += 1
        if data.get("date_span") is not None:
            start, end = data["date_span"]
            assert text[start:end] == data["date_text"]
            count += 1
        for key in ("sentence",):
            if isinstance(data.get(key), list):
                start, end = data[key]
                assert 0 <= start < end <= len(text)
        count += sum(check_spans(value, text) for value in data.values())
    elif isinstance(data, list):
        count += sum(check_spans(item, text) for item in data)
    return count


def child_env() -> dict[str, str]:
    """The environment for ``python -m dipparse``: this dipparse first on its path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [SOURCE, env.get("PYTHONPATH")]))
    return env


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make standard input read ``data``."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# -- output formats ------------------------------------------------------------------


def test_parse_text_format(capsys: pytest.CaptureFixture[str]) -> None:
    """The default format is a readable table headed by the file name."""
    status, out, err = run(["parse", str(SEED), "--published", "2025-05-12"], capsys)
    assert status == 0
    assert err.startswith("dipparse: 1 document, ")  # the run's summary, on its own
    assert err.count("\n") == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"# {SEED}: ")
    assert " events in " in lines[0]
    assert lines[1].split()[:3] == ["id", "kind", "actor"]
    assert any(line.startswith("m1 ") for line in lines)
    assert any(line.startswith("g1: ") for line in lines)


def test_parse_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    """``--format json`` prints the document, with its file name, and every span round-trips."""
    status, out, err = run(
        ["parse", str(SEED), "--published", "2025-05-12", "--format", "json", "-q"], capsys
    )
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["schema"] == "dipparse.document/3"
    assert data["published"] == "2025-05-12"
    assert data["document"] == str(SEED)
    assert data["text"] == seed_text()
    assert set(data) == {
        "schema", "text", "text_sha256", "text_length", "published", "sentences", "events",
        "groups", "quotes", "actors", "warnings", "document",
    }  # fmt: skip
    text = seed_text()
    assert check_spans(data, text) > 50
    for start, end in data["sentences"]:
        assert text[start:end].strip() == text[start:end] != ""


def test_parse_jsonl_format(capsys: pytest.CaptureFixture[str]) -> None:
    """``--format jsonl`` prints one valid JSON event per line, spans indexing the file."""
    status, out, err = run(
        ["parse", str(SEED), "--published", "2025-05-12", "--format", "jsonl", "-q"], capsys
    )
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines, "the seed has events"
    text = seed_text()
    ids = []
    for line in lines:
        row = json.loads(line)
        assert set(row) == EVENT_KEYS | {"document"}
        assert row["document"] == str(SEED)
        assert check_spans(row, text) >= 1
        ids.append(row["id"])
    assert ids == [f"m{i + 1}" for i in range(len(ids))]


def test_json_of_several_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Several files give one JSON document each, in order."""
    other = tmp_path / "other.txt"
    other.write_text("China rejected the proposal.", encoding="utf-8")
    status, out, _ = run(["parse", str(SEED), str(other), "--format", "json"], capsys)
    assert status == 0
    decoder = json.JSONDecoder()
    first, end = decoder.raw_decode(out)
    second, _ = decoder.raw_decode(out[end:].lstrip())
    assert [first["document"], second["document"]] == [str(SEED), str(other)]


def test_read_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-`` reads standard input as UTF-8 (a byte-order mark is dropped)."""
    text = "India rejected the proposal on Monday."
    stdin_bytes(monkeypatch, b"\xef\xbb\xbf" + text.encode("utf-8"))
    status, out, err = run(
        ["parse", "-", "--published", "2025-05-14", "--format", "json", "-q"], capsys
    )
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["document"] == "-"
    assert check_spans(data, text) >= 1


def test_crlf_file_keeps_offsets(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A file with Windows line ends is parsed as read; offsets index that text."""
    path = tmp_path / "crlf.txt"
    text = "India Rejects Offer\r\nIndia rejected the offer.\r\n"
    path.write_bytes(text.encode("utf-8"))
    status, out, _ = run(["parse", str(path), "--format", "json"], capsys)
    assert status == 0
    data = json.loads(out)
    assert [text[s:e] for s, e in data["sentences"]] == [
        "India Rejects Offer",
        "India rejected the offer.",
    ]
    check_spans(data, text)


# -- errors ----------------------------------------------------------------------------


def assert_usage_error(status: int, out: str, err: str, *needles: str) -> None:
    """Exit status 2, nothing on standard output, one error line naming the problem."""
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("dipparse: error: ")
    for needle in needles:
        assert needle in lines[0]


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A file that does not exist is named in the error."""
    missing = tmp_path / "missing.txt"
    status, out, err = run(["parse", str(missing)], capsys)
    assert_usage_error(status, out, err, str(missing), "no such file")


def test_folder_without_text_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A folder with no file matching --glob is reported as such, not as missing."""
    (tmp_path / "notes.md").write_text("China rejected the proposal.", encoding="utf-8")
    status, out, err = run(["parse", str(tmp_path)], capsys)
    assert_usage_error(status, out, err, str(tmp_path), "folder", "'*.txt'")


def test_missing_second_file_prints_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every input is checked before any output: a missing second file leaves stdout empty."""
    status, out, err = run(["parse", str(SEED), str(tmp_path / "nope.txt")], capsys)
    assert_usage_error(status, out, err, "nope.txt")


@pytest.mark.parametrize("value", ["2025-13-45", "yesterday", "12/05/2025", "2025-05-12junk", ""])
def test_bad_published_date(capsys: pytest.CaptureFixture[str], value: str) -> None:
    """A --published value that is not an ISO date is named with the option."""
    status, out, err = run(["parse", str(SEED), "--published", value], capsys)
    assert_usage_error(status, out, err, "--published", repr(value))


def test_published_datetime_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    """An ISO date-time is read as its date."""
    status, out, _ = run(
        ["parse", str(SEED), "--published", "2025-05-12T09:30:00+05:30", "--format", "json"],
        capsys,
    )
    assert status == 0
    assert json.loads(out)["published"] == "2025-05-12"


def test_undecodable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A file that is not UTF-8 fails alone, with the file and the offset; exit status 1."""
    path = tmp_path / "latin1.txt"
    path.write_bytes("India rejected the caf\u00e9 offer.".encode("latin-1"))
    status, out, err = run(["parse", str(path), str(SEED), "--format", "jsonl", "-q"], capsys)
    assert status == 1
    assert err.splitlines() == [
        f"dipparse: failed: {path}: UnicodeDecodeError: "
        "not UTF-8 text (undecodable byte at offset 22)"
    ]
    assert {json.loads(line)["document"] for line in out.splitlines()} == {str(SEED)}


def test_undecodable_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undecodable standard input is reported as such."""
    stdin_bytes(monkeypatch, b"India \xff rejected it.")
    status, out, err = run(["parse", "-"], capsys)
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == (
        "dipparse: failed: -: UnicodeDecodeError: not UTF-8 text (undecodable byte at offset 6)"
    )
    assert lines[1].startswith("dipparse: 1 document, 0 events, 1 failure; ")


# -- the module entry point ----------------------------------------------------------------


def test_python_dash_m_dipparse(tmp_path: Path) -> None:
    """``python -m dipparse parse`` runs the same command line in a fresh interpreter."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dipparse",
            "parse",
            str(SEED),
            "--published",
            "2025-05-12",
            "--format",
            "jsonl",
            "--quiet",
        ],
        capture_output=True,
        cwd=tmp_path,
        env=child_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stderr == b""
    text = seed_text()
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert rows
    for row in rows:
        check_spans(row, text)
    missing = subprocess.run(
        [sys.executable, "-m", "dipparse", "parse", str(tmp_path / "none.txt")],
        capture_output=True,
        cwd=tmp_path,
        env=child_env(),
        timeout=120,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stdout == b""
    assert missing.stderr.decode("utf-8").count("\n") == 1
