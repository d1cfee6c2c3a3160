"""A small hand-made knowledge base for the researcher pages (document, actor, timeline).

Written through kb.store like a real ingest, with offsets computed from the texts, so no spaCy
model is needed. One document looks like the seed: several actors, several claims, two claims on
one sentence, a mention nested in another, and a hostile sentence; China's denials come days
after the accusations they answer.
"""

from __future__ import annotations

from pathlib import Path

from extract.records import Actor, Claim, Document, Mention
from kb.store import open_db, save_actors, save_document

HOSTILE = "<img src=x onerror=alert(1)>"

ACTORS = [
    Actor("CHN", "China", "state", "CHN", ("Chine", "Beijing", "Pékin", "Chinese"), "iso3166"),
    Actor("USA", "United States", "state", "USA", ("US", "Washington"), "iso3166"),
    Actor("GBR", "United Kingdom", "state", "GBR", ("UK", "London"), "iso3166"),
    Actor("EU", "European Union", "intergov", None, ("UE", "Union européenne")),
    Actor("MSS", "Ministry of State Security", "agency", "CHN", ("Chinese Ministry of State Security",)),
    Actor("APT31", "APT31", "group", "CHN", ("Zirconium", "Violet Typhoon"), "misp-galaxy"),
    Actor("MICROSOFT", "Microsoft", "company", "USA"),
    Actor("ZHAO_LIJIAN", "Zhao Lijian", "person", "CHN"),
]

ACCUSATION_TEXT = (
    "London, 19 July 2021\n\n"
    "The United Kingdom held the Chinese Ministry of State Security responsible for the Microsoft "
    "Exchange hack. "
    "The UK also said that APT31, also known as Zirconium, targeted Parliament. "
    "The European Union said the activity was undertaken from Chinese territory. "
    f"{HOSTILE} Washington blames Beijing for the hack."
)
DENIAL_TEXT = (
    "Beijing, 22 July 2021\n\n"
    "Spokesman Zhao Lijian said China firmly rejects the groundless accusations. "
    "He said the United States is the biggest hacker in the world."
)


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text: str, actor_id: str, words: str, nth: int = 0) -> Mention:
    return Mention(actor_id, words, *_at(text, words, nth))


def claim(text: str, sentence: str, claimant: str, stance: str, subject: str, cue: str, **extra) -> Claim:
    start, end = _at(text, sentence)
    return Claim(claimant, stance, subject, sentence, start, end, cue, **extra)


def accusation_document() -> Document:
    t = ACCUSATION_TEXT
    s1 = (
        "The United Kingdom held the Chinese Ministry of State Security responsible for the "
        "Microsoft Exchange hack."
    )
    s2 = "The UK also said that APT31, also known as Zirconium, targeted Parliament."
    s3 = "The European Union said the activity was undertaken from Chinese territory."
    s4 = f"{HOSTILE} Washington blames Beijing for the hack."
    return Document(
        id="uk-accuses-2021",
        text=t,
        title="UK and allies hold China responsible",
        url="https://example.org/uk-2021",
        publisher="Example Gov",
        published="2021-07-19",
        lang="en",
        mentions=[
            mention(t, "GBR", "London"),
            mention(t, "GBR", "United Kingdom"),
            mention(t, "MSS", "Chinese Ministry of State Security"),
            mention(t, "CHN", "Chinese"),  # nested in the MSS mention: the longer one is marked
            mention(t, "MICROSOFT", "Microsoft"),
            mention(t, "GBR", "UK"),
            mention(t, "APT31", "APT31"),
            mention(t, "APT31", "Zirconium"),
            mention(t, "EU", "European Union"),
            mention(t, "CHN", "Chinese", nth=1),
            mention(t, "USA", "Washington"),
            mention(t, "CHN", "Beijing"),
        ],
        claims=[
            claim(t, s1, "GBR", "accuses", "MSS", "held responsible", degree="direct"),
            claim(t, s1, "GBR", "accuses", "CHN", "held responsible", degree="sponsored"),
            claim(t, s2, "GBR", "accuses", "APT31", "said", degree="direct"),
            claim(t, s3, "EU", "accuses", "CHN", "undertaken from", degree="territory"),
            claim(t, s4, "USA", "accuses", "CHN", "blames", degree="direct"),
        ],
    )


def denial_document() -> Document:
    t = DENIAL_TEXT
    s1 = "Spokesman Zhao Lijian said China firmly rejects the groundless accusations."
    s2 = "He said the United States is the biggest hacker in the world."
    return Document(
        id="china-denies-2021",
        text=t,
        title="China rejects the accusations",
        url="javascript:alert('url')",
        publisher="<b>Example Embassy</b>",
        published="2021-07-22",
        lang="en",
        mentions=[
            mention(t, "CHN", "Beijing"),
            mention(t, "ZHAO_LIJIAN", "Zhao Lijian"),
            mention(t, "CHN", "China"),
            mention(t, "USA", "United States"),
        ],
        claims=[
            claim(t, s1, "CHN", "denies", "CHN", "rejects", speaker_id="ZHAO_LIJIAN"),
            claim(t, s2, "CHN", "accuses", "USA", "biggest hacker", speaker_id="ZHAO_LIJIAN"),
        ],
    )


def short_document(doc_id, published, publisher, sentence, mentions, claims) -> Document:
    """A one-sentence document: mentions as (actor, words), claims as (claimant, stance, subject, extra)."""
    return Document(
        id=doc_id,
        text=sentence,
        title=f"{publisher}: {sentence[:40]}",
        publisher=publisher,
        published=published,
        lang="en",
        mentions=[mention(sentence, actor, words) for actor, words in mentions],
        claims=[
            Claim(c, s, subj, sentence, 0, len(sentence), "cue", **extra) for c, s, subj, extra in claims
        ],
    )


def documents() -> list[Document]:
    return [
        accusation_document(),
        denial_document(),
        short_document(
            "us-indicts-2024",
            "2024-03-25T10:00:00",
            "Example Justice",
            "The US indicted seven APT31 hackers allegedly working for China.",
            [("USA", "US"), ("APT31", "APT31"), ("CHN", "China")],
            [
                ("USA", "accuses", "APT31", {"degree": "direct"}),
                ("USA", "accuses", "CHN", {"degree": "sponsored", "hedged": True}),
            ],
        ),
        short_document(
            "china-denies-2024",
            "2024-03-26",
            "Example Embassy",
            "Beijing denied the US accusations as a political smear.",
            [("CHN", "Beijing"), ("USA", "US")],
            [("CHN", "denies", "CHN", {"counterpart_id": "USA"})],
        ),
        short_document(
            "microsoft-undated",
            None,
            "Example Blog",
            "Microsoft says Violet Typhoon is linked to Beijing.",
            [("MICROSOFT", "Microsoft"), ("APT31", "Violet Typhoon"), ("CHN", "Beijing")],
            [("MICROSOFT", "accuses", "APT31", {"degree": "sponsored", "hedged": True})],
        ),
    ]


# (denial document, accusation document, accuser): the pairs time_to_denial must return, with
# days. The 2021 denial names no accuser: it answers the accusations of China and of its MSS and
# APT31 made in the 30 days before it; the 2024 denial names the US: it answers the US indictment
# of the day before, not the US accusation of 2021 (981 days earlier, another episode)
EXPECTED_DENIAL_PAIRS = {
    ("china-denies-2021", "uk-accuses-2021", "GBR"): 3,
    ("china-denies-2021", "uk-accuses-2021", "EU"): 3,
    ("china-denies-2021", "uk-accuses-2021", "USA"): 3,
    ("china-denies-2024", "us-indicts-2024", "USA"): 1,
}


def build_researcher_kb(path: Path) -> Path:
    db = open_db(path)
    save_actors(db, ACTORS)
    for document in documents():
        save_document(db, document, extractor="test")
    db.close()
    return path
