"""Denials and the accusations they answer, for the actor page and the timeline, through indexes.

Which accusations a denial answers is decided once, at ingest, for a stated reason (kb.denials:
the same document, the same incident, the accuser it names, or the window of days before it)
and kept in ``denial_answers``. At 100,000 claims a much accused actor has many thousands of
pairs, and a page that read them all timed out. Here the pages read, newest first, at most
``MAX_DENIALS`` denials (one index walk per way a denial concerns the actor), each with at most
``MAX_ANSWERED`` accusations: the latest ones published up to the denial's day. Accusations
paired with a denial but published after it are counted up to ``MAX_LATER``.
"""

from __future__ import annotations

import json
from datetime import date

from kb.datasette_plugin.common import (
    REASON_LABELS,
    actor_rows_by_id,
    actor_url,
    claim_url,
    document_url,
    rows,
)

MAX_DENIALS = 50
MAX_ANSWERED = 5
MAX_LATER = 100

_COLUMNS = "id, claimant_id, subject_id, counterpart_id, document_id, published, evidence"
_NEWEST = "ORDER BY published DESC, id DESC LIMIT :limit"
# the denials of the whole KB, or the ways one denial concerns an actor: made by it, of its
# responsibility, naming it as the accuser, or paired with its accusations
WHOLE_KB = f"SELECT {_COLUMNS} FROM claims WHERE stance = 'denies' {_NEWEST}"
ACTOR_SCOPES = (
    f"SELECT {_COLUMNS} FROM claims WHERE claimant_id = :actor AND stance = 'denies' {_NEWEST}",
    f"SELECT {_COLUMNS} FROM claims WHERE subject_id = :actor AND stance = 'denies' {_NEWEST}",
    f"SELECT {_COLUMNS} FROM claims WHERE counterpart_id = :actor AND stance = 'denies' {_NEWEST}",
    # the denials paired with the actor's accusations (kb.denials), newest first
    f"SELECT {_COLUMNS} FROM claims WHERE id IN (SELECT denial_id FROM denial_answers "
    "WHERE accuser_id = :actor AND denier_id != :actor ORDER BY denial_published DESC LIMIT :limit)",
)
# What each denial answers (only one accuser's part when ``accuser`` is set): its pairs (primary
# key: denial first), the latest accusations up to its day, and how many came later
ANSWERED_SQL = f"""
WITH d AS (
  SELECT json_extract(j.value, '$.id') AS id, json_extract(j.value, '$.accuser') AS accuser
  FROM json_each(:denials) j
)
SELECT d.id AS denial_id, c.id, c.claimant_id, c.document_id, c.published, c.evidence, p.reason,
  (SELECT count(*) FROM (SELECT 1 FROM denial_answers l
                         WHERE l.denial_id = d.id AND l.days_between < 0
                           AND (d.accuser IS NULL OR l.accuser_id = d.accuser) LIMIT {MAX_LATER}))
    AS n_later
FROM d
LEFT JOIN denial_answers p ON p.rowid IN (
  SELECT q.rowid FROM denial_answers q
  WHERE q.denial_id = d.id AND coalesce(q.days_between, 0) >= 0
    AND (d.accuser IS NULL OR q.accuser_id = d.accuser)
  ORDER BY q.days_between, q.accusation_id DESC LIMIT {MAX_ANSWERED}
)
LEFT JOIN claims c ON c.id = p.accusation_id
"""


async def denials_of(datasette, db, actor_id: str = "") -> list[dict]:
    """The newest denials of the KB, or by, about, naming or answering ``actor_id``, each with
    the accusations it answers (newest first) and how many came after it."""
    if actor_id:
        found: dict[int, dict] = {}
        for scope, sql in enumerate(ACTOR_SCOPES):
            for row in rows(await db.execute(sql, {"actor": actor_id, "limit": MAX_DENIALS})):
                # by or about the actor: all it answers; naming or answering it: the actor's part
                found.setdefault(row["id"], {**row, "accuser": None if scope < 2 else actor_id})
        newest = sorted(found.values(), key=lambda r: (r["published"] or "", r["id"]), reverse=True)
        denials = newest[:MAX_DENIALS]
    else:
        newest = rows(await db.execute(WHOLE_KB, {"limit": MAX_DENIALS}))
        denials = [{**row, "accuser": None} for row in newest]
    if not denials:
        return []
    wanted = json.dumps([{"id": d["id"], "accuser": d["accuser"]} for d in denials])
    answered = rows(await db.execute(ANSWERED_SQL, {"denials": wanted}))
    named = [d[k] for d in denials for k in ("claimant_id", "subject_id")]
    names = await actor_rows_by_id(db, named + [a["claimant_id"] for a in answered])
    by_denial = {d["id"]: _denial(datasette, db.name, d, names) for d in denials}
    # oldest first, as a reader follows them (the newest MAX_DENIALS of them)
    ordered = sorted(by_denial.values(), key=lambda d: (d["published"] or "9999", d["id"]))
    for row in answered:
        denial = by_denial[row["denial_id"]]
        denial["later_accusations"] = row["n_later"]
        denial["later_capped"] = row["n_later"] >= MAX_LATER
        if row["id"] is not None:
            denial["accusations"].append(_accusation(datasette, db.name, row, denial, names))
    for denial in ordered:
        denial["accusations"].sort(key=lambda a: (a["published"] or "", a["id"]))
    return ordered


def _name(names: dict, actor_id: str | None) -> str | None:
    return (names.get(actor_id) or {}).get("name") or actor_id


def _denial(datasette, database: str, row: dict, names: dict) -> dict:
    return {
        "id": row["id"],
        "denier_id": row["claimant_id"],
        "denier_name": _name(names, row["claimant_id"]),
        "denier_url": actor_url(datasette, database, row["claimant_id"]),
        "subject_id": row["subject_id"],
        "subject_name": _name(names, row["subject_id"]),
        "published": row["published"],
        "evidence": row["evidence"],
        "document_url": document_url(datasette, database, row["document_id"], row["id"]),
        "row_url": claim_url(datasette, database, row["id"]),
        "document_id": row["document_id"],
        "accusations": [],
        "later_accusations": 0,
        "later_capped": False,
    }


def _accusation(datasette, database: str, row: dict, denial: dict, names: dict) -> dict:
    return {
        "id": row["id"],
        "accuser_id": row["claimant_id"],
        "accuser_name": _name(names, row["claimant_id"]),
        "accuser_url": actor_url(datasette, database, row["claimant_id"]),
        "published": row["published"],
        "evidence": row["evidence"],
        "days": days_between(row["published"], denial["published"]),
        "same_document": row["document_id"] == denial["document_id"],
        "reason": row["reason"],
        "reason_label": REASON_LABELS.get(row["reason"], row["reason"]),
        "document_url": document_url(datasette, database, row["document_id"], row["id"]),
        "row_url": claim_url(datasette, database, row["id"]),
    }


def days_between(earlier: str | None, later: str | None) -> int | None:
    """Calendar days between two published dates (YYYY-MM-DD...), None when one is not a date."""
    try:
        return (date.fromisoformat((later or "")[:10]) - date.fromisoformat((earlier or "")[:10])).days
    except ValueError:
        return None
