"""Who speaks through a phrase: the claimants of a subject phrase (one per coordinated head), the
owner of an accusation or a report ("U.S. claims"), unnamed allies, the list after a colon."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.claims.phrases import ActorPhrases, state_mention
from extract.claims.publishers import host_prepositions

MAX_LISTED_LINES = 40  # the lines of a list below 'The following countries ...:'


class SpeakerPhrases(ActorPhrases):
    """The actors who speak or own an accusation in a phrase."""

    def main_actors(self, head: Token, skip: set[int] | None = None) -> list[Span]:
        """Claimant phrase: one actor per coordinated head ("Bruxelles, Londres et Washington")."""
        head = self.resolve_relative(head)
        skip = set(skip or ())
        heads = [head]
        # a coordination may continue inside an apposition: 'the FCO as well as security firms
        # SecureWorks, ThreatConnect, and Mandiant', 'the vendors Eset, Symantec and Mandiant'
        members = {head.i}
        for token in self.subtree_of(head):
            if token.dep_ == "conj" and token.head.i in members:
                heads.append(token)
                members.add(token.i)
            elif token.head.i in members and self.listed_apart(token):
                heads.append(token)  # 'the ACSC, the Cybersecurity and Infrastructure Security Agency, ...'
                members.add(token.i)
            elif self.hangs_on(token, members) and token.i in self.actor_at and self.named_as_partner(token):
                heads.append(
                    token
                )  # 'CISA, together with the UK's NCSC,', « l'ANSSI, conjointement avec le BSI, »
                members.add(token.i)
            elif token.head.i in members and (
                token.dep_ in ("appos", "compound", "flat", "flat:name")
                or (token.dep_ == "nmod" and not self.case_words(token))  # 'les entreprises Microsoft'
            ):
                members.add(token.i)
        found: list[Span] = []
        for part in heads:
            inner_skip = skip | {h.i for h in heads if h.i != part.i} | self.mission_host(part)
            tokens = [
                t
                for t in self.phrase_tokens(part, inner_skip, prune_victims=False)
                # (a list of actors inside the phrase stays: 'officials from the FBI and DOJ')
                if t.dep_ != "conj" or t.i == part.i or (t.head.i in self.actor_at and t.head.i != part.i)
            ]
            actors = self.actors_in(t for t in tokens if not self._inside_clause(t, part))
            own = self.actor_at.get(part.i)
            if own is not None:
                actors = [own] + [a for a in actors if a.label_ == "person" and a != own]
            else:
                non_state = [a for a in actors if a.label_ != "state"]
                actors = non_state or actors
            found.extend(a for a in actors if a not in found)
        # a list the parser broke apart: 'Le FBI, la CISA et la NSA ont identifié' (two subjects)
        found.extend(a for a in self.listed_beside(head) if all(a.kb_id_ != f.kb_id_ for f in found))
        return found

    def mission_host(self, noun: Token) -> set[int]:
        """The words of the host a mission or an embassy is accredited to ('Iran's mission | to the
        United Nations', « l'ambassade de Chine | à Paris », « la mission de l'Iran | auprès de l'ONU »):
        its state speaks, not its host (publishers.json host_prepositions)."""
        if noun.lower_ not in self.lex.mission_nouns:
            return set()
        hosts = host_prepositions()
        return {
            t.i
            for c in self.kids(noun)
            if c.i > noun.i and (c.lower_ in hosts or set(self.case_words(c)) & hosts)
            for t in self.subtree_of(c)
        }

    def listed_apart(self, token: Token) -> bool:
        """An apposition that names another actor of the same kind is the next item of a list the
        parser read as an apposition, not a second name ('Centre (ACSC)' is the same actor)."""
        if token.dep_ != "appos":
            return False
        own, head = self.actor_at.get(token.i), self.actor_at.get(token.head.i)
        if own is None or head is None or own.kb_id_ == head.kb_id_:
            return False
        # ('The FBI, the U.S. Department of State, and the NSA': an "apposition" that heads the
        # rest of the list with 'and' is an item of it, whatever its kind)
        listed = any(c.dep_ == "cc" for c in self.kids(token)) or any(
            c.dep_ == "conj" and c.i > token.i for c in self.kids(token.head)
        )  # ('the NSA, the U.S. Department of State, and the FBI': 'and the FBI' on the first)
        return own.label_ == head.label_ or listed

    def speaker_actors(self, head: Token, skip: set[int] | None = None) -> list[Span]:
        """Who speaks through a subject phrase: a report speaks for its author, not its topic; an
        operation speaks for nobody ('the SVR's compromise of SolarWinds highlights')."""
        head = self.resolve_relative(head)
        if self.is_operation(head):
            return []
        if head.lower_ in self.lex.document_nouns | self.lex.accusation_forms and head.i not in self.actor_at:
            owner = self.owner_of(head)
            # 'Affidavits from the FBI and the NSA' with 'the NSA' hung on 'Affidavits'
            conj = [c for c in self.kids(head) if c.dep_ == "conj"]
            owner += [self.actor_at[c.i] for c in conj if c.i in self.actor_at]
            if owner:
                return owner
            if head.dep_ in self.deps["obj"]:
                verb_subject = self.subject_of(head.head)
                if verb_subject is not None and verb_subject.i != head.i:
                    return self.speaker_actors(verb_subject, skip)
            return []
        allies = self.allies_named_by(head)
        if allies is not None:
            head = allies
            # "many of Canada's allies and partners attribute ...", « les alliés du Canada »: the
            # allies speak, unnamed; whose allies they are does not
            nouns = [head] + [c for c in self.subtree_of(head) if c.dep_ == "conj" and c.head.i == head.i]
            owners = [c for n in nouns for c in self.kids(n) if c.dep_ in ("poss", "nmod:poss")]
            owners += [o for n in nouns for o in self.prep_objects(n, self.lex.preps("genitive"))]
            skip = set(skip or ()) | {t.i for o in owners for t in self.subtree_of(o)}
            return self.main_actors(head, skip)
        if any(c.lower_ in self.lex.following_words for c in self.kids(head)) and head.i not in self.actor_at:
            return self.listed_after_colon(head)  # 'The following countries join ...: A, B and C'
        # 'German investigators', 'les enquêteurs allemands': the state their nationality names
        # (not 'a Russian security firm', « une société américaine »: a company, not its state)
        found = self.main_actors(head, skip)
        company = head.lower_ in self.lex.company_nouns
        # (a name, not a state's organ written with a capital: 'the UK Government', 'Foreign Ministry')
        named = head.pos_ == "PROPN" and head.lower_ not in self.lex.state_organ_words
        if (company or named) and head.i not in self.actor_at:
            # 'Australia's ABC News claims', « le quotidien britannique X »: a state owns the name
            # of the company or outlet that speaks, it does not speak
            return [a for a in found if a.label_ != "state"]
        if found or company:
            return found
        return self.states_named_by(head)

    def listed_after_colon(self, head: Token) -> list[Span]:
        """The states and bodies listed after the colon of the head's sentence, or on the short
        lines below it when the colon ends the sentence."""
        sent = self.sentence_of(head)
        colon = next((t.i for t in self.doc[head.i : sent.end] if t.text == ":"), None)
        if colon is None:
            return []
        after: list[Token] = list(self.doc[colon + 1 : sent.end])
        if not any(not t.is_punct for t in after):
            # (the colon ends the segment: the list is the next one, or its short lines)
            n = self.sent_index[sent.start]
            for line in self.sents[n + 1 : n + 1 + MAX_LISTED_LINES]:
                if any(t.pos_ in ("VERB", "AUX") for t in line):
                    break  # a sentence, not the list
                after += list(line)
        return [a for a in self.actors_in(after) if a.label_ in ("state", "intergov", "agency")]

    def allies_named_by(self, head: Token) -> Token | None:
        """The ally noun of an unnamed allies' phrase: "Canada's allies", 'many of its partners',
        « les alliés du Canada » (its owner is not one of them)."""
        if head.i in self.actor_at:
            return None
        if head.pos_ in ("PRON", "ADJ", "NUM"):  # 'many of Canada's allies': the part speaks as the whole
            whole = self.prep_objects(head, self.lex.preps("genitive"))
            head = whole[0] if whole else head
        return head if head.lower_ in self.lex.ally_nouns and head.i not in self.actor_at else None

    def owner_of(self, noun: Token) -> list[Span]:
        """Who owns an accusation or report: "U.S. claims", "the Pentagon's report"."""
        tokens = []
        for child in self.kids(noun):
            if child.dep_ in ("poss", "compound", "amod", "nmod:poss", "nmod") and not self.marks_victim(
                child
            ):
                case = self.case_words(child)  # (a bare one is a modifier: 'the U.S.(nmod) indictment')
                if child.dep_ == "nmod" and case and not any(w in self.lex.preps("owner_case") for w in case):
                    continue
                if case and self.is_operation(child):
                    continue  # « l'attribution de la cyberattaque à la Chine »: what it is of, not whose
                tokens.extend(self.phrase_tokens(child, prune_victims=True))
        for agent in self.prep_objects(noun, self.lex.preps("owner")):
            # ('a report by researchers at the University of Toronto': where they work, no victim)
            tokens.extend(self.phrase_tokens(agent, prune_victims=False))
        for agent in self.prep_objects(noun, self.lex.preps("genitive")):
            if self.speaks(agent):  # 'the allegations of Tom Doe, who says ...'
                tokens.extend(self.phrase_tokens(agent))
        for clause in self.children(noun, "noun_mod"):  # "accusations made by Washington"
            for agent in self.prep_objects(clause, self.lex.preps("agent")) + self.children(clause, "agent"):
                tokens.extend(self.phrase_tokens(agent))
        return self.actors_in(tokens) or self.states_named_by(noun)

    def state_named_at(self, token: Token) -> list[Span]:
        """A state named by the token itself though the linker left it as a place ('based in Iran')."""
        span = state_mention(self.doc, token)
        return [span] if span is not None else []

    def speaks(self, head: Token) -> bool:
        """Does a relative clause with a speech verb hang on the noun ('Tom Doe, who says ...')?"""
        return any(
            clause.dep_ in self.deps["noun_mod"] and clause.lower_ in self.lex.speech_verbs
            for clause in self.kids(head)
        )
