"""Bodies named only as who counts incidents (used by ``actor_linker``).

"Nearly a third of the 396 serious incidents recorded by the GCSB's National Cyber Security
Centre involved indicators linked to state-sponsored actors", "Cybercriminals are responsible for
most of the incidents New Zealanders report to the NCSC", « les incidents signalés à l'ANSSI »: the
body is the source of a statistic, no part in the story told. A mention that hangs (over a
preposition) on one of ``counting_verbs`` which itself only describes one of ``counted_nouns``
(a participle or a relative clause on "incidents", « incidents ») is dropped; the actor stays where
it is named otherwise. The body that acts on an incident ("The NCSC recorded the incident", "the
ministry reported the incident to the NCSC") is not read so: the verb describes no incident noun.
"""

from __future__ import annotations

from spacy.tokens import Span

COUNTED_KINDS = ("agency", "other", "intergov")
MODIFIER_DEPS = ("acl", "relcl", "acl:relcl", "amod")  # a verb that describes a noun
HEAD_REACH = 3  # heads from the body's name up to the counting verb ("recorded | by | the NCSC")


def without_counters(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without those that only say who counted or received incidents."""
    verbs, nouns = tuple(context.get("counting_verbs", ())), context.get("counted_nouns", ())
    if not verbs or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    return [
        (span, role)
        for span, role in mentions
        if span.label_ not in COUNTED_KINDS or not _counts(span, verbs, nouns)
    ]


def _counts(span: Span, verbs: tuple, nouns) -> bool:
    """Does the span hang on a counting verb (``verbs``: word beginnings) that describes a counted
    noun ("incidents recorded by X", "incidents they report to X", « incidents signalés à X »)?"""
    node = span.root
    for _ in range(HEAD_REACH):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") or node.dep_ in MODIFIER_DEPS[:3]:
            break  # (a clause on a noun, also where the tagger took its verb for a noun: "report")
    else:
        return False
    return node.lower_.startswith(verbs) and node.dep_ in MODIFIER_DEPS and node.head.lower_ in nouns
