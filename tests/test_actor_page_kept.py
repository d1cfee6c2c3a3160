"""The actor page and actor_profile read kept counts at a million claims, and say what counting
the claims says.

An actor's distinct sentences per stance and role are kept in ``actor_sentences`` with
actor_stats after each ingest, review or re-extraction (kb/analytics.py); its counts per
counterpart and the profile's top counterparts come from the kept links (``graph_links``), its
counter-accusations from ``counter_accusation_pairs``. While the statistics are older than the
claims, or a link waits for its rebuild, the pages count from the claims as before. Both answers
are asked for here, on a KB with joint statements (one sentence, several claims), speakers,
denials naming their accuser or no one, and undated documents, written by the real writer.
"""

from __future__ import annotations

import random
import re
import sqlite3

import pytest
from datasette.app import Datasette

from extract.records import Actor, Claim, Document, Mention
from kb import reviews
from kb.actor_lookup import register_functions
from kb.datasette_plugin import actor_claims
from kb.store import open_db, save_actors, save_documents, stats_are_stale

ACTORS = [
    Actor("CHN", "China", "state", "CHN"),
    Actor("USA", "United States", "state", "USA"),
    Actor("GBR", "United Kingdom", "state", "GBR"),
    Actor("RUS", "Russia", "state", "RUS"),
    Actor("APT31", "APT31", "group", "CHN"),
    Actor("ZHAO", "Zhao Lijian", "person", "CHN"),
    Actor("BLINKEN", "Antony Blinken", "person", "USA"),
]
IDS = [a.id for a in ACTORS]
STATES = IDS[:5]
SPEAKERS = {"CHN": "ZHAO", "USA": "BLINKEN"}
# (a cookie: every page is built, not answered from the plugin's cache)
BUILT = {"cookie": "built=1"}


def documents(rng: random.Random, start: int, count: int) -> list[Document]:
    out = []
    for d in range(start, start + count):
        published = None if d % 6 == 0 else f"20{18 + d % 5}-{1 + d % 12:02d}-{1 + d % 27:02d}"
        sentences, claims, mentions = [], [], []
        for s in range(rng.randint(1, 3)):
            subject = rng.choice(IDS[:5])
            # a joint statement: one sentence, a claim per claimant
            claimants = rng.sample(STATES, rng.choice([1, 1, 2, 3]))
            sentence = f"Sentence {s} of document {d}: {' and '.join(claimants)} on {subject}."
            start_char = sum(len(x) + 1 for x in sentences)
            sentences.append(sentence)
            for claimant in claimants:
                speaker = SPEAKERS.get(claimant) if rng.random() < 0.4 else None
                if rng.random() < 0.3:  # a denial of the subject's responsibility
                    counterpart = rng.choice([claimant, None, "GBR"])
                    claim = Claim(
                        subject,
                        "denies",
                        subject,
                        sentence,
                        start_char,
                        start_char + len(sentence),
                        "denied",
                        speaker_id=speaker,
                        counterpart_id=counterpart if counterpart != subject else None,
                    )
                else:
                    claim = Claim(claimant, "accuses", subject, sentence, start_char,
                                  start_char + len(sentence), "blamed", speaker_id=speaker)  # fmt: skip
                claims.append(claim)
                mentions.append(Mention(claimant, claimant, start_char, start_char + 1))
            mentions.append(Mention(subject, subject, start_char, start_char + 1))
        out.append(
            Document(f"doc-{d}", " ".join(sentences), title=f"Report {d}", published=published,
                     lang="en", mentions=mentions, claims=claims)
        )  # fmt: skip
    return out


@pytest.fixture
def kb(tmp_path):
    path = tmp_path / "kb.db"
    db = open_db(path)
    save_actors(db, ACTORS)
    rng = random.Random(11)
    for start in range(0, 90, 30):  # batches, as an ingest writes them
        save_documents(db, documents(rng, start, 30), extractor="test")
    from kb.analytics import refresh_actor_stats

    refresh_actor_stats(db)  # as kb ingest does after its batches
    yield path, db
    db.conn.close()


def counted_sentences(path) -> dict:
    """Every actor's sentences counted from the claims, as the page counts them when not kept."""
    conn = sqlite3.connect(path)
    register_functions(conn)
    counted = {
        (actor_id, stance, role): n
        for actor_id in IDS
        for stance, role, n in conn.execute(actor_claims.SENTENCES_SQL, {"actor": actor_id})
    }
    conn.close()
    return counted


def kept_sentences(path) -> dict:
    with sqlite3.connect(path) as conn:
        return {(a, s, r): n for a, s, r, n in conn.execute("SELECT * FROM actor_sentences")}


def make_stale(path) -> None:
    """Statistics older than the claims and a link waiting for its rebuild: the pages count."""
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE _kb_state SET value = value + 1 WHERE key = 'claims_version'")
        conn.execute("INSERT INTO graph_links_dirty VALUES ('accuses', 'nobody', 'nobody')")


def make_fresh(path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE _kb_state SET value = value - 1 WHERE key = 'claims_version'")
        conn.execute("DELETE FROM graph_links_dirty WHERE claimant_id = 'nobody'")


PAGES = [f"/kb/actors/{a}" for a in IDS]
PAGES += [f"/kb/actor_profile.json?_shape=array&actor={a}" for a in IDS]


async def answers(path) -> dict[str, str]:
    ds = Datasette([str(path)])
    out = {}
    for page in PAGES:
        response = await ds.client.get(page, headers=BUILT)
        assert response.status_code == 200, (page, response.text[:300])
        out[page] = re.sub(r"took [0-9.]+ms", "took ...", response.text)  # (Datasette's timing)
    return out


async def kept_and_counted(path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        versions = dict(conn.execute("SELECT key, value FROM _kb_state"))
        assert versions["stats_version"] == versions["claims_version"]
        assert not conn.execute("SELECT count(*) FROM graph_links_dirty").fetchone()[0]
    assert kept_sentences(path) == counted_sentences(path)
    kept = await answers(path)
    make_stale(path)
    counted = await answers(path)
    make_fresh(path)
    for page in PAGES:
        assert kept[page] == counted[page], page
    return kept


async def test_the_actor_pages_say_from_kept_counts_what_counting_says(kb):
    path, db = kb
    first = await kept_and_counted(path)
    sentences = kept_sentences(path)
    # joint statements: fewer sentences than claims; speakers voice others' claims
    chn_claims = db.execute("SELECT count(*) FROM claims WHERE claimant_id = 'CHN'").fetchone()[0]
    assert sum(n for (a, _, r), n in sentences.items() if a == "CHN" and r == "made") < chn_claims
    assert any(r == "voiced" for (_, _, r) in sentences)
    assert "denies" in first["/kb/actor_profile.json?_shape=array&actor=CHN"]

    # a second ingest, then a review that rejects a claim and corrects another: each refreshes
    # the statistics, and the kept sentences follow
    from kb.analytics import refresh_actor_stats

    save_documents(db, documents(random.Random(12), 80, 30), extractor="test")
    refresh_actor_stats(db)
    second = await kept_and_counted(path)
    assert second != first
    [rejected] = db.execute("SELECT min(id) FROM claims WHERE claimant_id = 'USA'").fetchone()
    reviews.record(db, [str(rejected)], "rejected")
    [corrected] = db.execute("SELECT max(id) FROM claims WHERE stance = 'accuses'").fetchone()
    reviews.record(db, [str(corrected)], "corrected", {"subject_id": "APT31"})
    await kept_and_counted(path)
    assert kept_sentences(path) != sentences


async def test_a_pages_own_queries_take_one_trip_to_the_sql_threads(kb, monkeypatch):
    # under load every trip to Datasette's SQL threads waits its turn behind the other requests:
    # the actor page made 27 of them (19 its own), the timeline 13, a node's claims 7
    from datasette.database import Database

    path, _db = kb
    ds = Datasette([str(path)])
    await ds.client.get("/kb/actors/CHN", headers=BUILT)  # (startup and schema checks)
    trips = []
    execute_fn = Database.execute_fn

    async def counting(self, fn):
        trips.append(fn)
        return await execute_fn(self, fn)

    monkeypatch.setattr(Database, "execute_fn", counting)
    pages = {  # (a row page: Datasette's permission look-ups, then the row and the page in one)
        "/kb/actors/CHN": 4,
        "/kb/documents/doc-3": 4,
        "/-/timeline?actor=CHN": 3,
        "/-/timeline.json": 3,
        "/-/claims-graph.json?actor=USA": 4,
        "/-/claims-graph/claims.json?node=CHN": 3,
    }
    for page, most in pages.items():
        trips.clear()
        response = await ds.client.get(page, headers=BUILT)
        assert response.status_code == 200, page
        assert len(trips) <= most, (page, len(trips))


def partner(claim: dict, actor: str) -> str | None:
    """The counterpart the actor page lists a claim under, "" when it lists it under none."""
    if claim["claimant_id"] == actor:
        return claim["subject_id"] if claim["subject_id"] != actor else claim["counterpart_id"]
    if claim["subject_id"] == actor or claim["speaker_id"] == actor:
        return claim["claimant_id"]
    return ""


async def test_each_counterpart_lists_the_newest_of_its_claims_with_the_actor(kb):
    path, _db = kb
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        claims = [dict(row) for row in conn.execute("SELECT * FROM claims")]
    database = Datasette([str(path)]).get_database("kb")
    most = actor_claims.MAX_CLAIMS_PER_COUNTERPART
    for actor in IDS:
        shown, _totals, _left_out = await actor_claims.claims_by_counterpart(database, actor)
        assert shown
        for group in shown:
            theirs = [c for c in claims if partner(c, actor) == group["id"]]
            newest = sorted(theirs, key=lambda c: (c["published"] or "", c["id"]), reverse=True)[:most]
            assert [c["id"] for c in group["claims"]] == [c["id"] for c in reversed(newest)], group["id"]
            assert group["hidden"] == len(theirs) - len(newest)


def documents_naming(path) -> tuple[dict, dict]:
    """The documents naming each actor, kept in actor_stats and counted from the mentions."""
    with sqlite3.connect(path) as conn:
        kept = dict(conn.execute("SELECT actor_id, documents_naming FROM actor_stats"))
        sql = "SELECT actor_id, count(DISTINCT document_id) FROM mentions GROUP BY actor_id"
        counted = dict(conn.execute(sql))
    return kept, counted


async def profile_counts(path, actor: str) -> dict[str, int]:
    ds = Datasette([str(path)])
    response = await ds.client.get(f"/kb/actor_profile.json?_shape=array&actor={actor}", headers=BUILT)
    assert response.status_code == 200, response.text[:300]
    return {row["item"]: row["n"] for row in response.json() if row["section"] == "count"}


async def test_the_documents_naming_an_actor_are_kept_and_a_mention_alone_makes_them_old(kb):
    path, db = kb
    kept, counted = documents_naming(path)
    assert kept == {actor: counted.get(actor, 0) for actor in kept} and kept["CHN"] > 1
    # a document that names China and holds no claim: the statistics are older than the KB, and
    # the profile counts from the mentions until they are refreshed
    named = Document("named-only", "China was named.", mentions=[Mention("CHN", "China", 0, 5)])
    save_documents(db, [named], extractor="test")
    assert stats_are_stale(db)
    assert (await profile_counts(path, "CHN"))["documents naming it"] == counted["CHN"] + 1
    from kb.analytics import refresh_actor_stats

    refresh_actor_stats(db)
    kept, counted = documents_naming(path)
    assert kept["CHN"] == counted["CHN"] == (await profile_counts(path, "CHN"))["documents naming it"]
    await kept_and_counted(path)


async def test_a_kb_from_before_counts_the_documents_naming_each_actor_when_opened(kb):
    path, db = kb
    before = await profile_counts(path, "CHN")
    db.execute("ALTER TABLE actor_stats DROP COLUMN documents_naming")
    for event in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER claims_version_mentions_{event}")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm025_actor_stats_documents'")
    db.conn.commit()
    open_db(path).conn.close()
    kept, counted = documents_naming(path)
    assert kept == {actor: counted.get(actor, 0) for actor in kept}
    assert not stats_are_stale(db)  # (counted by the migration: no refresh of every statistic)
    assert await profile_counts(path, "CHN") == before
    save_documents(
        db, [Document("named-only", "China.", mentions=[Mention("CHN", "China", 0, 5)])], extractor="t"
    )
    assert stats_are_stale(db)
