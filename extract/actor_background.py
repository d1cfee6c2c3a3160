"""States named only outside the cyber story (used by ``actor_linker``).

A readout of a summit on a cyber threat also speaks of a war, of a veto, of a trade dispute:
"troop deployments by the DPRK to Russia, for use on the battlefield against Ukraine", « L'Ukraine
a résisté à l'invasion de la Russie », "distrust between the UK and Russia". A state named by its
name or its capital in no sentence that tells anything of the story is no actor of it. A sentence
tells of the story when it has a cyber word, a story word (an attack, a target, sanctions, an
election: ``story_terms``), a word of an attribution or of a perpetrator (``perpetrator_cues``,
``generic_perpetrator_cues``: "denounced", "responsible for", « rôle »; not a condemnation alone,
``condemn_cues``: "condemned the deployment of DPRK troops to Russia"), a word of a threat
(``threat_words``: "the threat", « la menace »), a threat group or an offensive service, or a
well-known incident's name ("denouncing North Korea for WannaCry"). A state described as acting
("the U.S. government", « le gouvernement russe », "US intelligence agencies"), a state of a
person's title, a transcript's speaker, a state the document's title names, a state that speaks
and the states listed below 'Signed by:' (``signatory_headings``) are left alone.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from extract.actor_story import _incident_names

JUDGED_ROLES = ("name", "capital")  # a state named, not described as acting nor by an office
BODY_REACH = 5  # words between a body's noun and "of <state>"
SIGNATORY_LINE_WORDS = 8  # a line of a list of signatories: a state's name and a short note


def without_background_states(linker, doc, text: str, mentions: list[tuple[Span, str]]) -> list:
    """``mentions`` without the states named only in sentences that tell nothing of the story.
    ``linker`` is the ``ActorLinker`` (its context, gazetteer and ``_speaks``)."""
    context = linker.context
    if context.get("threat") is None or not doc.has_annotation("SENT_START"):
        return mentions  # (a language without its words of a threat is not read for this)
    patterns = _story_patterns(context)
    states = _judged_states(doc, mentions, context)
    if not states:
        return mentions
    offensive = linker.gazetteer.offensive
    story_sentences = {
        span.sent.start for span, _ in mentions if span.label_ == "group" or span.kb_id_ in offensive
    }
    kept = _signatories(text, mentions, context)
    told: dict[int, bool] = {}  # sentence start -> does it tell of the story (each read once)
    for span, _ in mentions:
        if span.kb_id_ not in states or span.kb_id_ in kept:
            continue
        sentence = span.sent
        if sentence.start not in told:
            words = text[sentence.start_char : sentence.end_char]
            told[sentence.start] = sentence.start in story_sentences or any(p.search(words) for p in patterns)
        if told[sentence.start] or _told_beside(sentence, text, patterns[:2]) or linker._speaks(doc, span):
            kept.add(span.kb_id_)
    return [(span, role) for span, role in mentions if span.kb_id_ not in states or span.kb_id_ in kept]


def _signatories(text: str, mentions: list[tuple[Span, str]], context: dict) -> set[str]:
    """The states on the lines of a list of signatories ('Signed by:', « Signataires : » and a
    state a line): they sign what the statement says."""
    heading = context.get("signatory_heading")
    match = heading.search(text) if heading is not None else None
    if match is None:
        return set()
    end = match.end()
    for line in re.finditer(r"[^\n]+", text[end:]):  # (the list ends at the first long line)
        if len(line.group().split()) > SIGNATORY_LINE_WORDS:
            break
        end = match.end() + line.end()
    return {span.kb_id_ for span, _ in mentions if match.end() <= span.start_char < end}


def _told_beside(sentence: Span, text: str, patterns: list[re.Pattern]) -> bool:
    """Has the sentence before or after (blank lines apart) a cyber or a story word: "Hackers stole
    the data. Washington pointed the finger at Beijing", "X delivered the following remarks: ...
    the intrusion", « La Chine a signé. Le ciblage chinois des universités est fréquent »?"""
    doc = sentence.doc
    for i, step in ((sentence.start - 1, -1), (sentence.end, 1)):
        while 0 <= i < len(doc) and doc[i].is_space:
            i += step
        if 0 <= i < len(doc):
            beside = doc[i].sent
            if any(p.search(text, beside.start_char, beside.end_char) for p in patterns):
                return True
    return False


def _judged_states(doc, mentions: list[tuple[Span, str]], context: dict) -> set[str]:
    """The states named only by their name or capital: not described as acting ("the Russian
    government", "US intelligence agencies"), by an office or as a speaker, nor named by the
    document's title ("a meeting between X, Y and Z": what the text is about)."""
    # the bodies a state has, not the titles of its people ("the Ministry of", not "the President of")
    bodies = set(context["body_nouns"]) - set(context["titles"])
    states = {span.kb_id_ for span, role in mentions if span.label_ == "state" and role in JUDGED_ROLES}
    states -= {
        span.kb_id_
        for span, role in mentions
        if span.kb_id_ in states and (role not in JUDGED_ROLES or _acting(span, context, bodies))
    }
    title = doc._.get("title") if doc.has_extension("title") else None
    if title:
        states -= {span.kb_id_ for span, _ in mentions if span.kb_id_ in states and span.text in title}
    return states


def _acting(span: Span, context: dict, bodies: set[str]) -> bool:
    """Is the state named with a word of its institutions: in its name ("the Russian government"),
    right after it ("US intelligence agencies"), or as the owner of a body named before it ("The
    Ministry of Foreign Affairs of Japan issued", « le ministère des Affaires étrangères du Japon »;
    not a person's title: "the President of Syria")?"""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    institutions = context["institution_nouns"]
    if after in institutions or any(t.lower_ in institutions for t in span):
        return True
    return _owns_a_body(span, context, bodies)


def _owns_a_body(span: Span, context: dict, bodies: set[str]) -> bool:
    """Does "of" (« de », « du ») join the state to a body's name before it ("the Ministry of
    Foreign Affairs of", « le ministère des Affaires étrangères du »)? A name: a capitalised word
    among the words (« en direction de l'Ukraine » is none)."""
    doc = span.doc
    determiners = set(context["determiners"])
    of_words = {*context["of_words"], "du", "des"}
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in determiners:
        i -= 1
    if i < 1 or doc[i].lower_ not in of_words:
        return False
    named = False
    for token in reversed(doc[max(0, i - BODY_REACH) : i]):  # (over "Foreign Affairs of")
        named = named or token.is_title
        if token.lower_ in bodies:
            return named
        if not (token.is_title or token.pos_ == "ADJ" or token.lower_ in of_words | determiners):
            return False
    return False


def _story_patterns(context: dict) -> list[re.Pattern]:
    """The patterns of the words that tell of the story, cheapest first."""
    patterns = [context["cyber"], context["story"]]
    patterns += [context[key] for key in ("act_perpetrator", "threat") if context.get(key) is not None]
    names = _incident_names()
    return patterns + ([names] if names is not None else [])
