"""Reading long texts in chunks: `Parser.iter_events`, and `Parser.parse` of a long text.

A long text is parsed in chunks of whole sentences, each with some context either
side (`dipparse.parser.CHUNK`). These tests check that the chunks change nothing:
a parse with tiny chunks equals a parse of the whole text at once, and
`iter_events` yields exactly the events of `parse`, lazily.
"""

from __future__ import annotations

import json
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dipparse
from dipparse import parser as parser_module
from dipparse.actors import Mention
from dipparse.models import Document

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "000_e57a447eb6801cad.txt").read_text(encoding="utf-8")
PUBLISHED = "2025-05-12"


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


CORPUS = _corpus_texts()


@pytest.fixture(scope="module")
def parser() -> dipparse.Parser:
    return dipparse.Parser()


def _whole(parser: dipparse.Parser, text: str, published: str | None) -> Document:
    """The parse of ``text`` in one chunk."""
    saved = parser_module.CHUNK
    parser_module.CHUNK = 10**12
    try:
        return parser.parse(text, published=published)
    finally:
        parser_module.CHUNK = saved


def _chunked(parser: dipparse.Parser, text: str, published: str | None, size: int) -> Document:
    saved = parser_module.CHUNK
    parser_module.CHUNK = size
    try:
        return parser.parse(text, published=published)
    finally:
        parser_module.CHUNK = saved


def _events(parser: dipparse.Parser, text: str, published: str | None, size: int) -> list[Any]:
    saved = parser_module.CHUNK
    parser_module.CHUNK = size
    try:
        return list(parser.iter_events(text, published=published))
    finally:
        parser_module.CHUNK = saved


@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_iter_events_gives_the_events_of_parse_on_the_seed(
    parser: dipparse.Parser, published: str | None
) -> None:
    doc = parser.parse(SEED, published=published)
    assert doc.events
    assert list(parser.iter_events(SEED, published=published)) == list(doc.events)


@pytest.mark.parametrize("size", [1, 300, 2_000])
def test_small_chunks_change_nothing(parser: dipparse.Parser, size: int) -> None:
    """The seed article and a stretch of the corpus, sentence by sentence: the same document."""
    text = SEED + "\n\n" + "\n".join(CORPUS[:150]) + "\n" + " ".join(CORPUS[150:300])
    whole = _whole(parser, text, PUBLISHED)
    assert len(whole.events) > 100
    chunked = _chunked(parser, text, PUBLISHED, size)
    assert chunked == whole
    assert chunked.to_dict() == whole.to_dict()
    assert _events(parser, text, PUBLISHED, size) == list(whole.events)


def test_an_attribution_that_runs_into_the_next_chunk(parser: dipparse.Parser) -> None:
    """The attribution after '..."blackmail".' runs to the end of the next sentence,
    whose "its" is the speaker: the chunk's context holds that sentence too."""
    text = (
        "Chișinău has turned down a Kremlin offer to supply gas to Transnistria free of charge.\n"
        "The ELN's central command brushed aside the condition, saying in a communique that it "
        'would not "negotiate under blackmail". Global demand for oil will grow by 700,000 '
        "barrels per day next year, the International Energy Agency said in its monthly report.\n"
    )
    whole = _whole(parser, text, PUBLISHED)
    speaker = whole.quotes[0].speaker
    assert speaker is not None and speaker.text == "its"
    assert _chunked(parser, text, PUBLISHED, 1) == whole


def test_a_paragraph_parses_the_same_whatever_comes_before(parser: dipparse.Parser) -> None:
    """A sentence-initial "It" is resolved the same alone and after 300 sentences.

    The sentence holding a position used to be found by a comparison that depended
    on how many sentences the text had: in a short text, "It" at the start of a
    sentence was taken for a position of the sentence before.
    """
    paragraph = (
        "Iran's foreign ministry summoned the British ambassador in Tehran on Sunday. It also "
        "rejected London's demand for the release of two detained British nationals."
    )
    filler = "Rain fell. " * 300 + "\n"
    alone = parser.parse(paragraph).events
    after = parser.parse(filler + paragraph).events
    assert [(e.type, e.actor and e.actor.name) for e in alone] == [
        (e.type, e.actor and e.actor.name) for e in after
    ]
    assert alone[0].actor is not None and alone[0].actor.country == "IRN"


_SEPARATORS = st.sampled_from([" ", "  ", "\n", "\n\n", " \n"])


@given(
    st.lists(st.tuples(st.sampled_from(CORPUS), _SEPARATORS), min_size=1, max_size=25),
    st.integers(min_value=1, max_value=3_000),
    st.sampled_from([PUBLISHED, None]),
)
def test_chunked_parse_equals_whole_parse(
    pieces: list[tuple[str, str]], size: int, published: str | None
) -> None:
    """Any mix of corpus texts and breaks, any chunk size: the same document and events."""
    parser = parser_module.default_parser()
    text = "".join(t + sep for t, sep in pieces)
    whole = _whole(parser, text, published)
    assert _chunked(parser, text, published, size) == whole
    assert _events(parser, text, published, size) == list(whole.events)


def test_iter_events_is_lazy(parser: dipparse.Parser, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first event comes after the first chunk only; the rest is read as it is asked for."""
    monkeypatch.setattr(parser_module, "CHUNK", 1_000)
    text = "\n".join(CORPUS[:400])
    calls: list[int] = []
    find = parser.gazetteer.find

    def counting(text: str, start: int = 0, end: int | None = None, **options: Any) -> Any:
        calls.append(len(text))
        return find(text, start, end, **options)

    monkeypatch.setattr(parser.gazetteer, "find", counting)
    events = parser.iter_events(text, published=PUBLISHED)
    assert calls == []  # nothing is parsed before the first event is asked for
    first = next(events)
    assert first.id == "m1"
    assert 1 <= len(calls) <= 2
    # each chunk reads a bounded stretch of the text, not the whole of it
    assert max(calls) < 1_000 + 6_000 + 1_000 + max(map(len, CORPUS[:400])) + 1
    rest = list(events)
    assert len(calls) > 20
    assert [e.id for e in [first, *rest]] == [f"m{i}" for i in range(1, len(rest) + 2)]


def test_iter_events_checks_its_arguments_at_once(parser: dipparse.Parser) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        parser.iter_events(b"India rejected it.")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="published must be an ISO date"):
        parser.iter_events("India rejected it.", published="yesterday")
    assert list(parser.iter_events("")) == []


def _peak(func: Any) -> int:
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_iter_events_memory_does_not_grow_with_the_text(
    parser: dipparse.Parser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four times the text: parse holds four times as much, iter_events about the same."""
    monkeypatch.setattr(parser_module, "CHUNK", 5_000)
    unit = "\n".join(CORPUS[:200]) + "\n"
    small, large = unit * 2, unit * 8

    def drain(text: str) -> Iterator[None]:
        for _ in parser.iter_events(text, published=PUBLISHED):
            pass
        yield None

    list(drain(small))  # warm the caches (lemmas, tags, dates)
    # The text's normalised copy is as long as the text: counted out.
    small_peak = _peak(lambda: list(drain(small))) - sys.getsizeof(small)
    large_peak = _peak(lambda: list(drain(large))) - sys.getsizeof(large)
    print(small_peak, large_peak)
    # Beyond the text itself (and its normalised copy): a chunk, the grouper's index.
    assert large_peak < 1.5 * small_peak


def test_mentions_of_a_chunk_move_to_the_text_with_every_field() -> None:
    """A chunk's actor mentions are found in a copy of its context and moved to the
    text's offsets field by field: every field of `Mention` survives the move."""
    inner = Mention(1, 6, "Hamas", "group", source="gazetteer")
    mention = Mention(
        0, 9, "spokesman", "official", ("ISR",), "spokesman", "person", True, "appositive",
        (inner,), inner,
    )  # fmt: skip
    assert all(getattr(mention, f.name) != f.default for f in attrs.fields(Mention))
    moved_inner = attrs.evolve(inner, start=6, end=11)
    expected = attrs.evolve(
        mention, start=5, end=14, members=(moved_inner,), speaks_for=moved_inner
    )
    assert parser_module._shifted([mention], 5) == [expected]
    assert parser_module._shifted([mention], 0) == [mention]
