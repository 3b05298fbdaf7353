"""Find the files of a corpus and decode them, skipping what cannot be read.

Nothing here raises for a bad file: each one becomes a ``LoadProblem`` with a
reason a person can act on, and the rest of the corpus still loads.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Document, LoadProblem, RawDocument, Source

EXTENSIONS = (".txt", ".md")
MB = 1024 * 1024
MAX_BYTES = 8 * MB
"""Files larger than this are read up to here, with a notice: a reader, not an archive."""

BUNDLED_NAME = "texts"


def bundled_corpus() -> Path:
    """The folder of the bundled corpus: the package's copy, or the checkout's."""
    packaged = Path(__file__).resolve().parent.parent / BUNDLED_NAME
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / BUNDLED_NAME


def displayable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates) become \ufffd."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


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
        shown = displayable(arg)
        if not arg:
            named_problems.append(LoadProblem("''", "an empty path names nothing"))
            continue
        try:
            mode = path.stat().st_mode
        except OSError as error:
            named_problems.append(LoadProblem(shown, _missing_reason(path, error)))
            continue
        if stat.S_ISDIR(mode):
            found = _walk(path, shown, inner_problems)
        elif stat.S_ISREG(mode):
            found = [Source(shown, path)]
        else:
            named_problems.append(LoadProblem(shown, f"{_kind(mode)}, not a file or folder"))
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
            if os.path.islink(file):
                try:
                    file.stat()
                except OSError as error:
                    problems.append(LoadProblem(_shown(root, shown, file), _missing_reason(file, error)))
                    continue
            found.append(Source(_shown(root, shown, file), file))
    return found


def _shown(root: Path, shown: str, file: Path) -> str:
    try:
        relative = file.relative_to(root)
    except ValueError:
        return displayable(str(file))
    return displayable(os.path.join(shown, str(relative)) if str(relative) != "." else shown)


def _missing_reason(path: Path, error: OSError, listed: bool = False) -> str:
    """Why stat() or open() failed: a loop, a dangling link, gone, or what the system says."""
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return "dangling link: its target does not exist"
        return "vanished: it no longer exists" if listed else "no such file or folder"
    return _os_reason(error)


def _kind(mode: int) -> str:
    return ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a folder" if stat.S_ISDIR(mode)
            else "a special file")


def _not_regular(mode: int) -> str:
    return f"not a regular file: {_kind(mode)}"


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop: the link leads back to itself"
    if isinstance(error, FileNotFoundError):
        return "vanished: it no longer exists"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return printable(error.strerror or type(error).__name__).lower()


OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
"""Opening never blocks (a named pipe without a writer) nor adopts a terminal."""


def read(source: Source, max_bytes: int = MAX_BYTES) -> RawDocument | LoadProblem:
    """Read and decode one regular file, or say why it cannot be.

    Only regular files are opened (checked before opening, and again on the open
    file, since it may have changed in between); at most ``max_bytes`` are read.
    """
    try:
        mode = os.stat(source.file).st_mode
        if not stat.S_ISREG(mode):
            return LoadProblem(source.path, _not_regular(mode))
        descriptor = os.open(source.file, OPEN_FLAGS)
        with open(descriptor, "rb", closefd=True) as handle:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                return LoadProblem(source.path, _not_regular(info.st_mode))
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return LoadProblem(source.path, _missing_reason(source.file, error, listed=True))
    truncated = len(data) > max_bytes
    if truncated:
        data = data[:max_bytes]
    if not data.strip():
        return LoadProblem(source.path, "empty file" if not data else "empty file (only white space)")
    decoded = decode(data, truncated=truncated)
    if isinstance(decoded, str):
        return LoadProblem(source.path, decoded)
    text, encoding = decoded
    if truncated:
        text = _whole_lines(text)
    if not text.strip():
        return LoadProblem(source.path, "empty file (only white space)")
    return RawDocument(source.path, text, encoding, size=max(info.st_size, len(data)), truncated=truncated)


def _whole_lines(text: str) -> str:
    """A capped text without its cut last line, when it has enough whole lines before it."""
    end = text.rfind("\n")
    return text[: end + 1] if end >= len(text) // 2 else text


def notices(document: RawDocument | Document) -> list[str]:
    """One-line notes on a document that was read, but not all of it as it is on disk."""
    notes = []
    if document.truncated:
        notes.append(f"larger than {MAX_BYTES // MB} MB; only the first {MAX_BYTES // MB} MB read")
    if REPLACED in document.encoding:
        notes.append(f"decoded as {document.encoding}")
    return notes


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
    lossy = _mostly_utf8(data)
    if lossy:
        return lossy
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
