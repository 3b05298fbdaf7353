"""An HTML file's bytes to text, as a browser decodes them.

The order is the WHATWG one: a byte-order mark, then the charset the page
declares (``<meta charset>``, ``<meta http-equiv="Content-Type">``, an XML
declaration), its label mapped as the Encoding Standard maps labels
(``latin1`` and ``iso-8859-1`` are windows-1252, ``gb2312`` is GBK, ...);
without a usable declaration, the text path's own detection (UTF-8, UTF-16,
Cyrillic code pages), and last windows-1252, a browser's default. An HTML
file is refused only when it is binary.
"""

from __future__ import annotations

import codecs
import re

from ..loading.decoding import REPLACED, decode

PRESCAN = 4096
"""Bytes searched for a declared charset (the standard's 1024, with room for long heads)."""

_META = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_XML = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)", re.I)

# The Encoding Standard's labels that Python names otherwise, or maps to another codec.
_LABELS = {
    **dict.fromkeys(("latin1", "latin-1", "l1", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "8859-1",
                     "ascii", "us-ascii", "ansi_x3.4-1968", "cp1252", "cp819", "ibm819", "x-cp1252",
                     "windows-1252", "iso-ir-100", "csisolatin1"), "windows-1252"),
    **dict.fromkeys(("latin5", "l5", "iso-8859-9", "iso8859-9", "iso88599", "windows-1254", "cp1254"),
                    "windows-1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11", "iso8859-11", "windows-874", "dos-874"), "windows-874"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "gb_2312-80", "iso-ir-58", "cp936"), "gbk"),
    **dict.fromkeys(("euc-kr", "cseuckr", "ks_c_5601-1987", "windows-949", "korean"), "cp949"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5"), "big5hkscs"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "ms_kanji", "x-sjis", "windows-31j", "csshiftjis"), "cp932"),
    # A page that says UTF-16 in its markup cannot be UTF-16 (the markup was read as ASCII): UTF-8.
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "x-user-defined"), "utf-8"),
    **dict.fromkeys(("utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"), "utf-8"),
}


def label_to_encoding(label: str) -> str | None:
    """The codec a charset label names, the standard's way; None for an unknown label."""
    name = label.strip().lower()
    if name in _LABELS:
        return _LABELS[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(data: bytes) -> str | None:
    """The codec the page declares in its first bytes, if any and known."""
    head = data[:PRESCAN]
    for pattern in (_XML, _META):
        for match in pattern.finditer(head):
            encoding = label_to_encoding(match.group(1).decode("ascii", "replace"))
            if encoding:
                return encoding
    return None


def decode_html(data: bytes, truncated: bool = False) -> tuple[str, str] | str:
    """The page's text and the encoding it was read in, or why it cannot be read (binary only)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, truncated)
    declared = declared_encoding(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    detected = decode(data, truncated)
    if not isinstance(detected, str) or detected.startswith("binary"):
        return detected
    if declared:  # declared but not quite: the declaration wins, bad bytes shown as the replacement character
        return data.decode(declared, "replace"), f"{declared} ({REPLACED})"
    return data.decode("windows-1252", "replace"), "windows-1252"
