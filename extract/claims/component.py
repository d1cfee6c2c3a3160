"""The spaCy component: ``claim_extractor``."""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from extract.actor_ruler import pattern_tokens
from extract.claims.cues import Cue
from extract.claims.lexicon import load_lexicon
from extract.claims.lexicon_files import load_dependency_groups
from extract.claims.normalise import best_per_key, with_answered_accusers
from extract.claims.reader import DocReader
from extract.gazetteer import load_gazetteer
from extract.records import Claim


@Language.factory("claim_extractor", default_config={"lang": "en"})
def make_claim_extractor(nlp: Language, name: str, lang: str) -> ClaimExtractor:
    """Find accusations and denials about cyber operations.

    Sets ``doc._.claims``: a list of dicts with the fields of ``extract.records.Claim``
    (claimant_id, stance, subject_id, evidence, start_char, end_char, cue, speaker_id,
    counterpart_id, incident, degree, hedged, confidence); ``claims_from_doc`` gives records.
    Needs a parser and the ``actor_linker``'s ``doc.spans["actors"]``.
    """
    return ClaimExtractor(nlp, lang)


def actor_country(actor_id: str) -> str | None:
    """The state a known actor belongs to (None for states themselves and unknown actors)."""
    actor = load_gazetteer().get(actor_id)
    return actor.country if actor is not None and actor.kind != "state" else None


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


def cue_form_tokens(nlp: Language, lang: str, lexicon) -> dict[str, list[str]]:
    """The token texts the tokenizer makes of each cue form (extract/actor_ruler.py's cached
    reading, which cuts a text as ``nlp.tokenizer`` does without making a Doc of it)."""
    forms = sorted({form for _, forms in lexicon.cue_forms for form in forms})
    return pattern_tokens(nlp, f"cues-{lang}", forms)


def claims_from_doc(doc: Doc) -> list[Claim]:
    """The claims the component found in ``doc``, as ``Claim`` records."""
    return [Claim(**found) for found in (doc._.claims or [])]


class ClaimExtractor:
    def __init__(self, nlp: Language, lang: str):
        self.lang = lang
        self.lexicon = load_lexicon(lang)  # a clear ValueError for a language without one
        self.deps = load_dependency_groups(self.lexicon.dependency_scheme)
        # cue words and phrases ("sans fondement", "state-linked") matched on LOWER: a pattern is
        # the LOWER ids of a form's tokens, as the tokenizer cuts it (from the disk cache, as the
        # actor ruler's aliases)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cue_by_key: dict[int, Cue] = {}
        tokens = cue_form_tokens(nlp, lang, self.lexicon)
        for number, (cue, forms) in enumerate(self.lexicon.cue_forms):
            key = f"claim_cue_{lang}_{number}"
            self.matcher.add(
                key, [[get_string_id(token.lower()) for token in tokens[form]] for form in forms]
            )
            self.cue_by_key[nlp.vocab.strings[key]] = cue

    def cues_at(self, doc: Doc) -> dict[int, list[tuple[int, Cue]]]:
        """Token index (the match's last token) -> (match length, cue) for every cue match."""
        found: dict[int, list[tuple[int, Cue]]] = {}
        # no cue inside a fixed cyber term ('denial of service')
        inside = (
            self.lexicon.phrase_tokens(doc.to_array(LOWER).tolist()) if self.lexicon.cyber_phrases else set()
        )
        for key, start, end in self.matcher(doc):
            if inside and any(i in inside for i in range(start, end)):
                continue
            found.setdefault(end - 1, []).append((end - start, self.cue_by_key[key]))
        return found

    def __call__(self, doc: Doc) -> Doc:
        reader = DocReader(doc, self.lexicon, self.deps, self.cues_at(doc))
        found = with_answered_accusers(list(reader.claims_and_cues()), actor_country)
        cue_of = {id(claim): cue for claim, cue in found}
        kept = best_per_key(claim for claim, _ in found)
        # the incident is looked for only for the claims kept (best_per_key does not read it); a
        # Claim's fields are plain values: a shallow copy is what dataclasses.asdict would give
        doc._.claims = [dict(vars(claim), incident=reader.incident_for(cue_of[id(claim)])) for claim in kept]
        return doc
