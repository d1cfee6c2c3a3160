"""Actors in noun phrases: who a phrase names, without its victims ("attacks on X", what an
operation struck) or the nested accusations. Who speaks through a phrase is read in
``speaker_phrases``, who is accused in it (and who did an operation) in ``accused_phrases``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from extract.claims.lists import ListedActors
from extract.gazetteer import load_gazetteer

# actors that may author an operation named "of"/"de" them; others (a parliament, a company) are its targets
AUTHOR_KINDS = frozenset({"group", "agency", "person"})
TARGET_KINDS = frozenset({"other", "company", "intergov"})
NAME_DEPS = frozenset({"appos", "flat", "flat:name", "compound", "conj"})  # the name beside a person noun


class ActorPhrases(ListedActors):
    """The actors of a phrase."""

    @cached_property
    def offensive(self) -> frozenset[str]:
        """Services known for offensive operations (the gazetteer's flag): naming one names someone."""
        return frozenset(load_gazetteer().offensive)

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
                hits = token.lower_ in self.lex.attack_forms or token.lower_ in self.lex.victim_verbs
                struck = child.dep_ in self.deps["struck"] and hits
                if prune_victims and struck:
                    continue  # 'the campaign that exploited the SolarWinds Orion platform': its victim
                kinds = self.lex.kinds_of(child.lower_)
                if (
                    child.dep_ in self.deps["noun_mod"]
                    and kinds
                    and kinds <= {"verb", "deny"}
                    and child.lower_ not in self.lex.naming_words  # ('a group it calls Phosphorus')
                    and not self.bare_hedge(child)
                ):
                    continue  # a nested accusation is read on its own
                if prune_victims and self.is_side_clause(child):
                    continue
                stack.append(child)
        # (and the rest of a victim's name that the parser hung elsewhere: « le piratage de l'Agence
        # mondiale | antidopage », its last word hung on the accused's noun)
        return [t for t in out if t.i not in victims] if victims else out

    def bare_hedge(self, clause: Token) -> bool:
        """'a group believed to be linked to the GRU', « un groupe soupçonné d'être lié au GRU »: a
        hedge on the phrase's own words, with nobody who believes (no subject, no agent), is no
        accusation of its own."""
        return (
            clause.lower_ in self.lex.hedges
            and not self.children(clause, "subj")
            and not self.children(clause, "agent")
            and any(c.dep_ in ("xcomp", "ccomp") for c in self.children_of(clause))
        )

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
        qualified = qualified and token.lower_ not in self.lex.threat_nouns  # (« auteurs de menaces de X »)
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
            return actor.kb_id_ in self.offensive
        return actor.label_ in AUTHOR_KINDS

    def is_side_clause(self, token: Token) -> bool:
        """'an effort to destabilize Ukraine': a verb clause inside a noun phrase names no attacker,
        unless it names the group ('codenamed APT28') or is a cue itself ('carried out by', 'linked to')."""
        if token.dep_ not in self.deps["side_clause"] or token.pos_ not in ("VERB", "AUX"):
            return False
        if self.bare_hedge(token):  # ('believed to be linked to X': what the hedged clause says)
            return not any(self.lex.kinds_of(c.lower_) for c in self.children_of(token) if c.pos_ == "VERB")
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
            cases = self.case_words(child)
            if cases and not set(cases) & self.lex.preps("genitive"):
                continue  # « des cyberopérations | en Ukraine »: where, a place (no modifier)
            if not self.together(child, noun) or not child.text[:1].isupper() and self.lex.lang == "en":
                continue
            # ('North Korean involvement': the adjective with the word the parser hung on it)
            start = child.left_edge.i if child.left_edge.i < child.i else None
            span = state_mention(self.doc, child, start) if start is not None else None
            span = span or state_mention(self.doc, child)
            if span is not None:
                found.append(span)
        return found

    def hit_not_hitter(self, actor: Span) -> bool:
        """Is an actor named before an operation noun its target? A company, a body, or an agency
        not known for offensive operations ('the OPM hack'; but 'the GRU hack' names the hacker)."""
        if actor.label_ in TARGET_KINDS:
            return True
        return actor.label_ == "agency" and actor.kb_id_ not in self.offensive

    def names_target_country(self, modifier: Token) -> bool:
        """'the Ukraine power grid cyberattack', 'the Estonia attacks': a country's name (not its
        adjective, not its possessive) as a compound before an operation noun is where it struck;
        not its acronym, which names the author as the adjective does ('ongoing PRC cyberattacks')."""
        if modifier.dep_ not in ("compound", "nmod") or any(
            c.dep_ == "case" for c in self.children_of(modifier)
        ):
            return False
        if modifier.text.replace(".", "").isupper():
            return False
        span = self.actor_at.get(modifier.i)
        if span is None:
            return False
        return (
            span.label_ == "state"
            and span.has_extension("actor_role")
            and span._.actor_role in ("name", "capital")
        )


def is_state_name(token: Token) -> bool:
    """Is the word a state's own name (not its adjective)?"""
    gazetteer = load_gazetteer()
    return any(
        alias.role == "name"
        and (actor := gazetteer.get(alias.actor_id)) is not None
        and actor.kind == "state"
        for alias in gazetteer.lookup(token.text)
    )


def state_mention(doc: Doc, token: Token, start: int | None = None) -> Span | None:
    """A state name or nationality adjective as a state mention (from the gazetteer): the word, or
    the words from ``start`` to it ('North Korean')."""
    start = token.i if start is None else start
    if not all(t.is_alpha or "." in t.text or "-" in t.text for t in doc[start : token.i + 1]):
        return None
    gazetteer = load_gazetteer()
    for alias in gazetteer.lookup(doc[start : token.i + 1].text):
        actor = gazetteer.get(alias.actor_id)
        if actor is not None and actor.kind == "state" and alias.role in ("name", "demonym"):
            return Span(doc, start, token.i + 1, label="state", kb_id=actor.id)
    return None
