"""Helpers of the STIX and MISP export tests: run `kb export`, read the KB with plain SQL."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kb.export import export_command


def export(*args) -> tuple[str, str]:
    """stdout and stderr of a successful `kb export` (in this process)."""
    result = CliRunner().invoke(export_command, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def export_in_processes(db_path: Path, fmt: str, folder: Path, seeds=("1", "2")) -> list[bytes]:
    """The files of one `kb export` run in separate processes with different hash seeds, so that
    no set or dict order can pass unseen into the output."""
    outputs = []
    for seed in seeds:
        out = folder / f"{fmt}-{seed}.json"
        command = [
            sys.executable,
            "-m",
            "kb.cli",
            "export",
            "--db",
            str(db_path),
            "--format",
            fmt,
            "--out",
            str(out),
        ]
        subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(out.read_bytes())
    return outputs


def rows(db_path: Path, sql: str, params=()) -> list[dict]:
    with sqlite3.connect(db_path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]
