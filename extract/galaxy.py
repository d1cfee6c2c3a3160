"""Actors read from the MISP galaxy shipped in ``pymispgalaxies`` (CC0 / BSD-2 data), offline.

- ``threat-actor``: threat groups and their synonyms; id = the galaxy value upper-cased with
  spaces as ``_``; entries the galaxy lists twice are merged; ``ref`` = the ATT&CK group id when
  the galaxy has one, else the MISP uuid;
- ``producer``: security vendors, threat-intelligence teams and CERTs that publish threat
  intelligence; a producer that a curated file already names (by any of its names) only adds
  its names to that actor; news sites, blogs and platforms are left out, and names that are
  ordinary words or places ("Medium", "Palo Alto") are kept as aliases but never matched.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import re
from pathlib import Path

from extract.gazetteer import ATTACK_ID, GALAXY_ALIAS_SKIP, Alias, Gazetteer, normalize
from extract.records import Actor

ATTACK_URL = re.compile(r"attack\.mitre\.org/groups/(G\d{4})")
# company types of producers that are no actor of a cyber story: where news is read, not made
NOT_PRODUCERS = re.compile(r"news|blog|publishing|networking platform|resource platform|community", re.I)
PRODUCER_KINDS = ("company", "agency", "intergov", "other")


@dataclasses.dataclass
class GalaxyMeta:
    """The parts of a cluster value's ``meta`` the gazetteer reads."""

    country: str | None = None
    synonyms: frozenset[str] = frozenset()
    refs: frozenset[str] = frozenset()
    company_type: tuple[str, ...] = ()


@dataclasses.dataclass
class GalaxyValue:
    value: str
    description: str | None
    uuid: str | None
    meta: GalaxyMeta | None


CLUSTERS = ("threat-actor", "producer")  # the clusters the gazetteer reads


def cluster_path(name: str) -> Path | None:
    """The JSON file of one cluster of the galaxy shipped in ``pymispgalaxies`` (located, not
    imported), or None without the package."""
    spec = importlib.util.find_spec("pymispgalaxies")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]) / "data" / "misp-galaxy" / "clusters" / f"{name}.json"


def _cluster_values(name: str) -> list[GalaxyValue]:
    """The values of one cluster of the galaxy shipped in ``pymispgalaxies``, as its ``Clusters``
    reads them (a value listed again under the same uuid replaces the first in its place).

    The JSON file is read directly: importing ``pymispgalaxies`` imports jsonschema and its format
    checkers, about 2 s of every ``kb ingest`` and of each worker, for two files of data.
    """
    path = cluster_path(name)
    if path is None or not path.is_file():
        return []
    values: dict[str, GalaxyValue] = {}
    for entry in json.loads(path.read_text(encoding="utf-8")).get("values", []):
        if not entry.get("value"):
            continue
        meta = entry.get("meta")
        values[entry["value"].lower()] = GalaxyValue(
            value=entry["value"],
            description=entry.get("description"),
            uuid=entry.get("uuid"),
            meta=GalaxyMeta(
                country=meta.get("country"),
                synonyms=frozenset(meta.get("synonyms", [])),
                refs=frozenset(meta.get("refs", [])),
                company_type=tuple(meta.get("company-type", [])),
            )
            if meta
            else None,
        )
    return list(values.values())


def galaxy_groups(gazetteer: Gazetteer, stoplist: set[str]) -> None:
    """Threat groups and their synonyms (cluster ``threat-actor``); entries listed twice merged."""
    values = _cluster_values("threat-actor")
    by_key = {normalize(v.value): v for v in values}

    # the galaxy's synonyms and refs are sets: sorted, so that aliases and ids do not
    # depend on PYTHONHASHSEED
    def synonyms(value) -> list[str]:
        return sorted(value.meta.synonyms) if value.meta else []

    def attack_id(value) -> str | None:
        for synonym in synonyms(value):
            if ATTACK_ID.match(synonym):
                return synonym
        for ref in sorted(value.meta.refs) if value.meta else []:
            match = ATTACK_URL.search(ref)
            if match:
                return match.group(1)
        return None

    # an entry listed twice: its value is a synonym of another entry that names it back,
    # or that has an ATT&CK id it lacks -> merge it into that entry
    primary: dict[str, str] = {}
    for value in values:
        for synonym in synonyms(value):
            other = by_key.get(normalize(synonym))
            if other is None or other is value:
                continue
            mutual = normalize(value.value) in {normalize(s) for s in synonyms(other)}
            if mutual and normalize(other.value) in primary:
                continue
            if mutual or (attack_id(value) and not attack_id(other)):
                primary.setdefault(normalize(other.value), value.value)

    def root(name: str) -> str:
        seen = set()
        while normalize(name) in primary and name not in seen:
            seen.add(name)
            name = primary[normalize(name)]
        return name

    for value in values:
        head = by_key[normalize(root(value.value))]
        actor_id = re.sub(r"\s+", "_", head.value.strip()).upper()
        country_iso2 = value.meta.country if value.meta else None
        country = iso3(country_iso2)
        names = [value.value] + [s for s in synonyms(value) if not GALAXY_ALIAS_SKIP.match(s)]
        actor = Actor(
            id=actor_id,
            name=head.value,
            kind="group",
            country=country,
            aliases=tuple(dict.fromkeys(names)),
            source="misp-galaxy",
            ref=attack_id(head) or head.uuid,
        )
        matchable = [n for n in names if normalize(n) not in stoplist]
        gazetteer.add(actor, [Alias(n, actor_id, "name", None, "misp-galaxy") for n in matchable])


@functools.cache
def iso3(alpha_2: str | None) -> str | None:
    if not alpha_2:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha_2.upper())
    return country.alpha_3 if country else None


def galaxy_producers(gazetteer: Gazetteer, stoplist: set[str]) -> None:
    """Threat-intelligence producers (cluster ``producer``), after the curated files."""
    for value in _cluster_values("producer"):
        meta = value.meta
        kinds = " ".join(meta.company_type) if meta else ""
        if NOT_PRODUCERS.search(kinds) or NOT_PRODUCERS.search(value.description or ""):
            continue
        names = [value.value] + sorted(meta.synonyms if meta else [])
        names = [n.strip() for n in names if n.strip() and not GALAXY_ALIAS_SKIP.match(n.strip())]
        known = next((k for k in map(gazetteer.resolve, names) if k and _is_producer(gazetteer, k)), None)
        code = meta.country if meta else None
        actor = Actor(
            id=known or re.sub(r"[^A-Z0-9]+", "_", value.value.upper()).strip("_"),
            name=value.value,
            kind="company",
            country=iso3(code) if code and len(code) == 2 else None,
            aliases=tuple(dict.fromkeys(names)),
            source="misp-galaxy",
            ref=value.uuid,
        )
        matchable = [n for n in names if normalize(n) not in stoplist]
        gazetteer.add(actor, [Alias(n, actor.id, "name", None, "misp-galaxy") for n in matchable])


def _is_producer(gazetteer: Gazetteer, actor_id: str) -> bool:
    return gazetteer.actors[actor_id].kind in PRODUCER_KINDS
