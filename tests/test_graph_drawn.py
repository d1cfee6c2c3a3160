"""The whole KB's denial arrows kept in ``graph_drawn_denials`` (kb/graph_drawn.py) say what
adding up their targets says, and are never read once the kept links have changed.

The graph page opened without a filter (plain, rolled up, its denials alone) reads the kept
answer while it is as new as the kept links (``graph_links_version``); the statistics' refresh
after an ingest, a review or a re-extraction, and ``kb serve`` when it finds them old, count it
again. Checked here through Datasette on a KB written by the real writer: the kept rows against
the targets added up, the page against the page counted from the claims, and a kept answer
altered on purpose, which the page shows while it is current and never after a change.
"""

from __future__ import annotations

import json
import random
import sqlite3

import pytest
from datasette.app import Datasette
from test_graph_links import documents, kb  # noqa: F401  (its fixture)

from extract.records import Actor
from kb import graph_links_read, reviews
from kb.analytics import refresh_actor_stats
from kb.graph_drawn import drawn_are_current
from kb.serve import refresh_stale_stats
from kb.store import open_db, save_actors, save_documents

PAGES = ["", "?rollup=1", "?stance=denies", "?stance=denies&rollup=1"]
BUILT = {"cookie": "built=1"}  # (answered by Datasette, not from the plugin's cache)


@pytest.fixture
def stats_kb(kb):  # noqa: F811  (test_graph_links' fixture)
    """test_graph_links' KB, written in batches by the real writer, with its statistics counted as
    the end of an ingest counts them."""
    refresh_actor_stats(kb[1])
    return kb


def kept_rows(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT rollup, links, version, rows FROM graph_drawn_denials").fetchall()


def added_up(path, rollup: int, links: str) -> list[dict]:
    """What the page adds up for these links without a kept answer."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        sql = graph_links_read.drawn_denials_query(bool(rollup))
        params = {"links": links, "max_links": graph_links_read.MAX_LINKS + 1}
        return [dict(row) for row in conn.execute(sql, params)]


def current_version(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT value FROM _kb_state WHERE key = 'graph_links_version'").fetchone()[0]


async def pages(path) -> dict[str, dict]:
    ds = Datasette([str(path)])
    out = {}
    for query in PAGES:
        response = await ds.client.get(f"/-/claims-graph.json{query}", headers=BUILT)
        assert response.status_code == 200, (query, response.text)
        out[query] = response.json()
    return out


async def counted_from_the_claims(path) -> dict[str, dict]:
    """The pages while a link waits for its rebuild: everything counted from the claims."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO graph_links_dirty VALUES ('accuses', 'nobody', 'nobody')")
    try:
        return await pages(path)
    finally:
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM graph_links_dirty WHERE claimant_id = 'nobody'")


async def kept_and_counted(path) -> dict[str, dict]:
    """Every kept answer is current and what adding up says; the pages what the claims say."""
    rows = kept_rows(path)
    assert {rollup for rollup, *_ in rows} == {0, 1} and len(rows) == 3
    for rollup, links, version, answer in rows:
        assert version == current_version(path)
        assert json.loads(answer) == added_up(path, rollup, links)
    kept = await pages(path)
    assert kept == await counted_from_the_claims(path)
    return kept


def alter_the_kept_answers(path) -> None:
    """Every kept arrow drawn 1,000 times heavier: a page showing it read the kept answer."""
    with sqlite3.connect(path) as conn:
        for rowid, answer in conn.execute("SELECT rowid, rows FROM graph_drawn_denials").fetchall():
            rows = [
                {**r, "n_claims": r["n_claims"] * 1000} if r["kind"] == "link" else r
                for r in json.loads(answer)
            ]
            conn.execute("UPDATE graph_drawn_denials SET rows = ? WHERE rowid = ?", [json.dumps(rows), rowid])


def heaviest_denial(page: dict) -> int:
    return max(e["count"] for e in page["edges"] if e["stance"] == "denies")


async def test_the_kept_denial_arrows_are_read_while_current_and_never_after_a_change(stats_kb):
    path, db = stats_kb
    first = await kept_and_counted(path)
    assert all(any(e["stance"] == "denies" for e in first[q]["edges"]) for q in PAGES)
    # read: an answer altered on purpose shows while it is as new as the links
    alter_the_kept_answers(path)
    altered = await pages(path)
    assert all(heaviest_denial(altered[q]) == 1000 * heaviest_denial(first[q]) for q in PAGES)

    # a batch written: the links' version moves on, the altered answer is no longer read
    save_documents(db, documents(random.Random(12), 200, 8), extractor="test")
    assert not drawn_are_current(db)
    after_batch = await pages(path)
    assert after_batch == await counted_from_the_claims(path)
    refresh_actor_stats(db)  # (the end of an ingest)
    assert drawn_are_current(db)
    second = await kept_and_counted(path)
    assert second[""]["n_claims"] > first[""]["n_claims"]

    # a review rejects a denial of the heaviest arrow: refreshed with the statistics
    alter_the_kept_answers(path)
    denier = next(e for e in second[""]["edges"] if e["stance"] == "denies")["from"]
    [rejected] = db.execute(
        "SELECT min(id) FROM claims WHERE claimant_id = ? AND stance = 'denies'", [denier]
    ).fetchone()
    reviews.record(db, [str(rejected)], "rejected")
    reviewed = await kept_and_counted(path)
    assert reviewed[""]["n_claims"] == second[""]["n_claims"] - 1

    # an actor moved to another state: its links wait for their rebuild, then kb serve's repair
    alter_the_kept_answers(path)
    save_actors(db, [Actor("APT31", "APT31", "group", "RUS"), Actor("GRU", "GRU", "agency", "CHN")])
    assert not drawn_are_current(db)
    assert await pages(path) == await counted_from_the_claims(path)
    refresh_stale_stats(path, echo=lambda message: None)
    assert drawn_are_current(db)
    moved = await kept_and_counted(path)
    assert moved["?rollup=1"] != reviewed["?rollup=1"]


async def test_a_kb_from_before_gets_its_denial_arrows_when_opened(stats_kb):
    path, db = stats_kb
    kept = kept_rows(path)
    db.execute("DROP TABLE graph_drawn_denials")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm024_graph_drawn_denials'")
    db.conn.commit()
    # served before it is opened by this version: the page adds the targets up itself
    counted = await pages(path)
    reopened = open_db(path)
    reopened.conn.close()
    assert kept_rows(path) == kept
    assert await kept_and_counted(path) == counted
