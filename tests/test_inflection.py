"""Forms made from lemmas by a lexicon's suffix rules (extract/claims/inflection.py)."""

from __future__ import annotations

import pytest

from extract.claims.inflection import expand, inflect
from extract.claims.lexicon import load_lexicon


def test_longest_ending_wins():
    rules = [{"ending": "er", "suffixes": ["e", "é"]}, {"ending": "cer", "suffixes": ["ce", "çant"]}]
    assert inflect("dénoncer", rules) == ["dénonce", "dénonçant"]
    assert inflect("accuser", rules) == ["accuse", "accusé"]
    assert inflect("nier", []) == ["nier"]  # no rule: the lemma alone


def test_expand_keeps_written_forms_first_and_once():
    rules = [{"ending": "", "suffixes": ["", "s"]}]
    assert expand(["Blame", "blames"], ["blame", "hack"], rules) == ["blame", "blames", "hack", "hacks"]


@pytest.mark.parametrize(
    "lang, word, where",
    [
        ("fr", "accusons", "cues"),  # first person plural: 'Nous accusons la Russie'
        ("fr", "piratés", "cues"),  # plural participle: 'ont été piratés par'
        ("fr", "dénonçant", "cues"),  # -cer verbs keep the c soft
        ("fr", "constaté", "speech_verbs"),
        ("fr", "croit", "speech_verbs"),  # irregular, written out
        ("fr", "jugeant", "speech_verbs"),  # -ger verbs keep the g soft
        ("en", "denies", "cues"),
        ("en", "concluded", "speech_verbs"),
    ],
)
def test_lexicon_holds_inflected_forms(lang, word, where):
    assert word in getattr(load_lexicon(lang), where)
