"""Tests for dipparse.quotes: quotation detection and speaker attribution."""

from __future__ import annotations

from pathlib import Path

import pytest

import dipparse
from dipparse.models import Quote
from dipparse.quotes import find_quotes
from dipparse.text import normalise

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_e57a447eb6801cad.txt"


def quotes(text: str) -> tuple[Quote, ...]:
    """The quotations of ``text``, checked to index it."""
    found = dipparse.parse(text).quotes
    for q in found:
        assert text[q.span.start : q.span.end] == q.span.text
        assert text[q.content.start : q.content.end] == q.content.text
    return found


def speakers(text: str) -> list[str | None]:
    """The resolved speaker name of each quotation in ``text``."""
    return [q.speaker.name if q.speaker else None for q in quotes(text)]


# -- detection ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("\u201cWe agree,\u201d he said.", ["We agree,"]),
        ('"We agree," he said.', ["We agree,"]),
        ('"One," he said. "Two," she said.', ["One,", "Two,"]),
        ("\u201cOne,\u201d he said. \u201cTwo,\u201d she said.", ["One,", "Two,"]),
        ("No quotation marks at all.", []),
        ("It isn\u2019t Trump\u2019s offer.", []),
    ],
)
def test_detection(text: str, contents: list[str]) -> None:
    """Curly and straight double marks pair into quotations; apostrophes do not."""
    found = quotes(text)
    assert [q.content.text for q in found] == contents
    for q in found:
        assert q.span.text[0] in '\u201c"'
        assert q.span.text[-1] in '\u201d"'
        assert q.span.start + 1 == q.content.start
        assert q.content.end + 1 == q.span.end


def test_stray_closing_mark_is_ignored() -> None:
    """A curly closing mark with no opening one does not start a quotation."""
    found = quotes("the end.\u201d Then \u201cfresh,\u201d Putin said.")
    assert [q.content.text for q in found] == ["fresh,"]


def test_unclosed_quotation_ends_with_its_paragraph() -> None:
    """An opening mark that is never closed runs to the end of its paragraph."""
    text = "\u201cWe will not talk about it\nPakistan welcomed the offer."
    found = quotes(text)
    assert len(found) == 1
    assert found[0].content.text == "We will not talk about it"


def test_unclosed_quotation_at_end_of_text() -> None:
    """An unclosed quotation at the end of the text runs to the end."""
    found = quotes("\u201cFine,\u201d Putin said. \u201cWe will see")
    assert [q.content.text for q in found] == ["Fine,", "We will see"]


def test_second_opening_mark_closes_the_first() -> None:
    """Two curly opening marks in a row: the first quotation was never closed."""
    found = quotes("\u201cFirst \u201cSecond,\u201d Putin said.")
    assert [q.content.text for q in found] == ["First ", "Second,"]
    assert found[1].speaker is not None
    assert found[1].speaker.name == "Vladimir Putin"


def test_find_quotes_offsets_are_normalised() -> None:
    """`find_quotes` works in normalised coordinates, past deleted characters."""
    norm = normalise("\u200b\u201cNo,\u201d he said.")
    assert norm.text == '"No," he said.'
    assert find_quotes(norm) == [(0, 5, 1, 4)]


# -- attribution -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We reject the offer," Trump said.', "Donald Trump"),
        ("\u201cWe reject the offer,\u201d Trump said.", "Donald Trump"),
        ('"We reject the offer," said Trump.', "Donald Trump"),
        ('"We reject the offer," said Russian Foreign Minister Sergei Lavrov.', "Sergei Lavrov"),
        ('"We reject the offer," Lavrov told reporters in Moscow.', "Sergei Lavrov"),
        ('"We reject the offer," Trump wrote on Truth Social.', "Donald Trump"),
        ('"We reject the offer," the State Department stated.', "State Department"),
        ('"We reject the offer," Chinese Foreign Minister Wang Yi said.', "Wang Yi"),
    ],
)
def test_attribution_after_the_quotation(text: str, speaker: str) -> None:
    """ "X said", "said X", "X told reporters", "X wrote on <platform>", "X stated"."""
    assert speakers(text) == [speaker]
    found = quotes(text)[0]
    assert found.attribution is not None
    assert found.speaker is not None
    assert found.attribution.start >= found.span.end
    assert found.attribution.start <= found.speaker.span.start
    assert found.speaker.span.end <= found.attribution.end


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Trump said: "We reject the offer."', "Donald Trump"),
        ('Lavrov told reporters: "We reject the offer."', "Sergei Lavrov"),
        ('Trump wrote on Truth Social: "I will mediate."', "Donald Trump"),
        ('In a statement, India said: "We reject it."', "India"),
        ('Speaking in Beijing, Wang Yi said: "We agree."', "Wang Yi"),
        ('Putin said "no".', "Vladimir Putin"),
        ('India rejected it. Trump said: "We reject the offer."', "Donald Trump"),
    ],
)
def test_attribution_before_the_quotation(text: str, speaker: str) -> None:
    """An attribution that introduces the quotation, with a colon or a bare reporting verb."""
    assert speakers(text) == [speaker]
    found = quotes(text)[0]
    assert found.attribution is not None
    assert found.attribution.end <= found.span.start
    assert found.speaker is not None
    assert found.attribution.start <= found.speaker.span.start


def test_before_attribution_starts_at_its_sentence() -> None:
    """The attribution before a quotation starts at the sentence start, not inside a word."""
    found = quotes('Trump said: "We reject the offer."')[0]
    assert found.attribution is not None
    assert found.attribution.text.startswith("Trump said")


def test_quotation_without_attribution() -> None:
    """A quotation with no reporting verb near it has no speaker."""
    assert speakers('The so-called "peace plan" collapsed.') == [None]


@pytest.mark.parametrize(
    "text",
    [
        '"We reject the offer," Trump said. "We will not talk."',
        '"We reject the offer," Trump said.\n"We will not talk."',
    ],
)
def test_following_quotation_carries_the_speaker(text: str) -> None:
    """An unattributed quotation right after an attributed one keeps its speaker."""
    found = quotes(text)
    assert [q.speaker.name if q.speaker else None for q in found] == ["Donald Trump"] * 2
    assert found[1].attribution is None


def test_carry_over_stops_at_another_actor() -> None:
    """Another actor named between the quotations blocks the carry-over."""
    text = '"We reject the offer," Trump said. Putin disagreed. "We will talk."'
    assert speakers(text) == ["Donald Trump", None]


def test_carry_over_stops_after_a_paragraph_gap() -> None:
    """A quotation two paragraphs on does not inherit the speaker."""
    assert speakers('"We reject it," Trump said.\n\nThe talks resumed.\n"We will talk."') == [
        "Donald Trump",
        None,
    ]


# -- the seed article ----------------------------------------------------------


def test_seed_quotations_and_speakers() -> None:
    """The seed's four quotations, their speakers and the carried-over one."""
    text = SEED.read_text(encoding="utf-8")
    doc = dipparse.parse(text, published="2025-05-12")
    assert len(doc.quotes) == 4
    official, official_again, trump, islamabad = doc.quotes

    assert official.content.text.startswith("We have a very clear position on Kashmir.")
    assert official.content.text.endswith("There is nothing else to talk about,")
    assert official.speaker is not None
    assert official.speaker.text == "a senior Indian government official"
    assert official.speaker.kind == "official"
    assert official.speaker.country == "IND"
    assert official.attribution is not None
    assert "told reporters" in official.attribution.text

    assert official_again.content.text == (
        "We don\u2019t want anyone to mediate. We don\u2019t need anyone to mediate."
    )
    assert official_again.speaker == official.speaker
    assert official_again.attribution is None

    assert trump.content.text.startswith("I will work with you both")
    assert trump.speaker is not None
    assert trump.speaker.name == "Donald Trump"
    assert trump.speaker.country == "USA"
    assert trump.attribution is not None
    assert "Truth Social" in trump.attribution.text

    assert islamabad.content.text.startswith("Any just and lasting settlement")
    assert islamabad.speaker is not None
    assert islamabad.speaker.text == "Islamabad"
    assert islamabad.speaker.name == "Pakistan"
    assert islamabad.speaker.country == "PAK"
    assert islamabad.speaker.kind == "state"

    for q in doc.quotes:
        assert text[q.span.start : q.span.end] == q.span.text
        assert q.span.text.startswith("\u201c")
        assert q.span.text.endswith("\u201d")
