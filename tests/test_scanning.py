"""The fast scans of `dipparse.scanning` find exactly what the plain patterns find."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import regex

from dipparse import Parser
from dipparse.grouping import _Answered, _answered_by
from dipparse.scanning import (
    FormTable,
    GazetteerScan,
    TextScan,
    Words,
    finditer_at,
    trie_alternation,
)
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


def test_every_word_of_the_anaphor_pattern_is_scanned_for() -> None:
    """The fast scan tries the anaphor pattern only after words it lists by hand: "the"
    before each word the pattern names ("the territory", "the island") must be found as
    the full search finds it."""
    fast = Parser().gazetteer
    slow = Parser().gazetteer
    slow._scan.exhaustive = True
    words = sorted(set(regex.findall(r"[a-z]{2,}", fast._anaphors.pattern)))
    text = " ".join(f"Then the {w} said so, and {w} officials agreed." for w in words)
    assert len(words) > 50
    assert fast.find(text) == slow.find(text)


def test_answered_index_gives_what_the_scan_gives() -> None:
    parser = Parser()
    groups = [g for text in _texts()[:2] for g in parser.parse(text).groups]
    answered = _Answered(groups)
    assert any(answered.by(g) for g in groups)
    assert [answered.by(g) for g in groups] == [_answered_by(g, groups) for g in groups]


# -- the table lookups that stand in for the big alternations ---------------------------

FORMS = ["Korea", "South Korea", "South", "U.S.", "U.S", "Kim Jong-un", "Côte d'Ivoire"]


def _scan(text: str) -> TextScan:
    tables = GazetteerScan(
        names=FORMS,
        prefixes=[],
        titles=[],
        determiners=[],
        modifiers=[],
        heads=[],
        government_heads=[],
    )
    return tables.prepare(text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "pos", "ends"),
    [
        ("South Korea's offer", 0, [11, 5]),  # longest first
        ("South\n  Korea", 0, [13, 5]),  # a space matches a run of white space
        ("the U.S. said", 4, [8, 7]),
        ("Kim Jong-un met", 0, [11]),
        ("Kim Jong-Un met", 0, []),  # case-sensitive
        ("in Côte d'Ivoire.", 3, [16]),
        ("xSouth Korea", 1, [12, 6]),  # inside a word, as a regex search finds it
        ("İstanbul and South Korea", 13, [24, 18]),  # a text the word scan does not take
        ("North Korea", 0, []),
    ],
)
def test_form_table_ends(text: str, pos: int, ends: list[int]) -> None:
    table = FormTable(FORMS)
    assert table.ok
    assert table.ends(_scan(text), pos, len(text)) == ends
    # The same ends as the alternation tried at that position, longest first.
    pattern = regex.compile(trie_alternation(FORMS, ignorecase=False), regex.VERSION1)
    m = pattern.match(text, pos)
    assert (m.end() if m else None) == (ends[0] if ends else None)


def test_form_table_ends_stop_at_the_end_given() -> None:
    text = "South Korea"
    assert FormTable(FORMS).ends(_scan(text), 0, 8) == [5]


@pytest.mark.parametrize(
    ("text", "stop", "starts"),
    [
        ("the South Korea", 15, {4, 10}),
        ("the South\n Korea", 16, {4, 11}),
        ("xKorea", 6, {1}),
        ("Korea", 3, set()),
    ],
)
def test_form_table_starts_before(text: str, stop: int, starts: set[int]) -> None:
    table = FormTable(FORMS)
    for irregular in (True, False) if "\n" not in text else (True,):
        assert set(table.starts_before(text, 0, stop, irregular)) == starts


def test_irregular_forms_are_not_taken() -> None:
    assert not FormTable(["a  b"]).ok
    assert not FormTable([" padded"]).ok
    assert not FormTable(["-dash"]).ok
    assert FormTable([]).ok


def _generated(count: int, seed: int) -> list[str]:
    """Texts of gazetteer forms, titles, determiners, heads and odd spacing, at random."""
    parser = Parser()
    g = parser.gazetteer
    words = parser.rulesets[0].words
    forms = sorted(g._forms)
    demonyms = sorted(g._demonyms)
    vocabulary = [
        w
        for key in ("titles", "determiners", "modifiers", "official_nouns", "government_nouns")
        for w in words[key]
    ]
    extra = [
        *("of", "in", "from", "the", "The", "THE", "OF", "former", "ex-", "late", "then"),
        *("'s", "\u2019s", "'", ",", ".", "-", "and", "both", "officials", "sources", "said"),
        *("King", "Willem-Alexander", "Jr.", "al", "bin", "administration", "court", "it"),
        *("Indian-administered", "Pakistan-Occupied", "x", "Super", "OFFICIAL", "É"),
        # The words after "the" that anaphors start with.
        *("two", "nations", "Queen", "crown prince", "joint", "statement", "communiqué"),
        *("North", "south", "bloc", "Alliance", "agency", "country", "kingdom", "group"),
        *("rebels", "he", "its", "their", "neighbour", "his", "offer"),
    ]
    seps = [" "] * 12 + ["  ", "\n", "\n\n", "\t", " \n ", "", "-", "'s ", "\u2019s "]
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(3, 40)):
            x = rng.random()
            pool = forms if x < 0.3 else demonyms if x < 0.4 else vocabulary if x < 0.75 else extra
            word = rng.choice(pool)
            y = rng.random()
            if y < 0.05:
                word = word.lower()
            elif y < 0.08:
                word = word.upper()
            elif y < 0.15 and " " in word:
                word = word.replace(" ", rng.choice(["  ", "\n", " \n", "\t"]), 1)
            parts += [word, rng.choice(seps)]
        texts.append("".join(parts))
    return texts


def test_table_lookups_equal_the_reference_patterns_on_generated_text() -> None:
    """Thousands of odd combinations: the lookups find what the alternations find."""
    fast = Parser().gazetteer
    slow = Parser().gazetteer
    slow._scan.exhaustive = True
    rng = random.Random(7)
    for text in _generated(400, seed=3):
        assert fast.find(text) == slow.find(text), text
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        assert fast.find(text, lo, hi) == slow.find(text, lo, hi), (text, lo, hi)
        # The words another scan split (the date scan shares them) change nothing.
        shared = fast.find(text, lo, hi, words=Words(text, lo, hi))
        assert shared == slow.find(text, lo, hi), (text, lo, hi)


def test_reference_patterns_are_compiled_only_when_needed() -> None:
    parser = Parser()
    parser.parse(_texts()[1])
    assert "_reference" not in parser.gazetteer.__dict__
    # A text whose lower-casing changes its length is scanned with the patterns.
    mentions = parser.gazetteer.find("İzmir: India and Pakistan")
    assert "_reference" in parser.gazetteer.__dict__
    assert [m.name for m in mentions] == ["India and Pakistan"]


@pytest.mark.parametrize(
    "text",
    [
        "South Korea's offer, Côte d'Ivoire and the U.S.",
        "ΟΔΟΣ ΑΘΗΝΩΝ: Σ'Α, ΑΣ. A'Σ b: a final sigma after an apostrophe",
        "Ǆemal and ǅamila met the ΆΝΝΑ delegation in Straße 5",
        "x\u0301y \u0663 days, \u2160 and \u24b6",
        "",
    ],
)
def test_words_are_the_runs_of_the_lower_cased_text(text: str) -> None:
    """Each word as written is the text's run, and its lower case the lower-cased
    text's run there (a capital sigma lower-cases by its neighbours)."""
    lowered = text.lower()
    for start, end in ((0, len(text)), (2, max(2, len(text) - 3))):
        words = Words(text, start, end)
        assert words.ok
        runs = [m.span() for m in regex.finditer(r"[\p{L}\p{N}]+", lowered[start:end])]
        assert words.starts == [start + a for a, _ in runs]
        assert words.words == [lowered[start + a : start + b] for a, b in runs]
        assert words.originals == [text[start + a : start + b] for a, b in runs]
