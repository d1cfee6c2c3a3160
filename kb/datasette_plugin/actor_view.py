"""The row page of an actor: its names and who uses them, its claims by counterpart, its
denials with the accusations they answer, and the documents that name it
(template ``_researcher_actor.html``)."""

from __future__ import annotations

import json
from collections import Counter

from kb.actor_lookup import fold
from kb.datasette_plugin.atom_view import claims_feed_url
from kb.datasette_plugin.common import (
    REASON_LABELS,
    actor_rows_by_id,
    actor_url,
    claim_url,
    document_url,
    graph_url,
    rows,
    short_label,
    timeline_url,
)
from kb.datasette_plugin.review_view import badge

# "<stance> <role of the actor>" as a reader says it
ROLE_LABELS = {
    "accuses made": "accusations made",
    "accuses received": "accusations received",
    "accuses voiced": "accusations voiced as speaker",
    "denies made": "denials made",
    "denies received": "denials of its responsibility by others",
    "denies voiced": "denials voiced as speaker",
}
MAX_CLAIMS_PER_COUNTERPART = 50
MAX_DOCUMENTS_LISTED = 200


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
            "FROM mentions m JOIN documents d ON d.id = m.document_id "
            "WHERE m.actor_id = ? GROUP BY m.text, d.publisher",
            [actor["id"]],
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


def _counterpart(claim: dict, actor_id: str) -> tuple[str | None, str]:
    """The other party of a claim seen from ``actor_id``, and the actor's role in it."""
    if claim["claimant_id"] == actor_id:
        if claim["subject_id"] == actor_id:
            return claim["counterpart_id"], "made"
        return claim["subject_id"], "made"
    if claim["subject_id"] == actor_id:
        return claim["claimant_id"], "received"
    return claim["claimant_id"], "voiced"


async def actor_context(datasette, db, actor_id: str) -> dict:
    found = rows(await db.execute("SELECT * FROM actors WHERE id = ?", [actor_id]))
    if not found:
        return {}
    actor = found[0]
    used_aliases, unused_aliases, referring_phrases = await alias_usage(db, actor)
    claims = rows(
        await db.execute(
            "SELECT c.*, d.published, d.title AS document_title, d.publisher "
            "FROM claims c JOIN documents d ON d.id = c.document_id "
            "WHERE c.claimant_id = :id OR c.subject_id = :id OR c.speaker_id = :id "
            "ORDER BY d.published, c.id",
            {"id": actor_id},
        )
    )
    names = await actor_rows_by_id(
        db,
        [actor.get("country")]
        + [c[k] for c in claims for k in ("claimant_id", "subject_id", "speaker_id", "counterpart_id")],
    )

    def name(other):
        return (names.get(other) or {}).get("name") or other

    groups: dict[str | None, dict] = {}
    for claim in claims:
        other, role = _counterpart(claim, actor_id)
        group = groups.setdefault(
            other,
            {
                "id": other,
                "name": name(other) if other else "(no counterpart named)",
                "url": actor_url(datasette, db.name, other),
                "counts": Counter(),
                "claims": [],
            },
        )
        group["counts"][f"{claim['stance']} {role}"] += 1
        group["claims"].append(
            {
                **claim,
                "role": role,
                "claimant_name": name(claim["claimant_id"]),
                "subject_name": name(claim["subject_id"]),
                "speaker_name": name(claim["speaker_id"]) if claim["speaker_id"] else None,
                "claimant_url": actor_url(datasette, db.name, claim["claimant_id"]),
                "subject_url": actor_url(datasette, db.name, claim["subject_id"]),
                "document_url": document_url(datasette, db.name, claim["document_id"], claim["id"]),
                "row_url": claim_url(datasette, db.name, claim["id"]),
                "badge": badge(claim.get("review")),
            }
        )
    counterparts = sorted(groups.values(), key=lambda g: (-len(g["claims"]), g["name"] or ""))
    for group in counterparts:
        group["n"] = len(group["claims"])
        group["hidden"] = max(0, group["n"] - MAX_CLAIMS_PER_COUNTERPART)
        group["claims"] = group["claims"][:MAX_CLAIMS_PER_COUNTERPART]
        group["counts"] = [(ROLE_LABELS[key], n) for key, n in sorted(group["counts"].items())]

    denials = await denials_of(datasette, db, actor_id)
    documents = rows(
        await db.execute(
            "SELECT d.id, d.title, d.published, d.publisher, d.lang, count(m.id) AS n_mentions, "
            "(SELECT count(*) FROM claims c WHERE c.document_id = d.id AND "
            " (c.claimant_id = :id OR c.subject_id = :id)) AS n_claims "
            "FROM documents d LEFT JOIN mentions m ON m.document_id = d.id AND m.actor_id = :id "
            "WHERE m.id IS NOT NULL OR d.id IN "
            " (SELECT document_id FROM claims WHERE claimant_id = :id OR subject_id = :id) "
            "GROUP BY d.id ORDER BY d.published DESC, d.id LIMIT :limit",
            {"id": actor_id, "limit": MAX_DOCUMENTS_LISTED + 1},
        )
    )
    for document in documents:
        document["url"] = document_url(datasette, db.name, document["id"])
    totals = Counter()
    # one sentence naming three claimants is three claims but one sentence: both are shown
    sentences: dict[str, set] = {}
    for claim in claims:
        _other, role = _counterpart(claim, actor_id)
        totals[f"{claim['stance']} {role}"] += 1
        key = f"{claim['stance']} {role}"
        sentences.setdefault(key, set()).add((claim["document_id"], claim["start_char"]))
    country = actor.get("country")
    return {
        "researcher_actor": {
            **actor,
            "country_name": name(country) if country else None,
            "country_url": actor_url(datasette, db.name, country)
            if country in names and country != actor_id
            else None,
            "used_aliases": used_aliases,
            "unused_aliases": unused_aliases,
            "referring_phrases": referring_phrases,
            "counterparts": counterparts,
            "n_claims": len(claims),
            "totals": totals,
            "sentences": {key: len(found) for key, found in sentences.items()},
            "denials": denials,
            "documents": documents[:MAX_DOCUMENTS_LISTED],
            "more_documents": len(documents) > MAX_DOCUMENTS_LISTED,
            "graph_url": graph_url(datasette, actor=actor_id),
            "timeline_url": timeline_url(datasette, actor=actor_id),
            "feed_url": claims_feed_url(datasette, db.name, actor_id),
        }
    }


DENIALS_SQL = """
SELECT
  da.*,
  da.days_between AS days,
  subject.name AS subject_name
FROM denials_answering da
JOIN actors subject ON subject.id = da.subject_id
WHERE :actor = '' OR da.denier_id = :actor OR da.subject_id = :actor OR da.accuser_id = :actor
ORDER BY da.denial_published, da.denial_id, da.accusation_published, da.accusation_id
"""


async def denials_of(datasette, db, actor_id: str = "") -> list[dict]:
    """Denials (by or about the actor, or answering it) each with the accusations they answer."""
    if "denials_answering" not in await db.view_names():
        return []
    pairs = rows(await db.execute(DENIALS_SQL, {"actor": actor_id or ""}))
    denials: dict[int, dict] = {}
    for row in pairs:
        denial = denials.setdefault(
            row["denial_id"],
            {
                "id": row["denial_id"],
                "denier_id": row["denier_id"],
                "denier_name": row["denier_name"],
                "denier_url": actor_url(datasette, db.name, row["denier_id"]),
                "subject_id": row["subject_id"],
                "subject_name": row["subject_name"],
                "published": row["denial_published"],
                "evidence": row["denial_evidence"],
                "document_url": document_url(datasette, db.name, row["denial_document_id"], row["denial_id"]),
                "row_url": claim_url(datasette, db.name, row["denial_id"]),
                "accusations": [],
                "later_accusations": 0,
            },
        )
        if row["days"] is not None and row["days"] < 0:
            # an accusation published after the denial is not what the denial answered
            denial["later_accusations"] += 1
            continue
        denial["accusations"].append(
            {
                "id": row["accusation_id"],
                "accuser_id": row["accuser_id"],
                "accuser_name": row["accuser_name"],
                "accuser_url": actor_url(datasette, db.name, row["accuser_id"]),
                "published": row["accusation_published"],
                "evidence": row["accusation_evidence"],
                "days": row["days"],
                "same_document": bool(row["same_document"]),
                "reason": row["reason"],
                "reason_label": REASON_LABELS.get(row["reason"], row["reason"]),
                "document_url": document_url(
                    datasette, db.name, row["accusation_document_id"], row["accusation_id"]
                ),
                "row_url": claim_url(datasette, db.name, row["accusation_id"]),
            }
        )
    return list(denials.values())
