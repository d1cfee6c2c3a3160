"""How kb reextract writes a document's new extraction (no model: the new extraction is given).

A claim found again keeps its row, its id and its review; a changed one is updated in place; the
summary counts what was added, removed and changed; a dry run writes nothing."""

from __future__ import annotations

from dataclasses import replace

import sqlite_utils
from graph_kb import DOCUMENTS, build_claims_kb

from extract.records import Claim, Document, Mention
from kb import reviews
from kb.reextract import choose_documents, outdated_count, reextract_document
from kb.store import open_db


def uk_document(db, claims: list[Claim]) -> Document:
    row = db["documents"].get("uk-2021")
    return Document(
        "uk-2021", row["text"], title=row["title"], published=row["published"], lang="en",
        mentions=[Mention("GBR", "GBR", 0, 1)], claims=claims,
    )  # fmt: skip


def test_a_document_read_again_keeps_the_rows_and_reviews_of_the_claims_found_again(tmp_path):
    path = build_claims_kb(tmp_path / "kb.db")
    db = open_db(path)
    assert outdated_count(db, "new") == 4 and choose_documents(db, "test") == []
    old_claims = DOCUMENTS[0][2]  # uk-2021: five claims
    before = {row["evidence"]: row for row in db["claims"].rows_where("document_id = 'uk-2021'")}
    reviews.record(db, [str(before[old_claims[1].evidence]["id"])], "corrected", {"subject_id": "CHN"})
    reviews.record(db, [str(before[old_claims[3].evidence]["id"])], "rejected")

    added = Claim("GBR", "accuses", "RUS", "A new sentence about Russia.", 0, 10, "blame")
    changed = replace(old_claims[0], degree="sponsored", confidence=0.9)
    rejected_again = replace(old_claims[3], confidence=0.8)  # found again, changed, still rejected
    new_claims = [changed, old_claims[1], old_claims[2], rejected_again, added]  # old_claims[4] is gone

    dry = reextract_document(db, uk_document(db, new_claims), "new", dry_run=True)
    assert (dry.added, dry.removed, dry.changed, dry.unchanged) == (1, 1, 2, 2)
    assert {r["evidence"]: r for r in db["claims"].rows_where("document_id = 'uk-2021'")}.keys() == (
        before.keys() - {old_claims[3].evidence}
    ), "a dry run writes nothing"

    done = reextract_document(db, uk_document(db, new_claims), "new")
    assert (done.added, done.removed, done.changed, done.unchanged) == (1, 1, 2, 2)
    after = {row["evidence"]: row for row in db["claims"].rows_where("document_id = 'uk-2021'")}
    assert set(after) == {c.evidence for c in new_claims} - {old_claims[3].evidence}
    first = after[changed.evidence]
    assert first["id"] == before[changed.evidence]["id"]
    assert (first["degree"], first["confidence"]) == ("sponsored", 0.9)
    corrected = after[old_claims[1].evidence]
    assert (corrected["id"], corrected["subject_id"], corrected["review"]) == (
        before[old_claims[1].evidence]["id"], "CHN", "corrected",
    )  # fmt: skip
    [still_rejected] = db["rejected_claims"].rows
    assert still_rejected["evidence"] == old_claims[3].evidence and still_rejected["confidence"] == 0.8
    assert {row["extractor"] for row in after.values()} == {"new"}
    document = db["documents"].get("uk-2021")
    assert (document["extractor"], document["n_claims"], document["n_mentions"]) == ("new", 4, 1)
    assert outdated_count(db, "new") == 3
    assert choose_documents(db, "new") == ["apt31-2024", "china-denies-2021", "microsoft-undated"]


def test_the_schema_upgrade_gives_old_claims_their_fingerprints_and_documents_their_extractor(tmp_path):
    path = build_claims_kb(tmp_path / "kb.db")
    raw = sqlite_utils.Database(path)
    expected = {row["id"]: row["fingerprint"] for row in raw["claims"].rows}
    raw.execute("UPDATE claims SET fingerprint = NULL")
    raw.execute("UPDATE documents SET extractor = NULL")
    raw.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m009_documents_extractor', 'm010_reviews')")
    raw.conn.commit()
    db = open_db(path)  # applies the two steps again, as on a KB written before them
    assert {row["id"]: row["fingerprint"] for row in db["claims"].rows} == expected
    assert {row["extractor"] for row in db["documents"].rows} == {"test"}
