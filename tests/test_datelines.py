"""Tests for dipparse.datelines: credit lines found at line starts as by a search."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dipparse import datelines
from dipparse.datelines import credit_spans


def _searched(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """What the dateline, byline and credit patterns' own searches find."""
    patterns = (datelines._DATELINE, datelines._BYLINE, datelines._CREDITS)
    return sorted(m.span() for p in patterns for m in p.finditer(text, start, end))


def test_credit_lines_are_found_at_each_line_start() -> None:
    text = (
        "By Andrew Osborn\r\nMOSCOW, March 12 (Reuters) - Russia rejected the plan.\n"
        "Reporting by Guy Faulconbridge\rBy Someone Else\n\nKyiv (AP) — It agreed."
    )
    found = credit_spans(text)
    # A carriage return is no line break for the patterns (nor the end of a byline).
    assert [text[s:e] for s, e in found] == [
        "MOSCOW, March 12 (Reuters) - ",
        "Reporting by Guy Faulconbridge\rBy Someone Else",
        "Kyiv (AP) — ",
    ]
    assert found == _searched(text, 0, len(text))
    assert credit_spans(text, 3, len(text)) == _searched(text, 3, len(text))


@given(
    st.lists(
        st.sampled_from(
            ["SEOUL, March 10 (Reuters) - ", "By Andrew Osborn", "Reporting by Guy Faulconbridge"]
        )
        | st.sampled_from(["Kyiv (AP) — ", "WASHINGTON — ", "Iran rejected it. ", "x", " ", "By"]),
        max_size=8,
    ),
    st.lists(st.sampled_from(["\n", "\r\n", "\r", " ", "", "\n\n", "\t"]), min_size=8, max_size=8),
    st.integers(0, 40),
)
def test_credit_spans_are_what_the_patterns_search_finds(
    pieces: list[str], breaks: list[str], start: int
) -> None:
    """Tried at line starts only, the patterns find what their searches find."""
    text = "".join(p + b for p, b in zip(pieces, breaks, strict=False))
    start = min(start, len(text))
    assert credit_spans(text) == _searched(text, 0, len(text))
    assert credit_spans(text, start, len(text)) == _searched(text, start, len(text))
