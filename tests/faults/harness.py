"""Run the installed ``corpusreader`` in a subprocess, in a private home, and check the invariants
that every fault case must keep (README, "What it promises"):

- no traceback on standard error;
- an exit status among the documented ones;
- no byte changed in any input;
- no ``.part`` left behind (except after SIGKILL, until a later run);
- no file created or changed outside the output;
- each output either complete (byte for byte a clean run's) or absent.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PROGRAM = [sys.executable, "-m", "corpusreader"]
TIMEOUT = 60
PROSE = ("The delegation discussed international information security at length, and the ministers "
         "agreed that the working group should continue its work next year.")
# Exit statuses of README's "Exit status" and cli.py: success, nothing found, failure, internal error
# is never allowed; a catchable signal gives 128 + its number (Ctrl-C 130).
OK, NOTHING_FOUND, FAILED = 0, 1, 2


def write_corpus(folder: Path, count: int, tag: str = "A", paragraphs: int = 2) -> Path:
    """``count`` small documents ``docNNN.txt`` whose text carries ``tag``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        body = "\n\n".join(f"{PROSE} Paragraph {j} of number {i}." for j in range(paragraphs))
        (folder / f"doc{i:03}.txt").write_text(f"Statement {tag} {i}\n\nMoscow, 3 June 2021\n\n{body}\n")
    return folder


@dataclass
class Workspace:
    """A work folder (inputs and outputs live here) beside a private home (cache, state, config)."""

    root: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        for name in ("cache", "state", "config", "data"):
            (self.home / name).mkdir(parents=True, exist_ok=True)

    @property
    def work(self) -> Path:
        return self.root / "work"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def env(self) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COVERAGE"))}
        return {**keep, "HOME": str(self.home), "XDG_CACHE_HOME": str(self.home / "cache"),
                "XDG_STATE_HOME": str(self.home / "state"), "XDG_CONFIG_HOME": str(self.home / "config"),
                "XDG_DATA_HOME": str(self.home / "data"), "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8",
                **self.extra_env}

    def start(self, *args: str, stdout=subprocess.PIPE, stderr=subprocess.PIPE, prefix: tuple[str, ...] = (),
              **popen) -> subprocess.Popen:
        """The command running (in a session of its own, so that its workers can be found);
        ``prefix`` runs it through a shell first (``sh -c 'exec "$@" >&-' sh``)."""
        return subprocess.Popen([*prefix, *PROGRAM, *args], cwd=self.work, env=self.env, stdin=subprocess.DEVNULL,
                                stdout=stdout, stderr=stderr, start_new_session=True, **popen)

    def run(self, *args: str, stdout=subprocess.PIPE, **popen) -> Result:
        return finish(self.start(*args, stdout=stdout, **popen))


@dataclass
class Result:
    status: int
    stdout: bytes
    stderr: str
    session: int


def finish(process: subprocess.Popen, timeout: float = TIMEOUT) -> Result:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        raise AssertionError(f"hung for {timeout} s: {err.decode(errors='replace')[-2000:]}") from None
    return Result(process.returncode, out or b"", (err or b"").decode("utf-8", "replace"), process.pid)


# -- snapshots --------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` (links not followed): its kind and, for a file, its bytes."""
    found: dict[str, tuple] = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(top, name)
            info = path.lstat()
            key = str(path.relative_to(folder))
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_file():
                found[key] = ("file", path.read_bytes())
            elif path.is_dir():
                found[key] = ("dir",)
            else:
                found[key] = ("special", info.st_mode, info.st_ino)
    return found


def _under(key: str, output: str | None) -> bool:
    return output is not None and (key == output or key.startswith(output + os.sep))


def live_processes() -> dict[int, tuple[int, int]]:
    """Every live process (zombies do not count): pid -> (parent pid, session id), from /proc."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                found[int(entry)] = (int(fields[1]), int(fields[3]))
    return found


def processes_of(session: int) -> list[int]:
    """Live processes of a session."""
    return [pid for pid, (_, sid) in live_processes().items() if sid == session]


def children_of(pid: int) -> set[int]:
    """Live children of a process."""
    return {child for child, (parent, _) in live_processes().items() if parent == pid}


def check_invariants(result: Result, before: dict[str, tuple], after: dict[str, tuple], *,
                     statuses: set[int], output: str | None = None,
                     complete: dict[str, bytes] | list[dict[str, bytes]] | None = None,
                     part_allowed: bool = False, stderr_seen: bool = True) -> None:
    """The invariants of one run, from the work folder's snapshots before and after it.

    ``output`` is the output's path relative to the work folder (a file or a folder), and
    ``complete`` what each of its files holds after a clean run (or several such, for concurrent
    exports: each file must be one of them). Everything else in the work folder, inputs
    included, must be byte for byte as before."""
    assert result.status in statuses, (result.status, sorted(statuses), result.stderr[-2000:])
    if stderr_seen:
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    for key, entry in before.items():
        if not _under(key, output):
            assert after.get(key) == entry, f"{key} changed or vanished"
    for key in after:
        if key not in before and not _under(key, output):
            raise AssertionError(f"{key} was created outside the output")
        if not part_allowed:
            assert not key.endswith(".part"), f"{key} left behind"
    assert not processes_of(result.session) or _wait_gone(result.session), "a process outlived the command"
    references = [complete] if isinstance(complete, dict) else (complete or [])
    if output is None or not references:
        return
    for key, entry in after.items():
        if _under(key, output) and entry[0] == "file" and not key.endswith(".part") and before.get(key) != entry:
            name = os.path.relpath(key, output) if key != output else "."
            assert any(entry[1] == ref.get(name) for ref in references), f"{key} is not a complete output"


def _wait_gone(session: int, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while processes_of(session) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not processes_of(session)


class Outputs(dict[str, bytes]):
    """Output files by name, shown short (Hypothesis prints its test's arguments)."""

    def __repr__(self) -> str:
        return f"<{len(self)} output files>"


def output_files(folder: Path) -> Outputs:
    """A clean output as ``complete`` expects it: a folder's files by name, or a file as ``.``."""
    if folder.is_file():
        return Outputs({".": folder.read_bytes()})
    return Outputs({p.name: p.read_bytes() for p in folder.iterdir()})


def catches(pid: int, signum: int) -> bool:
    """The process has a handler for the signal (its SigCgt mask in /proc)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("SigCgt:"):
                return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    except OSError:
        pass
    return False
