"""The gazetteer's table: every known actor, its aliases, and the lookups on them (``Gazetteer``,
``Alias``). How it is filled is in ``gazetteer_sources`` and ``gazetteer_variants``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from extract.alias_keys import case_mode, compact, is_description, normalize
from extract.records import Actor

ROLES = ("name", "capital", "demonym")  # how an alias names its actor
ATTACK_ID = re.compile(r"^G\d{4}$")
SOURCE_RANK = {"curated": 0, "iso3166": 1, "misp-galaxy": 2, "discovered": 3}


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
    # lower-case names of the territories that are no state actors ("hong kong", « porto rico »):
    # a state listed with one is a place or a topic ("Taiwan and Hong Kong")
    territories: set[str] = field(default_factory=set)
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
                or is_description(alias.text)
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
