"""The layout of a text: sentences cut at line breaks, paragraphs, quotations.

Headings and datelines stand alone (a line break ends a segment), a sentence the parser cut
after its subject is mended, and quotations are paired quote marks within a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

HYPHENS = frozenset({"-", "‐", "‑"})
# a sentence never starts with these, nor right after a comma or a semicolon
NO_SENTENCE_START = frozenset({",", ";", ")", "]", "-", "–", "—", "'s", "’s"})
# nor right after a possessive: "the DPRK’s | Reconnaissance General Bureau" is one noun phrase
POSSESSIVES = frozenset({"'s", "’s"})
_HYPHEN_IDS = frozenset(map(get_string_id, HYPHENS))
_NO_START_IDS = frozenset(map(get_string_id, NO_SENTENCE_START))
_POSSESSIVE_IDS = frozenset(map(get_string_id, POSSESSIVES))
# quote marks: openers and the closer each expects
QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}


def between(positions: list[int], start: int, end: int) -> list[int]:
    """The sorted ``positions`` in [start, end)."""
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


@Language.component("line_breaks_start_sentences")
def line_breaks_start_sentences(doc: Doc) -> Doc:
    """Sentence starts set before the parser runs (it keeps preset ones): a line break starts a
    sentence, so a heading or a list line without a full stop is not parsed with the next one; a
    sentence starts nowhere else than after a full stop, a question or exclamation mark, a colon
    or a closing quote ('attribué la cyberattaque | NotPetya à la Russie', which the French model
    cut at the name); the parts of a hyphenated word never do ('Le Royaume-Uni estime')."""
    n = len(doc)
    if n < 2:
        return doc
    # read from the token arrays: no Token object is made
    orth = doc.to_array(ORTH).tolist()
    space = doc.to_array(IS_SPACE).tolist()
    trailing = doc.to_array(SPACY).tolist()
    strings = doc.vocab.strings
    starts = [0] * n  # SENT_START: 1 starts a sentence, -1 does not, 0 the parser decides
    for i in range(n - 1):
        if space[i] and "\n" in strings[orth[i]]:
            starts[i + 1] = 1
        elif not trailing[i] and (orth[i] in _HYPHEN_IDS or orth[i + 1] in _HYPHEN_IDS):
            starts[i + 1] = -1
        elif orth[i + 1] in _NO_START_IDS or orth[i] in _POSSESSIVE_IDS:
            starts[i + 1] = -1  # ', l'Agence mondiale antidopage' (the French model cut there)
        elif not _may_end_sentence(orth[i], strings):
            starts[i + 1] = -1
        elif orth[i] in _CLOSING_IDS and i > 0 and not _full_stop(orth[i - 1], strings):
            starts[i + 1] = -1  # '(DPRK, a.k.a. North Korea) | Kimsuky cyber actors': one sentence
    starts[0] = 1
    # (-1 as uint64, the type Doc.to_array gives: from_array reads it back as -1)
    doc.from_array([SENT_START], np.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


_CLOSING_IDS = frozenset(map(get_string_id, (")", "]")))
# 'a.k.a.', 'e.g.', 'i.e.': lower-case letters with a full stop after each, inside a sentence
INNER_ABBREVIATION = re.compile(r"[a-z](?:\.[a-z])+\.")
_ENDS_SENTENCE: dict[int, bool] = {}  # a token's ORTH id -> may a sentence end after it?
SENTENCE_FINAL_CHARS = (".", "!", "?", "…", ":", "»", "”", '"', "'", "’", ")", "]")


def _full_stop(orth: int, strings) -> bool:
    """Does the token end with a full stop, a question or an exclamation mark ('(see below.)')?"""
    return strings[orth].endswith((".", "!", "?", "…"))


def _may_end_sentence(orth: int, strings) -> bool:
    """A full stop, a question or exclamation mark, a colon, a closing quote or bracket, or a word
    ending with one ('U.S.' ends 'attacked the U.S. The next day'), or a space (a line break is
    read apart)."""
    found = _ENDS_SENTENCE.get(orth)
    if found is None:
        text = strings[orth]
        found = text.endswith(SENTENCE_FINAL_CHARS) or text.isspace()
        found = _ENDS_SENTENCE[orth] = found and not INNER_ABBREVIATION.fullmatch(text)
    return found


# the characters quote_spans looks at: the quote marks and the line break that ends a paragraph
QUOTE_MARKS_OR_BREAK = re.compile("[" + re.escape("".join({*QUOTES, *QUOTES.values()})) + "\n]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (paired quote marks, within a paragraph)."""
    spans: list[tuple[int, int]] = []
    opener_at: int | None = None
    closer = ""
    for match in QUOTE_MARKS_OR_BREAK.finditer(text):  # (the other characters do not matter)
        char, i = match.group(), match.start()
        if char == "\n":
            opener_at = None  # a quote left open ends with its paragraph
        elif opener_at is None and char in QUOTES:
            opener_at, closer = i, QUOTES[char]
        elif opener_at is not None and char == closer:
            spans.append((opener_at, i + 1))
            opener_at = None
    return spans


def segments(doc: Doc) -> tuple[list[Span], dict[int, int]]:
    """The parser's sentences cut at line breaks, and each one's paragraph number (by start token).

    A segment starts at the first token that is not a space, and ends before a line break (a
    space token holding "\n"), or at the end of the sentence less its trailing spaces. Only the
    few space tokens are looked at one by one. A sentence the parser cut in the middle (see
    ``continues``) is one segment.
    """
    spaces = set(np.flatnonzero(doc.to_array(IS_SPACE)).tolist())
    breaks = sorted(i for i in spaces if "\n" in doc[i].text)
    found: list[Span] = []
    paragraph_of: dict[int, int] = {}
    paragraph = 0
    for sent in doc.sents:
        start = sent.start
        for cut in [*between(breaks, sent.start, sent.end), sent.end]:
            while start < cut and start in spaces:
                start += 1
            if cut == sent.end:
                end = cut
                while end > start and end - 1 in spaces:
                    end -= 1
            else:
                end = cut
            if start < end and continues(doc, found, start):
                found[-1] = doc[found[-1].start : end]  # "Pékin | a rejeté ...": one sentence
            elif start < end:
                found.append(doc[start:end])
                paragraph_of[start] = paragraph
            if cut < sent.end:  # a line break: the next segment is a new paragraph
                paragraph += 1
            start = cut + 1
    return found, paragraph_of


def continues(doc: Doc, found: list[Span], start: int) -> bool:
    """Does a segment starting at ``start`` go on the previous one? The parser sometimes cuts a
    sentence after its subject ("Pékin" | "a rejeté ces accusations"): the previous segment ends
    right there without punctuation, and this one starts with a lower-case word; or at or after a
    comma, where no sentence starts (« D'après les services néerlandais | , le piratage serait
    l'œuvre de »: the parser may cut there though the sentence starts told it not to)."""
    if not found or found[-1].end != start:
        return False
    if doc[start - 1].text == "," or doc[start].text in NO_SENTENCE_START:
        return True
    return not doc[start - 1].is_punct and doc[start].text[:1].islower()
