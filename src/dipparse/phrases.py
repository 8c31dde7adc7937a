"""Phrases: noun phrases, verb groups and clause edges of one sentence's tokens.

The chunker works as NLTK's ``RegexpParser`` does: each phrase type is one
regular expression over the sentence's tag string (one character a token, see
`dipparse.tokens`), so a grammar line reads like ``NP: {<DT>?<JJ>*<NN>+}``:

- a noun phrase is an optional determiner or possessor ("Trump's"), then
  adjectives, numbers and nouns, ending in a noun or a name; a pronoun alone;
  one bounded attachment follows: "of" or "from" anything, "in" a name
  ("Opposition groups in Zimbabwe", "officials from both countries");
- a verb group is auxiliaries, modals, negation and adverbs ending in a verb
  ("has not formally rejected") or a lone form of "be" ("is ready").

Each verb group carries its features: head lemma, negation, modal, passive,
tense and hedge, read from its own words, never from a word list behind it.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex
from attrs import field, frozen

from dipparse.tokens import Lexicon, Tokens

_POSSESSOR = r"(?:[DP]?[J#nX]*[nX]G)"
_NP = regex.compile(
    rf"(?:{_POSSESSOR}|[DP])?(?:E?[J#nX])*[#nX]" rf"|(?:{_POSSESSOR}|[DP])(?:E?[J#nX])+" r"|R"
)
_VG = regex.compile(r"(?:[MBHO]E*N?E*)*V|(?:[MHO]E*N?E*)*BE*N?(?!E*V)")
HEDGE_MODALS = frozenset({"may", "might", "could"})
# "said it would provide": the future of reported speech.
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "would", "'d"})
_PAST_AUX = frozenset({"was", "were", "had", "did"})
# "is expected to accept", "appears to reject": a verb group that hedges the next.
HEDGE_VERBS = frozenset({"expect", "appear", "seem", "likely", "set", "poised", "believe"})
_PARTICIPLE_ENDINGS = ("ed", "en", "wn", "ne", "ght")

# Chunk labels: N begins a noun phrase, n continues it, a is its attachment;
# V begins a verb group, v continues it; O is outside any phrase.
NP_BEGIN, NP_INSIDE, NP_ATTACHED, VG_BEGIN, VG_INSIDE, OUTSIDE = "NnaVvO"


@frozen
class Phrase:
    """A noun phrase: tokens ``first`` to ``last`` (inclusive), its head token."""

    first: int
    last: int
    head: int


@frozen
class VerbGroup:
    """A verb group and what its own words say about the statement."""

    first: int
    last: int
    head: int
    lemma: str
    negated: bool
    modal: str | None
    passive: bool
    tense: str  # "past", "present" or "future"
    hedged: bool
    perfect: bool = False  # "has rejected", "had not accepted", "will have signed"
    progressive: bool = False  # "is not accepting", "were rejecting"


@frozen
class Chunks:
    """The phrases of one sentence (tokens ``first`` to ``last``), and its labels."""

    first: int
    last: int
    tags: str
    labels: str
    noun_phrases: tuple[Phrase, ...]
    verb_groups: tuple[VerbGroup, ...]
    # Look-ups by token number, so that finding a trigger's phrases costs the same
    # in a sentence of a million tokens as in one of twenty.
    _group_of: dict[int, VerbGroup] = field(factory=dict, repr=False, eq=False)
    _phrase_ending: dict[int, Phrase] = field(factory=dict, repr=False, eq=False)
    _phrase_starting: dict[int, Phrase] = field(factory=dict, repr=False, eq=False)

    def verb_group_at(self, i: int) -> VerbGroup | None:
        """The verb group that holds token ``i``, if any."""
        return self._group_of.get(i)

    def noun_phrase_ending_at(self, i: int) -> Phrase | None:
        """The noun phrase whose last token is ``i``, if any."""
        return self._phrase_ending.get(i)

    def noun_phrase_starting_at(self, i: int) -> Phrase | None:
        """The noun phrase whose first token is ``i``, if any."""
        return self._phrase_starting.get(i)


def chunk(tokens: Tokens, tags: str, first: int) -> Chunks:
    """Noun phrases and verb groups of the sentence whose tags start at token ``first``."""
    labels = [OUTSIDE] * len(tags)
    nps: list[Phrase] = []
    vgs: list[VerbGroup] = []
    for vg in _VG.finditer(tags):
        s, e = vg.span()
        labels[s:e] = VG_BEGIN + VG_INSIDE * (e - s - 1)
        vgs.append(_verb_group(tokens, tags, first, s, e))
    # The noun phrases are found left to right, and each is labelled before the search
    # goes on after it: where the search goes on, only verb groups can be labelled.
    # The search goes on where a phrase ends, or after its attachment: there it starts
    # again.
    grouped = "".join(labels)
    pos: int | None = 0
    size = len(tags)
    while pos is not None:
        found_at, pos = pos, None
        for found in _NP.finditer(tags, found_at):
            s, e = found.span()
            if grouped.count(OUTSIDE, s, e) != e - s:
                continue  # in a verb group
            attached = (
                _attachment(tokens, tags, first, e, grouped) if e < size and tags[e] == "I" else e
            )
            labels[s:attached] = NP_BEGIN + NP_INSIDE * (e - s - 1) + NP_ATTACHED * (attached - e)
            nps.append(Phrase(first + s, first + attached - 1, first + e - 1))
            if attached > e:
                pos = attached
                break
    group_of = {i: vg for vg in vgs for i in range(vg.first, vg.last + 1)}
    ending = {p.last: p for p in nps}
    starting = {p.first: p for p in nps}
    return Chunks(
        first,
        first + len(tags) - 1,
        tags,
        "".join(labels),
        tuple(nps),
        tuple(vgs),
        group_of,
        ending,
        starting,
    )


def _attachment(tokens: Tokens, tags: str, first: int, e: int, grouped: str) -> int:
    """Where one "of"/"from"/"in" attachment after a noun phrase ends (``e`` when none);
    ``grouped``: the sentence's labels with only its verb groups labelled."""
    if e >= len(tags) or tags[e] != "I":
        return e
    word = tokens.lowers[first + e]
    if word not in ("of", "in", "from"):
        return e
    m = _NP.match(tags, e + 1)
    if m is None or grouped.count(OUTSIDE, m.start(), m.end()) != m.end() - m.start():
        return e
    if word == "in" and tags[m.end() - 1] != "X":
        return e  # "India in a statement": not part of the name
    return m.end()


def _verb_group(tokens: Tokens, tags: str, first: int, s: int, e: int) -> VerbGroup:
    lowers, lemmas = tokens.lowers, tokens.lemmas
    head = e - 1
    while head > s and tags[head] in "NE":
        head -= 1  # a lone "be": "is not" has the head "is"
    # The modal's lemma: "will" for "wo" in "won't", as for "will".
    at = tags.find("M", s, e)
    modal = lemmas[first + at] if at >= 0 else None
    be_before = tags.find("B", s, head) >= 0 or "got" in lowers[first + s : first + head]
    head_word = lowers[first + head]
    passive = (
        tags[head] == "V"
        and be_before
        and head_word.endswith(_PARTICIPLE_ENDINGS)
        and not head_word.endswith("ing")
    )
    if modal is not None and modal in _FUTURE_MODALS:
        tense = "future"
    elif lowers[first + s] in _PAST_AUX or (s == head and head_word.endswith("ed")):
        tense = "past"
    elif s == head and lemmas[first + head] != head_word and head_word[-1:] != "s":
        tense = "past"  # "said", "gave"
    else:
        tense = "present"
    hedged = modal in HEDGE_MODALS
    before = s - 1
    while before >= 1 and tags[before] == "E":
        before -= 1  # "is expected to firmly accept"
    if before >= 1 and tags[before] == "T":
        prev_head = lowers[first + before - 1]
        hedged = hedged or lemmas[first + before - 1] in HEDGE_VERBS or prev_head == "likely"
    return VerbGroup(
        first=first + s,
        last=first + e - 1,
        head=first + head,
        lemma=lemmas[first + head],
        negated=tags.find("N", s, e) >= 0,
        modal=modal,
        passive=passive,
        tense=tense,
        hedged=hedged,
        perfect=tags.find("H", s, head) >= 0,
        progressive=be_before and tags[head] == "V" and head_word.endswith("ing"),
    )


def when_needs(
    when: Mapping[str, bool | tuple[str, ...]], lexicon: Lexicon
) -> tuple[frozenset[str], ...]:
    """Sets of lemmas of which a sentence holds one each when one of its verb groups
    can meet a rule's ``when`` constraints (see `VerbGroup`): a negated group holds a
    negation, a future one a future modal, one with a given modal that modal. The
    test needs no tags: a sentence that fails it need not be chunked for the rule.
    """
    needs: list[frozenset[str]] = []
    if when.get("negated") is True:
        # Only the closed class tags a word as a negation.
        needs.append(frozenset(lexicon.lemma(w) for w, t in lexicon.closed.items() if t == "N"))
    tense = when.get("tense")
    if isinstance(tense, tuple) and set(tense) == {"future"}:
        needs.append(_FUTURE_MODALS)
    modal = when.get("modal")
    if isinstance(modal, tuple) and "none" not in modal:
        needs.append(frozenset(modal))
    return tuple(needs)


__all__ = [
    "HEDGE_MODALS",
    "HEDGE_VERBS",
    "Chunks",
    "Phrase",
    "VerbGroup",
    "chunk",
    "when_needs",
]
