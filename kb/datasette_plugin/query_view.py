"""The KB's canned query pages: the answer first, the SQL one click away.

A parameter gets a widget by its name: ``stance`` a select, ``actor`` a text box that suggests
the actors taking part in claims (any id, name or alias is accepted, kb.actor_lookup) with a
few one-click examples; any other parameter a text box. The template is ``query.html``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from kb.datasette_plugin.common import in_one_trip, rows

STANCE_OPTIONS = [("", "all"), ("accuses", "accusations"), ("denies", "denials")]
MAX_SUGGESTED = 400
N_EXAMPLES = 4

# the actors most often in claims, from the table every ingest refreshes
SUGGESTED_ACTORS_SQL = """
SELECT s.actor_id AS id, a.name,
  s.accusations_made + s.accusations_received + s.denials_made AS n
FROM actor_stats s JOIN actors a ON a.id = s.actor_id
ORDER BY n DESC, s.actor_id LIMIT :limit
"""
# a KB whose actor_stats was not refreshed (written by kb.store without kb ingest)
COUNTED_ACTORS_SQL = """
SELECT a.id, a.name, t.n FROM (
  SELECT id, count(*) AS n FROM (SELECT claimant_id AS id FROM claims UNION ALL SELECT subject_id FROM claims)
  GROUP BY id
) t JOIN actors a ON a.id = t.id
ORDER BY t.n DESC, a.id LIMIT :limit
"""


async def suggested_actors(db, limit: int = MAX_SUGGESTED) -> list[dict]:
    """The actors most often in claims, most often first."""
    found = []
    if "actor_stats" in await db.table_names():
        found = rows(await db.execute(SUGGESTED_ACTORS_SQL, {"limit": limit}))
    return found or rows(await db.execute(COUNTED_ACTORS_SQL, {"limit": limit}))


# a KB whose only denial pairs are reported together in their documents (time_to_denial leaves
# those out unless asked)
ONLY_SAME_DOCUMENT_PAIRS_SQL = """
SELECT EXISTS (SELECT 1 FROM denial_answers WHERE reason = 'same_document')
  AND NOT EXISTS (SELECT 1 FROM denial_answers WHERE reason != 'same_document' AND days_between >= 0)
"""
TOP_INCIDENT_SQL = "SELECT incident_id FROM incident_stats ORDER BY n_claims DESC, incident_id LIMIT 1"


async def example_values(db) -> dict[str, str]:
    """A value for each parameter that gives rows on this KB: the actor most often in claims, the
    incident with the most claims, and the pairs reported together when there are no others."""
    top = await suggested_actors(db, limit=1)
    examples = {"actor": top[0]["id"]} if top else {}
    tables = set(await db.table_names())
    if "denial_answers" in tables and (await db.execute(ONLY_SAME_DOCUMENT_PAIRS_SQL)).rows[0][0]:
        examples["include_same_document"] = "1"
    if "incident_stats" in tables:
        incident = (await db.execute(TOP_INCIDENT_SQL)).rows
        if incident:
            examples["incident"] = incident[0][0]
    return examples


def with_examples(url: str, params: list[str], examples: dict[str, str]) -> str:
    filled = {name: examples[name] for name in params if name in examples}
    return url + ("?" + urlencode(filled) if filled else "")


def _widget(name: str, value: str) -> dict:
    if name == "stance":
        return {"name": name, "label": "Stance", "kind": "select", "options": STANCE_OPTIONS, "value": value}
    if name == "actor":
        return {
            "name": name,
            "label": "Actor",
            "kind": "actor",
            "value": value,
            "placeholder": "id, name or alias in any language: CHN, China, Pékin",
        }
    return {"name": name, "label": name.replace("_", " ").capitalize(), "kind": "text", "value": value}


async def query_context(datasette, db, query_name: str, request) -> dict:
    canned = await datasette.get_canned_queries(db.name, request.actor)
    query = canned.get(query_name)
    if not query or query.get("write"):  # a write query keeps Datasette's own form
        return {}
    params = list(query.get("params") or [])
    widgets = [_widget(name, request.args.get(name, "")) for name in params]
    actors = await in_one_trip(datasette, db, suggested_actors) if "actor" in params else []
    page = datasette.urls.query(db.name, query_name)
    examples = [
        {"label": actor["name"], "url": page + "?" + urlencode({"actor": actor["id"]})}
        for actor in actors[:N_EXAMPLES]
    ]
    missing = [w["label"].lower() for w in widgets if w["kind"] == "actor" and not w["value"]]
    return {
        "kb_query": {
            "name": query_name,
            "url": page,
            "widgets": widgets,
            "actors": actors,
            "examples": examples,
            "missing": missing,
        }
    }
