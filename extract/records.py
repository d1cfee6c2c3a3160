"""Plain records that leave the extractor: the seam between ``extract`` and ``kb``.

Nothing here knows about spaCy or SQLite. ``kb`` stores these; ``extract`` fills them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STANCES = ("accuses", "denies")
DEGREES = ("direct", "sponsored", "territory", "unspecified")
ACTOR_KINDS = ("state", "intergov", "agency", "group", "company", "person", "other")
ACTOR_SOURCES = ("misp-galaxy", "iso3166", "curated", "discovered")
DOCUMENT_STATUSES = ("ok", "unsupported_language", "empty", "failed")


@dataclass(frozen=True)
class Actor:
    """A canonical actor: a state, alliance, agency, threat group, company or person."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    source: str = "curated"
    ref: str | None = None


@dataclass(frozen=True)
class Mention:
    """One place in a document's cleaned text that names an actor."""

    actor_id: str
    text: str
    start_char: int
    end_char: int


@dataclass(frozen=True)
class Claim:
    """One actor's assertion (accusation or denial) found in one document."""

    claimant_id: str
    stance: str
    subject_id: str
    evidence: str
    start_char: int
    end_char: int
    cue: str
    speaker_id: str | None = None
    counterpart_id: str | None = None
    incident: str | None = None
    degree: str = "unspecified"
    hedged: bool = False
    confidence: float = 0.5
    # the incidents table's id and the victim (actors.id), when the extractor knows them; the KB
    # links the others from the text (kb/incidents.py)
    incident_id: str | None = None
    target_id: str | None = None


@dataclass
class Document:
    """A news text, cleaned, with what the extractor found in it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    license: str | None = None
    attribution: str | None = None
    lang: str | None = None
    status: str = "ok"
    source_path: str | None = None
    # the line of a JSONL file it was read from
    source_line: int | None = None
    # the id was made up by the reader (from the file's name, or its text's digest), not given
    derived_id: bool = False
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # actors met in this text that the gazetteer did not know (people, new groups)
    new_actors: list[Actor] = field(default_factory=list)
    # why extraction failed (status "failed"): such a document is reported, not stored
    error: str | None = None
    # where ``published`` comes from (extract/read_dates.py: "given", "--date", "front matter",
    # "first line", "dateline", "page", "address", "feed"), or, when it is None, why: "none: ..."
    date_source: str | None = None

    @property
    def n_words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read: which file, which line, why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"
