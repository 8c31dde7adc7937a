"""`dipparse rules check` and `dipparse rules list`: validate rule sets, run their examples.

`check_files` loads each rule set (a file, a folder or a registered name),
composes it with the rule sets it ``extends``, and runs every rule's
``examples`` (the rule itself must produce an event there, or claim the
trigger for a blocking rule of kind ``none``) and ``counterexamples`` (the
rule must produce none). It warns about patterns prone to catastrophic
backtracking and about rules that lose their examples' triggers to other
rules. Warnings alone do not make a rule set invalid.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

from dipparse.explain import Outcome, trace
from dipparse.parser import Parser
from dipparse.patterns import TokenPattern, encode
from dipparse.phrases import chunk
from dipparse.regex_risk import backtracking_risk
from dipparse.rules import (
    MATCH_TIMEOUT,
    Rule,
    RuleSet,
    RuleSetError,
    RuleSetWarning,
    Topic,
    available,
    get_ruleset,
    load_ruleset,
)
from dipparse.tokens import Lexicon, tag, tokenize

# Text on which a pattern that backtracks catastrophically takes far too long: runs of
# one word, of names, of commas, and one very long word.
_PROBES = (
    "the " * 60 + "!",
    "India " * 60 + "!",
    "said , " * 40 + "!",
    "Iran offered talks and " * 20 + "!",
    "a" * 2000 + "!",
)


@frozen
class Finding:
    """One line of a check: ``level`` is ``"error"``, ``"fail"`` or ``"warning"``."""

    level: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"  {self.level}: {self.where}: {self.message}"


@frozen
class _Tally:
    examples: int = 0
    passed: int = 0


def _load(item: str | Path) -> RuleSet:
    path = Path(item)
    if path.exists():
        with warnings.catch_warnings():
            # `rules check` reports backtracking risks itself, as findings.
            warnings.simplefilter("ignore", RuleSetWarning)
            return load_ruleset(path)
    if isinstance(item, str) and item in available():
        return get_ruleset(item)
    raise RuleSetError(
        f"no such file, folder or rule set name (known names: {', '.join(available())})",
        source=str(item),
    )


def _where(rule: Rule) -> str:
    place = rule.source if rule.line is None else f"{rule.source}:{rule.line}"
    return f"{place}: rule {rule.id!r}"


def _why_not(rule: Rule, outcomes: Sequence[Outcome]) -> str:
    """Why ``rule`` built no event on an example, from the trace."""
    mine = [o for o in outcomes if o.rule.id == rule.id]
    for kind in ("lost", "no-actor", "embedded", "unless", "timeout", "no-match"):
        for o in mine:
            if o.kind != kind:
                continue
            trigger = f" {o.trigger.text!r}" if o.trigger else ""
            if kind == "lost":
                return f"its trigger{trigger} went to rule {o.detail!r}"
            if kind == "no-actor":
                return (
                    f"it matched{trigger} but no actor was found (actor finder {o.detail!r}); "
                    "is the actor in the gazetteer?"
                )
            if kind == "embedded":
                return f"it matched{trigger} but was read as what {o.detail!r} asks or refuses"
            if kind == "unless":
                return "its 'unless' pattern matched"
            if kind == "timeout":
                return f"its pattern gave up after {MATCH_TIMEOUT}s"
            return "its pattern did not match"
    if rule.keywords:
        shown = ", ".join(rule.keywords[:8]) + (", ..." if len(rule.keywords) > 8 else "")
        return f"none of its keywords occur ({shown}); set 'keywords' if they are wrong"
    return "its pattern did not match"


def _check_rule(
    rule: Rule, parser: Parser, findings: list[Finding], shadowed: dict[str, set[str]]
) -> _Tally:
    where = _where(rule)
    tally = _Tally()
    for number, example in enumerate(rule.examples, 1):
        outcomes = trace(parser, example)
        if rule.emits:
            ok = any(e.rule == rule.id for e in parser.parse(example).events)
        else:
            ok = any(o.kind == "blocked" and o.rule.id == rule.id for o in outcomes)
        if not ok:
            reason = _why_not(rule, outcomes)
            outcome = "gave no event" if rule.emits else "was not claimed by it"
            findings.append(
                Finding("fail", where, f"example {number} {example!r} {outcome}: {reason}")
            )
            for o in outcomes:
                if o.rule.id == rule.id and o.kind == "lost":
                    shadowed.setdefault(rule.id, set()).add(o.detail)
        tally = _Tally(tally.examples + 1, tally.passed + ok)
    for number, counter in enumerate(rule.counterexamples, 1):
        if rule.emits:
            hits = [e.trigger.text for e in parser.parse(counter).events if e.rule == rule.id]
        else:
            hits = [
                o.trigger.text
                for o in trace(parser, counter)
                if o.kind == "blocked" and o.rule.id == rule.id and o.trigger
            ]
        if hits:
            findings.append(
                Finding(
                    "fail",
                    where,
                    f"counterexample {number} {counter!r} "
                    + ("gave an event on" if rule.emits else "was claimed by it on")
                    + f" {hits[0]!r}",
                )
            )
        tally = _Tally(tally.examples + 1, tally.passed + (not hits))
    return tally


def _probes(lexicon: Lexicon) -> list[str]:
    """The probe texts as token patterns see them (one encoded sentence each)."""
    out = []
    for text in _PROBES:
        tokens = tokenize(text, lexicon)
        out.append(encode(tokens, chunk(tokens, tag(tokens, lexicon), 0)).string)
    return out


def _pattern_warnings(
    where: str, patterns: Sequence[tuple[str, TokenPattern | None]], probes: Sequence[str]
) -> list[Finding]:
    out = []
    for key, pattern in patterns:
        if pattern is None:
            continue
        risks = [(r, backtracking_risk(r)) for r in pattern.regexes]
        risky = [f"/{r}/: {risk}" for r, risk in risks if risk is not None]
        if risky:
            out.append(Finding("warning", where, f"{key}: {risky[0]}"))
            continue
        for probe in probes:
            try:
                pattern.regex.search(probe, timeout=MATCH_TIMEOUT)
            except TimeoutError:
                out.append(
                    Finding(
                        "warning",
                        where,
                        f"{key}: took over {MATCH_TIMEOUT}s on a test sentence of "
                        f"{len(probe.split(' ')) - 1} tokens: it backtracks catastrophically; "
                        "bound its repetitions or make their alternatives match different words",
                    )
                )
                break
    return out


def _rule_warnings(rule: Rule, probes: Sequence[str]) -> list[Finding]:
    patterns = (("tokens", rule.token_pattern), ("unless", rule.unless_tokens))
    return _pattern_warnings(_where(rule), patterns, probes)


def _topic_warnings(source: str, topic: Topic, probes: Sequence[str]) -> list[Finding]:
    where = f"{source}: topic {topic.name!r}"
    return _pattern_warnings(where, (("tokens", topic.token_pattern),), probes)


def check_ruleset(ruleset: RuleSet) -> tuple[list[Finding], int, int]:
    """Check one loaded rule set: (findings, examples run, examples passed)."""
    findings: list[Finding] = []
    parser = Parser([ruleset])
    known = {r.id for rs in parser.rulesets for r in rs.rules}
    for rule_id in ruleset.disable:
        if rule_id not in known:
            findings.append(
                Finding(
                    "error",
                    f"{ruleset.source}: [ruleset]",
                    f"disable names unknown rule id {rule_id!r}; known ids are listed by "
                    "'dipparse rules list'",
                )
            )
    active = {r.id for r in parser.rules}
    shadowed: dict[str, set[str]] = {}
    run = passed = 0
    probes = _probes(parser.lexicon)
    for rule in ruleset.rules:
        findings.extend(_rule_warnings(rule, probes))
        if rule.id not in active:
            continue  # disabled: its examples need not hold
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # timeouts are reported instead
            tally = _check_rule(rule, parser, findings, shadowed)
        run += tally.examples
        passed += tally.passed
    for topic in ruleset.topics:
        findings.extend(_topic_warnings(ruleset.source, topic, probes))
    rules = {r.id: r for r in parser.rules}
    for rule_id, winners in shadowed.items():
        rule = rules[rule_id]
        for winner_id in sorted(winners):
            winner = rules.get(winner_id)
            origin = f" (rule set {winner.ruleset!r}, priority {winner.priority})" if winner else ""
            findings.append(
                Finding(
                    "warning",
                    _where(rule),
                    f"shadowed by rule {winner_id!r}{origin}, which claims the trigger of its "
                    f"example; raise this rule's priority (now {rule.priority}), narrow the "
                    f"other pattern, or disable {winner_id!r}",
                )
            )
    return findings, run, passed


def check_files(paths: Sequence[str | Path]) -> tuple[bool, str]:
    """Check rule-set files, folders or names; (all valid and passing, the report)."""
    lines: list[str] = []
    valid = True
    totals = {"sets": 0, "invalid": 0, "rules": 0, "run": 0, "passed": 0, "warnings": 0}
    for item in paths:
        totals["sets"] += 1
        try:
            ruleset = _load(item)
            findings, run, passed = check_ruleset(ruleset)
        except RuleSetError as exc:
            lines.append(f"{item}: invalid")
            lines.append(f"  error: {exc}")
            totals["invalid"] += 1
            valid = False
            continue
        parents = f", extends {', '.join(ruleset.extends)}" if ruleset.extends else ""
        lines.append(
            f"{item}: rule set {ruleset.name!r} {ruleset.version}{parents}: "
            f"{len(ruleset.rules)} rules, {passed} of {run} examples and counterexamples passed"
        )
        lines.extend(str(f) for f in findings)
        errors = [f for f in findings if f.level in ("error", "fail")]
        if errors:
            valid = False
            totals["invalid"] += any(f.level == "error" for f in findings)
        totals["rules"] += len(ruleset.rules)
        totals["run"] += run
        totals["passed"] += passed
        totals["warnings"] += sum(f.level == "warning" for f in findings)
    failed = totals["run"] - totals["passed"]
    lines.append(
        f"{'ok' if valid else 'FAILED'}: {totals['sets']} rule set(s), "
        f"{totals['invalid']} invalid, {totals['rules']} rules; "
        f"{totals['passed']} passed, {failed} failed; {totals['warnings']} warning(s)"
    )
    return valid, "\n".join(lines)


def list_rules(parser: Parser) -> str:
    """The rule sets of ``parser`` (name, version, source) and its rules, one a line."""
    lines = ["Rule sets:"]
    for rs in parser.rulesets:
        lines.append(f"  {rs.name} {rs.version}  {rs.source}")
    lines.append(f"Rules ({len(parser.rules)}):")
    width = max((len(r.id) for r in parser.rules), default=0)
    kinds = max((len(r.kind) for r in parser.rules), default=0)
    for r in parser.rules:
        lines.append(f"  {r.id:<{width}}  {r.kind:<{kinds}}  {r.priority:>4}  {r.description}")
    active = {r.id for r in parser.rules}
    disabled = sorted({r.id for rs in parser.rulesets for r in rs.rules} - active)
    if disabled:
        lines.append(f"Disabled: {', '.join(disabled)}")
    return "\n".join(lines)


__all__ = ["Finding", "check_files", "check_ruleset", "list_rules"]
