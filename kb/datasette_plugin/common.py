"""What the plugin's pages share: which databases are KBs, addresses, errors, the actor lookup.

A database is a knowledge base when the plugin configuration names it
(``plugins: cyber_claims_kb: databases: [kb, archive]`` in Datasette's metadata), or, when the
configuration names none, when it holds the KB's tables (checked once, at startup). Its file
name does not matter.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import yaml
from datasette.database import QueryInterrupted, Results
from datasette.utils import sqlite_timelimit, tilde_encode
from datasette.utils.asgi import Response

from kb import graph_links_read
from kb.actor_lookup import LOOKUP_SQL, UnknownActorError, best_matches

PLUGIN_NAME = "cyber_claims_kb"
KB_TABLES = frozenset({"documents", "actors", "mentions", "claims"})
GRAPH_PATH = "-/claims-graph"
TIMELINE_PATH = "-/timeline"
PALETTE_PATH = "-/cyber-claims-kb/palette.css"
SOURCES_PATH = "-/sources"
# the KB's table and column descriptions and canned queries, applied to every KB database
KB_METADATA = yaml.safe_load((Path(__file__).resolve().parent / "kb_metadata.yml").read_text("utf-8"))

# why a denial answers an accusation (kb/denials.py), as a reader says it
REASON_LABELS = {
    "same_document": "reported together",
    "same_incident": "same incident",
    "named": "names this accuser",
    "window": "within the window before the denial",
}

# Datasette instance -> names of its KB databases, found at startup
_KB_NAMES: dict[int, tuple[str, ...]] = {}


class BadRequest(ValueError):
    pass


def rows(results) -> list[dict]:
    return [dict(row) for row in results.rows]


def error_response(message: str, status: int = 400) -> Response:
    return Response.json({"ok": False, "error": message}, status=status)


# ---------------------------------------------------------------- which databases are KBs


def configured_names(datasette) -> list[str] | None:
    names = (datasette.plugin_config(PLUGIN_NAME) or {}).get("databases")
    if isinstance(names, str):
        names = [names]
    return list(names) if names else None


async def find_kb_databases(datasette) -> tuple[str, ...]:
    """The KB databases of this Datasette (the configured ones, else those with the KB's tables)."""
    names = configured_names(datasette)
    if names is None:
        names = [
            name
            for name, db in datasette.databases.items()
            if name != "_internal" and KB_TABLES <= set(await db.table_names())
        ]
    _KB_NAMES[id(datasette)] = tuple(names)
    return tuple(names)


def kb_names(datasette) -> tuple[str, ...]:
    """The KB databases found at startup (no I/O: metadata and cell hooks are synchronous)."""
    return _KB_NAMES.get(id(datasette), ())


def is_kb(datasette, database: str | None) -> bool:
    return bool(database) and database in kb_names(datasette)


async def kb_database(datasette, request):
    """The database named by ?db=, else the first KB database."""
    names = kb_names(datasette) or await find_kb_databases(datasette)
    wanted = request.args.get("db")
    if wanted:
        try:
            db = datasette.get_database(wanted)
        except KeyError:
            raise BadRequest(f"no database named {wanted!r}") from None
        if wanted not in names or not KB_TABLES <= set(await db.table_names()):
            raise BadRequest(f"database {wanted!r} is not a claims knowledge base")
        return db
    for name in names:
        if name in datasette.databases:
            db = datasette.get_database(name)
            if not KB_TABLES <= set(await db.table_names()):
                raise BadRequest(f"database {name!r} has no documents, actors, mentions and claims tables")
            return db
    raise BadRequest("no database here holds a claims KB (build one with `kb ingest`)")


FRESH_STATS_SQL = (
    "SELECT (SELECT value FROM _kb_state WHERE key = 'stats_version') "
    "= (SELECT value FROM _kb_state WHERE key = 'claims_version')"
)


async def stats_are_fresh(db) -> bool:
    """Whether actor_stats and claim_months were computed from the claims as they are now."""
    tables = set(await db.table_names())
    if not {"_kb_state", "claim_months", "actor_stats"} <= tables:
        return False
    return bool((await db.execute(FRESH_STATS_SQL)).rows[0][0])


async def links_are_kept(db) -> bool:
    """Whether the kept links (kb.graph_links) say what the claims say: a KB from before has
    none, and a link changed outside the writer waits for its rebuild."""
    if not (await db.execute(graph_links_read.KEPT_SQL)).rows[0][0]:
        return False
    return not (await db.execute(graph_links_read.MARKED_SQL)).rows[0][0]


async def check_permission(datasette, request, db) -> None:
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, "claims")), ("view-database", db.name), "view-instance"],
    )


async def find_actors(db, query: str) -> list[str]:
    """The ids of the actors best matching an id, name or alias (kb.actor_lookup)."""
    ids = best_matches(rows(await db.execute(LOOKUP_SQL, {"actor": query.strip()})))
    if not ids:
        raise BadRequest(str(UnknownActorError(query)))
    return ids


async def actor_rows_by_id(db, ids) -> dict[str, dict]:
    """id -> (id, name, kind, country) of the given actors."""
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    found = rows(await db.execute(f"SELECT id, name, kind, country FROM actors WHERE id IN ({marks})", ids))
    return {row["id"]: row for row in found}


# ---------------------------------------------------------------- a page's queries in one trip


class OneTrip:
    """A database as the pages' code reads it (``execute``, ``table_names``, ``view_names``,
    ``name``), answered at once on one connection of an SQL thread.

    Each ``await db.execute`` of Datasette is a trip to its thread pool and back; under load
    every trip waits its turn behind the other requests' Python, so a page of 20 queries waited
    20 times (an actor page took 1.7 s at p95 under 20 clients at a million claims for 0.2 s of
    work). ``in_one_trip`` runs a page's whole context in one trip instead."""

    def __init__(self, db, conn):
        self.name = db.name
        self.conn = conn

    async def execute(self, sql, params=None):
        cursor = self.conn.cursor()
        try:
            cursor.execute(sql, params if params is not None else {})
            return Results(cursor.fetchall(), False, cursor.description)
        except sqlite3.OperationalError as error:
            if error.args == ("interrupted",):  # over the time limit, as Datasette says it
                raise QueryInterrupted(error, sql, params) from None
            raise

    async def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    async def view_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]


async def in_one_trip(datasette, db, page):
    """``await page(db)`` with every query of it in one trip to an SQL thread (``OneTrip``),
    within the served KB's time limit. ``page`` awaits nothing but the database's methods."""
    limit = datasette.setting("sql_time_limit_ms")

    def run(conn):
        with sqlite_timelimit(conn, limit):
            coroutine = page(OneTrip(db, conn))
            try:
                coroutine.send(None)  # the queries answer at once: it runs to its end
            except StopIteration as finished:
                return finished.value
            coroutine.close()
            raise RuntimeError("a page's context awaited something other than its queries")

    return await db.execute_fn(run)


# ---------------------------------------------------------------- addresses


def page_url(datasette, path: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return datasette.urls.path(path) + (f"?{query}" if query else "")


def graph_url(datasette, **params) -> str:
    return page_url(datasette, GRAPH_PATH, **params)


def timeline_url(datasette, **params) -> str:
    return page_url(datasette, TIMELINE_PATH, **params)


def static_url(datasette, name: str) -> str:
    return datasette.urls.static_plugins(PLUGIN_NAME, name)


def actor_url(datasette, database: str, actor_id: str | None) -> str | None:
    if not actor_id:
        return None
    return datasette.urls.row(database, "actors", tilde_encode(str(actor_id)))


def document_url(datasette, database: str, document_id: str, claim_id=None) -> str:
    url = datasette.urls.row(database, "documents", tilde_encode(str(document_id)))
    return url + (f"#claim-{claim_id}" if claim_id is not None else "")


def claim_url(datasette, database: str, claim_id) -> str:
    return datasette.urls.row(database, "claims", str(claim_id))


def short_label(text: str | None) -> str:
    """A publisher or a licence as readers name it, without the notes after it:
    "Voice of America (VOA News; read in a gopher archive)" and "Voice of America (VOA, English)"
    are both "Voice of America" (the notes stay in the documents table)."""
    name = re.split(r"\s[(;]|;", text or "", maxsplit=1)[0].strip(" ,:")
    return name or (text or "").strip()


def safe_link(url: str | None) -> str | None:
    """Only web addresses become links (a stored javascript: URL stays text)."""
    if url and re.match(r"^https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None
