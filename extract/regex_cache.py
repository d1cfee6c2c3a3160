"""The programs of a model's very long regular expressions, kept on disk between processes.

Importing spaCy's French language data compiles one regular expression of 1.4 million
characters (``spacy.lang.fr.tokenizer_exceptions.TOKEN_MATCH``, the words with a hyphen or an
elision that stay one token): 2.3-2.8 s of CPU in every process that loads the French model,
most of what loading it costs. Python's ``re`` turns a pattern into a program of integers and
keeps the result per process only (``re._cache``, keyed by the pattern's text and flags).

``remember`` stores the program of each such pattern of a loaded model's tokenizer (the disk
cache of extract/disk_cache.py, one entry per model, keyed by the Python version that made it);
``seed`` puts the stored patterns in ``re._cache`` before the model is loaded, so that compiling
the same text with the same flags finds them there. A pattern is stored only when the one made
from its program equals the model's own (``Pattern.__eq__`` compares the flags and the whole
program), and a seeded pattern is only found by the very text it was made from: a changed model
or spaCy compiles its patterns as before. Anything unexpected of ``re``'s internals (another
Python) leaves this a no-op.
"""

from __future__ import annotations

import re
import sys

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # Python 3.10: the same functions under their old names
    try:
        import _sre
        import sre_compile as _compiler
        import sre_parse as _parser
    except ImportError:
        _sre = None

# patterns shorter than this compile in a few milliseconds: not worth a disk entry
LONG_PATTERN = 100_000
# the tokenizer's attributes that hold a compiled pattern's bound method
TOKENIZER_PATTERNS = ("token_match", "url_match", "prefix_search", "suffix_search", "infix_finditer")


def _entry_name(model: str) -> str:
    return f"regex-{re.sub(r'[^A-Za-z0-9_.]', '_', model)}"


def _key() -> str:
    import hashlib

    return hashlib.sha256(sys.version.encode()).hexdigest()[:20]


def _stored(model: str) -> list[tuple] | None:
    from extract.disk_cache import cache_dir

    folder = cache_dir()
    path = folder / f"{_entry_name(model)}-{_key()}.pickle" if folder else None
    if path is None or not path.is_file():
        return None
    import pickle

    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001  (a broken entry: remember() writes it again)
        return None


def seed(model: str) -> bool:
    """Put the stored long patterns of ``model`` in ``re``'s own cache; whether an entry was
    stored (none: ``remember`` once the model is loaded)."""
    cache = getattr(re, "_cache", None)
    if _sre is None or not isinstance(cache, dict):
        return True  # nothing to remember either
    stored = _stored(model)
    for key_flags, pattern, flags, code, groups, groupindex, indexgroup in stored or ():
        try:
            compiled = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001  (a program this Python refuses: compiled as before)
            return True
        cache[str, pattern, key_flags] = compiled
    return stored is not None


def remember(model: str, tokenizer) -> None:
    """Store the programs of the tokenizer's long patterns (when the disk cache is on)."""
    from extract.disk_cache import cache_dir, cached

    if _sre is None or cache_dir() is None:
        return
    patterns = []
    for attribute in TOKENIZER_PATTERNS:
        compiled = getattr(getattr(tokenizer, attribute, None), "__self__", None)
        if isinstance(compiled, re.Pattern) and isinstance(compiled.pattern, str):
            if len(compiled.pattern) >= LONG_PATTERN:
                patterns.append(compiled)
    if patterns:
        cached(_entry_name(model), _key(), lambda: [e for p in patterns if (e := _program(p))])


def _program(compiled: re.Pattern) -> tuple | None:
    """What ``_sre.compile`` takes to make ``compiled`` again from its text and no flags (the
    flags written in the text), or None when that is not the same pattern."""
    try:
        parsed = _parser.parse(compiled.pattern, 0)
        code = [int(number) for number in _compiler._code(parsed, 0)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (compiled.pattern, parsed.state.flags, code, parsed.state.groups - 1)
        program += (groupindex, tuple(indexgroup))
        if _sre.compile(*program) != compiled:
            return None
    except Exception:  # noqa: BLE001  (internals of another Python: no entry)
        return None
    return (0, *program)
