"""Full (``/dev/full``) and closed standard output and error, for every command that writes to
them: output that cannot be written is one line and status 2; a warning that cannot be written
changes nothing (the output is whole, the status 0)."""

from __future__ import annotations

import re

import pytest

from .harness import FAILED, OK, Result, Workspace, check_invariants, snapshot, write_corpus

COMMANDS = {
    "export": ("export", "c", "--format", "json"),
    "terms": ("terms", "c", "--format", "json"),
    "search": ("search", "delegation", "c", "--format", "json"),
    "version": ("--version",),
}
CLOSE = {"stdout": ("sh", "-c", 'exec "$@" >&-', "sh"), "stderr": ("sh", "-c", 'exec "$@" 2>&-', "sh")}


def untimed(stdout: bytes) -> bytes:
    return re.sub(rb'"elapsed_ms": [0-9.e+-]+', b'"elapsed_ms": 0', stdout)


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, bytes]:
    ws = Workspace(tmp_path_factory.mktemp("reference"))
    write_corpus(ws.work / "c", 4, paragraphs=1)
    outputs = {}
    for name, args in COMMANDS.items():
        result = ws.run(*args, "--no-cache") if name != "version" else ws.run(*args)
        assert result.status == OK and result.stdout, result.stderr
        outputs[name] = untimed(result.stdout)
    return outputs


def workspace(tmp_path) -> Workspace:
    ws = Workspace(tmp_path)
    write_corpus(ws.work / "c", 4, paragraphs=1)
    return ws


@pytest.mark.parametrize("fault", ["full", "closed"])
@pytest.mark.parametrize("command", COMMANDS)
def test_standard_output_that_cannot_be_written_is_one_line_and_status_2(tmp_path, command, fault):
    ws = workspace(tmp_path)
    before = snapshot(ws.work)
    with open("/dev/full", "wb") as full:
        if fault == "full":
            result = ws.run(*COMMANDS[command], stdout=full)
        else:
            result = ws.run(*COMMANDS[command], stdout=None, prefix=CLOSE["stdout"])
    check_invariants(result, before, snapshot(ws.work), statuses={FAILED})
    assert result.stderr.count("\n") == 1 and "cannot write to standard output" in result.stderr, result.stderr


@pytest.mark.parametrize("fault", ["full", "closed"])
@pytest.mark.parametrize("command", COMMANDS)
def test_standard_error_that_cannot_be_written_changes_nothing(tmp_path, expected, command, fault):
    ws = workspace(tmp_path)
    before = snapshot(ws.work)
    with open("/dev/full", "wb") as full:
        if fault == "full":
            process = ws.start(*COMMANDS[command], stderr=full)
        else:
            process = ws.start(*COMMANDS[command], stderr=None, prefix=CLOSE["stderr"])
        out, _ = process.communicate(timeout=60)
    result = Result(process.returncode, out, "", process.pid)
    check_invariants(result, before, snapshot(ws.work), statuses={OK}, stderr_seen=False)
    assert untimed(result.stdout) == expected[command]
