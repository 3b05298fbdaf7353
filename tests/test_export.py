"""Export formats, atomic writes and refusals."""

from __future__ import annotations

import json
import re

import pytest

from corpusreader.corpus.export import ExportError, export_files, md_escape, output_names, to_html, to_markdown, to_text
from corpusreader.corpus.model import Document


def doc(path="corpus/a.txt", **fields):
    base = dict(title="A [red]title[/red]", date="2021-03-26", place="Moscow", speaker=None, source_url=None,
                paragraphs=["First *paragraph* with <b>html</b> and [link](x).", "* * *", "1. A numbered point."])
    base.update(fields)
    return Document(path=path, **base)


def test_text_has_title_metadata_and_paragraphs():
    text = to_text(doc())
    assert text.startswith("A [red]title[/red]\n")
    assert "Date: 2021-03-26" in text and "Place: Moscow" in text
    assert "First *paragraph* with <b>html</b> and [link](x).\n\n* * *" in text


def test_markdown_shows_text_as_typed():
    md = to_markdown(doc())
    assert md.startswith("# A \\[red\\]title\\[/red\\]")
    assert "\\*paragraph\\*" in md and "\\<b\\>" in md and "---" in md and "1\\. A numbered point." in md


def test_html_is_a_standalone_page_with_no_markup_from_the_text():
    page = to_html([doc()])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<title>A [red]title[/red]</title>" in page
    assert "<b>html</b>" not in page and "&lt;b&gt;html&lt;/b&gt;" in page
    assert "<em>" not in page and "<a href" not in page and "<hr>" in page
    assert "<ol" not in page


def test_md_escape_leaves_plain_text_alone():
    assert md_escape("Plain words, and a dash – here.") == "Plain words, and a dash – here."


def test_names_are_safe_and_distinct():
    docs = [doc("a/../../etc/passwd.txt"), doc("x/same.txt"), doc("y/same.txt"), doc("\n.txt")]
    names = output_names(docs, "md")
    assert names == ["passwd.md", "same.md", "same-2.md", "document.md"]
    assert all("/" not in n and not n.startswith(".") for n in names)


def test_folder_export_atomic_and_refuses_overwrite(tmp_path):
    out = tmp_path / "out"
    written = export_files([doc(), doc("b.txt")], "md", out)
    assert sorted(p.name for p in written) == ["a.md", "b.md"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary left
    with pytest.raises(ExportError, match="exist"):
        export_files([doc()], "md", out)
    export_files([doc(title="New")], "md", out, force=True)
    assert (out / "a.md").read_text().startswith("# New")


def test_refuses_to_write_into_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x")
    with pytest.raises(ExportError, match="inside the corpus folder"):
        export_files([doc()], "json", corpus / "out.json", inputs=[corpus])
    with pytest.raises(ExportError, match="input file"):
        export_files([doc()], "json", corpus / "a.txt", inputs=[corpus / "a.txt"])
    assert (corpus / "a.txt").read_text() == "x"


def test_json_file(tmp_path):
    export_files([doc()], "json", tmp_path / "e.json", terms=[{"term": "X"}])
    data = json.loads((tmp_path / "e.json").read_text())
    assert data["documents"][0]["title"] == "A [red]title[/red]" and data["terms"] == [{"term": "X"}]
    assert set(data["documents"][0]) >= {"path", "title", "date", "place", "speaker", "source_url", "paragraphs", "removed"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", data["documents"][0]["date"])
