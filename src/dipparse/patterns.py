"""Token patterns: rules written over words, tags and phrases, compiled to `regex`.

A token pattern is a short line of elements, each matching one token or one
phrase, as spaCy's ``Matcher`` patterns and NLTK's chunk grammars do::

    actor:NP trigger:VG[{offer_verbs}] content:_{1,12}

=====================  ==========================================================
element                matches
=====================  ==========================================================
``offer``              a token whose lemma is "offer" (offer, offers, offered...)
``offer|propose``      either lemma
``"offered"``          that exact (lower-case) form; several words: ``"on the table"``
``"{offer_nouns}"``    the named list's entries as written (forms, not lemmas)
``{offer_verbs}``      a lemma of the named word list (entries may be several words)
``NP``, ``VG``         a noun phrase, a verb group (see `dipparse.phrases`)
``VG[accept|agree]``   a verb group whose head has one of these lemmas (or ``[{list}]``)
``NP[{offer_nouns}]``  a noun phrase whose head has one of these lemmas
``NOUN`` ``VERB`` ...  a token of that tag: NOUN NAME VERB ADJ ADV DET POSS PRON PREP
                       NUM MODAL BE HAVE AUX NEG TO CONJ SUB COMMA QUOTE PUNCT
``NOUN[bill]``         a token of that tag and one of these lemmas (or ``[{list}]``)
``_``                  any one token
``/regex/``            a token whose lower form matches the `regex` (escape hatch)
``( a | b c )``        a group with alternatives
``x?`` ``x*`` ``x+``   optional, repeated; ``x{0,3}``: bounded repetition
``name:element``       a slot: trigger, actor, target, content or condition
=====================  ==========================================================

The compiled pattern runs over a compact encoding of the sentence, one unit a
token: its phrase label, its tag, its lemma and its lower form. Matches map back
to token numbers and from there to text offsets. An unbounded ``_*`` or ``_+``
is refused: it could try every token after every token; write ``_{0,6}``.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate, product
from typing import TypeVar, cast

import regex
from attrs import frozen

from dipparse.phrases import Chunks
from dipparse.tokens import Lexicon, Tokens

SEP = "\x1f"
# The most pairs of words one element and the next can make that a pattern records.
_MOST = 256
# Any one token but sentence punctuation (its tag is ".").
_ANY_UNIT = r".[^.][^ ]* "

TAG_NAMES: Mapping[str, str] = {
    "NOUN": "n",
    "NAME": "X",
    "VERB": "V",
    "ADJ": "J",
    "ADV": "E",
    "DET": "D",
    "POSS": "PG",
    "PRON": "R",
    "PREP": "I",
    "NUM": "#",
    "MODAL": "M",
    "BE": "B",
    "HAVE": "H",
    "AUX": "MBHO",
    "NEG": "N",
    "TO": "T",
    "CONJ": "C",
    "SUB": "S",
    "COMMA": ",",
    "QUOTE": "Q",
    "PUNCT": ",.:Q",
}
SLOTS = ("trigger", "actor", "target", "content", "condition")

_LEX = regex.compile(
    r"""
    \s*(?:
      (?P<slot>[a-z]+):(?=\S)
    | (?P<open>\()
    | (?P<close>\))
    | (?P<bar>\|)
    | (?P<quant>[?*+]|\{\d*,?\d*\})
    | "(?P<exact>[^"]+)"
    | /(?P<re>(?:[^/\\]|\\.)+)/
    | \{(?P<list>[A-Za-z_][\w]*)\}
    | (?P<phrase>NP|VG)(?:\[(?P<heads>[^\]]+)\])?
    | (?P<tag>[A-Z]+)\b(?:\[(?P<lemmas>[^\]]+)\])?
    | (?P<any>_)
    | (?P<words>[\p{Ll}\p{N}'][\p{Ll}\p{N}'-]*(?:\|[\p{Ll}\p{N}'][\p{Ll}\p{N}'-]*)*)
    )""",
    regex.VERBOSE,
)


class PatternError(ValueError):
    """A token pattern that cannot be read; the message says where and why."""


@frozen
class TokenPattern:
    """A compiled token pattern: its text, its regex and the lemmas its trigger needs."""

    source: str
    regex: regex.Pattern[str]
    trigger_lemmas: frozenset[str]
    slots: tuple[str, ...]
    lemmas: frozenset[str] = frozenset()  # every lemma it names, for the lemmatiser
    verbs: frozenset[str] = frozenset()  # the heads it names in VG[...], verbs to the tagger
    regexes: tuple[str, ...] = ()  # its /regex/ elements, as written
    # Sets of lemmas of which a sentence must hold one each for the pattern to match
    # there: a cheap test before the regex runs. ``required`` has one set for each
    # required element (its rarest words); ``needs`` holds those and more, from every
    # word a match must hold ("no" as well as "say" in 'VG[say no|reject]').
    required: tuple[frozenset[str], ...] = ()
    needs: tuple[frozenset[str], ...] = ()
    # The lemmas one of which the first token of every match has, when known: a match
    # can start only at such a token.
    leading: frozenset[str] | None = None
    # The lemmas one of which the second token of every match has, when known (the
    # first element takes one token and the second is a word that must be there): a
    # match can start only at a token followed by such a token.
    second: frozenset[str] | None = None
    # Pairs of lemmas one of which every match holds as two tokens one after the other,
    # when known (a several-word entry's first two words, a verb group's head and its
    # particle, the last word of one element and the first of the next): a match can
    # be only where such a pair stands.
    pairs: frozenset[tuple[str, str]] | None = None
    # Regexes one of which the lower form of some token of every match fully matches,
    # when known (a required /regex/ element's, or its alternatives'; none when one of
    # the pattern's /regex/ elements sets a flag): a sentence without such a token holds
    # no match (see `shape_of`).
    shapes: frozenset[str] | None = None
    # Strings of the encoding one of which every match holds, when known: a word's
    # lemma and the separator after it, a form between the separator and the space, a
    # /regex/ element's leading letters after the separator. A search of part of an
    # encoding without any of them finds nothing (topics' patterns are /regex/ elements
    # and forms, which name no lemmas for ``needs``).
    fragments: frozenset[str] | None = None
    # What compiling it read besides the pattern: each word's lemma, whether a word is
    # closed-class, each list's entries. Another lexicon (or lists) that reads them the
    # same compiles it to the same thing (see `recompile`).
    read: tuple[tuple[str, object], ...] = ()


def compile_token_pattern(
    pattern: str, lists: Mapping[str, Sequence[str]], lexicon: Lexicon
) -> TokenPattern:
    """Compile ``pattern`` (see the module docstring); `PatternError` says what is wrong."""
    reader = _Reader(pattern, lists, lexicon)
    body = reader.alternatives(top=True)
    if reader.pos < len(pattern.rstrip()):
        raise PatternError(f"unexpected {pattern[reader.pos :].strip()!r} at {reader.pos}")
    try:
        # A match starts where a token's unit starts, never inside one ("ideal").
        compiled = regex.compile("(?:^|(?<= ))" + body, regex.VERSION0)
    except regex.error as exc:  # a /regex/ element that is not one
        raise PatternError(f"does not compile: {exc}") from None
    # The trigger's keywords: the fewest lemmas one of which each match of it holds
    # ("accept" in 'VG[accept] ("to")?', not "to"), else every lemma it names.
    return TokenPattern(
        pattern,
        compiled,
        reader.trigger_anchor or frozenset(reader.trigger_lemmas),
        tuple(reader.slots),
        frozenset(reader.lemmas),
        frozenset(reader.verbs),
        tuple(reader.regexes),
        reader.required,
        tuple(dict.fromkeys((*reader.required, *reader.clauses))),
        reader.leading,
        reader.second,
        reader.pairs,
        None if any(map(_FLAGGED.search, reader.regexes)) else reader.shapes,
        reader.fragments,
        tuple(reader.read.items()),
    )


def shape_of(pattern: TokenPattern) -> regex.Pattern[str] | None:
    """One regex for ``pattern.shapes``: a token's lower form that it fully matches is
    one that a required /regex/ element of ``pattern`` takes."""
    if not pattern.shapes:
        return None
    return regex.compile("|".join(f"(?:{s})" for s in sorted(pattern.shapes)), regex.VERSION0)


def recompile(
    pattern: TokenPattern, lists: Mapping[str, Sequence[str]], lexicon: Lexicon
) -> TokenPattern:
    """``pattern`` compiled against ``lexicon`` and ``lists``: ``pattern`` itself when
    they read its words and lists as those it was compiled with did."""
    if all(_read(key, lists, lexicon) == value for key, value in pattern.read):
        return pattern
    return compile_token_pattern(pattern.source, lists, lexicon)


def _read(key: str, lists: Mapping[str, Sequence[str]], lexicon: Lexicon) -> object:
    """What a compile reads for ``key``: "lemma:<word>", "closed:<word>" or "list:<name>"."""
    what, _, name = key.partition(":")
    if what == "lemma":
        return lexicon.lemma(name)
    if what == "closed":
        return name in lexicon.closed
    return tuple(lists[name]) if name in lists else None


class _Reader:
    """Recursive descent over the elements of one pattern."""

    def __init__(self, pattern: str, lists: Mapping[str, Sequence[str]], lexicon: Lexicon):
        self.text = pattern
        self.pos = 0
        self.lists = lists
        self.lexicon = lexicon
        self.read: dict[str, object] = {}  # see `TokenPattern.read`
        self.slots: list[str] = []
        self._taken: set[str] = set()  # the slots named so far in this alternative
        self.trigger_lemmas: set[str] = set()
        self.lemmas: set[str] = set()
        self.verbs: set[str] = set()
        self.regexes: list[str] = []
        self._notes = 0
        self._in_trigger = 0
        self._anchor: frozenset[str] | None = None
        self.trigger_anchor: frozenset[str] | None = None
        self._triggers = 0  # the trigger slots read so far (one per alternative)
        self._required: list[frozenset[str]] = []
        self.required: tuple[frozenset[str], ...] = ()
        # Of the element (or sequence, or group) just read: sets of lemmas of which each
        # of its matches holds one each; none when it may match without words.
        self.clauses: tuple[frozenset[str], ...] = ()
        # Of the same: the lemmas one of which the first token of each match has.
        self.leading: frozenset[str] | None = None
        # Of the same: the lemmas one of which the second token of each match has.
        self.second: frozenset[str] | None = None
        # Of the same: pairs of lemmas one of which each match holds as two tokens one
        # after the other, and the lemmas one of which its last token has.
        self.pairs: frozenset[tuple[str, str]] | None = None
        self.trailing: frozenset[str] | None = None
        # Of the same: /regex/ elements (confined) one of which a token of each match
        # fully matches.
        self.shapes: frozenset[str] | None = None
        # Whether the element just read always matches exactly one token.
        self.single = False
        # Of the same: strings of the encoding one of which each match holds.
        self.fragments: frozenset[str] | None = None

    def _peek(self) -> regex.Match[str] | None:
        if self.pos >= len(self.text) or not self.text[self.pos :].strip():
            return None
        m = _LEX.match(self.text, self.pos)
        if m is None or m.end() == self.pos:
            raise PatternError(
                f"cannot read {self.text[self.pos :].strip()[:20]!r} at {self.pos}; see the "
                "element table in the rule-set guide"
            )
        return m

    def alternatives(self, top: bool = False) -> str:
        # A slot may stand once in each alternative: "(POSS trigger:offer | trigger:plan)".
        before = set(self._taken)
        taken = set(before)
        branches = [self.sequence()]
        anchors = [self._anchor]
        clauses = [self.clauses]
        leading = [self.leading]
        seconds = [self.second]
        pairs = [self.pairs]
        trailing = [self.trailing]
        shapes = [self.shapes]
        singles = [self.single]
        fragments = [self.fragments]
        required = self._required
        taken |= self._taken
        while (m := self._peek()) is not None and m.group("bar"):
            self.pos = m.end()
            self._taken = set(before)
            branches.append(self.sequence())
            anchors.append(self._anchor)
            clauses.append(self.clauses)
            leading.append(self.leading)
            seconds.append(self.second)
            pairs.append(self.pairs)
            trailing.append(self.trailing)
            shapes.append(self.shapes)
            singles.append(self.single)
            fragments.append(self.fragments)
            taken |= self._taken
        self._taken = taken
        self.clauses = _either(clauses, self._rarity)
        self.leading = (
            None
            if any(first is None for first in leading)
            else frozenset().union(*(first for first in leading if first is not None))
        )
        self.fragments = _union(fragments)
        if len(branches) > 1:  # else the one branch's, as they are
            self.pairs = _union(pairs)
            self.trailing = _union(trailing)
            self.shapes = _union(shapes)
        # A group of one-token alternatives takes one token.
        self.single = all(singles)
        self.second = (
            None
            if any(second is None for second in seconds)
            else frozenset().union(*(second for second in seconds if second is not None))
        )
        if top:
            # What every match of the whole pattern holds: a lemma of each set.
            self.required = tuple(required) if len(branches) == 1 else ()
        # Every match holds a lemma of each branch's anchor: of their union.
        self._anchor = (
            None
            if any(a is None for a in anchors)
            else frozenset().union(*(a for a in anchors if a is not None))
        )
        if not top and ((m := self._peek()) is None or not m.group("close")):
            raise PatternError(f"a group opened before {self.pos} is not closed with ')'")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    def sequence(self) -> str:
        parts: list[str] = []
        required: list[frozenset[str]] = []
        clauses: list[frozenset[str]] = []
        leading: frozenset[str] | None = None
        second: frozenset[str] | None = None
        single = False
        fragments: list[frozenset[str]] = []
        pairs: list[frozenset[tuple[str, str]]] = []
        # Words that end one element and start the next, made into pairs only if fewest.
        meeting: list[tuple[frozenset[str], frozenset[str]]] = []
        shapes: list[frozenset[str]] = []
        trailing: frozenset[str] | None = None  # of the element before
        while (m := self._peek()) is not None and not (m.group("bar") or m.group("close")):
            parts.append(self.element())
            if self.pairs is not None:
                pairs.append(self.pairs)
            if self.shapes is not None:
                shapes.append(self.shapes)
            # The last word of the element before, then this one's first word.
            ahead = self.leading
            if trailing is not None and ahead is not None and len(trailing) * len(ahead) <= _MOST:
                meeting.append((trailing, ahead))
            trailing = self.trailing
            if self._anchor is not None:
                required.append(self._anchor)
            if self.fragments is not None:
                fragments.append(self.fragments)
            clauses.extend(self.clauses)
            if len(parts) == 1:
                # A group's second words are the sequence's: '("we" "all") x'.
                leading, single, second = self.leading, self.single, self.second
            elif len(parts) == 2 and single:
                second = self.leading
        if not parts:
            raise PatternError(f"an empty alternative at {self.pos}")
        # Every match holds a lemma of each required element: look for the rarest, taking
        # a closed-class word ("to", "by", "be") as a thousand others.
        self._anchor = min(required, key=self._cost) if required else None
        self._required = required
        self.clauses = tuple(dict.fromkeys(clauses))
        self.leading = leading
        self.second = second
        # Any element's pairs will do: the fewest.
        self.pairs = min(pairs, key=len) if pairs else None
        if meeting:
            ends, starts = min(meeting, key=lambda m: len(m[0]) * len(m[1]))
            if self.pairs is None or len(ends) * len(starts) < len(self.pairs):
                self.pairs = frozenset(product(ends, starts))
        self.shapes = min(shapes, key=len) if shapes else None
        self.trailing = trailing
        self.single = len(parts) == 1 and single
        # The most telling element's strings: the longest shortest one, then the fewest.
        self.fragments = (
            max(fragments, key=lambda f: (min(map(len, f)), -len(f))) if fragments else None
        )
        return "".join(parts)

    def element(self) -> str:
        m = self._peek()
        assert m is not None
        slot = m.group("slot")
        if slot is not None:
            if slot not in SLOTS:
                raise PatternError(f"unknown slot {slot!r}; slots are {', '.join(SLOTS)}")
            if slot in self._taken:
                raise PatternError(f"slot {slot!r} is named twice")
            self._taken.add(slot)
            if slot not in self.slots:
                self.slots.append(slot)
            self.pos = m.end()
            if slot == "trigger":
                self._in_trigger += 1
            atom, lexical = self.atom()
            if slot == "trigger":
                self._in_trigger -= 1
                if not lexical:
                    raise PatternError(
                        "the trigger must name its words (lemmas, a {list} or VG[...]), so "
                        "that the rule runs only where they occur"
                    )
            quantified = self.quantified(atom, m)
            if slot == "trigger":
                # A trigger in several alternatives: a lemma of one of them is in each match.
                if self._triggers and (self.trigger_anchor is None or self._anchor is None):
                    self.trigger_anchor = None
                elif self._anchor is not None:
                    self.trigger_anchor = (self.trigger_anchor or frozenset()) | self._anchor
                self._triggers += 1
            return f"(?P<{slot}>{quantified})"
        atom, _ = self.atom()
        return self.quantified(atom, m)

    def quantified(self, atom: str, start: regex.Match[str]) -> str:
        m = self._peek()
        if m is None or not m.group("quant"):
            return atom
        self.pos = m.end()
        quant = m.group("quant")
        self.single = False
        self.second = None
        if quant in ("?", "*") or quant.startswith(("{,", "{0")):
            self._forget()  # it may match nothing
        if atom == _ANY_UNIT and (quant in ("*", "+") or regex.fullmatch(r"\{\d*,\}", quant)):
            raise PatternError(
                f"'_{quant}' at {start.start()} is unbounded: it may try every token after "
                "every token; bound it, as in '_{0,6}'"
            )
        return f"(?:{atom}){quant}"

    def _forget(self) -> None:
        """Drop what is known of every match of the element just read (its anchor lemmas,
        clauses, leading and trailing units, fragments, pairs and shapes)."""
        self._anchor = None
        self.clauses = ()
        self.leading = None
        self.fragments = None
        self.pairs = None
        self.trailing = None
        self.shapes = None

    def atom(self) -> tuple[str, bool]:
        """The regex of one element, and whether it names its words."""
        m = self._peek()
        if m is None:
            raise PatternError("the pattern ends where an element was expected")
        self.pos = m.end()
        self._forget()
        self.second = None
        self.single = False
        if m.group("open"):
            named = self._notes
            body = self.alternatives()
            close = self._peek()
            assert close is not None
            self.pos = close.end()
            return f"(?:{body})", self._notes > named
        if m.group("exact"):
            listed = regex.fullmatch(r"\{([A-Za-z_]\w*)\}", m.group("exact"))
            if listed:  # "{list}": the list's entries as written, not their lemmas
                return self._form_sequence(self._list(listed.group(1))), True
            return self._form_sequence([m.group("exact")]), True
        if m.group("re"):
            try:
                regex.compile(m.group("re"))
            except regex.error as exc:
                raise PatternError(f"/{m.group('re')}/ is not a regex: {exc}") from None
            self.regexes.append(m.group("re"))
            self.single = True
            prefix = _literal_prefix(m.group("re"))
            self.fragments = frozenset({SEP + prefix}) if prefix else None
            self.shapes = frozenset({_confined(m.group("re"))})
            return _lower_unit(f"(?:{_confined(m.group('re'))})"), False
        if m.group("list"):
            return self._lemma_sequence(self._list(m.group("list"))), True
        if m.group("phrase"):
            return self._phrase(m.group("phrase"), m.group("heads"))
        if m.group("tag"):
            name = m.group("tag")
            if name not in TAG_NAMES:
                raise PatternError(
                    f"unknown element {name!r}; tags are {', '.join(TAG_NAMES)}, phrases NP, VG"
                )
            tags = regex.escape(TAG_NAMES[name])
            self.single = True
            if m.group("lemmas") is None:
                return rf".[{tags}][^ ]* ", False
            # "NOUN[bill]": a token of that tag and one of these lemmas ("the bill", not
            # "Bill Clinton").
            words = self._heads(m.group("lemmas"))
            lemmas = sorted({self._lemma(w.lower()) for w in words if " " not in w})
            if not lemmas:
                raise PatternError(f"{name}[...] names no one-word lemma")
            for lemma in lemmas:
                self._note(lemma)
            self._anchor = frozenset(lemmas)
            self.clauses = (self._anchor,)
            self.leading = self.trailing = self._anchor
            self.fragments = frozenset(lemma + SEP for lemma in lemmas)
            alt = "|".join(map(_escape, lemmas))
            return rf".[{tags}](?:{alt}){SEP}[^ ]* ", True
        if m.group("any"):
            self.single = True
            return _ANY_UNIT, False
        if m.group("words"):
            return self._lemma_sequence(m.group("words").split("|")), True
        raise PatternError(f"cannot read {m.group()!r}")  # pragma: no cover - _LEX covers all

    def _cost(self, lemmas: frozenset[str]) -> int:
        return sum(map(self._rarity, lemmas))

    def _rarity(self, lemma: str) -> int:
        """A closed-class word ("to", "by", "be") counts as a thousand others."""
        return 1000 if self._closed(lemma) else 1

    def _closed(self, word: str) -> bool:
        closed = self.read[f"closed:{word}"] = word in self.lexicon.closed
        return closed

    def _lemma(self, word: str) -> str:
        lemma = self.read[f"lemma:{word}"] = self.lexicon.lemma(word)
        return lemma

    def _list(self, name: str) -> Sequence[str]:
        self.read[f"list:{name}"] = _read(f"list:{name}", self.lists, self.lexicon)
        if name not in self.lists:
            close = difflib.get_close_matches(name, sorted(self.lists), n=1)
            hint = f"did you mean {{{close[0]}}}? " if close else ""
            raise PatternError(f"unknown list {{{name}}}; {hint}define it under [lists]")
        return self.lists[name]

    def _note(self, lemma: str) -> None:
        self._notes += 1  # a group that notes a word names its words
        self.lemmas.add(lemma)
        if self._in_trigger:
            self.trigger_lemmas.add(lemma)

    def _form_sequence(self, entries: Sequence[str]) -> str:
        """Entries of one or more words, each word matched by its exact lower form."""
        branches: list[list[str]] = []
        firsts: set[str] = set()
        fronts: set[str] = set()
        held: list[list[str]] = []
        for entry in sorted(set(entries), key=lambda e: (-len(e.split()), e)):
            words = entry.lower().split()
            if not words:
                continue
            fronts.add(f"{SEP}{words[0]} ")
            firsts.add(self._lemma(words[0]))
            self._note(self._lemma(words[0]))
            # A token of that form has that form's lemma.
            held.append([self._lemma(w) for w in words])
            branches.append(list(map(_escape, words)))
        if not branches:
            raise PatternError("an empty word list")
        self._anchor = self.leading = frozenset(firsts)
        self.pairs, self.trailing = _pairs_held(held)
        self.clauses = _words_held(held, self._rarity)
        self.single = all(len(words) == 1 for words in held)
        self.fragments = frozenset(fronts)
        return _entries(branches, _lower_unit)

    def _lemma_sequence(self, entries: Sequence[str]) -> str:
        """Entries of one or more words, each word matched by its lemma."""
        branches: list[list[str]] = []
        firsts: set[str] = set()
        held: list[list[str]] = []
        for entry in sorted(set(entries), key=lambda e: (-len(e.split()), e)):
            words = [self._lemma(w) for w in entry.lower().split()]
            if not words:
                continue
            firsts.add(words[0])
            self._note(words[0])
            held.append(words)
            branches.append(list(map(_escape, words)))
        if not branches:
            raise PatternError("an empty word list")
        self._anchor = self.leading = frozenset(firsts)
        self.pairs, self.trailing = _pairs_held(held)
        self.clauses = _words_held(held, self._rarity)
        self.single = all(len(words) == 1 for words in held)
        self.fragments = frozenset(first + SEP for first in firsts)
        return _entries(branches, _lemma_unit)

    def _heads(self, heads: str) -> list[str]:
        """The words of ``[a|b|{list}]`` after a phrase or a tag."""
        names: list[str] = []
        for item in heads.split("|"):
            item = item.strip()
            if item.startswith("{") and item.endswith("}"):
                names.extend(self._list(item[1:-1]))
            elif item:
                names.append(item)
        return names

    def _phrase(self, kind: str, heads: str | None) -> tuple[str, bool]:
        begin, inside = ("N", "n") if kind == "NP" else ("V", "v")
        if heads is None:
            tail = "(?:a[^ ]* )*" if kind == "NP" else ""
            return f"{begin}[^ ]* (?:{inside}[^ ]* )*{tail}", False
        names = self._heads(heads)
        # A verb group's head may take particles after it: "turn down" is the group
        # "turned" and then "down". A noun phrase's head is one word.
        phrases: dict[str, list[list[str]]] = {}
        for name in names:
            words = [self._lemma(w) for w in name.lower().split()]
            if words and (kind == "VG" or len(words) == 1):
                phrases.setdefault(words[0], []).append(words[1:])
        if not phrases:
            raise PatternError(f"{kind}[...] names no one-word head lemma")
        for lemma in phrases:
            self._note(lemma)
        self._anchor = frozenset(phrases)
        self.fragments = frozenset(head + SEP for head in phrases)
        held = [[h, *tail] for h, tails in phrases.items() for tail in tails]
        self.clauses = _words_held(held, self._rarity)
        if kind == "VG":
            self.verbs.update(phrases)
            # The head is the group's last token, its particles the tokens after it (a
            # noun phrase's attachment may follow its head).
            self.pairs, self.trailing = _pairs_held(held)
        single = sorted(h for h, tails in phrases.items() if [] in tails)
        branches: list[str] = []
        for h, tails in sorted(phrases.items()):
            for particles in sorted((t for t in tails if t), key=len, reverse=True):
                rest = "".join(_lemma_unit(_escape(w)) for w in particles)
                branches.append(f".(?:{_escape(h)}){SEP}[^ ]* (?!v){rest}")
        if single:
            alt = "|".join(map(_escape, single))
            branches.append(f".(?:{alt}){SEP}[^ ]* " + ("(?!n)" if kind == "NP" else "(?!v)"))
        head = _alternation(branches)
        if kind == "NP":
            return f"(?:N[^ ]* (?:n[^ ]* )*n|N){head}(?:a[^ ]* )*", True
        return f"(?:V[^ ]* (?:v[^ ]* )*v|V){head}", True


def _words_held(
    branches: Sequence[Sequence[str]], cost: Callable[[str], int]
) -> tuple[frozenset[str], ...]:
    """Sets of lemmas of which every match of one of ``branches`` holds one each, when
    each branch is a run of words (lemmas) that a match holds all of.

    Any choice of one word from each branch is such a set: each branch's rarest word
    (the last of the cheapest), then the first words, the second (or a shorter
    branch's last), and so on.
    """
    if not branches or not all(branches):
        return ()
    rarest = frozenset(min(reversed(b), key=cost) for b in branches)
    longest = max(len(b) for b in branches)
    positional = (frozenset(b[min(k, len(b) - 1)] for b in branches) for k in range(longest))
    return tuple(dict.fromkeys((rarest, *positional)))


def _pairs_held(
    branches: Sequence[Sequence[str]],
) -> tuple[frozenset[tuple[str, str]] | None, frozenset[str]]:
    """Of one of ``branches`` (runs of words, lemmas, that stand one after the other in
    every match): pairs one of which each match holds (each branch's first two words;
    None when a branch is one word), and the words one of which its last token has."""
    last = frozenset(b[-1] for b in branches)
    if not all(len(b) > 1 for b in branches):
        return None, last
    return frozenset((b[0], b[1]) for b in branches), last


def _either(
    branches: Sequence[tuple[frozenset[str], ...]], cost: Callable[[str], int]
) -> tuple[frozenset[str], ...]:
    """Sets of lemmas of which every match of one of ``branches`` holds one each, from
    the sets each branch's matches hold: any union of one set of each branch. The
    first is of each branch's cheapest set, the others of their sets in order."""
    if not branches or not all(branches):
        return ()
    if len(branches) == 1:
        return branches[0]
    cheapest = frozenset().union(*(min(b, key=lambda c: sum(map(cost, c))) for b in branches))
    longest = max(len(b) for b in branches)
    positional = (
        frozenset().union(*(b[min(k, len(b) - 1)] for b in branches)) for k in range(longest)
    )
    return tuple(dict.fromkeys((cheapest, *positional)))


_T = TypeVar("_T", frozenset[str], frozenset[tuple[str, str]])


def _union(branches: Sequence[_T | None]) -> _T | None:
    """The strings one of which every match of one of ``branches`` holds: their union,
    unknown when a branch's are (or pairs of words, or words)."""
    known = [b for b in branches if b is not None]
    if len(known) != len(branches):
        return None
    return cast(_T, frozenset().union(*known))


# A flag ("(?i)") or a named group in a /regex/ element, which reaches past it.
_FLAGGED = regex.compile(r"\(\?(?![:=!]|<[=!])")
# A /regex/ element's leading letters, each neither optional nor repeated: "hostage"
# of "hostages?", "dialog" of "dialog(?:ue)?"; none where it may hold an alternation
# or a flag outside its groups (see `_literal_prefix`).
_LITERAL = regex.compile(r"[\p{Ll}\p{N}'_-]+(?![?*{])")


def _literal_prefix(pattern: str) -> str:
    """The letters every match of the /regex/ element ``pattern`` starts with ("" when
    it is not plain enough to tell: a "|" outside its groups, a flag, an escape first)."""
    depth = 0
    escaped = in_class = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return ""
    if "(?" in pattern and _FLAGGED.search(pattern):
        return ""  # a flag ("(?i)") or a named group: not worth reading
    m = _LITERAL.match(pattern)
    if m is None:
        return ""
    # A letter before "+" is there once at least: "a+" starts with "a".
    return m.group()


def _entries(entries: Sequence[Sequence[str]], unit: Callable[[str], str]) -> str:
    """Word-list entries (their escaped words, several-word entries first) as one
    alternation of their units: the one-word entries as one unit with an alternation
    of the words inside. A unit matches one of those words in one way only, so this
    matches as the alternation of their units would, and is shorter to compile."""
    branches = ["".join(map(unit, words)) for words in entries if len(words) > 1]
    singles = [words[0] for words in entries if len(words) == 1]
    if singles:
        branches.append(unit("|".join(dict.fromkeys(singles))))
    return _alternation(branches)


def _alternation(branches: Sequence[str]) -> str:
    """The branches as one regex alternation, each once: word lists often give the same
    branch twice ("balks at", "balked at" are both "balk at"), which only costs time."""
    unique = list(dict.fromkeys(branches))
    return unique[0] if len(unique) == 1 else "(?:" + "|".join(unique) + ")"


def _confined(pattern: str) -> str:
    """A /regex/ element rewritten so that it cannot run past its token's lower form.

    Units are separated by spaces, so every construct that could match a space is
    narrowed: ``.`` becomes ``[^ ]``, a negated class ``[^...]`` excludes the space,
    ``\\W`` and ``\\D`` become classes without it; ``\\s`` and a literal space,
    which can only match between tokens, are refused.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt in "sh" or (nxt == "p" and pattern[i + 2 : i + 4] in ("{Z", "{W")):
                raise PatternError(f"/{pattern}/ would match the space between tokens")
            if not in_class and nxt in "WD":
                out.append(r"[^\w ]" if nxt == "W" else r"[^\d ]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == " ":
            raise PatternError(f"/{pattern}/ holds a space: a /regex/ element is one token")
        if in_class:
            in_class = ch != "]"
            out.append(ch)
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                out.append("[^ ")
                i += 2
                continue
            out.append(ch)
        elif ch == ".":
            out.append("[^ ]")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _escape(word: str) -> str:
    """``regex.escape(word)``: a word of letters and digits as it is (the common case,
    which `regex.escape`, written in Python, takes a while to give back)."""
    return word if word.isalnum() else regex.escape(word)


def _lemma_unit(lemma: str) -> str:
    return f"..(?:{lemma}){SEP}[^ ]* "


def _lower_unit(lower: str) -> str:
    return f"..[^{SEP} ]*{SEP}(?:{lower}) "


@frozen
class Encoded:
    """One sentence as the string token patterns run over, and the map back to tokens.

    ``unit_starts`` is where each unit starts in ``string``; ``char_starts`` where its
    word (or word part) starts in the text.
    """

    string: str
    unit_starts: tuple[int, ...]
    first: int
    char_starts: tuple[int, ...] = ()

    def token_at(self, pos: int) -> int:
        """The token number of the unit that starts at (or holds) ``pos``.

        Only for an encoding of whole tokens (``encode`` without ``lexicon``)."""
        return self.first + bisect_right(self.unit_starts, pos) - 1

    def between(self, start: int, end: int) -> tuple[int, int]:
        """Where the units of the words between text offsets ``start`` and ``end`` are
        in ``string`` (``pos`` and ``endpos`` for a search)."""
        size = len(self.string)
        lo, hi = bisect_left(self.char_starts, start), bisect_left(self.char_starts, end)
        return (
            self.unit_starts[lo] if lo < len(self.unit_starts) else size,
            self.unit_starts[hi] if hi < len(self.unit_starts) else size,
        )


def encode(tokens: Tokens, chunks: Chunks, lexicon: Lexicon | None = None) -> Encoded:
    """The units of one chunked sentence: label, tag, lemma, separator, lower form.

    With ``lexicon``, a hyphenated word is its parts, each lemmatised ("US-brokered"
    is "us" and "brokered", as a regex's word edges made it): what topics are
    searched in.
    """
    first, stop = chunks.first, chunks.last + 1
    lowers, lemmas = tokens.lowers[first:stop], tokens.lemmas[first:stop]
    heads = map("".join, zip(chunks.labels, chunks.tags, strict=True))
    if lexicon is None or not any("-" in lower.strip("-") for lower in lowers):
        units = [
            f"{head}{lemma}{SEP}{lower} "
            for head, lemma, lower in zip(heads, lemmas, lowers, strict=True)
        ]
        chars = tuple(tokens.starts[first:stop])
    else:
        units, where = [], []
        for head, lemma, lower, start in zip(
            heads, lemmas, lowers, tokens.starts[first:stop], strict=True
        ):
            if "-" in lower.strip("-"):
                for part, offset in _parts(lower):
                    units.append(f"{head}{lexicon.lemma(part)}{SEP}{part} ")
                    where.append(start + offset)
            else:
                units.append(f"{head}{lemma}{SEP}{lower} ")
                where.append(start)
        chars = tuple(where)
    # Each unit starts where the ones before it end.
    starts = tuple(accumulate(map(len, units), initial=0))[:-1]
    return Encoded("".join(units), starts, first, chars)


def _parts(word: str) -> list[tuple[str, int]]:
    """The parts of a hyphenated word with their offsets: "us-brokered" -> us, brokered."""
    out, offset = [], 0
    for part in word.split("-"):
        if part:
            out.append((part, offset))
        offset += len(part) + 1
    return out


def token_spans(
    encoded: Encoded, match: regex.Match[str], slots: Sequence[str]
) -> dict[str, tuple[int, int]]:
    """Each slot that took part in ``match``, as (first token, last token + 1)."""
    spans: dict[str, tuple[int, int]] = {}
    for name in slots:
        s, e = match.span(name)
        if s < 0 or e <= s:
            continue
        spans[name] = (encoded.token_at(s), encoded.token_at(e - 1) + 1)
    return spans


__all__ = [
    "SLOTS",
    "TAG_NAMES",
    "Encoded",
    "PatternError",
    "TokenPattern",
    "compile_token_pattern",
    "encode",
    "recompile",
    "shape_of",
    "token_spans",
]
