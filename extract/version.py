"""Which extractor found a claim: a name for the rules and everything they read.

A KB stores the version with every document and claim (``documents.extractor``,
``claims.extractor``), and ``kb reextract`` runs the extractor again over the documents stored by
another version. The version is ``RULES_VERSION`` plus a digest of the files the rules read (the
claim lexicons, the actor patterns and lists, the MISP galaxy's release) and of the rules' own
code, so that changing a lexicon alone marks every stored document as extracted by an older
version; nobody has to remember to bump a number. ``RULES_VERSION`` names a generation of the
rules for people.

No spaCy here: ``kb`` reads the version without loading a model.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from extract.resources import project_file

RULES_VERSION = "rules-0.2"
DIGEST_CHARS = 8

EXTRACT_DIR = Path(__file__).resolve().parent
# KB_LEXICONS points the claim rules at another copy of the lexicons: try a changed lexicon on a
# copy of a KB (`KB_LEXICONS=my-lexicons kb reextract --all --dry-run`) without editing the package
LEXICON_DIR = Path(os.environ.get("KB_LEXICONS") or EXTRACT_DIR / "lexicons")


# the modules that read and clean texts: re-extraction reads stored, already cleaned texts
READING_MODULES = (
    "clean.py", "read.py", "read_dates.py", "read_document.py", "read_encoding.py", "read_feed.py",
    "read_html.py", "read_jsonl.py", "read_markdown.py", "language.py", "resources.py", "version.py",
)  # fmt: skip


def rule_files() -> list[Path]:
    """The files whose content decides what the extractor finds in a stored text: the lexicons,
    the actor lists and patterns, and the code of ``extract/`` but its reading modules.

    The text's cleaning (``clean.py``, ``patterns/boilerplate.json``) is not among them:
    re-extraction reads the stored, already cleaned text.
    """
    data = [
        *sorted(LEXICON_DIR.glob("*.json")),
        *sorted(p for p in (EXTRACT_DIR / "patterns").glob("*.json") if p.name != "boilerplate.json"),
        *sorted(p for p in project_file("data/actors").glob("*.json*")),
    ]
    code = sorted(
        p for p in EXTRACT_DIR.rglob("*.py") if p.name not in READING_MODULES or p.parent != EXTRACT_DIR
    )
    return [path for path in data + code if path.is_file()]


def _canonical(path: Path) -> bytes:
    """The file's content without what does not change its meaning: line endings, and for JSON
    the layout and key order (reformatting a lexicon is not a new version)."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    try:
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False)
        elif path.suffix == ".jsonl":
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
            text = "\n".join(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)
    except json.JSONDecodeError:
        pass  # a broken file is hashed as it is; loading it reports the error
    return text.encode("utf-8")


def _label(path: Path) -> str:
    """The file's name in the digest: the same wherever the package or the lexicons are."""
    if path.is_relative_to(LEXICON_DIR):
        return f"lexicons/{path.relative_to(LEXICON_DIR).as_posix()}"
    if path.is_relative_to(EXTRACT_DIR):
        return path.relative_to(EXTRACT_DIR).as_posix()
    return f"{path.parent.name}/{path.name}"


def _galaxy_release() -> str:
    try:
        return "pymispgalaxies " + version("pymispgalaxies")
    except PackageNotFoundError:
        return "pymispgalaxies ?"


@cache
def extractor_version() -> str:
    """``rules-0.2+1a2b3c4d``: the rules' name and a digest of the files they read."""
    digest = hashlib.sha256()
    digest.update(_galaxy_release().encode())  # the threat groups come from the MISP galaxy
    for path in rule_files():
        digest.update(f"{_label(path)}\0".encode())
        digest.update(_canonical(path))
        digest.update(b"\0")
    return f"{RULES_VERSION}+{digest.hexdigest()[:DIGEST_CHARS]}"
