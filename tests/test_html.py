"""HTML pages read directly (issue 13): decoding, metadata, structure, boilerplate, odd pages.

Every page here is written for the tests: small, and each shows one kind of page.
"""

from __future__ import annotations

import json
import subprocess
import sys

from corpusreader.corpus.html.decoding import decode_html, label_to_encoding
from corpusreader.corpus.loading.files import discover, read
from corpusreader.corpus.loading.pipeline import build_corpus
from corpusreader.corpus.model import LoadProblem, RawDocument, Source

PROSE = ("The council met on Tuesday to discuss the budget for the coming year, and the members agreed "
         "that the new school should open before the winter.")
PROSE2 = ("Several residents spoke in favour of the plan, while others asked how the town would pay for "
          "the building and its staff over the next ten years.")

NEWS = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council backs new school | Town Herald</title>
<meta property="og:title" content="Council backs new school">
<meta property="og:site_name" content="Town Herald">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://herald.example/news/school">
</head><body>
<header class="site-header"><a href="/">Town Herald</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Council backs new school</h1>
<p>{PROSE}</p>
<h2>What happens next</h2>
<p>{PROSE2}</p>
<ul><li>Plans go to the county in May.</li><li>Building starts in the autumn.</li></ul>
<blockquote><p>We have waited a long time for this school, and the children deserve it.</p></blockquote>
<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Building</td><td>4 million</td></tr></table>
</article></main>
<footer class="site-footer"><p>Copyright 2024 Town Herald. All rights reserved.</p></footer>
</body></html>
"""

BUSY = f"""<html><head><title>Harbour reopens</title></head><body>
<div id="cookie-banner"><p>We use cookies to improve your experience on our website. Accept all cookies?</p></div>
<div class="content"><h1>Harbour reopens</h1>
<p>{PROSE}</p><p>{PROSE2}</p>
<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
</div>
<section class="related-posts"><h3>Read next</h3>
<p><a href="/a">Bridge repairs finish early after a dry summer on the coast</a></p>
<p><a href="/b">Ferry timetable changes for the holidays announced by the company</a></p></section>
<section id="comments"><div class="comment"><p>Great news, I have been waiting for the harbour to reopen all year long.</p></div></section>
<div class="newsletter-signup"><p>Sign up for our newsletter and never miss a story from the harbour.</p></div>
</body></html>
"""


def write(folder, name: str, content: str | bytes):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def load_one(path):
    corpus, named = build_corpus([str(path)], use_cache=False)
    assert not named and not corpus.problems, corpus.problems
    return corpus.documents[0]


def test_html_files_are_found_beside_text_files(tmp_path):
    write(tmp_path, "a.txt", PROSE)
    write(tmp_path, "b.html", NEWS)
    write(tmp_path, "c.htm", NEWS)
    write(tmp_path, "d.xhtml", NEWS)
    write(tmp_path, "e.css", "body {}")
    sources, named, inner = discover([str(tmp_path)])
    assert [s.file.name for s in sources] == ["a.txt", "b.html", "c.htm", "d.xhtml"]


def test_a_news_page_gives_title_metadata_and_structure(tmp_path):
    document = load_one(write(tmp_path, "news.html", NEWS))
    assert document.title == "Council backs new school"
    assert document.date == "2024-03-05"
    assert document.speaker == "Jane Reporter"
    assert document.source_url == "https://herald.example/news/school"
    assert document.site == "Town Herald"
    assert document.language == "en"
    assert PROSE in document.paragraphs and PROSE2 in document.paragraphs
    kinds = dict(zip(document.paragraphs, document.paragraph_kinds))
    assert kinds["What happens next"] == "h2"
    assert kinds["Plans go to the county in May."] == "list"
    assert kinds["We have waited a long time for this school, and the children deserve it."] == "quote"
    assert kinds["Item | Cost"] == "table" and kinds["Building | 4 million"] == "table"
    reasons = {r.text: r.reason for r in document.removed}
    assert reasons["News"] == "site navigation"
    assert reasons["Copyright 2024 Town Herald. All rights reserved."] == "footer"
    assert all(r.where and r.where.startswith("/html/") for r in document.removed)


def test_every_block_is_accounted_for(tmp_path):
    document = load_one(write(tmp_path, "news.html", NEWS))
    raw = read(Source("news.html", tmp_path / "news.html"))
    assert isinstance(raw, RawDocument) and raw.page is not None
    shown = [b.text for b in raw.page.blocks]
    placed = {document.title_line: document.title}
    placed.update(zip(document.paragraph_lines, document.paragraphs))
    placed.update({r.line: r.text for r in document.removed if r.paragraph is None})
    assert [placed.get(i + 1) for i in range(len(shown))] == shown


def test_comments_related_links_cookie_banner_and_newsletter_are_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSREADER_HTML_MODEL", "off")  # the rules' verdict (the model's: test_html_block_model)
    document = load_one(write(tmp_path, "busy.html", BUSY))
    assert document.title == "Harbour reopens"
    assert document.paragraphs == [PROSE, PROSE2]
    reasons = {r.text: r.reason for r in document.removed}
    assert reasons["We use cookies to improve your experience on our website. Accept all cookies?"] == "cookie notice"
    assert reasons["Great news, I have been waiting for the harbour to reopen all year long."] == "comments"
    assert reasons["Bridge repairs finish early after a dry summer on the coast"] == "related links"
    assert reasons["Sign up for our newsletter and never miss a story from the harbour."] == "newsletter"
    assert reasons["Facebook Twitter"] == "share and link buttons"


def test_a_legacy_charset_page_is_decoded_by_its_declaration(tmp_path):
    text = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Größere Straßen</title></head><body><h1>Größere Straßen für Köln</h1>
<p>Die Stadt plant größere Straßen, damit der Verkehr in Köln flüssiger wird. Das Café bleibt.</p></body></html>"""
    document = load_one(write(tmp_path, "alt.html", text.encode("cp1252")))
    assert document.encoding == "windows-1252"
    assert document.title == "Größere Straßen für Köln"
    assert "Das Café bleibt." in document.paragraphs[0]


def test_charset_labels_map_as_browsers_map_them():
    assert label_to_encoding("latin1") == "windows-1252"
    assert label_to_encoding("ISO-8859-1") == "windows-1252"
    assert label_to_encoding("gb2312") == "gbk"
    assert label_to_encoding("utf-16") == "utf-8"
    assert label_to_encoding("koi8-r") == "koi8-r"
    assert label_to_encoding("no-such-charset") is None
    text, encoding = decode_html("\ufeff<p>Grüße</p>".encode())
    assert (text, encoding) == ("<p>Grüße</p>", "utf-8")
    assert decode_html(b"<p>caf\xe9 cr\xe8me</p>")[1] == "windows-1252"  # no declaration, not UTF-8


def test_a_broken_page_still_loads(tmp_path):
    broken = f"<html><body><div><p>{PROSE}<p>{PROSE2}</b></i><table><tr><td>cell<div></span></body>\x00<<>>&bogus;"
    document = load_one(write(tmp_path, "broken.html", broken))
    assert PROSE in document.paragraphs and PROSE2 in document.paragraphs


def test_a_script_only_page_says_so_once_and_reads_its_scripts(tmp_path):
    article = "The mayor opened the new library on Monday, and hundreds of readers came to see it."
    shell = ('<html><head><title>App</title></head><body><div id="root"></div>'
             '<script>window.__DATA__ = {"story": {"body": "' + article + '", "id": 12}};'
             + "var x = 1;" * 60 + "</script></body></html>")
    path = write(tmp_path, "shell.html", shell)
    document = load_one(path)
    assert article in document.paragraphs
    assert document.notice and "only in its scripts" in document.notice
    result = subprocess.run([sys.executable, "-m", "corpusreader", "export", str(path), "--format", "json",
                             "--no-cache"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stderr.count("only in its scripts") == 1
    assert "Traceback" not in result.stderr


def test_plain_text_in_an_html_file_is_read_as_text_and_says_so(tmp_path):
    path = write(tmp_path, "notes.html", f"Meeting notes\n\n{PROSE}\n\n{PROSE2}\n")
    document = load_one(path)
    assert PROSE in document.paragraphs
    assert document.notice == "plain text in an HTML file; read as text"


def test_a_hover_card_is_cut_out_and_gives_a_post(tmp_path):
    page = ('<html><body><article><h1>Meeting with the minister</h1><p>The President met Foreign Minister '
            '<a class="person_tag" href="/p/1">Sergei Lavrov<span class="tooltip hidden"><span class="tooltip__close"></span> '
            '<span class="tooltip_title">Lavrov Sergei</span><span class="tooltip_text">Foreign Minister of Russia</span>'
            '</span></a>, who reported on the talks held in Geneva last week '
            'with his colleagues.</p></article></body></html>')
    document = load_one(write(tmp_path, "card.html", page))
    assert document.paragraphs[0].startswith("The President met Foreign Minister Sergei Lavrov, who reported")
    card = document.cards[0]
    assert (card.name, card.role, card.kind) == ("Sergei Lavrov", "Foreign Minister of Russia", "person")
    fragment = next(r for r in document.removed if r.paragraph == 0)
    assert fragment.reason == "name card" and fragment.offset == len("The President met Foreign Minister Sergei Lavrov")


def test_json_export_keeps_the_contract_and_adds_html_fields(tmp_path):
    path = write(tmp_path, "news.html", NEWS)
    result = subprocess.run([sys.executable, "-m", "corpusreader", "export", str(path), "--format", "json",
                             "--no-cache"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    assert all(isinstance(p, str) for p in document["paragraphs"])
    assert len(document["paragraph_kinds"]) == len(document["paragraphs"])
    assert document["language"] == "en"
    assert all({"line", "text", "reason", "xpath"} <= set(r) for r in document["removed"])


def test_markdown_export_keeps_the_structure(tmp_path):
    from corpusreader.corpus.export import to_html, to_markdown

    document = load_one(write(tmp_path, "news.html", NEWS))
    markdown = to_markdown(document)
    assert "\n## What happens next\n" in markdown
    assert "- Plans go to the county in May.\n- Building starts in the autumn." in markdown
    assert "> We have waited a long time" in markdown
    assert "<h2>What happens next</h2>" in to_html([document])


def test_an_empty_or_binary_html_file_is_a_load_problem(tmp_path):
    assert isinstance(read(Source("e.html", write(tmp_path, "e.html", "<html><body></body></html>"))), LoadProblem)
    binary = read(Source("b.html", write(tmp_path, "b.html", b"\x00\x01\x02\x03" * 100)))
    assert isinstance(binary, LoadProblem) and "binary" in binary.reason


def test_reading_text_does_not_import_the_html_parser(tmp_path):
    write(tmp_path, "a.txt", PROSE)
    code = ("import sys; from corpusreader.corpus.loading.pipeline import build_corpus; "
            f"build_corpus([{str(tmp_path)!r}], use_cache=False); print('lxml' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
