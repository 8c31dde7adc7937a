"""Tokens: the words of a normalised text, once per document, with lemma and tag.

Every token keeps its offsets into the normalised text (which the offset map
turns into offsets of the caller's string), its lower form, its lemma and one
coarse part-of-speech tag. The knowledge behind them is data shipped in the
package (`dipparse/data/english.toml`: closed-class words, irregular verbs,
words that are nouns or verbs by context) plus the lemmas a rule set names;
shape (capitals, suffixes) and the previous tag decide the rest. There is no
model: the tagger is a handful of readable decisions in `Lexicon.tag`.

Tags are one character each, so that a sentence's tags form a string that
phrase grammars (`dipparse.phrases`) and rule patterns match with `regex`:

====  ==========================  ====  ==========================
tag   what                        tag   what
====  ==========================  ====  ==========================
D     determiner                  I     preposition
P     possessive pronoun          C     coordinating conjunction
R     personal pronoun            S     subordinator, relative
M     modal                       T     "to"
B     a form of "be"              E     adverb
H     a form of "have"            J     adjective
O     a form of "do"              n     common noun
N     negation                    X     proper name (capitalised)
V     verb                        G     possessive 's
#     number                      Q     quotation mark
,     comma                       .     sentence punctuation
:     other punctuation
====  ==========================  ====  ==========================
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import regex
from attrs import field, frozen

TAGS = "DPRMBHONVIJCSTEnXG#Q,.:"

# Words, with inner hyphens, apostrophes, dots of abbreviations ("U.S."); numbers;
# one character of anything else. Control characters are never part of a token.
_TOKEN = regex.compile(
    r"(?:\p{L}\.){2,}(?!\p{L})"
    r"|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'&][\p{L}\p{M}\p{N}]+)*"
    r"|\p{N}+(?:[.,:/]\p{N}+)*(?:st|nd|rd|th|s)?"
    r"|'(?:s|re|ll|ve|d|m)\b"
    r"|[^\s\p{Cc}]"
)
# Clitics split off a word: "don't" -> "do" "n't", "Iran's" -> "Iran" "'s".
_CLITIC = regex.compile(r"(?i)(n't|'s|'re|'ll|'ve|'d|'m)$")
_SENTENCE_PUNCT = frozenset(".!?")
_OTHER_PUNCT = frozenset(";:()[]{}-/")


@frozen
class Lexicon:
    """The word knowledge the tagger reads: closed classes, irregular forms, known lemmas."""

    closed: dict[str, str]
    irregular: dict[str, str]
    plurals: dict[str, str]
    uninflected: frozenset[str]
    not_adverbs: frozenset[str]
    noun_verbs: frozenset[str]
    verbs: frozenset[str]
    # Lemmas known for lemmatising ("stonewalled" -> "stonewall"): the verbs and the
    # words of the rule sets' lists. Only ``verbs`` tag a word as a verb.
    known: frozenset[str] = frozenset()
    _lemmas: dict[str, str] = field(factory=dict, init=False, eq=False, repr=False)
    # Tags by (word, previous tag, sentence start, next word's class): news repeats them.
    _tags: dict[tuple[str, str, bool, str], str] = field(
        factory=dict, init=False, eq=False, repr=False
    )

    def with_vocabulary(self, lemmas: Iterable[str], verbs: Iterable[str] = ()) -> Lexicon:
        """This lexicon with more known lemmas (a rule set's word lists) and verbs.

        ``lemmas`` only help lemmatising; ``verbs`` (the heads a rule names in
        ``VG[...]``) are also tagged as verbs. Of a phrasal entry ("turn down")
        its first word counts.
        """
        words = frozenset(self.lemma(w.lower().split()[0]) for w in lemmas if w.strip())
        new_verbs = frozenset(self.lemma(w.lower().split()[0]) for w in verbs if w.strip())
        known = self.known | self.verbs | new_verbs | words
        # A form listed beside its lemma ("turned down" beside "turn") is no lemma of
        # its own: "turned" -> "turn", so that "turn its back on" matches "turned".
        inflected = {
            w
            for w in (words | new_verbs) - self.verbs - self.uninflected
            if _stem(w, known) is not None
        }
        return Lexicon(
            self.closed,
            self.irregular,
            self.plurals,
            self.uninflected,
            self.not_adverbs,
            self.noun_verbs,
            (self.verbs | new_verbs) - inflected,
            known - inflected,
        )

    def lemma(self, lower: str) -> str:
        """The dictionary form of a lower-case word: "offered" -> "offer", "gave" -> "give"."""
        known = self._lemmas.get(lower)
        if known is None:
            known = self._lemmas[lower] = self._lemma(lower)
        return known

    def _lemma(self, w: str) -> str:
        if w in self.closed:
            return _CLOSED_LEMMA.get(w, w)
        if w in self.irregular:
            return self.irregular[w]
        if w in self.plurals:
            return self.plurals[w]
        known = self.known or self.verbs
        if w in known or w in self.uninflected or len(w) < 4 or not w.isalpha():
            return w
        found = _stem(w, known)
        if found is not None:
            return found
        for suffix, _ in _SUFFIXES:
            if w.endswith(suffix):
                stem = w[: -len(suffix)]
                if suffix == "s":
                    return stem if not w.endswith(("ss", "us", "is")) else w
                if suffix in ("ies", "ied"):
                    return stem + "y"
                return w  # an -ed or -ing word not known as a verb keeps its form
        return w

    def tag(self, lower: str, text: str, prev: str, first: bool, following: str = "") -> str:
        """The tag of one word, from its form, the tag before it and the word after.

        ``following`` is the next word's closed-class tag, ``"X"`` for a capitalised
        next word, or ``""``.
        """
        closed = self.closed.get(lower)
        if closed == "M" and prev == "X" and not first and text[:1].isupper():
            return "X"  # "Theresa May accepted": a name's last word, not the modal
        if closed is not None and not (len(text) > 1 and text.isupper()):  # "US", "IT"
            if closed == "B" and lower == "'s":
                # After a name, a noun or an abbreviation's full stop ("Whipps Jr.'s").
                return "G" if prev in "nXJ." else "B"
            if lower == "that" and prev in "nXV,":
                return "S"
            if (
                closed == "E"
                and lower in self.verbs
                and (prev in "MN" or (prev in "ORTE" and following in "DPRX"))
            ):
                return "V"  # "may not firmly back Albania's proposal", "would not back down"
            return closed
        ch = text[0]
        if ch.isdigit():
            return "#"
        if not ch.isalpha():
            if ch in _SENTENCE_PUNCT:
                return "."
            if ch == ",":
                return ","
            if ch in "\"'":
                return "Q"
            return ":"
        if ch.isupper() and not (first and self._common(lower)):
            if (
                prev in "Xn"
                and following != "B"  # "the United States's offer": a name's possessive
                and lower.endswith(("s", "ed"))
                and self._inflected_verb(lower)
            ):
                return "V"  # a headline's "India Suspends Treaty, Demands Pakistan End ..."
            return "X"
        if lower.endswith("ly") and lower not in self.not_adverbs and len(lower) > 4:
            return "E"
        if prev == "T" and lower.isalpha():
            return "V"  # "to mediate"
        if lower in self.irregular and self.irregular[lower] != lower:
            return "V"  # "said", "gave", "sent"
        base = self.lemma(lower)
        if base in self.noun_verbs or lower in self.noun_verbs:
            return self._noun_or_verb(lower, prev, following)
        if (base in self.verbs and base != lower) or lower in self.verbs:
            if prev in "DPG":
                return "J" if lower.endswith("ed") else "n"  # "the table", "the rejected"
            return "V" if not lower.endswith("ed") or prev != "I" else "J"
        if lower.endswith("ing") and len(lower) > 5:
            return "V" if prev not in "DPGJ" else "n"
        if lower.endswith("ed") and len(lower) > 4:
            return "V" if prev not in "DPGI" else "J"
        if lower.endswith(_ADJECTIVE_ENDINGS):
            return "J"
        return "n"

    def _inflected_verb(self, lower: str) -> bool:
        base = self.lemma(lower)
        return base != lower and (base in self.verbs or base in self.noun_verbs)

    def _common(self, lower: str) -> bool:
        """A capitalised sentence-initial word that is an ordinary word, not a name."""
        return lower in self.verbs or lower in self.noun_verbs or lower.endswith("ly")

    @staticmethod
    def _noun_or_verb(lower: str, prev: str, following: str) -> str:
        if prev in "DPGJ":
            return "n"  # "the offer", "Trump's offer", "a new offer"
        if lower.endswith("ed"):
            return "J" if prev == "I" else "V"  # "on Aug. 25 rejected"; "of rejected seekers"
        if prev == "#":
            return "n"  # "two demands"
        if prev in "MBHONTRE" or lower.endswith("ing"):
            return "V"  # "will offer", "has offered", "they offer", ", demanding"
        if following and following in "DPRX":
            return "V"  # an object follows: "the Kremlin accept a deal", "'accepts' Egypt's"
        if prev in "nXC" and lower.endswith("s"):
            return "V"  # "India demands talks", "opposes the Act and urges"
        return "n"


def _stem(w: str, known: frozenset[str]) -> str | None:
    """The known word that ``w`` inflects by its first matching suffix, if any."""
    if len(w) < 4 or not w.isalpha():
        return None
    for suffix, stems in _SUFFIXES:
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            candidates = [stem + tail for tail in stems]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                candidates.append(stem[:-1])  # "planned" -> "plan"
            return next((c for c in candidates if c in known and c != w), None)
    return None


# Closed-class forms whose lemma is another word.
_CLOSED_LEMMA = {
    **dict.fromkeys(("is", "are", "was", "were", "been", "being", "am", "'re", "'m"), "be"),
    **dict.fromkeys(("has", "had", "having", "'ve"), "have"),
    **dict.fromkeys(("does", "did", "doing", "done"), "do"),
    "n't": "not",
    "cannot": "not",
    "'ll": "will",
    "wo": "will",  # "won't"
    "ca": "can",  # "can't"
    "sha": "shall",  # "shan't"
    "'d": "would",
    "an": "a",
}
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ies", ("y",)),
    ("ied", ("y",)),
    ("ing", ("", "e")),
    ("ed", ("", "e")),
    ("es", ("", "e")),
    ("s", ("",)),
)
_ADJECTIVE_ENDINGS = (
    "al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary", "ese", "ish",
)  # fmt: skip
_TAG_OF_CLASS = {
    "determiner": "D",
    "possessive": "P",
    "pronoun": "R",
    "modal": "M",
    "be": "B",
    "have": "H",
    "do": "O",
    "negation": "N",
    "to": "T",
    "preposition": "I",
    "conjunction": "C",
    "subordinator": "S",
    "adverb": "E",
}


@lru_cache(maxsize=1)
def english() -> Lexicon:
    """The built-in English lexicon, read once from the package data."""
    data: dict[str, Any] = tomllib.loads(
        resources.files("dipparse").joinpath("data/english.toml").read_text(encoding="utf-8")
    )
    closed: dict[str, str] = {}
    # Later classes do not override earlier ones: "that" is a determiner first in the
    # list, the tagger makes it a subordinator after a noun or verb.
    for name in ("negation", "modal", "be", "have", "do", "to", "possessive", "pronoun",
                 "determiner", "conjunction", "subordinator", "preposition", "adverb"):  # fmt: skip
        for word in data["closed"][name]:
            closed.setdefault(word, _TAG_OF_CLASS[name])
    irregular: dict[str, str] = {}
    verbs: set[str] = set()
    for line in data["closed"]["irregular"]:
        base, *forms = line.split()
        verbs.add(base)
        for form in forms:
            for f in form.split("/"):
                irregular.setdefault(f, base)
    plurals = dict(line.split() for line in data["closed"]["irregular_plurals"])
    return Lexicon(
        closed=closed,
        irregular=irregular,
        plurals=plurals,
        uninflected=frozenset(data["closed"]["uninflected"]),
        not_adverbs=frozenset(data["closed"]["not_adverbs"]),
        noun_verbs=frozenset(data["closed"]["noun_verbs"]),
        verbs=frozenset(verbs)
        | frozenset(data["closed"]["noun_verbs"])
        | frozenset(data["closed"]["verbs"]),
    )


@frozen
class Tokens:
    """The tokens of one text, as parallel sequences indexed by token number."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]
    lowers: Sequence[str]
    lemmas: Sequence[str]

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]


def tokenize(text: str, lexicon: Lexicon, start: int = 0, end: int | None = None) -> Tokens:
    """The tokens of ``text[start:end]`` with lower forms and lemmas (one pass)."""
    starts: list[int] = []
    ends: list[int] = []
    lowers: list[str] = []
    lemma = lexicon.lemma
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        s, e = m.span()
        word = m.group()
        lower = word.lower()
        # Searched in the word as written: a lower form may be longer ("İ").
        if lower == "cannot":  # "can" and "not": a modal and its negation
            starts += (s, s + 3)
            ends += (s + 3, e)
            lowers += ("can", "not")
            continue
        # "X's" too (King Frederik X's offer): a capital letter's possessive.
        clitic = (
            _CLITIC.search(word)
            if "'" in word and (len(word) > 3 or (len(word) == 3 and word[0].isupper()))
            else None
        )
        if clitic is not None and clitic.start() > 0:
            cut = s + clitic.start()
            starts += (s, cut)
            ends += (cut, e)
            lowers += (word[: clitic.start()].lower(), clitic.group().lower())
            continue
        starts.append(s)
        ends.append(e)
        lowers.append(lower)
    return Tokens(text, starts, ends, lowers, [lemma(w) for w in lowers])


def tag(tokens: Tokens, lexicon: Lexicon, first: int = 0, last: int | None = None) -> str:
    """One tag character for each token of ``tokens[first:last]`` (one sentence)."""
    out: list[str] = []
    prev = "."
    stop = len(tokens) if last is None else last
    closed = lexicon.closed
    cache = lexicon._tags
    text, starts, ends, lowers = tokens.text, tokens.starts, tokens.ends, tokens.lowers
    headline = _headline(tokens, first, stop, closed)
    quoting = False  # inside single quotation marks opened in this sentence
    for i in range(first, stop):
        lower = lowers[i]
        following = ""
        j = i + 1
        if j < stop and lowers[j] in ("'", '"') and j + 1 < stop:
            j += 1  # "'accepts' Egyptian proposal": the word after the closing mark
        if j < stop:
            following = closed.get(lowers[j], "X" if text[starts[j]].isupper() else "")
        if prev == "D" and lowers[i - 1] in _FLOATING and len(out) > 1 and out[-2] in "nXR":
            prev = "R"  # "Baku and Yerevan both accepted": a quantifier after the subject
        start = headline or i == first or prev in ".Q:"
        word = text[starts[i] : ends[i]]
        if lower == "once" and following == "E":
            out.append("E")  # "once again": an adverb, not a subordinator
            prev = "E"
            continue
        key = (word, prev, start, following)
        t = cache.get(key)
        if t is None:
            t = cache[key] = lexicon.tag(lower, word, prev, start, following)
        if lower == "do" and i + 1 < stop and lowers[i + 1] == "n't":
            t = "O"
        elif word == "'":
            t, quoting = _apostrophe(tokens, i, first, stop, quoting)
        elif lower in _GET and i + 1 < stop and lowers[i + 1].endswith(("ed", "en")):
            t = "B"  # "got rejected": the passive's auxiliary
        elif (
            t == "V"
            and prev in "nX"
            and lower.endswith("s")
            and j < stop
            and lowers[j].endswith("ed")
            and lexicon._inflected_verb(lowers[j])
        ):
            t = "n"  # "Gulf states welcomed": a plural noun before its past-tense verb
        out.append(t)
        prev = t
        if t == "." and first < i < stop - 1 and text[starts[i - 1]].isupper():
            prev = "X"  # "Surangel Whipps Jr. requests": a name's full stop, no sentence end
    return "".join(out)


_GET = frozenset({"get", "gets", "got", "getting", "gotten"})
# Quantifiers that float after a subject: "both", "all", "each".
_FLOATING = frozenset({"both", "all", "each"})


def _apostrophe(tokens: Tokens, i: int, first: int, stop: int, quoting: bool) -> tuple[str, bool]:
    """A lone "'": a plural's possessive ("doctors' unions") or a quotation mark."""
    starts, ends = tokens.starts, tokens.ends
    attached_before = i > first and ends[i - 1] == starts[i]
    attached_after = i + 1 < stop and starts[i + 1] == ends[i]
    if attached_after and not attached_before:
        return "Q", True  # an opening mark
    if attached_before and not quoting and tokens.lowers[i - 1].endswith("s"):
        return "G", False
    return "Q", False


def _headline(tokens: Tokens, first: int, stop: int, closed: Mapping[str, str]) -> bool:
    """A sentence in title case ("US Says It Will Not Rule Out Military Options").

    Most words capitalised, and none of four letters or more in lower case but a
    closed-class word: a sentence full of names ("Presidents Muhammadu Buhari of
    Nigeria and Patrice Talon of Benin signed the ...") is no headline.
    """
    # Each word's first character (a token is never empty), if a letter.
    initials = list(filter(str.isalpha, map(tokens.text.__getitem__, tokens.starts[first:stop])))
    if len(initials) < 4 or sum(map(str.isupper, initials)) < 0.7 * len(initials):
        return False
    text, starts, lowers = tokens.text, tokens.starts, tokens.lowers
    return not any(
        text[starts[i]].islower() and len(lowers[i]) >= 4 and lowers[i] not in closed
        for i in range(first, stop)
    )


__all__ = ["TAGS", "Lexicon", "Tokens", "english", "tag", "tokenize"]
