"""Subscribing to the KB: the new_claims query as an Atom feed, for all, per actor, per stance."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
import yaml
from datasette.app import Datasette
from graph_kb import build_claims_kb

from kb import reviews
from kb.store import open_db

METADATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "metadata.yml").read_text())
FEED = "/kb/new_claims.atom"


@pytest.fixture
def kb_path(tmp_path):
    return build_claims_kb(tmp_path / "kb.db")


async def feed(ds, query: str):
    response = await ds.client.get(FEED + query)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


async def test_the_feed_says_who_claims_what_with_the_sentence_and_a_link(kb_path):
    ds = Datasette([str(kb_path)], metadata=METADATA)
    everything = await feed(ds, "?actor=&stance=")
    assert len(everything.entries) == 11
    denials = await feed(ds, "?actor=Pékin&stance=denies")  # any name of China
    [entry] = denials.entries
    assert entry.title == "China denies responsibility, answering United States"
    assert "Zhao Lijian rejected the groundless accusations of the US." in entry.content[0].value
    assert entry.link.startswith("http://localhost/kb/claims/")
    assert entry.author == "China"
    assert entry.id.startswith("tag:cyber-claims-kb,2024:claim:")
    assert denials.feed.title.startswith("New claims (actor=Pékin, stance=denies)")
    accusations = await feed(ds, "?actor=APT31&stance=accuses")
    assert {e.title for e in accusations.entries} >= {
        "United Kingdom accuses APT31",
        "Microsoft accuses APT31 (hedged)",
    }
    assert all("accuses" in e.title for e in accusations.entries)


async def test_a_feed_with_nothing_yet_is_a_valid_empty_feed(kb_path):
    ds = Datasette([str(kb_path)], metadata=METADATA)
    empty = await feed(ds, "?actor=Microsoft&stance=denies")
    assert empty.entries == [] and empty.feed.updated  # Atom asks for a date even then


async def test_entries_keep_their_id_through_a_rebuild_and_follow_the_reviews(kb_path):
    ds = Datasette([str(kb_path)], metadata=METADATA)
    before = {e.id: e.title for e in (await feed(ds, "?actor=&stance=")).entries}
    db = open_db(kb_path)
    ids = {row["evidence"]: row["id"] for row in db["claims"].rows}
    reviews.record(db, [str(ids["The UK holds the Chinese state responsible."])], "rejected")
    reviews.record(db, [str(ids["The UK says APT31 targeted MPs."])], "corrected", {"subject_id": "CHN"})
    db.close()
    build_claims_kb(kb_path)  # every document stored again: new rows, same claims
    after = {e.id: e for e in (await feed(ds, "?actor=&stance=")).entries}
    assert set(after) < set(before) and len(after) == len(before) - 1  # the rejected one is gone
    corrected = next(e for e in after.values() if "APT31 targeted MPs" in e.content[0].value)
    assert (
        corrected.title == "United Kingdom accuses China"
        and "Corrected by a reviewer" in corrected.content[0].value
    )


async def test_actor_pages_offer_their_feed(kb_path):
    ds = Datasette([str(kb_path)], metadata=METADATA)
    page = (await ds.client.get("/kb/actors/CHN")).text
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/kb/new_claims.atom?actor=CHN&amp;stance="' in page
    home = (await ds.client.get("/")).text
    assert "New claims" in home
