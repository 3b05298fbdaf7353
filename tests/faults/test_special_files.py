"""Special files where the program expects a regular one: in a corpus folder, named as input, as
``-o``, as the cache file, as ``keymap.toml`` and ``state.json``. Nothing hangs, nothing is
written through them, and what can be read still is."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .harness import FAILED, OK, Workspace, check_invariants, output_files, snapshot, write_corpus
from .terminal import read_and_quit


def fifo(path: Path, ws: Workspace) -> None:
    os.mkfifo(path)


def link_to_fifo(path: Path, ws: Workspace) -> None:
    target = path.parent / "pipe"  # beside the link: the folder of a named input is a corpus folder
    if not target.exists():
        os.mkfifo(target)
    path.symlink_to(target)


def link_to_dev_zero(path: Path, ws: Workspace) -> None:
    path.symlink_to("/dev/zero")


def directory(path: Path, ws: Workspace) -> None:
    path.mkdir()


def dangling_link(path: Path, ws: Workspace) -> None:
    path.symlink_to(ws.work / f"written-through-{path.name}")  # a write through it shows as a new file


KINDS: dict[str, Callable[[Path, Workspace], None]] = {
    "fifo": fifo, "link to a fifo": link_to_fifo, "link to /dev/zero": link_to_dev_zero,
    "directory": directory, "dangling link": dangling_link,
}


@pytest.fixture(scope="module")
def clean_json(tmp_path_factory) -> dict[str, bytes]:
    """The JSON export of the three good documents, in the folder every case uses."""
    ws = Workspace(tmp_path_factory.mktemp("reference"))
    write_corpus(ws.work / "c", 3)
    assert ws.run("export", "c", "--format", "json", "-o", "out.json", "--no-cache").status == OK
    return output_files(ws.work / "out.json")


def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(tmp_path)
    write_corpus(ws.work / "c", 3)
    return ws


@pytest.mark.parametrize("kind", KINDS)
def test_in_a_corpus_folder_it_is_skipped(tmp_path, kind, clean_json):
    ws = workspace(tmp_path)
    KINDS[kind](ws.work / "c" / "odd.txt", ws)
    before = snapshot(ws.work)
    result = ws.run("export", "c", "--format", "json", "-o", "out.json")
    check_invariants(result, before, snapshot(ws.work), statuses={OK}, output="out.json", complete=clean_json)
    assert (ws.work / "out.json").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_named_as_input_it_is_status_2_and_the_rest_is_exported(tmp_path, kind, clean_json):
    ws = workspace(tmp_path)
    (ws.work / "named").mkdir()  # the folder of a named file is a corpus folder: out.json stays out of it
    KINDS[kind](ws.work / "named" / "odd.txt", ws)
    before = snapshot(ws.work)
    result = ws.run("export", "c", "named/odd.txt", "--format", "json", "-o", "out.json")
    empty_folder = kind == "directory"  # a folder that holds nothing is read, not refused
    check_invariants(result, before, snapshot(ws.work), statuses={OK if empty_folder else FAILED},
                     output="out.json", complete=clean_json)
    assert (ws.work / "out.json").exists() and (empty_folder or "odd.txt" in result.stderr)


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("fmt", ["json", "md"])
@pytest.mark.parametrize("kind", KINDS)
def test_as_the_output_it_is_refused(tmp_path, kind, fmt, force):
    ws = workspace(tmp_path)
    KINDS[kind](ws.work / "out", ws)
    before = snapshot(ws.work)
    result = ws.run("export", "c", "--format", fmt, "-o", "out", *(["--force"] if force else []))
    statuses = {OK} if kind == "directory" and fmt == "md" else {FAILED}  # a folder is md's output
    check_invariants(result, before, snapshot(ws.work), statuses=statuses,
                     output="out" if statuses == {OK} else None)


@pytest.mark.parametrize("kind", KINDS)
def test_as_the_cache_file_the_export_runs_as_without_a_cache(tmp_path, kind, clean_json):
    ws = workspace(tmp_path)
    cache = ws.home / "cache" / "corpusreader"
    cache.mkdir(parents=True)
    KINDS[kind](cache / "corpus.sqlite3", ws)
    before = snapshot(ws.work)
    result = ws.run("export", "c", "--format", "json", "-o", "out.json")
    check_invariants(result, before, snapshot(ws.work), statuses={OK}, output="out.json", complete=clean_json)
    assert (ws.work / "out.json").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_as_keymap_and_state_the_reader_opens_and_quits(tmp_path, kind):
    ws = workspace(tmp_path)
    for folder, name in (("config", "keymap.toml"), ("state", "state.json")):
        (ws.home / folder / "corpusreader").mkdir(parents=True)
        KINDS[kind](ws.home / folder / "corpusreader" / name, ws)
    before = snapshot(ws.work)
    result, _ = read_and_quit(ws, "c", shows=b"Statement A 0")
    check_invariants(result, before, snapshot(ws.work), statuses={OK})
