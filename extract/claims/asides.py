"""Reporting asides set off by commas: 'The hack, Canada assesses, was conducted by China',
'which, the FBI believes, was the work of APT41', « Cette attaque, a affirmé le Canada, a été
menée par la Chine ». The parser often hangs such an aside as a relative clause or makes the
verb the sentence's root, so it is read from the words: a speech verb right before (English)
or after (French, inverted) a short actor phrase, the whole between two commas.

A quoted title set off after a document noun is the document's ('the NSA and the FBI are issuing
an advisory, "Russian SVR Targets U.S. and Allied Networks," that ...', « publient un avis, « Le
SVR cible les réseaux alliés » »): what the title says, its issuers say."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.claims.confidence import CONFIDENCE
from extract.claims.found import Source

ASIDE_WORDS = 6  # words of the speaker's phrase between the commas and the verb


class AsideReading:
    """Mixin of ``SourceFinder``: needs ``self.doc``, ``self.lex`` and ``self.actors_in``."""

    def aside_speakers(self, verb: Token, cue: Token) -> list[Span]:
        """The actors of a comma-bounded reporting aside whose verb is ``verb``, when the cue is
        outside it; [] otherwise."""
        doc = self.doc
        if verb.pos_ == "PROPN":
            return []  # a name that spells a verb: ', the U.S. Department of State, and the NSA'
        after = verb.i + 1
        if after < len(doc) and doc[after].text == ",":  # ', Canada assesses,'
            start = verb.i - 1
            while start >= 0 and verb.i - start <= ASIDE_WORDS and doc[start].text != ",":
                start -= 1
            words = doc[start + 1 : verb.i] if start >= 0 and doc[start].text == "," else None
        else:  # ', a affirmé le Canada,': the verb (with its auxiliaries) right after a comma
            first = verb.i
            while first > 0 and doc[first - 1].pos_ == "AUX":
                first -= 1
            end = verb.i + 1
            while end < len(doc) and end - verb.i <= ASIDE_WORDS and doc[end].text != ",":
                end += 1
            opened = first > 0 and doc[first - 1].text == ","
            words = doc[verb.i + 1 : end] if opened and end < len(doc) and doc[end].text == "," else None
        if not words or words[0].pos_ in ("ADP", "SCONJ") or verb.lower_ in self.lex.naming_words:
            return []  # a name, not a speaker: ', known as Volt Typhoon,'
        if any(t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") for t in words):
            return []  # not a bare speaker ("which attacked Canada said", "as it said")
        if words.start - 1 <= cue.i <= words.end:
            return []
        return self.actors_in(words)

    def titled_document_source(self, cue: Token) -> Source | None:
        """The issuers of a document whose quoted title holds the cue: the subjects of the verb
        the document noun before the title hangs on ('are issuing a cybersecurity advisory, "..."')."""
        start = next((a for a, b in self.quotes if a <= cue.idx < b), None)
        if start is None:
            return None
        before = [t for t in self.doc[max(0, cue.i - 30) : cue.i] if t.idx < start and not t.is_punct]
        # (a document that has a title, not an accusation called « sans fondement »)
        if not before or before[-1].lower_ not in self.lex.authored_nouns:
            return None
        verb = before[-1].head
        if verb.i == before[-1].i or verb.pos_ not in ("VERB", "AUX"):
            return None
        actors = [a for s in self.speech_subjects(verb) for a in self.main_actors(s)]
        return Source(tuple(actors), CONFIDENCE["reporting_verb"]) if actors else None
