"""An incident page names the first MAX_ACCUSED_LISTED actors each claimant accused and counts
the others: at a million claims a claimant of a much talked of operation accuses hundreds, and
listing them all made NotPetya's page 600 kB and 0.5 s to render."""

from __future__ import annotations

import re

from datasette.app import Datasette

from extract.records import Actor, Claim, Document
from kb.datasette_plugin.incident_view import MAX_ACCUSED_LISTED, MAX_CLAIMANTS, MAX_DENIALS
from kb.store import open_db, save_actors, save_documents

ACCUSED = [f"GROUP_{i:02d}" for i in range(MAX_ACCUSED_LISTED + 3)]


async def test_a_claimant_accusing_many_lists_the_first_and_counts_the_others(tmp_path):
    db = open_db(tmp_path / "kb.db")
    save_actors(db, [Actor("USA", "United States", "state", "USA")])
    save_actors(db, [Actor(a, a.title(), "group") for a in ACCUSED])
    sentences = [f"The US blamed {a} for NotPetya." for a in ACCUSED]
    text = " ".join(sentences)
    claims = [
        Claim("USA", "accuses", a, s, text.index(s), text.index(s) + len(s), "blamed")
        for a, s in zip(ACCUSED, sentences, strict=True)
    ]
    save_documents(db, [Document("us", text, published="2018-02-15", lang="en", claims=claims)])
    db.conn.close()
    page = (await Datasette([str(tmp_path / "kb.db")]).client.get("/kb/incidents/notpetya-2017")).text
    [member] = re.findall(r'<li class="kb-coalition-member" data-claimant="USA">(.*?)<ul>', page, re.S)
    assert len(re.findall(r"/kb/actors/GROUP_", member)) == MAX_ACCUSED_LISTED
    assert "and 3 others" in member


async def test_the_page_lists_the_first_claimants_and_denials_and_links_to_all_of_them(tmp_path):
    # more claimants and denials than the page lists: the first of each, in date order, and a
    # link to a page that lists every one
    n = max(MAX_CLAIMANTS, MAX_DENIALS) + 5
    states = [f"STATE_{i:02d}" for i in range(n)]
    db = open_db(tmp_path / "kb.db")
    save_actors(db, [Actor("RUS", "Russia", "state", "RUS"), Actor("GRU", "GRU", "agency", "RUS")])
    save_actors(db, [Actor(s, s.title(), "state", s) for s in states])
    documents = []
    for i, state in enumerate(states):
        accusation = f"{state.title()} blamed the GRU for NotPetya."
        denial = f"Russia denied any part in NotPetya, answering {state.title()}."
        text = f"{accusation} {denial}"
        claims = [
            Claim(state, "accuses", "GRU", accusation, 0, len(accusation), "blamed"),
            Claim(
                "RUS", "denies", "RUS", denial, text.index(denial), len(text), "denied", counterpart_id=state
            ),
        ]
        published = f"2018-{1 + i // 28:02d}-{1 + i % 28:02d}"
        documents.append(Document(f"doc-{i:02d}", text, published=published, lang="en", claims=claims))
    save_documents(db, documents)
    db.conn.close()
    ds = Datasette([str(tmp_path / "kb.db")])
    page = (await ds.client.get("/kb/incidents/notpetya-2017")).text
    listed = re.findall(r'<li class="kb-coalition-member" data-claimant="(\w+)"', page)
    assert listed == states[:MAX_CLAIMANTS]
    denials = re.search(r'<ul class="kb-incident-denials">(.*?)</ul>\s*<p>', page, re.S).group(1)
    assert len(re.findall(r'<li data-claim-id="\d+"><b>2018', denials)) == MAX_DENIALS
    assert f"claimants who attributed it: <b>{n}</b>" in page
    claimants_link, denials_link = re.findall(r'listed: <a href="([^"]+)">see them all</a>', page)
    everyone = await ds.client.get(
        claimants_link.replace("&amp;", "&").replace("?", ".json?") + "&_shape=array"
    )
    assert sorted(row["claimant_id"] for row in everyone.json()) == states
    every_denial = await ds.client.get(
        denials_link.replace("&amp;", "&").replace("?", ".json?") + "&_shape=array"
    )
    assert len(every_denial.json()) == n and {row["stance"] for row in every_denial.json()} == {"denies"}
