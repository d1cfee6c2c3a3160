"""The Dask engine extracts exactly what the local engine does, on a real local cluster."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from kb.ingest import ingest

DEMO_CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"

CLAIM_COLUMNS = (
    "document_id, claimant_id, speaker_id, stance, subject_id, counterpart_id, degree, hedged, "
    "cue, evidence, start_char, end_char"
)
MENTION_COLUMNS = "document_id, actor_id, text, start_char, end_char"


def _rows(db, sql):
    # as sorted tuples: the Dask engine writes partitions in completion order, so row ids differ
    return sorted((tuple(row.values()) for row in db.query(sql)), key=repr)


def _extracted(db_path):
    db = sqlite_utils.Database(db_path)
    claims = _rows(db, f"SELECT {CLAIM_COLUMNS} FROM claims")
    mentions = _rows(db, f"SELECT {MENTION_COLUMNS} FROM mentions")
    documents = _rows(db, "SELECT id, sha256, status FROM documents")
    return documents, claims, mentions


def test_dask_local_cluster_gives_the_same_claims_and_mentions_as_the_local_engine(tmp_path):
    quiet = {"progress": False, "echo": lambda message: None}
    local = ingest([DEMO_CORPUS], tmp_path / "local.db", **quiet)
    # a real cluster: a scheduler and two worker processes, each loading the models once
    dask = ingest([DEMO_CORPUS], tmp_path / "dask.db", engine="dask", workers=2, batch_size=4, **quiet)

    assert dask.documents == local.documents > 20
    assert (dask.claims, dask.mentions) == (local.claims, local.mentions)
    local_docs, local_claims, local_mentions = _extracted(tmp_path / "local.db")
    dask_docs, dask_claims, dask_mentions = _extracted(tmp_path / "dask.db")
    assert local_claims, "the demo corpus has claims: an empty comparison proves nothing"
    assert dask_docs == local_docs
    assert dask_claims == local_claims
    assert dask_mentions == local_mentions
