"""Serving a knowledge base with Datasette: the checks before, the arguments, the run.

``kb serve`` is a thin layer over these functions. Each check fails with a ``ServeError`` whose
message is one line naming the file or the port, so the command line never shows a traceback
for a mistake that the user can fix.
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

from kb import store

# bounded work per request: the UI may be reached by others
SERVE_SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 2000,
    "facet_time_limit_ms": 500,
    # suggesting facets runs a query per column of every table page shown: seconds on a large
    # KB; the KB's metadata names the facets worth having
    "suggest_facets": "off",
    "allow_download": "off",  # the whole .db file is not a page
}


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


def check_database(db_path: Path) -> None:
    """Refuse early, with the file's name, what Datasette would fail on with a traceback."""
    if not db_path.exists():
        raise ServeError(
            f"{db_path}: no such knowledge base. Build it with `kb ingest PATH --db {db_path}`, "
            "or add --demo to build it from the demo corpus"
        )
    if db_path.is_dir():
        raise ServeError(f"{db_path}: is a folder, not a knowledge base file")
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("select count(*) from sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise ServeError(f"{db_path}: not a SQLite knowledge base ({error})") from None


def upgrade_database(db_path: Path, echo: Callable[[str], None]) -> None:
    """Apply the schema steps a KB written by an earlier version lacks (kb.store.migrations)."""
    try:
        pending = store.pending_migrations(db_path)
    except sqlite3.Error as error:
        raise ServeError(f"{db_path}: cannot read its schema ({error})") from None
    if not pending:
        return
    echo(f"{db_path}: bringing the schema up to date ({len(pending)} steps)")
    try:
        store.open_db(db_path).close()
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


def datasette_arguments(db_path: Path, host: str, port: int, metadata_path: Path) -> list[str]:
    """``datasette serve`` arguments: mutable (an ingest may write meanwhile) but guarded read-only.

    The plugin applies the KB's descriptions, canned queries and pages to the database whatever
    its file is called, so no copy of the metadata or the templates is needed.
    """
    arguments = ["serve", str(db_path), "--metadata", str(metadata_path), "--host", host, "--port", str(port)]
    for name, value in SERVE_SETTINGS.items():
        arguments += ["--setting", name, str(value)]
    return arguments


def run_datasette(arguments: list[str]) -> None:
    """Run Datasette in this process, with the project's plugin (and so its read-only guard)."""
    from datasette.cli import cli as datasette_cli
    from datasette.plugins import pm

    import kb.datasette_plugin

    if not pm.is_registered(kb.datasette_plugin):
        pm.register(kb.datasette_plugin, name="cyber-claims-kb")
    datasette_cli.main(args=arguments, prog_name="datasette")
