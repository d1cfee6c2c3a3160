"""The hand-made KB of graph_kb.py with three reviews: one claim rejected, one corrected, one
confirmed (the pages', the browser's and the feed's tests read it)."""

from __future__ import annotations

from pathlib import Path

from graph_kb import build_claims_kb

from kb import reviews
from kb.store import open_db

REJECTED = "The UK holds the Chinese state responsible."
CORRECTED = "The UK says APT31 targeted MPs."  # corrected: the subject is China
CONFIRMED = "The EU says it came from Chinese territory."


def build_reviewed_kb(path: Path) -> tuple[Path, dict[str, int]]:
    """The KB at ``path`` and its claim ids by sentence."""
    build_claims_kb(path)
    db = open_db(path)
    ids = {row["evidence"]: row["id"] for row in db["claims"].rows}
    reviews.record(db, [str(ids[REJECTED])], "rejected", reviewer="alice", note="China is the victim")
    reviews.record(
        db, [str(ids[CORRECTED])], "corrected", {"subject_id": "CHN"}, reviewer="bob", note="see text"
    )
    reviews.record(db, [str(ids[CONFIRMED])], "confirmed", reviewer="carol")
    db.close()
    return path, ids
