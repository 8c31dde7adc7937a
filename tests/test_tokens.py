"""Tests for the token layer (`dipparse.tokens`): offsets, lemmas and tags."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipparse.tokens import TAGS, english, tag, tokenize


def _words(text: str) -> list[str]:
    tokens = tokenize(text, english())
    return [tokens.word(i) for i in range(len(tokens))]


def _tags(text: str) -> str:
    lexicon = english()
    return tag(tokenize(text, lexicon), lexicon)


# -- words and offsets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Iran's envoy spoke.", ["Iran", "'s", "envoy", "spoke", "."]),
        ("They don't accept it.", ["They", "do", "n't", "accept", "it", "."]),
        ("The U.S. sent 580 troops.", ["The", "U.S.", "sent", "580", "troops", "."]),
        ("It costs $3 billion.", ["It", "costs", "$", "3", "billion", "."]),
        ("A well-known cease-fire held.", ["A", "well-known", "cease-fire", "held", "."]),
        (
            "Talks (in Doha) ended; why?",
            ["Talks", "(", "in", "Doha", ")", "ended", ";", "why", "?"],
        ),
        ("  leading   and trailing  ", ["leading", "and", "trailing"]),
    ],
)
def test_words_split_as_expected(text: str, words: list[str]) -> None:
    """Clitics split off, abbreviations, numbers and hyphenated words stay whole."""
    assert _words(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "Iran's envoy said they don't accept the U.S. plan of 580 troops and $3 billion.",
        "A well-known cease-fire, agreed on 3/4, held -- mostly.",
        "\"We'll see,\" he said; they've left.\nNew line\ttab",
    ],
)
def test_offsets_index_the_text(text: str) -> None:
    """text[start:end] is the token's word, and its lower form is that word lowered."""
    tokens = tokenize(text, english())
    assert len(tokens) > 5
    for i in range(len(tokens)):
        word = text[tokens.starts[i] : tokens.ends[i]]
        assert word == tokens.word(i)
        assert word.strip() == word and word
        assert tokens.lowers[i] == word.lower()


def test_clitic_offsets() -> None:
    """Clitics of "Iran's" and "don't" split at the apostrophe, with exact offsets."""
    tokens = tokenize("Iran's envoy: don't.", english())
    spans = list(zip(tokens.starts, tokens.ends, strict=True))
    assert spans[:2] == [(0, 4), (4, 6)]
    assert spans[4:7] == [(14, 16), (16, 19), (19, 20)]
    assert tokens.lowers[5] == "n't"
    assert tokens.lemmas[5] == "not"


def test_tokenize_a_range_of_the_text() -> None:
    """start and end restrict tokenizing; offsets stay offsets of the whole text."""
    text = "Iran offered talks. China rejected them."
    tokens = tokenize(text, english(), start=20, end=len(text))
    assert [tokens.word(i) for i in range(len(tokens))] == ["China", "rejected", "them", "."]
    assert tokens.starts[0] == 20


def test_empty_text_gives_no_tokens() -> None:
    for text in ("", "   ", "\n\t"):
        tokens = tokenize(text, english())
        assert len(tokens) == 0
        assert tag(tokens, english()) == ""


# -- lemmas ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("offered", "offer"),
        ("offers", "offer"),
        ("gave", "give"),
        ("given", "give"),
        ("said", "say"),
        ("proposals", "proposal"),
        ("planned", "plan"),
        ("rejected", "reject"),
        ("troops", "troop"),
        ("was", "be"),
        ("has", "have"),
        ("n't", "not"),
        ("an", "a"),
        ("us", "us"),
    ],
)
def test_lemma(word: str, lemma: str) -> None:
    assert english().lemma(word) == lemma


def test_tokens_carry_lemmas() -> None:
    tokens = tokenize("He gave two proposals and planned more offers.", english())
    assert list(tokens.lemmas) == [
        "he",
        "give",
        "two",
        "proposal",
        "and",
        "plan",
        "more",
        "offer",
        ".",
    ]


def test_with_vocabulary_makes_a_verb_known() -> None:
    """A rule set's lemma teaches the lexicon its -ed form; the built-in one is unchanged."""
    assert english().lemma("snubbed") == "snubbed"
    assert english().with_vocabulary(["snub"]).lemma("snubbed") == "snub"
    assert english().lemma("snubbed") == "snubbed"


# -- tags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("India has firmly rejected the offer.", "XHEVDn."),
        ("China will give aid.", "XMVn."),
        ("They don't accept it.", "RONVR."),
        ("Iran's offer was rejected.", "XGnBV."),
        ("Iran offered to mediate, officials said.", "XVTV,nV."),
        ("The plan that Iran offered.", "DnSXV."),
        # A plural before a past-tense verb is a noun; before an object, a verb.
        ("Gulf states welcomed the offer.", "XnVDn."),
        ("India demands talks.", "XVn."),
        # A name's full stop inside the sentence is no sentence start (heavy run, seed 2024).
        ("Surangel Whipps Jr. requests talks.", "XXX.Vn."),
    ],
)
def test_tags(text: str, tags: str) -> None:
    assert _tags(text) == tags


def test_us_in_capitals_is_a_name_not_the_pronoun() -> None:
    """Upper-case "US" is the country (X); "us" is the pronoun (R)."""
    tags = _tags("The US told us.")
    assert tags == "DXVR."
    assert tags[1] == "X" and tags[3] == "R"


def test_noun_or_verb_by_context() -> None:
    """The word "offer" is a noun after a determiner and a verb after a modal."""
    assert _tags("The offer stands.")[1] == "n"
    assert _tags("Iran will offer talks.")[2] == "V"


# -- property --------------------------------------------------------------------------


@given(st.text())
def test_tokenize_never_fails_and_tokens_index_the_text(text: str) -> None:
    """For any text: in order, non-overlapping, inside the text, no whitespace, one tag each."""
    lexicon = english()
    tokens = tokenize(text, lexicon)
    assert len(tokens.ends) == len(tokens.lowers) == len(tokens.lemmas) == len(tokens)
    previous_end = 0
    for i in range(len(tokens)):
        start, end = tokens.starts[i], tokens.ends[i]
        assert previous_end <= start < end <= len(text)
        word = text[start:end]
        assert word == tokens.word(i)
        assert not any(ch.isspace() for ch in word)
        previous_end = end
    tags = tag(tokens, lexicon)
    assert len(tags) == len(tokens)
    assert set(tags) <= set(TAGS)


def test_clitic_offsets_after_a_letter_whose_lower_form_is_longer() -> None:
    text = "İİİİ's"
    tokens = tokenize(text, english())
    spans = list(zip(tokens.starts, tokens.ends, strict=True))
    assert spans == [(0, 4), (4, 6)]


def test_a_plural_possessive_apostrophe_is_a_possessive_not_a_quote() -> None:
    lexicon = english()
    tokens = tokenize("Kenyan doctors' unions rejected it.", lexicon)
    assert [tokens.word(i) for i in range(3)] == ["Kenyan", "doctors", "'"]
    assert tag(tokens, lexicon)[2] == "G"
    quoted = tokenize("Hamas 'accepts' the proposal.", lexicon)
    tags = tag(quoted, lexicon)
    assert (tags[1], tags[2], tags[3]) == ("Q", "V", "Q")


def test_a_title_case_headline_tags_its_verbs() -> None:
    """In a headline every word is capitalised: "Rejects" is still the verb."""
    assert _tags("India Rejects Trump Mediation Offer") == "XVXXn"


def test_a_sentence_full_of_names_is_no_headline() -> None:
    """Names make most words capitalised, but "signed" and "agreement" are lower case:
    "Free" inside the agreement's name stays part of the name."""
    text = (
        "On Sunday Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin"
        " signed the African Continental Free Trade Area agreement."
    )
    words = _words(text)
    assert _tags(text)[words.index("Free")] == "X"
