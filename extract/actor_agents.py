"""Who does what a cyber verb says, for the story test of ``actor_story``: the named subject (or
passive agent) of a verb of attacking ("China routinely targets"), of a verb of launching
whose object is an incident ("Russia launched cyber attacks"), or of a verb whose means is an
incident ("Moscow has sought to undermine democracy through cyber attacks")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

AGENT_DEPS = ("nsubj", "agent", "obl:agent")  # who does what a verb says (also "by" in the passive)
QUALIFIER_DEPS = ("amod", "compound", "poss", "nmod:poss")  # who a noun's act is by ("Chinese targeting")


def agent_named(doc: Doc, match: re.Match, named: set[int]) -> bool:
    """Is a named actor the one who does what a word of a cyber act says (``agent_cues``): the
    subject of the verb ("China routinely targets", « la Chine cible »), its agent in the passive
    ("targeted by Russia"), or what qualifies the noun ("Chinese cyber targeting of", « le
    ciblage chinois »)? Not what it is done to ("Ransomware targets British hospitals")."""
    cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if cue is None:
        return False
    head = cue.root
    if head.dep_ == "acl" and head.head.pos_ == "NOUN":
        head = head.head  # "Chinese cyber targeting": a participle hung on the noun it completes
    if head.pos_ in ("VERB", "AUX"):
        doers = [c for c in head.children if c.dep_ in AGENT_DEPS and "pass" not in c.dep_]
        if not doers and not any("pass" in c.dep_ for c in head.children):
            doers = _purpose_doers(head)  # "Beijing is going to great lengths ... to spy, to hack"
        return any(t.i in named for doer in doers for t in doer.subtree)
    if head.pos_ in ("NOUN", "PROPN"):
        return any(c.i in named for c in head.children if c.dep_ in QUALIFIER_DEPS)
    return False


def _purpose_doers(verb) -> list:
    """The subject of the clause an infinitive with no subject of its own serves ("Beijing is taking
    advantage of open economies to spy, to hack": hung on the verb, on a list of infinitives, or on
    a noun of that clause by the parser), «  pour espionner, pirater »."""
    if not any(c.dep_ in ("aux", "mark") for c in verb.children):
        return []  # (an infinitive's 'to', « pour », « de »: not a finite verb that lost its subject)
    node = verb
    for _ in range(6):
        if node.head.i == node.i:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
            if subjects:
                return [] if any("pass" in s.dep_ for s in subjects) else subjects
    return []


def launched_named(doc: Doc, match: re.Match, named: set[int], incident: re.Pattern) -> bool:
    """Is a named actor the subject of a verb of launching whose object is an incident ("Russia
    launched cyber attacks", « la Russie a mené des cyberattaques »; not "launched a strategy")?"""
    cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if cue is None or cue.root.pos_ not in ("VERB", "AUX"):
        return False
    verb = cue.root
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not any(incident.search(" ".join(t.text for t in o.subtree)) for o in objects):
        return False
    doers = [c for c in verb.children if c.dep_ in AGENT_DEPS and "pass" not in c.dep_]
    return any(t.i in named for doer in doers for t in doer.subtree)


def instrument_named(doc: Doc, match: re.Match, named: set[int], incident: re.Pattern) -> bool:
    """Is a named actor the subject of the verb whose means an incident is ("Moscow has sought to
    undermine democracy through cyber attacks", « la Russie cherche à affaiblir l'Ukraine au moyen
    de cyberattaques »)? Not of a passive ("Ukraine was hit through cyber attacks")."""
    cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if cue is None:
        return False
    # 'through' heads its phrase; « au moyen », « via » hang on the noun that does
    phrase = cue.root if cue.root.dep_ == "prep" else cue.root.head
    if not incident.search(" ".join(t.text for t in phrase.subtree)):
        return False
    verb = phrase.head
    for _ in range(3):  # up from 'undermine' to 'has sought', whose subject it shares
        doers = [c for c in verb.children if c.dep_ in AGENT_DEPS or "subj" in c.dep_]
        if doers:
            active = [d for d in doers if "pass" not in d.dep_]
            return len(active) == len(doers) and any(t.i in named for d in active for t in d.subtree)
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return False
