"""The claims as MISP events that keep who made each claim (``kb export --format misp``).

Built with ``pymisp`` from a ``kb.claim_set.ClaimSet``: one event per incident, or per document
for the claims that name none. An event carries

- tags: the MISP galaxy cluster of each threat group accused (``misp-galaxy:threat-actor="APT31"``),
  and who accuses, who is accused and who denies (``cyber-claims-kb:accuser="United Kingdom"``);
- a ``link`` attribute for each source document's URL (its title, publisher and licence in the
  comment);
- one ``annotation`` object per claim: the evidence sentence, with the claimant, stance, subject,
  speaker and degree as tags of that sentence, and "claimant stance subject" as its comment.

The file is MISP's own JSON export layout, ``{"response": [{"Event": {...}}, ...]}``; uuids are
uuid5 over stable keys and every timestamp comes from the KB, so two exports are identical and a
re-import updates the events.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable

from pymisp import MISPEvent, MISPObject

from kb.claim_set import ClaimSet
from kb.stix import stix_time

NAMESPACE = uuid.UUID("5b0b7b4e-3c55-5a43-9a6c-2f9f0c6b7e21")
TAG_NAMESPACE = "cyber-claims-kb"
GALAXY_TAG = 'misp-galaxy:threat-actor="{}"'
PUBLIC = "tlp:clear"  # every document of the KB is public
ANALYSIS_COMPLETED = 2
THREAT_LEVEL_UNDEFINED = 4


def misp_uuid(*key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(k) for k in key)))


def machine_tag(predicate: str, value: object) -> str:
    text = str(value).replace('"', "'")
    return f'{TAG_NAMESPACE}:{predicate}="{text}"'


def is_url(value: str | None) -> bool:
    return bool(value and re.match(r"https?://", value))


class EventBuilder:
    """The events of a ClaimSet, keyed by incident (or by document when a claim names none)."""

    def __init__(self, claims: ClaimSet):
        self.claims = claims
        self.keys = claims.claim_keys()

    def name(self, actor_id: str | None) -> str:
        actor = self.claims.actors.get(actor_id or "")
        return actor["name"] if actor else str(actor_id)

    def galaxy_tag(self, actor_id: str) -> str | None:
        actor = self.claims.actors.get(actor_id) or {}
        if actor.get("kind") == "group" and actor.get("source") == "misp-galaxy":
            return GALAXY_TAG.format(actor["name"])
        return None

    def groups(self) -> dict[str, list[dict]]:
        """event key -> its claims (in claim id order)."""
        grouped: dict[str, list[dict]] = {}
        for claim in self.claims.claims:
            incident = self.claims.incident(claim)
            key = incident.key if incident else f"document:{claim['document_id']}"
            grouped.setdefault(key, []).append(claim)
        return grouped

    def event(self, key: str, claims: list[dict]) -> MISPEvent:
        documents = [self.claims.documents[d] for d in dict.fromkeys(c["document_id"] for c in claims)]
        incident = self.claims.incident(claims[0]) if key.startswith("incident") else None
        event = MISPEvent(force_timestamps=True)  # the KB's time, so that a newer export updates
        event.uuid = misp_uuid("event", key)
        event.info = incident.name if incident else (documents[0].get("title") or documents[0]["id"])
        dates = sorted(d for d in (stix_time(c.get("published")) for c in claims) if d)
        read = sorted(d for d in (stix_time(doc.get("ingested_at")) for doc in documents) if d)
        event.date = (dates or read or [stix_time("1970-01-01")])[0].date()
        if read:
            event.timestamp = read[-1]
        event.analysis = ANALYSIS_COMPLETED
        event.threat_level_id = THREAT_LEVEL_UNDEFINED
        for tag in self.event_tags(claims):
            event.add_tag(tag)
        for document in documents:
            self.add_source(event, document)
        for claim in claims:
            event.add_object(self.annotation(claim))
        return event

    def event_tags(self, claims: Iterable[dict]) -> list[str]:
        tags = [PUBLIC]
        for claim in claims:
            if claim["stance"] == "accuses":
                tags += [
                    self.galaxy_tag(claim["subject_id"]),
                    machine_tag("accuser", self.name(claim["claimant_id"])),
                    machine_tag("accused", self.name(claim["subject_id"])),
                ]
            else:
                tags.append(machine_tag("denier", self.name(claim["claimant_id"])))
        return [t for t in dict.fromkeys(tags) if t]

    def add_source(self, event: MISPEvent, document: dict) -> None:
        comment = " · ".join(
            str(part)
            for part in (
                document.get("title"),
                document.get("publisher"),
                document.get("published"),
                f"licence: {document['license']}" if document.get("license") else None,
            )
            if part
        )
        url = document.get("url")
        event.add_attribute(
            "link" if is_url(url) else "text",
            url or document["id"],
            category="External analysis",
            comment=comment,
            to_ids=False,
            uuid=misp_uuid("source", event.uuid, document["id"]),
        )

    def annotation(self, claim: dict) -> MISPObject:
        document = self.claims.documents[claim["document_id"]]
        claimant, subject = self.name(claim["claimant_id"]), self.name(claim["subject_id"])
        obj = MISPObject("annotation", standalone=False)
        obj.uuid = misp_uuid("claim", self.keys[claim["id"]])
        details = [claim["degree"], "hedged" if claim["hedged"] else None]
        if claim["speaker_id"]:
            details.append(f"said by {self.name(claim['speaker_id'])}")
        obj.comment = f"{claimant} {claim['stance']} {subject} ({', '.join(d for d in details if d)})"
        # an annotation needs its text: a claim stored without a sentence reads as its comment
        sentence = claim["evidence"] if (claim["evidence"] or "").strip() else obj.comment
        text = obj.add_attribute("text", value=sentence, uuid=misp_uuid("text", obj.uuid))
        if text is None:  # pymisp drops what it strips to nothing (a sentence of control characters)
            text = obj.add_attribute("text", value=obj.comment, uuid=misp_uuid("text", obj.uuid))
        tags = [
            machine_tag("claimant", claimant),
            machine_tag("stance", claim["stance"]),
            machine_tag("subject", subject),
            machine_tag("degree", claim["degree"]),
            machine_tag("hedged", "yes" if claim["hedged"] else "no"),
            machine_tag("speaker", self.name(claim["speaker_id"])) if claim["speaker_id"] else None,
            self.galaxy_tag(claim["subject_id"]),
        ]
        for tag in filter(None, tags):
            text.add_tag(tag)
        obj.add_attribute("type", value="Annotation", uuid=misp_uuid("type", obj.uuid))
        obj.add_attribute("format", value="text", uuid=misp_uuid("format", obj.uuid))
        if is_url(document.get("url")):
            obj.add_attribute("ref", value=document["url"], uuid=misp_uuid("ref", obj.uuid))
        published = stix_time(claim.get("published"))
        if published:
            obj.add_attribute("creation-date", value=published, uuid=misp_uuid("date", obj.uuid))
        return obj

    def events(self) -> list[MISPEvent]:
        events = [self.event(key, claims) for key, claims in self.groups().items()]
        return sorted(events, key=lambda e: (str(e.date), e.uuid))


def build_events(claims: ClaimSet) -> list[MISPEvent]:
    """One MISP event per incident, or per document for the claims that name none."""
    return EventBuilder(claims).events()


def events_json(events: list[MISPEvent]) -> str:
    """The events in MISP's JSON export layout, the same bytes for the same events."""
    response = [{"Event": json.loads(event.to_json(sort_keys=True))} for event in events]
    return json.dumps({"response": response}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
