"""Incidents: the curated list, how a claim is linked to an incident and its victim, the
attributions view, first_attribution and incident_profile, near-duplicate documents, exports."""

from __future__ import annotations

import json
import random
import re
import sqlite3

import pytest

from extract.claims.lexicon import LEXICON_DIR
from extract.gazetteer import load_gazetteer
from extract.records import Actor, Claim, Document, Mention
from kb import incidents
from kb.datasette_plugin.common import KB_METADATA
from kb.duplicates import mark_duplicates
from kb.graph import load_graph
from kb.store import open_db, save_actors, save_documents

CURATED = incidents.read_curated()


# ---------------------------------------------------------------- the curated list


def test_the_curated_list_holds_at_least_80_operations_of_2007_2025_with_french_names():
    in_range = [r for r in CURATED if r["started"] and 2007 <= int(r["started"][:4]) <= 2025]
    assert len(in_range) >= 80
    assert all(r["name"] and r["name_fr"] and r["kind"] in incidents.KINDS for r in CURATED)
    for wanted in (
        "notpetya-2017", "wannacry-2017", "solarwinds-2020", "exchange-2021", "bundestag-2015",
        "dnc-2016", "viasat-2022", "volt-typhoon", "salt-typhoon-2024", "ghostwriter", "cloud-hopper",
        "sony-pictures-2014", "opm-2015", "bangladesh-bank-2016", "olympic-destroyer-2018",
        "colonial-pipeline-2021", "kaseya-2021",
    ):  # fmt: skip
        assert wanted in {r["id"] for r in CURATED}


def test_every_victim_is_a_known_actor_and_every_name_belongs_to_one_incident():
    known = set(load_gazetteer().actors)
    for record in CURATED:
        assert set(json.loads(record["victims"])) <= known, record["id"]
    owners: dict[str, set[str]] = {}
    for record in CURATED:
        for name in incidents.names_of(record):
            owners.setdefault(incidents.key(name), set()).add(record["id"])
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared, f"names shared by several incidents: {shared}"


def test_references_are_galaxy_uuids_and_attack_campaign_ids():
    for record in CURATED:
        if record["ref"]:
            assert re.fullmatch(
                r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", record["ref"]
            )
        if record["attack_id"]:
            assert re.fullmatch(r"C00\d\d", record["attack_id"])
    by_id = {r["id"]: r for r in CURATED}
    assert by_id["solarwinds-2020"]["attack_id"] == "C0024"


def test_every_proper_name_of_the_list_is_one_the_extractor_knows():
    names = json.loads((LEXICON_DIR / "incident_names.json").read_text(encoding="utf-8"))["names"]
    for wanted in (
        "NotPetya",
        "WannaCry",
        "SUNBURST",
        "Cloud Hopper",
        "Ghostwriter",
        "KA-SAT",
        "Olympic Destroyer",
    ):
        assert wanted in names


def test_a_bad_line_is_named_with_its_file_and_line(tmp_path):
    path = tmp_path / "incidents.jsonl"
    path.write_text(
        '{"id": "a", "name": "A", "kind": "espionage"}\n{"id": "b", "name": "B", "kind": "war"}\n'
    )
    with pytest.raises(ValueError, match=r"incidents.jsonl:2: unknown kind 'war'"):
        incidents.read_curated(path)


# ---------------------------------------------------------------- linking


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the NotPetya cyber-attack", "notpetya-2017"),
        ("le piratage du Bundestag", "bundestag-2015"),
        ("the 2015 Bundestag hack", "bundestag-2015"),
        ("Shamoon 2", "shamoon-2016"),  # the longest name wins
        ("Shamoon", "shamoon-2012"),
        ("la cyberattaque contre TV5 Monde", "tv5monde-2015"),
        ("the SolarWinds supply chain attack", "solarwinds-2020"),
        ("the Russian hack", None),
        ("an exchange of views", None),
    ],
)
def test_a_text_is_linked_to_the_incident_it_names(text, expected):
    assert incidents.curated_linker().link(text) == expected


def test_a_victim_links_an_incident_when_it_is_the_victim_of_one_only():
    linker = incidents.curated_linker()
    assert linker.by_victim("VIASAT", set()) == "viasat-2022"
    assert linker.by_victim("MICROSOFT", set()) is None  # three operations against Microsoft
    assert linker.by_victim("MICROSOFT", {2021}) == "exchange-2021"
    assert linker.by_victim("UKR", {2015}) == "ukraine-power-grid-2015"


def test_an_unlisted_operation_becomes_a_discovered_incident_with_its_year():
    record = incidents.discovered_record("Operation Sandstorm", "In 2019 the GRU ran Operation Sandstorm.")
    assert record["id"] == "operation-sandstorm-2019" and record["source"] == "discovered"
    assert record["name"] == "Operation Sandstorm" and record["started"] == "2019"
    again = incidents.discovered_record("the attack on Acme Corp", "Two years: 2019 and 2020.")
    assert again["id"] == "attack-on-acme-corp" and again["started"] is None


def _claim(sentence: str, **extra) -> dict:
    return {
        "claimant_id": "GBR",
        "stance": "accuses",
        "subject_id": "RUS",
        "evidence": sentence,
        "start_char": 0,
        "end_char": len(sentence),
        **extra,
    }


def _mention(sentence: str, actor: str, words: str, kind: str = "company") -> dict:
    start = sentence.index(words)
    return {"actor_id": actor, "start_char": start, "end_char": start + len(words), "kind": kind}


def test_a_claim_gets_its_incident_how_and_its_victim():
    sentence = "The UK said Russia carried out the attack on Viasat's KA-SAT network in Ukraine."
    mentions = [_mention(sentence, "VIASAT", "Viasat"), _mention(sentence, "UKR", "Ukraine", "state")]
    link = incidents.link_claim(_claim(sentence, incident="attack on Viasat's KA-SAT network"), mentions)
    assert (link.incident_id, link.via, link.target_id) == ("viasat-2022", incidents.VIA_TEXT, "VIASAT")
    # no incident text: a curated name of the sentence, then the victim named in it
    bare = "The UK said Russia targeted Viasat in Ukraine."
    link = incidents.link_claim(_claim(bare), [_mention(bare, "VIASAT", "Viasat")])
    assert (link.incident_id, link.via, link.target_id) == ("viasat-2022", incidents.VIA_SENTENCE, "VIASAT")
    # else the document's title, else nothing
    plain = "The UK blamed Russia."
    link = incidents.link_claim(_claim(plain), [], title="Viasat hack")
    assert (link.incident_id, link.via) == ("viasat-2022", incidents.VIA_TITLE)
    assert incidents.link_claim(_claim(plain), []).incident_id is None


def test_plural_operation_nouns_link_like_the_singular():
    linker = incidents.curated_linker()
    assert linker.link("Iran's cyberattacks on Albania") == "albania-2022"
    assert linker.link("les cyberattaques contre l'Albanie") == "albania-2022"


def test_a_state_victim_with_the_year_of_its_sentence_links_its_incident():
    # two curated operations against Georgia (2008, 2019): the sentence's year tells them apart
    sentence = "Le CST évalue que le GRU a réalisé des cyberattaques contre la Géorgie le 28 octobre 2019."
    mentions = [_mention(sentence, "GEO", "Géorgie", "state")]
    claim = _claim(sentence, incident="cyberattaques contre la Géorgie")
    assert incidents.link_claim(claim, mentions).incident_id == "georgia-2019"
    undated = "Le CST évalue que le GRU a réalisé des cyberattaques contre la Géorgie."
    claim = _claim(undated, incident="cyberattaques contre la Géorgie")
    link = incidents.link_claim(claim, [_mention(undated, "GEO", "Géorgie", "state")])
    assert link.via == incidents.VIA_DISCOVERED  # no year: neither curated Georgian operation


def test_an_incident_told_in_an_earlier_sentence_finds_its_victim_there():
    first = "New Zealand condemned a cyber-attack against Georgia.\n\n"
    sentence = "Countries condemned the October 2019 cyber-attack by Russian state actors."
    text = first + sentence
    at = text.index("Georgia")
    mentions = [{"actor_id": "GEO", "start_char": at, "end_char": at + 7, "kind": "state"}]
    claim = _claim(sentence, incident="cyber-attack against Georgia", start_char=len(first))
    claim["end_char"] = len(text)
    assert incidents.link_claim(claim, mentions, document_text=text).incident_id == "georgia-2019"
    # without the text the words are not found: a discovered incident of the sentence's year
    assert incidents.link_claim(claim, mentions).via == incidents.VIA_DISCOVERED


def test_a_state_no_party_names_the_one_recent_operation_against_it():
    sentence = "The White House condemned Iran's attack and expressed support for Albania."
    mentions = [_mention(sentence, "IRN", "Iran", "state"), _mention(sentence, "ALB", "Albania", "state")]
    claim = _claim(sentence, claimant_id="USA", subject_id="IRN", published="2023-02-07")
    link = incidents.link_claim(claim, mentions)
    assert (link.incident_id, link.via) == ("albania-2022", incidents.VIA_SENTENCE)
    # years later, or before the operation began, the state names no operation
    assert incidents.link_claim({**claim, "published": "2026-01-10"}, mentions).incident_id is None
    assert incidents.link_claim({**claim, "published": "2022-03-01"}, mentions).incident_id is None
    # nor when the state accuses or is accused in the document: a party, not a victim
    parties = frozenset({"USA", "IRN", "ALB"})
    assert incidents.link_claim(claim, mentions, document_parties=parties).incident_id is None
    # an operation whose start is known only by its year may have begun after the document
    covid = "Canada's allies attribute malicious cyber activity to Russia."
    claim = _claim(covid, claimant_id="CSE", published="2020-02-20")
    assert incidents.link_claim(claim, [_mention(covid, "CAN", "Canada", "state")]).incident_id is None


def test_a_document_describing_a_curated_operation_in_its_time_links_it():
    sentence = "The GCSB has established links between the MSS and a global campaign."
    text = sentence + " The campaign targeted the data of global managed service providers."
    claim = _claim(sentence, claimant_id="GCSB", subject_id="MSS", published="2018-12-21")
    (link,) = incidents.link_document_claims([claim], [], document_text=text)
    assert (link.incident_id, link.via) == ("cloud-hopper", incidents.VIA_DESCRIBED)
    # an undated text is dated by the years it gives; years later, or with no year, nothing
    undated = {**claim, "published": None}
    (link,) = incidents.link_document_claims([undated], [], document_text=text + " We saw it in 2017.")
    assert link.incident_id == "cloud-hopper"
    (link,) = incidents.link_document_claims([undated], [], document_text=text)
    assert link.incident_id is None
    (link,) = incidents.link_document_claims([{**claim, "published": "2024-05-01"}], [], document_text=text)
    assert link.incident_id is None
    # a claim whose own words name an operation keeps it
    named = _claim("The UK blamed Russia for NotPetya.", published="2018-02-15", incident="NotPetya")
    (link,) = incidents.link_document_claims([named], [], document_text=text)
    assert link.incident_id == "notpetya-2017"


def test_descriptions_must_be_a_list_of_phrases():
    with pytest.raises(ValueError, match="descriptions"):
        incidents.incident_record({"id": "x", "name": "X", "descriptions": "managed service providers"})
    assert "managed service providers" in incidents.read_descriptions()["cloud-hopper"]


# ---------------------------------------------------------------- the KB


def _doc(doc_id, published, sentence, claims, mentions=(), publisher="Example", title=None, tail=""):
    return Document(
        id=doc_id,
        text=sentence + tail,
        title=title or doc_id,
        published=published,
        publisher=publisher,
        lang="en",
        mentions=[Mention(a, w, sentence.index(w), sentence.index(w) + len(w)) for a, w in mentions],
        claims=[
            Claim(c, s, subj, sentence, 0, len(sentence), "cue", **extra) for c, s, subj, extra in claims
        ],
    )


ACTORS = [
    Actor("USA", "United States", "state", "USA"),
    Actor("GBR", "United Kingdom", "state", "GBR"),
    Actor("AUS", "Australia", "state", "AUS"),
    Actor("RUS", "Russia", "state", "RUS"),
    Actor("GRU", "GRU", "agency", "RUS"),
]


# a statement long enough for its five-word shingles to say whether two texts are the same
STATEMENT = (
    " The attack masqueraded as a criminal enterprise but its purpose was principally to disrupt."
    " Its primary targets were Ukrainian financial, energy and government sectors, and its"
    " indiscriminate design caused it to spread further, affecting other European and Russian business."
)


@pytest.fixture
def kb(tmp_path):
    db = open_db(tmp_path / "kb.db")
    save_actors(db, ACTORS)
    three = "The US, the UK and Australia attributed NotPetya to Russia's GRU."
    save_documents(
        db,
        [
            _doc(
                "joint-2018",
                "2018-02-15",
                three,
                [("USA", "accuses", "GRU", {}), ("GBR", "accuses", "GRU", {}), ("AUS", "accuses", "GRU", {})],
                mentions=[("USA", "US"), ("GBR", "UK"), ("AUS", "Australia"), ("GRU", "GRU")],
            ),
            _doc(
                "uk-2018",
                "2018-02-15",
                "The UK holds Russia responsible for NotPetya.",
                [("GBR", "accuses", "RUS", {})],
                tail=STATEMENT,
            ),
            _doc(
                "uk-2018-copy",
                "2018-02-16",
                "The UK holds Russia responsible for NotPetya.",
                [("GBR", "accuses", "RUS", {})],
                publisher="A wire copy",
                tail=STATEMENT + " (Copied from the ministry's website.)",
            ),
            _doc(
                "russia-2018",
                "2018-02-20",
                "Russia denies any role in NotPetya, calling the British claims Russophobic.",
                [("RUS", "denies", "RUS", {"counterpart_id": "GBR"})],
            ),
            _doc(
                "us-2018-later",
                "2018-03-15",
                "The US sanctioned the GRU over NotPetya.",
                [("USA", "accuses", "GRU", {})],
            ),
        ],
    )
    yield db
    db.conn.close()


def test_one_sentence_counts_once_in_attributions(kb):
    rows = {
        r["accused_id"]: r for r in kb.query("SELECT * FROM attributions WHERE incident_id = 'notpetya-2017'")
    }
    gru = rows["GRU"]
    assert (gru["n_claims"], gru["n_sentences"], gru["n_claimants"]) == (4, 2, 3)
    assert (gru["first_published"], gru["last_published"]) == ("2018-02-15", "2018-03-15")
    assert gru["denied"] == 0 and rows["RUS"]["denied"] == 1 and rows["RUS"]["denied_by"] == "RUS"


def test_a_near_duplicate_does_not_count_as_an_independent_source(kb):
    assert mark_duplicates(kb, ["uk-2018", "uk-2018-copy"]) == 1
    assert kb["documents"].get("uk-2018-copy")["duplicate_of"] == "uk-2018"
    assert kb["documents"].get("uk-2018")["duplicate_of"] is None
    row = next(
        kb.query("SELECT * FROM attributions WHERE incident_id = 'notpetya-2017' AND accused_id = 'RUS'")
    )
    assert (row["n_documents"], row["n_independent_documents"], row["n_publishers"]) == (2, 1, 1)


def test_a_translation_is_a_near_duplicate_by_the_actors_it_names_in_order(tmp_path):
    db = open_db(tmp_path / "kb.db")
    save_actors(db, ACTORS)
    order = ["USA", "GBR", "RUS", "GRU", "AUS"] * 4
    english = " ".join(f"{a} said 2018 and {n}." for n, a in enumerate(order))
    french = " ".join(f"{a} a dit 2018 et {n}." for n, a in enumerate(order))

    def with_mentions(doc_id, text, published):
        mentions, at = [], 0
        for actor in order:
            at = text.index(actor, at)
            mentions.append(Mention(actor, actor, at, at + len(actor)))
            at += len(actor)
        return Document(id=doc_id, text=text, published=published, lang="en", mentions=mentions)

    save_documents(
        db, [with_mentions("en", english, "2018-02-15"), with_mentions("fr", french, "2018-02-16")]
    )
    assert mark_duplicates(db, ["en", "fr"]) == 1
    assert db["documents"].get("fr")["duplicate_of"] == "en"


def test_first_attribution_orders_the_claimants_with_their_delays(kb):
    sql = KB_METADATA["queries"]["first_attribution"]["sql"]
    rows = [dict(r) for r in kb.query(sql, {"incident": "notpetya-2017"})]
    order = [(r["claimant_id"], r["first"], r["days_after_first"]) for r in rows]
    assert order == [("AUS", 1, 0), ("GBR", 1, 0), ("USA", 1, 0)]
    assert all(r["incident"] == "NotPetya cyberattack" for r in rows)


def test_incident_profile_finds_an_incident_by_any_name(kb):
    sql = KB_METADATA["queries"]["incident_profile"]["sql"]
    for name in ("notpetya-2017", "NotPetya", "cyberattaque notpetya", "ExPetr"):
        rows = [dict(r) for r in kb.query(sql, {"incident": name})]
        assert len(rows) == 7, name
    rows = [dict(r) for r in kb.query(sql, {"incident": "NotPetya"})]
    assert rows[-1]["days_after_first_attribution"] == 28 and rows[-1]["claimant_id"] == "USA"


def test_every_exported_claim_edge_carries_its_incident(kb):
    g = load_graph(kb)
    assert g.number_of_edges() == 7
    assert {d["incident_id"] for *_, d in g.edges(data=True)} == {"notpetya-2017"}


def test_an_old_kb_gets_incidents_and_its_claims_linked(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE documents (id TEXT PRIMARY KEY, sha256 TEXT, title TEXT, url TEXT, publisher TEXT,
          published TEXT, license TEXT, attribution TEXT, lang TEXT, status TEXT, text TEXT NOT NULL,
          n_words INTEGER, ingested_at TEXT);
        CREATE TABLE actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT,
          aliases TEXT, source TEXT, ref TEXT);
        CREATE TABLE mentions (id INTEGER PRIMARY KEY, document_id TEXT, actor_id TEXT, text TEXT,
          start_char INTEGER, end_char INTEGER);
        CREATE TABLE claims (id INTEGER PRIMARY KEY, document_id TEXT, claimant_id TEXT, speaker_id TEXT,
          stance TEXT, subject_id TEXT, counterpart_id TEXT, incident TEXT, degree TEXT, hedged INTEGER,
          confidence FLOAT, cue TEXT, evidence TEXT, start_char INTEGER, end_char INTEGER, extractor TEXT);
        INSERT INTO actors VALUES ('GBR', 'United Kingdom', 'state', 'GBR', '[]', 'curated', NULL);
        INSERT INTO actors VALUES ('RUS', 'Russia', 'state', 'RUS', '[]', 'curated', NULL);
        INSERT INTO documents (id, sha256, published, text, status) VALUES ('d', 'x', '2018-02-15',
          'The UK blames Russia for NotPetya.', 'ok');
        INSERT INTO claims (document_id, claimant_id, stance, subject_id, incident, evidence,
          start_char, end_char)
          VALUES ('d', 'GBR', 'accuses', 'RUS', 'NotPetya', 'The UK blames Russia for NotPetya.', 0, 34);
        """
    )
    conn.close()
    db = open_db(path)
    claim = next(db.query("SELECT incident_id, incident_via FROM claims"))
    assert claim == {"incident_id": "notpetya-2017", "incident_via": incidents.VIA_TEXT}
    assert db["incidents"].count == len(CURATED)
    assert db["documents"].get("d")["date_source"] == "given"


# who denied each attribution, as the attributions view counted it from the claims before
# attribution_stats kept it
DENIED_SQL = """
SELECT s.incident_id, s.accused_id,
  (SELECT group_concat(DISTINCT dn.claimant_id) FROM claims dn
   WHERE dn.incident_id = s.incident_id AND dn.stance = 'denies' AND dn.subject_id = s.accused_id),
  EXISTS (SELECT 1 FROM claims dn
   WHERE dn.incident_id = s.incident_id AND dn.stance = 'denies' AND dn.subject_id = s.accused_id)
FROM attribution_stats s ORDER BY 1, 2
"""


def test_who_denied_an_attribution_is_kept_as_later_documents_deny_it(kb):
    def kept():
        return kb.execute(
            "SELECT incident_id, accused_id, denied_by, denied FROM attributions ORDER BY 1, 2"
        ).fetchall()

    assert kept() == kb.execute(DENIED_SQL).fetchall()
    assert ("notpetya-2017", "GRU", None, 0) in kept()
    later = "The GRU denied any part in NotPetya."
    save_documents(kb, [_doc("gru-2018", "2018-04-01", later, [("GRU", "denies", "GRU", {})])])
    assert ("notpetya-2017", "GRU", "GRU", 1) in kept()
    assert kept() == kb.execute(DENIED_SQL).fetchall()


def _texts_sharing(share: float, words: int = 400, seed: int = 7) -> tuple[str, str]:
    """Two texts of ``words`` distinct words, the second replacing the last (1 - share) of them."""
    rng = random.Random(seed)
    vocabulary = [f"w{rng.randrange(10**9)}" for _ in range(2 * words)]
    first = vocabulary[:words]
    kept = int(words * share)
    return " ".join(first), " ".join(first[:kept] + vocabulary[words : 2 * words - kept])


@pytest.mark.parametrize(("share", "marked"), [(0.99, 1), (0.95, 1), (0.6, 0), (0.0, 0)])
def test_near_duplicates_are_texts_sharing_most_shingles(tmp_path, share, marked):
    db = open_db(tmp_path / "kb.db")
    first, second = _texts_sharing(share)
    save_documents(
        db,
        [
            Document(id="a", text=first, published="2018-02-15", lang="en"),
            Document(id="b", text=second, published="2018-02-16", lang="en"),
        ],
    )
    assert mark_duplicates(db, ["a", "b"]) == marked
    assert db["documents"].get("b")["duplicate_of"] == ("a" if marked else None)


def test_signatures_of_another_scheme_are_made_again(tmp_path):
    # a KB written by an older version: its stored signatures mean nothing to this scheme
    db = open_db(tmp_path / "kb.db")
    first, second = _texts_sharing(0.99)
    save_documents(db, [Document(id="a", text=first, published="2018-02-15", lang="en")])
    mark_duplicates(db, ["a"])
    db["document_signatures"].update("a", {"text_signature": bytes(256)})
    db["kb_settings"].upsert({"key": "signature_scheme", "value": "an older scheme"}, pk="key")
    save_documents(db, [Document(id="b", text=second, published="2018-02-16", lang="en")])
    assert mark_duplicates(db, ["b"]) == 1
    assert db["document_signatures"].get("a")["text_signature"] != bytes(256)
    assert db["kb_settings"].get("signature_scheme")["value"] != "an older scheme"
