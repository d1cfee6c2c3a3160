"""The claims behind a node or an arrow of the graph (``/-/claims-graph/claims.json``): the
page's ids picked from the claims' indexes first (kb.graph.claims_page_query) give the rows that
reading every matching claim and its document gave (kb.graph.claims_query)."""

from __future__ import annotations

import random

import pytest
from test_graph_links import ACTORS, documents

from kb.datasette_plugin.graph_view import _edge_where, _member, _subject
from kb.graph import GraphFilters, claims_page_query, claims_query
from kb.store import open_db, save_actors, save_documents


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database = open_db(tmp_path_factory.mktemp("claims") / "kb.db")
    save_actors(database, ACTORS)
    save_documents(database, documents(random.Random(11), 0, 300), extractor="test")
    yield database
    database.conn.close()


def node(actor: str, rollup: bool) -> tuple[list[str], dict]:
    # as the page asks: the claims it makes or that are about it, either read apart
    return [_member("c.claimant_id", "node", rollup), _subject("node", rollup)], {"node": actor, "any": 1}


def edge(claimant: str, subject: str, stance: str, rollup: bool) -> tuple[list[str], dict]:
    return _edge_where({"stance": stance}, rollup), {"claimant": claimant, "subject": subject}


CASES = [
    (GraphFilters(), *node("CHN", False)),
    (GraphFilters(), *node("CHN", True)),
    (GraphFilters(stance="denies"), *node("RUS", False)),
    (GraphFilters(since="2020", until="2021-06"), *node("USA", True)),
    (GraphFilters(actor="CHN"), *node("APT31", False)),
    (GraphFilters(), *edge("USA", "CHN", "accuses", True)),
    (GraphFilters(stance="accuses"), *edge("GBR", "RUS", "accuses", False)),
    (GraphFilters(stance="denies"), *edge("CHN", "USA", "denies", False)),
    (GraphFilters(stance="denies"), *edge("RUS", "GBR", "denies", True)),
    (GraphFilters(min_claims=3), *node("CHN", False)),
]


@pytest.mark.parametrize("limit", [500, 7])
@pytest.mark.parametrize("filters, where, wanted", CASES)
def test_a_page_of_claims_is_the_one_read_from_every_claim(db, filters, where, wanted, limit):
    actor_ids = ["CHN"] if filters.actor else []
    params = {f"actor{i}": a for i, a in enumerate(actor_ids)}
    wanted = dict(wanted)
    either = where if wanted.pop("any", None) else []
    old_where = [f"({' OR '.join(either)})"] if either else where
    old_sql, old_params = claims_query(filters, actor_ids, old_where, order_by="published, id", limit=limit)
    if either:
        new_sql, new_params = claims_page_query(filters, actor_ids, limit=limit, any_of=either)
    else:
        new_sql, new_params = claims_page_query(filters, actor_ids, where, limit=limit)
    old = list(db.query(old_sql, {**params, **old_params, **wanted}))
    new = list(db.query(new_sql, {**params, **new_params, **wanted}))
    assert old == new
    assert old, "every case has claims to list"
