"""The readable table of a document's events that ``dipparse parse`` prints.

Every column is as wide as its widest cell. When a ``width`` is given and the
table is wider, only the text columns (actor and target, trigger, content)
give up room (content keeps the largest share), none below a few characters, and a cell
cut short ends in ``…``; ids, kinds, flags, sentence numbers and groups are
never cut.

>>> import dipparse
>>> doc = dipparse.parse("China rejected the US proposal on Monday.", published="2025-03-12")
>>> print(format_table(doc, "news.txt"))
# news.txt: 2 events in 2 groups
id  kind       actor -> target         trigger   content          flags        sent  group
m1  rejection  China -> United States  rejected  the US proposal  @2025-03-10     1  g1
m2  offer      United States -> -      proposal  Monday           -               1  g2
g1: rejection by China (general, CAMEO 120, 1 mention) answers g2
g2: offer by United States (general, CAMEO 030, 1 mention)
>>> print(format_table(doc, "news.txt", width=60).splitlines()[2])
m1  rejection  China -> Unite…  rejected  the US prop…  @2025-03-10     1  g1
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from dipparse.models import Document, Event

_GAP = "  "


@frozen
class _Column:
    title: str
    shrink_to: int | None  # None: never cut
    share: int = 1  # of the room left, when cut: content keeps the most
    right: bool = False


_COLUMNS = (
    _Column("id", None),
    _Column("kind", None),
    _Column("actor -> target", 15, share=3),
    _Column("trigger", 8, share=2),
    _Column("content", 12, share=4),
    _Column("flags", None),
    _Column("sent", None, right=True),
    _Column("group", None),
)


def plural(count: int, word: str) -> str:
    """``"1 event"``, ``"2 events"``, ``"0 events"``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _flags(e: Event) -> str:
    names = [n for n in ("negated", "hedged", "conditional", "quoted") if getattr(e, n)]
    date = f"@{e.date.isoformat()}" if e.date else ""
    return " ".join(filter(None, [",".join(names), date])) or "-"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cells(doc: Document) -> list[list[str]]:
    index = {(s.start, s.end): i + 1 for i, s in enumerate(doc.sentences)}
    rows = []
    for e in doc.events:
        actor = e.actor.name if e.actor else "?"
        target = e.target.name if e.target else "-"
        rows.append(
            [
                e.id,
                e.type,
                _one_line(f"{actor} -> {target}"),
                _one_line(e.trigger.text),
                _one_line(e.content.text) if e.content else "-",
                _flags(e),
                str(index.get((e.sentence.start, e.sentence.end), 0)),
                e.group or "",
            ]
        )
    return rows


def column_widths(rows: Sequence[Sequence[str]], width: int | None) -> list[int]:
    """Each column's width: its widest cell, narrowed (text columns only) to fit ``width``."""
    widths = [max([len(c.title), *(len(row[i]) for row in rows)]) for i, c in enumerate(_COLUMNS)]
    if width is None:
        return widths
    excess = sum(widths) + len(_GAP) * (len(widths) - 1) - width
    while excess > 0:
        room = [
            (widths[i] / c.share, i)
            for i, c in enumerate(_COLUMNS)
            if c.shrink_to is not None and widths[i] > max(c.shrink_to, len(c.title))
        ]
        if not room:
            break
        _, widest = max(room)
        widths[widest] -= 1
        excess -= 1
    return widths


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(doc: Document, name: str, width: int | None = None) -> str:
    """The events of ``doc`` as a table headed by ``name``, then one line per event group.

    ``width`` is the most characters a line should take (the terminal's
    width); None never cuts a cell.
    """
    rows = _cells(doc)
    widths = column_widths(rows, width)
    lines = [f"# {name}: {plural(len(doc.events), 'event')} in {plural(len(doc.groups), 'group')}"]
    for row in [[c.title for c in _COLUMNS], *rows]:
        cells = [
            _fit(cell, w).rjust(w) if column.right else _fit(cell, w).ljust(w)
            for cell, w, column in zip(row, widths, _COLUMNS, strict=True)
        ]
        lines.append(_GAP.join(cells).rstrip())
    for g in doc.groups:
        reply = f" answers {g.responds_to}" if g.responds_to else ""
        actor = g.actor.name if g.actor else "?"
        lines.append(
            f"{g.id}: {g.type} by {actor} ({g.topic or 'general'}, CAMEO {g.cameo}, "
            f"{plural(len(g.mentions), 'mention')}){reply}"
        )
    return "\n".join(lines)


__all__ = ["column_widths", "format_table", "plural"]
