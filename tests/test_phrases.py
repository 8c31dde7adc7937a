"""Tests for the chunker (`dipparse.phrases`): noun phrases and verb groups with features."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dipparse
from dipparse.phrases import Chunks, VerbGroup, chunk, when_needs
from dipparse.tokens import Tokens, english, tag, tokenize


def _chunk(text: str) -> tuple[Tokens, Chunks]:
    tokens = tokenize(text, english())
    return tokens, chunk(tokens, tag(tokens, english()), 0)


def _text(tokens: Tokens, first: int, last: int) -> str:
    return tokens.text[tokens.starts[first] : tokens.ends[last]]


def _noun_phrases(text: str) -> list[str]:
    tokens, chunks = _chunk(text)
    return [_text(tokens, p.first, p.last) for p in chunks.noun_phrases]


def _verb_groups(text: str) -> list[tuple[str, VerbGroup]]:
    tokens, chunks = _chunk(text)
    return [(_text(tokens, g.first, g.last), g) for g in chunks.verb_groups]


def _only_group(text: str) -> tuple[str, VerbGroup]:
    groups = _verb_groups(text)
    assert len(groups) == 1, groups
    return groups[0]


# -- noun phrases ----------------------------------------------------------------------


def test_in_a_name_attaches_to_the_noun_phrase() -> None:
    """An "in" attachment to a name: "Opposition groups in Zimbabwe" is one NP."""
    tokens, chunks = _chunk("Opposition groups in Zimbabwe rejected it.")
    first = chunks.noun_phrases[0]
    assert _text(tokens, first.first, first.last) == "Opposition groups in Zimbabwe"
    assert tokens.word(first.head) == "groups"
    assert chunks.labels.startswith("Nnaa")


def test_from_attaches_to_the_noun_phrase() -> None:
    """ "Officials from both countries" is one NP, so its verb has a subject."""
    assert _noun_phrases("Officials from both countries signed a memorandum.") == [
        "Officials from both countries",
        "a memorandum",
    ]


def test_in_a_common_noun_stays_out_of_the_noun_phrase() -> None:
    """In "India in a statement", "in a statement" is not part of the name."""
    _, chunks = _chunk("India in a statement rejected the offer.")
    assert _noun_phrases("India in a statement rejected the offer.") == [
        "India",
        "a statement",
        "the offer",
    ]
    assert chunks.labels[1] == "O"  # "in"


def test_of_attaches_anything() -> None:
    tokens, chunks = _chunk("Trump's new offer of talks was rejected.")
    (np,) = chunks.noun_phrases
    assert _text(tokens, np.first, np.last) == "Trump's new offer of talks"
    assert tokens.word(np.head) == "offer"


def test_determiners_and_pronouns() -> None:
    assert _noun_phrases("India has firmly rejected the offer.") == ["India", "the offer"]
    assert _noun_phrases("They said they would send troops.") == ["They", "they", "troops"]


def test_labels_cover_every_token() -> None:
    tokens, chunks = _chunk("India has firmly rejected the offer.")
    assert chunks.labels == "NVvvNnO"
    assert len(chunks.labels) == len(chunks.tags) == len(tokens)
    assert (chunks.first, chunks.last) == (0, len(tokens) - 1)


def test_chunk_of_a_later_sentence_uses_token_numbers_of_the_text() -> None:
    """``first`` shifts every phrase to the text's token numbers."""
    text = "Talks ended. Iran will give aid."
    tokens = tokenize(text, english())
    first = 3  # "Iran"
    chunks = chunk(tokens, tag(tokens, english(), first), first)
    assert (chunks.first, chunks.last) == (3, len(tokens) - 1)
    (group,) = chunks.verb_groups
    assert _text(tokens, group.first, group.last) == "will give"
    assert [_text(tokens, p.first, p.last) for p in chunks.noun_phrases] == ["Iran", "aid"]
    assert chunks.verb_group_at(group.head) is group
    assert chunks.verb_group_at(first) is None


# -- verb groups -----------------------------------------------------------------------


def test_plain_past() -> None:
    words, group = _only_group("Opposition groups in Zimbabwe rejected it.")
    assert words == "rejected"
    assert (group.lemma, group.tense, group.negated, group.passive, group.hedged) == (
        "reject",
        "past",
        False,
        False,
        False,
    )
    assert group.modal is None


def test_irregular_past_said() -> None:
    groups = _verb_groups("He said Iran rejected it.")
    assert [(w, g.lemma, g.tense) for w, g in groups] == [
        ("said", "say", "past"),
        ("rejected", "reject", "past"),
    ]


def test_negated_group() -> None:
    words, group = _only_group("Iran has not rejected the plan.")
    assert words == "has not rejected"
    assert group.negated
    assert group.lemma == "reject"
    assert not group.passive


def test_negated_with_a_clitic() -> None:
    groups = _verb_groups("They don't accept it.")
    assert [(w, g.negated) for w, g in groups] == [("don't accept", True)]


def test_adverb_inside_a_group() -> None:
    words, group = _only_group("India has firmly rejected the offer.")
    assert words == "has firmly rejected"
    assert group.head == 3 and group.lemma == "reject"
    assert not group.negated


def test_modal_future() -> None:
    words, group = _only_group("China will give aid.")
    assert words == "will give"
    assert (group.modal, group.tense, group.lemma) == ("will", "future", "give")
    assert not group.hedged


def test_contracted_modal_is_its_lemma() -> None:
    """ "won't" is "wo" + "n't": the group's modal is "will", its tense the future."""
    words, group = _only_group("Russia won't accept it.")
    assert words == "won't accept"
    assert (group.modal, group.tense, group.negated) == ("will", "future", True)


@pytest.mark.parametrize(
    ("text", "perfect"),
    [
        ("Iran has not accepted the offer.", True),
        ("Iran had rejected it.", True),
        ("Iran will have signed it.", True),
        ("Iran does not accept the offer.", False),
        ("Iran would not accept the offer.", False),
        ("Iran accepted it.", False),
    ],
)
def test_perfect(text: str, perfect: bool) -> None:
    _, group = _only_group(text)
    assert group.perfect is perfect


@pytest.mark.parametrize(
    ("text", "progressive"),
    [
        ("Iran is not accepting the offer.", True),
        ("Iran was rejecting it.", True),
        ("Iran does not accept the offer.", False),
        ("Iran was rejected.", False),
    ],
)
def test_progressive(text: str, progressive: bool) -> None:
    _, group = _only_group(text)
    assert group.progressive is progressive


def test_back_after_a_modal_and_negation_is_a_verb() -> None:
    words, group = _only_group("Kyiv would not back down.")
    assert words == "would not back"
    assert group.lemma == "back" and group.negated


def test_reported_future() -> None:
    groups = _verb_groups("They said they would send troops.")
    assert [(w, g.tense, g.modal) for w, g in groups] == [
        ("said", "past", None),
        ("would send", "future", "would"),
    ]


def test_passive() -> None:
    words, group = _only_group("The plan was rejected.")
    assert words == "was rejected"
    assert group.passive
    assert group.tense == "past"


def test_negated_passive() -> None:
    words, group = _only_group("The offer was not accepted by Iran.")
    assert words == "was not accepted"
    assert group.passive and group.negated


def test_progressive_is_not_passive() -> None:
    words, group = _only_group("Iran is seeking talks.")
    assert words == "is seeking"
    assert not group.passive
    assert group.tense == "present"


def test_hedged_by_a_modal() -> None:
    words, group = _only_group("Iran may accept the deal.")
    assert words == "may accept"
    assert group.hedged
    assert group.modal == "may"
    assert group.tense == "present"


@pytest.mark.parametrize(
    "text",
    ["Iran is expected to accept the deal.", "Iran appears to reject the plan."],
)
def test_hedged_by_the_verb_before(text: str) -> None:
    """In "is expected to accept" the second group is hedged, the first is not."""
    groups = _verb_groups(text)
    assert len(groups) == 2
    assert not groups[0][1].hedged
    assert groups[1][1].hedged
    assert groups[1][1].lemma in {"accept", "reject"}


def test_not_hedged_by_a_plain_verb_before() -> None:
    groups = _verb_groups("Iran wants to accept the deal.")
    assert [(w, g.hedged) for w, g in groups] == [("wants", False), ("accept", False)]


def test_present() -> None:
    words, group = _only_group("Iran accepts the deal.")
    assert words == "accepts"
    assert group.tense == "present"


def test_lone_be_is_a_group() -> None:
    words, group = _only_group("The envoy is ready.")
    assert words == "is"
    assert group.lemma == "be"


def test_got_passive() -> None:
    words, group = _only_group("Iran got rejected.")
    assert words == "got rejected"
    assert group.passive


def test_when_needs_the_words_a_group_meeting_it_holds() -> None:
    """A rule's 'when' asks for words: a negation, a future modal, its modals."""
    lexicon = english()
    negation, future, modals = when_needs(
        {"negated": True, "tense": ("future",), "modal": ("can", "will")}, lexicon
    )
    assert {"not", "never"} <= negation
    assert {"will", "would", "shall"} <= future
    assert modals == {"can", "will"}
    # Constraints any sentence may meet ask for nothing.
    loose = {"negated": False, "passive": True, "tense": ("present", "future")}
    assert when_needs({**loose, "modal": ("will", "none")}, lexicon) == ()
    for text in ("Iran won't accept it.", "Iran will never accept.", "They can't agree."):
        tokens, chunks = _chunk(text)
        lemmas = frozenset(tokens.lemmas)
        for group in chunks.verb_groups:
            when = {"negated": group.negated, "modal": (group.modal or "none",)}
            when["tense"] = (group.tense,)
            assert all(lemmas & need for need in when_needs(when, lexicon)), text


def test_a_sentence_is_chunked_only_for_rules_it_can_meet() -> None:
    """Leaving out the rules whose 'when' a sentence cannot meet, or whose first two
    words do not stand together in it, changes no match, on the dev corpus sentences."""
    from dipparse.extraction import _best

    parser = dipparse.Parser()
    extractor = parser.extractor
    corpus = Path(__file__).parent / "corpus" / "dev.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    ctx = parser.analyse("\n\n".join(texts[:200]), None)
    pruned = left_out = 0
    for sentence in ctx.windows:
        full = extractor.tried(ctx, sentence)
        fewer = extractor.tried(ctx, sentence, pruned=True)
        assert [(r.id, m) for r, m, _ in fewer if m] == [(r.id, m) for r, m, _ in full if m]
        assert extractor.matches(ctx, sentence) == _best(full, sentence)
        pruned += sum(why == "when" for _, _, why in full) - sum(
            why == "when" for _, _, why in fewer
        )
        left_out += len(full) - len(fewer)
    assert pruned > 0
    assert left_out > 0
