"""The claims of one parsed document: every cue the lexicon finds is read by the reader of its
kind (``READERS``), then normalised into ``Claim`` records."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from spacy.tokens import Token

from extract.claims.denials import DenialReading
from extract.claims.incidents import IncidentFinder
from extract.claims.lexicon import OPERATION_CUE, Cue
from extract.claims.normalise import ClaimNormaliser
from extract.claims.nouns import NounReading
from extract.claims.predicates import PredicateReading
from extract.claims.verbs import VerbReading
from extract.records import Claim


class DocReader(VerbReading, NounReading, PredicateReading, DenialReading, ClaimNormaliser, IncidentFinder):
    """Reads the claims of one parsed document."""

    def cue_for(self, token: Token) -> Cue | None:
        """The cue a token ends: the longest match whose required word follows; for a noun, a noun
        cue ("charges", "sanctions")."""
        nominal = token.pos_ in ("NOUN", "PROPN")
        matches = sorted(
            self.cues_at.get(token.i, ()), key=lambda m: (-m[0], (m[1].kind == "noun") != nominal)
        )
        for _, cue in matches:
            if cue.verbal and nominal:
                continue  # 'the attacks': an operation noun, read as such
            if self.has_required_child(cue, token):
                return cue
        return None

    def has_required_child(self, cue: Cue, token: Token) -> bool:
        """'hold ... to account', 'operate under', 'the work of': a word the cue needs below it."""
        if not cue.requires_child:
            return True
        return any(c.lower_ in cue.requires_child for c in self.subtree_of(token) if c.i != token.i)

    def claims_and_cues(self) -> Iterator[tuple[Claim, Token]]:
        """Each claim without its incident (None), and the cue token that ``incident_for`` reads."""
        for token in self.cue_candidates():
            cue = self.cue_for(token)
            if cue is None and self.is_operation(token) and token.pos_ in ("NOUN", "PROPN"):
                cue = OPERATION_CUE
            if cue is None:
                continue
            founds = READERS[cue.kind](self, cue, token)
            first = next(founds, None)  # (most cues read nothing: the negation is looked at after)
            if first is None or self.negated(token):
                continue  # "did not blame", "n'a pas accusé", "was not responsible"
            for found in chain([first], founds):
                claim = self.to_claim(cue, found, with_incident=False)
                if claim is not None:
                    yield claim, found.cue

    def cue_candidates(self) -> Iterator[Token]:
        """The tokens of the segments, in order, that may be cues: where the matcher found a cue
        and the operation nouns."""
        for i in sorted(set(self.cues_at).union(self.where("operation_nouns"))):
            if self.segment_ids[i] >= 0:
                yield self.doc[i]


# the reader of each cue kind
READERS = {
    "verb": DocReader.read_verb,
    "noun": DocReader.read_noun,
    "predicate": DocReader.read_predicate,
    "identity": DocReader.read_identity,
    "deny": DocReader.read_deny,
    "baseless": DocReader.read_baseless,
    "operation": DocReader.read_operation,
}
