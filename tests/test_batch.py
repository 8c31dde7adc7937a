"""`Parser.parse_many`: order, failures in place, per-text dates, processes, laziness."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest

import dipparse
from dipparse import Document, ParseFailure, Parser

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
