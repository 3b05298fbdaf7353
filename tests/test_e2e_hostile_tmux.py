"""The installed ``corpusreader`` under tmux on the hostile corpus: step through every
document with ``]``, and after each the screen is still the app's (header, footer,
no traceback); no escape in a document reached the terminal (tmux would have taken
an OSC 52 clipboard write into a paste buffer and an OSC 0 title into the pane
title); ``q`` quits with status 0 and the skipped files are listed on stderr."""

from __future__ import annotations

import re

import pytest
from hostile import documents, listed, make_hostile_corpus
from test_e2e_tmux import BIN, header, terminal  # noqa: F401  (the fixture: a tmux server of our own)

pytestmark = pytest.mark.e2e
LINES = 36


def intact(screen: str) -> bool:
    lines = screen.split("\n")
    return (len(lines) >= LINES and "corpusreader —" in lines[0] and "Next doc" in lines[LINES - 1]
            and "Palette" in lines[LINES - 1])


@pytest.mark.timeout(120)
def test_stepping_through_the_hostile_corpus_keeps_the_terminal_intact(terminal, tmp_path):
    folder = tmp_path / "hostile"
    expected = make_hostile_corpus(folder)
    count = len(documents(listed(expected)))

    terminal.configure("set -g set-clipboard on", "set -g allow-rename on")
    exit_file = tmp_path / "exit"
    terminal.start(f"cd {tmp_path} && {BIN} hostile; echo EXIT=$? > {exit_file}; sleep 60", LINES)

    loading = re.compile(r"[\d,]+ / [\d,]+ pages|checking [\d,]+ pages")  # the header says the load's progress
    screen = terminal.wait_for(lambda s: intact(s) and not loading.search(header(s)), "the first document, loaded")
    titles = [header(screen)]
    markup_seen = False
    for number in range(1, count + 1):
        screen = terminal.settled(0.15)
        assert intact(screen), f"document {number}: the screen is not the app's:\n{screen}"
        assert "Traceback" not in screen and "Error" not in header(screen)
        if "markup.txt" in screen or "[@click=app.quit]Quit" in screen:
            markup_seen = markup_seen or "[@click=app.quit]Quit" in screen
        if number == count:
            break
        terminal.keys("]")
        screen = terminal.wait_for(lambda s: header(s) != titles[-1] and intact(s), f"document {number + 1}")
        titles.append(header(screen))
    assert len(titles) == count and markup_seen
    assert terminal.run("list-buffers") == "", "a document wrote to the clipboard (OSC 52)"
    assert "hijacked" not in terminal.run("display-message", "-p", "-t", "reader", "#{pane_title}")

    terminal.keys("]")  # past the last document: a notice, the app stays
    terminal.wait_for(lambda s: "No more documents" in s and intact(s), "the notice past the last document")
    terminal.keys("q")
    assert terminal.exit_status(exit_file) == "EXIT=0"
    after = terminal.wait_for(lambda s: "corpusreader: skipped" in s, "the skipped files after quitting")
    assert "hostile/fifo.txt: not a regular file: a named pipe" in after
    assert "Traceback" not in after


def test_the_detectors_see_an_escape_that_does_reach_the_terminal(terminal, tmp_path):
    """The control for the test above: a program that does write OSC 52 and OSC 0 is caught."""
    terminal.configure("set -g set-clipboard on", "set -g allow-rename on")
    terminal.start("printf '\\033]52;c;aGk=\\007\\033]0;hijacked title\\007'; sleep 60", LINES)
    terminal.until(lambda: '"hi"' in terminal.run("list-buffers"), "the clipboard write in a paste buffer")
    assert "hijacked" in terminal.run("display-message", "-p", "-t", "reader", "#{pane_title}")
