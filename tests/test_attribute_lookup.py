"""The model's attribute ruler matched by look-up (extract/attribute_lookup.py) finds exactly
what spaCy's Matcher finds, on the project's own texts in both languages."""

import json
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from extract.attribute_lookup import AttributeLookup, speed_up_attribute_ruler
from extract.pipeline import UNUSED_COMPONENTS, load_pipeline, model_name

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


def article_texts(lang: str) -> list[str]:
    texts = []
    for path in sorted(ARTICLES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("lang") == lang:
                texts.append(record["text"])
    return texts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_look_up_finds_what_the_matcher_finds(lang):
    nlp = spacy.load(model_name(lang), exclude=list(UNUSED_COMPONENTS))
    ruler = nlp.get_pipe("attribute_ruler")
    lookup = AttributeLookup(ruler)
    texts = article_texts(lang)
    assert texts
    with nlp.select_pipes(disable=["attribute_ruler", "ner"]):
        docs = list(nlp.pipe(texts))
    matched = 0
    for doc in docs:
        expected = ruler.match(doc)  # the class's own method: the Matcher
        assert lookup.match(doc) == expected
        matched += len(expected)
    assert matched > sum(len(doc) for doc in docs) / 2  # most tokens get a rule: the test bites


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_pipeline_sets_the_same_attributes_as_the_model(lang):
    stock = spacy.load(model_name(lang), exclude=list(UNUSED_COMPONENTS))
    ours = load_pipeline(lang)
    ruler = ours.get_pipe("attribute_ruler")
    assert ruler.match.__func__ is not AttributeRuler.match  # the look-up is in place
    compared = 0
    for text in article_texts(lang)[:6]:
        # the project's tokenizer additions (dashes, abbreviations) can split differently: compare
        # on texts both tokenize alike
        ours_doc, stock_doc = ours(text), stock(text)
        if [t.text for t in ours_doc] != [t.text for t in stock_doc]:
            continue
        # the parser may see other sentence starts (line breaks): compare where the parses agree
        for mine, theirs in zip(ours_doc, stock_doc, strict=True):
            if (mine.tag_, mine.dep_) == (theirs.tag_, theirs.dep_):
                assert (mine.pos_, str(mine.morph)) == (theirs.pos_, str(theirs.morph)), mine.text
                compared += 1
    assert compared > 100


def test_a_ruler_with_rules_the_look_up_cannot_read_keeps_its_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "apt"}, {"IS_DIGIT": True, "OP": "+"}]], {"POS": "PROPN"})
    assert speed_up_attribute_ruler(nlp) is False
    assert "match" not in vars(ruler)


def test_a_rule_of_two_tokens_with_word_lists_and_a_regex():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["cozy", "fancy"]}}, {"LOWER": "bear"}]], {"POS": "PROPN"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": r"^apt\d+$"}}]], {"POS": "PROPN"})
    ruler.add([[{"LOWER": {"NOT_IN": ["the"]}, "IS_SPACE": False}]], {"MORPH": "Foreign=Yes"})
    lookup = AttributeLookup(ruler)
    for text in ["Cozy Bear and Fancy Bear are not APT28 or apt 28.", "the bear", "APT29 APT"]:
        doc = nlp.make_doc(text)
        assert lookup.match(doc) == ruler.match(doc)
    assert speed_up_attribute_ruler(nlp)
    doc = nlp("Fancy Bear is APT28.")
    assert [t.pos_ for t in doc][:4] == ["", "PROPN", "", "PROPN"]
