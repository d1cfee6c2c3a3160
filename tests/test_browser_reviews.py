"""Reviews as a reader sees them in a real browser (Datasette server, Debian's headless Chromium):
the badges, the correction's note, and a document's rejected claims folded until asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import BROWSER_MARKS, running_datasette
from reviewed_kb import CORRECTED, REJECTED, build_reviewed_kb

ROOT = Path(__file__).resolve().parent.parent
pytestmark = BROWSER_MARKS


@pytest.fixture
def server(tmp_path):
    path, ids = build_reviewed_kb(tmp_path / "kb.db")
    with running_datasette(path, tmp_path / "datasette.log", "-m", str(ROOT / "metadata.yml")) as base:
        yield base, ids


def test_badges_corrections_and_rejected_claims_on_request(browser, server, tmp_path):
    base, ids = server
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{base}/kb/claims/{ids[CORRECTED]}")
    badge = page.locator("h1 .kb-review-corrected")
    assert badge.is_visible() and badge.inner_text() == "corrected"
    assert "the extractor had read subject APT31" in " ".join(
        page.locator(".kb-review-replaced").inner_text().split()
    )

    page.goto(f"{base}/kb/documents/uk-2021")
    folded = page.locator("details.kb-rejected-claims")
    assert folded.is_visible() and not page.get_by_text(REJECTED, exact=False).last.is_visible()
    folded.locator("summary").click()
    rejected_item = folded.locator(f'li[data-claim-id="{ids[REJECTED]}"]')
    assert rejected_item.is_visible() and "China is the victim" in rejected_item.inner_text()
    rejected_item.locator("a").click()
    page.wait_for_url(f"**/kb/rejected_claims/{ids[REJECTED]}")
    assert page.locator("h1 .kb-review-rejected").is_visible()
    page.screenshot(path=str(tmp_path / "rejected-claim.png"))
    assert errors == []
