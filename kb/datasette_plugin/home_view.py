"""The home and database pages' guide: what the KB holds, in numbers, and where to start."""

from __future__ import annotations

from kb.datasette_plugin.atom_view import claims_feed_url
from kb.datasette_plugin.common import (
    SOURCES_PATH,
    graph_url,
    is_kb,
    kb_names,
    rows,
    stats_are_fresh,
    timeline_url,
)
from kb.datasette_plugin.query_view import example_values, with_examples
from kb.datasette_plugin.review_view import review_numbers

# the canned queries a newcomer needs first, in this order (those missing are skipped)
GUIDE_QUERIES = (
    "who_accuses_whom",
    "claims_about",
    "actor_profile",
    "denials",
    "time_to_denial",
    "counter_accusations",
)


# the KB in numbers; dates are the documents' (YYYY...), an empty or missing one is undated
NUMBERS_SQL = """
SELECT
  (SELECT count(*) FROM documents) AS n_documents,
  (SELECT count(*) FROM claims) AS n_claims,
  (SELECT count(*) FROM claims WHERE stance = 'accuses') AS n_accusations,
  (SELECT count(*) FROM claims WHERE stance = 'denies') AS n_denials,
  (SELECT min(published) FROM documents WHERE published GLOB '[0-9][0-9][0-9][0-9]*') AS first_published,
  (SELECT max(published) FROM documents WHERE published GLOB '[0-9][0-9][0-9][0-9]*') AS last_published,
  (SELECT count(*) FROM documents WHERE NOT coalesce(published, '') GLOB '[0-9][0-9][0-9][0-9]*')
    AS n_undated_documents,
  (SELECT count(*) FROM claims WHERE NOT coalesce(published, '') GLOB '[0-9][0-9][0-9][0-9]*')
    AS n_undated_claims
"""
ACTORS_IN_CLAIMS_SQL = """
SELECT count(*) AS n FROM (SELECT claimant_id FROM claims UNION SELECT subject_id FROM claims)
"""


# the same from the statistics computed after each ingest (claim_months, actor_stats), while
# they are as new as the claims: counting a million claims on every visit of the home page is not
STORED_NUMBERS_SQL = """
SELECT
  (SELECT count(*) FROM documents) AS n_documents,
  (SELECT sum(n) FROM claim_months WHERE actor_id = '') AS n_claims,
  (SELECT sum(n) FROM claim_months WHERE actor_id = '' AND series = 'accuses') AS n_accusations,
  (SELECT sum(n) FROM claim_months WHERE actor_id = '' AND series = 'denies') AS n_denials,
  (SELECT min(published) FROM documents WHERE published GLOB '[0-9][0-9][0-9][0-9]*') AS first_published,
  (SELECT max(published) FROM documents WHERE published GLOB '[0-9][0-9][0-9][0-9]*') AS last_published,
  (SELECT count(*) FROM documents WHERE NOT coalesce(published, '') GLOB '[0-9][0-9][0-9][0-9]*')
    AS n_undated_documents,
  (SELECT sum(n) FROM claim_months WHERE actor_id = '' AND month = '') AS n_undated_claims,
  (SELECT count(*) FROM actor_stats) AS n_actors
"""


async def kb_numbers(db) -> dict:
    if await stats_are_fresh(db):
        stored = rows(await db.execute(STORED_NUMBERS_SQL))[0]
        numbers = {k: (v or 0) if k.startswith("n_") else v for k, v in stored.items()}
    else:
        numbers = rows(await db.execute(NUMBERS_SQL))[0]
        numbers["n_actors"] = rows(await db.execute(ACTORS_IN_CLAIMS_SQL))[0]["n"]
    for what in ("documents", "claims"):
        total = numbers[f"n_{what}"]
        numbers[f"undated_{what}_share"] = round(100 * numbers[f"n_undated_{what}"] / total) if total else 0
    for end in ("first_published", "last_published"):
        numbers[end] = (numbers[end] or "")[:10] or None
    return numbers


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
            "numbers": await kb_numbers(db),
            "reviews": await review_numbers(datasette, db),
            "feed_url": claims_feed_url(datasette, db.name),
            "new_claims_url": datasette.urls.query(db.name, "new_claims"),
            "sources_url": datasette.urls.path(SOURCES_PATH),
        }
    }
