"""A real browser shows hostile evidence as text: no script runs, no request leaves 127.0.0.1.

Headless Debian Chromium through Playwright against a real ``kb serve``. The claim's
evidence is ``<img src=x onerror=alert(1)> ...``: escaped, it is visible text; unescaped, the
image would fail to load and ``alert`` would open a dialog.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from browser_support import BROWSER_MARKS
from hostile_kb import CLAIM_ID, SCRIPT_TEXT, XSS_EVIDENCE, build_hostile_kb, free_port, running_kb_serve

pytestmark = BROWSER_MARKS

# (path, the cell holding hostile text, the text it must show literally)
PAGES = [
    pytest.param("/kb/claims", "td.col-evidence", XSS_EVIDENCE, id="claims-table"),
    pytest.param(f"/kb/claims/{CLAIM_ID}", "td.col-evidence", XSS_EVIDENCE, id="claim-row"),
    pytest.param("/kb/claims?_search=Exchange", "td.col-evidence", XSS_EVIDENCE, id="claims-search"),
    pytest.param("/kb/documents/hostile-1", "td.col-text", SCRIPT_TEXT, id="document-row"),
]
GRAPH_PATH = "/-/claims-graph"
# after the network is idle: time for a failed image's onerror handler to fire (the control
# test below shows it is enough)
SETTLE_MS = 1000


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    db_path = build_hostile_kb(folder / "kb.db")
    with running_kb_serve(db_path, free_port()) as (url, _):
        yield url, folder


class PageWatch:
    """Opens a page and records dialogs, off-host requests and page errors."""

    def __init__(self, browser, base_url: str):
        self.base_host = urlparse(base_url).hostname
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.on("dialog", self._on_dialog)
        # every request is checked (and blocked) before it can leave the machine
        self.page.route("**/*", self._on_request)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _on_request(self, route) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host == self.base_host:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


def check_page(browser, base_url: str, folder: Path, name: str, path: str, selector: str) -> str:
    watch = PageWatch(browser, base_url)
    try:
        page = watch.page
        page.goto(base_url + path, wait_until="networkidle")
        page.wait_for_timeout(SETTLE_MS)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        text = page.locator(selector).first.inner_text()
        injected = page.locator("img[src='x']").count()
        body = page.inner_text("body")
    finally:
        watch.close()
    assert watch.dialogs == [], f"{path}: a script ran and opened {watch.dialogs}"
    assert watch.outside == [], f"{path}: requests left 127.0.0.1: {watch.outside}"
    assert injected == 0, f"{path}: the evidence became an <img> element"
    return text + "\n" + body


@pytest.mark.parametrize(("path", "selector", "literal"), PAGES)
def test_evidence_shown_as_text(served, browser, path, selector, literal, request):
    base_url, folder = served
    name = request.node.callspec.id
    text = check_page(browser, base_url, folder, name, path, selector)
    assert literal in text


def test_the_watch_would_see_an_injection(served, browser):
    """Control: the same markup left unescaped does open a dialog, so the checks above can fail."""
    base_url, _ = served
    watch = PageWatch(browser, base_url)
    try:
        watch.page.goto(base_url + "/-/versions")
        watch.page.evaluate("document.body.innerHTML += '<img src=x onerror=alert(1)>'")
        watch.page.wait_for_load_state("networkidle")
        watch.page.wait_for_timeout(SETTLE_MS)
    finally:
        watch.close()
    assert watch.dialogs == ["1"]


def test_graph_page_shows_evidence_as_text(served, browser):
    """The plugin's graph page: the actor list and the claims panel show names and evidence as text."""
    base_url, folder = served
    if httpx.get(base_url + GRAPH_PATH).status_code == 404:
        pytest.skip(f"the plugin serves no graph page at {GRAPH_PATH}")
    watch = PageWatch(browser, base_url)
    try:
        page = watch.page
        page.goto(base_url + GRAPH_PATH, wait_until="load")
        usa = page.locator("#claims-graph-node-list button[data-node-id='USA']")
        usa.wait_for(timeout=15000)
        button_text = usa.inner_text()
        usa.click()  # the claims panel lists USA's claims with their evidence
        evidence = page.locator("#claims-list blockquote.evidence")
        evidence.first.wait_for(timeout=15000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(SETTLE_MS)
        page.screenshot(path=str(folder / "graph.png"), full_page=True)
        shown = evidence.all_inner_texts()
        injected = page.locator("img[src='x'], #claims-list b, #claims-graph-node-list b").count()
    finally:
        watch.close()
    assert watch.dialogs == [], f"the graph page ran injected script: {watch.dialogs}"
    assert watch.outside == [], f"the graph page requested outside 127.0.0.1: {watch.outside}"
    assert injected == 0, "hostile markup became elements on the graph page"
    assert "United States <b>bold</b>" in button_text
    assert XSS_EVIDENCE in shown
