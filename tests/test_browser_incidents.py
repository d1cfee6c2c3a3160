"""The incident page and the graph's roll-up and denial edges in a real browser (Debian's
headless Chromium, a Datasette server on 127.0.0.1, no request elsewhere)."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
from browser_support import BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS, running_datasette

from extract.records import Actor, Claim, Document, Mention
from kb.store import open_db, save_actors, save_documents

pytestmark = BROWSER_MARKS

ACTORS = [
    Actor("USA", "United States", "state", "USA"),
    Actor("GBR", "United Kingdom", "state", "GBR"),
    Actor("AUS", "Australia", "state", "AUS"),
    Actor("RUS", "Russia", "state", "RUS"),
    Actor("GRU", "GRU", "agency", "RUS"),
    Actor("UKR", "Ukraine", "state", "UKR"),
]


def document(doc_id, published, sentence, claims, mentions=()):
    return Document(
        id=doc_id,
        text=sentence,
        title=f"Title of {doc_id}",
        publisher=f"Publisher of {doc_id}",
        published=published,
        lang="en",
        mentions=[Mention(a, w, sentence.index(w), sentence.index(w) + len(w)) for a, w in mentions],
        claims=[
            Claim(c, s, subj, sentence, 0, len(sentence), "cue", **extra) for c, s, subj, extra in claims
        ],
    )


@pytest.fixture
def incidents_kb(tmp_path):
    path = tmp_path / "kb.db"
    db = open_db(path)
    save_actors(db, ACTORS)
    joint = "The UK and Australia attributed NotPetya, which hit Ukraine, to Russia's GRU."
    save_documents(
        db,
        [
            document(
                "joint-2018",
                "2018-02-15",
                joint,
                [("GBR", "accuses", "GRU", {}), ("AUS", "accuses", "GRU", {})],
                mentions=[("GBR", "UK"), ("AUS", "Australia"), ("UKR", "Ukraine"), ("GRU", "GRU")],
            ),
            document(
                "us-2018", "2018-02-16", "The US blames Russia for NotPetya.", [("USA", "accuses", "RUS", {})]
            ),
            document(
                "russia-2018",
                "2018-02-20",
                "<script>window.__pwned = 1</script> Russia rejects the NotPetya accusations of the US.",
                [("RUS", "denies", "RUS", {"counterpart_id": "USA"})],
            ),
        ],
    )
    db.conn.close()
    return path


@pytest.fixture
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.errors, page.requests = [], []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
        page.on("request", lambda request: page.requests.append(request.url))
        yield page
        browser.close()


def only_local(requests: list[str]) -> list[str]:
    return [
        url
        for url in requests
        if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).hostname != "127.0.0.1"
    ]


def test_the_incident_page_tells_who_attributed_it_in_order(incidents_kb, tmp_path, page):
    with running_datasette(incidents_kb, tmp_path / "datasette.log") as base:
        page.goto(base + "/kb/incidents/notpetya-2017")
        assert page.text_content("h1.kb-title").startswith("NotPetya cyberattack")
        members = page.locator("li.kb-coalition-member")
        assert [members.nth(i).get_attribute("data-claimant") for i in range(members.count())] == [
            "AUS",
            "GBR",
            "USA",
        ]
        assert "1 days after the first" in members.nth(2).text_content()
        counts = " ".join(page.text_content("ul.kb-counts").split())
        # three accusations and a denial, from three sentences: the joint statement counts once
        assert (
            "claims: 4" in counts
            and "from sentences: 3" in counts
            and "claimants who attributed it: 3" in counts
        )
        denials = page.text_content("ul.kb-incident-denials")
        assert (
            "Russia denies" in denials
            and "same incident" in denials
            and "United States's accusation" in denials
        )
        assert page.evaluate("window.__pwned") is None  # the sentence is shown as text
        assert page.locator("ul.kb-incident-victims, p.kb-incident-victims").count() == 1
        # from a claim to its incident, and the incidents list faceted by kind and year
        page.click("li.kb-coalition-member >> nth=0 >> a:has-text('claim')")
        page.wait_for_url("**/kb/claims/**")
        page.click("a.kb-incident-link")
        page.wait_for_url("**/kb/incidents/notpetya-2017")
        page.goto(base + "/kb/incidents?_facet=kind&_facet=year")
        facets = page.text_content(".facet-results")
        assert "kind" in facets and "year" in facets and "espionage" in facets
        page.screenshot(path=str(tmp_path / "incident.png"), full_page=True)
    assert not page.errors, page.errors
    assert not only_local(page.requests), only_local(page.requests)


def test_the_graph_rolls_up_and_draws_denials_towards_their_accusers(incidents_kb, tmp_path, page):
    with running_datasette(incidents_kb, tmp_path / "datasette.log") as base:
        page.goto(base + "/-/claims-graph")
        page.wait_for_selector('#claims-graph[data-status="ready"]', timeout=20000)
        edges = json.loads(page.evaluate("JSON.stringify(window.claimsGraph.edges.get())"))
        assert not [e for e in edges if e["from"] == e["to"]], "a denial drawn as a loop"
        (denial,) = [e for e in edges if e["stance"] == "denies"]
        assert (denial["from"], denial["to"], denial["dashes"]) == ("RUS", "USA", True)
        nodes = json.loads(page.evaluate("JSON.stringify(window.claimsGraph.data.nodes)"))
        assert {n["id"] for n in nodes} == {"GBR", "AUS", "USA", "RUS", "GRU"}
        # the switch: the GRU is drawn as Russia
        page.check("#claims-graph-rollup")
        page.click('.claims-graph-filters button[type="submit"]')
        page.wait_for_url("**rollup=1**")
        page.wait_for_selector('#claims-graph[data-status="ready"]', timeout=20000)
        assert page.is_checked("#claims-graph-rollup")
        edges = json.loads(page.evaluate("JSON.stringify(window.claimsGraph.edges.get())"))
        pairs = {(e["from"], e["stance"], e["to"]) for e in edges}
        assert pairs == {
            ("GBR", "accuses", "RUS"),
            ("AUS", "accuses", "RUS"),
            ("USA", "accuses", "RUS"),
            ("RUS", "denies", "USA"),
        }
        assert page.get_attribute("#claims-graph", "data-node-count") == "4"
        # the claims behind a rolled-up arrow are the state's and its organs'
        page.click('#claims-graph-node-list button[data-node-id="RUS"]')
        page.wait_for_function("document.querySelectorAll('#claims-list li.claim').length === 4")
        assert "Russia's GRU" in page.text_content("#claims-list")
    assert not page.errors, page.errors
    assert not only_local(page.requests), only_local(page.requests)
