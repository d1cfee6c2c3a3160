"""``kb ingest`` on a folder of bad inputs: each one reported (file, line, reason), the rest stored.

Every input is made here in tmp_path. The good documents are short texts written for this
test; the real spaCy models run on them (loaded once: the ingest engine caches them per
process, so the CliRunner runs below share them).
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli

pytestmark = pytest.mark.slow

GOOD_EN = (
    "The United States accused China of hacking Microsoft Exchange servers. "
    "Washington said the campaign hit thousands of companies.\n"
)
GOOD_FR = (
    "La France a accusé la Russie d'avoir piraté les serveurs du ministère des Armées. "
    "Paris dénonce une cyberattaque de grande ampleur.\n"
)
CP1252_FR = (
    "Le Royaume-Uni a accusé la Chine d’avoir piraté les serveurs du Parlement. "
    "Londres évoque une opération « massive » qui a coûté 3 millions d’€ aux députés.\n"
)
# Italian: a language without claim extraction, written in Latin-1
LATIN1_IT = (
    "Il governo tedesco accusa la Russia di aver attaccato il Bundestag. Secondo le autorità "
    "gli autori appartengono al gruppo APT28, che è legato ai servizi segreti militari russi "
    "(GRU). È stato convocato l'ambasciatore russo, e la Germania chiede più sicurezza.\n"
)
HOSTILE_HTML = """<!doctype html>
<html><head><title>Hack blamed on North Korea</title>
<style>body { background: red } .evil { display: none }</style>
<script>alert('head script'); document.cookie = 'stolen';</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<iframe src="http://203.0.113.7/ad"></iframe>
<article>
<h1>Hack blamed on North Korea</h1>
<p>The United Kingdom accused North Korea of carrying out the WannaCry ransomware attack
that crippled hospitals across the country in 2017. British officials said the Lazarus Group
was responsible for the attack.</p>
<script>alert('body script')</script>
<p>The government in Pyongyang has not commented on the accusation so far.</p>
</article>
<footer>Copyright 2024 Example News</footer>
</body></html>
"""
NOT_A_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<catalog><book id="1"><author>Someone</author><title>An XML catalogue, not a feed</title></book></catalog>
"""
# line number -> what the line is; errors must name these line numbers
JSONL_LINES = {
    1: json.dumps(
        {"id": "jsonl-good", "lang": "en", "text": "Britain accused Russia of hacking its parliament."}
    ),
    2: '{"id": "broken", "text": "unterminated',
    3: json.dumps({"id": "no-text", "title": "A line without text"}),
    4: json.dumps({"id": "text-number", "text": 42}),
    5: json.dumps({"id": "title-list", "title": ["a", "b"], "text": "Some text about nothing."}),
    6: json.dumps(["a", "list", "not", "an", "object"]),
    7: json.dumps({"id": "jsonl-it", "lang": "it", "text": "La Germania accusa la Russia di guidare APT28."}),
}
JSONL_BAD_LINES = {2: "JSON", 3: "text", 4: "text", 5: "title", 6: "object"}


def write_inputs(folder: Path) -> dict[str, Path]:
    """Every bad input of the issue, plus good documents; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "good_en": ("good_en.txt", GOOD_EN.encode("utf-8")),
        "good_fr": ("good_fr.txt", GOOD_FR.encode("utf-8")),
        "cp1252": ("legacy_cp1252.txt", CP1252_FR.encode("cp1252")),
        "latin1": ("legacy_latin1.txt", LATIN1_IT.encode("latin-1")),
        "html": ("hostile.html", HOSTILE_HTML.encode("utf-8")),
        "empty": ("empty.txt", b""),
        "blank": ("blank.md", b"  \n\t\n   \r\n"),
        "pdf": ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20),
        "png": ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        "gzip": ("archive.jsonl", gzip.compress(b'{"text": "hidden in an archive"}\n' * 50)),
        # a UTF-16 byte order mark, then a lone surrogate: no decoding fits
        "undecodable": ("undecodable.txt", b"\xff\xfe" + "Hello".encode("utf-16-le") + b"\x00\xd8\x41"),
        "jsonl": ("batch.jsonl", ("\n".join(JSONL_LINES[n] for n in sorted(JSONL_LINES)) + "\n").encode()),
        "not_a_feed": ("catalogue.xml", NOT_A_FEED.encode("utf-8")),
    }
    paths = {}
    for name, (filename, data) in files.items():
        path = folder / filename
        path.write_bytes(data)
        paths[name] = path
    return paths


# name -> a word the error message must contain (besides the file's path)
WHOLE_FILE_ERRORS = {
    "empty": "empty",
    "blank": "whitespace",
    "pdf": "PDF",
    "pdf_named": "PDF",
    "png": "PNG",
    "gzip": "gzip",
    "undecodable": "UTF",
    "not_a_feed": "feed",
    "missing": "no such file",
}


def query(db_path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_input")
    paths = write_inputs(root / "inputs")
    paths["missing"] = root / "does-not-exist.txt"
    # named as what it is and given by hand (a folder scan only picks readable extensions)
    paths["pdf_named"] = root / "scan.pdf"
    paths["pdf_named"].write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)))
    db_path = root / "kb.db"
    given = [str(root / "inputs"), str(paths["missing"]), str(paths["pdf_named"])]
    result = CliRunner().invoke(cli, ["ingest", *given, "--db", str(db_path), "--quiet"])
    return {"root": root, "paths": paths, "db": db_path, "result": result}


def test_the_batch_goes_on_and_exits_0(batch):
    result = batch["result"]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output


def test_good_documents_are_stored_with_their_claims(batch):
    db_path = batch["db"]
    claims = set(query(db_path, "select document_id, claimant_id, stance, subject_id from claims"))
    assert ("good_en", "USA", "accuses", "CHN") in claims
    assert ("good_fr", "FRA", "accuses", "RUS") in claims
    assert ("batch-1", "GBR", "accuses", "RUS") in claims or ("jsonl-good", "GBR", "accuses", "RUS") in claims
    statuses = dict(query(db_path, "select id, status from documents"))
    assert statuses["good_en"] == "ok" and statuses["good_fr"] == "ok"


def test_legacy_encodings_are_decoded(batch):
    texts = dict(query(batch["db"], "select id, text from documents"))
    assert "d’avoir piraté" in texts["legacy_cp1252"]
    assert "« massive »" in texts["legacy_cp1252"]
    assert "che è legato" in texts["legacy_latin1"]


def test_unsupported_language_is_stored_with_its_status(batch):
    rows = dict(query(batch["db"], "select id, lang || ':' || status from documents"))
    assert rows["legacy_latin1"] == "it:unsupported_language"
    assert rows["jsonl-it"] == "it:unsupported_language"
    # actors are still found through the gazetteer, claims are not extracted
    sql = "select actor_id from mentions where document_id = 'legacy_latin1'"
    mentioned = {actor for (actor,) in query(batch["db"], sql)}
    assert "APT28" in mentioned
    assert query(batch["db"], "select count(*) from claims where document_id = 'legacy_latin1'") == [(0,)]
    assert "in a language without claim extraction" in batch["result"].output


def test_html_scripts_styles_and_iframes_are_dropped(batch):
    (text,) = query(batch["db"], "select text from documents where id = 'hostile'")[0]
    assert "WannaCry" in text
    for leftover in ("alert(", "document.cookie", "background: red", "<iframe", "203.0.113.7", "<script"):
        assert leftover not in text, leftover
    claims = query(batch["db"], "select claimant_id, subject_id from claims where document_id = 'hostile'")
    assert any(claimant == "GBR" for claimant, _ in claims), claims  # the article text was processed


def test_each_bad_file_has_its_error_row_and_message(batch):
    output = batch["result"].output
    rows = query(batch["db"], "select path, line, reason, time from ingest_errors")
    by_path = {}
    for path, line, reason, time in rows:
        assert time, "every error row has its time"
        by_path.setdefault(path, []).append((line, reason))
    for name, word in WHOLE_FILE_ERRORS.items():
        path = str(batch["paths"][name])
        assert path in by_path, f"no ingest_errors row for {name} ({path}); rows: {sorted(by_path)}"
        ((line, reason),) = by_path[path]
        assert line is None
        assert word.lower() in reason.lower(), (name, reason)
        message = next((m for m in output.splitlines() if path in m), None)
        assert message is not None, f"no message names {path}"
        assert word.lower() in message.lower(), (name, message)


def test_jsonl_errors_name_their_line(batch):
    path = str(batch["paths"]["jsonl"])
    rows = query(batch["db"], "select line, reason from ingest_errors where path = ?", (path,))
    assert {line for line, _ in rows} == set(JSONL_BAD_LINES)
    for line, reason in rows:
        assert JSONL_BAD_LINES[line].lower() in reason.lower(), (line, reason)
        assert f"{path}:{line}:" in batch["result"].output, f"no message names {path}:{line}"
    stored = {i for (i,) in query(batch["db"], "select id from documents")}
    assert {"jsonl-good", "jsonl-it"} <= stored
    assert not stored & {"broken", "no-text", "text-number", "title-list"}


def test_nothing_else_failed(batch):
    """Only the bad inputs are errors: a good document never lands in ingest_errors."""
    bad = {str(batch["paths"][name]) for name in [*WHOLE_FILE_ERRORS, "jsonl"]}
    paths = {p for (p,) in query(batch["db"], "select path from ingest_errors")}
    assert paths == bad
    stored = {i for (i,) in query(batch["db"], "select id from documents")}
    expected = {"good_en", "good_fr", "legacy_cp1252", "legacy_latin1", "hostile", "jsonl-good", "jsonl-it"}
    assert stored == expected


def test_strict_exits_1_when_anything_failed(batch):
    inputs = str(batch["root"] / "inputs")
    result = CliRunner().invoke(cli, ["ingest", inputs, "--db", str(batch["db"]), "--strict"])
    assert result.exit_code == 1, result.output
    assert "already" in result.output  # the good ones were skipped, not reprocessed
    again = CliRunner().invoke(cli, ["ingest", inputs, "--db", str(batch["db"])])
    assert again.exit_code == 0, again.output


def test_exit_code_1_when_nothing_could_be_read(batch, tmp_path):
    """A real process, for the real exit code."""
    paths = batch["paths"]
    bad_only = [str(paths[name]) for name in ("empty", "pdf", "gzip", "missing")]
    db_path = tmp_path / "nothing.db"
    run = subprocess.run(
        [sys.executable, "-m", "kb.cli", "ingest", *bad_only, "--db", str(db_path), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stderr
    for path in bad_only:
        assert path in run.stderr
    assert query(db_path, "select count(*) from documents") == [(0,)]
    assert query(db_path, "select count(*) from ingest_errors") == [(4,)]


HUGE_BYTES = 50 * 1024 * 1024
# peak memory of the whole `kb ingest` process (Python, gazetteer, no model: nothing readable)
MAX_RSS_MB = 1500


def test_a_50_mb_document_is_refused_without_exhausting_memory(tmp_path):
    huge_txt = tmp_path / "huge.txt"
    sentence = b"The United States accused China of hacking Microsoft Exchange servers. "
    with huge_txt.open("wb") as out:
        for _ in range(HUGE_BYTES // len(sentence) + 1):
            out.write(sentence)
    huge_jsonl = tmp_path / "huge.jsonl"
    with huge_jsonl.open("wb") as out:
        out.write(b'{"id": "huge", "text": "')
        with huge_txt.open("rb") as source:
            while chunk := source.read(1 << 20):
                out.write(chunk)
        out.write(b'"}\n')
    db_path = tmp_path / "huge.db"
    # a parent that reports its one child's peak memory
    measure = (
        "import resource, subprocess, sys\n"
        "code = subprocess.call(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    command = [sys.executable, "-m", "kb.cli", "ingest", str(huge_txt), str(huge_jsonl), "--db", str(db_path)]
    run = subprocess.run(
        [sys.executable, "-c", measure, *command, "--quiet"], capture_output=True, text=True, timeout=300
    )
    peak_mb = int(run.stderr.strip().splitlines()[-1])
    assert run.returncode == 1, run.stderr  # nothing could be read
    assert peak_mb < MAX_RSS_MB, f"kb ingest peaked at {peak_mb} MB on a 50 MB input"
    assert f"{huge_txt}: too long" in run.stderr
    assert f"{huge_jsonl}:1: " in run.stderr and "too long" in run.stderr.split(f"{huge_jsonl}:1: ")[1]
    rows = query(db_path, "select path, line from ingest_errors order by path")
    assert rows == sorted([(str(huge_txt), None), (str(huge_jsonl), 1)])


def test_a_db_that_is_not_sqlite_is_refused_by_name(tmp_path):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("my notes, not a database\n")
    good = tmp_path / "good.txt"
    good.write_text(GOOD_EN)
    result = CliRunner().invoke(cli, ["ingest", str(good), "--db", str(not_a_db), "--quiet"])
    assert result.exit_code == 1
    assert f"{not_a_db}: not a SQLite knowledge base" in result.output
    assert not_a_db.read_text() == "my notes, not a database\n"
