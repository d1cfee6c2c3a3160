"""Actors a speaker only refers questions to (used by ``actor_linker``).

A spokesperson who will not answer names who will: "I'd refer you to the FBI on that", "this is
something the Department of Justice would speak to", « je vous renvoie à l'ANSSI », « c'est au
ministère de répondre », « l'ANSSI pourra vous répondre ». The body named plays no part in the
story told; the mention is dropped (the actor stays where it is named otherwise):

- the object of one of ``referral_preps`` on one of ``referral_verbs`` ("refer you to X",
  « renvoie à X »), or a name joined to it ("to the FBI and the Department of Justice");
- the subject of one of ``answer_verbs`` under a modal (``answer_modals``: "X would speak to
  that", "X would have to speak to it", « X pourra répondre ») whose only objects are pronouns
  or what a relative clause is about (not "the FBI will address the breach in a report");
- « c'est à X de répondre »: X is the predicate of a copula, after one of ``referral_preps``, with
  one of ``answer_verbs`` attached to it;
- what a speaker declines to speak to: the object of one of ``declined_preps`` on one of
  ``answer_verbs`` that is negated ("I can't speak to Putin or the Russian leadership's thinking",
  « je ne peux pas me prononcer sur X »; not "the President will speak to Putin").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actor_ruler import has_any_word

SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")
OBJECT_DEPS = ("dobj", "obj", "ccomp", "attr")
JOINED_DEPS = ("conj", "appos")
JOIN_REACH = 4  # names in a list before the first one
TOPIC_OWNER_DEPS = ("poss", "nmod", "nmod:poss", "conj", "compound")  # a name inside the topic


def without_referrals(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without those a speaker only refers a question to."""
    verbs = context.get("referral_verbs")
    if not verbs or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    # every way of referring or declining asks for one of these verbs (a text without any refers
    # nobody): the cheap test first
    if not has_any_word(mentions[0][0].doc, (*verbs, *context.get("answer_verbs", ()))):
        return mentions
    return [(span, role) for span, role in mentions if span.label_ == "group" or not _referred(span, context)]


def _referred(span: Span, context: dict) -> bool:
    """Is the span a body a question is referred to?"""
    node: Token = span.root
    for _ in range(JOIN_REACH):
        if node.dep_ not in JOINED_DEPS or node.head.i == node.i:
            break
        node = node.head  # the first name of a list: "the FBI and the DOJ"
    preps = context.get("referral_preps", ())
    head = node.head
    if head.lower_ in preps and head.head.lower_ in context["referral_verbs"]:
        return True  # "refer you to X"
    case = [c for c in node.children if c.dep_ == "case" and c.lower_ in preps]
    if case and head.lower_ in context["referral_verbs"]:
        return True  # « renvoie à X »
    answers = context.get("answer_verbs", ())
    if _declined(node, answers, context):
        return True  # "I can't speak to X", « je ne peux pas me prononcer sur X »
    if case and any(c.dep_ == "cop" for c in node.children):
        return any(c.lower_ in answers for c in node.children)  # « c'est à X de répondre »
    return node.dep_ in SUBJECT_DEPS and _answers_under_a_modal(head, answers, context)


def _declined(node: Token, answers, context: dict) -> bool:
    """Is the name what a speaker declines to speak to: the object of one of ``declined_preps`` on
    one of ``answers`` that is negated, itself or the modal it hangs on ("I can't speak to X",
    "I won't comment on X", « je ne peux pas me prononcer sur X »)?"""
    preps, negations = context.get("declined_preps", ()), context.get("negation_words", ())
    for _ in range(JOIN_REACH):  # "speak to Putin or Russian leadership’s thinking": the topic's owner
        if node.head.lower_ in preps or node.dep_ not in TOPIC_OWNER_DEPS or node.head.i == node.i:
            break
        node = node.head
    if node.head.lower_ in preps:
        verb = node.head.head  # (English: the preposition heads the name)
    elif any(c.dep_ == "case" and c.lower_ in preps for c in node.children):
        verb = node.head  # (UD: « sur » hangs on the name)
    else:
        return False
    if verb.lower_ not in answers:
        return False
    governors = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    words = (c.lower_.replace("’", "'") for g in governors for c in g.children if c.dep_ in ("neg", "advmod"))
    return any(word in negations for word in words)  # ("can’t": a typographic apostrophe)


def _answers_under_a_modal(verb: Token, answers, context: dict) -> bool:
    """Is ``verb`` (or the verb it governs: "would have to speak", « pourra répondre ») one of
    ``answers`` under a modal, with no object but pronouns?"""
    modals = context.get("answer_modals", ())
    modal = verb.lower_ in modals or any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)
    if verb.lower_ not in answers:
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.lower_ in answers), None)
        if verb is None:
            return False
    if not modal:
        return False
    pronouns = context.get("answer_objects", ())
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    objects += [c for c in verb.children if c.dep_ in ("obl", "obl:arg")]
    return all(o.lower_ in pronouns for o in objects)
