"""The ``dipparse`` command line: parse, eval, explain, rules list / check.

Errors print one line to standard error and exit with status 2; nothing is
written to standard output for a run that fails before its first result.
``parse`` reads and parses its documents one at a time (see
`dipparse.corpus_run`): a document that fails is reported and the run goes on,
with exit status 1 at the end; 3 means worker processes could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TextIO

from dipparse._version import __version__
from dipparse.corpus_input import InputError, find_inputs
from dipparse.evaluation import GoldFormatError, evaluate
from dipparse.event_table import format_table
from dipparse.models import Document
from dipparse.parser import Parser, coerce_published
from dipparse.rules import BUILTIN, RuleSetError


class UsageError(Exception):
    """A user error: printed as one line, exit status 2."""


def _build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="dipparse",
        description="Find diplomatic offers, acceptances, rejections and demands in news text.",
    )
    ap.add_argument("--version", action="version", version=f"dipparse {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    def add_rulesets(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--rules",
            action="append",
            metavar="RULESET",
            help=(
                f"rule set name or path, repeatable (default: {BUILTIN}); "
                "later ones take precedence"
            ),
        )

    p = sub.add_parser(
        "parse",
        help="parse articles or an archive and print their events",
        description=(
            "Parse text files, folders, standard input or JSON-lines archives; "
            "results are written as each document finishes."
        ),
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="INPUT",
        help="text files, folders (searched recursively) or '-' for standard input",
    )
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for relative dates")
    p.add_argument(
        "--format",
        type=lambda value: "table" if value == "text" else value,  # "text": the old name
        choices=("table", "json", "jsonl", "csv"),
        default="table",
        help="output format (default: table; 'text' is another name for it)",
    )
    p.add_argument(
        "--per",
        choices=("event", "document"),
        help="with --format jsonl: one line per event (default) or per document",
    )
    p.add_argument(
        "--input-format",
        choices=("text", "jsonl"),
        default="text",
        help="each input is one text (default), or JSON lines: one record a line",
    )
    p.add_argument("--glob", default="*.txt", metavar="PATTERN", help="files to take from folders")
    p.add_argument("--text-field", default="text", metavar="NAME", help="JSON field of the text")
    p.add_argument("--id-field", default="id", metavar="NAME", help="JSON field of the id")
    p.add_argument("--published-field", metavar="NAME", help="JSON field of the date")
    p.add_argument(
        "--workers", type=_positive_int, default=1, metavar="N", help="parse in N processes"
    )
    p.add_argument(
        "--timeout",
        type=_positive_float,
        metavar="SECONDS",
        help="a document whose parse takes longer fails (parses in worker processes)",
    )
    p.add_argument("--wide", action="store_true", help="table: never cut a cell")
    p.add_argument(
        "--width", type=_positive_int, metavar="COLUMNS", help="table: fit lines to COLUMNS"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary and no progress bar")
    add_rulesets(p)

    e = sub.add_parser("eval", help="score the rules against a gold file")
    e.add_argument("gold", metavar="GOLD.jsonl")
    e.add_argument("--show-errors", action="store_true", help="list misses and false alarms")
    e.add_argument("--level", choices=("must", "should", "all"), default="all")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    add_rulesets(e)

    x = sub.add_parser("explain", help="show which rules fired on a sentence, and which nearly did")
    x.add_argument("sentence")
    x.add_argument("--published", help="publication date (YYYY-MM-DD)")
    add_rulesets(x)

    r = sub.add_parser("rules", help="list or check rule sets")
    rs = r.add_subparsers(dest="rules_command", required=True)
    rl = rs.add_parser("list", help="list rule sets and their rules")
    add_rulesets(rl)
    rc = rs.add_parser("check", help="validate rule-set files and run their examples")
    rc.add_argument(
        "files", nargs="*", metavar="FILE", help=f"rule-set files or folders (default: {BUILTIN})"
    )
    return ap


def _parser_for(rules: Sequence[str] | None, extra: Sequence[str] = ()) -> Parser:
    try:
        return Parser([*(rules or [BUILTIN]), *extra])
    except (RuleSetError, KeyError, ValueError, TypeError) as exc:
        raise UsageError(str(exc).strip("'\"")) from None


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not (number > 0 and math.isfinite(number)):
        raise argparse.ArgumentTypeError(f"must be a positive number, not {value}")
    return number


def format_text(doc: Document, name: str) -> str:
    """The table of a document's events (see `dipparse.event_table.format_table`)."""
    return format_table(doc, name)


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    from dipparse.corpus_run import CorpusRun, Output

    if args.per is not None and args.format != "jsonl":
        raise UsageError("--per needs --format jsonl")
    if args.input_format == "text":
        for option in ("text_field", "id_field", "published_field"):
            if getattr(args, option) != _FIELD_DEFAULTS[option]:
                flag = "--" + option.replace("_", "-")
                raise UsageError(f"{flag} needs --input-format jsonl")
    published = _published(args.published)
    try:
        inputs = find_inputs(args.files, glob=args.glob)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    parser = _parser_for(args.rules)
    width = None
    if not args.wide:
        width = args.width or (shutil.get_terminal_size().columns if out.isatty() else None)
    output = Output(out, args.format, per=args.per or "event", width=width)
    run = CorpusRun(
        parser,
        inputs,
        output,
        input_format=args.input_format,
        text_field=args.text_field,
        id_field=args.id_field,
        published_field=args.published_field,
        published=published,
        workers=args.workers,
        timeout=args.timeout,
        quiet=args.quiet,
    )
    try:
        summary = run.run()
    except RuntimeError as exc:  # worker processes could not run
        print(f"dipparse: error: the run stopped: {exc}", file=sys.stderr)
        return 3
    return 1 if summary.failures else 0


_FIELD_DEFAULTS = {"text_field": "text", "id_field": "id", "published_field": None}


def _published(value: str | None) -> dt.date | None:
    try:
        return coerce_published(value)
    except ValueError as exc:
        raise UsageError(f"--published: {exc}") from None


def _cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    parser = _parser_for(args.rules)
    levels = ("must", "should") if args.level == "all" else (args.level,)
    try:
        report = evaluate(args.gold, parser, levels=levels)
    except GoldFormatError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        out.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        out.write(report.format(show_errors=args.show_errors) + "\n")
    return 0


def _cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    from dipparse.explain import explain

    parser = _parser_for(args.rules)
    out.write(explain(parser, args.sentence, published=_published(args.published)) + "\n")
    return 0


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from dipparse.checking import check_files, list_rules

    if args.rules_command == "list":
        out.write(list_rules(_parser_for(args.rules)) + "\n")
        return 0
    ok, report = check_files(args.files or [BUILTIN])
    out.write(report + "\n")
    return 0 if ok else 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    ap = _build_parser()
    args = ap.parse_args(argv)
    commands = {
        "parse": _cmd_parse,
        "eval": _cmd_eval,
        "explain": _cmd_explain,
        "rules": _cmd_rules,
    }
    try:
        return commands[args.command](args, sys.stdout)
    except UsageError as exc:
        print(f"dipparse: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped (``| head``): not an error
        with contextlib.suppress(OSError, ValueError):  # no second error at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
