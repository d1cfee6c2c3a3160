"""One parsed document as the claim readers see it: an index of its actor mentions, its segments
and quotations, where the lexicon's words are, and small syntax helpers with their caches (the
subjects and agents of verbs are read in ``verb_subjects``).

Every reader (``extract.claims.reader.DocReader`` and the classes it is made of) builds on this
view; nothing here decides what a claim is.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from extract.actors import doc_text, in_capitalised_name
from extract.claims.cues import Cue
from extract.claims.layout import between, quote_spans, segments
from extract.claims.lexicon import Lexicon
from extract.claims.verb_subjects import VerbSubjects

ACTORS_KEY = "actors"


class DocView(VerbSubjects):
    """The index and syntax helpers of one parsed document."""

    def __init__(
        self,
        doc: Doc,
        lexicon: Lexicon,
        deps: dict[str, frozenset[str]],
        cues_at: dict[int, list[tuple[int, Cue]]],
    ):
        self.doc = doc
        self.lex = lexicon
        self.deps = deps
        self.cues_at = cues_at
        self.actor_at: dict[int, Span] = {}  # the first mention over each token
        self.spans_at: dict[
            int, list[Span]
        ] = {}  # every mention over it ("Russian" in "Russian military ...")
        for span in doc.spans.get(ACTORS_KEY, []):
            if span.kb_id_:
                for i in range(span.start, span.end):
                    self.actor_at.setdefault(i, span)
                    self.spans_at.setdefault(i, []).append(span)
        # sentences cut at line breaks: headings and datelines are not part of the next sentence
        self.sents, self.paragraph_of = segments(doc)
        self.sent_index = {sent.start: n for n, sent in enumerate(self.sents)}
        # the segment number of each token; -1 for the line breaks and the spaces around them
        self.segment_ids = [-1] * len(doc)
        for n, sent in enumerate(self.sents):
            self.segment_ids[sent.start : sent.end] = [n] * len(sent)
        self.text = doc_text(doc)
        self.quotes = quote_spans(self.text)
        # the lexicon's words, found once: the readers visit these tokens, not every token
        self.positions = lexicon.locate(doc)
        self.positions["cyber"] = [i for i in self.where("cyber") if not self.cyber_in_name_only(doc[i])]
        self.cyber_tokens = set(self.where("cyber"))
        self.operation_tokens = set(self.where("operation_nouns"))
        self._children: dict[int, tuple[Token, ...]] = {}
        self._kids: dict[int, tuple[Token, ...]] = {}
        self._subtrees: dict[int, tuple[Token, ...]] = {}
        self._countries: dict[str, str | None] = {}
        self._case_words: dict[int, tuple[str, ...]] = {}

    # ----- where the lexicon's words are

    def cyber_in_name_only(self, token: Token) -> bool:
        """A cyber word that says nothing of cyber here: inside a multi-word name ('the Internet
        Research Agency', a troll farm), or a network of people ('un réseau lié à l'agent russe
        Evgueni Prigojine', 'Prigozhin's network')."""
        if token.lower_ not in self.lex.cyber_words:
            return False  # ('cyber...', 'hack...': the prefixes say it whatever the phrase)
        if in_capitalised_name(token):
            return True
        if token.lower_ in self.lex.network_nouns:
            # (a person of the actors, or a name the model's entity recogniser takes for a person)
            return any(
                t.ent_type_ in ("PERSON", "PER")
                or any(s.label_ == "person" for s in self.spans_at.get(t.i, ()))
                for t in token.subtree
            )
        return False

    def where(self, name: str) -> list[int]:
        """Indices (in order) of the tokens whose lower-case form is in a word list of LOCATED_LISTS."""
        return self.positions.get(name, [])

    def is_cyber(self, token: Token) -> bool:
        """A cyber word (``Lexicon.is_cyber_word``), looked up among the document's ones (see locate)."""
        return token.i in self.cyber_tokens

    def is_operation(self, token: Token) -> bool:
        """Is the token an operation noun? (looked up among the document's ones). A noun that names
        an operation only when a cyber word qualifies it ('hacking campaign', 'campagne
        d'espionnage', not 'la campagne d'Emmanuel Macron') is one only then."""
        if token.i not in self.operation_tokens:
            return False
        if token.lower_ in self.lex.threat_nouns and token.head.pos_ == "NOUN" and token.head.i != token.i:
            if token.dep_ in ("compound", "nmod"):
                return False  # 'cyber threat actors', « des auteurs de menaces »: who, not a threat
        if token.lower_ not in self.lex.qualified_operation_nouns:
            return True
        # its own words, not a relative clause's ('Biden's campaign that contained stolen material')
        clauses = [c for c in self.children_of(token) if c.dep_ in ("relcl", "acl:relcl")]
        inside = {t.i for c in clauses for t in self.subtree_of(c)}
        words = [t for t in self.subtree_of(token) if t.i != token.i and t.i not in inside]
        if any(self.is_cyber(t) or t.lower_ in self.lex.qualifiers for t in words):
            return True  # ('malicious actions' too)
        return self.lex.names_an_incident(" ".join(t.text for t in words))

    def any_cyber(self, start: int, end: int) -> bool:
        """Is a token of ``doc[start:end]`` a cyber word?"""
        return bool(between(self.where("cyber"), start, end))

    # ----- words and the parse

    def is_self_pronoun(self, token: Token) -> bool:
        """'we'/'us'/'nous', but not the acronym 'US' (a country written in capitals)."""
        if token.lower_ not in self.lex.self_pronouns:
            return False
        return not (len(token.text) > 1 and token.text.isupper())

    def case_words(self, token: Token) -> tuple[str, ...]:
        """The lower-case forms of the token's ``case`` dependents (the French prepositions)."""
        found = self._case_words.get(token.i)
        if found is None:
            found = self._case_words[token.i] = tuple(
                c.lower_ for c in self.children_of(token) if c.dep_ == "case"
            )
        return found

    def resolve_relative(self, token: Token) -> Token:
        """'which'/'qui' as a subject stands for the noun its clause modifies."""
        clause = token.head
        if (
            token.lower_ in self.lex.relative_pronouns
            and clause.dep_ == "ccomp"
            and clause.head.lower_ in self.lex.speech_verbs
            and clause.head.i > token.i
        ):
            # 'a group that Microsoft says | is backed by China': the relative clause is the
            # speech verb's; the pronoun is the subject of what is said
            clause = clause.head
        if token.lower_ in self.lex.relative_pronouns and clause.dep_ in self.deps["noun_mod"]:
            antecedent = clause.head
            # "unit 26165 – codenamed APT28 and Fancy Bear – which": the whole noun phrase
            for _ in range(4):
                linked = antecedent.dep_ in self.deps["linked_noun"]
                if not linked or not self.together(antecedent.head, antecedent):
                    break
                antecedent = antecedent.head
            return antecedent
        if (
            token.lower_ in self.lex.relative_pronouns
            and token.dep_ in self.deps["subj"]
            and token.i > 1
            and self.doc[token.i - 1].text == ","
            and token.i - 2 in self.actor_at
        ):
            # « attribué par le FBI à la Corée du Nord, qui a nié »: a relative clause the parser hung
            # on the verb; its antecedent is the actor right before the comma
            return self.actor_at[token.i - 2].root
        return token

    def relative_clauses(self, noun: Token) -> list[Token]:
        """The verbs of the relative clauses on a noun, also where the parser hung the clause
        elsewhere but the relative pronoun comes right after the noun (« du rôle que la Corée
        du Nord a joué »: 'joué' under 'pris note')."""
        verbs = [r for r in self.kids(noun) if r.dep_ in ("relcl", "acl:relcl")]
        after = self.doc[noun.i + 1] if noun.i + 1 < len(self.doc) else None
        if (
            after is not None
            and after.lower_ in self.lex.relative_pronouns
            and after.head.pos_ in ("VERB", "AUX")
            and after.head.i > after.i
            and after.head not in verbs
        ):
            verbs.append(after.head)
        return verbs

    def _inside_clause(self, token: Token, top: Token) -> bool:
        """Is ``token`` inside a relative/participle clause below ``top``?"""
        while token.i != top.i and token.head.i != token.i:
            if token.dep_ in self.deps["noun_mod"] and not self.inclusion(token):
                return True
            token = token.head
        return False

    def inclusion(self, token: Token) -> bool:
        """« plusieurs entreprises, dont Symantec(acl:relcl) et Kaspersky »: an actor the parser hung
        as a relative clause after 'dont' / 'including' is a member of the list, not a clause."""
        words = self.lex.inclusion_words
        return token.i in self.actor_at and any(c.lower_ in words for c in self.children_of(token))

    def together(self, a: Token, b: Token) -> bool:
        """Are two tokens in the same segment? (the parse sometimes ties a heading to the next line)"""
        n = self.segment_ids[a.i]
        return n >= 0 and n == self.segment_ids[b.i]

    def children_of(self, token: Token) -> tuple[Token, ...]:
        """``token.children``, made once per token (the readers ask for the same ones many times)."""
        found = self._children.get(token.i)
        if found is None:
            found = self._children[token.i] = tuple(token.children)
        return found

    def subtree_of(self, token: Token) -> tuple[Token, ...]:
        """``token.subtree``, made once per token (the readers ask for the same ones many times)."""
        found = self._subtrees.get(token.i)
        if found is None:
            found = self._subtrees[token.i] = tuple(token.subtree)
        return found

    def kids(self, token: Token) -> tuple[Token, ...]:
        """The token's dependents in its own segment."""
        found = self._kids.get(token.i)
        if found is None:
            found = self._kids[token.i] = tuple(c for c in self.children_of(token) if self.together(c, token))
        return found

    def children(self, token: Token, group: str) -> list[Token]:
        deps = self.deps[group]
        return [c for c in self.kids(token) if c.dep_ in deps]

    def prep_objects(self, token: Token, preps: Iterable[str]) -> list[Token]:
        """Nouns attached to ``token`` by one of ``preps`` (English prep+pobj, French case child)."""
        preps = set(preps)
        found = []
        for child in self.kids(token):  # (in the token's segment)
            if child.lower_ in preps and child.dep_ in ("prep", "agent", "dative"):
                objects = [c for c in self.children_of(child) if c.dep_ in ("pobj", "pcomp")]
                if not objects:  # 'out of Iran', 'because of': the second preposition holds the noun
                    second = [c for c in self.children_of(child) if c.dep_ == "prep"]
                    objects = [o for p in second for o in self.children_of(p) if o.dep_ == "pobj"]
                found.extend(objects)
            elif any(word in preps for word in self.case_words(child)):
                found.append(child)
        return found

    def enclosing_noun(self, node: Token) -> tuple[str, Token | None]:
        """The preposition (lower case) and the noun whose phrase ``node`` is: 'use | of X' (English:
        the preposition heads X), « recours | aux X » (French: the case word hangs on X)."""
        if node.dep_ == "pobj" and node.head.pos_ in ("ADP", "VERB") and node.head.head.pos_ == "NOUN":
            return node.head.lower_, node.head.head
        case = [c.lower_ for c in self.kids(node) if c.dep_ == "case"]
        if case and node.dep_ in ("nmod", "obl", "obl:arg") and node.head.pos_ == "NOUN":
            return case[0], node.head
        return "", None

    def prep_objects_near(
        self, token: Token, preps: Iterable[str], ignore: Token | None = None
    ) -> list[Token]:
        """Like prep_objects, also where the parser hangs the phrase on the verb: 'fait partie | de X',
        'be attributable | to X' (``ignore``: an object that does not count, the noun's owner)."""
        preps = tuple(preps)
        found = [o for o in self.prep_objects(token, preps) if o != ignore]
        if (
            not found
            and token.dep_
            in self.deps["obj"] | {"acomp", "attr", "obl:arg"}  # 'servi de couverture | au groupe'
            and self.together(token.head, token)
        ):
            found = [o for o in self.prep_objects(token.head, preps) if o.i > token.i]
        return found

    @cached_property
    def lower_ids(self) -> list[int]:
        """Each token's lower-case form as a string id (read from the array: no Token made)."""
        return self.doc.to_array(LOWER).tolist()

    def phrase_start(self, token: Token) -> int:
        """Where a noun's own words start: its left edge, past its determiner and possessor."""
        return token.left_edge.i if token.left_edge.dep_ not in ("case",) else token.left_edge.i + 1

    def sentence_of(self, token: Token) -> Span:
        n = self.segment_ids[token.i]
        return self.sents[n] if n >= 0 else token.sent
