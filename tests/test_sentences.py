"""The sentences found once per Doc (extract/sentences.py) are spaCy's own: for every token and
span of the project's texts, in both languages, ``.sent`` gives the same sentence with and
without the index."""

import pytest
import spacy
from spacy.tokens import Doc
from test_attribute_lookup import article_texts  # the project's texts of a language

from extract.pipeline import UNUSED_COMPONENTS, model_name
from extract.sentences import index_sentences


def bounds(span) -> tuple[int, int, str]:
    return span.start, span.end, span.label_


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_indexed_sentences_are_spacys(lang):
    nlp = spacy.load(model_name(lang), exclude=[*UNUSED_COMPONENTS, "ner"])
    texts = article_texts(lang)
    assert texts
    for doc in nlp.pipe(texts):
        native_tokens = [bounds(token.sent) for token in doc]
        # spans of one to three tokens from every token, and the empty span at the end
        spans = [(i, j) for i in range(len(doc)) for j in range(i + 1, min(len(doc), i + 3) + 1)]
        native_spans = [bounds(doc[i:j].sent) for i, j in spans]
        native_end = bounds(doc[len(doc) : len(doc)].sent)
        index_sentences(doc)
        assert "sent" in doc.user_token_hooks and "sent" in doc.user_span_hooks
        assert [bounds(token.sent) for token in doc] == native_tokens
        assert [bounds(doc[i:j].sent) for i, j in spans] == native_spans
        assert bounds(doc[len(doc) : len(doc)].sent) == native_end
        assert [bounds(s) for s in doc.sents] == [bounds(s) for s in doc.sents]  # (untouched)


def test_a_doc_without_sentences_keeps_spacys_answer():
    nlp = spacy.blank("en")
    doc = nlp("No parser has read this text.")
    index_sentences(doc)
    assert "sent" not in doc.user_token_hooks
    with pytest.raises(ValueError):
        _ = doc[0].sent
    index_sentences(Doc(nlp.vocab, words=[]))  # an empty text: nothing to index


def test_a_sentencizer_doc_is_indexed_the_same():
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    doc = nlp("La Chine a démenti. Le ministère a répondu ! Et puis ? Rien")
    native = [bounds(token.sent) for token in doc]
    index_sentences(doc)
    assert [bounds(token.sent) for token in doc] == native
    assert doc[5].sent is doc[6].sent  # one Span per sentence, made once
