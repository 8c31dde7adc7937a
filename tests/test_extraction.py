"""Unit tests for each argument and attribute rule of extraction, on the built-in rules."""

from __future__ import annotations

import datetime as dt

import pytest

import dipparse
from dipparse.models import Actor, Event


def events(text: str, published: str | None = "2025-05-12") -> list[Event]:
    return list(dipparse.parse(text, published=published).events)


def one(text: str, kind: str | None = None) -> Event:
    found = [e for e in events(text) if kind is None or e.type == kind]
    assert len(found) == 1, [(e.type, e.actor.name if e.actor else None) for e in found]
    return found[0]


def actors_of(text: str, kind: str) -> list[Actor]:
    """The actors of the events of ``kind`` in ``text``, in order."""
    return [e.actor for e in events(text) if e.type == kind and e.actor is not None]


def who(event: Event) -> tuple[str | None, object]:
    assert event.actor is not None
    return event.actor.name, event.actor.country


# -- actors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "name", "country"),
    [
        ("China rejected the proposal on Monday.", "rejection", "China", "CHN"),
        ("Moscow has firmly rejected the proposal.", "rejection", "Russia", "RUS"),
        ("The Kremlin turned down the invitation.", "rejection", "Kremlin", "RUS"),
        (
            "Chinese Foreign Minister Wang Yi urged restraint.",
            "demand",
            "Wang Yi",
            "CHN",
        ),
        ("A senior Iranian diplomat rejected the offer.", "rejection", None, "IRN"),
        ("The European Union called on Russia to withdraw.", "demand", "European Union", None),
        ("Officials in Islamabad rejected the plan.", "rejection", "Pakistan", "PAK"),
        ("The Saudi crown prince invited Assad to the summit.", "offer", None, "SAU"),
        ("The Turkish statement called for a safe zone.", "demand", "Turkish statement", "TUR"),
        (
            "Negotiators from the two sides agreed to a truce.",
            "acceptance",
            "Negotiators from the two sides",
            None,
        ),
        (
            "The families of the hostages pleaded with the government to accept the deal.",
            "demand",
            "families of the hostages",
            None,
        ),
    ],
)
def test_actor_from_the_subject(text: str, kind: str, name: str | None, country: str) -> None:
    event = one(text, kind)
    assert event.actor is not None
    if name is not None:
        assert event.actor.name == name
    assert event.actor.country == country


def test_actor_is_the_subject_not_a_prepositional_object() -> None:
    event = one("After talks with Iran, Oman offered to mediate.", "offer")
    assert who(event) == ("Oman", "OMN")


def test_relative_clause_actor_is_its_antecedent() -> None:
    found = events("The proposal was turned down by Hamas, which demanded guarantees.")
    demand = next(e for e in found if e.type == "demand")
    assert who(demand) == ("Hamas", None)


def test_coordinated_verb_shares_the_first_subject() -> None:
    found = events("Trump praised India and Pakistan for agreeing to talks and offered to help.")
    offer = next(e for e in found if e.type == "offer")
    acceptance = next(e for e in found if e.type == "acceptance")
    assert who(offer)[0] == "Donald Trump"
    assert acceptance.actor is not None and acceptance.actor.country == ("IND", "PAK")


def test_passive_actor_is_the_by_agent() -> None:
    event = one("The offer was rejected by Moscow on Tuesday.", "rejection")
    assert who(event) == ("Russia", "RUS")


def test_passive_without_agent_is_not_an_event_of_the_subject() -> None:
    assert [e.type for e in events("Ukraine was offered security guarantees.")] == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kyiv rejected Turkey's offer to host talks.", "TUR"),
        ("Kyiv rejected a Turkish offer to host talks.", "TUR"),
        ("Kyiv studied an offer from Ankara to host talks.", "TUR"),
        ("Kyiv rejected the US proposal.", "USA"),
    ],
)
def test_nominal_offer_actor_is_its_owner(text: str, country: str) -> None:
    offer = one(text, "offer")
    assert offer.actor is not None and offer.actor.country == country
    assert offer.rule == "offer.nominal"


def test_joint_demonym_adjective() -> None:
    offer = one("Sudan's army welcomed a Saudi-US initiative to revive talks.", "offer")
    assert offer.actor is not None and offer.actor.country == ("SAU", "USA")


def test_quoted_first_person_is_the_speaker() -> None:
    event = one('"We will not accept any foreign troops," Maduro said on Monday.', "rejection")
    assert event.quoted
    assert event.actor is not None and event.actor.text == "We"
    assert event.actor.country == "VEN"
    assert event.speaker is not None and event.speaker.country == "VEN"


def test_must_in_reported_speech_belongs_to_the_reporter() -> None:
    event = one("Pakistan said the dispute must be resolved under UN resolutions.", "demand")
    assert who(event) == ("Pakistan", "PAK")
    assert event.rule == "demand.must"


def test_pronoun_subject_resolves_to_the_sentence_subject() -> None:
    event = one("Iran said it would reject any new demands.", "rejection")
    assert who(event) == ("Iran", "IRN")
    assert event.actor is not None and event.actor.text == "it"


def test_both_nations_resolves_to_the_earlier_pair() -> None:
    found = events(
        "India and Pakistan held talks. On Saturday, officials said both nations had agreed "
        "to de-escalate."
    )
    acceptance = next(e for e in found if e.type == "acceptance")
    assert acceptance.actor is not None
    assert acceptance.actor.country == ("IND", "PAK")
    assert acceptance.date == dt.date(2025, 5, 10)


def test_no_actor_no_event() -> None:
    assert events("The court rejected the appeal on Monday.") == []
    assert events("Shareholders rejected the takeover offer.") == []


# -- targets and content -------------------------------------------------------------


def test_target_of_a_call_on() -> None:
    event = one("The African Union called on Rwanda to withdraw its troops.", "demand")
    assert event.target is not None and event.target.country == "RWA"
    assert event.content is not None and "withdraw its troops" in event.content.text


def test_target_of_a_rejection_is_the_offers_owner() -> None:
    event = one("India rejected Trump's offer to mediate.", "rejection")
    assert event.target is not None and event.target.name == "Donald Trump"
    assert event.content is not None and event.content.text == "Trump's offer to mediate"


# -- attributes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Iran did not reject the proposal.",
        "Iran has not rejected the proposal.",
        "Iran never rejected the proposal.",
    ],
)
def test_negation(text: str) -> None:
    assert one(text, "rejection").negated


def test_will_not_accept_is_a_rejection_not_a_negated_acceptance() -> None:
    event = one("Hungary said it would not accept the plan.")
    assert event.type == "rejection" and not event.negated
    assert event.rule == "rejection.will-not-accept"


@pytest.mark.parametrize(
    "text",
    [
        "Iran is expected to accept the proposal.",
        "Iran may accept the proposal.",
        "Iran reportedly accepted the proposal.",
    ],
)
def test_hedges(text: str) -> None:
    event = one(text, "acceptance")
    assert event.hedged and not event.negated


def test_condition_only_if() -> None:
    event = one("Zelensky said Ukraine would accept talks only if Russia withdrew.", "acceptance")
    assert event.conditional
    assert event.condition is not None and event.condition.text.startswith("only if")


def test_see_if_is_not_a_condition() -> None:
    event = one('"I will work with you both to see if a solution can be found," Trump wrote.')
    assert event.type == "offer" and not event.conditional
    assert event.topic == "mediation"


def test_cannot_proceed_without_is_a_conditional_demand() -> None:
    event = one("India said talks cannot proceed without action on terrorism.", "demand")
    assert event.conditional
    assert event.content is not None and event.content.text == "action on terrorism"


def test_a_trigger_inside_a_condition_is_not_an_event() -> None:
    found = events("Zelensky would accept talks only if Russia agreed to a ceasefire.")
    assert [e.type for e in found] == ["acceptance"]


def test_infinitive_after_a_demand_is_what_is_demanded() -> None:
    found = events("The EU urged Serbia to accept the proposal.")
    assert [e.type for e in found if e.rule != "offer.nominal"] == ["demand"]


def test_quoted_flag_only_inside_quotes() -> None:
    assert one('"We reject the plan," Abbas said.', "rejection").quoted
    assert not one("Abbas said he would reject the plan.", "rejection").quoted


def test_date_attaches_to_the_verb_not_the_noun() -> None:
    found = events("China rejected the US proposal on Monday.", published="2025-03-12")
    rejection = next(e for e in found if e.type == "rejection")
    offer = next(e for e in found if e.type == "offer")
    assert rejection.date == dt.date(2025, 3, 10)
    assert rejection.date_text is not None and rejection.date_text.text == "on Monday"
    assert offer.date is None


# -- senses that are not events ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The airline offered customers a full refund.",
        "Chinese demand for oil rose sharply last month.",
        "Putin dismissed the defence minister on Sunday.",
        "The foreign ministry declined to comment.",
        "The envoy called on Tuesday to discuss the visit.",
        "Xi welcomed Putin to Beijing.",
        "The minister accepted responsibility for the failure.",
    ],
)
def test_other_senses_are_not_events(text: str) -> None:
    assert events(text) == []


# -- codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "cameo", "plover"),
    [
        ("Turkey offered to mediate between the two sides.", "offer", "039", "AGREE"),
        ("Iran offered to hold talks with the United States.", "offer", "036", "AGREE"),
        ("Hamas accepted Egyptian mediation.", "acceptance", "038", "AGREE"),
        ("The EU demanded the release of the detained journalists.", "demand", "1053", "REQUEST"),
        ("Russia rejected talks with Ukraine.", "rejection", "125", "REJECT"),
        ("India rejected the offer of mediation.", "rejection", "126", "REJECT"),
        ("Israel rejected the ceasefire plan.", "rejection", "1246", "REJECT"),
    ],
)
def test_codes(text: str, kind: str, cameo: str, plover: str) -> None:
    event = one(text, kind)
    assert (event.cameo, event.plover) == (cameo, plover)


def test_every_event_names_its_rule_and_spans() -> None:
    text = "Egypt proposed a truce; Israel rejected it, and Hamas accepted it."
    for event in events(text):
        assert event.rule
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.sentence.start <= event.trigger.start < event.sentence.end


@pytest.mark.parametrize(
    ("text", "negated", "hedged"),
    [
        ("India has not formally rejected the proposal.", True, False),
        ("India is not expected to reject the proposal.", True, True),
        ("India may reject the proposal.", False, True),
        ("India has yet to accept the proposal.", True, False),
    ],
)
def test_token_rules_read_negation_and_hedges_from_the_verb_group(
    text: str, negated: bool, hedged: bool
) -> None:
    (event,) = events(text)
    assert event.rule in ("rejection.verb", "acceptance.verb")
    assert (event.negated, event.hedged) == (negated, hedged)
    assert event.trigger.text in ("rejected", "reject", "accept")  # the group's head


def test_a_condition_goes_to_the_clause_verb_not_the_noun_inside_it() -> None:
    """Issue 13: 'accepted the proposal only if ...' is a conditional acceptance, no offer."""
    (event,) = events("The Philippines accepted the proposal only if the ceasefire holds.")
    assert (event.type, event.conditional) == ("acceptance", True)
    assert event.condition is not None and event.condition.text == "only if the ceasefire holds"


def test_a_pledge_of_aid_is_an_offer() -> None:
    """Issue 13: 'firmly pledges aid to Albania ... only if' gave no event."""
    (event,) = events(
        "Afghanistan firmly pledges aid to Albania on Monday only if the ceasefire holds."
    )
    assert (event.type, event.actor.name, event.conditional) == ("offer", "Afghanistan", True)


def test_an_unknown_subject_keeps_its_actor_across_a_date() -> None:
    event, offer = events(
        "Kenyan doctors' unions on Monday rejected a government offer to hire doctors."
    )
    assert (event.type, event.actor.name, event.actor.country) == (
        "rejection",
        "Kenyan doctors' unions",
        "KEN",
    )
    # The government's offer is Kenya's (government.of-nationality).
    assert (offer.type, offer.actor.name) == ("offer", "Kenya")


def test_a_hedged_demand_after_once_again() -> None:
    """Issue 13: 'may once again demand that ...' gave no event ('in demand' matched)."""
    (event,) = events(
        "Afghanistan may once again demand that Albania withdraw its troops on Monday."
    )
    assert (event.type, event.actor.name, event.hedged) == ("demand", "Afghanistan", True)


def test_a_modal_before_readiness_is_a_hedge() -> None:
    """Once a known gap: 'could be ready' was all trigger, so 'could' was no hedge."""
    (event,) = events("Russia could be ready to mediate between the two sides.")
    assert (event.type, event.actor.name, event.hedged) == ("offer", "Russia", True)


def test_dismissing_an_offer_in_a_quotation_is_a_rejection() -> None:
    """Once a known gap: 'dismissed ... Minister' across the closing quotation mark was
    read as sacking a minister."""
    (event,) = events('"We dismissed the offer," Foreign Minister Wang Yi said.')
    assert (event.type, event.actor.name, event.quoted) == ("rejection", "Wang Yi", True)


def test_will_not_once_again_accept_is_a_refusal() -> None:
    """Once a known gap: only an -ly adverb could stand between 'will not' and 'accept'."""
    (event,) = events("India will not once again accept the proposal.")
    assert (event.type, event.actor.name, event.negated) == ("rejection", "India", False)


def test_we_will_support_a_plan_is_an_acceptance() -> None:
    """Once a known gap: offer.commissive ('we will support') won over the acceptance."""
    (event,) = events('"We will support the peace plan," Modi said.')
    assert event.actor is not None
    assert (event.type, event.actor.text, event.actor.name, event.quoted) == (
        "acceptance",
        "We",
        "Narendra Modi",
        True,
    )


def test_welcoming_a_long_possessors_proposal_is_an_acceptance() -> None:
    """Once a known gap: at most five words before the offered thing hid a long possessor."""
    found = [
        (e.type, e.actor.name if e.actor else None)
        for e in events("Chile welcomed the Democratic Republic of the Congo's proposal.")
    ]
    assert ("acceptance", "Chile") in found


@pytest.mark.parametrize(
    ("text", "kind", "owner"),
    [
        ("The Arab League endorsed Egypt's $53 billion reconstruction plan.", "offer", "Egypt"),
        (
            "Chile rejected Bolivia's long-standing demand for access to the sea.",
            "demand",
            "Bolivia",
        ),
        ("Ukraine rejected Russia's new 30-day truce offer.", "offer", "Russia"),
    ],
)
def test_modifiers_between_a_possessive_and_its_offer(text: str, kind: str, owner: str) -> None:
    """Amounts, adjectives and nouns between the owner and the noun keep the owner."""
    assert [a.name for a in actors_of(text, kind)] == [owner]


def test_a_verb_between_a_possessive_and_an_offer_ends_the_owner() -> None:
    """ "Russia's army rejects truce offer": the offer is not Russia's."""
    found = events("Russia's army rejects truce offer.")
    assert [e.type for e in found] == ["rejection"]


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        (
            "Bangladeshi student leaders on Saturday turned down the offer of talks and"
            " demanded her resignation.",
            "demand",
            "Bangladeshi student leaders",
        ),
        (
            "Ambazonian separatist leaders rejected an offer of dialogue from Cameroon's"
            " government, insisting that any talks be held abroad.",
            "demand",
            "Ambazonian separatist leaders",
        ),
    ],
)
def test_an_unknown_main_subject_acts_for_a_coordinated_verb_too(
    text: str, kind: str, actor: str
) -> None:
    """The second verb of "X rejected ... and demanded" (or ", insisting") is X's, also
    when the gazetteer does not know X."""
    assert [a.text for a in actors_of(text, kind)] == [actor]


def test_a_refusal_restated_by_a_participle_is_one_rejection() -> None:
    """ "would not negotiate ..., rejecting Caracas's proposal": one rejection, the
    participle's, which says what is rejected."""
    found = events(
        "Guyana's President Irfaan Ali said he would not negotiate over the Essequibo region,"
        " rejecting Caracas's proposal for bilateral talks."
    )
    rejections = [e for e in found if e.type == "rejection"]
    assert [(e.trigger.text, e.content.text if e.content else None) for e in rejections] == [
        ("rejecting", "Caracas's proposal for bilateral talks")
    ]
    assert [e.actor.name for e in found if e.type == "offer" and e.actor] == ["Venezuela"]


def test_a_plain_rejection_and_a_participle_are_two() -> None:
    """Not negated, the first verb is an event of its own ("walked away ..., refusing")."""
    found = events(
        "Ethiopia walked away from the US-brokered talks on the dam, refusing to sign the draft"
        " agreement."
    )
    assert len([e for e in found if e.type == "rejection"]) == 2


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The House of Representatives rejected the deal.", "House of Representatives", None),
        (
            "The eastern-based House of Representatives rejected the deal.",
            "House of Representatives",
            None,
        ),
        (
            "He noted that the Libyan House of Representatives rejected the demarcation.",
            "Libyan House of Representatives",
            "LBY",
        ),
        ("The Zorgon delegation rejected the offer.", "Zorgon delegation", None),
        # The object relative's own subject, not the noun the relative follows.
        (
            "Turkey will guard captured ISIS fighters which, the statement said, European"
            " nations have refused to repatriate.",
            "European nations",
            None,
        ),
    ],
)
def test_a_named_body_is_an_actor_by_its_own_words(
    text: str, name: str, country: str | None
) -> None:
    """A legislature the gazetteer does not know acts; lower-case words before a
    name are not the name's."""
    assert [(e.actor.name, e.actor.country) for e in events(text) if e.actor] == [(name, country)]


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        # After an adverbial clause the participle is the main clause's ...
        (
            "China's commerce ministry said it would retaliate unless Washington withdrew the"
            " tariffs, calling on the US to correct its practices.",
            "demand",
            "China",
        ),
        # ... after a "that" clause, the reported subject's.
        ("Iran said that Israel had rejected the offer, calling it absurd.", "rejection", "Israel"),
        # A past verb after a demanded clause in the subjunctive is the main clause's ...
        (
            "Lima demanded that Mexico City hand over Chávez and refused to grant her safe"
            " conduct.",
            "rejection",
            "Peru",
        ),
        # ... after a reported clause, the reported subject's.
        ("Kenya said that Uganda rejected the plan and demanded talks.", "demand", "Uganda"),
        # A document's participle is its author's, named by a demonym or a possessive.
        (
            "The Security Council rejected a Russian draft resolution calling for a ceasefire.",
            "demand",
            "Russia",
        ),
        (
            "The General Assembly adopted a resolution demanding a ceasefire.",
            "demand",
            "UN General Assembly",
        ),
    ],
)
def test_whose_a_participle_after_a_subordinate_clause_is(text: str, kind: str, name: str) -> None:
    assert [a.name for a in actors_of(text, kind)] == [name]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Calls by Georgian opposition parties for a rerun of the election were spurned by"
            " the government in Tbilisi.",
            "Georgian opposition parties",
            "GEO",
        ),
        (
            "Dodik rejected a call by the international community's High Representative to"
            " withdraw the laws.",
            "international community's High Representative",
            None,
        ),
    ],
)
def test_an_unknown_by_agent_of_a_nominal_demand(text: str, name: str, country: str | None) -> None:
    assert [(a.name, a.country) for a in actors_of(text, "demand")] == [(name, country)]


@pytest.mark.parametrize(
    ("text", "kind", "name", "country"),
    [
        # A participle's phrase after the subject is its modifier, not a clause of its own.
        (
            "Rwandan rebels operating from the forests of eastern Congo demanded the removal"
            " of President Paul Kagame.",
            "demand",
            "Rwandan rebels",
            "RWA",
        ),
        (
            "Arab leaders meeting in Manama called for the deployment of UN peacekeepers.",
            "demand",
            "Arab leaders",
            None,
        ),
        # "by" the officials of two states: both.
        (
            "The agreement was signed by the foreign ministers of Rwanda and the Democratic"
            " Republic of the Congo at the State Department.",
            "acceptance",
            "foreign ministers of Rwanda and the Democratic Republic of the Congo",
            ("RWA", "COD"),
        ),
        # A list ends at its "and": "..., the UAE foreign ministry said" is no member.
        (
            "The swap was accepted by both Moscow and Kyiv, the UAE foreign ministry said.",
            "acceptance",
            "Russia and Ukraine",
            ("RUS", "UKR"),
        ),
    ],
)
def test_who_acts_past_modifiers_and_lists(
    text: str, kind: str, name: str, country: str | tuple[str, ...] | None
) -> None:
    found = [(a.name, a.country) for a in actors_of(text, kind)]
    assert found == [(name, country)]


def test_an_unknown_by_agent_is_kept_as_the_actor() -> None:
    """Every actor kept, for the by-agent too: 'endorsed by Arab leaders'."""
    doc_events = events(
        "The Gaza reconstruction plan drawn up by Egypt was endorsed by Arab leaders on Tuesday."
    )
    assert [(e.type, e.actor.name) for e in doc_events] == [
        ("offer", "Egypt"),  # one offer: the participle's, not also the noun's
        ("acceptance", "Arab leaders"),
    ]


def test_a_coordinated_participle_takes_its_own_agent() -> None:
    """'welcomed by Hamas but dismissed by the Israeli government': two actors."""
    doc_events = events(
        "Ankara's bid to mediate was welcomed by Hamas but dismissed by the Israeli government."
    )
    assert [(e.type, e.actor.name) for e in doc_events if e.type != "offer"] == [
        ("acceptance", "Hamas"),
        ("rejection", "Israel"),
    ]
    # The bid itself is Turkey's offer (offer.bid-to-mediate).
    assert [e.actor.name for e in doc_events if e.type == "offer"] == ["Turkey"]


def test_a_reduced_relative_offer_of_a_swap() -> None:
    doc_events = events(
        "The prisoner swap, proposed by the United Arab Emirates, was accepted by Kyiv."
    )
    assert [(e.type, e.actor.name) for e in doc_events] == [
        ("offer", "United Arab Emirates"),
        ("acceptance", "Ukraine"),
    ]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The plan was not rejected by Moscow.", True),
        ("The plan was again rejected by Moscow.", False),
        ("The plan will be once again rejected by Moscow.", False),
    ],
)
def test_passive_rejections_with_any_adverb_or_a_negation(text: str, negated: bool) -> None:
    """Once a known gap: only -ly adverbs could stand in a passive, and no 'not'."""
    (event,) = events(text)
    assert (event.type, event.actor.name, event.negated) == ("rejection", "Russia", negated)


def test_each_search_has_its_own_time_limit() -> None:
    """Matches are found one search at a time, each under the limit: the same matches as
    ``finditer``, but a window dense with statements is not cut short as a whole."""
    import regex

    from dipparse.extraction import _finditer

    pattern = regex.compile(r"(?:^|(?<= ))..offer\x1f[^ ]* ")
    string = "VVoffer\x1foffered NXiran\x1firan " * 5000
    assert [m.span() for m in _finditer(pattern, string)] == [
        m.span() for m in pattern.finditer(string)
    ]
    assert len(list(_finditer(pattern, string))) == 5000


def test_dismissed_by_a_prime_minister_is_a_rejection() -> None:
    """Found by the heavy property run (seed 12345): 'dismissed by Prime Minister X' was
    read as the dismissal of a minister."""
    (event,) = [
        e
        for e in events("The proposal was dismissed by Prime Minister Mark Phillips on Monday.")
        if e.type == "rejection"
    ]
    assert event.actor.name == "Mark Phillips"


def test_a_title_before_a_long_known_name_keeps_the_whole_name() -> None:
    """Issue 13's speaker cut: "Emir Tamim bin Hamad Al Thani" was cut at "Al"."""
    (event,) = events("Emir Tamim bin Hamad Al Thani may accept the proposal.")
    assert (event.actor.name, event.actor.country) == ("Tamim bin Hamad Al Thani", "QAT")
    (event,) = events(
        '"Senegal\'s demand for a ceasefire surprised diplomats," King Salman bin Abdulaziz '
        "Al Saud said."
    )
    assert event.speaker is not None and event.speaker.name == "Salman bin Abdulaziz Al Saud"


@pytest.mark.parametrize(
    ("text", "offers"),
    [
        ("The proposal was accepted by Moscow on Monday.", []),  # Moscow accepted it
        ("An offer has been made by Washington to lift sanctions.", ["United States"]),
        ("A proposal made by Egypt was rejected.", ["Egypt"]),
    ],
)
def test_by_after_a_nominal_offer_is_its_maker_only_before_another_verb(
    text: str, offers: list[str]
) -> None:
    assert [e.actor.name for e in events(text) if e.type == "offer"] == offers


def test_a_negated_readiness_is_the_same_offer_negated() -> None:
    """Found by the heavy property run: 'is not ready to' was another rule's, with other
    content."""
    (plain,) = events("Afghanistan is ready to mediate between the two sides.")
    (negated,) = events("Afghanistan is not ready to mediate between the two sides.")
    assert (plain.rule, plain.negated) == ("offer.readiness", False)
    assert (negated.rule, negated.negated) == ("offer.readiness", True)
    assert plain.content is not None and negated.content is not None
    assert plain.content.text == negated.content.text


def test_the_speaker_after_an_inverted_quote_keeps_a_long_known_name() -> None:
    """Found by the heavy property run (seed 12345): '..., said Emir Tamim ... Al Thani'."""
    (event,) = events(
        '"The Republic of the Congo may accept the proposal," said Emir Tamim bin Hamad Al Thani.'
    )
    assert event.speaker is not None and event.speaker.name == "Tamim bin Hamad Al Thani"
