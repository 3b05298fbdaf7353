"""The hostile corpus (tests/hostile.py) through the loader and the installed command.

Every good file is loaded, every bad one is skipped with one line naming the path
and the reason, the exit status is the contract's, and nothing prints a traceback
or sends a control character to the terminal.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import (
    BETRAYED,
    BIG_LINE,
    HUGE,
    NEWLINE_NAME,
    PROSE,
    betray,
    documents,
    listed,
    make_big_files,
    make_hostile_corpus,
)

from corpusreader import cli
from corpusreader.corpus.export import ExportError, export_files, output_names
from corpusreader.corpus.loading import pipeline
from corpusreader.corpus.loading.files import MAX_BYTES, discover, read
from corpusreader.corpus.model import Document, LoadProblem, RawDocument, Source

BIN = Path(sys.executable).with_name("corpusreader")
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(*args, cwd=None, input=None, timeout=60):
    return subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, input=input,
                          timeout=timeout, errors="surrogateescape")


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "hostile"
    return folder, make_hostile_corpus(folder)


@pytest.fixture(scope="session")
def big_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    return folder, make_big_files(folder)


def skipped_lines(stderr: str) -> dict[str, str]:
    """{shown path: reason} of the 'skipped' warnings; each warning is one line."""
    found = {}
    for line in stderr.splitlines():
        match = re.fullmatch(r"corpusreader: skipped (.+?): (.+)", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def shown(folder: Path, name: str) -> str:
    return f"{folder}/{name}"


# -- the loader ------------------------------------------------------------------------


@pytest.mark.timeout(20)
def test_the_loader_gives_every_hostile_file_its_outcome_even_when_files_change_after_listing(hostile):
    folder, expected = hostile
    sources, named, inner = discover([str(folder)])
    assert not named
    betrayed = betray(folder)
    outcomes: dict[str, RawDocument | LoadProblem] = {p.path: p for p in inner}
    outcomes.update({s.path: read(s) for s in sources})
    wanted = {**listed(expected), **betrayed}
    assert sorted(outcomes) == sorted(shown(folder, name).replace("\udcff\udcfe", "\ufffd\ufffd") for name in wanted)
    for name, expect in wanted.items():
        outcome = outcomes[shown(folder, name).replace("\udcff\udcfe", "\ufffd\ufffd")]
        if expect.document:
            assert not isinstance(outcome, LoadProblem), (name, outcome)
            for words in expect.words:
                assert words in outcome.text, (name, words)
            if expect.encoding:
                assert outcome.encoding.startswith(expect.encoding), (name, outcome.encoding)
        else:
            assert isinstance(outcome, LoadProblem), (name, outcome)
            assert outcome.reason.startswith(expect.reason), (name, outcome.reason)


@pytest.mark.timeout(10)
def test_a_named_pipe_is_never_opened_for_reading(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    problem = read(Source("pipe.txt", tmp_path / "pipe.txt"))
    assert isinstance(problem, LoadProblem) and problem.reason == "not a regular file: a named pipe"


def test_a_few_bad_bytes_in_utf8_are_shown_as_replacement_characters_latin1_is_refused(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes("Café, Москва — fine. ".encode() * 3 + b"\xff broken\n")
    raw = read(Source("f.txt", path))
    assert raw.encoding == "utf-8 (1 invalid bytes shown as \ufffd)" and "\ufffd broken" in raw.text
    path.write_bytes("Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade.\n".encode("latin-1"))
    assert read(Source("f.txt", path)).reason.startswith("undecodable")


# -- the command -----------------------------------------------------------------------


def test_export_loads_every_good_file_and_skips_each_bad_one_with_one_line(hostile, tmp_path):
    folder, expected = hostile
    result = run("export", str(folder), "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and not TERMINAL_CONTROLS.search(result.stdout)
    skipped = skipped_lines(result.stderr)
    bad = {shown(folder, n): e.reason for n, e in listed(expected).items() if not e.document}
    assert set(skipped) == set(bad)
    for path, reason in bad.items():
        assert skipped[path].startswith(reason), (path, skipped[path])
    notes = [line for line in result.stderr.splitlines() if line.startswith("corpusreader: note:")]
    assert notes == [f"corpusreader: note: {folder}/invalid_utf8.txt: decoded as utf-8 (4 invalid bytes shown as \ufffd)"]
    assert len(result.stderr.splitlines()) == len(bad) + len(notes)
    exported = {d["path"]: d for d in map(json.loads, result.stdout.splitlines())}
    good = documents(listed(expected))
    assert len(exported) == len(good)
    for name, expect in good.items():
        document = exported[shown(folder, name).replace("\udcff\udcfe", "\ufffd\ufffd")]
        everything = json.dumps(document, ensure_ascii=False)
        for words in expect.words:
            assert json.dumps(words, ensure_ascii=False)[1:-1] in everything, (name, words)


def test_text_exports_to_a_folder_stay_inside_it_never_clash_and_never_drive_a_terminal(hostile, tmp_path):
    folder, expected = hostile
    count = len(documents(listed(expected)))
    for fmt in ("txt", "md", "html"):
        out = tmp_path / f"out-{fmt}"
        result = run("export", str(folder), "--format", fmt, "-o", str(out), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        written = sorted(out.iterdir())
        assert len(written) == count and len({p.name.casefold() for p in written}) == count
        for page in written:
            assert page.parent == out and not page.name.startswith((".", "-"))
            assert not TERMINAL_CONTROLS.search(page.read_text(encoding="utf-8").replace("\t", "")), page
        again = run("export", str(folder), "--format", fmt, "-o", str(out), cwd=tmp_path)
        assert again.returncode == 2 and again.stderr.splitlines()[-1].endswith("exist (use --force to overwrite)")
        assert run("export", str(folder), "--format", fmt, "-o", str(out), "--force", cwd=tmp_path).returncode == 0
    markup = (tmp_path / "out-txt" / "markup.txt").read_text(encoding="utf-8")
    assert "[@click=app.quit]Quit the app[/]" in markup and "\u241b[2J" in markup


def test_export_never_writes_into_an_input(hostile, tmp_path):
    folder, _ = hostile
    into = run("export", str(folder), "--format", "txt", "-o", str(folder / "sub folder.txt"), cwd=tmp_path)
    assert into.returncode == 2 and "inside the corpus folder" in into.stderr
    # An input file in the output folder, and an export whose name is that file's: refused even with --force.
    single = tmp_path / "single"
    single.mkdir()
    source = single / "statement.txt"
    source.write_text("A statement\n\n" + PROSE + "\n", encoding="utf-8")
    clash = run("export", str(source), "--format", "txt", "-o", str(single), "--force", cwd=tmp_path)
    assert clash.returncode == 2 and "input file" in clash.stderr
    assert source.read_text(encoding="utf-8").startswith("A statement\n\n")
    assert sorted(p.name for p in single.iterdir()) == ["statement.txt"]


def test_file_names_from_hostile_paths_are_safe_and_distinct(tmp_path):
    paths = ["../../etc/passwd", "a/..", "/", "", ".hidden.txt", "-rf.txt", "CON.txt", "nul", "x" * 400 + ".txt",
             "漢" * 300 + ".txt", "e\u0301.txt", "\u00e9.txt", "A.txt", "a.txt", "a-2.txt", "line\nbreak.txt",
             "bad \ufffd\ufffd name.txt", "tab\there.txt", "..\\..\\windows.txt"]
    names = output_names([Document(path=p) for p in paths], "html")
    assert len({n.casefold() for n in names}) == len(paths)
    for name in names:
        assert len(name.encode()) + len(".x.part") + 10 <= 255, name
        assert "/" not in name and "\\" not in name and not name.startswith((".", "-")), name
        assert (tmp_path / name).resolve().parent == tmp_path.resolve()
    written = export_files([Document(path=p, paragraphs=["text"]) for p in paths], "txt", tmp_path / "out")
    assert len(written) == len(paths) and all(p.parent == tmp_path / "out" for p in written)
    with pytest.raises(ExportError):
        export_files([Document(path="A.txt", paragraphs=["text"])], "txt", tmp_path / "out")


def test_search_and_terms_over_the_hostile_corpus(hostile, tmp_path):
    folder, _ = hostile
    queries = "\n".join(["[red]", "\x1b[2J", "[@click=app.quit]", "Москва", "*", "((", "\\", "\u202eevil",
                         "заявление", "ministers hostile"]) + "\n"
    for fmt in ("json", "text"):
        result = run("search", "--queries", "-", str(folder), "--format", fmt, input=queries, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and not TERMINAL_CONTROLS.search(result.stdout.replace("\n", ""))
    answers = json.loads(run("search", "--queries", "-", str(folder), "--format", "json", input=queries,
                             cwd=tmp_path).stdout)
    assert len(answers) == 10 and any(hit["path"].endswith("markup.txt") for hit in answers[0]["results"])
    for fmt in ("json", "text"):
        terms = run("terms", str(folder), "--format", fmt, cwd=tmp_path)
        assert terms.returncode == 0 and "Traceback" not in terms.stderr
        assert not TERMINAL_CONTROLS.search(terms.stdout.replace("\n", ""))


@pytest.mark.timeout(30)
def test_named_paths_that_cannot_be_read_exit_2_with_one_line_each(hostile, tmp_path):
    folder, _ = hostile
    for name, reason in [("fifo.txt", "a named pipe, not a file or folder"),
                         ("loop.txt", "symbolic link loop: the link leads back to itself"),
                         ("dangling.txt", "dangling link: its target does not exist"),
                         ("missing.txt", "no such file or folder")]:
        result = run("export", str(folder / name), str(folder / "markup.txt"), "--format", "jsonl", cwd=tmp_path)
        assert result.returncode == 2, (name, result.stderr)
        assert result.stderr.splitlines()[0] == f"corpusreader: error: {folder}/{name}: {reason}"
        assert len(result.stdout.splitlines()) == 1  # the rest is still exported
    newline = run("export", str(folder / NEWLINE_NAME) + "-gone", "--format", "jsonl", cwd=tmp_path)
    assert newline.returncode == 2 and len(newline.stderr.splitlines()) == 2  # the name's newline is escaped
    assert "заявление\\nМИД" in newline.stderr
    assert run("export", "", "--format", "jsonl", cwd=tmp_path).returncode == 2


def test_files_that_change_between_listing_and_reading_are_skipped_with_a_reason(hostile, monkeypatch, capsys):
    folder, expected = hostile
    real_discover = pipeline.discover

    def discover_then_betray(paths):
        listing = real_discover(paths)
        betray(folder)
        return listing

    monkeypatch.setattr(pipeline, "discover", discover_then_betray)
    status = cli.main(["export", str(folder), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert status == 0 and "Traceback" not in err
    skipped = skipped_lines(err)
    for name, expect in BETRAYED.items():
        assert skipped[shown(folder, name)].startswith(expect.reason), name
    assert len(out.splitlines()) == len(documents(listed(expected))) - len(BETRAYED)


BIG_TESTS = os.environ.get("CORPUSREADER_BIG_TESTS", "").lower() in ("1", "true", "yes")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", [BIG_LINE, pytest.param(HUGE, marks=pytest.mark.skipif(
    not BIG_TESTS, reason="6 s (cleaning 8 MB of short lines): run with CORPUSREADER_BIG_TESTS=1"))])
def test_big_files_are_capped_with_a_note(big_folder, tmp_path, name):
    folder, expected = big_folder
    result = run("export", str(folder / name), "--format", "jsonl", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"corpusreader: note: {folder}/{name}: larger than 8 MB; only the first 8 MB read\n"
    document = json.loads(result.stdout)
    kept = sum(len(p) for p in document["paragraphs"]) + len(document["title"] or "")
    assert 0 < kept <= MAX_BYTES and expected[name].words[0] in result.stdout


def test_a_capped_file_ends_at_its_last_whole_line(big_folder):
    folder, _ = big_folder
    huge = read(Source(HUGE, folder / HUGE))
    assert huge.truncated and huge.size == (folder / HUGE).stat().st_size
    assert len(huge.text.encode()) <= MAX_BYTES and huge.text.endswith(PROSE + "\n\n")
    line = read(Source(BIG_LINE, folder / BIG_LINE))
    assert line.truncated and len(line.text) == MAX_BYTES and "\n" not in line.text
