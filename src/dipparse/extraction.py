"""From rule matches to event mentions: arguments, attributes, codes.

`Extractor` is compiled once from the rule sets a `Parser` uses. For each
sentence it runs only the rules whose trigger words occur in it, keeps the
best match for each trigger, and fills the event: the actor (from the
subject, the possessor, a ``by``-agent or the quotation's speaker, anaphors
resolved against what came before), the target, the content, negation, hedges,
conditions, quotation and date, and the CAMEO / PLOVER codes of its topic.
"""

from __future__ import annotations

import itertools
import warnings
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property, partial
from typing import Any

import regex
from attrs import frozen

from dipparse.actors import Gazetteer
from dipparse.arguments import (
    ArgumentFinder,
    Context,
    clause_opener,
    clause_start,
    second_verb,
)
from dipparse.models import EVENT_CLASSES, Actor, Event, other_party
from dipparse.patterns import Encoded, TokenPattern, encode, shape_of, token_spans
from dipparse.phrases import HEDGE_MODALS, Chunks, VerbGroup, chunk, when_needs
from dipparse.quotes import partial_quote
from dipparse.rules import MATCH_TIMEOUT, Kind, Rule, Topic
from dipparse.tokens import Lexicon, tag

# "to see if", "asked whether": an "if" that asks rather than sets a condition.
_NOT_A_CONDITION = regex.compile(
    r"(?i)\b(?:see|ask|asked|asks|wonder\w*|know|knows|check|decide|determine|even|as|what)\s+if$"
)
# Between a governing trigger and its infinitive: "urged Rwanda to", "refused to".
# It spans at most ten words, so only the last few triggers kept can govern one.
_COMPLEMENT_GAP = regex.compile(
    r"(?i)(?:(?:\s+[^\s,;:\"]+){0,10}?\s+to)?\s+(?:(?-i:\p{Ll}\w*ly)\s+)?"
)
_CONDITION_STOP = regex.compile(r"[,;.!?\"]")
_INFINITIVE = regex.compile(r"(?i)\bto\s+(?:(?-i:\p{Ll}\w*ly)\s+)?$")
# How far (characters) from a trigger sentence-wide cues and restatements are looked
# for: a search of the whole sentence for every trigger is quadratic in its length.
_WINDOW = 600
# A rule with more pairs of words (first two, or any two) than this is found by its words
# alone.
_MOST_PAIRS = 256


@frozen
class Cues:
    """Compiled attribute cues (negation, hedges, conditions, reporting and claim verbs)."""

    negation: regex.Pattern[str]
    hedge: regex.Pattern[str]
    hedge_sentence: regex.Pattern[str]
    condition: regex.Pattern[str]
    reporting: regex.Pattern[str]
    # Reporting or claim verbs: whose subject is the source of an event after it.
    claiming: regex.Pattern[str]


def compile_cues(words: Mapping[str, Sequence[str]]) -> Cues:
    flags = regex.IGNORECASE | regex.VERSION0  # simple case folding: the same words, faster

    def cue(keys: Sequence[str], default: Sequence[str]) -> regex.Pattern[str]:
        """One pattern for the words of the lists ``keys`` (``default`` where none is given)."""
        given = [key for key in keys if key in words]
        found = [w for key in given for w in words[key]] if given else default
        items = sorted(dict.fromkeys(found), key=len, reverse=True)
        alternation = "|".join(regex.escape(i).replace("\\ ", r"\s+") for i in items)
        return regex.compile(
            r"(?<![\p{L}])(?:" + (alternation or r"(?!x)x") + r")(?![\p{L}])", flags
        )

    return Cues(
        negation=cue(["negation"], ["not", "never", "n't"]),
        hedge=cue(["hedges"], ["may", "might", "could"]),
        hedge_sentence=cue(["sentence_hedges"], ["reportedly"]),
        condition=cue(["conditions"], ["only if", "unless"]),
        reporting=cue(["reporting_verbs"], ["said", "told"]),
        claiming=cue(["reporting_verbs", "claim_verbs"], ["said", "told"]),
    )


@frozen
class Match:
    """One rule match in a sentence, before its event is built.

    ``spans`` holds the slots that took part (``trigger`` always), as offsets
    into the normalised text; ``verb_group`` the phrase layer's verb group that
    holds a token rule's trigger, where there is one.
    """

    rule: Rule
    spans: Mapping[str, tuple[int, int]]
    verb_group: VerbGroup | None = None
    group_start: int | None = None  # where ``verb_group`` starts in the text

    @property
    def trigger(self) -> tuple[int, int]:
        return self.spans["trigger"]

    @property
    def onset(self) -> int:
        """Where the statement's verb begins: its verb group's first word ("will" in
        "will not accept"), else the trigger's start."""
        t0 = self.spans["trigger"][0]
        return t0 if self.group_start is None else min(t0, self.group_start)

    def span(self, name: str) -> tuple[int, int]:
        """A slot's offsets, ``(-1, -1)`` when it took no part (as `regex.Match.span`)."""
        return self.spans.get(name, (-1, -1))

    def slot(self, name: str) -> tuple[int, int] | None:
        """A slot's offsets, or None when it took no part or is empty."""
        span = self.spans.get(name)
        return span if span is not None and span[0] < span[1] else None


class Layers:
    """The phrase layer of one sentence or window, built on first use and kept.

    ``chunks``: its tags, noun phrases and verb groups; ``encoded``: the string rules'
    token patterns run over; ``words``: the same with hyphenated words split, for topics.
    """

    def __init__(self, ctx: Context, sentence: tuple[int, int], lexicon: Lexicon) -> None:
        self._ctx = ctx
        self.sentence = sentence
        self._lexicon = lexicon

    @cached_property
    def chunks(self) -> Chunks:
        tokens = self._ctx.tokens
        first, last = self._ctx.token_range(*self.sentence)
        return chunk(tokens, tag(tokens, self._lexicon, first, last), first)

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """The lemmas of its tokens."""
        first, last = self._ctx.token_range(*self.sentence)
        return frozenset(self._ctx.tokens.lemmas[first:last])

    @cached_property
    def lowers(self) -> Sequence[str]:
        """The lower forms of its tokens, in order."""
        first, last = self._ctx.token_range(*self.sentence)
        return self._ctx.tokens.lowers[first:last]

    @cached_property
    def encoded(self) -> Encoded:
        return encode(self._ctx.tokens, self.chunks)

    @cached_property
    def _units_of(self) -> dict[str, list[int]]:
        """The units of each lemma's tokens in `encoded` (their numbers), in order."""
        lemmas, first = self._ctx.tokens.lemmas, self.encoded.first
        out: dict[str, list[int]] = {}
        for k in range(len(self.encoded.unit_starts)):
            out.setdefault(lemmas[first + k], []).append(k)
        return out

    def finditer(self, pattern: TokenPattern) -> Iterator[regex.Match[str]]:
        """The matches of a token pattern in `encoded`, as `_finditer` gives them.

        A pattern that knows the lemmas its matches start with is tried only at those
        tokens (and, when it knows the second token's lemmas too, only where one
        follows): the cost is a look-up per token, not a search of the sentence per rule.
        """
        encoded = self.encoded
        string = encoded.string
        if pattern.leading is None:
            yield from _finditer(pattern.regex, string)
            return
        units = self._units_of
        found = [units[lemma] for lemma in pattern.leading if lemma in units]
        if not found:
            return
        starts = found[0] if len(found) == 1 else sorted(k for ks in found for k in ks)
        unit_starts = encoded.unit_starts
        second = pattern.second
        if second is not None:
            lemmas, last, after = self._ctx.tokens.lemmas, len(unit_starts) - 1, encoded.first + 1
            starts = [k for k in starts if k < last and lemmas[after + k] in second]
        pos = 0
        for k in starts:
            start = unit_starts[k]
            if start < pos:
                continue
            m = pattern.regex.match(string, start, timeout=MATCH_TIMEOUT)
            if m is not None:
                yield m
                pos = m.end()

    @cached_property
    def words(self) -> Encoded:
        """As `encoded`, with hyphenated words split into their parts: for topics."""
        return encode(self._ctx.tokens, self.chunks, self._lexicon)


# What one candidate rule did in one sentence: its matches, or why it has none.
_Tried = tuple[Rule, list[Match], str | None]


class Extractor:
    """Applies compiled rules to a document's sentences and builds event mentions."""

    def __init__(
        self,
        rules: Sequence[Rule],
        kinds: Mapping[str, Kind],
        topics: Sequence[Topic],
        cues: Cues,
        gazetteer: Gazetteer,
        lexicon: Lexicon,
        event_classes: Mapping[str, type[Event]] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.rules = tuple(rules)
        by_lemma: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for lemma in rule.keywords:
                by_lemma.setdefault(lemma, []).append(i)
        # The one document-wide trigger scan looks every token's lemma up here.
        self._by_lemma = {w: tuple(v) for w, v in by_lemma.items()}
        # The rules whose first two words are known (`TokenPattern.second`), else two
        # words that stand together in every match (`TokenPattern.pairs`), by each pair
        # of them: such a rule can match only where a pair stands in a sentence.
        by_pair: dict[tuple[str, str], list[int]] = {}
        for i, rule in enumerate(self.rules):
            for pair in _pairs(rule.token_pattern):
                by_pair.setdefault(pair, []).append(i)
        self._by_pair = {pair: tuple(v) for pair, v in by_pair.items()}
        self._paired = frozenset(i for v in by_pair.values() for i in v)
        # The words a sentence holds where a rule's pattern can match (None: no token
        # pattern), and with them those without which no verb group meets its ``when``.
        self._needs = {
            r.id: r.token_pattern.needs if r.token_pattern is not None else None for r in self.rules
        }
        self._pruned_needs = {
            r.id: None if needs is None else (*needs, *when_needs(r.when, lexicon))
            for r, needs in zip(self.rules, self._needs.values(), strict=True)
        }
        # The rules whose matches each hold a token that one of some regexes fully
        # matches (`TokenPattern.shapes`); the regexes are compiled when first needed.
        self._shaped = frozenset(
            r.id for r in self.rules if r.token_pattern is not None and r.token_pattern.shapes
        )
        self._shapes: dict[str, regex.Pattern[str]] = {}
        self.kinds = dict(kinds)
        self.topics = {t.name: t for t in topics}
        self._topic_order = tuple(topics)
        self.cues = cues
        self.gazetteer = gazetteer
        self.arguments = ArgumentFinder(gazetteer, cues.reporting, cues.claiming)
        self.event_classes = dict(EVENT_CLASSES)
        if event_classes:
            self.event_classes.update(event_classes)

    # -- matching -------------------------------------------------------------

    def candidates(
        self, ctx: Context, first: int, last: int, *, pruned: bool = False
    ) -> list[Rule]:
        """The rules whose trigger lemmas occur in tokens ``first`` to ``last - 1``.

        ``pruned``: without the rules whose first two words, or two words every match
        holds (when known), do not stand one after the other there, which cannot match.
        """
        found: set[int] = set()
        lemmas = ctx.tokens.lemmas
        # The look-ups are mapped over the tokens; only the hits (a few) are looped over.
        for hit in filter(None, map(self._by_lemma.get, lemmas[first:last])):
            found.update(hit)
        if pruned and not self._paired.isdisjoint(found):
            paired: set[int] = set()
            pairs = zip(lemmas[first : last - 1], lemmas[first + 1 : last], strict=True)
            for hit in filter(None, map(self._by_pair.get, pairs)):
                paired.update(hit)
            found -= self._paired - paired
        return [self.rules[i] for i in sorted(found)]

    def layers(self, ctx: Context, sentence: tuple[int, int]) -> Layers:
        """The phrase layer of one sentence or window, built when first asked for."""
        return Layers(ctx, sentence, self.lexicon)

    def chunks(self, ctx: Context, sentence: tuple[int, int]) -> Chunks:
        """The phrase layer of one sentence (tags, noun phrases, verb groups)."""
        return self.layers(ctx, sentence).chunks

    def tried(
        self,
        ctx: Context,
        sentence: tuple[int, int],
        layers: Layers | None = None,
        *,
        pruned: bool = False,
    ) -> list[_Tried]:
        """Every candidate rule of a sentence with its matches, or why it has none.

        ``pruned``: a rule that cannot match there is left out when its first two
        words do not stand one after the other (see `candidates`), and is not tried
        when no verb group of the sentence can meet its ``when`` (it lacks the words,
        see `when_needs`): it has no matches and no reason (not ``"when"``).
        """
        first, last = ctx.token_range(*sentence)
        rules = self.candidates(ctx, first, last, pruned=pruned)
        if not rules:
            return []
        return self._tried(ctx, rules, layers or self.layers(ctx, sentence), pruned)

    def _tried(
        self, ctx: Context, rules: Sequence[Rule], layers: Layers, pruned: bool
    ) -> list[_Tried]:
        lemmas = layers.lemmas
        # A rule that needs a word the sentence lacks cannot match: when no rule is left,
        # the sentence need not be chunked.
        needs = self._pruned_needs if pruned else self._needs
        viable = [_holds(lemmas, needs[r.id]) for r in rules]
        if pruned and not self._shaped.isdisjoint(r.id for r in rules):
            # Nor can one whose /regex/ element takes none of the sentence's tokens.
            viable = [
                can and (r.id not in self._shaped or _taken(self._shape(r), layers.lowers))
                for r, can in zip(rules, viable, strict=True)
            ]
        if not any(viable):
            return [(rule, [], None) for rule in rules]
        tokens, chunks, encoded = ctx.tokens, layers.chunks, layers.encoded
        out: list[_Tried] = []
        for rule, can in zip(rules, viable, strict=True):
            pattern = rule.token_pattern
            assert pattern is not None
            if not can:
                out.append((rule, [], None))
                continue
            unless = rule.unless_tokens
            try:
                if (
                    unless is not None
                    and _holds(lemmas, unless.needs)
                    and next(layers.finditer(unless), None) is not None
                ):
                    out.append((rule, [], "unless"))
                    continue
                found: list[Match] = []
                matched = False
                for m in layers.finditer(pattern):
                    spans = token_spans(encoded, m, pattern.slots)
                    if "trigger" not in spans:
                        continue
                    matched = True
                    t_first, t_end = spans["trigger"]
                    # The verb group of the trigger's first token, else its last: "agreed"
                    # in "agreed in principle to provide", "expects" in "expects Tehran to
                    # agree".
                    group = chunks.verb_group_at(t_first) or chunks.verb_group_at(t_end - 1)
                    if group is not None and t_first <= group.first and group.head < t_end:
                        # The trigger is the group's head, not its auxiliaries and adverbs:
                        # "rejected" in "has firmly rejected" (they are read as features).
                        spans["trigger"] = (group.head, t_end)
                    chars = {
                        name: (tokens.starts[a], tokens.ends[b - 1])
                        for name, (a, b) in spans.items()
                    }
                    if _satisfies(rule.when, group):
                        g0 = tokens.starts[group.first] if group is not None else None
                        found.append(Match(rule, chars, group, g0))
                out.append((rule, found, "when" if matched and not found else None))
            except TimeoutError:
                warnings.warn(
                    f"rule {rule.id!r} ({rule.source}:{rule.line}) gave up after "
                    f"{MATCH_TIMEOUT}s on one sentence; it may backtrack catastrophically",
                    RuntimeWarning,
                    stacklevel=2,
                )
                ctx.timeouts.append(("rule-timeout", rule.id, *layers.sentence))
                out.append((rule, [], "timeout"))
        return out

    def _shape(self, rule: Rule) -> regex.Pattern[str]:
        """The regex of a rule's `TokenPattern.shapes`, compiled on first use."""
        shape = self._shapes.get(rule.id)
        if shape is None:
            assert rule.token_pattern is not None
            compiled = shape_of(rule.token_pattern)
            assert compiled is not None
            shape = self._shapes[rule.id] = compiled
        return shape

    def matches(
        self, ctx: Context, sentence: tuple[int, int], layers: Layers | None = None
    ) -> list[Match]:
        """All rule matches in a sentence, the best one kept per trigger."""
        return _best(self.tried(ctx, sentence, layers, pruned=True), sentence)

    # -- events -----------------------------------------------------------------

    def extract(self, ctx: Context) -> list[Event]:
        """Event mentions of a document, in text order (ids are ``m1``, ``m2``, ...)."""
        events: list[Event] = []
        text = ctx.norm.text
        for s_start, s_end in ctx.windows:
            layers = self.layers(ctx, (s_start, s_end))
            kept = self.matches(ctx, (s_start, s_end), layers)
            built: list[tuple[Match, dict[str, Any]]] = []
            for i, match in enumerate(kept):
                if not match.rule.emits or self._embedded(match, kept[max(0, i - 16) : i], text):
                    continue
                if match.rule.actor != "possessor" and _in_condition(
                    text, s_start, match.trigger[0]
                ):
                    continue
                fields = self._fields(ctx, match, (s_start, s_end), layers)
                if fields is not None:
                    built.append((match, fields))
            self._attach_conditions(ctx, built, (s_start, s_end))
            self._attach_dates(ctx, built, (s_start, s_end))
            for match, fields in _without_repeats(text, built):
                cls = self.event_classes.get(match.rule.kind, Event)
                events.append(cls(id=f"m{len(events) + 1}", **fields))
        return events

    def _embedded(self, match: Match, before: Sequence[Match], text: str) -> bool:
        """A verb in the infinitive after a demand or refusal is what is demanded or refused."""
        t0 = match.trigger[0]
        if not _INFINITIVE.search(text, max(0, t0 - 20), t0):
            return False
        return any(
            b.rule.emits and _COMPLEMENT_GAP.fullmatch(text, b.trigger[1], t0) is not None
            for b in before
        )

    def _fields(
        self,
        ctx: Context,
        match: Match,
        sentence: tuple[int, int],
        layers: Layers,
    ) -> dict[str, Any] | None:
        norm, text = ctx.norm, ctx.norm.text
        rule, m = match.rule, match
        t0, t1 = match.trigger
        quote = ctx.quote_at(t0)
        scope = (quote.content_start, quote.content_end) if quote else sentence
        if quote is not None and partial_quote(text, quote):
            scope = sentence  # 'India "has never accepted" mediation': the subject is outside
        scope = (max(scope[0], sentence[0]), min(scope[1], sentence[1]))

        group = match.verb_group
        # A verb-group trigger is reported as its head; its subject stands before the
        # whole group ("Belgium ... but would reject it").
        a0 = match.onset
        actor_mention = self.arguments.actor(
            ctx, rule.actor, m.slot("actor"), (a0, t1), sentence, scope, quote, layers.chunks
        )
        actor = self.arguments.resolve(ctx, actor_mention, quote) if actor_mention else None
        if actor is not None and rule.actor == "subject" and m.slot("actor") is None:
            # "Nebenzia said Western delegations had refused": the noun phrase right
            # before the verb group is its subject, not a known actor further back; but
            # not "its envoy" after "It said": the owner named before is the actor.
            phrase = self.arguments.subject_phrase(ctx, layers.chunks, t0)
            if (
                phrase is not None
                and actor_mention is not None
                and actor_mention.end < phrase.start
                and self.lexicon.closed.get(phrase.name.split()[0].lower()) != "P"
            ):
                actor_mention, actor = phrase, self.arguments.resolve(ctx, phrase, quote)
        if actor is None and rule.actor in ("subject", "agent", "possessor"):
            # Every actor kept: an actor the gazetteer does not know is its noun phrase
            # (for a nominal trigger its by-agent: "Calls by Georgian opposition parties").
            phrase = (
                self.arguments.subject_phrase(ctx, layers.chunks, t0)
                or self.arguments.main_subject_phrase(ctx, layers.chunks, a0, scope)
                or self.arguments.modified_subject_phrase(ctx, layers.chunks, a0, scope)
                if rule.actor == "subject"
                else self.arguments.agent_phrase(ctx, layers.chunks, t1)
            )
            if phrase is not None:
                actor_mention, actor = phrase, self.arguments.resolve(ctx, phrase, quote)
        if actor_mention is None and rule.actor != "none":
            return None
        if actor is None and rule.actor != "none":
            return None

        content = m.slot("content") or self.arguments.content(text, t1, scope[1])
        content = _without_trailing_date(ctx, content)
        clause = clause_start(text, scope[0], t0)
        if (
            rule.kind == "demand"
            and rule.actor == "speaker"
            and content is not None
            and m.slot("content") is None
        ):
            # "X must do Y": what is demanded includes X.
            content = (
                clause + len(text[clause : content[1]]) - len(text[clause : content[1]].lstrip()),
                content[1],
            )
        target_mention = self.arguments.target(
            ctx, m.slot("target"), t1, content, actor_mention, scope
        )
        target = self.arguments.resolve(ctx, target_mention, quote) if target_mention else None
        if target is not None and actor is not None and target.name == actor.name:
            target = None

        verb_start = actor_mention.end if actor_mention and actor_mention.end <= t0 else scope[0]
        verb_start = max(verb_start, clause_start(text, scope[0], t0))
        # The words before the verb group: its own are read as its features.
        gap = text[verb_start:a0]
        # The verb group's own words: after the last comma or coordination ("X said ...,
        # dismissing"; "X would not become ... and turned down").
        gap = gap[max(gap.rfind(","), gap.rfind(" and "), gap.rfind(" but "), gap.rfind(";")) + 1 :]
        if rule.actor == "possessor":
            gap = ""  # "has yet to respond to an offer": the verb is not the offer's
        # The verb group's own "not", or a negation cue before it ("has yet to accept");
        # a rule that asks for a negated group ("will not accept" as a rejection) has
        # used the negation up.
        negated = rule.negated or (
            rule.when.get("negated") is not True
            and ((group is not None and group.negated) or bool(self.cues.negation.search(gap)))
        )
        # A sentence-wide hedge ("reportedly") within _WINDOW of the trigger: searching
        # the whole sentence for every trigger is quadratic in a very long sentence.
        # A rule that names the group's modal ("could not accept" as a refusal) has used
        # it up, as a negated one its negation.
        hedged = (
            (
                group is not None
                and group.hedged
                and not ("modal" in rule.when and group.modal in HEDGE_MODALS)
            )
            or bool(self.cues.hedge.search(gap))
            or bool(
                self.cues.hedge_sentence.search(
                    text, max(sentence[0], t0 - _WINDOW), min(sentence[1], t1 + _WINDOW)
                )
            )
        )
        topic = self._topic(ctx, rule, text, layers, (t0, t1), content, clause, a0)
        kind = self.kinds.get(rule.kind)
        cameo = (
            rule.cameo
            or (topic.codes.get(rule.kind) if topic else None)
            or (kind.cameo if kind else None)
        )
        condition = content if rule.conditional and content else m.slot("condition")
        speaker = None
        if quote is not None and quote.speaker is not None:
            speaker = self.arguments.resolve(ctx, quote.speaker, None)
        source_mention = self.arguments.source(ctx, actor_mention, (a0, t1), sentence, quote)
        source = None
        if source_mention is not None:
            source = (
                speaker
                if quote is not None and source_mention is quote.speaker
                else self.arguments.resolve(ctx, source_mention, None)
            )
        return {
            "type": rule.kind,
            "trigger": norm.span(t0, t1),
            "sentence": norm.span(*sentence),
            "rule": rule.id,
            "actor": actor,
            "target": target,
            "content": norm.span(*content) if content else None,
            "negated": negated,
            "hedged": hedged,
            "conditional": rule.conditional or condition is not None,
            "condition": norm.span(*condition) if condition else None,
            "quoted": quote is not None,
            "speaker": speaker,
            "source": source,
            "claimed_by_other": bool(source and actor and other_party(source, actor)),
            "topic": topic.name if topic else None,
            "cameo": cameo,
            "plover": rule.plover or (kind.plover if kind else None),
            "plover_mode": topic.plover_mode if topic else None,
        }

    # -- arguments ----------------------------------------------------------------

    def _topic(
        self,
        ctx: Context,
        rule: Rule,
        text: str,
        layers: Layers,
        trigger: tuple[int, int],
        content: tuple[int, int] | None,
        clause: int,
        verb: int,
    ) -> Topic | None:
        """The topic named earliest in the trigger and content, else in the clause before.

        The clause before is read up to the start of the trigger's verb group
        (``verb``), so that "did not accept" and "accepted" see the same words.
        """
        if rule.topic:
            return self.topics.get(rule.topic)
        start = min(trigger[0], content[0]) if content else trigger[0]
        end = max(trigger[1], content[1]) if content else trigger[1]
        # Before the verb group, only its own clause's words: not a leading condition
        # ("Only if the ceasefire holds, X accepted ..." is about no ceasefire).
        floor = max(clause, verb - 40)
        floor = max(floor, text.rfind(",", floor, verb) + 1)
        words = layers.words
        encoded = words.string
        for probe_start, probe_end in ((start, end), (floor, verb)):
            lo, hi = words.between(probe_start, probe_end)
            if lo >= hi:
                continue
            best: tuple[int, Topic] | None = None
            # A topic none of whose strings stand in the words cannot match there.
            part = encoded[lo:hi]
            for topic in self._topic_order:
                assert topic.token_pattern is not None
                fragments = topic.token_pattern.fragments
                if fragments is not None and not any(f in part for f in fragments):
                    continue
                try:
                    hit = topic.token_pattern.regex.search(encoded, lo, hi, timeout=MATCH_TIMEOUT)
                except TimeoutError:
                    # Searched under the same time limit as a rule, and reported the same way.
                    warnings.warn(
                        f"topic {topic.name!r} gave up after {MATCH_TIMEOUT}s on one sentence; "
                        "its pattern may backtrack catastrophically",
                        RuntimeWarning,
                        stacklevel=2,
                    )
                    ctx.timeouts.append(("topic-timeout", topic.name, probe_start, probe_end))
                    continue
                if hit is not None and (best is None or hit.start() < best[0]):
                    best = (hit.start(), topic)
            if best is not None:
                return best[1]
        return None

    # -- resolution -----------------------------------------------------------------

    # -- attributes attached per sentence ---------------------------------------------

    def _attach_conditions(
        self, ctx: Context, built: list[tuple[Match, dict[str, Any]]], sentence: tuple[int, int]
    ) -> None:
        if not built:
            return
        text = ctx.norm.text
        nearest = _nearest_fields(built)
        for cue in self.cues.condition.finditer(text, sentence[0], sentence[1]):
            if _NOT_A_CONDITION.search(text, max(sentence[0], cue.start() - 12), cue.end()):
                continue
            # A condition holds a clause's verb before a noun inside it ("accepted the
            # proposal only if ..."), as a date does.
            fields = nearest(cue.start())
            if fields["condition"] is not None:
                continue
            ceiling = min(sentence[1], cue.end() + _WINDOW)
            stop = _CONDITION_STOP.search(text, cue.end(), ceiling)
            end = stop.start() if stop else ceiling
            fields["conditional"] = True
            fields["condition"] = ctx.norm.span(cue.start(), end)

    def _attach_dates(
        self, ctx: Context, built: list[tuple[Match, dict[str, Any]]], sentence: tuple[int, int]
    ) -> None:
        if not built:
            return
        nearest = _nearest_fields(built)
        for d in ctx.dates_in(sentence[0], sentence[1]):
            if d.end > sentence[1]:
                continue
            # A date modifies the clause's verb before a noun inside it ("rejected the
            # US proposal on Monday": the rejection happened on Monday).
            fields = nearest(d.start)
            if fields.get("date_text") is None:
                fields["date_text"] = ctx.norm.span(d.start, d.end)
                fields["date"] = d.date

    # -- diagnostics (for `dipparse explain` and `dipparse rules check`) -------------

    def trace(self, ctx: Context) -> list[tuple[str, Rule, tuple[int, int], Match | None, str]]:
        """What each candidate rule did in each sentence, for diagnostics.

        One ``(outcome, rule, sentence, match, detail)`` per rule and match.
        Outcomes: ``"fired"`` (it built an event), ``"blocked"`` (a kind-``none``
        rule claimed its trigger), ``"embedded"`` (read as what an earlier demand or
        rejection asks or refuses; detail: that rule's id), ``"no-actor"`` (detail:
        the actor finder), ``"lost"`` (another match kept an overlapping trigger;
        detail: its rule id), ``"unless"`` (the rule's ``unless`` pattern matched),
        ``"when"`` (a token rule matched but its trigger's verb group broke a
        ``when`` constraint), ``"no-match"`` (its keywords occur but its pattern did
        not match) and ``"timeout"``. It runs the same matching as `extract`.
        """
        out: list[tuple[str, Rule, tuple[int, int], Match | None, str]] = []
        text = ctx.norm.text
        for sentence in ctx.windows:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                layers = self.layers(ctx, sentence)
                tried = self.tried(ctx, sentence, layers)
            kept = _best(tried, sentence)
            for i, match in enumerate(kept):
                rule = match.rule
                if not rule.emits:
                    out.append(("blocked", rule, sentence, match, ""))
                elif self._embedded(match, kept[max(0, i - 16) : i], text):
                    outer = [b for b in kept[:i] if b.rule.kind in ("demand", "rejection")]
                    detail = outer[-1].rule.id if outer else ""
                    out.append(("embedded", rule, sentence, match, detail))
                elif self._fields(ctx, match, sentence, layers) is None:
                    out.append(("no-actor", rule, sentence, match, rule.actor))
                else:
                    out.append(("fired", rule, sentence, match, ""))
            for rule, found, why in tried:
                if why == "unless":
                    out.append(("unless", rule, sentence, None, rule.unless or ""))
                elif why == "timeout":
                    out.append(("timeout", rule, sentence, None, f"{MATCH_TIMEOUT}s"))
                elif why == "when":
                    shown = ", ".join(
                        f"{k} = {'|'.join(v) if isinstance(v, tuple) else str(v).lower()}"
                        for k, v in rule.when.items()
                    )
                    out.append(("when", rule, sentence, None, shown))
                elif not found and rule.keywords:
                    out.append(("no-match", rule, sentence, None, ""))
                for m in found:
                    s, e = m.trigger
                    winner = next((k for k in kept if s < k.trigger[1] and k.trigger[0] < e), None)
                    if winner is not None and winner.rule.id != rule.id:
                        out.append(("lost", rule, sentence, m, winner.rule.id))
        return out


def _best(tried: Sequence[_Tried], sentence: tuple[int, int]) -> list[Match]:
    """The matches of a sentence's rules, the best one kept per trigger, in text order."""
    start, end = sentence
    found = [m for _, ms, _ in tried for m in ms]
    found.sort(key=lambda f: (-f.rule.priority, -(f.trigger[1] - f.trigger[0]), f.trigger[0]))
    kept: list[Match] = []
    # One byte per character of the sentence marks the triggers kept so far: a
    # check costs the trigger's length, not the number kept (linear, not quadratic).
    taken = bytearray(end - start)
    for f in found:
        s, e = f.trigger
        if 1 in taken[s - start : e - start]:
            continue
        kept.append(f)
        taken[s - start : e - start] = b"\x01" * (e - s)
    kept.sort(key=lambda f: f.trigger[0])
    return kept


def _nearest_fields(
    built: Sequence[tuple[Match, dict[str, Any]]],
) -> Callable[[int], dict[str, Any]]:
    """A look-up of the event whose trigger is nearest a position, a verb's before a noun's.

    What a date or a condition attaches to: the nearest event whose actor is not a
    possessor ("rejected the US proposal on Monday"), else the nearest of all. Found
    by bisection over the triggers (in text order), not by comparing every event
    with every cue, which is quadratic in a sentence of thousands of statements.
    """
    verbal = [b for b in built if b[0].rule.actor != "possessor"] or list(built)
    starts = [b[0].trigger[0] for b in verbal]

    def nearest(pos: int) -> dict[str, Any]:
        i = bisect_left(starts, pos)
        if i == len(starts) or (i > 0 and pos - starts[i - 1] <= starts[i] - pos):
            i -= 1  # the earlier of two equally near, as min() over the list gave
        return verbal[i][1]

    return nearest


def _pairs(pattern: TokenPattern | None) -> Iterable[tuple[str, str]]:
    """The pairs of words one of which stands together in every match of ``pattern``
    (none when they are not known, or too many to index)."""
    if pattern is None:
        return ()
    if pattern.leading is not None and pattern.second is not None:
        if len(pattern.leading) * len(pattern.second) <= _MOST_PAIRS:
            return itertools.product(pattern.leading, pattern.second)
        return ()
    if pattern.pairs is not None and len(pattern.pairs) <= _MOST_PAIRS:
        return pattern.pairs
    return ()


def _taken(shape: regex.Pattern[str], lowers: Sequence[str]) -> bool:
    """Whether ``shape`` fully matches one of the lower forms; True when it cannot tell
    within `MATCH_TIMEOUT` (the rule's own search then gives up, and says so)."""
    try:
        return any(map(partial(shape.fullmatch, timeout=MATCH_TIMEOUT), lowers))
    except TimeoutError:
        return True


def _holds(lemmas: frozenset[str], needs: Sequence[frozenset[str]] | None) -> bool:
    """The sentence's lemmas meet each of a pattern's sets (None: there is no pattern)."""
    return needs is not None and not any(map(lemmas.isdisjoint, needs))


def _satisfies(when: Mapping[str, bool | tuple[str, ...]], group: VerbGroup | None) -> bool:
    """A token rule's ``when`` constraints hold for its trigger's verb group."""
    if not when:
        return True
    if group is None:
        return False
    for key, want in when.items():
        have = getattr(group, key)
        if key == "modal" and have is None:
            have = "none"  # 'modal = ["will", "none"]': "will not accept", "does not accept"
        if isinstance(want, tuple):
            if have not in want:
                return False
        elif have != want:
            return False
    return True


def _finditer(pattern: regex.Pattern[str], string: str) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(string)``, with the time limit on each search, not on them all:
    a window dense with matches (and the work done on each) is not cut short on a busy
    machine; only a search that backtracks without end is (`TimeoutError`)."""
    pos, end = 0, len(string)
    while pos <= end:
        m = pattern.search(string, pos, timeout=MATCH_TIMEOUT)
        if m is None:
            return
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


def _without_repeats(
    text: str, built: list[tuple[Match, dict[str, Any]]]
) -> list[tuple[Match, dict[str, Any]]]:
    """Drop "X rejected Y, calling it absurd": a participle restating the same event."""
    out: list[tuple[Match, dict[str, Any]]] = []
    for match, fields in built:
        t0 = match.onset
        coordinated, participle = second_verb(text, 0, t0)
        content = fields["content"]
        pronoun = content is None or _ANAPHORIC_CONTENT.match(content.text) is not None
        restates = pronoun and (participle or coordinated)
        # Only the events kept in the last _WINDOW characters: comparing with
        # every earlier one is quadratic in a sentence of thousands of clauses.
        recent: list[tuple[Match, dict[str, Any]]] = []
        for kept in reversed(out):
            if kept[0].trigger[1] <= t0 - _WINDOW:
                break
            recent.append(kept)
        repeat = any(
            f["type"] == fields["type"]
            and _same_actor(f["actor"], fields["actor"])
            and m.trigger[1] <= t0
            and (
                restates
                or (
                    f["content"] is not None
                    and f["content"].start <= fields["trigger"].start < f["content"].end
                    and fields["type"] == "demand"
                )
            )
            for m, f in recent
        )
        if repeat:
            continue
        if participle and not restates and fields["type"] == "rejection":
            # "Ali said he would not negotiate over Essequibo, rejecting Caracas's
            # proposal": one rejection, told by the participle with what is rejected
            # (a refusal in a negated verb group before it is the same statement).
            out = [
                (m, f)
                for m, f in out
                if not (
                    f["type"] == "rejection"
                    and f["sentence"] == fields["sentence"]
                    and _same_actor(f["actor"], fields["actor"])
                    and m.trigger[1] <= t0
                    and m.verb_group is not None
                    and m.verb_group.negated
                )
            ]
        out.append((match, fields))
    return out


_ANAPHORIC_CONTENT = regex.compile(
    r"(?i)(?:it|them|this|that|the\s+(?:offer|proposal|plan|idea|invitation|demand|request|call|move"
    r"|initiative|deal|measure|decision|ruling|claim|claims|allegations?|report|reports))\b"
)


def _without_trailing_date(ctx: Context, content: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "the proposal on March 3": the date is the event's, not part of what is proposed."""
    if content is None:
        return None
    for d in ctx.dates_in(content[0], content[1]):
        if d.start > content[0] and d.end >= content[1] - 1:
            end = d.start
            while end > content[0] and ctx.norm.text[end - 1].isspace():
                end -= 1
            return (content[0], end) if end > content[0] else None
    return content


def _whole_words(text: str, start: int, end: int) -> bool:
    """A trigger is made of whole words: "urge" is not found inside "surge"."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and not (
        after.isalnum() and text[end - 1].isalnum()
    )


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    if a.countries and b.countries:
        return set(a.countries) == set(b.countries)
    return a.name == b.name


def _in_condition(text: str, floor: int, pos: int) -> bool:
    """The trigger sits in an "if"/"unless" clause: it is the condition, not an event."""
    opener = clause_opener(text, floor, pos)
    if opener is None or opener.group().lower() not in ("if", "unless", "whether", "once"):
        return False
    return "," not in text[opener.end() : pos]
