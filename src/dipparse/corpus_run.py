"""One ``dipparse parse`` run over a corpus: read, parse (in worker processes if asked), write.

The records of `dipparse.corpus_input.read_records` go through
`Parser.parse_many` lazily, so the output of each document is written (and
flushed) as soon as it and every document before it are done, in input order.
A record that could not be read, or whose parse failed, is reported on
standard error with where it came from and why, and counted; the run goes on.
At the end a summary line goes to standard error; while the run goes, a
progress bar does, when standard error is a terminal and tqdm is installed
(the ``progress`` extra).
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO, overload

from attrs import define, frozen

from dipparse.batch import ParseFailure
from dipparse.corpus_input import STDIN, Record, read_records
from dipparse.event_table import format_table, plural
from dipparse.export import event_record, write_csv
from dipparse.models import Document
from dipparse.parser import Parser


@frozen
class Summary:
    """What a run did: documents read, events found, failures, bytes read, seconds."""

    documents: int
    events: int
    failures: int
    bytes: int
    seconds: float

    def format(self) -> str:
        """``"3 documents, 7 events, 1 failure; 0.01 MB in 0.52 s (0.02 MB/s)"``."""
        mb = self.bytes / 1e6
        rate = mb / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{plural(self.documents, 'document')}, {plural(self.events, 'event')}, "
            f"{plural(self.failures, 'failure')}; {mb:.2f} MB in {self.seconds:.2f} s "
            f"({rate:.2f} MB/s)"
        )


@define
class Output:
    """Writes each document's results to ``out`` in one of the formats of ``parse``."""

    out: TextIO
    format: str  # table, json, jsonl, csv
    per: str = "event"  # jsonl: a line per event or per document
    width: int | None = None  # table: the most characters a line takes
    _started: bool = False

    def document(self, name: str, doc: Document) -> None:
        """Write one parsed document."""
        self._start()
        if self.format == "table":
            self.out.write(format_table(doc, name, self.width) + "\n")
        elif self.format == "json":
            data = doc.to_dict()
            data["document"] = name
            self.out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif self.format == "jsonl" and self.per == "document":
            data = doc.to_dict()
            data["document"] = name
            self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif self.format == "jsonl":
            for event in doc.events:
                row = event.to_dict()
                row["document"] = name
                self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.format == "csv":
            write_csv((event_record(name, e) for e in doc.events), self.out, header=False)
        else:
            raise ValueError(f"unknown output format {self.format!r}")
        self.out.flush()

    def failure(self, record: Record, error: str, message: str) -> None:
        """A document that failed: a line of its own only where a line is per document."""
        self._start()
        if self.format == "jsonl" and self.per == "document":
            data = {
                "document": record.id,
                "where": record.where,
                "error": error,
                "message": message,
            }
            self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
            self.out.flush()

    def finish(self) -> None:
        """Write what an empty run still owes (a CSV header)."""
        self._start()
        self.out.flush()

    def _start(self) -> None:
        if not self._started:
            self._started = True
            if self.format == "csv":
                write_csv((), self.out)


class _Dates(Sequence[object]):
    """Each record's date, for `Parser.parse_many`, read lazily as the texts are.

    `parse_many` takes one date per text, just after its text; this gives the
    date of the record whose text was read last, or ``default`` when it has none.
    """

    def __init__(self, records: deque[Record], default: dt.date | None) -> None:
        self._records = records
        self._default = default

    def __iter__(self) -> Iterator[object]:
        while True:
            published = self._records[-1].published
            yield self._default if published is None else published

    def __len__(self) -> int:
        raise TypeError("the number of dates is known only once the input is read")

    @overload
    def __getitem__(self, index: int) -> object: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[object]: ...
    def __getitem__(self, index: int | slice) -> object:
        raise TypeError("the dates are read in order only")


class _Progress:
    """A tqdm bar on standard error, in bytes read; nothing without tqdm or a terminal."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar: Any = None
        if not enabled:
            return
        try:
            tqdm = importlib.import_module("tqdm").tqdm
        except ImportError:
            return
        self.bar = tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, dynamic_ncols=True)

    def update(self, size: int, documents: int) -> None:
        if self.bar is not None:
            self.bar.update(size)
            self.bar.set_postfix_str(plural(documents, "doc"), refresh=False)

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _total_size(inputs: Sequence[Path | str]) -> int | None:
    if any(source == STDIN for source in inputs):
        return None
    try:
        return sum(Path(source).stat().st_size for source in inputs)
    except OSError:
        return None


class CorpusRun:
    """Parse the documents of ``inputs`` with ``parser`` and write them to ``output``."""

    def __init__(
        self,
        parser: Parser,
        inputs: Sequence[Path | str],
        output: Output,
        *,
        input_format: str = "text",
        text_field: str = "text",
        id_field: str = "id",
        published_field: str | None = None,
        published: dt.date | None = None,
        workers: int = 1,
        timeout: float | None = None,
        quiet: bool = False,
    ) -> None:
        self.parser = parser
        self.inputs = inputs
        self.output = output
        self.input_format = input_format
        self.fields = (text_field, id_field, published_field)
        self.published = published
        self.workers = workers
        self.timeout = timeout
        self.quiet = quiet

    def run(self) -> Summary:
        """Parse everything, write it, report failures and the summary; the counts."""
        text_field, id_field, published_field = self.fields
        records = read_records(
            self.inputs,
            input_format=self.input_format,
            text_field=text_field,
            id_field=id_field,
            published_field=published_field,
        )
        pending: deque[Record] = deque()  # read and not yet written, in order

        def texts() -> Iterator[object]:
            for record in records:
                pending.append(record)
                # A record that could not be read still takes its place (None fails at once).
                yield record.text if record.error is None else None

        dates: object = self.published
        if published_field is not None:
            dates = _Dates(pending, self.published)
        progress = _Progress(not self.quiet and sys.stderr.isatty(), _total_size(self.inputs))
        documents = events = failures = size = 0
        start = time.perf_counter()
        try:
            results = self.parser.parse_many(
                texts(),  # type: ignore[arg-type]  # any JSON value: a non-str fails alone
                published=dates,  # type: ignore[arg-type]
                workers=self.workers,
                timeout=self.timeout,
            )
            for result in results:
                record = pending.popleft()
                documents += 1
                size += record.size
                if record.error is not None or isinstance(result, ParseFailure):
                    failures += 1
                    if record.error is not None:
                        error, message = record.error, record.message or ""
                    else:
                        assert isinstance(result, ParseFailure)
                        error, message = result.error, result.message
                    progress.write(f"dipparse: failed: {_where(record)}: {error}: {message}")
                    self.output.failure(record, error, message)
                else:
                    events += len(result.events)
                    self.output.document(record.id, result)
                progress.update(record.size, documents)
            self.output.finish()
        finally:
            progress.close()
        summary = Summary(documents, events, failures, size, time.perf_counter() - start)
        if not self.quiet:
            print(f"dipparse: {summary.format()}", file=sys.stderr, flush=True)
        return summary


def _where(record: Record) -> str:
    if record.id == record.where:
        return record.where
    return f"{record.where} (id {record.id!r})"


__all__ = ["CorpusRun", "Output", "Summary"]
