"""Who is accused in a phrase: the actors of an accused subject, the groups that a definite noun
("the group") or a pronoun stands for, the state in an offensive service's name, and the agents of
an operation ("Iran's cyberattacks", "activity by the GRU")."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from extract.claims.speaker_phrases import SpeakerPhrases
from extract.gazetteer import load_gazetteer

WORD = re.compile(r"[^\W\d_][\w'’-]*")  # a word of a name
DEFINITE_REACH = 3  # paragraphs back to the group a definite "the group" stands for


# a noun's owner: 'the DPRK's use', « l'usage de la Russie »
OWNER_DEPS = ("poss", "nmod:poss", "nmod")
# a verb's adjuncts between its object and a misplaced agent: « ... | sur le COVID-19 | par des X »
ADJUNCT_DEPS = ("obl:mod", "advmod", "npadvmod")


class AccusedPhrases(SpeakerPhrases):
    """The actors accused in a phrase, and the agents of an operation."""

    def subject_phrase(self, head: Token, skip: set[int]) -> tuple[list[Span], list[Token]]:
        head = self.resolve_relative(head)
        tokens = self.phrase_tokens(head, skip)
        actors = self.actors_in(tokens)
        # 'Hafnium is a Chinese state-sponsored group', « Volt Typhoon est un acteur parrainé par
        # la Chine »: the noun is said of the copula's subject
        if any(c.dep_ == "cop" for c in self.kids(head)):
            subjects = self.own_subjects(head)
        elif head.dep_ == "attr" and head.head.i != head.i:
            subjects = self.own_subjects(head.head)
        else:
            subjects = []
        for subject in subjects:
            more = self.phrase_tokens(subject, skip)
            named = [a for a in self.actors_in(more) if a.label_ == "group"]
            actors, tokens = actors + [a for a in named if a not in actors], tokens + more
        if actors:
            return actors + self.persons_listed_after(actors), tokens
        before = self.doc[head.left_edge.i - 1] if head.left_edge.i > 0 else None
        if head.dep_ == "appos" and before is not None and not before.is_punct:
            # 'GRU unit 29155 | cyber actors': one phrase the parser split with no comma between
            inside = {t.i for t in self.subtree_of(head)}
            more = self.phrase_tokens(head.head, skip | inside)
            return self.actors_in(more), tokens + more
        actors = actors or self.included_after(head)
        if not actors and head.lower_ in self.lex.group_nouns:
            named = self.group_named_before(head) or self.definite_group(head)
            return ([named], tokens) if named is not None else ([], tokens)
        return actors, tokens

    def persons_listed_after(self, actors: list[Span]) -> list[Span]:
        """« a inculpé Li Wenhao, Zhou Mingyu et Tang Shaoqing »: the persons that follow a person
        read, with only commas and conjunctions between, where the parser cut the list."""
        if not any(a.label_ == "person" for a in actors):
            return []
        out: list[Span] = []
        end = max(a.end for a in actors if a.label_ == "person")
        while True:
            i = end
            while i < len(self.doc) and (self.doc[i].text == "," or self.doc[i].pos_ == "CCONJ"):
                i += 1
            after = self.actor_at.get(i)
            if i == end or after is None or after.label_ != "person" or after.start != i:
                return out
            if after.root.dep_ in self.deps["subj"] | self.deps["pass_subj"]:
                return out  # 'charged Li Wenhao, and Merrick Garland said ...': a clause of its own
            if after not in actors and after not in out:
                out.append(after)
            end = after.end

    def group_named_before(self, noun: Token) -> Span | None:
        """'Selon l'ANSSI, APT28, un mode opératoire associé au GRU, a ciblé': the group's name
        right before a comma and its description, which the parser cut off (here as a second
        source)."""
        comma = noun.left_edge.i - 1
        if comma < 1 or self.doc[comma].text != "," or self.segment_ids[comma] != self.segment_ids[noun.i]:
            return None
        name = self.actor_at.get(comma - 1)
        return name if name is not None and name.label_ == "group" and name.end == comma else None

    def agents_of_operation(self, head: Token) -> tuple[list[Span], list[Token]]:
        """Who did an operation: 'Iran's cyberattacks', 'activity by the GRU', 'une opération russe'."""
        if not self.is_operation(head) or any(c.lower_ in self.lex.defensive_words for c in self.kids(head)):
            return [], []  # 'British recovery activities at the hospital': the defenders' work
        threat = head.lower_ in self.lex.threat_nouns
        tokens = self.agent_tokens_in_modifiers(head)
        if threat:  # 'the Russian cyber threat' names a danger; 'the threat from Russia' its author
            modifiers = [c for c in self.kids(head) if c.dep_ in ("amod", "compound")]
            bare = {t.i for c in modifiers for t in self.subtree_of(c)}
            tokens = [t for t in tokens if t.i not in bare]
        # (and where it came from, 'cyberattacks from the United States', « depuis la Russie »; not a
        # genitive's 'de', which may name what was hit)
        origin = self.lex.preps("origin") - self.lex.preps("genitive") - self.lex.preps("owner_case")
        for agent in self.prep_objects(head, self.lex.preps("agent") | origin) + self.agent_after(head):
            tokens.extend(self.phrase_tokens(agent))
        user = self.operation_user(head)  # 'Iran employs cyber operations', 'relies on cyber operations'
        if user is not None:
            tokens.extend(self.phrase_tokens(user))
        tokens.extend(self.agent_tokens_of_genitives(head))
        if not self.actors_in(tokens):
            tokens.extend(self.owner_of_enclosing_noun(head))
        actors = [a for a in self.actors_in(tokens) if a.label_ != "company"]
        if not actors and not threat:
            actors = self.states_named_by(head, names_are_targets=True)
        return actors, tokens

    def owner_of_enclosing_noun(self, head: Token) -> list[Token]:
        """The owner of a noun of use whose phrase holds the operation ('the DPRK's use of cyber
        activities', « le recours de la Russie aux cyberattaques »), or of a noun whose 'including'
        list holds it ('the DPRK's methods, including its use of arms transfers, malicious cyber
        activities'): a pronoun owner ('its') is the owner of the noun further up."""
        node = head
        for _ in range(4):
            while node.dep_ == "conj" and node.head.i < node.i:
                node = node.head  # up a list: 'arms transfers, malicious cyber activities'
            word, noun = self.enclosing_noun(node)
            if noun is None:
                return []
            if noun.lower_ not in self.lex.use_nouns and word not in self.lex.inclusion_words:
                return []  # ('Ukraine's use of defences against Russian attacks': not its attacks)
            nouns = [noun, *self.noun_before_inclusion(node, word)]
            owners = [c for n in nouns for c in self.kids(n) if c.dep_ in OWNER_DEPS and c.i < node.i]
            tokens = [t for o in owners if o.pos_ != "PRON" for t in self.phrase_tokens(o)]
            if self.actors_in(tokens):
                return tokens
            node = noun
        return []

    def noun_before_inclusion(self, node: Token, word: str) -> list[Token]:
        """The noun right before 'including' (and its comma), which the list is of when the parser
        hangs 'including' higher up ('concern over the DPRK's methods, including ...')."""
        if word not in self.lex.inclusion_words:
            return []
        at = next((i for i in range(node.left_edge.i - 1, -1, -1) if self.doc[i].lower_ == word), None)
        before = at - 1 if at is not None else -1
        while before >= 0 and self.doc[before].is_punct:
            before -= 1
        return [self.doc[before]] if before >= 0 and self.doc[before].pos_ == "NOUN" else []

    def agent_tokens_in_modifiers(self, head: Token) -> list[Token]:
        """The phrases of an operation noun's modifiers that may name its author: a possessive, a
        compound or an adjective ('Iran's cyberattacks', 'une opération russe'), the agent of a
        clause on it ('attacks carried out by the GRU'); not its victims nor what it struck."""
        tokens: list[Token] = []
        for child in self.kids(head):
            if self.marks_victim(child) or self.names_target_country(child):
                continue
            if child.dep_ == "compound" and any(self.names_target_country(t) for t in self.subtree_of(child)):
                continue  # 'the Ukraine | power grid | cyberattack'
            if (
                child.dep_ == "compound"
                and child.i in self.actor_at
                and self.hit_not_hitter(self.actor_at[child.i])
            ):
                continue  # 'the Bundestag hack', 'the OPCW attack', 'the OPM hack': what was hit
            if child.dep_ in ("poss", "compound", "amod", "nmod:poss", "appos"):
                tokens.extend(self.phrase_tokens(child))
            elif child.dep_ in self.deps["noun_mod"]:
                cue = self.lex.cues.get(child.lower_)
                if cue is not None and cue.kind == "verb" and cue.object_is_operation and child.i > head.i:
                    # 'the cyberattacks attributed to the GRU', « les cyberattaques imputées au GRU »;
                    # whoever it is attributed *by* is the attributor, not an author of the attack
                    # (a clause with its own subject, 'a cyberattack that Albania attributed to Iran',
                    # is that subject's attribution, which its verb reads)
                    agents = [] if self.own_subjects(child) else self.prep_objects(child, cue.subject_preps)
                else:
                    agents = self.prep_objects(child, self.lex.preps("agent")) + self.children(child, "agent")
                for agent in agents:
                    tokens.extend(self.phrase_tokens(agent))
        return tokens

    def agent_tokens_of_genitives(self, head: Token) -> list[Token]:
        """The phrases "of"/"de" an operation noun that name its author ('the activities of the
        GRU', « des cyberattaques du groupe APT29 »), not its target."""
        tokens: list[Token] = []
        # "activities of the GRU" but not "defacements of government websites": the noun must be an actor
        # (not "le piratage du Bundestag", a target; nor "la Russie du piratage de l'Ukraine", whose
        # author is the actor it hangs from)
        author_named = head.dep_ == "nmod" and head.head.i in self.actor_at
        for part in self.prep_objects(head, self.lex.preps("genitive")):
            if part.lower_ in self.lex.agent_nouns:  # « du cyberespionnage de la part de la NSA »
                tokens.extend(
                    t
                    for o in self.prep_objects(part, self.lex.preps("genitive"))
                    for t in self.phrase_tokens(o)
                )
        for agent in self.prep_objects(head, () if author_named else self.lex.preps("genitive")):
            # (an agency not known for offensive operations is what was hit: 'the hacking of the
            # Electoral Commission', « le piratage de l'OPM »; 'the operations of the GRU' name it)
            if agent.i in self.actor_at and not self.hit_not_hitter(self.actor_at[agent.i]):
                tokens.extend(self.phrase_tokens(agent))
            elif agent.lower_ in self.lex.group_nouns and (
                agent.morph.get("Number") == ["Plur"] or self.names_group_below(agent)
            ):
                # 'the activity of GRU unit 29155 cyber actors', « des cyberattaques du groupe APT29 »,
                # « du mode opératoire APT29 » (the name below the group noun)
                tokens.extend(self.phrase_tokens(agent))
        return tokens

    def names_group_below(self, noun: Token) -> bool:
        """Is a threat group's name one of the noun's own words (« le groupe APT29 »)?"""
        return any(c.i in self.actor_at and self.actor_at[c.i].label_ == "group" for c in self.kids(noun))

    def definite_group(self, noun: Token) -> Span | None:
        """'the group', 'this group', « le groupe », « ce groupe » (one, with no name of its own):
        the threat group named last before it, within the three paragraphs before (an article's
        sections: 'Affidavits revealed that the group was part of the FSB')."""
        if noun.morph.get("Number") == ["Plur"] or noun.tag_ in ("NNS", "NNPS"):
            return None
        if not any(c.lower_ in self.lex.definite_determiners for c in self.children_of(noun)):
            return None
        described = ("amod", "acl", "relcl", "acl:relcl")
        if any(c.i > noun.i and c.dep_ in described for c in self.children_of(noun)):
            return None  # 'the group responsible for this activity': a description, not one told before
        paragraph = self.paragraph_of.get(self.sentence_of(noun).start, 0)
        for i in range(noun.i - 1, -1, -1):
            span = self.actor_at.get(i)
            if span is None or span.label_ != "group" or span.end > noun.i:
                continue
            sent = self.sentence_of(span.root)
            close = paragraph - self.paragraph_of.get(sent.start, paragraph) <= DEFINITE_REACH
            return span if close else None
        return None

    def pronoun_group(self, pronoun: Token) -> Token | None:
        """'it', 'they', 'il': the threat group named last before the pronoun, in its paragraph or
        the one before ('APT33 targets airlines. Symantec believes it ...'); None for others."""
        if pronoun.lower_ not in self.lex.group_pronouns:
            return None
        own = self.sentence_of(pronoun)
        paragraph = self.paragraph_of.get(own.start, 0)
        subject_deps = self.deps["subj"] | self.deps["pass_subj"]
        for i in range(pronoun.i - 1, -1, -1):
            span = self.actor_at.get(i)
            if span is None:
                continue
            if i < own.start and span.label_ != "group" and span.root.dep_ in subject_deps:
                return None  # 'Russia was investigated. The FBI accuses it': not a group
            if span.label_ == "group" and span.end <= pronoun.i:
                sent = self.sentence_of(span.root)
                if paragraph - self.paragraph_of.get(sent.start, paragraph) <= 1:
                    return span.root
                return None
        return None

    def state_in_name(self, actor: Span | None) -> str | None:
        """The state an offensive service's name says it belongs to ('the Russian Main Intelligence
        Directorate', 'the Main Intelligence Directorate of the Russian General Staff', « le
        ministère chinois de la Sécurité de l'État »): accusing the service so named asserts the
        state's part too, as 'the Russian military intelligence service, the GRU' does."""
        if actor is None or actor.label_ != "agency":
            return None
        gazetteer = load_gazetteer()
        known = gazetteer.get(actor.kb_id_)
        if actor.kb_id_ not in gazetteer.offensive or known is None or not known.country:
            return None
        # its phrase's words before the name ('the Russian | Main Intelligence Directorate') and
        # after it up to a comma, a bracket or a verb ('... | of the Russian General Staff'); not
        # the name's own words: 'the Chinese military' is one name of the PLA
        start, end = min(actor.start, actor.root.left_edge.i), actor.end
        while end <= actor.root.right_edge.i and not self.doc[end].is_punct and self.doc[end].pos_ != "VERB":
            end += 1
        words = set(WORD.findall(self.doc[start : actor.start].text + " " + self.doc[actor.end : end].text))
        names = (alias.text for alias in gazetteer.aliases_of(known.country) if alias.role != "capital")
        return known.country if any(name in words for name in names if " " not in name) else None

    def operation_user(self, noun: Token) -> Token | None:
        """The subject of a verb that uses or runs an operation ('North Korea relies on cyber
        operations', 'Iran employs cyber operations', 'la Russie recourt à des cyberattaques')."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.head.i != verb.i:  # English: the preposition between
            verb = verb.head
        if verb.lower_ not in self.lex.operation_verbs or not self.together(verb, noun):
            verb = self.instrument_verb(noun)
            if verb is None:
                return None
        subject = self.subject_of(verb)
        return subject if subject is not None and subject.i != noun.i else None

    def instrument_verb(self, noun: Token) -> Token | None:
        """The active verb an operation is the means of: 'sought to undermine democracies through
        cyber attacks', 'by means of cyber attacks', « au moyen de cyberattaques », « affaiblir les
        démocraties par des cyberattaques » (« par » only under a verb with an object: not the
        agent of a passive)."""
        node, means = noun, False
        up = noun.head.head if noun.dep_ == "pobj" else noun.head  # ('means' <- 'of' <- operation)
        genitive = self.lex.preps("genitive")
        if up.lower_ in self.lex.instrument_nouns and (
            noun.head.lower_ in genitive or genitive.intersection(self.case_words(noun))
        ):
            node, means = up, True
        if node.dep_ == "pobj":  # English: the preposition heads the phrase
            words, verb = {node.head.lower_}, node.head.head
        else:
            words, verb = set(self.case_words(node)), node.head
        instrument = words & self.lex.preps("instrument")
        active = words & self.lex.preps("active_instrument") and self.children(verb, "obj")
        if verb.pos_ != "VERB" or self.is_passive(verb) or not (means or instrument or active):
            return None
        return verb

    def agent_after(self, noun: Token) -> list[Token]:
        """'spot intrusions by APT35' parsed with 'by APT35' on the verb: an agent phrase right after
        an object noun belongs to the noun, also at the end of the object's phrase ('released an
        advisory on activity by APT40')."""
        top = noun
        for _ in range(3):  # 'activity' <- 'on' <- 'advisory'; « activités » <- « avis »
            if top.dep_ not in self.deps["noun_attachment"]:
                break
            top = top.head.head if top.head.pos_ == "ADP" else top.head
        if top.lower_ in self.lex.exposure_verbs and top.i != noun.i:
            verb = top  # 'have been subjected to cyber espionage | by the NSA'
        else:
            verb = top.head
            if top.dep_ not in self.deps["obj"] or not self.together(verb, top):
                return []
        after = noun.right_edge.i + 1  # where 'by' (English: the head) or 'par' (French: the first word) is
        # (or after the verb's own adjuncts: « les tentatives de vol | sur le COVID-19 | par des X »)
        adjuncts = {
            t.i
            for c in self.kids(verb)
            if c.dep_ in ADJUNCT_DEPS and c.i > noun.i
            for t in self.subtree_of(c)
        }
        while after in adjuncts:
            after += 1
        agents = self.prep_objects(verb, self.lex.preps("agent"))
        return [o for o in agents if o.i > noun.i and after in (o.head.i, o.left_edge.i)]

    def names_attacker(self, head: Token) -> bool:
        head = self.resolve_relative(head)
        return head.i in self.actor_at or head.lower_ in self.lex.group_nouns | self.lex.operation_nouns
