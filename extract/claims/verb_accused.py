"""Who a verb cue accuses: its object, the argument of its preposition wherever the parser hung it
('attributed the hack to X', 'blamed the attack on X'), what 'as' or 'through' adds, a small
clause ('hold X to account'), the group of what the accused are blamed for and their sponsor."""

from __future__ import annotations

from spacy.tokens import Token

from extract.claims.cues import Cue
from extract.claims.sources import SourceFinder


class VerbAccused(SourceFinder):
    """The heads of the phrases a verb cue accuses."""

    def phrase_names_perpetrator(self, noun: Token) -> bool:
        """Does a group noun's phrase name an actor that is not a thing hit ('Iranian hackers',
        'hackers linked to the IRGC'; not 'hackers at Sony')?"""
        actors = self.actors_in(self.subtree_of(noun))
        return bool(actors) and not any(self.hit_not_hitter(a) for a in actors)

    def names_an_operation(self, noun: Token) -> bool:
        """An operation, or a word for one whose cyber sense the text gave before ('to the
        compromise of Medibank' in a sanctions text)."""
        return self.is_operation(noun) or noun.lower_ in self.lex.operation_nouns

    def dative_closing_object(self, cue: Cue, token: Token) -> list[Token]:
        """« a imputé le piratage de SolarWinds | à la Russie »: the parser hangs the dative on the
        object's last noun; an actor so hung that closes the object phrase is it. Not one hung on a
        participle (« la campagne liée à la Russie »); a capital after « à » is a place, no actor."""
        return [
            o
            for obj in self.children(token, "obj")
            for t in self.subtree_of(obj)
            if t.pos_ in ("NOUN", "PROPN")
            for o in self.prep_objects(t, cue.subject_preps)
            if o.i in self.actor_at and self.actor_at[o.i].end - 1 == obj.right_edge.i
        ][-1:]

    def accused_heads(self, cue: Cue, token: Token, subject_heads: list[Token]) -> list[Token]:
        """The heads of the accused phrases: the object, the cue's preposition ('attributed to X'),
        'as X', a small clause ('hold X to account') and a sponsor ('accused of being under X')."""
        if cue.object_is_operation or cue.subject_preps:
            # « ..., que le FBI lui avait attribué »: who « lui » is, not the operation's genitive
            datives = self.lex.dative_pronouns
            if any(c.dep_ == "iobj" and c.lower_ in datives for c in self.kids(token)):
                return self.clitic_referents(token)
            subject_heads = self.heads_of_preposition(cue, token, subject_heads)
        subject_heads = self.heads_described_or_used(token, subject_heads)
        subject_heads = self.heads_left_unnamed(token, subject_heads)
        subject_heads = self.heads_with_detached_appositions(token, subject_heads)
        return self.heads_of_reason_and_sponsor(token, subject_heads)

    def clitic_referents(self, token: Token) -> list[Token]:
        """Whom a dative clitic on a dependent clause stands for: the subject of the clause it
        hangs on, when that names an actor (« La Corée du Nord a nié ..., que le FBI lui avait
        attribué »); else nobody we can name."""
        if token.dep_ not in self.deps["clause"] | {"advcl", "acl:relcl", "relcl"} or token.head.i == token.i:
            return []
        return [s for s in self.children(token.head, "subj") if s.i in self.actor_at]

    def heads_with_detached_appositions(self, token: Token, subject_heads: list[Token]) -> list[Token]:
        """« attribué la campagne à APT28, une unité du GRU russe »: the French parser hangs the
        apposition of an accused name on the verb, as another object; a group noun right after
        the name and its comma ('une unité', 'un groupe lié au GRU') describes the accused, and
        the actors its phrase names are accused with it, as in an apposition."""
        found = list(subject_heads)
        for head in subject_heads:
            if head.i not in self.actor_at or head.head.i != token.i:
                continue
            comma = head.right_edge.i + 1
            if comma >= len(self.doc) or self.doc[comma].text != ",":
                continue
            for sibling in self.kids(token):
                if (
                    sibling.left_edge.i == comma + 1
                    and sibling.lower_ in self.lex.group_nouns
                    and sibling.i not in self.actor_at
                    and any(c.dep_ == "det" for c in self.children_of(sibling))
                    and sibling not in found
                ):
                    found.append(sibling)
        return found

    def heads_of_preposition(self, cue: Cue, token: Token, subject_heads: list[Token]) -> list[Token]:
        """The argument of the cue's preposition ('attributed to X', 'blamed the hack on X'), which
        replaces the object as the accused (or, for 'linked X to the attack', leaves X accused)."""
        targets = self.preposition_targets(cue, token)
        if cue.object_is_operation and targets and all(self.names_an_operation(t) for t in targets):
            # 'we have linked Russian citizen X | to the attack', « a relié X à la cyberattaque »:
            # the other way round, the object is who did it
            actors = [h for h in subject_heads if h.i in self.actor_at and not self.is_operation(h)]
            subject_heads = actors or subject_heads
        elif cue.object_is_operation:
            # "attributed to X"; without X, "attributing activity carried out by X"; a threat group
            # attributed to its sponsor is accused with it ('attributed Gamaredon to the FSB')
            groups = [h for h in subject_heads if self.is_group_name(h)]
            subject_heads = targets + groups if targets else subject_heads
        elif targets:  # 'blamed the hack on APT28', 'the hack, which Berlin blamed on APT28': not the hack
            subject_heads = targets + [
                h for h in subject_heads if not self.is_operation(self.resolve_relative(h))
            ]
        return subject_heads

    def is_group_name(self, head: Token) -> bool:
        """Is the phrase a threat group's name ('Gamaredon Group', « le groupe Gamaredon »)?"""
        named = [head] + (
            [c for c in self.kids(head) if not self.case_words(c)]
            if head.lower_ in self.lex.group_nouns
            else []
        )
        return any(t.i in self.actor_at and self.actor_at[t.i].label_ == "group" for t in named)

    def preposition_targets(self, cue: Cue, token: Token) -> list[Token]:
        """The phrases the cue's preposition governs, wherever the parser hung them."""
        targets = list(self.prep_objects_near(token, cue.subject_preps))
        if not targets and cue.requires_child:  # 'pinned the blame for the hack | on North Korea'
            inside = [t for obj in self.children(token, "obj") for t in self.subtree_of(obj)]
            targets += [o for t in inside for o in self.prep_objects(t, cue.subject_preps)]
        if not targets and not cue.object_is_operation and not cue.requires_child:
            targets += self.hung_on_operation(cue, token)
        if not targets and cue.object_is_operation:
            targets += self.operation_datives(cue, token)
        return targets

    def hung_on_operation(self, cue: Cue, token: Token) -> list[Token]:
        """'blamed the cyberattack | on X' with 'on X' hung on the operation noun."""
        # 'blamed the cyberattack | on Russian military intelligence': the parser hangs the
        # phrase on the operation noun; the last actor so hung that is not a thing hit is it
        # ('blamed the cyberattack on the Bundestag | on the GRU': the last one)
        # ('... | on hackers working for the IRGC', '| on Iranian hackers': a group noun
        # whose phrase names an actor)
        hung = [
            o
            for obj in self.children(token, "obj")
            if self.is_operation(obj)
            for t in self.subtree_of(obj)
            for o in self.prep_objects(t, cue.subject_preps)
            if (o.i in self.actor_at and not self.hit_not_hitter(self.actor_at[o.i]))
            or (o.lower_ in self.lex.group_nouns and self.phrase_names_perpetrator(o))
        ]
        return hung[-1:]

    def operation_datives(self, cue: Cue, token: Token) -> list[Token]:
        """'attributed the hack | to X' with 'to X' misparsed: hung on the victim's noun, read as an
        infinitive, or closing the object phrase."""
        targets: list[Token] = []
        # « a attribué la cyberattaque contre le ministère | au groupe APT33 »: the parser hangs
        # the dative on the victim's noun; an actor or a group noun after the object is it
        objects = self.children(token, "obj")
        after = max((o.right_edge.i for o in objects), default=len(self.doc))
        inside = [t for c in self.kids(token) if c.i > token.i for t in self.subtree_of(c)]
        datives = [
            o
            for t in inside
            for o in self.prep_objects(t, cue.subject_preps)
            if o.i > after and (o.i in self.actor_at or o.lower_ in self.lex.group_nouns)
        ]
        # the last one: « contre le site consacré à la Chine | au groupe APT33 »
        targets += [max(datives, key=lambda o: o.i)] if datives else []
        if not targets:
            # 'attributed the hacking campaign | to APT40' tagged as an infinitive ('to' + a
            # verb 'APT40'): an actor right after the cue's preposition, hung on the verb
            targets += [
                c
                for c in self.kids(token)
                if c.i > token.i and c.i in self.actor_at and self.doc[c.i - 1].lower_ in cue.subject_preps
            ]
        if not targets:
            targets += self.dative_closing_object(cue, token)
        return targets

    def heads_described_or_used(self, token: Token, subject_heads: list[Token]) -> list[Token]:
        """The accused that 'as' describes ('identify X as part of LockBit') and the instruments
        of the accused ('through APT28')."""
        # 'identify X as part of LockBit's leadership': what 'as' says of a person named describes him
        if not any(self.actor_at[h.i].label_ == "person" for h in subject_heads if h.i in self.actor_at):
            subject_heads = subject_heads + self.prep_objects(token, self.lex.preps("as"))
        # 'accused Russia of hacking the system through APT28': the instrument is accused too
        for clause in (
            [token] + self.children(token, "clause") + self.prep_objects(token, self.lex.preps("complement"))
        ):
            subject_heads += [  # (an attacker, not 'through coordinated actions with the US government')
                o
                for o in self.prep_objects(clause, self.lex.preps("instrument"))
                if o.i > token.i and (o.i in self.actor_at or o.lower_ in self.lex.group_nouns)
            ]
        # "condemned the attack targeting X as a Russian operation" (the parser may hang "as" lower)
        for head in list(subject_heads):
            for inner in self.subtree_of(head):
                if inner.i != head.i and inner.dep_ == "acl":
                    subject_heads += [
                        o for o in self.prep_objects(inner, self.lex.preps("as")) if o not in subject_heads
                    ]
        return subject_heads

    def heads_left_unnamed(self, token: Token, subject_heads: list[Token]) -> list[Token]:
        """When the accused phrases name no actor: the agent of a 'use', an oblique object, a small
        clause's subject ('hold Russia to account')."""
        named_any = any(t.i in self.actor_at for h in subject_heads for t in self.subtree_of(h))
        if not named_any and any(h.lower_ in self.lex.work_nouns for h in subject_heads):
            # « dénonce l'emploi | par la Russie du mode opératoire APT28 »: the parser hangs the
            # use's agent on the verb
            subject_heads += [
                o
                for o in self.prep_objects(token, self.lex.preps("agent"))
                if o.i > token.i and o.i in self.actor_at
            ]
        if not named_any and self.lex.dependency_scheme == "ud":
            # "accuse depuis longtemps les États-Unis": the object parsed as an oblique (or as a
            # small clause: « a désigné la Corée du Nord(xcomp) comme responsable »)
            subject_heads += [
                c
                for c in self.children_of(token)
                if c.dep_.startswith(("obl", "nmod", "xcomp"))
                and c.i > token.i
                and self.together(c, token)
                and c.i in self.actor_at
                and not self.case_words(c)
            ]
        if not subject_heads:  # "hold Russia to account": a small clause
            for clause in self.children_of(token):
                if clause.dep_ in ("ccomp", "xcomp", "oprd") and self.together(clause, token):
                    subject_heads += self.children(clause, "subj")
        return subject_heads

    def heads_of_reason_and_sponsor(self, token: Token, subject_heads: list[Token]) -> list[Token]:
        """The group of what the accused are blamed for ('for their role in APT31'), whom they work
        for ('nationals working for the IRGC', 'officials in the IRGC-CEC') and a sponsor ('under
        the influence of the Russian authorities')."""
        # 'indicted seven nationals for their role in a hacking group known as APT31': the group
        for reason in self.prep_objects(token, self.lex.preps("reason")):
            if reason.i < token.i:
                continue
            for part in [reason] + self.continued_by(token, reason):  # « pour leur rôle | au sein du groupe »
                named = self.subject_phrase(part, {token.i})[0]
                # (a threat group or a service known for its operations: 'for the hack of the OPM'
                # names a victim)
                # (those actors only, not the rest of the phrase: « pour l'interdiction des armes
                # chimiques | au GRU », the dative misparsed inside a victim's name)
                subject_heads += [a.root for a in named if a.label_ == "group" or a.kb_id_ in self.offensive]
        # 'charged two Iranian nationals working for the IRGC': whom the accused work for
        for head in list(subject_heads):
            subject_heads += self.sponsors_named_by_clause(head)
            if head.lower_ in self.lex.member_nouns:  # 'sanctioned six officials | in the IRGC-CEC'
                after = head.right_edge.i + 1
                subject_heads += [
                    o
                    for o in self.prep_objects(token, self.lex.preps("membership"))
                    if after in (o.head.i, o.left_edge.i) and o.i in self.actor_at
                ]
        # "accusent ce groupe d'être sous l'influence des autorités russes": the sponsor too
        complements = self.prep_objects(token, self.lex.preps("complement")) + self.children(token, "clause")
        for complement in complements:
            if complement.i > token.i and self.lex.sponsored_markers.intersection(
                t.lower_ for t in self.subtree_of(complement)
            ):
                # (not a clause with a subject of its own: '..., while Ukrainian government sources
                # linked it to Sandworm' says who else linked it)
                if complement.dep_ not in ("conj",) and not self.own_subjects(complement):
                    subject_heads.append(complement)
        return subject_heads

    def victim_apposition(self, head: Token) -> bool:
        """« la cyberattaque de l'Iran contre notre allié de l'OTAN, l'Albanie », parsed with
        'l'Albanie' as a second object: the name of the victim just described, after a comma."""
        comma = head.left_edge.i - 1
        if comma < 1 or self.doc[comma].text != ",":
            return False
        before = self.doc[comma - 1]
        for phrase in [before, *before.ancestors][:4]:
            if self.marks_victim(phrase):
                return True
        return False

    def sponsors_named_by_clause(self, noun: Token) -> list[Token]:
        """'nationals working for the IRGC', 'officers acting on behalf of the GRU': the sponsor a
        clause on an accused noun names (through a sponsorship predicate's own prepositions)."""
        found = []
        for clause in self.kids(noun):
            if clause.dep_ not in self.deps["noun_mod"]:
                continue
            clauses = [clause]
            if "verb" in self.lex.kinds_of(clause.lower_):
                # 'hackers accused of working for the MSS', « soupçonnés d'avoir travaillé pour le
                # MSS »: the sponsorship said in what they are accused of
                clauses += [
                    t
                    for t in self.subtree_of(clause)
                    if t.i > clause.i and t.pos_ == "VERB" and t.i - clause.i <= 4
                ]
            for part in clauses:
                preps = self.lex.sponsor_preps.get(part.lower_, ())
                sponsors = [o for o in self.prep_objects(part, preps) if o.i in self.actor_at]
                if part is not clause:  # (accused of working for a state body, not 'for Microsoft')
                    kinds = ("state", "agency", "group")
                    sponsors = [o for o in sponsors if self.actor_at[o.i].label_ in kinds]
                found += sponsors
        return found

    def continued_by(self, verb: Token, phrase: Token) -> list[Token]:
        """The phrases on ``verb`` that continue ``phrase`` word for word, where the parser cut one
        phrase in several: « pour leur rôle | au sein du groupe APT31 »."""
        found, end = [], phrase.right_edge.i
        for child in sorted(self.kids(verb), key=lambda c: c.i):
            if child.left_edge.i == end + 1 and child.dep_ in self.deps["clause"]:
                found.append(child)
                end = child.right_edge.i
        return found
