"""Where a number stands in its document: the headings above it and the prose that introduces it.

Headings form a chain: a position sits under its nearest heading, that one under the nearest
heading of a higher level above it, and so on ('#### Linf, eps=4/255' under '### ImageNet').
The prose right above a table (or a line) often says what its figures are: "Results on
CORD-19 with ...". Both are read by the table reader and by the proposals for the learned
reader, so they live here once.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Document


def heading_levels(document: Document) -> list[tuple[int, int, str]]:
    """(start, level, title) of every heading; '#' counts the level, other headings are level 2."""
    titles = {s.start: s.title for s in document.sections}
    out = []
    for start, end in document.headings:
        line = document.text[start:end]
        hashes = len(line) - len(line.lstrip("#"))
        title = titles.get(start) or line.strip("# ")
        out.append((start, hashes if 0 < hashes <= 6 else 2, re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", title)))
    return out


def heading_chain(levels: list[tuple[int, int, str]], starts: list[int], offset: int, limit: int = 4) -> list[str]:
    """Titles of the headings a position sits under, nearest first, each of a higher level than
    the one before (`starts` are the headings' starts, in order)."""
    out, level = [], 7
    for i in range(bisect_right(starts, offset) - 1, -1, -1):
        _, depth, title = levels[i]
        if depth < level:
            out.append(title)
            level = depth
            if len(out) == limit or depth == 1:
                break
    return out


def intro_before(text: str, position: int) -> str:
    """The prose just above a position: up to two lines, stopping at a heading, a table row, a
    code fence or tag, or a blank line after text."""
    lines: list[str] = []
    end = text.rfind("\n", 0, position)
    for _ in range(6):
        if end <= 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        end = start - 1
        if not line:
            if lines:
                break
            continue
        if line.startswith(("#", "|", "```", "~~~", "<")):
            break
        lines.append(line)
        if len(lines) == 2:
            break
    return " ".join(reversed(lines))[:400]
