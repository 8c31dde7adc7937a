"""Scoring a parser against sentence-level gold files (the format of ``seeds/*.gold.jsonl``).

Per record, predicted events are matched one-to-one to gold events of the
same type, preferring a match whose actor agrees. Reported: precision, recall
and F1 per type and micro-averaged; among matched events, actor accuracy
(same country code, or the same name where the gold has no code) and the
accuracy of ``negated``, ``conditional`` and ``quoted``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from dipparse.models import Event

if TYPE_CHECKING:
    from dipparse.parser import Parser

ATTRIBUTES = ("negated", "conditional", "quoted")


class GoldFormatError(ValueError):
    """A gold file line that is not a valid record: names the file and line."""


@frozen
class GoldEvent:
    type: str
    actor: str | None
    actor_country: str | tuple[str, ...] | None
    negated: bool = False
    conditional: bool = False
    quoted: bool = False
    level: str = "must"


@frozen
class GoldRecord:
    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    line: int = 0
    source: str | None = None


@frozen
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@frozen
class Error:
    """A miss (gold event not found), a false alarm (predicted event not in gold) or a
    matched event whose actor is wrong.

    For a wrong actor, ``actor`` is the parser's, ``gold`` the gold file's, and
    ``resolution`` the resolution rule that chose the parser's actor, if one did.
    """

    record: str
    kind: str  # "miss" or "false alarm" or "wrong actor"
    type: str
    actor: str | None
    text: str
    rule: str | None = None
    gold: str | None = None
    resolution: str | None = None


@frozen
class Report:
    """The scores of one evaluation run."""

    per_type: Mapping[str, Counts]
    micro: Counts
    actor_accuracy: float
    attribute_accuracy: Mapping[str, float]
    matched: int
    records: int
    errors: tuple[Error, ...] = field(factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "micro": self.micro.to_dict(),
            "per_type": {k: v.to_dict() for k, v in sorted(self.per_type.items())},
            "actor_accuracy": round(self.actor_accuracy, 4),
            "attribute_accuracy": {k: round(v, 4) for k, v in self.attribute_accuracy.items()},
            "matched": self.matched,
        }

    def format(self, *, show_errors: bool = False) -> str:
        """A readable table of the scores (and the errors, when asked)."""
        lines = [f"{'kind':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for kind, c in sorted(self.per_type.items()):
            lines.append(
                f"{kind:<12}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
            )
        m = self.micro
        lines.append(
            f"{'micro':<12}{m.precision:>7.3f}{m.recall:>7.3f}{m.f1:>7.3f}{m.tp:>6}{m.fp:>6}{m.fn:>6}"
        )
        lines.append(f"actor accuracy {self.actor_accuracy:.3f} over {self.matched} matched events")
        for name, value in self.attribute_accuracy.items():
            lines.append(f"{name} accuracy {value:.3f}")
        lines.append(f"records {self.records}")
        if show_errors:
            for e in self.errors:
                rule = f" [{e.rule}]" if e.rule else ""
                gold = ""
                if e.kind == "wrong actor":
                    via = f", via {e.resolution}" if e.resolution else ""
                    gold = f" (gold {e.gold}{via})"
                lines.append(
                    f"{e.kind:<12} {e.record}: {e.type} by {e.actor}{gold}{rule} | {e.text}"
                )
        return "\n".join(lines)


def _country(value: object) -> str | tuple[str, ...] | None:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return value if isinstance(value, str) else None


def read_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold file (one JSON object a line); `GoldFormatError` names a bad line."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"{p}: cannot read gold file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    return parse_gold(raw.splitlines(), source=str(p))


def parse_gold(lines: Iterable[str], *, source: str = "<gold>") -> list[GoldRecord]:
    """Gold records from JSON lines (blank lines are skipped)."""
    records: list[GoldRecord] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{source}:{number}: not valid JSON: {exc.msg}") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise GoldFormatError(f"{source}:{number}: a record needs a string 'text'")
        events = data.get("events", [])
        if not isinstance(events, list):
            raise GoldFormatError(f"{source}:{number}: 'events' must be a list")
        gold_events = []
        for i, ev in enumerate(events):
            if not isinstance(ev, dict) or not isinstance(ev.get("type"), str):
                raise GoldFormatError(f"{source}:{number}: event {i} needs a string 'type'")
            gold_events.append(
                GoldEvent(
                    type=ev["type"],
                    actor=ev.get("actor"),
                    actor_country=_country(ev.get("actor_country")),
                    negated=bool(ev.get("negated", False)),
                    conditional=bool(ev.get("conditional", False)),
                    quoted=bool(ev.get("quoted", False)),
                    level=str(ev.get("level", "must")),
                )
            )
        published = data.get("pub_date")
        origin = data.get("source")  # not `source`: that names the file in error messages
        records.append(
            GoldRecord(
                id=str(data.get("id", f"line{number}")),
                text=data["text"],
                published=published if isinstance(published, str) else None,
                events=tuple(gold_events),
                line=number,
                source=origin if isinstance(origin, str) and origin.startswith("seed ") else None,
            )
        )
    return records


def _codes(value: str | tuple[str, ...] | list[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


def _norm_name(name: str | None) -> str:
    return " ".join((name or "").lower().replace("the ", " ").split())


def actor_agrees(
    gold: GoldEvent, event: Event, canonical: Callable[[str], str] | None = None
) -> bool:
    """Same country code(s), or the same name where the gold has no code.

    ``canonical`` maps a gold name to the gazetteer's canonical name
    ("United Nations Security Council" -> "UN Security Council").
    """
    if event.actor is None:
        return gold.actor is None
    gold_codes = _codes(gold.actor_country)
    if gold_codes:
        return gold_codes == frozenset(event.actor.countries)
    names = {_norm_name(gold.actor)}
    if canonical is not None and gold.actor:
        names.add(_norm_name(canonical(gold.actor)))
    return bool(names & {_norm_name(event.actor.name), _norm_name(event.actor.text)})


def _match(
    gold: Sequence[GoldEvent],
    predicted: Sequence[Event],
    canonical: Callable[[str], str] | None = None,
) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for agree_pass in (True, False):
        for gi, g in enumerate(gold):
            if any(gi == p[0] for p in pairs):
                continue
            for pi, e in enumerate(predicted):
                if pi in used or e.type != g.type:
                    continue
                if agree_pass and not actor_agrees(g, e, canonical):
                    continue
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def predict(
    records: Sequence[GoldRecord], parser: Parser, *, context: bool = True
) -> list[list[Event]]:
    """The parser's events for each record.

    With ``context``, consecutive records cut from one document (the same
    ``source`` naming a document, as in ``seeds/*.gold.jsonl``) are parsed
    together, so that "both nations" can find its antecedent as a reader would;
    each event goes to the record holding its trigger.
    """
    out: list[list[Event]] = []
    i = 0
    while i < len(records):
        j = i + 1
        while (
            context
            and records[i].source is not None
            and j < len(records)
            and records[j].source == records[i].source
        ):
            j += 1
        batch = records[i:j]
        text = "\n".join(r.text for r in batch)
        doc = parser.parse(text, published=batch[0].published)
        starts = []
        offset = 0
        for r in batch:
            starts.append((offset, offset + len(r.text)))
            offset += len(r.text) + 1
        for start, end in starts:
            out.append([e for e in doc.events if start <= e.trigger.start < end])
        i = j
    return out


def evaluate(
    gold: str | Path | Sequence[GoldRecord],
    parser: Parser | None = None,
    *,
    levels: Iterable[str] = ("must", "should"),
) -> Report:
    """Score ``parser`` (default: the built-in rules) on a gold file or records.

    ``levels`` selects which gold events count; predictions matching a gold
    event of another level are neither rewarded nor punished.
    """
    from dipparse.parser import default_parser

    records = read_gold(gold) if isinstance(gold, str | Path) else list(gold)
    parser = parser or default_parser()
    wanted = set(levels)

    def canonical(name: str) -> str:
        known = parser.gazetteer.lookup(name)
        return known[0] if known else name

    per_type: dict[str, list[int]] = {}
    actor_ok = matched = 0
    attr_ok = dict.fromkeys(ATTRIBUTES, 0)
    errors: list[Error] = []

    def bump(kind: str, slot: int) -> None:
        per_type.setdefault(kind, [0, 0, 0])[slot] += 1

    for record, predicted in zip(records, predict(records, parser), strict=True):
        gold_events = list(record.events)
        pairs = _match(gold_events, predicted, canonical)
        matched_gold = {g for g, _ in pairs}
        matched_pred = {p for _, p in pairs}
        for gi, pi in pairs:
            g, e = gold_events[gi], predicted[pi]
            if g.level not in wanted:
                continue
            bump(g.type, 0)
            matched += 1
            if actor_agrees(g, e, canonical):
                actor_ok += 1
            else:
                errors.append(
                    Error(
                        record.id,
                        "wrong actor",
                        g.type,
                        e.actor.name if e.actor else None,
                        record.text,
                        e.rule,
                        gold=g.actor,
                        resolution=e.actor.resolution if e.actor else None,
                    )
                )
            for name in ATTRIBUTES:
                if getattr(g, name) == getattr(e, name):
                    attr_ok[name] += 1
        for gi, g in enumerate(gold_events):
            if gi not in matched_gold and g.level in wanted:
                bump(g.type, 2)
                errors.append(Error(record.id, "miss", g.type, g.actor, record.text))
        for pi, e in enumerate(predicted):
            if pi not in matched_pred:
                bump(e.type, 1)
                errors.append(
                    Error(
                        record.id,
                        "false alarm",
                        e.type,
                        e.actor.name if e.actor else None,
                        record.text,
                        e.rule,
                    )
                )
    counts = {k: Counts(*v) for k, v in per_type.items()}
    micro = Counts(
        sum(c.tp for c in counts.values()),
        sum(c.fp for c in counts.values()),
        sum(c.fn for c in counts.values()),
    )
    return Report(
        per_type=counts,
        micro=micro,
        actor_accuracy=actor_ok / matched if matched else 0.0,
        attribute_accuracy={k: v / matched if matched else 0.0 for k, v in attr_ok.items()},
        matched=matched,
        records=len(records),
        errors=tuple(errors),
    )
