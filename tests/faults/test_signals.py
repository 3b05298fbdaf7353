"""Signals at random points of an export of a few hundred small files: the catchable ones
(SIGTERM and SIGHUP as ``kill`` sends them, SIGINT to the process group as Ctrl-C does) leave
no temporary, take back the files the export made and end its workers; after SIGKILL every file
is complete or absent, and the next export removes the stale temporary."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .harness import (
    OK,
    Workspace,
    catches,
    check_invariants,
    finish,
    output_files,
    processes_of,
    snapshot,
    write_corpus,
)

FILES = 300
CATCHABLE = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT]
FEW = settings(max_examples=8, deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
EXPORT = ("export", "c", "--format", "md", "-o", "out")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "c", FILES)


@pytest.fixture(scope="module")
def clean_md(tmp_path_factory, corpus) -> dict[str, bytes]:
    ws = Workspace(tmp_path_factory.mktemp("reference"))
    shutil.copytree(corpus, ws.work / "c")
    assert ws.run(*EXPORT, "--no-cache").status == OK
    return output_files(ws.work / "out")


def started(ws: Workspace, corpus: Path):
    """A fresh workspace's export, once it handles SIGTERM (before, Python itself would die of it)."""
    shutil.copytree(corpus, ws.work / "c")
    before = snapshot(ws.work)
    export = ws.start(*EXPORT)
    deadline = time.monotonic() + 30
    while not catches(export.pid, signal.SIGTERM) and export.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    return export, before


@FEW
@given(signum=st.sampled_from(CATCHABLE), delay=st.floats(0, 1.5))
def test_a_catchable_signal_leaves_nothing_half_done(corpus, clean_md, signum, delay):
    with tempfile.TemporaryDirectory(prefix="faults-signal-") as root:
        ws = Workspace(Path(root))
        export, before = started(ws, corpus)
        time.sleep(delay)
        if export.poll() is None:
            if signum == signal.SIGINT:
                os.killpg(export.pid, signum)  # Ctrl-C reaches the whole foreground group
            else:
                export.send_signal(signum)
        result = finish(export)
        event(f"status {result.status}")  # --hypothesis-show-statistics: how many were interrupted
        check_invariants(result, before, snapshot(ws.work), statuses={OK, 128 + signum}, output="out",
                         complete=clean_md)
        if result.status != OK:  # an interrupted export takes back the files it created
            assert not (ws.work / "out").exists() or os.listdir(ws.work / "out") == []


@settings(FEW, max_examples=3)
@given(delay=st.floats(0.2, 1.5))
def test_after_sigkill_files_are_complete_and_the_next_export_cleans_up(corpus, clean_md, delay):
    with tempfile.TemporaryDirectory(prefix="faults-kill-") as root:
        ws = Workspace(Path(root))
        export, before = started(ws, corpus)
        time.sleep(delay)
        export.kill()
        result = finish(export)
        event(f"status {result.status}, {len(os.listdir(ws.work / 'out')) if (ws.work / 'out').exists() else 0} entries")
        check_invariants(result, before, snapshot(ws.work), statuses={OK, -signal.SIGKILL}, output="out",
                         complete=clean_md, part_allowed=True)
        assert not processes_of(result.session)
        again = snapshot(ws.work)
        check_invariants(ws.run(*EXPORT, "--force"), again, snapshot(ws.work), statuses={OK}, output="out",
                         complete=clean_md)
        assert output_files(ws.work / "out") == clean_md


class _InterruptedWhileSaved(argparse._StoreAction):
    """A positional that gets Ctrl-C just as argparse's intermixed parsing has saved its nargs."""

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        if name == "save_nargs":
            os.kill(os.getpid(), signal.SIGINT)


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signals cannot be held here")
def test_ctrl_c_while_parsing_the_arguments_is_an_interrupt_not_an_internal_error():
    from corpusreader.cli import parse_holding_signals

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        parser = argparse.ArgumentParser()
        parser.add_argument("paths", nargs="*", action=_InterruptedWhileSaved)
        parser.add_argument("--limit")
        with pytest.raises(KeyboardInterrupt):  # before: AttributeError from argparse's finally
            parse_holding_signals(parser, ["a", "--limit", "3", "b"])
    finally:
        signal.signal(signal.SIGINT, previous)
