"""benchmarks/robustness.py: each variant rewrites the texts as it says, and the whole run scores
a gold set through kb ingest and kb eval (here the seed, whose claims are all found)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("robustness", ROOT / "benchmarks" / "robustness.py")
robustness = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(robustness)

DOCUMENT = {
    "id": "x1",
    "title": "Statement",
    "publisher": "Ministry",
    "lang": "en",
    "text": "A heading\n\n" + "The ministry said that the group APT28 attacked its network. " * 3,
}


def test_the_variants_rewrite_what_they_say():
    wrapped = robustness.wrapped(DOCUMENT)["text"]
    assert max(len(line) for line in wrapped.split("\n")) <= robustness.WRAP_WIDTH < len(DOCUMENT["text"])
    assert "\n" not in robustness.one_line(DOCUMENT)["text"]
    assert robustness.straight_quotes({**DOCUMENT, "text": "the parliament’s “network”"})["text"] == (
        'the parliament\'s "network"'
    )
    assert "publisher" not in robustness.VARIANTS["no-publisher"](DOCUMENT)
    assert robustness.VARIANTS["no-title"](DOCUMENT).keys() == DOCUMENT.keys() - {"title"}


def test_a_run_on_the_seed_scores_every_variant(capsys):
    assert robustness.main(["--gold", str(ROOT / "data" / "eval" / "seed"), "--only", "wrapped"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert set(rows) == {"unchanged", "wrapped"}
    for name in rows:  # claims P, R, F1, change; actors F1, change
        assert [float(v) for v in rows[name][:3]] == [1.0, 1.0, 1.0], lines


def test_a_variant_keeps_only_the_gold_of_its_documents(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "gold.jsonl").write_text(
        json.dumps({"doc_id": "x1", "actors": [], "claims": []})
        + "\n"
        + json.dumps({"doc_id": "x2", "actors": [], "claims": []})
        + "\n"
    )
    folder = robustness.write_variant(gold, [DOCUMENT], robustness.one_line, tmp_path / "variant")
    assert [json.loads(line)["doc_id"] for line in (folder / "gold.jsonl").read_text().splitlines()] == ["x1"]
    assert json.loads((folder / "docs.jsonl").read_text())["text"].count("\n") == 0
