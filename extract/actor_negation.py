"""Actors named only in what a negated verb says did not happen (used by ``actor_linker``).

"The spy network never infiltrated the government systems of the United States", « il n'ait jamais
infiltré les services gouvernementaux des États-Unis »: what the sentence denies names no victim. A
state, an agency or an organisation whose every mention hangs on a negated attack (one of
``negation_words`` on the first verb over it, one of ``target_verbs``), without being that verb's
subject, is dropped. The
subject of the negated verb denies ("Japan has never hacked the ministry", « le Japon n'a jamais
piraté »): it stays.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actor_ruler import has_any_word

NEGATED_KINDS = ("state", "agency", "company", "other", "intergov")
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass")
HEAD_REACH = 8  # heads from a mention up to its verb
OTHER_CLAUSES = ("conj", "parataxis")  # a clause joined to another says its own


def without_negated(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the actors named only where a verb over them is negated."""
    words = context.get("negation_words")
    if not words or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    attacks = frozenset(context.get("target_verbs", ()))
    doc = mentions[0][0].doc
    if not has_any_word(doc, words) or not has_any_word(doc, attacks):
        return mentions  # (the cheap test first: no negation word, or no attack verb, in the text)
    kept = {
        span.kb_id_
        for span, _ in mentions
        if span.label_ not in NEGATED_KINDS or not _negated(span, words, attacks)
    }
    return [(span, role) for span, role in mentions if span.kb_id_ in kept]


def _negated(span: Span, words, attacks) -> bool:
    """Is the verb over the span a negated attack (``target_verbs``), the span not being its
    subject ("never infiltrated the systems of X")? Not another negated verb: « l'Australie ne
    soutient pas la déclaration des États-Unis attribuant ... » still names the US statement; nor
    what a negated verb says: « je n'ai pas dit que l'armée chinoise nous attaquait » still names
    the Chinese army the report is about."""
    node: Token = span.root
    below = node
    for _ in range(HEAD_REACH):
        if node.pos_ in ("VERB", "AUX"):
            break
        if node.head.i == node.i or node.dep_ in OTHER_CLAUSES:
            return False  # (a clause joined to the negated one says its own: "..., but X were targets")
        below, node = node, node.head
    else:
        return False
    if node.lower_ not in attacks or not _negative(node, words):
        return False
    return not (below.dep_ in SUBJECT_DEPS and below.head == node)


def _negative(verb: Token, words) -> bool:
    """Does the verb carry a negation ("not", « pas », « jamais »)?"""
    return any(c.lower_ in words for c in verb.children)
