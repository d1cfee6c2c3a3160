"""The lexicon directory's other files: the well-known operation names (incident_names.json), the
dependency label groups of each annotation scheme (dependencies.json), the agencies that speak
for their state (state_organs.json); and word lists as spaCy string ids."""

from __future__ import annotations

import json
import re
from functools import cache

from spacy.strings import get_string_id

from extract.version import LEXICON_DIR  # the package's lexicons, or $KB_LEXICONS


def read_incident_names() -> list[str]:
    """The well-known operation names of extract/lexicons/incident_names.json ([] without the file)."""
    path = LEXICON_DIR / "incident_names.json"
    if not path.exists():
        return []
    try:
        return json.loads(path.read_text(encoding="utf-8"))["names"]
    except (KeyError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: cannot read the incident names ({error})") from error


def incident_name_keys(names: list[str]) -> tuple[str, ...] | None:
    """The names in lower case, for a quick test of ASCII text (see DocReader.incidents_in); None
    if a name is not ASCII (the pattern's case rules may then match what lower() does not)."""
    return tuple(name.lower() for name in names) if all(name.isascii() for name in names) else None


def load_incident_names() -> re.Pattern | None:
    """One pattern for the well-known operation names of extract/lexicons/incident_names.json."""
    names = read_incident_names()
    longest_first = sorted(names, key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(re.escape(n) for n in longest_first) + r")\b"
    return re.compile(pattern, re.IGNORECASE) if names else None  # "Whispergate" is WhisperGate


@cache
def load_dependency_groups(scheme: str) -> dict[str, frozenset[str]]:
    """The dependency label groups of an annotation scheme (extract/lexicons/dependencies.json)."""
    path = LEXICON_DIR / "dependencies.json"
    groups = json.loads(path.read_text(encoding="utf-8"))
    if scheme not in groups or scheme.startswith("_"):
        known = ", ".join(k for k in groups if not k.startswith("_"))
        raise ValueError(f"{path}: no dependency scheme {scheme!r} (known: {known})")
    return {name: frozenset(labels) for name, labels in groups[scheme].items()}


def load_state_organs() -> frozenset[str]:
    """Agency ids whose statements are their state's (extract/lexicons/state_organs.json)."""
    path = LEXICON_DIR / "state_organs.json"
    try:
        return frozenset(json.loads(path.read_text(encoding="utf-8"))["agency_ids"])
    except (OSError, KeyError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: cannot read the state organ list ({error})") from error


@cache
def string_ids(words: frozenset[str]) -> frozenset[int]:
    """A word list as spaCy string ids, to compare with a doc's LOWER array (no Token made)."""
    return frozenset(get_string_id(word) for word in words)
