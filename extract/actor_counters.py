"""Bodies named only as who counts incidents (used by ``actor_linker``).

"Nearly a third of the 396 serious incidents recorded by the GCSB's National Cyber Security
Centre involved indicators linked to state-sponsored actors", "Cybercriminals are responsible for
most of the incidents New Zealanders report to the NCSC", « les incidents signalés à l'ANSSI »: the
body is the source of a statistic, no part in the story told. A mention that hangs (over a
preposition) on one of ``counting_verbs`` which itself only describes one of ``counted_nouns``
(a participle or a relative clause on "incidents", « incidents ») is dropped; the actor stays where
it is named otherwise. The body that acts on an incident ("The NCSC recorded the incident", "the
ministry reported the incident to the NCSC") is not read so: the verb describes no incident noun.

So is a body named only as who administers a programme or a fund ("Rewards for Justice, which is
administered by the Diplomatic Security Service, is offering a reward", « le programme, géré par le
service de sécurité diplomatique »): the agent of one of ``administering_verbs`` in a clause that
describes a noun. Not what is run against a victim ("a botnet administered by the GRU", « un réseau
géré par le GRU »: a cyber or story word in the noun described), nor the body that administers in a
clause of its own ("the DSS administers the programme").
"""

from __future__ import annotations

from spacy.tokens import Span

COUNTED_KINDS = ("agency", "other", "intergov")
MODIFIER_DEPS = ("acl", "relcl", "acl:relcl", "amod")  # a verb that describes a noun
HEAD_REACH = 3  # heads from the body's name up to the counting verb ("recorded | by | the NCSC")


def without_counters(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without those that only say who counted or received incidents."""
    verbs, nouns = tuple(context.get("counting_verbs", ())), context.get("counted_nouns", ())
    return _without(mentions, COUNTED_KINDS, verbs, lambda span: _counts(span, verbs, nouns))


def without_administrators(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without those that only say who administers a programme or a fund."""
    verbs, by_words = tuple(context.get("administering_verbs", ())), context.get("by_words", ())
    kinds = (*COUNTED_KINDS, "company")
    return _without(mentions, kinds, verbs, lambda span: _administers(span, verbs, by_words, context))


def _without(mentions: list[tuple[Span, str]], kinds, verbs, aside) -> list[tuple[Span, str]]:
    """``mentions`` without those of ``kinds`` that ``aside`` says are aside (with a parse and verbs)."""
    if not verbs or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    return [(span, role) for span, role in mentions if span.label_ not in kinds or not aside(span)]


def _administers(span: Span, verbs: tuple, by_words, context: dict) -> bool:
    """Is the span the agent ("by", « par ») of an administering verb (``verbs``: word beginnings)
    that describes a noun which is no cyber or story word ("RFJ, which is administered by X")?"""
    root = span.root
    by = next((t for t in (root.head, *root.children) if t.lower_ in by_words), None)
    verb = root.head.head if by is not None and by.i == root.head.i else root.head
    if by is None or not verb.lower_.startswith(verbs) or verb.dep_ not in MODIFIER_DEPS[:3]:
        return False
    described = verb.head.text
    return not (context["cyber"].search(described) or context["story"].search(described))


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
