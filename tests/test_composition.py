"""Tests for composing rule sets in a `Parser`: extends, disable, overrides, actors, kinds."""

from __future__ import annotations

import json
import pickle
import textwrap
from typing import ClassVar

import attrs
import pytest

import dipparse
from dipparse import ActorEntry, Event, Parser

THREATS = textwrap.dedent(
    """\
    [ruleset]
    name = "threats"
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
    """
)
SENTENCE = "Iran threatened to close the Strait of Hormuz, and Oman offered to mediate."


@attrs.frozen(kw_only=True)
class Threat(Event):
    """A custom event class for the custom kind."""

    kind: ClassVar[str] = "threat"
    type: str = "threat"


@pytest.fixture(scope="module")
def threats() -> dipparse.RuleSet:
    return dipparse.ruleset_from_string(THREATS, source="threats.toml")


def _kinds_and_rules(parser: Parser, text: str) -> list[tuple[str, str]]:
    return [(e.type, e.rule) for e in parser.parse(text).events]


def test_core_en_and_a_custom_rule_set_compose(threats: dipparse.RuleSet) -> None:
    """Both rule sets' rules fire on one text, in text order."""
    parser = Parser(["core-en", threats])
    assert [rs.name for rs in parser.rulesets] == ["core-en", "threats"]
    assert _kinds_and_rules(parser, SENTENCE) == [
        ("threat", "threat.verb"),
        ("offer", "offer.verb"),
    ]


def test_extends_brings_in_the_parent(threats: dipparse.RuleSet) -> None:
    """A rule set that extends core-en runs with core-en's rules and actors."""
    parser = Parser([threats])
    assert [rs.name for rs in parser.rulesets] == ["core-en", "threats"]
    assert _kinds_and_rules(parser, SENTENCE) == [
        ("threat", "threat.verb"),
        ("offer", "offer.verb"),
    ]


def test_a_rule_set_without_extends_stands_alone() -> None:
    """Without ``extends`` only the rule set's own rules and actors are used."""
    alone = dipparse.ruleset_from_string(
        """
        [ruleset]
        name = "alone"
        [[rules]]
        id = "alone.offer"
        kind = "offer"
        tokens = 'trigger:"offered"'
        [[actors]]
        name = "Ruritania"
        kind = "state"
        country = "RUR"
        """.replace("\n        ", "\n")
    )
    parser = Parser([alone])
    assert [rs.name for rs in parser.rulesets] == ["alone"]
    assert [r.id for r in parser.rules] == ["alone.offer"]
    doc = parser.parse("Ruritania offered talks. Oman offered to mediate.")
    assert [(e.rule, e.actor.name if e.actor else None) for e in doc.events] == [
        ("alone.offer", "Ruritania")
    ]


def test_later_rule_sets_take_precedence_and_override_by_id(threats: dipparse.RuleSet) -> None:
    """A rule with a built-in id replaces the built-in rule."""
    override = dipparse.ruleset_from_string(
        textwrap.dedent(
            """\
            [ruleset]
            name = "narrow-offers"
            [[rules]]
            id = "offer.verb"
            kind = "offer"
            tokens = 'trigger:"offered" TO mediate'
            description = "Only offers to mediate."
            """
        )
    )
    parser = Parser(["core-en", override])
    (rule,) = [r for r in parser.rules if r.id == "offer.verb"]
    assert (rule.ruleset, rule.description) == ("narrow-offers", "Only offers to mediate.")
    assert _kinds_and_rules(parser, "Oman offered to mediate.") == [("offer", "offer.verb")]
    assert _kinds_and_rules(parser, "Egypt offered a truce.") == []
    assert _kinds_and_rules(Parser(), "Egypt offered a truce.") == [("offer", "offer.verb")]


def test_disable_removes_rules(threats: dipparse.RuleSet) -> None:
    """``disable`` takes rules out by id, and the built-in rules are left alone otherwise."""
    parser = Parser(["core-en", threats], disable=["offer.verb"])
    assert "offer.verb" not in {r.id for r in parser.rules}
    assert _kinds_and_rules(parser, SENTENCE) == [("threat", "threat.verb")]


def test_disable_in_the_rule_set_metadata() -> None:
    """``disable`` under [ruleset] removes rules of the rule sets it is composed with."""
    quiet = dipparse.ruleset_from_string(
        '[ruleset]\nname = "quiet"\nextends = ["core-en"]\ndisable = ["offer.verb"]\n'
    )
    parser = Parser([quiet])
    assert "offer.verb" not in {r.id for r in parser.rules}
    assert _kinds_and_rules(parser, "Egypt offered a truce.") == []


def test_disable_unknown_rule_id_is_an_error() -> None:
    """An unknown id is named in a ValueError (a typo must not pass silently)."""
    with pytest.raises(ValueError, match=r"disable names unknown rule ids: offer\.verbb$"):
        Parser(disable=["offer.verb", "offer.verbb"])


def test_actors_can_be_added() -> None:
    """An ActorEntry passed to the Parser is found as an actor, with its codes."""
    entry = ActorEntry(
        name="Yahya Saree", kind="official", country="YEM", role="Houthi military spokesman"
    )
    parser = Parser(actors=[entry])
    (event,) = parser.parse("Yahya Saree offered to release the crew.").events
    assert event.actor is not None
    assert (event.actor.name, event.actor.country, event.actor.kind, event.actor.role) == (
        "Yahya Saree",
        "YEM",
        "official",
        "Houthi military spokesman",
    )
    assert Parser().parse("Yahya Saree offered to release the crew.").events == ()


def test_a_later_actor_takes_over_a_surface_form() -> None:
    """An added actor that claims a built-in name wins it."""
    entry = ActorEntry(name="Ankara Chamber of Commerce", kind="organisation", aliases=("Ankara",))
    (event,) = Parser(actors=[entry]).parse("Ankara offered to host the talks.").events
    assert event.actor is not None
    assert event.actor.name == "Ankara Chamber of Commerce"


def test_actors_must_be_actor_entries() -> None:
    """A plain string is not an actor entry: the error says what is expected."""
    with pytest.raises(TypeError, match="actors must hold ActorEntry objects, not str"):
        Parser(actors=["Ruritania"])  # type: ignore[list-item]


def test_custom_kind_as_generic_event(threats: dipparse.RuleSet) -> None:
    """Without a class of its own a custom kind's mentions are `Event`s with its type and codes."""
    doc = Parser([threats]).parse(SENTENCE)
    threat = doc.events_of("threat")[0]
    assert type(threat) is Event
    assert (threat.type, threat.cameo, threat.plover) == ("threat", "130", "THREATEN")
    data = json.loads(doc.to_json())
    assert [e["type"] for e in data["events"]] == ["threat", "offer"]
    assert data["events"][0]["trigger"]["text"] == "threatened"
    assert [g["type"] for g in data["groups"]] == ["threat", "offer"]


def test_custom_kind_with_its_own_event_class(threats: dipparse.RuleSet) -> None:
    """``event_classes`` builds a custom kind's mentions as the given `Event` subclass."""
    parser = Parser(["core-en", threats], event_classes={"threat": Threat})
    doc = parser.parse(SENTENCE)
    assert [type(e).__name__ for e in doc.events] == ["Threat", "Offer"]
    assert doc.events[0].to_dict()["type"] == "threat"


def test_a_composed_parser_pickles(threats: dipparse.RuleSet) -> None:
    """A parser with custom rule sets, actors and classes survives pickling (for processes)."""
    parser = Parser(
        ["core-en", threats],
        disable=["offer.nominal"],
        actors=[ActorEntry(name="Yahya Saree", kind="official", country="YEM")],
        event_classes={"threat": Threat},
    )
    copy = pickle.loads(pickle.dumps(parser))
    assert [r.id for r in copy.rules] == [r.id for r in parser.rules]
    text = "Yahya Saree threatened to strike ships."
    assert copy.parse(text).to_dict() == parser.parse(text).to_dict()
    assert type(copy.parse(text).events[0]) is Threat
