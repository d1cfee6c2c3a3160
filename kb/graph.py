"""The claims graph: who accuses (or denies) whom, read from the knowledge base.

Two shapes, both ``networkx.MultiDiGraph``:

- ``load_graph(db)``: one edge per claim, keyed by the claim id. Nodes are the actors that
  take part in at least one claim as claimant or subject (speaker and counterpart are edge
  attributes, not nodes), so the node count is
  ``SELECT count(*) FROM (SELECT claimant_id FROM claims UNION SELECT subject_id FROM claims)``
  and the edge count is the number of claims.
- ``aggregate_graph(g)``: one edge per (claimant, stance, subject), keyed by the stance, with
  ``weight`` = number of claims. A plain DiGraph would allow one edge per (claimant, subject)
  and so mix "CHN accuses USA" with "CHN denies ... USA"; keying by stance keeps one stance per
  edge, which is what colouring by stance and GraphML/GEXF readers need.

Two lines for a script::

    from kb.graph import load_graph
    g = load_graph("kb.db", stance="accuses", since="2021-01-01")

The SQL and the graph building are separate so that the Datasette plugin can run the same
queries through its own (async) database connection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from extract.records import STANCES
from kb.actor_lookup import LOOKUP_SQL, UnknownActorError, best_matches, register_functions

# networkx is imported where a graph is built: an ingest, which reads only GraphFilters here
# (through kb.graph_drawn), would pay a fifth of a second for its import
if TYPE_CHECKING:
    import networkx as nx

__all__ = ["UnknownActorError", "load_graph", "aggregate_graph", "resolve_actor"]


@dataclass(frozen=True)
class GraphFilters:
    """What to keep. ``actor`` is an id, a name or an alias (case and accents ignored, see
    kb.actor_lookup); it keeps the claims the actor makes or is the subject of (a name shared
    by several actors keeps all of them, unless it is exactly one actor's id or name).

    ``since``/``until`` compare with the document's ``published`` date (inclusive; claims of
    undated documents are left out when either is set). ``min_claims`` keeps only the claims
    whose (claimant, stance, subject) link is backed by at least that many claims.
    """

    stance: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    min_claims: int | None = None
    # the claims a reviewer rejected too (kb review), marked review = 'rejected'
    include_rejected: bool = False

    def __post_init__(self) -> None:
        if self.stance and self.stance not in STANCES:
            raise ValueError(f"unknown stance {self.stance!r}: expected one of {', '.join(STANCES)}")
        if self.min_claims is not None and self.min_claims < 0:
            raise ValueError(f"min_claims must be >= 0, got {self.min_claims}")
        for name in ("since", "until"):
            check_date(name, getattr(self, name))


ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(name: str, value: str | None) -> None:
    """A date filter is YYYY, YYYY-MM or YYYY-MM-DD and a real day (2021-02-30 is refused)."""
    if not value:
        return
    found = ISO_DATE.match(value)
    try:
        if not found:
            raise ValueError
        year, month, day = found.groups()
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD") from None


ACTORS_SQL = "SELECT id, name, kind, country FROM actors"

CLAIM_COLUMNS_SQL = """
SELECT
  c.id, c.claimant_id, c.subject_id, c.stance, c.degree, c.hedged, c.confidence, c.cue,
  c.speaker_id, c.counterpart_id, c.incident, c.incident_id, c.target_id, c.document_id, c.evidence,
  d.published, d.title AS document_title, d.url AS document_url
FROM claims c
JOIN documents d ON d.id = c.document_id
"""


# every claim, kept or rejected by a reviewer: the columns the graph reads, and the review. A
# rejected claim keeps its id in rejected_claims (a later claim may take a free id, rarely)
WITH_REJECTED_SQL = """(
  SELECT {columns} FROM claims UNION ALL SELECT {columns} FROM rejected_claims
) c"""
# the claim columns CLAIM_COLUMNS_SQL reads, and those the filters read
WITH_REJECTED_COLUMNS = ", ".join(
    dict.fromkeys([*re.findall(r"\bc\.(\w+)", CLAIM_COLUMNS_SQL), "published", "review"])
)


def claim_columns_sql(filters: GraphFilters) -> str:
    """``CLAIM_COLUMNS_SQL``, over the rejected claims too when the filters ask for them."""
    if not filters.include_rejected:
        return CLAIM_COLUMNS_SQL
    source = WITH_REJECTED_SQL.format(columns=WITH_REJECTED_COLUMNS)
    sql = CLAIM_COLUMNS_SQL.replace("FROM claims c", f"FROM {source}")
    return sql.replace("\nFROM", ", c.review\nFROM", 1)


def claims_where(filters: GraphFilters, actor_ids: Iterable[str] = ()) -> tuple[list[str], dict]:
    """The WHERE conditions (over ``claims c``) and parameters of ``filters``,
    all but ``min_claims``."""
    where, params = [], {}
    if filters.stance:
        where.append("c.stance = :stance")
        params["stance"] = filters.stance
    actor_ids = list(actor_ids)
    if actor_ids:
        names = [f":actor{i}" for i in range(len(actor_ids))]
        where.append(f"(c.claimant_id IN ({', '.join(names)}) OR c.subject_id IN ({', '.join(names)}))")
        params.update({n[1:]: a for n, a in zip(names, actor_ids, strict=True)})
    date_where, date_params = dates_where(filters)
    return where + date_where, {**params, **date_params}


def dates_where(filters: GraphFilters) -> tuple[list[str], dict]:
    """The conditions on the claim's date (its document's, ``since``, ``until``) and their parameters."""
    where, params = [], {}
    if filters.since:
        where.append("c.published >= :since")
        params["since"] = filters.since
    if filters.until:
        # compare only as many characters as given, so until=2021-07 includes all of July
        where.append("substr(c.published, 1, length(:until)) <= :until")
        params["until"] = filters.until
    return where, params


def claims_query(
    filters: GraphFilters,
    actor_ids: Iterable[str] = (),
    extra_where: Iterable[str] = (),
    order_by: str = "id",
    limit: int | None = None,
) -> tuple[str, dict]:
    """The SQL (and named parameters) selecting the claims that ``filters`` keep.

    ``extra_where`` narrows further by claimant or subject only (a whole link passes or fails
    together, so ``min_claims`` still counts the link's claims); its parameters are the caller's.
    """
    where, params = claims_where(filters, actor_ids)
    where += list(extra_where)
    sql = claim_columns_sql(filters) + (" WHERE " + " AND ".join(where) if where else "")
    if filters.min_claims and filters.min_claims > 1:
        # every claim of a (claimant, stance, subject) link passes the same filters, so a
        # window count over the filtered claims is the link's weight
        sql = (
            "SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY claimant_id, stance, subject_id)"
            f" AS link_claims FROM ({sql})) WHERE link_claims >= :min_claims"
        )
        params["min_claims"] = filters.min_claims
    sql = f"SELECT * FROM ({sql}) ORDER BY {order_by}" + (f" LIMIT {int(limit)}" if limit else "")
    return sql, params


def claims_page_query(
    filters: GraphFilters,
    actor_ids: Iterable[str] = (),
    extra_where: Iterable[str] = (),
    limit: int = 500,
    any_of: Iterable[str] = (),
) -> tuple[str, dict]:
    """``claims_query`` in date order (then id) with a limit, narrowed by ``extra_where`` and by
    any one of ``any_of``: the same rows, but the page's ids are picked from the claims' indexes
    first (claims carry their document's date), and only their rows and documents are read, not
    those of every claim of a much named actor. Each of ``any_of`` is read apart (an OR of two
    columns would read the rows of both), a claim once."""
    any_of = list(any_of)
    if (filters.min_claims and filters.min_claims > 1) or filters.include_rejected:
        narrowed = [*extra_where, *([f"({' OR '.join(any_of)})"] if any_of else [])]
        return claims_query(filters, actor_ids, narrowed, order_by="published, id", limit=limit)
    where, params = claims_where(filters, actor_ids)
    where += list(extra_where)
    parts = []
    for i, condition in enumerate(any_of or ["1"]):
        earlier = [f"NOT ({other})" for other in any_of[:i]]
        conditions = " AND ".join([*where, condition, *earlier])
        # each part's first ``limit`` (an index in date order reads no more, where there is one)
        parts.append(
            f"SELECT * FROM (SELECT c.id, c.published FROM claims c WHERE {conditions} "
            f"ORDER BY c.published, c.id LIMIT {int(limit)})"
        )
    picked = f"SELECT id FROM ({' UNION ALL '.join(parts)}) ORDER BY published, id LIMIT {int(limit)}"
    sql = f"SELECT * FROM ({CLAIM_COLUMNS_SQL} WHERE c.id IN ({picked})) ORDER BY published, id"
    return sql, params


def claims_count_query(
    filters: GraphFilters, actor_ids: Iterable[str] = (), extra_where: Iterable[str] = ()
) -> tuple[str, dict]:
    """How many claims ``claims_query`` would select without its limit (one row, column ``n``)."""
    if (filters.min_claims and filters.min_claims > 1) or filters.include_rejected:
        sql, params = claims_query(filters, actor_ids, extra_where)
        return f"SELECT count(*) AS n FROM ({sql})", params
    where, params = claims_where(filters, actor_ids)
    where += list(extra_where)
    # claims carry their document's date: counting stays in the claims table's indexes
    return "SELECT count(*) AS n FROM claims c" + (" WHERE " + " AND ".join(where) if where else ""), params


def links_query(
    filters: GraphFilters, actor_ids: Iterable[str] = (), max_links: int = 500
) -> tuple[str, dict]:
    """One row summarising the aggregated graph, computed in SQL (no claim leaves SQLite).

    Columns: ``n_claims`` and ``n_links`` for the whole filtered graph, and two JSON
    arrays: ``links``, the ``max_links`` links (claimant, stance, subject) with the most claims,
    with their ``n_claims``, ``n_documents``, ``n_hedged``, ``first_published`` and
    ``last_published``; ``nodes``, the actors at their ends with ``claims_made`` and
    ``claims_received`` counted over the whole filtered graph. Everything is read from the
    covering index on claims(stance, claimant_id, subject_id, document_id, hedged, published):
    claims carry their document's date, so no document is read.
    """
    where, params = claims_where(filters, actor_ids)
    # every claim of a link shown passes the stance and actor filters (they are about the link's
    # ends): only the date filters are checked again when its details are read
    date_where = dates_where(filters)[0]
    having = ""
    if filters.min_claims and filters.min_claims > 1:
        having = "HAVING count(*) >= :min_claims"
        params["min_claims"] = filters.min_claims
    params["max_links"] = max_links
    where_sql = " WHERE " + " AND ".join(where) if where else ""
    # the claims of a link shown, as they passed the filters
    same = " AND ".join(
        ["c.stance = s.stance", "c.claimant_id = s.claimant_id", "c.subject_id = s.subject_id", *date_where]
    )
    if having:
        totals = """made AS (SELECT claimant_id AS id, sum(n_claims) AS n FROM link GROUP BY claimant_id),
received AS (SELECT subject_id AS id, sum(n_claims) AS n FROM link GROUP BY subject_id)"""
    else:
        # without min_claims every filtered claim counts: grouped straight from an index, which
        # is cheaper than grouping the (many) links again
        totals = f"""made AS (SELECT c.claimant_id AS id, count(*) AS n FROM claims c {where_sql}
  GROUP BY c.claimant_id),
received AS (SELECT c.subject_id AS id, count(*) AS n FROM claims c {where_sql}
  GROUP BY c.subject_id)"""
    sql = f"""
WITH link AS MATERIALIZED (
  SELECT c.claimant_id, c.stance, c.subject_id, count(*) AS n_claims
  FROM claims c {where_sql}
  GROUP BY c.stance, c.claimant_id, c.subject_id {having}
),
shown AS MATERIALIZED (
  -- the weight of the lightest link shown first (a sort of numbers), then a sort of the few
  -- links at least that heavy, not of every link
  SELECT * FROM link
  WHERE n_claims >= (
    SELECT min(n_claims) FROM (SELECT n_claims FROM link ORDER BY n_claims DESC LIMIT :max_links)
  )
  ORDER BY n_claims DESC, claimant_id, stance, subject_id LIMIT :max_links
),
shown_detail AS (
  -- per link shown, four seeks into the covering index (no grouping of the joined claims)
  SELECT s.claimant_id, s.stance, s.subject_id, s.n_claims,
    (SELECT count(DISTINCT c.document_id) FROM claims c WHERE {same}) AS n_documents,
    (SELECT sum(CASE WHEN c.hedged THEN 1 ELSE 0 END) FROM claims c WHERE {same}) AS n_hedged,
    (SELECT min(c.published) FROM claims c WHERE {same}) AS first_published,
    (SELECT max(c.published) FROM claims c WHERE {same}) AS last_published
  FROM shown s
),
node AS (SELECT claimant_id AS id FROM shown UNION SELECT subject_id FROM shown),
{totals}
SELECT
  (SELECT total(n_claims) FROM link) AS n_claims,
  (SELECT count(*) FROM link) AS n_links,
  (SELECT json_group_array(json_object(
     'claimant_id', claimant_id, 'stance', stance, 'subject_id', subject_id, 'n_claims', n_claims,
     'n_documents', n_documents, 'n_hedged', n_hedged,
     'first_published', first_published, 'last_published', last_published))
   FROM shown_detail) AS links,
  (SELECT json_group_array(json_object(
     'id', node.id, 'name', coalesce(a.name, node.id), 'kind', coalesce(a.kind, 'other'),
     'country', a.country, 'claims_made', coalesce(made.n, 0),
     'claims_received', coalesce(received.n, 0)))
   FROM node
   LEFT JOIN actors a ON a.id = node.id
   LEFT JOIN made ON made.id = node.id
   LEFT JOIN received ON received.id = node.id) AS nodes
"""
    return sql, params


def build_graph(actor_rows: Iterable[Mapping], claim_rows: Iterable[Mapping]) -> nx.MultiDiGraph:
    """The claim multigraph from plain rows (see the module docstring for what is a node)."""
    import networkx as nx

    actors = {row["id"]: row for row in actor_rows}
    g = nx.MultiDiGraph()
    for row in claim_rows:
        for actor_id in (row["claimant_id"], row["subject_id"]):
            if actor_id not in g:
                actor = actors.get(actor_id) or {}
                g.add_node(
                    actor_id,
                    name=actor.get("name") or actor_id,
                    kind=actor.get("kind") or "other",
                    country=actor.get("country"),
                )
        g.add_edge(
            row["claimant_id"],
            row["subject_id"],
            key=row["id"],
            claim_id=row["id"],
            stance=row["stance"],
            degree=row["degree"],
            hedged=bool(row["hedged"]),
            confidence=row["confidence"],
            cue=row["cue"],
            speaker_id=row["speaker_id"],
            counterpart_id=row["counterpart_id"],
            incident=row["incident"],
            incident_id=row["incident_id"],
            target_id=row["target_id"],
            document_id=row["document_id"],
            published=row["published"],
            evidence=row["evidence"],
            **({"review": row["review"]} if "review" in row else {}),
        )
    return g


def _database(db: str | Path | sqlite_utils.Database) -> sqlite_utils.Database:
    if isinstance(db, sqlite_utils.Database):
        database = db
    else:
        path = Path(db)
        if not path.exists():
            raise FileNotFoundError(
                f"{path}: no such knowledge base; build it with `kb ingest PATH --db {path}`"
            )
        database = sqlite_utils.Database(path)
    register_functions(database.conn)
    return database


def resolve_actor(db: str | Path | sqlite_utils.Database, query: str) -> list[str]:
    """Actor ids matching an id, name or alias; raises UnknownActorError when none does."""
    ids = best_matches(_database(db).query(LOOKUP_SQL, {"actor": query}))
    if not ids:
        raise UnknownActorError(query)
    return ids


def load_graph(
    db: str | Path | sqlite_utils.Database,
    stance: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_claims: int | None = None,
    include_rejected: bool = False,
) -> nx.MultiDiGraph:
    """The claim multigraph of the knowledge base at ``db`` (a path or a sqlite_utils Database).

    ``include_rejected`` adds the claims reviewers rejected, their edges marked ``review="rejected"``.
    """
    database = _database(db)
    filters = GraphFilters(stance, actor, since, until, min_claims, include_rejected)
    actor_ids = resolve_actor(database, actor) if actor else []
    sql, params = claims_query(filters, actor_ids)
    g = build_graph(database.query(ACTORS_SQL), database.query(sql, params))
    g.graph.update({k: v for k, v in vars(filters).items() if v is not None and v is not False})
    return g


def aggregate_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One edge per (claimant, stance, subject), keyed by stance.

    Edge attributes: ``stance``, ``weight`` (claims), ``n_documents``, ``n_hedged``,
    ``first_published``/``last_published`` (None when no document is dated). Nodes keep their
    attributes and gain ``claims_made`` and ``claims_received``.
    """
    import networkx as nx

    agg = nx.MultiDiGraph(**g.graph)
    for node, data in g.nodes(data=True):
        agg.add_node(
            node, **{**data, "claims_made": g.out_degree(node), "claims_received": g.in_degree(node)}
        )
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for u, v, data in g.edges(data=True):
        groups.setdefault((u, v, data["stance"]), []).append(data)
    for (u, v, stance), claims in groups.items():
        dates = sorted(c["published"] for c in claims if c.get("published"))
        agg.add_edge(
            u,
            v,
            key=stance,
            stance=stance,
            weight=len(claims),
            n_documents=len({c["document_id"] for c in claims}),
            n_hedged=sum(1 for c in claims if c["hedged"]),
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
        )
    return agg
