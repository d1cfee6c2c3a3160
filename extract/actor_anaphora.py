"""Light coreference (used by ``actor_linker``): "the company", "l'entreprise", "le groupe", "the
ministry" link to the latest earlier actor of a compatible kind; these anaphora are mentions too.
Descriptions of a threat group ("the hackers", "ce groupe de hackers") link only to a group named
in the same paragraph or in the sentence before (headings skipped), and chain through earlier
descriptions. The phrases are ``anaphora`` (by kind) and ``anaphora_blockers`` in
``patterns/actor_context.json``.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc, Span

MIN_SENTENCE_WORDS = 4  # shorter lines are headings, skipped when looking for the previous sentence
MAX_WORDS_KNOWN = 500_000  # bound of the per-process memory of words (a long run meets many)


class AnaphoraRules:
    """Mixin of ``ActorLinker``: needs ``self.context`` and ``self.gazetteer``."""

    context: dict
    gazetteer: object

    def _init_anaphora(self, nlp: Language) -> None:
        # ORTH id -> the word folded if it is a word of an anaphor, else "" (see _anaphor_words)
        self.anaphor_words_by_orth: dict[int, str] = {}
        self.anaphora = [
            (kind, [_fold(t.text) for t in nlp.make_doc(phrase)])
            for kind, phrases in self.context["anaphora"].items()
            for phrase in phrases
        ]
        self.anaphora.sort(key=lambda item: -len(item[1]))
        self.anaphora_by_first: dict[str, list[tuple[str, list[str]]]] = {}
        for kind, words in self.anaphora:
            self.anaphora_by_first.setdefault(words[0], []).append((kind, words))
        self.anaphor_vocabulary = {word for _, words in self.anaphora for word in words}
        # the same phrases by their first two words (and the one-word ones by their word), in the
        # same order: a phrase whose second word is not the next one cannot match
        self.anaphora_by_start: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
        self.one_word_anaphora: dict[str, list[tuple[str, list[str]]]] = {}
        for first, phrases in self.anaphora_by_first.items():
            self.one_word_anaphora[first] = [(kind, words) for kind, words in phrases if len(words) == 1]
            for second in {words[1] for _, words in phrases if len(words) > 1}:
                self.anaphora_by_start[(first, second)] = [
                    (kind, words) for kind, words in phrases if len(words) == 1 or words[1] == second
                ]

    def _anaphor_words(self, doc: Doc, orths: list[int]) -> dict[int, str]:
        """ORTH id -> the word folded (lower case, one apostrophe) if it is a word of an anaphor,
        else "": words of no anaphor cannot match one. Each distinct word is folded once per process.
        """
        known = self.anaphor_words_by_orth
        if len(known) > MAX_WORDS_KNOWN:
            known.clear()  # a bound on the memory of a very long run
        for orth in set(orths).difference(known):
            word = _fold(doc.vocab.strings[orth])
            known[orth] = word if word in self.anaphor_vocabulary else ""
        return known

    def _anaphora(self, doc, text, orths, mentions) -> list[tuple[Span, str]]:
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        ordered = sorted(mentions, key=lambda item: item[0].start)
        blockers = self.context["anaphora_blockers"]
        out = []
        folded = self._anaphor_words(doc, orths)
        # an anaphor starts with one of a few words: only there is it looked for, left to right;
        # a phrase found (taken or not) is skipped as a whole
        starts = [i for i, orth in enumerate(orths) if folded[orth] in self.anaphora_by_first]
        resume_at = 0
        for i in starts:
            if i < resume_at or i in taken:
                continue
            hit = None
            first = folded[orths[i]]
            second = folded[orths[i + 1]] if i + 1 < len(doc) else ""
            phrases = self.anaphora_by_start.get((first, second)) or self.one_word_anaphora[first]
            for kind, words in phrases:
                n = len(words)
                if i + n <= len(doc) and [folded[orth] for orth in orths[i : i + n]] == words:
                    hit = (kind, n)
                    break
            if hit is None:
                continue
            kind, n = hit
            resume_at = i + n
            if any(j in taken for j in range(i, i + n)):
                continue  # "L'Union européenne": the anaphor's last word starts a name
            after = doc[i + n] if i + n < len(doc) else None
            # "le groupe de travail", "the group of experts"; but "ce groupe de hackers d'être" is
            # complete and "accused the group of acting" introduces a verb
            blocked = after is not None and after.lower_ in blockers and n <= 2
            if blocked and after.i + 1 < len(doc) and doc[after.i + 1].pos_ in ("VERB", "AUX"):
                blocked = False
            if after is not None and (blocked or (after.is_title and after.i in taken)):
                continue
            if _names_its_own(doc, i + n - 1):
                continue  # « La société américaine de cybersécurité Fireye »: a description, not an anaphor
            antecedent = None
            head = folded[orths[i + n - 1]]
            for span, _ in ordered:
                if span.start >= i:
                    break
                if span.label_ == kind and self._named_like(span, head):
                    antecedent = span
            if antecedent is not None and kind == "group" and not _near(doc, text, antecedent, i):
                antecedent = None  # "the hackers" far from any named group are anybody
            if antecedent is not None:
                anaphor = Span(doc, i, i + n, label=kind, kb_id=antecedent.kb_id_)
                out.append((anaphor, "anaphor"))
                bisect.insort(ordered, (anaphor, "anaphor"), key=lambda item: item[0].start)  # a chain
        return out

    def _named_like(self, antecedent: Span, head: str) -> bool:
        """May an anaphor with this head word stand for the antecedent? "the ministry", « le
        ministère », "the department", "the centre" (``anaphora_named_heads``) only for an actor
        whose name has that word ("the Department of Justice"); other heads for any of the kind."""
        if head not in self.context.get("anaphora_named_heads", ()):
            return True
        actor = self.gazetteer.get(antecedent.kb_id_)
        names = [antecedent.text]
        if actor is not None:
            names += [actor.name, *(alias.text for alias in self.gazetteer.aliases_of(actor.id))]
        return any(head in _fold(name).split() for name in names)


OWN_NAME_REACH = 6  # words after an anaphor's head where a name of its own may stand
OWN_NAME_DEPS = frozenset({"amod", "nmod", "compound", "flat", "flat:name", "appos", "prep", "pobj", "case"})


def _names_its_own(doc: Doc, head: int) -> bool:
    """Does a capitalised name follow in the head noun's own phrase ('the company Fireye', « la
    société américaine de cybersécurité Fireye »), not in a clause after it?"""
    token = doc[head]
    if not token.is_lower:
        return False  # ('the Organisation for the Prohibition of Chemical Weapons': the name itself)
    for t in doc[head + 1 : min(len(doc), head + 1 + OWN_NAME_REACH)]:
        if t.is_punct or t.pos_ in ("VERB", "AUX"):
            return False
        if t.pos_ == "PROPN" and t.is_title and token in t.ancestors and t.dep_ in OWN_NAME_DEPS:
            return True
    return False


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def _near(doc: Doc, text: str, antecedent: Span, i: int) -> bool:
    """Is the antecedent in the paragraph of token ``i`` or in the sentence just before it?"""
    if "\n" not in text[antecedent.end_char : doc[i].idx]:
        return True
    if not doc.has_annotation("SENT_START"):
        return False
    # the sentence before, skipping headings ("Appartenance", "Background"): they are not discourse
    start = doc[i].sent.start
    while start > 0:
        previous = doc[start - 1].sent
        if sum(1 for t in previous if not (t.is_punct or t.is_space)) >= MIN_SENTENCE_WORDS:
            return previous.start <= antecedent.start
        start = previous.start
    return False
