"""The row pages of a KB's documents, actors, claims, incidents and rejected claims, as
Datasette renders them (``row.html``, its table of the row and its "links from other tables"),
with Datasette's queries and the page's own in one trip to an SQL thread.

Datasette's row view makes about 14 trips for a row: its schema tables refreshed, the table's
primary keys twice, its columns, its foreign keys, every table's foreign keys, the counts of the
rows pointing to it, the permission look-ups, then the plugin's page. Under load each trip waits
its turn behind the other requests' Python: a document page of 10 ms of work took 200 ms at p50
under 20 clients at 100,000 claims. This view is Datasette's ``RowView`` with its ``data`` read
in one trip (``common.in_one_trip``); the page's context comes with it (``ROW_CONTEXT``, which
``extra_template_vars`` hands on instead of reading it again). The JSON and other formats of a
row, and the rows of other databases, stay Datasette's own.
"""

from __future__ import annotations

import functools

import markupsafe
from datasette.database import QueryInterrupted
from datasette.plugins import pm
from datasette.utils import (
    await_me_maybe,
    detect_primary_keys,
    escape_sqlite,
    format_bytes,
    get_all_foreign_keys,
    is_url,
    path_from_row_pks,
    table_column_details,
    tilde_decode,
    to_css_class,
    urlsafe_components,
)
from datasette.utils.asgi import Forbidden, NotFound

from kb.datasette_plugin import common

# the request scope's key for the page's context, read in the same trip as the row
ROW_CONTEXT = "kb_row_context"


def route_pattern(tables) -> str:
    """The row pages of these tables, in HTML (a dot before a format is never part of a
    primary key in a Datasette URL: it is written ~2E)."""
    names = "|".join(sorted(tables))
    return rf"^/(?P<database>[^/.]+)/(?P<table>{names})/(?P<pks>[^/.]+)$"


def row_page(row_pages: dict):
    """The route's view; ``row_pages``: table -> the function giving its page's variables."""

    async def view(datasette, request):
        request.scope["url_route"]["kwargs"]["format"] = None  # as Datasette's route reads it
        return await _view_class()(datasette, row_pages).dispatch_request(request)

    return view


@functools.cache
def _view_class():
    """Datasette's row view with the KB's rows read in one trip (made on first use: Datasette's
    views import its plugins, this one among them)."""
    from datasette.views.row import RowView

    class OneTripRowView(RowView):
        def __init__(self, datasette, row_pages: dict):
            super().__init__(datasette)
            self.row_pages = row_pages

        async def dispatch_request(self, request):
            # the plugin's pages do not refresh Datasette's schema tables (two trips, and one per
            # database): its other pages do it; the rows of another database are Datasette's own
            if not self._is_kb_row(request):
                await self.ds.refresh_schemas()
            return await getattr(self, request.method.lower())(request)

        def _is_kb_row(self, request) -> bool:
            try:
                db = self.ds.get_database(route=tilde_decode(request.url_vars["database"]))
            except KeyError:
                return False
            table = request.url_vars["table"]
            return (
                common.is_kb(self.ds, db.name)
                and table in self.row_pages
                and not self.ds.table_metadata(db.name, table).get("units")
            )

        async def data(self, request, default_labels=False):
            if not self._is_kb_row(request):
                return await super().data(request, default_labels)
            db = self.ds.get_database(route=tilde_decode(request.url_vars["database"]))
            database, table = db.name, request.url_vars["table"]
            visible, private = await self.ds.check_visibility(
                request.actor,
                permissions=[("view-table", (database, table)), ("view-database", database), "view-instance"],
            )
            if not visible:
                raise Forbidden("You do not have permission to view this table")
            pk_values = urlsafe_components(request.url_vars["pks"])
            page = self.row_pages[table]

            async def read(kb):
                return await _read_row(self.ds, kb, table, pk_values, page)

            found = await common.in_one_trip(self.ds, db, read)
            if found is None:
                raise NotFound("Record not found")
            request.scope[ROW_CONTEXT] = found["context"]
            failed = found["failed"]
            rows, pks, description = found["rows"], found["pks"], found["description"]
            columns = [column[0] for column in description]

            async def template_data():
                if failed is not None:
                    # the page's own failure, as when the page read it while rendered: not a
                    # reader's invalid SQL (400, what Datasette says of its row's failures)
                    # but the server's (kb/datasette_plugin/errors.py)
                    raise failed
                display_columns, display_rows = await _display(
                    self.ds,
                    database,
                    table,
                    description,
                    rows,
                    pks,
                    found["use_rowid"],
                    found["column_details"],
                )
                return {
                    "private": private,
                    "foreign_key_tables": _links_from_other_tables(
                        self.ds, database, pk_values, found["incoming"], found["counts"]
                    ),
                    "display_columns": display_columns,
                    "display_rows": display_rows,
                    "custom_table_templates": [
                        f"_table-{to_css_class(database)}-{to_css_class(table)}.html",
                        f"_table-row-{to_css_class(database)}-{to_css_class(table)}.html",
                        "_table.html",
                    ],
                    "metadata": (self.ds.metadata("databases") or {})
                    .get(database, {})
                    .get("tables", {})
                    .get(table, {}),
                }

            data = {
                "database": database,
                "table": table,
                "rows": rows,
                "columns": columns,
                "primary_keys": pks,
                "primary_key_values": pk_values,
                "units": {},
            }
            return (
                data,
                template_data,
                (f"row-{to_css_class(database)}-{to_css_class(table)}.html", "row.html"),
            )

    return OneTripRowView


# (Datasette instance, database) -> (SQLite's schema version, table -> its shape): what a row
# page reads of its table changes only with the schema, and reading it took a tenth of the
# server's time under load (every table of the KB asked for its foreign keys, for every page)
_SHAPES: dict[tuple[int, str], tuple[int, dict]] = {}


def _shape(datasette, kb, table: str) -> dict:
    """A table's primary keys, its columns and the foreign keys pointing to it, as Datasette
    reads them, kept while the database's schema does not change."""
    version = kb.conn.execute("PRAGMA schema_version").fetchone()[0]
    kept_version, shapes = _SHAPES.get((id(datasette), kb.name), (None, {}))
    if kept_version != version:
        shapes = {}
        _SHAPES[(id(datasette), kb.name)] = (version, shapes)
    if table not in shapes:
        shapes[table] = {
            "pks": detect_primary_keys(kb.conn, table),
            "column_details": {column.name: column for column in table_column_details(kb.conn, table)},
            "incoming": get_all_foreign_keys(kb.conn).get(table, {}).get("incoming", []),
        }
    return shapes[table]


async def _read_row(datasette, kb, table: str, pk_values: list[str], page) -> dict | None:
    """In one trip: the row as Datasette's row view reads it, what its table looks like, the
    counts of the rows pointing to it, and the page's own variables."""
    shape = _shape(datasette, kb, table)
    pks = shape["pks"]
    select, keys = ("*", pks) if pks else ("rowid, *", ["rowid"])
    # (Datasette's row SQL, its primary keys always quoted)
    wheres = " AND ".join(
        f'"{pk}"=:p{i}' if escape_sqlite(pk) == pk else f"{escape_sqlite(pk)}=:p{i}"
        for i, pk in enumerate(keys)
    )
    params = {f"p{i}": value for i, value in enumerate(pk_values)}
    results = await kb.execute(f"select {select} from {escape_sqlite(table)} where {wheres}", params)
    rows = list(results.rows)
    if not rows:
        return None
    incoming = shape["incoming"] if len(pk_values) == 1 else []
    counts = None
    if incoming:
        sql = "select " + ", ".join(
            "(select count(*) from {} where {}=:id)".format(
                escape_sqlite(fk["other_table"]), escape_sqlite(fk["other_column"])
            )
            for fk in incoming
        )
        try:
            counts = list((await kb.execute(sql, {"id": pk_values[0]})).rows[0])
        except QueryInterrupted:  # as Datasette does: the links are left out
            counts = None
    try:
        context, failed = await page(datasette, kb, pk_values[0]), None
    except Exception as error:  # noqa: BLE001 - raised where the page is rendered (template_data)
        context, failed = {}, error
    return {
        "failed": failed,
        "rows": rows,
        "pks": keys,
        "use_rowid": not pks,
        "description": results.description,
        "column_details": shape["column_details"],
        "incoming": incoming,
        "counts": counts,
        "context": context,
    }


def _links_from_other_tables(datasette, database, pk_values, incoming, counts) -> list[dict]:
    if not incoming or counts is None:
        return []
    links = []
    for fk, count in zip(incoming, counts, strict=True):
        key = fk["other_column"] + ("__exact" if fk["other_column"].startswith("_") else "")
        link = f"{datasette.urls.table(database, fk['other_table'])}?{key}={','.join(pk_values)}"
        links.append({**fk, "count": count or 0, "link": link})
    return links


async def _display(datasette, database, table, description, rows, pks, use_rowid, column_details):
    """The columns and cells of the row's table, as Datasette's ``display_columns_and_rows``
    shows a row (no link column, cells whole), from the column details read in the trip."""
    from datasette.views.table import Row

    column_descriptions = datasette.table_metadata(database, table).get("columns") or {}
    columns = []
    for name, *_ in description:
        if name == "rowid" and name not in column_details:
            type_, notnull = "integer", 0
        else:
            type_, notnull = column_details[name].type, column_details[name].notnull
        columns.append(
            {
                "name": name,
                "sortable": False,
                "is_pk": name in pks,
                "type": type_,
                "notnull": notnull,
                "description": column_descriptions.get(name),
            }
        )
    display_rows = []
    for row in rows:
        cells = []
        for value, column in zip(row, columns, strict=True):
            shown = None
            name = column["name"]
            hook = pm.hook.render_cell
            for candidate in hook(
                row=row, value=value, column=name, table=table, database=database, datasette=datasette
            ):
                candidate = await await_me_maybe(candidate)
                if candidate is not None:
                    shown = candidate
                    break
            cells.append(
                {
                    "column": name,
                    "value": shown or _plain(datasette, database, table, row, (pks, use_rowid), name, value),
                    "raw": value,
                    "value_type": "none" if value is None else type(value).__name__,
                }
            )
        display_rows.append(Row(cells))
    return columns, display_rows


def _plain(datasette, database, table, row, keys, column, value):
    """A cell no plugin rendered, as Datasette shows it."""
    if isinstance(value, bytes):
        size, formatted = len(value), format_bytes(len(value))
        href = datasette.urls.row_blob(database, table, path_from_row_pks(row, *keys), column)
        title = f' title="{formatted}"' if "bytes" not in formatted else ""
        return markupsafe.Markup(
            f'<a class="blob-download" href="{href}"{title}>'
            f"&lt;Binary:&nbsp;{size:,}&nbsp;byte{'' if size == 1 else 's'}&gt;</a>"
        )
    if value in ("", None):
        return markupsafe.Markup("&nbsp;")
    if is_url(str(value).strip()):
        url = markupsafe.escape(value.strip())
        return markupsafe.Markup(f'<a href="{url}">{url}</a>')
    return str(value)
