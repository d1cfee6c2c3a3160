"""A set of claims read with everything an exchange format needs to stand on its own.

STIX and MISP files carry, besides the claims themselves, the actors they name, the documents
they come from, the accusations each denial answers and the operations (incidents) they are
about. ``ClaimSet`` holds those rows; the SQL is kept apart from the reading so that
``kb export`` (sqlite-utils) and the Datasette renderer (``await db.execute``) run the same
queries. The claims are chosen by id: ``kb export`` takes the ids from ``kb.graph.claims_query``
(the same filters as every other format), Datasette from the rows of a page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlite_utils

from kb.graph import CLAIM_COLUMNS_SQL, GraphFilters, claims_query, resolve_actor

IDS = "(SELECT value FROM json_each(:claim_ids))"

CLAIMS_BY_ID_SQL = CLAIM_COLUMNS_SQL + f" WHERE c.id IN {IDS} ORDER BY c.id"

DOCUMENTS_SQL = f"""
SELECT id, title, url, publisher, published, license, attribution, lang, ingested_at
FROM documents WHERE id IN (SELECT document_id FROM claims WHERE id IN {IDS}) ORDER BY id
"""

# the denials_answering view's pairs among the chosen claims, but not an accusation published
# after the denial (as on the researcher's pages)
ANSWERS_SQL = f"""
SELECT denial_id, accusation_id, same_document, same_incident
FROM denials_answering
WHERE denial_id IN {IDS} AND accusation_id IN {IDS} AND (days_between IS NULL OR days_between >= 0)
ORDER BY denial_id, accusation_id
"""

# the threat groups each claimant accuses in each document, over the whole KB (not only the
# chosen claims), so that the group behind a state's accusation does not depend on the filters
GROUPS_ACCUSED_SQL = f"""
SELECT DISTINCT c.document_id, c.claimant_id, c.subject_id
FROM claims c JOIN actors a ON a.id = c.subject_id
WHERE c.stance = 'accuses' AND a.kind = 'group'
  AND c.document_id IN (SELECT document_id FROM claims WHERE id IN {IDS})
ORDER BY c.document_id, c.claimant_id, c.subject_id
"""

# when the KB has an incidents table and claims point at it (claims.incident_id)
INCIDENTS_SQL = f"""
SELECT c.id AS claim_id, i.* FROM claims c JOIN incidents i ON i.id = c.incident_id
WHERE c.id IN {IDS}
"""

KB_SQL = "SELECT min(ingested_at) AS first_ingested_at FROM documents"

ACTORS_SQL = """
SELECT id, name, kind, country, aliases, source, ref FROM actors
WHERE id IN (SELECT value FROM json_each(:actor_ids)) ORDER BY id
"""


@dataclass(frozen=True)
class Incident:
    """The operation a claim is about: a row of the incidents table, else the claim's free text."""

    key: str  # stable across exports: "incident-id:<incidents.id>" or "incident:<text, case-folded>"
    name: str
    description: str | None = None
    aliases: tuple[str, ...] = ()


def aliases(row: Mapping) -> list[str]:
    """The names of a JSON ``aliases`` column, without the row's own ``name``."""
    try:
        names = json.loads(row.get("aliases") or "[]")
    except (TypeError, ValueError):
        names = []
    if not isinstance(names, list):
        return []
    return [n for n in dict.fromkeys(names) if isinstance(n, str) and n and n != row.get("name")]


@dataclass
class ClaimSet:
    """The chosen claims (rows of ``kb.graph.CLAIM_COLUMNS_SQL``) and what they refer to."""

    claims: list[dict]
    documents: dict[str, dict] = field(default_factory=dict)
    actors: dict[str, dict] = field(default_factory=dict)
    # denial id -> the accusations (ids) among ``claims`` that it answers
    answers: dict[int, list[int]] = field(default_factory=dict)
    # (document id, claimant id) -> the groups that claimant accuses in that document
    groups_accused: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # claim id -> its row of the incidents table (when the KB has one)
    incidents: dict[int, dict] = field(default_factory=dict)
    first_ingested_at: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.claims

    def claim_keys(self) -> dict[int, str]:
        """claim id -> a key that stays the same when the KB is rebuilt (the id may not): its
        document, claimant, stance, subject and sentence, and a count when that repeats."""
        keys: dict[int, str] = {}
        seen: dict[str, int] = {}
        for claim in sorted(self.claims, key=lambda c: c["id"]):
            key = "|".join(
                str(claim[k]) for k in ("document_id", "claimant_id", "stance", "subject_id", "evidence")
            )
            seen[key] = seen.get(key, 0) + 1
            keys[claim["id"]] = f"{key}|{seen[key]}"
        return keys

    def incident(self, claim: Mapping) -> Incident | None:
        row = self.incidents.get(claim["id"])
        if row:
            name = str(row.get("name") or row["id"])
            return Incident(f"incident-id:{row['id']}", name, row.get("description"), tuple(aliases(row)))
        text = (claim.get("incident") or "").strip()
        return Incident(f"incident:{text.casefold()}", text) if text else None


def first_queries(claim_ids: Iterable[int], has_answers: bool, has_incidents: bool) -> dict:
    """name -> (sql, params) of what is read before the actors."""
    params = {"claim_ids": json.dumps(sorted(int(i) for i in claim_ids))}
    queries = {
        "claims": CLAIMS_BY_ID_SQL,
        "documents": DOCUMENTS_SQL,
        "groups": GROUPS_ACCUSED_SQL,
        "kb": KB_SQL,
    }
    if has_answers:
        queries["answers"] = ANSWERS_SQL
    if has_incidents:
        queries["incidents"] = INCIDENTS_SQL
    return {name: (sql, params if ":claim_ids" in sql else {}) for name, sql in queries.items()}


def actors_query(rows: Mapping[str, list[dict]]) -> tuple[str, dict]:
    """The actors that the first queries' rows name, and the states they belong to."""
    ids = set()
    for claim in rows["claims"]:
        ids.update(claim[k] for k in ("claimant_id", "subject_id", "speaker_id", "counterpart_id"))
    ids.update(row["subject_id"] for row in rows["groups"])
    ids.discard(None)
    return ACTORS_SQL, {"actor_ids": json.dumps(sorted(ids))}


def countries_query(actors: Mapping[str, dict]) -> tuple[str, dict]:
    """The states the actors belong to (``actors.country``) that are not already read."""
    ids = {a["country"] for a in actors.values() if a.get("country")} - set(actors)
    return ACTORS_SQL, {"actor_ids": json.dumps(sorted(ids))}


def has_incidents(tables: Iterable[str], claim_columns: Iterable[str]) -> bool:
    return "incidents" in set(tables) and "incident_id" in set(claim_columns)


def claim_set_from_rows(rows: Mapping[str, list[dict]]) -> ClaimSet:
    answers: dict[int, list[dict]] = {}
    for row in rows.get("answers", []):
        answers.setdefault(row["denial_id"], []).append(row)
    groups: dict[tuple[str, str], list[str]] = {}
    for row in rows["groups"]:
        groups.setdefault((row["document_id"], row["claimant_id"]), []).append(row["subject_id"])
    kb = rows["kb"][0] if rows["kb"] else {}
    return ClaimSet(
        claims=list(rows["claims"]),
        documents={row["id"]: row for row in rows["documents"]},
        actors={row["id"]: row for row in rows["actors"]},
        answers={denial: answered(pairs) for denial, pairs in answers.items()},
        groups_accused=groups,
        incidents={row["claim_id"]: row for row in rows.get("incidents", [])},
        first_ingested_at=kb.get("first_ingested_at"),
    )


def answered(pairs: list[dict]) -> list[int]:
    """The accusations a denial answers: those about the same incident when there are any, else
    those of its own document, else every accusation the view pairs it with."""
    for key in ("same_incident", "same_document"):
        closest = [p for p in pairs if p[key]]
        if closest:
            return [p["accusation_id"] for p in closest]
    return [p["accusation_id"] for p in pairs]


def read_claim_set(database: sqlite_utils.Database, claim_ids: Iterable[int]) -> ClaimSet:
    """The claims ``claim_ids`` of the KB, with what they refer to (sqlite-utils)."""
    claim_ids = list(claim_ids)
    queries = first_queries(
        claim_ids,
        has_answers="denials_answering" in database.view_names(),
        has_incidents=has_incidents(database.table_names(), database["claims"].columns_dict),
    )
    rows = {name: [dict(r) for r in database.query(sql, params)] for name, (sql, params) in queries.items()}
    rows["actors"] = [dict(r) for r in database.query(*actors_query(rows))]
    actors = {row["id"]: row for row in rows["actors"]}
    rows["actors"] += [dict(r) for r in database.query(*countries_query(actors))]
    return claim_set_from_rows(rows)


async def read_claim_set_async(db, claim_ids: Iterable[int]) -> ClaimSet:
    """The same through a Datasette ``Database`` (its read-only connection)."""
    claim_ids = list(claim_ids)
    queries = first_queries(
        claim_ids,
        has_answers="denials_answering" in await db.view_names(),
        has_incidents=has_incidents(await db.table_names(), await db.table_columns("claims")),
    )
    rows = {
        name: [dict(r) for r in (await db.execute(sql, params)).rows]
        for name, (sql, params) in queries.items()
    }
    rows["actors"] = [dict(r) for r in (await db.execute(*actors_query(rows))).rows]
    actors = {row["id"]: row for row in rows["actors"]}
    rows["actors"] += [dict(r) for r in (await db.execute(*countries_query(actors))).rows]
    return claim_set_from_rows(rows)


def read_filtered(database: sqlite_utils.Database, filters: GraphFilters) -> ClaimSet:
    """The claims that ``filters`` keep (as in every ``kb export`` format), with what they refer to.

    Raises ``kb.graph.UnknownActorError`` when ``filters.actor`` names no actor."""
    actor_ids = resolve_actor(database, filters.actor) if filters.actor else []
    sql, params = claims_query(filters, actor_ids)
    return read_claim_set(database, [row["id"] for row in database.query(sql, params)])
