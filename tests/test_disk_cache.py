"""The disk cache of what every process builds from the data files (extract/disk_cache.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.disk_cache import cached, fingerprint
from extract.gazetteer import build_gazetteer


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    return folder


def counting_builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_an_entry_is_built_once_then_read(cache):
    build, calls = counting_builder({"a": [1, 2]})
    assert cached("thing", "k1", build) == {"a": [1, 2]}
    assert cached("thing", "k1", build) == {"a": [1, 2]}
    assert len(calls) == 1 and len(list(cache.glob("thing-*.pickle"))) == 1


def test_a_new_key_builds_anew_and_drops_the_old_entry(cache):
    build, calls = counting_builder("v")
    cached("thing", "k1", build)
    cached("thing", "k2", build)
    assert len(calls) == 2 and [p.name for p in cache.glob("thing-*.pickle")] == ["thing-k2.pickle"]


def test_a_broken_entry_is_built_again(cache):
    build, calls = counting_builder("v")
    cached("thing", "k1", build)
    (cache / "thing-k1.pickle").write_bytes(b"not a pickle")
    assert cached("thing", "k1", build) == "v" and len(calls) == 2
    assert cached("thing", "k1", build) == "v" and len(calls) == 2  # and stored again


def test_the_cache_can_be_off(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_CACHE_DIR", "off")
    build, calls = counting_builder("v")
    cached("thing", "k1", build)
    cached("thing", "k1", build)
    assert len(calls) == 2


def test_a_folder_that_cannot_be_written_is_no_error(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker / "cache"))
    build, calls = counting_builder("v")
    assert cached("thing", "k1", build) == "v" and cached("thing", "k1", build) == "v"
    assert len(calls) == 2


def test_the_fingerprint_follows_the_files_bytes(tmp_path):
    data = tmp_path / "a.json"
    data.write_text("[1]")
    first = fingerprint([data], packages=("spacy",))
    assert fingerprint([data], packages=("spacy",)) == first
    data.write_text("[2]")
    assert fingerprint([data], packages=("spacy",)) != first


def test_the_cached_gazetteer_is_the_built_one(cache):
    # two fresh processes: the first builds and stores, the second reads the entry back
    script = (
        "import json; from extract.gazetteer import load_gazetteer; g = load_gazetteer(); "
        "print(json.dumps([len(g.actors), len(g.aliases), g.resolve('Fancy Bear'), sorted(g.offensive)[:5]]))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        for _ in "ab"
    ]
    built = build_gazetteer()
    expected = [
        len(built.actors),
        len(built.aliases),
        built.resolve("Fancy Bear"),
        sorted(built.offensive)[:5],
    ]
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
    assert [json.loads(run.stdout) for run in runs] == [expected, expected]


def test_the_ruler_reads_its_pattern_tokens_back_only_for_the_same_tokenizer(cache):
    import spacy

    from extract.actor_ruler import pattern_tokens
    from extract.pipeline import split_dashes

    texts = ["APT 28", "Fancy Bear", "U.S.-China", "l'Union européenne", "(FBI)—released"]
    nlp = spacy.blank("en")
    first = pattern_tokens(nlp, "en", texts)
    assert pattern_tokens(nlp, "en", texts) == first == {t: [x.text for x in nlp.tokenizer(t)] for t in texts}
    split_dashes(nlp)  # another tokenizer: the dash now splits, and the entry is not reused
    split = pattern_tokens(nlp, "en", texts)["(FBI)—released"]
    assert split == ["(", "FBI", ")", "—", "released"] != first["(FBI)—released"]
    assert len(list(cache.glob("ruler-tokens-en-*.pickle"))) == 1
