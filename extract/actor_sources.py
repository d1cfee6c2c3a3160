"""Who only says what a name is (used by ``actor_linker``).

A person or a company named in a sentence about a name, not about the operation: "The name
'Fancy Bear' comes from a coding system researcher X uses", "'We believe the name was the
internal name the attackers gave to this operation,' X said", « Le nom « X » vient d'un système
de codage que le chercheur Y utilise ». The sentence's subject, or the subject of what its speech
verb says, is one of ``name_nouns``: the mention is a naming source (class C4 of the devset's
adjudication), no part in the story; the actor stays where it is named otherwise.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

SOURCE_KINDS = ("person", "company")
CLAUSE_DEPS = ("ccomp", "parataxis")  # what a speech verb says, a quotation before « a déclaré X »
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")


def without_name_sources(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the people and companies named in a sentence about a name."""
    nouns = context.get("name_nouns")
    if not nouns or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    about: dict[int, bool] = {}  # by sentence start
    out = []
    for span, role in mentions:
        if span.label_ in SOURCE_KINDS:
            sentence = span.sent
            if sentence.start not in about:
                about[sentence.start] = _about_a_name(sentence.root, nouns)
            if about[sentence.start]:
                continue
        out.append((span, role))
    return out


def _about_a_name(root: Token, nouns) -> bool:
    """Is the subject of the sentence, or of a clause its verb says, a name ("the name comes
    from", "said that the name was", « le nom vient de »)?"""
    clauses = [root]
    for _ in range(2):
        clauses += [c for clause in clauses for c in clause.children if c.dep_ in CLAUSE_DEPS]
    return any(
        child.dep_ in SUBJECT_DEPS and child.lower_ in nouns
        for clause in set(clauses)
        for child in clause.children
    )
