"""`kb export`: every format reads back with the database's node and edge counts."""

import csv
import json
import tempfile
from pathlib import Path

import networkx as nx
import pytest
import sqlite_utils
from click.testing import CliRunner
from graph_kb import HOSTILE_EVIDENCE, N_CLAIMS, N_NODES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.records import Actor, Claim, Document
from kb.export import export_command
from kb.store import open_db, save_actors, save_document


def run(*args):
    result = CliRunner().invoke(export_command, [str(a) for a in args], catch_exceptions=False)
    return result


def counts(g):
    return g.number_of_nodes(), g.number_of_edges()


def test_help_has_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "kb export --db kb.db --format gexf" in result.output
    for option in ("--stance", "--actor", "--since", "--until", "--min-claims", "--out"):
        assert option in result.output


def test_graphml_reads_back_with_the_same_counts(claims_kb, tmp_path):
    out = tmp_path / "claims.graphml"
    result = run("--db", claims_kb, "--format", "graphml", "--out", out)
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out, force_multigraph=True)
    assert counts(g) == (N_NODES, N_CLAIMS)
    assert g.nodes["CHN"]["kind"] == "state"
    # None is omitted, never written as the string "None"
    assert "None" not in out.read_text()
    evidences = {d["evidence"] for _, _, d in g.edges(data=True)}
    assert HOSTILE_EVIDENCE in evidences


def test_gexf_reads_back_with_the_same_counts(claims_kb, tmp_path):
    out = tmp_path / "claims.gexf"
    assert run("--db", claims_kb, "--format", "gexf", "--out", out).exit_code == 0
    g = nx.read_gexf(out)
    assert counts(g) == (N_NODES, N_CLAIMS)
    assert g.nodes["EU"]["label"] == "European Union"
    assert "country" not in g.nodes["EU"]  # None omitted
    assert {d["stance"] for _, _, d in g.edges(data=True)} == {"accuses", "denies"}


def test_json_is_node_link_with_links_for_d3(claims_kb):
    result = run("--db", claims_kb, "--format", "json")
    data = json.loads(result.stdout)
    assert len(data["nodes"]) == N_NODES and len(data["links"]) == N_CLAIMS
    g = nx.node_link_graph(data, edges="links")
    assert counts(g) == (N_NODES, N_CLAIMS)
    assert g.is_directed() and g.is_multigraph()


def test_csv_files_are_gephi_spreadsheets(claims_kb, tmp_path):
    result = run("--db", claims_kb, "--format", "csv", "--out", tmp_path / "claims.csv")
    assert result.exit_code == 0
    with open(tmp_path / "claims-nodes.csv", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(tmp_path / "claims-edges.csv", newline="") as f:
        edges = list(csv.DictReader(f))
    assert len(nodes) == N_NODES and len(edges) == N_CLAIMS
    assert list(nodes[0])[:4] == ["Id", "Label", "kind", "country"]
    assert list(edges[0])[:7] == ["Source", "Target", "Type", "Id", "Label", "stance", "Weight"]
    assert {e["Type"] for e in edges} == {"Directed"}
    node_ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in node_ids and e["Target"] in node_ids for e in edges)
    assert HOSTILE_EVIDENCE in {e["evidence"] for e in edges}


def test_csv_on_stdout_is_the_edges_with_a_note(claims_kb):
    result = run("--db", claims_kb, "--format", "csv")
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert len(rows) == N_CLAIMS
    assert "edges only" in result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_aggregate_export_has_one_edge_per_link(claims_kb, tmp_path, fmt):
    out = tmp_path / f"links.{fmt}"
    assert run("--db", claims_kb, "--format", fmt, "--aggregate", "--out", out).exit_code == 0
    if fmt == "json":
        g = nx.node_link_graph(json.loads(out.read_text()), edges="links")
    else:
        g = getattr(nx, f"read_{fmt}")(out)
    assert g.number_of_nodes() == N_NODES
    assert g.number_of_edges() == 9
    assert sum(int(w) for _, _, w in g.edges(data="weight")) == N_CLAIMS


def test_filters_reach_the_export(claims_kb):
    data = json.loads(run("--db", claims_kb, "--format", "json", "--actor", "zirconium").stdout)
    assert len(data["links"]) == 5
    data = json.loads(run("--db", claims_kb, "--format", "json", "--stance", "denies").stdout)
    assert [(link["source"], link["target"]) for link in data["links"]] == [("CHN", "CHN")]
    data = json.loads(
        run("--db", claims_kb, "--format", "json", "--since", "2024-01-01", "--min-claims", "1").stdout
    )
    assert len(data["links"]) == 3
    data = json.loads(run("--db", claims_kb, "--format", "json", "--min-claims", "2").stdout)
    assert len(data["links"]) == 4


def test_unknown_actor_and_missing_db_are_clear_errors(claims_kb, tmp_path):
    result = run("--db", claims_kb, "--actor", "Atlantis")
    assert result.exit_code == 1 and "Atlantis" in result.output
    assert result.output.strip().count("\n") == 0, "one line"
    # an accent or a case of difference still finds the actor
    assert run("--db", claims_kb, "--format", "json", "--actor", "pekin").exit_code == 0
    result = run("--db", tmp_path / "missing.db")
    assert result.exit_code == 1 and "kb ingest" in result.output


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_drawing(claims_kb, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    assert run("--db", claims_kb, "--format", fmt, "--out", out).exit_code == 0
    data = out.read_bytes()
    if fmt == "png":
        assert data.startswith(b"\x89PNG")
    else:
        text = data.decode()
        assert "<svg" in text
        # labels are text the reader can search, legend included
        assert "accuses" in text and "denies" in text


def test_png_needs_a_file(claims_kb):
    result = run("--db", claims_kb, "--format", "png")
    assert result.exit_code == 2 and "--out" in result.output


def test_gephi_views_match_the_export(claims_kb):
    db = sqlite_utils.Database(claims_kb)
    nodes = list(db.query("SELECT * FROM gephi_nodes"))
    edges = list(db.query("SELECT * FROM gephi_edges"))
    assert len(nodes) == N_NODES and len(edges) == N_CLAIMS
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:3] == ["Source", "Target", "Type"]
    apt31 = next(n for n in nodes if n["Id"] == "APT31")
    assert (apt31["claims_made"], apt31["claims_received"]) == (0, 5)


ACTOR_IDS = ["AAA", "BBB", "CCC", "DDD", "EEE"]
claim_strategy = st.tuples(
    st.sampled_from(ACTOR_IDS),
    st.sampled_from(["accuses", "denies"]),
    st.sampled_from(ACTOR_IDS),
    # any text at all, including the control characters that XML cannot hold
    st.text(min_size=1, max_size=40),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims=st.lists(claim_strategy, max_size=12), dated=st.booleans())
def test_every_format_reads_back_with_the_database_counts(claims, dated):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = open_db(folder / "kb.db")
        save_actors(db, [Actor(i, f"Actor {i}", "state") for i in ACTOR_IDS])
        records = [Claim(u, stance, v, text, 0, 1, "cue") for u, stance, v, text in claims]
        published = "2022-01-01" if dated else None
        save_document(db, Document("d1", "text", published=published, claims=records))
        expected_nodes = len({u for u, *_ in claims} | {v for _, _, v, _ in claims})
        expected = (expected_nodes, len(claims))

        for fmt in ("graphml", "gexf", "json", "csv"):
            out = folder / f"claims.{fmt}"
            assert run("--db", folder / "kb.db", "--format", fmt, "--out", out).exit_code == 0
            if fmt == "graphml":
                g = nx.read_graphml(out, force_multigraph=True)
            elif fmt == "gexf":
                g = nx.read_gexf(out)
            elif fmt == "json":
                g = nx.node_link_graph(json.loads(out.read_text()), edges="links")
            else:
                with open(folder / "claims-nodes.csv", newline="") as f:
                    n_nodes = len(list(csv.DictReader(f)))
                with open(folder / "claims-edges.csv", newline="") as f:
                    n_edges = len(list(csv.DictReader(f)))
                assert (n_nodes, n_edges) == expected
                continue
            assert counts(g) == expected, fmt


def test_kb_cli_has_the_export_command(claims_kb):
    from kb.cli import cli

    result = CliRunner().invoke(cli, ["export", "--db", str(claims_kb), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["links"]) == N_CLAIMS
