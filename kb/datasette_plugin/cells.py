"""Ids as links: in query results and views, an actor, a document or a claim is one click away.

A column is recognised by its name, the convention of the KB's queries and views:
``claimant_id``, ``subject_id``, ``denier_id`` ... hold actor ids and ``claimant``,
``claimant_name`` ... their names (linked to the actor when the row has the id beside them);
``document_id`` (or ``denial_document_id`` ...) a document, opened at the claim's sentence when
the row has the claim's id (``claim_id``, ``denial_id`` ...); ``document_title`` is linked the
same way. The tables' own foreign keys are left to Datasette, which links them already.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlparse

from markupsafe import Markup, escape

from kb.datasette_plugin.common import (
    actor_url,
    claim_url,
    document_url,
    graph_url,
    kb_names,
    safe_link,
    short_label,
)
from kb.datasette_plugin.review_view import badge

ACTOR_ROLES = ("claimant", "subject", "speaker", "counterpart", "denier", "accuser", "actor")
# prefix of a document column -> the column holding the claim found in it
DOCUMENT_CLAIM = {"": "claim_id", "denial_": "denial_id", "accusation_": "accusation_id"}
CLAIM_COLUMNS = ("claim_id", "denial_id", "accusation_id")
# actor_profile: the sections whose item is an actor id
PROFILE_ACTOR_SECTIONS = ("actor", "accuses", "accused by", "denies, answering", "its speakers", "speaks for")
# the documents list stays a list: long columns cut to this many characters (the row page has them whole)
DOCUMENT_SHORT = {"text": 140, "sha256": 10, "attribution": 60}
# tables whose foreign keys Datasette renders as links itself
BASE_TABLES = ("documents", "actors", "mentions", "claims", "ingest_errors")
REVIEW_TABLES = ("claims", "rejected_claims", "reviews")


def _get(row, column):
    try:
        return row[column]
    except (IndexError, KeyError):
        return None


def _link(href: str | None, text) -> Markup | None:
    if not href or text is None:
        return None
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


# column -> the column of the actor id behind it (a page of 1,000 rows renders 15,000 cells:
# looked up, not spelled out for every role at every cell)
ACTOR_ID_COLUMNS = {
    column: f"{role}_id" for role in ACTOR_ROLES for column in (f"{role}_id", role, f"{role}_name")
}
# column -> (the column of its document id, the column of the claim found in it)
DOCUMENT_COLUMNS = {
    column: (f"{prefix}document_id", claim_column)
    for prefix, claim_column in DOCUMENT_CLAIM.items()
    for column in (f"{prefix}document_id", f"{prefix}document_title")
}


def _actor_id_for(column: str, row) -> str | None:
    """The actor id behind an id or a name column (``claimant_id``, ``claimant``, ``claimant_name``)."""
    if column == "item" and _get(row, "section") in PROFILE_ACTOR_SECTIONS:
        return None if _get(row, "item") == "aliases" else _get(row, "item")
    id_column = ACTOR_ID_COLUMNS.get(column)
    return _get(row, id_column) if id_column else None


def _document_for(column: str, row) -> tuple[str | None, object]:
    """(document id, claim id) behind a document column."""
    columns = DOCUMENT_COLUMNS.get(column)
    if columns is None:
        return None, None
    return _get(row, columns[0]), _get(row, columns[1])


def render(datasette, database: str, table: str | None, row, column: str, value) -> Markup | None:
    if value is None or value == "":
        return None
    if table == "actors" and column == "name":
        return _actor_name_with_graph_link(datasette, database, row, value)
    if table == "documents" and column == "url":
        return _source_link(value)
    if table == "documents" and column in ("publisher", "license"):
        return _short(value, len(short_label(value)), short_label(value))
    if table == "documents" and column in DOCUMENT_SHORT:
        return _short(value, DOCUMENT_SHORT[column])
    if table in REVIEW_TABLES:
        return _review_cell(datasette, database, table, row, column, value)
    if table in BASE_TABLES:
        return None
    actor_id = _actor_id_for(column, row)
    if actor_id:
        return _link(actor_url(datasette, database, actor_id), value)
    document_id, claim_id = _document_for(column, row)
    if document_id:
        return _link(document_url(datasette, database, document_id, claim_id), value)
    if column in CLAIM_COLUMNS:
        return _link(claim_url(datasette, database, value), value)
    if column == "n_claims":
        return _link(_link_claims_url(datasette, database, row), value)
    return None


def _review_cell(datasette, database: str, table: str, row, column: str, value) -> Markup | None:
    """A verdict as its badge; in the reviews table, a link to the claim it names (by fingerprint)."""
    if column not in ("review", "verdict") or badge(value) is None:
        return None
    fingerprint = _get(row, "fingerprint")
    if table != "reviews" or not fingerprint:
        return badge(value)
    where = "rejected_claims" if value == "rejected" else "claims"
    href = datasette.urls.table(database, where) + "?" + urlencode({"fingerprint": fingerprint})
    return Markup(f'<a href="{escape(href)}" title="The claim">{badge(value)}</a>')


def _link_claims_url(datasette, database: str, row) -> str | None:
    """The claims behind an aggregated link (who_accuses_whom, claim_edges), in the claims table."""
    wanted = {k: _get(row, k) for k in ("claimant_id", "stance", "subject_id")}
    if None in wanted.values():
        return None
    return datasette.urls.table(database, "claims") + "?" + urlencode({**wanted, "_sort_desc": "published"})


# the columns a table page leaves out unless the address asks for them (_col, _nocol)
LIST_HIDDEN_COLUMNS = {
    "documents": (
        "text",
        "sha256",
        "attribution",
        "ingested_at",
        "n_words",
        "status",
        "extractor",
        "date_source",
        "duplicate_of",
        "source_file",
        "source_line",
    ),
    # every name in two languages and the MISP uuid made each row of the list several lines tall
    "incidents": ("aliases", "ref"),
}


def short_list_scope(datasette, scope: dict) -> dict:
    """The request for a KB table's HTML page without its bulky columns, when it names none.

    Datasette 0.65 has no setting for the columns a table page shows by default; the page's
    own column menu (and ``_col=text``) brings them back, and the JSON API is untouched.
    """
    path = scope.get("path") or ""
    for table, hidden in LIST_HIDDEN_COLUMNS.items():
        for database in kb_names(datasette):
            if path != datasette.urls.table(database, table):
                continue
            query = scope.get("query_string") or b""
            if b"_col=" in query or b"_nocol=" in query:
                return scope
            extra = urlencode([("_nocol", column) for column in hidden]).encode()
            return {**scope, "query_string": query + b"&" + extra if query else extra}
    return scope


def _source_link(url) -> Markup:
    """A source address as its site's name, linked when it is a web address."""
    link = safe_link(str(url))
    if not link:
        return _short(url, 40)
    site = urlparse(link).netloc.removeprefix("www.")
    attributes = f'href="{escape(link)}" title="{escape(link)}" rel="noopener noreferrer nofollow"'
    return Markup(f"<a {attributes}>{escape(site)}</a>")


def _short(value, length: int, shown: str | None = None) -> Markup:
    """The value cut to ``length`` characters (or ``shown``), whole in the hover title."""
    text = str(value)
    if len(text) <= length:
        return Markup(f'<span class="kb-short">{escape(text)}</span>')
    shown = shown if shown is not None else text[:length] + "…"
    return Markup(f'<span class="kb-short" title="{escape(text[:1000])}">{escape(shown)}</span>')


def _actor_name_with_graph_link(datasette, database, row, value) -> Markup | None:
    # actors.name on the table page and the row page (the id is the row link on the table page)
    actor_id = _get(row, "id")
    if actor_id is None:
        return None
    href = graph_url(datasette, actor=actor_id, db=database)
    return Markup(
        f'{escape(value)} <a class="claims-graph-link" href="{escape(href)}" '
        f'title="Who {escape(value)} accuses, and who accuses it">graph</a>'
    )
