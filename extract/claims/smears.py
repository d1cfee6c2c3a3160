"""A denial that says the accuser smears: 'Wang Wenbin said the US was smearing China', « a accusé
les États-Unis de calomnier la Chine ».

The state smeared, when its own spokesperson says so, denies; whoever smears is whom the denial
answers. Said by anyone else ('analysts say the US is smearing China') it is no denial.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from extract.claims.confidence import CONFIDENCE
from extract.claims.cues import Cue
from extract.claims.denials import DENIAL_WINDOW
from extract.claims.found import Found
from extract.claims.sources import SourceFinder


class SmearReading(SourceFinder):
    def read_smear(self, cue: Cue, token: Token) -> Iterator[Found]:
        if token.pos_ not in ("VERB", "AUX") or not self.cyber_context(token, window=DENIAL_WINDOW):
            return
        smeared = [a for o in self.children(token, "obj") for a in self.main_actors(o)]
        states = {self.speaker_state(a)[0] for a in smeared}
        accusing = self.accusing_verb_above(token)
        if accusing is not None:  # « a accusé les États-Unis de calomnier »: the accuser's objects smear
            smearers = [a for o in self.children(accusing, "obj") for a in self.main_actors(o)]
            subject = self.subject_of(accusing)
            speakers = self.speaker_actors(subject) if subject is not None else []
            confidence = CONFIDENCE["subject"]
        else:  # 'X said the US was smearing China': who smears is the verb's subject
            subject = self.subject_of(token)
            smearers = self.main_actors(subject) if subject is not None else []
            source = self.source_for(token, {t.i for t in self.subtree_of(token)})
            speakers, confidence = (list(source.actors), source.confidence) if source else ([], 0.0)
        for speaker in speakers:
            if self.speaker_state(speaker)[0] not in states:
                continue  # (only the smeared state's own voice denies)
            counterpart = next((s for s in smearers if s.kb_id_ != speaker.kb_id_), None)
            yield Found(speaker, "denies", None, token, "unspecified", confidence, counterpart=counterpart)

    def accusing_verb_above(self, token: Token) -> Token | None:
        """The accusing verb whose 'of' / « de » phrase the smear verb is ('accused the US of
        smearing', « a accusé les États-Unis de calomnier »), two steps up at most."""
        head = token.head
        for _ in range(2):
            if head.i == token.i:
                return None
            if head.pos_ == "VERB" and self.accusing_verb(head):  # (extract.claims.denials)
                return head
            if head.head.i == head.i:
                return None
            head = head.head
        return None
