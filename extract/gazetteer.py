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
"""

from __future__ import annotations

import functools
import gettext
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from extract.accents import without_combining
from extract.records import Actor
from extract.resources import project_file

DATA_DIR = project_file("data/actors")
LANGUAGES = ("en", "fr", "es", "zh", "de", "ru", "el")
PYCOUNTRY_LOCALES = {"fr": "fr", "es": "es", "zh": "zh_CN", "de": "de", "ru": "ru", "el": "el"}
# CLDR locales whose short territory names are aliases of the states, per language
CLDR_LOCALES = {"es": ("es",), "de": ("de",), "ru": ("ru",), "el": ("el",), "zh": ("zh", "zh_Hant")}
TRANSLATED_NAMES = "names_*.jsonl"  # names of known actors in more languages
ROLES = ("name", "capital", "demonym")  # how an alias names its actor
ATTACK_ID = re.compile(r"^G\d{4}$")
# galaxy synonyms that are identifiers or generic words, not names a text would use for a group
GALAXY_ALIAS_SKIP = re.compile(r"^(G\d{4}|Group \d+|Operation .*|Subgroup: .*|.{1,2})$", re.IGNORECASE)
MAX_COUNTRY_WORDS = 3  # longer names of a country do not qualify an agency's shared name
SOURCE_RANK = {"curated": 0, "iso3166": 1, "misp-galaxy": 2, "discovered": 3}


DASHES = re.compile(r"[‐-―\-_/]")  # hyphens and dashes
SPACES = re.compile(r"\s+")
NOT_WORD = re.compile(r"[\W_]+")
# the keys are pure functions of a string, asked again for the same aliases and words (each alias
# twice while the gazetteer is built, each name once per mention): cached, with a bound so that a
# long run's memory stays flat
STRING_CACHE_SIZE = 1 << 16


@functools.lru_cache(maxsize=STRING_CACHE_SIZE)
def normalize(text: str) -> str:
    """The lookup key of an alias: case-folded, accents and punctuation variants removed."""
    text = without_combining(unicodedata.normalize("NFKD", text))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = DASHES.sub(" ", text)
    text = SPACES.sub(" ", text).strip().casefold()
    return text


@functools.lru_cache(maxsize=STRING_CACHE_SIZE)
def compact(text: str) -> str:
    """A looser key: letters and digits only ("APT-31", "APT 31" and "apt31" meet)."""
    return NOT_WORD.sub("", normalize(text))


@functools.lru_cache(maxsize=STRING_CACHE_SIZE)
def case_mode(alias: str) -> str:
    """How strictly a text must match the alias's case.

    ``exact`` for short all-caps acronyms (US, UK, EU, NSA: "us" is a pronoun), ``capital`` for
    proper names (the text's first letter must be upper case: "Nitro" the group, not "nitro"),
    ``any`` for lower-case aliases (adjectives and descriptions: "chinois", "le Kremlin") and for
    descriptive names (``_described``).
    """
    letters = [ch for ch in alias if ch.isalpha()]
    if not letters:
        return "any"
    if len(letters) <= 4 and all(ch.isupper() for ch in letters):
        return "exact"
    if letters[0].isupper() and not _described(alias):
        return "capital"
    return "any"


DESCRIBED_WORDS = 4  # words of a descriptive name that French may write in lower case


def _described(alias: str) -> bool:
    """Is the alias an institution's description rather than a proper name: four words or more,
    those after the first in lower case (« Centre australien de cybersécurité », « Service fédéral
    de sécurité »)? French writes those in lower case too (« le centre australien de cybersécurité »)."""
    words = alias.split()
    return len(words) >= DESCRIBED_WORDS and all(not w[0].isalpha() or w[0].islower() for w in words[1:])


def text_matches_case(text: str, alias: str) -> bool:
    """Does ``text`` (as written in a document) respect the case rule of ``alias``?"""
    mode = case_mode(alias)
    if mode == "exact":
        return re.sub(r"\W", "", text) == re.sub(r"\W", "", alias)
    if mode == "capital":
        letters = [ch for ch in text if ch.isalpha()]
        return bool(letters) and letters[0].isupper()
    return True


@dataclass(frozen=True)
class Alias:
    """One way of naming an actor in one language."""

    text: str
    actor_id: str
    role: str = "name"  # name | capital | demonym
    lang: str | None = None
    origin: str = "curated"  # which source gave the alias: curated | iso3166 | misp-galaxy


# the conjunctions a name may write as "&" ("Cybersecurity & Infrastructure Security Agency")
AMPERSAND_WORDS = ("and", "et")


def ampersand_variants(aliases: list[Alias]) -> list[Alias]:
    """The aliases whose conjunction is written as an ampersand, as names often are."""
    return [
        replace(alias, text=alias.text.replace(f" {word} ", " & "))
        for alias in aliases
        for word in AMPERSAND_WORDS
        if f" {word} " in alias.text
    ]


@dataclass
class Gazetteer:
    """Every known actor (id -> Actor) and an exact index of their aliases."""

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    short_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person id -> surnames
    # agencies whose own names hold their country ("Australian Cyber Security Centre"): that
    # word is part of the name, not a mention of the state
    country_in_name: set[str] = field(default_factory=set)
    # a name that several agencies share ("National Cyber Security Centre") -> their ids; the
    # text names the first unless it qualifies another one ("Irish National Cyber Security Centre")
    shared_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # services known for offensive cyber operations ("offensive": true): naming one names someone
    # behind an operation
    offensive: set[str] = field(default_factory=set)
    # threat-group names the galaxy gives that are ordinary words ("Elfin", "Snake", "Cobalt";
    # ``galaxy_alias_stoplist.json``): never matched as such, only where the text says they name a
    # group ("a group dubbed Elfin", « le groupe Elfin »; ``extract.actor_guarded``) -> the ids
    # of the groups that have the name among their aliases
    guarded: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _index: dict[str, list[Alias]] = field(default_factory=dict, repr=False)
    _compact: dict[str, list[Alias]] = field(default_factory=dict, repr=False)
    _by_actor: dict[str, list[Alias]] = field(default_factory=dict, repr=False)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup(self, text: str) -> list[Alias]:
        """Every alias entry whose key equals the text's key, best first."""
        found = self._index.get(normalize(text)) or self._compact.get(compact(text)) or []
        return sorted(found, key=self.rank)

    def resolve(self, alias: str) -> str | None:
        """The canonical id an alias names (exact, case/accent-insensitive), or None."""
        found = self.lookup(alias)
        return found[0].actor_id if found else None

    def owner_in(self, actor_id: str, countries: set[str]) -> str:
        """The agency of one of ``countries`` that shares a name with ``actor_id`` ("National Cyber
        Security Centre (New Zealand)": NCSC_NZ, not the UK's), else ``actor_id`` itself."""
        actor = self.actors.get(actor_id)
        if actor is None or actor.country in countries:
            return actor_id
        for owners in self.shared_names.values():
            if actor_id in owners:
                other = next(
                    (o for o in owners if o in self.actors and self.actors[o].country in countries), None
                )
                if other is not None:
                    return other
        return actor_id

    def aliases_for(self, lang: str) -> Iterator[Alias]:
        """The aliases to look for in a text of ``lang``: proper names and acronyms in any language
        (texts quote foreign names: "Whois Team" in French), lower-case words only in their own."""
        for alias in self.aliases:
            if (
                alias.lang in (None, lang)
                or lang == "xx"
                or case_mode(alias.text) != "any"
                or _described(alias.text)
            ):
                yield alias

    def rank(self, alias: Alias) -> tuple:
        """Sort key of competing aliases: names before capitals and adjectives, curated first."""
        actor = self.actors[alias.actor_id]
        return (
            ROLES.index(alias.role),
            SOURCE_RANK.get(alias.origin, 9),
            SOURCE_RANK.get(actor.source, 9),
            normalize(actor.name) != normalize(alias.text),
            actor.ref is None or not ATTACK_ID.match(actor.ref or ""),
            -len(actor.aliases),
            actor.id,
        )

    def add(self, actor: Actor, aliases: list[Alias]) -> None:
        """Add or merge an actor and index its aliases."""
        old = self.actors.get(actor.id)
        if old is not None:
            merged = tuple(dict.fromkeys(old.aliases + actor.aliases))
            actor = Actor(
                id=old.id,
                name=old.name,
                kind=old.kind,
                country=old.country or actor.country,
                aliases=merged,
                source=old.source,
                ref=old.ref or actor.ref,
            )
        self.actors[actor.id] = actor
        # (the actor's own index, not a scan of every alias: merges are many)
        seen = {(a.text, a.role, a.lang) for a in self._by_actor.get(actor.id, ())} if old else set()
        for alias in [*aliases, *ampersand_variants(aliases)]:
            if not alias.text.strip() or (alias.text, alias.role, alias.lang) in seen:
                continue
            seen.add((alias.text, alias.role, alias.lang))
            self.aliases.append(alias)
            self._index.setdefault(normalize(alias.text), []).append(alias)
            self._compact.setdefault(compact(alias.text), []).append(alias)
            self._by_actor.setdefault(alias.actor_id, []).append(alias)

    def aliases_of(self, actor_id: str) -> list[Alias]:
        """Every alias entry of one actor, in the order added."""
        return self._by_actor.get(actor_id, [])


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


def _states(gazetteer: Gazetteer, excluded: set[str]) -> None:
    import pycountry

    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)
        for lang, locale in PYCOUNTRY_LOCALES.items()
    }
    for country in pycountry.countries:
        if country.alpha_3 in excluded:
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


def _cldr_states(gazetteer: Gazetteer) -> None:
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


def _translated_names(gazetteer: Gazetteer, data_dir: Path, excluded: set[str]) -> None:
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


def _curated(gazetteer: Gazetteer, data_dir: Path, excluded: set[str]) -> None:
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


def _country_words(gazetteer: Gazetteer, country: str, role: str, lang: str) -> list[str]:
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
                countries = _country_words(gazetteer, country, "name", form_lang)
                adjectives = _country_words(gazetteer, country, "demonym", form_lang)
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


def build_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Assemble the gazetteer from the galaxy, pycountry and the curated files."""
    excluded_path = data_dir / "non_sovereign.json"
    excluded = set(json.loads(excluded_path.read_text(encoding="utf-8"))["alpha_3"])
    stoplist_path = data_dir / "galaxy_alias_stoplist.json"
    stoplists = json.loads(stoplist_path.read_text(encoding="utf-8"))
    stoplist = {key: {normalize(a) for a in stoplists[key]} for key in ("groups", "producers")}
    gazetteer = Gazetteer()
    from extract.galaxy import galaxy_groups, galaxy_producers

    _states(gazetteer, excluded)
    _cldr_states(gazetteer)
    galaxy_groups(gazetteer, stoplist["groups"])
    _curated(gazetteer, data_dir, excluded)
    galaxy_producers(gazetteer, stoplist["producers"])
    _translated_names(gazetteer, data_dir, excluded)
    _french_adjective_variants(gazetteer)
    _possessive_variants(gazetteer)
    _spelled_out_apt_names(gazetteer)
    _guarded_names(gazetteer, stoplists["groups"])
    return gazetteer


APT_NAME = re.compile(r"^APT(\d+)$")


def _spelled_out_apt_names(gazetteer: Gazetteer) -> None:
    """'Advanced Persistent Threat 39' for APT39, as official texts spell it out (the acronym
    often follows in brackets)."""
    for actor in list(gazetteer.actors.values()):
        if actor.kind != "group":
            continue
        numbers = {match.group(1) for alias in actor.aliases if (match := APT_NAME.match(alias))}
        variants = [
            Alias(f"Advanced Persistent Threat {number}", actor.id, "name") for number in sorted(numbers)
        ]
        variants = [v for v in variants if not gazetteer.lookup(v.text)]
        if variants:
            gazetteer.add(actor, variants)


def _guarded_names(gazetteer: Gazetteer, names: list[str]) -> None:
    """The stoplisted group names and the groups that have each among their aliases; a name some
    other alias already matches ("Lazarus", curated) is no guarded name."""
    owners: dict[str, list[str]] = {}
    for actor in gazetteer.actors.values():
        if actor.kind == "group":
            for alias in actor.aliases:
                owners.setdefault(normalize(alias), []).append(actor.id)
    for name in names:
        if not gazetteer.lookup(name):
            gazetteer.guarded[name] = tuple(dict.fromkeys(owners.get(normalize(name), ())))


# the words a French body's name starts with, before which its state's adjective may come:
# « le ministère chinois de la Sécurité de l'État », « l'agence nationale française de ... »
FRENCH_BODY_HEADS = frozenset(
    {"ministère", "agence", "service", "services", "direction", "office", "centre", "bureau", "département",
     "commandement", "conseil", "état-major", "cybercommandement"}
)  # fmt: skip


def _french_adjective_variants(gazetteer: Gazetteer) -> None:
    """French names of agencies with their state's adjective after the first word, as French
    writes them: « ministère de la Sécurité de l'État » -> « ministère chinois de la Sécurité de
    l'État » (both genders: the adjective agrees with a noun we do not parse)."""
    for actor in list(gazetteer.actors.values()):
        if actor.kind != "agency" or not actor.country:
            continue
        adjectives = [
            a.text for a in gazetteer.aliases_of(actor.country) if a.role == "demonym" and a.lang == "fr"
        ]
        adjectives = [
            a for a in adjectives if not a.endswith(("s", "x")) or a.endswith("ais") or a.endswith("ois")
        ]
        variants = []
        for alias in gazetteer.aliases_of(actor.id):
            words = alias.text.split(" ")
            if alias.lang != "fr" or len(words) < 3 or words[0].lower() not in FRENCH_BODY_HEADS:
                continue
            if words[1].lower() not in ("de", "des", "du", "d'", "pour") and not words[1].lower().startswith(
                ("d'", "d’")
            ):
                continue  # (already qualified: « ministère chinois de ... »)
            variants += [
                Alias(" ".join([words[0], adjective, *words[1:]]), actor.id, "name", "fr")
                for adjective in adjectives
            ]
        if variants:
            gazetteer.add(actor, variants)


POSSESSOR_KINDS = ("agency", "company", "intergov")  # bodies whose names may open with their owner's
STATE_BODY_KINDS = (
    "agency",
)  # ... with their state's ("British Broadcasting Corporation" is no body of the state)


def _possessive_variants(gazetteer: Gazetteer) -> None:
    """English names of curated bodies that open with their owner's name or adjective, with the
    owner in the possessive, as English writes them: "Australian Cyber Security Centre" ->
    "Australia's Cyber Security Centre", "Russian Foreign Intelligence Service" -> "Russia's
    Foreign Intelligence Service", "Microsoft Threat Intelligence Center" -> "Microsoft's Threat
    Intelligence Center". The owner is an agency's state, or the body itself (a company's unit).
    What follows the owner must be a proper name of two words or more that names nobody alone
    ("Department of Justice" does: the text names the state and its department as it is)."""
    for actor in list(gazetteer.actors.values()):
        if actor.kind not in POSSESSOR_KINDS or actor.source != "curated":
            continue
        owners = [actor.id]
        if actor.kind in STATE_BODY_KINDS and actor.country in gazetteer.actors:
            owners.append(actor.country)
        variants = []
        for alias in gazetteer.aliases_of(actor.id):
            if alias.lang not in ("en", None) or alias.role != "name" or re.search(r"['’]s?\s", alias.text):
                continue
            for owner in owners:
                found = _owner_head(gazetteer, alias.text.split(" "), owner)
                if found is None:
                    continue
                head, rest, named = found
                if gazetteer.actors[owner].kind == "state":  # Russia's, the Russian Federation's
                    names = _possessor_names(gazetteer, owner)
                elif named.role == "name":  # "Microsoft's Threat Intelligence Center"
                    names = [head]
                else:
                    continue
                # ("the United States' Department": no second s after a plural name)
                variants += [Alias(f"{possessive(name)} {rest}", actor.id, "name", "en") for name in names]
        if variants:
            gazetteer.add(actor, variants)


def possessive(name: str) -> str:
    """An English name in the possessive: "Russia's", "the United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


def _owner_head(gazetteer: Gazetteer, words: list[str], owner: str) -> tuple[str, str, Alias] | None:
    """The first words of a name that name its owner, the longest first ("Italian Republic", not
    "Italian"), with what follows them when it is a name of its own (two words or more, a capital
    first, no known actor's name): (owner's words, the rest, the owner's alias), else None."""
    for n in range(min(MAX_COUNTRY_WORDS, len(words) - 2), 0, -1):
        head, rest = " ".join(words[:n]), words[n:]
        if not rest[0][:1].isupper() or rest[0].lower() in ("of", "for", "and", "&"):
            continue
        alias = _owner_alias(gazetteer, head, owner)
        if alias is None or _owner_alias(gazetteer, " ".join(words[: n + 1]), owner) is not None:
            continue  # ("Italian | Republic CERT": the owner's name goes on)
        if gazetteer.lookup(" ".join(rest)):
            return None  # "United States | Department of Justice": the state, then its department
        return head, " ".join(rest), alias
    return None


def _owner_alias(gazetteer: Gazetteer, text: str, owner: str) -> Alias | None:
    """The owner's name or adjective ``text`` is, if it is one."""
    for alias in gazetteer.lookup(text):
        if (
            alias.actor_id == owner
            and alias.role in ("name", "demonym")
            and text_matches_case(text, alias.text)
        ):
            return alias
    return None


def _possessor_names(gazetteer: Gazetteer, state: str) -> list[str]:
    """The names of a state in the possessive before one of its bodies: its ISO 3166 names and its
    one-word names ("Russia", "UK"), not its longer metonyms ("Global Affairs Canada")."""
    return [
        name
        for name in _country_words(gazetteer, state, "name", "en")
        if " " not in name
        or any(a.actor_id == state and a.origin != "curated" for a in gazetteer.lookup(name))
    ]


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The project's gazetteer, built once per process, or read from the disk cache when none of
    what it is built from changed (extract/disk_cache.py)."""
    from extract import accents, galaxy, records
    from extract.disk_cache import cached, fingerprint

    code = [Path(__file__), Path(galaxy.__file__), Path(records.__file__), Path(accents.__file__)]
    clusters = [path for name in galaxy.CLUSTERS if (path := galaxy.cluster_path(name)) is not None]
    data = [path for path in DATA_DIR.rglob("*") if path.is_file()]
    key = fingerprint([*code, *clusters, *data], packages=("pycountry", "babel", "pymispgalaxies"))
    return cached("gazetteer", key, build_gazetteer)
