"""What the pages say about reviews: a claim's verdict, what a correction replaced, the rejected
claims of a document (shown only when asked), and the share of the KB that was reviewed.

Datasette only reads: verdicts are recorded with ``kb review``. A KB written before reviews
existed has no ``reviews`` table; every function here then says nothing.
"""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from kb.datasette_plugin.common import actor_rows_by_id, actor_url, rows

VERDICT_TITLES = {
    "confirmed": "A reviewer confirmed this claim",
    "corrected": "A reviewer corrected what the extractor read",
    "rejected": "A reviewer rejected this claim: it is left out of every question, page, graph and export",
}
FIELD_LABELS = {
    "claimant_id": "claimant",
    "speaker_id": "speaker",
    "subject_id": "subject",
    "counterpart_id": "answering",
    "stance": "stance",
    "degree": "degree",
    "hedged": "hedged",
    "incident": "incident",
}


def badge(verdict: str | None) -> Markup | None:
    """A verdict as a small label (the review column of tables, the pages' claim lists)."""
    if verdict not in VERDICT_TITLES:
        return None
    title = escape(VERDICT_TITLES[verdict])
    return Markup(f'<span class="kb-review kb-review-{verdict}" title="{title}">{verdict}</span>')


async def has_reviews(db) -> bool:
    return "reviews" in await db.table_names()


async def claim_review(datasette, db, claim: dict) -> dict | None:
    """The review of a claim (by fingerprint), with what a correction replaced, named."""
    if not claim.get("fingerprint") or not await has_reviews(db):
        return None
    found = rows(await db.execute("SELECT * FROM reviews WHERE fingerprint = ?", [claim["fingerprint"]]))
    if not found:
        return None
    review = found[0]
    extracted = json.loads(claim.get("as_extracted") or "{}")
    actors = await actor_rows_by_id(db, [v for k, v in extracted.items() if k.endswith("_id")])
    replaced = []
    for field, value in extracted.items():
        shown = value
        if field.endswith("_id") and value:
            shown = (actors.get(value) or {}).get("name") or value
        replaced.append(
            {
                "label": FIELD_LABELS.get(field, field),
                "value": "none" if value in (None, "") else shown,
                "url": actor_url(datasette, db.name, value) if field.endswith("_id") and value else None,
            }
        )
    return {**review, "badge": badge(review["verdict"]), "replaced": replaced}


async def rejected_of_document(datasette, db, document_id: str) -> list[dict]:
    """The document's rejected claims, for the page that asks for them."""
    if "rejected_claims" not in await db.table_names():
        return []
    found = rows(
        await db.execute(
            "SELECT c.id, c.claimant_id, c.stance, c.subject_id, c.evidence, r.reviewer, r.note "
            "FROM rejected_claims c LEFT JOIN reviews r ON r.fingerprint = c.fingerprint "
            "WHERE c.document_id = ? ORDER BY c.start_char, c.id",
            [document_id],
        )
    )
    for claim in found:
        claim["row_url"] = datasette.urls.row(db.name, "rejected_claims", claim["id"])
    return found


REVIEW_NUMBERS_SQL = """
SELECT
  (SELECT count(*) FROM claims) AS n_kept,
  (SELECT count(*) FROM claims WHERE review = 'confirmed') AS n_confirmed,
  (SELECT count(*) FROM claims WHERE review = 'corrected') AS n_corrected,
  (SELECT count(*) FROM rejected_claims) AS n_rejected
"""


async def review_numbers(datasette, db) -> dict | None:
    """How much of the KB reviewers checked: None before any review."""
    tables = await db.table_names()
    if "reviews" not in tables or "rejected_claims" not in tables:
        return None
    numbers = rows(await db.execute(REVIEW_NUMBERS_SQL))[0]
    reviewed = numbers["n_confirmed"] + numbers["n_corrected"] + numbers["n_rejected"]
    if not reviewed:
        return None
    total = numbers["n_kept"] + numbers["n_rejected"]
    return {
        **numbers,
        "n_reviewed": reviewed,
        "n_total": total,
        "share": round(100 * reviewed / total) if total else 0,
        "reviews_url": datasette.urls.table(db.name, "reviews"),
        "rejected_url": datasette.urls.table(db.name, "rejected_claims"),
    }
