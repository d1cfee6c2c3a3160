"""A polite HTTP client for ``kb watch``: it says who it is, asks robots.txt, waits between two
requests to the same site, gives up on slow or huge answers, retries what may pass later, and
asks for a feed only if it changed (ETag, Last-Modified).

``Fetcher.get`` returns a ``Fetched`` answer (200, or 304 "not modified") or raises
``FetchError`` with a sentence a person can act on. Redirects are followed by hand so that each
hop is checked (http(s) only, robots.txt, no loop).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib import robotparser
from urllib.parse import urljoin, urlsplit

import httpx

ROBOTS_NAME = "cyber-claims-kb"  # the name robots.txt rules address
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 120.0  # seconds: a longer Retry-After is an error for this poll
MAX_CRAWL_DELAY = 60.0


def user_agent(contact: str | None = None) -> str:
    """``cyber-claims-kb/0.1.0 (kb watch; research knowledge base of cyber-attribution claims; +contact)``"""
    try:
        release = version("cyber-claims-kb")
    except PackageNotFoundError:  # pragma: no cover - a source tree without installation
        release = "dev"
    about = "kb watch; research knowledge base of cyber-attribution claims"
    return f"{ROBOTS_NAME}/{release} ({about}{'; +' + contact if contact else ''})"


class FetchError(Exception):
    """An address that could not be fetched; ``status`` is the HTTP status when there was one.
    ``permanent``: asking again later will not help (404, robots.txt, not http(s))."""

    def __init__(self, url: str, reason: str, status: int | None = None, permanent: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status, self.permanent = url, reason, status, permanent


@dataclass
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int  # 200 or 304
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def check_address(url: str) -> str:
    """The address when it is an absolute http(s) URL; else a permanent FetchError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(url, "not an http(s) URL", permanent=True)
    return parts._replace(fragment="").geturl()


@dataclass
class Fetcher:
    user_agent: str = field(default_factory=user_agent)
    timeout: float = 20.0  # seconds for each wait: connecting, each read
    retries: int = 2  # further attempts after a failure that may pass (timeouts, 5xx, 429)
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    delay: float = 1.0  # seconds between two requests to the same host (robots.txt may ask more)
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    robots: bool = True
    sleep: object = time.sleep  # tests may count the waits
    _last_request: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, robotparser.RobotFileParser | str | None] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.user_agent},
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=False,
            )
        return self._client

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when ``etag`` or ``last_modified`` is given)."""
        url = check_address(url)
        conditions = {}
        if etag:
            conditions["If-None-Match"] = etag
        if last_modified:
            conditions["If-Modified-Since"] = last_modified
        seen, current = [url], url
        for _ in range(self.max_redirects + 1):
            self._check_robots(current)
            status, headers, body = self._with_retries(current, conditions)
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                target = check_address(urljoin(current, headers["location"]))
                if target in seen:
                    chain = " -> ".join([*seen, target])
                    raise FetchError(url, f"redirect loop ({chain})", status, permanent=True)
                seen.append(target)
                current = target
                continue
            if status in (200, 304):
                return Fetched(url, current, status, headers, body)
            raise FetchError(url, f"HTTP {status}", status, permanent=400 <= status < 500)
        chain = " -> ".join(seen)
        raise FetchError(url, f"more than {self.max_redirects} redirects ({chain})", permanent=True)

    def _with_retries(self, url: str, conditions: dict) -> tuple[int, dict, bytes]:
        wait = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                status, headers, body = self._once(url, conditions)
            except (httpx.TimeoutException, httpx.TransportError) as error:
                if last:
                    problem = _network_problem(error, self.timeout)
                    raise FetchError(url, f"{problem} ({attempt + 1} attempts)") from None
            else:
                if status not in RETRY_STATUSES or last:
                    if status in RETRY_STATUSES:
                        raise FetchError(url, f"HTTP {status} ({attempt + 1} attempts)", status)
                    return status, headers, body
                asked = _retry_after(headers.get("retry-after"))
                if asked is not None and asked > MAX_RETRY_AFTER:
                    raise FetchError(url, f"HTTP {status}, asked to come back in {asked:.0f} s", status)
                wait = max(wait, asked or 0)
            self.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, conditions: dict) -> tuple[int, dict, bytes]:
        """One request, after the host's delay; the body read up to ``max_bytes``."""
        self._wait_for_host(url)
        with self.client.stream("GET", url, headers=conditions) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code != 200:
                return response.status_code, headers, b""
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise self._too_large(url, int(declared))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise self._too_large(url, None)
                chunks.append(chunk)
            return 200, headers, b"".join(chunks)

    def _too_large(self, url: str, size: int | None) -> FetchError:
        """The answer is too large (its declared ``size``, when it says it: the message stays the same
        from one poll to the next, so ``ingest_errors`` keeps one row for it)."""
        said = f" ({size:,} bytes)" if size else ""
        return FetchError(
            url, f"larger than the {self.max_bytes:,}-byte limit{said}; see --max-bytes", 200, True
        )

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = max(self.delay, self._crawl_delay(url))
        last = self._last_request.get(host)
        if last is not None:
            remaining = last + delay - time.monotonic()
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[host] = time.monotonic()

    # ------------------------------------------------------------------ robots.txt
    # per site: its rules, None when every path is allowed, or why it cannot be crawled now

    def _rules(self, url: str) -> robotparser.RobotFileParser | str | None:
        """The site's robots.txt (read once per Fetcher)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        return self._robots[origin]

    def _read_robots(self, origin: str) -> robotparser.RobotFileParser | str | None:
        try:
            status, _, body = self._with_retries(origin + "/robots.txt", {})
        except FetchError as error:
            if error.status and 400 <= error.status < 500:
                return None
            # RFC 9309: an unreachable robots.txt means the site may not want to be crawled
            if error.status is None:  # the site cannot be reached at all
                return f"{error.reason}, reading robots.txt"
            return f"robots.txt answered {error.reason}: not fetched until it can be read"
        if status != 200:
            return None
        rules = robotparser.RobotFileParser(origin + "/robots.txt")
        rules.parse(body.decode("utf-8", errors="replace").splitlines())
        return rules

    def _check_robots(self, url: str) -> None:
        if not self.robots or urlsplit(url).path == "/robots.txt":
            return
        rules = self._rules(url)
        if isinstance(rules, str):
            raise FetchError(url, rules)
        if rules is not None and not rules.can_fetch(ROBOTS_NAME, url):
            raise FetchError(url, "disallowed by robots.txt", permanent=True)

    def _crawl_delay(self, url: str) -> float:
        if not self.robots or urlsplit(url).path == "/robots.txt":
            return 0.0
        rules = self._robots.get(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}")
        asked = rules.crawl_delay(ROBOTS_NAME) if isinstance(rules, robotparser.RobotFileParser) else None
        return min(float(asked), MAX_CRAWL_DELAY) if asked else 0.0


def _network_problem(error: Exception, timeout: float) -> str:
    if isinstance(error, httpx.TimeoutException):
        return f"no answer within {timeout:g} s ({type(error).__name__})"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect ({error})"
    return f"network error ({type(error).__name__}: {error})"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
