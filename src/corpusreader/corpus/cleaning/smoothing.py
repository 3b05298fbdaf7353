"""The second stage's rows of a sequence model: each item's first-stage probability among its neighbours'.

Content is contiguous: a line (or an HTML block) among content reads as
content. The line model and the HTML block model both smooth their first
stage's probabilities over the page with these rows; each names the columns
of its own rows it adds and the widths of its windows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

OFFSETS = (-3, -2, -1, 1, 2, 3)
"""The neighbours whose probabilities a row holds (-1.0 past the page's ends)."""


def column_names(own: Sequence[str], windows: Sequence[int]) -> tuple[str, ...]:
    """The names of the columns of ``neighbourhood_rows``, for ``own`` columns and ``windows``."""
    return (
        ("p", *own) + tuple(f"p@{o:+d}" for o in OFFSETS) + tuple(f"p~{w}" for w in windows)
        + ("p_max_before", "p_max_after", "content_before", "content_after")
    )


def neighbourhood_rows(first: list[float], features: list[list[float]], own: Sequence[int],
                       windows: Sequence[int]) -> list[list[float]]:
    """Each item's probability, its own columns ``own`` of ``features``, its neighbours' probabilities, their
    means over ``windows`` items each side, the surest item before and after it, and how many items before and
    after it read as content."""
    n = len(first)
    running = [0.0]
    for p in first:
        running.append(running[-1] + p)
    max_before, max_after = [0.0] * n, [0.0] * n
    content_before, content_after = [0.0] * n, [0.0] * n
    for i in range(1, n):
        max_before[i] = max(max_before[i - 1], first[i - 1])
        content_before[i] = content_before[i - 1] + (first[i - 1] >= 0.5)
    for i in range(n - 2, -1, -1):
        max_after[i] = max(max_after[i + 1], first[i + 1])
        content_after[i] = content_after[i + 1] + (first[i + 1] >= 0.5)
    reach = max(abs(o) for o in OFFSETS)
    padded = [-1.0] * reach + first + [-1.0] * reach  # -1.0: no neighbour there
    rows = []
    for i, p in enumerate(first):
        values = features[i]
        row = [p] + [values[k] for k in own] + [padded[i + reach + o] for o in OFFSETS]
        for width in windows:
            low, high = max(0, i - width), min(n, i + width + 1)
            row.append((running[high] - running[low]) / (high - low))
        row += [max_before[i], max_after[i], math.log1p(content_before[i]), math.log1p(content_after[i])]
        rows.append(row)
    return rows
