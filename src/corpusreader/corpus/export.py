"""The cleaned documents as plain text, Markdown, HTML, JSON and JSON Lines.

Rendering is pure (documents in, text out); ``write_atomic`` and
``export_files`` put it on disk without ever leaving a half-written file or
touching the corpus.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from .controls import inert, json_text
from .loading.files import printable
from .model import Document

FORMATS = ("txt", "md", "html", "json", "jsonl")
PER_DOCUMENT = ("txt", "md", "html")
SEPARATOR = "* * *"


class ExportError(Exception):
    """An export that cannot be done, with a one-line reason."""


# -- rendering -------------------------------------------------------------------------


def inert_document(document: Document) -> Document:
    """A copy of the document for txt, md and html, its text made ``inert``."""
    fields = {name: getattr(document, name) for name in ("title", "date", "place", "speaker", "source_url")}
    fields = {name: inert(value) if value else value for name, value in fields.items()}
    return Document(path=document.path, paragraphs=[inert(p) for p in document.paragraphs], site=document.site,
                    **fields)


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


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def md_escape(text: str) -> str:
    """Text that Markdown renders as typed: no emphasis, links, HTML or lists."""
    text = _MD_INLINE.sub(r"\\\1", text)
    return "\n".join(_MD_BLOCK_START.sub(_escape_block_marker, line) for line in text.split("\n"))


def _escape_block_marker(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker[0].isdigit():
        return match.group(1) + marker[:-1] + "\\" + marker[-1]
    return match.group(1) + "\\" + marker


def to_markdown(document: Document) -> str:
    document = inert_document(document)
    parts: list[str] = []
    if document.title:
        parts.append("# " + md_escape(document.title))
    meta = metadata_pairs(document)
    if meta:
        parts.append("\n".join(f"- **{label}:** {md_escape(value)}" for label, value in meta))
    for paragraph in document.paragraphs:
        parts.append("---" if paragraph.strip() == SEPARATOR else md_escape(paragraph))
    return "\n\n".join(parts) + "\n"


_STYLE = """
body { max-width: 44em; margin: 2em auto; padding: 0 1em; line-height: 1.55;
       font-family: Georgia, 'Times New Roman', serif; color: #1d1d1d; background: #fdfdfb; }
h1 { font-size: 1.5em; line-height: 1.25; }
ul.meta { list-style: none; padding: 0; color: #555; font-size: 0.95em; }
article + article { border-top: 1px solid #ccc; margin-top: 3em; }
hr { border: none; text-align: center; }
hr::after { content: "* * *"; color: #777; }
"""


def _markdown_renderer():
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


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write through a temporary file in the same folder and a rename."""
    if path.exists() and not force:
        raise ExportError(f"{path} exists (use --force to overwrite)")
    if path.is_dir():
        raise ExportError(f"{path} is a folder")
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


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


def check_target(target: Path, inputs: Iterable[Path]) -> None:
    """Refuse a target that is an input or lies inside an input folder."""
    resolved = target.resolve()
    for source in inputs:
        source = source.resolve()
        if resolved == source and source.is_dir():
            raise ExportError(f"{target} is the corpus folder: refusing to write there")
        if resolved == source:
            raise ExportError(f"{target} is an input file: refusing to write over it")
        if source.is_dir() and resolved.is_relative_to(source):
            raise ExportError(f"{target} is inside the corpus folder {source}: refusing to write there")


def export_files(
    documents: Sequence[Document],
    fmt: str,
    target: Path,
    inputs: Iterable[Path] = (),
    force: bool = False,
    terms: list[dict] | None = None,
) -> list[Path]:
    """Write the documents to a file or a folder; returns the paths written."""
    inputs = list(inputs)
    check_target(target, inputs)
    as_folder = fmt in PER_DOCUMENT and (target.is_dir() or target.suffix.lower() != f".{fmt}")
    if not as_folder:
        write_atomic(target, render_stream(documents, fmt, terms), force)
        return [target]
    names = output_names(documents, fmt)
    paths = [target / name for name in names]
    for path in paths:  # an input file may sit in the output folder: never replace it, even with --force
        check_target(path, inputs)
    if not force:
        existing = [p for p in paths if p.exists()]
        if existing:
            more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
            raise ExportError(f"{existing[0]}{more} exist (use --force to overwrite)")
    for document, path in zip(documents, paths):
        write_atomic(path, render_one(document, fmt), force=True)
    return paths
