"""What kind of organisation a name the gazetteer lacks is (used by ``actor_orgs``): its own
first or last word ("Northfield University", "Ministry of Health", "Acme Widgets Inc."), a
descriptor before it ("security firm Nordlys Labs", « la banque Crédit Rural », "a company in
China called X"), the list it belongs to ("two regional banks, Alpine Savings and Harbor Trust"),
an owner cue ("belonging to X"), a company title after it ("Netwatch founder"), an apposition
("Netwatch Labs, a cybersecurity firm,") or a description after a copula ("Colonial is a private
company"). The words are data (``org_descriptors``, ``org_name_words`` in
``patterns/actor_context.json``).

Part of ``extract.actors.ActorLinker`` through ``extract.actor_orgs.OrgRules`` (split from
``extract.actor_orgs``).
"""

from __future__ import annotations

from spacy.tokens import Doc

ASIDE_REACH = 10  # tokens of a bracketed aside between a name and its apposition
DESCRIPTOR_ADJECTIVES = 2  # adjectives between a descriptor and the name (« le groupe automobile X »)


def _possessive_name(doc: Doc, i: int) -> bool:
    """Is doc[i] a capitalised name with a possessive after it ("Ukraine's")?"""
    return i + 1 < len(doc) and doc[i].text[:1].isupper() and doc[i + 1].lower_ in ("'s", "’s")


def _kind_of(word: str, descriptors: dict) -> str | None:
    for kind, words in descriptors.items():
        if word in words:
            return kind
    return None


class OrgKindRules:
    """Mixin of ``OrgRules``: needs ``self.context`` and ``self._names_technique``."""

    def _own_kind(self, doc: Doc, start: int, end: int) -> str | None:
        """The kind a name's first or last word gives: "X University", "Ministry of X", "X Inc."."""
        if self._names_technique(doc, start, end):
            return None
        words = self.context["org_name_words"]
        last, first = doc[end - 1].lower_, doc[start].lower_
        for kind, names in words.items():
            if last in names and end - start > 1:
                return kind
            if first in names and end - start > 2 and doc[start + 1].lower_ in self.context["name_links"]:
                return kind  # "Ministry of Health", "Université de Rennes"
            if first in names and end - start > 1 and not doc[start].is_title:
                return kind  # "parti Renaissance" inside the entity (French lower case)
        return None

    def _described_kind(self, doc: Doc, start: int, end: int, previous, mention_at) -> tuple[str | None, int]:
        """The kind a descriptor before or after the name gives, or the list it belongs to; and
        where the name starts ("l'université de Rennes": the descriptor is part of the name)."""
        descriptors, skip = self.context["org_descriptors"], self.context["determiners"]
        lists = self.context["list_words"]
        i = start - 1
        # "wind turbines belonging to Enercon", « des serveurs appartenant à Nordlys »: the owner
        if self._after_owner_cue(doc, i):
            common = end - start == 1 and doc[start].lower_ in self.context["body_nouns"]
            return (None if common else "company"), start  # (« appartenant à l'État »: no name)
        # "two regional banks, Alpine Savings and Harbor Trust": a member of a described list
        if previous is not None and i >= 0 and doc[i].lower_ in lists:
            between = doc[previous[0] : start]
            if all(t.lower_ in lists or t.lower_ in skip for t in between):
                return previous[1], start
        i = self._before_list_openers(doc, i, mention_at)
        if i > 0 and doc[i].lower_ in self.context["naming_words"]:
            kind = self._named_descriptor(doc[i])
            if kind is not None:
                return kind, start  # "a company in China called X", « une entreprise appelée X »
        crossed = i >= 0 and doc[i].text == ","
        if crossed:
            i -= 1  # "two regional banks, X"
        if i > 0 and doc[i].lower_ in self.context["of_words"]:
            kind = _kind_of(doc[i - 1].lower_, descriptors)
            if doc[start].lower_ in self.context["institution_nouns"]:
                return None, start  # « sous l'autorité du Gouvernement »: the government's, no name
            if kind in ("other", "agency") and not doc[i - 1].lower_.endswith(("s", "x")):
                return kind, i - 1  # "l'université de Rennes", "the University of Leeds"
            return None, start
        j = i  # over the descriptor's own modifiers: « la banque américaine X », « l'opérateur télécom X »
        while (
            j > 0
            and i - j < DESCRIPTOR_ADJECTIVES
            and doc[j].pos_ in ("ADJ", "NOUN")
            and doc[j].is_lower
            and _kind_of(doc[j].lower_, descriptors) is None
        ):
            j -= 1
        modifiers = doc[j + 1 : i + 1]
        if modifiers and all(t.head.i == j for t in modifiers) and _kind_of(doc[j].lower_, descriptors):
            return _kind_of(doc[j].lower_, descriptors), start
        # (across a comma, a descriptor in lower case: not the name of "Kansas City, Kansas")
        if i >= 0 and not (crossed and not doc[i].is_lower):
            kind = _kind_of(doc[i].lower_, descriptors)
            if kind is not None:
                place = doc[start].ent_type_ in ("LOC", "GPE") and i == start - 1 and kind != "company"
                return kind, (i if place else start)  # « l'hôpital Saint-Louis »
        return self._kind_after(doc, start, end, mention_at), start

    def _after_owner_cue(self, doc: Doc, i: int) -> bool:
        """Does an owner cue ("belonging to", « appartenant à ») end at doc[i], or before the
        determiner at doc[i]?"""
        skip = self.context["determiners"]
        j = i - 1 if i >= 0 and doc[i].lower_ in skip else i
        word_before = doc[j].lower_ if j >= 0 else None  # (a cue not ending with it is not read further)
        for cue in self.context.get("owner_cues", ()):
            words = cue.split()
            if words[-1] != word_before or j + 1 < len(words):
                continue
            if [t.lower_ for t in doc[j + 1 - len(words) : j + 1]] == words:
                return True
        return False

    def _before_list_openers(self, doc: Doc, i: int, mention_at) -> int:
        """The word before the list openers and the earlier known companies that end at doc[i]."""
        skip, lists = self.context["determiners"], self.context["list_words"]
        # over list openers and earlier members that are known companies: "companies including
        # the Korean Broadcasting System", "several cybersecurity firms, CrowdStrike, Fidelis"
        while i >= 0:
            member = mention_at.get(i)
            if doc[i].lower_ in skip or doc[i].lower_ in self.context["list_openers"]:
                i -= 1
            elif doc[i].lower_ in lists and i > 0 and mention_at.get(i - 1) is not None:
                i -= 1
            elif member is not None and member.label_ == "company":
                i = member.start - 1
            else:
                break
        return i

    def _kind_after(self, doc: Doc, start: int, end: int, mention_at) -> str | None:
        """The kind a word after the name gives: a company title ("Netwatch founder"), an
        apposition ("Netwatch Labs, a cybersecurity firm,"), a description after a copula."""
        descriptors = self.context["org_descriptors"]
        if end < len(doc) and doc[end].lower_ in self.context["company_titles"] and end - start <= 3:
            return "company"  # "Netwatch founder and CEO John Smith"
        # "Netwatch Labs, a cybersecurity firm," / "Datalys, une société spécialisée" / "X, Ukraine's
        # largest mobile operator"; over a bracketed aside: "X (aka Y), a front company"
        end = _after_brackets(doc, end)
        if end < len(doc) and doc[end].text == ",":
            opened = doc[end + 1].lower_ in self.context["articles"] or _possessive_name(doc, end + 1)
            for token in doc[end + 1 : min(len(doc), end + 7)]:
                if token.text in {",", ".", ";", ":"}:
                    break
                kind = _kind_of(token.lower_, descriptors)
                if kind is not None and token.i > end + 1 and opened:
                    named = token.i + 1 < len(doc) and (
                        doc[token.i + 1].text[:1].isupper() or token.i + 1 in mention_at
                    )
                    # « Selon Macron, le groupe APT28 », 'According to Keller, the company Netwatch':
                    # the descriptor heads the name after it, not an apposition of this one
                    return None if named else kind
        return self._copula_kind(doc, start, end)

    def _copula_kind(self, doc: Doc, start: int, end: int) -> str | None:
        """The kind a description after a copula gives the name its subject: "Colonial is a private
        company", « Nordlys est une entreprise norvégienne »."""
        if end + 2 >= len(doc) or doc[end].lower_ not in self.context.get("lead_copulas", ()):
            return None
        subject = doc[start:end].root.dep_.startswith("nsubj")
        if doc[end + 1].lower_ not in self.context["articles"] or not subject:
            return None
        for token in doc[end + 2 : min(len(doc), end + 2 + DESCRIPTOR_ADJECTIVES + 1)]:
            kind = _kind_of(token.lower_, self.context["org_descriptors"])
            if kind is not None:
                return kind
            if not (token.pos_ in ("ADJ", "NOUN") and token.is_lower):
                return None
        return None

    def _named_descriptor(self, naming) -> str | None:
        """The kind of the descriptor a naming participle completes, when an article opens it ("a
        company in China called X", « une société russe baptisée X »); not a naming verb's plural
        subject ("security firms named X as the source"), which the parser may read the same way."""
        head = naming.head
        if not naming.dep_.startswith("acl") or head.i >= naming.i:
            return None
        if not any(c.dep_ == "det" and c.lower_ in self.context["articles"] for c in head.children):
            return None
        return _kind_of(head.lower_, self.context["org_descriptors"])


def _after_brackets(doc: Doc, end: int) -> int:
    """The position after a bracketed aside that opens at ``end`` ("Chosun Expo (aka Korea Expo),
    a front company", « X (alias Y), une société écran »), or ``end`` when none closes nearby."""
    if end >= len(doc) or doc[end].text != "(":
        return end
    for token in doc[end + 1 : min(len(doc), end + ASIDE_REACH)]:
        if token.text == ")":
            return token.i + 1
        if token.text in ("(", ".", ";"):
            break
    return end
