"""Tests for dipparse.text: typographic normalisation and the offset map back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipparse.text import _SAME_LENGTH, NormalisedText, normalise

ZWSP = "\u200b"  # zero-width space
SHY = "\u00ad"  # soft hyphen


def _assert_maps_back(norm: NormalisedText) -> None:
    """Every normalised range maps to the original range holding the same characters."""
    n = len(norm.text)
    for start in range(n + 1):
        for end in range(start, n + 1):
            span = norm.span(start, end)
            assert norm.original[span.start : span.end] == span.text
            visible = "".join(c for c in span.text if c not in (ZWSP, SHY, "\u2060", "\ufeff"))
            assert visible.translate(_FOLD) == norm.text[start:end], (start, end, span)


# What the tests expect each typographic character to become.
_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("\u201cWe agree,\u201d he said.", '"We agree," he said.'),
        ('"We agree," he said.', '"We agree," he said.'),
        ("\u2018no\u2019", "'no'"),
        ("don\u2019t", "don't"),
        ("Trump\u2019s offer", "Trump's offer"),
        ("it's", "it's"),
        ("left \u2013 the return", "left - the return"),
        ("talks\u2014again", "talks-again"),
        ("New\u00a0Delhi", "New Delhi"),
        ("10\u202fMay", "10 May"),
        ("\u00abnon\u00bb", '"non"'),
    ],
)
def test_typography_folds_to_one_spelling(original: str, expected: str) -> None:
    """Curly quotes, apostrophes, dashes and non-breaking spaces fold one for one."""
    norm = normalise(original)
    assert norm.text == expected
    assert norm.deletions == ()
    assert len(norm.text) == len(original)


def test_line_breaks_and_tabs_are_kept() -> None:
    """Newlines separate headlines and paragraphs, so they must survive folding."""
    assert normalise("Head\r\nline\tone\n").text == "Head\r\nline\tone\n"


@pytest.mark.parametrize("invisible", [ZWSP, SHY, "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_invisible_characters_are_dropped(invisible: str) -> None:
    """Zero-width characters and soft hyphens vanish from the normalised text."""
    norm = normalise(f"Pak{invisible}istan")
    assert norm.text == "Pakistan"
    assert norm.span(0, 8).text == f"Pak{invisible}istan"


@pytest.mark.parametrize(
    "original",
    [
        f"{ZWSP}India rejected it.",
        f"India{ZWSP} rejected it.",
        f"India rejected{ZWSP}{ZWSP}{ZWSP} it.",
        f"India rejected it.{ZWSP}",
        f"{ZWSP}{ZWSP}India{SHY}{ZWSP} rejected{SHY} it.{ZWSP}{ZWSP}",
        f"In{SHY}dia",
        ZWSP,
        "",
    ],
)
def test_span_maps_every_range_back(original: str) -> None:
    """``original[s:e]`` is the text behind any normalised range, wherever deletions fall."""
    _assert_maps_back(normalise(original))


def test_span_after_leading_deletion() -> None:
    """A zero-width character at the start shifts every later position by one."""
    norm = normalise(f"{ZWSP}India rejected it.")
    span = norm.span(0, 5)
    assert (span.start, span.end, span.text) == (1, 6, "India")


def test_span_around_deletions_in_a_row() -> None:
    """A word after several deleted characters maps past all of them."""
    original = f"India rejected{ZWSP}{ZWSP}{ZWSP} it."
    norm = normalise(original)
    assert norm.text == "India rejected it."
    it = norm.text.index("it.")
    span = norm.span(it, it + 2)
    assert span.text == "it"
    assert original[span.start : span.end] == "it"
    rejected = norm.span(6, 14)
    assert rejected.text == "rejected"


def test_span_after_trailing_deletion() -> None:
    """The last word's span ends before a trailing deleted character."""
    original = f"India rejected it.{ZWSP}"
    norm = normalise(original)
    span = norm.span(15, 18)
    assert span.text == "it."
    assert span.end == 18


def test_span_of_whole_text_covers_inner_deletions() -> None:
    """A range spanning a deletion includes the invisible character in its original text."""
    norm = normalise(f"New{ZWSP} Delhi")
    span = norm.span(0, len(norm.text))
    assert span.text == f"New{ZWSP} Delhi"


def test_empty_text() -> None:
    """An empty string normalises to an empty string with an empty span at 0."""
    norm = normalise("")
    assert norm.text == ""
    assert norm.deletions == ()
    span = norm.span(0, 0)
    assert (span.start, span.end, span.text) == (0, 0, "")


def test_only_invisible_characters() -> None:
    """A text of invisible characters normalises to nothing; its end maps to the original end."""
    norm = normalise(ZWSP * 3)
    assert norm.text == ""
    span = norm.span(0, 0)
    assert span.text == ""
    assert span.start == 3


def test_original_char_sees_the_curly_mark() -> None:
    """Quotation detection asks which way a folded mark pointed in the original."""
    norm = normalise(f"{ZWSP}\u201cNo\u201d")
    assert norm.text == '"No"'
    assert norm.original_char(0) == "\u201c"
    assert norm.original_char(3) == "\u201d"


def test_non_str_is_rejected() -> None:
    """Normalising bytes fails with a TypeError that names the argument."""
    with pytest.raises(TypeError, match="text must be str"):
        normalise(b"India")  # type: ignore[arg-type]


@given(st.text(st.sampled_from([*_SAME_LENGTH, *"ab \t\n\r'\"-."])))
def test_each_typographic_character_is_replaced_as_the_table_says(text: str) -> None:
    """Replacing the characters found is translating every character by the table."""
    assert normalise(text).text == text.translate(str.maketrans(_SAME_LENGTH))
