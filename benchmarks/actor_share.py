"""Actor mentions against a gold set, and the actor components' share of pipeline time.

    python benchmarks/actor_share.py [GOLD_DIR ...]   (default: data/eval/seed data/eval/devset)

For each gold directory (devset format: docs.jsonl + gold.jsonl) prints micro precision, recall
and F1 of (document, actor id) pairs, overall and per language, with the misses and the false
alarms; then the time each pipeline component takes over all documents and the share of the two
actor components ("actor_ruler" + "actor_linker"), which must stay under 15%.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy

from extract import pipeline as pipeline_module

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = [ROOT / "data" / "eval" / "seed", ROOT / "data" / "eval" / "devset"]
ACTOR_COMPONENTS = ("actor_ruler", "actor_linker")


def load_pipeline(lang: str):
    """The language's pipeline; without the claim extractor if it cannot be loaded."""
    if lang not in pipeline_module.MODELS:
        return pipeline_module.load_gazetteer_pipeline()
    try:
        return pipeline_module.load_pipeline(lang)
    except Exception as error:  # claims.py is written by someone else and may be mid-change
        print(f"(claims component unavailable for {lang}: {error!r}; actors only)", file=sys.stderr)
        nlp = spacy.load(pipeline_module.model_name(lang), exclude=list(pipeline_module.UNUSED_COMPONENTS))
        return pipeline_module.add_project_components(nlp, lang, claims=False)


def clean(text: str) -> str:
    try:
        from extract.clean import clean_text
    except ImportError:
        return text
    return clean_text(text)


def timed_pipe(nlp, text: str, timings: dict[str, float]):
    """Run the pipeline one component at a time, adding each component's time to ``timings``."""
    start = time.perf_counter()
    doc = nlp.make_doc(text)
    timings["tokenizer"] += time.perf_counter() - start
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        doc = component(doc)
        timings[name] += time.perf_counter() - start
    return doc


def doc_actor_ids(doc) -> set[str]:
    ids = {span.kb_id_ for span in doc.spans.get("actors", []) if span.kb_id_}
    return ids


def evaluate(gold_dir: Path, pipelines: dict, timings: dict[str, float]) -> None:
    docs = [json.loads(line) for line in (gold_dir / "docs.jsonl").open(encoding="utf-8") if line.strip()]
    gold = {}
    for line in (gold_dir / "gold.jsonl").open(encoding="utf-8"):
        if line.strip():
            record = json.loads(line)
            gold[record["doc_id"]] = set(record["actors"])
    counts = defaultdict(lambda: [0, 0, 0])  # lang -> tp, fp, fn
    for record in docs:
        lang = record.get("lang") or "xx"
        key = lang if lang in pipeline_module.MODELS else "xx"
        if key not in pipelines:
            pipelines[key] = load_pipeline(key)
        doc = timed_pipe(pipelines[key], clean(record["text"]), timings)
        found, expected = doc_actor_ids(doc), gold.get(record["id"], set())
        tp, fp, fn = len(found & expected), len(found - expected), len(expected - found)
        for group in (lang, "all"):
            counts[group][0] += tp
            counts[group][1] += fp
            counts[group][2] += fn
        if fp or fn:
            missed, extra = sorted(expected - found), sorted(found - expected)
            print(f"  {record['id']} ({lang}) missed={missed} extra={extra}")
    print(f"{gold_dir}:")
    for group, (tp, fp, fn) in sorted(counts.items()):
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"  {group:>4}: P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})")


def main(argv: list[str]) -> None:
    gold_dirs = [Path(a) for a in argv] or DEFAULT_GOLD
    pipelines: dict = {}
    timings: dict[str, float] = defaultdict(float)
    for gold_dir in gold_dirs:
        evaluate(gold_dir, pipelines, timings)
    total = sum(timings.values())
    print("time per component (all documents, all languages):")
    for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        print(f"  {name:>16}: {seconds:7.3f}s {100 * seconds / total:5.1f}%")
    share = sum(timings[name] for name in ACTOR_COMPONENTS) / total if total else 0.0
    print(f"actor components' share of pipeline time: {100 * share:.1f}% (limit 15%)")


if __name__ == "__main__":
    main(sys.argv[1:])
