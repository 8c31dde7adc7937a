"""`Parser.parse_many`: order, failures in place, per-text dates, processes, laziness.

The fault-injection tests at the end use `FaultyParser`, a test-only `Parser`
subclass defined here (at module level, so that worker processes can unpickle
it) that misbehaves on marker texts: it raises, exits the process, kills it
with a signal, hangs, or returns a result that cannot be pickled. Every fault
must cost only its own text: a `ParseFailure` with its index and reason in
its place, every other result present and in input order.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import multiprocessing
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

import dipparse
from dipparse import Document, ParseFailure, Parser
from faults import (  # the fault-injection parser, shared with the Dask tests
    CRASH,
    EXIT,
    HANG,
    KILL,
    SLOW,
    SYSEXIT,
    UNSENDABLE,
    FaultyParser,
    Unpicklable,
)

TEXTS = [
    "India has firmly rejected US President Donald Trump's offer to mediate on Kashmir.",
    "China rejected the US proposal on Monday.",
    "Turkey offered to host peace talks between Russia and Ukraine.",
    "Heavy rain flooded parts of the capital overnight.",
]


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser()


def _dicts(results: list[Document | ParseFailure]) -> list[dict[str, object]]:
    return [r.to_dict() for r in results]


def test_results_match_parse_in_input_order(parser: Parser) -> None:
    results = list(parser.parse_many(TEXTS, published="2025-03-12"))
    expected = [parser.parse(t, published="2025-03-12") for t in TEXTS]
    assert _dicts(results) == _dicts(list(expected))
    assert [r.text for r in results if isinstance(r, Document)] == TEXTS


def test_a_bad_text_is_reported_in_its_place(parser: Parser) -> None:
    texts: list[object] = [TEXTS[0], 42, TEXTS[1]]
    results = list(parser.parse_many(texts))  # type: ignore[arg-type]
    assert isinstance(results[0], Document)
    assert results[1] == ParseFailure(1, "TypeError", "text must be str, not int")
    assert isinstance(results[2], Document)
    assert results[2].events[0].actor is not None
    assert results[2].events[0].actor.name == "China"


def test_published_per_text(parser: Parser) -> None:
    days = [dt.date(2025, 3, 12), "2025-03-19"]
    first, second = parser.parse_many([TEXTS[1], TEXTS[1]], published=days)
    assert isinstance(first, Document)
    assert isinstance(second, Document)
    assert first.events[0].date == dt.date(2025, 3, 10)
    assert second.events[0].date == dt.date(2025, 3, 17)


def test_a_bad_published_value_fails_only_its_text(parser: Parser) -> None:
    results = list(parser.parse_many(TEXTS[:2], published=["2025-03-12", "last week"]))
    assert isinstance(results[0], Document)
    assert isinstance(results[1], ParseFailure)
    assert (results[1].index, results[1].error) == (1, "ValueError")
    assert "ISO date" in results[1].message


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"workers": 0}, ValueError, "workers"),
        ({"workers": 1.5}, ValueError, "workers"),
        ({"chunksize": 0}, ValueError, "chunksize"),
        ({"published": "someday"}, ValueError, "ISO date"),
        ({"published": 20250312}, TypeError, "published"),
        ({"published": ["2025-03-12"]}, ValueError, "1 values for 4 texts"),
    ],
)
def test_bad_arguments_fail_at_once(
    parser: Parser, kwargs: dict[str, object], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        parser.parse_many(TEXTS, **kwargs)  # type: ignore[arg-type]


def test_too_few_dates_for_an_unsized_input(parser: Parser) -> None:
    results = parser.parse_many(iter(TEXTS), published=["2025-03-12"])
    assert isinstance(next(results), Document)
    with pytest.raises(ValueError, match="fewer values than there are texts"):
        next(results)


def test_input_is_read_lazily(parser: Parser) -> None:
    endless: Iterator[str] = itertools.cycle(TEXTS)
    first = list(itertools.islice(parser.parse_many(endless), 6))
    assert [r.text for r in first if isinstance(r, Document)] == [*TEXTS, *TEXTS[:2]]


def test_worker_processes_give_the_same_results(parser: Parser) -> None:
    texts: list[object] = [*TEXTS, None, *TEXTS]
    days = ["2025-03-12"] * len(texts)
    single = list(parser.parse_many(texts, published=days))  # type: ignore[arg-type]
    pooled = list(parser.parse_many(texts, published=days, workers=2, chunksize=2))  # type: ignore[arg-type]
    assert _dicts(pooled) == _dicts(single)
    assert isinstance(pooled[4], ParseFailure)
    assert pooled[4].index == 4


def test_worker_processes_stream_an_endless_input() -> None:
    parser = Parser(disable=["offer.verb"])
    results = parser.parse_many(itertools.cycle(TEXTS[2:3]), workers=2, chunksize=1)
    first = list(itertools.islice(results, 3))
    results.close()  # type: ignore[attr-defined]
    assert all(isinstance(r, Document) for r in first)
    # The workers parse with the parser's own configuration (offer.verb disabled).
    assert all(e.rule != "offer.verb" for r in first if isinstance(r, Document) for e in r.events)


def test_parse_failure_is_exported() -> None:
    assert dipparse.ParseFailure is ParseFailure
    assert ParseFailure(3, "TypeError", "x").to_dict() == {
        "index": 3,
        "error": "TypeError",
        "message": "x",
    }


# -- fault injection ----------------------------------------------------------------

GOOD = "China rejected the US proposal on Monday."


def _refuse(text: str) -> str:
    raise ValueError(f"refusing to unpickle {text!r}")


class Unloadable(str):
    """A text that pickles, but whose unpickling (in the worker) raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_refuse, (str(self),))


@functools.cache
def _plain() -> Parser:
    return Parser()


@pytest.fixture(scope="module")
def faulty() -> FaultyParser:
    return FaultyParser()


# workers=1 parses in this process unless there is a timeout; a timeout (generous
# here) puts the one worker in a process of its own, where a death is isolated.
IN_PROCESSES = [
    pytest.param({"workers": 1, "timeout": 60}, id="one-worker-process"),
    pytest.param({"workers": 2}, id="two-workers"),
]
ANY_WORKERS = [pytest.param({"workers": 1}, id="in-process"), *IN_PROCESSES]


def _check(
    parser: Parser,
    texts: list[Any],
    failures: dict[int, tuple[str, str]],
    **kwargs: Any,
) -> list[Document | ParseFailure]:
    """Parse; the failures are exactly ``{index: (error, words in message)}``, in place.

    Every other text has its Document, equal to what `parse` gives, in input order;
    no worker process is left behind.
    """
    results = list(parser.parse_many(texts, published="2025-03-12", **kwargs))
    assert len(results) == len(texts)
    for index, (text, result) in enumerate(zip(texts, results, strict=True)):
        if index in failures:
            error, words = failures[index]
            assert isinstance(result, ParseFailure), (index, result)
            assert (result.index, result.error) == (index, error), result
            assert words in result.message, result
        else:
            assert isinstance(result, Document), (index, result)
            assert result.to_dict() == _plain().parse(text, published="2025-03-12").to_dict()
    assert multiprocessing.active_children() == []
    return results


@pytest.mark.parametrize("kwargs", ANY_WORKERS)
def test_a_text_that_is_not_a_string_fails_alone(kwargs: dict[str, Any]) -> None:
    """The example of issue 13: a lambda among 20 texts used to lose 13 results."""
    texts: list[Any] = ["a."] * 10 + [lambda: 0] + ["a."] * 10
    _check(Parser(), texts, {10: ("TypeError", "text must be str, not function")}, **kwargs)


@pytest.mark.parametrize("kwargs", IN_PROCESSES)
def test_a_text_that_cannot_be_pickled_fails_alone(kwargs: dict[str, Any]) -> None:
    texts = [GOOD] * 5 + [Unpicklable("Iran rejected it.")] + [GOOD] * 5
    failures = {5: ("PicklingError", "text 5 cannot be sent to a worker process")}
    failure = _check(Parser(), texts, failures, chunksize=4, **kwargs)[5]
    assert isinstance(failure, ParseFailure)
    assert "refuses to be pickled" in failure.message


def test_an_unpicklable_text_parses_in_process() -> None:
    """Without worker processes nothing is pickled: such a text is a text."""
    _check(Parser(), [GOOD, Unpicklable("Iran rejected it."), GOOD], {})


@pytest.mark.parametrize("kwargs", IN_PROCESSES)
def test_a_text_that_cannot_be_unpickled_in_the_worker_fails_alone(
    kwargs: dict[str, Any],
) -> None:
    texts = [GOOD, Unloadable("Iran rejected it."), GOOD, GOOD]
    failures = {1: ("ValueError", "could not be unpickled in the worker process: refusing")}
    _check(Parser(), texts, failures, chunksize=4, **kwargs)


@pytest.mark.parametrize("kwargs", ANY_WORKERS)
def test_an_exception_in_the_parse_fails_alone(
    faulty: FaultyParser, kwargs: dict[str, Any]
) -> None:
    texts = [GOOD, *TEXTS, CRASH, *TEXTS, GOOD]
    _check(faulty, texts, {5: ("RuntimeError", "injected crash")}, chunksize=3, **kwargs)


@pytest.mark.parametrize("kwargs", IN_PROCESSES)
def test_system_exit_in_the_parse_fails_alone(faulty: FaultyParser, kwargs: dict[str, Any]) -> None:
    """A SystemExit in a worker's parse ends neither the worker nor the caller."""
    texts = [*TEXTS, SYSEXIT, *TEXTS]
    _check(faulty, texts, {4: ("SystemExit", "3")}, chunksize=3, **kwargs)


@pytest.mark.parametrize("kwargs", IN_PROCESSES)
@pytest.mark.parametrize(
    ("marker", "how"),
    [(EXIT, "exited with code 7"), (KILL, "was killed by signal SIGKILL")],
    ids=["os._exit", "SIGKILL"],
)
def test_a_worker_that_dies_costs_only_its_text(
    faulty: FaultyParser, kwargs: dict[str, Any], marker: str, how: str
) -> None:
    """The text being parsed when its worker died fails; its chunk's others are parsed."""
    texts = [*TEXTS, GOOD, marker, *TEXTS, marker, GOOD]
    words = f"the worker process parsing this text {how}"
    failures = {5: ("WorkerDied", words), 10: ("WorkerDied", words)}
    _check(faulty, texts, failures, chunksize=4, **kwargs)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_parse_that_hangs_times_out_alone(faulty: FaultyParser, workers: int) -> None:
    texts = [*TEXTS, HANG, *TEXTS]
    started = time.monotonic()
    words = "parsing took longer than 1.5 s; its worker process was stopped"
    _check(faulty, texts, {4: ("TimeoutError", words)}, workers=workers, chunksize=3, timeout=1.5)
    assert time.monotonic() - started < 60  # the hanging parse (two minutes) was stopped


def test_the_timeout_is_per_text_not_per_chunk(faulty: FaultyParser) -> None:
    """Four texts of 0.6 s each in one chunk: 2.4 s in all, none over a 1.5 s limit."""
    _check(faulty, [SLOW] * 4 + [GOOD], {}, workers=1, chunksize=4, timeout=1.5)


@pytest.mark.parametrize("kwargs", IN_PROCESSES)
def test_a_result_that_cannot_be_sent_back_fails_alone(
    faulty: FaultyParser, kwargs: dict[str, Any]
) -> None:
    texts = [GOOD, UNSENDABLE, GOOD]
    failures = {1: ("PicklingError", "the result could not be sent back from the worker")}
    _check(faulty, texts, failures, chunksize=4, **kwargs)


@pytest.mark.parametrize("workers", [1, 2])
def test_every_fault_at_once(faulty: FaultyParser, workers: int) -> None:
    """All the faults in one input: each fails in its place, nothing else is lost."""
    texts: list[Any] = [
        GOOD,
        CRASH,
        *TEXTS,
        EXIT,
        42,
        Unpicklable("Iran rejected it."),
        *TEXTS,
        KILL,
        HANG,
        SYSEXIT,
        UNSENDABLE,
        *TEXTS,
        Unloadable("Iran rejected it."),
        GOOD,
    ]
    failures = {
        1: ("RuntimeError", "injected crash"),
        6: ("WorkerDied", "exited with code 7"),
        7: ("TypeError", "text must be str, not int"),
        8: ("PicklingError", "cannot be sent to a worker process"),
        13: ("WorkerDied", "killed by signal SIGKILL"),
        14: ("TimeoutError", "longer than 2 s"),
        15: ("SystemExit", "3"),
        16: ("PicklingError", "could not be sent back"),
        21: ("ValueError", "could not be unpickled"),
    }
    _check(faulty, texts, failures, workers=workers, chunksize=3, timeout=2)


def test_a_bad_published_value_fails_alone_in_a_worker(faulty: FaultyParser) -> None:
    days: list[Any] = ["2025-03-12", "someday", object(), "2025-03-12"]
    results = list(faulty.parse_many(TEXTS, published=days, workers=2, chunksize=1))
    assert [type(r).__name__ for r in results] == [
        "Document",
        "ParseFailure",
        "ParseFailure",
        "Document",
    ]
    assert (results[1].index, results[1].error) == (1, "ValueError")  # type: ignore[union-attr]
    assert (results[2].index, results[2].error) == (2, "TypeError")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("timeout", "error"),
    [
        (0, ValueError),
        (-1, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        ("5", TypeError),
        (True, TypeError),
    ],
)
def test_a_bad_timeout_fails_at_once(timeout: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="timeout must be"):
        Parser().parse_many(TEXTS, timeout=timeout)  # type: ignore[arg-type]


def _fail_to_start(parser: Parser) -> None:
    raise RuntimeError("no parser here")


def _exit_at_start(parser: Parser) -> None:
    os._exit(3)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="patches the workers by forking"
)
@pytest.mark.parametrize(
    ("start", "words"),
    [
        (_fail_to_start, "a worker process could not start: RuntimeError: no parser here"),
        (_exit_at_start, "a worker process exited with code 3 before it was ready"),
    ],
)
def test_workers_that_cannot_start_are_an_error_not_a_hang(
    monkeypatch: pytest.MonkeyPatch, start: Any, words: str
) -> None:
    """No text is to blame when a worker cannot start: parse_many raises, at once."""
    from dipparse import batch

    monkeypatch.setattr(batch, "_start_worker", start)
    results = Parser().parse_many(TEXTS, workers=2)
    with pytest.raises(RuntimeError, match=words):
        next(results)
    assert multiprocessing.active_children() == []


def test_closing_the_results_stops_the_workers(faulty: FaultyParser) -> None:
    """Closing the iterator while a worker hangs does not wait for it."""
    results = faulty.parse_many([GOOD, HANG, GOOD], workers=2, chunksize=1, timeout=100)
    assert isinstance(next(results), Document)
    started = time.monotonic()
    results.close()  # type: ignore[attr-defined]
    assert time.monotonic() - started < 10
    assert multiprocessing.active_children() == []


def _in_a_daemon(queue: Any, texts: list[Any]) -> None:
    results = FaultyParser().parse_many(texts, workers=2, chunksize=2, timeout=3)
    queue.put([r.to_dict() if isinstance(r, ParseFailure) else r.text for r in results])


def test_faults_are_isolated_in_a_daemonic_process(faulty: FaultyParser) -> None:
    """A daemonic process (a Dask worker, say) may not fork workers: they run as subprocesses."""
    texts: list[Any] = [GOOD, CRASH, EXIT, GOOD, KILL, HANG, 42, GOOD]
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    daemon = context.Process(target=_in_a_daemon, args=(queue, texts), daemon=True)
    daemon.start()
    try:
        got = queue.get(timeout=120)
    finally:
        daemon.join(30)
    assert daemon.exitcode == 0
    fails = {r["index"]: (r["error"], r["message"]) for r in got if isinstance(r, dict)}
    assert [r for r in got if not isinstance(r, dict)] == [GOOD, GOOD, GOOD]
    assert [i for i, r in enumerate(got) if not isinstance(r, dict)] == [0, 3, 7]
    assert fails == {
        1: ("RuntimeError", "injected crash"),
        2: ("WorkerDied", "the worker process parsing this text exited with code 7"),
        4: ("WorkerDied", "the worker process parsing this text was killed by signal SIGKILL"),
        5: ("TimeoutError", "parsing took longer than 3 s; its worker process was stopped"),
        6: ("TypeError", "text must be str, not int"),
    }


def test_too_few_dates_in_worker_processes(parser: Parser) -> None:
    """The texts before the one without a date come back first, then the error."""
    results = parser.parse_many(iter(TEXTS), published=["2025-03-12"] * 3, workers=2, chunksize=2)
    assert [r.text for r in itertools.islice(results, 3)] == TEXTS[:3]  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="fewer values than there are texts"):
        next(results)
    assert multiprocessing.active_children() == []
