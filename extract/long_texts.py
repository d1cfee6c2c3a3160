"""Long texts are parsed in parts: spaCy refuses a text over ``nlp.max_length`` (1,000,000
characters) and a parse's memory grows with its text (3 GB for a million characters).

``parts`` cuts a text at paragraph breaks (else line breaks, sentence ends, spaces) into pieces
of at most ``limit`` characters that join back into the text; ``shifted`` moves what was found
in a piece to the whole text's offsets, so that every mention and claim points into the stored
text exactly.
"""

from __future__ import annotations

import dataclasses
import re

# what the parser sees at once: a few hundred MB of spaCy memory at most
PART_CHARS = 50_000
# where to cut, best first: a paragraph, a line, a sentence, a word (a Chinese sentence end has
# no space after it, and a Chinese text none between its words; cleaning's NFKC has made its
# "！" and "？" ASCII)
_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?。！？]\s+|[。！？]|(?<=[\u3400-\u9fff])[!?]"),
    re.compile(r"\s+"),
)


def parts(text: str, limit: int = PART_CHARS) -> list[tuple[int, str]]:
    """(start offset, piece) pairs whose pieces join into ``text``, each at most ``limit`` long."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, end: int) -> int:
    """The last good place to cut ``text[start:end]``: after a break in its second half, else at ``end``."""
    window = text[start:end]
    for pattern in _BREAKS:
        ends = [match.end() for match in pattern.finditer(window, len(window) // 2)]
        if ends:
            return start + ends[-1]
    return end


def shifted(records: list, offset: int) -> list:
    """Mentions or claims found in a piece that starts at ``offset``, in the whole text's offsets."""
    if not offset:
        return list(records)
    return [
        dataclasses.replace(record, start_char=record.start_char + offset, end_char=record.end_char + offset)
        for record in records
    ]
