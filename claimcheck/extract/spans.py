"""Taking spans (code blocks, inline code, tags) out of a text before it is read.

Short spans are blanked in place; long ones are cut out, so a regex never walks them, with a
function that takes offsets in the shortened text back to the original.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

CUT_LENGTH = 64  # a fenced block, a long HTML comment; inline code and tags stay in place


def long_spans(spans: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(long, short) spans, each sorted."""
    ordered = sorted(spans)
    return ([s for s in ordered if s[1] - s[0] >= CUT_LENGTH], [s for s in ordered if s[1] - s[0] < CUT_LENGTH])


def blank_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with each span's characters made spaces (line breaks kept, so lines and offsets hold)."""
    pieces, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)
        if start >= end:
            continue
        pieces.append(text[position:start])
        pieces.append("\n".join(" " * len(part) for part in text[start:end].split("\n")))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def cut_spans(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, Callable[[int], int]]:
    """The text without `spans` (each left as one line break, or a space within a line), and the
    function taking an offset in the shortened text back to the original."""
    if not spans:
        return text, lambda offset: offset
    pieces, starts, origins, position, length = [], [], [], 0, 0
    for start, end in sorted(spans):
        start = max(start, position)
        if start >= end:
            continue
        pieces.append(text[position:start])
        starts.append(length)
        origins.append(position)
        length += start - position
        pieces.append("\n" if "\n" in text[start:end] else " ")
        length += 1
        position = end
    pieces.append(text[position:])
    starts.append(length)
    origins.append(position)

    def shift(offset: int) -> int:
        index = bisect_right(starts, offset) - 1
        return origins[index] + offset - starts[index]
    return "".join(pieces), shift
