#!/usr/bin/env python3
"""Time to the first painted screen, in a real terminal, against a bare Textual app.

Usage (from the repository root, with the project's venv, tmux installed):
    .venv/bin/python bench/startup_bench.py [--runs 7] [PATH ...]

Each run starts a program in a fresh tmux session (120x36) and polls the
screen with capture-pane every 5 ms until the program's first screen shows;
the time is from the spawn to that moment. Runs alternate between the bare
app (one line of text) and corpusreader, so both see the same machine load.
With PATH (e.g. a 10,000-document corpus already in the cache), corpusreader
opens that; it is also timed to its first document on screen.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_APP = '''
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("bare textual app ready")

Bare().run()
'''


def capture(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def time_until(command: str, marker, timeout: float = 30.0) -> float:
    session = f"bench{time.monotonic_ns()}"
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36", command], check=True)
    try:
        while time.perf_counter() - start < timeout:
            if marker(capture(session)):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(command)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    binary = Path(sys.executable).with_name("corpusreader")
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as bare:
        bare.write(BARE_APP)
    paths = " ".join(args.paths)
    bare_cmd = f"{sys.executable} {bare.name}"
    app_cmd = f"{binary} {paths}"
    painted = lambda screen: "Quit" in screen or "Help" in screen  # the footer is drawn
    has_document = lambda screen: any(line.strip().startswith(("Date", "Place")) for line in screen.splitlines()) or "words" in screen
    times: dict[str, list[float]] = {"bare": [], "app": [], "app_document": []}
    time_until(app_cmd, painted)  # warm the file cache and the corpus cache once
    for _ in range(args.runs):
        times["bare"].append(time_until(bare_cmd, lambda s: "bare textual app ready" in s))
        times["app"].append(time_until(app_cmd, painted))
        times["app_document"].append(time_until(app_cmd, lambda s: painted(s) and "Removed" in s))
    bare_median = statistics.median(times["bare"])
    print(f"runs: {args.runs}, corpus: {paths or 'bundled'}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:13} median {median:.3f} s  (min {min(values):.3f}, max {max(values):.3f})  "
              f"ratio to bare {median / bare_median:.2f}")


if __name__ == "__main__":
    main()
