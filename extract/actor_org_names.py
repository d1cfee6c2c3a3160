"""What an organisation's name may be instead of a body (used by ``actor_orgs``): a technique
('Cross-Site Scripting'), a technology ('Industrial Control Systems (ICS)'), a known company's
product ('Microsoft Exchange'), a member of a list of a group's nicknames ('other nicknames,
including Office Monkeys, CozyCar'), a plural body word shared by a list ('the Departments of
State, the Treasury, and Homeland Security'); and two names the NER joined ('University of
Toronto and University of Cambridge').
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

MAX_NAME_TOKENS = 8  # words of an organisation's name the entity recogniser reads, at most
NAME_LIST_REACH = 12  # tokens back from a list member to the list's opener
STATE_ABBREVIATION = 3  # letters of a state's abbreviation before a name ("US", "UK"), at most


class OrgNameRules:
    """Mixin of ``OrgRules``: needs ``self.context``, ``self.resolve`` and ``self.gazetteer``."""

    def _names_technique(self, doc: Doc, start: int, end: int) -> bool:
        """'Distributed Denial of Service (DDoS)', 'Cross-Site Scripting': a technique, not a body;
        'Industrial Control Systems (ICS)', « Systèmes de contrôle industriels »: a technology
        (``technology_names``); 'Microsoft Exchange', 'Cisco IOS': a known company's product."""
        words = [t.lower_ for t in doc[start:end]]
        if not self.context.get("technique_words", set()).isdisjoint(words):
            return True
        technologies = self.context.get("technology_names", set())
        if any(" ".join(words[k:]) in technologies for k in range(len(words))):
            return True  # the name, or its last words ("Internet-facing Industrial Control Systems")
        products = self.context.get("product_words", set())
        return not products.isdisjoint(words[1:]) and self._names_a_product(doc, start, end)

    def _in_a_name_list(self, doc: Doc, start: int) -> bool:
        """Is the name a member of a list of names ("given other nicknames by security firms,
        including Office Monkeys, CozyCar and The Dukes", « d'autres surnoms, dont X et Y »)? Back
        over the earlier members to the list opener, then a word for names close before it."""
        nouns = self.context.get("name_list_nouns", ())
        openers, i = self.context["list_openers"], start - 1
        while i >= 0 and start - i <= NAME_LIST_REACH and doc[i].lower_ not in openers:
            if doc[i].is_sent_start or doc[i].text in {";", ":", "."}:
                return False
            i -= 1
        return i >= 0 and doc[i].lower_ in openers and any(t.lower_ in nouns for t in doc[max(0, i - 8) : i])

    def _shared_head(self, doc: Doc, start: int, end: int) -> tuple[Span | None, str] | None:
        """A plural body word shared by a list ("the Departments of State, the Treasury, and
        Homeland Security", « les ministères de la Défense et de l'Intérieur »): the name is no
        body of its own; its first member is the body its singular names, when the gazetteer
        knows it ("Department of State"). None when the name has no such head; (None, "") when
        the member is unknown."""
        plurals = self.context.get("plural_body_words", {})
        for k in range(start, end - 2):
            singular = plurals.get(doc[k].lower_)
            if singular is None or doc[k + 1].lower_ not in self.context["of_words"]:
                continue
            head = singular.capitalize() if doc[k].text[:1].isupper() else singular
            member = doc[k + 2 : end]
            known = self.resolve(f"{head} {doc[k + 1].text} {member.text}")
            actor = self.gazetteer.actors.get(known) if known else None
            if actor is None:
                return None, ""
            return Span(doc, k, member.end, label=actor.kind, kb_id=known), "name"
        return None

    def _state_prefix(self, doc: Doc, start: int, mention_at) -> tuple[str, str] | None:
        """(state id, its abbreviation) when a state's abbreviation is the first word of the
        name doc[start:...] ("the US Anti-Doping Agency", "the UK Space Agency"): the recogniser
        read the abbreviation as a place, but it is part of the body's name, and the body is that
        state's. Not a state's full name ("the United States Olympic Committee" is read whole)."""
        if start < 1 or not doc[start].is_title:
            return None
        before, other = doc[start - 1], mention_at.get(start - 1)
        word = before.text.replace(".", "")
        if not (word.isupper() and word.isalpha() and len(word) <= STATE_ABBREVIATION):
            return None
        state = self.resolve(before.text)
        actor = self.gazetteer.actors.get(state) if state else None
        if actor is None or actor.kind != "state" or (other is not None and other.kb_id_ != state):
            return None
        return state, before.text

    def _prefixed(self, doc: Doc, start: int, name: str, of_place, mention_at) -> tuple[str, str | None, str]:
        """(name, country, "of <state>") of a name with, when no "of <state>" follows it, the
        state's abbreviation before it ("the US Anti-Doping Agency": the state's body, named whole)."""
        prefix = self._state_prefix(doc, start, mention_at) if of_place[0] is None else None
        if prefix is None:
            return name, *of_place
        return f"{prefix[1]} {name}", prefix[0], ""

    def _names_a_product(self, doc: Doc, start: int, end: int) -> bool:
        """Is the name a known company's name followed by a product word ("Microsoft Exchange
        mailboxes", « des serveurs Microsoft Exchange »)? The maker is then no new organisation."""
        products = self.context.get("product_words", ())
        for cut in range(start + 1, end):
            if doc[cut].lower_ in products and doc[cut].text[:1].isupper():
                maker = self.resolve(doc[start:cut].text)
                actor = self.gazetteer.actors.get(maker) if maker else None
                return actor is not None and actor.kind == "company"
        return False


def split_pairs(doc: Doc, ents) -> list[Span]:
    """The entities, with a pair of names joined by "and" that start with the same word cut in
    two ("University of Toronto and University of Cambridge", « l'université de Toronto et
    l'université de Cambridge »): two organisations, not one."""
    out = []
    for ent in ents:
        first = next((t for t in ent if t.pos_ != "DET"), None)
        joins = [t.i for t in ent if t.pos_ == "CCONJ" and ent.start < t.i < ent.end - 1]
        second = [
            j for j in joins if first is not None and doc[j + 1].lower_ == first.lower_ and j + 1 != first.i
        ]
        if len(joins) == 1 and second and second[0] - ent.start >= 2 and ent.end - second[0] > 2:
            out += [
                Span(doc, ent.start, second[0], label=ent.label_),
                Span(doc, second[0] + 1, ent.end, label=ent.label_),
            ]
        else:
            out.append(ent)
    return out


def spelled_out(doc: Doc, start: int, end: int) -> bool:
    """Is the name doc[start:end] followed by its acronym in brackets, the initials of its
    capitalised words ("the National Telecommunications and Information Administration (NTIA)")?
    A body's formal name; three words at least."""
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return False
    acronym = doc[end + 1].text
    initials = "".join(t.text[0] for t in doc[start:end] if t.is_title)
    return len(initials) >= 3 and acronym.isupper() and acronym == initials.upper()
