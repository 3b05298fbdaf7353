"""Cleaning processes: a pool that maps chunks in order, a few at a time, and workers that
end with the process that started them.

``Chunked.map`` keeps at most ``IN_FLIGHT`` chunks a worker on their way, so the
parent holds a bounded amount of results however large the corpus, and
stopping early (the reader's Esc) stops at once instead of finishing all. If
the workers cannot run, the rest is done in the parent.

``end_with_parent`` is the pool's initializer. The worker dies by SIGTERM and
SIGHUP as a plain process (a forked one inherits the parent's Python handlers,
which would turn them into an exception and a traceback), leaves SIGINT to the
parent (which shuts the pool down), and a watch thread ends it as soon as its
parent is gone, however the parent ended (SIGKILL included), instead of
cleaning on for nobody or waiting forever for work.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext

WATCH_EVERY = 0.25
"""Seconds between two looks at the parent."""
IN_FLIGHT = 2
"""Chunks a worker on their way at once."""


class Chunked:
    """Worker processes that run a function on chunks, results back in the chunks' order."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable, chunks: list[list], extra: tuple = ()) -> Iterator[list]:
        """``function(chunk, *extra)`` for each chunk, in order."""
        waiting = iter(chunks)
        in_flight: deque[tuple[list, Future]] = deque()
        done = 0
        try:
            pool = self._pool = self._pool or _pool(self.workers)
            for _ in range(self.workers * IN_FLIGHT):
                chunk = next(waiting, None)
                if chunk is not None:
                    in_flight.append((chunk, pool.submit(function, chunk, *extra)))
            while in_flight:
                _, future = in_flight.popleft()
                result = future.result()
                chunk = next(waiting, None)
                if chunk is not None:
                    in_flight.append((chunk, pool.submit(function, chunk, *extra)))
                done += 1
                yield result
        except (BrokenProcessPool, OSError):
            self.close()
            for chunk in chunks[done:]:
                yield function(chunk, *extra)
        finally:
            for _, future in in_flight:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _pool(workers: int) -> ProcessPoolExecutor:
    """Forked workers where this process has no other thread (fast, and no
    re-import of the main script); spawned ones inside the app, whose threads
    make forking unsafe."""
    context: BaseContext
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
    else:
        _start_resource_tracker()
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=end_with_parent,
                               initargs=(os.getpid(),))


def _start_resource_tracker() -> None:
    """Start multiprocessing's helper process with the real standard error: a
    terminal app (Textual) replaces ``sys.stderr`` with an object without a
    file descriptor, which the helper's start would refuse."""
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        try:
            usable = saved.fileno() >= 0
        except (AttributeError, OSError, ValueError):
            usable = False
        if not usable:
            sys.stderr = sys.__stderr__
        if sys.stderr is not None and sys.stderr.fileno() >= 0:
            resource_tracker.ensure_running()
    except (AttributeError, OSError, ValueError):
        pass
    finally:
        sys.stderr = saved


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
