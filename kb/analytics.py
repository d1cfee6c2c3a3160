"""Per-actor statistics over the claims and mentions, rebuilt after every ingest: tables ``actor_stats``,
``claim_months`` (the timeline's counts) and ``actor_sentences`` (the actor page's).

Everything is counted in SQL (claims carry their dates): no evidence sentence is read, and
PageRank runs on the accusation links, one row per (accuser, accused) pair.
"""

from __future__ import annotations

import numpy as np
import sqlite_utils

from kb import store
from kb.graph_drawn import keep_drawn_denials
from kb.graph_links import refresh_graph_links
from kb.schema import ACTOR_STATS_COLUMNS, COUNTER_ACCUSATION_PAIRS_COLUMNS

# per actor: claims made and received, and the published dates of the documents they come from
COUNTS_SQL = """
WITH involvement AS (
  SELECT claimant_id AS actor_id, stance, 'made' AS side, published FROM claims
  UNION ALL
  SELECT subject_id, stance, 'received', published FROM claims
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


# the timeline's counts: per month ('' when undated) and series, for the whole KB (actor_id '')
# and for each actor (what it says, by stance; what others say of it)
_MONTH = (
    "CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(published, 1, 7) ELSE '' END"
)
CLAIM_MONTHS_SQL = f"""
INSERT INTO claim_months (actor_id, month, series, n)
SELECT '', {_MONTH} AS month, stance, count(*) FROM claims GROUP BY month, stance
UNION ALL
SELECT claimant_id, {_MONTH} AS month, stance, count(*) FROM claims GROUP BY claimant_id, month, stance
UNION ALL
SELECT subject_id, {_MONTH} AS month,
  CASE WHEN stance = 'accuses' THEN 'accused by others' ELSE 'denied by others' END AS series, count(*)
FROM claims WHERE subject_id != claimant_id GROUP BY subject_id, month, series
"""


# the actor page's distinct sentences (a sentence naming three claimants is one): per actor,
# stance and role, counted in the order of the indexes claims(claimant_id, stance, document_id,
# start_char, speaker_id) and claims(subject_id, stance, document_id, start_char, claimant_id) (3 s at a
# million claims; kb/datasette_plugin/actor_claims.py counts one actor's the same way)
_SENTENCE = "document_id IS NOT NULL AND start_char IS NOT NULL"
ACTOR_SENTENCES_SQL = f"""
INSERT INTO actor_sentences (actor_id, stance, role, n)
SELECT actor_id, stance, 'made', count(*) FROM (
  SELECT claimant_id AS actor_id, stance FROM claims WHERE claimant_id IS NOT NULL AND {_SENTENCE}
  GROUP BY claimant_id, stance, document_id, start_char
) GROUP BY actor_id, stance
UNION ALL
SELECT actor_id, stance, 'received', count(*) FROM (
  SELECT subject_id AS actor_id, stance FROM claims WHERE claimant_id != subject_id AND {_SENTENCE}
  GROUP BY subject_id, stance, document_id, start_char
) GROUP BY actor_id, stance
UNION ALL
SELECT actor_id, stance, 'voiced', count(*) FROM (
  SELECT speaker_id AS actor_id, stance FROM claims INDEXED BY idx_claims_speaker_id
  WHERE speaker_id IS NOT NULL AND claimant_id != speaker_id AND subject_id != speaker_id AND {_SENTENCE}
  GROUP BY speaker_id, stance, document_id, start_char
) GROUP BY actor_id, stance
"""


# per actor, the documents naming it, from the index mentions(actor_id, document_id) alone
DOCUMENTS_NAMING_SQL = "SELECT actor_id, count(DISTINCT document_id) FROM mentions GROUP BY actor_id"


ACCUSATION_LINKS_SQL = """
SELECT claimant_id, subject_id, count(*) AS n FROM claims
WHERE stance = 'accuses' GROUP BY claimant_id, subject_id
"""


def accusation_pagerank(db: sqlite_utils.Database) -> dict[str, float]:
    """PageRank on the accusation graph (accuser -> accused, weighted by claims): high = much accused
    by actors that are themselves much accused. Empty when there are no accusations."""
    # accuser -> accused -> claims; the nodes in the order they are first named, as in a networkx
    # DiGraph given these edges
    links: dict[str, dict[str, float]] = {}
    for row in db.query(ACCUSATION_LINKS_SQL):
        targets = links.setdefault(row["claimant_id"], {})
        links.setdefault(row["subject_id"], {})
        targets[row["subject_id"]] = row["n"]
    return _pagerank(links) if links else {}


def _pagerank(links: dict[str, dict[str, float]], alpha=0.85, max_iter=100, tol=1.0e-6) -> dict[str, float]:
    """networkx's ``pagerank(G, weight="weight")`` of the DiGraph of ``links``, computed the same way
    to the last bit, without networkx and scipy.sparse (their imports alone cost a third of a second
    of every ingest): each edge's weight divided by its source's total, then the power iteration of
    networkx's scipy variant, where each value of ``x @ A`` adds its sources' shares in the order
    of the nodes (as scipy's product does)."""
    nodes = list(links)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    totals = np.zeros(n)
    rows = []  # (source, its targets, their weights divided by the source's total)
    for j, node in enumerate(nodes):
        targets = [(index[target], float(weight)) for target, weight in links[node].items()]
        totals[j] = sum(weight for _, weight in targets)
        if targets and totals[j] != 0:
            share = 1.0 / totals[j]
            rows.append((j, np.array([i for i, _ in targets]), np.array([share * w for _, w in targets])))
    p = np.repeat(1.0 / n, n)
    x, dangling = p, np.where(totals == 0)[0]
    for _ in range(max_iter):
        xlast, product = x, np.zeros(n)
        for j, targets, shares in rows:
            product[targets] += x[j] * shares
        x = alpha * (product + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - xlast).sum() < n * tol:
            return dict(zip(nodes, map(float, x), strict=True))
    import networkx as nx  # (only to raise networkx's own error)

    raise nx.PowerIterationFailedConvergence(max_iter)


def counter_accusation_pairs(db: sqlite_utils.Database) -> list[dict]:
    """The ``counter_accusations`` view's rows (none when the KB has no such view)."""
    if "counter_accusations" not in db.view_names():
        return []
    return list(db.query("SELECT * FROM counter_accusations"))


def counter_accusation_counts(pairs: list[dict]) -> dict[str, int]:
    """How many counter-accusations each denier made."""
    counts: dict[str, int] = {}
    for row in pairs:
        counts[row["denier_id"]] = counts.get(row["denier_id"], 0) + (row["n_counter_accusations"] or 0)
    return counts


def refresh_actor_stats(db: sqlite_utils.Database) -> int:
    """Replace the rows of ``actor_stats``: one per actor that takes part in a claim.

    Returns the number of rows written. The claims' version is read first and recorded with
    the rows: claims written meanwhile leave the statistics marked stale, for the next refresh.
    """
    version = store.claims_version(db)
    rows = list(db.query(COUNTS_SQL))
    pagerank = accusation_pagerank(db)
    pairs = counter_accusation_pairs(db)
    counters = counter_accusation_counts(pairs)
    naming = dict(db.execute(DOCUMENTS_NAMING_SQL).fetchall())
    for row in rows:
        row["counter_accusations"] = counters.get(row["actor_id"], 0)
        row["pagerank"] = round(pagerank.get(row["actor_id"], 0.0), 6)
        row["documents_naming"] = naming.get(row["actor_id"], 0)
    with store.write_transaction(db):
        # the graph's links that changed without the writer (a review, a script): kb.graph_links
        if db["graph_links_dirty"].exists():
            refresh_graph_links(db)
        # the whole KB's denial arrows, drawn from those links (kb.graph_drawn)
        if db["graph_drawn_denials"].exists():
            keep_drawn_denials(db)
        db.execute("DELETE FROM actor_stats")
        db["actor_stats"].insert_all(rows, columns=ACTOR_STATS_COLUMNS)
        db.execute("DELETE FROM claim_months")
        db.execute(CLAIM_MONTHS_SQL)
        if db["actor_sentences"].exists():
            db.execute("DELETE FROM actor_sentences")
            db.execute(ACTOR_SENTENCES_SQL)
        # the whole KB's counter-accusations, a second's work at a million claims: kept for the
        # canned query, which reads them while stats_version says they are as new as the claims
        if db["counter_accusation_pairs"].exists():
            db.execute("DELETE FROM counter_accusation_pairs")
            db["counter_accusation_pairs"].insert_all(pairs, columns=COUNTER_ACCUSATION_PAIRS_COLUMNS)
        store.mark_stats_version(db, version)
    return len(rows)
