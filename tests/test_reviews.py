"""Reviews: verdicts by claim fingerprint, shown everywhere at once, carried between KBs as JSONL.

The KB is the small hand-made one of tests/graph_kb.py, written through kb.store like an ingest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner
from graph_kb import DOCUMENTS, build_claims_kb

from kb import review_store, reviews
from kb.actor_lookup import register_functions
from kb.analytics import refresh_actor_stats
from kb.cli import cli
from kb.graph import load_graph
from kb.reviews import ReviewError
from kb.store import open_db

KB_METADATA = Path(__file__).resolve().parent.parent / "kb" / "datasette_plugin" / "kb_metadata.yml"
UK_CHINA = "The UK holds the Chinese state responsible."  # GBR accuses CHN in uk-2021
UK_APT31 = "The UK says APT31 targeted MPs."  # GBR accuses APT31 in uk-2021


def claim_id(db, evidence: str, table: str = "claims") -> int:
    return db.execute(f"SELECT id FROM {table} WHERE evidence = ?", [evidence]).fetchone()[0]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def canned(db_path: Path, name: str, **params) -> list[dict]:
    """A canned query of kb_metadata.yml, run as Datasette runs it."""
    sql = yaml.safe_load(KB_METADATA.read_text("utf-8"))["queries"][name]["sql"]
    db = sqlite_utils.Database(db_path)
    register_functions(db.conn)
    return [dict(row) for row in db.query(sql, params)]


def test_a_fingerprint_ignores_spacing_and_names_the_claim_as_read():
    base = review_store.fingerprint("abc", "GBR", "accuses", "CHN", "The UK  holds\nChina responsible.")
    assert base == review_store.fingerprint("abc", "GBR", "accuses", "CHN", "The UK holds China responsible.")
    assert len(base) == 16
    others = {
        review_store.fingerprint("abd", "GBR", "accuses", "CHN", "The UK holds China responsible."),
        review_store.fingerprint("abc", "USA", "accuses", "CHN", "The UK holds China responsible."),
        review_store.fingerprint("abc", "GBR", "denies", "CHN", "The UK holds China responsible."),
        review_store.fingerprint("abc", "GBR", "accuses", "RUS", "The UK holds China responsible."),
        review_store.fingerprint("abc", "GBR", "accuses", "CHN", "The UK holds Russia responsible."),
    }
    assert base not in others and len(others) == 5


def test_a_rejected_claim_leaves_queries_views_graph_stats_and_exports(claims_kb, tmp_path):
    db = open_db(claims_kb)
    rejected = claim_id(db, UK_CHINA)
    before = canned(claims_kb, "claims_about", actor="China")
    assert UK_CHINA in {row["evidence"] for row in before}
    edges_before = {(r["claimant_id"], r["subject_id"]): r["n_claims"] for r in db["claim_edges"].rows}
    refresh_actor_stats(db)
    stats_before = db["actor_stats"].get("CHN")["accusations_received"]

    reviews.record(db, [str(rejected)], "rejected", reviewer="alice", note="China is the victim here")

    assert not db["claims"].count_where("id = ?", [rejected])
    assert db["rejected_claims"].get(rejected)["review"] == "rejected"
    assert UK_CHINA not in {row["evidence"] for row in canned(claims_kb, "claims_about", actor="China")}
    edges = {(r["claimant_id"], r["subject_id"]): r["n_claims"] for r in db["claim_edges"].rows}
    assert edges.get(("GBR", "CHN"), 0) == edges_before[("GBR", "CHN")] - 1
    graph = load_graph(claims_kb)
    assert rejected not in {key for *_, key in graph.edges(keys=True)}
    assert db["actor_stats"].get("CHN")["accusations_received"] == stats_before - 1
    assert db["documents"].get("uk-2021")["n_claims"] == 4
    bundle = tmp_path / "bundle.json"
    assert run("export", "--db", str(claims_kb), "--format", "stix", "--out", str(bundle)).exit_code == 0
    assert "Chinese state responsible" not in bundle.read_text("utf-8")
    review = db["reviews"].get(db["rejected_claims"].get(rejected)["fingerprint"])
    assert (review["reviewer"], review["note"], review["claimant_id"]) == (
        "alice",
        "China is the victim here",
        "GBR",
    )


def test_a_corrected_claim_shows_its_corrected_values_and_keeps_what_was_read(claims_kb):
    db = open_db(claims_kb)
    corrected = claim_id(db, UK_APT31)
    reviews.record(db, [str(corrected)], "corrected", {"subject_id": "CHN", "degree": "sponsored"})
    row = db["claims"].get(corrected)
    assert (row["subject_id"], row["degree"], row["review"]) == ("CHN", "sponsored", "corrected")
    assert json.loads(row["as_extracted"]) == {"subject_id": "APT31", "degree": "direct"}
    graph = load_graph(claims_kb)
    assert [(u, v) for u, v, key in graph.edges(keys=True) if key == corrected] == [("GBR", "CHN")]

    # a second correction adds to the first
    reviews.record(db, [row["fingerprint"][:8]], "corrected", {"hedged": 1})
    row = db["claims"].get(corrected)
    assert (row["subject_id"], row["degree"], row["hedged"]) == ("CHN", "sponsored", 1)
    review = db["reviews"].get(row["fingerprint"])
    assert (review["subject_id"], review["corrected_subject_id"], review["corrected_hedged"]) == (
        "APT31",
        "CHN",
        1,
    )

    # confirming instead puts the extracted values back; clearing forgets the review
    reviews.record(db, [str(corrected)], "confirmed")
    row = db["claims"].get(corrected)
    assert (row["subject_id"], row["degree"], row["hedged"], row["review"]) == (
        "APT31",
        "direct",
        0,
        "confirmed",
    )
    assert row["as_extracted"] is None
    assert reviews.clear(db, [str(corrected)]) == 1
    assert db["claims"].get(corrected)["review"] is None


def test_a_rejected_claim_comes_back_when_its_review_changes(claims_kb):
    db = open_db(claims_kb)
    rejected = claim_id(db, UK_CHINA)
    reviews.record(db, [str(rejected)], "rejected")
    reviews.record(db, [str(rejected)], "confirmed")  # its id still names it, in rejected_claims
    assert db["claims"].get(rejected)["review"] == "confirmed"
    assert not db["rejected_claims"].count


def test_wrong_verdicts_are_refused_before_anything_is_written(claims_kb):
    db = open_db(claims_kb)
    target = str(claim_id(db, UK_APT31))
    for refs, verdict, corrections, message in [
        (["999"], "confirmed", {}, "no claim 999"),
        (["zz"], "confirmed", {}, "neither a claim id nor a fingerprint"),
        ([target], "corrected", {"subject_id": "NOBODY"}, "not an actor"),
        ([target], "corrected", {"stance": "praises"}, "stance 'praises'"),
        ([target], "corrected", {"subject_id": "APT31"}, "nothing to correct"),
        ([target], "approved", {}, "verdict 'approved'"),
    ]:
        with pytest.raises(ReviewError, match=message):
            reviews.record(db, refs, verdict, corrections)
    assert not db["reviews"].count


def test_reviews_hold_when_the_same_documents_are_stored_again(claims_kb):
    """A re-ingest rewrites a document's claims (new rows): the verdicts apply again by fingerprint."""
    from graph_kb import build_claims_kb as rebuild

    db = open_db(claims_kb)
    reviews.record(db, [str(claim_id(db, UK_CHINA))], "rejected")
    reviews.record(db, [str(claim_id(db, UK_APT31))], "corrected", {"subject_id": "CHN"})
    db.close()
    rebuild(claims_kb)  # every document saved again, claims deleted and inserted
    db = open_db(claims_kb)
    assert db["rejected_claims"].count == 1 and not db["claims"].count_where("evidence = ?", [UK_CHINA])
    assert db["claims"].get(claim_id(db, UK_APT31))["subject_id"] == "CHN"


def test_export_and_import_carry_the_reviews_to_a_kb_built_later(claims_kb, tmp_path):
    db = open_db(claims_kb)
    reviews.record(db, [str(claim_id(db, UK_CHINA))], "rejected", reviewer="alice", note="victim")
    reviews.record(db, [str(claim_id(db, UK_APT31))], "corrected", {"degree": "sponsored"}, reviewer="bob")
    exported = tmp_path / "reviews.jsonl"
    result = run("review", "export", "--db", str(claims_kb), "--out", str(exported))
    assert result.exit_code == 0
    lines = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
    assert {line["verdict"] for line in lines} == {"rejected", "corrected"}

    # reviews first, documents after: they apply as the documents are stored
    other = tmp_path / "other.db"
    open_db(other).close()
    result = run("review", "import", str(exported), "--db", str(other))
    assert result.exit_code == 0 and "2 reviews added" in result.output
    build_claims_kb(other)
    second = open_db(other)
    assert not second["claims"].count_where("evidence = ?", [UK_CHINA])
    assert second["claims"].get(claim_id(second, UK_APT31))["degree"] == "sponsored"
    assert second["claims"].count == sum(len(claims) for *_, claims in DOCUMENTS) - 1

    # importing again changes nothing; an older review does not replace a newer one
    again = run("review", "import", str(exported), "--db", str(other))
    assert "0 reviews added, 0 updated, 2 kept" in again.output


def test_a_bad_line_is_reported_with_its_number_and_the_others_are_imported(claims_kb, tmp_path):
    db = open_db(claims_kb)
    reviews.record(db, [str(claim_id(db, UK_CHINA))], "rejected")
    good = next(reviews.export_reviews(db))
    edited = json.loads(good) | {"subject_id": "RUS"}
    lines = [
        "{not json",
        json.dumps(json.loads(good) | {"verdict": "maybe"}),
        json.dumps(edited),
        json.dumps(json.loads(good) | {"colour": "red"}),
        good,
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    other = tmp_path / "other.db"
    build_claims_kb(other)
    result = CliRunner().invoke(cli, ["review", "import", str(path), "--db", str(other)])
    assert result.exit_code == 0
    assert f"{path}:1: not JSON" in result.output
    assert f"{path}:2: verdict 'maybe'" in result.output
    assert f"{path}:3: the fingerprint does not match" in result.output
    assert f"{path}:4: unknown field colour" in result.output
    assert "1 reviews added" in result.output
    assert not open_db(other)["claims"].count_where("evidence = ?", [UK_CHINA])


def test_review_lists_the_unreviewed_claims_with_filters(claims_kb):
    listed = run("review", "--db", str(claims_kb), "--actor", "Pékin", "--stance", "denies", "--limit", "0")
    lines = [line for line in listed.output.splitlines() if line.startswith("#")]
    assert lines and all("denies" in line for line in lines)
    assert "Zhao Lijian rejected the groundless accusations" in listed.output
    assert "0 of 11 claims reviewed" in listed.output
    db = open_db(claims_kb)
    db.execute("UPDATE claims SET confidence = 0.2 WHERE evidence = ?", [UK_APT31])
    db.conn.commit()
    low = run("review", "--db", str(claims_kb), "--below", "0.3")
    assert [line for line in low.output.splitlines() if line.startswith("#")] == [
        f"#{claim_id(db, UK_APT31)} {db['claims'].get(claim_id(db, UK_APT31))['fingerprint']}  0.20  "
        "United Kingdom accuses APT31  (uk-2021, 2021-07-19)"
    ]


def test_interactive_review_records_each_answer(claims_kb):
    result = run(
        "review",
        "--db",
        str(claims_kb),
        "--limit",
        "3",
        "-i",
        "--reviewer",
        "carol",
        input="c\n\nr\nvictim\nq\n",
    )
    assert result.exit_code == 0
    db = open_db(claims_kb)
    verdicts = {row["verdict"]: row for row in db["reviews"].rows}
    assert set(verdicts) == {"confirmed", "rejected"}
    assert verdicts["rejected"]["note"] == "victim" and verdicts["confirmed"]["reviewer"] == "carol"
    assert "2 of 11 claims reviewed (1 confirmed, 0 corrected, 1 rejected)" in result.output


def test_cli_corrects_by_actor_name_and_status_names_reviews_without_claims(claims_kb):
    db = open_db(claims_kb)
    target = claim_id(db, UK_APT31)
    result = run("review", "correct", str(target), "--subject", "Beijing", "--db", str(claims_kb))
    assert result.exit_code == 0 and "corrected" in result.output
    assert db["claims"].get(target)["subject_id"] == "CHN"
    missing = CliRunner().invoke(cli, ["review", "reject", "4242", "--db", str(claims_kb)])
    assert missing.exit_code == 1 and "no claim 4242" in missing.output
    # a review whose claim is not in this KB (its text changed, or the extractor no longer reads it)
    db["reviews"].insert({"fingerprint": "0123456789abcdef", "verdict": "rejected", "document_id": "gone"})
    status = run("review", "status", "--db", str(claims_kb))
    assert "11 claims: 10 unreviewed, 0 confirmed, 1 corrected, 0 rejected (9% reviewed)" in status.output
    assert "0123456789abcdef rejected: no such claim here" in status.output


def test_no_kb_is_created_by_review(tmp_path):
    result = CliRunner().invoke(cli, ["review", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "no such knowledge base" in result.output
    assert not (tmp_path / "missing.db").exists()


def test_export_puts_rejected_claims_back_only_when_asked(claims_kb, tmp_path):
    db = open_db(claims_kb)
    rejected = claim_id(db, UK_CHINA)
    reviews.record(db, [str(rejected)], "rejected")
    plain = json.loads(run("export", "--db", str(claims_kb), "--format", "json").output)
    asked = json.loads(run("export", "--db", str(claims_kb), "--format", "json", "--include-rejected").output)
    assert len(asked["links"]) == len(plain["links"]) + 1
    assert [link["review"] for link in asked["links"] if link["claim_id"] == rejected] == ["rejected"]
    assert rejected not in {link["claim_id"] for link in plain["links"]}
    run(
        "export",
        "--db",
        str(claims_kb),
        "--format",
        "csv",
        "--include-rejected",
        "--out",
        str(tmp_path / "c"),
    )
    csv_text = (tmp_path / "c-edges.csv").read_text("utf-8")
    assert csv_text.splitlines()[0].endswith(",review") and ",rejected" in csv_text
    graph = load_graph(claims_kb, stance="accuses", actor="CHN", include_rejected=True)
    assert graph.edges["GBR", "CHN", rejected]["review"] == "rejected"
    refused = CliRunner().invoke(
        cli, ["export", "--db", str(claims_kb), "--format", "stix", "--include-rejected"]
    )
    assert refused.exit_code == 2 and "never carries one" in refused.output
