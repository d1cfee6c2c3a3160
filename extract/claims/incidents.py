"""The incident a claim is about: the operation its sentence names ("the SolarWinds hack",
"the attack on the OPCW", "le piratage du Bundestag", a well-known name such as NotPetya from
``lexicons/incident_names.json``, a code name: "Operation Aurora"), else the one an earlier
sentence of its paragraph names; None when no name is recognisable (a nationality or the
attacker is not a name: "the Russian hack"). The KB links this text to an incident
(kb/incidents.py)."""

from __future__ import annotations

import re
from functools import cached_property

from spacy.tokens import Span, Token

from extract.claims.layout import between
from extract.claims.phrases import state_mention
from extract.claims.view import DocView

# "Operation Aurora", « l'opération Ghostwriter »: a code name, one to three capitalised words (an
# operation the curated list lacks becomes a discovered incident in the KB)
CODE_NAME = re.compile(r"\b(?:Operation|[Oo]pération|[Oo]peración)\s+(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,2}")


# how many sentences back, over a paragraph break, 'the attack' may point
LOOK_BACK = 2


class IncidentFinder(DocView):
    """Names of operations in sentences."""

    @cached_property
    def incidents_by_sentence(self) -> dict[int, list[tuple[int, str]]]:
        """The incidents found in each sentence so far (by its start token): a cache per document."""
        return {}

    def incident_for(self, cue: Token) -> str | None:
        """The operation named in the cue's sentence (the nearest to the cue), else in an earlier
        sentence of its paragraph; None when none is named in a recognisable way."""
        sent = self.sentence_of(cue)
        found = self.incidents_in(sent)
        if found:
            return min(found, key=lambda item: abs(item[0] - cue.i))[1]
        n = self.sent_index.get(sent.start)
        if n is None:
            return None
        paragraph = self.paragraph_of.get(sent.start)
        # 'this attack', 'the October 2019 cyber-attack', « cette cyberattaque »: an operation noun
        # under a demonstrative or with a date points back to one told before, also across a
        # paragraph break ('the cyberattacks' alone may mean the story's own, in its title)
        pointing_back = self._pointing_back(sent)
        for back, previous in enumerate(reversed(self.sents[:n]), start=1):
            if self.paragraph_of.get(previous.start) != paragraph and not (
                pointing_back and back <= LOOK_BACK
            ):
                break
            found = self.incidents_in(previous)
            if found:
                return found[-1][1]
        return None

    def _pointing_back(self, sent: Span) -> bool:
        """Does the sentence hold an operation noun under a demonstrative, or a definite one
        dated by a month or a year?"""
        for i in between(self.where("incident_nouns"), sent.start, sent.end):
            kids = self.children_of(self.doc[i])
            if any(c.lower_ in self.lex.demonstratives for c in kids):
                return True
            if any(c.lower_ in self.lex.definite_determiners for c in kids) and any(
                c.ent_type_ == "DATE" or (c.like_num and len(c.text) == 4) for c in kids
            ):
                return True
        return False

    def incidents_in(self, sent: Span) -> list[tuple[int, str]]:
        """(token index, name) of each named operation: 'the SolarWinds hack', 'the attack on the
        OPCW', 'le piratage du Bundestag', or a well-known name ('NotPetya')."""
        if sent.start in self.incidents_by_sentence:
            return self.incidents_by_sentence[sent.start]
        found: list[tuple[int, str]] = []
        for i in between(self.where("incident_nouns"), sent.start, sent.end):
            token = self.doc[i]
            if token.pos_ in ("NOUN", "PROPN"):
                span = self._named_before(token, sent) or self._target_after(token, sent)
                if span is not None:
                    found.append((token.i, span.text))
        sent_text = self.text[sent.start_char : sent.end_char]  # = sent.text, without joining tokens
        if self.lex.incident_names is not None and self.lex.may_name_incident(sent_text):
            for match in self.lex.incident_names.finditer(sent_text):
                if match.group()[:1].islower():
                    continue  # a common word, not the name
                if not any(match.group() in name for _, name in found):
                    token = self.doc.char_span(
                        sent.start_char + match.start(),
                        sent.start_char + match.end(),
                        alignment_mode="expand",
                    )
                    found.append((token.start if token is not None else sent.start, match.group()))
        for match in CODE_NAME.finditer(sent_text):
            if not any(match.group() in name or name in match.group() for _, name in found):
                span = self.doc.char_span(
                    sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand"
                )
                found.append((span.start if span is not None else sent.start, match.group()))
        found.sort()
        self.incidents_by_sentence[sent.start] = found
        return found

    def _capitalised(self, token: Token, sent: Span) -> bool:
        """A word of a name: capitalised (not merely sentence-initial) or a year."""
        if token.like_num:
            return len(token.text) == 4
        if not token.text[:1].isupper() or token.ent_type_ == "DATE":  # "13 January defacements"
            return False
        return token.i != sent.start or token.pos_ == "PROPN"

    def _names_an_actor_side(self, tokens: list[Token], kinds: tuple[str, ...]) -> bool:
        """Is a word of the name an actor of these kinds, or (with "state") a nationality ('Russian hack')?"""
        for token in tokens:
            if any(span.label_ in kinds for span in self.spans_at.get(token.i, ())):
                return True
            if "state" in kinds and state_mention(self.doc, token) is not None:
                return True
        return False

    def _named_before(self, head: Token, sent: Span) -> Span | None:
        """'the [2015] Bundestag hack', 'the WannaCry ransomware attack' (English order)."""
        i = head.i - 1
        while i >= sent.start and self.doc[i].lower_ in self.lex.incident_modifiers:
            i -= 1
        end = i + 1
        while i >= sent.start and self._capitalised(self.doc[i], sent) and end - i <= 4:
            i -= 1
        run = list(self.doc[i + 1 : end])
        if not run or all(t.like_num for t in run):
            return None
        if self._names_an_actor_side(run, ("state", "agency", "group", "person")):
            return None  # the attacker or a nationality, not the operation's name
        return self.doc[i + 1 : head.i + 1]

    def _target_after(self, head: Token, sent: Span) -> Span | None:
        """'the attack on the OPCW', 'la cyberattaque contre TV5 Monde', 'the hack of Microsoft
        Exchange servers': an operation noun with a named target."""
        doc = self.doc
        opened = self._target_opening(head, sent)
        if opened is None:
            return None
        prep, start = opened
        j = start
        while j < sent.end and j - start < 8:
            if self._capitalised(doc[j], sent):
                j += 1
            elif (
                doc[j].lower_ in self.lex.incident_preps | self.lex.determiners | self.lex.name_connectors
                and j + 1 < sent.end
                and self._capitalised(doc[j + 1], sent)
                and j > start
            ):
                j += 1  # "Organisation for the Prohibition of Chemical Weapons"
            else:
                break
        run = list(doc[start:j])
        if not run or all(t.like_num for t in run):
            return None
        for span in self.spans_at.get(j - 1, ()):  # "du Comité national démocrate": the whole name
            j = max(j, min(span.end, sent.end))
        # "against our NATO Ally, Albania": the target's own name in apposition after a description
        if j + 1 < sent.end and doc[j].text == ",":
            named = next((a for a in self.spans_at.get(j + 1, ()) if a.label_ == "state"), None)
            if named is not None and named.start == j + 1:
                j = min(named.end, sent.end)
        if j < sent.end and doc[j].pos_ == "NOUN":
            if doc[j].lower_ not in self.lex.incident_objects:
                return None  # "attacks on U.S. companies": a description, not a named target
            j += 1
            if j < sent.end and doc[j].pos_ == "NOUN":
                return None  # "U.S. government computer systems"
        # "the operations of the GRU", "la cyberattaque de la Russie": the attacker, not the target
        possessive = prep in self.lex.preps("genitive")
        if self._names_an_actor_side(run, ("agency", "group", "person") + (("state",) if possessive else ())):
            return None
        first = head.i
        while first > sent.start and doc[first - 1].lower_ in self.lex.incident_modifiers:
            first -= 1
        return doc[first:j]

    def _target_opening(self, head: Token, sent: Span) -> tuple[str, int] | None:
        """The preposition after an operation noun ('on', « contre », « de ») and where the target's
        name starts after it (past its determiners, and past the systems of a named target: « le
        piratage des ordinateurs du Comité »); None without such a preposition."""
        doc = self.doc
        j = head.i + 1
        while j < sent.end and (
            doc[j].lower_ in self.lex.incident_modifiers or (doc[j].pos_ == "ADJ" and doc[j].head.i == head.i)
        ):
            j += 1  # "le piratage informatique de l'AMA", « cyberattaques déstabilisantes contre la Géorgie »
        if j >= sent.end or doc[j].lower_ not in self.lex.incident_preps:
            return None
        prep = doc[j].lower_
        j += 1
        while j < sent.end and doc[j].lower_ in self.lex.determiners:
            j += 1
        # "le piratage des ordinateurs du Comité ...": the systems of a named target
        if (
            j + 1 < sent.end
            and doc[j].lower_ in self.lex.incident_objects
            and doc[j + 1].lower_ in self.lex.incident_preps
        ):
            j += 2
            while j < sent.end and doc[j].lower_ in self.lex.determiners:
                j += 1
        return prep, j
