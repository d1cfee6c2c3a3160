"""Pages kept while the KB does not change: a public KB is read far more often than it is written.

A GET without cookies or credentials (what an anonymous reader sends) for a KB page is answered
from memory when the same address was answered since the database files last changed; the files'
sizes and modification times (the database and its write-ahead log) tell a change, whoever made
it. Concurrent requests for one address wait for the first instead of each building the page.
Only whole 200 and 404 responses without cookies are kept, each at most ``MAX_ENTRY_BYTES``, the
``MAX_TOTAL_BYTES`` most recently used in all. Arbitrary SQL, CSV streams and Datasette's own
``/-/`` pages (but the plugin's) are never kept.
"""

from __future__ import annotations

import asyncio
import os
from collections import OrderedDict
from urllib.parse import parse_qs

MAX_ENTRY_BYTES = 2_000_000
MAX_TOTAL_BYTES = 64_000_000
CACHED_STATUSES = frozenset({200, 404})
PLUGIN_PREFIXES = ("/-/claims-graph", "/-/timeline", "/-/sources", "/-/cyber-claims-kb/")


class ResponseCache:
    def __init__(self, files):
        self.files = files  # () -> the database files whose state keys the cache
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.version = None
        self.building: dict = {}

    def current_version(self) -> tuple:
        version = []
        for path in self.files():
            for name in (path, f"{path}-wal"):
                try:
                    stat = os.stat(name)
                except OSError:
                    version.append(None)
                else:
                    version.append((stat.st_size, stat.st_mtime_ns))
        return tuple(version)

    def wrap(self, app):
        async def cached(scope, receive, send):
            if not _cacheable_request(scope):
                await app(scope, receive, send)
                return
            version = self.current_version()
            if version != self.version:  # the KB changed: every page kept may be out of date
                self.entries.clear()
                self.size = 0
                self.version = version
            key = (scope["method"], scope["path"], scope.get("query_string", b""))
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            elif key in self.building:  # another request is building this page: its answer will do
                entry = await asyncio.shield(self.building[key])
            if entry is not None:
                await _replay(entry, send)
                return
            done = asyncio.get_running_loop().create_future()
            self.building.setdefault(key, done)
            recorded: dict = {"start": None, "body": [], "complete": False}
            try:
                await app(scope, receive, _recording(send, recorded))
            finally:
                if self.building.get(key) is done:
                    del self.building[key]
                entry = _entry(recorded)
                done.set_result(entry)
                if entry is not None and self.version == version:
                    self._keep(key, entry)

        return cached

    def _keep(self, key, entry) -> None:
        size = len(entry[1])
        self.entries[key] = entry
        self.size += size
        while self.size > MAX_TOTAL_BYTES and self.entries:
            _, (_, body) = self.entries.popitem(last=False)
            self.size -= len(body)


def _cacheable_request(scope) -> bool:
    if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
        return False
    headers = {name.lower() for name, _ in scope.get("headers", [])}
    if b"cookie" in headers or b"authorization" in headers:
        return False
    path = scope.get("path", "")
    if path.startswith("/-/") and not path.startswith(PLUGIN_PREFIXES):
        return False
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return not ({"sql", "_stream", "_trace"} & set(query)) and not path.endswith(".csv")


def _recording(send, recorded):
    async def sending(message):
        if message["type"] == "http.response.start":
            recorded["start"] = message
        elif message["type"] == "http.response.body":
            recorded["body"].append(message.get("body", b""))
            if not message.get("more_body"):
                recorded["complete"] = True
        await send(message)

    return sending


def _entry(recorded):
    start = recorded["start"]
    if start is None or not recorded["complete"] or start["status"] not in CACHED_STATUSES:
        return None
    if any(name.lower() == b"set-cookie" for name, _ in start.get("headers", [])):
        return None
    body = b"".join(recorded["body"])
    return (start, body) if len(body) <= MAX_ENTRY_BYTES else None


async def _replay(entry, send) -> None:
    start, body = entry
    await send(start)
    await send({"type": "http.response.body", "body": body})
