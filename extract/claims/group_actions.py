"""A threat group doing something, in what a source says: 'the authoring agencies assess that
Volt Typhoon actors are pre-positioning themselves on IT networks', 'ASD's ACSC assesses that
APT40 regularly conducts reconnaissance', « Selon l'ANSSI, APT31 cible des routeurs ».

Whatever the verb, a source telling what a threat group does tells that the group acts: the
group is accused by that source. The verb need not be a cue word, so the guards are the
construction's: an active verb (a passive subject is acted upon), not a verb of saying or a
copula (a group describes itself, or is described), not negated (the negation is read elsewhere),
a source that the text names (a plain narrative with no source is no claim), and an object:
the group acts on something ('has been operating since the 1990s' tells no act)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from spacy.tokens import Span, Token

from extract.claims.confidence import INDIRECT
from extract.claims.cues import Cue
from extract.claims.found import Found
from extract.claims.sources import SourceFinder

# how the parser may hang the group of a relative clause: its subject, an inverted subject read as
# an object (« qu'exploite le groupe »), a name compounded with a verb read as a noun
RELATIVE_ACTOR_DEPS = frozenset({"nsubj", "obj", "dobj", "compound"})


class GroupActionReading(SourceFinder):
    @cached_property
    def group_verbs(self) -> frozenset[int]:
        """The verbs whose grammatical subject is a threat group's mention."""
        found = set()
        # (the subject's phrase holds a group: 'Volt Typhoon actors', 'actors, known as X': climb
        # from each group mention to the subjects above it, not over every token of the text)
        for span in {span for span in self.actor_at.values() if span.label_ == "group"}:
            for token in [span.root, *span.root.ancestors][:8]:
                if token.dep_ in self.deps["subj"] and token.head.pos_ == "VERB":
                    found.add(token.head.i)
            clause = span.root.head if span.root.dep_ in RELATIVE_ACTOR_DEPS else span.root.head.head
            if self.relative_groups(clause):
                found.add(clause.i)
        # ('the GRU's 85th GTsSS developed the malware': an offensive service, acting on a cyber thing)
        for span in {span for span in self.actor_at.values() if self.offensive_service(span)}:
            for token in [span.root, *span.root.ancestors][:8]:
                if token.dep_ in self.deps["subj"] and token.head.pos_ == "VERB":
                    found.add(token.head.i)
        # ('Russian government hackers installed', « des pirates du gouvernement russe ont installé »)
        for i in self.where("attacker_nouns"):
            noun = self.doc[i]
            if noun.dep_ in self.deps["subj"] and noun.head.pos_ == "VERB" and self.state_attackers(noun):
                found.add(noun.head.i)
        return frozenset(found)

    def relative_groups(self, clause: Token) -> list[Span]:
        """'the vulnerabilities that APT28 exploits', « les failles qu'exploite le groupe APT28 »:
        the threat group of a relative clause whose pronoun is its object, however the parser hung
        the group (as the inverted subject's object in French, as a compound of a verb read as a
        noun in English). Its antecedent is what the group acts on."""
        if clause.dep_ not in self.deps["noun_mod"] or clause.head.pos_ not in ("NOUN", "PROPN"):
            return []
        kids = self.kids(clause)
        pronouns = [c for c in kids if c.lower_ in self.lex.relative_pronouns and c.i < clause.i]
        # ('routers that GRU Unit 26165 used': a 'that' read as a mark before the clause's own
        # subject is its object too)
        subject_after = any(c.dep_ in self.deps["subj"] and c.i < clause.i for c in kids)
        objects = [p for p in pronouns if p.dep_ in self.deps["obj"] or (p.dep_ == "mark" and subject_after)]
        if self.negated(clause) or len(pronouns) > 1 or len(objects) < len(pronouns):
            return []  # ('the malware which targets', 'qui cible': the antecedent acts)
        # (with no pronoun, 'the vulnerabilities APT28 exploits': the group before the verb)
        heads = [
            c
            for c in kids
            if c.dep_ in RELATIVE_ACTOR_DEPS and c not in pronouns and (pronouns or c.i < clause.i)
        ]
        return [a for h in heads for a in self.subject_phrase(h, {clause.i})[0] if a.label_ == "group"]

    def read_group_action(self, cue: Cue, token: Token) -> Iterator[Found]:
        """The threat groups that are the subject of an active verb, accused by the sentence's source."""
        if (
            token.lower_ in self.lex.speech_verbs
            or token.lower_ in self.lex.copula_forms
            or self.is_passive(token)
            or self.obliged(token)
        ):
            return
        relative = self.relative_groups(token)  # (its object is its antecedent)
        if not relative and not self.children(token, "struck"):  # (« effectue des repérages »: obl:arg)
            return  # 'the group has probably been operating since the 1990s' tells no act on anything
        groups = relative or self.acting_groups(token)
        if not groups or not self.cyber_context(token, window=3):
            return
        phrase = {t.i for s in self.own_subjects(token) for t in self.subtree_of(s)}
        source = self.source_for(token, phrase)
        if source is None:
            return
        for group in groups:
            if group in source.actors:
                continue
            for claimant in source.actors:
                yield Found(
                    claimant, cue.stance, group, token, cue.degree, source.confidence - INDIRECT, cyber=True
                )

    def acting_groups(self, verb: Token) -> list[Span]:
        """The threat groups the verb's subjects name ('APT40 and APT41 target ...'), and the state
        or agency of an attacker noun ('Russian government hackers installed ...')."""
        found = []
        for subject in self.own_subjects(verb):
            actors = self.subject_phrase(subject, {verb.i})[0]
            groups = [a for a in actors if a.label_ == "group"]
            if not groups and subject.lower_ in self.lex.attacker_nouns:
                groups = self.state_attackers(subject)
            if not groups and self.acts_on_cyber(verb):
                groups = [a for a in actors if self.offensive_service(a)]
            found += groups
        return found

    def offensive_service(self, actor: Span) -> bool:
        """An agency known for offensive cyber operations (the GRU, the MSS, the NSA...)."""
        return actor.label_ == "agency" and actor.kb_id_ in self.offensive

    def acts_on_cyber(self, verb: Token) -> bool:
        """Does the verb act on a cyber thing ('developed the Drovorub malware', 'compromised the
        networks of', « a piraté les serveurs »)? An agency that only publishes, helps or assists
        is no attacker."""
        if self.is_cyber(verb):
            return True
        struck = self.children(verb, "struck")
        return any(self.is_cyber(t) or self.is_operation(t) for o in struck for t in self.acted_on(o))

    def acted_on(self, top: Token) -> Iterator[Token]:
        """The words of an object's phrase, short of what a defensive word governs ('a role in the
        response | to the cyberattack', « la réponse | à la cyberattaque »)."""
        stack = [top]
        while stack:
            token = stack.pop()
            if token.lower_ not in self.lex.defensive_words:
                yield token
                stack.extend(self.children_of(token))

    def state_attackers(self, noun: Token) -> list[Span]:
        """The states and agencies named in an attacker noun's own phrase: 'Chinese government
        actors', « des pirates du gouvernement russe » (not a company's: 'Microsoft's attackers')."""
        return [a for a in self.subject_phrase(noun, set())[0] if a.label_ in ("state", "agency")]
