"""Hostile files where the program keeps its own: the keymap, the reading state, the cache.

A named pipe, a link to an endless device, a folder, a deeply nested or huge
file in place of ``keymap.toml`` or ``state.json`` is ignored with one line
saying so (never a hang, a crash or a broken terminal); ``--clear-cache`` that
cannot delete says why in one line and exits 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_e2e_tmux import BIN, header, terminal  # noqa: F401  (the fixture: a tmux server of our own)

from corpusreader.state import (
    KEYMAP_MAX_BYTES,
    STATE_MAX_BYTES,
    ReaderState,
    keymap_file,
    load_keymap,
    load_state,
    save_state,
    state_file,
)

TEXTS = Path(__file__).resolve().parent.parent / "texts"


def _bad_file(path: Path, kind: str) -> str:
    """Put something hostile at path; returns the start of the reason the program should give."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
        return "not a regular file: a named pipe"
    if kind == "zero":
        path.symlink_to("/dev/zero")
        return "not a regular file: a device"
    if kind == "folder":
        path.mkdir()
        return "not a regular file: a folder"
    if kind == "deep":
        path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n" if path.suffix == ".toml"
                        else "[" * 100_000 + "]" * 100_000, encoding="utf-8")
        return "nested too deeply"
    if kind == "huge":
        limit = KEYMAP_MAX_BYTES if path.suffix == ".toml" else STATE_MAX_BYTES
        with path.open("wb") as out:
            out.truncate(limit + 1)
        return f"larger than {limit // 1024} KB"
    if kind == "binary":
        path.write_bytes(b"\xff\xfe\x00garbage")
        return "not UTF-8"
    raise ValueError(kind)


KINDS = ["fifo", "zero", "folder", "deep", "huge", "binary"]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_keymap_is_ignored_with_one_line(tmp_path, kind):
    path = tmp_path / "keymap.toml"
    reason = _bad_file(path, kind)
    keymap, problem = load_keymap(path)
    assert keymap == {}
    assert problem is not None and problem.startswith(f"{path}: ignored: {reason}"), problem
    assert "\n" not in problem


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_state_file_is_an_empty_state_with_one_line(tmp_path, kind):
    path = tmp_path / "state.json"
    reason = _bad_file(path, kind)
    state = load_state(path)
    assert (state.last_document, state.positions, state.theme) == (None, {}, None)
    assert state.problem is not None and state.problem.startswith(f"{path}: ignored: {reason}"), state.problem


def test_a_missing_state_or_keymap_is_no_problem(tmp_path):
    assert load_state(tmp_path / "state.json").problem is None
    assert load_keymap(tmp_path / "keymap.toml") == ({}, None)


def test_a_good_state_still_reads_back(tmp_path):
    path = tmp_path / "state.json"
    state = ReaderState(last_document="/a/b.txt", theme="nord")
    state.remember("/a/b.txt", (3, 14))
    assert save_state(state, path)
    again = load_state(path)
    assert (again.last_document, again.positions, again.theme, again.problem) == (
        "/a/b.txt", {"/a/b.txt": (3, 14)}, "nord", None)


@pytest.mark.timeout(60)
async def test_the_reader_opens_over_a_hostile_keymap_and_state_and_says_so():
    from corpusreader.app import CorpusReaderApp

    _bad_file(keymap_file(), "fifo")
    _bad_file(state_file(), "zero")
    app = CorpusReaderApp([str(TEXTS)])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("keymap.toml: ignored: not a regular file: a named pipe" in m for m in messages), messages
        assert any("state.json: ignored: not a regular file: a device" in m for m in messages), messages
        await pilot.press("q")


@pytest.mark.e2e
@pytest.mark.timeout(120)
def test_the_installed_reader_over_a_keymap_that_is_a_pipe(terminal, tmp_path):  # noqa: F811
    home = Path(terminal.env["XDG_CONFIG_HOME"])
    _bad_file(home / "corpusreader" / "keymap.toml", "fifo")
    _bad_file(Path(terminal.env["XDG_STATE_HOME"]) / "corpusreader" / "state.json", "fifo")
    exit_file = tmp_path / "exit"
    terminal.start(f"cd {TEXTS.parent} && {BIN}; echo EXIT=$? > {exit_file}; sleep 60")
    terminal.wait_for(lambda s: "Next doc" in s and "corpusreader —" in header(s) and "named pipe" in s,
                      "the first document and the notice")
    terminal.keys("q")
    assert terminal.exit_status(exit_file) == "EXIT=0"


# -- --clear-cache ---------------------------------------------------------------------------------


def _cache_home() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"])


def clear_cache(*extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("corpusreader")), "--clear-cache", *extra],
                          capture_output=True, text=True, timeout=120)


def test_clear_cache_when_the_cache_folder_is_a_file():
    home = _cache_home()
    home.mkdir(parents=True, exist_ok=True)
    (home / "corpusreader").write_text("not a folder", encoding="utf-8")
    done = clear_cache()
    assert done.returncode == 2
    assert done.stderr == f"corpusreader: error: cannot clear the cache: {home}/corpusreader/corpus.sqlite3: " \
                          "not a directory\n"


def test_clear_cache_when_the_cache_file_is_a_folder_every_time():
    folder = _cache_home() / "corpusreader" / "corpus.sqlite3"
    folder.mkdir(parents=True)
    (folder / "something").write_text("kept", encoding="utf-8")
    export = subprocess.run([str(BIN), "export", str(TEXTS), "--format", "jsonl"], capture_output=True, text=True,
                            timeout=120)
    assert export.returncode == 0, export.stderr  # the program sets the folder aside and works on
    for _ in range(2):  # the folder set aside stays: said so each time, never a traceback
        done = clear_cache()
        assert done.returncode == 2
        assert done.stderr.startswith("corpusreader: error: cannot clear the cache: ")
        assert "corpus.sqlite3" in done.stderr and "is a directory" in done.stderr
        assert done.stderr.count("\n") == 1
    assert not (folder.parent / "corpus.sqlite3").is_file()  # the cache file itself was deleted


@pytest.mark.skipif(os.geteuid() == 0, reason="root deletes from a read-only folder; the other two tests "
                    "take the same path (an OSError on unlink) as root")
def test_clear_cache_in_a_read_only_folder():
    folder = _cache_home() / "corpusreader"
    folder.mkdir(parents=True)
    (folder / "corpus.sqlite3").write_bytes(b"")
    folder.chmod(0o555)
    try:
        done = clear_cache()
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2 and "permission denied" in done.stderr


def test_clear_cache_with_a_command_stops_before_the_command():
    home = _cache_home()
    home.mkdir(parents=True, exist_ok=True)
    (home / "corpusreader").write_text("not a folder", encoding="utf-8")
    done = subprocess.run([str(BIN), "export", str(TEXTS), "--format", "jsonl", "--clear-cache"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("corpusreader: error: cannot clear the cache: ")
