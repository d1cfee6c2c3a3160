"""No text is lost to another that shares its id (issue 18, item 1).

Each scenario is real ``kb ingest`` processes over real files: two files of the same name in
two folders, the same JSONL file name on two days, an id given twice for two texts, and a file
edited in place (which replaces its own earlier text, and only that).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ACCUSATION = "The United States accused China of hacking Microsoft Exchange servers."
DENIAL = "Russia denied hacking the Bundestag, the German parliament, in 2015."


def kb_ingest(*args, cwd: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "kb.cli", "ingest", *map(str, args), "--quiet"]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def rows(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_two_files_of_one_name_are_two_documents(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "report.txt").write_text(ACCUSATION, encoding="utf-8")
    (tmp_path / "b" / "report.txt").write_text(DENIAL, encoding="utf-8")
    done = kb_ingest("a/report.txt", "b/report.txt", "--db", "kb.db", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "kb.db: 2 new documents, 1 under a new id" in done.stdout
    stored = rows(tmp_path / "kb.db", "SELECT id, text FROM documents ORDER BY id")
    assert [text for _, text in stored] == [ACCUSATION, DENIAL]
    assert stored[0][0] == "report" and stored[1][0].startswith("report-")
    assert "the id 'report' names another text; stored as" in done.stderr
    assert rows(tmp_path / "kb.db", "SELECT count(*) FROM claims")[0][0] >= 2


def test_the_same_jsonl_name_on_two_days_keeps_both_days(tmp_path):
    for day, text in (("day1", ACCUSATION), ("day2", DENIAL)):
        (tmp_path / day).mkdir()
        (tmp_path / day / "news.jsonl").write_text(json.dumps({"lang": "en", "text": text}) + "\n")
    for day in ("day1", "day2", "day1"):  # the re-run must not flip anything back
        done = kb_ingest(f"{day}/news.jsonl", "--db", "kb.db", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    assert "Nothing new" in done.stdout
    texts = {text for (text,) in rows(tmp_path / "kb.db", "SELECT text FROM documents")}
    assert texts == {ACCUSATION, DENIAL}
    lines = rows(tmp_path / "kb.db", "SELECT source_file, source_line FROM documents ORDER BY source_file")
    assert [(Path(f).relative_to(tmp_path).as_posix(), n) for f, n in lines] == [
        ("day1/news.jsonl", 1),
        ("day2/news.jsonl", 1),
    ]


def test_a_given_id_for_another_text_is_refused_and_reported(tmp_path):
    (tmp_path / "first.jsonl").write_text(json.dumps({"id": "n1", "lang": "en", "text": ACCUSATION}) + "\n")
    second = [
        json.dumps({"id": "n2", "lang": "en", "text": "France accused Russia of hacking TV5Monde."}),
        json.dumps({"id": "n1", "lang": "en", "text": DENIAL}),
    ]
    (tmp_path / "second.jsonl").write_text("\n".join(second) + "\n")
    assert kb_ingest("first.jsonl", "--db", "kb.db", cwd=tmp_path).returncode == 0
    done = kb_ingest("second.jsonl", "--db", "kb.db", cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # the rest of the batch went in
    assert "1 new document," in done.stdout and "1 error" in done.stdout
    assert "second.jsonl:2: the id 'n1' already names another text" in done.stderr
    assert rows(tmp_path / "kb.db", "SELECT text FROM documents WHERE id = 'n1'") == [(ACCUSATION,)]
    recorded = rows(tmp_path / "kb.db", "SELECT path, line FROM ingest_errors")
    assert recorded == [("second.jsonl", 2)]
    strict = kb_ingest("second.jsonl", "--db", "kb.db", "--strict", cwd=tmp_path)
    assert strict.returncode == 1


def test_an_edited_file_replaces_only_its_own_text(tmp_path):
    (tmp_path / "corpus").mkdir()
    report = tmp_path / "corpus" / "report.txt"
    report.write_text(ACCUSATION, encoding="utf-8")
    assert kb_ingest("corpus", "--db", "kb.db", cwd=tmp_path).returncode == 0
    report.write_text(DENIAL, encoding="utf-8")
    done = kb_ingest("corpus", "--db", "kb.db", cwd=tmp_path)
    assert "1 new document," in done.stdout
    assert rows(tmp_path / "kb.db", "SELECT id, text FROM documents") == [("report", DENIAL)]
    claims = rows(tmp_path / "kb.db", "SELECT DISTINCT claimant_id FROM claims")
    assert claims == [("RUS",)]  # the accusation went with its text
