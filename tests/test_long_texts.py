"""Texts longer than spaCy's limit are parsed in parts, their offsets exact (issue 18, item 12).

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters): before, such a document
passed the reader (2,000,000), failed in the extractor, was never stored and was tried again on
every run. Now a real ``kb ingest`` stores it with what every part says, at offsets that point
into the stored text.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from extract.long_texts import PART_CHARS, parts, shifted
from extract.records import Mention

FIRST = "The United States accused China of hacking Microsoft Exchange servers."
LAST = "France accused Russia of hacking TV5Monde in 2015. The United States accused China again."
# a paragraph of long tokens: many characters, little for the parser to do
FILLER = " ".join(["0123456789" * 10] * 10)


def test_parts_join_into_the_text_and_cut_at_paragraphs():
    text = "\n\n".join(f"Paragraph {i}. " + "word " * (i % 50) for i in range(20_000))
    pieces = parts(text)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= PART_CHARS for _, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])
    assert [start for start, _ in pieces] == [0] + [
        sum(len(p) for _, p in pieces[:i]) for i in range(1, len(pieces))
    ]
    mention = Mention("CHN", "China", 3, 8)
    assert shifted([mention], 100) == [Mention("CHN", "China", 103, 108)]


@pytest.mark.slow
def test_a_text_over_a_million_characters_is_stored_with_its_claims(tmp_path):
    text = "\n\n".join([FIRST] + [FILLER] * 1_200 + [LAST])
    assert 1_000_000 < len(text) < 2_000_000
    inputs = tmp_path / "long.jsonl"
    inputs.write_text(json.dumps({"id": "long", "lang": "en", "text": text}) + "\n")
    db_path = tmp_path / "kb.db"
    command = [sys.executable, "-m", "kb.cli", "ingest", str(inputs), "--db", str(db_path), "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "1 new document" in done.stdout and "0 errors" in done.stdout
    conn = sqlite3.connect(db_path)
    stored = conn.execute("SELECT text FROM documents WHERE id = 'long'").fetchone()[0]
    assert stored == text
    claims = conn.execute(
        "SELECT claimant_id, subject_id, evidence, start_char, end_char FROM claims"
    ).fetchall()
    assert {(c[0], c[1]) for c in claims} >= {("USA", "CHN"), ("FRA", "RUS")}
    assert len(claims) == len({(c[0], c[1]) for c in claims})  # one per pair in a document, as in one parse
    for *_, evidence, start, end in claims:
        assert stored[start:end] == evidence
    mentions = conn.execute("SELECT actor_id, text, start_char, end_char FROM mentions").fetchall()
    assert {m[0] for m in mentions} >= {"USA", "CHN", "FRA", "RUS"}
    for _actor, name, start, end in mentions:
        assert stored[start:end] == name
    assert max(m[2] for m in mentions) > 1_000_000  # the last part's names, in the whole text's offsets
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert "Nothing new" in again.stdout  # stored: not tried again
