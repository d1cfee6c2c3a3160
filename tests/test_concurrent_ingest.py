"""Two ``kb ingest`` at once on one KB queue for the write lock; statistics are never left stale
(issue 18, items 6 and 7).

Real processes on a real file: two ingests started together, with one commit per document so
that their writes interleave, one of them over inputs the other also reads.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extract.records import Claim, Document
from kb import store

pytestmark = pytest.mark.slow

ACCUSERS = ["The United States", "The United Kingdom", "France", "Germany", "Japan"]
ACCUSED = ["China", "Russia", "Iran", "North Korea"]


def write_inputs(path: Path, prefix: str, n: int) -> Path:
    lines = []
    for i in range(n):
        accuser, accused = ACCUSERS[i % len(ACCUSERS)], ACCUSED[i % len(ACCUSED)]
        text = f"{accuser} accused {accused} of hacking {prefix} systems number {i}."
        lines.append(json.dumps({"id": f"{prefix}-{i}", "lang": "en", "text": text}))
    path.write_text("\n".join(lines) + "\n")
    return path


def start_ingest(db_path: Path, *inputs: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "kb.cli", "ingest", *map(str, inputs), "--db", str(db_path)]
    command += ["--batch-size", "1", "--quiet"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_concurrent_ingests_both_finish(tmp_path):
    db_path = tmp_path / "kb.db"
    first = write_inputs(tmp_path / "first.jsonl", "first", 30)
    second = write_inputs(tmp_path / "second.jsonl", "second", 30)
    runs = [start_ingest(db_path, first), start_ingest(db_path, second, first)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
    conn = sqlite3.connect(db_path)
    ids = {row[0] for row in conn.execute("SELECT id FROM documents")}
    assert ids == {f"first-{i}" for i in range(30)} | {f"second-{i}" for i in range(30)}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # each text stored once, by one of the two runs; the other counted it as skipped
    stored = sum(int(out.split(": ", 1)[1].split(" new document")[0]) for out, _ in outputs)
    assert stored == 60


def stats_match_claims(db_path: Path) -> bool:
    conn = sqlite3.connect(db_path)
    try:
        counted = dict(
            conn.execute("SELECT claimant_id, count(*) FROM claims WHERE stance = 'accuses' GROUP BY 1")
        )
        stats = "SELECT actor_id, accusations_made FROM actor_stats WHERE accusations_made"
        stats = dict(conn.execute(stats))
        return counted == stats
    finally:
        conn.close()


def test_stats_older_than_the_claims_are_refreshed_by_the_next_run(tmp_path):
    db_path = tmp_path / "kb.db"
    inputs = write_inputs(tmp_path / "news.jsonl", "news", 4)
    command = [sys.executable, "-m", "kb.cli", "ingest", str(inputs), "--db", str(db_path), "--quiet"]
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert stats_match_claims(db_path)
    # what an ingest killed after its last commit leaves: claims stored, statistics not refreshed
    db = store.open_db(db_path)
    text = "Japan accused Iran of hacking its ports."
    claim = Claim("JPN", "accuses", "IRN", text, 0, len(text), "accused")
    store.save_documents(db, [Document(id="late", text=text, lang="en", claims=[claim])])
    db.conn.close()
    assert not stats_match_claims(db_path)
    again = subprocess.run(command, capture_output=True, text=True)
    assert "Nothing new" in again.stdout
    assert stats_match_claims(db_path)
