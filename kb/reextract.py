"""``kb reextract``: run the current extractor again over documents already stored.

``kb ingest`` skips a text it has stored, so an old KB keeps the claims of the extractor that
first read it. Re-extraction reads the stored (cleaned) texts of the documents an older
extractor version read (``documents.extractor``; see ``extract/version.py``), or the ones asked
for, and writes each document's new mentions and claims in a transaction of its own, so that an
interrupted run resumes where it stopped.

A claim found again (same fingerprint) keeps its row and id and is only updated when something
about it changed (degree, hedging, speaker, confidence, offsets...); claims no longer found are
removed, new ones added. Reviews then apply again by fingerprint (``kb.review_store``): a
rejected claim found again stays rejected, a corrected one corrected.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import sqlite_utils
from tqdm import tqdm

from extract.records import Document, ReadError
from kb import engines, review_store, store
from kb.analytics import refresh_actor_stats
from kb.store import _claim_records, _mention_records  # the rows an ingest writes, written alike

# a document whose claims can be extracted again: it has a text
EXTRACTABLE = "status IN ('ok', 'unsupported_language')"
# what a claim found again never changes: its fingerprint's parts (document, claimant, stance,
# subject; the sentence is compared, its spacing may move) and what the writer adds
NOT_COMPARED = ("document_id", "claimant_id", "stance", "subject_id", "fingerprint", "extractor", "published")


def compared(record: dict) -> list[str]:
    """The values of a claim record that re-extraction compares and updates (every column the
    extractor fills but its identity: a column added to claims later is compared too)."""
    return [name for name in record if name not in NOT_COMPARED]


def outdated_count(db: sqlite_utils.Database, version: str) -> int:
    """Stored documents that another extractor version read (or an unknown one)."""
    return db.execute(
        f"SELECT count(*) FROM documents WHERE {EXTRACTABLE} AND extractor IS NOT ?", [version]
    ).fetchone()[0]


def choose_documents(
    db: sqlite_utils.Database, version: str, every: bool = False, ids: Iterable[str] = ()
) -> list[str]:
    """The ids of the documents to read again: ``ids`` when given (each must exist), else all
    (``every``), else the ones another version read."""
    ids = list(ids)
    if ids:
        missing = [i for i in ids if not db["documents"].count_where("id = ?", [i])]
        if missing:
            raise ValueError(f"no document {', '.join(missing)} in this knowledge base")
        return ids
    where = EXTRACTABLE if every else f"{EXTRACTABLE} AND extractor IS NOT :version"
    return [
        row["id"]
        for row in db.query(f"SELECT id FROM documents WHERE {where} ORDER BY id", {"version": version})
    ]


def stored_document(db: sqlite_utils.Database, document_id: str) -> Document:
    """A stored document, ready for the extractor (a language it now supports gets claims)."""
    row = db["documents"].get(document_id)
    fields = ("id", "text", "title", "url", "publisher", "published", "license", "attribution", "lang")
    return Document(
        **{name: row[name] for name in fields}, status="ok", source_path=f"documents/{document_id}"
    )


@dataclass
class DocumentChanges:
    document_id: str
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    mentions_before: int = 0
    mentions_after: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.mentions_before != self.mentions_after)

    def __str__(self) -> str:
        text = (
            f"{self.document_id}: +{self.added} -{self.removed} ~{self.changed} claims "
            f"({self.unchanged} unchanged)"
        )
        if self.mentions_before != self.mentions_after:
            text += f", mentions {self.mentions_before} -> {self.mentions_after}"
        return text


@dataclass
class ReextractSummary:
    documents: int = 0
    changed_documents: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    dry_run: bool = False
    errors: list[str] = field(default_factory=list)

    def add(self, changes: DocumentChanges) -> None:
        self.documents += 1
        self.changed_documents += changes.any
        self.added += changes.added
        self.removed += changes.removed
        self.changed += changes.changed

    def __str__(self) -> str:
        verb = "would change" if self.dry_run else "changed"
        return (
            f"{self.documents} document{'s' if self.documents != 1 else ''} read again, "
            f"{self.changed_documents} {verb}: {self.added} claims added, {self.removed} removed, "
            f"{self.changed} changed; {len(self.errors)} error{'s' if len(self.errors) != 1 else ''}"
        )


def _stored_claims(db: sqlite_utils.Database, document_id: str) -> list[dict]:
    """The document's claims, kept and rejected, with the values the extractor gave them."""
    from kb.reviews import extracted

    rows = []
    for table in ("claims", "rejected_claims"):
        rows += [extracted(dict(row)) for row in db[table].rows_where("document_id = ?", [document_id])]
    return rows


def compare(old: list[dict], new: list[dict]) -> tuple[list[dict], list[dict], list[tuple[dict, dict]], int]:
    """(added, removed, changed as (old, new) pairs, unchanged count); claims match by fingerprint,
    in the order of their sentences when a fingerprint repeats."""
    by_print: dict[str, list[dict]] = {}
    for row in sorted(old, key=lambda r: (r["start_char"] or 0, r["id"])):
        by_print.setdefault(row["fingerprint"], []).append(row)
    added, changed, unchanged = [], [], 0
    for record in sorted(new, key=lambda r: r["start_char"] or 0):
        same = by_print.get(record["fingerprint"])
        if not same:
            added.append(record)
            continue
        previous = same.pop(0)
        if any(_value(previous.get(k)) != _value(record.get(k)) for k in compared(record)):
            changed.append((previous, record))
        else:
            unchanged += 1
    removed = [row for rows in by_print.values() for row in rows]
    return added, removed, changed, unchanged


def _value(value):
    return round(value, 3) if isinstance(value, float) else value


def _changes(document_id: str, old: list[dict], new: list[dict], mentions: tuple[int, int]):
    added, removed, changed, unchanged = compare(old, new)
    counts = DocumentChanges(document_id, len(added), len(removed), len(changed), unchanged, *mentions)
    return counts, added, removed, changed


def reextract_document(
    db: sqlite_utils.Database, document: Document, version: str, dry_run: bool = False
) -> DocumentChanges:
    """Compare a freshly extracted document with what is stored and, unless ``dry_run``, store it
    in one transaction; reviews apply again at the end."""
    # a dry run keeps the incidents it would discover to itself (a dict), the real run stores them
    new = list(_claim_records(document, version, discovered={} if dry_run else None, db=db))
    mentions = (db["mentions"].count_where("document_id = ?", [document.id]), len(document.mentions))
    if dry_run:
        return _changes(document.id, _stored_claims(db, document.id), new, mentions)[0]
    with db.atomic():
        # the claims as the extractor last wrote them, rejected ones back among them, then compared
        review_store.restore_extracted(db, [document.id])
        old = [dict(row) for row in db["claims"].rows_where("document_id = ?", [document.id])]
        counts, added, removed, changed = _changes(document.id, old, new, mentions)
        store.save_new_actors(db, document.new_actors)
        for row in removed:
            db.execute("DELETE FROM claims WHERE id = ?", [row["id"]])
        for previous, record in changed:
            db["claims"].update(previous["id"], {k: record[k] for k in compared(record)})
        db["claims"].insert_all(added, pk="id")
        db.execute("UPDATE claims SET extractor = ? WHERE document_id = ?", [version, document.id])
        db.execute("DELETE FROM mentions WHERE document_id = ?", [document.id])
        db["mentions"].insert_all(_mention_records(document), pk="id")
        columns = {"extractor": version, "status": document.status, "n_claims": len(document.claims)}
        db["documents"].update(document.id, {**columns, "n_mentions": len(document.mentions)})
        review_store.refresh_documents(db, [document.id], fresh=True)
        _refresh_derived(db, document.id, old, new)
    return counts


def _refresh_derived(db: sqlite_utils.Database, document_id: str, old: list[dict], new: list[dict]) -> None:
    """The denial pairs and the incidents' counts the document's claims feed (kb/denials.py,
    kb/attributions.py)."""
    from kb.attributions import refresh_attributions
    from kb.denials import refresh_denial_answers

    if "denial_answers" in db.table_names():
        refresh_denial_answers(db, [document_id])
        refresh_attributions(db, {c.get("incident_id") for c in old + new} - {None})
    if "graph_links_dirty" in db.table_names():
        from kb.graph_links import refresh_graph_links

        refresh_graph_links(db)


def reextract(
    db: sqlite_utils.Database,
    document_ids: list[str],
    version: str,
    dry_run: bool = False,
    models: dict[str, str] | None = None,
    workers: int = 1,
    batch_size: int = 32,
    progress: bool = True,
    echo: Callable[[str], None] | None = None,
    extract: Callable[[Iterable[Document]], Iterator[list[Document]]] | None = None,
) -> ReextractSummary:
    """Read ``document_ids`` again with the current extractor; ``echo`` gets a line per document
    that changed (and per error). ``extract`` replaces the spaCy engine (tests, other engines)."""
    echo = echo or (lambda message: print(message, file=sys.stderr))
    summary = ReextractSummary(dry_run=dry_run)
    documents = (stored_document(db, document_id) for document_id in document_ids)
    batches = (
        extract(documents) if extract else engines.run_local(documents, models, batch_size, workers=workers)
    )
    bar = tqdm(total=len(document_ids), desc="reextract", unit="doc", disable=not progress, file=sys.stderr)

    def say(message: str) -> None:
        with tqdm.external_write_mode(file=sys.stderr):
            echo(message)

    try:
        for batch in batches:
            for document in batch:
                bar.update(1)
                if document.status == "failed":
                    message = f"error: {document.id}: {document.error}; its stored claims are kept"
                    store.save_error(
                        db, ReadError(f"documents/{document.id}", f"reextract: {document.error}")
                    )
                    summary.errors.append(message)
                    say(message)
                    continue
                changes = reextract_document(db, document, version, dry_run)
                summary.add(changes)
                if changes.any:
                    say(str(changes))
    finally:
        bar.close()
        batches.close()
    if summary.changed_documents and not dry_run:
        refresh_actor_stats(db)
    return summary
