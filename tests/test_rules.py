"""Tests for the rule-set format and its loader (`dipparse.rules`)."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

import dipparse
from dipparse.regex_risk import backtracking_risk
from dipparse.rules import MATCH_TIMEOUT, RuleSetError

THREATS = textwrap.dedent(
    """\
    [ruleset]
    name = "threats"
    version = "0.2.0"
    extends = ["core-en"]

    [[kinds]]
    name = "threat"
    cameo = "130"
    plover = "THREATEN"

    [lists]
    threat_verbs = ["threaten", "threatens", "threatened"]

    [[rules]]
    id = "threat.verb"
    kind = "threat"
    tokens = "trigger:VG[{threat_verbs}]"
    examples = ["Iran threatened to close the Strait of Hormuz."]
    """
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- loading ---------------------------------------------------------------------------


def test_ruleset_from_string_reads_every_section() -> None:
    """Metadata, kinds, lists and rules come back as typed objects."""
    rs = dipparse.ruleset_from_string(THREATS, source="threats.toml")
    assert (rs.name, rs.version, rs.extends, rs.source) == (
        "threats",
        "0.2.0",
        ("core-en",),
        "threats.toml",
    )
    assert [(k.name, k.cameo, k.plover) for k in rs.kinds] == [("threat", "130", "THREATEN")]
    assert rs.lists["threat_verbs"] == ("threaten", "threatens", "threatened")
    rule = rs.rule("threat.verb")
    assert (rule.kind, rule.actor, rule.priority, rule.ruleset) == (
        "threat",
        "subject",
        0,
        "threats",
    )
    assert rule.source == "threats.toml"
    assert rule.line == 14
    assert rule.tokens == "trigger:VG[{threat_verbs}]"
    assert rule.token_pattern is not None and rule.token_pattern.slots == ("trigger",)
    assert set(rule.keywords) == {"threaten"}
    # inherited from core-en: its lists are usable in patterns
    assert "offer_verbs" in rs.lists


def test_load_ruleset_from_a_file_and_a_folder(tmp_path: Path) -> None:
    """A single TOML file and a folder with ruleset.toml load the same rules."""
    single = _write(tmp_path, "threats.toml", THREATS)
    folder = tmp_path / "threats"
    folder.mkdir()
    meta, _, rules = THREATS.partition("[[kinds]]")
    _write(folder, "ruleset.toml", meta)
    _write(folder, "threat.toml", "[[kinds]]" + rules)
    from_file = dipparse.load_ruleset(single)
    from_folder = dipparse.load_ruleset(str(folder))
    assert [r.id for r in from_file.rules] == [r.id for r in from_folder.rules] == ["threat.verb"]
    assert from_folder.rule("threat.verb").source == f"{folder}/threat.toml"
    assert from_file.rule("threat.verb").source == str(single)


def test_a_list_defined_in_two_files_of_a_rule_set_is_an_error(tmp_path: Path) -> None:
    """The lists of a rule set's files are one pool: a second definition would silently
    replace the first, so loading names both places instead."""
    folder = tmp_path / "threats"
    folder.mkdir()
    meta, _, rules = THREATS.partition("[[kinds]]")
    _write(folder, "ruleset.toml", meta + '\n[lists]\nthreat_verbs = ["warn"]\n')
    _write(folder, "threat.toml", "[[kinds]]" + rules)
    with pytest.raises(RuleSetError) as caught:
        dipparse.load_ruleset(str(folder))
    message = str(caught.value)
    assert "'threat_verbs' is defined twice" in message
    assert f"{folder}/ruleset.toml, line" in message and "threat.toml" in message


def test_a_rule_set_may_replace_a_list_it_inherits() -> None:
    """Extending is not defining twice: a rule set's own list replaces the inherited one."""
    text = THREATS.replace("[lists]\n", '[lists]\ndismissed_people = ["coach"]\n')
    rs = dipparse.ruleset_from_string(text, source="threats.toml")
    assert rs.lists["dismissed_people"] == ("coach",)
    assert (
        "minister"
        in dipparse.load_resource("dipparse.rulesets", "core-en").lists["dismissed_people"]
    )


def test_load_resource_from_a_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule set shipped inside an importable package loads by package and name."""
    package = tmp_path / "acme_rules"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    _write(package, "threats.toml", THREATS)
    monkeypatch.syspath_prepend(str(tmp_path))
    rs = dipparse.load_resource("acme_rules", "threats.toml")
    assert rs.name == "threats"
    assert rs.rule("threat.verb").source == "acme_rules:threats.toml"
    core = dipparse.load_resource("dipparse.rulesets", "core-en")
    assert core.name == "core-en"
    assert len(core.rules) > 20
    with pytest.raises(RuleSetError, match=r"acme_rules:missing\.toml: no such resource"):
        dipparse.load_resource("acme_rules", "missing.toml")
    sys.modules.pop("acme_rules", None)


def test_load_ruleset_errors_for_bad_arguments(tmp_path: Path) -> None:
    """A missing path is a RuleSetError naming it; a non-path is a TypeError."""
    with pytest.raises(RuleSetError, match=r"nowhere\.toml: no such file or folder"):
        dipparse.load_ruleset(tmp_path / "nowhere.toml")
    with pytest.raises(TypeError, match=r"path must be a str or pathlib\.Path, not int"):
        dipparse.load_ruleset(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        dipparse.ruleset_from_string(b"[ruleset]")  # type: ignore[arg-type]


def test_folder_without_ruleset_toml(tmp_path: Path) -> None:
    """A folder needs its ruleset.toml; the message says so."""
    _write(tmp_path, "rules.toml", "[[rules]]\nid = 'x'\n")
    with pytest.raises(RuleSetError, match=r"needs a ruleset\.toml with its \[ruleset\] table"):
        dipparse.load_ruleset(tmp_path)


@pytest.mark.parametrize(
    ("snippet", "line", "message"),
    [
        ("priority = 'high'", 7, "'priority' must be an integer, not a string"),
        ("negated = 'yes'", 7, "'negated' must be true or false (without quotes), not a string"),
        ("examples = 'x'", 7, "'examples' must be a list of strings"),
        ("actor = 'whoever'", 7, "'actor' must be one of subject, possessor, agent, speaker"),
        ("topic = 'weather'", 7, "unknown topic 'weather'; declare it in a [[topics]] table"),
        ("prority = 5", 7, "unknown key 'prority' in [rules]; did you mean 'priority'?"),
    ],
)
def test_rule_errors_name_file_line_and_rule(snippet: str, line: int, message: str) -> None:
    """Each mistake in a rule is reported at its line, with the rule's id."""
    text = (
        "[ruleset]\nname = 'x'\n\n[[rules]]\nid = 'threat.verb'\n"
        "tokens = 'trigger:threaten'\n" + snippet + "\nkind = 'offer'\n"
    )
    with pytest.raises(RuleSetError) as info:
        dipparse.ruleset_from_string(text, source="x.toml")
    error = info.value
    assert (error.source, error.line, error.rule) == ("x.toml", line, "threat.verb")
    assert str(error).startswith(f"x.toml:{line}: rule 'threat.verb': {message}")


def test_unknown_kind_is_an_error() -> None:
    """A rule of a kind that no rule set declares says how to declare it."""
    text = "[ruleset]\nname = 'x'\n[[rules]]\nid = 'a'\nkind = 'threat'\ntokens = 'trigger:x'\n"
    with pytest.raises(RuleSetError, match=r"unknown kind 'threat'.*declare it in a \[\[kinds\]\]"):
        dipparse.ruleset_from_string(text)


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "[[rules]]\nid = 'a'\nkind = 'offer'\npattern = '(?P<trigger>offered)'\n",
            6,
            "rule 'a': 'pattern' (a character regex) is the 0.1 form; since 0.2 a rule is a "
            "token pattern",
        ),
        (
            "[[rules]]\nid = 'a'\nkind = 'offer'\ntokens = 'trigger:offer'\n"
            "case_sensitive = true\n",
            7,
            "rule 'a': 'case_sensitive' was for regex patterns",
        ),
        ("[macros]\nAUX = 'has'\n", 3, "[macros] held pieces of regex rules"),
        (
            "[[topics]]\nname = 'force'\npattern = 'strike'\n",
            5,
            "a topic's 'pattern' (a regex) is the 0.1 form; since 0.2 it is 'tokens'",
        ),
    ],
)
def test_the_regex_form_of_0_1_is_refused_with_its_remedy(
    body: str, line: int, message: str
) -> None:
    """A 0.1 rule set (regex rules, macros, regex topics) fails at the line, saying what
    to write instead."""
    with pytest.raises(RuleSetError) as info:
        dipparse.ruleset_from_string("[ruleset]\nname = 'x'\n" + body, source="x.toml")
    assert info.value.line == line
    assert message in str(info.value)


def test_extends_unknown_ruleset() -> None:
    """``extends`` names a rule set that is not installed: the known ones are listed."""
    text = "[ruleset]\nname = 'x'\nextends = ['core-fr']\n"
    with pytest.raises(RuleSetError, match=r"<string>:3: extends unknown rule set 'core-fr'"):
        dipparse.ruleset_from_string(text)


# -- catastrophic backtracking -----------------------------------------------------------

RISKY = [
    r"(a+)+b",
    r"(?:\w+\s*)+:",
    r"(?:[^,]+,?)*x",
    r"(\w+\s?)+$",
    r"(a|aa)+$",
    r"(\w|\w\w)+!",
    r"(.*,)*x",
    r"(?:\w+|\s+)*!",
    r"(x+x+)+y",
    r"(?P<trigger>threat\w*)\s+(?:(?:\w+)+\s)+",
]
SAFE = [
    r"(?:\w+\s+)*x",
    r"(?:\w+,\s*)+x",
    r"(?>a+)+b",
    r"(?:a++)+b",
    r"(a+)++b",
    r"(?:[^,]+,)+x",
    r"(?:has|have)+x",
    r"(?:(?:has|have)\s+)*",
    r"(?:\w+\s+){0,3}x",
    r"(?:\w+ly\s+|also\s+)*x",
    r"[a-z]+(?:-[a-z]+)*",
    r"(?:\w+(?:-\w+)*\s+)*",
]


@pytest.mark.parametrize("pattern", RISKY)
def test_backtracking_risk_flags(pattern: str) -> None:
    """Loops whose bodies can split one text in two ways are flagged, with a remedy."""
    warning = backtracking_risk(pattern)
    assert warning is not None
    assert "atomic group (?>...)" in warning
    assert "possessive quantifier" in warning


@pytest.mark.parametrize("pattern", SAFE)
def test_backtracking_risk_passes(pattern: str) -> None:
    """Loops whose parts cannot match the same characters, and atomic ones, pass."""
    assert backtracking_risk(pattern) is None


def test_backtracking_risk_on_core_en() -> None:
    """The built-in rules' /regex/ elements raise no warning (``rules check`` stays quiet)."""
    core = dipparse.get_ruleset("core-en")
    patterns = [r.token_pattern for r in core.rules]
    patterns += [r.unless_tokens for r in core.rules]
    patterns += [t.token_pattern for t in core.topics]
    elements = [e for p in patterns if p is not None for e in p.regexes]
    assert elements  # the built-in rules do use the escape hatch
    assert [e for e in elements if backtracking_risk(e)] == []


def test_catastrophic_rule_cannot_hang_parse() -> None:
    """A pathological /regex/ element gives up after MATCH_TIMEOUT, with a warning naming
    the rule; the other rules still run."""
    text = (
        "[ruleset]\nname = 'slow'\n[[rules]]\nid = 'slow.rule'\nkind = 'offer'\n"
        "tokens = 'trigger:aid /(?:a|aa)+b/'\n"
    )
    with pytest.warns(dipparse.RuleSetWarning, match="slow.toml:6: rule 'slow.rule'"):
        slow = dipparse.ruleset_from_string(text, source="slow.toml")
    parser = dipparse.Parser(["core-en", slow])
    sentence = "Turkey offered aid " + "a" * 60 + "!"
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = parser.parse(sentence)
    elapsed = time.perf_counter() - start
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert any("rule 'slow.rule' (slow.toml:3) gave up after" in m for m in messages), messages
    # the other rules still ran; without the limit this sentence takes hours
    assert [e.rule for e in doc.events] == ["offer.verb"]
    assert elapsed < 30 * MATCH_TIMEOUT


def test_catastrophic_topic_cannot_hang_parse() -> None:
    """A topic's pattern runs under the same time limit as a rule's."""
    text = (
        "[ruleset]\nname = 'slow-topic'\nextends = ['core-en']\n"
        "[[topics]]\nname = 'slow'\ntokens = '/(?:a|aa)+\\d/'\n"
    )
    with pytest.warns(dipparse.RuleSetWarning, match="topic 'slow'"):
        ruleset = dipparse.ruleset_from_string(text)
    parser = dipparse.Parser([ruleset])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = parser.parse("Turkey offered talks " + "a" * 60 + "!")
    assert any("topic 'slow' gave up after" in str(w.message) for w in caught)
    assert [e.type for e in doc.events] == ["offer"]
    # and the document says so, with the topic's name and the words it was searched in
    assert {(w.code, w.rule) for w in doc.warnings} == {("topic-timeout", "slow")}
    assert all(w.span is not None and "a" * 60 in w.span.text for w in doc.warnings)


def test_a_pattern_that_can_backtrack_without_bound_warns_when_loaded() -> None:
    text = """
[ruleset]
name = "risky"
[[rules]]
id = "offer.risky"
kind = "offer"
tokens = 'trigger:offer /(?:\\w+-?)+x/'
"""
    with pytest.warns(
        dipparse.RuleSetWarning, match=r"risky.toml:7: rule 'offer.risky': tokens: /"
    ):
        dipparse.ruleset_from_string(text, source="risky.toml")


# -- dated roles of actors -------------------------------------------------------------


def _actor_toml(roles: str) -> str:
    return (
        "[ruleset]\nname = 'x'\n\n[[actors]]\nname = 'Ada Example'\nkind = 'leader'\n"
        "country = 'USA'\nroles = [\n" + roles + "]\n"
    )


def test_dated_roles_are_read_in_time_order() -> None:
    """``roles`` tables become `DatedRole`s, sorted by their first day; open ends are None."""
    rs = dipparse.ruleset_from_string(
        _actor_toml(
            "    { role = 'President', from = 2021-01-20 },\n"
            "    { role = 'Senator', to = 2009-01-15 },\n"
            "    { role = 'Vice President', from = 2009-01-20, to = 2017-01-20 },\n"
        ),
        source="x.toml",
    )
    (entry,) = rs.actors
    assert entry.role is None
    assert entry.roles == (
        dipparse.DatedRole("Senator", None, dt.date(2009, 1, 15)),
        dipparse.DatedRole("Vice President", dt.date(2009, 1, 20), dt.date(2017, 1, 20)),
        dipparse.DatedRole("President", dt.date(2021, 1, 20), None),
    )


def test_a_plain_role_still_works() -> None:
    """The old ``role`` key alone is a role without dates."""
    rs = dipparse.ruleset_from_string(
        "[ruleset]\nname = 'x'\n\n[[actors]]\nname = 'Ada Example'\nkind = 'leader'\n"
        "role = 'President'\n",
        source="x.toml",
    )
    (entry,) = rs.actors
    assert (entry.role, entry.roles) == ("President", ())


@pytest.mark.parametrize(
    ("roles", "line", "message"),
    [
        (
            "    { role = 'President', from = 2021-01-20, to = 2017-01-20 },\n",
            9,
            "actor 'Ada Example': roles entry 1 ('President'): 'to' 2017-01-20 must be after "
            "'from' 2021-01-20",
        ),
        (
            "    { role = 'President', from = 2021-01-20 },\n"
            "    { role = 'Senator', from = '2009-01-15' },\n",
            10,
            "actor 'Ada Example': roles entry 2 ('Senator'): 'from' must be a TOML date such as "
            "2021-01-20 (without quotes or a time), not a string '2009-01-15'",
        ),
        (
            "    { role = 'President', to = 2021-01-20T12:00:00 },\n",
            9,
            "actor 'Ada Example': roles entry 1 ('President'): 'to' must be a TOML date",
        ),
        (
            "    { role = 'Vice President', from = 2009-01-20, to = 2017-01-20 },\n"
            "    { role = 'President', from = 2016-01-20, to = 2021-01-20 },\n",
            10,
            "actor 'Ada Example': the roles 'Vice President' (2009-01-20 to 2017-01-20) and "
            "'President' (2016-01-20 to 2021-01-20) overlap",
        ),
        (
            "    { role = 'President', from = 2021-01-20 },\n"
            "    { role = 'Senator', from = 2009-01-15 },\n",
            9,
            "actor 'Ada Example': the roles 'Senator' (2009-01-15 to open) and 'President'",
        ),
        (
            "    { from = 2021-01-20 },\n",
            9,
            "actor 'Ada Example': roles entry 1: 'role' must be a non-empty string, not missing",
        ),
        (
            "    { role = 'President', since = 2021-01-20 },\n",
            9,
            "actor 'Ada Example': roles entry 1: unknown key 'since'; allowed keys: from, role, to",
        ),
    ],
)
def test_dated_role_errors_name_file_line_and_problem(roles: str, line: int, message: str) -> None:
    """A reversed range, a non-date, overlapping ranges, a missing role: at the entry's line."""
    with pytest.raises(RuleSetError) as info:
        dipparse.ruleset_from_string(_actor_toml(roles), source="x.toml")
    assert (info.value.source, info.value.line) == ("x.toml", line)
    assert str(info.value).startswith(f"x.toml:{line}: {message}")


def test_dated_roles_must_be_an_array_of_tables_on_a_person() -> None:
    """``roles`` is an array of tables, and only for a leader or an official."""
    with pytest.raises(RuleSetError, match=r"x\.toml:8: actor 'Ada Example': 'roles' must be an"):
        dipparse.ruleset_from_string(
            "[ruleset]\nname = 'x'\n\n[[actors]]\nname = 'Ada Example'\nkind = 'leader'\n"
            "country = 'USA'\nroles = 'President'\n",
            source="x.toml",
        )
    with pytest.raises(RuleSetError, match=r"'roles' \(dated roles\) are for a leader or an"):
        dipparse.ruleset_from_string(
            "[ruleset]\nname = 'x'\n\n[[actors]]\nname = 'Adaland'\nkind = 'state'\n"
            "roles = [{ role = 'Republic', from = 1990-01-01 }]\n",
            source="x.toml",
        )
