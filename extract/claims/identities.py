"""Identity cues: 'the cyber actors known for these attacks are, in fact, the GRU', 'the United
States is the world's biggest hacker', said by the sentence's source; and who is called an
attacker ('called the United States the world's largest hacker empire')."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from extract.claims.confidence import CONFIDENCE, INDIRECT
from extract.claims.cues import Cue
from extract.claims.found import Found
from extract.claims.predicate_operations import NAME_PARTS
from extract.claims.sources import SourceFinder


class IdentityReading(SourceFinder):
    """Reads identity cues."""

    def read_identity(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'cyber actors known for attacks ... are, in fact, the GRU', said by a source."""
        if token.dep_ == "cop":  # UD hangs subject and copula on the noun: « sont le plus grand pirate »
            subjects = self.children(token.head, "subj")
            attributes = [token.head]
        else:
            subjects = self.children(token, "subj")
            attributes = [c for c in self.kids(token) if c.dep_ in ("attr", "obj")]
        named = [a for a in attributes if a.i in self.actor_at]
        if not named and subjects and subjects[0].lower_ in self.lex.doer_nouns:
            # 'the hackers were officers of the GRU', « des officiers du GRU »: the body they serve
            # (said of the attackers themselves: not 'the victims of the hack were officers of X')
            named = [
                b for a in attributes if a.lower_ in self.lex.member_nouns for b in self.member_bodies(a)
            ]
        if token.dep_ == "cop" and not named:  # « sont en réalité | le GRU »: a bare noun after it
            named = [
                c
                for c in self.kids(token.head)
                if c.dep_ in ("nmod", "appos")
                and c.i > token.i
                and c.i in self.actor_at
                and not self.case_words(c)
            ]
        if subjects and not named and subjects[0].i in self.actor_at:
            # "the United States is the world's biggest hacker"
            # (not the fight against it: 'France is a leader in the fight against cybercrime')
            # (nor its victim: 'Sony Pictures is the victim of a hack', « serait la victime d'un piratage »)
            victim = any(a.lower_ in self.lex.victim_markers for a in attributes)
            # (nor where it stands: « Taïwan est en première ligne de la guerre hybride de la RPC »)
            victim = victim or any(self.case_words(a) for a in attributes)
            described = [t for a in attributes for t in self.described_by(a)]
            if not victim and any(self.is_cyber(t) and not self.fought(t) for t in described):
                named, subjects = subjects, attributes
        if subjects and not named:
            named = self.dangling_attribute(token)
        if not subjects or not named:
            return
        if not {t.lower_ for t in self.subtree_of(subjects[0])} & self.lex.doer_nouns and not any(
            self.is_cyber(t) for t in self.subtree_of(subjects[0])
        ):
            return
        source = self.source_for(token, {t.i for h in subjects + named for t in self.subtree_of(h)})
        if source is None:
            return
        for head in named:
            actors, phrase = self.subject_phrase(head, {token.i})
            for subject in actors:
                if subject not in source.actors:
                    confidence = source.confidence - INDIRECT
                    for claimant in source.actors:
                        yield Found(claimant, cue.stance, subject, token, "direct", confidence)

    def member_bodies(self, members: Token) -> list[Token]:
        """The bodies a noun of members names: 'GRU officers', 'officers of the GRU', « des agents
        du renseignement russe »."""
        owners = [c for c in self.kids(members) if c.dep_ in ("compound", "amod") and c.i < members.i]
        owners += self.prep_objects(members, self.lex.preps("genitive"))
        return [o for o in owners if self.actors_in(self.phrase_tokens(o)) or self.states_named_by(o)]

    def read_characterisation(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'Wang Wenbin called the United States the world's largest hacker empire', 'described X as
        the biggest hacker', « a qualifié les États-Unis de plus grand empire du piratage »: who is
        called an attacker is accused by whoever calls him (not 'called X a partner in cyber
        security': what he is called must name attackers or attacks)."""
        if token.pos_ != "VERB" or self.is_passive(token):
            return
        named = [o for o in self.children(token, "obj") if o.i in self.actor_at]
        if not named:
            return
        said = [c for c in self.kids(token) if c.i > named[0].right_edge.i and c.dep_ != "punct"]
        words = [t for c in said for t in self.subtree_of(c)]
        # (not what is fought: « un partenaire dans la lutte contre le piratage »)
        labels = self.lex.attacker_labels
        if not any((t.lower_ in labels or self.is_operation(t)) and not self.fought(t) for t in words):
            return
        callers = [a for s in self.own_subjects(token) for a in self.main_actors(s)]
        for subject in self.subject_phrase(named[0], {token.i})[0]:
            for claimant in callers:
                if claimant != subject:
                    yield Found(claimant, cue.stance, subject, token, cue.degree, CONFIDENCE["subject"])

    def fought(self, word: Token) -> bool:
        """Is the word what a defensive noun is against ('the fight against cybercrime', « la lutte
        contre la cybercriminalité »)?"""
        return any(a.lower_ in self.lex.defensive_words for a in list(word.ancestors)[:3])

    def described_by(self, noun: Token) -> list[Token]:
        """The words that say what a noun is: its modifiers and genitive ('the biggest source of
        cyberattacks'), not a clause or a phrase of time ('a company acquired by Google after the
        cyberattack')."""
        genitive = self.lex.preps("genitive")
        words = [noun]
        for child in self.kids(noun):
            if child.dep_ in NAME_PARTS and child.dep_ not in self.deps["noun_mod"]:
                words += list(self.subtree_of(child))
            elif child.lower_ in genitive or any(w in genitive for w in self.case_words(child)):
                words += list(self.subtree_of(child))
        return words

    def dangling_attribute(self, copula: Token) -> list[Token]:
        """'X are, in fact, the GRU' where the parser hangs 'the GRU' elsewhere (on the reporting
        verb, or as X's apposition): an actor named right after a bare copula is what X is."""
        if copula.dep_ in ("aux", "auxpass", "aux:pass", "cop") or any(
            c.dep_ in ("attr", "acomp", "oprd", "dobj", "obj", "xcomp", "ccomp") for c in self.kids(copula)
        ):
            return []
        # past the copula's own words ('are, in fact,'), not its subject's (which may hold the name)
        start = 1 + max([copula.i] + [c.right_edge.i for c in self.kids(copula) if c.i > copula.i])
        sent = self.sentence_of(copula)
        if start < sent.end and self.doc[start].dep_ == "det":
            start += 1
        mention = self.actor_at.get(start) if start < sent.end else None
        if mention is None or mention.start != start:
            return []
        head = self.doc[start]
        # up to the noun the mention's words hang from ('Russian ... service'), inside the segment
        while head.head.i > head.i and self.together(head.head, copula):
            head = head.head
        return [head] if head.i in self.actor_at else []
