"""Two identical ingests give identical knowledge bases, whatever Python's hash seed.

Sets iterate in an order that changes with PYTHONHASHSEED; an alias list or an id built from
one would differ between two runs of the same command. Each ingest runs in its own process
with its own seed, as two real runs would.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TEXT = "The United Kingdom accused Russia's GRU of hacking the OPCW."


def ingest_with_seed(tmp_path: Path, seed: str) -> list[tuple]:
    inputs = tmp_path / "news.jsonl"
    inputs.write_text(json.dumps({"id": "n1", "lang": "en", "text": TEXT}) + "\n")
    db_path = tmp_path / f"kb-{seed}.db"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "kb.cli", "ingest", str(inputs), "--db", str(db_path), "--quiet"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(db_path)
    try:
        actors = conn.execute("SELECT id, name, kind, country, aliases, source, ref FROM actors ORDER BY id")
        names = conn.execute("SELECT actor_id, key, rank FROM actor_names ORDER BY actor_id, key")
        return actors.fetchall() + names.fetchall()
    finally:
        conn.close()


def test_actors_do_not_depend_on_the_hash_seed(tmp_path):
    first = ingest_with_seed(tmp_path, "1")
    second = ingest_with_seed(tmp_path, "2")
    assert len(first) > 1000
    differing = [a for a, b in zip(first, second, strict=True) if a != b]
    assert not differing, f"{len(differing)} rows differ, e.g. {differing[:2]}"
