"""Tests for ``dipparse explain`` (`dipparse.explain`): what fired and what nearly did."""

from __future__ import annotations

import textwrap

import pytest

import dipparse
from dipparse.cli import main
from dipparse.explain import explain, trace

# A small stand-alone rule set, so that the output does not move with core-en.
PROBE = textwrap.dedent(
    """\
    [ruleset]
    name = "probe"

    [[kinds]]
    name = "threat"
    cameo = "130"
    plover = "THREATEN"

    [[rules]]
    id = "threat.verb"
    kind = "threat"
    tokens = 'trigger:"threatened"'

    [[rules]]
    id = "threat.strike"
    kind = "threat"
    priority = 5
    tokens = 'trigger:("threatened" TO strike)'

    [[rules]]
    id = "threat.vow"
    kind = "threat"
    tokens = 'trigger:"vowed" TO (retaliate|respond)'

    [[rules]]
    id = "threat.warn"
    kind = "threat"
    tokens = 'trigger:"warned"'
    unless = "weather"

    [[rules]]
    id = "threat.block-species"
    kind = "none"
    priority = 50
    tokens = 'trigger:"threatened" "species"'

    [[actors]]
    name = "Iran"
    kind = "state"
    country = "IRN"
    """
)


@pytest.fixture(scope="module")
def parser() -> dipparse.Parser:
    return dipparse.Parser([dipparse.ruleset_from_string(PROBE, source="probe.toml")])


def test_fired_rule_with_spans_and_a_lost_trigger(parser: dipparse.Parser) -> None:
    """The event's rule, trigger, actor, content and codes; the rule that lost its trigger."""
    assert explain(parser, "Iran threatened to strike ships.").splitlines() == [
        "Text: 'Iran threatened to strike ships.'",
        "Rule sets: probe 0.0.0",
        "",
        "Fired (1):",
        "  m1 threat by rule threat.strike (probe.toml:14, priority 5)",
        "    trigger   [5:25] 'threatened to strike'",
        "    actor     [0:4] 'Iran' = Iran (state, IRN; via gazetteer)",
        "    target    -",
        "    content   [26:31] 'ships'",
        "    attributes none; date -; topic -; CAMEO 130; PLOVER THREATEN",
        "",
        "Near misses (2):",
        "  threat.verb (threat): matched [5:15] 'threatened' but rule threat.strike kept that "
        "trigger (priority 5 vs 0)",
        "  threat.block-species (none): its keywords 'threaten' occur but its pattern did not "
        "match",
        "",
        "Phrases (what token patterns see):",
        "  tokens  Iran/NAME threatened/VERB to/TO strike/VERB ships/NOUN ./PUNCT",
        "  NP      [0:4] 'Iran'",
        "  NP      [26:31] 'ships'",
        "  VG      [5:15] 'threatened' (lemma threaten, past)",
        "  VG      [19:25] 'strike' (lemma strike, present)",
    ]


def test_no_actor_names_the_finder(parser: dipparse.Parser) -> None:
    """A match dropped for want of an actor says which actor finder looked."""
    text = explain(parser, "Ruritania threatened to strike ships.")
    assert "Fired: none" in text
    assert (
        "  threat.strike (threat): matched [10:30] 'threatened to strike' but was dropped: "
        "no actor found (actor finder 'subject';"
    ) in text


def test_keyword_without_match_and_unless(parser: dipparse.Parser) -> None:
    """Keywords that occur without a match, and an ``unless`` veto, are near misses."""
    assert (
        "  threat.vow (threat): its keywords 'vow' occur but its pattern did not match"
        in explain(parser, "Iran vowed to negotiate.")
    )
    assert (
        "  threat.warn (threat): its unless pattern matched the sentence "
        "'Iran warned of bad weather.'" in explain(parser, "Iran warned of bad weather.")
    )


def test_blocking_rule_claims_its_trigger(parser: dipparse.Parser) -> None:
    """A kind-'none' rule is shown claiming the trigger that another rule lost to it."""
    text = explain(parser, "Iran protects threatened species.")
    assert "Blocked (kind 'none' rules that claimed their trigger: 1):" in text
    assert "  threat.block-species: claimed [14:24] 'threatened'; no event" in text
    assert (
        "  threat.verb (threat): matched [14:24] 'threatened' but rule threat.block-species "
        "kept that trigger (priority 50 vs 0)"
    ) in text


def test_trace_spans_index_the_original_text(parser: dipparse.Parser) -> None:
    """Spans survive normalisation: curly quotes and dashes do not shift them."""
    text = "\u201cWell\u201d \u2014 Iran threatened to strike ships."
    outcomes = trace(parser, text)
    lost = [o for o in outcomes if o.kind == "lost"]
    assert [(o.rule.id, o.detail) for o in lost] == [("threat.verb", "threat.strike")]
    trigger = lost[0].trigger
    assert trigger is not None
    assert text[trigger.start : trigger.end] == "threatened"


def test_explain_command(capsys: pytest.CaptureFixture[str]) -> None:
    """``dipparse explain`` prints the account for the built-in rules."""
    assert main(["explain", "Moscow rejected the proposal.", "--published", "2025-05-12"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Text: 'Moscow rejected the proposal.'\nRule sets: core-en ")
    assert "rejection by rule rejection.verb" in out
    assert "    trigger   [7:15] 'rejected'" in out
    assert "    actor     [0:6] 'Moscow' = Russia (state, RUS; via gazetteer)" in out


def test_explain_rejects_non_text(parser: dipparse.Parser) -> None:
    """The sentence must be a str."""
    with pytest.raises(TypeError, match="sentence must be str, not bytes"):
        explain(parser, b"Iran threatened.")  # type: ignore[arg-type]


def test_a_resolved_actor_and_a_source_are_explained() -> None:
    """The antecedent and resolution rule of an actor, and the event's source."""
    out = explain(dipparse.Parser(), "Baku said on Monday that it had rejected the proposals.")
    assert (
        "    actor     [25:27] 'it' = Azerbaijan (state, AZE; via anaphor [0:4] 'Baku' by "
        "pronoun.subject)" in out.splitlines()
    )
    assert "    source    [0:4] 'Baku' = Azerbaijan (state, AZE; via gazetteer)" in out.splitlines()
    claimed = explain(dipparse.Parser(), "Baku said Yerevan had rejected the proposals.")
    assert (
        "    source    [0:4] 'Baku' = Azerbaijan (state, AZE; via gazetteer) "
        "(claimed by another party)" in claimed.splitlines()
    )
