"""Names the curated aliases imply but do not list, added once every source is read: "Advanced
Persistent Threat 39" for APT39, a French agency's name with its state's adjective, an English
body's name with its owner in the possessive; and the group names kept only for guarded use."""

from __future__ import annotations

import re

from extract.alias_keys import normalize, text_matches_case
from extract.gazetteer_sources import MAX_COUNTRY_WORDS, country_words
from extract.gazetteer_table import Alias, Gazetteer

APT_NAME = re.compile(r"^APT(\d+)$")


def add_spelled_out_apt_names(gazetteer: Gazetteer) -> None:
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


def add_guarded_names(gazetteer: Gazetteer, names: list[str]) -> None:
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


def add_french_adjective_variants(gazetteer: Gazetteer) -> None:
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


def add_possessive_variants(gazetteer: Gazetteer) -> None:
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
        for name in country_words(gazetteer, state, "name", "en")
        if " " not in name
        or any(a.actor_id == state and a.origin != "curated" for a in gazetteer.lookup(name))
    ]
