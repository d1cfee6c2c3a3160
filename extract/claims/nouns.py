"""Noun cues ('U.S. accusations against China', 'sanctions on Iran's MOIS') and operation nouns
with their agent ('Iran's cyberattacks', 'an attack by Russia') in a sentence somebody says."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from extract.claims.confidence import CONFIDENCE, INDIRECT
from extract.claims.cues import Cue
from extract.claims.found import Found, Source
from extract.claims.sources import SourceFinder


class NounReading(SourceFinder):
    def read_noun(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'U.S. accusations against China', 'sanctions on Iran's MOIS', 'a report that accuses...'."""
        if "deny" in self.lex.kinds_of(token.head.lower_):
            return  # read by the denial
        if token.dep_ in self.deps["obj"] and any(c.rejects_accusations for c in self.cues_for(token.head)):
            return  # « L'Iran a dénoncé les accusations »: who denounces them denies, read by the verb
        if token.dep_ in self.deps["subj"] | self.deps["pass_subj"] and token.head.lower_ in self.lex.cues:
            return
        subject_heads = self.noun_accused_heads(cue, token)
        if not subject_heads:
            return
        claimants, confidence = self.noun_claimants(token)
        for head in subject_heads:
            subjects, phrase = self.subject_phrase(head, {token.i})
            for subject in subjects:
                if subject in claimants:
                    continue
                degree = self.degree_for(cue, token, subject, phrase)
                for claimant in claimants:
                    yield Found(claimant, cue.stance, subject, token, degree, confidence)

    def noun_accused_heads(self, cue: Cue, token: Token) -> list[Token]:
        """The heads of the phrases a noun cue accuses: 'against X', 'on X', its own prepositions,
        a content clause, the dative of an attribution; and the group of what they are charged for."""
        # 'des inculpations contre sept membres d'APT31', the parser hanging 'contre' on the verb
        # ('sanctions à quatre officiers du GRU': a cue may name its own prepositions)
        # (an attribution's dative only after what is attributed: 'the attribution of the attack to
        # X'; 'New Zealand has noted the attributions to Russian state actors' reports others')
        # (and « l'attribution | à la Russie | de la cyberattaque », what is attributed hung on the
        # dative by the parser)
        genitive = self.lex.preps("genitive")
        operations = (
            [
                o
                for h in [token, *self.prep_objects_near(token, cue.subject_preps)]
                for o in self.prep_objects(h, genitive)
                if self.is_operation(o)
            ]
            # ('made an attribution to Russia | for the cyber attacks': what is attributed, in the
            # phrase of the reason)
            + [o for o in self.prep_objects_near(token, self.lex.preps("reason")) if self.is_operation(o)]
            if cue.object_is_operation
            else []
        )
        own_preps = () if cue.object_is_operation and not operations else cue.subject_preps
        subject_heads = self.prep_objects_near(token, self.lex.preps("accused_after_noun") | set(own_preps))
        subject_heads += self.content_subjects(token)  # 'allegations that Russian hackers interfered'
        if cue.object_is_operation:
            # 'Britain's attribution of the cyberattack | to Russia's GRU', « l'attribution de la
            # tentative de piratage | au GRU »: the parser hangs the dative on the operation, which
            # is what is attributed, not who is accused
            victims = self.lex.victim_markers  # (« contre l'OIAC » may hang on the noun itself)
            subject_heads = [
                h
                for h in subject_heads
                if h not in operations
                and not (
                    operations and (victims.intersection(self.case_words(h)) or h.head.lower_ in victims)
                )
            ] + [
                d
                for o in operations
                for t in self.subtree_of(o)
                for d in self.prep_objects(t, cue.subject_preps)
            ]
        subject_heads = [h for h in subject_heads if self.names_accused(h) and not self.speaks(h)]
        # 'charges against seven nationals for their involvement in a group known as APT31'
        reasons = self.prep_objects_near(token, self.lex.preps("reason"))
        subject_heads += [h for h in reasons if self.subject_phrase(h, {token.i})[0]]
        # ('charges against two nationals | for their roles in the LockBit scheme': the reason hung
        # on the accused; its threat group or offensive service only)
        # (« pour leur rôle | dans le rançongiciel LockBit »: a phrase the parser cut in two)
        reasons = [(h, r) for h in subject_heads for r in self.prep_objects(h, self.lex.preps("reason"))]
        for part in [p for h, r in reasons for p in [r, *self.next_siblings(h, r)]]:
            named = self.subject_phrase(part, {token.i})[0]
            subject_heads += [a.root for a in named if a.label_ == "group" or a.kb_id_ in self.offensive]
        return subject_heads

    def next_siblings(self, head: Token, phrase: Token) -> list[Token]:
        """The dependents of ``head`` that continue ``phrase`` word for word (« ressortissants | pour
        leur rôle | dans le rançongiciel LockBit », cut in two by the parser)."""
        found, end = [], phrase.right_edge.i
        for child in sorted(self.kids(head), key=lambda c: c.i):
            if child.i > phrase.i and child.left_edge.i == end + 1:
                found.append(child)
                end = child.right_edge.i
        return found

    def noun_claimants(self, token: Token) -> tuple[list[Span], float]:
        """Who makes a noun's accusation: its owner ('U.S. accusations'), else the subject of the
        verb it is the object of, else the sentence's source; and how sure we are."""
        claimants = self.owner_of(token)
        confidence = CONFIDENCE["owner"]
        if not claimants:
            # (« a procédé à une attribution »: the noun hung on a verb of accusing by its case)
            taken = token.dep_ in self.deps["obj"] | {"pobj"} or (
                token.dep_ == "obl:arg" and token.head.lower_ in self.lex.accusation_verbs
            )
            verb_subject = self.subject_of(token.head) if taken else None
            if verb_subject is not None and not self.is_self_pronoun(verb_subject):
                claimants = self.main_actors(verb_subject)
            if not claimants:  # 'a grand jury returned charges against ..., the FBI said'
                source = self.source_for(token, set())
                claimants = list(source.actors) if source else []
                confidence = source.confidence if source else 0.0
        return claimants, confidence

    def content_subjects(self, noun: Token) -> list[Token]:
        """The subject of a 'that'/'que' clause saying what an accusation is: 'allegations from U.S.
        agencies that Russian hackers interfered with the election'."""
        found = []
        for clause in self.kids(noun):
            marks = {c.lower_ for c in self.children_of(clause) if c.dep_ == "mark"}
            # (« selon laquelle le GRU aurait piraté »: the mark is the relative pronoun's case word)
            marks.update(
                w
                for c in self.children_of(clause)
                if c.lower_ in self.lex.relative_pronouns and c.i < clause.i
                for w in self.case_words(c)
            )
            if clause.dep_ in ("acl", "ccomp", "relcl", "acl:relcl") and marks & self.lex.content_marks:
                found += self.children(clause, "subj")
        return found

    def content_accused(self, noun: Token) -> list[Span]:
        """The services, groups and persons a rejected accusation's 'that' clause names: 'rejected
        Britain's accusation that the GRU had hacked the OPCW' denies for the GRU."""
        return [
            a
            for head in self.content_subjects(noun)
            for a in self.subject_phrase(head, {noun.i})[0]
            if a.label_ in ("group", "agency", "person")
        ]

    def names_accused(self, head: Token) -> bool:
        """'against APT41', 'against three APT41 cyber actors' (a group noun naming an actor)."""
        head = self.resolve_relative(head)
        if head.i in self.actor_at or head.pos_ == "PROPN":
            return True
        if any(c.dep_ == "appos" and c.i in self.actor_at for c in self.kids(head)):
            return True  # 'the cybersecurity company Acme Labs': the name in apposition
        if head.lower_ in self.lex.collective_nouns and any(
            self.names_accused(o) for o in self.prep_objects(head, self.lex.preps("genitive"))
        ):
            return True  # 'charges against a conspiracy of Russian military intelligence officers'
        if head.lower_ in self.lex.group_nouns and self.actors_in(self.subtree_of(head)):
            return True
        # 'sanctions on six individuals and three entities responsible for cyber-attacks, including
        # the Lazarus Group'
        return bool(self.included_after(head))

    def read_link(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'Berlin pointed to a Russian link in the hacking', 'a link to the GRU', 'la piste russe':
        whoever the link is to is accused by whoever points to it."""
        heads = [c for c in self.kids(token) if c.dep_ in ("amod", "compound", "nmod", "poss", "nmod:poss")]
        accused = self.actors_in(t for h in heads for t in self.phrase_tokens(h)) or self.states_named_by(
            token
        )
        # (« a établi des liens | entre le MSS et ... »: the phrase may hang on the verb)
        for target in self.prep_objects_near(token, cue.target_preps):
            accused += [a for a in self.subject_phrase(target, {token.i})[0] if a not in accused]
        # ('Annex 2 includes a link to the UN 1718 Sanctions Committee': an international body is
        # where a link leads, a web page, never a suspect)
        accused = [a for a in accused if a.label_ != "intergov"]
        if not accused:
            return
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subject = self.subject_of(verb) if verb is not None else None
        if subject is not None and not self.is_self_pronoun(subject) and self.speaker_actors(subject):
            claimants, confidence = self.speaker_actors(subject), CONFIDENCE["subject"]
        else:
            source = self.source_for(token, {t.i for t in self.subtree_of(token)})
            if source is None:
                return
            claimants, confidence = list(source.actors), source.confidence
        for subject_actor in accused:
            for claimant in claimants:
                if subject_actor not in claimants:
                    yield Found(claimant, cue.stance, subject_actor, token, cue.degree, confidence)

    def read_operation(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'Iran's cyberattacks on Albania', 'an attack by Russia', in a sentence somebody says."""
        agents, phrase = self.agents_of_operation(token)
        if not agents or self.hearsay(token) or self.claimed_operation(token):
            return
        source = self.verb_subject_source(token) or self.source_for(token, {t.i for t in phrase})
        if source is None:
            return
        for subject in agents:
            if subject in source.actors:
                continue
            degree = self.degree_for(cue, token, subject, phrase)
            for claimant in source.actors:
                yield Found(claimant, cue.stance, subject, token, degree, source.confidence - INDIRECT)

    def claimed_operation(self, operation: Token) -> bool:
        """'The group has claimed responsibility for cyberattacks ..., including the 2021 Iranian
        fuel cyberattack', « a revendiqué la responsabilité de ... »: an operation its author owns
        up to; its other words name where it hit, not who did it."""
        node = operation
        for _ in range(5):
            if node.head.i == node.i:
                return False
            node = node.head
            owning = [c for c in self.cues_for(node) if c.kind == "deny" and c.requires_negation]
            if owning and self.has_required_child(owning[0], node) and not self.negated(node):
                return True
        return False

    def hearsay(self, operation: Token) -> bool:
        """'On the reports of an Iranian hack', « les informations sur un piratage iranien »: an
        operation that unowned reports tell of is nobody's claim here."""
        noun = operation.head
        if noun.pos_ == "ADP" and noun.head.i != noun.i:  # (English: the preposition heads the phrase)
            noun = noun.head
        return noun.lower_ in self.lex.hearsay_nouns and noun.i != operation.i and not self.owner_of(noun)

    def verb_subject_source(self, operation: Token) -> Source | None:
        """'Foreign Secretary Dominic Raab condemns malicious cyber activity by Russia's GRU': an
        operation in the object of an accusing verb is accused by that verb's subject, not by the
        document's voice."""
        verb = self.accusing_verb_over(operation, 3)
        subject = self.subject_of(verb) if verb is not None else None
        if subject is None or self.is_self_pronoun(subject) or subject.pos_ == "PRON":
            return None
        actors = self.speaker_actors(subject)
        return Source(tuple(actors), CONFIDENCE["subject"]) if actors else None
