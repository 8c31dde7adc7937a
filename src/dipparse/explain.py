"""`dipparse explain`: which rules fired on a sentence, and which nearly did.

For each event it shows the rule, its trigger, the actor, target and content
with their spans, and the attributes. Then the near misses: rules whose
keywords occur but whose pattern did not match, whose ``unless`` pattern
vetoed them, whose trigger went to another rule, or whose actor could not be
found. Every span indexes the sentence as given.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
from attrs import frozen

from dipparse.arguments import Context
from dipparse.models import Actor, Event, Span
from dipparse.parser import Parser, coerce_published
from dipparse.patterns import TAG_NAMES
from dipparse.rules import Rule
from dipparse.tokens import Lexicon

_WORDS = regex.compile(r"[\p{L}\p{N}']+")


@frozen
class Outcome:
    """What one rule did with one match (or one sentence) of the text.

    ``kind`` is one of the outcomes of `Extractor.trace`; ``trigger`` is the
    trigger's span in the original text where the rule matched; ``detail`` is
    the winning rule's id for ``"lost"``, the actor finder for ``"no-actor"``.
    """

    kind: str
    rule: Rule
    sentence: Span
    trigger: Span | None
    detail: str


def build_context(parser: Parser, text: str, published: object = None) -> Context:
    """The `Context` that `Parser.parse` builds for ``text``, for diagnostics."""
    return parser.analyse(text, coerce_published(published))


def trace(parser: Parser, text: str, published: object = None) -> list[Outcome]:
    """What every candidate rule of ``parser`` did with ``text``, spans in ``text``."""
    ctx = build_context(parser, text, published)
    out = []
    for kind, rule, sentence, match, detail in parser.extractor.trace(ctx):
        trigger = ctx.norm.span(*match.span("trigger")) if match is not None else None
        out.append(Outcome(kind, rule, ctx.norm.span(*sentence), trigger, detail))
    return out


def explain(parser: Parser, sentence: str, published: object = None) -> str:
    """A readable account of which rules fired on ``sentence`` and which nearly did.

    ``published`` (a date or ISO date string) anchors relative dates as in
    `Parser.parse`. Raises `TypeError` when ``sentence`` is not a `str`.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"sentence must be str, not {type(sentence).__name__}")
    day = coerce_published(published)
    doc = parser.parse(sentence, published=day)
    outcomes = trace(parser, sentence, day)
    rules = {r.id: r for r in parser.rules}
    names = ", ".join(f"{rs.name} {rs.version}" for rs in parser.rulesets)
    lines = [f"Text: {sentence!r}", f"Rule sets: {names}"]

    lines.append("")
    lines.append(f"Fired ({len(doc.events)}):" if doc.events else "Fired: none")
    for event in doc.events:
        lines.extend(_event_lines(event, rules.get(event.rule)))

    blocked = [o for o in outcomes if o.kind == "blocked"]
    if blocked:
        lines.append("")
        lines.append(f"Blocked (kind 'none' rules that claimed their trigger: {len(blocked)}):")
        for o in blocked:
            lines.append(f"  {o.rule.id}: claimed {_span(o.trigger)}; no event")

    misses = [o for o in outcomes if o.kind not in ("fired", "blocked")]
    lines.append("")
    lines.append(f"Near misses ({len(misses)}):" if misses else "Near misses: none")
    for o in misses:
        lines.append(f"  {o.rule.id} ({o.rule.kind}): {_miss(o, rules, parser.lexicon)}")
    lines.extend(_phrase_lines(parser, build_context(parser, sentence, day)))
    return "\n".join(lines)


def _phrase_lines(parser: Parser, ctx: Context) -> list[str]:
    """The phrase layer that token rules match: tags, noun phrases, verb groups."""
    lines = ["", "Phrases (what token patterns see):"]
    tokens = ctx.tokens
    for sentence in ctx.windows:
        chunks = parser.extractor.chunks(ctx, sentence)
        words = [tokens.word(i) for i in range(chunks.first, chunks.last + 1)]
        names = {
            code: name for name, codes in TAG_NAMES.items() for code in codes if len(codes) == 1
        }
        tagged = " ".join(
            f"{w}/{names.get(t, 'PUNCT' if t in ',.:Q' else t)}"
            for w, t in zip(words, chunks.tags, strict=True)
        )
        lines.append(f"  tokens  {tagged}")
        for np in chunks.noun_phrases:
            lines.append(
                f"  NP      {_span(ctx.norm.span(tokens.starts[np.first], tokens.ends[np.last]))}"
            )
        for vg in chunks.verb_groups:
            features = [f"lemma {vg.lemma}", vg.tense]
            features += [f for f in ("negated", "passive", "hedged") if getattr(vg, f)]
            if vg.modal:
                features.append(f"modal {vg.modal}")
            span = ctx.norm.span(tokens.starts[vg.first], tokens.ends[vg.last])
            lines.append(f"  VG      {_span(span)} ({', '.join(features)})")
    return lines


def _event_lines(event: Event, rule: Rule | None) -> list[str]:
    where = f"{rule.source}:{rule.line}, priority {rule.priority}" if rule else "?"
    lines = [
        f"  {event.id} {event.type} by rule {event.rule} ({where})",
        f"    trigger   {_span(event.trigger)}",
        f"    actor     {_actor(event.actor)}",
        f"    target    {_actor(event.target)}",
        f"    content   {_span(event.content)}",
    ]
    if event.condition is not None:
        lines.append(f"    condition {_span(event.condition)}")
    if event.speaker is not None:
        lines.append(f"    speaker   {_actor(event.speaker)}")
    if event.source is not None:
        claimed = " (claimed by another party)" if event.claimed_by_other else ""
        lines.append(f"    source    {_actor(event.source)}{claimed}")
    flags = [
        name for name in ("negated", "hedged", "conditional", "quoted") if getattr(event, name)
    ]
    date = event.date.isoformat() if event.date else "-"
    if event.date_text is not None:
        date += f" (from {event.date_text.text!r})"
    lines.append(
        f"    attributes {', '.join(flags) or 'none'}; date {date}; topic {event.topic or '-'}; "
        f"CAMEO {event.cameo or '-'}; PLOVER {event.plover or '-'}"
        + (f" ({event.plover_mode})" if event.plover_mode else "")
    )
    return lines


def _span(span: Span | None) -> str:
    if span is None:
        return "-"
    return f"[{span.start}:{span.end}] {span.text!r}"


def _actor(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    country = actor.country if isinstance(actor.country, str | None) else "+".join(actor.country)
    about = ", ".join(x for x in (actor.kind, country, actor.role) if x)
    via = actor.source
    if actor.antecedent is not None:
        via += f" {_span(actor.antecedent)} by {actor.resolution}"
    return f"{_span(actor.span)} = {actor.name} ({about}; via {via})"


def _miss(o: Outcome, rules: dict[str, Rule], lexicon: Lexicon) -> str:
    at = _span(o.trigger)
    if o.kind == "lost":
        winner = rules.get(o.detail)
        why = (
            f"priority {winner.priority} vs {o.rule.priority}"
            if winner and winner.priority != o.rule.priority
            else "same priority; the longer trigger, then the earlier one, wins"
        )
        return f"matched {at} but rule {o.detail} kept that trigger ({why})"
    if o.kind == "no-actor":
        return (
            f"matched {at} but was dropped: no actor found "
            f"(actor finder {o.detail!r}; add the actor to a rule set's [[actors]], "
            "its head noun to [words] group_nouns, or give the pattern an actor: slot)"
        )
    if o.kind == "embedded":
        return f"matched {at} but was read as what {o.detail} asks for or refuses"
    if o.kind == "unless":
        return f"its unless pattern matched the sentence {o.sentence.text!r}"
    if o.kind == "timeout":
        return f"gave up after {o.detail} on the sentence: the pattern backtracks too much"
    found = _keywords_in(o.rule.keywords, o.sentence.text, lexicon)
    return f"its keywords {', '.join(found) or '?'} occur but its pattern did not match"


def _keywords_in(keywords: Sequence[str], text: str, lexicon: Lexicon) -> list[str]:
    """The keywords (lemmas) found in ``text``: "urge" in "urged"."""
    words = {lexicon.lemma(w.lower()) for w in _WORDS.findall(text)}
    return [repr(k) for k in dict.fromkeys(keywords) if k in words]


__all__ = ["Outcome", "build_context", "explain", "trace"]
