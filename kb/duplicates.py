"""Near-duplicate documents: wire copies, republications and translations of one text.

Two documents are near-duplicates when their texts share most of their five-word shingles
(MinHash, ``datasketch``), or, across languages, when they name the same actors in the same
order (shingles of three successive actor mentions, with the numbers the texts write: a
translation keeps both). The later one (by publication date, then by when it was read) gets
``documents.duplicate_of`` = the earlier one, so that it does not count as an independent
source (the ``attributions`` view counts documents and publishers without them).

Each document's two signatures are kept in ``document_signatures``, so that a new document is
compared with every stored one without reading their texts again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import numpy as np
import sqlite_utils
from datasketch import MinHash, MinHashLSH

from kb.actor_lookup import fold
from kb.attributions import incidents_of_documents, refresh_attributions
from kb.store import write_transaction

NUM_PERM = 64
SCHEME = "affine32"  # datasketch's 32-bit hashes: a signature is NUM_PERM * 4 bytes
TEXT_THRESHOLD = 0.8
ACTORS_THRESHOLD = 0.8
TEXT_SHINGLE = 5
ACTORS_SHINGLE = 3
# fewer shingles than this say too little to call two documents the same
MIN_SHINGLES = 12
SIGNATURES_COLUMNS = {"document_id": str, "text_signature": bytes, "actors_signature": bytes}
WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\d[\d.,]*\d|\d")


def text_shingles(text: str) -> set[str]:
    words = WORD.findall(fold(text))
    return {" ".join(words[i : i + TEXT_SHINGLE]) for i in range(max(0, len(words) - TEXT_SHINGLE + 1))}


def actor_shingles(actor_ids: list[str], text: str) -> set[str]:
    """Shingles of the actors a text names in order, and of the numbers it writes: what a
    translation keeps of its original."""
    tokens = list(actor_ids) + [f"#{n}" for n in NUMBER.findall(text)]
    return {"|".join(tokens[i : i + ACTORS_SHINGLE]) for i in range(max(0, len(tokens) - ACTORS_SHINGLE + 1))}


def signature(shingles: set[str]) -> bytes | None:
    if len(shingles) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    # in one batch: the same hash values as one update per shingle, ten times faster
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return minhash.hashvalues.astype(np.uint32).tobytes()


def _minhash(blob: bytes) -> MinHash:
    hashvalues = np.frombuffer(blob, dtype=np.uint32)
    return MinHash(num_perm=NUM_PERM, hashvalues=hashvalues, scheme=SCHEME, permutations=_permutations())


@functools.cache
def _permutations():
    """The seeded permutations every MinHash of the KB shares (drawing them anew for each
    signature cost more than hashing the shingles)."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def sign_documents(db: sqlite_utils.Database, document_ids: Iterable[str]) -> None:
    """Compute and store the signatures of these documents (from their text and mentions)."""
    rows = []
    for document_id in document_ids:
        found = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        if not found:
            continue
        actors = [
            r[0]
            for r in db.execute(
                "SELECT actor_id FROM mentions WHERE document_id = ? ORDER BY start_char", [document_id]
            )
        ]
        rows.append(
            {
                "document_id": document_id,
                "text_signature": signature(text_shingles(found[0] or "")),
                "actors_signature": signature(actor_shingles(actors, found[0] or "")),
            }
        )
    db["document_signatures"].upsert_all(rows, pk="document_id", columns=SIGNATURES_COLUMNS)


def mark_duplicates(db: sqlite_utils.Database, document_ids: Iterable[str]) -> int:
    """Sign the new documents and set ``duplicate_of`` wherever one of them nearly repeats
    another document (stored or new); returns how many documents were marked."""
    document_ids = list(document_ids)
    if not document_ids:
        return 0
    sign_documents(db, document_ids)
    indexes = {
        "text_signature": MinHashLSH(threshold=TEXT_THRESHOLD, num_perm=NUM_PERM),
        "actors_signature": MinHashLSH(threshold=ACTORS_THRESHOLD, num_perm=NUM_PERM),
    }
    signatures: dict[str, dict[str, MinHash]] = {column: {} for column in indexes}
    for row in db.query("SELECT * FROM document_signatures"):
        for column, lsh in indexes.items():
            if row[column]:
                minhash = _minhash(row[column])
                signatures[column][row["document_id"]] = minhash
                lsh.insert(row["document_id"], minhash)
    pairs = set()
    for document_id in document_ids:
        for column, lsh in indexes.items():
            minhash = signatures[column].get(document_id)
            if minhash is None:
                continue
            found = (other for other in lsh.query(minhash) if other != document_id)
            pairs.update(frozenset((document_id, other)) for other in found)
    return _mark(db, pairs)


def _mark(db: sqlite_utils.Database, pairs: set[frozenset]) -> int:
    """The later document of each pair points at the earliest document of its group."""
    if not pairs:
        return 0
    ids = sorted({i for pair in pairs for i in pair})
    marks = ", ".join("?" * len(ids))
    order = {
        row[0]: n
        for n, row in enumerate(
            db.execute(
                f"SELECT id FROM documents WHERE id IN ({marks}) "
                "ORDER BY coalesce(published, '9999'), ingested_at, id",
                ids,
            )
        )
    }
    parent = {i: i for i in order}

    def root(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    for pair in pairs:
        a, b = sorted(pair, key=lambda i: order.get(i, len(order)))
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            first, later = sorted((ra, rb), key=lambda i: order[i])
            parent[later] = first
    marked = [(root(i), i) for i in order if root(i) != i]
    with write_transaction(db):
        db.conn.executemany("UPDATE documents SET duplicate_of = ? WHERE id = ?", marked)
    # the independent sources of their incidents changed
    refresh_attributions(db, incidents_of_documents(db, [i for _, i in marked]))
    return len(marked)
