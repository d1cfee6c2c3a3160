"""Reviews in the read-only Datasette: badges, what a correction replaced, rejected claims shown
only where asked for, the share of the KB reviewed, and nothing writable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette
from reviewed_kb import CONFIRMED, CORRECTED, REJECTED, build_reviewed_kb

from kb.store import open_db

METADATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "metadata.yml").read_text())


@pytest.fixture
def reviewed_kb(tmp_path):
    return build_reviewed_kb(tmp_path / "kb.db")


async def get(ds, path: str, status: int = 200) -> str:
    response = await ds.client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    return response.text


async def test_claim_pages_show_the_verdict_and_what_a_correction_replaced(reviewed_kb):
    path, ids = reviewed_kb
    ds = Datasette([str(path)], metadata=METADATA)
    corrected = await get(ds, f"/kb/claims/{ids[CORRECTED]}")
    assert 'class="kb-review kb-review-corrected"' in corrected
    assert re.search(
        r"the extractor had read\s+subject <a href=\"[^\"]*/kb/actors/APT31\">APT31</a>", corrected
    )
    assert "bob" in corrected and "see text" in corrected
    confirmed = await get(ds, f"/kb/claims/{ids[CONFIRMED]}")
    assert "kb-review-confirmed" in confirmed and "carol" in confirmed

    # a rejected claim is no longer a claim; its own page, under rejected_claims, says why
    await get(ds, f"/kb/claims/{ids[REJECTED]}", status=404)
    rejected = await get(ds, f"/kb/rejected_claims/{ids[REJECTED]}")
    assert "kb-review-rejected" in rejected and "China is the victim" in rejected
    assert "left out of every question, page, graph and export" in rejected


async def test_document_page_badges_and_rejected_claims_on_request(reviewed_kb):
    path, ids = reviewed_kb
    ds = Datasette([str(path)], metadata=METADATA)
    page = await get(ds, "/kb/documents/uk-2021")
    side = page[page.index('class="kb-claim-list"') :]
    listed = side[: side.index("</ol>")]
    assert f'data-claim-id="{ids[REJECTED]}"' not in listed
    assert listed.count("kb-review-confirmed") == 1 and listed.count("kb-review-corrected") == 1
    hidden = side[side.index('<details class="kb-rejected-claims">') :]
    assert "1 claim rejected by review" in hidden and REJECTED in hidden and "China is the victim" in hidden
    # the rejected sentence is not marked in the text as a claim
    marked = {int(i) for ids_ in re.findall(r'data-claims="([^"]*)"', page) for i in ids_.split()}
    assert ids[CONFIRMED] in marked and ids[REJECTED] not in marked


async def test_home_page_gives_the_share_reviewed_and_tables_show_badges(reviewed_kb):
    path, _ = reviewed_kb
    ds = Datasette([str(path)], metadata=METADATA)
    home = await get(ds, "/")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", home))
    assert "Reviewed by people: 3 of 11 claims (27%): 1 confirmed, 1 corrected and 1 rejected" in text
    assert "10 claims" in text, "the KB's numbers leave the rejected claim out"
    table = await get(ds, "/kb/claims?review=corrected")
    assert 'class="kb-review kb-review-corrected"' in table
    review_rows = await get(ds, "/kb/reviews")
    assert "/kb/rejected_claims?fingerprint=" in review_rows


async def test_queries_and_the_graph_leave_a_rejected_claim_out_and_nothing_can_be_written(reviewed_kb):
    path, ids = reviewed_kb
    ds = Datasette([str(path)], metadata=METADATA)
    about = (await ds.client.get("/kb/claims_about.json?actor=China&_shape=array")).json()
    evidence = {row["evidence"] for row in about}
    assert REJECTED not in evidence and CORRECTED in evidence  # corrected to China
    graph = (
        await ds.client.get("/-/claims-graph/claims.json?claimant=GBR&subject=CHN&stance=accuses")
    ).json()
    assert {claim["id"] for claim in graph["claims"]} == {ids[CORRECTED]}  # the UK's one left
    for sql in ("delete from reviews", "update claims set review = 'confirmed'"):
        response = await ds.client.get("/kb.json", params={"sql": sql})
        assert response.status_code >= 400 or not response.json().get("ok", True)
    assert open_db(path)["reviews"].count == 3
