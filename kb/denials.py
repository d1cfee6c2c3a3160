"""Which accusations a denial answers, and why: the table ``denial_answers``, rebuilt after
every ingest and read through the view ``denials_answering``.

A denial answers an accusation against the same subject (or an actor of the subject's state:
China's denial answers the accusations against the MSS) made by someone else, never one
published after it, and never one about another known incident, for one stated ``reason``:

- ``same_document``: the document reports both (shown as "reported together"; its delay says
  nothing about how fast the denial came, so ``time_to_denial`` leaves it out unless asked);
- ``same_incident``: both are linked to the same incident;
- ``named``: the denial names its accuser (its counterpart), both documents dated, and the
  accusation belongs to that accuser's latest episode before the denial (published within
  the window before the accuser's last accusation of that subject): China's 2024 denial of
  "the US accusations" answers the US indictment of the day before, not its 2021 statements;
- ``window``: the denial names no accuser and the accusation was published in the
  ``denial_window_days`` before it (30 by default; ``kb ingest --denial-window``).

A denial that names its accuser answers only that accuser's accusations. Each pair keeps the
first reason of this list that holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

REASONS = ("same_document", "same_incident", "named", "window")
DEFAULT_WINDOW_DAYS = 30
WINDOW_SETTING = "denial_window_days"

DENIAL_ANSWERS_COLUMNS = {"denial_id": int, "accusation_id": int, "reason": str, "days_between": int}

DATED = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"

# every (denial, accusation) candidate with the facts the reasons are read from
# (``:documents``, a JSON array, limits the rebuild to the denials a batch of documents may change:
# those of the batch, and those about the subjects (and their states) the batch accuses)
PAIRS_SQL = f"""
WITH batch AS (SELECT value AS id FROM json_each(:documents)),
touched AS (
  SELECT c.subject_id AS id FROM claims c WHERE c.document_id IN batch AND c.stance = 'accuses'
  UNION
  SELECT a.country FROM claims c JOIN actors a ON a.id = c.subject_id
  WHERE c.document_id IN batch AND c.stance = 'accuses' AND a.country IS NOT NULL
),
denial AS MATERIALIZED (
  SELECT id, claimant_id, subject_id, counterpart_id, document_id, incident_id,
    CASE WHEN published {DATED} THEN substr(published, 1, 10) END AS day
  FROM claims WHERE stance = 'denies'
    AND (:documents IS NULL OR document_id IN batch OR subject_id IN touched)
),
-- the subject denied, and the actors that belong to it (an agency or a group of that state)
denied AS MATERIALIZED (
  SELECT d.id AS denial_id, d.subject_id AS accused_id FROM denial d
  UNION
  SELECT d.id, a.id FROM denial d JOIN actors a ON a.country = d.subject_id AND a.id != d.subject_id
),
candidate AS (
  SELECT
    d.id AS denial_id,
    a.id AS accusation_id,
    a.document_id = d.document_id AS same_document,
    d.incident_id IS NOT NULL AND a.incident_id = d.incident_id AS same_incident,
    d.counterpart_id IS NOT NULL AS named,
    CAST(julianday(d.day) - julianday(CASE WHEN a.published {DATED} THEN substr(a.published, 1, 10) END)
      AS INTEGER) AS days_between,
    d.incident_id AS denial_incident,
    a.incident_id AS accusation_incident
  FROM denial d
  JOIN denied s ON s.denial_id = d.id
  JOIN claims a ON a.subject_id = s.accused_id AND a.stance = 'accuses'
    AND a.claimant_id != d.claimant_id
    AND (d.counterpart_id IS NULL OR a.claimant_id = d.counterpart_id)
)
SELECT denial_id, accusation_id, days_between,
  CASE
    WHEN same_document THEN 'same_document'
    WHEN same_incident THEN 'same_incident'
    WHEN named AND days_between - latest BETWEEN 0 AND :window THEN 'named'
    WHEN NOT named AND days_between BETWEEN 0 AND :window THEN 'window'
  END AS reason
FROM (
  -- the days from the accuser's latest accusation (before the denial) to the denial
  SELECT *, min(CASE WHEN days_between >= 0 THEN days_between END) OVER (PARTITION BY denial_id) AS latest
  FROM candidate
)
WHERE (days_between IS NULL OR days_between >= 0)
  AND NOT (denial_incident IS NOT NULL AND accusation_incident IS NOT NULL
           AND denial_incident != accusation_incident)
"""


# the denials PAIRS_SQL rebuilds: its query up to the candidate pairs
PAIRS_DENIALS_SQL = (
    PAIRS_SQL[: PAIRS_SQL.index("-- the subject denied")].rstrip().rstrip(",") + "\nSELECT id FROM denial"
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
    with db.atomic():
        if documents is None:
            db.execute("DELETE FROM denial_answers")
        else:
            db.execute(
                f"DELETE FROM denial_answers WHERE denial_id IN (SELECT id FROM ({PAIRS_DENIALS_SQL}))",
                params,
            )
        cursor = db.execute(
            "INSERT INTO denial_answers (denial_id, accusation_id, reason, days_between) "
            f"SELECT denial_id, accusation_id, reason, days_between FROM ({PAIRS_SQL}) "
            "WHERE reason IS NOT NULL",
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
