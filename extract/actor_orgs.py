"""Organisations the gazetteer lacks (used by ``actor_linker``): victims, vendors and public bodies.

A proper name found by the NER becomes a discovered actor when something in the text says it is an
organisation, and which kind:

- its own first or last word ("Northfield University", "Elbe Bank AG", "Acme Widgets Inc.",
  "Health Service Executive", "parti Renaissance"); a ministry or a department is its state's, and
  is not discovered;
- a descriptor before it ("the public broadcaster RTV", "security firm Nordlys Labs", « la banque
  Crédit Rural », « l'hôpital Saint-Louis »), after it ("Netwatch Labs, a cybersecurity firm,"), as
  the employer before a company title ("Netwatch founder", "Datalys researchers") or before a list
  it opens ("two regional banks, Alpine Savings and Harbor Trust").

Also, without a descriptor:

- a name listed with known organisations ("Yahoo, Symantec, Morgan Stanley and Dow Chemical were
  among the targets": three names or more, two of them known companies, institutions or
  agencies); places and nationalities the NER tags are never members;
- a long official name before its acronym in brackets, which the NER cuts ("the State Research
  Center of the Russian Federation FGUP ... Mechanics (TsNIIKhM)", « l'Institut central de
  recherche scientifique de chimie et de mécanique (TsNIIKhM) »);
- a state's parliament described by the state's adjective ("the Estonian parliament"), besides
  the state: the gazetteer's parliament of that state, else ``PARLIAMENT_<ISO3>``
  (``extract.actor_parliaments``).

The words are data (``org_descriptors`` and ``org_name_words`` in ``patterns/actor_context.json``,
by kind: ``company``, ``other`` for institutions, ``agency`` for public bodies). The NER's label is
not trusted (it calls "Netwatch Labs" a person): the descriptor decides. Names of known actors,
people and threat groups are already taken and are left alone.

Each discovered organisation stays linked across the document: its name again, the name without
its legal form ("Acme Widgets" for "Acme Widgets Inc."), the first word of a company name that ends
in a company word ("Netwatch" for "Netwatch Labs"), and an acronym in brackets after it ("(NL)").

The kind a name's words or descriptors give is read in ``extract.actor_org_kinds``
(``OrgKindRules``), long official names before their acronym in ``extract.actor_long_names``
(``LongNameRules``), what a name may be instead of a body in ``extract.actor_org_names``.
"""

from __future__ import annotations

import re

from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_TITLE, IS_UPPER, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from extract.actor_long_names import LongNameRules
from extract.actor_org_kinds import OrgKindRules, _kind_of
from extract.actor_org_names import MAX_NAME_TOKENS, OrgNameRules, spelled_out, split_pairs
from extract.actor_places import PLACE_LABELS
from extract.actor_ruler import doc_ents
from extract.records import Actor

NAME_LABELS = {"ORG", "PERSON", "PER", "GPE", "LOC", "FAC", "MISC", "NORP", "PRODUCT"}
MAX_PLACE_WORDS = 3
LIST_KINDS = ("company", "other", "agency")  # known list members that make the others organisations
LIST_LABELS = {"ORG", "PERSON", "PER", "FAC", "MISC", "PRODUCT"}  # not places or nationalities
LIST_MEMBERS = 3  # names in a list, at least
LIST_KNOWN = 2  # known organisations among them, at least


class OrgRules(OrgKindRules, LongNameRules, OrgNameRules):
    """Mixin of ``ActorLinker``: needs ``self.context`` and ``self.resolve`` and ``self.new_id``."""

    context: dict

    def _discovered(self, doc: Doc, start: int, end: int, name: str, kind: str, new_actors, taken: set[int]):
        """A mention of a newly discovered organisation doc[start:end] (the actor added once, its
        tokens taken)."""
        actor_id = self.new_id(name, kind)
        actor = Actor(id=actor_id, name=name, kind=kind, aliases=(name,), source="discovered")
        new_actors.setdefault(actor_id, actor)
        taken.update(range(start, end))
        return Span(doc, start, end, label=kind, kb_id=actor_id), "discovered"

    def _organisations(self, doc: Doc, text: str, mentions, new_actors) -> list[tuple[Span, str]]:
        if not doc_ents(doc):
            return []
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        mention_at = {i: span for span, _ in mentions for i in range(span.start, span.end)}
        out: list[tuple[Span, str]] = []
        previous: tuple[int, str] | None = None  # (end, kind) of the last organisation found
        tails: dict[str, str] = {}  # the last two words of a longer name found -> its id
        titles = quoted_titles(text)
        lowered = text.lower()  # (a text with no word for names has no list of names)
        name_lists = any(noun in lowered for noun in self.context.get("name_list_nouns", ()))
        for ent in split_pairs(doc, doc_ents(doc)):
            if ent.label_ not in NAME_LABELS or len(ent) > MAX_NAME_TOKENS:
                continue
            start, end = self._name_bounds(doc, ent)
            if end - start > 2 and self._state_prefix(doc, start + 1, mention_at):
                start += 1  # "the US Space Research Agency": the name after the state's abbreviation
            if end <= start or any(i in taken for i in range(start, end)):
                continue
            if self._no_body(doc, start, end, titles, name_lists):
                continue
            shared = self._shared_head(doc, start, end)
            if shared is not None:  # "the U.S. Departments of State, the Treasury, and ...": each its own
                if shared[0] is not None:
                    out.append(shared)
                    taken.update(range(shared[0].start, shared[0].end))
                continue
            kind, start = self._org_kind(doc, start, end, ent.label_, previous, mention_at)
            if (
                kind is None
                or self.resolve(doc[start:end].text)
                or any(i in taken for i in range(start, end))
            ):
                continue
            bracket, known = self._bracketed_known(doc, end, mention_at)
            if known is not None:
                # « la Direction centrale du renseignement de l'état-major (GRU) »: the known actor
                out.append((Span(doc, start, bracket, label=known.label_, kb_id=known.kb_id_), "name"))
                taken.update(range(start, bracket))
                continue
            end, country, full = self._of_place(doc, text, end, mention_at, taken)
            name = text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
            name, country, full = self._prefixed(doc, start, name, (country, full), mention_at)
            longer = next((s for s in mention_at.values() if s.text.startswith(name + " ")), None)
            if longer is not None:  # "the attack on Sony" after "Sony Pictures": that actor
                out.append((Span(doc, start, end, label=longer.label_, kb_id=longer.kb_id_), "name"))
                taken.update(range(start, end))
                continue
            actor_id = self._new_org(doc, start, end, name, kind, (country, full), tails, new_actors)
            out.append((Span(doc, start, end, label=kind, kb_id=actor_id), "discovered"))
            taken.update(range(start, end))
            mention_at.update((i, out[-1][0]) for i in range(start, end))
            previous = (end, kind)
            if end - start >= 3 and doc[end - 1].is_title and doc[end - 2].is_title:
                # "the George C. Marshall Center", later "the Marshall Center"
                tails.setdefault(text[doc[end - 2].idx : doc[end - 1].idx + len(doc[end - 1])], actor_id)
        out.extend(self._list_members(doc, text, [*mentions, *out], taken, new_actors))
        out.extend(self._named_by_head(doc, text, taken, new_actors, mention_at))
        out.extend(self._org_repeats(doc, text, out, taken))
        return out

    def _no_body(self, doc: Doc, start: int, end: int, titles, name_lists: bool) -> bool:
        """Is the name doc[start:end] no organisation's name, whatever its kind: not capitalised, part
        of a title or a programme's name, a portfolio, inside a quoted title, a technique, a name in
        a list of names?"""
        if not any(t.text[:1].isupper() for t in (doc[start], doc[end - 1])):
            return True
        after = doc[end].lower_ if end < len(doc) else ""
        if after in self.context["titles"] and after not in self.context["company_titles"]:
            return True  # "National Security Adviser X": part of a title
        if after in self.context["not_org_after"]:
            return True  # "the Malware-Free Networks programme": a programme's name
        portfolio = start >= 2 and doc[start - 1].lower_ in self.context.get("portfolio_preps", ())
        if portfolio and doc[start - 2].lower_ in self.context["titles"]:
            return True  # "Deputy National Security Advisor for Cyber and Emerging Technology": a portfolio
        if any(a <= doc[start].idx and doc[end - 1].idx < b for a, b in titles):
            return True  # the advisory “Russian SVR Targets U.S. and Allied Networks”
        if self._names_technique(doc, start, end):
            return True  # a technique, a technology or a product: not a body
        if name_lists and self._in_a_name_list(doc, start):
            return True  # "other nicknames, including Office Monkeys, CozyCar": a name, not a body
        return False

    def _org_kind(
        self, doc: Doc, start: int, end: int, label: str, previous, mention_at
    ) -> tuple[str | None, int]:
        """(kind, start) of the name doc[start:end]: its own words', else a descriptor's, else a
        victim's, else an agency's spelled-out name's; the start moves onto a descriptor that is
        part of the name."""
        kind = self._own_kind(doc, start, end)
        if kind is None:
            kind, start = self._described_kind(doc, start, end, previous, mention_at)
        if kind is None:
            kind = self._victim_org(doc, start, end, label, mention_at)  # "the compromise of X"
        if kind is None and label == "ORG" and spelled_out(doc, start, end):
            # "the National Telecommunications and Information Administration (NTIA)"
            kind = "agency" if doc[end - 1].lower_ in self.context.get("spelled_out_heads", ()) else None
        return kind, start

    def _new_org(
        self, doc: Doc, start: int, end: int, name: str, kind: str, of_place, tails, new_actors
    ) -> str:
        """The id of the discovered organisation doc[start:end] (``name``), added to
        ``new_actors`` once, with the country and the longer name "of <state>" of ``of_place``."""
        country, full = of_place
        legal = self.context["legal_forms"]
        bare = doc[start : end - 1].text if end - start > 1 and doc[end - 1].lower_ in legal else name
        actor_id = tails.get(name) or self.new_id(bare, kind)  # "the Marshall Center": named before
        names = (f"{name} {full}", name) if full else (name,)
        new_actors.setdefault(
            actor_id,
            Actor(id=actor_id, name=names[0], kind=kind, country=country, aliases=names, source="discovered"),
        )
        return actor_id

    def _list_members(self, doc: Doc, text: str, found, taken: set[int], new_actors) -> list:
        """Names listed with known organisations are organisations too: "Yahoo, Symantec, Northrop
        Grumman, Morgan Stanley and Dow Chemical were among the targets", « Lockheed Martin, Sandia
        National Laboratories, Redstone Arsenal ou la NASA ». A list of at least three names, two
        of them known organisations (companies, institutions, agencies), gives its other names the
        kind most of the known ones have. Places (GPE, LOC) and nationalities are never members."""
        known = [span for span, _ in found if span.label_ in LIST_KINDS]
        if len(known) < LIST_KNOWN:
            return []
        items = self._list_items(doc, known, taken)
        chains = _list_chains(doc, items, self.context)
        out = []
        for chain in chains:
            kinds = [kind for _, _, kind in chain if kind is not None]
            if len(chain) < LIST_MEMBERS or len(kinds) < LIST_KNOWN or len(kinds) == len(chain):
                continue
            kind = max(LIST_KINDS, key=kinds.count)  # ties: the first of LIST_KINDS
            for start, end, member in chain:
                if member is not None or self.resolve(doc[start:end].text):
                    continue
                name = text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
                out.append(self._discovered(doc, start, end, name, kind, new_actors, taken))
        return out

    def _list_items(self, doc: Doc, known: list[Span], taken: set[int]) -> list[tuple[int, int, str | None]]:
        """(start, end, kind or None) of the names that may be listed with the known organisations
        ``known``: themselves, capitalised entities nobody took, capitalised words outside any
        entity; by position."""
        items: list[tuple[int, int, str | None]] = [(s.start, s.end, s.label_) for s in known]
        for ent in doc_ents(doc):
            if ent.label_ not in LIST_LABELS or len(ent) > MAX_NAME_TOKENS:
                continue
            start, end = self._name_bounds(doc, ent)
            if end <= start or any(i in taken for i in range(start, end)):
                continue
            name = doc[start:end]
            links = self.context["name_links"]
            if not name[0].text[:1].isupper() or not all(
                t.is_title or t.is_upper or t.lower_ in links or not t.is_alpha for t in name
            ):
                continue
            items.append((start, end, None))
        # capitalised words outside any entity: the NER misses single names ("Calpine")
        flags = doc.to_array([ENT_TYPE, IS_TITLE, IS_UPPER, IS_ALPHA]).tolist()  # (no Token per word)
        i = 0
        while i < len(doc):
            entity, title, upper, alpha = flags[i]
            if entity or i in taken or not (title or upper) or not alpha:
                i += 1
                continue
            end = i + 1
            while end < len(doc) and not flags[end][0] and end not in taken and flags[end][1]:
                end += 1
            if end - i <= MAX_NAME_TOKENS:
                items.append((i, end, None))
            i = end
        items.sort()
        return items

    def _named_by_head(self, doc: Doc, text: str, taken: set[int], new_actors, mention_at) -> list:
        """A name the NER misses, headed by a capitalised organisation word after a determiner: « le
        Centre canadien pour l'éthique dans le sport », "the Institute for Security Studies"; a known
        actor's when its acronym follows in brackets."""
        if not doc.has_annotation("DEP"):
            return []
        words = self.context["org_name_words"]
        out = []
        # only the tokens that are an organisation word (hashes of the LOWER array: no Token made
        # for the others)
        lowers = doc.to_array(LOWER).tolist()
        wanted = _word_ids(words)
        for i in [i for i, key in enumerate(lowers) if key in wanted]:
            token = doc[i]
            if token.i in taken or not token.is_title or token.is_sent_start or token.i == 0:
                continue
            kind = _kind_of(token.lower_, words)
            if kind is None or doc[token.i - 1].lower_ not in self.context["determiners"]:
                continue
            start, end = token.i, token.right_edge.i + 1
            inner = doc[start:end]
            if len(inner) < 3 or len(inner) > MAX_NAME_TOKENS or any(i in taken for i in range(start, end)):
                continue
            if any(t.pos_ in ("VERB", "AUX", "PRON") or (t.is_punct and t.text not in "'’-") for t in inner):
                continue
            bracket, known = self._bracketed_known(doc, end, mention_at)
            if known is not None:
                out.append((Span(doc, start, bracket, label=known.label_, kb_id=known.kb_id_), "name"))
                taken.update(range(start, bracket))
                continue
            name = text[inner.start_char : inner.end_char]
            out.append(self._discovered(doc, start, end, name, kind, new_actors, taken))
        return out

    def _name_bounds(self, doc: Doc, ent: Span) -> tuple[int, int]:
        """The entity without leading determiners, trailing punctuation and a trailing possessive
        ("the Voice of America's")."""
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in self.context["determiners"] or doc[start].is_punct):
            start += 1
        # « RSA | Security »: the recogniser left out the word the name's next word hangs on
        if 0 < start < end and doc[start].dep_ == "flat:name" and doc[start].head.i == start - 1:
            if doc[start - 1].text[:1].isupper() and not doc[start - 1].ent_type_:
                start -= 1
        links = self.context["name_links"]
        while end > start and (
            (doc[end - 1].is_punct and doc[end - 1].text != ".")
            or doc[end - 1].lower_ in ("'s", "’s")
            or doc[end - 1].lower_ in links
            or (doc[end - 1].pos_ == "ADP" and doc[end - 1].is_lower)
        ):
            end -= 1  # "The Financial Services Commission of | South Korea", « l'Université de X à | Y »
        return start, end

    def _of_place(self, doc: Doc, text: str, end: int, mention_at, taken) -> tuple[int, str | None, str]:
        """A name that goes on with "of <place>": "the Federal Reserve Bank of New York" (the place
        joins the name), "the Financial Services Commission of South Korea" (a state: its country,
        and a longer name of the organisation). Returns (end, country, "of <state>" or "")."""
        if (
            end + 1 >= len(doc)
            or doc[end].lower_ not in self.context["of_words"]
            or not doc[end + 1].is_title
        ):
            return end, None, ""
        state = mention_at.get(end + 1)
        if state is not None and state.label_ == "state" and state.start == end + 1:
            return end, state.kb_id_, text[doc[end].idx : state.end_char]
        last = end + 1  # a place's name: capitalised words nobody else took ("of New York")
        while last < len(doc) and last - end <= MAX_PLACE_WORDS and doc[last].is_title and last not in taken:
            last += 1
        return (
            (last, None, "")
            if last > end + 1 and (last == len(doc) or not doc[last].is_title)
            else (end, None, "")
        )

    def _org_repeats(self, doc: Doc, text: str, found, taken: set[int]) -> list[tuple[Span, str]]:
        """Later (and earlier) mentions of a discovered organisation by name, short name or acronym."""
        forms: dict[str, Span] = {}
        for span, _ in found:
            for form in self._short_forms(doc, span):
                forms.setdefault(form, span)
        if not forms:
            return []
        out = []
        pattern = re.compile(
            "|".join(rf"(?<!\w){re.escape(f)}(?!\w)" for f in sorted(forms, key=len, reverse=True))
        )
        # (a short form the entity recogniser reads as a place there is the place: 'Shanghai
        # Group' ... « basée à Shanghai »)
        places = {i for ent in doc_ents(doc) if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
        for match in pattern.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            owner = forms[match.group()]
            if match.group() != owner.text and any(i in places for i in range(span.start, span.end)):
                continue
            out.append(
                (Span(doc, span.start, span.end, label=owner.label_, kb_id=owner.kb_id_), "discovered")
            )
            taken.update(range(span.start, span.end))
        return out

    def _short_forms(self, doc: Doc, span: Span) -> list[str]:
        """The name, the name without its legal form, the first word of a company name ending in a
        company word, and an acronym in brackets after the name."""
        words = [t.text for t in span]
        forms = [span.text]
        legal, company_words = self.context["legal_forms"], self.context["org_name_words"].get("company", [])
        if len(words) > 1 and words[-1].lower() in legal:
            forms.append(" ".join(words[:-1]).rstrip(","))
        if span.label_ == "company" and len(words) > 1 and words[-1].lower() in company_words:
            if words[0][:1].isupper() and words[0].lower() not in self.context["name_links"]:
                forms.append(words[0])
        end = span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper:
            forms.append(doc[end + 1].text)
        return [f for f in forms if len(f) > 1]


def _list_chains(doc: Doc, items, context: dict) -> list[list[tuple[int, int, str | None]]]:
    """The runs of ``items`` joined only by list words and determiners ("X, Y and the Z")."""
    lists, determiners = context["list_words"], context["determiners"]
    chains: list[list[tuple[int, int, str | None]]] = []
    for item in items:
        if chains:
            last = chains[-1][-1]
            gap = doc[last[1] : item[0]]
            if (
                len(gap) > 0
                and all(t.lower_ in lists or t.lower_ in determiners for t in gap)
                and any(t.lower_ in lists for t in gap)
            ):
                chains[-1].append(item)
                continue
        chains.append([item])
    return chains


_WORD_IDS: dict[int, tuple[dict, frozenset[int]]] = {}


def _word_ids(descriptors: dict) -> frozenset[int]:
    """The string ids of every word of these lists (cached per lexicon object)."""
    found = _WORD_IDS.get(id(descriptors))
    if found is None or found[0] is not descriptors:
        ids = frozenset(get_string_id(w) for words in descriptors.values() for w in words)
        found = _WORD_IDS[id(descriptors)] = (descriptors, ids)
    return found[1]


QUOTED = re.compile(r"[“\"«‘]([^“”\"«»‘’\n]{3,300})[”\"»’]")
TITLE_MIN_WORDS = 4


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """Character ranges of the quotations of ``text`` that are titles ("the advisory “Russian
    State-Sponsored Cyber Actors Target Cleared Defense Contractor Networks”"): their words are
    capitalised, as titles are, and speech is not."""
    found = []
    for match in QUOTED.finditer(text):
        words = [w for w in re.findall(r"[^\W\d_]+", match.group(1)) if len(w) > 3]
        if len(words) >= TITLE_MIN_WORDS and all(w[0].isupper() for w in words):
            found.append(match.span(1))
    return found
