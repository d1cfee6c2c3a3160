"""The ``actor_ruler`` component (config ``lang``): gazetteer phrase matches as candidate spans.

It matches phrase patterns on ``LOWER`` built from the gazetteer (names, capitals, nationality
adjectives; "APT 31"/"APT-31" variants) and writes candidate spans to
``doc.spans["actor_candidates"]`` (label = how the alias names its actor:
``name``/``capital``/``demonym``; ``id`` = actor id). It does not touch ``doc.ents``, so the
statistical NER that runs after it is unchanged. For languages written without spaces (Chinese)
it first splits tokens at gazetteer aliases, since the blank ``xx`` tokenizer cannot.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from extract.gazetteer import Alias, Gazetteer, load_gazetteer

CANDIDATES_KEY = "actor_candidates"
MATCH_KEY = "actor_candidate"  # the ruler's one PhraseMatcher key
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
APT_NUMBER = re.compile(r"^APT(\d+)$", re.IGNORECASE)
# last words of company names also written with a full stop, which the tokenizer keeps in the
# token ('Corp.'), also where the stop ends the sentence
ABBREVIATED_ENDINGS = frozenset({"Corp", "Inc", "Ltd", "Co", "Bros", "Cie"})

# the text of each Doc still alive: the components of a pipeline all read it, and Doc.text joins
# every token anew on each call (a Doc's text never changes: retokenizing keeps it)
_DOC_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc for all the components."""
    text = _DOC_TEXTS.get(doc)
    if text is None:
        text = _DOC_TEXTS[doc] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record ``doc``'s text when it is known without joining its tokens: the text a spaCy
    ``Tokenizer`` made the Doc of (its tokenization never drops a character, so the text is
    ``doc.text``). Joining them cost ~0.05 s of CPU per 400 documents."""
    _DOC_TEXTS[doc] = text


# the LOWER ids of each Doc's tokens, for the rules that look for a few words in a whole text
# without making a Token of every word (the ruler's own splitting of CJK tokens, before any rule
# reads them, is the one change of a Doc's tokens; a Doc of another length is read anew)
_DOC_LOWERS: weakref.WeakKeyDictionary[Doc, list[int]] = weakref.WeakKeyDictionary()


def doc_lowers(doc: Doc) -> list[int]:
    """The LOWER id of each token of ``doc``, read once per Doc."""
    lowers = _DOC_LOWERS.get(doc)
    if lowers is None or len(lowers) != len(doc):
        lowers = _DOC_LOWERS[doc] = doc.to_array(LOWER).tolist()
    return lowers


def word_indices(doc: Doc, words) -> list[int]:
    """The indices, in order, of the tokens whose ``lower_`` is one of ``words``."""
    keys = {get_string_id(word) for word in words}
    return [i for i, key in enumerate(doc_lowers(doc)) if key in keys] if keys else []


def has_any_word(doc: Doc, words) -> bool:
    """Is one of ``words`` the ``lower_`` of a token of ``doc``?"""
    keys = {get_string_id(word) for word in words}
    return bool(keys) and not keys.isdisjoint(doc_lowers(doc))


# the entities of each Doc still alive, for the actor rules: ``doc.ents`` makes a new tuple of
# Spans at each call (the NER runs before the actor components, which never set entities)
_DOC_ENTS: weakref.WeakKeyDictionary[Doc, tuple[Span, ...]] = weakref.WeakKeyDictionary()


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once per Doc for the actor rules."""
    ents = _DOC_ENTS.get(doc)
    if ents is None:
        ents = _DOC_ENTS[doc] = doc.ents
    return ents


def entity_index(doc: Doc) -> list:
    """For each token, the (start, end) of the named entity it is in, or None. MISC entities
    are left out: the French model's MISC takes in headings ("Déclaration de la France")."""
    at: list = [None] * len(doc)
    for ent in doc_ents(doc):
        if ent.label_ == "MISC":
            continue
        for i in range(ent.start, ent.end):
            at[i] = (ent.start, ent.end)
    return at


def _alias_variants(alias: Alias) -> list[str]:
    """The alias plus the spellings a text may use: APT31 -> APT 31, APT-31; ' -> ’."""
    match = APT_NUMBER.match(alias.text)
    variants = [alias.text]
    if match:
        variants += [f"APT {match.group(1)}", f"APT-{match.group(1)}"]
    if "'" in alias.text:
        variants.append(alias.text.replace("'", "’"))
    if alias.text.rsplit(" ", 1)[-1] in ABBREVIATED_ENDINGS:
        variants.append(alias.text + ".")  # 'roles in Evil Corp.': the tokenizer keeps 'Corp.' whole
    return variants


class PatternTokens:
    """The token texts the tokenizer makes of an alias, without making a Doc of each alias.

    The tokenizer cuts a text at spaces and reads each piece alone, so a piece of letters only,
    with no special case of its own, is one token; only the other pieces go through the
    tokenizer (once each). Making ~10,000 pattern Docs cost most of the pipeline's loading time.
    Other tokenizers (Chinese segmenters) read every alias whole.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.by_pieces = isinstance(tokenizer, Tokenizer)
        self.special_cases = (tokenizer.rules or {}) if self.by_pieces else {}
        self.pieces: dict[str, list[str]] = {}

    def __call__(self, text: str) -> list[str]:
        pieces = text.split(" ")
        if not self.by_pieces or any(not piece or any(char.isspace() for char in piece) for piece in pieces):
            return [token.text for token in self.tokenizer(text)]  # other spaces make tokens of their own
        tokens: list[str] = []
        for piece in pieces:
            if piece.isalpha() and piece not in self.special_cases:
                tokens.append(piece)
                continue
            if piece not in self.pieces:
                self.pieces[piece] = [token.text for token in self.tokenizer(piece)]
            tokens += self.pieces[piece]
        return tokens


def pattern_tokens(nlp: Language, lang: str, texts: list[str]) -> dict[str, list[str]]:
    """The token texts of every alias spelling, from the disk cache when the tokenizer, this code
    and the spellings are the same as when it was stored (extract/disk_cache.py)."""
    from extract.disk_cache import cached

    def build() -> dict[str, list[str]]:
        tokens = PatternTokens(nlp.tokenizer)
        return {text: tokens(text) for text in texts}

    try:
        settings = nlp.tokenizer.to_bytes(exclude=["vocab"])
    except (AttributeError, NotImplementedError, TypeError, ValueError):
        return build()  # a tokenizer that cannot say what it is (a segmenter): no cache
    digest = hashlib.sha256(settings)
    digest.update(Path(__file__).read_bytes())
    digest.update("\n".join(texts).encode("utf-8"))
    return cached(f"ruler-tokens-{lang}", digest.hexdigest()[:20], build)


class ActorRuler:
    """Gazetteer phrase patterns (a ``PhraseMatcher`` on LOWER) writing candidate actor spans.

    It writes what a ``SpanRuler`` with these patterns would (one span per distinct match, label =
    the alias role, ``span.id_`` = the actor id, in the order of sorted spans) without the cost of
    making, hashing and comparing a Span object per match.
    """

    def __init__(self, nlp: Language, name: str, lang: str, gazetteer: Gazetteer | None = None):
        self.lang = lang
        self.gazetteer = gazetteer or load_gazetteer()
        texts_by_key: dict[tuple[str, str], list[str]] = {}  # (role, actor id) -> alias spellings
        seen = set()
        for alias in self.gazetteer.aliases_for(lang):
            for text in _alias_variants(alias):
                key = (text.lower(), alias.actor_id, alias.role)
                if key not in seen:
                    seen.add(key)
                    texts_by_key.setdefault((alias.role, alias.actor_id), []).append(text)
        # the PhraseMatcher reads LOWER only, so a pattern is the LOWER ids of the alias's tokens;
        # all under one match key, each pattern with the (role, actor id) string ids it stands for
        # (a key per actor made a lexeme of each key's name: ~3,400 per language)
        strings = nlp.vocab.strings
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels_of: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        spellings = sorted({text for texts in texts_by_key.values() for text in texts})
        tokens = pattern_tokens(nlp, lang, spellings)
        for (role, actor_id), texts in texts_by_key.items():
            label_and_id = (strings.add(role), strings.add(actor_id))
            for text in texts:
                pattern = tuple(get_string_id(token.lower()) for token in tokens[text])
                self.labels_of.setdefault(pattern, []).append(label_and_id)
        self.matcher.add(MATCH_KEY, [list(pattern) for pattern in self.labels_of if pattern])
        cjk = sorted({a.text for a in self.gazetteer.aliases if CJK.search(a.text)}, key=len, reverse=True)
        self.cjk_aliases = re.compile("|".join(re.escape(a) for a in cjk)) if cjk else None

    def __call__(self, doc: Doc) -> Doc:
        if self.cjk_aliases is not None and CJK.search(doc_text(doc)):
            self._split_cjk(doc)
        # distinct (start, end, role, actor id) in the order Span objects sort in: by characters
        # (= by tokens), then label, then id (kb_id is not set); the words matched say which
        lowers = doc.to_array(LOWER).tolist()
        found = sorted(
            {
                (start, end, *label_and_id)
                for _, start, end in self.matcher(doc)
                for label_and_id in self.labels_of[tuple(lowers[start:end])]
            }
        )
        doc.spans[CANDIDATES_KEY] = [
            Span(doc, start, end, label=label, span_id=actor_id) for start, end, label, actor_id in found
        ]
        return doc

    def _split_cjk(self, doc: Doc) -> None:
        """Split run-on CJK tokens so that each gazetteer alias is a token sequence of its own."""
        splits = []
        for token in doc:
            if not CJK.search(token.text):
                continue
            cuts = {0, len(token.text)}
            for match in self.cjk_aliases.finditer(token.text):
                cuts.update((match.start(), match.end()))
            if len(cuts) > 2:
                bounds = sorted(cuts)
                splits.append((token, [token.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]))
        if not splits:
            return
        with doc.retokenize() as retokenizer:
            for token, pieces in splits:
                heads = [(token, 0)] * len(pieces)
                retokenizer.split(token, pieces, heads=heads)


@Language.factory("actor_ruler", default_config={"lang": "xx"})
def make_actor_ruler(nlp: Language, name: str, lang: str) -> ActorRuler:
    return ActorRuler(nlp, name, lang)
