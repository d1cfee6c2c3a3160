"""An abandoned CSV stream stops, and ``kb serve`` stops on SIGTERM within 5 s (issue 18, item 4).

A real ``kb serve`` on a KB big enough that streaming the ``denials_answering`` view as CSV takes
minutes: a client that reads a few seconds and leaves must leave the server idle, and SIGTERM
during a stream must end the process within 5 s.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import time
from pathlib import Path

import pytest
from hostile_kb import free_port, running_kb_serve

from extract.records import Actor
from kb import store

pytestmark = pytest.mark.slow

N_CLAIMS = 8_000  # 170,000 denial-accusation pairs: each page of the stream takes a second or two
STREAM_PATH = "/kb/denials_answering.csv?_stream=on&_size=max"


def build_kb(path: Path) -> Path:
    rng = random.Random(18)
    ids = [f"A{i:03d}" for i in range(60)]
    db = store.open_db(path)
    store.save_actors(db, [Actor(i, f"Actor {i}", "state") for i in ids])
    documents = [
        {
            "id": f"d{d}",
            "sha256": f"{d:064x}",
            "text": "text",
            "published": f"20{10 + d % 14}-01-{1 + d % 28:02d}",
        }
        for d in range(N_CLAIMS // 5)
    ]
    claims = []
    for c in range(N_CLAIMS):
        claimant, subject = rng.choice(ids), rng.choice(ids)
        denial = c % 5 == 0
        claims.append(
            {
                "document_id": f"d{c % len(documents)}",
                "claimant_id": subject if denial else claimant,
                "stance": "denies" if denial else "accuses",
                "subject_id": subject,
                "counterpart_id": None,
                "evidence": f"Claim number {c}, said at length " + "x" * 200,
                "published": documents[c % len(documents)]["published"],
            }
        )
    with store.write_transaction(db):
        db["documents"].insert_all(documents)
        db["claims"].insert_all(claims)
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def big_kb(tmp_path_factory) -> Path:
    return build_kb(tmp_path_factory.mktemp("stream") / "kb.db")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_stream(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    stream = socket.create_connection((host, int(port)))
    stream.sendall(f"GET {STREAM_PATH} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    assert stream.recv(65536).startswith(b"HTTP/1.1 200")
    return stream


def test_an_abandoned_csv_stream_stops(big_kb):
    with running_kb_serve(big_kb, free_port()) as (url, process):
        stream = start_stream(url)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            stream.recv(65536)
        stream.close()  # the client leaves
        time.sleep(2)
        before = cpu_seconds(process.pid)
        time.sleep(5)
        spent = cpu_seconds(process.pid) - before
        assert spent < 1.0, f"the server kept working ({spent:.1f} s of CPU in 5 s) for a client gone"


def test_sigterm_stops_the_server_during_a_stream(big_kb):
    with running_kb_serve(big_kb, free_port()) as (url, process):
        stream = start_stream(url)
        stream.recv(65536)
        started = time.monotonic()
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        stopped = time.monotonic() - started
        stream.close()
        assert stopped < 5, f"kb serve took {stopped:.1f} s to stop"


def test_worker_processes_serve_and_stop_together(big_kb):
    with running_kb_serve(big_kb, free_port(), "--workers", "2") as (url, process):
        import urllib.request

        with urllib.request.urlopen(f"{url}/kb/actors/A001") as response:
            assert response.status == 200
        workers = [
            int(c)
            for t in Path(f"/proc/{process.pid}/task").glob("*")
            for c in (t / "children").read_text().split()
        ]
        assert len(workers) >= 2
        started = time.monotonic()
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        while time.monotonic() - started < 5 and any(running(w) for w in workers):
            time.sleep(0.1)
        assert time.monotonic() - started < 5, "kb serve --workers 2 took over 5 s to stop"
        assert not [w for w in workers if running(w)], "a worker outlived kb serve"


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
