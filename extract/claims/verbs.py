"""Verb cues: 'X accuses Y', 'Y was blamed by X', 'X attributes the attack to Y', 'We join X in
condemning Y'. The claimant is the grammatical subject (or the agent of a passive), the accused
the object (or the argument of the cue's preposition)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from extract.claims.confidence import CONFIDENCE
from extract.claims.cues import Cue
from extract.claims.found import Found
from extract.claims.verb_accused import VerbAccused


class VerbReading(VerbAccused):
    def read_verb(self, cue: Cue, token: Token) -> Iterator[Found]:
        passive, claimant_head, subject_heads = self.verb_arguments(token)
        if (
            cue.rejects_accusations
            and self.rejects_accusation(token, subject_heads)
            and not any(h.i in self.actor_at for h in subject_heads)
        ):  # ('criticized China for ... - a blunt accusation': China is the object, no denial)
            yield from self.read_deny(cue, token)  # 'Moscou dénonce ces accusations'
            return
        objects = self.children(token, "obj") or self.relative_antecedent(token)
        if cue.kind == "measure" and not self.measure_on_someone(cue, passive, claimant_head, objects):
            return  # 'the sanctions target X' (its owner or the source sanctions); not 'the hackers target X'
        if not self.describes_an_attacker(cue, token):
            return  # 'identified Estonia as a leader in cyber defence'
        if cue.reason_is_operation and not self.operation_reason(token):
            return  # 'singled out Ukraine for additional support'
        if self.stops_an_accusation(cue, token):
            return  # 'urged the US to stop smearing China': a rebuke of accusations, read as such
        # 'which has been linked by X to China', « qui a été relié par X à la Chine »: the agent links
        linked_by = passive and bool(self.agent_heads(token) or self.stray_agents(token))
        if cue.requires_object and (passive or not objects) and not linked_by:
            return  # 'hackers linked to Beijing' is a predicate, 'linked the hack to Moscow' a verb
        if objects and cue.requires_object and all(o.lower_ in self.lex.reflexive_pronouns for o in objects):
            return  # 'the UK associates itself with', « la France s'associe à »: it joins them
        subject_heads = [h for h in subject_heads if not self.victim_apposition(h)]
        subject_heads = self.accused_heads(cue, token, subject_heads)
        if not subject_heads and cue.requires_child:
            # « montre du doigt | Pékin »: the accused hung, with no preposition, on the cue's own word
            words = [c for c in self.kids(token) if c.lower_ in cue.requires_child]
            subject_heads = [
                n for w in words for n in self.kids(w) if n.i in self.actor_at and not self.case_words(n)
            ]
        # 'The FBI accuses it of ...', « Le FBI l'accuse »: the threat group named just before
        subject_heads = [self.pronoun_group(h) or h if h.pos_ == "PRON" else h for h in subject_heads]
        if not subject_heads:
            return  # nobody accused: who speaks need not be looked for
        avoid = {t.i for h in subject_heads for t in self.subtree_of(h)}
        claimants, confidence = self.verb_claimants(token, claimant_head, passive, avoid)
        if not claimants and passive and claimant_head is None:
            # 'the EU condemns the activities targeting Czechia, which were attributed to APT28':
            # an attribution without its agent, inside what an accusing verb acts on, is its claimant's
            over = self.accuser_over(token)
            claimants, confidence = (list(over.actors), over.confidence) if over else ([], 0.0)
        if not claimants:
            return
        # 'Microsoft attributed Hafnium (it) to China', 'Hafnium was attributed to China': what is
        # attributed is a threat group, so the claim is about cyber operations whatever the words
        attributed = objects + (self.children(token, "pass_subj") if passive else [])
        group_attributed = cue.object_is_operation and any(self.group_or_its_pronoun(o) for o in attributed)
        skip = {token.i}
        for head in subject_heads:
            subjects, phrase = self.subject_phrase(head, skip)
            if not subjects:
                subjects, phrase = self.agents_of_operation(head)
            for subject in subjects:
                if subject.label_ in cue.not_of_kinds:
                    continue  # 'criticised Optus for its role in the attack': its handling, no attribution
                degree = self.degree_for(cue, token, subject, phrase)
                for claimant in claimants:
                    yield Found(
                        claimant, cue.stance, subject, token, degree, confidence, cyber=group_attributed
                    )

    def measure_on_someone(
        self, cue: Cue, passive: bool, subject: Token | None, objects: list[Token]
    ) -> bool:
        """Is the subject one of the cue's ``subject_nouns`` (a sanction, a charge, an indictment:
        'the U.S. sanctions', « les sanctions »; not 'security measures') and the object an actor or
        a group of people ('target APT39', 'name five officers of'; not 'Russia's energy sector')?"""
        if passive or subject is None or subject.pos_ != "NOUN" or subject.lower_ not in cue.subject_nouns:
            return False
        return any(o.i in self.actor_at or o.lower_ in self.lex.group_nouns for o in objects)

    def operation_reason(self, verb: Token) -> bool:
        """Is what the verb blames someone 'for' or 'over' (« pour ») an operation ('singled out
        China for the breach', 'pointed to Russia over the hacking')?"""
        preps = self.lex.preps("reason") | self.lex.preps("topic")
        reasons = self.prep_objects_near(verb, preps)
        # (or one step down: 'for its role in the hack', « pour leur participation aux cyberattaques »)
        inner = [
            o
            for r in reasons
            if r.lower_ in self.lex.deny_objects  # (a part in something: role, involvement)
            for o in self.prep_objects(r, self.lex.preps("involvement"))
        ]
        # ('expelled 35 diplomats in retaliation for the cyberattacks', « en représailles aux »)
        responses = [c for c in self.kids(verb) if c.lower_ in self.lex.response_nouns]
        responses += [
            o for c in self.kids(verb) for o in self.children_of(c) if o.lower_ in self.lex.response_nouns
        ]
        inner += [o for r in responses for o in self.prep_objects(r, self.lex.preps("response"))]
        if any(self.names_an_operation(t) for t in reasons + inner):
            return True
        # ('expelled four officers for attempting to hack the OPCW', « pour avoir tenté de pirater »)
        marks = self.lex.preps("reason")
        marked = [
            c
            for c in self.kids(verb)
            if any(m.dep_ == "mark" and m.lower_ in marks for m in self.children_of(c))
        ]
        clauses = reasons + marked
        return any(
            t.lower_ in self.lex.attack_forms and not self.is_passive(t)
            for c in clauses
            for t in self.subtree_of(c)
        )

    def group_or_its_pronoun(self, noun: Token) -> bool:
        """Is the phrase a threat group's, or a pronoun standing for the group named before?"""
        if noun.pos_ == "PRON":
            return self.pronoun_group(noun) is not None
        return self.names_group(noun)

    def stops_an_accusation(self, cue: Cue, token: Token) -> bool:
        """Is what a 'call to stop' cue asks to end an accusation, not an operation ('urged the US to
        stop smearing China', « exhorté les États-Unis à cesser de la calomnier »)? The smear or
        denial it names is read on its own."""
        if not cue.requires_child:
            return False
        words = [t for t in self.subtree_of(token) if t.lower_ in cue.requires_child and t.i > token.i]
        stopped = [t for w in words for t in self.subtree_of(w) if t.i > w.i and t.pos_ == "VERB"]
        kinds = {k for t in stopped[:2] for k in self.lex.kinds_of(t.lower_)}
        return bool(kinds & {"smear", "deny", "baseless"})

    def describes_an_attacker(self, cue: Cue, token: Token) -> bool:
        """Does what 'identified X as ...', « décrit X comme ... » says of X name an attacker (a group,
        a culprit, an actor, a link: 'as a group linked to Iran', 'as the perpetrator')?"""
        as_words = self.lex.preps("as")
        heads = self.prep_objects(token, as_words) if as_words & set(cue.requires_child) else []
        for head in heads:
            words = self.subtree_of(head)
            if (
                self.names_attacker(head)
                or head.lower_ in self.lex.culprit_nouns
                or self.actors_in(words)
                or any("predicate" in self.lex.kinds_of(t.lower_) for t in words)
            ):
                return True
        return not heads

    def verb_arguments(self, token: Token) -> tuple[bool, Token | None, list[Token]]:
        """Is the verb passive, the head of its claimant, and its object heads (the accused)."""
        in_line = self.verb_in_line(token)
        if in_line is not None:  # 'FireEye(nmod) | accused(amod) | APT32(ROOT), a group ..., of hacking'
            return False, in_line[0], [in_line[1]]
        passive = self.is_passive(token) or (token.tag_ == "VBN" and token.dep_ in ("acl", "amod"))
        endings = self.lex.passive_participle_endings
        auxiliaries = ("aux", "aux:tense", "aux:pass")
        detached = token.dep_ == "advcl" and token.i > token.head.i
        detached = detached and not any(c.dep_ in auxiliaries for c in self.children_of(token))
        if endings and (token.dep_ == "acl" or detached) and token.lower_.endswith(endings):
            # 'une cyberattaque attribuée à la Russie'; not with a subject of its own, a relative
            # clause the parser read as a complement (« une cyberattaque que les autorités ont attribuée »)
            # (« la cyberattaque dont le SPD a été victime, | attribuée au GRU »: hung on « victime »)
            passive = not self.own_subjects(token)
        adjective = token.pos_ == "ADJ"
        if adjective and (token.dep_ in ("amod", "acl") or any(c.dep_ == "cop" for c in self.kids(token))):
            # 'attacks attributable to Russia', « ces cyberattaques sont imputables au GRU »
            passive = True
        if passive:
            agent_heads = self.agent_heads(token) or self.stray_agents(token)
            claimant_head = agent_heads[0] if agent_heads else None
            subject_heads = self.children(token, "pass_subj")
            if not subject_heads and adjective:
                subject_heads = self.own_subjects(token)
            if not subject_heads and token.dep_ in self.deps["noun_mod"] | {"amod"}:
                subject_heads = [token.head]
            return passive, claimant_head, subject_heads
        subjects = self.own_subjects(token) or self.orphan_subject(token)
        if subjects and self.stolen_object(token, subjects[0]):
            # « La Chine a rejeté ces accusations | et a accusé les États-Unis » parsed with 'ces
            # accusations' as the second verb's subject: both verbs are China's
            shared = self.subject_of(token.head)
            subjects = [shared] if shared is not None else []
        claimant_head = subjects[0] if subjects else None
        if claimant_head is not None:  # « Piratage de l'OIAC : les Pays-Bas accusent »: after the topic
            claimant_head = self.after_topic_colon(claimant_head, token) or claimant_head
        if claimant_head is None:
            if token.dep_ in self.deps["noun_mod"] and token.head.pos_ in ("NOUN", "PROPN"):
                claimant_head = token.head
            elif token.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl"):
                claimant_head = self.subject_of(token.head)
            root = self.sentence_of(token).root
            joined = any(c.dep_ == "cc" for c in self.kids(token))
            # ('Moscow said the accusations were ... and accused NATO of': no accusation accuses)
            nobody = claimant_head is not None and not self.main_actors(claimant_head)
            # (English hangs the 'and' on the first verb: a 'cc' before it among its head's words)
            joined = joined or (
                nobody and any(c.dep_ == "cc" and c.i < token.i for c in self.kids(token.head))
            )
            if (claimant_head is None or nobody) and joined and token.dep_ == "conj" and root.i < token.i:
                # '..., les qualifiant de « sans fondement », et a accusé': the parser hung the second
                # verb on a word of the first one's clause; it shares the sentence's subject
                claimant_head = self.subject_of(root) or claimant_head
        objects = self.without_time_words(token, self.children(token, "obj"))
        if not objects:  # « a identifié APT33(dep) comme un groupe »: a name the parser left unlabelled
            stray = self.children(token, "unlabelled")
            objects = [c for c in stray if c.i > token.i and c.i in self.actor_at]
        if not objects:
            objects = self.relative_antecedent(token)
        return passive, claimant_head, objects

    def relative_antecedent(self, verb: Token) -> list[Token]:
        """« Le groupe Lazarus, que(mark) les États-Unis relient(advcl) à la Corée du Nord, »: an
        object relative pronoun the parser read as a conjunction; the actor before it is the
        verb's object (not a complement clause: « affirment que »)."""
        if verb.dep_ in ("ccomp", "xcomp", "ROOT"):
            return []
        for mark in self.kids(verb):
            if mark.dep_ != "mark" or mark.i > verb.i or mark.lower_ not in self.lex.relative_pronouns:
                continue
            before = mark.i - 2 if mark.i > 1 and self.doc[mark.i - 1].text == "," else mark.i - 1
            span = self.actor_at.get(before)
            if span is not None and span.end == before + 1:
                return [span.root]
        return []

    def after_topic_colon(self, subject: Token, verb: Token) -> Token | None:
        """A subject phrase that runs over a topic and its colon ('OPCW hack: the Netherlands
        accuse Russia', « Piratage de l'OIAC : les Pays-Bas accusent », parsed with the topic as
        the subject): the first actor after the colon, before the verb, is the subject."""
        colon = next((t.i for t in self.subtree_of(subject) if t.text == ":" and t.i < verb.i), None)
        if colon is None:
            return None
        after = next((i for i in range(colon + 1, verb.i) if i in self.actor_at), None)
        return self.actor_at[after].root if after is not None else None

    def stolen_object(self, verb: Token, subject: Token) -> bool:
        """Is the verb's subject really the object of the verb it is coordinated with ('X rejected
        the accusations | and accused Y', the parser taking 'the accusations' for the subject)?"""
        first = verb.head
        return (
            verb.dep_ in ("advcl", "conj")
            and first.i < subject.i < verb.i
            and any(c.dep_ == "cc" and subject.i < c.i < verb.i for c in self.kids(verb))
            and not self.children(first, "obj")
        )

    def verb_claimants(
        self, token: Token, claimant_head: Token | None, passive: bool, avoid: set[int]
    ) -> tuple[list[Span], float]:
        """The claimants of a verb cue and how sure we are: its subject(s) and the partners it joins."""
        join_claimants = self.joined(token)
        claimants, confidence = self.claimant_for(token, claimant_head, avoid, agentless=passive)
        if not passive:  # "La France, l'Allemagne et le Canada accusent": the parser may give two subjects
            subjects = self.children(token, "subj")
            # (a second subject after the verb when the first is before it is a misparsed object:
            # « Nous avons relié | le pirate russe X à »)
            more = [s for s in subjects[1:] if s.i < token.i or subjects[0].i > token.i]
            others = more + self.partners_of(token) + self.detached_co_subjects(token)
            for other in others:
                more, _ = self.claimant_for(token, other, avoid)
                claimants += [a for a in more if a not in claimants]
        if join_claimants and not claimants:
            # "We join Germany in attributing ...": Germany's claim is explicit
            confidence = CONFIDENCE["join_partner"]
        claimants += [a for a in join_claimants if a not in claimants]
        claimants += [a for a in self.effort_partners(token) if a not in claimants]
        return claimants + [a for a in self.endorsed_statement(token) if a not in claimants], confidence

    def without_time_words(self, verb: Token, objects: list[Token]) -> list[Token]:
        """The objects without a day or time word the parser read as one, or as a complement that
        holds the object (« a accusé lundi | Pékin », « a accusé jeudi(xcomp) | la Chine(obj) »)."""
        times = self.lex.time_words
        words = [c for c in self.kids(verb) if c.lower_ in times and c.i > verb.i]
        if not words:
            return objects
        held = [c for w in words for c in self.kids(w) if c.dep_ in self.deps["obj"] and c.i > w.i]
        return [o for o in objects if o.lower_ not in times] + held or objects

    def effort_partners(self, token: Token) -> list[Span]:
        """Both sides of a supported effort: 'The United States supports Albania's efforts to hold
        Iran accountable' (the cue hangs on the effort: its supporter holds Iran accountable too),
        « La France soutient les efforts de l'Albanie pour tenir l'Iran responsable » (the cue hangs
        on the support verb: the effort's owner too)."""
        efforts = self.lex.joint_work_nouns
        if token.head.lower_ in efforts and token.dep_ in self.deps["noun_mod"]:
            effort, support = token.head, token.head.head
        elif token.head.lower_ in self.lex.support_verbs and token.dep_ in ("advcl", "xcomp"):
            support = token.head
            effort = next((o for o in self.children(support, "obj") if o.lower_ in efforts), None)
        else:
            return []
        if effort is None or effort.dep_ not in self.deps["obj"] or effort.head != support:
            return []
        if support.lower_ not in self.lex.support_verbs or self.negated(support):
            return []
        subject = next(iter(self.own_subjects(support)), None)
        supporters, _ = self.claimant_for(support, subject, set())
        return self.owner_of(effort) + supporters

    def endorsed_statement(self, token: Token) -> list[Span]:
        """Who else makes the claim of an endorsed statement: its author ('Australia supports the
        US statement of 15 April | to hold Russia to account', the clause hung on the verb of
        support), and whoever supports it ('Australia supports the US statement attributing ...',
        « l'Australie soutient la déclaration des États-Unis attribuant ... »)."""
        if token.dep_ in self.deps["noun_mod"] and token.head.lower_ in self.lex.document_nouns:
            support = token.head.head
            supported = support.lower_ in self.lex.support_verbs and not self.negated(support)
            if token.head.dep_ in self.deps["obj"] and supported:  # (not 'does not support')
                subjects = self.own_subjects(support)
                return self.actors_in(t for s in subjects for t in self.phrase_tokens(s))
            return []
        support = token.head
        if support.lower_ not in self.lex.support_verbs:
            return []
        statement_said = any(s.lower_ in self.lex.document_nouns for s in self.own_subjects(token))
        if token.dep_ == "ccomp" and statement_said and not self.negated(support):
            # 'Russia welcomed the US statement attributing ...' parsed as a clause: who welcomes it
            subjects = self.own_subjects(support)
            return self.actors_in(t for s in subjects for t in self.phrase_tokens(s))
        if token.dep_ not in ("advcl", "xcomp"):
            return []
        statements = [  # the statement right before the clause
            o
            for o in self.children(token.head, "obj")
            if o.lower_ in self.lex.document_nouns and o.i < token.i <= o.right_edge.i + 2
        ]
        return [a for o in statements for a in self.owner_of(o)]
