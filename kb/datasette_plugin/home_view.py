"""The home and database pages' guide: what the KB holds, in numbers, and where to start."""

from __future__ import annotations

from kb.datasette_plugin.common import graph_url, is_kb, kb_names, timeline_url
from kb.datasette_plugin.query_view import example_values, with_examples

# the canned queries a newcomer needs first, in this order (those missing are skipped)
GUIDE_QUERIES = (
    "who_accuses_whom",
    "claims_about",
    "actor_profile",
    "denials",
    "time_to_denial",
    "counter_accusations",
)


async def guide_context(datasette, database: str | None, request) -> dict:
    names = [database] if database else [n for n in kb_names(datasette) if n in datasette.databases]
    if not names or not is_kb(datasette, names[0]):
        return {}
    db = datasette.get_database(names[0])
    canned = await datasette.get_canned_queries(db.name, request.actor if request else None)
    examples = await example_values(db)
    queries = [
        {
            "name": name,
            "title": canned[name].get("title") or name,
            "description": canned[name].get("description") or "",
            # opened with an example filled in, so the first click shows an answer
            "url": with_examples(
                datasette.urls.query(db.name, name), canned[name].get("params") or [], examples
            ),
        }
        for name in GUIDE_QUERIES
        if name in canned
    ]
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
