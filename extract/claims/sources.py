"""Who says a sentence: a reporting verb above the cue ("X said that ..."), a parenthetical
('..., a déclaré X'), "according to X"/"selon X", the speaker of the quote or paragraph, an
introduction ('X said:') over the paragraphs it introduces, or a 'Statement by X' heading.
"""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Span, Token

from extract.claims.asides import AsideReading
from extract.claims.confidence import CONFIDENCE, INDIRECT
from extract.claims.document import DocumentVoice, document_field, publisher_state
from extract.claims.found import Source
from extract.claims.layout import between
from extract.claims.turns import QUESTION_TURN, TurnSpeakers

SIGNATORY_KINDS = frozenset({"state", "intergov", "agency"})
SIGNATORY_LINE_TOKENS = 12  # a line of a list of signatories: a name and its note

MAX_SOURCE_CLIMB = (
    12  # how far above a cue its reporting verb may be ('announced charges ... which operated on behalf of')
)
MIN_QUOTE_CHARS = 25  # shorter quotes are names or scare quotes, not speech
INTRO_PARAGRAPHS = 4  # how far a 'X said:' introduction carries (a statement's, to the next heading)
HEADING_MAX_WORDS = 12
SENTENCE_ENDS = frozenset('.!?:;»"”…')


class SourceFinder(DocumentVoice, AsideReading, TurnSpeakers):
    """The source (speaker) of each sentence."""

    @cached_property
    def context_sources(self) -> dict[int, Source]:
        """Per sentence: the quote's or paragraph's speaker, else a colon intro, else the title."""
        by_paragraph: dict[int, list[Span]] = {}
        for sent in self.sents:
            by_paragraph.setdefault(self.paragraph_of[sent.start], []).append(sent)
        sources: dict[int, Source] = {}
        title = self._title_source() or self.signatories()
        intro: Source | None = None
        intro_left = 0
        turn: Source | None = None  # a transcript's speaker, from his label to the next one
        for number in sorted(by_paragraph):
            sents = by_paragraph[number]
            if self.is_heading(sents):
                intro_left = 0  # an introduction carries to the next heading at most
            labelled, speaker = self.turn_label(sents[0])
            question = self.question_label(sents[0])
            if question is not None:  # 'Q  And on the hack ...': nobody's claim, up to the answer
                turn = QUESTION_TURN if question else None
            elif labelled:  # (a speaker of no known state leaves the turn to the title or the publisher)
                known = speaker is not None and self.country_of(speaker) is not None
                turn = Source((speaker,), CONFIDENCE["turn_speaker"]) if known else None
            paragraph_source = None
            start, end = sents[0].start_char, sents[-1].end_char
            quoted = any(
                q_start < end and q_end > start and q_end - q_start >= MIN_QUOTE_CHARS
                for q_start, q_end in self.quotes
            )
            for sent in sents:
                # '"...", said X' in a paragraph with quotes, or an inverted '..., a déclaré X'
                speaker = self._attribution(sent, inverted_only=not quoted)
                if speaker:
                    paragraph_source = Source(speaker, CONFIDENCE["quote_speaker"])
                    break
            last = sents[-1]
            last_text = self.text[last.start_char : last.end_char]
            colon = last_text.rstrip().endswith(":")
            statement_intro = self.statement_intro(last) if colon else ()
            colon_intro = statement_intro or (colon and self._attribution(last, any_verb=True))
            for sent in sents:
                chosen = paragraph_source or turn or (intro if intro_left > 0 else None) or title
                if chosen:
                    sources[sent.start] = chosen
            intro_left -= 1
            if colon_intro:
                intro = Source(colon_intro, CONFIDENCE["introduction"])
                intro_left = len(by_paragraph) if statement_intro else INTRO_PARAGRAPHS
        return sources

    def is_heading(self, sents: list[Span]) -> bool:
        """A paragraph that is one short line without a sentence's final punctuation."""
        if len(sents) != 1 or len(sents[0]) > HEADING_MAX_WORDS:
            return False
        return sents[0][-1].text[-1:] not in SENTENCE_ENDS

    def statement_intro(self, sent: Span) -> tuple[Span, ...]:
        """'X made the following statement:', 'X a fait la déclaration suivante :': X introduces
        what follows, whatever the verb."""
        for i in between(self.where("statement_words"), sent.start, sent.end):
            noun = self.doc[i]
            if not any(c.lower_ in self.lex.intro_words for c in self.kids(noun)):
                continue
            subject = self.subject_of(noun)
            if subject is not None and subject.i != noun.i:
                actors = self.speaker_actors(subject)
                if actors:
                    return tuple(actors)
        return ()

    def signatories(self) -> Source | None:
        """'Signed by:', « Signataires : » and the short lines below it: the states and bodies that
        sign a joint statement speak throughout (wherever the list stands, often at the end)."""
        for n, sent in enumerate(self.sents):
            # (a short line ending with a colon first: no Token made for the other sentences)
            if len(sent) > SIGNATORY_LINE_TOKENS or self.text[sent.end_char - 1 : sent.end_char] != ":":
                continue
            if " ".join(t.lower_ for t in sent if t.is_alpha) not in self.lex.signatory_headings:
                continue
            found: list[Span] = []
            for line in self.sents[n + 1 :]:
                if len(line) > SIGNATORY_LINE_TOKENS:
                    break
                found += [a for a in self.actors_in(line) if a.label_ in SIGNATORY_KINDS and a not in found]
            if len({a.kb_id_ for a in found}) > 1:
                return Source(tuple(found), CONFIDENCE["heading"])
        return None

    def _title_source(self) -> Source | None:
        """'Statement by X' / 'Remarks by X' heading the text: X speaks throughout."""
        for heading in self.sents[:3]:
            actors = []
            for i in between(self.where("statement_words"), heading.start, heading.end):
                word = self.doc[i]
                for author in self.prep_objects(word, self.lex.preps("heading_author")):
                    actors += self.actors_in(self.phrase_tokens(author))
                for modifier in self.kids(word):
                    if modifier.dep_ in ("compound", "amod", "poss", "nmod:poss") and modifier.i < word.i:
                        actors += self.actors_in(self.phrase_tokens(modifier))
            if not actors:
                continue
            people = [a for a in actors if a.label_ == "person"]
            if people:  # a speaker whose state we do not know is no source for the state's claims
                people = [p for p in people if self.speaker_state(p)[1] is not None]
                return Source(tuple(people), CONFIDENCE["heading"]) if people else None
            if actors:
                return Source(tuple(actors), CONFIDENCE["heading"])
        return None

    def _attribution(
        self, sent: Span, any_verb: bool = False, inverted_only: bool = False
    ) -> tuple[Span, ...]:
        """The speaker of a sentence like '"...", said X' / 'X said:' / '..., a déclaré X'."""
        for i in between(self.where("speech_verbs"), sent.start, sent.end):
            token = self.doc[i]
            if any_verb or token.dep_ in self.deps["parenthetical"]:
                for subject in self.speech_subjects(token):
                    if inverted_only and subject.i < token.i:
                        continue
                    actors = self.speaker_actors(subject)
                    if actors:
                        return tuple(actors)
        return ()

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
        for i in between(self.where("speech_verbs"), sent.start, cue.i):
            aside = self.aside_speakers(self.doc[i], cue)  # 'The EU ..., which, Canada assesses, was'
            if aside:
                return Source(tuple(aside), CONFIDENCE["parenthetical"])
        ancestor, below = cue.head, cue
        path = {cue.i}
        for _ in range(MAX_SOURCE_CLIMB):
            # 'voiced concern over ...', 'shares the concerns of the US regarding ...'
            stance = ancestor.lower_ in self.lex.stance_verbs or self.shares_concern(ancestor)
            # (« soutenir que » says; « le Kremlin soutient les cyberattaques du GRU » backs them)
            backs = ancestor.lower_ in self.lex.support_verbs and below.dep_ in self.deps["obj"]
            says = ancestor.lower_ in self.lex.speech_verbs and not backs
            if says or stance or self.publishes(ancestor, below):
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
                subjects = self.speech_subjects(ancestor) + (
                    [] if active else self.children(ancestor, "agent")
                )
                if (
                    not subjects
                    and ancestor.dep_ in ("xcomp", "advcl")
                    and self.together(ancestor.head, ancestor)
                ):
                    # 'se joint aux États-Unis pour exprimer ses préoccupations': who joins expresses
                    controller = self.subject_of(ancestor.head)
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
                        partners += self.joined(
                            ancestor
                        )  # ('joins the US in condemning', « se joint aux États-Unis pour »)
                        actors += [a for a in partners if a not in actors]
                        if ancestor.lower_ in self.lex.authoring_verbs and self.among_authors(actors):
                            actors = list(self.named_authors)  # the document's own publication
                        return Source(tuple(actors), confidence)
                for agent in [] if active else self.prep_objects(ancestor, self.lex.preps("agent")):
                    actors = self.main_actors(agent)
                    if actors:
                        return Source(tuple(actors), confidence)
            if ancestor.head.i == ancestor.i or not self.together(ancestor.head, cue):
                break
            path.add(ancestor.i)
            ancestor, below = ancestor.head, ancestor
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
        marked = self._source_marker(sent) or self.belief_source(cue) or self.opinion_source(cue)
        if marked:
            return marked
        misread = self.named_before_misread_verb(sent, cue, self.lex.speech_verbs | self.lex.stance_verbs)
        if misread:
            return Source(tuple(misread), CONFIDENCE["reporting_verb"])
        return self.context_sources.get(sent.start) or self.document_source

    def belief_source(self, cue: Token) -> Source | None:
        """'The UK is confident (that) the GRU was behind ...', 'Canada is of the view that ...',
        « le Canada est d'avis que ... », « n'a aucun doute que »: whose conviction the rest of the
        sentence is, however the parser hung it (the actors of the clause before the phrase)."""
        by_initial = self.lex.belief_keys_by_initial
        if not by_initial:
            return None
        sent = self.sentence_of(cue)
        # (over the adverbs of degree: 'is almost certain', « est quasiment certain »)
        kept = [
            t
            for t in self.doc[sent.start : cue.i]
            if t.pos_ != "ADV" or not t.is_alpha or t.lower_ in self.lex.negations  # (« n' » stays)
        ]
        compact = [t.lower_.replace("’", "'") for t in kept]
        for n in range(len(compact)):
            for wanted in by_initial.get(compact[n][:1], ()):
                if not wanted.startswith(compact[n]):
                    continue  # (most words start no phrase)
                joined, k = "", n
                while k < len(compact) and len(joined) < len(wanted):
                    joined += compact[k]
                    k += 1
                if joined != wanted:
                    continue
                start = kept[n].i
                opening = start  # the holder: back to the sentence's start or a comma
                while opening > sent.start and self.doc[opening - 1].text != ",":
                    opening -= 1
                actors = self.actors_in(self.doc[opening:start])
                if actors:
                    return Source(tuple(actors), CONFIDENCE["reporting_verb"])
        return None

    def opinion_source(self, cue: Token) -> Source | None:
        """'It is the assessment of the Netherlands that Russia is responsible', 'The UK's view is
        that ...': the holder of an opinion noun says the clause it opens (the cue is after the
        clause's 'that' / « que », which is hung inside what the noun governs or beside it)."""
        sent = self.sentence_of(cue)
        for noun in self.doc[sent.start : cue.i]:
            if noun.lower_ not in self.lex.opinion_nouns:
                continue
            holders = self.prep_objects(noun, self.lex.preps("genitive")) + [
                c for c in self.kids(noun) if c.dep_ in ("poss", "nmod:poss")
            ]
            actors = [a for h in holders for a in self.main_actors(h)]
            opens = any(
                t.lower_ in self.lex.content_marks and t.dep_ == "mark" and cue in t.head.subtree
                for t in self.doc[noun.i + 1 : cue.i]
            )
            if actors and opens:
                return Source(tuple(actors), CONFIDENCE["reporting_verb"])
        return None

    def relative_clause_source(self, cue: Token) -> Source | None:
        """« la cyberopération, qui, selon l'évaluation des États-Unis, a été menée par la Russie »:
        a source marker inside the cue's own relative clause says whose view the clause is, whoever
        speaks the sentence around it."""
        clause = cue
        for _ in range(MAX_SOURCE_CLIMB):
            if clause.dep_ in self.deps["noun_mod"] or clause.head.i == clause.i:
                break
            clause = clause.head
        if clause.dep_ not in self.deps["noun_mod"]:
            return None
        for child in self.kids(clause):
            if self.opens_source(child):
                actors = self.actors_in(self.subtree_of(child))
                if actors:
                    return Source((actors[0],), CONFIDENCE["source_marker"])
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

    def _source_marker(self, sent: Span) -> Source | None:
        opening = self.opening_source(sent)
        if opening is not None:
            return opening
        for i in between(self.where("source_marker_starts"), sent.start, sent.end):
            token = self.doc[i]
            for marker in self.lex.source_markers:
                if token.lower_ != marker[0]:
                    continue
                if (
                    len(marker) > 1
                    and not any(c.lower_ == marker[1] for c in self.children_of(token))
                    and (token.i + 1 >= len(self.doc) or self.doc[token.i + 1].lower_ != marker[1])
                ):
                    continue
                objects = [c for c in self.subtree_of(token) if c.i != token.i]
                linked = [c for c in self.children_of(token) if len(marker) > 1 and c.lower_ == marker[1]]
                if linked:  # 'According to the indictment, ... the MSS': what 'to' governs, not a
                    # sentence the parser hung on 'According'
                    objects = [c for c in self.subtree_of(linked[0]) if c.i != linked[0].i]
                if token.dep_ == "case":
                    objects = self.source_phrase(token)
                    if token.head.lower_ in self.lex.relative_pronouns:
                        return self.endorser(token.head)
                actors = self.actors_in(objects)
                if actors:
                    # 'according to FireEye and CrowdStrike', « selon plusieurs entreprises, dont
                    # FireEye et CrowdStrike »: each coordinated source, else the first one named
                    governed = (
                        [c for c in self.children_of(linked[0]) if c.i in {o.i for o in objects}]
                        if linked
                        else []
                    )
                    head = token.head if token.dep_ == "case" else next(iter(governed or objects), None)
                    listed = self.main_actors(head) if head is not None else []
                    # (not a threat group the parser joined to it: « Selon l'ANSSI, APT28, un mode
                    # opératoire associé au GRU, a ciblé »)
                    chosen = [a for a in listed if a in actors and a.label_ != "group"] or actors[:1]
                    return Source(tuple(chosen), CONFIDENCE["source_marker"])
        return None

    def source_phrase(self, marker: Token) -> list[Token]:
        """The phrase a source marker opens. « Selon les États-Unis(ROOT), la Corée du Nord serait
        derrière »: a parser that hangs the whole sentence on the source's name makes its phrase
        end at the last comma before the sentence's first verb."""
        head = marker.head
        phrase = list(self.subtree_of(head))
        if head.dep_ != "ROOT" or head.pos_ in ("VERB", "AUX"):
            return phrase
        verb = next((t.i for t in phrase if t.i > head.i and t.pos_ in ("VERB", "AUX")), None)
        commas = [t.i for t in phrase if t.text == "," and head.i < t.i < (verb or -1)]
        return [t for t in phrase if t.i < commas[-1]] if commas else phrase

    def opening_source(self, sent: Span) -> Source | None:
        """« Pour Washington, il ne fait aucun doute que ... », 'For London, ...': an opening 'for'
        phrase of actors only, closed by a comma, says whose view the sentence is."""
        first = sent[0]
        if first.lower_ not in self.lex.opening_source_markers:
            return None
        for i in range(first.i + 1, min(sent.end, first.i + 7)):
            if self.doc[i].text == ",":
                actors = self.actors_in(self.doc[first.i + 1 : i])
                return Source((actors[0],), CONFIDENCE["source_marker"]) if actors else None
        return None

    def endorser(self, relative: Token) -> Source | None:
        """'L'ANSSI a examiné les éléments ..., selon lesquels le GRU serait à l'origine de
        l'attaque': whoever examines, reviews or cites the findings the clause reports."""
        clause = next((a for a in relative.ancestors if a.dep_ in self.deps["noun_mod"]), None)
        if clause is None or clause.head.pos_ not in ("NOUN", "PROPN"):
            return None
        subject = self.subject_of(clause.head.head) if clause.head.dep_ in self.deps["obj"] else None
        actors = self.speaker_actors(subject) if subject is not None else []
        return Source(tuple(actors), CONFIDENCE["source_marker"]) if actors else None

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
            # (a grand jury, a court: who they act for is the sentence's source; and 'Mr Hampton
            # says the GCSB's international partners have attributed': the unnamed allies' word is
            # the speaker's)
            acts_for_source = subject.lower_ in self.lex.legal_bodies or self.allies_named_by(subject)
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

    def _previous_source(self, cue: Token) -> Source | None:
        """The speaker of the sentence before (for a dropped or garbled pronoun subject)."""
        n = self.sent_index[self.sentence_of(cue).start]
        for previous in reversed(self.sents[max(0, n - 3) : n]):
            speaker = self._attribution(previous, any_verb=True)
            if speaker:
                return Source(speaker, CONFIDENCE["previous_sentence"])
        return None

    def joined(self, token: Token) -> list[Span]:
        """Partners named with 'join X in', 'stands with X in condemning'."""
        current = token
        for _ in range(3):
            if current.head.i == current.i:
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
