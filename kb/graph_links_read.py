"""The graph page's queries answered from the kept links (kb.graph_links) instead of the claims:
the same rows as ``kb.graph.links_query`` and ``kb.graph_shape.rolled_links_query``, and the
denial arrows as ``kb.graph_shape`` draws them, read with index seeks.

A link is counted over all its claims, so the date filters (``since``, ``until``), which count
part of a link, and the rejected claims, which are not in the links, are answered from the
claims (``serves`` says which). Nothing here touches a database.
"""

from __future__ import annotations

from collections.abc import Iterable

from kb.graph import GraphFilters, claims_where

# vis-network lays out a few hundred links legibly; the count is done in SQL whatever the size
MAX_LINKS = 500

# whether the kept links can be read: a KB from before has none; a link marked waits for its rebuild
KEPT_SQL = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'graph_links_dirty'"
MARKED_SQL = "SELECT EXISTS (SELECT 1 FROM graph_links_dirty)"

LINK_JSON = """json_object(
     'claimant_id', claimant_id, 'stance', {stance}, 'subject_id', subject_id, 'n_claims', n_claims,
     'n_documents', {n_documents}, 'n_hedged', n_hedged,
     'first_published', first_published, 'last_published', last_published)"""


def serves(filters: GraphFilters) -> bool:
    """Whether the kept links answer these filters (every claim of a link passes them or none)."""
    return not (filters.since or filters.until or filters.include_rejected)


def links_query(filters: GraphFilters, actor_ids: Iterable[str], max_links: int) -> tuple[str, dict]:
    """``kb.graph.links_query``'s one row (n_claims, n_links, links, nodes), from graph_links:
    the whole KB's links are read where each part needs them (NOT MATERIALIZED), so that the
    heaviest come from the n_claims index and each node's totals from its own links; an actor's
    (a few thousand at most) are read once."""
    actor_ids = list(actor_ids)
    # claims_where's stance and actor conditions hold for a link as for its claims (c)
    where, params = claims_where(filters, actor_ids)
    if filters.min_claims and filters.min_claims > 1:
        where.append("c.n_claims >= :min_claims")
        params["min_claims"] = filters.min_claims
    params["max_links"] = max_links
    where_sql = " WHERE " + " AND ".join(where) if where else ""
    sql = f"""
WITH link AS {"MATERIALIZED" if actor_ids else "NOT MATERIALIZED"} (SELECT c.* FROM graph_links c{where_sql}),
shown AS MATERIALIZED (
  SELECT * FROM link ORDER BY n_claims DESC, claimant_id, stance, subject_id LIMIT :max_links
),
node AS (SELECT claimant_id AS id FROM shown UNION SELECT subject_id FROM shown)
SELECT
  (SELECT total(n_claims) FROM link) AS n_claims,
  (SELECT count(*) FROM link) AS n_links,
  (SELECT json_group_array({LINK_JSON.format(stance="stance", n_documents="n_documents")})
   FROM shown) AS links,
  (SELECT json_group_array(json_object(
     'id', node.id, 'name', coalesce(a.name, node.id), 'kind', coalesce(a.kind, 'other'),
     'country', a.country,
     'claims_made', (SELECT coalesce(sum(n_claims), 0) FROM link WHERE claimant_id = node.id),
     'claims_received', (SELECT coalesce(sum(n_claims), 0) FROM link WHERE subject_id = node.id)))
   FROM node LEFT JOIN actors a ON a.id = node.id) AS nodes
"""
    return sql, params


def rolled_links_query(filters: GraphFilters, actor_ids: Iterable[str], max_links: int) -> tuple[str, dict]:
    """``kb.graph_shape.rolled_links_query``'s row (n_links, links): the whole KB's rolled
    accusations from graph_links_rolled (the heaviest from its n_claims index), an actor's
    grouped from its links once."""
    # claims_where's stance and actor conditions hold for a link as for its claims (c)
    where, params = claims_where(filters, actor_ids)
    if where:
        where_sql = " AND ".join(["c.stance = 'accuses'", *where])
        rolled = f"""SELECT c.claimant_up AS claimant_id, c.subject_up AS subject_id,
    sum(c.n_claims) AS n_claims, sum(c.n_hedged) AS n_hedged,
    min(c.first_published) AS first_published, max(c.last_published) AS last_published
  FROM graph_links c WHERE {where_sql}
  GROUP BY c.claimant_up, c.subject_up"""
    else:
        rolled = "SELECT * FROM graph_links_rolled"
    sql = f"""
WITH rolled AS {"MATERIALIZED" if where else "NOT MATERIALIZED"} ({rolled})
SELECT
  (SELECT count(*) FROM rolled WHERE claimant_id != subject_id) AS n_links,
  (SELECT json_group_array({LINK_JSON.format(stance="'accuses'", n_documents="NULL")})
   FROM (SELECT * FROM rolled WHERE claimant_id != subject_id
         ORDER BY n_claims DESC, claimant_id, subject_id LIMIT :max_links)) AS links
"""
    return sql, {**params, "max_links": max_links}


def drawn_denials_query(rollup: bool) -> str:
    """The denial links given (:links) drawn towards their accusers as kb.graph_shape draws them
    (redirect_denials, then roll_up and merge when rolled up), added up from
    graph_denial_targets rather than in Python: rows ``link`` (the :max_links heaviest),
    ``self`` (per actor, its denials of its own responsibility answering no one) and ``total``
    (the claims of every link drawn). A link drawn from one target has no n_documents nor
    n_hedged (None), one merged from several 0, as merge leaves them."""
    claimant, target = ("t.claimant_up", "t.target_up") if rollup else ("t.claimant_id", "t.target_id")
    loops = "AND claimant_id != target_id" if rollup else ""
    return f"""
WITH link AS (
  SELECT json_extract(value, '$[0]') AS claimant_id, json_extract(value, '$[1]') AS subject_id
  FROM json_each(:links)
),
target AS MATERIALIZED (
  SELECT {claimant} AS claimant_id, {target} AS target_id, t.target_id IS NULL AS own,
    t.n_claims, t.first_published, t.last_published
  FROM link l JOIN graph_denial_targets t ON t.claimant_id = l.claimant_id AND t.subject_id = l.subject_id
),
drawn AS MATERIALIZED (
  SELECT claimant_id, target_id AS subject_id, sum(n_claims) AS n_claims,
    CASE WHEN count(*) > 1 THEN 0 END AS n_documents, CASE WHEN count(*) > 1 THEN 0 END AS n_hedged,
    min(first_published) AS first_published, max(last_published) AS last_published
  FROM target WHERE NOT own {loops}
  GROUP BY claimant_id, target_id
)
SELECT * FROM (
  SELECT 'link' AS kind, * FROM drawn ORDER BY n_claims DESC, claimant_id, subject_id LIMIT :max_links
)
UNION ALL
SELECT 'self', claimant_id, NULL, sum(n_claims), NULL, NULL, NULL, NULL FROM target WHERE own
GROUP BY claimant_id
UNION ALL
SELECT 'total', NULL, NULL, sum(n_claims), NULL, NULL, NULL, NULL FROM drawn
"""
