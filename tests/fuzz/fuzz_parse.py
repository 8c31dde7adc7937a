"""Fuzz target for `dipparse.parse`: atheris when installed, else a Hypothesis harness.

Every input is decoded to text (invalid UTF-8 replaced), parsed with the
built-in rules and, half the time, a publication date; the target then checks
the invariants every parse keeps: each span of ``Document.to_dict()`` lies in
the text and its ``text`` is ``text[start:end]``, and the dict round-trips
through JSON. Any exception is a finding.

Run it longer than CI does (see docs/testing.md)::

    pip install atheris                      # optional: coverage-guided fuzzing
    python tests/fuzz/fuzz_parse.py -atheris_runs=1000000 -max_len=4096 corpus/
    python tests/fuzz/fuzz_parse.py --hypothesis 100000   # without atheris

CI runs `test_one_input` on a few inputs and the Hypothesis harness briefly
(tests/test_hostile.py).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from functools import cache

import dipparse
from dipparse.testing import document_spans

PUBLISHED = dt.date(2025, 5, 12)


@cache
def _parser() -> dipparse.Parser:
    return dipparse.Parser()


def check(text: str, published: dt.date | None) -> None:
    """Parse ``text`` and assert the invariants every parse keeps."""
    doc = _parser().parse(text, published=published)
    for where, (start, end), span_text in document_spans(doc):
        if not 0 <= start <= end <= len(text):
            raise AssertionError(f"{where}: span {start}:{end} outside a text of {len(text)}")
        if span_text is not None and text[start:end] != span_text:
            raise AssertionError(f"{where}: {text[start:end]!r} != {span_text!r}")
    data = doc.to_dict()
    if json.loads(json.dumps(data)) != data:
        raise AssertionError("to_dict() does not round-trip through JSON")


def test_one_input(data: bytes) -> None:
    """The fuzz target: one input of arbitrary bytes."""
    published = PUBLISHED if data[:1] and data[0] % 2 else None
    check(data[1:].decode("utf-8", errors="replace"), published)


def run_hypothesis(max_examples: int = 1000) -> None:
    """The same target driven by Hypothesis (text, bytes and diplomatic statements)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from dipparse.testing import documents

    inputs = st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=2000).map(lambda t: b"\x01" + t.encode("utf-8", "surrogatepass")),
        documents().map(lambda d: b"\x01" + d[0].encode("utf-8")),
    )

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs)
    def fuzz(data: bytes) -> None:
        test_one_input(data)

    fuzz()


def main(argv: list[str]) -> None:
    """``--hypothesis [N]`` runs the Hypothesis harness; otherwise atheris if installed."""
    if argv[1:2] == ["--hypothesis"]:
        run_hypothesis(int(argv[2]) if len(argv) > 2 else 10_000)
        return
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        print("atheris is not installed: running the Hypothesis harness instead", file=sys.stderr)
        run_hypothesis(10_000)
        return
    _parser()  # build the parser before fuzzing starts
    atheris.instrument_all()
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
