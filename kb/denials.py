"""Which accusations a denial answers, and why: the table ``denial_answers``, rebuilt after
every ingest and read through the view ``denials_answering``.

A denial answers an accusation made by someone else against the same subject or, when the
subject is a state, against one of its organs (a group, an agency or a spokesperson whose
``actors.country`` it is: China's denial answers the accusations against the MSS and APT31;
``claims.subject_state``), never one published after it, and never one about another known
incident, for one stated ``reason``:

- ``same_document``: the document reports both (shown as "reported together"; its delay says
  nothing about how fast the denial came, so ``time_to_denial`` leaves it out unless asked);
- ``same_incident``: both are linked to the same incident;
- ``named``: the denial names its accuser (its counterpart), both documents dated, and the
  accusation belongs to that accuser's latest episode before the denial: published within the
  window before the accuser's last accusation, itself in the year before the denial. China's
  2024 denial of "the US accusations" answers the US indictment of the day before (of China and
  of APT31), not the US statements of 2021;
- ``window``: the denial names no accuser and the accusation was published in the
  ``denial_window_days`` before it (30 by default; ``kb ingest --denial-window``).

A denial that names its accuser answers only that accuser's accusations. Each pair keeps the
first reason of this list that holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from kb.store import write_transaction

REASONS = ("same_document", "same_incident", "named", "window")
DEFAULT_WINDOW_DAYS = 30
# how far back a named accuser's latest accusation may be: older, it is another episode
NAMED_HORIZON_DAYS = 365
WINDOW_SETTING = "denial_window_days"

DENIAL_ANSWERS_COLUMNS = {
    "denial_id": int,
    "accusation_id": int,
    "reason": str,
    "days_between": int,
    # copies of the claims' own columns: time_to_denial reads the pairs in delay order from one
    # index, and counting or filtering the denials_answering view reads this table alone
    "denier_id": str,
    "accuser_id": str,
    "denial_published": str,
}

DATED = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"

# The candidate pairs come from four bounded searches, one per reason, each an index seek per
# denial: its own document's accusations, its incident's, and (dated denials only) the named
# accuser's or anyone's in the days before it. ``:documents`` (a JSON array, or NULL for all)
# limits the rebuild to the denials a batch of documents may change: those of the batch, and
# those about the subjects (and their states) the batch accuses.
PAIRS_SQL = f"""
WITH batch AS (SELECT value AS id FROM json_each(:documents)),
touched AS (
  SELECT c.subject_state AS id FROM claims c WHERE c.document_id IN batch AND c.stance = 'accuses'
),
denial AS MATERIALIZED (
  SELECT id, claimant_id, subject_id, counterpart_id, document_id, incident_id, published,
    CASE WHEN published {DATED} THEN substr(published, 1, 10) END AS day,
    CASE WHEN published {DATED} THEN date(substr(published, 1, 10), '+1 day') END AS next_day
  FROM claims WHERE stance = 'denies'
    AND (:documents IS NULL OR document_id IN batch OR subject_id IN touched)
),
-- the named accuser's latest accusation of the subject (or of an organ of that state) in the
-- year before the denial: the episode the denial answers
latest AS MATERIALIZED (
  SELECT d.id AS denial_id, (
    SELECT substr(a.published, 1, 10) FROM claims a
    WHERE a.subject_state = d.subject_id AND a.stance = 'accuses' AND a.claimant_id = d.counterpart_id
      AND a.published < d.next_day AND a.published >= date(d.day, '-{NAMED_HORIZON_DAYS} days')
      AND a.published {DATED}
    ORDER BY a.published DESC LIMIT 1) AS day
  FROM denial d WHERE d.counterpart_id IS NOT NULL AND d.counterpart_id != d.claimant_id AND d.day IS NOT NULL
),
candidate AS (
  SELECT d.id AS denial_id, a.id AS accusation_id, 1 AS rank
  FROM denial d JOIN claims a ON a.document_id = d.document_id AND a.subject_state = d.subject_id
  UNION ALL
  SELECT d.id, a.id, 2
  FROM denial d
  JOIN claims a ON a.incident_id = d.incident_id AND a.stance = 'accuses' AND a.subject_state = d.subject_id
  WHERE d.incident_id IS NOT NULL
  UNION ALL
  SELECT d.id, a.id, 3
  FROM denial d JOIN latest l ON l.denial_id = d.id
  JOIN claims a ON a.subject_state = d.subject_id AND a.stance = 'accuses'
    AND a.claimant_id = d.counterpart_id
    AND a.published >= date(l.day, '-' || :window || ' days') AND a.published < d.next_day
  UNION ALL
  SELECT d.id, a.id, 4
  FROM denial d
  JOIN claims a ON a.subject_state = d.subject_id AND a.stance = 'accuses'
    AND a.published >= date(d.day, '-' || :window || ' days') AND a.published < d.next_day
  WHERE d.counterpart_id IS NULL AND d.day IS NOT NULL
),
best AS (
  SELECT denial_id, accusation_id, min(rank) AS rank FROM candidate GROUP BY denial_id, accusation_id
)
SELECT b.denial_id, b.accusation_id, d.claimant_id AS denier_id, a.claimant_id AS accuser_id,
  d.published AS denial_published,
  CAST(julianday(d.day)
    - julianday(CASE WHEN a.published {DATED} THEN substr(a.published, 1, 10) END) AS INTEGER)
    AS days_between,
  CASE b.rank WHEN 1 THEN 'same_document' WHEN 2 THEN 'same_incident' WHEN 3 THEN 'named'
    ELSE 'window' END AS reason
FROM best b
JOIN denial d ON d.id = b.denial_id
JOIN claims a ON a.id = b.accusation_id
WHERE a.stance = 'accuses' AND a.claimant_id != d.claimant_id
  AND (d.counterpart_id IS NULL OR a.claimant_id = d.counterpart_id)
  -- never an accusation published after the denial, nor one about another known incident
  AND NOT (d.day IS NOT NULL AND a.published {DATED} AND substr(a.published, 1, 10) > d.day)
  AND NOT (d.incident_id IS NOT NULL AND a.incident_id IS NOT NULL AND a.incident_id != d.incident_id)
"""


# the denials PAIRS_SQL rebuilds: its query up to the candidate pairs
PAIRS_DENIALS_SQL = (
    PAIRS_SQL[: PAIRS_SQL.index("-- the named accuser's latest")].rstrip().rstrip(",")
    + "\nSELECT id FROM denial"
)


def window_days(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT value FROM kb_settings WHERE key = ?", [WINDOW_SETTING]).fetchone()
    return int(row[0]) if row else DEFAULT_WINDOW_DAYS


def set_window_days(db: sqlite_utils.Database, days: int) -> None:
    if days < 0:
        raise ValueError(f"the denial window must be 0 days or more, not {days}")
    db["kb_settings"].upsert({"key": WINDOW_SETTING, "value": str(days)}, pk="key")


def refresh_denial_answers(db: sqlite_utils.Database, document_ids: Iterable[str] | None = None) -> int:
    """Rebuild ``denial_answers`` from the claims, whole or for the denials that a batch of
    documents (just stored) may change; returns the number of pairs written."""
    documents = None if document_ids is None else json.dumps(sorted(document_ids))
    params = {"window": window_days(db), "documents": documents}
    with write_transaction(db):
        if documents is None:
            db.execute("DELETE FROM denial_answers")
        else:
            db.execute(
                f"DELETE FROM denial_answers WHERE denial_id IN (SELECT id FROM ({PAIRS_DENIALS_SQL}))",
                params,
            )
        cursor = db.execute(
            "INSERT INTO denial_answers (denial_id, accusation_id, reason, days_between, denier_id, "
            "accuser_id, denial_published) SELECT denial_id, accusation_id, reason, days_between, "
            f"denier_id, accuser_id, denial_published FROM ({PAIRS_SQL})",
            params,
        )
    return cursor.rowcount


def forget_documents(db: sqlite_utils.Database, document_ids: list[str]) -> None:
    """Drop the pairs of the claims of these documents (before the claims are deleted)."""
    ids = json.dumps(document_ids)
    db.execute(
        "DELETE FROM denial_answers WHERE denial_id IN (SELECT id FROM claims WHERE document_id IN "
        "(SELECT value FROM json_each(:ids))) OR accusation_id IN (SELECT id FROM claims WHERE "
        "document_id IN (SELECT value FROM json_each(:ids)))",
        {"ids": ids},
    )
