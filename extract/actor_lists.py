"""Names in a list of people that the NER labelled as something else (used by ``actor_people``).

Indictments and sanctions list the accused one after the other ("officers Gu Chunhui, Huang
Zhenyu, Sun Kailiang and Wang Dong", « X, Y et Z »); the small models take an unfamiliar name among
them for a place or an organisation. A name of two to four capitalised words that the list joins
to a person the NER found, with no word of an organisation's name in it, is a person too; not
one right before a person's name, which is his title ("..., and Japanese Foreign Minister Okano
Masataka"). A name the NER glued to its gloss in another script ("Petr Nikolayevich Orlov (Петр
Николаевич Орлов", taken for one organisation) is read up to the bracket.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

NAME_WORDS = (2, 4)  # words of a listed name
TITLE_REACH = 2  # capitalised words of a title between a listed entity and a name
BRACKET_REACH = 8  # tokens of a bracketed gloss between list members ("(Юрий Андриенко)")


def listed_people(doc: Doc, ents, people: list[Span], list_words, org_words, title_words=()) -> list[Span]:
    """The non-person entities of ``ents`` that a list joins to a person of ``people``; not one
    that ends with a title, the person's in apposition ("the President's Homeland Security
    Advisor, Jane Roe, said")."""
    if len(people) < 1:
        return []
    person_ends = {span.end for span in people}
    person_starts = {span.start for span in people}
    out = []
    for ent in ents:
        if ent.label_ in ("PERSON", "PER"):
            continue
        ent = _before_gloss(doc, ent)  # "X (its own script" taken for one organisation's name
        if not NAME_WORDS[0] <= len(ent) <= NAME_WORDS[1]:
            continue
        if not all(t.is_title and t.is_alpha and t.lower_ not in org_words for t in ent):
            continue
        if ent[-1].lower_ in title_words:
            continue  # a title, the name in apposition after it
        if _before_a_name(doc, ent.end, person_starts):
            continue  # a title right before a name: "Japanese National Security Advisor Okano Masataka"
        before = _skip_joins(doc, ent.start - 1, -1, list_words)
        after = _skip_joins(doc, ent.end, 1, list_words)
        joined_before = before is not None and before + 1 in person_ends
        joined_after = after is not None and after in person_starts
        if joined_before or joined_after:
            out.append(Span(doc, ent.start, ent.end, label="PERSON"))
    return out


def _before_gloss(doc: Doc, ent: Span) -> Span:
    """The entity up to a bracket that opens in it (the name before its gloss in another script)."""
    opening = next((t.i for t in ent if t.text == "("), None)
    return ent if opening is None else Span(doc, ent.start, opening, label=ent.label_)


def _before_a_name(doc: Doc, i: int, person_starts: set[int]) -> bool:
    """Does a person's name start at token ``i``, or after a few more capitalised words there (the
    rest of a title: "Japanese National Security" before "Advisor Okano Masataka")?"""
    for k in range(i, min(i + TITLE_REACH + 1, len(doc))):
        if k in person_starts:
            return True
        if not (doc[k].is_title and doc[k].is_alpha):
            return False
    return False


def _skip_joins(doc: Doc, i: int, step: int, list_words) -> int | None:
    """From token ``i`` in direction ``step``, over list words and bracketed glosses: the first
    other token's index, or None when no list word or gloss was crossed."""
    crossed = False
    while 0 <= i < len(doc):
        word = doc[i].lower_
        if word in list_words:
            crossed, i = True, i + step
            continue
        close, open_ = (")", "(") if step < 0 else ("(", ")")
        if word == close:  # a gloss: "Andrienko (Юрий Андриенко), Detistov"
            j = i + step
            while 0 <= j < len(doc) and abs(j - i) <= BRACKET_REACH and doc[j].text != open_:
                j += step
            if not (0 <= j < len(doc)) or doc[j].text != open_:
                return None
            crossed, i = True, j + step
            continue
        break
    return i if crossed and 0 <= i < len(doc) else None


def widened_name(doc: Doc, start: int, end: int, title_words, list_words) -> tuple[int, int]:
    """The bounds of a person's name the NER cut short: a first name it left out in a list (",
    Artem Valeryevich Ochichenko" found as "Valeryevich Ochichenko"; not « Selon Roger Faligot »),
    or the surname after a middle initial ("Dermot F. O’Reilly" found as "Dermot F.")."""
    if start > 1 and doc[start - 2].lower_ in list_words and _bare_name_word(doc[start - 1], title_words):
        start -= 1
    elif start > 0 and _first_name_of(doc[start - 1], start, end, title_words):
        start -= 1  # "designated Dmitry Yuryevich Khoroshev" found as "Yuryevich Khoroshev"
    last = doc[end - 1].text
    if len(last) == 2 and last[0].isupper() and last[1] == "." and end < len(doc):
        if _bare_name_word(doc[end], title_words, apostrophes=True):
            end += 1
    return start, end


HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "m", "mme", "mlle"})


def _first_name_of(token, start: int, end: int, title_words) -> bool:
    """Is the word before the name a first name the NER left out: a proper noun outside any entity
    that the parser compounds with the name?"""
    return (
        token.pos_ == "PROPN"
        and token.lower_.rstrip(".") not in HONORIFICS
        and token.dep_ == "compound"
        and start <= token.head.i < end
        and _bare_name_word(token, title_words)
        # (not the end of a title: 'Industry and Security Policy Helen R. Whitcombe')
        and not (token.i > 0 and token.nbor(-1).is_title)
    )


def _bare_name_word(token, title_words, apostrophes: bool = False) -> bool:
    """A capitalised word outside any entity that is no title ("Artem", "O’Reilly")."""
    text = token.text
    letters = text.replace("’", "").replace("'", "").replace("-", "") if apostrophes else text
    return (
        not token.ent_type_
        and letters.isalpha()
        and text[0].isupper()
        and not text.isupper()
        and token.lower_ not in title_words
    )


def unnamed_list_heads(doc: Doc, people: list[Span], list_words, title_words, org_words) -> list[Span]:
    """A name the NER missed at the head of a list of persons it found ("Maksim Viktorovich
    Yakubets, Igor Olegovich Turashev and Aleksandr Viktorovich Ryzhenkov hold senior roles"):
    two to four capitalised words outside any entity, right before a list word and a person, from
    the start of the sentence or after a word that is no name."""
    starts = {span.start for span in people}
    taken = {i for span in people for i in range(span.start, span.end)}
    out = []
    for start in sorted(starts):
        end = start - 1
        if end < 1 or doc[end].lower_ not in list_words:
            continue
        first = end
        while first > 0 and end - first < NAME_WORDS[1] and _bare_name_word(doc[first - 1], title_words):
            first -= 1
            if doc[first].is_sent_start:
                break
        words = doc[first:end]
        if not NAME_WORDS[0] <= len(words) <= NAME_WORDS[1] or any(t.i in taken for t in words):
            continue
        if any(t.lower_ in org_words for t in words):
            continue
        if not (words[0].is_sent_start or not doc[first - 1].is_title):
            continue  # (a longer capitalised run: a title or an organisation's name)
        out.append(Span(doc, first, end, label="PERSON"))
    return out


def unnamed_list_tails(doc: Doc, people: list[Span], list_words, title_words, org_words) -> list[Span]:
    """A name the NER missed after a list word that follows a person it found ("charged Li
    Wenhao, Zhou Mingyu and Tang Shaoqing with ...", « Zhou Mingyu et Tang Shaoqing pour »): two to
    four capitalised words outside any entity, followed by a word that is no name."""
    taken = {i for span in people for i in range(span.start, span.end)}
    out = []
    for span in people:
        first = span.end
        if first >= len(doc) or doc[first].lower_ not in list_words:
            continue
        while first < len(doc) and doc[first].lower_ in list_words:
            first += 1  # ', and'
        end = first
        while end < len(doc) and end - first < NAME_WORDS[1] and _bare_name_word(doc[end], title_words):
            end += 1
        words = doc[first:end]
        if not NAME_WORDS[0] <= len(words) <= NAME_WORDS[1] or any(t.i in taken for t in words):
            continue
        if any(t.lower_ in org_words for t in words) or any(t.is_sent_start for t in words):
            continue
        if end < len(doc) and doc[end].is_title and doc[end].is_alpha:
            continue  # (a longer capitalised run: a title or an organisation's name)
        out.append(Span(doc, first, end, label="PERSON"))
        taken.update(range(first, end))
    return out


def person_runs(doc: Doc, people: list[Span], list_words) -> dict[int, list[Span]]:
    """The persons a list joins, by the start of each ("charging X, Y, Z and W, for": the parser
    may hang the names on different words, but the text lists them together): names separated only
    by list words. Each run of two or more names maps every member's start to the whole run."""
    ordered = sorted(people, key=lambda span: span.start)
    runs: list[list[Span]] = []
    for span in ordered:
        if runs and _joined(doc, runs[-1][-1].end, span.start, list_words):
            runs[-1].append(span)
        else:
            runs.append([span])
    return {member.start: run for run in runs if len(run) > 1 for member in run}


def _joined(doc: Doc, end: int, start: int, list_words) -> bool:
    between = doc[end:start]
    return 0 < len(between) <= 2 and all(t.lower_ in list_words for t in between)
