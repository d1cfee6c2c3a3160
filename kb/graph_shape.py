"""Two ways to redraw the aggregated claims graph (``kb.graph.links_query``'s links and nodes):

- **denials towards their accusers**: a denial is drawn from the denier to each accuser it
  answers (table ``denial_answers``), else to the accuser it names, else to the party whose
  responsibility it denies when that is another actor; a denial of its own responsibility that
  answers no known accusation stays on its node (``self_denials``), never as a loop;
- **roll-up**: groups and agencies (and the people who speak for a state) are drawn as their
  state (``actors.country``): APT31, APT40, HAFNIUM and the MSS become China.

Pure functions over plain rows, plus the SQL they need, so that the Datasette page and scripts
share them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

ROLLED_KINDS = ("group", "agency", "person")

# each accuser a denial answers: one row per (denier, denied subject, accuser) with the denials
# behind it (the denials of the links shown, given as JSON [[denier, subject], ...])
DENIAL_TARGETS_SQL = """
WITH link AS (
  SELECT json_extract(value, '$[0]') AS claimant_id, json_extract(value, '$[1]') AS subject_id
  FROM json_each(:links)
),
-- a denial that names its accuser goes to it (counted from an index); one that names no one, to
-- the accusers it answers, else to the party it clears when that is another actor
target AS (
  SELECT d.claimant_id, d.subject_id, d.counterpart_id AS target_id, d.id, d.published
  FROM link l JOIN claims d ON d.stance = 'denies' AND d.claimant_id = l.claimant_id
    AND d.subject_id = l.subject_id AND d.counterpart_id IS NOT NULL
  UNION ALL
  SELECT d.claimant_id, d.subject_id,
    coalesce(p.accuser_id, CASE WHEN d.subject_id != d.claimant_id THEN d.subject_id END), d.id, d.published
  FROM link l JOIN claims d ON d.stance = 'denies' AND d.claimant_id = l.claimant_id
    AND d.subject_id = l.subject_id AND d.counterpart_id IS NULL
  LEFT JOIN (SELECT DISTINCT denial_id, accuser_id FROM denial_answers) p ON p.denial_id = d.id
)
SELECT claimant_id, subject_id, target_id, count(DISTINCT id) AS n_claims,
  NULL AS n_documents, NULL AS n_hedged,
  min(published) AS first_published, max(published) AS last_published
FROM target
GROUP BY claimant_id, subject_id, target_id
"""


def rolled_links_query(where: list[str], params: dict, max_links: int) -> tuple[str, dict]:
    """The accusation links with both ends rolled up to their state, counted in SQL: one pass over
    the covering index of the plain graph, then the (few) links grouped again. ``where`` and
    ``params`` are ``kb.graph.claims_where``'s. A rolled link's ``n_documents`` is not counted
    (a document may back several merged links): it is None."""
    kinds = ", ".join(f"'{k}'" for k in ROLLED_KINDS)
    where_sql = " AND ".join(["c.stance = 'accuses'", *where])
    sql = f"""
WITH roll AS MATERIALIZED (
  SELECT id, CASE WHEN kind IN ({kinds}) AND country IS NOT NULL THEN country ELSE id END AS up
  FROM actors
),
link AS MATERIALIZED (
  SELECT c.claimant_id, c.subject_id, count(*) AS n_claims,
    sum(CASE WHEN c.hedged THEN 1 ELSE 0 END) AS n_hedged,
    min(c.published) AS first_published, max(c.published) AS last_published
  FROM claims c WHERE {where_sql}
  GROUP BY c.claimant_id, c.subject_id
),
rolled AS (
  SELECT coalesce(rc.up, l.claimant_id) AS claimant_id, coalesce(rs.up, l.subject_id) AS subject_id,
    sum(l.n_claims) AS n_claims, sum(l.n_hedged) AS n_hedged,
    min(l.first_published) AS first_published, max(l.last_published) AS last_published
  FROM link l
  LEFT JOIN roll rc ON rc.id = l.claimant_id
  LEFT JOIN roll rs ON rs.id = l.subject_id
  GROUP BY 1, 2
)
SELECT
  (SELECT count(*) FROM rolled WHERE claimant_id != subject_id) AS n_links,
  (SELECT json_group_array(json_object(
     'claimant_id', claimant_id, 'stance', 'accuses', 'subject_id', subject_id, 'n_claims', n_claims,
     'n_documents', NULL, 'n_hedged', n_hedged,
     'first_published', first_published, 'last_published', last_published))
   FROM (SELECT * FROM rolled WHERE claimant_id != subject_id
         ORDER BY n_claims DESC, claimant_id, subject_id LIMIT :max_links)) AS links
"""
    return sql, {**params, "max_links": max_links}


ROLL_SQL = """
SELECT id, CASE WHEN kind IN ('group', 'agency', 'person') AND country IS NOT NULL AND country != id
  THEN country ELSE id END AS up
FROM actors WHERE id IN (SELECT value FROM json_each(:ids))
"""


def denial_links(links: list[dict]) -> list[list[str]]:
    """The (denier, subject) pairs of the denial links, for DENIAL_TARGETS_SQL's ``:links``."""
    return [[e["claimant_id"], e["subject_id"]] for e in links if e["stance"] == "denies"]


def redirect_denials(links: list[dict], targets: Iterable[Mapping]) -> tuple[list[dict], dict[str, int]]:
    """The links with each denial link replaced by links from the denier to the accusers it
    answers (``targets``: DENIAL_TARGETS_SQL's rows); also the number of denials, per actor,
    that answer no known accuser and deny its own responsibility (drawn on the node)."""
    out = [dict(e) for e in links if e["stance"] != "denies"]
    self_denials: dict[str, int] = {}
    for row in targets:
        if row["target_id"] is None:
            self_denials[row["claimant_id"]] = self_denials.get(row["claimant_id"], 0) + row["n_claims"]
            continue
        out.append(
            {
                "claimant_id": row["claimant_id"],
                "stance": "denies",
                "subject_id": row["target_id"],
                "denied_id": row["subject_id"],
                **{
                    k: row[k]
                    for k in ("n_claims", "n_documents", "n_hedged", "first_published", "last_published")
                },
            }
        )
    return merge(out), self_denials


def roll_up(links: list[dict], up: Mapping[str, str]) -> list[dict]:
    """The links with both ends replaced by their state (``up``: ROLL_SQL's id -> state)."""
    rolled = []
    for e in links:
        claimant, subject = (
            up.get(e["claimant_id"], e["claimant_id"]),
            up.get(e["subject_id"], e["subject_id"]),
        )
        rolled.append({**e, "claimant_id": claimant, "subject_id": subject})
    return merge(rolled)


def merge(links: list[dict]) -> list[dict]:
    """One link per (claimant, stance, subject): counts added, dates spread. ``n_documents`` is
    then a sum over the merged links (a document may count in two of them)."""
    merged: dict[tuple[str, str, str], dict] = {}
    for e in links:
        key = (e["claimant_id"], e["stance"], e["subject_id"])
        if key not in merged:
            merged[key] = {k: v for k, v in e.items() if k != "denied_id"}
            continue
        m = merged[key]
        for k in ("n_claims", "n_documents", "n_hedged"):
            m[k] = (m.get(k) or 0) + (e.get(k) or 0)
        dates = [d for d in (m.get("first_published"), e.get("first_published")) if d]
        m["first_published"] = min(dates) if dates else None
        dates = [d for d in (m.get("last_published"), e.get("last_published")) if d]
        m["last_published"] = max(dates) if dates else None
    return sorted(
        merged.values(), key=lambda e: (-e["n_claims"], e["claimant_id"], e["stance"], e["subject_id"])
    )


def nodes_for(
    links: list[dict], actors: Mapping[str, Mapping], self_denials: Mapping[str, int]
) -> list[dict]:
    """The nodes at the ends of ``links`` (and of the self-denials), with the claims they make
    and receive counted over these links."""
    made: dict[str, int] = {}
    received: dict[str, int] = {}
    for e in links:
        made[e["claimant_id"]] = made.get(e["claimant_id"], 0) + e["n_claims"]
        received[e["subject_id"]] = received.get(e["subject_id"], 0) + e["n_claims"]
    for actor_id, n in self_denials.items():
        made[actor_id] = made.get(actor_id, 0) + n
    ids = set(made) | set(received)
    nodes = []
    for actor_id in sorted(ids):
        actor = actors.get(actor_id) or {}
        nodes.append(
            {
                "id": actor_id,
                "name": actor.get("name") or actor_id,
                "kind": actor.get("kind") or "other",
                "country": actor.get("country"),
                "claims_made": made.get(actor_id, 0),
                "claims_received": received.get(actor_id, 0),
                "self_denials": self_denials.get(actor_id, 0),
            }
        )
    return nodes


def ids_json(links: list[dict]) -> str:
    return json.dumps(sorted({e[k] for e in links for k in ("claimant_id", "subject_id")}))
