"""Re-ingesting is cheap: stored texts are skipped before the model runs, changed files replace theirs."""

from __future__ import annotations

import sqlite_utils

from kb.ingest import ingest

TEXTS = {
    "uk.txt": (
        "UK blames China for Exchange hack\n\n"
        "The United Kingdom accused China of a cyber attack against Microsoft Exchange servers. "
        "The British foreign secretary said the Chinese state was responsible."
    ),
    "denial.txt": (
        "Beijing rejects the accusation\n\n"
        "China denied any involvement in the cyber attack. "
        "A Chinese foreign ministry spokesperson called the allegations groundless."
    ),
    "nato.txt": (
        "NATO statement\n\n"
        "NATO condemned the malicious cyber activities and called on all states to act responsibly."
    ),
}
CHANGED = (
    "Beijing rejects the accusation\n\n"
    "China denied the accusations made by the United States. "
    "Beijing said Washington was the biggest source of cyber attacks in the world."
)


def _ingest(folder, db_path):
    return ingest([folder], db_path, lang="en", progress=False, echo=lambda message: None)


def _rows(db, table):
    return {row["id"]: row for row in db.query(f"SELECT * FROM {table}")}


def test_second_run_stores_nothing_and_a_changed_file_alone_is_extracted(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db_path = tmp_path / "kb.db"

    first = _ingest(folder, db_path)
    assert (first.documents, first.skipped, first.errors) == (3, 0, 0)
    db = sqlite_utils.Database(db_path)
    documents = _rows(db, "documents")
    mentions, claims = _rows(db, "mentions"), _rows(db, "claims")
    assert len(documents) == 3
    assert mentions, "the test texts name actors: the first run must store mentions"

    second = _ingest(folder, db_path)
    assert (second.documents, second.skipped, second.claims, second.mentions) == (0, 3, 0, 0)
    assert "Nothing new" in str(second)
    # untouched rows: nothing was rewritten
    assert _rows(db, "documents") == documents
    assert _rows(db, "mentions") == mentions
    assert _rows(db, "claims") == claims

    (folder / "denial.txt").write_text(CHANGED, encoding="utf-8")
    third = _ingest(folder, db_path)
    assert (third.documents, third.skipped) == (1, 2)
    after = _rows(db, "documents")
    assert len(after) == 3
    changed_id = next(i for i, row in after.items() if row["text"] != documents[i]["text"])
    assert "biggest source" in after[changed_id]["text"]
    # the other documents kept their rows, ids included: they were not re-extracted
    for doc_id in set(after) - {changed_id}:
        assert after[doc_id] == documents[doc_id]
    kept = {i: m for i, m in mentions.items() if m["document_id"] != changed_id}
    assert {i: m for i, m in _rows(db, "mentions").items() if m["document_id"] != changed_id} == kept
    # the changed document's mentions point into its new text, none left from the old one
    new_text = after[changed_id]["text"]
    for mention in db.query("SELECT * FROM mentions WHERE document_id = ?", [changed_id]):
        assert new_text[mention["start_char"] : mention["end_char"]] == mention["text"]
    for claim in db.query("SELECT * FROM claims WHERE document_id = ?", [changed_id]):
        assert claim["evidence"] in new_text
