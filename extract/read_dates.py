"""The dates of documents: the date an input gives, read as ISO (``iso_date``), and for a document
without one, the date found in its first line, its dateline or its address (``date_document``)."""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime
from pathlib import Path

from extract.read_document import READERS, first_line
from extract.records import Document

MONTHS = {
    **{m: i for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1)},
    **{m: i for i, m in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    "sept": 9,
    **{m: i for i, m in enumerate(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)},
    "fevrier": 2, "aout": 8, "decembre": 12,
}  # fmt: skip
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
# "WASHINGTON, May 3, 2024 –", "May 3, 2024", "LONDON, 3 May 2024", « Paris, le 12 mars 2024 »,
# "Le 4 octobre 2018 – Ottawa, Ontario": a dateline opens one of the first lines
_PLACE = r"(?:[A-ZÉÈ][\w.'’ -]{1,40},\s*)?"
_DATELINES = [
    re.compile(
        _PLACE + rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b", re.IGNORECASE
    ),
    re.compile(
        _PLACE + rf"(?:le\s+)?(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH})\.?\s+(?P<year>\d{{4}})\b",
        re.IGNORECASE,
    ),
]  # fmt: skip
_DATELINE_LINES = 4
# "date: 2024-03-05" (or "published:", "publié le :") as the first line of a plain-text file
_DATE_LINE = re.compile(
    r"^\s*(?:date|published|publication date|date de publication|publié le)\s*:\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
# dates in web addresses: /2021/07/19/, -2021-07-19-, a Kiwix dump's _2023-10/
_URL_DATES = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>\d\d)/(?P<day>\d\d)(?:/|$)"),
    re.compile(r"[/_-](?P<year>(?:19|20)\d\d)-(?P<month>\d\d)(?:-(?P<day>\d\d))?(?=[/_.-]|$)"),
]
# where a date read by a format's own reader comes from
_GIVEN_BY = {"jsonl": "given", "markdown": "front matter", "html": "page", "feed": "feed"}
# a date given only to the year or the month
_PARTIAL_DATE = re.compile(r"((?:19|20)\d\d)(?:-(\d\d))?")


def iso_date(value) -> str | None:
    """An ISO date (YYYY-MM-DD) from ISO or RFC 822 strings and date objects; None when unknown.
    A date given only to the month or the year ("2023-10", "2021") keeps that precision."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return str(value)  # a YAML front matter's "date: 2021"
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    partial = _PARTIAL_DATE.fullmatch(value)
    if partial:
        month = partial.group(2)
        return value if month is None or 1 <= int(month) <= 12 else None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})\b", value)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def date_document(doc: Document, default_date: str | None = None) -> Document:
    """Give ``doc`` a date and say where it comes from (``date_source``), or why it has none.

    In this order: the date its input gives (a JSONL ``date``, a front matter, the page's or
    the feed entry's date); a first line ``date: YYYY-MM-DD`` of a text file (removed from the
    text); ``default_date`` (``kb ingest --date``); a dateline in its first lines ("WASHINGTON,
    May 3, 2024", « Paris, le 12 mars 2024 »); a date in its address (``/2021/07/19/``, a
    Kiwix dump's ``_2023-10``). A date without its year is never completed."""
    if doc.published:
        kind = READERS.get(Path(doc.source_path or "").suffix.lower(), "text")
        doc.date_source = doc.date_source or _GIVEN_BY.get(kind, "given")
        return doc
    found = _first_line_date(doc)
    if found:
        doc.published, doc.date_source = found, "first line"
    elif default_date:
        doc.published, doc.date_source = default_date, "--date"
    elif found := dateline_date(doc.text):
        doc.published, doc.date_source = found, "dateline"
    elif found := url_date(doc.url):
        doc.published, doc.date_source = found, "address"
    else:
        doc.date_source = "none: no date given, and none in its first lines or its address"
    return doc


def _first_line_date(doc: Document) -> str | None:
    lines = doc.text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    match = _DATE_LINE.match(lines[first])
    found = iso_date(match.group("value")) if match else None
    if found is None and match:
        found = dateline_date(match.group("value"))
    if found is None:
        return None
    title_was_line = doc.title == lines[first].strip()
    doc.text = "\n".join(lines[first + 1 :]).lstrip("\n")
    if title_was_line:
        doc.title = first_line(doc.text)
    return found


def dateline_date(text: str | None) -> str | None:
    """The date of a dateline opening one of the first lines of ``text``, as YYYY-MM-DD."""
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()][:_DATELINE_LINES]
    for line in lines:
        for pattern in _DATELINES:
            match = pattern.match(line)
            if match:
                found = _calendar_date(match.group("year"), MONTHS.get(match.group("month").lower()),
                                       match.group("day"))  # fmt: skip
                if found:
                    return found
    return None


def url_date(url: str | None) -> str | None:
    """A date written in a web address, as precise as it is written (YYYY-MM or YYYY-MM-DD)."""
    for pattern in _URL_DATES:
        match = pattern.search(url or "")
        if match:
            day = match.group("day")
            if day:
                return _calendar_date(match.group("year"), int(match.group("month")), day)
            if 1 <= int(match.group("month")) <= 12:
                return f"{match.group('year')}-{match.group('month')}"
    return None


def _calendar_date(year: str, month: int | None, day: str) -> str | None:
    try:
        return date(int(year), month or 0, int(day)).isoformat()
    except (TypeError, ValueError):
        return None
