"""Rule sets: the TOML format, its loader and validator, and rule-set lookup by name.

A rule set is a TOML file, or a folder of TOML files whose ``ruleset.toml``
holds the metadata. The built-in English rules (``core-en``) are such a folder
inside the package and load through the same `load_ruleset` as a user's file.
See ``docs/rulesets.md`` for the format.

Every error names the file, the line, the rule id where there is one, and what
to do: it is a `RuleSetError`, never an exception from the parser's internals.
"""

from __future__ import annotations

import difflib
import tomllib
import warnings
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, TypeAlias

import regex
from attrs import field, frozen

from dipparse.models import ACTOR_KINDS, BUILTIN_KINDS
from dipparse.patterns import PatternError, TokenPattern, compile_token_pattern
from dipparse.tokens import english

ENTRY_POINT_GROUP = "dipparse.rulesets"
BUILTIN = "core-en"

ActorFinder: TypeAlias = Literal["subject", "possessor", "agent", "speaker", "object", "none"]
ACTOR_FINDERS: tuple[str, ...] = ("subject", "possessor", "agent", "speaker", "object", "none")
SLOT_NAMES = ("trigger", "actor", "target", "content", "condition")
# How long one rule may spend on one sentence before it is given up (seconds).
MATCH_TIMEOUT = 0.25

_ID = regex.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_MACRO_REF = regex.compile(r"(?<!\\[pPN])\{(?P<name>[A-Z][A-Z0-9_]*)\}")
_LIST_REF = regex.compile(r"\\L<(?P<name>[A-Za-z_][A-Za-z0-9_]*)>")
_WORD = regex.compile(r"[\p{L}\p{N}']+")
# Rule and Topic have a field named ``regex`` that hides the module in their class bodies.
_Pattern: TypeAlias = "regex.Pattern[str]"


class RuleSetWarning(UserWarning):
    """A rule set that loads but may misbehave (a pattern that can backtrack without bound)."""


class RuleSetError(ValueError):
    """A rule set that cannot be loaded: the message says where and what to do."""

    def __init__(
        self,
        message: str,
        *,
        source: str = "<string>",
        line: int | None = None,
        rule: str | None = None,
    ) -> None:
        self.source = source
        self.line = line
        self.rule = rule
        self.reason = message
        where = source if line is None else f"{source}:{line}"
        who = f" rule {rule!r}:" if rule else ""
        super().__init__(f"{where}:{who} {message}")


@frozen
class Kind:
    """A kind of statement a rule set can report, with its default codes."""

    name: str
    cameo: str | None = None
    plover: str | None = None
    description: str = ""


@frozen
class Topic:
    """What a statement is about (mediation, talks, ceasefire...), and its codes per kind."""

    name: str
    pattern: str
    codes: Mapping[str, str] = field(factory=dict)
    plover_mode: str | None = None
    regex: regex.Pattern[str] = field(eq=False, repr=False, default=None)


@frozen
class ActorEntry:
    """A gazetteer entry: a named state, leader, official, organisation or group."""

    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()

    def surface_forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.capitals)


@frozen
class Rule:
    """One rule: a pattern with a ``trigger`` slot and where its arguments come from.

    A rule is written either as a token pattern (``tokens``, over words, tags and
    phrases; see `dipparse.patterns`) or, the older form, as a character regex
    (``pattern`` with a ``(?P<trigger>...)`` group).
    """

    id: str
    kind: str
    pattern: str
    actor: ActorFinder = "subject"
    conditional: bool = False
    negated: bool = False
    topic: str | None = None
    cameo: str | None = None
    plover: str | None = None
    priority: int = 0
    case_sensitive: bool = False
    unless: str | None = None
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    description: str = ""
    source: str = "<string>"
    line: int | None = None
    ruleset: str = ""
    regex: _Pattern | None = field(eq=False, repr=False, default=None)
    unless_regex: _Pattern | None = field(eq=False, repr=False, default=None)
    tokens: str | None = None
    when: Mapping[str, bool | tuple[str, ...]] = field(factory=dict)
    token_pattern: TokenPattern | None = field(eq=False, repr=False, default=None)
    unless_tokens: TokenPattern | None = field(eq=False, repr=False, default=None)

    @property
    def emits(self) -> bool:
        """False for a blocking rule (kind ``"none"``) that only claims its trigger."""
        return self.kind != "none"


@frozen
class RuleSet:
    """A loaded, validated rule set: metadata, word lists, rules, topics and actors."""

    name: str
    version: str = "0.0.0"
    language: str = "en"
    description: str = ""
    source: str = "<string>"
    extends: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    kinds: tuple[Kind, ...] = ()
    lists: Mapping[str, tuple[str, ...]] = field(factory=dict)
    macros: Mapping[str, str] = field(factory=dict)
    words: Mapping[str, tuple[str, ...]] = field(factory=dict)
    rules: tuple[Rule, ...] = ()
    topics: tuple[Topic, ...] = ()
    actors: tuple[ActorEntry, ...] = ()
    places: tuple[str, ...] = ()

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (`KeyError` when there is none)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


# ---------------------------------------------------------------------------
# Reading TOML with line numbers for errors


@frozen
class _Part:
    """One parsed TOML file of a rule set, with what is needed to point at lines."""

    source: str
    text: str
    data: dict[str, Any]

    def line_of(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        """The line of ``[[table]]`` number ``index`` (or ``[table]``), or of ``key`` in it."""
        lines = self.text.splitlines()
        header = regex.compile(
            r"^\s*\[\[\s*" + regex.escape(table) + r"\s*\]\]"
            if index is not None
            else r"^\s*\[\s*" + regex.escape(table) + r"\s*\]"
        )
        seen = -1
        start = None
        for number, line in enumerate(lines, 1):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = number
                    break
        if start is None:
            return None
        if key is None:
            return start
        key_re = regex.compile(r"^\s*" + regex.escape(key) + r"\s*=")
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if regex.match(r"^\s*\[", line):
                break
            if key_re.match(line):
                return number
        return start


def _parse_toml(text: str, source: str) -> _Part:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        where = regex.search(r"\s*\(at line (\d+), column (\d+)\)", msg)
        line = int(where.group(1)) if where else None
        if where:
            msg = f"{msg[: where.start()]} (column {where.group(2)})"
        raise RuleSetError(
            f"not valid TOML: {msg}; check the quotes, brackets and commas on this line",
            source=source,
            line=line,
        ) from None
    return _Part(source, text, data)


# ---------------------------------------------------------------------------
# Validation of plain data into the models above

_TOP_KEYS = frozenset(
    {"ruleset", "kinds", "lists", "macros", "words", "rules", "topics", "actors", "places"}
)
_META_KEYS = frozenset({"name", "version", "language", "description", "extends", "disable"})
_KIND_KEYS = frozenset({"name", "cameo", "plover", "description"})
_TOPIC_KEYS = frozenset({"name", "pattern", "codes", "plover_mode"})
_ACTOR_KEYS = frozenset({"name", "kind", "country", "role", "aliases", "demonyms", "capitals"})
_RULE_KEYS = frozenset(
    {
        "id",
        "kind",
        "pattern",
        "actor",
        "conditional",
        "negated",
        "topic",
        "cameo",
        "plover",
        "priority",
        "case_sensitive",
        "unless",
        "keywords",
        "examples",
        "counterexamples",
        "description",
        "tokens",
        "when",
    }
)
# Constraints a token rule may put on its trigger's verb group, and their types.
WHEN_KEYS: Mapping[str, type] = {
    "negated": bool,
    "passive": bool,
    "hedged": bool,
    "perfect": bool,
    "progressive": bool,
    "tense": str,
    "modal": str,
}
_TENSES = ("past", "present", "future")


class _Checker:
    """Type checks that raise `RuleSetError` pointing at the right line."""

    def __init__(self, part: _Part, table: str, index: int | None, rule: str | None = None):
        self.part = part
        self.table = table
        self.index = index
        self.rule = rule

    def fail(self, message: str, key: str | None = None) -> RuleSetError:
        return RuleSetError(
            message,
            source=self.part.source,
            line=self.part.line_of(self.table, self.index, key),
            rule=self.rule,
        )

    def keys(self, data: Mapping[str, Any], allowed: frozenset[str]) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise self.fail(
                    f"unknown key {key!r} in [{self.table}]; {hint}allowed keys: "
                    + ", ".join(sorted(allowed)),
                    key,
                )

    def string(self, data: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
        if key not in data:
            if required:
                raise self.fail(f"missing required key {key!r} in [{self.table}]")
            return None
        value = data[key]
        if not isinstance(value, str):
            raise self.fail(
                f"{key!r} must be a string, not {_toml_type(value)}: put the value in quotes", key
            )
        return value

    def boolean(self, data: Mapping[str, Any], key: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(
                f"{key!r} must be true or false (without quotes), not {_toml_type(value)}", key
            )
        return value

    def integer(self, data: Mapping[str, Any], key: str, default: int = 0) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                f"{key!r} must be an integer, not {_toml_type(value)}: "
                f"write it without quotes, as in {key} = 10",
                key,
            )
        return value

    def strings(self, data: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f'{key!r} must be a list of strings, as in {key} = ["...", "..."]', key)
        if any(not v.strip() for v in value):
            raise self.fail(f"{key!r} holds an empty string", key)
        return tuple(value)


def _toml_type(value: object) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _tables(part: _Part, key: str) -> list[dict[str, Any]]:
    value = part.data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RuleSetError(
            f"{key!r} must be an array of tables, written [[{key}]]",
            source=part.source,
            line=part.line_of(key),
        )
    return value


def _mapping(part: _Part, key: str) -> dict[str, Any]:
    value = part.data.get(key, {})
    if not isinstance(value, dict):
        raise RuleSetError(
            f"{key!r} must be a table, written [{key}]", source=part.source, line=part.line_of(key)
        )
    return value


# ---------------------------------------------------------------------------
# Patterns


def expand_macros(
    pattern: str, macros: Mapping[str, str], *, fail: Any, _stack: tuple[str, ...] = ()
) -> str:
    """Replace ``{NAME}`` references by their macro text, recursively."""

    def replace(match: regex.Match[str]) -> str:
        name = match.group("name")
        if name in _stack:
            raise fail(f"macro {name!r} refers to itself through {' -> '.join(_stack)}")
        if name not in macros:
            known = ", ".join(sorted(macros)) or "none"
            raise fail(f"undefined macro {{{name}}}; define it under [macros] (defined: {known})")
        return "(?:" + expand_macros(macros[name], macros, fail=fail, _stack=(*_stack, name)) + ")"

    return str(_MACRO_REF.sub(replace, pattern))


def compile_pattern(
    pattern: str,
    *,
    macros: Mapping[str, str],
    lists: Mapping[str, Sequence[str]],
    case_sensitive: bool,
    fail: Any,
) -> regex.Pattern[str]:
    """Compile a rule pattern: macros expanded, named lists bound, errors explained."""
    expanded = expand_macros(pattern, macros, fail=fail)
    used = {m.group("name") for m in _LIST_REF.finditer(expanded)}
    missing = sorted(used - set(lists))
    if missing:
        known = ", ".join(sorted(lists)) or "none"
        raise fail(
            f"undefined word list \\L<{missing[0]}>; define it under [lists] (defined: {known})"
        )
    # Simple case folding (VERSION0): full folding (VERSION1) finds the same words in
    # these patterns and made one lazy word gap 86% of all rule time.
    flags = regex.VERSION0 | (0 if case_sensitive else regex.IGNORECASE)
    try:
        named: dict[str, Any] = {name: list(lists[name]) for name in used}
        return regex.compile(expanded, flags, **named)
    except regex.error as exc:
        # The stubs lack them, but regex.error has msg and pos like re.error.
        pos: int | None = getattr(exc, "pos", None)
        near = "" if pos is None else f" near {expanded[max(0, pos - 20) : pos + 10]!r}"
        message = str(getattr(exc, "msg", None) or exc) if pos is not None else str(exc)
        raise fail(
            f"bad regular expression: {message}{near}; fix the pattern "
            "(syntax of the Python 'regex' module)"
        ) from None


# ---------------------------------------------------------------------------
# Catastrophic backtracking: a small reader of pattern syntax, enough to find a
# loop whose body can match the same text in more than one way ("(a+)+",
# "(?:\w+\s*)+", "(a|aa)+"), the shape that makes a failing match take time
# exponential in the length of the sentence.

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


def trigger_keywords(rule_pattern: str, lists: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """Lower-case words of which one must occur in a sentence for the rule to match.

    Read from the ``trigger`` group when it is made of word lists, plain words
    and groups of them. A word ending in ``*`` is a prefix ("call*" for
    ``call(?:s|ed)?``). An empty result means the rule runs on every sentence.
    """
    words: set[str] = set()
    start = rule_pattern.find("(?P<trigger>")
    if start < 0:
        return ()
    while start >= 0:  # a pattern may name the trigger in several alternatives
        end = _group_end(rule_pattern, start)
        found = _leading_words(rule_pattern[start + len("(?P<trigger>") : end], lists)
        if not found:
            return ()
        words.update(found)
        start = rule_pattern.find("(?P<trigger>", end)
    return tuple(sorted(words))


def _group_end(pattern: str, start: int) -> int:
    depth, i = 0, start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(pattern)


def _leading_words(body: str, lists: Mapping[str, Sequence[str]]) -> set[str] | None:
    """The words one of which starts every match of ``body``; None when unknown."""
    words: set[str] = set()
    for alt in _split_top_level(_strip_group(body)):
        alt = alt.strip()
        listed = _LIST_REF.match(alt)
        if listed:
            for item in lists.get(listed.group("name"), ()):
                tokens = _WORD.findall(item.lower())
                if tokens:
                    words.add(tokens[0])
            continue
        if alt.startswith("(?:"):
            inner = _leading_words(alt[3 : _group_end(alt, 0)], lists)
            if inner is None or alt[_group_end(alt, 0) + 1 : _group_end(alt, 0) + 2] in ("?", "*"):
                return None
            words.update(inner)
            continue
        first = regex.match(r"[\p{L}']+", alt)
        if first is None:
            return None
        word = first.group().lower()
        rest = alt[first.end() :]
        if rest[:1] in ("?", "*", "{"):
            word = word[:-1] + "*" if len(word) > 2 else ""
        elif rest[:1] not in ("", " ") and not rest.startswith(("\\s", "\\b")):
            word += "*"
        if not word:
            return None
        words.add(word)
    return words


def _strip_group(body: str) -> str:
    body = body.strip()
    while body.startswith("(?:") and body.endswith(")") and _balanced(body[3:-1]):
        body = body[3:-1]
    return body


def _balanced(text: str) -> bool:
    depth = 0
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0


def _split_top_level(body: str) -> list[str]:
    parts, depth, current, i = [], 0, [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            current.append(body[i : i + 2])
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


# ---------------------------------------------------------------------------
# Loading


def _merge_parts(parts: Sequence[_Part], inherited: Sequence[RuleSet]) -> RuleSet:
    meta_part = parts[0]
    meta = _mapping(meta_part, "ruleset")
    check = _Checker(meta_part, "ruleset", None)
    if "ruleset" not in meta_part.data:
        raise RuleSetError(
            'missing [ruleset] table with at least name = "..."',
            source=meta_part.source,
            line=1,
        )
    check.keys(meta, _META_KEYS)
    name = check.string(meta, "name", required=True) or ""
    if not _ID.match(name):
        raise check.fail(
            f"rule set name {name!r} must be lower case letters, digits, '-', '_' or '.'", "name"
        )

    kinds: dict[str, Kind] = {k.name: k for rs in inherited for k in rs.kinds}
    lists: dict[str, tuple[str, ...]] = {}
    macros: dict[str, str] = {}
    words: dict[str, tuple[str, ...]] = {}
    for rs in inherited:
        lists.update(rs.lists)
        macros.update(rs.macros)
        words.update(rs.words)
    own_kinds: list[Kind] = []
    topics: list[tuple[_Part, int, dict[str, Any]]] = []
    actors: list[ActorEntry] = []
    places: list[str] = []
    raw_rules: list[tuple[_Part, int, dict[str, Any]]] = []

    for part in parts:
        for key in part.data:
            if key not in _TOP_KEYS:
                raise RuleSetError(
                    f"unknown top-level key {key!r}; allowed: " + ", ".join(sorted(_TOP_KEYS)),
                    source=part.source,
                    line=part.line_of(key) or part.line_of(key, 0),
                )
        if part is not meta_part and "ruleset" in part.data:
            raise RuleSetError(
                "[ruleset] may appear only once, in ruleset.toml",
                source=part.source,
                line=part.line_of("ruleset"),
            )
        for i, table in enumerate(_tables(part, "kinds")):
            c = _Checker(part, "kinds", i)
            c.keys(table, _KIND_KEYS)
            kind = Kind(
                name=c.string(table, "name", required=True) or "",
                cameo=c.string(table, "cameo"),
                plover=c.string(table, "plover"),
                description=c.string(table, "description") or "",
            )
            if not _ID.match(kind.name) or kind.name == "none":
                raise c.fail(f"kind name {kind.name!r} must be a lower-case word other than 'none'")
            kinds[kind.name] = kind
            own_kinds.append(kind)
        for section, target in (("lists", lists), ("words", words)):
            table_data = _mapping(part, section)
            for list_name in table_data:
                c = _Checker(part, section, None)
                if not regex.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", list_name):
                    raise c.fail(
                        f"list name {list_name!r} must be letters, digits and '_'", list_name
                    )
                target[list_name] = c.strings(table_data, list_name)
        macro_data = _mapping(part, "macros")
        for macro_name in macro_data:
            c = _Checker(part, "macros", None)
            if not _MACRO_REF.fullmatch("{" + macro_name + "}"):
                raise c.fail(f"macro name {macro_name!r} must be UPPER_CASE", macro_name)
            macros[macro_name] = c.string(macro_data, macro_name) or ""
        for i, table in enumerate(_tables(part, "topics")):
            topics.append((part, i, table))
        for i, table in enumerate(_tables(part, "actors")):
            actors.append(_actor_entry(part, i, table))
        place_data = _mapping(part, "places")
        if place_data:
            c = _Checker(part, "places", None)
            c.keys(place_data, frozenset({"names"}))
            places.extend(c.strings(place_data, "names"))
        for i, table in enumerate(_tables(part, "rules")):
            raw_rules.append((part, i, table))

    built_topics = [_topic(part, i, table, macros, lists) for part, i, table in topics]
    topic_names = {t.name for rs in inherited for t in rs.topics} | {t.name for t in built_topics}
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for part, i, table in raw_rules:
        rule = _rule(part, i, table, name, kinds, topic_names, macros, lists)
        if rule.id in seen:
            raise RuleSetError(
                f"duplicate rule id {rule.id!r} (first defined at {seen[rule.id]}); "
                "give each rule its own id",
                source=part.source,
                line=rule.line,
                rule=rule.id,
            )
        seen[rule.id] = f"{part.source}:{rule.line}"
        rules.append(rule)

    return RuleSet(
        name=name,
        version=check.string(meta, "version") or "0.0.0",
        language=check.string(meta, "language") or "en",
        description=check.string(meta, "description") or "",
        source=meta_part.source,
        extends=check.strings(meta, "extends"),
        disable=check.strings(meta, "disable"),
        kinds=tuple(own_kinds),
        lists=lists,
        macros=macros,
        words=words,
        rules=tuple(rules),
        topics=tuple(built_topics),
        actors=tuple(actors),
        places=tuple(places),
    )


def _actor_entry(part: _Part, index: int, table: dict[str, Any]) -> ActorEntry:
    c = _Checker(part, "actors", index)
    c.keys(table, _ACTOR_KEYS)
    name = c.string(table, "name", required=True) or ""
    c.rule = None
    kind = c.string(table, "kind", required=True) or ""
    if kind not in ACTOR_KINDS:
        raise c.fail(
            f"actor {name!r}: kind {kind!r} must be one of {', '.join(ACTOR_KINDS)}", "kind"
        )
    country = c.string(table, "country")
    if country is not None and not regex.fullmatch(r"[A-Z]{3}", country):
        raise c.fail(f"actor {name!r}: country {country!r} must be an ISO alpha-3 code", "country")
    return ActorEntry(
        name=name,
        kind=kind,
        country=country,
        role=c.string(table, "role"),
        aliases=c.strings(table, "aliases"),
        demonyms=c.strings(table, "demonyms"),
        capitals=c.strings(table, "capitals"),
    )


def _topic(
    part: _Part,
    index: int,
    table: dict[str, Any],
    macros: Mapping[str, str],
    lists: Mapping[str, Sequence[str]],
) -> Topic:
    c = _Checker(part, "topics", index)
    c.keys(table, _TOPIC_KEYS)
    name = c.string(table, "name", required=True) or ""
    pattern = c.string(table, "pattern", required=True) or ""
    codes = table.get("codes", {})
    if not isinstance(codes, dict) or not all(isinstance(v, str) for v in codes.values()):
        raise c.fail(f"topic {name!r}: 'codes' must be a table of kind = \"CAMEO code\"", "codes")

    def fail(message: str) -> RuleSetError:
        return c.fail(f"topic {name!r}: {message}", "pattern")

    compiled = compile_pattern(pattern, macros=macros, lists=lists, case_sensitive=False, fail=fail)
    return Topic(name, pattern, dict(codes), c.string(table, "plover_mode"), compiled)


def _rule(
    part: _Part,
    index: int,
    table: dict[str, Any],
    ruleset: str,
    kinds: Mapping[str, Kind],
    topics: set[str],
    macros: Mapping[str, str],
    lists: Mapping[str, Sequence[str]],
) -> Rule:
    c = _Checker(part, "rules", index)
    rule_id = table.get("id")
    if isinstance(rule_id, str):
        c.rule = rule_id
    c.keys(table, _RULE_KEYS)
    rule_id = c.string(table, "id", required=True) or ""
    if not _ID.match(rule_id):
        raise c.fail(
            f"rule id {rule_id!r} must be lower case letters, digits, '.', '-' or '_'", "id"
        )
    kind = c.string(table, "kind", required=True) or ""
    if kind != "none" and kind not in kinds and kind not in BUILTIN_KINDS:
        raise c.fail(
            f"unknown kind {kind!r}; use one of {', '.join(sorted(kinds))} or 'none', "
            "or declare it in a [[kinds]] table",
            "kind",
        )
    pattern = c.string(table, "pattern") or ""
    tokens = c.string(table, "tokens")
    if tokens is None and not pattern:
        raise c.fail("a rule needs 'tokens' (a token pattern) or 'pattern' (a regex)", "tokens")
    if tokens is not None and pattern:
        raise c.fail("give 'tokens' or 'pattern', not both", "pattern")
    actor = c.string(table, "actor") or "subject"
    if actor not in ACTOR_FINDERS:
        raise c.fail(f"'actor' must be one of {', '.join(ACTOR_FINDERS)}, not {actor!r}", "actor")
    topic = c.string(table, "topic")
    if topic is not None and topic not in topics:
        raise c.fail(f"unknown topic {topic!r}; declare it in a [[topics]] table", "topic")
    case_sensitive = c.boolean(table, "case_sensitive")
    unless = c.string(table, "unless")
    keywords = c.strings(table, "keywords")

    def fail_at(key: str) -> Any:
        return lambda message: c.fail(message, key)

    extra: dict[str, Any]
    if tokens is not None:
        if case_sensitive:
            raise c.fail(
                "'case_sensitive' is for regex patterns; a token pattern sees lower-case "
                "forms and the NAME tag for capitalised words",
                "case_sensitive",
            )
        token_pattern = _token_pattern(c, "tokens", tokens, lists)
        if "trigger" not in token_pattern.slots:
            raise c.fail(
                "tokens has no trigger slot; mark the words that make the statement, as in "
                "'trigger:VG[threaten]'",
                "tokens",
            )
        extra = {
            "tokens": tokens,
            "when": _when(c, table),
            "token_pattern": token_pattern,
            "unless_tokens": _token_pattern(c, "unless", unless, lists) if unless else None,
        }
        keywords = keywords or tuple(sorted(token_pattern.trigger_lemmas))
    else:
        if "when" in table:
            raise c.fail("'when' constrains a token pattern's verb group; use 'tokens'", "when")
        compiled = compile_pattern(
            pattern,
            macros=macros,
            lists=lists,
            case_sensitive=case_sensitive,
            fail=fail_at("pattern"),
        )
        if "trigger" not in compiled.groupindex:
            raise c.fail(
                "pattern has no (?P<trigger>...) group; wrap the words that make the statement "
                "in one, as in '(?P<trigger>threatened)'",
                "pattern",
            )
        for group in compiled.groupindex:
            if group not in SLOT_NAMES:
                raise c.fail(
                    f"unknown named group {group!r}; slots are {', '.join(SLOT_NAMES)} "
                    "(use (?:...) for other groups)",
                    "pattern",
                )
        extra = {
            "regex": compiled,
            "unless_regex": (
                compile_pattern(
                    unless,
                    macros=macros,
                    lists=lists,
                    case_sensitive=case_sensitive,
                    fail=fail_at("unless"),
                )
                if unless
                else None
            ),
        }
        if not keywords:
            keywords = trigger_keywords(
                expand_macros(pattern, macros, fail=fail_at("pattern")), lists
            )
        for key in ("pattern", "unless"):
            compiled_key = extra["regex" if key == "pattern" else "unless_regex"]
            risk = backtracking_risk(compiled_key.pattern) if compiled_key is not None else None
            if risk is not None:
                # Said when the rule set loads, not only by `rules check`.
                where = f"{part.source}:{part.line_of('rules', index)}"
                warnings.warn(
                    RuleSetWarning(f"{where}: rule {rule_id!r}: {key}: {risk}"), stacklevel=2
                )
    return Rule(
        id=rule_id,
        kind=kind,
        pattern=pattern,
        actor=actor,  # type: ignore[arg-type]
        conditional=c.boolean(table, "conditional"),
        negated=c.boolean(table, "negated"),
        topic=topic,
        cameo=c.string(table, "cameo"),
        plover=c.string(table, "plover"),
        priority=c.integer(table, "priority"),
        case_sensitive=case_sensitive,
        unless=unless,
        keywords=tuple(k.lower() for k in keywords),
        examples=c.strings(table, "examples"),
        counterexamples=c.strings(table, "counterexamples"),
        description=c.string(table, "description") or "",
        source=part.source,
        line=part.line_of("rules", index),
        ruleset=ruleset,
        **extra,
    )


def _token_pattern(
    c: _Checker, key: str, text: str, lists: Mapping[str, Sequence[str]]
) -> TokenPattern:
    """A token pattern compiled, or a `RuleSetError` naming the key and what is wrong."""
    try:
        return compile_token_pattern(text, lists, english())
    except PatternError as exc:
        raise c.fail(f"{key}: {exc}", key) from None


def _when(c: _Checker, table: Mapping[str, Any]) -> dict[str, bool | tuple[str, ...]]:
    """The verb-group constraints of a token rule, checked key by key.

    ``negated``, ``passive``, ``hedged``, ``perfect`` and ``progressive`` are booleans;
    ``tense`` and ``modal`` a string or a list of strings, any of which may hold
    (``"none"`` as a modal: a group without one).
    """
    value = table.get("when", {})
    if not isinstance(value, Mapping):
        raise c.fail(
            f"'when' must be a table such as {{ negated = false }}, not {_toml_type(value)}",
            "when",
        )
    out: dict[str, bool | tuple[str, ...]] = {}
    for key, item in value.items():
        want = WHEN_KEYS.get(key)
        if want is None:
            raise c.fail(f"'when' has no key {key!r}; use {', '.join(WHEN_KEYS)}", "when")
        if want is bool:
            if not isinstance(item, bool):
                raise c.fail(f"'when.{key}' must be a boolean, not {_toml_type(item)}", "when")
            out[key] = item
            continue
        items = [item] if isinstance(item, str) else item
        if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
            raise c.fail(
                f"'when.{key}' must be a string or a list of strings, not {_toml_type(item)}",
                "when",
            )
        if key == "tense":
            for i in items:
                if i not in _TENSES:
                    raise c.fail(
                        f"'when.tense' must be one of {', '.join(_TENSES)}, not {i!r}", "when"
                    )
        out[key] = tuple(i.lower() for i in items)
    return out


def _read(path: Path | Traversable, source: str) -> _Part:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleSetError(f"cannot read rule set: {exc.strerror or exc}", source=source) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleSetError(f"not UTF-8 text (byte {exc.start})", source=source) from None
    return _parse_toml(text, source)


def _load_parts(parts: list[_Part], resolve: bool) -> RuleSet:
    if not parts:
        raise RuleSetError("no TOML files found")
    meta = parts[0].data.get("ruleset", {})
    extends = meta.get("extends", []) if isinstance(meta, dict) else []
    inherited: list[RuleSet] = []
    if resolve and isinstance(extends, list):
        for name in extends:
            if isinstance(name, str):
                try:
                    inherited.append(get_ruleset(name))
                except KeyError:
                    raise RuleSetError(
                        f"extends unknown rule set {name!r}; known: {', '.join(available())}",
                        source=parts[0].source,
                        line=parts[0].line_of("ruleset", None, "extends"),
                    ) from None
    return _merge_parts(parts, inherited)


def _directory_parts(folder: Path | Traversable, label: str) -> list[_Part]:
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)
    meta = [p for p in files if p.name == "ruleset.toml"]
    if not meta:
        raise RuleSetError(
            "a rule-set folder needs a ruleset.toml with its [ruleset] table", source=label
        )
    others = [p for p in files if p.name != "ruleset.toml"]
    return [_read(p, f"{label}/{p.name}") for p in (*meta, *others)]


def load_ruleset(path: str | Path) -> RuleSet:
    """Load a rule set from a TOML file or a folder of TOML files.

    Raises `RuleSetError` (a `ValueError`) naming the file, line and rule for
    anything wrong with it, and `TypeError` when ``path`` is not a path.
    """
    if not isinstance(path, str | Path):
        raise TypeError(f"path must be a str or pathlib.Path, not {type(path).__name__}")
    p = Path(path)
    if p.is_dir():
        return _load_parts(_directory_parts(p, str(p)), resolve=True)
    if not p.exists():
        raise RuleSetError("no such file or folder", source=str(p))
    return _load_parts([_read(p, str(p))], resolve=True)


def ruleset_from_string(text: str, *, source: str = "<string>") -> RuleSet:
    """Load a rule set from TOML text (``source`` names it in error messages)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return _load_parts([_parse_toml(text, source)], resolve=True)


def load_resource(package: str, name: str) -> RuleSet:
    """Load a rule set shipped inside a package: a TOML file or folder ``name`` in it."""
    root = resources.files(package).joinpath(name)
    label = f"{package}:{name}"
    if root.is_dir():
        return _load_parts(_directory_parts(root, label), resolve=True)
    if not root.is_file():
        raise RuleSetError("no such resource", source=label)
    return _load_parts([_read(root, label)], resolve=True)


# ---------------------------------------------------------------------------
# Rule sets by name: the built-in one and those plugins register

_cache: dict[str, RuleSet] = {}
_loading: list[str] = []  # plugin rule sets being loaded, to stop an ``extends`` cycle


def _entry_points() -> dict[str, metadata.EntryPoint]:
    return {ep.name: ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}


def available() -> tuple[str, ...]:
    """Names of the rule sets that can be loaded by name (built-in and plugins)."""
    return tuple(sorted({BUILTIN, *_entry_points()}))


def get_ruleset(name: str) -> RuleSet:
    """The rule set registered under ``name`` (``"core-en"`` or a plugin's), loaded once.

    A plugin registers in the entry-point group ``dipparse.rulesets`` an object
    that is a `RuleSet`, a path to a TOML file or folder, or a callable
    returning either. Raises `KeyError` for an unknown name and `RuleSetError`
    when a plugin cannot be loaded: any exception its import or call raises
    (``SystemExit`` too, only ``KeyboardInterrupt`` goes through) becomes one
    naming the entry point.
    """
    if not isinstance(name, str):
        raise TypeError(f"rule set name must be str, not {type(name).__name__}")
    if name in _cache:
        return _cache[name]
    if name == BUILTIN:
        ruleset = load_resource("dipparse.rulesets", BUILTIN)
    else:
        points = _entry_points()
        if name not in points:
            raise KeyError(f"no rule set named {name!r}; available: {', '.join(available())}")
        if name in _loading:
            raise RuleSetError(
                f"rule set {name!r} extends itself through {' -> '.join(_loading)}",
                source=f"entry point {name!r}",
            )
        _loading.append(name)
        try:
            ruleset = _load_plugin(points[name])
        finally:
            _loading.remove(name)
    _cache[name] = ruleset
    return ruleset


def _load_plugin(point: metadata.EntryPoint) -> RuleSet:
    """Import a plugin's entry point and make a rule set of it.

    Whatever goes wrong in the plugin's code (an exception of any kind, even
    ``SystemExit`` from an import or a call) is a `RuleSetError` naming the
    entry point, chained to the original; only ``KeyboardInterrupt`` goes
    through, and a `RuleSetError` from loading the rule set keeps its own
    file, line and rule.
    """
    try:
        obj = point.load()
        if callable(obj) and not isinstance(obj, RuleSet):
            obj = obj()
        return _from_plugin_object(obj, point.name)
    except (RuleSetError, KeyboardInterrupt):
        raise
    except BaseException as exc:  # a plugin's SystemExit must not end the caller
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise RuleSetError(
            f"the plugin's entry point {point.value!r} failed: {what}",
            source=f"entry point {point.name!r}",
        ) from exc


def _from_plugin_object(obj: object, name: str) -> RuleSet:
    if callable(obj) and not isinstance(obj, RuleSet):
        obj = obj()
    if isinstance(obj, RuleSet):
        return obj
    if isinstance(obj, str | Path):
        return load_ruleset(obj)
    if isinstance(obj, Traversable):
        parts = _directory_parts(obj, name) if obj.is_dir() else [_read(obj, name)]
        return _load_parts(parts, resolve=True)
    raise RuleSetError(
        f"plugin entry point gave {type(obj).__name__}; expected a RuleSet, a path or a callable",
        source=f"entry point {name!r}",
    )


def coerce_rulesets(items: Iterable[str | Path | RuleSet]) -> list[RuleSet]:
    """Turn names, paths and loaded rule sets into loaded rule sets, in order.

    A rule set that ``extends`` another brings it in just before itself, unless
    a rule set of that name is listed already: ``[custom]`` where ``custom``
    extends ``core-en`` is ``[core-en, custom]``.
    """
    given: list[RuleSet] = []
    for item in items:
        if isinstance(item, RuleSet):
            given.append(item)
        elif isinstance(item, Path) or (isinstance(item, str) and item.endswith(".toml")):
            given.append(load_ruleset(item))
        elif isinstance(item, str):
            if Path(item).is_dir() and item not in available():
                given.append(load_ruleset(item))
            else:
                given.append(get_ruleset(item))
        else:
            raise TypeError(
                "rulesets must hold rule-set names, paths or RuleSet objects, "
                f"not {type(item).__name__}"
            )
    listed = {rs.name for rs in given}
    out: list[RuleSet] = []

    def add(ruleset: RuleSet) -> None:
        for parent in ruleset.extends:
            if parent not in listed:
                listed.add(parent)
                add(get_ruleset(parent))
        out.append(ruleset)

    for ruleset in given:
        add(ruleset)
    return out


__all__ = [
    "ActorEntry",
    "Kind",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "RuleSetWarning",
    "Topic",
    "available",
    "backtracking_risk",
    "get_ruleset",
    "load_resource",
    "load_ruleset",
    "ruleset_from_string",
]
