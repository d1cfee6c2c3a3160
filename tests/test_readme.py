"""The README's examples work on the demo KB (conftest's demo_kb): every SQL example returns rows,
and the export loads in networkx the way the README says."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kb.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.slow


def sql_examples() -> list[str]:
    block = README.split("## Five questions an analyst asks in SQL")[1].split("```sql")[1].split("```")[0]
    return [part.strip() for part in re.split(r"^-- \d+\..*$", block, flags=re.M) if part.strip()]


def test_the_readme_has_five_sql_examples():
    assert len(sql_examples()) == 5


@pytest.mark.parametrize("number", range(5))
def test_every_sql_example_returns_rows_on_the_demo_kb(demo_kb, number):
    with sqlite3.connect(demo_kb) as db:
        rows = db.execute(sql_examples()[number].rstrip(";")).fetchall()
    assert rows, sql_examples()[number]


def test_the_json_export_loads_in_networkx_as_the_readme_says(demo_kb, tmp_path):
    assert 'nx.node_link_graph(data, edges="links")' in README
    out = tmp_path / "claims.json"
    result = CliRunner().invoke(cli, ["export", "--db", str(demo_kb), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    g = nx.node_link_graph(json.loads(out.read_text()), edges="links")
    with sqlite3.connect(demo_kb) as db:
        assert g.number_of_edges() == db.execute("select count(*) from claims").fetchone()[0]
