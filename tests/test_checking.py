"""Tests for ``dipparse rules check`` and ``dipparse rules list`` (`dipparse.checking`)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dipparse import Parser, available
from dipparse.checking import check_files, list_rules
from dipparse.cli import main

BROKEN = Path(__file__).parent / "rulesets" / "broken"

# One file per kind of mistake, with the one line `rules check` must print for it.
BROKEN_MESSAGES = {
    "unknown_key.toml": (
        "unknown_key.toml:9: rule 'threat.verb': unknown key 'exmaples' in [rules]; "
        "did you mean 'examples'? allowed keys: actor, cameo, conditional, counterexamples, "
        "description, examples, id, keywords, kind, negated, plover, priority, tokens, topic, "
        "unless, when"
    ),
    "wrong_type.toml": (
        "wrong_type.toml:9: rule 'threat.verb': 'priority' must be an integer, not a string: "
        "write it without quotes, as in priority = 10"
    ),
    "bad_regex.toml": (
        "bad_regex.toml:8: rule 'threat.verb': tokens: /(?:to/ is not a regex: missing ) at "
        "position 5"
    ),
    "regex_rule.toml": (
        "regex_rule.toml:8: rule 'threat.verb': 'pattern' (a character regex) is the 0.1 form; "
        'since 0.2 a rule is a token pattern: tokens = "trigger:VG[threaten]", with /regex/ '
        "where one token needs a regex (see 'Token patterns' in the rule-set guide)"
    ),
    "undefined_list.toml": (
        "undefined_list.toml:11: rule 'threat.verb': tokens: unknown list {threat_verb}; "
        "did you mean {threat_verbs}? define it under [lists]"
    ),
    "duplicate_id.toml": (
        "duplicate_id.toml:10: rule 'threat.verb': duplicate rule id 'threat.verb' "
        "(first defined at {folder}/duplicate_id.toml:5); give each rule its own id"
    ),
    "missing_trigger.toml": (
        "missing_trigger.toml:8: rule 'threat.verb': tokens has no trigger slot; mark the "
        "words that make the statement, as in 'trigger:VG[threaten]'"
    ),
    "invalid_toml.toml": (
        "invalid_toml.toml:6: not valid TOML: Illegal character '\\n' (column 18); "
        "check the quotes, brackets and commas on this line"
    ),
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["rules", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_every_broken_file_is_covered() -> None:
    """Each file in tests/rulesets/broken has its expected message below, and back."""
    assert sorted(p.name for p in BROKEN.glob("*.toml")) == sorted(BROKEN_MESSAGES)


@pytest.mark.parametrize("name", sorted(BROKEN_MESSAGES))
def test_broken_rule_sets(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`rules check` prints the one precise message (file, line, rule, remedy) and exits 2."""
    path = BROKEN / name
    status, out, err = _run(capsys, "check", str(path))
    expected = f"  error: {BROKEN}/" + BROKEN_MESSAGES[name].replace("{folder}", str(BROKEN))
    assert status == 2
    assert out.splitlines() == [
        f"{path}: invalid",
        expected,
        "FAILED: 1 rule set(s), 1 invalid, 0 rules; 0 passed, 0 failed; 0 warning(s)",
    ]
    assert "Traceback" not in out + err


def test_several_files_each_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """One broken file does not stop the others from being checked."""
    status, out, _ = _run(
        capsys, "check", str(BROKEN / "wrong_type.toml"), str(BROKEN / "bad_regex.toml")
    )
    assert status == 2
    assert out.count(": invalid") == 2
    assert out.splitlines()[-1].startswith("FAILED: 2 rule set(s), 2 invalid")


def test_core_en_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """With no file, the built-in rules are checked: all their examples hold."""
    status, out, _ = _run(capsys, "check")
    assert out.startswith("core-en: rule set 'core-en'")
    assert "fail:" not in out, out
    assert out.splitlines()[-1].startswith("ok: 1 rule set(s), 0 invalid")
    assert status == 0


def _write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """\
    [ruleset]
    name = "mine"
    version = "1.2.0"
    extends = ["core-en"]

    [[kinds]]
    name = "threat"
    cameo = "130"
    plover = "THREATEN"

    [[rules]]
    id = "threat.verb"
    kind = "threat"
    tokens = "trigger:VG[threaten]"
    examples = ["Iran threatened to close the Strait of Hormuz."]
    counterexamples = ["Heavy rains threatened the harvest."]

    [[rules]]
    id = "threat.block-species"
    kind = "none"
    priority = 50
    tokens = 'trigger:"threatened" "species"'
    examples = ["Kenya protects threatened species."]
    counterexamples = ["Iran threatened to close the Strait of Hormuz."]
    """


def test_a_good_rule_set_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Examples hold (a blocking rule claims its trigger), counterexamples give nothing."""
    path = _write(tmp_path, GOOD)
    status, out, _ = _run(capsys, "check", str(path))
    assert out.splitlines() == [
        f"{path}: rule set 'mine' 1.2.0, extends core-en: 2 rules, "
        "4 of 4 examples and counterexamples passed",
        "ok: 1 rule set(s), 0 invalid, 2 rules; 4 passed, 0 failed; 0 warning(s)",
    ]
    assert status == 0


def test_failing_examples_say_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A failing example, a firing counterexample and a lost trigger are each explained."""
    path = _write(
        tmp_path,
        GOOD.replace(
            'examples = ["Kenya protects threatened species."]',
            'examples = ["Kenya protects threatened birds."]',
        ).replace(
            'counterexamples = ["Heavy rains threatened the harvest."]',
            'counterexamples = ["Russia threatened Ukraine."]',
        )
        + textwrap.dedent(
            """
            [[rules]]
            id = "threat.weak"
            kind = "threat"
            tokens = "trigger:threaten"
            examples = [
              "Iran threatened to close the Strait of Hormuz.",
              "Heavy rains threatened the harvest.",
            ]
            """
        ),
    )
    status, out, _ = _run(capsys, "check", str(path))
    where = f"{path}"
    assert status == 2
    assert (
        f"  fail: {where}:18: rule 'threat.block-species': example 1 "
        "'Kenya protects threatened birds.' was not claimed by it: its pattern did not match"
    ) in out
    assert (
        f"  fail: {where}:11: rule 'threat.verb': counterexample 1 'Russia threatened Ukraine.' "
        "gave an event on 'threatened'"
    ) in out
    assert (
        f"  fail: {where}:26: rule 'threat.weak': example 1 "
        "'Iran threatened to close the Strait of Hormuz.' gave no event: "
        "its trigger 'threatened' went to rule 'threat.verb'"
    ) in out
    assert (
        f"  fail: {where}:26: rule 'threat.weak': example 2 'Heavy rains threatened the harvest.' "
        "gave no event: its trigger 'threatened' went to rule 'threat.verb'"
    ) in out
    assert (
        f"  warning: {where}:26: rule 'threat.weak': shadowed by rule 'threat.verb' "
        "(rule set 'mine', priority 0), which claims the trigger of its example"
    ) in out
    assert out.splitlines()[-1] == (
        "FAILED: 1 rule set(s), 0 invalid, 3 rules; 2 passed, 4 failed; 1 warning(s)"
    )


def test_no_actor_is_the_reason_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An example whose actor is not in the gazetteer names the actor finder."""
    path = _write(
        tmp_path,
        GOOD.replace("Iran threatened to close", "Ruritania threatened to close", 1),
    )
    status, out, _ = _run(capsys, "check", str(path))
    assert status == 2
    assert (
        "example 1 'Ruritania threatened to close the Strait of Hormuz.' gave no event: "
        "it matched 'threatened' but no actor was found (actor finder 'subject')"
    ) in out


def test_backtracking_warning_alone_does_not_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A risky pattern is a warning; the rule set stays valid."""
    path = _write(
        tmp_path,
        GOOD.replace(
            'tokens = "trigger:VG[threaten]"',
            'tokens = "trigger:VG[threaten] /(?:\\\\w+-?)+x/?"',
        ),
    )
    status, out, _ = _run(capsys, "check", str(path))
    assert f"  warning: {path}:11: rule 'threat.verb': tokens: /(?:\\w+-?)+x/: the loop " in out
    assert "can match the same text in more than one way" in out
    assert out.splitlines()[-1].endswith("0 failed; 1 warning(s)")
    assert status == 0


def test_disable_of_an_unknown_rule_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``disable`` under [ruleset] must name rules that exist."""
    path = _write(
        tmp_path,
        GOOD.replace('extends = ["core-en"]', 'extends = ["core-en"]\ndisable = ["offer.verbb"]'),
    )
    status, out, _ = _run(capsys, "check", str(path))
    assert status == 2
    assert f"  error: {path}: [ruleset]: disable names unknown rule id 'offer.verbb'" in out


def test_a_folder_and_a_name_can_be_checked(tmp_path: Path) -> None:
    """A folder of TOML files and a registered name are accepted like a file."""
    folder = tmp_path / "mine"
    folder.mkdir()
    meta, _, rest = textwrap.dedent(GOOD).partition("[[kinds]]")
    (folder / "ruleset.toml").write_text(meta, encoding="utf-8")
    (folder / "threat.toml").write_text("[[kinds]]" + rest, encoding="utf-8")
    ok, report = check_files([str(folder)])
    assert ok, report
    assert report.startswith(f"{folder}: rule set 'mine' 1.2.0")
    ok, report = check_files(["no-such-rules"])
    assert not ok
    assert report.splitlines()[:2] == [
        "no-such-rules: invalid",
        "  error: no-such-rules: no such file, folder or rule set name "
        f"(known names: {', '.join(available())})",
    ]


def test_rules_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`rules list` shows the rule sets, then one line per rule: id, kind, priority, text."""
    path = _write(tmp_path, GOOD)
    assert main(["rules", "list", "--rules", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Rule sets:"
    assert out[1].startswith("  core-en ")
    assert out[1].endswith("dipparse.rulesets:core-en/ruleset.toml")
    assert out[2] == f"  mine 1.2.0  {path}"
    assert out[3].startswith("Rules (")
    rows = {line.split()[0]: line.split(None, 3) for line in out[4:]}
    assert rows["threat.verb"][1:3] == ["threat", "0"]
    assert rows["threat.block-species"][1:3] == ["none", "50"]
    assert rows["offer.verb"][3].startswith("A verb of offering")


def test_list_rules_names_disabled_rules() -> None:
    """Rules taken out by ``disable`` are listed as such."""
    text = list_rules(Parser(disable=["offer.verb"]))
    assert text.splitlines()[-1] == "Disabled: offer.verb"
    assert "\n  offer.verb " not in text
