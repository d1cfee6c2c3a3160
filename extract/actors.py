"""spaCy components that find actors: ``actor_ruler`` (gazetteer matches, ``extract.actor_ruler``)
and ``actor_linker`` (this module; the ruler's candidates read in ``extract.actor_candidates``, the
context lexicon in ``extract.actor_context``, its rules by idea in ``extract.actor_agencies``,
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
- people (``extract.actor_people``; titles in ``extract.actor_titles``, a transcript's labels in
  ``extract.actor_transcripts``): a person found by the NER is an actor when a title introduces
  it, when it is a near miss of a known person, or when it speaks in a cyber sentence;
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
  discovered ``group`` actors (``extract.actor_group_shapes``).

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
import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from extract.actor_affiliations import without_affiliations, without_envoy_states, without_units
from extract.actor_agencies import AgencyRules
from extract.actor_anaphora import AnaphoraRules
from extract.actor_background import without_background_states
from extract.actor_biographies import without_former_posts
from extract.actor_campaigns import with_campaigns
from extract.actor_candidates import CandidateRules
from extract.actor_clauses import in_a_plot
from extract.actor_comparisons import without_comparisons
from extract.actor_context import load_context
from extract.actor_counters import without_administrators, without_counters
from extract.actor_exercises import without_exercises
from extract.actor_foundings import without_founded
from extract.actor_group_names import DescribedGroupRules
from extract.actor_group_shapes import GroupShapeRules
from extract.actor_guarded import (
    GuardedNameRules,
    guarded_first_words,
    guarded_names,
    guarded_pattern,
    operation_names,
)
from extract.actor_measured import MeasuredOrgRules
from extract.actor_naming_sources import without_nickname_sources
from extract.actor_negation import without_negated
from extract.actor_nominations import without_nominated
from extract.actor_orgs import OrgRules
from extract.actor_parliaments import ParliamentRules
from extract.actor_partners import PartnerRules
from extract.actor_people import PeopleRules, actor_id_for
from extract.actor_places import PlaceRules
from extract.actor_questions import without_questioned
from extract.actor_referrals import without_referrals
from extract.actor_responsibility import ResponsibilityRules
from extract.actor_ruler import CJK, doc_text, has_any_word
from extract.actor_sources import without_group_asides, without_name_sources, without_venues
from extract.actor_speakers import SpeakerRules
from extract.actor_story import StoryRules
from extract.actor_titles import TitleRules
from extract.actor_transcripts import TranscriptRules
from extract.actor_victims import VictimRules
from extract.gazetteer import (
    Gazetteer,
    case_mode,
    load_gazetteer,
    normalize,
    text_matches_case,
)
from extract.records import Actor
from extract.sentences import index_sentences

ACTORS_KEY = "actors"
PLACES_KEY = "actor_places"  # states named as places ("based in Iran"), for readers of territory
SENTENCE_END = {".", "!", "?", ";", ":", "\n", "\n\n"}
PERSON_LABELS = {"PERSON", "PER"}
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


# ---------------------------------------------------------------------------------------------
# actor_linker


class ActorLinker(
    CandidateRules,
    GroupShapeRules,
    AgencyRules,
    AnaphoraRules,
    DescribedGroupRules,
    GuardedNameRules,
    MeasuredOrgRules,
    OrgRules,
    ParliamentRules,
    PartnerRules,
    PeopleRules,
    TitleRules,
    TranscriptRules,
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
        index_sentences(doc)  # the sentences found once: the rules ask for a mention's many times
        text = doc_text(doc)
        judged = len(doc) >= MIN_STORY_TOKENS  # short snippets may be one sentence of a story
        if judged and not self._cyber_text(doc, text):
            # a news text with no cyber story: nobody plays a role in one (a poisoning, a trade
            # dispute)
            return _no_actors(doc)
        orths = doc.to_array(ORTH).tolist()  # each token's text as a string id, to find words by
        places: list[Span] = []
        mentions = self._named_actors(doc, text, places, new_actors)
        if judged and not self._has_perpetrator(doc, text, mentions):
            # a cyber text with nobody behind an operation (norms, advice, a bulletin's front
            # matter) tells no story with actors
            return _no_actors(doc)
        mentions = self._organisation_mentions(doc, text, mentions, new_actors)
        mentions = self._people_mentions(doc, text, orths, mentions, new_actors)
        mentions = self._in_the_cyber_story(doc, text, mentions)
        mentions.extend(self._organ_states(doc, mentions))  # "the Justice Department charged": the US
        return self._with_spans(doc, mentions, places, new_actors)

    # -- the steps of __call__, in their order ------------------------------------------------

    def _named_actors(self, doc: Doc, text: str, places: list[Span], new_actors) -> list[tuple[Span, str]]:
        """The gazetteer's actors, and the threat groups named by their shape, a guarded word, a
        descriptor, quotation marks or a claim of responsibility."""
        mentions: list[tuple[Span, str]] = []  # (span with kb_id and label, role)
        for span, role in self._gazetteer_mentions(doc, text, places, new_actors):
            mentions.append((span, role))
        mentions.extend(self._discovered_groups(doc, text, mentions, new_actors))
        mentions.extend(self._guarded_groups(doc, text, mentions))
        mentions.extend(self._described_groups(doc, mentions, new_actors))  # 'the Trickbot cybercrime group'
        mentions = self._quoted_groups(doc, text, mentions, new_actors)  # 'a group called "X"'
        mentions.extend(self._responsibility_claimers(doc, text, mentions, new_actors))  # 'X claimed it'
        return mentions

    def _organisation_mentions(self, doc: Doc, text: str, mentions, new_actors) -> list[tuple[Span, str]]:
        """Organisations the gazetteer lacks (an official name before its acronym, a descriptor, a
        measure aimed at them), a report's committee and parliaments, added to ``mentions``."""
        mentions, long_names = self._acronym_names(doc, text, mentions, new_actors)
        mentions.extend(long_names)
        mentions.extend(self._organisations(doc, text, mentions, new_actors))
        mentions.extend(self._measured_orgs(doc, text, mentions, new_actors))  # 'sanctioned X'
        mentions.extend(self._publisher_committee(doc, mentions))  # 'the Committee' of its report
        mentions.extend(self._parliaments(doc, mentions, new_actors))
        return mentions

    def _people_mentions(self, doc: Doc, text: str, orths, mentions, new_actors) -> list[tuple[Span, str]]:
        """People (titled, found by the NER, a transcript's speakers), the states of their offices,
        their surnames, campaigns and anaphora, added to ``mentions``."""
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
        return mentions

    def _in_the_cyber_story(self, doc: Doc, text: str, mentions) -> list[tuple[Span, str]]:
        """``mentions`` without those that take no part in the cyber story: a legislator's state,
        a document's author, an affiliation, an envoy's state, a negated victim, a referral, an
        exercise, a partner, the background, a film's plot, an operation's name, a nickname's
        source."""
        legislators = self._legislator_states(doc, mentions)
        if legislators:
            mentions = [(s, r) for s, r in mentions if s.label_ != "state" or s.start not in legislators]
        if has_any_word(doc, self.context.get("see_words", ())):  # ("please see ...": the cheap test first)
            mentions = [(s, r) for s, r in mentions if not self._reference_only(doc, s)]
        # "professor X of Y University", "the director of the NSA"
        mentions = without_affiliations(mentions, self.context, self.gazetteer.offensive)
        mentions = without_envoy_states(mentions, self.context)  # "I met the ambassador of X"
        mentions = without_units(mentions)  # "the FBI's Cyber Behavioral Analysis Center"
        mentions = without_negated(mentions, self.context)  # "never infiltrated the systems of X"
        mentions = without_nominated(mentions, self.context)  # "confirm X as our Cyber Director"
        mentions = without_former_posts(mentions, self.context)  # "X was previously the NSA's director"
        mentions = without_founded(mentions, self.context)  # "decided to establish a new Working Group"
        mentions = without_referrals(mentions, self.context)  # "I'd refer you to the FBI"
        mentions = without_questioned(mentions, self.context)  # "whether it has ties to Russia?"
        mentions = without_counters(mentions, self.context)  # "incidents recorded by the NCSC"
        mentions = without_administrators(mentions, self.context)  # "RFJ, administered by the DSS"
        mentions = without_comparisons(mentions, self.context)  # "reminiscent of the toolset of X"
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
        mentions = without_group_asides(mentions)  # "Lazarus (behind the attack on X in 2014)"
        return without_venues(mentions, self.context)  # "an op-ed in The Daily Courier"

    def _with_spans(self, doc: Doc, mentions, places: list[Span], new_actors) -> Doc:
        """``doc`` with its actor spans (by position), its places and the new actors named."""
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
