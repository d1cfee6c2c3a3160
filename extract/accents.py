"""Accents off a decomposed text, for the lookup keys of names (extract.gazetteer, kb.actor_lookup)."""

from __future__ import annotations

import re
import unicodedata

# ASCII characters are never combining marks: only the runs of other characters are looked at,
# not every letter of a text
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def without_combining(text: str) -> str:
    """``text`` without its combining characters (the accents that NFKD splits off its letters)."""
    if text.isascii():
        return text
    return NON_ASCII_RUN.sub(_bare_run, text)


def _bare_run(match: re.Match) -> str:
    return "".join(c for c in match.group() if not unicodedata.combining(c))
