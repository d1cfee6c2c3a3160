"""From what a reader found to a ``Claim`` record: persons, ministries and spokespeople speak for
their state (the claimant is the state, the person the speaker), an accusation needs a cyber
context, and one claim is kept per (claimant, stance, subject)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Span, Token

from extract.claims.confidence import final_confidence
from extract.claims.context import ClaimContext
from extract.claims.cues import Cue
from extract.claims.found import Found
from extract.claims.phrases import state_mention
from extract.records import Claim


class ClaimNormaliser(ClaimContext):
    def speaker_state(self, span: Span) -> tuple[str, str | None]:
        """Claimant id and speaker id: people and state organs speak for their state."""
        country = self.country_of(span)
        if span.label_ == "person":
            if country and not self.former(span):
                return country, span.kb_id_
            return span.kb_id_, None  # 'ex-GCHQ engineer Tom Doe' speaks for himself
        if country and span.kb_id_ in self.lex.state_organ_ids:
            return country, None
        # 'the Chinese foreign ministry' describes an organ of the state; a named agency ('the
        # Office of Personnel Management', 'ministère de la Sécurité d'État') is itself
        described = span.has_extension("actor_role") and span._.actor_role == "description"
        if country and described and span.label_ not in ("state", "intergov", "group", "company"):
            if {t.lower_ for t in span} & self.lex.state_organ_words:
                return country, None
        return span.kb_id_, None

    def body_of(self, person: Span) -> Span | None:
        """The agency or company a person's title names: 'Mike Rogers, directeur de la NSA', 'NCSC Director
        of Operations Paul Chichester', 'the Director-General of the GCSB, Andrew Hampton' (not a
        ministry or department: there the state speaks; not a former post)."""
        if self.former(person):
            return None
        title = self.title_of(person)
        for token in title:
            for span in self.spans_at.get(token.i, ()):
                if span.label_ in ("agency", "company") and span.kb_id_ not in self.lex.state_organ_ids:
                    return span  # ('Stuart McClure, Cylance founder and CEO': the company's voice)
        if any(t.lower_ in self.lex.head_titles for t in title):  # 'Director-General Andrew Hampton said'
            publisher = self.document_source
            agencies = [a for a in publisher.actors if a.label_ == "agency"] if publisher else []
            if len(agencies) == 1 and agencies[0].kb_id_ not in self.lex.state_organ_ids:
                return agencies[0]  # (in the release of the agency he heads)
        return None

    def title_voice(self, person: Span) -> str | None:
        """Who a person speaks for by his title: the agency or company it names ('Mike Rogers,
        directeur de la NSA'; also at another mention: 'the Director-General of the GCSB, Andrew
        Hampton', then 'Mr Hampton said'), else, for a person with no state of his own, the one
        state named in what a head's title is head of ('Gholamreza Jalali, the head of Iranian
        civil defense', « le chef de la défense civile iranienne »)."""
        if self.former(person):
            return None  # ('ex-GCHQ engineer Tom Doe' speaks for himself)
        bodies = (self.body_of(m) for m in [person, *self.mentions_of(person.kb_id_)])
        body = next((b for b in bodies if b is not None), None)
        if body is not None:
            return body.kb_id_
        if self.country_of(person):
            return None
        heads = [t for t in self.title_of(person) if t.lower_ in self.lex.head_titles]
        # what the title is head "of", and its own modifiers (not 'head of research at a Swedish
        # university': a university is no organ of its state)
        nouns = [n for h in heads for n in self.prep_objects(h, self.lex.preps("genitive"))]
        words = nouns + [c for n in nouns for c in self.kids(n) if c.i < n.i or c.pos_ == "ADJ"]
        words += [c for w in words for c in self.kids(w) if c.dep_ == "conj"]  # ('the Dutch and Belgian')
        states = {s.kb_id_ for t in words for s in self.spans_at.get(t.i, ()) if s.label_ == "state"}
        adjectives = (state_mention(self.doc, t) for t in words if t.pos_ == "ADJ")
        states |= {m.kb_id_ for m in adjectives if m is not None}
        return next(iter(states)) if len(states) == 1 else None

    def organ_state_of(self, person: Span) -> str | None:
        """The state whose ministry or department a person's title names ('Assistant Attorney General
        X of the Justice Department's National Security Division'): he speaks for that state."""
        for token in [] if self.former(person) else self.title_of(person):
            for span in self.spans_at.get(token.i, ()):
                if span.kb_id_ in self.lex.state_organ_ids and self.country_of(span):
                    return self.country_of(span)
        return None

    def title_of(self, person: Span) -> list[Token]:
        """The words of a person's title: before the name, in an apposition, after 'of'."""
        root = person.root
        title: list[Token] = list(self.doc[root.left_edge.i : person.start])  # 'NCSC Director of Operations'
        genitive = self.lex.preps("genitive")
        for child in self.children_of(root):
            after_comma = child.i > root.i and self.doc[child.left_edge.i - 1].text == ","
            if child.dep_ == "appos" or (child.dep_ == "nmod" and after_comma):
                title += list(self.subtree_of(child))  # ', directeur de la NSA,' (or parsed as a modifier)
            elif child.i > root.i and (child.lower_ in genitive or set(self.case_words(child)) & genitive):
                title += list(self.subtree_of(child))  # 'Deputy Director Paul Abbate | of the FBI'
        if root.dep_ == "appos":  # 'the Director-General of the GCSB, Andrew Hampton'
            person_part = {t.i for t in self.subtree_of(root)}
            title += [t for t in self.subtree_of(root.head) if t.i not in person_part]
        for sibling in self.children_of(root.head) if root.head.i != root.i else ():
            # 'The Director-General of the GCSB Andrew Hampton has': the title parsed as a second subject
            if sibling.dep_ == root.dep_ and sibling.right_edge.i == person.start - 1:
                title += list(self.subtree_of(sibling))
        return title

    def own_state_body(self, claimant: Span, subject: Span) -> bool:
        """Is the accused the claimant's own state or one of its state's bodies ('The Government of
        Canada, through the CSE ...' said by the CSE; 'The UK is confirming ...' by the NCSC)?"""
        if subject.label_ not in ("state", "agency") or (
            claimant.label_ == "person" and self.former(claimant)
        ):
            return False  # ('ex-GCHQ engineer Tom Doe says the British government hacked': his own voice)
        if claimant.label_ == "company":
            return False  # ('Kaspersky linked the attackers to Russian intelligence': no organ of its state)
        home = self.country_of(claimant) or (claimant.kb_id_ if claimant.label_ == "state" else None)
        return home is not None and (self.country_of(subject) or subject.kb_id_) == home

    def mentions_of(self, actor_id: str) -> list[Span]:
        return [span for span in self.doc.spans.get("actors", []) if span.kb_id_ == actor_id]

    def former(self, person: Span) -> bool:
        """'ex-GCHQ engineer Tom Doe', 'former NSA contractor', 'l'ancien agent': no longer an
        official, so not the voice of the state; nor yet one: 'presidential nominee Jane Roe',
        « la candidate »."""
        start = max(person.sent.start, person.start - 5)
        if any(t.lower_ in self.lex.former_words for t in self.doc[start : person.start]):
            return True
        # (a candidacy's words stand further off: « la candidate démocrate à la présidence, X »)
        start = max(person.sent.start, person.start - 8)
        return any(t.lower_ in self.lex.aspirant_words for t in self.doc[start : person.start])

    def merely_possible(self, cue: Token) -> bool:
        """Is the cue's clause what a noun of possibility holds possible ('warned about the potential
        for Russia to conduct cyber operations', 'the risk that Iran could attack', « la possibilité
        que la Russie mène des cyberopérations »): a danger told, not an act?"""
        node = cue
        for _ in range(3):
            if (
                node.dep_ not in ("advcl", "acl", "relcl", "acl:relcl", "ccomp", "xcomp")
                or node.head.i == node.i
            ):
                return False
            node = node.head
            if node.pos_ == "NOUN":
                return node.lower_ in self.lex.possibility_nouns and bool(self.own_subjects(cue))
        return False

    def asked_whether(self, cue: Token) -> bool:
        """Is the cue inside an indirect yes/no question of a question ('Do you have any information
        on whether this incident has any ties to Russia?', « Savez-vous si ... ? »): asked, not said.
        A rhetorical question ('Isn't the US the biggest hacker empire?') still says it."""
        sent = self.sentence_of(cue)
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is None or last.text != "?":
            return False
        marks = self.lex.question_marks
        clauses = [cue, *cue.ancestors]
        if any(c.dep_ == "mark" and c.lower_ in marks for clause in clauses for c in clause.children):
            return True
        return self.yes_no_question(sent)

    def yes_no_question(self, sent: Span) -> bool:
        """'Q: Does the administration believe Russia is behind the attack?', « La Russie est-elle
        derrière ? », « Est-ce que ... ? »: a plain yes/no question asks (not a negated one: 'Isn't
        the US the biggest hacker empire?' says it)."""
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if len(words) > 1 and words[0].text == "Q":  # a briefing transcript's question
            words = words[1:]
        if not words or any(t.lower_ in self.lex.negations for t in words):
            return False
        joined = len(words) > 1 and words[1].text.startswith("-")  # « Est | -ce »
        opener = words[0].lower_ + (words[1].lower_ if joined else "")
        suffixes = self.lex.question_suffixes
        return opener in self.lex.question_openers or bool(
            suffixes and any(t.lower_.endswith(suffixes) for t in words[:6])
        )

    def stateless_official(self, span: Span) -> bool:
        """A minister or spokesperson whose state the text does not give speaks for a state we do
        not know: never a claimant in its own name ('Jean Tremblay, ministre de l'Industrie')."""
        official = span.has_extension("actor_role") and span._.actor_role == "official"
        return span.label_ == "person" and official and self.country_of(span) is None

    def spokesperson_in(self, sent: Span, state: str) -> str | None:
        """A person of that state named in the sentence, who speaks for it there."""
        for i in range(sent.start, sent.end):
            for span in self.spans_at.get(i, ()):
                if span.label_ == "person" and span.start == i and self.country_of(span) == state:
                    return span.kb_id_
        return None

    def country_of(self, span: Span) -> str | None:
        """``span._.actor_country``, which depends on the actor only: asked once per actor."""
        actor_id = span.kb_id_
        if actor_id not in self._countries:
            has_country = span.has_extension("actor_country")
            self._countries[actor_id] = getattr(span._, "actor_country", None) if has_country else None
        return self._countries[actor_id]

    def names_a_group(self, sent: Span) -> bool:
        """Does the sentence name a threat group? A person tied to one is accused of cyber acts
        ('identify X as part of LockBit's senior leadership')."""
        return any(span.label_ == "group" for span in self.actors_in(sent))

    def subject_id(self, span: Span) -> str:
        claimant, _ = self.speaker_state(span)
        if span.label_ == "person":
            return span.kb_id_
        return claimant

    def to_claim(self, cue: Cue, found: Found, with_incident: bool = True) -> Claim | None:
        if found.claimant is None:
            return None
        stateless = self.stateless_official(found.claimant)
        organ_state = self.organ_state_of(found.claimant) if stateless else None
        if stateless and organ_state is None and self.body_of(found.claimant) is None:
            return None  # (but 'Brad Smith, the president of Microsoft': the company speaks)
        if self.asked_whether(found.cue) or self.merely_possible(found.cue):
            return None  # 'Do you have any information on whether the hack has ties to Russia?'
        claimant_id, speaker_id = self.speaker_state(found.claimant)
        if organ_state is not None:  # (the state his department's name gives)
            claimant_id, speaker_id = organ_state, found.claimant.kb_id_
        voice = self.title_voice(found.claimant) if found.claimant.label_ == "person" else None
        if voice is not None:  # 'Mike Rogers, directeur de la NSA': the agency speaks through its head
            claimant_id, speaker_id = voice, found.claimant.kb_id_
        if found.stance == "denies":
            subject_id = claimant_id if found.subject is None else self.subject_id(found.subject)
        else:
            if found.subject is None:
                return None
            subject_id = found.subject_id or self.subject_id(found.subject)
            if subject_id == claimant_id or self.own_state_body(found.claimant, found.subject):
                return None
            if not (
                self.cyber_context(found.cue)
                or found.cyber
                or found.subject.label_ == "group"
                or (found.subject.label_ == "person" and self.names_a_group(self.sentence_of(found.cue)))
                or self.operation_in_cyber_story(found.cue)
                or self.bare_blame_after_cyber(found.cue)
                or self.bare_predicate_after_cyber(found.cue)
            ):
                return None
        counterpart_id = None
        if found.counterpart is not None:
            counterpart_id, _ = self.speaker_state(found.counterpart)
            if counterpart_id == claimant_id:
                counterpart_id = None
        sent = self.sentence_of(found.cue)
        if speaker_id is None and found.claimant.label_ == "state":
            speaker_id = self.spokesperson_in(sent, claimant_id)  # '..., said spokeswoman Hua Chunying'
        hedged = self.hedged(found.cue)
        confidence = final_confidence(found.confidence, hedged)
        return Claim(
            claimant_id=claimant_id,
            stance=found.stance,
            subject_id=subject_id,
            evidence=self.text[sent.start_char : sent.end_char],
            start_char=sent.start_char,
            end_char=sent.end_char,
            cue=found.cue.text,
            speaker_id=speaker_id,
            counterpart_id=counterpart_id,
            incident=self.incident_for(found.cue) if with_incident else None,
            degree=found.degree if found.stance == "accuses" else "unspecified",
            hedged=hedged,
            confidence=confidence,
        )


def best_per_key(claims: Iterable[Claim]) -> list[Claim]:
    """One claim per (claimant, stance, subject): for a denial, the one that names whom it answers
    and who spoke; then the most confident, then the earliest."""
    best: dict[tuple[str, str, str], Claim] = {}

    def rank(claim: Claim) -> tuple:
        said = (claim.counterpart_id is not None, claim.speaker_id is not None)
        return (
            *(said if claim.stance == "denies" else ()),
            claim.confidence,
            claim.speaker_id is not None,
            -claim.start_char,
        )

    for claim in claims:
        key = (claim.claimant_id, claim.stance, claim.subject_id)
        kept = best.get(key)
        if kept is None or rank(claim) > rank(kept):
            best[key] = claim
    return sorted(best.values(), key=lambda c: (c.start_char, c.claimant_id, c.stance, c.subject_id))


def with_answered_accusers(
    found: list[tuple[Claim, Token]], country_of: Callable[[str], str | None]
) -> list[tuple[Claim, Token]]:
    """A denial that does not say whose accusation it rejects ('Beijing rejected these
    accusations') answers the nearest accusation before it against the denier or one of its
    groups or agencies: that accuser is its counterpart."""
    out = []
    for claim, cue in found:
        if claim.stance == "denies" and claim.counterpart_id is None:
            earlier = [
                c
                for c, _ in found
                if c.stance == "accuses"
                and c.start_char <= claim.start_char
                and c.claimant_id != claim.claimant_id
                and claim.claimant_id in (c.subject_id, country_of(c.subject_id))
            ]
            if earlier:
                nearest = max(earlier, key=lambda c: c.start_char)
                claim = replace(claim, counterpart_id=nearest.claimant_id)
        out.append((claim, cue))
    return out
