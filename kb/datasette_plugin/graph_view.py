"""The claims graph: its page, its JSON data and the claims behind a node or a link.

- ``/-/claims-graph``: the page (vis-network, vendored under ``static/``: no CDN).
  ``?actor=CHN`` (or a name or alias) shows one actor's neighbourhood; ``stance``, ``since``,
  ``until`` and ``min_claims`` filter like ``kb export``; ``db`` picks a KB database when
  several are served (default: the first, see common.py).
- ``/-/claims-graph.json``: the aggregated graph (one edge per claimant, stance and subject),
  counted in SQL; the ``MAX_LINKS`` heaviest links and their actors (``n_links`` says how many).
- ``/-/claims-graph/claims.json``: the claims behind a node (``node=ID``) or an edge
  (``claimant=ID&subject=ID&stance=...``), with their evidence sentences.

Denials are drawn from the denier to the accusers they answer (dashed), never as loops;
``rollup=1`` draws groups, agencies and spokespeople as their state (kb.graph_shape).

The queries are kb.graph's, run through Datasette's own connection (``await db.execute``).
"""

from __future__ import annotations

import json

from datasette.utils.asgi import Response

from kb import graph_drawn, graph_links_read, graph_shape
from kb.datasette_plugin.common import (
    GRAPH_PATH,
    BadRequest,
    check_permission,
    claim_url,
    document_url,
    error_response,
    find_actors,
    in_one_trip,
    kb_database,
    links_are_kept,
    static_url,
)
from kb.graph import GraphFilters, claims_count_query, claims_page_query, claims_where, links_query

MAX_CLAIMS_LISTED = 500
MAX_LINKS = graph_links_read.MAX_LINKS


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
    # (its queries in one trip to an SQL thread: common.in_one_trip)
    rollup = request.args.get("rollup") == "1"
    return await in_one_trip(datasette, db, lambda kb: _graph_json(datasette, kb, filters, actor_ids, rollup))


async def _graph_json(datasette, db, filters, actor_ids, rollup: bool):
    kept = await _links_kept(db)
    if rollup:
        links, self_denials, summary, nodes = await _rolled_up(db, filters, actor_ids, kept)
    else:
        sql, params = _links_query(filters, actor_ids, kept)
        summary = dict((await db.execute(sql, params)).rows[0])
        links = json.loads(summary["links"]) if summary["n_links"] else []
        nodes = {n["id"]: n for n in (json.loads(summary["nodes"]) if summary["n_links"] else [])}
        denial_links, self_denials, _ = await _drawn_denials(db, links, kept, rollup=False)
        if graph_shape.denial_links(links):
            links = graph_shape.merge([e for e in links if e["stance"] != "denies"] + denial_links)
    truncated = len(links) > MAX_LINKS or summary["n_links"] > len(links)
    links = links[:MAX_LINKS]
    ends = {e[k] for e in links for k in ("claimant_id", "subject_id")} | set(self_denials)
    actors = {
        r["id"]: dict(r) for r in (await db.execute(ACTORS_BY_ID_SQL, {"ids": json.dumps(sorted(ends))})).rows
    }
    drawn = graph_shape.nodes_for(links, actors, self_denials)
    if not rollup:  # the SQL counted each actor's claims over the whole filtered graph
        for node in drawn:
            counted = nodes.get(node["id"])
            if counted:
                node.update(claims_made=counted["claims_made"], claims_received=counted["claims_received"])
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
            "rollup": rollup,
            "actor_ids": actor_ids,
            "n_claims": int(summary["n_claims"]),
            # the page draws at most MAX_LINKS links, the heaviest; n_links says how many there are
            "n_links": summary["n_links"],
            "truncated": truncated,
            "nodes": [{**n, "focus": n["id"] in actor_ids} for n in drawn],
            "edges": edges,
        }
    )


# (kept in common: the actor page reads the kept links too)
_links_kept = links_are_kept


def _links_query(filters: GraphFilters, actor_ids: list[str], kept: bool) -> tuple[str, dict]:
    """The aggregated graph's row, from the kept links when they answer these filters."""
    if kept and graph_links_read.serves(filters):
        return graph_links_read.links_query(filters, actor_ids, max_links=MAX_LINKS)
    return links_query(filters, actor_ids, max_links=MAX_LINKS)


async def _rolled_up(db, filters: GraphFilters, actor_ids: list[str], kept: bool):
    """The rolled-up graph: accusations rolled up in SQL, denials (few) drawn towards their
    accusers and then rolled up here (kb.graph_shape)."""
    where, params = claims_where(filters, actor_ids)
    summary = {"n_claims": 0, "n_links": 0}
    links: list[dict] = []
    if filters.stance != "denies":
        if kept and graph_links_read.serves(filters):
            sql, sql_params = graph_links_read.rolled_links_query(filters, actor_ids, MAX_LINKS)
        else:
            sql, sql_params = graph_shape.rolled_links_query(where, params, MAX_LINKS)
        row = dict((await db.execute(sql, sql_params)).rows[0])
        links = json.loads(row["links"]) if row["n_links"] else []
        summary["n_links"] += row["n_links"]
    denial_links: list[dict] = []
    if filters.stance != "accuses":
        denial_filters = GraphFilters(
            "denies", filters.actor, filters.since, filters.until, filters.min_claims
        )
        sql, sql_params = _links_query(denial_filters, actor_ids, kept)
        row = dict((await db.execute(sql, sql_params)).rows[0])
        denial_links = json.loads(row["links"]) if row["n_links"] else []
        summary["n_links"] += row["n_links"]
    denial_links, rolled, drawn = await _drawn_denials(db, denial_links, kept, rollup=True)
    summary["n_claims"] = sum(e["n_claims"] for e in links) + drawn + sum(rolled.values())
    return graph_shape.merge(links + denial_links), rolled, summary, {}


ACTORS_BY_ID_SQL = (
    "SELECT id, name, kind, country FROM actors WHERE id IN (SELECT value FROM json_each(:ids))"
)


async def _drawn_denials(db, links: list[dict], kept: bool, rollup: bool) -> tuple[list[dict], dict, int]:
    """The denial links of ``links`` drawn towards the accusers they answer (kb.graph_shape),
    rolled up or not: (the links drawn, the heaviest MAX_LINKS + 1 when kept; the denials of
    each actor's own responsibility answering no one; the claims of every link drawn). A
    link's targets are counted over all its denials, so the kept ones serve any filter."""
    pairs = graph_shape.denial_links(links)
    if not pairs:
        return [], {}, 0
    params = {"links": json.dumps(pairs), "max_links": MAX_LINKS + 1}
    if kept:  # added up in SQL: a much denied graph has tens of thousands of targets
        found = await _kept_drawn_denials(db, params["links"], rollup)
        if found is None:
            sql = graph_links_read.drawn_denials_query(rollup)
            found = [dict(r) for r in (await db.execute(sql, params)).rows]
        drawn = [{**r, "stance": "denies"} for r in found if r.pop("kind") == "link"]
        own = {r["claimant_id"]: r["n_claims"] for r in found if r["subject_id"] is None and r["claimant_id"]}
        total = sum(r["n_claims"] or 0 for r in found if r["claimant_id"] is None)
        return drawn, own, total
    targets = (await db.execute(graph_shape.DENIAL_TARGETS_SQL, params)).rows
    drawn, own = graph_shape.redirect_denials([e for e in links if e["stance"] == "denies"], targets)
    if not rollup:
        return drawn, own, sum(e["n_claims"] for e in drawn)
    ends = {e[k] for e in drawn for k in ("claimant_id", "subject_id")} | set(own)
    ids = {"ids": json.dumps(sorted(ends))}
    up = {r["id"]: r["up"] for r in (await db.execute(graph_shape.ROLL_SQL, ids)).rows}
    drawn = [e for e in graph_shape.roll_up(drawn, up) if e["claimant_id"] != e["subject_id"]]
    rolled: dict[str, int] = {}
    for actor_id, n in own.items():
        rolled[up.get(actor_id, actor_id)] = rolled.get(up.get(actor_id, actor_id), 0) + n
    return drawn, rolled, sum(e["n_claims"] for e in drawn)


async def _kept_drawn_denials(db, links: str, rollup: bool) -> list[dict] | None:
    """The answer kept for these denial links (kb.graph_drawn: the whole KB's), None when there
    is none as new as the kept links."""
    if not (await db.execute(graph_drawn.EXISTS_SQL)).rows[0][0]:
        return None
    found = (await db.execute(graph_drawn.KEPT_SQL, {"rollup": int(rollup), "links": links})).rows
    return json.loads(found[0][0]) if found else None


def _member(column: str, param: str, rollup: bool) -> str:
    """``column`` is the actor ``:param`` (or, rolled up, one of the actors of that state)."""
    if not rollup:
        return f"{column} = :{param}"
    kinds = ", ".join(f"'{k}'" for k in graph_shape.ROLLED_KINDS)
    return (
        f"{column} IN (SELECT id FROM actors WHERE id = :{param} "
        f"OR (country = :{param} AND kind IN ({kinds})))"
    )


def _subject(param: str, rollup: bool) -> str:
    """The claim is about ``:param`` (rolled up: about it or one of its organs, claims.subject_state)."""
    return f"c.subject_state = :{param}" if rollup else f"c.subject_id = :{param}"


def _edge_where(args, rollup: bool) -> list[str]:
    """The claims behind the edge ``claimant`` -> ``subject``; a denial's edge ends at the accuser
    it names, else at the accusers it answers, else at the party it clears (kb.graph_shape)."""
    claimant = _member("c.claimant_id", "claimant", rollup)
    if args.get("stance") != "denies":
        return [claimant, _subject("subject", rollup)]
    answered = (
        "EXISTS (SELECT 1 FROM denial_answers p WHERE p.denial_id = c.id AND "
        + _member("p.accuser_id", "subject", rollup)
        + ")"
    )
    cleared = (
        "NOT EXISTS (SELECT 1 FROM denial_answers p WHERE p.denial_id = c.id) "
        "AND c.subject_id != c.claimant_id AND " + _member("c.subject_id", "subject", rollup)
    )
    named = _member("c.counterpart_id", "subject", rollup)
    return [claimant, f"({named} OR (c.counterpart_id IS NULL AND ({answered} OR ({cleared}))))"]


# a node's claims counted from the kept links: the claims it makes or receives (once when it is
# both claimant and subject), 110,000 for China at a million claims
NODE_LINKS_COUNT_SQL = """
SELECT coalesce(sum(n_claims), 0) AS n FROM graph_links
WHERE (claimant_id = :node OR subject_id = :node) AND (:stance = '' OR stance = :stance)
"""


async def _node_counted_in_links(db, filters: GraphFilters) -> bool:
    """Whether the kept links count a node's claims under these filters (every claim of a link
    passes them or none, and none waits for its rebuild)."""
    if not graph_links_read.serves(filters) or (filters.min_claims and filters.min_claims > 1):
        return False
    return await links_are_kept(db)


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
    # (its queries in one trip to an SQL thread: common.in_one_trip)
    return await in_one_trip(datasette, db, lambda kb: _claims_json(datasette, args, kb, filters, actor_ids))


async def _claims_json(datasette, args, db, filters, actor_ids):
    node, claimant, subject = args.get("node"), args.get("claimant"), args.get("subject")
    # ?stance= is also the graph's stance filter, so claims_where applies it
    rollup = args.get("rollup") == "1"
    if node:
        either = [_member("c.claimant_id", "node", rollup), _subject("node", rollup)]
        where, wanted = [f"({' OR '.join(either)})"], {"node": node}
        sql, params = claims_page_query(filters, actor_ids, limit=MAX_CLAIMS_LISTED, any_of=either)
    else:
        where, wanted = _edge_where(args, rollup), {"claimant": claimant, "subject": subject}
        sql, params = claims_page_query(filters, actor_ids, where, limit=MAX_CLAIMS_LISTED)
    rows = [dict(row) for row in (await db.execute(sql, {**params, **wanted})).rows]
    count_sql, count_params = claims_count_query(filters, actor_ids, where)
    if node and not rollup and not actor_ids and await _node_counted_in_links(db, filters):
        count_sql, count_params = NODE_LINKS_COUNT_SQL, {"stance": filters.stance or ""}
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
        "rollup": args.get("rollup") == "1",
        "json_url": datasette.urls.path(GRAPH_PATH + ".json"),
        "claims_url": datasette.urls.path(GRAPH_PATH + "/claims.json"),
        "page_url": datasette.urls.path(GRAPH_PATH),
        "vis_url": static_url(datasette, "vis-network.min.js"),
        "script_url": static_url(datasette, "claims-graph.js"),
        "css_url": static_url(datasette, "claims-graph.css"),
    }
    html = await datasette.render_template("claims_graph.html", context, request=request)
    return Response.html(html, status=400 if filters_error else 200)
