"""SIGTERM and SIGHUP end the program the way Ctrl-C does, so that it cleans up first.

A command gets ``Terminated`` raised where it stands: a file being written takes
its temporary away, an export takes back what it created, the cleaning processes
are shut down, and the exit status is 128 + the signal's number. The reader
exits as ``q`` does, so Textual gives the terminal back (main screen, no mouse
reporting). A signal that was ignored when the program started (``nohup``) stays
ignored. A clean exit that has not ended the reader ``FORCED_EXIT_AFTER`` seconds
later ends it anyway: a terminal that is gone can leave Textual's output thread
waiting for ever (readers of killed tmux sessions were seen alive an hour later).
"""

from __future__ import annotations

import os
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

FORCED_EXIT_AFTER = 10.0
"""Seconds a signalled reader has to exit cleanly before it is ended (its state is saved first)."""

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """Raised by SIGTERM or SIGHUP; like KeyboardInterrupt, not caught by ``except Exception``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


def _raise_terminated(signum: int, frame: object) -> None:
    for other in SIGNALS:  # once: a second signal must not interrupt the cleaning up
        signal.signal(other, signal.SIG_IGN)
    raise Terminated(signum)


def raise_on_termination() -> None:
    """From now on SIGTERM and SIGHUP raise ``Terminated`` in the main thread."""
    for signum in SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _raise_terminated)


def exit_app_on_termination(app: App) -> None:
    """Make SIGTERM and SIGHUP exit the running app cleanly (call from inside its event loop)."""
    import asyncio

    loop = asyncio.get_running_loop()
    for signum in SIGNALS:
        if signal.getsignal(signum) is signal.SIG_IGN:
            continue
        try:
            loop.add_signal_handler(signum, _exit_app, app, signum)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no signals here
            return


def _exit_app(app: App, signum: int) -> None:
    save = getattr(app, "save", None)  # remember where the reader was, as q does
    if callable(save):
        save()
    _exit_anyway_after(FORCED_EXIT_AFTER, 128 + signum)
    app.exit(return_code=128 + signum)


def _exit_anyway_after(seconds: float, status: int) -> None:
    """End the process with ``status`` in ``seconds`` unless it has ended by then (a daemon timer)."""
    timer = threading.Timer(seconds, os._exit, args=(status,))
    timer.daemon = True
    timer.start()
