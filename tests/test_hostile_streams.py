"""The installed command against hostile standard streams and argument orders.

Standard output on a full device, closed, or a pipe whose reader went away;
standard error that cannot be written; no terminal for the reader; a queries
file that never ends or never comes; options after the arguments; named paths
that cannot be read. Each test runs the real program in a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hostile import PROSE

BIN = Path(sys.executable).with_name("corpusreader")
TEXTS = Path(__file__).resolve().parent.parent / "texts"
FULL = "corpusreader: cannot write to standard output: No space left on device\n"
CLOSED = "corpusreader: cannot write to standard output: Bad file descriptor\n"
LINUX = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")

WRITERS = {
    "version": ["--version"],
    "export": ["export", str(TEXTS), "--format", "json"],
    "export-txt": ["export", str(TEXTS), "--format", "txt"],
    "terms": ["terms", str(TEXTS), "--format", "json"],
    "terms-text": ["terms", str(TEXTS)],
    "search": ["search", "committee", str(TEXTS)],
    "help": ["search", "--help"],
}
FAILING = ["version", "export", "terms", "search", "help"]


def run(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([str(BIN), *args], text=True, timeout=timeout, **kwargs)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Two documents and one empty file (a warning on standard error)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("The committee report\n\n" + PROSE + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("Another committee\n\n" + PROSE + "\n\nThe committee met.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


# -- standard output -------------------------------------------------------------------------------


@LINUX
@pytest.mark.parametrize("name", FAILING)
def test_a_full_standard_output_is_one_line_and_status_2(name):
    with open("/dev/full", "w") as full:
        done = run(*WRITERS[name], stdout=full, stderr=subprocess.PIPE)
    assert (done.returncode, done.stderr) == (2, FULL)


@pytest.mark.parametrize("name", FAILING)
def test_a_closed_standard_output_is_one_line_and_status_2(name):
    done = subprocess.run(["sh", "-c", 'exec >&-; exec "$0" "$@"', str(BIN), *WRITERS[name]],
                          stderr=subprocess.PIPE, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (2, CLOSED)


def test_export_to_a_file_needs_no_standard_output(tmp_path):
    out = tmp_path / "out.json"
    done = subprocess.run(["sh", "-c", 'exec >&-; exec "$0" "$@"', str(BIN), "export", str(TEXTS),
                           "--format", "json", "-o", str(out)], stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 5


@pytest.mark.parametrize("name", ["version", "export-txt", "terms-text", "search"])
def test_a_reader_that_went_away_ends_the_program_quietly(name):
    process = subprocess.Popen([str(BIN), *WRITERS[name]], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # nobody reads: the first write meets a broken pipe
    said = process.stderr.read()
    assert (process.wait(timeout=120), said) == (0, b"")


def test_head_ends_a_long_export_quietly(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(40):  # far more than a pipe holds
        (folder / f"{number:02}.txt").write_text(f"Committee paper {number}\n\n" + (PROSE + " ") * 40 + "\n",
                                                 encoding="utf-8")
    done = subprocess.run(["sh", "-c", '"$0" export "$1" --format txt | head -c 10; echo " $?"', str(BIN),
                           str(folder)], capture_output=True, text=True, timeout=300)
    assert (done.stdout, done.stderr) == ("==> " + str(folder)[:6] + " 0\n", "")


# -- standard error --------------------------------------------------------------------------------


@LINUX
def test_a_full_standard_error_does_not_change_the_outcome(corpus):
    with open("/dev/full", "w") as full:
        done = run("export", str(corpus), "--format", "jsonl", stderr=full, stdout=subprocess.PIPE)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 2


def test_a_closed_standard_error_sends_no_warning_to_standard_output(corpus):
    done = subprocess.run(["sh", "-c", 'exec 2>&-; exec "$0" "$@"', str(BIN), "export", str(corpus),
                           "--format", "jsonl"], stdout=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 0
    assert [json.loads(line)["path"].rsplit("/", 1)[1] for line in done.stdout.splitlines()] == ["a.txt", "b.txt"]


# -- the reader needs a terminal -------------------------------------------------------------------


@pytest.mark.parametrize("redirect", ["</dev/null", ">/dev/null", "</dev/null >/dev/null 2>&1"])
def test_the_reader_without_a_terminal_says_so_and_exits_2(tmp_path, redirect):
    err = tmp_path / "err"
    done = subprocess.run(["sh", "-c", f'"$0" "$1" {redirect} 2>>"$2"; echo "$?"', str(BIN), str(TEXTS), str(err)],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout == "2\n"
    said = err.read_text(encoding="utf-8", errors="replace")
    assert "\x1b" not in said
    if "2>&1" not in redirect:
        assert said == "corpusreader: the reader needs a terminal; to work without one use export, search or terms\n"


# -- the queries file ------------------------------------------------------------------------------


def test_queries_from_an_endless_device_are_refused_at_once():
    done = run("search", "--queries", "/dev/zero", str(TEXTS), "--format", "json", timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "corpusreader: error: /dev/zero: cannot read the queries: a device, not a file or pipe\n"


def test_endless_queries_on_standard_input_stop_at_the_cap():
    with open("/dev/zero", "rb") as zero:
        done = run("search", "--queries", "-", str(TEXTS), "--format", "json", stdin=zero, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("corpusreader: error: -: cannot read the queries: more than ")


def test_too_many_queries_are_refused(tmp_path):
    from corpusreader.commands import queries as search_cmd

    queries = tmp_path / "queries.txt"
    queries.write_text("committee\n" * (search_cmd.MAX_QUERIES + 1), encoding="utf-8")
    done = run("search", "--queries", str(queries), str(TEXTS), "--format", "json", timeout=60)
    assert done.returncode == 2
    assert f"more than {search_cmd.MAX_QUERIES} queries" in done.stderr


def test_queries_from_a_named_pipe_with_no_writer_do_not_wait_forever(tmp_path):
    from corpusreader.commands.queries import PIPE_WAIT

    fifo = tmp_path / "queries"
    os.mkfifo(fifo)
    done = run("search", "--queries", str(fifo), str(TEXTS), "--format", "json", timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (f"corpusreader: error: {fifo}: cannot read the queries: "
                           f"nothing written to the pipe for {PIPE_WAIT} s\n")


def test_queries_from_a_named_pipe_and_a_process_substitution_are_read(tmp_path):
    fifo = tmp_path / "queries"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", 'printf "committee\\nPatrushef\\n" > "$0"', str(fifo)])
    done = run("search", "--queries", str(fifo), str(TEXTS), "--format", "json", timeout=60)
    writer.wait(timeout=60)
    assert done.returncode == 0, done.stderr
    assert [answer["query"] for answer in json.loads(done.stdout)] == ["committee", "Patrushef"]
    bash = shutil.which("bash")
    if bash:
        done = subprocess.run([bash, "-c", '"$0" search --queries <(echo committee) "$1" --format json',
                               str(BIN), str(TEXTS)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and json.loads(done.stdout)[0]["query"] == "committee", done.stderr


# -- options after arguments -----------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["search", "committee", "--limit", "3", "{texts}", "--format", "json"],
    ["search", "--format", "json", "committee", "{texts}", "--limit", "3"],
    ["export", "{texts}", "--format", "jsonl", "{texts}/000_42e888d950b36e98.txt"],
    ["terms", "{texts}", "--format", "json", "{texts}"],
    ["{texts}", "--no-cache", "--version"],
])
def test_options_may_stand_after_the_arguments(args):
    args = [arg.format(texts=TEXTS) for arg in args]
    done = run(*args)
    assert done.returncode == 0, done.stderr
    if "--limit" in args and "json" in args:
        assert len(json.loads(done.stdout)["results"]) == 3
    if "jsonl" in args:
        assert len(done.stdout.splitlines()) == 5


def test_queries_option_after_the_paths_leaves_the_paths_as_paths(tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("committee\n", encoding="utf-8")
    done = run("search", str(TEXTS), "--format", "json", "--queries", str(queries))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["results"]


# -- named paths that cannot be read ---------------------------------------------------------------


def _export_as_nobody(folder: Path, *paths: Path) -> tuple[int, str, str]:
    """``export --format jsonl`` of the paths as the user nobody (root reads everything).

    The program's own command line, run in a forked child that drops its privileges: the
    installed interpreter is not reachable for nobody (it lives in root's home), so the child
    runs what this process has already imported. Returns (status, stdout, stderr).
    """
    from corpusreader import cli

    argv = ["export", *map(str, paths), "--format", "jsonl", "--no-cache"]
    cli.main(argv[:2] + argv[-3:])  # the first path alone: imports everything the child will need
    out, err = folder / "out", folder / "err"
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 70
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            with open(out, "w", encoding="utf-8") as sys.stdout, open(err, "w", encoding="utf-8") as sys.stderr:
                status = cli.main(argv)
        finally:
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait_status), out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")


@pytest.fixture
def open_dir():
    """A folder everyone may enter (pytest's tmp_path is private to us), removed after the test."""
    folder = Path(tempfile.mkdtemp(prefix="corpusreader-perm-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_named_path_that_cannot_be_read_is_status_2(open_dir, what, capsys):
    good = open_dir / "good.txt"
    good.write_text("A good document\n\n" + PROSE + "\n", encoding="utf-8")
    good.chmod(0o644)
    locked = open_dir / ("locked.txt" if what == "file" else "locked")
    if what == "file":
        locked.write_text("Secret\n\n" + PROSE + "\n", encoding="utf-8")
    else:
        locked.mkdir()
        (locked / "inside.txt").write_text("Secret\n\n" + PROSE + "\n", encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:
        status, out, err = _export_as_nobody(open_dir, good, locked)
    else:
        done = run("export", str(good), str(locked), "--format", "jsonl", "--no-cache")
        status, out, err = done.returncode, done.stdout, done.stderr
    assert status == 2, err
    assert err == f"corpusreader: error: {locked}: permission denied\n"
    assert len(out.splitlines()) == 1  # the rest is still exported


def test_a_named_file_whose_reading_fails_is_status_2(tmp_path):
    """The same path without permissions: /proc/self/mem opens, but every read fails (EIO)."""
    if not Path("/proc/self/mem").exists():
        pytest.skip("needs /proc/self/mem (Linux)")
    done = run("export", str(TEXTS / "000_42e888d950b36e98.txt"), "/proc/self/mem", "--format", "jsonl")
    assert done.returncode == 2
    assert "corpusreader: error: /proc/self/mem: input/output error" in done.stderr
    assert len(done.stdout.splitlines()) == 1
