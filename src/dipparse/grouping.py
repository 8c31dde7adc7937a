"""Document level: the mentions of one event grouped, and responses linked.

Two mentions belong to one event when they are of the same kind and
negation, their actors agree (the same state or name; one of a joint actor's
states only when the topics agree too) and their topics do not differ. An
acceptance or rejection answers the offer or demand of another actor that
shares its topic or whose actor it names as target.
"""

from __future__ import annotations

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
    for event in events:
        home = next((g for g in reversed(groups) if g.accepts(event)), None)
        if home is None:
            home = _Group(event)
            groups.append(home)
        else:
            home.add(event)
        membership[event.id] = groups.index(home)
    built = [_build(f"g{i + 1}", g) for i, g in enumerate(groups)]
    built = [evolve(g, responds_to=_answered_by(g, built)) for g in built]
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
