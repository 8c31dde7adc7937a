"""Events as flat rows: for CSV, spreadsheets and data frames.

`to_records` gives one plain ``dict`` per event mention, every field of the
event flattened (``actor_name``, ``trigger_start``, ...), with the id of its
document first; `write_csv` writes such rows as CSV; `to_dataframe` makes a
pandas ``DataFrame`` of them (the ``pandas`` extra). The columns are
`RECORD_FIELDS`, always in that order, whatever the documents hold.

>>> import dipparse
>>> doc = dipparse.parse("China rejected the US proposal on Monday.", published="2025-03-12")
>>> rows = dipparse.to_records({"a1": doc})
>>> [(r["document"], r["id"], r["type"], r["actor_name"], r["trigger_text"]) for r in rows]
[('a1', 'm1', 'rejection', 'China', 'rejected'), ('a1', 'm2', 'offer', 'United States', 'proposal')]
>>> rows[0]["trigger_start"], rows[0]["trigger_end"], rows[0]["date"]
(6, 14, '2025-03-10')
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from dipparse.batch import ParseFailure
from dipparse.models import Actor, Document, Event, Span

_ACTOR_PARTS = ("text", "name", "country", "kind", "role", "start", "end")
_SPAN_PARTS = ("text", "start", "end")

RECORD_FIELDS: tuple[str, ...] = (
    "document",
    "id",
    "type",
    *(f"actor_{p}" for p in _ACTOR_PARTS),
    *(f"target_{p}" for p in _ACTOR_PARTS),
    *(f"content_{p}" for p in _SPAN_PARTS),
    *(f"trigger_{p}" for p in _SPAN_PARTS),
    "negated",
    "hedged",
    "conditional",
    *(f"condition_{p}" for p in _SPAN_PARTS),
    "quoted",
    *(f"speaker_{p}" for p in _ACTOR_PARTS),
    "date",
    *(f"date_{p}" for p in _SPAN_PARTS),
    "sentence_start",
    "sentence_end",
    "rule",
    "topic",
    "cameo",
    "plover",
    "plover_mode",
    "group",
)
"""The columns of `to_records`, `write_csv` and `to_dataframe`, in order."""

Documents = (
    Mapping[Any, Document] | Iterable[Document | ParseFailure | tuple[Any, Document | ParseFailure]]
)


def _span(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_{p}": None for p in _SPAN_PARTS}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _actor(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{p}": None for p in _ACTOR_PARTS}
    country = ";".join(actor.country) if isinstance(actor.country, tuple) else actor.country
    return {
        f"{prefix}_text": actor.span.text,
        f"{prefix}_name": actor.name,
        f"{prefix}_country": country,
        f"{prefix}_kind": actor.kind,
        f"{prefix}_role": actor.role,
        f"{prefix}_start": actor.span.start,
        f"{prefix}_end": actor.span.end,
    }


def event_record(document: Any, event: Event) -> dict[str, Any]:
    """One event as a flat row (the columns of `RECORD_FIELDS`).

    Spans become ``_text``, ``_start`` and ``_end`` columns; a joint actor's
    countries are joined with ``;``; the date is an ISO string; a missing part
    is ``None``.
    """
    row: dict[str, Any] = {"document": document, "id": event.id, "type": event.type}
    row |= _actor("actor", event.actor)
    row |= _actor("target", event.target)
    row |= _span("content", event.content)
    row |= _span("trigger", event.trigger)
    row |= {"negated": event.negated, "hedged": event.hedged, "conditional": event.conditional}
    row |= _span("condition", event.condition)
    row["quoted"] = event.quoted
    row |= _actor("speaker", event.speaker)
    row["date"] = event.date.isoformat() if event.date else None
    row |= _span("date", event.date_text)
    row |= {"sentence_start": event.sentence.start, "sentence_end": event.sentence.end}
    row |= {
        "rule": event.rule,
        "topic": event.topic,
        "cameo": event.cameo,
        "plover": event.plover,
        "plover_mode": event.plover_mode,
        "group": event.group,
    }
    return row


def _pairs(docs: Documents) -> Iterator[tuple[Any, Document]]:
    items: Iterable[Any] = docs.items() if isinstance(docs, Mapping) else docs
    for position, item in enumerate(items):
        ident, doc = item if isinstance(item, tuple) else (position, item)
        if isinstance(doc, ParseFailure):
            raise ValueError(
                f"document {ident!r} failed to parse ({doc.error}: {doc.message}); "
                "leave failures out before exporting"
            )
        if not isinstance(doc, Document):
            raise TypeError(f"expected a Document, not {type(doc).__name__}")
        yield ident, doc


def iter_records(docs: Documents) -> Iterator[dict[str, Any]]:
    """The rows of `to_records`, one at a time."""
    for ident, doc in _pairs(docs):
        for event in doc.events:
            yield event_record(ident, event)


def to_records(docs: Documents) -> list[dict[str, Any]]:
    """One flat row per event mention of ``docs``, in order.

    ``docs`` is a mapping from document id to `Document`, an iterable of
    ``(id, Document)`` pairs, or an iterable of documents (their ids are then
    their positions, from 0). A document without events gives no row; a
    `ParseFailure` raises `ValueError` (leave failures out first).
    """
    return list(iter_records(docs))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows: Iterable[Mapping[str, Any]], out: TextIO, *, header: bool = True) -> int:
    """Write rows (see `to_records`) to ``out`` as CSV; returns the number of rows.

    ``None`` is an empty cell, a flag is ``true`` or ``false``. Open a file
    with ``newline=""`` for it.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(RECORD_FIELDS)
    count = 0
    for row in rows:
        writer.writerow([_cell(row[name]) for name in RECORD_FIELDS])
        count += 1
    return count


def to_dataframe(docs: Documents) -> Any:
    """The rows of `to_records` as a pandas ``DataFrame``, columns `RECORD_FIELDS`.

    Needs pandas (``pip install 'dipparse[pandas]'``); ``frame.to_parquet(path)``
    then needs pyarrow too (``dipparse[parquet]``).
    """
    try:
        pandas = importlib.import_module("pandas")
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install 'dipparse[pandas]'") from exc
    return pandas.DataFrame.from_records(list(iter_records(docs)), columns=list(RECORD_FIELDS))


__all__ = [
    "RECORD_FIELDS",
    "event_record",
    "iter_records",
    "to_dataframe",
    "to_records",
    "write_csv",
]
