"""Threat-group names that are ordinary words (used by ``actor_linker``).

The MISP galaxy gives groups names that news text uses as words: "Elfin", "Snake", "Cobalt",
"Silence", "Callisto" (``data/actors/galaxy_alias_stoplist.json``). The gazetteer never matches
them as such (``Gazetteer.guarded``); they name their group only where the text says they name a
group, written with a capital ("an elfin figure" never is):

- right after a naming word (``naming_words``: "a group dubbed Elfin", "APT33, aka Elfin", « les
  pirates surnommés Elfin »), over quotes or a naming link (``naming_links``) that may close a few
  words after the naming word ("known as Callisto", "identified the group responsible as Elfin",
  « connu sous le nom d'Equation », « désigné comme Callisto »), when what is named is a group: a
  group noun (``actor_heads``) or a group's name between the naming word and the link, else before
  the naming word over its modifiers ("the malware, codenamed Snake" names a tool);
- right after a group noun (``actor_heads``: "the hacking group Elfin", « le groupe Elfin »);
- right before one, over at most two modifiers ("Elfin hackers", "the Elfin espionage group"), or
  in apposition to one ("Elfin, a hacking group", « Elfin, un groupe lié à l'Iran »).

Not as part of a longer capitalised name ("Snake River", "Cobalt Strike"). A name the text has
so said names a group names it everywhere else in the text too ("Elfin also targeted"). A name
without its own galaxy entry names the group whose galaxy name is it and a group noun ("Equation"
for "Equation Group"); a name several groups share names none.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from extract.gazetteer import Gazetteer, normalize

NAMING_REACH = 10  # words from a naming word to its link ('identified the group responsible as')
MODIFIER_REACH = 2  # modifiers between a name and the group noun after it ('Elfin espionage group')
SENTENCE_STOPS = {".", "!", "?", ";", ":", ",", "(", ")"}


def guarded_names(gazetteer: Gazetteer, heads: set[str]) -> dict[str, tuple[str, str]]:
    """Each guarded name (by its key) -> (the name as the galaxy writes it, its one group)."""
    out = {}
    for name, owners in gazetteer.guarded.items():
        if not owners:  # 'Equation': the group whose name is 'Equation Group'
            owners = tuple(
                dict.fromkeys(
                    alias.actor_id
                    for head in sorted(heads)
                    for alias in gazetteer.lookup(f"{name} {head}")
                    if gazetteer.actors[alias.actor_id].kind == "group"
                )
            )
        if len(owners) == 1:
            out[normalize(name)] = (name, owners[0])
    return out


WORD = re.compile(r"\w+")


def guarded_first_words(names: dict[str, tuple[str, str]]) -> frozenset[str]:
    """The first word of each guarded name, lower case: a text without one of them holds none
    (a set look-up spares most texts the long pattern below)."""
    return frozenset(WORD.findall(name.lower())[0] for name, _ in names.values() if WORD.search(name))


def guarded_pattern(names: dict[str, tuple[str, str]]) -> re.Pattern | None:
    """One pattern for every guarded name, case-insensitive (the case is checked by name)."""
    if not names:
        return None
    texts = sorted((name for name, _ in names.values()), key=len, reverse=True)
    words = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in texts)
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


class GuardedNameRules:
    """Mixin of ``ActorLinker``: needs ``self.context``, ``self.gazetteer``, ``self.matches_case``,
    ``self.guarded`` / ``self.guarded_any`` / ``self.guarded_first`` (``guarded_names``,
    ``guarded_pattern``, ``guarded_first_words``), and
    ``self.org_name_words`` / ``self.group_heads`` (a group's name inside a company's name)."""

    context: dict

    def _guarded_groups(self, doc: Doc, text: str, mentions) -> list[tuple[Span, str]]:
        """Mentions of groups by a guarded name where the text says it names a group."""
        if self.guarded_any is None or self.guarded_first.isdisjoint(WORD.findall(text.lower())):
            return []
        found: list[tuple[int, int, str]] = []  # (start, end, group id)
        taken = {i for span, _ in mentions for i in range(span.start, span.end)}
        for match in self.guarded_any.finditer(text):
            name, actor_id = self.guarded[normalize(match.group())]
            if not self.matches_case(match.group(), name):
                continue  # 'an elfin figure'
            span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            if self._inside_a_longer_name(doc, span.start, span.end):
                continue  # 'Snake River', 'Cobalt Strike'
            found.append((span.start, span.end, actor_id))
        groups = {i for span, _ in mentions if span.label_ == "group" for i in range(span.start, span.end)}
        said = {actor_id for start, end, actor_id in found if self._names_a_group(doc, start, end, groups)}
        return [
            (Span(doc, start, end, label="group", kb_id=actor_id), "name")
            for start, end, actor_id in found
            if actor_id in said
        ]

    def _inside_a_longer_name(self, doc: Doc, start: int, end: int) -> bool:
        """Is doc[start:end] one word of a longer capitalised name ('Snake River', 'Operation
        Silence')? A group noun after it is no other name ('Elfin Group')."""
        after = doc[end] if end < len(doc) else None
        if after is not None and after.is_title and after.lower_ not in self.context.get("actor_heads", ()):
            return True
        before = doc[start - 1] if start > 0 else None
        return before is not None and before.is_title and not before.is_sent_start

    def _names_a_group(self, doc: Doc, start: int, end: int, groups: set[int]) -> bool:
        """Does the text say doc[start:end] names a group (``groups``: the tokens of the group
        mentions found)?"""
        heads = self.context.get("actor_heads", ())
        naming = self.context["naming_words"]
        i = start - 1
        while i >= 0 and doc[i].is_quote:
            i -= 1
        if i >= 0 and doc[i].lower_ in heads:
            return True  # 'the hacking group Elfin', « le groupe Elfin »
        if i >= 0 and doc[i].lower_ in naming:  # 'a group dubbed Equation'
            return self._group_is_named(doc, i, i + 1, groups)
        link = self._naming_link_before(doc, i + 1)
        blockers = self.context.get("naming_link_blockers", ())
        # 'known as', 'identified the group responsible as', « sous le nom de » (not 'such as')
        if link is not None and not (link > 0 and doc[link - 1].lower_ in blockers):
            for token in reversed(doc[max(0, link - NAMING_REACH) : link]):
                if token.text in SENTENCE_STOPS or token.is_sent_end:
                    break
                if token.lower_ in naming:
                    return self._group_is_named(doc, token.i, link, groups)
        return self._group_noun_after(doc, end)

    def _group_is_named(self, doc: Doc, naming: int, link: int, groups: set[int]) -> bool:
        """Is what the naming word names a group: a group noun or a group's name between it and
        the link ('tracks the group as', « désigne ce groupe comme »), else the noun before it,
        over modifiers, a comma or an auxiliary ('the group responsible, dubbed', 'APT33, aka',
        'the group is known as', « les pirates surnommés »)? Not a tool's name: 'the malware,
        codenamed Snake', « un outil appelé « Snake » »."""
        heads = self.context.get("actor_heads", ())
        if any(t.lower_ in heads or t.i in groups for t in doc[naming + 1 : link]):
            return True
        for token in reversed(doc[max(0, naming - NAMING_REACH) : naming]):
            if token.lower_ in heads or token.i in groups:
                return True
            if token.pos_ in ("NOUN", "PROPN", "PRON", "VERB") or token.text in SENTENCE_STOPS - {",", "("}:
                return False
        return False

    def _naming_link_before(self, doc: Doc, end: int) -> int | None:
        """The start of the naming link ('as', « sous le nom de ») ending at ``end``, or None."""
        for link in self.naming_links:
            start = end - len(link)
            if start >= 0 and [t.lower_ for t in doc[start:end]] == link:
                return start
        return None

    def _group_noun_after(self, doc: Doc, end: int) -> bool:
        """A group noun after the name, over at most two modifiers ('Elfin hackers', 'the Elfin
        espionage group') or in apposition ('Elfin, a hacking group', « Elfin, un groupe »)."""
        heads = self.context.get("actor_heads", ())
        k = end
        while k < len(doc) and doc[k].is_quote:
            k += 1
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in self.context["articles"]:
            k += 2  # an apposition
        for token in doc[k : k + MODIFIER_REACH + 1]:
            if token.lower_ in heads:
                return True
            if not (token.is_alpha and token.is_lower) or token.pos_ not in ("NOUN", "ADJ", "VERB"):
                return False
            if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound"):
                return False  # ('Silence gripped the hackers': a verb, not a modifier)
        return False

    def _in_company_name(self, doc: Doc, end: int) -> bool:
        """Is the name that ends at ``end`` the start of an organisation's name: a capitalised word
        that ends such names follows ('Sandworm Pictures', 'Fancy Bear Labs'), not a group noun
        ('the Sandworm Team hackers', 'Fancy Bear Hackers')?"""
        if end >= len(doc) or not doc[end].is_title:
            return False
        word = doc[end].lower_
        return word in self.org_name_words and word not in self.group_heads


MALWARE_REACH = 4  # words from a deployment word to the name ('deployment of the Ryuk ransomware')


def names_malware(doc: Doc, start: int, end: int, context: dict) -> bool:
    """Is the group name doc[start:end] only its malware here: before or after a strain noun ('the
    Emotet and NetWalker strains', 'Ryuk ransomware samples', « la souche NetWalker »), or after a
    word of its deployment over malware and small words ('the deployment of Ryuk ransomware',
    'deployed Ryuk', « a déployé le rançongiciel Ryuk »)? Not where the gang acts ('Ryuk operators
    deployed ransomware', 'the NetWalker ransomware gang')."""
    malware, strains = context.get("malware_words", ()), context.get("strain_nouns", ())
    if not strains:
        return False
    after = end + 1 if end < len(doc) and doc[end].lower_ in malware else end
    if after < len(doc) and doc[after].lower_ in strains:
        return True
    small = context["of_words"] | context["determiners"] | context["articles"]
    for token in reversed(doc[max(0, start - MALWARE_REACH) : start]):
        word = token.lower_
        if word in strains or word in context["deploy_words"]:
            return True
        if word not in malware and word not in small:
            return False
    return False


OPERATION_ASIDE = 12  # tokens of a bracketed aside between a name and its copula
OPERATION_REACH = 8  # words from the copula to the operation noun ('is a large-scale cyber spying operation')
MODIFIER_DEPS = ("det", "amod", "compound", "nmod", "punct", "nummod", "advmod")
NAMED_OPERATION_REACH = 10  # words from a naming verb to the name ('referred to by the U.S. Government as')
CLAUSE_STOPS = {".", "!", "?", ";"}


def operation_names(doc: Doc, mentions, context: dict) -> set[str]:
    """The group names (lower case) the text says are an operation: 'GhostNet is a cyber spying
    operation', « GhostNet (« réseau fantôme ») est une opération de cyberespionnage », 'Cloud
    Hopper was a hacking campaign' (``copulas`` then ``operation_heads`` over modifiers). Not 'APT28
    is a cyber espionage group'."""
    copulas, heads = context.get("copulas", ()), context.get("operation_heads", ())
    naming = context.get("operation_naming_verbs", ())
    found: set[str] = set()
    for span, _ in mentions:
        if span.label_ != "group" or span.text.lower() in found:
            continue
        if naming and _named_as_operation(doc, span, heads, naming):
            found.add(span.text.lower())
            continue
        i = span.end
        if i < len(doc) and doc[i].text == "(":
            close = next((t.i for t in doc[i : i + OPERATION_ASIDE] if t.text == ")"), None)
            i = close + 1 if close is not None else len(doc)
        if i >= len(doc) or doc[i].lower_ not in copulas:
            continue
        for token in doc[i + 1 : i + 1 + OPERATION_REACH]:
            if token.dep_ in MODIFIER_DEPS or token.pos_ in ("DET", "ADJ", "PUNCT"):
                continue
            if token.lower_ in heads:
                found.add(span.text.lower())
            break
    return found


def _named_as_operation(doc: Doc, span: Span, heads, naming) -> bool:
    """'a cash-out scheme, referred to by the Treasury as X', « une campagne baptisée X »: the
    nearest naming verb before the name follows an operation noun (over punctuation), or hangs on
    one. Not 'a group
    dubbed X', nor 'a campaign by a group dubbed X' (the noun before the verb is the group's)."""
    for i in range(span.start - 1, max(-1, span.start - 1 - NAMED_OPERATION_REACH), -1):
        if doc[i].text in CLAUSE_STOPS:
            return False
        if doc[i].lower_ in naming:
            # (over punctuation and an adverb: 'activities, collectively designated as X')
            before = next(
                (t for t in reversed(doc[max(0, i - 3) : i]) if not (t.is_punct or t.pos_ == "ADV")), None
            )
            # (or the noun the verb hangs on: « une campagne de piratage baptisée X »)
            nouns = {before.lower_} if before is not None else set()
            if doc[i].dep_ == "acl":
                nouns.add(doc[i].head.lower_)
            return bool(nouns & set(heads))
    return False
