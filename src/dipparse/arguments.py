"""Arguments of a statement: who acts, to whom, about what; anaphors resolved.

`ArgumentFinder` holds the finders a rule names (``subject``, ``possessor``,
``agent``, ``speaker``, ``object``), the target and content finders, and the
resolution of anaphors ("it", "both nations", "we" inside a quotation) against
what came before. `Context` is what they know of a document: its normalised
text, sentences, actor mentions, quotations and dates, looked up by position.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Any

import regex
from attrs import evolve, field, frozen

from dipparse.actors import ANAPHOR, PLACE, PREPOSITIONS, Gazetteer, Mention
from dipparse.dates import DateMention
from dipparse.models import Actor
from dipparse.phrases import Chunks, Phrase
from dipparse.quotes import QuoteSpan, partial_quote
from dipparse.text import NormalisedText
from dipparse.tokens import Tokens

WORDS = regex.compile(r"[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*")

_CLAUSE_BOUNDARY = regex.compile(
    r"""(?ix)
    (?P<rel>,\s*(?:which|who|whose|whom)\b)
    | \b(?:that|which|who|while|whereas|but|because|although|though|when|whether|if|unless
         |once(?!\s+again)|until|saying|adding|stressing|noting|insisting|warning)\b
    | [;:()]
    | \s-\s
    """
)

# An adverb is a lower-case word in "-ly": "Italy", "Sicily" and "Kelly" are names.
_VERB_GROUP = regex.compile(
    r"""(?ix)^(?:
        \s+ | ,\s* | ' | "
      | \b(?:has|have|had|am|is|are|was|were|will|would|shall|should|could|can|may|might|must
            |did|does|do|not|n't|never|also|again|once|already|now|then|still|just|too|yet
            |reportedly|formally|officially|publicly|swiftly|quickly|immediately|firmly
            |strongly|flatly|categorically|promptly|later|earlier|previously|repeatedly
            |been|being|be|to|ready|prepared|willing|set|expected|likely|said|says|it|that
            |both|all|each|itself|themselves|himself|herself|finally|eventually|apparently
            |on|in|at|during|last|this|next|late|early|monday|tuesday|wednesday|thursday
            |friday|saturday|sunday|week|month|year|weekend|morning|evening|night|afternoon
            |today|yesterday|tonight|a|an|the|statement|post|letter|speech|interview|briefing
            |press|conference|news|televised|address|written|joint|separate|official
            |(?-i:\p{Ll}\w*ly)|\d+(?:st|nd|rd|th)?|january|february|march|april|may|june|july|august
            |september|october|november|december)\b
    )*$"""
)

_PARENTHETICAL = regex.compile(r",[^,;\"]{1,80},")

# Adjectives of a region before a name: "the forests of eastern Congo".
_COMPASS = frozenset(
    "eastern western northern southern central north-eastern north-western south-eastern "
    "south-western northeastern northwestern southeastern southwestern".split()
)

# Clause openers of an adverbial clause: a participle after one is the main clause's.
_ADVERBIAL_OPENERS = frozenset(
    "unless if until because although though when while whereas once".split()
)

# "accepted by both the government and the rebels": a quantifier before the agents.
_FLOATING_BOTH = frozenset({"both", "all", "each"})

COORDINATION = regex.compile(
    r"(?i)(?:,?\s+(?:and|but|or)|,)\s+"
    r"(?:(?-i:\p{Ll}\w*ly)\s+|also\s+|then\s+|later\s+|eventually\s+|finally\s+|subsequently\s+|soon\s+)*$"
)

_GERUND_PREP = regex.compile(r"(?i)\b(?:for|after|over|by|on|of)\s+$")

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

# "an offer from X", "a proposal made by X", "an offer has been made by X"; not "the
# proposal was accepted by X" (a form of "be" and another verb between: X is who
# accepted it).
_FROM_AGENT = regex.compile(
    r"(?i)^\s*(?:"
    r"(?:(?!(?:was|were|is|are|been|being|be|has|have|had)\s)\S+\s+){0,3}?"
    r"|(?:\S+\s+)?(?:(?:has|have|had)\s+been|was|were|is|are|being)\s+"
    r"(?:made|extended|put\s+forward|tabled|presented|submitted|floated|proposed|drawn\s+up)\s+"
    r")(?:from|by|of)\s+(?:the\s+)?$"
)

_RELATIVE = regex.compile(
    r"(?i)(?:,\s*|\s)(?:which|who|that)\s+(?:(?-i:\p{Ll}\w*ly)\s+)?(?:(?:has|have|had|would|will)\s+)?$"
)

PARTICIPLE_COMMA = regex.compile(r",\s*(?:(?-i:\p{Ll}\w*ly)\s+)?$")

# What follows a mention in subject position: a verb ("said", "appeared", "has").
_SUBJECT_NEXT = regex.compile(
    r"(?:\)?\s*\([^()]{1,40}\))?"  # "the Syrian Democratic Forces (SDF) announced"
    r"(?:\s*,[^,]{1,60},)?(?:\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
    r"\s+(?:(?-i:\p{Ll}\w*ly)\s+)?"
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

# How far back from a trigger its clause opener is looked for (characters).
_CLAUSE_WINDOW = 600
_CAPITALISED = regex.compile(r"(?<![\p{L}-])\p{Lu}\p{Ll}+(?![\p{L}])")
# How many anaphors a chain of them passes through before it ends unresolved.
MAX_HOPS = 40
# How far back (characters) an anaphor's antecedent is looked for, at most.
_ANTECEDENT_WINDOW = 5000

_NON_SPACE = regex.compile(r"\S+")
# How far after a trigger its content is looked for (characters; 18 long words).
_CONTENT_WINDOW = 400

_CONTENT_LEAD = regex.compile(r"(?i)(?:to|on|for|of|that)\s+")


# Anaphor kinds that are pronouns ("it", "they", "we"), not descriptions ("the ministry").
_PRONOUNS = frozenset({"person", "thing", "plural", "speaker"})
# "both leaders": a joint anaphor of two people, not two states.
_PEOPLE_NOUNS = frozenset({"leaders", "ministers", "presidents", "rivals", "adversaries"})
# Anaphor kinds that stand for one person: "he", "she", "the minister".
_PERSONAL = frozenset({"person", "title"})

# Adjectives between a possessor and its noun: "Trump's renewed offer".
_POSSESSED_ADJECTIVES = frozenset(
    "renewed revised repeated updated latest new fresh earlier previous initial final formal "
    "informal official generous surprise controversial proposed unprecedented".split()
)


@frozen
class Context:
    """What extraction needs to know about one document."""

    norm: NormalisedText
    sentences: Sequence[tuple[int, int]]
    mentions: Sequence[Mention]
    quotes: Sequence[QuoteSpan]
    dates: Sequence[DateMention]
    tokens: Tokens
    # What rules read: the sentences, a very long one cut at clause edges.
    windows: Sequence[tuple[int, int]] = ()
    # Rule patterns that gave up on a window: (rule id, window start, window end).
    # What ran out of time: ("rule-timeout" or "topic-timeout", its id or name, span).
    timeouts: list[tuple[str, str, int, int]] = field(factory=list, eq=False, repr=False)
    # What each anaphor was resolved to, by (start, end, quotation start): an anaphor is
    # resolved once, however many chains ("It said it ... it") pass through it.
    resolved: dict[tuple[int, int, int], tuple[Actor, str] | None] = field(
        factory=dict, eq=False, repr=False
    )
    _starts: list[int] = field(init=False, repr=False, eq=False)
    _quote_starts: list[int] = field(init=False, repr=False, eq=False)
    _date_starts: list[int] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.windows:
            object.__setattr__(self, "windows", tuple(self.sentences))
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

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """The numbers of the first token at or after ``start`` and of the first at ``end``."""
        starts = self.tokens.starts
        return bisect_left(starts, start), bisect_left(starts, end)

    def date_at(self, pos: int) -> DateMention | None:
        """The date mention whose words hold ``pos``, if any."""
        i = bisect_right(self._date_starts, pos) - 1
        if i >= 0 and self.dates[i].start <= pos < self.dates[i].end:
            return self.dates[i]
        return None

    def quote_at(self, pos: int) -> QuoteSpan | None:
        """The quotation whose words hold ``pos``, if any."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and self.quotes[i].content_start <= pos < self.quotes[i].content_end:
            return self.quotes[i]
        return None


class ArgumentFinder:
    """Finds the actor, target and content of a trigger, and resolves anaphors."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        reporting: regex.Pattern[str],
        claiming: regex.Pattern[str] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.reporting = reporting
        self.claiming = claiming or reporting

    def actor(
        self,
        ctx: Context,
        finder: str,
        slot: tuple[int, int] | None,
        trigger: tuple[int, int],
        sentence: tuple[int, int],
        scope: tuple[int, int],
        quote: QuoteSpan | None,
        chunks: Chunks | None = None,
    ) -> Mention | None:
        """The mention of who acts, by the rule's actor finder (or its ``actor`` slot).

        A slot with the ``speaker`` finder names the words that stand for a known
        speaker ('"We will send aid," Macron said': "We"): none without one.
        """
        text = ctx.norm.text
        t0, t1 = trigger
        if (
            slot is not None
            and finder == "speaker"
            and self.speaker(ctx, t0, sentence, quote) is None
        ):
            return None
        if slot is not None:
            inside = [x for x in ctx.between(slot[0], slot[1]) if x.end <= slot[1]]
            if inside:
                return inside[0]
            return Mention(slot[0], slot[1], " ".join(text[slot[0] : slot[1]].split()), "group")
        if finder == "none":
            return None
        if finder == "possessor":
            return self.possessor(ctx, t0, t1, scope, chunks)
        if finder == "agent":
            return self.agent(ctx, t1, scope)
        if finder == "object":
            return _first_actor(ctx.between(t1, scope[1]), t1, scope[1])
        if finder == "speaker":
            return self.speaker(ctx, t0, sentence, quote)
        return self.subject(ctx, t0, scope, sentence)

    def subject(
        self, ctx: Context, t0: int, scope: tuple[int, int], sentence: tuple[int, int]
    ) -> Mention | None:
        """The actor in subject position of the verb at ``t0``, by the rules below."""
        text = ctx.norm.text
        # Mentions within _CLAUSE_WINDOW before the trigger: all of them from the start
        # of a text-long sentence, for every trigger, is quadratic.
        floor = max(scope[0], t0 - _CLAUSE_WINDOW)
        in_scope = [x for x in ctx.between(floor, t0) if x.end <= t0 and x.kind != PLACE]
        if ctx.quote_at(t0) is None:
            # Outside a quotation, a mention inside one is not the subject.
            in_scope = [x for x in in_scope if ctx.quote_at(x.start) is None]
        if not in_scope:
            return None
        gerund = gerund_at(text, t0)
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
        clause = clause_start(text, scope[0], t0)
        if gerund:
            previous = WORDS.findall(text[max(scope[0], t0 - 30) : t0])
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
            if previous and previous[-1] in _SPEECH_NOUNS:
                # "rejected a Russian draft resolution calling for": its author's words.
                noun = max(scope[0], t0 - 30) + tail.rfind(previous[-1])
                author = self.demonym_before(text, noun, scope[0])
                before = [x for x in in_scope if x.end <= noun]
                owner = before[-1] if before and before[-1].possessive else None
                if author is None and owner and _POSSESSOR_GAP.match(text[owner.end : noun]):
                    author = owner  # "Russia's resolution calling for"
                if author is not None:
                    return author
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
                    # "the head of the UN mission, Hanna Tetteh, rejected": her.
                    return _apposed_person(text, in_scope, head) or head
            if _VERB_GROUP.match(gap) and _subject_position(text, x, gerund):
                return x
            break
        candidates = [x for x in in_scope if x.start >= clause and not _after_preposition(text, x)]
        lead = [x for x in in_scope if not _after_preposition(text, x) and not x.possessive]
        coordinated, participle = second_verb(text, scope[0], t0)
        if coordinated or participle:
            # "X praised Y ... and offered", "X rejected Y, dismissing Z": the main subject.
            opener = clause_opener(text, scope[0], t0)
            if opener is not None and (
                (participle and opener.group().lower() in _ADVERBIAL_OPENERS)
                or (coordinated and _subjunctive_before(ctx, in_scope, opener, t0))
            ):
                # "X would retaliate unless Washington withdrew the tariffs, calling on
                # the US to ...", "Lima demanded that Mexico hand over Chávez and refused
                # to ...": the second verb is the main clause's, not the condition's or
                # the demanded clause's.
                clause = clause_start(text, scope[0], opener.start())
            in_clause = [x for x in lead if x.start >= clause]
            first = in_clause[0] if in_clause else (lead[0] if lead else None)
            return (_apposed_person(text, in_scope, first) or first) if first else None
        if not candidates:
            return None
        plain = [x for x in candidates if not x.possessive and x.kind != ANAPHOR]
        plain = plain or [x for x in candidates if x.kind == ANAPHOR and not x.possessive]
        return plain[0] if plain else None

    def subject_phrase(self, ctx: Context, chunks: Chunks, t0: int) -> Mention | None:
        """The noun phrase right before the trigger's verb group, as an actor mention.

        The phrase layer's answer where the gazetteer knows no actor: "The Zorgon
        delegation rejected" gives the delegation, with no country; "Rwandan
        rebels demanded" gives the rebels, with Rwanda's code from the demonym.
        Its head must be one of the rule sets' actor nouns (``official_nouns``,
        ``government_nouns``, ``group_nouns``): a company, a club or a court is no
        actor of these statements. A pronoun, or a phrase after a preposition, is
        no subject here.
        """
        tokens = ctx.tokens
        i = bisect_right(tokens.starts, t0) - 1
        if i < chunks.first or i > chunks.last:
            return None
        group = chunks.verb_group_at(i)
        k = (group.first if group is not None else i) - 1
        while k >= chunks.first:
            if chunks.tags[k - chunks.first] == "E":
                k -= 1  # "the delegation firmly rejected"
                continue
            date = ctx.date_at(tokens.starts[k])
            if date is None:
                break
            # "Kenyan doctors' unions on Monday rejected": step over the date.
            k = bisect_right(tokens.starts, date.start) - 2
        if k < chunks.first:
            return None
        phrase = chunks.noun_phrase_ending_at(k)
        if phrase is None:
            return None
        if phrase.first > chunks.first and chunks.tags[phrase.first - 1 - chunks.first] == "I":
            return None
        return self._phrase_mention(ctx, chunks, phrase, t0)

    def main_subject_phrase(
        self, ctx: Context, chunks: Chunks, t0: int, scope: tuple[int, int]
    ) -> Mention | None:
        """The unknown-actor phrase before the clause's first verb group, for a second,
        coordinated verb or a participle after a comma: "Bangladeshi student leaders
        turned down the offer and demanded her resignation", "Ambazonian separatist
        leaders rejected the offer, insisting that ...". As `subject_phrase`."""
        text = ctx.norm.text
        if not any(second_verb(text, scope[0], t0)):
            return None
        clause = clause_start(text, scope[0], t0)
        starts = ctx.tokens.starts
        for group in chunks.verb_groups:
            at = starts[group.first]
            if at >= t0:
                break
            if at >= clause:
                return self.subject_phrase(ctx, chunks, at)
        return None

    def modified_subject_phrase(
        self, ctx: Context, chunks: Chunks, t0: int, scope: tuple[int, int]
    ) -> Mention | None:
        """The clause's first noun phrase when only participles stand between it and the
        trigger: "Rwandan rebels operating from the forests of eastern Congo demanded"
        (a post-modifier, not a clause of its own). As `subject_phrase`."""
        tokens = ctx.tokens
        clause = clause_start(ctx.norm.text, scope[0], t0)
        first = bisect_left(tokens.starts, clause)
        phrase = chunks.noun_phrase_starting_at(max(first, chunks.first))
        if phrase is None or tokens.starts[phrase.first] >= t0:
            return None
        head_start = tokens.starts[phrase.last]
        groups = [g for g in chunks.verb_groups if head_start < tokens.starts[g.first] < t0]
        if not groups or any(
            g.first != g.last or not tokens.lowers[g.first].endswith(("ing", "ed")) for g in groups
        ):
            return None
        return self._phrase_mention(ctx, chunks, phrase, t0)

    def agent_phrase(self, ctx: Context, chunks: Chunks, t1: int) -> Mention | None:
        """The noun phrase after "by" right after a passive trigger, as an actor mention.

        As `subject_phrase` for the by-agent the gazetteer does not know: "was endorsed
        by Arab leaders" gives the leaders, "were spurned by the government in Tbilisi"
        the government. Its head must be an actor noun.
        """
        tokens = ctx.tokens
        k = bisect_left(tokens.starts, t1)
        while k <= chunks.last and chunks.tags[k - chunks.first] == "E":
            k += 1  # "rejected outright by"
        if k > chunks.last or tokens.lowers[k] != "by":
            return None
        k += 1
        if k <= chunks.last and tokens.lowers[k] in _FLOATING_BOTH:
            k += 1  # "accepted by both the government and the rebels"
        phrase = chunks.noun_phrase_starting_at(k)
        if phrase is None:
            return None
        return self._phrase_mention(ctx, chunks, phrase, t1)

    def _phrase_mention(
        self, ctx: Context, chunks: Chunks, phrase: Phrase, trigger: int
    ) -> Mention | None:
        """A noun phrase as an unknown actor: its head an actor noun, no pronoun or number."""
        tokens = ctx.tokens
        if chunks.tags[phrase.head - chunks.first] in "R#":
            return None
        heads = self.gazetteer.actor_heads
        if tokens.lowers[phrase.head] not in heads and tokens.lemmas[phrase.head] not in heads:
            return None  # "Thai Airways offered", "a Warsaw court refused": not actors here
        first = phrase.first
        if chunks.tags[first - chunks.first] == "D":
            first += 1
        owned = "G" in chunks.tags[first - chunks.first : phrase.head - chunks.first]
        if tokens.word(phrase.head)[:1].isupper() and not owned:
            # A named body's own words: "the eastern-based House of Representatives".
            while first < phrase.head and tokens.word(first)[:1].islower():
                first += 1
        if first > phrase.last:
            return None
        start, end = tokens.starts[first], tokens.ends[phrase.last]
        if ctx.quote_at(trigger) is None and ctx.quote_at(start) is not None:
            return None
        codes: list[str] = []
        for k in range(first, phrase.last + 1):
            known = self.gazetteer.lookup(tokens.word(k))
            if known is not None and known[1] is not None and known[1] not in codes:
                codes.append(known[1])
        return Mention(
            start,
            end,
            " ".join(ctx.norm.text[start:end].split()),
            "group",
            codes[0] if len(codes) == 1 else None,
            source="phrase",
        )

    def possessor(
        self,
        ctx: Context,
        t0: int,
        t1: int,
        scope: tuple[int, int],
        chunks: Chunks | None = None,
    ) -> Mention | None:
        """The owner of a nominal trigger: "Turkey's offer", "a US offer", "an offer from X".

        With the sentence's ``chunks``, any run of up to six modifiers may stand between
        a possessive and the trigger: "Egypt's $53 billion reconstruction plan",
        "Bolivia's long-standing demand", "Russia's new 30-day truce offer".
        """
        text = ctx.norm.text
        adjective = self.demonym_before(text, t0, scope[0])
        if adjective is not None and isinstance(adjective.country, tuple):
            return adjective  # "a Saudi-US initiative": both
        floor = max(scope[0], t0 - _CLAUSE_WINDOW)  # only the last mention counts
        before = [x for x in ctx.between(floor, t0) if x.end <= t0 and x.kind != PLACE]
        if before:
            last = before[-1]
            gap = text[last.end : t0]
            if last.possessive and (
                _POSSESSOR_GAP.match(gap)
                or _possessor_adjectives(gap)
                or (chunks is not None and _modifiers_only(ctx.tokens, chunks, last.end, t0))
            ):
                return last
            modifier = last.kind != ANAPHOR or last.anaphor == "government"  # "a government offer"
            if not last.possessive and modifier and _noun_modifier(text, last, gap):
                return last
        if adjective is not None:
            return adjective
        return self.agent(ctx, t1, scope, from_too=True)

    def demonym_before(self, text: str, t0: int, floor: int) -> Mention | None:
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

    def agent(
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

    def speaker(
        self, ctx: Context, t0: int, sentence: tuple[int, int], quote: QuoteSpan | None
    ) -> Mention | None:
        text = ctx.norm.text
        if quote is not None:
            return quote.speaker
        # Within _CLAUSE_WINDOW of the trigger: a sentence-long search for every
        # trigger would be quadratic in a long sentence.
        floor = max(sentence[0], t0 - _CLAUSE_WINDOW)
        ceiling = min(sentence[1], t0 + _CLAUSE_WINDOW)
        verbs = list(self.reporting.finditer(text, floor, t0))
        if verbs:
            verb = verbs[-1]
            return self.subject(ctx, verb.start(), sentence, sentence)
        after = self.reporting.search(text, t0, ceiling)
        if after is not None:
            tail = [
                x
                for x in ctx.between(max(t0, after.start() - 60), ceiling)
                if x.end <= sentence[1] and x.kind != PLACE
            ]
            if tail:
                return min(
                    tail,
                    key=lambda x: min(abs(x.start - after.end()), abs(after.start() - x.end)),
                )
        return None

    def _nationality(self, ctx: Context, mention: Mention) -> tuple[Actor, str] | None:
        """ "Kenyan doctors' unions rejected a government offer": the state whose
        nationality the sentence names before the government, where no state is named."""
        text = ctx.norm.text
        floor = max(_sentence_back(ctx.sentences, mention.start, 0), mention.start - _CLAUSE_WINDOW)
        for word in _CAPITALISED.finditer(text, floor, mention.start):
            if not self.gazetteer.is_demonym(word.group()):
                continue
            known = self.gazetteer.lookup(word.group())
            if known is not None and known[1] is not None:
                state = Actor(
                    span=ctx.norm.span(*word.span()),
                    name=self.gazetteer.state(known[1]) or known[0],
                    kind="state",
                    country=known[1],
                    source="demonym",
                )
                return state, "government.of-nationality"
        return None

    def source(
        self,
        ctx: Context,
        actor: Mention | None,
        trigger: tuple[int, int],
        sentence: tuple[int, int],
        quote: QuoteSpan | None,
    ) -> Mention | None:
        """Who states the event: a quotation's speaker, or who says or claims it.

        "Baku said Yerevan had rejected", "Israel accused Hamas of rejecting": the
        subject of the last reporting or claim verb before the event's actor;
        "..., KCNA said.": the one named with a reporting verb after it. None when
        that is the actor's own mention ("Iran rejected the offer, saying ...").
        """
        if quote is not None and not partial_quote(ctx.norm.text, quote):
            return quote.speaker
        text = ctx.norm.text
        t0, t1 = trigger
        before = actor.start if actor is not None and actor.end <= t0 else t0
        floor = max(sentence[0], t0 - _CLAUSE_WINDOW)
        found: Mention | None = None
        verbs = list(self.claiming.finditer(text, floor, before))
        if verbs:
            found = self.subject(ctx, verbs[-1].start(), sentence, sentence)
        else:
            # ", KCNA said.", ", said the ministry.": after a comma that closes the event.
            ceiling = min(sentence[1], t1 + _CLAUSE_WINDOW)
            after = self.reporting.search(text, t1, ceiling)
            comma = text.rfind(",", t1, after.start()) if after is not None else -1
            # Not "X rejected it, saying ...": a participle's subject is the actor.
            if after is not None and comma >= 0 and not after.group().lower().endswith("ing"):
                found = self.subject(ctx, after.start(), (comma, sentence[1]), sentence)
                if found is None:
                    named = [x for x in ctx.between(after.end(), ceiling) if x.kind != PLACE]
                    pronoun = named and named[0].anaphor in _PRONOUNS
                    if named and not pronoun and not text[after.end() : named[0].start].strip():
                        found = named[0]
        if found is None or found is actor:
            return None
        return found

    def target(
        self,
        ctx: Context,
        slot: tuple[int, int] | None,
        t1: int,
        content: tuple[int, int] | None,
        actor: Mention | None,
        scope: tuple[int, int],
    ) -> Mention | None:
        """The first other actor named after the trigger, in its content (or its slot)."""
        if slot is not None:
            inside = [x for x in ctx.between(slot[0], slot[1]) if x.end <= slot[1]]
            return inside[0] if inside else None
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

    def content(self, text: str, t1: int, end: int) -> tuple[int, int] | None:
        """What is offered, accepted, rejected or demanded: the words after the trigger."""
        start = t1
        while start < end and text[start] == " ":
            start += 1
        if start >= end or _AGENT_LEAD.match(text, start, end):
            return None
        # Content is at most 18 words: looking further for where it stops would make
        # every trigger scan to the end of a sentence (quadratic in its length).
        end = min(end, start + _CONTENT_WINDOW)
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

    def resolve(
        self, ctx: Context, mention: Mention, quote: QuoteSpan | None, hops: int = 0
    ) -> Actor | None:
        """The `Actor` a mention stands for, anaphors resolved; None when unresolved.

        ``hops`` counts the anaphors passed through on the way here: a chain longer
        than `MAX_HOPS` ("it ... it ... it", a text-long sentence of them) ends
        unresolved rather than in a recursion as deep as the chain.
        """
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
        key = (mention.start, mention.end, quote.content_start if quote is not None else -1)
        if key in ctx.resolved:
            found = ctx.resolved[key]
        else:
            found = self.antecedent(ctx, mention, quote, hops) if hops <= MAX_HOPS else None
            ctx.resolved[key] = found
        if found is None:
            if mention.anaphor not in ("joint", "speaker"):
                return None
            return Actor(span=span, name=span.text, kind="group", source="anaphor")
        antecedent, rule = found
        return Actor(
            span=span,
            name=antecedent.name,
            kind=antecedent.kind,
            country=antecedent.country,
            role=antecedent.role,
            source="anaphor",
            # Through a chain ("it" -> "the ministry" -> "China"): the name at its end.
            antecedent=antecedent.antecedent or antecedent.span,
            resolution=rule,
        )

    def antecedent(
        self, ctx: Context, mention: Mention, quote: QuoteSpan | None, hops: int = 0
    ) -> tuple[Actor, str] | None:
        """What an anaphor stands for, and the id of the resolution rule that chose it."""
        kind = mention.anaphor
        if kind == "speaker":
            if quote is not None and quote.speaker is not None and quote.speaker is not mention:
                # "We welcome the offer," the spokesman for the M23 rebels said: the rebels.
                speaker = self.resolve(
                    ctx, quote.speaker.speaks_for or quote.speaker, None, hops + 1
                )
                return (speaker, "speaker.quotation") if speaker is not None else None
            if quote is None and ctx.quote_at(mention.start) is None:
                # "We will send aid to Sudan, Macron said": reported without quotation marks.
                said = self.speaker(
                    ctx, mention.end, _sentence_at(ctx.sentences, mention.start), None
                )
                if said is not None and said is not mention and said.anaphor != "speaker":
                    speaker = self.resolve(ctx, said, None, hops + 1)
                    return (speaker, "speaker.reported") if speaker is not None else None
            return None
        back = 30 if kind in ("joint", "surname") else 3
        window_start = _sentence_back(ctx.sentences, mention.start, back)
        # At most _ANTECEDENT_WINDOW characters back, whatever the sentences: every
        # pronoun of a text-long sentence looking at every mention is quadratic.
        window_start = max(window_start, mention.start - _ANTECEDENT_WINDOW)
        # "we" and "I" stand for their quotation's speaker, for no pronoun after them.
        earlier = [
            x
            for x in ctx.between(window_start, mention.start)
            if x.end <= mention.start and x.kind != PLACE and x.anaphor != "speaker"
        ]
        if quote is not None and quote.speaker is not None:
            earlier = [x for x in earlier if x is not quote.speaker]

        text = ctx.norm.text
        # "he", "the minister", "her government" stand for a person (or the person's state).
        personal = kind in _PERSONAL or (
            kind == "owned" and mention.name.split()[0] in ("his", "her")
        )

        if kind in _FOR_WHOM_SPOKEN and not personal:
            # "A spokesman for Hamas said it ...": "it" is Hamas, not its spokesman.
            earlier = [x.speaks_for or x for x in earlier]
        descriptive = kind in ("title", "organisation", "government")
        # "India had rejected its offer": what is answered is another's, so the one who
        # answers it (the last mention before the answering verb) is no antecedent.
        answerer: Mention | None = None
        if mention.possessive and _OWNED_OFFER.match(text, mention.end) is not None:
            floor = _sentence_back(ctx.sentences, mention.start, 0)
            verbs = list(_ANSWERING.finditer(text, floor, mention.start))
            if verbs:
                before = [x for x in earlier if x.end <= verbs[-1].start() and x.start >= floor]
                answerer = before[-1] if before else None
        if answerer is not None:
            # Nor any other mention of the same actor ("It said it accepted their plan").
            banned = self.resolve(ctx, answerer, None, hops + 1)
            earlier = [
                x
                for x in earlier
                if x is not answerer
                and not _same_actor(self.resolve(ctx, x, None, hops + 1), banned)
            ]

        def chosen(x: Mention, rule: str) -> tuple[Actor, str] | None:
            actor = self.resolve(ctx, x, None, hops + 1)
            return (actor, rule) if actor is not None else None

        def pick(test: Any) -> tuple[Actor, str] | None:
            # The nearest subject in the sentence first ("Bamako said it...", "Hamas
            # appeared to reject the US proposal, saying it..."), then the nearest mention.
            sentence_start = _sentence_back(ctx.sentences, mention.start, 0)
            for x in reversed(earlier):
                if x.start < max(sentence_start, mention.start - _CLAUSE_WINDOW):
                    break
                if x.possessive:
                    continue
                if _OBJECT_CONTROL.fullmatch(text, x.end, mention.start) and x.kind != ANAPHOR:
                    # "urged Tokyo to honour its pledge"
                    return chosen(x, "pronoun.object-control")
                if _after_preposition(text, x) or kind == "joint":
                    continue
                if _SUBJECT_NEXT.match(text, x.end):
                    if x.kind == ANAPHOR and (x.anaphor in _PERSONAL) == personal:
                        # "the junta said it...", "It said it...": the nearest subject decides,
                        # through its own antecedent; not a person for a thing ("He said the
                        # group would not ...") nor a thing for a person.
                        return chosen(x, "pronoun.subject")
                    if x.kind == ANAPHOR:
                        continue
                    if test(x):
                        return chosen(x, "pronoun.subject")
            # Then the nearest subject of the sentences before ("Beijing offered to mediate
            # between Thailand and Cambodia. It said ..."), then the nearest mention.
            for x in reversed(earlier):
                if (
                    x.kind != ANAPHOR
                    and not x.possessive
                    and not _after_preposition(text, x)
                    and _SUBJECT_NEXT.match(text, x.end)
                    and test(x)
                ):
                    return chosen(x, "pronoun.salient")
            # A possessor too, for a description: "The Arab League's secretary-general said
            # the bloc rejected ...".
            for x in reversed(earlier):
                if x.kind != ANAPHOR and (not x.possessive or descriptive) and test(x):
                    return chosen(x, "pronoun.nearest")
            return None

        if kind == "joint":
            found = pick(lambda x: len(x.countries) > 1 or bool(x.members))
            if found is not None:
                return found[0], "joint.compound"
            # "both nations": the two states named last; "both leaders": the two people.
            people = mention.name.split()[-1] in _PEOPLE_NOUNS
            states: list[Mention] = []
            for x in reversed(earlier):
                member = (x.is_person and not _plural(text, x)) if people else x.kind == "state"
                if member and x.country and all(x.country != s.country for s in states):
                    states.append(x)
                if len(states) == 2:
                    break
            if len(states) == 2:
                first, second = states[1], states[0]
                joint = Actor(
                    span=ctx.norm.span(first.start, second.end),
                    name=f"{first.name} and {second.name}",
                    kind="group" if people else "state",
                    country=(*first.countries, *second.countries),
                    source="anaphor",
                )
                return joint, "joint.last-two"
            return None

        def singular_person(x: Mention) -> bool:
            return x.is_person and not _plural(text, x)

        def described(found: tuple[Actor, str] | None, rule: str) -> tuple[Actor, str] | None:
            return (found[0], rule) if found is not None else None

        def state_of(found: tuple[Actor, str] | None, rule: str) -> tuple[Actor, str] | None:
            """A person's state for "the government" or "her government"."""
            if found is None:
                return None
            actor = found[0]
            if actor.kind != "state" and isinstance(actor.country, str):
                name = self.gazetteer.state(actor.country)
                if name:
                    return evolve(actor, name=name, kind="state", role=None), rule
            return found

        if kind == "ourstate":
            # "Our country does not need lectures," Fico said: Slovakia.
            spoken = self.antecedent(ctx, evolve(mention, anaphor="speaker"), quote, hops + 1)
            own = state_of(spoken, "speaker.state")
            return (own[0], "speaker.state") if own is not None else None
        if kind == "statement":
            # "the statement from the Group of Seven": its author named after it; else
            # the nearest subject before ("The GCC issued a statement. The statement ...").
            author = _AUTHOR_AFTER.match(text, mention.end)
            if author is not None:
                # The author's mention may start at its "the".
                named = [x for x in ctx.between(mention.end, author.end() + 1) if x.kind != PLACE]
                if named and named[0].kind != ANAPHOR:
                    return chosen(named[0], "description.author")
            # Not whom it was addressed to ("in a joint letter to Marco Rubio").
            return described(
                pick(
                    lambda x: (
                        (x.kind in ("state", "organisation", "group") or x.is_person)
                        and not _after_preposition(text, x)
                    )
                ),
                "description.author",
            )
        if kind == "half":
            # "the North": the nearest state whose name starts with "North", or the
            # state of a person ("South Korean Foreign Minister Cho Hyun said the South").
            half = mention.name.split()[-1].capitalize() + " "
            for x in reversed(earlier):
                if x.kind == "state" and x.name.startswith(half):
                    return chosen(x, "description.half")
                # "Sudan and South Sudan agreed ... The South also offered": a member.
                part = next((y for y in x.members if y.name.startswith(half)), None)
                if part is not None:
                    return chosen(part, "description.half")
                owner = self.gazetteer.state(x.country) if isinstance(x.country, str) else None
                if x.is_person and owner is not None and owner.startswith(half):
                    return state_of(chosen(x, "description.half"), "description.half")
            return None
        if kind == "surname":
            # "Odinga said": the person whose full name ends with it, named before.
            for x in reversed(earlier):
                if x.is_person and x.kind != ANAPHOR and x.name.split()[-1] == mention.name:
                    return chosen(x, "surname.full-name")
            return None
        if kind == "person":
            return pick(singular_person)
        if kind == "title":
            # "the minister": the nearest person of that office, else the nearest person.
            noun = mention.name.split()[-1]
            found = pick(lambda x: singular_person(x) and noun in _words_of(text, x))
            return described(found or pick(singular_person), "description.person")
        if kind == "organisation":
            return described(
                pick(lambda x: x.kind in ("organisation", "group")), "description.organisation"
            )
        if kind == "owned":
            test = _OWNER_TESTS.get(mention.name.split()[0], _OWNER_TESTS["its"])
            return state_of(described(pick(test), "description.owner"), "description.owner")
        if kind == "neighbour":
            its = pick(lambda x: x.kind == "state")
            if its is None:
                return None
            mine = set(its[0].countries)
            for x in reversed(earlier):
                if x.kind == "state" and x.countries and not mine & set(x.countries):
                    return chosen(x, "description.neighbour")
            return None
        if kind == "group":
            found = pick(lambda x: x.kind in ("group", "organisation") and not x.possessive)
            return described(found, "description.organisation")
        if kind == "plural":
            return pick(lambda x: len(x.countries) > 1 or x.kind in ("group", "organisation"))
        if kind == "government":
            found = pick(lambda x: x.kind == "state" or (x.is_person and x.country))
            return state_of(found, "government.of-person") or self._nationality(ctx, mention)
        return pick(lambda x: x.kind in ("state", "organisation", "group"))


# Anaphors that stand for the actor an official speaks for, not the official: "it",
# "they", "the group", "its government" (but "the letter" is the official's).
_FOR_WHOM_SPOKEN = frozenset(("thing", "plural", "organisation", "group", "owned", "government"))

# A possessive pronoun's offer ("its offer", "their new proposal") ...
_OWNED_OFFER = regex.compile(
    r"(?i)\s+(?:[\w-]+\s+){0,2}?(?:offer|proposal|plan|initiative|invitation|demand|call"
    r"|request|bid|overture)s?\b"
)
# ... after a verb that answers one: its owner is not who answers it.
_ANSWERING = regex.compile(
    r"(?i)\b(?:reject|accept|welcom|dismiss|declin|rebuff|spurn|refus|snub|turn(?:ed|s)?\s+down)"
)

# "the statement from the Group of Seven": the author after the statement.
_AUTHOR_AFTER = regex.compile(r"\s+(?:from|by|of)\s+(?:the\s+)?")

# Who "his", "her", "its" or "their" may stand for.
_OWNER_TESTS: dict[str, Callable[[Mention], bool]] = {
    "his": lambda x: x.is_person,
    "her": lambda x: x.is_person,
    "its": lambda x: x.kind in ("state", "organisation", "group"),
    "their": lambda x: len(x.countries) > 1 or x.kind in ("state", "organisation", "group"),
}


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Both resolved, to the same name (a state and its leader are two actors here)."""
    return a is not None and b is not None and a.name == b.name


def _words_of(text: str, mention: Mention) -> str:
    """A mention's words and role, lower case: what an office noun is looked for in."""
    return f"{text[mention.start : mention.end]} {mention.role or ''}".lower()


def _plural(text: str, mention: Mention) -> bool:
    """ "Ukrainian negotiators", "officials": a plural common noun ends the mention."""
    words = text[mention.start : mention.end].split()
    last = words[-1] if words else ""
    return last.islower() and last.endswith("s") and not last.endswith("ss")


# Symbols inside a run of modifiers: "$53 billion", "30-day", "5%".
_MODIFIER_SYMBOLS = frozenset("-$%€£")


def _modifiers_only(tokens: Tokens, chunks: Chunks, start: int, end: int) -> bool:
    """Whether the words in ``[start, end)`` are at most six modifiers of a noun: adjectives,
    nouns, names, numbers, adverbs and the symbols of amounts (no verb, article,
    preposition or comma)."""
    i, j = bisect_left(tokens.starts, start), bisect_left(tokens.starts, end)
    if j - i > 6 or i < chunks.first or j - 1 > chunks.last:
        return False
    for k in range(i, j):
        tag = chunks.tags[k - chunks.first]
        if tag not in "JnX#E" and not (tag == ":" and tokens.word(k) in _MODIFIER_SYMBOLS):
            return False
    return True


# Words after a subject that are no verb in the subjunctive: "that Mexico would ...".
_NOT_SUBJUNCTIVE = frozenset(
    "will would shall should can could may might must is are was were has have had did does "
    "do not never also".split()
)


def _subjunctive_before(
    ctx: Context, mentions: Sequence[Mention], opener: regex.Match[str], t0: int
) -> bool:
    """Whether a coordinated past-tense verb at ``t0`` follows a "that" clause in the
    subjunctive ("demanded that Mexico hand over Chávez and refused"): then it is not
    that clause's verb, which has its base form, but the main one's."""
    if opener.group().lower() != "that":
        return False
    tokens = ctx.tokens
    subject = next((x for x in mentions if opener.end() <= x.start < t0), None)
    if subject is None:
        return False
    k, j = bisect_left(tokens.starts, subject.end), bisect_left(tokens.starts, t0)
    if k >= j or j >= len(tokens):
        return False
    verb, trigger = tokens.lowers[k], tokens.lowers[j]
    base = verb == tokens.lemmas[k] and verb not in _NOT_SUBJUNCTIVE and verb.isalpha()
    past = trigger != tokens.lemmas[j] and not trigger.endswith(("s", "ing"))
    return base and past


def second_verb(text: str, floor: int, t0: int) -> tuple[bool, bool]:
    """Whether the verb at ``t0`` is coordinated with one before ("... and demanded",
    ", but refused") and whether it is a participle after a comma (", insisting")."""
    window = max(floor, t0 - 40)
    coordinated = COORDINATION.search(text, window, t0) is not None
    participle = gerund_at(text, t0) and PARTICIPLE_COMMA.search(text, window, t0) is not None
    return coordinated, participle


def gerund_at(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` ends in "-ing" ("insisting", "rejecting")."""
    words = text[pos : pos + 40].split()
    return bool(words) and words[0].lower().endswith("ing")


def _possessor_adjectives(gap: str) -> bool:
    words = gap.split()
    return 0 < len(words) <= 2 and all(w.lower() in _POSSESSED_ADJECTIVES for w in words)


def clause_start(text: str, floor: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last boundary not closed again."""
    opener = clause_opener(text, floor, pos)
    return opener.end() if opener is not None else floor


def clause_opener(text: str, floor: int, pos: int) -> regex.Match[str] | None:
    """The boundary that opens the clause holding ``pos`` ("that", "if", ";"...)."""
    last = None
    # A clause opener further back than _CLAUSE_WINDOW characters is not looked for:
    # scanning from the sentence start for every trigger is quadratic in a long sentence.
    for b in _CLAUSE_BOUNDARY.finditer(text, max(floor, pos - _CLAUSE_WINDOW), pos):
        if b.group("rel") is not None and text.find(",", b.end(), pos) >= 0:
            continue  # ", which ..., " closed before pos: the main clause goes on
        last = b
    return last


def _apposition_head(text: str, mentions: Sequence[Mention], closing: Mention) -> Mention | None:
    """The mention before ", <apposition including closing>,", if there is one."""
    comma = text.rfind(",", max(0, closing.start - 80), closing.start)
    if comma < 0:
        return None
    before = [m for m in mentions if m.end <= comma and not text[m.end : comma].strip()]
    return before[-1] if before else None


def _apposed_person(text: str, mentions: Sequence[Mention], head: Mention) -> Mention | None:
    """The named person in apposition right after a described ``head``: "the envoy of
    Iran, Amir Saeid Iravani," gives Iravani, the more precise of the two; as "The
    foreign minister, Takeshi Iwaya," gives Iwaya."""
    if head.source != "description" and head.anaphor != "title":
        return None
    k = mentions.index(head) if head in mentions else -1
    if k < 0 or k + 1 >= len(mentions):
        return None
    person = mentions[k + 1]
    if not person.is_person or person.source == "description":
        return None
    if text[head.end : person.start].strip() != "," or not text.startswith(",", person.end):
        return None
    return person


def _word_before(text: str, mention: Mention) -> str | None:
    """The word before a mention, lower case, over a compass adjective ("of eastern
    Congo": "of")."""
    words: list[str] = WORDS.findall(text[max(0, mention.start - 30) : mention.start])
    if len(words) > 1 and words[-1].lower() in _COMPASS:
        return words[-2].lower()
    return words[-1].lower() if words else None


def _subject_position(text: str, mention: Mention, gerund: bool) -> bool:
    """Not inside a prepositional phrase, unless the word before opens a clause."""
    word = _word_before(text, mention)
    if word is None or word not in PREPOSITIONS:
        return True
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
        # "The Philippines accepted the proposal": a verb and a determiner between.
        and not any(w.lower() in _NOT_MODIFIERS for w in gap.split())
        and bool(_DETERMINER_BEFORE.search(text, max(0, mention.start - 8), mention.start))
    )


def _after_preposition(text: str, mention: Mention) -> bool:
    return _word_before(text, mention) in PREPOSITIONS


def _first_actor(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    for x in mentions:
        if start <= x.start < end and x.kind not in (PLACE, ANAPHOR):
            return x
    return None


def _sentence_at(sentences: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence that holds ``pos`` (the one starting last at or before it)."""
    if not sentences:
        return (0, pos)
    return sentences[max(0, bisect_right(sentences, (pos, math.inf)) - 1)]


def _sentence_back(sentences: Sequence[tuple[int, int]], pos: int, back: int) -> int:
    """Start of the sentence ``back`` sentences before the one holding ``pos``.

    A sentence holds the positions from its start on. (The comparison that found
    it used to depend on how many sentences the text has, so that a short text
    took a sentence-initial position for the previous sentence's, and a text's
    parse changed with what else it was parsed with.)
    """
    if not sentences:
        return 0
    index = max(0, bisect_right(sentences, (pos, math.inf)) - 1)
    return sentences[max(0, index - back)][0]
