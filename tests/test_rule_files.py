"""The rule files (lexicons and patterns) are read as data: a key written twice in one object
would silently drop the first list (json keeps the last), so none may be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parent.parent / "extract"
RULE_FILES = sorted([*EXTRACT.glob("lexicons/*.json"), *EXTRACT.glob("patterns/*.json")])


def _keys_written_twice(path: Path) -> list[str]:
    twice: list[str] = []

    def check(pairs):
        keys = [key for key, _ in pairs]
        twice.extend(sorted({key for key in keys if keys.count(key) > 1}))
        return dict(pairs)

    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=check)
    return twice


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda path: path.name)
def test_no_key_is_written_twice_in_a_rule_file(path):
    assert len(RULE_FILES) > 5 and _keys_written_twice(path) == []
