"""The SQLite knowledge base: its migrations (the schema they create is declared in kb.schema), writes.

The schema is the analysts' interface (README, "The schema in brief"): change it only through
an issue, by adding a step to ``migrations``. Every write of a document, its mentions and its
claims happens in one transaction, so an interrupted ingest never leaves a half-written document
behind.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from extract.records import Actor, Document, ReadError
from kb import actor_lookup, faults, incidents, review_store
from kb.schema import (
    ACTOR_NAMES_COLUMNS,
    ACTOR_PAGE_INDEXES,
    ACTOR_SENTENCES_COLUMNS,
    ACTOR_STATS_COLUMNS,
    ACTORS_COLUMNS,
    ATTRIBUTION_INDEXES,
    CLAIM_INCIDENT_COLUMNS,
    CLAIM_MONTHS_COLUMNS,
    CLAIMS_COLUMNS,
    COUNTER_ACCUSATION_PAIRS_COLUMNS,
    DOCUMENT_DATE_COLUMNS,
    DOCUMENTS_COLUMNS,
    FEED_INDEXES,
    FOREIGN_KEYS,
    FTS_CONFIG,
    FTS_TOKENIZE,
    INCIDENT_INDEXES,
    INCIDENTS_COLUMNS,
    INDEXES,
    INGEST_ERRORS_COLUMNS,
    MENTIONS_COLUMNS,
    ROLLED_KINDS,
    SUBJECT_STATE_SQL,
    SUPERSEDED_INDEXES,
    VIEWS,
)

# a writer waits this long for another's write lock (a concurrent ingest's batch, its statistics)
BUSY_TIMEOUT_MS = 60_000

# The schema's history: each step runs once per KB, in this order, recorded in the table
# _sqlite_migrations. A KB written by an earlier version gets the steps it lacks when it is
# opened. To change the schema, add a step at the end of this list (never edit an applied one);
# a view whose SQL changes is re-created by itself (its step's name carries the SQL's digest).
migrations = Migrations("cyber-claims-kb")


@migrations()
def m001_tables(db: sqlite_utils.Database) -> None:
    # if_not_exists: a KB from before the migrations already has them
    db["documents"].create(DOCUMENTS_COLUMNS, pk="id", not_null={"text"}, if_not_exists=True)
    db["actors"].create(ACTORS_COLUMNS, pk="id", not_null={"name", "kind"}, if_not_exists=True)
    db["mentions"].create(
        MENTIONS_COLUMNS, pk="id", foreign_keys=FOREIGN_KEYS["mentions"], if_not_exists=True
    )
    db["claims"].create(CLAIMS_COLUMNS, pk="id", foreign_keys=FOREIGN_KEYS["claims"], if_not_exists=True)
    db["ingest_errors"].create(INGEST_ERRORS_COLUMNS, pk="id", if_not_exists=True)
    db["documents"].create_index(["sha256"], unique=True, if_not_exists=True)


@migrations()
def m002_claims_published(db: sqlite_utils.Database) -> None:
    """Claims written before they carried their document's date get it."""
    if "published" in db["claims"].columns_dict:
        return
    db["claims"].add_column("published", str)
    db.execute(
        "UPDATE claims SET published = (SELECT published FROM documents WHERE id = claims.document_id)"
    )


@migrations()
def m003_indexes(db: sqlite_utils.Database) -> None:
    db.index_foreign_keys()
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)


@migrations()
def m004_full_text_search(db: sqlite_utils.Database) -> None:
    for table, columns in FTS_CONFIG.items():
        if not db[table].detect_fts():
            db[table].enable_fts(columns, create_triggers=True, tokenize=FTS_TOKENIZE)


@migrations()
def m005_actor_names(db: sqlite_utils.Database) -> None:
    """Every id, name and alias under its folded key (kb.actor_lookup), filled from the actors."""
    db["actor_names"].create(
        ACTOR_NAMES_COLUMNS,
        pk=("actor_id", "key"),
        foreign_keys=[("actor_id", "actors", "id")],
        if_not_exists=True,
    )
    db["actor_names"].create_index(["key", "rank", "actor_id"], if_not_exists=True)
    names = [row for actor in list(db["actors"].rows) for row in actor_lookup.name_rows(actor)]
    db["actor_names"].insert_all(names, pk=("actor_id", "key"), replace=True)


@migrations()
def m006_actor_stats(db: sqlite_utils.Database) -> None:
    if db["actor_stats"].exists():  # a KB from before the migrations filled it already
        return
    db["actor_stats"].create(
        ACTOR_STATS_COLUMNS,
        pk="actor_id",
        foreign_keys=[("actor_id", "actors", "id")],
        column_order=list(ACTOR_STATS_COLUMNS),
    )


@migrations()
def m007_ingest_errors_once(db: sqlite_utils.Database) -> None:
    """One row per failing input (path, line, reason), however often it was read: drop repeats."""
    db.execute(
        "DELETE FROM ingest_errors WHERE id NOT IN (SELECT max(id) FROM ingest_errors "
        "GROUP BY path, ifnull(line, -1), reason)"
    )
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS idx_ingest_errors_input "
        "ON ingest_errors(path, ifnull(line, -1), reason)"
    )


@migrations()
def m008_documents_counts(db: sqlite_utils.Database) -> None:
    """Each document's numbers of claims and mentions, for the documents list."""
    for column in ("n_claims", "n_mentions"):
        if column not in db["documents"].columns_dict:
            db["documents"].add_column(column, int)
    db.execute(
        "UPDATE documents SET n_claims = (SELECT count(*) FROM claims WHERE document_id = documents.id), "
        "n_mentions = (SELECT count(*) FROM mentions WHERE document_id = documents.id)"
    )


@migrations()
def m009_documents_extractor(db: sqlite_utils.Database) -> None:
    """Each document's extractor version (kb reextract finds the documents an older one read)."""
    if "extractor" not in db["documents"].columns_dict:
        db["documents"].add_column("extractor", str)
    db.execute(
        "UPDATE documents SET extractor = "
        "(SELECT max(extractor) FROM claims WHERE document_id = documents.id)"
    )
    db["documents"].create_index(["extractor"], if_not_exists=True)


@migrations()
def m010_reviews(db: sqlite_utils.Database) -> None:
    """Reviews keyed by claim fingerprint, the claims' review marks, rejected claims set apart."""
    review_store.create_tables(db)


@migrations()
def m011_feeds(db: sqlite_utils.Database) -> None:
    """kb watch: each source's last fetch, status and error (feeds), the articles its feeds list."""
    from kb import watch  # the tables are kb watch's; imported here, not at start, to avoid a cycle

    watch.create_tables(db)


@migrations()
def m012_documents_source(db: sqlite_utils.Database) -> None:
    """Where each document was read from: the same id from another file is another document."""
    for column, kind in (("source_file", str), ("source_line", int)):
        if column not in db["documents"].columns_dict:
            db["documents"].add_column(column, kind)


@migrations()
def m013_claims_version(db: sqlite_utils.Database) -> None:
    """A counter that every change to the claims moves on (triggers), and the value the
    statistics were computed at: stats older than the claims are seen, whoever wrote the claims
    and however the writer stopped."""
    db.execute("CREATE TABLE IF NOT EXISTS _kb_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
    has_claims = db.execute("SELECT EXISTS (SELECT 1 FROM claims)").fetchone()[0]
    # a KB from before: its statistics may be stale; refreshing them once costs little
    db.execute(
        "INSERT OR IGNORE INTO _kb_state (key, value) VALUES ('claims_version', ?), ('stats_version', 0)",
        [int(has_claims)],
    )
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS claims_version_{event.lower()} AFTER {event} ON claims "
            "BEGIN UPDATE _kb_state SET value = value + 1 WHERE key = 'claims_version'; END"
        )


@migrations()
def m014_newest_first_indexes(db: sqlite_utils.Database) -> None:
    """Indexes that let the actor page and the timeline read the newest claims first (INDEXES)."""
    m003_indexes(db)


@migrations()
def m015_claim_months(db: sqlite_utils.Database) -> None:
    """Claims per month, stance and actor, computed with actor_stats (kb.analytics): the timeline
    reads a few rows instead of counting a million claims per request."""
    db["claim_months"].create(CLAIM_MONTHS_COLUMNS, pk=("actor_id", "month", "series"), if_not_exists=True)
    db.execute("UPDATE _kb_state SET value = value + 1 WHERE key = 'claims_version'")  # compute them


@migrations()
def m016_incidents(db: sqlite_utils.Database) -> None:
    """Incidents (curated and discovered), the incident and victim of each claim, how each
    document got its date and which one it duplicates, the denials' reasons (kb/denials.py)."""
    from kb.denials import DENIAL_ANSWERS_COLUMNS, refresh_denial_answers

    db["incidents"].create(INCIDENTS_COLUMNS, pk="id", not_null={"name"}, if_not_exists=True)
    for table, columns in (("claims", CLAIM_INCIDENT_COLUMNS), ("documents", DOCUMENT_DATE_COLUMNS)):
        for column, definition in columns.items():
            if column not in db[table].columns_dict:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
    if db["rejected_claims"].exists():  # the same columns as claims (kb/review_store.py), no keys
        for column in CLAIM_INCIDENT_COLUMNS:
            if column not in db["rejected_claims"].columns_dict:
                db["rejected_claims"].add_column(column, str)
    db["kb_settings"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    # derived from the claims and rebuilt with them: no foreign keys, so that a claim a reviewer
    # rejects (kb review moves it to rejected_claims) is never held back by a pair
    db["denial_answers"].create(DENIAL_ANSWERS_COLUMNS, pk=("denial_id", "accusation_id"), if_not_exists=True)
    db["document_signatures"].create(
        {"document_id": str, "text_signature": bytes, "actors_signature": bytes},
        pk="document_id",
        foreign_keys=[("document_id", "documents", "id")],
        if_not_exists=True,
    )
    from kb.attributions import ATTRIBUTION_STATS_COLUMNS, CLAIMANT_STATS_COLUMNS, INCIDENT_STATS_COLUMNS

    db["attribution_stats"].create(
        ATTRIBUTION_STATS_COLUMNS,
        pk=("incident_id", "accused_id"),
        foreign_keys=[("incident_id", "incidents", "id"), ("accused_id", "actors", "id")],
        if_not_exists=True,
    )
    db["claimant_stats"].create(
        CLAIMANT_STATS_COLUMNS,
        pk=("incident_id", "claimant_id"),
        foreign_keys=[("incident_id", "incidents", "id"), ("claimant_id", "actors", "id")],
        if_not_exists=True,
    )
    db["incident_stats"].create(
        INCIDENT_STATS_COLUMNS,
        pk="incident_id",
        foreign_keys=[("incident_id", "incidents", "id")],
        if_not_exists=True,
    )
    for table, indexes in INCIDENT_INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)
    save_incidents(db, incidents.read_curated())
    db.execute(SUBJECT_STATE_SQL)
    link_stored_claims(db)
    db.execute(
        "UPDATE documents SET date_source = 'given' WHERE published IS NOT NULL AND date_source IS NULL"
    )
    refresh_denial_answers(db)


@migrations()
def m017_graph_links(db: sqlite_utils.Database) -> None:
    """The graph's links kept in tables, with the triggers that mark what a change touches
    (kb/graph_links.py): the graph page and who_accuses_whom read them instead of the claims."""
    from kb.graph_links import create_tables, rebuild_graph_links

    create_tables(db)
    rebuild_graph_links(db)


@migrations()
def m018_mentions_by_actor(db: sqlite_utils.Database) -> None:
    """The index that counts an actor's documents from its mentions alone (INDEXES)."""
    m003_indexes(db)


@migrations()
def m019_counter_accusation_pairs(db: sqlite_utils.Database) -> None:
    """The counter_accusations view's rows kept with actor_stats (kb.analytics): the canned query
    reads them while they are as new as the claims."""
    db["counter_accusation_pairs"].create(
        COUNTER_ACCUSATION_PAIRS_COLUMNS, pk=("denier_id", "accuser_id"), if_not_exists=True
    )
    db.execute("UPDATE _kb_state SET value = value + 1 WHERE key = 'claims_version'")  # compute them


@migrations()
def m020_attribution_denials(db: sqlite_utils.Database) -> None:
    """Who denied each attribution, kept in attribution_stats (kb/attributions.py) and counted
    again for every incident."""
    from kb.attributions import ATTRIBUTION_STATS_COLUMNS, refresh_attributions

    for column in ("denied_by", "denied"):
        if column not in db["attribution_stats"].columns_dict:
            db["attribution_stats"].add_column(column, ATTRIBUTION_STATS_COLUMNS[column])
    refresh_attributions(db)


@migrations()
def m021_actor_page_indexes(db: sqlite_utils.Database) -> None:
    """The actor page at a million claims: its sentences counted from indexes, kept per actor in
    actor_sentences with actor_stats (kb.analytics); a subject's claims and the denials naming
    an accuser read newest first from an index (ACTOR_PAGE_INDEXES, replacing the indexes they
    start with). About 10 s at a million claims."""
    created = []
    for table, indexes in ACTOR_PAGE_INDEXES.items():
        for columns in indexes:
            name = f"idx_{table}_{'_'.join(columns)}"
            if name not in {index.name for index in db[table].indexes}:
                db[table].create_index(columns, index_name=name)
                created.append(name)
    for name in SUPERSEDED_INDEXES:
        db.execute(f"DROP INDEX IF EXISTS {name}")
    # a KB with statistics (ANALYZE) gets them for the new indexes, or SQLite would guess theirs
    # against the measured ones; a KB without keeps none
    if created and db["sqlite_stat1"].exists():
        for name in created:
            db.execute(f"ANALYZE {name}")
    db["actor_sentences"].create(
        ACTOR_SENTENCES_COLUMNS, pk=("actor_id", "stance", "role"), if_not_exists=True
    )
    db.execute("UPDATE _kb_state SET value = value + 1 WHERE key = 'claims_version'")  # compute them


@migrations()
def m022_attributions_denied_index(db: sqlite_utils.Database) -> None:
    """The attributions page's facet on denied, counted from an index (ATTRIBUTION_INDEXES)."""
    for table, indexes in ATTRIBUTION_INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)


@migrations()
def m023_documents_by_storage(db: sqlite_utils.Database) -> None:
    """The new_claims feed at a million claims: the documents read newest stored first from an
    index (FEED_INDEXES), with its statistics when the KB keeps some. Under a second at 200,000
    documents."""
    for table, indexes in FEED_INDEXES.items():
        for columns in indexes:
            name = f"idx_{table}_{'_'.join(columns)}"
            if name not in {index.name for index in db[table].indexes}:
                db[table].create_index(columns, index_name=name)
                if db["sqlite_stat1"].exists():
                    db.execute(f"ANALYZE {name}")


@migrations()
def m024_graph_drawn_denials(db: sqlite_utils.Database) -> None:
    """The whole KB's denial arrows kept with the statistics (kb/graph_drawn.py): the graph page
    opened without a filter reads them instead of adding up 66,000 targets at a million claims.
    Counted now (under a second at a million claims) when the kept links are current."""
    from kb.graph_drawn import create_table, keep_drawn_denials

    create_table(db)
    keep_drawn_denials(db)


@migrations()
def m025_actor_stats_documents(db: sqlite_utils.Database) -> None:
    """actor_profile's count of the documents naming an actor, kept in actor_stats (half a second
    at a million claims, counted here): a mention written or deleted moves claims_version on, as
    a claim does, so that the statistics are read only while they count the mentions as they are."""
    if "documents_naming" not in db["actor_stats"].columns_dict:
        db["actor_stats"].add_column("documents_naming", int)
    db.execute(
        "UPDATE actor_stats SET documents_naming = (SELECT count(DISTINCT m.document_id) FROM mentions m "
        "WHERE m.actor_id = actor_stats.actor_id)"
    )
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS claims_version_mentions_{event.lower()} AFTER {event} ON mentions "
            "BEGIN UPDATE _kb_state SET value = value + 1 WHERE key = 'claims_version'; END"
        )


def save_incidents(db: sqlite_utils.Database, records: Iterable[dict]) -> int:
    """Upsert curated incidents (a discovered one with the same id becomes curated)."""
    records = list(records)
    with write_transaction(db):
        db["incidents"].upsert_all(records, pk="id", column_order=list(INCIDENTS_COLUMNS))
    return len(records)


def link_stored_claims(db: sqlite_utils.Database) -> int:
    """Link every stored claim to its incident and victim (kb.incidents), as an ingest would."""
    titles = {row["id"]: row["title"] for row in db.query("SELECT id, title FROM documents")}
    mentions: dict[str, list[dict]] = {}
    for row in db.query(
        "SELECT m.document_id, m.actor_id, m.start_char, m.end_char, a.kind "
        "FROM mentions m JOIN actors a ON a.id = m.actor_id"
    ):
        mentions.setdefault(row["document_id"], []).append(row)
    by_document: dict[str, list[dict]] = {}
    for claim in db.query("SELECT * FROM claims ORDER BY document_id, id"):
        if claim.get("incident_via") != incidents.VIA_EXTRACTOR:  # linked by the KB: link again
            claim = {**claim, "incident_id": None, "target_id": None}
        by_document.setdefault(claim["document_id"], []).append(claim)
    updates, found = [], {}
    for document_id, claims in by_document.items():
        text = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        links = incidents.link_document_claims(
            claims, mentions.get(document_id, []), titles.get(document_id), text[0] if text else None
        )
        for claim, link in zip(claims, links, strict=True):
            if link.discovered:
                found[link.discovered["id"]] = link.discovered
            updates.append((link.incident_id, link.target_id, link.via, claim["id"]))
    with write_transaction(db):
        _insert_discovered(db, found.values())
        db.conn.executemany(
            "UPDATE claims SET incident_id = ?, target_id = ?, incident_via = ? WHERE id = ?", updates
        )
        db.execute(
            "DELETE FROM incidents WHERE source = 'discovered' "
            "AND id NOT IN (SELECT incident_id FROM claims WHERE incident_id IS NOT NULL)"
        )
    if "attribution_stats" in db.table_names():
        from kb.attributions import refresh_attributions

        refresh_attributions(db)
    return len(updates)


def _insert_discovered(db: sqlite_utils.Database, records: Iterable[dict]) -> None:
    """Discovered incidents never overwrite a stored one (curated or discovered earlier)."""
    db["incidents"].insert_all(list(records), pk="id", ignore=True, column_order=list(INCIDENTS_COLUMNS))


def _register_views() -> None:
    for name, sql in VIEWS.items():
        digest = hashlib.sha256(sql.strip().encode("utf-8")).hexdigest()[:12]

        def create(db: sqlite_utils.Database, name: str = name, sql: str = sql) -> None:
            db.create_view(name, sql.strip(), replace=True)

        migrations(name=f"view {name} {digest}")(create)


_register_views()


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (or create) the knowledge base and bring its schema up to date.

    WAL mode lets Datasette read during an ingest. Raises ValueError, naming the file, when
    it cannot be opened or is not a SQLite database.
    """
    path = Path(path)
    if not path.parent.exists():
        raise ValueError(f"{path}: the folder {path.parent} does not exist")
    try:
        db = sqlite_utils.Database(path)
    except sqlite3.Error as error:
        raise ValueError(f"{path}: cannot open the database ({error})") from None
    actor_lookup.register_functions(db.conn)
    # wait for a reader's or another writer's lock instead of failing with "database is locked"
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        db.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as error:  # a text file, a damaged KB, a read-only mount
        db.conn.close()
        raise ValueError(faults.describe(error, path)) from None
    # in WAL mode NORMAL still survives a killed process; only a power cut may lose the last commits
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    if migrations.pending(db):
        with write_transaction(db):  # two first opens of one file: one applies, the other waits
            migrations.apply(db)
    return db


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A transaction that takes the write lock first (BEGIN IMMEDIATE).

    A deferred transaction that reads before it writes cannot wait for another writer: SQLite
    answers "database is locked" at once. Taking the lock first, a second ingest waits its turn
    (busy_timeout). Nested, it is a savepoint of the one around it.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def pending_migrations(path: str | Path) -> list[str]:
    """The schema steps a KB lacks, read without writing (``kb serve`` applies them first)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [m.name for m in migrations.pending(sqlite_utils.Database(conn))]
    finally:
        conn.close()


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def known_hashes(db: sqlite_utils.Database) -> set[str]:
    return {row["sha256"] for row in db.query("SELECT sha256 FROM documents")}


def source_file(doc: Document) -> str | None:
    return os.path.abspath(doc.source_path) if doc.source_path else None


def stored_under(db: sqlite_utils.Database, doc_id: str) -> dict | None:
    """The digest and source file of the text stored under ``doc_id``, if any."""
    found = db.execute("SELECT sha256, source_file FROM documents WHERE id = ?", [doc_id]).fetchone()
    return {"sha256": found[0], "source_file": found[1]} if found else None


def replaces(doc: Document, stored: dict | None) -> bool:
    """Whether storing ``doc`` over ``stored`` is an edit of the same input, not another text
    taking its id: a file read again, whose text changed."""
    return stored is None or (stored["source_file"] is not None and stored["source_file"] == source_file(doc))


def claims_version(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT value FROM _kb_state WHERE key = 'claims_version'").fetchone()[0]


def stats_are_stale(db: sqlite_utils.Database) -> bool:
    """Whether the claims changed since ``actor_stats`` was computed (kb.analytics)."""
    versions = dict(db.execute("SELECT key, value FROM _kb_state").fetchall())
    return versions.get("stats_version") != versions.get("claims_version")


def mark_stats_version(db: sqlite_utils.Database, version: int) -> None:
    db.execute("UPDATE _kb_state SET value = ? WHERE key = 'stats_version'", [version])


def actor_record(actor: Actor) -> dict:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "aliases": json.dumps(list(actor.aliases), ensure_ascii=False),
        "source": actor.source,
        "ref": actor.ref,
    }


def save_actors(db: sqlite_utils.Database, actors: Iterable[Actor]) -> int:
    """Upsert the gazetteer's actors; returns how many were written."""
    records = [actor_record(a) for a in actors]
    with write_transaction(db):
        db["actors"].upsert_all(records, pk="id")
        _replace_names(db, records)
    return len(records)


def _replace_names(db: sqlite_utils.Database, records: list[dict]) -> None:
    """The lookup keys of these actors (kb.actor_lookup), replacing the ones stored before."""
    for chunk, marks in _chunks([r["id"] for r in records]):
        db.execute(f"DELETE FROM actor_names WHERE actor_id IN ({marks})", chunk)
    db["actor_names"].insert_all(
        (row for record in records for row in actor_lookup.name_rows(record)), pk=("actor_id", "key")
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def save_document(db: sqlite_utils.Database, doc: Document, extractor: str = "") -> None:
    """Store one document with its mentions and claims, all or nothing.

    A document stored earlier under the same id is replaced whole (its old mentions and
    claims go with it), so re-running the extractor never duplicates claims.
    """
    save_documents(db, [doc], extractor=extractor)


def _document_record(doc: Document, ingested_at: str) -> dict:
    return {
        "id": doc.id,
        "sha256": sha256_of(doc.text),
        "title": doc.title,
        "url": doc.url,
        "publisher": doc.publisher,
        "published": doc.published,
        "license": doc.license,
        "attribution": doc.attribution,
        "lang": doc.lang,
        "status": doc.status,
        "text": doc.text,
        "n_words": doc.n_words,
        "ingested_at": ingested_at,
        "n_claims": len(doc.claims),
        "n_mentions": len(doc.mentions),
        "date_source": doc.date_source,
        "source_file": source_file(doc),
        "source_line": doc.source_line,
    }


def _mention_records(doc: Document) -> Iterator[dict]:
    for m in doc.mentions:
        yield {
            "document_id": doc.id,
            "actor_id": m.actor_id,
            "text": m.text,
            "start_char": m.start_char,
            "end_char": m.end_char,
        }


def _actor_kinds(db: sqlite_utils.Database, ids: set[str]) -> dict[str, tuple[str, str | None]]:
    """id -> (kind, country) of these actors."""
    kinds = {}
    for chunk, marks in _chunks(sorted(ids)):
        for actor_id, kind, country in db.execute(
            f"SELECT id, kind, country FROM actors WHERE id IN ({marks})", chunk
        ):
            kinds[actor_id] = (kind, country)
    return kinds


def _state_of(actor: tuple[str, str | None] | None, actor_id: str) -> str:
    kind, country = actor or (None, None)
    return country if kind in ROLLED_KINDS and country else actor_id


def _claim_records(
    doc: Document,
    extractor: str,
    discovered: dict[str, dict] | None = None,
    db: sqlite_utils.Database | None = None,
) -> list[dict]:
    """The claims rows of a document, linked to their incidents (kb.incidents). The incidents it
    discovers go into ``discovered``, or, without it, straight into ``db``; without ``db``, actors
    are not looked up (their kinds and states unknown)."""
    document_sha256 = sha256_of(doc.text)
    records = [
        {
            "document_id": doc.id,
            "claimant_id": c.claimant_id,
            "speaker_id": c.speaker_id,
            "stance": c.stance,
            "subject_id": c.subject_id,
            "counterpart_id": c.counterpart_id,
            "incident": c.incident,
            "degree": c.degree,
            "hedged": int(c.hedged),
            "confidence": round(float(c.confidence), 3),
            "cue": c.cue,
            "evidence": c.evidence,
            "start_char": c.start_char,
            "end_char": c.end_char,
            "extractor": extractor,
            "published": doc.published,
            "fingerprint": review_store.fingerprint(
                document_sha256, c.claimant_id, c.stance, c.subject_id, c.evidence
            ),
        }
        for c in doc.claims
    ]
    given = [
        {**r, "incident_id": c.incident_id, "target_id": c.target_id}
        for r, c in zip(records, doc.claims, strict=True)
    ]
    ids = {m.actor_id for m in doc.mentions} | {c.subject_id for c in doc.claims}
    kinds = _actor_kinds(db, ids) if db is not None else {}
    mentions = [{**vars(m), "kind": (kinds.get(m.actor_id) or ("state",))[0]} for m in doc.mentions]
    found: dict[str, dict] = {}
    links = incidents.link_document_claims(given, mentions, doc.title, doc.text)
    for record, link in zip(records, links, strict=True):
        if link.discovered:
            found.setdefault(link.discovered["id"], link.discovered)
        record.update(
            incident_id=link.incident_id,
            target_id=link.target_id,
            incident_via=link.via,
            subject_state=_state_of(kinds.get(record["subject_id"]), record["subject_id"]),
        )
    if discovered is not None:
        discovered.update({k: v for k, v in found.items() if k not in discovered})
    elif db is not None:
        _insert_discovered(db, found.values())
    return records


# SQLite's default limit on host parameters is 999 in old builds
_MAX_PARAMETERS = 500


def save_documents(db: sqlite_utils.Database, docs: Iterable[Document], extractor: str = "") -> int:
    """Store a batch of documents with their mentions and claims in one transaction.

    Same result as ``save_document`` on each in turn (a later document with the same id
    replaces an earlier one, whole), at the cost of one commit and one insert per table for
    the batch instead of per document. Returns how many documents were written.
    """
    latest = {doc.id: doc for doc in docs}
    if not latest:
        return 0
    with write_transaction(db):
        _write_documents(db, latest, extractor)
    return len(latest)


@dataclasses.dataclass
class Added:
    """What ``add_documents`` did with each document."""

    saved: list[Document] = dataclasses.field(default_factory=list)
    # the same text is stored already (a concurrent ingest stored it meanwhile)
    skipped: list[Document] = dataclasses.field(default_factory=list)
    # the id names another text, read from another input: not stored
    refused: list[Document] = dataclasses.field(default_factory=list)


def add_documents(db: sqlite_utils.Database, docs: Iterable[Document], extractor: str = "") -> Added:
    """Store new documents in one transaction, never over another input's text.

    Checked under the write lock, so that two ingests writing at once cannot lose a text: a
    text stored meanwhile is skipped, an id taken meanwhile by another input's text is refused.
    A document replaces the one stored under its id only when it comes from the same file
    (``replaces``): the file was edited.
    """
    added = Added()
    with write_transaction(db):
        for doc in docs:
            digest = sha256_of(doc.text)
            if db.execute("SELECT 1 FROM documents WHERE sha256 = ?", [digest]).fetchone():
                added.skipped.append(doc)
            elif not replaces(doc, stored_under(db, doc.id)) or any(d.id == doc.id for d in added.saved):
                added.refused.append(doc)
            else:
                added.saved.append(doc)
        _write_documents(db, {doc.id: doc for doc in added.saved}, extractor)
    return added


def _write_documents(db: sqlite_utils.Database, latest: dict[str, Document], extractor: str) -> None:
    """Replace the rows of these documents (inside the caller's transaction)."""
    if not latest:
        return
    ids = list(latest)
    ingested_at = _now()
    from kb.attributions import incidents_of_documents, refresh_attributions

    touched = incidents_of_documents(db, ids)  # what the replaced claims were about
    save_new_actors(db, (a for doc in latest.values() for a in doc.new_actors))
    if "denial_answers" in db.table_names():
        from kb.denials import forget_documents

        forget_documents(db, ids)
    for chunk, marks in _chunks(ids):
        # a document replaced is no longer the original others repeat (kb.duplicates marks again)
        db.execute(f"UPDATE documents SET duplicate_of = NULL WHERE duplicate_of IN ({marks})", chunk)
        for table, column in (
            ("document_signatures", "document_id"),
            ("mentions", "document_id"),
            ("claims", "document_id"),
            ("documents", "id"),
        ):
            db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
    # delete + insert rather than upsert: an upsert's UPDATE would re-index the text in FTS
    db["documents"].insert_all(
        ({**_document_record(d, ingested_at), "extractor": extractor} for d in latest.values()), pk="id"
    )
    db["mentions"].insert_all((r for d in latest.values() for r in _mention_records(d)), pk="id")
    discovered: dict[str, dict] = {}
    claims = [r for d in latest.values() for r in _claim_records(d, extractor, discovered, db)]
    _insert_discovered(db, discovered.values())  # before the claims that point at them
    db["claims"].insert_all(claims, pk="id")
    review_store.refresh_documents(db, ids, fresh=True)  # the reviews of these claims show
    from kb.denials import refresh_denial_answers

    refresh_denial_answers(db, ids)
    refresh_attributions(db, touched | {c["incident_id"] for c in claims if c["incident_id"]})
    if "graph_links_dirty" in db.table_names():  # the links the batch's claims changed (kb.graph_links)
        from kb.graph_links import refresh_graph_links

        refresh_graph_links(db)


def save_new_actors(db: sqlite_utils.Database, actors: Iterable[Actor]) -> None:
    """Store the actors a text revealed that the KB lacks; never overwrite a curated actor."""
    new_actors = {a.id: actor_record(a) for a in actors}
    if new_actors:
        stored = {row[0] for row in _existing_ids(db, list(new_actors))}
        fresh = [record for actor_id, record in new_actors.items() if actor_id not in stored]
        db["actors"].insert_all(fresh, pk="id")
        _replace_names(db, fresh)


def _existing_ids(db: sqlite_utils.Database, ids: list[str]) -> Iterator[tuple]:
    for chunk, marks in _chunks(ids):
        yield from db.execute(f"SELECT id FROM actors WHERE id IN ({marks})", chunk)


def _chunks(ids: list) -> Iterator[tuple[list, str]]:
    """``ids`` in slices small enough for SQLite's parameter limit, each with its ``?, ?`` marks."""
    for start in range(0, len(ids), _MAX_PARAMETERS):
        chunk = ids[start : start + _MAX_PARAMETERS]
        yield chunk, ", ".join("?" * len(chunk))


def save_error(db: sqlite_utils.Database, error: ReadError) -> None:
    """Record an input that could not be read; the same failure read again only updates its time."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO ingest_errors (path, line, reason, time) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (path, ifnull(line, -1), reason) DO UPDATE SET time = excluded.time",
            [error.path, error.line, error.reason, _now()],
        )
