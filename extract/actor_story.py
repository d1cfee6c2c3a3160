"""Who takes part in the cyber story (used by ``actor_linker``).

A text with no one behind an operation (norms, advice, a bulletin's front matter, an annual report)
tells no story with actors: it has no threat group, no offensive service, no words of an
attribution (``strong_perpetrator``), and no generic perpetrator word (``generic_perpetrator``:
"cyber actors", « rôle », "responsible for") that names someone in its phrase. In a story, people,
international bodies, discovered organisations and the departments that act for their state
(``state_organs``) are actors only where they take part in it:
named in a sentence with a cyber word (for a body or an organisation, also a story word), or
speaking.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from extract.actor_agents import agent_named, instrument_named, launched_named
from extract.actor_clauses import clause_verb, complements, irrealis, own_phrase
from extract.actor_judged import judged_ids, offices_with_holders
from extract.actor_measured import aimed_at_no_one
from extract.actor_officers import service_officer
from extract.actor_partners import met_party
from extract.actor_ruler import CANDIDATES_KEY
from extract.actor_title_plurals import plural_title_subjects, titled_as

COMPLEMENT_DEPS = ("acomp", "attr", "oprd", "xcomp")  # a word completing a verb, whose subject it describes
ACT_DEPS = ("dobj", "obj", "attr", "acomp", "oprd")  # what a verb does or says of its subject
MEASURE_REACH = 4  # heads between a person and the verb of a measure aimed at him


class StoryRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.gazetteer``, ``self.lookup``,
    ``self.matches_case``, ``self.title_words`` and ``self._speaks``."""

    context: dict
    gazetteer: object

    def _has_perpetrator(self, doc: Doc, text: str, mentions) -> bool:
        """Does the text name someone behind a cyber operation: a threat group, a service known
        for offensive operations (GRU, MSS...) in a text with a story word, the words of an
        attribution ("accused", "behind", « derrière », « imputé »), or a generic perpetrator word
        that names someone ("North Korean state-sponsored cyber actors", « le rôle de la Russie »)?
        Languages without those words: yes."""
        cues = self.context.get("strong_perpetrator")
        if cues is None:
            return True
        if any(span.label_ == "group" for span, _ in mentions):
            return True
        offensive = self.gazetteer.offensive
        # (an offensive service only in a text with a story word: not in a strategy's foreword)
        if any(span.kb_id_ in offensive for span, _ in mentions) and self.context["story"].search(text):
            return True
        parsed = doc.has_annotation("DEP")
        topics = self.context.get("perpetrator_topic_words", ()) if parsed else ()
        matches = list(cues.finditer(text))
        topical = [match for match in matches if _word_in(doc, match, topics)]
        measures = self.context.get("measure_cues", ()) if parsed else ()
        named: set[int] | None = None  # (found once, when needed)
        for match in (match for match in matches if match not in topical):
            if " ".join(match.group().lower().split()) not in measures:
                return True
            named = self._named_tokens(doc, text, mentions) if named is None else named
            if self._measure_aims(doc, match, named):
                return True
        generic = self.context.get("generic_perpetrator")
        if generic is None:
            return False
        if not parsed:
            return generic.search(text) is not None
        named = self._named_tokens(doc, text, mentions) if named is None else named
        # a topic word ("the question of attribution") and a generic word need a named actor
        found = topical + list(generic.finditer(text))
        if any(self._cue_names_someone(doc, match, named) for match in found):
            return True
        agent = self.context.get("agent")
        if agent is not None and any(agent_named(doc, match, named) for match in agent.finditer(text)):
            return True  # "China routinely targets ...", « la Chine cible ... »
        incident = self.context.get("incident")
        launch = self.context.get("launch")
        for cues, test in ((launch, launched_named), (self.context.get("instrument"), instrument_named)):
            # "Russia launched cyber attacks", « la Russie a mené des cyberattaques », "through cyber attacks"
            if (
                cues is not None
                and incident is not None
                and any(test(doc, match, named, incident) for match in cues.finditer(text))
            ):
                return True
        if incident is not None and _known_incident_attack(doc, text, incident):
            return True  # "the WannaCry ransomware attack": a story, whoever is behind it
        return incident is not None and any(
            self._names_an_incident(doc, match, named) for match in incident.finditer(text)
        )

    def _measure_aims(self, doc: Doc, match: re.Match, named: set[int]) -> bool:
        """Does a word of a measure (``measure_cues``) point at someone? A sanction's aim names an
        actor ("sanctions on Russia", not "on individuals and entities"), what is condemned
        (``condemn_cues``) an actor or an incident (not "such behaviour"), a clause of what may be
        done ("may breach sanctions", « obtenir la condamnation de toute personne ») an actor."""
        word = " ".join(match.group().lower().split())
        cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if cue is None:
            return True
        if word.startswith(tuple(self.context.get("sanction_cues", ()))) and aimed_at_no_one(cue, named):
            return False
        if word in self.context.get("condemn_cues", ()):
            phrase = own_phrase(cue.root, cue, subject=False)
            if not (phrase & named or self._names_an_act(doc, phrase)):
                return False
        verb = clause_verb(cue.root)
        return verb is None or not irrealis(verb) or bool(own_phrase(verb, cue) & named)

    def _names_an_act(self, doc: Doc, phrase: set[int]) -> bool:
        """Do the words name an incident: an incident word ("attack", « piratage ») or a known
        incident's capitalised name ("WannaCry")?"""
        words = " ".join(doc[i].text for i in sorted(phrase))
        incident = self.context.get("incident")
        if incident is not None and incident.search(words):
            return True
        names = _incident_names()
        return names is not None and any(m.group()[:1].isupper() for m in names.finditer(words))

    def _names_an_incident(self, doc: Doc, match: re.Match, named: set[int]) -> bool:
        """Does the text name one cyber incident by someone or against someone: a singular incident
        noun whose phrase has a cyber word and a named actor ("the Kaseya ransomware incident",
        "the latest hack by the Russians", « le piratage de TV5 Monde »)? Not a threat in general
        (« les cyberattaques qui menacent l'UE », "attempts to compromise Australian networks"),
        nor an attack that is not cyber ("the attack on Ukraine"), nor one that may happen ("in the
        event of a cyber attack on X", « en cas de cyberattaque contre X »: ``hypothetical_nouns``)."""
        cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if cue is None:
            return False
        head = cue.root
        if head.pos_ not in ("NOUN", "PROPN") or "Plur" in head.morph.get("Number"):
            return False
        over = head.head.head if head.head.dep_ == "prep" else head.head
        if over.lower_ in self.context.get("hypothetical_nouns", ()):
            return False  # an attack that may happen: "in the event of a cyber attack", « en cas de »
        words = doc[head.left_edge.i : head.right_edge.i + 1]
        if self.context["cyber"].search(words.text) is None:
            return False
        return self._cue_names_someone(doc, match, named)

    def _named_tokens(self, doc: Doc, text: str, mentions) -> set[int]:
        """The tokens of the text's named actors: its mentions, and the gazetteer's candidates
        written in their case (nationality adjectives too: "Russian hackers" names Russia there)."""
        named = {i for span, _ in mentions for i in range(span.start, span.end)}
        for span in doc.spans.get(CANDIDATES_KEY, []):
            words = text[span.start_char : span.end_char]
            if any(a.actor_id == span.id_ and self.matches_case(words, a.text) for a in self.lookup(words)):
                named.update(range(span.start, span.end))
        return named

    def _cue_names_someone(self, doc: Doc, match: re.Match, named: set[int]) -> bool:
        """Does a generic perpetrator word have a named actor in its phrase: among the words it
        governs or in its subject ("actors linked to Russia", "the GRU is responsible for")? Its
        generic uses name nobody: "malicious cyber actors are seeking", « les acteurs étatiques
        hostiles », « comportement responsable des États », "the role that cyber capabilities play"."""
        cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if cue is None:
            return False
        head = cue.root
        owns = self.context.get("own_possessives", ())
        if any(child.lower_ in owns for child in head.children):
            return False  # the speaker's or the reader's own role: "in my role", « dans mon rôle de »
        phrase = {t.i for t in head.subtree}
        phrase.difference_update(self._office_or_defence(cue, match, named))
        # its own words, not those of a phrase joined to it or of the same word again ("the role
        # that skills play in security and the role ASD plays")
        for token in list(head.subtree):
            joined = token.dep_ == "conj" and token.head == head
            if joined or (token != head and token.lower_ == head.lower_):
                phrase.difference_update(t.i for t in token.subtree)
        # the subject of the cue, or of the verb it completes ("the GRU is responsible for")
        governors = (head, head.head) if head.dep_ in COMPLEMENT_DEPS else (head,)
        for child in (c for governor in governors for c in governor.children):
            if child.dep_.startswith("nsubj"):
                phrase.update(t.i for t in child.subtree)
        phrase.difference_update(range(cue.start, cue.end))
        return bool(phrase & named)

    def _office_or_defence(self, cue: Span, match: re.Match, named: set[int]) -> set[int]:
        """The words of a cue's complement that name an office or a defence, not an operation:
        an actor one is responsible for (``office_cues``: "responsible for the CSE", « responsable
        du CST »), a defence (``defence_words``: "a role in countering the Russian threat", « un
        rôle dans la lutte contre »)."""
        office = " ".join(match.group().lower().split()) in self.context.get("office_cues", ())
        defence = tuple(self.context.get("defence_words", ()))
        aside: set[int] = set()
        for token in complements(cue):
            if (office and token.i in named) or (defence and token.lower_.startswith(defence)):
                aside.update(t.i for t in token.subtree)
        if office:  # its acronym hung on the cue word: « responsable du Centre ... (CST) »
            aside.update(t.i for c in cue.root.children if c.dep_ == "appos" for t in c.subtree)
        return aside

    def _owner_of_object(self, span: Span) -> bool:
        """Is the person only the owner of what a verb acts on ("an assassination of the leader Kim
        Jong Un", « la candidature d'Hillary Clinton »)? Not when that is the person's voice or act
        ("rejected the accusations of Minister X": ``voice_nouns``), nor something an attack hits,
        a victim's ("defaced the website of President X", "stole the emails of X": ``asset_nouns``,
        cyber and story words)."""
        owned = _owned_object(span, self.context["of_words"])
        if owned is None or owned.lower_ in self.voice_nouns:
            return False
        if owned.lower_ in self.context.get("asset_nouns", ()):
            return False
        return not (self.context["cyber"].match(owned.text) or self.context["story"].match(owned.text))

    def _measure_target(self, span: Span, linked_naming: bool = False) -> bool:
        """Is the person what an attribution or a measure is aimed at ("charged Chinese hacker
        Zhang Wei", "imposed a sanction on X", "we have linked X to the attack", « a sanctionné
        le ressortissant russe X »)? The accused, not a bystander a verb acts on: the verb over
        the person, or its object, is a word of attribution (``perpetrator_cues``) or of naming
        (``naming_verbs``); with ``linked_naming``, a naming verb only with its link ('identify X
        as', 'linked X to', « identifier X comme »: not « a nommé X directeur »)."""
        cues = self.context.get("strong_perpetrator")
        if cues is None:
            return False
        node, words = span.root, []
        for _ in range(MEASURE_REACH):  # up to the verb, over a title and a preposition
            if node.head.i == node.i:
                break
            node = node.head
            words.append(node)
            if node.pos_ in ("VERB", "AUX"):
                words += [child for child in node.children if child.dep_ in OBJECT_DEPS]
                break
        naming = self.context.get("naming_verbs", ())  # 'linked X to the attack', « a relié X à »
        links = self.context.get("naming_verb_links", ())
        return any(
            cues.match(word.text) or (word.lower_ in naming and (not linked_naming or _has_link(word, links)))
            for word in words
        )

    def _acts_on_incident(self, span: Span) -> bool:
        """Is the person the subject of a verb whose own words name an incident or a campaign
        (``incident_cues``, ``campaign_nouns``): "President X directed the resources of the
        government to investigate the incident", "X personally ordered the campaign", « X a ordonné
        une enquête sur l'incident »? Not where the incident is in a clause of another subject
        ("X met the minister, and the White House condemned the attack"). Or of a verb that, or
        whose object, says his involvement (``involvement_words``: "X accepted no responsibility",
        "was X involved?", « X n'était pas impliqué »; not "met the minister responsible for")."""
        root = span.root
        while root.dep_ in ("conj", "appos", "flat:name", "compound") and root.head.i != root.i:
            root = root.head  # "Russian President X", "X and Y ordered"
        if not root.dep_.startswith("nsubj"):
            return False
        verb = root.head
        others = {
            t.i
            for clause in verb.children
            if clause.dep_ == "conj" and any(c.dep_.startswith("nsubj") for c in clause.children)
            for t in clause.subtree
        }
        # ("accepted no responsibility", "was not involved", « n'était pas impliqué »)
        involvement = self.context.get("involvement_words", ())
        if any(t.lower_ in involvement for t in (verb, *(c for c in verb.children if c.dep_ in ACT_DEPS))):
            return True
        words = [t for t in verb.subtree if t.i not in others]
        nouns = self.context.get("campaign_nouns", ())
        if any(t.lower_ in nouns for t in words):
            return True
        incident = self.context.get("incident")
        return incident is not None and incident.search(" ".join(t.text for t in words)) is not None

    def _in_the_story(self, doc: Doc, text: str, mentions: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """People, international bodies and organisations found in the text are actors only where
        they take part in the cyber story: named at least once in a sentence with a cyber word (for
        a body or an organisation, also a story word: an attack, a target, sanctions), or speaking.
        A mandate "under a United Nations mandate", a president elected, a minister travelling are
        not."""
        if not doc.has_annotation("SENT_START"):
            return mentions
        cyber, story = self.context["cyber"], self.context["story"]
        accusing = self.context.get("strong_perpetrator") or story  # "accusations", "blamed"
        in_story: set[str] = set()
        judged = judged_ids(mentions)
        topics = self.context["topic_preps"]
        # (a title or a noun for a person before the name stands for him: « le ressortissant russe X »)
        titles = self.title_words | frozenset(self.context.get("person_nouns", ()))
        # sentences naming a threat group or an offensive service: what ties a person to one is a
        # story of its own ("X is part of LockBit's leadership", "X and Y are officers of the FSB")
        group_sentences = {
            s.sent.start for s, _ in mentions if s.label_ == "group" or s.kb_id_ in self.gazetteer.offensive
        }
        # ("The National Security Advisors condemned ... cyber activities": the plural of a title)
        # (read once, for the first person no other test puts in the story)
        named = {i for span, _ in mentions for i in range(span.start, span.end)}
        plurals = None
        people = [span for span, _ in mentions if span.label_ == "person"]  # ("GRU officers X and Y")
        for span, _ in mentions:
            if span.kb_id_ not in judged or span.kb_id_ in in_story:
                continue
            sentence = text[span.sent.start_char : span.sent.end_char]
            person = span.label_ == "person"
            # (an international body also in a sentence of an accusation: "Russia called the
            # accusations unfounded, and neither NATO nor European Commission experts found proof")
            # or agreeing with one told just before ("The EU supported that conclusion")
            body = span.label_ == "intergov" and (
                accusing.search(sentence) or self._endorses(doc, span, accusing)
            )
            wide = not person and (story.search(sentence) or body)
            # the accused of a measure or an attribution takes part even as what a verb acts on,
            # and needs only a story word ('to link X to the compromise of Medibank')
            measured = person and (
                self._measure_target(span)
                or self._member_subject(span, mentions)
                or self._accused_subject(span)
                or service_officer(doc, span.start, people, mentions, self.context, self.gazetteer)
            )
            acted_on = (  # (also whom someone meets or calls: "a call with President X")
                person and not measured and (_object(span, topics, titles) or self._owner_of_object(span))
            ) or (person and not measured and met_party(span, titles, self.context))
            cyber_part = cyber.search(sentence) and not acted_on
            # ('identify X as part of LockBit's senior leadership')
            accused = measured and (story.search(sentence) or span.sent.start in group_sentences)
            # ('The defendants, X, Y and Z, worked for ...': the case is the story, however told)
            defendant = person and self._listed_defendant(span)
            # ('President X directed ... to investigate the incident', « X a ordonné la campagne »)
            acts = person and not cyber_part and self._acts_on_incident(span)
            if person and not acts and plurals is None:
                plurals = plural_title_subjects(doc, cyber, self.context["determiners"], named)
            acts = acts or person and titled_as(span, self.title_words, plurals)
            if wide or cyber_part or accused or defendant or acts or self._speaks(doc, span):
                in_story.add(span.kb_id_)
        kept = [
            (span, role) for span, role in mentions if span.kb_id_ not in judged or span.kb_id_ in in_story
        ]
        return offices_with_holders(kept)

    def _endorses(self, doc: Doc, span: Span, accusing: re.Pattern) -> bool:
        """Does the sentence agree with an attribution told right before it ('The EU supported that
        conclusion', « L'Union européenne partage ce constat »)?"""
        endorsement = self.context.get("endorsement")
        sentence = span.sent
        if endorsement is None or sentence.start == 0 or not endorsement.search(sentence.text):
            return False
        return accusing.search(doc[sentence.start - 1].sent.text) is not None


@functools.cache
def _incident_names() -> re.Pattern | None:
    """The well-known incident names (lexicons/incident_names.json): the claim readers' pattern."""
    from extract.claims.lexicon import load_incident_names

    return load_incident_names()


def _known_incident_attack(doc: Doc, text: str, incident: re.Pattern) -> bool:
    """Does the text name a well-known cyber incident in a sentence with a word of an incident
    ("the WannaCry ransomware attack", « l'attaque du rançongiciel WannaCry »)? Not a
    vulnerability's name alone ("the Log4Shell vulnerability")."""
    names = _incident_names()
    if names is None:
        return False
    for match in names.finditer(text):
        if not match.group()[:1].isupper():
            continue  # (a capitalised name, not a common word: as the claim readers read it)
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and incident.search(span.sent.text):
            return True
    return False


def _word_in(doc: Doc, match: re.Match, words) -> bool:
    """Is the word a cue matched in one of ``words`` (a whole word, lower case)?"""
    if not words:
        return False
    cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    return cue is not None and cue.root.lower_ in words


def _object(span: Span, topic_preps, titles=frozenset()) -> bool:
    """Is the span only what its verb acts on or its sentence is about ("to elect Donald Trump",
    "research on Donald Trump", « sous Vladimir Poutine »), not an agent, owner or speaker?"""
    root = span.root
    titled = root.dep_ == "appos" or root.dep_ == "nmod" and not any(c.dep_ == "case" for c in root.children)
    if titled and root.head.lower_ in titles and root.head.i < root.i:
        root = root.head  # « sous le président Barack Obama »: the title stands for him
    if _acts_in_a_relative_clause(span.root) or _acts_in_a_relative_clause(root):
        return False  # "under President Obama, who chose to continue the cyber attacks"
    if root.dep_ in ("obj", "dobj", "iobj", "dative"):
        return True
    if root.dep_ == "pobj":
        return root.head.lower_ in topic_preps
    return any(child.dep_ == "case" and child.lower_ in topic_preps for child in root.children)


def _acts_in_a_relative_clause(root: Token) -> bool:
    """Is the person the subject of a relative clause hung on the name ('Obama, who chose to',
    « Barack Obama, qui a choisi de »): then he acts, whatever the preposition before him."""
    for clause in root.children:
        if clause.dep_ in ("relcl", "acl:relcl"):
            if any(c.dep_.startswith("nsubj") and c.pos_ == "PRON" for c in clause.children):
                return True
    return False


OBJECT_DEPS = ("obj", "dobj", "iobj", "dative")


def _owned_object(span: Span, of_words) -> Token | None:
    """The thing a verb acts on that the person only owns ('of', « de », 'X's', over a title in
    apposition): "involves an assassination of the leader Kim Jong Un", « affaiblir la
    candidature d'Hillary Clinton »; else None."""
    root = span.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < root.i:
        root = root.head  # "the North Korean leader Kim Jong Un": the title stands for him
    if (
        root.dep_ == "poss"
        or root.dep_ == "nmod"
        and any(c.dep_ == "case" and c.lower_ in of_words for c in root.children)
    ):
        owned = root.head  # "Clinton's campaign", « la candidature d'Hillary Clinton »
    elif root.dep_ == "pobj" and root.head.lower_ in of_words:
        owned = root.head.head  # "the emails of John Podesta"
    else:
        return None
    return owned if owned.pos_ == "NOUN" and owned.dep_ in OBJECT_DEPS else None


def _has_link(verb: Token, links) -> bool:
    """Has the naming verb its link word, as a child ('as', 'to') or as the case mark of one
    (UD: « comme l'un des chefs », the mark hangs on the noun)?"""
    return any(
        child.lower_ in links or any(mark.dep_ == "case" and mark.lower_ in links for mark in child.children)
        for child in verb.children
    )
