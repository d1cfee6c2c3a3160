"""Sources that a phrase of the sentence marks: "according to X", « selon X », an opening « Pour
Washington, », a conviction ('The UK is confident that'), an opinion noun ('It is the assessment
of the Netherlands that'), a marker inside the cue's own relative clause."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.claims.confidence import CONFIDENCE
from extract.claims.context_sources import ContextSources
from extract.claims.found import Source
from extract.claims.layout import between

MAX_SOURCE_CLIMB = (
    12  # how far above a cue its reporting verb may be ('announced charges ... which operated on behalf of')
)


class MarkedSources(ContextSources):
    """The source a marker phrase of the sentence names."""

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
