"""Rule sets: the TOML format, its loader and validator, and rule-set lookup by name.

A rule set is a TOML file, or a folder of TOML files whose ``ruleset.toml``
holds the metadata. The built-in English rules (``core-en``) are such a folder
inside the package and load through the same `load_ruleset` as a user's file.
See ``docs/rulesets.md`` for the format.

Every error names the file, the line, the rule id where there is one, and what
to do: it is a `RuleSetError`, never an exception from the parser's internals.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import tomllib
import warnings
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, TypeAlias

import regex
from attrs import field, frozen

from dipparse import collector
from dipparse.models import ACTOR_KINDS, BUILTIN_KINDS
from dipparse.patterns import PatternError, TokenPattern, compile_token_pattern
from dipparse.regex_risk import backtracking_risk
from dipparse.tokens import english

ENTRY_POINT_GROUP = "dipparse.rulesets"
BUILTIN = "core-en"

ActorFinder: TypeAlias = Literal["subject", "possessor", "agent", "speaker", "object", "none"]
ACTOR_FINDERS: tuple[str, ...] = ("subject", "possessor", "agent", "speaker", "object", "none")
# How long one rule may spend on one sentence before it is given up (seconds).
MATCH_TIMEOUT = 0.25

_ID = regex.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


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
    """What a statement is about (mediation, talks, ceasefire...), and its codes per kind.

    ``tokens`` is a token pattern (see `dipparse.patterns`) searched in the words of an
    event's trigger and content.
    """

    name: str
    tokens: str
    codes: Mapping[str, str] = field(factory=dict)
    plover_mode: str | None = None
    ruleset: str = ""
    token_pattern: TokenPattern | None = field(eq=False, repr=False, default=None)


@frozen
class DatedRole:
    """A role held from ``start`` (inclusive) to ``end`` (exclusive); None is open.

    ``end`` is the first day the role is no longer held: the successor's first day.
    """

    role: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@frozen
class ActorEntry:
    """A gazetteer entry: a named state, leader, official, organisation or group.

    ``roles`` are the person's roles with the dates they held them, in time order;
    ``role`` is the role without dates (used where a document has no date).
    """

    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    roles: tuple[DatedRole, ...] = ()

    def surface_forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.capitals)

    def role_on(self, day: dt.date | None, fallback: str | None = None) -> str | None:
        """The role on ``day``, from ``roles``: see `role_on_day`."""
        return role_on_day(self.roles, self.role, day, fallback)


def role_on_day(
    roles: Sequence[DatedRole],
    plain: str | None,
    day: dt.date | None,
    fallback: str | None = None,
) -> str | None:
    """The role valid on ``day`` among dated ``roles`` (in time order).

    A range holding ``day`` gives its role; a day after a range has ended and
    outside every range gives "former <role of the range that ended last>"; a day
    before every range gives ``fallback`` (the gazetteer passes the text's title).
    Without a day, no clock is read: the plain role, else the latest range's role.
    """
    if not roles:
        return plain if plain is not None else fallback
    if day is None:
        return plain if plain is not None else roles[-1].role
    ended: DatedRole | None = None
    for held in roles:
        if held.holds_on(day):
            return held.role
        if held.end is not None and held.end <= day:
            ended = held
    if ended is not None:
        return f"former {ended.role}"
    return fallback


@frozen
class Rule:
    """One rule: a token pattern with a ``trigger`` slot and where its arguments come from.

    ``tokens`` is written over words, tags and phrases (see `dipparse.patterns`);
    ``when`` constrains the trigger's verb group; ``unless`` is a token pattern that,
    found in the sentence, stops the rule.
    """

    id: str
    kind: str
    tokens: str
    actor: ActorFinder = "subject"
    conditional: bool = False
    negated: bool = False
    topic: str | None = None
    cameo: str | None = None
    plover: str | None = None
    priority: int = 0
    unless: str | None = None
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    description: str = ""
    source: str = "<string>"
    line: int | None = None
    ruleset: str = ""
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

_TOP_KEYS = frozenset({"ruleset", "kinds", "lists", "words", "rules", "topics", "actors", "places"})
# What 0.1 rule sets had and 0.2 reads no more: each key, and what to write instead.
_REMOVED = {
    "macros": "[macros] held pieces of regex rules, which 0.2 no longer has: write token "
    "patterns, with [lists] for word lists and /regex/ for one token (see 'Token patterns' "
    "in the rule-set guide)",
    "pattern": "'pattern' (a character regex) is the 0.1 form; since 0.2 a rule is a token "
    'pattern: tokens = "trigger:VG[threaten]", with /regex/ where one token needs a regex '
    "(see 'Token patterns' in the rule-set guide)",
    "case_sensitive": "'case_sensitive' was for regex patterns; a token pattern sees "
    "lower-case forms and the NAME tag for capitalised words",
}
_META_KEYS = frozenset({"name", "version", "language", "description", "extends", "disable"})
_KIND_KEYS = frozenset({"name", "cameo", "plover", "description"})
_TOPIC_KEYS = frozenset({"name", "tokens", "codes", "plover_mode"})
_ACTOR_KEYS = frozenset(
    {"name", "kind", "country", "role", "roles", "aliases", "demonyms", "capitals"}
)
_ROLE_KEYS = frozenset({"role", "from", "to"})
_RULE_KEYS = frozenset(
    {
        "id",
        "kind",
        "actor",
        "conditional",
        "negated",
        "topic",
        "cameo",
        "plover",
        "priority",
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

    def line(self, key: str | None = None) -> int | None:
        return self.part.line_of(self.table, self.index, key)

    def fail(self, message: str, key: str | None = None) -> RuleSetError:
        return RuleSetError(message, source=self.part.source, line=self.line(key), rule=self.rule)

    def fail_at(self, message: str, line: int | None) -> RuleSetError:
        return RuleSetError(message, source=self.part.source, line=line, rule=self.rule)

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
    words: dict[str, tuple[str, ...]] = {}
    for rs in inherited:
        lists.update(rs.lists)
        words.update(rs.words)
    own_kinds: list[Kind] = []
    topics: list[tuple[_Part, int, dict[str, Any]]] = []
    actors: list[ActorEntry] = []
    places: list[str] = []
    raw_rules: list[tuple[_Part, int, dict[str, Any]]] = []
    # Where each of this rule set's own lists was defined: the lists of all its files
    # are one pool, and a second definition in another file would replace the first.
    defined: dict[tuple[str, str], _Part] = {}

    for part in parts:
        for key in part.data:
            if key in _REMOVED:
                raise RuleSetError(
                    _REMOVED[key],
                    source=part.source,
                    line=part.line_of(key) or part.line_of(key, 0),
                )
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
                first = defined.get((section, list_name))
                if first is not None:
                    # Its line is looked for only to report the error: cheap to load.
                    line = first.line_of(section, None, list_name)
                    where = first.source + (f", line {line}" if line else "")
                    raise c.fail(
                        f"[{section}] {list_name!r} is defined twice, first in {where}: the "
                        "lists of all files of a rule set are one pool; rename one",
                        list_name,
                    )
                defined[(section, list_name)] = part
                target[list_name] = c.strings(table_data, list_name)
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

    built_topics = [_topic(part, i, table, name, lists) for part, i, table in topics]
    topic_names = {t.name for rs in inherited for t in rs.topics} | {t.name for t in built_topics}
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for part, i, table in raw_rules:
        rule = _rule(part, i, table, name, kinds, topic_names, lists)
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
        roles=_dated_roles(c, name, kind, table),
    )


def _dated_roles(c: _Checker, name: str, kind: str, table: dict[str, Any]) -> tuple[DatedRole, ...]:
    """The ``roles = [{ role = ..., from = ..., to = ... }]`` of an actor, checked."""
    if "roles" not in table:
        return ()
    value = table["roles"]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise c.fail(
            f"actor {name!r}: 'roles' must be an array of tables such as "
            '{ role = "President", from = 2021-01-20, to = 2025-01-20 }, '
            f"not {_toml_type(value)}",
            "roles",
        )
    if kind not in ("leader", "official"):
        raise c.fail(
            f"actor {name!r}: 'roles' (dated roles) are for a leader or an official, not a {kind}",
            "roles",
        )
    out: list[DatedRole] = []
    # The line of an entry is looked for only to report an error (reading the file's
    # lines for each of hundreds of entries made loading core-en 0.3 s slower).
    for number, item in enumerate(value, 1):
        where = f"actor {name!r}: roles entry {number}"
        unknown = sorted(set(item) - _ROLE_KEYS)
        if unknown:
            raise c.fail_at(
                f"{where}: unknown key {unknown[0]!r}; allowed keys: from, role, to",
                _nth_inline_table(c, number),
            )
        role = item.get("role")
        if not isinstance(role, str) or not role.strip():
            raise c.fail_at(
                f"{where}: 'role' must be a non-empty string, not "
                + ("missing" if role is None else _toml_type(role)),
                _nth_inline_table(c, number),
            )
        bounds: list[dt.date | None] = []
        for key in ("from", "to"):
            day = item.get(key)
            if day is not None and (isinstance(day, dt.datetime) or not isinstance(day, dt.date)):
                raise c.fail_at(
                    f"{where} ({role!r}): {key!r} must be a TOML date such as 2021-01-20 "
                    f"(without quotes or a time), not {_toml_type(day)} {day!r}",
                    _nth_inline_table(c, number),
                )
            bounds.append(day)
        start, end = bounds
        if start is not None and end is not None and end <= start:
            raise c.fail_at(
                f"{where} ({role!r}): 'to' {end.isoformat()} must be after "
                f"'from' {start.isoformat()}",
                _nth_inline_table(c, number),
            )
        out.append(DatedRole(role, start, end))
    order = sorted(range(len(out)), key=lambda i: out[i].start or dt.date.min)
    for i, j in itertools.pairwise(order):
        a, b = out[i], out[j]
        if a.end is None or b.start is None or a.end > b.start:
            raise c.fail_at(
                f"actor {name!r}: the roles {a.role!r} ({_span_text(a)}) and {b.role!r} "
                f"({_span_text(b)}) overlap; a role's 'to' is the first day it is no longer "
                "held, so the next may begin on that day",
                _nth_inline_table(c, j + 1),
            )
    return tuple(out[i] for i in order)


def _nth_inline_table(c: _Checker, number: int) -> int | None:
    """The line of the ``number``-th ``{ ... }`` of an actor's ``roles`` array."""
    first = c.line("roles")
    if first is None:
        return None
    seen = 0
    for at, text in enumerate(c.part.text.splitlines()[first - 1 :], first):
        seen += text.split("#", 1)[0].count("{")
        if seen >= number:
            return at
    return first


def _span_text(held: DatedRole) -> str:
    start = held.start.isoformat() if held.start else "open"
    end = held.end.isoformat() if held.end else "open"
    return f"{start} to {end}"


def _topic(
    part: _Part,
    index: int,
    table: dict[str, Any],
    ruleset: str,
    lists: Mapping[str, Sequence[str]],
) -> Topic:
    c = _Checker(part, "topics", index)
    if "pattern" in table:
        raise c.fail(
            "a topic's 'pattern' (a regex) is the 0.1 form; since 0.2 it is 'tokens', a token "
            "pattern such as '/mediat\\w*/ | \"good offices\"'",
            "pattern",
        )
    c.keys(table, _TOPIC_KEYS)
    name = c.string(table, "name", required=True) or ""
    tokens = c.string(table, "tokens", required=True) or ""
    codes = table.get("codes", {})
    if not isinstance(codes, dict) or not all(isinstance(v, str) for v in codes.values()):
        raise c.fail(f"topic {name!r}: 'codes' must be a table of kind = \"CAMEO code\"", "codes")
    pattern = _token_pattern(c, "tokens", tokens, lists, what=f"topic {name!r}: ")
    return Topic(name, tokens, dict(codes), c.string(table, "plover_mode"), ruleset, pattern)


def _rule(
    part: _Part,
    index: int,
    table: dict[str, Any],
    ruleset: str,
    kinds: Mapping[str, Kind],
    topics: set[str],
    lists: Mapping[str, Sequence[str]],
) -> Rule:
    c = _Checker(part, "rules", index)
    rule_id = table.get("id")
    if isinstance(rule_id, str):
        c.rule = rule_id
    for key in ("pattern", "case_sensitive"):
        if key in table:
            raise c.fail(_REMOVED[key], key)
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
    tokens = c.string(table, "tokens")
    if tokens is None:
        raise c.fail(
            "a rule needs 'tokens', a token pattern with a trigger, such as 'trigger:VG[threaten]'",
            "tokens",
        )
    actor = c.string(table, "actor") or "subject"
    if actor not in ACTOR_FINDERS:
        raise c.fail(f"'actor' must be one of {', '.join(ACTOR_FINDERS)}, not {actor!r}", "actor")
    topic = c.string(table, "topic")
    if topic is not None and topic not in topics:
        raise c.fail(f"unknown topic {topic!r}; declare it in a [[topics]] table", "topic")
    unless = c.string(table, "unless")
    token_pattern = _token_pattern(c, "tokens", tokens, lists)
    if "trigger" not in token_pattern.slots:
        raise c.fail(
            "tokens has no trigger slot; mark the words that make the statement, as in "
            "'trigger:VG[threaten]'",
            "tokens",
        )
    unless_tokens = _token_pattern(c, "unless", unless, lists) if unless else None
    return Rule(
        id=rule_id,
        kind=kind,
        tokens=tokens,
        actor=actor,  # type: ignore[arg-type]
        conditional=c.boolean(table, "conditional"),
        negated=c.boolean(table, "negated"),
        topic=topic,
        cameo=c.string(table, "cameo"),
        plover=c.string(table, "plover"),
        priority=c.integer(table, "priority"),
        unless=unless,
        keywords=tuple(
            k.lower() for k in c.strings(table, "keywords") or sorted(token_pattern.trigger_lemmas)
        ),
        examples=c.strings(table, "examples"),
        counterexamples=c.strings(table, "counterexamples"),
        description=c.string(table, "description") or "",
        source=part.source,
        line=part.line_of("rules", index),
        ruleset=ruleset,
        when=_when(c, table),
        token_pattern=token_pattern,
        unless_tokens=unless_tokens,
    )


def _token_pattern(
    c: _Checker, key: str, text: str, lists: Mapping[str, Sequence[str]], what: str = ""
) -> TokenPattern:
    """A token pattern compiled, or a `RuleSetError` naming the key and what is wrong.

    A ``/regex/`` element that can backtrack without bound on a long word is compiled,
    with a `RuleSetWarning` naming it (``dipparse rules check`` also times each
    pattern on test sentences).
    """
    try:
        pattern = compile_token_pattern(text, lists, english())
    except PatternError as exc:
        raise c.fail(f"{what}{key}: {exc}", key) from None
    for element in pattern.regexes:
        risk = backtracking_risk(element)
        if risk is not None:
            # Said when the rule set loads, not only by `rules check`.
            where = f"{c.part.source}:{c.line(key)}"
            who = f"rule {c.rule!r}: " if c.rule else what
            warnings.warn(RuleSetWarning(f"{where}: {who}{key}: /{element}/: {risk}"), stacklevel=3)
    return pattern


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
    if not p.is_dir() and not p.exists():
        raise RuleSetError("no such file or folder", source=str(p))
    with collector.paused():
        if p.is_dir():
            return _load_parts(_directory_parts(p, str(p)), resolve=True)
        return _load_parts([_read(p, str(p))], resolve=True)


def ruleset_from_string(text: str, *, source: str = "<string>") -> RuleSet:
    """Load a rule set from TOML text (``source`` names it in error messages)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    with collector.paused():
        return _load_parts([_parse_toml(text, source)], resolve=True)


def load_resource(package: str, name: str) -> RuleSet:
    """Load a rule set shipped inside a package: a TOML file or folder ``name`` in it."""
    root = resources.files(package).joinpath(name)
    label = f"{package}:{name}"
    if not root.is_dir() and not root.is_file():
        raise RuleSetError("no such resource", source=label)
    with collector.paused():
        if root.is_dir():
            return _load_parts(_directory_parts(root, label), resolve=True)
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
    "DatedRole",
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
