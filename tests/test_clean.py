"""The cleaner: boilerplate out, article in, machine-translation noise repaired, idempotent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extract.clean import PATTERNS_FILE, clean_line, clean_text

DATA = Path(__file__).parent.parent / "data"

# Written for these tests in the style of a machine-translated news page (not copied from one).
NOISY_PAGE = (Path(__file__).parent / "fixtures" / "clean" / "noisy_page_fr.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned_page() -> str:
    return clean_text(NOISY_PAGE, publisher="Exemple Hebdo")


def test_body_paragraphs_survive(cleaned_page):
    assert "Japon accuse formellement un groupe de pirates d'avoir visé ses ministères" in cleaned_page
    assert "Le ministre a affirmé que la preuve était solide" in cleaned_page
    assert cleaned_page.startswith("Le Japon accuse un groupe de pirates\n\n")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Actualités de Exemple Hebdo",
        "Page d'accueil",
        "logo-japon",
        "\nmonde\n",
        "Google Actualités",
        "Suivez-nous",
        "Lire aussi",
        "commentaire",
        "formulaire",
        "Akismet",
        "Exemple Hebdo",
        "Le magazine des nouvelles",
        "Un autre article sans rapport",
    ],
)
def test_boilerplate_is_gone(cleaned_page, boilerplate):
    assert boilerplate not in cleaned_page


@pytest.mark.parametrize(
    ("noisy", "fixed"),
    [
        ("Η Japon accuse", "Japon accuse"),
        ("ΜTokyo a déclaré", "Tokyo a déclaré"),
        ("des données τdes entreprises", "des données des entreprises"),
        ('"inacceptables"Demande des comptes', '"inacceptables" Demande des comptes'),
        ("dont troismembres d'une unité", "dont trois membres d'une unité"),
        ('le "comportement irresponsableTokyo a', 'le "comportement irresponsable Tokyo a'),
        ("voie diplomatique»Dans un communiqué", "voie diplomatique» Dans un communiqué"),
    ],
)
def test_translation_noise_is_repaired(cleaned_page, noisy, fixed):
    assert noisy not in cleaned_page
    assert fixed in cleaned_page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le mal intentionnéPékin a", "le mal intentionné Pékin a"),
        ("sans preuveWellington sur", "sans preuve Wellington sur"),
        ("l'aide de piratesPour mener", "l'aide de pirates Pour mener"),
        ("comme un perroquetrhétorique américaine", "comme un perroquetrhétorique américaine"),
        ("the incident.Their work was swift", "the incident. Their work was swift"),
        (
            'accusés d\'être "champion du monde"Appelle au retrait',
            'accusés d\'être "champion du monde" Appelle au retrait',
        ),
        ('des attentats"du territoire chinois', 'des attentats "du territoire chinois'),
        ("De plus o ?? la blâmait", "De plus o ?? la blâmait"),
    ],
)
def test_glued_words_and_quotes(text, expected):
    assert clean_text(text) == expected


CAMEL_CASE_NAMES = (
    "iPhone YouTube McDonald PowerShell SolarWinds CrowdStrike FireEye GhostEmperor WikiLeaks KA-SAT "
    "macOS eBay iCloud getElementById NotPetya BlackEnergy DarkSide LockBit jQuery"
)


def test_camel_case_names_are_never_split():
    sentence = f"Names that stay whole: {CAMEL_CASE_NAMES}."
    assert clean_text(sentence) == sentence


def test_urls_and_emails_are_left_alone():
    text = "See https://example.org/path.Index and write to press.Office@example.org today."
    assert clean_text(text) == text


def test_greek_and_russian_texts_keep_their_letters():
    greek = "Η Κίνα αρνείται τις κατηγορίες για κυβερνοεπιθέσεις κατά της Microsoft."
    russian = "В Москве отвергли обвинения в кибератаках на Viasat."
    assert clean_text(greek) == greek
    assert clean_text(russian) == russian


def test_whitespace_and_characters():
    text = "\ufeffFirst\u00a0 line\t here \r\n\r\n\r\n\n  Second\u200b para\x00graph \x07\n\u2028Third"
    assert clean_text(text) == "First line here\n\nSecond paragraph\n\nThird"  # U+2028 breaks a line
    assert clean_text("L'e\u0301te\u0301 chaud") == "L'été chaud"  # NFC
    assert clean_text("  \n\n \t ") == ""


@pytest.mark.parametrize(
    "line",
    [
        "Share on Facebook",
        "Partager",
        "Tweet",
        "Facebook Twitter LinkedIn WhatsApp Email",
        "Home > News > World > China denies the hacking accusations",
        "Follow us on Telegram for the latest news",
        "Read also: China denies everything",
        "We use cookies to improve your experience. Accept all cookies",
        "Your email address will not be published. Required fields are marked *",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "En poursuivant votre navigation, vous acceptez l'utilisation de cookies.",
    ],
)
def test_boilerplate_lines(line):
    body = "The ministry said the attack was carried out by a group working for the state security service."
    assert clean_text(f"{line}\n\n{body}\n\n{line}") == body


def test_footer_is_cut_only_after_the_last_paragraph():
    body = (
        "The agency said that it had attributed the intrusion to a state actor after a long "
        "investigation into the servers that were compromised last spring."
    )
    text = f"{body}\n\nRead also\n\n{body}\n\nLeave a comment\n\nSome teaser of another story\n\nMore teasers"
    assert clean_text(text) == f"{body}\n\n{body}"


def test_short_text_without_prose_keeps_its_lines():
    assert (
        clean_text("China denies\n\nBeijing rejects the claims")
        == "China denies\n\nBeijing rejects the claims"
    )


def test_publisher_line_needs_the_publisher():
    text = "Exemple Hebdo\nThe ministry blamed a foreign intelligence service for the outage."
    assert clean_text(text).startswith("Exemple Hebdo")
    assert clean_text(text, publisher="Exemple Hebdo").startswith("The ministry")


def test_clean_line_keeps_single_words():
    assert clean_line("  perroquet\n") == "perroquet"
    assert clean_line("ΜPékin  dément") == "Pékin dément"


def test_patterns_are_data():
    patterns = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    for lang in ("generic", "en", "fr"):
        for kind in ("line", "starts", "contains", "footer_start"):
            for pattern in patterns[lang][kind]:
                re.compile(pattern)  # every pattern compiles


def test_idempotent_on_the_noisy_page(cleaned_page):
    assert clean_text(cleaned_page, publisher="Exemple Hebdo") == cleaned_page
    assert clean_text(cleaned_page) == cleaned_page


# --- the project's corpus ----------------------------------------------------------------------


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _contains_sequence(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


SEED = DATA / "articles" / "seed.jsonl"
SEED_GOLD = DATA / "eval" / "seed" / "gold.jsonl"
DEVSET = DATA / "articles" / "devset.jsonl"


@pytest.mark.skipif(not SEED.exists(), reason="data/articles/seed.jsonl not copied yet")
def test_seed_boilerplate_goes_and_its_evidence_stays():
    seed = _jsonl(SEED)[0]
    cleaned = clean_text(seed["text"], publisher=seed.get("publisher"))
    for gone in (
        "Page d'accueil",
        "Nouvelles de Xiaomi",
        "logo-chine",
        "Google Actualités",
        "Telegram",
        "Lire aussi",
        "commentaire",
        "Akismet",
        "Xiaomi Miui Hellas",
        "La communauté officielle",
        "fuité sur internet",
    ):
        assert gone not in cleaned
    for fixed in ("intentionné Pékin", "preuve Wellington", "pirates Pour", "trois membres"):
        assert fixed in cleaned
    assert "Η" not in cleaned and "τdes" not in cleaned
    assert clean_text(cleaned) == cleaned
    if SEED_GOLD.exists():
        words = _words(cleaned)
        evidence = [c["evidence"] for g in _jsonl(SEED_GOLD) for c in g["claims"]]
        assert evidence
        for sentence in evidence:
            assert _contains_sequence(words, _words(clean_text(sentence))), sentence


@pytest.mark.skipif(not DEVSET.exists(), reason="data/articles/devset.jsonl not copied yet")
def test_clean_texts_lose_no_word():
    """Texts without boilerplate come out with every word, in order."""
    for doc in _jsonl(DEVSET):
        cleaned = clean_text(doc["text"], publisher=doc.get("publisher"))
        assert _words(cleaned) == _words(doc["text"]), doc["id"]
        assert clean_text(cleaned) == cleaned


@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        ("\u0421hina denied it", "China denied it"),  # a Cyrillic С starts the word
        ("P\u00e9k\u0456n a d\u00e9menti", "P\u00e9kin a d\u00e9menti"),  # a Cyrillic і inside it
        ("Chi\u200dna and Rus\u200csia", "China and Russia"),  # joiners inside Latin names
        ("\uff23\uff48\uff49\uff4e\uff41 accused", "China accused"),  # fullwidth letters
        ("the \ufb01rst intrusion", "the first intrusion"),  # a ligature
        ("\u039cP\u00e9kin d\u00e9ment", "P\u00e9kin d\u00e9ment"),  # a stray Greek capital, as before
    ],
)
def test_look_alike_letters_are_read_as_latin(noisy, clean):
    assert clean_text(noisy) == clean


def test_scripts_that_need_their_letters_keep_them():
    for text in (
        "\u0420o\u0441\u0441\u0438\u044f",  # a Russian word with one Latin o stays Russian
        "\u0397\u03a0\u0391 \u03ba\u03b1\u03b9 \u039a\u03af\u03bd\u03b1",
        "\u0915\u094d\u200d\u0937",  # a joiner between Devanagari letters
        "Une famille \U0001f468\u200d\U0001f469 en vacances",  # and in an emoji sequence
        "Il a dit\u2026 puis rien",  # the ellipsis stays one character
    ):
        assert clean_text(text) == text
