"""Every connection to a knowledge base is read-only.

Datasette already opens its read connections with ``?mode=ro`` and lets only SELECT through
its SQL box, but it keeps one write connection for canned queries marked ``write: true``
(from metadata or from any plugin). The plugin's ``prepare_connection`` calls ``guard`` on
every connection, so that one refuses writes too: ``PRAGMA query_only`` makes SQLite reject
every change, whatever the endpoint. ``busy_timeout`` lets a reader wait out an ingest's
checkpoint instead of failing.
"""

from __future__ import annotations

# Datasette's own in-memory schema cache must stay writable
INTERNAL_DATABASES = {"_internal"}
BUSY_TIMEOUT_MS = 5000


def guard(conn, database: str) -> None:
    if database in INTERNAL_DATABASES:
        return
    conn.execute("PRAGMA query_only = 1")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
