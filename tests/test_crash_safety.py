"""``kill -9`` in the middle of ``kb ingest``, and reading while it writes.

An uninterrupted ingest of ~60 short generated documents is the reference; while it runs, a
reader polls the database through a read-only sqlite3 connection and through Datasette, as
``kb serve`` would. Then the same inputs go into another database through ingests killed with
SIGKILL at growing document counts: after each kill the file passes ``integrity_check`` and
every stored document has exactly the reference's mentions and claims; a last, uninterrupted
run finishes the work with the reference's result.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ACCUSERS = ["The United States", "The United Kingdom", "France", "Germany", "Japan", "Australia"]
ACCUSED = ["China", "Russia", "Iran", "North Korea", "APT28", "APT31"]
TARGETS = ["hospitals", "banks", "the energy ministry", "election servers", "universities"]
N_DOCUMENTS = 60
BATCH_SIZE = 2  # a commit every two documents: writes start early and come often
# kill when the killed database holds at least this many documents, after this many seconds
# more (so the kill lands in different phases: parsing, writing, committing), then rerun
KILL_AT = ((4, 0.0), (20, 0.015), (36, 0.035))
RUN_TIMEOUT = 300


def write_documents(path: Path) -> Path:
    lines = []
    for i in range(N_DOCUMENTS):
        accuser = ACCUSERS[i % len(ACCUSERS)]
        accused = ACCUSED[(i // len(ACCUSERS)) % len(ACCUSED)]
        target = TARGETS[i % len(TARGETS)]
        text = (
            f"{accuser} accused {accused} of hacking {target} in {2000 + i}. "
            f"Officials said {i + 3} systems were hit during the campaign."
        )
        lines.append(json.dumps({"id": f"doc-{i:02d}", "lang": "en", "text": text}))
    path.write_text("\n".join(lines) + "\n")
    return path


def ingest_command(inputs: Path, db_path: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kb.cli",
        "ingest",
        str(inputs),
        "--db",
        str(db_path),
        "--batch-size",
        str(BATCH_SIZE),
        "--quiet",
    ]


def start_ingest(inputs: Path, db_path: Path, log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(
            ingest_command(inputs, db_path), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def document_count(db_path: Path) -> int | None:
    """Documents stored so far, read like Datasette does (read-only); None before the table exists."""
    if not db_path.exists():
        return None
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    finally:
        conn.close()


def snapshot(db_path: Path) -> dict[str, dict]:
    """Per document: its hash, mentions and claims (without row ids, which depend on order)."""
    conn = sqlite3.connect(db_path)
    try:
        documents = {i: {"sha256": h, "mentions": [], "claims": []} for i, h in conn.execute(
            "select id, sha256 from documents"
        )}  # fmt: skip
        for row in conn.execute(
            "select document_id, actor_id, text, start_char, end_char from mentions order by 1, 4, 5, 2"
        ):
            documents[row[0]]["mentions"].append(row[1:])
        for row in conn.execute(
            "select document_id, claimant_id, speaker_id, stance, subject_id, counterpart_id, degree, "
            "hedged, cue, evidence, start_char, end_char from claims order by 1, 11, 12, 2, 4, 5"
        ):
            documents[row[0]]["claims"].append(row[1:])
        return documents
    finally:
        conn.close()


def integrity(db_path: Path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()


def orphans(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "select (select count(*) from mentions where document_id not in (select id from documents))"
            " + (select count(*) from claims where document_id not in (select id from documents))"
        ).fetchone()[0]
    finally:
        conn.close()


class Reader:
    """Reads the database while an ingest writes: sqlite3 read-only and Datasette's own client."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.errors: list[str] = []
        self.counts: list[int] = []
        self.datasette_reads = 0
        self._datasette = None

    def read_once(self) -> None:
        try:
            count = document_count(self.db_path)
        except sqlite3.Error as error:
            self.errors.append(f"sqlite3: {error}")
            return
        if count is None:
            return
        self.counts.append(count)
        asyncio.run(self._read_through_datasette())

    async def _read_through_datasette(self) -> None:
        from datasette.app import Datasette

        if self._datasette is None:
            self._datasette = Datasette([str(self.db_path)])
        name = self.db_path.stem
        response = await self._datasette.client.get(
            f"/{name}.json?sql=select count(*) as n, (select count(*) from claims) as c from documents"
            "&_shape=array"
        )
        if response.status_code != 200:
            self.errors.append(f"datasette {response.status_code}: {response.text[:300]}")
        else:
            self.datasette_reads += 1


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_documents(tmp_path_factory.mktemp("crash") / "docs.jsonl")


@pytest.fixture(scope="module")
def reference(corpus):
    """The uninterrupted ingest, read from while it writes."""
    db_path = corpus.with_name("reference.db")
    log = corpus.with_name("reference.log")
    reader = Reader(db_path)
    started = time.monotonic()
    process = start_ingest(corpus, db_path, log)
    while process.poll() is None and time.monotonic() - started < RUN_TIMEOUT:
        reader.read_once()
        time.sleep(0.05)
    assert process.wait(timeout=10) == 0, log.read_text()
    reader.read_once()
    return {
        "db": db_path,
        "snapshot": snapshot(db_path),
        "reader": reader,
        "seconds": time.monotonic() - started,
    }


def test_reference_ingest_stores_every_document_with_claims(reference):
    documents = reference["snapshot"]
    assert len(documents) == N_DOCUMENTS
    with_claims = sum(1 for d in documents.values() if d["claims"])
    assert with_claims >= N_DOCUMENTS // 2, f"only {with_claims} documents gave a claim"


def test_datasette_and_sqlite_read_while_ingest_writes(reference):
    reader = reference["reader"]
    seen = sorted(set(reader.counts))
    print(f"{len(reader.counts)} reads, {reader.datasette_reads} through Datasette, counts seen {seen}")
    assert reader.errors == [], reader.errors[:5]
    assert reader.datasette_reads > 0
    # some reads happened in the middle of the writes, not only before or after
    assert any(0 < n < N_DOCUMENTS for n in reader.counts), sorted(set(reader.counts))
    assert reader.counts == sorted(reader.counts), "a reader saw documents disappear"


def kill_when(process: subprocess.Popen, db_path: Path, at_least: int, delay: float) -> int | None:
    """SIGKILL the ingest as soon as the database holds ``at_least`` documents; returns the count seen."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None  # it finished first
        count = document_count(db_path)
        if count is not None and count >= at_least:
            time.sleep(delay)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return count
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    raise TimeoutError(f"the ingest never stored {at_least} documents")


def assert_whole_documents(db_path: Path, reference_snapshot: dict) -> dict:
    assert integrity(db_path) == "ok"
    assert orphans(db_path) == 0
    stored = snapshot(db_path)
    for doc_id, content in stored.items():
        assert content == reference_snapshot[doc_id], f"{doc_id} differs from the uninterrupted ingest"
    return stored


def test_kill_9_leaves_whole_documents_and_a_rerun_finishes(corpus, reference):
    db_path = corpus.with_name("killed.db")
    log = corpus.with_name("killed.log")
    seen = []
    for at_least, delay in KILL_AT:
        process = start_ingest(corpus, db_path, log)
        count = kill_when(process, db_path, at_least, delay)
        assert process.returncode == -signal.SIGKILL or count is None
        stored = assert_whole_documents(db_path, reference["snapshot"])
        seen.append((at_least, count, len(stored)))
        if count is not None:
            assert len(stored) >= at_least
    print(f"kills (wanted at least, count at the kill, stored after): {seen}")
    assert all(count is not None and count < N_DOCUMENTS for _, count, _ in seen), (
        f"a kill did not land in the middle of the ingest: {seen}"
    )
    already = seen[-1][2]
    command = ingest_command(corpus, db_path)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert rerun.returncode == 0, rerun.stderr
    final = assert_whole_documents(db_path, reference["snapshot"])
    assert final == reference["snapshot"]
    # the rerun stored only what the killed runs had not
    assert f"{N_DOCUMENTS - already} new documents" in rerun.stdout, rerun.stdout
    assert f"{already} skipped" in rerun.stdout, rerun.stdout
