"""Who does what a cyber verb says, for the story test of ``actor_story``: the named subject (or
passive agent) of a verb of attacking ("China routinely targets"), or of a verb of launching
whose object is an incident ("Russia launched cyber attacks")."""

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
        return any(t.i in named for doer in doers for t in doer.subtree)
    if head.pos_ in ("NOUN", "PROPN"):
        return any(c.i in named for c in head.children if c.dep_ in QUALIFIER_DEPS)
    return False


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
