"""The project's Datasette plugin: one function per hook; the pages live in their own modules.

- ``graph_view``: ``/-/claims-graph`` and its JSON data;
- ``timeline_view``: ``/-/timeline`` and its JSON data;
- ``document_view`` and ``actor_view``: the row pages of ``documents`` and ``actors``;
- ``claim_view``: the row page of ``claims`` (and of ``rejected_claims``);
- ``atom_view``: query results as Atom feeds (``.atom``: ``new_claims.atom?actor=RUS``);
- ``review_view``: reviews on the pages (verdicts, corrections, the share reviewed);
- ``incident_view``: the row page of ``incidents`` (the coalition that attributed it, denials);
- ``home_view``: the guide on the home and database pages;
- ``sources_view``: ``/-/sources``, every document's source, licence and credit line;
- ``query_view``: the KB's canned query pages (parameters, examples, SQL on request);
- ``cells``: actor, document and claim ids as links in tables and query results;
- ``common``: which databases are KBs, addresses, the actor lookup;
- ``asgi_guard``: security headers, read-only methods, SQL and stream slots, disconnects;
- ``errors``: error pages and their one-line log;
- ``response_cache``: pages kept while the KB's files do not change.

Every database the plugin serves as a KB (see ``common``) gets the descriptions and canned
queries of ``kb_metadata.yml`` and the pages, whatever its name. Templates and static files are
in ``templates/`` and ``static/``; Datasette serves the latter at
``/-/static-plugins/cyber_claims_kb/``. Every connection is read-only (``kb.read_only``) and
bounded (``kb.connection_limits``).
To add a hook, add one function here and keep its work in a module of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from datasette import hookimpl
from datasette.utils import urlsafe_components
from datasette.utils.asgi import Response

from kb import connection_limits, palette, read_only
from kb.actor_lookup import register_functions
from kb.datasette_plugin import (
    actor_view,
    asgi_guard,
    atom_view,
    cells,
    claim_view,
    common,
    document_view,
    errors,
    graph_view,
    home_view,
    incident_view,
    query_view,
    response_cache,
    row_view,
    sources_view,
    timeline_view,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# row pages with a page of their own: table -> function giving the template's variables
ROW_PAGES = {
    "documents": document_view.document_context,
    "actors": actor_view.actor_context,
    "claims": claim_view.claim_context,
    "incidents": incident_view.incident_context,
    "rejected_claims": claim_view.rejected_claim_context,
}


async def palette_css(request):
    return Response(palette.css_variables(), content_type="text/css; charset=utf-8")


@hookimpl
def startup(datasette):
    async def inner():
        await common.find_kb_databases(datasette)

    return inner


# the keys the KB's metadata has, for a database or one of its tables: Datasette looks a key up
# in the table's metadata, the database's, then the instance's (where the KB has none)
KB_KEYS = frozenset(common.KB_METADATA) | {
    key for table in common.KB_METADATA.get("tables", {}).values() for key in table
}


@hookimpl
def get_metadata(datasette, key, database, table):
    # Datasette asks for metadata about 18 times per page, mostly for keys the KB's metadata has
    # not ("allow", "source" of the instance, "extra_css_urls"): those get nothing to merge
    if key is not None and key != "databases" and (database is None or key not in KB_KEYS):
        return {}
    names = [database] if database else common.kb_names(datasette)
    kb_databases = [name for name in names if common.is_kb(datasette, name)]
    if not kb_databases:
        return {}
    # a copy each time: Datasette merges the sources into what the hooks return
    return {"databases": {name: _kb_metadata(key) for name in kb_databases}}


def _kb_metadata(key: str | None) -> dict:
    """A copy of the KB's metadata, or of what of it answers ``key`` (in the database's metadata
    and its tables'): the canned queries alone for "queries", not every table's columns."""
    if key is None or key == "databases":
        return _copy(common.KB_METADATA)
    found = {key: _copy(common.KB_METADATA[key])} if key in common.KB_METADATA else {}
    if key != "tables":
        tables = {
            name: {key: _copy(table[key])}
            for name, table in common.KB_METADATA.get("tables", {}).items()
            if key in table
        }
        if tables:
            found["tables"] = tables
    return found


def _copy(value):
    """A copy of the metadata's dicts and lists (what copy.deepcopy makes, 3 times faster)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


# the plugin's own pages: (path pattern, view)
ROUTES = [
    (r"^/-/claims-graph\.json$", graph_view.graph_json),
    (r"^/-/claims-graph/claims\.json$", graph_view.claims_json),
    (r"^/-/claims-graph/?$", graph_view.graph_page),
    (r"^/-/timeline\.json$", timeline_view.timeline_json),
    (r"^/-/timeline/?$", timeline_view.timeline_page),
    (rf"^/{common.PALETTE_PATH}$", palette_css),
    (r"^/-/sources/?$", sources_view.sources_page),
    (r"^/-/sources\.md$", sources_view.sources_notes),
    # the row pages above, in HTML: Datasette's, with its queries and the page's in one trip
    (row_view.route_pattern(ROW_PAGES), row_view.row_page(ROW_PAGES)),
]
# Datasette instance -> its request slots (asgi_guard)
_SLOTS: dict[int, asgi_guard.Slots] = {}


@hookimpl
def prepare_connection(conn, database, datasette):
    register_functions(conn)
    read_only.guard(conn, database)
    if database not in read_only.INTERNAL_DATABASES:
        connection_limits.bound(conn)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_short_lists(scope, receive, send):
            if scope.get("type") == "http":
                await datasette.invoke_startup()  # the KB databases are known from then on
                scope = cells.short_list_scope(datasette, scope)
            await app(scope, receive, send)

        def slots() -> asgi_guard.Slots:
            return _SLOTS.setdefault(id(datasette), asgi_guard.Slots())

        def database_files() -> list[str]:
            return [db.path for db in datasette.databases.values() if db.path and not db.is_memory]

        cached = response_cache.ResponseCache(database_files).wrap(with_short_lists)
        return asgi_guard.wrap(cached, [re.compile(pattern) for pattern, _ in ROUTES], slots)

    return wrap


@hookimpl
def register_routes():
    return ROUTES


@hookimpl
def handle_exception(datasette, request, exception):
    async def inner():
        return await errors.error_response(datasette, request, exception)

    return inner


@hookimpl
def extra_css_urls(datasette):
    return [
        datasette.urls.path(common.PALETTE_PATH),
        common.static_url(datasette, "researcher/researcher.css"),
    ]


@hookimpl
def extra_js_urls(template, database, view_name, datasette):
    if view_name == "table" and common.is_kb(datasette, database):
        return [{"url": common.static_url(datasette, "researcher/tables.js"), "module": False}]
    return []


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    async def inner():
        if request is None:
            return {}
        if view_name in ("index", "database"):
            on_database = database if view_name == "database" else None
            return await home_view.guide_context(datasette, on_database, request)
        if not common.is_kb(datasette, database):
            return {}
        db = datasette.get_database(database)
        if view_name == "row" and table in ROW_PAGES:
            if row_view.ROW_CONTEXT in request.scope:  # read with the row (row_view)
                return request.scope[row_view.ROW_CONTEXT]
            pk = urlsafe_components(request.url_vars["pks"])[0]
            return await common.in_one_trip(datasette, db, lambda kb: ROW_PAGES[table](datasette, kb, pk))
        if template == "query.html" and request.url_vars.get("table"):  # a canned query
            return await query_view.query_context(datasette, db, request.url_vars["table"], request)
        return {}

    return inner


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not common.is_kb(datasette, database):
        return None
    return cells.render(datasette, database, table, row, column, value)


@hookimpl
def table_actions(datasette, database, table):
    if common.is_kb(datasette, database) and table in ("actors", "claims", "claim_edges", "actor_stats"):
        return [{"href": common.graph_url(datasette, db=database), "label": "Claims graph"}]
    return None


@hookimpl
def register_output_renderer(datasette):
    # claims pages and queries download as a STIX 2.1 bundle (.stix), built by kb.stix; queries
    # with atom_ columns (new_claims) read as an Atom feed (.atom), built by atom_view
    from kb.stix_renderer import can_render_stix, render_stix

    return [
        {"extension": "stix", "render": render_stix, "can_render": can_render_stix},
        {"extension": "atom", "render": atom_view.render_atom, "can_render": atom_view.can_render_atom},
    ]


@hookimpl
def menu_links(datasette):
    return [
        {"href": datasette.urls.path(common.GRAPH_PATH), "label": "Claims graph"},
        {"href": datasette.urls.path(common.TIMELINE_PATH), "label": "Claims timeline"},
    ]
