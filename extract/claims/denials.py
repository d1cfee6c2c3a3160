"""Denials: 'China denied responsibility', 'Li rejected U.S. accusations', 'the claims were
groundless', 'called the accusations baseless'. The owner of the rejected accusation is the
counterpart, and gets an accusation of its own against the denier."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from extract.claims.confidence import CONFIDENCE, INDIRECT
from extract.claims.cues import Cue
from extract.claims.denied_accusations import DeniedAccusations
from extract.claims.found import Found, Source

DENIAL_WINDOW = 6  # a denial answers what the story told in the sentences before it
# who denies an operation itself ('denied the cyberattacks') as its author, not as its victim
ACCUSABLE_KINDS = frozenset({"state", "agency", "group", "person"})


class DenialReading(DeniedAccusations):
    def read_deny(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'China denied responsibility', 'Li rejected U.S. accusations', 'La Russie nie son
        implication', 'Russia's involvement was denied by the Kremlin', 'an accusation Moscow has
        denied', 'ce que le Kremlin a démenti', 'Moscow lashed out at the reports'.

        The owner of a rejected accusation is the counterpart and is read as accusing the denier."""
        accusation = self.denied_accusation(token)
        bare = accusation is None and self.denies_without_object(token)
        if bare:  # 'Pyongyang denied it', « Moscou a démenti »: the accusation told just before
            accusation = self.accusation_told_before(token)
        if accusation is None or not self.cyber_context(token, window=DENIAL_WINDOW):
            return
        if not bare and self.answers_other_story(token, accusation):
            return  # 'X was accused of a prison crematory. Syria denies the accusations.' (a digest)
        claimants, confidence = self.deniers(token)
        if not claimants:  # 'A foreign ministry spokesman denied the accusations'
            claimants, confidence = self.organ_deniers(token), CONFIDENCE["previous_sentence"]
        if self.denied_operation(accusation):  # a company or a bank denying a breach is its victim
            claimants = [c for c in claimants if c.label_ in ACCUSABLE_KINDS]
        if bare:  # only who that accusation named
            told = self.actors_in(self.sentence_of(accusation))
            # (or their state: 'charged six GRU officers ... Moscow has always denied')
            named = {a.kb_id_ for a in told} | {self.country_of(a) for a in told}
            claimants = [c for c in claimants if self.speaker_state(c)[0] in named or c.kb_id_ in named]
        if not claimants:
            return
        # (what the denial's own clause says, « a démenti en être à l'origine », has no speaker of
        # its own: its accusers are told elsewhere, not the document's voice)
        inside = accusation.lower_ not in self.lex.accusation_forms and any(
            t.i == accusation.i for t in self.subtree_of(token)
        )
        accusers = [] if inside else [a for a in self.accusers_of(accusation) if a not in claimants]
        if not accusers:
            accusers = self.accusers_answered(token, accusation, claimants)
        if self.only_smears(accusation):
            # 'rejected these smears', « dénonce les mensonges de Moscou »: a denial only as the
            # answer to an accusation of the denier told before (their owner accuses nobody)
            accusers = self.accusers_told_before(token, claimants)
            if not accusers:
                return
        if not accusers and not bare:
            accusers = self.accusers_told_before(token, claimants)
        told = self.content_accused(accusation)  # ('the accusation that the GRU had hacked')
        groups = self.groups_denied(accusation) + told
        yield from self.denials(claimants, token, accusation, accusers, confidence, groups)
        for accuser in accusers:
            for actor in told:
                yield Found(accuser, "accuses", actor, accusation, "unspecified", confidence - INDIRECT)

    def answers_other_story(self, token: Token, accusation: Token) -> bool:
        """Does a denial of 'the accusations', « ces accusations » (a bare accusation noun that says
        nothing of its own) answer an accusation told just before that is not about cyber
        operations, though the text is (a news digest: one item after another)?"""
        if accusation.lower_ not in self.lex.accusation_forms or self.owner_of(accusation):
            return False
        phrase = list(self.subtree_of(accusation))
        if self.content_subjects(accusation) or any(self.is_cyber(t) or self.is_operation(t) for t in phrase):
            return False
        told = self.accusation_told_before(token)
        return told is not None and not self.cyber_context(told)

    def obliged(self, token: Token) -> bool:
        """'States should not conduct or support ICT-enabled theft', « les États ne doivent pas
        mener »: a negated duty is a norm, not a denial (on the cue, or on the verb it completes)."""
        heads = [token] + ([token.head] if token.dep_ in ("xcomp", "conj") else [])
        return any(
            h.lower_ in self.lex.obligation_modals
            or any(c.lower_ in self.lex.obligation_modals for c in self.kids(h) if c.dep_.startswith("aux"))
            for h in heads
        )

    def self_denial(
        self, token: Token, cue: Cue | None, founds: Iterator[Found]
    ) -> tuple[Cue | None, list[Found]]:
        """A negated accusation said of oneself denies: 'the Kremlin said Russia was not responsible',
        'Russia said it was not involved', « la Russie affirme ne pas être impliquée », 'the
        Russian government had no involvement' (according to the Kremlin). Said of another state
        it clears them ('the FBI said North Korea was not behind it'): no claim."""
        if cue is None:  # (a pronoun or the speaker as the subject: the predicate read no accused)
            if "predicate" not in self.lex.kinds_of(token.lower_):
                return None, []  # (most tokens that read nothing: no second pass over their cues)
            cue = next((c for c in self.cues_for(token) if c.kind == "predicate"), None)
        if (
            cue is None
            or cue.kind != "predicate"
            or cue.stance != "accuses"
            or cue.requires_negation
            or not self.negated(token)
            or self.obliged(token)
            or not self.predicate_object_ok(token, cue)
            or not self.cyber_context(token, window=DENIAL_WINDOW)
        ):
            return None, []
        denials, of_another = [], False
        for found in founds:
            state = self.speaker_state(found.claimant)[0]
            if found.subject is None or found.claimant.label_ not in ACCUSABLE_KINDS:
                continue
            of_another = True  # (unless it is the speaker's own, below)
            if self.subject_id(found.subject) == state:
                denials.append(replace(found, stance="denies", subject=None, degree="unspecified"))
            elif self.country_of(found.subject) == state:  # 'Moscow said the GRU was not involved'
                denials.append(replace(found, stance="denies", degree="unspecified"))
        # ('the UK found no evidence of Russia's involvement': said of Russia, it clears Russia)
        if not denials and not of_another and self.said_of_speaker(cue, token):
            source = self.source_for(token, set())
            for claimant in source.actors if source is not None else ():
                if claimant.label_ in ACCUSABLE_KINDS:
                    denials.append(Found(claimant, "denies", None, token, "unspecified", source.confidence))
        return cue, denials

    def read_unrelated(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'Moscow said it had nothing to do with the hack', « le Kremlin assure n'avoir rien à voir
        avec cette attaque »: a denial by who had nothing to do with an operation (the cue is the
        phrase's last word). 'The FBI said North Korea had nothing to do with it' clears, not denies."""
        first_words = {form.split()[0] for c, forms in self.lex.cue_forms if c is cue for form in forms}
        before = range(token.i - 1, max(-1, token.i - 5), -1)
        start = next((i for i in before if self.doc[i].lower_ in first_words), None)
        objects = self.children(token, "obj") + [c for c in self.kids(token) if c.dep_ == "pobj"]
        if token.dep_ == "case":  # « avec cette attaque »: the preposition hangs on its noun
            objects.append(token.head)
        operation = next((o for o in objects if self.names_operation(o)), None)
        if start is None or operation is None or not self.cyber_context(token, window=DENIAL_WINDOW):
            return
        verb = self.doc[start].head
        subject = self.subject_of(verb)
        claimants, confidence = self.claimant_for(token, subject, set())
        if subject is not None and subject.pos_ != "PRON":
            source = self.source_for(verb, {t.i for t in self.subtree_of(subject)})
            states = {self.speaker_state(c)[0] for c in claimants}
            if source is not None and not states & {self.speaker_state(a)[0] for a in source.actors}:
                return  # someone else's word about them
        claimants = [c for c in claimants if c.label_ in ACCUSABLE_KINDS]
        # whom it answers: the accusation told just before ('Australia blamed ... China's embassy
        # said Beijing had nothing to do with the cyberattacks')
        told = self.accusation_told_before(self.doc[self.sentence_of(token).start])
        accusers = [a for a in self.accusers_of(told) if a not in claimants] if told is not None else []
        # ('Asked about the British accusations, Peskov said Moscow had nothing to do with it')
        accusers = accusers or self.accusers_answered(token, operation, claimants)
        yield from self.denials(claimants, token, operation, accusers, confidence)

    def deniers(self, token: Token) -> tuple[list[Span], float]:
        """Who denies: the subject, the agent of a passive ('was denied by the Kremlin'), several
        subjects ('Le porte-parole du Kremlin, Dmitri Peskov, a démenti')."""
        modifies = token.dep_ in self.deps["noun_mod"]
        agents = (self.agent_heads(token) or self.stray_agents(token)) if modifies else []
        if agents:
            subjects = agents  # '..., allegations denied by Pyongyang', « accusations rejetées par X »
        else:
            subjects = self.own_subjects(token) or self.orphan_subject(token)
        passive_aux = any(c.dep_ in ("auxpass", "aux:pass") for c in self.children_of(token))
        if not subjects and not passive_aux:  # « ce que Moscou(nsubj:pass) a démenti »: no passive
            subjects = self.children(token, "pass_subj")
        if not subjects and self.misread_as_modifier(token):
            # (« Pékin | dément(advmod) | être impliqué »: the participle's passive subject)
            subjects = self.own_subjects(token.head) or self.children(token.head, "pass_subj")
        if not subjects and self.is_passive(token):
            subjects = self.agent_heads(token)
        in_line = None if subjects else self.misread_in_line(token)
        if in_line is not None:
            subjects = [in_line[0].root]  # « La Chine | dément | ces accusations »
        claimant_head = subjects[0] if subjects else None
        if claimant_head is None and token.dep_ in ("xcomp", "conj", "advcl", "acl"):
            claimant_head = self.subject_of(token.head)
        if claimant_head is None and token.pos_ == "NOUN" and token.dep_ in self.deps["obj"]:
            claimant_head = self.subject_of(token.head)  # 'Russia issued a denial', 'a opposé un démenti'
        if claimant_head is not None and claimant_head.left_edge.i <= token.i <= claimant_head.right_edge.i:
            # « Pékin(ROOT) | dément(advmod) ces accusations et accuse les États-Unis »: the phrase of a
            # subject that holds its own verb is the whole clause; only the actor at its head denies
            span = self.actor_at.get(claimant_head.i)
            return ([span] if span is not None else []), CONFIDENCE["subject"]
        claimants, confidence = self.claimant_for(token, claimant_head, set())
        for other in subjects[1:]:
            more, _ = self.claimant_for(token, other, set())
            claimants += [a for a in more if a not in claimants]
        return claimants, confidence

    def denials(
        self,
        claimants: list[Span],
        cue: Token,
        accusation: Token,
        accusers: list[Span],
        confidence: float,
        groups: list[Span] | None = None,
    ) -> Iterator[Found]:
        """A denial by each claimant (for the threat group the accusation named, if any), answering
        the first accuser named; each accuser accuses the denier."""
        # (the first named of several: 'The US, the UK and Australia attributed ...', whatever
        # order the parse gave)
        counterpart = min(accusers, key=lambda a: a.start) if accusers else None
        for claimant in claimants:
            subject = next((g for g in groups or () if g.kb_id_ != claimant.kb_id_), None)
            yield Found(claimant, "denies", subject, cue, "unspecified", confidence, counterpart=counterpart)
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
        if cue.requires_negation and (target.lower_ not in self.lex.charge_nouns or self.own_words(target)):
            return  # 'said its report was not based on one source': no accusation, or the speaker's own
        if "deny" in self.lex.kinds_of(target.head.lower_):
            return  # "nie les accusations infondées": the denial verb reads it
        if not self.cyber_context(token, window=DENIAL_WINDOW):
            return
        source = self.source_for(token, {t.i for t in self.subtree_of(target)}) or self.calling_subject(token)
        if source is None:
            return
        accusers = [a for a in self.accusers_of(target) if a not in source.actors]
        if not accusers:  # 'In response to the U.S. indictment, China said the charges were fabricated'
            accusers = self.accusers_answered(token, target, list(source.actors))
        groups = self.groups_denied(target)
        yield from self.denials(list(source.actors), token, target, accusers, source.confidence, groups)

    @staticmethod
    def own_words(noun: Token) -> bool:
        """'its claims', « ses accusations »: a possessive pronoun, the speaker's own words."""
        return any(
            (c.dep_ == "poss" and c.pos_ == "PRON") or "Poss=Yes" in str(c.morph) for c in noun.children
        )

    def calling_subject(self, token: Token) -> Source | None:
        """'Moscow lashed out at the reports, calling the accusations irresponsible': the subject of
        the clause the 'calling' hangs on."""
        verb = next((a for a in token.ancestors if a.lower_ in self.lex.speech_verbs), None)
        subject = (
            self.subject_of(verb) if verb is not None and verb.dep_ in ("advcl", "xcomp", "conj") else None
        )
        actors = self.speaker_actors(subject) if subject is not None else []
        return Source(tuple(actors), CONFIDENCE["subject"]) if actors else None

    def called_accusation(self, token: Token) -> Token | None:
        """'called the accusations [by X] groundless', 'a qualifié d'infondées les accusations',
        'qualifie de calomnies les accusations': the accusation a verb of saying calls baseless,
        wherever the parser hung the cue below that verb."""
        nouns = self.lex.accusation_forms | self.lex.document_nouns
        if self.together(token.head, token) and token.head.lower_ in self.lex.speech_verbs:
            # "qualifié d'infondées les accusations"; "called the allegations groundless" (a compound)
            for child in self.children(token, "called_object"):
                if child.lower_ in nouns:
                    return child
        current = token
        for _ in range(3):
            if current.head.i == current.i or not self.together(current.head, token):
                return None
            current = current.head
            if current.lower_ in self.lex.speech_verbs and current.pos_ in ("VERB", "AUX"):
                # "called the accusations groundless", "qualifie de calomnies les accusations" (or
                # parsed as coordinated with the cue: « a qualifié d'« absurdes » | les accusations »)
                objects = self.children(current, "obj") + [c for c in self.kids(token) if c.dep_ == "conj"]
                found = [o for o in objects if o.lower_ in nouns and o.i != token.i]
                return found[0] if found else None
            if current.lower_ in nouns and current.dep_ in self.deps["obj"]:
                # "called the accusations by the United States groundless", parsed as the object's last word
                if current.head.lower_ not in self.lex.speech_verbs:
                    return None
                last = max(t.i for t in self.subtree_of(current) if not t.is_punct)
                return current if last == token.i else None
        return None
