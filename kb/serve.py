"""Serving a knowledge base with Datasette: the checks before, the arguments, the run.

``kb serve`` is a thin layer over these functions. Each check fails with a ``ServeError`` whose
message is one line naming the file or the port, so the command line never shows a traceback
for a mistake that the user can fix.
"""

from __future__ import annotations

import errno
import gc
import ipaddress
import json
import os
import socket
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from kb import faults, store

KB_TABLES = frozenset({"documents", "actors", "mentions", "claims"})

# bounded work per request: the UI may be reached by others
SERVE_SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 2000,
    "facet_time_limit_ms": 500,
    # suggesting facets runs a query per column of every table page shown (72 queries, 1.4 s for
    # the claims table at 100,000 claims); the KB's metadata names the facets worth having
    "suggest_facets": "off",
    "allow_download": "off",  # the whole .db file is not a page
    "num_sql_threads": 8,  # (SQLite lets go of the GIL: pages go on while long queries run)
    "cache_size_kb": 50_000,  # SQLite's page cache per connection (its default is 2 MB)
}
# after SIGTERM, requests in progress get this long to finish before they are cancelled
GRACEFUL_SHUTDOWN_SECONDS = 2
# connections served at once; more wait in the kernel's queue (or get 503 from uvicorn)
MAX_CONCURRENT_CONNECTIONS = 200


class ServeError(Exception):
    """A reason not to serve, said in one line."""


def build_demo(db_path: Path, corpus: Path, echo: Callable[[str], None]) -> None:
    """Ingest the demo corpus into a new KB at ``db_path``."""
    from kb.ingest import ingest

    if not Path(corpus).exists():
        raise ServeError(f"{corpus}: the demo corpus is missing")
    echo(f"{db_path} not found: building it from {corpus} (--demo).")
    try:
        summary = ingest([corpus], db_path, echo=echo)
    except (OSError, ValueError) as error:
        raise ServeError(str(error)) from None
    echo(f"{db_path}: {summary}")


# the damage check at startup gives up after this long (a few seconds per GB)
QUICK_CHECK_SECONDS = 10


def check_database(db_path: Path, echo: Callable[[str], None] = print) -> None:
    """Refuse early, with the file's name, what Datasette would fail on with a traceback or
    serve without a word: no file, an empty one, a database without a KB, a damaged KB."""
    if not db_path.exists():
        raise ServeError(
            f"{db_path}: no such knowledge base. Build it with `kb ingest PATH --db {db_path}`, "
            "or add --demo to build it from the demo corpus"
        )
    if db_path.is_dir():
        raise ServeError(f"{db_path}: is a folder, not a knowledge base file")
    if db_path.stat().st_size == 0:
        raise ServeError(f"{db_path}: an empty file (0 bytes), not a knowledge base: build it with kb ingest")
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?{read_mode(db_path)}", uri=True)
        try:
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not KB_TABLES <= tables:
                missing = ", ".join(sorted(KB_TABLES - tables))
                raise ServeError(
                    f"{db_path}: a SQLite database without a knowledge base (no {missing} table): "
                    "build one with kb ingest"
                )
            problems = _quick_check(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if (error.sqlite_errorcode & 0xFF) == faults.SQLITE_NOTADB:
            raise ServeError(f"{db_path}: not a SQLite knowledge base ({error})") from None
        raise ServeError(faults.describe(error, db_path)) from None
    if problems is None:
        echo(f"{db_path}: the damage check (quick_check) took over {QUICK_CHECK_SECONDS} s; skipped")
    elif problems:
        raise ServeError(
            f"{db_path}: the knowledge base is damaged (quick_check: {problems[0]}); recover what it "
            f"holds with `sqlite3 {db_path} .recover | sqlite3 recovered.db`, or build it again"
        )


def _quick_check(conn: sqlite3.Connection) -> list[str] | None:
    """SQLite's quick_check problems (none: []), or None when it took too long."""
    deadline = time.monotonic() + QUICK_CHECK_SECONDS
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 100_000)
    try:
        found = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return None
        raise
    return [] if found == ["ok"] else found


def read_mode(db_path: Path) -> str:
    """How to open the KB read-only: a KB in a read-only place cannot have the shared-memory file
    that WAL mode needs beside it, and is served as immutable (nothing can change it anyway)."""
    return "mode=ro" if faults.writable(db_path) else "immutable=1"


def refresh_stale_stats(db_path: Path, echo: Callable[[str], None]) -> None:
    """Refresh actor_stats when the claims changed since (an ingest killed before its refresh)."""
    from kb.analytics import refresh_actor_stats
    from kb.graph_drawn import drawn_are_current, refresh_links_and_drawn
    from kb.graph_links import links_are_current

    if not faults.writable(db_path):
        return
    db = store.open_db(db_path)
    try:
        if store.stats_are_stale(db):
            echo(f"{db_path}: the actor statistics are older than the claims: refreshing them")
            refresh_actor_stats(db)
        elif not links_are_current(db):
            echo(f"{db_path}: the graph's links are older than the claims or the actors: counting them")
            refresh_links_and_drawn(db)
        elif not drawn_are_current(db):
            echo(f"{db_path}: the graph's denial arrows are older than its links: drawing them")
            refresh_links_and_drawn(db)
    finally:
        db.conn.close()


def upgrade_database(db_path: Path, echo: Callable[[str], None]) -> None:
    """Apply the schema steps a KB written by an earlier version lacks (kb.store.migrations)."""
    if not faults.writable(db_path):
        echo(f"{db_path}: read-only here; served as it is (immutable)")
        return
    try:
        pending = store.pending_migrations(db_path)
    except sqlite3.Error as error:
        raise ServeError(f"{db_path}: cannot read its schema ({error})") from None
    try:
        if pending:
            echo(f"{db_path}: bringing the schema up to date ({len(pending)} steps)")
        refresh_stale_stats(db_path, echo)
    except (sqlite3.Error, ValueError) as error:
        raise ServeError(f"{db_path}: cannot upgrade the schema ({error})") from None


def check_port(host: str, port: int) -> None:
    """Fail with a hint when another program already listens on ``host:port``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"port {port} on {host} is already in use: give another one with --port"
                ) from None
            raise ServeError(f"cannot listen on {host}:{port} ({error.strerror})") from None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def sql_setting(host: str, allow_sql: bool | None, echo: Callable[[str], None]) -> bool:
    """Whether arbitrary SQL (?sql=) is allowed: on this machine by default, off elsewhere
    unless asked for; a server reachable from elsewhere says so when it starts."""
    if is_loopback(host):
        return allow_sql is not False
    sql = "on (--allow-sql)" if allow_sql else "off (--allow-sql turns it on)"
    echo(
        f"warning: serving on {host}: anyone who can reach this machine can read the knowledge base; "
        f"arbitrary SQL (?sql=) is {sql}"
    )
    return bool(allow_sql)


def datasette_arguments(
    db_path: Path, host: str, port: int, metadata_path: Path, allow_sql: bool = True
) -> list[str]:
    """``datasette serve`` arguments: mutable (an ingest may write meanwhile) but guarded read-only.

    The plugin applies the KB's descriptions, canned queries and pages to the database whatever
    its file is called, so no copy of the metadata or the templates is needed.
    """
    where = [str(db_path)] if faults.writable(db_path) else ["--immutable", str(db_path)]
    arguments = ["serve", *where, "--metadata", str(metadata_path), "--host", host, "--port", str(port)]
    for name, value in {**SERVE_SETTINGS, "default_allow_sql": "on" if allow_sql else "off"}.items():
        arguments += ["--setting", name, str(value)]
    return arguments


# the worker processes of a kb serve --workers N read their Datasette arguments from here
ARGUMENTS_ENV = "KB_SERVE_DATASETTE_ARGUMENTS"


def make_datasette(arguments: list[str], start: bool = True):
    """The Datasette of ``datasette serve ARGUMENTS``, started, with the project's plugin as its
    only error handler (Datasette's logs each 500 with every local variable)."""
    from datasette.cli import run_sync
    from datasette.cli import serve as datasette_serve
    from datasette.plugins import pm

    import kb.datasette_plugin
    from kb import connection_limits

    connection_limits.tracking = True  # so that a stopping server can interrupt their queries
    if not pm.is_registered(kb.datasette_plugin):
        pm.register(kb.datasette_plugin, name="cyber-claims-kb")
    default_errors = pm.get_plugin("datasette.handle_exception")
    if default_errors is not None:
        pm.unregister(default_errors)
    context = datasette_serve.make_context("datasette serve", arguments[1:])
    context.params["return_instance"] = True
    with context:
        datasette = datasette_serve.invoke(context)
    if start:  # (in a worker the plugin starts it at the first request: its loop is running)
        run_sync(datasette.invoke_startup)
    return datasette, context.params["host"], context.params["port"]


def app_from_environment():
    """uvicorn's app factory in each worker process of kb serve --workers N."""
    app = make_datasette(json.loads(os.environ[ARGUMENTS_ENV]), start=False)[0].app()
    tune_garbage_collector()
    return app


# young objects collected after this many allocations (Python's default: 700)
GC_YOUNG_THRESHOLD = 20_000


def tune_garbage_collector() -> None:
    """A served page makes tens of thousands of short-lived objects, and Python's cycle collector
    ran every 700 of them, each tenth run walking every object of the server (Datasette, its
    templates, the pages kept in memory): 11% of the serving process's CPU time under load at a
    million claims. What exists once the server is built lives as long as it: frozen, the
    collector no longer walks it; the young objects are collected in larger batches."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def run_datasette(arguments: list[str], workers: int = 1) -> None:
    """Serve with uvicorn, in this process or in ``workers`` processes (each with its own
    Datasette: more cores for the pages' Python). SIGTERM stops it within seconds: requests in
    progress get GRACEFUL_SHUTDOWN_SECONDS, then are cancelled, and running queries are
    interrupted."""
    import uvicorn

    from kb import connection_limits

    settings = {
        "log_level": "info",
        "lifespan": "on",
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
        "limit_concurrency": MAX_CONCURRENT_CONNECTIONS,
    }
    if workers > 1:
        os.environ[ARGUMENTS_ENV] = json.dumps(arguments)
        host, port = arguments[arguments.index("--host") + 1], int(arguments[arguments.index("--port") + 1])
        uvicorn.run(
            "kb.serve:app_from_environment", factory=True, workers=workers, host=host, port=port, **settings
        )
        return
    datasette, host, port = make_datasette(arguments)
    tune_garbage_collector()

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            super().handle_exit(sig, frame)
            connection_limits.interrupt_all()

    Server(uvicorn.Config(datasette.app(), host=host, port=port, **settings)).run()
