"""Who speaks (used by ``actor_linker``): the subject of a speech verb ("X said", "said X", « a
déclaré X »), the source of a sentence ("according to X", « selon X »), the agent of an
announcement ("the announcement was made by X", « l'annonce a été faite par X »), across the cuts
the parser makes in a long sentence ('…,” said | Director X', 'by A, B, | Director C and D'); and
the speakers of a parliamentary record.

A French parliamentary record opens each speech with the speaker's honorific and full name on a
line of its own, ended by a full stop: « Mme Vanina Martin. Monsieur le président, ... ». The
person so labelled is a speaker of the document when the speech that follows (to the end of its
paragraph) has a cyber word; « M. le président. » names nobody. The honorifics are data
(``speaker_honorifics`` in ``patterns/actor_context.json``). A statement signed by a person (the
name alone on its last line, after a text with a cyber word) has that person as a speaker; so does
one whose first line is the author's byline, a name and a title with a title word ("Jane Q. Roe,
Secretary of State", « Jeanne Roe, ministre des Affaires étrangères »).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from extract.actor_places import PERSON_LABELS
from extract.actor_ruler import doc_text
from extract.records import Actor

NAME = r"[A-ZÀ-Ý][\w'’-]+(?: (?:de |d'|d’|le |la )?[A-ZÀ-Ý][\w'’-]+){1,3}"  # two to four capitalised words
# a transcript's speaker label: a name at a line's start, its title after a comma, a colon
SPEAKER_LABEL = re.compile(NAME + r"(?:, [^:\n.]{2,60})?:[ \t]")
NEXT_LABEL = re.compile(r"\n[A-Z][^:\n]{0,60}:[ \t]")  # the next one, a questioner's ("Q:") too
TURN_END = re.compile(r"\n(?:Q\b|[A-Z][^:\n]{0,60}:[ \t])")  # a next label, or a question ("Q Will...")
# a statement signed at its end: the signatory's name alone on the last line
SIGNATURE = re.compile(r"\n[ \t]*(" + NAME + r")[ \t]*\s*\Z")
# a statement's byline: the author's name (initials too: "Jane Q. Roe") and title, alone on the first line
INITIALED = r"[A-ZÀ-Ý][\w'’-]+(?: (?:[A-Z]\.|(?:de |d'|d’|le |la )?[A-ZÀ-Ý][\w'’-]+)){1,4}"
BYLINE = re.compile(r"\s*(" + INITIALED + r"), ([^\n.:]{2,80})\n")


class SpeakerRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.title_words``, ``self.voice_nouns``,
    ``self.known_person`` and ``self.new_id``. Who speaks: the subject of a speech verb, the source
    of a sentence, the agent of an announcement, a parliamentary record's speaker."""

    context: dict

    def _transcript_states(self, doc: Doc, text: str, mentions) -> list[tuple[Span, str]]:
        """The state a transcript's labelled speaker speaks for: the first "we" (one of
        ``first_plural``, « nous ») in one of his turns (each labelled one answers about the cyber
        story: ``_transcript_speakers``, ``_record_speakers``; any turn of that label), or in a turn
        of a head of state labelled by his title alone ("THE PRESIDENT:", ``title_labels``) that
        answers about it, when the document's publisher is the official body of one state ("MR.
        KIRBY: ... we have seen nothing that would cause us to dispute ..." in a White House
        transcript: USA); with no "we" in any of those turns, the first "I" (``first_singular``)."""
        words = self.context.get("first_plural", ())
        speakers = [s for s, role in mentions if role == "speaker_label" and s.label_ == "person"]
        titles = self.context.get("title_labels", ())
        if not words or not (speakers or titles):
            return []
        states = self._publisher_states(doc)
        if len(states) != 1:
            return []
        turns = list(self._speaker_turns(doc, text, speakers, titles))
        # (with no "we" in any turn, the official's own "I" speaks for his state: "I've got nothing
        # further for you on that today", « je n'ai rien à ajouter »)
        for person in (words, self.context.get("first_singular", ())):
            for turn in turns:
                we = next((t for t in turn if t.lower_ in person), None)
                if we is not None:
                    return [(Span(doc, we.i, we.i + 1, label="state", kb_id=states.pop()), "speaker_label")]
        return []

    def _speaker_turns(self, doc: Doc, text: str, speakers: list[Span], titles) -> Iterator[Span]:
        """The turns of the labelled speakers (each time their label opens a line), then those of a
        title label whose turn, with the question it answers, has a cyber word."""
        labels = []
        for span in speakers:
            line = text.rfind("\n", 0, span.start_char) + 1
            colon = text.find(":", span.end_char)
            if colon > 0:
                labels.append(re.compile("(?m)^" + re.escape(text[line : colon + 1])))
        labels += [re.compile(rf"(?m)^{re.escape(title)} ?:[ \t]") for title in titles]
        for n, label in enumerate(labels):
            for match in label.finditer(text):
                after = TURN_END.search(text, match.end())
                turn_end = after.start() if after else len(text)
                if n >= len(speakers) and not self.context["cyber"].search(
                    text, _question_start(text, match.start()), turn_end
                ):
                    continue  # (a title label: its turn, or the question it answers, tells of cyber)
                turn = doc.char_span(match.end(), turn_end, alignment_mode="contract")
                if turn is not None:
                    yield turn

    def _communique_authors(self, doc: Doc, text: str) -> list[tuple[Span, str]]:
        """The international body a communiqué speaks for: a document whose title has one of
        ``communique_nouns`` and names one intergovernmental body ("G7 Leaders' Communiqué",
        « Déclaration des ministres du G7 ») says "we" (``first_plural``, « nous ») for it; its first
        "we" in a sentence with a cyber word is that body's mention."""
        words, nouns = self.context.get("first_plural", ()), self.context.get("communique_nouns", ())
        title = doc._.title if Doc.has_extension("title") else None
        if not (words and nouns and title) or not any(noun in title.lower() for noun in nouns):
            return []
        bodies = {
            alias.actor_id
            for word in re.findall(r"[\w-]+", title)
            for alias in self.lookup(word)
            if alias.role == "name"
            and self.gazetteer.actors[alias.actor_id].kind == "intergov"
            and self.matches_case(word, alias.text)  # not « un » for the UN
        }
        if len(bodies) != 1:
            return []
        for match in self.context["cyber"].finditer(text):
            where = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            we = next((t for t in where.sent if t.lower_ in words), None) if where is not None else None
            if we is not None:
                return [(Span(doc, we.i, we.i + 1, label="intergov", kb_id=bodies.pop()), "speaker_label")]
        return []

    def _speaks_in_cyber_story(self, doc: Doc, start: int, end: int) -> bool:
        """Is doc[start:end] the subject of a speech verb ("X said", "said X", "X a affirmé") or the
        source of a sentence ("according to X", "selon X"), in a sentence with a cyber word?"""
        if not doc.has_annotation("DEP"):
            return False
        sentence = doc[start].sent
        if not self.context["cyber"].search(sentence.text):
            return False
        return self._speaks(doc, doc[start:end])

    def _speaks(self, doc: Doc, span: Span) -> bool:
        """Is the span the subject of a speech verb or the source of its sentence?"""
        if self._labels_a_cyber_turn(doc, span) or self._bylined(doc, span):
            return True
        if not doc.has_annotation("DEP"):  # the languages read without a parser: by word order
            return self._speaks_by_order(doc, span)
        sentence_start = span.sent.start
        markers = self.context["source_markers"]
        i = span.start  # over the titles and co-speakers: "Statement from Prime Minister May and ..."
        while i > sentence_start:
            before = " ".join(t.lower_ for t in doc[max(sentence_start, i - 2) : i])
            if any(before == m or before.endswith(" " + m) for m in markers):
                return True
            if not (doc[i - 1].lower_ in self.title_words or doc[i - 1].is_title):
                break
            i -= 1
        if i == sentence_start and _cut_after_speech_verb(doc, i, self.context["speech_verbs"]):
            return True
        if i < span.start and _inverted_after_quote(doc, i, self.context["speech_verbs"]):
            return True  # '…,” said Acting Under Secretary of the Treasury for X Jane Roe'
        if span.label_ in ("", "person") and _cut_in_a_list(span.sent):  # "... by A, B, | Director C, and D."
            before = [e for e in doc[sentence_start - 1].sent.ents if e.label_ in PERSON_LABELS]
            return bool(before) and self._speaks(doc, before[-1])
        root = span.root
        while root.dep_ in ("conj", "appos", "flat:name", "compound") and root.head.i != root.i:
            root = root.head  # "Jane Roe and John Smith said", "the spokesman, X, said"
        if self._announces(root) or self._says_in_a_participle(root):
            return True
        if root.head.lower_ not in self.context["speech_verbs"]:
            # the subject of a statement's intro: "X made the following statement:", « X a fait la
            # déclaration suivante : »
            last = next((t for t in reversed(span.sent) if not t.is_space), None)
            return root.dep_.startswith("nsubj") and last is not None and last.text == ":"
        # the subject; or after the verb, where parsers take an inverted subject for an object
        # ("», a déclaré le ministre X.")
        return root.dep_.startswith("nsubj") or (root.dep_ in ("obj", "dobj") and root.i > root.head.i)

    def _labels_a_cyber_turn(self, doc: Doc, span: Span) -> bool:
        """Is the name a transcript's speaker label at the start of a line ("Penny Wong, Foreign
        Minister: Thank you ...", "Amy Hess: The criminals ..."), whose turn (to the next label)
        has a cyber or a story word ("... digital currency can be traceable")?"""
        text = doc_text(doc)
        start = span.start_char
        if start > 0 and text[start - 1] != "\n":
            return False
        line_end = text.find("\n", start)
        line = text[start : line_end if line_end >= 0 else len(text)]
        label = SPEAKER_LABEL.match(line)
        if label is None or len(label.group(0)) < len(span.text):
            return False
        following = NEXT_LABEL.search(text, start + len(label.group(0)))
        turn_end = following.start() if following else len(text)
        turn_start = start + len(label.group(0))
        return any(self.context[key].search(text, turn_start, turn_end) for key in ("cyber", "story"))

    def _bylined(self, doc: Doc, span: Span) -> bool:
        """Is the name the byline of a statement with a cyber word: alone with a title on the text's
        first line ("Jane Q. Roe, Secretary of State", « Jeanne Roe, ministre des Affaires
        étrangères »), the author who speaks in all that follows? Not a name with another word
        after it (a journalist's "Jane Roe, Staff Writer": no title word)."""
        text = doc_text(doc)
        byline = BYLINE.match(text)
        if byline is None or not byline.start(1) <= span.start_char < byline.end(1):
            return False
        if not any(word in self.title_words for word in byline.group(2).lower().split()):
            return False
        return self.context["cyber"].search(text, byline.end()) is not None

    def _says_in_a_participle(self, root) -> bool:
        """Is ``root`` the subject of a verb that a speech participle goes with ("X wrote an op-ed
        about the charge, saying ...", « X a écrit une tribune, affirmant que ... »)?"""
        participles = self.context.get("speech_participles", ())
        return root.dep_.startswith("nsubj") and any(
            c.dep_ == "advcl" and c.lower_ in participles for c in root.head.children
        )

    def _announces(self, root) -> bool:
        """Is ``root`` the agent of a passive speech verb or of a voice noun's passive verb ("the
        charges were announced by X", "the announcement was made by X", « l'annonce a été faite
        par X »)? Not of another act ("the headquarters were opened by X")."""
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            verb = root.head.head  # English: X <- by (agent) <- verb
        elif root.dep_ == "obl:agent":
            verb = root.head  # UD: X (obl:agent, « par ») <- verb
        else:
            return False
        if verb.lower_ in self.context["speech_verbs"]:
            return True
        return any(c.dep_.startswith("nsubj") and c.lower_ in self.voice_nouns for c in verb.children)

    def _speaks_by_order(self, doc: Doc, span: Span) -> bool:
        """Without a parse: a speech verb right after the name ('Lynch dijo') or before it over
        titles and punctuation ('dijo la secretaria de Justicia, Loretta Lynch')."""
        verbs = self.context["speech_verbs"]
        if any(t.lower_ in verbs for t in doc[span.end : span.end + 2]):
            return True
        i = span.start - 1
        while i > span.sent.start and (
            doc[i].lower_ in self.title_words or doc[i].is_title or doc[i].is_punct
        ):
            i -= 1
        return i >= span.sent.start and doc[i].lower_ in verbs

    def _record_speakers(self, doc: Doc, text: str, mentions, new_actors) -> list[tuple[Span, str]]:
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        out = []
        honorifics = self.context.get("speaker_honorifics")
        pattern = self._label_pattern(tuple(sorted(honorifics))) if honorifics else None
        for match in pattern.finditer(text) if pattern else ():
            end_of_speech = text.find("\n", match.end())
            speech = text[match.end() : end_of_speech if end_of_speech >= 0 else len(text)]
            if not self.context["cyber"].search(speech):
                continue  # a speech about something else: no part in the story
            out += self._speaker(doc, match.start(1), match.end(1), taken, new_actors)
        signed = SIGNATURE.search(text)
        if signed is not None and self.context["cyber"].search(text[: signed.start()]):
            span = doc.char_span(signed.start(1), signed.end(1))
            if span is not None and span[0].ent_type_ in PERSON_LABELS:
                out += self._speaker(doc, signed.start(1), signed.end(1), taken, new_actors)
        return out

    def _speaker(self, doc: Doc, start: int, end: int, taken: set[int], new_actors) -> list[tuple[Span, str]]:
        """The person labelled as a speaker at characters ``start:end`` (a record's label, a
        statement's signature), unless taken."""
        span = doc.char_span(start, end, alignment_mode="strict")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            return []
        name = span.text
        actor_id = self.known_person(name) or self.new_id(name, "person")
        if self.gazetteer.get(actor_id) is None:
            new_actors.setdefault(
                actor_id, Actor(id=actor_id, name=name, kind="person", aliases=(name,), source="discovered")
            )
        taken.update(range(span.start, span.end))
        return [(Span(doc, span.start, span.end, label="person", kb_id=actor_id), "speaker_label")]

    @staticmethod
    def _label_pattern(honorifics: tuple[str, ...]) -> re.Pattern:
        words = "|".join(re.escape(h) for h in honorifics)
        return re.compile(rf"(?m)^(?:{words}) ({NAME})\. ")


def _cut_after_speech_verb(doc: Doc, i: int, verbs) -> bool:
    """Did the parser cut a sentence at ``i`` right after a speech verb, where no sentence ends
    ('…,” said | Assistant Attorney General X of ...')? Then what starts there is its speaker."""
    return i > 0 and doc[i - 1].lower_ in verbs


def _inverted_after_quote(doc: Doc, i: int, verbs) -> bool:
    """Is the title that starts at ``i`` right after a speech verb that follows a quote or a
    comma (over an auxiliary: '…,” said | Under Secretary X', « », a déclaré | le secrétaire
    d'État X »)? The parser may hang such a long title anywhere; the name after it speaks."""
    j = i - 1
    if j < 1 or doc[j].lower_ not in verbs:
        return False
    j -= 1
    if doc[j].pos_ == "AUX" and j > 0:
        j -= 1
    return doc[j].is_punct


def _cut_in_a_list(sentence: Span) -> bool:
    """Did the parser cut a list of names at a comma, the rest making a 'sentence' without a verb
    ('The announcement was made by A, B of New York, | Director C of the FBI, and D.')?"""
    start = sentence.start
    if start == 0 or sentence.doc[start - 1].text not in (",", ";"):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in sentence)


def _question_start(text: str, label: int) -> int:
    """Where the question a turn answers starts (a line "Q ..." right before the label, with no
    other label between), else the label's own start."""
    question = text.rfind("\nQ ", 0, label) + 1
    if question == 0 and not text.startswith("Q "):
        return label
    return label if NEXT_LABEL.search(text, question, label) else question
