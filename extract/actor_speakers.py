"""Speakers of a parliamentary record (used by ``actor_linker``).

A French parliamentary record opens each speech with the speaker's honorific and full name on a
line of its own, ended by a full stop: « Mme Vanina Martin. Monsieur le président, ... ». The
person so labelled is a speaker of the document when the speech that follows (to the end of its
paragraph) has a cyber word; « M. le président. » names nobody. The honorifics are data
(``speaker_honorifics`` in ``patterns/actor_context.json``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from extract.records import Actor

NAME = r"[A-ZÀ-Ý][\w'’-]+(?: (?:de |d'|d’|le |la )?[A-ZÀ-Ý][\w'’-]+){1,3}"  # two to four capitalised words


class SpeakerRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.known_person`` and ``self.new_id``."""

    context: dict

    def _record_speakers(self, doc: Doc, text: str, mentions, new_actors) -> list[tuple[Span, str]]:
        honorifics = self.context.get("speaker_honorifics")
        if not honorifics:
            return []
        pattern = self._label_pattern(tuple(sorted(honorifics)))
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        out = []
        for match in pattern.finditer(text):
            end_of_speech = text.find("\n", match.end())
            speech = text[match.end() : end_of_speech if end_of_speech >= 0 else len(text)]
            if not self.context["cyber"].search(speech):
                continue  # a speech about something else: no part in the story
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="strict")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            name = match.group(1)
            actor_id = self.known_person(name) or self.new_id(name, "person")
            if self.gazetteer.get(actor_id) is None:
                new_actors.setdefault(
                    actor_id,
                    Actor(id=actor_id, name=name, kind="person", aliases=(name,), source="discovered"),
                )
            out.append((Span(doc, span.start, span.end, label="person", kb_id=actor_id), "speaker_label"))
            taken.update(range(span.start, span.end))
        return out

    @staticmethod
    def _label_pattern(honorifics: tuple[str, ...]) -> re.Pattern:
        words = "|".join(re.escape(h) for h in honorifics)
        return re.compile(rf"(?m)^(?:{words}) ({NAME})\. ")
