"""Endorsements: 'The NCSC, the FBI and CISA agree with this attribution', « souscrivent à cette
attribution »: whoever agrees with an attribution told just before makes it too."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from extract.claims.found import Found
from extract.claims.lexicon import Cue
from extract.claims.sources import SourceFinder

TOLD_BEFORE = 2  # sentences before the endorsement where the attribution it agrees with may be


class EndorsementReading(SourceFinder):
    def read_endorse(self, cue: Cue, token: Token) -> Iterator[Found]:
        """Each subject of an endorsing verb accuses whom the attributions of the sentences just
        before accused (the verb's required child is the attribution noun: 'agree with this
        attribution', 'concur with the assessment')."""
        passive, claimant_head, _ = self.verb_arguments(token)
        if passive or claimant_head is None:
            return
        claimants, confidence = self.verb_claimants(token, claimant_head, passive, set())
        if not claimants:
            return
        sentence = self.sentence_of(token)
        n = self.sent_index[sentence.start]
        start = self.sents[max(0, n - TOLD_BEFORE)].start
        accused = {}
        for candidate in self.cue_candidates():  # (in order: the sentences before, then stop)
            if candidate.i >= sentence.start:
                break
            if candidate.i < start:
                continue
            told, founds = self.first_reading(candidate)
            if told is None or told.stance != "accuses" or told.kind == "endorse":
                continue
            for found in founds:
                if found.subject is not None and found.subject.kb_id_ not in accused:
                    accused[found.subject.kb_id_] = found
        names = {c.kb_id_ for c in claimants}
        for found in accused.values():
            if found.subject.kb_id_ in names:
                continue
            for claimant in claimants:
                yield Found(claimant, "accuses", found.subject, token, found.degree, confidence)
