"""Temporal phrases at the ends of the calendar: a day or None, never an exception.

`datetime.date` holds 0001-01-01 to 9999-12-31. A relative phrase resolved
against a publication date at either end may name a day outside that range
("on Saturday" published on Monday 0001-01-01); such a phrase keeps its text
and is dated None.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import dipparse
from dipparse.dates import resolve

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
