"""Actors named only in an exercise or in a pledge to strengthen security (used by ``actor_linker``).

"The agency launched an exercise to test the state's response to a major cyber crisis", « l'ANSSI
lance un exercice visant à mettre l'État français à l'épreuve d'une crise informatique majeure »,
"the planning for CYBER FLAG, which is an exercise designed to improve our defences": who runs or
joins a rehearsal plays no part in the story there. A mention in a sentence with one of
``exercise_nouns`` and no word of an attribution, no threat group and no offensive service is
dropped; the actor stays where it is named otherwise. So is one in a pledge: a sentence whose verb
is one of ``pledge_verbs`` with a clause of strengthening (``strengthen_words``: "the government,
through the efforts of X, is working to create a safe cyberspace", « le gouvernement du Canada
travaille activement à renforcer la sécurité du cyberespace ») and no incident word either, except
who pledges, its subject ("The EU will continue to strengthen the resilience of ...").
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Span

EXERCISE_KINDS = ("state", "agency", "intergov", "company", "other", "person")
PLEDGE_DEPS = ("xcomp", "advcl")  # "working to create", « travaille à renforcer »


def without_exercises(
    mentions: list[tuple[Span, str]], context: dict, offensive=frozenset()
) -> list[tuple[Span, str]]:
    """``mentions`` without those in a sentence about an exercise, or a pledge to strengthen
    security, that tells no attribution."""
    nouns, cues = context.get("exercise_nouns"), context.get("strong_perpetrator")
    if not nouns or cues is None or not mentions:
        return mentions
    accusing = {span.sent.start for span, _ in mentions if span.label_ == "group" or span.kb_id_ in offensive}
    kinds: dict[int, str] = {}  # by sentence start: "exercise", "pledge" or ""
    # the nouns and the doc's words as LOWER ids: a sentence is tested without a Token made
    noun_ids = {get_string_id(noun) for noun in nouns}
    lowers: list[int] = []  # read once, when a first sentence is tested
    out = []
    for span, role in mentions:
        sentence = span.sent
        if span.label_ in EXERCISE_KINDS and sentence.start not in accusing:
            if sentence.start not in kinds:
                lowers = lowers or span.doc.to_array(LOWER).tolist()
                kinds[sentence.start] = _kind(
                    sentence, not noun_ids.isdisjoint(lowers[sentence.start : sentence.end]), cues, context
                )
            kind = kinds[sentence.start]
            # (who pledges speaks: "The EU will continue to strengthen ..."; its helpers do not)
            if kind == "exercise" or (kind == "pledge" and not _pledger(span)):
                continue
        out.append((span, role))
    return out


def _kind(sentence: Span, has_noun: bool, cues, context: dict) -> str:
    """ "exercise", "pledge" or "" for a sentence with no word of an attribution (the word tests
    first: most sentences are neither, and the attribution pattern reads the whole text);
    ``has_noun``: the sentence has one of ``exercise_nouns``."""
    if has_noun:
        kind = "exercise"
    elif _a_pledge(sentence, context):
        kind = "pledge"
    else:
        return ""
    return "" if cues.search(sentence.text) else kind


def _pledger(span: Span) -> bool:
    """Is the span the subject of its sentence's verb (who pledges), or inside it?"""
    root = span.sent.root
    return any(c.dep_.startswith("nsubj") and span.root.i in {t.i for t in c.subtree} for c in root.children)


def _a_pledge(sentence: Span, context: dict) -> bool:
    """Is the sentence a pledge to strengthen security: its verb one of ``pledge_verbs`` with a
    clause that starts with one of ``strengthen_words``, and no incident word?"""
    verbs, words = context.get("pledge_verbs", ()), tuple(context.get("strengthen_words", ()))
    root, incident = sentence.root, context.get("incident")
    if not verbs or not words or root.lower_ not in verbs:
        return False
    if incident is not None and incident.search(sentence.text):
        return False
    return any(c.dep_ in PLEDGE_DEPS and c.lower_.startswith(words) for c in root.children)
