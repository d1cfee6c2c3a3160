"""The graph page in a real browser: a Datasette server and Debian's headless Chromium."""

import json
from urllib.parse import urlparse

import pytest
from browser_support import BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS, assert_labels_apart, running_datasette
from graph_kb import HOSTILE_EVIDENCE, N_NODES

pytestmark = BROWSER_MARKS


@pytest.fixture
def server(claims_kb, tmp_path):
    with running_datasette(claims_kb, tmp_path / "datasette.log") as base:
        yield base


@pytest.fixture
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        yield page
        browser.close()


def node_screen_position(page, node_id):
    return page.evaluate(
        """(id) => {
            const network = window.claimsGraph.network;
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.querySelector("#claims-graph canvas").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        node_id,
    )


def test_graph_page_in_a_browser(server, browser_page, tmp_path):
    page = browser_page
    errors, requests = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))

    page.goto(server + "/-/claims-graph")
    page.wait_for_selector('#claims-graph[data-status="ready"]', timeout=20000)
    assert page.get_attribute("#claims-graph", "data-node-count") == str(N_NODES)
    assert page.evaluate("window.claimsGraph.nodes.length") == N_NODES
    assert page.locator("#claims-graph-node-list button").count() == N_NODES

    # clicking APT31 on the canvas lists the five claims about it
    position = node_screen_position(page, "APT31")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_selector("#claims-list li.claim")
    assert page.text_content("#claims-title") == "Claims by or about APT31"
    page.wait_for_function("document.querySelectorAll('#claims-list li.claim').length === 5")
    assert "The NCSC attributes the campaign to APT31." in page.text_content("#claims-list")

    # the accessible list does the same; hostile evidence stays text
    page.click('#claims-graph-node-list button[data-node-id="CHN"]')
    page.wait_for_function("document.getElementById('claims-title').textContent.endsWith('China')")
    page.wait_for_function("document.querySelectorAll('#claims-list li.claim').length === 6")
    evidences = page.locator("#claims-list blockquote.evidence").all_text_contents()
    assert HOSTILE_EVIDENCE in evidences
    assert page.locator("#claims-list img").count() == 0
    assert page.evaluate("window.__pwned") is None

    page.screenshot(path=str(tmp_path / "claims-graph.png"), full_page=True)
    assert (tmp_path / "claims-graph.png").stat().st_size > 10_000

    assert not errors, errors
    outside = [
        url
        for url in requests
        if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).hostname != "127.0.0.1"
    ]
    assert not outside, outside


def test_actor_neighbourhood_and_filters_in_a_browser(server, browser_page):
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/-/claims-graph?actor=Zirconium&stance=accuses")
    page.wait_for_selector('#claims-graph[data-status="ready"]', timeout=20000)
    # APT31 and the four actors accusing it (GBR, NCSC_UK, USA, MICROSOFT)
    assert page.get_attribute("#claims-graph", "data-node-count") == "5"
    data = json.loads(page.evaluate("JSON.stringify(window.claimsGraph.data.actor_ids)"))
    assert data == ["APT31"]

    # the filter form reloads the page with its values
    page.select_option('select[name="stance"]', "denies")
    page.fill('input[name="actor"]', "")
    page.click('.claims-graph-filters button[type="submit"]')
    page.wait_for_url("**stance=denies**")
    page.wait_for_selector('#claims-graph[data-status="ready"]', timeout=20000)
    # China denies, drawn towards the US whose accusation it answers
    assert page.get_attribute("#claims-graph", "data-node-count") == "2"
    assert page.get_attribute("#claims-graph", "data-edge-count") == "1"

    page.goto(server + "/-/claims-graph?actor=Atlantis")
    page.wait_for_selector('#claims-graph[data-status="error"]', timeout=20000)
    assert "Atlantis" in page.text_content("#claims-graph-status")
    assert not errors, errors


def test_graph_layout_is_stable_and_labels_do_not_overlap(server, browser_page):
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    layouts = []
    for _ in range(2):
        page.goto(server + "/-/claims-graph")
        page.wait_for_selector('#claims-graph[data-status="ready"]', timeout=20000)
        positions = page.evaluate("JSON.stringify(window.claimsGraph.network.getPositions())")
        layouts.append({k: (round(v["x"]), round(v["y"])) for k, v in json.loads(positions).items()})
        assert_labels_apart(page)
    assert len(layouts[0]) == N_NODES and layouts[0] == layouts[1]
    # the list says what its numbers are
    assert "2 made, 5 received" in page.text_content('#claims-graph-node-list button[data-node-id="CHN"]')
    assert "Dot size: claims received" in " ".join(page.text_content(".claims-graph-legend").split())
    assert not errors, errors
