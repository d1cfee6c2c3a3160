"""The row pages of the KB's tables read in one trip (kb/datasette_plugin/row_view.py) are the
pages Datasette's own row view renders, through a real Datasette."""

import html
import json
import re
import sqlite3

import pytest
import sqlite_utils
from datasette.app import Datasette
from datasette.utils.asgi import Request
from datasette.views.row import RowView

ROWS = [
    ("documents", "uk-2021"),
    ("claims", "1"),
    ("claims", "3"),
    ("actors", "CHN"),
    ("actors", "APT31"),
    ("incidents", "notpetya-2017"),
]


def _same_page(text: str) -> str:
    # the time the queries took is the one thing that differs
    return re.sub(r"Queries took [\d.]+ms", "Queries took …", text)


async def _datasette_own(ds, path: str, table: str, pk: str) -> tuple[int, str]:
    request = Request.fake(path, url_vars={"database": "kb", "table": table, "pks": pk, "format": None})
    request.scope["csrftoken"] = lambda: ""  # (what asgi-csrf sets; a row page has no form)
    response = await RowView.as_view(ds)(request, None)
    return response.status, response.body


@pytest.mark.parametrize(("table", "pk"), ROWS)
async def test_a_row_page_is_the_page_datasette_renders(claims_kb, table, pk):
    ds = Datasette([str(claims_kb)])
    await ds.invoke_startup()
    path = f"/kb/{table}/{pk}"
    response = await ds.client.get(path)
    status, own = await _datasette_own(ds, path, table, pk)
    assert response.status_code == status == 200
    assert 'class="kb-raw-row"' in response.text
    assert _same_page(response.text) == _same_page(own)


@pytest.mark.parametrize(("table", "pk"), ROWS)
async def test_a_row_page_reads_its_rows_in_one_trip(claims_kb, table, pk):
    # Datasette traces each query it sends to an SQL thread on its own (?_trace=1): the row, the
    # table's columns and keys, the counts of the rows pointing to it and the page's own queries
    # go in one trip, outside them; what is left is Datasette's permission look-ups
    ds = Datasette([str(claims_kb)], settings={"trace_debug": True})
    page = (await ds.client.get(f"/kb/{table}/{pk}?_trace=1")).text
    trace = json.loads(
        html.unescape(re.search(r"<pre>(\{\s*&#34;request_duration_ms.*?)</pre>", page, re.S)[1])
    )
    queries = [t["sql"] for t in trace["traces"] if t["type"] == "sql"]
    assert queries and all(q.startswith("select name from sqlite_master") for q in queries), queries
    assert len(queries) <= 4


async def test_a_row_page_counts_the_rows_pointing_to_it(claims_kb):
    ds = Datasette([str(claims_kb)])
    page = (await ds.client.get("/kb/actors/CHN")).text
    conn = sqlite3.connect(claims_kb)
    for column in ("claimant_id", "subject_id", "counterpart_id"):
        n = conn.execute(f"SELECT count(*) FROM claims WHERE {column} = 'CHN'").fetchone()[0]
        row = "row" if n == 1 else "rows"
        assert re.search(
            rf'href="/kb/claims\?{column}=CHN">\s*{n:,} {row}</a>\s*from {column} in claims', page
        )
    # every column of the row, in its table
    columns = [row[1] for row in conn.execute("PRAGMA table_info(actors)")]
    assert re.findall(r'data-column="(\w+)"', page.split('class="kb-raw-row"')[1]) == columns


async def test_missing_rows_other_formats_and_other_databases_stay_datasettes(claims_kb, tmp_path):
    notes = tmp_path / "notes.db"
    sqlite_utils.Database(notes)["claims"].insert({"id": 1, "text": "not a KB"}, pk="id")
    ds = Datasette([str(claims_kb), str(notes)])
    assert (await ds.client.get("/kb/claims/999")).status_code == 404
    assert (await ds.client.get("/kb/actors/NOBODY")).status_code == 404
    data = (await ds.client.get("/kb/actors/CHN.json")).json()
    assert data["rows"][0][0] == "CHN" and data["primary_key_values"] == ["CHN"]
    page = (await ds.client.get("/notes/claims/1")).text
    assert "not a KB" in page and 'class="kb-raw-row"' not in page


async def test_a_row_page_keeps_the_tables_permissions(claims_kb):
    metadata = {"databases": {"kb": {"tables": {"claims": {"allow": {"id": "root"}}}}}}
    ds = Datasette([str(claims_kb)], metadata=metadata)
    assert (await ds.client.get("/kb/claims/1")).status_code == 403
    cookies = {"ds_actor": ds.sign({"a": {"id": "root"}}, "actor")}
    page = (await ds.client.get("/kb/claims/1", cookies=cookies)).text
    assert "claims: 1 🔒" in page  # visible to root, not to everybody


async def test_a_row_page_follows_a_change_of_the_schema(claims_kb):
    # what a row page reads of its table (its keys, columns, the tables pointing to it) is kept
    # while the schema does not change
    ds = Datasette([str(claims_kb)])
    assert "from actor_id in notes" not in (await ds.client.get("/kb/actors/CHN")).text
    with sqlite3.connect(claims_kb) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, actor_id TEXT REFERENCES actors(id))")
        conn.execute("INSERT INTO notes (actor_id) VALUES ('CHN'), ('CHN')")
    page = (await ds.client.get("/kb/actors/CHN")).text
    assert re.search(r'href="/kb/notes\?actor_id=CHN">\s*2 rows</a>\s*from actor_id in notes', page)
