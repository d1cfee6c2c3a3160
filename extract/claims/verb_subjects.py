"""Who does what a verb says, however the parser hung it: the verb's own subjects (or those on its
auxiliary), a subject the parser cut off or read as a modifier, the co-subjects of a list it broke
apart, the partners named before the verb ('X, along with Y, published'), a passive's agents."""

from __future__ import annotations

from spacy.tokens import Token

MAX_CLIMB = 5
LIST_JOINS = frozenset({",", "and", "et", "&"})  # what joins the names of a list


class VerbSubjects:
    """The subjects and agents of verbs: a part of ``DocView``, reading its index (``doc``,
    ``actor_at``, ``lex``, ``deps``) and its syntax helpers."""

    def agent_heads(self, token: Token) -> list[Token]:
        """The nouns of a passive's agent ('by X': the preposition's object; 'par X': X itself)."""
        agents = self.children(token, "agent")
        if self.lex.dependency_scheme == "ud":
            return agents
        return [c for a in agents for c in self.children_of(a) if c.dep_ == "pobj"]

    def orphan_subject(self, verb: Token) -> list[Token]:
        """An actor just before a verb that the parser left unattached ("Chine nie...", "Pékin a rejeté")."""
        sent = self.sentence_of(verb)
        for i in range(min(verb.i, sent.end) - 1, sent.start - 1, -1):  # the nearest first
            if i not in self.actor_at:
                continue
            token = self.doc[i]
            if not self.together(token, verb):
                continue
            if token.head.i == token.i or not self.together(token.head, token):  # detached
                return [token]
            if token.head.i == verb.i and token.dep_ in self.deps["unlabelled"] and token.i < verb.i:
                return [token]  # « FireEye(dep) accuse APT32 »: hung on the verb with no role
        return []

    def verb_in_line(self, token: Token) -> tuple[Token, Token] | None:
        """An accusing verb the parser read as a modifier between two names ('FireEye(nmod) |
        accused(amod) | APT32(ROOT), a group working for Vietnam, of hacking'): read in the order
        of the words, the name that opens the sentence accuses the name right after the verb."""
        if token.dep_ not in ("amod", "compound", "nmod") or token.i == 0 or token.pos_ != "VERB":
            return None
        before, after = self.actor_at.get(token.i - 1), self.actor_at.get(token.i + 1)
        if before is None or before.end != token.i or before.start != self.sentence_of(token).start:
            return None
        if after is None or after.start != token.i + 1:
            return None
        return before.root, after.root

    def verb_subject(self, verb: Token) -> Token | None:
        """The subject of an accusing verb, also where the parser read the verb as a modifier."""
        in_line = self.verb_in_line(verb)
        return in_line[0] if in_line is not None else self.subject_of(verb)

    def detached_co_subjects(self, verb: Token) -> list[Token]:
        """Actors the parser cut off as a sentence of their own before the verb's subject ('Le
        Royaume-Uni | , les États-Unis et l'UE ont attribué'): more subjects of the verb."""
        start = self.sentence_of(verb).start
        subjects = self.own_subjects(verb)
        if subjects:  # ('Le Royaume-Uni(obl:mod) | , les États-Unis(nsubj) ... ont attribué' in one sentence)
            first = min(s.i for s in subjects)
            found = [
                c
                for c in self.kids(verb)
                if c.i < first
                and c.i in self.actor_at
                and c.dep_.startswith(("obl", "nmod"))
                and not self.case_words(c)
                and self.doc[c.right_edge.i + 1].text == ","
            ]
            listed = self.listed_before(min(subjects, key=lambda s: s.i))
            if found or listed:
                return found + [t for t in listed if t not in found]
            # 'Les États-Unis | et leurs partenaires accusent' parsed with the verb as a conjunct of
            # the first noun: that noun, cut off from any verb, is one more subject
            noun = verb.head
            joined = any(c.dep_ == "cc" and noun.i < c.i < first for c in self.kids(verb))
            if (
                verb.dep_ == "conj"
                and noun.i < first
                and joined
                and noun.head.i == noun.i
                and noun.i in self.actor_at
                and self.together(noun, verb)
            ):
                return [noun]
        if not subjects or start == 0 or self.doc[start].text != ",":
            return []
        found = []
        for i in range(self.sentence_of(self.doc[start - 1]).start, start):
            token = self.doc[i]
            if i in self.actor_at and token.head.i == i and token.right_edge.i == start - 1:
                found.append(token)
        return found

    def listed_before(self, subject: Token) -> list[Token]:
        """'Working with partners, CISA, Treasury, FBI, and NSA identified': the actors of a comma
        list that ends with the subject, which the parser hung elsewhere (here on 'partners')."""
        found: list[Token] = []
        i, start, joined = subject.left_edge.i - 1, self.sentence_of(subject).start, False
        edge = i
        while i >= start:
            token = self.doc[i]
            if token.lower_ in LIST_JOINS:
                joined, i = True, i - 1
                continue
            actor = self.actor_at.get(i)
            if actor is None or not joined or subject.i in range(actor.start, actor.end):
                break
            found.append(self.doc[actor.root.i])
            joined, i = False, actor.start - 1
            while i >= start and self.doc[i].lower_ in self.lex.determiners:
                i -= 1
            edge = i  # what comes before the list's first name
        # the list opens the sentence or follows a comma; not 'attacks in Estonia, Georgia, and'
        opened = bool(found) and (edge < start or self.doc[edge].text == ",")
        last = len(self.doc) - 1
        comma = any(t.right_edge.i < last and self.doc[t.right_edge.i + 1].text == "," for t in found)
        return found if opened and comma else []

    def stray_agents(self, verb: Token) -> list[Token]:
        """'attribuée à la Russie par l'Allemagne' parsed with 'par l'Allemagne' under 'Russie', or
        'attribué par CrowdStrike à ...' with 'par CrowdStrike' as a plain oblique of the verb."""
        found = []
        agent_preps = self.lex.preps("agent")
        for argument in self.kids(verb):
            if argument.dep_.startswith("obl") and any(w in agent_preps for w in self.case_words(argument)):
                found.append(argument)
                continue
            for child in self.children_of(argument):
                by_agent = any(w in self.lex.preps("agent") for w in self.case_words(child))
                if by_agent and self.together(child, verb):
                    found.append(child)
        return found

    def speech_subjects(self, verb: Token) -> list[Token]:
        """Who speaks: the subject, or an inverted '..., a déclaré le ministre' parsed as an object."""
        # « », a-t-il déclaré »: the inverted pronoun (parsed as an expletive) is the subject
        inverted = [c for c in self.kids(verb) if c.lower_ in self.lex.person_pronouns and c.i > verb.i - 3]
        if inverted and inverted[0].lower_.startswith("-"):
            return inverted
        subjects = self.own_subjects(verb)
        if subjects:
            return subjects
        before = [t for t in self.doc[max(0, verb.i - 3) : verb.i]]
        if any(t.lower_ in {",", "»", "”", '"'} for t in before):
            return [c for c in self.children(verb, "obj") if c.i > verb.i] or inverted
        # 'X, Y and Z — hereafter the authoring agencies — assess that': the subject hung on a
        # clause the parser put before the verb
        found = [s for c in self.children(verb, "clause") if c.i < verb.i for s in self.children(c, "subj")]
        if not found and verb.pos_ == "NOUN":
            # 'The NCSC judges that ...' tagged as a plural noun with 'NCSC' as its compound: the
            # actor before it, when a 'that' clause follows
            clause = any(
                m.dep_ == "mark" for c in self.kids(verb) if c.i > verb.i for m in self.children_of(c)
            )
            found = (
                [c for c in self.kids(verb) if c.dep_ == "compound" and c.i in self.actor_at]
                if clause
                else []
            )
        if not found and not inverted and verb.dep_ == "conj" and self.together(verb.head, verb):
            # 'Beijing denied involvement, and says the United States is ...': the first verb's subject
            found = [s for s in self.own_subjects(verb.head) if s.i < verb.head.i]
        return found or inverted

    def hangs_on(self, token: Token, heads: set[int]) -> bool:
        """Is ``token`` hung on one of ``heads``, directly or through its preposition?"""
        head = token.head
        if token.dep_ in self.deps["noun_attachment"]:
            for _ in range(2):  # 'along | with | Google'
                if head.pos_ != "ADP":
                    break
                head = head.head
        return head.i in heads

    def named_as_partner(self, token: Token) -> bool:
        """Is ``token`` (an actor's head) right after a partner phrase ('together with', 'along
        with', « conjointement avec »): one more voice of the claimant's phrase?"""
        start = self.phrase_start(token)
        lower = self.lower_ids
        for phrase in self.lex.partner_phrase_ids:
            begin = start - len(phrase)
            if begin >= 0 and tuple(lower[begin:start]) == phrase:
                return True
        return False

    def partners_of(self, verb: Token) -> list[Token]:
        """Actors named as partners before the verb, wherever the parser hung them: 'Microsoft, along
        with Google, published', « La France, aux côtés de l'Allemagne, a accusé »."""
        return [
            self.doc[i]
            for i in range(verb.left_edge.i, verb.i)
            if i in self.actor_at and self.actor_at[i].root.i == i and self.named_as_partner(self.doc[i])
        ]

    def speaker_label(self, token: Token) -> bool:
        """'MR PRICE: The MSS is responsible': a transcript's label the parser took for a subject
        (the phrase opens its segment and a colon closes it)."""
        span = self.actor_at.get(token.i)
        return (
            span is not None
            and span.end < len(self.doc)
            and self.doc[span.end].text == ":"
            and token.left_edge.i in self.sent_index
        )

    def own_subjects(self, verb: Token) -> list[Token]:
        """The verb's subjects, or those the parser hung on its auxiliary ('The Norwegian government
        has for once today blamed ...': 'government' under 'has')."""
        subjects = [s for s in self.children(verb, "subj") if not self.speaker_label(s)]
        if not subjects and self.misread_passive(verb):
            subjects = self.children(verb, "pass_subj")
        if subjects:
            return subjects
        # « qu'APT29 est responsable » parsed with the name as an expletive subject (the impersonal
        # « il » of « il est probable » is none: only a name of the actors)
        named = [c for c in self.kids(verb) if c.dep_ == "expl:subj" and c.i in self.actor_at]
        if named:
            return named
        auxiliaries = [c for c in self.kids(verb) if c.dep_ in ("aux", "aux:tense", "auxpass", "aux:pass")]
        return [s for aux in auxiliaries for s in self.children(aux, "subj")]

    def subject_of(self, token: Token) -> Token | None:
        """The nearest grammatical subject for ``token``, climbing through clause links."""
        current = token
        for _ in range(MAX_CLIMB):
            subjects = self.own_subjects(current) + self.children(current, "pass_subj")
            if subjects:
                return subjects[0]
            gerund_marks = self.lex.preps("gerund_marks")
            gerund = any(c.dep_ == "mark" and c.lower_ in gerund_marks for c in self.children_of(current))
            if gerund and current.dep_ in self.deps["noun_mod"] and self.together(current.head.head, current):
                current = current.head.head  # "obtenu ces renseignements en piratant": misattached adverbial
                continue
            purpose = self.purpose_verb(current)
            if purpose is not None:  # 'taking advantage of open economies | to hack': misattached
                current = purpose
                continue
            if current.dep_ in self.deps["noun_mod"] and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return current.head  # a participle or relative clause: the noun it modifies
            if current.dep_ == "amod":
                return current.head
            bare = not any(c.dep_ in ("aux", "mark") for c in self.children_of(current))
            if current.dep_ == "xcomp" and current.pos_ == "VERB" and bare:
                # 'observed GRU unit 29155 conducting operations', « a vu le GRU mener »: the verb's
                # object does it (not with 'to': 'used the Play Store to distribute malware')
                watched = [o for o in self.children(current.head, "obj") if o.i < current.i]
                if watched and self.together(current.head, current):
                    return watched[0]
            climbable = self.deps["clause"] | self.deps["obj"] | {"acomp", "attr", "cop", "xcomp"}
            if (
                current.head.i == current.i
                or current.dep_ not in climbable
                or not self.together(current.head, current)
            ):
                return None
            current = current.head
        return None

    def purpose_verb(self, clause: Token) -> Token | None:
        """The verb an infinitive with no subject of its own serves, when the parser hung it on a
        noun that does nothing ('is taking advantage of open economies to spy, to hack': the
        economies hack nothing, Beijing does; not 'the first group to hack', whose noun acts)."""
        if clause.dep_ not in self.deps["noun_mod"] or clause.head.pos_ != "NOUN":
            return None
        marks = self.lex.preps("infinitive_marks")
        if not any(c.dep_ in ("aux", "mark") and c.lower_ in marks for c in self.children_of(clause)):
            return None
        noun = clause.head
        if noun.lower_ in self.lex.possibility_nouns:
            return None  # 'have the capability to compromise election infrastructure': no act told
        if noun.lower_ in self.lex.doer_nouns or any(t.i in self.actor_at for t in self.phrase_tokens(noun)):
            return None
        # ('vulnerabilities to exploit later': the noun is what the infinitive acts on)
        # (the infinitive, or one of a list of them, acts on something of its own: 'to spy, to hack,
        # to steal technology')
        if not any(t.dep_ in self.deps["obj"] and t.head.pos_ == "VERB" for t in self.subtree_of(clause)):
            return None
        verb = noun
        for _ in range(3):  # up from the noun through its preposition to the verb it completes
            if verb.head.i == verb.i or verb.dep_ not in self.deps["obj"] | {
                "pobj",
                "prep",
                "obl:arg",
                "obl:mod",
            }:
                return None
            verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                return verb if self.together(verb, clause) else None
        return None

    def is_passive(self, token: Token) -> bool:
        if any(c.dep_ in ("auxpass", "aux:pass") for c in self.children_of(token)):
            return True
        return bool(self.children(token, "pass_subj")) and not self.misread_passive(token)

    def misread_passive(self, token: Token) -> bool:
        """« L'administration(nsubj:pass) a(aux:tense) accusé lundi ... »: a passive subject with a
        tense auxiliary and no passive one is the parser's slip; the verb is active."""
        children = self.children_of(token)
        return any(c.dep_ == "aux:tense" for c in children) and not any(
            c.dep_ in ("auxpass", "aux:pass") for c in children
        )
