"""Cue words of the shallow reader: ``extract/lexicons/<lang>.json`` files with ``"reader": "shallow"``.

For languages without a dependency parser (see ``shallow``), a lexicon lists surface forms: cue
words (accuse, attribute, "is behind", deny, "baseless", "the biggest hacker") and the word lists
that cut a sentence into roles (speech verbs, "according to", accusation nouns, victim, agent and
passive markers, clause breaks). A regular word may be listed once by lemma (``lemmas`` in a cue,
``<list>_lemmas`` beside a word list) and is inflected by the file's ``inflection`` suffix rules,
as for the parsed languages. Every form is matched on lower case, token by token: a form of
several tokens ("está detrás", "否认") is a phrase.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from extract.claims.inflection import expand
from extract.claims.lexicon import LEXICON_DIR
from extract.records import DEGREES

SHALLOW_KINDS = ("accuse", "attribute", "predicate", "deny", "baseless", "counter")
SIDES = ("after", "before")
# the word lists of a shallow lexicon: name -> required?
LIST_KEYS = {
    "speech_verbs": True,
    "citing_verbs": False,
    "source_markers": True,
    "accusation_nouns": True,
    "deny_objects": True,
    "victim_markers": True,
    "agent_markers": True,
    "passive_markers": False,
    "owner_markers": False,
    "coordinators": False,
    "determiners": False,
    "clause_breaks": True,
    "hedges": True,
    "negations": True,
    "sponsored_markers": True,
    "operation_words": True,
}


@dataclass(frozen=True)
class ShallowCue:
    """One cue family: how its claim is read from the words around it."""

    name: str
    kind: str
    degree: str = "unspecified"
    side: str = "after"  # where the accused stands: 'acusó a X' (after), 'X está detrás' (before)
    target_words: tuple[str, ...] = ()  # 'atribuyó el ataque a X': the accused follows one of them
    requires_after: tuple[str, ...] = ()  # 'weist ... zurück': a word that must follow in the clause
    denies: bool = False  # a counter-accusation that is also a denial ('贼喊捉贼')
    inverted: bool = False  # the accused may follow ('hinter dem Angriff steckt X'), when none precedes
    passive: bool = False  # a passive form ('κατηγορήθηκε', 'обвинена'): the agent accuses the subject
    order: int = 0


@dataclass(frozen=True)
class ShallowLexicon:
    lang: str
    cue_forms: tuple[tuple[ShallowCue, tuple[str, ...]], ...]
    lists: dict[str, tuple[str, ...]]  # list name -> its forms (lower case)
    cyber: re.Pattern  # a cyber word anywhere in a sentence
    owner_side: str = "after"  # 'las acusaciones de Estados Unidos' (after), '美国的指控' (before)
    victim_reach: int = 4  # tokens from a victim marker to its victim ('auf Ziele in Deutschland')
    negation_reach: int = 3  # tokens from a negation to the cue it cancels

    def words(self, name: str) -> frozenset[str]:
        return frozenset(self.lists.get(name, ()))


def is_shallow_lexicon(lang: str) -> bool:
    """Is there a shallow lexicon for ``lang``?"""
    path = LEXICON_DIR / f"{lang}.json"
    if not path.exists():
        return False
    return json.loads(path.read_text(encoding="utf-8")).get("reader") == "shallow"


@cache
def load_shallow_lexicon(lang: str) -> ShallowLexicon:
    """Read and check a shallow lexicon; errors name the file and the entry."""
    path = LEXICON_DIR / f"{lang}.json"
    if not path.exists():
        raise ValueError(f"no claim lexicon for language {lang!r} ({path} missing)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from error
    if data.get("reader") != "shallow":
        raise ValueError(f'{path}: not a shallow lexicon (no "reader": "shallow")')
    missing = [key for key, required in LIST_KEYS.items() if required and key not in data]
    missing += [key for key in ("cues", "cyber_words") if key not in data]
    if missing:
        raise ValueError(f"{path}: missing keys {', '.join(missing)}")
    rules = data.get("inflection", [])
    lists = {key: tuple(expand(data.get(key, ()), data.get(f"{key}_lemmas", ()), rules)) for key in LIST_KEYS}
    cue_forms = []
    for number, entry in enumerate(data["cues"], 1):
        cue = read_shallow_cue(entry, f"{path}: cue #{number} ({entry.get('name', '?')})", number)
        forms = tuple(expand(entry.get("forms", ()), entry.get("lemmas", ()), rules))
        if not forms:
            raise ValueError(f"{path}: cue #{number} ({cue.name}) has no forms")
        cue_forms.append((cue, forms))
    return ShallowLexicon(
        lang=lang,
        cue_forms=tuple(cue_forms),
        lists=lists,
        cyber=cyber_pattern(data["cyber_words"]),
        owner_side=data.get("owner_side", "after"),
        victim_reach=data.get("victim_reach", 4),
        negation_reach=data.get("negation_reach", 3),
    )


def read_shallow_cue(entry: dict, where: str, order: int) -> ShallowCue:
    if entry.get("kind") not in SHALLOW_KINDS:
        raise ValueError(f"{where}: kind must be one of {', '.join(SHALLOW_KINDS)}")
    if entry.get("degree", "unspecified") not in DEGREES:
        raise ValueError(f"{where}: degree must be one of {', '.join(DEGREES)}")
    if entry.get("side", "after") not in SIDES:
        raise ValueError(f"{where}: side must be one of {', '.join(SIDES)}")
    return ShallowCue(
        name=entry["name"],
        kind=entry["kind"],
        degree=entry.get("degree", "unspecified"),
        side=entry.get("side", "after"),
        target_words=tuple(w.lower() for w in entry.get("target_words", ())),
        requires_after=tuple(w.lower() for w in entry.get("requires_after", ())),
        denies=bool(entry.get("denies", False)),
        inverted=bool(entry.get("inverted", False)),
        passive=bool(entry.get("passive", False)),
        order=order,
    )


def cyber_pattern(words: list[str]) -> re.Pattern:
    """Cyber words as prefixes of a word ('кибер' in 'кибератака'); anywhere for scripts without
    spaces ('网络' in '网络攻击')."""
    spaced = "|".join(re.escape(w) for w in words if not CJK.search(w))
    unspaced = "|".join(re.escape(w) for w in words if CJK.search(w))
    parts = [f"(?<![^\\W\\d_])(?:{spaced})"] if spaced else []
    parts += [unspaced] if unspaced else []
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
