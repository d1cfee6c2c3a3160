"""Read news texts in every input format into ``Document`` records, cleaned and with a language.

``iter_documents(paths)`` yields one ``Document`` per article, or a ``ReadError`` for an input it
cannot use (missing, empty, binary, undecodable, malformed, too long), and then goes on with the
next input: it never raises because of what a file contains.

Formats (DESIGN.md, "Input formats"):

* ``.txt``, ``.md``: one document; the title is the first non-empty line (or, in Markdown, the
  ``title`` of a YAML front matter); the id is the file name without its suffix.
* ``.html``, ``.htm``: the page's main text, found by trafilatura; scripts, styles and iframes are
  removed before it looks.
* ``.jsonl``: one document a line, ``{"id", "lang", "source" or "url", "publisher", "date",
  "title", "license", "attribution", "text"}``, only ``text`` required.
* ``.rss``, ``.atom``, and ``.xml`` files that are feeds: one document per entry (feedparser).
* a folder: every such file in it, recursively, in sorted order; hidden files and the corpus's
  own documentation (README, SOURCES, LICENSE, ...) are skipped. A file found in a subfolder gets
  an id from its relative path ("2021/china-denies"). Symbolic links in it are not followed; one
  that leads out of the folder is reported.

Ids: the one the input gives (a JSONL or front matter ``id``, a feed entry's id or link); else a
file's name (its path in the folder), and a JSONL line's or a feed entry's file name with the
digest of its text ("news-3fa2b1c04d"), so that two texts of one file never share an id however
its lines move. Such ids are ``derived_id``: the ingest renames one that names another text.

Text is decoded as UTF-8 (with replacement characters when nearly all its bytes are UTF-8), and
lone surrogates (a JSONL ``\ud800``, a file name that is not UTF-8) become U+FFFD in every field.

Empty inputs (an empty file, a JSONL line whose text is blank, an entry without content) are
``ReadError``s. A text that only cleaning empties (nothing but site boilerplate) is still yielded,
with ``status="empty"``, so that no document disappears silently.
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

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
# Files that document a corpus folder rather than belong to it.
FOLDER_DOCUMENTATION = {"README", "SOURCES", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE"}
# Files given by mistake: what they start with, and what to call them in the message.
MAGIC_BYTES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx/.epub file)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a media file",
}
FIELD_NAMES = (
    "id", "lang", "source", "url", "publisher", "date", "published", "title", "license", "attribution",
)  # fmt: skip

_DROPPED_ELEMENTS = "//script|//style|//iframe|//noscript|//template|//object|//embed|//svg|//canvas"
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
               "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt",
               "hr")  # fmt: skip
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
_FEED_START = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_LANG_CODE = re.compile(r"[a-z]{2,3}")
_SURROGATES = re.compile("[\ud800-\udfff]")
# UTF-8 with replacement characters is believed over a legacy encoding when its well-formed
# multi-byte characters outnumber its broken sequences this many times (a stray byte in a UTF-8
# text; a Latin-1 text has almost no well-formed sequence)
UTF8_EVIDENCE_RATIO = 10
DIGEST_ID_CHARS = 10


class _Unreadable(Exception):
    """Raised inside this module for an input that cannot be used; becomes a ReadError."""


def iter_documents(
    paths: str | os.PathLike | Iterable[str | os.PathLike], lang: str = "auto"
) -> Iterator[Document | ReadError]:
    """Yield a ``Document`` for every article in ``paths`` (files or folders), or a ``ReadError``.

    ``lang`` is used for documents that do not declare their language; "auto" detects it.
    """
    if lang != "auto" and not _LANG_CODE.fullmatch(lang or ""):
        raise ValueError(f'lang must be "auto" or a language code such as "en" or "fr", not {lang!r}')
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        for item in _read_input(Path(given), lang):
            yield _without_surrogates(item)


def _read_input(path: Path, lang: str) -> Iterator[Document | ReadError]:
    if path.is_dir():
        found = list(_files_in(path))
        if not found:
            suffixes = ", ".join(sorted(READERS))
            yield ReadError(str(path), f"the folder has no file to read (looked for {suffixes})")
        for file in found:
            if isinstance(file, ReadError):
                yield file
                continue
            doc_id = file.relative_to(path).with_suffix("").as_posix()
            yield from _read_safely(file, doc_id, lang)
    elif path.exists():
        yield from _read_safely(path, path.stem, lang)
    else:
        yield ReadError(str(path), "no such file or folder; check the path")


def _files_in(folder: Path) -> Iterator[Path | ReadError]:
    """The readable files under ``folder`` in sorted order. Symbolic links are not followed: one
    that points inside the folder names a file read anyway, one that points out of it is reported."""
    root = folder.resolve()
    found: list[tuple[tuple[str, ...], Path | ReadError]] = []
    for current, folders, files in os.walk(folder):  # linked folders are listed, never entered
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in folders + files:
            path = Path(current, name)
            if name.startswith(".") or (name in files and not _is_readable_name(path)):
                continue
            parts = path.relative_to(folder).parts
            if path.is_symlink():
                target = Path(os.path.realpath(path))
                if target != root and root not in target.parents:
                    found.append((parts, _link_out_of(folder, path)))
            elif name in files and path.is_file():
                found.append((parts, path))
    for _parts, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def _is_readable_name(path: Path) -> bool:
    return path.suffix.lower() in READERS and path.stem.upper() not in FOLDER_DOCUMENTATION


def _link_out_of(folder: Path, link: Path) -> ReadError:
    return ReadError(
        str(link),
        f"a symbolic link to {os.readlink(link)}, out of {folder}: not followed "
        "(give its target on the command line to read it)",
    )


def _without_surrogates(item: Document | ReadError) -> Document | ReadError:
    """Lone surrogates (a JSONL "\\ud800", a file name that is not UTF-8) as U+FFFD: they cannot
    be stored or printed."""
    changes = {
        field.name: _SURROGATES.sub("\ufffd", value)
        for field in dataclasses.fields(item)
        if isinstance(value := getattr(item, field.name), str) and _SURROGATES.search(value)
    }
    return dataclasses.replace(item, **changes) if changes else item


def _read_safely(path: Path, doc_id: str, lang: str) -> Iterator[Document | ReadError]:
    try:
        yield from _read_file(path, doc_id, lang)
    except _Unreadable as problem:
        yield ReadError(str(path), str(problem))
    except Exception as error:  # one bad input must not stop the others
        yield ReadError(str(path), f"could not be read ({type(error).__name__}: {error})")


def _read_file(path: Path, doc_id: str, lang: str) -> Iterator[Document | ReadError]:
    kind = READERS.get(path.suffix.lower())
    if kind == "jsonl":
        yield from _read_jsonl(path, doc_id, lang)
        return
    size = path.stat().st_size
    if size == 0:
        raise _Unreadable("empty file; nothing to read")
    limit = MAX_MARKUP_FILE_BYTES if kind in ("html", "feed", None) else MAX_TEXT_FILE_BYTES
    if size > limit:
        raise _Unreadable(
            f"too long ({size:,} bytes; the limit is {MAX_DOCUMENT_CHARS:,} characters of text): "
            "split it into smaller documents"
        )
    data = path.read_bytes()
    _refuse_binary(data)
    if kind is None:
        kind = _sniff_kind(data)
    if kind == "feed":
        yield from _read_feed(path, data, doc_id, lang)
        return
    text = _decode(data, html=kind == "html")
    if not text.strip():
        raise _Unreadable("the file holds only whitespace; nothing to read")
    if kind == "html":
        yield _read_html(path, text, doc_id, lang)
    elif kind == "markdown":
        yield _read_markdown(path, text, doc_id, lang)
    else:
        yield _make_document(path, doc_id, text, lang, derived_id=True)


def _refuse_binary(data: bytes) -> None:
    for magic, name in MAGIC_BYTES.items():
        if data.startswith(magic):
            raise _Unreadable(f"this is {name}, not text: convert it to .txt, .html or .jsonl first")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unreadable("binary file (it contains NUL bytes), not text: convert it to .txt first")


def _sniff_kind(data: bytes) -> str:
    head = data[:2048].decode("utf-8", errors="ignore")
    if _FEED_START.search(head):
        return "feed"
    if re.search(r"<(?:!doctype html|html|body|p)\b", head, re.IGNORECASE):
        return "html"
    return "text"


def _decode(data: bytes, html: bool = False) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; else the legacy encoding that fits best."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _Unreadable(f"starts like UTF-16 but is not ({error.reason}): save it as UTF-8") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly
    if html:  # a page that names its charset is believed first
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _Unreadable(
            "not UTF-8, and no other text encoding fits its bytes (is it a binary file?): save it as UTF-8"
        )
    return str(best)


def _nearly_utf8(data: bytes) -> str | None:
    """The text as UTF-8 with U+FFFD for its broken sequences, when the rest is clearly UTF-8
    (a stray byte must not turn "Pékin" into cp932's "Pﾃｩkin"); else None."""
    text = data.decode("utf-8-sig", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    well_formed = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return text if well_formed >= UTF8_EVIDENCE_RATIO * broken else None


def _make_document(
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
        title=_clean_title(title) or _first_line(text),
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


def _first_line(text: str) -> str | None:
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
    return code if _LANG_CODE.fullmatch(code) else None


def _iso_date(value) -> str | None:
    """An ISO date (YYYY-MM-DD) from ISO or RFC 822 strings and date objects; None when unknown."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})\b", value)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# --- JSONL -------------------------------------------------------------------------------------


def _read_jsonl(path: Path, file_id: str, lang: str) -> Iterator[Document | ReadError]:
    with path.open("rb") as stream:
        head = stream.read(8192)
        if not head.strip():
            raise _Unreadable("empty file; nothing to read")
        _refuse_binary(head)
        stream.seek(0)
        for number, raw, n_bytes in _numbered_lines(stream):
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


def _numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size) for each line; bytes is None for a line over the limit,
    which is skipped without being held in memory."""
    number = 0
    while True:
        line = stream.readline(MAX_JSONL_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_JSONL_LINE_BYTES and not line.endswith(b"\n"):
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
            line = _decode(raw)
        except _Unreadable as problem:
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
    return _make_document(
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
        published=_iso_date(record.get("date") or record.get("published")),
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


# --- HTML, Markdown ----------------------------------------------------------------------------


def _read_html(path: Path, markup: str, doc_id: str, lang: str) -> Document | ReadError:
    import lxml.html
    import trafilatura
    from trafilatura.metadata import extract_metadata

    markup = _XML_DECLARATION.sub("", markup, count=1)
    tree = lxml.html.document_fromstring(markup)
    for element in tree.xpath(_DROPPED_ELEMENTS):
        element.drop_tree()
    page_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    metadata = extract_metadata(tree)
    text = trafilatura.extract(tree, include_comments=False, include_tables=True, output_format="txt")
    if text:
        text = text.replace("\n", "\n\n")  # trafilatura gives one paragraph a line
    else:  # trafilatura finds no main text in some short pages: take the whole body then
        body = tree.find("body")
        text = _markup_to_text(body if body is not None else tree)
    if not text.strip():
        return ReadError(str(path), "the page has no text (only markup, scripts or images)")
    return _make_document(
        path,
        doc_id,
        text,
        lang,
        derived_id=True,
        title=metadata.title or tree.findtext(".//title"),
        declared_lang=page_lang,
        url=metadata.url,
        publisher=metadata.sitename,
        published=_iso_date(metadata.date),
    )


def _markup_to_text(element) -> str:
    """The text of an lxml element, with a paragraph break at every block element."""
    for child in element.xpath(_DROPPED_ELEMENTS.replace("//", ".//")):
        child.drop_tree()
    for block in element.iter(*_BLOCK_TAGS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    return element.text_content()


def html_fragment_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), scripts and styles dropped."""
    import lxml.etree
    import lxml.html

    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", markup)
    return _markup_to_text(root)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_MARKDOWN_RULES = [
    (re.compile(r"^```.*$|^~~~.*$", re.MULTILINE), ""),  # code fences (their content stays)
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # links keep their words
    (re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S+.*$", re.MULTILINE), ""),  # link definitions
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), ""),  # bullets
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]*)`"), r"\1"),  # inline code
]


def _read_markdown(path: Path, text: str, doc_id: str, lang: str) -> Document | ReadError:
    meta: dict = {}
    front = _FRONT_MATTER.match(text)
    if front:
        import yaml

        try:
            parsed = yaml.safe_load(front.group(1))
        except yaml.YAMLError:
            parsed = None  # a "---" rule, not front matter: keep it as text
        if isinstance(parsed, dict):
            meta = parsed
            text = text[front.end() :]
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)

    def field(name: str) -> str | None:
        value = meta.get(name)
        return str(value) if value is not None and not isinstance(value, (dict, list)) else None

    return _make_document(
        path,
        field("id") or doc_id,
        text,
        lang,
        derived_id=not field("id"),
        title=field("title"),
        declared_lang=field("lang"),
        url=field("url") or field("source"),
        publisher=field("publisher"),
        published=_iso_date(meta.get("date")),
        license=field("license"),
        attribution=field("attribution"),
    )


# --- RSS and Atom ------------------------------------------------------------------------------


def _read_feed(path: Path, data: bytes, file_id: str, lang: str) -> Iterator[Document | ReadError]:
    import feedparser

    parsed = feedparser.parse(data)  # bytes, never a URL: nothing is fetched
    if not parsed.version:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise _Unreadable(f"not an RSS or Atom feed{problem}: give feeds as .rss/.atom/.xml, pages as .html")
    if not parsed.entries:
        raise _Unreadable("the feed has no entries; nothing to read")
    publisher = parsed.feed.get("title") or None
    feed_lang = parsed.feed.get("language")
    for number, entry in enumerate(parsed.entries, 1):
        name = f"entry {number}" + (f" ({entry.get('title')!r})" if entry.get("title") else "")
        contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
        if contents:
            best = max(contents, key=lambda c: len(c["value"]))
            markup, entry_lang = best["value"], best.get("language")
        else:
            markup, entry_lang = entry.get("summary") or "", None
        text = html_fragment_to_text(markup)
        if not text.strip():
            yield ReadError(str(path), f"{name} has no content or summary; nothing to read")
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        yield _make_document(
            path,
            entry.get("id") or entry.get("link") or None,
            text,
            lang,
            digest_id_prefix=file_id,
            title=entry.get("title"),
            declared_lang=entry_lang or feed_lang,
            url=entry.get("link"),
            publisher=publisher,
            published=date(*when[:3]).isoformat() if when else None,
            license=entry.get("rights") or parsed.feed.get("rights") or None,
        )
