"""``/-/sources``: where every document of the KB comes from, under which licence, and the
credit line that licence asks for, grouped by licence. The demo corpus's own notes
(data/articles/SOURCES.md) are served as text at ``/-/sources.md``."""

from __future__ import annotations

from datasette.utils.asgi import Response

from extract.resources import project_file
from kb.datasette_plugin.common import (
    SOURCES_PATH,
    BadRequest,
    check_permission,
    document_url,
    kb_database,
    rows,
    safe_link,
    short_label,
)

SOURCES_NOTES = "data/articles/SOURCES.md"

# a licence's documents, newest first, and how many there are (index on licence and date): a
# KB of 200,000 documents is not one page
MAX_PER_LICENCE = 50
LICENCES_SQL = "SELECT license, count(*) AS n FROM documents GROUP BY license"
DOCUMENTS_SQL = f"""
SELECT id, title, publisher, published, url, license, attribution, lang, n_claims
FROM documents WHERE license IS :license ORDER BY published DESC, id LIMIT {MAX_PER_LICENCE}
"""


async def sources_page(datasette, request):
    try:
        db = await kb_database(datasette, request)
        await check_permission(datasette, request, db)
    except BadRequest as error:
        html = await datasette.render_template("kb_sources.html", {"error": str(error)}, request=request)
        return Response.html(html, status=400)
    licences: dict[str, dict] = {}
    for licence in rows(await db.execute(LICENCES_SQL)):
        name = short_label(licence["license"]) or "Licence not recorded"
        group = licences.setdefault(name, {"name": name, "documents": [], "n": 0})
        group["n"] += licence["n"]
        for document in rows(await db.execute(DOCUMENTS_SQL, {"license": licence["license"]})):
            document["url_link"] = safe_link(document["url"])
            document["page_url"] = document_url(datasette, db.name, document["id"])
            document["publisher_name"] = short_label(document["publisher"])
            group["documents"].append(document)
    for group in licences.values():
        newest = sorted(group["documents"], key=lambda d: (d["published"] or "", d["id"]), reverse=True)
        group["documents"] = newest[:MAX_PER_LICENCE]
        group["hidden"] = group["n"] - len(group["documents"])
    has_notes = project_file(SOURCES_NOTES).is_file()
    context = {
        "error": None,
        "database": db.name,
        "licences": sorted(licences.values(), key=lambda g: (-g["n"], g["name"])),
        "documents_url": datasette.urls.table(db.name, "documents"),
        "notes_url": datasette.urls.path(SOURCES_PATH + ".md") if has_notes else None,
    }
    return Response.html(await datasette.render_template("kb_sources.html", context, request=request))


async def sources_notes(datasette, request):
    path = project_file(SOURCES_NOTES)
    if not path.is_file():
        return Response.text("No notes on the sources here.", status=404)
    return Response.text(path.read_text(encoding="utf-8"))
