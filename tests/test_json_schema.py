"""The shipped JSON Schema validates what `Document.to_dict` writes, and catches breakage.

Validation uses the ``jsonschema`` package (the ``test`` extra): a well-kept
validator of the standard, so that the schema file itself is what is tested.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dipparse
from dipparse.models import SCHEMA
from dipparse.testing import documents

jsonschema = pytest.importorskip("jsonschema")

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_e57a447eb6801cad.txt"


@cache
def validator() -> Any:
    schema = dipparse.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@cache
def parser() -> dipparse.Parser:
    return dipparse.Parser()


def errors(data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator().iter_errors(data)]


def test_schema_ships_in_the_package() -> None:
    source = resources.files("dipparse").joinpath("schema", "document.schema.json")
    schema = json.loads(source.read_text(encoding="utf-8"))
    assert schema == dipparse.json_schema()
    assert schema["title"] == SCHEMA
    assert schema["properties"]["schema"] == {"const": SCHEMA}


@pytest.mark.parametrize("published", ["2025-05-12", None])
@pytest.mark.parametrize("mode", ["full", "hash", "none"])
def test_seed_fits_the_schema(published: str | None, mode: Any) -> None:
    doc = parser().parse(SEED.read_text(encoding="utf-8"), published=published)
    data = json.loads(doc.to_json(text=mode))
    assert data["events"]
    assert errors(data) == []


@settings(max_examples=300)
@given(
    documents(),
    st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))),
    st.sampled_from(["full", "hash", "none"]),
)
def test_generated_documents_fit_the_schema(
    doc_and_statements: Any, published: dt.date | None, mode: Any
) -> None:
    text, _ = doc_and_statements
    data = json.loads(parser().parse(text, published=published).to_json(text=mode))
    assert errors(data) == []


def test_empty_document_fits_the_schema() -> None:
    assert errors(dipparse.Document(text="").to_dict()) == []


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.pop("schema"), "$"),
        (lambda d: d.update(schema="dipparse.document/1"), "$.schema"),
        (lambda d: d.update(published="12/05/2025"), "$.published"),
        (lambda d: d.update(text_sha256="abc"), "$.text_sha256"),
        (lambda d: d["events"][0].pop("rule"), "$.events[0]"),
        (lambda d: d["events"][0].update(negated=0), "$.events[0].negated"),
        (lambda d: d["events"][0].update(date_basis="published"), "$.events[0].date_basis"),
        (lambda d: d["events"][0].update(date_basis="guess"), "$.events[0].date_basis"),
        (lambda d: d["actors"][0].update(country="India"), "$.actors[0].country"),
        (lambda d: d["actors"][0].update(kind="person"), "$.actors[0].kind"),
        (lambda d: d["events"][0]["trigger"].update(span=[5]), "$.events[0].trigger.span"),
        (lambda d: d["sentences"].append([0, -1]), "$.sentences"),
    ],
)
def test_schema_catches_broken_documents(
    mutate: Callable[[dict[str, Any]], object], where: str
) -> None:
    """The schema is not vacuous: each breakage is reported at (or under) its path."""
    doc = parser().parse(SEED.read_text(encoding="utf-8"))
    data = json.loads(doc.to_json())
    mutate(data)
    found = errors(data)
    assert found
    assert any(e.startswith(where) for e in found), found
