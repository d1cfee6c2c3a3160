"""Where a state's name is a place, a description or part of another name (used by ``actor_linker``).

A state named as a location is no actor: after a locative ("in Beijing", "à Pékin", "in the
United States", "dans les Pays-Bas"), in an address ("in Shenyang, China"), as the end of a
movement ("transferred to the Philippines"), along a list that a locative opens ("targets in the
Netherlands, Japan and Germany"), before "-based" ("Moscow-based"), in a dateline, and in French
after a sentence-initial "A" written without its accent ("A Londres, ..."). A link word before the
locative keeps the state ("liés à Pékin", "tied to Moscow"), and so does a verb of joining
("s'associe aux Pays-Bas", "se joint au Royaume-Uni"): there the state acts with the subject;
so does a verb or noun of imputing that the locative depends on (« a imputé l'attaque à Pyongyang »);
an institution named by its seat is the state too ("le régime en place à Moscou", "the
government in Tehran"). A legislature before which someone testifies is a forum, not an actor
("devant le Sénat américain").

A state's name inside a longer proper name is no mention of the state either ("Air India", "the
South China Morning Post", "Bank of China") unless that name is an institution of the state
("Ministry of Foreign Affairs of Japan") or the state owns it ("Iran's Ministry of ...").

The words come from ``patterns/actor_context.json``: ``locative``, ``link_words``, ``join_words``,
``list_words``, ``determiners``, ``based_words``, ``initial_locative``, ``body_nouns``, ``dative_heads``,
``seat_nouns``, ``seat_bridge``, ``forum_preps``, ``forum_nouns``, ``motion_words``,
``motion_preps``, ``site_nouns`` (a site of a state: "in hotels of Austria", « dans des villes
d'Ukraine »; or a part of its land: "in each of India, Iran and Austria", « dans l'ensemble de la
Pologne »).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extract.actor_members import before_elsewhere, listed_with_a_territory

SENTENCE_END = {".", "!", "?", ";", ":", "\n", "\n\n"}
PERSON_LABELS = {"PERSON", "PER"}
TIME_LABELS = {"DATE", "TIME"}  # (French models tag no dates)
DASHES = {"–", "-", "—"}
PLACE_LABELS = {"GPE", "LOC"}  # the NER's places: list members that carry a locative on


POSSESSED_REACH = 4  # words from a possessive to the noun it owns ("China's large-scale | campaign")


class PlaceRules:
    """Mixin of ``ActorLinker``: needs ``self.context`` (the language's context words) and
    ``self.background_by_last`` (its ``background_phrases`` as word lists, by their last word)."""

    context: dict

    def _is_place(self, doc: Doc, start: int, end: int, text: str, states: dict | None = None) -> bool:
        """A state (or its capital) used as a location rather than as its government speaking or
        acting (``text`` = doc[start:end].text). ``states`` maps the end of each state candidate to
        its start: an earlier member of a list shares a later member's fate ("in X, Y and Z")."""
        if text.isupper() and sum(ch.isalpha() for ch in text) > 3 and not self._upper_alias(text):
            return True  # dateline: "WASHINGTON -"; not "U.S.", nor an acronym so written ("DPRK")
        if (
            end + 2 < len(doc)
            and doc[end].text == ","
            and doc[end + 1].is_title
            and doc[end + 2].text in DASHES
        ):
            return True  # dateline: "Ottawa, Ontario –"
        if (
            end + 1 < len(doc)
            and doc[end].text in DASHES
            and doc[end + 1].lower_ in self.context["based_words"]
        ):
            # "Moscow-based hackers"; but "a US-based grand jury" (not "the Ireland-based Health
            # Service Executive": a body's own name says where it is)
            bodies = self.context["body_nouns"]
            return not any(t.lower_ in bodies and t.is_lower for t in doc[end + 2 : end + 5])
        if listed_with_a_territory(doc, start, end, self.context, self.gazetteer.territories):
            return True  # "the trade war, the Uyghurs, Taiwan and Hong Kong": a topic
        if before_elsewhere(doc, end, self.context):
            return True  # "operated from North Korea, China, and elsewhere"
        if self._owns_a_thing(doc, end):
            return False  # "takes part in China's campaign": the campaign is in, China owns it
        named = (states or {}).get(start - 1) if start > 1 and doc[start - 1].text == "(" else None
        if named is not None:  # "based in China (PRC)": the acronym is what the name before it is
            return self._is_place(doc, named, start - 1, doc[named : start - 1].text, states)
        return self._place_by_left_context(doc, start, states or {}, depth=0)

    def _upper_alias(self, text: str) -> bool:
        """Is the name written in capitals one of the gazetteer's own spellings ("DPRK", « RPDC »)?"""
        return any(alias.text == text for alias in self.lookup(text))

    def _owns_a_thing(self, doc: Doc, end: int) -> bool:
        """Is the state's name (ending at ``end``) a possessive whose noun is no part of its land
        ("in China's campaign", not "in China's Sichuan province", "in Russia's networks")?"""
        if end >= len(doc) or doc[end].lower_ not in ("'s", "’s"):
            return False
        for token in doc[end + 1 : end + 1 + POSSESSED_REACH]:
            if token.pos_ in ("NOUN", "PROPN") and token.is_lower:
                return token.lower_ not in self.context.get("land_nouns", ())
        return False

    def _place_by_left_context(self, doc: Doc, start: int, states: dict, depth: int) -> bool:
        i = start - 1
        while i >= 0 and (
            doc[i].lower_ in self.context["determiners"] or (doc[i].pos_ == "ADJ" and doc[i].is_lower)
        ):
            i -= 1  # "in the United States", "dans les Pays-Bas", "in the continental United States"
        if i < 0:
            return False
        word = doc[i].lower_
        if word in self.context["dative_preps"] and i < start - 1:
            return False  # « attribuer ces cyberattaques à la Russie »: a dative, not « à Moscou »
        if word in self.context["motion_preps"] and i > 0:
            if doc[i - 1].lower_ in self.context["motion_words"]:
                return True  # "US$81 million traced to the Philippines"
            j = i - 1  # over an amount: "US$81 million traced to X and US$20 million to Sri Lanka"
            while j > 0 and (doc[j].like_num or doc[j].is_currency or doc[j].ent_type_ == "MONEY"):
                j -= 1
            listed = doc[j].lower_ in self.context["list_words"] and depth < 8  # "... and to Sri Lanka"
            if listed and self._list_member_is_place(doc, j, states, depth, default=False):
                return True
        if word == "," and i == start - 1 and i not in states and self._address(doc, i, start):
            return True  # "in Shenyang, China"
        sites = self.context.get("site_nouns", ())  # "in hotels of Austria", « dans des villes d'Ukraine »
        if word in self.context["of_words"] and i > 1 and doc[i - 1].lower_ in sites:
            k = next((k for k in range(i - 2, -1, -1) if doc[k].pos_ not in ("DET", "ADJ", "NUM")), 0)
            return doc[k].lower_ in self.context["locative"]  # (over "several", « des »)
        if word in self.context.get("origin_preps", ()) and i > 0:
            if doc[i - 1].lower_ in self.context.get("origin_nouns", ()):
                return True  # "agencies from the US, Canada and Australia": where they come from
        if word in self.context["locative"]:
            if self._attributed_to(doc, i):
                return False  # « a imputé ces cyberattaques à Moscou »: to whom, not where
            if self._seat_of_power(doc, i):
                return False  # "le régime en place à Moscou", "the government in Tehran"
            before = doc[i - 1].lower_ if i > 0 else ""
            if before in self.context["link_words"] or before in self.context["join_words"]:
                return False
            if before in self.context["list_words"] and depth < 8:
                return self._list_member_is_place(doc, i - 1, states, depth, default=True)
            return not self._hit_in(doc, i)
        if doc[i].text in self.context["initial_locative"] and (i == 0 or doc[i - 1].text in SENTENCE_END):
            return True  # "A Londres," at the start of a sentence: the preposition without accent
        if word in self.context["list_words"] and depth < 8 and self._in_a_list(doc, start, word):
            return self._list_member_is_place(doc, i, states, depth, default=False)
        if word in self.context.get("inclusion_words", ()) and depth < 8:
            return self._included_in_places(doc, i, states, depth)
        return False

    def _attributed_to(self, doc: Doc, locative: int) -> bool:
        """Does the locative give whom a verb or noun of ``dative_heads`` imputes an act to, the
        parser hanging the name on that word or on its object (« a imputé | l'attaque à Pyongyang »,
        « l'attribution de l'attaque à Téhéran »; not « ... contre une banque à Kiev »)?"""
        heads, place = self.context.get("dative_heads", ()), doc[locative]  # (forms: no lemmatiser)
        if not heads or place.dep_ != "case":
            return False
        governor = place.head.head
        if governor.lower_ not in heads:
            if governor.dep_ not in ("obj", "dobj") or governor.head.lower_ not in heads:
                return False
            governor = governor.head
        # a later dative of that word is whom it imputes to (« contre son ambassade à Pékin à des
        # pirates »): this one is a place
        datives = self.context["dative_preps"]
        return not any(
            child.i > place.head.i and any(c.dep_ == "case" and c.lower_ in datives for c in child.children)
            for child in governor.children
        )

    def _hit_in(self, doc: Doc, locative: int) -> bool:
        """Does the locative at ``locative`` place what a cyber attack hits ("attacked government
        networks in Estonia", "State institutions, including in Poland, have been targeted")? Then
        the state is the victim, not a place (as "Estonian government networks" is)."""
        place = doc[locative]
        noun = place.head.head if place.dep_ == "case" else place.head  # (UD: « en | Estonie »)
        if noun.lower_ in self.context.get("inclusion_words", ()) and noun.head.i < noun.i:
            noun = noun.head  # "State institutions ..., including in Poland and Sweden, have been targeted"
        nouns = self.context.get("victim_nouns", ())
        if noun.lower_ in self.context.get("target_verbs", ()):
            # the parser may hang the place on the verb: « ont attaqué les réseaux | en Estonie »
            noun = next((c for c in noun.children if c.dep_ in ("obj", "dobj") and c.lower_ in nouns), noun)
        if noun.i >= locative or noun.lower_ not in nouns or noun.pos_ != "NOUN" or not self._hit(doc, noun):
            return False
        sentence = noun.sent  # (a cyber word there or in the sentence before)
        before = doc[sentence.start - 1].sent if sentence.start > 0 else sentence
        return self.context["cyber"].search(doc[before.start : sentence.end].text) is not None

    def _included_in_places(self, doc: Doc, inclusion: int, states: dict, depth: int) -> bool:
        """Does the word at ``inclusion`` ("including", « dont ») follow places: a place read so
        ("in Asia (including India)"), or a locative and a word for places ("spread in more than 60
        countries, including the U.S.", « dans plusieurs pays, dont les États-Unis »)?"""
        j = inclusion - 1
        while j >= 0 and doc[j].text in (",", "("):
            j -= 1
        if j < 0:
            return False
        if j + 1 in states:  # a state listed before: « en France, notamment ... »
            return self._place_by_left_context(doc, states[j + 1], states, depth + 1)
        if doc[j].ent_type_ in PLACE_LABELS and doc[j].is_title:
            start = j
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            return self._place_by_left_context(doc, start, states, depth + 1)
        world = self.context.get("world_words", ())
        if doc[j].lower_ in world:  # "60 countries around the world, including": the countries
            k = j - 1
            while k >= 0 and doc[k].lower_ in self.context["determiners"]:
                k -= 1
            if k > 0 and doc[k].lower_ in self.context["locative"]:
                j = k - 1
        if doc[j].lower_ not in self.context.get("place_nouns", ()):
            return False  # ("institutions across the world, including the OPCW": the institutions)
        for k in range(j - 1, max(-1, j - 7), -1):  # "in more than 60 countries", « dans plusieurs pays »
            if doc[k].lower_ in self.context["locative"]:
                return not self._seat_of_power(doc, k)
            if doc[k].is_punct or doc[k].pos_ in ("VERB", "AUX"):
                return False
        return False

    def _address(self, doc: Doc, comma: int, start: int) -> bool:
        """Is the comma at ``comma`` that of an address after a locative or an institution, the name
        at ``start`` ending it: "in Shenyang, China.", "the University of Cambridge, UK." (not "in
        Berlin, the UK said")?"""
        end = start + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end < len(doc) and not doc[end].is_punct:
            return False
        i = comma - 1
        while i >= 0 and doc[i].is_title and doc[i].ent_type_ in ("GPE", "LOC", "FAC"):
            i -= 1
        if i < comma - 1 and i >= 0 and doc[i].lower_ in self.context["locative"]:
            return True
        # an institution's address: "research by the University of Cambridge, UK."
        institutions = self.context["org_name_words"].get("other", ())
        i = comma - 1
        while i >= 0 and doc[i].ent_type_ in ("ORG", "FAC") and doc[i].ent_iob_ == "I":
            i -= 1
        named = doc[i:comma] if i >= 0 and doc[i].ent_type_ in ("ORG", "FAC") else ()
        return any(t.lower_ in institutions for t in named)

    def _in_a_list(self, doc: Doc, start: int, before: str) -> bool:
        """Is the name at ``start`` a list member: the last one ("and Z") or followed by another?
        ("in Berlin, the UK said" is no list.)"""
        if before != ",":
            return True
        end = next((i for i in range(start, min(len(doc), start + 6)) if not doc[i].is_title), len(doc))
        return end < len(doc) and doc[end].lower_ in self.context["list_words"]

    def _is_forum(self, doc: Doc, start: int, end: int) -> bool:
        """Is doc[start:end] a legislature before which someone speaks, a forum rather than an
        actor: "testified before the Senate", « devant le Sénat américain »?"""
        i = start - 1
        while i >= 0 and doc[i].lower_ in self.context["determiners"]:
            i -= 1
        forum = self.context["forum_nouns"]
        return (
            i >= 0
            and doc[i].lower_ in self.context["forum_preps"]
            and any(t.lower_ in forum for t in doc[start:end])
        )

    def _seat_of_power(self, doc: Doc, locative: int) -> bool:
        """Does an institution named by its seat come before the locative at ``locative``?"""
        i = locative - 1
        while i >= 0 and i > locative - 4 and doc[i].lower_ in self.context["seat_bridge"]:
            i -= 1
        return i >= 0 and doc[i].lower_ in self.context["seat_nouns"]

    def _list_member_is_place(
        self, doc: Doc, conjunction: int, states: dict, depth: int, default: bool
    ) -> bool:
        """Is the list member that ends before ``conjunction`` a place (then so is the next one)?
        Over a serial comma: "in Japan, Brazil, and Canada"."""
        previous_end = conjunction
        if conjunction > 1 and doc[conjunction - 1].text == "," and doc[conjunction].text != ",":
            previous_end -= 1
        if previous_end in states:
            start = states[previous_end]
            while start > 0 and doc[start].ent_iob_ == "I" and doc[start].ent_type_ in PLACE_LABELS:
                start -= 1  # "South America" holds an alias of a state: the place's whole name
            return self._place_by_left_context(doc, start, states, depth + 1)
        before = doc[previous_end - 1] if previous_end > 0 else None
        if before is not None and before.ent_type_ in PLACE_LABELS and before.is_title:
            # a place that is no state: "targets in Europe, Asia and the US"
            start = before.i
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            return self._place_by_left_context(doc, start, states, depth + 1)
        return default

    def _inside_other_name(self, doc: Doc, start: int, end: int, entity_at: list) -> bool:
        """Is doc[start:end] (a state's name) part of a longer proper name that is not the state's
        institution: "Air India", "the South China Morning Post"?"""
        entity = entity_at[start]
        if entity is None or entity != entity_at[end - 1]:
            return False
        ent_start, ent_end = entity
        if ent_start == start and ent_end == end:
            return False
        nouns = self.context["body_nouns"]
        if _possessive_of_a_name(
            doc, ent_start, start, end, ent_end, nouns, self.context["institution_nouns"]
        ):
            return True  # "the Voice of America's website": the longer name's possessive
        extra = [doc[i] for i in range(ent_start, ent_end) if not start <= i < end]
        if any(t.lower_ in nouns or t.lower_ in ("'s", "’s", ",", "and", "et", "&") for t in extra):
            return False
        if end < ent_end and doc[end].lower_ in ("'s", "’s"):
            return False
        determiners = self.context["determiners"]
        return any((t.is_title or t.is_upper) and t.lower_ not in determiners and t.is_alpha for t in extra)

    def _modifier_head(self, doc: Doc, end: int) -> Token | None:
        """The noun an acronym modifies ("U.S. [defense] report" -> report), or None when the acronym
        stands alone ("the US said", "UK and Germany"). Needs part-of-speech tags; a person's name
        ends the run ("U.S. Ambassador Yuri Kim" -> Ambassador)."""
        if not doc.has_annotation("POS"):
            return None
        head = None
        for token in doc[end : end + 4]:
            participle = (
                (token.tag_ == "VBN" or token.dep_ == "amod")
                and token.i + 1 < len(doc)
                and doc[token.i + 1].pos_ == "NOUN"
            )
            if not token.is_alpha or token.pos_ not in ("NOUN", "PROPN", "ADJ") and not participle:
                break  # ("U.S. cleared defense contractors": a participle as an adjective)
            if token.ent_type_ in PERSON_LABELS or token.lower_ in ("and", "or", "of"):
                break
            if token.ent_type_ in TIME_LABELS:
                break  # "the UK today exposed": a time, not what the acronym describes
            if token.pos_ != "ADJ" and not participle:
                head = token
        return head

    def _origin_of(self, doc: Doc, end: int) -> bool:
        """Is a state's full name (ending at ``end``) a compound before a noun that is not one of
        its bodies: "New Zealand organisations", "United States elections" (parsed: needs the
        dependency labels)?"""
        if not doc.has_annotation("DEP") or end >= len(doc):
            return False
        last = doc[end - 1]
        head = last.head
        if last.dep_ != "compound" or head.i < end or head.pos_ != "NOUN":
            return False
        words = {t.lower_ for t in doc[end : head.i + 1]}
        heads = set(self.context.get("acronym_heads", ())) | set(self.context["body_nouns"])
        return not words & (heads | set(self.context.get("actor_heads", ())))  # (not "Russia groups")

    def _in_the_background(self, doc: Doc, start: int) -> bool:
        """Is the state at ``start`` only invaded or supported (``background_phrases`` right before
        it, over determiners: "Russia's invasion of Ukraine", "organisations supporting Ukraine",
        « une aide à l'Ukraine »), or the other party of a dispute ("a dispute of the country with
        Russia", « des désaccords du pays avec la Russie »: ``dispute_nouns``, on the parse)? The
        story's background, not an actor in it."""
        if self._disputed_with(doc[start]):
            return True
        i = start
        while i > 0 and doc[i - 1].lower_ in self.context["determiners"]:
            i -= 1
        for phrase in self.background_by_last.get(doc[i - 1].lower_, ()) if i > 0 else ():
            n = len(phrase)
            if i >= n and [t.lower_ for t in doc[i - n : i]] == phrase:
                return True
        return False

    def _disputed_with(self, token) -> bool:
        """Is the name what a dispute noun has "with" (« avec »): the other party of a dispute?"""
        nouns = self.context.get("dispute_nouns", ())
        withs = self.context.get("with_words", ())
        if not nouns or not token.doc.has_annotation("DEP"):
            return False
        if token.dep_ == "pobj" and token.head.lower_ in withs:
            return token.head.head.lower_ in nouns  # (English: the preposition heads the name)
        marked = any(c.dep_ == "case" and c.lower_ in withs for c in token.children)
        return marked and token.head.lower_ in nouns  # (UD: « avec » hangs on the name)

    def _description(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """The token range of "<institution> <adjective>" or "<adjective> <institution>", if any."""
        nouns, skip = self.context["institution_nouns"], self.context["modifier_skip"]
        # 'an actor of Russian origin', « d'origine russe »: where it comes from names the state too
        provenance = self.context.get("provenance_nouns", ())
        nouns = (*nouns, *provenance)
        # 'Russian cyber actors', « des acteurs de la cybermenace russes »: a noun that is a state's
        # only with a word between ('Russian actors' may be anyone's)
        qualified = self.context.get("qualified_institution_nouns", ())
        listed = self.context["list_words"]  # "the American and British governments"
        # after the adjective (English order: "Chinese government", "Iranian state-linked actors")
        i = end
        # a list member ("American and | British governments") is its adjective alone
        crossed = start > 1 and doc[start - 1].lower_ in listed and doc[start - 2].is_title
        reach = end + 4
        while i < len(doc) and i < reach and doc[i].text not in SENTENCE_END:
            word = doc[i].lower_
            if word in ("(", ")") or (word in skip and doc[i].is_upper):
                reach += 1  # "Iranian advanced persistent threat (APT) actors": the words' acronym
            if word in nouns or (word in qualified and i > end):
                if word in provenance and (i > end or self._a_person_s_origin(doc, start)):
                    # "an Estonian of Russian origin": where he comes from; « Estonien d'origine »:
                    # a nationality noun, of some origin
                    return None
                # (over a list: the adjective alone, its neighbour has its own span)
                return (start, end) if crossed else (start, i + 1)
            crossed = crossed or word in listed
            if word not in skip and word not in listed and not doc[i].is_title:
                break
            i += 1
        # before the adjective (French order: "gouvernement chinois", « les gouvernements américain
        # et britannique »: over the list to the noun)
        i = start - 1
        # (« américain | et britannique »: another adjective follows the list word)
        crossed = end + 1 < len(doc) and doc[end].lower_ in listed and doc[end + 1].pos_ == "ADJ"
        while i >= 0 and i > start - 6 and doc[i].text not in SENTENCE_END:
            word = doc[i].lower_
            if word in nouns or (word in qualified and i < start - 1):
                if word in provenance and self._a_person_s_origin(doc, i):
                    return None  # « un Estonien d'origine russe »
                return (start, end) if crossed else (i, end)
            if word in listed:
                if i == 0 or doc[i - 1].pos_ != "ADJ":
                    break  # "the ministries and French companies": the list joins nouns, not adjectives
                crossed = True
            elif word not in skip and not (crossed and doc[i].pos_ == "ADJ"):
                break
            i -= 1
        return None

    def _a_person_s_origin(self, doc: Doc, phrase: int) -> bool:
        """Does the origin phrase starting at ``phrase`` ("Russian origin", « origine russe »)
        follow "of" and a person: a nationality ("an Estonian of", « un Estonien d' ») or a word
        for a person ("a citizen of", « un ressortissant américain d' »)?"""
        i = phrase - 1
        if i < 1 or doc[i].lower_ not in self.context["of_words"]:
            return False
        person = doc[i - 1]
        if person.pos_ == "ADJ" and i >= 2:
            person = doc[i - 2]  # « un ressortissant américain d'origine chinoise »
        if person.lower_ in self.context.get("person_nouns", ()):
            return True
        return person.is_title and not person.is_sent_start and person.pos_ in ("NOUN", "PROPN", "ADJ")


def _possessive_of_a_name(doc: Doc, ent_start: int, start: int, end: int, ent_end: int, *nouns) -> bool:
    """Does the entity end with a possessive right after the state's name, which "of" joins to
    a capitalised word that is none of the state's bodies ("the Voice of America's website"; not
    "the Government of Canada's website")?"""
    if end != ent_end - 1 or doc[end].lower_ not in ("'s", "’s") or start - 2 < ent_start:
        return False
    word = doc[start - 2]
    return (
        doc[start - 1].lower_ == "of" and word.is_title and not any(word.lower_ in words for words in nouns)
    )
