"""Two lines above the search results: the documents found by year (a bar a year) and by site.

So "around 2013" is one look: ``years 2009 ▁▂▅█▃▁ 2014 · most in 2012 (40)``
and ``sites en.kremlin.ru 40 ███  mid.ru 12 █``. Drawn from plain strings
(``Content``), colours from the theme.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from .text_layout import visible

BARS = "▁▂▃▄▅▆▇█"
MAX_YEARS = 60   # a wider span shows its last years
MAX_SITES = 6
SITE_BAR = 8     # the longest site bar, in cells


def year_bars(by_year: list[tuple[str, int]]) -> tuple[str, str, str] | None:
    """(first year, one bar a year of the span, last year); None if nothing is dated."""
    if not by_year:
        return None
    counts = {int(year): n for year, n in by_year}
    last = max(counts)
    first = max(min(counts), last - MAX_YEARS + 1)
    most = max(counts.values())
    bars = "".join(
        " " if not counts.get(year) else BARS[min(len(BARS) - 1, (counts[year] * len(BARS) - 1) // most)]
        for year in range(first, last + 1))
    return str(first), bars, str(last)


class HitChart(Static):
    """Documents of the current results by year and by site."""

    DEFAULT_CSS = "HitChart { height: auto; }"

    def show_counts(self, by_year: list[tuple[str, int]], by_site: list[tuple[str, int]], undated: int) -> None:
        self.display = bool(by_year or by_site or undated)
        self.update(self.chart(by_year, by_site, undated))

    @staticmethod
    def chart(by_year: list[tuple[str, int]], by_site: list[tuple[str, int]], undated: int) -> Content:
        years = year_bars(by_year)
        label = ("years  ", "$text-muted")
        if years is None:
            line = Content.assemble(label, ("no dates", "$text-muted"))
        else:
            peak_year, peak = max(by_year, key=lambda item: (item[1], item[0]))
            line = Content.assemble(label, (years[0] + " ", "$text-muted"), (years[1], "$accent"),
                                    (" " + years[2] if years[2] != years[0] else "", "$text-muted"),
                                    (f"  · most in {peak_year} ({peak:,})", "$text-muted"),
                                    (f" · {undated:,} undated" if undated else "", "$text-muted"))
        most = max((n for _, n in by_site), default=1)
        sites: list[tuple[str, str] | str] = [("sites  ", "$text-muted")]
        for site, n in by_site[:MAX_SITES]:
            sites += [f"{visible(site)} {n:,} ", ("█" * max(1, n * SITE_BAR // most), "$accent"), "  "]
        if len(by_site) > MAX_SITES:
            sites.append((f"+{len(by_site) - MAX_SITES} more", "$text-muted"))
        return line + "\n" + Content.assemble(*sites)
