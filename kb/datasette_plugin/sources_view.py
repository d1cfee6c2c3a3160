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

DOCUMENTS_SQL = """
SELECT id, title, publisher, published, url, license, attribution, lang, n_claims
FROM documents ORDER BY coalesce(license, ''), published DESC, id
"""


async def sources_page(datasette, request):
    try:
        db = await kb_database(datasette, request)
        await check_permission(datasette, request, db)
    except BadRequest as error:
        html = await datasette.render_template("kb_sources.html", {"error": str(error)}, request=request)
        return Response.html(html, status=400)
    licences: dict[str, dict] = {}
    for document in rows(await db.execute(DOCUMENTS_SQL)):
        name = short_label(document["license"]) or "Licence not recorded"
        group = licences.setdefault(name, {"name": name, "documents": []})
        document["url_link"] = safe_link(document["url"])
        document["page_url"] = document_url(datasette, db.name, document["id"])
        document["publisher_name"] = short_label(document["publisher"])
        group["documents"].append(document)
    has_notes = project_file(SOURCES_NOTES).is_file()
    context = {
        "error": None,
        "database": db.name,
        "licences": sorted(licences.values(), key=lambda g: (-len(g["documents"]), g["name"])),
        "notes_url": datasette.urls.path(SOURCES_PATH + ".md") if has_notes else None,
    }
    return Response.html(await datasette.render_template("kb_sources.html", context, request=request))


async def sources_notes(datasette, request):
    path = project_file(SOURCES_NOTES)
    if not path.is_file():
        return Response.text("No notes on the sources here.", status=404)
    return Response.text(path.read_text(encoding="utf-8"))
