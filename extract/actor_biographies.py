"""Bodies named only in a person's former posts (used by ``actor_linker``).

"Anne was previously the National Security Agency’s Director of Cybersecurity", "She also
previously served as NSA’s first Chief Risk Officer", « Elle a auparavant dirigé le service de
cybersécurité de la NSA »: a biography says where someone worked, and the agency or company of a
former post plays no part in the story there. A sentence whose subject is a person (a personal
pronoun or a person's name), whose verb is one of ``biography_verbs`` (or a copula's predicate)
and which has one of ``former_words`` is such a biography; an agency, a company or an organisation
named only in such sentences is dropped. "The NSA previously attributed the hack to Russia" has an
agency, no person, for its subject.
"""

from __future__ import annotations

from spacy.tokens import Span

from extract.actor_ruler import has_any_word

FORMER_KINDS = ("agency", "company", "other")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")
PERSON_LABELS = ("PERSON", "PER")


def without_former_posts(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the bodies named only in biographies of former posts."""
    verbs, former = context.get("biography_verbs"), context.get("former_words")
    if not verbs or not former or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    if not has_any_word(mentions[0][0].doc, former):
        return mentions  # (the cheap test first: a text with no word of a former time has no such post)
    pronouns = frozenset(context.get("person_pronouns", ()))
    told: dict[int, bool] = {}  # by sentence start: is it a biography of former posts?
    outside = set()
    for span, _ in mentions:
        sentence = span.sent
        if span.label_ in FORMER_KINDS and sentence.start not in told:
            told[sentence.start] = _a_biography(sentence, verbs, former, pronouns)
        if span.label_ not in FORMER_KINDS or not told[sentence.start]:
            outside.add(span.kb_id_)
    return [(span, role) for span, role in mentions if span.kb_id_ in outside]


def _a_biography(sentence: Span, verbs, former, pronouns: frozenset[str]) -> bool:
    """Is the sentence a person's former post: a person subject, a verb of a post (or a copula's
    predicate), and a word of a former time?"""
    root = sentence.root
    if root.lower_ not in verbs and not any(c.dep_ == "cop" for c in root.children):
        return False
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    if not any(s.lower_ in pronouns or s.ent_type_ in PERSON_LABELS for s in subjects):
        return False
    return any(t.lower_ in former for t in sentence)
