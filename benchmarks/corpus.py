"""A generator of realistic English news text of any size, for benchmarks.

Articles are built from varied sentence templates, about a third of them
diplomatic (offers, acceptances, rejections, demands, quotations, dates), the
rest the background of a news report (economy, fighting, weather, analysts,
figures), plus the seed article of the repository every tenth article. The
output is deterministic for a given seed and size.

    python benchmarks/corpus.py 1000000 > corpus.txt
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "000_e57a447eb6801cad.txt"

STATES = [
    ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("China", "Chinese", "Beijing"),
    ("Russia", "Russian", "Moscow"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("the United States", "American", "Washington"),
    ("Iran", "Iranian", "Tehran"),
    ("Israel", "Israeli", "Jerusalem"),
    ("Turkey", "Turkish", "Ankara"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Qatar", "Qatari", "Doha"),
    ("Saudi Arabia", "Saudi", "Riyadh"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Japan", "Japanese", "Tokyo"),
    ("South Korea", "South Korean", "Seoul"),
    ("North Korea", "North Korean", "Pyongyang"),
    ("Venezuela", "Venezuelan", "Caracas"),
    ("Guyana", "Guyanese", "Georgetown"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Sudan", "Sudanese", "Khartoum"),
    ("Armenia", "Armenian", "Yerevan"),
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Norway", "Norwegian", "Oslo"),
]
LEADERS = [
    ("President", "Donald Trump"),
    ("Prime Minister", "Narendra Modi"),
    ("Prime Minister", "Shehbaz Sharif"),
    ("President", "Xi Jinping"),
    ("President", "Vladimir Putin"),
    ("President", "Volodymyr Zelensky"),
    ("President", "Emmanuel Macron"),
    ("President", "Recep Tayyip Erdogan"),
    ("Foreign Minister", "Sergei Lavrov"),
    ("Secretary of State", "Marco Rubio"),
    ("Chancellor", "Friedrich Merz"),
    ("President", "Luiz Inacio Lula da Silva"),
]
UNKNOWN_PEOPLE = [
    "Maria Okonkwo",
    "Daniel Ferreira",
    "Aiko Tanabe",
    "Samir Haddad",
    "Elena Petrova",
    "James Whitfield",
    "Lars Eriksen",
    "Fatima Zahra",
    "Tomas Novak",
    "Priya Raman",
]
ORGS = ["the United Nations", "the European Union", "the African Union", "NATO", "ASEAN"]
TOPICS = [
    "a ceasefire",
    "peace talks",
    "a prisoner exchange",
    "humanitarian access",
    "a trade agreement",
    "the nuclear programme",
    "border demarcation",
    "sanctions relief",
    "a new round of negotiations",
    "the withdrawal of troops",
    "a maritime boundary deal",
    "grain exports through the Black Sea",
    "the return of refugees",
    "debt restructuring",
]
ACTIONS = [
    "mediate between the two sides",
    "host talks in its capital",
    "send observers",
    "resume dialogue without preconditions",
    "release the detained diplomats",
    "withdraw its forces from the border",
    "halt the strikes immediately",
    "open humanitarian corridors",
    "help rebuild the damaged port",
    "extend the truce",
]
DATES = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday",
    "on Sunday",
    "last week",
    "earlier this month",
    "on April 22",
    "on March 3",
    "in 2019",
    "yesterday",
    "two days ago",
    "on 14 February",
    "late on Friday",
]
COMPANIES = ["Tata Steel", "Siemens", "Petrobras", "Samsung", "Aramco", "Gazprom", "Toyota"]
ADJECTIVES = ["unacceptable", "premature", "one-sided", "unrealistic", "a provocation"]

DIPLOMATIC = [
    "{S} offered to {ACT} {D}.",
    "{S2} has firmly rejected {S}'s proposal for {T}, calling it {ADJ}.",
    "{TITLE} {L} rejected calls for {T} and said the matter was closed.",
    "{DEM} Foreign Minister {P} said {Sx} was ready to discuss {T} with {S2}.",
    '"We are ready to {ACT}," {DEM} Foreign Minister {P} told reporters in {C}.',
    '"There is nothing else to talk about," a senior {DEM} government official said.',
    "{S} demanded that {S2} {ACT} {D}.",
    "{S} urged {S2} to {ACT}, according to a statement from the foreign ministry.",
    "{O} called for {T} and urged both sides to show restraint.",
    "{S} welcomed the offer by {S2} to {ACT}.",
    "{S} has agreed to resume talks with {S2} on {T}, officials said {D}.",
    "{TITLE} {L} accepted an invitation to visit {C} later this year.",
    "{S} did not rule out {T} but said any deal would depend on {S2}.",
    "{S} may accept the proposal if {S2} agrees to {ACT}, a diplomat said.",
    "The {DEM} government refused to {ACT} unless sanctions were lifted.",
    "{S2} dismissed the {DEM} offer of {T} as {ADJ}.",
    "In a statement, {S} said it would never accept {T} imposed from outside.",
    "{TITLE} {L} proposed {T} during a phone call with his {DEM} counterpart {D}.",
]
BACKGROUND = [
    "Trade between the two countries reached ${N} billion in {Y}, according to official figures.",
    "The central bank kept its benchmark rate unchanged at {PCT}.5 percent {D}.",
    "Heavy rain flooded parts of {C} overnight, disrupting traffic and closing schools.",
    "Shares in {CO} rose {PCT} percent after the company reported higher quarterly profits.",
    "The talks, which began in {Y}, are expected to continue next week in {C}.",
    "Analysts said the move reflected growing frustration in {C} over the slow pace of change.",
    "{P}, a professor of international relations in {C}, said the dispute had deep roots.",
    "The ministry did not immediately respond to a request for comment.",
    "More than {N} people have been killed since the fighting began in {Y}.",
    "Officials in {C} said the new highway would cut travel times by half.",
    "The army said its troops had repelled an attack near the border {D}.",
    "Inflation fell to {PCT} percent in the year to March, the statistics office said.",
    "Thousands of people gathered in central {C} to mark the anniversary.",
    "The agreement, signed in {Y}, expires at the end of the year.",
    "Satellite images showed new construction at the site, the report said.",
    "Mr. {LAST} arrived in {C} on an official visit lasting three days.",
    "Exports of rice and wheat have doubled since {Y}, driven by demand in Asia.",
    "The U.S. embassy issued a travel advisory for parts of the region.",
]
HEADLINES = [
    "{S} Rejects {DEMX} Offer on {TT}",
    "{S} Urges Calm as Tensions Rise With {S2}",
    "Markets Slip as {CO} Reports Weak Quarter",
    "{O2} Calls for Talks Over {TT}",
    "Floods Hit {C} After Record Rainfall",
    "{S} and {S2} Agree to Resume Dialogue",
]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _fill(template: str, rng: random.Random) -> str:
    (s, dem, cap), (s2, dem2, _cap2) = rng.sample(STATES, 2)
    title, leader = rng.choice(LEADERS)
    person = rng.choice(UNKNOWN_PEOPLE)
    topic = rng.choice(TOPICS)
    values = {
        "S": s,
        "Sx": s,
        "S2": s2,
        "DEM": dem,
        "DEMX": dem2,
        "C": cap,
        "TITLE": title,
        "L": leader,
        "P": person,
        "LAST": person.split()[-1],
        "O": rng.choice(ORGS),
        "O2": _cap(rng.choice(ORGS).removeprefix("the ")),
        "T": topic,
        "TT": " ".join(w.capitalize() for w in topic.split()[1:]),
        "ACT": rng.choice(ACTIONS),
        "D": rng.choice(DATES),
        "ADJ": rng.choice(ADJECTIVES),
        "CO": rng.choice(COMPANIES),
        "N": str(rng.randint(2, 950)),
        "PCT": str(rng.randint(1, 12)),
        "Y": str(rng.randint(1995, 2024)),
    }
    return _cap(template.format(**values))


def articles(seed: int = 0) -> Iterator[str]:
    """An endless, deterministic stream of news articles (paragraphs on separate lines)."""
    rng = random.Random(seed)
    seed_article = SEED_ARTICLE.read_text(encoding="utf-8").strip()
    count = 0
    while True:
        count += 1
        if count % 10 == 0:
            yield seed_article
            continue
        lines = [_fill(rng.choice(HEADLINES), rng)]
        for _ in range(rng.randint(2, 5)):
            sentences = []
            for _ in range(rng.randint(1, 4)):
                pool = DIPLOMATIC if rng.random() < 0.35 else BACKGROUND
                sentences.append(_fill(rng.choice(pool), rng))
            lines.append(" ".join(sentences))
        yield "\n".join(lines)


def article_list(size: int, seed: int = 0) -> list[str]:
    """Whole articles whose total length (joined by blank lines) first reaches ``size``."""
    out: list[str] = []
    total = 0
    for article in articles(seed):
        out.append(article)
        total += len(article) + 2
        if total >= size:
            break
    return out


def make_text(size: int, seed: int = 0) -> str:
    """News text of about ``size`` characters (at most; the last article cut at a sentence end)."""
    text = "\n\n".join(article_list(size, seed))
    if len(text) <= size:
        return text
    cut = text.rfind(". ", 0, size)
    return text[: cut + 1] if cut > 0 else text[:size]


def main(argv: list[str]) -> int:
    """Write ``argv[0]`` characters of news text to standard output."""
    size = int(argv[0]) if argv else 100_000
    sys.stdout.write(make_text(size) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
