"""Datasette plugin: the claims graph page, its JSON data, and links to it.

Routes (``base_url`` aware):

- ``/-/claims-graph``: the page (vis-network, vendored under ``static/``: no CDN).
  ``?actor=CHN`` (or a name or alias) shows one actor's neighbourhood; ``stance``, ``since``,
  ``until`` and ``min_claims`` filter like ``kb export``; ``db`` picks a database when
  several are served (default: the plugin setting ``database``, else the first with claims).
- ``/-/claims-graph.json``: the aggregated graph (one edge per claimant, stance and subject),
  counted in SQL; the ``MAX_LINKS`` heaviest links and their actors (``n_links`` says how many).
- ``/-/claims-graph/claims.json``: the claims behind a node (``node=ID``) or an edge
  (``claimant=ID&subject=ID&stance=...``), with their evidence sentences.

The queries are kb.graph's, run through Datasette's own connection (``await db.execute``).
Static files are served at ``/-/static-plugins/cyber_claims_kb/`` (Datasette names an
entry-point plugin after its distribution, ``cyber-claims-kb``, and also mounts the underscore
spelling, which is the one used here).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from kb.graph import (
    ACTOR_BY_ID_SQL,
    ACTORS_SQL,
    GraphFilters,
    actor_ids_by_id,
    claims_count_query,
    claims_query,
    links_query,
    match_actor,
)

PLUGIN_NAME = "cyber_claims_kb"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
PAGE_PATH = "-/claims-graph"
MAX_CLAIMS_LISTED = 500
# vis-network lays out a few hundred links legibly; the count is done in SQL whatever the size
MAX_LINKS = 500


class BadRequest(ValueError):
    pass


def graph_url(datasette, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return datasette.urls.path(PAGE_PATH) + (f"?{query}" if query else "")


async def _claims_database(datasette, request):
    """The database named by ?db=, the plugin setting, or the first one holding claims."""
    wanted = request.args.get("db") or (datasette.plugin_config(PLUGIN_NAME) or {}).get("database")
    if wanted:
        try:
            db = datasette.get_database(wanted)
        except KeyError:
            raise BadRequest(f"no database named {wanted!r}") from None
        if not {"claims", "actors", "documents"} <= set(await db.table_names()):
            raise BadRequest(f"database {wanted!r} has no claims, actors and documents tables")
        return db
    for db in datasette.databases.values():
        if {"claims", "actors", "documents"} <= set(await db.table_names()):
            return db
    raise BadRequest("no database here has claims, actors and documents tables (build one with `kb ingest`)")


def _filters(request) -> GraphFilters:
    args = request.args
    min_claims = args.get("min_claims") or None
    try:
        return GraphFilters(
            stance=args.get("stance") or None,
            actor=(args.get("actor") or "").strip() or None,
            since=args.get("since") or None,
            until=args.get("until") or None,
            min_claims=int(min_claims) if min_claims else None,
        )
    except ValueError as error:
        raise BadRequest(str(error)) from error


async def _check_permission(datasette, request, db) -> None:
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, "claims")), ("view-database", db.name), "view-instance"],
    )


async def _load(datasette, request):
    """(database, filters, matched actor ids) for the request's filters."""
    db = await _claims_database(datasette, request)
    await _check_permission(datasette, request, db)
    filters = _filters(request)
    actor_ids = []
    if filters.actor:
        by_id = (await db.execute(ACTOR_BY_ID_SQL, {"query": filters.actor.strip()})).rows
        actor_ids = actor_ids_by_id(by_id, filters.actor)
        if not actor_ids:
            actor_rows = [dict(row) for row in (await db.execute(ACTORS_SQL)).rows]
            actor_ids = match_actor(actor_rows, filters.actor)
        if not actor_ids:
            raise BadRequest(f"no actor has the id, name or alias {filters.actor!r}")
    return db, filters, actor_ids


def _error(message: str, status: int = 400) -> Response:
    return Response.json({"ok": False, "error": message}, status=status)


async def graph_json(datasette, request):
    """The aggregated graph, counted in SQL: the MAX_LINKS heaviest links and their actors."""
    try:
        db, filters, actor_ids = await _load(datasette, request)
    except BadRequest as error:
        return _error(str(error))
    sql, params = links_query(filters, actor_ids, max_links=MAX_LINKS)
    summary = dict((await db.execute(sql, params)).rows[0])
    links = json.loads(summary["links"]) if summary["n_links"] else []
    nodes = json.loads(summary["nodes"]) if summary["n_links"] else []
    links.sort(key=lambda e: (-e["n_claims"], e["claimant_id"], e["stance"], e["subject_id"]))
    edges = [
        {
            "id": f"{e['claimant_id']}|{e['stance']}|{e['subject_id']}",
            "from": e["claimant_id"],
            "to": e["subject_id"],
            "stance": e["stance"],
            "count": e["n_claims"],
            "n_documents": e["n_documents"],
            "n_hedged": e["n_hedged"],
            "first_published": e["first_published"],
            "last_published": e["last_published"],
        }
        for e in links
    ]
    return Response.json(
        {
            "ok": True,
            "database": db.name,
            "filters": {k: v for k, v in vars(filters).items() if v is not None},
            "actor_ids": actor_ids,
            "n_claims": int(summary["n_claims"]),
            # the page draws at most MAX_LINKS links, the heaviest; n_links says how many there are
            "n_links": summary["n_links"],
            "truncated": summary["n_links"] > len(edges),
            "nodes": [{**n, "focus": n["id"] in actor_ids} for n in sorted(nodes, key=lambda n: n["id"])],
            "edges": edges,
        }
    )


async def claims_json(datasette, request):
    """The claims behind one node or one edge of the graph, evidence included (as plain data)."""
    args = request.args
    node, claimant, subject = args.get("node"), args.get("claimant"), args.get("subject")
    if not (node or (claimant and subject)):
        return _error("give node=ID, or claimant=ID and subject=ID")
    try:
        db, filters, actor_ids = await _load(datasette, request)
    except BadRequest as error:
        return _error(str(error))
    # ?stance= is also the graph's stance filter, so claims_where applies it
    if node:
        where, wanted = ["(c.claimant_id = :node OR c.subject_id = :node)"], {"node": node}
    else:
        where = ["c.claimant_id = :claimant", "c.subject_id = :subject"]
        wanted = {"claimant": claimant, "subject": subject}
    sql, params = claims_query(filters, actor_ids, where, order_by="published, id", limit=MAX_CLAIMS_LISTED)
    rows = [dict(row) for row in (await db.execute(sql, {**params, **wanted})).rows]
    count_sql, count_params = claims_count_query(filters, actor_ids, where)
    total = (await db.execute(count_sql, {**count_params, **wanted})).rows[0]["n"]
    named = {r[k] for r in rows for k in ("claimant_id", "subject_id", "speaker_id", "counterpart_id")}
    named.discard(None)
    marks = ", ".join("?" * len(named))
    names = {
        row["id"]: row["name"]
        for row in (await db.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})", list(named))).rows
    }
    claims_table = datasette.urls.table(db.name, "claims")
    documents_table = datasette.urls.table(db.name, "documents")
    claims = [
        {
            "id": row["id"],
            "claimant_id": row["claimant_id"],
            "claimant_name": names.get(row["claimant_id"], row["claimant_id"]),
            "subject_id": row["subject_id"],
            "subject_name": names.get(row["subject_id"], row["subject_id"]),
            **{k: row[k] for k in ("stance", "degree", "speaker_id", "counterpart_id", "cue")},
            "hedged": bool(row["hedged"]),
            "speaker_name": names.get(row["speaker_id"]),
            "counterpart_name": names.get(row["counterpart_id"]),
            "document_id": row["document_id"],
            "published": row["published"],
            "evidence": row["evidence"],
            "row_url": f"{claims_table}/{row['id']}",
            "document_row_url": f"{documents_table}/{_path_quote(row['document_id'])}",
        }
        for row in rows
    ]
    return Response.json({"ok": True, "claims": claims, "total": total, "truncated": total > len(claims)})


def _path_quote(value: str) -> str:
    from datasette.utils import tilde_encode

    return tilde_encode(str(value))


async def graph_page(datasette, request):
    filters_error = None
    db_name = None
    try:
        db = await _claims_database(datasette, request)
        await _check_permission(datasette, request, db)
        db_name = db.name
        _filters(request)
    except BadRequest as error:
        filters_error = str(error)
    args = request.args
    context = {
        "db_name": db_name,
        "error": filters_error,
        "actor_query": args.get("actor") or "",
        "stance": args.get("stance") or "",
        "since": args.get("since") or "",
        "until": args.get("until") or "",
        "min_claims": args.get("min_claims") or "",
        "json_url": datasette.urls.path(PAGE_PATH + ".json"),
        "claims_url": datasette.urls.path(PAGE_PATH + "/claims.json"),
        "page_url": datasette.urls.path(PAGE_PATH),
        "vis_url": datasette.urls.static_plugins(PLUGIN_NAME, "vis-network.min.js"),
        "script_url": datasette.urls.static_plugins(PLUGIN_NAME, "claims-graph.js"),
        "css_url": datasette.urls.static_plugins(PLUGIN_NAME, "claims-graph.css"),
    }
    html = await datasette.render_template("claims_graph.html", context, request=request)
    return Response.html(html, status=400 if filters_error else 200)


@hookimpl
def register_routes():
    return [
        (r"^/-/claims-graph\.json$", graph_json),
        (r"^/-/claims-graph/claims\.json$", claims_json),
        (r"^/-/claims-graph/?$", graph_page),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    # actors.name on the table page and the row page (the id is the row link on the table page)
    if table != "actors" or column != "name" or value is None:
        return None
    try:
        actor_id = row["id"]
    except (IndexError, KeyError):
        return None
    href = graph_url(datasette, actor=actor_id, db=database)
    return Markup(
        f'{escape(value)} <a class="claims-graph-link" href="{escape(href)}" '
        f'title="Who {escape(value)} accuses, and who accuses it">graph</a>'
    )


@hookimpl
def table_actions(datasette, database, table):
    if table in ("actors", "claims", "claim_edges", "actor_stats"):
        return [{"href": graph_url(datasette, db=database), "label": "Claims graph"}]
    return None


@hookimpl
def register_output_renderer(datasette):
    # claims pages and queries download as a STIX 2.1 bundle (.stix), built by kb.stix
    from kb.stix_renderer import can_render_stix, render_stix

    return {"extension": "stix", "render": render_stix, "can_render": can_render_stix}


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path(PAGE_PATH), "label": "Claims graph"}]
