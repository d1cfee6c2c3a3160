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

This module finds the inputs and hands each file to its format's reader: ``read_jsonl``,
``read_html``, ``read_markdown``, ``read_feed`` (a text file needs no reader of its own). What
they share is in ``read_document`` (limits, ``Document`` making), ``read_encoding`` (bytes to
text) and ``read_dates`` (dating).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from extract.read_dates import MONTHS, date_document, dateline_date, iso_date, url_date
from extract.read_document import (
    DIGEST_ID_CHARS,
    LANG_CODE,
    MAX_DOCUMENT_CHARS,
    MAX_JSONL_LINE_BYTES,
    MAX_MARKUP_FILE_BYTES,
    MAX_TEXT_FILE_BYTES,
    MAX_TITLE_CHARS,
    READERS,
    Unreadable,
    make_document,
)
from extract.read_encoding import MAGIC_BYTES, UTF8_EVIDENCE_RATIO, decode, refuse_binary, sniff_kind
from extract.read_feed import read_feed
from extract.read_html import html_fragment_to_text, read_html
from extract.read_jsonl import FIELD_NAMES, read_jsonl
from extract.read_markdown import read_markdown
from extract.records import Document, ReadError

# the names this module gave before it was split by input format, still importable from it
__all__ = [
    "DIGEST_ID_CHARS",
    "FIELD_NAMES",
    "FOLDER_DOCUMENTATION",
    "MAGIC_BYTES",
    "MAX_DOCUMENT_CHARS",
    "MAX_JSONL_LINE_BYTES",
    "MAX_MARKUP_FILE_BYTES",
    "MAX_TEXT_FILE_BYTES",
    "MAX_TITLE_CHARS",
    "MONTHS",
    "READERS",
    "UTF8_EVIDENCE_RATIO",
    "date_document",
    "dateline_date",
    "html_fragment_to_text",
    "iter_documents",
    "url_date",
]

# Files that document a corpus folder rather than belong to it.
FOLDER_DOCUMENTATION = {"README", "SOURCES", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE"}
_SURROGATES = re.compile("[\ud800-\udfff]")


def iter_documents(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    lang: str = "auto",
    default_date: str | None = None,
) -> Iterator[Document | ReadError]:
    """Yield a ``Document`` for every article in ``paths`` (files or folders), or a ``ReadError``.

    ``lang`` is used for documents that do not declare their language; "auto" detects it.
    ``default_date`` (YYYY[-MM[-DD]]) dates the documents that carry no date of their own (see
    ``date_document`` for the order in which dates are looked for).
    """
    if lang != "auto" and not LANG_CODE.fullmatch(lang or ""):
        raise ValueError(f'lang must be "auto" or a language code such as "en" or "fr", not {lang!r}')
    if default_date is not None and iso_date(default_date) != default_date:
        raise ValueError(f"the date {default_date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    for item in _iter_undated(paths, lang):
        yield date_document(item, default_date) if isinstance(item, Document) else item


def _iter_undated(
    paths: str | os.PathLike | Iterable[str | os.PathLike], lang: str
) -> Iterator[Document | ReadError]:
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
    except Unreadable as problem:
        yield ReadError(str(path), str(problem))
    except Exception as error:  # one bad input must not stop the others
        yield ReadError(str(path), f"could not be read ({type(error).__name__}: {error})")


def _read_file(path: Path, doc_id: str, lang: str) -> Iterator[Document | ReadError]:
    kind = READERS.get(path.suffix.lower())
    if kind == "jsonl":
        yield from read_jsonl(path, doc_id, lang, MAX_JSONL_LINE_BYTES)
        return
    size = path.stat().st_size
    if size == 0:
        raise Unreadable("empty file; nothing to read")
    limit = MAX_MARKUP_FILE_BYTES if kind in ("html", "feed", None) else MAX_TEXT_FILE_BYTES
    if size > limit:
        raise Unreadable(
            f"too long ({size:,} bytes; the limit is {MAX_DOCUMENT_CHARS:,} characters of text): "
            "split it into smaller documents"
        )
    data = path.read_bytes()
    refuse_binary(data)
    if kind is None:
        kind = sniff_kind(data)
    if kind == "feed":
        yield from read_feed(path, data, doc_id, lang)
        return
    text = decode(data, html=kind == "html")
    if not text.strip():
        raise Unreadable("the file holds only whitespace; nothing to read")
    if kind == "html":
        yield read_html(path, text, doc_id, lang)
    elif kind == "markdown":
        yield read_markdown(path, text, doc_id, lang)
    else:
        yield make_document(path, doc_id, text, lang, derived_id=True)
