"""Document level: the mentions of one event grouped, and responses linked.

Two mentions belong to one event when they are of the same kind and
negation, their actors agree (the same state or name; one of a joint actor's
states only when the topics agree too) and their topics do not differ. An
acceptance or rejection answers the offer or demand of another actor that
shares its topic or whose actor it names as target.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

from attrs import evolve

from dipparse.models import Actor, Event, EventGroup

_ANSWERS = {"acceptance", "rejection"}
_ANSWERED = {"offer", "demand"}


def _key(actor: Actor | None) -> frozenset[str]:
    if actor is None:
        return frozenset()
    if actor.countries:
        return frozenset(actor.countries)
    return frozenset({actor.name})


class _Group:
    def __init__(self, first: Event) -> None:
        self.events = [first]
        self.key = _key(first.actor)
        self.topic = first.topic

    def accepts(self, event: Event) -> bool:
        first = self.events[0]
        if event.type != first.type or event.negated != first.negated:
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
        self.events.append(event)
        if self.topic is None:
            self.topic = event.topic


def group_events(events: Sequence[Event]) -> tuple[list[Event], list[EventGroup]]:
    """Assign each mention a group and build the groups, responses linked."""
    groups: list[_Group] = []
    membership: dict[str, int] = {}
    # A group that accepts an event shares a country or name with it: the groups
    # are indexed by kind, negation and each element of their key, so an event is
    # tried against those only, the latest first (as a scan of all groups would).
    index: dict[tuple[str, bool, str], list[int]] = {}
    for event in events:
        home_at = None
        key = _key(event.actor)
        lists = [index.get((event.type, event.negated, k), []) for k in key]
        for at in heapq.merge(*(reversed(li) for li in lists), reverse=True):
            if groups[at].accepts(event):
                home_at = at
                break
        if home_at is None:
            home_at = len(groups)
            groups.append(_Group(event))
            for k in key:
                index.setdefault((event.type, event.negated, k), []).append(home_at)
        else:
            groups[home_at].add(event)
        membership[event.id] = home_at
    built = [_build(f"g{i + 1}", g) for i, g in enumerate(groups)]
    answered = _Answered(built)
    built = [evolve(g, responds_to=answered.by(g)) for g in built]
    grouped = [evolve(e, group=f"g{membership[e.id] + 1}") for e in events]
    return grouped, built


def _build(group_id: str, group: _Group) -> EventGroup:
    events = group.events
    names = Counter(e.actor.name for e in events if e.actor is not None)
    actor = None
    if names:
        top = names.most_common(1)[0][0]
        actor = next(e.actor for e in events if e.actor is not None and e.actor.name == top)
    with_topic = next((e for e in events if e.topic is not None), events[0])
    codes = sorted((e.cameo for e in events if e.cameo), key=len, reverse=True)
    return EventGroup(
        id=group_id,
        type=events[0].type,
        mentions=tuple(e.id for e in events),
        actor=actor,
        target=next((e.target for e in events if e.target is not None), None),
        content=with_topic.content or next((e.content for e in events if e.content), None),
        date=next((e.date for e in events if e.date is not None), None),
        topic=group.topic,
        cameo=codes[0] if codes else None,
        plover=next((e.plover for e in events if e.plover), None),
        plover_mode=next((e.plover_mode for e in events if e.plover_mode), None),
        negated=events[0].negated,
    )


class _Answered:
    """The offers and demands of a document, indexed by topic and by actor key."""

    def __init__(self, groups: Sequence[EventGroup]) -> None:
        self.groups = groups
        self.keys = [_key(g.actor) for g in groups]
        self.by_topic: dict[str, list[int]] = {}
        self.by_key: dict[str, list[int]] = {}
        for position, other in enumerate(groups):
            if other.type not in _ANSWERED:
                continue
            if other.topic is not None:
                self.by_topic.setdefault(other.topic, []).append(position)
            for k in self.keys[position]:
                self.by_key.setdefault(k, []).append(position)

    def by(self, group: EventGroup) -> str | None:
        """The group ``group`` answers, as `_answered_by` finds it (trying fewer groups)."""
        if group.type not in _ANSWERS:
            return None
        own = _key(group.actor)
        target = _key(group.target)
        # The best is the earliest of the highest score: 4 (topic and target), else 2.
        named = heapq.merge(*(self.by_key.get(k, []) for k in target)) if target else iter(())
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
        if target and theirs and target & theirs:
            score += 2
        if score >= 2 and (best is None or score > best[0]):
            best = (score, -position, other.id)
    return best[2] if best else None
