"""Companies and people that only name a group or carry a message (used by ``actor_linker``).

A company named only as the source of a group's nickname ("APT33 (called Elfin by Symantec)",
"Storm-0558, tracked by Microsoft", « surnommé Fancy Bear par CrowdStrike ») or as the subject of a
verb of nicknaming ("Kaspersky referred to the variant as NotPetya"); an outlet someone spoke to
("lawmakers who spoke to CNN", « a confié au Monde »); a channel ("via the SWIFT network"): a
naming or a medium, no part in the story. A company after 'by' that is the agent of another verb
('attributed to APT41 by Mandiant') attributes, and stays.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

CHANNEL_REACH = 8  # tokens between "via"/"through" and the company it goes through
# a name hung on its description ('Cybersecurity firm Dragos', « la société Dragos »)
DESCRIBED_DEPS = frozenset({"appos", "nmod", "flat", "flat:name", "compound", "amod"})


def without_nickname_sources(
    doc: Doc, mentions, naming_words, by_words, channel_preps, descriptors=None, told=(), nicknaming=()
) -> list:
    """Drop a company named only as the source of a group's nickname: "APT33 (called Elfin by
    Symantec and Peach Sandstorm by Microsoft)", "Storm-0558, tracked by Microsoft", « surnommé
    Fancy Bear par CrowdStrike », or as the subject of a verb of nicknaming with no other verb
    ("Kaspersky referred to the variant as NotPetya", « Kaspersky a baptisé ... NotPetya »:
    ``nickname_verbs``): a naming, not a part in the story; and one that is only a channel: "via
    the SWIFT network", "through social media sites like Twitter, Facebook"."""
    groups_end = {span.end for span, _ in mentions if span.label_ == "group"}
    parsed = doc.has_annotation("DEP")  # (the languages read without a parser have no clauses)
    out = []
    for span, role in mentions:
        if span.label_ in ("company", "person") and parsed and _nicknames(span, nicknaming):
            continue
        if span.label_ == "company" and _told(doc, span, told):
            continue  # "lawmakers who spoke to CNN": the outlet, not a part in the story
        if span.label_ == "company" and _channel(doc, span, channel_preps, descriptors or {}):
            continue  # "via the SWIFT network", "through social media sites like Twitter"
        # (not one a relative clause says more of: 'identified by Microsoft, which attributed it to')
        described = parsed and any(c.dep_ in ("relcl", "acl:relcl") for c in span.root.children)
        if span.label_ in ("company", "person") and span.start > 0 and doc[span.start - 1].lower_ in by_words:
            before = span.start - 1
            if described:
                out.append((span, role))
                continue
            window = doc[max(0, before - 6) : before]
            named = any(t.lower_ in naming_words for t in window)
            if before in groups_end and not named and parsed and _agent_of_other_verb(span, naming_words):
                out.append((span, role))
                continue  # 'attributed to APT41 by Mandiant', « attribuée à APT41 par Mandiant »
            if before in groups_end or named:
                continue
            if (
                before > 0
                and doc[before - 1].text == "("
                and span.end < len(doc)
                and doc[span.end].text == ")"
            ):
                continue  # "Sofacy Group (by Kaspersky)", "Diamond Sleet (by Microsoft)"
        out.append((span, role))
    return out


def _agent_of_other_verb(span: Span, naming_words) -> bool:
    """Is the 'by' phrase the agent of a verb that names nothing ('attributed to APT41 by
    Mandiant', « attribuée à APT41 par Mandiant »), not of a naming ('tracked by Microsoft')?"""
    root = span.root
    by = root.head if root.dep_ == "pobj" else None
    verb = by.head if by is not None and by.dep_ == "agent" else None
    if verb is None and root.dep_ in ("obl:agent", "obl:mod", "obl"):
        verb = root.head
    return verb is not None and verb.pos_ == "VERB" and verb.lower_ not in naming_words


def _nicknames(span: Span, verbs) -> bool:
    """Is the span the subject of a verb of nicknaming that no other verb joins ("X dubbed the
    group Elfin"; not "X referred to it as NotPetya and blamed Russia")?"""
    root = span.root
    if root.dep_ in DESCRIBED_DEPS and root.head.dep_.startswith("nsubj"):
        root = root.head  # « La société Dragos a baptisé ... », 'Cybersecurity firm Dragos named'
    verb = root.head
    if not root.dep_.startswith("nsubj") or verb.lower_ not in verbs:
        return False
    return not any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in verb.children)


def _told(doc: Doc, span: Span, told) -> bool:
    """Is the company what someone spoke to: "who spoke to CNN", "told Reuters", « a confié au
    Monde » (the words of ``told_words`` right before it, over one article)?"""
    if not told:
        return False
    i = span.start
    if i > 0 and doc[i - 1].lower_ in ("the", "le", "la", "les", "l'", "l’"):
        i -= 1
    for phrase in told:
        words = phrase.split()
        if i >= len(words) and [t.lower_ for t in doc[i - len(words) : i]] == words:
            return True
        # « confié au Monde »: the preposition and the article in one word
        if words[-1] == "à" and i >= len(words) and doc[i - 1].lower_ in ("au", "aux"):
            if [t.lower_ for t in doc[i - len(words) : i - 1]] == words[:-1]:
                return True
    return False


def _channel(doc: Doc, span: Span, channel_preps, descriptors: dict) -> bool:
    """Is the company the medium of a "via"/"through" phrase (over a few lower-case words, list
    openers and other names)? Not when an organisation word comes between: "via contractors such
    as Lockheed Martin", « via des contractants tels que X » names organisations, not a medium."""
    i = span.start - 1
    while i >= 0 and span.start - i <= CHANNEL_REACH:
        token = doc[i]
        if token.lower_ in channel_preps:
            return True
        if any(token.lower_ in words for words in descriptors.values()):
            return False
        if not (token.is_lower or token.is_punct or token.is_title) or token.text in {".", ";", ":"}:
            return False
        i -= 1
    return False
