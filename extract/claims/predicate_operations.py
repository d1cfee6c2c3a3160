"""Is a predicate about a cyber operation: 'responsible for the hack', not 'responsible for cyber
security'; 'launched the attack', not 'launched a strategic review'."""

from __future__ import annotations

from spacy.tokens import Token

from extract.claims.cues import Cue
from extract.claims.sources import SourceFinder

# the words of a name or a description that say what a noun is: 'the WannaCry attack', 'malware Industroyer'
NAME_PARTS = frozenset({"conj", "compound", "amod", "appos", "flat", "flat:name", "nmod", "nummod"})


class PredicateOperations(SourceFinder):
    """Whether what a predicate is about names an operation."""

    def predicate_object_ok(self, token: Token, cue: Cue) -> bool:
        """'responsible for cyber security' is no accusation: the object must be an operation, if any."""
        # "responsible for X", "behind X", "involved in X"; a verb's direct object is its victim
        if cue.degree == "sponsored" and token.pos_ == "VERB" and not self.is_passive(token):
            # 'la Russie soutient le programme cyber de X', not « la France soutient les efforts de
            # l'Ukraine pour enquêter »: an active verb of support backs an operation or a group
            objects = self.children(token, "obj")
            if objects and not any(self.names_operation(o) or self.names_group(o) for o in objects):
                return False
        if cue.cyber_object and not any(
            self.is_cyber(t) or self.is_operation(t)
            for o in self.prep_objects_near(token, cue.requires_child)
            for t in self.subtree_of(o)
        ):
            return False  # 'broke into new markets', « introduit dans le code pénal »: into no network
        if cue.object_is_operation and not any(
            self.operation_or_its_work(o) for o in self.prep_objects_near(token, cue.requires_child)
        ):
            return False  # 'collaborated on the cyber defence', 'cooperated in the investigation of the hack'
        active = token.pos_ in ("VERB", "AUX") and not self.is_passive(token)
        if cue.degree == "territory" and active and self.children(token, "obj"):
            return False  # « a établi des liens entre ... »: establishes something, is not based somewhere
        if active and token.lower_ in self.lex.conduct_verbs:
            # 'President Biden launched a strategic review' conducts no operation: the object must
            # name one ('launched the attack', « a mené cette campagne d'espionnage »)
            objects = self.children(token, "obj")
            if objects and not any(self.names_conducted(o) for o in objects):
                return False
        if token.pos_ == "NOUN" and cue.target_preps and not self.prep_objects_near(token, cue.target_preps):
            return False  # 'played a central part | in the recovery': no 'part of' anything
        if token.pos_ == "NOUN" and self.fronted_phrase(token):
            return False  # 'To the first part of the question, Taiwan is ...': no predicate of Taiwan
        if cue.degree == "sponsored" or cue.target_preps or cue.verbal or self.is_cyber(token):
            return True  # (a verb's 'in April', 'for years' are adjuncts, not what it is about)
        # « l'implication du GRU | dans ces attaques »: the owner is not what it is about
        owner = self.noun_owner(token, cue) if token.pos_ == "NOUN" else None
        # (and the prepositions the cue requires: « un rôle | dans la réponse à la cyberattaque »)
        preps = (*self.lex.preps("operation_object"), *cue.requires_child)
        objects = self.prep_objects_near(token, preps, ignore=owner)
        if token.pos_ == "NOUN" and not objects:  # 'the role that Japan played | in the investigation'
            verbs = self.relative_clauses(token)
            objects = [o for verb in verbs for o in self.prep_objects(verb, cue.requires_child)]
        return not objects or any(
            o.lower_ not in self.lex.defensive_words  # « dans l'enquête sur la cyberattaque »
            and (self.names_operation(o) or self.operation_told_before(o, token))
            for o in objects
        )

    def operation_told_before(self, noun: Token, cue: Token) -> bool:
        """« responsable de cette exploitation », 'behind this campaign': a definite operation noun
        that needs a cyber word, right after sentences that give it one; or a pronoun for it ('said
        Tehran had no role in it')."""
        pronoun = noun.pos_ == "PRON" and noun.lower_ not in self.lex.relative_pronouns
        return (pronoun or self.definite_operation(noun)) and self.cyber_context(cue, window=2)

    def names_conducted(self, noun: Token) -> bool:
        """An object that is an operation: 'the attack', 'a phishing campaign', « cette campagne
        d'espionnage »; not 'a review | after the cyberattack' (only a genitive qualifies it)."""
        genitive = self.lex.preps("genitive")
        parts = [
            c
            for c in self.kids(noun)
            if c.dep_ in NAME_PARTS and (c.dep_ != "nmod" or any(w in genitive for w in self.case_words(c)))
        ]
        if noun.lower_ in self.lex.work_nouns:  # 'launched a number of spyware attacks'
            parts += self.prep_objects(noun, genitive)
        if noun.lower_ in self.lex.attempt_nouns:  # 'conducted a broad effort to hack ...'
            verbs = [c for c in self.kids(noun) if c.pos_ == "VERB" and c.i > noun.i]
            # (and what that verb is after: 'an effort to look for vulnerable systems')
            parts += [t for v in verbs for t in self.subtree_of(v)]
        incident_words = self.lex.incident_words
        return any(
            self.is_operation(w) or self.is_cyber(w) or w.lower_ in incident_words or self.is_incident_name(w)
            for w in [noun, *parts]
        )

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

    def fronted_phrase(self, noun: Token) -> bool:
        """Is the noun in a phrase set before its clause's subject ('To the first part of your
        question, Taiwan is ...', « Sur la première partie de la question, Taïwan est ... »)? Not
        one that says what the subject is ('As part of the GRU, the unit ...', « En tant que »)."""
        english = noun.dep_ == "pobj"
        top = noun.head if english else noun  # (English: the preposition heads the phrase)
        preps = {top.lower_} if english else set(self.case_words(noun))
        if not preps or preps & (self.lex.preps("as") | self.lex.preps("capacity")):
            return False
        subjects = self.own_subjects(top.head)
        return top.head.i != top.i and bool(subjects) and top.right_edge.i < subjects[0].left_edge.i

    def operation_or_its_work(self, noun: Token) -> bool:
        """'the cyber attacks', 'the development of the computer worm Stuxnet', « au développement du
        ver »: an operation, or the work on one (not its investigation, nor a defence)."""
        if any(c.lower_ in self.lex.defensive_words for c in self.kids(noun)):
            return False
        if self.is_operation(noun):
            return True
        made = (
            self.prep_objects(noun, self.lex.preps("genitive")) if noun.lower_ in self.lex.work_nouns else []
        )
        return any(self.names_operation(m) for m in made)
