"""JSONL input: one document a line, ``{"id", "lang", "source" or "url", "publisher", "date",
"title", "license", "attribution", "text"}``, only ``text`` required. A bad line is a ReadError
that says how to fix it, and the next line is read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from extract.read_dates import iso_date
from extract.read_document import MAX_DOCUMENT_CHARS, MAX_JSONL_LINE_BYTES, Unreadable, make_document
from extract.read_encoding import decode, refuse_binary
from extract.records import Document, ReadError

FIELD_NAMES = (
    "id", "lang", "source", "url", "publisher", "date", "published", "title", "license", "attribution",
)  # fmt: skip


def read_jsonl(
    path: Path, file_id: str, lang: str, max_line_bytes: int = MAX_JSONL_LINE_BYTES
) -> Iterator[Document | ReadError]:
    """The documents of a JSONL file; ``max_line_bytes`` is the longest line read (``extract.read``
    passes its own ``MAX_JSONL_LINE_BYTES``, which a test lowers)."""
    with path.open("rb") as stream:
        head = stream.read(8192)
        if not head.strip():
            raise Unreadable("empty file; nothing to read")
        refuse_binary(head)
        stream.seek(0)
        for number, raw, n_bytes in _numbered_lines(stream, max_line_bytes):
            if raw is None:
                yield ReadError(
                    str(path),
                    f"line too long ({n_bytes:,} bytes; the limit is {MAX_DOCUMENT_CHARS:,} characters "
                    "of text): split the document",
                    number,
                )
                continue
            if not raw.strip():
                continue
            yield _jsonl_document(path, file_id, number, raw, lang)


def _numbered_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size) for each line; bytes is None for a line over the limit,
    which is skipped without being held in memory."""
    number = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            size = len(line)
            while not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                if not line:
                    break
                size += len(line)
            yield number, None, size
        else:
            yield number, line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line, len(line)


def _jsonl_document(path: Path, file_id: str, number: int, raw: bytes, lang: str) -> Document | ReadError:
    def error(reason: str) -> ReadError:
        return ReadError(str(path), reason, number)

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            line = decode(raw)
        except Unreadable as problem:
            return error(str(problem))
    # without its line break, a cut line reads as cut, not as a control character in a string
    line = line.rstrip("\r\n")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as problem:
        return error(_json_problem(line, problem))
    if not isinstance(record, dict):
        return error(f'the line is {_json_type(record)}, not a JSON object with a "text" field')
    if "text" not in record:
        return error('no "text" field: every line needs the document\'s text')
    text = record["text"]
    if not isinstance(text, str):
        return error(f'"text" is {_json_type(text)}; it must be a string')
    if not text.strip():
        return error('"text" is empty; nothing to read')
    for name in FIELD_NAMES:
        value = record.get(name)
        if value is not None and not isinstance(value, str) and not (name == "id" and _is_integer(value)):
            return error(f'"{name}" is {_json_type(value)}; it must be a string (or null)')
    given_id = str(record["id"]).strip() if record.get("id") is not None else ""
    return make_document(
        path,
        given_id or None,
        text,
        lang,
        digest_id_prefix=file_id,
        title=record.get("title"),
        declared_lang=record.get("lang"),
        line=number,
        url=record.get("url") or record.get("source"),
        publisher=record.get("publisher"),
        published=iso_date(record.get("date") or record.get("published")),
        license=record.get("license"),
        attribution=record.get("attribution"),
    )


def _json_problem(line: str, problem: json.JSONDecodeError) -> str:
    """Where a JSONL line goes wrong, said so that the fix is clear."""
    end = len(line)
    if problem.msg.startswith("Unterminated string"):
        return (
            f"not valid JSON: the line stops at column {end} inside a string opened at column "
            f"{problem.colno}; is it cut short, or does a text hold a raw newline (write it \\n)?"
        )
    if problem.pos >= len(line.rstrip()):
        return f"not valid JSON: the line stops at column {end} before its object is closed; is it cut short?"
    if problem.pos == 0 and line.strip():
        return (
            "not valid JSON at column 1: the line does not start a JSON object; is it the rest of "
            "the line before, cut by a raw newline (write it \\n)?"
        )
    return f"not valid JSON at column {problem.colno}: {problem.msg}; a line is one JSON object"


def _is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type(value) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return "a string"
