"""A cleaning process ends with the process that started it.

``end_with_parent`` is the pool's initializer. The worker dies by SIGTERM and
SIGHUP as a plain process (a forked one inherits the parent's Python handlers,
which would turn them into an exception and a traceback), leaves SIGINT to the
parent (which shuts the pool down), and a watch thread ends it as soon as its
parent is gone, however the parent ended (SIGKILL included), instead of
cleaning on for nobody or waiting forever for work.
"""

from __future__ import annotations

import os
import signal
import threading
import time

WATCH_EVERY = 0.25
"""Seconds between two looks at the parent."""


def end_with_parent(parent: int) -> None:
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and callable(signal.getsignal(signum)):
            signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), name="watch-parent", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_EVERY)
    os._exit(1)
