"""The researcher's pages in a real browser: a Datasette server and Debian's headless Chromium.

Screenshots go to pytest's tmp_path. With KB_SAVE_SCREENSHOTS=1 copies are also written to docs/
(document-page.png, actor-page.png, timeline.png, ...) for the README; KB_SCREENSHOT_DB=path/kb.db
takes those copies from a real KB (e.g. the demo corpus) instead of the hand-made one; the home
page, a canned query and the graph page are shot too (home-page.png, claims-about.png,
claims-graph-page.png).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from browser_support import BROWSER_MARKS, running_datasette
from datasette.utils import tilde_encode
from researcher_kb import build_researcher_kb

ROOT = Path(__file__).resolve().parent.parent
METADATA = ("-m", str(ROOT / "metadata.yml"))
SAVE_TO_DOCS = os.environ.get("KB_SAVE_SCREENSHOTS") == "1"

pytestmark = BROWSER_MARKS


@pytest.fixture
def kb_path(tmp_path):
    return build_researcher_kb(tmp_path / "kb.db")


@pytest.fixture
def server(kb_path, tmp_path):
    with running_datasette(kb_path, tmp_path / "datasette.log", *METADATA) as base:
        yield base


class Watch:
    """What a page did that it should not: console errors, uncaught errors, dialogs, far requests."""

    def __init__(self, page, base: str):
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request):
        if not request.url.startswith(self.base + "/") and not request.url.startswith("data:"):
            self.outside.append(request.url)

    def assert_clean(self):
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside
        assert self.dialogs == [], self.dialogs


def open_page(browser, base: str):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    return page, Watch(page, base)


def shoot(page, tmp_path: Path, name: str, to_docs: bool = SAVE_TO_DOCS) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
    if to_docs:
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(path, ROOT / "docs" / name)
    return path


def test_document_page_marks_actors_and_claims(browser, server, kb_path, tmp_path):
    with sqlite3.connect(kb_path) as db:
        n_claims = db.execute("select count(*) from claims where document_id = 'uk-accuses-2021'").fetchone()[
            0
        ]
        actors = {
            r[0] for r in db.execute("select actor_id from mentions where document_id = 'uk-accuses-2021'")
        }
    page, watch = open_page(browser, server)
    page.goto(server + "/kb/documents/uk-accuses-2021")
    marked_claims = page.evaluate(
        """() => new Set([...document.querySelectorAll('.kb-text .kb-claim[data-claims]')]
                  .flatMap(e => e.dataset.claims.split(' '))).size"""
    )
    assert marked_claims == n_claims == 5
    marked_actors = page.evaluate(
        """() => [...new Set([...document.querySelectorAll('.kb-text mark.kb-mention')]
                  .map(m => m.dataset.actor))]"""
    )
    assert set(marked_actors) == actors
    # the mark is visibly highlighted, and hovering it names the canonical actor and its kind
    mark = page.locator('.kb-text mark[data-actor="MSS"]').first
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    mark.hover()
    assert mark.get_attribute("title") == "Ministry of State Security (agency) · MSS"
    # the claims beside the text link to their actors and to their place in the text
    assert page.locator(".kb-side .kb-claim-item").count() == n_claims
    page.locator('.kb-side a[href="#claim-4"]').click()
    assert page.evaluate("location.hash") == "#claim-4"
    # the hostile sentence is text, not an element
    assert page.locator(".kb-text img").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.locator(".kb-text").inner_text()
    shoot(page, tmp_path, "document-page.png", to_docs=False)
    watch.assert_clean()


def test_actor_page_lists_claims_and_denials(browser, server, tmp_path):
    page, watch = open_page(browser, server)
    page.goto(server + "/kb/actors/CHN")
    assert page.locator("h1.kb-title").inner_text().startswith("China")
    assert page.locator(".kb-counterpart .kb-claim-item").count() == 7
    denials = page.locator(".kb-denial")
    assert denials.count() == 2
    # the 2021 denial answers five accusations of China, its MSS and APT31, the 2024 one two
    assert page.locator(".kb-denial .kb-answers").count() == 7
    # a denial's answered accusation opens the accusation where it stands in its document
    page.locator('.kb-denial[data-denial-id="6"] .kb-accusation-link').first.click()
    page.wait_for_url("**/kb/documents/uk-accuses-2021#claim-1")
    assert page.locator("#claim-1").count() == 1
    assert page.locator('.kb-text .kb-claim[data-claims~="1"]').count() == 1
    page.go_back()
    assert page.locator(".kb-graph-link").get_attribute("href") == "/-/claims-graph?actor=CHN"
    shoot(page, tmp_path, "actor-page.png", to_docs=False)
    watch.assert_clean()


@pytest.mark.parametrize("query", ["", "?actor=Pékin"])
def test_timeline_draws_a_chart_offline(browser, server, tmp_path, query):
    page, watch = open_page(browser, server)
    page.goto(server + "/-/timeline" + query)
    page.wait_for_selector('#timeline-chart[data-status="ready"]', timeout=15_000)
    assert page.locator("#timeline-chart svg").count() >= 1
    # one bar per month and series
    bars = page.locator("#timeline-chart svg .mark-rect path")
    assert bars.count() == (4 if not query else 5)
    assert page.locator(".kb-denial-delays tbody tr").count() == 7
    # and one dot per denial-accusation pair
    page.wait_for_selector('#delay-chart[data-status="ready"]', timeout=15_000)
    assert page.locator("#delay-chart svg .mark-symbol path").count() == 7
    shoot(page, tmp_path, "timeline.png", to_docs=False)
    watch.assert_clean()


def test_claim_page_leads_to_its_sentence_and_the_accusations_it_answers(browser, server):
    page, watch = open_page(browser, server)
    page.goto(server + "/kb/claims/6")
    assert page.locator(".kb-claim-page h1").inner_text().split() == ["China", "denies", "China"]
    assert page.locator(".kb-related-claims li").count() == 5
    page.locator("a.kb-document-link").click()
    page.wait_for_url("**/kb/documents/china-denies-2021#claim-6")
    assert page.locator('.kb-text .kb-claim[data-claims~="6"]').count() == 1
    watch.assert_clean()


def test_home_page_numbers_and_sources_page(browser, server):
    page, watch = open_page(browser, server)
    page.goto(server + "/")
    numbers = page.locator(".kb-numbers")
    assert numbers.bounding_box()["y"] < 900 and "5 documents" in numbers.inner_text()
    page.locator("a", has_text="Sources and licences").first.click()
    page.wait_for_url("**/-/sources")
    assert page.locator("li[data-document-id]").count() == 5
    watch.assert_clean()


@pytest.mark.skipif(not SAVE_TO_DOCS, reason="set KB_SAVE_SCREENSHOTS=1 to refresh docs/*.png")
def test_screenshots_for_the_docs(browser, kb_path, tmp_path):
    source = Path(os.environ.get("KB_SCREENSHOT_DB") or kb_path)
    # served as /kb like `kb serve`, whatever the file is called
    db_path = tmp_path / "docs" / "kb.db"
    db_path.parent.mkdir()
    # the backup API also carries what is still in the source's WAL file
    with sqlite3.connect(source) as src, sqlite3.connect(db_path) as dst:
        src.backup(dst)
    with sqlite3.connect(db_path) as db:
        document = db.execute(
            "select document_id from claims group by document_id order by count(*) desc, document_id limit 1"
        ).fetchone()[0]
        actor = db.execute(
            "select id from actors a order by (select count(*) from claims c "
            "where c.claimant_id = a.id or c.subject_id = a.id) desc, a.id = 'CHN' desc limit 1"
        ).fetchone()[0]
    with running_datasette(db_path, tmp_path / "docs.log", *METADATA) as base:
        page, watch = open_page(browser, base)
        page.goto(f"{base}/kb/documents/{tilde_encode(document)}")
        shoot(page, tmp_path, "document-page.png")
        page.goto(f"{base}/kb/actors/{tilde_encode(actor)}")
        shoot(page, tmp_path, "actor-page.png")
        page.goto(f"{base}/-/timeline")
        # a KB without dated claims has nothing to draw
        drawn = '#timeline-chart:is([data-status="ready"], [data-status="empty"])'
        page.wait_for_selector(drawn, timeout=15_000)
        shoot(page, tmp_path, "timeline.png")
        page.goto(f"{base}/")
        shoot(page, tmp_path, "home-page.png")
        page.goto(f"{base}/kb/claims_about?actor={tilde_encode(actor)}")
        shoot(page, tmp_path, "claims-about.png")
        page.goto(f"{base}/-/claims-graph")
        page.wait_for_selector('#claims-graph[data-status="ready"]', timeout=30_000)
        shoot(page, tmp_path, "claims-graph-page.png")
        watch.assert_clean()
