"""The actor page, the timeline and the plugin's other pages at 100,000 claims (issue 18, item 3).

Before, every actor page and the timeline of such a KB failed with HTTP 500 after 3.4-5 s: the
denials were read through the ``denials_answering`` view with an OR no index serves, and a much
named actor's every claim was read into the page. Here: each query of those pages reads through
an index (checked on SQLite's own query plans), a real ``kb serve`` answers every page well
within the time limit, and the statistics the timeline and the home page read (claim_months,
actor_stats) say what counting the claims says.
"""

from __future__ import annotations

import re
import sqlite3
import time

import httpx
import pytest
from hostile_kb import free_port, running_kb_serve
from scale_kb import build_scale_kb

from kb.actor_lookup import register_functions
from kb.datasette_plugin import actor_claims, actor_view, denials, home_view, sources_view, timeline_view

pytestmark = pytest.mark.slow

N_CLAIMS = 100_000
# (a cookie: answered by the server, never from its cache of pages)
COLD = {"cookie": "fresh=1"}
PAGES = [
    "/kb/actors/CHN",
    "/kb/actors/RUS",
    "/kb/actors/ACTOR_01000",
    "/-/timeline",
    "/-/timeline.json",
    "/-/timeline?actor=CHN",
    "/-/timeline.json?actor=USA",
    "/-/claims-graph/claims.json?node=CHN",
    "/-/sources",
    "/",
    "/kb",
    "/kb/documents/doc-000123",
    "/kb/claims_about?actor=CHN",
    "/kb/actor_profile?actor=CHN",
]


@pytest.fixture(scope="module")
def scale_kb(tmp_path_factory):
    return build_scale_kb(tmp_path_factory.mktemp("scale") / "kb.db", n_claims=N_CLAIMS)


def plugin_queries() -> dict[str, tuple[str, dict]]:
    actor = {"actor": "CHN"}
    queries = {
        f"denials, scope {i}": (sql, {**actor, "limit": 50}) for i, sql in enumerate(denials.ACTOR_SCOPES)
    }
    queries.update(
        {
            "denials of the KB": (denials.WHOLE_KB, {"limit": 50}),
            "accusations a denial answers": (
                denials.ANSWERED_SQL,
                {"denials": '[{"id": 1, "accuser": "CHN"}]'},
            ),
            "distinct sentences per role": (actor_claims.SENTENCES_SQL, actor),
            "counterparts and totals": (actor_claims.SHOWN_COUNTS_SQL, {**actor, "top": 15}),
            "counterparts and totals, kept links": (actor_claims.KEPT_SHOWN_COUNTS_SQL, {**actor, "top": 15}),
            "distinct sentences per role, kept": (actor_claims.KEPT_SENTENCES_SQL, actor),
            "claims per counterpart": (actor_claims.CLAIMS_SQL, {**actor, "pairs": "[]", "per_group": 10}),
            "claims naming no one": (actor_claims.UNNAMED_SQL, {**actor, "per_group": 10}),
            "documents naming the actor": (
                actor_view.DOCUMENTS_SQL,
                {"id": "CHN", "limit": 201, "recent": 5000},
            ),
            "timeline months": (timeline_view.STORED_MONTHS_SQL, actor),
            "licences": (sources_view.LICENCES_SQL, {}),
            "a licence's documents": (sources_view.DOCUMENTS_SQL, {"license": "CC0"}),
            "the KB in numbers": (home_view.STORED_NUMBERS_SQL, {}),
        }
    )
    return queries


def test_the_pages_queries_read_through_indexes(scale_kb):
    conn = sqlite3.connect(scale_kb)
    register_functions(conn)
    full_scans = {}
    for name, (sql, params) in plugin_queries().items():
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        scans = [
            line
            for line in plan
            if re.match(r"SCAN (claims|mentions|c|c2|a|m)\b", line)
            or (line.startswith("SCAN documents") and "COVERING INDEX" not in line)
        ]
        if scans:
            full_scans[name] = scans
    conn.close()
    assert not full_scans, full_scans


def test_every_page_answers_well_within_the_time_limit(scale_kb, tmp_path):
    with running_kb_serve(scale_kb, free_port(), log=tmp_path / "serve.log") as (url, _process):
        with httpx.Client(base_url=url, timeout=60) as client:
            slow = {}
            for path in PAGES:
                started = time.monotonic()
                response = client.get(path, headers=COLD)
                elapsed = time.monotonic() - started
                assert response.status_code == 200, (path, response.status_code, response.text[:300])
                if elapsed > 2.5:
                    slow[path] = round(elapsed, 1)
            assert not slow, f"over 2.5 s (the limit is 3 s): {slow}"
            page = client.get("/kb/actors/CHN").text
            # a much named actor's page lists a bounded part and says how much more there is
            assert "other counterparts with fewer claims" in page
            assert len(re.findall(r'data-claim-id="', page)) <= 15 * 10
            assert len(re.findall(r'data-denial-id="', page)) <= 50


async def test_stored_statistics_say_what_counting_says(scale_kb):
    from datasette.app import Datasette

    datasette = Datasette([str(scale_kb)])
    fresh = {
        path: (await datasette.client.get(path)).json()
        for path in ("/-/timeline.json", "/-/timeline.json?actor=RUS")
    }
    home = await home_view.kb_numbers(datasette.get_database("kb"))
    conn = sqlite3.connect(scale_kb)  # the claims moved on: the stored counts are not to be trusted
    conn.execute("UPDATE _kb_state SET value = value + 1 WHERE key = 'claims_version'")
    conn.commit()
    conn.close()
    for path, stored in fresh.items():
        counted = (await datasette.client.get(path, headers=COLD)).json()
        assert (counted["months"], counted["n_claims_undated"]) == (
            stored["months"],
            stored["n_claims_undated"],
        )
        assert stored["n_claims_dated"] > 0
    counted_home = await home_view.kb_numbers(datasette.get_database("kb"))
    assert counted_home == home and home["n_claims"] == N_CLAIMS


def test_actor_profile_reads_speakers_and_documents_through_indexes(scale_kb):
    # speaker_id is empty in most claims, which ANALYZE counts as one value shared by all: the
    # speakers' part read every claim (1.4 s of 2.3 s for China at a million claims)
    from kb.datasette_plugin.common import KB_METADATA

    conn = sqlite3.connect(scale_kb)
    register_functions(conn)
    sql = KB_METADATA["queries"]["actor_profile"]["sql"]
    plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", {"actor": "CHN"})]
    conn.close()
    assert "SEARCH c USING INDEX idx_claims_speaker_id (speaker_id=?)" in plan, plan
    assert "SEARCH m USING COVERING INDEX idx_mentions_actor_id_document_id (actor_id=?)" in plan, plan
    assert not [line for line in plan if re.match(r"SCAN (claims|c)\b", line)], plan


def test_an_actors_newest_claims_and_sentences_are_read_in_index_order(scale_kb):
    # at a million claims: claims_about sorted all 110,000 claims about China (250 ms), the
    # denials naming an accuser read all of them by counterpart (40 ms), and the actor page's
    # distinct sentences read 220,000 rows of the table (460 ms)
    from kb.datasette_plugin.common import KB_METADATA

    conn = sqlite3.connect(scale_kb)
    register_functions(conn)

    def plan(sql, params):
        return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]

    about = plan(KB_METADATA["queries"]["claims_about"]["sql"], {"actor": "CHN"})
    assert (
        "SEARCH c2 USING COVERING INDEX idx_claims_subject_id_published (subject_id=? AND published>?)"
        in about
    )
    naming = plan(denials.ACTOR_SCOPES[2], {"actor": "CHN", "limit": 50})
    assert naming == [
        "SEARCH claims USING INDEX idx_claims_counterpart_id_stance_published (counterpart_id=? AND stance=?)"
    ]
    sentences = plan(actor_claims.SENTENCES_SQL, {"actor": "CHN"})
    covering = "SEARCH claims USING COVERING INDEX idx_claims_"
    assert f"{covering}claimant_id_stance_document_id_start_char_speaker_id (claimant_id=?)" in sentences
    assert f"{covering}subject_id_stance_document_id_start_char_claimant_id (subject_id=?)" in sentences
    conn.close()


def test_a_nodes_first_claims_are_picked_from_each_side_in_date_order(scale_kb):
    # each side of "claimant or subject" picks its own first 500 (at a million claims: 101 -> 34
    # ms for China), and the page's count comes from the kept links
    from kb.datasette_plugin import graph_view
    from kb.graph import GraphFilters, claims_page_query

    either = ["c.claimant_id = :node", "c.subject_id = :node"]
    sql, params = claims_page_query(GraphFilters(None, None, None, None, None), [], limit=500, any_of=either)
    conn = sqlite3.connect(scale_kb)
    plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", {**params, "node": "CHN"})]
    counted = conn.execute(graph_view.NODE_LINKS_COUNT_SQL, {"node": "CHN", "stance": ""}).fetchone()[0]
    truth = conn.execute("SELECT count(*) FROM claims WHERE 'CHN' IN (claimant_id, subject_id)").fetchone()[0]
    conn.close()
    assert "SEARCH c USING INDEX idx_claims_subject_id_published (subject_id=?)" in plan, plan
    assert counted == truth > 10_000


def test_the_attributions_page_counts_and_facets_without_reading_names(scale_kb):
    # the view read its names through joins that every count and facet paid for (96,148 rows
    # at a million claims: the page took 216 ms, 24 ms since)
    conn = sqlite3.connect(scale_kb)
    queries = {
        "count": "SELECT count(*) FROM attributions",
        "facet": "SELECT denied, count(*) FROM (SELECT * FROM attributions) GROUP BY denied",
        "accused": "SELECT accused_id, count(*) FROM (SELECT * FROM attributions) GROUP BY accused_id",
    }
    for name, sql in queries.items():
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert not [line for line in plan if "incidents" in line or "actors" in line], (name, plan)
        assert any("COVERING INDEX" in line for line in plan), (name, plan)
    names = conn.execute("SELECT incident_name, accused_name FROM attributions LIMIT 1").fetchall()
    conn.close()
    assert names == [] or names[0][1]
