"""reStructuredText (Sphinx docs, model-zoo pages) in, as Markdown-like text for the text ingest.

Section titles become '#' headings (levels in the order the page first uses each underline
style); grid tables, simple tables, `list-table` and inline `csv-table` directives become
Markdown tables, so their cells know their row and column headers; other directive lines and
comments are dropped and their indented bodies kept; inline markup is reduced to its text. A
`csv-table` that names a `:file:` is not followed: a source names its own files.
"""
from __future__ import annotations

import csv
import re

_ADORNMENT = re.compile(r"([=\-~^\"'`#*+:._])\1{2,}[ \t]*")
_GRID_BORDER = re.compile(r"\+(?:[-=]+\+)+[ \t]*")
_SIMPLE_BORDER = re.compile(r"=+(?:[ \t]+=+)+[ \t]*")
_DIRECTIVE = re.compile(r"\.\.[ \t]+([\w:-]+)::[ \t]*(.*)")
_OPTION = re.compile(r"[ \t]+:([\w-]+):[ \t]*(.*)")
# a role before interpreted text (':py:func:', ':doc:'): bounded parts, so a search is linear
_ROLE = re.compile(r"(?::[\w+.-]{1,40}){1,4}:(?=`)")
_INTERPRETED = re.compile(r"``([^`]*)``|`([^`]*)`_{0,2}")


def _interpreted(m: re.Match) -> str:
    if m.group(1) is not None:
        return "`" + m.group(1) + "`"  # a literal stays code
    text = m.group(2)
    if text.endswith(">") and "<" in text:  # `Title <target>`_ shows its title
        text = text[:text.rfind("<")].rstrip()
    return text


def _inline(line: str) -> str:
    return _INTERPRETED.sub(_interpreted, _ROLE.sub("", line))


def _markdown(rows: list[list[str]], header_rows: int) -> list[str]:
    """Rows as Markdown table lines; the first `header_rows` rows are joined into one header row
    (a Markdown table has one), and a table without a header row gets a blank one, so that its
    first row stays a row."""
    rows = [[_inline(c.strip()).replace("|", "\\|") for c in r] for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header_rows = min(header_rows, len(rows) - 1)
    header = [" ".join(r[i] for r in rows[:header_rows] if r[i]).strip() for i in range(width)]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r) + " |" for r in rows[header_rows:]]
    return out


def _grid_table(lines: list[str], i: int) -> tuple[list[str], int]:
    """A grid table from its top border at line i: (its Markdown lines, the line after it)."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    border = lines[i].rstrip()[indent:]
    cuts = [k for k, ch in enumerate(border) if ch == "+"]
    rows: list[list[str]] = []
    current: list[list[str]] | None = None
    header_rows = 0
    j = i + 1
    while j < len(lines) and lines[j][indent:].startswith(("|", "+")):
        line = lines[j].rstrip()[indent:]
        if _GRID_BORDER.fullmatch(line):
            if current is not None:
                rows.append([" ".join(part for part in cell if part) for cell in current])
            current = None
            if "=" in line:
                header_rows = len(rows)
        else:
            parts = [line[a + 1:b] for a, b in zip(cuts, cuts[1:])]
            if current is None:
                current = [[] for _ in parts]
            for cell, part in zip(current, parts):
                cell.append(part.strip(" |"))
        j += 1
    return _markdown(rows, header_rows), j


def _simple_table(lines: list[str], i: int) -> tuple[list[str], int]:
    """A simple table from its top border of '=' runs at line i."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    spans = [(m.start(), m.end()) for m in re.finditer(r"=+", lines[i][indent:])]
    rows: list[list[str]] = []
    borders = 1
    header_rows = 0
    j = i + 1
    while j < len(lines):
        line = lines[j].rstrip()[indent:]
        if _SIMPLE_BORDER.fullmatch(line):
            borders += 1
            if borders == 2:
                header_rows = len(rows)
            j += 1
            if borders == 3 or j >= len(lines) or not lines[j].strip():
                break
            continue
        if not line.strip():
            j += 1
            continue
        cells = [line[a:(spans[k + 1][0] if k + 1 < len(spans) else len(line))].strip() for k, (a, _) in enumerate(spans)]
        if not line[:spans[0][1]].strip() and rows:  # a continuation line: its text joins the row above
            rows[-1] = [(p + " " + c).strip() for p, c in zip(rows[-1], cells)]
        else:
            rows.append(cells)
        j += 1
    if borders < 3:  # a table of two borders, top and bottom, has no header row
        header_rows = 0
    return _markdown(rows, header_rows), j


def _directive_body(lines: list[str], j: int) -> tuple[dict[str, str], list[str], int]:
    """A directive's options and its indented body (dedented), from the line after it."""
    options: dict[str, str] = {}
    while j < len(lines) and (m := _OPTION.fullmatch(lines[j].rstrip())):
        options[m.group(1)] = m.group(2)
        j += 1
    body: list[str] = []
    while j < len(lines) and (not lines[j].strip() or lines[j][:1] in " \t"):
        body.append(lines[j])
        j += 1
    while body and not body[-1].strip():
        body.pop()
    indent = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
    return options, [b[indent:] for b in body], j


def _list_table(body: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in body:
        stripped = line.strip()
        if stripped.startswith("* -"):
            rows.append([stripped[3:].strip()])
        elif stripped.startswith("- ") and rows:
            rows[-1].append(stripped[2:].strip())
        elif stripped and rows:
            rows[-1][-1] = (rows[-1][-1] + " " + stripped).strip()
    return rows


def _header_rows(options: dict[str, str]) -> int:
    value = options.get("header-rows", "0").strip()
    return int(value) if value.isdigit() and len(value) < 3 else 0


_DROPPED = ("code", "code-block", "sourcecode", "literalinclude", "math", "raw", "image", "figure", "toctree",
            "highlight", "include", "only", "csv-table", "list-table")


def rst_to_text(source: str) -> str:
    """A reStructuredText page as Markdown-like text. One pass, no recursion: a directive's
    indented body is read in place, as the page's own lines (an admonition's text, a `table`
    directive's grid table), except where the body is code, an image or a table's data."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    styles: list[tuple[str, bool]] = []
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        body = line.lstrip()
        nxt = lines[i + 1].rstrip() if i + 1 < len(lines) else ""
        # an over- and underlined title, or an underlined one: text over a run as long as it
        over = bool(_ADORNMENT.fullmatch(line)) and i + 2 < len(lines) and lines[i + 2].rstrip() == line and nxt.strip()
        if over or (line.strip() and not line[:1].isspace() and _ADORNMENT.fullmatch(nxt)
                    and len(nxt) >= len(line.strip()) and not _SIMPLE_BORDER.fullmatch(nxt)):
            title, adornment = (nxt.strip(), line) if over else (line.strip(), nxt)
            style = (adornment[0], bool(over))
            if style not in styles:
                styles.append(style)
            out += ["#" * min(6, styles.index(style) + 1) + " " + _inline(title), ""]
            i += 3 if over else 2
            continue
        if _GRID_BORDER.fullmatch(body):
            table, i = _grid_table(lines, i)
            out += [""] + table + [""]
            continue
        if _SIMPLE_BORDER.fullmatch(body):
            table, i = _simple_table(lines, i)
            out += [""] + table + [""]
            continue
        directive = _DIRECTIVE.fullmatch(body) if body.startswith("..") else None
        if directive:
            name, argument = directive.group(1).lower(), directive.group(2).strip()
            if name in ("list-table", "csv-table", "table") and argument:
                out += ["", _inline(argument), ""]  # a table's title: its caption
            elif argument and name not in _DROPPED:  # an admonition's first words, a topic's title
                out += ["", _inline(argument), ""]
            if name in _DROPPED:
                options, content, i = _directive_body(lines, i + 1)
                if name == "list-table":
                    out += _markdown(_list_table(content), _header_rows(options)) + [""]
                elif name == "csv-table" and "file" not in options and "url" not in options:
                    rows = list(csv.reader([b for b in content if b.strip()], skipinitialspace=True))
                    header = list(csv.reader([options["header"]], skipinitialspace=True)) if "header" in options else []
                    out += _markdown(header + rows, len(header) or _header_rows(options)) + [""]
                else:
                    out.append("")
            else:
                i += 1
                while i < len(lines) and _OPTION.fullmatch(lines[i].rstrip()):
                    i += 1
            continue
        if body.startswith("..") and not body.startswith("..."):  # a comment, a target or a substitution
            indent = len(line) - len(body)
            i += 1
            while i < len(lines) and lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) > indent:
                i += 1
            continue
        out.append(_inline(body))
        i += 1
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"
