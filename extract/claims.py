"""Claim extraction: who accuses whom of a cyber operation, and who denies it.

The ``claim_extractor`` component reads the parse and the actor mentions that ``actor_linker``
left in ``doc.spans["actors"]`` (canonical id in ``span.kb_id_``, kind in ``span.label_``, the
state a person or organ speaks for in ``span._.actor_country``) and finds cue words from the
language's lexicon (``extract/lexicons/<lang>.json``). Each cue is read through the dependency
parse:

- ``verb`` cues (accuse, blame, attribute, condemn, accuser, attribuer...): the claimant is the
  grammatical subject (or the ``by``/``par`` agent of a passive), the subject of the claim the
  object (or the ``to``/``à`` argument of "attribute").
- ``noun`` cues (accusations, claims, report): the owner ("U.S. accusations", "les accusations
  de Washington") accuses whoever they are "against".
- ``predicate`` cues (responsible for, behind, carried out by, linked to, an attack by X): a
  statement about the subject; the claimant is the source of the sentence (a reporting verb's
  subject, "according to"/"selon", the speaker of the quote or paragraph, a statement's title).
  Without a source it is narration, not a claim.
- ``identity`` cues ("the cyber actors ... are in fact the GRU"; "the US is the biggest hacker"),
  and operation nouns with an agent ("Iran's cyberattacks", "an attack by Russia"): claims of the
  source, like predicates.
- ``deny`` and ``baseless`` cues (deny, reject, groundless / nier, infondées; "called the
  accusations groundless", "qualifie de calomnies les accusations"): a denial by the subject (or
  the source); the owner of the rejected accusation is the counterpart and gets an
  accusation of its own against the denier.

Sentences are the parser's, cut at line breaks (headings and datelines stand alone) and mended
where the parser cut one after its subject ("Pékin" | "a rejeté..."); the evidence of a claim is
that sentence. A quote's speaker ('"...", said X', '« ... », a déclaré X',
'X said:' before the paragraphs it introduces, 'Statement by X' as the heading) is the source of
the sentences it covers. Victims ("attacks on X", "targeting X", the parliament of "the hack of
the Bundestag") are cut out of accused phrases;
a group-to-state link in the accused phrase ("HAFNIUM, a group linked to Beijing", "Russia's
GRU") accuses each actor named.

A claim's ``incident`` is the operation its sentence names ("the SolarWinds hack", "the attack on
the OPCW", "le piratage du Bundestag", a well-known name such as NotPetya from
``lexicons/incident_names.json``), else the one an earlier sentence of its paragraph names; None
when no name is recognisable (a nationality or the attacker is not a name: "the Russian hack").

A claim needs a cyber context: a cyber word in its sentence or in the quote the cue sits in.
Persons, ministries, embassies and spokespeople speak for their state: the claimant is the
state and the person is the speaker.

Extensions set on ``Doc``:

- ``doc._.claims``: a list of plain dicts with the fields of ``extract.records.Claim`` (plain
  data so that it survives ``nlp.pipe(..., n_process>1)``); ``claims_from_doc(doc)`` turns them
  into ``Claim`` records.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain
from pathlib import Path

import numpy as np
from spacy.attrs import IS_SPACE, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from extract.actors import doc_text
from extract.gazetteer import load_gazetteer
from extract.records import Claim

LEXICON_DIR = Path(__file__).parent / "lexicons"
ACTORS_KEY = "actors"
CUE_KINDS = ("verb", "noun", "predicate", "deny", "baseless", "identity")
# an operation noun with its agent ("Iran's cyberattacks", "an attack by Russia") said by a source
OPERATION_CUE_KIND = "operation"
STANCES = ("accuses", "denies")
DEGREES = ("direct", "sponsored", "territory", "unspecified")

# dependency labels per language: French models parse with UD, English ones with ClearNLP
DEPS: dict[str, dict[str, frozenset[str]]] = {
    "en": {
        "subj": frozenset({"nsubj", "csubj"}),
        "pass_subj": frozenset({"nsubjpass", "csubjpass"}),
        "obj": frozenset({"dobj", "attr", "oprd"}),
        "agent": frozenset({"agent"}),
        "clause": frozenset({"ccomp", "xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "prep", "pobj"}),
        "noun_mod": frozenset({"relcl", "acl"}),
        "parenthetical": frozenset({"parataxis", "ROOT"}),
    },
    "fr": {
        "subj": frozenset({"nsubj", "csubj"}),
        "pass_subj": frozenset({"nsubj:pass", "csubj:pass"}),
        "obj": frozenset({"obj"}),
        "agent": frozenset({"obl:agent"}),
        "clause": frozenset(
            {"ccomp", "xcomp", "advcl", "conj", "acl", "acl:relcl", "obl:arg", "obl:mod", "obl"}
        ),
        "noun_mod": frozenset({"acl", "acl:relcl"}),
        "parenthetical": frozenset({"parataxis", "ROOT"}),
    },
}
# quote marks: openers and the closer each expects
QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}
# links inside one noun phrase: "X, the GRU", "X and Y", "unit codenamed X"
LINKED_NOUN_DEPS = frozenset({"appos", "conj", "oprd", "acl", "flat", "flat:name"})
CLAUSE_DEPS = frozenset({"acl", "relcl", "acl:relcl", "xcomp", "advcl", "ccomp"})
HEDGE_SKIP_POS = frozenset({"PROPN", "NUM", "NOUN"})
MIN_QUOTE_CHARS = 25
INTRO_PARAGRAPHS = (
    4  # how far a 'X said:' introduction carries  # shorter quotes are names or scare quotes, not speech
)
MAX_CLIMB = 5
# words inside a target's name: "Organisation for the Prohibition ...", "Germany's Parliament", "KA-SAT"
NAME_CONNECTORS = frozenset({"for", "and", "et", "'s", "’s", "-"})
# "the hack of X", "le piratage du X": X is the operation's author or its target
GENITIVE_PREPS = ("of", "de", "d'", "d’", "des", "du")
# actors that may author an operation named "of"/"de" them; others (a parliament, a company) are its targets
AUTHOR_KINDS = frozenset({"group", "agency", "person"})
TARGET_KINDS = frozenset({"other", "company", "intergov"})


@dataclass(frozen=True)
class Cue:
    """One cue word family from a lexicon file."""

    name: str
    kind: str
    stance: str
    degree: str = "unspecified"
    subject_preps: tuple[str, ...] = ()
    object_is_operation: bool = False
    requires_child: tuple[str, ...] = ()
    target_preps: tuple[str, ...] = ()  # 'linked to X': X is a subject too
    passive_is_victim: bool = False  # 'the companies were hacked': the subject is the victim


OPERATION_CUE = Cue(name="operation", kind=OPERATION_CUE_KIND, stance="accuses", degree="direct")


@dataclass(frozen=True)
class Lexicon:
    """A language's cue words and word lists, read from ``extract/lexicons/<lang>.json``."""

    lang: str
    cue_forms: tuple[tuple[Cue, tuple[str, ...]], ...]  # every cue with its surface forms
    cues: dict[str, Cue]  # surface form (lower case) -> cue
    noun_cues: dict[str, Cue]  # accusation nouns, which may share a form with a verb ("charges")
    phrases: dict[str, list[tuple[tuple[str, ...], Cue]]]  # last word -> multi-word forms
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

    def cue_for(self, token: Token) -> Cue | None:
        """The cue a token triggers: a multi-word form ending here, a noun cue for a noun, else by form."""
        for words, cue in self.phrases.get(token.lower_, ()):
            start = token.i - len(words) + 1
            if start >= 0 and tuple(t.lower_ for t in token.doc[start : token.i + 1]) == words:
                return cue
        if token.pos_ in ("NOUN", "PROPN") and token.lower_ in self.noun_cues:
            return self.noun_cues[token.lower_]
        return self.cues.get(token.lower_) or self.noun_cues.get(token.lower_)

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
        return found


# the word lists whose words a DocReader finds in one pass (see Lexicon.locate)
LOCATED_LISTS = (
    "speech_verbs",
    "operation_nouns",
    "statement_words",
    "hedges",
    "incident_nouns",
    "source_marker_starts",
    "cyber",
)
MAX_KNOWN_WORDS = 500_000

INCIDENT_KEYS = ("incident_nouns", "incident_preps", "incident_modifiers", "incident_objects", "determiners")
LIST_KEYS = (
    "speech_verbs",
    "document_nouns",
    "join_verbs",
    "join_preps",
    "operation_nouns",
    "group_nouns",
    "victim_markers",
    "sponsored_markers",
    "territory_markers",
    "direct_markers",
    "hedges",
    "self_pronouns",
    "relative_pronouns",
    "deny_objects",
    "cyber_prefixes",
    "cyber_words",
    "state_organ_words",
    "statement_words",
    "naming_words",
    "negations",
)


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
    cues: dict[str, Cue] = {}
    noun_cues: dict[str, Cue] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
    cue_forms: list[tuple[Cue, tuple[str, ...]]] = []
    for number, entry in enumerate(data["cues"], 1):
        where = f"{path}: cue #{number} ({entry.get('name', '?')})"
        if entry.get("kind") not in CUE_KINDS:
            raise ValueError(f"{where}: kind must be one of {', '.join(CUE_KINDS)}")
        if entry.get("stance") not in STANCES:
            raise ValueError(f"{where}: stance must be one of {', '.join(STANCES)}")
        if entry.get("degree", "unspecified") not in DEGREES:
            raise ValueError(f"{where}: degree must be one of {', '.join(DEGREES)}")
        cue = Cue(
            name=entry["name"],
            kind=entry["kind"],
            stance=entry["stance"],
            degree=entry.get("degree", "unspecified"),
            subject_preps=tuple(entry.get("subject_preps", ())),
            object_is_operation=bool(entry.get("object_is_operation", False)),
            requires_child=tuple(entry.get("requires_child", ())),
            target_preps=tuple(entry.get("target_preps", ())),
            passive_is_victim=bool(entry.get("passive_is_victim", False)),
        )
        cue_forms.append((cue, tuple(entry["forms"])))
        for form in entry["forms"]:
            words = tuple(form.lower().split())
            if len(words) > 1:  # "sans fondement": matched on its last word
                phrases.setdefault(words[-1], []).append((words, cue))
            elif cue.kind == "noun":
                noun_cues.setdefault(words[0], cue)
            else:
                cues.setdefault(words[0], cue)
    lists = {key: frozenset(w.lower() for w in data[key]) for key in LIST_KEYS}
    return Lexicon(
        lang=lang,
        cue_forms=tuple(cue_forms),
        cues=cues,
        noun_cues=noun_cues,
        phrases=phrases,
        source_markers=tuple(tuple(w.lower() for w in marker) for marker in data.get("source_markers", ())),
        source_clause_marks=frozenset(w.lower() for w in data.get("source_clause_marks", ())),
        accusation_forms=frozenset(noun_cues),
        state_organ_ids=load_state_organs(),
        incident_names=load_incident_names(),
        incident_name_keys=incident_name_keys(read_incident_names()),
        **{key: frozenset(w.lower() for w in data.get(key, ())) for key in INCIDENT_KEYS},
        **{**lists, "cyber_prefixes": tuple(sorted(lists["cyber_prefixes"]))},
    )


def read_incident_names() -> list[str]:
    """The well-known operation names of extract/lexicons/incident_names.json ([] without the file)."""
    path = LEXICON_DIR / "incident_names.json"
    if not path.exists():
        return []
    try:
        return json.loads(path.read_text(encoding="utf-8"))["names"]
    except (KeyError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: cannot read the incident names ({error})") from error


def incident_name_keys(names: list[str]) -> tuple[str, ...] | None:
    """The names in lower case, for a quick test of ASCII text (see DocReader.incidents_in); None
    if a name is not ASCII (the pattern's case rules may then match what lower() does not)."""
    return tuple(name.lower() for name in names) if all(name.isascii() for name in names) else None


def load_incident_names() -> re.Pattern | None:
    """One pattern for the well-known operation names of extract/lexicons/incident_names.json."""
    names = read_incident_names()
    longest_first = sorted(names, key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(re.escape(n) for n in longest_first) + r")\b"
    return re.compile(pattern, re.IGNORECASE) if names else None  # "Whispergate" is WhisperGate


def load_state_organs() -> frozenset[str]:
    """Agency ids whose statements are their state's (extract/lexicons/state_organs.json)."""
    path = LEXICON_DIR / "state_organs.json"
    try:
        return frozenset(json.loads(path.read_text(encoding="utf-8"))["agency_ids"])
    except (OSError, KeyError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: cannot read the state organ list ({error})") from error


# ---------------------------------------------------------------- the spaCy component


@Language.factory("claim_extractor", default_config={"lang": "en"})
def make_claim_extractor(nlp: Language, name: str, lang: str) -> ClaimExtractor:
    """Find accusations and denials about cyber operations.

    Sets ``doc._.claims``: a list of dicts with the fields of ``extract.records.Claim``
    (claimant_id, stance, subject_id, evidence, start_char, end_char, cue, speaker_id,
    counterpart_id, incident, degree, hedged, confidence); ``claims_from_doc`` gives records.
    Needs a parser and the ``actor_linker``'s ``doc.spans["actors"]``.
    """
    return ClaimExtractor(nlp, lang)


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


def claims_from_doc(doc: Doc) -> list[Claim]:
    """The claims the component found in ``doc``, as ``Claim`` records."""
    return [Claim(**found) for found in (doc._.claims or [])]


class ClaimExtractor:
    def __init__(self, nlp: Language, lang: str):
        if lang not in DEPS:
            raise ValueError(
                f"claim_extractor: no dependency map for language {lang!r} (known: {', '.join(DEPS)})"
            )
        self.lang = lang
        self.lexicon = load_lexicon(lang)
        self.deps = DEPS[lang]
        # cue words and phrases ("sans fondement", "state-linked") matched on LOWER
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cue_by_key: dict[int, Cue] = {}
        for number, (cue, forms) in enumerate(self.lexicon.cue_forms):
            key = f"claim_cue_{lang}_{number}"
            self.matcher.add(key, list(nlp.tokenizer.pipe(forms)))
            self.cue_by_key[nlp.vocab.strings[key]] = cue

    def cues_at(self, doc: Doc) -> dict[int, list[tuple[int, Cue]]]:
        """Token index (the match's last token) -> (match length, cue) for every cue match."""
        found: dict[int, list[tuple[int, Cue]]] = {}
        for key, start, end in self.matcher(doc):
            found.setdefault(end - 1, []).append((end - start, self.cue_by_key[key]))
        return found

    def __call__(self, doc: Doc) -> Doc:
        reader = DocReader(doc, self.lexicon, self.deps, self.cues_at(doc))
        found = list(reader.claims_and_cues())
        cue_of = {id(claim): cue for claim, cue in found}
        kept = best_per_key(claim for claim, _ in found)
        # the incident is looked for only for the claims kept (best_per_key does not read it); a
        # Claim's fields are plain values: a shallow copy is what dataclasses.asdict would give
        doc._.claims = [dict(vars(claim), incident=reader.incident_for(cue_of[id(claim)])) for claim in kept]
        return doc


def best_per_key(claims: Iterable[Claim]) -> list[Claim]:
    """One claim per (claimant, stance, subject): the most confident, then the earliest."""
    best: dict[tuple[str, str, str], Claim] = {}
    for claim in claims:
        key = (claim.claimant_id, claim.stance, claim.subject_id)
        kept = best.get(key)
        rank = (claim.confidence, claim.speaker_id is not None, -claim.start_char)
        if kept is None or rank > (kept.confidence, kept.speaker_id is not None, -kept.start_char):
            best[key] = claim
    return sorted(best.values(), key=lambda c: (c.start_char, c.claimant_id, c.stance, c.subject_id))


# ---------------------------------------------------------------- reading one document


@dataclass(frozen=True)
class Source:
    """Who a stretch of text speaks for, and how sure we are of it."""

    actors: tuple[Span, ...]
    confidence: float


@dataclass
class Found:
    """A claim before ids are normalised."""

    claimant: Span | None
    stance: str
    subject: Span | None
    cue: Token
    degree: str
    confidence: float
    counterpart: Span | None = None
    subject_id: str | None = None  # when the subject is the claimant itself (denials)


class DocReader:
    """Reads the claims of one parsed document."""

    def __init__(
        self,
        doc: Doc,
        lexicon: Lexicon,
        deps: dict[str, frozenset[str]],
        cues_at: dict[int, list[tuple[int, Cue]]] | None = None,
    ):
        self.doc = doc
        self.lex = lexicon
        self.deps = deps
        self.cues_at = cues_at
        self.actor_at: dict[int, Span] = {}  # the first mention over each token
        self.spans_at: dict[
            int, list[Span]
        ] = {}  # every mention over it ("Russian" in "Russian military ...")
        for span in doc.spans.get(ACTORS_KEY, []):
            if span.kb_id_:
                for i in range(span.start, span.end):
                    self.actor_at.setdefault(i, span)
                    self.spans_at.setdefault(i, []).append(span)
        # sentences cut at line breaks: headings and datelines are not part of the next sentence
        self.sents, self.paragraph_of = segments(doc)
        self.sent_index = {sent.start: n for n, sent in enumerate(self.sents)}
        # the segment number of each token; -1 for the line breaks and the spaces around them
        self.segment_ids = [-1] * len(doc)
        for n, sent in enumerate(self.sents):
            self.segment_ids[sent.start : sent.end] = [n] * len(sent)
        self.text = doc_text(doc)
        self.quotes = quote_spans(self.text)
        # the lexicon's words, found once: the readers visit these tokens, not every token
        self.positions = lexicon.locate(doc)
        self.cyber_tokens = set(self.where("cyber"))
        self.operation_tokens = set(self.where("operation_nouns"))
        self._children: dict[int, tuple[Token, ...]] = {}
        self._kids: dict[int, tuple[Token, ...]] = {}
        self._subtrees: dict[int, tuple[Token, ...]] = {}
        self._countries: dict[str, str | None] = {}
        self._case_words: dict[int, tuple[str, ...]] = {}
        self.context_sources = self._context_sources()
        self.incidents_by_sentence: dict[int, list[tuple[int, str]]] = {}

    # ----- where the lexicon's words are

    def where(self, name: str) -> list[int]:
        """Indices (in order) of the tokens whose lower-case form is in a word list of LOCATED_LISTS."""
        return self.positions.get(name, [])

    def is_cyber(self, token: Token) -> bool:
        """A cyber word (``Lexicon.is_cyber_word``), looked up among the document's ones (see locate)."""
        return token.i in self.cyber_tokens

    def is_operation(self, token: Token) -> bool:
        """Is the token's lower-case form an operation noun? (looked up among the document's ones)"""
        return token.i in self.operation_tokens

    def any_cyber(self, start: int, end: int) -> bool:
        """Is a token of ``doc[start:end]`` a cyber word?"""
        return bool(between(self.where("cyber"), start, end))

    # ----- actors in phrases

    def actors_in(self, tokens: Iterable[Token]) -> list[Span]:
        seen: dict[tuple[int, int, str], Span] = {}
        for token in tokens:
            for span in self.spans_at.get(token.i, ()):
                seen.setdefault((span.start, span.end, span.kb_id_), span)
        found = [seen[k] for k in sorted(seen)]
        return [s for s in found if not self.nested_state(s, found)]

    def nested_state(self, span: Span, found: list[Span]) -> bool:
        """'Chinese' inside 'the Chinese military' names the PLA, not a second accused; but in 'the
        Russian military intelligence service, the GRU' the text spells out the link, so it stays."""
        if span.label_ != "state":
            return False
        for outer in found:
            if (
                outer.label_ != "state"
                and outer.start <= span.start
                and span.end <= outer.end
                and len(outer) > len(span)
            ):
                restated = sum(1 for other in found if other.kb_id_ == outer.kb_id_) > 1
                return not restated
        return False

    def phrase_tokens(
        self, head: Token, skip: set[int] | None = None, prune_victims: bool = True
    ) -> list[Token]:
        """The phrase under ``head`` without victims ("attacks on X") or nested accusations."""
        skip = skip or set()
        out: list[Token] = []
        stack = [head]
        while stack:
            token = stack.pop()
            if token.i in skip:
                continue
            out.append(token)
            for child in self.children_of(token):
                if child.i in skip or not self.together(child, head):
                    continue
                if prune_victims and (self.marks_victim(child) or self.is_operation_target(token, child)):
                    continue
                if child.dep_ in self.deps["noun_mod"] and self.lex.cues.get(child.lower_, None) is not None:
                    if self.lex.cues[child.lower_].kind in ("verb", "deny"):
                        continue  # a nested accusation is read on its own
                if prune_victims and self.is_side_clause(child):
                    continue
                stack.append(child)
        return out

    def is_operation_target(self, token: Token, child: Token) -> bool:
        """'accuse la Russie du piratage du Bundestag': what an operation is "of" is its target, unless
        an actor there may be its author ('les cyberattaques du GRU')."""
        if not self.is_operation(token):
            return False
        if child.dep_ == "prep":  # English: the preposition heads the phrase
            if child.lower_ not in GENITIVE_PREPS:
                return False
        elif not any(word in GENITIVE_PREPS for word in self.case_words(child)):
            return False
        actors = self.actors_in(self.subtree_of(child))
        return bool(actors) and not any(a.label_ in AUTHOR_KINDS for a in actors)

    def is_side_clause(self, token: Token) -> bool:
        """'an effort to destabilize Ukraine': a verb clause inside a noun phrase names no attacker,
        unless it names the group ('codenamed APT28') or is a cue itself ('carried out by', 'linked to')."""
        if token.dep_ not in CLAUSE_DEPS or token.pos_ not in ("VERB", "AUX"):
            return False
        return token.lower_ not in self.lex.naming_words and self.lex.cues.get(token.lower_) is None

    def is_self_pronoun(self, token: Token) -> bool:
        """'we'/'us'/'nous', but not the acronym 'US' (a country written in capitals)."""
        if token.lower_ not in self.lex.self_pronouns:
            return False
        return not (len(token.text) > 1 and token.text.isupper())

    def marks_victim(self, token: Token) -> bool:
        if token.lower_ in self.lex.victim_markers:
            return True
        return any(word in self.lex.victim_markers for word in self.case_words(token))

    def case_words(self, token: Token) -> tuple[str, ...]:
        """The lower-case forms of the token's ``case`` dependents (the French prepositions)."""
        found = self._case_words.get(token.i)
        if found is None:
            found = self._case_words[token.i] = tuple(
                c.lower_ for c in self.children_of(token) if c.dep_ == "case"
            )
        return found

    def resolve_relative(self, token: Token) -> Token:
        """'which'/'qui' as a subject stands for the noun its clause modifies."""
        if token.lower_ in self.lex.relative_pronouns and token.head.dep_ in self.deps["noun_mod"]:
            antecedent = token.head.head
            # "unit 26165 – codenamed APT28 and Fancy Bear – which": the whole noun phrase
            for _ in range(4):
                if antecedent.dep_ not in LINKED_NOUN_DEPS or not self.together(antecedent.head, antecedent):
                    break
                antecedent = antecedent.head
            return antecedent
        return token

    def main_actors(self, head: Token, skip: set[int] | None = None) -> list[Span]:
        """Claimant phrase: one actor per coordinated head ("Bruxelles, Londres et Washington")."""
        head = self.resolve_relative(head)
        skip = set(skip or ())
        heads = [head]
        for token in self.subtree_of(head):
            if token.dep_ == "conj" and token.head.i in {h.i for h in heads}:
                heads.append(token)
        found: list[Span] = []
        for part in heads:
            inner_skip = skip | {h.i for h in heads if h.i != part.i}
            tokens = [
                t
                for t in self.phrase_tokens(part, inner_skip, prune_victims=False)
                if t.dep_ != "conj" or t.i == part.i
            ]
            actors = self.actors_in(t for t in tokens if not self._inside_clause(t, part))
            own = self.actor_at.get(part.i)
            if own is not None:
                actors = [own] + [a for a in actors if a.label_ == "person" and a != own]
            else:
                non_state = [a for a in actors if a.label_ != "state"]
                actors = non_state or actors
            found.extend(a for a in actors if a not in found)
        return found

    def speaker_actors(self, head: Token, skip: set[int] | None = None) -> list[Span]:
        """Who speaks through a subject phrase: a report speaks for its author, not its topic."""
        head = self.resolve_relative(head)
        if head.lower_ in self.lex.document_nouns | self.lex.accusation_forms and head.i not in self.actor_at:
            owner = self.owner_of(head)
            if owner:
                return owner
            if head.dep_ in self.deps["obj"]:
                verb_subject = self.subject_of(head.head)
                if verb_subject is not None and verb_subject.i != head.i:
                    return self.main_actors(verb_subject, skip)
            return []
        return self.main_actors(head, skip)

    def _inside_clause(self, token: Token, top: Token) -> bool:
        """Is ``token`` inside a relative/participle clause below ``top``?"""
        while token.i != top.i and token.head.i != token.i:
            if token.dep_ in self.deps["noun_mod"]:
                return True
            token = token.head
        return False

    # ----- syntax helpers

    def together(self, a: Token, b: Token) -> bool:
        """Are two tokens in the same segment? (the parse sometimes ties a heading to the next line)"""
        n = self.segment_ids[a.i]
        return n >= 0 and n == self.segment_ids[b.i]

    def children_of(self, token: Token) -> tuple[Token, ...]:
        """``token.children``, made once per token (the readers ask for the same ones many times)."""
        found = self._children.get(token.i)
        if found is None:
            found = self._children[token.i] = tuple(token.children)
        return found

    def subtree_of(self, token: Token) -> tuple[Token, ...]:
        """``token.subtree``, made once per token (the readers ask for the same ones many times)."""
        found = self._subtrees.get(token.i)
        if found is None:
            found = self._subtrees[token.i] = tuple(token.subtree)
        return found

    def kids(self, token: Token) -> tuple[Token, ...]:
        """The token's dependents in its own segment."""
        found = self._kids.get(token.i)
        if found is None:
            found = self._kids[token.i] = tuple(c for c in self.children_of(token) if self.together(c, token))
        return found

    def children(self, token: Token, group: str) -> list[Token]:
        deps = self.deps[group]
        return [c for c in self.kids(token) if c.dep_ in deps]

    def orphan_subject(self, verb: Token) -> list[Token]:
        """An actor just before a verb that the parser left unattached ("Chine nie...", "Pékin a rejeté")."""
        sent = self.sentence_of(verb)
        for i in range(min(verb.i, sent.end) - 1, sent.start - 1, -1):  # the nearest first
            if i not in self.actor_at:
                continue
            token = self.doc[i]
            if not self.together(token, verb):
                continue
            if token.head.i == token.i or not self.together(token.head, token):  # detached
                return [token]
        return []

    def stray_agents(self, verb: Token) -> list[Token]:
        """'attribuée à la Russie par l'Allemagne' parsed with 'par l'Allemagne' under 'Russie'."""
        found = []
        for argument in self.kids(verb):
            for child in self.children_of(argument):
                if self.together(child, verb) and any(w in ("par", "by") for w in self.case_words(child)):
                    found.append(child)
        return found

    def speech_subjects(self, verb: Token) -> list[Token]:
        """Who speaks: the subject, or an inverted '..., a déclaré le ministre' parsed as an object."""
        subjects = self.children(verb, "subj")
        if subjects:
            return subjects
        before = [t for t in self.doc[max(0, verb.i - 3) : verb.i]]
        if any(t.lower_ in {",", "»", "”", '"'} for t in before):
            return [c for c in self.children(verb, "obj") if c.i > verb.i]
        return []

    def prep_objects(self, token: Token, preps: Iterable[str]) -> list[Token]:
        """Nouns attached to ``token`` by one of ``preps`` (English prep+pobj, French case child)."""
        preps = set(preps)
        found = []
        for child in self.kids(token):  # (in the token's segment)
            if child.lower_ in preps and child.dep_ in ("prep", "agent", "dative"):
                found.extend(c for c in self.children_of(child) if c.dep_ in ("pobj", "pcomp"))
            elif any(word in preps for word in self.case_words(child)):
                found.append(child)
        return found

    def prep_objects_near(self, token: Token, preps: Iterable[str]) -> list[Token]:
        """Like prep_objects, also where the parser hangs the phrase on the verb: 'fait partie | de X',
        'be attributable | to X'."""
        preps = tuple(preps)
        found = self.prep_objects(token, preps)
        if (
            not found
            and token.dep_ in self.deps["obj"] | {"acomp", "attr"}
            and self.together(token.head, token)
        ):
            found = [o for o in self.prep_objects(token.head, preps) if o.i > token.i]
        return found

    def subject_of(self, token: Token) -> Token | None:
        """The nearest grammatical subject for ``token``, climbing through clause links."""
        current = token
        for _ in range(MAX_CLIMB):
            subjects = self.children(current, "subj") + self.children(current, "pass_subj")
            if subjects:
                return subjects[0]
            gerund = any(c.dep_ == "mark" and c.lower_ in ("en", "by") for c in self.children_of(current))
            if gerund and current.dep_ in self.deps["noun_mod"] and self.together(current.head.head, current):
                current = current.head.head  # "obtenu ces renseignements en piratant": misattached adverbial
                continue
            if current.dep_ in self.deps["noun_mod"] and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return current.head  # a participle or relative clause: the noun it modifies
            if current.dep_ == "amod":
                return current.head
            climbable = self.deps["clause"] | self.deps["obj"] | {"acomp", "attr", "cop", "xcomp"}
            if (
                current.head.i == current.i
                or current.dep_ not in climbable
                or not self.together(current.head, current)
            ):
                return None
            current = current.head
        return None

    def is_passive(self, token: Token) -> bool:
        return bool(self.children(token, "pass_subj")) or any(
            c.dep_ in ("auxpass", "aux:pass") for c in self.children_of(token)
        )

    def sentence_of(self, token: Token) -> Span:
        n = self.segment_ids[token.i]
        return self.sents[n] if n >= 0 else token.sent

    # ----- sources: who the text speaks for

    def _context_sources(self) -> dict[int, Source]:
        """Per sentence: the quote's or paragraph's speaker, else a colon intro, else the title."""
        by_paragraph: dict[int, list[Span]] = {}
        for sent in self.sents:
            by_paragraph.setdefault(self.paragraph_of[sent.start], []).append(sent)
        sources: dict[int, Source] = {}
        title = self._title_source()
        intro: Source | None = None
        intro_left = 0
        for number in sorted(by_paragraph):
            sents = by_paragraph[number]
            paragraph_source = None
            start, end = sents[0].start_char, sents[-1].end_char
            quoted = any(
                q_start < end and q_end > start and q_end - q_start >= MIN_QUOTE_CHARS
                for q_start, q_end in self.quotes
            )
            for sent in sents:
                # '"...", said X' in a paragraph with quotes, or an inverted '..., a déclaré X'
                speaker = self._attribution(sent, inverted_only=not quoted)
                if speaker:
                    paragraph_source = Source(speaker, 0.6)
                    break
            last = sents[-1]
            last_text = self.text[last.start_char : last.end_char]
            colon_intro = last_text.rstrip().endswith(":") and self._attribution(last, any_verb=True)
            for sent in sents:
                chosen = paragraph_source or (intro if intro_left > 0 else None) or title
                if chosen:
                    sources[sent.start] = chosen
            intro_left -= 1
            if colon_intro:
                intro, intro_left = Source(colon_intro, 0.55), INTRO_PARAGRAPHS
        return sources

    def _title_source(self) -> Source | None:
        """'Statement by X' / 'Remarks by X' heading the text: X speaks throughout."""
        for heading in self.sents[:3]:
            actors = []
            for i in between(self.where("statement_words"), heading.start, heading.end):
                word = self.doc[i]
                for author in self.prep_objects(word, ("by", "from", "of", "de", "du", "par")):
                    actors += self.actors_in(self.phrase_tokens(author))
                for modifier in self.kids(word):
                    if modifier.dep_ in ("compound", "amod", "poss", "nmod:poss") and modifier.i < word.i:
                        actors += self.actors_in(self.phrase_tokens(modifier))
            if not actors:
                continue
            people = [a for a in actors if a.label_ == "person"]
            if people:  # a speaker whose state we do not know is no source for the state's claims
                people = [p for p in people if self.speaker_state(p)[1] is not None]
                return Source(tuple(people), 0.45) if people else None
            if actors:
                return Source(tuple(actors), 0.45)
        return None

    def _attribution(
        self, sent: Span, any_verb: bool = False, inverted_only: bool = False
    ) -> tuple[Span, ...]:
        """The speaker of a sentence like '"...", said X' / 'X said:' / '..., a déclaré X'."""
        for i in between(self.where("speech_verbs"), sent.start, sent.end):
            token = self.doc[i]
            if any_verb or token.dep_ in self.deps["parenthetical"]:
                for subject in self.speech_subjects(token):
                    if inverted_only and subject.i < token.i:
                        continue
                    actors = self.speaker_actors(subject)
                    if actors:
                        return tuple(actors)
        return ()

    def source_for(self, cue: Token, avoid: set[int]) -> Source | None:
        """Who says the sentence holding ``cue``: a reporting verb above it, 'according to', the context."""
        sent = self.sentence_of(cue)
        ancestor = cue.head
        for _ in range(8):
            if ancestor.lower_ in self.lex.speech_verbs:
                for subject in self.speech_subjects(ancestor) + self.children(ancestor, "agent"):
                    if subject.i in avoid or cue.i in {t.i for t in self.subtree_of(subject)}:
                        continue
                    if self.is_self_pronoun(subject):
                        context = self.context_sources.get(sent.start)
                        if context:
                            return context
                    actors = self.speaker_actors(subject)
                    if actors:
                        return Source(tuple(actors), 0.7)
                for agent in self.prep_objects(ancestor, ("by", "par")):
                    actors = self.main_actors(agent)
                    if actors:
                        return Source(tuple(actors), 0.7)
            if ancestor.head.i == ancestor.i or not self.together(ancestor.head, cue):
                break
            ancestor = ancestor.head
        for i in between(self.where("speech_verbs"), sent.start, sent.end):
            token = self.doc[i]
            # '..., a déclaré X' (parataxis) or a trailing '..., the EU and the UK have announced' (advcl)
            trailing = token.dep_ == "advcl" and token.i > cue.i and token.head.i == sent.root.i
            if token.dep_ == "parataxis" or trailing or self.as_clause_over(token, cue):
                for subject in self.speech_subjects(token):
                    actors = self.main_actors(subject)
                    if actors:
                        return Source(tuple(actors), 0.65)
        marked = self._source_marker(sent)
        if marked:
            return marked
        return self.context_sources.get(sent.start)

    def as_clause_over(self, verb: Token, cue: Token) -> bool:
        """'as the UK revealed' hung on the cue's clause, before, inside or after it."""
        if verb.dep_ != "advcl" or verb.left_edge.i <= cue.i <= verb.right_edge.i:
            return False
        if not any(c.dep_ == "mark" and c.lower_ in self.lex.source_clause_marks for c in self.kids(verb)):
            return False
        return verb.head.i == cue.i or verb.head in cue.ancestors

    def _source_marker(self, sent: Span) -> Source | None:
        for i in between(self.where("source_marker_starts"), sent.start, sent.end):
            token = self.doc[i]
            for marker in self.lex.source_markers:
                if token.lower_ != marker[0]:
                    continue
                if (
                    len(marker) > 1
                    and not any(c.lower_ == marker[1] for c in self.children_of(token))
                    and (token.i + 1 >= len(self.doc) or self.doc[token.i + 1].lower_ != marker[1])
                ):
                    continue
                objects = [c for c in self.subtree_of(token) if c.i != token.i]
                if token.dep_ == "case":
                    objects = list(self.subtree_of(token.head))
                actors = self.actors_in(objects)
                if actors:
                    return Source((actors[0],), 0.65)
        return None

    # ----- cyber context and hedging

    def cyber_context(self, cue: Token, window: int = 0) -> bool:
        sent = self.sentence_of(cue)
        if self.any_cyber(sent.start, sent.end):
            return True
        for q_start, q_end in self.quotes:
            if q_start <= cue.idx < q_end:
                span = self.doc.char_span(q_start, q_end, alignment_mode="expand")
                if span is not None and self.any_cyber(span.start, span.end):
                    return True
        if window:  # a denial answers what came just before, possibly in the previous paragraph
            n = self.sent_index[sent.start]
            for previous in self.sents[max(0, n - window) : n]:
                if self.any_cyber(previous.start, previous.end):
                    return True
        return False

    def operation_in_cyber_story(self, cue: Token, window: int = 3) -> bool:
        """'blamed X for the 2004 attacks' right after sentences about hacking: the attacks are cyber."""
        sent = self.sentence_of(cue)
        if not between(self.where("operation_nouns"), sent.start, sent.end):
            return False
        n = self.sent_index[sent.start]
        return any(self.any_cyber(prev.start, prev.end) for prev in self.sents[max(0, n - window) : n])

    def hedged(self, cue: Token) -> bool:
        # a hedge is an adverb, adjective or verb ("likely", "alleged", "may"), not the month "May"
        sent = self.sentence_of(cue)
        return any(
            self.doc[i].pos_ not in HEDGE_SKIP_POS
            for i in between(self.where("hedges"), sent.start, sent.end)
        )

    def degree_for(self, cue: Cue, cue_token: Token, subject: Span, phrase: Iterable[Token]) -> str:
        words = {t.lower_ for t in phrase} | {cue_token.lower_}
        words |= {c.lower_ for c in self.children_of(cue_token)}
        words |= {g.lower_ for c in self.children_of(cue_token) for g in self.children_of(c)}
        token = subject.root
        for _ in range(6):
            words.add(token.lower_)
            if token.i == cue_token.i or token.head.i == token.i:
                break
            token = token.head
        for part in list(words):
            words.update(part.split("-"))
        if words & self.lex.territory_markers and subject.label_ == "state":
            return "territory"
        if words & self.lex.sponsored_markers:
            return "sponsored"
        if cue.degree != "unspecified":
            return cue.degree
        if words & self.lex.direct_markers:
            return "direct"
        return "unspecified"

    # ----- the cues

    def cue_for(self, token: Token) -> Cue | None:
        """The cue a token ends: the longest match whose required word follows; for a noun, a noun
        cue ("charges", "sanctions")."""
        if self.cues_at is None:
            cue = self.lex.cue_for(token)
            return cue if cue is not None and self.has_required_child(cue, token) else None
        nominal = token.pos_ in ("NOUN", "PROPN")
        matches = sorted(
            self.cues_at.get(token.i, ()), key=lambda m: (-m[0], (m[1].kind == "noun") != nominal)
        )
        for _, cue in matches:
            if self.has_required_child(cue, token):
                return cue
        return None

    def negated(self, token: Token) -> bool:
        """A negation on the cue, or on the verb it completes ('Russia was not behind it')."""
        heads = [token]
        if token.dep_ in ("acomp", "attr", "oprd", "prep", "xcomp", "obj", "dobj") and self.together(
            token.head, token
        ):
            heads.append(token.head)
        return any(c.dep_ == "neg" or c.lower_ in self.lex.negations for h in heads for c in self.kids(h))

    def has_required_child(self, cue: Cue, token: Token) -> bool:
        """'hold ... to account', 'operate under', 'the work of': a word the cue needs below it."""
        if not cue.requires_child:
            return True
        return any(c.lower_ in cue.requires_child for c in self.subtree_of(token) if c.i != token.i)

    def claims_and_cues(self) -> Iterator[tuple[Claim, Token]]:
        """Each claim without its incident (None), and the cue token that ``incident_for`` reads."""
        for token in self.cue_candidates():
            cue = self.cue_for(token)
            if cue is None and self.is_operation(token) and token.pos_ in ("NOUN", "PROPN"):
                cue = OPERATION_CUE
            if cue is None:
                continue
            founds = getattr(self, f"read_{cue.kind}")(cue, token)
            first = next(founds, None)  # (most cues read nothing: the negation is looked at after)
            if first is None or self.negated(token):
                continue  # "did not blame", "n'a pas accusé", "was not responsible"
            for found in chain([first], founds):
                claim = self.to_claim(cue, found, with_incident=False)
                if claim is not None:
                    yield claim, found.cue

    def cue_candidates(self) -> Iterator[Token]:
        """The tokens of the segments, in order, that may be cues: where the matcher found a cue
        and the operation nouns (every token when there is no matcher)."""
        if self.cues_at is None:
            for sent in self.sents:
                yield from sent
            return
        for i in sorted(set(self.cues_at).union(self.where("operation_nouns"))):
            if self.segment_ids[i] >= 0:
                yield self.doc[i]

    def claimant_for(self, cue: Token, subject: Token | None, avoid: set[int]) -> tuple[list[Span], float]:
        """Claimant actors from a subject phrase; 'we'/'nous'/missing fall back on the source."""
        if subject is not None and not self.is_self_pronoun(subject):
            actors = self.speaker_actors(subject, skip={cue.i})
            if actors:
                return actors, 0.8
            if subject.pos_ != "PRON":
                return [], 0.0
        source = self.source_for(cue, avoid)
        if source:
            return list(source.actors), source.confidence
        if subject is not None and subject.pos_ == "PRON" or subject is None:
            previous = self._previous_source(cue)
            if previous:
                return list(previous.actors), 0.4
        return [], 0.0

    def _previous_source(self, cue: Token) -> Source | None:
        """The speaker of the sentence before (for a dropped or garbled pronoun subject)."""
        n = self.sent_index[self.sentence_of(cue).start]
        for previous in reversed(self.sents[max(0, n - 3) : n]):
            speaker = self._attribution(previous, any_verb=True)
            if speaker:
                return Source(speaker, 0.4)
        return None

    def owner_of(self, noun: Token) -> list[Span]:
        """Who owns an accusation or report: "U.S. claims", "the Pentagon's report"."""
        tokens = []
        for child in self.kids(noun):
            if child.dep_ in ("poss", "compound", "amod", "nmod:poss", "nmod") and not self.marks_victim(
                child
            ):
                if child.dep_ == "nmod" and not any(
                    w in ("de", "d'", "des", "du", "par") for w in self.case_words(child)
                ):
                    continue
                tokens.extend(self.phrase_tokens(child, prune_victims=True))
        for agent in self.prep_objects(noun, ("by", "from", "par")):
            tokens.extend(self.phrase_tokens(agent))
        for clause in self.children(noun, "noun_mod"):  # "accusations made by Washington"
            for agent in self.prep_objects(clause, ("by", "par")) + self.children(clause, "agent"):
                tokens.extend(self.phrase_tokens(agent))
        return self.actors_in(tokens) or self.states_named_by(noun)

    def states_named_by(self, noun: Token) -> list[Span]:
        """A state named by a bare modifier that has no mention: "U.S. accusations", "a Russian operation"."""
        found = []
        for child in self.kids(noun):
            if child.dep_ not in ("compound", "amod", "nmod", "poss") or child.i in self.actor_at:
                continue
            if not self.together(child, noun) or not child.text[:1].isupper() and self.lex.lang == "en":
                continue
            span = state_mention(self.doc, child)
            if span is not None:
                found.append(span)
        return found

    def subject_phrase(self, head: Token, skip: set[int]) -> tuple[list[Span], list[Token]]:
        head = self.resolve_relative(head)
        tokens = self.phrase_tokens(head, skip)
        return self.actors_in(tokens), tokens

    def read_verb(self, cue: Cue, token: Token) -> Iterator[Found]:
        passive = self.is_passive(token) or (token.tag_ == "VBN" and token.dep_ in ("acl", "amod"))
        if self.lang_is("fr") and token.dep_ == "acl" and token.lower_.endswith(("é", "ée", "és", "ées")):
            passive = True
        agents = self.children(token, "agent")
        agent_heads = (
            [c for a in agents for c in self.children_of(a) if c.dep_ == "pobj"]
            if self.lang_is("en")
            else agents
        )
        if passive:
            agent_heads = agent_heads or self.stray_agents(token)
            claimant_head = agent_heads[0] if agent_heads else None
            subject_heads = self.children(token, "pass_subj")
            if not subject_heads and token.dep_ in self.deps["noun_mod"] | {"amod"}:
                subject_heads = [token.head]
        else:
            subjects = self.children(token, "subj") or self.orphan_subject(token)
            claimant_head = subjects[0] if subjects else None
            if claimant_head is None:
                if token.dep_ in self.deps["noun_mod"] and token.head.pos_ in ("NOUN", "PROPN"):
                    claimant_head = token.head
                elif token.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl"):
                    claimant_head = self.subject_of(token.head)
            subject_heads = self.children(token, "obj")
        if cue.object_is_operation or cue.subject_preps:
            targets = list(self.prep_objects_near(token, cue.subject_preps))
            if cue.object_is_operation:
                # "attributed to X"; without X, "attributing activity carried out by X"
                subject_heads = targets or subject_heads
            else:
                subject_heads = targets + subject_heads
        subject_heads += self.prep_objects(token, ("as", "comme"))
        # "condemned the attack targeting X as a Russian operation" (the parser may hang "as" lower)
        for head in list(subject_heads):
            for inner in self.subtree_of(head):
                if inner.i != head.i and inner.dep_ == "acl":
                    subject_heads += [
                        o for o in self.prep_objects(inner, ("as", "comme")) if o not in subject_heads
                    ]
        if not subject_heads and self.lang_is(
            "fr"
        ):  # "accuse depuis longtemps les États-Unis": object misparsed
            subject_heads = [
                c
                for c in self.children_of(token)
                if c.dep_.startswith(("obl", "nmod"))
                and c.i > token.i
                and self.together(c, token)
                and c.i in self.actor_at
                and not self.case_words(c)
            ]
        if not subject_heads:  # "hold Russia to account": a small clause
            for clause in self.children_of(token):
                if clause.dep_ in ("ccomp", "xcomp", "oprd") and self.together(clause, token):
                    subject_heads += self.children(clause, "subj")
        # "accusent ce groupe d'être sous l'influence des autorités russes": the sponsor too
        for complement in self.prep_objects(token, ("of", "de", "d'", "d’")) + self.children(token, "clause"):
            if complement.i > token.i and self.lex.sponsored_markers.intersection(
                t.lower_ for t in self.subtree_of(complement)
            ):
                if complement.dep_ not in ("conj",):
                    subject_heads.append(complement)
        join_claimants = self.joined(token)
        avoid = {t.i for h in subject_heads for t in self.subtree_of(h)}
        claimants, confidence = self.claimant_for(token, claimant_head, avoid)
        if not passive:  # "La France, l'Allemagne et le Canada accusent": the parser may give two subjects
            for other in self.children(token, "subj")[1:]:
                more, _ = self.claimant_for(token, other, avoid)
                claimants += [a for a in more if a not in claimants]
        if join_claimants and not claimants:
            confidence = 0.7  # "We join Germany in attributing ...": Germany's claim is explicit
        claimants = claimants + [a for a in join_claimants if a not in claimants]
        if not claimants:
            return
        skip = {token.i}
        for head in subject_heads:
            subjects, phrase = self.subject_phrase(head, skip)
            if not subjects:
                subjects, phrase = self.agents_of_operation(head)
            for subject in subjects:
                degree = self.degree_for(cue, token, subject, phrase)
                for claimant in claimants:
                    yield Found(claimant, cue.stance, subject, token, degree, confidence)

    def lang_is(self, lang: str) -> bool:
        return self.lex.lang == lang

    def joined(self, token: Token) -> list[Span]:
        """Partners named with 'join X in', 'stands with X in condemning'."""
        current = token
        for _ in range(3):
            if current.head.i == current.i:
                break
            current = current.head
            if current.lower_ in self.lex.join_verbs:
                found = []
                for obj in self.children(current, "obj"):
                    found.extend(self.main_actors(obj))
                for partner in self.prep_objects(current, self.lex.join_preps):
                    found.extend(self.main_actors(partner))
                return found
        return []

    def agents_of_operation(self, head: Token) -> tuple[list[Span], list[Token]]:
        """Who did an operation: 'Iran's cyberattacks', 'activity by the GRU', 'une opération russe'."""
        if not self.is_operation(head):
            return [], []
        tokens: list[Token] = []
        for child in self.kids(head):
            if self.marks_victim(child):
                continue
            if child.dep_ in ("poss", "compound", "amod", "nmod:poss", "appos"):
                tokens.extend(self.phrase_tokens(child))
            elif child.dep_ == "acl":
                for agent in self.prep_objects(child, ("by", "par")) + self.children(child, "agent"):
                    tokens.extend(self.phrase_tokens(agent))
        for agent in self.prep_objects(head, ("by", "par")):
            tokens.extend(self.phrase_tokens(agent))
        # "activities of the GRU" but not "defacements of government websites": the noun must be an actor
        # (not "le piratage du Bundestag", a target; nor "la Russie du piratage de l'Ukraine", whose
        # author is the actor it hangs from)
        author_named = head.dep_ == "nmod" and head.head.i in self.actor_at
        for agent in self.prep_objects(head, () if author_named else GENITIVE_PREPS):
            if agent.i in self.actor_at and self.actor_at[agent.i].label_ not in TARGET_KINDS:
                tokens.extend(self.phrase_tokens(agent))
        actors = [a for a in self.actors_in(tokens) if a.label_ != "company"] or self.states_named_by(head)
        return actors, tokens

    def read_operation(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'Iran's cyberattacks on Albania', 'an attack by Russia', in a sentence somebody says."""
        agents, phrase = self.agents_of_operation(token)
        if not agents:
            return
        source = self.source_for(token, {t.i for t in phrase})
        if source is None:
            return
        for subject in agents:
            if subject in source.actors:
                continue
            degree = self.degree_for(cue, token, subject, phrase)
            for claimant in source.actors:
                yield Found(claimant, cue.stance, subject, token, degree, source.confidence - 0.1)

    def read_identity(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'cyber actors known for attacks ... are, in fact, the GRU', said by a source."""
        subjects = self.children(token, "subj")
        named = [c for c in self.kids(token) if c.dep_ in ("attr", "obj") and c.i in self.actor_at]
        if subjects and not named and subjects[0].i in self.actor_at:
            # "the United States is the world's biggest hacker"
            attributes = [c for c in self.kids(token) if c.dep_ in ("attr", "obj")]
            if any(self.is_cyber(t) for a in attributes for t in self.subtree_of(a)):
                named, subjects = subjects, attributes
        if subjects and not named:
            named = self.dangling_attribute(token)
        if not subjects or not named:
            return
        if not {t.lower_ for t in self.subtree_of(subjects[0])} & self.lex.group_nouns and not any(
            self.is_cyber(t) for t in self.subtree_of(subjects[0])
        ):
            return
        source = self.source_for(token, {t.i for h in subjects + named for t in self.subtree_of(h)})
        if source is None:
            return
        for head in named:
            actors, phrase = self.subject_phrase(head, {token.i})
            for subject in actors:
                if subject not in source.actors:
                    for claimant in source.actors:
                        yield Found(claimant, cue.stance, subject, token, "direct", source.confidence - 0.1)

    def dangling_attribute(self, copula: Token) -> list[Token]:
        """'X are, in fact, the GRU' where the parser hangs 'the GRU' elsewhere (on the reporting
        verb, or as X's apposition): an actor named right after a bare copula is what X is."""
        if copula.dep_ in ("aux", "auxpass", "aux:pass", "cop") or any(
            c.dep_ in ("attr", "acomp", "oprd", "dobj", "obj", "xcomp", "ccomp") for c in self.kids(copula)
        ):
            return []
        # past the copula's own words ('are, in fact,'), not its subject's (which may hold the name)
        start = 1 + max([copula.i] + [c.right_edge.i for c in self.kids(copula) if c.i > copula.i])
        sent = self.sentence_of(copula)
        if start < sent.end and self.doc[start].dep_ == "det":
            start += 1
        mention = self.actor_at.get(start) if start < sent.end else None
        if mention is None or mention.start != start:
            return []
        head = self.doc[start]
        # up to the noun the mention's words hang from ('Russian ... service'), inside the segment
        while head.head.i > head.i and self.together(head.head, copula):
            head = head.head
        return [head] if head.i in self.actor_at else []

    def read_noun(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'U.S. accusations against China', 'sanctions on Iran's MOIS', 'a report that accuses...'."""
        if token.head.lower_ in self.lex.cues and self.lex.cues[token.head.lower_].kind == "deny":
            return  # read by the denial
        if token.dep_ in self.deps["subj"] | self.deps["pass_subj"] and token.head.lower_ in self.lex.cues:
            return
        subject_heads = self.prep_objects(token, ("against", "on", "contre", "of", "de", "envers"))
        subject_heads = [
            h for h in subject_heads if self.actor_at.get(self.resolve_relative(h).i) or h.pos_ == "PROPN"
        ]
        if not subject_heads:
            return
        claimants = self.owner_of(token)
        confidence = 0.7
        if not claimants:
            verb_subject = self.subject_of(token.head) if token.dep_ in self.deps["obj"] | {"pobj"} else None
            if verb_subject is not None and not self.is_self_pronoun(verb_subject):
                claimants = self.main_actors(verb_subject)
            else:
                source = self.source_for(token, set())
                claimants = list(source.actors) if source else []
                confidence = source.confidence if source else 0.0
        for head in subject_heads:
            subjects, phrase = self.subject_phrase(head, {token.i})
            for subject in subjects:
                if subject in claimants:
                    continue
                degree = self.degree_for(cue, token, subject, phrase)
                for claimant in claimants:
                    yield Found(claimant, cue.stance, subject, token, degree, confidence)

    def read_predicate(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'X is responsible for', 'carried out by X', 'X, linked to Y': the claimant is the source."""
        subject_heads: list[Token] = []
        agents = self.prep_objects(token, ("by", "par")) + [
            c
            for a in self.children(token, "agent")
            for c in ([a] if self.lang_is("fr") else self.children_of(a))
        ]
        target = self.prep_objects_near(token, cue.target_preps) if cue.target_preps else []
        if not self.predicate_object_ok(token, cue):
            return
        if agents:
            subject_heads = agents
        else:
            subject = self.subject_of(token)
            if subject is not None and not (
                subject.pos_ == "PRON" and subject.lower_ not in self.lex.relative_pronouns
            ):
                subject_heads = [subject]
            if cue.passive_is_victim and self.is_passive(token) and not agents:
                subject_heads = []  # "the companies were hacked": the victims, not the hackers
        if cue.degree == "sponsored":
            # "hackers linked to Beijing", not "emails linked to the campaign"
            subject_heads = [h for h in subject_heads if self.names_attacker(h)]
            target = [
                h
                for h in target
                if any(
                    a.label_ in ("state", "agency", "group", "intergov")
                    for a in self.subject_phrase(h, {token.i})[0]
                )
            ]
        subject_heads += target
        # "conducted from Chinese territory": the state whose territory it is
        territory = [
            h
            for h in self.prep_objects(token, ("from", "depuis", "de", "du"))
            if h.lower_ in self.lex.territory_markers
        ]
        subject_heads += territory
        if not subject_heads or self.governed_by_accusation(token):
            return
        source = self.source_for(token, {t.i for h in subject_heads for t in self.subtree_of(h)})
        if source is None:
            return
        for head in subject_heads:
            subjects, phrase = self.subject_phrase(head, {token.i})
            if not subjects and head in territory:
                subjects, phrase = self.states_named_by(head), [head]
            for subject in subjects:
                if subject in source.actors:
                    continue
                degree = "territory" if head in territory else self.degree_for(cue, token, subject, phrase)
                for claimant in source.actors:
                    yield Found(claimant, cue.stance, subject, token, degree, source.confidence)

    def names_attacker(self, head: Token) -> bool:
        head = self.resolve_relative(head)
        return head.i in self.actor_at or head.lower_ in self.lex.group_nouns | self.lex.operation_nouns

    def governed_by_accusation(self, token: Token) -> bool:
        """Inside the object of 'accuse'/'expose'/'deny': that cue reads the whole phrase."""
        current = token
        for _ in range(4):
            if current.head.i == current.i or not self.together(current.head, token):
                return False
            if current.dep_ in self.deps["subj"] | self.deps["pass_subj"]:
                return False
            current = current.head
            cue = self.lex.cues.get(current.lower_)
            if cue is not None and cue.kind in ("verb", "deny"):
                return True
        return False

    def predicate_object_ok(self, token: Token, cue: Cue) -> bool:
        """'responsible for cyber security' is no accusation: the object must be an operation, if any."""
        # "responsible for X", "behind X", "involved in X"; a verb's direct object is its victim
        if cue.degree == "sponsored" or cue.target_preps or self.is_cyber(token):
            return True
        objects = self.prep_objects(token, ("for", "of", "in", "de", "d'", "des", "du", "behind", "derrière"))
        if not objects:
            return True
        return any(
            self.is_operation(o)
            or self.is_cyber(o)
            or o.lower_ in ("incident", "incidents")
            for obj in objects
            for o in [obj] + [c for c in self.children_of(obj) if c.dep_ in ("conj", "compound")]
        )

    def read_deny(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'China denied responsibility', 'Li rejected U.S. accusations', 'La Russie nie son implication'.

        The owner of a rejected accusation is the counterpart and is read as accusing the denier."""
        objects = self.children(token, "obj") + [c for c in self.kids(token) if c.dep_ in ("xcomp", "ccomp")]
        if token.pos_ == "NOUN":  # "denial"
            objects = [c for c in self.kids(token)]
        accusation = None
        for obj in objects:
            words = {t.lower_ for t in self.subtree_of(obj) if t.i - obj.i < 4}
            if obj.lower_ in self.lex.deny_objects or words & self.lex.deny_objects:
                accusation = obj
                break
        if accusation is None:
            return
        if not self.cyber_context(token, window=3):
            return
        subjects = self.children(token, "subj") or self.orphan_subject(token)
        claimant_head = subjects[0] if subjects else None
        if claimant_head is None and token.dep_ in ("xcomp", "conj", "advcl", "acl"):
            claimant_head = self.subject_of(token.head)
        claimants, confidence = self.claimant_for(token, claimant_head, set())
        # "Le porte-parole du Kremlin, Dmitri Peskov, a démenti": the name parsed as a second subject
        for other in subjects[1:]:
            more, _ = self.claimant_for(token, other, set())
            claimants += [a for a in more if a not in claimants]
        if not claimants:
            return
        accusers = (
            self.owner_of(accusation)
            if accusation.lower_ in self.lex.accusation_forms | self.lex.document_nouns
            else []
        )
        accusers = [a for a in accusers if a not in claimants]
        for claimant in claimants:
            counterpart = accusers[0] if accusers else None
            yield Found(claimant, "denies", None, token, "unspecified", confidence, counterpart=counterpart)
            for accuser in accusers:
                yield Found(
                    accuser,
                    "accuses",
                    claimant,
                    accusation,
                    "unspecified",
                    confidence - 0.1,
                    subject_id=self.speaker_state(claimant)[0],
                )

    def read_baseless(self, cue: Cue, token: Token) -> Iterator[Found]:
        """'the Pentagon's claims were groundless' said by a spokesperson: a denial by the source."""
        if token.dep_ in ("amod", "nmod", "acl"):  # "groundless claims", "accusations sans fondement"
            target = token.head
            for _ in range(2):  # "ces accusations de piratage de calomnies"
                if (
                    target.lower_ in self.lex.accusation_forms | self.lex.document_nouns
                    or target.dep_ != "nmod"
                ):
                    break
                target = target.head
        else:
            target = self.subject_of(token)
        if target is None or target.lower_ not in self.lex.accusation_forms | self.lex.document_nouns:
            target = self.called_accusation(token)
        if target is None:
            return
        if target.head.lower_ in self.lex.cues and self.lex.cues[target.head.lower_].kind == "deny":
            return  # "nie les accusations infondées": the denial verb reads it
        if not self.cyber_context(token, window=3):
            return
        source = self.source_for(token, {t.i for t in self.subtree_of(target)})
        if source is None:
            return
        accusers = [a for a in self.owner_of(target) if a not in source.actors]
        for claimant in source.actors:
            yield Found(
                claimant,
                "denies",
                None,
                token,
                "unspecified",
                source.confidence,
                counterpart=accusers[0] if accusers else None,
            )
            for accuser in accusers:
                yield Found(
                    accuser,
                    "accuses",
                    claimant,
                    target,
                    "unspecified",
                    source.confidence - 0.1,
                    subject_id=self.speaker_state(claimant)[0],
                )

    def called_accusation(self, token: Token) -> Token | None:
        """'called the accusations [by X] groundless', 'a qualifié d'infondées les accusations',
        'qualifie de calomnies les accusations': the accusation a verb of saying calls baseless,
        wherever the parser hung the cue below that verb."""
        nouns = self.lex.accusation_forms | self.lex.document_nouns
        if self.together(token.head, token) and token.head.lower_ in self.lex.speech_verbs:
            for child in self.children(token, "obj"):  # "qualifié d'infondées les accusations"
                if child.lower_ in nouns:
                    return child
        current = token
        for _ in range(3):
            if current.head.i == current.i or not self.together(current.head, token):
                return None
            current = current.head
            if current.lower_ in self.lex.speech_verbs and current.pos_ in ("VERB", "AUX"):
                # "called the accusations groundless", "qualifie de calomnies les accusations"
                found = [o for o in self.children(current, "obj") if o.lower_ in nouns and o.i != token.i]
                return found[0] if found else None
            if current.lower_ in nouns and current.dep_ in self.deps["obj"]:
                # "called the accusations by the United States groundless", parsed as the object's last word
                if current.head.lower_ not in self.lex.speech_verbs:
                    return None
                last = max(t.i for t in self.subtree_of(current) if not t.is_punct)
                return current if last == token.i else None
        return None

    # ----- the incident a claim is about

    def incident_for(self, cue: Token) -> str | None:
        """The operation named in the cue's sentence (the nearest to the cue), else in an earlier
        sentence of its paragraph; None when none is named in a recognisable way."""
        sent = self.sentence_of(cue)
        found = self.incidents_in(sent)
        if found:
            return min(found, key=lambda item: abs(item[0] - cue.i))[1]
        n = self.sent_index.get(sent.start)
        if n is None:
            return None
        paragraph = self.paragraph_of.get(sent.start)
        for previous in reversed(self.sents[:n]):
            if self.paragraph_of.get(previous.start) != paragraph:
                break
            found = self.incidents_in(previous)
            if found:
                return found[-1][1]
        return None

    def incidents_in(self, sent: Span) -> list[tuple[int, str]]:
        """(token index, name) of each named operation: 'the SolarWinds hack', 'the attack on the
        OPCW', 'le piratage du Bundestag', or a well-known name ('NotPetya')."""
        if sent.start in self.incidents_by_sentence:
            return self.incidents_by_sentence[sent.start]
        found: list[tuple[int, str]] = []
        for i in between(self.where("incident_nouns"), sent.start, sent.end):
            token = self.doc[i]
            if token.pos_ in ("NOUN", "PROPN"):
                span = self._named_before(token, sent) or self._target_after(token, sent)
                if span is not None:
                    found.append((token.i, span.text))
        sent_text = self.text[sent.start_char : sent.end_char]  # = sent.text, without joining tokens
        if self.lex.incident_names is not None and self.may_name_incident(sent_text):
            for match in self.lex.incident_names.finditer(sent_text):
                if match.group()[:1].islower():
                    continue  # a common word, not the name
                if not any(match.group() in name for _, name in found):
                    token = self.doc.char_span(
                        sent.start_char + match.start(),
                        sent.start_char + match.end(),
                        alignment_mode="expand",
                    )
                    found.append((token.start if token is not None else sent.start, match.group()))
        found.sort()
        self.incidents_by_sentence[sent.start] = found
        return found

    def may_name_incident(self, sent_text: str) -> bool:
        """False when the well-known (ASCII) names cannot match: no character of the text outside
        ASCII can match one of theirs, and the text holds none of them in lower case (ASCII letters
        match case-blind exactly when their lower case forms are equal). Substring tests are much
        cheaper than the pattern."""
        keys = self.lex.incident_name_keys
        if keys is None:
            return True
        if not sent_text.isascii() and any(
            self.lex.may_match_a_name(char) for char in set(sent_text) if not char.isascii()
        ):
            return True
        lowered = sent_text.lower()
        return any(key in lowered for key in keys)

    def _capitalised(self, token: Token, sent: Span) -> bool:
        """A word of a name: capitalised (not merely sentence-initial) or a year."""
        if token.like_num:
            return len(token.text) == 4
        if not token.text[:1].isupper() or token.ent_type_ == "DATE":  # "13 January defacements"
            return False
        return token.i != sent.start or token.pos_ == "PROPN"

    def _names_an_actor_side(self, tokens: list[Token], kinds: tuple[str, ...]) -> bool:
        """Is a word of the name an actor of these kinds, or (with "state") a nationality ('Russian hack')?"""
        for token in tokens:
            if any(span.label_ in kinds for span in self.spans_at.get(token.i, ())):
                return True
            if "state" in kinds and state_mention(self.doc, token) is not None:
                return True
        return False

    def _named_before(self, head: Token, sent: Span) -> Span | None:
        """'the [2015] Bundestag hack', 'the WannaCry ransomware attack' (English order)."""
        i = head.i - 1
        while i >= sent.start and self.doc[i].lower_ in self.lex.incident_modifiers:
            i -= 1
        end = i + 1
        while i >= sent.start and self._capitalised(self.doc[i], sent) and end - i <= 4:
            i -= 1
        run = list(self.doc[i + 1 : end])
        if not run or all(t.like_num for t in run):
            return None
        if self._names_an_actor_side(run, ("state", "agency", "group", "person")):
            return None  # the attacker or a nationality, not the operation's name
        return self.doc[i + 1 : head.i + 1]

    def _target_after(self, head: Token, sent: Span) -> Span | None:
        """'the attack on the OPCW', 'la cyberattaque contre TV5 Monde', 'the hack of Microsoft
        Exchange servers': an operation noun with a named target."""
        doc = self.doc
        j = head.i + 1
        while j < sent.end and doc[j].lower_ in self.lex.incident_modifiers:
            j += 1  # "le piratage informatique de l'AMA"
        if j >= sent.end or doc[j].lower_ not in self.lex.incident_preps:
            return None
        prep = doc[j].lower_
        j += 1
        while j < sent.end and doc[j].lower_ in self.lex.determiners:
            j += 1
        # "le piratage des ordinateurs du Comité ...": the systems of a named target
        if (
            j + 1 < sent.end
            and doc[j].lower_ in self.lex.incident_objects
            and doc[j + 1].lower_ in self.lex.incident_preps
        ):
            j += 2
            while j < sent.end and doc[j].lower_ in self.lex.determiners:
                j += 1
        start = j
        while j < sent.end and j - start < 8:
            if self._capitalised(doc[j], sent):
                j += 1
            elif (
                doc[j].lower_ in self.lex.incident_preps | self.lex.determiners | NAME_CONNECTORS
                and j + 1 < sent.end
                and self._capitalised(doc[j + 1], sent)
                and j > start
            ):
                j += 1  # "Organisation for the Prohibition of Chemical Weapons"
            else:
                break
        run = list(doc[start:j])
        if not run or all(t.like_num for t in run):
            return None
        for span in self.spans_at.get(j - 1, ()):  # "du Comité national démocrate": the whole name
            j = max(j, min(span.end, sent.end))
        if j < sent.end and doc[j].pos_ == "NOUN":
            if doc[j].lower_ not in self.lex.incident_objects:
                return None  # "attacks on U.S. companies": a description, not a named target
            j += 1
            if j < sent.end and doc[j].pos_ == "NOUN":
                return None  # "U.S. government computer systems"
        # "the operations of the GRU", "la cyberattaque de la Russie": the attacker, not the target
        possessive = prep in ("of", "de", "d'", "d’", "des")
        if self._names_an_actor_side(run, ("agency", "group", "person") + (("state",) if possessive else ())):
            return None
        first = head.i
        while first > sent.start and doc[first - 1].lower_ in self.lex.incident_modifiers:
            first -= 1
        return doc[first:j]

    # ----- normalising

    def speaker_state(self, span: Span) -> tuple[str, str | None]:
        """Claimant id and speaker id: people and state organs speak for their state."""
        country = self.country_of(span)
        if span.label_ == "person":
            return (country, span.kb_id_) if country else (span.kb_id_, None)
        if country and span.kb_id_ in self.lex.state_organ_ids:
            return country, None
        if country and span.label_ not in ("state", "intergov", "group", "company"):
            if {t.lower_ for t in span} & self.lex.state_organ_words:
                return country, None
        return span.kb_id_, None

    def country_of(self, span: Span) -> str | None:
        """``span._.actor_country``, which depends on the actor only: asked once per actor."""
        actor_id = span.kb_id_
        if actor_id not in self._countries:
            has_country = span.has_extension("actor_country")
            self._countries[actor_id] = getattr(span._, "actor_country", None) if has_country else None
        return self._countries[actor_id]

    def subject_id(self, span: Span) -> str:
        claimant, _ = self.speaker_state(span)
        if span.label_ == "person":
            return span.kb_id_
        return claimant

    def to_claim(self, cue: Cue, found: Found, with_incident: bool = True) -> Claim | None:
        if found.claimant is None:
            return None
        claimant_id, speaker_id = self.speaker_state(found.claimant)
        if found.stance == "denies":
            subject_id = claimant_id if found.subject is None else self.subject_id(found.subject)
        else:
            if found.subject is None:
                return None
            subject_id = found.subject_id or self.subject_id(found.subject)
            if subject_id == claimant_id:
                return None
            if not (
                self.cyber_context(found.cue)
                or found.subject.label_ == "group"
                or self.operation_in_cyber_story(found.cue)
            ):
                return None
        counterpart_id = None
        if found.counterpart is not None:
            counterpart_id, _ = self.speaker_state(found.counterpart)
            if counterpart_id == claimant_id:
                counterpart_id = None
        sent = self.sentence_of(found.cue)
        hedged = self.hedged(found.cue)
        confidence = round(max(0.05, min(0.95, found.confidence - (0.1 if hedged else 0.0))), 2)
        return Claim(
            claimant_id=claimant_id,
            stance=found.stance,
            subject_id=subject_id,
            evidence=self.text[sent.start_char : sent.end_char],
            start_char=sent.start_char,
            end_char=sent.end_char,
            cue=found.cue.text,
            speaker_id=speaker_id,
            counterpart_id=counterpart_id,
            incident=self.incident_for(found.cue) if with_incident else None,
            degree=found.degree if found.stance == "accuses" else "unspecified",
            hedged=hedged,
            confidence=confidence,
        )


def state_mention(doc: Doc, token: Token) -> Span | None:
    """A one-word state name or nationality adjective as a state mention (from the gazetteer)."""
    if not token.is_alpha and "." not in token.text:
        return None
    gazetteer = load_gazetteer()
    for alias in gazetteer.lookup(token.text):
        actor = gazetteer.get(alias.actor_id)
        if actor is not None and actor.kind == "state" and alias.role in ("name", "demonym"):
            span = Span(doc, token.i, token.i + 1, label="state", kb_id=actor.id)
            return span
    return None


def between(positions: list[int], start: int, end: int) -> list[int]:
    """The sorted ``positions`` in [start, end)."""
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


# ---------------------------------------------------------------- text layout


# the characters quote_spans looks at: the quote marks and the line break that ends a paragraph
QUOTE_MARKS_OR_BREAK = re.compile("[" + re.escape("".join({*QUOTES, *QUOTES.values()})) + "\n]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (paired quote marks, within a paragraph)."""
    spans: list[tuple[int, int]] = []
    opener_at: int | None = None
    closer = ""
    for match in QUOTE_MARKS_OR_BREAK.finditer(text):  # (the other characters do not matter)
        char, i = match.group(), match.start()
        if char == "\n":
            opener_at = None  # a quote left open ends with its paragraph
        elif opener_at is None and char in QUOTES:
            opener_at, closer = i, QUOTES[char]
        elif opener_at is not None and char == closer:
            spans.append((opener_at, i + 1))
            opener_at = None
    return spans


def segments(doc: Doc) -> tuple[list[Span], dict[int, int]]:
    """The parser's sentences cut at line breaks, and each one's paragraph number (by start token).

    A segment starts at the first token that is not a space, and ends before a line break (a
    space token holding "\n"), or at the end of the sentence less its trailing spaces. Only the
    few space tokens are looked at one by one. A sentence the parser cut in the middle (see
    ``continues``) is one segment.
    """
    spaces = set(np.flatnonzero(doc.to_array(IS_SPACE)).tolist())
    breaks = sorted(i for i in spaces if "\n" in doc[i].text)
    found: list[Span] = []
    paragraph_of: dict[int, int] = {}
    paragraph = 0
    for sent in doc.sents:
        start = sent.start
        for cut in [*between(breaks, sent.start, sent.end), sent.end]:
            while start < cut and start in spaces:
                start += 1
            if cut == sent.end:
                end = cut
                while end > start and end - 1 in spaces:
                    end -= 1
            else:
                end = cut
            if start < end and continues(doc, found, start):
                found[-1] = doc[found[-1].start : end]  # "Pékin | a rejeté ...": one sentence
            elif start < end:
                found.append(doc[start:end])
                paragraph_of[start] = paragraph
            if cut < sent.end:  # a line break: the next segment is a new paragraph
                paragraph += 1
            start = cut + 1
    return found, paragraph_of


def continues(doc: Doc, found: list[Span], start: int) -> bool:
    """Does a segment starting at ``start`` go on the previous one? The parser sometimes cuts a
    sentence after its subject ("Pékin" | "a rejeté ces accusations"): the previous segment ends
    right there without punctuation, and this one starts with a lower-case word."""
    if not found or found[-1].end != start:
        return False
    return not doc[start - 1].is_punct and doc[start].text[:1].islower()


__all__ = ["ClaimExtractor", "Cue", "Lexicon", "claims_from_doc", "load_lexicon", "make_claim_extractor"]
