"""The worst a user's folder can hold, written on demand for the tests (issue 6).

``make_hostile_corpus(folder)`` writes the small hostile files and returns what
each should become: a document (with words that must show) or a skip (with the
start of its reason). ``betray(folder)`` then plays the tricks that happen
between listing a folder and reading it: a file vanishes, turns into a folder
or into a named pipe. ``make_big_files(folder)`` writes the 50 MB one-line file
and the 100 MB file from repeated chunks (about a second); tests keep them in a
session-scoped folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024

ESCAPES = (
    "\x1b[2J\x1b[H"  # clear the screen, cursor home
    "\x1b[31mred by ANSI\x1b[0m "
    "\x1b]52;c;cm0gLXJmIH4K\x07"  # OSC 52: write to the clipboard
    "\x1b]8;;http://evil.example/\x1b\\an OSC 8 link\x1b]8;;\x1b\\ "
    "\x1b]0;hijacked title\x07"  # OSC 0: the window title
    "\x9b2J"  # the one-character CSI (C1), then 2J
    "\x07\x08\x7f"  # bell, backspace, delete
)
MARKUP_LINES = [
    "[red]Red text[/red] and [bold]bold[/bold] and [/] a closing tag alone [/b] and [/]",
    "[link=file:///etc/passwd]a link to the password file[/link]",
    "[@click=app.quit]Quit the app[/] [@click=app.bell]ring[/] [on red]on red[/]",
    "[TODO] Q3 plan [IMPORTANT] [b] unclosed [i] [#ff0000]hex[/] \\[escaped] \\\\[red]double escape",
    "Brackets alone: [ [[ ]] ] [=] [ red ] [1] [a=b] $var ${x} {red} <b>html</b> &amp;",
]
ODD_CHARACTERS = (
    "Tabs\there\tand\tthere; a carriage return\rin the middle; "
    "zero width:\u200b\u200c\u200d\u2060\ufeff end; "
    "right to left: \u202eevil reversed\u202c \u200f\u05e9\u05dc\u05d5\u05dd "
    "\u0645\u0631\u062d\u0628\u0627 \u2067isolate\u2069; "
    "combining: e\u0301\u0301\u0301; wide: 漢字テキスト; emoji: 👩\u200d💻 🇷🇺"
)
HOSTILE_TEXT = "\n".join([
    "A statement full of [markup] and \x1b[2Jescapes",
    "",
    "The ministers discussed hostile input at length, and agreed the reader must show it as typed.",
    "",
    *MARKUP_LINES,
    "",
    "Escapes: " + ESCAPES + " after the escapes.",
    "",
    ODD_CHARACTERS,
    "",
    "The closing paragraph says the screen must stay intact whatever the text holds.",
    "",
])
RUSSIAN = (
    "Заявление Министерства иностранных дел России\n\n"
    "Министерство иностранных дел Российской Федерации сообщает о встрече министров "
    "и о переговорах по вопросам международной информационной безопасности.\n"
)
PROSE = ("The delegation discussed international information security at length, and the "
         "ministers agreed that the working group should continue its work next year.")


@dataclass(frozen=True)
class Expected:
    """What a hostile file should become: a document showing `words`, or a skip whose reason starts so."""

    document: bool
    reason: str = ""
    words: tuple[str, ...] = ()
    encoding: str | None = None
    tags: tuple[str, ...] = field(default=())


def _doc(*words: str, encoding: str | None = None) -> Expected:
    return Expected(True, words=words, encoding=encoding)


def _skip(reason: str) -> Expected:
    return Expected(False, reason=reason)


NEWLINE_NAME = "заявление\nМИД — déclaration.txt"
BAD_BYTES_NAME = b"bad \xff\xfe name.txt"


def make_hostile_corpus(folder: Path) -> dict[str, Expected]:
    """Write the hostile files into folder; returns {file name: Expected} for every corpus entry."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Expected] = {}

    def write(name: str, data: bytes | str, outcome: Expected) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = outcome

    write("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, _skip("binary file"))
    write("empty.txt", b"", _skip("empty file"))
    write("blank.txt", b"  \n\t\r\n \xc2\xa0 \n\n", _skip("empty file (only white space)"))
    write("nul_bytes.txt", b"A text with NUL bytes\x00 in it\x00\x00 and more words after them.\n",
          _skip("binary file (contains NUL bytes)"))
    write("invalid_utf8.txt", ("Mostly good UTF-8 — with dashes, café, Москва; then bad bytes: ").encode()
          + b"\xc3\x28 \xff\xfe\xa0 and the end of the line.\n\n" + PROSE.encode() + b"\n",
          _doc("bad bytes", "end of the line", encoding="utf-8"))
    write("cp1251.txt", RUSSIAN.encode("cp1251"), _doc("Министерство", encoding="cp1251"))
    write("koi8r.txt", RUSSIAN.encode("koi8-r"), _doc("переговорах", encoding="koi8-r"))
    write("utf16_bom.txt", ("UTF-16 with a byte order mark\n\n" + PROSE + "\n").encode("utf-16"),
          _doc("byte order mark", encoding="utf-16"))
    write("utf16le_nobom.txt", ("UTF-16 little end, no mark\n\n" + PROSE + "\n").encode("utf-16-le"),
          _doc("little end", encoding="utf-16-le"))
    write("utf16be_nobom.txt", ("UTF-16 big end, no mark\n\n" + RUSSIAN).encode("utf-16-be"),
          _doc("big end", encoding="utf-16-be"))
    write("markup.txt", HOSTILE_TEXT, _doc("[red]Red text[/red]", "[@click=app.quit]Quit the app[/]",
                                           "[link=file:///etc/passwd]", "[TODO] Q3 plan", "\\[escaped]"))
    write("markup_title.md", "[bold red]A title in [@click=app.quit]markup[/]\n\n" + PROSE + "\n",
          _doc("[bold red]A title in [@click=app.quit]markup[/]"))
    write("crlf_and_cr.txt", "Line endings of every kind\r\n\r\n" + PROSE + "\r\n\rOld Mac line\rand another\n",
          _doc("Line endings of every kind", "Old Mac line"))
    write("separators.txt", "Unicode line separators\n\nOne\u2028two\u2029three\x85four\x0bfive\x0csix\x1cseven. "
          + PROSE + "\n", _doc("Unicode line separators"))
    write("long_words.txt", "A word longer than the screen\n\n" + "x" * 5000 + " " + "[" * 3000 + " "
          + "長" * 2000 + "\n", _doc("longer than the screen"))
    write(NEWLINE_NAME, "A file whose name has a newline\n\n" + PROSE + "\n", _doc("whose name has a newline"))
    with open(os.path.join(os.fsencode(folder), BAD_BYTES_NAME), "wb") as handle:
        handle.write(("A file whose name is not UTF-8\n\n" + PROSE + "\n").encode())
    expected[os.fsdecode(BAD_BYTES_NAME)] = _doc("name is not UTF-8")
    write("-starts with a dash.txt", "A file named like an option\n\n" + PROSE + "\n", _doc("named like an option"))
    write("UPPER.TXT", "An upper-case extension\n\n" + PROSE + "\n", _doc("upper-case extension"))
    write(".hidden.txt", "hidden", Expected(False, reason="(not listed)", tags=("unlisted",)))
    # Files that stay good until betray() turns them bad.
    for name in ("vanishing.txt", "becomes_folder.txt", "becomes_fifo.txt", "becomes_loop.txt"):
        write(name, f"{name} before the betrayal\n\n{PROSE}\n", _doc("before the betrayal"))
    os.mkfifo(folder / "fifo.txt")
    expected["fifo.txt"] = _skip("not a regular file: a named pipe")
    os.symlink("loop.txt", folder / "loop.txt")
    expected["loop.txt"] = _skip("symbolic link loop")
    os.symlink("loop_b.txt", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    expected["loop_a.txt"] = _skip("symbolic link loop")
    expected["loop_b.txt"] = _skip("symbolic link loop")
    os.symlink("nowhere/at/all.txt", folder / "dangling.txt")
    expected["dangling.txt"] = _skip("dangling link")
    os.symlink("/proc/self/mem", folder / "unreadable_mem.txt")  # opens, but every read fails (EIO)
    expected["unreadable_mem.txt"] = _skip("input/output error")
    sub = folder / "sub folder.txt"
    sub.mkdir()
    (sub / "nested.md").write_text("A nested document\n\n" + PROSE + "\n", encoding="utf-8")
    expected["sub folder.txt/nested.md"] = _doc("nested document")
    os.symlink("..", sub / "loop_up")  # a folder loop: never followed
    os.symlink("../markup.txt", sub / "same_as_markup.txt")  # the same file twice: read once
    expected["sub folder.txt/same_as_markup.txt"] = Expected(False, reason="(a duplicate)", tags=("unlisted",))
    return expected


BETRAYED = {
    "vanishing.txt": _skip("vanished"),
    "becomes_folder.txt": _skip("not a regular file: a folder"),
    "becomes_fifo.txt": _skip("not a regular file: a named pipe"),
    "becomes_loop.txt": _skip("symbolic link loop"),
}


def betray(folder: Path) -> dict[str, Expected]:
    """Between listing and reading: files vanish or turn into what cannot be read."""
    folder = Path(folder)
    (folder / "vanishing.txt").unlink()
    (folder / "becomes_folder.txt").unlink()
    (folder / "becomes_folder.txt").mkdir()
    (folder / "becomes_fifo.txt").unlink()
    os.mkfifo(folder / "becomes_fifo.txt")
    (folder / "becomes_loop.txt").unlink()
    os.symlink("becomes_loop.txt", folder / "becomes_loop.txt")
    return dict(BETRAYED)


def listed(expected: dict[str, Expected]) -> dict[str, Expected]:
    """The entries a listing of the folder reports (documents and skips), without the unlisted ones."""
    return {name: e for name, e in expected.items() if "unlisted" not in e.tags}


def documents(expected: dict[str, Expected]) -> dict[str, Expected]:
    return {name: e for name, e in expected.items() if e.document}


BIG_LINE = "big_one_line.txt"
HUGE = "huge.txt"


def make_big_files(folder: Path) -> dict[str, Expected]:
    """A 50 MB file on one line and a 100 MB file of ordinary lines, from repeated 1 MB chunks."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    words = (PROSE + " ").encode()
    chunk = (words * (MB // len(words) + 1))[:MB]
    with open(folder / BIG_LINE, "wb") as out:
        out.write(b"One line of fifty megabytes ")
        for _ in range(50):
            out.write(chunk)
        out.write(b"\n")
    paragraph = (PROSE + "\n\n").encode()
    lines = (paragraph * (MB // len(paragraph) + 1))[:MB]
    lines = lines[: lines.rfind(b"\n") + 1]
    with open(folder / HUGE, "wb") as out:
        out.write(b"A hundred megabytes of statements\n\n")
        for _ in range(100):
            out.write(lines)
    return {BIG_LINE: _doc("One line of fifty megabytes"), HUGE: _doc("A hundred megabytes")}


__all__ = ["ESCAPES", "Expected", "HOSTILE_TEXT", "MARKUP_LINES", "betray", "documents", "listed",
           "make_big_files", "make_hostile_corpus"]
