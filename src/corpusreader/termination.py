"""SIGTERM and SIGHUP end the program the way Ctrl-C does, so that it cleans up first.

A command gets ``Terminated`` raised where it stands: a file being written takes
its temporary away, an export takes back what it created, the cleaning processes
are shut down, and the exit status is 128 + the signal's number. The reader
exits as ``q`` does, so Textual gives the terminal back (main screen, no mouse
reporting). A signal that was ignored when the program started (``nohup``) stays
ignored.
"""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

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
    app.exit(return_code=128 + signum)
