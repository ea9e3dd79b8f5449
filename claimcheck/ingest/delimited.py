"""Results files in: CSV, TSV and JSON tables as a Document whose cells carry their headers.

No schema is assumed: a wide file (a row per model, a column per benchmark) and a long one
(model, dataset, metric, value) are both one table, read by the same table reader as a Markdown
table. CSV and TSV keep their own text, so a cell's line and column are the file's; a JSON
file is laid out as a Markdown table first (its lines are that table's).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model import Document, TableCell
from .text import InputError, _cells_of_table, parse_text


def _decode(path: Path) -> str:
    from ..files import FileProblem, read_input
    try:  # a regular file within the bound, or nothing is opened
        raw = read_input(path)
    except FileProblem as problem:
        raise InputError(f"{path}: cannot be read ({problem})") from None
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: looks like a binary file, not a results table")
    return raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def split_records(text: str, delimiter: str) -> list[list[tuple[int, int, str]]]:
    """Rows of (start, end, text) cells; quotes may hold delimiters, doubled quotes and newlines.
    One pass over the text: linear in its length."""
    rows: list[list[tuple[int, int, str]]] = []
    row: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    while i < n:
        # one field from i
        while i < n and text[i] in " \t" and text[i] != delimiter:
            i += 1
        if i < n and text[i] == '"':
            start = i + 1
            parts = []
            j = start
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        parts.append(text[start:j + 1])
                        j += 2
                        start = j
                        continue
                    break
                j += 1
            parts.append(text[start:j])
            value = "".join(parts)
            cell = (i + 1, j, value.strip())
            i = j + 1
            while i < n and text[i] not in (delimiter, "\n"):
                i += 1
        else:
            j = i
            while j < n and text[j] not in (delimiter, "\n"):
                j += 1
            raw = text[i:j]
            stripped = raw.rstrip()
            cell = (i, i + len(stripped), stripped)
            i = j
        row.append(cell)
        if i >= n or text[i] == "\n":
            if any(c[2] for c in row):
                rows.append(row)
            row = []
        i += 1
    if row and any(c[2] for c in row):
        rows.append(row)
    return rows


def delimiter_of(path: Path, text: str) -> str:
    """Tab for .tsv and .tab files; else comma, unless the header line holds tabs and no comma."""
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    first = text.split("\n", 1)[0]
    return "\t" if "\t" in first and "," not in first else ","


def parse_delimited(text: str, name: str, delimiter: str = ",") -> Document:
    """A Document of the file's own text whose cells are the table's: the first row heads the columns."""
    rows = split_records(text, delimiter)
    starts = [0]
    for k, ch in enumerate(text):
        if ch == "\n":
            starts.append(k + 1)
    if len(rows) < 2:
        return Document(name=name, text=text, line_starts=tuple(starts))
    header_row, body = rows[0], rows[1:]
    header = [cell[2] for cell in header_row]
    cells = [TableCell(start, end, 0, c, value, "", value, 0, label=True)
             for c, (start, end, value) in enumerate(header_row)]
    cells += list(_cells_of_table(header, body, 0, ""))
    return Document(name=name, text=text, line_starts=tuple(starts), cells=tuple(sorted(cells, key=lambda c: c.start)))


MAX_ROWS = 200_000  # as for fact sheets: reading takes seconds per hundred thousand rows


def read_delimited(path: Path, name: str | None = None) -> Document:
    """A CSV or TSV file as a table; one with no figure below its header row is no results file."""
    text = _decode(path)
    rows = text.count("\n")
    if rows > MAX_ROWS:
        raise InputError(f"{path}: {rows:,} rows, more than the {MAX_ROWS:,} a results table may have "
                         f"(split it, or keep the rows the digest is about)")
    document = parse_delimited(text, name or str(path), delimiter_of(path, text))
    if not any(cell.row > 0 and not cell.label and any(ch.isdigit() for ch in cell.text) for cell in document.cells):
        raise InputError(f"{path}: no figures in this table (a results file needs a header row and rows of numbers)")
    return document


# -- JSON ------------------------------------------------------------------------------------

_SCALARS = (str, int, float, bool)


def _scalar_text(value) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _flat(record: dict, prefix: str = "") -> dict:
    """A record's scalar fields, nested ones named by their path ('metrics.accuracy')."""
    out = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, name + "."))
        elif isinstance(value, _SCALARS) or value is None:
            out[name] = value
    return out


def _leaf_rows(value, path: tuple = ()) -> list[tuple[tuple, dict]]:
    """(path, scalars) of every object whose fields include scalars, depth first."""
    out = []
    if isinstance(value, dict):
        scalars = {k: v for k, v in value.items() if isinstance(v, _SCALARS)}
        if scalars:
            out.append((path, scalars))
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                out.extend(_leaf_rows(v, path + (str(k),)))
    elif isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            for v in value:
                flat = _flat(v)
                if flat:
                    out.append((path, flat))
        else:
            for k, v in enumerate(value):
                if isinstance(v, (dict, list)):
                    out.extend(_leaf_rows(v, path + (str(k),)))
    return out


def json_table(data) -> str:
    """A Markdown table of a JSON results file: records become rows; a mapping of names to
    objects (`{"model-a": {"mmlu": 61.2}}`, `{"results": {"task": {"acc": 0.5}}}`) becomes a row
    per object named by its path, below the path all rows share."""
    rows = _leaf_rows(data)
    if not rows:
        return ""
    columns: list[str] = []
    for _, scalars in rows:
        for key in scalars:
            if key not in columns:
                columns.append(key)
    paths = [path for path, _ in rows]
    shared = 0
    while paths and all(len(p) > shared for p in paths) and len({p[shared] for p in paths}) == 1:
        shared += 1
    labelled = any(len(p) > shared for p in paths)
    head = ([""] if labelled else []) + columns
    lines = ["| " + " | ".join(_scalar_text(h) for h in head) + " |", "|" + "---|" * len(head)]
    for path, scalars in rows:
        label = [" / ".join(path[shared:])] if labelled else []
        lines.append("| " + " | ".join(label + [_scalar_text(scalars.get(c)) for c in columns]) + " |")
    return "\n".join(lines) + "\n"


MAX_JSON_BYTES = 20_000_000


def read_json_results(path: Path, name: str | None = None) -> Document:
    text = _decode(path)
    if len(text) > MAX_JSON_BYTES:
        raise InputError(f"{path}: {len(text):,} characters, more than the {MAX_JSON_BYTES:,} a JSON source may have")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # (a JSON error, or an integer of more digits than Python converts)
        raise InputError(f"{path}: not JSON ({str(error)[:200]})") from None
    try:
        table = json_table(data)
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to read as a table") from None
    if not table:
        raise InputError(f"{path}: no table of results in this JSON (no object with numbers)")
    return parse_text(table, name or str(path))
