"""Datasette plugin, the researcher's view: annotated documents, actor profiles and a timeline.

- Row page of ``documents`` (template ``row-kb-documents.html``): the cleaned text with each actor
  mention and each claim sentence marked, the claims beside it, source and date on top.
- Row page of ``actors`` (``row-kb-actors.html``): aliases and who uses them, claims made and
  received by counterpart, denials with the accusations they answer, documents.
- ``/-/timeline`` (and ``/-/timeline.json``): claims per month by stance for the KB or one actor
  (``?actor=CHN``, also a name or alias), drawn with Vega-Lite (vendored under
  ``static/researcher/``), and how many days each denial came after the accusation it answers.
- Home and database pages: a short guide with links to the graph, the timeline and the main
  canned queries (``index.html``, ``database-kb.html``).

Registered by its own entry point (``cyber_claims_kb_researcher``). Its templates and static
files live in the package's ``templates/`` and ``static/`` folders, which Datasette mounts for the
package plugin: the static URL is ``/-/static-plugins/cyber_claims_kb/researcher/...``.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from datasette.utils.asgi import Response

from kb.datasette_plugin.annotate import annotate

STATIC_PLUGIN = "cyber_claims_kb"
TIMELINE_PATH = "-/timeline"
GRAPH_PATH = "-/claims-graph"
KB_TABLES = {"documents", "actors", "mentions", "claims"}
# the canned queries a newcomer needs first, in this order (those missing are skipped)
GUIDE_QUERIES = (
    "who_accuses_whom",
    "claims_about",
    "actor_profile",
    "denials",
    "time_to_denial",
    "counter_accusations",
)
# "<stance> <role of the actor>" as a reader says it
ROLE_LABELS = {
    "accuses made": "accusations made",
    "accuses received": "accusations received",
    "accuses voiced": "accusations voiced as speaker",
    "denies made": "denials made",
    "denies received": "denials of its responsibility by others",
    "denies voiced": "denials voiced as speaker",
}
MAX_CLAIMS_PER_COUNTERPART = 50
MAX_DOCUMENTS_LISTED = 200
MONTH = re.compile(r"^\d{4}-\d{2}")

# an actor by id, name or alias, like the canned queries do
MATCH_ACTOR_SQL = """
SELECT id FROM actors
WHERE lower(id) = lower(:actor) OR lower(name) = lower(:actor)
  OR EXISTS (SELECT 1 FROM json_each(actors.aliases) WHERE lower(value) = lower(:actor))
ORDER BY lower(id) = lower(:actor) DESC, lower(name) = lower(:actor) DESC, id
LIMIT 1
"""


class BadRequest(ValueError):
    pass


def _rows(results) -> list[dict]:
    return [dict(row) for row in results.rows]


def static_url(datasette, name: str) -> str:
    return datasette.urls.static_plugins(STATIC_PLUGIN, f"researcher/{name}")


def actor_url(datasette, database: str, actor_id: str | None) -> str | None:
    if not actor_id:
        return None
    return datasette.urls.row(database, "actors", tilde_encode(actor_id))


def document_url(datasette, database: str, document_id: str) -> str:
    return datasette.urls.row(database, "documents", tilde_encode(document_id))


def timeline_url(datasette, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return datasette.urls.path(TIMELINE_PATH) + (f"?{query}" if query else "")


def graph_url(datasette, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return datasette.urls.path(GRAPH_PATH) + (f"?{query}" if query else "")


def safe_link(url: str | None) -> str | None:
    """Only web addresses become links (a stored javascript: URL stays text)."""
    if url and re.match(r"^https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


async def is_kb(db) -> bool:
    return KB_TABLES <= set(await db.table_names())


async def _actor_names(db, ids) -> dict[str, dict]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = _rows(await db.execute(f"SELECT id, name, kind, country FROM actors WHERE id IN ({marks})", ids))
    return {row["id"]: row for row in rows}


# ---------------------------------------------------------------- document page


async def document_context(datasette, db, document_id: str) -> dict:
    found = _rows(await db.execute("SELECT * FROM documents WHERE id = ?", [document_id]))
    if not found:
        return {}
    document = found[0]
    mentions = _rows(
        await db.execute(
            "SELECT id, actor_id, text, start_char, end_char FROM mentions WHERE document_id = ? ORDER BY id",
            [document_id],
        )
    )
    claims = _rows(
        await db.execute(
            "SELECT id, claimant_id, speaker_id, stance, subject_id, counterpart_id, degree, hedged, "
            "confidence, cue, evidence, start_char, end_char FROM claims WHERE document_id = ? "
            "ORDER BY start_char, id",
            [document_id],
        )
    )
    ids = [m["actor_id"] for m in mentions]
    for claim in claims:
        ids += [claim[k] for k in ("claimant_id", "subject_id", "speaker_id", "counterpart_id")]
    actors = await _actor_names(db, ids)
    annotated = annotate(document["text"], mentions, claims, actors)

    def party(actor_id):
        if not actor_id:
            return None
        actor = actors.get(actor_id) or {}
        return {
            "id": actor_id,
            "name": actor.get("name") or actor_id,
            "kind": actor.get("kind") or "unknown",
            "url": actor_url(datasette, db.name, actor_id),
        }

    claim_items = [
        {
            **claim,
            "claimant": party(claim["claimant_id"]),
            "subject": party(claim["subject_id"]),
            "speaker": party(claim["speaker_id"]),
            "counterpart": party(claim["counterpart_id"]),
            "located": claim["id"] in annotated.located_claims,
            "row_url": datasette.urls.row(db.name, "claims", str(claim["id"])),
        }
        for claim in claims
    ]
    mention_counts = Counter(m["actor_id"] for m in mentions)
    named = [
        {**party(actor_id), "n": n}
        for actor_id, n in sorted(mention_counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return {
        "researcher_document": {
            **{k: document.get(k) for k in ("id", "title", "publisher", "published", "lang", "status")},
            **{k: document.get(k) for k in ("license", "attribution", "n_words", "url")},
            "url_link": safe_link(document.get("url")),
            "text_html": annotated.html,
            "claims": claim_items,
            "n_claims": len(claims),
            "n_located_claims": len(annotated.located_claims),
            "n_mentions": len(mentions),
            "n_marked_mentions": annotated.marked_mentions,
            "actors_named": named,
        }
    }


# ---------------------------------------------------------------- actor page


async def alias_usage(db, actor: dict) -> tuple[list[dict], list[str]]:
    """Each name of the actor met in the corpus with how often each publisher writes it,
    and the gazetteer's aliases never met."""
    rows = _rows(
        await db.execute(
            "SELECT m.text, coalesce(d.publisher, '') AS publisher, count(*) AS n, "
            "count(DISTINCT m.document_id) AS n_documents "
            "FROM mentions m JOIN documents d ON d.id = m.document_id "
            "WHERE m.actor_id = ? GROUP BY m.text, d.publisher",
            [actor["id"]],
        )
    )
    try:
        aliases = [a for a in json.loads(actor.get("aliases") or "[]") if isinstance(a, str)]
    except json.JSONDecodeError:
        aliases = []
    known: dict[str, str] = {}
    for alias in [actor["name"], *aliases]:
        if alias:
            known.setdefault(alias.casefold(), alias)  # the first spelling (the name) wins
    usage: dict[str, dict] = {}
    for row in rows:
        key = (row["text"] or "").casefold()
        entry = usage.setdefault(
            key,
            {
                "alias": known.get(key, row["text"]),
                "in_gazetteer": key in known,
                "n": 0,
                "publishers": Counter(),
            },
        )
        entry["n"] += row["n"]
        entry["publishers"][row["publisher"] or "(publisher unknown)"] += row["n"]
    used = sorted(usage.values(), key=lambda e: (-e["n"], e["alias"]))
    for entry in used:
        entry["publishers"] = entry["publishers"].most_common()
    unused = sorted({a for key, a in known.items() if key not in usage}, key=str.casefold)
    return used, unused


def _counterpart(claim: dict, actor_id: str) -> tuple[str | None, str]:
    """The other party of a claim seen from ``actor_id``, and the actor's role in it."""
    if claim["claimant_id"] == actor_id:
        if claim["subject_id"] == actor_id:
            return claim["counterpart_id"], "made"
        return claim["subject_id"], "made"
    if claim["subject_id"] == actor_id:
        return claim["claimant_id"], "received"
    return claim["claimant_id"], "voiced"


async def actor_context(datasette, db, actor_id: str) -> dict:
    found = _rows(await db.execute("SELECT * FROM actors WHERE id = ?", [actor_id]))
    if not found:
        return {}
    actor = found[0]
    used_aliases, unused_aliases = await alias_usage(db, actor)
    claims = _rows(
        await db.execute(
            "SELECT c.*, d.published, d.title AS document_title, d.publisher "
            "FROM claims c JOIN documents d ON d.id = c.document_id "
            "WHERE c.claimant_id = :id OR c.subject_id = :id OR c.speaker_id = :id "
            "ORDER BY d.published, c.id",
            {"id": actor_id},
        )
    )
    names = await _actor_names(
        db,
        [actor.get("country")]
        + [c[k] for c in claims for k in ("claimant_id", "subject_id", "speaker_id", "counterpart_id")],
    )

    def name(other):
        return (names.get(other) or {}).get("name") or other

    groups: dict[str | None, dict] = {}
    for claim in claims:
        other, role = _counterpart(claim, actor_id)
        group = groups.setdefault(
            other,
            {
                "id": other,
                "name": name(other) if other else "(no counterpart named)",
                "url": actor_url(datasette, db.name, other),
                "counts": Counter(),
                "claims": [],
            },
        )
        group["counts"][f"{claim['stance']} {role}"] += 1
        group["claims"].append(
            {
                **claim,
                "role": role,
                "claimant_name": name(claim["claimant_id"]),
                "subject_name": name(claim["subject_id"]),
                "speaker_name": name(claim["speaker_id"]) if claim["speaker_id"] else None,
                "claimant_url": actor_url(datasette, db.name, claim["claimant_id"]),
                "subject_url": actor_url(datasette, db.name, claim["subject_id"]),
                "document_url": document_url(datasette, db.name, claim["document_id"])
                + f"#claim-{claim['id']}",
                "row_url": datasette.urls.row(db.name, "claims", str(claim["id"])),
            }
        )
    counterparts = sorted(groups.values(), key=lambda g: (-len(g["claims"]), g["name"] or ""))
    for group in counterparts:
        group["n"] = len(group["claims"])
        group["hidden"] = max(0, group["n"] - MAX_CLAIMS_PER_COUNTERPART)
        group["claims"] = group["claims"][:MAX_CLAIMS_PER_COUNTERPART]
        group["counts"] = [(ROLE_LABELS[key], n) for key, n in sorted(group["counts"].items())]

    denials = await denials_of(datasette, db, actor_id)
    documents = _rows(
        await db.execute(
            "SELECT d.id, d.title, d.published, d.publisher, d.lang, count(m.id) AS n_mentions, "
            "(SELECT count(*) FROM claims c WHERE c.document_id = d.id AND "
            " (c.claimant_id = :id OR c.subject_id = :id)) AS n_claims "
            "FROM documents d LEFT JOIN mentions m ON m.document_id = d.id AND m.actor_id = :id "
            "WHERE m.id IS NOT NULL OR d.id IN "
            " (SELECT document_id FROM claims WHERE claimant_id = :id OR subject_id = :id) "
            "GROUP BY d.id ORDER BY d.published DESC, d.id LIMIT :limit",
            {"id": actor_id, "limit": MAX_DOCUMENTS_LISTED + 1},
        )
    )
    for document in documents:
        document["url"] = document_url(datasette, db.name, document["id"])
    totals = Counter()
    for claim in claims:
        _other, role = _counterpart(claim, actor_id)
        totals[f"{claim['stance']} {role}"] += 1
    country = actor.get("country")
    return {
        "researcher_actor": {
            **actor,
            "country_name": name(country) if country else None,
            "country_url": actor_url(datasette, db.name, country)
            if country in names and country != actor_id
            else None,
            "used_aliases": used_aliases,
            "unused_aliases": unused_aliases,
            "counterparts": counterparts,
            "n_claims": len(claims),
            "totals": totals,
            "denials": denials,
            "documents": documents[:MAX_DOCUMENTS_LISTED],
            "more_documents": len(documents) > MAX_DOCUMENTS_LISTED,
            "graph_url": graph_url(datasette, actor=actor_id),
            "timeline_url": timeline_url(datasette, actor=actor_id),
        }
    }


DENIALS_SQL = """
SELECT
  da.*,
  da.days_between AS days,
  subject.name AS subject_name
FROM denials_answering da
JOIN actors subject ON subject.id = da.subject_id
WHERE :actor = '' OR da.denier_id = :actor OR da.subject_id = :actor OR da.accuser_id = :actor
ORDER BY da.denial_published, da.denial_id, da.accusation_published, da.accusation_id
"""


async def denials_of(datasette, db, actor_id: str = "") -> list[dict]:
    """Denials (by or about the actor, or answering it) each with the accusations they answer."""
    if "denials_answering" not in await db.view_names():
        return []
    rows = _rows(await db.execute(DENIALS_SQL, {"actor": actor_id or ""}))
    denials: dict[int, dict] = {}
    for row in rows:
        denial = denials.setdefault(
            row["denial_id"],
            {
                "id": row["denial_id"],
                "denier_id": row["denier_id"],
                "denier_name": row["denier_name"],
                "denier_url": actor_url(datasette, db.name, row["denier_id"]),
                "subject_id": row["subject_id"],
                "subject_name": row["subject_name"],
                "published": row["denial_published"],
                "evidence": row["denial_evidence"],
                "document_url": document_url(datasette, db.name, row["denial_document_id"])
                + f"#claim-{row['denial_id']}",
                "row_url": datasette.urls.row(db.name, "claims", str(row["denial_id"])),
                "accusations": [],
                "later_accusations": 0,
            },
        )
        if row["days"] is not None and row["days"] < 0:
            # an accusation published after the denial is not what the denial answered
            denial["later_accusations"] += 1
            continue
        denial["accusations"].append(
            {
                "id": row["accusation_id"],
                "accuser_id": row["accuser_id"],
                "accuser_name": row["accuser_name"],
                "accuser_url": actor_url(datasette, db.name, row["accuser_id"]),
                "published": row["accusation_published"],
                "evidence": row["accusation_evidence"],
                "days": row["days"],
                "same_document": bool(row["same_document"]),
                "document_url": document_url(datasette, db.name, row["accusation_document_id"])
                + f"#claim-{row['accusation_id']}",
                "row_url": datasette.urls.row(db.name, "claims", str(row["accusation_id"])),
            }
        )
    return list(denials.values())


# ---------------------------------------------------------------- timeline


async def kb_database(datasette, request):
    """The database named by ?db=, else the first one that holds a claims KB."""
    wanted = request.args.get("db")
    if wanted:
        try:
            db = datasette.get_database(wanted)
        except KeyError:
            raise BadRequest(f"no database named {wanted!r}") from None
        if not await is_kb(db):
            raise BadRequest(f"database {wanted!r} has no documents, actors, mentions and claims tables")
        return db
    for db in datasette.databases.values():
        if await is_kb(db):
            return db
    raise BadRequest("no database here holds a claims KB (build one with `kb ingest`)")


async def find_actor(db, query: str) -> dict:
    matched = _rows(await db.execute(MATCH_ACTOR_SQL, {"actor": query}))
    if not matched:
        raise BadRequest(f"no actor has the id, name or alias {query!r}")
    return _rows(await db.execute("SELECT id, name, kind FROM actors WHERE id = ?", [matched[0]["id"]]))[0]


# whole KB: one series per stance; one actor: what it says, and what others say of it
MONTHS_SQL = """
SELECT substr(d.published, 1, 7) AS month, c.stance AS series, count(*) AS n
FROM claims c JOIN documents d ON d.id = c.document_id
WHERE d.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
GROUP BY month, series ORDER BY month, series
"""
ACTOR_MONTHS_SQL = """
SELECT substr(d.published, 1, 7) AS month,
  CASE
    WHEN c.claimant_id = :actor THEN c.stance
    WHEN c.subject_id = :actor AND c.stance = 'accuses' THEN 'accused by others'
    ELSE 'denied by others'
  END AS series,
  count(*) AS n
FROM claims c JOIN documents d ON d.id = c.document_id
WHERE (c.claimant_id = :actor OR c.subject_id = :actor)
  AND d.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
GROUP BY month, series ORDER BY month, series
"""
UNDATED_SQL = """
SELECT count(*) AS n FROM claims c JOIN documents d ON d.id = c.document_id
WHERE (:actor = '' OR c.claimant_id = :actor OR c.subject_id = :actor)
  AND (d.published IS NULL OR NOT d.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*')
"""
SERIES_COLOURS = {
    "accuses": "#c0392b",
    "accused by others": "#e67e22",
    "denies": "#2471a3",
    "denied by others": "#76b7d9",
}


async def timeline_data(datasette, request) -> dict:
    db = await kb_database(datasette, request)
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, "claims")), ("view-database", db.name), "view-instance"],
    )
    query = (request.args.get("actor") or "").strip()
    actor = await find_actor(db, query) if query else None
    actor_id = actor["id"] if actor else ""
    if actor:
        months = _rows(await db.execute(ACTOR_MONTHS_SQL, {"actor": actor_id}))
    else:
        months = _rows(await db.execute(MONTHS_SQL))
    undated = _rows(await db.execute(UNDATED_SQL, {"actor": actor_id}))[0]["n"]
    denials = []
    for denial in await denials_of(datasette, db, actor_id):
        for accusation in denial["accusations"]:
            if accusation["days"] is None:  # undated: no delay to measure
                continue
            denials.append(
                {
                    "denial_id": denial["id"],
                    "denier_id": denial["denier_id"],
                    "denier_name": denial["denier_name"],
                    "denier_url": denial["denier_url"],
                    "denial_published": denial["published"],
                    "denial_url": denial["document_url"],
                    "accusation_id": accusation["id"],
                    "accuser_id": accusation["accuser_id"],
                    "accuser_name": accusation["accuser_name"],
                    "accuser_url": accusation["accuser_url"],
                    "accusation_published": accusation["published"],
                    "accusation_url": accusation["document_url"],
                    "days": accusation["days"],
                    "same_document": accusation["same_document"],
                }
            )
    denials.sort(key=lambda d: (d["days"], d["denial_published"] or "", d["denial_id"], d["accusation_id"]))
    series = [s for s in SERIES_COLOURS if any(m["series"] == s for m in months)]
    return {
        "ok": True,
        "database": db.name,
        "actor": actor,
        "months": months,
        "series": series,
        "colours": [SERIES_COLOURS[s] for s in series],
        "n_claims_dated": sum(m["n"] for m in months),
        "n_claims_undated": undated,
        "denials": denials,
        "median_days_to_denial": _median([d["days"] for d in denials]),
    }


def _median(values: list[int]) -> float | int | None:
    if not values:
        return None
    median = statistics.median(values)
    return int(median) if median == int(median) else round(median, 1)


def _error(message: str, status: int = 400) -> Response:
    return Response.json({"ok": False, "error": message}, status=status)


async def timeline_json(datasette, request):
    try:
        return Response.json(await timeline_data(datasette, request))
    except BadRequest as error:
        return _error(str(error))


async def timeline_page(datasette, request):
    try:
        data, error = await timeline_data(datasette, request), None
    except BadRequest as failure:
        data, error = None, str(failure)
    actor_id = data["actor"]["id"] if data and data["actor"] else None
    context = {
        "error": error,
        "data": data,
        "actor_query": request.args.get("actor") or "",
        "db_arg": request.args.get("db") or "",
        "page_url": datasette.urls.path(TIMELINE_PATH),
        "json_url": datasette.urls.path(TIMELINE_PATH + ".json"),
        "graph_url": graph_url(datasette, actor=actor_id),
        "actor_url": actor_url(datasette, data["database"], actor_id) if actor_id else None,
        "researcher_css_url": static_url(datasette, "researcher.css"),
        "script_urls": [
            static_url(datasette, n) for n in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
        ],
        "timeline_js_url": static_url(datasette, "timeline.js"),
    }
    html = await datasette.render_template("researcher_timeline.html", context, request=request)
    return Response.html(html, status=400 if error else 200)


# ---------------------------------------------------------------- home and database guide


async def guide_context(datasette, database: str | None, request) -> dict:
    db = None
    if database:
        db = datasette.get_database(database)
        if not await is_kb(db):
            return {}
    else:
        for candidate in datasette.databases.values():
            if await is_kb(candidate):
                db = candidate
                break
    if db is None:
        return {}
    canned = await datasette.get_canned_queries(db.name, request.actor if request else None)
    queries = [
        {
            "name": name,
            "title": canned[name].get("title") or name,
            "description": canned[name].get("description") or "",
            "url": datasette.urls.query(db.name, name),
        }
        for name in GUIDE_QUERIES
        if name in canned
    ][:5]
    return {
        "researcher_guide": {
            "database": db.name,
            "graph_url": graph_url(datasette),
            "timeline_url": timeline_url(datasette),
            "documents_url": datasette.urls.table(db.name, "documents"),
            "actors_url": datasette.urls.table(db.name, "actors"),
            "claims_url": datasette.urls.table(db.name, "claims"),
            "queries": queries,
        }
    }


# ---------------------------------------------------------------- hooks


@hookimpl
def register_routes():
    return [
        (r"^/-/timeline\.json$", timeline_json),
        (r"^/-/timeline/?$", timeline_page),
    ]


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    async def inner():
        if request is None:
            return {}
        extra = {"researcher_css_url": static_url(datasette, "researcher.css")}
        if view_name in ("index", "database"):
            extra.update(
                await guide_context(datasette, database if view_name == "database" else None, request)
            )
            return extra
        if view_name != "row" or table not in ("documents", "actors") or "pks" not in request.url_vars:
            return extra
        db = datasette.get_database(database)
        if not await is_kb(db):
            return extra
        pk = urlsafe_components(request.url_vars["pks"])[0]
        if table == "documents":
            extra.update(await document_context(datasette, db, pk))
        else:
            extra.update(await actor_context(datasette, db, pk))
        return extra

    return inner


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path(TIMELINE_PATH), "label": "Claims timeline"}]
