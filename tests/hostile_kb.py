"""A tiny knowledge base full of hostile text, and a real ``kb serve`` to point attacks at.

Used by the serve-security and browser-escaping tests. Built through kb.store with hand-made
records, so no spaCy model is loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from extract.records import Actor, Claim, Document, Mention
from kb.analytics import refresh_actor_stats
from kb.store import open_db, save_actors, save_document

XSS_EVIDENCE = "<img src=x onerror=alert(1)> The United States accused China of hacking Microsoft Exchange."
SCRIPT_TITLE = "Hostile <script>alert('title')</script> page"
SCRIPT_TEXT = (
    "<script>alert('text')</script><iframe src=http://203.0.113.9/></iframe> "
    "The United States accused China of hacking Microsoft Exchange servers."
)
DENIAL_EVIDENCE = "<script>alert('denial')</script> China denied it."
CLAIM_ID = 1  # the XSS claim is the first one written

ACTORS = [
    Actor("CHN", "China", "state", "CHN", ("Beijing",), "iso3166"),
    Actor("USA", "United States <b>bold</b>", "state", "USA", ("US",), "iso3166"),
    Actor("MICROSOFT", "Microsoft", "company", "USA"),
]


def build_hostile_kb(path: Path) -> Path:
    db = open_db(path)
    save_actors(db, ACTORS)
    text = SCRIPT_TEXT
    start = text.index("The United States")
    document = Document(
        id="hostile-1",
        text=text,
        title=SCRIPT_TITLE,
        url="javascript:alert('url')",
        publisher="<b>Publisher</b>",
        published="2021-07-19",
        lang="en",
        mentions=[
            Mention("USA", "United States", start + 4, start + 17),
            Mention("CHN", "China", text.index("China"), text.index("China") + 5),
        ],
        claims=[
            Claim("USA", "accuses", "CHN", XSS_EVIDENCE, start, len(text), "accused", degree="direct"),
            Claim(
                "CHN", "denies", "CHN", "<script>alert('denial')</script> China denied it.", 0, 10, "denied"
            ),
        ],
    )
    save_document(db, document, extractor="test")
    refresh_actor_stats(db)  # as an ingest leaves it: kb serve finds nothing to refresh
    db.conn.close()  # last connection closed: the WAL is checkpointed into the main file
    return path


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kb serve exited with {process.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"kb serve did not answer at {url} within {timeout}s")


@contextlib.contextmanager
def running_kb_serve(db_path: Path, port: int, *extra: str, host: str | None = None, log: Path | None = None):
    """``kb serve`` as a subprocess (its own process group); yields (base url, process).

    Its output goes to a file: Datasette logs long tracebacks that would fill a pipe.
    """
    log = log or db_path.with_name(f"serve-{port}.log")
    command = [sys.executable, "-m", "kb.cli", "serve", "--db", str(db_path), "--port", str(port), *extra]
    if host:
        command += ["--host", host]
    url = f"http://{host or '127.0.0.1'}:{port}"
    with open(log, "w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"{url}/-/versions.json", process, log)
        yield url, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
