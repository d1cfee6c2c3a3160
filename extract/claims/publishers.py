"""Official publishers: which state, agency or intergovernmental body a publisher's name holds
("Foreign, Commonwealth & Development Office (GOV.UK)" -> GBR; a newspaper -> none), and the
state whose body publishes (extract/lexicons/publishers.json: government and media words,
official domains, legislatures)."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache

from extract.claims.lexicon import LEXICON_DIR
from extract.gazetteer import load_gazetteer, text_matches_case
from extract.records import Actor

# the kinds of actor whose publications speak in their own voice
OFFICIAL_KINDS = frozenset({"state", "agency", "intergov"})
MAX_NAME_WORDS = 8


@lru_cache(maxsize=4096)  # a corpus has few publishers, and every document asks several times
def official_publishers(publisher: str | None) -> tuple[tuple[str, str], ...]:
    """(actor id, kind) of the official bodies a publisher's name holds, in order:
    "Foreign, Commonwealth & Development Office (GOV.UK)" -> GBR; "CISA" -> CISA; a newspaper or
    an encyclopedia -> none. Notes in brackets are left out."""
    if not publisher:
        return ()
    name, *notes = re.split(r"[(\[]", publisher, maxsplit=1)
    if {w.lower() for w in re.findall(r"\w+", name)} & media_words():
        return ()  # 'Voice of America' is a newspaper's voice, not America's
    gazetteer = load_gazetteer()
    # 'Embassy of China in the United States', 'Mission permanente de la France auprès des Nations
    # unies': the body after a host preposition receives the mission, it does not publish
    found = official_named_in(before_host(name)) or official_named_in(name)
    if not found:  # 'Cabinet Office, gov.uk': a government's domain says which state publishes
        found = [actor for i in government_domains(publisher) if (actor := gazetteer.get(i)) is not None]
    # 'National Cyber Security Centre (New Zealand)': a shared name's owner of the noted country
    countries = {a.id for note in notes for a in actors_named_in(note) if a.kind == "state"}
    if countries:
        found = [gazetteer.get(gazetteer.owner_in(a.id, countries)) or a for a in found]
    if len(countries) == 1 and any(w.lower() in government_words() for w in NAME_WORDS.findall(name)):
        # 'Federal Foreign Office (Germany)' (not the UK's 'Foreign Office'), 'Department of Foreign
        # Affairs and Trade (Australia)': a government body of the noted state
        noted = gazetteer.get(next(iter(countries)))
        others = [a for a in found if a.kind == "state" and a.id not in countries]
        found = [a for a in found if a not in others] or ([noted] if noted is not None else [])
    return tuple((a.id, a.kind) for a in found)


def official_named_in(name: str) -> list[Actor]:
    """The states, agencies and intergovernmental bodies a publisher's name holds."""
    return [a for a in actors_named_in(name) if a.kind in OFFICIAL_KINDS] or governments_by_adjective(name)


def before_host(name: str) -> str:
    """A publisher's name up to its first host preposition ('in', 'to', « auprès »: lexicon
    ``host_prepositions``), or the whole name when it has none."""
    words = publisher_words()["host_prepositions"]["words"]
    match = re.search(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", name)
    return name[: match.start()] if match else name


def governments_by_adjective(name: str) -> list[Actor]:
    """'Swedish Government', 'Czech Ministry of Foreign Affairs', « Gouvernement suédois »: the
    state whose adjective stands right before or after a government word."""
    words = NAME_WORDS.findall(name)
    gazetteer = load_gazetteer()
    adjacent = list(zip(words, words[1:], strict=False))
    candidates = [w for w, a in adjacent if a.lower() in government_words()]
    candidates += [a for w, a in adjacent if w.lower() in government_words()]
    for word in candidates:
        for alias in gazetteer.lookup(word):
            if alias.role == "demonym" and text_matches_case(word, alias.text):
                actor = gazetteer.get(alias.actor_id)
                if actor is not None and actor.kind == "state":
                    return [actor]
    return []


@cache
def government_words() -> frozenset[str]:
    """Words that make a publisher a state's government (extract/lexicons/publishers.json)."""
    return frozenset(publisher_words()["government_words"]["words"])


# a word of a name; an elided article is a word of its own: « Conseil de l'UE »
NAME_WORDS = re.compile(r"(?i:[ldjnsc]['’])(?=\w)|[\w][\w.&'’-]*")


@cache
def longest_official_name() -> int:
    """The words of the longest name of an official body (« Agence nationale de la sécurité des
    systèmes d'information » is 9: a shorter reach read its first words as the NSA's French name),
    at least MAX_NAME_WORDS."""
    gazetteer = load_gazetteer()
    return max(
        [MAX_NAME_WORDS]
        + [
            len(NAME_WORDS.findall(a.text))
            for a in gazetteer.aliases
            if a.role == "name" and gazetteer.actors[a.actor_id].kind in OFFICIAL_KINDS
        ]
    )


def actors_named_in(text: str) -> list[Actor]:
    """The known actors a short text names, in order, the longest name first at each word."""
    words = NAME_WORDS.findall(text)
    gazetteer = load_gazetteer()
    found: list[Actor] = []
    i = 0
    while i < len(words):
        for n in range(min(longest_official_name(), len(words) - i), 0, -1):
            name = " ".join(words[i : i + n])
            aliases = [
                a for a in gazetteer.lookup(name) if a.role == "name" and text_matches_case(name, a.text)
            ]
            actor = gazetteer.get(aliases[0].actor_id) if aliases else None
            if actor is not None:
                if actor not in found:
                    found.append(actor)
                i += n
                break
        else:
            i += 1
    return found


DOMAIN = re.compile(r"(?<![\w.-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w.-])", re.IGNORECASE)


def government_domains(publisher: str) -> list[str]:
    """The states whose government domains a publisher's name gives ('Cabinet Office, gov.uk' ->
    GBR; 'justice.gov' -> USA; not 'wired-gov.net'), from publishers.json's official_domains."""
    suffixes = official_domains()
    found: list[str] = []
    for match in DOMAIN.finditer(publisher):
        domain = match.group(1).lower()
        for suffix, state in suffixes.items():
            if (domain == suffix or domain.endswith("." + suffix)) and state not in found:
                found.append(state)
    return found


@cache
def host_prepositions() -> frozenset[str]:
    """The words after which a mission's or an embassy's host is named ('to', « auprès »)."""
    return frozenset(publisher_words()["host_prepositions"]["words"])


@cache
def publisher_words() -> dict:
    """extract/lexicons/publishers.json, read once."""
    return json.loads((LEXICON_DIR / "publishers.json").read_text(encoding="utf-8"))


def publisher_state(publisher: str | None) -> str | None:
    """The state whose body publishes: an official publisher's state, else the country of a body
    its name holds ('UK Parliament' -> GBR), else a parliament of publishers.json's legislatures
    ('Assemblée nationale' -> FRA)."""
    if not publisher:
        return None
    gazetteer = load_gazetteer()
    for actor_id, kind in official_publishers(publisher):
        actor = gazetteer.get(actor_id)
        country = actor_id if kind == "state" else (actor.country if actor is not None else None)
        if country:
            return country
    name = re.split(r"[(\[]", publisher, maxsplit=1)[0]
    if {w.lower() for w in re.findall(r"\w+", name)} & media_words():
        return None
    countries = [a.country for a in actors_named_in(name) if a.country]
    if countries:
        return countries[0]
    legislatures = publisher_words().get("legislatures", {})
    named = [
        state
        for words, state in legislatures.items()
        if not words.startswith("_") and words in publisher.lower()
    ]
    return named[0] if named else None


@cache
def official_domains() -> dict[str, str]:
    domains = publisher_words().get("official_domains", {})
    return {k: v for k, v in domains.items() if not k.startswith("_")}


@cache
def media_words() -> frozenset[str]:
    """Words of news outlets' and reference works' names (extract/lexicons/publishers.json)."""
    return frozenset(publisher_words()["media_words"])
