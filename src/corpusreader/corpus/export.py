"""The cleaned documents as plain text, Markdown, HTML, JSON and JSON Lines.

Rendering is pure (documents in, text out); ``export_files`` puts it on disk
through ``safe_write`` (atomic, exclusive unless forced, only over regular
files), never into the corpus (``export_guard``).
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .controls import inert, json_text
from .export_guard import CorpusGuard
from .loading.files import printable
from .model import Document
from .safe_write import (
    ExportError,
    Identity,
    check_replaceable,
    remove_created,
    remove_stale_temporaries,
    write_atomic,
    write_file,
)
from .speakers import speaker_end

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = ["ExportError", "export_files", "output_names", "render_one", "render_stream", "safe_stem",
           "write_atomic"]

FORMATS = ("txt", "md", "html", "json", "jsonl")
PER_DOCUMENT = ("txt", "md", "html")
SEPARATOR = "* * *"


# -- rendering -------------------------------------------------------------------------


def inert_document(document: Document) -> Document:
    """A copy of the document for txt, md and html, its text made ``inert``."""
    fields = {name: getattr(document, name) for name in ("title", "date", "place", "speaker", "source_url")}
    fields = {name: inert(value) if value else value for name, value in fields.items()}
    return Document(path=document.path, paragraphs=[inert(p) for p in document.paragraphs], site=document.site,
                    paragraph_kinds=list(document.paragraph_kinds), **fields)


def metadata_pairs(document: Document) -> list[tuple[str, str]]:
    pairs = [
        ("Date", document.date),
        ("Place", document.place),
        ("Speaker", document.speaker),
        ("Source", document.source_url),
    ]
    return [(label, value) for label, value in pairs if value]


def to_text(document: Document) -> str:
    """Plain text: the title, a metadata line or two, the paragraphs."""
    document = inert_document(document)
    lines: list[str] = []
    if document.title:
        lines += [document.title, "=" * min(len(document.title), 72)]
    for label, value in metadata_pairs(document):
        lines.append(f"{label}: {value}")
    if lines:
        lines.append("")
    lines.append("\n\n".join(document.paragraphs))
    return "\n".join(lines).rstrip() + "\n"


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def md_escape(text: str) -> str:
    """Text that Markdown renders as typed: no emphasis, strike-through, links, HTML, entities, code
    (fences and indented lines), tables or lists. A line's indent, which Markdown drops, goes."""
    text = _MD_INLINE.sub(r"\\\1", text)
    return "\n".join(_MD_BLOCK_START.sub(_escape_block_marker, line.lstrip(" \t")) for line in text.split("\n"))


def _escape_block_marker(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker[0].isdigit():
        return match.group(1) + marker[:-1] + "\\" + marker[-1]
    return match.group(1) + "\\" + marker


_PLAIN_URL = re.compile(r"https?://[^\s<>()\[\]`\\\"']+")


def _md_value(label: str, value: str) -> str:
    """A metadata value in Markdown: the source URL as a link (an autolink: HTML makes it ``<a>``)."""
    if label == "Source" and _PLAIN_URL.fullmatch(value):
        return f"<{value}>"
    return md_escape(value)


def md_paragraph(paragraph: str) -> str:
    """A paragraph in Markdown, a speaker line's name in bold (``**Vladimir Putin:** Good afternoon``)."""
    end = speaker_end(paragraph)
    if not end or not paragraph[:end].strip():
        return md_escape(paragraph)
    rest = paragraph[end:].lstrip(" \t")
    return f"**{md_escape(paragraph[:end].strip())}**" + (f" {md_escape(rest)}" if rest else "")


def to_markdown(document: Document) -> str:
    document = inert_document(document)
    parts: list[str] = []
    if document.title:
        parts.append("# " + md_escape(document.title))
    meta = metadata_pairs(document)
    if meta:
        parts.append("\n".join(f"- **{label}:** {_md_value(label, value)}" for label, value in meta))
    for index, paragraph in enumerate(document.paragraphs):
        kind = document.kind_of(index)
        if kind == "list" and index and document.kind_of(index - 1) == "list":
            parts[-1] += "\n" + md_structured(paragraph, kind)  # one list, not a list an item
            continue
        parts.append("---" if paragraph.strip() == SEPARATOR else md_structured(paragraph, kind))
    return "\n\n".join(parts) + "\n"


def md_structured(paragraph: str, kind: str) -> str:
    """A paragraph in Markdown as the page's markup had it: a heading, a list item, a quote, preformatted."""
    if kind.startswith("h") and kind[1:].isdigit():
        return "#" * max(2, int(kind[1:])) + " " + md_escape(" ".join(paragraph.split()))
    if kind == "list":
        return "- " + md_paragraph(" ".join(paragraph.split()))
    if kind == "quote":
        return "\n".join("> " + md_paragraph(line) for line in paragraph.splitlines() if line.strip())
    if kind == "pre":
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", paragraph)), default=0))
        return f"{fence}\n{paragraph}\n{fence}"
    return md_paragraph(paragraph)


_STYLE = """
body { max-width: 44em; margin: 2em auto; padding: 0 1em; line-height: 1.55;
       font-family: Georgia, 'Times New Roman', serif; color: #1d1d1d; background: #fdfdfb; }
h1 { font-size: 1.5em; line-height: 1.25; }
ul.meta { list-style: none; padding: 0; color: #555; font-size: 0.95em; }
article + article { border-top: 1px solid #ccc; margin-top: 3em; }
hr { border: none; text-align: center; }
hr::after { content: "* * *"; color: #777; }
"""


def _markdown_renderer() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # "js-default": CommonMark with raw HTML off, so markup in a document shows as typed.
    return MarkdownIt("js-default")


def to_html(documents: Sequence[Document], title: str | None = None) -> str:
    """A complete standalone HTML page of the documents, rendered from their Markdown."""
    renderer = _markdown_renderer()
    articles = []
    for document in documents:
        body = renderer.render(to_markdown(document))
        body = body.replace("<ul>", '<ul class="meta">', 1) if metadata_pairs(document) else body
        articles.append(f"<article>\n{body}</article>")
    page_title = inert(title or (documents[0].display_title if len(documents) == 1 else "corpusreader export"))
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(page_title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(articles)
        + "\n</body>\n</html>\n"
    )


def to_json(documents: Sequence[Document], terms: list[dict] | None = None) -> str:
    payload = {"documents": [d.to_json() for d in documents], "terms": terms or []}
    return json_text(payload, indent=1) + "\n"


def to_jsonl(documents: Iterable[Document]) -> str:
    return "".join(json_text(d.to_json()) + "\n" for d in documents)


def render_one(document: Document, fmt: str) -> str:
    if fmt == "txt":
        return to_text(document)
    if fmt == "md":
        return to_markdown(document)
    if fmt == "html":
        return to_html([document])
    if fmt == "jsonl":
        return to_jsonl([document])
    if fmt == "json":
        return to_json([document])
    raise ExportError(f"unknown format {fmt!r}")


def render_stream(documents: Sequence[Document], fmt: str, terms: list[dict] | None = None) -> str:
    """All documents as one text, for standard output or a single file."""
    if fmt == "json":
        return to_json(documents, terms)
    if fmt == "jsonl":
        return to_jsonl(documents)
    if fmt == "html":
        return to_html(documents)
    rendered = [render_one(d, fmt) for d in documents]
    if len(rendered) <= 1:
        return "".join(rendered)
    if fmt == "md":
        return "\n---\n\n".join(rendered)
    return "\n".join(f"==> {printable(d.path)} <==\n{text}" for d, text in zip(documents, rendered))


# -- writing ---------------------------------------------------------------------------

STEM_BYTES = 120
"""A stem's UTF-8 length: with the extension, a counter and the temporary file's
prefix and suffix it stays under the 255 bytes a file name may have."""
RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def safe_stem(document_path: str) -> str:
    """A file name stem from a document's path that cannot leave a folder, hide, or overflow.

    Only letters, digits, ``.``, ``-`` and ``_`` stay (NFC, so one name has one
    spelling); no leading dot or dash; at most ``STEM_BYTES`` bytes of UTF-8.
    """
    stem = Path(document_path.replace("\\", "/")).stem
    stem = unicodedata.normalize("NFC", stem)
    stem = re.sub(r"[^\w.-]+", "_", stem, flags=re.UNICODE).strip("._-")
    while len(stem.encode("utf-8")) > STEM_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip("._-")
    if not stem or stem.split(".")[0].lower() in RESERVED:
        stem = f"document_{stem}".rstrip("._-")
    return stem


def output_names(documents: Sequence[Document], fmt: str) -> list[str]:
    """One distinct, safe file name a document (distinct even ignoring case)."""
    names: list[str] = []
    taken: set[str] = set()
    for document in documents:
        stem = safe_stem(document.path)
        name, n = f"{stem}.{fmt}", 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}.{fmt}"
        taken.add(name.casefold())
        names.append(name)
    return names


def export_files(
    documents: Sequence[Document],
    fmt: str,
    target: Path,
    inputs: Iterable[Path] = (),
    force: bool = False,
    terms: list[dict] | None = None,
    into_folder: bool = False,
) -> list[Path]:
    """Write the documents to a file or a folder; returns the paths written.

    txt, md and html go to a folder (one file a document) unless ``target`` ends
    in the format's extension and is not a folder; ``into_folder`` makes it a
    folder whatever its name. Nothing is written into the corpus (``inputs``),
    an existing file is replaced only with ``force`` and only if it is a regular
    file, and an export that fails takes back the files it created.
    """
    guard = CorpusGuard.of(inputs)
    as_folder = fmt in PER_DOCUMENT and (into_folder or target.is_dir() or target.suffix.lower() != f".{fmt}")
    created: list[tuple[Path, Identity]] = []
    try:
        if not as_folder:
            guard.check_file(target)
            write_atomic(target, render_stream(documents, fmt, terms), force, protected=guard.files, created=created)
            return [target]
        guard.check_folder(target)
        paths = [target / name for name in output_names(documents, fmt)]
        _check_names(paths, force, guard)
        target.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target)
        for document, path in zip(documents, paths):
            write_file(path, render_one(document, fmt), force, guard.files, created=created)
    except BaseException:  # an error, Ctrl-C, SIGTERM: the files this export created go again
        remove_created(created)
        raise
    return paths


def _check_names(paths: list[Path], force: bool, guard: CorpusGuard) -> None:
    """Before anything is written: with ``force`` every existing name must be a replaceable
    regular file, without it no name may exist."""
    if force:
        for path in paths:
            check_replaceable(path, guard.files)
        return
    existing = [p for p in paths if os.path.lexists(p)]
    if existing:
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        raise ExportError(f"{existing[0]}{more} exist (use --force to overwrite)")
