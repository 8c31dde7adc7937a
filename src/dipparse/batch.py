"""Parsing many texts: in order, streaming, in worker processes if asked.

`Parser.parse_many` is the entry point. Results come back in input order as
they are ready, one per text: a `Document`, or a `ParseFailure` in the place
of a text that could not be parsed (not a string, a bad ``published`` value),
so that one bad document never costs the others. With ``workers > 1`` the
texts go in chunks to a pool of processes; each worker receives the parser
once, when it starts (inherited where processes fork, else rebuilt from its
spec: a `Parser` pickles as its constructor arguments), so rule sets compile
at most once per worker, never once per text.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import TYPE_CHECKING, Any

from attrs import frozen

from dipparse.models import Document

if TYPE_CHECKING:
    from concurrent.futures import Future

    from dipparse.parser import Parser

Published = dt.date | dt.datetime | str | None


@frozen
class ParseFailure:
    """A text `Parser.parse_many` could not parse, in its place in the results.

    ``index`` is the text's position in the input, ``error`` the name of the
    exception's class (``"TypeError"``) and ``message`` what it said.
    """

    index: int
    error: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data: ``{"index": ..., "error": ..., "message": ...}``."""
        return {"index": self.index, "error": self.error, "message": self.message}


Result = Document | ParseFailure


def parse_many(
    parser: Parser,
    texts: Iterable[Any],
    *,
    published: Published | Sequence[Published] = None,
    workers: int = 1,
    chunksize: int = 16,
) -> Iterator[Result]:
    """See `Parser.parse_many`; arguments are checked before the first text is read."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be an integer >= 1, not {workers!r}")
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be an integer >= 1, not {chunksize!r}")
    if (
        isinstance(published, Sequence)
        and not isinstance(published, str)
        and isinstance(texts, Sized)
        and len(texts) != len(published)
    ):
        raise ValueError(
            f"published holds {len(published)} values for {len(texts)} texts; "
            "give one per text, or a single value for all"
        )
    dates = _published_for_each(published)
    items = _numbered(texts, dates)
    if workers == 1:
        return (_parse_one(parser, item) for item in items)
    return _in_processes(parser, items, workers, chunksize)


def _published_for_each(published: object) -> Iterator[object]:
    """One ``published`` value per text: the same for all, or the sequence's items."""
    if published is None or isinstance(published, str | dt.date):
        from dipparse.parser import coerce_published

        day = coerce_published(published)  # a bad single value fails at once
        return itertools.repeat(day)
    if isinstance(published, Sequence):
        return iter(published)
    raise TypeError(
        "published must be a date, a datetime, an ISO date string, None or a sequence "
        f"of those (one per text), not {type(published).__name__}"
    )


def _numbered(texts: Iterable[Any], dates: Iterator[object]) -> Iterator[tuple[int, Any, object]]:
    sentinel = object()
    for index, text in enumerate(texts):
        day = next(dates, sentinel)
        if day is sentinel:
            raise ValueError(
                f"published holds fewer values than there are texts (none for text {index})"
            )
        yield index, text, day


def _parse_one(parser: Parser, item: tuple[int, Any, object]) -> Result:
    index, text, day = item
    try:
        return parser.parse(text, published=day)  # type: ignore[arg-type]
    except Exception as exc:  # one bad text is reported in its place
        return ParseFailure(index, type(exc).__name__, str(exc))


# -- worker processes ---------------------------------------------------------------

_worker_parser: Parser | None = None


def _start_worker(parser: Parser) -> None:
    global _worker_parser
    _worker_parser = parser  # inherited, or unpickled (rebuilt from its spec): once


def _parse_chunk(chunk: list[tuple[int, Any, object]]) -> list[Result]:
    assert _worker_parser is not None, "the worker was started without a parser"
    return [_parse_one(_worker_parser, item) for item in chunk]


def _in_processes(
    parser: Parser, items: Iterator[tuple[int, Any, object]], workers: int, chunksize: int
) -> Iterator[Result]:
    from concurrent.futures import ProcessPoolExecutor  # imported when first needed

    # A bounded number of chunks in flight: results stream out in order while the
    # input is read lazily, so an endless or huge input never sits in memory.
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(parser,)
    ) as pool:
        pending: deque[Future[list[Result]]] = deque()
        chunks = iter(lambda: list(itertools.islice(items, chunksize)), [])
        try:
            for chunk in itertools.islice(chunks, 2 * workers):
                pending.append(pool.submit(_parse_chunk, chunk))
            while pending:
                results = pending.popleft().result()
                for chunk in itertools.islice(chunks, 1):
                    pending.append(pool.submit(_parse_chunk, chunk))
                yield from results
        finally:
            for future in pending:
                future.cancel()
