"""SIGTERM and SIGHUP end the reader even when its clean exit cannot finish (a terminal that is gone can leave
Textual's output thread waiting): the state is saved, then after ``FORCED_EXIT_AFTER`` the process ends."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

# A real Textual app, run headless in its own process, whose exit never ends the run: the shutdown a dead
# terminal can leave waiting. It saves where it was (as the reader does) into the file named on its command line.
STUCK_APP = textwrap.dedent("""
    import sys
    from pathlib import Path
    from textual.app import App
    from corpusreader import termination

    termination.FORCED_EXIT_AFTER = 0.5

    class StuckReader(App):
        def on_mount(self):
            termination.exit_app_on_termination(self)
            print("ready", flush=True)

        def save(self):
            Path(sys.argv[1]).write_text("saved", encoding="utf-8")

        def exit(self, *args, **kwargs):
            pass  # the clean exit never comes

    StuckReader().run(headless=True)
""")


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signalled_reader_whose_exit_hangs_still_ends_with_its_state_saved(tmp_path, signum):
    state = tmp_path / "state"
    process = subprocess.Popen([sys.executable, "-c", STUCK_APP, str(state)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        time.sleep(0.2)
        assert process.poll() is None  # it runs until signalled
        process.send_signal(signum)
        assert process.wait(timeout=30) == 128 + signum
        assert state.read_text(encoding="utf-8") == "saved"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
