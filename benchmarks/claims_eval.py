"""Score the claim extractor against a gold set in the devset format.

    python benchmarks/claims_eval.py ../shared/devset [--lang en,fr] [--quiet]

Runs ``clean_text`` (when ``extract.clean`` exists) and the language's full pipeline over
``docs.jsonl``, compares (claimant, stance, subject) per document with ``gold.jsonl``, and prints
precision, recall and F1 overall, per stance and per language, then every false positive and
every miss with its evidence. Gold claims marked ``optional`` count neither as missed nor, when
predicted, as wrong. Documents in languages without a claim extractor count their gold claims as
misses (the "all languages" line) and are left out of the "en+fr" line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from extract.pipeline import SUPPORTED_LANGUAGES, load_pipeline

Key = tuple[str, str, str]  # claimant, stance, subject


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise SystemExit(f"{path}:{number}: invalid JSON: {error.msg}") from error
    return rows


def cleaner() -> Callable[[str], str]:
    try:
        from extract.clean import clean_text
    except ImportError:
        return lambda text: text
    return clean_text


def predict(docs: list[dict], load: Callable = load_pipeline) -> dict[str, list]:
    """Claims per document id, for the documents in a supported language."""
    clean = cleaner()
    from extract.claims import claims_from_doc

    predicted: dict[str, list] = {}
    for lang in SUPPORTED_LANGUAGES:
        batch = [d for d in docs if d.get("lang") == lang]
        if not batch:
            continue
        nlp = load(lang)
        texts = [clean(d["text"]) for d in batch]
        for doc, document in zip(nlp.pipe(texts), batch, strict=True):
            predicted[document["id"]] = claims_from_doc(doc)
            for claim in predicted[document["id"]]:
                if (
                    doc.text[claim.start_char : claim.end_char] != claim.evidence
                    or claim.cue not in claim.evidence
                ):
                    print(f"EVIDENCE MISMATCH {document['id']}: {claim}")
    return predicted


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})"


def score(
    docs: list[dict], gold: list[dict], predicted: dict[str, list], quiet: bool = False
) -> dict[str, Counter]:
    lang_of = {d["id"]: d.get("lang") for d in docs}
    counts: dict[str, Counter] = {}
    errors: list[str] = []

    def add(group: str, kind: str) -> None:
        counts.setdefault(group, Counter())[kind] += 1

    for entry in gold:
        doc_id = entry["doc_id"]
        lang = lang_of.get(doc_id)
        required = {
            (c["claimant"], c["stance"], c["subject"]): c for c in entry["claims"] if not c.get("optional")
        }
        optional = {(c["claimant"], c["stance"], c["subject"]) for c in entry["claims"] if c.get("optional")}
        found = {(c.claimant_id, c.stance, c.subject_id): c for c in predicted.get(doc_id, [])}
        supported = lang in SUPPORTED_LANGUAGES
        for key, claim in found.items():
            if key in optional:
                continue
            kind = "tp" if key in required else "fp"
            for group in ("all", "en+fr", f"lang:{lang}", f"stance:{key[1]}", f"en+fr stance:{key[1]}"):
                add(group, kind)
            if kind == "fp":
                errors.append(
                    f"FP {doc_id} {key} cue={claim.cue!r} conf={claim.confidence}: {claim.evidence[:200]}"
                )
        for key, claim in required.items():
            if key in found:
                continue
            groups = ["all", f"lang:{lang}", f"stance:{key[1]}"]
            groups += ["en+fr", f"en+fr stance:{key[1]}"] if supported else []
            for group in groups:
                add(group, "fn")
            if supported:
                errors.append(f"FN {doc_id} {key}: {claim['evidence'][:200]}")
    for group in sorted(counts, key=lambda g: (":" in g, g)):
        c = counts[group]
        print(f"{group:16} {prf(c['tp'], c['fp'], c['fn'])}")
    if not quiet:
        print()
        print("\n".join(sorted(errors)))
    return counts


def main(argv: list[str] | None = None, load: Callable = load_pipeline) -> dict[str, Counter]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path, help="folder with docs.jsonl and gold.jsonl")
    parser.add_argument("--quiet", action="store_true", help="only the scores")
    args = parser.parse_args(argv)
    for name in ("docs.jsonl", "gold.jsonl"):
        if not (args.gold_dir / name).exists():
            raise SystemExit(
                f"{args.gold_dir / name}: missing (a gold folder holds docs.jsonl and gold.jsonl)"
            )
    docs = read_jsonl(args.gold_dir / "docs.jsonl")
    gold = read_jsonl(args.gold_dir / "gold.jsonl")
    predicted = predict(docs, load)
    n_claims = sum(len(found) for found in predicted.values())
    print(f"{n_claims} claims predicted; each evidence checked against the cleaned text and its cue")
    return score(docs, gold, predicted, args.quiet)


if __name__ == "__main__":
    main(sys.argv[1:])
