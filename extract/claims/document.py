"""Who speaks for a whole document when no sentence says so: the authors it names ("This advisory
was co-authored by the NSA and the FBI", "Cet avis a été rédigé par l'ANSSI") or, for an official
publisher (a state, an agency, an intergovernmental body: not a newspaper, not an encyclopedia),
the publisher given with the document (``doc._.publisher``).

Advisories and press releases state findings without a reporting verb ("APT35 has compromised
the accounts of journalists"): their claimant is the body that publishes them. This voice is the
last resort of ``SourceFinder.source_for``, with a low confidence.
"""

from __future__ import annotations

import re
from functools import cache, cached_property

from spacy.tokens import Doc, Span, Token

from extract.claims.accused_phrases import AccusedPhrases
from extract.claims.confidence import CONFIDENCE
from extract.claims.found import Source
from extract.claims.lexicon_files import string_ids
from extract.claims.publishers import OFFICIAL_KINDS, actors_named_in, official_publishers

AUTHOR_KINDS = OFFICIAL_KINDS | {"company"}  # who may author a document
LIST_LINE_MAX_TOKENS = 16  # a line of a list of authors below 'in partnership with:'
AUTHORING_PARAGRAPHS = 5  # authors are named near the top
AUTHORED_NOUN_REACH = 7  # 'releasing the joint Cybersecurity Advisory': the document right after the verb
HEADING_NOUN_WORDS = 3  # "Authoring agencies:", "Co-authors:": a heading for a list of authors


@cache
def topic_words(preps: frozenset[str]) -> re.Pattern:
    """A topic preposition between spaces: where a title's author phrase ends."""
    return re.compile(r"\s(?:{})\s".format("|".join(map(re.escape, sorted(preps)))), re.IGNORECASE)


class DocumentVoice(AccusedPhrases):
    """The authors or the official publisher of the document."""

    @cached_property
    def document_source(self) -> Source | None:
        """The authors the text names, else those its title names ('Statement by the High
        Representative on behalf of the EU'), else an official publisher."""
        authors = self.named_authors
        if authors:
            return Source(tuple(authors), CONFIDENCE["document_author"])
        named = self.title_authors() or official_publishers(document_field(self.doc, "publisher"))
        if not named or not len(self.doc):
            return None
        # the title and the publisher are not in the text: a span over the first token stands for each
        spans = tuple(Span(self.doc, 0, 1, label=kind, kb_id=actor_id) for actor_id, kind in named)
        return Source(spans, CONFIDENCE["publisher"])

    def title_authors(self) -> list[tuple[str, str]]:
        """'Statement by X', 'Déclaration de X' as the document's title (not in its text): the
        states, agencies, intergovernmental bodies and officials X names."""
        title = document_field(self.doc, "title") or ""
        words = re.findall(r"[\w’'-]+", title.lower())
        joint = self.joint_states(title, words)
        if joint:
            return joint
        for n, word in enumerate(words[:-1]):
            # ('Statement by X', « Déclaration conjointe de X et de Y »)
            after_word = (
                words[n + 2] if words[n + 1] in self.lex.joint_words and n + 2 < len(words) else words[n + 1]
            )
            if word in self.lex.statement_words and after_word in self.lex.preps("heading_author"):
                after = title[title.lower().find(word) + len(word) :]
                # 'Statement by X on Iran's cyberattack against Albania': X speaks, not its topic;
                # 'Readout of X's Meeting with Y': nor the other party (a joint title is read above)
                ends = self.lex.preps("topic") | self.lex.preps("other_party")
                topic = topic_words(ends).search(after)
                after = after[: topic.start()] if topic else after
                speakers = [a for a in actors_named_in(after) if a.kind in OFFICIAL_KINDS | {"person"}]
                return [(a.id, a.kind) for a in speakers if a.kind != "person" or a.country]
        return []

    def joint_states(self, title: str, words: list[str]) -> list[tuple[str, str]]:
        """'United States-Japan Joint Leaders’ Statement', 'U.S.-ROK Joint Statement': the states
        joined by hyphens before the joint word of a statement's title (two at least)."""
        if not (set(words) & self.lex.joint_words and set(words) & self.lex.statement_words):
            return []
        joint = re.search(
            r"\b(?:" + "|".join(map(re.escape, self.lex.joint_words)) + r")\b", title, re.IGNORECASE
        )
        parts = re.split(r"[-–‐]", title[: joint.start()]) if joint else []
        states = [a for part in parts for a in actors_named_in(part) if a.kind == "state"]
        return [(a.id, a.kind) for a in states] if len(states) > 1 else []

    def speaker_actors(self, head: Token, skip: set[int] | None = None) -> list[Span]:
        """As ``SpeakerPhrases.speaker_actors``; 'the authoring agencies', 'les agences auteures' speak
        for the document's named authors."""
        found = super().speaker_actors(head, skip)
        if not found and any(t.lower_ in self.lex.author_references for t in self.subtree_of(head)):
            return list(self.named_authors)
        return found

    def indices_of(self, words: frozenset[str], sent: Span) -> list[int]:
        """The token indices of a sentence whose lower-case form is one of ``words``."""
        ids, lower = string_ids(words), self.lower_ids
        return [i for i in range(sent.start, sent.end) if lower[i] in ids]

    def designated_authors(self, sent: Span) -> list[Span]:
        """'X, Y and Z (hereafter referred to as the authoring agencies)': the bodies named before."""
        for i in self.indices_of(self.lex.author_references, sent):
            window = {t.lower_ for t in self.doc[max(sent.start, i - 6) : i]}
            if window & self.lex.author_designations:
                before = self.actors_in(self.doc[sent.start : i])
                return [a for a in before if a.label_ in AUTHOR_KINDS - {"state"}]
        return []

    @cached_property
    def named_authors(self) -> list[Span]:
        """'The NSA and the FBI co-authored this alert', 'This advisory was written by X and Y',
        'X, joined by Y and Z, released the joint advisory', 'issued in partnership with:' and a
        list below: the authors of the document, named near its top (anywhere in an official
        publication: 'The NCSC has issued the advisory with the FBI, ...' as its last paragraph)."""
        official = bool(official_publishers(document_field(self.doc, "publisher")))
        found: list[Span] = []
        for n, sent in enumerate(self.sents):
            if self.paragraph_of.get(sent.start, 0) >= AUTHORING_PARAGRAPHS and not official:
                break
            named = self.designated_authors(sent)
            top = self.paragraph_of.get(sent.start, 0) < AUTHORING_PARAGRAPHS
            if top:
                named += self.product_authors(sent)
            if top and self.authors_heading(sent):
                named += self.listed_below(n)  # 'Co-authored by:' and a list
            for i in self.indices_of(self.lex.authoring_verbs, sent):
                token = self.doc[i]
                document = self.authored_document(token)
                if document is not None and (top or self.definite(document)):
                    named += self.authors_of(token, document)
                    if self.text[sent.start_char : sent.end_char].rstrip().endswith(":"):
                        named += self.listed_below(n)
            # (a partner noun first, found cheaply: most sentences have none)
            partners = (
                self.listed_partners(sent, n) if self.indices_of(self.lex.partner_list_nouns, sent) else []
            )
            if partners and (found or named):
                named += partners
            elif (
                partners and official and top
            ):  # 'The NCSC, with partners, has identified ... Partners include:'
                named += list(self.publisher_spans()) + partners
            found += [a for a in named if a.kb_id_ not in {f.kb_id_ for f in found}]
        return found

    def product_authors(self, sent: Span) -> list[Span]:
        """'This report is a joint product of the ASD, the FBI and the Cyber Centre', « Ce rapport
        est un produit conjoint de X et Y »: the bodies whose product the document is; 'This
        advisory is the result of collaborative efforts by X and Y', « Ce guide est le fruit d'une
        collaboration entre X et Y »: the bodies whose joint work it is."""
        found: list[Span] = []
        nouns = self.lex.authored_nouns | self.lex.joint_work_nouns
        for i in self.indices_of(nouns, sent):  # (no Token made for the other words)
            noun = self.doc[i]
            if noun.pos_ != "NOUN":
                continue
            if any(c.dep_ == "cop" for c in self.kids(noun)):
                subjects = self.own_subjects(noun)
            else:
                subjects = self.own_subjects(noun.head) if noun.dep_ == "attr" else []
            if not any(s.lower_ in self.lex.authored_nouns and self.definite(s) for s in subjects):
                continue
            owners = self.prep_objects(noun, self.lex.preps("genitive"))
            # 'the result of efforts | by X'; 'This advisory is a collaboration | between X and Y'
            works = [o for o in owners if o.lower_ in self.lex.joint_work_nouns]
            works += [noun] if noun.lower_ in self.lex.joint_work_nouns else []
            owners = [o for o in owners if o not in works]
            owners += [o for work in works for o in self.prep_objects(work, self.lex.preps("joint_work"))]
            found += [a for o in owners for a in self.main_actors(o) if a.label_ in AUTHOR_KINDS - {"state"}]
        return found

    def publisher_spans(self) -> tuple[Span, ...]:
        """The official publisher's actors, as spans over the first token (it is not in the text)."""
        named = official_publishers(document_field(self.doc, "publisher"))
        return tuple(Span(self.doc, 0, 1, label=kind, kb_id=actor_id) for actor_id, kind in named)

    def authors_heading(self, sent: Span) -> bool:
        """A line like 'Co-authored by:', « Rédigé par : » (an authoring verb and its agent word), or
        'Authoring agencies:' (a few words, one of them a word for the authors)."""
        if not self.text[sent.start_char : sent.end_char].rstrip().endswith(":"):
            return False
        words = [t.lower_ for t in sent if t.is_alpha]
        if (
            len(words) <= HEADING_NOUN_WORDS
            and any(w in self.lex.author_references for w in words)
            and not any(
                t.pos_ in ("VERB", "AUX") and t.lower_ not in self.lex.author_references for t in sent
            )
        ):
            return True  # 'Authoring agencies:', 'Co-authors:', « Agences auteures : »
        return (
            len(words) >= 2
            and words[-1] in self.lex.preps("agent")
            and any(w in self.lex.authoring_verbs for w in words[:-1])
            and all(w in self.lex.authoring_verbs or len(w) <= 2 for w in words[:-1])
        )

    def listed_partners(self, sent: Span, n: int) -> list[Span]:
        """'International partners include the FBI, the NSA and the UK's NCSC', « Les partenaires
        sont le BSI et le NCSC »: more authors of a document whose authors are named."""
        root = sent.root  # ('sont' is the copula under the first name in UD parses)
        verbs = [root] + [c for c in self.kids(root) if c.dep_ == "cop"]
        if not any(v.lower_ in self.lex.partner_list_verbs for v in verbs):
            return []
        subjects = self.children(root, "subj")
        if not any(t.lower_ in self.lex.partner_list_nouns for s in subjects for t in self.subtree_of(s)):
            return []  # ('International partners include', 'The partner agencies are')
        listed = {t.i for t in sent if not any(t.i in {x.i for x in self.subtree_of(s)} for s in subjects)}
        found = [
            a
            for a in self.actors_in(self.doc[i] for i in sorted(listed))
            if a.label_ in AUTHOR_KINDS - {"state"}
        ]
        if self.text[sent.start_char : sent.end_char].rstrip().endswith(":"):
            found += self.listed_below(n)  # 'International partners include:' and a list
        return found

    def authored_document(self, verb: Token) -> Token | None:
        """The document a verb of authoring makes: 'co-authored this alert', 'a rédigé cet avis'."""
        if verb.lower_ not in self.lex.authoring_verbs:
            return None
        if verb.dep_ in self.deps["noun_mod"] and verb.head.lower_ in self.lex.authored_nouns:
            return verb.head  # 'This advisory, authored by X, Y and Z, outlines ...'
        # ('This advisory is co-authored by': the parser may hang the subject on 'is'; 'the
        # advisory, which has been published by')
        objects = self.children(verb, "obj") + self.children(verb, "pass_subj") + self.own_subjects(verb)
        if not objects and verb.head.i != verb.i and verb.i - verb.head.i <= 2:
            # 'This advisory has been co | - | authored by': the parser split the verb at its hyphen
            objects = self.own_subjects(verb.head) + self.children(verb.head, "pass_subj")
        objects = [self.resolve_relative(o) for o in objects]
        found = next((o for o in objects if o.lower_ in self.lex.authored_nouns), None)
        if found is None:  # 'are releasing the joint Cybersecurity Advisory (CSA) "..."', misparsed
            sent = self.sentence_of(verb)
            after = self.doc[verb.i + 1 : min(verb.i + AUTHORED_NOUN_REACH, sent.end)]
            found = next(
                (
                    t
                    for t in after
                    if t.lower_ in self.lex.authored_nouns
                    and t.pos_ in ("NOUN", "PROPN")
                    # (not a modifier of another noun: 'led NSA's cybersecurity mission')
                    and not (t.dep_ == "compound" and t.head.lower_ not in self.lex.authored_nouns)
                ),
                None,
            )
        if found is None and self.children(
            verb, "agent"
        ):  # 'This joint advisory is co-authored by', misparsed
            sent = self.sentence_of(verb)
            before = self.doc[max(sent.start, verb.i - AUTHORED_NOUN_REACH) : verb.i]
            found = next(
                (
                    t
                    for t in reversed(before)
                    if t.lower_ in self.lex.authored_nouns and t.pos_ in ("NOUN", "PROPN")
                ),
                None,
            )
        return found

    def authors_of(self, verb: Token, document: Token) -> list[Span]:
        """The subject (or the agents) of an authoring verb, and the official bodies named beside
        it in the sentence ('alongside', 'joined by', 'in partnership with'), not in the document's
        own phrase (its title and topic: 'an advisory on the GRU')."""
        if self.is_passive(verb) or verb.head.i == document.i:  # ('an advisory authored by X')
            heads = self.agent_heads(verb) + self.prep_objects(verb, self.lex.preps("agent"))
        else:  # 'The NSA and the FBI co-authored': the subject may hang on 'co'
            subject = self.subject_of(verb)
            heads = [subject] if subject is not None else []
        authors = [a for head in heads for a in self.main_actors(head) if a.label_ in AUTHOR_KINDS]
        topic = self.topic_of(document)
        if document.head.i == verb.i and document.dep_ in self.deps["obj"]:
            # 'X released an advisory on activity | by APT40, a group sponsored by the MSS': with its
            # authors as subject, an agent phrase after the document is the parser's misreading of its topic
            for agent in self.prep_objects(verb, self.lex.preps("agent")):
                if agent.i > document.i:
                    topic.update(t.i for t in self.subtree_of(agent))
        sent = self.sentence_of(verb)
        quoted = {i for i in range(sent.start, sent.end) if self.in_quote(self.doc[i])}
        beside = self.actors_in(t for t in sent if t.i not in topic and t.i not in quoted)
        # (not the parent named as the possessor of an author: "ASD's ACSC", "the GCSB's NCSC")
        beside = [a for a in beside if not self.possessor_of_actor(a)]
        # (not whom the act supports: 'in support of the European Union, the US is sharing')
        beside = [a for a in beside if not any(t.lower_ in self.lex.support_nouns for t in a.root.ancestors)]
        if not authors and verb.head.i == document.i and self.cited_in_passing(document):
            # « Dans un rapport publié en 2013, Mandiant accuse l'armée chinoise », 'In a report
            # released on Tuesday, ...': a report cited in a phrase, its authors unnamed; the actors
            # beside it are the sentence's own (what the report says), not its co-authors
            return []
        return authors + [a for a in beside if a.label_ in ("agency", "intergov") and a not in authors]

    def cited_in_passing(self, document: Token) -> bool:
        """A document noun in a prepositional phrase ('in a report', « dans un rapport »)."""
        return document.dep_ == "pobj" or bool(self.case_words(document))

    def possessor_of_actor(self, span: Span) -> bool:
        """Is the actor the possessor of another one ("ASD's ACSC", "the GCSB's NCSC")?"""
        return span.root.dep_ in ("poss", "nmod:poss") and span.root.head.i in self.actor_at

    def definite(self, noun: Token) -> bool:
        """'the advisory', 'this advisory', 'cet avis': the document itself, not 'a joint advisory'
        that a later paragraph mentions."""
        return any(c.lower_ in self.lex.definite_determiners for c in self.children_of(noun))

    def topic_of(self, document: Token) -> set[int]:
        """What a document is about ('an advisory on the GRU', 'highlighting campaigns by X'): its
        topic phrases and clauses. Its other dependents may be the co-authors the parser hung on it
        ('issued the advisory with the FBI, the NSA ...')."""
        topic: set[int] = set()
        verb = document.head  # 'are releasing an advisory | on SVR activity' hung on the verb
        for child in list(self.kids(document)) + [c for c in self.kids(verb) if c.i > document.i]:
            about = child.lower_ in self.lex.preps("topic") or any(
                w in self.lex.preps("topic") for w in self.case_words(child)
            )
            if about or child.dep_ in self.deps["noun_mod"]:
                topic.update(t.i for t in self.subtree_of(child))
        # 'are releasing this advisory | to highlight the activity of the GRU': its purpose says
        # what it is about (not 'joined by the FBI', a clause without a mark of purpose)
        for clause in self.kids(verb):
            marks = {c.lower_ for c in self.children_of(clause) if c.dep_ in ("aux", "mark")}
            if clause.i > document.i and clause.dep_ in ("advcl", "xcomp") and marks & self.lex.purpose_marks:
                topic.update(t.i for t in self.subtree_of(clause))
        return topic

    def listed_below(self, n: int) -> list[Span]:
        """The official bodies of the short lines that follow an introduction ending with a colon."""
        found: list[Span] = []
        for line in self.sents[n + 1 :]:
            if len(line) > LIST_LINE_MAX_TOKENS or any(
                t.pos_ in ("VERB", "AUX") and t.is_alpha for t in line
            ):
                break  # a sentence, not a line of the list (a bullet may be tagged a verb)
            # (not a state: 'UK National Cyber Security Centre' names the agency; nor the parent
            # in "Australian Signals Directorate's Australian Cyber Security Centre")
            found += [
                a
                for a in self.actors_in(line)
                if a.label_ in AUTHOR_KINDS - {"state"} and not self.possessor_of_actor(a)
            ]
        return found

    def in_quote(self, token: Token) -> bool:
        return any(start <= token.idx < end for start, end in self.quotes)


def document_field(doc: Doc, name: str) -> str | None:
    """A field of the document the text came from (``doc._.publisher``, ``doc._.title``), if set."""
    return getattr(doc._, name) if Doc.has_extension(name) else None
