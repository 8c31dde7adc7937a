"""From rule matches to event mentions: arguments, attributes, codes.

`Extractor` is compiled once from the rule sets a `Parser` uses. For each
sentence it runs only the rules whose trigger words occur in it, keeps the
best match for each trigger, and fills the event: the actor (from the
subject, the possessor, a ``by``-agent or the quotation's speaker, anaphors
resolved against what came before), the target, the content, negation, hedges,
conditions, quotation and date, and the CAMEO / PLOVER codes of its topic.
"""

from __future__ import annotations

import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

import regex
from attrs import evolve, field, frozen

from dipparse.actors import ANAPHOR, PLACE, Gazetteer, Mention
from dipparse.dates import DateMention
from dipparse.models import EVENT_CLASSES, Actor, Event
from dipparse.quotes import QuoteSpan
from dipparse.rules import MATCH_TIMEOUT, Kind, Rule, Topic
from dipparse.text import NormalisedText

_WORDS = regex.compile(r"[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*")
_PREPOSITIONS = frozenset(
    """
    with from to of in on at by for against between among toward towards about over into
    including like than after before following amid despite under within without across
    behind beyond near upon via per through during regarding concerning
    """.split()
)
_CLAUSE_BOUNDARY = regex.compile(
    r"""(?ix)
    (?P<rel>,\s*(?:which|who|whose|whom)\b)
    | \b(?:that|which|who|while|whereas|but|because|although|though|when|whether|if|unless
         |once|until|saying|adding|stressing|noting|insisting|warning)\b
    | [;:()]
    | \s-\s
    """
)
_VERB_GROUP = regex.compile(
    r"""(?ix)^(?:
        \s+ | ,\s* | ' | "
      | \b(?:has|have|had|is|are|was|were|will|would|shall|should|could|can|may|might|must
            |did|does|do|not|n't|never|also|again|once|already|now|then|still|just|too|yet
            |reportedly|formally|officially|publicly|swiftly|quickly|immediately|firmly
            |strongly|flatly|categorically|promptly|later|earlier|previously|repeatedly
            |been|being|be|to|ready|prepared|willing|set|expected|likely|said|says|it|that
            |both|all|each|itself|themselves|himself|herself|finally|eventually|apparently
            |on|in|at|during|last|this|next|late|early|monday|tuesday|wednesday|thursday
            |friday|saturday|sunday|week|month|year|weekend|morning|evening|night|afternoon
            |today|yesterday|tonight|a|an|the|statement|post|letter|speech|interview|briefing
            |press|conference|news|televised|address|written|joint|separate|official
            |\w+ly|\d+(?:st|nd|rd|th)?|january|february|march|april|may|june|july|august
            |september|october|november|december)\b
    )*$"""
)
_PARENTHETICAL = regex.compile(r",[^,;\"]{1,80},")
_COORDINATION = regex.compile(
    r"(?i)(?:,?\s+(?:and|but|or)|,)\s+"
    r"(?:\w+ly\s+|also\s+|then\s+|later\s+|eventually\s+|finally\s+|subsequently\s+|soon\s+)*$"
)
_GERUND_PREP = regex.compile(r"(?i)\b(?:for|after|over|by|on)\s+$")
_CONTENT_STOP = regex.compile(
    r"""(?ix)
    [;:.!?"(\[,]
    | \s+and\s+that\b
    | \s-\s
    | \b(?:which\s+(?:he|she|it|they)|amid|despite|according\s+to)\b
    | \s(?:only\s+if|if|unless|provided|providing|as\s+long\s+as|so\s+long\s+as|on\s+condition
          |in\s+exchange\s+for|in\s+return\s+for)\b
    | \s(?:and|but)\s+(?:said|says|added|urged|called|offered|accepted|rejected|appreciated
           |warned|stressed|noted|insisted|demanded|welcomed|refused|agreed)\b
    """
)
_BY_AGENT = regex.compile(r"(?i)^\s*(?:\S+\s+){0,6}?by\s+(?:the\s+)?$")
_FROM_AGENT = regex.compile(r"(?i)^\s*(?:\S+\s+){0,3}?(?:from|by|of)\s+(?:the\s+)?$")
_RELATIVE = regex.compile(
    r"(?i)(?:,\s*|\s)(?:which|who|that)\s+(?:\w+ly\s+)?(?:(?:has|have|had|would|will)\s+)?$"
)
_PARTICIPLE_COMMA = regex.compile(r",\s*(?:\w+ly\s+)?$")
# What follows a mention in subject position: a verb ("said", "appeared", "has").
_SUBJECT_NEXT = regex.compile(
    r"(?:\s*,[^,]{1,60},)?\s+(?:\w+ly\s+)?"
    r"(?:has|have|had|is|are|was|were|will|would|may|might|could|can|did|does|said|says"
    r"|told|\w+ed|\w+s)\b"
)
# "urged Tokyo to honour its pledge": the object of the first verb is the infinitive's subject.
_OBJECT_CONTROL = regex.compile(r"(?i)\s+to\s+\w+(?:\s+\w+){0,3}?\s+")
# Words after which an "-ing" trigger still has the clause's subject.
_GERUND_OK = frozenset(
    "and but or while after before by for without of in on also was were is are been be "
    "not never then again still repeatedly firmly publicly formally officially".split()
)
# "adopted a resolution demanding": a text that speaks for its author.
_SPEECH_NOUNS = frozenset(
    "resolution statement communique communiqué declaration letter motion text note".split()
)
_NOT_MODIFIERS = frozenset(
    "a an the to of for from by with and or but that this is are was were has have had".split()
)
_SUBORDINATORS = frozenset("after before since until as once because with while when".split())
_DETERMINER_BEFORE = regex.compile(r"(?i)\b(?:a|an|the|its|this|that|their)\s+$")
# Up to two modifier words, then the trigger noun: "a Ukrainian ceasefire proposal".
_ADJECTIVES_BEFORE = regex.compile(
    r"(?<![\p{L}-])(?P<adj>\p{Lu}[\p{L}]+(?:-\p{Lu}[\p{L}]+)*)(?:-(?:brokered|backed|drafted|led|proposed|sponsored|mediated))?"
    r"(?:\s+[\p{Ll}\d][\p{L}\d-]*){0,2}\s+$"
)
_POSSESSOR_GAP = regex.compile(r"^(?:\s*[\p{Lu}\p{N}][\p{L}\p{N}-]*){0,3}\s*$|^\s*$")
_ADJ_GAP = regex.compile(r"(?i)^\s*(?:[\p{L}-]+\s+){0,2}$")
_AGENT_LEAD = regex.compile(r"(?i)(?:from|by)\s+(?:the\s+)?(?:former\s+)?\p{Lu}")
# "to see if", "asked whether": an "if" that asks rather than sets a condition.
_NOT_A_CONDITION = regex.compile(
    r"(?i)\b(?:see|ask|asked|asks|wonder\w*|know|knows|check|decide|determine|even|as|what)\s+if$"
)
# How far back from a trigger its clause opener is looked for (characters).
_CLAUSE_WINDOW = 600
# Between a governing trigger and its infinitive: "urged Rwanda to", "refused to".
# It spans at most ten words, so only the last few triggers kept can govern one.
_COMPLEMENT_GAP = regex.compile(r"(?i)(?:(?:\s+[^\s,;:\"]+){0,10}?\s+to)?\s+(?:\w+ly\s+)?")
_NON_SPACE = regex.compile(r"\S+")
_CONDITION_STOP = regex.compile(r"[,;.!?\"]")
_CONTENT_LEAD = regex.compile(r"(?i)(?:to|on|for|of|that)\s+")
_LETTER = regex.compile(r"\p{L}")
_INFINITIVE = regex.compile(r"(?i)\bto\s+(?:\w+ly\s+)?$")


@frozen
class Cues:
    """Compiled attribute cues (negation, hedges, conditions, reporting verbs)."""

    negation: regex.Pattern[str]
    hedge: regex.Pattern[str]
    hedge_sentence: regex.Pattern[str]
    condition: regex.Pattern[str]
    reporting: regex.Pattern[str]


def compile_cues(words: Mapping[str, Sequence[str]]) -> Cues:
    def alternation(key: str, default: Sequence[str]) -> str:
        items = sorted(words.get(key, default), key=len, reverse=True)
        return "|".join(regex.escape(i).replace("\\ ", r"\s+") for i in items) or r"(?!x)x"

    flags = regex.IGNORECASE | regex.VERSION1
    return Cues(
        negation=regex.compile(
            r"(?<![\p{L}])(?:" + alternation("negation", ["not", "never", "n't"]) + r")(?![\p{L}])",
            flags,
        ),
        hedge=regex.compile(
            r"(?<![\p{L}])(?:" + alternation("hedges", ["may", "might", "could"]) + r")(?![\p{L}])",
            flags,
        ),
        hedge_sentence=regex.compile(
            r"(?<![\p{L}])(?:" + alternation("sentence_hedges", ["reportedly"]) + r")(?![\p{L}])",
            flags,
        ),
        condition=regex.compile(
            r"(?<![\p{L}])(?:" + alternation("conditions", ["only if", "unless"]) + r")(?![\p{L}])",
            flags,
        ),
        reporting=regex.compile(
            r"(?<![\p{L}])(?:" + alternation("reporting_verbs", ["said", "told"]) + r")(?![\p{L}])",
            flags,
        ),
    )


@frozen
class Match:
    """One rule match in a sentence, before its event is built."""

    rule: Rule
    match: regex.Match[str]

    @property
    def trigger(self) -> tuple[int, int]:
        span: tuple[int, int] = self.match.span("trigger")
        return span


@frozen
class Context:
    """What extraction needs to know about one document."""

    norm: NormalisedText
    sentences: Sequence[tuple[int, int]]
    mentions: Sequence[Mention]
    quotes: Sequence[QuoteSpan]
    dates: Sequence[DateMention]
    _starts: list[int] = field(init=False, repr=False, eq=False)
    _quote_starts: list[int] = field(init=False, repr=False, eq=False)
    _date_starts: list[int] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_starts", [m.start for m in self.mentions])
        object.__setattr__(self, "_quote_starts", [q.content_start for q in self.quotes])
        object.__setattr__(self, "_date_starts", [d.start for d in self.dates])

    def dates_in(self, start: int, end: int) -> Sequence[DateMention]:
        """Date mentions that start in ``[start, end)``."""
        return self.dates[
            bisect_left(self._date_starts, start) : bisect_left(self._date_starts, end)
        ]

    def between(self, start: int, end: int) -> Sequence[Mention]:
        """Mentions that start in ``[start, end)``, in order (a slice, not a scan)."""
        return self.mentions[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def quote_at(self, pos: int) -> QuoteSpan | None:
        """The quotation whose words hold ``pos``, if any."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and self.quotes[i].content_start <= pos < self.quotes[i].content_end:
            return self.quotes[i]
        return None


class Extractor:
    """Applies compiled rules to a document's sentences and builds event mentions."""

    def __init__(
        self,
        rules: Sequence[Rule],
        kinds: Mapping[str, Kind],
        topics: Sequence[Topic],
        cues: Cues,
        gazetteer: Gazetteer,
        event_classes: Mapping[str, type[Event]] | None = None,
    ) -> None:
        self.rules = tuple(rules)
        self.kinds = dict(kinds)
        self.topics = {t.name: t for t in topics}
        self._topic_order = tuple(topics)
        self.cues = cues
        self.gazetteer = gazetteer
        self.event_classes = dict(EVENT_CLASSES)
        if event_classes:
            self.event_classes.update(event_classes)
        index: dict[str, list[int]] = {}
        prefixes: dict[str, list[int]] = {}
        always: list[int] = []
        for i, rule in enumerate(self.rules):
            if rule.keywords:
                for word in rule.keywords:
                    if word.endswith("*"):
                        prefixes.setdefault(word[:-1], []).append(i)
                    else:
                        index.setdefault(word, []).append(i)
            else:
                always.append(i)
        self._index = {w: tuple(v) for w, v in index.items()}
        self._prefixes = tuple((p, tuple(v)) for p, v in prefixes.items())
        self._always = tuple(always)

    # -- matching -------------------------------------------------------------

    def candidate_rules(self, sentence: str) -> list[Rule]:
        """The rules whose trigger words occur in ``sentence`` (plus keyword-less ones)."""
        found: set[int] = set(self._always)
        index = self._index
        lowered = sentence.lower()
        for word in _WORDS.findall(lowered):
            hit = index.get(word)
            if hit:
                found.update(hit)
            if word.endswith("n't"):  # "don't" -> "do", as the patterns spell it
                hit = index.get(word[:-3])
                if hit:
                    found.update(hit)
        for prefix, rules in self._prefixes:
            if prefix in lowered:
                found.update(rules)
        return [self.rules[i] for i in sorted(found)]

    def matches(self, text: str, start: int, end: int) -> list[Match]:
        """All rule matches in ``text[start:end]``, the best one kept per trigger."""
        found: list[Match] = []
        for rule in self.candidate_rules(text[start:end]):
            try:
                if rule.unless_regex is not None and rule.unless_regex.search(
                    text, start, end, timeout=MATCH_TIMEOUT
                ):
                    continue
                for m in rule.regex.finditer(text, start, end, timeout=MATCH_TIMEOUT):
                    t0, t1 = m.span("trigger")
                    if t0 < t1 and _whole_words(text, t0, t1):
                        found.append(Match(rule, m))
            except TimeoutError:
                warnings.warn(
                    f"rule {rule.id!r} ({rule.source}:{rule.line}) gave up after "
                    f"{MATCH_TIMEOUT}s on one sentence; it may backtrack catastrophically",
                    RuntimeWarning,
                    stacklevel=2,
                )
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

    # -- events -----------------------------------------------------------------

    def extract(self, ctx: Context) -> list[Event]:
        """Event mentions of a document, in text order (ids are ``m1``, ``m2``, ...)."""
        events: list[Event] = []
        text = ctx.norm.text
        for s_start, s_end in ctx.sentences:
            kept = self.matches(text, s_start, s_end)
            built: list[tuple[Match, dict[str, Any]]] = []
            for i, match in enumerate(kept):
                if not match.rule.emits or self._embedded(match, kept[max(0, i - 16) : i], text):
                    continue
                if match.rule.actor != "possessor" and _in_condition(
                    text, s_start, match.trigger[0]
                ):
                    continue
                fields = self._fields(ctx, match, (s_start, s_end))
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
        self, ctx: Context, match: Match, sentence: tuple[int, int]
    ) -> dict[str, Any] | None:
        norm, text = ctx.norm, ctx.norm.text
        rule, m = match.rule, match.match
        t0, t1 = match.trigger
        quote = ctx.quote_at(t0)
        scope = (quote.content_start, quote.content_end) if quote else sentence
        if quote is not None and _partial_quote(text, quote):
            scope = sentence  # 'India "has never accepted" mediation': the subject is outside
        scope = (max(scope[0], sentence[0]), min(scope[1], sentence[1]))

        actor_mention = self._find_actor(ctx, match, sentence, scope, quote)
        if actor_mention is None and rule.actor != "none":
            return None
        actor = self.resolve(ctx, actor_mention, quote) if actor_mention else None
        if actor is None and rule.actor != "none":
            return None

        content = _group_span(m, "content") or self._content(text, t1, scope[1])
        content = _without_trailing_date(ctx, content)
        clause = _clause_start(text, scope[0], t0)
        if (
            rule.kind == "demand"
            and rule.actor == "speaker"
            and content is not None
            and _group_span(m, "content") is None
        ):
            # "X must do Y": what is demanded includes X.
            content = (
                clause + len(text[clause : content[1]]) - len(text[clause : content[1]].lstrip()),
                content[1],
            )
        target_mention = self._find_target(ctx, match, content, actor_mention, scope)
        target = self.resolve(ctx, target_mention, quote) if target_mention else None
        if target is not None and actor is not None and target.name == actor.name:
            target = None

        verb_start = actor_mention.end if actor_mention and actor_mention.end <= t0 else scope[0]
        verb_start = max(verb_start, _clause_start(text, scope[0], t0))
        gap = text[verb_start:t0]
        # The verb group's own words: after the last comma or coordination ("X said ...,
        # dismissing"; "X would not become ... and turned down").
        gap = gap[max(gap.rfind(","), gap.rfind(" and "), gap.rfind(" but "), gap.rfind(";")) + 1 :]
        if rule.actor == "possessor":
            gap = ""  # "has yet to respond to an offer": the verb is not the offer's
        negated = rule.negated or bool(self.cues.negation.search(gap))
        hedged = bool(self.cues.hedge.search(gap)) or bool(
            self.cues.hedge_sentence.search(text, sentence[0], sentence[1])
        )
        topic = self._topic(rule, text, (t0, t1), content, clause)
        kind = self.kinds.get(rule.kind)
        cameo = (
            rule.cameo
            or (topic.codes.get(rule.kind) if topic else None)
            or (kind.cameo if kind else None)
        )
        condition = content if rule.conditional and content else _group_span(m, "condition")
        speaker = None
        if quote is not None and quote.speaker is not None:
            speaker = self.resolve(ctx, quote.speaker, None)
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
            "topic": topic.name if topic else None,
            "cameo": cameo,
            "plover": rule.plover or (kind.plover if kind else None),
            "plover_mode": topic.plover_mode if topic else None,
        }

    # -- arguments ----------------------------------------------------------------

    def _find_actor(
        self,
        ctx: Context,
        match: Match,
        sentence: tuple[int, int],
        scope: tuple[int, int],
        quote: QuoteSpan | None,
    ) -> Mention | None:
        rule, m, text = match.rule, match.match, ctx.norm.text
        t0, t1 = match.trigger
        slot = _group_span(m, "actor")
        if slot is not None:
            inside = [x for x in ctx.between(slot[0], slot[1]) if x.end <= slot[1]]
            if inside:
                return inside[0]
            return Mention(slot[0], slot[1], " ".join(text[slot[0] : slot[1]].split()), "group")
        finder = rule.actor
        if finder == "none":
            return None
        if finder == "possessor":
            return self._possessor(ctx, t0, t1, scope)
        if finder == "agent":
            return self._agent(ctx, t1, scope)
        if finder == "object":
            return _first_actor(ctx.between(t1, scope[1]), t1, scope[1])
        if finder == "speaker":
            return self._speaker(ctx, t0, sentence, quote)
        return self._subject(ctx, t0, scope, sentence)

    def _subject(
        self, ctx: Context, t0: int, scope: tuple[int, int], sentence: tuple[int, int]
    ) -> Mention | None:
        """The actor in subject position of the verb at ``t0``, by the rules below."""
        text = ctx.norm.text
        in_scope = [x for x in ctx.between(scope[0], t0) if x.end <= t0 and x.kind != PLACE]
        if ctx.quote_at(t0) is None:
            # Outside a quotation, a mention inside one is not the subject.
            in_scope = [x for x in in_scope if ctx.quote_at(x.start) is None]
        if not in_scope:
            return None
        gerund = (
            text[t0 : t0 + 40].split()[0].lower().endswith("ing") if text[t0 : t0 + 1] else False
        )
        window = max(scope[0], t0 - 40)
        # "..., which demanded": the relative pronoun stands for the mention before it.
        relative = _RELATIVE.search(text, window, t0)
        if relative is not None:
            before = [x for x in in_scope if x.end <= relative.start()]
            if before and relative.start() - before[-1].end < 40:
                return before[-1]
        # "praised India and Pakistan for agreeing": the object of the first verb.
        prep = _GERUND_PREP.search(text, max(scope[0], t0 - 8), t0) if gerund else None
        if prep is not None:
            before = [x for x in in_scope if x.end <= prep.start()]
            if before:
                return before[-1]
        clause = _clause_start(text, scope[0], t0)
        if gerund:
            previous = _WORDS.findall(text[max(scope[0], t0 - 30) : t0])
            last = [x for x in in_scope if x.end <= t0]
            if last and not text[last[-1].end : t0].strip():
                return last[-1]  # "a letter from Trump proposing talks"
            tail = text[max(scope[0], t0 - 30) : t0]
            if (
                previous
                and "," not in tail[tail.rfind(previous[-1]) :]
                and previous[-1].islower()
                and previous[-1] not in _GERUND_OK
                and previous[-1] not in _SPEECH_NOUNS
            ):
                return None  # "the talks endorsing the plan": a noun's modifier
        # The nearest mention whose words up to the trigger are a verb group.
        for x in reversed(in_scope):
            if x.start < clause:
                break
            if x.possessive:
                continue
            gap = _PARENTHETICAL.sub(" ", text[x.end : t0])
            if gerund and "," in gap:
                break  # "X did Y, rejecting Z": a participle of the main clause
            if gap.lstrip().startswith(","):
                # "Lazzarini, head of the UN agency, rejected": x closes an apposition.
                head = _apposition_head(text, in_scope, x)
                if head is not None and _VERB_GROUP.match(
                    _PARENTHETICAL.sub(" ", text[head.end : t0])
                ):
                    return head
            if _VERB_GROUP.match(gap) and _subject_position(text, x, gerund):
                return x
            break
        candidates = [x for x in in_scope if x.start >= clause and not _after_preposition(text, x)]
        lead = [x for x in in_scope if not _after_preposition(text, x) and not x.possessive]
        coordinated = _COORDINATION.search(text, window, t0) is not None
        if coordinated or (gerund and _PARTICIPLE_COMMA.search(text, window, t0)):
            # "X praised Y ... and offered", "X rejected Y, dismissing Z": the main subject.
            in_clause = [x for x in lead if x.start >= clause]
            return in_clause[0] if in_clause else (lead[0] if lead else None)
        if not candidates:
            return None
        plain = [x for x in candidates if not x.possessive and x.kind != ANAPHOR]
        plain = plain or [x for x in candidates if x.kind == ANAPHOR]
        return plain[0] if plain else None

    def _possessor(self, ctx: Context, t0: int, t1: int, scope: tuple[int, int]) -> Mention | None:
        """The owner of a nominal trigger: "Turkey's offer", "a US offer", "an offer from X"."""
        text = ctx.norm.text
        adjective = self._demonym_before(text, t0, scope[0])
        if adjective is not None and isinstance(adjective.country, tuple):
            return adjective  # "a Saudi-US initiative": both
        before = [x for x in ctx.between(scope[0], t0) if x.end <= t0 and x.kind != PLACE]
        if before:
            last = before[-1]
            gap = text[last.end : t0]
            if last.possessive and (_POSSESSOR_GAP.match(gap) or _possessor_adjectives(gap)):
                return last
            if not last.possessive and last.kind != ANAPHOR and _noun_modifier(text, last, gap):
                return last
        if adjective is not None:
            return adjective
        return self._agent(ctx, t1, scope, from_too=True)

    def _demonym_before(self, text: str, t0: int, floor: int) -> Mention | None:
        """ "a Ukrainian proposal", "the Egyptian-Qatari plan": the states the adjective names."""
        head = _ADJECTIVES_BEFORE.search(text, max(floor, t0 - 60), t0)
        if head is None:
            return None
        between = text[head.end("adj") : t0].split()
        if any(w.lower() in _NOT_MODIFIERS for w in between):
            return None
        found: list[tuple[str, str | None]] = []
        for word in head.group("adj").split("-"):
            known = self.gazetteer.lookup(word)
            if known is None or known[1] is None:
                return None
            if between and not self.gazetteer.is_demonym(word):
                return None  # "Kyiv studied an offer": a name is a modifier only right before
            found.append(known)
        if not found:
            return None
        codes = tuple(dict.fromkeys(c for _, c in found if c))
        name = " and ".join(n for n, _ in found)
        start, end = head.span("adj")
        return Mention(
            start,
            end,
            name,
            "state",
            codes[0] if len(codes) == 1 else codes,
            source="demonym",
        )

    def _agent(
        self, ctx: Context, t1: int, scope: tuple[int, int], *, from_too: bool = False
    ) -> Mention | None:
        text = ctx.norm.text
        pattern = _FROM_AGENT if from_too else _BY_AGENT
        for x in ctx.between(t1, min(scope[1], t1 + 81)):
            if x.kind == PLACE:
                continue
            if pattern.match(text[t1 : x.start]):
                return x
        return None

    def _speaker(
        self, ctx: Context, t0: int, sentence: tuple[int, int], quote: QuoteSpan | None
    ) -> Mention | None:
        text = ctx.norm.text
        if quote is not None:
            return quote.speaker
        verbs = list(self.cues.reporting.finditer(text, sentence[0], t0))
        if verbs:
            verb = verbs[-1]
            return self._subject(ctx, verb.start(), sentence, sentence)
        after = self.cues.reporting.search(text, t0, sentence[1])
        if after is not None:
            tail = [
                x
                for x in ctx.between(max(t0, after.start() - 60), sentence[1])
                if x.end <= sentence[1] and x.kind != PLACE
            ]
            if tail:
                return min(
                    tail,
                    key=lambda x: min(abs(x.start - after.end()), abs(after.start() - x.end)),
                )
        return None

    def _find_target(
        self,
        ctx: Context,
        match: Match,
        content: tuple[int, int] | None,
        actor: Mention | None,
        scope: tuple[int, int],
    ) -> Mention | None:
        slot = _group_span(match.match, "target")
        if slot is not None:
            inside = [x for x in ctx.between(slot[0], slot[1]) if x.end <= slot[1]]
            return inside[0] if inside else None
        t1 = match.trigger[1]
        stop = content[1] if content else min(scope[1], t1 + 60)
        for x in ctx.between(t1, stop):
            if x.kind == PLACE:
                continue
            if actor is not None and (x.name == actor.name or x is actor):
                continue
            if x.kind == ANAPHOR and x.anaphor not in ("joint", "government"):
                continue
            return x
        return None

    def _content(self, text: str, t1: int, end: int) -> tuple[int, int] | None:
        start = t1
        while start < end and text[start] == " ":
            start += 1
        if start >= end or _AGENT_LEAD.match(text, start, end):
            return None
        stop = _CONTENT_STOP.search(text, start, end)
        stop_at = stop.start() if stop else end
        words = list(_NON_SPACE.finditer(text, start, stop_at))
        if len(words) > 18:
            stop_at = words[17].end()
        while stop_at > start and not text[stop_at - 1].isalnum() and text[stop_at - 1] not in ")'":
            stop_at -= 1
        if stop_at <= start:
            return None
        lead = _CONTENT_LEAD.match(text, start, stop_at)
        if lead and stop_at > lead.end():
            start = lead.end()
        return (start, stop_at)

    def _topic(
        self,
        rule: Rule,
        text: str,
        trigger: tuple[int, int],
        content: tuple[int, int] | None,
        clause: int,
    ) -> Topic | None:
        """The topic named earliest in the trigger and content, else in the clause before."""
        if rule.topic:
            return self.topics.get(rule.topic)
        start = min(trigger[0], content[0]) if content else trigger[0]
        end = max(trigger[1], content[1]) if content else trigger[1]
        for probe_start, probe_end in ((start, end), (max(clause, trigger[0] - 40), trigger[0])):
            best: tuple[int, Topic] | None = None
            for topic in self._topic_order:
                hit = _topic_search(topic, text, probe_start, probe_end)
                if hit is not None and (best is None or hit.start() < best[0]):
                    best = (hit.start(), topic)
            if best is not None:
                return best[1]
        return None

    # -- resolution -----------------------------------------------------------------

    def resolve(self, ctx: Context, mention: Mention, quote: QuoteSpan | None) -> Actor | None:
        """The `Actor` a mention stands for, anaphors resolved; None when unresolved."""
        norm = ctx.norm
        span = norm.span(mention.start, mention.end)
        if mention.possessive and norm.text[mention.end - 1 : mention.end] in ("'", "s"):
            tail = norm.text[mention.end - 2 : mention.end]
            trimmed = mention.end - (2 if tail == "'s" else 1 if tail.endswith("'") else 0)
            span = norm.span(mention.start, trimmed)
        if mention.kind != ANAPHOR:
            kind = (
                mention.kind
                if mention.kind in ("state", "leader", "official", "organisation", "group")
                else "group"
            )
            return Actor(
                span=span,
                name=mention.name,
                kind=kind,  # type: ignore[arg-type]
                country=mention.country,
                role=mention.role,
                source=mention.source,
            )
        antecedent = self._antecedent(ctx, mention, quote)
        if antecedent is None:
            if mention.anaphor not in ("joint", "speaker"):
                return None
            return Actor(span=span, name=span.text, kind="group", source="anaphor")
        return Actor(
            span=span,
            name=antecedent.name,
            kind=antecedent.kind,
            country=antecedent.country,
            role=antecedent.role,
            source="anaphor",
        )

    def _antecedent(self, ctx: Context, mention: Mention, quote: QuoteSpan | None) -> Actor | None:
        kind = mention.anaphor
        if kind == "speaker":
            if quote is not None and quote.speaker is not None and quote.speaker is not mention:
                return self.resolve(ctx, quote.speaker, None)
            return None
        back = 30 if kind == "joint" else 3
        window_start = _sentence_back(ctx.sentences, mention.start, back)
        earlier = [
            x
            for x in ctx.between(window_start, mention.start)
            if x.end <= mention.start and x.kind != PLACE
        ]
        if quote is not None and quote.speaker is not None:
            earlier = [x for x in earlier if x is not quote.speaker]

        def pick(test: Any) -> Actor | None:
            # The nearest subject in the sentence first ("Bamako said it...", "Hamas
            # appeared to reject the US proposal, saying it..."), then the nearest mention.
            sentence_start = _sentence_back(ctx.sentences, mention.start, 0)
            text = ctx.norm.text
            for x in reversed(earlier):
                if x.start < sentence_start:
                    break
                if x.possessive:
                    continue
                if _OBJECT_CONTROL.fullmatch(text, x.end, mention.start) and x.kind != ANAPHOR:
                    return self.resolve(ctx, x, None)  # "urged Tokyo to honour its pledge"
                if _after_preposition(text, x) or kind == "joint":
                    continue
                if _SUBJECT_NEXT.match(text, x.end):
                    if x.kind == ANAPHOR:
                        # "the junta said it...": the nearest subject decides, even unresolved.
                        return self.resolve(ctx, x, None) if x.anaphor != kind else None
                    if test(x):
                        return self.resolve(ctx, x, None)
            for x in reversed(earlier):
                if x.kind != ANAPHOR and not x.possessive and test(x):
                    return self.resolve(ctx, x, None)
            return None

        if kind == "joint":
            found = pick(lambda x: len(x.countries) > 1 or bool(x.members))
            if found is not None:
                return found
            states: list[Mention] = []
            for x in reversed(earlier):
                if x.kind == "state" and x.country and all(x.country != s.country for s in states):
                    states.append(x)
                if len(states) == 2:
                    break
            if len(states) == 2:
                first, second = states[1], states[0]
                return Actor(
                    span=ctx.norm.span(mention.start, mention.end),
                    name=f"{first.name} and {second.name}",
                    kind="state",
                    country=(*first.countries, *second.countries),
                    source="anaphor",
                )
            return None
        if kind == "person":
            return pick(lambda x: x.is_person)
        if kind == "group":
            return pick(lambda x: x.kind in ("group", "organisation") and not x.possessive)
        if kind == "plural":
            return pick(lambda x: len(x.countries) > 1 or x.kind in ("group", "organisation"))
        if kind == "government":
            found = pick(lambda x: x.kind == "state" or (x.is_person and x.country))
            if found is not None and found.kind != "state" and isinstance(found.country, str):
                name = self.gazetteer.state(found.country)
                if name:
                    return evolve(found, name=name, kind="state", role=None)
            return found
        return pick(lambda x: x.kind in ("state", "organisation", "group"))

    # -- attributes attached per sentence ---------------------------------------------

    def _attach_conditions(
        self, ctx: Context, built: list[tuple[Match, dict[str, Any]]], sentence: tuple[int, int]
    ) -> None:
        if not built:
            return
        text = ctx.norm.text
        for cue in self.cues.condition.finditer(text, sentence[0], sentence[1]):
            if _NOT_A_CONDITION.search(text, max(sentence[0], cue.start() - 12), cue.end()):
                continue
            nearest = min(built, key=lambda b: abs(b[0].trigger[0] - cue.start()))
            fields = nearest[1]
            if fields["condition"] is not None:
                continue
            stop = _CONDITION_STOP.search(text, cue.end(), sentence[1])
            end = stop.start() if stop else sentence[1]
            fields["conditional"] = True
            fields["condition"] = ctx.norm.span(cue.start(), end)

    def _attach_dates(
        self, ctx: Context, built: list[tuple[Match, dict[str, Any]]], sentence: tuple[int, int]
    ) -> None:
        if not built:
            return
        for d in ctx.dates_in(sentence[0], sentence[1]):
            if d.end > sentence[1]:
                continue
            # A date modifies the clause's verb before a noun inside it ("rejected the
            # US proposal on Monday": the rejection happened on Monday).
            nearest = min(
                built,
                key=lambda b: (b[0].rule.actor == "possessor", abs(b[0].trigger[0] - d.start)),
            )
            fields = nearest[1]
            if fields.get("date_text") is None:
                fields["date_text"] = ctx.norm.span(d.start, d.end)
                fields["date"] = d.date

    # -- diagnostics (for `dipparse explain` and `dipparse rules check`) -------------

    def trace(
        self, ctx: Context
    ) -> list[tuple[str, Rule, tuple[int, int], regex.Match[str] | None, str]]:
        """What each candidate rule did in each sentence, for diagnostics.

        One ``(outcome, rule, sentence, match, detail)`` per rule and match.
        Outcomes: ``"fired"`` (it built an event), ``"blocked"`` (a kind-``none``
        rule claimed its trigger), ``"embedded"`` (read as what an earlier demand or
        rejection asks or refuses; detail: that rule's id), ``"no-actor"`` (detail:
        the actor finder), ``"lost"`` (another match kept an overlapping trigger;
        detail: its rule id), ``"unless"`` (the rule's ``unless`` pattern matched),
        ``"no-match"`` (its keywords occur but its pattern did not match) and
        ``"timeout"``. It runs the same matching as `extract`, twice as slowly.
        """
        out: list[tuple[str, Rule, tuple[int, int], regex.Match[str] | None, str]] = []
        text = ctx.norm.text
        for sentence in ctx.sentences:
            s_start, s_end = sentence
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                kept = self.matches(text, s_start, s_end)
            for i, match in enumerate(kept):
                rule = match.rule
                if not rule.emits:
                    out.append(("blocked", rule, sentence, match.match, ""))
                elif self._embedded(match, kept[max(0, i - 16) : i], text):
                    outer = [b for b in kept[:i] if b.rule.kind in ("demand", "rejection")]
                    detail = outer[-1].rule.id if outer else ""
                    out.append(("embedded", rule, sentence, match.match, detail))
                elif self._fields(ctx, match, sentence) is None:
                    out.append(("no-actor", rule, sentence, match.match, rule.actor))
                else:
                    out.append(("fired", rule, sentence, match.match, ""))
            for rule in self.candidate_rules(text[s_start:s_end]):
                try:
                    if rule.unless_regex is not None and rule.unless_regex.search(
                        text, s_start, s_end, timeout=MATCH_TIMEOUT
                    ):
                        out.append(("unless", rule, sentence, None, rule.unless or ""))
                        continue
                    found = [
                        m
                        for m in rule.regex.finditer(text, s_start, s_end, timeout=MATCH_TIMEOUT)
                        if m.start("trigger") < m.end("trigger")
                    ]
                except TimeoutError:
                    out.append(("timeout", rule, sentence, None, f"{MATCH_TIMEOUT}s"))
                    continue
                if not found and rule.keywords:
                    out.append(("no-match", rule, sentence, None, ""))
                for m in found:
                    s, e = m.span("trigger")
                    winner = next((k for k in kept if s < k.trigger[1] and k.trigger[0] < e), None)
                    if winner is not None and winner.rule.id != rule.id:
                        out.append(("lost", rule, sentence, m, winner.rule.id))
        return out


def _without_repeats(
    text: str, built: list[tuple[Match, dict[str, Any]]]
) -> list[tuple[Match, dict[str, Any]]]:
    """Drop "X rejected Y, calling it absurd": a participle restating the same event."""
    out: list[tuple[Match, dict[str, Any]]] = []
    for match, fields in built:
        t0 = match.trigger[0]
        participle = _PARTICIPLE_COMMA.search(text, max(0, t0 - 40), t0) is not None and text[
            t0 : t0 + 40
        ].split()[0].lower().endswith("ing")
        content = fields["content"]
        pronoun = content is None or _ANAPHORIC_CONTENT.match(content.text) is not None
        repeat = any(
            f["type"] == fields["type"]
            and _same_actor(f["actor"], fields["actor"])
            and m.trigger[1] <= t0
            and (
                (
                    pronoun
                    and (participle or _COORDINATION.search(text, max(0, t0 - 40), t0) is not None)
                )
                or (
                    f["content"] is not None
                    and f["content"].start <= fields["trigger"].start < f["content"].end
                    and fields["type"] == "demand"
                )
            )
            for m, f in out
        )
        if not repeat:
            out.append((match, fields))
    return out


_ANAPHORIC_CONTENT = regex.compile(
    r"(?i)(?:it|them|this|that|the\s+(?:offer|proposal|plan|idea|invitation|demand|request|call|move"
    r"|initiative|deal|measure|decision|ruling|claim|claims|allegations?|report|reports))\b"
)


# Adjectives between a possessor and its noun: "Trump's renewed offer".
_POSSESSED_ADJECTIVES = frozenset(
    "renewed revised repeated updated latest new fresh earlier previous initial final formal "
    "informal official generous surprise controversial proposed unprecedented".split()
)


def _possessor_adjectives(gap: str) -> bool:
    words = gap.split()
    return 0 < len(words) <= 2 and all(w.lower() in _POSSESSED_ADJECTIVES for w in words)


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


def _partial_quote(text: str, quote: QuoteSpan) -> bool:
    """A quoted phrase inside a sentence ("it "categorically rejects" the demand")."""
    first = _LETTER.search(text, quote.content_start, quote.content_start + 5)
    return first is not None and first.group().islower()


def _topic_search(topic: Topic, text: str, start: int, end: int) -> regex.Match[str] | None:
    """A topic's pattern searched under the same time limit as a rule's (None on timeout)."""
    try:
        return topic.regex.search(text, start, end, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        warnings.warn(
            f"topic {topic.name!r} gave up after {MATCH_TIMEOUT}s on one sentence; "
            "it may backtrack catastrophically",
            RuntimeWarning,
            stacklevel=2,
        )
        return None


def _group_span(m: regex.Match[str], name: str) -> tuple[int, int] | None:
    if name not in m.re.groupindex:
        return None
    start, end = m.span(name)
    if start < 0 or end <= start:
        return None
    return (start, end)


def _clause_start(text: str, floor: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last boundary not closed again."""
    opener = _clause_opener(text, floor, pos)
    return opener.end() if opener is not None else floor


def _clause_opener(text: str, floor: int, pos: int) -> regex.Match[str] | None:
    """The boundary that opens the clause holding ``pos`` ("that", "if", ";"...)."""
    last = None
    # A clause opener further back than _CLAUSE_WINDOW characters is not looked for:
    # scanning from the sentence start for every trigger is quadratic in a long sentence.
    for b in _CLAUSE_BOUNDARY.finditer(text, max(floor, pos - _CLAUSE_WINDOW), pos):
        if b.group("rel") is not None and text.find(",", b.end(), pos) >= 0:
            continue  # ", which ..., " closed before pos: the main clause goes on
        last = b
    return last


def _in_condition(text: str, floor: int, pos: int) -> bool:
    """The trigger sits in an "if"/"unless" clause: it is the condition, not an event."""
    opener = _clause_opener(text, floor, pos)
    if opener is None or opener.group().lower() not in ("if", "unless", "whether", "once"):
        return False
    return "," not in text[opener.end() : pos]


def _apposition_head(text: str, mentions: Sequence[Mention], closing: Mention) -> Mention | None:
    """The mention before ", <apposition including closing>,", if there is one."""
    comma = text.rfind(",", max(0, closing.start - 80), closing.start)
    if comma < 0:
        return None
    before = [m for m in mentions if m.end <= comma and not text[m.end : comma].strip()]
    return before[-1] if before else None


def _subject_position(text: str, mention: Mention, gerund: bool) -> bool:
    """Not inside a prepositional phrase, unless the word before opens a clause."""
    words = _WORDS.findall(text[max(0, mention.start - 20) : mention.start])
    if not words or words[-1].lower() not in _PREPOSITIONS:
        return True
    word = words[-1].lower()
    return word in _SUBORDINATORS and (word != "with" or gerund)


def _noun_modifier(text: str, mention: Mention, gap: str) -> bool:
    """ "US offer", "the EU peace proposal": a name used as a modifier of the trigger."""
    if not gap.strip():
        return not _after_preposition(text, mention) or bool(
            _DETERMINER_BEFORE.search(text, max(0, mention.start - 8), mention.start)
        )
    return (
        bool(_ADJ_GAP.match(gap))
        and len(gap.split()) <= 2
        and bool(_DETERMINER_BEFORE.search(text, max(0, mention.start - 8), mention.start))
    )


def _after_preposition(text: str, mention: Mention) -> bool:
    words = _WORDS.findall(text[max(0, mention.start - 20) : mention.start])
    if not words:
        return False
    return words[-1].lower() in _PREPOSITIONS


def _first_actor(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    for x in mentions:
        if start <= x.start < end and x.kind not in (PLACE, ANAPHOR):
            return x
    return None


def _sentence_back(sentences: Sequence[tuple[int, int]], pos: int, back: int) -> int:
    """Start of the sentence ``back`` sentences before the one holding ``pos``."""
    if not sentences:
        return 0
    index = max(0, bisect_right(sentences, (pos, len(sentences) + pos + 1)) - 1)
    return sentences[max(0, index - back)][0]
