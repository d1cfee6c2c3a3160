"""What every reader of ``extract.read`` shares: the size limits, which reader takes which
file, the error a reader raises for an input it cannot use, and the making of a ``Document`` from
a text and its metadata (cleaning, title, language, the digest id of a text without one)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from extract.clean import clean_line, clean_text
from extract.language import detect_language
from extract.records import Document, ReadError

MAX_DOCUMENT_CHARS = 2_000_000
# A file with more bytes than this cannot hold a text under the limit (UTF-8: ≤ 4 bytes a
# character), so it is refused without being read.
MAX_TEXT_FILE_BYTES = 4 * MAX_DOCUMENT_CHARS
# Markup weighs more than its text; pages and feeds above this are refused unread.
MAX_MARKUP_FILE_BYTES = 12 * MAX_DOCUMENT_CHARS
# One JSONL line may spell every character as a \uXXXX escape.
MAX_JSONL_LINE_BYTES = 6 * MAX_DOCUMENT_CHARS + 65_536
MAX_TITLE_CHARS = 300

# the reader of each file suffix: ``extract.read`` picks it, and dating says which reader gave a date
READERS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
LANG_CODE = re.compile(r"[a-z]{2,3}")
DIGEST_ID_CHARS = 10


class Unreadable(Exception):
    """Raised by a reader for an input that cannot be used; ``extract.read`` makes it a ReadError."""


def make_document(
    path: Path,
    doc_id: str | None,
    raw_text: str,
    lang: str,
    *,
    title: str | None = None,
    declared_lang: str | None = None,
    line: int | None = None,
    derived_id: bool = False,
    digest_id_prefix: str | None = None,
    **fields,
) -> Document | ReadError:
    """Clean ``raw_text`` and wrap it with its metadata; too long a text is a ReadError.

    Without ``doc_id``, the id is ``digest_id_prefix`` and the digest of the cleaned text."""
    if len(raw_text) > MAX_DOCUMENT_CHARS:
        return ReadError(
            str(path),
            f"too long ({len(raw_text):,} characters; the limit is {MAX_DOCUMENT_CHARS:,}): "
            "split it into smaller documents",
            line,
        )
    text = clean_text(raw_text, publisher=fields.get("publisher"))
    language = _language_code(declared_lang) or (lang if lang != "auto" else None)
    if language is None:
        language = detect_language(text) if text else "und"
    if doc_id is None:
        digest = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
        doc_id, derived_id = f"{digest_id_prefix}-{digest[:DIGEST_ID_CHARS]}", True
    return Document(
        id=doc_id,
        text=text,
        title=_clean_title(title) or first_line(text),
        lang=language,
        status="ok" if text else "empty",
        source_path=str(path),
        source_line=line,
        derived_id=derived_id,
        **fields,
    )


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    return " ".join(clean_line(title).split()) or None


def first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            line = line.strip()
            if len(line) <= MAX_TITLE_CHARS:
                return line
            return line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return None


def _language_code(value: str | None) -> str | None:
    """'fr-FR' → 'fr'; None for what is not a language code."""
    if not value or not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if LANG_CODE.fullmatch(code) else None
