"""Reading every input format into Documents; bad inputs become ReadErrors and reading goes on."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from extract import read
from extract.language import detect_language
from extract.read import MAX_DOCUMENT_CHARS, iter_documents
from extract.records import Document, ReadError

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = FIXTURES / "formats"


def read_all(*paths, **kwargs) -> tuple[list[Document], list[ReadError]]:
    results = list(iter_documents([str(p) for p in paths], **kwargs))
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert len(docs) + len(errors) == len(results)
    return docs, errors


def only_document(path, **kwargs) -> Document:
    docs, errors = read_all(path, **kwargs)
    assert errors == []
    assert len(docs) == 1
    return docs[0]


# --- one format at a time ----------------------------------------------------------------------


def test_txt_is_one_document_titled_by_its_first_line():
    doc = only_document(FORMATS / "article.txt")
    assert doc.id == "article"
    assert doc.title == "UK and allies expose Chinese state-backed hacking"
    assert "Ministry of State Security was responsible" in doc.text
    assert "\n\nThe government added" in doc.text  # paragraphs kept
    assert doc.lang == "en"
    assert doc.status == "ok"
    assert doc.source_path == str(FORMATS / "article.txt")


def test_markdown_front_matter_and_syntax():
    doc = only_document(FORMATS / "briefing.md")
    assert doc.id == "briefing"
    assert doc.title == "NCSC briefing on APT40"
    assert (doc.published, doc.publisher, doc.url, doc.license) == (
        "2021-07-19",
        "Example Security Blog",
        "https://example.org/briefing",
        "CC BY 4.0",
    )
    assert doc.text.startswith("APT40 and the Chinese state\n\n")
    assert "The National Cyber Security Centre said that APT40 is linked" in doc.text
    for markup in ("#", "**", "](", "![", "diagram.png", "- Targets", "*government*", "---"):
        assert markup not in doc.text


def test_markdown_without_front_matter_uses_its_heading_as_title(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("## Lazarus Group\n\nThe FBI attributed the theft to North Korea.\n", encoding="utf-8")
    doc = only_document(path)
    assert doc.title == "Lazarus Group"
    assert doc.text == "Lazarus Group\n\nThe FBI attributed the theft to North Korea."


def test_html_main_text_without_scripts_styles_or_iframes():
    doc = only_document(FORMATS / "page.html")
    assert doc.id == "page"
    assert doc.title == "La Chine dément les accusations de cyberattaques"
    assert doc.lang == "fr"
    assert doc.url == "https://nouvelles.example/chine-dement"
    assert doc.publisher == "Nouvelles Exemple"
    assert doc.published == "2021-07-20"
    assert "champion du monde des cyberattaques malveillantes" in doc.text
    assert "d'avoir mené ces attaques." in doc.text
    for leaked in ("SHOULD-NOT-APPEAR", "trackingSecret", "secret-style", "color: red", "Tous droits"):
        assert leaked not in doc.text
    assert doc.text.count("\n\n") >= 2  # one paragraph per <p>


def test_jsonl_good_lines_come_through_and_bad_lines_name_their_line():
    docs, errors = read_all(FORMATS / "docs.jsonl")
    # a line without an id gets the file's name and its text's digest
    digest = hashlib.sha256(docs[1].text.encode()).hexdigest()[:10]
    assert [d.id for d in docs] == ["good-1", f"docs-{digest}", "good-2"]
    assert [(d.derived_id, d.source_line) for d in docs] == [(False, 1), (True, 4), (False, 10)]
    first = docs[0]
    assert (first.lang, first.url, first.publisher, first.published, first.title) == (
        "en",
        "https://example.org/1",
        "Example Wire",
        "2021-07-19",
        "US accuses China",
    )
    assert (first.license, first.attribution) == ("CC0", "Example Wire, 2021")
    # "source" stands for "url"; a datetime gives its date; a missing id from the text's digest
    assert docs[1].url == "https://example.org/fr"
    assert docs[1].published == "2018-10-04"
    assert docs[1].lang == "fr"  # detected: the line gives none
    assert docs[2].title == docs[2].text  # no title: the first line

    by_line = {e.line: e.reason for e in errors}
    assert set(by_line) == {2, 3, 6, 7, 8, 9}
    assert all(e.path == str(FORMATS / "docs.jsonl") for e in errors)
    assert '"text"' in by_line[2]
    assert "not valid JSON" in by_line[3]
    assert '"text" is a number' in by_line[6]
    assert '"date" is a number' in by_line[7]
    assert "list" in by_line[8]
    assert "empty" in by_line[9]
    assert str(errors[0]).startswith(f"{FORMATS / 'docs.jsonl'}:2: ")


def test_rss_feed_gives_one_document_per_entry():
    docs, errors = read_all(FORMATS / "feed.rss")
    assert [d.id for d in docs] == ["https://cyberdesk.example/viasat", "https://cyberdesk.example/moscow"]
    viasat = docs[0]
    assert viasat.title == "UK blames Russian military intelligence for Viasat attack"
    assert viasat.url == "https://cyberdesk.example/viasat"
    assert viasat.published == "2022-05-10"
    assert viasat.publisher == "Cyber Desk"
    assert viasat.lang == "en"
    assert viasat.text == (
        "The United Kingdom said the Russian military intelligence service was behind the attack on "
        "the KA-SAT network.\n\nThe European Union condemned the operation."
    )
    assert docs[1].published == "2022-05-11"
    assert len(errors) == 1 and "entry 3" in errors[0].reason


def test_atom_feed_entry():
    doc = only_document(FORMATS / "feed.atom")
    assert doc.id == "urn:uuid:5b1e7c4e-0000-4000-8000-000000000001"
    assert doc.title == "Pékin dément"
    assert doc.url == "https://veille.example/pekin-dement"
    assert doc.published == "2021-07-20"
    assert doc.lang == "fr"
    assert doc.text == "La Chine a rejeté les accusations infondées des États-Unis et de leurs alliés."


def test_xml_that_is_not_a_feed_is_an_error():
    docs, errors = read_all(FORMATS / "sitemap.xml")
    assert docs == []
    assert "not an RSS or Atom feed" in errors[0].reason


def test_folder_is_read_recursively_in_sorted_order():
    docs, errors = read_all(FIXTURES / "corpus")
    assert errors == []
    # README (documentation), .hidden.txt and image.png (not a text format) are skipped
    assert [d.id for d in docs] == ["small-feed-1", "2021/july/nested", "top"]
    assert all(d.status == "ok" for d in docs)
    assert docs[1].source_path == str(FIXTURES / "corpus" / "2021" / "july" / "nested.md")
    assert [d.id for d in iter_documents(FIXTURES / "corpus")] == [d.id for d in docs]  # deterministic


def test_empty_folder_is_reported(tmp_path):
    docs, errors = read_all(tmp_path)
    assert docs == [] and "no file to read" in errors[0].reason


# --- encodings and inputs given by mistake -----------------------------------------------------


def test_cp1252_file_is_decoded():
    doc = only_document(FORMATS / "legacy_cp1252.txt")
    assert "ministère des Affaires étrangères" in doc.text
    assert "« Ces accusations sont infondées »" in doc.text
    assert "\ufffd" not in doc.text


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Die Regierung bestreitet die Vorwürfe entschieden.".encode("utf-16"))
    doc = only_document(path)
    assert doc.text == "Die Regierung bestreitet die Vorwürfe entschieden."
    assert doc.lang == "de"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.pdf", "PDF"),
        ("photo.txt", "PNG"),
        ("archive.txt.gz", "gzip"),
        ("notes.dat", "NUL bytes"),
    ],
)
def test_binary_files_are_refused(name, expected):
    docs, errors = read_all(FORMATS / name)
    assert docs == []
    assert expected in errors[0].reason
    assert errors[0].path == str(FORMATS / name)


def test_gzip_jsonl_given_by_mistake(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(gzip.compress(b'{"text": "hello"}\n'))
    docs, errors = read_all(path)
    assert docs == [] and "gzip" in errors[0].reason


def test_undecodable_bytes_are_an_error(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    docs, errors = read_all(path)
    assert docs == []
    assert len(errors) == 1 and "not UTF-8" in errors[0].reason


@pytest.mark.parametrize(
    ("name", "expected"), [("empty.txt", "empty file"), ("whitespace.txt", "whitespace")]
)
def test_empty_files_are_errors(name, expected):
    docs, errors = read_all(FORMATS / name)
    assert docs == [] and expected in errors[0].reason


def test_missing_path_is_an_error_and_reading_goes_on():
    docs, errors = read_all(FORMATS / "does-not-exist.txt", FORMATS / "article.txt")
    assert [d.id for d in docs] == ["article"]
    assert errors == [
        ReadError(str(FORMATS / "does-not-exist.txt"), "no such file or folder; check the path")
    ]


def test_every_bad_input_at_once_never_raises():
    docs, errors = read_all(*sorted(FORMATS.iterdir()), FIXTURES / "corpus", FIXTURES / "nothing-here")
    assert len(docs) >= 10
    assert len(errors) >= 12
    assert all(e.reason for e in errors)


# --- size limits -------------------------------------------------------------------------------


def test_huge_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # 50 MB (sparse, so the test stays fast)
        f.truncate(50 * 1024 * 1024)
    docs, errors = read_all(path, tmp_path / "missing.txt")
    assert docs == []
    assert "too long" in errors[0].reason and "52,428,800 bytes" in errors[0].reason
    assert "missing.txt" in errors[1].path


def test_text_over_the_character_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("word " * (MAX_DOCUMENT_CHARS // 5 + 10), encoding="utf-8")
    docs, errors = read_all(path)
    assert docs == []
    assert f"the limit is {MAX_DOCUMENT_CHARS:,}" in errors[0].reason
    assert "characters" in errors[0].reason


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_read(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_JSONL_LINE_BYTES", 1000)
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "big", "text": "x " * 5000}),
        json.dumps({"id": "small", "text": "The FBI blamed North Korea."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = read_all(path)
    assert [d.id for d in docs] == ["small"]
    assert errors[0].line == 1 and "too long" in errors[0].reason


def test_jsonl_text_over_the_character_limit(tmp_path):
    path = tmp_path / "docs.jsonl"
    big = json.dumps({"id": "big", "text": "a" * (MAX_DOCUMENT_CHARS + 1)})
    path.write_text(big + "\n" + json.dumps({"id": "ok", "text": "Short text."}) + "\n", encoding="utf-8")
    docs, errors = read_all(path)
    assert [d.id for d in docs] == ["ok"]
    assert errors[0].line == 1 and f"{MAX_DOCUMENT_CHARS + 1:,} characters" in errors[0].reason


# --- language and status -----------------------------------------------------------------------


def test_language_precedence(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "declared", "lang": "fr-FR", "text": "The UK blamed Russia."})
        + "\n"
        + json.dumps({"id": "undeclared", "text": "The UK blamed Russia for the attack."})
        + "\n",
        encoding="utf-8",
    )
    by_id = {d.id: d.lang for d in iter_documents(path)}
    assert by_id == {"declared": "fr", "undeclared": "en"}
    by_id = {d.id: d.lang for d in iter_documents(path, lang="es")}
    assert by_id == {"declared": "fr", "undeclared": "es"}
    with pytest.raises(ValueError):
        list(iter_documents(path, lang="French"))


def test_text_that_is_only_boilerplate_is_kept_as_empty(tmp_path):
    path = tmp_path / "footer.txt"
    path.write_text("Share on Facebook\nSuivez-nous sur Telegram\nLaisser un commentaire\n", encoding="utf-8")
    doc = only_document(path)
    assert (doc.status, doc.text, doc.lang) == ("empty", "", "und")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The United Kingdom holds the Russian military intelligence service responsible.", "en"),
        ("La Chine dément catégoriquement les accusations infondées des États-Unis.", "fr"),
        ("Corea del Norte acusa a Estados Unidos de ataques cibernéticos contra sus servidores.", "es"),
        ("中国外交部发言人否认了美国的网络攻击指控。", "zh"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "1234 5678 !!", "—"])
def test_detect_language_undetermined(text):
    assert detect_language(text) == "und"


# --- the project's own corpus ------------------------------------------------------------------

ARTICLES = Path(__file__).parent.parent / "data" / "articles"


@pytest.mark.skipif(not (ARTICLES / "seed.jsonl").exists(), reason="data/articles/seed.jsonl not copied yet")
def test_seed_copy_reads_clean():
    docs, errors = read_all(ARTICLES / "seed.jsonl")
    assert errors == [] and len(docs) == 1
    seed = docs[0]
    assert seed.lang == "fr" and seed.status == "ok"
    assert "Akismet" not in seed.text and "Lire aussi" not in seed.text
    assert "Chine nie catégoriquement" in seed.text
