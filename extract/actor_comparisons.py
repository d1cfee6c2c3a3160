"""Threat groups named only as what another is compared with (used by ``actor_linker``).

"The speed at which Cozy Bear develops its components is reminiscent of the toolset of Fancy
Bear", "tools similar to those of APT28", « des outils semblables à ceux d'APT28 »: the group
compared with plays no part in the story told. A group whose every mention hangs, a few heads up
over nouns and prepositions, on one of ``comparison_words`` (word beginnings: "reminiscent",
"similar", « semblable », « ressembl ») is dropped; not one that acts in a relative clause of its
own that tells an act ("similar to that of APT28, which hacked the Bundestag"; not "Fancy Bear,
which also uses the tools X and Y").
"""

from __future__ import annotations

from spacy.tokens import Span

COMPARE_REACH = 4  # heads from a group's name up to the comparison word ("reminiscent of the toolset of X")
OWN_CLAUSES = ("relcl", "acl:relcl", "acl")  # a clause on the group: what it does


def without_comparisons(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the groups named only as the term of a comparison."""
    words = tuple(context.get("comparison_words", ()))
    if not words or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    groups = {span.kb_id_ for span, _ in mentions if span.label_ == "group"}
    if not groups:
        return mentions
    kept = {
        span.kb_id_ for span, _ in mentions if span.kb_id_ in groups and not _compared(span, words, context)
    }
    return [(span, role) for span, role in mentions if span.kb_id_ not in groups - kept]


def _compared(span: Span, words: tuple, context: dict) -> bool:
    """Does the group's name hang on a comparison word, with no clause of its own that tells an
    act (a cyber word or a targeting verb: "which hacked the Bundestag"; not "which also uses the
    tools X and Y")?"""
    node = span.root
    verbs = context.get("target_verbs", ())
    for clause in (child for child in node.children if child.dep_ in OWN_CLAUSES):
        words_of = list(clause.subtree)
        text = " ".join(t.text for t in words_of)
        if context["cyber"].search(text) or any(t.lower_ in verbs for t in words_of):
            return False
    for _ in range(COMPARE_REACH):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_.startswith(words):
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False
