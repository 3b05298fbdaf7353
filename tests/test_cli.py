"""The installed command, as scripts use it: the contract's output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from scoring import cleaning_failures, count_raw_lines, gold_seeds, unaccounted_lines

BIN = Path(sys.executable).with_name("corpusreader")


def run(*args, cwd=ROOT, input=None):
    return subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, input=input, timeout=120)


@pytest.fixture(scope="module")
def export_json(tmp_path_factory):
    result = run("export", "texts", "--format", "json")
    assert result.returncode == 0, result.stderr
    path = tmp_path_factory.mktemp("export") / "out.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def exported_documents(export_json: Path) -> dict[str, dict]:
    return {Path(d["path"]).name: d for d in json.loads(export_json.read_text(encoding="utf-8"))["documents"]}


def test_gold_cleaning_scores_perfect(export_json):
    docs = exported_documents(export_json)
    golds = gold_seeds()
    bundled = sorted(path.name for path in (ROOT / "texts").glob("*.txt"))
    assert sorted(gold["file"] for gold in golds) == sorted(docs) == bundled
    failures = {gold["file"]: cleaning_failures(gold, docs[gold["file"]]) for gold in golds}
    assert failures == {gold["file"]: [] for gold in golds}


def test_every_raw_line_accounted(export_json):
    lost, total = {}, 0
    for path, doc in exported_documents(export_json).items():
        raw = (ROOT / doc["path"]).read_text(encoding="utf-8", errors="replace")
        total += count_raw_lines(raw)
        if lines := unaccounted_lines(doc, raw):
            lost[path] = lines
    assert lost == {}
    assert total == 202


def test_metadata_of_the_bundled_corpus(export_json):
    docs = exported_documents(export_json)
    checked = 0
    for gold in gold_seeds():
        doc = docs[gold["file"]]
        for field in ("date", "speaker", "place", "source_url"):
            if gold.get(field):
                assert doc[field] == gold[field], (gold["file"], field)
                checked += 1
    assert checked >= 10
    assert docs["003_f9545530c487a170.txt"]["date"] is None


def test_single_file_runs_with_no_corpus_statistics():
    for path in sorted((ROOT / "texts").glob("*.txt")):
        result = run("export", f"texts/{path.name}", "--format", "json")
        doc = json.loads(result.stdout)["documents"][0]
        assert doc["path"] == f"texts/{path.name}"
        assert doc["paragraphs"], path.name


def test_export_txt_of_one_document():
    result = run("export", "texts/002_7955f8b4e9ebe254.txt", "--format", "txt")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Security Council meeting"
    assert "Date: 2021-03-26" in lines and "Speaker: Vladimir Putin" in lines
    assert "Amur tiger" not in result.stdout and "Matviyenko Valentina" not in result.stdout
    assert "Valentina Matviyenko, State Duma Speaker Vyacheslav Volodin," in result.stdout


def test_no_argument_exports_the_bundled_corpus_from_anywhere(tmp_path):
    result = run("export", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0
    assert [json.loads(line)["path"][:6] for line in result.stdout.splitlines()] == ["texts/"] * 5


def test_formats_to_a_folder_and_refusals(tmp_path):
    result = run("export", "texts", "--format", "html", "-o", str(tmp_path / "html"))
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "html").iterdir())
    assert len(pages) == 5 and pages[0].read_text().startswith("<!DOCTYPE html>")
    again = run("export", "texts", "--format", "html", "-o", str(tmp_path / "html"))
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
    into_corpus = run("export", "texts", "--format", "json", "-o", "texts/out.json")
    assert into_corpus.returncode == 2 and "corpus folder" in into_corpus.stderr
    assert not (ROOT / "texts" / "out.json").exists()


def test_missing_path_and_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text("A title here\n\nSome text of the document, long enough.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    result = run("export", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and all(str(tmp_path) in w for w in warnings)
    assert any("binary.txt: binary file" in w for w in warnings) and any("empty.txt: empty file" in w for w in warnings)
    missing = run("export", str(tmp_path / "nope"), str(tmp_path / "good.txt"), "--format", "jsonl")
    assert missing.returncode == 2 and "nope: no such file or folder" in missing.stderr
    assert len(missing.stdout.splitlines()) == 1


def test_usage_errors_exit_2_without_traceback():
    result = run("export", "texts", "--format", "pdf")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert run("--version").stdout.startswith("corpusreader ")


def test_python_dash_m():
    result = subprocess.run([sys.executable, "-m", "corpusreader", "export", "texts/004_4bd959af0db8c8a3.txt",
                             "--format", "md"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("# Statement by Representative")
