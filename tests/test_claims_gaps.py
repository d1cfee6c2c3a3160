"""The constructions that real statements, advisories and news use and the extractor once missed.

Each case of ``tests/fixtures/claims/gaps.jsonl`` (and of ``variants.jsonl``, our own sentences
for the same classes) is a sentence or two written for a class of
construction (A1 document-level claimants, A2 statement intros, B1 sponsorship links, B7 passive
denials, P false claims ...), in English and in French, with the claims it must give:
``"CLAIMANT>SUBJECT"`` for an accusation, ``"DENIER denies SUBJECT"`` (``vs COUNTERPART`` when
the denial must name whose accusation it answers) for a denial. ``expect`` must all be found;
nothing may be found beyond ``expect`` and ``allow`` (the precision guard of each class).
A case with a ``todo`` is a known gap (a strict xfail, so that fixing it is noticed).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.pipeline import Extractor
from extract.records import Claim, Document

FIXTURES = Path(__file__).parent / "fixtures" / "claims"
# gaps.jsonl: the examples of the known-gaps list; variants.jsonl: our own sentences for each class
CASES = [
    json.loads(line)
    for name in ("gaps.jsonl", "variants.jsonl")
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def found() -> dict[str, list[Claim]]:
    """Every case through the real pipelines at once, with its document's metadata."""
    documents = [
        Document(
            id=case["id"],
            text=case["text"],
            lang=case["lang"],
            title=case.get("title"),
            publisher=case.get("publisher"),
        )
        for case in CASES
    ]
    return {document.id: document.claims for document in Extractor().process(documents)}


def describe(claim: Claim) -> str:
    if claim.stance == "accuses":
        return f"{claim.claimant_id}>{claim.subject_id}"
    counterpart = f" vs {claim.counterpart_id}" if claim.counterpart_id else ""
    return f"{claim.claimant_id} denies {claim.subject_id}{counterpart}"


def matches(claim: Claim, expected: str) -> bool:
    """Does a claim fit an expectation? A denial without 'vs' says nothing of the counterpart."""
    shown = describe(claim)
    if claim.stance == "denies" and " vs " not in expected:
        return shown.split(" vs ")[0] == expected
    return shown == expected


def param(case: dict):
    marks = [pytest.mark.xfail(reason=case["todo"], strict=True)] if case.get("todo") else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [param(case) for case in CASES])
def test_construction(case, found):
    claims = found[case["id"]]
    shown = sorted(describe(c) for c in claims)
    for expected in case["expect"]:
        assert any(matches(c, expected) for c in claims), f"missing {expected!r}; found {shown}"
    allowed = case["expect"] + case.get("allow", [])
    for claim in claims:
        assert any(matches(claim, a) for a in allowed), f"unexpected {describe(claim)!r}; found {shown}"
        assert claim.claimant_id not in case.get("never_claimant", ())
    for expected, speaker in case.get("speakers", {}).items():  # who spoke, where the text says it
        claim = next(c for c in claims if matches(c, expected))
        assert claim.speaker_id == speaker, f"{expected!r} spoken by {claim.speaker_id}, not {speaker}"
