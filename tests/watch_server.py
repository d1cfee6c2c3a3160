"""A local HTTP server (127.0.0.1 only) for the kb watch tests: feeds, articles, and every way a
site can fail (404, 500, a slow answer, malformed XML, a redirect loop, a huge body).

Each request is counted by path with the headers it sent, so that a test can say what was asked
for, how often, and by whom.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "watch"
ROBOTS = "User-agent: *\nDisallow: /private/\n"
SLOW_SECONDS = 2.0
HUGE_BYTES = 3_000_000


class WatchServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[float, str, dict]] = []  # (time, path, headers)
        self.feed_version = "v1"
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def fixture(self, name: str) -> bytes:
        return (FIXTURES / name).read_text("utf-8").replace("{base}", self.base).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server: WatchServer

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        with self.server.lock:
            self.server.hits[path] += 1
            self.server.requests.append((time.monotonic(), path, dict(self.headers)))
        route = ROUTES.get(path)
        if route is None and path.startswith("/articles/") and (FIXTURES / path.rsplit("/", 1)[1]).exists():
            route = article
        (route or not_found)(self)

    def send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)


def not_found(handler: Handler) -> None:
    handler.send(404, b"<h1>Not found</h1>")


def robots(handler: Handler) -> None:
    handler.send(200, ROBOTS.encode(), "text/plain")


def feed(handler: Handler) -> None:
    version = handler.server.feed_version
    etag = f'"{version}"'
    if handler.headers.get("If-None-Match") == etag:
        handler.send(304, ETag=etag)
        return
    body = handler.server.fixture(f"feed-{version}.xml")
    handler.send(200, body, "application/rss+xml", ETag=etag, Last_Modified="Tue, 09 Oct 2018 09:00:00 GMT")


def article(handler: Handler) -> None:
    handler.send(200, handler.server.fixture(handler.path.rsplit("/", 1)[1]))


def page(handler: Handler) -> None:
    handler.send(200, handler.server.fixture("page.html"))


def server_error(handler: Handler) -> None:
    handler.send(500, b"<h1>Internal Server Error</h1>")


def slow(handler: Handler) -> None:
    time.sleep(SLOW_SECONDS)
    try:
        handler.send(200, handler.server.fixture("feed-v1.xml"), "application/rss+xml")
    except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
        pass


def broken(handler: Handler) -> None:
    handler.send(200, (FIXTURES / "broken.xml").read_bytes(), "application/rss+xml")


def loop(handler: Handler) -> None:
    target = "/loop-b" if handler.path.startswith("/loop-a") else "/loop-a"
    handler.send(302, Location=target)


def huge(handler: Handler) -> None:
    """A body far above the client's limit, sent without announcing its length."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.end_headers()
    chunk = b"<!-- padding -->" * 4096
    try:
        handler.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>')
        for _ in range(HUGE_BYTES // len(chunk) + 1):
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    handler.close_connection = True


ROUTES = {
    "/robots.txt": robots,
    "/feed.xml": feed,
    "/page.html": page,
    "/error.xml": server_error,
    "/slow.xml": slow,
    "/broken.xml": broken,
    "/loop-a": loop,
    "/loop-b": loop,
    "/huge.xml": huge,
}


@contextmanager
def running_server():
    server = WatchServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
