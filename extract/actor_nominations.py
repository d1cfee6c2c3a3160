"""Who is named to a post, and the bodies of that post (used by ``actor_linker``).

"I am calling on the Senate to confirm John Roe as our National Cyber Director and Jane Holt to be
the Director of the Cybersecurity and Infrastructure Security Agency", « le président a nommé
Jeanne Roe à la tête de l'ANSSI »: a nomination names a person and a post, no part in the cyber
story. Under one of ``nomination_verbs`` whose object is a person, the object's phrase and the
post's phrase (a dependent that starts with one of ``post_words``: 'as', 'to be', « au poste de »,
« à la tête de », with no subject of its own) hold no actor there: a mention inside them is
dropped, and the actor stays where it is named otherwise. "The FBI confirmed that the GRU hacked
the ministry" confirms no person; "appointed X as director after the GRU hacked the ministry"
keeps the GRU of its own clause.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actor_ruler import word_indices

PERSON_LABELS = ("PERSON", "PER")
OBJECT_DEPS = ("dobj", "obj")
POST_DEPS = ("advcl", "xcomp", "prep", "obl", "obl:arg", "obl:mod")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")


def without_nominated(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the actors named only in a nomination's nominee or post."""
    verbs, posts = context.get("nomination_verbs"), frozenset(context.get("post_words", ()))
    if not verbs or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    doc = mentions[0][0].doc
    found = word_indices(doc, verbs)  # (the verbs' LOWER ids: no Token made for every word)
    if not found:
        return mentions
    people = {i for span, _ in mentions if span.label_ == "person" for i in range(span.start, span.end)}
    inside: set[int] = set()  # the tokens of nominees and posts
    for verb in (doc[i] for i in found if doc[i].pos_ in ("VERB", "AUX")):
        inside |= _nomination(verb, posts, people)
    if not inside:
        return mentions
    outside = {span.kb_id_ for span, _ in mentions if span.root.i not in inside}
    return [(span, role) for span, role in mentions if span.kb_id_ in outside]


def _nomination(verb: Token, posts: frozenset[str], people: set[int]) -> set[int]:
    """The token indices of the nominee's phrase and the post's phrase under ``verb``, or none when
    its object is no person or no post follows."""
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if not any(o.ent_type_ in PERSON_LABELS or o.i in people for o in objects):
        return set()
    post = [c for c in verb.children if c.dep_ in POST_DEPS and c.i > verb.i and _a_post(c, posts)]
    if not post:
        return set()
    return {t.i for head in objects + post for t in head.subtree}


def _a_post(phrase: Token, posts: frozenset[str]) -> bool:
    """Does the phrase start with a word of a post ('as', 'to be', « au », « à ») and have no
    subject of its own (not 'after the GRU hacked the ministry')?"""
    if any(c.dep_ in SUBJECT_DEPS for c in phrase.children):
        return False
    first = next(iter(phrase.subtree))
    opening = first.lower_ if first.i + 1 >= len(first.doc) else f"{first.lower_} {first.nbor().lower_}"
    return (
        first.lower_ in posts
        or opening in posts
        or any(c.dep_ == "case" and c.lower_ in posts for c in phrase.children)
    )
