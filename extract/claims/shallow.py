"""The shallow claim reader, for languages without a dependency parser (Spanish, German, Russian,
Chinese, Greek): who accuses whom, and who denies, read from cue words, actor mentions and clause
boundaries.

A sentence is cut at line breaks and into clauses (at ``clause_breaks``: ";", "pero", "但"). The
actors of a clause are marked by the word just before them: a victim ("contra X", "gegen X",
"对X"), an agent ("por X", "von X", "被X"), the owner of an accusation ("las acusaciones de X",
"美国的指控"). Then each cue is read by its kind (``extract/lexicons/<lang>.json``):

- ``accuse`` ('acusó', 'verurteilt', 'обвинил', '指责'): the claimant is the clause's first
  unmarked actor (its subject in these languages' usual order; in a passive, the agent), the
  accused the actors after the cue (before it when the verb comes last: German);
- ``attribute`` ('atribuyó ... a X'): as accuse, the accused after one of the cue's target words;
- ``predicate`` ('está detrás', 'steckt hinter', 'по указанию', '由 ... 实施', '資助'): a statement
  about the actor before (or after) the cue; the claimant is the sentence's source: the actor
  before a speech verb ('El FBI dice que'), after a source marker ('según X', '据X'), after a
  speech verb that follows ('..., dijo X'), else the document's official publisher. Without a
  source it is narration, not a claim;
- ``deny`` ('negó', 'bestreitet', 'отрицает', '否认') and ``baseless`` ('infundada',
  'haltlos', 'беспочвенные', '毫无根据'): a denial by the clause's subject (or the source); the
  owner of the rejected accusation is the counterpart, and accuses the denier;
- ``counter`` ('el mayor hacker', '贼喊捉贼'): the source accuses the actor before the cue of
  being the real attacker, and denies what it is accused of.

An accusation needs a cyber word in its sentence (or a threat group as the accused, or a cyber
word in the sentences just before); a denial, a cyber word within ``DENIAL_WINDOW`` sentences.
A negation just before the cue cancels it. The records and their normalisation (one claim per
claimant, stance and subject; a denial answers the nearest accusation against the denier) are
those of the parsed languages (``normalise``); people and state organs speak for their state.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span

from extract.claims.confidence import CONFIDENCE, INDIRECT, final_confidence
from extract.claims.lexicon_files import load_incident_names, load_state_organs
from extract.claims.shallow_lexicon import ShallowCue
from extract.claims.shallow_view import Actor, ShallowView
from extract.records import Claim

SHALLOW_DISCOUNT = 0.1  # a reading without a parse is less sure than one with it
DENIAL_WINDOW = 6  # a denial answers what the story told in the sentences before it
CYBER_WINDOW = 3  # 'blamed X for the attacks' right after sentences about hacking


@dataclass(frozen=True)
class Reading:
    """A claim before normalisation."""

    claimant: Span
    stance: str
    subject: Span | None
    sent: Span
    cue: Span
    degree: str
    confidence: float
    counterpart: Span | None = None
    cyber: bool = False


class ShallowReader(ShallowView):
    """Reads the claims of one document that has actor mentions but no parse."""

    # -- the readers ----------------------------------------------------------------------------

    def readings(self) -> Iterator[Reading]:
        for start, end, cue in self.cues:
            n = self.segment_of.get(start)
            if n is None:
                continue
            sent = self.segments[n]
            clause = self.clause(sent, start)
            if cue.requires_after and not self.follows(cue.requires_after, end, clause[1]):
                continue
            if self.negated(start, clause[0]) and cue.kind not in ("deny", "baseless"):
                continue
            yield from READERS[cue.kind](self, cue, self.doc[start:end], sent, clause)

    def read_accuse(self, cue: ShallowCue, span: Span, sent: Span, clause) -> Iterator[Reading]:
        confidence = CONFIDENCE["subject"]
        if cue.passive or self.passive((span.start, span.end), clause):
            agents = [a for a in self.actors_in(*clause) if a.mark == "agent"]
            if not agents:
                return  # 'Bureau 121 has been blamed' says nobody's name
            claimants = agents[:1]
            accused = [a for a in self.actors_in(clause[0], span.start) if a.mark is None]
        else:
            if any(a.mark == "owner" for a in self.actors_in(*clause)):
                return  # '美方的指控': the accusation noun, read by the denial that rejects it
            claimants = self.subjects_of_clause(sent, clause[0], span.start)
            if not claimants:
                return
            accused = self.accused_after(cue, span, clause)
            if not accused:  # 'hat ... Cyberangriffe der Gruppe APT28 ... verurteilt'
                between = self.actors_in(claimants[-1].span.end, span.start)
                accused = [a for a in between if a.mark not in ("victim", "owner")]
        for subject in [a for a in accused if a.span.label_ != "person"]:
            degree = self.degree(cue, subject)
            for claimant in claimants:
                yield Reading(claimant.span, "accuses", subject.span, sent, span, degree, confidence)

    def accused_after(self, cue: ShallowCue, span: Span, clause) -> list[Actor]:
        start = span.end
        if cue.target_words:  # 'atribuyó el ataque a X'
            targets = [i for i in range(span.end, clause[1]) if self.doc[i].lower_ in cue.target_words]
            if not targets:
                return []
            start = targets[0] + 1
        return [a for a in self.actors_in(start, clause[1]) if a.mark not in ("victim", "owner")]

    def read_predicate(self, cue: ShallowCue, span: Span, sent: Span, clause) -> Iterator[Reading]:
        before = [a for a in self.actors_in(clause[0], span.start) if a.mark not in ("victim", "owner")]
        if cue.side == "before":
            subjects = self.with_coordinated(before)
            if subjects and self.any_hit("passive_markers", subjects[-1].span.end, span.start):
                return  # '美国人事管理局网络遭黑客侵入': what stands before a passive is its victim
            if not subjects and cue.inverted:  # 'hinter dem Angriff steckt Russland', 'за атакой стоит X'
                subjects = self.accused_after(cue, span, clause)
        else:
            subjects = self.accused_after(cue, span, clause)
            # 'APT28, vinculado al GRU', 'the group was named APT-C-39 ... carried out by the CIA'
            groups = [a for a in self.actors_in(sent.start, span.start) if a.span.label_ == "group"]
            if subjects and groups and groups[-1].mark not in ("victim", "owner"):
                subjects = [groups[-1]] + subjects
        subjects = [s for s in subjects if s.span.label_ != "person"]
        if not subjects:
            return
        found = self.source(sent, span.start, {s.start for s in subjects})
        if found is None:
            return
        claimant, confidence = found
        links_group = any(s.span.label_ == "group" for s in subjects)
        for subject in subjects:
            degree = self.degree(cue, subject)
            yield Reading(
                claimant, "accuses", subject.span, sent, span, degree, confidence, cyber=links_group
            )

    def with_coordinated(self, before: list[Actor]) -> list[Actor]:
        """The nearest actor before a cue, and those coordinated or juxtaposed with it."""
        if not before:
            return []
        found = [before[-1]]
        for actor in reversed(before[:-1]):
            if actor.span.end == found[0].start or self.coordinated(actor.span, found[0].span):
                found.insert(0, actor)
            else:
                break
        return found

    def read_deny(self, cue: ShallowCue, span: Span, sent: Span, clause) -> Iterator[Reading]:
        rest = self.doc[span.end : clause[1]]
        clause_final = all(t.is_punct or t.is_space for t in rest)
        objects = self.any_hit("deny_objects", span.end, clause[1]) or self.lex.cyber.search(rest.text)
        if not (clause_final or objects):
            return  # 'se niega a aceptar la investigación' refuses, it does not deny
        if not self.cyber_near(sent, DENIAL_WINDOW):
            return
        deniers = [a.span for a in self.subjects_of_clause(sent, clause[0], span.start)]
        confidence = CONFIDENCE["subject"]
        if not deniers:
            found = self.source(sent, span.start, set())
            if found is None:
                return
            deniers, confidence = [found[0]], found[1]
        for claimant in deniers:  # 'China y Rusia negaron ...'
            yield from self.denial(claimant, span, sent, clause, confidence)

    def read_baseless(self, cue: ShallowCue, span: Span, sent: Span, clause) -> Iterator[Reading]:
        if not self.cyber_near(sent, DENIAL_WINDOW):
            return
        if self.any_hit("negations", max(sent.start, span.start - 2), span.start):
            return  # 'not groundless'
        if not self.any_hit("accusation_nouns", sent.start, sent.end):
            return  # 'irresponsible behaviour' calls no accusation baseless
        denier = self.subject_of_clause(sent, clause[0], span.start)
        found = (denier.span, CONFIDENCE["subject"]) if denier else self.source(sent, span.start, set())
        if found is None:
            return
        claimant, confidence = found
        yield from self.denial(claimant, span, sent, (sent.start, sent.end), confidence)

    def denial(self, claimant: Span, span: Span, sent: Span, clause, confidence: float) -> Iterator[Reading]:
        """A denial by the claimant; the owner of the accusation it rejects accuses the claimant."""
        owners = [a.span for a in self.actors_in(*clause) if a.mark == "owner" and a.span != claimant]
        counterpart = owners[0] if owners else None
        yield Reading(claimant, "denies", None, sent, span, "unspecified", confidence, counterpart)
        for owner in owners:
            yield Reading(
                owner, "accuses", claimant, sent, span, "unspecified", confidence - INDIRECT, cyber=True
            )

    def read_counter(self, cue: ShallowCue, span: Span, sent: Span, clause) -> Iterator[Reading]:
        """'美国是全球最大的网络攻击者', '贼喊捉贼': the source accuses the actor named before the cue."""
        before = self.actors_in(sent.start, span.start)
        if not before:
            return
        target = before[-1].span
        found = self.source(sent, span.start, {before[-1].start})
        if found is None or found[0].kb_id_ == target.kb_id_:
            return
        claimant, confidence = found
        yield Reading(claimant, "accuses", target, sent, span, "direct", confidence, cyber=True)
        if cue.denies:  # '贼喊捉贼': the thief cries 'stop thief', the accused is not the thief
            yield Reading(claimant, "denies", None, sent, span, "unspecified", confidence, counterpart=target)

    # -- records --------------------------------------------------------------------------------

    def to_claim(self, reading: Reading, country_of) -> Claim | None:
        claimant_id, speaker_id = self.speaker_state(reading.claimant, country_of)
        if reading.stance == "denies":
            subject_id = claimant_id
        else:
            subject = reading.subject
            subject_id = (
                subject.kb_id_ if subject.label_ == "person" else self.speaker_state(subject, country_of)[0]
            )
            if subject_id == claimant_id:
                return None
            cyber = reading.cyber or subject.label_ == "group" or self.is_cyber(reading.sent)
            if not cyber and not (
                self.any_hit("operation_words", reading.sent.start, reading.sent.end)
                and self.cyber_near(reading.sent, CYBER_WINDOW)
            ):
                return None
        counterpart_id = None
        if reading.counterpart is not None:
            counterpart_id = self.speaker_state(reading.counterpart, country_of)[0]
            counterpart_id = None if counterpart_id == claimant_id else counterpart_id
        if speaker_id is None:
            speaker_id = self.spokesperson(reading.sent, claimant_id, country_of)
        hedged = self.hedged(reading.sent)
        return Claim(
            claimant_id=claimant_id,
            stance=reading.stance,
            subject_id=subject_id,
            evidence=reading.sent.text,
            start_char=reading.sent.start_char,
            end_char=reading.sent.end_char,
            cue=reading.cue.text,
            speaker_id=speaker_id,
            counterpart_id=counterpart_id,
            incident=self.incident_in(reading.sent),
            degree=reading.degree if reading.stance == "accuses" else "unspecified",
            hedged=hedged,
            confidence=final_confidence(reading.confidence - SHALLOW_DISCOUNT, hedged),
        )

    def speaker_state(self, span: Span, country_of) -> tuple[str, str | None]:
        """Claimant id and speaker id: people and state organs speak for their state."""
        country = country_of(span)
        if span.label_ == "person":
            return (country, span.kb_id_) if country else (span.kb_id_, None)
        if country and span.kb_id_ in STATE_ORGANS:
            return country, None
        return span.kb_id_, None

    def spokesperson(self, sent: Span, state: str, country_of) -> str | None:
        for actor in self.actors_in(sent.start, sent.end):
            if actor.span.label_ == "person" and country_of(actor.span) == state:
                return actor.span.kb_id_
        return None

    def incident_in(self, sent: Span) -> str | None:
        """A well-known operation or malware name in the sentence (lexicons/incident_names.json)."""
        names = INCIDENT_NAMES
        match = names.search(sent.text) if names is not None else None
        return match.group() if match is not None and match.group()[:1].isupper() else None


INCIDENT_NAMES = load_incident_names()
STATE_ORGANS = load_state_organs()  # agencies whose statements are their state's
READERS = {
    "accuse": ShallowReader.read_accuse,
    "attribute": ShallowReader.read_accuse,
    "predicate": ShallowReader.read_predicate,
    "deny": ShallowReader.read_deny,
    "baseless": ShallowReader.read_baseless,
    "counter": ShallowReader.read_counter,
}
