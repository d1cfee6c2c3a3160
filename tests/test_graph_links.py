"""The graph's kept links (kb/graph_links.py) say what counting the claims says.

The graph page answers from the tables ``graph_links``, ``graph_links_rolled`` and
``graph_denial_targets`` when they are current, from the claims otherwise; both answers are
asked for here, through Datasette, for every filter the page offers, on a KB written by the
real writer, then after a second ingest that replaces documents, reviews, a re-extraction, an
actor moved to another state and a change made behind the writer's back.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace

import pytest
from datasette.app import Datasette

from extract.records import Actor, Claim, Document, Mention
from kb import reviews
from kb.graph_links import links_are_current, rebuild_graph_links
from kb.reextract import reextract_document
from kb.serve import refresh_stale_stats
from kb.store import open_db, save_actors, save_documents

ACTORS = [
    Actor("CHN", "China", "state", "CHN"),
    Actor("USA", "United States", "state", "USA"),
    Actor("GBR", "United Kingdom", "state", "GBR"),
    Actor("RUS", "Russia", "state", "RUS"),
    Actor("EU", "European Union", "intergov", None),
    Actor("APT31", "APT31", "group", "CHN"),
    Actor("APT28", "APT28", "group", "RUS"),
    Actor("GRU", "GRU", "agency", "RUS"),
    Actor("NCSC_UK", "NCSC", "agency", "GBR"),
    Actor("ZHAO", "Zhao Lijian", "person", "CHN"),
    Actor("LAZARUS", "Lazarus", "group", None),
    Actor("MICROSOFT", "Microsoft", "company", "USA"),
]
IDS = [a.id for a in ACTORS]

# every filter the graph page offers, plain and rolled up; the dates are answered from the claims
QUERIES = [
    "",
    "?stance=accuses",
    "?stance=denies",
    "?min_claims=2",
    "?min_claims=3&stance=accuses",
    "?actor=CHN",
    "?actor=GRU&min_claims=2",
    "?actor=Russia&stance=denies",
    "?since=2021-06",
    "?until=2020&stance=accuses",
]
QUERIES += [q + ("&" if q else "?") + "rollup=1" for q in QUERIES]
PAGES = [f"/-/claims-graph.json{q}" for q in QUERIES]
# the canned query that reads them too
PAGES += [f"/kb/who_accuses_whom.json?_shape=array&stance={s}" for s in ("", "accuses", "denies")]
# the claims behind a node, counted from the kept links when no filter counts part of a link
PAGES += [
    f"/-/claims-graph/claims.json?node={node}{extra}"
    for node in ("CHN", "GRU", "EU")
    for extra in ("", "&stance=denies", "&stance=accuses&actor=USA", "&since=2021", "&rollup=1")
]


def documents(rng: random.Random, start: int, count: int, prefix: str = "doc") -> list[Document]:
    """Documents of a few claims each between random actors: accusations, denials naming their
    accuser or no one, hedged or not, dated or not."""
    out = []
    for d in range(start, start + count):
        published = None if d % 7 == 0 else f"20{18 + d % 5}-{1 + d % 12:02d}-{1 + d % 27:02d}"
        claims, mentions = [], []
        for c in range(rng.randint(1, 4)):
            claimant, subject = rng.choice(IDS[:6]), rng.choice(IDS)
            sentence = f"Sentence {c} of {prefix} {d}: {claimant} on {subject}."
            if rng.random() < 0.3:
                extra = {"counterpart_id": claimant if rng.random() < 0.5 else None}
                claim = Claim(subject, "denies", subject, sentence, 0, len(sentence), "denied", **extra)
            else:
                claim = Claim(claimant, "accuses", subject, sentence, 0, len(sentence), "blamed")
            claims.append(replace(claim, hedged=rng.random() < 0.3))
            mentions += [Mention(claimant, claimant, 0, 1), Mention(subject, subject, 0, 1)]
        text = " ".join(c.evidence for c in claims)
        claims = [
            replace(c, start_char=text.index(c.evidence), end_char=text.index(c.evidence) + len(c.evidence))
            for c in claims
        ]
        out.append(
            Document(f"{prefix}-{d}", text, title=f"Report {d}", published=published, lang="en",
                     mentions=mentions, claims=claims)
        )  # fmt: skip
    return out


@pytest.fixture
def kb(tmp_path):
    path = tmp_path / "kb.db"
    db = open_db(path)
    save_actors(db, ACTORS)
    rng = random.Random(7)
    for start in range(0, 120, 32):  # batches, as an ingest writes them
        save_documents(db, documents(rng, start, 32), extractor="test")
    yield path, db
    db.conn.close()


def mark_a_link(path) -> None:
    """A marked link: the page then counts from the claims, as before the tables."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO graph_links_dirty VALUES ('accuses', 'nobody', 'nobody')")


def unmark(path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM graph_links_dirty WHERE claimant_id = 'nobody'")


async def answers(path) -> dict[str, dict]:
    ds = Datasette([str(path)])
    out = {}
    for page in PAGES:
        response = await ds.client.get(page)
        assert response.status_code == 200, (page, response.text)
        out[page.removeprefix("/-/claims-graph.json")] = response.json()
    return out


async def kept_and_counted(path) -> dict[str, dict]:
    """The page's answers from the kept links, checked against the answers counted from the
    claims, and the tables against a rebuild from nothing."""
    with sqlite3.connect(path) as conn:
        assert not conn.execute("SELECT count(*) FROM graph_links_dirty").fetchone()[0]
    kept = await answers(path)
    mark_a_link(path)
    counted = await answers(path)
    unmark(path)
    for page in kept:
        assert kept[page] == counted[page], page
    assert kept_tables(path) == rebuilt_tables(path)
    return kept


TABLES = ("graph_links", "graph_links_rolled", "graph_denial_targets")


def kept_tables(path) -> dict[str, list]:
    with sqlite3.connect(path) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in TABLES}


def rebuilt_tables(path) -> dict[str, list]:
    copy = path.with_name("rebuilt.db")
    copy.unlink(missing_ok=True)
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    db = open_db(copy)
    rebuild_graph_links(db)
    db.conn.close()
    return kept_tables(copy)


async def test_the_kept_links_answer_as_the_claims_after_every_kind_of_change(kb):
    path, db = kb
    first = await kept_and_counted(path)
    # something to compare: a graph, drawn several ways, that the filters narrow
    assert all(first[q]["edges"] for q in ("", "?rollup=1", "?actor=CHN&rollup=1", "?stance=denies"))
    assert first["?min_claims=2"]["n_links"] < first[""]["n_links"]
    assert first["?rollup=1"]["edges"] != first[""]["edges"]
    who = first["/kb/who_accuses_whom.json?_shape=array&stance="]
    assert len(who) == first[""]["n_links"] and {r["stance"] for r in who} == {"accuses", "denies"}

    # a second ingest: new documents, and documents read again with other claims
    save_documents(db, documents(random.Random(8), 100, 40), extractor="test")
    second = await kept_and_counted(path)
    assert second[""]["n_claims"] > first[""]["n_claims"]

    # reviews: a claim rejected, another's subject corrected
    heaviest = second[""]["edges"][0]
    [rejected] = db.execute(
        "SELECT min(id) FROM claims WHERE claimant_id = ? AND stance = ? AND subject_id = ?",
        [heaviest["from"], heaviest["stance"], heaviest["to"]],
    ).fetchone()
    reviews.record(db, [str(rejected)], "rejected")
    [corrected] = db.execute("SELECT max(id) FROM claims WHERE stance = 'accuses'").fetchone()
    reviews.record(db, [str(corrected)], "corrected", {"subject_id": "APT28"})
    reviewed = await kept_and_counted(path)
    assert reviewed[""]["n_claims"] == second[""]["n_claims"] - 1

    # a re-extraction that reads a document's claims otherwise
    row = db["documents"].get("doc-5")
    claim = Claim("USA", "accuses", "GRU", row["text"], 0, len(row["text"]), "blamed")
    reread = Document("doc-5", row["text"], title=row["title"], published=row["published"], lang="en",
                      mentions=[Mention("USA", "USA", 0, 1)], claims=[claim])  # fmt: skip
    assert reextract_document(db, reread, "v2").any
    await kept_and_counted(path)

    # an actor moved to another state: the gazetteer marks its links, a repair counts them
    save_actors(db, [Actor("APT31", "APT31", "group", "RUS")])
    assert not links_are_current(db)
    refresh_stale_stats(path, echo=lambda message: None)
    assert links_are_current(db)
    moved = await kept_and_counted(path)
    assert moved["?rollup=1"] != reviewed["?rollup=1"]


async def test_claims_changed_behind_the_writer_are_counted_from_the_claims_until_repaired(kb):
    path, db = kb
    before = (await answers(path))[""]
    heaviest = before["edges"][0]
    with sqlite3.connect(path) as conn:  # a script deletes a claim
        conn.execute(
            "DELETE FROM claims WHERE id = (SELECT min(id) FROM claims WHERE claimant_id = ? AND stance = ? "
            "AND subject_id = ?)",
            [heaviest["from"], heaviest["stance"], heaviest["to"]],
        )
    assert not links_are_current(db)
    after = (await answers(path))[""]
    assert after["n_claims"] == before["n_claims"] - 1
    assert after["edges"][0]["count"] == heaviest["count"] - 1
    refresh_stale_stats(path, echo=lambda message: None)  # kb serve's repair before it serves
    assert links_are_current(db)
    assert (await kept_and_counted(path))[""] == after


async def test_the_demo_kb_is_drawn_the_same_from_the_kept_links(demo_kb, tmp_path):
    path = tmp_path / "kb.db"
    with sqlite3.connect(demo_kb) as source, sqlite3.connect(path) as target:
        source.backup(target)
    kept = await kept_and_counted(path)
    assert kept[""]["edges"] and kept["?rollup=1"]["edges"] and kept["?actor=CHN"]["edges"]


async def test_the_heaviest_links_of_a_cut_graph_are_drawn_the_same(kb, monkeypatch):
    from kb.datasette_plugin import graph_view

    monkeypatch.setattr(graph_view, "MAX_LINKS", 4)  # the cut falls among the denials drawn too
    path, _db = kb
    kept = await kept_and_counted(path)
    assert kept[""]["truncated"] and kept["?rollup=1"]["truncated"] and kept["?stance=denies"]["truncated"]
    assert len(kept["?stance=denies&rollup=1"]["edges"]) == 4
