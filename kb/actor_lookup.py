"""One way to find an actor: by id, name or any alias, whatever the case and the accents.

Every name of every actor is stored once more in the table ``actor_names`` under its *key*
(``fold``: accents stripped, case folded, spaces collapsed), so "pekin", "PÉKIN" and "Pékin"
all find China with one index seek. SQL reaches the same folding through the function
``kb_fold`` that ``register_functions`` adds to a connection (Datasette's through the plugin's
``prepare_connection``), so the pages, the canned queries, the graph and ``kb export`` share
``LOOKUP_SQL``.

A name can belong to several actors. The best kind of match wins: an actor's id over its name,
a name over an alias; actors that tie on the best kind are all returned.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Mapping

from extract.accents import without_combining

# how a name matched, best first
RANK_ID, RANK_NAME, RANK_ALIAS = 0, 1, 2

# the actors whose id, name or alias has the query's key, best kind of match first
LOOKUP_SQL = """
SELECT actor_id, min(rank) AS rank FROM actor_names
WHERE key = kb_fold(:actor)
GROUP BY actor_id
ORDER BY rank, actor_id
"""


class UnknownActorError(ValueError):
    """No actor id, name or alias matches the query."""

    def __init__(self, query: str):
        super().__init__(f"no actor has the id, name or alias {query!r}")
        self.query = query


def fold(text: str | None) -> str:
    """The key of a name: without accents, case-folded, single-spaced."""
    if not text:
        return ""
    text = str(text)
    if text.isascii():  # nothing to decompose: the same key, without a pass per character
        return " ".join(text.casefold().split())
    bare = without_combining(unicodedata.normalize("NFKD", text))
    return " ".join(bare.casefold().split())


def register_functions(conn: sqlite3.Connection) -> None:
    """Give a connection ``kb_fold``, which the lookup SQL and the canned queries call."""
    conn.create_function("kb_fold", 1, fold, deterministic=True)


def name_rows(actor: Mapping) -> Iterator[dict]:
    """The ``actor_names`` rows of one actor record (``aliases`` as a JSON array or a list)."""
    aliases = actor.get("aliases") or []
    if isinstance(aliases, str):
        try:
            aliases = json.loads(aliases)
        except ValueError:
            aliases = []
    seen: set[str] = set()
    named = [(actor["id"], RANK_ID), (actor.get("name"), RANK_NAME)]
    named += [(alias, RANK_ALIAS) for alias in aliases if isinstance(alias, str)]
    for name, rank in named:
        key = fold(name)
        if key and key not in seen:
            seen.add(key)
            yield {"actor_id": actor["id"], "key": key, "rank": rank}


def best_matches(rows: Iterable[Mapping]) -> list[str]:
    """The ids of LOOKUP_SQL's rows that match as well as the best one."""
    rows = list(rows)
    if not rows:
        return []
    best = rows[0]["rank"]
    return [row["actor_id"] for row in rows if row["rank"] == best]
