"""The ``dipparse`` command line: parse, eval, explain, rules list / check.

Errors print one line to standard error and exit with status 2; nothing is
written to standard output for a run that fails before its first result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from dipparse._version import __version__
from dipparse.evaluation import GoldFormatError, evaluate
from dipparse.models import Document, Event
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

    p = sub.add_parser("parse", help="parse articles and print their events")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files; '-' reads standard input")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for relative dates")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
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


def _read_input(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
        label = "standard input"
    else:
        path = Path(name)
        if path.is_dir():
            raise UsageError(f"{name}: is a directory, not a text file")
        if not path.is_file():
            raise UsageError(f"{name}: no such file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from None
        label = name
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{label}: not UTF-8 text (undecodable byte at offset {exc.start})"
        ) from None


def _flags(e: Event) -> str:
    names = [n for n in ("negated", "hedged", "conditional", "quoted") if getattr(e, n)]
    return ",".join(names) or "-"


def format_text(doc: Document, name: str) -> str:
    """The readable table of a document's events that ``parse --format text`` prints."""
    index = {(s.start, s.end): i + 1 for i, s in enumerate(doc.sentences)}
    lines = [f"# {name}: {len(doc.events)} events in {len(doc.groups)} groups"]
    header = (
        f"{'id':<5}{'kind':<11}{'actor -> target':<44}{'content':<42}{'flags':<18}"
        f"{'sent':>4}  group"
    )
    lines.append(header)
    for e in doc.events:
        actor = e.actor.name if e.actor else "?"
        target = e.target.name if e.target else "-"
        who = f"{actor} -> {target}"
        content = e.content.text if e.content else "-"
        date = f" @{e.date.isoformat()}" if e.date else ""
        sent = index.get((e.sentence.start, e.sentence.end), 0)
        lines.append(
            f"{e.id:<5}{e.type:<11}{_cut(who, 43):<44}{_cut(content, 41):<42}"
            f"{_cut(_flags(e) + date, 17):<18}{sent:>4}  {e.group or ''}"
        )
    for g in doc.groups:
        reply = f" answers {g.responds_to}" if g.responds_to else ""
        actor = g.actor.name if g.actor else "?"
        lines.append(
            f"{g.id}: {g.type} by {actor} ({g.topic or 'general'}, CAMEO {g.cameo}, "
            f"{len(g.mentions)} mention{'s' if len(g.mentions) != 1 else ''}){reply}"
        )
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    published = _published(args.published)
    texts = [(name, _read_input(name)) for name in args.files]  # all read before any output
    parser = _parser_for(args.rules)
    docs = [(name, parser.parse(text, published=published)) for name, text in texts]
    for name, doc in docs:
        if args.format == "json":
            data = doc.to_dict()
            data["source"] = name
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif args.format == "jsonl":
            for event in doc.events:
                row = event.to_dict()
                row["source"] = name
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            out.write(format_text(doc, name) + "\n")
    return 0


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
    except BrokenPipeError:
        return 0
