"""An incident page names the first MAX_ACCUSED_LISTED actors each claimant accused and counts
the others: at a million claims a claimant of a much talked of operation accuses hundreds, and
listing them all made NotPetya's page 600 kB and 0.5 s to render."""

from __future__ import annotations

import re

from datasette.app import Datasette

from extract.records import Actor, Claim, Document
from kb.datasette_plugin.incident_view import MAX_ACCUSED_LISTED
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
