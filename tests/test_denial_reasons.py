"""A denial answers an accusation only for a stated reason (kb/denials.py)."""

from __future__ import annotations

import pytest

from extract.records import Actor, Claim, Document
from kb.datasette_plugin.common import KB_METADATA
from kb.denials import refresh_denial_answers, set_window_days
from kb.store import open_db, save_actors, save_documents

ACTORS = [
    Actor("USA", "United States", "state", "USA"),
    Actor("GBR", "United Kingdom", "state", "GBR"),
    Actor("RUS", "Russia", "state", "RUS"),
    Actor("GRU", "GRU", "agency", "RUS"),
]


def doc(doc_id, published, *claims, text=None):
    sentence = text or f"Sentence of {doc_id}."
    return Document(
        id=doc_id,
        text=sentence,
        published=published,
        lang="en",
        claims=[
            Claim(c, s, subj, sentence, 0, len(sentence), "cue", **extra) for c, s, subj, extra in claims
        ],
    )


def story_documents() -> list[Document]:
    return [
        # the 2016 election: accused and denied in one article
        doc("report-2016", "2016-12-30", ("USA", "accuses", "RUS", {}), ("RUS", "denies", "RUS", {})),
        # NotPetya: the UK accuses the GRU; Russia denies NotPetya three weeks later
        doc(
            "uk-2018",
            "2018-02-15",
            ("GBR", "accuses", "GRU", {}),
            text="The UK blames the GRU for NotPetya.",
        ),
        doc("russia-2018", "2018-03-08", ("RUS", "denies", "RUS", {}), text="Russia denies NotPetya."),
        # a US accusation about another operation, then a Russian denial naming the US
        doc(
            "us-2018",
            "2018-07-13",
            ("USA", "accuses", "GRU", {}),
            text="The US indicts the GRU for the DNC hack.",
        ),
        doc("russia-2018-07", "2018-07-14", ("RUS", "denies", "RUS", {"counterpart_id": "USA"})),
        # a denial naming no one, 10 days after an accusation that names no incident
        doc("uk-2020", "2020-10-12", ("GBR", "accuses", "RUS", {})),
        doc("russia-2020", "2020-10-22", ("RUS", "denies", "RUS", {})),
        # and one 45 days after: outside the 30-day window
        doc("uk-2021", "2021-01-01", ("GBR", "accuses", "RUS", {})),
        doc("russia-2021", "2021-02-15", ("RUS", "denies", "RUS", {})),
    ]


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "kb.db")
    save_actors(database, ACTORS)
    save_documents(database, story_documents())
    yield database
    database.conn.close()


def pairs(db):
    return {
        (r["denial_document_id"], r["accusation_document_id"]): (r["reason"], r["days_between"])
        for r in db.query("SELECT * FROM denials_answering")
    }


def test_every_pair_has_its_reason(db):
    assert pairs(db) == {
        ("report-2016", "report-2016"): ("same_document", 0),
        ("russia-2018", "uk-2018"): ("same_incident", 21),
        ("russia-2018-07", "us-2018"): ("named", 1),
        ("russia-2020", "uk-2020"): ("window", 10),
    }
    # never an accusation published after the denial, nor one about another known incident:
    # Russia's NotPetya denial does not answer the DNC indictment, its 2016 denial nothing later
    assert all(reason for reason, _ in pairs(db).values())


def test_the_window_is_an_option_kept_in_the_kb(db):
    set_window_days(db, 60)
    refresh_denial_answers(db)
    assert pairs(db)[("russia-2021", "uk-2021")] == ("window", 45)
    assert ("russia-2021", "uk-2020") not in pairs(db)  # 126 days
    with pytest.raises(ValueError):
        set_window_days(db, -1)


def test_time_to_denial_leaves_out_pairs_reported_together_unless_asked(db):
    sql = KB_METADATA["queries"]["time_to_denial"]["sql"]
    rows = [dict(r) for r in db.query(sql, {"include_same_document": ""})]
    assert {r["reason"] for r in rows} == {"same_incident", "named", "window"}
    assert [r["days"] for r in rows] == [1, 10, 21]
    everything = [dict(r) for r in db.query(sql, {"include_same_document": "1"})]
    assert [r["reason"] for r in everything][0] == "same_document" and len(everything) == 4


def test_replacing_a_document_keeps_the_pairs_right(db):
    save_documents(
        db, [doc("russia-2020", "2020-10-22", ("RUS", "denies", "RUS", {"counterpart_id": "USA"}))]
    )
    assert ("russia-2020", "uk-2020") not in pairs(db)  # it now names the US, who accused no one then
    save_documents(db, [doc("russia-2020", "2020-10-22", ("RUS", "denies", "RUS", {}))])
    assert pairs(db)[("russia-2020", "uk-2020")] == ("window", 10)


def test_documents_stored_one_by_one_in_any_order_give_the_pairs_of_a_full_rebuild(tmp_path):
    """Each stored batch rebuilds the pairs it may change, so an ingest needs no rebuild of the
    whole KB at its end (at a million claims that took minutes)."""
    database = open_db(tmp_path / "kb.db")
    save_actors(database, ACTORS)
    for document in reversed(story_documents()):  # denials stored before what they answer
        save_documents(database, [document])
    one_by_one = pairs(database)
    refresh_denial_answers(database)
    assert one_by_one == pairs(database) and len(one_by_one) == 4
