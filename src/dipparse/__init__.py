"""dipparse: diplomatic offers, acceptances, rejections and demands in English news text.

>>> import dipparse
>>> doc = dipparse.parse("China rejected the US proposal on Monday.", published="2025-03-12")
>>> [(e.type, e.actor.name, e.date and e.date.isoformat()) for e in doc.events]
[('rejection', 'China', '2025-03-10'), ('offer', 'United States', None)]

What the library reports goes to the ``"dipparse"`` logger (`logging`), which
has only a `logging.NullHandler` until the application configures logging.
"""

import logging

from dipparse._version import __version__
from dipparse.evaluation import GoldFormatError, Report, evaluate, read_gold
from dipparse.export import to_dataframe, to_records
from dipparse.models import (
    RESOLUTIONS,
    Acceptance,
    Actor,
    Demand,
    Document,
    Event,
    EventGroup,
    Offer,
    ParseWarning,
    Quote,
    Rejection,
    Span,
)
from dipparse.parser import ParseFailure, Parser, parse
from dipparse.rules import (
    ActorEntry,
    DatedRole,
    Rule,
    RuleSet,
    RuleSetError,
    RuleSetWarning,
    available,
    get_ruleset,
    load_resource,
    load_ruleset,
    ruleset_from_string,
)
from dipparse.serialization import DocumentFormatError, json_schema, load_jsonl

__all__ = [
    "RESOLUTIONS",
    "Acceptance",
    "Actor",
    "ActorEntry",
    "DatedRole",
    "Demand",
    "Document",
    "DocumentFormatError",
    "Event",
    "EventGroup",
    "GoldFormatError",
    "Offer",
    "ParseFailure",
    "ParseWarning",
    "Parser",
    "Quote",
    "Rejection",
    "Report",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "RuleSetWarning",
    "Span",
    "__version__",
    "available",
    "evaluate",
    "get_ruleset",
    "json_schema",
    "load_jsonl",
    "load_resource",
    "load_ruleset",
    "parse",
    "read_gold",
    "ruleset_from_string",
    "to_dataframe",
    "to_records",
]

logging.getLogger("dipparse").addHandler(logging.NullHandler())
