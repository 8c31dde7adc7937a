"""Tests for token patterns (`dipparse.patterns`) and token rules in rule sets."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import pytest

import dipparse
from dipparse.extraction import Layers
from dipparse.patterns import (
    SEP,
    PatternError,
    compile_token_pattern,
    encode,
    recompile,
    shape_of,
    token_spans,
)
from dipparse.phrases import chunk
from dipparse.tokens import Lexicon, english, tag, tokenize

LISTS: dict[str, Sequence[str]] = {
    "rejections": ["reject", "turn down", "rebuff"],
    "offer_nouns": ["offer", "proposal"],
    "verbs": ["reject", "refuse"],
}


def _slots(
    pattern: str,
    text: str,
    lists: Mapping[str, Sequence[str]] = LISTS,
    lexicon: Lexicon | None = None,
) -> dict[str, str] | None:
    """The text of each slot of the first match of ``pattern`` in ``text``, or None."""
    lexicon = lexicon or english()
    compiled = compile_token_pattern(pattern, lists, lexicon)
    tokens = tokenize(text, lexicon)
    encoded = encode(tokens, chunk(tokens, tag(tokens, lexicon), 0))
    found = compiled.regex.search(encoded.string)
    if found is None:
        return None
    spans = token_spans(encoded, found, compiled.slots)
    return {name: text[tokens.starts[a] : tokens.ends[b - 1]] for name, (a, b) in spans.items()}


def _trigger_lemmas(pattern: str) -> frozenset[str]:
    return compile_token_pattern(pattern, LISTS, english()).trigger_lemmas


# -- matching --------------------------------------------------------------------------


def test_lemma_words_match_every_form() -> None:
    for text, word in [
        ("Iran offered talks.", "offered"),
        ("Iran offers talks.", "offers"),
        ("Iran will offer talks.", "offer"),
    ]:
        assert _slots("actor:NAME MODAL? trigger:offer", text) == {
            "actor": "Iran",
            "trigger": word,
        }


def test_alternative_lemmas() -> None:
    assert _slots("actor:NAME trigger:offer|propose", "Iran proposed talks.") == {
        "actor": "Iran",
        "trigger": "proposed",
    }
    assert _slots("actor:NAME trigger:offer|propose", "Iran rejected talks.") is None


def test_exact_forms_match_only_that_form() -> None:
    assert _slots('actor:NAME trigger:"offered"', "Iran offered talks.") == {
        "actor": "Iran",
        "trigger": "offered",
    }
    assert _slots('actor:NAME trigger:"offered"', "Iran offers talks.") is None


def test_exact_form_of_several_words() -> None:
    assert _slots('NP VG trigger:"on the table"', "The offer is on the table.") == {
        "trigger": "on the table"
    }
    assert _slots('NP VG trigger:"on the table"', "The offer is on a table.") is None


def test_list_with_a_multi_word_entry() -> None:
    """{rejections} holds "turn down": two tokens, each matched by its lemma."""
    pattern = "actor:NP trigger:{rejections} target:NP"
    assert _slots(pattern, "Iran turns down the offer.") == {
        "actor": "Iran",
        "trigger": "turns down",
        "target": "the offer",
    }
    assert _slots(pattern, "Iran rebuffed the offer.") == {
        "actor": "Iran",
        "trigger": "rebuffed",
        "target": "the offer",
    }
    # once "turn" is a known verb, its -ed form has the lemma too
    known = english().with_vocabulary(["turn"])
    assert _slots(pattern, "Iran turned down the offer.", lexicon=known) == {
        "actor": "Iran",
        "trigger": "turned down",
        "target": "the offer",
    }
    assert _slots(pattern, "Iran turns up the offer.") is None


def test_verb_group_with_head_lemmas() -> None:
    pattern = "actor:NP trigger:VG[accept|reject] target:NP"
    assert _slots(pattern, "India has firmly rejected the offer.") == {
        "actor": "India",
        "trigger": "has firmly rejected",
        "target": "the offer",
    }
    assert _slots(pattern, "India has firmly welcomed the offer.") is None


def test_verb_group_heads_from_a_list() -> None:
    assert _slots("actor:NP trigger:VG[{verbs}]", "Iran has refused.") == {
        "actor": "Iran",
        "trigger": "has refused",
    }


def test_verb_group_head_is_the_last_verb() -> None:
    """VG[have] does not match "has rejected": its head is "rejected"."""
    assert _slots("trigger:VG[have]", "India has rejected the offer.") is None


def test_noun_phrase_with_head_lemma() -> None:
    pattern = "trigger:VG[reject] target:NP[offer]"
    assert _slots(pattern, "India rejected the offer.") == {
        "trigger": "rejected",
        "target": "the offer",
    }
    assert _slots(pattern, "India rejected the offer of talks.") == {
        "trigger": "rejected",
        "target": "the offer of talks",
    }
    assert _slots("trigger:VG[reject] target:NP[plan]", "India rejected the offer.") is None
    assert _slots("trigger:VG[reject] target:NP[{offer_nouns}]", "India rejected the proposals.")
    assert _slots("trigger:VG[reject] target:NP[offer]", "India rejected the offer plan.") is None


def test_tags() -> None:
    assert _slots("actor:NAME trigger:reject DET target:NOUN", "India rejected the offer.") == {
        "actor": "India",
        "trigger": "rejected",
        "target": "offer",
    }
    assert _slots("actor:NAME trigger:reject DET target:NOUN", "India rejected the U.N.") is None
    assert _slots("actor:PRON trigger:reject", "They rejected it.") == {
        "actor": "They",
        "trigger": "rejected",
    }
    assert _slots("actor:PRON trigger:reject", "India rejected it.") is None
    assert _slots("trigger:reject target:NUM", "They rejected 580.") == {
        "trigger": "rejected",
        "target": "580",
    }
    assert _slots("NAME condition:AUX NEG trigger:reject", "Iran did not reject it.") == {
        "condition": "did",
        "trigger": "reject",
    }


def test_optional_element() -> None:
    pattern = "actor:NAME ADV? trigger:reject"
    assert _slots(pattern, "India firmly rejected it.") == {
        "actor": "India",
        "trigger": "rejected",
    }
    assert _slots(pattern, "India rejected it.") == {"actor": "India", "trigger": "rejected"}
    assert _slots("actor:NAME ADV trigger:reject", "India rejected it.") is None


def test_bounded_repetition() -> None:
    text = "Iran offered to send 580 troops."
    assert _slots("trigger:offer _{0,3} target:NUM", text) == {
        "trigger": "offered",
        "target": "580",
    }
    assert _slots("trigger:offer _{0,1} target:NUM", text) is None
    assert _slots("trigger:offer content:_{1,3} NUM", text) == {
        "trigger": "offered",
        "content": "to send",
    }


def test_any_token_does_not_cross_sentence_punctuation() -> None:
    assert _slots("trigger:offer _{0,3} target:NUM", "Iran offered. Then 580 came.") is None


def test_group_with_alternatives() -> None:
    pattern = 'actor:NP trigger:(VG[reject] | "turned" "down") target:NP'
    assert _slots(pattern, "Iran turned down the offer.") == {
        "actor": "Iran",
        "trigger": "turned down",
        "target": "the offer",
    }
    assert _slots(pattern, "Iran has rejected the offer.") == {
        "actor": "Iran",
        "trigger": "has rejected",
        "target": "the offer",
    }
    assert _slots(pattern, "Iran has welcomed the offer.") is None


def test_regex_element_matches_a_whole_lower_form() -> None:
    assert _slots("trigger:offer target:/tal\\w*/", "Iran offered Talks.") == {
        "trigger": "offered",
        "target": "Talks",
    }
    assert _slots("trigger:offer target:/tal/", "Iran offered talks.") is None


def test_slots_and_source() -> None:
    compiled = compile_token_pattern("actor:NP trigger:VG[reject] target:NP", LISTS, english())
    assert compiled.slots == ("actor", "trigger", "target")
    assert compiled.source == "actor:NP trigger:VG[reject] target:NP"


# -- trigger lemmas --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "lemmas"),
    [
        ("trigger:offer", {"offer"}),
        ("trigger:offer|propose", {"offer", "propose"}),
        ("trigger:VG[offered|gave]", {"offer", "give"}),
        ("trigger:VG[{verbs}]", {"reject", "refuse"}),
        ("trigger:{rejections}", {"reject", "turn", "rebuff"}),
        ('trigger:"gave"', {"give"}),
        ("actor:NP trigger:VG[reject] target:NP[offer] content:give", {"reject"}),
        ("trigger:(accept | VG[reject])", {"accept", "reject"}),
        ("actor:NP VG[say] _{0,3} trigger:VG[{verbs}]", {"reject", "refuse"}),
    ],
)
def test_trigger_lemmas(pattern: str, lemmas: set[str]) -> None:
    """What the trigger names, as lemmas; words outside the trigger do not count."""
    assert _trigger_lemmas(pattern) == lemmas


# -- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("speaker:NP trigger:offer", r"unknown slot 'speaker'; slots are trigger, actor"),
        ("actor:NP trigger:offer actor:NP", r"slot 'actor' is named twice"),
        ("trigger:{nope}", r"unknown list \{nope\}; define it under \[lists\]"),
        ("trigger:VG[{nope}]", r"unknown list \{nope\}"),
        ("trigger:offer FOO", r"unknown element 'FOO'; tags are NOUN, NAME"),
        ("trigger:(offer | propose", r"not closed with '\)'"),
        ("trigger:offer _*", r"'_\*' at \d+ is unbounded.*'_\{0,6\}'"),
        ("trigger:offer content:_+", r"'_\+' at \d+ is unbounded"),
        ("trigger:NOUN", r"the trigger must name its words"),
        ("trigger:_ offer", r"the trigger must name its words"),
        ("trigger:/off.*/", r"the trigger must name its words"),
        ("trigger:offer target:/[a/", r"/\[a/ is not a regex"),
        ("trigger:offer )", r"unexpected '\)'"),
        ("trigger:offer ( | give)", r"an empty alternative"),
        ("trigger:offer #", r"cannot read '#'"),
        ("trigger:NP[peace talks]", r"NP\[\.\.\.\] names no one-word head lemma"),
    ],
)
def test_errors(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        compile_token_pattern(pattern, LISTS, english())


def test_pattern_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown slot"):
        compile_token_pattern("who:NP trigger:offer", LISTS, english())


# -- bugs ------------------------------------------------------------------------------


def test_exact_form_first_in_the_pattern() -> None:
    assert _slots('trigger:"offered"', "Iran offered talks.") == {"trigger": "offered"}


def test_lemma_first_in_the_pattern_matches_whole_lemmas() -> None:
    assert _slots("trigger:deal", "It was an ideal plan.") is None


def test_tag_first_in_the_pattern_matches_the_tag() -> None:
    assert _slots("content:NOUN trigger:VG[reject]", "India rejected the offer.") is None


def test_regex_element_stays_in_one_token() -> None:
    assert _slots("trigger:offer target:/tal.*/", "Iran offered talks today.") == {
        "trigger": "offered",
        "target": "talks",
    }


def test_unbounded_braces_are_refused() -> None:
    with pytest.raises(PatternError, match="unbounded"):
        compile_token_pattern("trigger:offer _{1,}", LISTS, english())


# -- token rules in rule sets ----------------------------------------------------------

HEAD = """\
[ruleset]
name = "mine"
version = "0.1.0"

[lists]
threat_verbs = ["threaten", "warn"]

[[rules]]
id = "mine.tokens"
kind = "offer"
"""


def _load(body: str) -> dipparse.RuleSet:
    return dipparse.ruleset_from_string(HEAD + textwrap.dedent(body))


def _line_of(body: str, key: str) -> int:
    """The line number (from 1) of ``key = ...`` in HEAD + body."""
    lines = (HEAD + textwrap.dedent(body)).splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key} ="))


def test_token_rule_loads() -> None:
    rule = _load(
        """\
        tokens = "actor:NP trigger:VG[{threat_verbs}] TO"
        when = { negated = false, tense = "past", modal = "will", passive = false }
        """
    ).rule("mine.tokens")
    assert rule.tokens == "actor:NP trigger:VG[{threat_verbs}] TO"
    assert rule.when == {
        "negated": False,
        "tense": ("past",),
        "modal": ("will",),
        "passive": False,
    }
    assert rule.token_pattern is not None
    assert rule.token_pattern.slots == ("actor", "trigger")
    assert set(rule.keywords) == {"threaten", "warn"}


def test_token_rule_keywords_are_lemmas_of_its_trigger() -> None:
    rule = _load('tokens = "actor:NP trigger:VG[offered|gave] target:NP[plan]"\n').rule(
        "mine.tokens"
    )
    assert set(rule.keywords) == {"offer", "give"}
    assert rule.when == {}


def test_token_rule_keeps_explicit_keywords() -> None:
    rule = _load('tokens = "trigger:VG[threaten]"\nkeywords = ["Threat"]\n').rule("mine.tokens")
    assert rule.keywords == ("threat",)


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        (
            'tokens = "trigger:VG[threaten]"\npattern = "(?P<trigger>threaten)"\n',
            "pattern",
            "'pattern' (a character regex) is the 0.1 form",
        ),
        ('tokens = "actor:NP VG[threaten]"\n', "tokens", "tokens has no trigger slot"),
        ('tokens = "trigger:{nope}"\n', "tokens", "tokens: unknown list {nope}"),
        (
            'tokens = "trigger:VG[threaten]"\nunless = "who:NP"\n',
            "unless",
            "unless: unknown slot 'who'",
        ),
        (
            'tokens = "trigger:VG[threaten]"\nwhen = { negative = false }\n',
            "when",
            "'when' has no key 'negative'; use negated, passive, hedged, perfect, progressive, "
            "tense, modal",
        ),
        (
            'tokens = "trigger:VG[threaten]"\nwhen = { negated = "no" }\n',
            "when",
            "'when.negated' must be a boolean, not a string",
        ),
        (
            'tokens = "trigger:VG[threaten]"\nwhen = { modal = 3 }\n',
            "when",
            "'when.modal' must be a string or a list of strings",
        ),
        (
            'tokens = "trigger:VG[threaten]"\nwhen = { modal = [] }\n',
            "when",
            "'when.modal' must be a string or a list of strings",
        ),
        (
            'tokens = "trigger:VG[threaten]"\nwhen = { tense = ["future", "past perfect"] }\n',
            "when",
            "'when.tense' must be one of past, present, future, not 'past perfect'",
        ),
        (
            'tokens = "trigger:VG[threaten]"\nwhen = { tense = "perfect" }\n',
            "when",
            "'when.tense' must be one of past, present, future, not 'perfect'",
        ),
        (
            'tokens = "trigger:VG[threaten]"\nwhen = "negated"\n',
            "when",
            "'when' must be a table",
        ),
        (
            'tokens = "trigger:VG[threaten]"\ncase_sensitive = true\n',
            "case_sensitive",
            "'case_sensitive' was for regex patterns",
        ),
    ],
)
def test_token_rule_errors_name_the_key(body: str, key: str, message: str) -> None:
    with pytest.raises(dipparse.RuleSetError) as info:
        _load(body)
    error = info.value
    assert message in error.reason
    assert key in error.reason
    assert error.line == _line_of(body, key)
    assert error.rule == "mine.tokens"
    assert str(error).startswith(f"<string>:{error.line}: rule 'mine.tokens':")


def test_a_rule_needs_tokens() -> None:
    with pytest.raises(dipparse.RuleSetError, match="needs 'tokens'") as info:
        _load('description = "nothing to match"\n')
    assert "'trigger:VG[threaten]'" in info.value.reason
    assert info.value.rule == "mine.tokens"


# -- end to end ------------------------------------------------------------------------

THREATS = """\
[ruleset]
name = "threats"
version = "0.1.0"

[[kinds]]
name = "threat"
cameo = "130"
plover = "THREATEN"

[lists]
threat_verbs = ["threaten", "warn"]

[[rules]]
id = "threat.tokens"
kind = "threat"
tokens = "actor:NP trigger:VG[{threat_verbs}] TO"
when = { negated = false }
"""


@pytest.fixture(scope="module")
def threat_parser() -> dipparse.Parser:
    return dipparse.Parser(["core-en", dipparse.ruleset_from_string(THREATS)])


def test_token_rule_end_to_end(threat_parser: dipparse.Parser) -> None:
    text = "Iran threatened to close the Strait of Hormuz."
    events = [e for e in threat_parser.parse(text).events if e.rule == "threat.tokens"]
    assert len(events) == 1
    (event,) = events
    assert event.type == "threat"
    assert event.trigger.text == "threatened"
    assert text[event.trigger.start : event.trigger.end] == "threatened"
    assert event.actor is not None and event.actor.name == "Iran"
    assert event.cameo == "130"


def test_token_rule_when_constraint_end_to_end(threat_parser: dipparse.Parser) -> None:
    """``when = { negated = false }``: a negated verb group gives no event."""
    doc = threat_parser.parse("Iran did not threaten to close the strait.")
    assert [e for e in doc.events if e.rule == "threat.tokens"] == []
    doc = threat_parser.parse("Iran has warned to close the strait.")
    assert [e.trigger.text for e in doc.events if e.rule == "threat.tokens"] == [
        "warned"
    ]  # the head of "has warned"


def _mine(rules: str, lists: str = "") -> dipparse.Parser:
    """The built-in rules and these "snub" rules (their events are the ones of interest)."""
    text = (
        '[ruleset]\nname = "mine"\nversion = "0.1.0"\n\n[[kinds]]\nname = "snub"\n\n'
        f"[lists]\n{lists}\n" + textwrap.dedent(rules)
    )
    return dipparse.Parser(["core-en", dipparse.ruleset_from_string(text)])


def _snub_rules(parser: dipparse.Parser, text: str) -> list[str]:
    return [e.rule for e in parser.parse(text).events if e.type == "snub"]


def _snub_triggers(parser: dipparse.Parser, text: str) -> list[str]:
    return [e.trigger.text for e in parser.parse(text).events if e.type == "snub"]


def test_when_takes_a_list_of_tenses_and_modals() -> None:
    """``tense`` and ``modal`` may list values, any of which holds; ``perfect`` is read."""
    parser = _mine(
        """
        [[rules]]
        id = "snub.refuse"
        kind = "snub"
        priority = 99
        tokens = "trigger:VG[accept]"
        when = { negated = true, perfect = false, tense = ["present", "future"] }

        [[rules]]
        id = "snub.can"
        kind = "snub"
        priority = 99
        tokens = "trigger:VG[sign]"
        when = { modal = ["can", "could"] }
        """
    )
    assert _snub_rules(parser, "Iran will not accept it.") == ["snub.refuse"]
    assert _snub_rules(parser, "Iran does not accept it.") == ["snub.refuse"]
    assert _snub_rules(parser, "Iran won't accept it.") == ["snub.refuse"]
    assert _snub_rules(parser, "Iran did not accept it.") == []  # past
    assert _snub_rules(parser, "Iran has not accepted it.") == []  # perfect
    assert _snub_rules(parser, "Iran accepts it.") == []  # not negated
    assert _snub_rules(parser, "Iran could sign it.") == ["snub.can"]
    assert _snub_rules(parser, "Iran cannot sign it.") == ["snub.can"]
    assert _snub_rules(parser, "Iran will sign it.") == []


def test_quoted_list_matches_its_forms_not_their_lemmas() -> None:
    """``"{list}"`` is the list's entries as written; ``{list}`` their lemmas."""
    rule = """
        [[rules]]
        id = "snub.calls"
        kind = "snub"
        actor = "none"
        priority = 99
        tokens = {tokens!r}
        """
    lists = 'calls = ["calls", "call"]'
    forms = _mine(rule.format(tokens='trigger:"{calls}" "for"'), lists)
    lemmas = _mine(rule.format(tokens="trigger:{calls} for"), lists)
    text = "Kyiv called for talks. Calls for a ceasefire grew."
    assert _snub_triggers(forms, text) == ["Calls"]
    assert _snub_triggers(lemmas, text) == ["called", "Calls"]


def test_a_listed_form_beside_its_lemma_is_lemmatised() -> None:
    """A list that holds "turned down" and "turn its back on": "turned" is "turn"."""
    parser = _mine(
        """
        [[rules]]
        id = "snub.idiom"
        kind = "snub"
        priority = 99
        tokens = "trigger:{snubs}"
        """,
        'snubs = ["turned down", "turn its back on"]',
    )
    assert _snub_triggers(parser, "Moscow turned its back on the deal.") == ["turned its back on"]
    assert parser.lexicon.lemma("turned") == "turn"
    assert parser.lexicon.lemma("willing") == "willing"  # not "will"


def _snub_parser(tokens: str, lists: str = "", more: str = "") -> dipparse.Parser:
    text = textwrap.dedent(
        f"""\
        [ruleset]
        name = "snubs"
        version = "0.1.0"

        [[kinds]]
        name = "snub"

        [lists]
        {lists}

        [[rules]]
        id = "snub.tokens"
        kind = "snub"
        tokens = {tokens!r}
        """
    ) + textwrap.dedent(more)
    return dipparse.Parser([dipparse.ruleset_from_string(text)])


def test_token_rule_with_a_list_of_unknown_verbs() -> None:
    """A list's one-word entries become known verbs: "snubbed" has the lemma "snub"."""
    parser = _snub_parser("actor:NP trigger:VG[{rebuffs}] target:NP", 'rebuffs = ["snub"]')
    events = parser.parse("Iran snubbed the offer.").events
    assert [(e.rule, e.trigger.text) for e in events] == [("snub.tokens", "snubbed")]


def test_token_rule_with_an_unknown_verb_in_the_pattern() -> None:
    parser = _snub_parser("actor:NP trigger:VG[snub] target:NP")
    events = parser.parse("Iran snubbed the offer.").events
    assert [(e.rule, e.trigger.text) for e in events] == [("snub.tokens", "snubbed")]


def test_token_rule_with_a_multi_word_list_entry() -> None:
    parser = _snub_parser("actor:NP trigger:{rebuffs} target:NP", 'rebuffs = ["turn down"]')
    events = parser.parse("Iran turned down the offer.").events
    assert [(e.rule, e.trigger.text) for e in events] == [("snub.tokens", "turned down")]


def test_noun_list_words_stay_nouns_for_the_tagger() -> None:
    """A word of a noun list ("summit") is no verb to the tagger: NP[...] finds it."""
    extra = dipparse.ruleset_from_string(
        """
[ruleset]
name = "venues"
[lists]
venues = ["summit", "conference"]
[[rules]]
id = "offer.will-host-venue"
kind = "offer"
priority = 50
tokens = "trigger:VG[host] NP[{venues}]"
"""
    )
    parser = dipparse.Parser(["core-en", extra])
    tags = parser.extractor.chunks(parser.analyse("Qatar will host a summit.", None), (0, 25)).tags
    assert tags[4] == "n"
    events = parser.parse("Qatar will host a summit.").events
    assert [(e.rule, e.trigger.text) for e in events] == [("offer.will-host-venue", "host")]


def test_a_verb_group_head_may_be_a_phrasal_verb() -> None:
    """VG[{rejections}] holds "turn down": the group "has turned", then "down"."""
    lexicon = english().with_vocabulary([], verbs=["reject", "turn", "rebuff"])
    assert _slots(
        "actor:NP trigger:VG[{rejections}] content:NP",
        "Iran has turned down the offer.",
        lexicon=lexicon,
    ) == {"actor": "Iran", "trigger": "has turned down", "content": "the offer"}
    pattern = compile_token_pattern("trigger:VG[{rejections}]", LISTS, english())
    assert {"turn", "reject", "rebuff"} <= pattern.verbs
    assert _slots("trigger:VG[{rejections}]", "Iran turned the page.", lexicon=lexicon) is None


@pytest.mark.parametrize("element", [r"/a\sb/", "/a b/", r"/x\h/"])
def test_a_regex_element_that_could_span_tokens_is_refused(element: str) -> None:
    with pytest.raises(PatternError, match="space"):
        compile_token_pattern(f"trigger:offer {element}", LISTS, english())


# -- what a pattern needs in a sentence ----------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "keywords"),
    [
        # an optional word or a closed-class word is no keyword when a rarer one is there
        ('trigger:(VG[agree|sign] ("on"|"up")? TO)', {"agree", "sign"}),
        ('trigger:(VG[bind|abide] "by")', {"bind", "abide"}),
        ("trigger:((only|precondition) (for|to) _{0,4})", {"only", "precondition"}),
        # a trigger in two alternatives: a lemma of either
        ("(trigger:{rejections} | trigger:VG[defy] NP)", {"reject", "rebuff", "defy"}),
        # a list's first words; a form's lemma
        ("trigger:{rejections}", {"reject", "rebuff"}),
        ('trigger:"rejected"', {"reject"}),
    ],
)
def test_keywords_are_what_every_match_of_the_trigger_holds(
    pattern: str, keywords: set[str]
) -> None:
    compiled = compile_token_pattern(pattern, {"rejections": ["reject", "rebuff"]}, english())
    assert set(compiled.trigger_lemmas) == keywords


def test_required_lemmas_of_a_pattern() -> None:
    """Every required element of a one-branch pattern gives a set the sentence must meet."""
    compiled = compile_token_pattern('trigger:VG[say] "no" (PUNCT|"to")', {}, english())
    assert set(compiled.required) == {frozenset({"say"}), frozenset({"no"})}
    either = compile_token_pattern('(trigger:say "no" | trigger:refuse)', {}, english())
    assert either.required == (frozenset({"say", "refuse"}),)  # a lemma of either branch


def test_needs_hold_every_word_a_match_must_hold() -> None:
    """Besides each element's rarest words, a particle, a later word of an entry, a
    branch's rarest word: any sentence a match is in holds one of each set."""
    lists = {"assent": ["go along", "come on board"], "rejections": ["reject", "say no"]}
    compiled = compile_token_pattern(
        'trigger:(VG[{assent}] | VG[respond] "favourably" | "on board with")', lists, english()
    )
    # A sentence with "go" and "on" but none of the other words cannot hold a match.
    assert not all(frozenset({"go", "on"}) & need for need in compiled.needs)
    assert all(frozenset({"go", "along"}) & need for need in compiled.needs)
    assert set(compiled.required) <= set(compiled.needs)
    rejection = compile_token_pattern("trigger:VG[{rejections}]", lists, english())
    assert frozenset({"reject", "no"}) in rejection.needs
    optional = compile_token_pattern('trigger:VG[reject] ("outright")?', lists, english())
    assert optional.needs == (frozenset({"reject"}),)
    regex_only = compile_token_pattern("trigger:(VG[reject] | /rebuff\\w*/)", lists, english())
    assert regex_only.needs == ()


@cache
def _dev_parser() -> dipparse.Parser:
    return dipparse.Parser()


def _dev_sentence_layers() -> list[tuple[tuple[int, int], Layers]]:
    """Each window of the first 150 dev-corpus texts with the layers rules read there."""
    parser = _dev_parser()
    corpus = Path(__file__).parent / "corpus" / "dev.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    ctx = parser.analyse("\n\n".join(texts[:150]), None)
    return [(sentence, parser.extractor.layers(ctx, sentence)) for sentence in ctx.windows]


def test_a_pattern_matches_only_where_its_needs_are_met() -> None:
    """The cheap test before the regex drops no match: every sentence of the dev corpus
    where a built-in rule's pattern matches holds a lemma of each of its sets."""
    checked = 0
    for sentence, layers in _dev_sentence_layers():
        for rule in _dev_parser().extractor.rules:
            for pattern in (rule.token_pattern, rule.unless_tokens):
                if pattern is not None and pattern.regex.search(layers.encoded.string):
                    checked += 1
                    assert all(layers.lemmas & need for need in pattern.needs), (rule.id, sentence)
    assert checked > 100


@pytest.mark.parametrize(
    ("pattern", "fragments"),
    [
        # a /regex/ element's leading letters, each there in every match
        (r"/hostages?/", {"\x1fhostage"}),
        (r"/dialog(?:ue)?/ | /meet(?:ing|ings)?/", {"\x1fdialog", "\x1fmeet"}),
        # forms between the separator and the space; lemmas before the separator
        ('"good offices" | "truce"', {"\x1fgood ", "\x1ftruce "}),
        ("(halt|stop) _ VG[go]", {"halt\x1f", "stop\x1f"}),
        # the longest strings of a sequence; an optional element gives none
        ('"the"? /settle\\w*/ "the"', {"\x1fsettle"}),
        # not known: a regex with an alternation, a flag or an escape first; a tag
        (r"/a|b/", None),
        (r"/(?i)truce/", None),
        (r"/\\w+ing/", None),
        ("/truce/ | NOUN", None),
    ],
)
def test_fragments_are_strings_of_the_encoding_every_match_holds(
    pattern: str, fragments: set[str] | None
) -> None:
    compiled = compile_token_pattern(pattern, {}, english())
    assert compiled.fragments == (None if fragments is None else frozenset(fragments))


def test_a_topic_matches_only_where_its_fragments_stand() -> None:
    """The cheap test before a topic's regex drops no match: wherever a built-in topic's
    or rule's pattern matches in the dev corpus, the match holds one of its strings."""
    checked = 0
    extractor = _dev_parser().extractor
    patterns = [t.token_pattern for t in extractor.topics.values()]
    patterns += [r.token_pattern for r in extractor.rules]
    for _, layers in _dev_sentence_layers():
        for encoded in (layers.encoded.string, layers.words.string):
            for pattern in patterns:
                assert pattern is not None
                for m in pattern.regex.finditer(encoded, overlapped=True):
                    checked += 1
                    assert pattern.fragments is None or any(
                        f in m.group() for f in pattern.fragments
                    ), (pattern.source, m.group())
    assert checked > 1000


def test_a_rule_whose_required_word_is_missing_does_not_match() -> None:
    """The cheap test before the regex changes no result: said-no needs 'no'."""
    parser = dipparse.Parser()
    assert [e.rule for e in parser.parse("Germany said no.").events] == ["rejection.said-no"]
    assert [e.rule for e in parser.parse("Germany said it would wait.").events] == []


def test_a_trigger_may_name_the_same_words_in_two_alternatives() -> None:
    """The second 'trigger:(a|b)' names its words even though the first named them."""
    compiled = compile_token_pattern(
        "(trigger:(dismiss|sack) _{0,4} minister | minister trigger:(dismiss|sack) by)",
        {},
        english(),
    )
    assert set(compiled.trigger_lemmas) == {"dismiss", "sack"}


def test_a_tag_with_lemmas_is_one_token_of_both() -> None:
    """NOUN[bill]: "the bill", not "Bill Clinton"."""
    compiled = compile_token_pattern("trigger:NOUN[bill]", {}, english())
    assert set(compiled.trigger_lemmas) == {"bill"}
    parser = dipparse.Parser()
    assert [e.actor.name for e in parser.parse("Bill Clinton may accept the proposal.").events] == [
        "Bill Clinton"
    ]
    assert parser.parse("The Senate accepted the bill.").events == ()


def test_could_not_agree_on_is_a_negated_acceptance() -> None:
    """Found by the heavy property run: 'agree' without 'to' is no refusal."""
    (event,) = dipparse.Parser().parse("Afghanistan could not agree on a prisoner exchange.").events
    assert (event.type, event.negated) == ("acceptance", True)


def test_the_first_words_of_a_pattern_are_known_when_every_match_starts_with_them() -> None:
    """A rule whose pattern starts with words is tried only at those words' tokens."""
    lists = {"nouns": ["demand", "call for"]}
    starts = compile_token_pattern('("we"|"i") trigger:{nouns} (to|for)', lists, english())
    assert starts.leading == frozenset({"we", "i"})
    listed = compile_token_pattern("trigger:{nouns} (to|for)", lists, english())
    assert listed.leading == frozenset({"demand", "call"})
    assert compile_token_pattern('"the"? trigger:{nouns}', lists, english()).leading is None
    assert compile_token_pattern("trigger:VG[demand]", lists, english()).leading is None
    parser = dipparse.Parser()
    text = "We demand talks. We call for talks, and we demand that Iran stop, China said."
    assert [e.rule for e in parser.parse(text).events] == [
        e.rule for e in dipparse.parse(text).events
    ]


def test_the_second_words_of_a_pattern_are_known_when_its_first_element_is_one_token() -> None:
    """A rule whose first element takes one token and whose second is a word is tried
    only at a first word followed by one of the second words."""
    lists = {"nouns": ["demand", "call for"], "words": ["demand", "request"]}
    assert compile_token_pattern("trigger:{words} (to|for)", lists, english()).second == {
        "to",
        "for",
    }
    grouped = compile_token_pattern('("we"|"i") trigger:{nouns} to', lists, english())
    assert grouped.second == {"demand", "call"}
    # The first element may take two tokens ("call for"), the second may be missing,
    # or not be a word: no second words.
    assert compile_token_pattern("trigger:{nouns} (to|for)", lists, english()).second is None
    assert compile_token_pattern("trigger:{words} (to|for)?", lists, english()).second is None
    assert compile_token_pattern("trigger:{words} NP", lists, english()).second is None
    assert (
        compile_token_pattern('(("we" "all")|"i") trigger:{words}', lists, english()).second is None
    )
    branches = compile_token_pattern("(trigger:{words} to | ask trigger:{words})", lists, english())
    assert branches.second == {"to", "demand", "request"}


def test_a_rule_is_a_candidate_only_where_its_first_two_words_stand_together() -> None:
    """Parsing leaves out a rule whose first two words are not next to each other in a
    sentence; explain still reports it as a rule whose pattern did not match."""
    extra = dipparse.ruleset_from_string(
        '[ruleset]\nname = "pairs"\nversion = "0.0.1"\n[lists]\nsaid = ["vowed"]\n'
        '[[rules]]\nid = "pairs.vowed"\nkind = "offer"\npriority = -100\n'
        'tokens = "trigger:{said} (to|that)"\n'
    )
    parser = dipparse.Parser(["core-en", extra])
    pattern = parser.rules[-1].token_pattern
    assert pattern is not None and pattern.second == {"to", "that"}
    ctx = parser.analyse("Iran vowed revenge. Iran vowed to talk.", None)
    first, second = ctx.windows
    assert "pairs.vowed" in [
        r.id for r in parser.extractor.candidates(ctx, *ctx.token_range(*first))
    ]
    assert "pairs.vowed" not in [
        r.id for r in parser.extractor.candidates(ctx, *ctx.token_range(*first), pruned=True)
    ]
    assert "pairs.vowed" in [
        r.id for r in parser.extractor.candidates(ctx, *ctx.token_range(*second), pruned=True)
    ]
    events = parser.parse("Iran vowed revenge. Iran vowed to talk.").events
    assert [e.rule for e in events] == ["pairs.vowed"]
    from dipparse.explain import trace

    outcomes = [o.kind for o in trace(parser, "Iran vowed revenge.") if o.rule.id == "pairs.vowed"]
    assert outcomes == ["no-match"]


def test_a_pattern_is_tried_only_where_its_matches_can_start() -> None:
    """Trying a pattern at its first (and second) words finds what a search of the whole
    sentence finds, for every built-in rule in the sentences of the dev corpus."""
    from dipparse.extraction import _finditer

    found = 0
    for _, layers in _dev_sentence_layers():
        for rule in _dev_parser().extractor.rules:
            for pattern in (rule.token_pattern, rule.unless_tokens):
                if pattern is None:
                    continue
                searched = [m.span() for m in _finditer(pattern.regex, layers.encoded.string)]
                assert [m.span() for m in layers.finditer(pattern)] == searched, rule.id
                found += len(searched)
    assert found > 100


def test_a_pattern_is_compiled_again_only_for_a_lexicon_that_reads_it_otherwise() -> None:
    """A parser reuses a rule's pattern compiled at load when its lexicon gives the
    pattern's words the same lemmas; a word it lemmatises otherwise compiles it again."""
    lists = {"acts": ["turned down", "reject"]}
    compiled = compile_token_pattern("trigger:VG[{acts}]", lists, english())
    assert recompile(compiled, lists, english()) is compiled
    other = english().with_vocabulary(["turn down"], verbs=["turn"])
    again = recompile(compiled, lists, other)
    assert again == compile_token_pattern("trigger:VG[{acts}]", lists, other)
    changed = {"acts": ["reject", "rebuff"]}
    assert recompile(compiled, changed, english()).lemmas == {"reject", "rebuff"}


@pytest.mark.parametrize(
    ("pattern", "pairs"),
    [
        ("trigger:VG[call on|call upon]", {("call", "on"), ("call", "upon")}),
        ('trigger:VG[say] "no"', {("say", "no")}),
        ("(trigger:VG[comply] with | VG[abide] by)", {("comply", "with"), ("abide", "by")}),
        ("trigger:{calls} NP", {("call", "for"), ("appeal", "to")}),
        # a one-word entry or head, an optional word, a noun phrase's attachment: none
        ("trigger:VG[accept]", None),
        ('trigger:VG[say] "no"?', None),
        ("trigger:VG[call on|accept]", None),
        ("trigger:NP[plan] to", None),
        ("(trigger:VG[call on] | trigger:VG[accept])", None),
    ],
)
def test_the_pairs_of_words_every_match_holds(
    pattern: str, pairs: set[tuple[str, str]] | None
) -> None:
    lists = {"calls": ["call for", "appeal to"]}
    compiled = compile_token_pattern(pattern, lists, english())
    assert compiled.pairs == (None if pairs is None else frozenset(pairs))


def test_a_pattern_matches_only_where_its_pairs_stand() -> None:
    """Every match of a built-in rule's pattern in the dev corpus holds one of its pairs
    of words as two tokens one after the other: a sentence without them is left out."""
    checked = 0
    for _, layers in _dev_sentence_layers():
        encoded = layers.encoded
        units = encoded.string.split(" ")[:-1]
        lemmas = [unit[2 : unit.index(SEP)] for unit in units]
        for rule in _dev_parser().extractor.rules:
            pattern = rule.token_pattern
            if pattern is None or pattern.pairs is None:
                continue
            for m in pattern.regex.finditer(encoded.string, overlapped=True):
                first = encoded.token_at(m.start()) - encoded.first
                last = encoded.token_at(m.end() - 1) - encoded.first
                held = set(zip(lemmas[first:last], lemmas[first + 1 : last + 1], strict=True))
                assert held & pattern.pairs, (rule.id, m.group())
                checked += 1
    assert checked > 50


@pytest.mark.parametrize(
    ("pattern", "shapes"),
    [
        ("/[a-z]+-backed/ trigger:plan", {"[a-z]+-backed"}),
        ("(/us-.+/ | /eu-.+/) trigger:plan", {"us-[^ ]+", "eu-[^ ]+"}),
        # optional, in one branch only, or a flag that reaches the whole pattern: none
        ("/[a-z]+-backed/? trigger:plan", None),
        ("(/us-.+/ | NAME) trigger:plan", None),
        ("/(?i)us-.+/ trigger:plan", None),
    ],
)
def test_the_regexes_a_token_of_every_match_takes(pattern: str, shapes: set[str] | None) -> None:
    compiled = compile_token_pattern(pattern, {}, english())
    assert compiled.shapes == (None if shapes is None else frozenset(shapes))


def test_a_pattern_matches_only_where_a_token_takes_its_regex() -> None:
    """Every match of a built-in rule's pattern in the dev corpus has a token whose lower
    form its /regex/ element takes: a sentence without one is left out."""
    checked = 0
    for _, layers in _dev_sentence_layers():
        encoded = layers.encoded
        lowers = [unit.split(SEP)[1] for unit in encoded.string.split(" ")[:-1]]
        for rule in _dev_parser().extractor.rules:
            pattern = rule.token_pattern
            shape = shape_of(pattern) if pattern is not None else None
            if pattern is None or shape is None:
                continue
            for m in pattern.regex.finditer(encoded.string, overlapped=True):
                first = encoded.token_at(m.start()) - encoded.first
                last = encoded.token_at(m.end() - 1) - encoded.first
                assert any(map(shape.fullmatch, lowers[first : last + 1])), (rule.id, m.group())
                checked += 1
    assert checked > 5
