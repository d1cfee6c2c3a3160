"""How the extractor holds up when the same texts come in another shape.

    python benchmarks/robustness.py                          # the devset, every variant (~15 min)
    python benchmarks/robustness.py --gold data/eval/devset --only wrapped,one-line --limit 100

A researcher's texts rarely look like the development set's: copied from a PDF (hard-wrapped
lines), from a dataset that dropped the line breaks, with straight quotes, with no publisher or
title given. Each variant rewrites every document of a gold set (docs.jsonl in the devset
format) in one such way, ingests the result into a fresh KB with ``kb ingest``'s own code, and
scores it with ``kb eval``'s; the unchanged set is scored in the same run. It prints claims and
actors P/R/F1 per variant, and the F1 difference to the unchanged set.

Use it on the devset (or any gold set you own); never on a held-out set whose errors must stay
unread: it prints only aggregate scores, but a rule tuned on a variant of the held-out set is
tuned on the held-out set.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WRAP_WIDTH = 78  # a terminal's, an e-mail's


def wrapped(document: dict) -> dict:
    """Every paragraph broken into lines of at most WRAP_WIDTH characters (a PDF's text)."""
    paragraphs = document["text"].split("\n")
    text = "\n".join(textwrap.fill(p, WRAP_WIDTH) if p.strip() else p for p in paragraphs)
    return {**document, "text": text}


def one_line(document: dict) -> dict:
    """The line breaks gone: headings, datelines and list items run into the sentences."""
    lines = [line.strip() for line in document["text"].split("\n")]
    return {**document, "text": " ".join(line for line in lines if line)}


def straight_quotes(document: dict) -> dict:
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
    return {**document, "text": document["text"].translate(table)}


def without(field: str) -> Callable[[dict], dict]:
    def rewrite(document: dict) -> dict:
        return {key: value for key, value in document.items() if key != field}

    rewrite.__doc__ = f"The document given without its {field}."
    return rewrite


VARIANTS: dict[str, Callable[[dict], dict]] = {
    "unchanged": lambda document: document,
    "wrapped": wrapped,
    "one-line": one_line,
    "straight-quotes": straight_quotes,
    "no-publisher": without("publisher"),
    "no-title": without("title"),
    "no-lang": without("lang"),
}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_variant(gold: Path, documents: list[dict], rewrite: Callable, folder: Path) -> Path:
    """A copy of the gold set with its documents rewritten (its gold and actors.json as they are)."""
    folder.mkdir(parents=True)
    with (folder / "docs.jsonl").open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(rewrite(document), ensure_ascii=False) + "\n")
    ids = {document["id"] for document in documents}
    gold_lines = [g for g in read_jsonl(gold / "gold.jsonl") if g["doc_id"] in ids]
    (folder / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold_lines))
    if (gold / "actors.json").is_file():
        shutil.copy(gold / "actors.json", folder / "actors.json")
    return folder


def score(folder: Path) -> dict:
    from kb.evaluate import evaluate
    from kb.ingest import ingest

    db = folder / "kb.db"
    ingest([folder / "docs.jsonl"], db, progress=False, echo=lambda _message: None)
    result = evaluate(folder, db)
    return {"claims": result.claims["overall"], "actors": result.actors["overall"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=PROJECT_ROOT / "data" / "eval" / "devset")
    parser.add_argument("--only", help=f"variants, comma-separated, among: {', '.join(VARIANTS)}")
    parser.add_argument("--limit", type=int, help="the first N documents only")
    args = parser.parse_args(argv)
    names = ["unchanged", *(n for n in (args.only or ",".join(VARIANTS)).split(",") if n != "unchanged")]
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant {', '.join(unknown)}; choose among {', '.join(VARIANTS)}")
    if not (args.gold / "docs.jsonl").is_file() or not (args.gold / "gold.jsonl").is_file():
        parser.error(f"{args.gold}: a gold set holds docs.jsonl and gold.jsonl")
    documents = read_jsonl(args.gold / "docs.jsonl")[: args.limit]
    print(f"{args.gold}: {len(documents)} documents")
    print(f"{'variant':<16} {'claims P':>8} {'R':>6} {'F1':>6} {'ΔF1':>6}   {'actors F1':>9} {'ΔF1':>6}")
    base: dict | None = None
    with tempfile.TemporaryDirectory(prefix="kb-robustness-") as work:
        for name in names:
            found = score(write_variant(args.gold, documents, VARIANTS[name], Path(work) / name))
            base = base or found
            claims, actors = found["claims"], found["actors"]
            claims_change, actors_change = claims.f1 - base["claims"].f1, actors.f1 - base["actors"].f1
            print(
                f"{name:<16} {claims.precision:8.3f} {claims.recall:6.3f} {claims.f1:6.3f}"
                f" {claims_change:+6.3f}   {actors.f1:9.3f} {actors_change:+6.3f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
