"""Markdown input: the text without its markup, and the metadata of a YAML front matter."""

from __future__ import annotations

import re
from pathlib import Path

from extract.read_dates import iso_date
from extract.read_document import make_document
from extract.records import Document, ReadError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_MARKDOWN_RULES = [
    (re.compile(r"^```.*$|^~~~.*$", re.MULTILINE), ""),  # code fences (their content stays)
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # links keep their words
    (re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S+.*$", re.MULTILINE), ""),  # link definitions
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), ""),  # bullets
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]*)`"), r"\1"),  # inline code
]


def read_markdown(path: Path, text: str, doc_id: str, lang: str) -> Document | ReadError:
    meta: dict = {}
    front = _FRONT_MATTER.match(text)
    if front:
        import yaml

        try:
            parsed = yaml.safe_load(front.group(1))
        except yaml.YAMLError:
            parsed = None  # a "---" rule, not front matter: keep it as text
        if isinstance(parsed, dict):
            meta = parsed
            text = text[front.end() :]
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)

    def field(name: str) -> str | None:
        value = meta.get(name)
        return str(value) if value is not None and not isinstance(value, (dict, list)) else None

    return make_document(
        path,
        field("id") or doc_id,
        text,
        lang,
        derived_id=not field("id"),
        title=field("title"),
        declared_lang=field("lang"),
        url=field("url") or field("source"),
        publisher=field("publisher"),
        published=iso_date(meta.get("date")),
        license=field("license"),
        attribution=field("attribution"),
    )
