"""The row page of a claim: who claims what of whom, the sentence, and where to go next: the
sentence in its document, the actors, the claims it answers or that answer it, the other claims
about its incident, and its review (``review_view``). A rejected claim's page is the row page of
``rejected_claims`` (template ``_researcher_claim.html``)."""

from __future__ import annotations

from urllib.parse import urlencode

from datasette.utils import tilde_encode

from kb.datasette_plugin.common import (
    REASON_LABELS,
    actor_rows_by_id,
    actor_url,
    claim_url,
    document_url,
    graph_url,
    rows,
)
from kb.datasette_plugin.review_view import claim_review

ROLES = ("claimant", "subject", "speaker", "counterpart")
MAX_RELATED = 50
RELATED_TITLES = {"denies": "Accusations it answers", "accuses": "Denials answering it"}


ANSWERED_SQL = """
SELECT accusation_id AS id, accuser_id AS actor_id, accuser_name AS actor_name,
  accusation_published AS published, accusation_evidence AS evidence,
  accusation_document_id AS document_id, days_between AS days, reason
FROM denials_answering WHERE denial_id = :id AND (days_between IS NULL OR days_between >= 0)
ORDER BY accusation_published DESC, accusation_id LIMIT :limit
"""
ANSWERING_SQL = """
SELECT denial_id AS id, denier_id AS actor_id, denier_name AS actor_name,
  denial_published AS published, denial_evidence AS evidence,
  denial_document_id AS document_id, days_between AS days, reason
FROM denials_answering WHERE accusation_id = :id AND (days_between IS NULL OR days_between >= 0)
ORDER BY denial_published, denial_id LIMIT :limit
"""


async def claim_context(datasette, db, claim_id: str, table: str = "claims") -> dict:
    found = rows(
        await db.execute(
            "SELECT c.*, d.title AS document_title, d.publisher, d.url AS document_source "
            f"FROM {table} c JOIN documents d ON d.id = c.document_id WHERE c.id = ?",
            [claim_id],
        )
    )
    if not found:
        return {}
    claim = found[0]
    actors = await actor_rows_by_id(db, [claim[f"{role}_id"] for role in ROLES])
    parties = {}
    for role in ROLES:
        actor_id = claim[f"{role}_id"]
        if actor_id:
            actor = actors.get(actor_id) or {}
            parties[role] = {
                "id": actor_id,
                "name": actor.get("name") or actor_id,
                "kind": actor.get("kind") or "unknown",
                "url": actor_url(datasette, db.name, actor_id),
            }
    related_sql = ANSWERED_SQL if claim["stance"] == "denies" else ANSWERING_SQL
    related = []
    if "denials_answering" in await db.view_names():
        for row in rows(await db.execute(related_sql, {"id": claim["id"], "limit": MAX_RELATED})):
            row["reason_label"] = REASON_LABELS.get(row.get("reason"), row.get("reason"))
            row["url"] = claim_url(datasette, db.name, row["id"])
            row["actor_url"] = actor_url(datasette, db.name, row["actor_id"])
            row["document_url"] = document_url(datasette, db.name, row["document_id"], row["id"])
            related.append(row)
    return {
        "kb_claim": {
            **claim,
            "parties": parties,
            "document_url": document_url(datasette, db.name, claim["document_id"], claim["id"]),
            "graph_url": graph_url(datasette, actor=claim["claimant_id"], stance=claim["stance"]),
            "related": related,
            "related_title": RELATED_TITLES[claim["stance"]],
            "incident_url": _incident_url(datasette, db.name, claim),
            "review": await claim_review(datasette, db, claim),
        }
    }


async def rejected_claim_context(datasette, db, claim_id: str) -> dict:
    """The row page of a rejected claim: the claim's page, saying it was rejected."""
    return await claim_context(datasette, db, claim_id, table="rejected_claims")


def _incident_url(datasette, database: str, claim: dict) -> str | None:
    """The incident's page, else the claims with the same free-text incident."""
    if claim.get("incident_id"):
        return datasette.urls.row(database, "incidents", tilde_encode(claim["incident_id"]))
    if not claim.get("incident"):
        return None
    return datasette.urls.table(database, "claims") + "?" + urlencode({"incident": claim["incident"]})
