"""`kb export --format misp` on the demo KB built by the real extractor: MISP events that load
into pymisp, one per incident (or per document), each claim with its claimant."""

from __future__ import annotations

import json

import pytest
from exchange_support import export, export_in_processes, rows
from pymisp import MISPEvent


@pytest.fixture(scope="module")
def demo_text(demo_kb) -> str:
    return export("--db", demo_kb, "--format", "misp")[0]


@pytest.fixture(scope="module")
def events(demo_text) -> list[MISPEvent]:
    loaded = []
    for item in json.loads(demo_text)["response"]:
        event = MISPEvent()
        event.load(item)
        loaded.append(event)
    return loaded


def claims_of(demo_kb) -> list[dict]:
    return rows(
        demo_kb,
        "SELECT c.*, a.name AS claimant_name, s.name AS subject_name, s.kind AS subject_kind,"
        " s.source AS subject_source FROM claims c JOIN actors a ON a.id = c.claimant_id"
        " JOIN actors s ON s.id = c.subject_id ORDER BY c.id",
    )


def tag_names(entity) -> set[str]:
    return {t.name for t in entity.tags}


def test_the_json_loads_back_into_pymisp_events(demo_text, events):
    assert json.loads(demo_text)["response"][0].keys() == {"Event"}
    assert events and all(e.info and e.uuid and e.date for e in events)
    assert len({e.uuid for e in events}) == len(events)


def test_every_claim_is_one_annotation_with_its_claimant(demo_kb, events):
    claims = claims_of(demo_kb)
    annotations = [o for e in events for o in e.objects if o.name == "annotation"]
    assert len(annotations) == len(claims)
    by_text: dict[str, list] = {}
    for obj in annotations:
        (text,) = obj.get_attributes_by_relation("text")
        by_text.setdefault(text.value, []).append(text)
    for claim in claims:
        tags = set().union(*(tag_names(t) for t in by_text[claim["evidence"]]))
        assert f'cyber-claims-kb:claimant="{claim["claimant_name"]}"' in tags
        assert f'cyber-claims-kb:stance="{claim["stance"]}"' in tags
        assert f'cyber-claims-kb:subject="{claim["subject_name"]}"' in tags


def test_one_event_per_incident_or_else_per_document(demo_kb, events):
    claims = claims_of(demo_kb)
    names = {r["id"]: r["name"] for r in rows(demo_kb, "SELECT id, name FROM incidents")}
    incidents = {names[c["incident_id"]] for c in claims if c["incident_id"]}
    documents = {c["document_id"] for c in claims if not c["incident_id"]}
    assert incidents and documents
    assert len(events) == len(incidents) + len(documents)
    assert incidents <= {e.info for e in events}


def test_groups_are_galaxy_tags_and_sources_are_link_attributes(demo_kb, events):
    claims = claims_of(demo_kb)
    galaxy = {
        f'misp-galaxy:threat-actor="{c["subject_name"]}"'
        for c in claims
        if c["subject_source"] == "misp-galaxy"
    }
    assert galaxy
    event_tags = set().union(*(tag_names(e) for e in events))
    assert galaxy <= event_tags
    accusers = {f'cyber-claims-kb:accuser="{c["claimant_name"]}"' for c in claims if c["stance"] == "accuses"}
    assert accusers <= event_tags
    urls = {
        d["url"]
        for d in rows(demo_kb, "SELECT url FROM documents WHERE id IN (SELECT document_id FROM claims)")
    }
    links = {a.value for e in events for a in e.attributes if a.type == "link"}
    assert links == {u for u in urls if u.startswith("http")}


def test_two_exports_are_byte_identical(demo_kb, tmp_path):
    outputs = export_in_processes(demo_kb, "misp", tmp_path)
    assert outputs[0] == outputs[1] and b'"Event"' in outputs[0]


def test_filters_that_match_nothing_give_no_event_and_say_so(demo_kb):
    stdout, stderr = export("--db", demo_kb, "--format", "misp", "--actor", "APT28", "--until", "1990")
    assert json.loads(stdout) == {"response": []}
    assert "no claim matches these filters" in stderr
