"""The actor gazetteer: every known actor and every alias, with no spaCy.

Three sources, merged into one table of ``extract.records.Actor``:

- threat groups, security vendors and threat-intelligence producers from the MISP galaxy
  (``pymispgalaxies``, offline; see ``extract.galaxy``);
- sovereign states from ``pycountry`` (ISO 3166-1), with names in English, French, Spanish,
  Chinese, German, Russian and Greek from its gettext translations, and the usual short names of
  CLDR (Babel's locale data: "Russland", "Россия", "Βόρεια Κορέα", "北韓"); id = ISO3;
- ``data/actors/*.jsonl``: what those lack (short names, capitals, nationality adjectives,
  alliances, agencies, national cyber agencies and CERTs, companies, institutions, people). See
  ``data/actors/SOURCES.md``. A name several cyber agencies share ("National Cyber Security
  Centre") gets its country-qualified forms ("Irish National Cyber Security Centre", "NCSC-IE");
  ``data/actors/names_*.jsonl``: the names of known actors in more languages, with their
  inflected forms ("России", "Πεκίνου").

``load_gazetteer()`` is cached; ``Gazetteer.resolve(alias)`` is an exact, case- and
accent-insensitive lookup. ``kb`` uses ``load_gazetteer().actors`` to fill its actors table.

The table and its lookups are in ``gazetteer_table``, the keys and case rules of aliases in
``alias_keys``, the sources in ``gazetteer_sources``, the implied variants of names in
``gazetteer_variants``; this module builds the gazetteer from them, in order, and caches it.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from extract.alias_keys import (
    DASHES,
    DESCRIBED_WORDS,
    NOT_WORD,
    SPACES,
    STRING_CACHE_SIZE,
    case_mode,
    compact,
    normalize,
    text_matches_case,
)
from extract.gazetteer_sources import (
    CLDR_LOCALES,
    GALAXY_ALIAS_SKIP,
    MAX_COUNTRY_WORDS,
    PYCOUNTRY_LOCALES,
    QUALIFIED_FORMS,
    TRANSLATED_NAMES,
    add_cldr_states,
    add_curated,
    add_states,
    add_translated_names,
)
from extract.gazetteer_table import (
    AMPERSAND_WORDS,
    ATTACK_ID,
    ROLES,
    SOURCE_RANK,
    Alias,
    Gazetteer,
    ampersand_variants,
)
from extract.gazetteer_variants import (
    APT_NAME,
    FRENCH_BODY_HEADS,
    POSSESSOR_KINDS,
    STATE_BODY_KINDS,
    add_french_adjective_variants,
    add_guarded_names,
    add_possessive_variants,
    add_spelled_out_apt_names,
    possessive,
)
from extract.resources import project_file

# the names this module gave before it was split, still importable from it
__all__ = [
    "AMPERSAND_WORDS",
    "APT_NAME",
    "ATTACK_ID",
    "CLDR_LOCALES",
    "DASHES",
    "DATA_DIR",
    "DESCRIBED_WORDS",
    "FRENCH_BODY_HEADS",
    "GALAXY_ALIAS_SKIP",
    "LANGUAGES",
    "MAX_COUNTRY_WORDS",
    "NOT_WORD",
    "POSSESSOR_KINDS",
    "PYCOUNTRY_LOCALES",
    "QUALIFIED_FORMS",
    "ROLES",
    "SOURCE_RANK",
    "SPACES",
    "STATE_BODY_KINDS",
    "STRING_CACHE_SIZE",
    "TRANSLATED_NAMES",
    "Alias",
    "Gazetteer",
    "ampersand_variants",
    "build_gazetteer",
    "case_mode",
    "compact",
    "load_gazetteer",
    "normalize",
    "possessive",
    "text_matches_case",
]

DATA_DIR = project_file("data/actors")
LANGUAGES = ("en", "fr", "es", "zh", "de", "ru", "el")


def build_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Assemble the gazetteer from the galaxy, pycountry and the curated files."""
    excluded_path = data_dir / "non_sovereign.json"
    excluded = set(json.loads(excluded_path.read_text(encoding="utf-8"))["alpha_3"])
    stoplist_path = data_dir / "galaxy_alias_stoplist.json"
    stoplists = json.loads(stoplist_path.read_text(encoding="utf-8"))
    stoplist = {key: {normalize(a) for a in stoplists[key]} for key in ("groups", "producers")}
    gazetteer = Gazetteer()
    from extract.galaxy import galaxy_groups, galaxy_producers

    add_states(gazetteer, excluded)
    add_cldr_states(gazetteer)
    galaxy_groups(gazetteer, stoplist["groups"])
    add_curated(gazetteer, data_dir, excluded)
    galaxy_producers(gazetteer, stoplist["producers"])
    add_translated_names(gazetteer, data_dir, excluded)
    add_french_adjective_variants(gazetteer)
    add_possessive_variants(gazetteer)
    add_spelled_out_apt_names(gazetteer)
    add_guarded_names(gazetteer, stoplists["groups"])
    return gazetteer


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The project's gazetteer, built once per process, or read from the disk cache when none of
    what it is built from changed (extract/disk_cache.py)."""
    from extract import (
        accents,
        alias_keys,
        galaxy,
        gazetteer_sources,
        gazetteer_table,
        gazetteer_variants,
        records,
    )
    from extract.disk_cache import cached, fingerprint
    from extract.long_lived import long_lived

    code = [Path(__file__), Path(galaxy.__file__), Path(records.__file__), Path(accents.__file__)]
    # (the modules split out of this one build the gazetteer too: a change to them rebuilds it)
    code += [Path(m.__file__) for m in (alias_keys, gazetteer_table, gazetteer_sources, gazetteer_variants)]
    clusters = [path for name in galaxy.CLUSTERS if (path := galaxy.cluster_path(name)) is not None]
    data = [path for path in DATA_DIR.rglob("*") if path.is_file()]
    key = fingerprint([*code, *clusters, *data], packages=("pycountry", "babel", "pymispgalaxies"))
    with long_lived():  # (kept for the process's life: no collector pass while it is made)
        return cached("gazetteer", key, build_gazetteer)
