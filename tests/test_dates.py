"""Every document dated or saying why not: the dates an input gives, --date, a first line
'date:', datelines in English and French, dates in addresses."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extract.read import dateline_date, iter_documents, url_date
from kb.cli import cli


def read_one(path, **options):
    (document,) = list(iter_documents(path, **options))
    return document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WASHINGTON, May 3, 2024 – The United States today ...", "2024-05-03"),
        ("LONDON, 3 May 2024\nThe UK ...", "2024-05-03"),
        ("Paris, le 12 mars 2024\nLa France ...", "2024-03-12"),
        ("Le 4 octobre 2018 – Ottawa, Ontario\nLe Canada ...", "2018-10-04"),
        ("Statement\n\nSept. 1, 2021\nThe ministry ...", "2021-09-01"),
        ("Le 1er août 2022, à Kiev ...", "2022-08-01"),
        ("WASHINGTON – Russian President Vladimir Putin ...", None),  # no date
        ("WASHINGTON, May 3 – The United States ...", None),  # no year: never completed
        ("The report of May 3, 2024 says ...", None),  # a date inside a sentence is not a dateline
        ("PARIS, 31 février 2024", None),  # not a day of the calendar
    ],
)
def test_datelines(text, expected):
    assert dateline_date(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2021/07/19/china-hack", "2021-07-19"),
        ("https://kiwix.example/content/wikipedia_en_all_maxi_2023-10/A/Viasat_hack", "2023-10"),
        ("https://example.org/news/statement-2018-02-15", "2018-02-15"),
        ("https://example.org/articles/12345", None),
        (None, None),
    ],
)
def test_dates_in_addresses(url, expected):
    assert url_date(url) == expected


def test_a_text_file_is_dated_by_its_first_line_and_the_line_leaves_the_text(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(
        "date: 2021-07-19\nUK and allies hold China responsible\n\nThe UK ...\n", encoding="utf-8"
    )
    document = read_one(path)
    assert (document.published, document.date_source) == ("2021-07-19", "first line")
    assert document.title == "UK and allies hold China responsible" and "date:" not in document.text


def test_the_order_of_the_sources_of_a_date(tmp_path):
    jsonl = tmp_path / "given.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": "PARIS, 3 May 2024\nText.", "date": "2021-01-02"}) + "\n")
    assert (read_one(jsonl).published, read_one(jsonl).date_source) == ("2021-01-02", "given")
    dateline = tmp_path / "dateline.txt"
    dateline.write_text("Title\n\nLONDON, 3 May 2024\nThe UK ...", encoding="utf-8")
    assert (read_one(dateline).published, read_one(dateline).date_source) == ("2024-05-03", "dateline")
    # --date comes before what is guessed from the text, never before what the input gives
    assert read_one(dateline, default_date="2024-05-04").published == "2024-05-04"
    assert read_one(jsonl, default_date="2024-05-04").published == "2021-01-02"
    undated = tmp_path / "undated.txt"
    undated.write_text("Title\n\nThe UK ...", encoding="utf-8")
    document = read_one(undated)
    assert document.published is None and document.date_source.startswith("none: ")


def test_a_date_given_to_the_month_keeps_that_precision(tmp_path):
    path = tmp_path / "month.md"
    path.write_text("---\ndate: 2023-10\n---\nA text.\n", encoding="utf-8")
    assert (read_one(path).published, read_one(path).date_source) == ("2023-10", "front matter")


def test_kb_ingest_date_dates_the_undated_and_refuses_a_bad_date(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("A note\n\nSome text.", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--db", str(tmp_path / "kb.db"), "--date", "2021-02-30"]
    )
    assert result.exit_code != 0 and "2021-02-30" in result.output and not (tmp_path / "kb.db").exists()
    with pytest.raises(ValueError, match="not YYYY"):
        list(iter_documents(path, default_date="19 July"))
    assert read_one(path, default_date="2021-07-19").date_source == "--date"
