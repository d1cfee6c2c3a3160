"""Reviews in the database: a claim's fingerprint, the reviews table, and how a verdict shows.

A review is about a claim as the extractor read it, named by its **fingerprint**: the digest of
its document's text (sha256), claimant, stance, subject and evidence sentence. Nothing of it
depends on row ids, so a review follows its claim through ``kb reextract``, a re-ingest, or into
another KB built from the same texts.

How a verdict shows, everywhere at once:

- ``confirmed``: ``claims.review = 'confirmed'``;
- ``corrected``: the claim's row carries the corrected values, ``claims.review = 'corrected'``
  and ``claims.as_extracted`` keeps (JSON) what the extractor had read in their place;
- ``rejected``: the row moves from ``claims`` to ``rejected_claims`` (same id and columns), so
  that no query, view, page, graph or export built on ``claims`` sees it unless it asks for
  ``rejected_claims``.

``refresh_documents`` makes the stored claims of some documents agree with the reviews; it runs
in the caller's transaction (``kb.store.save_documents`` calls it for every batch it writes).
This module never imports ``kb.store`` (which imports it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator

import sqlite_utils

VERDICTS = ("confirmed", "rejected", "corrected")
# the claim fields a review may correct; the others (the sentence, its offsets) are the text's
CORRECTABLE = (
    "claimant_id",
    "speaker_id",
    "stance",
    "subject_id",
    "counterpart_id",
    "incident",
    "degree",
    "hedged",
)
ACTOR_FIELDS = ("claimant_id", "speaker_id", "subject_id", "counterpart_id")
FINGERPRINT_FIELDS = ("document_sha256", "claimant_id", "stance", "subject_id", "evidence")

REVIEWS_COLUMNS = {
    "fingerprint": str,
    "verdict": str,
    # the claim as the extractor read it: the fingerprint's parts, kept readable
    "document_sha256": str,
    "document_id": str,  # in the KB where it was reviewed; another KB may call it otherwise
    "claimant_id": str,
    "stance": str,
    "subject_id": str,
    "evidence": str,
    **{f"corrected_{name}": (int if name == "hedged" else str) for name in CORRECTABLE},
    "reviewer": str,
    "note": str,
    "reviewed_at": str,
}

_MAX_PARAMETERS = 500


def fingerprint(document_sha256: str, claimant_id: str, stance: str, subject_id: str, evidence: str) -> str:
    """16 hex digits naming a claim as extracted; the sentence's spacing does not count."""
    parts = [document_sha256 or "", claimant_id or "", stance or "", subject_id or ""]
    parts.append(" ".join((evidence or "").split()))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def create_tables(db: sqlite_utils.Database) -> None:
    """The reviews table, the claims' review columns and the table of rejected claims."""
    db["reviews"].create(REVIEWS_COLUMNS, pk="fingerprint", not_null={"verdict"}, if_not_exists=True)
    db["reviews"].create_index(["verdict"], if_not_exists=True)
    db["reviews"].create_index(["document_sha256"], if_not_exists=True)
    columns = db["claims"].columns_dict
    for name in ("fingerprint", "review", "as_extracted"):
        if name not in columns:
            db["claims"].add_column(name, str)
    _fill_fingerprints(db, "claims", None)
    db["claims"].create_index(["fingerprint"], if_not_exists=True)
    db["claims"].create_index(["review"], if_not_exists=True)
    if not db["rejected_claims"].exists():
        # no foreign keys: a rejected claim must never stop its document from being replaced
        db["rejected_claims"].create(dict(db["claims"].columns_dict), pk="id")
    db["rejected_claims"].create_index(["document_id"], if_not_exists=True)
    db["rejected_claims"].create_index(["fingerprint"], if_not_exists=True)


def _chunks(ids: list) -> Iterator[tuple[list, str]]:
    for start in range(0, len(ids), _MAX_PARAMETERS):
        chunk = ids[start : start + _MAX_PARAMETERS]
        yield chunk, ", ".join("?" * len(chunk))


def _fill_fingerprints(db: sqlite_utils.Database, table: str, document_ids: list | None) -> None:
    """Fingerprints for the claims written without one (by an older version, or by hand)."""
    sql = (
        f"SELECT c.id, d.sha256, c.claimant_id, c.stance, c.subject_id, c.evidence FROM {table} c "
        "JOIN documents d ON d.id = c.document_id WHERE c.fingerprint IS NULL"
    )
    batches = (
        [(sql, [])]
        if document_ids is None
        else [(sql + f" AND c.document_id IN ({marks})", chunk) for chunk, marks in _chunks(document_ids)]
    )
    for query, params in batches:
        updates = [(fingerprint(*row[1:]), row[0]) for row in db.execute(query, params).fetchall()]
        if updates:
            db.conn.executemany(f"UPDATE {table} SET fingerprint = ? WHERE id = ?", updates)


def _sync_rejected_columns(db: sqlite_utils.Database) -> list[str]:
    """``rejected_claims`` gets any column ``claims`` gained since; returns the shared columns."""
    rejected = db["rejected_claims"].columns_dict
    for name, kind in db["claims"].columns_dict.items():
        if name not in rejected:
            db["rejected_claims"].add_column(name, kind)
    return list(db["claims"].columns_dict)


def _move(db: sqlite_utils.Database, source: str, target: str, ids: list[int]) -> None:
    """Move rows between ``claims`` and ``rejected_claims``, keeping their id when it is free."""
    if not ids:
        return
    columns = _sync_rejected_columns(db)
    listed = ", ".join(f"[{c}]" for c in columns)
    without_id = ", ".join(f"[{c}]" for c in columns if c != "id")
    for chunk, marks in _chunks(ids):
        taken = {row[0] for row in db.execute(f"SELECT id FROM {target} WHERE id IN ({marks})", chunk)}
        for keep_id, moving in ((True, [i for i in chunk if i not in taken]), (False, sorted(taken))):
            if moving:  # an id taken meanwhile in the target: the row comes with a new one
                names = listed if keep_id else without_id
                db.execute(
                    f"INSERT INTO {target} ({names}) SELECT {names} FROM {source} "
                    f"WHERE id IN ({', '.join('?' * len(moving))}) ORDER BY id",
                    moving,
                )
        db.execute(f"DELETE FROM {source} WHERE id IN ({marks})", chunk)


def _as_extracted(db: sqlite_utils.Database, document_ids: list) -> None:
    """Put back what the extractor read where a correction replaced it (claims of these documents)."""
    for chunk, marks in _chunks(document_ids):
        rows = db.execute(
            f"SELECT id, as_extracted FROM claims WHERE document_id IN ({marks}) "
            "AND as_extracted IS NOT NULL",
            chunk,
        ).fetchall()
        for claim_id, stored in rows:
            values = {k: v for k, v in json.loads(stored).items() if k in CORRECTABLE}
            assignments = ", ".join(f"[{k}] = ?" for k in values)
            db.execute(
                f"UPDATE claims SET {assignments}{', ' if values else ''}as_extracted = NULL WHERE id = ?",
                [*values.values(), claim_id],
            )


def restore_extracted(db: sqlite_utils.Database, document_ids: Iterable[str]) -> None:
    """The claims of these documents as the extractor wrote them: rejected ones back in ``claims``,
    corrected ones with their extracted values, no review marks."""
    ids = list(document_ids)
    rejected = [
        row[0]
        for chunk, marks in _chunks(ids)
        for row in db.execute(f"SELECT id FROM rejected_claims WHERE document_id IN ({marks})", chunk)
    ]
    _move(db, "rejected_claims", "claims", rejected)
    _as_extracted(db, ids)
    for chunk, marks in _chunks(ids):
        db.execute(
            f"UPDATE claims SET review = NULL WHERE document_id IN ({marks}) AND review IS NOT NULL", chunk
        )


REVIEWED_CLAIMS_SQL = """
SELECT c.id, c.fingerprint, r.verdict, {corrected}, {current}
FROM claims c JOIN reviews r ON r.fingerprint = c.fingerprint
WHERE c.document_id IN ({marks})
"""


def refresh_documents(db: sqlite_utils.Database, document_ids: Iterable[str], fresh: bool = False) -> int:
    """Make the stored claims of these documents show their reviews; returns how many claims a
    review touched.

    ``fresh``: the documents' claims were just written by the extractor (their earlier rejected
    claims are stale and dropped); else the claims are first put back as extracted, so that a
    changed or removed review shows as it is now.
    """
    ids = list(dict.fromkeys(document_ids))
    if not ids:
        return 0
    if fresh:
        for chunk, marks in _chunks(ids):
            db.execute(f"DELETE FROM rejected_claims WHERE document_id IN ({marks})", chunk)
    else:
        restore_extracted(db, ids)
    _fill_fingerprints(db, "claims", ids)
    touched = 0
    actors: set[str] | None = None
    corrected = ", ".join(f"r.corrected_{name}" for name in CORRECTABLE)
    current = ", ".join(f"c.{name}" for name in CORRECTABLE)
    for chunk, marks in _chunks(ids):
        sql = REVIEWED_CLAIMS_SQL.format(corrected=corrected, current=current, marks=marks)
        rows = db.execute(sql, chunk).fetchall()
        if rows and actors is None:
            actors = {row[0] for row in db.execute("SELECT id FROM actors")}
        rejected = []
        for claim_id, _, verdict, *values in rows:
            corrections, extracted = values[: len(CORRECTABLE)], values[len(CORRECTABLE) :]
            if verdict == "rejected":
                rejected.append(claim_id)
            elif verdict == "corrected":
                _apply_correction(db, claim_id, corrections, extracted, actors or set())
            else:
                db.execute("UPDATE claims SET review = ? WHERE id = ?", [verdict, claim_id])
            touched += 1
        if rejected:
            db.execute(
                f"UPDATE claims SET review = 'rejected' WHERE id IN ({', '.join('?' * len(rejected))})",
                rejected,
            )
            _move(db, "claims", "rejected_claims", rejected)
    if touched:
        _recount(db, ids)
    return touched


def _apply_correction(db, claim_id: int, corrections: list, extracted: list, actors: set[str]) -> None:
    """Write the corrected values over the claim's, keeping the extracted ones in ``as_extracted``.
    A correction naming an actor this KB does not have is not applied (the claim stays as read)."""
    changes = {}
    for name, value, before in zip(CORRECTABLE, corrections, extracted, strict=True):
        if value is None:
            continue
        value = None if value == "" else value  # "" corrects a value to none
        if name in ACTOR_FIELDS and value is not None and value not in actors:
            return
        if value != before:
            changes[name] = value
    as_extracted = {name: extracted[CORRECTABLE.index(name)] for name in changes}
    assignments = "".join(f"[{name}] = ?, " for name in changes)
    db.execute(
        f"UPDATE claims SET {assignments}review = 'corrected', as_extracted = ? WHERE id = ?",
        [*changes.values(), json.dumps(as_extracted, ensure_ascii=False) if changes else None, claim_id],
    )


def _recount(db: sqlite_utils.Database, document_ids: list) -> None:
    for chunk, marks in _chunks(document_ids):
        db.execute(
            "UPDATE documents SET n_claims = (SELECT count(*) FROM claims WHERE document_id = documents.id) "
            f"WHERE id IN ({marks})",
            chunk,
        )


def reviewed_document_ids(db: sqlite_utils.Database, fingerprints: Iterable[str]) -> list[str]:
    """The documents holding claims (kept or rejected) with these fingerprints."""
    found: set[str] = set()
    prints = list(fingerprints)
    for table in ("claims", "rejected_claims"):
        for chunk, marks in _chunks(prints):
            found.update(
                row[0]
                for row in db.execute(
                    f"SELECT DISTINCT document_id FROM {table} WHERE fingerprint IN ({marks})", chunk
                )
            )
    return sorted(found)
