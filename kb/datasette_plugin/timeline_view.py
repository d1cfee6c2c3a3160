"""``/-/timeline`` and ``/-/timeline.json``: claims per month by stance for the KB or one actor
(``?actor=CHN``, also a name or alias), drawn with Vega-Lite (vendored under
``static/researcher/``), and how many days each denial came after the accusation it answers."""

from __future__ import annotations

import statistics

from datasette.utils.asgi import Response

from kb.datasette_plugin.common import (
    TIMELINE_PATH,
    BadRequest,
    actor_url,
    check_permission,
    error_response,
    find_actors,
    graph_url,
    in_one_trip,
    kb_database,
    rows,
    static_url,
    stats_are_fresh,
)
from kb.datasette_plugin.denials import MAX_ANSWERED, MAX_DENIALS, denials_of
from kb.palette import SERIES_COLOURS

# Claims per month and series: read from claim_months (counted with actor_stats after each
# ingest) while it is as new as the claims; else counted here (a KB written without a refresh).
STORED_MONTHS_SQL = "SELECT month, series, n FROM claim_months WHERE actor_id = :actor"
_MONTH = (
    "CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(published, 1, 7) ELSE '' END"
)
COUNTED_MONTHS_SQL = f"""
SELECT {_MONTH} AS month, stance AS series, count(*) AS n FROM claims
WHERE :actor = '' OR claimant_id = :actor GROUP BY month, series
UNION ALL
SELECT {_MONTH} AS month,
  CASE WHEN stance = 'accuses' THEN 'accused by others' ELSE 'denied by others' END AS series, count(*)
FROM claims WHERE :actor != '' AND subject_id = :actor AND claimant_id != :actor GROUP BY month, series
"""


async def month_counts(db, actor_id: str) -> tuple[list[dict], int]:
    """(dated months with their series and counts, in order; the number of undated claims)."""
    sql = STORED_MONTHS_SQL if await stats_are_fresh(db) else COUNTED_MONTHS_SQL
    counted = rows(await db.execute(sql, {"actor": actor_id}))
    months = sorted((r for r in counted if r["month"]), key=lambda r: (r["month"], r["series"]))
    return months, sum(r["n"] for r in counted if not r["month"])


async def _actor(db, query: str) -> dict:
    actor_id = (await find_actors(db, query))[0]
    return rows(await db.execute("SELECT id, name, kind FROM actors WHERE id = ?", [actor_id]))[0]


async def timeline_data(datasette, request) -> dict:
    db = await kb_database(datasette, request)
    await check_permission(datasette, request, db)
    # (its dozen queries in one trip to an SQL thread: common.in_one_trip)
    return await in_one_trip(datasette, db, lambda kb: _timeline_data(datasette, kb, request))


async def _timeline_data(datasette, db, request) -> dict:
    query = (request.args.get("actor") or "").strip()
    actor = await _actor(db, query) if query else None
    actor_id = actor["id"] if actor else ""
    months, undated = await month_counts(db, actor_id)
    # a pair reported together in one document says nothing about how fast the denial came
    with_same_document = request.args.get("same_document") == "1"
    denials = []
    answering = await denials_of(datasette, db, actor_id)
    for denial in answering:
        for accusation in denial["accusations"]:
            if accusation["days"] is None:  # undated: no delay to measure
                continue
            if accusation["same_document"] and not with_same_document:
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
                    "reason": accusation["reason"],
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
        "denials_capped": len(answering) >= MAX_DENIALS
        or any(len(d["accusations"]) >= MAX_ANSWERED for d in answering),
        "max_denials": MAX_DENIALS,
        "max_answered": MAX_ANSWERED,
        "median_days_to_denial": _median([d["days"] for d in denials]),
        "with_same_document": with_same_document,
    }


def _median(values: list[int]) -> float | int | None:
    if not values:
        return None
    median = statistics.median(values)
    return int(median) if median == int(median) else round(median, 1)


async def timeline_json(datasette, request):
    try:
        return Response.json(await timeline_data(datasette, request))
    except BadRequest as error:
        return error_response(str(error))


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
        "researcher_css_url": static_url(datasette, "researcher/researcher.css"),
        "script_urls": [
            static_url(datasette, f"researcher/{n}")
            for n in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
        ],
        "timeline_js_url": static_url(datasette, "researcher/timeline.js"),
    }
    html = await datasette.render_template("researcher_timeline.html", context, request=request)
    return Response.html(html, status=400 if error else 200)
