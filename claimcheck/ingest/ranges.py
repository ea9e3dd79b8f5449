"""Offset ranges of a text (code blocks, comments, tags) asked about by offset."""
from __future__ import annotations

import bisect
from typing import Iterable


class Ranges:
    """Ranges merged into disjoint sorted runs, so whether an offset falls inside one is a binary
    search: asked for every cell, match or table of a document, a scan of all ranges is quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def covers(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]
