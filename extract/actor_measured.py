"""Organisations named only as what a sanction or a designation is aimed at (used by
``actor_linker``): 'OFAC sanctioned Coinbridge.io (Coinbridge), a mixer that launders stolen
funds', 'imposed sanctions on a hosting entity – Netfortress –', 'worked for Pyongyang Trading,
which OFAC is also sanctioning', « a sanctionné Coinbridge », « a imposé des sanctions contre
Netfortress ».

Such a name often has no descriptor the organisation rules know, and the entity recogniser may
miss it: the measure says it is an actor. The words of a measure are ``sanction_cues`` (word
beginnings, ``patterns/actor_context.json``); what it is aimed at is the verb's object, the
antecedent of a relative clause whose pronoun it acts on, or the complement of 'on', 'against',
« contre », « à » after the measure noun or its verb, and the names set beside it (an apposition,
a list). Only in a sentence with a cyber word, or right after one: a sanction on an oil trader is
no cyber story. People are left to the people rules; names already read, to their mentions.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

OBJECT_DEPS = ("dobj", "obj")
PASSIVE_DEPS = ("nsubjpass", "nsubj:pass")
AIM_WORDS = ("on", "upon", "against", "contre", "à")  # what a measure is aimed at
FOR_WORDS = ("for",)  # 'designated X for sanctions': X is what the measure is aimed at
GENERIC_ARTICLES = ("les", "all", "any", "tous", "toutes")  # 'sanctions on all persons who ...'
RELATIVE_PRONOUNS = ("which", "that", "que", "qu'", "lequel", "laquelle")
NAMING_LINKS = ("as", "comme")  # 'designated the sector as critical': a naming, no measure
BESIDE_DEPS = ("appos", "conj", "flat:name")
PERSON_LABELS = ("PERSON", "PER")
PLACE_LABELS = ("GPE", "LOC", "NORP", "DATE", "CARDINAL", "MONEY")
MAX_NAME = 6
DOMAIN_NAME = re.compile(r"[A-Z][^\W_]*(?:\.[a-z]{2,6})?")  # 'Netfortress', 'Coinbridge.io'


@functools.lru_cache(maxsize=8)
def _cue_pattern(cues: frozenset[str]) -> re.Pattern:
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, sorted(cues)))})", re.IGNORECASE)


class MeasuredOrgRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.title_words``, ``self.resolve``,
    ``self._own_kind`` and ``self._discovered`` (``OrgRules``) and ``self._told_of_cyber``
    (``ResponsibilityRules``)."""

    def _measured_orgs(self, doc: Doc, text: str, mentions, new_actors) -> list[tuple[Span, str]]:
        cues = self.context.get("sanction_cues")
        if not cues or not doc.has_annotation("DEP"):
            return []
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        out: list[tuple[Span, str]] = []
        for match in _cue_pattern(frozenset(cues)).finditer(text):
            cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if cue is None or not self._told_of_cyber(doc, cue.sent):
                continue
            for target in _aimed_at(cue[0]):
                bounds = _name(target)
                if bounds is None or any(i in taken for i in range(*bounds)):
                    continue
                if any(c.dep_ == "appos" and c.lower_ in self.title_words for c in target.children):
                    continue  # 'X, a Russian national': a person the recogniser took for a body
                before = doc[bounds[0] - 1].lower_ if bounds[0] > 0 else ""
                if before in self.context.get("name_intros", ()) or before in self.context["titles"]:
                    continue  # 'on Russian national X', « contre le ressortissant russe X »: a person
                name = doc[bounds[0] : bounds[1]].text
                if self.resolve(name):
                    continue  # a known actor: its mention, if the text tells of it
                kind = self._own_kind(doc, *bounds) or "company"
                out.append(self._discovered(doc, *bounds, name, kind, new_actors, taken))
        return out


def _aimed_at(cue: Token) -> list[Token]:
    """The nouns a measure word is aimed at, and the names set beside them."""
    if cue.pos_ in ("VERB", "AUX"):
        if any(c.lower_ in NAMING_LINKS for c in cue.children):
            return []
        nouns = [c for c in cue.children if c.dep_ in OBJECT_DEPS or c.dep_ in PASSIVE_DEPS]
        if any(n.lower_ in RELATIVE_PRONOUNS for n in nouns) and cue.dep_ in ("relcl", "acl:relcl"):
            nouns.append(cue.head)  # 'X, which OFAC is sanctioning', « X, que le Trésor sanctionne »
        nouns += _aim_complements(cue)
    elif cue.pos_ == "NOUN":
        nouns = _aim_complements(cue)
        verb = cue.head
        if cue.dep_ in OBJECT_DEPS + PASSIVE_DEPS and verb.pos_ in ("VERB", "AUX"):
            nouns += _aim_complements(verb)  # 'imposed sanctions on X', 'a sanction was imposed on X'
    else:
        return []
    found = []
    for noun in nouns:
        found.append(noun)
        # (a name's apposition is another name of it, or what it is: 'X, Limited', 'X (a.k.a. Y)')
        beside = ("conj",) if noun.pos_ == "PROPN" or noun.ent_type_ else BESIDE_DEPS
        found += [c for c in noun.children if c.dep_ in beside]
    return found


def _aim_complements(word: Token) -> list[Token]:
    """What 'on', 'against', « contre », « à » join to the word: English hangs the name on the
    preposition, French on the word with the preposition as its case."""
    found = []
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ in AIM_WORDS:
            found += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "iobj"):
            if any(c.dep_ == "case" and c.lower_ in AIM_WORDS for c in child.children):
                found.append(child)
    return found


def _name(node: Token) -> tuple[int, int] | None:
    """The bounds of the organisation's name at ``node``: the recogniser's entity, else the
    capitalised words that end at it ('Netfortress' the recogniser missed); None for a person, a
    place or a common noun."""
    if node.ent_type_ in PLACE_LABELS:
        return None
    if node.ent_type_ in PERSON_LABELS and (
        node.ent_iob_ == "I" or node.i + 1 < len(node.doc) and node.nbor().ent_iob_ == "I"
    ):
        return None  # a person's names (a lone word the recogniser calls a person may be a company's)
    if node.ent_type_ and node.ent_type_ not in PERSON_LABELS:
        doc = node.doc
        start = node.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = node.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        while start < end and not doc[start].text[:1].isupper():
            start += 1  # 'the Lazarus Group': from its first capital
        return (start, end) if 0 < end - start <= MAX_NAME else None
    if node.pos_ != "PROPN" or not DOMAIN_NAME.fullmatch(node.text):
        return None
    start = node.i
    while start > 0 and node.i - start < MAX_NAME and _name_word(node.doc[start - 1], node):
        start -= 1
    return start, node.i + 1


def _name_word(token: Token, head: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.head.i == head.i


def aimed_at_no_one(cue: Span, named: set[int]) -> bool:
    """Is a sanction word aimed only at a kind of people, none named ('authorizes sanctions on
    individuals and entities responsible for malicious cyber activities', « des sanctions contre
    les personnes et entités responsables », 'designates them for sanctions'), or a noun's modifier
    in a clause that names no one ('the criteria set forth in the sanctions authorities listed
    below')? A rule of sanctions in general, no measure taken against someone ('sanctioned two
    officers' is one); a word aimed at nothing the parse shows is left to the other tests."""
    root = cue.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN":
        verb = root.head.head
        return not named.intersection(range(verb.left_edge.i, verb.right_edge.i + 1))
    aims = _aimed_at(root)
    if not aims and root.dep_ == "pobj" and root.head.lower_ in FOR_WORDS and root.head.head.pos_ == "VERB":
        aims = [c for c in root.head.head.children if c.dep_ in OBJECT_DEPS]  # 'designate them for sanctions'
    return bool(aims) and all(_a_kind_of_people(aim, named) for aim in aims)


def _a_kind_of_people(noun: Token, named: set[int]) -> bool:
    """Is ``noun`` a plural that names no one ('individuals and entities responsible for ...',
    « les personnes qui ... », 'them'): no numeral, no article but a generic one, no actor under it?"""
    if "Plur" not in noun.morph.get("Number") or noun.ent_type_:
        return False
    if any(c.dep_ == "nummod" or c.dep_ == "det" and c.lower_ not in GENERIC_ARTICLES for c in noun.children):
        return False
    return not named.intersection(range(noun.left_edge.i, noun.right_edge.i + 1))
