"""Properties of clean_text on arbitrary input: never raises, idempotent, no control characters."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.accents import without_combining
from extract.clean import clean_text
from extract.language import detect_language

BOUNDED = settings(max_examples=200, deadline=None, derandomize=True)

# Pieces that exercise the cleaner's rules: scripts side by side, quotes, boilerplate, controls.
NOISE = st.sampled_from(
    [
        "Η",
        "Μ",
        "τ",
        "в",
        "Pékin",
        "intentionné",
        "troismembres",
        "»",
        "«",
        '"',
        "“",
        "”",
        ".",
        " ",
        "  ",
        "\n",
        "\n\n\n",
        "\r\n",
        "\t",
        "\x00",
        "\x0b",
        "\x85",
        "\u2028",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "\u0301",
        "e\u0301",
        "Lire aussi",
        "Share on Facebook",
        "Home > News > ",
        "Suivez-nous sur Telegram",
        "laissez un commentaire",
        "Akismet",
        "iPhone",
        "SolarWinds",
        "中国否认",
        "https://example.org/a.B",
        "x" * 300,
    ]
)
MIXED_TEXT = st.lists(st.one_of(NOISE, st.text(max_size=20)), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=500), MIXED_TEXT)


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cs") and c != "\n" for c in text)


@BOUNDED
@given(ANY_TEXT)
def test_clean_text_is_idempotent_and_has_no_control_characters(text):
    cleaned = clean_text(text)
    assert isinstance(cleaned, str)
    assert not has_control_characters(cleaned)
    assert clean_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert "\n\n\n" not in cleaned
    assert cleaned == cleaned.strip()


@BOUNDED
@given(ANY_TEXT, st.sampled_from(["Exemple Hebdo", "Xiaomi Miui Hellas", "", "»"]))
def test_clean_text_with_a_publisher_is_idempotent(text, publisher):
    cleaned = clean_text(text, publisher=publisher)
    assert clean_text(cleaned, publisher=publisher) == cleaned


@BOUNDED
@given(st.text(min_size=1, max_size=40), st.integers(min_value=50, max_value=150))
def test_long_tokens_and_long_texts(piece, repeat):
    text = piece * repeat  # cheap to generate, up to 6,000 characters
    token = "".join(text.split())  # one very long token
    for sample in (text, token):
        cleaned = clean_text(sample)
        assert clean_text(cleaned) == cleaned
        assert not has_control_characters(cleaned)


@BOUNDED
@given(ANY_TEXT)
def test_detect_language_always_answers_a_code(text):
    lang = detect_language(text)
    assert lang == "und" or (lang.isalpha() and lang.islower() and len(lang) in (2, 3))


def test_empty_text():
    assert clean_text("") == ""
    assert detect_language("") == "und"


def test_without_combining_drops_exactly_the_combining_characters():
    # every code point, alone and decomposed in one text: the same as testing each character
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    for text in (every, unicodedata.normalize("NFKD", every)):
        assert without_combining(text) == "".join(c for c in text if not unicodedata.combining(c))
