"""Actors named only in an open question (used by ``actor_linker``).

A journalist who asks whether someone did it tells no story of his own: "Do you have any
information on whether the attack has ties to Russia?", "If it is determined that Iran was behind
the hack, how would you respond?", « Savez-vous si l'attaque a des liens avec la Russie ? ». The
answer, not the question, says who plays a part. A mention is dropped when its sentence ends with a
question mark and, on the way from the mention up to the sentence's root, a clause is opened by one
of ``question_marks`` ("whether", "if", « si »). A question that takes the act for granted ("Why
did Russia hack the pipeline?") and a conditional outside a question keep the mention; an actor
named elsewhere keeps its other mentions.
"""

from __future__ import annotations

from spacy.tokens import Span

from extract.actor_ruler import has_any_word

MARK_DEPS = ("mark",)
REACH = 8  # heads walked up from a mention


def without_questioned(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without those named only inside an open question's 'whether' / 'if' clause."""
    marks = context.get("question_marks")
    if not marks or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    doc = mentions[0][0].doc
    if not has_any_word(doc, ("?",)) or not has_any_word(doc, marks):
        return mentions  # (the cheap test first: no question mark, or no 'whether', in the text)
    return [(span, role) for span, role in mentions if not _in_an_open_question(span, marks)]


def _in_an_open_question(span: Span, marks) -> bool:
    """Is ``span`` in a question (its sentence ends with '?') under a clause opened by one of
    ``marks``?"""
    sentence = span.sent
    last = sentence[-1]
    while last.is_space and last.i > sentence.start:
        last = last.doc[last.i - 1]
    if last.text != "?":  # the cheap test first
        return False
    node = span.root
    for _ in range(REACH):
        if any(c.dep_ in MARK_DEPS and c.lower_ in marks for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False
