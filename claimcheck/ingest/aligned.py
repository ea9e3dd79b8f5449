"""Tables laid out with spaces inside preformatted blocks: what a benchmark tool prints.

A fenced block is code, and its digits are not claims; but the block may hold a program's
output, and that output is often a table whose columns are lined up with spaces:

    measurement      mean ± σ         min … max
    wall_time        42.7ms ± 5.03ms  34.2ms … 54.1ms

Such a table is found by its structure alone: a header line of words, then two or more lines
with figures, whose characters leave the same columns blank in every line (the gutters). The
columns between gutters are the table's columns; each header word goes to the column it stands
over. Source code seldom lines up that way (an assignment per line shares no blank column), and
a block whose lines do not is left as code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIGIT = re.compile(r"\d")
# a rule under a header ('--------  -----', '=====', '+---+'): no words, no figures
_RULE_CHARS = frozenset(" -=+_~[]:")
_WORD = re.compile(r"\S+")
_BLANKS = re.compile(r" +")
_FENCE_LINE = re.compile(r"\s{0,3}(?:```|~~~)")
_FIGURE_WORD = re.compile(r"[(\[]?[+\-−~]?\d[\d.,]*+\S{0,4}")
MAX_LINE = 400  # a longer line is no printed table row: its columns are not looked for


@dataclass(frozen=True)
class AlignedTable:
    """A table found in a block: its header line, its rows (line indices) and its columns
    (start, end) as character positions within a line."""

    header: int
    rows: tuple[int, ...]
    columns: tuple[tuple[int, int], ...]
    caption: str


def aligned_tables(lines: list[str], first: int, last: int) -> list[AlignedTable]:
    """The space-aligned tables among lines first..last (a block's content, both included)."""
    out: list[AlignedTable] = []
    i = first
    while i <= last:
        # a caption comes from a line no table before consumed (not the last row of one just above)
        table, after = _table_at(lines, i, last, out[-1].rows[-1] + 1 if out else first)
        if table is not None:
            out.append(table)
        # the lines a header's rows ran over are not looked at again: one pass over the block
        i = max(i + 1, after)
    return out


def _is_header(line: str) -> bool:
    """Two or more words set apart by runs of spaces, none of them a figure ('P99' is a word)."""
    if not line.strip() or len(line) > MAX_LINE or "|" in line or "\t" in line:
        return False
    parts = [p for p in re.split(r" {2,}", line.strip()) if p]
    return len(parts) >= 2 and not any(_FIGURE_WORD.fullmatch(w) for w in line.split())


def _is_row(line: str) -> bool:
    return bool(line.strip()) and len(line) <= MAX_LINE and not ("|" in line or "\t" in line) \
        and bool(_DIGIT.search(line)) and len(line.split()) >= 2


def _is_rule(line: str) -> bool:
    return ("-" in line or "=" in line) and set(line) <= _RULE_CHARS


def _table_at(lines: list[str], header: int, last: int, free: int) -> tuple[AlignedTable | None, int]:
    """The table whose header is line `header`, if it is one, and the line after what was read;
    its caption is the line above the header when that line is `free` or later."""
    if not _is_header(lines[header]):
        return None, header + 1
    rows: list[int] = []
    gutter: list[bool] | None = None
    k = header + 1
    while k <= last:
        line = lines[k]
        if _is_rule(line):
            k += 1
            continue
        if not _is_row(line):
            break
        merged = _gutters(gutter, line)
        if len(rows) >= 2:
            # a line that bridges the gutters the rows so far leave is no row of theirs where it
            # bridges most of them, or where a header follows it: it is the next table's caption
            # ('Benchmark 2 (156 runs): ...'); bridging one gutter only undoes one two rows left
            # by chance ('892ms …  984ms')
            before, after = len(_runs(gutter)), len(_runs(merged))
            if after < before and (after <= before / 2 or (k < last and _is_header(lines[k + 1]))):
                break
        rows.append(k)
        gutter = merged
        k += 1
    if len(rows) < 2:
        return None, header + 1
    columns = _runs(gutter)
    if len(columns) < 2:
        return None, k
    header_line = lines[header]
    # the header's words, each given to the column it stands over (or the nearest), fill two or more
    owners = [_column_of(m.start(), m.end(), columns) for m in _WORD.finditer(header_line)]
    if len(set(owners)) < 2:
        return None, k
    # every row has a figure right of its first column: a table of results, not of names
    if not all(any(_DIGIT.search(lines[r][lo:hi]) for lo, hi in columns[1:]) for r in rows):
        return None, k
    # the line right above the header says what was run ('Benchmark 1 (117 runs): zig build-exe ...')
    caption = lines[header - 1].strip() if header - 1 >= free and not _FENCE_LINE.match(lines[header - 1]) else ""
    return AlignedTable(header, tuple(rows), tuple(columns), caption), k


def _gutters(gutter: list[bool] | None, row: str) -> list[bool]:
    """Positions that part the columns, with this row added: each row leaves them blank within
    a run of two blanks or more (one blank parts the words of a cell: '42.7ms ± 5.03ms'), or
    ends before them. Columns may align right or left: the blanks need not be the same width."""
    wide = [False] * len(row)
    for m in _BLANKS.finditer(row):
        if m.end() - m.start() >= 2 or m.start() == 0:
            wide[m.start():m.end()] = [True] * (m.end() - m.start())
    if gutter is None:
        return wide
    width = max(len(gutter), len(row))
    gutter = gutter + [True] * (width - len(gutter))
    wide = wide + [True] * (width - len(wide))
    return [a and b for a, b in zip(gutter, wide)]


def _runs(gutter: list[bool]) -> list[tuple[int, int]]:
    """The columns: the runs of positions between gutters."""
    columns, start = [], None
    for p, g in enumerate(gutter + [True]):
        if not g and start is None:
            start = p
        elif g and start is not None:
            columns.append((start, p))
            start = None
    return columns


def _column_of(start: int, end: int, columns) -> int | None:
    """The column a header word stands over: the one it overlaps most, else the nearest one."""
    best, best_overlap = None, 0
    for c, (lo, hi) in enumerate(columns):
        overlap = min(end, hi) - max(start, lo)
        if overlap > best_overlap:
            best, best_overlap = c, overlap
    if best is not None:
        return best
    centre = (start + end) / 2
    return min(range(len(columns)), key=lambda c: min(abs(columns[c][0] - centre), abs(columns[c][1] - centre)))


def cell_spans(line: str, line_start: int, columns) -> list[tuple[int, int, str]]:
    """A row's cells as (start, end, text), one per column, by the table's columns."""
    out = []
    for lo, hi in columns:
        piece = line[lo:hi]
        stripped = piece.strip()
        if not stripped:
            out.append((line_start + min(lo, len(line)), line_start + min(lo, len(line)), ""))
            continue
        left = lo + (len(piece) - len(piece.lstrip()))
        out.append((line_start + left, line_start + left + len(stripped), stripped))
    return out


def header_cells(line: str, line_start: int, columns) -> list[tuple[int, int, str]]:
    """The header line's words gathered under the columns they stand over, as (start, end,
    text) from the first word's start to the last one's end; ("", at the column) where none is."""
    words: list[list] = [[] for _ in columns]
    for m in _WORD.finditer(line):
        c = _column_of(m.start(), m.end(), columns)
        if c is not None:
            words[c].append(m)
    out = []
    for (lo, _), ws in zip(columns, words):
        if ws:
            out.append((line_start + ws[0].start(), line_start + ws[-1].end(), " ".join(w.group(0) for w in ws)))
        else:
            at = line_start + min(lo, len(line))
            out.append((at, at, ""))
    return out
