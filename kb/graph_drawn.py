"""The whole KB's denial arrows, kept: what ``kb.graph_links_read.drawn_denials_query`` answers
for the graph page opened without a filter (plain, rolled up, and its denials alone).

Drawing a denial towards the accusers it answers adds up, at a million claims, some 66,000
targets of the 500 heaviest denial links (graph_denial_targets): 150 to 200 ms per request. The
answer is kept in ``graph_drawn_denials`` with the statistics (kb.analytics, after each ingest,
review or re-extraction, and by ``kb serve`` when they are older than the claims), one row per
question: whether rolled up, the denial links asked about (the exact ``:links`` the page passes)
and the answer's rows. Each row carries ``graph_links_version``, which every rebuild of the kept
links moves on (kb.graph_links): the page reads a row only when the links it asks about are the
same and the version is the current one, and adds the targets up itself otherwise.
"""

from __future__ import annotations

import json

import sqlite_utils

from kb import graph_links_read, graph_shape
from kb.graph import GraphFilters
from kb.graph_links import VERSION_KEY, VERSION_SQL, links_are_current, refresh_graph_links
from kb.store import write_transaction

COLUMNS = {"rollup": int, "links": str, "version": int, "rows": str}

# the kept answer to the page's question, if it is as new as the kept links
EXISTS_SQL = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'graph_drawn_denials'"
KEPT_SQL = f"""
SELECT rows FROM graph_drawn_denials
WHERE rollup = :rollup AND links = :links AND version = ({VERSION_SQL})
"""

# the page's questions without a filter: the whole graph's denial links (among its heaviest
# links), and the heaviest denial links (the graph of denials, and the rolled-up graph's)
QUESTIONS = [(GraphFilters(), False), (GraphFilters("denies"), False), (GraphFilters("denies"), True)]


def create_table(db: sqlite_utils.Database) -> None:
    db["graph_drawn_denials"].create(COLUMNS, if_not_exists=True)


def keep_drawn_denials(db: sqlite_utils.Database) -> int:
    """Count the answers to QUESTIONS again, in the caller's transaction, from the kept links as
    they are (call it after refresh_graph_links); returns how many were kept."""
    if not db["graph_drawn_denials"].exists():
        return 0
    db.execute("DELETE FROM graph_drawn_denials")
    if not links_are_current(db):
        return 0
    db.execute(f"INSERT OR IGNORE INTO _kb_state (key, value) VALUES ('{VERSION_KEY}', 0)")
    version = db.execute(VERSION_SQL).fetchone()[0]
    kept = 0
    for filters, rollup in QUESTIONS:
        sql, params = graph_links_read.links_query(filters, [], graph_links_read.MAX_LINKS)
        row = next(db.query(sql, params))
        pairs = graph_shape.denial_links(json.loads(row["links"]) if row["n_links"] else [])
        if not pairs:
            continue
        params = {"links": json.dumps(pairs), "max_links": graph_links_read.MAX_LINKS + 1}
        rows = list(db.query(graph_links_read.drawn_denials_query(rollup), params))
        record = {
            "rollup": int(rollup),
            "links": params["links"],
            "version": version,
            "rows": json.dumps(rows),
        }
        db["graph_drawn_denials"].insert(record)
        kept += 1
    return kept


def drawn_are_current(db: sqlite_utils.Database) -> bool:
    """Whether the kept answers are as new as the kept links (or there is no table to keep)."""
    if not db["graph_drawn_denials"].exists():
        return True
    stale = db.execute(
        f"SELECT EXISTS (SELECT 1 FROM graph_drawn_denials WHERE version IS NOT ({VERSION_SQL}))"
    )
    return links_are_current(db) and not stale.fetchone()[0]


def refresh_links_and_drawn(db: sqlite_utils.Database) -> int:
    """Rebuild the marked links (kb.graph_links) and, when any was, the answers drawn from them;
    returns how many links were rebuilt."""
    with write_transaction(db):
        rebuilt = refresh_graph_links(db)
        if rebuilt or not drawn_are_current(db):
            keep_drawn_denials(db)
    return rebuilt
