"""What a denial denies and whom it answers: the accusation it rejects ('rejected U.S.
accusations', « ce que le Kremlin a démenti »), one told in the sentences before, the owners of
that accusation, and the threat groups it names."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actor_ruler import CANDIDATES_KEY
from extract.claims.organ_deniers import OrganDeniers

MISREAD_REACH = 4  # words after a misread denial verb where what it denies is looked for


class DeniedAccusations(OrganDeniers):
    """The accusation a denial rejects, and who made it."""

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
            if self.named_words(obj) & (self.lex.deny_objects | self.lex.smear_nouns):
                return obj
            if obj.lower_ in self.lex.document_nouns and self.carries_accusation(obj):
                return obj  # 'rejected the US statement attributing the campaign to Russia'
            if self.denied_operation(obj):
                return obj
        return None

    def named_words(self, obj: Token) -> set[str]:
        """The words that say what a denied object is: its own and the next few of its phrase, and
        what a clause on it calls it (« ce qu'il a qualifié de calomnies »)."""
        words = {t.lower_ for t in self.subtree_of(obj) if t.i - obj.i < 4}
        return words | {c.lower_ for r in self.relative_clauses(obj) for c in self.kids(r)}

    def only_smears(self, accusation: Token) -> bool:
        """Is what is denied named only as smears or lies ('these smears'), not as an accusation?"""
        words = self.named_words(accusation)
        return bool(words & self.lex.smear_nouns) and not words & self.lex.deny_objects

    def rejects_accusation(self, verb: Token, heads: list[Token]) -> bool:
        """Is what a verb of condemning takes an accusation, which it rejects: 'denounced these
        accusations', « dénonce ces calomnies », « a dénoncé ce qu'il a qualifié de calomnies »,
        'denounced what it called smears' (a clause whose object stands before its verb)?"""
        nouns = self.lex.accusation_forms | self.lex.document_nouns | self.lex.smear_nouns
        for head in heads:
            if head.dep_ not in self.deps["obj"]:
                continue
            named = [head, *(c for r in self.relative_clauses(head) for c in self.kids(r))]
            # ('denounced a smear campaign', « une campagne de calomnies »: the campaign's kind)
            named += [c for c in self.kids(head) if c.dep_ == "compound" and c.i < head.i]
            named += self.prep_objects(head, self.lex.preps("genitive"))
            if any(w.lower_ in nouns for w in named):
                return True
        clauses = [c for c in self.kids(verb) if c.dep_ == "ccomp" and c.i > verb.i]
        fronted = [c for c in clauses if any(o.i < c.i for o in self.children(c, "obj"))]
        return any(w.lower_ in nouns for c in fronted for w in self.kids(c))

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
        # (a verb by its tag or by its auxiliary: « qu'il ait piraté », 'piraté' tagged a determiner)
        verbal = obj.pos_ in ("VERB", "AUX") or any(c.dep_.startswith("aux") for c in self.kids(obj))
        if not verbal or self.children(obj, "pass_subj"):
            return False
        subjects = self.children(obj, "subj")
        if subjects and not self.denier_pronoun(subjects[0]):
            return False
        if obj.lower_ in self.lex.attack_forms:
            return not self.is_passive(obj)  # ('denied being hacked': a victim's word)
        # « nié avoir piraté ces réseaux », parsed 'avoir'(xcomp) -> 'piraté'(obj, tagged anything)
        verbs = self.children(obj, "obj")
        if any(v.lower_ in self.lex.attack_forms and not self.is_passive(v) for v in verbs):
            return True
        # ('denied that it conducts cyberattacks': the denier's own act, an operation)
        return bool(subjects) and any(self.is_operation(o) for o in verbs)

    def denier_pronoun(self, subject: Token) -> bool:
        """'denied that it hacked', « a nié qu'il ait piraté »: the clause's subject is a pronoun
        for the denier (not 'denied that the hack exposed data', nor 'that you hacked')."""
        return subject.pos_ == "PRON" and subject.lower_ in self.lex.group_pronouns | self.lex.self_pronouns

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
