"""The spaCy component of the shallow reader: ``shallow_claim_extractor`` (see ``shallow``)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extract.claims.component import actor_country
from extract.claims.document import document_field
from extract.claims.normalise import best_per_key, with_answered_accusers
from extract.claims.publishers import official_publishers
from extract.claims.shallow import ShallowReader
from extract.claims.shallow_lexicon import CJK, ShallowCue, load_shallow_lexicon
from extract.gazetteer import load_gazetteer

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@Language.factory("shallow_claim_extractor", default_config={"lang": "es"})
def make_shallow_claim_extractor(nlp: Language, name: str, lang: str) -> ShallowClaimExtractor:
    """Find accusations and denials without a parse, from cue words, actor mentions and clauses.

    Sets ``doc._.claims`` as ``claim_extractor`` does (dicts with the fields of
    ``extract.records.Claim``). Needs the ``actor_linker``'s ``doc.spans["actors"]`` and sentences.
    """
    return ShallowClaimExtractor(nlp, lang)


class ShallowClaimExtractor:
    def __init__(self, nlp: Language, lang: str):
        self.lang = lang
        self.lexicon = load_shallow_lexicon(lang)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cue_by_key: dict[int, ShallowCue] = {}
        self.list_by_key: dict[int, str] = {}
        for number, (cue, forms) in enumerate(self.lexicon.cue_forms):
            key = f"shallow_cue_{lang}_{number}"
            self.matcher.add(key, list(nlp.tokenizer.pipe(forms)))
            self.cue_by_key[nlp.vocab.strings[key]] = cue
        for name, forms in self.lexicon.lists.items():
            if forms:
                key = f"shallow_list_{lang}_{name}"
                self.matcher.add(key, list(nlp.tokenizer.pipe(forms)))
                self.list_by_key[nlp.vocab.strings[key]] = name

    def __call__(self, doc: Doc) -> Doc:
        hits: dict[str, list[tuple[int, int]]] = {}
        cues = []
        for key, start, end in self.matcher(doc):
            if key in self.cue_by_key:
                cues.append((start, end, self.cue_by_key[key]))
            else:
                hits.setdefault(self.list_by_key[key], []).append((start, end))
        reader = ShallowReader(doc, self.lexicon, hits, longest_cues(cues), publisher_voice(doc))
        found = []
        for reading in reader.readings():
            claim = reader.to_claim(reading, span_country)
            if claim is not None:
                found.append((claim, reading.cue))
        kept = best_per_key(claim for claim, _ in with_answered_accusers(found, actor_country))
        doc._.claims = [dict(vars(claim)) for claim in kept]
        return doc


def longest_cues(cues: list[tuple[int, int, ShallowCue]]) -> list[tuple[int, int, ShallowCue]]:
    """The cue matches that no longer match overlaps ('不负责任' over '负责'), in text order."""
    kept: list[tuple[int, int, ShallowCue]] = []
    for start, end, cue in sorted(cues, key=lambda c: (-(c[1] - c[0]), c[2].order, c[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, cue))
    return sorted(kept, key=lambda c: (c[0], c[2].order))


def span_country(span) -> str | None:
    """The state an actor mention belongs to (its ``actor_country``, else the gazetteer's)."""
    if span.has_extension("actor_country") and span._.actor_country:
        return span._.actor_country
    return actor_country(span.kb_id_)


def publisher_voice(doc: Doc) -> tuple[str, str] | None:
    """The official body that publishes the document, if it is one ('Белый дом', '美国驻华大使馆')."""
    publisher = document_field(doc, "publisher")
    found = official_publishers(publisher)
    if found:
        return found[0]
    if publisher and CJK.search(publisher):  # names written without spaces: the first alias in it
        name = re.split(r"[(\[（]", publisher, maxsplit=1)[0]
        if any(word in name for word in CJK_MEDIA_WORDS):
            return None
        gazetteer = load_gazetteer()
        for size in range(len(name), 1, -1):
            actor_id = gazetteer.resolve(name[:size])
            actor = gazetteer.get(actor_id) if actor_id else None
            if actor is not None:
                return (actor.id, actor.kind) if actor.kind in ("state", "agency", "intergov") else None
    return None


# words of news outlets' and encyclopedias' names in Chinese: their voice is no official body's
CJK_MEDIA_WORDS = (
    "之音",
    "时报",
    "時報",
    "日报",
    "日報",
    "新闻",
    "新聞",
    "百科",
    "电视",
    "電視",
    "广播",
    "廣播",
)
