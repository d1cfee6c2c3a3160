"""From a file's bytes to its text: files that are not text refused with what they are, the
format of a file without a known suffix guessed, and the text decoded (UTF-8, UTF-16 with a BOM,
else the legacy encoding that fits best)."""

from __future__ import annotations

import re

from extract.read_document import Unreadable

# Files given by mistake: what they start with, and what to call them in the message.
MAGIC_BYTES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx/.epub file)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a media file",
}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
_FEED_START = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
# UTF-8 with replacement characters is believed over a legacy encoding when its well-formed
# multi-byte characters outnumber its broken sequences this many times (a stray byte in a UTF-8
# text; a Latin-1 text has almost no well-formed sequence)
UTF8_EVIDENCE_RATIO = 10


def refuse_binary(data: bytes) -> None:
    for magic, name in MAGIC_BYTES.items():
        if data.startswith(magic):
            raise Unreadable(f"this is {name}, not text: convert it to .txt, .html or .jsonl first")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("binary file (it contains NUL bytes), not text: convert it to .txt first")


def sniff_kind(data: bytes) -> str:
    head = data[:2048].decode("utf-8", errors="ignore")
    if _FEED_START.search(head):
        return "feed"
    if re.search(r"<(?:!doctype html|html|body|p)\b", head, re.IGNORECASE):
        return "html"
    return "text"


def decode(data: bytes, html: bool = False) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; else the legacy encoding that fits best."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise Unreadable(f"starts like UTF-16 but is not ({error.reason}): save it as UTF-8") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly
    if html:  # a page that names its charset is believed first
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Unreadable(
            "not UTF-8, and no other text encoding fits its bytes (is it a binary file?): save it as UTF-8"
        )
    return str(best)


def _nearly_utf8(data: bytes) -> str | None:
    """The text as UTF-8 with U+FFFD for its broken sequences, when the rest is clearly UTF-8
    (a stray byte must not turn "Pékin" into cp932's "Pﾃｩkin"); else None."""
    text = data.decode("utf-8-sig", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    well_formed = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return text if well_formed >= UTF8_EVIDENCE_RATIO * broken else None
