"""Denials: 'China denied responsibility', 'Li rejected U.S. accusations', 'the claims were
groundless', 'called the accusations baseless'. The owner of the rejected accusation is the
counterpart, and gets an accusation of its own against the denier."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from extract.claims.confidence import INDIRECT
from extract.claims.found import Found
from extract.claims.lexicon import Cue
from extract.claims.sources import SourceFinder


class DenialReading(SourceFinder):
    def read_deny(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'China denied responsibility', 'Li rejected U.S. accusations', 'La Russie nie son implication'.

        The owner of a rejected accusation is the counterpart and is read as accusing the denier."""
        objects = self.children(token, "obj") + [c for c in self.kids(token) if c.dep_ in ("xcomp", "ccomp")]
        if token.pos_ == "NOUN":  # "denial"
            objects = [c for c in self.kids(token)]
        accusation = None
        for obj in objects:
            words = {t.lower_ for t in self.subtree_of(obj) if t.i - obj.i < 4}
            if obj.lower_ in self.lex.deny_objects or words & self.lex.deny_objects:
                accusation = obj
                break
        if accusation is None:
            return
        if not self.cyber_context(token, window=3):
            return
        subjects = self.children(token, "subj") or self.orphan_subject(token)
        claimant_head = subjects[0] if subjects else None
        if claimant_head is None and token.dep_ in ("xcomp", "conj", "advcl", "acl"):
            claimant_head = self.subject_of(token.head)
        claimants, confidence = self.claimant_for(token, claimant_head, set())
        # "Le porte-parole du Kremlin, Dmitri Peskov, a démenti": the name parsed as a second subject
        for other in subjects[1:]:
            more, _ = self.claimant_for(token, other, set())
            claimants += [a for a in more if a not in claimants]
        if not claimants:
            return
        accusers = (
            self.owner_of(accusation)
            if accusation.lower_ in self.lex.accusation_forms | self.lex.document_nouns
            else []
        )
        accusers = [a for a in accusers if a not in claimants]
        for claimant in claimants:
            counterpart = accusers[0] if accusers else None
            yield Found(claimant, "denies", None, token, "unspecified", confidence, counterpart=counterpart)
            for accuser in accusers:
                yield Found(
                    accuser,
                    "accuses",
                    claimant,
                    accusation,
                    "unspecified",
                    confidence - INDIRECT,
                    subject_id=self.speaker_state(claimant)[0],
                )

    def read_baseless(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'the Pentagon's claims were groundless' said by a spokesperson: a denial by the source."""
        if token.dep_ in ("amod", "nmod", "acl"):  # "groundless claims", "accusations sans fondement"
            target = token.head
            for _ in range(2):  # "ces accusations de piratage de calomnies"
                if (
                    target.lower_ in self.lex.accusation_forms | self.lex.document_nouns
                    or target.dep_ != "nmod"
                ):
                    break
                target = target.head
        else:
            target = self.subject_of(token)
        if target is None or target.lower_ not in self.lex.accusation_forms | self.lex.document_nouns:
            target = self.called_accusation(token)
        if target is None:
            return
        if "deny" in self.lex.kinds_of(target.head.lower_):
            return  # "nie les accusations infondées": the denial verb reads it
        if not self.cyber_context(token, window=3):
            return
        source = self.source_for(token, {t.i for t in self.subtree_of(target)})
        if source is None:
            return
        accusers = [a for a in self.owner_of(target) if a not in source.actors]
        for claimant in source.actors:
            yield Found(
                claimant,
                "denies",
                None,
                token,
                "unspecified",
                source.confidence,
                counterpart=accusers[0] if accusers else None,
            )
            for accuser in accusers:
                yield Found(
                    accuser,
                    "accuses",
                    claimant,
                    target,
                    "unspecified",
                    source.confidence - INDIRECT,
                    subject_id=self.speaker_state(claimant)[0],
                )

    def called_accusation(self, token: Token) -> Token | None:
        """'called the accusations [by X] groundless', 'a qualifié d'infondées les accusations',
        'qualifie de calomnies les accusations': the accusation a verb of saying calls baseless,
        wherever the parser hung the cue below that verb."""
        nouns = self.lex.accusation_forms | self.lex.document_nouns
        if self.together(token.head, token) and token.head.lower_ in self.lex.speech_verbs:
            for child in self.children(token, "obj"):  # "qualifié d'infondées les accusations"
                if child.lower_ in nouns:
                    return child
        current = token
        for _ in range(3):
            if current.head.i == current.i or not self.together(current.head, token):
                return None
            current = current.head
            if current.lower_ in self.lex.speech_verbs and current.pos_ in ("VERB", "AUX"):
                # "called the accusations groundless", "qualifie de calomnies les accusations"
                found = [o for o in self.children(current, "obj") if o.lower_ in nouns and o.i != token.i]
                return found[0] if found else None
            if current.lower_ in nouns and current.dep_ in self.deps["obj"]:
                # "called the accusations by the United States groundless", parsed as the object's last word
                if current.head.lower_ not in self.lex.speech_verbs:
                    return None
                last = max(t.i for t in self.subtree_of(current) if not t.is_punct)
                return current if last == token.i else None
        return None
