"""Datelines, bylines and credit lines: the parts of an article that name no actor.

"SEOUL, March 10 (Reuters) - ...", "Kyiv, Ukraine (AP) — ...", "By Andrew
Osborn", "Reporting by Guy Faulconbridge in Moscow; Editing by Mark Trevelyan":
the places and people these name are where and by whom the article was written,
not who offers, accepts, rejects or demands. `credit_spans` finds them; the
parser drops the actor mentions inside them, so that no event, pronoun or
quotation takes its actor from them.

A dateline opens a paragraph: a place (capitalised words, at most four, with an
optional ", Country"), then a date or a news agency in parentheses or both, then a
dash or a colon. A place in capitals ("WASHINGTON —") needs neither date nor
agency; a place in ordinary case ("Kyiv — Russia rejected...") needs one, since
without it the words may be the sentence's own subject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import regex

from dipparse.dates import MONTH, is_absolute, resolve
from dipparse.scanning import finditer_at

_DATE = rf"(?P<date>(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})(?:,?\s+\d{{4}})?)"
_WORD = r"\p{Lu}[\p{L}.'’-]*"
_CAPS = r"\p{Lu}[\p{Lu}.'’-]+"
_AGENCY = r"\((?:[\p{L}][\p{L}.&/' -]{1,30})\)"
_DASH = r"\s*(?:-{1,2}|–|—|:)\s"

_DATELINE = regex.compile(
    r"(?m)^[ \t]*(?:"
    # "SEOUL, March 10 (Reuters) -", "WASHINGTON —", "NEW DELHI:"
    rf"{_CAPS}(?:[ ]+{_CAPS}){{0,3}}(?:,[ ]*{_WORD}(?:[ ]+{_WORD}){{0,2}})?"
    rf"(?:,?[ ]*{_DATE})?(?:[ ]*{_AGENCY})?"
    # "Kyiv, Ukraine (AP) —", "Geneva, Sept 5 -": a date or an agency required.
    rf"|{_WORD}(?:[ ]+{_WORD}){{0,3}}(?:,[ ]*{_WORD}(?:[ ]+{_WORD}){{0,2}})?"
    rf"(?:,?[ ]*{_DATE}(?:[ ]*{_AGENCY})?|[ ]*{_AGENCY})"
    rf"){_DASH}",
    regex.VERSION1,
)

_BYLINE = regex.compile(
    rf"(?m)^[ \t]*(?:By|BY)[ ]+{_WORD}(?:[ ]+(?:{_WORD}|and|de|van|von|al|bin)){{0,6}}[ \t]*$",
    regex.VERSION1,
)

# "Reporting by ...; Editing by ...", "(Additional reporting by ...)": to the line's end.
_CREDITS = regex.compile(
    r"(?m)^[ \t]*\(?(?:Reporting|Additional\s+reporting|Writing|Editing|Compiled)"
    r"(?:\s+by)?\b[^\n]*",
    regex.VERSION1,
)


# How far into a text its dateline may stand (after a headline and a byline).
_DATELINE_REACH = 400


def dateline_day(text: str) -> dt.date | None:
    """The day the text's dateline names with its year ("KYIV, Ukraine, March 10, 2025
    (AP) —"), if it opens one of the text's first paragraphs; None otherwise (a
    dateline without its year, "SEOUL, March 10 (Reuters) -", names no single day).
    """
    m = _DATELINE.search(text, 0, min(len(text), _DATELINE_REACH))
    if m is None:
        return None
    phrase = m.group("date")  # the one of the two alternatives that matched
    if not phrase or not is_absolute(phrase):
        return None
    return resolve(" ".join(phrase.split()), None)


def credit_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where ``text[start:end]`` has datelines, bylines and credit lines, in text order.

    A dateline's span runs from its place to its dash (the article's first words
    are not in it); a byline's or credit line's is the whole line.
    """
    end = len(text) if end is None else end
    # Each pattern matches at a line's start only: tried there, not at every position.
    found = [
        m.span()
        for pattern in (_DATELINE, _BYLINE, _CREDITS)
        for m in finditer_at(pattern, text, _line_starts(text, start, end), start, end)
    ]
    return sorted(found)


def _line_starts(text: str, start: int, end: int) -> Iterator[int]:
    """``start`` and every position after a line break in ``text[start:end]``."""
    yield start
    pos = text.find("\n", start, end)
    while pos >= 0:
        yield pos + 1
        pos = text.find("\n", pos + 1, end)
