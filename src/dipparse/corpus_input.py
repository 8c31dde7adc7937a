"""Reading a corpus for ``dipparse parse``: text files, folders, standard input, JSON lines.

`find_inputs` checks the command line's arguments before anything is read
(a missing file is a usage error); `read_records` then reads the documents one
at a time, in order, as `Record` objects. A document that cannot be read (a
file that is not UTF-8, a JSON line that does not parse, a record without its
text field) is a `Record` with an ``error``: it keeps its place in the run and
is reported, never dropped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

STDIN = "-"


class InputError(Exception):
    """An argument that names no input: a missing file, an empty folder."""


@frozen
class Record:
    """One document of the input, read or not.

    ``id`` names the document in the output (a file's path, a JSON record's id
    field, else ``FILE:LINE``); ``where`` says where it came from for messages
    (``FILE`` or ``FILE:LINE``). ``text`` is what will be parsed (any JSON value
    for a JSON record: a text that is not a string fails in the parse);
    ``published`` is the record's own date, if it has one. ``error`` and
    ``message`` are set when the record could not be read; ``size`` is the
    number of bytes read for it.
    """

    id: str
    where: str
    text: object = None
    published: object = None
    error: str | None = None
    message: str | None = None
    size: int = 0


def find_inputs(names: Sequence[str], *, glob: str = "*.txt") -> list[Path | str]:
    """The inputs the arguments name, in order: ``"-"``, files, and each folder's files.

    A folder gives the files under it (recursively) whose name matches
    ``glob``, sorted by path. Raises `InputError` for a name that is neither
    a file nor a folder, a folder with no matching file, or ``-`` twice.
    """
    found: list[Path | str] = []
    for name in names:
        if name == STDIN:
            if STDIN in found:
                raise InputError("standard input ('-') can be read only once")
            found.append(STDIN)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob(glob) if p.is_file())
            if not files:
                raise InputError(f"{name}: folder holds no file matching {glob!r}")
            found.extend(files)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{name}: no such file or folder")
    return found


def read_records(
    inputs: Sequence[Path | str],
    *,
    input_format: str = "text",
    text_field: str = "text",
    id_field: str = "id",
    published_field: str | None = None,
) -> Iterator[Record]:
    """The documents of ``inputs`` (see `find_inputs`), read lazily, in order.

    ``input_format="text"``: each input is one document, UTF-8 (a byte order
    mark is dropped), its id the path as given. ``"jsonl"``: each non-blank
    line of each input is one JSON object, its text in ``text_field``, its id
    in ``id_field`` (else ``FILE:LINE``), its date in ``published_field``.
    """
    if input_format not in ("text", "jsonl"):
        raise ValueError(f"input_format must be 'text' or 'jsonl', not {input_format!r}")
    for source in inputs:
        if input_format == "text":
            yield _text_record(source)
        else:
            yield from _jsonl_records(source, text_field, id_field, published_field)


def _label(source: Path | str) -> str:
    return "standard input" if source == STDIN else str(source)


def _read_bytes(source: Path | str) -> bytes:
    if source == STDIN:
        return sys.stdin.buffer.read()
    return Path(source).read_bytes()


def _text_record(source: Path | str) -> Record:
    name = str(source)
    try:
        data = _read_bytes(source)
    except OSError as exc:
        return Record(name, name, error="OSError", message=f"cannot read: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (undecodable byte at offset {exc.start})"
        return Record(name, name, error="UnicodeDecodeError", message=message, size=len(data))
    return Record(name, name, text=text, size=len(data))


def _lines(source: Path | str) -> Iterator[bytes]:
    if source == STDIN:
        yield from sys.stdin.buffer
        return
    with Path(source).open("rb") as handle:
        yield from handle


def _jsonl_records(
    source: Path | str, text_field: str, id_field: str, published_field: str | None
) -> Iterator[Record]:
    label = _label(source)
    try:
        for number, raw in enumerate(_lines(source), 1):
            if not raw.strip():
                continue
            yield _json_record(raw, f"{label}:{number}", text_field, id_field, published_field)
    except OSError as exc:
        where = label
        yield Record(where, where, error="OSError", message=f"cannot read: {exc.strerror or exc}")


def _json_record(
    raw: bytes, where: str, text_field: str, id_field: str, published_field: str | None
) -> Record:
    size = len(raw)
    try:
        data: Any = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (undecodable byte at offset {exc.start})"
        return Record(where, where, error="UnicodeDecodeError", message=message, size=size)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc}"
        return Record(where, where, error="JSONDecodeError", message=message, size=size)
    if not isinstance(data, dict):
        message = f"a record must be a JSON object, not {type(data).__name__}"
        return Record(where, where, error="TypeError", message=message, size=size)
    ident = data.get(id_field)
    name = where if ident is None else ident if isinstance(ident, str) else json.dumps(ident)
    if text_field not in data:
        message = f"the record has no {text_field!r} field"
        return Record(name, where, error="KeyError", message=message, size=size)
    published = data.get(published_field) if published_field is not None else None
    return Record(name, where, text=data[text_field], published=published, size=size)


__all__ = ["STDIN", "InputError", "Record", "find_inputs", "read_records"]
