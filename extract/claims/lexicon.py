"""A language's cue words and word lists, read from ``extract/lexicons/<lang>.json``.

The cues (``cues``: accuse, blame, "responsible for", deny, "groundless") and the word lists the
readers look for: speech verbs, operation nouns, victim markers, hedges. Everything
language-specific lives in the JSON files; this module only checks and indexes them (the
lexicon directory's other files are read in ``lexicon_files``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from extract.claims.cues import Cue, read_cues
from extract.claims.inflection import expand
from extract.claims.lexicon_files import (
    incident_name_keys,
    load_incident_names,
    load_state_organs,
    read_incident_names,
)
from extract.claims.lexicon_keys import INCIDENT_KEYS, LIST_KEYS, LOCATED_LISTS, OPTIONAL_LIST_KEYS
from extract.version import LEXICON_DIR  # the package's lexicons, or $KB_LEXICONS


@dataclass(frozen=True)
class Lexicon:
    """A language's cue words and word lists, read from ``extract/lexicons/<lang>.json``."""

    lang: str
    cue_forms: tuple[tuple[Cue, tuple[str, ...]], ...]  # every cue with its surface forms
    cues: dict[str, Cue]  # surface form (lower case) -> cue
    noun_cues: dict[str, Cue]  # accusation nouns, which may share a form with a verb ("charges")
    cue_kinds: dict[str, frozenset[str]]  # one-word form -> the kinds of all its cues
    attack_forms: frozenset[str]  # the verbs of cues whose passive subject is a victim: 'hacked', 'exploited'
    speech_verbs: frozenset[str]
    document_nouns: frozenset[str]
    source_markers: tuple[tuple[str, ...], ...]
    source_clause_marks: frozenset[str]
    join_verbs: frozenset[str]
    join_preps: frozenset[str]
    operation_nouns: frozenset[str]
    group_nouns: frozenset[str]
    victim_markers: frozenset[str]
    sponsored_markers: frozenset[str]
    territory_markers: frozenset[str]
    direct_markers: frozenset[str]
    hedges: frozenset[str]
    self_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    deny_objects: frozenset[str]
    cyber_prefixes: tuple[str, ...]
    cyber_words: frozenset[str]
    state_organ_words: frozenset[str]
    statement_words: frozenset[str]
    naming_words: frozenset[str]
    negations: frozenset[str]
    accusation_forms: frozenset[str]
    state_organ_ids: frozenset[str] = frozenset()
    # how the language's model labels dependencies (extract/lexicons/dependencies.json)
    dependency_scheme: str = "clearnlp"
    # prepositions by the role of the phrase they open ("agent": by / par)
    prepositions: dict[str, frozenset[str]] = field(default_factory=dict)
    passive_participle_endings: tuple[str, ...] = ()  # 'accusée': a participle read as passive
    incident_words: frozenset[str] = frozenset()  # 'responsible for the incident'
    name_connectors: frozenset[str] = frozenset()  # words inside a target's name: 'for', 'and', "'s"
    # fixed cyber terms of several words: 'denial of service' is an operation, never a denial
    cyber_phrases: tuple[tuple[str, ...], ...] = ()
    # words before a partner named inside a claimant's phrase: 'CISA, together with the NCSC, ...'
    partner_phrases: tuple[tuple[str, ...], ...] = ()
    # form of a sponsorship predicate -> the prepositions of its sponsor ('working' -> for, under)
    sponsor_preps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # optional word lists (OPTIONAL_LIST_KEYS)
    authoring_verbs: frozenset[str] = frozenset()  # 'co-authored this alert', 'a rédigé cet avis'
    authored_nouns: frozenset[str] = frozenset()  # documents that have authors: advisory, avis
    joint_work_nouns: frozenset[str] = frozenset()  # 'the result of efforts by X': whose work it is
    intro_words: frozenset[str] = frozenset()  # 'made the following statement:', 'la déclaration suivante'
    operation_verbs: frozenset[str] = frozenset()  # their subject runs the operation: 'uses', 'recourt à'
    work_nouns: frozenset[str] = frozenset()  # 'responsible for the development of X': X is what is meant
    support_nouns: frozenset[str] = frozenset()  # 'in support of the EU': whom an act supports, no author
    sharing_verbs: frozenset[str] = frozenset()  # 'X is sharing its assessment that': X says what follows
    attempt_nouns: frozenset[str] = frozenset()  # 'an effort to hack': the verb after it is what was done
    qualified_operation_nouns: frozenset[str] = frozenset()  # operations only with a cyber word: campaign
    author_references: frozenset[str] = frozenset()  # 'the authoring agencies assess': the document's authors
    list_joiners: frozenset[str] = frozenset()  # 'and', « et »: the word before the last name of a list
    stance_verbs: frozenset[str] = frozenset()  # 'voiced concern over X': the subject's stance on X
    concern_nouns: frozenset[str] = frozenset()  # 'shares the concerns regarding X': a stance shared
    opinion_nouns: frozenset[str] = frozenset()  # 'it is the assessment of X that ...': X says it
    collective_nouns: frozenset[str] = frozenset()  # 'charges against a conspiracy of GRU officers'
    exposure_verbs: frozenset[str] = frozenset()  # 'subjected to cyber espionage by X': X did it
    agent_nouns: frozenset[str] = frozenset()  # « de la part de X »: X did the operation
    defensive_words: frozenset[str] = frozenset()  # 'recovery activities': the defenders' operations
    author_designations: frozenset[str] = frozenset()  # '(hereafter the authoring agencies)'
    nationality_nouns: frozenset[str] = frozenset()  # 'nationals of the PRC': no accusation of the PRC
    definite_determiners: frozenset[str] = frozenset()  # 'the', 'this', 'cet': a known document
    support_verbs: frozenset[str] = frozenset()  # 'supports the US statement attributing ...'
    network_nouns: frozenset[str] = frozenset()  # cyber words, but not 'a network linked to <person>'
    question_marks: frozenset[str] = frozenset()  # 'whether', « si »: an indirect yes/no question
    copula_forms: frozenset[str] = frozenset()  # « sont » hung on « le fait » as an auxiliary is its copula
    accusation_verbs: frozenset[str] = frozenset()  # 'the US made accusations': its subject accuses
    government_nouns: frozenset[str] = frozenset()  # 'the administration', said by its official
    question_openers: frozenset[str] = frozenset()  # 'Does ... ?', « Est-ce que ... ? »: a yes/no question
    question_suffixes: tuple[str, ...] = ()  # « La Russie est-elle ... ? »: an inverted pronoun asks
    evidence_nouns: frozenset[str] = frozenset()  # 'found no evidence that X was involved': not said
    belief_phrases: frozenset[str] = frozenset()  # 'X is confident (that)', « X est d'avis que »
    purpose_marks: frozenset[str] = frozenset()  # 'to', « pour », « afin »: a clause of purpose
    dative_pronouns: frozenset[str] = frozenset()  # « lui », « leur »: a clitic dative ('to him')
    victim_verbs: frozenset[str] = frozenset()  # 'hit', « visé »: their object is a victim (no cue)
    attacker_labels: frozenset[str] = frozenset()  # 'hacker', « pirate »: what calling someone accuses
    subject_negations: frozenset[str] = frozenset()  # 'neither', « ni »: a subject that negates its verb
    negative_subjects: frozenset[str] = frozenset()  # 'nothing suggests', « rien n'indique »
    evidence_verbs: frozenset[str] = (
        frozenset()
    )  # what 'nothing' does when it negates: 'suggests', « indique »
    obligation_modals: frozenset[str] = frozenset()  # 'should not conduct': a norm, not a denial
    demonstratives: frozenset[str] = frozenset()  # 'this attack', « cette cyberattaque »: told before
    qualifiers: frozenset[str] = (
        frozenset()
    )  # 'malicious actions': qualify an operation noun like a cyber word
    source_bodies: frozenset[str] = frozenset()  # a grand jury, investigators: act for the source
    former_words: frozenset[str] = frozenset()  # 'ex-GCHQ engineer', 'former NSA contractor'
    aspirant_words: frozenset[str] = frozenset()  # 'presidential nominee', « la candidate »: no office yet
    content_marks: frozenset[str] = frozenset()  # 'allegations that ...': what the accusation says
    culprit_nouns: frozenset[str] = frozenset()  # 'identified X as the perpetrator': who did it
    charge_nouns: frozenset[str] = frozenset()  # 'the allegations were not true': only these are denied so
    group_pronouns: frozenset[str] = frozenset()  # 'it', 'they', 'il': may stand for the last threat group
    partner_list_nouns: frozenset[str] = frozenset()  # 'International partners include X, Y': more authors
    partner_list_verbs: frozenset[str] = frozenset()
    head_titles: frozenset[str] = frozenset()  # 'Director-General X': speaks for the publishing agency
    member_nouns: frozenset[str] = frozenset()  # 'six officials | in the IRGC-CEC': the body they belong to
    person_pronouns: frozenset[str] = frozenset()  # '"...," he said': the person named just before speaks
    opening_source_markers: frozenset[str] = frozenset()  # « Pour Washington, ... »: whose view it is
    conduct_verbs: frozenset[str] = frozenset()  # 'conducted', « mené »: their object is an operation
    inclusion_words: frozenset[str] = frozenset()  # « des entreprises, dont X et Y »: a list's members
    use_nouns: frozenset[str] = frozenset()  # 'the DPRK's use of cyber activities': its owner operates
    instrument_nouns: frozenset[str] = frozenset()  # 'by means of cyber attacks', « au moyen de »
    response_nouns: frozenset[str] = frozenset()  # 'expelled diplomats in retaliation for the hack'
    time_words: frozenset[str] = frozenset()  # « a accusé jeudi la Chine »: no object
    mission_nouns: frozenset[str] = frozenset()  # 'Iran's mission to the UN': Iran speaks
    threat_nouns: frozenset[str] = frozenset()  # operations only with an author after them or owning them
    possibility_nouns: frozenset[str] = frozenset()  # 'the potential for X to attack': no act told
    role_nouns: frozenset[str] = frozenset()  # 'as an employee of the GRU': whom someone acted for
    smear_nouns: frozenset[str] = frozenset()  # 'rejected these smears', « dénonce ces calomnies »: a denial
    listing_verbs: frozenset[str] = frozenset()  # 'Those targeted include X', « parmi ... figurent X »
    measure_words: frozenset[str] = frozenset()  # sanctions and charges a listing refers to
    reflexive_pronouns: frozenset[str] = frozenset()  # 'associates itself with': joins, does not link
    ally_nouns: frozenset[str] = frozenset()  # "Canada's allies attribute ...": the allies speak, not Canada
    hearsay_nouns: frozenset[str] = frozenset()  # 'the reports of an Iranian hack': nobody named says it
    joint_words: frozenset[str] = frozenset()  # 'United States-Japan Joint Statement': its states speak
    addressee_pronouns: frozenset[str] = frozenset()  # 'you accuse Russia': the one spoken to, no source
    company_nouns: frozenset[str] = frozenset()  # 'a Russian security firm said': the firm, not Russia
    attacker_nouns: frozenset[str] = frozenset()  # 'Russian government hackers installed': the state acts
    signatory_headings: frozenset[str] = frozenset()  # 'Signed by:' above a joint statement's signatories
    following_words: frozenset[str] = frozenset()  # 'The following countries join ...: A, B and C'
    # naming the incident a claim is about (optional keys; see the _about of en.json)
    incident_nouns: frozenset[str] = frozenset()
    incident_preps: frozenset[str] = frozenset()
    incident_modifiers: frozenset[str] = frozenset()
    incident_objects: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    incident_names: re.Pattern | None = None
    incident_name_keys: tuple[str, ...] | None = None  # the names in lower case, when all are ASCII
    # non-ASCII character -> may it match a character of a name, case-blind? (filled as met)
    name_char_matches: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    # string id of a lower-case word -> the LOCATED_LISTS holding it (filled as documents bring words)
    lists_by_id: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def kinds_of(self, word: str) -> frozenset[str]:
        """The kinds of the cues a (lower-case, one-word) form belongs to ('linked': verb, predicate)."""
        return self.cue_kinds.get(word, frozenset())

    def preps(self, role: str) -> frozenset[str]:
        """The prepositions that open a phrase of this role (see the ``prepositions`` of en.json)."""
        return self.prepositions.get(role, frozenset())

    def may_name_incident(self, sent_text: str) -> bool:
        """False when the well-known (ASCII) names cannot match: no character of the text outside
        ASCII can match one of theirs, and the text holds none of them in lower case (ASCII letters
        match case-blind exactly when their lower case forms are equal). Substring tests are much
        cheaper than the pattern."""
        keys = self.incident_name_keys
        if keys is None:
            return True
        if not sent_text.isascii() and any(
            self.may_match_a_name(char) for char in set(sent_text) if not char.isascii()
        ):
            return True
        lowered = sent_text.lower()
        return any(key in lowered for key in keys)

    def names_an_incident(self, text: str) -> bool:
        """Does the text name a well-known operation or malware (capitalised, not a common word)?"""
        if self.incident_names is None or not self.may_name_incident(text):
            return False
        return any(match.group()[:1].isupper() for match in self.incident_names.finditer(text))

    def may_match_a_name(self, char: str) -> bool:
        """May a (non-ASCII) character match a character of an incident name, case-blind? The
        regex engine answers, once per character: the Kelvin sign matches "k", "ſ" matches "s"."""
        found = self.name_char_matches.get(char)
        if found is None:
            name_chars = set("".join(self.incident_name_keys or ()))
            found = self.name_char_matches[char] = any(
                re.fullmatch(re.escape(name_char), char, re.IGNORECASE) for name_char in name_chars
            )
        return found

    @cached_property
    def doer_nouns(self) -> frozenset[str]:
        """Nouns for those who carry out attacks: a group ('the group') or attackers ('the hackers')."""
        return self.group_nouns | self.attacker_nouns

    @cached_property
    def source_marker_starts(self) -> frozenset[str]:
        """The first word of each source marker ("according" of "according to")."""
        return frozenset(marker[0] for marker in self.source_markers)

    def is_cyber_word(self, word: str) -> bool:
        return word in self.cyber_words or word.startswith(self.cyber_prefixes)

    @cached_property
    def lists_by_word(self) -> dict[str, tuple[str, ...]]:
        """Word -> the word lists of LOCATED_LISTS that hold it (but "cyber", which is by prefix too)."""
        found: dict[str, tuple[str, ...]] = {}
        for name in LOCATED_LISTS:
            if name != "cyber":
                for word in getattr(self, name):
                    found[word] = (*found.get(word, ()), name)
        return found

    def lists_of(self, word: str) -> tuple[str, ...]:
        """The LOCATED_LISTS that hold a lower-case word ("cyber": a cyber word)."""
        names = self.lists_by_word.get(word, ())
        return (*names, "cyber") if self.is_cyber_word(word) else names

    def locate(self, doc: Doc) -> dict[str, list[int]]:
        """Where the words of LOCATED_LISTS are in ``doc``: list name -> token indices, in order.

        It reads the tokens' lower-case string ids and makes no Token object: each distinct word
        is looked up in the lists once per process, and only the tokens of listed words are visited.
        """
        known = self.lists_by_id
        if len(known) > MAX_KNOWN_WORDS:
            known.clear()  # a bound on the memory of a very long run
        keys = doc.to_array(LOWER).tolist()
        distinct = set(keys)
        for key in distinct.difference(known):
            known[key] = self.lists_of(doc.vocab.strings[key])
        listed = {key for key in distinct if known[key]}
        found: dict[str, list[int]] = {}
        for i in [i for i, key in enumerate(keys) if key in listed]:
            for name in known[keys[i]]:
                found.setdefault(name, []).append(i)
        phrase_tokens = self.phrase_tokens(keys)
        if phrase_tokens:  # every word of 'denial of service' is a cyber word and an operation
            for name in ("cyber", "operation_nouns"):
                found[name] = sorted({*found.get(name, ()), *phrase_tokens})
        return found

    @cached_property
    def phrase_ids(self) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(get_string_id(word) for word in phrase) for phrase in self.cyber_phrases)

    @cached_property
    def partner_phrase_ids(self) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(get_string_id(word) for word in phrase) for phrase in self.partner_phrases)

    @cached_property
    def belief_keys(self) -> tuple[str, ...]:
        """The belief phrases as their words run together ("est d'avis" -> "estd'avis"): the
        parser splits « d'avis », « n'a » where the lexicon writes them whole."""
        return tuple(phrase.replace(" ", "").replace("’", "'") for phrase in sorted(self.belief_phrases))

    @cached_property
    def belief_keys_by_initial(self) -> dict[str, tuple[str, ...]]:
        """The belief keys by their first character, in ``belief_keys`` order: a word can start
        only the keys that start with its own first character."""
        found: dict[str, list[str]] = {}
        for key in self.belief_keys:
            found.setdefault(key[:1], []).append(key)
        return {initial: tuple(keys) for initial, keys in found.items()}

    @cached_property
    def phrase_first_ids(self) -> frozenset[int]:
        return frozenset(phrase[0] for phrase in self.phrase_ids)

    def phrase_tokens(self, keys: list[int]) -> set[int]:
        """The indices of the tokens inside a cyber phrase, from a doc's LOWER string ids."""
        # where each phrase's first word is, in one pass over the doc (not one pass per phrase)
        starts: dict[int, list[int]] = {}
        firsts = self.phrase_first_ids
        for i, key in enumerate(keys):
            if key in firsts:
                starts.setdefault(key, []).append(i)
        found: set[int] = set()
        for phrase in self.phrase_ids:
            n = len(phrase)
            for i in starts.get(phrase[0], ()):
                if tuple(keys[i : i + n]) == phrase:
                    found.update(range(i, i + n))
        return found


MAX_KNOWN_WORDS = 500_000


@cache
def load_lexicon(lang: str) -> Lexicon:
    """Read and check a language's lexicon; errors name the file and the entry."""
    path = LEXICON_DIR / f"{lang}.json"
    if not path.exists():
        available = sorted(p.stem for p in LEXICON_DIR.glob("*.json"))
        raise ValueError(
            f"no claim lexicon for language {lang!r} ({path} missing; available: {', '.join(available)})"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from error
    missing = [key for key in (*LIST_KEYS, "cues") if key not in data]
    if missing:
        raise ValueError(f"{path}: missing keys {', '.join(missing)}")
    rules = data.get("inflection", [])

    def word_list(key: str) -> frozenset[str]:
        """A word list with the forms of its lemmas ("speech_verbs" and "speech_verbs_lemmas")."""
        return frozenset(expand(data.get(key, ()), data.get(f"{key}_lemmas", ()), rules))

    cue_forms, cues, noun_cues, cue_kinds = read_cues(data["cues"], rules, path)
    lists = {key: word_list(key) for key in LIST_KEYS}
    return Lexicon(
        lang=lang,
        cue_forms=tuple(cue_forms),
        cues=cues,
        noun_cues=noun_cues,
        cue_kinds=cue_kinds,
        attack_forms=frozenset(f for cue, forms in cue_forms if cue.passive_is_victim for f in forms),
        source_markers=tuple(tuple(w.lower() for w in marker) for marker in data.get("source_markers", ())),
        source_clause_marks=frozenset(w.lower() for w in data.get("source_clause_marks", ())),
        accusation_forms=frozenset(noun_cues),
        state_organ_ids=load_state_organs(),
        incident_names=load_incident_names(),
        incident_name_keys=incident_name_keys(read_incident_names()),
        dependency_scheme=data.get("dependency_scheme", "clearnlp"),
        prepositions={
            role: frozenset(words) for role, words in data.get("prepositions", {}).items() if role != "_about"
        },
        passive_participle_endings=tuple(data.get("passive_participle_endings", ())),
        question_suffixes=tuple(data.get("question_suffixes", ())),
        incident_words=frozenset(data.get("incident_words", ())),
        name_connectors=frozenset(data.get("name_connectors", ())),
        cyber_phrases=tuple(tuple(phrase.lower().split()) for phrase in data.get("cyber_phrases", ())),
        sponsor_preps={
            form: cue.target_preps
            for cue, forms in cue_forms
            if cue.kind == "predicate" and cue.degree == "sponsored" and cue.target_preps
            for form in forms
            if " " not in form
        },
        partner_phrases=tuple(tuple(phrase.lower().split()) for phrase in data.get("partner_phrases", ())),
        **{key: word_list(key) for key in INCIDENT_KEYS + OPTIONAL_LIST_KEYS},
        **{**lists, "cyber_prefixes": tuple(sorted(lists["cyber_prefixes"]))},
    )
