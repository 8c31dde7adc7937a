"""Parse a folder or a data set of articles on a Dask cluster, into JSON lines or Parquet.

Needs the ``dask`` extra (``pip install 'dipparse[dask]'``: dask's bags and
``distributed``); Parquet output needs pandas and pyarrow too. Dask does the
scheduling, the retries and the cluster; this module only says what each
partition does: build the parser once per worker process (from its pickled
spec, cached), parse its articles, and give one record per article::

    {"id": "...", "document": {...Document.to_dict()...}}
    {"id": "...", "error": "TypeError", "message": "..."}   # an article that failed

Every failure costs only its article. By default (``isolate=True``) each
partition is parsed in a child process of the Dask worker, as `parse_many`
does in its worker processes: an article whose parse raises, cannot be
pickled, kills its process (``"WorkerDied"``) or takes longer than
``timeout`` seconds (``"TimeoutError"``) gives an error record, and the rest of
the partition is parsed. With ``isolate=False`` articles are parsed in the Dask
worker itself: one child process fewer per partition, but an article that
kills the process costs its whole partition (Dask retries it on other workers,
then gives up with ``KilledWorker``).

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
    timeout: float | None = None,
    isolate: bool = True,
) -> Bag:
    """Parse a bag of ``{"id", "text"[, "published"]}`` records into result records.

    ``parser`` defaults to the built-in rules; it travels to the workers as its
    spec and is built once per worker process. ``published`` applies to records
    without their own date: one date for all, or a mapping from record id to
    date. ``isolate`` (the default) parses each partition in a child process of
    its Dask worker, so that an article that kills the process or takes longer
    than ``timeout`` seconds fails alone (see the module's documentation);
    ``timeout`` needs ``isolate``.
    """
    from dipparse.batch import check_timeout
    from dipparse.parser import Parser

    if not isinstance(isolate, bool):
        raise TypeError(f"isolate must be True or False, not {type(isolate).__name__}")
    check_timeout(timeout)
    if timeout is not None and not isolate:
        raise ValueError("timeout needs isolate=True: only a child process can be stopped")
    blob = pickle.dumps(parser if parser is not None else Parser())
    default = published if not isinstance(published, Mapping) else None
    dates = dict(published) if isinstance(published, Mapping) else {}
    return records.map_partitions(_parse_partition, blob, default, dates, timeout, isolate)


def parse_files(
    records: Bag,
    output: str | Path,
    *,
    parser: Parser | None = None,
    published: dt.date | str | Mapping[str, Any] | None = None,
    format: str = "jsonl",
    timeout: float | None = None,
    isolate: bool = True,
) -> list[str]:
    """Parse ``records`` (see `read_files`, `read_jsonl`) and write the results.

    ``format`` is ``"jsonl"`` (``output/part-N.jsonl``, one record a line) or
    ``"parquet"`` (one row per article: ``id``, ``error``, ``events`` and the
    document as JSON; needs pandas and pyarrow). Returns the files written.
    Runs on the current Dask scheduler (a ``distributed.Client`` if one is
    active). ``timeout`` and ``isolate`` are as for `parse_bag`.
    """
    results = parse_bag(
        records, parser=parser, published=published, timeout=timeout, isolate=isolate
    )
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
    records: Iterable[object],
    blob: bytes,
    default: dt.date | str | None,
    dates: Mapping[str, Any],
    timeout: float | None = None,
    isolate: bool = True,
) -> list[dict[str, Any]]:
    from dipparse.batch import ParseFailure, parse_in_processes
    from dipparse.models import Document

    parser = _parser_from(blob)
    out: list[dict[str, Any]] = []
    todo: list[tuple[int, object, object, object]] = []  # (place, id, text, published)
    for record in records:
        if not isinstance(record, Mapping):
            kind = type(record).__name__
            message = f"a record must be a mapping with 'id' and 'text', not {kind}"
            out.append({"id": None, "error": "TypeError", "message": message})
            continue
        ident = record.get("id")
        if record.get("error"):  # the file could not be read
            out.append({"id": ident, "error": record["error"], "message": record.get("message")})
            continue
        published = record.get("published") or dates.get(str(ident), default)
        todo.append((len(out), ident, record.get("text"), published))
        out.append({})
    texts = [text for _, _, text, _ in todo]
    days = [day for _, _, _, day in todo]
    if isolate and todo:
        results: Iterable[object] = parse_in_processes(parser, texts, days, timeout=timeout)
    else:
        results = (_parse_here(parser, text, day) for text, day in zip(texts, days, strict=True))
    for (place, ident, _, _), result in zip(todo, results, strict=True):
        if isinstance(result, ParseFailure):
            out[place] = {"id": ident, "error": result.error, "message": result.message}
        elif isinstance(result, Document):
            out[place] = {"id": ident, "document": result.to_dict()}
        else:  # a Parser subclass's parse returned something else
            message = f"the parser returned {type(result).__name__}, not a Document"
            out[place] = {"id": ident, "error": "TypeError", "message": message}
    return [_plain(r) for r in out]


def _parse_here(parser: Parser, text: object, published: object) -> object:
    """Parse in this process: any exception but Ctrl-C is the record's failure."""
    from dipparse.batch import ParseFailure

    try:
        return parser.parse(text, published=published)  # type: ignore[arg-type]
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a SystemExit must not end a Dask worker's task
        return ParseFailure(-1, type(exc).__name__, str(exc))


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """The record if it is plain JSON data, else an error record saying why."""
    try:
        json.dumps(record)
    except (TypeError, ValueError) as exc:
        ident = record.get("id")
        return {
            "id": repr(ident),
            "error": "TypeError",
            "message": f"the record's id must be JSON data (a str, a number), "
            f"not {type(ident).__name__}: {exc}",
        }
    return record


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
