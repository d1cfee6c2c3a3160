"""The row page of a document: its text with each actor mention and claim sentence marked,
the claims beside it, source and date on top (template ``_researcher_document.html``)."""

from __future__ import annotations

from collections import Counter

from kb.datasette_plugin.annotate import annotate
from kb.datasette_plugin.common import actor_rows_by_id, actor_url, claim_url, rows, safe_link
from kb.datasette_plugin.review_view import badge, rejected_of_document


async def document_context(datasette, db, document_id: str) -> dict:
    found = rows(await db.execute("SELECT * FROM documents WHERE id = ?", [document_id]))
    if not found:
        return {}
    document = found[0]
    mentions = rows(
        await db.execute(
            "SELECT id, actor_id, text, start_char, end_char FROM mentions WHERE document_id = ? ORDER BY id",
            [document_id],
        )
    )
    claims = rows(
        await db.execute(
            "SELECT id, claimant_id, speaker_id, stance, subject_id, counterpart_id, degree, hedged, "
            "confidence, cue, evidence, start_char, end_char, review FROM claims WHERE document_id = ? "
            "ORDER BY start_char, id",
            [document_id],
        )
    )
    ids = [m["actor_id"] for m in mentions]
    for claim in claims:
        ids += [claim[k] for k in ("claimant_id", "subject_id", "speaker_id", "counterpart_id")]
    actors = await actor_rows_by_id(db, ids)
    annotated = annotate(document["text"], mentions, claims, actors)

    def party(actor_id):
        if not actor_id:
            return None
        actor = actors.get(actor_id) or {}
        return {
            "id": actor_id,
            "name": actor.get("name") or actor_id,
            "kind": actor.get("kind") or "unknown",
            "url": actor_url(datasette, db.name, actor_id),
        }

    claim_items = [
        {
            **claim,
            "claimant": party(claim["claimant_id"]),
            "subject": party(claim["subject_id"]),
            "speaker": party(claim["speaker_id"]),
            "counterpart": party(claim["counterpart_id"]),
            "located": claim["id"] in annotated.located_claims,
            "row_url": claim_url(datasette, db.name, claim["id"]),
            "badge": badge(claim["review"]),
        }
        for claim in claims
    ]
    mention_counts = Counter(m["actor_id"] for m in mentions)
    named = [
        {**party(actor_id), "n": n}
        for actor_id, n in sorted(mention_counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return {
        "researcher_document": {
            **{
                k: document.get(k)
                for k in (
                    "id",
                    "title",
                    "publisher",
                    "published",
                    "lang",
                    "status",
                    "date_source",
                    "duplicate_of",
                )
            },
            **{k: document.get(k) for k in ("license", "attribution", "n_words", "url")},
            "url_link": safe_link(document.get("url")),
            "text_html": annotated.html,
            "claims": claim_items,
            "n_claims": len(claims),
            "n_located_claims": len(annotated.located_claims),
            "n_mentions": len(mentions),
            "n_marked_mentions": annotated.marked_mentions,
            "actors_named": named,
            "rejected": await rejected_of_document(datasette, db, document_id),
        }
    }
