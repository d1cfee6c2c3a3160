"""A candidate's electoral campaign (used by ``actor_linker``).

"The Trump campaign said its emails were hacked", "former President Trump's campaign", « la
campagne de Donald Trump »: the campaign is an organisation of its own, the victim or the voice of
the story, not the candidate. A person's name right before one of ``campaign_nouns`` (over "'s"),
or right after one and ``of_words`` in French, makes a discovered organisation '<SURNAME>
campaign' (id ``<SURNAME>_CAMPAIGN`` in every language), and the person is no mention there. Not
a campaign with a complement of its own, which is an operation or a drive ("Putin's campaign
against Ukraine", "a campaign of disinformation", « la campagne de X contre Y »: one of
``campaign_blockers`` right after the noun or, in French, after the name; "to" only before a
verb: "sent files from X's campaign to reporters" is the candidate's; none before a date: "the
hack of X's campaign on August 19th").
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from extract.records import Actor

POSSESSIVES = ("'s", "’s")
NAME_WORDS = 3  # words of a candidate's name after « campagne de »


def campaigns(doc: Doc, context: dict, is_person, titles=frozenset()) -> list[tuple[Span, Span]]:
    """(the campaign's span, the candidate's name) for each campaign of a person in ``doc``;
    ``is_person(span)`` says whether a name names a person. Not before one of ``titles``: the
    campaign is then part of a person's title ("Clinton campaign chairman John Podesta")."""
    nouns = {get_string_id(word) for word in context.get("campaign_nouns", ())}
    if not nouns:
        return []
    blockers = set(context.get("campaign_blockers", ())) | set(titles)
    out = []
    for i in (i for i, key in enumerate(doc.to_array(LOWER).tolist()) if key in nouns):
        noun = doc[i]
        if _blocked(doc, i + 1, blockers):
            continue
        name = _name_before(doc, noun) or _name_after(doc, noun, context.get("of_words", ()))
        if name is None or _blocked(doc, name.end, blockers) or not is_person(name):
            continue  # (the blocker after the name too: « la campagne de X | contre Y »)
        out.append((Span(doc, min(name.start, i), max(name.end, i + 1)), name))
    return out


def _blocked(doc: Doc, i: int, blockers: set[str]) -> bool:
    """Does one of the blockers at ``i`` give the campaign a complement of its own, not a
    recipient after "to", nor a date ("the hack of X's campaign on August 19th")?"""
    if i >= len(doc) or doc[i].lower_ not in blockers or _to_a_recipient(doc, i):
        return False
    return not (i + 1 < len(doc) and doc[i + 1].ent_type_ == "DATE")


def _to_a_recipient(doc: Doc, i: int) -> bool:
    """Is the "to" at ``i`` followed by no verb: where something from the campaign went ("sent
    files from X's campaign to reporters"), not what the campaign is for ("X's campaign to
    undermine the vote")?"""
    return doc[i].lower_ == "to" and i + 1 < len(doc) and doc[i + 1].pos_ not in ("VERB", "AUX")


def _name_before(doc: Doc, noun: Token) -> Span | None:
    """ "Trump campaign", "Trump's campaign": the capitalised name before the noun."""
    end = noun.i - 1 if noun.i > 0 and doc[noun.i - 1].text in POSSESSIVES else noun.i
    start = end
    while start > 0 and end - start < NAME_WORDS and _name_word(doc[start - 1]):
        start -= 1
    return doc[start:end] if end > start else None


def _name_after(doc: Doc, noun: Token, of_words) -> Span | None:
    """« campagne de Donald Trump »: the capitalised name after the noun and « de »."""
    if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ not in of_words:
        return None
    start = end = noun.i + 2
    while end < len(doc) and end - start < NAME_WORDS and _name_word(doc[end]):
        end += 1
    return doc[start:end] if end > start else None


def _name_word(token: Token) -> bool:
    return token.is_title and token.pos_ == "PROPN"


def with_campaigns(linker, doc: Doc, mentions: list[tuple[Span, str]], new_actors: dict) -> list:
    """``mentions`` with each candidate's campaign as a discovered organisation, and without the
    candidate's name there. ``linker`` is the ``ActorLinker`` (its context, gazetteer, people)."""
    people = {i for span, _ in mentions if span.label_ == "person" for i in range(span.start, span.end)}

    def is_person(name: Span) -> bool:
        return (
            any(i in people for i in range(name.start, name.end))
            or any(t.ent_type_ in ("PERSON", "PER") for t in name)
            or name[-1].text in linker.last_names
        )

    found = campaigns(doc, linker.context, is_person, linker.context["titles"])
    if not found:
        return mentions
    dropped = {i for _, name in found for i in range(name.start, name.end)}
    out = [
        (s, r)
        for s, r in mentions
        if not (s.label_ == "person" and dropped.intersection(range(s.start, s.end)))
    ]
    for span, name in found:
        actor_id = f"{name[-1].text.upper()}_CAMPAIGN"
        label = f"{name[-1].text} campaign"
        new_actors.setdefault(
            actor_id, Actor(id=actor_id, name=label, kind="other", aliases=(span.text,), source="discovered")
        )
        out.append((Span(doc, span.start, span.end, label="other", kb_id=actor_id), "discovered"))
    return out
