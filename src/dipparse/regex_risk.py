r"""Catastrophic backtracking: a small reader of regex syntax, enough to find a loop
whose body can match the same text in more than one way ("(a+)+", "(?:\w+\s*)+",
"(a|aa)+"), the shape that makes a failing match take time exponential in the length
of the text.

`backtracking_risk` reads one pattern and says what is wrong with it, or None. The
rule-set loader asks it about the ``/regex/`` elements of token patterns and about the
regex each token pattern compiles to, and warns (`dipparse.RuleSetWarning`) when the
rule set loads; ``dipparse rules check`` reports the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import regex

# A character set, roughly, as tokens: "w" word characters, "s" spaces, "P" any
# punctuation, "P-,;" any punctuation but those, "c:x" the one character x.
_Chars: TypeAlias = frozenset[str]
_W: _Chars = frozenset({"w"})
_S: _Chars = frozenset({"s"})
_ANY: _Chars = frozenset({"w", "s", "P"})
_ESCAPED_CLASSES: dict[str, _Chars] = {
    **dict.fromkeys("wdpL", _W),
    **dict.fromkeys("shvntr", _S),
    **dict.fromkeys("DNPX", _ANY),
    "W": frozenset({"s", "P"}),
    "S": frozenset({"w", "P"}),
}
_ZERO_WIDTH = frozenset("bBAZzGKmM")
_QUANTIFIER = regex.compile(r"\*|\+|\?|\{(\d*)(?:(,)(\d*))?\}")
_GROUP_HEAD = regex.compile(
    r"\((?:\?(?:P?<(?![=!])\w+>|P=\w+\)|[:|>]|<?[=!]|#[^)]*\)|[a-zA-Z\-]+[:)]|\()?)?"
)
_HEX = regex.compile(r"\{[0-9a-fA-F]+\}|[0-9a-fA-F]{2}")


def _char(ch: str) -> _Chars:
    return frozenset({"c:" + ch.lower()})


def _token_overlap(a: str, b: str) -> bool:
    if a == b:
        return True
    if b.startswith("c:"):
        a, b = b, a
    if a.startswith("c:"):
        ch = a[2:]
        word, space = ch.isalnum() or ch == "_", ch.isspace()
        if b == "w":
            return word
        if b == "s":
            return space
        if b.startswith("P"):
            return not word and not space and ch not in b[2:]
        return False
    return a.startswith("P") and b.startswith("P")


def _overlap(a: _Chars, b: _Chars) -> bool:
    return any(_token_overlap(x, y) for x in a for y in b)


class _Node:
    """A piece of a pattern: its place in the text, what it matches, how often."""

    __slots__ = ("chars", "children", "end", "kind", "max", "min", "mode", "start")

    def __init__(self, kind: str, start: int) -> None:
        self.kind = kind  # atom, empty (zero-width), seq, alt, group, atomic, look, quant
        self.start = start
        self.end = start
        self.children: list[_Node] = []
        self.chars: _Chars = frozenset()
        self.min = 1
        self.max: int | None = 1
        self.mode = ""  # of a quantifier: "" greedy, "?" lazy, "+" possessive

    def all_chars(self) -> _Chars:
        if self.kind == "atom":
            return self.chars
        return frozenset().union(*(c.all_chars() for c in self.children if c.kind != "look"))

    def first_chars(self) -> _Chars:
        """What the first character of a match can be."""
        if self.kind == "atom":
            return self.chars
        if self.kind in ("empty", "look"):
            return frozenset()
        if self.kind != "seq":
            return frozenset().union(*(c.first_chars() for c in self.children))
        out: set[str] = set()
        for child in self.children:
            out |= child.first_chars()
            if child.mandatory():
                break
        return frozenset(out)

    def mandatory(self) -> bool:
        """Whether every match of this node consumes at least one character."""
        if self.kind == "atom":
            return True
        if self.kind in ("empty", "look"):
            return False
        if self.kind == "quant":
            return self.min > 0 and self.children[0].mandatory()
        if self.kind == "seq":
            return any(c.mandatory() for c in self.children)
        return all(c.mandatory() for c in self.children)

    def loops(self) -> bool:
        """Whether it is or holds a backtracking loop that may run long."""
        if self.kind in ("atomic", "look"):
            return False
        if self.kind == "quant" and self.mode != "+" and (self.max is None or self.max > 10):
            return True
        return any(c.loops() for c in self.children)

    def literal(self) -> str | None:
        """The text it matches when that is fixed ("have"), else None."""
        if self.kind == "atom" and len(self.chars) == 1:
            (token,) = self.chars
            return token[2:] if token.startswith("c:") else None
        if self.kind == "seq":
            parts = [c.literal() for c in self.children]
            return None if None in parts else "".join(p for p in parts if p)
        if self.kind in ("group", "alt") and len(self.children) == 1:
            return self.children[0].literal()
        return None


class _PatternReader:
    """Reads a pattern into `_Node` trees (unknown syntax reads as any character)."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def alternation(self) -> _Node:
        alt = _Node("alt", self.i)
        alt.children.append(self.sequence())
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            alt.children.append(self.sequence())
        alt.end = self.i
        return alt

    def sequence(self) -> _Node:
        seq = _Node("seq", self.i)
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            seq.children.append(self.quantified(self.item()))
        seq.end = self.i
        return seq

    def quantified(self, item: _Node) -> _Node:
        q = _QUANTIFIER.match(self.p, self.i)
        if q is None:
            return item
        node = _Node("quant", item.start)
        node.children.append(item)
        low, comma, high = q.groups()
        node.min = {"*": 0, "+": 1, "?": 0}.get(q.group(), int(low or 0))
        node.max = {"*": None, "+": None, "?": 1}.get(
            q.group(), (int(high) if high else None) if comma else node.min
        )
        self.i = q.end()
        if self.p[self.i : self.i + 1] in ("?", "+"):
            node.mode = self.p[self.i]
            self.i += 1
        node.end = self.i
        return node

    def item(self) -> _Node:
        ch = self.p[self.i]
        if ch == "(":
            return self.group()
        if ch == "\\":
            return self.escape()
        node = _Node("atom", self.i)
        if ch == "[":
            node.chars = self.char_set()
        else:
            node.kind = "empty" if ch in "^$" else "atom"
            node.chars = _ANY if ch == "." else _char(ch)
            self.i += 1
        node.end = self.i
        return node

    def group(self) -> _Node:
        head = _GROUP_HEAD.match(self.p, self.i)
        assert head is not None  # it always matches the "("
        text = head.group()
        self.i = head.end()
        if text.startswith("(?P="):  # a back-reference
            node = _Node("atom", head.start())
            node.chars = _ANY
        elif text.endswith(")"):  # a comment or inline flags: "(?i)"
            node = _Node("empty", head.start())
        else:
            kinds = {"(?>": "atomic", "(?=": "look", "(?!": "look", "(?<=": "look"}
            node = _Node(kinds.get(text, "look" if text == "(?<!" else "group"), head.start())
            node.children.append(self.alternation())
            if self.p[self.i : self.i + 1] == ")":
                self.i += 1
        node.end = self.i
        return node

    def escape(self) -> _Node:
        p, start = self.p, self.i
        node = _Node("atom", start)
        letter = p[start + 1 : start + 2] or "\\"
        self.i = start + 2
        if (letter in "pPN" and p[self.i : self.i + 1] == "{") or letter == "L":
            self.i = p.find("}" if letter != "L" else ">", self.i) + 1 or len(p)
        hex_code = _HEX.match(p, self.i) if letter == "x" else None
        if hex_code is not None:
            self.i = hex_code.end()
            node.chars = _char(chr(int(hex_code.group().strip("{}"), 16)))
        elif letter in _ZERO_WIDTH:
            node.kind = "empty"
        elif letter.isdigit():
            node.chars = _ANY  # a back-reference
        else:
            node.chars = _ESCAPED_CLASSES.get(letter, _char(letter))
        node.end = self.i
        return node

    def char_set(self) -> _Chars:
        p = self.p
        self.i += 1
        negated = p[self.i : self.i + 1] == "^"
        self.i += negated
        members: set[str] = set()
        depth, first = 1, True
        while self.i < len(p) and depth:
            ch = p[self.i]
            if ch == "]" and not first:
                depth -= 1
                self.i += 1
            elif ch == "[":
                depth += 1
                members |= _ANY  # set operations: read as any character
                self.i += 1
            elif ch == "\\":
                members |= self.escape().chars
            elif p[self.i + 1 : self.i + 2] == "-" and p[self.i + 2 : self.i + 3] not in ("]", ""):
                low, high = ch, p[self.i + 2]
                members |= (
                    _char(low) | _char(high)
                    if low == high
                    else (_W if low.isalnum() and high.isalnum() else _ANY)
                )
                self.i += 3
            else:
                members |= _char(ch)
                self.i += 1
            first = False
        if not negated:
            return frozenset(members)
        # [^...]: any character but those; only named punctuation is kept out.
        kept_out = "".join(t[2:] for t in members if t.startswith("c:") and _token_overlap(t, "P"))
        out = {"P-" + kept_out}
        if "w" not in members:
            out.add("w")
        if "s" not in members:
            out.add("s")
        return frozenset(out)


def _uniquely_decodable(words: Sequence[str]) -> bool:
    """Sardinas-Patterson: no text is two different sequences of these words."""
    code = set(words)
    if "" in code:
        return False
    dangling = {v[len(u) :] for u in code for v in code if u != v and v.startswith(u)}
    seen: set[frozenset[str]] = set()
    while dangling:
        if dangling & code or "" in dangling:
            return False
        key = frozenset(dangling)
        if key in seen:
            return True
        seen.add(key)
        dangling = {v[len(u) :] for u in dangling for v in code if v.startswith(u)} | {
            v[len(u) :] for u in code for v in dangling if v.startswith(u)
        }
    return True


def _parts(node: _Node) -> list[_Node]:
    """The sequence a node stands for, through groups of one alternative."""
    while node.kind == "group" or (node.kind in ("alt", "seq") and len(node.children) == 1):
        node = node.children[0]
    return node.children if node.kind == "seq" else [node]


def _ambiguous(items: Sequence[_Node], after: _Chars) -> _Node | None:
    """A loop among ``items`` that can also match all that must follow it, else None.

    ``items`` is a loop body as a sequence; ``after`` is what can follow it (the
    body's own start in the next round). Such a loop can end a round early or
    late, and a failing match tries every way: ``(a+)+``, ``(.*,)*``.
    """
    for index, item in enumerate(items):
        rest = items[index + 1 :]
        follows = frozenset().union(*(i.first_chars() for i in rest)) | after
        if item.kind == "quant" and item.loops():
            swallowed = item.children[0].all_chars()
            if all(_overlap(swallowed, m.all_chars()) for m in rest if m.mandatory()) and (
                _overlap(swallowed, after) or any(m.loops() for m in rest)
            ):
                return item
        elif item.kind in ("group", "alt"):
            inner = item.children[0] if item.kind == "group" else item
            for alternative in inner.children if inner.kind == "alt" else [inner]:
                found = _ambiguous(_parts(alternative), follows)
                if found is not None:
                    return found
    return None


def _overlapping_alternatives(body: _Node) -> _Node | None:
    """Alternatives of a loop body that can split one text two ways ("(a|aa)+")."""
    parts = _parts(body)
    if len(parts) != 1 or parts[0].kind not in ("alt", "group"):
        return None
    alt = parts[0] if parts[0].kind == "alt" else parts[0].children[0]
    if len(alt.children) < 2:
        return None
    words = [a.literal() for a in alt.children]
    if all(w is not None for w in words):
        return None if _uniquely_decodable([w or "" for w in words]) else alt
    start = alt.first_chars()
    for a in alt.children:
        found = _ambiguous(_parts(a), start)
        if found is not None:
            return found
    fixed = [
        [p.chars for p in _parts(a)] if all(p.kind == "atom" for p in _parts(a)) else None
        for a in alt.children
    ]
    for i, x in enumerate(fixed):
        for y in fixed[i + 1 :]:
            if x and y and all(_overlap(a, b) for a, b in zip(x, y, strict=False)):
                return alt
    return None


def _risky_loops(node: _Node) -> list[tuple[_Node, _Node]]:
    """Loops of unbounded length whose bodies can split the same text two ways."""
    if node.kind == "atomic":
        return []
    if (
        node.kind == "quant"
        and node.mode != "+"
        and (node.max is None or node.max > 10)
        and node.children[0].kind != "atomic"
    ):
        body = node.children[0]
        found = _overlapping_alternatives(body)
        if found is None and any(i.loops() for i in _parts(body)):
            found = _ambiguous(_parts(body), body.first_chars())
        if found is not None:
            return [(node, found)]
    out: list[tuple[_Node, _Node]] = []
    for child in node.children:
        out.extend(_risky_loops(child))
    return out


def backtracking_risk(pattern: str) -> str | None:
    """A warning when a pattern can backtrack catastrophically, else None.

    Flags a loop of unbounded length (``+``, ``*``, ``{2,}``) whose body can
    match the same text in more than one way: another such loop that can match
    what follows it (``(a+)+``, ``(?:\\w+\\s*)+``, ``(?:[^,]+,?)*``) or
    alternatives that overlap (``(a|aa)+``). A sentence on which such a pattern
    fails can take time exponential in its length. Atomic groups and
    possessive quantifiers are safe.
    """
    try:
        tree = _PatternReader(pattern).alternation()
    except (IndexError, ValueError, AssertionError):
        return None
    risky = _risky_loops(tree)
    if not risky:
        return None
    loop, inner = risky[0]
    return (
        f"the loop {pattern[loop.start : loop.end]!r} can match the same text in more than one "
        f"way (through {pattern[inner.start : inner.end]!r}), so a sentence where the pattern "
        "fails can take exponential time; use an atomic group (?>...) or a possessive "
        "quantifier (++, *+), or make the parts of the loop match different characters"
    )


__all__ = ["backtracking_risk"]
