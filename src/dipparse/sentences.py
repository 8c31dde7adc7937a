"""Sentence splitting for news text that knows abbreviations, initials and quotes.

Works on normalised text (straight quotes) and returns ``(start, end)`` pairs
in its coordinates. A line break always ends a sentence (headlines carry no
full stop); a full stop ends one unless it closes an abbreviation ("Mr.",
"Gen.", "Jan.", "U.S.") or an initial ("Donald J. Trump"); a quotation that
ends in a comma (``...Kashmir," Trump wrote``) never ends a sentence, nor does
a quoted question followed by its attribution (``"Will you?" Trump asked``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

# Titles and other abbreviations after which a full stop does not end a sentence (with
# abbreviated given names: "Guðni Th. Jóhannesson", "Ma. Theresa Lazaro").
ABBREVIATIONS = frozenset(
    """
    Mr Mrs Ms Mx Dr Prof Gen Lt Col Sgt Capt Cmdr Cdr Adm Maj Brig Gov Sen Rep Rev Hon
    Amb Pres Supt Insp Det Cpl Pvt St Mt Ft Jr Sr Esq No Nos Vol Art Sec Dept Govt
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun
    vs etc approx est Inc Ltd Co Corp Bros Cie Fig pp
    Th Wm Chas Thos Jas Ma
    """.split()
)
# Lower-case words after which a capital letter and a full stop open a name ("said S.
# Jaishankar"), not end a sentence as "wrote on X." does.
_BEFORE_INITIALS = frozenset(
    "said says told tells added asked replied wrote by and with minister secretary".split()
)
# Abbreviations that end a name: a capitalised word after them starts a new sentence.
NAME_SUFFIXES = frozenset({"Jr", "Sr", "Esq"})
# Words that start a new sentence even after a dotted acronym ("... the U.S. The ...").
SENTENCE_STARTERS = frozenset(
    """
    The A An In On At But And However He She It They We I This That These Those Its
    Their His Her Meanwhile Earlier Later Last Officials After Before While When
    """.split()
)

_BOUNDARY = regex.compile(
    r"""
    (?<![ \t])(?P<nl>[ \t]*+(?:\r?\n)+\s*)            # a line break always ends a sentence
    | (?<![.!?])(?P<punct>[.!?]++)(?P<close>["')\]]*+)(?P<space>\s+)
      (?=[\p{Lu}\p{N}"'(\[])                          # next sentence starts like one
    """,
    # The lookbehinds and possessive quantifiers try each run of spaces or stops
    # once, from its start: a text of 100,000 full stops is split in linear time.
    regex.VERBOSE,
)
# The characters a boundary holds: every match of _BOUNDARY has one (see _boundaries).
_BOUNDARY_CHARS = regex.compile(r"[\n.!?]")
_WORD_BEFORE = regex.compile(r"""(?<![\p{L}.])(?P<word>[\p{L}.]+)$""")
_PREVIOUS_WORD = regex.compile(r"(?P<word>[\p{L}.'-]+)\s+$")
_NEXT_WORD = regex.compile(r"[\"'(\[]*(?P<word>\p{L}+)")
# The attribution of a quoted question or exclamation: '"Will you?" Trump asked.'
_ATTRIBUTION = regex.compile(
    r"\p{Lu}[\p{L}.'-]*(?:\s+[\p{L}.'-]+){0,4}?\s+"
    r"(?:said|says|asked|asks|wrote|writes|told|added|replied|exclaimed|shouted|demanded"
    r"|declared|insisted|tweeted|posted|stated)(?![\p{L}])"
)


def _ends_sentence(
    text: str, punct_start: int, punct: str, next_start: int, close: str = ""
) -> bool:
    if punct != ".":
        # '"Will you?" Trump asked.': the quotation belongs to its attribution.
        return '"' not in close or _ATTRIBUTION.match(text, next_start) is None
    before = _WORD_BEFORE.search(text, max(0, punct_start - 40), punct_start)
    if before is None:
        return True
    word = before.group("word")
    if word in NAME_SUFFIXES:
        # "... said Surangel Whipps Jr. Markets were calm.": no name goes on after "Jr.",
        # so a capitalised word after it starts a sentence ("Jr. said" does not).
        following = text[next_start : next_start + 1]
        return not following or following.isupper()  # the text's end ends it too
    if word in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        # An initial follows a name ("Donald J. Trump"); "wrote on X." ends a sentence.
        previous = _PREVIOUS_WORD.search(text, max(0, punct_start - 40), punct_start - 1)
        if previous is None:
            return False
        word_before = previous.group("word")
        if word_before.lower() in _BEFORE_INITIALS:
            return False  # "said S. Jaishankar", "by S. Jaishankar"
        # ... after a lower-case word that does not itself end a sentence.
        return not word_before[:1].isupper() and word_before[-1:] not in ".!?'\""
    if "." in word:  # a dotted acronym: "U.S.", "a.m."
        nxt = _NEXT_WORD.match(text, next_start)
        return nxt is not None and nxt.group("word") in SENTENCE_STARTERS
    return True


def full_stop_ends_sentence(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends a sentence ("Mr.", "J." and "U.S. Congress" do not)."""
    next_start = dot + 1
    while next_start < len(text) and text[next_start].isspace():
        next_start += 1
    return _ends_sentence(text, dot, ".", next_start)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split normalised ``text`` into sentences, as ``(start, end)`` offsets.

    Sentences are trimmed of surrounding white space; empty ones are dropped.
    """
    return list(iter_sentences(text))


def _boundaries(text: str) -> Iterator[regex.Match[str]]:
    """``_BOUNDARY.finditer(text)``, the pattern tried only where a match can start.

    A match starts at a run of full stops, "!" and "?" (its first character), or at
    the spaces and tabs before a line break (and its "\r"): found from the line
    breaks and stops, which a plain pattern finds far faster than _BOUNDARY is tried
    at every position. A match ends where the white space after it ends, so the next
    one starts after that white space: a place inside a match is skipped, as
    ``finditer`` skips it.
    """
    pos = 0
    match = _BOUNDARY.match
    for found in _BOUNDARY_CHARS.finditer(text):
        at = found.start()
        if at < pos:
            continue
        if text[at] == "\n":
            if at > 0 and text[at - 1] == "\r":
                at -= 1
            while at > 0 and text[at - 1] in " \t":
                at -= 1
            if at < pos:
                continue
        m = match(text, at)
        if m is not None:
            yield m
            pos = m.end()


def iter_sentences(text: str) -> Iterator[tuple[int, int]]:
    """The sentences of `split_sentences`, found as they are consumed."""
    start = 0
    for match in _boundaries(text):
        if match.group("nl") is not None:
            end, next_start = match.start(), match.end()
        else:
            end = match.end("close")
            next_start = match.end()
            # A line break always ends a sentence, even after "U.S." or "Jan.".
            if "\n" not in match.group("space") and not _ends_sentence(
                text, match.start("punct"), match.group("punct"), next_start, match.group("close")
            ):
                continue
        yield from _trimmed(text, start, end)
        start = next_start
    yield from _trimmed(text, start, len(text))


# The longest stretch (characters) that rules read at once; a longer sentence
# (OCR, transcripts, tables without punctuation) is read in windows.
WINDOW = 2000
_CLAUSE_EDGE = regex.compile(r"[;,:]\s|\s(?:and|but|or|while|whereas)\s|\s-\s")


def windows(
    text: str, sentences: list[tuple[int, int]], limit: int = WINDOW
) -> list[tuple[int, int]]:
    """The sentences, each longer than ``limit`` cut into windows at clause edges.

    A window ends after the last clause edge (a comma, ";", "and", "but" ...) in
    its second half, else at the last space, else at ``limit``: every rule then
    reads at most ``limit`` characters at a time, however long the sentence.
    """
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        while end - start > limit:
            cut = start + limit
            edges = list(_CLAUSE_EDGE.finditer(text, start + limit // 2, cut))
            if edges:
                cut = edges[-1].start() + 1
            else:
                space = text.rfind(" ", start + limit // 2, cut)
                cut = space if space > start else cut
            out.extend(_trimmed(text, start, cut))
            start = cut
        out.extend(_trimmed(text, start, end))
    return out


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)
