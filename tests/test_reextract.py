"""kb reextract after a lexicon change, with the real models; reviews hold through it and through a
fresh ingest of the same files into a KB where they were imported.

The lexicon change is real: a copy of extract/lexicons without the English cue "blame", given to
the commands by KB_LEXICONS (read when the extractor is imported, hence the subprocesses).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from extract.version import LEXICON_DIR, extractor_version
from kb import reviews
from kb.ingest import ingest
from kb.store import open_db

pytestmark = pytest.mark.slow

TEXTS = {
    "uk.txt": "UK blames Russia\n\nThe United Kingdom blamed Russia for the cyber attack on the Bundestag.\n",
    "denial.txt": "Moscow denies\n\nRussia denied any involvement in the cyber attack on the Bundestag.\n",
    "us.txt": "US accuses China\n\nThe United States accused China of hacking Microsoft Exchange servers.\n",
    "nato.txt": "NATO statement\n\nNATO called on all states to act responsibly in cyberspace.\n",
}


def kb(*args: str, lexicons: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KB_LEXICONS": str(lexicons)}
    command = [sys.executable, "-m", "kb.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)


def rows(db_path: Path, table: str) -> dict[int, dict]:
    return {row["id"]: row for row in sqlite_utils.Database(db_path).query(f"SELECT * FROM {table}")}


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def without_blame(tmp_path) -> Path:
    """The package's lexicons with the English cue family "blame" taken out."""
    copy = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, copy)
    english = json.loads((copy / "en.json").read_text("utf-8"))
    english["cues"] = [cue for cue in english["cues"] if cue["name"] != "blame"]
    (copy / "en.json").write_text(json.dumps(english, ensure_ascii=False), encoding="utf-8")
    return copy


def test_after_a_lexicon_change_reextract_updates_only_the_documents_it_affects(
    news, without_blame, tmp_path
):
    db_path = tmp_path / "kb.db"
    first = ingest([news], db_path, lang="en", progress=False, echo=lambda m: None)
    assert (first.documents, first.outdated) == (4, 0)
    before = rows(db_path, "claims")
    by_document = {row["document_id"]: row for row in before.values()}
    assert by_document["uk"]["cue"] == "blamed", "the test needs the 'blame' cue to give uk its claim"
    assert {row["extractor"] for row in before.values()} == {extractor_version()}
    db = open_db(db_path)
    us_claim = by_document["us"]
    reviews.record(db, [str(us_claim["id"])], "corrected", {"degree": "sponsored"}, note="by the MSS")
    reviews.record(db, [str(by_document["denial"]["id"])], "rejected", note="test")
    reviews_before = rows(db_path, "claims")  # with the corrected values
    db.close()

    # ingest with the changed lexicon stores nothing new but says the KB is out of date
    again = kb("ingest", str(news), "--db", str(db_path), "--lang", "en", "--quiet", lexicons=without_blame)
    assert again.returncode == 0, again.stderr
    assert "4 stored documents were read by an older extractor: `kb reextract`" in again.stdout

    dry = kb("reextract", "--db", str(db_path), "--dry-run", "--quiet", lexicons=without_blame)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[0] == "uk: +0 -1 ~0 claims (0 unchanged)"
    assert "4 documents read again, 1 would change" in dry.stdout
    assert rows(db_path, "claims") == reviews_before, "a dry run writes nothing"

    done = kb("reextract", "--db", str(db_path), lexicons=without_blame)
    assert done.returncode == 0, done.stderr
    changed_lines = [
        line for line in done.stdout.splitlines() if line.startswith(("uk", "us", "denial", "nato"))
    ]
    assert changed_lines == ["uk: +0 -1 ~0 claims (0 unchanged)"]
    after = rows(db_path, "claims")
    new_version = {row["extractor"] for row in after.values()}
    assert len(new_version) == 1 and new_version != {extractor_version()}
    # the unaffected claim keeps its row, its id and its correction; the removed one is gone
    assert set(after) == {us_claim["id"]}
    assert {k: v for k, v in after[us_claim["id"]].items() if k != "extractor"} == {
        k: v for k, v in reviews_before[us_claim["id"]].items() if k != "extractor"
    }
    assert after[us_claim["id"]]["degree"] == "sponsored" and after[us_claim["id"]]["review"] == "corrected"
    # the rejected denial was read again and is still rejected
    rejected = rows(db_path, "rejected_claims")
    assert [row["document_id"] for row in rejected.values()] == ["denial"]
    documents = rows_by_id(db_path)
    assert {d["extractor"] for d in documents.values()} == new_version
    assert documents["uk"]["n_claims"] == 0

    nothing = kb("reextract", "--db", str(db_path), lexicons=without_blame)
    assert "nothing to do" in nothing.stdout
    one = kb("reextract", "--db", str(db_path), "--document", "nato", "--quiet", lexicons=without_blame)
    assert "1 document read again, 0 changed" in one.stdout
    unknown = kb("reextract", "--db", str(db_path), "--document", "nope", lexicons=without_blame)
    assert unknown.returncode == 1 and "no document nope" in unknown.stderr


def rows_by_id(db_path: Path) -> dict[str, dict]:
    return {row["id"]: row for row in sqlite_utils.Database(db_path).query("SELECT * FROM documents")}


def test_reviews_hold_through_a_fresh_ingest_into_a_kb_where_they_were_imported(news, tmp_path):
    first_db = tmp_path / "first.db"
    ingest([news], first_db, lang="en", progress=False, echo=lambda m: None)
    db = open_db(first_db)
    claims = {row["document_id"]: row for row in db["claims"].rows}
    reviews.record(db, [str(claims["uk"]["id"])], "rejected", reviewer="alice", note="not a cyber claim")
    reviews.record(db, [str(claims["us"]["id"])], "corrected", {"hedged": 1, "degree": "sponsored"})
    exported = tmp_path / "reviews.jsonl"
    exported.write_text("".join(line + "\n" for line in reviews.export_reviews(db)), encoding="utf-8")

    second_db = tmp_path / "second.db"
    summary = reviews.import_reviews(open_db(second_db), exported)
    assert (summary.added, summary.errors) == (2, [])
    ingest([news], second_db, lang="en", progress=False, echo=lambda m: None)
    second = open_db(second_db)
    kept = {row["document_id"]: row for row in second["claims"].rows}
    assert "uk" not in kept
    assert [row["evidence"] for row in second["rejected_claims"].rows] == [claims["uk"]["evidence"]]
    assert (kept["us"]["hedged"], kept["us"]["degree"], kept["us"]["review"]) == (1, "sponsored", "corrected")
    assert json.loads(kept["us"]["as_extracted"]) == {"hedged": 0, "degree": claims["us"]["degree"]}
