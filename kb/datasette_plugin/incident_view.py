"""The row page of an incident (``/kb/incidents/<id>``): what it was, the coalition that
attributed it (who attributed it to whom, in what order, with what wording and degree, one
sentence counted once), the denials and the accusations they answer, and the documents
(template ``_researcher_incident.html``)."""

from __future__ import annotations

import json
from collections import OrderedDict

from kb.datasette_plugin.common import (
    actor_rows_by_id,
    actor_url,
    claim_url,
    document_url,
    rows,
    short_label,
)

MAX_CLAIMS = 500

CLAIMS_SQL = """
SELECT c.id, c.document_id, c.claimant_id, c.speaker_id, c.stance, c.subject_id, c.counterpart_id,
  c.target_id, c.degree, c.hedged, c.cue, c.evidence, c.start_char, c.published, c.incident_via,
  d.title AS document_title, d.publisher, d.duplicate_of
FROM claims c JOIN documents d ON d.id = c.document_id
WHERE c.incident_id = :id
ORDER BY coalesce(c.published, '') = '', c.published, c.id
LIMIT :limit
"""
ANSWERS_SQL = """
SELECT p.denial_id, p.accusation_id, p.reason, p.days_between
FROM denial_answers p JOIN claims d ON d.id = p.denial_id
WHERE d.incident_id = :id
"""


async def incident_context(datasette, db, incident_id: str) -> dict:
    found = rows(await db.execute("SELECT * FROM incidents WHERE id = ?", [incident_id]))
    if not found:
        return {}
    incident = found[0]
    claims = rows(await db.execute(CLAIMS_SQL, {"id": incident_id, "limit": MAX_CLAIMS + 1}))
    victims = _json_list(incident.get("victims"))
    roles = ("claimant", "subject", "speaker", "counterpart", "target")
    actor_ids = victims + [c[f"{role}_id"] for c in claims for role in roles]
    actors = await actor_rows_by_id(db, actor_ids)

    def actor(actor_id):
        if not actor_id:
            return None
        row = actors.get(actor_id) or {}
        name = row.get("name") or actor_id
        return {"id": actor_id, "name": name, "url": actor_url(datasette, db.name, actor_id)}

    for claim in claims:
        for role in roles:
            claim[role] = actor(claim[f"{role}_id"])
        claim["url"] = claim_url(datasette, db.name, claim["id"])
        claim["document_url"] = document_url(datasette, db.name, claim["document_id"], claim["id"])
    answers = {}
    if "denial_answers" in await db.table_names():
        for row in rows(await db.execute(ANSWERS_SQL, {"id": incident_id})):
            answers.setdefault(row["denial_id"], []).append(row)
    shown = claims[:MAX_CLAIMS]
    accusations = [c for c in shown if c["stance"] == "accuses"]
    by_id = {c["id"]: c for c in shown}
    denials = []
    for claim in (c for c in shown if c["stance"] == "denies"):
        answered = [
            {**row, "accusation": by_id.get(row["accusation_id"])} for row in answers.get(claim["id"], [])
        ]
        denials.append({**claim, "answers": answered})
    return {
        "kb_incident": {
            **incident,
            "aliases": _json_list(incident.get("aliases")),
            "victims": [actor(v) for v in victims],
            "coalition": coalition(accusations),
            "accusations": accusations,
            "denials": denials,
            "documents": documents_of(datasette, db.name, shown),
            "n_claims": min(len(claims), MAX_CLAIMS),
            "more_claims": len(claims) > MAX_CLAIMS,
            "n_sentences": len({(c["document_id"], c["start_char"]) for c in shown}),
        }
    }


def coalition(accusations: list[dict]) -> list[dict]:
    """Who attributed the incident, in the order they first did: per claimant, its first date,
    whom it accused, its degrees and cues, and its distinct sentences (a sentence naming three
    accused counts once)."""
    by_claimant: OrderedDict[str, dict] = OrderedDict()
    first_day = next((c["published"] for c in accusations if c["published"]), None)
    for claim in accusations:
        entry = by_claimant.setdefault(
            claim["claimant_id"],
            {
                "claimant": claim["claimant"],
                "first": claim["published"],
                "accused": OrderedDict(),
                "degrees": [],
                "cues": [],
                "sentences": OrderedDict(),
            },
        )
        entry["accused"].setdefault(claim["subject_id"], claim["subject"])
        for key, value in (("degrees", claim["degree"]), ("cues", claim["cue"])):
            if value and value not in entry[key]:
                entry[key].append(value)
        entry["sentences"].setdefault((claim["document_id"], claim["start_char"]), claim)
    out = []
    for entry in by_claimant.values():
        entry["accused"] = list(entry["accused"].values())
        entry["sentences"] = list(entry["sentences"].values())
        entry["days_after_first"] = _days(first_day, entry["first"])
        out.append(entry)
    return out


def documents_of(datasette, database: str, claims: list[dict]) -> list[dict]:
    seen: OrderedDict[str, dict] = OrderedDict()
    for claim in claims:
        seen.setdefault(
            claim["document_id"],
            {
                "id": claim["document_id"],
                "title": claim["document_title"] or claim["document_id"],
                "publisher": short_label(claim["publisher"]),
                "published": claim["published"],
                "duplicate_of": claim["duplicate_of"],
                "url": document_url(datasette, database, claim["document_id"]),
            },
        )
    return list(seen.values())


def _days(first: str | None, then: str | None) -> int | None:
    from datetime import date

    try:
        return (date.fromisoformat(then[:10]) - date.fromisoformat(first[:10])).days
    except (TypeError, ValueError):
        return None


def _json_list(value) -> list:
    try:
        found = json.loads(value or "[]")
    except (TypeError, ValueError):
        return []
    return [v for v in found if isinstance(v, str)] if isinstance(found, list) else []
