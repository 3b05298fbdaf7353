"""Bytes to text: UTF-8 (with or without BOM, or with a few bad bytes), UTF-16
(with a BOM, or recognised by its zero bytes), and the Cyrillic code pages
cp1251 and KOI8-R where the result reads as Russian. Anything else is refused
with a reason rather than guessed."""

from __future__ import annotations

import codecs


def decode(data: bytes, truncated: bool = False) -> tuple[str, str] | str:
    """The text and its encoding, or the reason it cannot be decoded.

    UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised by its
    zero bytes), and legacy Cyrillic code pages where the result reads as
    Cyrillic. Anything else is refused rather than guessed.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", truncated) or "undecodable: invalid UTF-8 after a UTF-8 byte-order mark"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", truncated) or "undecodable: invalid UTF-16 after a byte-order mark"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, truncated) or f"undecodable: looks like {utf16.upper()} but is not"
    if b"\x00" in data and _binary_like(data):
        return "binary file (contains NUL bytes)"
    utf8 = _strict(data, "utf-8", truncated, nul=True)
    if utf8:
        return utf8
    if _binary_like(data):
        return "binary file (not text)"
    lossy = _mostly_utf8(data)
    if lossy:
        return lossy
    legacy = _legacy_cyrillic(data)
    if legacy:
        return legacy
    return "undecodable: not UTF-8, UTF-16 or a Cyrillic code page"


def _strict(data: bytes, encoding: str, truncated: bool, nul: bool = False) -> tuple[str, str] | None:
    """``data`` decoded, or None; a NUL in the text (unless ``nul``) means the encoding was a wrong guess."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        # A cap may cut a multi-byte character in two: forgive its last bytes only.
        if truncated and error.start >= len(data) - 4:
            return _strict(data[: error.start], encoding, False, nul)
        return None
    if "\x00" in text and not nul:
        return None
    return text, encoding


REPLACED = "invalid bytes shown as \ufffd"


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes: decoded with each bad byte as \ufffd, when the valid
    non-ASCII characters outnumber the bad bytes at least two to one (a Latin-1 or
    cp1251 file has almost no valid UTF-8 sequence)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 127) - bad
    if valid < 1 or valid < 2 * bad:
        return None
    return text, f"utf-8 ({bad} {REPLACED})"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, when one byte order reads as ordinary text."""
    if b"\x00" not in data[:4096] or len(data) < 4:
        return None
    sample = data[: 4096 - 4096 % 2] if len(data) > 4096 else data[: len(data) - len(data) % 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plain_text_share(text) >= 0.95:
            return encoding
    return None


def _plain_text_share(text: str) -> float:
    def plain(ch: str) -> bool:
        code = ord(ch)
        return ch.isspace() or (ch.isprintable()
                                and (code < 0x250 or 0x400 <= code <= 0x4FF or 0x2000 <= code <= 0x206F))

    return sum(map(plain, text)) / len(text) if text else 0.0


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")
BINARY_SHARE = 0.02
"""More control bytes than this (NUL, ...; not tab, line breaks or ESC) and a file is binary, as
``file`` and ``less`` judge: by their share, so one stray NUL in prose does not make it binary."""
SAMPLE = 8192


def _binary_like(data: bytes) -> bool:
    """Control bytes above ``BINARY_SHARE`` in the first ``SAMPLE`` bytes (a binary header) or in the whole."""
    def share(part: bytes) -> float:
        return (len(part) - len(part.translate(None, _CONTROL_BYTES))) / len(part) if part else 0.0

    return share(data[:SAMPLE]) > BINARY_SHARE or share(data) > BINARY_SHARE


def _legacy_cyrillic(data: bytes) -> tuple[str, str] | None:
    """cp1251 or KOI8-R, whichever reads as Russian: mostly lower-case Cyrillic letters."""
    best: tuple[float, str, str] | None = None
    for encoding in ("cp1251", "koi8-r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        high = [ch for ch in text if ord(ch) > 127]
        letters = [ch for ch in high if "\u0400" <= ch <= "\u04ff"]
        if not high or len(letters) < 0.85 * len(high):
            continue
        if _mixed_script_words(text) > 0.05:
            continue  # Latin letters glued to "Cyrillic" ones: another code page misread
        lower = sum(ch.islower() for ch in letters) / len(letters)
        if lower >= 0.6 and (best is None or lower > best[0]):
            best = (lower, text, encoding)
    if best is None:
        return None
    return best[1], best[2]


def _mixed_script_words(text: str) -> float:
    """The share of words with non-ASCII letters that mix Latin and Cyrillic letters."""
    mixed = total = 0
    for word in text.split():
        if any(ord(ch) > 127 for ch in word):
            total += 1
            has_latin = any("a" <= ch.lower() <= "z" for ch in word)
            has_cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in word)
            mixed += has_latin and has_cyrillic
    return mixed / total if total else 0.0
