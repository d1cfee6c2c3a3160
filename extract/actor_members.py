"""What the members of a list name (used by ``actor_places`` and ``actor_candidates``).

States listed beside a territory that is no state actor are places or topics ("after the trade
dispute, Xinjiang, Taiwan and Hong Kong": ``Gazetteer.territories``).

States in a list that ends with "elsewhere" are places: "Park Jin Hyok and his co-conspirators
operated from North Korea, China, and elsewhere", « depuis la Chine, l'Iran et ailleurs »: a list
whose last member is one of ``elsewhere_words`` is a list of where something happens. The list is
read rightwards from the state over names, commas, list words and determiners.

A union's adjective before plural bodies names its members' bodies, not the union's own
("European ministries", "European diplomats", « les dirigeants européens »), also as one member of
a list of adjectives ("European and Asian governments", « les gouvernements européens et
asiatiques »): the list's noun is looked for a few words after or before the adjective.
"""

from __future__ import annotations

from spacy.tokens import Doc

TERRITORY_WORDS = 4  # the longest territory name a list holds ("Saint Pierre and Miquelon")
ELSEWHERE_REACH = 12  # tokens of a list between a state and "elsewhere"
LIST_REACH = 4  # words from a list's adjective to its noun ("European | and Asian governments")


def before_elsewhere(doc: Doc, end: int, context: dict) -> bool:
    """Does the list the state ending at ``end`` is in end with "elsewhere" (« ailleurs »)?"""
    words = context.get("elsewhere_words", ())
    if not words or end >= len(doc) or doc[end].lower_ not in context["list_words"]:
        return False  # (the cheap test first: a list word right after the state)
    material = {*context["list_words"], *context["determiners"]}
    for token in doc[end : end + ELSEWHERE_REACH]:
        if token.lower_ in words:
            return True
        if not (token.lower_ in material or (token.is_alpha and token.text[0].isupper())):
            return False
    return False


def listed_with_a_territory(doc: Doc, start: int, end: int, context: dict, territories) -> bool:
    """Is the state at doc[start:end] listed beside a territory that is no state actor ("Taiwan
    and Hong Kong", « Porto Rico et Cuba »; ``territories``: their lower-case names)? Then the
    list names places or topics, not actors."""
    joins = context["list_words"]
    after = end + 1 if end < len(doc) and doc[end].lower_ in joins else None
    before = start - 1 if start > 0 and doc[start - 1].lower_ in joins else None
    for k in range(1, TERRITORY_WORDS + 1):
        if after is not None and doc[after : after + k].text.lower() in territories:
            return True
        if before is not None and before >= k and doc[before - k : before].text.lower() in territories:
            return True
    return False


def plural_bodies(doc: Doc, start: int, end: int, described: tuple[int, int], context: dict) -> bool:
    """Is the institution a union's adjective at doc[start:end] describes (``described``, the
    description's token range) plural: bodies or people of its members, not the union's own?"""
    bodies = set(context["body_nouns"]) | set(context["institution_nouns"])
    bodies -= {"authorities", "autorités"}  # (EU authorities act)
    first, last = described
    if described == (start, end) and doc.has_annotation("SENT_START"):
        # a list's member ("European | and Asian governments"): the list's noun, after it or
        # before it (« les gouvernements | européens et asiatiques »)
        sentence = doc[start].sent
        first, last = max(sentence.start, start - LIST_REACH), min(sentence.end, end + LIST_REACH)
    nouns = [t for t in doc[first:last] if not start <= t.i < end and t.lower_ in bodies]
    return any(t.tag_ == "NNS" or "Number=Plur" in str(t.morph) for t in nouns)
