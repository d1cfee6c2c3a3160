"""Per-actor statistics over the claims, rebuilt after every ingest: table ``actor_stats``."""

from __future__ import annotations

import networkx as nx
import sqlite_utils

from kb.graph import aggregate_graph, load_graph

ACTOR_STATS_COLUMNS = {
    "actor_id": str,
    "name": str,
    "accusations_made": int,
    "accusations_received": int,
    "denials_made": int,
    "counter_accusations": int,
    "pagerank": float,
    "first_claim": str,
    "last_claim": str,
}

# per actor: claims made and received, and the published dates of the documents they come from
COUNTS_SQL = """
WITH involvement AS (
  SELECT c.claimant_id AS actor_id, c.stance, 'made' AS side, d.published
  FROM claims c JOIN documents d ON d.id = c.document_id
  UNION ALL
  SELECT c.subject_id, c.stance, 'received', d.published
  FROM claims c JOIN documents d ON d.id = c.document_id
)
SELECT
  a.id AS actor_id,
  a.name,
  sum(i.stance = 'accuses' AND i.side = 'made') AS accusations_made,
  sum(i.stance = 'accuses' AND i.side = 'received') AS accusations_received,
  sum(i.stance = 'denies' AND i.side = 'made') AS denials_made,
  min(substr(i.published, 1, 10)) AS first_claim,
  max(substr(i.published, 1, 10)) AS last_claim
FROM involvement i
JOIN actors a ON a.id = i.actor_id
GROUP BY a.id
"""


def accusation_pagerank(db: sqlite_utils.Database) -> dict[str, float]:
    """PageRank on the accusation graph (accuser -> accused, weighted by claims): high = much accused
    by actors that are themselves much accused. Empty when there are no accusations."""
    agg = aggregate_graph(load_graph(db, stance="accuses"))
    simple = nx.DiGraph()
    simple.add_nodes_from(agg)
    simple.add_weighted_edges_from((u, v, d["weight"]) for u, v, d in agg.edges(data=True))
    if simple.number_of_nodes() == 0:
        return {}
    return nx.pagerank(simple, weight="weight")


def counter_accusation_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many counter-accusations each denier made (from the ``counter_accusations`` view when present)."""
    if "counter_accusations" not in db.view_names():
        return {}
    counts: dict[str, int] = {}
    for row in db.query("SELECT denier_id, n_counter_accusations FROM counter_accusations"):
        counts[row["denier_id"]] = counts.get(row["denier_id"], 0) + (row["n_counter_accusations"] or 0)
    return counts


def refresh_actor_stats(db: sqlite_utils.Database) -> int:
    """Create or replace the ``actor_stats`` table; one row per actor that takes part in a claim.

    Returns the number of rows written.
    """
    rows = list(db.query(COUNTS_SQL))
    pagerank = accusation_pagerank(db)
    counters = counter_accusation_counts(db)
    for row in rows:
        row["counter_accusations"] = counters.get(row["actor_id"], 0)
        row["pagerank"] = round(pagerank.get(row["actor_id"], 0.0), 6)
    with db.atomic():
        db["actor_stats"].drop(ignore=True)
        db["actor_stats"].create(
            ACTOR_STATS_COLUMNS,
            pk="actor_id",
            foreign_keys=[("actor_id", "actors", "id")],
            column_order=list(ACTOR_STATS_COLUMNS),
        )
        db["actor_stats"].insert_all(rows)
    return len(rows)
