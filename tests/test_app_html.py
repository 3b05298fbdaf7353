"""The reader opens an HTML page and shows its heading as a heading (issue 13)."""

from __future__ import annotations

from test_app_flows import SIZE, loaded, screen_text
from test_html import NEWS, write

from corpusreader.app import CorpusReaderApp


async def test_an_html_page_opens_with_its_title_and_a_styled_heading(tmp_path):
    path = write(tmp_path / "pages", "news.html", NEWS)
    app = CorpusReaderApp([str(path)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        reader = app.reader_screen.reader
        assert reader.document.title == "Council backs new school"
        shown = screen_text(reader)
        assert "Council backs new school" in shown and "What happens next" in shown
        heading = next(b for b in reader.blocks if b.text == "What happens next")
        assert heading.spans == [(0, len(heading.text), "title")]
        plain = next(b for b in reader.blocks if b.text.startswith("The council met"))
        assert not plain.spans
