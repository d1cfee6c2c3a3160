"""The command line end to end: real models, a real SQLite file in tmp_path."""

import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from kb.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "eval" / "seed"


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    commands = sorted(cli.commands)
    assert {"ingest", "serve", "eval"} <= set(commands)
    for name in commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"kb {name} --help has no example"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("seed") / "kb.db"
    result = CliRunner().invoke(cli, ["ingest", str(SEED / "docs.jsonl"), "--db", str(db_path), "--quiet"])
    assert result.exit_code == 0, result.output
    return db_path, result


def test_ingest_stores_the_seed_with_claims(seed_db):
    db_path, result = seed_db
    db = sqlite_utils.Database(db_path)
    doc = next(iter(db["documents"].rows))
    assert doc["id"] == "seed-fr-chine-dement" and doc["lang"] == "fr" and doc["status"] == "ok"
    assert "1 new document" in result.output
    claims = list(db["claims"].rows)
    assert claims, "the seed gives claims"
    for claim in claims:
        assert doc["text"][claim["start_char"] : claim["end_char"]] == claim["evidence"]
    found = {(c["claimant_id"], c["stance"], c["subject_id"]) for c in claims}
    assert ("CHN", "denies", "CHN") in found
    assert ("CHN", "accuses", "USA") in found


def test_gazetteer_fills_the_actors_table(seed_db):
    db = sqlite_utils.Database(seed_db[0])
    sources = {r["source"]: r["n"] for r in db.query("select source, count(*) n from actors group by source")}
    assert sources.get("misp-galaxy", 0) > 300  # every threat group of the galaxy, mentioned or not
    assert sources.get("iso3166", 0) > 150  # the sovereign states
    apt31 = db["actors"].get("APT31")
    assert "Zirconium" in json.loads(apt31["aliases"]) or "ZIRCONIUM" in json.loads(apt31["aliases"])


def test_site_boilerplate_gives_no_mention(seed_db):
    db = sqlite_utils.Database(seed_db[0])
    mentioned = " ".join(r["text"] for r in db["mentions"].rows).lower()
    for word in ("xiaomi", "miui", "google", "telegram", "akismet"):
        assert word not in mentioned


def test_second_ingest_stores_nothing_new(seed_db):
    db_path, _ = seed_db
    before = sqlite_utils.Database(db_path)["claims"].count
    result = CliRunner().invoke(cli, ["ingest", str(SEED / "docs.jsonl"), "--db", str(db_path), "--quiet"])
    assert result.exit_code == 0
    assert "0 new documents" in result.output and "1 skipped" in result.output
    assert "Nothing new" in result.output
    assert sqlite_utils.Database(db_path)["claims"].count == before


def test_eval_prints_scores(seed_db):
    result = CliRunner().invoke(cli, ["eval", str(SEED), "--db", str(seed_db[0])])
    assert result.exit_code == 0, result.output
    lines = {tuple(line.split()[:2]): line.split() for line in result.output.splitlines()[1:]}
    assert ("actors", "overall") in lines and ("claims", "overall") in lines
    assert ("claims", "stance:accuses") in lines and ("actors", "lang:fr") in lines
    actor_f1 = float(lines[("actors", "overall")][4])
    assert actor_f1 >= 0.9


def test_eval_rejects_a_folder_without_gold(tmp_path, seed_db):
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--db", str(seed_db[0])])
    assert result.exit_code != 0
    assert "docs.jsonl" in result.output
