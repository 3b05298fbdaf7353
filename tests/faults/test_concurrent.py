"""Concurrent runs: two exports into one folder at once (the same names, other texts, no
``--force``), two exports sharing one cache, and an export beside the reader loading the same
corpus (under tmux, on a private server)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import FAILED, OK, PROGRAM, Workspace, check_invariants, finish, output_files, snapshot, write_corpus

FILES = 150
FEW = settings(max_examples=3, deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
WAIT = 60


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, dict[str, dict[str, bytes]]]:
    """Corpora ``x`` and ``y`` (the same file names, other texts) and their clean md exports."""
    ws = Workspace(tmp_path_factory.mktemp("reference"))
    clean = {}
    for tag in ("x", "y"):
        write_corpus(ws.work / tag, FILES, tag.upper(), paragraphs=1)
        assert ws.run("export", tag, "--format", "md", "-o", f"out-{tag}", "--no-cache").status == OK
        clean[tag] = output_files(ws.work / f"out-{tag}")
    assert clean["x"].keys() == clean["y"].keys() and clean["x"] != clean["y"]
    return ws.work, clean


@FEW
@given(lag=st.floats(0, 0.5))
def test_two_exports_into_one_folder_never_overwrite_each_other(corpora, lag):
    source, clean = corpora
    with tempfile.TemporaryDirectory(prefix="faults-two-") as root:
        ws = Workspace(Path(root))
        for tag in ("x", "y"):
            shutil.copytree(source / tag, ws.work / tag)
        before = snapshot(ws.work)
        first = ws.start("export", "x", "--format", "md", "-o", "out")
        time.sleep(lag)
        second = ws.start("export", "y", "--format", "md", "-o", "out")
        results = {"x": finish(first), "y": finish(second)}
        after = snapshot(ws.work)
        for result in results.values():
            check_invariants(result, before, after, statuses={OK, FAILED}, output="out",
                             complete=[clean["x"], clean["y"]])
        winners = [tag for tag, result in results.items() if result.status == OK]
        assert len(winners) <= 1, "both exports claim to have written the same files"
        if winners:  # the loser took back what it had written: the winner's export, whole
            assert output_files(ws.work / "out") == clean[winners[0]]


def test_two_exports_sharing_one_cache_are_both_complete(tmp_path, corpora):
    source, clean = corpora
    ws = Workspace(tmp_path)
    shutil.copytree(source / "x", ws.work / "x")
    before = snapshot(ws.work)
    runs = [ws.start("export", "x", "--format", "md", "-o", f"out{i}") for i in (1, 2)]
    results = [finish(run) for run in runs]
    after = snapshot(ws.work)
    for i, result in enumerate(results, 1):
        others = {key: entry for key, entry in after.items() if not key.startswith(f"out{3 - i}")}
        check_invariants(result, before, others, statuses={OK}, output=f"out{i}", complete=clean["x"])
        assert output_files(ws.work / f"out{i}") == clean["x"]


def tmux(socket: str, ws: Workspace, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args], env=dict(ws.env, TERM="xterm-256color"),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10).stdout


def until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_an_export_beside_a_reader_of_the_same_corpus(tmp_path, corpora):
    if shutil.which("tmux") is None:
        pytest.skip("the reader needs a terminal: tmux is not installed")
    source, clean = corpora
    ws = Workspace(tmp_path)
    shutil.copytree(source / "x", ws.work / "x")
    status = ws.root / "reader-status"
    socket = f"corpusreader-faults-{uuid.uuid4().hex[:12]}"
    reader = " ".join(shlex.quote(part) for part in [*PROGRAM, "x"])
    before = snapshot(ws.work)
    try:
        tmux(socket, ws, "new-session", "-d", "-x", "100", "-y", "30", "-c", str(ws.work),
             f"{reader}; echo $? > {shlex.quote(str(status))}")
        result = finish(ws.start("export", "x", "--format", "md", "-o", "out"))
        until(lambda: "Statement X 0" in tmux(socket, ws, "capture-pane", "-p"), "the reader to show the corpus")
        tmux(socket, ws, "send-keys", "q")
        until(lambda: status.exists() and status.read_text().strip(), "the reader to quit")
    finally:
        tmux(socket, ws, "kill-server")
    check_invariants(result, before, snapshot(ws.work), statuses={OK}, output="out", complete=clean["x"])
    assert output_files(ws.work / "out") == clean["x"]
    assert status.read_text().strip() == "0"
