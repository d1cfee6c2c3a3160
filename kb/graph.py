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

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import sqlite_utils

from extract.records import STANCES


class UnknownActorError(ValueError):
    """No actor id, name or alias matches the ``actor`` filter."""


@dataclass(frozen=True)
class GraphFilters:
    """What to keep. ``actor`` is an id, a name or an alias (case-insensitive); it keeps the
    claims the actor makes or is the subject of (an alias shared by several actors keeps all of
    them, unless it is exactly one actor's id).

    ``since``/``until`` compare with the document's ``published`` date (inclusive; claims of
    undated documents are left out when either is set). ``min_claims`` keeps only the claims
    whose (claimant, stance, subject) link is backed by at least that many claims.
    """

    stance: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    min_claims: int | None = None

    def __post_init__(self) -> None:
        if self.stance and self.stance not in STANCES:
            raise ValueError(f"unknown stance {self.stance!r}: expected one of {', '.join(STANCES)}")
        if self.min_claims is not None and self.min_claims < 0:
            raise ValueError(f"min_claims must be >= 0, got {self.min_claims}")


ACTORS_SQL = "SELECT id, name, kind, country, aliases FROM actors"

CLAIM_COLUMNS_SQL = """
SELECT
  c.id, c.claimant_id, c.subject_id, c.stance, c.degree, c.hedged, c.confidence, c.cue,
  c.speaker_id, c.counterpart_id, c.incident, c.document_id, c.evidence,
  d.published, d.title AS document_title, d.url AS document_url
FROM claims c
JOIN documents d ON d.id = c.document_id
"""


def match_actor(actor_rows: Iterable[Mapping], query: str) -> list[str]:
    """Ids of the actors whose id, name or one alias equals ``query`` (case-insensitive)."""
    wanted = query.strip().casefold()
    matches = []
    for row in actor_rows:
        names = [row["id"], row["name"] or ""]
        try:
            aliases = json.loads(row["aliases"] or "[]")
        except (TypeError, ValueError):
            aliases = []
        names.extend(a for a in aliases if isinstance(a, str))
        if any(name.casefold() == wanted for name in names):
            matches.append(row["id"])
    # an exact id match wins over an alias shared with another actor
    exact = [i for i in matches if i.casefold() == wanted]
    return exact or matches


def claims_query(filters: GraphFilters, actor_ids: Iterable[str] = ()) -> tuple[str, dict]:
    """The SQL (and named parameters) selecting the claims that ``filters`` keep."""
    where, params = [], {}
    if filters.stance:
        where.append("c.stance = :stance")
        params["stance"] = filters.stance
    actor_ids = list(actor_ids)
    if actor_ids:
        names = [f":actor{i}" for i in range(len(actor_ids))]
        where.append(f"(c.claimant_id IN ({', '.join(names)}) OR c.subject_id IN ({', '.join(names)}))")
        params.update({n[1:]: a for n, a in zip(names, actor_ids, strict=True)})
    if filters.since:
        where.append("d.published >= :since")
        params["since"] = filters.since
    if filters.until:
        # compare only as many characters as given, so until=2021-07 includes all of July
        where.append("substr(d.published, 1, length(:until)) <= :until")
        params["until"] = filters.until
    sql = CLAIM_COLUMNS_SQL + (" WHERE " + " AND ".join(where) if where else "")
    if filters.min_claims and filters.min_claims > 1:
        # every claim of a (claimant, stance, subject) link passes the same filters, so a
        # window count over the filtered claims is the link's weight
        sql = (
            "SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY claimant_id, stance, subject_id)"
            f" AS link_claims FROM ({sql})) WHERE link_claims >= :min_claims"
        )
        params["min_claims"] = filters.min_claims
    sql = f"SELECT * FROM ({sql}) ORDER BY id"
    return sql, params


def build_graph(actor_rows: Iterable[Mapping], claim_rows: Iterable[Mapping]) -> nx.MultiDiGraph:
    """The claim multigraph from plain rows (see the module docstring for what is a node)."""
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
            document_id=row["document_id"],
            published=row["published"],
            evidence=row["evidence"],
        )
    return g


def _database(db: str | Path | sqlite_utils.Database) -> sqlite_utils.Database:
    if isinstance(db, sqlite_utils.Database):
        return db
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such knowledge base; build it with `kb ingest PATH --db {path}`")
    return sqlite_utils.Database(path)


def resolve_actor(db: str | Path | sqlite_utils.Database, query: str) -> list[str]:
    """Actor ids matching an id, name or alias; raises UnknownActorError when none does."""
    ids = match_actor(_database(db).query(ACTORS_SQL), query)
    if not ids:
        raise UnknownActorError(f"no actor has the id, name or alias {query!r}")
    return ids


def load_graph(
    db: str | Path | sqlite_utils.Database,
    stance: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_claims: int | None = None,
) -> nx.MultiDiGraph:
    """The claim multigraph of the knowledge base at ``db`` (a path or a sqlite_utils Database)."""
    database = _database(db)
    filters = GraphFilters(stance, actor, since, until, min_claims)
    actor_rows = list(database.query(ACTORS_SQL))
    actor_ids: list[str] = []
    if actor:
        actor_ids = match_actor(actor_rows, actor)
        if not actor_ids:
            raise UnknownActorError(f"no actor has the id, name or alias {actor!r}")
    sql, params = claims_query(filters, actor_ids)
    g = build_graph(actor_rows, database.query(sql, params))
    g.graph.update({k: v for k, v in vars(filters).items() if v is not None})
    return g


def aggregate_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One edge per (claimant, stance, subject), keyed by stance.

    Edge attributes: ``stance``, ``weight`` (claims), ``n_documents``, ``n_hedged``,
    ``first_published``/``last_published`` (None when no document is dated). Nodes keep their
    attributes and gain ``claims_made`` and ``claims_received``.
    """
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
