"""The researcher's view through a real Datasette: document, actor, timeline, guide, time_to_denial."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette
from researcher_kb import ACCUSATION_TEXT, EXPECTED_DENIAL_PAIRS, HOSTILE, build_researcher_kb

from kb.datasette_plugin.annotate import annotate

METADATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "metadata.yml").read_text())
STATIC = "/-/static-plugins/cyber_claims_kb/researcher"


@pytest.fixture
def kb_path(tmp_path):
    # the file is named kb.db so Datasette serves it as /kb, like `kb serve`
    return build_researcher_kb(tmp_path / "kb.db")


@pytest.fixture
def ds(kb_path):
    return Datasette([str(kb_path)], metadata=METADATA)


async def get_page(ds, path: str, status: int = 200) -> str:
    response = await ds.client.get(path)
    assert response.status_code == status, (path, response.text[:500])
    return response.text


class MarkupChecker(HTMLParser):
    """Collects the marks of the annotated text and checks that its tags nest properly."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.claim_ids: set[int] = set()
        self.anchors: list[str] = []
        self.mentions: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append(tag)
        if "data-claims" in attrs:
            self.claim_ids |= {int(i) for i in attrs["data-claims"].split()}
            assert tag == "span" and "mark" not in self.stack[:-1], "a claim span opened inside a mention"
        if attrs.get("class") == "kb-anchor":
            self.anchors.append(attrs["id"])
        if tag == "mark":
            self.mentions.append(attrs)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def article(page: str) -> str:
    found = re.search(r'<article class="kb-text"[^>]*>(.*?)</article>', page, re.S)
    assert found, "no annotated text on the page"
    return found.group(1)


def check_markup(fragment: str) -> MarkupChecker:
    checker = MarkupChecker()
    checker.feed(fragment)
    checker.close()
    assert checker.stack == []
    return checker


# ---------------------------------------------------------------- annotate (the pure part)


ACTORS = {"CHN": {"name": "China", "kind": "state"}, "USA": {"name": "United States", "kind": "state"}}


def test_annotate_nests_mentions_in_claims_and_escapes():
    text = "Intro. <b>US</b> blames China. Done."
    sentence = "<b>US</b> blames China."
    start = text.index(sentence)
    claims = [
        {
            "id": 1,
            "claimant_id": "USA",
            "stance": "accuses",
            "subject_id": "CHN",
            "evidence": sentence,
            "start_char": start,
            "end_char": start + len(sentence),
        },
    ]
    mentions = [
        {"actor_id": "USA", "start_char": text.index("US"), "end_char": text.index("US") + 2},
        {"actor_id": "CHN", "start_char": text.index("China"), "end_char": text.index("China") + 5},
    ]
    result = annotate(text, mentions, claims, ACTORS)
    checker = check_markup(str(result.html))
    assert checker.claim_ids == {1} and checker.anchors == ["claim-1"]
    assert [m["data-actor"] for m in checker.mentions] == ["USA", "CHN"]
    assert checker.mentions[1]["title"].startswith("China (state)")
    assert "<b>" not in str(result.html) and "&lt;b&gt;" in str(result.html)
    # the text reads the same once the marks are taken away
    plain = re.sub(r"<[^>]+>", "", str(result.html))
    assert plain.replace("&lt;", "<").replace("&gt;", ">") == text


def test_annotate_survives_crossing_and_broken_offsets():
    text = "Alpha beta gamma. Delta epsilon."
    claims = [
        {"id": 1, "stance": "accuses", "start_char": 0, "end_char": 17, "evidence": "x"},
        {"id": 2, "stance": "denies", "start_char": 6, "end_char": 32, "evidence": "x"},  # crosses claim 1
        {"id": 3, "stance": "denies", "start_char": None, "end_char": None, "evidence": "Delta epsilon."},
        {"id": 4, "stance": "accuses", "start_char": 50, "end_char": 90, "evidence": "not in the text"},
    ]
    mentions = [
        {"actor_id": "CHN", "start_char": 11, "end_char": 24},  # crosses the end of claim 1
        {"actor_id": "USA", "start_char": 12, "end_char": 14},  # inside the previous one
        {"actor_id": "USA", "start_char": 30, "end_char": 99},  # outside the text
    ]
    result = annotate(text, mentions, claims, ACTORS)
    checker = check_markup(str(result.html))
    assert checker.claim_ids == {1, 2, 3}
    assert result.located_claims == {1, 2, 3} and result.unlocated_claims == (4,)
    assert result.dropped_mentions == 1
    assert 'data-stance="mixed"' in str(result.html)
    assert re.sub(r"<[^>]+>", "", str(result.html)) == text


# ---------------------------------------------------------------- static files


async def test_vendored_chart_library_is_served_locally(ds):
    for name, marker in (
        ("vega.min.js", "vega"),
        ("vega-lite.min.js", "vega"),
        ("vega-embed.min.js", "vegaEmbed"),
    ):
        response = await ds.client.get(f"{STATIC}/{name}")
        assert response.status_code == 200, name
        assert marker in response.text[:2000]
        assert "sourceMappingURL" not in response.text[-300:]
    for name in ("timeline.js", "researcher.css"):
        assert (await ds.client.get(f"{STATIC}/{name}")).status_code == 200


# ---------------------------------------------------------------- document page


async def test_document_page_marks_every_mention_and_claim(ds, kb_path):
    db = sqlite_utils.Database(kb_path)
    claim_ids = {r["id"] for r in db.query("select id from claims where document_id = 'uk-accuses-2021'")}
    page = await get_page(ds, "/kb/documents/uk-accuses-2021")
    checker = check_markup(article(page))
    assert checker.claim_ids == claim_ids
    assert len(checker.anchors) == len(claim_ids)
    # 12 mentions, one nested in another: 11 marks, every actor of the document among them
    assert len(checker.mentions) == 11
    assert {m["data-actor"] for m in checker.mentions} == {
        "GBR",
        "MSS",
        "MICROSOFT",
        "APT31",
        "EU",
        "USA",
        "CHN",
    }
    beijing = next(m for m in checker.mentions if m["data-actor"] == "CHN")
    assert beijing["title"] == "China (state) · CHN" and beijing["data-kind"] == "state"
    # two claims on the first sentence share one span
    assert 'data-claims="1 2"' in page
    # header: source, publisher, date, language
    assert 'href="https://example.org/uk-2021"' in page
    for value in ("Example Gov", "2021-07-19", "<dd>en</dd>"):
        assert value in page
    # side list: one item per claim, each linking its claimant and subject
    assert page.count('class="kb-claim-item') == len(claim_ids)
    assert '<a href="/kb/actors/MSS" title="agency">Ministry of State Security</a>' in page
    assert 'href="#claim-4"' in page


async def test_document_page_escapes_hostile_text(ds):
    page = await get_page(ds, "/kb/documents/uk-accuses-2021")
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in article(page)
    page = await get_page(ds, "/kb/documents/china-denies-2021")
    assert "<b>Example Embassy</b>" not in page and "&lt;b&gt;Example Embassy&lt;/b&gt;" in page
    # a javascript: address is shown, never linked
    assert 'href="javascript:' not in page
    assert "javascript:alert(&#39;url&#39;)" in page


async def test_document_page_falls_back_on_unknown_document(ds):
    await get_page(ds, "/kb/documents/no-such-document", status=404)


# ---------------------------------------------------------------- actor page


async def test_actor_page_sections(ds):
    page = await get_page(ds, "/kb/actors/CHN")
    assert '<h1 class="kb-title">China <span class="kb-kind">state</span></h1>' in page
    # aliases: how often each is written, and by which publisher
    aliases = page.split('id="kb-aliases"')[1].split('id="kb-claims"')[0]
    assert re.search(r"<td>Beijing</td>\s*<td>4</td>", aliases)
    assert "Example Gov (1)" in aliases and "Example Blog (1)" in aliases
    assert "not met in the corpus): Chine, Pékin" in aliases
    # claims grouped by counterpart, the biggest group first
    counterparts = re.findall(r'class="kb-counterpart" data-counterpart="([^"]*)"', page)
    assert counterparts[0] == "USA" and set(counterparts) == {"USA", "EU", "GBR", ""}
    claims = page.split('id="kb-claims"')[1].split('id="kb-denials"')[0]
    assert len(re.findall(r'data-claim-id="(\d+)"', claims)) == 7
    # denials, each with the accusations it answers, why, and the delay: the 2021 denial answers
    # the accusations against China, its MSS and APT31 of the 30 days before; the 2024 one, which
    # names the US, the US indictment of the day before (of China and of APT31), not 2021's
    denials = page.split('id="kb-denials"')[1].split('id="kb-documents"')[0]
    assert re.findall(r'data-denial-id="(\d+)"', denials) == ["6", "10"]
    answered = re.findall(r'data-accusation-id="(\d+)"', denials)
    assert answered == ["1", "2", "3", "4", "5", "8", "9"]
    assert re.findall(r'data-reason="(\w+)"', denials) == ["window"] * 5 + ["named"] * 2
    assert "/kb/documents/uk-accuses-2021#claim-2" in denials
    assert (
        '<span class="kb-days">3 days</span>' in denials and '<span class="kb-days">1 day</span>' in denials
    )
    # links to the neighbourhood graph, the timeline and the documents
    assert 'href="/-/claims-graph?actor=CHN"' in page
    assert 'href="/-/timeline?actor=CHN"' in page
    documents = page.split('id="kb-documents"')[1]
    assert documents.count('href="/kb/documents/') == 5


async def test_actor_page_escapes_evidence(ds):
    page = await get_page(ds, "/kb/actors/USA")
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=alert(1)&gt; Washington blames Beijing" in page


async def test_actor_page_of_a_person_lists_claims_it_voiced(ds):
    page = await get_page(ds, "/kb/actors/ZHAO_LIJIAN")
    assert "claims it voiced as speaker: <b>2</b>" in page
    assert 'href="/kb/actors/CHN">China</a>' in page


# ---------------------------------------------------------------- timeline


async def test_timeline_json_whole_kb(ds, kb_path):
    data = (await ds.client.get("/-/timeline.json")).json()
    assert data["ok"] and data["actor"] is None
    by_month = {(m["month"], m["series"]): m["n"] for m in data["months"]}
    assert by_month == {
        ("2021-07", "accuses"): 6,
        ("2021-07", "denies"): 1,
        ("2024-03", "accuses"): 2,
        ("2024-03", "denies"): 1,
    }
    db = sqlite_utils.Database(kb_path)
    assert data["n_claims_dated"] + data["n_claims_undated"] == db["claims"].count
    assert data["n_claims_undated"] == 1
    assert data["series"] == ["accuses", "denies"]
    pairs = {(d["denial_id"], d["accusation_id"]): d["days"] for d in data["denials"]}
    # China's 2021 denial answers the accusations of China and of its MSS (1) and APT31 (3) of the
    # 30 days before; its 2024 one, naming the US, the US indictment of the day before (8, 9)
    assert pairs == {(6, 1): 3, (6, 2): 3, (6, 3): 3, (6, 4): 3, (6, 5): 3, (10, 8): 1, (10, 9): 1}


@pytest.mark.parametrize("actor", ["CHN", "chn", "Pékin", "pekin", "China"])
async def test_timeline_json_per_actor(ds, actor):
    data = (await ds.client.get(f"/-/timeline.json?actor={actor}")).json()
    assert data["actor"]["id"] == "CHN"
    by_month = {(m["month"], m["series"]): m["n"] for m in data["months"]}
    assert by_month == {
        ("2021-07", "accused by others"): 3,
        ("2021-07", "accuses"): 1,
        ("2021-07", "denies"): 1,
        ("2024-03", "accused by others"): 1,
        ("2024-03", "denies"): 1,
    }
    assert data["median_days_to_denial"] == 3


async def test_timeline_unknown_actor_is_a_clear_400(ds):
    response = await ds.client.get("/-/timeline.json?actor=Atlantis")
    assert response.status_code == 400 and "Atlantis" in response.json()["error"]
    page = await get_page(ds, "/-/timeline?actor=Atlantis", status=400)
    assert 'id="timeline-error"' in page and "Atlantis" in page


async def test_timeline_page_uses_only_local_scripts_and_embeds_safe_data(ds):
    page = await get_page(ds, "/-/timeline?actor=USA")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "timeline.js"):
        assert f"{STATIC}/{name}" in scripts
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts)
    assert 'id="timeline-chart"' in page
    data_block = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert data_block and "<" not in data_block.group(1)
    rows = re.findall(r'<tr data-denial-id="(\d+)" data-accusation-id="(\d+)">', page)
    assert rows == [("10", "8"), ("10", "9"), ("6", "5")]


# ---------------------------------------------------------------- time_to_denial and the guide


async def test_time_to_denial_days_are_the_difference_of_the_dates(ds, kb_path):
    response = await ds.client.get("/kb/time_to_denial.json?_shape=array")
    assert response.status_code == 200
    rows = response.json()
    assert rows, "time_to_denial returned no row"
    got = {}
    for row in rows:
        denial_date = date.fromisoformat(row["denial_published"][:10])
        accusation_date = date.fromisoformat(row["accusation_published"][:10])
        assert row["days"] == (denial_date - accusation_date).days
        got[(row["denial_document_id"], row["accusation_document_id"], row["accuser_id"])] = row["days"]
    assert got == EXPECTED_DENIAL_PAIRS
    assert [row["days"] for row in rows] == sorted(row["days"] for row in rows)


@pytest.mark.parametrize("path", ["/", "/kb"])
async def test_home_and_database_pages_explain_the_kb(ds, path):
    page = await get_page(ds, path)
    guide = page.split('id="kb-guide"')[1].split("</section>")[0]
    assert "What this knowledge base holds" in page
    assert 'href="/-/claims-graph"' in guide and 'href="/-/timeline"' in guide
    queries = re.findall(r'href="/kb/([a-z_]+)[?"]', guide.split("kb-guide-queries")[1])
    assert queries == [
        "who_accuses_whom",
        "claims_about",
        "actor_profile",
        "denials",
        "time_to_denial",
        "counter_accusations",
    ]


def test_hostile_text_of_the_fixture_is_in_the_kb():
    # guards the escaping tests: the hostile sentence really is in a stored text
    assert HOSTILE in ACCUSATION_TEXT


async def test_every_researcher_page_escapes_the_hostile_kb(tmp_path):
    from hostile_kb import build_hostile_kb

    path = tmp_path / "kb.db"
    build_hostile_kb(path)
    ds = Datasette([str(path)], metadata=METADATA)
    raw = ("<script>alert(", "<iframe", "<img src=x", "<b>bold</b>", "<b>Publisher</b>")
    pages = ("/", "/kb", "/kb/documents/hostile-1", "/kb/actors/USA", "/kb/actors/CHN", "/-/timeline")
    for url in (*pages, "/-/sources"):
        page = await get_page(ds, url)
        for text in raw:
            assert text not in page, (url, text)
    page = await get_page(ds, "/kb/documents/hostile-1")
    checker = check_markup(article(page))
    assert checker.claim_ids == {1, 2}
    plain = re.sub(r"<[^>]+>", "", article(page))
    assert plain.startswith("&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;&lt;iframe")
    assert "United States &lt;b&gt;bold&lt;/b&gt; (state)" in page


# ---------------------------------------------------------------- canned query pages


async def test_canned_query_hides_its_sql_and_offers_its_parameters(ds):
    page = await get_page(ds, "/kb/claims_about?actor=pekin")
    assert 'id="sql-query"' not in page and "with target as" not in page
    assert 'list="kb-actor-suggestions"' in page and '<option value="CHN">China</option>' in page
    # the rows link their actors, their document at the claim's sentence, and the claim
    rows = page.split('class="rows-and-columns kb-query-rows"')[1]
    assert '<a href="/kb/actors/USA">United States</a>' in rows
    assert re.search(r'<a href="/kb/documents/uk-accuses-2021#claim-\d+">UK and allies', rows)
    assert re.search(r'<a href="/kb/claims/\d+">\d+</a>', rows)
    shown = await get_page(ds, "/kb/claims_about?actor=pekin&_show_sql=1")
    assert 'id="sql-query"' in shown and "kb_fold(:actor)" in shown
    stance = await get_page(ds, "/kb/who_accuses_whom")
    assert '<select name="stance">' in stance and '<option value="denies">denials</option>' in stance
    # without an actor: a hint and examples, not a bare "0 results"
    empty = await get_page(ds, "/kb/claims_about")
    assert "Give an actor above" in empty and 'href="/kb/claims_about?actor=CHN"' in empty


async def test_claims_about_lists_dated_claims_first(ds):
    rows = (await ds.client.get("/kb/claims_about.json?_shape=array&actor=APT31")).json()
    dates = [row["published"] for row in rows]
    assert dates[-1] is None and all(dates[:-1])
    assert dates[:-1] == sorted(dates[:-1], reverse=True)


# ---------------------------------------------------------------- tables and rows


async def test_claim_page_links_its_document_sentence_actors_and_answers(ds):
    page = await get_page(ds, "/kb/claims/6")  # China's denial, answering five accusations
    assert 'class="kb-claim-page kb-stance-denies"' in page
    assert 'href="/kb/documents/china-denies-2021#claim-6"' in page
    for actor in ("CHN", "ZHAO_LIJIAN"):
        assert f'href="/kb/actors/{actor}"' in page
    answered = page.split("Accusations it answers")[1]
    assert set(re.findall(r'href="/kb/claims/(\d+)"', answered)) == {"1", "2", "3", "4", "5"}
    assert "within the window before the denial" in answered
    accusation = await get_page(ds, "/kb/claims/5")
    assert "Denials answering it" in accusation and 'href="/kb/claims/6"' in accusation
    # the raw row stays one click away
    assert 'class="kb-raw-row"' in page


async def test_incidents_list_leaves_out_aliases_and_uuid(ds):
    page = await get_page(ds, "/kb/incidents")
    headers = re.findall(r'<th[^>]* class="col-([a-z_0-9]+)"', page)
    assert {"name", "kind", "year"} <= set(headers)
    assert not {"aliases", "ref"} & set(headers)
    assert 'class="col-aliases"' in await get_page(ds, "/kb/incidents?_col=aliases&_col=name")
    row = (await ds.client.get("/kb/incidents/notpetya-2017.json?_shape=objects")).json()["rows"][0]
    assert row["aliases"] and row["ref"]


async def test_documents_list_leaves_out_text_and_hash_and_counts_claims(ds):
    page = await get_page(ds, "/kb/documents")
    headers = re.findall(r'<th[^>]* class="col-([a-z_0-9]+)"', page)
    assert {"title", "n_claims", "n_mentions"} <= set(headers)
    assert not {"text", "sha256"} & set(headers)
    assert ACCUSATION_TEXT[60:120] not in page
    # asked for, the columns come back; the JSON API is untouched
    assert 'class="col-text"' in await get_page(ds, "/kb/documents?_col=text&_col=title")
    row = (await ds.client.get("/kb/documents/uk-accuses-2021.json?_shape=objects")).json()["rows"][0]
    assert row["text"] == ACCUSATION_TEXT and (row["n_claims"], row["n_mentions"]) == (5, 12)


def test_referring_phrases_are_not_names():
    from kb.datasette_plugin.actor_view import is_referring_phrase

    for phrase in ("ce groupe", "Le groupe", "the Organisation", "porte-parole", "These hackers"):
        assert is_referring_phrase(phrase, known=False), phrase
    for name in ("Putin", "Russian Intelligence", "Pékin", "美国"):
        assert not is_referring_phrase(name, known=False), name
    assert not is_referring_phrase("la Chine", known=True)


def test_publishers_are_named_without_their_notes():
    from kb.datasette_plugin.common import short_label

    spellings = [
        "Voice of America (VOA News)",
        "Voice of America (VOA News; read in a gopher archive of the VOA headlines feed)",
        "Voice of America (VOA, English; read in a verbatim republication at example.org)",
    ]
    assert {short_label(s) for s in spellings} == {"Voice of America"}
    assert short_label("Wikipédia (français), lu dans le miroir Wikimonde") == "Wikipédia"
    assert short_label("Example Gov") == "Example Gov"


# ---------------------------------------------------------------- home page and sources


async def test_home_page_gives_the_numbers_of_the_kb(ds):
    page = await get_page(ds, "/")
    numbers = page.split('class="kb-numbers">')[1].split("</p>")[0]
    numbers = " ".join(re.sub(r"<[^>]+>", "", numbers).split())
    assert "5 documents published from 2021-07-19 to 2024-03-26 (1 undated, 20%)" in numbers
    assert "11 claims: 9 accusations and 2 denials (9% from undated documents)" in numbers
    assert "7 actors making or receiving them" in numbers
    # the licence line speaks of the texts and leads to their sources and credit lines
    assert 'href="/-/sources">Each text under its own open licence' in page
    assert 'href="/-/sources">Sources and licences</a>' in page


async def test_sources_page_lists_every_document_with_its_licence_and_credit(ds, kb_path):
    db = sqlite_utils.Database(kb_path)
    db["documents"].update(
        "uk-accuses-2021", {"license": "Open Government Licence v3.0", "attribution": "Crown copyright"}
    )
    page = await get_page(ds, "/-/sources")
    listed = re.findall(r'<li data-document-id="([^"]+)">', page)
    assert sorted(listed) == sorted(r["id"] for r in db.query("select id from documents"))
    section = page.split("<h2>Open Government Licence v3.0")[1].split("</section>")[0]
    assert 'href="/kb/documents/uk-accuses-2021"' in section and "Credit: Crown copyright" in section
    assert 'href="https://example.org/uk-2021"' in section
    assert 'href="javascript' not in page  # a stored javascript: address is never a link
    notes = await ds.client.get("/-/sources.md")
    assert notes.status_code == 200 and "seed-fr-chine-dement" in notes.text


async def test_an_actor_page_counts_each_sentence_once(ds):
    # the UK's statement names the MSS and China in one sentence: two claims, one sentence
    page = await get_page(ds, "/kb/actors/GBR")
    counts = " ".join(page.split('class="kb-counts"')[1].split("</ul>")[0].split())
    assert re.search(r"accuses others: <b>3</b> <small[^>]*>\(from 2 sentences\)", counts)


async def test_a_document_page_says_where_its_date_comes_from_or_why_it_has_none(ds):
    page = await get_page(ds, "/kb/documents/microsoft-undated")
    published = page.split("<dt>Published</dt>")[1].split("</dd>")[0]
    assert "undated" in published
