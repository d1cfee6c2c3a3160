"""A denial by an organ or a spokesperson of no named state: whose state it speaks for.

'The United States accused China of the hack. A foreign ministry spokesman denied the
accusations', « Un porte-parole du ministère des Affaires étrangères a démenti ces accusations »:
the denier names no state, but the accusation told just before accused one state, and a
denial answers whom it accused.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.claims.sources import SourceFinder


class OrganDeniers(SourceFinder):
    def organ_deniers(self, token: Token) -> list[Span]:
        """The one state the accusation before the denial accused, when the denial's subject is
        an unnamed state organ ('a foreign ministry spokesman', « le ministère »)."""
        subjects = self.own_subjects(token)
        if len(subjects) != 1 or not self.unnamed_organ(subjects[0]):
            return []
        told = self.accusation_told_before(self.doc[self.sentence_of(token).start])
        if told is None or told.pos_ not in ("VERB", "AUX"):
            return []
        told_by = self.accusers_of(told)
        accusers = {a.kb_id_ for a in told_by} | {self.speaker_state(a)[0] for a in told_by}
        named = self.actors_in(self.sentence_of(told))
        accused = [a for a in named if a.label_ == "state" and a.kb_id_ not in accusers]
        return accused[:1] if len({a.kb_id_ for a in accused}) == 1 else []

    def unnamed_organ(self, subject: Token) -> bool:
        """A phrase of state organ words ('a foreign ministry spokesman', « un porte-parole du
        ministère des Affaires étrangères ») that names no actor."""
        words = [t for t in self.subtree_of(subject) if not t.is_punct]
        if len(words) > 8 or self.actors_in(words):
            return False
        return subject.lower_ in self.lex.state_organ_words and subject.pos_ == "NOUN"
