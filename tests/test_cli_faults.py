"""A full disk, a read-only mount, a damaged KB and a bad output path, each said in one line
(issue 18, item 14).

Real conditions, real processes: a tmpfs too small for the ingest and a read-only bind mount
(each in a user and mount namespace of its own, ``unshare -rm``, so no privilege is needed),
a KB with damaged pages, /dev/full and a folder that does not exist. Each command must exit 1
with a message naming the file and the case, never a traceback, and lose nothing stored.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_kb import build_hostile_kb, free_port

PROJECT = Path(__file__).resolve().parent.parent
KB = [sys.executable, "-m", "kb.cli"]


def namespaces_available() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


needs_namespaces = pytest.mark.skipif(not namespaces_available(), reason="no unshare -rm here")


def in_namespace(script: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=timeout, cwd=PROJECT
    )


def kb(*args: str) -> str:
    return " ".join(shlex.quote(part) for part in [*KB, *args])


def assert_one_line_failure(done: subprocess.CompletedProcess, *said: str) -> None:
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    for text in said:
        assert text in done.stderr, done.stderr


def write_news(path: Path, n: int) -> Path:
    lines = [
        json.dumps(
            {"id": f"n{i}", "lang": "en", "text": f"France accused Russia of hacking {i} banks. " * 40}
        )
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.slow
@needs_namespaces
def test_ingest_on_a_full_disk_says_so_and_keeps_what_was_stored(tmp_path):
    seed = build_hostile_kb(tmp_path / "seed.db")
    room = tmp_path / "small"
    room.mkdir()
    news = write_news(tmp_path / "news.jsonl", 300)
    size_kb = seed.stat().st_size // 1024 + 96  # room for the KB and a little more
    check = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    check += "print(c.execute('pragma integrity_check').fetchone()[0], "
    check += "c.execute('select count(*) from documents').fetchone()[0])"
    done = in_namespace(
        f"mount -t tmpfs -o size={size_kb}k tmpfs {room} && cp {seed} {room}/kb.db && "
        f"{kb('ingest', str(news), '--db', f'{room}/kb.db', '--quiet', '--batch-size', '4')}; "
        f"echo status=$? >&2; {shlex.quote(sys.executable)} -c {shlex.quote(check)} {room}/kb.db"
    )
    assert "status=1" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert f"{room}/kb.db: the disk is full" in done.stderr
    integrity, n_documents = done.stdout.split()
    assert integrity == "ok" and int(n_documents) >= 1  # the hostile document, at least


@pytest.mark.slow
@needs_namespaces
def test_a_read_only_kb_is_refused_for_ingest_and_served(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    build_hostile_kb(folder / "kb.db")
    news = write_news(tmp_path / "news.jsonl", 1)
    port = free_port()
    read_only = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"
    done = in_namespace(f"{read_only} && {kb('ingest', str(news), '--db', f'{folder}/kb.db', '--quiet')}")
    assert_one_line_failure(done, f"{folder}/kb.db: the knowledge base cannot be written here")
    assert "new file name" not in done.stderr
    fetch = (
        "import sys, time, urllib.request\n"
        "for _ in range(200):\n"
        "    try:\n"
        f"        url = 'http://127.0.0.1:{port}/kb/documents.json?_shape=array'\n"
        "        print(urllib.request.urlopen(url).read().decode()); break\n"
        "    except OSError: time.sleep(0.2)\n"
    )
    served = in_namespace(
        f"{read_only} && {{ {kb('serve', '--db', f'{folder}/kb.db', '--port', str(port))} & server=$!; "
        f"{shlex.quote(sys.executable)} -c {shlex.quote(fetch)}; kill $server; wait $server; }}"
    )
    assert "hostile-1" in served.stdout, served.stderr
    assert "served as it is (immutable)" in served.stderr


def damage(db_path: Path) -> None:
    """Overwrite the first page of every table and index with bytes no page starts with (the
    schema, on page 1, stays readable: the file is still a SQLite database)."""
    conn = sqlite3.connect(db_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [page for (page,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    conn.close()
    with open(db_path, "r+b") as file:
        for page in pages:
            file.seek((page - 1) * page_size)
            file.write(b"\xff" * 64)


@pytest.fixture
def damaged_kb(tmp_path) -> Path:
    db_path = build_hostile_kb(tmp_path / "kb.db")
    damage(db_path)
    return db_path


@pytest.mark.slow
def test_a_damaged_kb_is_said_to_be_damaged_by_every_command(damaged_kb, tmp_path):
    before = damaged_kb.read_bytes()
    news = write_news(tmp_path / "news.jsonl", 1)
    commands = {
        "ingest": ["ingest", str(news), "--db", str(damaged_kb), "--quiet"],
        "export": [
            "export",
            "--db",
            str(damaged_kb),
            "--format",
            "graphml",
            "--out",
            str(tmp_path / "g.graphml"),
        ],
        "eval": ["eval", str(PROJECT / "data" / "eval" / "seed"), "--db", str(damaged_kb)],
        "serve": ["serve", "--db", str(damaged_kb), "--port", str(free_port())],
    }
    for name, args in commands.items():
        done = subprocess.run([*KB, *args], capture_output=True, text=True, timeout=300)
        assert_one_line_failure(done, f"{damaged_kb}: the knowledge base is damaged", ".recover")
        assert "new file name" not in done.stderr, name
    assert damaged_kb.read_bytes() == before


def test_outputs_that_cannot_be_written_are_one_line(tmp_path):
    db_path = build_hostile_kb(tmp_path / "kb.db")
    missing = tmp_path / "no" / "such" / "folder" / "g.graphml"
    done = subprocess.run(
        [*KB, "export", "--db", str(db_path), "--format", "graphml", "--out", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_one_line_failure(done, f"{missing}: the folder {missing.parent} does not exist")
    full = subprocess.run(
        [*KB, "export", "--db", str(db_path), "--format", "json", "--out", "/dev/full"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_one_line_failure(full, "/dev/full: no space left on the device")


def test_serve_refuses_an_empty_file_and_a_database_without_a_kb(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (x)").connection.close()
    for db_path, said in (
        (empty, "an empty file (0 bytes), not a knowledge base"),
        (other, "a SQLite database without a knowledge base"),
    ):
        command = [*KB, "serve", "--db", str(db_path), "--port", str(free_port())]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert_one_line_failure(done, f"{db_path}: {said}")
