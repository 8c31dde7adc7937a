"""Temporal phrases: where they are found, and at the ends of the calendar.

`find_dates` tries its pattern only where a match can start (found by its own scan, or
from the words another scan split); it finds what the pattern's own search finds.
`datetime.date` holds 0001-01-01 to 9999-12-31. A relative phrase resolved against a
publication date at either end may name a day outside that range ("on Saturday"
published on Monday 0001-01-01); such a phrase keeps its text and is dated None.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import dipparse
from dipparse import dates
from dipparse.dates import find_dates, resolve
from dipparse.scanning import Words

FIRST, LAST = dt.date.min, dt.date.max  # a Monday and a Friday

PHRASES = [
    "on Saturday",
    "last Friday",
    "next Friday",
    "Friday morning",
    "next year",
    "last week",
    "in two days",
    "yesterday",
    "tomorrow",
    "three years ago",
    "10000 years ago",
    "December 31",
]


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-02", "9999-12-31"])
@pytest.mark.parametrize("phrase", PHRASES)
def test_relative_dates_at_the_ends_of_the_calendar(published: str, phrase: str) -> None:
    doc = dipparse.parse(f"China rejected it {phrase}.", published=published)
    [event] = doc.events
    assert event.type == "rejection"
    assert event.date is None or isinstance(event.date, dt.date)


def test_a_day_before_the_first_is_none_and_keeps_its_text() -> None:
    """The case that raised OverflowError: the Saturday before Monday 0001-01-01."""
    doc = dipparse.parse("China rejected it on Saturday.", published="0001-01-01")
    [event] = doc.events
    assert event.date is None
    assert event.date_text is not None
    assert event.date_text.text == "on Saturday"


def test_a_day_after_the_last_is_none() -> None:
    doc = dipparse.parse("China rejected it next Friday.", published="9999-12-31")
    [event] = doc.events
    assert event.date is None
    assert event.date_text is not None
    assert event.date_text.text == "next Friday"


@pytest.mark.parametrize(
    ("phrase", "published", "day"),
    [
        ("tomorrow", FIRST, dt.date(1, 1, 2)),
        ("next Friday", FIRST, dt.date(1, 1, 5)),
        ("yesterday", LAST, dt.date(9999, 12, 30)),
        ("on Saturday", LAST, dt.date(9999, 12, 25)),
        ("three years ago", LAST, dt.date(9996, 12, 31)),
    ],
)
def test_days_inside_the_calendar_still_resolve(
    phrase: str, published: dt.date, day: dt.date
) -> None:
    assert resolve(phrase, published) == day


@pytest.mark.parametrize(
    ("phrase", "published"),
    [
        ("on Saturday", FIRST),
        ("Saturday", dt.date(1, 1, 2)),
        ("last Friday", FIRST),
        ("Friday morning", FIRST),
        ("next Friday", LAST),
        ("tomorrow", LAST),
        ("yesterday", FIRST),
    ],
)
def test_days_outside_the_calendar_are_none(phrase: str, published: dt.date) -> None:
    assert resolve(phrase, published) is None


@given(
    st.sampled_from(["on", "last", "next", "this", "by", "since"]),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
    st.dates(FIRST, LAST),
)
@example("on", "Saturday", FIRST)
@example("last", "Sunday", dt.date(1, 1, 6))
@example("next", "Monday", LAST)
def test_any_weekday_against_any_day(word: str, weekday: str, published: dt.date) -> None:
    """A weekday names a day within two weeks of publication, or None at the edges."""
    day = resolve(f"{word} {weekday}", published)
    assert day is None or abs((day - published).days) <= 14


def _searched(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans the date pattern's own search finds: what find_dates must find."""
    end = len(text) if end is None else end
    return [m.span() for m in dates._PATTERN.finditer(text, start, end)]


def _found(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """What find_dates finds, the same by its own scan and from a scan's words (of the
    stretch, and of a copy of it as the parser shares them)."""
    end = len(text) if end is None else end
    day = dt.date(2025, 5, 12)
    found = [(d.start, d.end) for d in find_dates(text, start, end, day)]
    for words in (Words(text, start, end), Words(text[start:end])):
        shared = find_dates(text, start, end, day, "published", words)
        assert [(d.start, d.end) for d in shared] == found
    return found


# Every form the pattern knows, next to near misses: inside words, other cases, other
# digits, a combining mark after a day.
FORMS = (
    "On Monday, March 3, 2025 morning; by Sept. 3rd; since 12 of December 2024. Early "
    "Tuesday, 4 June 2024 and late Wednesday evening. in June 2024, In May 2023; last week, "
    "this month, next weekend; earlier this year, Later next week. Yesterday, today, "
    "Tonight, tomorrow. in 2019, Since 1999, by 2030. 3 days ago, two weeks ago, ten "
    "years ago, 2025-05-12. Mondays, xMonday, Junebug, MONDAY, monday, Sep 9, Jan. 2, "
    "Apr 1st, Aug 22nd 2021, Sept. 14, Feb 30, Thursday\u0301, \u0663 days ago, 5th March, Jul 4."
)


def test_dates_are_found_where_the_pattern_finds_them() -> None:
    assert _found(FORMS) == _searched(FORMS)
    assert len(_found(FORMS)) > 30
    for start, end in ((3, len(FORMS)), (5, 200), (0, 41)):
        assert _found(FORMS, start, end) == _searched(FORMS, start, end)


def test_dates_of_the_corpus_are_found_where_the_pattern_finds_them() -> None:
    corpus = Path(__file__).parent / "corpus"
    checked = 0
    for part in sorted(corpus.glob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            assert _found(text) == _searched(text), text
            checked += len(_searched(text))
    assert checked > 100


@given(
    st.lists(
        st.sampled_from([*dates._FIRST_WORDS, "3", "2025", "12th", "-05-12", "of", "weeks"])
        | st.sampled_from(["days", "ago", "morning", "x", "a1", "\u0301", "\u0663"]),
        max_size=12,
    ),
    st.lists(st.sampled_from([" ", ", ", ". ", "", "  ", "\n", "-"]), min_size=12, max_size=12),
)
def test_dates_of_any_run_of_date_words_are_found_where_the_pattern_finds_them(
    words: list[str], gaps: list[str]
) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    assert _found(text) == _searched(text)
