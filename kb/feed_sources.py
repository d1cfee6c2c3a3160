"""What ``kb watch`` reads: the list of sources (FEEDS.txt) and the entries of a fetched feed.

FEEDS.txt holds one address a line, a feed (RSS or Atom) or a page, with optional settings for
the documents it gives; blank lines and lines starting with ``#`` are skipped::

    # a ministry's news, under the UK's Open Government Licence
    https://www.example.gov.uk/news/rss.xml license="Open Government Licence v3.0"
    https://www.example.gov/press-releases/feed.xml lang=en publisher="Example Department"
    https://www.example.org/statements/2024-03-25-statement.html

Settings: ``lang`` (when the page does not say it), ``license``, ``attribution`` and
``publisher`` (given to every document of the line).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from extract.records import ReadError
from kb.fetch import Fetched, FetchError, check_address

SETTINGS = ("lang", "license", "attribution", "publisher")
LANG_CODE = re.compile(r"[a-z]{2,3}")
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)


@dataclass(frozen=True)
class Source:
    """A line of FEEDS.txt."""

    url: str
    line: int
    settings: dict = field(default_factory=dict, compare=False)


def read_sources(path: Path) -> tuple[list[Source], list[tuple[str, str, ReadError]]]:
    """The sources of a FEEDS.txt, and (address as written, reason, error naming the file and line)
    for each line that is wrong."""
    sources: list[Source] = []
    errors: list[tuple[str, str, ReadError]] = []
    seen: set[str] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line)
        except ValueError as error:
            reason = f"cannot read the line ({error})"
            errors.append((line.split()[0], reason, ReadError(str(path), reason, number)))
            continue
        written = words[0]
        try:
            url = check_address(written)
            settings = _settings(words[1:])
        except (FetchError, ValueError) as error:
            reason = error.reason if isinstance(error, FetchError) else str(error)
            errors.append((written, reason, ReadError(str(path), f"{written}: {reason}", number)))
            continue
        if url not in seen:
            seen.add(url)
            sources.append(Source(url, number, settings))
    return sources, errors


def _settings(words: list[str]) -> dict:
    settings = {}
    for word in words:
        key, equals, value = word.partition("=")
        if not equals or key not in SETTINGS:
            known = ", ".join(f"{name}=..." for name in SETTINGS)
            raise ValueError(f"unknown setting {word!r} (settings: {known})")
        if key == "lang" and not LANG_CODE.fullmatch(value):
            raise ValueError(f"lang={value!r}: give a language code such as en or fr")
        settings[key] = value
    return settings


def is_feed(fetched: Fetched) -> bool:
    """A feed by its first bytes, else by a feed's content type; anything else is read as a page."""
    if _FEED_START.search(fetched.body[:2048]):
        return True
    if "html" in fetched.content_type:
        return False
    return fetched.content_type in FEED_TYPES or fetched.content_type.endswith("+xml")


class FeedError(ValueError):
    """A feed that cannot be read at all."""


@dataclass
class Entry:
    """One entry of a feed: the article to fetch (``url``), and what the feed says of it."""

    key: str  # the article's address, else the feed's address and the entry's id
    url: str | None
    title: str | None
    published: str | None
    rights: str | None
    content: str  # the entry's own text (HTML), used when the article cannot be fetched


@dataclass
class ParsedFeed:
    title: str | None
    entries: list[Entry]
    warning: str | None = None  # malformed, but entries could be read
    bad_links: list[str] = field(default_factory=list)


def parse_feed(feed_url: str, body: bytes, base_url: str | None = None) -> ParsedFeed:
    """The entries of a feed's bytes (relative links read from ``base_url``, where the feed was
    found after redirects); FeedError when it is no feed at all."""
    import feedparser

    parsed = feedparser.parse(body)  # bytes: feedparser fetches nothing
    problem = str(parsed.get("bozo_exception") or "") if parsed.get("bozo") else ""
    if not parsed.version and not parsed.entries:
        raise FeedError(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    entries, bad_links = [], []
    for number, item in enumerate(parsed.entries, 1):
        link = (item.get("link") or "").strip() or None
        if link:
            try:
                link = check_address(urljoin(base_url or feed_url, link))
            except FetchError:
                bad_links.append(link)
                link = None
        contents = [c.get("value") or "" for c in item.get("content") or []]
        content = max(contents, key=len) if any(contents) else item.get("summary") or ""
        if not link and not content.strip():
            continue
        when = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(
            Entry(
                key=link or f"{feed_url}#{item.get('id') or number}",
                url=link,
                title=item.get("title") or None,
                published=date(*when[:3]).isoformat() if when else None,
                rights=item.get("rights") or parsed.feed.get("rights") or None,
                content=content,
            )
        )
    if problem and not entries:
        raise FeedError(f"malformed feed, no entry could be read ({problem})")
    warning = f"malformed feed ({problem}); {len(entries)} entries read" if problem else None
    return ParsedFeed(parsed.feed.get("title") or None, entries, warning, bad_links)
