"""Documents named by their symbols: UN resolutions and draft documents.

- ``A/RES/75/240``, ``resolution 75/240``, ``resolution ES-11/1`` (a session/number pair needs the
  word *resolution* or *decision* just before it) are the term ``75/240``, with
  ``A/RES/75/240`` among its spellings;
- ``S/RES/2341 (2017)`` and ``resolution 2341 (2017)``: Security Council resolutions;
- ``A/C.1/76/L.13`` and ``document L.13`` (a bare ``L.13`` needs *document*,
  *draft* or *resolution* just before it): drafts, the term ``L.13``;
- ``A/76/135``: other General Assembly documents.
"""

from __future__ import annotations

import re

from .mentions import Mention

GA_RESOLUTION = re.compile(r"(?<![\w/.-])(?:A/RES/)?(ES-\d{1,2}|\d{1,2})/(\d{1,3})(?![\w/-]|\.\d)")
SC_RESOLUTION = re.compile(r"(?<![\w/.-])(?:S/RES/)?(\d{3,4})\s*\(((?:19|20)\d\d)\)")
DRAFT = re.compile(r"(?<![\w/.-])(?:A/(?:C\.\d/)?\d{2}/)?(L\.\d{1,3}(?:/Rev\.\d)?)(?![\w/-]|\.\d)")
GA_DOCUMENT = re.compile(r"(?<![\w/.-])A/\d{2}/\d{2,4}(?![\w/-]|\.\d)")
CONTEXT = re.compile(r"(?i)(?:resolutions?|decisions?|documents?|drafts?|symbol|A/RES/)[\s\w/.,-]{0,40}$")


def _context(text: str, start: int) -> bool:
    return bool(CONTEXT.search(text[max(0, start - 60):start]))


def symbol_mentions(doc: int, paragraph: int, text: str) -> list[Mention]:
    """The document symbols in one paragraph."""
    if "/" not in text and "L." not in text and "(" not in text:
        return []
    out: list[Mention] = []
    for match in GA_RESOLUTION.finditer(text):
        full = match.group().startswith("A/RES/")
        if full or _context(text, match.start()):
            name = f"{match.group(1)}/{match.group(2)}"
            out.append(Mention("document", f"document:{name}", match.group(), doc, paragraph,
                               match.start(), match.end(), expansion=f"A/RES/{name}", name=name))
    for match in SC_RESOLUTION.finditer(text):
        if match.group().startswith("S/RES/") or _context(text, match.start()):
            name = f"S/RES/{match.group(1)} ({match.group(2)})"
            out.append(Mention("document", f"document:{name.casefold()}", match.group(), doc,
                               paragraph, match.start(), match.end(), expansion=name, name=name))
    for match in DRAFT.finditer(text):
        if match.group() != match.group(1) or _context(text, match.start()):
            name = match.group(1)
            out.append(Mention("document", f"document:{name.casefold()}", match.group(), doc,
                               paragraph, match.start(), match.end(),
                               expansion=match.group() if match.group() != name else None, name=name))
    for match in GA_DOCUMENT.finditer(text):
        out.append(Mention("document", f"document:{match.group().casefold()}", match.group(), doc,
                           paragraph, match.start(), match.end(), name=match.group()))
    return out
