"""Incidents: the operations that claims are about, and how a claim is linked to one.

The curated list is ``data/incidents.jsonl`` (its keys and sources: ``data/SOURCES.md``). A
claim is linked to an incident by its free-text ``incident`` (what the extractor read: "the
SolarWinds hack", « le piratage du Bundestag »), else by a curated name in its sentence, else
by its document's title; a free text that names no curated incident becomes a *discovered*
incident whose id is made from the text ("Operation Foo" -> ``operation-foo``), so that every
document naming it links to the same row. Names match whole words, accents and case ignored;
the longest name found wins ("Shamoon 2" over "Shamoon").

The victim a claim names (``claims.target_id``) is an actor named inside the incident's words
("the attack on the OPCW"), else one of the incident's curated victims named in its sentence.

No spaCy here: the KB links claims stored by any version of the extractor, and re-links them
when the list changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.resources import project_file
from kb.actor_lookup import fold

INCIDENTS_FILE = project_file("data/incidents.jsonl")
KINDS = (
    "espionage",
    "disruption-destruction",
    "ransomware-extortion",
    "financial-theft",
    "hack-and-leak-influence",
    "ddos",
    "supply-chain",
)
SOURCES = ("curated", "discovered")
# how a claim was linked to its incident (claims.incident_via)
VIA_EXTRACTOR, VIA_TEXT, VIA_SENTENCE, VIA_TITLE, VIA_DISCOVERED, VIA_DESCRIBED = (
    "extractor",
    "incident text",
    "sentence",
    "document title",
    "discovered",
    "document description",
)
ISO_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
LEADING_WORDS = re.compile(
    r"^(?:(?:the|a|an|this|that|its|their|le|la|les|un|une|ce|cette|ces|sa|son|ses|leur|leurs)\s+|l['’]\s*)",
    re.IGNORECASE,
)


# operation nouns read in the singular: "cyberattacks on Albania" is the "cyberattack on Albania"
PLURAL_OPERATIONS = re.compile(r"\b(cyber ?attack|attack|hack|intrusion|breach|cyberattaque|attaque)s\b")


def key(text: str | None) -> str:
    """A name's matching key: ``fold`` with one apostrophe and hyphens read as spaces, and
    operation nouns in the singular."""
    folded = fold((text or "").replace("’", "'").replace("‘", "'").replace("-", " ").replace("–", " "))
    return PLURAL_OPERATIONS.sub(r"\1", folded)


def read_curated(path: str | Path | None = None) -> list[dict]:
    """The records of ``data/incidents.jsonl``; ValueError naming the file and line of a bad one."""
    path = Path(path or INCIDENTS_FILE)
    records, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            record = incident_record(raw)
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from None
        if record["id"] in seen:
            raise ValueError(f"{path}:{number}: the id {record['id']!r} is used twice")
        seen.add(record["id"])
        records.append(record)
    return records


def incident_record(raw: Mapping, source: str = "curated") -> dict:
    """The ``incidents`` row of one JSONL record (aliases and victims as JSON arrays)."""
    if not raw.get("id") or not raw.get("name"):
        raise ValueError('an incident needs an "id" and a "name"')
    descriptions = raw.get("descriptions", [])
    if not isinstance(descriptions, list) or not all(isinstance(d, str) and d for d in descriptions):
        raise ValueError('"descriptions" must be a list of phrases')
    if raw.get("kind") is not None and raw["kind"] not in KINDS:
        raise ValueError(f"unknown kind {raw['kind']!r}: one of {', '.join(KINDS)}")
    for name in ("started", "ended"):
        value = raw.get(name)
        if value is not None and not ISO_PARTIAL_DATE.match(str(value)):
            raise ValueError(f"{name} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    aliases = [a for a in [raw.get("name_fr"), *(raw.get("aliases") or [])] if a and a != raw["name"]]
    started = raw.get("started")
    return {
        "id": raw["id"],
        "name": raw["name"],
        "name_fr": raw.get("name_fr"),
        "aliases": json.dumps(list(dict.fromkeys(aliases)), ensure_ascii=False),
        "kind": raw.get("kind"),
        "started": started,
        "ended": raw.get("ended"),
        "year": int(str(started)[:4]) if started else None,
        "victims": json.dumps(list(raw.get("victims") or []), ensure_ascii=False),
        "source": source,
        "ref": raw.get("ref"),
        "attack_id": raw.get("attack_id"),
    }


def read_descriptions(path: str | Path | None = None) -> dict[str, list[str]]:
    """The ``descriptions`` of the curated incidents, by id: phrases that identify an operation a
    text describes without naming it ("managed service providers" for Operation Cloud Hopper).
    They are read by the linker only (no column of the incidents table)."""
    path = Path(path or INCIDENTS_FILE)
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            if raw.get("descriptions"):
                found[raw["id"]] = list(raw["descriptions"])
    return found


def names_of(record: Mapping) -> list[str]:
    aliases = record.get("aliases") or []
    if isinstance(aliases, str):
        aliases = json.loads(aliases)
    return [n for n in [record.get("name"), record.get("name_fr"), *aliases] if n]


MAX_LINKED_TEXTS = 10_000


class IncidentLinker:
    """Finds the curated incident a text names (see the module docstring)."""

    def __init__(self, records: Iterable[Mapping], descriptions: Mapping[str, list[str]] | None = None):
        self.records = {r["id"]: r for r in records}
        self.by_description = {
            key(phrase): incident_id
            for incident_id, phrases in (descriptions or {}).items()
            if incident_id in self.records
            for phrase in phrases
        }
        self.description_pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in self.by_description) + r")(?!\w)")
            if self.by_description
            else None
        )
        self.by_key: dict[str, str] = {}
        for record in self.records.values():
            for name in names_of(record):
                self.by_key.setdefault(key(name), record["id"])
        keys = sorted(self.by_key, key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
        self._linked: dict[str, str | None] = {}
        # the victims read once (a KB row holds them as JSON), and the incidents of each victim
        self._victims = {incident_id: _victim_list(r) for incident_id, r in self.records.items()}
        self._of_victim: dict[str, list[str]] = {}
        for incident_id, victims in self._victims.items():
            for victim in dict.fromkeys(victims):
                self._of_victim.setdefault(victim, []).append(incident_id)

    def link(self, text: str | None) -> str | None:
        """The id of the curated incident ``text`` names (its longest name found), else None."""
        if not text:
            return None
        if text in self._linked:  # a title or a sentence is asked for again with each claim
            return self._linked[text]
        found = [m.group() for m in self.pattern.finditer(key(text))]
        if len(self._linked) >= MAX_LINKED_TEXTS:
            self._linked.clear()
        linked = self._linked[text] = self.by_key[max(found, key=len)] if found else None
        return linked

    def by_victim(self, victim: str | None, years: set[int]) -> str | None:
        """The one curated incident whose victims include ``victim`` (and that was going on in
        the one year given, when a year is given); None when none or several."""
        if not victim:
            return None
        found = list(self._of_victim.get(victim, ()))
        if len(years) == 1:
            (year,) = years
            found = [i for i in found if _during(self.records[i], year)]
        return found[0] if len(found) == 1 else None

    def recent_of_state(self, victim: str, published: str) -> str | None:
        """The one curated incident against the state ``victim`` that had surely started by the
        date ``published`` and was going on in its year or the year before (a statement speaks of a
        recent operation); None when none or several."""
        year = int(published[:4])
        found = [
            i
            for i in self._of_victim.get(victim, ())
            if _started_before(self.records[i], published) and _recent(self.records[i], year)
        ]
        return found[0] if len(found) == 1 else None

    def described(self, text: str | None, published: str | None) -> str | None:
        """The one curated incident whose descriptions ``text`` holds, in its time: the date
        ``published`` (a claim's), else a year the undated text gives, falls between its start and
        the year after its end. None when none or several, or nothing dates the text."""
        if self.description_pattern is None or not text:
            return None
        published = str(published or "")
        years = {int(published[:4])} if published[:4].isdigit() else years_in(text)
        found = {self.by_description[m.group()] for m in self.description_pattern.finditer(key(text))}
        found = {i for i in found if any(_recent(self.records[i], year) for year in years)}
        return found.pop() if len(found) == 1 else None

    def victims(self, incident_id: str | None) -> list[str]:
        return list(self._victims.get(incident_id or "", ()))


def _victim_list(record: Mapping) -> tuple[str, ...]:
    victims = record.get("victims") or "[]"
    return tuple(json.loads(victims) if isinstance(victims, str) else victims)


def _during(record: Mapping, year: int) -> bool:
    started = int(str(record.get("started") or "0")[:4])
    ended = int(str(record.get("ended") or "9999")[:4])
    return started <= year <= ended


def _recent(record: Mapping, year: int) -> bool:
    """Was the incident going on in ``year`` or the year before (what a text of that year speaks of)?"""
    return _during(record, year) or _during(record, year - 1)


def _started_before(record: Mapping, date: str) -> bool:
    """Had the incident surely started before ``date``? Compared at the precision of its
    ``started`` ("2020" is not surely before 2020-02-20)."""
    started = str(record.get("started") or "")
    return bool(started) and started < date[: len(started)]


def years_in(text: str | None) -> set[int]:
    return {int(y) for y in YEAR.findall(text or "")}


@lru_cache(maxsize=1)
def curated_linker() -> IncidentLinker:
    return IncidentLinker(read_curated(), read_descriptions())


def discovered_record(text: str, sentence: str = "") -> dict:
    """A row for an operation the text names but the curated list lacks ("Operation Foo",
    "the 2019 hack of Acme"): its id is made from its words and, when the words or the sentence
    give one year, that year (which is also its ``started``)."""
    name = LEADING_WORDS.sub("", " ".join(text.split())).strip(" ,.;:«»\"'")
    name = name[:1].upper() + name[1:]
    years = set(YEAR.findall(name)) or set(YEAR.findall(sentence or ""))
    year = years.pop() if len(years) == 1 else None
    slug = re.sub(r"[^a-z0-9]+", "-", key(name).replace("'", " ")).strip("-")[:60].strip("-") or "incident"
    if year and year not in slug:
        slug = f"{slug}-{year}"
    return incident_record({"id": slug, "name": name, "started": year}, source="discovered")


@dataclass(frozen=True)
class Link:
    incident_id: str | None
    via: str | None
    target_id: str | None
    discovered: dict | None = None  # the new incident's row, when one was discovered


def link_claim(
    claim: Mapping,
    mentions: Iterable[Mapping],
    title: str | None = None,
    linker: IncidentLinker | None = None,
    document_text: str | None = None,
    document_parties: frozenset[str] = frozenset(),
) -> Link:
    """The incident and the victim of one claim (a dict with the Claim's fields).

    ``mentions`` are the document's (``actor_id``, ``start_char``, ``end_char``), used to find
    the victim among the actors its sentence names (or, for an incident told in an earlier
    sentence, among those its words name there: ``document_text`` finds them).
    ``document_parties`` are the actors that accuse, deny or are accused anywhere in the
    document: no state among them is taken for a victim."""
    linker = linker or curated_linker()
    discovered = None
    text = claim.get("incident")
    named = _actor_in_phrase(claim, mentions, document_text)
    if claim.get("incident_id"):
        incident_id, via = claim["incident_id"], VIA_EXTRACTOR
    elif (found := linker.link(text) or (text and linker.by_victim(named, _years_of(claim)))) is not None:
        incident_id, via = found, VIA_TEXT
    elif (
        found := linker.link(claim.get("evidence"))
        or _victim_incident(claim, mentions, linker, document_parties)
    ) is not None:
        incident_id, via = found, VIA_SENTENCE
    elif text:
        discovered = discovered_record(text, claim.get("evidence") or "")
        incident_id, via = discovered["id"], VIA_DISCOVERED
    elif (found := linker.link(title)) is not None:
        incident_id, via = found, VIA_TITLE
    else:
        incident_id, via = None, None
    victims = linker.victims(incident_id)
    target = claim.get("target_id") or named or _victim_in_sentence(claim, mentions, victims)
    return Link(incident_id, via, target, discovered)


def link_document_claims(
    claims: list[Mapping],
    mentions: list[Mapping],
    title: str | None = None,
    document_text: str | None = None,
) -> list[Link]:
    """``link_claim`` for each claim of one document; a free text linked to a curated incident in
    one claim links the others that carry it (a paragraph's incident, read from the sentence that
    names it, reaches the later sentences)."""
    roles = ("claimant_id", "subject_id", "speaker_id", "counterpart_id")
    parties = frozenset(claim.get(role) for claim in claims for role in roles)
    links = [
        link_claim(claim, mentions, title, document_text=document_text, document_parties=parties)
        for claim in claims
    ]
    by_text = {
        claim.get("incident"): link.incident_id
        for claim, link in zip(claims, links, strict=True)
        if link.via == VIA_TEXT
    }
    linker = curated_linker()
    in_document = {link.incident_id for link in links if link.incident_id}
    described: dict[str | None, str | None] = {}  # by the claims' date: the text is scanned once
    for n, (claim, link) in enumerate(zip(claims, links, strict=True)):
        better = by_text.get(claim.get("incident"))
        if link.via == VIA_DISCOVERED and better:
            links[n] = Link(better, VIA_TEXT, link.target_id)
        elif link.incident_id is None or link.via == VIA_TITLE:
            # "cyberattaques ... notamment contre Microsoft": a victim of an operation the document
            # speaks of elsewhere names that operation
            for incident_id in sorted(in_document):
                victim = _victim_in_sentence(claim, mentions, linker.victims(incident_id), states=False)
                if victim:
                    links[n] = Link(incident_id, VIA_SENTENCE, victim)
                    break
        if links[n].incident_id is None:
            # "a global campaign ... targeted ... managed service providers": an operation the
            # document describes by the traits of a curated one, in its time
            published = claim.get("published")
            if published not in described:
                described[published] = linker.described(document_text, published)
            if described[published] is not None:
                links[n] = Link(described[published], VIA_DESCRIBED, link.target_id)
    return links


def _mentions_inside(claim: Mapping, mentions: Iterable[Mapping], start: int, end: int) -> list[Mapping]:
    """The mentions between ``start`` and ``end`` of actors that are not a party to the claim."""
    parties = {claim.get(k) for k in ("claimant_id", "subject_id", "speaker_id", "counterpart_id")}
    return sorted(
        (m for m in mentions if start <= m["start_char"] < end and m["actor_id"] not in parties),
        key=lambda m: m["start_char"],
    )


def _actor_in_phrase(
    claim: Mapping, mentions: Iterable[Mapping], document_text: str | None = None
) -> str | None:
    """The actor named inside the incident's words ("the attack on the OPCW"): the longest name
    there, so that "the Organisation for the Prohibition of ..." wins over "the Organisation".
    Words told in an earlier sentence ("a cyber-attack against Georgia. ... the October 2019
    cyber-attack") are read where they were last written before the claim's sentence."""
    text, sentence, start = claim.get("incident") or "", claim.get("evidence") or "", claim.get("start_char")
    if not text or start is None:
        return None
    at = sentence.find(text)
    if at >= 0:
        at += start
    elif document_text:
        at = document_text.rfind(text, 0, start)
    if at < 0:
        return None
    inside = _mentions_inside(claim, mentions, at, at + len(text))
    longest = max(inside, key=lambda m: m["end_char"] - m["start_char"], default=None)
    return longest["actor_id"] if longest else None


# actors more often the authors or the sources of a sentence than its victims ("a U.S. defense
# report"): naming one does not name an operation against it
SPEAKING_KINDS = ("state", "agency", "person", "group")


def _years_of(claim: Mapping) -> set[int]:
    """The years the incident text gives, else its sentence ('cyberattaques contre la Géorgie le
    28 octobre 2019': the sentence dates the operation its phrase names)."""
    return years_in(claim.get("incident")) or years_in(claim.get("evidence"))


def _victim_incident(
    claim: Mapping,
    mentions: Iterable[Mapping],
    linker: IncidentLinker,
    document_parties: frozenset[str] = frozenset(),
) -> str | None:
    """The one curated incident of a victim the sentence names that is a company, an institution
    or an international body ("an operation targeting ... Viasat"): such an actor is the victim
    of few operations."""
    start, end = claim.get("start_char"), claim.get("end_char")
    if start is None or end is None:
        return None
    years = years_in(claim.get("evidence"))
    inside = _mentions_inside(claim, mentions, start, end)
    for mention in inside:
        if mention.get("kind", "state") not in SPEAKING_KINDS:
            found = linker.by_victim(mention["actor_id"], years)
            if found:
                return found
    # "condemned Iran's attack and expressed full support for Albania": a state that is no party
    # to any claim of the document, in a sentence with no year, names the one operation against
    # it going on when the document was written (or the year before)
    published = str(claim.get("published") or "")
    if years or not published[:4].isdigit():
        return None
    states = {
        m["actor_id"]
        for m in inside
        if m.get("kind", "state") == "state" and m["actor_id"] not in document_parties
    }
    found = {linker.recent_of_state(state, published) for state in states} - {None}
    return found.pop() if len(found) == 1 else None


def _victim_in_sentence(
    claim: Mapping, mentions: Iterable[Mapping], victims: list[str], states: bool = True
) -> str | None:
    """The first of ``victims`` the claim's sentence names (``states=False``: only companies,
    institutions and international bodies, not the kinds that speak)."""
    start, end = claim.get("start_char"), claim.get("end_char")
    if start is None or end is None or not victims:
        return None
    for mention in _mentions_inside(claim, mentions, start, end):
        if mention["actor_id"] in victims and (states or mention.get("kind", "state") not in SPEAKING_KINDS):
            return mention["actor_id"]
    return None
