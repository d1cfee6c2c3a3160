"""Plain Datasette, without `kb serve`, still cannot write to the knowledge base."""

import sqlite_utils
from datasette.app import Datasette

from kb import store


async def test_a_write_canned_query_is_refused_without_kb_serve(tmp_path):
    db_path = tmp_path / "kb.db"
    store.open_db(db_path).close()
    metadata = {
        "databases": {
            "kb": {
                "queries": {
                    "sneaky": {
                        "sql": "insert into ingest_errors (path, reason) values ('x', 'y')",
                        "write": True,
                    }
                }
            }
        }
    }
    ds = Datasette([str(db_path)], metadata=metadata)
    plugins = {p["name"] for p in (await ds.client.get("/-/plugins.json")).json()}
    assert plugins, "the project's plugins are registered through their entry points"
    response = await ds.client.post("/kb/sneaky", data={})
    assert sqlite_utils.Database(db_path)["ingest_errors"].count == 0
    assert response.status_code in (200, 302, 400, 403)
