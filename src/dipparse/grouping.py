"""Document level: the mentions of one event grouped, and responses linked.

Two mentions belong to one event when they are of the same kind and
negation, their actors agree (the same state or name; one of a joint actor's
states only when the topics agree too) and their topics do not differ. An
acceptance or rejection answers the offer or demand of another actor that
shares its topic, whose actor it names as target, or that was addressed to
its own actor ("Uruguay offered Argentina the use of its port. Its neighbour
welcomed the offer": the actor, resolved, is Argentina).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Sequence

from attrs import evolve

from dipparse.dates import DateBasis
from dipparse.models import Actor, Event, EventGroup, Span

_ANSWERS = {"acceptance", "rejection"}
_ANSWERED = {"offer", "demand"}


def _key(actor: Actor | None) -> frozenset[str]:
    if actor is None:
        return frozenset()
    if actor.countries:
        return frozenset(actor.countries)
    return frozenset({actor.name})


class _Group:
    """One group as it grows: what `accepts` reads and what its `EventGroup` is built from.

    It keeps what the group's record needs (first values, counts, the mention ids),
    not the events themselves, so that grouping a stream holds no event.
    """

    def __init__(self, first: Event, records: bool = True) -> None:
        self.records = records
        self.type = first.type
        self.negated = first.negated
        self.key = _key(first.actor)
        self.topic = first.topic
        self.mentions: list[str] = []
        self.names: Counter[str] = Counter()
        self.actors: dict[str, Actor] = {}  # the first actor of each name
        self.target: Actor | None = None
        self.first_content = first.content
        self.topic_content = first.content if first.topic is not None else None
        self.any_content: Span | None = None
        self.date: dt.date | None = None
        self.date_basis: DateBasis | None = None
        self.cameo: str | None = None
        self.plover: str | None = None
        self.plover_mode: str | None = None

    def accepts(self, event: Event) -> bool:
        if event.type != self.type or event.negated != self.negated:
            return False
        key = _key(event.actor)
        if not key or not self.key:
            return False
        topic = event.topic
        if key == self.key:
            return topic is None or self.topic is None or topic == self.topic
        if key < self.key or self.key < key:
            return topic is not None and topic == self.topic
        return False

    def add(self, event: Event) -> None:
        if not self.records:
            self.topic = self.topic if self.topic is not None else event.topic
            return
        if self.mentions and self.topic is None and event.topic is not None:
            self.topic_content = event.content
        if self.topic is None:
            self.topic = event.topic
        self.mentions.append(event.id)
        if event.actor is not None:
            self.names[event.actor.name] += 1
            self.actors.setdefault(event.actor.name, event.actor)
        if self.target is None:
            self.target = event.target
        if self.any_content is None:
            self.any_content = event.content
        if self.date is None and event.date is not None:
            self.date, self.date_basis = event.date, event.date_basis
        if event.cameo and (self.cameo is None or len(event.cameo) > len(self.cameo)):
            self.cameo = event.cameo
        self.plover = self.plover or event.plover
        self.plover_mode = self.plover_mode or event.plover_mode

    def build(self, group_id: str) -> EventGroup:
        actor = None
        if self.names:
            actor = self.actors[self.names.most_common(1)[0][0]]
        content = self.topic_content if self.topic_content is not None else self.first_content
        extra = {"date_basis": self.date_basis} if self.date_basis is not None else {}
        return EventGroup(
            id=group_id,
            type=self.type,
            mentions=tuple(self.mentions),
            actor=actor,
            target=self.target,
            content=content or self.any_content,
            date=self.date,
            topic=self.topic,
            cameo=self.cameo,
            plover=self.plover,
            plover_mode=self.plover_mode,
            negated=self.negated,
            **extra,
        )


class Grouper:
    """Groups event mentions one at a time, in text order, as `group_events` does.

    `assign` gives the id of the group an event joins (before it is added), `add`
    records it there, `groups` builds the groups with their responses linked.
    With ``records=False`` a group keeps only what deciding membership needs
    (kind, negation, actor, topic), not its mentions: `groups` is then not
    available, and memory grows with the number of groups, not of events.
    """

    def __init__(self, *, records: bool = True) -> None:
        self.records = records
        self._groups: list[_Group] = []
        # A group that accepts an event shares a country or name with it: the groups
        # are indexed by kind, negation and each element of their key, so an event is
        # tried against those only, the latest first (as a scan of all groups would).
        self._index: dict[tuple[str, bool, str], list[int]] = {}
        self._pending: tuple[Event, int] | None = None

    def assign(self, event: Event) -> str:
        """The id of the group ``event`` belongs to (a new group's when none accepts it)."""
        key = _key(event.actor)
        lists = [self._index.get((event.type, event.negated, k), []) for k in key]
        for at in heapq.merge(*(reversed(li) for li in lists), reverse=True):
            if self._groups[at].accepts(event):
                self._pending = (event, at)
                return f"g{at + 1}"
        at = len(self._groups)
        self._groups.append(_Group(event, self.records))
        for k in key:
            self._index.setdefault((event.type, event.negated, k), []).append(at)
        self._pending = (event, at)
        return f"g{at + 1}"

    def add(self, event: Event) -> None:
        """Record ``event`` (the one just assigned, as it is kept) in its group."""
        assert self._pending is not None
        self._groups[self._pending[1]].add(event)
        self._pending = None

    def groups(self) -> list[EventGroup]:
        """The groups so far, in order of their first mention, responses linked."""
        if not self.records:
            raise ValueError("a Grouper made with records=False keeps no group records")
        built = [g.build(f"g{i + 1}") for i, g in enumerate(self._groups)]
        answered = _Answered(built)
        return [evolve(g, responds_to=answered.by(g)) for g in built]


def group_events(events: Sequence[Event]) -> tuple[list[Event], list[EventGroup]]:
    """Assign each mention a group and build the groups, responses linked."""
    grouper = Grouper()
    grouped = []
    for event in events:
        event = evolve(event, group=grouper.assign(event))
        grouper.add(event)
        grouped.append(event)
    return grouped, grouper.groups()


class _Answered:
    """The offers and demands of a document, indexed by topic and by actor key."""

    def __init__(self, groups: Sequence[EventGroup]) -> None:
        self.groups = groups
        self.keys = [_key(g.actor) for g in groups]
        self.by_topic: dict[str, list[int]] = {}
        self.by_key: dict[str, list[int]] = {}
        self.by_target: dict[str, list[int]] = {}
        self.position = {id(g): p for p, g in enumerate(groups)}
        for position, other in enumerate(groups):
            if other.type not in _ANSWERED:
                continue
            if other.topic is not None:
                self.by_topic.setdefault(other.topic, []).append(position)
            for k in self.keys[position]:
                self.by_key.setdefault(k, []).append(position)
            for k in _key(other.target):
                self.by_target.setdefault(k, []).append(position)

    def by(self, group: EventGroup) -> str | None:
        """The group ``group`` answers, as `_answered_by` finds it (trying fewer groups)."""
        if group.type not in _ANSWERS:
            return None
        own = _key(group.actor)
        target = _key(group.target)
        # The best is the earliest of the highest score: 4 (topic and target), else 2.
        # Offers by whom it names, and earlier offers made to its own actor by another.
        here = self.position[id(group)]
        addressed = (
            p for k in own for p in self.by_target.get(k, []) if p < here and not own & self.keys[p]
        )
        named = heapq.merge(*(self.by_key.get(k, []) for k in target), iter(sorted(set(addressed))))
        same_topic = self.by_topic.get(group.topic, []) if group.topic is not None else []
        first_named = None
        for position in named:
            if not self._eligible(group, position, own):
                continue
            if group.topic is not None and self.groups[position].topic == group.topic:
                return self.groups[position].id
            if first_named is None:
                first_named = position
        first_topic = next((p for p in same_topic if self._eligible(group, p, own)), None)
        found = [p for p in (first_named, first_topic) if p is not None]
        return self.groups[min(found)].id if found else None

    def _eligible(self, group: EventGroup, position: int, own: frozenset[str]) -> bool:
        theirs = self.keys[position]
        return self.groups[position].id != group.id and not (theirs and theirs == own)


def _answered_by(group: EventGroup, groups: Sequence[EventGroup]) -> str | None:
    if group.type not in _ANSWERS:
        return None
    own = _key(group.actor)
    target = _key(group.target)
    here = next(p for p, g in enumerate(groups) if g is group)
    best: tuple[int, int, str] | None = None
    for position, other in enumerate(groups):
        if other.type not in _ANSWERED or other.id == group.id:
            continue
        theirs = _key(other.actor)
        if theirs and theirs == own:
            continue
        score = 0
        if group.topic is not None and group.topic == other.topic:
            score += 2
        addressed = position < here and own & _key(other.target) and not own & theirs
        if (target and theirs and target & theirs) or addressed:
            score += 2
        if score >= 2 and (best is None or score > best[0]):
            best = (score, -position, other.id)
    return best[2] if best else None
