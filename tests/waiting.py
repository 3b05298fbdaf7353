"""Waiting for a condition in a Pilot test, with a bound: a test that waits never hangs the suite.

The bound is generous (the machine may be busy) and is no measurement: passing it fails the
test with what was awaited, where a bare ``while`` loop would wait until pytest-timeout kills
the whole run.
"""

from __future__ import annotations

import time
from collections.abc import Callable

WAIT_SECONDS = 60.0


async def until(pilot, condition: Callable[[], object], what: str, seconds: float = WAIT_SECONDS,
                step: float = 0.05) -> None:
    """Pause the app under test until `condition()` holds; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:.0f} s for {what}")
        await pilot.pause(step)
