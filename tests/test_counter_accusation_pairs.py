"""The canned query counter_accusations reads the pairs kept with actor_stats
(``counter_accusation_pairs``, kb/analytics.py): after each ingest they are the view's rows."""

from __future__ import annotations

import random

import pytest
from datasette.app import Datasette
from test_graph_links import ACTORS, documents

from kb.analytics import refresh_actor_stats
from kb.store import open_db, save_actors, save_documents

COLUMNS = (
    "denier_name, accuser_name, n_accusations, n_denials, n_counter_accusations, "
    "counter_accusation_example, denier_id, accuser_id"
)
VIEW_SQL = (
    f"SELECT {COLUMNS} FROM counter_accusations "
    "ORDER BY n_counter_accusations + n_accusations DESC, denier_id, accuser_id"
)


@pytest.fixture
def kb(tmp_path):
    path = tmp_path / "kb.db"
    db = open_db(path)
    save_actors(db, ACTORS)
    save_documents(db, documents(random.Random(5), 0, 150), extractor="test")
    refresh_actor_stats(db)  # as kb ingest does at its end
    yield path, db
    db.conn.close()


async def canned(path) -> list[dict]:
    response = await Datasette([str(path)]).client.get("/kb/counter_accusations.json?_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_kept_pairs_are_the_views_rows_after_each_ingest(kb):
    path, db = kb
    first = await canned(path)
    assert first == list(db.query(VIEW_SQL)) and len(first) >= 3
    # a second ingest, its statistics refreshed at its end: the pairs follow the claims
    save_documents(db, documents(random.Random(6), 100, 120), extractor="test")
    refresh_actor_stats(db)
    second = await canned(path)
    assert second == list(db.query(VIEW_SQL)) and second != first
