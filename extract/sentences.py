"""Each token's sentence, found once per Doc (a speed-up with the same answers).

spaCy's ``Token.sent`` and ``Span.sent`` walk the tokens back to the sentence's start and on to
its end, and make a new Span, at every call; the actor rules ask for the sentences of the same
mentions many times over. ``index_sentences(doc)`` finds the sentences once and answers those
calls through spaCy's own hooks (``Doc.user_token_hooks["sent"]``, ``user_span_hooks["sent"]``)
with the same Span as spaCy's: the sentence holding the token, or the span's first token (a
sentence starts where ``sent_start`` is 1, and at the document's start).

It is called once the sentence boundaries are final (the parser's or the sentencizer's, before
the actor linker); no component after that moves a boundary. The hooks are functions of this
module, so a Doc that carries them can still be pickled (``nlp.pipe(n_process=...)``); the
index is then found again from the boundaries.
"""

from __future__ import annotations

import bisect
import weakref

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token


class _Sentences:
    """The sentences of one Doc: their starts and ends, and each one's Span when asked for."""

    __slots__ = ("doc", "starts", "ends", "spans")

    def __init__(self, doc: Doc):
        starts = np.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
        if not starts or starts[0] != 0:
            starts.insert(0, 0)  # (the first sentence starts at the first token, whatever it says)
        self.doc = doc
        self.starts = starts
        self.ends = starts[1:] + [len(doc)]
        self.spans: list[Span | None] = [None] * len(starts)

    def at(self, i: int) -> Span:
        """The sentence of the token at ``i`` (past the end: the last sentence, as spaCy's walk)."""
        n = bisect.bisect_right(self.starts, i) - 1
        span = self.spans[n]
        if span is None:
            span = self.spans[n] = Span(self.doc, self.starts[n], self.ends[n])
        return span


_INDEX: weakref.WeakKeyDictionary[Doc, _Sentences] = weakref.WeakKeyDictionary()


def _index(doc: Doc) -> _Sentences:
    index = _INDEX.get(doc)
    if index is None:
        index = _INDEX[doc] = _Sentences(doc)
    return index


def _token_sentence(token: Token) -> Span:
    return _index(token.doc).at(token.i)


def _span_sentence(span: Span) -> Span:
    return _index(span.doc).at(span.start)


def index_sentences(doc: Doc) -> None:
    """Answer ``token.sent`` and ``span.sent`` of ``doc`` from its sentences found once. A Doc
    without sentence boundaries keeps spaCy's answer (an error), as does one with hooks of its own."""
    if len(doc) == 0 or not doc.has_annotation("SENT_START"):
        return
    if "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks:
        return
    _INDEX[doc] = _Sentences(doc)
    doc.user_token_hooks["sent"] = _token_sentence
    doc.user_span_hooks["sent"] = _span_sentence
