"""HTML input: a page's main text (trafilatura), with its title, language, address, site and
date; and the plain text of an HTML fragment (a feed entry's content)."""

from __future__ import annotations

import re
from pathlib import Path

from extract.read_dates import iso_date
from extract.read_document import make_document
from extract.records import Document, ReadError

_DROPPED_ELEMENTS = "//script|//style|//iframe|//noscript|//template|//object|//embed|//svg|//canvas"
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
               "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt",
               "hr")  # fmt: skip
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def read_html(path: Path, markup: str, doc_id: str, lang: str) -> Document | ReadError:
    import lxml.html
    import trafilatura
    from trafilatura.metadata import extract_metadata

    markup = _XML_DECLARATION.sub("", markup, count=1)
    tree = lxml.html.document_fromstring(markup)
    for element in tree.xpath(_DROPPED_ELEMENTS):
        element.drop_tree()
    page_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    metadata = extract_metadata(tree)
    text = trafilatura.extract(tree, include_comments=False, include_tables=True, output_format="txt")
    if text:
        text = text.replace("\n", "\n\n")  # trafilatura gives one paragraph a line
    else:  # trafilatura finds no main text in some short pages: take the whole body then
        body = tree.find("body")
        text = _markup_to_text(body if body is not None else tree)
    if not text.strip():
        return ReadError(str(path), "the page has no text (only markup, scripts or images)")
    return make_document(
        path,
        doc_id,
        text,
        lang,
        derived_id=True,
        title=metadata.title or tree.findtext(".//title"),
        declared_lang=page_lang,
        url=metadata.url,
        publisher=metadata.sitename,
        published=iso_date(metadata.date),
    )


def _markup_to_text(element) -> str:
    """The text of an lxml element, with a paragraph break at every block element."""
    for child in element.xpath(_DROPPED_ELEMENTS.replace("//", ".//")):
        child.drop_tree()
    for block in element.iter(*_BLOCK_TAGS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    return element.text_content()


def html_fragment_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), scripts and styles dropped."""
    import lxml.etree
    import lxml.html

    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", markup)
    return _markup_to_text(root)
