"""Every form of a regular word from its lemma, by the suffix rules of a language's lexicon.

The pipeline runs without a lemmatizer (it is the costliest component we would not otherwise
need), so the cue lists hold surface forms. Writing them by hand misses forms ("accusons",
"piratés"); a lexicon lists a regular verb once under a ``lemmas`` key instead, and its
``inflection`` rules make the forms: the longest matching ``ending`` is cut off and each of its
``suffixes`` put in its place. Irregular words keep their forms written out.
"""

from __future__ import annotations

from collections.abc import Iterable


def inflect(lemma: str, rules: list[dict]) -> list[str]:
    """The forms of ``lemma`` by the rule with the longest matching ending (the lemma alone if none)."""
    word = lemma.lower()
    matching = [rule for rule in rules if word.endswith(rule["ending"])]
    if not matching:
        return [word]
    rule = max(matching, key=lambda r: len(r["ending"]))
    stem = word[: len(word) - len(rule["ending"])]
    return [stem + suffix for suffix in rule["suffixes"]]


def expand(forms: Iterable[str], lemmas: Iterable[str], rules: list[dict]) -> list[str]:
    """The written forms, then the forms made from the lemmas, each once, in order."""
    found = dict.fromkeys(form.lower() for form in forms)
    for lemma in lemmas:
        found.update(dict.fromkeys(inflect(lemma, rules)))
    return list(found)
