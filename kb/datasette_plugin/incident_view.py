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

# the first claimants and denials, each list with a link to all of them (first_attribution, the
# claims table): at a million claims NotPetya's page listed 100 of each in 157 kB of HTML, and
# the accusations its 100 denials answer took 20 ms to read
MAX_CLAIMANTS = 25
# the first claimants are shown with their first sentences, the later ones with their counts
CLAIMANTS_WITH_SENTENCES = 20
SENTENCES_PER_CLAIMANT = 3
MAX_DENIALS = 25
MAX_DOCUMENTS = 100
# whom each claimant accused: the first few named, the others counted (a claimant of a much
# talked of operation names hundreds at a million claims, and the page grew to 600 kB)
MAX_ACCUSED_LISTED = 10

COLUMNS = """c.id, c.document_id, c.claimant_id, c.speaker_id, c.stance, c.subject_id, c.counterpart_id,
  c.target_id, c.degree, c.hedged, c.cue, c.evidence, c.start_char, c.published, c.incident_via"""
# who attributed it, in the order they first did (kb/attributions.py keeps these rows)
COALITION_SQL = """
SELECT * FROM claimant_stats WHERE incident_id = :id
ORDER BY coalesce(first_published, '9999'), claimant_id LIMIT :limit
"""
# a claimant's first sentences about the incident
SENTENCES_SQL = f"""
SELECT {COLUMNS} FROM claims c
WHERE c.incident_id = :id AND c.claimant_id = :claimant AND c.stance = 'accuses'
ORDER BY c.published, c.id LIMIT :limit
"""
DENIALS_SQL = f"""
SELECT {COLUMNS} FROM claims c WHERE c.incident_id = :id AND c.stance = 'denies'
ORDER BY c.published, c.id LIMIT :limit
"""
ANSWERS_SQL = f"""
SELECT p.denial_id, p.accusation_id, p.reason, p.days_between, {COLUMNS}
FROM denial_answers p JOIN claims c ON c.id = p.accusation_id
WHERE p.denial_id IN (SELECT value FROM json_each(:denials))
ORDER BY p.denial_id, c.published, c.id
"""
# the earliest documents: the claims read in date order from the index, stopping at the limit
# (SQLite would rather take the plain incident index and sort all of them: 98 ms for NotPetya's
# 69,000 claims at a million); documents of one day come in that index's order
DOCUMENTS_SQL = """
SELECT d.id AS document_id, d.title AS document_title, d.publisher, d.published, d.duplicate_of
FROM documents d
WHERE d.id IN (
  SELECT DISTINCT document_id FROM claims INDEXED BY idx_claims_incident_id_published_claimant_id
  WHERE incident_id = :id ORDER BY published LIMIT :limit
)
ORDER BY d.published, d.id
"""


async def incident_context(datasette, db, incident_id: str) -> dict:
    found = rows(await db.execute("SELECT * FROM incidents WHERE id = ?", [incident_id]))
    if not found:
        return {}
    incident = found[0]
    stats = rows(await db.execute("SELECT * FROM incident_stats WHERE incident_id = ?", [incident_id]))
    members = rows(await db.execute(COALITION_SQL, {"id": incident_id, "limit": MAX_CLAIMANTS}))
    for n, member in enumerate(members):
        member["sentences"] = (
            []
            if n >= CLAIMANTS_WITH_SENTENCES
            else rows(
                await db.execute(
                    SENTENCES_SQL,
                    {"id": incident_id, "claimant": member["claimant_id"], "limit": SENTENCES_PER_CLAIMANT},
                )
            )
        )
    denials = rows(await db.execute(DENIALS_SQL, {"id": incident_id, "limit": MAX_DENIALS}))
    answers: dict[int, list[dict]] = {}
    if denials:
        denial_ids = json.dumps([d["id"] for d in denials])
        for row in rows(await db.execute(ANSWERS_SQL, {"denials": denial_ids})):
            answers.setdefault(row["denial_id"], []).append(row)
    claims = [s for m in members for s in m["sentences"]] + denials
    claims += [a for pairs in answers.values() for a in pairs]
    victims = _json_list(incident.get("victims"))
    roles = ("claimant", "subject", "speaker", "counterpart", "target")
    actor_ids = victims + [c[f"{role}_id"] for c in claims for role in roles]
    for member in members:
        member["accused_ids"] = [a for a in (member["accused_ids"] or "").split(",") if a]
    actor_ids += [a for m in members for a in m["accused_ids"][:MAX_ACCUSED_LISTED]]
    actors = await actor_rows_by_id(db, actor_ids)

    def actor(actor_id):
        if not actor_id:
            return None
        name = (actors.get(actor_id) or {}).get("name") or actor_id
        return {"id": actor_id, "name": name, "url": actor_url(datasette, db.name, actor_id)}

    for claim in claims:
        for role in roles:
            claim[role] = actor(claim[f"{role}_id"])
        claim["url"] = claim_url(datasette, db.name, claim["id"])
        claim["document_url"] = document_url(datasette, db.name, claim["document_id"], claim["id"])
    first = next((m["first_published"] for m in members if m["first_published"]), None)
    for member in members:
        member["claimant"] = actor(member["claimant_id"])
        member["accused"] = [actor(a) for a in member["accused_ids"][:MAX_ACCUSED_LISTED]]
        member["more_accused"] = len(member["accused_ids"]) - len(member["accused"])
        member["degrees"] = (member["degrees"] or "").split(",")
        member["days_after_first"] = _days(first, member["first_published"])
        member["first"] = member["first_published"]
    for denial in denials:
        denial["answers"] = [{**row, "accusation": row} for row in answers.get(denial["id"], [])]
    documents = rows(await db.execute(DOCUMENTS_SQL, {"id": incident_id, "limit": MAX_DOCUMENTS}))
    totals = stats[0] if stats else {}
    return {
        "kb_incident": {
            **incident,
            "aliases": _json_list(incident.get("aliases")),
            "victims": [actor(v) for v in victims],
            "coalition": members,
            "more_claimants": len(members) >= MAX_CLAIMANTS,
            "denials": denials,
            "more_denials": (totals.get("n_denials") or 0) > len(denials),
            "documents": documents_of(datasette, db.name, documents),
            "n_claims": totals.get("n_claims") or 0,
            "n_sentences": totals.get("n_sentences") or 0,
            "n_documents": totals.get("n_documents") or 0,
            "n_claimants": totals.get("n_claimants") or 0,
        }
    }


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
