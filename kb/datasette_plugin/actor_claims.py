"""An actor's claims by counterpart, for its page: counted in SQL, a few newest claims listed.

A much named actor has tens of thousands of claims at 100,000 claims in the KB; reading them
all into the page took seconds. The counts per counterpart and role come from aggregates over
the claims' indexes; the page lists the ``MAX_COUNTERPARTS`` counterparts with the most claims,
each with its ``MAX_CLAIMS_PER_COUNTERPART`` newest claims (read through a limited subquery per
counterpart), and says how many it leaves out.
"""

from __future__ import annotations

import json
from collections import Counter

from kb.datasette_plugin.common import (
    actor_url,
    claim_url,
    document_url,
    links_are_kept,
    rows,
    stats_are_fresh,
)
from kb.datasette_plugin.review_view import badge

MAX_COUNTERPARTS = 15
MAX_CLAIMS_PER_COUNTERPART = 10

# (other party, stance, role, n): what the actor made (of another, or of itself naming someone),
# received, and voiced as the speaker of another's claim. ``{made}`` and ``{received}`` count
# the claims between two actors: from the claims, or read from the kept links (kb.graph_links)
# when none waits for its rebuild (CHN at a million claims: 4,771 links, 5 ms, instead of
# 110,000 claims)
_COUNTS_SQL = """
{made}
UNION ALL
SELECT counterpart_id, stance, 'made', count(*) FROM claims
  INDEXED BY idx_claims_stance_claimant_id_counterpart_id_subject_id_published
WHERE claimant_id = :actor AND subject_id = :actor GROUP BY counterpart_id, stance
UNION ALL
{received}
UNION ALL
SELECT claimant_id, stance, 'voiced', count(*) FROM claims INDEXED BY idx_claims_speaker_id
WHERE speaker_id = :actor AND claimant_id != :actor AND subject_id != :actor GROUP BY claimant_id, stance
"""
COUNTS_SQL = _COUNTS_SQL.format(
    made="SELECT subject_id AS other, stance, 'made' AS role, count(*) AS n FROM claims\n"
    "WHERE claimant_id = :actor AND subject_id != :actor GROUP BY subject_id, stance",
    received="SELECT claimant_id, stance, 'received', count(*) FROM claims\n"
    "WHERE subject_id = :actor AND claimant_id != :actor GROUP BY claimant_id, stance",
)
KEPT_COUNTS_SQL = _COUNTS_SQL.format(
    made="SELECT subject_id AS other, stance, 'made' AS role, n_claims AS n FROM graph_links\n"
    "WHERE claimant_id = :actor AND subject_id != :actor",
    received="SELECT claimant_id, stance, 'received', n_claims FROM graph_links\n"
    "WHERE subject_id = :actor AND claimant_id != :actor",
)
# one sentence naming three claimants is three claims but one sentence: the page shows both
# (a sentence is a document and a start: grouped in the order of the indexes that end with them,
# claims(claimant_id, stance, document_id, start_char, speaker_id) and claims(subject_id, stance,
# document_id, start_char, claimant_id); kb.analytics keeps every actor's in actor_sentences)
_SENTENCE = "document_id IS NOT NULL AND start_char IS NOT NULL"
SENTENCES_SQL = f"""
SELECT stance, 'made' AS role, count(*) AS n FROM (
  SELECT stance FROM claims WHERE claimant_id = :actor AND {_SENTENCE}
  GROUP BY stance, document_id, start_char
) GROUP BY stance
UNION ALL
SELECT stance, 'received', count(*) FROM (
  SELECT stance FROM claims WHERE subject_id = :actor AND claimant_id != :actor AND {_SENTENCE}
  GROUP BY stance, document_id, start_char
) GROUP BY stance
UNION ALL
SELECT stance, 'voiced', count(*) FROM (
  SELECT stance FROM claims INDEXED BY idx_claims_speaker_id
  WHERE speaker_id = :actor AND claimant_id != :actor AND subject_id != :actor AND {_SENTENCE}
  GROUP BY stance, document_id, start_char
) GROUP BY stance
"""
# while actor_sentences is as new as the claims (kb.analytics)
KEPT_SENTENCES_SQL = "SELECT stance, role, n FROM actor_sentences WHERE actor_id = :actor"
# only the counterparts shown, and the totals per stance and role: a much named actor has
# thousands of counterparts, not worth a row each in Python
_SHOWN_COUNTS_SQL = """
WITH counts AS MATERIALIZED ({counts}),
ranked AS (
  SELECT coalesce(other, '') AS key FROM counts GROUP BY key ORDER BY sum(n) DESC, key LIMIT :top
)
SELECT 'group' AS kind, other, stance, role, n FROM counts
WHERE coalesce(other, '') IN (SELECT key FROM ranked)
UNION ALL
SELECT 'total', NULL, stance, role, sum(n) FROM counts GROUP BY stance, role
UNION ALL
SELECT 'counterparts', NULL, NULL, NULL, count(DISTINCT coalesce(other, '')) FROM counts
"""
SHOWN_COUNTS_SQL = _SHOWN_COUNTS_SQL.format(counts=COUNTS_SQL)
KEPT_SHOWN_COUNTS_SQL = _SHOWN_COUNTS_SQL.format(counts=KEPT_COUNTS_SQL)
# each role's claims with one counterpart (g.other) of one stance (g.stance), newest first: the
# stances of each counterpart shown come with its counts, so that each seek is an equality on
# every column of an index before the date, read in date order for its first :per_group (with
# only the counterpart, SQLite read a much named counterpart's claims by date until it found
# the actor's: 30 to 120 ms per actor page at 100,000 claims, 2 to 6 now)
# (INDEXED BY: speaker_id is mostly NULL, which ANALYZE counts as one value shared by every
# claim, so SQLite would rather scan the table than seek a speaker)
_ROLE_WHERE = (
    (
        "idx_claims_subject_id_stance_claimant_id_published",
        "c2.subject_id = g.other AND c2.stance = g.stance AND c2.claimant_id = :actor "
        "AND c2.subject_id != :actor",
    ),
    (
        "idx_claims_stance_claimant_id_counterpart_id_subject_id_published",
        "c2.stance = g.stance AND c2.claimant_id = :actor AND c2.counterpart_id = g.other "
        "AND c2.subject_id = :actor",
    ),
    (
        "idx_claims_subject_id_stance_claimant_id_published",
        "c2.subject_id = :actor AND c2.stance = g.stance AND c2.claimant_id = g.other "
        "AND c2.claimant_id != :actor",
    ),
    (
        "idx_claims_speaker_id",
        "c2.speaker_id = :actor AND c2.claimant_id = g.other AND c2.stance = g.stance "
        "AND c2.claimant_id != :actor AND c2.subject_id != :actor",
    ),
)
_CLAIM_COLUMNS = "c.*, d.title AS document_title, d.publisher"
CLAIMS_SQL = "\nUNION ALL\n".join(
    f"""SELECT g.other, {_CLAIM_COLUMNS}
FROM (SELECT json_extract(value, '$[0]') AS other, json_extract(value, '$[1]') AS stance
      FROM json_each(:pairs)) g
JOIN claims c ON c.id IN (SELECT c2.id FROM claims c2 INDEXED BY {index} WHERE {where}
                          ORDER BY c2.published DESC, c2.id DESC LIMIT :per_group)
JOIN documents d ON d.id = c.document_id"""
    for index, where in _ROLE_WHERE
)
# the actor's claims about itself that name no one
# (picked in the index alone, named: counterpart_id IS NULL and subject_id = :actor are a range
# per stance, where SQLite would rather read all the actor's claims by date; then the rows)
UNNAMED_SQL = f"""
SELECT NULL AS other, {_CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.id = c.document_id
WHERE c.id IN (
  SELECT c2.id FROM claims c2 INDEXED BY idx_claims_stance_claimant_id_counterpart_id_subject_id_published
  WHERE c2.claimant_id = :actor AND c2.subject_id = :actor AND c2.counterpart_id IS NULL
  ORDER BY c2.published DESC, c2.id DESC LIMIT :per_group
)
ORDER BY c.published DESC, c.id DESC
"""


def role_of(claim: dict, actor_id: str) -> str:
    if claim["claimant_id"] == actor_id:
        return "made"
    return "received" if claim["subject_id"] == actor_id else "voiced"


async def claims_by_counterpart(db, actor_id: str) -> tuple[list[dict], Counter, int]:
    """(counterpart groups with their newest claims, counts per "<stance> <role>", counterparts
    left out)."""
    sql = KEPT_SHOWN_COUNTS_SQL if await links_are_kept(db) else SHOWN_COUNTS_SQL
    counts = rows(await db.execute(sql, {"actor": actor_id, "top": MAX_COUNTERPARTS}))
    totals: Counter = Counter()
    groups: dict[str | None, dict] = {}
    n_counterparts = 0
    for row in counts:
        key = f"{row['stance']} {row['role']}"
        if row["kind"] == "counterparts":
            n_counterparts = row["n"]
        elif row["kind"] == "total":
            totals[key] += row["n"]
        else:
            group = groups.setdefault(
                row["other"], {"id": row["other"], "counts": Counter(), "n": 0, "claims": []}
            )
            group["counts"][key] += row["n"]
            group["n"] += row["n"]
    shown = sorted(groups.values(), key=lambda g: (-g["n"], g["id"] or ""))
    # each counterpart shown with each stance of its claims with the actor
    pairs = sorted(
        {(row["other"], row["stance"]) for row in counts if row["kind"] == "group" and row["other"]}
    )
    params = {"actor": actor_id, "pairs": json.dumps(pairs), "per_group": MAX_CLAIMS_PER_COUNTERPART}
    found = rows(await db.execute(CLAIMS_SQL, params)) if pairs else []
    if any(g["id"] is None for g in shown):
        found += rows(await db.execute(UNNAMED_SQL, params))
    by_id = {g["id"]: g for g in shown}
    for claim in found:
        by_id[claim.pop("other")]["claims"].append(claim)
    for group in shown:
        newest = sorted(group["claims"], key=lambda c: (c["published"] or "", c["id"]), reverse=True)
        group["claims"] = sorted(
            newest[:MAX_CLAIMS_PER_COUNTERPART], key=lambda c: (c["published"] or "", c["id"])
        )
        group["hidden"] = group["n"] - len(group["claims"])
    return shown, totals, n_counterparts - len(shown)


async def sentences_by_role(db, actor_id: str) -> dict[str, int]:
    """Distinct sentences per "<stance> <role>" (a joint statement counts once)."""
    kept = await stats_are_fresh(db) and "actor_sentences" in await db.table_names()
    found = rows(await db.execute(KEPT_SENTENCES_SQL if kept else SENTENCES_SQL, {"actor": actor_id}))
    return {f"{row['stance']} {row['role']}": row["n"] for row in found}


def display_claim(datasette, database: str, claim: dict, actor_id: str, name) -> dict:
    """A claim as the page lists it: names, links, the actor's role in it."""
    return {
        **claim,
        "role": role_of(claim, actor_id),
        "claimant_name": name(claim["claimant_id"]),
        "subject_name": name(claim["subject_id"]),
        "speaker_name": name(claim["speaker_id"]) if claim["speaker_id"] else None,
        "claimant_url": actor_url(datasette, database, claim["claimant_id"]),
        "subject_url": actor_url(datasette, database, claim["subject_id"]),
        "document_url": document_url(datasette, database, claim["document_id"], claim["id"]),
        "row_url": claim_url(datasette, database, claim["id"]),
        "badge": badge(claim.get("review")),
    }
