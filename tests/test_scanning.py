"""The fast scans of `dipparse.scanning` find exactly what the plain patterns find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from dipparse import Parser
from dipparse.grouping import _Answered, _answered_by
from dipparse.scanning import finditer_at, trie_alternation
from dipparse.text import normalise

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "Pakistan",
    "Pakistan-Occupied Kashmir",
    "Pak",
    "New Delhi",
    "New Delhi Region",
    "Kim Jong-un",
    "Kim Jong-Un",
    "al-Qaeda",
    "Al-Qaeda in the Arabian Peninsula",
    "US",
    "U.S.",
    "Us",
]
TEXT = (
    "pakistan-occupied kashmir and PAK, New  Delhi\nRegion; Kim Jong-UN met al-qaeda "
    "and AL-QAEDA IN THE ARABIAN PENINSULA in the U.S. and us; Pakistani, Pakistan's, USA."
)


def _flat(items: list[str]) -> str:
    ordered = sorted(set(items), key=lambda s: (-len(s), s))
    return "|".join(regex.escape(i).replace("\\ ", r"\s+") for i in ordered)


@pytest.mark.parametrize(
    ("mode", "flags"),
    [(False, 0), (True, regex.IGNORECASE), (None, 0), (None, regex.IGNORECASE)],
)
def test_trie_matches_the_flat_alternation(mode: bool | None, flags: int) -> None:
    bound = r"(?<![\p{L}\p{N}])(?:%s)(?![\p{L}\p{N}])(?P<pos>'s)?"
    flat = regex.compile(bound % _flat(WORDS), regex.VERSION1 | flags)
    trie = regex.compile(bound % trie_alternation(WORDS, ignorecase=mode), regex.VERSION1 | flags)
    expected = [m.span() for m in flat.finditer(TEXT)]
    assert expected  # the text holds matches in every mode
    assert [m.span() for m in trie.finditer(TEXT)] == expected


def test_trie_falls_back_where_case_could_mislead() -> None:
    assert trie_alternation(["Kim Jong-un", "Kim Jong-Un"]) == _flat(["Kim Jong-un", "Kim Jong-Un"])
    assert trie_alternation([" padded"]) == _flat([" padded"])
    assert trie_alternation([]) == r"(?!x)x"


def test_finditer_at_is_finditer_at_the_given_positions() -> None:
    pattern = regex.compile(r"ab|b")
    text = "abab b"
    positions = list(range(len(text)))
    assert [m.span() for m in finditer_at(pattern, text, positions, 0, len(text))] == [
        m.span() for m in pattern.finditer(text)
    ]


def _texts() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "tests/corpus/dev.jsonl").open(encoding="utf-8")]
    body = "\n".join(r["text"] for r in rows)
    seed = (ROOT / "seeds/000_e57a447eb6801cad.txt").read_text(encoding="utf-8")
    spaced = body.replace(" ", "  ").replace(". ", ".\n\n")
    # Upper-case function words test the case-insensitive patterns.
    shouting = seed.replace("the ", "THE ").replace(" it ", " IT ").replace("official", "OFFICIAL")
    return [body, seed, spaced, shouting]


def test_gazetteer_fast_scan_equals_exhaustive_scan() -> None:
    fast = Parser().gazetteer
    slow = Parser().gazetteer
    slow._scan.exhaustive = True
    for text in _texts():
        norm = normalise(text).text
        assert fast.find(norm) == slow.find(norm)


def test_answered_index_gives_what_the_scan_gives() -> None:
    parser = Parser()
    groups = [g for text in _texts()[:2] for g in parser.parse(text).groups]
    answered = _Answered(groups)
    assert any(answered.by(g) for g in groups)
    assert [answered.by(g) for g in groups] == [_answered_by(g, groups) for g in groups]
