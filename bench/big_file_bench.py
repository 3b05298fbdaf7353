#!/usr/bin/env python3
"""The reader on big files: how long loading and each key take (the tests only check what they do).

Usage (from the repository root, with the project's venv):
    .venv/bin/python bench/big_file_bench.py [--huge]

Runs the app headless (Textual's Pilot, 120x36) on files made in a temporary folder with the
tests' own makers: a 1 MB document of many paragraphs (tests/test_app_large.py), a 50 MB file
on one line (capped when read; tests/hostile.py) and, with ``--huge``, a 100 MB file of
ordinary lines (capped too). For each it prints the time to load and clean, and the time of
each key (G, g, space, ], and for the 1 MB document a find of "security" typed into the
find bar, then N) with the app's answer awaited. Times depend on the machine's load: run it on a quiet machine and
note the load average beside the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import BIG_LINE, HUGE, make_big_files  # noqa: E402
from test_app_large import write_big_document  # noqa: E402

from corpusreader.app import CorpusReaderApp  # noqa: E402

KEYS = ["G", "g", "space", "right_square_bracket"]  # to the end, the top, a page down, the next document


async def measure(path: Path, find: bool) -> dict[str, float]:
    """Seconds to load `path`, then for each key (the app idle again after it)."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    app = CorpusReaderApp([str(path)], state_path=path.parent / f"{path.name}.state.json")
    async with app.run_test(size=(120, 36)) as pilot:
        while app.session.loading:
            if time.perf_counter() - started > 600:
                raise SystemExit(f"{path.name}: loading took more than 10 minutes")
            await pilot.pause(0.02)
        timings["load"] = time.perf_counter() - started
        steps = [(key, [key]) for key in KEYS]
        if find:
            steps += [("find 'security'", ["slash", *"security", "enter"]), ("N", ["N"])]
        for label, keys in steps:
            started = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            timings[label] = time.perf_counter() - started
        await pilot.press("q")
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--huge", action="store_true", help="also the 100 MB file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="big-file-bench-") as scratch:
        folder = Path(scratch)
        os.environ.setdefault("XDG_CACHE_HOME", str(folder / "cache"))  # a cold cache, not the user's
        os.environ.setdefault("XDG_STATE_HOME", str(folder / "state"))
        write_big_document(folder / "one_megabyte.txt")
        make_big_files(folder / "big")
        files = [(folder / "one_megabyte.txt", True), (folder / "big" / BIG_LINE, False)]
        if args.huge:
            files.append((folder / "big" / HUGE, False))
        print(f"load average {os.getloadavg()[0]:.2f}")
        for path, find in files:
            timings = asyncio.run(measure(path, find))
            size = path.stat().st_size / 1e6
            shown = ", ".join(f"{key} {seconds * 1000:.0f} ms" for key, seconds in timings.items() if key != "load")
            print(f"{path.name} ({size:.0f} MB): load {timings['load']:.2f} s; {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
