"""One analyst's session in a real terminal (tmux, the installed program): a date-limited phrase
search (``"rules of conduct" year:2013``: the only hit either way, while the search screen may not read the
query language yet), open the hit, copy it with its citation, mark it with a note, quit; start again with the same
data folder: the note is on the Notes screen."""

from __future__ import annotations

import pytest
from test_e2e_tmux import BIN, Terminal, header, terminal  # noqa: F401 (terminal: the fixture)

pytestmark = pytest.mark.e2e

PAGES = {
    "a2013.txt": ("Statement on information security", "May 5, 2013",
                  "The minister spoke about international information security at length today.",
                  "Vladimir Putin: We need common rules of conduct in the information space."),
    "b2016.txt": ("Briefing on information security", "June 1, 2016",
                  "The spokesperson answered questions on information security and the new doctrine.",
                  "Maria Zakharova: The doctrine was adopted after long consultations."),
    "c2013.txt": ("Trade talks in Geneva", "March 3, 2013",
                  "The delegations discussed tariffs, quotas and the schedule of the next round.",
                  "Sergei Lavrov: We expect progress before the summer."),
}


def write_corpus(folder):
    folder.mkdir(parents=True)
    for name, (title, date, *paragraphs) in PAGES.items():
        (folder / name).write_text("\n\n".join([title, date, *paragraphs]) + "\n", encoding="utf-8")
    return folder


def test_search_open_copy_mark_quit_and_the_note_is_there_next_time(terminal: Terminal, tmp_path):  # noqa: F811
    corpus = write_corpus(tmp_path / "corpus")
    exit_file = tmp_path / "exit"
    terminal.start(f"cd {tmp_path} && {BIN} {corpus}; echo EXIT=$? > {exit_file}; sleep 60")
    terminal.wait_for(lambda s: "Next doc" in s and "corpusreader —" in header(s), "the first document")

    terminal.keys("s")
    terminal.wait_for(lambda s: "search the corpus" in header(s), "the search screen")
    terminal.keys('"rules of conduct" year:2013')
    terminal.wait_for(lambda s: "Statement on information security  2013-05-05 · ¶ 2" in s, "the 2013 statement")
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "Statement on information security" in header(s), "the document at the hit")

    terminal.keys("y")
    terminal.wait_for(lambda s: "Copied ¶ 2 with its citation" in s, "the copy's notification")

    terminal.keys("m")
    terminal.wait_for(lambda s: "Mark ¶ 2 of Statement on information security" in s, "the note box")
    terminal.keys("key passage on rules", "Enter")
    terminal.wait_for(lambda s: "Marked ¶ 2 with a note" in s, "the mark's notification")
    terminal.keys("q")
    assert terminal.exit_status(exit_file) == "EXIT=0"

    exit_file.unlink()
    terminal.run("kill-session", "-t", "reader")
    terminal.start(f"cd {tmp_path} && {BIN} {corpus}; echo EXIT=$? > {exit_file}; sleep 60")
    terminal.wait_for(lambda s: "Next doc" in s and "corpusreader —" in header(s), "the reader again")
    terminal.keys("M")
    notes = terminal.wait_for(lambda s: "Marks and notes" in s and "key passage on rules" in s, "the Notes screen")
    assert "Statement on information security" in notes and "1 mark" in notes
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "Statement on information security" in header(s), "the marked paragraph")
    terminal.keys("q")
    assert terminal.exit_status(exit_file) == "EXIT=0"
