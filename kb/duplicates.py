"""Near-duplicate documents: wire copies, republications and translations of one text.

Two documents are near-duplicates when their texts share most of their five-word shingles
(MinHash signatures, compared in bands: locality-sensitive hashing), or, across languages, when
they name the same actors in the same order (shingles of three successive actor mentions, with
the numbers the texts write: a translation keeps both). The later one (by publication date, then
by when it was read) gets ``documents.duplicate_of`` = the earlier one, so that it does not count
as an independent source (the ``attributions`` view counts documents and publishers without them).

Each document's two signatures are kept in ``document_signatures``, so that a new document is
compared with every stored one without reading their texts again. ``kb_settings`` names the
signature scheme; signatures of another scheme (a KB from an older version) are made again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from hashlib import blake2b

import numpy as np
import sqlite_utils

from kb.actor_lookup import fold
from kb.attributions import incidents_of_documents, refresh_attributions
from kb.store import write_transaction

NUM_PERM = 64
# 8 bands of 8 rows: two signatures share a band, and become candidates, from a Jaccard
# similarity of about (1/8) ** (1/8) = 0.77 on; candidates are then kept from the threshold on
BANDS, ROWS = 8, 8
PRIME = (1 << 31) - 1  # the hash family (a * x + b) mod PRIME: a signature value fits 32 bits
SEED = 20240325
SCHEME = f"minhash-blake2b-p31-{NUM_PERM}x{BANDS}x{ROWS}"
SCHEME_SETTING = "signature_scheme"
TEXT_THRESHOLD = 0.8
ACTORS_THRESHOLD = 0.8
TEXT_SHINGLE = 5
ACTORS_SHINGLE = 3
# fewer shingles than this say too little to call two documents the same
MIN_SHINGLES = 12
SIGNATURES_COLUMNS = {"document_id": str, "text_signature": bytes, "actors_signature": bytes}
THRESHOLDS = {"text_signature": TEXT_THRESHOLD, "actors_signature": ACTORS_THRESHOLD}
WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_RANDOM = np.random.default_rng(SEED)
PERMUTATION_A = _RANDOM.integers(1, PRIME, NUM_PERM, dtype=np.uint64)
PERMUTATION_B = _RANDOM.integers(0, PRIME, NUM_PERM, dtype=np.uint64)


def text_shingles(text: str) -> set[str]:
    words = WORD.findall(fold(text))
    return {" ".join(words[i : i + TEXT_SHINGLE]) for i in range(max(0, len(words) - TEXT_SHINGLE + 1))}


def actor_shingles(actor_ids: list[str], text: str) -> set[str]:
    """Shingles of the actors a text names in order, and of the numbers it writes: what a
    translation keeps of its original."""
    tokens = list(actor_ids) + [f"#{n}" for n in NUMBER.findall(text)]
    return {"|".join(tokens[i : i + ACTORS_SHINGLE]) for i in range(max(0, len(tokens) - ACTORS_SHINGLE + 1))}


def signature(shingles: set[str]) -> bytes | None:
    """The MinHash signature of a set of shingles: for each of NUM_PERM hash functions of the
    family (a * x + b) mod PRIME, the least value over the shingles' 32-bit hashes."""
    if len(shingles) < MIN_SHINGLES:
        return None
    # each shingle's 32-bit hash is its 4-byte BLAKE2b digest read as a little-endian number: the
    # digests joined and read as one array (no int made per shingle)
    digests = b"".join([blake2b(shingle.encode("utf-8"), digest_size=4).digest() for shingle in shingles])
    hashes = np.frombuffer(digests, dtype="<u4").astype(np.uint64)
    values = (np.outer(hashes % PRIME, PERMUTATION_A) + PERMUTATION_B) % PRIME
    return values.min(axis=0).astype(np.uint32).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The share of equal values of two signatures: an estimate of their sets' Jaccard similarity."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


class BandIndex:
    """Signatures by band: two that agree on every row of one band are candidates."""

    def __init__(self):
        self.buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)

    @staticmethod
    def bands(blob: bytes) -> list[tuple[int, bytes]]:
        size = ROWS * 4  # bytes of a band (4 bytes a value)
        return [(band, blob[band * size : (band + 1) * size]) for band in range(BANDS)]

    def insert(self, key: str, blob: bytes) -> None:
        for band in self.bands(blob):
            self.buckets[band].append(key)

    def candidates(self, blob: bytes) -> set[str]:
        return {key for band in self.bands(blob) for key in self.buckets.get(band, ())}


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
    _sign_again_if_another_scheme(db)
    sign_documents(db, document_ids)
    indexes = {column: BandIndex() for column in THRESHOLDS}
    signatures: dict[str, dict[str, bytes]] = {column: {} for column in THRESHOLDS}
    for row in db.query("SELECT * FROM document_signatures"):
        for column, index in indexes.items():
            if row[column]:
                signatures[column][row["document_id"]] = row[column]
                index.insert(row["document_id"], row[column])
    pairs = set()
    for document_id in document_ids:
        for column, index in indexes.items():
            blob = signatures[column].get(document_id)
            if blob is None:
                continue
            found = (
                other
                for other in index.candidates(blob)
                if other != document_id and similarity(blob, signatures[column][other]) >= THRESHOLDS[column]
            )
            pairs.update(frozenset((document_id, other)) for other in found)
    return _mark(db, pairs)


def _sign_again_if_another_scheme(db: sqlite_utils.Database) -> None:
    """Signatures made by another scheme (a KB written by an older version) are made again."""
    row = db.execute("SELECT value FROM kb_settings WHERE key = ?", [SCHEME_SETTING]).fetchone()
    if row is not None and row[0] == SCHEME:
        return
    stored = [r[0] for r in db.execute("SELECT document_id FROM document_signatures")]
    if stored:
        sign_documents(db, stored)
    db["kb_settings"].upsert({"key": SCHEME_SETTING, "value": SCHEME}, pk="key")


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
