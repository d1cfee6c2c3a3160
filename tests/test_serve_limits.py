"""One request cannot take the server down (issue 18, items 2, 11, 13, 16).

A real ``kb serve`` (a subprocess) on a small KB: a query that builds enormous values, clients
looping on heavy SQL, the SQL functions nobody needs, errors by the dozen, the methods and
parameters the plugin's pages do not take; every page's security headers.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from hostile_kb import build_hostile_kb, free_port, running_kb_serve

pytestmark = pytest.mark.slow

HEAVY_SQL = (
    "with recursive n(i) as (select 1 union all select i + 1 from n where i < 10000000000) "
    "select count(*) from n"
)
PAGES = [
    "/",
    "/kb",
    "/kb/claims",
    "/kb/claims/1",
    "/kb/actors/CHN",
    "/kb/documents/hostile-1",
    "/kb/who_accuses_whom",
    "/kb/claims.json",
    "/-/claims-graph",
    "/-/claims-graph.json",
    "/-/timeline",
    "/-/timeline.json",
    "/-/sources",
    "/kb/no-such-table",
    "/-/static-plugins/cyber_claims_kb/researcher/researcher.css",
]
PLUGIN_ROUTES = ["/-/claims-graph", "/-/claims-graph.json", "/-/timeline", "/-/timeline.json", "/-/sources"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("limits")
    db_path = build_hostile_kb(folder / "kb.db")
    log = folder / "serve.log"
    with running_kb_serve(db_path, free_port(), log=log) as (url, process):
        with httpx.Client(base_url=url, timeout=60) as client:
            yield {"client": client, "pid": process.pid, "log": log, "url": url}


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def test_enormous_values_are_refused_and_cost_little_memory(server):
    client = server["client"]
    started = time.monotonic()
    builders = {
        "printf": "select printf('%.*c', 100000000, 'x') from mentions limit 20",
        "randomblob": "select randomblob(1000000000)",
        "zeroblob": "select zeroblob(1000000000)",
        "many rows of large values": (
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < 40) "
            "select printf('%.*c', 8000000, 'x') from n"
        ),
        "a value over the length limit": (
            "select length(printf('%.*c', 9000000, 'x') || printf('%.*c', 9000000, 'x'))"
        ),
    }
    for name, sql in builders.items():
        response = client.get("/kb.json", params={"sql": sql})
        assert len(response.content) < 1_000_000, name
        if response.status_code != 200:
            assert response.status_code == 400, name
            assert response.json()["error"], name
    assert client.get("/kb.json", params={"sql": builders["randomblob"]}).json()["error"] == (
        "not authorized to use function: randomblob"
    )
    too_large = client.get("/kb.json", params={"sql": builders["many rows of large values"]}).json()
    assert "the result is too large" in too_large["error"]
    assert time.monotonic() - started < 30
    assert peak_rss_mb(server["pid"]) < 1_000, "one query took over a GB"


def test_fts3_tokenizer_and_extensions_are_denied(server):
    client = server["client"]
    for sql in (
        "select fts3_tokenizer('simple')",
        "select hex(fts3_tokenizer('simple'))",
        "select fts3_tokenizer('evil', x'0000000000000000')",
        "select load_extension('/tmp/evil.so')",
    ):
        body = client.get("/kb.json", params={"sql": sql}).json()
        assert body.get("ok") is False and "not authorized" in body["error"], (sql, body)


def test_heavy_sql_loops_leave_pages_fast(server):
    url = server["url"]
    stop = threading.Event()

    def loop_heavy_sql():
        with httpx.Client(base_url=url, timeout=60) as client:
            while not stop.is_set():
                client.get("/kb.json", params={"sql": HEAVY_SQL})

    loopers = [threading.Thread(target=loop_heavy_sql) for _ in range(3)]
    for looper in loopers:
        looper.start()
    time.sleep(1)
    page_times, sql_answers = [], []
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                for path in ("/kb/actors/CHN", "/-/versions.json", "/-/timeline.json"):
                    started = time.monotonic()
                    assert client.get(path).status_code == 200
                    page_times.append(time.monotonic() - started)
                started = time.monotonic()
                status = client.get("/kb.json", params={"sql": "select 1"}).status_code
                sql_answers.append((status, time.monotonic() - started))
    finally:
        stop.set()
        for looper in loopers:
            looper.join()
    assert max(page_times) < 1.5, f"a page took {max(page_times):.1f} s"
    assert statistics.median(page_times) < 0.3
    # trivial SQL waits its turn for a while, then is told to come back: never 3.7 s or 26 s
    assert all(status in (200, 429) for status, _ in sql_answers)
    assert max(seconds for _, seconds in sql_answers) < 3 + 2.5


def test_security_headers_on_every_page(server):
    client = server["client"]
    for path in PAGES:
        response = client.get(path)
        headers = response.headers
        assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), path
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert headers.get("x-frame-options") == "DENY", path
        assert headers.get("x-content-type-options") == "nosniff", path
        assert headers.get("referrer-policy"), path


def test_plugin_pages_only_read(server):
    client = server["client"]
    for path in PLUGIN_ROUTES:
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            response = client.request(method, path, content=b"x=1")
            assert response.status_code == 405, (method, path)
            assert response.headers["allow"] == "GET, HEAD"


def test_parameters_out_of_range_are_400(server):
    client = server["client"]
    for value in ("10000000000000000000000000000000000000000", "-3", "1e9", "abc"):
        response = client.get("/-/claims-graph.json", params={"min_claims": value})
        assert response.status_code == 400, value
        assert "min_claims must be a whole number" in response.json()["error"]


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    """A KB written by another tool: an actors table without its country column, a claim with a
    stance the project does not know."""
    folder = tmp_path_factory.mktemp("broken")
    db_path = build_hostile_kb(folder / "kb.db")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE claims SET stance = 'doubts' WHERE stance = 'denies'")
    conn.commit()
    conn.close()
    log = folder / "serve.log"
    with running_kb_serve(db_path, free_port(), log=log) as (url, process):
        with httpx.Client(base_url=url, timeout=60) as client:
            yield {"client": client, "log": log, "db": db_path, "pid": process.pid}


def test_an_unknown_stance_does_not_break_the_actor_page(broken_server):
    page = broken_server["client"].get("/kb/actors/CHN")
    assert page.status_code == 200
    assert "doubts" in page.text


def test_server_errors_show_no_sql_and_log_one_line_each(broken_server):
    conn = sqlite3.connect(broken_server["db"])
    conn.execute("DROP INDEX IF EXISTS idx_actors_country")
    conn.execute("DROP VIEW gephi_nodes")
    conn.execute("ALTER TABLE actors DROP COLUMN country")
    conn.commit()
    conn.close()
    client = broken_server["client"]
    log = broken_server["log"]
    before = log.stat().st_size
    started = time.monotonic()
    for _ in range(60):
        page = client.get("/kb/actors/CHN")
        assert page.status_code == 500
        assert "select" not in page.text.lower() and "Traceback" not in page.text
        assert re.search(r"reference [0-9a-f]{8}", page.text)
    assert time.monotonic() - started < 20
    assert client.get("/-/versions.json").status_code == 200  # still serving
    logged = log.read_bytes()[before:].decode()
    errors = [line for line in logged.splitlines() if line.startswith("ERROR ")]
    assert len(errors) >= 60 and all("no such column: country" in line for line in errors[:60])
    assert "Traceback" not in logged and "locals" not in logged
    assert len(logged) < 60 * 1_000, f"{len(logged)} bytes logged for 60 errors"


@pytest.mark.skipif(
    not shutil.which("unshare") or subprocess.run(["unshare", "-rn", "true"]).returncode,
    reason="no network namespace here",
)
def test_a_public_host_warns_and_turns_arbitrary_sql_off(tmp_path):
    """--host 0.0.0.0 in a network namespace of its own (only a loopback interface in it)."""
    db_path = build_hostile_kb(tmp_path / "kb.db")
    fetch = (
        "import time, urllib.request, urllib.error\n"
        "def get(path):\n"
        "    try:\n"
        "        return urllib.request.urlopen('http://127.0.0.1:8001' + path).status\n"
        "    except urllib.error.HTTPError as error:\n"
        "        return error.code\n"
        "for _ in range(300):\n"
        "    try:\n"
        "        get('/-/versions.json'); break\n"
        "    except OSError: time.sleep(0.1)\n"
        "print('sql', get('/kb.json?sql=select+1'), 'canned', get('/kb/who_accuses_whom.json'))\n"
    )
    serve = [sys.executable, "-m", "kb.cli", "serve", "--db", str(db_path), "--host", "0.0.0.0"]
    script = (
        f"ip link set lo up && {{ {' '.join(serve)} & server=$!; "
        f'{sys.executable} -c "$FETCH"; kill $server; wait $server; }}'
    )
    done = subprocess.run(
        ["unshare", "-rn", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"FETCH": fetch, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
    )
    assert "warning: serving on 0.0.0.0: anyone who can reach this machine" in done.stderr
    assert "arbitrary SQL (?sql=) is off" in done.stderr
    assert "sql 403 canned 200" in done.stdout, done.stderr[-2000:]
