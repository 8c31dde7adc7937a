"""Tests for ``dipparse parse`` over archives: folders, JSON lines, workers, summary, progress.

The end-to-end tests run the real command (``python -m dipparse``) on a
temporary folder and JSON-lines file; the rest call `dipparse.cli.main`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import threading
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest

import dipparse
from dipparse.cli import main
from test_cli import child_env

TEXTS = [
    "China rejected the US proposal on Monday.",
    "Iran accepted the offer of talks.",
    "The weather was fine in Paris.",
    "India demanded that Pakistan withdraw its troops.",
    "Russia offered to mediate between the two sides.",
]
SUMMARY = re.compile(
    r"^dipparse: (\d+) documents?, (\d+) events?, (\d+) failures?; "
    r"\d+\.\d\d MB in \d+\.\d\d s \(\d+\.\d\d MB/s\)$"
)


def dipparse_command(
    args: list[str], cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the console command ``python -m dipparse ARGS`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "dipparse", *args],
        input=None if stdin is None else stdin.decode("utf-8"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=child_env(),
        timeout=300,
        check=False,
    )


def summary_counts(stderr: str) -> tuple[int, int, int]:
    """The documents, events and failures of the run's summary (the last line)."""
    match = SUMMARY.match(stderr.splitlines()[-1])
    assert match, stderr
    documents, events, failures = (int(g) for g in match.groups())
    return documents, events, failures


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# -- a JSON-lines archive with broken records, in two worker processes ----------------


def write_archive(path: Path, count: int) -> tuple[list[str], dict[int, str]]:
    """``count`` records, some broken; the good ones' ids and each broken line's reason."""
    good: list[str] = []
    broken: dict[int, str] = {}
    lines = []
    for i in range(count):
        line = i + 1
        if i == count // 2:
            lines.append(json.dumps({"id": f"r{i}", "text": 12345}))
            broken[line] = f"{path.name}:{line} (id 'r{i}'): TypeError: text must be str, not int"
        elif i == count // 2 + 1:
            lines.append(json.dumps({"id": f"r{i}", "body": "no text field"}))
            broken[line] = f"{path.name}:{line} (id 'r{i}'): KeyError: the record has no 'text'"
        elif i == count // 2 + 2:
            lines.append('{"id": "r' + str(i) + '", "text": "unterminated')
            broken[line] = f"{path.name}:{line}: JSONDecodeError: invalid JSON"
        else:
            text = f"Report {i}. {TEXTS[i % len(TEXTS)]}"
            lines.append(json.dumps({"id": f"r{i}", "text": text}))
            good.append(f"r{i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return good, broken


def expected_events(path: Path) -> list[tuple[str, str, str]]:
    """(record id, event id, trigger) of every good record, parsed here one by one."""
    parser = dipparse.Parser()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record.get("text"), str):
            doc = parser.parse(record["text"])
            rows += [(record["id"], e.id, e.trigger.text) for e in doc.events]
    return rows


def test_archive_with_broken_records_in_two_workers(tmp_path: Path) -> None:
    """Every good record's events once, in order; each broken line reported; counts agree."""
    archive = tmp_path / "archive.jsonl"
    _, broken = write_archive(archive, 300)
    result = dipparse_command(
        ["parse", archive.name, "--input-format", "jsonl", "--format", "jsonl", "--workers", "2"],
        tmp_path,
    )
    assert result.returncode == 1, result.stderr  # some documents failed
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    got = [(row["document"], row["id"], row["trigger"]["text"]) for row in rows]
    want = expected_events(archive)
    assert got == want
    assert len(want) > 250  # most records have events
    failed = [line for line in result.stderr.splitlines() if line.startswith("dipparse: failed:")]
    assert len(failed) == len(broken)
    for line, reason in zip(failed, broken.values(), strict=True):
        assert line.startswith(f"dipparse: failed: {reason}"), line
    assert summary_counts(result.stderr) == (300, len(want), len(broken))
    assert len(result.stderr.splitlines()) == len(broken) + 1


def test_one_line_per_document(tmp_path: Path) -> None:
    """``--per document``: one line for every record, a failure in its place."""
    archive = tmp_path / "archive.jsonl"
    good, broken = write_archive(archive, 12)
    result = dipparse_command(
        [
            *("parse", str(archive), "--input-format", "jsonl", "--format", "jsonl"),
            *("--per", "document", "--workers", "2", "--quiet"),
        ],
        tmp_path,
    )
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 12
    errors = {i + 1: row for i, row in enumerate(rows) if "error" in row}
    assert sorted(errors) == sorted(broken)
    assert [row["error"] for row in errors.values()] == ["TypeError", "KeyError", "JSONDecodeError"]
    assert all(row["where"] == f"{archive}:{line}" for line, row in errors.items())
    documents = [row for row in rows if "error" not in row]
    assert [row["document"] for row in documents] == good
    assert all(row["schema"] == "dipparse.document/3" for row in documents)
    assert len(result.stderr.splitlines()) == len(broken)  # --quiet: no summary, failures still


def test_folder_recursive_with_glob(tmp_path: Path) -> None:
    """A folder gives its matching files, recursively, in path order; the summary counts them."""
    (tmp_path / "in" / "b").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "in" / "b" / "c.txt").write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "in" / "b" / "skip.md").write_text(TEXTS[3], encoding="utf-8")
    result = dipparse_command(["parse", "in", "--format", "jsonl"], tmp_path)
    assert result.returncode == 0, result.stderr
    sources = [json.loads(line)["document"] for line in result.stdout.splitlines()]
    a, c = str(Path("in", "a.txt")), str(Path("in", "b", "c.txt"))
    assert sources == [a, a, c]
    assert summary_counts(result.stderr) == (2, 3, 0)
    markdown = dipparse_command(["parse", "in", "--glob", "*.md", "--format", "jsonl"], tmp_path)
    assert {json.loads(line)["document"] for line in markdown.stdout.splitlines()} == {
        str(Path("in", "b", "skip.md"))
    }


def test_jsonl_from_stdin_with_fields(tmp_path: Path) -> None:
    """``-`` with JSON lines; --text-field, --id-field and --published-field name the fields."""
    records = [
        {"key": "x1", "body": TEXTS[0], "day": "2025-03-12"},
        {"key": "x2", "body": TEXTS[0]},
        {"key": "x3", "body": TEXTS[0], "day": "not a date"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    result = dipparse_command(
        [
            *("parse", "-", "--input-format", "jsonl", "--format", "jsonl"),
            *("--text-field", "body", "--id-field", "key", "--published-field", "day"),
            *("--published", "2025-01-01"),
        ],
        tmp_path,
        stdin=data,
    )
    assert result.returncode == 1
    rejections = [json.loads(line) for line in result.stdout.splitlines()]
    rejections = [row for row in rejections if row["type"] == "rejection"]
    assert [(row["document"], row["date"]) for row in rejections] == [
        ("x1", "2025-03-10"),  # the Monday before the record's own date
        ("x2", "2024-12-30"),  # the Monday before --published
    ]
    failed = result.stderr.splitlines()[0]
    assert failed.startswith("dipparse: failed: standard input:3 (id 'x3'): ValueError: ")
    assert summary_counts(result.stderr) == (3, 4, 1)


def test_output_is_streamed(tmp_path: Path) -> None:
    """Each document's output is written as soon as it is parsed, before the input ends."""
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "dipparse", "parse", "-", "--input-format", "jsonl"),
            *("--format", "jsonl", "--per", "document", "-q"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=child_env(),
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write((json.dumps({"id": "first", "text": TEXTS[0]}) + "\n").encode())
        proc.stdin.flush()
        lines: list[bytes] = []
        reader = threading.Thread(target=lambda: lines.append(proc.stdout.readline()))
        reader.start()
        reader.join(120)
        assert lines, "no output while the input is still open"
        assert json.loads(lines[0])["document"] == "first"
        proc.stdin.write((json.dumps({"id": "second", "text": TEXTS[1]}) + "\n").encode())
        proc.stdin.close()
        rest = proc.stdout.read()
        assert json.loads(rest)["document"] == "second"
        assert proc.wait(120) == 0
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_csv_output(tmp_path: Path) -> None:
    """``--format csv``: a header, then the rows of `dipparse.to_records`, over a folder."""
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXTS[2], encoding="utf-8")  # no events
    (tmp_path / "c.txt").write_text(TEXTS[1], encoding="utf-8")
    result = dipparse_command(["parse", ".", "--format", "csv", "-q"], tmp_path)
    assert result.returncode == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    parser = dipparse.Parser()
    docs = {name: parser.parse(TEXTS[i]) for name, i in (("a.txt", 0), ("c.txt", 1))}
    want = dipparse.to_records(docs)
    assert list(table[0]) == list(dipparse.export.RECORD_FIELDS)
    assert len(table) == len(want) == 3
    for row, record in zip(table, want, strict=True):
        for key, value in record.items():
            shown = (
                "" if value is None else str(value).lower() if isinstance(value, bool) else value
            )
            assert row[key] == str(shown), key


def test_empty_csv_still_has_its_header(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A run without events still prints the CSV header."""
    path = tmp_path / "calm.txt"
    path.write_text(TEXTS[2], encoding="utf-8")
    status, out, _ = run(["parse", str(path), "--format", "csv", "-q"], capsys)
    assert status == 0
    assert out.splitlines() == [",".join(dipparse.export.RECORD_FIELDS)]


# -- option errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--per", "document"], "--per needs --format jsonl"),
        (["--text-field", "body"], "--text-field needs --input-format jsonl"),
        (["--published-field", "day"], "--published-field needs --input-format jsonl"),
    ],
)
def test_option_needs_another(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    """An option that only works with another one says so, before anything is parsed."""
    status, out, err = run(["parse", "seeds/000_e57a447eb6801cad.txt", *argv], capsys)
    assert (status, out) == (2, "")
    assert err == f"dipparse: error: {needle}\n"


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_bad_workers(capsys: pytest.CaptureFixture[str], value: str) -> None:
    """--workers must be a whole number of at least 1 (an argparse error, status 2)."""
    with pytest.raises(SystemExit) as exc:
        main(["parse", "seeds/000_e57a447eb6801cad.txt", "--workers", value])
    assert exc.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_stdin_twice(capsys: pytest.CaptureFixture[str]) -> None:
    """Standard input can be named once."""
    status, out, err = run(["parse", "-", "-"], capsys)
    assert (status, out) == (2, "")
    assert "standard input" in err


# -- the progress bar --------------------------------------------------------------------


class Terminal(io.StringIO):
    """A standard error that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class FakeBar:
    """Records what the run does with its tqdm bar."""

    made: ClassVar[list[FakeBar]] = []

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.total = 0
        self.written: list[str] = []
        self.closed = False
        FakeBar.made.append(self)

    def update(self, n: int) -> None:
        self.total += n

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        self.postfix = text

    def write(self, line: str, file: Any = None) -> None:
        self.written.append(line)

    def close(self) -> None:
        self.closed = True


def run_on_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> tuple[int, str]:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    status = main(argv)
    capsys.readouterr()
    return status, terminal.getvalue()


def test_progress_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With tqdm and a terminal, a bar counts the bytes read and failures go through it."""
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 10)
    FakeBar.made.clear()
    monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=FakeBar))
    status, err = run_on_terminal(
        monkeypatch, capsys, ["parse", str(archive), "--input-format", "jsonl"]
    )
    assert status == 1
    [bar] = FakeBar.made
    assert bar.kwargs["total"] == bar.total == archive.stat().st_size
    assert bar.kwargs["file"] is sys.stderr
    assert bar.closed
    assert len(bar.written) == 3
    assert summary_counts(err) == (10, summary_counts(err)[1], 3)


def test_no_bar_without_tqdm_or_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without tqdm there is no bar and no error; --quiet or no terminal, no bar either."""
    archive = tmp_path / "a.jsonl"
    write_archive(archive, 10)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm raises ImportError
    status, err = run_on_terminal(
        monkeypatch, capsys, ["parse", str(archive), "--input-format", "jsonl"]
    )
    assert status == 1
    assert len(err.splitlines()) == 4  # three failures and the summary
    FakeBar.made.clear()
    monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=FakeBar))
    run_on_terminal(monkeypatch, capsys, ["parse", str(archive), "--input-format", "jsonl", "-q"])
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal
    assert main(["parse", str(archive), "--input-format", "jsonl"]) == 1
    assert FakeBar.made == []


def test_timeout_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``--timeout`` parses in a worker process; a quick document is unaffected."""
    path = tmp_path / "a.txt"
    path.write_text(TEXTS[0], encoding="utf-8")
    status, out, _ = run(
        [*("parse", str(path), "--format", "jsonl"), "--timeout", "60", "-q"], capsys
    )
    assert status == 0
    assert [json.loads(line)["type"] for line in out.splitlines()] == ["rejection", "offer"]


def test_workers_that_cannot_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """When worker processes cannot run, the run stops with one error line and status 3."""
    path = tmp_path / "a.txt"
    path.write_text(TEXTS[0], encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a worker process could not start: boom")

    monkeypatch.setattr(dipparse.Parser, "parse_many", broken)
    status, out, err = run(["parse", str(path), "--workers", "2", "-q"], capsys)
    assert (status, out) == (3, "")
    assert err == "dipparse: error: the run stopped: a worker process could not start: boom\n"
