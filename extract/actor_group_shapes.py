"""Threat groups named by the shape of their name (used by ``actor_linker``): APT99, UNC1234,
Storm-9999, "Crimson Typhoon" (``group_shapes`` in ``patterns/actor_context.json``). A shape the
gazetteer knows is that group; another becomes a discovered ``group`` actor. A shape that begins
a company's name ("Fancy Bear Labs") is no group.

Part of ``extract.actors.ActorLinker`` (split from ``extract.actors``).
"""

from __future__ import annotations

from spacy.tokens import Span

from extract.records import Actor


class GroupShapeRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.gazetteer``, ``self.resolve``,
    ``self.new_id`` and ``self._in_company_name``."""

    def _discovered_groups(self, doc, text, mentions, new_actors) -> list[tuple[Span, str]]:
        any_shape = self.context["any_group_shape"]
        if any_shape is not None and not any_shape.search(text):
            return []  # no group shape anywhere (most texts)
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        out = []
        for pattern in self.context["group_shapes"]:
            for match in pattern.finditer(text):
                span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
                if span is None or any(i in taken for i in range(span.start, span.end)):
                    continue
                if self._in_company_name(doc, span.end):
                    continue  # "Fancy Bear Labs": a company's name
                known = self.resolve(span.text)
                if known and self.gazetteer.actors[known].kind == "group":
                    actor_id, role = known, "name"
                else:
                    actor_id, role = self.new_id(span.text, "group"), "discovered"
                    new_actors.setdefault(
                        actor_id,
                        Actor(
                            id=actor_id,
                            name=span.text,
                            kind="group",
                            aliases=(span.text,),
                            source="discovered",
                        ),
                    )
                taken.update(range(span.start, span.end))
                out.append((Span(doc, span.start, span.end, label="group", kb_id=actor_id), role))
        return out
