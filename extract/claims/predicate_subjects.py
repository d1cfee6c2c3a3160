"""What a predicate cue is said of: its grammatical subject, the owner of a predicate noun ('the
GRU's involvement'), an actor the phrase hangs on ('Russia behind SolarWinds hack'), none when
the parse climbed up to the speaker or the subject is a victim ('the servers were hacked')."""

from __future__ import annotations

from spacy.tokens import Token

from extract.claims.cues import Cue
from extract.claims.sources import SourceFinder


class PredicateSubjects(SourceFinder):
    """The subject a predicate is said of."""

    def predicate_subject(self, cue: Cue, token: Token) -> Token | None:
        """What the predicate is said of: its subject ('APT28 is responsible'), the subject of the
        verb a phrase cue hangs from ('APT28 hacked it on behalf of'), a group a pronoun stands for."""
        if cue.passive_is_victim and self.describes_victim(token):
            return None  # 'the servers were hacked', 'targeted organisations': victims
        if cue.passive_is_victim and token.dep_ in self.deps["noun_mod"] and self.is_operation(token.head):
            return None  # 'an operation targeting Viasat': what it struck (its agent is the operation's)
        owner = self.noun_owner(token, cue) if token.pos_ == "NOUN" else None
        if owner is not None:  # 'identified the GRU's involvement in', « l'implication du GRU dans »
            return owner
        if token.pos_ == "NOUN" and self.states_named_by(token):
            return token  # 'assessed Russian involvement', « une implication russe »: its adjective's state
        hung = self.actor_hung_on(token)
        if hung is not None:  # 'US says Russia behind SolarWinds hack', « la Russie derrière le piratage »
            return hung
        anchor, subject = self.grammatical_subject(cue, token)
        if subject is None:
            subject = self.actor_before_copula(token)
        if subject is not None and self.is_personal_pronoun(subject):
            return self.pronoun_group(subject)  # 'Symantec believes it hacks airlines'
        speaker = subject is not None and subject.dep_ in self.deps["subj"] | self.deps["pass_subj"]
        said_by = (  # (an active speaker: 'X is believed to operate under Y' is said of X)
            subject is not None
            and subject.dep_ in self.deps["subj"]
            and subject.head.lower_ in self.lex.speech_verbs
            and not self.is_passive(subject.head)
            and subject.head in anchor.ancestors
        )
        if speaker and (self.reports(subject.head, anchor) or said_by):
            # climbed up to who speaks (« Le CSE a évalué qu'il est probable que », or through a
            # misparsed list: « évaluent que APT29, ... « Cozy Bear », cible »): no accused
            return None
        return subject

    def actor_hung_on(self, token: Token) -> Token | None:
        """A prepositional predicate hung on an actor's name, with no verb ('Russia | behind
        SolarWinds hack', a headline; « la Russie | derrière le piratage »): said of that actor."""
        if token.pos_ != "ADP":
            return None
        if token.dep_ == "prep" and token.head.i in self.actor_at:  # (English: the preposition heads)
            return token.head
        noun = token.head  # (French: the preposition is the case word of its noun)
        on_noun = token.dep_ == "case" and noun.dep_ in self.deps["noun_attachment"]
        if on_noun and noun.head.i in self.actor_at:
            return noun.head
        # 'Britain says GRU | behind cyberattacks', « a identifié le GRU | derrière les cyberattaques »:
        # the phrase hung on the verb, right after the verb's object
        verb = token.head if token.dep_ == "prep" else noun.head if token.dep_ == "case" else None
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        span = self.actor_at.get(token.i - 1)
        objects = self.children(verb, "obj")
        return span.root if span is not None and span.end == token.i and span.root in objects else None

    def actor_before_copula(self, token: Token) -> Token | None:
        """« Selon les États-Unis, la Corée du Nord | serait derrière le piratage », parsed with the
        actor cut off from its copula (as an apposition of the source): the actor right before it."""
        noun = token.head if token.dep_ == "case" else token
        cop = next((c for c in self.kids(noun) if c.dep_ == "cop" and c.i < token.i), None)
        span = self.actor_at.get(cop.i - 1) if cop is not None else None
        return span.root if span is not None and span.end == cop.i else None

    def noun_owner(self, noun: Token, cue: Cue) -> Token | None:
        """The actor a predicate noun belongs to: 'the GRU's involvement', 'the role of the GRU',
        « l'implication du GRU » (not its target: 'part of the FSB')."""
        owners = [c for c in self.kids(noun) if c.dep_ in ("poss", "nmod:poss")]
        genitive = [p for p in self.lex.preps("genitive") if p not in cue.target_preps]
        owners += self.prep_objects(noun, genitive)
        if cue.nominal:
            # 'the role that North Korea played in', « le rôle que la Corée du Nord a joué dans »:
            # the subject of the relative clause on the noun
            owners += [s for r in self.relative_clauses(noun) for s in self.own_subjects(r)]
        # (or a noun an actor's name modifies: 'the involvement of the Russian military intelligence
        # | agency', the name covering the words before 'agency')
        # (not a source: « D'après la France, APT31 est responsable », « d' » read as a genitive)
        return next(
            (
                o
                for o in owners
                if (o.i in self.actor_at or any(c.i in self.actor_at for c in self.kids(o) if c.i < o.i))
                and not self.opens_source(o)
            ),
            None,
        )

    def grammatical_subject(self, cue: Cue, token: Token) -> tuple[Token, Token | None]:
        """The word a predicate cue is said of, and its grammatical subject as the parser gives it
        (a pronoun, or the speaker when it climbed up to a reporting verb)."""
        anchor = token
        if cue.target_is_object:  # 'on behalf of', 'pour le compte du': from the verb above
            anchor = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if anchor is None:  # « les pirates étaient(cop) en lien(ROOT) avec le GRU »: the noun's copula
                anchor = next(
                    (a for a in token.ancestors if any(c.dep_ == "cop" for c in self.children_of(a))), token
                )
        elif token.dep_ == "case":  # « le GRU est derrière la cyberattaque »: from the noun it opens
            anchor = token.head
        # (the parser may hang the subject on the copula itself: 'le GRU(nsubj) <- est(cop)')
        copulas = [c for c in self.children_of(anchor) if c.dep_ == "cop"] if anchor is not token else []
        subject = next((s for c in copulas for s in self.own_subjects(c)), None) or self.subject_of(anchor)
        return anchor, subject

    def is_personal_pronoun(self, token: Token) -> bool:
        return token.pos_ == "PRON" and token.lower_ not in self.lex.relative_pronouns

    def said_of_speaker(self, cue: Cue, token: Token) -> bool:
        """Is a predicate said by its speaker of itself: 'Russia said it was not involved', « la
        Russie affirme ne pas être impliquée » (no subject of its own: the speaker's)?"""
        anchor, subject = self.grammatical_subject(cue, token)
        if subject is None:
            return False
        if subject.pos_ == "PRON":
            pronouns = self.lex.self_pronouns | self.lex.person_pronouns | self.lex.group_pronouns
            # the pronoun of the predicate's own clause ('it played no role'), not of a clause it
            # completes ('they go against commitments not to conduct ...')
            links = {"ccomp", "xcomp", "advcl", "conj", "acl", "relcl", "acl:relcl"}
            path = [anchor, *anchor.ancestors]
            within = path[: path.index(subject.head)] if subject.head in path else path
            return subject.lower_ in pronouns and not any(t.dep_ in links for t in within)
        return self.reports(subject.head, anchor, ("ccomp", "xcomp"))

    def reports(self, verb: Token, token: Token, links: tuple[str, ...] = ("ccomp",)) -> bool:
        """Is ``token`` inside what a reporting verb says (its 'that' clause; with 'xcomp' in
        ``links``, also an infinitive: « affirme n'avoir joué aucun rôle »)?"""
        if verb.lower_ not in self.lex.speech_verbs:
            return False
        path = [token, *token.ancestors]
        if verb not in path:
            return False
        below = path[path.index(verb) - 1]
        return below.dep_ in links

    def describes_victim(self, token: Token) -> bool:
        """'the companies were hacked', 'attacks against targeted organisations', 'les serveurs
        piratés': what a passive or a participle of attacking says of its noun is that it was hit."""
        if self.is_passive(token) or token.dep_ == "amod":
            return True
        return token.dep_ in self.deps["noun_mod"] and token.tag_ == "VBN"
