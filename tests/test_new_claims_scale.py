"""The new_claims feed on a KB where a few actors are named in thousands of claims.

The feed lists the 100 claims stored last: by the time their document was stored, then the order
documents were stored in, then the claim's id. For an actor in 5,000 claims or more (and for
all actors) it walks the documents newest stored first, from the index on
documents(ingested_at) (migration m023), until it has 100; for one in fewer it sorts that
actor's claims. Either way it must list what sorting every claim lists, which is asked here
through Datasette for both kinds of actor, each stance, by id and by alias.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette
from scale_kb import build_scale_kb

from extract.records import Claim, Document
from kb.actor_lookup import register_functions
from kb.datasette_plugin.common import KB_METADATA
from kb.store import open_db, save_documents

METADATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "metadata.yml").read_text())
BUILT = {"cookie": "built=1"}  # (answered by Datasette, not from the plugin's cache)
# what the feed lists, counted from every claim of the actor
REFERENCE_SQL = """
SELECT c.id FROM documents d JOIN claims c ON c.document_id = d.id
WHERE (:stance = '' OR c.stance = :stance)
  AND (:actor = '' OR c.claimant_id = :actor OR c.subject_id = :actor)
ORDER BY d.ingested_at DESC, d.rowid DESC, c.id DESC
LIMIT 100
"""


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory) -> Path:
    path = build_scale_kb(tmp_path_factory.mktemp("feed") / "kb.db", n_claims=40_000, n_actors=2_000)
    conn = sqlite3.connect(path)
    # three ingests, their documents interleaved: the newest stored are not the last written
    conn.execute("UPDATE documents SET ingested_at = '2025-01-0' || (1 + rowid % 3) || 'T10:00:00+00:00'")
    conn.commit()
    conn.close()
    return path


def reference(path: Path, actor: str, stance: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute(REFERENCE_SQL, {"actor": actor, "stance": stance})]
    finally:
        conn.close()


def n_claims(path: Path, actor: str, stance: str) -> int:
    conn = sqlite3.connect(path)
    try:
        sql = (
            "SELECT count(*) FROM claims WHERE (claimant_id = ? OR subject_id = ?) AND (? = '' OR stance = ?)"
        )
        return conn.execute(sql, [actor, actor, stance, stance]).fetchone()[0]
    finally:
        conn.close()


async def test_the_feed_lists_the_claims_stored_last_for_much_and_little_named_actors(kb_path):
    # CHN's claims (and its accusations) take the walk through the documents; its denials, and a
    # little named actor's claims, are sorted
    assert n_claims(kb_path, "CHN", "") >= 5_000 and n_claims(kb_path, "CHN", "accuses") >= 5_000
    assert n_claims(kb_path, "CHN", "denies") < 5_000 and n_claims(kb_path, "ACTOR_01500", "") < 5_000
    ds = Datasette([str(kb_path)], metadata=METADATA)
    for actor, asked_as in [("CHN", "CHN"), ("CHN", "chn"), ("ACTOR_01500", "ACTOR_01500"), ("", "")]:
        for stance in ("", "accuses", "denies"):
            response = await ds.client.get(
                f"/kb/new_claims.json?actor={asked_as}&stance={stance}&_shape=array", headers=BUILT
            )
            assert response.status_code == 200, response.text[:300]
            listed = [row["claim_id"] for row in response.json()]
            expected = reference(kb_path, actor, stance)
            assert listed == expected, (asked_as, stance)
            assert expected, (actor, stance)
    newest = (await ds.client.get("/kb/new_claims.json?actor=&stance=&_shape=array", headers=BUILT)).json()
    assert {row["stored"] for row in newest} == {"2025-01-03T10:00:00+00:00"}


async def test_a_document_stored_later_comes_first(kb_path, tmp_path):
    # the real writer stores a document now: its claim is the newest for CHN
    path = tmp_path / "kb.db"
    source = sqlite3.connect(kb_path)
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    db = open_db(path)
    sentence = "The United States accused China of the intrusion."
    claim = Claim("USA", "accuses", "CHN", sentence, 0, len(sentence), "accused")
    save_documents(db, [Document("late-doc", claim.evidence, claims=[claim])], extractor="test")
    db.conn.close()
    ds = Datasette([str(path)], metadata=METADATA)
    rows = (await ds.client.get("/kb/new_claims.json?actor=CHN&stance=&_shape=array", headers=BUILT)).json()
    assert rows[0]["document_id"] == "late-doc"
    assert [row["claim_id"] for row in rows] == reference(path, "CHN", "")


def test_the_walk_reads_the_documents_in_the_order_they_were_stored(kb_path):
    # migration m023's index, read by the feed's plan (not a sort of every document's claims)
    conn = sqlite3.connect(kb_path)
    register_functions(conn)
    try:
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(documents)")}
        assert "idx_documents_ingested_at" in indexes
        sql = KB_METADATA["queries"]["new_claims"]["sql"]
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", {"actor": "CHN", "stance": ""})]
        assert any("idx_documents_ingested_at" in step for step in plan), plan
    finally:
        conn.close()
