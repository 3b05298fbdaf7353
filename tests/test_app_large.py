"""A 1 MB document: it opens, the reader jumps to its end and back, and the app keeps answering.

Times are printed (run with ``-s``) for the note, not asserted: the machine is shared.
"""

from __future__ import annotations

import random
import time

from corpusreader.app import CorpusReaderApp

WORDS = (
    "the security council information international cooperation agreement resolution "
    "delegation государственной безопасности [red] markup-like [/red] (ICT) UN-OEWG"
).split()


def write_big_document(path, size: int = 1_000_000) -> str:
    random.seed(7)
    parts = ["A very long statement on information security", ""]
    total = 0
    number = 0
    while total < size:
        number += 1
        paragraph = f"Paragraph {number}: " + " ".join(random.choice(WORDS) for _ in range(random.randint(30, 200))) + "."
        parts += [paragraph, ""]
        total += len(paragraph.encode("utf-8")) + 2
    last = f"The very last paragraph, number {number + 1}, ends here."
    parts.append(last)
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return last


async def test_a_one_megabyte_document_opens_and_scrolls(tmp_path):
    big = tmp_path / "big.txt"
    write_big_document(big)
    assert big.stat().st_size >= 1_000_000
    started = time.perf_counter()
    app = CorpusReaderApp([str(big)])
    async with app.run_test(size=(120, 36)) as pilot:
        while app.session.loading and time.perf_counter() - started < 60:
            await pilot.pause(0.02)
        assert not app.session.loading, "loading did not finish"
        loaded = time.perf_counter() - started
        screen = app.reader_screen
        reader = screen.reader
        assert reader.document is screen.documents[0]
        assert len(reader.lines) > 10_000

        started = time.perf_counter()
        screen.open(0, (-1, 0))  # wrap again, as opening it does
        opened = time.perf_counter() - started

        started = time.perf_counter()
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y > 10_000
        bottom = "".join(reader.render_line(y).text for y in range(reader.scrollable_content_region.height))
        assert "ends here." in bottom
        to_end = time.perf_counter() - started

        await pilot.press("slash", *"security", "enter")
        assert len(reader.hits) > 1000
        started = time.perf_counter()
        reader.find("security")
        found = time.perf_counter() - started
        chosen = reader.current_hit  # the first hit from the top of the view, near the end
        assert chosen >= 0 and reader.scroll_y > 10_000
        await pilot.press("g")  # still answering keys: to the top, a page and a line down, then back a hit
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("space", "j")
        await pilot.pause()
        assert 0 < reader.scroll_y < 100
        await pilot.press("N")
        await pilot.pause()
        assert reader.current_hit == (chosen - 1) % len(reader.hits)
        assert reader.scroll_y > 10_000  # the previous hit, near the end, is brought into view
        print(f"\n1 MB: load+clean {loaded:.2f} s, open (wrap) {opened * 1000:.0f} ms, "
              f"G to the end {to_end * 1000:.0f} ms, find 'security' {found * 1000:.0f} ms "
              f"({len(reader.hits)} hits, {len(reader.lines)} lines)")
