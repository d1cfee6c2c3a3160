"""The Datasette plugin: graph page, JSON data, filters and links, through a real Datasette."""

import html
import re
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette
from graph_kb import HOSTILE_EVIDENCE, N_CLAIMS, N_NODES

from kb.store import open_db

PROJECT_ROOT = Path(__file__).resolve().parent.parent
METADATA = {
    "title": "Cyber claims (test)",
    "databases": {"kb": {"tables": {"actors": {"label_column": "name"}}}},
}


@pytest.fixture
def ds(claims_kb):
    return Datasette([str(claims_kb)], metadata=METADATA)


async def get_json(ds, path):
    response = await ds.client.get(path)
    return response.status_code, response.json()


async def test_plugin_is_registered_with_its_static_files(ds):
    plugins = (await ds.client.get("/-/plugins.json")).json()
    # two entry points of the distribution share its name (the researcher module has no static/)
    ours = next(p for p in plugins if p["name"] == "cyber-claims-kb" and "render_cell" in p["hooks"])
    assert ours["static"] and ours["templates"]
    assert "register_routes" in ours["hooks"]
    # Datasette names the plugin after its distribution and mounts the underscore spelling too
    for name in ("cyber_claims_kb", "cyber-claims-kb"):
        response = await ds.client.get(f"/-/static-plugins/{name}/vis-network.min.js")
        assert response.status_code == 200
        assert "vis-network" in response.text[:400]
    assert (await ds.client.get("/-/static-plugins/cyber_claims_kb/claims-graph.js")).status_code == 200


async def test_graph_page_uses_only_local_scripts(ds):
    response = await ds.client.get("/-/claims-graph")
    assert response.status_code == 200
    page = response.text
    assert 'id="claims-graph"' in page
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert "/-/static-plugins/cyber_claims_kb/vis-network.min.js" in scripts
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts), scripts
    assert 'href="http' not in page.split("<footer")[0].replace('href="https://datasette.io', "")


async def test_graph_json_whole_kb(ds):
    status, data = await get_json(ds, "/-/claims-graph.json")
    assert status == 200 and data["ok"]
    assert data["database"] == "kb"
    assert len(data["nodes"]) == N_NODES
    assert data["n_claims"] == N_CLAIMS
    assert sum(e["count"] for e in data["edges"]) == N_CLAIMS
    link = next(e for e in data["edges"] if (e["from"], e["to"], e["stance"]) == ("GBR", "APT31", "accuses"))
    assert link["count"] == 2 and link["n_documents"] == 2
    chn = next(n for n in data["nodes"] if n["id"] == "CHN")
    assert (chn["kind"], chn["claims_made"], chn["claims_received"]) == ("state", 2, 5)


@pytest.mark.parametrize("actor", ["CHN", "chn", "Pékin", "pekin", "PÉKIN", "Chinese  government"])
async def test_actor_neighbourhood_by_id_or_alias(ds, actor):
    status, data = await get_json(ds, f"/-/claims-graph.json?actor={actor}")
    assert status == 200
    assert data["actor_ids"] == ["CHN"]
    assert data["n_claims"] == 6
    assert all("CHN" in (e["from"], e["to"]) for e in data["edges"])
    assert [n["id"] for n in data["nodes"] if n["focus"]] == ["CHN"]
    page = (await ds.client.get(f"/-/claims-graph?actor={actor}")).text
    assert f'data-actor="{html.escape(actor)}"' in page


async def test_unknown_actor_is_a_clear_400(ds):
    status, data = await get_json(ds, "/-/claims-graph.json?actor=Atlantis")
    assert status == 400 and "Atlantis" in data["error"]


async def test_filters(ds):
    # China's denial is drawn towards the accuser it answers (the US), not as a loop on China
    _, data = await get_json(ds, "/-/claims-graph.json?stance=denies")
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("CHN", "USA")]
    _, data = await get_json(ds, "/-/claims-graph.json?since=2024-01-01")
    assert data["n_claims"] == 3
    _, data = await get_json(ds, "/-/claims-graph.json?since=2021-07-01&until=2021-07-31")
    assert data["n_claims"] == 7
    _, data = await get_json(ds, "/-/claims-graph.json?min_claims=2")
    assert {(e["from"], e["to"]) for e in data["edges"]} == {("GBR", "APT31"), ("USA", "CHN")}
    status, data = await get_json(ds, "/-/claims-graph.json?stance=praises")
    assert status == 400 and "stance" in data["error"]
    # the page keeps the filters in its form
    page = (await ds.client.get("/-/claims-graph?stance=denies&since=2021-01-01")).text
    assert '<option value="denies" selected>' in page
    assert 'name="since" value="2021-01-01"' in page


async def test_claims_of_a_node_and_of_an_edge_carry_the_evidence_verbatim(ds):
    status, data = await get_json(ds, "/-/claims-graph/claims.json?node=USA")
    assert status == 200 and data["total"] == 4
    # returned as data; the page inserts it with textContent
    assert HOSTILE_EVIDENCE in [c["evidence"] for c in data["claims"]]
    _, data = await get_json(ds, "/-/claims-graph/claims.json?node=CHN&stance=denies")
    [denial] = data["claims"]
    assert (denial["speaker_name"], denial["counterpart_name"]) == ("Zhao Lijian", "United States")
    _, data = await get_json(ds, "/-/claims-graph/claims.json?claimant=GBR&subject=APT31&stance=accuses")
    assert [c["document_id"] for c in data["claims"]] == ["uk-2021", "apt31-2024"]
    row = await ds.client.get(data["claims"][0]["row_url"])
    assert row.status_code == 200
    status, _ = await get_json(ds, "/-/claims-graph/claims.json")
    assert status == 400


async def test_actors_table_and_row_page_link_to_the_graph(ds):
    table = (await ds.client.get("/kb/actors")).text
    assert 'href="/-/claims-graph?actor=CHN&amp;db=kb"' in table
    assert 'href="/-/claims-graph?actor=APT31&amp;db=kb"' in table
    row = (await ds.client.get("/kb/actors/APT31")).text
    assert 'href="/-/claims-graph?actor=APT31&amp;db=kb"' in row
    # the menu and the table actions link to the whole graph
    assert "Claims graph" in table
    graph = await ds.client.get("/-/claims-graph?actor=APT31&db=kb")
    assert graph.status_code == 200


async def test_render_cell_escapes_hostile_names(tmp_path):
    from extract.records import Actor

    db = open_db(tmp_path / "kb.db")
    from kb.store import save_actors

    save_actors(db, [Actor("EVIL", "<script>alert(1)</script>", "group")])
    ds = Datasette([str(tmp_path / "kb.db")])
    page = (await ds.client.get("/kb/actors")).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


async def test_page_without_a_claims_database_says_so(tmp_path):
    ds = Datasette(memory=True)
    response = await ds.client.get("/-/claims-graph")
    assert response.status_code == 400
    assert "kb ingest" in response.text
    status, data = await get_json(ds, "/-/claims-graph.json")
    assert status == 400 and not data["ok"]


async def test_datasette_csv_of_the_gephi_views_is_a_gephi_spreadsheet(ds):
    edges = (await ds.client.get("/kb/gephi_edges.csv?_size=max")).text.splitlines()
    assert edges[0].startswith("Source,Target,Type,Id,Label,stance,Weight")
    assert len(edges) == 1 + N_CLAIMS
    nodes = (await ds.client.get("/kb/gephi_nodes.csv")).text.splitlines()
    assert nodes[0].startswith("Id,Label,kind,country")
    assert len(nodes) == 1 + N_NODES


async def test_graph_page_with_the_project_metadata(claims_kb):
    metadata = yaml.safe_load((PROJECT_ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette([str(claims_kb)], metadata=metadata)
    assert (await ds.client.get("/-/claims-graph")).status_code == 200
    _, data = await get_json(ds, "/-/claims-graph.json?actor=APT31")
    assert data["n_claims"] == 5
    assert 'href="/-/claims-graph?actor=CHN&amp;db=kb"' in (await ds.client.get("/kb/actors")).text


async def test_the_database_holding_claims_is_found_among_several(claims_kb, tmp_path):
    import sqlite_utils

    other = tmp_path / "aaa_notes.db"
    sqlite_utils.Database(other)["notes"].insert({"text": "not a claims database"})
    ds = Datasette([str(other), str(claims_kb)])
    _, data = await get_json(ds, "/-/claims-graph.json")
    assert data["database"] == "kb" and data["n_claims"] == N_CLAIMS
    status, data = await get_json(ds, "/-/claims-graph.json?db=aaa_notes")
    assert status == 400 and "aaa_notes" in data["error"]
    status, data = await get_json(ds, "/-/claims-graph.json?db=missing")
    assert status == 400 and "missing" in data["error"]
    # the plugin setting names the KB databases (here a wrong one, to see that it is used)
    settings = {"plugins": {"cyber_claims_kb": {"databases": ["aaa_notes"]}}}
    ds = Datasette([str(other), str(claims_kb)], metadata=settings)
    status, data = await get_json(ds, "/-/claims-graph.json")
    assert status == 400 and "aaa_notes" in data["error"]
    # and only those get the KB's pages and canned queries
    assert (await ds.client.get("/kb/who_accuses_whom")).status_code == 404
    assert 'class="kb-raw-row"' not in (await ds.client.get("/kb/documents/uk-2021")).text


async def test_the_plugin_configuration_activates_a_kb_of_any_name(claims_kb, tmp_path):
    renamed = tmp_path / "july2021.db"
    claims_kb.rename(renamed)
    settings = {"plugins": {"cyber_claims_kb": {"databases": ["july2021"]}}}
    ds = Datasette([str(renamed)], metadata=settings)
    rows = (await ds.client.get("/july2021/who_accuses_whom.json?_shape=array&stance=accuses")).json()
    assert rows and {r["stance"] for r in rows} == {"accuses"}
    page = (await ds.client.get("/july2021/documents/uk-2021")).text
    assert 'class="kb-raw-row"' in page and 'class="kb-document"' in page
    assert 'id="kb-guide"' in (await ds.client.get("/july2021")).text


@pytest.mark.parametrize(
    "query",
    ["", "?stance=accuses", "?since=2021-07-19", "?until=2021", "?min_claims=2", "?actor=CHN&since=2021"],
)
async def test_graph_json_links_and_nodes_equal_the_networkx_aggregate(ds, claims_kb, query):
    # the page's SQL and kb.graph's networkx aggregate are two ways to the same numbers
    from urllib.parse import parse_qsl

    from kb.graph import aggregate_graph, load_graph

    status, data = await get_json(ds, f"/-/claims-graph.json{query}")
    assert status == 200 and data["ok"]
    filters = {k: (int(v) if k == "min_claims" else v) for k, v in parse_qsl(query.lstrip("?"))}
    agg = aggregate_graph(load_graph(claims_kb, **filters))
    # accusations are the same links; a denial is drawn towards the accuser it answers (the US),
    # where the networkx graph keeps it on its subject (China), and its documents are not counted
    expected = {
        (u, k, "USA" if k == "denies" else v): (
            e["weight"],
            None if k == "denies" else e["n_documents"],
            None if k == "denies" else e["n_hedged"],
            e["first_published"],
            e["last_published"],
        )
        for u, v, k, e in agg.edges(keys=True, data=True)
    }
    got = {
        (e["from"], e["stance"], e["to"]): (
            e["count"],
            e["n_documents"],
            e["n_hedged"],
            e["first_published"],
            e["last_published"],
        )
        for e in data["edges"]
    }
    assert got and got == expected
    nodes = {n["id"]: (n["claims_made"], n["claims_received"]) for n in data["nodes"]}
    assert nodes == {
        n: (d["claims_made"], d["claims_received"]) for n, d in agg.nodes(data=True) if n in nodes
    }


async def test_rollup_draws_groups_and_agencies_as_their_state(ds):
    _, data = await get_json(ds, "/-/claims-graph.json?rollup=1")
    assert data["rollup"] is True
    edges = {(e["from"], e["stance"], e["to"]): e["count"] for e in data["edges"]}
    # APT31 (China's group) and the NCSC (a UK agency) are drawn as China and the United Kingdom
    assert edges == {
        ("GBR", "accuses", "CHN"): 4,
        ("USA", "accuses", "CHN"): 3,
        ("EU", "accuses", "CHN"): 1,
        ("MICROSOFT", "accuses", "CHN"): 1,
        ("CHN", "accuses", "USA"): 1,
        ("CHN", "denies", "USA"): 1,
    }
    assert {n["id"] for n in data["nodes"]} == {"GBR", "CHN", "USA", "EU", "MICROSOFT"}
    _, plain = await get_json(ds, "/-/claims-graph.json")
    assert ("GBR", "APT31") in {(e["from"], e["to"]) for e in plain["edges"]}
    # the claims behind a rolled-up edge are those of the state and of its organs
    _, claims = await get_json(
        ds, "/-/claims-graph/claims.json?rollup=1&claimant=GBR&subject=CHN&stance=accuses"
    )
    assert claims["total"] == 4 and {c["subject_id"] for c in claims["claims"]} == {"CHN", "APT31"}
    assert {c["claimant_id"] for c in claims["claims"]} == {"GBR", "NCSC_UK"}


async def test_a_denial_edge_lists_the_denials_answering_that_accuser(ds):
    _, claims = await get_json(ds, "/-/claims-graph/claims.json?claimant=CHN&subject=USA&stance=denies")
    assert [(c["claimant_id"], c["stance"], c["subject_id"]) for c in claims["claims"]] == [
        ("CHN", "denies", "CHN")
    ]
    _, none = await get_json(ds, "/-/claims-graph/claims.json?claimant=CHN&subject=GBR&stance=denies")
    assert none["total"] == 0
