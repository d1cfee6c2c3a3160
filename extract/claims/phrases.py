"""Actors in noun phrases: who a phrase names, without its victims ("attacks on X") or the
nested accusations; who owns an accusation ("U.S. claims"); who did an operation ("Iran's
cyberattacks")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from extract.claims.lists import ListedActors
from extract.gazetteer import load_gazetteer

# actors that may author an operation named "of"/"de" them; others (a parliament, a company) are its targets
AUTHOR_KINDS = frozenset({"group", "agency", "person"})
TARGET_KINDS = frozenset({"other", "company", "intergov"})
WORD = re.compile(r"[^\W\d_][\w'’-]*")  # a word of a name
NAME_DEPS = frozenset({"appos", "flat", "flat:name", "compound", "conj"})  # the name beside a person noun
DEFINITE_REACH = 3  # paragraphs back to the group a definite "the group" stands for
MAX_LISTED_LINES = 40  # the lines of a list below 'The following countries ...:'


class ActorPhrases(ListedActors):
    """The actors of a phrase."""

    def actors_in(self, tokens: Iterable[Token]) -> list[Span]:
        seen: dict[tuple[int, int, str], Span] = {}
        for token in tokens:
            for span in self.spans_at.get(token.i, ()):
                seen.setdefault((span.start, span.end, span.kb_id_), span)
        found = [seen[k] for k in sorted(seen)]
        return [s for s in found if not self.nested_state(s, found)]

    def nested_state(self, span: Span, found: list[Span]) -> bool:
        """'Chinese' inside 'the Chinese military' names the PLA, not a second accused; but in 'the
        Russian military intelligence service, the GRU' the text spells out the link, so it stays."""
        if span.label_ != "state":
            return False
        for outer in found:
            if (
                outer.label_ != "state"
                and outer.start <= span.start
                and span.end <= outer.end
                and len(outer) > len(span)
            ):
                restated = sum(1 for other in found if other.kb_id_ == outer.kb_id_) > 1
                # "China's Ministry of State Security", « le ministère de la Sécurité d'État de la
                # Chine » name the state in its own right
                possessive = span.root.dep_ in ("poss", "nmod:poss") or (
                    span.end < outer.end and self.doc[span.end].lower_ in ("'s", "’s")
                )
                before = [t.lower_ for t in self.doc[max(outer.start, span.start - 2) : span.start]]
                possessive = possessive or any(w in self.lex.preps("genitive") for w in before)
                return not restated and not possessive
        return False

    def phrase_tokens(
        self, head: Token, skip: set[int] | None = None, prune_victims: bool = True
    ) -> list[Token]:
        """The phrase under ``head`` without victims ("attacks on X") or nested accusations."""
        skip = skip or set()
        out: list[Token] = []
        victims: set[int] = set()  # the tokens of the victims' names
        stack = [head]
        while stack:
            token = stack.pop()
            if token.i in skip:
                continue
            out.append(token)
            for child in self.children_of(token):
                if child.i in skip or not self.together(child, head):
                    continue
                if prune_victims and (self.marks_victim(child) or self.is_operation_target(token, child)):
                    for span in self.spans_at.get(child.i, ()):
                        victims.update(range(span.start, span.end))
                    continue
                if (
                    prune_victims
                    and token.lower_ in self.lex.nationality_nouns
                    and child.dep_ not in NAME_DEPS
                ):
                    continue  # 'seven nationals of the PRC': where they come from, not who is accused
                    # (but « le ressortissant russe Alexandre X »: the name in apposition is he)
                if prune_victims and self.opens_source(child):
                    continue  # 'which, according to the United States, was conducted by': who says it
                if prune_victims and self.names_struck(token, child):
                    continue  # 'condemns the SolarWinds cyber operation': what it struck
                struck = child.dep_ in self.deps["struck"] and token.lower_ in self.lex.attack_forms
                if prune_victims and struck:
                    continue  # 'the campaign that exploited the SolarWinds Orion platform': its victim
                kinds = self.lex.kinds_of(child.lower_)
                if (
                    child.dep_ in self.deps["noun_mod"]
                    and kinds
                    and kinds <= {"verb", "deny"}
                    and child.lower_ not in self.lex.naming_words  # ('a group it calls Phosphorus')
                ):
                    continue  # a nested accusation is read on its own
                if prune_victims and self.is_side_clause(child):
                    continue
                stack.append(child)
        # (and the rest of a victim's name that the parser hung elsewhere: « le piratage de l'Agence
        # mondiale | antidopage », its last word hung on the accused's noun)
        return [t for t in out if t.i not in victims] if victims else out

    def names_struck(self, operation: Token, child: Token) -> bool:
        """Is ``child`` a company, a body or a defensive agency named as a bare modifier of an
        operation noun ('the SolarWinds cyber operation', « la cyberopération SolarWinds »)? It
        names what was struck (or the operation after it), not who struck."""
        if child.dep_ not in ("compound", "nmod", "appos", "flat", "flat:name") or self.case_words(child):
            return False
        actor = self.actor_at.get(child.i)
        return actor is not None and self.is_operation(operation) and self.hit_not_hitter(actor)

    def opens_source(self, child: Token) -> bool:
        """Does the phrase under ``child`` say whose view it is ('according to X', « selon X »)?"""
        for marker in self.lex.source_markers:
            following = self.doc[child.i + 1].lower_ if child.i + 1 < len(self.doc) else ""
            if child.lower_ == marker[0] and (len(marker) == 1 or following == marker[1]):
                return True  # (English: the marker heads the phrase)
            if len(marker) == 1 and marker[0] in self.case_words(child):
                return True  # (« selon | les États-Unis »: the marker is the noun's case word)
            if len(marker) == 2 and any(  # (« d'après | les autorités »: « après » fixed to « d' »)
                c.dep_ == "case" and c.lower_ == marker[0] and self.doc[c.i + 1].lower_ == marker[1]
                for c in self.children_of(child)
                if c.i + 1 < len(self.doc)
            ):
                return True
        return False

    def is_operation_target(self, token: Token, child: Token) -> bool:
        """'accuse la Russie du piratage du Bundestag': what an operation is "of" is its target, unless
        an actor there may be its author ('les cyberattaques du GRU'). A noun that is an operation
        only with a cyber word ('the compromise of Acme Health') is one here too: an organisation
        is what it is "of"."""
        qualified = token.i in self.operation_tokens and token.lower_ in self.lex.qualified_operation_nouns
        if not (qualified or self.is_operation(token)):
            return False
        if child.dep_ == "prep":  # English: the preposition heads the phrase
            if child.lower_ not in self.lex.preps("genitive"):
                return False
        elif not any(word in self.lex.preps("genitive") for word in self.case_words(child)):
            return False
        actors = self.actors_in(self.subtree_of(child))
        return bool(actors) and not any(self.may_author(a) for a in actors)

    def may_author(self, actor: Span) -> bool:
        """May an actor named "of" an operation be its author? A group or a person; of agencies,
        the services known for offensive operations ('the hack of the Electoral Commission', 'the
        breach of the OPM' name targets; « les cyberattaques du GRU » an author)."""
        if actor.label_ == "agency":
            return actor.kb_id_ in load_gazetteer().offensive
        return actor.label_ in AUTHOR_KINDS

    def is_side_clause(self, token: Token) -> bool:
        """'an effort to destabilize Ukraine': a verb clause inside a noun phrase names no attacker,
        unless it names the group ('codenamed APT28') or is a cue itself ('carried out by', 'linked to')."""
        if token.dep_ not in self.deps["side_clause"] or token.pos_ not in ("VERB", "AUX"):
            return False
        return token.lower_ not in self.lex.naming_words and not self.lex.kinds_of(token.lower_)

    def marks_victim(self, token: Token) -> bool:
        if token.lower_ in self.lex.victim_markers:
            return True
        if any(word in self.lex.victim_markers for word in self.case_words(token)):
            return True
        # « contre l'Allemagne | et la Tchéquie » with the second conjunct hung beside the first:
        # a conjunct right after a victim is one too
        if token.dep_ != "conj" or token.head.i > token.i:
            return False
        before = [s for s in self.kids(token.head) if s.i < token.i]
        if not before:
            return False
        previous = max(before, key=lambda s: s.i)
        return previous.right_edge.i + 1 == token.left_edge.i and any(
            word in self.lex.victim_markers for word in self.case_words(previous)
        )

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
            inner_skip = skip | {h.i for h in heads if h.i != part.i}
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
        if found or head.lower_ in self.lex.company_nouns:
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

    def states_named_by(self, noun: Token, names_are_targets: bool = False) -> list[Span]:
        """A state named by a bare modifier that has no mention: "U.S. accusations", "a Russian
        operation"; before an operation, a country's name is where it struck ("the Ukraine
        cyberattack"), only its adjective names who did it."""
        found = []
        for child in self.kids(noun):
            if child.dep_ not in ("compound", "amod", "nmod", "poss") or child.i in self.actor_at:
                continue
            if names_are_targets and child.dep_ == "compound" and is_state_name(child):
                continue
            if not self.together(child, noun) or not child.text[:1].isupper() and self.lex.lang == "en":
                continue
            span = state_mention(self.doc, child)
            if span is not None:
                found.append(span)
        return found

    def subject_phrase(self, head: Token, skip: set[int]) -> tuple[list[Span], list[Token]]:
        head = self.resolve_relative(head)
        tokens = self.phrase_tokens(head, skip)
        actors = self.actors_in(tokens)
        # 'Hafnium is a Chinese state-sponsored group', « Volt Typhoon est un acteur parrainé par
        # la Chine »: the noun is said of the copula's subject
        if any(c.dep_ == "cop" for c in self.kids(head)):
            subjects = self.own_subjects(head)
        elif head.dep_ == "attr" and head.head.i != head.i:
            subjects = self.own_subjects(head.head)
        else:
            subjects = []
        for subject in subjects:
            more = self.phrase_tokens(subject, skip)
            named = [a for a in self.actors_in(more) if a.label_ == "group"]
            actors, tokens = actors + [a for a in named if a not in actors], tokens + more
        if actors:
            return actors + self.persons_listed_after(actors), tokens
        before = self.doc[head.left_edge.i - 1] if head.left_edge.i > 0 else None
        if head.dep_ == "appos" and before is not None and not before.is_punct:
            # 'GRU unit 29155 | cyber actors': one phrase the parser split with no comma between
            inside = {t.i for t in self.subtree_of(head)}
            more = self.phrase_tokens(head.head, skip | inside)
            return self.actors_in(more), tokens + more
        actors = actors or self.included_after(head)
        if not actors and head.lower_ in self.lex.group_nouns:
            named = self.group_named_before(head) or self.definite_group(head)
            return ([named], tokens) if named is not None else ([], tokens)
        return actors, tokens

    def persons_listed_after(self, actors: list[Span]) -> list[Span]:
        """« a inculpé Li Wenhao, Zhou Mingyu et Tang Shaoqing »: the persons that follow a person
        read, with only commas and conjunctions between, where the parser cut the list."""
        if not any(a.label_ == "person" for a in actors):
            return []
        out: list[Span] = []
        end = max(a.end for a in actors if a.label_ == "person")
        while True:
            i = end
            while i < len(self.doc) and (self.doc[i].text == "," or self.doc[i].pos_ == "CCONJ"):
                i += 1
            after = self.actor_at.get(i)
            if i == end or after is None or after.label_ != "person" or after.start != i:
                return out
            if after.root.dep_ in self.deps["subj"] | self.deps["pass_subj"]:
                return out  # 'charged Li Wenhao, and Merrick Garland said ...': a clause of its own
            if after not in actors and after not in out:
                out.append(after)
            end = after.end

    def group_named_before(self, noun: Token) -> Span | None:
        """'Selon l'ANSSI, APT28, un mode opératoire associé au GRU, a ciblé': the group's name
        right before a comma and its description, which the parser cut off (here as a second
        source)."""
        comma = noun.left_edge.i - 1
        if comma < 1 or self.doc[comma].text != "," or self.segment_ids[comma] != self.segment_ids[noun.i]:
            return None
        name = self.actor_at.get(comma - 1)
        return name if name is not None and name.label_ == "group" and name.end == comma else None

    def agents_of_operation(self, head: Token) -> tuple[list[Span], list[Token]]:
        """Who did an operation: 'Iran's cyberattacks', 'activity by the GRU', 'une opération russe'."""
        if not self.is_operation(head) or any(c.lower_ in self.lex.defensive_words for c in self.kids(head)):
            return [], []  # 'British recovery activities at the hospital': the defenders' work
        tokens: list[Token] = []
        for child in self.kids(head):
            if self.marks_victim(child) or self.names_target_country(child):
                continue
            if child.dep_ == "compound" and any(self.names_target_country(t) for t in self.subtree_of(child)):
                continue  # 'the Ukraine | power grid | cyberattack'
            if (
                child.dep_ == "compound"
                and child.i in self.actor_at
                and self.hit_not_hitter(self.actor_at[child.i])
            ):
                continue  # 'the Bundestag hack', 'the OPCW attack', 'the OPM hack': what was hit
            if child.dep_ in ("poss", "compound", "amod", "nmod:poss", "appos"):
                tokens.extend(self.phrase_tokens(child))
            elif child.dep_ in self.deps["noun_mod"]:
                cue = self.lex.cues.get(child.lower_)
                if cue is not None and cue.kind == "verb" and cue.object_is_operation and child.i > head.i:
                    # 'the cyberattacks attributed to the GRU', « les cyberattaques imputées au GRU »;
                    # whoever it is attributed *by* is the attributor, not an author of the attack
                    # (a clause with its own subject, 'a cyberattack that Albania attributed to Iran',
                    # is that subject's attribution, which its verb reads)
                    agents = [] if self.own_subjects(child) else self.prep_objects(child, cue.subject_preps)
                else:
                    agents = self.prep_objects(child, self.lex.preps("agent")) + self.children(child, "agent")
                for agent in agents:
                    tokens.extend(self.phrase_tokens(agent))
        for agent in self.prep_objects(head, self.lex.preps("agent")) + self.agent_after(head):
            tokens.extend(self.phrase_tokens(agent))
        user = self.operation_user(head)  # 'Iran employs cyber operations', 'relies on cyber operations'
        if user is not None:
            tokens.extend(self.phrase_tokens(user))
        # "activities of the GRU" but not "defacements of government websites": the noun must be an actor
        # (not "le piratage du Bundestag", a target; nor "la Russie du piratage de l'Ukraine", whose
        # author is the actor it hangs from)
        author_named = head.dep_ == "nmod" and head.head.i in self.actor_at
        for part in self.prep_objects(head, self.lex.preps("genitive")):
            if part.lower_ in self.lex.agent_nouns:  # « du cyberespionnage de la part de la NSA »
                tokens.extend(
                    t
                    for o in self.prep_objects(part, self.lex.preps("genitive"))
                    for t in self.phrase_tokens(o)
                )
        for agent in self.prep_objects(head, () if author_named else self.lex.preps("genitive")):
            # (an agency not known for offensive operations is what was hit: 'the hacking of the
            # Electoral Commission', « le piratage de l'OPM »; 'the operations of the GRU' name it)
            if agent.i in self.actor_at and not self.hit_not_hitter(self.actor_at[agent.i]):
                tokens.extend(self.phrase_tokens(agent))
            elif agent.lower_ in self.lex.group_nouns and (
                agent.morph.get("Number") == ["Plur"] or self.names_group_below(agent)
            ):
                # 'the activity of GRU unit 29155 cyber actors', « des cyberattaques du groupe APT29 »,
                # « du mode opératoire APT29 » (the name below the group noun)
                tokens.extend(self.phrase_tokens(agent))
        actors = [a for a in self.actors_in(tokens) if a.label_ != "company"] or self.states_named_by(
            head, names_are_targets=True
        )
        return actors, tokens

    def names_group_below(self, noun: Token) -> bool:
        """Is a threat group's name one of the noun's own words (« le groupe APT29 »)?"""
        return any(c.i in self.actor_at and self.actor_at[c.i].label_ == "group" for c in self.kids(noun))

    def definite_group(self, noun: Token) -> Span | None:
        """'the group', 'this group', « le groupe », « ce groupe » (one, with no name of its own):
        the threat group named last before it, within the three paragraphs before (an article's
        sections: 'Affidavits revealed that the group was part of the FSB')."""
        if noun.morph.get("Number") == ["Plur"] or noun.tag_ in ("NNS", "NNPS"):
            return None
        if not any(c.lower_ in self.lex.definite_determiners for c in self.children_of(noun)):
            return None
        described = ("amod", "acl", "relcl", "acl:relcl")
        if any(c.i > noun.i and c.dep_ in described for c in self.children_of(noun)):
            return None  # 'the group responsible for this activity': a description, not one told before
        paragraph = self.paragraph_of.get(self.sentence_of(noun).start, 0)
        for i in range(noun.i - 1, -1, -1):
            span = self.actor_at.get(i)
            if span is None or span.label_ != "group" or span.end > noun.i:
                continue
            sent = self.sentence_of(span.root)
            close = paragraph - self.paragraph_of.get(sent.start, paragraph) <= DEFINITE_REACH
            return span if close else None
        return None

    def pronoun_group(self, pronoun: Token) -> Token | None:
        """'it', 'they', 'il': the threat group named last before the pronoun, in its paragraph or
        the one before ('APT33 targets airlines. Symantec believes it ...'); None for others."""
        if pronoun.lower_ not in self.lex.group_pronouns:
            return None
        own = self.sentence_of(pronoun)
        paragraph = self.paragraph_of.get(own.start, 0)
        subject_deps = self.deps["subj"] | self.deps["pass_subj"]
        for i in range(pronoun.i - 1, -1, -1):
            span = self.actor_at.get(i)
            if span is None:
                continue
            if i < own.start and span.label_ != "group" and span.root.dep_ in subject_deps:
                return None  # 'Russia was investigated. The FBI accuses it': not a group
            if span.label_ == "group" and span.end <= pronoun.i:
                sent = self.sentence_of(span.root)
                if paragraph - self.paragraph_of.get(sent.start, paragraph) <= 1:
                    return span.root
                return None
        return None

    def hit_not_hitter(self, actor: Span) -> bool:
        """Is an actor named before an operation noun its target? A company, a body, or an agency
        not known for offensive operations ('the OPM hack'; but 'the GRU hack' names the hacker)."""
        if actor.label_ in TARGET_KINDS:
            return True
        return actor.label_ == "agency" and actor.kb_id_ not in load_gazetteer().offensive

    def state_in_name(self, actor: Span | None) -> str | None:
        """The state an offensive service's name says it belongs to ('the Russian Main Intelligence
        Directorate', 'the Main Intelligence Directorate of the Russian General Staff', « le
        ministère chinois de la Sécurité de l'État »): accusing the service so named asserts the
        state's part too, as 'the Russian military intelligence service, the GRU' does."""
        if actor is None or actor.label_ != "agency":
            return None
        gazetteer = load_gazetteer()
        known = gazetteer.get(actor.kb_id_)
        if actor.kb_id_ not in gazetteer.offensive or known is None or not known.country:
            return None
        # its phrase's words before the name ('the Russian | Main Intelligence Directorate') and
        # after it up to a comma, a bracket or a verb ('... | of the Russian General Staff'); not
        # the name's own words: 'the Chinese military' is one name of the PLA
        start, end = min(actor.start, actor.root.left_edge.i), actor.end
        while end <= actor.root.right_edge.i and not self.doc[end].is_punct and self.doc[end].pos_ != "VERB":
            end += 1
        words = set(WORD.findall(self.doc[start : actor.start].text + " " + self.doc[actor.end : end].text))
        names = (alias.text for alias in gazetteer.aliases_of(known.country) if alias.role != "capital")
        return known.country if any(name in words for name in names if " " not in name) else None

    def names_target_country(self, modifier: Token) -> bool:
        """'the Ukraine power grid cyberattack', 'the Estonia attacks': a country's name (not its
        adjective, not its possessive) as a compound before an operation noun is where it struck."""
        if modifier.dep_ not in ("compound", "nmod") or any(
            c.dep_ == "case" for c in self.children_of(modifier)
        ):
            return False
        span = self.actor_at.get(modifier.i)
        if span is None:
            return False
        return (
            span.label_ == "state"
            and span.has_extension("actor_role")
            and span._.actor_role in ("name", "capital")
        )

    def operation_user(self, noun: Token) -> Token | None:
        """The subject of a verb that uses or runs an operation ('North Korea relies on cyber
        operations', 'Iran employs cyber operations', 'la Russie recourt à des cyberattaques')."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.head.i != verb.i:  # English: the preposition between
            verb = verb.head
        if verb.lower_ not in self.lex.operation_verbs or not self.together(verb, noun):
            return None
        subject = self.subject_of(verb)
        return subject if subject is not None and subject.i != noun.i else None

    def agent_after(self, noun: Token) -> list[Token]:
        """'spot intrusions by APT35' parsed with 'by APT35' on the verb: an agent phrase right after
        an object noun belongs to the noun, also at the end of the object's phrase ('released an
        advisory on activity by APT40')."""
        top = noun
        for _ in range(3):  # 'activity' <- 'on' <- 'advisory'; « activités » <- « avis »
            if top.dep_ not in self.deps["noun_attachment"]:
                break
            top = top.head.head if top.head.pos_ == "ADP" else top.head
        if top.lower_ in self.lex.exposure_verbs and top.i != noun.i:
            verb = top  # 'have been subjected to cyber espionage | by the NSA'
        else:
            verb = top.head
            if top.dep_ not in self.deps["obj"] or not self.together(verb, top):
                return []
        after = noun.right_edge.i + 1  # where 'by' (English: the head) or 'par' (French: the first word) is
        agents = self.prep_objects(verb, self.lex.preps("agent"))
        return [o for o in agents if o.i > noun.i and after in (o.head.i, o.left_edge.i)]

    def names_attacker(self, head: Token) -> bool:
        head = self.resolve_relative(head)
        return head.i in self.actor_at or head.lower_ in self.lex.group_nouns | self.lex.operation_nouns


def is_state_name(token: Token) -> bool:
    """Is the word a state's own name (not its adjective)?"""
    gazetteer = load_gazetteer()
    return any(
        alias.role == "name"
        and (actor := gazetteer.get(alias.actor_id)) is not None
        and actor.kind == "state"
        for alias in gazetteer.lookup(token.text)
    )


def state_mention(doc: Doc, token: Token) -> Span | None:
    """A one-word state name or nationality adjective as a state mention (from the gazetteer)."""
    if not token.is_alpha and "." not in token.text:
        return None
    gazetteer = load_gazetteer()
    for alias in gazetteer.lookup(token.text):
        actor = gazetteer.get(alias.actor_id)
        if actor is not None and actor.kind == "state" and alias.role in ("name", "demonym"):
            span = Span(doc, token.i, token.i + 1, label="state", kb_id=actor.id)
            return span
    return None
