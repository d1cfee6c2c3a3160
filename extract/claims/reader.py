"""The claims of one parsed document: every cue the lexicon finds is read by the reader of its
kind (``READERS``), then normalised into ``Claim`` records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import chain

from spacy.tokens import Token

from extract.claims.cues import GROUP_ACTION_CUE, OPERATION_CUE, Cue
from extract.claims.denials import DenialReading
from extract.claims.endorsements import EndorsementReading
from extract.claims.found import Found
from extract.claims.group_actions import GroupActionReading
from extract.claims.incidents import IncidentFinder
from extract.claims.listings import ListingReading
from extract.claims.normalise import ClaimNormaliser
from extract.claims.nouns import NounReading
from extract.claims.predicates import PredicateReading
from extract.claims.smears import SmearReading
from extract.claims.verbs import VerbReading
from extract.records import Claim


class DocReader(
    VerbReading,
    NounReading,
    PredicateReading,
    DenialReading,
    SmearReading,
    EndorsementReading,
    ListingReading,
    GroupActionReading,
    ClaimNormaliser,
    IncidentFinder,
):
    """Reads the claims of one parsed document."""

    def cues_for(self, token: Token) -> Iterator[Cue]:
        """The cues a token ends, best first: the longest match, for a noun a noun cue ("charges",
        "sanctions"), with the word it requires below it; then, for an operation noun, its agent."""
        # a noun, unless the parser tagged a participle as one ('avait compromis son réseau')
        # (but a noun with a copula is one: « la France a été la cible de »)
        # (and « sont le fait du SVR », parsed with « sont » as the noun's auxiliary)
        links = {
            "cop" if c.dep_ in ("aux", "aux:tense") and c.lower_ in self.lex.copula_forms else c.dep_
            for c in self.children_of(token)
        }
        nominal = token.pos_ in ("NOUN", "PROPN") and (
            "cop" in links or not links & {"aux", "aux:tense", "auxpass", "aux:pass", "nsubj", "nsubj:pass"}
        )
        matches = sorted(
            self.cues_at.get(token.i, ()),
            key=lambda m: (-m[0], (m[1].kind == "noun") != nominal, m[1].order),
        )
        for _, cue in matches:
            if (cue.verbal and nominal) or (cue.nominal and not nominal):
                continue  # 'the attacks' is an operation noun; 'links X to Y' a verb
            if token.i > 0 and self.doc[token.i - 1].lower_ in cue.not_after and not self.names_group(token):
                continue  # 'as part of the G7', but 'as part of the APT31 group'
            modifiers = (c for c in self.children_of(token) if not c.dep_.startswith("aux"))
            if cue.not_modified_by and any(c.lower_ in cue.not_modified_by for c in modifiers):
                # (an infinitive's 'to' is no modifier: 'conspired to commit intrusions')
                continue  # 'cut diplomatic ties with Iran', « rompu ses liens diplomatiques avec »
            if cue.kind == "verb" and token.i > 0 and self.doc[token.i - 1].text == "-":
                continue  # 'Internet-exposed systems': half of a compound adjective, no verb
            if self.has_required_child(cue, token):
                yield cue
        if nominal and self.is_operation(token):
            yield OPERATION_CUE
        if token.i in self.group_verbs:
            yield GROUP_ACTION_CUE

    def names_attackers(self, noun: Token) -> bool:
        """'cybercriminals', 'ransomware gangs', 'hackers', 'groups such as LockBit': the noun or
        its own modifiers say attackers (not a clause after it)."""
        words = [noun] + [c for c in self.kids(noun) if c.dep_ in ("compound", "amod", "nmod", "prep")]
        return any(
            w.i in self.cyber_tokens
            or w.lower_ in self.lex.attacker_nouns
            or w.lower_ in self.lex.group_nouns
            for w in words
        )

    def names_group(self, token: Token) -> bool:
        """Does a threat group stand in the token's phrase?"""
        return any(
            span.label_ == "group" for t in self.subtree_of(token) for span in self.spans_at.get(t.i, ())
        )

    def has_required_child(self, cue: Cue, token: Token) -> bool:
        """'hold ... to account', 'operate under', 'the work of': a word the cue needs below it."""
        if not cue.requires_child:
            return True
        if cue.child_is_attacker:  # 'a safe haven for cybercriminals', « un refuge pour les pirates »
            objects = self.prep_objects_near(token, cue.requires_child)
            return any(self.names_attackers(o) for o in objects)
        # after the cue: 'For weeks, the government worked alongside partners' works for nobody;
        # and no infinitive's mark: « a désigné l'ANSSI pour coordonner la réponse »
        after = (c for c in self.subtree_of(token) if c.i > token.i)
        if any(c.lower_ in cue.requires_child and c.dep_ != "mark" for c in after):
            return True
        # « n'a joué aucun rôle | dans ces attaques »: the phrase hung on the noun's verb
        if token.pos_ != "NOUN":
            return False
        if self.prep_objects_near(token, cue.requires_child):
            return True
        # « le rôle que X a joué | dans »: on the verb of its relative clause
        return any(self.prep_objects(verb, cue.requires_child) for verb in self.relative_clauses(token))

    def claims_and_cues(self) -> Iterator[tuple[Claim, Token]]:
        """Each claim without its incident (None), and the cue token that ``incident_for`` reads.
        A statement about a state that the same sentence clears ('REvil operates in Russia, and we
        have no information suggesting the Russian government directed these attacks') is dropped."""
        cleared: set[tuple[int, str]] = set()  # (sentence start, state): what a negated statement clears
        read = []
        for token in self.cue_candidates():
            cue, founds = self.first_reading(token)
            # "did not blame", "n'a pas accusé", "was not responsible"; but "accepted no responsibility"
            if cue is None or self.negated(token) != cue.requires_negation:
                founds = list(founds)
                cleared |= self.cleared_by(token, cue, founds)
                # ('Russia said it was not involved': no accusation, but a denial)
                cue, founds = self.self_denial(token, cue, founds)
            read.extend((claim, cue_token, cue.kind) for claim, cue_token in self.claims_of(cue, founds))
        for claim, cue_token, kind in read:
            said_of = (self.sentence_of(cue_token).start, claim.subject_id)
            if kind != "predicate" or claim.stance != "accuses" or said_of not in cleared:
                yield claim, cue_token

    def cleared_by(self, token: Token, cue: Cue | None, founds: list[Found]) -> set[tuple[int, str]]:
        """The states a negated statement about them clears in its sentence ('no information
        suggesting the Russian government directed the attacks', « rien n'indique que l'État russe
        ait commandité »)."""
        if cue is None or cue.kind != "predicate" or cue.stance != "accuses" or cue.requires_negation:
            return set()
        if not self.negated(token) or self.obliged(token):
            return set()
        start = self.sentence_of(token).start
        return {(start, self.subject_id(f.subject)) for f in founds if f.subject is not None}

    def claims_of(self, cue: Cue | None, founds) -> Iterator[tuple[Claim, Token]]:
        """The claims of one cue's readings."""
        claims = []
        for found in founds:
            claim = self.to_claim(cue, found, with_incident=False)
            if claim is None:
                continue
            claims.append((claim, found.cue))
            state = self.state_in_name(found.subject) if claim.stance == "accuses" else None
            if state is not None and state not in (claim.claimant_id, claim.subject_id):
                claims.append((replace(claim, subject_id=state, degree="sponsored"), found.cue))
        # 'an APT group that the FBI, CISA and the ACSC assess is associated with Iran': who
        # makes an accusation is not accused in it (the list hangs inside the accused phrase)
        accusers = {claim.claimant_id for claim, _ in claims if claim.stance == "accuses"}
        for claim, cue_token in claims:
            if claim.stance != "accuses" or claim.subject_id not in accusers:
                yield claim, cue_token

    def first_reading(self, token: Token) -> tuple[Cue | None, Iterator[Found]]:
        """The first cue of the token that reads something ('linked the hack to Moscow' as a verb
        with an object, else 'hackers linked to Beijing' as a predicate), and what it reads."""
        for cue in self.cues_for(token):
            founds = READERS[cue.kind](self, cue, token)
            first = next(founds, None)  # (most cues read nothing: the negation is looked at after)
            if first is not None:
                return cue, chain([first], founds)
        return None, iter(())

    def cue_candidates(self) -> Iterator[Token]:
        """The tokens of the segments, in order, that may be cues: where the matcher found a cue
        and the operation nouns."""
        for i in sorted(set(self.cues_at).union(self.where("operation_nouns"), self.group_verbs)):
            if self.segment_ids[i] >= 0:
                yield self.doc[i]


# the reader of each cue kind
READERS = {
    "verb": DocReader.read_verb,
    "measure": DocReader.read_verb,  # a verb whose subject is a sanction or charge: 'the sanctions target X'
    "noun": DocReader.read_noun,
    "predicate": DocReader.read_predicate,
    "identity": DocReader.read_identity,
    "characterise": DocReader.read_characterisation,
    "deny": DocReader.read_deny,
    "baseless": DocReader.read_baseless,
    "smear": DocReader.read_smear,
    "operation": DocReader.read_operation,
    "link": DocReader.read_link,
    "listing": DocReader.read_listing,
    "unrelated": DocReader.read_unrelated,
    "group_action": DocReader.read_group_action,
    "endorse": DocReader.read_endorse,
    "alias": DocReader.read_alias,
}
