"""One parsed document as the claim readers see it: an index of its actor mentions, its segments
and quotations, where the lexicon's words are, and small syntax helpers with their caches.

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

ACTORS_KEY = "actors"
MAX_CLIMB = 5
LIST_JOINS = frozenset({",", "and", "et", "&"})  # what joins the names of a list


class DocView:
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

    def agent_heads(self, token: Token) -> list[Token]:
        """The nouns of a passive's agent ('by X': the preposition's object; 'par X': X itself)."""
        agents = self.children(token, "agent")
        if self.lex.dependency_scheme == "ud":
            return agents
        return [c for a in agents for c in self.children_of(a) if c.dep_ == "pobj"]

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

    def orphan_subject(self, verb: Token) -> list[Token]:
        """An actor just before a verb that the parser left unattached ("Chine nie...", "Pékin a rejeté")."""
        sent = self.sentence_of(verb)
        for i in range(min(verb.i, sent.end) - 1, sent.start - 1, -1):  # the nearest first
            if i not in self.actor_at:
                continue
            token = self.doc[i]
            if not self.together(token, verb):
                continue
            if token.head.i == token.i or not self.together(token.head, token):  # detached
                return [token]
            if token.head.i == verb.i and token.dep_ in self.deps["unlabelled"] and token.i < verb.i:
                return [token]  # « FireEye(dep) accuse APT32 »: hung on the verb with no role
        return []

    def verb_in_line(self, token: Token) -> tuple[Token, Token] | None:
        """An accusing verb the parser read as a modifier between two names ('FireEye(nmod) |
        accused(amod) | APT32(ROOT), a group working for Vietnam, of hacking'): read in the order
        of the words, the name that opens the sentence accuses the name right after the verb."""
        if token.dep_ not in ("amod", "compound", "nmod") or token.i == 0 or token.pos_ != "VERB":
            return None
        before, after = self.actor_at.get(token.i - 1), self.actor_at.get(token.i + 1)
        if before is None or before.end != token.i or before.start != self.sentence_of(token).start:
            return None
        if after is None or after.start != token.i + 1:
            return None
        return before.root, after.root

    def verb_subject(self, verb: Token) -> Token | None:
        """The subject of an accusing verb, also where the parser read the verb as a modifier."""
        in_line = self.verb_in_line(verb)
        return in_line[0] if in_line is not None else self.subject_of(verb)

    def detached_co_subjects(self, verb: Token) -> list[Token]:
        """Actors the parser cut off as a sentence of their own before the verb's subject ('Le
        Royaume-Uni | , les États-Unis et l'UE ont attribué'): more subjects of the verb."""
        start = self.sentence_of(verb).start
        subjects = self.own_subjects(verb)
        if subjects:  # ('Le Royaume-Uni(obl:mod) | , les États-Unis(nsubj) ... ont attribué' in one sentence)
            first = min(s.i for s in subjects)
            found = [
                c
                for c in self.kids(verb)
                if c.i < first
                and c.i in self.actor_at
                and c.dep_.startswith(("obl", "nmod"))
                and not self.case_words(c)
                and self.doc[c.right_edge.i + 1].text == ","
            ]
            listed = self.listed_before(min(subjects, key=lambda s: s.i))
            if found or listed:
                return found + [t for t in listed if t not in found]
            # 'Les États-Unis | et leurs partenaires accusent' parsed with the verb as a conjunct of
            # the first noun: that noun, cut off from any verb, is one more subject
            noun = verb.head
            joined = any(c.dep_ == "cc" and noun.i < c.i < first for c in self.kids(verb))
            if (
                verb.dep_ == "conj"
                and noun.i < first
                and joined
                and noun.head.i == noun.i
                and noun.i in self.actor_at
                and self.together(noun, verb)
            ):
                return [noun]
        if not subjects or start == 0 or self.doc[start].text != ",":
            return []
        found = []
        for i in range(self.sentence_of(self.doc[start - 1]).start, start):
            token = self.doc[i]
            if i in self.actor_at and token.head.i == i and token.right_edge.i == start - 1:
                found.append(token)
        return found

    def listed_before(self, subject: Token) -> list[Token]:
        """'Working with partners, CISA, Treasury, FBI, and NSA identified': the actors of a comma
        list that ends with the subject, which the parser hung elsewhere (here on 'partners')."""
        found: list[Token] = []
        i, start, joined = subject.left_edge.i - 1, self.sentence_of(subject).start, False
        edge = i
        while i >= start:
            token = self.doc[i]
            if token.lower_ in LIST_JOINS:
                joined, i = True, i - 1
                continue
            actor = self.actor_at.get(i)
            if actor is None or not joined or subject.i in range(actor.start, actor.end):
                break
            found.append(self.doc[actor.root.i])
            joined, i = False, actor.start - 1
            while i >= start and self.doc[i].lower_ in self.lex.determiners:
                i -= 1
            edge = i  # what comes before the list's first name
        # the list opens the sentence or follows a comma; not 'attacks in Estonia, Georgia, and'
        opened = bool(found) and (edge < start or self.doc[edge].text == ",")
        last = len(self.doc) - 1
        comma = any(t.right_edge.i < last and self.doc[t.right_edge.i + 1].text == "," for t in found)
        return found if opened and comma else []

    def stray_agents(self, verb: Token) -> list[Token]:
        """'attribuée à la Russie par l'Allemagne' parsed with 'par l'Allemagne' under 'Russie', or
        'attribué par CrowdStrike à ...' with 'par CrowdStrike' as a plain oblique of the verb."""
        found = []
        agent_preps = self.lex.preps("agent")
        for argument in self.kids(verb):
            if argument.dep_.startswith("obl") and any(w in agent_preps for w in self.case_words(argument)):
                found.append(argument)
                continue
            for child in self.children_of(argument):
                by_agent = any(w in self.lex.preps("agent") for w in self.case_words(child))
                if by_agent and self.together(child, verb):
                    found.append(child)
        return found

    def speech_subjects(self, verb: Token) -> list[Token]:
        """Who speaks: the subject, or an inverted '..., a déclaré le ministre' parsed as an object."""
        # « », a-t-il déclaré »: the inverted pronoun (parsed as an expletive) is the subject
        inverted = [c for c in self.kids(verb) if c.lower_ in self.lex.person_pronouns and c.i > verb.i - 3]
        if inverted and inverted[0].lower_.startswith("-"):
            return inverted
        subjects = self.own_subjects(verb)
        if subjects:
            return subjects
        before = [t for t in self.doc[max(0, verb.i - 3) : verb.i]]
        if any(t.lower_ in {",", "»", "”", '"'} for t in before):
            return [c for c in self.children(verb, "obj") if c.i > verb.i] or inverted
        # 'X, Y and Z — hereafter the authoring agencies — assess that': the subject hung on a
        # clause the parser put before the verb
        found = [s for c in self.children(verb, "clause") if c.i < verb.i for s in self.children(c, "subj")]
        if not found and verb.pos_ == "NOUN":
            # 'The NCSC judges that ...' tagged as a plural noun with 'NCSC' as its compound: the
            # actor before it, when a 'that' clause follows
            clause = any(
                m.dep_ == "mark" for c in self.kids(verb) if c.i > verb.i for m in self.children_of(c)
            )
            found = (
                [c for c in self.kids(verb) if c.dep_ == "compound" and c.i in self.actor_at]
                if clause
                else []
            )
        if not found and not inverted and verb.dep_ == "conj" and self.together(verb.head, verb):
            # 'Beijing denied involvement, and says the United States is ...': the first verb's subject
            found = [s for s in self.own_subjects(verb.head) if s.i < verb.head.i]
        return found or inverted

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

    def prep_objects_near(self, token: Token, preps: Iterable[str]) -> list[Token]:
        """Like prep_objects, also where the parser hangs the phrase on the verb: 'fait partie | de X',
        'be attributable | to X'."""
        preps = tuple(preps)
        found = self.prep_objects(token, preps)
        if (
            not found
            and token.dep_
            in self.deps["obj"] | {"acomp", "attr", "obl:arg"}  # 'servi de couverture | au groupe'
            and self.together(token.head, token)
        ):
            found = [o for o in self.prep_objects(token.head, preps) if o.i > token.i]
        return found

    def hangs_on(self, token: Token, heads: set[int]) -> bool:
        """Is ``token`` hung on one of ``heads``, directly or through its preposition?"""
        head = token.head
        if token.dep_ in self.deps["noun_attachment"]:
            for _ in range(2):  # 'along | with | Google'
                if head.pos_ != "ADP":
                    break
                head = head.head
        return head.i in heads

    def named_as_partner(self, token: Token) -> bool:
        """Is ``token`` (an actor's head) right after a partner phrase ('together with', 'along
        with', « conjointement avec »): one more voice of the claimant's phrase?"""
        start = self.phrase_start(token)
        lower = self.lower_ids
        for phrase in self.lex.partner_phrase_ids:
            begin = start - len(phrase)
            if begin >= 0 and tuple(lower[begin:start]) == phrase:
                return True
        return False

    @cached_property
    def lower_ids(self) -> list[int]:
        """Each token's lower-case form as a string id (read from the array: no Token made)."""
        return self.doc.to_array(LOWER).tolist()

    def phrase_start(self, token: Token) -> int:
        """Where a noun's own words start: its left edge, past its determiner and possessor."""
        return token.left_edge.i if token.left_edge.dep_ not in ("case",) else token.left_edge.i + 1

    def partners_of(self, verb: Token) -> list[Token]:
        """Actors named as partners before the verb, wherever the parser hung them: 'Microsoft, along
        with Google, published', « La France, aux côtés de l'Allemagne, a accusé »."""
        return [
            self.doc[i]
            for i in range(verb.left_edge.i, verb.i)
            if i in self.actor_at and self.actor_at[i].root.i == i and self.named_as_partner(self.doc[i])
        ]

    def speaker_label(self, token: Token) -> bool:
        """'MR PRICE: The MSS is responsible': a transcript's label the parser took for a subject
        (the phrase opens its segment and a colon closes it)."""
        span = self.actor_at.get(token.i)
        return (
            span is not None
            and span.end < len(self.doc)
            and self.doc[span.end].text == ":"
            and token.left_edge.i in self.sent_index
        )

    def own_subjects(self, verb: Token) -> list[Token]:
        """The verb's subjects, or those the parser hung on its auxiliary ('The Norwegian government
        has for once today blamed ...': 'government' under 'has')."""
        subjects = [s for s in self.children(verb, "subj") if not self.speaker_label(s)]
        if not subjects and self.misread_passive(verb):
            subjects = self.children(verb, "pass_subj")
        if subjects:
            return subjects
        # « qu'APT29 est responsable » parsed with the name as an expletive subject (the impersonal
        # « il » of « il est probable » is none: only a name of the actors)
        named = [c for c in self.kids(verb) if c.dep_ == "expl:subj" and c.i in self.actor_at]
        if named:
            return named
        auxiliaries = [c for c in self.kids(verb) if c.dep_ in ("aux", "aux:tense", "auxpass", "aux:pass")]
        return [s for aux in auxiliaries for s in self.children(aux, "subj")]

    def subject_of(self, token: Token) -> Token | None:
        """The nearest grammatical subject for ``token``, climbing through clause links."""
        current = token
        for _ in range(MAX_CLIMB):
            subjects = self.own_subjects(current) + self.children(current, "pass_subj")
            if subjects:
                return subjects[0]
            gerund_marks = self.lex.preps("gerund_marks")
            gerund = any(c.dep_ == "mark" and c.lower_ in gerund_marks for c in self.children_of(current))
            if gerund and current.dep_ in self.deps["noun_mod"] and self.together(current.head.head, current):
                current = current.head.head  # "obtenu ces renseignements en piratant": misattached adverbial
                continue
            if current.dep_ in self.deps["noun_mod"] and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return current.head  # a participle or relative clause: the noun it modifies
            if current.dep_ == "amod":
                return current.head
            bare = not any(c.dep_ in ("aux", "mark") for c in self.children_of(current))
            if current.dep_ == "xcomp" and current.pos_ == "VERB" and bare:
                # 'observed GRU unit 29155 conducting operations', « a vu le GRU mener »: the verb's
                # object does it (not with 'to': 'used the Play Store to distribute malware')
                watched = [o for o in self.children(current.head, "obj") if o.i < current.i]
                if watched and self.together(current.head, current):
                    return watched[0]
            climbable = self.deps["clause"] | self.deps["obj"] | {"acomp", "attr", "cop", "xcomp"}
            if (
                current.head.i == current.i
                or current.dep_ not in climbable
                or not self.together(current.head, current)
            ):
                return None
            current = current.head
        return None

    def is_passive(self, token: Token) -> bool:
        if any(c.dep_ in ("auxpass", "aux:pass") for c in self.children_of(token)):
            return True
        return bool(self.children(token, "pass_subj")) and not self.misread_passive(token)

    def misread_passive(self, token: Token) -> bool:
        """« L'administration(nsubj:pass) a(aux:tense) accusé lundi ... »: a passive subject with a
        tense auxiliary and no passive one is the parser's slip; the verb is active."""
        children = self.children_of(token)
        return any(c.dep_ == "aux:tense" for c in children) and not any(
            c.dep_ in ("auxpass", "aux:pass") for c in children
        )

    def sentence_of(self, token: Token) -> Span:
        n = self.segment_ids[token.i]
        return self.sents[n] if n >= 0 else token.sent
