"""STIX and MISP exports of any small KB: whatever the claims, their text and their dates, the
bundle is valid, every claim is one object, and the MISP events load back."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from exchange_support import export
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pymisp import MISPEvent
from stix2validator import ValidationOptions, validate_string

from extract.records import Actor, Claim, Document
from kb.store import open_db, save_actors, save_document

ACTORS = [
    Actor("AAA", "Aland", "state", "AAA"),
    Actor("BBB", "Bravo Group", "group", "AAA", ("Bravo", "B-Team"), "misp-galaxy", "G0001"),
    Actor("CCC", "Charlie Agency", "agency", "AAA"),
    Actor("DDD", "Delta Person", "person", None),
    Actor("EEE", "Echo Corp", "company", None),
]
claim_strategy = st.fixed_dictionaries(
    {
        "claimant": st.sampled_from([a.id for a in ACTORS]),
        "stance": st.sampled_from(["accuses", "denies"]),
        "subject": st.sampled_from([a.id for a in ACTORS]),
        # any text, the same sentence twice included
        "evidence": st.sampled_from(["They did it.", ""]) | st.text(max_size=30),
        "incident": st.none() | st.sampled_from(["Operation X", "operation x ", "the <b>hack</b>"]),
        "degree": st.sampled_from(["direct", "sponsored", "territory", "unspecified"]),
        "hedged": st.booleans(),
    }
)
published_strategy = st.none() | st.sampled_from(
    ["2022", "2022-03", "2022-03-04", "2022-03-04T10:00:00Z", "soon"]
)


def build_kb(folder: Path, documents: list[tuple[str | None, list[dict]]]) -> Path:
    db = open_db(folder / "kb.db")
    save_actors(db, ACTORS)
    for number, (published, claims) in enumerate(documents):
        records = [
            Claim(
                c["claimant"],
                c["stance"],
                c["subject"],
                c["evidence"],
                0,
                len(c["evidence"]),
                "cue",
                incident=c["incident"],
                degree=c["degree"],
                hedged=c["hedged"],
            )
            for c in claims
        ]
        text = f"document {number}"
        save_document(
            db,
            Document(
                f"d{number}", text, url=f"https://example.org/{number}", published=published, claims=records
            ),
        )
    db.conn.close()
    return folder / "kb.db"


# a sentence of control characters only: pymisp strips it to nothing and adds no attribute
NUL_EVIDENCE = {
    "claimant": "AAA",
    "stance": "accuses",
    "subject": "AAA",
    "evidence": "\x00",
    "incident": None,
    "degree": "direct",
    "hedged": False,
}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=st.lists(st.tuples(published_strategy, st.lists(claim_strategy, max_size=6)), max_size=3))
@example(documents=[(None, [NUL_EVIDENCE])])
def test_any_kb_gives_a_valid_bundle_and_loadable_events(documents):
    n_claims = sum(len(claims) for _, claims in documents)
    with tempfile.TemporaryDirectory() as folder:
        db_path = build_kb(Path(folder), documents)
        text = export("--db", db_path, "--format", "stix")[0]
        result = validate_string(text, ValidationOptions(version="2.1"))
        assert result.is_valid, [str(e) for e in result.errors]
        objects = json.loads(text).get("objects", [])
        assert len({o["id"] for o in objects}) == len(objects)
        claim_refs = [
            ref["external_id"]
            for o in objects
            if o["type"] in ("relationship", "opinion")
            for ref in o.get("external_references", [])
            if ref["external_id"].startswith("claim:")
        ]
        assert len(claim_refs) == len(set(claim_refs)) == n_claims
        events = json.loads(export("--db", db_path, "--format", "misp")[0])["response"]
        annotations = 0
        for item in events:
            event = MISPEvent()
            event.load(item)
            annotations += sum(1 for o in event.objects if o.name == "annotation")
        assert annotations == n_claims
