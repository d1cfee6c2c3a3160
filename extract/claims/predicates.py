"""Predicate cues ('X is responsible for', 'carried out by X', 'X, linked to Y'): statements about
the accused whose claimant is the source of the sentence. Without a source they are narration, not
claims. What a predicate is said of is read in ``predicate_subjects``, whether it is about an
operation in ``predicate_operations``; identity cues in ``identities``."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from extract.claims.cues import Cue
from extract.claims.found import Found, Source
from extract.claims.identities import IdentityReading
from extract.claims.predicate_operations import PredicateOperations
from extract.claims.predicate_subjects import PredicateSubjects
from extract.claims.sources import MAX_SOURCE_CLIMB

# who may sponsor an operation, or give it a territory
TARGET_KINDS = {
    "sponsored": frozenset({"state", "agency", "group", "intergov", "company"}),  # (a company: a front)
    "territory": frozenset({"state"}),
}
DENIAL_CLIMB = 3  # links from a predicate up to the denial verb whose clause it is in


class PredicateReading(PredicateSubjects, PredicateOperations, IdentityReading):
    def read_predicate(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'X is responsible for', 'carried out by X', 'X, linked to Y': the claimant is the source."""
        if not self.predicate_object_ok(token, cue):
            return
        subject_heads, degrees = self.predicate_heads(cue, token)
        if not subject_heads:
            return
        if self.denial_over(token):
            return  # 'Tehran denied being behind the attack': the denial reads what it denies
        if token.dep_ not in ("relcl", "acl:relcl") and self.accusing_verb_over(token, 4) is not None:
            # inside the object of 'accuse'/'expose'/'deny': that cue reads the whole phrase (not a
            # relative clause of its own: 'identified the group as APT40, which conducts
            # operations for the MSS')
            return
        # the accused first: most predicates name nobody, and then who says them need not be looked for
        named = []
        for head in subject_heads:
            subjects, phrase = self.subject_phrase(head, {token.i})
            if head is token:  # the predicate noun itself: the state its adjective names
                subjects, phrase = self.states_named_by(head), [head]
            elif not subjects and degrees.get(head.i) == "territory":
                subjects, phrase = self.states_named_by(head) or self.state_named_at(head), [head]
            named += [(head, subject, phrase) for subject in subjects]
        if not named:
            return
        source = self.source_for(token, {t.i for h in subject_heads for t in self.subtree_of(h)})
        source = source or self.accuser_over(token)
        if source is None:
            return
        found = [(head, subject, phrase) for head, subject, phrase in named if subject not in source.actors]
        # 'the group is backed by the Russian state': a link to a threat group is about cyber
        links_group = any(subject.label_ == "group" for _, subject, _ in found) or (
            cue.degree in ("sponsored", "territory")
            and any(h.lower_ in self.lex.group_nouns for h in subject_heads)
        )
        # a cyber advisory's own voice: its story is cyber, sentence by sentence or not
        # (document_source is computed only when a reading asked for it: no need to make it here)
        voice = self.__dict__.get("document_source")
        links_group = links_group or (
            voice is not None and source is voice and self.cyber_context(token, window=3)
        )
        for head, subject, phrase in found:
            degree = degrees.get(head.i) or self.degree_for(cue, token, subject, phrase)
            for claimant in source.actors:
                if cue.degree == "sponsored" and self.own_bodies_linked(claimant, found):
                    continue  # 'Canada said the Cyber Centre, part of the CSE, found ...'
                yield Found(
                    claimant, cue.stance, subject, token, degree, source.confidence, cyber=links_group
                )

    def own_bodies_linked(self, claimant: Span, found: list[tuple[Token, Span, list[Token]]]) -> bool:
        """A link between the claimant's own institutions is a description, not an accusation."""
        state = self.speaker_state(claimant)[0]
        return any(
            s.label_ in ("agency", "state") and (self.country_of(s) or s.kb_id_) == state for _, s, _ in found
        )

    def predicate_heads(self, cue: Cue, token: Token) -> tuple[list[Token], dict[int, str]]:
        """The heads of the accused phrases of a predicate, and the degree of those whose degree the
        construction itself gives (a territory: 'from Chinese territory'; a target: 'for Iran')."""
        agents = self.predicate_agents(cue, token)
        if cue.target_kinds and not agents:
            return [], {}
        subject = self.predicate_subject(cue, token)
        if cue.subject_is_operation and (subject is None or not self.is_operation(subject)):
            return [], {}  # 'its findings are consistent with the FBI's report': no operation
        if cue.subject_is_attacker and (subject is None or not self.attacker_phrase(subject)):
            return [], {}  # 'CISA, in collaboration with the FBI, released': partners, no sponsor
        if cue.degree == "sponsored" and subject is not None and self.defensive_agency(subject, token):
            return [], {}  # 'the CCIRC, which is now part of the Cyber Centre': how a state is organised
        subject_heads: list[Token] = []
        if agents:
            subject_heads = agents
            if cue.degree == "sponsored" and subject is not None and subject.i not in {a.i for a in agents}:
                if not (self.names_attacker(subject) or self.is_operation(subject) or self.is_cyber(subject)):
                    # 'the takedown of the servers was led by the Dutch police': who leads what is
                    # no attack and no attacker sponsors nothing
                    return [], {}
                subject_heads = agents + [subject]  # 'the Sandworm group is directed by the GRU': both
        elif subject is not None:
            subject_heads = [subject]
            # 'Ivanov conducted ... as an employee of the GRU': whom the unnamed subject acted for
            if not self.actors_in(self.phrase_tokens(subject)):
                subject_heads += self.employers(token)
        if cue.degree == "sponsored" and token.pos_ == "VERB" and not self.is_passive(token):
            # 'the MSS sponsors APT40', « le GRU contrôle ce groupe »: the group it sponsors too
            subject_heads += [  # (its direct dependent after it, whatever the parser's label: 'acomp' too)
                o
                for o in self.kids(token)
                if o.i > token.i
                and o.i in self.actor_at
                and self.actor_at[o.i].label_ == "group"
                and not self.case_words(o)
            ]
        if cue.degree != "direct":
            # "hackers linked to Beijing", not "emails linked to the campaign"
            subject_heads = [h for h in subject_heads if self.names_attacker(h)]
        targets, degrees = self.predicate_target_heads(cue, token, subject, subject_heads)
        return subject_heads + targets, degrees

    def employers(self, verb: Token) -> list[Token]:
        """The bodies someone acted for, in a phrase of capacity on the verb or its object ('as an
        employee of Russia's GRU', « en tant qu'employé du GRU », « comme agent du FSB »)."""
        capacity, genitive = self.lex.preps("capacity"), self.lex.preps("genitive")
        holders = [verb, *self.children(verb, "obj")]
        roles = [
            r for h in holders for r in self.prep_objects(h, capacity) if r.lower_ in self.lex.role_nouns
        ]
        return [o for r in roles for o in self.prep_objects(r, genitive) if o.i in self.actor_at]

    def predicate_agents(self, cue: Cue, token: Token) -> list[Token]:
        """The agents of a predicate ('carried out by X'), with the appositions the parser cut off;
        of a cue that needs a sponsor of some kind, only those that are one."""
        agents = self.prep_objects(token, self.lex.preps("agent")) + self.agent_heads(token)
        controlled = token.dep_ == "xcomp" and self.own_subjects(token.head)  # « continuent de cibler »
        if (
            token.pos_ in ("VERB", "AUX")
            and not self.is_passive(token)
            and (self.own_subjects(token) or controlled)
        ):
            # an active verb with its own subject has no agent: « APT32 a lancé des attaques | par
            # logiciel espion » (the means, not who did it)
            agents = [] if controlled else self.agent_heads(token)
        agents += [a for agent in agents for a in self.detached_appositions(agent)]
        if cue.target_kinds:  # 'malware used by the North Korean government', not 'used by Turla'
            agents = [a for a in agents if self.target_named(cue, a, token)]
        return agents

    def predicate_target_heads(
        self, cue: Cue, token: Token, subject: Token | None, subject_heads: list[Token]
    ) -> tuple[list[Token], dict[int, str]]:
        """The sponsors, targets and territories a predicate names ('linked to X', 'for Iran',
        'from Chinese territory'), and the degree each of them gives."""
        candidates = self.predicate_targets(cue, token)
        target = [h for h in candidates if self.target_named(cue, h, token)]
        origin_groups = self.origin_groups(cue, candidates, subject)
        if cue.degree == "sponsored" and not (
            subject is not None and (self.names_attacker(subject) or self.is_operation(subject))
        ):
            # 'individuals associated with President Biden's campaign' (not 'this malicious cyber
            # activity is part of Russia's campaign')
            target = [h for h in target if not self.political_campaign(h)]
        if not any(self.names_group(h) or h.lower_ in self.lex.group_nouns for h in subject_heads):
            # 'the hackers worked for i-Soon' names a front; 'Jane Doe worked for Microsoft' does not
            target = [h for h in target if not self.only_companies(h, token)]
        degrees = {h.i: cue.target_degree for h in target if cue.target_degree}
        target += origin_groups
        degrees.update({h.i: "direct" for h in origin_groups})  # the group did it
        # "conducted from Chinese territory": the state whose territory it is
        territory = [
            h
            for h in self.prep_objects(token, self.lex.preps("origin"))
            if h.lower_ in self.lex.territory_markers
        ]
        degrees.update({h.i: "territory" for h in territory})
        return target + territory, degrees

    def origin_groups(self, cue: Cue, candidates: list[Token], subject: Token | None) -> list[Token]:
        """'the phishing campaign originated from APT42', « la campagne provenait du groupe
        APT42 »: a territory cue whose place is a threat group says the group did it (only of an
        operation or its attackers: not 'a researcher who came from APT42's former employer')."""
        if cue.target_degree != "territory" or subject is None:
            return []
        if not (self.is_operation(subject) or self.attacker_phrase(subject)):
            return []
        return [h for h in candidates if self.names_group(h) and not self.state_named_at(h)]

    def detached_appositions(self, noun: Token) -> list[Token]:
        """« menée par Sandworm, une unité du GRU, »: the parser hangs the apposition on the verb,
        beside the noun, as a phrase with no preposition; it says more of the noun."""
        if self.lex.dependency_scheme != "ud":
            return []
        end = noun.right_edge.i
        if end + 2 >= len(self.doc) or self.doc[end + 1].text != ",":
            return []
        return [
            s
            for s in self.kids(noun.head)
            if s.left_edge.i == end + 2
            and s.dep_ in ("obl", "obl:mod", "nmod", "dep")
            and not self.case_words(s)
            and any(c.dep_ == "det" for c in self.children_of(s))
            and s.ent_type_ not in ("DATE", "TIME")
        ]

    def predicate_targets(self, cue: Cue, token: Token) -> list[Token]:
        """'linked to X', 'the work of X'; 'on behalf of X' (the cue's own object)."""
        if cue.target_is_object:
            if token.dep_ == "case":  # Universal Dependencies: 'du' hangs on 'GRU'
                return [token.head]
            return [c for c in self.children_of(token) if c.dep_ in ("pobj", "pcomp")]
        targets = self.prep_objects_near(token, cue.target_preps) if cue.target_preps else []
        if (
            cue.target_preps and (cue.target_degree or cue.degree) == "sponsored"
        ):  # "conducted the attacks for the GRU"
            targets += [
                o
                for obj in self.children(token, "obj")
                if self.is_operation(obj)
                for o in self.prep_objects(obj, cue.target_preps)
            ]
        if cue.degree == "sponsored":  # 'the Russia-controlled APT28', 'Kremlin-backed hackers'
            targets += [c for c in self.kids(token) if c.i < token.i and c.i in self.actor_at]
        return targets

    def target_named(self, cue: Cue, head: Token, token: Token) -> bool:
        """A sponsor or a territory must be an actor that can be one ('for Iran', not 'for years')."""
        degree = cue.target_degree or cue.degree
        kinds = frozenset(cue.target_kinds) or TARGET_KINDS.get(degree)
        if kinds is None:
            return True
        named = self.subject_phrase(head, {token.i})[0] or (
            self.state_named_at(head) if degree == "territory" else []
        )
        if degree == "sponsored" and head.i not in self.actor_at:
            # 'for Iran', 'by the government of North Korea'; not 'stole blueprints | for the
            # headquarters of Australia's spy agency': a thing that belongs to an actor's thing
            named = [a for a in named if not self.nouns_between(a, head) and not self.beside(a, head)]
        return any(a.label_ in kinds for a in named)

    def attacker_phrase(self, token: Token) -> bool:
        """Is the phrase a threat group or a group noun ('the hackers', « les pirates »)?"""
        head = self.resolve_relative(token)
        span = self.actor_at.get(head.i)
        return head.lower_ in self.lex.group_nouns or (span is not None and span.label_ == "group")

    def defensive_agency(self, token: Token, cue: Token) -> bool:
        """Does the noun (or the one a relative pronoun stands for), with its conjuncts and
        appositions, name only public bodies not known for offensive operations or institutions (a
        CERT, a cyber centre, a police, a hospital)? Not the rest of its phrase: 'an APT group that
        the FBI, CISA and ACSC assess is associated with Iran' is said of the group."""
        head = self.resolve_relative(token)
        heads = [head] + [c for c in self.kids(head) if c.dep_ in ("conj", "appos") and c.i != cue.i]
        named = [self.actor_at[h.i] for h in heads if h.i in self.actor_at]
        named += [a for h in heads[1:] for a in self.actors_in(self.subtree_of(h)) if a.label_ == "group"]
        defensive = ("agency", "other")
        return bool(named) and all(a.label_ in defensive and a.kb_id_ not in self.offensive for a in named)

    def political_campaign(self, noun: Token) -> bool:
        """A noun that is an operation only with a cyber word, without one ('the Trump campaign',
        « la campagne d'Emmanuel Macron »): no body that sponsors anything."""
        return noun.lower_ in self.lex.qualified_operation_nouns and not self.is_operation(noun)

    def only_companies(self, head: Token, cue: Token) -> bool:
        """Does the phrase name actors, all of them companies?"""
        named = self.subject_phrase(head, {cue.i})[0]
        return bool(named) and all(a.label_ == "company" for a in named)

    def beside(self, actor: Span, head: Token) -> bool:
        """Is the actor joined to ``head`` by a preposition that is neither 'of' nor 'by' ('part of a
        coordinated effort | with the United Kingdom', « un effort | avec le Royaume-Uni et les
        États-Unis »): a partner of the thing, not its owner? (Read on the words between, as the
        parser may hang a second partner on the thing itself.)"""
        allowed = self.lex.preps("genitive") | self.lex.preps("agent")
        if not head.i < actor.start:
            return False
        return any(t.pos_ == "ADP" and t.lower_ not in allowed for t in self.doc[head.i + 1 : actor.start])

    def nouns_between(self, actor: Span, head: Token) -> bool:
        """Is there a common noun of its own (not part of a name) on the way up from the actor to ``head``?"""
        current = actor.root
        for _ in range(6):
            if current.head.i == current.i or current.head.i == head.i:
                return False
            current = current.head
            if (
                current.pos_ == "NOUN"  # (a proper noun is part of a name: 'the FSB Center 16 group')
                and current.dep_ not in ("compound", "flat", "flat:name")
                and current.i not in self.actor_at
            ):
                return True
        return False

    def accusing_verb_over(self, token: Token, depth: int, side_clauses: bool = False) -> Token | None:
        """An accusing or denying verb the token is part of the object of, within ``depth`` links
        (through a relative clause that the verb's own reading leaves out only if asked)."""
        current = token
        for _ in range(depth):
            if current.head.i == current.i or not self.together(current.head, token):
                return None
            if current.dep_ in self.deps["subj"] | self.deps["pass_subj"]:
                return None
            if not side_clauses and self.is_side_clause(current):
                return None
            if current.dep_ == "conj" and self.own_subjects(current):
                return None  # 'Investigators traced the intrusions to Moscow, and officials concluded that'
            current = current.head
            kinds = self.lex.kinds_of(current.lower_)
            cue = self.lex.cues.get(current.lower_)
            if cue is not None and cue.requires_child and not self.has_required_child(cue, current):
                continue  # 'put the servers in place after the hack by APT28': no 'put the blame on'
            if kinds & {"verb", "deny"} and "predicate" not in kinds:
                return current
        return None

    def denial_over(self, token: Token) -> bool:
        """Is the token in the clause a denial verb completes, over verbs only ('Tehran denied being
        behind the attack', 'Russia denied that it was responsible', « a démenti en être à
        l'origine »)? Not in a noun's clause ('denied the claims that it was behind')."""
        current = token
        for _ in range(DENIAL_CLIMB):
            head = current.head
            if head.i == current.i or not self.together(head, token):
                return False
            if current.dep_ in self.deps["subj"] | self.deps["pass_subj"]:
                return False
            if head.pos_ in ("VERB", "AUX") and "deny" in self.lex.kinds_of(head.lower_):
                return True
            if head.pos_ not in ("VERB", "AUX", "ADP"):
                return False
            current = head
        return False

    def accuser_over(self, token: Token) -> Source | None:
        """'OFAC sanctioned X, a front company that has served as cover for APT31': a link deep in
        the object of an accusing verb is that verb's claimant's."""
        verb = self.accusing_verb_over(token, MAX_SOURCE_CLIMB, side_clauses=True)
        if verb is None or "deny" in self.lex.kinds_of(verb.lower_):
            return None
        subjects = self.own_subjects(verb)
        claimants, confidence = self.claimant_for(verb, subjects[0] if subjects else None, set())
        return Source(tuple(claimants), confidence) if claimants else None
