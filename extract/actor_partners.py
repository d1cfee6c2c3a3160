"""States and unions named only as someone's partners (used by ``actor_linker``).

A state or an international body named only in a list of partners, in a sentence that tells no
attribution, plays no role in the cyber story: "Treasury, in partnership with the EU, the UK,
Australia and Canada, sanctioned eight individuals ... in Crimea", "to incorporate allies,
including the UK, France and Denmark, into the planning for an exercise", « en étroite
collaboration avec les États-Unis et ses autres alliés ». Such a mention is dropped; the actor
stays where it is named elsewhere in a part of its own. A sentence with a cyber word that tells an
attribution (a perpetrator cue, one of ``partner_story_cues`` such as "to hold Russia to account",
or a threat group or offensive service named) keeps its partners: they may be claimants ("the UK,
in partnership with France, attributes the attack to the GRU").

A list is read from the mention leftwards over list material (commas, list words, determiners,
possessives, adjectives, other states and bodies). It is a list of partners when it is opened by
one of ``partner_openers`` ("in partnership with", « en collaboration avec »), by one of
``list_openers`` right after a partner noun ("allies, including", « partenaires, dont »), by the
members a coalition is made of ("the coalition brings together", « le mécanisme regroupe ») or the
other parties of an agreement ("declarations with", « un accord avec ») or the states a comparison
names ("France, just like the UK and the US, faces", « tout comme », « à l'instar de »), or when
a partner noun is joined to it by a list word ("our partners and Canada"). The one who has the
partners is none ("Canada and its allies", "Along with its allies, the UK ...").

Words from ``patterns/actor_context.json``: ``partner_nouns``, ``partner_openers``,
``partner_story_cues``, ``list_openers``, ``list_words``, ``determiners``; and for the people
whom someone meets or calls (``met_party``), ``meeting_preps`` and ``meeting_words``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.actor_ruler import has_any_word

PARTNER_KINDS = ("state", "intergov")
POSSESSIVES = {"our", "its", "their", "his", "her", "nos", "notre", "ses", "son", "sa", "leurs", "leur"}
LIST_REACH = 48  # tokens walked back along a list (a dozen states, with their articles and commas)
OPENER_REACH = 4  # tokens between a partner noun and the list opener after it ("allies, including")
LINKED_OPENERS = ("as", "que")  # list openers only after another one ("such as", « tels que »)


class PartnerRules:
    """Mixin of ``ActorLinker``: needs ``self.context`` (the language's context words)."""

    context: dict
    gazetteer: object

    def _without_partners(self, doc: Doc, text: str, mentions: list[tuple[Span, str]]) -> list:
        """``mentions`` without the states and bodies named only as partners outside an attribution."""
        nouns = set(self.context.get("partner_nouns", ()))
        if not nouns or not doc.has_annotation("SENT_START"):
            return mentions
        # every way of being a partner asks for a partner noun or an opener's last word ("in
        # partnership with"): the cheap test first
        closers = {opener.split()[-1] for opener in self.context.get("partner_openers", ()) if opener.split()}
        if not has_any_word(doc, nouns | closers):
            return mentions
        listed = [span for span, _ in mentions if span.label_ in PARTNER_KINDS]
        members = {i for span in listed for i in range(span.start, span.end)}
        cues = self.context.get("perpetrator")
        cyber = self.context["cyber"]
        offensive = self.gazetteer.offensive
        # sentences that name a perpetrator: a threat group or an offensive service
        perpetrators = {
            span.sent.start for span, _ in mentions if span.label_ == "group" or span.kb_id_ in offensive
        }
        out = []
        for span, role in mentions:
            if span.label_ in PARTNER_KINDS and self._a_partner(doc, span, members, nouns):
                sentence = text[span.sent.start_char : span.sent.end_char]
                told = (
                    cues is None
                    or cues.search(sentence)
                    or span.sent.start in perpetrators
                    or any(cue in sentence.lower() for cue in self.context.get("partner_story_cues", ()))
                )
                if not (cyber.search(sentence) and told):
                    continue
            out.append((span, role))
        return out

    def _a_partner(self, doc: Doc, span: Span, members: set[int], nouns: set[str]) -> bool:
        """Is the span in a list of partners: opened by a partnership ("in partnership with"), by
        a list opener after a partner noun ("allies, including"), or after a partner noun joined to
        it ("our partners and Canada")? The one who has the partners ("Canada and its allies",
        "Canada's allies") is no partner."""
        sent_start = span.sent.start
        if _qualifies_partners(span, nouns):
            return True  # "our Polish and Baltic counterparts", « nos homologues polonais »
        # to the left: a partner noun among the members ("partners and Canada"; not "Along with
        # its allies, the UK": an apposition), or the list's opener
        i = span.start - 1
        joined = False
        while i >= sent_start and i > span.start - LIST_REACH:
            token = doc[i]
            if token.lower_ in nouns and joined:
                return True
            if not self._list_material(token, members):
                break
            joined = joined or (token.lower_ in self.context["list_words"] and token.lower_ != ",")
            i -= 1
        if i < sent_start:
            return False
        openers = self.context["list_openers"]
        if token.lower_ in openers:
            if token.lower_ in LINKED_OPENERS and (i == sent_start or doc[i - 1].lower_ not in openers):
                return False  # « ses alliés estiment que la Russie »; but « tels que », "such as"
            before = doc[max(sent_start, i - OPENER_REACH) : i]
            if any(t.lower_ in nouns for t in before):
                return True  # (else « tout comme » may open a comparison)
        return self._opened_by_partnership(doc, i, sent_start)

    def _opened_by_partnership(self, doc: Doc, last: int, sent_start: int) -> bool:
        """Does one of ``partner_openers`` end at token ``last`` ("in partnership with")?"""
        last_word = doc[last].lower_  # (an opener that does not end with it is not read further)
        for opener in self.context.get("partner_openers", ()):
            words = opener.split()
            first = last - len(words) + 1
            if words[-1] != last_word or first < sent_start:
                continue
            if [t.lower_ for t in doc[first : last + 1]] == words:
                return True
        return False

    def _list_material(self, token, members: set[int]) -> bool:
        """Can the token be part of a list of states between two members (or before a partner
        noun): a member, a comma, a list word, a determiner, a possessive, an adjective, a name
        that qualifies a partner noun ("our NATO Allies")?"""
        word = token.lower_
        nouns = self.context["partner_nouns"]
        return (
            token.i in members
            or (token.pos_ in ("ADJ", "PROPN") and token.head.lower_ in nouns and token.head.i > token.i)
            or word in self.context["list_words"]
            or word in self.context["determiners"]
            or word in POSSESSIVES
            or word in ("other", "several", "autres", "plusieurs", "—", "–")
            or (token.pos_ == "ADJ" and not token.is_title)
            or (token.pos_ == "ADJ" and token.ent_type_ in ("NORP", "MISC"))
        )


def _qualifies_partners(span: Span, nouns: set[str]) -> bool:
    """Is the span a nationality adjective of a partner noun, alone or in a list of adjectives
    ("our Polish and Baltic counterparts", « nos homologues polonais et baltes »)? Not the owner of
    the partners ("Canada's allies")."""
    root = span.root
    if root.lower_ in nouns and len(span) > 1:
        return True  # the span holds the noun: « homologues polonais », "Polish counterparts"
    if root.pos_ != "ADJ" and root.ent_type_ not in ("NORP", "MISC"):
        return False
    if root.dep_ == "conj":
        root = root.head
    return root.dep_ in ("amod", "compound") and root.head.lower_ in nouns and root.head.i != root.i


def met_party(span: Span, titles, context: dict) -> bool:
    """Is the person only whom someone meets or calls, in a talk the sentence does not say is about
    anything ("You met with Foreign Minister Y, and the hack came up", "the summit with X, which
    comes after cyber attacks", « lors de son entretien avec le président X »: one of
    ``meeting_preps`` under one of ``meeting_words``)? Such a party takes no part in the cyber story
    (``actor_story``: as what a verb acts on). A talk with a topic ("will speak to X about
    cyberattacks", ``topic_preps``) keeps him: he is asked to act on it."""
    words, preps = context.get("meeting_words", ()), context.get("meeting_preps", ())
    roots = [span.root]
    if span.root.head.lower_ in titles and span.root.head.i < span.root.i:
        roots.append(span.root.head)  # « avec le président Poutine »: the title may stand for him
    for root in roots:
        talk = None
        if root.dep_ == "pobj" and root.head.lower_ in preps and root.head.head.lower_ in words:
            talk = root.head.head
        elif any(c.dep_ == "case" and c.lower_ in preps for c in root.children) and root.head.lower_ in words:
            talk = root.head
        if talk is not None:
            topics = context.get("topic_preps", ())
            return not _has_topic(talk, topics) and not _has_topic(root, topics)
    return False


def _has_topic(word, topic_preps) -> bool:
    """Has the word a topic phrase ("speak to X about cyberattacks", « discuter sur ... »)?"""
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ in topic_preps:
            return True
        if any(c.dep_ == "case" and c.lower_ in topic_preps for c in child.children):
            return True
    return False
