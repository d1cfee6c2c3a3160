"""Ingest: read inputs, skip what is stored, extract, write one batch per transaction.

Documents stream through: the reader yields them one at a time, a text already stored is
skipped before any model runs, an engine (``kb.engines``: this process, local worker
processes, or a Dask cluster) extracts them in batches, and this process, the one writer,
stores each batch as it arrives in one transaction. Memory does not grow with the corpus and
an interrupted run loses at most the batches in flight.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from extract.gazetteer import load_gazetteer
from extract.read import iter_documents
from extract.records import Document, ReadError
from kb import engines, incidents, store
from kb.analytics import refresh_actor_stats
from kb.denials import refresh_denial_answers, set_window_days
from kb.duplicates import mark_duplicates
from kb.graph_drawn import refresh_links_and_drawn
from kb.reextract import outdated_count


@dataclass
class IngestSummary:
    documents: int = 0  # newly stored
    skipped: int = 0  # already stored with the same text
    renamed: int = 0  # stored under a new id: the one made up from their file named another text
    errors: int = 0
    claims: int = 0
    mentions: int = 0
    unsupported: int = 0
    duplicates: int = 0  # new documents found to repeat another one
    actors: int = 0  # actors in the KB after the run
    outdated: int = 0  # stored documents an older extractor read (kb reextract)
    error_messages: list[str] = field(default_factory=list)

    @property
    def read_anything(self) -> bool:
        return self.documents + self.skipped > 0

    def __str__(self) -> str:
        parts = [
            f"{self.documents} new document{'s' if self.documents != 1 else ''}",
            f"{self.claims} claims",
            f"{self.mentions} actor mentions",
            f"{self.skipped} skipped (already stored)",
            f"{self.errors} error{'s' if self.errors != 1 else ''}",
            f"{self.actors} actors in the KB",
        ]
        if self.unsupported:
            parts.insert(1, f"{self.unsupported} in a language without claim extraction")
        if self.duplicates:
            plural = "s" if self.duplicates != 1 else ""
            parts.insert(1, f"{self.duplicates} near-duplicate{plural} of another document")
        if self.renamed:
            parts.insert(1, f"{self.renamed} under a new id (theirs named another text)")
        text = ", ".join(parts)
        if self.documents == 0 and self.skipped and not self.errors:
            text += ". Nothing new: every document was already in the knowledge base."
        if self.outdated:
            text += "" if text.endswith(".") else "."
            text += (
                f" {self.outdated} stored document{'s were' if self.outdated != 1 else ' was'} read by an "
                "older extractor: `kb reextract` reads them again."
            )
        return text


def _new_documents(
    items: Iterable[Document | ReadError],
    db,
    summary: IngestSummary,
    on_error: Callable[[ReadError], None],
    echo: Callable[[str], None],
) -> Iterator[Document]:
    """Documents whose cleaned text is not stored yet, each under an id no other text has;
    errors are reported and passed over."""
    known = store.known_hashes(db)
    placed: dict[str, str] = {}  # id -> digest of the text given it in this run
    for item in items:
        if isinstance(item, ReadError):
            summary.errors += 1
            on_error(item)
            continue
        digest = store.sha256_of(item.text)
        if digest in known:
            summary.skipped += 1
            continue
        known.add(digest)  # the same text twice in one run is stored once
        original = item.id
        if not _place(item, digest, db, placed):
            summary.errors += 1
            on_error(_collision(item, original))
            continue
        if item.id != original:
            summary.renamed += 1
            echo(f"note: {_where(item)}: the id {original!r} names another text; stored as {item.id!r}")
        placed[item.id] = digest
        yield item


def _place(document: Document, digest: str, db, placed: dict[str, str]) -> bool:
    """Keep the document's id when no other text has it (or it is this file's own earlier
    text); else a made-up id gets the text's digest, and a given one is refused (False)."""
    for candidate in (document.id, f"{document.id}-{digest[:12]}", f"{document.id}-{digest}"):
        if candidate not in placed and store.replaces(document, store.stored_under(db, candidate)):
            document.id = candidate
            return True
        if not document.derived_id:
            return False
    return False


def _where(document: Document) -> str:
    path = document.source_path or document.id
    return f"{path}:{document.source_line}" if document.source_line else path


def _collision(document: Document, doc_id: str) -> ReadError:
    return ReadError(
        document.source_path or doc_id,
        f"the id {doc_id!r} already names another text (from another input, or earlier in this one): "
        "not stored, so that neither is lost; give this document an id of its own",
        document.source_line,
    )


def ingest(
    paths: Iterable[str | Path],
    db_path: str | Path,
    lang: str = "auto",
    workers: int = 1,
    batch_size: int = 32,
    models: dict[str, str] | None = None,
    progress: bool = True,
    echo: Callable[[str], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    date: str | None = None,
    denial_window: int | None = None,
    documents: Iterable[Document | ReadError] | None = None,
) -> IngestSummary:
    """Ingest every document under ``paths`` into the knowledge base at ``db_path``.

    ``documents``, when given, are read instead of ``paths`` (``kb watch`` hands over what it fetched).

    ``engine`` is ``local`` (``workers`` processes on this machine) or ``dask`` (the cluster
    at ``scheduler``, else a local Dask cluster of ``workers`` processes). ``date`` dates the
    documents that carry none (extract.read); ``denial_window`` is the number of days before a
    denial in which an accusation it does not name is answered (kb.denials; kept in the KB).
    """
    from extract.pipeline import EXTRACTOR_VERSION

    if engine not in engines.ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(engines.ENGINES)}")
    if scheduler and engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    echo = echo or (lambda message: print(message, file=sys.stderr))
    summary = IngestSummary()
    db = store.open_db(db_path)
    store.save_actors(db, load_gazetteer().actors.values())
    store.save_incidents(db, incidents.read_curated())
    if denial_window is not None:
        set_window_days(db, denial_window)

    def on_error(error: ReadError) -> None:
        message = f"error: {error}"
        summary.error_messages.append(message)
        store.save_error(db, error)
        echo(message)

    items = documents if documents is not None else iter_documents(paths, lang=lang, default_date=date)
    fresh = _new_documents(items, db, summary, on_error, echo)
    if engine == "dask":
        batches = engines.run_dask(fresh, models, batch_size, workers=workers, scheduler=scheduler)
    else:
        batches = engines.run_local(fresh, models, batch_size, workers=workers)
    bar = tqdm(desc="ingest", unit="doc", disable=not progress, file=sys.stderr)
    stored: list[str] = []
    try:
        for batch in batches:
            failed = [d for d in batch if d.status == "failed"]
            batch = [d for d in batch if d.status != "failed"]
            for document in failed:  # not stored: a later run tries it again
                summary.errors += 1
                on_error(
                    ReadError(
                        document.source_path or document.id,
                        f"{document.id}: {document.error}",
                        document.source_line,
                    )
                )
            added = store.add_documents(db, batch, extractor=EXTRACTOR_VERSION)
            summary.skipped += len(added.skipped)
            for document in added.refused:  # another ingest gave its id to another text meanwhile
                summary.errors += 1
                on_error(_collision(document, document.id))
            for document in added.saved:
                stored.append(document.id)
                summary.documents += 1
                summary.claims += len(document.claims)
                summary.mentions += len(document.mentions)
                if document.status == "unsupported_language":
                    summary.unsupported += 1
            bar.update(len(batch) + len(failed))
    finally:
        bar.close()
        batches.close()  # stops the workers when the writer fails
    summary.duplicates = mark_duplicates(db, stored)
    # each batch rebuilt the pairs it may change (store.save_documents); a new window changes all
    if denial_window is not None:
        refresh_denial_answers(db)
    if summary.documents or store.stats_are_stale(db):  # stale: a run killed before this point
        refresh_actor_stats(db)
    else:  # the gazetteer may have moved an actor to another state (kb.graph_links, kb.graph_drawn)
        refresh_links_and_drawn(db)
    summary.actors = db["actors"].count
    summary.outdated = outdated_count(db, EXTRACTOR_VERSION)
    return summary
