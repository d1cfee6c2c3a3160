"""A transcript's speakers (used by ``actor_linker``): a speaker label ("MR. BOSSERT:", "MS.
PSAKI:") names the person the document's title or text names in full with that surname, and a
label of a title and a known person's full name in capitals ("FOREIGN MINISTER JANE DOE:") names
that person; only in turns that say something of cyber (with the question they answer, up to the
next question: "MR. DOE: Time for one more. Q On the hack ..." is a moderator's, not an answer).

Part of ``extract.actors.ActorLinker`` (split from ``extract.actor_people``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from extract.records import Actor

# a transcript's speaker label at the start of a line: "MR. BOSSERT:", "MS. PSAKI:"
TRANSCRIPT_LABEL = re.compile(r"(?m)^(?:MR|MS|MRS|DR|M|MME)\.? ([A-Z][A-Z'-]+[A-Z]) ?:")
# a journalist's question in a transcript: "Q On the hack ...", "QUESTION: ...", « QUESTION : »
QUESTION = re.compile(r"(?m)^(?:Q\b|QUESTION ?:)")
# a transcript's label of a title and a full name in capitals: "HOME AFFAIRS MINISTER JANE DOE:"
TITLED_LABEL = re.compile(r"(?m)^((?:[A-Z][A-Z.'’-]* ){1,4})([A-Z][A-Z'’-]+ [A-Z][A-Z'’-]+) ?:")


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class TranscriptRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.gazetteer`` and its caches."""

    def _transcript_speakers(self, doc, text: str, mentions, new_actors) -> list[tuple[Span, str]]:
        """The speaker labels of a transcript ("MR. BOSSERT: Good morning", "MS. PSAKI:") name the
        person the document's title or text names in full with that surname ("Press Briefing by
        ... Tom Bossert"), or the known person with that surname: a speaker of the document."""
        labels = list(TRANSCRIPT_LABEL.finditer(text))
        if not labels:
            return []
        title = doc._.title if Doc.has_extension("title") else None
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        full_names = {
            span.text: span.kb_id_ for span, _ in mentions if span.label_ == "person" and len(span) > 1
        }
        out = []
        ends = [m.start() for m in labels[1:]] + [len(text)]
        starts = [0] + [m.end() for m in labels[:-1]]
        for match, turn_start, turn_end in zip(labels, starts, ends, strict=True):
            # the question a turn answers is part of it ("Q ... this Chinese hack? MS. X: We ...")
            question = QUESTION.search(text, turn_start, match.start())
            read_from = question.start() if question else match.end()
            # the next question ends the turn: a moderator's "One more." is no answer to it
            asked = QUESTION.search(text, match.end(), turn_end)
            if not self.context["cyber"].search(text, read_from, asked.start() if asked else turn_end):
                continue  # a turn about something else ("MS. PSAKI: Okay. Aamer, kick us off."): no part
            surname = match.group(1).title()
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="strict")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            actor_id = next((aid for name, aid in full_names.items() if name.split()[-1] == surname), None)
            if actor_id is None and title:
                named = re.search(rf"\b([A-Z][a-z]+ (?:[A-Z]\. )?{re.escape(surname)})\b", title)
                if named is not None:
                    name = named.group(1)
                    actor_id = self.known_person(name) or self.new_id(name, "person")
                    if actor_id not in self.gazetteer.actors:
                        new_actors.setdefault(
                            actor_id,
                            Actor(
                                id=actor_id, name=name, kind="person", aliases=(name,), source="discovered"
                            ),
                        )
            if actor_id is None:
                actor_id = self.last_names.get(surname)
            if actor_id is None:
                continue
            out.append((Span(doc, span.start, span.end, label="person", kb_id=actor_id), "speaker_label"))
            taken.update(range(span.start, span.end))
        return out

    def _titled_labels(self, doc, text: str, mentions) -> list[tuple[Span, str]]:
        """``mentions`` with a transcript's labels of a title and a known person's full name in
        capitals ("FOREIGN MINISTER JANE DOE: ...") as that person's speaker labels, when the
        turn's paragraph has a cyber word; not a heading without a title ("BREAKING NEWS:")."""
        found = {}
        for match in TITLED_LABEL.finditer(text):
            if not any(word.lower() in self.title_words for word in match.group(1).split()):
                continue
            paragraph_end = text.find("\n", match.end())
            if not self.context["cyber"].search(
                text, match.end(), paragraph_end if paragraph_end > 0 else len(text)
            ):
                continue
            actor_id = self.known_person(match.group(2).title())
            span = doc.char_span(match.start(2), match.end(2), alignment_mode="strict")
            if actor_id is not None and span is not None:
                found[(span.start, span.end)] = Span(
                    doc, span.start, span.end, label="person", kb_id=actor_id
                )
        if not found:
            return mentions
        spans = list(found.values())
        # (the name may be read already, as a name: it is now a speaker's label)
        kept = [
            (s, r)
            for s, r in mentions
            if (s.start, s.end) not in found and not any(_overlap(s, o) for o in spans)
        ]
        return kept + [(span, "speaker_label") for span in spans]
