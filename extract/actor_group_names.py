"""Threat groups named beside a descriptor: 'the Trickbot cybercrime group', 'the Vice Society
ransomware gang', « le groupe cybercriminel Trickbot », « le gang de rançongiciel Royal ».

The gazetteer cannot know every criminal gang, and their names are often plain words; the
descriptor says what the name is: a head noun for a group (``described_group_heads``) with at
least one cyber word among its modifiers (``described_group_modifiers``). English puts the name
before the modifiers, French after them. A name already read (a known group, a state's adjective:
'the Russian hacking group') is left to its mention.

A name in quotation marks right after a group noun and the words that name it ('a group called
"Sword of the North"', 'a hacker group calling itself the “Syrian Cyber Legion”', « un groupe se
faisant appeler « Brigade Numérique » »: ``quoted_group_intros``) is the group's name too, in a
sentence with a cyber word or a perpetrator cue ('claimed responsibility'); a state's name or
adjective inside the quotation marks is part of that name, no mention of the state.
"""

from __future__ import annotations

import re

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from extract.records import Actor

NAME_WORDS = 3  # words of a group's name
QUOTED_WORDS = 6  # words of a group's name in quotation marks
QUOTED = r"[\"“«]\s*([^\W\d_][^\"“”«»\n]{1,80}?)[\s.,;]*[\"”»]"  # the name, without its end punctuation
MODIFIERS = 3  # words between the name and the head noun
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})


class DescribedGroupRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.resolve``, ``self.gazetteer``
    and ``self.new_id``."""

    def _described_groups(self, doc: Doc, mentions, new_actors) -> list[tuple[Span, str]]:
        heads = self.context.get("described_group_heads", ())
        modifiers = self.context.get("described_group_modifiers", ())
        if not heads or not modifiers:
            return []
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        out = []
        # (the heads' string ids against the tokens' LOWER ids: no Token made for every word)
        head_ids = {get_string_id(word) for word in heads}
        for i in (i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in head_ids):
            head = doc[i]
            if not head.is_lower:
                continue
            bounds = self._described_name(doc, head.i, modifiers, taken)
            if bounds is None:
                continue
            mention = self._group_mention(doc, *bounds, new_actors)
            if mention is None:
                continue  # a company's or a body's name: 'the Microsoft threat intelligence group'
            taken.update(range(*bounds))
            out.append(mention)
        return out

    def _quoted_groups(self, doc: Doc, text: str, mentions, new_actors) -> list[tuple[Span, str]]:
        """``mentions`` with the groups named in quotation marks after a group noun and the words
        that name it ('a group called "Sword of the North"'): the mentions inside a name give way."""
        pattern = self.context.get("quoted_group")
        if pattern is None:
            return mentions
        found = []
        for match in pattern.finditer(text):
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
            if span is None or not span[0].is_title or len(span) > QUOTED_WORDS:
                continue
            sentence = span.sent.text
            if not (self.context["cyber"].search(sentence) or self.context["perpetrator"].search(sentence)):
                continue  # 'a choir group called "Voices of the North"'
            mention = self._group_mention(doc, span.start, span.end, new_actors)
            if mention is not None:
                found.append(mention)
        if not found:
            return mentions
        inside = {i for span, _ in found for i in range(span.start, span.end)}
        return [(s, r) for s, r in mentions if s.start not in inside] + found

    def _group_mention(self, doc: Doc, start: int, end: int, new_actors) -> tuple[Span, str] | None:
        """The mention of the group doc[start:end] names: a known group by its id, an unknown
        name as a discovered group (added to ``new_actors``); None for a known actor of
        another kind."""
        name = doc[start:end].text
        known = self.resolve(name)
        actor = self.gazetteer.actors.get(known) if known else None
        if actor is not None and actor.kind != "group":
            return None
        if actor is not None:
            return Span(doc, start, end, label="group", kb_id=actor.id), "name"
        actor_id = self.new_id(name, "group")
        new_actors.setdefault(
            actor_id, Actor(id=actor_id, name=name, kind="group", aliases=(name,), source="discovered")
        )
        return Span(doc, start, end, label="group", kb_id=actor_id), "discovered"

    def _described_name(self, doc: Doc, head: int, modifiers, taken: set[int]) -> tuple[int, int] | None:
        """The capitalised name a group noun describes, before its cyber modifiers (English)
        or after them (French), or None."""
        after = self.context.get("described_group_name_after", False)
        step = 1 if after else -1
        i, cyber = head + step, False
        while 0 <= i < len(doc) and abs(i - head) <= MODIFIERS and doc[i].is_lower:
            if doc[i].lower_ in modifiers:
                cyber = True
            elif not after or doc[i].lower_ not in self.context.get("name_links", ()):
                break  # (« groupe | de | pirates »: 'de' links French modifiers)
            i += step
        if not cyber:
            return None
        first = i
        while 0 <= i < len(doc) and abs(i - first) < NAME_WORDS and _name_word(doc, i, taken):
            i += step
        if i == first and not after:
            # 'the cybercrime gang Trickbot': the name right after the head, its modifiers before it
            i = head + 1  # (the tagger may read such a name as a place: no place test here)
            while i < len(doc) and i - head <= NAME_WORDS and _name_word(doc, i, taken, places=True):
                i += 1
            return (head + 1, i) if i > head + 1 else None
        if i == first:
            return None
        start, end = (first, i) if after else (i + 1, first + 1)
        if doc[start].is_sent_start and not after and end - start == 1 and doc[start].pos_ != "PROPN":
            return None  # 'Ransomware group members ...': a capital only for the sentence
        return start, end


def _name_word(doc: Doc, i: int, taken: set[int], places: bool = False) -> bool:
    token = doc[i]
    # (any word class but the grammatical ones: the French tagger may call an unknown name ADJ)
    grammatical = token.pos_ in ("DET", "PRON", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "NUM")
    place = not places and token.ent_type_ in PLACE_LABELS  # 'a Hong Kong hacking group': its origin
    return (
        i not in taken
        and token.is_alpha
        and (token.is_title or token.is_upper)
        and not (grammatical or place)
    )


def quoted_group_pattern(context: dict) -> re.Pattern | None:
    """A group noun, up to two words, the words that name it and a name in quotation marks ('a
    group called "X"', 'a group calling itself the “X”', « un collectif baptisé « X » »)."""
    heads, intros = context.get("described_group_heads"), context.get("quoted_group_intros")
    if not heads or not intros:
        return None
    head = "|".join(re.escape(word) for word in sorted(heads))
    longest_first = sorted(intros, key=len, reverse=True)
    intro = "|".join(re.escape(words).replace(r"\ ", r"\s+") for words in longest_first)
    articles = "|".join(re.escape(word) for word in sorted(context.get("determiners", ())))
    return re.compile(
        rf"(?<![^\W\d_])(?:{head})(?:\s+[^\W\d_]+){{0,2}}?\s+(?:{intro})\s+(?:(?:{articles})\s+)?{QUOTED}",
        re.IGNORECASE,
    )
