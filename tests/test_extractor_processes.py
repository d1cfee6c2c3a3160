"""Extractor(n_process=2): spaCy's own worker processes give what one process gives.

Whatever a component puts on a Doc must survive the trip between processes (spaCy serializes
Docs): a discovered actor, the actor spans and the claims included.
"""

from __future__ import annotations

import dataclasses

from extract.pipeline import Extractor
from extract.records import Document

TEXTS = [
    "Microsoft linked Storm-9999 to the cyber intrusions against the State Department.",
    "The United States accused China of hacking Microsoft Exchange servers. "
    "China denied the accusation and said the US is the biggest hacker in the world.",
    "Le groupe UNC9876 a piraté des serveurs du ministère, selon l'ANSSI.",
    "The UK blamed Russia's GRU for the NotPetya cyberattack.",
]


def documents() -> list[Document]:
    return [
        Document(id=f"doc-{i}", text=text, lang="fr" if text.startswith("Le ") else "en")
        for i, text in enumerate(TEXTS)
    ]


def found(docs: list[Document]) -> dict[str, tuple]:
    return {
        d.id: (
            sorted(dataclasses.astuple(m) for m in d.mentions),
            sorted(dataclasses.astuple(c) for c in d.claims),
            sorted(a.id for a in d.new_actors),
        )
        for d in docs
    }


def test_two_processes_find_what_one_finds():
    one = found(list(Extractor(batch_size=2, n_process=1).process(documents())))
    two = found(list(Extractor(batch_size=2, n_process=2).process(documents())))
    assert two == one
    assert "STORM_9999" in one["doc-0"][2]  # a discovered actor crossed the process boundary
    assert one["doc-1"][1], "the accusation gives a claim"
