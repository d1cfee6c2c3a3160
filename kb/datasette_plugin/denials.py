"""Denials and the accusations they answer, for the actor page and the timeline, through indexes.

A denial answers the accusations against its subject by others (only the accuser it names,
when it names one). The ``denials_answering`` view pairs every denial with every such
accusation: at 100,000 claims a much accused actor has millions of pairs, and a page that read
them all timed out. Here the pages read, newest first, at most ``MAX_DENIALS`` denials (one
index walk per way a denial concerns the actor), each with at most ``MAX_ANSWERED`` accusations:
the latest ones published up to the denial's day, found by walking the subject's accusations
back in date order. Accusations published after a denial are counted up to ``MAX_LATER``.
"""

from __future__ import annotations

import json
from datetime import date

from kb.datasette_plugin.common import actor_rows_by_id, actor_url, claim_url, document_url, rows

MAX_DENIALS = 50
MAX_ANSWERED = 5
MAX_LATER = 100

_COLUMNS = "id, claimant_id, subject_id, counterpart_id, document_id, published, evidence"
_NEWEST = "ORDER BY published DESC, id DESC LIMIT :limit"
# the denials of the whole KB, or the ways one denial concerns an actor: made by it, of its
# responsibility, naming it as the accuser, or answering its accusations without naming anyone
WHOLE_KB = f"SELECT {_COLUMNS} FROM claims WHERE stance = 'denies' {_NEWEST}"
ACTOR_SCOPES = (
    f"SELECT {_COLUMNS} FROM claims WHERE claimant_id = :actor AND stance = 'denies' {_NEWEST}",
    f"SELECT {_COLUMNS} FROM claims WHERE subject_id = :actor AND stance = 'denies' {_NEWEST}",
    f"SELECT {_COLUMNS} FROM claims WHERE counterpart_id = :actor AND stance = 'denies' {_NEWEST}",
    # (+: walk every denial in date order on the index (stance, published, counterpart, subject,
    # claimant) and stop at the limit, rather than read every denial of every actor accused)
    f"SELECT {_COLUMNS} FROM claims WHERE stance = 'denies' AND +counterpart_id IS NULL "
    "AND +claimant_id != :actor AND +subject_id IN "
    "(SELECT subject_id FROM claims WHERE claimant_id = :actor AND stance = 'accuses') "
    "ORDER BY published DESC LIMIT :limit",
)
# What each denial answers: the subject's accusations by one accuser (the one the denial names,
# or the actor it is shown for) or by anyone else, walked back in date order from the denial's
# day (indexes on subject, stance, accuser or date). Two forms: an OR between them would keep
# SQLite from using either index.
_BY_ONE = "a.claimant_id = d.accuser"
_BY_ANYONE = "a.claimant_id != d.claimant_id"
_ANSWERED_TEMPLATE = """
WITH d AS (
  SELECT c.id, c.claimant_id, c.subject_id, json_extract(j.value, '$.accuser') AS accuser,
    date(substr(c.published, 1, 10), '+1 day') AS next_day
  FROM json_each(:denials) j JOIN claims c ON c.id = json_extract(j.value, '$.id')
)
SELECT d.id AS denial_id, c.id, c.claimant_id, c.document_id, c.published, c.evidence,
  (SELECT count(*) FROM claims l WHERE l.id IN (
     SELECT a.id FROM claims a
     WHERE a.subject_id = d.subject_id AND a.stance = 'accuses' AND {who} AND a.published >= d.next_day
     LIMIT {later}))
    AS n_later
FROM d LEFT JOIN claims c ON c.id IN (
  SELECT a.id FROM claims a
  WHERE a.subject_id = d.subject_id AND a.stance = 'accuses' AND {who}
    AND a.published < coalesce(d.next_day, '9999')
  ORDER BY a.published DESC, a.id DESC LIMIT {answered}
)
"""
ANSWERED_SQL = {
    accuser: _ANSWERED_TEMPLATE.format(who=who, later=MAX_LATER, answered=MAX_ANSWERED)
    for accuser, who in ((True, _BY_ONE), (False, _BY_ANYONE))
}


async def denials_of(datasette, db, actor_id: str = "") -> list[dict]:
    """The newest denials of the KB, or by, about, naming or answering ``actor_id``, each with
    the accusations it answers (newest first) and how many came after it."""
    if actor_id:
        found: dict[int, dict] = {}
        for scope, sql in enumerate(ACTOR_SCOPES):
            for row in rows(await db.execute(sql, {"actor": actor_id, "limit": MAX_DENIALS})):
                # by or about the actor: what it answers; naming or answering it: the actor's part
                found.setdefault(row["id"], {**row, "accuser": row["counterpart_id"] or actor_id})
                if scope < 2:
                    found[row["id"]]["accuser"] = row["counterpart_id"]
        newest = sorted(found.values(), key=lambda r: (r["published"] or "", r["id"]), reverse=True)
        denials = newest[:MAX_DENIALS]
    else:
        denials = [
            {**row, "accuser": row["counterpart_id"]}
            for row in rows(await db.execute(WHOLE_KB, {"limit": MAX_DENIALS}))
        ]
    if not denials:
        return []
    answered = []
    for one_accuser in (True, False):
        wanted = [
            {"id": d["id"], "accuser": d["accuser"]} for d in denials if bool(d["accuser"]) == one_accuser
        ]
        if wanted:
            answered += rows(await db.execute(ANSWERED_SQL[one_accuser], {"denials": json.dumps(wanted)}))
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
        "document_url": document_url(datasette, database, row["document_id"], row["id"]),
        "row_url": claim_url(datasette, database, row["id"]),
    }


def days_between(earlier: str | None, later: str | None) -> int | None:
    """Calendar days between two published dates (YYYY-MM-DD...), None when one is not a date."""
    try:
        return (date.fromisoformat((later or "")[:10]) - date.fromisoformat((earlier or "")[:10])).days
    except ValueError:
        return None
