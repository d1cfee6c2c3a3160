"""spaCy components that find actors: ``actor_ruler`` (gazetteer matches, ``extract.actor_ruler``)
and ``actor_linker`` (this module; its rules by idea in ``extract.actor_agencies``,
``extract.actor_places``, ``extract.actor_people``, ``extract.actor_orgs``,
``extract.actor_partners`` and ``extract.actor_anaphora``).

``actor_linker`` (config ``lang``) writes ``doc.spans["actors"]``: one span per actor mention,
``span.kb_id_`` = canonical actor id, ``span.label_`` = actor kind, ``span.text`` = the words the
text used. Its rules:

- case: an acronym alias must match its case ("US", not "us"); a proper name must be capitalised;
- capitals are metonyms for their state ("Pékin accuse" -> CHN) except where the text uses them, or
  a state's name, as places (``extract.actor_places``: after a locative, along a list a locative
  opens, "Moscow-based", in a dateline). Places give no mention; they are kept in
  ``doc.spans["actor_places"]`` for readers of territory ("based in Iran"). A state's name inside
  another name ("Air India") or inside a cyber agency's own name ("Australian Cyber Security
  Centre") is no mention of the state;
- a nationality adjective is a mention of its state only as part of a description of the state's
  institutions ("le gouvernement chinois", "Chinese authorities", "the U.S. government"); the span
  covers the description. "Russian hackers" or "ressortissants chinois" name an origin: no mention;
- a bare acronym of a state or union before a noun ("U.S. officials", "UK government", "EU
  sanctions") is a mention only when that head noun is in ``acronym_heads`` (the state acting,
  accusing, sanctioning); "U.S. companies" or "UK individuals" are an origin: no mention;
- people (``extract.actor_people``): a person found by the NER is an actor when a title
  introduces it, when it is a near miss of a known person, or when it speaks in a cyber sentence;
  a person the gazetteer lacks is added to ``doc._.new_actors`` with the state read in its title
  (or, for a minister or spokesperson whose title names none, the state of the text's other
  people of state, dateline or publisher); later surnames link to the person named in full;
- a name several agencies share ("the NCSC") names the one the text qualifies elsewhere; an
  agency that only qualifies another ("Department of Homeland Security Cybersecurity and
  Infrastructure Security Agency", "the NCSC, a part of GCHQ") is no mention;
- people and international bodies are kept only where they take part in the cyber story; a body
  whose members are meant ("all United Nations Member States"), that its members belong to ("as
  part of the G20") or that ends the name of one of its bodies (« le Centre d'excellence ... de
  l'OTAN ») takes no part there, nor a state that is only where a company is ("the central bank
  of Bangladesh"), nor a body named only as the author of a document the reader is sent to
  ("please see the Department of the Treasury press release");
- a state or an international body named only as someone's partner ("in partnership with the EU,
  the UK and Canada", "allies, including France", "Canada and its allies") in a sentence that
  tells no attribution (no cyber word with a perpetrator cue) is no mention there
  (``extract.actor_partners``);
- a company's name right before one of its products ("Microsoft Windows-based systems", "the
  Google Play Store") names the product: no mention;
- light coreference (``extract.actor_anaphora``): "the company", "le groupe", "the hackers"
  link to an earlier actor of a compatible kind;
- organisations the gazetteer lacks are discovered from a descriptor (``extract.actor_orgs``:
  "the public broadcaster RTV", "Netwatch Labs, a cybersecurity firm"); a company named only as
  the source of a group's nickname ("called Elfin by Symantec") is no actor there;
- a text of at least ``MIN_STORY_TOKENS`` tokens without any cyber word (``cyber_terms`` in the
  context file) tells no cyber story: it has no actor mentions (annotation rule of the devset);
- so does a longer cyber text that names nobody behind an operation: no threat group or offensive
  service, no attribution word (``perpetrator_cues``: "accused", "behind", « imputé »), and no
  generic perpetrator word (``generic_perpetrator_cues``: "cyber actors", "state-sponsored",
  "responsible for", « rôle », « parrainées », a denial) with a named actor in its phrase or as its
  subject ("North Korean state-sponsored cyber actors", "the GRU is responsible for", "Russia
  denies"): "malicious cyber actors are seeking", « comportement responsable des États » name nobody;
- a threat group's name that is an ordinary word ("Elfin", "Snake", "Cobalt": kept out of the
  gazetteer's matches) names the group only where the text says so, capitalised: "a group dubbed
  Elfin", "known as Callisto", "the Elfin group", « le groupe baptisé Elfin »
  (``extract.actor_guarded``); "Cobalt prices", "Snake River", "the malware, codenamed Snake" do not;
- threat-group shapes the gazetteer lacks (APT99, UNC1234, Storm-9999, "Crimson Typhoon") become
  discovered ``group`` actors.

Extensions: ``Span._.actor_kind``, ``Span._.actor_country``, ``Span._.actor_role`` (``name``,
``capital``, ``description``, ``office`` (the state of a person's title), ``person``,
``official`` (a person with a state title, whose state ``actor_country`` may be unknown: such a
person speaks for a state, never in its own name), ``anaphor``, ``surname``, ``discovered``,
``speaker_label`` (a transcript's "MR. X:", the person the title names in full)) and
``Doc._.new_actors`` (list of ``extract.records.Actor``, read from ``Doc._.new_actor_data``: plain
dicts, which survive ``nlp.pipe(n_process=...)``; an Actor object would not).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from extract.actor_affiliations import without_affiliations, without_envoy_states
from extract.actor_agencies import AgencyRules
from extract.actor_anaphora import AnaphoraRules
from extract.actor_background import without_background_states
from extract.actor_campaigns import with_campaigns
from extract.actor_exercises import without_exercises
from extract.actor_group_names import DescribedGroupRules, quoted_group_pattern
from extract.actor_guarded import (
    GuardedNameRules,
    guarded_first_words,
    guarded_names,
    guarded_pattern,
    names_malware,
    operation_names,
)
from extract.actor_measured import MeasuredOrgRules
from extract.actor_naming_sources import without_nickname_sources
from extract.actor_negation import without_negated
from extract.actor_orgs import OrgRules
from extract.actor_partners import PartnerRules
from extract.actor_people import PeopleRules, actor_id_for
from extract.actor_places import PlaceRules, entity_index, names_an_instrument
from extract.actor_products import names_a_maker, patches_a_flaw
from extract.actor_referrals import without_referrals
from extract.actor_responsibility import ResponsibilityRules
from extract.actor_ruler import CANDIDATES_KEY, CJK, doc_text
from extract.actor_sources import without_name_sources
from extract.actor_speakers import SpeakerRules
from extract.actor_story import StoryRules, in_a_plot
from extract.actor_victims import VictimRules
from extract.gazetteer import (
    Alias,
    Gazetteer,
    case_mode,
    load_gazetteer,
    normalize,
    text_matches_case,
)
from extract.records import Actor

ACTORS_KEY = "actors"
PLACES_KEY = "actor_places"  # states named as places ("based in Iran"), for readers of territory
CONTEXT_FILE = Path(__file__).resolve().parent / "patterns" / "actor_context.json"
SENTENCE_END = {".", "!", "?", ";", ":", "\n", "\n\n"}
PERSON_LABELS = {"PERSON", "PER"}
BODY_NAME_REACH = 8  # words between a body's organisation word and "of <international body>"
MIN_STORY_TOKENS = 60  # texts shorter than this are not checked for a cyber story


def _register_extensions() -> None:
    if not Doc.has_extension("new_actor_data"):
        Doc.set_extension("new_actor_data", default=None)
    if not Doc.has_extension("new_actors"):
        Doc.set_extension("new_actors", getter=_new_actors)
    if not Span.has_extension("actor_role"):
        Span.set_extension("actor_role", default=None)
    if not Span.has_extension("actor_kind"):
        Span.set_extension("actor_kind", getter=lambda span: span.label_ or None)
    if not Span.has_extension("actor_country"):
        Span.set_extension("actor_country", getter=_span_country)


def _new_actors(doc: Doc) -> list[Actor]:
    return [Actor(**{**data, "aliases": tuple(data["aliases"])}) for data in doc._.new_actor_data or []]


def _span_country(span: Span) -> str | None:
    actor = load_gazetteer().get(span.kb_id_)
    if actor is None:
        for new in span.doc._.new_actors or []:
            if new.id == span.kb_id_:
                return new.country
        return None
    return actor.country


_register_extensions()


@functools.cache
def load_context(lang: str) -> dict:
    """The context lexicon of a language (``xx`` reads Spanish and English words too)."""
    data = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    if lang in data:
        base = data[lang]
    else:
        base = {}
        for source in ("es", "en"):
            for key, value in data[source].items():
                if isinstance(value, list):
                    base.setdefault(key, []).extend(value)
                else:
                    merged = base.setdefault(key, {})
                    for sub, words in value.items():
                        merged.setdefault(sub, []).extend(words)
    context = {key: set(value) if isinstance(value, list) else value for key, value in base.items()}
    context["group_shapes"] = [re.compile(p) for p in data["group_shapes"]]
    context["any_group_shape"] = _any_of(data["group_shapes"])
    # word-initial for alphabetic terms ("apt" but not "adapt"); anywhere for CJK ones
    words = "|".join(re.escape(t) for t in data["cyber_terms"] if not CJK.search(t))
    signs = "|".join(re.escape(t) for t in data["cyber_terms"] if CJK.search(t))
    context["cyber"] = re.compile(rf"(?<![^\W\d_])(?:{words})|{signs}", re.IGNORECASE)
    context["weak_cyber"] = frozenset(data.get("weak_cyber_terms", ()))
    if lang in data and base.get("perpetrator_cues"):
        generic = base.get("generic_perpetrator_cues", [])
        context["perpetrator"] = _cue_pattern(base["perpetrator_cues"] + generic)  # any cue
        context["strong_perpetrator"] = _cue_pattern(base["perpetrator_cues"])
        context["generic_perpetrator"] = _cue_pattern(generic) if generic else None
        context["quoted_group"] = quoted_group_pattern(context)
        agents = base.get("agent_cues")
        context["agent"] = _cue_pattern(agents) if agents else None
        incidents = base.get("incident_cues")
        context["incident"] = _cue_pattern(incidents) if incidents else None
    threats = base.get("threat_words")
    context["threat"] = (
        re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, threats))})", re.I) if threats else None
    )
    headings = base.get("signatory_headings")
    context["signatory_heading"] = (
        re.compile(rf"^\s*(?:{'|'.join(map(re.escape, headings))})\s*:\s*$", re.I | re.M)
        if headings
        else None
    )
    story = "|".join(re.escape(t) for t in data["story_terms"])
    context["story"] = re.compile(rf"(?<![^\W\d_])(?:{story})", re.IGNORECASE)
    return context


def _cue_pattern(cues: list[str]) -> re.Pattern:
    """Cues matched at word beginnings, also after a "cyber" prefix (« cybersanctions »,
    "cyberespionage"); a space in a cue matches any spacing."""
    words = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in cues)
    return re.compile(rf"(?:(?<![^\W\d_])|(?<=cyber)|(?<=cyber-))(?:{words})", re.IGNORECASE)


def _any_of(patterns: list[str]) -> re.Pattern | None:
    """One pattern that matches somewhere exactly when one of ``patterns`` does: a text without a
    match is ruled out in one scan instead of one per pattern. None when the patterns cannot be
    joined safely (numbered or named back-references, inline flags)."""
    if any(re.search(r"\\[1-9]|\(\?P|\(\?[aiLmsux]", p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


# ---------------------------------------------------------------------------------------------
# actor_linker


class ActorLinker(
    AgencyRules,
    AnaphoraRules,
    DescribedGroupRules,
    GuardedNameRules,
    MeasuredOrgRules,
    OrgRules,
    PartnerRules,
    PeopleRules,
    PlaceRules,
    ResponsibilityRules,
    SpeakerRules,
    StoryRules,
    VictimRules,
):
    """Turns candidates and NER people into ``doc.spans["actors"]`` with one canonical id each."""

    def __init__(self, nlp: Language, name: str, lang: str, gazetteer: Gazetteer | None = None):
        self.lang = lang
        self.gazetteer = gazetteer or load_gazetteer()
        self.context = load_context(lang)
        self.people = [
            (normalize(alias.text), alias.actor_id)
            for alias in self.gazetteer.aliases
            if self.gazetteer.actors[alias.actor_id].kind == "person" and not CJK.search(alias.text)
        ]
        # last word of each known person's name, when only one person has it
        last_names: dict[str, set[str]] = {}
        for alias in self.gazetteer.aliases:
            if self.gazetteer.actors[alias.actor_id].kind == "person" and " " in alias.text:
                last_names.setdefault(alias.text.split()[-1], set()).add(alias.actor_id)
        self.last_names = {name: ids.pop() for name, ids in last_names.items() if len(ids) == 1}
        # exact keys first (the first alias listed wins), and the rest by length for the fuzzy match
        self.person_by_key: dict[str, str] = {}
        self.people_by_length: dict[int, list[tuple[int, str, str]]] = {}
        for n, (alias_key, actor_id) in enumerate(self.people):
            self.person_by_key.setdefault(alias_key, actor_id)
            self.people_by_length.setdefault(len(alias_key), []).append((n, alias_key, actor_id))
        self.title_words = self.context["titles"] | self.context["title_bridge"]
        self.org_name_words = {word for words in self.context["org_name_words"].values() for word in words}
        self.background_phrases = [
            [t.lower_ for t in nlp.make_doc(phrase)] for phrase in self.context.get("background_phrases", ())
        ]
        self.background_by_last: dict[str, list[list[str]]] = {}  # the phrases by their last word
        for phrase in filter(None, self.background_phrases):
            self.background_by_last.setdefault(phrase[-1], []).append(phrase)
        # a person's voice or act, which may be what a verb acts on ('rejected the accusations of X')
        self.voice_nouns = self.context.get("voice_nouns", set()) | self.context["titles"]
        # the gazetteer does not change once loaded: remember its answers
        self.lookup = functools.lru_cache(maxsize=16384)(self.gazetteer.lookup)
        self.resolve = functools.lru_cache(maxsize=16384)(self.gazetteer.resolve)
        self.rank = functools.lru_cache(maxsize=None)(self.gazetteer.rank)
        self.known_person = functools.lru_cache(maxsize=16384)(self._known_person)
        self.matches_case = functools.lru_cache(maxsize=16384)(text_matches_case)
        self.case_mode = functools.lru_cache(maxsize=16384)(case_mode)
        self.last_name_ids = {get_string_id(name) for name in self.last_names}  # as a token's ORTH
        # group names that are ordinary words, matched where the text says they name a group
        # (the galaxy's group names are English: 'Equation Group')
        heads = self.group_heads = set(self.context.get("actor_heads", ())) | set(
            load_context("en")["actor_heads"]
        )
        self.guarded = guarded_names(self.gazetteer, heads)
        self.guarded_any = guarded_pattern(self.guarded)
        self.guarded_first = guarded_first_words(self.guarded)
        self.naming_links = sorted(
            (link.split() for link in self.context.get("naming_links", ())), key=len, reverse=True
        )
        self._init_anaphora(nlp)

    def new_id(self, name: str, kind: str) -> str:
        """The id of an actor the gazetteer lacks, named ``name``: ``actor_id_for(name)``, unless a
        gazetteer actor already has that id (« Cobalt, une société minière » is no threat group
        Cobalt): then the kind is added ('COBALT_COMPANY'), and a number if that is taken too. A
        discovered actor never takes the id of another actor."""
        base = actor_id_for(name)
        if base not in self.gazetteer.actors:
            return base
        candidate, n = f"{base}_{kind.upper()}", 2
        while candidate in self.gazetteer.actors:
            candidate, n = f"{base}_{kind.upper()}_{n}", n + 1
        return candidate

    # -- entry point -------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        new_actors: dict[str, Actor] = {}
        mentions: list[tuple[Span, str]] = []  # (span with kb_id and label, role)
        text = doc_text(doc)
        judged = len(doc) >= MIN_STORY_TOKENS  # short snippets may be one sentence of a story
        if judged and not self._cyber_text(doc, text):
            # a news text with no cyber story: nobody plays a role in one (a poisoning, a trade
            # dispute)
            return _no_actors(doc)
        orths = doc.to_array(ORTH).tolist()  # each token's text as a string id, to find words by
        places: list[Span] = []
        for span, role in self._gazetteer_mentions(doc, text, places, new_actors):
            mentions.append((span, role))
        mentions.extend(self._discovered_groups(doc, text, mentions, new_actors))
        mentions.extend(self._guarded_groups(doc, text, mentions))
        mentions.extend(self._described_groups(doc, mentions, new_actors))  # 'the Trickbot cybercrime group'
        mentions = self._quoted_groups(doc, text, mentions, new_actors)  # 'a group called "X"'
        mentions.extend(self._responsibility_claimers(doc, text, mentions, new_actors))  # 'X claimed it'
        if judged and not self._has_perpetrator(doc, text, mentions):
            # a cyber text with nobody behind an operation (norms, advice, a bulletin's front
            # matter) tells no story with actors
            return _no_actors(doc)
        mentions, long_names = self._acronym_names(doc, text, mentions, new_actors)
        mentions.extend(long_names)
        mentions.extend(self._organisations(doc, text, mentions, new_actors))
        mentions.extend(self._measured_orgs(doc, text, mentions, new_actors))  # 'sanctioned X'
        mentions.extend(self._publisher_committee(doc, mentions))  # 'the Committee' of its report
        mentions.extend(self._parliaments(doc, mentions, new_actors))
        mentions = self._titled_labels(doc, text, mentions)  # "FOREIGN MINISTER JANE DOE: ..."
        mentions.extend(self._people(doc, mentions, new_actors))
        mentions.extend(self._transcript_speakers(doc, text, mentions, new_actors))
        mentions.extend(self._transcript_states(doc, text, mentions))  # "MR. X: ... we ..."
        mentions.extend(self._communique_authors(doc, text))  # "G7 Leaders' Communiqué": "We ..."
        mentions.extend(self._record_speakers(doc, text, mentions, new_actors))
        mentions.extend(self._office_states(doc, mentions))
        mentions.extend(self._titled_surnames(doc, orths, mentions))
        mentions.extend(self._surnames(doc, mentions))
        mentions = with_campaigns(self, doc, mentions, new_actors)  # "the Trump campaign"
        mentions.extend(self._anaphora(doc, text, orths, mentions))
        legislators = self._legislator_states(doc, mentions)
        if legislators:
            mentions = [(s, r) for s, r in mentions if s.label_ != "state" or s.start not in legislators]
        mentions = [(s, r) for s, r in mentions if not self._reference_only(doc, s)]
        # "professor X of Y University", "the director of the NSA"
        mentions = without_affiliations(mentions, self.context, self.gazetteer.offensive)
        mentions = without_envoy_states(mentions, self.context)  # "I met the ambassador of X"
        mentions = without_negated(mentions, self.context)  # "never infiltrated the systems of X"
        mentions = without_referrals(mentions, self.context)  # "I'd refer you to the FBI"
        mentions = without_exercises(
            mentions, self.context, self.gazetteer.offensive
        )  # « lance un exercice »
        mentions = self._without_partners(doc, text, mentions)
        mentions = self._in_the_story(doc, text, mentions)
        mentions = without_background_states(self, doc, text, mentions)  # "troops deployed to Russia"
        lowered = text.lower()
        if any(noun in lowered for noun in self.context.get("plot_nouns", ())):
            mentions = [(s, r) for s, r in mentions if not in_a_plot(s, self.context)]  # a film's plot
        operations = operation_names(doc, mentions, self.context)  # "GhostNet is an operation"
        if operations:
            mentions = [
                (s, r) for s, r in mentions if s.label_ != "group" or s.text.lower() not in operations
            ]
        words = self.context
        mentions = without_nickname_sources(
            doc,
            mentions,
            words["naming_words"],
            words["by_words"],
            words["channel_preps"],
            words["org_descriptors"],
            words.get("told_words", ()),
            words.get("nickname_verbs", ()),
        )
        mentions = without_name_sources(mentions, self.context)  # "the name comes from what X uses"
        mentions.extend(self._organ_states(doc, mentions))  # "the Justice Department charged": the US
        mentions.sort(key=lambda item: (item[0].start, item[0].end))
        spans = []
        for span, role in mentions:
            span._.actor_role = role
            spans.append(span)
        doc.spans[ACTORS_KEY] = spans
        doc.spans[PLACES_KEY] = places
        # an actor found and then left out of the story is no new actor of the KB either
        named = {span.kb_id_ for span in spans}
        doc._.new_actor_data = [
            {**vars(a), "aliases": list(a.aliases)} for a in new_actors.values() if a.id in named
        ]
        return doc

    def _cyber_text(self, doc: Doc, text: str) -> bool:
        """Does the text, or its title, say something of cyber ('UK exposes Russian cyber
        campaign' over a text that says 'campaign' and names the National Cyber Security Centre)?"""
        cyber, weak = self.context["cyber"], self.context["weak_cyber"]
        # (the internet, a website or an e-mail alone tell no cyber story: « l'utilisation de l'Internet »)
        if any(
            match.group().lower() not in weak and _says_cyber(doc, match) for match in cyber.finditer(text)
        ):
            return True
        title = doc._.get("title") if doc.has_extension("title") else None
        return bool(title and cyber.search(title))

    # -- gazetteer candidates ----------------------------------------------------------------

    def _gazetteer_mentions(
        self, doc: Doc, doc_text: str, places: list[Span], new_actors: dict[str, Actor]
    ) -> list[tuple[Span, str]]:
        """Mentions from the ruler's candidates; states named as places are added to ``places``;
        agencies the gazetteer lacks (a shared name of a country none of its owners is of) are
        added to ``new_actors``."""
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

    def _mention_for(
        self, doc: Doc, start: int, end: int, alias: Alias, text: str, context: tuple
    ) -> tuple[Span, str] | None:
        """The mention an alias match makes (``text`` = doc[start:end].text), or None.
        ``context`` = (state candidates by end, entity of each token, the list of places found)."""
        actor = self.gazetteer.actors[alias.actor_id]
        states, entity_at, places = context
        if alias.role == "demonym":
            described = self._description(doc, start, end)
            if described is None and actor.kind == "state":  # "attacks on the Ukrainian banking sector"
                described = self._victim_phrase(doc, start, end)
            if described is None or self._is_forum(doc, *described):
                return None
            if actor.kind == "intergov" and self._plural_bodies(doc, start, end, described):
                return None  # "European ministries", « les gouvernements européens »: its members'
            return Span(doc, described[0], described[1], label=actor.kind, kb_id=actor.id), "description"
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
        if actor.kind == "state" and _bracketed_after_other_name(doc, start, end, states):
            return None  # "the UN 1718 Sanctions Committee (DPRK)": what that name is about
        if actor.kind == "state" and self._in_the_background(doc, start):
            return None  # "Russia's invasion of Ukraine", « une aide à l'Ukraine »: the background
        if actor.kind == "state" and self._of_an_organisation(doc, start):
            return None  # "Bangladesh Bank, the central bank of Bangladesh": where the bank is
        if actor.kind == "intergov" and self._place_by_left_context(doc, start, {}, depth=0):
            return None  # "negotiated in the United Nations", "at NATO": where, not who
        if actor.kind == "intergov" and self._in_a_body_name(doc, start):
            return None  # « le Centre d'excellence de cyberdéfense coopérative de l'OTAN »: its body
        if actor.kind == "intergov" and self._its_members(doc, start, end):
            return None  # "all United Nations Member States", « les États membres des Nations unies »
        if actor.kind == "company" and (
            self._names_product(doc, start, end)
            or names_a_maker(doc, start, end, self.context)
            or patches_a_flaw(doc, start, end, self.context)
        ):
            return None  # "Microsoft Windows-based systems", "Fortinet software", "patched by X": a product's
        if actor.kind == "group" and self._in_company_name(doc, end):
            return None  # "Sandworm Pictures", "Fancy Bear Labs": another organisation's name
        if actor.kind == "group" and names_malware(doc, start, end, self.context):
            return None  # "the deployment of Ryuk ransomware", « la souche NetWalker »: the malware
        if actor.kind == "company" and self._names_medium(doc, start, end):
            return None  # "the Facebook profile of", « la page Facebook de »: where, not who
        if actor.kind == "agency" and end < len(doc) and doc[end].is_title:
            if doc[end].lower_ in self.context.get("committee_words", ()):
                return None  # 'the Senate Homeland Security Committee' is no Department of Homeland Security
            if doc[end].lower_ in self.context.get("adviser_words", ()):
                return None  # 'Homeland Security Advisor X' holds a White House post, not the department's
        if actor.kind in ("state", "other") and self._is_forum(doc, start, end):
            places.append(Span(doc, start, end, label=actor.kind, kb_id=actor.id))
            return None  # "testified before the U.S. Congress"
        if actor.kind in ("state", "intergov") and self.case_mode(alias.text) == "exact":
            head = self._modifier_head(doc, end)
            # ('DPRK cyber actors', as 'North Korean cyber actors': a word between names the state's)
            qualified = (
                head is not None
                and head.i > end
                and head.lower_ in self.context.get("qualified_institution_nouns", ())
            )
            acting = head is None or qualified or head.lower_ in self.context.get("acronym_heads", ())
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

    def _reference_only(self, doc: Doc, span: Span) -> bool:
        """Is the span only the author of a document the reader is sent to: "please see the
        Department of the Treasury press release", « voir le communiqué du Trésor »?"""
        see, documents = self.context.get("see_words", ()), self.context.get("document_nouns", ())
        if not see or span.label_ in ("state", "person", "group"):
            return False
        words = [t.lower_ for t in doc[max(0, span.start - 5) : span.start]]
        seen = next((k for k, word in enumerate(words) if word in see), None)
        if seen is None:
            return False
        # the document after the author ("the Treasury press release") or before it (« le
        # communiqué du Trésor »)
        after = doc[span.end : span.end + 3]
        return any(w in documents for w in words[seen + 1 :]) or any(t.lower_ in documents for t in after)

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

    # -- discovered threat groups ------------------------------------------------------------

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


def _no_actors(doc: Doc) -> Doc:
    doc.spans[ACTORS_KEY] = []
    doc.spans[PLACES_KEY] = []
    doc._.new_actor_data = []
    return doc


@Language.factory("actor_linker", default_config={"lang": "xx"})
def make_actor_linker(nlp: Language, name: str, lang: str) -> ActorLinker:
    return ActorLinker(nlp, name, lang)


def _says_cyber(doc: Doc, match: re.Match) -> bool:
    """Does a cyber term found in the text say something of cyber (not only in a name)?"""
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    return span is None or not in_capitalised_name(span[0])


def in_capitalised_name(token: Token) -> bool:
    """Is the word part of a capitalised name in mid-sentence ("the Internet Research Agency", a
    troll farm), where a cyber term says nothing of a cyber story? (A sentence's or a heading's
    first word is capitalised anyway.)"""
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.is_title and not token.is_sent_start and after is not None and after.is_title


def _bracketed_after_other_name(doc: Doc, start: int, end: int, states: dict[int, int]) -> bool:
    """Is the state's acronym in brackets right after a capitalised name that is not the state's
    own ('the 1718 Sanctions Committee (DPRK)'; not "the People's Republic of China (PRC)")?"""
    if start < 2 or end >= len(doc) or doc[start - 1].text != "(" or doc[end].text != ")":
        return False
    before = doc[start - 2]
    return start - 1 not in states and before.is_alpha and before.is_title
