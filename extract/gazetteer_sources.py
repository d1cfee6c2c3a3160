"""The sources the gazetteer is built from: the states of pycountry and CLDR, the curated files
of ``data/actors`` and their names in more languages, and the country-qualified forms of a name
several cyber agencies share. (The MISP galaxy's groups are read by ``extract.galaxy``.)"""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from extract.alias_keys import case_mode, normalize
from extract.gazetteer_table import ROLES, Alias, Gazetteer
from extract.records import Actor

PYCOUNTRY_LOCALES = {"fr": "fr", "es": "es", "zh": "zh_CN", "de": "de", "ru": "ru", "el": "el"}
# CLDR locales whose short territory names are aliases of the states, per language
CLDR_LOCALES = {"es": ("es",), "de": ("de",), "ru": ("ru",), "el": ("el",), "zh": ("zh", "zh_Hant")}
TRANSLATED_NAMES = "names_*.jsonl"  # names of known actors in more languages
# galaxy synonyms that are identifiers or generic words, not names a text would use for a group
GALAXY_ALIAS_SKIP = re.compile(r"^(G\d{4}|Group \d+|Operation .*|Subgroup: .*|.{1,2})$", re.IGNORECASE)
MAX_COUNTRY_WORDS = 3  # longer names of a country do not qualify an agency's shared name


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not valid JSON ({error.msg})") from error


def _french_forms(word: str) -> list[str]:
    """A French adjective and its plural (chinois -> chinois; chinoise -> chinoises)."""
    forms = [word]
    if not word.endswith(("s", "x")):
        forms.append(word + "s")
    return forms


def _aliases_of(entry: dict, actor_id: str) -> list[Alias]:
    out: list[Alias] = []
    for key, role in (("aliases", "name"), ("capitals", "capital"), ("demonyms", "demonym")):
        value = entry.get(key) or {}
        if isinstance(value, list):
            value = {None: value}
        for lang, texts in value.items():
            for text in texts:
                forms = _french_forms(text) if role == "demonym" and lang == "fr" else [text]
                out.extend(Alias(form, actor_id, role, lang) for form in forms)
    return out


def add_states(gazetteer: Gazetteer, excluded: set[str]) -> None:
    import pycountry

    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)
        for lang, locale in PYCOUNTRY_LOCALES.items()
    }
    for country in pycountry.countries:
        if country.alpha_3 in excluded:
            gazetteer.territories |= territory_names(country, translations)
            continue
        english = [
            getattr(country, "common_name", None),
            country.name,
            getattr(country, "official_name", None),
        ]
        english = [n for n in english if n]
        names: list[Alias] = [
            Alias(n, country.alpha_3, "name", "en", "iso3166") for n in english if "," not in n
        ]
        for lang, translation in translations.items():
            for name in english[1:]:
                local = translation.gettext(name)
                if local != name and "," not in local:
                    names.append(Alias(local, country.alpha_3, "name", lang, "iso3166"))
        display = english[0]
        actor = Actor(
            id=country.alpha_3,
            name=display,
            kind="state",
            country=country.alpha_3,
            aliases=tuple(dict.fromkeys(a.text for a in names)),
            source="iso3166",
            ref=country.alpha_2,
        )
        gazetteer.add(actor, names)


def territory_names(country, translations: dict) -> set[str]:
    """A territory's names in lower case, in English and the languages of ``translations``
    ("Hong Kong", "Macao", « Porto Rico »)."""
    english = [n for n in (getattr(country, "common_name", None), country.name) if n and "," not in n]
    local = {translation.gettext(name) for translation in translations.values() for name in english}
    return {name.lower() for name in [*english, *local] if "," not in name}


def add_cldr_states(gazetteer: Gazetteer) -> None:
    """CLDR's usual short name of each state per language ("Russland", not "Russische Föderation")."""
    from babel import Locale

    names: dict[str, list[Alias]] = {}  # actor id -> its CLDR names (one merge per actor)
    states = [a for a in gazetteer.actors.values() if a.source == "iso3166" and a.ref]
    for lang, locales in CLDR_LOCALES.items():
        for locale in locales:
            territories = Locale.parse(locale).territories
            for actor in states:
                name = territories.get(actor.ref)
                if name and "," not in name:
                    names.setdefault(actor.id, []).append(Alias(name, actor.id, "name", lang, "iso3166"))
    for actor in states:
        aliases = names.get(actor.id, [])
        if aliases:
            gazetteer.add(replace(actor, aliases=tuple(a.text for a in aliases)), aliases)


def add_translated_names(gazetteer: Gazetteer, data_dir: Path, excluded: set[str]) -> None:
    """Names of actors in more languages (``names_*.jsonl``): an entry completes a known actor,
    or adds a new one when it gives its ``name`` and ``kind``."""
    for path in sorted(data_dir.glob(TRANSLATED_NAMES)):
        for number, entry in enumerate(_read_jsonl(path), 1):
            actor_id = entry.get("id")
            if actor_id in excluded:
                continue
            actor = gazetteer.get(actor_id) if actor_id else None
            if actor is None and entry.get("name") and entry.get("kind"):
                actor = Actor(actor_id, entry["name"], entry["kind"], entry.get("country"))
            if actor is None:
                raise ValueError(f"{path}:{number}: unknown actor id {actor_id!r} (and no name and kind)")
            if actor.kind == "person":
                aliases = [Alias(text, actor_id, "name", None) for text in entry.get("aliases", [])]
            else:
                aliases = _aliases_of(entry, actor_id)
            gazetteer.add(replace(actor, aliases=tuple(a.text for a in aliases)), aliases)


def add_curated(gazetteer: Gazetteer, data_dir: Path, excluded: set[str]) -> None:
    files = {
        "states.jsonl": "state",
        "intergov.jsonl": "intergov",
        "agencies.jsonl": "agency",
        "cyber_agencies.jsonl": "agency",
        "companies.jsonl": "company",
        "institutions.jsonl": "other",
        "groups.jsonl": "group",
        "criminal_groups.jsonl": "group",
        "people.jsonl": "person",
    }
    for filename, default_kind in files.items():
        path = data_dir / filename
        if not path.exists():
            raise FileNotFoundError(f"{path}: curated actor file missing (see data/actors/SOURCES.md)")
        for number, entry in enumerate(_read_jsonl(path), 1):
            actor_id = entry.get("id")
            if not actor_id:
                raise ValueError(f"{path}:{number}: entry without an 'id'")
            if actor_id in excluded:
                continue
            kind = entry.get("kind", default_kind)
            if kind == "person":
                aliases = [Alias(text, actor_id, "name", None) for text in entry.get("aliases", [])]
                gazetteer.short_names[actor_id] = tuple(entry.get("short", []))
            else:
                aliases = _aliases_of(entry, actor_id)
            if entry.get("shared"):
                aliases += _qualified_names(gazetteer, entry["shared"], actor_id, entry["country"])
            existing = gazetteer.get(actor_id)
            if (
                existing is None
                and kind in ("state", "group")
                and filename in ("states.jsonl", "groups.jsonl")
            ):
                raise ValueError(f"{path}:{number}: {actor_id} is not a known {kind} id to complete")
            name = entry.get("name") or (existing.name if existing else aliases[0].text)
            country = entry.get("country", actor_id if kind == "state" else None)
            actor = Actor(
                id=actor_id,
                name=name,
                kind=existing.kind if existing else kind,
                country=country,
                # names first, then capitals and adjectives: all of them are ways to search for it
                aliases=tuple(
                    dict.fromkeys(a.text for a in sorted(aliases, key=lambda a: ROLES.index(a.role)))
                ),
                source=existing.source if existing else "curated",
                ref=entry.get("ref"),
            )
            gazetteer.add(actor, aliases)
            if filename == "cyber_agencies.jsonl" or entry.get("country_in_name"):
                gazetteer.country_in_name.add(actor_id)
            if entry.get("offensive"):
                gazetteer.offensive.add(actor_id)


def country_words(gazetteer: Gazetteer, country: str, role: str, lang: str) -> list[str]:
    """The short names (or adjectives) of a state in a language: its ISO 3166 names and its two
    shortest curated ones ("United Kingdom", "UK", "U.K."; "Irish"), official names left out."""
    by_origin: dict[str, set[str]] = {"iso3166": set(), "curated": set()}
    for a in gazetteer.aliases_of(country):
        words = a.text.split()
        if a.role == role and a.lang == lang and "," not in a.text and len(words) <= MAX_COUNTRY_WORDS:
            if a.origin in by_origin and words[0].lower() != "the":
                by_origin[a.origin].add(a.text)
    curated = sorted(by_origin["curated"], key=lambda text: (len(text), text))[:2]
    return sorted(by_origin["iso3166"]) + [c for c in curated if c not in by_origin["iso3166"]]


def _qualified_names(gazetteer: Gazetteer, shared: dict, actor_id: str, country: str) -> list[Alias]:
    """A shared name qualified by its country: "Irish National Cyber Security Centre", "Ireland's
    NCSC", "NCSC-IE", "centre national de cybersécurité irlandais", and an acronym's in every
    language (« NCSC irlandais », « NCSC de Nouvelle-Zélande »). The bare shared name is
    recorded in ``shared_names`` (the text names its first owner unless it qualifies another)."""
    state = gazetteer.get(country)
    code = state.ref if state is not None else None
    out = []
    for lang, names in shared.items():
        for name in names:
            owners = gazetteer.shared_names.get(normalize(name), ())
            gazetteer.shared_names[normalize(name)] = tuple(dict.fromkeys((*owners, actor_id)))
            # an acronym is written as it is in every language: « le NCSC néo-zélandais »
            langs = QUALIFIED_FORMS if case_mode(name) == "exact" else (lang,)
            for form_lang in langs:
                countries = country_words(gazetteer, country, "name", form_lang)
                adjectives = country_words(gazetteer, country, "demonym", form_lang)
                forms = QUALIFIED_FORMS[form_lang]
                texts = [f.format(name=name, country=c) for f in forms["country"] for c in countries]
                texts += [f.format(name=name, adjective=a) for f in forms["adjective"] for a in adjectives]
                out.extend(Alias(text, actor_id, "name", form_lang) for text in texts)
            if code and case_mode(name) == "exact":
                out.append(Alias(f"{name}-{code}", actor_id, "name", lang))
    return out


QUALIFIED_FORMS = {
    "en": {
        "country": ("{country} {name}", "{country}'s {name}", "{name} of {country}", "{name} ({country})"),
        "adjective": ("{adjective} {name}",),
    },
    "fr": {
        # « de la Finlande », « du Royaume-Uni », « des États-Unis », « de l'Australie »: the article
        # of the country's gender (a form a country does not take never occurs in a text)
        "country": (
            "{name} de {country}",
            "{name} de la {country}",
            "{name} du {country}",
            "{name} des {country}",
            "{name} de l'{country}",
            "{name} de l’{country}",
            "{name} ({country})",
        ),
        "adjective": ("{name} {adjective}",),
    },
}
