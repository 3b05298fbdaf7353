"""A warm ``corpusreader terms`` (and ``export``) reads no document file (issue 15): a file whose size
and modification time are those the cache remembers is taken from the cache. Shown on real files
whose bytes are replaced after the first run, their size and modification time kept: the output
stays that of the first run; a file whose modification time changed is read again."""

from __future__ import annotations

import os
from pathlib import Path

from corpusreader.cli import main

PAGES = {
    "meeting.txt": "Meeting on energy\n\nThe Eurasian Economic Union (EAEU) met in Minsk with Alexei Overchuk.\n",
    "statement.txt": "Statement on trade\n\nThe EAEU partners, Overchuk said, will meet again in Kazan.\n",
    "notes/briefing.txt": "Briefing\n\nThe World Health Organization (WHO) asked the EAEU for data.\n",
}


def write(folder: Path) -> None:
    for name, text in PAGES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def replace_keeping_size_and_time(file: Path) -> None:
    """Other bytes of the same length, and the modification time the file had."""
    before = file.stat()
    text = file.read_text(encoding="utf-8")
    file.write_text("".join("x" if c.isalpha() else c for c in text), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file.stat().st_size == before.st_size


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_a_warm_run_reads_no_document_file(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    write(corpus)
    first = {form: run(capsys, "terms", "--format", form, str(corpus)) for form in ("text", "json")}
    exported = run(capsys, "export", "--format", "jsonl", str(corpus))
    assert "EAEU = Eurasian Economic Union" in first["text"] and "Overchuk" in first["text"]
    for name in PAGES:
        replace_keeping_size_and_time(corpus / name)
    for form in ("text", "json"):
        assert run(capsys, "terms", "--format", form, str(corpus)) == first[form]
    assert run(capsys, "export", "--format", "jsonl", str(corpus)) == exported


def test_a_file_whose_time_changed_is_read_again(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    write(corpus)
    first = run(capsys, "terms", str(corpus))
    replace_keeping_size_and_time(corpus / "meeting.txt")
    changed = corpus / "meeting.txt"
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 5_000_000_000))
    again = run(capsys, "terms", str(corpus))
    assert again != first and "Minsk" not in again and "Kazan" in again
