"""Find the files of a corpus and decode them, skipping what cannot be read.

Nothing here raises for a bad file: each one becomes a ``LoadProblem`` with a
reason a person can act on, and the rest of the corpus still loads.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..controls import printable
from ..model import Document, LoadProblem, RawDocument, Source
from .decoding import REPLACED, decode

EXTENSIONS = (".txt", ".md", ".html", ".htm", ".xhtml")
MB = 1024 * 1024
MAX_BYTES = 8 * MB
"""Files larger than this are read up to here, with a notice: a reader, not an archive."""

BUNDLED_NAME = "texts"


def bundled_corpus() -> Path:
    """The folder of the bundled corpus: the package's copy, or the checkout's."""
    packaged = Path(__file__).resolve().parents[2] / BUNDLED_NAME
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[4] / BUNDLED_NAME


def displayable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates) become \ufffd."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def discover(paths: Iterable[str]) -> tuple[list[Source], list[LoadProblem], list[LoadProblem]]:
    """List the files named, and those of the folders named (recursively).

    Returns the sources in a stable order, problems with paths named on the
    command line (fatal for the contract's exit status: one that does not exist,
    a named file that cannot be read, a named folder that cannot be listed), and
    problems with entries found inside folders (warnings).
    """
    named_problems: list[LoadProblem] = []
    inner_problems: list[LoadProblem] = []
    sources = list(each_source(paths, named_problems, inner_problems))
    return sources, named_problems, inner_problems


def each_source(paths: Iterable[str], named_problems: list[LoadProblem],
                inner_problems: list[LoadProblem]) -> Iterator[Source]:
    """``discover``'s sources one at a time, as the folders are walked; the problems go to the lists given."""
    paths = list(paths)
    if not paths:
        yield from _walk(bundled_corpus(), BUNDLED_NAME, inner_problems)
        return
    seen: set[str] = set()
    for arg in paths:
        path = Path(arg)
        shown = displayable(arg)
        if not arg:
            named_problems.append(LoadProblem("''", "an empty path names nothing"))
            continue
        if arg == "-":  # standard input (stdin.py), once
            from .stdin import STDIN_NAME, spool_stdin

            path, shown = spool_stdin(), STDIN_NAME
        try:
            mode = path.stat().st_mode
        except OSError as error:
            named_problems.append(LoadProblem(shown, _missing_reason(path, error)))
            continue
        found: Iterable[Source]
        if stat.S_ISDIR(mode):
            found = _walk(path, shown, inner_problems, named_problems)
        elif stat.S_ISREG(mode):
            problem = _first_byte_problem(path)
            if problem:
                named_problems.append(LoadProblem(shown, problem))
                continue
            found = [Source(shown, path)]
        else:
            named_problems.append(LoadProblem(shown, f"{file_kind(mode)}, not a file or folder"))
            continue
        for source in found:
            key = _identity(source.file)
            if key not in seen:
                seen.add(key)
                yield source


def problems_of_named(paths: Iterable[str]) -> list[LoadProblem]:
    """The problems of the paths named themselves, without walking the folders past their first level:
    each must exist, a file must give its first byte, a folder must list."""
    problems: list[LoadProblem] = []
    for arg in paths:
        if arg == "-":
            continue  # standard input is checked as it is spooled
        for _ in each_source([arg], problems, []):
            break  # a folder that lists gives its first file, or nothing: either way it is fine
    return problems


def first_readable(paths: Iterable[str]) -> Source | None:
    """The first source, in the corpus's order, that reads as a document (None: there is none)."""
    for source in each_source(paths, [], []):
        if isinstance(read(source), RawDocument):
            return source
    return None


def _identity(path: Path) -> str:
    """The file a path leads to (``Path.resolve``'s path, without its objects: a corpus has many)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def _first_byte_problem(path: Path) -> str | None:
    """Why a named file cannot be read (it must open and give its first byte), or None."""
    try:
        descriptor = os.open(path, OPEN_FLAGS)
        try:
            os.read(descriptor, 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        return _missing_reason(path, error, listed=True)
    return None


def _walk(root: Path, shown: str, problems: list[LoadProblem],
          root_problems: list[LoadProblem] | None = None) -> Iterator[Source]:
    """The corpus files below root, sorted; links to folders are not followed (no loops).

    Problems go to ``problems``, except that root itself cannot be listed: to ``root_problems`` if given.
    """
    def on_error(error: OSError) -> None:
        where = error.filename or str(root)
        named = root_problems is not None and where == str(root)
        (root_problems if named else problems).append(  # type: ignore[union-attr]
            LoadProblem(_shown(root, shown, Path(where)), _os_reason(error)))

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        inside = _inside(root, shown, base)
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(EXTENSIONS):
                continue
            file = base / name
            if os.path.islink(file):
                try:
                    file.stat()
                except OSError as error:
                    problems.append(LoadProblem(_shown(root, shown, file), _missing_reason(file, error)))
                    continue
            where = _shown(root, shown, file) if inside is None else displayable(os.path.join(inside, name))
            yield Source(where, file)


def _inside(root: Path, shown: str, folder: Path) -> str | None:
    """What the files of a folder below root are shown under (``_shown`` of each, made once a folder)."""
    try:
        relative = folder.relative_to(root)
    except ValueError:
        return None
    return os.path.join(shown, str(relative)) if str(relative) != "." else shown


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


def file_kind(mode: int) -> str:
    return ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a folder" if stat.S_ISDIR(mode)
            else "a special file")


def _not_regular(mode: int) -> str:
    return f"not a regular file: {file_kind(mode)}"


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
    if source.file.name.lower().endswith(EXTENSIONS[2:]):
        from ..html.load import read_html  # on first use: reading text never imports the HTML parser

        return read_html(source.path, data, truncated, max(info.st_size, len(data)))
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
    if document.notice:
        notes.append(document.notice)
    return notes
