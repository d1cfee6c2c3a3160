"""Which actors the story test of ``actor_story`` judges: people, international bodies, discovered
organisations and the departments that act for their state are actors only where they take part
in the cyber story; a transcript's speaker always speaks; an office's state goes with its holder."""

from __future__ import annotations

from spacy.tokens import Span

from extract.actor_agencies import state_organs

OFFICE_REACH = 8  # tokens between a title's state ("President") and the person holding it
STORY_KINDS = ("person", "intergov")  # actors only where they take part in the cyber story


def judged(span: Span, role: str) -> bool:
    """Is the actor kept only where it takes part in the story (people, bodies, new organisations)?"""
    if role == "speaker_label":  # a transcript's speaker speaks, whatever the sentence
        return False
    return span.label_ in STORY_KINDS or (role == "discovered" and span.label_ != "group")


def offices_with_holders(mentions):
    """``mentions`` without an office's state whose holder is gone ("President Bush": no USA)."""
    people = [span.start for span, _ in mentions if span.label_ == "person"]
    return [
        (span, role)
        for span, role in mentions
        if role != "office" or any(abs(start - span.start) <= OFFICE_REACH for start in people)
    ]


def judged_ids(mentions) -> set[str]:
    """The ids kept only where they take part in the story (``judged``; also the departments that
    act for their state: "the Department of Agriculture has spoken to"), not a transcript's speaker."""
    organs = state_organs()
    ids = {span.kb_id_ for span, role in mentions if judged(span, role) or span.kb_id_ in organs}
    return ids - {span.kb_id_ for span, role in mentions if role == "speaker_label"}
