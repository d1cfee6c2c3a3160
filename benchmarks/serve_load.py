"""Load on a served KB: concurrent clients on a mix of pages, p95 latency per page.

``ingest_bench.py --only load`` builds a synthetic KB of ``--claims`` claims (or takes ``--db``),
starts a real ``kb serve`` on it, and runs ``--clients`` clients (20) that each request a random
page of the mix, one after the other, for ``--seconds`` (30). Actor pages and actor parameters
favour the most named actors as real traffic does (half of them ask for one of the 12 famous
actors, whose claims are the most numerous), the rest pick any actor. It prints, per page,
the number of requests, p50, p95 and max latency and the errors, then the requests per second.

    python benchmarks/ingest_bench.py --only load --claims 100000
    python benchmarks/ingest_bench.py --only load --db /tmp/kb1m.db --clients 20 --seconds 30
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

FAMOUS = ["CHN", "RUS", "USA", "GBR", "EU", "NATO", "PRK", "IRN", "APT31", "APT28", "MSS", "GRU"]
TARGET_P95_MS = {100_000: 500, 1_000_000: 1000}


def page_mix(database: str, n_actors: int, n_documents: int, n_claims: int):
    """(label, weight, function of a Random giving a path): the pages a reader of the KB opens."""

    def actor(rng: random.Random) -> str:
        if rng.random() < 0.5:
            return rng.choice(FAMOUS)
        return f"ACTOR_{rng.randrange(max(1, n_actors - len(FAMOUS))):05d}"

    db = f"/{database}"
    return [
        ("actor page", 6, lambda r: f"{db}/actors/{actor(r)}"),
        ("timeline page", 2, lambda r: "/-/timeline"),
        ("timeline.json", 2, lambda r: "/-/timeline.json"),
        ("timeline.json, one actor", 3, lambda r: f"/-/timeline.json?actor={actor(r)}"),
        ("timeline page, one actor", 2, lambda r: f"/-/timeline?actor={actor(r)}"),
        ("graph data", 2, lambda r: "/-/claims-graph.json"),
        ("graph data, one actor", 2, lambda r: f"/-/claims-graph.json?actor={actor(r)}"),
        ("graph: claims of a node", 2, lambda r: f"/-/claims-graph/claims.json?node={actor(r)}"),
        ("graph page", 1, lambda r: "/-/claims-graph"),
        ("document page", 3, lambda r: f"{db}/documents/doc-{r.randrange(n_documents):06d}"),
        ("claim page", 3, lambda r: f"{db}/claims/{1 + r.randrange(n_claims)}"),
        ("claims table", 2, lambda r: f"{db}/claims"),
        ("home page", 1, lambda r: "/"),
        ("database page", 1, lambda r: db),
        ("who_accuses_whom", 1, lambda r: f"{db}/who_accuses_whom"),
        ("claims_about", 1, lambda r: f"{db}/claims_about?actor={actor(r)}"),
        ("actor_profile", 1, lambda r: f"{db}/actor_profile?actor={actor(r)}"),
        ("denials", 1, lambda r: f"{db}/denials"),
        ("time_to_denial", 1, lambda r: f"{db}/time_to_denial"),
        ("counter_accusations", 1, lambda r: f"{db}/counter_accusations"),
        ("sources page", 1, lambda r: "/-/sources"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_path: Path, port: int, log: Path, workers: int = 1) -> subprocess.Popen:
    command = [sys.executable, "-m", "kb.cli", "serve", "--db", str(db_path), "--port", str(port)]
    command += ["--workers", str(workers)]
    with open(log, "w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 600  # a first serve may apply schema steps and statistics
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"kb serve exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("kb serve did not start")


async def _client(base: str, mix, rng, until: float, timings, errors) -> None:
    import httpx

    labels = [label for label, _, _ in mix]
    weights = [weight for _, weight, _ in mix]
    paths = {label: make for label, _, make in mix}
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while time.monotonic() < until:
            label = rng.choices(labels, weights)[0]
            path = paths[label](rng)
            started = time.perf_counter()
            try:
                response = await client.get(path)
                status = response.status_code
            except httpx.HTTPError as error:
                status = type(error).__name__
            timings[label].append((time.perf_counter() - started) * 1000)
            # a missing random document or claim is a 404 the page answers, not a failure
            if status not in (200, 404):
                errors[label][status] += 1


async def _run(base: str, mix, clients: int, seconds: float):
    timings, errors = defaultdict(list), defaultdict(lambda: defaultdict(int))
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(_client(base, mix, random.Random(1000 + i), until, timings, errors) for i in range(clients))
    )
    return timings, errors


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_load(
    db_path: Path, clients: int = 20, seconds: float = 30, work: Path | None = None, workers: int = 1
) -> dict:
    """Serve ``db_path`` and load it; returns {label: p95 in ms} (and prints the table)."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    n_claims, n_documents, n_actors = (
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("claims", "documents", "actors")
    )
    conn.close()
    port = free_port()
    log = (work or db_path.parent) / "serve-load.log"
    server = start_server(db_path, port, log, workers)
    mix = page_mix(db_path.stem, n_actors, n_documents, n_claims)
    try:
        asyncio.run(_run(f"http://127.0.0.1:{port}", mix, 2, 5))  # warm the caches and the threads
        started = time.monotonic()
        timings, errors = asyncio.run(_run(f"http://127.0.0.1:{port}", mix, clients, seconds))
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    total = sum(len(samples) for samples in timings.values())
    target = next((ms for size, ms in sorted(TARGET_P95_MS.items()) if n_claims <= size * 1.5), None)
    print(
        f"\n== load: {clients} clients for {seconds:.0f} s on kb serve --workers {workers}, "
        f"{n_claims:,} claims, {n_documents:,} documents, {n_actors:,} actors =="
    )
    width = max(len(label) for label, _, _ in mix)
    p95s = {}
    for label, _, _ in mix:
        samples = timings.get(label) or [float("nan")]
        p95s[label] = percentile(samples, 0.95)
        failed = ", ".join(f"{n} x {status}" for status, n in errors[label].items())
        n = len(timings.get(label, []))
        print(
            f"  {label:<{width}}  {n:5d} requests  p50 {percentile(samples, 0.5):7.0f} ms"
            f"  p95 {p95s[label]:7.0f} ms  max {max(samples):7.0f} ms"
            + (f"  errors: {failed}" if failed else "")
            + (f"  OVER {target} ms" if target and p95s[label] > target else "")
        )
    all_samples = [t for samples in timings.values() for t in samples]
    print(
        f"  all pages: {total / elapsed:.1f} requests/s, p95 {percentile(all_samples, 0.95):.0f} ms"
        + (f" (target: p95 <= {target} ms on every page)" if target else "")
    )
    return p95s
