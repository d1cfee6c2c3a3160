"""Official names the entity recogniser cuts, told by the acronym in brackets after them (used
by ``actor_orgs``): "the State Research Center of the Russian Federation FGUP Central Scientific
Research Institute of Chemistry and Mechanics (TsNIIKhM)", « l'Institut central de recherche
scientifique de chimie et de mécanique (TsNIIKhM) » is one discovered organisation, its acronym
too; and a known actor whose acronym stands in brackets after a name (« la Direction centrale du
renseignement de l'état-major (GRU) ») is the actor that name names.

Part of ``extract.actors.ActorLinker`` through ``extract.actor_orgs.OrgRules`` (split from
``extract.actor_orgs``).
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from extract.actor_org_names import MAX_NAME_TOKENS
from extract.records import Actor

_OPEN_ID, _CLOSE_ID = get_string_id("("), get_string_id(")")
ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,10}[A-Z]")  # "TsNIIKhM", "KISA": capitals at both ends
MAX_LONG_NAME = 24  # words of an official name before its acronym in brackets
BRACKET_REACH = 3  # tokens of a cut word between a name and the known acronym in brackets after it
DASHES = ("-", "–", "‑")


def _acronyms_again(doc: Doc, found, mention_at) -> list[tuple[Span, str]]:
    """The discovered acronyms written again elsewhere in the text, where no actor is named."""
    out = []
    named = {span.text: span for span, _ in found if len(span) == 1}
    for token in doc if named else ():
        owner = named.get(token.text)
        if owner is not None and token.i != owner.start and token.i not in mention_at:
            again = Span(doc, token.i, token.i + 1, label=owner.label_, kb_id=owner.kb_id_)
            out.append((again, "discovered"))
    return out


class LongNameRules:
    """Mixin of ``OrgRules``: needs ``self.context``, ``self.resolve``, ``self.new_id`` and
    ``self._names_technique``."""

    def _acronym_names(self, doc: Doc, text: str, mentions, new_actors) -> tuple[list, list]:
        """A long official name the NER cuts, told by the acronym in brackets after it: "the State
        Research Center of the Russian Federation FGUP Central Scientific Research Institute of
        Chemistry and Mechanics (TsNIIKhM)", « l'Institut central de recherche scientifique de
        chimie et de mécanique (TsNIIKhM) ». The capitalised words and name links before the
        bracket are the name when one of them is an organisation word; the state inside the name
        is no mention of the state. Returns (mentions kept, new mentions)."""
        if "(" not in text:
            return mentions, []
        words = self.context["org_name_words"]
        links = set(self.context["name_links"]) | set(self.context["determiners"])
        mention_at = {i: span for span, _ in mentions for i in range(span.start, span.end)}
        found, dropped = [], set()
        orth = doc.to_array(ORTH).tolist()  # (the brackets found by id: no Token per word)
        for i in range(2, len(doc) - 2):
            if orth[i] != _OPEN_ID or orth[i + 2] != _CLOSE_ID:
                continue
            acronym = doc[i + 1]
            if not ACRONYM.fullmatch(acronym.text):
                continue
            if self.resolve(acronym.text) or i + 1 in mention_at:
                continue  # a known actor's acronym: the gazetteer's
            start = self._long_name_start(doc, i, words, links)
            if i - start <= MAX_NAME_TOKENS or doc[start].is_sent_start:
                continue  # a name the NER can read (or a sentence's capitalised first words)
            inner = {mention_at[j] for j in range(start, i) if j in mention_at}
            if any(m.label_ != "state" and m.label_ != "other" for m in inner):
                continue  # a known agency or company inside: a longer mention of it
            if self._names_technique(doc, start, i):
                continue
            kind = next(
                (k for t in doc[start:i] for k, names in words.items() if t.is_title and t.lower_ in names),
                None,
            )
            if kind is None:
                continue
            name = text[doc[start].idx : doc[i - 1].idx + len(doc[i - 1])]
            actor_id = self.new_id(acronym.text, kind)
            new_actors.setdefault(
                actor_id,
                Actor(id=actor_id, name=name, kind=kind, aliases=(name, acronym.text), source="discovered"),
            )
            found.append((Span(doc, start, i, label=kind, kb_id=actor_id), "discovered"))
            found.append((Span(doc, i + 1, i + 2, label=kind, kb_id=actor_id), "discovered"))
            dropped |= {(m.start, m.end) for m in inner}
        found.extend(_acronyms_again(doc, found, mention_at))
        kept = [(span, role) for span, role in mentions if (span.start, span.end) not in dropped]
        return kept, found

    def _long_name_start(self, doc: Doc, i: int, words: dict, links: set) -> int:
        """Where the official name before the bracket at ``i`` starts: over capitalised words and
        name links, then past leading links and lower-case words, then back to a French head."""
        start = i
        while (
            start > 0
            and i - start < MAX_LONG_NAME
            and (doc[start - 1].is_title or doc[start - 1].is_upper or doc[start - 1].lower_ in links)
        ):
            start -= 1
        while start < i and (doc[start].lower_ in links or not doc[start].text[:1].isupper()):
            start += 1
        return self._lower_case_head(doc, start, i, words, links)

    def _bracketed_known(self, doc: Doc, end: int, mention_at) -> tuple[int, Span | None]:
        """The known actor whose acronym stands in brackets right after the name ending at ``end``
        (over the rest of a word the NER cut, « de l'état-major (GRU) », and over the rest of the
        name, "of the Russian General Staff (GRU)"): (the bracket, its mention), or (end, None)."""
        links = set(self.context["name_links"]) | set(self.context["determiners"])
        i = end
        while i < len(doc) and i < end + MAX_LONG_NAME and doc[i].text != "(":
            token = doc[i]
            cut = token.text in DASHES or (i > 0 and doc[i - 1].text in DASHES and i - end < BRACKET_REACH)
            if token.is_sent_start or not (cut or token.is_title or token.is_upper or token.lower_ in links):
                return end, None  # (« de l'état-major », "of the Russian General Staff")
            i += 1
        if i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")":
            return end, None
        known = mention_at.get(i + 1)
        if known is None or known.label_ not in ("agency", "group", "company", "intergov", "other"):
            return end, None
        return i, known

    def _lower_case_head(self, doc: Doc, start: int, bracket: int, words: dict, links: set) -> int:
        """French writes the words after an official name's head in lower case: « l'Institut central
        de recherche scientifique de chimie et de mécanique (TsNIIKhM) », « le Centre de recherche
        d'État de ... »: over lower-case words and links to the nearest capitalised organisation
        word before ``start``, if any."""
        j = start - 1
        while j >= 0 and bracket - j <= MAX_LONG_NAME:
            token = doc[j]
            if token.is_title and any(token.lower_ in names for names in words.values()):
                return j
            if token.lower_ not in links and not (
                token.is_lower and token.is_alpha and token.pos_ not in ("VERB", "AUX", "PRON")
            ):
                break
            j -= 1
        return start
