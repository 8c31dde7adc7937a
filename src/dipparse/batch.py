"""Parsing many texts: in order, streaming, in worker processes if asked.

`Parser.parse_many` is the entry point. Results come back in input order as
they are ready, one per text: a `Document`, or a `ParseFailure` in the place
of a text that could not be parsed, so that one bad document never costs the
others.

With ``workers=1`` and no ``timeout`` the texts are parsed in the calling
process: an exception in a parse is isolated, a parse that ends the process
cannot be. Otherwise (``workers > 1``, or a ``timeout``) they go in chunks to
worker processes, and every failure stays with its text:

- each text and its date are checked and pickled in this process before they
  are sent, so a text that is not a ``str`` or cannot be pickled fails alone;
- a worker sends back each result as soon as it is ready, so when a worker
  process dies (``os._exit``, a signal, the out-of-memory killer) or a text
  takes longer than ``timeout`` (the worker is then stopped), the text it was
  parsing is known: that text gets a `ParseFailure`, the rest of its chunk
  goes to a fresh worker, and nothing already parsed is parsed again.

Each worker receives the parser once, when it starts (inherited where
processes fork, else rebuilt from its spec: a `Parser` pickles as its
constructor arguments), so rule sets compile at most once per worker, never
once per text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import os
import pickle
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import TYPE_CHECKING, Any

from attrs import frozen

from dipparse.models import Document

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

    from dipparse.parser import Parser

Published = dt.date | dt.datetime | str | None


@frozen
class ParseFailure:
    """A text `Parser.parse_many` could not parse, in its place in the results.

    ``index`` is the text's position in the input, ``error`` the name of the
    exception's class (``"TypeError"``) and ``message`` what it said. In
    worker processes two more reasons are possible: ``"TimeoutError"`` (the
    parse took longer than ``timeout``; its worker was stopped) and
    ``"WorkerDied"`` (the worker process ended while parsing the text; the
    message gives its exit code or signal).
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
    timeout: float | None = None,
) -> Iterator[Result]:
    """See `Parser.parse_many`; arguments are checked before the first text is read."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be an integer >= 1, not {workers!r}")
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"chunksize must be an integer >= 1, not {chunksize!r}")
    check_timeout(timeout)
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
    if workers == 1 and timeout is None:
        return (_parse_one(parser, item) for item in items)
    return _in_processes(parser, items, workers, chunksize, timeout)


def check_timeout(timeout: object) -> None:
    """A `TypeError` or `ValueError` unless ``timeout`` is None or a positive number."""
    if timeout is None:
        return
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(
            f"timeout must be a number of seconds or None, not {type(timeout).__name__}"
        )
    if not (timeout > 0 and math.isfinite(timeout)):
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")


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


def parse_in_processes(
    parser: Parser,
    texts: Sequence[Any],
    published: Sequence[object],
    *,
    workers: int = 1,
    chunksize: int = 16,
    timeout: float | None = None,
) -> Iterator[Result]:
    """Parse ``texts`` (one ``published`` value each) in worker processes, in order.

    The worker-process path of `parse_many`, whatever ``workers`` and
    ``timeout`` are: the Dask recipe runs each partition through it, so that a
    record whose parse kills its process costs only itself.
    """
    return _in_processes(
        parser, _numbered(iter(texts), iter(published)), workers, chunksize, timeout
    )


# -- worker processes ---------------------------------------------------------------
#
# Each worker is a process with a duplex pipe. The parent sends it a chunk (a
# list of ``(index, pickled (text, date))``) only when it is idle, and the
# worker answers with one message per text, in order. So the parent always
# knows which text a worker is parsing (the first of its chunk without a
# result) and since when (the previous result), which is what it needs to
# blame a death or a timeout on exactly one text.

_worker_parser: Parser | None = None


def _start_worker(parser: Parser) -> None:
    global _worker_parser
    _worker_parser = parser  # inherited, or unpickled (rebuilt from its spec): once


def _parse_sent(index: int, blob: bytes) -> Result:
    """Parse one text as sent by the parent; any exception but Ctrl-C is its failure."""
    assert _worker_parser is not None, "the worker was started without a parser"
    try:
        text, day = pickle.loads(blob)
    except Exception as exc:
        message = f"text {index} could not be unpickled in the worker process: {exc}"
        return ParseFailure(index, type(exc).__name__, message)
    try:
        return _worker_parser.parse(text, published=day)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # even SystemExit: the worker must go on with the others
        return ParseFailure(index, type(exc).__name__, str(exc))


def _worker_main(conn: Connection, parser: Parser, out: Connection | None = None) -> None:
    """A worker process: start, then parse chunks until told to stop (None).

    Chunks come in on ``conn``; results go out on ``out`` (``conn`` itself if
    not given: a duplex pipe).
    """
    out = conn if out is None else out
    try:
        _start_worker(parser)
        from dipparse.dates import _dateparser

        _dateparser()  # import it now, not on the first date: that is no slow parse
    except BaseException as exc:
        out.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    out.send(("ready", None))
    while True:
        try:
            chunk = conn.recv()
        except EOFError:  # the parent is gone
            return
        if chunk is None:
            return
        for index, blob in chunk:
            result = _parse_sent(index, blob)
            try:
                out.send(("result", result))
            except Exception as exc:  # the result does not pickle: say so instead
                message = f"the result could not be sent back from the worker process: {exc}"
                out.send(("result", ParseFailure(index, type(exc).__name__, message)))


def _serve(inbound: int, outbound: int) -> None:
    """The worker's main function when it runs as a subprocess (see `_Worker`)."""
    from multiprocessing.connection import Connection

    conn = Connection(inbound, writable=False)
    out = Connection(outbound, readable=False)
    try:
        parser = pickle.loads(conn.recv_bytes())
    except BaseException as exc:
        out.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    _worker_main(conn, parser, out)


# Run as ``python -c _SERVE IN OUT PATH...``: the parent's import path first.
_SERVE = (
    "import sys; sys.path[:0] = sys.argv[3:]; from dipparse.batch import _serve; "
    "_serve(int(sys.argv[1]), int(sys.argv[2]))"
)


@frozen
class _Sent:
    """A text ready to go to a worker: its index and its pickled ``(text, date)``."""

    index: int
    blob: bytes


class _Worker:
    """The parent's end of one worker process.

    A `multiprocessing` process as a rule; a subprocess running `_serve` when
    this process is itself a daemonic one (a Dask worker, say), which
    `multiprocessing` does not let have children.
    """

    def __init__(self, context: BaseContext, parser: Parser) -> None:
        import multiprocessing

        self.ready = False
        self.items: deque[_Sent] = deque()  # sent, no result yet; the first is being parsed
        self.since = 0.0  # when the first of them started, as far as the parent can tell
        self.process: BaseProcess | None = None
        self.child: subprocess.Popen[bytes] | None = None
        if not multiprocessing.current_process().daemon:
            self.conn, end = context.Pipe()
            self.out = self.conn
            self.process = context.Process(  # type: ignore[attr-defined]
                target=_worker_main, args=(end, parser), name="dipparse-worker", daemon=True
            )
            self.process.start()
            end.close()
            return
        from multiprocessing.connection import Connection

        blob = pickle.dumps(parser)  # a Parser pickles as its spec: small
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        try:
            self.child = subprocess.Popen(
                [sys.executable, "-c", _SERVE, str(down_r), str(up_w), *sys.path],
                pass_fds=(down_r, up_w),
                stdin=subprocess.DEVNULL,
            )
        finally:
            os.close(down_r)
            os.close(up_w)
        self.out = Connection(down_w, readable=False)
        self.conn = Connection(up_r, writable=False)
        with contextlib.suppress(OSError):  # it ended at once: seen as "before it was ready"
            self.out.send_bytes(blob)

    @property
    def sentinels(self) -> list[int]:
        """What `multiprocessing.connection.wait` sees when the process ends.

        A subprocess's end shows as the end of its pipe (``conn``).
        """
        return [self.process.sentinel] if self.process is not None else []

    def alive(self) -> bool:
        if self.process is not None:
            return self.process.is_alive()
        return self.child is not None and self.child.poll() is None

    def join(self, timeout: float | None = None) -> None:
        if self.process is not None:
            self.process.join(timeout)
        elif self.child is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.child.wait(timeout)

    def send(self, chunk: list[_Sent]) -> None:
        self.out.send([(item.index, item.blob) for item in chunk])
        self.items.extend(chunk)
        self.since = time.monotonic()

    def stop(self) -> None:
        """End the process: politely when it is idle, else at once."""
        if self.ready and not self.items and self.alive():
            with contextlib.suppress(OSError):
                self.out.send(None)
            self.join(1)
        if self.alive():
            if self.process is not None:
                self.process.kill()
            elif self.child is not None:
                self.child.kill()
        self.join()
        self.conn.close()
        if self.out is not self.conn:
            self.out.close()

    def ended(self) -> str:
        """How the process ended, for a failure's message."""
        if self.process is not None:
            code = self.process.exitcode
        else:
            code = self.child.returncode if self.child is not None else None
        if code is not None and code < 0:
            try:
                return f"was killed by signal {signal.Signals(-code).name}"
            except ValueError:
                return f"was killed by signal {-code}"
        return f"exited with code {code}"


def _prepare(index: int, text: object, day: object) -> _Sent | ParseFailure:
    """Check a text and its date here, and pickle them: what fails, fails alone."""
    from dipparse.parser import check_text, coerce_published

    try:
        pair = (check_text(text), coerce_published(day))
    except Exception as exc:  # the same failure `parse` gives, without a worker
        return ParseFailure(index, type(exc).__name__, str(exc))
    try:
        return _Sent(index, pickle.dumps(pair, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception as exc:
        message = f"text {index} cannot be sent to a worker process: {exc}"
        return ParseFailure(index, type(exc).__name__, message)


def _in_processes(
    parser: Parser,
    items: Iterator[tuple[int, Any, object]],
    workers: int,
    chunksize: int,
    timeout: float | None,
) -> Iterator[Result]:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context()
    pool = [_Worker(context, parser) for _ in range(workers)]
    done: dict[int, Result] = {}
    order: deque[int] = deque()  # indices read and not yet yielded, in input order
    backlog: deque[list[_Sent]] = deque()  # chunks waiting for a worker
    ahead = 2 * workers * chunksize  # read at most this far ahead of the results given
    exhausted = False
    input_error: BaseException | None = None  # raised once the texts before it are given
    idle_deaths = 0

    def read_chunk() -> list[_Sent] | None:
        nonlocal exhausted, input_error
        chunk: list[_Sent] = []
        while not chunk and not exhausted and len(order) < ahead:
            for _ in range(chunksize):
                try:
                    index, text, day = next(items)
                except StopIteration:
                    exhausted = True
                    break
                except Exception as exc:  # the input itself failed (too few dates, ...)
                    exhausted, input_error = True, exc
                    break
                order.append(index)
                prepared = _prepare(index, text, day)
                if isinstance(prepared, ParseFailure):
                    done[index] = prepared
                else:
                    chunk.append(prepared)
        return chunk or None

    def lost(worker: _Worker, error: str, message: str) -> None:
        """The worker is gone: its current text fails, the rest of its chunk goes on."""
        if worker.items:
            culprit = worker.items.popleft()
            done[culprit.index] = ParseFailure(culprit.index, error, message)
            if worker.items:
                backlog.appendleft(list(worker.items))
            worker.items.clear()
        worker.stop()
        pool[pool.index(worker)] = _Worker(context, parser)

    def receive(worker: _Worker) -> bool:
        """Read all the worker has sent; False once its pipe is closed."""
        try:
            while worker.conn.poll():
                kind, value = worker.conn.recv()
                if kind == "result":
                    done[worker.items.popleft().index] = value
                    worker.since = time.monotonic()
                elif kind == "ready":
                    worker.ready = True
                else:
                    raise RuntimeError(f"a worker process could not start: {value}")
        except (EOFError, OSError):
            return False
        return True

    def died(worker: _Worker) -> None:
        nonlocal idle_deaths
        worker.join(5)  # the exit code, for the message
        if not worker.ready:
            raise RuntimeError(f"a worker process {worker.ended()} before it was ready")
        if not worker.items:  # ended between chunks: nothing to blame, but not forever
            idle_deaths += 1
            if idle_deaths > 3 * workers:
                raise RuntimeError(f"worker processes keep ending; the last {worker.ended()}")
        lost(worker, "WorkerDied", f"the worker process parsing this text {worker.ended()}")

    try:
        while True:
            while order and order[0] in done:
                yield done.pop(order.popleft())
            for worker in pool:
                if worker.ready and not worker.items:
                    chunk = backlog.popleft() if backlog else read_chunk()
                    if chunk is not None:
                        worker.send(chunk)
            busy = [w for w in pool if w.items]
            if not busy and not backlog and all(w.ready for w in pool):
                # Nothing is being parsed: every text read so far has its result.
                while order:
                    yield done.pop(order.popleft())
                if input_error is not None:
                    raise input_error
                if exhausted:
                    return
                continue  # all texts of the last chunk read failed here: read on
            wake = None
            if timeout is not None and busy:
                wake = max(0.0, min(w.since for w in busy) + timeout - time.monotonic())
            waiting = [w for w in pool if w.items or not w.ready]
            signalled = wait(
                [w.conn for w in waiting] + [s for w in waiting for s in w.sentinels], timeout=wake
            )
            for worker in waiting:
                is_open = receive(worker) if worker.conn in signalled else True
                if not is_open or any(s in signalled for s in worker.sentinels):
                    receive(worker)  # what it sent before it ended
                    died(worker)
                elif (
                    timeout is not None
                    and worker.items
                    and time.monotonic() - worker.since > timeout
                ):
                    lost(
                        worker,
                        "TimeoutError",
                        f"parsing took longer than {timeout:g} s; its worker process was stopped",
                    )
    finally:
        for worker in pool:
            worker.stop()
