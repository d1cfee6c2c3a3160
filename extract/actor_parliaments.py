"""A state's parliament named by the state's adjective (used by ``actor_linker``): "the Estonian
parliament", "German Federal Parliament", « le Parlement estonien » is an actor besides its
state: the parliament the gazetteer knows for the state, else a discovered one,
``PARLIAMENT_<ISO3>`` (``parliament_nouns`` in ``patterns/actor_context.json``).

Part of ``extract.actors.ActorLinker`` (split from ``extract.actor_orgs``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.records import Actor


class ParliamentRules:
    """Mixin of ``ActorLinker``: needs ``self.context`` and ``self.gazetteer``."""

    def _parliaments(self, doc: Doc, mentions, new_actors) -> list[tuple[Span, str]]:
        """A state's parliament named by its adjective ("the Estonian parliament", "German Federal
        Parliament", « le Parlement estonien ») is an actor besides its state: the parliament the
        gazetteer knows for the state, else a discovered one."""
        nouns = self.context.get("parliament_nouns", ())
        out = []
        for span, role in mentions:
            if span.label_ != "state" or role != "description" or not nouns:
                continue
            if span[-1].lower_ not in nouns and span[0].lower_ not in nouns:
                continue
            actor_id = self._parliament_ids().get(span.kb_id_)
            if actor_id is None:
                state = self.gazetteer.get(span.kb_id_)
                actor_id = f"PARLIAMENT_{span.kb_id_}"
                new_actors.setdefault(
                    actor_id,
                    Actor(
                        id=actor_id,
                        name=f"Parliament of {state.name if state else span.kb_id_}",
                        kind="other",
                        country=span.kb_id_,
                        aliases=(span.text,),
                        source="discovered",
                    ),
                )
            out.append((Span(doc, span.start, span.end, label="other", kb_id=actor_id), "description"))
        return out

    def _parliament_ids(self) -> dict[str, str]:
        """State id -> the id of its parliament in the gazetteer (an institution named "... parliament")."""
        found = getattr(self, "_parliaments_known", None)
        if found is None:
            found = {}
            for actor in self.gazetteer.actors.values():
                if (
                    actor.kind == "other"
                    and actor.country
                    and any("parliament" in alias.lower() for alias in actor.aliases)
                ):
                    found.setdefault(actor.country, actor.id)
            self._parliaments_known = found
        return found
