"""Attributions carried over from the sentences just before: endorsements ('The NCSC, the FBI and
CISA agree with this attribution', « souscrivent à cette attribution »: whoever agrees with an
attribution told just before makes it too), and the names given to a group told of just before
('This group is commonly tracked as Lazarus Group and APT38', « Ce groupe est connu sous le nom de
Lazarus »: whoever accused it accuses it by those names)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from extract.claims.confidence import INDIRECT
from extract.claims.cues import Cue
from extract.claims.found import Found
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
        accused = {}
        for found in self.told_before(token):
            if found.subject is not None and found.subject.kb_id_ not in accused:
                accused[found.subject.kb_id_] = found
        names = {c.kb_id_ for c in claimants}
        for found in accused.values():
            if found.subject.kb_id_ in names:
                continue
            # (what it agrees with is cyber, so is the agreement: « ... est parvenu à la même conclusion »)
            cyber = found.cyber or self.cyber_context(found.cue)
            for claimant in claimants:
                yield Found(claimant, "accuses", found.subject, token, found.degree, confidence, cyber=cyber)

    def told_before(self, token: Token) -> Iterator[Found]:
        """The accusations read in the sentences just before the token's, and in its own sentence
        before the clause it is in ('X concluded that Y did it, and Z reached the same conclusion')."""
        sentence = self.sentence_of(token)
        n = self.sent_index[sentence.start]
        start = self.sents[max(0, n - TOLD_BEFORE)].start
        clause_start = min(t.i for t in self.subtree_of(token))
        for candidate in self.cue_candidates():  # (in order: the sentences before, then stop)
            if candidate.i >= clause_start:
                break
            if candidate.i < start:
                continue
            told, founds = self.first_reading(candidate)
            if told is None or told.stance != "accuses" or told.kind in ("endorse", "alias"):
                continue
            yield from founds

    def read_alias(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'This group is tracked as X and Y': each claimant of the accusations just before accuses
        the groups named (not 'APT28 is known as Fancy Bear': a name gives its own; not 'a group
        known as X', which a reader of the sentence's own verb reads)."""
        subjects = self.own_subjects(token) + self.children(token, "pass_subj")
        if len(subjects) != 1 or not self.told_group(subjects[0]) or self.negated(token):
            return
        phrase = {t.i for t in self.subtree_of(subjects[0])}
        named = [
            a
            for t in self.subtree_of(token)
            if t.i > token.i and t.i not in phrase
            for a in self.spans_at.get(t.i, ())
            if a.label_ == "group" and a.start == t.i
        ]
        if not named:
            return
        seen = set()
        for found in self.told_before(token):
            if found.claimant is None or found.claimant.kb_id_ in seen:
                continue
            seen.add(found.claimant.kb_id_)
            for group in named:
                yield Found(found.claimant, "accuses", group, token, "direct", found.confidence - INDIRECT)

    def told_group(self, noun: Token) -> bool:
        """'This group', 'the group', « ce groupe »: a group noun with a definite or demonstrative
        determiner and no name in its phrase."""
        return (
            noun.lower_ in self.lex.group_nouns
            and any(c.lower_ in self.lex.definite_determiners for c in self.children_of(noun))
            and not any(t.i in self.actor_at for t in self.subtree_of(noun))
        )
