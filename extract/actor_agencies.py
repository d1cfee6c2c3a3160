"""The actor linker's rules for agencies and the states they belong to (a mixin of
``extract.actors.ActorLinker``): a state's name that only qualifies one of its agencies ("UK
National Cyber Security Centre") is no state acting; an agency that only qualifies another, or
that another is said to be part of, is no mention ("the NCSC, a part of GCHQ"); a name several
agencies share ("the NCSC", « le NCSC néo-zélandais ») names the one the text, its qualifier or its
publisher points to, or a new agency of the state that qualifies it; an agency named alone
speaks for the state it belongs to only where that state acts through it."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from extract.gazetteer import QUALIFIED_FORMS, Alias, normalize, text_matches_case
from extract.records import Actor

APPOSITION_REACH = 4  # tokens between a name and "a part of" / ", qui fait partie" describing it
MAX_QUALIFIER_TOKENS = 3  # words of a state's name or adjective that qualifies a shared name
NAME_PREPS = ("on", "of", "for")  # 'the Committee on Foreign Affairs' names another committee


class AgencyRules:
    def _without_qualifiers(self, mentions: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """A state's name right before the full name of one of its agencies qualifies it: "US
        National Security Agency (NSA)", "UK National Cyber Security Centre" is no state acting
        (but "the United States Department of Homeland Security" is: a department is the state's);
        so is a possessive before a defensive agency ("Japan's National Police Agency")."""
        organs = state_organs()  # a department acting for its state: there the state does act
        offensive = self.gazetteer.offensive
        agencies = {
            span.start: span
            for span, _ in mentions
            if span.label_ == "agency" and len(span) > 1 and span.kb_id_ not in organs
        }
        every_agency = {span.start: span for span, _ in mentions if span.label_ == "agency"}
        own = {s: a for s, a in every_agency.items() if a.kb_id_ not in organs | offensive}  # (acronyms too)
        out = []
        for span, role in mentions:
            agency = agencies.get(span.end)
            if span.label_ in ("agency", "intergov") and self._parent_only(span, every_agency):
                continue  # (and "as part of the G20": a body its members belong to)
            if span.label_ == "state" and role == "name" and agency is not None:
                actor = self.gazetteer.get(agency.kb_id_)
                if actor is not None and actor.country == span.kb_id_:
                    continue
            if span.label_ == "state" and role == "name" and self._qualifies_agency_before(span, own):
                continue  # « le NCSC (NCSC-UK) du Royaume-Uni », "CERT NZ of New Zealand"
            if (
                span.label_ == "state"
                and role == "name"
                and self._owns_defensive_agency(span, agencies, offensive)
            ):
                continue  # (but "Russia's Federal Security Service": the state is behind it)
            out.append((span, role))
        return out

    def _parent_only(self, span: Span, agencies: dict[int, Span]) -> bool:
        """Is the agency only the parent of another one: right before its full name ("Department
        of Homeland Security Cybersecurity and Infrastructure Security Agency") or after "part of"
        ("the National Cyber Security Centre – a part of GCHQ", « qui fait partie du CST »)?"""
        doc = span.doc
        child = agencies.get(span.end) if span.label_ == "agency" else None
        if child is not None and len(child) == 1:
            child = None  # (a full name after it: "Department of Homeland Security CISA" is a list)
        if span.label_ == "agency" and child is None and span.end + 1 < len(doc):
            if doc[span.end].lower_ in ("'s", "’s"):  # "the ASD's ACSC", "CSE's Cyber Centre"
                child = agencies.get(span.end + 1)
        if span.label_ == "agency" and child is None and span.start >= 2:
            if doc[span.start - 1].lower_ in self.context["of_words"]:  # « le Centre ... du CST »
                child = next((a for a in agencies.values() if a.end == span.start - 1), None)
        if child is not None:
            parent, sub = self.gazetteer.get(span.kb_id_), self.gazetteer.get(child.kb_id_)
            if parent is not None and sub is not None and parent.country and parent.country == sub.country:
                return True
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in self.context["determiners"] | self.context["of_words"]:
            i -= 1
        if i < 0 or doc[i].lower_ not in self.context.get("part_words", ()):
            return False
        # what is part of it: another agency ('the NCSC, a part of GCHQ'); but a threat group or
        # a unit ('the group was part of the FSB', « ce groupe fait partie du GRU ») makes the
        # agency the one behind it
        if span.label_ != "agency":
            return True  # ("as part of the G20": a body its members belong to)
        # (an agency named right before: 'the National Cyber Security Centre – a part of GCHQ',
        # whatever the parser hangs the apposition on)
        # (not across a verb: 'the NCSC believes APT28 is part of the GRU')
        if any(
            i - APPOSITION_REACH <= other.end <= i
            and not any(t.pos_ in ("VERB", "AUX") for t in doc[other.end : i])
            for other in agencies.values()
        ):
            return True
        owners = _part_owners(doc[i])
        return not owners or any(o.i in _covered(agencies) for o in owners)

    def _qualifies_agency_before(self, state: Span, agencies: dict[int, Span]) -> bool:
        """Does the state only qualify its own agency named right before it, after "of" and a
        determiner, the agency's acronym in brackets or not ("the Computer Emergency Response
        Team (CERT NZ) of New Zealand", « le National Cyber Security Centre (NCSC-UK) du
        Royaume-Uni »)? Not another state's, nor a service known for offensive operations: "the
        Main Intelligence Directorate (GRU) of Russia" names the state behind it."""
        doc, i = state.doc, state.start - 1
        while i >= 0 and doc[i].lower_ in self.context["determiners"]:
            i -= 1
        if i < 1 or doc[i].lower_ not in self.context["of_words"]:
            return False
        i -= 1
        if doc[i].text == ")" and i >= 1:
            i -= 1  # the acronym in brackets
        agency = next((a for a in agencies.values() if a.end == i + 1), None)
        actor = self.gazetteer.get(agency.kb_id_) if agency is not None else None
        return actor is not None and actor.country == state.kb_id_

    def _owns_defensive_agency(self, state: Span, agencies: dict[int, Span], offensive: set[str]) -> bool:
        """Is the state only the possessor of one of its own defensive agencies: "Japan's National
        Police Agency", "New Zealand's National Cyber Security Centre" (after it or around it)?"""
        possessive = state.doc[state.end : state.end + 1].text in ("'s", "’s", "'", "’")
        owned = [agencies.get(state.end + 1)] if possessive else []
        owned += [a for a in agencies.values() if a.start <= state.start and state.end < a.end]
        for agency in owned:
            actor = self.gazetteer.get(agency.kb_id_) if agency is not None else None
            if actor is not None and actor.country == state.kb_id_ and agency.kb_id_ not in offensive:
                return True
        return False

    def _owner_inside(self, start: int, end: int, alias: Alias, by_range: dict) -> int | None:
        """Where a group's name splits into its owner and a name of the group ("GRU | Unit 74455",
        "PLA | Unit 61398"): the end of the owner's name, or None."""
        if self.gazetteer.actors[alias.actor_id].kind != "group":
            return None
        for middle in range(start + 1, end):
            owner, rest = by_range.get((start, middle)), by_range.get((middle, end))
            if owner is not None and rest is not None and rest.actor_id == alias.actor_id:
                if self.gazetteer.actors[owner.actor_id].kind in ("agency", "state"):
                    return middle
        return None

    def _shared_names(
        self, doc: Doc, mentions: list[tuple[Span, str]], text: str, new_actors: dict[str, Actor]
    ) -> list[tuple[Span, str]]:
        """A name several agencies share ("the NCSC") names the agency it brackets ("New Zealand's
        National Cyber Security Centre (NCSC)"), else the publisher when it is one of them, else
        the one of the publisher's state (a release of New Zealand's GCSB), else the only one the
        text qualifies ("the Irish National Cyber Security Centre"), else the
        first agency listed with it. A state that qualifies it right there ("Italy's NCSC", « le
        NCSC italien ») and owns none of them makes it an agency of that state the gazetteer
        lacks (discovered), never another state's; the state is then only its qualifier."""
        shared = self.gazetteer.shared_names
        if not shared:
            return mentions
        ordered = sorted(mentions, key=lambda item: item[0].start)
        keys = [normalize(text[span.start_char : span.end_char]) for span, _ in ordered]
        qualified = {span.kb_id_ for (span, _), key in zip(ordered, keys, strict=True) if key not in shared}
        publisher = self._publisher_actor(doc)
        publisher_actor = self.gazetteer.get(publisher) if publisher else None
        publisher_country = publisher_actor.country if publisher_actor is not None else None
        if publisher_actor is not None and publisher_actor.kind == "state":
            publisher_country = publisher_actor.id
        out: list[tuple[Span, str]] = []
        qualifiers: set[tuple[int, int]] = set()  # the states that only qualify a shared name
        for (span, role), key in zip(ordered, keys, strict=True):
            owners = shared.get(key)
            if owners and span.kb_id_ == owners[0]:
                before = out[-1][0] if out else None
                holder = self._possessor_country(doc, before, span)
                qualifier = self._qualifier_state(doc, span)
                if qualifier is not None and qualifier[0] != self.gazetteer.actors[owners[0]].country:
                    state, q_start, q_end = qualifier
                    qualifiers.add((q_start, q_end))
                    owner = next((o for o in owners if self.gazetteer.actors[o].country == state), None)
                    if owner is None:  # "Italy's NCSC": Italy's agency, not the UK's
                        owner = self._unlisted_agency(span, state, new_actors)
                    out.append((Span(doc, span.start, span.end, label=span.label_, kb_id=owner), role))
                    continue
                if before is not None and before.kb_id_ in owners and before.end == span.start - 1:
                    owner = before.kb_id_  # "(NCSC)" right after the agency's full name
                elif holder is not None and any(self.gazetteer.actors[o].country == holder for o in owners):
                    owner = next(o for o in owners if self.gazetteer.actors[o].country == holder)
                elif publisher in owners:
                    owner = publisher
                elif publisher_country is not None and any(
                    self.gazetteer.actors[o].country == publisher_country for o in owners
                ):
                    # "Our National Cyber Security Centre" in a release of New Zealand's GCSB
                    owner = next(o for o in owners if self.gazetteer.actors[o].country == publisher_country)
                else:
                    others = [o for o in owners[1:] if o in qualified]
                    owner = others[0] if len(others) == 1 and owners[0] not in qualified else owners[0]
                span = Span(doc, span.start, span.end, label=span.label_, kb_id=owner)
            out.append((span, role))
        if qualifiers:
            out = [(s, r) for s, r in out if s.label_ != "state" or (s.start, s.end) not in qualifiers]
        return out

    def _qualifier_state(self, doc: Doc, span: Span) -> tuple[str, int, int] | None:
        """The state that qualifies a shared name right there, as the language qualifies one
        (``QUALIFIED_FORMS``: "Italy's NCSC", "Italian NCSC", "NCSC of Italy", « NCSC italien »,
        « NCSC de l'Italie »): (its id, the start and end of its words), or None."""
        forms = QUALIFIED_FORMS.get(self.lang)
        if not forms:
            return None
        of_words, determiners = self.context["of_words"], self.context["determiners"]
        for slot, role in (("country", "name"), ("adjective", "demonym")):
            for form in forms[slot]:
                before, after = form.split("{name}")
                if before:  # "{country}'s ", "{adjective} "
                    word = before.split("{" + slot + "}")[1].strip()
                    end = span.start
                    if word:
                        if end < 1 or doc[end - 1].text.replace("’", "'") != word:
                            continue
                        end -= 1
                    for n in range(1, MAX_QUALIFIER_TOKENS + 1):
                        state = self._state_named(doc, end - n, end, role)
                        if state is not None:
                            return state, end - n, end
                else:  # " of {country}", " ({country})", " {adjective}"
                    word = after.split("{" + slot + "}")[0].strip()
                    start = span.end
                    if word:
                        if start >= len(doc) or (
                            doc[start].lower_ != word
                            and not (word in of_words and doc[start].lower_ in of_words)
                        ):
                            continue
                        start += 1
                        while word in of_words and start < len(doc) and doc[start].lower_ in determiners:
                            start += 1  # « de la Russie », « de l'Italie »
                    for n in range(1, MAX_QUALIFIER_TOKENS + 1):
                        state = self._state_named(doc, start, start + n, role)
                        if state is not None:
                            return state, start, start + n
        return None

    def _state_named(self, doc: Doc, start: int, end: int, role: str) -> str | None:
        """The state doc[start:end] names with an alias of ``role`` (a name, an adjective), or None."""
        if start < 0 or end > len(doc) or start >= end:
            return None
        text = doc[start:end].text
        for alias in self.lookup(text):
            actor = self.gazetteer.actors[alias.actor_id]
            if actor.kind == "state" and alias.role == role and self.matches_case(text, alias.text):
                return actor.id
        return None

    def _unlisted_agency(self, span: Span, state: str, new_actors: dict[str, Actor]) -> str:
        """A discovered agency: the shared name of a state none of its owners is of ("NCSC
        (Italy)")."""
        country = self.gazetteer.actors[state]
        name = f"{span.text} ({country.name})"
        actor_id = self.new_id(name, "agency")
        new_actors.setdefault(
            actor_id,
            Actor(
                id=actor_id,
                name=name,
                kind="agency",
                country=state,
                aliases=(span.text,),
                source="discovered",
            ),
        )
        return actor_id

    def _possessor_country(self, doc: Doc, before: Span | None, span: Span) -> str | None:
        """The country of the state or agency whose possessive comes right before ``span``: "the
        GCSB's National Cyber Security Centre" -> NZL."""
        if before is None or before.end != span.start - 1 or doc[before.end].lower_ not in ("'s", "’s"):
            return None
        actor = self.gazetteer.get(before.kb_id_)
        return actor.country if actor is not None else None

    def _publisher_actor(self, doc: Doc) -> str | None:
        """The actor the document's publisher names (``doc._.publisher``: "National Cyber Security
        Centre (New Zealand), ncsc.govt.nz" -> NCSC_NZ), if any."""
        publisher = doc._.publisher if Doc.has_extension("publisher") else None
        if not publisher:
            return None
        for part in [publisher, *re.split(r"[,;|]", publisher)]:
            actor_id = self.resolve(part.strip()) if part.strip() else None
            if actor_id is not None:
                return actor_id
        # "National Cyber Security Centre (Irlande)": a shared name, qualified by a country note
        name, _, note = publisher.partition("(")
        actor_id = self.resolve(name.strip()) if name.strip() else None
        country = self.resolve(note.split(")")[0].strip()) if note else None
        if actor_id is None or country is None:
            return actor_id
        return self.gazetteer.owner_in(actor_id, {country})

    def _publisher_committee(self, doc: Doc, mentions) -> list[tuple[Span, str]]:
        """'the Committee' in a committee's own report (publisher: "Intelligence and Security
        Committee of Parliament") is that committee, 'the Department' in a department's release
        (« le Ministère »: context list ``publisher_heads``); not 'the Committee on Foreign Affairs'."""
        words = self.context.get("publisher_heads", ())
        publisher = (doc._.publisher if Doc.has_extension("publisher") else None) or ""
        if not words or not any(word in publisher.lower() for word in words):
            return []
        actor = self.gazetteer.get(self._publisher_actor(doc) or "")
        names = [actor.name, *actor.aliases] if actor else []
        heads = {get_string_id(w.capitalize()) for n in names for w in n.split() if w.lower() in words}
        if not heads:
            return []
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        out = []
        # (the heads' string ids against the tokens' ORTH ids: no Token made for every word)
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            if orth not in heads or i in taken or i == 0:
                continue
            token = doc[i]
            if doc[token.i - 1].lower_ not in self.context["determiners"]:
                continue
            after = doc[token.i + 1 : token.i + 3]
            if len(after) and (after[0].is_title or after[-1].is_title and after[0].lower_ in NAME_PREPS):
                continue  # 'the Committee on Foreign Affairs': another committee
            out.append((Span(doc, token.i, token.i + 1, label=actor.kind, kb_id=actor.id), "anaphor"))
        return out

    def _states_of_agencies(self, doc, mentions, unused_demonyms) -> list[tuple[Span, str]]:
        """The state named inside or beside one of its agencies: "Russian military intelligence
        service", "ministère américain de la Justice", "Agence nationale ... française (ANSSI)"."""
        out = []
        agencies = [span for span, _ in mentions if span.label_ in ("agency", "group")]
        for span in agencies:
            actor = self.gazetteer.get(span.kb_id_)
            country = actor.country if actor else None
            if not country or span.kb_id_ in self.gazetteer.country_in_name:
                continue  # "Australian Cyber Security Centre": the agency's own name
            if not self._acts_for_state(span):
                continue  # "Japan's National Police Agency" co-authors: Japan does not act
            for token in span:
                if any(
                    a.actor_id == country
                    and a.role in ("demonym", "name")
                    and text_matches_case(token.text, a.text)
                    for a in self.lookup(token.text)
                ):
                    out.append((Span(doc, token.i, token.i + 1, label="state", kb_id=country), "description"))
                    break
        for start, end, alias in unused_demonyms:
            for span in agencies:
                actor = self.gazetteer.get(span.kb_id_)
                if actor and actor.country == alias.actor_id and (start == span.end or end == span.start):
                    # "the Russian GRU"; « le BSI allemand », "the German BSI" only qualify the agency
                    if self._acts_for_state(span):
                        state = Span(doc, start, end, label="state", kb_id=alias.actor_id)
                        out.append((state, "description"))
                    break
        return out

    def _organ_states(self, doc: Doc, mentions) -> list[tuple[Span, str]]:
        """The state of a state organ left in the story ('the Justice Department charged ...'):
        its acts are the state's, so the state takes part in the story though the text never names
        it; once, over the organ's first mention (role ``organ``)."""
        named = {span.kb_id_ for span, _ in mentions}
        organs = state_organs()
        out = []
        for span, _ in mentions:
            actor = self.gazetteer.get(span.kb_id_) if span.kb_id_ in organs else None
            if actor is not None and actor.country and actor.country not in named:
                named.add(actor.country)
                out.append((Span(doc, span.start, span.end, label="state", kb_id=actor.country), "organ"))
        return out

    def _acts_for_state(self, span: Span) -> bool:
        """Does what the agency or group does engage its state: an offensive service, a group, or a
        state organ (a ministry, an embassy)? Not a cyber agency or a police force."""
        return span.label_ != "agency" or span.kb_id_ in self.gazetteer.offensive | state_organs()


def _part_owners(part: Token) -> list[Token]:
    """What is said to be part of something: the noun 'part' stands beside ('the NCSC, a part
    of GCHQ'), else the subject of its verb ('the group was part of', « qui fait partie du »:
    a relative pronoun stands for the noun its clause hangs on)."""
    if part.dep_ == "appos":
        return [part.head]
    owners = [c for c in part.head.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
    return [o.head.head if o.pos_ == "PRON" and o.head.dep_ in ("relcl", "acl:relcl") else o for o in owners]


def _covered(spans: dict[int, Span]) -> set[int]:
    return {i for span in spans.values() for i in range(span.start, span.end)}


@functools.cache
def state_organs() -> frozenset[str]:
    """Agencies that act for their state (``lexicons/state_organs.json``, shared with the claims)."""
    path = Path(__file__).resolve().parent / "lexicons" / "state_organs.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["agency_ids"])
