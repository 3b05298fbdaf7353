"""Exports never lose data: inputs found by identity, exclusive creation, only regular files replaced,
no temporary left after a signal, nothing written into a corpus folder, the usual file mode, and
text that renders as typed. Most run the installed command, since processes and signals are the point."""

from __future__ import annotations

import html
import os
import pty
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faults.harness import children_of
from faults.terminal import read_until

from corpusreader.corpus.export import ExportError, export_files, render_one, to_html, to_markdown
from corpusreader.corpus.model import Document

BIN = Path(sys.executable).with_name("corpusreader")
PROSE = ("The delegation discussed international information security at length, and the ministers agreed "
         "that the working group should continue its work next year.")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def write_corpus(folder: Path, count: int, tag: str, paragraphs: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = "\n\n".join(f"{tag} paragraph {k} of document {n}. {PROSE}" for k in range(paragraphs))
        (folder / f"doc{n:03d}.txt").write_text(f"Statement {tag} {n}\n\n{body}\n", encoding="utf-8")
    return folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# -- 1. inputs by identity -------------------------------------------------------------


def test_force_never_replaces_an_input_reached_through_a_link(tmp_path):
    corpus, out = tmp_path / "s" / "c", tmp_path / "s" / "o"
    corpus.mkdir(parents=True)
    out.mkdir()
    real = out / "p.txt"
    real.write_text("T\n\nraw\n", encoding="utf-8")
    (corpus / "p.txt").symlink_to(real)
    result = run("export", str(corpus), "--format", "txt", "-o", str(out), "--force")
    assert result.returncode == 2 and "input file" in result.stderr, result.stderr
    assert real.read_text(encoding="utf-8") == "T\n\nraw\n"
    assert sorted(p.name for p in out.iterdir()) == ["p.txt"]


def test_a_hard_link_to_an_input_is_an_input(tmp_path):
    source = write_corpus(tmp_path / "c", 1, "A") / "doc000.txt"
    out = tmp_path / "out"
    out.mkdir()
    os.link(source, out / "doc000.txt")
    with pytest.raises(ExportError, match="input file"):
        export_files([Document(path="doc000.txt", paragraphs=["new"])], "txt", out, [tmp_path / "c"], force=True)
    assert source.read_text(encoding="utf-8").startswith("Statement A 0")


# -- 2. a file that must not be overwritten is created exclusively -------------------------


def test_a_file_that_appears_while_exporting_is_never_overwritten(tmp_path, monkeypatch):
    """Another writer creates the names after the check for existing files: it keeps them."""
    from corpusreader.corpus import export as export_module

    out = tmp_path / "out"
    documents = [Document(path=f"d{n}.md", paragraphs=[f"ours {n}"]) for n in range(3)]
    real_render = export_module.render_one

    def render_after_a_rival(document, fmt):
        for n in range(3):
            rival = out / f"d{n}.md"
            if not rival.exists():
                out.mkdir(exist_ok=True)
                rival.write_text("theirs\n")
        return real_render(document, fmt)

    monkeypatch.setattr(export_module, "render_one", render_after_a_rival)
    with pytest.raises(ExportError, match="exist"):
        export_files(documents, "md", out)
    assert all((out / f"d{n}.md").read_text() == "theirs\n" for n in range(3))
    assert leftovers(out) == []


def test_two_exports_into_one_folder_at_once_never_overwrite_each_other(tmp_path):
    x, y = write_corpus(tmp_path / "X", 300, "X", 1), write_corpus(tmp_path / "Y", 300, "Y", 1)
    out = tmp_path / "two"
    args = ["export", "--format", "md", "-o", str(out), "--no-cache"]
    first = subprocess.Popen([str(BIN), *args, str(x)], stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen([str(BIN), *args, str(y)], stderr=subprocess.PIPE, text=True)
    codes = {"X": first.wait(timeout=120), "Y": second.wait(timeout=120)}
    first.stderr.close()
    second.stderr.close()
    assert sorted(codes.values()) != [0, 0], "two exports of the same names both claimed success"
    owners = {}
    for page in out.iterdir() if out.exists() else []:
        assert not page.name.endswith(".part"), page
        text = page.read_text(encoding="utf-8")
        owners[page.name] = "X" if text.startswith("# Statement X") else "Y"
        assert text.startswith(f"# Statement {owners[page.name]}")
    for tag, code in codes.items():
        if code == 0:
            assert len(owners) == 300 and set(owners.values()) == {tag}


# -- 3. only regular files are replaced ------------------------------------------------------


def test_force_never_replaces_a_fifo_or_a_symbolic_link(tmp_path):
    corpus = write_corpus(tmp_path / "c", 2, "A")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    real = tmp_path / "real.json"
    real.write_text("mine\n")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    for target in (fifo, link):
        result = run("export", str(corpus), "--format", "json", "-o", str(target), "--force", "--no-cache")
        assert result.returncode == 2 and "not a regular file" in result.stderr, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink() and real.read_text() == "mine\n"
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "doc001.txt")
    result = run("export", str(corpus), "--format", "txt", "-o", str(out), "--force", "--no-cache")
    assert result.returncode == 2 and "not a regular file" in result.stderr, result.stderr
    assert stat.S_ISFIFO(os.lstat(out / "doc001.txt").st_mode) and sorted(os.listdir(out)) == ["doc001.txt"]


# -- 4. signals and stale temporaries -----------------------------------------------------


def dead_pid() -> int:
    finished = subprocess.Popen(["true"])
    finished.wait()
    return finished.pid


def test_a_later_export_removes_the_stale_temporaries_of_dead_writers_only(tmp_path):
    from corpusreader.corpus.safe_write import temp_name

    out = tmp_path / "out"
    out.mkdir()
    stale = temp_name(dead_pid())
    live = temp_name(os.getpid())
    for name in (stale, live, ".notes.part", ".corpusreader-00000000-1-x.part"):
        (out / name).write_text("half")
    assert live.startswith(".corpusreader-") and live.endswith(".part") and str(os.getpid()) in live
    assert run("export", str(write_corpus(tmp_path / "c", 1, "A")), "--format", "md", "-o", str(out)).returncode == 0
    assert stale not in os.listdir(out)
    assert {live, ".notes.part", ".corpusreader-00000000-1-x.part", "doc000.md"} == set(os.listdir(out))


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_the_cleaning_workers_end_with_the_export(tmp_path, signum):
    corpus = write_corpus(tmp_path / "c", 600, "A", 12)
    export = subprocess.Popen([str(BIN), "export", str(corpus), "--format", "md", "-o", str(tmp_path / "out"),
                               "--no-cache"], stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and export.poll() is None and time.monotonic() < deadline:
            workers = children_of(export.pid)
            time.sleep(0.01)
        assert len(workers) == 2, "the export never started its two cleaning processes"
        export.send_signal(signum)
        export.wait(timeout=60)
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in workers), "a cleaning process outlived the export"
        if signum == signal.SIGTERM:
            assert export.returncode == 128 + signum and "Traceback" not in export.stderr.read()
    finally:
        export.kill()
        export.wait()
        export.stderr.close()
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_writing_leaves_no_temporary(tmp_path, signum):
    corpus = write_corpus(tmp_path / "c", 300, "A", 8)
    out = tmp_path / "out"
    export = subprocess.Popen([str(BIN), "export", str(corpus), "--format", "md", "-o", str(out)],
                              stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while export.poll() is None and not out.exists() and time.monotonic() < deadline:
        time.sleep(0.001)  # the folder is made just before the first file
    export.send_signal(signum)
    code = export.wait(timeout=60)
    stderr = export.stderr.read()
    export.stderr.close()
    assert code in (0, 128 + signum), (code, stderr)
    assert "Traceback" not in stderr
    if out.exists():
        assert leftovers(out) == []
        if code != 0:  # an interrupted export takes back the files it created
            assert os.listdir(out) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_the_reader_restores_the_terminal_on_a_signal(tmp_path, signum):
    corpus = write_corpus(tmp_path / "c", 3, "A")
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    reader = subprocess.Popen([str(BIN), str(corpus)], stdin=slave, stdout=slave, stderr=slave, env=env,
                              start_new_session=True)
    os.close(slave)
    try:
        painted = read_until(master, b"Statement A 0", 30)
        assert b"\x1b[?1049h" in painted, "the reader never painted"
        reader.send_signal(signum)
        rest = read_until(master, b"\x1b[?1049l", 30)
        assert reader.wait(timeout=30) == 128 + signum
        assert b"\x1b[?1049l" in rest and b"\x1b[?1000l" in rest, "the terminal was left in the reader's modes"
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()
        os.close(master)


# -- 5. nothing written into a corpus folder ------------------------------------------------


def test_a_named_file_s_folder_is_a_corpus_folder(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.md").write_text("A\n\nraw a md\n", encoding="utf-8")
    (folder / "a.txt").write_text("raw txt\n", encoding="utf-8")
    for output in (folder, folder / "out.json"):
        fmt = "json" if output.suffix == ".json" else "txt"
        result = run("export", str(folder / "a.md"), "--format", fmt, "-o", str(output), "--force")
        assert result.returncode == 2 and "corpus folder" in result.stderr, result.stderr
    assert (folder / "a.txt").read_text(encoding="utf-8") == "raw txt\n"
    assert sorted(os.listdir(folder)) == ["a.md", "a.txt"]
    assert run("export", str(folder / "a.md"), "--format", "txt", "-o", str(folder / "clean")).returncode == 0


# -- 6. the dialog's folder, and the file mode ----------------------------------------------


def test_exports_have_the_mode_the_umask_gives(tmp_path):
    saved = os.umask(0o027)
    try:
        written = export_files([Document(path="a.txt", paragraphs=["x"])], "md", tmp_path / "out")
        single = export_files([Document(path="a.txt", paragraphs=["x"])], "json", tmp_path / "one.json")
    finally:
        os.umask(saved)
    assert stat.S_IMODE(os.stat(written[0]).st_mode) == 0o640
    assert stat.S_IMODE(os.stat(single[0]).st_mode) == 0o640


def test_a_folder_named_like_a_file_stays_a_folder_when_asked(tmp_path):
    target = tmp_path / "x.txt"
    written = export_files([Document(path="a.txt", paragraphs=["x"])], "txt", target, into_folder=True)
    assert written == [target / "a.txt"] and target.is_dir()


async def test_the_dialog_takes_its_target_as_a_folder(tmp_path):
    from textual.widgets import Input

    from corpusreader.app import CorpusReaderApp
    from corpusreader.screens.export import ExportScreen

    corpus = write_corpus(tmp_path / "c", 1, "A")
    target = tmp_path / "x.txt"
    app = CorpusReaderApp([str(corpus)])
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(200):  # "e" opens the dialog once a document is open
            await pilot.press("e")
            if isinstance(app.screen, ExportScreen):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-folder", Input).value = str(target)
        await pilot.click("#export-ok")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert target.is_dir() and os.listdir(target) == ["doc000.txt"]


# -- 17. text renders as typed ------------------------------------------------------------

AS_TYPED = [
    "~~~",
    "```",
    "a ~~struck~~ word and ~one~",
    "&copy; 2021, &lt;b&gt;bold&lt;/b&gt; and &#169; &amp; &nbsp;",
    "    four spaces",
    "\tatab",
    "1) first",
    "+ plus",
    "# hash",
    "> quote",
    "| a | b |",
    "[x]: /url",
    "<div>html</div>",
    "a line\\",
    "*stars* and _under_",
]


def text_of(page: str) -> str:
    body = page.split("<article>", 1)[1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).strip()


@pytest.mark.parametrize("paragraph", AS_TYPED)
def test_markdown_and_html_render_the_text_as_typed(paragraph):
    document = Document(path="a.txt", paragraphs=[paragraph])
    page = to_html([document])
    assert text_of(page) == paragraph.strip(), to_markdown(document)
    assert "<pre>" not in page and "<s>" not in page and "<ol" not in page and "<table" not in page
    assert render_one(document, "md").count("\n") == 1


def test_markdown_escapes_fences_and_entities():
    md = to_markdown(Document(path="a.txt", paragraphs=["~~~", "&copy; here"]))
    assert md == "\\~\\~\\~\n\n\\&copy; here\n"


def test_temporary_names_carry_the_host_and_the_pid():
    from corpusreader.corpus.safe_write import STALE, temp_name

    match = STALE.fullmatch(temp_name(1234))
    assert match and match.group("pid") == "1234"
