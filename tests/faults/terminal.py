"""The reader in a pseudo-terminal of its own: started, painted, quit with ``q``."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time

from .harness import PROGRAM, Result, Workspace

WAIT = 60


def read_until(master: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def read_and_quit(ws: Workspace, *args: str, shows: bytes) -> tuple[Result, bytes]:
    """Open the reader on ``args``, wait until it shows ``shows``, press q; its status and all it drew."""
    master, slave = pty.openpty()
    env = dict(ws.env, TERM="xterm-256color", COLUMNS="100", LINES="30")
    reader = subprocess.Popen([*PROGRAM, *args], cwd=ws.work, stdin=slave, stdout=slave, stderr=slave,
                              env=env, start_new_session=True)
    os.close(slave)
    try:
        drawn = read_until(master, shows, WAIT)
        assert shows in drawn, f"the reader never showed {shows!r}: {drawn[-600:]!r}"
        os.write(master, b"q")
        drawn += read_until(master, b"\x1b[?1049l", WAIT)
        status = reader.wait(timeout=WAIT)
        return Result(status, b"", drawn.decode("utf-8", "replace"), reader.pid), drawn
    finally:
        if reader.poll() is None:
            os.killpg(reader.pid, signal.SIGKILL)
            reader.wait()
        os.close(master)
