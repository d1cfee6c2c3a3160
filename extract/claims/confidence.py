"""How sure a claim is, by where its claimant was read: one table for every reader.

A claim's ``confidence`` starts from the way its claimant was found, loses ``INDIRECT`` when the
accused is read through an operation noun, an identity or a rejected accusation, and ``HEDGED``
when the sentence hedges ("allegedly", "likely"); it is kept within ``BOUNDS``.
"""

from __future__ import annotations

CONFIDENCE = {
    "subject": 0.8,  # the cue's own subject: 'Britain accuses ...'
    "reporting_verb": 0.7,  # a reporting verb above the cue: 'X said that ...', '... stated by X'
    "stance": 0.55,  # a stance verb above the cue: 'Japan voiced deep concern over ...'
    "owner": 0.7,  # the owner of an accusation noun: 'U.S. accusations against ...'
    "join_partner": 0.7,  # 'We join Germany in attributing ...'
    "parenthetical": 0.65,  # '..., a déclaré X', '..., the EU and the UK have announced'
    "source_marker": 0.65,  # 'according to X', 'selon X'
    "quote_speaker": 0.6,  # the speaker of the quote or paragraph: '"...", said X'
    "turn_speaker": 0.6,  # the speaker label of a transcript's turn: 'MR. PRICE: We believe ...'
    "introduction": 0.55,  # 'X said:' before the paragraphs it introduces
    "heading": 0.45,  # 'Statement by X' heading the text
    "previous_sentence": 0.4,  # the speaker of a sentence just before (a dropped subject)
    "document_author": 0.5,  # the authors a document names: 'This advisory was co-authored by X'
    "publisher": 0.35,  # the official body that publishes the document, for sentences nobody says
}
INDIRECT = 0.1
HEDGED = 0.1
BOUNDS = (0.05, 0.95)


def final_confidence(found: float, hedged: bool) -> float:
    """The claim's confidence: what the reader found, less the hedge, within BOUNDS (2 decimals)."""
    low, high = BOUNDS
    return round(max(low, min(high, found - (HEDGED if hedged else 0.0))), 2)
