"""Who attributed each incident to whom, counted once: tables ``attribution_stats`` (one row per
incident and accused), ``claimant_stats`` (one row per incident and claimant: when it first
attributed it, to whom, in what words) and ``incident_stats`` (one row per incident), read
through the view ``attributions``, the canned query ``first_attribution`` and the incident pages.

A sentence that names three claimants gives three claims but one sentence; a near-duplicate
document (``documents.duplicate_of``) is not an independent source, and counts as its original's
publisher. The counts are kept in tables, rebuilt for the incidents a batch of documents touches,
so that pages read them with one index seek whatever the size of the KB.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from kb.store import write_transaction

ATTRIBUTION_STATS_COLUMNS = {
    "incident_id": str,
    "accused_id": str,
    "n_claimants": int,
    "claimant_ids": str,
    "n_claims": int,
    "n_sentences": int,
    "n_documents": int,
    "n_independent_documents": int,
    "n_publishers": int,
    "first_published": str,
    "last_published": str,
    # who denied it (kept: the attributions view's facet on them read every pair's denials)
    "denied_by": str,
    "denied": int,
}
INCIDENT_STATS_COLUMNS = {
    "incident_id": str,
    "n_claims": int,
    "n_accusations": int,
    "n_denials": int,
    "n_sentences": int,
    "n_documents": int,
    "n_claimants": int,
    "first_published": str,
    "last_published": str,
}

CLAIMANT_STATS_COLUMNS = {
    "incident_id": str,
    "claimant_id": str,
    "first_published": str,
    "accused_ids": str,
    "degrees": str,
    "cues": str,
    "n_claims": int,
    "n_sentences": int,
}

WANTED = "(:incidents IS NULL OR c.incident_id IN (SELECT value FROM json_each(:incidents)))"

ATTRIBUTION_STATS_SQL = f"""
SELECT
  c.incident_id,
  c.subject_id AS accused_id,
  count(DISTINCT c.claimant_id) AS n_claimants,
  group_concat(DISTINCT c.claimant_id) AS claimant_ids,
  count(*) AS n_claims,
  count(DISTINCT c.document_id || ':' || c.start_char) AS n_sentences,
  count(DISTINCT c.document_id) AS n_documents,
  count(DISTINCT coalesce(d.duplicate_of, d.id)) AS n_independent_documents,
  -- a near-duplicate counts as its original's publisher
  count(DISTINCT CASE WHEN d.duplicate_of IS NULL THEN coalesce(d.publisher, d.id)
    ELSE coalesce(o.publisher, o.id) END) AS n_publishers,
  min(c.published) AS first_published,
  max(c.published) AS last_published,
  (SELECT group_concat(DISTINCT dn.claimant_id) FROM claims dn
   WHERE dn.incident_id = c.incident_id AND dn.stance = 'denies' AND dn.subject_id = c.subject_id)
    AS denied_by,
  EXISTS (SELECT 1 FROM claims dn
   WHERE dn.incident_id = c.incident_id AND dn.stance = 'denies' AND dn.subject_id = c.subject_id)
    AS denied
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN documents o ON o.id = d.duplicate_of
WHERE c.incident_id IS NOT NULL AND c.stance = 'accuses' AND {WANTED}
GROUP BY c.incident_id, c.subject_id
"""

CLAIMANT_STATS_SQL = f"""
SELECT
  c.incident_id,
  c.claimant_id,
  min(c.published) AS first_published,
  group_concat(DISTINCT c.subject_id) AS accused_ids,
  group_concat(DISTINCT c.degree) AS degrees,
  group_concat(DISTINCT c.cue) AS cues,
  count(*) AS n_claims,
  count(DISTINCT c.document_id || ':' || c.start_char) AS n_sentences
FROM claims c
WHERE c.incident_id IS NOT NULL AND c.stance = 'accuses' AND {WANTED}
GROUP BY c.incident_id, c.claimant_id
"""

INCIDENT_STATS_SQL = f"""
SELECT
  c.incident_id,
  count(*) AS n_claims,
  sum(c.stance = 'accuses') AS n_accusations,
  sum(c.stance = 'denies') AS n_denials,
  count(DISTINCT c.document_id || ':' || c.start_char) AS n_sentences,
  count(DISTINCT c.document_id) AS n_documents,
  count(DISTINCT CASE WHEN c.stance = 'accuses' THEN c.claimant_id END) AS n_claimants,
  min(c.published) AS first_published,
  max(c.published) AS last_published
FROM claims c
WHERE c.incident_id IS NOT NULL AND {WANTED}
GROUP BY c.incident_id
"""


def refresh_attributions(db: sqlite_utils.Database, incident_ids: Iterable[str] | None = None) -> None:
    """Rebuild the counts of these incidents (all when None)."""
    incidents = None if incident_ids is None else json.dumps(sorted(set(incident_ids) - {None}))
    if incidents == "[]":
        return
    params = {"incidents": incidents}
    with write_transaction(db):
        tables = (
            ("attribution_stats", ATTRIBUTION_STATS_SQL),
            ("claimant_stats", CLAIMANT_STATS_SQL),
            ("incident_stats", INCIDENT_STATS_SQL),
        )
        for table, sql in tables:
            if incidents is None:
                db.execute(f"DELETE FROM {table}")
            else:
                db.execute(
                    f"DELETE FROM {table} WHERE incident_id IN (SELECT value FROM json_each(:incidents))",
                    params,
                )
            db.execute(f"INSERT INTO {table} SELECT * FROM ({sql})", params)


def incidents_of_documents(db: sqlite_utils.Database, document_ids: Iterable[str]) -> set[str]:
    """The incidents the claims of these documents are about."""
    found = db.execute(
        "SELECT DISTINCT incident_id FROM claims WHERE incident_id IS NOT NULL "
        "AND document_id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(document_ids))],
    )
    return {row[0] for row in found}
