"""Who says a sentence: a reporting verb above the cue ("X said that ..."), a parenthetical
('..., a déclaré X'), else a marker ("according to X", ``marked_sources``) or the context (the
speaker of the quote or paragraph, an introduction, a title: ``context_sources``); and the
claimant of a subject phrase.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.claims.confidence import CONFIDENCE, INDIRECT
from extract.claims.document import document_field
from extract.claims.found import Source
from extract.claims.layout import between
from extract.claims.marked_sources import MAX_SOURCE_CLIMB, MarkedSources
from extract.claims.publishers import publisher_state


class SourceFinder(MarkedSources):
    """The source (speaker) of each sentence."""

    def shares_concern(self, verb: Token) -> bool:
        """'Japan shares the concerns of the United States regarding X', « partage les
        préoccupations »: who shares a concern voices it (sharing anything else says nothing)."""
        return verb.lower_ in self.lex.sharing_verbs and any(
            o.lower_ in self.lex.concern_nouns for o in self.children(verb, "obj")
        )

    def source_for(self, cue: Token, avoid: set[int]) -> Source | None:
        """Who says the sentence holding ``cue``: a reporting verb above it, 'according to', the context."""
        sent = self.sentence_of(cue)
        inner = self.relative_clause_source(cue) or self.titled_document_source(cue)
        if inner is not None:
            return inner
        if self.in_writers_brackets(cue):
            # 'X said the code resembles that of the Lazarus Group (believed to have ... and linked
            # to North Korea)': the writer's aside, not what X said
            return self.document_source
        for i in between(self.where("speech_verbs"), sent.start, cue.i):
            aside = self.aside_speakers(self.doc[i], cue)  # 'The EU ..., which, Canada assesses, was'
            if aside:
                return Source(tuple(aside), CONFIDENCE["parenthetical"])
        climbed = self.reporting_verb_source(cue, avoid)
        if climbed is not None:
            return climbed
        trailing = self.trailing_speaker_source(cue)
        if trailing is not None:
            return trailing
        marked = self._source_marker(sent) or self.belief_source(cue) or self.opinion_source(cue)
        if marked:
            return marked
        misread = self.named_before_misread_verb(sent, cue, self.lex.speech_verbs | self.lex.stance_verbs)
        if misread:
            return Source(tuple(misread), CONFIDENCE["reporting_verb"])
        return self.context_sources.get(sent.start) or self.document_source

    def in_writers_brackets(self, cue: Token) -> bool:
        """Is the cue inside brackets that hold no speech verb of their own? (Looked for in the
        parser's sentence: a reading segment may start inside the brackets.)"""
        start, end = cue.sent.start, cue.sent.end
        brackets = ("(", ")")
        opening = next((i for i in range(cue.i - 1, start - 1, -1) if self.doc[i].text in brackets), None)
        closing = next((i for i in range(cue.i + 1, end) if self.doc[i].text in brackets), None)
        if opening is None or closing is None:
            return False
        if self.doc[opening].text != "(" or self.doc[closing].text != ")":
            return False
        # (a speech verb with its speaker inside: '(which the NCSC said was ...)'; not '(believed to')
        inside = range(opening + 1, closing)
        return not any(
            t.lower_ in self.lex.speech_verbs and any(s.i in inside for s in self.own_subjects(t))
            for t in self.doc[opening + 1 : closing]
        )

    def reporting_verb_source(self, cue: Token, avoid: set[int]) -> Source | None:
        """The subject (or agent) of a reporting verb, a stance or a publishing above the cue
        ('X said that ...', 'X voiced concern over ...', 'X released an advisory on ...'), climbing
        the parse from the cue up to ``MAX_SOURCE_CLIMB`` heads."""
        ancestor, below = cue.head, cue
        path = {cue.i}
        for _ in range(MAX_SOURCE_CLIMB):
            # 'voiced concern over ...', 'shares the concerns of the US regarding ...'
            stance = ancestor.lower_ in self.lex.stance_verbs or self.shares_concern(ancestor)
            # (« soutenir que » says; « le Kremlin soutient les cyberattaques du GRU » backs them)
            backs = ancestor.lower_ in self.lex.support_verbs and below.dep_ in self.deps["obj"]
            says = ancestor.lower_ in self.lex.speech_verbs and not backs
            if says or stance or self.publishes(ancestor, below):
                found = self.verb_speakers(cue, ancestor, path, avoid, stance)
                if found is not None:
                    return found
            if ancestor.head.i == ancestor.i or not self.together(ancestor.head, cue):
                break
            path.add(ancestor.i)
            ancestor, below = ancestor.head, ancestor
        return None

    def after_other_party(self, subject: Token, verb: Token) -> bool:
        """Is a verb's subject right after a preposition of the other party ('with') that stands
        before the verb and hangs above it: the object of 'spoke with', misread as a subject?"""
        start = subject.left_edge.i
        before = self.doc[start - 1] if start > 0 else None
        if before is None or before.lower_ not in self.lex.preps("other_party") or subject.i > verb.i:
            return False
        return any(a.i == before.head.i or a.i == before.i for a in verb.ancestors)

    def verb_speakers(
        self, cue: Token, ancestor: Token, path: set[int], avoid: set[int], stance: bool
    ) -> Source | None:
        """Who says the cue through the reporting verb ``ancestor``: a source marker on the cue's
        own clause, else the verb's subjects (with the partners who join them), else its agent;
        ``path`` holds the heads climbed from the cue to it."""
        sent = self.sentence_of(cue)
        # '... have been subjected to espionage by the NSA according to Snowden, and the PLA
        # announced ...': a source marker on the cue's own clause outranks a verb above it
        if any(
            self.doc[i].head.i in path
            for i in between(self.where("source_marker_starts"), sent.start, sent.end)
        ):
            marked = self._source_marker(sent)
            if marked is not None:
                return marked
        confidence = CONFIDENCE["stance" if stance else "reporting_verb"]
        # (an active verb with its own subject has no agent: « qu'il considère comme
        # parrainé par l'État chinois », 'par' belongs to the participle)
        active = bool(self.own_subjects(ancestor)) and not self.is_passive(ancestor)
        subjects = self.speech_subjects(ancestor) + ([] if active else self.children(ancestor, "agent"))
        if any(self.after_other_party(s, ancestor) for s in subjects):
            # 'X spoke with Prime Minister Y | to express ...', parsed with Y as the subject of
            # 'express': who spoke with him expresses it
            verb = next(a for a in ancestor.ancestors if a.pos_ in ("VERB", "AUX"))
            over = self.subject_of(verb)
            subjects = [over] if over is not None else []
        controlling = ancestor.head
        if (
            stance
            and ancestor.dep_ == "acl"
            and controlling.dep_ in self.deps["obj"]
            and not self.own_subjects(ancestor)
        ):
            # 'will expand cooperation to confront threats from X': who expands it confronts them
            controlling = controlling.head
        if not subjects and (ancestor.dep_ in ("xcomp", "advcl") or controlling.i != ancestor.head.i):
            # 'se joint aux États-Unis pour exprimer ses préoccupations': who joins expresses
            controller = self.subject_of(controlling) if self.together(controlling, ancestor) else None
            subjects = [controller] if controller is not None else []
        for subject in subjects:
            if subject.i in avoid or cue.i in {t.i for t in self.subtree_of(subject)}:
                continue
            # 'we' with a known speaker or publisher: who that is says it, as plainly as by name
            context = self.context_sources.get(sent.start) if self.is_self_pronoun(subject) else None
            actors = list(context.actors) if context else []
            actors = actors or self.speaker_actors(subject) or self.person_before(subject)
            if actors:
                partners = [a for p in self.partners_of(ancestor) for a in self.main_actors(p)]
                # ('joins the US in condemning', « se joint aux États-Unis pour »)
                partners += self.joined(ancestor)
                actors += [a for a in partners if a not in actors]
                if ancestor.lower_ in self.lex.authoring_verbs and self.among_authors(actors):
                    actors = list(self.named_authors)  # the document's own publication
                return Source(tuple(actors), confidence)
        for agent in [] if active else self.prep_objects(ancestor, self.lex.preps("agent")):
            actors = self.main_actors(agent)
            if actors:
                return Source(tuple(actors), confidence)
        return None

    def trailing_speaker_source(self, cue: Token) -> Source | None:
        """A speech verb elsewhere in the sentence that says it: '..., a déclaré X', a trailing
        '..., the EU and the UK have announced', 'as the UK revealed', an aside ('The hack,
        Canada assesses, was ...')."""
        sent = self.sentence_of(cue)
        for i in between(self.where("speech_verbs"), sent.start, sent.end):
            token = self.doc[i]
            # '..., a déclaré X' (parataxis) or a trailing '..., the EU and the UK have announced' (advcl)
            trailing = token.dep_ == "advcl" and token.i > cue.i and token.head.i == sent.root.i
            if (
                token.dep_ == "parataxis"
                or trailing
                or self.inverted_after(token, cue)
                or self.as_clause_over(token, cue)
            ):
                for subject in self.speech_subjects(token):
                    actors = self.main_actors(subject)
                    if actors:
                        return Source(tuple(actors), CONFIDENCE["parenthetical"])
            aside = self.aside_speakers(token, cue)  # 'The hack, Canada assesses, was ...'
            if aside:
                return Source(tuple(aside), CONFIDENCE["parenthetical"])
        return None

    def among_authors(self, actors: list[Span]) -> bool:
        """Are these the document's named authors (some of them)?"""
        authors = {a.kb_id_ for a in self.named_authors}
        return bool(authors) and {a.kb_id_ for a in actors} <= authors

    def publishes(self, verb: Token, below: Token) -> bool:
        """Is ``verb`` the publishing of a document the cue is in: 'X released an advisory on
        activity by APT40', « X a publié un rapport sur les attaques d'APT28 »? Its subject says
        what the document says."""
        if not (verb.lower_ in self.lex.authoring_verbs or verb.lower_ in self.lex.sharing_verbs):
            return False
        if below.dep_ in self.deps["obj"]:
            return below.lower_ in self.lex.authored_nouns
        # 'published an advisory today regarding X': the topic hung on the verb, not on the noun
        topics = self.lex.preps("topic")
        topic = below.lower_ in topics or any(w in topics for w in self.case_words(below))
        return topic and any(c.lower_ in self.lex.authored_nouns for c in self.children(verb, "obj"))

    def inverted_after(self, verb: Token, cue: Token) -> bool:
        """'..., a expliqué l'ANSSI' after the claim, whatever the parser's label for it: a speech
        verb after a comma, with its subject after it."""
        if verb.i < cue.i or not any(t.text == "," for t in self.doc[max(0, verb.left_edge.i - 1) : verb.i]):
            return False
        return any(s.i > verb.i for s in self.speech_subjects(verb))

    def as_clause_over(self, verb: Token, cue: Token) -> bool:
        """'as the UK revealed' hung on the cue's clause, before, inside or after it."""
        if verb.dep_ != "advcl" or verb.left_edge.i <= cue.i <= verb.right_edge.i:
            return False
        if not any(c.dep_ == "mark" and c.lower_ in self.lex.source_clause_marks for c in self.kids(verb)):
            return False
        return verb.head.i == cue.i or verb.head in cue.ancestors

    def claimant_for(
        self, cue: Token, subject: Token | None, avoid: set[int], agentless: bool = False
    ) -> tuple[list[Span], float]:
        """Claimant actors from a subject phrase; 'we'/'nous'/missing fall back on the source, and
        a dropped subject on the speaker of the sentences before (not a passive without its
        agent: 'Bureau 121 has been blamed' says nobody's name)."""
        if subject is not None and self.is_self_pronoun(subject):
            # 'We, the High Representative on behalf of the European Union, condemn'
            named = [
                a
                for c in self.kids(subject)
                # (right after 'We,'; « Nous, ministres de X et de Y, » may be parsed as a 'conj')
                if c.dep_ in ("appos", "conj") and c.left_edge.i <= subject.i + 2
                for a in self.main_actors(c)
            ]
            if named:
                return named, CONFIDENCE["subject"]
        if subject is not None and subject.lower_ in self.lex.addressee_pronouns:
            return [], 0.0  # 'You accuse Russia ..., but we have no evidence': the one spoken to
        if subject is not None and subject.pos_ == "PRON" and not self.is_self_pronoun(subject):
            subject = self.coordinated_subject(subject) or subject  # 'X and Y have seen it, and they join us'
        if subject is not None and not self.is_self_pronoun(subject):
            actors = self.speaker_actors(subject, skip={cue.i}) or self.person_before(subject)
            if actors:
                return actors, CONFIDENCE["subject"]
            ours = subject.lower_ in self.lex.document_nouns and any(
                self.is_self_pronoun(c) for c in self.children_of(subject)
            )  # 'our analysis links', « notre enquête attribue »: the speaker's own finding
            # (a grand jury, a court, unnamed investigators: who they act for is the sentence's
            # source, 'Investigators traced the attack to X, the FBI said'; and 'Mr Hampton
            # says the GCSB's international partners have attributed': the unnamed allies' word is
            # the speaker's)
            if subject.lower_ in self.lex.document_nouns:  # 'the FBI's analysis links the attack to'
                owners = self.owner_of(subject)
                if owners:
                    return owners, CONFIDENCE["owner"]
            # ('technical evidence links the attack to X, the FBI said': the finding of the source)
            evidence = subject.lower_ in self.lex.evidence_nouns
            acts_for_source = (
                subject.lower_ in self.lex.source_bodies or evidence or self.allies_named_by(subject)
            )
            if self.unnamed_government(subject):
                # 'Jen Psaki said the administration holds Russia ...', « le gouvernement tient la
                # Russie pour responsable », said by the government's official: the official's state
                source = self.source_for(cue, avoid)
                officials = [a for a in source.actors if a.label_ in ("person", "state")] if source else []
                if officials:
                    return officials, source.confidence
                # ('The Government has attributed ...' in a parliament's record: the country's)
                state = publisher_state(document_field(self.doc, "publisher"))
                if state is not None:
                    named = Span(self.doc, subject.i, subject.i + 1, label="state", kb_id=state)
                    return [named], CONFIDENCE["subject"] - INDIRECT
            if subject.pos_ != "PRON" and not acts_for_source and not ours:
                return [], 0.0
        source = self.source_for(cue, avoid)
        if source:
            return list(source.actors), source.confidence
        if not agentless and (subject is None or subject.pos_ == "PRON"):
            previous = self._previous_source(cue)
            if previous:
                return list(previous.actors), CONFIDENCE["previous_sentence"]
        return [], 0.0

    def unnamed_government(self, subject: Token) -> bool:
        """'the administration', « le gouvernement », with no state named in the phrase."""
        return (
            subject.lower_ in self.lex.government_nouns
            and any(c.lower_ in self.lex.definite_determiners for c in self.children_of(subject))
            and not any(t.i in self.actor_at for t in self.subtree_of(subject))
        )

    def person_before(self, pronoun: Token) -> list[Span]:
        """The person a 'he'/'she'/« il » subject stands for: the last one named before it, in its
        sentence or the two before, outside quotations ('Foreign Secretary Dominic Raab spoke on
        Monday. "The GRU is behind this," he said'; not 'Putin' in '"Putin did it," he said')."""
        if pronoun.lower_ not in self.lex.person_pronouns:
            return []
        sent = self.sentence_of(pronoun)
        n = self.sent_index[sent.start]

        def quoted(i: int) -> bool:
            return any(start <= self.doc[i].idx < end for start, end in self.quotes)

        # who the quote is about is not who speaks it ('"Putin did it," he said')
        told = {s.kb_id_ for i in range(sent.start, sent.end) if quoted(i) for s in self.spans_at.get(i, ())}
        for i in range(pronoun.i - 1, self.sents[max(0, n - 2)].start - 1, -1):
            people = [s for s in self.spans_at.get(i, ()) if s.label_ == "person" and s.kb_id_ not in told]
            if people and not quoted(i):
                return people[:1]
        return []

    def coordinated_subject(self, pronoun: Token) -> Token | None:
        """The subject a 'they'/'ils' of a coordinated clause stands for: 'The United Kingdom,
        Australia and Japan have seen our analysis, and they join us in denouncing'; or of a
        relative clause on the main clause's object: 'Germany summoned the ambassador over the
        hack, which it blamed on APT28', « le piratage, qu'elle impute au groupe APT28 »."""
        verb = pronoun.head
        if pronoun.lower_ in self.lex.relative_pronouns or not self.together(verb.head, verb):
            return None
        if verb.dep_ == "conj":
            main = verb.head
        elif verb.dep_ in ("relcl", "acl:relcl") and pronoun.lower_ in self.lex.group_pronouns:
            # the clause's noun is the main verb's object, or sits in a phrase under it
            main = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if main is None or not self.together(main, verb):
                return None
        else:
            return None
        subjects = [s for s in self.own_subjects(main) if s.i != pronoun.i and s.pos_ != "PRON"]
        return subjects[0] if subjects and self.main_actors(subjects[0]) else None

    def joined(self, token: Token) -> list[Span]:
        """Partners named with 'join X in', 'stands with X in condemning'."""
        current = token
        for _ in range(3):
            # ('stands in solidarity with Albania and condemns': a verb coordinated with the join
            # verb is no part of what is joined; the partner there is who is stood with)
            if current.head.i == current.i or current.dep_ == "conj":
                break
            current = current.head
            if current.lower_ in self.lex.join_verbs:
                found = []
                for obj in self.children(current, "obj"):
                    found.extend(self.main_actors(obj))
                for partner in self.prep_objects(current, self.lex.join_preps):
                    found.extend(self.main_actors(partner))
                return found
        return []
