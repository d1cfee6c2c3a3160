"""A state named by the nationality of what an attack hits (used by ``actor_linker``).

"Russian hackers" name an origin, not the state; but "the cyber attacks against the Ukrainian
banking sector", "its targets were Ukrainian financial and energy sectors", « le piratage de
l'infrastructure électorale française », "hackers targeted Estonian government networks" name
the state as the victim of the attack: the sector, the infrastructure or the networks of a
country stand for it, some of its banks or companies do not (context lists ``victim_nouns``,
``target_verbs``, ``target_preps``). The span covers the adjective and the words up to the noun
("Ukrainian banking sector").

An organisation's name right after the words of what a cyber attack hits ("the compromise of",
"the cyber attack on", "data stolen from", « le piratage de », « la cyberattaque contre »: context
list ``victim_cues``, over one determiner) in a sentence with a cyber word is a victim
organisation the gazetteer lacks (read by ``extract.actor_orgs``; the cyber word may be in the
sentence before or after; the NER must call it an
organisation, not a person: "the hack of John Smith's account"); so is one right before the words
of an incident (``victim_heads``: "the X data breach", "the X cyberattack") or of suffering one
(``victim_verbs``: "X suffered a data breach", « X a subi une cyberattaque »).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

NOUN_REACH = 4  # tokens between a nationality adjective and the noun it qualifies
HEAD_REACH = 3  # heads from the adjective up to that noun (over a list of adjectives)
PREP_REACH = 3  # tokens from the preposition before the phrase back to the attack word
OBJECT_DEPS = ("obj", "dobj", "nsubjpass", "nsubj:pass")
VICTIM_LABELS = ("ORG", "MISC", "FAC")  # the NER's labels of a name a victim cue may make an organisation
COMPLEMENT_DEPS = ("attr", "ROOT", "conj")
COUNTED_DEPS = ("nummod", "poss", "nmod:poss")  # "one MSP", "our NATO Ally"
VERB_REACH = 8  # tokens after a name read for the words of suffering an attack
INCIDENT_REACH = 5  # tokens after those words read for the incident word


class VictimRules:
    """Mixin of ``ActorLinker``: needs ``self.context``."""

    context: dict

    def _victim_phrase(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        """The token range "<adjective> ... <noun>" when the noun a nationality adjective qualifies
        is a victim noun ("sector", « infrastructure ») hit by a cyber attack in its sentence; else None."""
        nouns = self.context.get("victim_nouns")
        if not nouns:
            return None
        noun = _qualified_noun(doc, start, end, nouns)
        if noun is None or not self._hit(doc, noun):
            return None
        # "the attack on Ukrainian infrastructure" in a war is no cyber story: a cyber word in the
        # sentence or the one before ("NotPetya ... Its primary targets were Ukrainian sectors")
        sentence = noun.sent
        before = doc[sentence.start - 1].sent if sentence.start > 0 else sentence
        if self.context["cyber"].search(doc[before.start : sentence.end].text) is None:
            return None
        return (min(start, noun.i), max(end, noun.i + 1))

    def _victim_org(self, doc: Doc, start: int, end: int, label: str, mention_at) -> str | None:
        """'company' when the name ``doc[start:end]`` follows a victim cue ("the compromise of X",
        « le piratage de X ») or comes right before a victim head ("the X data breach"), in a
        sentence with a cyber word; else None. Not the short form of an actor the text names in
        full ("the attack on Sony" after "Sony Pictures")."""
        if label not in VICTIM_LABELS:
            return None
        j = start - 1
        if j > 0 and doc[j].lower_ in self.context["determiners"]:
            j -= 1
        cued = j >= 0 and _words_end_at(doc, j, self.context.get("victim_cues", ()))
        # (before a head, an organisation's name only: a malware's is MISC, "the X ransomware attack" either)
        cued = cued or label != "MISC" and _words_start_at(doc, end, self.context.get("victim_heads", ()))
        cued = cued or self._suffers_an_attack(doc, end)  # "X suffered a data breach"
        cued = cued or self._attacked(doc[start:end])  # "cyber attacks in the UK on X"
        if not cued or not self._cyber_context(doc, doc[start].sent, mention_at):
            return None
        if doc[start:end].text.lower() in _incident_names():
            return None  # "the WannaCry cyberattack": the malware's name
        short = doc[start:end].text + " "
        return None if any(s.text.startswith(short) for s in mention_at.values()) else "company"

    def _cyber_context(self, doc: Doc, sentence, mention_at) -> bool:
        """Is a victim's sentence about a cyber attack: a cyber word in it or its neighbours, or a
        threat group named in it ("OceanLotus had targeted the Ministry of X", « Turla a ciblé le
        ministère de X »: what a threat group targets, it targets in cyberspace)?"""
        if self.context["cyber"].search(_with_neighbours(doc, sentence)) is not None:
            return True
        inside = range(sentence.start, sentence.end)
        return any(span.label_ == "group" and span.start in inside for span in mention_at.values())

    def _suffers_an_attack(self, doc: Doc, end: int) -> bool:
        """Do the words after a name say it suffered an attack: the words of suffering
        (``victim_verbs``, adverbs left out) and then, within a few words, an incident word ("X
        suffered a customer data breach", « X a subi une cyberattaque », « X avait déjà fait
        l'objet d'une cyberattaque »)? Not "X suffered heavy losses"."""
        verbs, incident = self.context.get("victim_verbs", ()), self.context.get("incident")
        if not verbs or incident is None:
            return False
        words = [t for t in doc[end : end + VERB_REACH] if t.pos_ != "ADV"]
        lowered = [t.lower_.replace("’", "'") for t in words]
        for phrase in verbs:
            parts = phrase.split()
            if lowered[: len(parts)] == parts and len(words) > len(parts):
                after = words[len(parts)].i
                return incident.search(doc[after : after + INCIDENT_REACH].text) is not None
        return False

    def _attacked(self, name) -> bool:
        """Is the name, on the parse, what an attack hits when other words come between: the
        object of a targeting verb ("had targeted Norway's X"), or after a preposition of a target
        hung on an incident word ("cyber attacks in the UK on X", « les cyberattaques menées en
        Allemagne contre X »)?"""
        root, incident = name.root, self.context.get("incident")
        determiners = self.context["determiners"]
        if any(
            c.dep_ in COUNTED_DEPS and c.pos_ != "PROPN" or c.dep_ == "det" and c.lower_ not in determiners
            for c in root.children
        ):
            return False  # "one MSP", "our NATO Ally": a count or a relation ("China's X": a name)
        if root.dep_ in OBJECT_DEPS:
            return _in_prose(root.head) and root.head.lower_ in self.context.get("target_verbs", ())
        preps = self.context.get("target_preps", ())
        if root.dep_ == "pobj" and root.head.lower_ in preps:
            attack = root.head.head  # (English: the preposition heads the name)
        elif any(c.dep_ == "case" and c.lower_ in preps for c in root.children):
            attack = root.head  # (UD: the preposition hangs on the name)
        else:
            return False
        if attack.pos_ == "VERB" and attack.dep_ == "acl":
            attack = attack.head  # « les cyberattaques menées ... contre X »
        return (
            incident is not None
            and _in_prose(attack)
            and attack.pos_ == "NOUN"
            and bool(incident.match(attack.text))
        )

    def _hit(self, doc: Doc, noun: Token) -> bool:
        """Is the noun what an attack hits: after "<attack> against / of" (« piratage de »), the
        object of a targeting verb (or its subject in the passive), or what "targets were"?"""
        verbs = self.context.get("target_verbs", ())
        head = noun
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "banks and hospitals": the first member's role
        if head.dep_ in OBJECT_DEPS and head.head.lower_ in verbs:
            return True
        if head.dep_ in COMPLEMENT_DEPS and any(
            child.dep_.startswith("nsubj") and child.lower_ in verbs for child in head.head.children
        ):
            return True  # "its primary targets were Ukrainian ... sectors"
        preps = self.context.get("target_preps", ())
        incident, cyber = self.context.get("incident"), self.context["cyber"]
        i = head.left_edge.i
        for j in range(i, max(i - PREP_REACH, 0), -1):
            if doc[j].lower_ in preps and j > 0:
                word = doc[j - 1]
                attack = incident is not None and incident.match(word.text) or cyber.match(word.text)
                # "malicious cyber activity against ...": a noun a cyber word qualifies
                qualified = any(c.dep_ in ("amod", "compound") and cyber.match(c.text) for c in word.children)
                return bool(attack) or qualified or word.lower_ in verbs
        return False


def _in_prose(word: Token) -> bool:
    """Is the word written in lower case, or first in its sentence: prose, not a title's capitalised
    words ("... Actors Use Maui Ransomware to Target the Healthcare and Public Health Sector")?"""
    return word.is_lower or word.i == word.sent.start


def _with_neighbours(doc: Doc, sentence) -> str:
    """The text of a sentence with the one before and the one after ("the attack on X last week,
    blamed on Russia. Why a denial-of-service attack?")."""
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    end = doc[sentence.end].sent.end if sentence.end < len(doc) else sentence.end
    return doc[start:end].text


def _qualified_noun(doc: Doc, start: int, end: int, nouns) -> Token | None:
    """The victim noun the adjective at ``start:end`` qualifies: up its heads over other adjectives
    and list members ("Ukrainian financial, energy and government sectors"), or the noun before
    the adjectives."""
    node = doc[end - 1]
    for _ in range(HEAD_REACH):
        if node.lower_ in nouns and node.pos_ in ("NOUN", "PROPN"):
            return node
        if node.dep_ not in ("amod", "compound", "conj", "nmod") or node.head.i == node.i:
            break
        node = node.head
    if node.lower_ in nouns and node.pos_ in ("NOUN", "PROPN"):
        return node
    # French order, which the parser may hang elsewhere: the noun before the adjectives
    # (« le secteur bancaire letton »)
    i = start - 1
    while i > start - NOUN_REACH and i > 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return doc[i] if i >= 0 and doc[i].lower_ in nouns and doc[i].pos_ == "NOUN" else None


def _words_end_at(doc: Doc, j: int, phrases) -> bool:
    """Does one of ``phrases`` (lower case, words split by spaces) end at token ``j``?"""
    last = doc[j].lower_
    for phrase in phrases:
        words = phrase.split()
        if words[-1] == last and j + 1 >= len(words):
            if [t.lower_ for t in doc[j + 1 - len(words) : j + 1]] == words:
                return True
    return False


def _words_start_at(doc: Doc, i: int, phrases) -> bool:
    """Does one of ``phrases`` (lower case, words split by spaces) start at token ``i``?"""
    if i >= len(doc):
        return False
    first = doc[i].lower_
    for phrase in phrases:
        words = phrase.split()
        if words[0] == first and [t.lower_ for t in doc[i : i + len(words)]] == words:
            return True
    return False


@functools.cache
def _incident_names() -> frozenset[str]:
    """The well-known operation and malware names (lexicons/incident_names.json), lower case."""
    from extract.claims.lexicon import read_incident_names

    return frozenset(name.lower() for name in read_incident_names())
