"""``-`` reads a document from standard input: the reader (Pilot) and the export command."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from waiting import until

from corpusreader.app import CorpusReaderApp
from corpusreader.corpus.loading import stdin

BIN = Path(sys.executable).with_name("corpusreader")
PAGE = "Stdin briefing\n\nMarch 2, 2013\n\nVladimir Putin: Good afternoon, colleagues. We meet today.\n"


def test_export_reads_standard_input_as_stdin(tmp_path):
    done = subprocess.run([str(BIN), "export", "-", "--format", "md", "--no-cache"], input=PAGE,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Stdin briefing") and "**Vladimir Putin:** Good afternoon" in done.stdout
    done = subprocess.run([str(BIN), "export", "-", "--format", "json", "--no-cache"], input=PAGE,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert '"path": "<stdin>"' in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_empty_standard_input_is_one_line_and_status_2(tmp_path):
    done = subprocess.run([str(BIN), "export", "-", "--format", "md", "--no-cache"], input="",
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2 and "<stdin>" in done.stderr and "Traceback" not in done.stderr


async def test_the_reader_lists_standard_input_as_stdin(monkeypatch):
    monkeypatch.setattr(stdin, "_spooled", None)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode("utf-8"))))
    app = CorpusReaderApp(["-"])
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: not app.session.loading and app.reader_screen.document is not None, "the load")
        document = app.reader_screen.document
        assert document is not None and document.path == "<stdin>" and document.title == "Stdin briefing"
        listing = app.reader_screen.document_list
        assert str(listing._row(0)[0]).endswith("‹<stdin>›")
