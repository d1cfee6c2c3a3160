"""An international body named only as the author of standing measures (used by ``actor_linker``).

"Under the pressure of robust U.S. and UN sanctions, the DPRK has relied on cybercrime", "the
U.S.- and UN-designated RGB", "in violation of United Nations Security Council (UNSC)
resolutions", « sous la pression des sanctions de l'ONU », « les résolutions du Conseil de
sécurité »: the body stands for a regime of measures that frames the story, not for an actor in
it. Such a mention is no mention. The regime noun (``regime_nouns``: "sanctions", "resolutions",
"designated", « sanctions », « résolutions ») is the first word after the body's name that is not
a name (English: "UN sanctions", over "Security Council (UNSC)"), or the word before it over
"of" words and determiners (French: « les sanctions de l'ONU »). Measures whose phrase has a
cyber word are the story's ("the EU sanctions against the hackers of APT28", "EU cyber
sanctions", « les sanctions de l'UE contre les pirates »): the body stays.
"""

from __future__ import annotations

from spacy.tokens import Doc

REGIME_REACH = 5  # tokens between a body's name and its regime noun ("Security Council (UNSC) resolutions")
SKIPPED = {"(", ")", "-", "–", "’s", "'s"}


def names_a_regime(doc: Doc, start: int, end: int, context: dict) -> bool:
    """Is the body's name doc[start:end] only the author of standing measures with no cyber word?"""
    nouns = context.get("regime_nouns", ())
    if not nouns:
        return False
    noun = _regime_after(doc, end, nouns) or _regime_before(doc, start, nouns, context)
    if noun is None:
        return False
    phrase = (
        doc[noun.left_edge.i : noun.right_edge.i + 1]
        if doc.has_annotation("DEP")
        else doc[noun.i : noun.i + 1]
    )
    return context["cyber"].search(phrase.text) is None


def _regime_after(doc: Doc, end: int, nouns):
    """The regime noun after the name, over names, digits and brackets ("UN | sanctions",
    "United Nations | Security Council (UNSC) resolutions", "UN-|designated"), or None."""
    for token in doc[end : end + REGIME_REACH]:
        if token.text in SKIPPED or token.is_digit or (token.is_alpha and token.text[0].isupper()):
            continue
        return token if token.lower_ in nouns else None
    return None


def _regime_before(doc: Doc, start: int, nouns, context: dict):
    """The regime noun before the name, over "of" words and determiners (« les sanctions | de
    l'ONU », « des résolutions | du Conseil de sécurité »), or None."""
    skipped = {*context["of_words"], *context["determiners"], "du", "des"}
    i = start - 1
    while i >= 0 and start - i <= REGIME_REACH and doc[i].lower_ in skipped:
        i -= 1
    if i < 0 or i == start - 1:
        return None
    return doc[i] if doc[i].lower_ in nouns else None
