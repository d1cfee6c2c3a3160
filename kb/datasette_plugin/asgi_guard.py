"""Around every request: security headers, GET only on the plugin's pages, a few arbitrary SQL
queries and CSV streams at a time, and a response that stops when its client has gone.

- Every response carries a Content-Security-Policy (scripts, styles and data from this site
  only; no framing, no plugins), X-Frame-Options, nosniff and a same-origin referrer.
- The plugin's pages (``/-/claims-graph``, ``/-/timeline``, ...) only read: other methods get 405.
- Arbitrary SQL (``?sql=``) runs ``SQL_SLOTS`` at a time and CSV streams (``_stream``)
  ``STREAM_SLOTS`` at a time: clients looping on heavy queries cannot take every SQL thread
  from the pages. A request that finds no slot within ``SLOT_WAIT_SECONDS`` gets 429.
- A client that disconnects cancels its response: an abandoned CSV stream stops instead of
  paging through a whole view for minutes.
"""

from __future__ import annotations

import asyncio
import json
import re
from urllib.parse import parse_qs

from kb import connection_limits

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
READ_METHODS = frozenset({"GET", "HEAD"})
SQL_SLOTS = 1
STREAM_SLOTS = 1
SLOT_WAIT_SECONDS = 2.0
# a database's query page: /kb, /kb.json, /kb.csv
_DATABASE_PAGE = re.compile(r"^/[^/]+(?:\.\w+)?/?$")


class Slots:
    """The semaphores of one Datasette instance, made in its event loop."""

    def __init__(self):
        self.sql = asyncio.Semaphore(SQL_SLOTS)
        self.stream = asyncio.Semaphore(STREAM_SLOTS)


def wrap(app, plugin_routes: list[re.Pattern], slots_of):
    """``app`` behind the guard; ``slots_of()`` gives this instance's ``Slots``."""

    async def guarded(scope, receive, send):
        if scope.get("type") == "lifespan":
            await app(scope, _interrupting_at_shutdown(receive), send)
            return
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        send = _with_security_headers(send)
        path = scope.get("path", "")
        if scope.get("method") not in READ_METHODS and any(r.match(path) for r in plugin_routes):
            await _respond(send, 405, "this page only reads: use GET", [(b"allow", b"GET, HEAD")])
            return
        slot = _slot_for(scope, slots_of())
        if slot is None:
            await _until_disconnected(app, scope, receive, send)
            return
        try:
            await asyncio.wait_for(slot.acquire(), SLOT_WAIT_SECONDS)
        except asyncio.TimeoutError:
            message = "too many SQL queries or CSV streams at once on this server: try again in a few seconds"
            await _respond(send, 429, message, [(b"retry-after", b"5")])
            return
        try:
            await _until_disconnected(app, scope, receive, send)
        finally:
            slot.release()

    return guarded


def _interrupting_at_shutdown(receive):
    """The server is stopping (each worker of kb serve --workers): the queries running stop too."""

    async def receiving():
        message = await receive()
        if message["type"] == "lifespan.shutdown":
            connection_limits.interrupt_all()
        return message

    return receiving


def _slot_for(scope, slots: Slots) -> asyncio.Semaphore | None:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if "_stream" in query:
        return slots.stream
    if "sql" in query and _DATABASE_PAGE.match(scope.get("path", "")):
        return slots.sql
    return None


def _with_security_headers(send):
    async def sending(message):
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return sending


async def _respond(send, status: int, message: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps({"ok": False, "error": message, "status": status}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json; charset=utf-8"), *headers],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _until_disconnected(app, scope, receive, send) -> None:
    """Run the app; once its response has started, a disconnect from the client cancels it."""
    started = asyncio.Event()
    disconnected = False

    async def watching_send(message):
        if message["type"] == "http.response.start":
            started.set()
        await send(message)

    task = asyncio.ensure_future(app(scope, receive, watching_send))

    async def watch():
        nonlocal disconnected
        await started.wait()  # (the request's body, if any, was read by then)
        while (await receive())["type"] != "http.disconnect":
            pass
        disconnected = True
        task.cancel()

    watcher = asyncio.ensure_future(watch())
    try:
        await task
    except asyncio.CancelledError:
        if not disconnected:
            raise
    finally:
        watcher.cancel()
