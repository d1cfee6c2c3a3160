"""People named under a title of membership in a threat group or an offensive service (used by
``actor_people``).

"GRU officers X, Y and Z were members of a conspiracy that deployed destructive malware", "a reward
for information on Federal Security Service (FSB) officers X, Y and Z for their involvement in
computer intrusions", « les officiers du GRU X et Y ont déployé un logiciel malveillant »: the
title ("officers", ``member_role_nouns``) ties the names to a service known for offensive
operations or to a threat group the text names, and a sentence with a cyber word makes them its
people. The parser hangs such a list anywhere (each name's own script in brackets between them), so
the words are read in the text's order: back from the name over the names listed before it, list
words and brackets, to the title, and from the title to the service (over its acronym in brackets,
or after "of the", « du »). So are names right after a state's or a group's cyber actors ("Iranian
cyber actors X and Y", « les acteurs cyber iraniens X et Y »: ``actor_heads`` with the nationality
in the head's phrase, also a nationality the linker made no mention of).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.actor_ruler import CANDIDATES_KEY

LIST_REACH = 80  # tokens back from a name to its title, over a list of names in two scripts
CUT_WORDS = 2  # first names of a listed person the recogniser left out of his name
HEAD_WORDS = 3  # words between a head ("actors", « pirates ») and its owner ("Iranian cyber actors")
OWNER_LINKS = ("of", "the", "de", "du", "des", "la", "l'")  # "officers of the GRU", « officiers du GRU »


def service_officer(doc: Doc, start: int, people: list[Span], mentions, context: dict, gazetteer) -> bool:
    """Is the name at ``start`` listed right after a title of membership of a threat group or an
    offensive service the text names (``gazetteer.offensive``), or after a state's or a group's
    cyber actors ("Iranian cyber actors X and Y", « les pirates informatiques iraniens X »:
    ``actor_heads``), in a sentence with a cyber word?"""
    nouns, heads = context.get("member_role_nouns", ()), context.get("actor_heads", ())
    if not nouns or context["cyber"].search(doc[start].sent.text) is None:
        return False
    services = _tokens(mentions, lambda span: span.label_ == "group" or span.kb_id_ in gazetteer.offensive)
    states = _tokens(mentions, lambda span: span.label_ == "state")
    # (a nationality the linker made no mention of: « les acteurs cyber iraniens X »)
    states.update(
        i
        for span in doc.spans.get(CANDIDATES_KEY, ())
        if span.label_ == "demonym"
        for i in range(span.start, span.end)
    )
    title = _title_before(doc, start, people, context["list_words"], {*nouns, *heads})
    if title is None or not services | states:
        return False
    if _actors_of(doc, title, services | states, heads):
        return True
    if doc[title].lower_ in nouns:  # "GRU officers X", "FSB (FSB) officers X"
        return _before(doc, title) in services
    if title not in services:  # « les officiers du GRU X »: the service, then its title before it
        return False
    i = title
    while i > 0 and doc[i - 1].i in services:
        i -= 1
    while i > 0 and doc[i - 1].lower_ in OWNER_LINKS:
        i -= 1
    return i < title and i > 0 and doc[i - 1].lower_ in nouns


def _tokens(mentions, kept) -> set[int]:
    return {i for span, _ in mentions if kept(span) for i in range(span.start, span.end)}


def _actors_of(doc: Doc, title: int, owners: set[int], heads) -> bool:
    """Is the word at ``title`` one of ``heads`` with an owner's name in it or just before it
    ("Iranian cyber actors", "Russian hackers"), or an owner's adjective after such a head and
    lower-case words (« pirates informatiques iraniens », « acteurs cyber iraniens »)?"""
    if doc[title].lower_ in heads:
        return any(k in owners for k in range(max(0, title - HEAD_WORDS), title + 1))
    if title not in owners:
        return False
    for k in range(title - 1, max(-1, title - 1 - HEAD_WORDS), -1):
        if doc[k].lower_ in heads:
            return True
        if not doc[k].is_lower:
            return False
    return False


def _title_before(doc: Doc, start: int, people: list[Span], list_words, titles) -> int | None:
    """The token before the name's list: back over list words, names of ``people`` (and a first
    name the recogniser cut off, no word of ``titles``) and brackets."""
    starts = {span.end: span.start for span in people}
    i, floor = start - 1, max(0, start - LIST_REACH)
    while i >= floor:
        if doc[i].text == ")":
            opening = next((k for k in range(i - 1, floor - 1, -1) if doc[k].text == "("), None)
            if opening is None:
                return None
            i = opening - 1
        elif doc[i].lower_ in list_words:
            i -= 1
        elif i + 1 in starts:
            i = starts[i + 1] - 1
            cut = i - CUT_WORDS  # (the first names the NER cut off: "Artem | Valeryevich Ochichenko")
            while i > cut and doc[i].is_title and doc[i].is_alpha and doc[i].lower_ not in titles:
                i -= 1
        else:
            return i
    return None


def _before(doc: Doc, i: int) -> int | None:
    """The token before ``i``, over an acronym in brackets ("Federal Security Service (FSB) officers")."""
    k = i - 1
    if k > 0 and doc[k].text == ")":
        k = next((j for j in range(k - 1, max(-1, k - 6), -1) if doc[j].text == "("), 0) - 1
    return k if k >= 0 else None
