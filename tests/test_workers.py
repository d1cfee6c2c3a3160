"""``kb ingest --workers 2`` when a process dies (issue 18, item 8).

Real processes: the ingest is started, its two worker processes found under it in /proc; then
either the main process is killed with SIGKILL (its workers must follow within seconds, not run
on with their models loaded) or one worker is (the run must finish, every document stored, the
death reported without a traceback).
"""

from __future__ import annotations

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

N_DOCUMENTS = 80


def write_inputs(path: Path) -> Path:
    countries = ["The United States", "France", "Germany", "Japan", "The United Kingdom"]
    lines = [
        json.dumps(
            {
                "id": f"doc-{i:03d}",
                "lang": "en",
                "text": f"{countries[i % 5]} accused Russia of hacking {i + 3} ministries in {1990 + i}. "
                "Officials said the campaign lasted months and targeted the energy sector.",
            }
        )
        for i in range(N_DOCUMENTS)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    inputs = write_inputs(tmp_path / "news.jsonl")
    command = [sys.executable, "-m", "kb.cli", "ingest", str(inputs), "--db", str(tmp_path / "kb.db")]
    command += ["--workers", "2", "--batch-size", "2", "--quiet"]
    log = open(tmp_path / "ingest.log", "w")  # noqa: SIM115 - closed by the caller's process end
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers = [c for c in children(process.pid) if "spawn_main" in _command_line(c)]
        if len(workers) == 2 and _stored(tmp_path / "kb.db") >= 4:  # both have their models
            return process, workers
        time.sleep(0.2)
    process.kill()
    raise AssertionError(f"the ingest did not start its workers: {(tmp_path / 'ingest.log').read_text()}")


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _stored(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_workers_end_with_a_killed_ingest(tmp_path):
    process, workers = start(tmp_path)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if alive(w)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "workers kept running after their ingest was killed"


def test_a_killed_worker_costs_no_document(tmp_path):
    process, workers = start(tmp_path)
    os.kill(workers[0], signal.SIGKILL)
    assert process.wait(timeout=600) == 0
    log = (tmp_path / "ingest.log").read_text()
    assert "Traceback" not in log and "BrokenProcessPool" not in log, log
    assert _stored(tmp_path / "kb.db") == N_DOCUMENTS
