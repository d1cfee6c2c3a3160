"""``kb serve`` for real: bound to 127.0.0.1, nothing writes through any endpoint, queries are bounded.

One server (a subprocess) serves a hand-made database with hostile text. Its metadata is the
project's plus one canned query marked ``write: true``: Datasette 0.65 runs those through a
write connection, so refusing it proves the read-only guard (kb.read_only) rather than
Datasette's SELECT-only SQL box.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import httpx
import pytest
import yaml
from hostile_kb import XSS_EVIDENCE, build_hostile_kb, file_hash, free_port, running_kb_serve

from kb.cli import METADATA

pytestmark = pytest.mark.slow

TABLES = ("documents", "actors", "mentions", "claims", "ingest_errors")

WRITE_SQL = [
    "insert into actors (id, name, kind) values ('EVIL', 'Evil', 'state')",
    "INSERT OR REPLACE INTO claims (id, evidence) VALUES (1, 'x')",
    "delete from claims",
    "update claims set evidence = 'tampered'",
    "drop table claims",
    "create table evil (x)",
    "pragma writable_schema = 1",
    "pragma journal_mode = delete",
    "PRAGMA query_only = 0",
    "vacuum",
    "attach database '{attach}' as evil",
    "select 1; delete from claims",
    "with x as (select 1) delete from claims",
    "replace into actors (id, name, kind) values ('EVIL', 'Evil', 'state')",
    "select load_extension('/tmp/evil.so')",
    "/* comment */ delete from claims",
    "explain delete from claims",  # harmless if run, but must not write either
]


def row_counts(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    db_path = build_hostile_kb(folder / "kb.db")
    metadata = yaml.safe_load(METADATA.read_text())
    queries = metadata.setdefault("databases", {}).setdefault("kb", {}).setdefault("queries", {})
    queries["sneaky_insert"] = {
        "sql": "insert into actors (id, name, kind) values (:id, 'Injected', 'state')",
        "write": True,
    }
    metadata_path = folder / "metadata.yml"
    metadata_path.write_text(yaml.safe_dump(metadata, allow_unicode=True))
    before = {"hash": file_hash(db_path), "counts": row_counts(db_path)}
    port = free_port()
    with running_kb_serve(db_path, port, "--metadata", str(metadata_path)) as (url, process):
        with httpx.Client(base_url=url, timeout=30, follow_redirects=False) as client:
            yield {"url": url, "port": port, "client": client, "db": db_path, "before": before, "dir": folder}


def assert_unchanged(server) -> None:
    db_path = server["db"]
    assert row_counts(db_path) == server["before"]["counts"]
    assert file_hash(db_path) == server["before"]["hash"], "the database file changed"
    assert not list(server["dir"].glob("evil*")), "an ATTACH created a file"


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the TCP sockets listening on ``port`` (from /proc/net/tcp)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        address, port_hex = fields[1].split(":")
        if int(port_hex, 16) == port and fields[3] == "0A":  # 0A = LISTEN
            found.add(".".join(str(b) for b in reversed(bytes.fromhex(address))))
    return found


def test_binds_loopback_only_by_default(server):
    assert listening_addresses(server["port"]) == {"127.0.0.1"}


def test_host_option_is_what_binds_elsewhere(tmp_path):
    db_path = build_hostile_kb(tmp_path / "kb.db")
    port = free_port()
    # 127.0.0.2 is loopback too: the test proves --host is honoured without leaving the machine
    with running_kb_serve(db_path, port, host="127.0.0.2"):
        assert listening_addresses(port) == {"127.0.0.2"}


@pytest.mark.parametrize("sql", WRITE_SQL)
def test_write_sql_is_refused(server, sql):
    sql = sql.format(attach=server["dir"] / "evil.db")
    for path in ("/kb", "/kb.json"):
        response = server["client"].get(path, params={"sql": sql})
        if sql.startswith("explain"):
            # EXPLAIN only lists opcodes; what matters is that nothing changed
            assert response.status_code in (200, 400)
        else:
            assert response.status_code in (400, 403), (path, sql, response.status_code)
    assert_unchanged(server)


@pytest.mark.parametrize(
    "path",
    [
        "/kb",
        "/kb/claims",
        "/kb/claims/1",
        "/kb/claims/-/insert",
        "/kb/claims/1/-/delete",
        "/kb/claims/1/-/update",
        "/kb/claims/-/drop",
        "/kb/-/create",
        "/kb/-/query",
        "/-/messages",
        "/-/permissions",
        "/-/allow-debug",
        "/-/logout",
        "/-/auth-token",
        "/-/settings",
        "/-/databases",
    ],
)
def test_post_to_any_endpoint_writes_nothing(server, path):
    client = server["client"]
    for body in (
        {"sql": "delete from claims"},
        {"row": {"id": "EVIL", "name": "Evil", "kind": "state"}},
    ):
        response = client.post(path, json=body)
        assert response.status_code >= 300, (path, response.status_code, response.text[:200])
        response = client.post(path, data={"sql": "delete from claims", "message": "<b>x</b>"})
        # a form POST without CSRF token is refused; /-/messages only sets a cookie
        assert response.status_code >= 300 or path == "/-/messages", (path, response.status_code)
    assert_unchanged(server)


def test_debug_pages_expose_no_write(server):
    client = server["client"]
    for path in ("/-/metadata", "/-/plugins", "/-/settings", "/-/databases", "/-/threads", "/-/actor"):
        response = client.get(path + ".json")
        assert response.status_code in (200, 403), path
    # the root-only pages stay closed to an anonymous visitor
    for path in ("/-/permissions", "/-/auth-token"):
        assert client.get(path).status_code in (403, 405), path
    settings = client.get("/-/settings.json").json()
    assert settings["sql_time_limit_ms"] == 3000
    assert settings["max_returned_rows"] == 2000
    assert settings["allow_download"] is False
    # the guard is registered (as the project's own plugin, through its entry point)
    hooks = {hook for p in client.get("/-/plugins.json").json() for hook in p["hooks"]}
    assert "prepare_connection" in hooks
    assert client.get("/kb.db").status_code == 403  # no download of the whole file
    assert client.get("/_internal.json", params={"sql": "select 1"}).status_code == 403
    assert_unchanged(server)


def test_canned_write_query_is_refused_by_the_guard(server):
    """Datasette runs ``write: true`` canned queries for real; the guard must make them fail."""
    client = server["client"]
    form = client.get("/kb/sneaky_insert")
    assert form.status_code == 200
    token = re.search(r'name="csrftoken" value="([^"]+)"', form.text).group(1)
    response = client.post(
        "/kb/sneaky_insert",
        data={"id": "INJECTED", "csrftoken": token, "_json": "1"},
    )
    result = response.json()
    assert result["ok"] is False, result
    assert "readonly" in result["message"] or "read-only" in result["message"], result
    assert_unchanged(server)


def test_long_query_hits_the_time_limit(server):
    sql = (
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 10000000000) "
        "select count(*) from n"
    )
    started = time.monotonic()
    response = server["client"].get("/kb.json", params={"sql": sql})
    elapsed = time.monotonic() - started
    assert response.status_code == 400
    assert "too long" in response.json()["error"].lower()
    assert elapsed < 15, f"the 3 s limit took {elapsed:.1f}s to stop the query"


def test_row_limit_is_enforced(server):
    sql = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000) select i from n"
    body = server["client"].get("/kb.json", params={"sql": sql, "_shape": "objects"}).json()
    assert len(body["rows"]) == 2000
    assert body["truncated"] is True


def test_hostile_text_is_escaped_in_html(server):
    client = server["client"]
    for path in ("/kb/claims", "/kb/claims/1", "/kb/documents/hostile-1", "/kb/documents", "/kb/actors"):
        html = client.get(path).text
        assert "<img src=x onerror" not in html, path
        assert "<script>alert(" not in html, path
        assert "<b>bold</b>" not in html, path
    claims_page = client.get("/kb/claims").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in claims_page
    assert XSS_EVIDENCE.split("> ", 1)[1] in claims_page
    assert_unchanged(server)


def test_serve_refuses_a_file_that_is_not_a_database(tmp_path):
    from click.testing import CliRunner

    from kb.cli import cli

    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("my notes, not a database\n")
    result = CliRunner().invoke(cli, ["serve", "--db", str(not_a_db), "--port", str(free_port())])
    assert result.exit_code == 1
    assert f"{not_a_db}: not a SQLite knowledge base" in result.output
    assert not_a_db.read_text() == "my notes, not a database\n"
