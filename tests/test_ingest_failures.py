"""A document that breaks the extractor is reported and skipped; the rest of its batch is stored."""

import json

import pytest
import sqlite_utils
from spacy.language import Language

from kb import engines
from kb.ingest import ingest

POISON = "POISON-PILL"


@Language.component("test_fails_on_poison")
def fails_on_poison(doc):
    # a real pipeline component that fails the way a buggy rule would, on one marked text
    if POISON in doc.text:
        raise RuntimeError("rule crashed on this text")
    return doc


@pytest.fixture
def poisoned_pipeline():
    """The ingest's own cached English pipeline, with the failing component added for this test."""
    engines.extract_batch([], None, 8)  # creates the cached extractor of the default models
    extractor = engines._EXTRACTORS[()]
    nlp = extractor.pipeline("en")
    nlp.add_pipe("test_fails_on_poison", last=True)
    try:
        yield
    finally:
        nlp.remove_pipe("test_fails_on_poison")


def test_a_failing_document_is_reported_and_its_batch_goes_on(tmp_path, poisoned_pipeline):
    lines = [
        {
            "id": "good-1",
            "lang": "en",
            "text": "The US accused China of hacking Microsoft Exchange.",
        },
        {"id": "bad", "lang": "en", "text": f"The United Kingdom blamed Russia. {POISON}"},
        {"id": "good-2", "lang": "en", "text": "France accused Russia of a cyber attack on TV5Monde."},
    ]
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    messages = []
    summary = ingest([source], tmp_path / "kb.db", batch_size=8, progress=False, echo=messages.append)

    db = sqlite_utils.Database(tmp_path / "kb.db")
    assert {r["id"] for r in db["documents"].rows} == {"good-1", "good-2"}
    assert db.execute("select count(*) from claims where document_id = 'good-1'").fetchone()[0] >= 1
    errors = list(db["ingest_errors"].rows)
    assert len(errors) == 1 and "bad" in errors[0]["reason"] and "RuntimeError" in errors[0]["reason"]
    assert errors[0]["path"].endswith("news.jsonl")
    assert summary.errors == 1 and summary.documents == 2
    assert any("bad" in m and "extraction failed" in m for m in messages)


def test_the_failed_document_is_extracted_on_the_next_run(tmp_path, poisoned_pipeline):
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "bad", "lang": "en", "text": f"Russia denied it. {POISON}"}))
    ingest([source], tmp_path / "kb.db", progress=False, echo=lambda m: None)
    assert sqlite_utils.Database(tmp_path / "kb.db")["documents"].count == 0
    # a document that failed was not marked as known: a rerun retries it
    engines._EXTRACTORS[()].pipeline("en").remove_pipe("test_fails_on_poison")
    try:
        summary = ingest([source], tmp_path / "kb.db", progress=False, echo=lambda m: None)
    finally:
        engines._EXTRACTORS[()].pipeline("en").add_pipe("test_fails_on_poison", last=True)
    assert summary.documents == 1
