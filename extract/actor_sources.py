"""Who only says what a name is (used by ``actor_linker``).

A person or a company named in a sentence about a name, not about the operation: "The name
'Fancy Bear' comes from a coding system researcher X uses", "'We believe the name was the
internal name the attackers gave to this operation,' X said", « Le nom « X » vient d'un système
de codage que le chercheur Y utilise ». The sentence's subject, or the subject of what its speech
verb says, is one of ``name_nouns``: the mention is a naming source (class C4 of the devset's
adjudication), no part in the story; the actor stays where it is named otherwise. So is one named in
a sentence that only dates an activity ("The group has been operating since the late 1990s,
according to X", "X determined that the earliest samples are from 2008", « selon X, le groupe est
actif depuis 2008 »: a clause with one of ``dating_preps`` before a date) and has no cyber word and
no word of an attribution. And a newspaper named only as where a piece appeared ("wrote an
op-ed in The Daily Courier", « une tribune dans Le Quotidien »: after a preposition on one of
``venue_nouns``) is the venue, not an actor, there.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.actor_ruler import has_any_word

SOURCE_KINDS = ("person", "company")
CLAUSE_SOURCE_KINDS = ("person", "company", "other")  # (WikiLeaks: an organisation)
NAME_CLAUSE_REACH = 6  # heads from a mention up to the verb of a clause about a name
CLAUSE_DEPS = ("ccomp", "parataxis")  # what a speech verb says, a quotation before « a déclaré X »
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")
YEAR_DIGITS = 4


def without_name_sources(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the people and companies named in a sentence about a name, or in one
    that only dates an activity, telling no act (not "X said the GRU has been hacking routers
    since 2010", "X believes the group had been compromising ministries since 2010")."""
    nouns = context.get("name_nouns")
    if not nouns or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    preps, cues = context.get("dating_preps", ()), context.get("perpetrator")
    if not has_any_word(mentions[0][0].doc, (*nouns, *preps)):
        return mentions  # (the cheap test first: neither a name noun nor a dating preposition in the text)
    about: dict[int, bool] = {}  # by sentence start
    out = []
    for span, role in mentions:
        if span.label_ in SOURCE_KINDS:
            sentence = span.sent
            if sentence.start not in about:
                clauses = _clauses(sentence.root)
                dated = bool(preps) and cues is not None and _dated(clauses, preps)
                about[sentence.start] = _about_a_name(clauses, nouns) or (
                    dated and not _tells_an_act(sentence, context)
                )
            if about[sentence.start]:
                continue
        if span.label_ in CLAUSE_SOURCE_KINDS and _in_a_name_clause(span, nouns):
            continue  # "the name appears in a cable released by WikiLeaks"
        out.append((span, role))
    return out


def _in_a_name_clause(span: Span, nouns) -> bool:
    """Is a clause over the span about a name: a verb a few heads up whose subject is one of
    ``nouns`` ("the latter name appears in a 2008 cable released by X", « ce nom est évoqué dans
    un câble dévoilé par X »)?"""
    node = span.root
    for _ in range(NAME_CLAUSE_REACH):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(
            c.dep_ in SUBJECT_DEPS and c.lower_ in nouns for c in node.children
        ):
            return True
    return False


def _clauses(root: Token) -> set[Token]:
    """The sentence's verb and the clauses it says (two levels: "X said that Y determined that")."""
    clauses = [root]
    for _ in range(2):
        clauses += [c for clause in clauses for c in clause.children if c.dep_ in CLAUSE_DEPS]
    return set(clauses)


def _dated(clauses: set[Token], preps) -> bool:
    """Is a clause dated: a date after one of ``preps`` on its verb ("operating since the late
    1990s", "are from 2008", « actif depuis 2008 »)?"""
    for clause in clauses:
        for word in (w for c in clause.children for w in (c, *c.children)):
            if _a_date(word) and (
                word.head.lower_ in preps
                or any(m.dep_ == "case" and m.lower_ in preps for m in word.children)
            ):
                return True
    return False


def _about_a_name(clauses: set[Token], nouns) -> bool:
    """Is the subject of the sentence, or of a clause its verb says, a name ("the name comes
    from", "said that the name was", « le nom vient de »)?"""
    return any(
        child.dep_ in SUBJECT_DEPS and child.lower_ in nouns
        for clause in clauses
        for child in clause.children
    )


def _a_date(word: Token) -> bool:
    """A date: the NER's, or a year written in figures (the French NER has no dates)."""
    return word.ent_type_ == "DATE" or (word.is_digit and len(word.text) == YEAR_DIGITS)


def _tells_an_act(sentence: Span, context: dict) -> bool:
    """Does the sentence tell a cyber act or an attribution: a cyber word, a word of an
    attribution, an attack or a targeting verb ("had been compromising diplomatic organisations
    since 2010")?"""
    text = sentence.text
    patterns = (context["cyber"], context.get("perpetrator"), context.get("agent"), context.get("incident"))
    if any(p is not None and p.search(text) for p in patterns):
        return True
    verbs = context.get("target_verbs", ())
    return any(t.lower_ in verbs for t in sentence)


def without_venues(mentions: list[tuple[Span, str]], context: dict) -> list[tuple[Span, str]]:
    """``mentions`` without the companies and organisations named only as the venue of a piece:
    the object of "in" / « dans » on one of ``venue_nouns`` ("an op-ed in X", « un entretien dans
    X »); not the one who wrote it or is interviewed ("an interview with X")."""
    nouns, preps = context.get("venue_nouns"), context.get("venue_preps", ())
    if not nouns or not mentions or not mentions[0][0].doc.has_annotation("DEP"):
        return mentions
    return [(span, role) for span, role in mentions if not _a_venue(span, nouns, preps)]


def _a_venue(span: Span, nouns, preps) -> bool:
    if span.label_ not in CLAUSE_SOURCE_KINDS:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in preps:
        noun = root.head.head  # English: noun <- in <- X
    elif root.dep_ in ("nmod", "obl", "obl:mod") and any(c.lower_ in preps for c in root.children):
        noun = root.head  # UD: noun <- X (case « dans »)
    else:
        return False
    doc = span.doc
    word = noun.lower_
    if noun.i >= 2 and doc[noun.i - 1].text == "-":
        word = doc[noun.i - 2 : noun.i + 1].text.lower()  # "op-ed"
    return word in nouns


def without_group_asides(mentions: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """``mentions`` without the companies and organisations named only inside a bracketed aside
    right after a threat group's name, which tells of the group's other operations ("the Lazarus
    Group (believed to be behind the attack on X in 2014)", « le groupe Y (auteur de l'attaque
    contre X en 2016) »): victims of another story."""
    groups = {span.end for span, _ in mentions if span.label_ == "group"}
    if not groups:
        return mentions
    return [(span, role) for span, role in mentions if not _in_group_aside(span, groups)]


def _in_group_aside(span: Span, group_ends: set[int]) -> bool:
    if span.label_ not in CLAUSE_SOURCE_KINDS:
        return False
    doc, i = span.doc, span.start - 1
    while i >= span.sent.start and doc[i].text not in ("(", ")"):
        i -= 1
    return i >= span.sent.start and doc[i].text == "(" and i in group_ends
