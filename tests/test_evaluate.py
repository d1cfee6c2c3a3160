"""kb eval: gold ids that name the KB's actors differently are matched by name, never by guess."""

from __future__ import annotations

import json

from click.testing import CliRunner

from extract.records import Actor, Claim, Document, Mention
from kb.cli import cli
from kb.evaluate import evaluate, reconcile_ids
from kb.store import open_db, save_actors, save_documents

TEXT = "The New York Times said it was attacked by China-based hackers."


def kb_rows(*actors: Actor) -> list[dict]:
    return [{"id": a.id, "name": a.name, "aliases": json.dumps(list(a.aliases))} for a in actors]


def test_an_id_is_matched_when_exactly_one_gold_actor_shares_a_name():
    gold = {
        "NYT": {"name": "The New York Times", "aliases": ["New York Times"]},
        "CHN": {"name": "China", "aliases": []},
        "ORANGE": {"name": "Orange", "aliases": ["Orange SA"]},
        "ORANGE_CYBERDEFENSE": {"name": "Orange Cyberdefense", "aliases": ["Orange"]},
    }
    rows = kb_rows(
        Actor("NEW_YORK_TIMES", "The New York Times", "company", aliases=("New York Times",)),
        Actor("CHN", "China", "state", aliases=("The New York Times",)),  # a gold id: kept as is
        Actor("ORANGE_SA", "Orange", "company"),  # two gold actors are called Orange: no guess
        Actor("MICROSOFT", "Microsoft", "company"),  # no gold actor of that name
    )
    assert reconcile_ids(gold, rows) == {"NEW_YORK_TIMES": "NYT"}


def nyt_kb(tmp_path):
    """A KB that calls the Times NEW_YORK_TIMES, and a gold set (without actors.json) that says NYT."""
    db_path = tmp_path / "kb.db"
    db = open_db(db_path)
    save_actors(
        db,
        [
            Actor("NEW_YORK_TIMES", "The New York Times", "company", "USA", ("New York Times",)),
            Actor("CHN", "China", "state", "CHN"),
        ],
    )
    claim = Claim("NEW_YORK_TIMES", "accuses", "CHN", TEXT, 0, len(TEXT), "attacked")
    mentions = [Mention("NEW_YORK_TIMES", "The New York Times", 0, 18), Mention("CHN", "China", 43, 48)]
    save_documents(db, [Document(id="d1", text=TEXT, lang="en", mentions=mentions, claims=[claim])])
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "docs.jsonl").write_text(json.dumps({"id": "d1", "lang": "en", "text": TEXT}) + "\n")
    gold = {
        "doc_id": "d1",
        "actors": ["NYT", "CHN"],
        "claims": [{"claimant": "NYT", "stance": "accuses", "subject": "CHN"}],
    }
    (gold_dir / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    return db_path, gold_dir


def with_gold_actors(gold_dir) -> None:
    actors = {"NYT": {"name": "The New York Times", "aliases": []}, "CHN": {"name": "China", "aliases": []}}
    (gold_dir / "actors.json").write_text(json.dumps(actors))


def test_eval_scores_claims_and_actors_under_the_gold_ids(tmp_path):
    db_path, gold_dir = nyt_kb(tmp_path)
    without_names = evaluate(gold_dir, db_path)
    assert without_names.claims["overall"].tp == 0 and without_names.claims["overall"].fp == 1

    with_gold_actors(gold_dir)
    result = evaluate(gold_dir, db_path)
    assert result.reconciled == {"NEW_YORK_TIMES": "NYT"}
    assert (result.claims["overall"].tp, result.claims["overall"].fp) == (1, 0)
    assert (result.actors["overall"].tp, result.actors["overall"].fp) == (2, 0)


def test_eval_names_the_gold_ids_it_matched_only_when_asked_for_errors(tmp_path):
    """Scoring a held-out set must not show its gold: the matched ids are listed with --errors."""
    db_path, gold_dir = nyt_kb(tmp_path)
    with_gold_actors(gold_dir)
    plain = CliRunner().invoke(cli, ["eval", str(gold_dir), "--db", str(db_path)])
    assert plain.exit_code == 0, plain.output
    assert "1 ids matched by name" in plain.stderr and "NYT" not in plain.output
    detailed = CliRunner().invoke(cli, ["eval", str(gold_dir), "--db", str(db_path), "--errors"])
    assert detailed.exit_code == 0, detailed.output
    assert "NEW_YORK_TIMES = NYT" in detailed.stderr


def test_eval_tells_whether_found_denials_name_the_gold_counterpart(tmp_path):
    text = "China denied the American accusations. Russia rejected the claims."
    db_path = tmp_path / "kb.db"
    db = open_db(db_path)
    save_actors(db, [Actor(i, i, "state", i) for i in ("CHN", "RUS", "USA", "GBR")])
    claims = [
        Claim("CHN", "denies", "CHN", text[:38], 0, 38, "denied", counterpart_id="USA"),
        Claim("RUS", "denies", "RUS", text[39:], 39, len(text), "rejected", counterpart_id=None),
    ]
    save_documents(db, [Document(id="d1", text=text, lang="en", claims=claims)])
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "docs.jsonl").write_text(json.dumps({"id": "d1", "lang": "en", "text": text}) + "\n")
    gold_claims = [
        {"claimant": "CHN", "stance": "denies", "subject": "CHN", "counterpart": "USA"},
        {"claimant": "RUS", "stance": "denies", "subject": "RUS", "counterpart": "GBR"},
        {"claimant": "GBR", "stance": "denies", "subject": "GBR", "counterpart": "RUS"},  # not found
    ]
    (gold_dir / "gold.jsonl").write_text(json.dumps({"doc_id": "d1", "actors": [], "claims": gold_claims}))
    result = evaluate(gold_dir, db_path)
    assert sorted(result.counterparts) == [
        ("d1", "CHN", "CHN", "USA", "USA"),
        ("d1", "RUS", "RUS", "GBR", None),
    ]
    assert result.counterpart_accuracy == 0.5


def test_eval_lists_the_false_and_missed_actors(tmp_path):
    db_path = tmp_path / "kb.db"
    db = open_db(db_path)
    save_actors(db, [Actor("CHN", "China", "state", "CHN"), Actor("USA", "United States", "state", "USA")])
    mentions = [Mention("CHN", "China", 43, 48), Mention("USA", "United States", 0, 4)]
    save_documents(db, [Document(id="d1", text=TEXT, lang="en", mentions=mentions)])
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "docs.jsonl").write_text(json.dumps({"id": "d1", "lang": "en", "text": TEXT}) + "\n")
    gold = {"doc_id": "d1", "actors": ["NYT", "CHN"], "claims": []}
    (gold_dir / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    result = evaluate(gold_dir, db_path)
    assert result.false_actors == [("d1", "USA")]
    assert result.missed_actors == [("d1", "NYT")]
