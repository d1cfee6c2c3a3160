"""How a claim is qualified: is it about a cyber operation, is it hedged or negated, and how
strongly does it tie the subject to the operation (``degree``)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from extract.claims.cues import Cue
from extract.claims.layout import between
from extract.claims.view import DocView

HEDGE_SKIP_POS = frozenset({"PROPN", "NUM", "NOUN"})
# the links from a clause to the verb it completes ("say that ...", "ne pas pouvoir conclure que")
COMPLEMENT_LINKS = frozenset({"ccomp", "xcomp", "acomp", "attr", "oprd"})


class ClaimContext(DocView):
    """Cyber context, hedging, negation and degree of a cue."""

    def cyber_context(self, cue: Token, window: int = 0) -> bool:
        """Is the cue's sentence (or its quote) about cyber operations: a cyber word, a known
        operation or malware name ('responsable de BlackEnergy'); with a window, in the sentences
        just before too."""
        sent = self.sentence_of(cue)
        if self.cyber_sentence(sent):
            return True
        for q_start, q_end in self.quotes:
            if q_start <= cue.idx < q_end:
                span = self.doc.char_span(q_start, q_end, alignment_mode="expand")
                if span is not None and self.any_cyber(span.start, span.end):
                    return True
        if window:  # a denial answers what came just before, possibly in the previous paragraph
            n = self.sent_index[sent.start]
            # ('charged six GRU officers over the NotPetya attack. Moscow rejected the charges.')
            return any(self.cyber_sentence(previous) for previous in self.sents[max(0, n - window) : n])
        return False

    def cyber_sentence(self, sent: Span) -> bool:
        """A cyber word or a known operation or malware name in the sentence."""
        return self.any_cyber(sent.start, sent.end) or self.lex.names_an_incident(
            self.text[sent.start_char : sent.end_char]
        )

    def operation_in_cyber_story(self, cue: Token, window: int = 3) -> bool:
        """'blamed X for the 2004 attacks' right after sentences about hacking: the attacks are cyber."""
        sent = self.sentence_of(cue)
        # the operation noun must be in the cue's own phrase ('blamed X for the attacks'), not in
        # a clause coordinated with it ('criticized Israel and justified the attacks')
        top = cue if cue.dep_ not in self.deps["subj"] else cue.head
        other = {t.i for c in self.kids(top) if c.dep_ == "conj" for t in self.subtree_of(c)}
        words = [t for t in self.subtree_of(top) if t.i not in other]
        if cue.dep_ == "case":  # « derrière | cette opération »: the preposition hangs on its noun
            words += [t for t in self.subtree_of(cue.head) if t.i not in other]
        if top.dep_ in self.deps["noun_mod"] and past_participle(top):
            words.append(top.head)  # 'ce mode opératoire, attribué au GRU': what is attributed
        if top.dep_ in self.deps["obj"] and top.head.lower_ in self.lex.copula_forms:
            # 'these activities are | the work of X': what the copula says it of
            subjects = [s for s in self.kids(top.head) if s.dep_ in self.deps["subj"]]
            words += [t for s in subjects for t in self.subtree_of(s)]
        if not any(
            self.is_operation(t)
            or t.lower_ in self.lex.incident_words | self.lex.group_nouns
            or self.definite_operation(t)  # 'behind this campaign' after sentences on a hacking one
            or self.operation_pronoun(cue, t)  # 'attributed it to Russia' after them
            for t in words
        ):
            return False  # ('responsable de cet incident', 'ce groupe' after sentences about the hack count)
        n = self.sent_index[sent.start]
        return any(self.any_cyber(prev.start, prev.end) for prev in self.sents[max(0, n - window) : n])

    def bare_blame_after_cyber(self, cue: Token, window: int = 2) -> bool:
        """'A wave of cyberattacks hit Estonian banks. Estonian officials blamed the Kremlin.': a
        verb of blame with its object alone (no 'for ...' / 'of ...', no clause) right after
        sentences about a cyber operation blames for that operation."""
        if cue.pos_ != "VERB" or "verb" not in self.lex.kinds_of(cue.lower_):
            return False
        objects = self.children(cue, "obj")
        # 'pointed the finger at Beijing', « a pointé du doigt Pékin »: the cue's own word and the
        # actor after its preposition
        required = {w for c in self.cues_for(cue) if c.kind == "verb" for w in c.requires_child}
        objects = [o for o in objects if o.lower_ not in required]
        if required:
            # (the preposition may hang on the verb or on the cue's word: 'the finger | at Beijing')
            holders = [cue] + [c for c in self.kids(cue) if c.lower_ in required]
            preps = [p for h in holders for p in self.kids(h) if p.i > cue.i and p.dep_ == "prep"]
            named = [o for p in preps for o in self.children_of(p) if o.i in self.actor_at]
            # (UD hangs the actor itself on the word: « du doigt | Pékin »)
            named += [o for h in holders[1:] for o in self.kids(h) if o.i > h.i and o.i in self.actor_at]
            if named:
                objects += named
                required |= {p.lower_ for p in preps}
        others = [
            c
            for c in self.kids(cue)
            if c.i > cue.i and c not in objects and not c.is_punct and c.lower_ not in required
        ]
        if not objects or others or any(o.i not in self.actor_at for o in objects):
            return False
        sent = self.sentence_of(cue)
        n = self.sent_index[sent.start]
        return any(self.any_cyber(prev.start, prev.end) for prev in self.sents[max(0, n - window) : n])

    def bare_predicate_after_cyber(self, cue: Token, window: int = 2) -> bool:
        """'Hackers stole data from dozens of companies. The foreign secretary said the GRU was almost
        certainly responsible.', « ... le GRU était responsable »: a predicate of blame with nothing
        after it (or only a pronoun: 'behind it') right after sentences about a cyber operation is
        about that operation."""
        if "predicate" not in self.lex.kinds_of(cue.lower_) or cue.lower_ in self.lex.cyber_words:
            return False
        after = [t for c in self.kids(cue) if c.i > cue.i and not c.is_punct for t in self.subtree_of(c)]
        if cue.dep_ == "case":  # « derrière ces attaques »: the preposition hangs on its noun
            after.append(cue.head)
        if any(t.pos_ in ("NOUN", "PROPN") for t in after):
            return False  # 'responsible for the murder', 'behind the protests'
        if any("deny" in self.lex.kinds_of(a.lower_) for a in list(cue.ancestors)[:3]):
            return False  # « Téhéran a démenti en être à l'origine »: a denial reads it
        sent = self.sentence_of(cue)
        n = self.sent_index[sent.start]
        return any(self.any_cyber(prev.start, prev.end) for prev in self.sents[max(0, n - window) : n])

    def operation_pronoun(self, cue: Token, word: Token) -> bool:
        """'Britain attributed it to Russia', « l'a attribué à la Russie »: a pronoun object of
        the cue's verb, which points back to what was told before."""
        return (
            word.head.i == cue.i
            and word.pos_ == "PRON"
            and word.dep_ in self.deps["obj"]
            and word.lower_ in self.lex.group_pronouns
        )

    def definite_operation(self, noun: Token) -> bool:
        """'this campaign', « cette exploitation »: an operation noun that needs a cyber word,
        pointing back to one told before."""
        return noun.lower_ in self.lex.qualified_operation_nouns and any(
            c.lower_ in self.lex.definite_determiners for c in self.children_of(noun)
        )

    def hedged(self, cue: Token) -> bool:
        # a hedge is an adverb, adjective or verb ("likely", "alleged", "may"), not the month "May"
        sent = self.sentence_of(cue)
        return any(
            self.doc[i].pos_ not in HEDGE_SKIP_POS
            for i in between(self.where("hedges"), sent.start, sent.end)
        )

    def negated(self, token: Token) -> bool:
        """A negation on the cue, or on the verb it completes ('Russia was not behind it')."""
        heads = [token]
        if token.dep_ == "case":  # « la Russie n'était pas derrière ces attaques »: on the noun it opens
            heads.append(token.head)
            if token.head.dep_.startswith("obl") and self.together(token.head.head, token):
                heads.append(token.head.head)  # (or on the copula that noun hangs from: « n'était pas »)
        if token.dep_ in ("acomp", "attr", "oprd", "prep", "xcomp", "obj", "dobj") and self.together(
            token.head, token
        ):
            heads.append(token.head)
        # 'accepted no responsibility', 'n'a reconnu aucune responsabilité': on the object
        heads += [o for o in self.children(token, "obj") if o.lower_ in self.lex.deny_objects]
        # « disent ne pas pouvoir conclure que le gouvernement est impliqué »: a negated verb on the
        # way up to (and including) the reporting verb
        # (from the verb a 'behind' completes: 'did not believe Russia was | behind the attack')
        child = token.head if token.dep_ == "prep" and token.head in heads else token
        for _ in range(4):  # (up the complement clauses only: not into a coordinated one)
            ancestor = child.head
            if (
                child.dep_ not in COMPLEMENT_LINKS
                or ancestor.i == child.i
                or not self.together(ancestor, token)
            ):
                break
            heads.append(ancestor)
            child = ancestor
        # 'had not found any evidence that X was involved', « n'avoir trouvé aucune preuve que X
        # soit impliquée »: the clause completes a noun of evidence that is denied or absent
        evidence = child.head if child.dep_ in ("acl", "ccomp") else None
        if evidence is None or evidence.lower_ not in self.lex.evidence_nouns:
            # 'no evidence of Russian involvement', « aucune preuve d'une implication russe »
            evidence = self.enclosing_noun(token)[1]
        if (
            evidence is not None
            and evidence.lower_ in self.lex.evidence_nouns
            and self.together(evidence, token)
        ):
            heads += [evidence, evidence.head]
        # (« n'a trouvé aucune preuve | que X ait commandité »: the clause hung on the verb, not the noun)
        evidence_nouns = self.lex.evidence_nouns
        heads += [o for h in heads[1:] for o in self.children(h, "obj") if o.lower_ in evidence_nouns]
        negators = self.lex.subject_negations  # (« Ni » may hang on the verb itself)
        if any(c.lower_ in negators for s in [token, *self.own_subjects(token)] for c in self.kids(s)):
            return True  # 'neither CISA nor the U.S. Government attributed', « ni la CISA ni ... n'ont »
        # ('nothing suggests that Iran ordered', « rien n'indique que l'Iran ait commandité »: a
        # negative pronoun as the subject of a verb over the cue)
        nobody, showing = self.lex.negative_subjects, self.lex.evidence_verbs
        if any(s.lower_ in nobody for h in heads[1:] if h.lower_ in showing for s in self.own_subjects(h)):
            return True  # (not 'nobody doubts that Russia conducted', « personne ne doute que »)
        return any(c.dep_ == "neg" or c.lower_ in self.lex.negations for h in heads for c in self.kids(h))

    def degree_for(self, cue: Cue, cue_token: Token, subject: Span, phrase: Iterable[Token]) -> str:
        words = {t.lower_ for t in phrase} | {cue_token.lower_}
        words |= {c.lower_ for c in self.children_of(cue_token)}
        words |= {g.lower_ for c in self.children_of(cue_token) for g in self.children_of(c)}
        token = subject.root
        for _ in range(6):
            words.add(token.lower_)
            if token.i == cue_token.i or token.head.i == token.i:
                break
            token = token.head
        for part in list(words):
            words.update(part.split("-"))
        if words & self.lex.territory_markers and subject.label_ == "state":
            return "territory"
        if words & self.lex.sponsored_markers:
            return "sponsored"
        if cue.degree != "unspecified":
            return cue.degree
        if words & self.lex.direct_markers:
            return "direct"
        return "unspecified"


def past_participle(token: Token) -> bool:
    """'attributed', « attribué »: a past participle (English tag or French morphology)."""
    return token.tag_ == "VBN" or {"VerbForm=Part", "Tense=Past"} <= set(str(token.morph).split("|"))
