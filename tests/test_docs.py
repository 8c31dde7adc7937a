"""The examples in README.md and docs/*.md run, so the documentation cannot drift.

- A fenced ``python`` block holding ``>>>`` lines runs as a doctest. The blocks of
  one file share one namespace and run in order, from the repository's top folder
  (the examples use paths such as ``seeds/...``).
- A fenced ``console`` block runs each ``$ dipparse ...`` line through
  `dipparse.cli.main` and compares what it prints (standard output, then standard
  error) with the lines below it; ``...`` matches anything, as in a doctest.
- Every ``dipparse ...`` command in a ``bash``, ``sh`` or ``console`` block must be
  accepted by the command line's argument parser: a renamed option fails here.
- The code tables in docs/codes.md are the ones generated from the core-en rule
  files (``python tests/test_docs.py`` prints them).
- The docstring examples of the package's modules (shown in the API reference) run.
"""

from __future__ import annotations

import argparse
import doctest
import importlib
import pkgutil
import re
import shlex
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import dipparse
from dipparse import cli

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
CODES_DOC = ROOT / "docs" / "codes.md"
CODES_START = "<!-- codes-table:start (generated from core-en; run `python tests/test_docs.py`) -->"
CODES_END = "<!-- codes-table:end -->"
FLAGS = doctest.ELLIPSIS

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Block:
    """One fenced code block of a Markdown file."""

    path: Path
    lang: str
    body: str
    line: int  # the line of the block's first content line, counted from 1

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of ``path``, in order, indentation removed."""
    text = path.read_text(encoding="utf-8")
    found = []
    for m in _FENCE.finditer(text):
        indent = len(m.group("indent"))
        body = "".join(line[indent:] for line in m.group("body").splitlines(keepends=True))
        line = text.count("\n", 0, m.start("body")) + 1
        found.append(Block(path, m.group("lang").lower(), body, line))
    return found


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


DOCTEST_FILES = [
    p for p in DOC_FILES if any(b.lang == "python" and ">>>" in b.body for b in blocks(p))
]
CONSOLE_FILES = [p for p in DOC_FILES if any(b.lang == "console" for b in blocks(p))]


def test_the_docs_have_examples() -> None:
    """The collection below found the examples (a broken fence pattern would find none)."""
    assert ROOT / "README.md" in DOCTEST_FILES
    assert ROOT / "docs" / "getting-started.md" in DOCTEST_FILES
    assert ROOT / "docs" / "getting-started.md" in CONSOLE_FILES


@pytest.mark.parametrize("path", DOCTEST_FILES, ids=_ids(DOCTEST_FILES))
def test_python_examples(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``>>>`` example of the file gives the output it shows."""
    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    globs: dict[str, Any] = {"__name__": "__docs__"}
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for block in blocks(path):
        if block.lang != "python" or ">>>" not in block.body:
            continue
        test = parser.get_doctest(block.body, globs, block.where, str(path), block.line - 1)
        runner.run(test, out=report.append, clear_globs=False)
        globs = test.globs  # a DocTest copies its globals: pass them on to the next block
    assert runner.tries > 0, f"{path.name}: no example ran"
    assert runner.failures == 0, "".join(report)


@dataclass(frozen=True)
class Command:
    """One ``$ dipparse ...`` line of a console block and the output shown under it."""

    argv: list[str]
    expected: str
    where: str


def console_commands(block: Block) -> Iterator[Command]:
    """The ``$ dipparse`` commands of a console block with their expected output."""
    lines = block.body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            i += 1
            continue
        start = i
        command = line[2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command[:-1] + " " + lines[i].strip()
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        words = shlex.split(command, comments=True)
        if words and words[0] == "dipparse":
            where = f"{block.path.relative_to(ROOT)}:{block.line + start}"
            yield Command(words[1:], "\n".join(output), where)


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"


def _exit_status(run: Callable[[list[str]], object], argv: list[str]) -> object:
    """What ``run(argv)`` returns, or the code of the `SystemExit` it raises (argparse)."""
    try:
        return run(argv)
    except SystemExit as exc:
        return exc.code


@pytest.mark.parametrize("path", CONSOLE_FILES, ids=_ids(CONSOLE_FILES))
def test_console_examples(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every ``$ dipparse ...`` example prints what the file shows under it."""
    monkeypatch.chdir(ROOT)
    checker = doctest.OutputChecker()
    ran = 0
    for block in blocks(path):
        if block.lang != "console":
            continue
        for command in console_commands(block):
            _exit_status(cli.main, command.argv)  # the output shows a failure too
            captured = capsys.readouterr()
            got = _normalise(captured.out + captured.err)
            want = _normalise(command.expected)
            assert checker.check_output(want, got, FLAGS), (
                f"{command.where}: dipparse {shlex.join(command.argv)}\n"
                f"--- the docs show:\n{want}--- it prints:\n{got}"
            )
            ran += 1
    assert ran > 0, f"{path.name}: no console example ran"


def shell_commands(block: Block) -> Iterator[list[str]]:
    """The ``dipparse`` commands of a shell block (a console's ``$`` lines), as argument lists."""
    text = block.body.replace("\\\n", " ")
    for line in text.splitlines():
        if block.lang == "console":
            if not line.startswith("$ "):
                continue  # output, not a command
            line = line[2:]
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        segment: list[str] = []
        for token in [*lexer, ";"]:
            if token in (";", "&&", "||", "|", "&", "(", ")"):
                if segment and segment[0] == "dipparse":
                    yield segment[1:]
                segment = []
            else:
                segment.append(token)


SHELL_COMMANDS = [
    (f"{b.where}: {shlex.join(['dipparse', *argv])}", argv)
    for p in DOC_FILES
    for b in blocks(p)
    if b.lang in ("bash", "sh", "shell", "console")
    for argv in shell_commands(b)
]


def test_shell_examples_were_found() -> None:
    """The README's commands are among those checked below."""
    assert any(name.startswith("README.md") for name, _ in SHELL_COMMANDS)


@pytest.mark.parametrize(("name", "argv"), SHELL_COMMANDS, ids=[n for n, _ in SHELL_COMMANDS])
def test_shell_commands_parse(name: str, argv: list[str]) -> None:
    """The command line accepts every ``dipparse`` command the docs show."""
    result = _exit_status(cli._build_parser().parse_args, argv)
    # parsed arguments, or exit status 0 from --help / --version
    assert isinstance(result, argparse.Namespace) or result == 0, (
        f"{name}: the argument parser rejects it (exit {result})"
    )


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], list[str]]]:
    """Each (sub)command of the command line with its option strings and positionals."""
    options: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))
        elif isinstance(action, argparse._HelpAction):
            continue
        elif action.option_strings:
            options.extend(action.option_strings)
        else:
            options.append(action.metavar if isinstance(action.metavar, str) else action.dest)
    has_subcommands = any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
    if not path or not has_subcommands:  # "dipparse rules" alone is only a group
        yield path, options


def test_cli_reference_names_every_command_and_option() -> None:
    """docs/cli.md has a section for every subcommand naming each of its options."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    commands = list(_commands(cli._build_parser()))
    assert len(commands) >= 6  # the top level, parse, eval, explain, rules list, rules check
    for path, options in commands:
        heading = f"`{' '.join(('dipparse', *path))}`"
        if path:
            found = [sec for sec in sections if sec.startswith(heading)]
            assert found, f"docs/cli.md: no section '## {heading}'"
            body = found[0]
        else:
            body = sections[0]
        for option in options:
            assert f"`{option}" in body, f"docs/cli.md: {heading} does not document {option}"


# -- docs/codes.md: the tables generated from the rule files ------------------------


def _core_en(name: str) -> dict[str, Any]:
    folder = resources.files("dipparse.rulesets").joinpath("core-en")
    data: dict[str, Any] = tomllib.loads(folder.joinpath(name).read_text(encoding="utf-8"))
    return data


def codes_tables() -> str:
    """The Markdown tables of docs/codes.md, from core-en's ruleset.toml and topics.toml."""
    kinds = _core_en("ruleset.toml")["kinds"]
    topics = _core_en("topics.toml")["topics"]
    names = [k["name"] for k in kinds]
    lines = [
        "| kind | CAMEO (default) | PLOVER | what it is |",
        "| --- | --- | --- | --- |",
    ]
    for k in kinds:
        lines.append(f"| {k['name']} | {k['cameo']} | {k['plover']} | {k['description']} |")
    lines += [
        "",
        "| topic | PLOVER mode | " + " | ".join(names) + " |",
        "| --- | --- | " + " | ".join("---" for _ in names) + " |",
    ]
    for t in topics:
        codes = [t["codes"].get(n, "-") for n in names]
        lines.append(f"| {t['name']} | {t.get('plover_mode') or '-'} | " + " | ".join(codes) + " |")
    return "\n".join(lines)


def test_codes_table_matches_the_rules() -> None:
    """docs/codes.md shows the codes that core-en's TOML files give."""
    text = CODES_DOC.read_text(encoding="utf-8")
    assert CODES_START in text, f"{CODES_DOC.name}: the table's start marker is missing"
    assert CODES_END in text, f"{CODES_DOC.name}: the table's end marker is missing"
    shown = text.split(CODES_START, 1)[1].split(CODES_END, 1)[0].strip()
    expected = codes_tables()
    assert shown == expected, (
        f"{CODES_DOC.name} is out of date with the core-en rule files; "
        f"replace its table with:\n{expected}"
    )


def test_codes_tables_cover_every_kind_and_topic() -> None:
    """The generated tables name every kind and topic that the loaded rule set has."""
    ruleset = dipparse.get_ruleset("core-en")
    tables = codes_tables()
    for kind in ruleset.kinds:
        assert f"| {kind.name} | {kind.cameo} | {kind.plover} |" in tables
    for topic in ruleset.topics:
        assert f"| {topic.name} | {topic.plover_mode or '-'} |" in tables


# -- CHANGELOG.md (included in the docs as changelog.md) ------------------------------


def test_changelog_sections_have_links() -> None:
    """Keep a Changelog form: Unreleased first, dated versions, a link for every heading."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](.*)$", text, re.MULTILINE)
    assert headings, "CHANGELOG.md: no '## [...]' section"
    assert headings[0] == ("Unreleased", ""), "CHANGELOG.md: the first section is '## [Unreleased]'"
    for name, rest in headings[1:]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", name), f"CHANGELOG.md: [{name}] is not a version"
        assert re.fullmatch(r" - \d{4}-\d{2}-\d{2}", rest), f"CHANGELOG.md: [{name}] has no date"
    for name, _ in headings:
        link = re.compile(rf"^\[{re.escape(name)}\]: https://\S+$", re.MULTILINE)
        assert link.search(text), f"CHANGELOG.md: no link for [{name}] at the bottom"


# -- the docstrings that the API reference shows --------------------------------------


def _docstring_tests() -> list[doctest.DocTest]:
    """The docstring doctests of every dipparse module that has examples."""
    modules = pkgutil.walk_packages(dipparse.__path__, "dipparse.")
    names = ["dipparse", *sorted(m.name for m in modules if not m.name.endswith("__main__"))]
    finder = doctest.DocTestFinder(exclude_empty=True)
    found: dict[str, doctest.DocTest] = {}
    for name in names:
        module = importlib.import_module(name)
        for test in finder.find(module, name):
            if test.examples:
                found.setdefault(test.name, test)
    return [found[name] for name in sorted(found)]


DOCSTRING_TESTS = _docstring_tests()


def test_docstring_examples_were_found() -> None:
    """The package docstring's example is among those run below."""
    assert "dipparse" in [t.name for t in DOCSTRING_TESTS]


@pytest.mark.parametrize("test", DOCSTRING_TESTS, ids=[t.name for t in DOCSTRING_TESTS])
def test_docstring_examples(test: doctest.DocTest) -> None:
    """The ``>>>`` examples of a docstring give the output they show."""
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    results = runner.run(test, out=report.append)
    assert results.attempted > 0
    assert results.failed == 0, "".join(report)


if __name__ == "__main__":
    sys.stdout.write(codes_tables() + "\n")
