"""People the plural of their title stands for (used by ``actor_linker``'s story test).

A readout names its officials once, each by his title ("National Security Advisor Jake Sullivan,
..., and Japanese National Security Advisor Akiba Takeo met in Washington"), and then lets the
plural of that title act for them: "The National Security Advisors condemned the DPRK's malicious
cyber activities", « Les conseillers à la sécurité nationale ont condamné les cyberactivités
malveillantes ». Such a person takes part in the cyber story where the plural of his title, with
a definite article, is the subject of a sentence with a cyber word.
"""

from __future__ import annotations

import re

from spacy.attrs import DEP
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

TITLE_REACH = 6  # tokens before a name read for its title ("le conseiller à la sécurité nationale X")
SUBJECT_DEPS = ("nsubj",)


def plural_title_subjects(doc: Doc, cyber: re.Pattern, determiners, named: set[int]) -> frozenset[str]:
    """The singular forms ("advisor", « conseiller ») of the plural nouns with a definite article
    that are the subject of a sentence with a cyber word ("The National Security Advisors
    condemned ... malicious cyber activities"); not in an actor's name (``named``: "the United
    States" is no plural of "Secretary of State")."""
    found: set[str] = set()
    subjects = {get_string_id(dep) for dep in SUBJECT_DEPS}  # (the DEP ids: no Token for every word)
    for i in (i for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep in subjects and i not in named):
        token = doc[i]
        if token.pos_ not in ("NOUN", "PROPN"):
            continue  # (a plural's morphology is not read: the small model tags "Advisors" singular)
        if not any(c.dep_ == "det" and c.lower_ in determiners for c in token.children):
            continue
        if cyber.search(token.sent.text) is None:
            continue
        found.update(_singulars(token.lower_))
    return frozenset(found)


def titled_as(span: Span, titles, words: frozenset[str]) -> bool:
    """Is one of ``words`` the title the person is named with: a title word among the few words
    before the name, in its sentence ("National Security Advisor Jake Sullivan")?"""
    if not words:
        return False
    start = max(span.sent.start, span.start - TITLE_REACH)
    return any(t.lower_ in words and t.lower_ in titles for t in span.doc[start : span.start])


def _singulars(word: str) -> tuple[str, ...]:
    """The singular forms a plural may have: "advisors" -> "advisor", "secretaries" ->
    "secretary", « conseillers » -> « conseiller »."""
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith(("s", "x")):
        return (word[:-1],)
    return ()
