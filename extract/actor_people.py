"""People as actors (used by ``actor_linker``): who speaks or acts in a cyber story, and for which state.

A person found by the NER is an actor when
- a title introduces it ("le porte-parole Zhao Lijiang", "Foreign Secretary Dominic Raab",
  "security researcher Jane Roe", "<Name>, director of ...", "un porte-parole du ministère,
  <Name>,"), or
- it is a near miss of a known person ("Anthony Blinken" -> ANTONY_BLINKEN), or
- it speaks in a cyber sentence with no title at all ("John Smith said the hackers were
  Iranian", "selon Marie Curval", "according to ...").

A person the gazetteer lacks gets id = upper-case name and is added to ``doc._.new_actors`` with
the state read in the title ("U.S. Ambassador X", "X, the Chinese ambassador to the United States":
the country a diplomat is posted to, after ``host_preps``, is not the state). A person with a state
title ("minister", "porte-parole") whose title names no state speaks for the state of the text's
other titled speakers, else of its dateline ("OTTAWA –"), else of its publisher (``doc._.publisher``), when
exactly one state is found. A company's spokesperson does
not speak for the company's state: staff named with their company ("SentinelOne researchers X",
"Y, analyste chez Sekoia") are its voice, and the company is the actor (its founders and chief
executives are people in their own right). Later surnames ("said
Hua") link to the person named in full; a surname alone that only one known person bears names
him ("Biden said", not "the Obama administration"). A legislator ("United States Senator from
Virginia, X", « le sénateur X ») speaks for himself: no state from his title, and the state in the
title is no actor. A transcript's speaker label ("MR. BOSSERT:") names the person the title or text
names in full with that surname.

The state read in a title is ``extract.actor_titles``'s (``TitleRules``), a transcript's speaker
labels ``extract.actor_transcripts``'s (``TranscriptRules``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from extract.actor_lists import (
    listed_people,
    person_runs,
    unnamed_list_heads,
    unnamed_list_tails,
    widened_name,
)
from extract.actor_officers import service_officer
from extract.actor_ruler import doc_ents, entity_index
from extract.gazetteer import normalize
from extract.records import Actor

PERSON_LABELS = {"PERSON", "PER"}
FUZZY_PERSON = 0.86  # similarity above which a name is a misspelling of a known person
LIST_REACH = 6  # list members and appositions between a name and the noun a verb governs
LIST_DEPS = ("conj", "appos", "flat", "flat:name", "compound")  # a name's links up its list
INTRO_WORDS = 4  # lower-case words between a noun that introduces a person and the name
NAME_WORDS = 3  # words of a name the NER missed after a noun that introduces a person
LISTED_ACCUSED = 3  # names in a list after a charge or a sanction that are its accused


def actor_id_for(name: str) -> str:
    """The id of an actor the gazetteer lacks: its name upper-cased, accents dropped, words joined by _."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    # a name in another script keeps its letters ("СЕРГЕЙ_ДЕТИСТОВ"): never an empty id
    return re.sub(r"[^A-Z0-9]+", "_", ascii_name.upper()).strip("_") or re.sub(
        r"\W+", "_", name.upper()
    ).strip("_")


def _up_the_list(name: Span) -> list[Token]:
    """The name's root and the words above it along its list or apposition, nearest first."""
    node = name.root
    chain = [node]
    for _ in range(LIST_REACH):
        if node.dep_ not in LIST_DEPS or node.head.i == node.i:
            break
        node = node.head
        chain.append(node)
    return chain


class PeopleRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.gazetteer`` and its caches."""

    def _people(self, doc, mentions, new_actors) -> list[tuple[Span, str]]:
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        out: list[tuple[Span, str]] = []
        officials: list[str] = []
        entities = self._person_entities(doc)
        listed_ok = self._listed_with_accused(doc, entities, mentions)
        honorifics = self.context.get("speaker_honorifics", ())  # « M. », « Mme »: no part of the name
        for ent in entities:
            start, end = self._person_bounds(doc, ent, honorifics)
            if end - start < 1 or any(i in taken for i in range(start, end)):
                continue
            if start > 1 and doc[start - 1].text == "(" and doc[start - 2].i + 1 in {s.end for s, _ in out}:
                continue  # "Sergey Detistov (Сергей Детистов)": the name again in its own script
            name = doc[start:end].text
            known = self.known_person(name)
            if known is None and end - start == 1 and not self._names_a_body(doc, start):
                known = self.last_names.get(name)  # "Putin accepted no responsibility": a known surname
            titled = self._title_country(doc, start, end, mentions)
            if (
                known is None
                and titled is None
                and not self._speaks_in_cyber_story(doc, start, end)
                and not self._accused_subject(doc[start:end])
                # "sanctioned X", « a inculpé X »; "X and Y are officers of the FSB"
                and not self._measure_target(doc[start:end], linked_naming=True)
                and not self._member_subject(doc[start:end], mentions)
                and not self._listed_defendant(doc[start:end])
                and ent.start not in listed_ok
                # "GRU officers X and Y deployed malware", « les officiers du GRU X et Y »
                and not service_officer(doc, start, entities, mentions, self.context, self.gazetteer)
            ):
                continue
            if known is None:
                found = self._new_person(name, end - start, titled, officials, new_actors)
                if found is None:
                    continue
                actor_id, role = found
            else:
                actor_id, role = known, "person"
            taken.update(range(start, end))
            out.append((Span(doc, start, end, label="person", kb_id=actor_id), role))
        if officials:
            self._officials_state(doc, mentions, out, officials, new_actors)
        return out

    def _person_bounds(self, doc: Doc, ent: Span, honorifics) -> tuple[int, int]:
        """The words of the person's name in the entity: no punctuation, title, honorific or
        post-nominal, and the name's first words where the NER cut them off."""
        start, end = ent.start, ent.end
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        while start < end and (doc[start].lower_ in self.title_words or doc[start].text in honorifics):
            start += 1
        while end > start and doc[end - 1].lower_ in self.context.get("post_nominals", ()):
            end -= 1  # 'the Hon Jane Roe MP'
        if end > start:  # "Valeryevich Ochichenko" for ", Artem Valeryevich Ochichenko"
            start, end = widened_name(doc, start, end, self.title_words, self.context["list_words"])
        return start, end

    def _new_person(
        self, name: str, words: int, titled, officials: list[str], new_actors
    ) -> tuple[str, str] | None:
        """(id, role) of a person the gazetteer lacks, added to ``new_actors`` with the state its
        title names (``titled``: what ``_title_country`` read); None when it is no new person."""
        if words < 2:  # a lone surname is too thin to be a new person
            return None
        if titled and titled[1] is None and titled[2] is not None:
            return None  # "SentinelOne researchers X", "analyste chez Sekoia": the company speaks
        actor_id = self.new_id(name, "person")
        country = titled[0] if titled else None
        official = bool(titled) and country is None and titled[1] is not None
        if official:
            officials.append(actor_id)  # a state title that names no state (yet)
        new_actors.setdefault(
            actor_id,
            Actor(
                id=actor_id,
                name=name,
                kind="person",
                country=country,
                aliases=(name,),
                source="discovered",
            ),
        )
        # "official": speaks for a state, which may not be known (then never in its own name)
        return actor_id, "official" if official else "person"

    def _listed_with_accused(self, doc: Doc, entities: list[Span], mentions) -> set[int]:
        """The starts of the person names listed beside an accused one ("charging seven nationals,
        X, Y, Z and W, for their roles": the parser hangs only some of them on the verb)."""
        runs = person_runs(doc, entities, self.context["list_words"])
        cues = self.context.get("strong_perpetrator")
        bodies = {i for span, _ in mentions if span.label_ != "person" for i in range(span.start, span.end)}
        accused = {
            start
            for start, run in runs.items()
            if start == run[0].start
            and (
                any(
                    self._accused_subject(name)
                    or self._measure_target(name, linked_naming=True)
                    or self._listed_defendant(name)
                    for name in run
                )
                # (a list of three names or more after a charge or a sanction in its sentence,
                # none of them an organisation the gazetteer knows: 'visé Lockheed Martin, X et Y')
                or len(run) >= LISTED_ACCUSED
                and cues is not None
                and not any(i in bodies for name in run for i in range(name.start, name.end))
                and any(cues.match(t.text) for t in doc[run[0].sent.start : run[0].start])
            )
        }
        return {member.start for start in accused for member in runs[start]}

    def _member_subject(self, name: Span, mentions) -> bool:
        """Is the name (or the list it is in) the subject of a membership or a role in a threat
        group, a service or a company the text names ("X and Y are officers of the FSB and members
        of the Callisto Group", "X, Y and Z hold senior roles in Evil Corp", « X et Y sont des
        officiers du FSB »)?"""
        nouns = self.context.get("member_role_nouns", ())
        node = _up_the_list(name)[-1]
        if not nouns or node.dep_ not in ("nsubj", "nsubjpass", "nsubj:pass"):
            return False
        head = node.head
        roles = [head] if head.lower_ in nouns else []  # (UD: the predicate noun heads the clause)
        roles += [c for c in head.children if c.lower_ in nouns and c.dep_ in ("attr", "dobj", "obj", "oprd")]
        bodies = {
            i
            for span, _ in mentions
            if span.label_ in ("group", "agency", "company")
            for i in range(span.start, span.end)
        }
        # a body after the role word in its clause (the parser may hang 'in Evil Corp.' on the verb)
        return any(t.i in bodies for role in roles for t in head.subtree if t.i > role.i)

    def _listed_defendant(self, name: Span) -> bool:
        """Is the name set beside a word for the accused of a case ("The defendants, X, Y and Z,
        worked for ...", « les prévenus, X et Y, ... »)? Such a word names a charge by itself."""
        nouns = self.context.get("defendant_nouns", ())
        return any(node.lower_ in nouns for node in _up_the_list(name)[1:])

    def _accused_subject(self, name: Span) -> bool:
        """Is the name (or the noun or name it is listed with) the subject of a verb of
        attribution or of a cyber act ("say X and Y hacked into their victims' computers", "the
        three nationals — identified as X, Y and Z — are accused of carrying out computer
        intrusions")? The small models miss the titles such texts leave out."""
        cues, cyber = self.context.get("strong_perpetrator"), self.context.get("cyber")
        if cues is None or cyber is None:
            return False
        naming = self.context.get("naming_verbs", ())
        node = name.root
        chain = [node]
        for _ in range(LIST_REACH):  # up a list, an apposition, 'identified as', to the governed noun
            listed = node.dep_ in LIST_DEPS
            named_as = (
                node.lower_ == "as"
                or node.head.lower_ == "as"
                or node.dep_ == "acl"
                and node.lower_ in naming
            )
            if not (listed or named_as) or node.head.i == node.i:
                break
            node = node.head
            chain.append(node)
        # 'information on X and Y, who hacked into U.S. networks': the relative clause's verb
        listed = chain + [c for n in chain for c in n.subtree if c.dep_ == "conj" and c.head in chain + [n]]
        relatives = [c for n in listed for c in n.children if c.dep_ in ("relcl", "acl:relcl")]
        if any(cues.match(verb.text) or cyber.match(verb.text) for verb in relatives):
            return True
        if node.dep_ not in ("nsubj", "nsubjpass", "nsubj:pass"):
            return False
        verb = node.head
        return bool(cues.match(verb.text) or cyber.match(verb.text))

    def _person_entities(self, doc: Doc) -> list[Span]:
        """The NER's persons, and the names it missed right after a noun that introduces a person
        ("Russian national Aleksandr Ermakov", « le ressortissant russe Alexandre Ermakov »: the
        small models miss unfamiliar names most where sanctions and indictments name them)."""
        ents = doc_ents(doc)
        people = [ent for ent in ents if ent.label_ in PERSON_LABELS]
        # 'Gu Chunhui, Huang Zhenyu, Sun Kailiang': a listed name the NER took for a place
        people += listed_people(
            doc, ents, people, self.context["list_words"], self.org_name_words, self.title_words
        )
        people += unnamed_list_heads(
            doc, people, self.context["list_words"], self.title_words, self.org_name_words
        )
        people += unnamed_list_tails(
            doc, people, self.context["list_words"], self.title_words, self.org_name_words
        )
        intros = {get_string_id(word) for word in self.context.get("name_intros", ())}
        # (the words' string ids against the tokens' LOWER ids: no Token made for every word)
        found = [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in intros]
        # (not a name the NER already made a person; an organisation it took the name for may be one)
        in_entity = {k for ent in people for k in range(ent.start, ent.end)} if found else set()
        for i in found:
            start = i + 1
            while (
                start < len(doc)
                and start - i <= INTRO_WORDS
                and doc[start].pos_ in ("ADJ", "NOUN", "CCONJ")
                and doc[start].is_lower
            ):
                start += 1  # « ressortissant russe », 'citizen and cyber criminal'

            end = start
            while end < len(doc) and end - start < NAME_WORDS and doc[end].is_title and doc[end].is_alpha:
                end += 1
            if end - start >= 2 and not any(k in in_entity for k in range(start, end)):
                people.append(Span(doc, start, end, label="PERSON"))
            before = self._name_before_apposition(doc, i)  # 'X, a Russian national'
            if before is not None and not any(k in in_entity for k in range(*before)):
                people.append(Span(doc, *before, label="PERSON"))
        return sorted(people, key=lambda span: span.start)

    def _name_before_apposition(self, doc: Doc, intro: int) -> tuple[int, int] | None:
        """The name before an apposition the intro noun at ``intro`` opens: 'Aleksandr Ermakov, a
        Russian national', « Alexandre Ermakov, un ressortissant russe » (the NER may take such a
        name for an organisation); None when there is none."""
        k = intro - 1
        while k > 0 and intro - k <= INTRO_WORDS and (doc[k].pos_ == "ADJ" or doc[k].ent_type_ == "NORP"):
            k -= 1  # 'a Russian'
        if k < 3 or doc[k].lower_ not in self.context["articles"] or doc[k - 1].text != ",":
            return None
        end = start = k - 1
        while start > 0 and end - start < NAME_WORDS and doc[start - 1].is_title and doc[start - 1].is_alpha:
            start -= 1
        return (start, end) if end - start >= 2 else None

    def _in_a_thing_s_name(self, doc: Doc, i: int, entity: tuple[int, int] | None) -> bool:
        """Is the surname at ``i`` part of the longer name of something the NER does not call a
        person, with another capitalised word in it: "Trump Tower", "the Obama Foundation", « la
        Fondation Obama », or a compound of the capitalised noun after it ("the Obama Library")?"""
        after = doc[i + 1] if i + 1 < len(doc) else None
        if (
            after is not None
            and doc[i].dep_ == "compound"
            and doc[i].head == after
            and after.is_title
            and after.pos_ in ("NOUN", "PROPN")
            and after.ent_type_ not in PERSON_LABELS
            and after.lower_ not in self.title_words
        ):
            return True  # "the Obama Library", which the NER may not see as a name
        if entity is None or entity[1] - entity[0] < 2 or doc[i].ent_type_ in PERSON_LABELS:
            return False
        determiners = self.context["determiners"]
        return any(
            t.i != i and t.is_title and t.is_alpha and t.lower_ not in determiners
            for t in doc[entity[0] : entity[1]]
        )

    def _names_a_body(self, doc: Doc, i: int) -> bool:
        """Does the surname at ``i`` only name a body after its head: "the Obama administration",
        « l'administration Obama »?"""
        bodies = self.context["body_nouns"]
        after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        before = doc[i - 1].lower_ if i > 0 else ""
        return doc[i].dep_ == "compound" or after in bodies or before in bodies

    def _known_person(self, name: str) -> str | None:
        """The known person ``name`` spells, exactly or with a near miss (the closest, first listed)."""
        key = normalize(name)
        exact = self.person_by_key.get(key)
        if exact is not None or " " not in key:
            return exact
        # aliases within 3 characters of the length, in the gazetteer's order; the cheap upper
        # bounds of the ratio drop those that cannot reach FUZZY_PERSON before the full ratio
        candidates = sorted(
            entry
            for length in range(len(key) - 3, len(key) + 4)
            for entry in self.people_by_length.get(length, ())
        )
        matcher = difflib.SequenceMatcher(None, b=key)  # analyses the name once for every alias
        best, best_id = 0.0, None
        for _, alias_key, actor_id in candidates:
            matcher.set_seq1(alias_key)
            if matcher.real_quick_ratio() < FUZZY_PERSON or matcher.quick_ratio() < FUZZY_PERSON:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, best_id = ratio, actor_id
        return best_id if best >= FUZZY_PERSON else None

    def _titled_surnames(self, doc, orths, mentions) -> list[tuple[Span, str]]:
        """A known person named by office and surname: "Prime Minister Rutte", "Secretary Blinken"."""
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        state_titles, titles = self.context["state_titles"], self.context["titles"]
        out = []
        if self.last_name_ids.isdisjoint(orths):
            return out  # no known last name in the text (the common case)
        for i in range(1, len(doc)):
            if orths[i] not in self.last_name_ids:
                continue  # not a known last name: self.last_names.get(token.text) would be None
            token = doc[i]
            if token.i in taken or not token.is_title or doc[token.i - 1].lower_ not in titles:
                continue
            actor_id = self.last_names.get(token.text)
            if actor_id is None:
                continue
            out.append((Span(doc, token.i, token.i + 1, label="person", kb_id=actor_id), "person"))
            country = self.gazetteer.get(actor_id).country
            title = token.i - 1
            while title > 0 and doc[title - 1].lower_ in titles:
                title -= 1
            if country and doc[token.i - 1].lower_ in state_titles | titles and title not in taken:
                out.append((Span(doc, title, token.i, label="state", kb_id=country), "office"))
            taken.add(token.i)
        return out

    def _full_names_again(self, doc, mentions, lowers: list[int], taken: set[int]) -> list[tuple[Span, str]]:
        """A new person's full name written again, whatever the NER makes of it there ("link
        Aleksandr Ermakov to the compromise", tagged as an organisation the second time)."""
        names = {
            tuple(lowers[span.start : span.end]): span.kb_id_
            for span, _ in mentions
            if span.label_ == "person" and span.kb_id_ not in self.gazetteer.actors and len(span) > 1
        }
        out: list[tuple[Span, str]] = []
        firsts = {name[0] for name in names}
        for i in (i for i, key in enumerate(lowers) if key in firsts):
            for name, actor_id in names.items():
                end = i + len(name)
                if tuple(lowers[i:end]) == name and not any(k in taken for k in range(i, end)):
                    out.append((Span(doc, i, end, label="person", kb_id=actor_id), "surname"))
        return out

    def _surnames(self, doc, mentions) -> list[tuple[Span, str]]:
        """Later (or earlier) surnames of a person the text names in full: "said Hua", "Mr. Li"."""
        people = {span.kb_id_ for span, role in mentions if span.label_ == "person"}
        if not people:
            return []
        surnames: dict[str, str] = {}
        for span, _ in mentions:
            if span.label_ != "person":
                continue
            for short in self.gazetteer.short_names.get(span.kb_id_, ()):
                surnames.setdefault(short.lower(), span.kb_id_)
            if span.kb_id_ not in self.gazetteer.actors and len(span) > 1:
                surnames.setdefault(span[-1].lower_, span.kb_id_)
        for span, _ in mentions:  # a family name written first ("Park Jin Hyok ... Park said")
            if span.label_ == "person" and span.kb_id_ not in self.gazetteer.actors and len(span) > 2:
                surnames.setdefault(span[0].lower_, span.kb_id_)
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        lowers = doc.to_array(LOWER).tolist()
        out = self._full_names_again(doc, mentions, lowers, taken)
        taken.update(i for span, _ in out for i in range(span.start, span.end))
        # only the tokens spelling one of the surnames (in lower case) can be one
        surname_ids = {get_string_id(name) for name in surnames}
        entity_at = None
        for token in (doc[i] for i, key in enumerate(lowers) if key in surname_ids):
            if token.i in taken or not token.is_title:
                continue
            entity_at = entity_at or entity_index(doc)
            if self._in_a_thing_s_name(doc, token.i, entity_at[token.i]):
                continue  # "Trump Tower", « la Fondation Obama »: a building's, a body's name
            actor_id = surnames.get(token.lower_)
            if actor_id is not None:
                out.append((Span(doc, token.i, token.i + 1, label="person", kb_id=actor_id), "surname"))
        return out
