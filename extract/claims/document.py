"""Who speaks for a whole document when no sentence says so: the authors it names ("This advisory
was co-authored by the NSA and the FBI", "Cet avis a été rédigé par l'ANSSI") or, for an official
publisher (a state, an agency, an intergovernmental body: not a newspaper, not an encyclopedia),
the publisher given with the document (``doc._.publisher``).

Advisories and press releases state findings without a reporting verb ("APT35 has compromised
the accounts of journalists"): their claimant is the body that publishes them. This voice is the
last resort of ``SourceFinder.source_for``, with a low confidence.
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property

from spacy.tokens import Doc, Span, Token

from extract.claims.confidence import CONFIDENCE
from extract.claims.found import Source
from extract.claims.lexicon import LEXICON_DIR
from extract.claims.phrases import ActorPhrases
from extract.gazetteer import load_gazetteer, text_matches_case

# the kinds of actor whose publications speak in their own voice
OFFICIAL_KINDS = frozenset({"state", "agency", "intergov"})
MAX_NAME_WORDS = 8
AUTHORING_PARAGRAPHS = 5  # authors are named near the top


def official_publishers(publisher: str | None) -> list[tuple[str, str]]:
    """(actor id, kind) of the official bodies a publisher's name holds, in order:
    "Foreign, Commonwealth & Development Office (GOV.UK)" -> GBR; "CISA" -> CISA; a newspaper or
    an encyclopedia -> none. Notes in brackets are left out; the longest known name wins."""
    if not publisher:
        return []
    name = re.split(r"[(\[]", publisher, maxsplit=1)[0]
    words = re.findall(r"[\w][\w.&'’-]*", name)
    if {w.lower() for w in words} & media_words():
        return []  # 'Voice of America' is a newspaper's voice, not America's
    gazetteer = load_gazetteer()
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            text = " ".join(words[i : i + n])
            aliases = [
                a for a in gazetteer.lookup(text) if a.role == "name" and text_matches_case(text, a.text)
            ]
            actor = gazetteer.get(aliases[0].actor_id) if aliases else None
            if actor is not None:
                if actor.kind in OFFICIAL_KINDS and (actor.id, actor.kind) not in found:
                    found.append((actor.id, actor.kind))
                i += n
                break
        else:
            i += 1
    return found


@cache
def media_words() -> frozenset[str]:
    """Words of news outlets' and reference works' names (extract/lexicons/publishers.json)."""
    path = LEXICON_DIR / "publishers.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["media_words"])


class DocumentVoice(ActorPhrases):
    """The authors or the official publisher of the document."""

    @cached_property
    def document_source(self) -> Source | None:
        authors = self.named_authors()
        if authors:
            return Source(tuple(authors), CONFIDENCE["document_author"])
        publishers = official_publishers(document_field(self.doc, "publisher"))
        if not publishers or not len(self.doc):
            return None
        # the publisher is not in the text: a span over the first token stands for it
        spans = tuple(Span(self.doc, 0, 1, label=kind, kb_id=actor_id) for actor_id, kind in publishers)
        return Source(spans, CONFIDENCE["publisher"])

    def named_authors(self) -> list[Span]:
        """'The NSA and the FBI co-authored this alert', 'This advisory was written by X and Y',
        'X, Y and Z are releasing this joint advisory': the authors of the document."""
        found: list[Span] = []
        for sent in self.sents:
            if self.paragraph_of.get(sent.start, 0) >= AUTHORING_PARAGRAPHS:
                break
            for token in sent:
                if token.lower_ in self.lex.authoring_verbs and self.authors_document(token):
                    found += [a for a in self.authors_of(token) if a not in found]
        return found

    def authors_document(self, verb: Token) -> bool:
        """Is the verb's object (or passive subject) a document: 'this alert', 'cet avis'?"""
        objects = self.children(verb, "obj") + self.children(verb, "pass_subj")
        return any(o.lower_ in self.lex.authored_nouns for o in objects)

    def authors_of(self, verb: Token) -> list[Span]:
        if self.is_passive(verb):
            heads = self.agent_heads(verb) + self.prep_objects(verb, self.lex.preps("agent"))
        else:  # 'The NSA and the FBI co-authored': the subject may hang on 'co'
            subject = self.subject_of(verb)
            heads = [subject] if subject is not None else []
        authors: list[Span] = []
        for head in heads:
            authors += [a for a in self.main_actors(head) if a.label_ in OFFICIAL_KINDS | {"company"}]
        return authors


def document_field(doc: Doc, name: str) -> str | None:
    """A field of the document the text came from (``doc._.publisher``, ``doc._.title``), if set."""
    return getattr(doc._, name) if Doc.has_extension(name) else None
