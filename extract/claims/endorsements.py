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
CLAUSE_STOPS = (";", ":")  # marks that end the clause before an endorsement in its sentence


class EndorsementReading(SourceFinder):
    def read_endorse(self, cue: Cue, token: Token) -> Iterator[Found]:
        """Each subject of an endorsing verb accuses whom the attributions of the sentences just
        before accused (the verb's required child is the attribution noun: 'agree with this
        attribution', 'concur with the assessment')."""
        passive, claimant_head, _ = self.verb_arguments(token)
        nouns = self.endorsed_nouns(cue, token)
        if passive or claimant_head is None or self.owned_conclusion(nouns):
            return
        if any(self.own_finding(noun) for noun in nouns):
            return  # 'Germany shared its assessment', « a partagé son évaluation »: its own, told here
        claimants, confidence = self.verb_claimants(token, claimant_head, passive, set())
        # (not the accuser of the clause before a semicolon: 'X attributed it to Russia; Y supported')
        claimants = [c for c in claimants if c.start > self.clause_stop(token)]
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
            cyber = found.cyber or self.cyber_context(found.cue) or self.operation_in_cyber_story(found.cue)
            for claimant in claimants:
                yield Found(claimant, "accuses", found.subject, token, found.degree, confidence, cyber=cyber)

    def owned_conclusion(self, nouns: list[Token]) -> bool:
        """'supported the conclusion of a trade deal', « soutient la conclusion d'un accord »: the
        nouns are of something that finds nothing (the findings of a report, of an actor are found)."""
        genitive = self.lex.preps("genitive")

        def of_a_finder(owner: Token) -> bool:
            return owner.lower_ in self.lex.document_nouns or owner.i in self.actor_at

        owners = [self.prep_objects(noun, genitive) for noun in nouns]
        return bool(nouns) and all(found and not any(map(of_a_finder, found)) for found in owners)

    def endorsed_nouns(self, cue: Cue, token: Token) -> list[Token]:
        """The attribution nouns after an endorsing verb ('agree with this attribution')."""
        return [t for t in self.subtree_of(token) if t.i > token.i and t.lower_ in cue.requires_child]

    @staticmethod
    def own_finding(noun: Token) -> bool:
        """'its assessment', « son évaluation »: a possessive pronoun or determiner owns the noun."""
        return any(
            (c.dep_ == "poss" and c.pos_ == "PRON") or "Yes" in c.morph.get("Poss") for c in noun.children
        )

    def clause_stop(self, token: Token) -> int:
        """The semicolon that ends the clause before the endorsement in its sentence ('X attributed
        it to Russia; Y supported that conclusion': the parser hangs the first clause on the
        second), else -1."""
        return max(
            (c.i for c in self.children_of(token) if c.i < token.i and c.text in CLAUSE_STOPS), default=-1
        )

    def told_before(self, token: Token) -> Iterator[Found]:
        """The accusations read in the sentences just before the token's, and in its own sentence
        before the clause it is in ('X concluded that Y did it, and Z reached the same conclusion')."""
        sentence = self.sentence_of(token)
        n = self.sent_index[sentence.start]
        start = self.sents[max(0, n - TOLD_BEFORE)].start
        stop = self.clause_stop(token)
        clause_start = stop + 1 if stop >= 0 else min(t.i for t in self.subtree_of(token))
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
