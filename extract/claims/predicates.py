"""Predicate cues ('X is responsible for', 'carried out by X', 'X, linked to Y') and identity
cues ('the actors are, in fact, the GRU'): statements about the accused whose claimant is the
source of the sentence. Without a source they are narration, not claims."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from extract.claims.confidence import INDIRECT
from extract.claims.found import Found
from extract.claims.lexicon import Cue
from extract.claims.sources import SourceFinder

# the words of a name or a description that say what a noun is: 'the WannaCry attack', 'malware Industroyer'
NAME_PARTS = frozenset({"conj", "compound", "amod", "appos", "flat", "flat:name", "nmod", "nummod"})


class PredicateReading(SourceFinder):
    def read_predicate(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'X is responsible for', 'carried out by X', 'X, linked to Y': the claimant is the source."""
        if not self.predicate_object_ok(token, cue):
            return
        subject_heads, territory = self.predicate_heads(cue, token)
        if not subject_heads or self.governed_by_accusation(token):
            return
        source = self.source_for(token, {t.i for h in subject_heads for t in self.subtree_of(h)})
        if source is None:
            return
        found = []
        for head in subject_heads:
            subjects, phrase = self.subject_phrase(head, {token.i})
            if not subjects and head in territory:
                subjects, phrase = self.states_named_by(head), [head]
            found += [(head, subject, phrase) for subject in subjects if subject not in source.actors]
        # 'the group is backed by the Russian state': a link to a threat group is about cyber
        links_group = any(subject.label_ == "group" for _, subject, _ in found) or (
            cue.degree == "sponsored" and any(h.lower_ in self.lex.group_nouns for h in subject_heads)
        )
        for head, subject, phrase in found:
            degree = "territory" if head in territory else self.degree_for(cue, token, subject, phrase)
            for claimant in source.actors:
                yield Found(
                    claimant, cue.stance, subject, token, degree, source.confidence, cyber=links_group
                )

    def predicate_heads(self, cue: Cue, token: Token) -> tuple[list[Token], list[Token]]:
        """The heads of the accused phrases of a predicate, and those of them that are a territory."""
        subject_heads: list[Token] = []
        agents = self.prep_objects(token, self.lex.preps("agent")) + self.agent_heads(token)
        target = self.prep_objects_near(token, cue.target_preps) if cue.target_preps else []
        subject = None if cue.passive_is_victim and self.describes_victim(token) else self.subject_of(token)
        if (
            subject is not None
            and subject.pos_ == "PRON"
            and subject.lower_ not in self.lex.relative_pronouns
        ):
            subject = self.pronoun_group(subject)  # 'Symantec believes it hacks airlines'
        if agents:
            subject_heads = agents
            if cue.degree == "sponsored" and subject is not None and subject.i not in {a.i for a in agents}:
                subject_heads = agents + [subject]  # 'the Sandworm group is directed by the GRU': both
        elif subject is not None:
            subject_heads = [subject]
        if cue.degree == "sponsored":
            # "hackers linked to Beijing", not "emails linked to the campaign"
            subject_heads = [h for h in subject_heads if self.names_attacker(h)]
            target = [
                h
                for h in target
                if any(
                    a.label_ in ("state", "agency", "group", "intergov")
                    for a in self.subject_phrase(h, {token.i})[0]
                )
            ]
        # "conducted from Chinese territory": the state whose territory it is
        territory = [
            h
            for h in self.prep_objects(token, self.lex.preps("origin"))
            if h.lower_ in self.lex.territory_markers
        ]
        return subject_heads + target + territory, territory

    def describes_victim(self, token: Token) -> bool:
        """'the companies were hacked', 'attacks against targeted organisations', 'les serveurs
        piratés': what a passive or a participle of attacking says of its noun is that it was hit."""
        if self.is_passive(token) or token.dep_ == "amod":
            return True
        return token.dep_ in self.deps["noun_mod"] and token.tag_ == "VBN"

    def governed_by_accusation(self, token: Token) -> bool:
        """Inside the object of 'accuse'/'expose'/'deny': that cue reads the whole phrase."""
        current = token
        for _ in range(4):
            if current.head.i == current.i or not self.together(current.head, token):
                return False
            if current.dep_ in self.deps["subj"] | self.deps["pass_subj"]:
                return False
            current = current.head
            cue = self.lex.cues.get(current.lower_)
            if cue is not None and cue.kind in ("verb", "deny"):
                return True
        return False

    def predicate_object_ok(self, token: Token, cue: Cue) -> bool:
        """'responsible for cyber security' is no accusation: the object must be an operation, if any."""
        # "responsible for X", "behind X", "involved in X"; a verb's direct object is its victim
        if cue.degree == "sponsored" or cue.target_preps or cue.verbal or self.is_cyber(token):
            return True  # (a verb's 'in April', 'for years' are adjuncts, not what it is about)
        objects = self.prep_objects(token, self.lex.preps("operation_object"))
        return not objects or any(self.names_operation(o) for o in objects)

    def names_operation(self, noun: Token) -> bool:
        """'the hack', 'this infiltration', 'BlackEnergy', 'la conception du logiciel malveillant
        Industroyer' (through the work noun): a phrase that names a cyber operation or tool."""
        words = [noun] + [c for c in self.children_of(noun) if c.dep_ in NAME_PARTS]
        if noun.lower_ in self.lex.work_nouns:
            for made in self.prep_objects(noun, self.lex.preps("genitive")):
                words += [made] + [c for c in self.children_of(made) if c.dep_ in NAME_PARTS]
        return any(
            self.is_operation(w)
            or self.is_cyber(w)
            or w.lower_ in self.lex.incident_words
            or self.is_incident_name(w)
            for w in words
        )

    def is_incident_name(self, token: Token) -> bool:
        """A well-known operation or malware name (lexicons/incident_names.json): 'BlackEnergy'."""
        names = self.lex.incident_names
        return token.text[:1].isupper() and names is not None and names.fullmatch(token.text) is not None

    def read_identity(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'cyber actors known for attacks ... are, in fact, the GRU', said by a source."""
        subjects = self.children(token, "subj")
        named = [c for c in self.kids(token) if c.dep_ in ("attr", "obj") and c.i in self.actor_at]
        if subjects and not named and subjects[0].i in self.actor_at:
            # "the United States is the world's biggest hacker"
            attributes = [c for c in self.kids(token) if c.dep_ in ("attr", "obj")]
            if any(self.is_cyber(t) for a in attributes for t in self.subtree_of(a)):
                named, subjects = subjects, attributes
        if subjects and not named:
            named = self.dangling_attribute(token)
        if not subjects or not named:
            return
        if not {t.lower_ for t in self.subtree_of(subjects[0])} & self.lex.group_nouns and not any(
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
