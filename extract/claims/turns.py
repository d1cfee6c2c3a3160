"""The turns of a transcript: who says a paragraph that starts with a speaker label.

A briefing transcript gives each turn a label in capitals and a colon ("MR. PRICE: We believe
...", « M. LE MINISTRE : ... »): the person the label names (found by the actor linker) says the
turn's paragraphs, up to the next label. A label that names no known person ("MODERATOR:") ends
the turn and gives it no speaker. A reporter's question ("Q  And the hack ...", "QUESTION:", « Q : »)
is nobody's claim, up to the next label (« R : » too): neither the publisher's nor the last speaker's.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from extract.claims.found import Source
from extract.claims.view import ACTORS_KEY, DocView

# a label: a run of capitals (titles, a name, initials) then a colon, at a paragraph's start
TURN_LABEL = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý.'’ -]{0,40}[A-ZÀ-Ý.] ?:")
# a reporter's question ('Q  And on the hack ...', 'QUESTION:', « Q : ») and an answer's label (« R : »)
QUESTION_LABEL = re.compile(r"(?:Q|QUESTION|Question) ?:\s|Q\s+(?=[A-ZÀ-Ý«“\"])")
ANSWER_LABEL = re.compile(r"(?:R|A|RÉPONSE|Réponse|ANSWER|Answer) ?:\s")
# what a reporter's question says is nobody's claim: not the publisher's, nor the last speaker's
QUESTION_TURN = Source((), 0.0)


class TurnSpeakers(DocView):
    def turn_label(self, sent: Span) -> tuple[bool, Span | None]:
        """Does the sentence open with a speaker label, and whom does it name (None: nobody known)?"""
        match = TURN_LABEL.match(self.text, sent.start_char)
        if match is None:
            return False, None
        end = match.end()
        speaker = next(
            (
                span
                for span in self.doc.spans.get(ACTORS_KEY, ())
                if span.label_ == "person" and sent.start_char <= span.start_char and span.end_char <= end
            ),
            None,
        )
        return True, speaker

    def question_label(self, sent: Span) -> bool | None:
        """Does the sentence open a reporter's question (True), an answer (False), or neither (None)?"""
        if QUESTION_LABEL.match(self.text, sent.start_char):
            return True
        return False if ANSWER_LABEL.match(self.text, sent.start_char) else None
