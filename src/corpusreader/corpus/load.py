"""Find the files of a corpus and decode them, skipping what cannot be read.

Nothing here raises for a bad file: each one becomes a ``LoadProblem`` with a
reason a person can act on, and the rest of the corpus still loads.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import LoadProblem, RawDocument, Source

EXTENSIONS = (".txt", ".md")
MAX_BYTES = 8 * 1024 * 1024
"""Files larger than this are read up to here, with a notice: a reader, not an archive."""

BUNDLED_NAME = "texts"


def bundled_corpus() -> Path:
    """The folder of the bundled corpus: the package's copy, or the checkout's."""
    packaged = Path(__file__).resolve().parent.parent / BUNDLED_NAME
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / BUNDLED_NAME


def printable(text: str) -> str:
    """A path or reason made safe for one line of a terminal: control characters escaped."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def discover(paths: Iterable[str]) -> tuple[list[Source], list[LoadProblem], list[LoadProblem]]:
    """List the files named, and those of the folders named (recursively).

    Returns the sources in a stable order, problems with paths named on the
    command line (fatal for the contract's exit status), and problems with
    entries found inside folders (warnings).
    """
    sources: list[Source] = []
    named_problems: list[LoadProblem] = []
    inner_problems: list[LoadProblem] = []
    paths = list(paths)
    if not paths:
        root = bundled_corpus()
        sources.extend(_walk(root, BUNDLED_NAME, inner_problems))
        return sources, named_problems, inner_problems
    seen: set[Path] = set()
    for arg in paths:
        path = Path(arg)
        try:
            if path.is_dir():
                found = _walk(path, arg, inner_problems)
            elif path.is_file():
                found = [Source(arg, path)]
            elif path.is_symlink():
                named_problems.append(LoadProblem(arg, "dangling link: its target does not exist"))
                continue
            elif path.exists():
                named_problems.append(LoadProblem(arg, "not a regular file or folder"))
                continue
            else:
                named_problems.append(LoadProblem(arg, "no such file or folder"))
                continue
        except OSError as error:
            named_problems.append(LoadProblem(arg, _os_reason(error)))
            continue
        for source in found:
            key = _identity(source.file)
            if key not in seen:
                seen.add(key)
                sources.append(source)
    return sources, named_problems, inner_problems


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _walk(root: Path, shown: str, problems: list[LoadProblem]) -> list[Source]:
    """The corpus files below root, sorted; links to folders are not followed (no loops)."""
    found: list[Source] = []

    def on_error(error: OSError) -> None:
        where = error.filename or str(root)
        problems.append(LoadProblem(_shown(root, shown, Path(where)), _os_reason(error)))

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(EXTENSIONS):
                continue
            file = Path(folder) / name
            if file.is_symlink() and not file.exists():
                problems.append(LoadProblem(_shown(root, shown, file), "dangling link: its target does not exist"))
                continue
            found.append(Source(_shown(root, shown, file), file))
    return found


def _shown(root: Path, shown: str, file: Path) -> str:
    try:
        relative = file.relative_to(root)
    except ValueError:
        return str(file)
    return os.path.join(shown, str(relative)) if str(relative) != "." else shown


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "vanished: it no longer exists"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return printable(error.strerror or type(error).__name__).lower()


def read(source: Source, max_bytes: int = MAX_BYTES) -> RawDocument | LoadProblem:
    """Read and decode one file, or say why it cannot be."""
    try:
        with open(source.file, "rb") as handle:
            data = handle.read(max_bytes + 1)
            size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        return LoadProblem(source.path, _os_reason(error))
    truncated = len(data) > max_bytes
    if truncated:
        data = data[:max_bytes]
    if not data.strip():
        return LoadProblem(source.path, "empty file" if not data else "empty file (only white space)")
    decoded = decode(data, truncated=truncated)
    if isinstance(decoded, str):
        return LoadProblem(source.path, decoded)
    text, encoding = decoded
    if not text.strip():
        return LoadProblem(source.path, "empty file (only white space)")
    return RawDocument(source.path, text, encoding, size=max(size, len(data)), truncated=truncated)


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
    if b"\x00" in data:
        return "binary file (contains NUL bytes)"
    utf8 = _strict(data, "utf-8", truncated)
    if utf8:
        return utf8
    if _binary_like(data):
        return "binary file (not text)"
    legacy = _legacy_cyrillic(data)
    if legacy:
        return legacy
    return "undecodable: not UTF-8, UTF-16 or a Cyrillic code page"


def _strict(data: bytes, encoding: str, truncated: bool) -> tuple[str, str] | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        # A cap may cut a multi-byte character in two: forgive its last bytes only.
        if truncated and error.start >= len(data) - 4:
            return _strict(data[: error.start], encoding, False)
        return None
    if "\x00" in text:
        return None
    return text, encoding


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
        return ch.isspace() or (ch.isprintable() and (code < 0x250 or 0x400 <= code <= 0x4FF or 0x2000 <= code <= 0x206F))

    return sum(map(plain, text)) / len(text) if text else 0.0


def _binary_like(data: bytes) -> bool:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


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


def read_all(sources: Iterable[Source]) -> Iterator[RawDocument | LoadProblem]:
    for source in sources:
        yield read(source)
