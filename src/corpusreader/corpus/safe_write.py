"""Writing a file so that nothing is ever lost: atomic, exclusive unless forced, only over regular files.

A file is written to a temporary in its folder (``.corpusreader-HOST-PID-RANDOM.part``,
with the mode the umask gives), synced, then put in place: with ``os.link``, which
fails if the name exists (a file that must not be overwritten is created
exclusively, never checked and then written), or, when forced, with ``os.replace``
over a regular file only. A temporary whose writer has died (killed before it
could clean up) is removed by the next write into that folder.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import socket
import stat
from collections.abc import Collection
from pathlib import Path

Identity = tuple[int, int]
"""A file's device and inode: what names it, whatever the path."""

PREFIX = ".corpusreader-"
STALE = re.compile(r"\.corpusreader-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-[0-9a-f]{8}\.part")
FILE_MODE = 0o666
"""The mode of a new file before the umask, as any program's."""


class ExportError(Exception):
    """An export that cannot be done, with a one-line reason."""


def identity(status: os.stat_result) -> Identity:
    return status.st_dev, status.st_ino


def _host() -> str:
    return hashlib.blake2b(socket.gethostname().encode("utf-8", "replace"), digest_size=4).hexdigest()


def temp_name(pid: int | None = None) -> str:
    """A temporary's name: its writer's host and pid (so a later run knows it stale), and a random part."""
    return f"{PREFIX}{_host()}-{os.getpid() if pid is None else pid}-{secrets.token_hex(4)}.part"


def _writer_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporaries of writers on this host that are gone; returns how many."""
    host, removed = _host(), 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        match = STALE.fullmatch(name)
        if not match or match.group("host") != host or _writer_is_alive(int(match.group("pid"))):
            continue
        try:
            if stat.S_ISREG(os.lstat(folder / name).st_mode):
                os.unlink(folder / name)
                removed += 1
        except OSError:
            pass
    return removed


def check_replaceable(path: Path, protected: Collection[Identity] = ()) -> bool:
    """Whether ``path`` exists; raises if it does and is not a regular file, or is a protected one."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(status.st_mode):
        raise ExportError(f"{path} is a folder")
    if not stat.S_ISREG(status.st_mode):
        raise ExportError(f"{path} is not a regular file: refusing to replace it")
    if identity(status) in protected:
        raise ExportError(f"{path} is an input file: refusing to write over it")
    return True


def _exists_error(path: Path) -> ExportError:
    return ExportError(f"{path} exists (use --force to overwrite)")


def write_file(path: Path, text: str, force: bool = False, protected: Collection[Identity] = (),
               mode: int = FILE_MODE, created: list[tuple[Path, Identity]] | None = None) -> None:
    """Write ``text`` to ``path`` atomically. Without ``force`` an existing name is never overwritten;
    with it, only a regular file that is not ``protected`` is replaced. A new file is noted in
    ``created`` (before it gets its name, so an interruption cannot miss it) for ``remove_created``."""
    exists = check_replaceable(path, protected)  # a folder, a FIFO or an input: refused, forced or not
    if exists and not force:
        raise _exists_error(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / temp_name()
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
            made = identity(os.fstat(out.fileno()))
        _put_in_place(temporary, path, made, force, exists, protected, created)
    finally:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _put_in_place(temporary: Path, path: Path, made: Identity, force: bool, exists: bool,
                  protected: Collection[Identity], created: list[tuple[Path, Identity]] | None) -> None:
    """Replace a regular file (forced), or give the temporary a free name, noted first in ``created``."""
    if force and exists:
        check_replaceable(path, protected)
        os.replace(temporary, path)
        return
    if created is not None:
        created.append((path, made))
    try:
        _link_exclusively(temporary, path)
    except FileExistsError:
        if not force:
            raise _exists_error(path) from None
        check_replaceable(path, protected)
        os.replace(temporary, path)


def _link_exclusively(temporary: Path, path: Path) -> None:
    """Give the finished temporary the name, which must not exist. Where hard links are not
    supported the name is first claimed with O_EXCL, then the temporary renamed over the claim."""
    try:
        os.link(temporary, path)
        return
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.replace(temporary, path)


def write_atomic(path: Path, text: str, force: bool = False, mode: int = FILE_MODE,
                 protected: Collection[Identity] = (), created: list[tuple[Path, Identity]] | None = None) -> None:
    """Write one file safely (see ``write_file``), first removing dead writers' temporaries beside it."""
    remove_stale_temporaries(path.parent)
    write_file(path, text, force, protected, mode, created)


def remove_created(created: list[tuple[Path, Identity]]) -> None:
    """Take back files this run created, each only if its name still holds the very file written."""
    for path, made in created:
        try:
            if identity(os.lstat(path)) == made:
                os.unlink(path)
        except OSError:
            pass
