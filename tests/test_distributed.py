"""`dipparse.distributed`: articles parsed on a local Dask cluster into JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'dipparse[dask]')")
distributed = pytest.importorskip(
    "distributed", reason="dask's distributed is not installed (pip install 'dipparse[dask]')"
)

from dipparse import Parser  # noqa: E402
from dipparse.distributed import parse_files, read_files, read_jsonl  # noqa: E402

ARTICLES = {
    "a.txt": "India has firmly rejected US President Donald Trump's offer to mediate on Kashmir.",
    "b.txt": "China rejected the US proposal on Monday.",
    "c.txt": "Heavy rain flooded parts of the capital overnight.",
}


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
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
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
