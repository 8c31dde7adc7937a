"""Parse a folder or a data set of articles on a Dask cluster, into JSON lines or Parquet.

Needs the ``dask`` extra (``pip install 'dipparse[dask]'``: dask's bags and
``distributed``); Parquet output needs pandas and pyarrow too. Dask does the
scheduling, the retries and the cluster; this module only says what each
partition does: build the parser once per worker process (from its pickled
spec, cached), parse its articles, and give one record per article::

    {"id": "...", "document": {...Document.to_dict()...}}
    {"id": "...", "error": "TypeError", "message": "..."}   # an article that failed

Typical use, on a local cluster or any ``distributed.Client``::

    from distributed import Client, LocalCluster
    from dipparse.distributed import parse_files, read_files

    with LocalCluster(n_workers=4) as cluster, Client(cluster):
        parse_files(read_files("articles/*.txt"), "out/", published="2025-05-12")

The workers must see the input files and the output folder (a shared or
cloud file system, as for any Dask job).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import pickle
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dipparse.parser import Parser

# dask.bag.Bag: dask ships no complete type information.
Bag = Any

_INSTALL = "the dask extra is needed: pip install 'dipparse[dask]'"


def _bag_module() -> Any:
    try:
        import dask.bag
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(_INSTALL) from exc
    return dask.bag


def read_files(pattern: str | Path, *, partitions: int | None = None) -> Bag:
    """A bag of ``{"id", "text"}`` records, one per file matching ``pattern``.

    ``pattern`` is a glob (``"articles/*.txt"``) or a folder (all ``*.txt`` in
    it). The id is the file's path; files are read as UTF-8 on the workers.
    Raises `FileNotFoundError` when nothing matches.
    """
    bag = _bag_module()
    path = Path(pattern)
    if path.is_dir():
        files = sorted(str(p) for p in path.glob("*.txt"))
    else:
        files = sorted(str(p) for p in Path(path.anchor or ".").glob(_relative_glob(path)))
    if not files:
        raise FileNotFoundError(f"pattern {str(pattern)!r} matches no files")
    count = partitions or min(len(files), 64)
    return bag.from_sequence(files, npartitions=count).map(_read_file)


def read_jsonl(pattern: str | Path, *, text_field: str = "text", id_field: str = "id") -> Bag:
    """A bag of records from JSON-lines files: each line an object with a text field.

    ``published`` / ``pub_date`` fields, when present, give each article's date.
    A line without ``text_field`` becomes a failed record, not a crash.
    """
    bag = _bag_module()

    def record(line: str) -> dict[str, Any]:
        data = json.loads(line)
        return {
            "id": data.get(id_field),
            "text": data.get(text_field),
            "published": data.get("published", data.get("pub_date")),
        }

    return bag.read_text(str(pattern)).filter(lambda line: line.strip() != "").map(record)


def parse_bag(
    records: Bag,
    *,
    parser: Parser | None = None,
    published: dt.date | str | Mapping[str, Any] | None = None,
) -> Bag:
    """Parse a bag of ``{"id", "text"[, "published"]}`` records into result records.

    ``parser`` defaults to the built-in rules; it travels to the workers as its
    spec and is built once per worker process. ``published`` applies to records
    without their own date: one date for all, or a mapping from record id to
    date.
    """
    from dipparse.parser import Parser

    blob = pickle.dumps(parser if parser is not None else Parser())
    default = published if not isinstance(published, Mapping) else None
    dates = dict(published) if isinstance(published, Mapping) else {}
    return records.map_partitions(_parse_partition, blob, default, dates)


def parse_files(
    records: Bag,
    output: str | Path,
    *,
    parser: Parser | None = None,
    published: dt.date | str | Mapping[str, Any] | None = None,
    format: str = "jsonl",
) -> list[str]:
    """Parse ``records`` (see `read_files`, `read_jsonl`) and write the results.

    ``format`` is ``"jsonl"`` (``output/part-N.jsonl``, one record a line) or
    ``"parquet"`` (one row per article: ``id``, ``error``, ``events`` and the
    document as JSON; needs pandas and pyarrow). Returns the files written.
    Runs on the current Dask scheduler (a ``distributed.Client`` if one is
    active).
    """
    results = parse_bag(records, parser=parser, published=published)
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    if format == "jsonl":
        written = results.map(json.dumps).to_textfiles(str(out / "part-*.jsonl"))
        return [str(w) for w in written]
    if format == "parquet":
        if not all(importlib.util.find_spec(m) for m in ("pandas", "pyarrow")):
            raise ImportError("format='parquet' needs pandas and pyarrow installed")
        frame = results.map(_row).to_dataframe(
            meta={"id": "object", "error": "object", "events": "int64", "document": "object"}
        )
        frame.to_parquet(str(out), write_index=False)
        return sorted(str(p) for p in out.glob("*.parquet"))
    raise ValueError(f"format must be 'jsonl' or 'parquet', not {format!r}")


# -- on the workers ------------------------------------------------------------------

_parsers: dict[str, Parser] = {}


def _parser_from(blob: bytes) -> Parser:
    key = hashlib.sha256(blob).hexdigest()
    parser = _parsers.get(key)
    if parser is None:
        parser = _parsers[key] = pickle.loads(blob)  # built once per worker process
    return parser


def _parse_partition(
    records: Iterable[Mapping[str, Any]],
    blob: bytes,
    default: dt.date | str | None,
    dates: Mapping[str, Any],
) -> list[dict[str, Any]]:
    parser = _parser_from(blob)
    out: list[dict[str, Any]] = []
    for record in records:
        ident = record.get("id")
        if record.get("error"):  # the file could not be read
            out.append({"id": ident, "error": record["error"], "message": record.get("message")})
            continue
        published = record.get("published") or dates.get(str(ident), default)
        try:
            doc = parser.parse(record.get("text"), published=published)  # type: ignore[arg-type]
        except Exception as exc:  # one bad article is reported, the others go on
            out.append({"id": ident, "error": type(exc).__name__, "message": str(exc)})
        else:
            out.append({"id": ident, "document": doc.to_dict()})
    return out


def _read_file(path: str) -> dict[str, Any]:
    try:
        return {"id": path, "text": Path(path).read_text(encoding="utf-8")}
    except (OSError, UnicodeDecodeError) as exc:
        return {"id": path, "text": None, "error": type(exc).__name__, "message": str(exc)}


def _row(result: Mapping[str, Any]) -> dict[str, Any]:
    document = result.get("document")
    return {
        "id": None if result.get("id") is None else str(result.get("id")),
        "error": result.get("error"),
        "events": len(document["events"]) if document else 0,
        "document": json.dumps(document) if document else None,
    }


def _relative_glob(path: Path) -> str:
    return str(path.relative_to(path.anchor)) if path.anchor else str(path)


__all__ = ["parse_bag", "parse_files", "read_files", "read_jsonl"]
