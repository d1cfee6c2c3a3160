"""time_to_denial and counter_accusations, fast forms, checked against their plain definitions.

Both are written for speed (index seeks, a bound on the gaps); here a random KB, with dates in
several forms (time zones near midnight, undated, unreadable), named and unnamed denials and
self-accusations, is queried both ways and the rows must be the same, in the same order.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from extract.records import Actor, Claim, Document
from kb.datasette_plugin.common import KB_METADATA
from kb.store import open_db, save_actors, save_documents

TIME_TO_DENIAL = KB_METADATA["queries"]["time_to_denial"]["sql"]

# the definition: every pair of the denials_answering view whose accusation is not dated after
# the denial, but those reported together in one document, fastest first
TIME_TO_DENIAL_BY_DEFINITION = """
SELECT denial_id, accusation_id, denial_published, accusation_published, days_between
FROM denials_answering
WHERE days_between >= 0 AND reason != 'same_document'
ORDER BY days_between, denial_published, denial_id, accusation_id
LIMIT 1000
"""

ACTOR_IDS = [f"A{i:02d}" for i in range(12)]


def _published(rng: random.Random) -> str | None:
    day = f"2021-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
    form = rng.random()
    if form < 0.6:
        return day
    if form < 0.75:
        return f"{day}T23:30:00-05:00"  # the next day in UTC
    if form < 0.85:
        return f"{day}T00:30:00+09:00"  # the day before in UTC
    if form < 0.92:
        return None
    return rng.choice(["", "unknown", "2021", "March 2021"])


def build_random_kb(path: Path, n_docs: int, claims_per_doc: int, seed: int) -> None:
    rng = random.Random(seed)
    db = open_db(path)
    save_actors(db, [Actor(a, f"Actor {a}", "state") for a in ACTOR_IDS])
    documents = []
    for d in range(n_docs):
        claims = []
        for c in range(claims_per_doc):
            claimant, subject = rng.choice(ACTOR_IDS), rng.choice(ACTOR_IDS)
            sentence = f"Sentence {c}."
            if rng.random() < 0.35:
                # a denial of its own responsibility, or of a third party's; naming the accuser or not
                denier = subject if rng.random() < 0.8 else claimant
                counterpart = rng.choice([None, None, rng.choice(ACTOR_IDS), denier])
                claims.append(
                    Claim(denier, "denies", subject, sentence, 0, 10, "denies", counterpart_id=counterpart)
                )
            else:
                claims.append(Claim(claimant, "accuses", subject, sentence, 0, 10, "accuses"))
        documents.append(
            Document(
                id=f"doc-{d:04d}", text=f"Text {d} " * 3, published=_published(rng), lang="en", claims=claims
            )
        )
    save_documents(db, documents)
    db.conn.close()


@pytest.mark.parametrize(
    ("n_docs", "claims_per_doc", "seed"),
    [(600, 4, 1), (40, 3, 2), (300, 5, 3)],
    ids=["over-1000-pairs", "few-pairs", "dense"],
)
def test_time_to_denial_lists_the_fastest_pairs_of_the_definition(tmp_path, n_docs, claims_per_doc, seed):
    path = tmp_path / "kb.db"
    build_random_kb(path, n_docs, claims_per_doc, seed)
    db = open_db(path)
    expected = [tuple(r) for r in db.execute(TIME_TO_DENIAL_BY_DEFINITION).fetchall()]
    cursor = db.execute(TIME_TO_DENIAL, {"include_same_document": ""})
    columns = [c[0] for c in cursor.description]
    got = [
        (r["denial_id"], r["accusation_id"], r["denial_published"], r["accusation_published"], r["days"])
        for r in (dict(zip(columns, row, strict=True)) for row in cursor.fetchall())
    ]
    assert expected, "the random KB has no pair: the comparison would prove nothing"
    assert got == expected
    if n_docs == 600:
        assert len(got) == 1000  # the bound on the gaps is used, not the whole set
        total = db.execute("SELECT count(*) FROM denials_answering").fetchone()[0]
        assert total > 1000


def counter_accusations_by_definition(db) -> list[tuple]:
    """B denies A's accusation (naming A, or naming no one when B denies its own part) and
    accuses A in return: counted from the claims rows in Python."""
    rows = db.execute(
        "SELECT id, claimant_id, stance, subject_id, counterpart_id, evidence FROM claims"
    ).fetchall()
    accusations = Counter((r[1], r[3]) for r in rows if r[2] == "accuses")
    example = {}
    for r in sorted(rows):
        if r[2] == "accuses":
            example.setdefault((r[1], r[3]), r[5])
    named = Counter((r[1], r[4]) for r in rows if r[2] == "denies" and r[4] is not None)
    unnamed = Counter(r[1] for r in rows if r[2] == "denies" and r[4] is None and r[3] == r[1])
    found = []
    for (denier, accuser), n_counter in accusations.items():
        n_accusations = accusations.get((accuser, denier), 0)
        n_denials = named.get((denier, accuser), 0) + unnamed.get(denier, 0)
        if n_accusations and n_denials:
            found.append((denier, accuser, n_accusations, n_denials, n_counter, example[(denier, accuser)]))
    return sorted(found)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counter_accusations_view_matches_its_definition(tmp_path, seed):
    path = tmp_path / "kb.db"
    build_random_kb(path, 200, 4, seed)
    db = open_db(path)
    got = sorted(
        tuple(r)
        for r in db.execute(
            "SELECT denier_id, accuser_id, n_accusations, n_denials, n_counter_accusations,"
            " counter_accusation_example FROM counter_accusations"
        ).fetchall()
    )
    expected = counter_accusations_by_definition(db)
    assert expected
    assert got == expected
