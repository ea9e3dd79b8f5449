"""Results files in: CSV, TSV and JSON tables as a Document whose cells carry their headers.

No schema is assumed: a wide file (a row per model, a column per benchmark) and a long one
(model, dataset, metric, value) are both one table, read by the same table reader as a Markdown
table. CSV and TSV keep their own text, so a cell's line and column are the file's; a JSON
file is laid out as a Markdown table first (its lines are that table's).
"""
from __future__ import annotations

import json
import re
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


def read_delimited(path: Path, name: str | None = None, delimiter: str | None = None) -> Document:
    """A CSV or TSV file as a table (`delimiter` by default from its name and header line); one
    with no figure below its header row is no results file."""
    text = _decode(path)
    rows = text.count("\n")
    if rows > MAX_ROWS:
        raise InputError(f"{path}: {rows:,} rows, more than the {MAX_ROWS:,} a results table may have "
                         f"(split it, or keep the rows the digest is about)")
    document = parse_delimited(text, name or str(path), delimiter or delimiter_of(path, text))
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


def _leaf_rows(value, path: tuple = ()) -> list[tuple[tuple, dict, bool]]:
    """(path, scalars, whether it is a record of a list) of every object whose fields include
    scalars, depth first."""
    out = []
    if isinstance(value, dict):
        scalars = {k: v for k, v in value.items() if isinstance(v, _SCALARS)}
        if scalars:
            out.append((path, scalars, False))
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                out.extend(_leaf_rows(v, path + (str(k),)))
    elif isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            for v in value:
                flat = _flat(v)
                if flat:
                    out.append((path, flat, True))
        else:
            for k, v in enumerate(value):
                if isinstance(v, (dict, list)):
                    out.extend(_leaf_rows(v, path + (str(k),)))
    return out


def _groups(rows: list[tuple[tuple, dict, bool]]) -> list[tuple[tuple, list[tuple[tuple, dict]]]]:
    """The rows that make one table: a list's records, or the objects under one parent that share
    a field ('results' -> each task's metrics), apart from those of another shape under the same
    parent ('versions', 'config'). Each row joins the first group one of its fields is in: linear
    in the fields."""
    groups: list[tuple[tuple, list]] = []
    by_field: dict[tuple, int] = {}  # (parent, field) -> group
    for path, scalars, record in rows:
        parent = ("[]",) + path if record else path[:-1]
        # objects under one named parent are one table ('results' -> each task, whatever its
        # metrics); at the top, only those sharing a field ('versions' and 'config' are two)
        index = by_field.get((parent, None)) if parent else None
        if index is None:
            index = next((by_field[(parent, k)] for k in scalars if (parent, k) in by_field), None)
        if index is None:
            index = len(groups)
            groups.append((path if record else parent, []))
        groups[index][1].append((path, scalars))
        for k in scalars:
            by_field.setdefault((parent, k), index)
        if parent:
            by_field.setdefault((parent, None), index)
    return groups


def json_table(rows: list[tuple[tuple, dict, bool]], title: str = "", heading: str = "") -> str:
    """Markdown tables of a JSON results file: a list's records become rows; a mapping of names
    to objects (`{"model-a": {"mmlu": 61.2}}`, `{"results": {"task": {"acc": 0.5}}}`) becomes a
    row per object named by its key, and objects of another shape beside them ('config') a table
    of their own, each under its path. `title` (the model the file is about) owns the rows of
    its tables and heads them all, or `heading` does (the model and the shots it was run with).
    `rows` are the file's objects as `_leaf_rows` finds them."""
    if not rows:
        return ""
    out = [f"# {heading or title}", ""] if heading or title else []
    for parent, members in _groups(rows):
        columns: list[str] = []
        for _, scalars in members:
            for key in scalars:
                if key not in columns:
                    columns.append(key)
        labelled = any(len(path) > len(parent) for path, _ in members)
        # the file's model owns every figure of a table whose rows its keys name
        owned = bool(title) and labelled and len(members) > 1
        if parent:
            out += [f"**{_scalar_text(' / '.join(parent))}**", ""]
        # (one model's rows are what it was measured on: its tasks)
        head = (["Model"] if owned else []) + (["Task" if owned else ""] if labelled else []) + columns
        out += ["| " + " | ".join(_scalar_text(h) for h in head) + " |", "|" + "---|" * len(head)]
        for path, scalars in members:
            label = ([_scalar_text(title)] if owned else []) + \
                ([_scalar_text(" / ".join(path[len(parent):]))] if labelled else [])
            out.append("| " + " | ".join(label + [_scalar_text(scalars.get(c)) for c in columns]) + " |")
        out.append("")
    return "\n".join(out)


def _model_named(rows, stem: str = "", sibling_name: str = "") -> str:
    """The model a results file is about: the last part of a 'pretrained=...' path or a model
    field's value near the top of it ('EleutherAI/pythia-12b' -> 'pythia-12b'), or the part of the
    file's name that says more ('.../huggingface/13B' in 'llama-13B_commonsense.json' ->
    'llama-13B'): the part that tells it from its siblings, else the name's first part. Without a
    configuration, the part that tells it from its siblings ('results_yolo11x.json' -> 'yolo11x');
    '' where nothing names one."""
    named = _model_in_config(rows)
    lead = sibling_name or re.split(r"[_\s]", stem, maxsplit=1)[0]
    if named and lead and named.casefold() in lead.casefold() and len(lead) <= 60:
        return lead
    return named or sibling_name


def _shots_in_config(rows) -> str:
    """'5-shot' where the file's configuration sets how many examples each prompt had
    ('num_fewshot': 5), which every figure of the file was measured with; '' otherwise."""
    for path, scalars, record in rows:
        if record or len(path) > 1:
            continue
        for key, value in scalars.items():
            if _SHOTS_FIELD.fullmatch(key) and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
                return f"{value}-shot"
    return ""


_SHOTS_FIELD = re.compile(r"(?i)(?:num_?|n_?)?(?:few_?)?shots?|num_?fewshot")


def _model_in_config(rows) -> str:
    """The model a file's top-level configuration names, or ''."""
    found = ""
    for path, scalars, record in rows:
        if record or len(path) > 1:
            continue
        for key, value in scalars.items():
            if not isinstance(value, str):
                continue
            pretrained = re.search(r"(?:^|,)\s*pretrained=([^,]+)", value)
            if pretrained:
                return pretrained.group(1).rstrip("/").rsplit("/", 1)[-1]
            if not found and key.lower() in _MODEL_FIELDS and re.search(r"\d", value) and len(value) <= 120:
                found = value.rstrip("/").rsplit("/", 1)[-1]
    return found


_MODEL_FIELDS = frozenset({"model", "model_name", "model_id", "modelname", "checkpoint", "pretrained"})


MAX_JSON_BYTES = 20_000_000

# a JSON literal a script assigns ('var test_results = {...};', 'export default [...]'), as
# leaderboard sites ship their results (bounded: linear)
_ASSIGNED = re.compile(r"\s*(?:(?:var|let|const)\s+[A-Za-z_$][\w$.]{0,100}\s*=|"
                       r"(?:window|module\.exports|exports)(?:\.[A-Za-z_$][\w$]{0,100})?\s*=|export\s+default)\s*")


def json_payload(text: str) -> str:
    """The JSON of a file: the whole text, or the literal a script assigns, without its ';'."""
    assigned = _ASSIGNED.match(text)
    if assigned is None:
        return text
    return text[assigned.end():].rstrip().removesuffix(";")


def read_json_results(path: Path, name: str | None = None, sibling_name: str = "") -> Document:
    text = _decode(path)
    if len(text) > MAX_JSON_BYTES:
        raise InputError(f"{path}: {len(text):,} characters, more than the {MAX_JSON_BYTES:,} a JSON source may have")
    try:
        data = json.loads(json_payload(text))
    except (ValueError, RecursionError) as error:  # (a JSON error, or an integer of more digits than Python converts)
        raise InputError(f"{path}: not JSON ({str(error)[:200]})") from None
    try:
        rows = _leaf_rows(data)  # walked once: the tables, the model and the shots are all read from it
        title = _model_named(rows, path.stem, sibling_name)
        shots = _shots_in_config(rows)
        table = json_table(rows, title, f"{title} ({shots})" if title and shots else title)
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to read as a table") from None
    if not table:
        raise InputError(f"{path}: no table of results in this JSON (no object with numbers)")
    return parse_text(table, name or str(path))
