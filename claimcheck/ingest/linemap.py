"""Which line of a file each line of its converted text came from (LaTeX read as Markdown):
what a report and a CI annotation point at is the file's line, not the converted text's.

Each converted line is matched to the file line, at or after the previous match, that shares
most of its words and figures (a LaTeX table row 'Kite & 71.4 \\\\' is the Markdown row
'| Kite | 71.4 |'); a line that shares too little (a blank, a heading's added markup) stays
with the line before. The search looks a bounded number of lines ahead, so it is linear.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r"[^\W_]{2,}|\d+(?:\.\d+)?")
_AHEAD = 200      # file lines a converted line's match is looked for past the previous one
_ENOUGH = 0.5     # share of a converted line's tokens a file line must hold to be its origin


def _tokens(line: str) -> set[str]:
    return {t.casefold() for t in _TOKEN.findall(line)}


def map_lines(source: str, converted: str) -> tuple[int, ...]:
    """For each line of `converted`, the 1-based line of `source` it comes from."""
    source_tokens = [_tokens(line) for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[int] = []
    last = 0
    for line in converted.split("\n"):
        tokens = _tokens(line)
        best, best_share = None, 0.0
        if tokens:
            for j in range(last, min(len(source_tokens), last + _AHEAD)):
                shared = len(tokens & source_tokens[j])
                if shared:
                    share = shared / len(tokens)
                    if share > best_share:
                        best, best_share = j, share
                        if share == 1.0:
                            break
        if best is not None and best_share >= _ENOUGH:
            last = best
        out.append(last + 1)
    return tuple(out)
