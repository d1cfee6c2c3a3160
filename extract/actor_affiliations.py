"""Institutions named only as a person's affiliation (used by ``actor_linker``).

"according to professor Thomas Rid of Johns Hopkins University", "the head of the Senate Homeland
Security Committee says": the person speaks or acts; the university or the committee he belongs to
plays no role of its own. A discovered institution (kind ``other``) or an agency whose every mention
hangs on a person's name or on a word for a member of it (context list ``affiliation_nouns``:
"professor", "head", "director", « professeur », « directeur ») through "of" (« de ») is no actor:
"the senators asked the director of the NSA about the intrusions" (the agency that speaks or acts
is named otherwise: "the NSA said"). An official who speaks or acts, named with his agency, speaks
for it: "said Deputy Director Paul Abbate of the FBI", "Mike Rogers, director of the NSA, said";
not a legislator with his committee (one of ``committee_words``: "Rep. X, the Chairman of the House
Intelligence Committee, said"), who speaks for himself.

An organisation discovered only right after a known agency's or company's possessive ("the FBI's
Cyber Behavioral Analysis Center") is one of its units: the body that owns it is the actor.

A state named only as the country of an envoy ("the ambassador of Ukraine", "Ukraine's
ambassador", « l'ambassadrice désignée de l'Ukraine »: context list ``envoy_nouns``) in a sentence
without a cyber word is no actor either: a meeting with a diplomat is no part of the cyber story.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

PERSON_LABELS = ("PERSON", "PER")
POSSESSIVE_MARKS = ("'s", "’s")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")  # a person who speaks or acts
SUBJECT_REACH = 3  # links from a name up to the subject whose title it completes
DETERMINER_REACH = 2  # "of the", « de l' »: words between the preposition and the name
OFFICE_REACH = 10  # tokens of an office's name between two "of" (« du Centre de coordination (C4) de »)
SENTENCE_MARKS = {".", ";", ":", ",", "!", "?"}
NAME_REACH = 5  # words of a person's name between a member word and "of" ("Director Dermot F. O’Reilly of")
MEMBER_REACH = 3  # heads from an institution's name up to a member word (« diplômés triés sur le volet de »)
UNIT_OWNERS = ("agency", "company")  # a known body whose units are named after its possessive
UNIT_KINDS = ("agency", "company", "other")  # what a unit may have been discovered as


def without_affiliations(
    mentions: list[tuple[Span, str]], context: dict, offensive=frozenset()
) -> list[tuple[Span, str]]:
    """``mentions`` without the discovered institutions and agencies named only as someone's
    affiliation; not a service known for offensive operations (``offensive``): "members of the
    GRU" are the service that acts."""
    nouns = context.get("affiliation_nouns")
    if not nouns:
        return mentions
    of_words = context["of_words"]
    candidates = {span.kb_id_ for span, role in mentions if _institution(span, role)} - offensive
    if not candidates:
        return mentions
    committees = frozenset(context.get("committee_words", ()))
    elsewhere = {
        span.kb_id_
        for span, _ in mentions
        if span.kb_id_ in candidates
        and not _affiliation(span, nouns, of_words, _speaks_for(span, committees))
    }
    dropped = candidates - elsewhere
    return [(span, role) for span, role in mentions if span.kb_id_ not in dropped]


def _speaks_for(span: Span, committees: frozenset[str]) -> bool:
    """Does an official named with the body speak for it: an agency, not a legislature's committee
    ("Rep. X, the Chairman of the House Intelligence Committee, said": a legislator speaks for
    himself)?"""
    return span.label_ == "agency" and not any(t.lower_ in committees for t in span)


def _institution(span: Span, role: str) -> bool:
    """Is the actor one a person may belong to: a discovered institution or an agency?"""
    return span.label_ == "agency" or (role == "discovered" and span.label_ == "other")


def _affiliation(span: Span, nouns, of_words, agency: bool) -> bool:
    """Is the span "<person or member word> of [the] <span>"? Not for an agency whose member word
    stands beside a name: "Mike Rogers, director of the NSA, said" speaks for the agency."""
    owner = _owner_before(span, of_words)
    if owner is None:
        return _title_before_a_name(span, nouns) if agency else _member_word_over(span, nouns)
    if agency and owner.dep_ == "appos" and owner.head.ent_type_ in PERSON_LABELS:
        return False
    if agency and owner.ent_type_ in PERSON_LABELS and _in_subject(owner):
        return False  # "said Deputy Director Paul Abbate of the FBI": the official speaks for it
    if owner.ent_type_ in PERSON_LABELS or owner.lower_ in nouns:
        return True
    if (
        agency
        and owner.is_title
        and not _in_subject(owner)
        and _title_before_a_name(span, nouns, titled=True)
    ):
        return True  # "Special Agent in Charge of the FBI’s Pittsburgh Field Office Jane Holt"
    return (not agency and _member_word_over(span, nouns)) or _office_of_a_member(owner, nouns, of_words)


def _office_of_a_member(owner: Token, nouns, of_words) -> bool:
    """Is the word before "of <span>" the end of the name of a person's office, itself after
    "<person or member word> of" ("Director X of the Defense Criminal Investigative Service
    (DCIS) of the U.S. Department of Defense", « la directrice X du Centre de coordination (C4) de
    l'ANSSI »)? The name is walked back over its words and a bracketed acronym to an "of" word
    that a capitalised word or a determiner follows."""
    doc = owner.doc
    i = owner.i
    for _ in range(OFFICE_REACH):
        if i < 1 or doc[i].pos_ in ("VERB", "AUX") or doc[i].text in SENTENCE_MARKS:
            return False
        after = doc[i + 1]
        if doc[i].lower_ in of_words and (after.text[:1].isupper() or after.pos_ == "DET"):
            return _member_before(doc, i, nouns)
        i -= 1
    return False


def _member_before(doc: Doc, of_word: int, nouns) -> bool:
    """Is the word before an "of" a person's name, or a member word before a name the NER missed
    ("Director Dermot F. O’Reilly | of")?"""
    before = doc[of_word - 1]
    if before.ent_type_ in PERSON_LABELS or before.lower_ in nouns:
        return True
    for token in reversed(doc[max(0, of_word - NAME_REACH) : of_word]):
        if token.lower_ in nouns:
            return True
        if not (token.text[:1].isupper() or token.is_punct):
            return False
    return False


def _member_word_over(span: Span, nouns) -> bool:
    """Is a member word a few heads over the institution's name, over a participle's phrase
    (« des diplômés triés sur le volet de l'Université de X »; not over a finite verb)?"""
    node = span.root
    for _ in range(MEMBER_REACH):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in nouns:
            return True
        if node.pos_ in ("VERB", "AUX") and "Part" not in node.morph.get("VerbForm"):
            return False
    return False


def _title_before_a_name(span: Span, nouns, titled: bool = False) -> bool:
    """Is the agency the first word of a title before a person's name who is no subject ("I am
    joined by FBI Deputy Director Jane Holt"), or (``titled``: after a title's "of") of an office's
    name before it ("Special Agent in Charge of the FBI’s Pittsburgh Field Office Jane Holt")?
    "FBI Director Jane Holt said" speaks for it."""
    doc = span.doc
    start = span.end + 1 if span.end < len(doc) and doc[span.end].lower_ in POSSESSIVE_MARKS else span.end
    member = titled
    for token in doc[start : start + NAME_REACH]:
        if token.ent_type_ in PERSON_LABELS:
            return member and not _in_subject(token)
        if not token.text[:1].isupper():
            return False
        member = member or token.lower_ in nouns
    return False


def _in_subject(token) -> bool:
    """Is the token a subject, or in a subject's title ("said Special Agent in Charge X")?"""
    for _ in range(SUBJECT_REACH):
        if token.dep_ in SUBJECT_DEPS:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _owner_before(span: Span, of_words):
    """The word before "of [the] <span>" (« de l' »), or None."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= DETERMINER_REACH and doc[i].pos_ == "DET":
        i -= 1
    return doc[i - 1] if i >= 1 and doc[i].lower_ in of_words else None


def without_units(mentions: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """``mentions`` without the organisations discovered only as a unit of a known agency or
    company named in the possessive right before ("the FBI's Cyber Behavioral Analysis Center",
    "the FBI’s Regional Computer Forensics Laboratory"): the body that owns it is the actor."""
    owners = {span.end for span, role in mentions if span.label_ in UNIT_OWNERS and role != "discovered"}
    if not owners:
        return mentions
    units = {span.kb_id_ for span, role in mentions if _a_unit(span, role, owners)}
    named = {s.kb_id_ for s, role in mentions if s.kb_id_ in units and not _a_unit(s, role, owners)}
    dropped = units - named  # (a unit named on its own elsewhere stays)
    return [(span, role) for span, role in mentions if span.kb_id_ not in dropped]


def _a_unit(span: Span, role: str, owner_ends: set[int]) -> bool:
    """Is the span a discovered organisation right after an owner's possessive ("FBI | 's | X")?"""
    if role != "discovered" or span.label_ not in UNIT_KINDS or span.start < 1:
        return False
    return span.doc[span.start - 1].lower_ in POSSESSIVE_MARKS and span.start - 1 in owner_ends


def without_envoy_states(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the states named only as an envoy's country outside the cyber story."""
    envoys = context.get("envoy_nouns")
    if not envoys:
        return mentions
    states = {span.kb_id_ for span, _ in mentions if span.label_ == "state"}
    if not states:
        return mentions
    cyber, of_words = context["cyber"], context["of_words"]
    elsewhere = {
        span.kb_id_
        for span, _ in mentions
        # (the cheap test first: most states are no envoy's, and a sentence is costly to make)
        if span.kb_id_ in states and (not _envoy_s(span, envoys, of_words) or cyber.search(span.sent.text))
    }
    dropped = states - elsewhere
    return [(span, role) for span, role in mentions if span.kb_id_ not in dropped]


def _envoy_s(span: Span, envoys, of_words) -> bool:
    """Is the state the country of an envoy: "<envoy> [designate] of [the] <state>" or "<state>'s
    <envoy>"?"""
    doc = span.doc
    after = span.end + 1 if span.end < len(doc) and doc[span.end].lower_ in POSSESSIVE_MARKS else span.end
    if after < len(doc) and doc[after].lower_ in envoys:
        return True  # "Ukraine's ambassador"
    owner = _owner_before(span, of_words)
    if owner is not None and owner.pos_ in ("ADJ", "VERB") and owner.i > 0:
        owner = doc[owner.i - 1]  # « l'ambassadrice désignée de l'Ukraine »
    return owner is not None and owner.lower_ in envoys
