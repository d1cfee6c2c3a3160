"""Who claims or launches an attack (used by ``actor_linker``): 'The groups Anonymous and Night Owls
claimed responsibility for the attack', 'The hacking group, Sunwind, claimed responsibility', 'the
cyberattack was claimed by Night Owls', « les attaques, revendiquées par le Front numérique »,
« le collectif Lune Noire a revendiqué l'attaque informatique »; 'Red Lotus launched a series of
attacks on websites', « Lune Noire a lancé une vague d'attaques » (``launch_verbs`` with one of
``launched_nouns`` as what they launch).

A name that claims an attack is a threat group of the story, even when the gazetteer does not
know it and the entity recogniser reads it as a place or merges two names into one. The claim is
a cue (``responsibility_cues`` in ``patterns/actor_context.json``); the claimers are the subject
of its verb, or its agent ('by', « par »), and the names set beside that noun (an apposition, a
list). Only in a sentence with a cyber word, or right after one: a group claiming a bombing is
no actor of a cyber story. A name already read (a known state, a person, an agency) is left to
its mention; a known threat group is that group.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

NAME_DEPS = ("appos", "conj", "flat:name", "flat", "nmod")  # names set beside the claimer's noun
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")
MAX_NAME = 5  # words of a claimer's name
REACH = 2  # steps down from the claimer's noun to a name beside it


@functools.lru_cache(maxsize=8)
def _cue_pattern(cues: frozenset[str]) -> re.Pattern:
    words = "|".join(re.escape(cue).replace(r"\ ", r"\s+") for cue in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{words})", re.IGNORECASE)


class ResponsibilityRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.resolve``, ``self.gazetteer`` and
    ``_group_mention`` (``DescribedGroupRules``)."""

    def _responsibility_claimers(self, doc: Doc, text: str, mentions, new_actors) -> list[tuple[Span, str]]:
        cues = self.context.get("responsibility_cues")
        if not cues or not doc.has_annotation("DEP"):
            return []
        pattern = _cue_pattern(frozenset(cues))
        heads = frozenset(self.context.get("described_group_heads", ()))
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        out: list[tuple[Span, str]] = []
        launches = self.context.get("launch_verbs")
        launch = _cue_pattern(frozenset(launches)) if launches else None
        attacks = frozenset(self.context.get("launched_nouns", ()))
        matches = [(m, False) for m in pattern.finditer(text)]
        matches += [(m, True) for m in launch.finditer(text)] if launch is not None and attacks else []
        for match, launched in matches:
            cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if cue is None or not self._told_of_cyber(doc, cue.sent):
                continue
            # ('X proceeded to launch a series of attacks', « X a lancé une vague d'attaques »)
            nouns = _launchers(cue[0], attacks) if launched else _claimers(cue[0])
            for noun in nouns:
                for start, end in _names(noun, heads):
                    if any(i in taken for i in range(start, end)):
                        continue
                    mention = self._group_mention(doc, start, end, new_actors)
                    if mention is not None:
                        taken.update(range(start, end))
                        out.append(mention)
        return out

    def _told_of_cyber(self, doc: Doc, sentence: Span) -> bool:
        """Has the sentence, or the one before it, a cyber word?"""
        cyber = self.context["cyber"]
        if cyber.search(sentence.text):
            return True
        i = sentence.start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        return i >= 0 and cyber.search(doc[i].sent.text) is not None


def _claimers(cue: Token) -> list[Token]:
    """The nouns that claim: the subject of the cue's verb ('X claimed responsibility', « X a
    revendiqué »), or its agent ('claimed by X', « revendiquées par X »)."""
    verb = cue if cue.pos_ in ("VERB", "AUX") else cue.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    found = []
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and not _passive(verb) and not _bare_participle(verb):
            found.append(child)
        elif child.dep_ == "obl:agent":  # (French hangs the name on the verb, « par » its case)
            found.append(child)
        elif child.dep_ == "agent":  # (English hangs it on 'by')
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _launchers(verb: Token, attacks: frozenset[str]) -> list[Token]:
    """The subject of a verb that launches an attack ('X launched attacks on websites', 'X proceeded
    to launch a series of attacks', « X a lancé une vague d'attaques »): what it launches is one of
    ``attacks``, or a noun of a number of them ('a series of', « une vague de »)."""
    if verb.pos_ != "VERB" or _passive(verb):
        return []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    objects += [
        g for o in objects for c in o.children for g in (c, *c.children) if c.dep_ in ("prep", "nmod")
    ]
    if not any(o.lower_ in attacks for o in objects):
        return []
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head  # ('proceeded to launch': the subject of 'proceeded')
    return [c for c in verb.children if c.dep_ in ("nsubj",)]


def _bare_participle(verb: Token) -> bool:
    """A participle with no auxiliary has no subject of its own (« Inédite, ensuite, par le nombre
    de groupes revendiquant ces attaques »: the parser's subject is no claimer)."""
    forms = verb.morph.get("VerbForm")
    return (
        bool(forms)
        and forms[0] in ("Part", "Ger")
        and not any(c.dep_.startswith("aux") for c in verb.children)
    )


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "aux:pass") for c in verb.children)


def _names(noun: Token, heads: frozenset[str]) -> list[tuple[int, int]]:
    """The capitalised names the claimer's noun is or, when it is a group noun (``heads``), has
    beside it ('The groups X and Y', 'The hacking group, X,', « l'État islamique »; not « le pirate
    Velora »: a person)."""
    if noun.is_lower and noun.lower_ not in heads and noun.lower_[:-1] not in heads:
        return []
    found = []
    todo = [(noun, 0)]
    while todo:
        node, depth = todo.pop()
        bounds = _name_at(node)
        if bounds is not None and not _described_otherwise(node.doc, bounds[0], heads):
            found.append(bounds)
        if depth < REACH:
            todo.extend((c, depth + 1) for c in node.children if c.dep_ in NAME_DEPS)
    return found


def _described_otherwise(doc: Doc, start: int, heads: frozenset[str]) -> bool:
    """Is the name right after a noun that is no group noun, over its adjectives (« le pirate
    informatique Velora »: a person; the parser may not hang the noun on the name)?"""
    i = start - 1
    while i >= 0 and doc[i].pos_ == "ADJ" and doc[i].is_lower:
        i -= 1
    word = doc[i] if i >= 0 else None
    if word is None or not word.is_lower or word.pos_ != "NOUN":
        return False
    return word.lower_ not in heads and word.lower_[:-1] not in heads


def _name_at(node: Token) -> tuple[int, int] | None:
    """The bounds of the name whose head is ``node``: its capitalised words before it (compounds)
    and, in French, an adjective right after it (« l'État islamique »); None for a common noun
    or a pronoun."""
    if not (node.is_title or node.is_upper) or not node.is_alpha:
        return None
    if node.pos_ != "PROPN" and not node.ent_type_:
        return None  # a capital only for the sentence (« Inédite, ensuite, ... »), a pronoun
    doc = node.doc
    start = node.i
    while (
        start > 0
        and node.i - start < MAX_NAME
        and _name_word(doc[start - 1])
        and doc[start - 1].head.i <= node.i
    ):
        start -= 1  # ('New World Hackers': 'New' hangs on 'World')
    end = node.i + 1
    while end < len(doc) and end - start < MAX_NAME and doc[end].head.i == node.i and _follows_name(doc[end]):
        end += 1
    first = node.sent.start + next((n for n, t in enumerate(node.sent) if not t.is_space), 0)
    if node.i == first and end - start == 1 and node.pos_ != "PROPN":
        return None  # a capital only for the sentence, which the recogniser may take for a name
    return start, end


def _name_word(token: Token) -> bool:
    return (
        token.is_alpha and (token.is_title or token.is_upper) and token.dep_ in ("compound", "amod", "nmod")
    )


def _follows_name(token: Token) -> bool:
    """A word of the name after its head: a capitalised word, or a French adjective (« islamique »)."""
    if not token.is_alpha:
        return False
    return token.is_title or token.dep_ in ("flat:name", "flat") or token.dep_ == "amod" and token.is_lower
