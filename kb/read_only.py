"""Datasette plugin that makes every connection to the knowledge base read-only.

Datasette already opens its read connections with ``?mode=ro`` and lets only SELECT through
its SQL box, but it keeps one write connection for canned queries marked ``write: true``
(from metadata or from any plugin). ``kb serve`` registers this module so that connection
refuses writes too: ``PRAGMA query_only`` makes SQLite reject every change, whatever the
endpoint. ``busy_timeout`` lets a reader wait out an ingest's checkpoint instead of failing.
"""

from __future__ import annotations

from datasette import hookimpl

# Datasette's own in-memory schema cache must stay writable
INTERNAL_DATABASES = {"_internal"}
BUSY_TIMEOUT_MS = 5000


@hookimpl
def prepare_connection(conn, database, datasette):
    if database in INTERNAL_DATABASES:
        return
    conn.execute("PRAGMA query_only = 1")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
