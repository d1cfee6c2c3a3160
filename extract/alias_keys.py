"""The lookup keys of actor names and their case rules, with no spaCy: how the gazetteer indexes
an alias (``normalize``, ``compact``) and how strictly a text must match its case
(``case_mode``, ``text_matches_case``)."""

from __future__ import annotations

import functools
import re
import unicodedata

from extract.accents import without_combining

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
    descriptive names (``is_description``).
    """
    letters = [ch for ch in alias if ch.isalpha()]
    if not letters:
        return "any"
    if len(letters) <= 4 and all(ch.isupper() for ch in letters):
        return "exact"
    if letters[0].isupper() and not is_description(alias):
        return "capital"
    return "any"


DESCRIBED_WORDS = 4  # words of a descriptive name that French may write in lower case


def is_description(alias: str) -> bool:
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
