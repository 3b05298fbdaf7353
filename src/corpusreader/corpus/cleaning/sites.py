"""Naming a page's site from what is known of particular sites, kept as data (``data/sites.json``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import json_data

EDGE_LINES = 60


@lru_cache(maxsize=1)
def _profiles() -> list[tuple[str, re.Pattern[str]]]:
    data = json_data("sites")
    return [
        (site["site"], re.compile("|".join(f"(?:{s})" for s in site["signatures"]), re.I))
        for site in data["sites"]
    ]


def site_of(lines: list[str]) -> str | None:
    """The site whose signature lines stand at the top or bottom of the page, if any."""
    edges = [" ".join(line.replace("\u00a0", " ").split()) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]]
    for site, pattern in _profiles():
        if any(pattern.fullmatch(line) for line in edges if line):
            return site
    return None
