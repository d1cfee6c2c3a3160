"""A small, hand-made knowledge base for the graph, export, analytics and plugin tests.

Written through kb.store like a real ingest. Seven actors take part in claims; two more
(RUS, ZHAO_LIJIAN) are stored but are never claimant or subject, so they are not nodes.
"""

from __future__ import annotations

from pathlib import Path

from extract.records import Actor, Claim, Document, Mention
from kb.store import open_db, save_actors, save_document

HOSTILE_EVIDENCE = 'China says <img src=x onerror="window.__pwned=1"> the US is the real hacker.'

ACTORS = [
    Actor("CHN", "China", "state", "CHN", ("Chine", "Beijing", "Pékin", "Chinese government")),
    Actor("USA", "United States", "state", "USA", ("US", "Washington")),
    Actor("GBR", "United Kingdom", "state", "GBR", ("UK", "London")),
    Actor("RUS", "Russia", "state", "RUS", ("Moscow",)),
    Actor("EU", "European Union", "intergov", None, ("UE", "Union européenne")),
    Actor("APT31", "APT31", "group", "CHN", ("Zirconium", "Violet Typhoon"), "misp-galaxy"),
    Actor("MICROSOFT", "Microsoft", "company", "USA"),
    Actor("NCSC_UK", "National Cyber Security Centre", "agency", "GBR", ("NCSC",)),
    Actor("ZHAO_LIJIAN", "Zhao Lijian", "person", "CHN"),
]


def _claim(claimant, stance, subject, evidence, **extra) -> Claim:
    return Claim(claimant, stance, subject, evidence, 0, len(evidence), extra.pop("cue", "accuse"), **extra)


# (document id, published, claims)
DOCUMENTS = [
    (
        "uk-2021",
        "2021-07-19",
        [
            _claim("GBR", "accuses", "CHN", "The UK holds the Chinese state responsible.", degree="direct"),
            _claim("GBR", "accuses", "APT31", "The UK says APT31 targeted MPs.", degree="direct"),
            _claim("EU", "accuses", "CHN", "The EU says it came from Chinese territory.", degree="territory"),
            _claim("USA", "accuses", "CHN", "Washington blames Beijing.", degree="direct"),
            _claim("NCSC_UK", "accuses", "APT31", "The NCSC attributes the campaign to APT31."),
        ],
    ),
    (
        "china-denies-2021",
        "2021-07-20T09:30:00",
        [
            _claim(
                "CHN",
                "denies",
                "CHN",
                "Zhao Lijian rejected the groundless accusations of the US.",
                cue="rejected",
                speaker_id="ZHAO_LIJIAN",
                counterpart_id="USA",
            ),
            _claim("CHN", "accuses", "USA", HOSTILE_EVIDENCE, speaker_id="ZHAO_LIJIAN"),
        ],
    ),
    (
        "apt31-2024",
        "2024-03-25",
        [
            _claim("USA", "accuses", "APT31", "The US indicted seven APT31 hackers.", degree="direct"),
            _claim("GBR", "accuses", "APT31", "London sanctioned a front company of APT31."),
            _claim("USA", "accuses", "CHN", "APT31 is allegedly run by the MSS.", hedged=True),
        ],
    ),
    (
        "microsoft-undated",
        None,
        [
            _claim(
                "MICROSOFT",
                "accuses",
                "APT31",
                "Zirconium is linked to Beijing.",
                degree="sponsored",
                hedged=True,
            )
        ],
    ),
]

N_NODES = 7
N_CLAIMS = 11


def build_claims_kb(path: Path) -> Path:
    db = open_db(path)
    save_actors(db, ACTORS)
    for doc_id, published, claims in DOCUMENTS:
        text = " ".join(c.evidence for c in claims)
        mentions = [Mention(c.claimant_id, c.claimant_id, 0, 1) for c in claims]
        save_document(
            db,
            Document(
                doc_id,
                text,
                title=f"Title of {doc_id}",
                published=published,
                lang="en",
                mentions=mentions,
                claims=claims,
            ),
            extractor="test",
        )
    db.close()
    return path
