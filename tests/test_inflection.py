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


# --- tokens and sentence starts set before the parser (extract/pipeline.py, extract/claims/layout.py)


def test_dashes_split_words_in_both_languages():
    from extract.pipeline import load_pipeline

    en = load_pipeline("en").make_doc("CISA—in partnership with the FBI (FBI)—released it in 2015–2016.")
    texts = [t.text for t in en]
    assert texts[texts.index("released") - 3 : texts.index("released") + 1] == ["FBI", ")", "—", "released"]
    assert "2015" in [t.text for t in en] and "–" in [t.text for t in en]
    fr = load_pipeline("fr").make_doc("L’ANSSI—avec le BSI—a publié.")
    assert "—" in [t.text for t in fr] and "BSI" in [t.text for t in fr]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_model_tokenizer_is_the_one_loaded_then_given_the_dash_rule(lang):
    """load_model reads the dash rule in with the model's saved tokenizer (one load of its special
    cases, not two): every setting and special case is that of loading the model, then setting it."""
    import spacy

    from extract.pipeline import UNUSED_COMPONENTS, load_model, model_name, split_dashes

    loaded_then_set = spacy.load(model_name(lang), exclude=list(UNUSED_COMPONENTS))
    split_dashes(loaded_then_set)
    read_with_it = load_model(model_name(lang))
    assert read_with_it.tokenizer.to_bytes() == loaded_then_set.tokenizer.to_bytes()
    text = "CISA—in partnership with the FBI (FBI)—released it in 2015–2016. L’ANSSI—avec le BSI—a publié."
    assert [t.text for t in read_with_it.make_doc(text)] == [t.text for t in loaded_then_set.make_doc(text)]
    assert read_with_it.pipe_names == loaded_then_set.pipe_names


def test_no_sentence_starts_inside_a_hyphenated_name_or_at_a_comma():
    from extract.pipeline import load_pipeline

    nlp = load_pipeline("fr")
    doc = nlp("Le Royaume-Uni estime que certains États mènent des campagnes de piratage.")
    assert len(list(doc.sents)) == 1  # the French model alone cuts it in four
    doc = nlp(
        "En 2016, l’Agence mondiale antidopage (AMA) - une agence internationale - a révélé un piratage."
    )
    assert not any(sent.text.startswith((",", "-")) for sent in doc.sents)


def test_no_sentence_starts_after_a_possessive():
    from extract.pipeline import load_pipeline

    nlp = load_pipeline("en")
    # the English model alone cuts after "(Russia)’s" and "(DPRK)’s", leaving the agency's name a
    # sentence of its own and the accusation unread
    for text in (
        "This alert was issued to describe malicious activity linked to the Russian Federation "
        "(Russia)’s General Staff Main Intelligence Directorate (GRU) 85th Main Special Service "
        "Center based in Moscow.",
        "This bulletin was prepared to highlight ransomware activity associated with the Democratic "
        "People’s Republic of Korea (DPRK)’s Reconnaissance General Bureau (RGB) 3rd Bureau based "
        "in Pyongyang.",
    ):
        doc = nlp(text)
        starts = [t.text for t in doc if t.is_sent_start]
        assert starts == [doc[0].text], starts


def test_sentences_start_only_after_an_end_mark_or_a_line_break():
    from extract.pipeline import load_pipeline

    fr = load_pipeline("fr")
    # the French model alone starts a sentence at the malware's name, leaving the verb without its object
    doc = fr("Le Canada a attribué la cyberattaque NotPetya à la Russie. Le Royaume-Uni aussi.")
    assert [s.text for s in doc.sents] == [
        "Le Canada a attribué la cyberattaque NotPetya à la Russie.",
        "Le Royaume-Uni aussi.",
    ]
    en = load_pipeline("en")
    doc = en("Hackers attacked the U.S. The FBI blamed North Korea.\nNext heading without a stop\nBody text.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Hackers", "The", "Next", "Body"], starts
