"""The seed article end to end: its events, groups, responses and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import dipparse
from dipparse.evaluation import actor_agrees, predict, read_gold

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_e57a447eb6801cad.txt"
GOLD = ROOT / "seeds" / "000_e57a447eb6801cad.gold.jsonl"


@pytest.fixture(scope="module")
def doc() -> dipparse.Document:
    return dipparse.parse(SEED.read_text(encoding="utf-8"), published="2025-05-12")


def _group(doc: dipparse.Document, kind: str, countries: set[str]) -> dipparse.EventGroup:
    found = [
        g
        for g in doc.groups
        if g.type == kind and g.actor is not None and set(g.actor.countries) == countries
    ]
    assert len(found) >= 1, f"no {kind} group by {countries}: {[g.to_dict() for g in doc.groups]}"
    return found[0]


def test_every_must_event_of_the_gold_is_found_with_type_and_actor() -> None:
    records = read_gold(GOLD)
    # The records are the article's sentences: parsed together, "both nations" is resolved.
    for record, events in zip(records, predict(records, dipparse.Parser()), strict=True):
        for gold in record.events:
            if gold.level != "must":
                continue
            assert any(e.type == gold.type and actor_agrees(gold, e) for e in events), (
                f"{record.id}: {gold.type} by {gold.actor} not found in "
                f"{[(e.type, e.actor.name if e.actor else None) for e in events]}"
            )


def test_the_seed_groups_into_its_eight_events(doc: dipparse.Document) -> None:
    kinds = sorted(
        (g.type, tuple(sorted(g.actor.countries)) if g.actor else ()) for g in doc.groups
    )
    assert kinds == sorted(
        [
            ("offer", ("USA",)),
            ("rejection", ("IND",)),
            ("acceptance", ("PAK",)),
            ("acceptance", ("IND", "PAK")),
            ("demand", ("IND",)),
            ("demand", ("PAK",)),
            ("demand", ("PAK",)),
            ("demand", ("IND",)),
        ]
    )


def test_offer_and_its_answers(doc: dipparse.Document) -> None:
    offer = _group(doc, "offer", {"USA"})
    rejection = _group(doc, "rejection", {"IND"})
    acceptance = _group(doc, "acceptance", {"PAK"})
    assert offer.cameo == "039" and offer.topic == "mediation"
    assert rejection.cameo == "126"
    assert rejection.responds_to == offer.id
    assert acceptance.responds_to == offer.id
    # Mentioned in the headline, lines 2, 3, 4 and the official's quote.
    assert len(rejection.mentions) >= 5
    assert len(offer.mentions) >= 4


def test_joint_acceptance_is_dated_on_saturday(doc: dipparse.Document) -> None:
    joint = _group(doc, "acceptance", {"IND", "PAK"})
    assert joint.date == dt.date(2025, 5, 10)
    assert joint.responds_to is None  # nobody offered the de-escalation in this article
    assert joint.topic == "ceasefire"
    dated = [e for e in doc.events if e.date_text is not None]
    assert [e.date_text.text for e in dated if e.group == joint.id] == ["On Saturday"]


def test_the_conditional_demand_on_terrorism(doc: dipparse.Document) -> None:
    demands = [e for e in doc.events if e.type == "demand" and e.conditional]
    assert len(demands) == 1
    demand = demands[0]
    assert demand.actor is not None and demand.actor.country == "IND"
    assert demand.target is not None and demand.target.country == "PAK"
    assert demand.condition is not None and "terrorism" in demand.condition.text
    assert demand.topic == "counterterrorism"


def test_quoted_rejection_carries_the_officials_voice(doc: dipparse.Document) -> None:
    quoted = [e for e in doc.events if e.type == "rejection" and e.quoted]
    assert quoted, "the official's 'We don't want anyone to mediate' is a quoted rejection"
    for event in quoted:
        assert event.actor is not None and event.actor.text == "We"
        assert event.actor.country == "IND"
        assert event.speaker is not None and "official" in event.speaker.name


def test_islamabad_stated_is_pakistan(doc: dipparse.Document) -> None:
    demands = [e for e in doc.events if e.type == "demand" and e.quoted]
    assert any(e.actor is not None and e.actor.text == "Islamabad" for e in demands)
    assert all(e.actor is not None and e.actor.country in ("PAK", "IND") for e in demands)


def test_not_events(doc: dipparse.Document) -> None:
    triggers = {e.trigger.text.lower() for e in doc.events}
    # Praise, appreciation, the attack and the ministry's confirmation are no statements.
    assert not triggers & {"praised", "appreciated", "confirmed", "attack"}


def test_every_span_indexes_the_original_text(doc: dipparse.Document) -> None:
    data = doc.to_dict()
    text = doc.text
    for event in data["events"]:
        for key in ("actor", "target", "content", "trigger", "condition", "speaker"):
            field = event[key]
            if field is not None:
                start, end = field["span"]
                assert text[start:end] == field["text"]
        start, end = event["sentence"]
        assert text[start:end].strip() == text[start:end]
