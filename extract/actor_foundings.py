"""A body that the text founds (used by ``actor_linker``).

"The United States, Japan, and the ROK decided to establish a new trilateral Working Group on
DPRK Cyber Activities", « ont décidé de créer un nouveau groupe de travail »: the body does not
exist yet; it is what the parties agree on, not a party of the cyber story. An organisation the
linker discovered (no list knows it) whose mention is the object of one of ``founding_verbs`` and
is called new (one of ``new_words``) is dropped, with all its mentions ("The Working Group will
meet each month"). A body founded long ago ("the Nordlys Cyber Board, established in 2015, said
...") is not called new; a new body named otherwise ("the new Nordlys Cyber Board said ...") is
founded by no verb; a body the gazetteer knows stays.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

OBJECT_DEPS = ("dobj", "obj")
PHRASAL_HEADS = ("xcomp", "ccomp")  # « mis en place »: the verb's head when the object hangs on « place »


def without_founded(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the discovered organisations that the text founds as new bodies."""
    verbs, new = context.get("founding_verbs"), context.get("new_words")
    if not verbs or not new or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    founded = {
        span.kb_id_
        for span, role in mentions
        if role == "discovered" and span.label_ != "person" and _founded(span.root, verbs, new)
    }
    if not founded:
        return mentions
    return [(span, role) for span, role in mentions if span.kb_id_ not in founded]


def _founded(root: Token, verbs, new) -> bool:
    """Is the name's head called new and the object of a founding verb?"""
    if root.dep_ not in OBJECT_DEPS or not any(c.lower_ in new for c in root.children):
        return False
    verb = root.head
    return verb.lower_ in verbs or (verb.dep_ in PHRASAL_HEADS and verb.head.lower_ in verbs)
