"""Plain text and Markdown in: a Document with a line map, table cells and sections."""
from __future__ import annotations

import re
from pathlib import Path

from ..extract.normalize import expand_ligatures
from ..model import Document, Section, TableCell

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED_HEADING = re.compile(r"^\s*(?:#{1,6}\s+)?\d{1,2}[.)]\s+(?P<title>[A-Z\w][^\n]{1,110})$")
_SUBJECT_SPLIT = re.compile(r"\s*(?::|\s[—–]\s|\s-\s|\(|,)\s*")
_ROW_HEADER_SKIP = {"#", "no", "no.", "rank", "id", "idx", "arxiv", "year", "date", "link", "url"}


class InputError(Exception):
    """A file that cannot be read as a document (exit code 2)."""


def read_document(path: str | Path, name: str | None = None) -> Document:
    """Read a text or Markdown file; undecodable bytes are replaced, never fatal."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a document") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: looks like a binary file; claimcheck reads text and Markdown")
    text = raw.decode("utf-8-sig", errors="replace")
    return parse_text(text, name or str(path))


def parse_text(text: str, name: str = "<text>") -> Document:
    """Build a Document from text: lines, Markdown tables as cells, sections under headings."""
    text = expand_ligatures(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    code = _code_spans(text, lines, starts)
    cells = tuple(c for c in _table_cells(lines, starts) if not _inside(code, c.start))
    sections, headings = _sections(lines, starts, len(text))
    return Document(name=name, text=text, line_starts=tuple(starts), cells=cells,
                    sections=tuple(sections), headings=tuple(headings), code=tuple(code))


_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_INLINE = re.compile(r"(`+)[^`\n]+?\1|<!--.*?-->|</?[A-Za-z][^<>\n]*>", re.DOTALL)


def _code_spans(text: str, lines: list[str], starts: list[int]) -> list[tuple[int, int]]:
    """Fenced code blocks, inline code, HTML tags and comments: digits there are not claims."""
    spans = []
    fence_start = None
    fence = ""
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence_start is None and m:
            fence_start, fence = starts[i], m.group(1)[0] * 3
        elif fence_start is not None and line.strip().startswith(fence):
            spans.append((fence_start, starts[i] + len(line)))
            fence_start = None
    if fence_start is not None:
        spans.append((fence_start, len(text)))
    spans += [m.span() for m in _INLINE.finditer(text) if not _inside(spans, m.start())]
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(s <= offset < e for s, e in spans)


def _split_row(line: str, line_start: int) -> list[tuple[int, int, str]]:
    """Cells of a Markdown table row as (start, end, text), honouring escaped pipes."""
    bounds = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    if not line.lstrip().startswith("|"):
        bounds.insert(0, -1)
    if not line.rstrip().endswith("|") or (bounds and bounds[-1] != len(line.rstrip()) - 1):
        bounds.append(len(line))
    out = []
    for left, right in zip(bounds, bounds[1:]):
        raw = line[left + 1:right]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = line_start + left + 1 + lead
        out.append((start, start + len(stripped), stripped))
    return out


def _table_cells(lines: list[str], starts: list[int]):
    table = 0
    i = 0
    while i < len(lines) - 1:
        if "|" in lines[i] and _SEPARATOR_ROW.match(lines[i + 1]):
            header = [c[2] for c in _split_row(lines[i], starts[i])]
            body = []
            j = i + 2
            while j < len(lines) and "|" in lines[j] and lines[j].strip():
                body.append(j)
                j += 1
            rows = [_split_row(lines[k], starts[k]) for k in body]
            label_col = _row_header_column(header, rows)
            for r, row in enumerate(rows, 1):
                row_header = row[label_col][2] if label_col < len(row) else ""
                for c, (start, end, cell_text) in enumerate(row):
                    column_header = header[c] if c < len(header) else ""
                    yield TableCell(start, end, r, c, cell_text, row_header, column_header, table)
            table += 1
            i = j
        else:
            i += 1


def _row_header_column(header: list[str], rows: list[list[tuple[int, int, str]]]) -> int:
    """The first column that names things: not a number column, not '#' or 'arXiv'."""
    for c, name in enumerate(header):
        if name.strip().lower() in _ROW_HEADER_SKIP:
            continue
        values = [row[c][2] for row in rows if c < len(row)]
        if values and sum(bool(re.fullmatch(r"[\d.,%±+\-\s×x]+", v)) for v in values) <= len(values) / 2:
            return c
    return 0


_GENERIC_HEADINGS = frozenset(
    "abstract introduction overview summary results result method methods approach background related work "
    "conclusion conclusions discussion evaluation experiments setup limitations appendix references "
    "highlights takeaways notes news papers benchmarks ablations analysis".split())


def heading_subject(title: str) -> str:
    """The name part of a heading: 'UniTeD: joint perception ...' -> 'UniTeD', '## Gannet' -> 'Gannet'."""
    title = title.strip().strip("*_#").strip()
    parts = _SUBJECT_SPLIT.split(title, maxsplit=1)
    if len(parts) == 2 and parts[0] and len(parts[0].split()) <= 4:
        return parts[0].strip()
    words = title.split()
    if not words or any(w.lower() in _GENERIC_HEADINGS for w in words):
        return ""
    # a short heading in title case names a method: "Gannet", "Chorus II", "Stable Cascade"
    if len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return title
    return ""


def _sections(lines: list[str], starts: list[int], length: int):
    marks = []  # (offset, title)
    headings = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or "|" in stripped:
            continue
        heading = _MARKDOWN_HEADING.match(stripped)
        numbered = _NUMBERED_HEADING.match(stripped)
        title = None
        if heading:
            title = re.sub(r"^\d{1,2}[.)]\s+", "", heading.group(2))
        elif numbered and not stripped.endswith((".", ";", ",")) and len(stripped.split()) <= 16:
            title = numbered.group("title")
        if title is not None:
            marks.append((starts[i], title))
            headings.append((starts[i], starts[i] + len(line)))
    sections = []
    for k, (start, title) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else length
        sections.append(Section(start, end, title.strip(), heading_subject(title)))
    return sections, headings
