"""Bad bytes and odd files do not sink a batch or mislead the reader (issue 18, items 5, 9, 10).

Real ``kb ingest`` processes over real files: a JSONL line with a lone surrogate and a file
name that is not UTF-8 among good files; symbolic links out of an ingested folder; a UTF-8 text
with one stray byte.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extract.read import iter_documents

ACCUSATION = "The United States accused China of hacking Microsoft Exchange servers in {n}."
FRENCH = (
    "Le ministère des Affaires étrangères a déclaré que Pékin rejetait les accusations.\n\n"
    "Les États-Unis ont accusé la Chine d'avoir piraté les serveurs de Microsoft Exchange. "
    "Pékin a démenti, et Washington maintient ses accusations contre la Chine."
)


def kb_ingest(folder: Path, db_path: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "kb.cli", "ingest", str(folder), "--db", str(db_path), "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def query(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.slow
def test_surrogates_and_undecodable_file_names_spoil_nothing(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(22):
        (folder / f"good-{n:02d}.txt").write_text(ACCUSATION.format(n=2000 + n), encoding="utf-8")
    # json.dumps writes a lone surrogate as the escape \ud800, which json.loads gives back
    lines = [
        {"id": "lone", "lang": "en", "text": "Russia denied hacking the Bundestag \ud800 in 2015."},
        {"id": "bad\udc80id", "lang": "en", "publisher": "P\ud800", "text": "Iran denied it."},
    ]
    (folder / "odd.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    odd_name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd_name, "w", encoding="utf-8") as out:
        out.write("North Korea denied hacking Sony Pictures.")
    done = kb_ingest(folder, tmp_path / "kb.db")
    assert done.returncode == 0, done.stderr
    assert "25 new documents" in done.stdout and "0 errors" in done.stdout
    ids = {row[0] for row in query(tmp_path / "kb.db", "SELECT id FROM documents")}
    assert {f"good-{n:02d}" for n in range(22)} | {"lone", "bad\ufffdid", "caf\ufffd"} == ids
    stored = "SELECT id, text || ' | ' || ifnull(publisher, '') FROM documents"
    stored = dict(query(tmp_path / "kb.db", stored))
    assert stored["lone"] == "Russia denied hacking the Bundestag in 2015. | "
    assert stored["bad\ufffdid"] == "Iran denied it. | P\ufffd"


@pytest.mark.slow
def test_links_out_of_an_ingested_folder_are_not_followed(tmp_path):
    folder, outside = tmp_path / "corpus", tmp_path / "private"
    folder.mkdir()
    (outside / "more").mkdir(parents=True)
    (folder / "report.txt").write_text(ACCUSATION.format(n=2021), encoding="utf-8")
    (outside / "secret.txt").write_text("The secret plans of France.", encoding="utf-8")
    (outside / "more" / "other.txt").write_text("More secret plans of Spain.", encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    (folder / "private").symlink_to(outside)
    (folder / "again.txt").symlink_to(folder / "report.txt")  # inside: read once, as report
    done = kb_ingest(folder, tmp_path / "kb.db")
    assert done.returncode == 0, done.stderr
    texts = [row[0] for row in query(tmp_path / "kb.db", "SELECT text FROM documents")]
    assert texts == [ACCUSATION.format(n=2021)]
    assert "leak.txt: a symbolic link to" in done.stderr and "not followed" in done.stderr
    assert f"{folder / 'private'}: a symbolic link to" in done.stderr
    assert "again.txt" not in done.stderr
    assert "2 errors" in done.stdout


def test_a_stray_byte_leaves_a_utf8_text_utf8(tmp_path):
    path = tmp_path / "pekin.txt"
    data = FRENCH.encode("utf-8")
    cut = data.index(b" Washington")
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    (doc,) = list(iter_documents(path))
    assert "Pékin a démenti" in doc.text and "États-Unis" in doc.text
    assert doc.text.replace("\ufffd", "") == FRENCH
    # a text in a legacy encoding (no well-formed UTF-8 sequence) is not read as broken UTF-8
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(FRENCH.encode("cp1252"))
    (old,) = list(iter_documents(legacy))
    assert "\ufffd" not in old.text and "Pékin a démenti" in old.text


@pytest.mark.slow
def test_a_stray_byte_loses_no_mention(tmp_path):
    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / "clean.txt").write_text(FRENCH, encoding="utf-8")
    data = FRENCH.replace("Pékin a démenti", "Pékin a toujours démenti").encode("utf-8")
    cut = data.index(b" Washington")
    (folder / "stray.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    assert kb_ingest(folder, tmp_path / "kb.db").returncode == 0
    counts = dict(query(tmp_path / "kb.db", "SELECT id, n_mentions || '/' || n_claims FROM documents"))
    assert counts["stray"] == counts["clean"]
    assert int(counts["clean"].split("/")[1]) >= 1
