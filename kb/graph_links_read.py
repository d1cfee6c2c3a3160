"""The graph page's queries answered from the kept links (kb.graph_links) instead of the claims:
the same rows as ``kb.graph.links_query``, ``kb.graph_shape.rolled_links_query`` and
``kb.graph_shape.DENIAL_TARGETS_SQL``, read with index seeks.

A link is counted over all its claims, so the date filters (``since``, ``until``), which count
part of a link, and the rejected claims, which are not in the links, are answered from the
claims (``serves`` says which). Nothing here touches a database.
"""

from __future__ import annotations

from collections.abc import Iterable

from kb.graph import GraphFilters, claims_where

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
    """``kb.graph.links_query``'s one row (n_claims, n_links, links, nodes), from graph_links."""
    # claims_where's stance and actor conditions hold for a link as for its claims (c)
    where, params = claims_where(filters, actor_ids)
    if filters.min_claims and filters.min_claims > 1:
        where.append("c.n_claims >= :min_claims")
        params["min_claims"] = filters.min_claims
    params["max_links"] = max_links
    where_sql = " WHERE " + " AND ".join(where) if where else ""
    sql = f"""
WITH link AS (SELECT c.* FROM graph_links c{where_sql}),
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
    accusations from graph_links_rolled, an actor's grouped from its links."""
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
WITH rolled AS ({rolled})
SELECT
  (SELECT count(*) FROM rolled WHERE claimant_id != subject_id) AS n_links,
  (SELECT json_group_array({LINK_JSON.format(stance="'accuses'", n_documents="NULL")})
   FROM (SELECT * FROM rolled WHERE claimant_id != subject_id
         ORDER BY n_claims DESC, claimant_id, subject_id LIMIT :max_links)) AS links
"""
    return sql, {**params, "max_links": max_links}


# DENIAL_TARGETS_SQL's rows for the denial links given (:links, JSON [[denier, subject], ...])
DENIAL_TARGETS_SQL = """
SELECT claimant_id, subject_id, target_id, n_claims, NULL AS n_documents, NULL AS n_hedged,
  first_published, last_published
FROM graph_denial_targets
WHERE (claimant_id, subject_id) IN (
  SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:links))
ORDER BY claimant_id, subject_id, target_id
"""
