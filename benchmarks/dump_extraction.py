"""Dump what the extractor finds, one JSON line per claim, mention and new actor, in a stable order.

    python benchmarks/dump_extraction.py data/articles data/eval > before.jsonl
    ... change the extractor ...
    python benchmarks/dump_extraction.py data/articles data/eval > after.jsonl
    diff before.jsonl after.jsonl

A refactor that must not change the output is checked by an empty diff; a rule change by reading it.
Inputs are read as ``kb ingest`` reads them (any file or folder it accepts); documents in the same
text (the demo corpus and the devset share theirs) are extracted once.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from extract.pipeline import Extractor
from extract.read import iter_documents
from extract.records import Document


def unique_documents(paths: list[str]) -> list[Document]:
    seen: set[str] = set()
    documents = []
    for item in iter_documents(paths):
        if isinstance(item, Document) and item.text not in seen:
            seen.add(item.text)
            documents.append(item)
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+", help="files or folders, as for kb ingest")
    parser.add_argument("--claims-only", action="store_true", help="leave out mentions and new actors")
    args = parser.parse_args()
    documents = unique_documents(args.paths)
    print(f"{len(documents)} documents", file=sys.stderr)
    for document in Extractor().process(documents):
        found = [("claim", claim) for claim in document.claims]
        if not args.claims_only:
            found += [("mention", mention) for mention in document.mentions]
            found += [("new_actor", actor) for actor in document.new_actors]
        for what, record in found:
            print(json.dumps({"doc": document.id, what: asdict(record)}, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
