"""Lists of the parties a measure names: 'Those targeted include the GRU's Unit 74455 and Chosun
Expo', « Parmi les entités visées figurent l'unité 74455 du GRU ». In a text that announces
sanctions or charges, whoever takes the measure accuses each actor the list names."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from extract.claims.confidence import CONFIDENCE, INDIRECT
from extract.claims.cues import Cue
from extract.claims.found import Found, Source
from extract.claims.sources import SourceFinder

# who may be named as the target of a measure (not its victims: a ministry, a bank, a party)
LISTED_KINDS = frozenset({"group", "agency", "company", "person", "state"})
BODY_KINDS = frozenset({"group", "agency"})  # what the members a measure names may belong to
# the measures a listing refers to are announced this many sentences before it, at most
MEASURE_REACH = 4


class ListingReading(SourceFinder):
    def read_listing(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'Those targeted include X and Y', « Parmi les entités visées figurent X »: the
        participle describes the listed parties of a measure announced just before."""
        if not self.measure_before(token):
            return
        described = token.head if token.dep_ in self.deps["noun_mod"] | {"amod"} else token
        if any(c.dep_ == "cop" for c in self.kids(described)):
            # UD: « X et Y sont des officiers du FSB », the predicate noun heads the clause and
            # its subjects are the listed parties
            listed_words = [t for c in self.children(described, "subj") for t in self.subtree_of(c)]
            phrase = {t.i for t in self.subtree_of(described)} - {t.i for t in listed_words}
        else:
            verb = self.listing_verb(described)
            if verb is None:
                return
            phrase = {t.i for t in self.subtree_of(described)}
            listed_words = [t for t in self.subtree_of(verb) if t.i not in phrase]
        if token.pos_ == "NOUN" and not any(
            i in self.actor_at for i in range(token.i + 1, self.sentence_of(token).end)
        ):
            return  # of no body: 'The US and the UK are leaders in the global fight against cybercrime'
        listed = [a for a in self.actors_in(listed_words) if a.label_ in LISTED_KINDS]
        if all(a.label_ == "person" for a in listed):
            # 'The defendants in this case were all members of Military Unit 74455', 'X and Y are
            # officers of the FSB': the body the listed people belong to is accused with them
            body = [self.doc[i] for i in sorted(phrase) if i > token.i]
            listed += [a for a in self.actors_in(body) if a.label_ in BODY_KINDS and a not in listed]
        source = self.source_for(token, phrase)
        if source is None or source is self.document_source:
            # (who took the measure says more than the publisher's voice)
            source = self.measure_taker(token) or source
        if source is None:
            return
        cyber = self.cyber_context(token, window=MEASURE_REACH)  # (sanctions for cyber-attacks)
        for subject in listed:
            for claimant in source.actors:
                if subject not in source.actors:
                    confidence = source.confidence - INDIRECT
                    yield Found(claimant, cue.stance, subject, token, cue.degree, confidence, cyber=cyber)

    def listing_verb(self, described: Token) -> Token | None:
        """The 'include'/'are'/« figurer » whose subject (or whose 'among'/« parmi » phrase) is
        the described parties."""
        current = described
        for _ in range(3):  # 'Those | targeted', « Parmi | les entités | visées »
            head = current.head
            if head.lower_ in self.lex.partner_list_verbs | self.lex.listing_verbs:
                return head
            if head.i == current.i:
                return None
            current = head
        return None

    def measure_taker(self, token: Token) -> Source | None:
        """Who took the measure announced just before ('Australia has imposed sanctions on three
        citizens. X, Y and Z hold senior roles in Evil Corp.'): the subject of its verb."""
        before = range(self.measure_window(token).start, self.sentence_of(token).start)
        for word in (self.doc[i] for i in reversed(before) if self.doc[i].lower_ in self.lex.measure_words):
            verb = word if word.pos_ == "VERB" else word.head
            subject = self.subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            actors = self.main_actors(subject) if subject is not None else []
            if actors:
                return Source(tuple(actors), CONFIDENCE["subject"])
        return None

    def measure_window(self, token: Token) -> range:
        """The tokens of the cue's sentence and of the few before it, where its measure is told."""
        sentence = self.sentence_of(token)
        n = self.sent_index[sentence.start]
        return range(self.sents[max(0, n - MEASURE_REACH)].start, sentence.end)

    def measure_before(self, token: Token) -> bool:
        """Is a sanction or a charge announced in this sentence or the few before it?"""
        return any(self.doc[i].lower_ in self.lex.measure_words for i in self.measure_window(token))
