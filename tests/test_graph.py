"""The claims graph read from a real knowledge base (tests/graph_kb.py)."""

import pytest
import sqlite_utils
from graph_kb import HOSTILE_EVIDENCE, N_CLAIMS, N_NODES

from kb.analytics import refresh_actor_stats
from kb.graph import UnknownActorError, aggregate_graph, load_graph


def db_counts(path):
    db = sqlite_utils.Database(path)
    nodes = db.execute(
        "SELECT count(*) FROM (SELECT claimant_id FROM claims UNION SELECT subject_id FROM claims)"
    ).fetchone()[0]
    edges = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    return nodes, edges


def test_load_graph_has_one_edge_per_claim_and_one_node_per_involved_actor(claims_kb):
    g = load_graph(claims_kb)
    assert (g.number_of_nodes(), g.number_of_edges()) == db_counts(claims_kb) == (N_NODES, N_CLAIMS)
    # stored actors that never claim nor are claimed about are not nodes
    assert "RUS" not in g and "ZHAO_LIJIAN" not in g
    assert g.nodes["APT31"] == {"name": "APT31", "kind": "group", "country": "CHN"}


def test_edges_are_keyed_by_claim_id_and_carry_the_claim(claims_kb):
    g = load_graph(claims_kb)
    db = sqlite_utils.Database(claims_kb)
    claim = next(db.query("SELECT * FROM claims WHERE evidence = ?", [HOSTILE_EVIDENCE]))
    edge = g.edges["CHN", "USA", claim["id"]]
    assert edge["stance"] == "accuses"
    assert edge["evidence"] == HOSTILE_EVIDENCE
    assert edge["document_id"] == "china-denies-2021"
    assert edge["published"].startswith("2021-07-20")
    assert edge["speaker_id"] == "ZHAO_LIJIAN"
    assert edge["hedged"] is False


def test_stance_filter(claims_kb):
    denials = load_graph(claims_kb, stance="denies")
    assert denials.number_of_edges() == 1
    assert list(denials.edges(data="counterpart_id")) == [("CHN", "CHN", "USA")]
    assert load_graph(claims_kb, stance="accuses").number_of_edges() == N_CLAIMS - 1
    with pytest.raises(ValueError, match="stance"):
        load_graph(claims_kb, stance="praises")


@pytest.mark.parametrize("query", ["APT31", "apt31", "Zirconium", "violet typhoon"])
def test_actor_filter_matches_id_name_and_alias_case_insensitively(claims_kb, query):
    g = load_graph(claims_kb, actor=query)
    assert g.number_of_edges() == 5
    assert all("APT31" in (u, v) for u, v in g.edges())


def test_actor_filter_by_alias_of_a_state(claims_kb):
    g = load_graph(claims_kb, actor="Pékin")
    assert all("CHN" in (u, v) for u, v in g.edges())
    assert g.number_of_edges() == 6  # 4 accusations against CHN, 1 denial, 1 counter-accusation


def test_unknown_actor_raises(claims_kb):
    with pytest.raises(UnknownActorError, match="Atlantis"):
        load_graph(claims_kb, actor="Atlantis")


def test_date_filters_use_the_documents_published_date(claims_kb):
    assert load_graph(claims_kb, since="2024-01-01").number_of_edges() == 3
    # until is inclusive at the precision given: 2021-07 keeps the whole month
    assert load_graph(claims_kb, until="2021-07").number_of_edges() == 7
    assert load_graph(claims_kb, since="2021-07-20", until="2021-07-20").number_of_edges() == 2
    # an undated document is left out as soon as a date filter is set
    assert "MICROSOFT" not in load_graph(claims_kb, since="2000")


def test_min_claims_keeps_links_backed_by_enough_claims(claims_kb):
    g = load_graph(claims_kb, min_claims=2)
    assert sorted(set(g.edges())) == [("GBR", "APT31"), ("USA", "CHN")]
    assert g.number_of_edges() == 4
    # the threshold applies after the other filters
    assert load_graph(claims_kb, min_claims=2, since="2024-01-01").number_of_edges() == 0


def test_aggregate_graph_counts_claims_per_claimant_stance_and_subject(claims_kb):
    agg = aggregate_graph(load_graph(claims_kb))
    assert agg.number_of_edges() == 9
    link = agg.edges["GBR", "APT31", "accuses"]
    assert (link["weight"], link["n_documents"]) == (2, 2)
    assert (link["first_published"], link["last_published"]) == ("2021-07-19", "2024-03-25")
    assert agg.edges["USA", "CHN", "accuses"]["n_hedged"] == 1
    assert agg.edges["CHN", "CHN", "denies"]["weight"] == 1
    assert sum(w for _, _, w in agg.edges(data="weight")) == N_CLAIMS
    assert agg.nodes["APT31"]["claims_received"] == 5


def test_load_graph_on_a_missing_file_says_how_to_build_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="kb ingest"):
        load_graph(tmp_path / "nothing.db")


def test_actor_stats(claims_kb):
    db = sqlite_utils.Database(claims_kb)
    assert refresh_actor_stats(db) == N_NODES
    stats = {row["actor_id"]: row for row in db.query("SELECT * FROM actor_stats")}
    chn = stats["CHN"]
    assert (chn["accusations_made"], chn["accusations_received"], chn["denials_made"]) == (1, 4, 1)
    assert chn["counter_accusations"] == 1
    assert (chn["first_claim"], chn["last_claim"]) == ("2021-07-19", "2024-03-25")
    assert stats["MICROSOFT"]["first_claim"] is None
    # the most accused actors rank above the accusers that nobody accuses
    assert stats["APT31"]["pagerank"] > stats["GBR"]["pagerank"]
    assert sum(row["pagerank"] for row in stats.values()) == pytest.approx(1.0, abs=1e-4)
    assert db["actor_stats"].foreign_keys[0].other_table == "actors"
    # replacing, not appending
    assert refresh_actor_stats(db) == N_NODES
    assert db["actor_stats"].count == N_NODES


def test_actor_stats_on_an_empty_kb(tmp_path):
    from kb.store import open_db

    db = open_db(tmp_path / "empty.db")
    assert refresh_actor_stats(db) == 0
    assert db["actor_stats"].count == 0
