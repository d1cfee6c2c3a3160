"""The claims graph: its page, its JSON data and the claims behind a node or a link.

- ``/-/claims-graph``: the page (vis-network, vendored under ``static/``: no CDN).
  ``?actor=CHN`` (or a name or alias) shows one actor's neighbourhood; ``stance``, ``since``,
  ``until`` and ``min_claims`` filter like ``kb export``; ``db`` picks a KB database when
  several are served (default: the first, see common.py).
- ``/-/claims-graph.json``: the aggregated graph (one edge per claimant, stance and subject),
  counted in SQL; the ``MAX_LINKS`` heaviest links and their actors (``n_links`` says how many).
- ``/-/claims-graph/claims.json``: the claims behind a node (``node=ID``) or an edge
  (``claimant=ID&subject=ID&stance=...``), with their evidence sentences.

The queries are kb.graph's, run through Datasette's own connection (``await db.execute``).
"""

from __future__ import annotations

import json

from datasette.utils.asgi import Response

from kb.datasette_plugin.common import (
    GRAPH_PATH,
    BadRequest,
    check_permission,
    claim_url,
    document_url,
    error_response,
    find_actors,
    kb_database,
    static_url,
)
from kb.graph import GraphFilters, claims_count_query, claims_query, links_query

MAX_CLAIMS_LISTED = 500
# vis-network lays out a few hundred links legibly; the count is done in SQL whatever the size
MAX_LINKS = 500


MAX_MIN_CLAIMS = 1_000_000_000  # (SQLite's integers stop at 2**63; 10**40 is no filter anyway)


def _filters(request) -> GraphFilters:
    args = request.args
    min_claims = (args.get("min_claims") or "").strip() or None
    if min_claims is not None and not (min_claims.isdigit() and 1 <= int(min_claims) <= MAX_MIN_CLAIMS):
        raise BadRequest(f"min_claims must be a whole number from 1 to {MAX_MIN_CLAIMS:,}")
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


async def _load(datasette, request):
    """(database, filters, matched actor ids) for the request's filters."""
    db = await kb_database(datasette, request)
    await check_permission(datasette, request, db)
    filters = _filters(request)
    actor_ids = await find_actors(db, filters.actor) if filters.actor else []
    return db, filters, actor_ids


async def graph_json(datasette, request):
    """The aggregated graph, counted in SQL: the MAX_LINKS heaviest links and their actors."""
    try:
        db, filters, actor_ids = await _load(datasette, request)
    except BadRequest as error:
        return error_response(str(error))
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
        return error_response("give node=ID, or claimant=ID and subject=ID")
    try:
        db, filters, actor_ids = await _load(datasette, request)
    except BadRequest as error:
        return error_response(str(error))
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
            "row_url": claim_url(datasette, db.name, row["id"]),
            "document_row_url": document_url(datasette, db.name, row["document_id"], row["id"]),
        }
        for row in rows
    ]
    return Response.json({"ok": True, "claims": claims, "total": total, "truncated": total > len(claims)})


async def graph_page(datasette, request):
    filters_error = None
    db_name = None
    try:
        db = await kb_database(datasette, request)
        await check_permission(datasette, request, db)
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
        "json_url": datasette.urls.path(GRAPH_PATH + ".json"),
        "claims_url": datasette.urls.path(GRAPH_PATH + "/claims.json"),
        "page_url": datasette.urls.path(GRAPH_PATH),
        "vis_url": static_url(datasette, "vis-network.min.js"),
        "script_url": static_url(datasette, "claims-graph.js"),
        "css_url": static_url(datasette, "claims-graph.css"),
    }
    html = await datasette.render_template("claims_graph.html", context, request=request)
    return Response.html(html, status=400 if filters_error else 200)
