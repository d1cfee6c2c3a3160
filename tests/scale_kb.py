"""A KB the size of years of news, built fast with plain SQL: claims pile up on a few actors as
in real news (a Zipf law), so that CHN, RUS and USA have tens of thousands of claims each.
Used by the scale tests; the benchmark (benchmarks/ingest_bench.py) builds the same shape."""

from __future__ import annotations

import random
from pathlib import Path

from extract.records import Actor
from kb import store
from kb.analytics import refresh_actor_stats

FAMOUS = ["CHN", "RUS", "USA", "GBR", "EU", "NATO", "PRK", "IRN", "APT31", "APT28", "MSS", "GRU"]


def build_scale_kb(path: Path, n_claims: int = 100_000, n_actors: int = 2_000, seed: int = 18) -> Path:
    rng = random.Random(seed)
    actors = [Actor(a, a.title(), "state", aliases=(a.lower(),)) for a in FAMOUS]
    actors += [Actor(f"ACTOR_{i:05d}", f"Actor {i}", "group") for i in range(n_actors - len(FAMOUS))]
    ids = [a.id for a in actors]
    weights = [1 / (rank + 1) for rank in range(len(ids))]
    db = store.open_db(path)
    store.save_actors(db, actors)
    n_documents = max(1, n_claims // 5)
    documents = [
        (f"doc-{d:06d}", f"{d:064x}", f"Report {d}", f"20{15 + d % 10:02d}-{1 + d % 12:02d}-{1 + d % 28:02d}",
         "en", "ok", f"Report number {d} on cyber operations.", rng.choice(["CC0", "OGL v3.0", None]))
        for d in range(n_documents)
    ]  # fmt: skip
    claims, mentions = [], []
    for c in range(n_claims):
        claimant, subject = rng.choices(ids, weights, k=2)
        denial = rng.random() < 0.2
        document = documents[c % n_documents]
        named = claimant if denial and rng.random() < 0.5 else None  # half the denials name their accuser
        evidence = f"Claim {c}: {claimant} on {subject}."
        stance = "denies" if denial else "accuses"
        claims.append(
            (document[0], subject if denial else claimant, stance, subject, named, evidence, document[3])
        )
        mentions += [(document[0], claimant, claimant, 0, 3), (document[0], subject, subject, 4, 7)]
    with store.write_transaction(db):
        db.conn.executemany(
            "INSERT INTO documents (id, sha256, title, published, lang, status, text, license) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            documents,
        )
        db.conn.executemany(
            "INSERT INTO claims (document_id, claimant_id, stance, subject_id, counterpart_id, evidence, "
            "published, degree, hedged, confidence, cue, start_char, end_char, extractor) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'direct', 0, 0.5, 'accused', 0, 10, 'scale')",
            claims,
        )
        db.conn.executemany(
            "INSERT INTO mentions (document_id, actor_id, text, start_char, end_char) VALUES (?, ?, ?, ?, ?)",
            mentions,
        )
    refresh_actor_stats(db)
    db.execute("ANALYZE")
    db.conn.commit()
    db.conn.close()
    return path
