"""Denials: 'China denied responsibility', 'Li rejected U.S. accusations', 'the claims were
groundless', 'called the accusations baseless'. The owner of the rejected accusation is the
counterpart, and gets an accusation of its own against the denier."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from extract.actor_ruler import CANDIDATES_KEY
from extract.claims.confidence import CONFIDENCE, INDIRECT
from extract.claims.found import Found, Source
from extract.claims.lexicon import Cue
from extract.claims.organ_deniers import OrganDeniers

DENIAL_WINDOW = 6  # a denial answers what the story told in the sentences before it
MISREAD_REACH = 4  # words after a misread denial verb where what it denies is looked for
# who denies an operation itself ('denied the cyberattacks') as its author, not as its victim
ACCUSABLE_KINDS = frozenset({"state", "agency", "group", "person"})


class DenialReading(OrganDeniers):
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
        if not accusers and not bare:
            accusers = self.accusers_told_before(token, claimants)
        told = self.content_accused(accusation)  # ('the accusation that the GRU had hacked')
        groups = self.groups_denied(accusation) + told
        yield from self.denials(claimants, token, accusation, accusers, confidence, groups)
        for accuser in accusers:
            for actor in told:
                yield Found(accuser, "accuses", actor, accusation, "unspecified", confidence - INDIRECT)

    def accusers_told_before(self, cue: Token, claimants: list[Span]) -> list[Span]:
        """'The Justice Department charged three North Korean hackers ... North Korea has denied
        any involvement', « ... La Corée du Nord a nié toute implication »: a denial whose own
        words name no accuser answers the accusation told just before, when that names the
        deniers (or their state)."""
        told = self.accusation_told_before(self.doc[self.sentence_of(cue).start])
        if told is None:
            return []
        sent = self.sentence_of(told)
        named_actors = self.actors_in(sent)
        named = {a.kb_id_ for a in named_actors} | {self.country_of(a) for a in named_actors}
        # (and the states its adjectives name: 'North Korean hackers')
        named |= {c.id_ for c in self.doc.spans.get(CANDIDATES_KEY, ()) if sent.start <= c.start < sent.end}
        if not any(self.speaker_state(c)[0] in named or c.kb_id_ in named for c in claimants):
            return []
        return [a for a in self.accusers_of(told) if a not in claimants]

    def accusers_answered(self, cue: Token, accusation: Token, claimants: list[Span]) -> list[Span]:
        """'Responding to the British allegations, the Kremlin denied any involvement', « En
        réponse aux accusations britanniques, le Kremlin a nié »: the owner of another accusation
        noun in the denial's sentence is whom it answers."""
        sent = self.sentence_of(cue)
        states = {self.speaker_state(c)[0] for c in claimants}
        for noun in sent:
            if noun.i == accusation.i or noun.lower_ not in self.lex.accusation_forms or noun.pos_ != "NOUN":
                continue
            owners = [a for a in self.owner_of(noun) if self.speaker_state(a)[0] not in states]
            if owners:
                return owners
        # '..., saying the U.S. was "spreading disinformation"', « affirmant que les États-Unis
        # « diffusaient de la désinformation » »: who the denial says lies
        for word in sent:
            if word.i < cue.i or "baseless" not in self.lex.kinds_of(word.lower_):
                continue
            # ('calling it a fabrication by the United States', « la qualifiant de fabrication
            # des États-Unis »: whose the baseless thing is)
            makers = [
                a
                for o in self.prep_objects(word, self.lex.preps("agent") | self.lex.preps("genitive"))
                for a in self.main_actors(o)
                if self.speaker_state(a)[0] not in states
            ]
            if makers:
                return makers
            verb = next((a for a in word.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is None or verb.i == cue.i:
                continue
            for subject in self.own_subjects(verb):
                told = [a for a in self.main_actors(subject) if self.speaker_state(a)[0] not in states]
                if told:
                    return told
        return []

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
        denials = []
        for found in founds:
            state = self.speaker_state(found.claimant)[0]
            if found.subject is None or found.claimant.label_ not in ACCUSABLE_KINDS:
                continue
            if self.subject_id(found.subject) == state:
                denials.append(replace(found, stance="denies", subject=None, degree="unspecified"))
            elif self.country_of(found.subject) == state:  # 'Moscow said the GRU was not involved'
                denials.append(replace(found, stance="denies", degree="unspecified"))
        if not denials and self.said_of_speaker(cue, token):
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
        yield from self.denials(claimants, token, operation, accusers, confidence)

    def denied_accusation(self, token: Token) -> Token | None:
        """What a denial verb rejects: its object ('denied responsibility', 'lashed out at the
        reports'), its passive subject, or the noun a relative clause hangs on ('an accusation
        Moscow has denied'); 'ce que' stands for the accusation of the clause before."""
        if self.misread_as_modifier(token):
            return token.head  # « Le Kremlin dément toute implication »: 'dément' read as a modifier
        in_line = self.misread_in_line(token)
        if in_line is not None:
            return in_line[1]
        if token.pos_ == "NOUN":  # "denial"
            objects = list(self.kids(token))
            if token.dep_ in self.deps["obj"]:  # « a opposé un démenti | à ces accusations » (on the verb)
                objects += [
                    c for c in self.kids(token.head) if c.i > token.i and c.dep_ in self.deps["clause"]
                ]
        else:
            objects = self.children(token, "obj") + self.children(token, "pass_subj")
            objects += [c for c in self.kids(token) if c.dep_ in ("xcomp", "ccomp", "obl:arg", "obl:mod")]
            objects += self.prep_objects(token, self.lex.preps("denied"))
            if token.dep_ in self.deps["noun_mod"] and not self.children(token, "obj"):
                objects.append(token.head)  # 'an accusation Moscow has denied'
        for obj in objects:
            if obj.pos_ == "PRON" and obj.lower_ not in self.lex.relative_pronouns:
                obj = self.accusation_before(obj) or obj  # 'the U.S. allegations, dismissing them'
            if obj.lower_ in self.lex.relative_pronouns or any(
                t.lower_ in self.lex.relative_pronouns for t in self.children_of(obj)
            ):
                antecedent = self.clause_accusation(token)  # 'ce que le Kremlin a démenti'
                if antecedent is not None:
                    return antecedent
            words = {t.lower_ for t in self.subtree_of(obj) if t.i - obj.i < 4}
            if obj.lower_ in self.lex.deny_objects or words & self.lex.deny_objects:
                return obj
            if obj.lower_ in self.lex.document_nouns and self.carries_accusation(obj):
                return obj  # 'rejected the US statement attributing the campaign to Russia'
            if self.denied_operation(obj):
                return obj
        return None

    def carries_accusation(self, noun: Token) -> bool:
        """Does a clause on the noun accuse ('the statement attributing ... to Russia', « la
        déclaration britannique attribuant ... au GRU »)?"""
        return any(
            cue.stance == "accuses" and cue.kind == "verb"
            for clause in self.children(noun, "noun_mod")
            for cue in self.cues_for(clause)
        )

    def denied_operation(self, obj: Token) -> bool:
        """An operation as what is denied: 'denied the cyberattacks', « nie toute ingérence », or a
        verb of attack with no subject of its own: 'denied interfering in', « a nié avoir piraté ».
        (A clause with its own subject, 'denied that the hack exposed data', may deny a consequence.)"""
        if obj.pos_ in ("NOUN", "PROPN"):
            return self.is_operation(obj)
        if obj.pos_ not in ("VERB", "AUX") or self.children(obj, "subj") or self.children(obj, "pass_subj"):
            return False
        if obj.lower_ in self.lex.attack_forms:
            return not self.is_passive(obj)  # ('denied being hacked': a victim's word)
        # « nié avoir piraté ces réseaux », parsed 'avoir'(xcomp) -> 'piraté'(obj, tagged anything)
        verbs = self.children(obj, "obj")
        return any(v.lower_ in self.lex.attack_forms and not self.is_passive(v) for v in verbs)

    def misread_as_modifier(self, token: Token) -> bool:
        """A denial verb the parser read as a modifier of what it denies (« dément » is also an
        adjective): 'Le Kremlin | dément(advmod) | toute implication(ROOT)'."""
        return (
            (token.pos_ in ("ADV", "ADJ") or token.dep_ in ("advmod", "amod"))
            and token.head.lower_ in self.lex.deny_objects
            and token.head.i > token.i
        )

    def misread_in_line(self, token: Token) -> tuple[Span, Token] | None:
        """A denial verb tagged as an adverb or an adjective and hung anywhere ('La Chine | dément
        | ces accusations', « Le Kremlin dément fermement les accusations britanniques »): read in
        the order of the words, the actor right before it denies the first accusation noun of the
        few words after it."""
        if token.pos_ not in ("ADV", "ADJ") or token.i == 0:
            return None
        denier = self.actor_at.get(token.i - 1)
        if denier is None or denier.end != token.i:
            return None
        after = self.doc[token.i + 1 : min(token.i + 1 + MISREAD_REACH, self.sentence_of(token).end)]
        noun = next((t for t in after if t.pos_ == "NOUN" and t.lower_ in self.lex.deny_objects), None)
        return (denier, noun) if noun is not None else None

    def denies_without_object(self, token: Token) -> bool:
        """A denial verb with no noun for what it denies: 'Moscow denied.', 'Beijing denied it',
        « Pyongyang a démenti, accusant Séoul... »."""
        if token.pos_ not in ("VERB", "AUX"):
            return False
        objects = self.children(token, "obj") + self.children(token, "pass_subj")
        objects += self.prep_objects(token, self.lex.preps("denied"))
        # (not a clause after a comma: « a démenti, accusant l'Albanie de mentir » says more)
        clauses = [
            c
            for c in self.kids(token)
            if c.dep_ in ("xcomp", "ccomp")
            and not any(self.doc[j].text == "," for j in range(token.i + 1, c.i))
        ]
        # 'denied that it hacked anyone': a clause about an operation is what is denied
        return all(obj.pos_ == "PRON" for obj in objects) and all(
            self.is_operation(c) or self.any_cyber(c.i, c.i + 1) or c.pos_ == "PRON" for c in clauses
        )

    def accusation_told_before(self, token: Token) -> Token | None:
        """The accusation (verb or noun) nearest before a bare denial, in its sentence or the
        two before it."""
        n = self.sent_index[self.sentence_of(token).start]
        start = self.sents[max(0, n - 2)].start
        for i in range(token.i - 1, start - 1, -1):
            word = self.doc[i]
            cue = self.lex.cues.get(word.lower_)
            if cue is not None and cue.stance == "accuses":
                if "verb" in self.lex.kinds_of(word.lower_) and word.pos_ in ("VERB", "AUX"):
                    return word
                # 'US officials said Iran was behind the cyberattacks. Tehran denied.' (« derrière »)
                if cue.kind == "predicate" and cue.degree == "direct" and word.pos_ in ("ADP", "ADJ", "ADV"):
                    return word
            if word.lower_ in self.lex.accusation_forms and word.pos_ == "NOUN":
                return word
        return None

    def accusation_before(self, pronoun: Token) -> Token | None:
        """The accusation noun a pronoun object stands for, earlier in its sentence."""
        nouns = self.lex.accusation_forms | self.lex.document_nouns
        sent = self.sentence_of(pronoun)
        for i in range(pronoun.i - 1, sent.start - 1, -1):
            if self.doc[i].lower_ in nouns and self.doc[i].pos_ in ("NOUN", "PROPN"):
                return self.doc[i]
        return None

    def clause_accusation(self, token: Token) -> Token | None:
        """The accusation verb of the clause a relative denial comments on ('Berlin accuse Moscou
        du piratage, ce que le Kremlin a démenti'): the nearest accusing verb before it."""
        sent = self.sentence_of(token)
        for i in range(token.i - 1, sent.start - 1, -1):
            if "verb" in self.lex.kinds_of(self.doc[i].lower_):
                return self.doc[i]
        # « a déclaré que le Kremlin était derrière l'attaque, ce que la Russie a démenti »
        for i in range(token.i - 1, sent.start - 1, -1):
            cue = self.lex.cues.get(self.doc[i].lower_)
            if cue is not None and cue.kind == "predicate" and cue.stance == "accuses":
                return self.doc[i]
        return None

    def accusers_of(self, accusation: Token) -> list[Span]:
        """Who made the accusation denied: the owner of an accusation noun ('U.S. claims'), the
        subject of the verb it is the object of ('Germany blamed Russia ..., an accusation Moscow
        has denied'), or the subject of an accusing verb ('Berlin accuse ..., ce que')."""
        nouns = self.lex.accusation_forms | self.lex.document_nouns
        if "verb" in self.lex.kinds_of(accusation.lower_) and accusation.pos_ in ("VERB", "AUX"):
            subject = self.verb_subject(accusation)
            return self.main_actors(subject) if subject is not None else []
        if "predicate" in self.lex.kinds_of(accusation.lower_) and accusation.lower_ not in nouns:
            source = self.source_for(accusation, set())  # who said the predicate ('X said Y was behind it')
            return list(source.actors) if source is not None else []
        if accusation.lower_ not in nouns:
            return []
        owners = self.owner_of(accusation)
        verb = self.restated_verb(accusation)
        if not owners and verb is not None:
            # 'X accused Y of the hack, allegations denied by Y': the noun restates the verb's claim
            if self.is_passive(verb):
                return [a for h in self.agent_heads(verb) for a in self.main_actors(h)]
            subject = self.subject_of(verb)
            return self.main_actors(subject) if subject is not None else []
        if not owners and accusation.dep_ in self.deps["obj"] and accusation.head.pos_ in ("VERB", "AUX"):
            verb = accusation.head
            # (not 'called the charges groundless'; but 'the US made groundless accusations')
            if self.accusing_verb(verb) or verb.lower_ in self.lex.accusation_verbs:
                subject = self.subject_of(verb)
                owners = self.main_actors(subject) if subject is not None else []
        if not owners and any(
            c.lower_ in self.lex.definite_determiners for c in self.children_of(accusation)
        ):
            # 'The Justice Department charged seven hackers. China called the charges groundless':
            # 'the charges' are those of the accusing verb told in the sentences just before
            told = self.accusation_told_before(self.doc[self.sentence_of(accusation).start])
            if told is not None and told.pos_ in ("VERB", "AUX"):
                heads = self.agent_heads(told) if self.is_passive(told) else [self.verb_subject(told)]
                owners = [a for h in heads if h is not None for a in self.main_actors(h)]
        return owners

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

    def restated_verb(self, accusation: Token) -> Token | None:
        """The accusing verb an accusation noun after it restates: 'X accused Y of the hack,
        allegations denied by Y' (the noun hung on the verb, or the verb's clause on the noun)."""
        if accusation.pos_ != "NOUN":
            return None
        # (the parser may hang the noun on the verb's subject: 'APT28 was accused ..., claims rejected')
        verbs = [a for a in (accusation.head, accusation.head.head) if a.i < accusation.i]
        verbs += [c for c in self.children(accusation, "clause") if c.i < accusation.i]
        return next((v for v in verbs if v.pos_ == "VERB" and self.accusing_verb(v)), None)

    def accusing_verb(self, verb: Token) -> bool:
        """Is the verb an accusing verb cue with what it needs ('called out', not 'called the
        charges groundless')?"""
        return any(c.kind == "verb" and c.stance == "accuses" for c in self.cues_for(verb))

    def groups_denied(self, accusation: Token) -> list[Span]:
        """The threat groups a restated accusation named: 'Bureau 121 was accused of the attack,
        accusations rejected by North Korea' denies for the group."""
        verb = self.restated_verb(accusation)
        definite = any(c.lower_ in self.lex.definite_determiners for c in self.children_of(accusation))
        if verb is None and definite:
            # 'FireEye accused APT32 ... Vietnam rejected the accusations': those told just before
            told = self.accusation_told_before(self.doc[self.sentence_of(accusation).start])
            verb = told if told is not None and told.pos_ in ("VERB", "AUX") else None
        if verb is None:
            return []
        heads = self.children(verb, "pass_subj") if self.is_passive(verb) else self.verb_arguments(verb)[2]
        return [a for h in heads for a in self.main_actors(h) if a.label_ == "group"]

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
