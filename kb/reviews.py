"""Reviewing claims: list the ones nobody checked, record verdicts, move reviews between KBs.

The reviews live in the ``reviews`` table, keyed by the claim's fingerprint
(``kb.review_store``); recording one makes every claim it names show it at once (a rejected
claim leaves ``claims`` for ``rejected_claims``, a corrected one shows its corrected values).
``export_reviews`` and ``import_reviews`` carry them as JSON Lines, one review a line, so that a
group can review in one KB and apply the verdicts to another built from the same texts.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from extract.records import DEGREES, STANCES
from kb import review_store
from kb.analytics import refresh_actor_stats
from kb.review_store import ACTOR_FIELDS, CORRECTABLE, REVIEWS_COLUMNS, VERDICTS

FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")
MIN_PREFIX = 6  # a fingerprint may be given by its first characters, as with git commits


class ReviewError(ValueError):
    """A verdict that cannot be recorded: an unknown claim, a bad correction."""


def default_reviewer() -> str:
    return os.environ.get("KB_REVIEWER") or getpass.getuser()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


CLAIM_SQL = """
SELECT c.*, d.sha256 AS document_sha256, '{table}' AS stored_in
FROM {table} c JOIN documents d ON d.id = c.document_id WHERE {where}
"""


def find_claims(db: sqlite_utils.Database, ref: str) -> list[dict]:
    """The claims (kept or rejected) that ``ref`` names: a claim id, or a fingerprint or its
    first characters. Raises ReviewError when it names none, or several different claims."""
    ref = ref.strip()
    if ref.isdigit():
        where, params = "c.id = ?", [int(ref)]
    elif re.fullmatch(r"[0-9a-f]+", ref) and len(ref) >= MIN_PREFIX:
        where, params = "c.fingerprint LIKE ?", [ref + "%"]
    else:
        raise ReviewError(
            f"{ref!r} is neither a claim id nor a fingerprint (at least {MIN_PREFIX} hex digits)"
        )
    found = [
        dict(row)
        for table in ("claims", "rejected_claims")
        for row in db.query(CLAIM_SQL.format(table=table, where=where), params)
    ]
    if not found:
        raise ReviewError(f"no claim {ref} in this knowledge base")
    if len({row["fingerprint"] for row in found}) > 1:
        raise ReviewError(f"{ref} names {len(found)} different claims: give more of the fingerprint")
    return found


def extracted(claim: dict) -> dict:
    """The claim's values as the extractor read them (a correction keeps those in ``as_extracted``)."""
    values = dict(claim)
    values.update(json.loads(claim.get("as_extracted") or "{}"))
    return values


def check_corrections(db: sqlite_utils.Database | None, corrections: dict) -> dict:
    """Corrections in their stored form; raises ReviewError on a value that cannot be right.
    With ``db``, a corrected actor must be one of its actors."""
    checked = {}
    for name, value in corrections.items():
        if name not in CORRECTABLE:
            raise ReviewError(f"{name} cannot be corrected (only {', '.join(CORRECTABLE)})")
        if value is None:
            continue
        if name == "stance" and value not in STANCES:
            raise ReviewError(f"stance {value!r}: expected one of {', '.join(STANCES)}")
        if name == "degree" and value not in DEGREES:
            raise ReviewError(f"degree {value!r}: expected one of {', '.join(DEGREES)}")
        if name == "hedged":
            if value not in (0, 1, True, False):
                raise ReviewError(f"hedged {value!r}: expected 0 or 1")
            value = int(value)
        elif not isinstance(value, str):
            raise ReviewError(f"{name} {value!r}: expected text")
        if name in ("claimant_id", "subject_id", "stance", "degree") and value == "":
            raise ReviewError(f"{name} cannot be corrected to nothing")
        if (
            db is not None
            and name in ACTOR_FIELDS
            and value
            and not db["actors"].count_where("id = ?", [value])
        ):
            raise ReviewError(f"{name} {value!r} is not an actor of this knowledge base (an actors.id)")
        checked[name] = value
    return checked


def review_row(claim: dict, verdict: str, corrections: dict, reviewer: str, note: str | None) -> dict:
    """The ``reviews`` row of a verdict on ``claim``; corrections equal to the extracted value drop."""
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict {verdict!r}: expected one of {', '.join(VERDICTS)}")
    original = extracted(claim)
    kept = {name: value for name, value in corrections.items() if value != original.get(name)}
    if verdict == "corrected" and not kept:
        raise ReviewError(
            f"claim {claim['id']}: nothing to correct (the values given are the extracted ones)"
        )
    row = {
        "fingerprint": claim["fingerprint"],
        "verdict": verdict,
        "document_sha256": claim["document_sha256"],
        "document_id": claim["document_id"],
        **{name: original[name] for name in ("claimant_id", "stance", "subject_id", "evidence")},
        **{f"corrected_{name}": None for name in CORRECTABLE},
        "reviewer": reviewer,
        "note": note or None,
        "reviewed_at": _now(),
    }
    if verdict == "corrected":
        row.update({f"corrected_{name}": value for name, value in kept.items()})
    return row


def record(
    db: sqlite_utils.Database,
    refs: Iterable[str],
    verdict: str,
    corrections: dict | None = None,
    reviewer: str | None = None,
    note: str | None = None,
) -> list[dict]:
    """Record ``verdict`` on the claims ``refs`` name; returns the reviews written.

    A correction adds to an earlier correction of the same claim. Raises ReviewError, before
    writing anything, when a reference or a correction is wrong.
    """
    corrections = check_corrections(db, corrections or {})
    reviewer = reviewer or default_reviewer()
    rows = []
    for ref in refs:
        claim = find_claims(db, ref)[0]
        given = dict(corrections)
        if verdict == "corrected":
            earlier = db["reviews"].rows_where(
                "fingerprint = ? AND verdict = 'corrected'", [claim["fingerprint"]]
            )
            for previous in earlier:
                given = {**_corrections_of(previous), **given}
        rows.append(review_row(claim, verdict, given, reviewer, note))
    with db.atomic():
        db["reviews"].upsert_all(rows, pk="fingerprint", columns=REVIEWS_COLUMNS)
        review_store.refresh_documents(db, [row["document_id"] for row in rows])
    refresh_actor_stats(db)
    return rows


def _corrections_of(review: dict) -> dict:
    return {
        name: review[f"corrected_{name}"]
        for name in CORRECTABLE
        if review.get(f"corrected_{name}") is not None
    }


def clear(db: sqlite_utils.Database, refs: Iterable[str]) -> int:
    """Forget the reviews of these claims: they show as extracted again. Returns how many went."""
    claims = [find_claims(db, ref)[0] for ref in refs]
    prints = [claim["fingerprint"] for claim in claims]
    with db.atomic():
        removed = sum(db.execute("DELETE FROM reviews WHERE fingerprint = ?", [p]).rowcount for p in prints)
        review_store.refresh_documents(db, [claim["document_id"] for claim in claims])
    refresh_actor_stats(db)
    return removed


# --- listing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimFilter:
    actor_ids: tuple[str, ...] = ()
    stance: str | None = None
    below: float | None = None  # confidence strictly below
    document_id: str | None = None
    reviewed: bool = False  # the reviewed claims (rejected ones too) instead of the unreviewed
    limit: int | None = 20


LIST_SQL = """
SELECT c.id, c.fingerprint, c.document_id, c.claimant_id, c.stance, c.subject_id, c.confidence,
  c.degree, c.hedged, c.evidence, c.published, c.review, d.title AS document_title
FROM {table} c JOIN documents d ON d.id = c.document_id
"""


def list_claims(db: sqlite_utils.Database, chosen: ClaimFilter) -> list[dict]:
    """The claims to review (or reviewed), least confident first."""
    where, params = [], {}
    if chosen.actor_ids:
        marks = ", ".join(f":actor{i}" for i in range(len(chosen.actor_ids)))
        where.append(f"(c.claimant_id IN ({marks}) OR c.subject_id IN ({marks}))")
        params.update({f"actor{i}": actor for i, actor in enumerate(chosen.actor_ids)})
    for condition, name, value in (
        ("c.stance = :stance", "stance", chosen.stance),
        ("c.confidence < :below", "below", chosen.below),
        ("c.document_id = :document", "document", chosen.document_id),
    ):
        if value is not None:
            where.append(condition)
            params[name] = value
    tables = ("claims", "rejected_claims") if chosen.reviewed else ("claims",)
    where.append("c.review IS NOT NULL" if chosen.reviewed else "c.review IS NULL")
    sql = " UNION ALL ".join(LIST_SQL.format(table=t) + " WHERE " + " AND ".join(where) for t in tables)
    sql = f"SELECT * FROM ({sql}) ORDER BY confidence, id" + (
        f" LIMIT {int(chosen.limit)}" if chosen.limit else ""
    )
    return [dict(row) for row in db.query(sql, params)]


def count_claims(db: sqlite_utils.Database) -> dict[str, int]:
    """Claims in the KB by review state: unreviewed, confirmed, corrected, rejected."""
    counts = {"unreviewed": 0, "confirmed": 0, "corrected": 0}
    for row in db.query(
        "SELECT coalesce(review, 'unreviewed') AS state, count(*) AS n FROM claims GROUP BY 1"
    ):
        counts[row["state"]] = row["n"]
    counts["rejected"] = db["rejected_claims"].count
    return counts


def unmatched_reviews(db: sqlite_utils.Database) -> list[dict]:
    """Reviews that name no claim of this KB (the extractor no longer reads it, or its text changed),
    and corrections that could not be applied (an actor this KB does not have)."""
    return [
        dict(row)
        for row in db.query(
            "SELECT r.*, CASE WHEN c.id IS NULL AND x.id IS NULL THEN 'no such claim here' "
            "ELSE 'not applied: a corrected actor is missing from this KB' END AS problem "
            "FROM reviews r LEFT JOIN claims c ON c.fingerprint = r.fingerprint "
            "LEFT JOIN rejected_claims x ON x.fingerprint = r.fingerprint "
            "WHERE (c.id IS NULL AND x.id IS NULL) OR (r.verdict = 'corrected' AND c.review IS NULL) "
            "GROUP BY r.fingerprint ORDER BY r.reviewed_at"
        )
    ]


# --- export and import ---------------------------------------------------------------------


def export_reviews(db: sqlite_utils.Database) -> Iterator[str]:
    """Every review as one JSON line (empty fields left out), oldest first."""
    for row in db.query("SELECT * FROM reviews ORDER BY reviewed_at, fingerprint"):
        yield json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False)


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0  # the file's review is newer than this KB's
    kept: int = 0  # this KB's review is as new or newer
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.added} reviews added, {self.updated} updated, {self.kept} kept (as new or newer here), "
            f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}"
        )


def parse_review(line: str) -> dict:
    """One JSONL line as a ``reviews`` row; raises ReviewError saying what is wrong."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ReviewError(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise ReviewError("not a JSON object")
    unknown = sorted(set(data) - set(REVIEWS_COLUMNS))
    if unknown:
        raise ReviewError(f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
    if not FINGERPRINT.match(str(data.get("fingerprint", ""))):
        raise ReviewError("fingerprint missing or not 16 hex digits")
    if data.get("verdict") not in VERDICTS:
        raise ReviewError(f"verdict {data.get('verdict')!r}: expected one of {', '.join(VERDICTS)}")
    parts = [data.get(name) for name in review_store.FINGERPRINT_FIELDS]
    if all(part is not None for part in parts) and review_store.fingerprint(*parts) != data["fingerprint"]:
        raise ReviewError("the fingerprint does not match the claim's fields (was the line edited?)")
    corrections = check_corrections(None, _corrections_of(data))
    if data["verdict"] == "corrected" and not corrections:
        raise ReviewError("verdict corrected without any corrected_ field")
    row = {name: data.get(name) for name in REVIEWS_COLUMNS}
    row.update({f"corrected_{name}": value for name, value in corrections.items()})
    row["reviewed_at"] = row["reviewed_at"] or _now()
    return row


def import_reviews(db: sqlite_utils.Database, path: Path) -> ImportSummary:
    """Add the reviews of a JSONL file; a review this KB already has is replaced only by a newer one.
    A bad line is reported with its number and the others go on."""
    summary = ImportSummary()
    rows = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rows.append(parse_review(line))
            except ReviewError as problem:
                summary.errors.append(f"{path}:{number}: {problem}")
    written = []
    with db.atomic():
        for row in rows:
            stored = db.execute(
                "SELECT reviewed_at FROM reviews WHERE fingerprint = ?", [row["fingerprint"]]
            ).fetchone()
            if stored and (stored[0] or "") >= row["reviewed_at"]:
                summary.kept += 1
                continue
            summary.updated += bool(stored)
            summary.added += not stored
            written.append(row)
        db["reviews"].upsert_all(written, pk="fingerprint", columns=REVIEWS_COLUMNS)
        documents = review_store.reviewed_document_ids(db, [row["fingerprint"] for row in written])
        review_store.refresh_documents(db, documents)
    if documents:
        refresh_actor_stats(db)
    return summary
