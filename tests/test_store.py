"""The SQLite schema of DESIGN.md, built for real in tmp_path."""

import sqlite3

import pytest

from extract.records import Actor, Claim, Document, Mention, ReadError
from kb import store

SCHEMA = {
    "documents": {
        "id", "sha256", "title", "url", "publisher", "published", "license", "lang", "status",
        "text", "n_words", "ingested_at",
    },
    "actors": {"id", "name", "kind", "country", "aliases", "source", "ref"},
    "mentions": {"id", "document_id", "actor_id", "text", "start_char", "end_char"},
    "claims": {
        "id", "document_id", "claimant_id", "speaker_id", "stance", "subject_id", "counterpart_id",
        "incident", "degree", "hedged", "confidence", "cue", "evidence", "start_char", "end_char",
        "extractor", "published",
    },
    "ingest_errors": {"id", "path", "line", "reason", "time"},
}  # fmt: skip

TEXT = (
    "The US accused China of hacking Microsoft Exchange. "
    "China denied the groundless accusations and said the US is the world champion of cyberattacks."
)


def actors():
    return [
        Actor("CHN", "China", "state", "CHN", ("Chine", "Beijing"), "iso3166"),
        Actor("USA", "United States", "state", "USA", ("US", "Washington"), "iso3166"),
        Actor("MICROSOFT", "Microsoft", "company", "USA", (), "curated"),
    ]


def sentence(text, needle):
    start = text.index(needle)
    return start, start + len(needle)


def seed_document(doc_id="doc1", text=TEXT):
    s1 = "The US accused China of hacking Microsoft Exchange."
    s2 = text[len(s1) + 1 :]
    a, b = sentence(text, s1)
    c, d = sentence(text, s2)
    return Document(
        id=doc_id,
        text=text,
        title="Test",
        lang="en",
        published="2021-07-20",
        mentions=[Mention("USA", "US", 4, 6), Mention("CHN", "China", 15, 20)],
        claims=[
            Claim("USA", "accuses", "CHN", s1, a, b, "accused", degree="direct"),
            Claim("CHN", "denies", "CHN", s2, c, d, "denied", counterpart_id="USA"),
            Claim("CHN", "accuses", "USA", s2, c, d, "champion"),
        ],
    )


@pytest.fixture
def db(tmp_path):
    db = store.open_db(tmp_path / "kb.db")
    store.save_actors(db, actors())
    store.save_document(db, seed_document(), extractor="test")
    return db


def test_tables_and_columns(db):
    for table, columns in SCHEMA.items():
        assert set(db[table].columns_dict) >= columns, table


def test_foreign_keys_are_declared_and_indexed(db):
    fks = {(fk.table, fk.column, fk.other_table) for t in ("mentions", "claims") for fk in db[t].foreign_keys}
    assert ("claims", "claimant_id", "actors") in fks
    assert ("claims", "subject_id", "actors") in fks
    assert ("claims", "speaker_id", "actors") in fks
    assert ("claims", "document_id", "documents") in fks
    assert ("mentions", "actor_id", "actors") in fks
    for table in ("mentions", "claims"):
        indexed = {tuple(index.columns) for index in db[table].indexes}
        for fk in db[table].foreign_keys:
            assert (fk.column,) in indexed or any(cols[0] == fk.column for cols in indexed), fk


def test_foreign_keys_are_enforced(db):
    bad = Document(
        id="doc2", text="Another text about nobody.", mentions=[Mention("NOT_AN_ACTOR", "A", 0, 1)]
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.save_document(db, bad)
    # the failed write left nothing behind
    assert db["documents"].count == 1
    assert db.query("SELECT count(*) n FROM mentions WHERE document_id = 'doc2'").__next__()["n"] == 0


def test_full_text_search(db):
    assert db["documents"].detect_fts() == "documents_fts"
    assert db["claims"].detect_fts() == "claims_fts"
    hits = list(db["claims"].search("champion"))
    assert sorted(h["stance"] for h in hits) == ["accuses", "denies"]
    # diacritics are folded: "Pekin" finds "Pékin"
    store.save_document(db, Document(id="fr1", text="Pékin dément.", lang="fr"))
    assert [r["id"] for r in db["documents"].search("Pekin")] == ["fr1"]


def test_views(db):
    edges = {(r["claimant_id"], r["stance"], r["subject_id"]): r for r in db["claim_edges"].rows}
    assert edges[("USA", "accuses", "CHN")]["n_claims"] == 1
    assert edges[("USA", "accuses", "CHN")]["claimant_name"] == "United States"
    counter = list(db["counter_accusations"].rows)
    assert [(r["denier_id"], r["accuser_id"]) for r in counter] == [("CHN", "USA")]
    answering = list(db["denials_answering"].rows)
    assert len(answering) == 1
    assert answering[0]["accuser_id"] == "USA" and answering[0]["denier_id"] == "CHN"


def test_evidence_is_a_slice_of_the_text(db):
    for claim in db.query("SELECT c.*, d.text FROM claims c JOIN documents d ON d.id = c.document_id"):
        assert claim["text"][claim["start_char"] : claim["end_char"]] == claim["evidence"]


def test_saving_again_replaces_instead_of_duplicating(db):
    store.save_document(db, seed_document())
    assert db["claims"].count == 3
    assert db["documents"].count == 1


def test_errors_are_recorded(db):
    store.save_error(db, ReadError("feed.xml", "not a feed", line=None))
    row = next(iter(db["ingest_errors"].rows))
    assert row["path"] == "feed.xml" and row["reason"] == "not a feed" and row["time"]


def test_claims_carry_their_document_date(db):
    dates = {row["published"] for row in db.query("SELECT published FROM claims")}
    assert dates == {"2021-07-20"}


def kb_of_the_earlier_version(path):
    """A KB as an earlier version wrote it: no migrations recorded, claims without published,
    no lookup table, views or extra indexes."""
    db = store.open_db(path)
    store.save_actors(db, actors())
    store.save_document(db, seed_document(), extractor="test")
    db.conn.close()
    conn = sqlite3.connect(path)
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE (type = 'view' OR (type = 'index' AND sql IS NOT NULL "
        "AND name != 'idx_documents_sha256')) ORDER BY type DESC"
    ).fetchall():
        conn.execute(f"DROP {kind} IF EXISTS [{name}]")
    for table in ("_sqlite_migrations", "actor_names", "actor_stats"):
        conn.execute(f"DROP TABLE [{table}]")
    conn.execute("ALTER TABLE claims DROP COLUMN published")
    conn.commit()
    conn.close()
    return path


def test_every_migration_runs_once(tmp_path):
    path = tmp_path / "kb.db"
    store.open_db(path).close()
    applied = [m.name for m in store.migrations.applied(store.sqlite_utils.Database(path))]
    assert applied == [m.name for m in store.migrations._migrations] and len(applied) == len(set(applied))
    assert store.pending_migrations(path) == []
    store.open_db(path).close()  # opening again applies nothing twice
    assert store.sqlite_utils.Database(path)["_sqlite_migrations"].count == len(applied)


def test_a_kb_written_before_claims_had_dates_is_upgraded_on_open(tmp_path):
    path = kb_of_the_earlier_version(tmp_path / "old.db")
    assert "published" not in store.sqlite_utils.Database(path)["claims"].columns_dict

    assert store.pending_migrations(path)
    db = store.open_db(path)
    assert [row["published"] for row in db.query("SELECT published FROM claims")] == ["2021-07-20"] * 3
    assert any("published" in index.columns for index in db["claims"].indexes)
    # the lookup table is filled from the actors already stored
    assert {r["actor_id"] for r in db.query("SELECT actor_id FROM actor_names WHERE key = 'beijing'")} == {
        "CHN"
    }


def test_kb_serve_upgrades_an_earlier_kb_before_serving(tmp_path):
    from kb.serve import upgrade_database

    path = kb_of_the_earlier_version(tmp_path / "old.db")
    said = []
    upgrade_database(path, said.append)
    assert said and "schema" in said[0]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT DISTINCT published FROM claims").fetchall() == [("2021-07-20",)]
    # and the canned query that needs it runs
    assert conn.execute("SELECT count(*) FROM denials_answering WHERE days_between >= 0").fetchone() == (1,)
