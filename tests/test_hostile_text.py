"""Hostile characters in text and file names: one module decides what reaches a terminal or a JSON file.

Bidirectional controls (U+202E turns a line around), C1 controls (U+009B starts a
terminal command on many terminals), lone surrogates (from bytes that are not
UTF-8 in a file name or an argument) and NUL bytes in prose.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import PROSE

from corpusreader.corpus import controls
from corpusreader.corpus.controls import (
    BIDI_CONTROLS,
    inert,
    json_text,
    printable,
    visible,
)
from corpusreader.corpus.loading.decoding import decode
from corpusreader.corpus.loading.files import read
from corpusreader.corpus.model import (
    Document,
    RawDocument,
    Removed,
    Source,
)
from corpusreader.widgets.text_layout import clean_blocks, raw_blocks

BIN = Path(sys.executable).with_name("corpusreader")
ROOT = Path(__file__).resolve().parent.parent
TERMINAL_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
NASTY = "A\x1b[31m red\x9b1m \u202eevil\u202c \u2066iso\u2069 \u200e\u200f\x00 \udcff end"


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, timeout=120, **kwargs)


# -- one module: the screen, the exports, messages, JSON -------------------------------------------


def test_visible_keeps_one_character_for_one_and_lets_no_control_through():
    shown = visible(NASTY)
    assert len(shown) == len(NASTY)
    assert not TERMINAL_UNSAFE.search(shown)
    assert shown.count("\u21c6") == 6  # every bidi control, as one symbol
    assert "\u241b" in shown and "\u2400" in shown  # ESC and NUL as their control pictures


def test_every_shown_text_uses_the_one_helper():
    """The widgets, the exports and the commands import the helpers of corpus/controls.py, not their own."""
    from corpusreader.corpus import export
    from corpusreader.corpus.loading import files
    from corpusreader.widgets import text_layout

    assert text_layout.visible is controls.visible
    assert export.inert is controls.inert
    assert files.printable is controls.printable


def test_the_reading_pane_shows_bidi_controls_as_symbols():
    document = Document(path="d.txt", title="Title \u202eevil", date="2021-01-01", place="Moscow\u2066",
                        paragraphs=["Body \u202etext\u202c here.", "Second \u200fparagraph."],
                        paragraph_lines=[3, 5], title_line=1,
                        removed=[Removed(2, "Menu \u2067item", "site navigation")])
    for blocks in (clean_blocks(document), raw_blocks(document)):
        text = "".join(block.text for block in blocks)
        assert not TERMINAL_UNSAFE.search(text), text
        assert "\u21c6" in text


def test_the_list_and_the_header_show_bidi_controls_as_symbols():
    from corpusreader.widgets.document_list import DocumentList

    document = Document(path="d.txt", title="\u202eevil title", date="2021\u200e-01-01", site="x\u2066.ru")
    holder = DocumentList.__new__(DocumentList)
    holder.documents = [document]
    cells = DocumentList._row(holder, 0)
    assert not any(TERMINAL_UNSAFE.search(cell.plain) for cell in cells)
    assert cells[0].plain.startswith("\u21c6evil")


def test_exports_keep_bidi_text_and_tab_but_no_terminal_control():
    assert inert("a\tb\nc\u202ed\x1b\x9b") == "a\tb\nc\u202ed\u241b\ufffd"


def test_printable_escapes_bidi_and_controls_in_one_line():
    assert printable("a\u202eb\nc\x9b") == "a\\u202eb\\nc\\x9b"


def test_json_text_escapes_what_is_unsafe_and_reads_back_exactly():
    value = {"text": NASTY, "plain": "Москва — «кавычки»", "lines": "a\u2028b"}
    written = json_text(value)
    assert written.encode("utf-8")  # valid UTF-8: a lone surrogate is an escape, not a raw code point
    assert not TERMINAL_UNSAFE.search(written)
    assert "Москва — «кавычки»" in written  # readable text stays as it is
    assert json.loads(written) == value


# -- the commands' JSON: one encoder ---------------------------------------------------------------


@pytest.fixture
def c1_corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    name = "report \u009b31m \u202eevil\u202c.txt"
    (folder / name).write_text("The Committee report\n\n" + PROSE + "\n\nThe committee met again. " + PROSE + "\n",
                               encoding="utf-8")
    (folder / "other.txt").write_text("Another committee\n\n" + PROSE + "\n", encoding="utf-8")
    return folder


def _assert_safe_json(output: bytes) -> object:
    text = output.decode("utf-8")  # fails on a raw lone surrogate written with surrogateescape
    assert not TERMINAL_UNSAFE.search(text), repr(TERMINAL_UNSAFE.search(text))
    return json.loads(text)


@pytest.mark.parametrize("command", [["terms", "--format", "json"], ["export", "--format", "json"],
                                     ["export", "--format", "jsonl"], ["search", "committee", "--format", "json"]])
def test_json_output_escapes_c1_and_bidi_controls_from_file_names(c1_corpus, command):
    done = run(*command, str(c1_corpus))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines() if "jsonl" in command else [done.stdout]
    paths = json.dumps([_assert_safe_json(line) for line in lines], ensure_ascii=False)
    assert "report \u009b31m \u202eevil\u202c.txt" in paths  # the exact name, once decoded


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])  # C: standard output writes surrogates back as bytes
def test_a_query_of_invalid_utf8_gives_valid_json(locale):
    env = {**os.environ, "LC_ALL": locale}
    done = run("search", os.fsdecode(b"\xff\xfe committee"), str(ROOT / "texts"), "--format", "json", env=env)
    assert done.returncode in (0, 1), done.stderr
    answer = _assert_safe_json(done.stdout)
    assert answer["query"] == "\udcff\udcfe committee"


# -- a stray NUL byte in prose is text; a binary file is not -----------------------------------------


def test_one_nul_byte_in_prose_is_still_text(tmp_path):
    data = ("The committee met. " * 200).encode() + b"\x00" + (" " + PROSE) .encode() * 20 + b"\n"
    path = tmp_path / "nul.txt"
    path.write_bytes(data)
    raw = read(Source("nul.txt", path))
    assert isinstance(raw, RawDocument), raw
    assert raw.encoding == "utf-8" and "\x00" in raw.text and raw.text.endswith(PROSE + "\n")


@pytest.mark.parametrize("data", [
    b"A text with NUL bytes\x00 in it\x00\x00 and more words after them.\n",  # 3 in 66 bytes
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    b"SQLite format 3\x00" + bytes(4096),
    ("UTF-8 text " * 50).encode() + bytes(range(32)) * 40,  # binary after a text header
])
def test_many_control_bytes_are_binary(data):
    reason = decode(data)
    assert isinstance(reason, str) and reason.startswith("binary file"), reason
