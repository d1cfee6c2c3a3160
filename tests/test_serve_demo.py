"""`kb serve` end to end: builds the KB from a corpus when the database is missing, then serves it."""

import json
import shutil
import sqlite3
import urllib.request
from pathlib import Path

import pytest
from hostile_kb import free_port, running_kb_serve

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "seed.jsonl"


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def served_seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    db_path = folder / "kb.db"
    assert not db_path.exists()
    with running_kb_serve(db_path, free_port(), "--demo", "--corpus", str(corpus)) as (url, _):
        yield url, db_path


def test_serve_builds_the_missing_kb_and_lists_the_seed_claims(served_seed):
    url, db_path = served_seed
    assert db_path.exists()
    claims = get_json(f"{url}/kb/claims.json?_shape=array&_size=100")
    assert claims, "the seed gives claims"
    assert {c["document_id"] for c in claims} == {"seed-fr-chine-dement"}
    stances = {c["stance"] for c in claims}
    assert stances == {"accuses", "denies"}


def test_canned_queries_apply_to_a_kb_in_a_file_of_another_name(served_seed, tmp_path):
    _, db_path = served_seed
    other = tmp_path / "july2021.db"
    # the backup API also copies what is still in the write-ahead log of a served KB
    with sqlite3.connect(db_path) as source, sqlite3.connect(other) as target:
        source.backup(target)
    with running_kb_serve(other, free_port()) as (url, _):
        rows = get_json(f"{url}/july2021/who_accuses_whom.json?_shape=array&stance=accuses")
        assert rows and all(r["stance"] == "accuses" for r in rows)
        # the researcher's pages too: the document page marks the claims, the database page guides
        with urllib.request.urlopen(f"{url}/july2021/documents/seed-fr-chine-dement", timeout=30) as page:
            assert 'class="kb-raw-row"' in page.read().decode("utf-8")
        with urllib.request.urlopen(f"{url}/july2021", timeout=30) as page:
            assert 'id="kb-guide"' in page.read().decode("utf-8")
