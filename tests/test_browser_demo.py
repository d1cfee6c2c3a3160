"""The researcher's pages on the demo KB (data/articles through the real extractor), in Chromium."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from browser_support import BROWSER_MARKS, assert_labels_apart, running_datasette
from datasette.utils import tilde_encode
from test_browser_researcher import open_page

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "seed-fr-chine-dement"

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def demo_server(demo_kb, tmp_path_factory):
    log = tmp_path_factory.mktemp("demo-log") / "datasette.log"
    with running_datasette(demo_kb, log, "-m", str(ROOT / "metadata.yml")) as base:
        yield base


def test_seed_page_marks_its_actors_and_claims(browser, demo_server, demo_kb, tmp_path):
    with sqlite3.connect(demo_kb) as db:
        n_claims = db.execute("select count(*) from claims where document_id = ?", [SEED_ID]).fetchone()[0]
        actors = {r[0] for r in db.execute("select actor_id from mentions where document_id = ?", [SEED_ID])}
    assert n_claims >= 9 and {"CHN", "USA", "APT31", "HAFNIUM", "MSS"} <= actors
    page, watch = open_page(browser, demo_server)
    page.goto(f"{demo_server}/kb/documents/{tilde_encode(SEED_ID)}")
    marked_claims = page.evaluate(
        """() => new Set([...document.querySelectorAll('.kb-text .kb-claim[data-claims]')]
                  .flatMap(e => e.dataset.claims.split(' '))).size"""
    )
    assert marked_claims == n_claims
    assert page.locator(".kb-side .kb-claim-item").count() == n_claims
    marked_actors = set(
        page.evaluate(
            "() => [...document.querySelectorAll('.kb-text mark.kb-mention')].map(m => m.dataset.actor)"
        )
    )
    assert marked_actors == actors
    # the actors it names are above the fold, each a link to its page
    named = page.locator(".kb-actors-named")
    assert named.bounding_box()["y"] < 900
    assert named.locator("a[href*='/kb/actors/']").count() == len(actors)
    page.screenshot(path=str(tmp_path / "seed-page.png"))
    watch.assert_clean()


def test_china_page_lists_its_claims_and_the_accusations_its_denials_answer(
    browser, demo_server, demo_kb, tmp_path
):
    with sqlite3.connect(demo_kb) as db:
        n_denials = db.execute(
            "select count(*) from claims where claimant_id = 'CHN' and stance = 'denies'"
        ).fetchone()[0]
    assert n_denials >= 2
    page, watch = open_page(browser, demo_server)
    page.goto(f"{demo_server}/kb/actors/CHN")
    assert page.locator(".kb-counterpart .kb-claim-item").count() >= 5
    assert page.locator(".kb-denial").count() == n_denials
    assert page.locator(".kb-denial .kb-answers").count() >= 1
    page.screenshot(path=str(tmp_path / "chn-page.png"))
    watch.assert_clean()


def test_timeline_of_the_demo_kb_renders_offline(browser, demo_server, tmp_path):
    page, watch = open_page(browser, demo_server)
    page.goto(f"{demo_server}/-/timeline")
    page.wait_for_selector('#timeline-chart[data-status="ready"]', timeout=20_000)
    assert page.locator("#timeline-chart svg .mark-rect path").count() >= 5
    page.screenshot(path=str(tmp_path / "timeline.png"))
    watch.assert_clean()


def test_every_question_of_the_home_page_answers_above_the_fold(browser, demo_server, tmp_path):
    page, watch = open_page(browser, demo_server)
    page.goto(demo_server + "/")
    links = page.eval_on_selector_all(".kb-guide-queries a", "as => as.map(a => a.getAttribute('href'))")
    assert len(links) == 6
    for href in links:
        page.goto(demo_server + href)
        name = href.split("?")[0].rsplit("/", 1)[-1]
        # no SQL on the page, rows in the first 900 pixels
        assert page.locator("#sql-query, textarea#sql-editor").count() == 0, name
        first_row = page.locator("table.rows-and-columns tbody tr").first
        assert first_row.count() == 1, f"{name}: no row"
        assert first_row.bounding_box()["y"] < 900, name
        # the ids in the rows are links to the actors' and documents' pages
        actor_links = page.locator("table.rows-and-columns tbody a[href*='/kb/actors/']").count()
        assert actor_links >= 1, name
        if name not in ("who_accuses_whom", "counter_accusations", "actor_profile"):
            assert page.locator("table.rows-and-columns tbody a[href*='/kb/documents/']").count() >= 1, name
        # the evidence is wrapped, not squeezed: a column at least 20em wide, starting on screen
        evidence = page.locator("table.rows-and-columns tbody td[class*='evidence']").first
        if evidence.count():
            box = evidence.bounding_box()
            assert box["x"] < 900 and box["width"] > 300, (name, box)
        page.screenshot(path=str(tmp_path / f"{name}.png"))
    # the SQL is one click away
    page.locator("a.kb-show-sql").click()
    page.wait_for_url("**_show_sql=1**")
    assert page.locator("#sql-query").count() == 1
    watch.assert_clean()


def test_the_documents_table_is_short(browser, demo_server, tmp_path):
    page, watch = open_page(browser, demo_server)
    page.goto(demo_server + "/kb/documents")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, height
    headers = page.eval_on_selector_all("table.rows-and-columns th", "ths => ths.map(t => t.dataset.column)")
    assert not {"text", "sha256"} & set(headers)
    assert {"title", "n_claims", "n_mentions"} <= set(headers)
    # the publishers are named without their notes
    publishers = page.eval_on_selector_all("td.col-publisher", "tds => tds.map(t => t.textContent.trim())")
    assert "Voice of America" in publishers and not any("read in" in p for p in publishers)
    page.screenshot(path=str(tmp_path / "documents.png"))
    watch.assert_clean()


def test_the_demo_graph_is_drawn_with_labels_apart(browser, demo_server, tmp_path):
    page, watch = open_page(browser, demo_server)
    page.goto(demo_server + "/-/claims-graph")
    page.wait_for_selector('#claims-graph[data-status="ready"]', timeout=30_000)
    assert int(page.get_attribute("#claims-graph", "data-node-count")) >= 10
    assert_labels_apart(page)
    page.screenshot(path=str(tmp_path / "graph.png"))
    watch.assert_clean()


def test_the_timeline_axes_count_whole_claims_and_days(browser, demo_server):
    page, watch = open_page(browser, demo_server)
    page.goto(demo_server + "/-/timeline")
    page.wait_for_selector('#timeline-chart[data-status="ready"]', timeout=20_000)
    ticks = page.eval_on_selector_all(
        "#timeline-chart svg .role-axis-label text, #delay-chart svg .role-axis-label text",
        "ts => ts.map(t => t.textContent)",
    )
    numbers = [t.replace(",", "") for t in ticks if t.replace(",", "").replace("-", "").isdigit() or "." in t]
    assert numbers and not [t for t in numbers if "." in t], ticks
    watch.assert_clean()
