"""Ids as links: in query results and views, an actor, a document or a claim is one click away.

A column is recognised by its name, the convention of the KB's queries and views:
``claimant_id``, ``subject_id``, ``denier_id`` ... hold actor ids and ``claimant``,
``claimant_name`` ... their names (linked to the actor when the row has the id beside them);
``document_id`` (or ``denial_document_id`` ...) a document, opened at the claim's sentence when
the row has the claim's id (``claim_id``, ``denial_id`` ...); ``document_title`` is linked the
same way. The tables' own foreign keys are left to Datasette, which links them already.
"""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape

from kb.datasette_plugin.common import actor_url, claim_url, document_url, graph_url

ACTOR_ROLES = ("claimant", "subject", "speaker", "counterpart", "denier", "accuser", "actor")
# prefix of a document column -> the column holding the claim found in it
DOCUMENT_CLAIM = {"": "claim_id", "denial_": "denial_id", "accusation_": "accusation_id"}
CLAIM_COLUMNS = ("claim_id", "denial_id", "accusation_id")
# actor_profile: the sections whose item is an actor id
PROFILE_ACTOR_SECTIONS = ("actor", "accuses", "accused by", "denies, answering", "its speakers", "speaks for")
# tables whose foreign keys Datasette renders as links itself
BASE_TABLES = ("documents", "actors", "mentions", "claims", "ingest_errors")


def _get(row, column):
    try:
        return row[column]
    except (IndexError, KeyError):
        return None


def _link(href: str | None, text) -> Markup | None:
    if not href or text is None:
        return None
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


def _actor_id_for(column: str, row) -> str | None:
    """The actor id behind an id or a name column (``claimant_id``, ``claimant``, ``claimant_name``)."""
    if column == "item" and _get(row, "section") in PROFILE_ACTOR_SECTIONS:
        return None if _get(row, "item") == "aliases" else _get(row, "item")
    for role in ACTOR_ROLES:
        if column == f"{role}_id":
            return _get(row, column)
        if column in (role, f"{role}_name"):
            return _get(row, f"{role}_id")
    return None


def _document_for(column: str, row) -> tuple[str | None, object]:
    """(document id, claim id) behind a document column."""
    for prefix, claim_column in DOCUMENT_CLAIM.items():
        if column in (f"{prefix}document_id", f"{prefix}document_title"):
            return _get(row, f"{prefix}document_id"), _get(row, claim_column)
    return None, None


def render(datasette, database: str, table: str | None, row, column: str, value) -> Markup | None:
    if value is None or value == "":
        return None
    if table == "actors" and column == "name":
        return _actor_name_with_graph_link(datasette, database, row, value)
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


def _link_claims_url(datasette, database: str, row) -> str | None:
    """The claims behind an aggregated link (who_accuses_whom, claim_edges), in the claims table."""
    wanted = {k: _get(row, k) for k in ("claimant_id", "stance", "subject_id")}
    if None in wanted.values():
        return None
    return datasette.urls.table(database, "claims") + "?" + urlencode({**wanted, "_sort_desc": "published"})


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
