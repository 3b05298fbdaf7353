"""Standard output and standard error that fail as a Unix tool's do.

``guarded()`` puts a thin wrapper around ``sys.stdout`` and ``sys.stderr`` while a
command runs:

- standard output that cannot be written (a full device, closed, a reader that
  went away) raises ``OutputError`` at the first write, which the command line
  turns into one line and its exit status;
- standard error that cannot be written is given up silently: a warning that
  cannot be shown must not change the outcome (nor go to standard output, where
  ``print`` sends it when standard error is closed).

After a failure the file descriptor is pointed at ``/dev/null``, so the
interpreter's last flush at exit has nothing left to fail on.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class OutputError(Exception):
    """Standard output could not be written; ``error`` is why."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error

    @property
    def broken_pipe(self) -> bool:
        return isinstance(self.error, BrokenPipeError) or self.error.errno == errno.EPIPE


def _silence(stream: TextIO | None) -> None:
    """Point the stream's descriptor at /dev/null: what is still buffered goes nowhere, without an error."""
    try:
        descriptor = stream.fileno() if stream is not None else -1
        if descriptor < 0:
            return
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, descriptor)
        finally:
            os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing buffered will fail at exit


class _Guarded:
    """A text stream whose failures are handled: ``fatal`` ones raise ``OutputError``, others are dropped."""

    def __init__(self, stream: TextIO | None, fatal: bool) -> None:
        self._stream = stream
        self._fatal = fatal
        self._failed = stream is None

    def write(self, text: str) -> int:
        if not self._failed:
            try:
                return self._stream.write(text)  # type: ignore[union-attr]
            except OSError as error:
                self._fail(error)
        if self._fatal:
            raise OutputError(OSError(errno.EBADF, os.strerror(errno.EBADF)))
        return len(text)

    def flush(self) -> None:
        if not self._failed:
            try:
                self._stream.flush()  # type: ignore[union-attr]
            except OSError as error:
                self._fail(error)

    def _fail(self, error: OSError) -> None:
        self._failed = True
        _silence(self._stream)
        if self._fatal:
            raise OutputError(error) from None

    def isatty(self) -> bool:
        return not self._failed and self._stream.isatty()  # type: ignore[union-attr]

    def __getattr__(self, name: str):
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


@contextmanager
def guarded() -> Iterator[None]:
    """Standard output and error guarded while the block runs (restored after it); the block flushes
    standard output itself, to hear of a failure at the last write."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = _Guarded(stdout, fatal=True)
    sys.stderr = _Guarded(stderr, fatal=False)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr
