"""The engine's data: what is read, what cleaning makes of it, what went wrong.

Everything here is plain data. The flow is one way:
``Source`` --load--> ``RawDocument`` --clean--> ``Document``; a ``Corpus`` holds
the documents of one run and the ``LoadProblem`` of every file that was skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read: the path shown to the user and the path on disk."""

    path: str
    file: Path


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A file or command-line path that could not be read, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A decoded file, not yet cleaned."""

    path: str
    text: str
    encoding: str
    size: int = 0
    truncated: bool = False
    page: Any = None
    """An HTML file's parsed page (``corpus.html.reader.HtmlPage``); None for text."""
    notice: str | None = None
    """A one-line note on how the file was read (an ``.html`` file holding plain text)."""

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the raw text that is in neither the title nor the body.

    ``line`` is the 1-based raw line. A whole line has ``paragraph`` None; a
    fragment cut out of a kept line (a name card, an image file name) has the
    index of the paragraph it was cut from and ``offset``, the position in that
    paragraph's text where it stood (-1 for the title). In an HTML page ``line``
    is the block's 1-based position and ``where`` its element's XPath.
    """

    line: int
    text: str
    reason: str
    paragraph: int | None = None
    offset: int | None = None
    where: str | None = None

    @property
    def is_fragment(self) -> bool:
        return self.paragraph is not None


@dataclass(frozen=True, slots=True)
class Card:
    """A hover card cut out of the text: junk in the prose, a fact for the terms.

    ``kind`` is ``"person"`` (a name with a post) or ``"glossary"`` (a term
    with a background note). ``paragraph`` is where the card stood.
    """

    name: str
    role: str | None
    kind: str
    paragraph: int


@dataclass(slots=True)
class Document:
    """A cleaned document: title, metadata, body paragraphs, and what was removed.

    ``paragraph_lines[i]`` is the 1-based raw line where ``paragraphs[i]``
    starts, so the raw view can put removed pieces back in place.
    """

    path: str
    title: str | None = None
    date: str | None = None
    place: str | None = None
    speaker: str | None = None
    source_url: str | None = None
    site: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)
    title_line: int | None = None
    removed: list[Removed] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    encoding: str = "utf-8"
    size: int = 0
    truncated: bool = False
    paragraph_kinds: list[str] = field(default_factory=list)
    """Per paragraph, where the markup said: ``h2``..``h6``, ``list``, ``quote``, ``pre``, ``table``, or ``""``."""
    language: str | None = None
    notice: str | None = None

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def display_title(self) -> str:
        """The title; where there is none, the speaker and the first sentence of the text."""
        if self.title:
            return self.title
        texts = [" ".join(p.split()) for p in self.paragraphs]
        text = next((t for t in texts if len(t.split()) >= 6 and t[-1:] in ".!?…"), None)
        text = text or next((t for t in texts if t), "")
        if not text:
            return self.name
        sentence = re.split(r"(?<=[.!?…])\s", text, maxsplit=1)[0]
        shown = f"{self.speaker}: {sentence}" if self.speaker and self.speaker not in sentence else sentence
        return shown if len(shown) <= 90 else shown[:89].rsplit(" ", 1)[0] + "…"

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    def kind_of(self, index: int) -> str:
        """The markup's kind of paragraph ``index`` (``""`` for a plain one)."""
        return self.paragraph_kinds[index] if index < len(self.paragraph_kinds) else ""

    def to_json(self) -> dict:
        """The document as the contract's ``export --format json`` shows it (HTML pages add
        ``language``, ``paragraph_kinds`` and each removed block's ``xpath``)."""
        data = {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "place": self.place,
            "speaker": self.speaker,
            "source_url": self.source_url,
            "site": self.site,
            "paragraphs": list(self.paragraphs),
            "removed": [
                {"line": r.line, "text": r.text, "reason": r.reason, **({"xpath": r.where} if r.where else {})}
                for r in self.removed
            ],
        }
        if self.paragraph_kinds or self.language:
            data["language"] = self.language
            data["paragraph_kinds"] = [self.kind_of(i) for i in range(len(self.paragraphs))]
        return data


@dataclass(slots=True)
class Corpus:
    """The documents of one run, in order, and the files that were skipped."""

    documents: list[Document] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
