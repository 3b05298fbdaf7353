"""Loading files and folders: decoding, skipping what cannot be read, with a reason."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from corpusreader.corpus.loading import files
from corpusreader.corpus.loading.files import discover, first_readable, problems_of_named, read
from corpusreader.corpus.model import LoadProblem, Source

RUSSIAN = "Министерство иностранных дел Российской Федерации сообщает о встрече.\n"


def load_bytes(tmp_path, data: bytes, name: str = "f.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return read(Source(name, path))


@pytest.mark.parametrize("data,encoding", [
    ("Plain text — with a dash.\n".encode(), "utf-8"),
    (codecs.BOM_UTF8 + b"With a BOM.\n", "utf-8"),
    ("UTF-16 with a BOM.\n".encode("utf-16"), "utf-16"),
    ("UTF-16 without a BOM, little end.\n".encode("utf-16-le"), "utf-16-le"),
    ("UTF-16 without a BOM, big end.\n".encode("utf-16-be"), "utf-16-be"),
    (RUSSIAN.encode("cp1251"), "cp1251"),
    (RUSSIAN.encode("koi8-r"), "koi8-r"),
])
def test_decodes(tmp_path, data, encoding):
    raw = load_bytes(tmp_path, data)
    assert not isinstance(raw, LoadProblem), raw
    assert raw.encoding == encoding
    assert raw.text.strip() in ("Plain text — with a dash.", "With a BOM.", "UTF-16 with a BOM.",
                                "UTF-16 without a BOM, little end.", "UTF-16 without a BOM, big end.",
                                RUSSIAN.strip())


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file (only white space)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    (b"caf\xe9 cr\xe8me br\xfbl\xe9e and more latin-1 text", "undecodable"),
])
def test_refuses_with_a_reason(tmp_path, data, reason):
    problem = load_bytes(tmp_path, data)
    assert isinstance(problem, LoadProblem)
    assert problem.reason.startswith(reason)
    assert problem.path == "f.txt"


def test_vanished_file(tmp_path):
    problem = read(Source("gone.txt", tmp_path / "gone.txt"))
    assert isinstance(problem, LoadProblem) and "vanished" in problem.reason


def test_huge_file_is_capped_with_a_flag(tmp_path):
    raw = load_bytes(tmp_path, b"word " * 300_000)
    small = read(Source("f.txt", tmp_path / "f.txt"), max_bytes=100_000)
    assert not raw.truncated and small.truncated and len(small.text) == 100_000


def test_discover_folders_recursively_sorted_and_skips_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.md").write_text("two")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("hidden")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    sources, named, inner = discover([str(tmp_path)])
    assert [s.path for s in sources] == [f"{tmp_path}/a.txt", f"{tmp_path}/b/2.md"]
    assert named == []
    assert [p.reason for p in inner] == ["dangling link: its target does not exist"]


def test_named_paths_that_do_not_exist(tmp_path):
    sources, named, inner = discover([str(tmp_path / "missing"), str(tmp_path)])
    assert sources == [] and len(named) == 1 and named[0].reason == "no such file or folder"


def test_before_the_reader_opens_the_named_paths_are_checked_and_folders_walked_only_to_a_readable_file(
        tmp_path, monkeypatch):
    folder = tmp_path / "c"
    (folder / "z").mkdir(parents=True)
    (folder / "0.txt").write_bytes(b"")  # empty: not a document
    (folder / "1.txt").write_text("A title\n\nA paragraph.\n")
    for number in range(50):
        (folder / "z" / f"{number}.txt").write_text("More.\n")
    walked: list[str] = []
    real_walk = files._walk

    def counting(*args, **kwargs):
        for source in real_walk(*args, **kwargs):
            walked.append(source.path)
            yield source

    monkeypatch.setattr(files, "_walk", counting)
    first = first_readable([str(folder)])
    assert first is not None and first.path.endswith("c/1.txt") and len(walked) == 2
    problems = problems_of_named([str(tmp_path / "missing"), str(folder), str(folder / "0.txt")])
    assert [p.reason for p in problems] == ["no such file or folder"]  # a named empty file reads (as nothing)
    assert first_readable([str(tmp_path / "missing")]) is None


def test_no_path_means_the_bundled_corpus():
    sources, named, inner = discover([])
    shared = sorted(p.name for p in (Path(__file__).resolve().parents[1] / "texts").glob("*.txt"))
    assert [s.path for s in sources] == [f"texts/{name}" for name in shared]
    assert len(sources) == 5 and not named and not inner
