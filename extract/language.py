"""Detect a text's language offline with py3langid, among the languages news in this KB comes in."""

from __future__ import annotations

from functools import lru_cache

# Languages worth telling apart for cyber-attribution news; restricting the model avoids the
# rare-language guesses (Latin, Esperanto, ...) that short or noisy texts otherwise get.
LANGUAGES = (
    "en", "fr", "es", "de", "it", "pt", "nl", "pl", "cs", "sv", "da", "no", "fi", "ro", "el", "tr",
    "uk", "ru", "ar", "fa", "he", "zh", "ja", "ko", "vi", "id", "hi",
)  # fmt: skip
UNDETERMINED = "und"
# Below this (normalised) probability the guess is noise rather than a language.
MIN_CONFIDENCE = 0.5
# The start of a document decides its language; classifying more is slower and no better.
MAX_CHARS = 5_000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of ``text``'s language, or "und" when there is nothing to tell."""
    sample = (text or "")[:MAX_CHARS]
    if not any(char.isalpha() for char in sample):
        return UNDETERMINED
    lang, confidence = _identifier().classify(sample)
    return lang if confidence >= MIN_CONFIDENCE else UNDETERMINED
