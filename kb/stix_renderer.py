"""Datasette's ``.stix`` output renderer: the claims of a page, as a STIX 2.1 bundle.

It offers itself on the ``claims`` table (and a claim's row page) and on any query or view
whose rows name claims by a ``claim_id``, ``denial_id`` or ``accusation_id`` column (the
canned queries ``claims_about``, ``denials``, ``time_to_denial``, the view
``denials_answering``). On the claims table it follows the table's pages, so the bundle holds
every claim the filters keep (up to ``MAX_CLAIMS``), not only the first page; a query's bundle
holds the claims of its rows. The bundle is built by ``kb.stix`` from the same ``ClaimSet`` as
``kb export --format stix``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from kb.claim_set import read_claim_set_async
from kb.stix import MEDIA_TYPE, build_bundle, bundle_json

CLAIM_ID_COLUMNS = ("claim_id", "denial_id", "accusation_id")
MAX_CLAIMS = 10_000
# the table page's own arguments that do not filter: the renderer pages on its own
PAGING_ARGUMENTS = {"_next", "_size", "_labels", "_shape", "_col", "_nocol", "_facet", "_json", "_extra"}


def id_columns(table: str | None, columns: list[str]) -> list[str]:
    if table == "claims":
        return ["id"]
    return [c for c in CLAIM_ID_COLUMNS if c in columns]


# (Datasette instance, database) found holding the KB's tables: asked on every page of claims
# (each asking is a trip to an SQL thread), and a KB's tables are not dropped while it is served
_HOLDS_CLAIMS: set[tuple[int, str]] = set()


async def can_render_stix(datasette, database, table, columns) -> bool:
    if not id_columns(table, columns or []):
        return False
    if (id(datasette), database) in _HOLDS_CLAIMS:
        return True
    tables = await datasette.get_database(database).table_names()
    if {"claims", "actors", "documents"} <= set(tables):
        _HOLDS_CLAIMS.add((id(datasette), database))
        return True
    return False


def _value(value):
    # with _labels=on a foreign key arrives as {"value": ..., "label": ...}
    return value.get("value") if isinstance(value, dict) else value


def ids_of(rows, columns: list[str]) -> list[int]:
    ids = set()
    for row in rows:
        for column in columns:
            value = _value(row[column])
            if value is not None:
                ids.add(int(value))
    return sorted(ids)


async def all_claim_ids(datasette, database: str, request) -> tuple[list[int], bool]:
    """Every claim the table page's filters keep, read page by page; and whether MAX_CLAIMS cut them."""
    params = [
        (k, v)
        for k, v in parse_qsl(request.query_string, keep_blank_values=True)
        if k not in PAGING_ARGUMENTS
    ]
    params += [("_size", "max"), ("_shape", "objects"), ("_col", "stance")]
    path = datasette.urls.table(database, "claims", format="json")
    ids: list[int] = []
    next_token = None
    while len(ids) < MAX_CLAIMS:
        response = await datasette.client.get(
            path, params=params + ([("_next", next_token)] if next_token else [])
        )
        response.raise_for_status()
        data = response.json()
        ids += [row["id"] for row in data["rows"]]
        next_token = data.get("next")
        if not next_token:
            return ids, False
    return ids[:MAX_CLAIMS], True


async def render_stix(datasette, database, table, query_name, columns, rows, request, view_name):
    if not await can_render_stix(datasette, database, table, columns):
        return {
            "status_code": 400,
            "content_type": "text/plain; charset=utf-8",
            "body": ".stix renders claims: the claims table, or a query with a claim_id, denial_id "
            "or accusation_id column, in a knowledge base with claims, actors and documents\n",
        }
    if table == "claims" and view_name == "table":
        ids, truncated = await all_claim_ids(datasette, database, request)
    else:
        ids, truncated = ids_of(rows, id_columns(table, columns)), False
    claims = await read_claim_set_async(datasette.get_database(database), ids)
    name = table or query_name or "query"
    headers = {"content-disposition": f'attachment; filename="{name}.stix.json"'}
    if truncated:
        headers["x-kb-truncated"] = f"the first {MAX_CLAIMS} claims; use kb export for all"
    return {
        "body": bundle_json(build_bundle(claims)),
        "content_type": MEDIA_TYPE,
        "headers": headers,
    }
