"""What every real-browser test shares: Debian's Chromium, its flags, and a Datasette server."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hostile_kb import free_port

CHROMIUM = "/usr/bin/chromium"
# the flags a closed network needs: without them Chromium keeps calling home and failing
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
]


@contextlib.contextmanager
def running_datasette(db_path: Path, log_path: Path, *extra: str, timeout: float = 30):
    """Plain ``datasette serve`` on a free 127.0.0.1 port; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), *extra]
    # a log file, not a pipe: a full pipe would block the server
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(log_path.read_text()) from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"datasette did not start within {timeout} seconds") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def assert_labels_apart(page) -> None:
    """No two actor labels of the drawn claims graph overlap (boxes from the page's script)."""
    boxes = page.evaluate("window.claimsGraph.labelBoxes()")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, (a, b)
