"""``-`` as a PATH: a document read from standard input (``curl … | corpusreader -``).

Standard input is copied once, at most ``MAX_BYTES`` and a byte (the reading
truncates with its notice, as for a file), into a private temporary file (mode
0600, in a folder of its own, removed at exit), so the loader, the cache and the
workers read it like any file. The document is named ``<stdin>``. Never written
into a corpus folder.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .files import MAX_BYTES

STDIN_ARG = "-"
STDIN_NAME = "<stdin>"
CHUNK = 1 << 16

_spooled: Path | None = None


def spool_stdin() -> Path:
    """The file holding what standard input gave (copied on the first call; the same file after)."""
    global _spooled
    if _spooled is not None:
        return _spooled
    folder = Path(tempfile.mkdtemp(prefix="corpusreader-stdin-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "stdin.txt"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(descriptor, "wb") as out:
        source = sys.stdin.buffer if sys.stdin is not None else None
        left = MAX_BYTES + 1
        while source is not None and left > 0:
            chunk = source.read(min(CHUNK, left))
            if not chunk:
                break
            out.write(chunk)
            left -= len(chunk)
    _spooled = path
    return path


def reattach_terminal() -> bool:
    """After standard input was read, make the terminal the reader's input again (file 0).
    False if there is no terminal to read keys from."""
    try:
        descriptor = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        os.dup2(descriptor, 0)
    finally:
        os.close(descriptor)
    return True
