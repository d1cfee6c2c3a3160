"""The claims graph's links, kept in tables so that the graph page reads them with index seeks
whatever the size of the KB (README, "The incident pages and views at 1,000,000 claims"):

- ``graph_links``: one row per (stance, claimant, subject) with its claims, documents, hedged
  claims and first and last dates, and the states its two ends roll up to (kb.graph_shape);
- ``graph_links_rolled``: the accusations with both ends rolled up to their state;
- ``graph_denial_targets``: the accusers each denial link is drawn towards
  (kb.graph_shape.DENIAL_TARGETS_SQL, whose answers it keeps).

Triggers on ``claims``, ``denial_answers`` and ``actors`` write the links a change touches into
``graph_links_dirty``; ``refresh_graph_links`` rebuilds those links and empties it. The writer
calls it for every batch, in the batch's transaction, so that a reader never sees the table
behind the claims; reviews and re-extraction call it too, and ``kb serve`` and ``kb ingest``
repair whatever else changed the claims. While a link is marked, the graph page counts from the
claims as before (kb.graph_links_read).
"""

from __future__ import annotations

import json

import sqlite_utils

from kb.graph_shape import DENIAL_TARGETS_SQL, ROLLED_KINDS
from kb.schema import (
    GRAPH_DENIAL_TARGETS_COLUMNS,
    GRAPH_LINK_INDEXES,
    GRAPH_LINKS_COLUMNS,
    GRAPH_ROLLED_COLUMNS,
)
from kb.store import write_transaction

KEY = ("stance", "claimant_id", "subject_id")
# moved on by every rebuild of a link: what is counted from the kept links (kb.graph_drawn)
# records it, and is read only while it is the same
VERSION_KEY = "graph_links_version"
VERSION_SQL = f"SELECT value FROM _kb_state WHERE key = '{VERSION_KEY}'"
BUMP_VERSION_SQL = (
    f"INSERT INTO _kb_state (key, value) VALUES ('{VERSION_KEY}', 1) "
    "ON CONFLICT (key) DO UPDATE SET value = value + 1"
)
_KINDS = ", ".join(f"'{k}'" for k in ROLLED_KINDS)


def state_of_sql(column: str) -> str:
    """The state an actor is drawn as when rolled up (as graph_shape.rolled_links_query rolls)."""
    return (
        f"coalesce((SELECT CASE WHEN a.kind IN ({_KINDS}) AND a.country IS NOT NULL THEN a.country "
        f"ELSE a.id END FROM actors a WHERE a.id = {column}), {column})"
    )


# the links marked for a rebuild
MARKED = "SELECT stance, claimant_id, subject_id FROM graph_links_dirty"

# a link's counts, read from the covering index claims(stance, claimant_id, subject_id,
# document_id, hedged, published) in one range per link
LINKS_SQL = f"""
SELECT c.stance, c.claimant_id, c.subject_id, count(*) AS n_claims,
  count(DISTINCT c.document_id) AS n_documents,
  sum(CASE WHEN c.hedged THEN 1 ELSE 0 END) AS n_hedged,
  min(c.published) AS first_published, max(c.published) AS last_published,
  {state_of_sql("c.claimant_id")} AS claimant_up, {state_of_sql("c.subject_id")} AS subject_up
FROM {{claims}}
GROUP BY c.stance, c.claimant_id, c.subject_id
"""
# the marked links' claims: one range of that index per link (the marks drive the loop)
MARKED_CLAIMS = (
    "graph_links_dirty k CROSS JOIN claims c "
    "ON c.stance = k.stance AND c.claimant_id = k.claimant_id AND c.subject_id = k.subject_id"
)

ROLLED_SQL = """
SELECT claimant_up, subject_up, sum(n_claims), sum(n_hedged), min(first_published), max(last_published)
FROM graph_links
WHERE stance = 'accuses'
  AND (claimant_up, subject_up) IN (SELECT claimant_id, subject_id FROM temp.rolled_dirty)
GROUP BY claimant_up, subject_up
"""


def _mark(rows: str) -> str:
    """A trigger's statement marking the links of ``rows`` (stance, claimant_id, subject_id).
    Not INSERT OR IGNORE: the statement that fires a trigger imposes its own conflict policy."""
    return (
        "INSERT INTO graph_links_dirty (stance, claimant_id, subject_id) "
        f"SELECT r.stance, r.claimant_id, r.subject_id FROM ({rows}) r WHERE NOT EXISTS (SELECT 1 "
        "FROM graph_links_dirty k WHERE k.stance = r.stance AND k.claimant_id = r.claimant_id "
        "AND k.subject_id = r.subject_id);"
    )


def _row(name: str) -> str:
    return ", ".join(f"{name}.{column} AS {column}" for column in KEY).join(("SELECT ", ""))


# every change to what a link counts marks it; a denial's answers change where it is drawn, an
# actor's kind or country the state it is rolled up to
TRIGGERS = {
    "graph_links_claim_insert": f"AFTER INSERT ON claims BEGIN {_mark(_row('NEW'))} END",
    "graph_links_claim_delete": f"AFTER DELETE ON claims BEGIN {_mark(_row('OLD'))} END",
    "graph_links_claim_update": (
        "AFTER UPDATE OF stance, claimant_id, subject_id, counterpart_id, document_id, hedged, published "
        f"ON claims BEGIN {_mark(_row('OLD'))} {_mark(_row('NEW'))} END"
    ),
    "graph_links_answer_insert": (
        "AFTER INSERT ON denial_answers BEGIN "
        + _mark("SELECT stance, claimant_id, subject_id FROM claims WHERE id = NEW.denial_id")
        + " END"
    ),
    "graph_links_answer_delete": (
        "AFTER DELETE ON denial_answers BEGIN "
        + _mark("SELECT stance, claimant_id, subject_id FROM claims WHERE id = OLD.denial_id")
        + " END"
    ),
    "graph_links_actor_update": (
        "AFTER UPDATE OF kind, country ON actors BEGIN "
        + _mark(
            "SELECT stance, claimant_id, subject_id FROM graph_links WHERE claimant_id = NEW.id "
            "UNION SELECT stance, claimant_id, subject_id FROM graph_links WHERE subject_id = NEW.id "
            "UNION SELECT 'denies', claimant_id, subject_id FROM graph_denial_targets "
            "WHERE target_id = NEW.id"
        )
        + " END"
    ),
}


def create_tables(db: sqlite_utils.Database) -> None:
    """The tables, their indexes and the triggers that mark the links a change touches."""
    db["graph_links"].create(GRAPH_LINKS_COLUMNS, pk=KEY, if_not_exists=True)
    db["graph_links_rolled"].create(
        GRAPH_ROLLED_COLUMNS, pk=("claimant_id", "subject_id"), if_not_exists=True
    )
    # no key: a denial answering no one is drawn towards no one (target_id NULL)
    db["graph_denial_targets"].create(GRAPH_DENIAL_TARGETS_COLUMNS, if_not_exists=True)
    db["graph_links_dirty"].create(
        {"stance": str, "claimant_id": str, "subject_id": str}, pk=KEY, if_not_exists=True
    )
    for table, indexes in GRAPH_LINK_INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)
    for name, body in TRIGGERS.items():
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def rebuild_graph_links(db: sqlite_utils.Database) -> None:
    """Every link counted again from the claims (a new table, a KB from before)."""
    with write_transaction(db):
        for table in ("graph_links_dirty", "graph_links", "graph_links_rolled", "graph_denial_targets"):
            db.execute(f"DELETE FROM {table}")
        db.execute(
            "INSERT INTO graph_links_dirty (stance, claimant_id, subject_id) "
            "SELECT DISTINCT stance, claimant_id, subject_id FROM claims"
        )
        refresh_graph_links(db, whole=True)


def refresh_graph_links(db: sqlite_utils.Database, whole: bool = False) -> int:
    """Rebuild the links marked in ``graph_links_dirty`` and unmark them, in the caller's
    transaction if there is one; returns how many were rebuilt. ``whole``: every link is marked, and
    counted in one pass over the claims rather than one range each."""
    with write_transaction(db):
        marked = db.execute("SELECT count(*) FROM graph_links_dirty").fetchone()[0]
        if not marked:
            return 0
        db.execute("CREATE TEMP TABLE IF NOT EXISTS rolled_dirty (claimant_id TEXT, subject_id TEXT)")
        db.execute("DELETE FROM temp.rolled_dirty")
        # the rolled links these links fed before, and feed now
        rolled_of_marked = (
            "INSERT INTO temp.rolled_dirty SELECT claimant_up, subject_up FROM graph_links "
            f"WHERE stance = 'accuses' AND (stance, claimant_id, subject_id) IN ({MARKED})"
        )
        db.execute(rolled_of_marked)
        db.execute(f"DELETE FROM graph_links WHERE (stance, claimant_id, subject_id) IN ({MARKED})")
        claims = "claims c" if whole else MARKED_CLAIMS
        db.execute(f"INSERT INTO graph_links SELECT * FROM ({LINKS_SQL.format(claims=claims)})")
        db.execute(rolled_of_marked)
        db.execute(
            "DELETE FROM graph_links_rolled WHERE (claimant_id, subject_id) IN "
            "(SELECT claimant_id, subject_id FROM temp.rolled_dirty)"
        )
        db.execute(f"INSERT INTO graph_links_rolled SELECT * FROM ({ROLLED_SQL})")
        _refresh_denial_targets(db)
        db.execute("DELETE FROM graph_links_dirty")
        if db["_kb_state"].exists():
            db.execute(BUMP_VERSION_SQL)
    return marked


def _refresh_denial_targets(db: sqlite_utils.Database) -> None:
    """Where the marked denial links are drawn: DENIAL_TARGETS_SQL's answers, kept."""
    marked = f"SELECT claimant_id, subject_id FROM ({MARKED}) WHERE stance = 'denies'"
    links = json.dumps([list(row) for row in db.execute(marked)])
    if links == "[]":
        return
    db.execute(f"DELETE FROM graph_denial_targets WHERE (claimant_id, subject_id) IN ({marked})")
    counted = [c for c in GRAPH_DENIAL_TARGETS_COLUMNS if not c.endswith("_up")]
    ends = [state_of_sql("claimant_id"), state_of_sql("target_id")]  # (the roll-up's, stored)
    db.execute(
        f"INSERT INTO graph_denial_targets ({', '.join(GRAPH_DENIAL_TARGETS_COLUMNS)}) "
        f"SELECT {', '.join(counted + ends)} FROM ({DENIAL_TARGETS_SQL})",
        {"links": links},
    )


def links_are_current(db: sqlite_utils.Database) -> bool:
    """Whether the kept links say what the claims say (the tables exist and nothing is marked)."""
    if not db["graph_links_dirty"].exists():
        return False
    return not db.execute("SELECT EXISTS (SELECT 1 FROM graph_links_dirty)").fetchone()[0]
