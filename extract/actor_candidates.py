"""The actor linker's mentions from the gazetteer's candidates (``extract.actor_ruler``): for each
span the ruler matched, the alias that fits the text's case, the longest match first; then the
rules that decide whether the match names its actor there (``CandidateRules._mention_for``): a
state named as a place, inside another name, in the background, as the maker of a product, as
the members of a body, ... is no mention of it.

Part of ``extract.actors.ActorLinker``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.actor_guarded import names_malware
from extract.actor_members import plural_bodies
from extract.actor_products import names_a_maker, patches_a_flaw
from extract.actor_regimes import names_a_regime
from extract.actor_ruler import CANDIDATES_KEY, entity_index
from extract.gazetteer import Alias
from extract.records import Actor

BODY_NAME_REACH = 8  # words between a body's organisation word and "of <international body>"


class CandidateRules:
    """Mentions from the ruler's candidates, for ``extract.actors.ActorLinker``."""

    # -- gazetteer candidates ----------------------------------------------------------------

    def _gazetteer_mentions(
        self, doc: Doc, doc_text: str, places: list[Span], new_actors: dict[str, Actor]
    ) -> list[tuple[Span, str]]:
        """Mentions from the ruler's candidates; states named as places are added to ``places``;
        agencies the gazetteer lacks (a shared name of a country none of its owners is of) are
        added to ``new_actors``."""
        chosen, text_at = self._chosen_aliases(doc, doc_text)
        taken: set[int] = set()
        out: list[tuple[Span, str]] = []
        unused_demonyms: list[tuple[int, int, Alias]] = []
        # the end of each state or capital candidate -> its start (the longest: "People's Republic
        # of China", not "China"): a list member's neighbours, a bracketed acronym's name
        states: dict[int, int] = {}
        for start, end, alias in chosen:
            if alias.role != "demonym" and self.gazetteer.actors[alias.actor_id].kind == "state":
                states.setdefault(end, start)
        context = (states, entity_index(doc), places)
        by_range = {(start, end): alias for start, end, alias in chosen}
        for start, end, alias in chosen:
            if any(i in taken for i in range(start, end)):
                continue
            owner = self._owner_inside(start, end, alias, by_range)
            if owner is not None:  # "GRU Unit 74455": the agency, then its unit
                actor = self.gazetteer.actors[by_range[start, owner].actor_id]
                out.append((Span(doc, start, owner, label=actor.kind, kb_id=actor.id), "name"))
                taken.update(range(start, owner))
                start = owner
            known_places = len(places)
            result = self._mention_for(doc, start, end, alias, text_at.get((start, end), ""), context)
            if len(places) > known_places:
                taken.update(range(start, end))  # a place or a forum: no shorter name inside it either
            if result is None:
                if alias.role == "demonym":
                    unused_demonyms.append((start, end, alias))
                continue
            span, role = result
            if any(i in taken for i in range(span.start, span.end)):
                if alias.role == "demonym":  # "the Russian | Main Intelligence Directorate": its state
                    unused_demonyms.append((start, end, alias))
                continue
            taken.update(range(span.start, span.end))
            out.append((span, role))
        out.extend(self._states_of_agencies(doc, out, unused_demonyms))
        return self._shared_names(doc, self._without_qualifiers(out), doc_text, new_actors)

    def _chosen_aliases(
        self, doc: Doc, doc_text: str
    ) -> tuple[list[tuple[int, int, Alias]], dict[tuple[int, int], str]]:
        """The alias each candidate span takes (the first the gazetteer lists among the ruler's
        ids that fits the text's case), longest match first, and the text of each span."""
        by_offsets: dict[tuple[int, int], list[Span]] = {}
        for span in doc.spans.get(CANDIDATES_KEY, []):
            by_offsets.setdefault((span.start, span.end), []).append(span)
        chosen: list[tuple[int, int, Alias]] = []
        text_at: dict[tuple[int, int], str] = {}
        for (start, end), spans in by_offsets.items():
            # = doc[start:end].text, sliced from the text read once
            text = text_at[start, end] = doc_text[spans[0].start_char : spans[0].end_char]
            ids = {(s.id_, s.label_) for s in spans}
            entries = [
                a
                for a in self.lookup(text)
                if (a.actor_id, a.role) in ids and self.matches_case(text, a.text)
            ]
            if entries:
                chosen.append((start, end, entries[0]))
        # longest match wins; then the better alias (name before capital before demonym)
        chosen.sort(key=lambda item: (-(item[1] - item[0]), self.rank(item[2])))
        return chosen, text_at

    def _mention_for(
        self, doc: Doc, start: int, end: int, alias: Alias, text: str, context: tuple
    ) -> tuple[Span, str] | None:
        """The mention an alias match makes (``text`` = doc[start:end].text), or None.
        ``context`` = (state candidates by end, entity of each token, the list of places found)."""
        actor = self.gazetteer.actors[alias.actor_id]
        states, entity_at, places = context
        negating = self.context["negating_prefixes"]
        if start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ in negating:
            return None  # 'Non-GRU cybercriminals', 'non-NATO states': not that actor
        if alias.role == "demonym":
            return self._demonym_mention(doc, start, end, actor)
        if actor.kind == "state" or alias.role == "capital":
            if self._inside_other_name(doc, start, end, entity_at):
                return None  # "Air India", "South China Morning Post": another actor's name
            if self._is_place(doc, start, end, text, states):
                places.append(Span(doc, start, end, label=actor.kind, kb_id=actor.id))
                return None
        if alias.role == "capital":
            if names_an_instrument(doc, start, end, self.context):
                return None  # "the Tallinn Manual", « l'Appel de Paris »: named after the city
            return Span(doc, start, end, label=actor.kind, kb_id=actor.id), "capital"
        if self._names_another_thing(doc, start, end, actor, states, places):
            return None
        return self._name_mention(doc, start, end, alias, actor)

    def _demonym_mention(self, doc: Doc, start: int, end: int, actor) -> tuple[Span, str] | None:
        """The description of a state's or a body's institutions a demonym opens ("the Chinese
        government", « les autorités russes »), or None."""
        described = self._description(doc, start, end)
        if described is None and actor.kind == "state":  # "attacks on the Ukrainian banking sector"
            described = self._victim_phrase(doc, start, end)
        if described is None or self._is_forum(doc, *described):
            return None
        if actor.kind == "intergov" and plural_bodies(doc, start, end, described, self.context):
            return None  # "European ministries", « les gouvernements européens »: its members'
        return Span(doc, described[0], described[1], label=actor.kind, kb_id=actor.id), "description"

    def _names_another_thing(self, doc: Doc, start: int, end: int, actor, states: dict, places: list) -> bool:
        """Does the name at doc[start:end] name something else there than its actor: a committee
        a bracketed acronym is about, the background, where an organisation is, a product, a
        malware, a forum (added to ``places``)?"""
        if actor.kind == "state" and _bracketed_after_other_name(doc, start, end, states):
            return True  # "the UN 1718 Sanctions Committee (DPRK)": what that name is about
        if actor.kind == "state" and self._in_the_background(doc, start):
            return True  # "Russia's invasion of Ukraine", « une aide à l'Ukraine »: the background
        if actor.kind == "state" and self._of_an_organisation(doc, start):
            return True  # "Bangladesh Bank, the central bank of Bangladesh": where the bank is
        if actor.kind == "intergov" and self._place_by_left_context(doc, start, {}, depth=0):
            return True  # "negotiated in the United Nations", "at NATO": where, not who
        if actor.kind == "intergov" and self._in_a_body_name(doc, start):
            return True  # « le Centre d'excellence de cyberdéfense coopérative de l'OTAN »: its body
        if actor.kind == "intergov" and self._its_members(doc, start, end):
            return True  # "all United Nations Member States", « les États membres des Nations unies »
        if actor.kind == "intergov" and names_a_regime(doc, start, end, self.context):
            return True  # "U.S. and UN sanctions", « les résolutions du Conseil de sécurité »: a regime
        if actor.kind == "company" and (
            self._names_product(doc, start, end)
            or names_a_maker(doc, start, end, self.context)
            or patches_a_flaw(doc, start, end, self.context)
        ):
            return True  # "Microsoft Windows-based systems", "Fortinet software", "patched by X": a product's
        if actor.kind == "group" and self._in_company_name(doc, end):
            return True  # "Sandworm Pictures", "Fancy Bear Labs": another organisation's name
        if actor.kind == "group" and names_malware(doc, start, end, self.context):
            return True  # "the deployment of Ryuk ransomware", « la souche NetWalker »: the malware
        if actor.kind == "company" and self._names_medium(doc, start, end):
            return True  # "the Facebook profile of", « la page Facebook de »: where, not who
        if actor.kind == "agency" and end < len(doc) and doc[end].is_title:
            if doc[end].lower_ in self.context.get("committee_words", ()):
                return True  # 'the Senate Homeland Security Committee' is no Department of Homeland Security
            if doc[end].lower_ in self.context.get("adviser_words", ()):
                return True  # 'Homeland Security Advisor X' holds a White House post, not the department's
        if actor.kind in ("state", "other") and self._is_forum(doc, start, end):
            places.append(Span(doc, start, end, label=actor.kind, kb_id=actor.id))
            return True  # "testified before the U.S. Congress"
        return False

    def _name_mention(self, doc: Doc, start: int, end: int, alias: Alias, actor) -> tuple[Span, str] | None:
        """The mention the actor's name makes, unless a state's acronym before a noun or a state's
        name before an event names an origin ("U.S. companies", "the 2016 United States
        elections"): then only a victim phrase is its mention."""
        if actor.kind in ("state", "intergov") and self.case_mode(alias.text) == "exact":
            head = self._modifier_head(doc, end)
            # ('DPRK cyber actors', as 'North Korean cyber actors': a word between names the state's)
            qualified = (
                head is not None
                and head.i > end
                and head.lower_ in self.context.get("qualified_institution_nouns", ())
            )
            acting = head is None or qualified or head.lower_ in self.context.get("acronym_heads", ())
            # ('UN experts', 'UN sanctions monitors': an international body's own staff speak for it)
            staff = self.context.get("body_staff_heads", ())
            acting = acting or (actor.kind == "intergov" and head is not None and head.lower_ in staff)
            if not acting:
                # "U.S. companies", "UK individuals": an origin, not the state acting; but "attacked
                # U.S. critical infrastructure": the victim, as "American infrastructure" is
                return self._as_victim(doc, start, end, actor)
        elif actor.kind == "state" and self._origin_of(doc, end):
            return self._as_victim(doc, start, end, actor)  # "the 2016 United States elections"
        return Span(doc, start, end, label=actor.kind, kb_id=actor.id), "name"

    def _as_victim(self, doc: Doc, start: int, end: int, actor) -> tuple[Span, str] | None:
        """The state named before a victim noun an attack hits ("U.S. critical infrastructure"), or None."""
        described = self._victim_phrase(doc, start, end) if actor.kind == "state" else None
        if described is None:
            return None
        return Span(doc, described[0], described[1], label=actor.kind, kb_id=actor.id), "description"

    def _names_product(self, doc: Doc, start: int, end: int) -> bool:
        """Is the company's name doc[start:end] only the maker of a product named beside it:
        before it ("Microsoft Windows-based systems", "the Google Play Store"), after its
        possessive ("Microsoft's Windows computers"), or before it with "of" (« le système
        d'exploitation Windows de Microsoft »)? The product word is capitalised."""
        products = self.context.get("product_words", ())
        if not products:
            return False
        after = end + 1 if end < len(doc) and doc[end].lower_ in ("'s", "’s") else end
        if after < len(doc) and doc[after].is_title and doc[after].lower_ in products:
            return True
        return (
            start >= 2
            and doc[start - 1].lower_ in self.context["of_words"]
            and doc[start - 2].is_title
            and doc[start - 2].lower_ in products
        )

    def _names_medium(self, doc: Doc, start: int, end: int) -> bool:
        """Is the company's name doc[start:end] only a platform something is posted on, right
        before a word for a page or an account ("posted on the Facebook profile of", "his Twitter
        account") or right after one (« sur la page Facebook », « son compte Twitter »)?"""
        media = self.context.get("medium_nouns", ())
        if end < len(doc) and doc[end].lower_ in media and doc[end].is_lower:
            return True
        return start > 0 and doc[start - 1].lower_ in media and doc[start - 1].is_lower

    def _of_an_organisation(self, doc: Doc, start: int) -> bool:
        """Is the state at ``start`` only where a company or an institution is, after "of" and a
        singular word for one: "the central bank of Bangladesh", « la principale banque du
        Bangladesh » (not "the government of Bangladesh", "the banks of Bangladesh")?"""
        i = start - 1
        while i >= 0 and doc[i].lower_ in self.context["determiners"]:
            i -= 1
        of = doc[i].lower_ if i >= 0 else ""
        if i < 1 or (of not in self.context["of_words"] and of not in ("du", "des")):
            return False
        descriptors = self.context["org_descriptors"]
        j = i - 1 if doc[i - 1].pos_ != "ADJ" or i < 2 else i - 2  # « la banque centrale du »
        head = doc[j].lower_
        return any(head in descriptors.get(kind, ()) for kind in ("company", "other")) and not head.endswith(
            ("s", "x")
        )

    def _in_a_body_name(self, doc: Doc, start: int) -> bool:
        """Does the international body at ``start`` end the name of one of its bodies, after "of"
        and a capitalised organisation word: « le Centre d'excellence de cyberdéfense coopérative
        de l'OTAN », "the Cooperative Cyber Defence Centre of Excellence of NATO"?"""
        i = start - 1
        while i >= 0 and doc[i].lower_ in self.context["determiners"]:
            i -= 1
        if i < 1 or doc[i].lower_ not in self.context["of_words"]:
            return False
        words = self.context["org_name_words"]
        links = set(self.context["name_links"])
        for token in reversed(doc[max(0, i - BODY_NAME_REACH) : i]):
            if token.is_title and any(token.lower_ in names for names in words.values()):
                return True
            if not (token.is_alpha or token.lower_ in links) or token.pos_ in ("VERB", "AUX", "PRON"):
                return False
        return False

    def _its_members(self, doc: Doc, start: int, end: int) -> bool:
        """Does doc[start:end] (an international body) only say whose members are meant: "United
        Nations Member States", "member states of the UN", « États membres des Nations unies »?"""
        members = self.context.get("member_nouns", ())
        if not members:
            return False
        if end < len(doc) and doc[end].lower_ in members:
            return True
        i = start - 1
        while i >= 0 and doc[i].lower_ in self.context["determiners"]:
            i -= 1
        if i < 1 or doc[i].lower_ not in self.context["of_words"]:
            return False
        # "member states of", « États membres des »: the member word within the two words before
        return any(t.lower_ in members for t in doc[max(0, i - 2) : i])


def _bracketed_after_other_name(doc: Doc, start: int, end: int, states: dict[int, int]) -> bool:
    """Is the state's acronym in brackets right after a capitalised name that is not the state's
    own ('the 1718 Sanctions Committee (DPRK)'; not "the People's Republic of China (PRC)")?"""
    if start < 2 or end >= len(doc) or doc[start - 1].text != "(" or doc[end].text != ")":
        return False
    before = doc[start - 2]
    return start - 1 not in states and before.is_alpha and before.is_title


def names_an_instrument(doc: Doc, start: int, end: int, context: dict) -> bool:
    """Is the capital doc[start:end] only the name of an instrument, a process or a meeting named
    after the city ("the Tallinn Manual", "the Paris Call", « le mécanisme de Tallinn », « la
    convention de Budapest »: context list ``instrument_nouns``), not its state?"""
    nouns = context.get("instrument_nouns", ())
    if end < len(doc) and doc[end].lower_ in nouns:
        return True
    of = start - 1
    return of >= 1 and doc[of].lower_ in context["of_words"] and doc[of - 1].lower_ in nouns
