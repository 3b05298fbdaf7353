"""Control characters: what of a document's text may reach a terminal or a JSON file, in one place.

Scraped text and file names carry C0 and C1 controls (an ESC starts a terminal
command), bidirectional controls (U+202E turns the rest of a line around) and,
from undecodable file names or arguments, lone surrogates (not UTF-8 at all).
Each way out has its own helper, all made from the tables below:

- ``printable``: one line of a message or of a command's text output; every
  character that is not printable becomes its escape (``\\x1b``, ``\\u202e``).
- ``visible``: the reader's screen; one character for one (offsets into the
  text stay valid): C0 as its control picture (``␛``), DEL ``␡``, C1 and lone
  surrogates ``\ufffd``, bidi controls ``⇆``; tab and line breaks a space.
- ``inert``: the txt, md and html exports, read with ``cat``; like ``visible``,
  but tab and newline stay and bidi controls are kept (they are part of the text).
- ``json_text``: every JSON the program writes; the exact text, with C1
  controls, DEL, line separators, bidi controls and lone surrogates as ``\\u``
  escapes (``json`` escapes C0 itself), so it is valid UTF-8 and safe to ``cat``.
"""

from __future__ import annotations

import json
import re
from typing import Any

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Arabic letter mark, LRM, RLM, the embeddings and overrides (LRE RLE PDF LRO RLO), the isolates (LRI RLI FSI PDI)."""
BIDI_SYMBOL = "\u21c6"  # ⇆
REPLACEMENT = "\ufffd"
SURROGATES = range(0xD800, 0xE000)


def _c0_pictures(keep: str) -> dict[int, str]:
    """C0 controls to their control pictures (NUL ␀ .. ESC ␛ .. US ␟), DEL to ␡, C1 to \ufffd."""
    table = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in keep}
    table[0x7F] = "\u2421"
    table.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
    return table


def _screen_table() -> dict[int, str]:
    table = _c0_pictures(keep="")
    table.update({ord("\t"): " ", ord("\n"): " ", ord("\r"): " "})
    table.update({ord(ch): BIDI_SYMBOL for ch in BIDI_CONTROLS})
    table.update({code: REPLACEMENT for code in SURROGATES})
    return table


SCREEN = _screen_table()
EXPORT = _c0_pictures(keep="\t\n")


def visible(text: str) -> str:
    """Text for the reader's screen: no control character reaches it, one character stays one."""
    return text.translate(SCREEN)


def inert(text: str) -> str:
    """Text that cannot drive a terminal when a reader ``cat``s an export: controls made visible."""
    return text.translate(EXPORT)


def printable(text: str) -> str:
    """A path, reason or line of output made safe for one line of a terminal: what is not printable escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff]")


def json_text(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON with the exact text; what could drive a terminal or is not UTF-8 as ``\\u`` escapes.

    ``json`` writes every other character as it is (readable Cyrillic) and escapes C0 itself.
    A lone surrogate stays a ``\\udcXX`` escape: valid JSON, and Python reads it back as it was.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
