"""Every mistake a user can make on the command line ends in one clear line and a non-zero exit.

No spaCy model is loaded: each case fails before extraction, or has nothing to extract.
"""

from __future__ import annotations

import socket

import pytest
import sqlite_utils
from click.testing import CliRunner
from hostile_kb import build_hostile_kb

from kb.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result, *words: str) -> str:
    """The run failed with exactly one line of output, that says ``words``."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def kb_path(tmp_path):
    return build_hostile_kb(tmp_path / "kb.db")


@pytest.mark.parametrize("command", ["ingest", "export", "serve", "eval"])
def test_a_database_in_a_missing_folder(tmp_path, command):
    db = tmp_path / "no" / "such" / "folder" / "kb.db"
    args = {
        "ingest": ["ingest", tmp_path, "--db", db, "--quiet"],
        "export": ["export", "--db", db],
        "serve": ["serve", "--db", db],
        "eval": ["eval", tmp_path, "--db", db],
    }[command]
    one_line_error(run(*args), str(db))
    assert not db.parent.exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [("--since", "yesterday"), ("--until", "2021-02-30"), ("--since", "21/07/2021"), ("--until", "2021-7")],
)
def test_export_refuses_a_date_that_is_not_iso(kb_path, option, value):
    one_line_error(run("export", "--db", kb_path, option, value), option, value, "YYYY-MM-DD")


def test_export_accepts_iso_dates_of_every_precision(kb_path):
    for value in ("2021", "2021-07", "2021-07-19"):
        assert run("export", "--db", kb_path, "--format", "json", "--since", value).exit_code == 0


def test_serve_refuses_a_missing_database_unless_demo(tmp_path):
    typo = tmp_path / "typo.db"
    one_line_error(run("serve", "--db", typo), str(typo), "--demo", "kb ingest")
    assert not typo.exists(), "nothing is built behind the user's back"


def test_serve_on_a_port_in_use_suggests_another(kb_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        one_line_error(run("serve", "--db", kb_path, "--port", port), str(port), "--port")


def test_serve_refuses_a_missing_metadata_file(kb_path, tmp_path):
    one_line_error(run("serve", "--db", kb_path, "--metadata", tmp_path / "nope.yml"), "nope.yml")


def test_a_cut_jsonl_line_is_reported_at_its_line_and_column(tmp_path):
    broken = tmp_path / "news.jsonl"
    broken.write_text('\n{"id": "b", "text": "The US accused Chi\n', encoding="utf-8")
    db = tmp_path / "kb.db"
    result = run("ingest", broken, "--db", db, "--quiet")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {broken}:2: not valid JSON: the line stops at column 39 inside a string opened at "
        "column 21; is it cut short, or does a text hold a raw newline (write it \\n)?"
    ]


def test_an_input_error_is_recorded_once_however_often_it_is_read(tmp_path):
    broken = tmp_path / "news.jsonl"
    broken.write_text('{"id": "a", "text": "cut\n{"id": "b"}\n', encoding="utf-8")
    db = tmp_path / "kb.db"
    for _ in range(3):
        assert run("ingest", broken, "--db", db, "--quiet").exit_code == 1
    rows = list(sqlite_utils.Database(db).query("select line, reason, time from ingest_errors order by line"))
    assert [row["line"] for row in rows] == [1, 2]
