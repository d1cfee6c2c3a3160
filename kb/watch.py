"""``kb watch FEEDS.txt``: fetch the feeds and pages a group follows, and ingest what is new.

One poll: each source of FEEDS.txt (``kb.feed_sources``) is fetched politely (``kb.fetch``),
asking for a feed only if it changed since the last poll (its ETag and Last-Modified are kept in
the ``feeds`` table, with the time, status and error of each source's last fetch). A feed's new
entries go to ``feed_items`` as pending; then every pending item is fetched, its page cleaned by
the same reader as ``kb ingest`` (trafilatura), and the documents not stored yet (by address, then
by the SHA-256 of their text) are ingested.

Nothing is lost: an item whose page cannot be fetched stays pending and is tried again at the
next polls (``MAX_ATTEMPTS``); an item whose page will never come (404, robots.txt, too large)
is ingested from the feed entry's own text when it has one. Every failure is said on the console,
kept in ``feeds.error`` or ``feed_items.error``, and recorded in ``ingest_errors``.
"""

from __future__ import annotations

import hashlib
import html
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from extract.read import iter_documents
from extract.records import Document, ReadError
from kb import store
from kb.feed_sources import FeedError, Source, is_feed, parse_feed, read_sources
from kb.fetch import Fetcher, FetchError

MAX_ATTEMPTS = 3  # polls that try an item's page before it is given up (or read from its entry)
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")

FEEDS_COLUMNS = {
    "url": str,
    "kind": str,  # feed or page
    "title": str,
    "line": int,  # in the FEEDS.txt of the last poll
    "status": str,  # ok, not modified, already stored, error
    "http_status": int,
    "error": str,
    "etag": str,
    "last_modified": str,
    "last_fetched_at": str,
    "last_ok_at": str,
    "entries": int,  # in the feed when last fetched
    "new_items": int,  # found new at the last poll
    "documents": int,  # stored from this source, all polls
}
FEED_ITEMS_COLUMNS = {
    "id": str,  # the article's address, else the feed's address and the entry's id
    "url": str,
    "feed_url": str,
    "title": str,
    "published": str,
    "rights": str,
    "content": str,  # the entry's own text (HTML)
    "status": str,  # pending, stored, duplicate, failed
    "attempts": int,
    "error": str,
    "document_id": str,
    "first_seen_at": str,
    "updated_at": str,
}


def create_tables(db: sqlite_utils.Database) -> None:
    db["feeds"].create(FEEDS_COLUMNS, pk="url", if_not_exists=True)
    db["feed_items"].create(FEED_ITEMS_COLUMNS, pk="id", if_not_exists=True)
    db["feed_items"].create_index(["status", "attempts"], if_not_exists=True)
    db["feed_items"].create_index(["url"], if_not_exists=True)
    db["feed_items"].create_index(["feed_url"], if_not_exists=True)
    db["documents"].create_index(["url"], if_not_exists=True)  # a page already stored is not fetched


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class PollSummary:
    sources: int = 0
    fetched: int = 0
    not_modified: int = 0
    new_items: int = 0
    documents: int = 0
    duplicates: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.sources} sources: {self.fetched} fetched, {self.not_modified} not modified; "
            f"{self.new_items} new items, {self.documents} new documents ({self.claims} claims), "
            f"{self.duplicates} already stored under another address; "
            f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}"
        )


@dataclass
class Watcher:
    """One poll of a FEEDS.txt into the KB at ``db_path``."""

    db_path: Path
    fetcher: Fetcher
    lang: str = "auto"
    archive: Path | None = None  # keep the fetched pages here (else a temporary folder)
    echo: Callable[[str], None] = print
    ingest_options: dict = field(default_factory=dict)

    def poll(self, feeds_file: Path) -> PollSummary:
        self.summary = PollSummary()
        self.db = store.open_db(self.db_path)
        self.prefetched: dict[str, bytes] = {}  # a page line's bytes: no second request
        sources, bad_lines = read_sources(feeds_file)
        self.summary.sources = len(sources) + len(bad_lines)
        for written, reason, error in bad_lines:
            self._record_source(written, {"line": error.line, "status": "error", "error": reason})
            self._error(error)
        for source in sources:
            self._poll_source(source)
        settings = {source.url: source.settings for source in sources}
        with tempfile.TemporaryDirectory(prefix="kb-watch-") as scratch:
            folder = self.archive or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            documents = self._read_pending(folder, settings)
            self._ingest(documents)
        return self.summary

    # ------------------------------------------------------------------ sources

    def _poll_source(self, source: Source) -> None:
        found = list(self.db["feeds"].rows_where("url = ?", [source.url]))
        stored = found[0] if found else {}
        if stored.get("kind") == "page" and self._stored_address(source.url):
            self._record_source(source.url, {"line": source.line, "status": "already stored", "error": None})
            return
        try:
            fetched = self.fetcher.get(source.url, stored.get("etag"), stored.get("last_modified"))
        except FetchError as error:
            failed = {"line": source.line, "status": "error", "http_status": error.status}
            self._record_source(source.url, failed)
            self._source_failed(source.url, error.reason)
            return
        validators = {"etag": fetched.headers.get("etag")}
        validators["last_modified"] = fetched.headers.get("last-modified")
        done = {"line": source.line, "http_status": fetched.status, "error": None, "last_ok_at": _now()}
        if fetched.not_modified:
            self.summary.not_modified += 1
            self._record_source(source.url, {**done, "status": "not modified", "new_items": 0})
            self.echo(f"{source.url}: not modified")
            return
        self.summary.fetched += 1
        if not is_feed(fetched):
            new = not self._known(source.url)
            if new:
                self._add_items([(source.url, source.url, None, None, None, "")], source.url)
            if not self._stored_address(source.url):
                self.prefetched[source.url] = fetched.body
            self._record_source(source.url, {**done, "kind": "page", "status": "ok", "new_items": int(new)})
            self.echo(f"{source.url}: page{'' if new else ', seen before'}")
            return
        try:
            feed = parse_feed(source.url, fetched.body, fetched.final_url)
        except FeedError as error:
            self._record_source(source.url, {"line": source.line, "kind": "feed", "status": "error"})
            self._source_failed(source.url, str(error))
            return
        fresh = [e for e in feed.entries if not self._known(e.key)]
        rows = [(e.key, e.url, e.title, e.published, e.rights, e.content) for e in fresh]
        self._add_items(rows, source.url)
        counts = {"kind": "feed", "status": "ok", "title": feed.title, "entries": len(feed.entries)}
        self._record_source(source.url, {**done, **validators, **counts, "new_items": len(fresh)})
        self.echo(f"{source.url}: {len(feed.entries)} entries, {len(fresh)} new")
        bad_links = [f"entry link {link!r} is not an http(s) URL" for link in feed.bad_links]
        for problem in [feed.warning, *bad_links]:
            if problem:
                self._record_source(source.url, {"error": problem})
                self._error(ReadError(source.url, problem))

    def _source_failed(self, url: str, reason: str) -> None:
        self._record_source(url, {"error": reason})
        self._error(ReadError(url, reason))

    def _record_source(self, url: str, values: dict) -> None:
        with self.db.atomic():
            self.db["feeds"].upsert({"url": url, "last_fetched_at": _now(), **values}, pk="url")

    def _stored_address(self, url: str) -> bool:
        return bool(self.db["documents"].count_where("url = ? OR id = ?", [url, url]))

    def _known(self, key: str) -> bool:
        """An item seen before (pending, stored, given up) or a document stored from the address."""
        return bool(self.db["feed_items"].count_where("id = ?", [key])) or self._stored_address(key)

    def _add_items(self, rows: list[tuple], feed_url: str) -> None:
        now = _now()
        records = [
            dict(zip(("id", "url", "title", "published", "rights", "content"), row, strict=True))
            | {"feed_url": feed_url, "status": "pending", "attempts": 0}
            | {"first_seen_at": now, "updated_at": now}
            for row in rows
        ]
        with self.db.atomic():
            self.db["feed_items"].insert_all(records, pk="id", ignore=True)
        self.summary.new_items += len(records)

    # ------------------------------------------------------------------ items

    def _read_pending(self, folder: Path, settings: dict[str, dict]) -> list[Document]:
        pending = list(
            self.db["feed_items"].rows_where(
                "status IN ('pending', 'failed') AND attempts < ?",
                [MAX_ATTEMPTS],
                order_by="first_seen_at, id",
            )
        )
        documents = []
        for item in pending:
            document = self._read_item(item, folder, settings.get(item["feed_url"], {}))
            if document is not None:
                documents.append(document)
        return documents

    def _read_item(self, item: dict, folder: Path, settings: dict) -> Document | None:
        body, problem = self.prefetched.get(item["id"]), None
        if item["url"] and body is None:
            try:
                fetched = self.fetcher.get(item["url"])
                if fetched.content_type not in PAGE_TYPES:
                    raise FetchError(item["url"], f"not a web page ({fetched.content_type})", permanent=True)
                body = fetched.body
            except FetchError as error:
                problem = error
        if body is None:  # no address, or its page cannot be fetched: the entry's own text, if any
            last_try = problem is None or problem.permanent or item["attempts"] + 1 >= MAX_ATTEMPTS
            if not (last_try and (item["content"] or "").strip()):
                permanent = problem is None or problem.permanent
                self._item_failed(item, problem.reason if problem else "no text", permanent)
                return None
            body = _entry_page(item).encode("utf-8")
        document = self._document(item, body, folder, settings)
        if isinstance(document, ReadError):
            self._item_failed(item, document.reason, permanent=True)
            return None
        if problem is not None:
            self._error(ReadError(item["url"], f"{problem.reason}; read from its feed entry instead"))
        return document

    def _document(self, item: dict, body: bytes, folder: Path, settings: dict) -> Document | ReadError:
        """The page read by ``kb ingest``'s own reader (trafilatura), with the feed's facts."""
        name = hashlib.sha256(item["id"].encode("utf-8")).hexdigest()[:20] + ".html"
        page = folder / name
        page.write_bytes(body)
        found = list(iter_documents([page], lang=settings.get("lang") or self.lang))
        document = found[0] if found else ReadError(item["id"], "nothing to read")
        if isinstance(document, ReadError):
            return ReadError(item["url"] or item["id"], document.reason)
        document.id = item["id"]
        document.url = item["url"] or document.url
        document.title = item["title"] or document.title
        document.published = item["published"] or document.published
        feeds = list(self.db["feeds"].rows_where("url = ?", [item["feed_url"]]))
        feed_title = feeds[0]["title"] if feeds else None
        document.publisher = settings.get("publisher") or document.publisher or feed_title
        document.license = settings.get("license") or item["rights"] or document.license
        document.attribution = settings.get("attribution") or document.attribution
        document.source_path = item["url"] or item["feed_url"]
        return document

    def _item_failed(self, item: dict, reason: str, permanent: bool = False) -> None:
        attempts = MAX_ATTEMPTS if permanent else item["attempts"] + 1
        with self.db.atomic():
            self.db["feed_items"].update(
                item["id"], {"status": "failed", "attempts": attempts, "error": reason, "updated_at": _now()}
            )
        given_up = (
            "; given up" if attempts >= MAX_ATTEMPTS else f"; tried again next poll (attempt {attempts})"
        )
        self._error(ReadError(item["url"] or item["id"], reason + given_up))

    def _ingest(self, documents: list[Document]) -> None:
        from kb.ingest import ingest

        known = {row["sha256"]: row["id"] for row in self.db.query("SELECT id, sha256 FROM documents")}
        fresh = []
        for document in documents:
            digest = store.sha256_of(document.text)
            if digest in known:
                self._item_done(document.id, "duplicate", known[digest])
                self.summary.duplicates += 1
            else:
                known[digest] = document.id
                fresh.append(document)
        if not fresh:
            return
        options = {"lang": self.lang, "echo": self.echo, **self.ingest_options}
        result = ingest([], self.db_path, documents=fresh, **options)
        self.summary.claims += result.claims
        for document in fresh:
            if self.db["documents"].count_where("id = ?", [document.id]):
                self.summary.documents += 1
                self._item_done(document.id, "stored", document.id)
            else:  # extraction failed: ingest said why; the item is tried again
                item = self.db["feed_items"].get(document.id)
                self._item_failed(item, "not stored (extraction failed)")

    def _item_done(self, item_id: str, status: str, document_id: str) -> None:
        with self.db.atomic():
            self.db["feed_items"].update(
                item_id, {"status": status, "document_id": document_id, "error": None, "updated_at": _now()}
            )
            feed_url = self.db["feed_items"].get(item_id)["feed_url"]
            if status == "stored":
                self.db.execute(
                    "UPDATE feeds SET documents = coalesce(documents, 0) + 1 WHERE url = ?", [feed_url]
                )

    def _error(self, error: ReadError) -> None:
        message = f"error: {error}"
        self.summary.errors.append(message)
        store.save_error(self.db, error)
        self.echo(message)


def _entry_page(item: dict) -> str:
    """A feed entry as a small page, for the same reader as the articles."""
    title = html.escape(item["title"] or "")
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{item['content']}</body></html>"
