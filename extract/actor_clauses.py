"""Clauses around a cue word of the story gate (``extract/actor_story.py``): the verb of its
clause, whether that clause says what may be or is to be done, a phrase without its relative
clauses, and what the cue word governs; and whether a name is part of the plot a film or a book
tells."""

from __future__ import annotations

from spacy.tokens import Span, Token

CLAUSE_REACH = 4  # heads from a word up to the verb of its clause
RELATIVE_DEPS = ("relcl", "acl:relcl")
GERUND_DEPS = ("pcomp", "csubj", "xcomp")  # where an -ing form is a gerund (English)
PLOT_REACH = 8  # heads from a name up to the verb that tells a film's plot
ACTIVE_SUBJECTS = ("nsubj", "csubj")  # who does what the verb says (not "X was condemned")


def clause_verb(token: Token) -> Token | None:
    """The verb of the word's clause: the word itself, or the first verb over it."""
    node = token
    for _ in range(CLAUSE_REACH):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else None


def irrealis(verb: Token) -> bool:
    """Does the verb say what may be or is to be done, not what was done: an infinitive, an
    English gerund ("of identifying and then laying blame"), or a verb after a modal ("may breach")? Not a
    finite verb or a past participle ("officers sanctioned by the EU")."""
    forms = verb.morph.get("VerbForm")
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "aux:pass")]
    if any(aux.tag_ == "MD" for aux in auxiliaries):
        return True
    if "Fin" in forms or any("Fin" in aux.morph.get("VerbForm") for aux in auxiliaries):
        return False
    if "Part" in forms and "Pres" in verb.morph.get("Tense"):
        # a gerund ("of identifying and then laying blame"), not a participle (« concernant »)
        governed = verb.head if verb.dep_ == "conj" else verb
        return governed.dep_ in GERUND_DEPS
    return "Inf" in forms or "Ger" in forms


def own_phrase(head: Token, cue: Span, subject: bool = True) -> set[int]:
    """The tokens of the head's phrase, without the cue, its relative clauses (« toute personne
    qui ... ») and, unless ``subject``, the head's subject (who condemns)."""
    phrase = {t.i for t in head.subtree}
    for token in head.subtree:
        dropped = token.dep_ in RELATIVE_DEPS or (
            not subject and token.head == head and token.dep_.startswith("nsubj")
        )
        if dropped and token != head:
            phrase.difference_update(t.i for t in token.subtree)
    phrase.difference_update(range(cue.start, cue.end))
    return phrase


COMPLEMENT_HEAD_DEPS = ("pobj", "pcomp", "nmod", "obl", "obj", "dobj")


def complements(cue: Span) -> list[Token]:
    """The heads of what a cue word governs, over a preposition ("role in countering",
    "responsible for the CSE", « rôle dans la lutte », « responsable du CST »)."""
    heads = []
    for child in cue.root.children:
        if child.dep_ == "prep":
            heads += [c for c in child.children if c.dep_ in COMPLEMENT_HEAD_DEPS]
        elif child.dep_.split(":")[0] in COMPLEMENT_HEAD_DEPS:  # (« obl:arg »)
            heads.append(child)
    for token in cue[1:]:  # a preposition inside the cue ("responsible for")
        heads += [c for c in token.children if c.dep_ in COMPLEMENT_HEAD_DEPS and c.i >= cue.end]
    return heads


def in_a_plot(span: Span, context: dict) -> bool:
    """Is the name part of the plot a film or a book tells ("The film stars X and Y as journalists
    recruited by the CIA", "a comedy film that depicted an assassination by a CIA spy", « le film
    raconte l'histoire de deux journalistes recrutés par la CIA »)? The verb that tells it
    (``depiction_verbs``) has a word for such a work (``plot_nouns``) as its subject, or hangs on
    one as its relative clause."""
    verbs, nouns = context.get("depiction_verbs", ()), context.get("plot_nouns", ())
    node = span.root
    for _ in range(PLOT_REACH):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ == "VERB" and node.lower_ in verbs:
            if node.dep_ in ("relcl", "acl", "acl:relcl") and node.head.lower_ in nouns:
                return True
            return any(c.dep_.startswith("nsubj") and c.lower_ in nouns for c in node.children)
    return False
