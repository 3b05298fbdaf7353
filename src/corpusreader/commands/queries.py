"""The queries file of ``search --queries FILE``: one query a line, read as a stream with caps.

FILE is a regular file, a pipe (a named pipe, or a shell's ``<(command)``) or
``-`` for standard input; anything else (a device such as ``/dev/zero``, a
folder) is refused. At most ``MAX_BYTES`` are read, ``MAX_QUERIES`` queries of
at most ``MAX_QUERY_CHARS`` characters: beyond that the file is refused, not cut.
A pipe is opened without waiting for a writer, then waited on: when nothing
arrives for ``PIPE_WAIT`` seconds (no writer ever came, or it stalled), the file
is refused rather than waited on forever. Standard input is read as it comes
(a terminal waits for Ctrl+D). Bytes that are not UTF-8 are read as \ufffd.
"""

from __future__ import annotations

import os
import select
import stat
import sys

from ..corpus.loading.files import OPEN_FLAGS, file_kind

MAX_BYTES = 16 * 1024 * 1024
MAX_QUERIES = 100_000
MAX_QUERY_CHARS = 10_000
PIPE_WAIT = 5
CHUNK = 1 << 16


class QueriesError(Exception):
    """Why the queries file cannot be used, in a few words."""


def read_queries(name: str) -> list[str]:
    """The non-blank lines of the file (a trailing space kept: it tells a finished word from one being typed)."""
    data = _read_stdin() if name == "-" else _read_named(name)
    lines = [line for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    if len(lines) > MAX_QUERIES:
        raise QueriesError(f"more than {MAX_QUERIES} queries")
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_QUERY_CHARS:
            raise QueriesError(f"query {number} is longer than {MAX_QUERY_CHARS} characters")
    return lines


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        if sys.stdin is None:
            raise QueriesError("standard input is closed")
        return _capped(lambda: sys.stdin.read(CHUNK).encode("utf-8", "surrogateescape"))
    try:
        return _capped(lambda: stream.read1(CHUNK))
    except OSError as error:
        raise QueriesError((error.strerror or str(error)).lower()) from None


def _read_named(name: str) -> bytes:
    try:
        descriptor = os.open(name, OPEN_FLAGS)  # never blocks: a pipe without a writer opens at once
    except OSError as error:
        raise QueriesError((error.strerror or str(error)).lower()) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISREG(mode):
            return _capped(lambda: os.read(descriptor, CHUNK))
        if stat.S_ISFIFO(mode):
            return _capped(lambda: _read_when_ready(descriptor))
        raise QueriesError(f"{file_kind(mode)}, not a file or pipe")
    except OSError as error:
        raise QueriesError((error.strerror or str(error)).lower()) from None
    finally:
        os.close(descriptor)


def _read_when_ready(descriptor: int) -> bytes:
    """The next chunk of a pipe opened without blocking (b"" at its end), waiting at most ``PIPE_WAIT`` s."""
    poller = select.poll()
    poller.register(descriptor, select.POLLIN)
    while True:
        if not poller.poll(PIPE_WAIT * 1000):
            raise QueriesError(f"nothing written to the pipe for {PIPE_WAIT} s")
        try:
            return os.read(descriptor, CHUNK)
        except BlockingIOError:  # a writer came but has not written yet
            continue


def _capped(read_chunk) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := read_chunk():
        size += len(chunk)
        if size > MAX_BYTES:
            raise QueriesError(f"more than {MAX_BYTES // (1024 * 1024)} MB")
        chunks.append(chunk)
    return b"".join(chunks)
