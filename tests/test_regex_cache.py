"""The programs of a model's long regular expressions kept on disk (extract/regex_cache.py)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from extract import regex_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    monkeypatch.setattr(regex_cache, "LONG_PATTERN", 1_000)
    return folder


def long_text(word: str) -> str:
    return "(?iu)(?:" + "|".join(f"^{word}{i}[-‐][a-zà-ö]+$" for i in range(200)) + ")"


def tokenizer_with(*patterns: re.Pattern) -> SimpleNamespace:
    """A stand-in for a spaCy tokenizer: its patterns as bound methods."""
    names = ("token_match", "url_match", "prefix_search")
    return SimpleNamespace(**{name: pattern.match for name, pattern in zip(names, patterns, strict=False)})


def test_a_remembered_pattern_is_found_by_re_compile_after_seeding(cache):
    text = long_text("mot")
    assert not regex_cache.seed("model_a")  # nothing stored yet
    original = re.compile(text)
    regex_cache.remember("model_a", tokenizer_with(original, re.compile("short")))
    re.purge()
    assert regex_cache.seed("model_a")
    seeded = re._cache[str, text, 0]
    assert re.compile(text) is seeded and seeded is not original
    assert seeded == original and seeded.flags == re.I | re.U
    assert seeded.match("MOT12-été") and not seeded.match("mot12 été")
    assert len(list(cache.glob("regex-model_a-*.pickle"))) == 1


def test_short_patterns_and_patterns_compiled_with_flags_are_not_stored(cache):
    flagged = "(?:" + "|".join(f"^w{i}x$" for i in range(300)) + ")"
    regex_cache.remember("model_b", tokenizer_with(re.compile("short"), re.compile(flagged, re.I)))
    re.purge()
    regex_cache.seed("model_b")
    assert all(key[1] not in ("short", flagged) for key in re._cache)


def test_another_model_or_no_cache_seeds_nothing(cache, monkeypatch):
    regex_cache.remember("model_c", tokenizer_with(re.compile(long_text("nom"))))
    re.purge()
    assert not regex_cache.seed("model_d")
    assert (str, long_text("nom"), 0) not in re._cache
    monkeypatch.setenv("KB_CACHE_DIR", "off")
    regex_cache.remember("model_e", tokenizer_with(re.compile(long_text("nom"))))
    assert not regex_cache.seed("model_e")


def test_a_broken_entry_is_no_error(cache):
    regex_cache.remember("model_f", tokenizer_with(re.compile(long_text("rue"))))
    for path in cache.glob("regex-model_f-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert not regex_cache.seed("model_f")


def test_the_french_token_match_made_from_its_stored_program_is_spacys(cache, monkeypatch):
    monkeypatch.setattr(regex_cache, "LONG_PATTERN", 100_000)
    from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH

    original = TOKEN_MATCH.__self__
    regex_cache.remember("fr_model", tokenizer_with(original))
    re.purge()
    assert regex_cache.seed("fr_model")
    seeded = re.compile(original.pattern)
    assert seeded is not original and seeded == original
    for word in ("Saint-Jean", "grand-mère", "co-fondateur", "anti-flic", "week-end", "cyber"):
        assert bool(seeded.match(word)) == bool(original.match(word))
