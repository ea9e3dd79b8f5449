"""HTML tables written inside Markdown or text (`<table>` in a README): rows and cells in place.

READMEs often write their results as HTML so that a header can span columns (`colspan`) or a
model family can span rows (`rowspan`). This reads such a table where it stands, so that every
cell keeps its offsets in the document, and lays it out on a grid: the rows of `<th>` cells
(or of `<thead>`) are the header levels of the columns under them; a cell that spans rows or
columns fills every position it covers, so a label spanning rows names each of them.
Markup inside a cell (`<b>71.2</b>`) stays in the text; the tags are markup to the reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .ranges import Ranges

_TABLE_OPEN = re.compile(r"<table\b[^<>]*>", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b([^<>]*)>")
_SPAN = re.compile(r"""\b(colspan|rowspan)\s*=\s*["']?(\d{1,3})""", re.IGNORECASE)
_MAX_SPAN = 64  # a span beyond this is a typo or an attack, not a layout


@dataclass(frozen=True)
class HtmlCell:
    """One `<td>` or `<th>`: its content's offsets in the document, its text without tags, its spans."""

    start: int
    end: int
    text: str
    header: bool
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class HtmlTable:
    """A table's rows of cells as written, with its header rows counted and its caption."""

    start: int
    end: int
    rows: tuple[tuple[HtmlCell, ...], ...]
    header_rows: int
    caption: str = ""


def find_tables(text: str, skip: list[tuple[int, int]]) -> list[HtmlTable]:
    """Every `<table>` outside the spans in `skip` (code blocks), in order. A table with another
    table inside it is left out: which cells belong to which is not clear from the tags alone."""
    tables = []
    position = 0
    hidden = Ranges(skip)
    while True:
        opening = _TABLE_OPEN.search(text, position)
        if opening is None:
            break
        closing = _TABLE_CLOSE.search(text, opening.end())
        end = closing.start() if closing else len(text)
        position = closing.end() if closing else len(text)
        if hidden.covers(opening.start()):
            continue
        if _TABLE_OPEN.search(text, opening.end(), end):
            continue
        table = _read_table(text, opening.end(), end, opening.start(), position)
        if table.rows:
            tables.append(table)
    return tables


def _read_table(text: str, start: int, end: int, table_start: int, table_end: int) -> HtmlTable:
    rows: list[list[HtmlCell]] = []
    thead_rows: set[int] = set()
    in_thead = False
    cell_open: tuple[int, bool, int, int] | None = None  # content start, is <th>, rowspan, colspan
    caption_start, caption = None, ""

    def close_cell(at: int) -> None:
        nonlocal cell_open
        if cell_open is None:
            return
        content_start, is_header, rowspan, colspan = cell_open
        cell_open = None
        if not rows:
            rows.append([])
        raw = text[content_start:at]
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        plain = " ".join(_TAG.sub(" ", stripped).split())
        rows[-1].append(HtmlCell(content_start + lead, content_start + lead + len(stripped), plain,
                                 is_header, rowspan, colspan))

    for tag in _TAG.finditer(text, start, end):
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name == "caption":
            if not closing:
                caption_start = tag.end()
            elif caption_start is not None:
                caption = " ".join(_TAG.sub(" ", text[caption_start:tag.start()]).split())
                caption_start = None
        elif name == "thead":
            in_thead = not closing
        elif name == "tr":
            close_cell(tag.start())
            if not closing:
                rows.append([])
                if in_thead:
                    thead_rows.add(len(rows) - 1)
        elif name in ("td", "th"):
            close_cell(tag.start())
            if not closing:
                spans = {k.lower(): min(int(v), _MAX_SPAN) for k, v in _SPAN.findall(tag.group(3))}
                cell_open = (tag.end(), name == "th", max(1, spans.get("rowspan", 1)), max(1, spans.get("colspan", 1)))
        elif name in ("tbody", "tfoot", "table"):
            close_cell(tag.start())
            in_thead = False
    close_cell(end)
    rows = [r for r in rows if r]
    header_rows = 0
    for i, row in enumerate(rows):
        if i in thead_rows or all(c.header for c in row):
            header_rows = i + 1
        else:
            break
    return HtmlTable(table_start, table_end, tuple(tuple(r) for r in rows), header_rows, caption)


def grid(table: HtmlTable) -> list[list[tuple[HtmlCell, bool]]]:
    """The table on a grid: each position holds the cell covering it and whether that cell
    starts there (False where a rowspan or colspan carries it over)."""
    out: list[list[tuple[HtmlCell, bool] | None]] = []
    for r, row in enumerate(table.rows):
        while len(out) <= r:
            out.append([])
        c = 0
        for cell in row:
            while c < len(out[r]) and out[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan if r + cell.rowspan <= len(table.rows) else len(table.rows) - r):
                while len(out) <= r + dr:
                    out.append([])
                line = out[r + dr]
                for dc in range(cell.colspan):
                    while len(line) <= c + dc:
                        line.append(None)
                    if line[c + dc] is None:
                        line[c + dc] = (cell, dr == 0 and dc == 0)
            c += cell.colspan
    width = max((len(r) for r in out), default=0)
    blank = HtmlCell(0, 0, "", False)
    return [[(x if x is not None else (blank, False)) for x in r] + [(blank, False)] * (width - len(r)) for r in out]
