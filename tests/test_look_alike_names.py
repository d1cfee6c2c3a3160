"""Names spelt with look-alike letters, joiners or fullwidth forms are found (issue 18, item 17).

A real ``kb ingest``: the texts name China with a Cyrillic capital, with a zero-width joiner
inside it, in fullwidth letters; each mention must be found and point into the stored text.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

TEXTS = {  # (different texts once cleaned: one of each would be stored)
    "cyrillic": "The United States accused \u0421hina of hacking Microsoft Exchange servers.",
    "joiner": "The United Kingdom accused Chi\u200dna of hacking Microsoft Exchange servers.",
    "fullwidth": "France accused \uff23\uff48\uff49\uff4e\uff41 of hacking Microsoft Exchange servers.",
}
ACCUSERS = {"cyrillic": "USA", "joiner": "GBR", "fullwidth": "FRA"}


def test_look_alike_spellings_name_the_actor(tmp_path):
    inputs = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": key, "lang": "en", "text": text}) for key, text in TEXTS.items()]
    inputs.write_text("\n".join(lines) + "\n")
    db_path = tmp_path / "kb.db"
    command = [sys.executable, "-m", "kb.cli", "ingest", str(inputs), "--db", str(db_path), "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(db_path)
    for key in TEXTS:
        text = conn.execute("SELECT text FROM documents WHERE id = ?", [key]).fetchone()[0]
        sql = "SELECT text, start_char, end_char FROM mentions WHERE document_id = ? AND actor_id = 'CHN'"
        mentions = conn.execute(sql, [key]).fetchall()
        assert [name for name, *_ in mentions] == ["China"], key
        for name, start, end in mentions:
            assert text[start:end] == name
        claims = conn.execute("SELECT claimant_id, subject_id FROM claims WHERE document_id = ?", [key])
        assert (ACCUSERS[key], "CHN") in claims.fetchall(), key
