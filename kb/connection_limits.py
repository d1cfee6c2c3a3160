"""What one query on a served KB can take: value length, result size, functions.

``sql_time_limit_ms`` stops a query between two steps of SQLite's machine, and
``max_returned_rows`` caps its rows; neither stops one step that builds a 2 GB string
(``printf('%.*c', 100000000, 'x')``) nor 2,000 rows of them. So every served connection also
gets:

- ``SQLITE_LIMIT_LENGTH``: no string or blob longer than the longest text a KB can store;
- a result budget: a query that returns more characters (or blob bytes) than
  ``MAX_RESULT_CHARS`` stops with a clear error, before it holds them all in memory;
- an authorizer that denies the functions nobody reading a KB needs and that are dangerous:
  ``fts3_tokenizer`` (hands out a pointer, and takes one), ``load_extension``, and the blob
  makers ``randomblob``/``zeroblob``;
- small limits on the query's text, its depth and attached databases.
"""

from __future__ import annotations

import sqlite3
import weakref

from extract.read import MAX_DOCUMENT_CHARS

# a stored text has at most MAX_DOCUMENT_CHARS characters, 4 bytes each in UTF-8 at worst
MAX_VALUE_BYTES = 4 * MAX_DOCUMENT_CHARS + 65_536
# what one query may return in all: a few pages of long documents
MAX_RESULT_CHARS = 32_000_000
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_VALUE_BYTES,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 200,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 100,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 1_000,
}
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension", "randomblob", "zeroblob"})


class ResultTooLarge(sqlite3.OperationalError):
    """Datasette shows an OperationalError's message as the query's error (HTTP 400)."""


# kb serve keeps every bounded connection (they live as long as the server), so that a stopping
# server can interrupt their queries; Datasette instances made in tests do not
tracking = False
_SERVED: list[sqlite3.Connection] = []


def bound(conn: sqlite3.Connection) -> None:
    """Give a served connection the limits, the result budget and the authorizer."""
    if tracking:
        _SERVED.append(conn)
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    conn.set_authorizer(_deny_dangerous_functions)
    conn.row_factory = _budgeted(conn.row_factory or sqlite3.Row)


def _deny_dangerous_functions(action, _arg1, arg2, _database, _source) -> int:
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _budgeted(make_row):
    """A row factory that counts what each query (each cursor) has returned so far."""
    spent: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def row_factory(cursor, values):
        size = sum(len(v) for v in values if isinstance(v, (str, bytes)))
        total = spent.get(cursor, 0) + size
        if total > MAX_RESULT_CHARS:
            raise ResultTooLarge(
                f"the result is too large (over {MAX_RESULT_CHARS:,} characters): ask for fewer rows "
                "(_size=, LIMIT) or shorter columns (substr)"
            )
        spent[cursor] = total
        return make_row(cursor, values)

    return row_factory


def interrupt_all() -> None:
    """Stop the query each served connection is running (the server is stopping)."""
    for conn in list(_SERVED):
        try:
            conn.interrupt()
        except sqlite3.ProgrammingError:  # closed meanwhile
            pass
