"""The knowledge base's schema as declarations: the columns of each table, foreign keys, full-text
search, indexes and views (the analysts' interface, README "The schema in brief").

``kb.store`` creates them through its migrations; nothing here touches a database.
"""

from __future__ import annotations

from sqlite_utils.db import DescIndex

DOCUMENTS_COLUMNS = {
    "id": str,
    "sha256": str,
    "title": str,
    "url": str,
    "publisher": str,
    "published": str,
    "license": str,
    "attribution": str,
    "lang": str,
    "status": str,
    "text": str,
    "n_words": int,
    "ingested_at": str,
    # counts kept with the document so that the documents list needs no join
    "n_claims": int,
    "n_mentions": int,
    # the file it was read from (absolute path) and the line of a JSONL file: an id that comes
    # back from the same file is that document edited, from another file a different document
    "source_file": str,
    "source_line": int,
}
ACTORS_COLUMNS = {
    "id": str,
    "name": str,
    "kind": str,
    "country": str,
    "aliases": str,
    "source": str,
    "ref": str,
}
MENTIONS_COLUMNS = {
    "id": int,
    "document_id": str,
    "actor_id": str,
    "text": str,
    "start_char": int,
    "end_char": int,
}
CLAIMS_COLUMNS = {
    "id": int,
    "document_id": str,
    "claimant_id": str,
    "speaker_id": str,
    "stance": str,
    "subject_id": str,
    "counterpart_id": str,
    "incident": str,
    "degree": str,
    "hedged": int,
    "confidence": float,
    "cue": str,
    "evidence": str,
    "start_char": int,
    "end_char": int,
    "extractor": str,
    # the document's publication date, copied so that an index can order a subject's claims by
    # time (time_to_denial): an index cannot reach into another table
    "published": str,
}
INGEST_ERRORS_COLUMNS = {"id": int, "path": str, "line": int, "reason": str, "time": str}
INCIDENTS_COLUMNS = {
    "id": str,
    "name": str,
    "name_fr": str,
    "aliases": str,
    "kind": str,
    "started": str,
    "ended": str,
    "year": int,
    "victims": str,
    "source": str,
    "ref": str,
    "attack_id": str,
}
# added to claims and documents by m016_incidents (ALTER TABLE keeps a large KB in place)
CLAIM_INCIDENT_COLUMNS = {
    "incident_id": "TEXT REFERENCES incidents(id)",
    "target_id": "TEXT REFERENCES actors(id)",
    "incident_via": "TEXT",
    # the accused, or the state of an accused group, agency or spokesperson: a denial by a state
    # answers the accusations of its organs too (kb/denials.py), found with one index seek
    "subject_state": "TEXT",
}
# the kinds of actor that stand for their state (actors.country) in subject_state and on the graph
ROLLED_KINDS = ("group", "agency", "person")
SUBJECT_STATE_SQL = (
    "UPDATE claims SET subject_state = coalesce((SELECT CASE WHEN a.kind IN "
    + "("
    + ", ".join(f"'{k}'" for k in ROLLED_KINDS)
    + ")"
    + " AND a.country IS NOT NULL THEN a.country END FROM actors a WHERE a.id = claims.subject_id),"
    " subject_id)"
)
DOCUMENT_DATE_COLUMNS = {"date_source": "TEXT", "duplicate_of": "TEXT REFERENCES documents(id)"}

FOREIGN_KEYS = {
    "mentions": [("document_id", "documents", "id"), ("actor_id", "actors", "id")],
    "claims": [
        ("document_id", "documents", "id"),
        ("claimant_id", "actors", "id"),
        ("speaker_id", "actors", "id"),
        ("subject_id", "actors", "id"),
        ("counterpart_id", "actors", "id"),
    ],
}

# remove_diacritics lets "Pekin" find "Pékin"; porter would only stem English
FTS_TOKENIZE = "unicode61 remove_diacritics 2"
FTS_CONFIG = {"documents": ["title", "text"], "claims": ["evidence"]}

# extra indexes that the canned queries and views lean on
INDEXES = {
    "claims": [
        ["stance"],
        ["claimant_id", "stance", "subject_id"],
        ["subject_id", "stance"],
        # covering for the denials: "denials of X naming Y" (actor_profile, counter_accusations) and
        # every denial with its date in (denier, counterpart) order (time_to_denial)
        ["stance", "claimant_id", "counterpart_id", "subject_id", "published"],
        # covering for the graph's links and who_accuses_whom: count, documents, hedged and dates
        # per (stance, claimant, subject) without reading the table
        ["stance", "claimant_id", "subject_id", "document_id", "hedged", "published"],
        # time_to_denial: the accusations a denial answers, by subject (and accuser), in date order
        ["subject_id", "stance", "claimant_id", "published"],
        ["subject_id", "stance", "published", "claimant_id"],
        # the actor page and the timeline: an actor's claims, and all denials, newest first
        ["claimant_id", "stance", "published"],
        ["stance", "published", "counterpart_id", "subject_id", "claimant_id"],
    ],
    # (id, published): a claim's date is read from the index alone, not the row with its text
    "documents": [["published"], ["lang"], ["id", "published"], ["license", "published"]],
    "actors": [["kind"], ["country"]],
    # the documents naming an actor, counted from the index alone (actor_profile)
    "mentions": [["actor_id", "document_id"]],
}
# m021: an actor's distinct sentences and its speakers counted from an index alone (the actor
# page, actor_profile, and actor_sentences after each ingest), a subject's claims newest first
# (claims_about) and the denials naming an accuser newest first (the actor page, the timeline).
# Two of them replace an index that is their first columns and that no query reads in rowid
# order (SUPERSEDED_INDEXES; claims(claimant_id) and claims(subject_id) stay: the actor page
# reads the latest claims by id)
ACTOR_PAGE_INDEXES = {
    "claims": [
        ["claimant_id", "stance", "document_id", "start_char", "speaker_id"],
        ["subject_id", "stance", "document_id", "start_char", "claimant_id"],
        ["subject_id", "published"],
        ["counterpart_id", "stance", "published"],
    ]
}
SUPERSEDED_INDEXES = ("idx_claims_subject_id_stance", "idx_claims_counterpart_id")
# m022: the attributions page's facet on denied, counted from an index
ATTRIBUTION_INDEXES = {"attribution_stats": [["denied"]]}
# m023: the documents in the order they were stored (its rowid ends each entry), which the
# new_claims feed walks newest first until it has its 100 claims
FEED_INDEXES = {"documents": [["ingested_at"]]}

VIEWS = {
    "claim_edges": """
SELECT
  c.claimant_id,
  claimant.name AS claimant_name,
  c.stance,
  c.subject_id,
  subject.name AS subject_name,
  count(*) AS n_claims,
  count(DISTINCT c.document_id) AS n_documents
FROM claims c
JOIN actors claimant ON claimant.id = c.claimant_id
JOIN actors subject ON subject.id = c.subject_id
GROUP BY c.claimant_id, c.stance, c.subject_id
""",
    # each denial with the accusations it answers and why (table denial_answers, kb/denials.py)
    "denials_answering": """
-- every column beyond denial_answers' own is a scalar subquery on a primary key: reading a page
-- costs a few seeks per row, and counting (or filtering by denier or accuser) reads one table
SELECT
  p.denial_id,
  p.denier_id,
  (SELECT name FROM actors WHERE id = p.denier_id) AS denier_name,
  (SELECT subject_id FROM claims WHERE id = p.denial_id) AS subject_id,
  (SELECT document_id FROM claims WHERE id = p.denial_id) AS denial_document_id,
  p.denial_published,
  (SELECT evidence FROM claims WHERE id = p.denial_id) AS denial_evidence,
  p.accusation_id,
  p.accuser_id,
  (SELECT name FROM actors WHERE id = p.accuser_id) AS accuser_name,
  (SELECT document_id FROM claims WHERE id = p.accusation_id) AS accusation_document_id,
  (SELECT published FROM claims WHERE id = p.accusation_id) AS accusation_published,
  (SELECT evidence FROM claims WHERE id = p.accusation_id) AS accusation_evidence,
  p.days_between,
  p.reason,
  p.reason = 'same_document' AS same_document,
  (SELECT incident FROM claims WHERE id = p.denial_id) AS denial_incident,
  (SELECT incident FROM claims WHERE id = p.accusation_id) AS accusation_incident,
  (SELECT incident_id FROM claims WHERE id = p.denial_id) AS denial_incident_id,
  (SELECT incident_id FROM claims WHERE id = p.accusation_id) AS accusation_incident_id,
  p.reason = 'same_incident' AS same_incident
FROM denial_answers p
""",
    # one row per (incident, accused): who attributed it, in how many sentences, documents and
    # independent sources (near-duplicate documents count once), when, and who denied it
    "attributions": """
SELECT
  s.incident_id,
  -- names read for the rows shown only: counting the rows and the facets read no other table
  (SELECT i.name FROM incidents i WHERE i.id = s.incident_id) AS incident_name,
  s.accused_id,
  (SELECT accused.name FROM actors accused WHERE accused.id = s.accused_id) AS accused_name,
  s.n_claimants,
  s.claimant_ids,
  s.n_claims,
  s.n_sentences,
  s.n_documents,
  s.n_independent_documents,
  s.n_publishers,
  s.first_published,
  s.last_published,
  s.denied_by,
  s.denied
FROM attribution_stats s
""",
    # B denies what A says of it and accuses A in return. The candidates come from the denials
    # (a denial naming its accuser counts for that accuser, one naming no one, of B itself, for
    # every accuser of B); a candidate with accusations both ways (two index seeks) is counted
    "counter_accusations": """
WITH named_denial AS MATERIALIZED (
  SELECT claimant_id AS denier_id, counterpart_id AS accuser_id, count(*) AS n
  FROM claims WHERE stance = 'denies' AND counterpart_id IS NOT NULL
  GROUP BY claimant_id, counterpart_id
),
unnamed_denial AS MATERIALIZED (
  SELECT claimant_id AS denier_id, count(*) AS n
  FROM claims WHERE stance = 'denies' AND counterpart_id IS NULL AND subject_id = claimant_id
  GROUP BY claimant_id
),
candidate AS (
  SELECT denier_id, accuser_id, n AS n_named FROM named_denial
  UNION ALL
  SELECT DISTINCT u.denier_id, a.claimant_id, 0
  FROM unnamed_denial u
  JOIN claims a ON a.subject_id = u.denier_id AND a.stance = 'accuses'
  WHERE NOT EXISTS (
    SELECT 1 FROM claims d
    WHERE d.stance = 'denies' AND d.claimant_id = u.denier_id AND d.counterpart_id = a.claimant_id)
),
pair AS MATERIALIZED (
  SELECT
    c.denier_id,
    c.accuser_id,
    c.n_named,
    (SELECT count(*) FROM claims
     WHERE claimant_id = c.accuser_id AND stance = 'accuses' AND subject_id = c.denier_id) AS n_accusations,
    (SELECT count(*) FROM claims
     WHERE claimant_id = c.denier_id AND stance = 'accuses' AND subject_id = c.accuser_id)
      AS n_counter_accusations
  FROM candidate c
  WHERE EXISTS (SELECT 1 FROM claims
                WHERE claimant_id = c.denier_id AND stance = 'accuses' AND subject_id = c.accuser_id)
    AND EXISTS (SELECT 1 FROM claims
                WHERE claimant_id = c.accuser_id AND stance = 'accuses' AND subject_id = c.denier_id)
)
SELECT
  p.denier_id,
  denier.name AS denier_name,
  p.accuser_id,
  accuser.name AS accuser_name,
  p.n_accusations,
  p.n_named + coalesce(u.n, 0) AS n_denials,
  p.n_counter_accusations,
  (SELECT evidence FROM claims WHERE id = (
     SELECT min(id) FROM claims
     WHERE claimant_id = p.denier_id AND stance = 'accuses' AND subject_id = p.accuser_id))
    AS counter_accusation_example
FROM pair p
LEFT JOIN unnamed_denial u ON u.denier_id = p.denier_id
JOIN actors denier ON denier.id = p.denier_id
JOIN actors accuser ON accuser.id = p.accuser_id
""",
    # Gephi's spreadsheet import: Datasette's CSV link on these two views is a Gephi export
    # (nodes = actors that make or receive a claim; edges = one per claim, like `kb export`)
    "gephi_nodes": """
SELECT
  a.id AS Id,
  a.name AS Label,
  a.kind,
  a.country,
  (SELECT count(*) FROM claims WHERE claimant_id = a.id) AS claims_made,
  (SELECT count(*) FROM claims WHERE subject_id = a.id) AS claims_received
FROM actors a
WHERE a.id IN (SELECT claimant_id FROM claims UNION SELECT subject_id FROM claims)
""",
    "gephi_edges": """
SELECT
  c.claimant_id AS Source,
  c.subject_id AS Target,
  'Directed' AS Type,
  c.id AS Id,
  c.stance AS Label,
  c.stance,
  1 AS Weight,
  c.degree,
  c.hedged,
  c.confidence,
  c.speaker_id,
  c.counterpart_id,
  c.document_id,
  d.published,
  c.cue,
  c.evidence,
  c.incident_id,
  c.target_id
FROM claims c
JOIN documents d ON d.id = c.document_id
""",
}

ACTOR_NAMES_COLUMNS = {"actor_id": str, "key": str, "rank": int}
# actor_id '' holds the whole KB's counts; month '' the undated claims
CLAIM_MONTHS_COLUMNS = {"actor_id": str, "month": str, "series": str, "n": int}
# the distinct sentences of each actor's claims per stance and role (made, received, voiced),
# kept with actor_stats for the actor page (kb.analytics)
ACTOR_SENTENCES_COLUMNS = {"actor_id": str, "stance": str, "role": str, "n": int}
# the counter_accusations view's rows, kept with actor_stats (kb.analytics)
COUNTER_ACCUSATION_PAIRS_COLUMNS = {
    "denier_id": str,
    "denier_name": str,
    "accuser_id": str,
    "accuser_name": str,
    "n_accusations": int,
    "n_denials": int,
    "n_counter_accusations": int,
    "counter_accusation_example": str,
}
ACTOR_STATS_COLUMNS = {
    "actor_id": str,
    "name": str,
    "accusations_made": int,
    "accusations_received": int,
    "denials_made": int,
    "counter_accusations": int,
    "pagerank": float,
    "first_claim": str,
    "last_claim": str,
    # (m025) the documents that name the actor: its mentions, counted once per document
    "documents_naming": int,
}


# the indexes of m016_incidents: claims by incident (incident pages, attributions, first_attribution),
# denial pairs by delay (time_to_denial) and by accusation (a claim's page)
INCIDENT_INDEXES = {
    "claims": [
        ["incident_id", "stance", "subject_id", "published"],
        ["incident_id", "published", "claimant_id"],
        ["target_id"],
        # a named accuser's accusations in the days before a denial (kb/denials.py)
        ["claimant_id", "stance", "published"],
        # the accusations a denial answers (kb/denials.py): by accuser, or by date
        ["subject_state", "stance", "claimant_id", "published"],
        ["subject_state", "stance", "published"],
        # an incident page: each claimant's first sentences, the denials in date order
        ["incident_id", "claimant_id", "stance", "published"],
        ["incident_id", "stance", "published"],
    ],
    "incidents": [["kind"], ["year"], ["source"], ["started"]],
    "denial_answers": [
        ["days_between", "denial_published", "denial_id", "accusation_id", "reason"],
        ["accusation_id"],
        ["denier_id"],
        # the denials answering an actor's accusations, newest first (the actor page)
        ["accuser_id", "denial_published"],
        ["reason"],
    ],
    "attribution_stats": [["accused_id"], ["n_claimants"], ["first_published"]],
    "claimant_stats": [["incident_id", "first_published", "claimant_id"]],
    "documents": [["duplicate_of"]],
}


# the claims graph's links, kept by kb.graph_links (m017_graph_links)
GRAPH_LINKS_COLUMNS = {
    "stance": str,
    "claimant_id": str,
    "subject_id": str,
    "n_claims": int,
    "n_documents": int,
    "n_hedged": int,
    "first_published": str,
    "last_published": str,
    # the states the two ends are drawn as when the graph is rolled up
    "claimant_up": str,
    "subject_up": str,
}
GRAPH_ROLLED_COLUMNS = {
    "claimant_id": str,
    "subject_id": str,
    "n_claims": int,
    "n_hedged": int,
    "first_published": str,
    "last_published": str,
}
GRAPH_DENIAL_TARGETS_COLUMNS = {
    "claimant_id": str,
    "subject_id": str,
    "target_id": str,
    "n_claims": int,
    "first_published": str,
    "last_published": str,
    # the states the denier and the accuser are drawn as when the graph is rolled up
    "claimant_up": str,
    "target_up": str,
}
GRAPH_LINK_INDEXES = {
    "graph_links": [
        # the heaviest links first, whole or of one stance, in the graph page's order
        [DescIndex("n_claims"), "claimant_id", "stance", "subject_id"],
        ["stance", DescIndex("n_claims"), "claimant_id", "subject_id"],
        # an actor's links, and what each actor drawn makes and receives
        ["claimant_id", "stance", "n_claims"],
        ["subject_id", "stance", "n_claims"],
        # the links a rolled link adds up
        ["stance", "claimant_up", "subject_up"],
    ],
    "graph_links_rolled": [[DescIndex("n_claims"), "claimant_id", "subject_id"]],
    # a denial link's targets; the links drawn towards an actor (its kind or country changes)
    "graph_denial_targets": [["claimant_id", "subject_id"], ["target_id"]],
}
