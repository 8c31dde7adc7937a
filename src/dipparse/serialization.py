"""Documents back from their JSON form: `Document.from_dict`, `load_jsonl`, the JSON Schema.

`document_from_dict` reads what `Document.to_dict` wrote, in the
``dipparse.document/3`` schema or an older one (``/2``, ``/1``), and rebuilds an equal
`Document`. It checks as it reads: a missing key, a value of the wrong type,
an offset pair outside the text or a span whose text is not the slice it names
is a `DocumentFormatError` that names the key path (``$.events[2].trigger.span``).

Reading ``/2``: its actors have no antecedent or resolution rule and its
events no source, as if nothing had been resolved or reported.

Reading ``/1``: that schema does not carry the text, so it must be passed as
``text=``; each date gets the basis the current parser would give it, and a
relative date of a document without a publication date is dropped (``/1``
counted it from the clock of the machine that parsed it, which is no day the
text names). What the migration changed is logged on the ``"dipparse"`` logger.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from typing import IO, Any

from dipparse.dates import DATE_BASES, basis_of, is_absolute
from dipparse.models import (
    ACTOR_KINDS,
    EVENT_CLASSES,
    SCHEMA,
    SCHEMAS,
    WARNING_CODES,
    Actor,
    Document,
    Event,
    EventGroup,
    ParseWarning,
    Quote,
    Span,
    _utf8,
)

logger = logging.getLogger("dipparse")

_MISSING = object()


class DocumentFormatError(ValueError):
    """Data that is not a document `Document.to_dict` could have written.

    ``path`` is where the problem is (``$`` the document, ``$.events[0].date``
    a key inside it), ``problem`` what it is; `load_jsonl` adds ``line``.
    """

    def __init__(self, path: str, problem: str, *, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"line {line}: {path}" if line is not None else path
        super().__init__(f"{where}: {problem}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``dipparse.document/3``, shipped in the package."""
    source = resources.files("dipparse").joinpath("schema", "document.schema.json")
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return data


def document_from_dict(
    data: object,
    *,
    text: str | None = None,
    event_classes: Mapping[str, type[Event]] | None = None,
) -> Document:
    """The `Document` ``data`` describes (see `Document.from_dict`)."""
    if text is not None and not isinstance(text, str):
        raise TypeError(f"text must be str or None, not {type(text).__name__}")
    return _Reader(text, event_classes or {}).document(data)


def load_jsonl(
    source: str | os.PathLike[str] | IO[str],
    *,
    event_classes: Mapping[str, type[Event]] | None = None,
) -> Iterator[Document]:
    """The documents of a JSON-lines file, one per non-blank line, read lazily.

    ``source`` is a path or an open text file. A line is a document as
    `Document.to_dict` writes it, or a record ``{"id": ..., "document": {...}}``
    as `dipparse.distributed` writes them. Each document must carry its text
    (written with ``text="full"``, the default); for the others use
    `Document.from_dict` with ``text=``. A bad line raises `DocumentFormatError`
    with its line number and key path.
    """
    if isinstance(source, str | os.PathLike):
        with open(source, encoding="utf-8") as handle:
            yield from _load_lines(handle, event_classes)
    else:
        yield from _load_lines(source, event_classes)


def _load_lines(
    lines: IO[str], event_classes: Mapping[str, type[Event]] | None
) -> Iterator[Document]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise DocumentFormatError("$", f"not JSON: {exc}", line=number) from None
        if isinstance(data, dict) and "schema" not in data and "document" in data:
            if not isinstance(data["document"], dict):
                raise DocumentFormatError("$.document", "is not an object", line=number)
            data = data["document"]
        try:
            yield document_from_dict(data, event_classes=event_classes)
        except DocumentFormatError as exc:
            raise DocumentFormatError(exc.path, exc.problem, line=number) from None


def _type(value: object) -> str:
    return "null" if value is None else type(value).__name__


class _Reader:
    """One document's reading: its text, its schema version, and the checks."""

    def __init__(self, text: str | None, event_classes: Mapping[str, type[Event]]) -> None:
        self.given = text
        self.text = ""
        self.version = SCHEMA
        self.classes = {**EVENT_CLASSES, **event_classes}

    @property
    def level(self) -> int:
        """The schema's number: 1 for dipparse.document/1, 2 for /2, ..."""
        return SCHEMAS.index(self.version) + 1

    # -- plain values --------------------------------------------------------------

    def obj(self, value: object, path: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise DocumentFormatError(path, f"must be an object, not {_type(value)}")
        return value

    def get(self, data: Mapping[str, Any], key: str, path: str, default: object = _MISSING) -> Any:
        if key in data:
            return data[key]
        if default is not _MISSING:
            return default
        raise DocumentFormatError(path, f"missing key {key!r}")

    def string(self, value: object, path: str, *, null: bool = False) -> Any:
        if (value is None and null) or isinstance(value, str):
            return value
        want = "a string or null" if null else "a string"
        raise DocumentFormatError(path, f"must be {want}, not {_type(value)}")

    def boolean(self, value: object, path: str) -> bool:
        if not isinstance(value, bool):
            raise DocumentFormatError(path, f"must be true or false, not {_type(value)}")
        return value

    def array(self, value: object, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise DocumentFormatError(path, f"must be a list, not {_type(value)}")
        return value

    def date(self, value: object, path: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                if len(value) == 10:
                    return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise DocumentFormatError(path, f"must be a date YYYY-MM-DD or null, not {value!r}")

    def pair(self, value: object, path: str) -> tuple[int, int]:
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            start, end = value
            if 0 <= start <= end <= len(self.text):
                return start, end
            raise DocumentFormatError(
                path, f"{value!r} is not within the text (0 <= start <= end <= {len(self.text)})"
            )
        raise DocumentFormatError(path, f"must be a [start, end] pair of integers, not {value!r}")

    def slice(self, value: object, path: str) -> Span:
        start, end = self.pair(value, path)
        return Span.of(self.text, start, end)

    def span(self, value: object, path: str, *, null: bool = False) -> Any:
        if value is None and null:
            return None
        data = self.obj(value, path)
        words = self.string(self.get(data, "text", path), f"{path}.text")
        return self.spanned(words, self.get(data, "span", path), path, "span", "text")

    def spanned(self, words: str, offsets: object, path: str, key: str, text_key: str) -> Span:
        where = self.slice(offsets, f"{path}.{key}")
        if where.text != words:
            raise DocumentFormatError(
                f"{path}.{text_key}",
                f"{words!r} is not the text at {key} {[where.start, where.end]} ({where.text!r})",
            )
        return where

    # -- records -------------------------------------------------------------------

    def actor(self, value: object, path: str) -> Actor | None:
        if value is None:
            return None
        data = self.obj(value, path)
        kind = self.get(data, "kind", path)
        if kind not in ACTOR_KINDS:
            raise DocumentFormatError(
                f"{path}.kind", f"must be one of {', '.join(ACTOR_KINDS)}, not {kind!r}"
            )
        country = self.get(data, "country", path)
        if not (
            country is None
            or isinstance(country, str)
            or (isinstance(country, list) and all(isinstance(c, str) for c in country))
        ):
            raise DocumentFormatError(
                f"{path}.country", f"must be a string, a list of strings or null, not {country!r}"
            )
        words = self.string(self.get(data, "text", path), f"{path}.text")
        source = "gazetteer" if self.level < 2 else self.get(data, "source", path)
        antecedent = None
        resolution = None
        if self.level >= 3:
            antecedent = self.span(
                self.get(data, "antecedent", path), f"{path}.antecedent", null=True
            )
            resolution = self.string(
                self.get(data, "resolution", path), f"{path}.resolution", null=True
            )
            if (antecedent is None) != (resolution is None):
                raise DocumentFormatError(
                    f"{path}.resolution",
                    "must be set exactly when antecedent is"
                    f" (antecedent {'set' if antecedent else 'null'}, resolution {resolution!r})",
                )
        return Actor(
            span=self.spanned(words, self.get(data, "span", path), path, "span", "text"),
            name=self.string(self.get(data, "name", path), f"{path}.name"),
            kind=kind,
            country=country,
            role=self.string(self.get(data, "role", path, None), f"{path}.role", null=True),
            source=self.string(source, f"{path}.source"),
            antecedent=antecedent,
            resolution=resolution,
        )

    def quote(self, value: object, path: str) -> Quote:
        data = self.obj(value, path)
        words = self.string(self.get(data, "text", path), f"{path}.text")
        return Quote(
            span=self.slice(self.get(data, "outer", path), f"{path}.outer"),
            content=self.spanned(words, self.get(data, "span", path), path, "span", "text"),
            speaker=self.actor(self.get(data, "speaker", path), f"{path}.speaker"),
            attribution=self.span(
                self.get(data, "attribution", path), f"{path}.attribution", null=True
            ),
        )

    def basis(
        self, data: Mapping[str, Any], path: str, day: dt.date | None, phrase: str | None
    ) -> Any:
        if self.level < 2:
            return basis_of(day, phrase)
        basis = self.get(data, "date_basis", path)
        if basis not in DATE_BASES:
            raise DocumentFormatError(
                f"{path}.date_basis", f"must be one of {', '.join(DATE_BASES)}, not {basis!r}"
            )
        if (day is None) != (basis == "none"):
            raise DocumentFormatError(
                f"{path}.date_basis",
                f"{basis!r} does not fit date {day.isoformat() if day else None}",
            )
        return basis

    def event(self, value: object, path: str, published: dt.date | None) -> Event:
        data = self.obj(value, path)
        kind = self.string(self.get(data, "type", path), f"{path}.type")
        day = self.date(self.get(data, "date", path), f"{path}.date")
        phrase = self.string(self.get(data, "date_text", path), f"{path}.date_text", null=True)
        where = self.get(data, "date_span", path, None)
        date_text = None
        if phrase is not None or where is not None:
            if phrase is None:
                raise DocumentFormatError(f"{path}.date_text", "is null while date_span is set")
            date_text = self.spanned(phrase, where, path, "date_span", "date_text")
        if (
            self.level < 2
            and day is not None
            and published is None
            and phrase is not None
            and not is_absolute(phrase)
        ):
            logger.info(
                "%s: dropped date %s of %r: dipparse.document/1 counted it from the "
                "day it was parsed, not from a publication date",
                path,
                day.isoformat(),
                phrase,
            )
            day = None
        try:
            return self.classes.get(kind, Event)(
                id=self.string(self.get(data, "id", path), f"{path}.id"),
                type=kind,
                trigger=self.span(self.get(data, "trigger", path), f"{path}.trigger"),
                sentence=self.slice(self.get(data, "sentence", path), f"{path}.sentence"),
                rule=self.string(self.get(data, "rule", path), f"{path}.rule"),
                actor=self.actor(self.get(data, "actor", path), f"{path}.actor"),
                target=self.actor(self.get(data, "target", path), f"{path}.target"),
                content=self.span(self.get(data, "content", path), f"{path}.content", null=True),
                negated=self.boolean(self.get(data, "negated", path), f"{path}.negated"),
                hedged=self.boolean(self.get(data, "hedged", path), f"{path}.hedged"),
                conditional=self.boolean(
                    self.get(data, "conditional", path), f"{path}.conditional"
                ),
                condition=self.span(
                    self.get(data, "condition", path), f"{path}.condition", null=True
                ),
                quoted=self.boolean(self.get(data, "quoted", path), f"{path}.quoted"),
                speaker=self.actor(self.get(data, "speaker", path), f"{path}.speaker"),
                **self.reported(data, path),
                date=day,
                date_text=date_text,
                date_basis=self.basis(data, path, day, phrase),
                **self.codes(data, path, ("topic", "cameo", "plover", "plover_mode", "group")),
            )
        except (TypeError, ValueError) as exc:
            if isinstance(exc, DocumentFormatError):
                raise
            raise DocumentFormatError(path, str(exc)) from None

    def reported(self, data: Mapping[str, Any], path: str) -> dict[str, Any]:
        """``source`` and ``claimed_by_other``, new in ``/3``: nothing reported before."""
        if self.level < 3:
            return {"source": None, "claimed_by_other": False}
        return {
            "source": self.actor(self.get(data, "source", path), f"{path}.source"),
            "claimed_by_other": self.boolean(
                self.get(data, "claimed_by_other", path), f"{path}.claimed_by_other"
            ),
        }

    def codes(self, data: Mapping[str, Any], path: str, keys: Sequence[str]) -> dict[str, Any]:
        return {
            k: self.string(self.get(data, k, path, None), f"{path}.{k}", null=True) for k in keys
        }

    def group(self, value: object, path: str, mentions: Mapping[str, Event]) -> EventGroup:
        data = self.obj(value, path)
        ids = self.array(self.get(data, "mentions", path), f"{path}.mentions")
        for i, m in enumerate(ids):
            self.string(m, f"{path}.mentions[{i}]")
        day = self.date(self.get(data, "date", path), f"{path}.date")
        if self.level < 2:
            # The group's date is its first dated mention's, migrated with it.
            if ids and all(m in mentions for m in ids):
                dated = [mentions[m] for m in ids if mentions[m].date is not None]
                day = dated[0].date if dated else None
                basis = dated[0].date_basis if dated else "none"
            else:
                basis = basis_of(day, None)
        else:
            basis = self.basis(data, path, day, None)
        try:
            return EventGroup(
                id=self.string(self.get(data, "id", path), f"{path}.id"),
                type=self.string(self.get(data, "type", path), f"{path}.type"),
                mentions=tuple(ids),
                actor=self.actor(self.get(data, "actor", path), f"{path}.actor"),
                target=self.actor(self.get(data, "target", path), f"{path}.target"),
                content=self.span(self.get(data, "content", path), f"{path}.content", null=True),
                date=day,
                date_basis=basis,
                negated=self.boolean(self.get(data, "negated", path), f"{path}.negated"),
                **self.codes(
                    data, path, ("topic", "cameo", "plover", "plover_mode", "responds_to")
                ),
            )
        except (TypeError, ValueError) as exc:
            if isinstance(exc, DocumentFormatError):
                raise
            raise DocumentFormatError(path, str(exc)) from None

    # -- the document ----------------------------------------------------------------

    def document_text(self, data: Mapping[str, Any]) -> str:
        if self.level < 2:
            if self.given is None:
                raise DocumentFormatError(
                    "$.schema",
                    f"{self.version} does not carry the document's text: pass it as text=",
                )
            return self.given
        stored = self.string(self.get(data, "text", "$"), "$.text", null=True)
        digest = self.string(self.get(data, "text_sha256", "$"), "$.text_sha256", null=True)
        length = self.get(data, "text_length", "$")
        if length is not None and (not isinstance(length, int) or isinstance(length, bool)):
            raise DocumentFormatError(
                "$.text_length", f"must be an integer or null, not {length!r}"
            )
        if stored is None and self.given is None:
            raise DocumentFormatError(
                "$.text",
                "is null: the document was written without its text (text='hash' or 'none'); "
                "pass the text as text=",
            )
        if stored is not None and self.given is not None and stored != self.given:
            raise DocumentFormatError("$.text", "differs from the text given as text=")
        text = stored if stored is not None else self.given
        assert isinstance(text, str)
        if length is not None and length != len(text):
            raise DocumentFormatError(
                "$.text_length", f"is {length}, but the text has {len(text)} characters"
            )
        if digest is not None and digest != hashlib.sha256(_utf8(text)).hexdigest():
            raise DocumentFormatError("$.text_sha256", "does not match the text")
        return text

    def document(self, value: object) -> Document:
        data = self.obj(value, "$")
        schema = self.get(data, "schema", "$")
        if schema not in SCHEMAS:
            raise DocumentFormatError(
                "$.schema",
                f"{schema!r} is not a schema this dipparse reads ({', '.join(SCHEMAS)})",
            )
        self.version = schema
        if schema != SCHEMA:
            logger.info("reading a %s document: migrating it to %s", schema, SCHEMA)
        self.text = self.document_text(data)
        published = self.date(self.get(data, "published", "$"), "$.published")

        def items(key: str, default: object = _MISSING) -> list[tuple[Any, str]]:
            values = self.array(self.get(data, key, "$", default), f"$.{key}")
            return [(v, f"$.{key}[{i}]") for i, v in enumerate(values)]

        events = tuple(self.event(v, p, published) for v, p in items("events"))
        by_id = {e.id: e for e in events}
        actors = []
        for v, p in items("actors"):
            actor = self.actor(v, p)
            if actor is None:
                raise DocumentFormatError(p, "must be an object, not null")
            actors.append(actor)
        return Document(
            text=self.text,
            published=published,
            sentences=tuple(self.slice(v, p) for v, p in items("sentences")),
            quotes=tuple(self.quote(v, p) for v, p in items("quotes")),
            actors=tuple(actors),
            events=events,
            groups=tuple(self.group(v, p, by_id) for v, p in items("groups")),
            # Added within dipparse.document/2: a document written before has none.
            warnings=tuple(self.warning(v, p) for v, p in items("warnings", [])),
        )

    def warning(self, value: object, path: str) -> ParseWarning:
        data = self.obj(value, path)
        code = self.string(self.get(data, "code", path), f"{path}.code")
        if code not in WARNING_CODES:
            raise DocumentFormatError(
                f"{path}.code", f"{code!r} is not one of {', '.join(WARNING_CODES)}"
            )
        span = self.get(data, "span", path, None)
        return ParseWarning(
            code=code,
            message=self.string(self.get(data, "message", path), f"{path}.message"),
            rule=self.string(self.get(data, "rule", path, None), f"{path}.rule", null=True),
            span=self.slice(span, f"{path}.span") if span is not None else None,
        )


__all__ = ["DocumentFormatError", "document_from_dict", "json_schema", "load_jsonl"]
