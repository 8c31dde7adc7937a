"""Hostile input: arbitrary Unicode, huge and degenerate texts, wrong types and values.

Whatever the text, `parse` returns a `Document` whose every span indexes the
text, in time close to linear in its length; a rule that backtracks
catastrophically gives up (``MATCH_TIMEOUT``) instead of hanging; a wrong type
or value at the API is a `TypeError` or `ValueError` naming the argument, and at
the command line a one-line error with exit status 2 and nothing on standard
output.

The growth tests compare the median of a few parses at two sizes (ten times
apart) and allow a generous ratio: linear time gives about 10, quadratic 100.
The ``nightly`` Hypothesis profile (see docs/testing.md) measures 100 KB against
1 MB; the default measures 20 KB against 200 KB, to stay quick.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dipparse
from dipparse import cli
from dipparse.parser import coerce_published
from dipparse.rules import MATCH_TIMEOUT
from dipparse.testing import document_spans, statements

ROOT = Path(__file__).resolve().parent.parent
NIGHTLY = os.environ.get("DIPPARSE_HYPOTHESIS_PROFILE") == "nightly"
SMALL, LARGE = (100_000, 1_000_000) if NIGHTLY else (20_000, 200_000)
# Linear time gives a ratio of about 10 between the two sizes, quadratic about 100.
GROWTH_BOUND = 30


@cache
def parser() -> dipparse.Parser:
    return dipparse.Parser()


def check_document(text: str, doc: dipparse.Document) -> None:
    """The invariants every parse keeps, whatever the input."""
    assert doc.text is text or doc.text == text
    for where, (start, end), span_text in document_spans(doc):
        assert 0 <= start <= end <= len(text), (where, start, end)
        if span_text is not None:
            assert text[start:end] == span_text, where
    for event in doc.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    data = doc.to_dict()
    assert json.loads(json.dumps(data)) == data


def parse_checked(text: str, **kwargs: Any) -> dipparse.Document:
    doc = parser().parse(text, **kwargs)
    check_document(text, doc)
    return doc


# -- arbitrary and degenerate text -----------------------------------------------------

_TRICKY = [
    '"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "'", "\u201e", "\u2033",
    ".", "!", "?", "...", "\u2026", ",", ";", ":", " - ", "\u2014", "\u2013", "(", ")",
    "\n", "\n\n", "\r\n", "\t", " ", "\u00a0", "\u200b", "\u00ad", "\ufeff", "\u2060",
    "\u202e", "\u200f", "\u061c", "\x00", "\x1b", "\x7f", "\u0085", "\u2028",
    "\U0001F600", "\U0001F1EE\U0001F1F3", "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "e\u0301", "\u0130", "\u1e9e", "\ufb01", "I", "We", "it", "they", "both sides",
    "India", "Pakistan's", "Prime Minister", "Narendra Modi", "the Indian government",
    "Moscow", "the United States", "rejected", "offer", "accepted", "urged", "must",
    "said", "told reporters", "wrote on X", "Mr.", "U.S.", "J.", "on Monday", "May 3",
    "only if", "not", "may", "reportedly", "offer to mediate", "calls for",
]  # fmt: skip
tricky_text = st.lists(st.sampled_from(_TRICKY) | st.text(max_size=5), max_size=60).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)
)


@given(st.text())
def test_arbitrary_unicode_parses(text: str) -> None:
    """Any string: no exception, spans valid, JSON round-trips."""
    parse_checked(text)


@given(st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Co", "Cs"])))
def test_control_format_and_combining_characters(text: str) -> None:
    """Control, format, separator, combining, private-use and lone surrogate characters."""
    parse_checked(text)


@given(tricky_text)
def test_quotes_dashes_emoji_and_right_to_left_text(text: str) -> None:
    """Unbalanced and nested quotes, emoji, RTL marks and scripts among diplomatic words."""
    parse_checked(text)


@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "\u201c",
                "\u201d",
                "\u2018",
                "\u2019",
                "\u00ab",
                "\u00bb",
                "'",
                "India rejected it",
                "\n",
                ", Modi said. ",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_unbalanced_and_nested_quotation_marks(text: str) -> None:
    """Quotation marks in any order and number: quotations stay inside the text."""
    doc = parse_checked(text)
    for quote in doc.quotes:
        assert 0 <= quote.span.start <= quote.content.start <= quote.content.end <= quote.span.end
        assert quote.span.end <= len(text)


@given(statements(), st.text(max_size=30), st.floats(0, 1))
def test_statement_with_garbage_spliced_in(statement: Any, garbage: str, where: float) -> None:
    """A well-formed statement with arbitrary text inserted anywhere still parses cleanly."""
    text = statement.text
    at = int(where * len(text))
    parse_checked(text[:at] + garbage + text[at:])


@given(st.text(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_any_publication_date(text: str, published: dt.date) -> None:
    """Relative dates resolve against any day from year 1 to 9999 without error."""
    parse_checked(text + " on Monday, last week, May 3 and 2 days ago", published=published)


# -- size: huge inputs parse, in time close to linear ----------------------------------


def _no_punctuation(n: int) -> str:
    words = "the talks in the region continued without any result for many weeks and months "
    return (words * (n // len(words) + 1))[:n]


def _trigger_words(n: int) -> str:
    return ("rejected " * (n // 9 + 1))[:n]


def _one_long_sentence(n: int) -> str:
    part = "India, which said it would not accept any offer from Pakistan, and China, "
    return (part * (n // len(part) + 1))[:n]


def _many_actors(n: int) -> str:
    part = "India Pakistan China Russia Moscow Prime Minister Narendra Modi the EU Hamas "
    return (part * (n // len(part) + 1))[:n]


def _many_statements(n: int) -> str:
    part = (
        "China rejected the US offer to mediate on Monday. "
        '"We will not accept it," Modi told reporters. Iran may accept only if talks resume.\n'
    )
    return (part * (n // len(part) + 1))[:n]


def _many_quotes(n: int) -> str:
    part = '\u201cIndia \u2018rejects\u2019 it,\u201d " said \u00ab Modi '
    return (part * (n // len(part) + 1))[:n]


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "no punctuation": _no_punctuation,
    "one trigger word repeated": _trigger_words,
    "one long sentence": _one_long_sentence,
    "actor mentions only": _many_actors,
    "dense statements": _many_statements,
    "quotation marks": _many_quotes,
}


def _timed_parses(text: str, runs: int = 3) -> tuple[float, dipparse.Document]:
    """The median time of ``runs`` parses of ``text``, and the last document."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        doc = parser().parse(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times), doc


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_time_grows_close_to_linearly(name: str) -> None:
    """Ten times the text costs about ten times as long (bound: GROWTH_BOUND), not 100."""
    make = ADVERSARIAL[name]
    small, large = make(SMALL), make(LARGE)
    parser().parse(small)  # warm caches before timing
    small_seconds, _ = _timed_parses(small)
    large_seconds, doc = _timed_parses(large)
    check_document(large, doc)
    ratio = large_seconds / max(small_seconds, 1e-3)
    assert ratio < GROWTH_BOUND, f"{name}: {LARGE} vs {SMALL} characters took {ratio:.1f}x"


def test_megabyte_without_punctuation() -> None:
    """1 MB of words with no full stop, comma or quotation mark: one sentence, no error."""
    text = _no_punctuation(1_000_000)
    doc = parse_checked(text)
    assert len(doc.sentences) == 1


def test_hundred_thousand_repetitions_of_a_trigger_word() -> None:
    """'rejected ' 100,000 times: no actor, so no event, and no error.

    The text is one 900 KB sentence: a rule may use up its MATCH_TIMEOUT on it and
    say so with a RuntimeWarning (the limit is per rule and sentence, not per match).
    """
    text = "rejected " * 100_000
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        doc = parse_checked(text)
    assert doc.events == ()


def test_very_long_sentence_with_many_events() -> None:
    """A 100 KB sentence of clauses: events found throughout, spans valid."""
    text = "; ".join(["India rejected the offer", "Pakistan accepted the plan"] * 2000) + "."
    doc = parse_checked(text)
    assert len(doc.sentences) == 1
    assert {e.type for e in doc.events} >= {"rejection", "acceptance"}
    assert len(doc.events) >= 2000


def test_huge_number_of_actor_mentions() -> None:
    """Tens of thousands of actor mentions, joined and separate."""
    text = "India and Pakistan, China, Russia. " * 2000 + "Modi, Putin and Xi Jinping. " * 2000
    doc = parse_checked(text)
    assert len(doc.actors) >= 4000


# -- a catastrophic rule gives up instead of hanging -----------------------------------

CATASTROPHIC = r"""
[ruleset]
name = "catastrophic"
extends = ["core-en"]

[[rules]]
id = "offer.catastrophic"
kind = "offer"
tokens = 'trigger:aid /(?:a|aa)+b/'
"""


def _slow_parser() -> dipparse.Parser:
    """The built-in rules and the catastrophic one (the loader's warning about it hushed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ruleset = dipparse.ruleset_from_string(CATASTROPHIC)
    return dipparse.Parser(["core-en", ruleset])


def test_catastrophic_rule_times_out_instead_of_hanging() -> None:
    """A pattern with nested quantifiers is cut off by MATCH_TIMEOUT and reported."""
    slow = _slow_parser()
    text = "India rejected the offer. Turkey sent aid " + "a" * 60 + ". Pakistan accepted the plan."
    start = time.perf_counter()
    with pytest.warns(RuntimeWarning, match="offer.catastrophic"):
        doc = slow.parse(text)
    elapsed = time.perf_counter() - start
    check_document(text, doc)
    assert {e.type for e in doc.events} >= {"rejection", "acceptance"}
    # One sentence, one rule: a few MATCH_TIMEOUTs at most, with a very generous margin.
    assert elapsed < 40 * MATCH_TIMEOUT + 10


def test_rule_timeout_is_reported_in_the_document() -> None:
    """A rule that gives up leaves a warning in the Document: its id and the sentence."""
    slow = _slow_parser()
    slow_sentence = "Turkey sent aid " + "a" * 60 + "."
    text = "India rejected the offer.\n" + slow_sentence + "\nPakistan accepted the plan."
    with pytest.warns(RuntimeWarning, match="offer.catastrophic"):
        doc = slow.parse(text)
    assert {e.type for e in doc.events} == {"rejection", "acceptance"}
    assert len(doc.warnings) == 1
    (warning,) = doc.warnings
    assert warning.code == "rule-timeout"
    assert warning.rule == "offer.catastrophic"
    assert warning.span is not None and warning.span.text == slow_sentence
    assert (warning.span.start, warning.span.end) == (26, 26 + len(slow_sentence))
    assert "offer.catastrophic" in warning.message
    # the warning goes through JSON and back, and fits the shipped schema
    data = doc.to_dict()
    assert data["warnings"] == [
        {
            "code": "rule-timeout",
            "rule": "offer.catastrophic",
            "span": [26, 26 + len(slow_sentence)],
            "message": warning.message,
        }
    ]
    assert dipparse.Document.from_json(doc.to_json()) == doc
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, dipparse.json_schema())
    # a document without timeouts has none, and one written before warnings reads as none
    assert dipparse.parse(text).warnings == ()
    data.pop("warnings")
    assert dipparse.Document.from_dict(data).warnings == ()


# -- wrong types and values at the API -------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "names"),
    [
        (lambda: dipparse.parse(b"bytes"), TypeError, "text"),
        (lambda: dipparse.parse(None), TypeError, "text"),
        (lambda: dipparse.parse(["India rejected it."]), TypeError, "text"),
        (lambda: dipparse.parse("x", published=42), TypeError, "published"),
        (lambda: dipparse.parse("x", published=True), TypeError, "published"),
        (lambda: dipparse.parse("x", published=3.5), TypeError, "published"),
        (lambda: dipparse.parse("x", published="yesterday"), ValueError, "published"),
        (lambda: dipparse.parse("x", published="2025-13-45"), ValueError, "published"),
        (lambda: dipparse.parse("x", published="2025-05-12junk"), ValueError, "published"),
        (lambda: dipparse.parse("x", published=""), ValueError, "published"),
        (lambda: dipparse.Parser(rulesets=[3]), TypeError, "rulesets"),
        (lambda: dipparse.Parser(rulesets=3), TypeError, "rulesets"),
        (lambda: dipparse.Parser(rulesets=None), TypeError, "rulesets"),
        (lambda: dipparse.Parser(rulesets=[]), ValueError, "rulesets"),
        (lambda: dipparse.Parser(rulesets=["no-such-rule-set"]), ValueError, "rule set"),
        (lambda: dipparse.Parser(rulesets=["no-such-file.toml"]), ValueError, "no-such-file"),
        (lambda: dipparse.Parser(disable=["no.such.rule"]), ValueError, "disable"),
        (lambda: dipparse.Parser(disable=[3]), TypeError, "disable"),
        (lambda: dipparse.Parser(actors=[1]), TypeError, "actors"),
        (lambda: dipparse.Parser(actors=1), TypeError, "actors"),
        (lambda: dipparse.Parser(event_classes={"offer": int}), TypeError, "event_classes"),
        (lambda: dipparse.Parser(event_classes=[1]), TypeError, "event_classes"),
        (lambda: dipparse.Parser().parse(b"x"), TypeError, "text"),
        (lambda: dipparse.Parser().parse("x", published=object()), TypeError, "published"),
        (lambda: dipparse.load_ruleset(3), TypeError, "path"),
        (lambda: dipparse.ruleset_from_string(b"[ruleset]"), TypeError, "text"),
        (lambda: dipparse.get_ruleset(3), TypeError, "name"),
    ],
)
def test_wrong_types_and_values_name_the_argument(
    call: Callable[[], object], error: type[Exception], names: str
) -> None:
    """A wrong argument raises TypeError or ValueError, and the message says which."""
    with pytest.raises(error) as info:
        call()
    assert names in str(info.value)


def test_disable_accepts_a_single_rule_id() -> None:
    """``disable="offer.verb"`` is one rule id, not ten one-letter ids."""
    parser_without = dipparse.Parser(disable="offer.verb")
    assert "offer.verb" not in {r.id for r in parser_without.rules}


@given(st.text(max_size=30) | st.integers() | st.floats() | st.none() | st.binary(max_size=10))
def test_published_is_a_date_or_a_clear_error(value: object) -> None:
    """Any value for ``published``: a date (or None), or a TypeError/ValueError naming it."""
    error: Exception | None = None
    try:
        day = coerce_published(value)
    except (TypeError, ValueError) as exc:
        error = exc
    if error is not None:
        assert "published" in str(error)
    else:
        assert day is None or isinstance(day, dt.date)


# -- wrong input at the command line ---------------------------------------------------


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("India rejected the offer on Monday.", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["parse", "{missing}"], "no such file"),
        (["parse", "{article}", "{missing}"], "no such file"),
        (["parse", "{article}", "--published", "yesterday"], "--published"),
        (["parse", "{article}", "--published", "2025-02-30"], "--published"),
        (["parse", "{folder}"], "folder holds no file"),
        (["parse", "{article}", "--rules", "no-such-rule-set"], "no rule set"),
        (["parse", "{article}", "--rules", "{missing}.toml"], "no such file"),
        (["parse", "{article}", "--rules", "{broken}"], "broken.toml"),
        (["explain", "India rejected it.", "--published", "12/05/2025"], "--published"),
        (["eval", "{missing}"], "missing"),
        (["eval", "{broken}"], "broken.toml"),
    ],
)
def test_cli_errors_are_one_line_with_status_2(
    args: list[str], says: str, tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user error: exit status 2, one line on standard error, nothing on standard output."""
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"India \xff\xfe rejected")
    broken = tmp_path / "broken.toml"
    broken.write_text("[ruleset\nname = 1\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    names = {
        "missing": str(tmp_path / "missing"),
        "article": str(article),
        "binary": str(binary),
        "broken": str(broken),
        "folder": str(folder),
    }
    argv = [a.format(**names) for a in args]
    status, out, err = _run(argv, capsys)
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("dipparse: error: ")
    assert says in err


@pytest.mark.parametrize(
    "argv",
    [["parse"], ["parse", "x", "--format", "xml"], ["nosuchcommand"], ["rules"], []],
)
def test_cli_usage_errors_exit_2_with_nothing_on_stdout(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad arguments: argparse's usage message on standard error, status 2, stdout empty."""
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    out, err = capsys.readouterr()
    assert info.value.code == 2
    assert out == ""
    assert err.strip().splitlines()[-1].startswith("dipparse")
    assert "error:" in err.strip().splitlines()[-1]


@settings(max_examples=20)
@given(
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=20)
)
def test_cli_any_published_value(value: str) -> None:
    """Any --published value: a table on stdout, or one error line and status 2."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(["explain", "India rejected the offer.", f"--published={value}"])
        except SystemExit as exc:  # argparse itself refused the value
            status = int(exc.code or 0)
    if status == 0:
        assert out.getvalue()
        assert err.getvalue() == ""
    else:
        assert status == 2
        assert out.getvalue() == ""
        assert err.getvalue().strip()


def test_cli_bad_file_fails_alone(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not UTF-8 after a good one: the good one is written, the bad one
    reported with its name and reason, exit status 1."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"India \xff\xfe rejected")
    status, out, err = _run(["parse", str(article), str(bad), "--format", "jsonl"], capsys)
    assert status == 1
    assert {json.loads(line)["document"] for line in out.splitlines()} == {str(article)}
    assert f"dipparse: failed: {bad}: UnicodeDecodeError: not UTF-8" in err


# -- the fuzz harness runs -------------------------------------------------------------


def _fuzz_module() -> ModuleType:
    path = ROOT / "tests" / "fuzz" / "fuzz_parse.py"
    spec = importlib.util.spec_from_file_location("fuzz_parse", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_parse", module)
    spec.loader.exec_module(module)
    return module


def test_fuzz_target_accepts_arbitrary_bytes() -> None:
    """tests/fuzz/fuzz_parse.py's target: any bytes, checked invariants, no exception."""
    fuzz = _fuzz_module()
    for data in (b"", b"\xff\xfe", b'"India rejected it," Modi said.', bytes(range(256)) * 4):
        fuzz.test_one_input(data)


def test_fuzz_hypothesis_harness_runs() -> None:
    """The Hypothesis fallback of the fuzz target runs (briefly here; longer by hand)."""
    fuzz = _fuzz_module()
    fuzz.run_hypothesis(max_examples=25)


def test_no_statement_of_a_long_unpunctuated_sentence_is_lost() -> None:
    """Issue 13: one sentence of 1,200 statements (40 KB): every one is an event."""
    text = "India offered talks on Monday and " * 1200
    doc = dipparse.parse(text, published="2025-01-01")
    assert len(doc.sentences) == 1
    assert len([e for e in doc.events if e.type == "offer"]) == 1200
