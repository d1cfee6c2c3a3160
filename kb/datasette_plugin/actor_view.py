"""The row page of an actor: its names and who uses them, its claims by counterpart, its
denials with the accusations they answer, and the documents that name it
(template ``_researcher_actor.html``)."""

from __future__ import annotations

import json
from collections import Counter

from kb.actor_lookup import fold
from kb.datasette_plugin.actor_claims import claims_by_counterpart, display_claim
from kb.datasette_plugin.atom_view import claims_feed_url
from kb.datasette_plugin.common import (
    actor_rows_by_id,
    actor_url,
    document_url,
    graph_url,
    rows,
    short_label,
    timeline_url,
)
from kb.datasette_plugin.denials import denials_of

# "<stance> <role of the actor>" as a reader says it
ROLE_LABELS = {
    "accuses made": "accusations made",
    "accuses received": "accusations received",
    "accuses voiced": "accusations voiced as speaker",
    "denies made": "denials made",
    "denies received": "denials of its responsibility by others",
    "denies voiced": "denials voiced as speaker",
}
MAX_DOCUMENTS_LISTED = 200
# the names and documents sections read the actor's latest mentions and claims, at most this
# many of each (a much named actor has hundreds of thousands in a big KB)
RECENT_ROWS = 5_000
# the documents of its latest mentions and claims, newest first
DOCUMENTS_SQL = """
WITH named AS (
  SELECT document_id FROM
    (SELECT document_id FROM mentions WHERE actor_id = :id ORDER BY id DESC LIMIT :recent)
  UNION
  SELECT document_id FROM
    (SELECT document_id FROM claims WHERE claimant_id = :id ORDER BY id DESC LIMIT :recent)
  UNION
  SELECT document_id FROM
    (SELECT document_id FROM claims WHERE subject_id = :id ORDER BY id DESC LIMIT :recent)
)
SELECT d.id, d.title, d.published, d.publisher, d.lang,
  (SELECT count(*) FROM mentions m WHERE m.document_id = d.id AND m.actor_id = :id) AS n_mentions,
  (SELECT count(*) FROM claims c WHERE c.document_id = d.id AND (c.claimant_id = :id OR c.subject_id = :id))
    AS n_claims
FROM (
  -- the newest first, then their counts (not counted for every candidate before the sort)
  SELECT id FROM documents WHERE id IN (SELECT document_id FROM named)
  ORDER BY published DESC, id LIMIT :limit
) newest JOIN documents d ON d.id = newest.id
ORDER BY d.published DESC, d.id
"""


# the first word of a phrase that refers to an actor without naming it ("ce groupe", "the group")
REFERRING_WORDS = frozenset(
    "the this that these those its their his her le la les l ce cet cette ces son sa ses leur leurs "
    "el los las este esta estos estas su sus".split()
)


def is_referring_phrase(text: str, known: bool) -> bool:
    """A description or a role the extractor resolved to the actor ("ce groupe", "porte-parole",
    "the Organisation"), not one of its names: not a stored alias, and lower-case or led by a
    determiner."""
    words = fold(text).replace("'", " ").replace("’", " ").split()
    if known or not words:
        return False
    return text[:1].islower() or words[0] in REFERRING_WORDS


async def alias_usage(db, actor: dict) -> tuple[list[dict], list[str], list[dict]]:
    """Each name of the actor met in the corpus with how often each publisher writes it,
    the gazetteer's aliases never met, and the phrases that refer to it without naming it."""
    usage_rows = rows(
        await db.execute(
            "SELECT m.text, coalesce(d.publisher, '') AS publisher, count(*) AS n, "
            "count(DISTINCT m.document_id) AS n_documents "
            "FROM (SELECT text, document_id FROM mentions WHERE actor_id = :id "
            "      ORDER BY id DESC LIMIT :recent) m "
            "JOIN documents d ON d.id = m.document_id GROUP BY m.text, d.publisher",
            {"id": actor["id"], "recent": RECENT_ROWS},
        )
    )
    try:
        aliases = [a for a in json.loads(actor.get("aliases") or "[]") if isinstance(a, str)]
    except json.JSONDecodeError:
        aliases = []
    known: dict[str, str] = {}
    for alias in [actor["name"], *aliases]:
        if alias:
            known.setdefault(fold(alias), alias)  # the first spelling (the name) wins
    usage: dict[str, dict] = {}
    referring: Counter = Counter()
    for row in usage_rows:
        key = fold(row["text"])
        if is_referring_phrase(row["text"] or "", key in known):
            referring[row["text"]] += row["n"]
            continue
        entry = usage.setdefault(
            key,
            {
                "alias": known.get(key, row["text"]),
                "in_gazetteer": key in known,
                "n": 0,
                "publishers": Counter(),
            },
        )
        entry["n"] += row["n"]
        entry["publishers"][short_label(row["publisher"]) or "(publisher unknown)"] += row["n"]
    used = sorted(usage.values(), key=lambda e: (-e["n"], e["alias"]))
    for entry in used:
        entry["publishers"] = entry["publishers"].most_common()
    unused = sorted({a for key, a in known.items() if key not in usage}, key=str.casefold)
    phrases = [{"text": text, "n": n} for text, n in sorted(referring.items(), key=lambda t: (-t[1], t[0]))]
    return used, unused, phrases


async def actor_context(datasette, db, actor_id: str) -> dict:
    found = rows(await db.execute("SELECT * FROM actors WHERE id = ?", [actor_id]))
    if not found:
        return {}
    actor = found[0]
    used_aliases, unused_aliases, referring_phrases = await alias_usage(db, actor)
    counterparts, totals, more_counterparts = await claims_by_counterpart(db, actor_id)
    claims = [claim for group in counterparts for claim in group["claims"]]
    names = await actor_rows_by_id(
        db,
        [actor.get("country")]
        + [g["id"] for g in counterparts]
        + [c[k] for c in claims for k in ("claimant_id", "subject_id", "speaker_id", "counterpart_id")],
    )

    def name(other):
        return (names.get(other) or {}).get("name") or other

    for group in counterparts:
        group["name"] = name(group["id"]) if group["id"] else "(no counterpart named)"
        group["url"] = actor_url(datasette, db.name, group["id"])
        group["claims"] = [display_claim(datasette, db.name, c, actor_id, name) for c in group["claims"]]
        # (a stance the labels do not know, from a KB written by other tools, is shown as it is)
        group["counts"] = [(ROLE_LABELS.get(key, key), n) for key, n in sorted(group["counts"].items())]
    denials = await denials_of(datasette, db, actor_id)
    documents = rows(
        await db.execute(
            DOCUMENTS_SQL, {"id": actor_id, "limit": MAX_DOCUMENTS_LISTED + 1, "recent": RECENT_ROWS}
        )
    )
    for document in documents:
        document["url"] = document_url(datasette, db.name, document["id"])
    country = actor.get("country")
    return {
        "researcher_actor": {
            **actor,
            "country_name": name(country) if country else None,
            "country_url": actor_url(datasette, db.name, country)
            if country in names and country != actor_id
            else None,
            "used_aliases": used_aliases,
            "aliases_capped": RECENT_ROWS if sum(a["n"] for a in used_aliases) >= RECENT_ROWS else None,
            "unused_aliases": unused_aliases,
            "referring_phrases": referring_phrases,
            "counterparts": counterparts,
            "more_counterparts": more_counterparts,
            "n_claims": sum(totals.values()),
            "totals": totals,
            "denials": denials,
            "documents": documents[:MAX_DOCUMENTS_LISTED],
            "more_documents": len(documents) > MAX_DOCUMENTS_LISTED,
            "graph_url": graph_url(datasette, actor=actor_id),
            "timeline_url": timeline_url(datasette, actor=actor_id),
            "feed_url": claims_feed_url(datasette, db.name, actor_id),
        }
    }
