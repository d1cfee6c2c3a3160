"""The model's attribute ruler, matched by table look-up instead of spaCy's Matcher.

The English model's ``attribute_ruler`` (tag -> POS and morphology, a few word exceptions) has
179 one-token rules. spaCy's Matcher tries each of them on every token and calls a Python
predicate for each ``IN``/``REGEX`` condition: about 1.3 s per 100,000 words, as much as the
project's two components together. The rules are simple enough to look up: each is filed under
the values its first token tests (its tag and word, or one of them, or its dependency...), and a
token only tries the rules filed under its own values, once per different set of values.

The matches found are exactly the Matcher's, in the same order (tests/test_attribute_lookup.py
checks it on the project's texts), and ``AttributeRuler.set_annotations`` still writes them. A
ruler whose rules use anything else (operators, other attributes or predicates) keeps its
Matcher.
"""

from __future__ import annotations

import functools
import re

from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens._retokenize import set_token_attrs

# the token attributes a rule may test, as columns of Doc.to_array
COLUMNS = {"TAG": TAG, "POS": POS, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
# what a rule is filed under: its first token's exact TAG and LOWER together, else the first of
# these attributes that its first token tests for a value (or a list of values)
FILED_UNDER = ("TAG", "LOWER", "DEP", "POS", "IS_SPACE")
TAG_AND_LOWER = ("TAG", "LOWER")
ANY = None  # the file of rules whose first token tests none of them
MAX_SIGNATURES = 200_000  # token signatures remembered before the memory is emptied


class Unsupported(ValueError):
    """A rule the look-up cannot match exactly like the Matcher: the ruler keeps its Matcher."""


def speed_up_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Match ``nlp``'s attribute ruler by look-up; False (nothing changed) if its rules do not allow it."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    try:
        lookup = AttributeLookup(ruler)
    except Unsupported:
        return False
    ruler.match = lookup.match  # AttributeRuler.__call__ asks self.match for the matches
    ruler.set_annotations = functools.partial(set_annotations, ruler)  # and self.set_annotations
    return True


def set_annotations(ruler, doc, matches) -> None:
    """``AttributeRuler.set_annotations`` without a Span made per match (the ruler sets about one
    match a word): the same attributes set on the same tokens, in the same order."""
    attrs, indices = ruler.attrs, ruler.indices
    for match in matches:
        rule, _, start, end = match
        index = indices[rule]
        i = start + index if index >= 0 else end + index  # (the index is the span's, as span[index])
        if not start <= i < end:
            AttributeRuler.set_annotations(ruler, doc, [match])  # raises the ruler's own error
        set_token_attrs(doc[i], attrs[rule])


class AttributeLookup:
    """An attribute ruler's rules, filed for look-up; ``match`` answers as the ruler's Matcher does."""

    def __init__(self, ruler):
        self.strings = ruler.vocab.strings
        # (file, value) -> [(rule number, match id, the tests of each token not answered by the file)]
        self.rules: dict[tuple, list[tuple[int, int, list]]] = {}
        # a token's one-token matches, and the longer rules that start well on it, depend only on
        # its values: kept per signature (words recur)
        self.by_signature: dict[tuple[int, ...], tuple[list, list]] = {}
        self.searched: dict[tuple[int, int], bool] = {}  # (regex, word) -> found: words recur
        for number, entry in enumerate(ruler.patterns):
            match_id = self.strings[str(number)]
            for pattern in entry["patterns"]:
                if not pattern:
                    raise Unsupported("an empty pattern")
                tokens = [self._tests(token) for token in pattern]
                files, tokens[0] = self._files(tokens[0])
                for file in files or [ANY]:
                    self.rules.setdefault(file, []).append((number, match_id, tokens))
        self.columns = {key: index for index, key in enumerate(COLUMNS)}

    def _value(self, key: str, value):
        if key == "POS":
            if value not in POS_IDS:
                raise Unsupported(f"unknown POS {value!r}")
            return POS_IDS[value]
        if key == "IS_SPACE":
            return int(bool(value))
        return self.strings.add(value)

    def _tests(self, token: dict) -> list[tuple]:
        """One token's tests as (attribute, kind, value): kind is ==, IN, NOT_IN or REGEX."""
        tests = []
        for key, value in token.items():
            if key not in COLUMNS:
                raise Unsupported(f"attribute {key}")
            if isinstance(value, dict):
                for kind, operand in value.items():
                    if kind in ("IN", "NOT_IN") and isinstance(operand, list):
                        tests.append((key, kind, frozenset(self._value(key, item) for item in operand)))
                    elif kind == "REGEX" and key == "LOWER" and isinstance(operand, str):
                        tests.append((key, kind, re.compile(operand)))
                    else:
                        raise Unsupported(f"{key} {kind}")
            elif isinstance(value, str | bool):
                tests.append((key, "==", self._value(key, value)))
            else:
                raise Unsupported(f"{key} = {value!r}")
        return tests

    @staticmethod
    def _files(tests: list[tuple]) -> tuple[list[tuple], list[tuple]]:
        """Where a rule is filed (from its first token's tests), and the tests the file leaves to check."""
        exact = {key: value for key, kind, value in tests if kind == "=="}
        if all(key in exact for key in TAG_AND_LOWER):
            rest = [test for test in tests if not (test[0] in TAG_AND_LOWER and test[1] == "==")]
            return [(TAG_AND_LOWER, exact["TAG"], exact["LOWER"])], rest
        for key in FILED_UNDER:
            for test in tests:
                if test[0] == key and test[1] in ("==", "IN"):
                    values = [test[2]] if test[1] == "==" else sorted(test[2])
                    return [(key, value) for value in values], [other for other in tests if other is not test]
        return [], tests

    def match(self, doc):
        """The matches as ``AttributeRuler.match`` gives them: (rule, match id, start, end), sorted."""
        if not len(doc):
            return []
        rows = doc.to_array([COLUMNS[key] for key in COLUMNS]).tolist()
        found = []
        for start, row in enumerate(rows):
            signature = tuple(row)
            known = self.by_signature.get(signature)
            if known is None:
                if len(self.by_signature) >= MAX_SIGNATURES:
                    self.by_signature.clear()
                    self.searched.clear()  # (read only here, for new signatures)
                candidates = self._candidates(row)
                known = self.by_signature[signature] = (
                    [(number, match_id) for number, match_id, tokens in candidates if len(tokens) == 1],
                    [rule for rule in candidates if len(rule[2]) > 1],
                )
            single, longer = known
            for number, match_id in single:
                found.append((number, match_id, start, start + 1))
            for number, match_id, tokens in longer:
                end = start + len(tokens)
                if end <= len(rows) and all(
                    self._holds(tests, rows[start + offset]) for offset, tests in enumerate(tokens[1:], 1)
                ):
                    found.append((number, match_id, start, end))
        found.sort()
        return found

    def _candidates(self, row: list[int]) -> list[tuple]:
        """The rules filed under this token's values whose first token's other tests hold."""
        rules, columns = self.rules, self.columns
        both = (TAG_AND_LOWER, row[columns["TAG"]], row[columns["LOWER"]])
        candidates = [*rules.get(ANY, ()), *rules.get(both, ())]
        for key in FILED_UNDER:
            candidates += rules.get((key, row[columns[key]]), ())
        return [rule for rule in candidates if self._holds(rule[2][0], row)]

    def _holds(self, tests: list[tuple], row: list[int]) -> bool:
        for key, kind, value in tests:
            actual = row[self.columns[key]]
            if kind == "==":
                if actual != value:
                    return False
            elif kind == "IN":
                if actual not in value:
                    return False
            elif kind == "NOT_IN":
                if actual in value:
                    return False
            elif not self._search(value, actual):
                return False
        return True

    def _search(self, regex: re.Pattern, word: int) -> bool:
        key = (id(regex), word)
        if key not in self.searched:
            self.searched[key] = regex.search(self.strings[word]) is not None
        return self.searched[key]
