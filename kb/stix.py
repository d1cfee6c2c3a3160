"""The claims as a STIX 2.1 bundle that keeps who made each claim (``kb export --format stix``).

Built with the ``stix2`` library from a ``kb.claim_set.ClaimSet``:

- every claimant, speaker and denial counterpart is an ``identity`` (a state: ``identity_class``
  ``nation``, and also a ``location`` with its ISO 3166 alpha-2 code); every threat group an
  ``intrusion-set``; any other accused actor (state, agency, company, person) a ``threat-actor``;
- every accusation is one ``attributed-to`` relationship whose ``created_by_ref`` is the
  claimant, from the operation (a ``campaign``) or the group to the accused. The operation is
  the claim's incident; a claim about a state or an agency that names none is read as being
  about the one group its claimant accuses in the same document, when there is exactly one;
  otherwise it is the unnamed activity the document reports (one ``campaign`` per document);
- every denial is one ``opinion`` (``strongly-disagree``) by the denier about the accusations
  it answers; every document a ``report`` of the objects its claims use.

Ids are uuid5 over stable keys (actor ids, a claim's document, claimant, stance, subject and
sentence), and the timestamps come from the KB, so two exports of one KB are byte-identical and
a re-import updates the objects instead of duplicating them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone

import stix2

from kb.claim_set import ClaimSet, aliases

NAMESPACE = uuid.UUID("8c7555a8-5f96-5a7b-96e8-0a6cbfb31c0d")
KB_NAME = "cyber-claims-kb"
MEDIA_TYPE = "application/stix+json;version=2.1"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# STIX confidence (0-100) of an accusation, from its degree and whether its wording is hedged,
# at the values STIX 2.1's appendix gives the Words of Estimative Probability scale:
# 90 "almost certain", 70 "likely", 50 "even chance", 30 "unlikely"
CONFIDENCE = {
    ("direct", False): 90,
    ("direct", True): 70,
    ("sponsored", False): 90,
    ("sponsored", True): 70,
    ("unspecified", False): 70,
    ("unspecified", True): 50,
    ("territory", False): 50,
    ("territory", True): 30,
}
IDENTITY_CLASS = {"state": "nation", "person": "individual"}  # any other kind: organization
# the claim's own fields, carried as top-level properties declared by one extension-definition
EXTENSION_PROPERTIES = [
    "x_kb_counterpart_ref",
    "x_kb_cue",
    "x_kb_degree",
    "x_kb_extraction_confidence",
    "x_kb_hedged",
    "x_kb_speaker_ref",
    "x_kb_subject_ref",
]
ATTACK_GROUP = re.compile(r"G\d{4}")
TYPE_ORDER = [
    "identity", "extension-definition", "location", "intrusion-set", "threat-actor", "campaign",
    "relationship", "opinion", "report",
]  # fmt: skip


def stix_id(kind: str, *key: object) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join(str(k) for k in key))}"


def stix_time(value: str | None) -> datetime | None:
    """A KB date or timestamp (YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601) as a UTC datetime."""
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    for candidate in (text, f"{text}-01", f"{text}-01-01"):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return (
            moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
        )
    return None


def confidence(claim: dict) -> int:
    return CONFIDENCE.get(
        (claim["degree"], bool(claim["hedged"])), CONFIDENCE[("unspecified", bool(claim["hedged"]))]
    )


def kb_reference(kind: str, key: object) -> dict:
    return {"source_name": KB_NAME, "external_id": f"{kind}:{key}"}


def document_reference(document: dict) -> dict:
    url = document.get("url") or ""
    reference = {"source_name": document.get("publisher") or "source document", "external_id": document["id"]}
    if re.match(r"https?://", url):
        reference["url"] = url
    description = "; ".join(
        part
        for part in (
            document.get("title"),
            f"licence: {document['license']}" if document.get("license") else None,
            document.get("attribution"),
        )
        if part
    )
    if description:
        reference["description"] = description
    return reference


class BundleBuilder:
    """Turns a ClaimSet into STIX objects, each made once and keyed by its id."""

    def __init__(self, claims: ClaimSet):
        self.claims = claims
        self.objects: dict[str, object] = {}
        self.kb_time = stix_time(claims.first_ingested_at) or EPOCH
        self.kb_id = stix_id("identity", "kb")
        self.extension_id = stix_id("extension-definition", "claim-properties")
        self.report_refs: dict[str, set[str]] = {}

    def common(self, object_id: str) -> dict:
        """created_by, created and modified of an object the KB makes (not a claim)."""
        return {
            "id": object_id,
            "created_by_ref": self.kb_id,
            "created": self.kb_time,
            "modified": self.kb_time,
        }

    def add(self, obj) -> str:
        self.objects.setdefault(obj.id, obj)
        return obj.id

    def actor(self, actor_id: str) -> dict:
        return self.claims.actors.get(actor_id) or {"id": actor_id, "name": actor_id, "kind": "other"}

    # ------------------------------------------------------------------ actors

    def kb_identity(self) -> None:
        self.add(
            stix2.Identity(
                id=self.kb_id,
                created=self.kb_time,
                modified=self.kb_time,
                name=KB_NAME,
                identity_class="system",
                description="The cyber-attribution claims knowledge base: it read these claims in news "
                "text; each claim's author is its claimant (created_by_ref), not this system.",
            )
        )
        self.add(
            stix2.ExtensionDefinition(
                **self.common(self.extension_id),
                name=f"{KB_NAME} claim properties",
                description="What the knowledge base records of a claim beyond STIX's own properties.",
                schema="x_kb_speaker_ref: the identity who spoke for the claimant; x_kb_degree: direct, "
                "sponsored, territory or unspecified; x_kb_hedged: hedged wording; x_kb_cue: the trigger "
                "word; x_kb_extraction_confidence: the extractor's confidence (0-1) that it read the "
                "claim right; x_kb_subject_ref: whose responsibility a denial rejects; "
                "x_kb_counterpart_ref: the accuser a denial answers.",
                version="1.0.0",
                extension_types=["toplevel-property-extension"],
                extension_properties=EXTENSION_PROPERTIES,
            )
        )

    def location(self, state_id: str | None) -> str | None:
        """The location of a state (by its actor id), when its ISO alpha-2 code is known."""
        state = self.claims.actors.get(state_id or "")
        if not state or state["kind"] != "state":
            return None
        code = state.get("ref") if re.fullmatch(r"[A-Za-z]{2}", state.get("ref") or "") else None
        if code is None:
            return None
        return self.add(
            stix2.Location(
                **self.common(stix_id("location", state["id"])),
                name=state["name"],
                country=code.upper(),
                external_references=[kb_reference("actor", state["id"])],
            )
        )

    def located_at(self, source_id: str, actor: dict) -> None:
        location_id = self.location(actor["id"] if actor["kind"] == "state" else actor.get("country"))
        if location_id:
            self.add(
                stix2.Relationship(
                    **self.common(stix_id("relationship", "located-at", source_id)),
                    relationship_type="located-at",
                    source_ref=source_id,
                    target_ref=location_id,
                )
            )

    def identity(self, actor_id: str | None) -> str | None:
        """The identity of a claimant, speaker or counterpart."""
        if not actor_id:
            return None
        actor = self.actor(actor_id)
        object_id = stix_id("identity", actor_id)
        if object_id not in self.objects:
            self.add(
                stix2.Identity(
                    **self.common(object_id),
                    name=actor["name"],
                    identity_class=IDENTITY_CLASS.get(actor["kind"], "organization"),
                    description=f"{actor['kind']} ({actor_id})",
                    external_references=[kb_reference("actor", actor_id)],
                )
            )
            self.located_at(object_id, actor)
        return object_id

    def accused(self, actor_id: str) -> str:
        """An accused actor: an intrusion-set for a threat group, else a threat-actor."""
        actor = self.actor(actor_id)
        if actor["kind"] == "group":
            return self.intrusion_set(actor)
        object_id = stix_id("threat-actor", actor_id)
        if object_id not in self.objects:
            kinds = ["nation-state"] if actor["kind"] in ("state", "agency", "intergov") else ["unknown"]
            self.add(
                stix2.ThreatActor(
                    **self.common(object_id),
                    name=actor["name"],
                    threat_actor_types=kinds,
                    description=f"{actor['kind']} ({actor_id}), as the subject of accusations",
                    external_references=[kb_reference("actor", actor_id)],
                )
            )
            self.located_at(object_id, actor)
        return object_id

    def intrusion_set(self, actor: dict) -> str:
        references = [kb_reference("actor", actor["id"])]
        ref = actor.get("ref") or ""
        if ATTACK_GROUP.fullmatch(ref):
            references.append(
                {
                    "source_name": "mitre-attack",
                    "external_id": ref,
                    "url": f"https://attack.mitre.org/groups/{ref}/",
                }
            )
        elif ref:
            references.append(
                {"source_name": "misp-galaxy", "external_id": ref, "description": "threat-actor cluster"}
            )
        return self.add(
            stix2.IntrusionSet(
                **self.common(stix_id("intrusion-set", actor["id"])),
                name=actor["name"],
                aliases=aliases(actor) or None,
                external_references=references,
            )
        )

    # ------------------------------------------------------------------ operations

    def operation(self, claim: dict) -> str | None:
        """The campaign of the incident a claim is about; None when it names none."""
        incident = self.claims.incident(claim)
        if incident is None:
            return None
        return self.add(
            stix2.Campaign(
                **self.common(stix_id("campaign", incident.key)),
                name=incident.name,
                description=incident.description or "An operation named in the claims' text.",
                aliases=list(incident.aliases) or None,
                external_references=[kb_reference(*incident.key.split(":", 1))],
            )
        )

    def unnamed_activity(self, document: dict) -> str:
        title = document.get("title") or document["id"]
        return self.add(
            stix2.Campaign(
                **self.common(stix_id("campaign", "activity", document["id"])),
                name=f"Activity reported in: {title}",
                description="The malicious cyber activity this document reports without naming it "
                "(claims that name no operation are attributed from here).",
                external_references=[document_reference(document)],
            )
        )

    def attributed_source(self, claim: dict, document: dict) -> str:
        """What an accusation attributes: its operation, the one group its claimant accuses in
        the same document (for an accused that is not a group), else the document's activity."""
        operation = self.operation(claim)
        if operation:
            return operation
        if self.actor(claim["subject_id"])["kind"] != "group":
            groups = self.claims.groups_accused.get((claim["document_id"], claim["claimant_id"]), [])
            if len(groups) == 1:
                return self.intrusion_set(self.actor(groups[0]))
        return self.unnamed_activity(document)

    # ------------------------------------------------------------------ claims

    def document_time(self, document: dict) -> datetime:
        """When the KB read a document: created and modified of its claims and its report."""
        return stix_time(document.get("ingested_at")) or self.kb_time

    def claim_object(self, cls, claim: dict, object_id: str, creator: str, custom: dict, **fields) -> None:
        """A relationship or an opinion made by ``creator``, with the claim's own fields as the
        extension's top-level properties."""
        document = self.claims.documents[claim["document_id"]]
        moment = self.document_time(document)
        self.add(
            cls(
                id=object_id,
                created_by_ref=creator,
                created=moment,
                modified=moment,
                external_references=[document_reference(document), kb_reference("claim", claim["id"])],
                extensions={self.extension_id: {"extension_type": "toplevel-property-extension"}},
                allow_custom=True,
                **{k: v for k, v in custom.items() if v is not None},
                **fields,
            )
        )

    def accusation(self, claim: dict, object_id: str) -> list[str]:
        source = self.attributed_source(claim, self.claims.documents[claim["document_id"]])
        target = self.accused(claim["subject_id"])
        claimant = self.identity(claim["claimant_id"])
        speaker = self.identity(claim["speaker_id"])
        custom = {
            "x_kb_speaker_ref": speaker,
            "x_kb_degree": claim["degree"],
            "x_kb_hedged": bool(claim["hedged"]),
            "x_kb_cue": claim["cue"],
            "x_kb_extraction_confidence": claim["confidence"],
        }
        self.claim_object(
            stix2.Relationship,
            claim,
            object_id,
            claimant,
            custom,
            relationship_type="attributed-to",
            source_ref=source,
            target_ref=target,
            confidence=confidence(claim),
            description=claim["evidence"],
            start_time=stix_time(claim.get("published")),
        )
        return [object_id, source, target, claimant] + ([speaker] if speaker else [])

    def denial(self, claim: dict, object_id: str, accusation_ids: dict[int, str]) -> list[str]:
        answered = [
            accusation_ids[i] for i in self.claims.answers.get(claim["id"], []) if i in accusation_ids
        ]
        # an opinion needs an object: without an accusation here, the denial is about its
        # operation, or about what its own document reports
        about = answered or [self.operation(claim) or stix_id("report", claim["document_id"])]
        denier = self.identity(claim["claimant_id"])
        speaker = self.identity(claim["speaker_id"])
        subject = self.accused(claim["subject_id"])
        counterpart = self.identity(claim["counterpart_id"])
        custom = {
            "x_kb_speaker_ref": speaker,
            "x_kb_subject_ref": subject,
            "x_kb_counterpart_ref": counterpart,
            "x_kb_cue": claim["cue"],
        }
        self.claim_object(
            stix2.Opinion,
            claim,
            object_id,
            denier,
            custom,
            opinion="strongly-disagree",
            object_refs=about,
            explanation=claim["evidence"],
            authors=[self.actor(claim["speaker_id"])["name"]] if speaker else None,
        )
        return [object_id, denier, subject, *about] + [r for r in (speaker, counterpart) if r]

    def report(self, document: dict, refs: Iterable[str]) -> None:
        published = (
            stix_time(document.get("published")) or stix_time(document.get("ingested_at")) or self.kb_time
        )
        notes = [f"Published by {document['publisher']}." if document.get("publisher") else None]
        if not document.get("published"):
            notes.append("The document carries no date: 'published' is when the knowledge base read it.")
        self.add(
            stix2.Report(
                id=stix_id("report", document["id"]),
                created_by_ref=self.kb_id,
                created=self.document_time(document),
                modified=self.document_time(document),
                name=document.get("title") or document["id"],
                description=" ".join(n for n in notes if n) or None,
                published=published,
                report_types=["threat-report"],
                object_refs=sorted(refs),
                external_references=[document_reference(document)],
                lang=document.get("lang") or None,
            )
        )

    def build(self) -> None:
        if self.claims.is_empty:
            return
        self.kb_identity()
        keys = self.claims.claim_keys()
        object_ids = {
            c["id"]: stix_id(
                "relationship" if c["stance"] == "accuses" else "opinion", "claim", keys[c["id"]]
            )
            for c in self.claims.claims
        }
        accusation_ids = {i: o for i, o in object_ids.items() if o.startswith("relationship--")}
        refs: dict[str, set[str]] = {}
        denials = []
        for claim in self.claims.claims:
            if claim["stance"] == "accuses":
                used = self.accusation(claim, object_ids[claim["id"]])
                refs.setdefault(claim["document_id"], set()).update(used)
            else:
                denials.append(claim)
        for claim in denials:  # after the accusations they may answer
            used = self.denial(claim, object_ids[claim["id"]], accusation_ids)
            refs.setdefault(claim["document_id"], set()).update(used)
        for document_id, used in sorted(refs.items()):
            self.report(self.claims.documents[document_id], used - {stix_id("report", document_id)})

    def bundle(self) -> stix2.Bundle:
        self.build()
        objects = sorted(self.objects.values(), key=lambda o: (TYPE_ORDER.index(o.type), o.id))
        bundle_id = stix_id("bundle", *(o.id for o in objects))
        return stix2.Bundle(objects=objects, id=bundle_id, allow_custom=True)


def build_bundle(claims: ClaimSet) -> stix2.Bundle:
    """The STIX 2.1 bundle of a ClaimSet (an empty bundle when it holds no claim)."""
    return BundleBuilder(claims).bundle()


def bundle_json(bundle: stix2.Bundle) -> str:
    """The bundle as UTF-8 JSON text, the same bytes for the same bundle (keys sorted: stix2
    keeps custom properties in no fixed order)."""
    return bundle.serialize(indent=1, ensure_ascii=False, sort_keys=True) + "\n"
