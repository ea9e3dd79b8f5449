"""Results tables in papers, from word geometry, anchored on their "Table N" caption.

Booktabs tables (horizontal rules only) defeat line-based table finders, so this reads the
geometry instead:
- the table is the block of lines next to its caption (above or below) up to the prose;
- data rows are lines with two or more figures (or empty-cell marks "-", "−"), and columns are
  the x positions where those figures line up;
- header words are grouped into phrases by the gaps between them ("PAWS QQP" and "PAWS Wiki"
  are two headers, "Validation Set" one); a header line's phrases split the columns among
  them at their midpoints, so a spanning header ("Test Set") covers the columns below it and
  header levels stack ("Test Set" over "RL (Mean)");
- header phrases left of the figures name the label columns ("Backbone", "Method"; "Dataset",
  "Model", "Generation Config"); a row's words left of its figures fall into those columns by
  position, and a label standing alone on its line (a group label, often centred across the
  rows it groups) labels the rows nearest to it.
Each figure becomes a TableCell with its labels, its header levels and the caption.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Document, TableCell

# 'Table 4: ...', 'Table 4. ...', 'Table 4 | ...', 'Table 4 — ...', or 'Table 4 Comparison between
# ...' (a caption set without a mark opens with a capital; 'Table 4 shows ...' is a sentence that wrapped)
_CAPTION = re.compile(r"(?m)^\s*Table\s+(\d+)(?:\s*[:.|—–]|\s+(?=[A-Z]))")
_FIGURE = re.compile(r"[-+−]?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?±\s?\d+(?:\.\d+)?)?%?[†‡*∗⋆]?")
_EMPTY = re.compile(r"[-−–—]|n/a|N/A")


@dataclass
class _Word:
    start: int
    end: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class _Line:
    start: int
    end: int
    x0: float
    top: float
    x1: float
    bottom: float
    words: list[_Word]

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def figures(self) -> list[_Word]:
        return [w for w in self.words if _is_figure(w.text)]

    def cells(self) -> list[_Word]:
        """Figures and empty-cell marks: what occupies a column."""
        return [w for w in self.words if _is_figure(w.text) or _EMPTY.fullmatch(w.text)]


def _is_figure(token: str) -> bool:
    return _FIGURE.fullmatch(token) is not None and not re.fullmatch(r"\((?:19|20)\d{2}\)|(?:19|20)\d{2}", token)


def _lines(document: Document, start: int, end: int) -> list[_Line]:
    """Lines with a box on one page, each with its words and their boxes."""
    out = []
    for m in re.finditer(r"[^\n]+", document.text[start:end]):
        s, e = start + m.start(), start + m.end()
        box = document.bbox(s, e)
        if not box:
            continue
        words: list[_Word] = []
        for w in re.finditer(r"\S+", document.text[s:e]):
            wbox = document.bbox(s + w.start(), s + w.end())
            if not wbox:
                continue
            if words and re.fullmatch(r"±[\d.]+", w.group()) and _is_figure(words[-1].text) and wbox[0] - words[-1].x1 < 4:
                last = words[-1]  # "83.64 ±1.44" set as two words: one cell
                words[-1] = _Word(last.start, s + w.end(), document.text[last.start:s + w.end()], last.x0,
                                  min(last.top, wbox[1]), wbox[2], max(last.bottom, wbox[3]))
                continue
            words.extend(_split_wrapped(document, s + w.start(), s + w.end(), wbox))
        out.append(_Line(s, e, *box, words))
    return out


def _split_wrapped(document: Document, start: int, end: int, box) -> list[_Word]:
    """A word as its boxes place it: a name the text joined across two lines at a hyphen
    ('MiMo-' at the end of one header line, '7B-RL' below it) is two words, one on each line."""
    text = document.text
    for k in range(start, end - 1):
        if text[k] != "-":
            continue
        before, after = document.bbox(start, k + 1), document.bbox(k + 1, end)
        if before and after and (after[1] >= before[3] - 0.5 or before[1] >= after[3] - 0.5):
            return [_Word(start, k + 1, text[start:k + 1], *before), _Word(k + 1, end, text[k + 1:end], *after)]
    return [_Word(start, end, text[start:end], *box)]


def link_tables(document: Document) -> Document:
    """The document with a TableCell for every figure of every captioned table."""
    if not document.page_starts or not document.boxes:
        return document
    cells: list[TableCell] = []
    bounds = list(document.page_starts) + [len(document.text)]
    for page_start, page_end in zip(bounds, bounds[1:]):
        captions = list(_CAPTION.finditer(document.text, page_start, page_end))
        if not captions:
            continue  # a page without a table caption: its lines are never measured
        lines = _lines(document, page_start, page_end)
        heights = sorted(w.bottom - w.top for ln in lines for w in ln.words if w.bottom > w.top)
        typical = heights[len(heights) // 2] if heights else 8.0
        # a line's full height (capitals and descenders: glyph boxes are tight, so 'DeepSeek' is
        # taller than 'Chat' on the same line) is what a label wrapped over two lines exceeds
        tallest = sorted(max(w.bottom - w.top for w in ln.words) for ln in lines if ln.words)
        full = max(typical, tallest[len(tallest) // 2]) if tallest else typical
        # a text line whose words stand at different heights (a backend that merged a table's
        # header with the other column's last line, or a centred label with the row beside it)
        # is split into the lines the page shows
        lines = [sub for ln in lines for sub in _visual_lines(ln.words, typical, full)] if lines else lines
        for caption in captions:
            cells += _table(document, lines, caption, int(caption.group(1)))
    if not cells:
        return document
    cells.sort(key=lambda c: c.start)
    unique = [c for i, c in enumerate(cells) if i == 0 or c.start >= cells[i - 1].end]
    return replace(document, cells=tuple(unique))


def _table(document: Document, lines: list[_Line], caption, number: int) -> list[TableCell]:
    cap = next((ln for ln in lines if any(w.start <= caption.start() < w.end for w in ln.words)), None)
    if cap is None:
        return []
    caption_text = _caption_text(document, lines, cap)
    # lines overlapping the caption horizontally, above it (booktabs in ACL/NeurIPS style) or below
    near = [ln for ln in lines if ln is not cap and ln.x1 > cap.x0 and ln.x0 < cap.x1]
    for side in ("above", "below"):
        ordered = sorted((ln for ln in near if (ln.bottom <= cap.top + 1 if side == "above" else ln.top >= cap.bottom - 1)),
                         key=lambda ln: -ln.top if side == "above" else ln.top)
        region = []
        edge = cap.top if side == "above" else cap.bottom
        for ln in ordered:
            gap = (edge - ln.bottom) if side == "above" else (ln.top - edge)
            height = ln.bottom - ln.top
            if gap > max(3.0 * height, 24.0):
                break
            if _is_prose(document.text[ln.start:ln.end]) and len(ln.cells()) < 2:
                break  # a line of prose ends the table
            region.append(ln)
            edge = min(edge, ln.top) if side == "above" else max(edge, ln.bottom)
        region = sorted(region, key=lambda ln: ln.top)
        rows = [ln for ln in region if len(ln.cells()) >= 2 and ln.figures() and not _is_example_row(ln)]
        if len(rows) >= 2:
            return _cells(region, rows, number, caption_text)
    return []


def _is_example_row(line: _Line) -> bool:
    """A row of running text that happens to hold figures (a table of examples): not results."""
    words = [w.text for w in line.words if not _is_figure(w.text)]
    return sum(w.isalpha() and w.islower() for w in words) > 6


def _visual_lines(words: list[_Word], typical: float, full: float) -> list[_Line]:
    """Words regrouped into lines by where they stand on the page (a label centred across rows,
    or wrapped over two, is its own line, not part of the row it touches): `typical` is the
    page's usual word height, `full` a whole line's (capitals and descenders)."""
    lines: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        middle = (w.top + w.bottom) / 2
        tall = w.bottom - w.top > 1.6 * full  # a label wrapped over two lines stands alone
        if lines and not tall:
            last = lines[-1]
            if not any(o.bottom - o.top > 1.6 * full for o in last):
                last_middle = sum((o.top + o.bottom) / 2 for o in last) / len(last)
                if abs(middle - last_middle) <= 0.35 * typical + 0.5:
                    last.append(w)
                    continue
        lines.append([w])
    out = []
    for ws in lines:
        ws.sort(key=lambda w: w.x0)
        out.append(_Line(min(w.start for w in ws), max(w.end for w in ws), min(w.x0 for w in ws),
                         min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws), ws))
    return sorted(out, key=lambda ln: ln.top)


def _caption_text(document: Document, lines: list[_Line], cap: _Line) -> str:
    """The caption's first sentence (or line): 'Table 2: F1 scores (%) of PI2NLI in ...'."""
    text = document.text[cap.start:cap.end]
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def _is_prose(line: str) -> bool:
    """Many words, mostly lower-case and many of them long: a sentence, not a header row (a
    header of language codes, 'ar bn en es fa', is lower case too, but no prose is that short)."""
    words = line.split()
    lower = [w for w in words if w.isalpha() and w.islower()]
    return len(words) > 8 and len(lower) >= 0.6 * len(words) and sum(len(w) >= 4 for w in lower) >= 0.3 * len(lower)


def _columns(rows: list[_Line], figures_left: float) -> list[float]:
    centres = sorted(w.centre for ln in rows for w in ln.cells() if w.x1 > figures_left)
    columns: list[list[float]] = []
    for x in centres:
        if columns and x - columns[-1][-1] < 12.0:
            columns[-1].append(x)
        else:
            columns.append([x])
    return [sum(c) / len(c) for c in columns]


def _phrases(words: list[_Word]) -> list[list[_Word]]:
    """Words of one header line grouped by the gaps between them (a column's words stand closer
    together than two columns' headers)."""
    if not words:
        return []
    words = sorted(words, key=lambda w: w.x0)
    height = max(w.bottom - w.top for w in words)
    groups = [[words[0]]]
    for w in words[1:]:
        if w.x0 - groups[-1][-1].x1 <= 0.6 * height:
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


def _text(group: list[_Word]) -> str:
    return " ".join(w.text for w in group)


def _cells(region: list[_Line], rows: list[_Line], number: int, caption: str) -> list[TableCell]:
    # an empty-cell mark left of every figure ("−" for a row without a backbone) is a label
    figures_left = min(w.x0 for ln in rows for w in ln.figures())
    column_x = _columns(rows, figures_left)
    first_row_top = rows[0].top
    # a line without figures that starts among the labels and runs past them, but not across the
    # columns, is a group label ('Baselines (Prior Work)' over the rows below it), not a header
    # (one phrase, no gap between a label head and a column's header, ending short of the third column)
    reach = (column_x[1] + column_x[2]) / 2 if len(column_x) > 2 else figures_left + 2
    grouping = [ln for ln in region if ln not in rows and not ln.cells() and ln.x0 < figures_left
                and figures_left + 2 < ln.x1 <= reach and len(_phrases(ln.words)) == 1]
    header_lines = [ln for ln in region if ln.bottom <= first_row_top + 1 and ln not in rows and ln not in grouping]
    header_words = [w for ln in header_lines for w in ln.words]
    label_heads = _label_heads([w for w in header_words if w.x1 <= figures_left + 2])
    column_levels: list[list[str]] = [[] for _ in column_x]
    gaps = sorted(b - a for a, b in zip(column_x, column_x[1:]))
    spacing = gaps[len(gaps) // 2] if gaps else float("inf")
    for level in _header_levels([w for w in header_words if w.x1 > figures_left + 2]):
        phrases = _phrases(level)
        reach = spacing if _per_column(phrases, column_x, spacing) else float("inf")
        for k, x in enumerate(column_x):
            owner = _spanning(phrases, x, reach)
            if owner is not None:
                column_levels[k].append(_text(owner))
    group_lines = [ln for ln in region if ln not in rows and ln not in header_lines and not ln.cells()
                   and (ln.x1 <= figures_left + 2 or ln in grouping)]
    groups = _group_labels(group_lines, label_heads)
    cells = []
    for r, ln in enumerate(rows, 1):
        own = _row_labels(ln, figures_left, label_heads)
        labels = []
        for k, (_, _, head) in enumerate(label_heads or [(0.0, 0.0, "")]):
            value = own[k] if k in own else _nearest_group(groups.get(k, []), ln)
            labels.append((head, value))
        row_header = " ".join(v for _, v in labels if v)
        for w in ln.figures():
            k = min(range(len(column_x)), key=lambda i: abs(column_x[i] - w.centre))
            headers = _joined_levels(column_levels[k])
            cells.append(TableCell(w.start, w.end, r, k + 1, w.text, row_header, " ".join(headers), number,
                                   labels=tuple(labels), headers=headers, caption=caption))
    return cells


def _header_levels(words: list[_Word]) -> list[list[_Word]]:
    """Header words over the figures by level, top first: words whose tops are within a few
    points stand on one level."""
    levels: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for level in levels:
            if abs(level[0].top - w.top) <= 3.0:
                level.append(w)
                break
        else:
            levels.append([w])
    return levels


def _label_heads(words: list[_Word]) -> list[tuple[float, float, str]]:
    """Headers of the label columns, left of the figures: words that overlap horizontally are
    one header ('Generation' over 'Config'), as are words of one phrase ('Dataset Name')."""
    heads: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: w.x0):
        height = w.bottom - w.top
        for head in heads:
            last = max(head, key=lambda o: o.x1)
            overlaps = any(o.x0 < w.x1 and w.x0 < o.x1 for o in head)
            same_phrase = abs(last.top - w.top) <= 3.0 and 0 <= w.x0 - last.x1 <= 0.6 * height
            if overlaps or same_phrase:
                head.append(w)
                break
        else:
            heads.append([w])
    out = []
    for head in heads:
        ordered = sorted(head, key=lambda w: (round(w.top / 3), w.x0))
        out.append((min(w.x0 for w in head), max(w.x1 for w in head), " ".join(w.text for w in ordered)))
    return sorted(out)


def _per_column(phrases: list[list[_Word]], column_x: list[float], spacing: float) -> bool:
    """Does a header line name columns one by one (a phrase for at least half of them, or a lone
    phrase narrower than a column set right over one), rather than span groups of them ('Test
    Set' over five)?"""
    if len(phrases) >= 2:
        return 2 * len(phrases) >= len(column_x)
    if not phrases or not column_x:
        return False
    group = phrases[0]
    centre, width = (group[0].x0 + group[-1].x1) / 2, group[-1].x1 - group[0].x0
    return width < 1.5 * spacing and min(abs(centre - x) for x in column_x) <= 0.25 * spacing


def _spanning(phrases: list[list[_Word]], x: float, spacing: float = float("inf")) -> list[_Word] | None:
    """The phrase of a header line that stands over column centre `x`: the line's phrases split
    the columns at the midpoints between them; on a line that names columns one by one, each
    reaches no further than half a column past its own ends (a line that heads only some
    columns, names on two lines beside 'DeepSeek-V2' set on one, leaves the others without)."""
    if not phrases:
        return None
    centres = [((g[0].x0 + g[-1].x1) / 2, g) for g in phrases]
    centres.sort(key=lambda c: c[0])
    for k, (centre, group) in enumerate(centres):
        left = (centres[k - 1][0] + centre) / 2 if k else float("-inf")
        right = (centre + centres[k + 1][0]) / 2 if k + 1 < len(centres) else float("inf")
        if left <= x < right:
            reach = (group[-1].x1 - group[0].x0) / 2 + spacing / 2
            return group if abs(x - centre) <= reach else None
    return None


def _label_column(heads: list[tuple[float, float, str]], x0: float) -> int:
    """The label column a word starting at `x0` stands in: the last header starting at or before it."""
    if not heads:
        return 0
    candidates = [k for k, (hx0, _, _) in enumerate(heads) if hx0 <= x0 + 10]
    return candidates[-1] if candidates else 0


def _row_labels(line: _Line, figures_left: float, heads) -> dict[int, str]:
    """A row's own labels by label column; an empty-cell mark there says the row has none."""
    words = [w for w in line.words if w.x1 <= figures_left + 1]
    out: dict[int, list[str]] = {}
    for w in words:
        values = out.setdefault(_label_column(heads, w.x0), [])
        if not _EMPTY.fullmatch(w.text):
            values.append(w.text)
    return {k: " ".join(v) for k, v in out.items()}


def _group_labels(lines: list[_Line], heads) -> dict[int, list[tuple[float, float, float, str]]]:
    """Labels standing alone on their lines, by label column: (top, middle, bottom, text)."""
    out: dict[int, list[tuple[float, float, float, str]]] = {}
    for ln in sorted(lines, key=lambda ln: ln.top):
        for group in _phrases(ln.words):
            k = _label_column(heads, group[0].x0)
            labels = out.setdefault(k, [])
            text = _text(group)
            if labels and 0 <= ln.top - labels[-1][2] <= 2.0:
                # a label wrapped over two lines in a narrow column ('Qwen2-VL-' / 'Instruct-7B')
                top, _, _, previous = labels.pop()
                joined = previous + text if previous.endswith("-") else f"{previous} {text}"
                labels.append((top, (top + ln.bottom) / 2, ln.bottom, joined))
            else:
                labels.append((ln.top, ln.middle, ln.bottom, text))
    return out


def _nearest_group(labels: list[tuple[float, float, float, str]], row: _Line) -> str:
    """The group label of a row: the label nearest to it vertically among those not below the
    next row's label (labels centred on their rows, or standing above the first of them)."""
    if not labels:
        return ""
    best = min(labels, key=lambda g: abs(g[1] - row.middle))
    return best[3]


def _joined_levels(levels: list[str]) -> tuple[str, ...]:
    """A column's header levels, a name broken at a hyphen across two lines joined again
    ('R1-Distill-' over 'Qwen-7B' is 'R1-Distill-Qwen-7B')."""
    out: list[str] = []
    for level in levels:
        if out and out[-1].endswith("-") and level[:1].isalnum():
            out[-1] += level
        else:
            out.append(level)
    return tuple(out)
