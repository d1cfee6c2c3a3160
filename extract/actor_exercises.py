"""Actors named only in an exercise (used by ``actor_linker``).

"The agency launched an exercise to test the state's response to a major cyber crisis", « l'ANSSI
lance un exercice visant à mettre l'État français à l'épreuve d'une crise informatique majeure »,
"the planning for CYBER FLAG, which is an exercise designed to improve our defences": who runs or
joins a rehearsal plays no part in the story there. A mention in a sentence with one of
``exercise_nouns`` and no word of an attribution, no threat group and no offensive service is
dropped; the actor stays where it is named otherwise.
"""

from __future__ import annotations

from spacy.tokens import Span

EXERCISE_KINDS = ("state", "agency", "intergov", "company", "other", "person")


def without_exercises(
    mentions: list[tuple[Span, str]], context: dict, offensive=frozenset()
) -> list[tuple[Span, str]]:
    """``mentions`` without those in a sentence about an exercise that tells no attribution."""
    nouns, cues = context.get("exercise_nouns"), context.get("strong_perpetrator")
    if not nouns or cues is None or not mentions:
        return mentions
    accusing = {span.sent.start for span, _ in mentions if span.label_ == "group" or span.kb_id_ in offensive}
    rehearsed: dict[int, bool] = {}  # by sentence start
    out = []
    for span, role in mentions:
        sentence = span.sent
        if span.label_ in EXERCISE_KINDS and sentence.start not in accusing:
            if sentence.start not in rehearsed:
                rehearsed[sentence.start] = any(t.lower_ in nouns for t in sentence) and not cues.search(
                    sentence.text
                )
            if rehearsed[sentence.start]:
                continue
        out.append((span, role))
    return out
