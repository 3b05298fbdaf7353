#!/usr/bin/env python3
"""Time to the first painted screen, in a real terminal, against a bare Textual app.

Usage (from the repository root, with the project's venv, tmux installed):
    .venv/bin/python bench/startup_bench.py [--runs 7] [--vs OTHER_COMMAND] [PATH ...]

Each run starts a program in a fresh window of a tmux server of our own
(120x36; a private socket, kept alive for the whole bench) and polls the screen
with capture-pane every 5 ms; the time of each marker is from the spawn to the
first screen that shows it (one run of the reader gives every marker). Runs
alternate between the bare app (one line of text), corpusreader and, with
``--vs``, another reader command (say, the code before a change, with
``PYTHONPATH`` set to its tree), so all see the same machine load. What is timed:

- bare: the bare app's line is on screen;
- app: the reader's own first screen is painted: the header (its title) and
  the footer's keys, with the list and reading-pane frame between them;
- app_layout: the whole layout: the list's column headers and the side panel's
  tabs are there too;
- app_title: a document's title is in the list (the line under the column
  headers);
- app_document: a document's metadata (the side panel's "Removed" line) shows;
- app_list (with ``--count N``): the list's count says N documents (the whole
  list is there: on a warm start, from the cache before any file is read).

With PATH (e.g. a 10,000-document corpus already in the cache), corpusreader
opens that.
"""

from __future__ import annotations

import argparse
import os
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


class Tmux:
    """A tmux server on its own socket, alive (a keeper window) until ``close``."""

    def __init__(self) -> None:
        self.socket = f"corpusreader-bench-{os.getpid()}"
        self.run("new-session", "-d", "-s", "keeper", "-x", "120", "-y", "36", "sleep 100000", check=True)

    def run(self, *args: str, check: bool = False) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=check).stdout

    def time_until(self, command: str, marker, timeout: float = 30.0) -> float:
        return self.time_markers(command, {"": marker}, timeout)[""]

    def time_markers(self, command: str, markers: dict, timeout: float = 30.0) -> dict[str, float]:
        """Seconds from the spawn to the first screen each marker holds for (one run)."""
        session = f"run{time.monotonic_ns()}"
        times: dict[str, float] = {}
        start = time.perf_counter()
        self.run("new-session", "-d", "-s", session, "-x", "120", "-y", "36", command, check=True)
        try:
            while time.perf_counter() - start < timeout:
                screen = self.run("capture-pane", "-p", "-t", session)
                now = time.perf_counter() - start
                times.update({name: now for name, marker in markers.items()
                              if name not in times and marker(screen)})
                if len(times) == len(markers):
                    return times
                time.sleep(0.005)
            raise TimeoutError(f"{command}: {sorted(set(markers) - set(times))}")
        finally:
            self.run("kill-session", "-t", session)

    def close(self) -> None:
        self.run("kill-server")


def first_screen(screen: str) -> bool:
    """The reader's own screen: its header (title) on the first line, its footer's keys on the last."""
    lines = screen.rstrip("\n").splitlines()
    return len(lines) >= 2 and "corpusreader" in lines[0] and "Quit" in lines[-1] and "Help" in lines[-1]


def whole_layout(screen: str) -> bool:
    """Also the list's column headers and the side panel's tab row (not the footer's "References")."""
    lines = screen.rstrip("\n").splitlines()[1:-1]
    columns = any(all(word in line for word in ("Title", "Date", "Site")) for line in lines)
    tabs = any(all(word in line for word in ("Document", "Terms", "References")) for line in lines)
    return first_screen(screen) and columns and tabs


def first_title(screen: str) -> bool:
    """A document's title in the list: the line under the column headers is not blank."""
    lines = screen.rstrip("\n").splitlines()
    for number, line in enumerate(lines[:-1]):
        if all(word in line for word in ("Title", "Date", "Site")):
            return first_screen(screen) and bool(lines[number + 1][:28].strip())
    return False


def has_document(screen: str) -> bool:
    return whole_layout(screen) and "Removed" in screen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--command", default=str(Path(sys.executable).with_name("corpusreader")),
                        help="the reader's command (default: the venv's corpusreader), e.g. to time a variant")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds a marker is waited for")
    parser.add_argument("--count", type=int, default=0, help="documents the whole list holds (app_list)")
    parser.add_argument("--vs", help="another reader command, timed in the same runs (alternating), "
                                     "e.g. the code before a change")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as bare:
        bare.write(BARE_APP)
    paths = " ".join(args.paths)
    bare_cmd = f"{sys.executable} {bare.name}"
    commands = {"": f"{args.command} {paths}"}
    if args.vs:
        commands["vs "] = f"{args.vs} {paths}"
    markers = {"app": first_screen, "app_layout": whole_layout, "app_title": first_title,
               "app_document": has_document}
    if args.count:
        markers["app_list"] = lambda screen: whole_layout(screen) and f"{args.count:,}" in screen
    times: dict[str, list[float]] = {"bare": []}
    tmux = Tmux()
    try:
        for command in commands.values():  # warm the file cache and the corpus cache once
            tmux.time_until(command, has_document, args.timeout)
        for _ in range(args.runs):
            times["bare"].append(tmux.time_until(bare_cmd, lambda s: "bare textual app ready" in s))
            for prefix, command in commands.items():  # one run gives every marker
                for name, seconds in tmux.time_markers(command, markers, args.timeout).items():
                    times.setdefault(prefix + name, []).append(seconds)
    finally:
        tmux.close()
        os.unlink(bare.name)
    bare_median = statistics.median(times["bare"])
    print(f"runs: {args.runs}, command: {args.command}{f', vs: {args.vs}' if args.vs else ''}, "
          f"corpus: {paths or 'bundled'}, load average: {os.getloadavg()[0]:.2f}")
    for name, values in times.items():
        median = statistics.median(values)
        line = (f"{name:16} median {median:.3f} s  (min {min(values):.3f}, max {max(values):.3f})  "
                f"ratio to bare {median / bare_median:.2f}")
        if name.startswith("vs "):
            line += f"  command/vs {statistics.median(times[name[3:]]) / median:.2f}"
        print(line)

if __name__ == "__main__":
    main()
