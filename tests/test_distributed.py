"""`dipparse.distributed`: articles parsed on a local Dask cluster into JSON lines."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'dipparse[dask]')")
distributed = pytest.importorskip(
    "distributed", reason="dask's distributed is not installed (pip install 'dipparse[dask]')"
)

from dipparse import Parser  # noqa: E402
from dipparse.distributed import parse_bag, parse_files, read_files, read_jsonl  # noqa: E402
from faults import CRASH, EXIT, HANG, KILL, ODD, SYSEXIT, FaultyParser, Unpicklable  # noqa: E402

ARTICLES = {
    "a.txt": "India has firmly rejected US President Donald Trump's offer to mediate on Kashmir.",
    "b.txt": "China rejected the US proposal on Monday.",
    "c.txt": "Heavy rain flooded parts of the capital overnight.",
}


@contextmanager
def local_cluster() -> Iterator[None]:
    """A two-process local Dask cluster with a client, for the length of a block."""
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        yield


def _results(folder: Path) -> dict[str, dict[str, object]]:
    records = [
        json.loads(line)
        for part in sorted(folder.glob("part-*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    return {Path(r["id"]).name: r for r in records}


def test_a_folder_on_a_local_cluster(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for name, text in ARTICLES.items():
        (source / name).write_text(text, encoding="utf-8")
    (source / "broken.txt").write_bytes(b"\xff\xfe not UTF-8")
    with local_cluster():
        written = parse_files(
            read_files(source, partitions=2), tmp_path / "out", published="2025-03-12"
        )
    assert len(written) == 2
    results = _results(tmp_path / "out")
    assert sorted(results) == ["a.txt", "b.txt", "broken.txt", "c.txt"]
    parser = Parser()
    for name, text in ARTICLES.items():
        assert results[name]["document"] == parser.parse(text, published="2025-03-12").to_dict()
    assert results["broken.txt"]["error"] == "UnicodeDecodeError"
    assert "document" not in results["broken.txt"]


def test_a_jsonl_data_set_with_dates_per_article(tmp_path: Path) -> None:
    import dask

    lines = [
        {"id": "x", "text": ARTICLES["b.txt"], "pub_date": "2025-03-19"},
        {"id": "y", "body": "no text field"},
    ]
    source = tmp_path / "data.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    with dask.config.set(scheduler="synchronous"):
        parse_files(read_jsonl(source), tmp_path / "out")
    results = _results(tmp_path / "out")
    events = results["x"]["document"]["events"]  # type: ignore[index]
    assert events[0]["date"] == "2025-03-17"
    assert results["y"]["error"] == "TypeError"


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="matches no files"):
        read_files(tmp_path / "*.txt")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="format must be"):
        parse_files(read_files(tmp_path), tmp_path / "out", format="csv")


# -- fault injection ------------------------------------------------------------------
#
# `FaultyParser` (tests/faults.py, shared with test_batch.py) misbehaves on marker
# texts. Every fault must cost only its own record.

GOOD = ARTICLES["b.txt"]


def _record(item: tuple[str, str]) -> object:
    """Records are made on the workers: some cannot be pickled, some are no records."""
    ident, text = item
    if text == "unpicklable":
        return {"id": ident, "text": Unpicklable(GOOD)}
    if text == "not-json-id":
        return {"id": {ident}, "text": GOOD}
    if text == "not-a-record":
        return text
    return {"id": ident, "text": text}


FAULTS = [
    ("g1", GOOD),
    ("crash", CRASH),
    ("exit", EXIT),
    ("g2", ARTICLES["a.txt"]),
    ("kill", KILL),
    ("hang", HANG),
    ("sysexit", SYSEXIT),
    ("unpicklable", "unpicklable"),
    ("g3", ARTICLES["c.txt"]),
    ("bad-id", "not-json-id"),
    ("none", "not-a-record"),
    ("g4", GOOD),
]
EXPECTED_FAILURES = {
    "crash": ("RuntimeError", "injected crash"),
    "exit": ("WorkerDied", "the worker process parsing this text exited with code 7"),
    "kill": ("WorkerDied", "the worker process parsing this text was killed by signal SIGKILL"),
    "hang": ("TimeoutError", "parsing took longer than 3 s; its worker process was stopped"),
    "sysexit": ("SystemExit", "3"),
    "unpicklable": ("PicklingError", "cannot be sent to a worker process"),
    "{'bad-id'}": ("TypeError", "the record's id must be JSON data (a str, a number), not set"),
    None: ("TypeError", "a record must be a mapping with 'id' and 'text', not str"),
}


def _check_faults(folder: Path) -> None:
    records = [
        json.loads(line)
        for part in sorted(folder.glob("part-*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    assert len(records) == len(FAULTS)  # one record per article, none lost
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(FAULTS)
    for ident, (error, words) in EXPECTED_FAILURES.items():
        assert by_id[ident]["error"] == error, by_id[ident]
        assert words in by_id[ident]["message"], by_id[ident]
        assert "document" not in by_id[ident]
    parser = Parser()
    good = {ident: text for ident, text in FAULTS if ident.startswith("g")}
    for ident, text in good.items():
        assert by_id[ident]["document"] == parser.parse(text, published="2025-03-12").to_dict()
    # The parts in order hold the records in the input's order.
    renamed = {"bad-id": "{'bad-id'}", "none": None}
    assert [r["id"] for r in records] == [renamed.get(i, i) for i, _ in FAULTS]


def test_faults_on_a_local_cluster_cost_only_their_records(tmp_path: Path) -> None:
    """Each partition runs in a child of a (daemonic) Dask worker process."""
    import dask.bag

    bag = dask.bag.from_sequence(FAULTS, npartitions=2).map(_record)
    started = time.monotonic()
    with local_cluster():
        written = parse_files(
            bag, tmp_path / "out", parser=FaultyParser(), published="2025-03-12", timeout=3
        )
    assert len(written) == 2
    _check_faults(tmp_path / "out")
    assert time.monotonic() - started < 100  # the hanging parse (two minutes) was stopped


def test_faults_with_the_synchronous_scheduler(tmp_path: Path) -> None:
    """In this process (not a daemon): the partition's child is a forked worker."""
    import dask
    import dask.bag

    bag = dask.bag.from_sequence(FAULTS, npartitions=3).map(_record)
    with dask.config.set(scheduler="synchronous"):
        parse_files(bag, tmp_path / "out", parser=FaultyParser(), published="2025-03-12", timeout=3)
    _check_faults(tmp_path / "out")


def test_without_isolation_exceptions_still_fail_alone(tmp_path: Path) -> None:
    """``isolate=False`` parses in the Dask worker: exceptions (SystemExit too) are per record."""
    import dask
    import dask.bag

    items = [("g1", GOOD), ("crash", CRASH), ("sysexit", SYSEXIT), ("odd", ODD), ("g4", GOOD)]
    bag = dask.bag.from_sequence(items, npartitions=1).map(_record)
    with dask.config.set(scheduler="synchronous"):
        parse_files(bag, tmp_path / "out", parser=FaultyParser(), isolate=False)
    results = _results(tmp_path / "out")
    assert results["crash"]["error"] == "RuntimeError"
    assert results["crash"]["message"] == "injected crash"
    assert (results["sysexit"]["error"], results["sysexit"]["message"]) == ("SystemExit", "3")
    assert results["odd"]["error"] == "TypeError"
    assert results["odd"]["message"] == "the parser returned str, not a Document"
    assert "document" in results["g1"]
    assert "document" in results["g4"]


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"timeout": 5, "isolate": False}, ValueError, "timeout needs isolate=True"),
        ({"timeout": 0}, ValueError, "timeout must be a positive number"),
        ({"timeout": "5"}, TypeError, "timeout must be a number of seconds"),
        ({"isolate": "yes"}, TypeError, "isolate must be True or False"),
    ],
)
def test_bad_isolation_arguments(
    tmp_path: Path, kwargs: dict[str, Any], error: type[Exception], words: str
) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(error, match=words):
        parse_bag(read_files(tmp_path), **kwargs)
