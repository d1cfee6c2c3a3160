"""metadata.yml against a real knowledge base served by a real Datasette.

The fixture is a tiny KB in the shape of the seed article's story (China denies the US
accusation over Microsoft Exchange and accuses the US back; the EU blames APT31), written
through kb.store like an ingest would.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from extract.records import Actor, Claim, Document, Mention
from kb.analytics import refresh_actor_stats
from kb.store import open_db, save_actors, save_document

METADATA_PATH = Path(__file__).resolve().parent.parent / "metadata.yml"
KB_METADATA_PATH = Path(__file__).resolve().parent.parent / "kb" / "datasette_plugin" / "kb_metadata.yml"

ACTORS = [
    Actor("CHN", "China", "state", "CHN", ("Chine", "La Chine", "Pékin", "Beijing")),
    Actor("USA", "United States", "state", "USA", ("États-Unis", "Washington")),
    Actor("EU", "European Union", "intergov", None, ("UE", "Union européenne", "Bruxelles")),
    Actor("APT31", "APT31", "group", "CHN", ("Zirconium", "Judgment Panda", "Violet Typhoon")),
    Actor("HAFNIUM", "HAFNIUM", "group", "CHN", ("Hafnium", "Silk Typhoon")),
    Actor("MICROSOFT", "Microsoft", "company", "USA", ("Microsoft",)),
    Actor("JOE_BIDEN", "Joe Biden", "person", "USA", ("Joe Biden",)),
    Actor("ZHAO_LIJIAN", "Zhao Lijian", "person", "CHN", ("Zhao Lijian",)),
]

# short texts of our own, in the spirit of the seed article
FRENCH_TEXT = (
    "Pékin dément les accusations « infondées » de Washington sur le piratage de Microsoft Exchange. "
    "La Chine accuse en retour les États-Unis de cyberattaques contre ses infrastructures. "
    "Le président Joe Biden a accusé les autorités chinoises de protéger les pirates. "
    "L'UE dénonce les activités du groupe APT31, aussi appelé Zirconium, "
    "menées depuis le territoire chinois. "
    "Le porte-parole Zhao Lijian rejette ces accusations."
)
ENGLISH_TEXT = "Microsoft said that Hafnium, a group linked to Beijing, exploited Exchange servers."


def sentence_of(text: str, phrase: str) -> tuple[str, int, int]:
    """The sentence of `text` that contains `phrase`, with its offsets."""
    at = text.index(phrase)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.index(".", at) + 1
    return text[start:end], start, end


def claim(text: str, phrase: str, claimant: str, stance: str, subject: str, cue: str, **extra) -> Claim:
    evidence, start, end = sentence_of(text, phrase)
    return Claim(claimant, stance, subject, evidence, start, end, cue, **extra)


def mentions(text: str, names: dict[str, str]) -> list[Mention]:
    found = []
    for name, actor_id in names.items():
        at = text.index(name)
        found.append(Mention(actor_id, name, at, at + len(name)))
    return found


def seed_like_documents() -> list[Document]:
    fr = FRENCH_TEXT
    french = Document(
        id="fr-chine-dement",
        text=fr,
        title="La Chine dément et contre-attaque",
        published="2021-07-20",
        lang="fr",
        mentions=mentions(
            fr,
            {
                "Pékin": "CHN",
                "Washington": "USA",
                "Microsoft": "MICROSOFT",
                "La Chine": "CHN",
                "États-Unis": "USA",
                "Joe Biden": "JOE_BIDEN",
                "UE": "EU",
                "APT31": "APT31",
                "Zirconium": "APT31",
                "Zhao Lijian": "ZHAO_LIJIAN",
            },
        ),
        claims=[
            claim(fr, "dément", "CHN", "denies", "CHN", "dément", counterpart_id="USA"),
            claim(fr, "accuse en retour", "CHN", "accuses", "USA", "accuse", degree="direct"),
            claim(
                fr, "Joe Biden", "USA", "accuses", "CHN", "accusé", speaker_id="JOE_BIDEN", degree="sponsored"
            ),
            claim(fr, "APT31", "EU", "accuses", "APT31", "dénonce", degree="territory"),
            claim(fr, "APT31", "EU", "accuses", "CHN", "dénonce", degree="territory"),
            claim(fr, "rejette", "CHN", "denies", "CHN", "rejette", speaker_id="ZHAO_LIJIAN"),
        ],
    )
    en = ENGLISH_TEXT
    english = Document(
        id="en-hafnium",
        text=en,
        title="Microsoft names Hafnium",
        published="2021-03-02",
        lang="en",
        mentions=mentions(en, {"Microsoft": "MICROSOFT", "Hafnium": "HAFNIUM", "Beijing": "CHN"}),
        claims=[
            claim(en, "Hafnium", "MICROSOFT", "accuses", "HAFNIUM", "exploited", degree="direct"),
            claim(en, "linked to", "MICROSOFT", "accuses", "CHN", "linked", degree="sponsored", hedged=True),
        ],
    )
    return [french, english]


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory) -> Path:
    # Datasette names the database after the file stem: kb.db is served as /kb
    path = tmp_path_factory.mktemp("metadata") / "kb.db"
    db = open_db(path)
    save_actors(db, ACTORS)
    for doc in seed_like_documents():
        save_document(db, doc, extractor="test")
    refresh_actor_stats(db)
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def metadata() -> dict:
    """The site's metadata.yml with, as Datasette sees it, the KB's section under the name kb."""
    with open(METADATA_PATH, encoding="utf-8") as f:
        site = yaml.safe_load(f)
    with open(KB_METADATA_PATH, encoding="utf-8") as f:
        site["databases"] = {"kb": yaml.safe_load(f)}
    return site


@pytest.fixture
def ds(kb_path) -> Datasette:
    # the site's own metadata: the plugin brings the KB's descriptions and queries
    return Datasette([str(kb_path)], metadata=yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8")))


async def rows_of(ds: Datasette, path: str, **params) -> list[dict]:
    response = await ds.client.get(f"/kb/{path}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, f"/kb/{path}: {response.status_code} {response.text[:500]}"
    return response.json()


def schema_columns(kb_path: Path) -> dict[str, list[str]]:
    """Every user-facing table and view of the real database with its columns."""
    conn = sqlite3.connect(kb_path)
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
        )
        if "_fts" not in name  # full-text index and its shadow tables: Datasette hides them
    ]
    columns = {name: [row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")] for name in names}
    conn.close()
    return columns


def test_every_table_and_column_is_described(kb_path, metadata):
    described = metadata["databases"]["kb"]["tables"]
    schema = schema_columns(kb_path)
    expected = {"documents", "actors", "mentions", "claims", "ingest_errors", "claim_edges", "actor_stats"}
    assert expected <= set(schema)
    missing = [
        f"{table}.{column}"
        for table, columns in schema.items()
        for column in columns
        if not (described.get(table, {}).get("columns") or {}).get(column)
    ]
    assert not missing, f"metadata.yml lacks column descriptions: {missing}"
    undescribed_tables = [t for t in schema if not described.get(t, {}).get("description")]
    assert not undescribed_tables, f"metadata.yml lacks table descriptions: {undescribed_tables}"
    # a described column that the table lacks is a typo or a stale description
    stale = [
        f"{table}.{column}"
        for table, meta in described.items()
        if table in schema
        for column in (meta.get("columns") or {})
        if column not in schema[table]
    ]
    assert not stale, f"metadata.yml describes columns that do not exist: {stale}"


def test_every_canned_query_has_title_description_and_sql(metadata):
    queries = metadata["databases"]["kb"]["queries"]
    assert {"who_accuses_whom", "claims_about", "denials", "counter_accusations", "actor_profile"} <= set(
        queries
    )
    for name, query in queries.items():
        assert query.get("title") and query.get("description") and query.get("sql"), name


async def test_site_title_and_licence_are_shown(ds):
    response = await ds.client.get("/")
    assert response.status_code == 200
    assert "Cyber-attribution claims" in response.text
    assert "Apache-2.0" in response.text


async def test_who_accuses_whom_aggregates_edges_and_filters_by_stance(ds):
    every = await rows_of(ds, "who_accuses_whom", stance="")
    edges = {(r["claimant_id"], r["stance"], r["subject_id"]): r for r in every}
    assert edges[("CHN", "denies", "CHN")]["n_claims"] == 2
    assert edges[("CHN", "accuses", "USA")]["claimant"] == "China"
    assert edges[("MICROSOFT", "accuses", "CHN")]["first_published"] == "2021-03-02"
    assert len(every) == 7
    accusations = await rows_of(ds, "who_accuses_whom", stance="accuses")
    assert accusations and {r["stance"] for r in accusations} == {"accuses"}
    assert len(accusations) == 6
    # an absent parameter means "all", like an empty one
    assert len(await rows_of(ds, "who_accuses_whom")) == 7


@pytest.mark.parametrize("actor", ["Zirconium", "apt31", "APT31", "judgment panda", "Violet Typhoon"])
async def test_claims_about_finds_a_group_by_id_or_any_alias(ds, actor):
    rows = await rows_of(ds, "claims_about", actor=actor)
    assert [(r["claimant_id"], r["stance"], r["subject_id"]) for r in rows] == [("EU", "accuses", "APT31")]
    row = rows[0]
    assert row["claimant"] == "European Union"
    assert row["degree"] == "territory" and row["hedged"] == 0
    assert "Zirconium" in row["evidence"]
    assert row["document_title"] == "La Chine dément et contre-attaque"
    assert row["published"] == "2021-07-20"


async def test_claims_about_a_state_by_its_capital_includes_denials(ds):
    rows = await rows_of(ds, "claims_about", actor="Pékin")
    found = {(r["claimant_id"], r["stance"]) for r in rows}
    assert found == {("USA", "accuses"), ("EU", "accuses"), ("MICROSOFT", "accuses"), ("CHN", "denies")}
    biden = next(r for r in rows if r["claimant_id"] == "USA")
    assert biden["speaker"] == "Joe Biden"
    # newest first
    assert rows[0]["published"] >= rows[-1]["published"]
    assert await rows_of(ds, "claims_about", actor="nobody at all") == []


async def test_denials_lists_denier_subject_counterpart_and_speaker(ds):
    rows = await rows_of(ds, "denials")
    assert len(rows) == 2
    assert {r["denier"] for r in rows} == {"China"}
    by_counterpart = {r["counterpart"]: r for r in rows}
    assert by_counterpart["United States"]["evidence"].startswith("Pékin dément")
    assert by_counterpart[None]["speaker"] == "Zhao Lijian"


async def test_counter_accusations_pairs_the_denier_with_its_accuser(ds):
    rows = await rows_of(ds, "counter_accusations")
    assert [(r["denier_id"], r["accuser_id"]) for r in rows] == [("CHN", "USA")]
    assert rows[0]["n_counter_accusations"] == 1
    assert "accuse en retour" in rows[0]["counter_accusation_example"]


async def test_actor_profile_by_alias(ds):
    rows = await rows_of(ds, "actor_profile", actor="Pékin")
    assert rows[0]["item"] == "CHN" and rows[0]["name"] == "China"
    counts = {r["item"]: r["n"] for r in rows if r["section"] == "count"}
    assert counts["accusations made"] == 1
    assert counts["accusations received"] == 3
    assert counts["denials made"] == 2
    assert counts["documents naming it"] == 2
    counter = next(r for r in rows if r["item"].startswith("counter-accuses"))
    assert counter["n"] == 1 and counter["detail"] == "USA"
    accused_by = [r["item"] for r in rows if r["section"] == "accused by"]
    assert set(accused_by) == {"USA", "EU", "MICROSOFT"}
    assert [r["item"] for r in rows if r["section"] == "accuses"] == ["USA"]
    assert {r["item"] for r in rows if r["section"] == "its speakers"} == {"ZHAO_LIJIAN"}


async def test_actor_profile_of_a_spokesperson_says_whom_he_speaks_for(ds):
    rows = await rows_of(ds, "actor_profile", actor="zhao lijian")
    assert rows[0]["item"] == "ZHAO_LIJIAN"
    assert [(r["item"], r["n"]) for r in rows if r["section"] == "speaks for"] == [("CHN", 1)]


async def test_foreign_keys_show_actor_names_and_facets_apply(ds):
    response = await ds.client.get("/kb/claims.json", params={"_labels": "on", "_shape": "objects"})
    assert response.status_code == 200
    data = response.json()
    claimants = {row["claimant_id"]["label"] for row in data["rows"]}
    assert {"China", "European Union", "Microsoft"} <= claimants
    assert {"stance", "degree"} <= set(data["facet_results"])
    mentions = await ds.client.get("/kb/mentions.json", params={"_labels": "on", "_shape": "array"})
    assert {row["document_id"]["label"] for row in mentions.json()} == {
        "La Chine dément et contre-attaque",
        "Microsoft names Hafnium",
    }


async def test_every_described_table_page_renders_with_its_sort_and_facets(ds, kb_path, metadata):
    # a sort or facet naming a missing column makes the page fail
    present = schema_columns(kb_path)
    for table in metadata["databases"]["kb"]["tables"]:
        if table not in present:
            continue  # added by a later step (analytics), Datasette ignores it meanwhile
        response = await ds.client.get(f"/kb/{table}.json")
        assert response.status_code == 200, f"/kb/{table}: {response.text[:300]}"
    for query in metadata["databases"]["kb"]["queries"]:
        page = await ds.client.get(f"/kb/{query}", params={"actor": "CHN"})
        assert page.status_code == 200, query


# --- the licence trail that metadata.yml points to ---

DATA = Path(__file__).resolve().parent.parent / "data"


def test_every_corpus_document_has_its_credit_line_in_sources_md():
    sources = (DATA / "articles" / "SOURCES.md").read_text(encoding="utf-8")
    records = [
        json.loads(line)
        for path in sorted((DATA / "articles").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(records) >= 26
    for record in records:
        assert record["text"].strip(), record["id"]
        assert f"`{record['id']}`" in sources, record["id"]
        if record.get("license") is None:
            continue  # the seed article: licence unknown, explained in SOURCES.md
        assert record.get("attribution"), f"{record['id']} has a licence but no credit line"
        assert record["attribution"] in sources, f"credit line of {record['id']} not reproduced exactly"


def test_gold_sets_ship_with_the_project():
    for name in ("devset", "seed"):
        folder = DATA / "eval" / name
        gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
        docs = {
            json.loads(line)["id"]: json.loads(line)
            for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines()
        }
        actors = json.loads((folder / "actors.json").read_text(encoding="utf-8"))
        assert gold and {g["doc_id"] for g in gold} <= set(docs)
        for g in gold:
            for c in g["claims"]:
                assert c["evidence"] in docs[g["doc_id"]]["text"]
                assert c["claimant"] in actors and c["subject"] in actors


async def test_datasette_reads_the_same_metadata_from_the_plugins_parts_of_it(ds, monkeypatch):
    # Datasette asks the plugin for metadata about 18 times per page; the plugin gives only what
    # answers the key asked for (a fifth of a page's CPU time went into copying it all, every time)
    import kb.datasette_plugin as plugin

    await ds.invoke_startup()
    keys = sorted(plugin.KB_KEYS | {"allow", "allow_sql", "title", "source", "plugins", "databases"})
    tables = [None, "claims", "actors", "claim_edges", "no_such_table"]
    places = [(None, None)] + [("kb", table) for table in tables]

    def seen() -> dict:
        found = {(key, d, t): ds.metadata(key, database=d, table=t) for key in keys for d, t in places}
        found.update({(None, d, t): ds.metadata(database=d, table=t) for d, t in places})
        found["canned"] = ds.metadata("queries", database="kb", fallback=False)
        found["allowed"] = ds._table_permission_allows("kb", "claims")
        return found

    parts = seen()
    monkeypatch.setattr(plugin, "_kb_metadata", lambda key: copy.deepcopy(plugin.common.KB_METADATA))
    assert parts == seen()
    assert parts[("description", "kb", "claims")] and parts["canned"]["claims_about"]
