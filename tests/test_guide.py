"""The guide docs/rulesets.md runs as written, so it cannot drift from what dipparse does.

Its worked example's TOML files are fenced ``toml`` blocks, each after a
``<!-- worked-example: NAME.toml -->`` comment. The test writes them into a
temporary folder and, from there, runs every ``pycon`` block of the page as one
doctest session and every ``$ dipparse ...`` line of its ``shell-session``
blocks, comparing what they print with what the page shows. The error table at
the end is compared with the messages that the files in tests/rulesets/broken give.
"""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from dipparse import RuleSetError, load_ruleset
from dipparse.cli import main

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "rulesets.md"
BROKEN = Path(__file__).parent / "rulesets" / "broken"

_BLOCK = re.compile(
    r"(?:<!-- worked-example: (?P<name>[\w.-]+) -->\n)?^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)


def _blocks() -> list[tuple[str | None, str, str, int]]:
    """(worked-example name or None, language, body, line of the body) of each fence."""
    text = GUIDE.read_text(encoding="utf-8")
    return [
        (m.group("name"), m.group("lang"), m.group("body"), text.count("\n", 0, m.start("body")))
        for m in _BLOCK.finditer(text)
    ]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the guide's TOML files, made the working directory."""
    written = []
    for name, lang, body, _ in _blocks():
        if name is not None and lang == "toml":
            (tmp_path / name).write_text(body, encoding="utf-8")
            written.append(name)
    assert written == ["threats.toml", "mine.toml"]
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_toml_files_load(workdir: Path) -> None:
    """The worked example's files are valid rule sets."""
    threats = load_ruleset(workdir / "threats.toml")
    assert [k.name for k in threats.kinds] == ["threat"]
    assert [(k.cameo, k.plover) for k in threats.kinds] == [("130", "THREATEN")]
    assert {r.id for r in threats.rules} >= {"threat.verb", "threat.block-security"}
    assert [a.name for a in threats.actors] == ["Yahya Saree"]


def test_python_examples(workdir: Path) -> None:
    """Every ``pycon`` block gives the output shown, in one session, in page order."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict[str, Any] = {"__name__": "__guide__"}
    report: list[str] = []
    for _, lang, body, line in _blocks():
        if lang != "pycon":
            continue
        test = parser.get_doctest(body, globs, f"rulesets.md:{line + 1}", str(GUIDE), line)
        runner.run(test, out=report.append, clear_globs=False)
        globs = test.globs
    assert runner.tries >= 20, "the guide's Python examples were not found"
    assert runner.failures == 0, "".join(report)


def test_command_examples(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every ``$ dipparse`` line of a ``shell-session`` block prints what is shown under it."""
    ran = []
    for name, lang, body, line in _blocks():
        if lang != "shell-session":
            continue
        command, *shown = body.rstrip("\n").split("\n")
        assert command.startswith("$ dipparse "), f"rulesets.md:{line + 1}: {command}"
        status = main(shlex.split(command)[2:])
        out = capsys.readouterr().out
        assert [x.rstrip() for x in out.rstrip("\n").split("\n")] == shown, (
            f"rulesets.md:{line + 1}: {command}\n--- the guide shows:\n"
            + "\n".join(shown)
            + f"\n--- it prints:\n{out}"
        )
        assert status == (2 if shown[-1].startswith("FAILED") else 0)
        ran.append(name)
    assert ran == ["check", "explain", "check-mine"]


ERRORS = {
    "unknown key": "unknown_key.toml",
    "wrong type": "wrong_type.toml",
    "bad regex element": "bad_regex.toml",
    "old regex rule": "regex_rule.toml",
    "undefined word list": "undefined_list.toml",
    "duplicate rule id": "duplicate_id.toml",
    "list defined twice": "list_twice",
    "no trigger slot": "missing_trigger.toml",
    "invalid TOML": "invalid_toml.toml",
}


def test_error_table() -> None:
    """The table of errors shows the messages the broken files give (``...`` elides)."""
    text = GUIDE.read_text(encoding="utf-8").split("## Errors", 1)[1]
    rows = dict(re.findall(r"^\| ([\w ]+) \| `(.+)` \|$", text, re.MULTILINE))
    assert sorted(rows) == sorted(ERRORS)
    checker = doctest.OutputChecker()
    for mistake, file_name in ERRORS.items():
        with pytest.raises(RuleSetError) as info:
            load_ruleset(BROKEN / file_name)
        # A broken folder is shown as "x", a broken file as "x.toml".
        shown = "x" if (BROKEN / file_name).is_dir() else "x.toml"
        got = str(info.value).replace(str(BROKEN / file_name), shown)
        assert checker.check_output(rows[mistake] + "\n", got + "\n", doctest.ELLIPSIS), (
            f"{mistake}: the guide shows\n{rows[mistake]}\nbut the error is\n{got}"
        )
