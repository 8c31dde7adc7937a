"""`Parser`: rule sets composed once, then text in, `Document` out.

The pipeline runs one way: normalised text with an offset map → sentences
and quotations → actor and date mentions → rule matches → event mentions →
grouped events → `Document`.
"""

from __future__ import annotations

import datetime as dt
import logging
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
from attrs import frozen

from dipparse import collector
from dipparse.actors import ANAPHOR, PLACE, Gazetteer, Mention
from dipparse.arguments import Context
from dipparse.batch import ParseFailure, parse_many
from dipparse.datelines import credit_spans, dateline_day
from dipparse.dates import DateBasis, DateMention, find_dates
from dipparse.extraction import Extractor, compile_cues
from dipparse.grouping import Grouper
from dipparse.models import Actor, Document, Event, ParseWarning, Quote, Span
from dipparse.patterns import TokenPattern, compile_token_pattern, recompile
from dipparse.quotes import attribute, find_quotes
from dipparse.rules import (
    BUILTIN,
    MATCH_TIMEOUT,
    ActorEntry,
    Kind,
    Rule,
    RuleSet,
    RuleSetError,
    Topic,
    coerce_rulesets,
)
from dipparse.scanning import Words
from dipparse.sentences import iter_sentences, split_sentences, windows
from dipparse.text import NormalisedText, normalise
from dipparse.tokens import Lexicon, english, tokenize

RuleSetSpec = str | Path | RuleSet
logger = logging.getLogger("dipparse")


def check_text(text: object) -> str:
    """``text`` itself if it is a ``str``; else a `TypeError` naming its type."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return text


def coerce_published(published: object) -> dt.date | None:
    """``published`` as a `datetime.date`: from a date, a datetime, an ISO string or None."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        value = published.strip()
        # The whole string must parse: "2025-05-12junk" is an error, not 12 May.
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            raise ValueError(
                f"published must be an ISO date such as '2025-05-12', not {published!r}"
            ) from None
    raise TypeError(
        f"published must be a date, a datetime, an ISO date string or None, "
        f"not {type(published).__name__}"
    )


class Parser:
    """A configured, reusable parser: rule sets compiled once, `parse` many times.

    ``rulesets`` lists rule sets by name (``"core-en"``, a plugin's name), by
    path (a ``.toml`` file or a folder) or as loaded `RuleSet` objects. Later
    rule sets take precedence: a rule with an id already defined replaces it,
    an actor with a known surface form takes it over. ``disable`` removes rules
    by id; ``actors`` adds gazetteer entries; ``event_classes`` maps a custom
    kind to the `Event` subclass its mentions are built as.
    """

    @collector.paused()  # building makes lasting objects, no garbage
    def __init__(
        self,
        rulesets: Iterable[RuleSetSpec] = (BUILTIN,),
        *,
        disable: Iterable[str] = (),
        actors: Iterable[ActorEntry] = (),
        event_classes: Mapping[str, type[Event]] | None = None,
    ) -> None:
        if isinstance(rulesets, str | Path | RuleSet):
            rulesets = [rulesets]
        if isinstance(disable, str):
            disable = [disable]  # one rule id, not its characters
        self._spec: tuple[Any, ...] = (
            _as_tuple(rulesets, "rulesets", "rule-set names, paths or RuleSet objects"),
            _as_tuple(disable, "disable", "rule ids"),
            _as_tuple(actors, "actors", "ActorEntry objects"),
            _event_classes(event_classes),
        )
        for rule_id in self._spec[1]:
            if not isinstance(rule_id, str):
                raise TypeError(f"disable must hold rule ids (str), not {type(rule_id).__name__}")
        try:
            self.rulesets: tuple[RuleSet, ...] = tuple(coerce_rulesets(self._spec[0]))
        except KeyError as exc:  # an unknown rule-set name: a bad value, not a lookup
            raise ValueError(str(exc.args[0]) if exc.args else str(exc)) from None
        if not self.rulesets:
            raise ValueError("rulesets must name at least one rule set")
        disabled = set(self._spec[1])
        for extra in self._spec[2]:
            if not isinstance(extra, ActorEntry):
                raise TypeError(f"actors must hold ActorEntry objects, not {type(extra).__name__}")
        rules: dict[str, Rule] = {}
        kinds: dict[str, Kind] = {}
        topics: dict[str, Topic] = {}
        words: dict[str, tuple[str, ...]] = {}
        entries: list[ActorEntry] = []
        places: list[str] = []
        for ruleset in self.rulesets:
            disabled.update(ruleset.disable)
            for rule in ruleset.rules:
                rules.pop(rule.id, None)  # a later definition moves to the end
                rules[rule.id] = rule
            kinds.update({k.name: k for k in ruleset.kinds})
            topics.update({t.name: t for t in ruleset.topics})
            for key, items in ruleset.words.items():
                words[key] = tuple(dict.fromkeys((*words.get(key, ()), *items)))
            entries.extend(ruleset.actors)
            places.extend(ruleset.places)
        entries.extend(self._spec[2])
        unknown = sorted(disabled - set(rules))
        if unknown and self._spec[1]:
            missing = [u for u in self._spec[1] if u in unknown]
            if missing:
                raise ValueError(f"disable names unknown rule ids: {', '.join(missing)}")
        self.rules: tuple[Rule, ...] = tuple(r for r in rules.values() if r.id not in disabled)
        self.kinds = kinds
        self.gazetteer = Gazetteer(_later_wins(entries), places, words)
        self.cues = compile_cues(words)
        patterns = [r.token_pattern for r in self.rules if r.token_pattern is not None]
        patterns += [t.token_pattern for t in topics.values() if t.token_pattern is not None]
        vocabulary = {w for rs in self.rulesets for items in rs.lists.values() for w in items}
        vocabulary.update(w for p in patterns for w in p.lemmas)
        self.lexicon = english().with_vocabulary(
            vocabulary, verbs={w for p in patterns for w in p.verbs}
        )
        # Token patterns were checked at load with the built-in lexicon; compiled again
        # with this parser's, their lemmas are the ones its tokens get ("turned" ->
        # "turn" once a rule names "turn down").
        lists_of = {rs.name: rs.lists for rs in self.rulesets}
        self.rules = tuple(
            _with_lexicon(r, lists_of.get(r.ruleset, {}), self.lexicon) for r in self.rules
        )
        recompiled = [
            attrs.evolve(
                t,
                token_pattern=_again(
                    t.token_pattern, t.tokens, lists_of.get(t.ruleset, {}), self.lexicon
                ),
            )
            for t in topics.values()
        ]
        self.extractor = Extractor(
            self.rules,
            kinds,
            recompiled,
            self.cues,
            self.gazetteer,
            self.lexicon,
            self._spec[3],
        )

    def __reduce__(self) -> tuple[Any, ...]:
        rulesets, disable, actors, classes = self._spec
        return (_rebuild, (rulesets, disable, actors, classes))

    def parse_many(
        self,
        texts: Iterable[str],
        *,
        published: dt.date | dt.datetime | str | Sequence[Any] | None = None,
        workers: int = 1,
        chunksize: int = 16,
        timeout: float | None = None,
    ) -> Iterator[Document | ParseFailure]:
        """Parse many texts: an iterator of results in input order, one per text.

        ``published`` is one value for all texts or a sequence with one per text.
        A text that cannot be parsed gives a `ParseFailure` with its index and
        the reason in its place; the others go on. ``workers > 1`` parses in
        that many processes, ``chunksize`` texts at a time; each process gets
        this parser once. Texts are read lazily.

        In worker processes every failure stays with its text: one that cannot
        be pickled, a parse that raises, a worker process that dies while
        parsing it (``"WorkerDied"``) or a parse that takes longer than
        ``timeout`` seconds (``"TimeoutError"``; the worker is stopped and
        replaced). A ``timeout`` parses in a worker process even with
        ``workers=1``; without one, ``workers=1`` parses in this process.
        Raises `ValueError` or `TypeError` at once for bad arguments.
        """
        return parse_many(
            self,
            texts,
            published=published,
            workers=workers,
            chunksize=chunksize,
            timeout=timeout,
        )

    def analyse(self, text: str, published: dt.date | None) -> Context:
        """The layers extraction reads: normalised text, sentences, mentions, quotes, dates."""
        norm = normalise(text)
        sentences = split_sentences(norm.text)
        mentions, dates = self._layers(norm.text, 0, len(norm.text), _anchor(norm.text, published))
        quotes = attribute(norm.text, find_quotes(norm), mentions, self.cues.reporting)
        dates = dates if sentences else []
        tokens = tokenize(norm.text, self.lexicon)
        return Context(
            norm, sentences, mentions, quotes, dates, tokens, windows(norm.text, sentences)
        )

    def parse(self, text: str, *, published: dt.date | dt.datetime | str | None = None) -> Document:
        """Parse one text into a `Document` (see `dipparse.parse`).

        A long text is read in chunks of whole sentences (see `iter_events`): what
        is kept for the whole text is the events, sentences, quotations and actor
        mentions of the `Document`, not the words and tags of every sentence.
        """
        check_text(text)
        day = coerce_published(published)
        norm = normalise(text)
        grouper = Grouper()
        events: list[Event] = []
        sentences: list[Span] = []
        quotes: list[Quote] = []
        actors: list[Actor] = []
        problems: list[ParseWarning] = []
        unanchored: list[str] = []
        resolve = self.extractor.arguments.resolve
        for chunk in self._chunks(norm, _anchor(norm.text, day)):
            ctx, (body_start, body_end) = chunk.ctx, chunk.body
            events.extend(self._events(chunk, grouper, len(events)))
            sentences.extend(norm.span(s, e) for s, e in chunk.sentences)
            for q in ctx.quotes:
                if body_start <= q.start < body_end:
                    quotes.append(
                        Quote(
                            span=norm.span(q.start, q.end),
                            content=norm.span(q.content_start, q.content_end),
                            speaker=resolve(ctx, q.speaker, None) if q.speaker else None,
                            attribution=_attribution(norm, q.attribution)
                            if q.attribution
                            else None,
                        )
                    )
            actors.extend(
                a
                for m in ctx.between(body_start, body_end)
                if m.kind not in (PLACE, ANAPHOR)
                for a in [resolve(ctx, m, None)]
                if a is not None
            )
            problems.extend(_timeouts(ctx))
            if day is None:
                dated = ctx.dates_in(body_start, body_end)
                unanchored.extend(d.text for d in dated if d.date is None)
        _log_unanchored(unanchored)
        return Document(
            text=text,
            published=day,
            sentences=tuple(sentences),
            quotes=tuple(quotes),
            actors=tuple(actors),
            events=tuple(events),
            groups=tuple(grouper.groups()),
            warnings=tuple(problems),
        )

    def iter_events(
        self, text: str, *, published: dt.date | dt.datetime | str | None = None
    ) -> Iterator[Event]:
        """The event mentions of ``text``, yielded as each chunk of it is parsed.

        The same events, in the same order and with the same ids and groups, as
        ``parse(text).events``, but the text is read in chunks of whole sentences
        (about `CHUNK` characters each, plus some context either side) and each
        chunk's words, tags and mentions are released before the next: memory
        stays bounded by the chunk, however long the text, besides the text itself
        and what the caller keeps. Nothing is parsed until the first event is
        asked for. Raises `TypeError` and `ValueError` for bad arguments at once.

        What needs the whole document is not given: the groups' records (each
        event's ``group`` id is), the document's quotations, actor mentions and
        warnings (a rule that runs out of time still warns with a
        `RuntimeWarning`). Use `parse` for those.
        """
        check_text(text)
        day = coerce_published(published)
        return self._iter_events(text, day)

    def _iter_events(self, text: str, day: dt.date | None) -> Iterator[Event]:
        grouper = Grouper(records=False)
        count = 0
        norm = normalise(text)
        for chunk in self._chunks(norm, _anchor(norm.text, day)):
            for event in self._events(chunk, grouper, count):
                count += 1
                yield event

    def _chunks(
        self, norm: NormalisedText, anchor: tuple[dt.date | None, DateBasis]
    ) -> Iterator[_Chunk]:
        """The text's sentences in chunks of about `CHUNK` characters, each with its context.

        A chunk's context reaches at least `_LOOKBACK` characters (whole sentences)
        before it, for anaphors' antecedents and quotations' speakers, and
        `_LOOKAHEAD` after (at least to the end of the next sentence), for mentions
        and attributions that run on: what
        extraction reads of a sentence lies within them, so that a chunked parse
        finds what one pass over the whole text would.
        """
        text = norm.text
        all_quotes = find_quotes(norm)
        quote_starts = [q[0] for q in all_quotes]
        sentences = iter_sentences(text)
        history: deque[tuple[int, int]] = deque()  # before the chunk, in its context
        ahead: deque[tuple[int, int]] = deque()  # read, not yet in a chunk

        def read_until(pos: int) -> None:
            """Read the sentences that start before ``pos`` (and one more)."""
            while not ahead or ahead[-1][0] < pos:
                sentence = next(sentences, None)
                if sentence is None:
                    return
                ahead.append(sentence)

        while True:
            read_until(0)
            if not ahead:
                return
            batch = [ahead.popleft()]
            while batch[-1][1] - batch[0][0] < CHUNK:
                read_until(batch[-1][1] + 1)
                if not ahead:
                    break
                batch.append(ahead.popleft())
            body = (batch[0][0], batch[-1][1])
            floor = body[0] - _LOOKBACK
            open_at = bisect_left(quote_starts, body[0]) - 1
            if open_at >= 0 and all_quotes[open_at][1] > body[0]:
                # A quotation that runs into the chunk: its speaker's context too.
                floor = min(floor, all_quotes[open_at][0] - _LOOKBACK)
            while len(history) > 1 and history[1][0] <= floor:
                history.popleft()
            lo = history[0][0] if history else body[0]
            # At least the next sentence: a quotation's attribution may run into it.
            read_until(body[1] + _LOOKAHEAD)
            hi = min(len(text), max(body[1] + _LOOKAHEAD, ahead[0][1] if ahead else 0))
            following = [s for s in ahead if s[0] < hi]
            mentions, dates = self._layers(text, lo, hi, anchor)
            first = bisect_left(quote_starts, lo)
            if first > 0 and all_quotes[first - 1][1] > lo:
                first -= 1  # a quotation that opened before the context and runs into it
            near = all_quotes[first : bisect_left(quote_starts, hi)]
            yield _Chunk(
                Context(
                    norm,
                    [*history, *batch, *following],
                    mentions,
                    attribute(text, near, mentions, self.cues.reporting),
                    dates,
                    tokenize(text, self.lexicon, body[0], body[1]),
                    windows(text, batch),
                ),
                body,
                batch,
            )
            history.extend(batch)
            # The spans made for this chunk are the document's now: the next chunk
            # makes its own (a span is shared within a sentence, not across chunks).
            norm.clear_spans()

    def _layers(
        self, text: str, lo: int, hi: int, anchor: tuple[dt.date | None, DateBasis]
    ) -> tuple[list[Mention], list[DateMention]]:
        """The actor and date mentions of ``text[lo:hi]``, none inside a dateline,
        byline or credit line (a dateline's place is no actor, its date no event's)."""
        day, basis = anchor
        # The gazetteer reads a copy of the context: its scan prepares the whole
        # string it is given (a lower-case copy, a check of every character). Its
        # words are split once, for the date scan too.
        context = text if (lo, hi) == (0, len(text)) else text[lo:hi]
        words = Words(context)
        found = self.gazetteer.find(context, published=day, words=words)
        credits = credit_spans(text, lo, hi)
        return (
            _outside(_shifted(found, lo), credits),
            _outside(find_dates(text, lo, hi, day, basis, words), credits),
        )

    def _events(self, chunk: _Chunk, grouper: Grouper, before: int) -> Iterator[Event]:
        """The events of one chunk, numbered after ``before`` earlier ones, grouped."""
        ctx = chunk.ctx
        bases = {}
        for d in ctx.dates:
            where = ctx.norm.span(d.start, d.end)
            bases[where.start, where.end] = d.basis
        for n, e in enumerate(self.extractor.extract(ctx), before + 1):
            basis = e.date_basis
            if e.date_text is not None:
                basis = bases.get((e.date_text.start, e.date_text.end), e.date_basis)
            e = attrs.evolve(e, id=f"m{n}", date_basis=basis, group=grouper.assign(e))
            grouper.add(e)
            yield e


def _as_tuple(value: object, name: str, what: str) -> tuple[Any, ...]:
    """``value`` as a tuple, or a `TypeError` naming the argument when it is not iterable."""
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be an iterable of {what}, not {type(value).__name__}")
    return tuple(value)


def _event_classes(value: object) -> dict[str, type[Event]]:
    """``event_classes`` checked: a mapping of kind names to `Event` subclasses."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(
            f"event_classes must be a mapping of kind names to Event subclasses, "
            f"not {type(value).__name__}"
        )
    for kind, cls in value.items():
        if not isinstance(kind, str) or not (isinstance(cls, type) and issubclass(cls, Event)):
            raise TypeError(
                f"event_classes must map kind names (str) to Event subclasses, "
                f"not {kind!r}: {cls!r}"
            )
    return dict(value)


@frozen
class _Chunk:
    """A run of whole sentences and what extraction reads of it and around it."""

    ctx: Context
    body: tuple[int, int]  # from the first sentence's start to the last one's end
    sentences: list[tuple[int, int]]


# How many characters of sentences a chunk holds (a chunk ends after the sentence that
# reaches this size), and how far its context reaches either side. The lookback is
# more than the farthest an anaphor's antecedent is looked for (5,000 characters).
CHUNK = 100_000
_LOOKBACK = 6_000
_LOOKAHEAD = 1_000


_Spanned = TypeVar("_Spanned", Mention, DateMention)


def _outside(items: list[_Spanned], spans: Sequence[tuple[int, int]]) -> list[_Spanned]:
    """The items (in text order) that lie inside none of ``spans`` (in text order)."""
    if not spans:
        return items
    starts = [s for s, _ in spans]

    def inside(item: _Spanned) -> bool:
        i = bisect_right(starts, item.start) - 1
        return i >= 0 and item.end <= spans[i][1]

    return [item for item in items if not inside(item)]


def _anchor(text: str, published: dt.date | None) -> tuple[dt.date | None, DateBasis]:
    """The day relative dates count from, and its basis: the publication date, else the
    day of the text's dateline, if it names one with its year (see `dateline_day`)."""
    if published is not None:
        return published, "published"
    return dateline_day(text), "dateline"


def _shifted(mentions: list[Mention], offset: int) -> list[Mention]:
    """Mentions found in a slice of the text that starts at ``offset``, in the text's offsets."""
    if not offset:
        return mentions
    return [_moved(m, offset) for m in mentions]


def _moved(m: Mention, offset: int) -> Mention:
    """``m`` (and the mentions it holds) ``offset`` characters further on.

    Built field by field, which is several times faster than `attrs.evolve`: every
    field of `Mention` is passed (a test checks that none is left out).
    """
    return Mention(
        m.start + offset,
        m.end + offset,
        m.name,
        m.kind,
        m.country,
        m.role,
        m.anaphor,
        m.possessive,
        m.source,
        tuple([_moved(x, offset) for x in m.members]) if m.members else (),
        None if m.speaks_for is None else _moved(m.speaks_for, offset),
    )


def _timeouts(ctx: Context) -> Iterator[ParseWarning]:
    """A warning for each rule that ran out of time on a window of this chunk."""
    for code, name, start, end in ctx.timeouts:
        what = (
            f"rule {name!r} gave up after {MATCH_TIMEOUT}s on this sentence and found nothing in it"
            if code == "rule-timeout"
            else f"topic {name!r} gave up after {MATCH_TIMEOUT}s on an event's words here"
        )
        yield ParseWarning(
            code=code,
            rule=name,
            span=ctx.norm.span(start, end),
            message=f"{what}; its pattern may backtrack catastrophically",
        )


def _log_unanchored(unanchored: Sequence[str]) -> None:
    """Log (at INFO, on the ``"dipparse"`` logger) the relative dates left unresolved
    because the text has no publication date."""
    if unanchored and logger.isEnabledFor(logging.INFO):
        logger.info(
            "no publication date: %d date phrase(s) left unresolved (%s)",
            len(unanchored),
            ", ".join(repr(t) for t in unanchored[:5]),
        )


def _attribution(norm: NormalisedText, span: tuple[int, int]) -> Span:
    """The attribution's words, without the comma and spaces that join it to the quote."""
    start, end = span
    while start < end and (norm.text[start].isspace() or norm.text[start] in ",:;-"):
        start += 1
    while end > start and norm.text[end - 1].isspace():
        end -= 1
    return norm.span(start, end)


def _with_lexicon(rule: Rule, lists: Mapping[str, Sequence[str]], lexicon: Lexicon) -> Rule:
    """``rule`` with its token patterns compiled against ``lexicon``, and its keywords
    read again from them (unless the rule gives its own)."""
    pattern = _again(rule.token_pattern, rule.tokens, lists, lexicon)
    keywords = rule.keywords
    if rule.token_pattern is not None and keywords == tuple(
        sorted(rule.token_pattern.trigger_lemmas)
    ):
        keywords = tuple(sorted(pattern.trigger_lemmas))
    return attrs.evolve(
        rule,
        keywords=keywords,
        token_pattern=pattern,
        unless_tokens=_again(rule.unless_tokens, rule.unless, lists, lexicon)
        if rule.unless
        else None,
    )


def _again(
    compiled: TokenPattern | None, tokens: str, lists: Mapping[str, Sequence[str]], lexicon: Lexicon
) -> TokenPattern:
    """The token pattern ``tokens`` compiled against this parser's lexicon: the one
    compiled at load (``compiled``) when the lexicon reads its words the same."""
    if compiled is None or compiled.source != tokens:
        return compile_token_pattern(tokens, lists, lexicon)
    return recompile(compiled, lists, lexicon)


def _rebuild(
    rulesets: Sequence[RuleSetSpec],
    disable: Sequence[str],
    actors: Sequence[ActorEntry],
    classes: Mapping[str, type[Event]],
) -> Parser:
    return Parser(rulesets, disable=disable, actors=actors, event_classes=classes)


def _later_wins(entries: Sequence[ActorEntry]) -> list[ActorEntry]:
    """Drop the surface forms of earlier entries that a later entry claims."""
    claimed: set[str] = set()
    out: list[ActorEntry] = []
    for entry in reversed(entries):
        forms = [f for f in entry.surface_forms() if f not in claimed]
        claimed.update(entry.surface_forms())
        claimed.update(entry.demonyms)
        if forms:
            out.append(entry)
    return list(reversed(out))


_default: Parser | None = None


def default_parser() -> Parser:
    """The shared parser with the built-in rules, built on first use."""
    global _default
    if _default is None:
        _default = Parser()
    return _default


def parse(text: str, *, published: dt.date | dt.datetime | str | None = None) -> Document:
    """Parse ``text`` with the built-in English rules.

    ``published`` (a date, a datetime, an ISO string or None) anchors relative
    dates such as "on Saturday". Raises `TypeError` when ``text`` is not a
    `str`; an empty text gives an empty `Document`.
    """
    return default_parser().parse(text, published=published)


__all__ = [
    "ParseFailure",
    "Parser",
    "RuleSetError",
    "coerce_published",
    "default_parser",
    "parse",
]
