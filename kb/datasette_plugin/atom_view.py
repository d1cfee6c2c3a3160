"""Atom feeds of query results (``.atom``), so that a feed reader shows each new claim.

Any query (canned or not) whose columns include ``atom_id``, ``atom_title`` and
``atom_updated`` can be read as a feed by adding ``.atom`` to its address; ``atom_content``,
``atom_link`` (relative to the query's page) and ``atom_author_name`` are read when present.
These are the column names of the datasette-atom plugin, which this replaces: datasette-atom 0.9
fails (HTTP 500) on a query without rows, and a feed of one actor's claims is often empty at
first. The KB's canned query ``new_claims`` is written for it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from urllib.parse import urlencode, urljoin, urlsplit

from datasette.utils.asgi import Response

from kb.export import XML_ILLEGAL

ATOM = "http://www.w3.org/2005/Atom"
REQUIRED = {"atom_id", "atom_title", "atom_updated"}
EPOCH = "1970-01-01T00:00:00+00:00"


FEED_QUERY = "new_claims"  # the canned query of kb_metadata.yml written for feeds


def claims_feed_url(datasette, database: str, actor_id: str | None = None) -> str:
    """The Atom feed of new claims made by or about an actor (all actors without one)."""
    return (
        datasette.urls.query(database, FEED_QUERY, format="atom")
        + "?"
        + urlencode({"actor": actor_id or "", "stance": ""})
    )


def can_render_atom(columns) -> bool:
    return REQUIRED <= set(columns or ())


def _text(value) -> str:
    return XML_ILLEGAL.sub(" ", "" if value is None else str(value))


def _timestamp(value) -> str:
    """An RFC 3339 time: a stored ISO date or time, in UTC when it names no zone."""
    text = str(value or EPOCH)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return EPOCH
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = _text(text)
    return element


async def _last_stored(datasette, database: str) -> str:
    """When the KB last stored a document: the date of a feed with no entry yet."""
    db = datasette.get_database(database)
    if "documents" not in await db.table_names():
        return EPOCH
    return (await db.execute("SELECT max(ingested_at) FROM documents")).rows[0][0] or EPOCH


def _feed_title(datasette, database: str, query_name: str | None, request) -> str:
    title = query_name or "Query"
    if query_name:
        queries = (datasette.metadata(database=database) or {}).get("queries") or {}
        title = (queries.get(query_name) or {}).get("title") or query_name
    asked = [f"{name}={request.args.get(name)}" for name in request.args.keys() if not name.startswith("_")]
    asked = [pair for pair in asked if not pair.endswith("=")]
    site = datasette.metadata("title") or "cyber-claims-kb"
    return f"{title}{' (' + ', '.join(asked) + ')' if asked else ''} · {site}"


async def render_atom(datasette, request, rows, columns, database, query_name):
    """The rows as an Atom 1.0 feed, newest first; a valid empty feed when there are none."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", request.url)
    _add(feed, "title", _feed_title(datasette, database, query_name, request))
    dates = [_timestamp(row["atom_updated"]) for row in rows]
    _add(feed, "updated", max(dates) if dates else _timestamp(await _last_stored(datasette, database)))
    _add(feed, "link", href=request.url, rel="self")
    parts = urlsplit(request.url)
    page = parts._replace(path=parts.path.removesuffix(".atom")).geturl()  # the query's HTML page
    _add(feed, "link", href=page, rel="alternate", type="text/html")
    author = _add(feed, "author")  # entries without their own author are the KB's
    _add(author, "name", datasette.metadata("title") or "cyber-claims-kb")
    _add(feed, "generator", "cyber-claims-kb (Datasette plugin)")
    for row, updated in zip(rows, dates, strict=True):
        entry = _add(feed, "entry")
        _add(entry, "id", row["atom_id"])
        _add(entry, "title", row["atom_title"])
        _add(entry, "updated", updated)
        if "atom_author_name" in columns and row["atom_author_name"]:
            _add(_add(entry, "author"), "name", row["atom_author_name"])
        if "atom_link" in columns and row["atom_link"]:
            _add(entry, "link", href=urljoin(page, str(row["atom_link"])), rel="alternate")
        if "atom_content" in columns and row["atom_content"]:
            _add(entry, "content", row["atom_content"], type="text")
    body = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return Response(
        '<?xml version="1.0" encoding="utf-8"?>\n' + body,
        content_type="application/atom+xml; charset=utf-8",
    )
