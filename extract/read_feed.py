"""RSS and Atom input: one document per feed entry (feedparser)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from extract.read_document import Unreadable, make_document
from extract.read_html import html_fragment_to_text
from extract.records import Document, ReadError


def read_feed(path: Path, data: bytes, file_id: str, lang: str) -> Iterator[Document | ReadError]:
    import feedparser

    parsed = feedparser.parse(data)  # bytes, never a URL: nothing is fetched
    if not parsed.version:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise Unreadable(f"not an RSS or Atom feed{problem}: give feeds as .rss/.atom/.xml, pages as .html")
    if not parsed.entries:
        raise Unreadable("the feed has no entries; nothing to read")
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
        yield make_document(
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
