"""A company named only as the maker of products (used by ``actor_linker``).

"vulnerabilities in Microsoft, Pulse, VMware and Fortinet software", « les failles des logiciels de
Microsoft et de Fortinet »: the companies make what is exploited; they play no role in the story.
A company's name is a maker's when a lowercase product noun (context list ``product_nouns``:
"software", "devices", « logiciels », « équipements ») comes right after it, or after the list of
names it ends (English), or right before it or the list it opens, over "of" (French). Only
capitalised names, commas and "and" / « et » may stand between the name and the noun. So is a
company named as who fixes a flaw (``fix_words`` and ``flaw_nouns``): "the flaw was patched by
Microsoft in March", « cette faille a été corrigée par Microsoft », "Microsoft patched the
vulnerability".
"""

from __future__ import annotations

from spacy.tokens import Doc

LIST_REACH = 12  # tokens of a list of names between a company and the product noun
LIST_WORDS = frozenset({",", "and", "or", "et", "ou"})
FIX_REACH = 6  # tokens between a fix word and "by" (« par ») before the company


def names_a_maker(doc: Doc, start: int, end: int, context: dict) -> bool:
    """Is the company's name doc[start:end] only the maker of the products a noun beside it names?"""
    nouns = context.get("product_nouns", ())
    if not nouns:
        return False
    of_words = context["of_words"]
    after = _past_names(doc, end, 1)
    if after < len(doc) and doc[after].is_lower and doc[after].lower_ in nouns:
        return True
    before = _past_names(doc, start - 1, -1, of_words)
    if before >= 0 and doc[before].lower_ in of_words:
        before -= 1
    return before >= 0 and doc[before].is_lower and doc[before].lower_ in nouns


def _past_names(doc: Doc, i: int, step: int, skipped=frozenset()) -> int:
    """The first token from ``i`` on (going ``step``) that is no name, comma, "and" of a list of
    names (nor, backwards, the "of" between two of them: « de Microsoft et de Fortinet »)."""
    limit = LIST_REACH
    while 0 <= i < len(doc) and limit > 0:
        token = doc[i]
        name = token.is_alpha and token.text[0].isupper()  # (also in camel case: "VMware")
        linked = token.lower_ in skipped and 0 <= i + step < len(doc) and doc[i + step].lower_ in LIST_WORDS
        if not (name or linked or token.lower_ in LIST_WORDS):
            break
        i += step
        limit -= 1
    return i


def patches_a_flaw(doc: Doc, start: int, end: int, context: dict) -> bool:
    """Is the company doc[start:end] who fixes a flaw the sentence names: after "by" (« par ») a
    few words after a fix word ("was patched in March by X"), or right before one, over
    auxiliaries ("X patched", « X a corrigé »)?"""
    fixes, flaws = context.get("fix_words", ()), context.get("flaw_nouns", ())
    if not fixes or not flaws:
        return False
    sentence = doc[start].sent
    if not any(t.lower_ in flaws for t in sentence):
        return False
    if start > sentence.start and doc[start - 1].lower_ in context["by_words"]:
        window = doc[max(sentence.start, start - 1 - FIX_REACH) : start - 1]
        return any(t.lower_ in fixes for t in window)
    after = end
    while after < sentence.end and doc[after].pos_ == "AUX":
        after += 1
    return after < sentence.end and doc[after].lower_ in fixes
