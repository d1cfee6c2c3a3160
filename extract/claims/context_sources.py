"""Who speaks where the sentence itself names no source: the speaker of a quote or a paragraph
('"...", said X'), a transcript's turn, an introduction ('X said:') over the paragraphs it
introduces, a 'Statement by X' title or the signatories of a joint statement."""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Span, Token

from extract.claims.asides import AsideReading
from extract.claims.confidence import CONFIDENCE
from extract.claims.document import DocumentVoice
from extract.claims.found import Source
from extract.claims.layout import between
from extract.claims.turns import QUESTION_TURN, TurnSpeakers

SIGNATORY_KINDS = frozenset({"state", "intergov", "agency"})
SIGNATORY_LINE_TOKENS = 12  # a line of a list of signatories: a name and its note
MIN_QUOTE_CHARS = 25  # shorter quotes are names or scare quotes, not speech
INTRO_PARAGRAPHS = 4  # how far a 'X said:' introduction carries (a statement's, to the next heading)
HEADING_MAX_WORDS = 12
SENTENCE_ENDS = frozenset('.!?:;»"”…')


class ContextSources(DocumentVoice, AsideReading, TurnSpeakers):
    """The source of each sentence from its context (quote, paragraph, introduction, title)."""

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

    def _previous_source(self, cue: Token) -> Source | None:
        """The speaker of the sentence before (for a dropped or garbled pronoun subject)."""
        n = self.sent_index[self.sentence_of(cue).start]
        for previous in reversed(self.sents[max(0, n - 3) : n]):
            speaker = self._attribution(previous, any_verb=True)
            if speaker:
                return Source(speaker, CONFIDENCE["previous_sentence"])
        return None
