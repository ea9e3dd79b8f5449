"""Results tables in papers, from word geometry, anchored on their "Table N" caption.

Booktabs tables (horizontal rules only) defeat line-based table finders, so this reads the
geometry instead: the rows are the lines next to the caption that hold several numbers;
columns are the x positions where those numbers line up; a cell's column header is the
header-line text above its column, its row header the text that opens its row. Multi-row
headers are joined best effort ("PAWS" over "QQP" reads "PAWS QQP").
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Document, TableCell

_CAPTION = re.compile(r"(?m)^\s*Table\s+(\d+)\s*[:.]")
_NUMBER = re.compile(r"(?<![\w.])[-+−]?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?±\s?\d+(?:\.\d+)?)?%?")


def _lines(document: Document, start: int, end: int):
    """(start, end, x0, top, x1, bottom) of each line with a box, on one page."""
    out = []
    for m in re.finditer(r"[^\n]+", document.text[start:end]):
        s, e = start + m.start(), start + m.end()
        box = document.bbox(s, e)
        if box:
            out.append((s, e) + box)
    return out


def _numbers(document: Document, line) -> list[tuple[int, int, float]]:
    """Numeric tokens of a line as (start, end, x-centre)."""
    s, e = line[0], line[1]
    out = []
    for m in _NUMBER.finditer(document.text, s, e):
        if document.text[m.start() - 1:m.start()] == "(" or document.text[m.end():m.end() + 1] == ")":
            continue  # "(2019)" in a row header is a citation, not a cell
        box = document.bbox(m.start(), m.end())
        if box:
            out.append((m.start(), m.end(), (box[0] + box[2]) / 2))
    return out


def link_tables(document: Document) -> Document:
    """The document with a TableCell for every number of every captioned table."""
    if not document.page_starts or not document.boxes:
        return document
    cells: list[TableCell] = []
    bounds = list(document.page_starts) + [len(document.text)]
    for page_start, page_end in zip(bounds, bounds[1:]):
        lines = _lines(document, page_start, page_end)
        for caption in _CAPTION.finditer(document.text, page_start, page_end):
            cells += _table(document, lines, caption, int(caption.group(1)))
    if not cells:
        return document
    cells.sort(key=lambda c: c.start)
    unique = [c for i, c in enumerate(cells) if i == 0 or c.start >= cells[i - 1].end]
    return replace(document, cells=tuple(unique))


def _table(document: Document, lines, caption, number: int) -> list[TableCell]:
    cap = next((ln for ln in lines if ln[0] <= caption.start() < ln[1]), None)
    if cap is None:
        return []
    cap_x0, cap_top, cap_x1 = cap[2], cap[3], cap[4]
    # lines overlapping the caption horizontally, above it (booktabs in ACL/NeurIPS style) or below
    near = [ln for ln in lines if ln is not cap and ln[4] > cap_x0 and ln[2] < cap_x1]
    for side in ("above", "below"):
        ordered = sorted((ln for ln in near if (ln[5] <= cap_top + 1 if side == "above" else ln[3] >= cap[5] - 1)),
                         key=lambda ln: -ln[3] if side == "above" else ln[3])
        region = []
        edge = cap_top if side == "above" else cap[5]
        for ln in ordered:
            gap = (edge - ln[5]) if side == "above" else (ln[3] - edge)
            height = ln[5] - ln[3]
            if gap > max(3.0 * height, 14.0):
                break
            if _is_prose(document.text[ln[0]:ln[1]]) and len(_numbers(document, ln)) < 2:
                break  # a line of prose ends the table
            region.append(ln)
            edge = ln[3] if side == "above" else ln[5]
        rows = [ln for ln in region if len(_numbers(document, ln)) >= 2]
        if len(rows) >= 2:
            return _cells(document, sorted(region, key=lambda ln: ln[3]), rows, number)
    return []


def _is_prose(line: str) -> bool:
    """Many words, mostly lower-case: a sentence, not a header row."""
    words = line.split()
    return len(words) > 8 and sum(w.isalpha() and w.islower() for w in words) >= 0.6 * len(words)


def _cells(document: Document, region, rows, number: int) -> list[TableCell]:
    tokens = {ln: _numbers(document, ln) for ln in rows}
    centres = sorted(x for ts in tokens.values() for _, _, x in ts)
    columns: list[list[float]] = []
    for x in centres:
        if columns and x - columns[-1][-1] < 12.0:
            columns[-1].append(x)
        else:
            columns.append([x])
    column_x = [sum(c) / len(c) for c in columns]
    first_row_top = min(ln[3] for ln in rows)
    header_lines = [ln for ln in region if ln[5] <= first_row_top + 1 and ln not in rows][-2:]
    headers = [_header_for(document, header_lines, x) for x in column_x]
    cells = []
    for r, ln in enumerate(sorted(rows, key=lambda ln: ln[3]), 1):
        row_tokens = tokens[ln]
        row_header = document.text[ln[0]:row_tokens[0][0]].strip(" −-")
        for start, end, x in row_tokens:
            c = min(range(len(column_x)), key=lambda k: abs(column_x[k] - x))
            cells.append(TableCell(start, end, r, c + 1, document.text[start:end], row_header, headers[c], number))
    return cells


def _header_for(document: Document, header_lines, x: float) -> str:
    """The header words standing over a column's centre, top line first."""
    words = []
    for ln in header_lines:
        best, best_distance = "", None
        for m in re.finditer(r"\S+", document.text[ln[0]:ln[1]]):
            box = document.bbox(ln[0] + m.start(), ln[0] + m.end())
            if not box:
                continue
            distance = 0.0 if box[0] - 2 <= x <= box[2] + 2 else min(abs(box[0] - x), abs(box[2] - x))
            if best_distance is None or distance < best_distance:
                best, best_distance = m.group(), distance
        if best and best_distance is not None and best_distance < 15:
            words.append(best)
    return " ".join(words)
