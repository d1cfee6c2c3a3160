"""What the words around a cue say, without a parse: sentences cut at line breaks, clauses,
the actor mentions with the mark the word before them gives (victim, agent, owner of an
accusation), hedges, negations, and who says a sentence. The base of ``shallow.ShallowReader``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span

from extract.claims.confidence import CONFIDENCE
from extract.claims.shallow_lexicon import CJK, ShallowCue, ShallowLexicon

MARKER_REACH = 2  # tokens between a marker and the actor it marks ('por el gobierno X')
OWNER_REACH = 3  # tokens between an accusation noun and its owner ('acusaciones de Estados Unidos')
COORDINATION = frozenset({",", "、", "/"})


@dataclass(frozen=True)
class Actor:
    """An actor mention with what the words before it make of it."""

    span: Span
    mark: str | None  # victim | agent | owner | None

    @property
    def start(self) -> int:
        return self.span.start


class ShallowView:
    """One document's sentences, clauses, marked actors and word lists, for the shallow readers."""

    def __init__(self, doc: Doc, lex: ShallowLexicon, hits: dict[str, list[tuple[int, int]]], cues, voice):
        self.doc = doc
        self.lex = lex
        self.hits = hits  # list name -> (start, end) token spans of its forms
        self.cues = cues  # (start, end, ShallowCue), longest first where they overlap
        self.voice = voice  # (actor id, kind) of the official publisher, or None
        self.starts = {name: {s for s, _ in spans} for name, spans in hits.items()}
        self.ends = {name: {e for _, e in spans} for name, spans in hits.items()}

    # -- layout ---------------------------------------------------------------------------------

    @cached_property
    def segments(self) -> list[Span]:
        """The sentences, cut at line breaks (a heading or a dateline stands alone)."""
        found = []
        for sent in self.doc.sents:
            start = sent.start
            for token in sent:
                if "\n" in token.text:
                    if token.i > start:
                        found.append(self.doc[start : token.i])
                    start = token.i + 1
            if start < sent.end:
                found.append(self.doc[start : sent.end])
        return [s for s in found if s.text.strip()]

    @cached_property
    def segment_of(self) -> dict[int, int]:
        return {i: n for n, seg in enumerate(self.segments) for i in range(seg.start, seg.end)}

    @cached_property
    def breaks(self) -> list[int]:
        """Token indices where a clause starts (after a break word or mark); a comma between two
        actors joins them ('Rusia, China e Irán')."""
        ends = {a.span.end for a in self.actors}
        determiners = self.lex.words("determiners")
        joined = set()
        for actor in self.actors:  # the comma before an actor ('y el Reino Unido' after 'Estados Unidos,')
            i = actor.start - 1
            while i > 0 and self.doc[i].lower_ in determiners:
                i -= 1
            if i in ends:
                joined.add(i)
        return sorted(end for start, end in self.hits.get("clause_breaks", ()) if start not in joined)

    def clause(self, sent: Span, i: int) -> tuple[int, int]:
        """The token range of the clause of ``sent`` that holds token ``i``."""
        start = max([b for b in self.breaks if sent.start < b <= i], default=sent.start)
        end = min([b - 1 for b in self.breaks if i < b - 1 < sent.end], default=sent.end)
        for s in self.breaks:  # the break word itself ends the clause
            if i < s - 1 < end:
                end = s - 1
        return start, end

    # -- actors ---------------------------------------------------------------------------------

    @cached_property
    def actors(self) -> list[Actor]:
        spans = sorted(self.doc.spans.get("actors", []), key=lambda s: s.start)
        found: list[Actor] = []
        for span in spans:
            mark = self.mark_before(span.start)
            if mark is None and found and self.coordinated(found[-1].span, span):
                mark = found[-1].mark  # 'contra Alemania y Francia': both victims
            if mark is None and span.label_ in ("company", "other") and self.after_operation(span.start):
                mark = "victim"  # 'во взломе серверов Microsoft', 'the hack of the Bundestag'
            found.append(Actor(span, mark))
        return found

    def after_operation(self, start: int) -> bool:
        return any(end in self.ends.get("operation_words", ()) for end in range(max(0, start - 3), start + 1))

    def mark_before(self, start: int) -> str | None:
        if self.lex.owner_side == "after":
            # 'las acusaciones de Estados Unidos': only genitive words between the noun and its owner
            words = self.lex.words("owner_markers")
            for end in range(max(0, start - OWNER_REACH), start + 1):
                if end in self.ends.get("accusation_nouns", ()) and all(
                    t.lower_ in words for t in self.doc[end:start]
                ):
                    return "owner"
        elif self.owns_accusation_after(start):
            return "owner"
        for mark, name, reach in (
            ("agent", "agent_markers", MARKER_REACH),
            ("victim", "victim_markers", self.lex.victim_reach),
        ):
            if any(end in self.ends.get(name, ()) for end in range(max(0, start - reach), start + 1)):
                return mark
        return None

    def owns_accusation_after(self, start: int) -> bool:
        """'美国的指控', or '否认美方指控': an owner before the noun, with a possessive word between or
        a denial just before it (else '美国指控中国' is a subject and its verb)."""
        end = next(a.end for a in self.doc.spans.get("actors", []) if a.start == start)
        nouns = [s for s in self.starts.get("accusation_nouns", ()) if end <= s < end + OWNER_REACH]
        if not nouns:
            return False
        if self.any_hit("owner_markers", end, nouns[0]):
            return True
        return nouns[0] == end and any(
            e in (start, start - 1) for s, e, cue in self.cues if cue.kind in ("deny", "baseless")
        )

    def coordinated(self, first: Span, second: Span) -> bool:
        """'Rusia, China e Irán', 'die USA und die EU': only commas, conjunctions and articles between."""
        between = self.doc[first.end : second.start]
        joining = [t for t in between if t.text in COORDINATION or t.lower_ in self.lex.words("coordinators")]
        articles = self.lex.words("determiners")
        return (
            0 < len(between) <= 3
            and bool(joining)
            and all(t in joining or t.lower_ in articles for t in between)
        )

    def actors_in(self, start: int, end: int) -> list[Actor]:
        return [a for a in self.actors if start <= a.start < end]

    # -- what the words around a cue say --------------------------------------------------------

    def any_hit(self, name: str, start: int, end: int) -> bool:
        return any(start <= s < end for s in self.starts.get(name, ()))

    def follows(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """Is one of ``words`` among the tokens start..end (for Chinese, in their text)?"""
        rest = self.doc[start:end]
        lowered = {t.lower_ for t in rest}
        return any(w in lowered or (CJK.search(w) and w in rest.text) for w in words)

    def negated(self, cue_start: int, clause_start: int) -> bool:
        """A negation just before the cue, in its clause ('nicht' may stand far before it in German)."""
        return self.any_hit("negations", max(clause_start, cue_start - self.lex.negation_reach), cue_start)

    def passive(self, cue: tuple[int, int], clause: tuple[int, int]) -> bool:
        start, end = cue
        return self.any_hit("passive_markers", max(clause[0], start - 3), start) or self.any_hit(
            "passive_markers", end, min(clause[1], end + 2)
        )

    def is_cyber(self, sent: Span) -> bool:
        return bool(self.lex.cyber.search(sent.text))

    def cyber_near(self, sent: Span, window: int) -> bool:
        n = self.segment_of[sent.start]
        return any(self.is_cyber(s) for s in self.segments[max(0, n - window) : n + 1])

    def hedged(self, sent: Span) -> bool:
        return self.any_hit("hedges", sent.start, sent.end)

    def degree(self, cue: ShallowCue, subject: Actor) -> str:
        near = self.any_hit("sponsored_markers", max(0, subject.start - 4), subject.span.end + 4)
        return "sponsored" if near else cue.degree

    # -- who says it ----------------------------------------------------------------------------

    def subject_of_clause(self, sent: Span, start: int, cue_start: int) -> Actor | None:
        """The first unmarked actor of the clause before the cue, else of the sentence before it."""
        found = self.subjects_of_clause(sent, start, cue_start)
        return found[0] if found else None

    def subjects_of_clause(self, sent: Span, start: int, cue_start: int) -> list[Actor]:
        """That actor and those coordinated with it ('Estados Unidos, el Reino Unido y la UE')."""
        for begin in (start, sent.start):
            found = [a for a in self.actors_in(begin, cue_start) if a.mark is None]
            if found:
                chain = [found[0]]
                for actor in found[1:]:
                    if not self.coordinated(chain[-1].span, actor.span):
                        break
                    chain.append(actor)
                return chain
        return []

    def source(self, sent: Span, cue_start: int, avoid: set[int]) -> tuple[Span, float] | None:
        """Who says the sentence (a threat group does not speak)."""
        groups = {a.start for a in self.actors_in(sent.start, sent.end) if a.span.label_ == "group"}
        return self.speaker_of(sent, cue_start, avoid | groups)

    def speaker_of(self, sent: Span, cue_start: int, avoid: set[int]) -> tuple[Span, float] | None:
        """Who says the sentence: 'según X', 'X citó a Y' (Y), 'X dijo que ...' (the nearest speech
        verb before the cue and the nearest actor before it), '..., dijo X', the publisher."""
        for name, confidence in (("source_markers", "source_marker"), ("citing_verbs", "reporting_verb")):
            for start, end in self.hits.get(name, ()):
                if sent.start <= start < cue_start:
                    after = [a for a in self.actors_in(end, cue_start) if a.start not in avoid]
                    if after and after[0].start - end <= MARKER_REACH + 1:
                        return after[0].span, CONFIDENCE[confidence]
        speech = sorted(s for s, _ in self.hits.get("speech_verbs", ()) if sent.start <= s < sent.end)
        for start in reversed([s for s in speech if s < cue_start]):
            before = [a for a in self.actors_in(sent.start, start) if a.mark is None and a.start not in avoid]
            if before:
                return before[-1].span, CONFIDENCE["reporting_verb"]
        for start in [s for s in speech if s > cue_start]:
            after = [a for a in self.actors_in(start, sent.end) if a.start not in avoid]
            if after and after[0].start - start <= 4:
                return after[0].span, CONFIDENCE["parenthetical"]
        if self.voice is not None:
            actor_id, kind = self.voice
            return Span(self.doc, 0, 1, label=kind, kb_id=actor_id), CONFIDENCE["publisher"]
        return None
