"""Error pages: the reader's mistakes said plainly, the server's own failures without their insides.

A 4xx keeps its message (a missing row, a bad parameter, the reader's own SQL that failed). A
page that took longer than the time limit is a 503 that says so. Any other failure is a 500
that names no SQL, no path on disk and no traceback, with a reference; the log gets one line
with the same reference (Datasette's default printed a traceback with every local variable,
28-104 KB per error). ``kb serve`` makes this the only error handler.
"""

from __future__ import annotations

import secrets
import sys

from datasette.database import QueryInterrupted
from datasette.utils.asgi import Base400, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

MAX_LOGGED_CHARS = 300


def describe(exception: BaseException, settings_limit_ms: int) -> tuple[int, str, str | None, bool]:
    """(status, message, title, whether the server should log it) for an exception."""
    if isinstance(exception, Base400):
        return exception.status, str(exception.args[0] if exception.args else exception), None, False
    if isinstance(exception, DatasetteError):
        message = Markup(exception.message) if exception.message_is_html else exception.message
        return exception.status, message, exception.title, exception.status >= 500
    if isinstance(exception, QueryInterrupted):
        message = (
            f"This page took longer than the server allows ({settings_limit_ms / 1000:g} s) to build. "
            "Try again in a moment, or ask for less (one actor, a date range)."
        )
        return 503, message, "Too slow", True
    return 500, "The server could not build this page; the error is logged.", "Server error", True


def log_line(reference: str, request, exception: BaseException) -> str:
    """One line: reference, request, the kind of error and its first words (never the SQL)."""
    if isinstance(exception, QueryInterrupted):
        said = "a query went over the time limit"
    elif isinstance(exception, DatasetteError):
        said = str(exception.message)
    else:
        said = str(exception)
    said = " ".join(said.split())[:MAX_LOGGED_CHARS]
    return f"ERROR {reference} {request.method} {request.path}: {type(exception).__name__}: {said}"


async def error_response(datasette, request, exception: BaseException) -> Response:
    limit = datasette.setting("sql_time_limit_ms") or 0
    status, message, title, logged = describe(exception, limit)
    reference = secrets.token_hex(4)
    if logged:
        print(log_line(reference, request, exception), file=sys.stderr, flush=True)
        if status == 500:
            message = f"{message} (reference {reference})"
    info = {"ok": False, "error": str(message), "status": status, "title": title}
    headers = {"retry-after": "5"} if status == 503 else {}
    if request.path.split("?")[0].endswith(".json"):
        return Response.json(info, status=status, headers=headers)
    try:
        html = await datasette.render_template(
            [f"{status}.html", "error.html"], {**info, "error": message}, request=request
        )
    except Exception:  # noqa: BLE001 - the page around the error failed too: plain text then
        return Response.text(f"Error {status}: {info['error']}", status=status, headers=headers)
    return Response.html(html, status=status, headers=headers)
