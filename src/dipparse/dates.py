"""Temporal phrases: found with one compiled pattern, resolved by dateparser, cached.

`dateparser.search_dates` over whole texts is slow and reads "We" as
Wednesday, so this module finds candidate phrases itself ("on Saturday",
"April 22", "last week", "in 2019") and asks `dateparser.parse` only about
those, against the publication date, remembering every answer. dateparser is
imported on first use, not when dipparse is imported.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import regex
from attrs import frozen

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PATTERN = regex.compile(
    r"""
    (?<![\p{L}\p{N}])
    (?:
        (?:(?:[Oo]n|[Bb]y|[Ss]ince|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\s+)?
        (?:
            DAY(?:,?\s+(?:MONTH\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}\s+MONTH(?:\s+\d{4})?))?
              (?:\s+(?:morning|afternoon|evening|night))?
          | MONTH\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?
          | \d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?MONTH(?:,?\s+\d{4})?
          | (?:[Ii]n\s+)?MONTH(?:\s+\d{4})
          | \d{4}-\d{2}-\d{2}
        )
      | (?:[Ll]ast|[Tt]his|[Nn]ext)\s+(?:week|month|year|weekend)
      | (?:[Ee]arlier|[Ll]ater)\s+(?:this|last|next)\s+(?:week|month|year)
      | (?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)
      | (?:[Ii]n|[Ss]ince|[Bb]y)\s+(?:19|20)\d{2}
      | (?:\d+|two|three|four|five|six|seven|ten)\s+(?:days|weeks|months|years)\s+ago
    )
    (?![\p{L}\p{N}])
    """.replace("MONTH", _MONTH).replace("DAY", _DAY),
    regex.VERSION1 | regex.VERBOSE,
)
# Phrases dateparser cannot resolve to a day: kept as text, dated None.
_VAGUE = regex.compile(r"(?i)^(?:earlier|later)\s|\b(?:week|month|year|weekend)$")
_LEADING = regex.compile(r"(?i)^(?:on|by|since|in|early|late)\s+")


@frozen
class DateMention:
    """A temporal phrase in normalised coordinates and the day it names, if any."""

    start: int
    end: int
    text: str
    date: dt.date | None


def find_dates(text: str, start: int, end: int, published: dt.date | None) -> list[DateMention]:
    """Temporal phrases in ``text[start:end]``, each resolved against ``published``."""
    out = []
    for m in _PATTERN.finditer(text, start, end):
        phrase = " ".join(m.group().split())
        out.append(DateMention(m.start(), m.end(), phrase, resolve(phrase, published)))
    return out


@lru_cache(maxsize=8192)
def resolve(phrase: str, published: dt.date | None) -> dt.date | None:
    """The day a phrase names, relative to ``published`` (cached).

    None when the phrase is vague ("last week") or names a day outside the
    calendar `datetime.date` can hold (before 0001-01-01 or after 9999-12-31).
    """
    if _VAGUE.search(phrase) and not regex.search(r"\d", phrase):
        return None
    core = _LEADING.sub("", phrase)
    if regex.fullmatch(r"(?:19|20)\d{2}", core):
        return None  # a year is not a day
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    try:
        result = _dateparser().parse(core, languages=["en"], settings=settings)
    except (OverflowError, ValueError):
        # A day before 1 January 1 or after 31 December 9999 ("on Saturday"
        # published on 0001-01-01): no date, never an exception.
        return None
    return result.date() if result is not None else None


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    import dateparser  # slow to import: only when a date is first resolved

    return dateparser
