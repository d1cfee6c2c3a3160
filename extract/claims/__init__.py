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

The package, one module per idea:

- ``lexicon``: cue words and word lists per language (``extract/lexicons/<lang>.json``);
- ``cues``: a cue (``Cue``) and the reading of a lexicon's cue list;
- ``lexicon_files``: incident names, dependency label groups, state organs;
- ``layout``: segments (sentences cut at line breaks), paragraphs, quotations;
- ``view``: one parsed document's index of mentions and words, and syntax helpers;
- ``verb_subjects``: the subjects and agents of verbs, however the parser hung them;
- ``phrases``: the actors of a phrase, without its victims or nested accusations;
- ``speaker_phrases``: who speaks through a phrase, owners of accusations;
- ``accused_phrases``: who is accused in a phrase, agents of operations;
- ``sources``: who says a sentence (a reporting verb above the cue), the claimant of a subject;
- ``marked_sources``: sources a phrase marks ("according to X", an opinion, a conviction);
- ``context_sources``: the speaker of a quote, paragraph, introduction or title;
- ``document``: who speaks for a whole document (its named authors, its official publisher);
- ``publishers``: the official bodies and the state a publisher's name holds;
- ``context``: cyber context, hedging, negation, degree;
- ``verbs``, ``nouns``, ``predicates``, ``denials``: the readers of each cue kind;
- ``verb_accused``: who a verb cue accuses (its object, its preposition's argument, a sponsor);
- ``predicate_subjects``, ``predicate_operations``: what a predicate is said of, and whether it
  is about an operation;
- ``identities``: identity cues ('the actors are, in fact, the GRU');
- ``denied_accusations``: what a denial rejects and who made that accusation;
- ``incidents``: the operation a claim is about;
- ``normalise``: from what was found to ``Claim`` records;
- ``reader``: ``DocReader``, which dispatches each cue to its reader (``READERS``);
- ``component``: the spaCy factory ``claim_extractor``.
"""

from extract.claims.component import ClaimExtractor, claims_from_doc, make_claim_extractor
from extract.claims.cues import Cue
from extract.claims.lexicon import LEXICON_DIR, Lexicon, load_lexicon

__all__ = [
    "LEXICON_DIR",
    "ClaimExtractor",
    "Cue",
    "Lexicon",
    "claims_from_doc",
    "load_lexicon",
    "make_claim_extractor",
]
