"""Temporal phrases: found with one compiled pattern, resolved by dateparser, cached.

`dateparser.search_dates` over whole texts is slow and reads "We" as
Wednesday, so this module finds candidate phrases itself ("on Saturday",
"April 22", "last week", "in 2019") and asks `dateparser.parse` only about
those, against the publication date, remembering every answer. dateparser is
imported on first use, not when dipparse is imported.

Every resolved day records its basis: ``"text"`` when the phrase names the day
by itself ("March 3, 2025", "2025-03-03"), ``"published"`` when it was counted
from the publication date ("on Saturday", "March 3"), ``"dateline"`` when it was
counted from the date of the article's dateline because no publication date was
given ("KYIV, Ukraine, March 10, 2025 (AP) —"), and ``"none"`` when no day was
resolved. Without either a relative phrase stays unresolved: counting it from
the clock of the machine that parses would be quietly wrong for an archived
article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal, TypeAlias

import regex
from attrs import frozen

from dipparse.scanning import Words, finditer_at, trie_alternation

DateBasis: TypeAlias = Literal["published", "dateline", "text", "none"]
DATE_BASES: tuple[str, ...] = ("published", "dateline", "text", "none")

# A month's name, full or abbreviated ("March", "Sept.", "Dec"): also read by datelines.
MONTH = (
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
    """.replace("MONTH", MONTH).replace("DAY", _DAY),
    regex.VERSION1 | regex.VERBOSE,
)
# The first word (a run of letters and digits) of every match of _PATTERN, unless it
# starts with a digit: its leading words, days and months as written (keep in step).
_FIRST_WORDS = (
    *("On on By by Since since Last last This this Next next Early early Late late").split(),
    *("Earlier earlier Later later In in Yesterday yesterday Today today").split(),
    *("Tonight tonight Tomorrow tomorrow two three four five six seven ten").split(),
    *("Monday Tuesday Wednesday Thursday Friday Saturday Sunday").split(),
    *("Jan January Feb February Mar March Apr April May Jun June Jul July Aug August").split(),
    *("Sep Sept September Oct October Nov November Dec December").split(),
)
# Where a match of _PATTERN can start: one of those words, or a digit, at a word's
# start. A pattern this plain is found far faster than _PATTERN is tried everywhere.
_STARTS = regex.compile(
    r"(?<![\p{L}\p{N}])(?:\p{N}|"
    + trie_alternation(_FIRST_WORDS, ignorecase=False)
    + r"(?![\p{L}\p{N}]))",
    regex.VERSION1,
)
_FIRST_SET = frozenset(_FIRST_WORDS)
# The other places _STARTS finds: a digit at a word's start.
_DIGIT_STARTS = regex.compile(r"(?<![\p{L}\p{N}])\p{N}", regex.VERSION1)
# Phrases dateparser cannot resolve to a day: kept as text, dated None.
_VAGUE = regex.compile(r"(?i)^(?:earlier|later)\s|\b(?:week|month|year|weekend)$")
_LEADING = regex.compile(r"(?i)^(?:on|by|since|in|early|late)\s+")
# A phrase that names its day by itself, year included: it needs no publication date.
_ABSOLUTE = regex.compile(
    r"""
    (?<![\p{L}\p{N}])
    (?:
        \d{4}-\d{2}-\d{2}
      | MONTH\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
      | \d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?MONTH,?\s+\d{4}
    )
    (?![\p{L}\p{N}])
    """.replace("MONTH", MONTH),
    regex.VERSION1 | regex.VERBOSE,
)
# A month and a year ("in March 2025") names no single day.
MONTHYEAR_TMP = regex.compile(r"(?:[Ii]n\s+)?MONTH\s+\d{4}".replace("MONTH", MONTH))


@frozen
class DateMention:
    """A temporal phrase in normalised coordinates and the day it names, if any."""

    start: int
    end: int
    text: str
    date: dt.date | None
    basis: DateBasis = "none"


def find_dates(
    text: str,
    start: int,
    end: int,
    published: dt.date | None,
    anchor: DateBasis = "published",
    words: Words | None = None,
) -> list[DateMention]:
    """Temporal phrases in ``text[start:end]``, each resolved against ``published``.

    ``anchor`` names where ``published`` came from: a relative phrase counted from
    it has that basis (``"published"``, or ``"dateline"`` for a dateline's date).
    ``words``: the `Words` of ``text[start:end]`` or of a copy of that stretch, when
    another scan split it already: its words are where most matches can start.
    """
    out = []
    # As _PATTERN.finditer(text, start, end), tried only where a match can start.
    for m in finditer_at(_PATTERN, text, _starts(text, start, end, words), start, end):
        phrase = " ".join(m.group().split())
        day = resolve(phrase, published)
        basis = basis_of(day, phrase)
        out.append(
            DateMention(m.start(), m.end(), phrase, day, anchor if basis == "published" else basis)
        )
    return out


def _starts(text: str, start: int, end: int, words: Words | None) -> Iterable[int]:
    """Where `_STARTS` matches in ``text[start:end]``, in order (perhaps a few more places).

    From ``words`` (of the stretch, or of a copy of it), the words among the first
    words and the digits at a word's start. The stretch's first word may have
    letters before it in ``text``: no match starts there, which `_PATTERN` checks.
    """
    if words is None or not words.ok or words.end - words.start != end - start:
        return [m.start() for m in _STARTS.finditer(text, start, end)]
    shift = start - words.start
    found = [shift + s for s in words.starts_of(_FIRST_SET)]
    found.extend(m.start() for m in _DIGIT_STARTS.finditer(text, start, end))
    found.sort()
    return found


def is_absolute(phrase: str) -> bool:
    """The phrase names a day by itself, year included ("March 3, 2025", "2025-03-03")."""
    return _ABSOLUTE.search(phrase) is not None


def basis_of(day: dt.date | None, phrase: str | None) -> DateBasis:
    """Where a resolved ``day`` came from: ``"none"``, ``"text"`` or ``"published"``.

    No day is ``"none"``; a day with no phrase, or named by an absolute phrase,
    is ``"text"``; a day counted from a relative phrase is ``"published"``.
    """
    if day is None:
        return "none"
    if phrase is None or is_absolute(phrase):
        return "text"
    return "published"


@lru_cache(maxsize=8192)
def resolve(phrase: str, published: dt.date | None) -> dt.date | None:
    """The day a phrase names, relative to ``published`` (cached).

    None when the phrase is vague ("last week", "in March 2025"), is relative
    ("on Saturday", "March 3") while ``published`` is None, or names a day
    outside the calendar `datetime.date` can hold (before 0001-01-01 or after
    9999-12-31).
    """
    if _VAGUE.search(phrase) and not regex.search(r"\d", phrase):
        return None
    core = _LEADING.sub("", phrase)
    if regex.fullmatch(r"(?:19|20)\d{2}", core):
        return None  # a year is not a day
    if MONTHYEAR_TMP.fullmatch(phrase):
        return None  # nor is a month
    if published is None and not is_absolute(phrase):
        return None  # no anchor: not today's clock, which is wrong for archived news
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
