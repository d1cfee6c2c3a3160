"""Predicate cues ('X is responsible for', 'carried out by X', 'X, linked to Y') and identity
cues ('the actors are, in fact, the GRU'): statements about the accused whose claimant is the
source of the sentence. Without a source they are narration, not claims."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from extract.claims.confidence import INDIRECT
from extract.claims.found import Found, Source
from extract.claims.lexicon import Cue
from extract.claims.sources import MAX_SOURCE_CLIMB, SourceFinder

# who may sponsor an operation, or give it a territory
TARGET_KINDS = {
    "sponsored": frozenset({"state", "agency", "group", "intergov", "company"}),  # (a company: a front)
    "territory": frozenset({"state"}),
}
# the words of a name or a description that say what a noun is: 'the WannaCry attack', 'malware Industroyer'
NAME_PARTS = frozenset({"conj", "compound", "amod", "appos", "flat", "flat:name", "nmod", "nummod"})
DENIAL_CLIMB = 3  # links from a predicate up to the denial verb whose clause it is in


class PredicateReading(SourceFinder):
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
        source = self.source_for(token, {t.i for h in subject_heads for t in self.subtree_of(h)})
        source = source or self.accuser_over(token)
        if source is None:
            return
        found = []
        for head in subject_heads:
            subjects, phrase = self.subject_phrase(head, {token.i})
            if not subjects and degrees.get(head.i) == "territory":
                subjects, phrase = self.states_named_by(head) or self.state_named_at(head), [head]
            found += [(head, subject, phrase) for subject in subjects if subject not in source.actors]
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
            if not agents:
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
        return subject_heads + target + territory, degrees

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

    def predicate_subject(self, cue: Cue, token: Token) -> Token | None:
        """What the predicate is said of: its subject ('APT28 is responsible'), the subject of the
        verb a phrase cue hangs from ('APT28 hacked it on behalf of'), a group a pronoun stands for."""
        if cue.passive_is_victim and self.describes_victim(token):
            return None  # 'the servers were hacked', 'targeted organisations': victims
        if cue.passive_is_victim and token.dep_ in self.deps["noun_mod"] and self.is_operation(token.head):
            return None  # 'an operation targeting Viasat': what it struck (its agent is the operation's)
        owner = self.noun_owner(token, cue) if token.pos_ == "NOUN" else None
        if owner is not None:  # 'identified the GRU's involvement in', « l'implication du GRU dans »
            return owner
        hung = self.actor_hung_on(token)
        if hung is not None:  # 'US says Russia behind SolarWinds hack', « la Russie derrière le piratage »
            return hung
        anchor, subject = self.grammatical_subject(cue, token)
        if subject is None:
            subject = self.actor_before_copula(token)
        if subject is not None and self.is_personal_pronoun(subject):
            return self.pronoun_group(subject)  # 'Symantec believes it hacks airlines'
        speaker = subject is not None and subject.dep_ in self.deps["subj"] | self.deps["pass_subj"]
        said_by = (  # (an active speaker: 'X is believed to operate under Y' is said of X)
            subject is not None
            and subject.dep_ in self.deps["subj"]
            and subject.head.lower_ in self.lex.speech_verbs
            and not self.is_passive(subject.head)
            and subject.head in anchor.ancestors
        )
        if speaker and (self.reports(subject.head, anchor) or said_by):
            # climbed up to who speaks (« Le CSE a évalué qu'il est probable que », or through a
            # misparsed list: « évaluent que APT29, ... « Cozy Bear », cible »): no accused
            return None
        return subject

    def actor_hung_on(self, token: Token) -> Token | None:
        """A prepositional predicate hung on an actor's name, with no verb ('Russia | behind
        SolarWinds hack', a headline; « la Russie | derrière le piratage »): said of that actor."""
        if token.pos_ != "ADP":
            return None
        if token.dep_ == "prep" and token.head.i in self.actor_at:  # (English: the preposition heads)
            return token.head
        noun = token.head  # (French: the preposition is the case word of its noun)
        on_noun = token.dep_ == "case" and noun.dep_ in self.deps["noun_attachment"]
        if on_noun and noun.head.i in self.actor_at:
            return noun.head
        # 'Britain says GRU | behind cyberattacks', « a identifié le GRU | derrière les cyberattaques »:
        # the phrase hung on the verb, right after the verb's object
        verb = token.head if token.dep_ == "prep" else noun.head if token.dep_ == "case" else None
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        span = self.actor_at.get(token.i - 1)
        objects = self.children(verb, "obj")
        return span.root if span is not None and span.end == token.i and span.root in objects else None

    def actor_before_copula(self, token: Token) -> Token | None:
        """« Selon les États-Unis, la Corée du Nord | serait derrière le piratage », parsed with the
        actor cut off from its copula (as an apposition of the source): the actor right before it."""
        noun = token.head if token.dep_ == "case" else token
        cop = next((c for c in self.kids(noun) if c.dep_ == "cop" and c.i < token.i), None)
        span = self.actor_at.get(cop.i - 1) if cop is not None else None
        return span.root if span is not None and span.end == cop.i else None

    def noun_owner(self, noun: Token, cue: Cue) -> Token | None:
        """The actor a predicate noun belongs to: 'the GRU's involvement', 'the role of the GRU',
        « l'implication du GRU » (not its target: 'part of the FSB')."""
        owners = [c for c in self.kids(noun) if c.dep_ in ("poss", "nmod:poss")]
        genitive = [p for p in self.lex.preps("genitive") if p not in cue.target_preps]
        owners += self.prep_objects(noun, genitive)
        if cue.nominal:
            # 'the role that North Korea played in', « le rôle que la Corée du Nord a joué dans »:
            # the subject of the relative clause on the noun
            owners += [s for r in self.relative_clauses(noun) for s in self.own_subjects(r)]
        # (or a noun an actor's name modifies: 'the involvement of the Russian military intelligence
        # | agency', the name covering the words before 'agency')
        # (not a source: « D'après la France, APT31 est responsable », « d' » read as a genitive)
        return next(
            (
                o
                for o in owners
                if (o.i in self.actor_at or any(c.i in self.actor_at for c in self.kids(o) if c.i < o.i))
                and not self.opens_source(o)
            ),
            None,
        )

    def grammatical_subject(self, cue: Cue, token: Token) -> tuple[Token, Token | None]:
        """The word a predicate cue is said of, and its grammatical subject as the parser gives it
        (a pronoun, or the speaker when it climbed up to a reporting verb)."""
        anchor = token
        if cue.target_is_object:  # 'on behalf of', 'pour le compte du': from the verb above
            anchor = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if anchor is None:  # « les pirates étaient(cop) en lien(ROOT) avec le GRU »: the noun's copula
                anchor = next(
                    (a for a in token.ancestors if any(c.dep_ == "cop" for c in self.children_of(a))), token
                )
        elif token.dep_ == "case":  # « le GRU est derrière la cyberattaque »: from the noun it opens
            anchor = token.head
        # (the parser may hang the subject on the copula itself: 'le GRU(nsubj) <- est(cop)')
        copulas = [c for c in self.children_of(anchor) if c.dep_ == "cop"] if anchor is not token else []
        subject = next((s for c in copulas for s in self.own_subjects(c)), None) or self.subject_of(anchor)
        return anchor, subject

    def is_personal_pronoun(self, token: Token) -> bool:
        return token.pos_ == "PRON" and token.lower_ not in self.lex.relative_pronouns

    def said_of_speaker(self, cue: Cue, token: Token) -> bool:
        """Is a predicate said by its speaker of itself: 'Russia said it was not involved', « la
        Russie affirme ne pas être impliquée » (no subject of its own: the speaker's)?"""
        anchor, subject = self.grammatical_subject(cue, token)
        if subject is None:
            return False
        if subject.pos_ == "PRON":
            pronouns = self.lex.self_pronouns | self.lex.person_pronouns | self.lex.group_pronouns
            # the pronoun of the predicate's own clause ('it played no role'), not of a clause it
            # completes ('they go against commitments not to conduct ...')
            links = {"ccomp", "xcomp", "advcl", "conj", "acl", "relcl", "acl:relcl"}
            path = [anchor, *anchor.ancestors]
            within = path[: path.index(subject.head)] if subject.head in path else path
            return subject.lower_ in pronouns and not any(t.dep_ in links for t in within)
        return self.reports(subject.head, anchor, ("ccomp", "xcomp"))

    def reports(self, verb: Token, token: Token, links: tuple[str, ...] = ("ccomp",)) -> bool:
        """Is ``token`` inside what a reporting verb says (its 'that' clause; with 'xcomp' in
        ``links``, also an infinitive: « affirme n'avoir joué aucun rôle »)?"""
        if verb.lower_ not in self.lex.speech_verbs:
            return False
        path = [token, *token.ancestors]
        if verb not in path:
            return False
        below = path[path.index(verb) - 1]
        return below.dep_ in links

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

    def describes_victim(self, token: Token) -> bool:
        """'the companies were hacked', 'attacks against targeted organisations', 'les serveurs
        piratés': what a passive or a participle of attacking says of its noun is that it was hit."""
        if self.is_passive(token) or token.dep_ == "amod":
            return True
        return token.dep_ in self.deps["noun_mod"] and token.tag_ == "VBN"

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

    def predicate_object_ok(self, token: Token, cue: Cue) -> bool:
        """'responsible for cyber security' is no accusation: the object must be an operation, if any."""
        # "responsible for X", "behind X", "involved in X"; a verb's direct object is its victim
        if cue.degree == "sponsored" and token.pos_ == "VERB" and not self.is_passive(token):
            # 'la Russie soutient le programme cyber de X', not « la France soutient les efforts de
            # l'Ukraine pour enquêter »: an active verb of support backs an operation or a group
            objects = self.children(token, "obj")
            if objects and not any(self.names_operation(o) or self.names_group(o) for o in objects):
                return False
        active = token.pos_ in ("VERB", "AUX") and not self.is_passive(token)
        if cue.degree == "territory" and active and self.children(token, "obj"):
            return False  # « a établi des liens entre ... »: establishes something, is not based somewhere
        if active and token.lower_ in self.lex.conduct_verbs:
            # 'President Biden launched a strategic review' conducts no operation: the object must
            # name one ('launched the attack', « a mené cette campagne d'espionnage »)
            objects = self.children(token, "obj")
            if objects and not any(self.names_conducted(o) for o in objects):
                return False
        if cue.degree == "sponsored" or cue.target_preps or cue.verbal or self.is_cyber(token):
            return True  # (a verb's 'in April', 'for years' are adjuncts, not what it is about)
        objects = self.prep_objects_near(token, self.lex.preps("operation_object"))
        if token.pos_ == "NOUN" and not objects:  # 'the role that Japan played | in the investigation'
            verbs = self.relative_clauses(token)
            objects = [o for verb in verbs for o in self.prep_objects(verb, cue.requires_child)]
        owner = self.noun_owner(token, cue) if token.pos_ == "NOUN" else None
        objects = [o for o in objects if o != owner]  # « l'implication du GRU | dans ces attaques »
        return not objects or any(
            o.lower_ not in self.lex.defensive_words  # « dans l'enquête sur la cyberattaque »
            and (self.names_operation(o) or self.operation_told_before(o, token))
            for o in objects
        )

    def operation_told_before(self, noun: Token, cue: Token) -> bool:
        """« responsable de cette exploitation », 'behind this campaign': a definite operation noun
        that needs a cyber word, right after sentences that give it one."""
        return self.definite_operation(noun) and self.cyber_context(cue, window=2)

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

    def read_identity(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'cyber actors known for attacks ... are, in fact, the GRU', said by a source."""
        if token.dep_ == "cop":  # UD hangs subject and copula on the noun: « sont le plus grand pirate »
            subjects = self.children(token.head, "subj")
            attributes = [token.head]
        else:
            subjects = self.children(token, "subj")
            attributes = [c for c in self.kids(token) if c.dep_ in ("attr", "obj")]
        named = [a for a in attributes if a.i in self.actor_at]
        if token.dep_ == "cop" and not named:  # « sont en réalité | le GRU »: a bare noun after it
            named = [
                c
                for c in self.kids(token.head)
                if c.dep_ in ("nmod", "appos")
                and c.i > token.i
                and c.i in self.actor_at
                and not self.case_words(c)
            ]
        if subjects and not named and subjects[0].i in self.actor_at:
            # "the United States is the world's biggest hacker"
            # (not the fight against it: 'France is a leader in the fight against cybercrime')
            if any(self.is_cyber(t) and not self.fought(t) for a in attributes for t in self.described_by(a)):
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

    def fought(self, word: Token) -> bool:
        """Is the word what a defensive noun is against ('the fight against cybercrime', « la lutte
        contre la cybercriminalité »)?"""
        return any(a.lower_ in self.lex.defensive_words for a in list(word.ancestors)[:3])

    def described_by(self, noun: Token) -> list[Token]:
        """The words that say what a noun is: its modifiers and genitive ('the biggest source of
        cyberattacks'), not a clause or a phrase of time ('a company acquired by Google after the
        cyberattack')."""
        genitive = self.lex.preps("genitive")
        words = [noun]
        for child in self.kids(noun):
            if child.dep_ in NAME_PARTS and child.dep_ not in self.deps["noun_mod"]:
                words += list(self.subtree_of(child))
            elif child.lower_ in genitive or any(w in genitive for w in self.case_words(child)):
                words += list(self.subtree_of(child))
        return words

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
