"""Clean news text before extraction: characters, whitespace, site boilerplate, translation noise.

``clean_text`` is deterministic and idempotent: cleaning a cleaned text changes nothing. It keeps
the article's words and paragraphs and drops what the page wrapped around them. What counts as
boilerplate is data (``patterns/boilerplate.json``), not code.

The order of one pass: characters (controls, spaces, joiners inside Latin words, NFKC) → each
line (Greek/Cyrillic look-alikes inside Latin words, stray Greek/Cyrillic letters, glued words and
quotes) → lines that are boilerplate → the footer → blank lines. NFKC reads fullwidth and other
compatibility forms as the letters they stand for ("Ｃｈｉｎａ" is "China", "ﬁ" is "fi"), so that the
actor patterns meet the spelling they were written in; mentions point into the cleaned text,
which is what is stored.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATTERNS_FILE = Path(__file__).parent / "patterns" / "boilerplate.json"
HOMOGLYPHS_FILE = Path(__file__).parent / "patterns" / "homoglyphs.json"

# A pass can expose new work for the next one (a dropped letter lets two accents compose); a few
# passes always reach the fixed point in practice, which is what makes cleaning idempotent.
_MAX_PASSES = 6
# hard-wrapped text (see _unwrap): at most this many characters in 9 lines out of 10, at least
# this many lines that run on into a lower-case line, among at least this many lines; a line is
# full when the next line's first word would have taken it past this share of the width
WRAP_WIDTH_MAX = 130
WRAP_WIDTH_QUANTILE = 0.9
WRAP_MIN_RUN_ONS = 1
WRAP_MIN_LINES = 2
WRAP_FULL_SHARE = 0.85
_SENTENCE_END = re.compile(r"[.!?:;…。！？：；][\"'»”’)\]]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff60]")
_LIST_ITEM = re.compile(r"[-*•·–—]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s")

# Line breaks in every spelling; vertical tab and form feed end a line too.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Control characters (but not \n), lone surrogates, and invisible format characters that only
# break words apart (zero-width space, soft hyphen, BOM, bidi marks). ZWJ/ZWNJ stay: scripts need them.
_INVISIBLE = re.compile(
    "[\x00-\x09\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff"
    "\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Zero-width joiners next to a Latin letter only break a name apart ("Chi\u200dna"); between
# letters of the scripts that need them (Arabic, Indic) and in emoji they stay.
_JOINERS_BY_LATIN = re.compile(
    "(?<=[A-Za-z\u00c0-\u024f])[\u200c\u200d]+|[\u200c\u200d]+(?=[A-Za-z\u00c0-\u024f])"
)
# Every Unicode space separator but the plain one, and tabs.
_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUNS = re.compile(" {2,}")

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_GREEK_CYRILLIC = "\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f"
# One or two Greek/Cyrillic letters left by machine translation before a Latin word: the source
# language's article ("Η Chine", "ΜPékin", "τdes").
_STRAY_LETTERS = re.compile(rf"(?<!\w)([{_GREEK_CYRILLIC}]{{1,2}})(?: (?=[{_LATIN}])|(?=[{_LATIN}]{{3}}))")
# Any character of those blocks: most lines have none, and one regex search tells without a
# Python loop over their characters.
_ANY_GREEK_CYRILLIC = re.compile(f"[{_GREEK_CYRILLIC}]")
# A word with both Latin and Greek/Cyrillic letters.
_MIXED_WORD = re.compile(rf"[^\W\d_]*[{_GREEK_CYRILLIC}][^\W\d_]*")
# A run of letters that starts a word (not inside a URL, path, handle or hyphenated compound).
# (at least 7 letters: the shortest split is 4 + 3)
_LETTER_RUN = re.compile(r"(?<![\w.:/@#&-])[^\W\d_]{7,}(?![\d_]|[@/.:-]\w)")
# Closing quotes glued to the next word, opening ones to the previous word.
_CLOSER_GLUED = re.compile(r"([»”])(?=\w)")
_OPENER_GLUED = re.compile(r"([«“])(?<=\w[«“])")
# Sentence punctuation glued to the next sentence ("pas.La").
# (the mark comes first and the letters before it are checked looking back: a pattern that starts
# with a character set is scanned for quickly, one that starts by looking back is tried everywhere)
_GLUED_STOP = re.compile(r"([.!?])(?<=[^\W\d_]{2}[.!?])(?=[^\W\d_]{2})")
_URLISH = re.compile(r"\S*(?:://|www\.|@|/)\S*")
_SPACE_BEFORE_MARK = re.compile(r"\s+([:;!?])")


@dataclass(frozen=True)
class _Boilerplate:
    line: re.Pattern
    starts: re.Pattern
    contains: re.Pattern
    footer_start: re.Pattern
    max_words: int
    body_line_min_words: int
    separators: tuple[str, ...]
    home_words: frozenset[str]
    number_words: re.Pattern
    any_number_word: re.Pattern  # a quick test: most lines have no number word at all


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"


@lru_cache(maxsize=1)
def _boilerplate() -> _Boilerplate:
    data = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    languages = [value for key, value in data.items() if isinstance(value, dict)]

    def compiled(kind: str) -> re.Pattern:
        patterns = [p for lang in languages for p in lang.get(kind, [])]
        return re.compile(_alternation(patterns), re.IGNORECASE)

    numbers = "|".join(sorted(map(re.escape, data["number_words"]), key=len, reverse=True))
    return _Boilerplate(
        line=compiled("line"),
        starts=compiled("starts"),
        contains=compiled("contains"),
        footer_start=compiled("footer_start"),
        max_words=data["max_words"],
        body_line_min_words=data["body_line_min_words"],
        separators=tuple(data["breadcrumb_separators"]),
        home_words=frozenset(data["home_words"]),
        number_words=re.compile(rf"(?<![\w-])({numbers})([^\W\d_]{{5,}})(?!\w)"),
        any_number_word=re.compile(numbers),
    )


def clean_text(text: str, publisher: str | None = None) -> str:
    """Return ``text`` cleaned for extraction (NFC, no boilerplate, one blank line between paragraphs).

    ``publisher``, when known, lets short lines that only name the site ("News from <publisher>")
    go too.
    """
    previous = None
    for _ in range(_MAX_PASSES):
        if text == previous:
            break
        previous, text = text, _clean_once(text, publisher)
    return text


def clean_line(text: str) -> str:
    """Clean a one-line string (a title): characters and noise fixed, no line dropped."""
    return " ".join(_fix_line(line) for line in _normalise_characters(text).split("\n")).strip()


def _clean_once(text: str, publisher: str | None) -> str:
    text = _normalise_characters(text)
    lines = [_fix_line(line) for line in text.split("\n")]
    # (unwrapped first: a paragraph's last word alone on its line is no category label)
    lines = _drop_boilerplate(_unwrap(lines), publisher)
    return _join_paragraphs(lines)


def _normalise_characters(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _JOINERS_BY_LATIN.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    # (the ellipsis stays one character: NFKC would spell it as three full stops)
    return "\u2026".join(unicodedata.normalize("NFKC", part) for part in text.split("\u2026"))


def _fix_line(line: str) -> str:
    line = _SPACE_RUNS.sub(" ", line).strip(" ")
    if not line:
        return line
    if _ANY_GREEK_CYRILLIC.search(line):
        line = _MIXED_WORD.sub(_latin_look_alikes, line)
    line = _drop_stray_letters(line)
    line = _LETTER_RUN.sub(_split_glued_word, line)
    rules = _boilerplate()
    if rules.any_number_word.search(line):
        line = rules.number_words.sub(_split_number_word, line)
    line = _space_glued_quotes(line)
    line = _space_glued_stops(line)
    return _SPACE_RUNS.sub(" ", line).strip(" ")


def _drop_stray_letters(line: str) -> str:
    """Drop 1–2 Greek/Cyrillic letters glued to or standing before Latin words in a Latin line."""
    if not _ANY_GREEK_CYRILLIC.search(line):
        return line
    foreign = sum(1 for c in line if c.isalpha() and _is_greek_or_cyrillic(c))
    if not foreign:
        return line
    latin = sum(1 for c in line if c.isalpha() and (c.isascii() or "\u00c0" <= c <= "\u024f"))
    if latin < 4 * foreign:  # a Greek or Russian text, not noise in a Latin one
        return line
    return _STRAY_LETTERS.sub(lambda m: "" if m.group(1).isalpha() else m.group(0), line)


@lru_cache(maxsize=1)
def _homoglyphs() -> dict[str, str]:
    return json.loads(HOMOGLYPHS_FILE.read_text(encoding="utf-8"))["latin_look_alikes"]


def _latin_look_alikes(match: re.Match) -> str:
    """A Greek/Cyrillic letter drawn like a Latin one, in a word of mostly Latin letters, as that
    Latin letter: "Сhina" (Cyrillic С) is "China". A capital glued before a Latin capital
    ("ΜPékin") or a small letter before a word ("οdes") is a stray letter: left to
    ``_drop_stray_letters``."""
    word = match.group(0)
    foreign = sum(1 for c in word if _is_greek_or_cyrillic(c))
    if len(word) - foreign <= foreign:  # a Greek or Russian word
        return word
    look_alikes = _homoglyphs()
    letters = list(word)
    for i, char in enumerate(letters):
        latin = look_alikes.get(char)
        if latin is None:
            continue
        after = letters[i + 1] if i + 1 < len(letters) else ""
        inside = any(not _is_greek_or_cyrillic(c) for c in letters[:i])
        if inside or (char.isupper() and after.islower() and not _is_greek_or_cyrillic(after)):
            letters[i] = latin
    return "".join(letters)


def _is_greek_or_cyrillic(char: str) -> bool:
    return "\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff" or "\u0400" <= char <= "\u052f"


def _split_glued_word(match: re.Match) -> str:
    """Split "intentionnéPékin" → "intentionné Pékin", but never camel-case names.

    Only a lowercase word of at least 4 letters followed by one capitalised word of at least
    3 letters (exactly one capital in all) is split: iPhone, YouTube, McDonald, PowerShell,
    SolarWinds, GhostEmperor, macOS and getElementById stay as they are.
    """
    word = match.group(0)
    if not word[0].islower() or word.islower():
        return word
    capitals = [i for i, c in enumerate(word) if c.isupper()]
    if len(capitals) != 1:
        return word
    left, right = word[: capitals[0]], word[capitals[0] :]
    if len(left) >= 4 and left.islower() and len(right) >= 3 and right[1:].islower():
        return f"{left} {right}"
    return word


def _split_number_word(match: re.Match) -> str:
    """Split a number word glued to a plural noun ("troismembres" → "trois membres")."""
    number, rest = match.group(1), match.group(2)
    starts_with_consonant = rest[0].lower() not in "aeiouyhàâäéèêëîïôöùûü"
    if number.islower() and rest.islower() and rest[-1] in "sx" and starts_with_consonant:
        return f"{number} {rest}"
    return match.group(0)


def _space_glued_quotes(line: str) -> str:
    # (looking for the marks first is much cheaper than running the patterns over every line)
    if "»" in line or "”" in line:
        line = _CLOSER_GLUED.sub(r"\1 ", line)
    if "«" in line or "“" in line:
        line = _OPENER_GLUED.sub(r" \1", line)
    if '"' not in line:
        return line
    # Straight quotes alternate opening/closing within a line: a closing one glued to the next
    # word gets a space after it, an opening one glued on both sides a space before it.
    pieces = line.split('"')
    out = [pieces[0]]
    for n, piece in enumerate(pieces[1:]):
        previous = pieces[n]
        before = previous[-1] if previous else ('"' if n else " ")
        after = piece[0] if piece else '"' if n + 2 < len(pieces) else " "
        opening = n % 2 == 0
        if opening and after.isalnum() and (before.isalnum() or before in ".,;:!?"):
            out[-1] += " "
        out.append('"')
        if not opening and after.isalnum() and before != " ":
            out.append(" ")
        out.append(piece)
    return "".join(out)


def _space_glued_stops(line: str) -> str:
    if not _GLUED_STOP.search(line):
        return line
    urls = [m.span() for m in _URLISH.finditer(line)]

    def spaced(match: re.Match) -> str:
        i = match.start()
        before, after = line[i - 1], line[i + 1 : i + 3]
        inside_url = any(start <= i < end for start, end in urls)
        if before.islower() and after[0].isupper() and after[1].islower() and not inside_url:
            return match.group(1) + " "
        return match.group(1)

    return _GLUED_STOP.sub(spaced, line)


def _line_key(line: str) -> str:
    """A line as the patterns see it: lower case, one apostrophe, no space before : ; ! ?."""
    key = line.lower().replace("\u2019", "'").replace("\u02bc", "'")
    if ":" in key or ";" in key or "!" in key or "?" in key:  # (most lines have none of them)
        key = _SPACE_BEFORE_MARK.sub(r"\1", key)
    return key.strip(" :.;!?…«»\"'-–—*•·")


def _drop_boilerplate(lines: list[str], publisher: str | None) -> list[str]:
    rules = _boilerplate()
    keys = [_line_key(line) for line in lines]
    is_boilerplate = [
        bool(line) and _is_boilerplate(line, key, rules) for line, key in zip(lines, keys, strict=True)
    ]
    is_body = [
        bool(line) and not drop and _is_prose(line, rules)
        for line, drop in zip(lines, is_boilerplate, strict=True)
    ]
    last_body = max((i for i, body in enumerate(is_body) if body), default=None)
    first_body = min((i for i, body in enumerate(is_body) if body), default=len(lines))

    # Once the comment form or a "Read also" block starts after the last paragraph of prose,
    # the rest is the site's footer.
    end = len(lines)
    if last_body is not None:
        for i in range(last_body + 1, len(lines)):
            if keys[i] and rules.footer_start.fullmatch(keys[i]):
                end = i
                break

    publisher_key = _line_key(publisher) if publisher else ""
    kept = []
    for i, line in enumerate(lines[:end]):
        if is_boilerplate[i]:
            continue
        if publisher_key and _names_only_the_site(keys[i], publisher_key, at_top=i < first_body):
            continue
        kept.append(line)
    return kept


def _is_boilerplate(line: str, key: str, rules: _Boilerplate) -> bool:
    if not key:  # punctuation, bullets or symbols only
        return True
    if rules.line.fullmatch(key) or rules.footer_start.fullmatch(key):
        return True
    # One lowercase token on its own is a category label, a slug or an image's alt text.
    if len(line) <= 40 and re.fullmatch(r"[a-zà-ÿ0-9][a-zà-ÿ0-9._-]*", line):
        return True
    if _is_breadcrumb(key, rules):
        return True
    if len(key.split()) <= rules.max_words:
        return bool(rules.starts.match(key) or rules.contains.search(key))
    return False


def _is_breadcrumb(key: str, rules: _Boilerplate) -> bool:
    for separator in rules.separators:
        if f" {separator} " not in key:
            continue  # (one part only: no need to split)
        parts = [part.strip() for part in key.split(f" {separator} ")]
        if len(parts) < 2:
            continue
        if parts[0] in rules.home_words:
            return True
        if separator == "»" and "«" in key:  # » may close a French quotation, not separate crumbs
            continue
        if len(parts) >= 3 and all(1 <= len(part.split()) <= 5 for part in parts[:-1]):
            return True
    return False


def _is_prose(line: str, rules: _Boilerplate) -> bool:
    """A paragraph of the article, not a label: enough words (or characters, for CJK text)."""
    # (the length first: it is free, and long lines are the common case)
    return len(line) >= 6 * rules.body_line_min_words or len(line.split()) >= rules.body_line_min_words


def _names_only_the_site(key: str, publisher_key: str, at_top: bool) -> bool:
    if key == publisher_key:
        return True
    # "News from <publisher>" above the article: the site's name with a word or two around it.
    extra_words = len(key.split()) - len(publisher_key.split())
    return at_top and publisher_key in key and extra_words <= 3


def _unwrap(lines: list[str]) -> list[str]:
    """Paragraphs broken into lines of a fixed width (text from a PDF, an e-mail, a terminal)
    joined back into one line each: the extractor reads a line break as the end of a sentence,
    and a hard-wrapped text would be read as fragments. A text is hard-wrapped when its lines
    are short (WRAP_WIDTH_MAX) and some of them run on into a line that starts in lower case;
    then each line runs on into the next when that one starts in lower case, or when the next
    line's first word would not have fitted on it (how a wrapping program breaks lines). A
    heading or a paragraph's short last line stays where it is."""
    filled = [line for line in lines if line]
    if len(filled) < WRAP_MIN_LINES:
        return lines
    lengths = sorted(len(line) for line in filled)
    width = lengths[int(WRAP_WIDTH_QUANTILE * (len(lengths) - 1))]
    runs_on = [_runs_on(a, b) for a, b in zip(lines[:-1], lines[1:], strict=True)]
    if width > WRAP_WIDTH_MAX or sum(runs_on) < WRAP_MIN_RUN_ONS:
        return lines
    out = [lines[0]]
    for above, line, after_run_on in zip(lines[:-1], lines[1:], runs_on, strict=True):
        previous = out[-1]
        # (a line that ends with a colon or a semicolon opens or ends a list item)
        first_word = line[:1] if _CJK.match(line[:1]) else line.split(" ", 1)[0]  # (CJK: a character)
        full = len(above) + 1 + len(first_word) > WRAP_FULL_SHARE * width
        full = full and not above.endswith((":", ";"))
        if previous and line and (after_run_on or (full and not _new_item(previous, line))):
            out[-1] = previous + _glue(above, line) + line
        else:
            out.append(line)
    return out


def _new_item(paragraph: str, line: str) -> bool:
    """Does ``line`` start an item of a list (after the list's colon, or after another item)? A
    dash that opens a line inside a paragraph ('including\n– as the UK revealed') does not."""
    return bool(_LIST_ITEM.match(line)) and (paragraph.endswith(":") or bool(_LIST_ITEM.match(paragraph)))


def _glue(above: str, line: str) -> str:
    """What joins a wrapped line to the next: nothing after a word's hyphen ('Multi-State-\n
    Information', 'state-\nsponsored', which keep it) or between two CJK characters (no spaces
    there), else a space."""
    if above.endswith("-") and above[-2:-1].isalpha():
        return ""
    if _CJK.match(above[-1:]) and _CJK.match(line[:1]):
        return ""
    return " "


def _runs_on(line: str, following: str) -> bool:
    """Does ``line`` break off mid-sentence into ``following``, which starts in lower case (or
    goes on in CJK characters)?"""
    if not line or not following or _SENTENCE_END.search(line):
        return False
    return following[:1].islower() or bool(_CJK.match(line[-1:]) and _CJK.match(following[:1]))


def _join_paragraphs(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n ")
