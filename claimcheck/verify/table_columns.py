"""A table's computed column: a difference, quotient or multiple of other cells that one row gets wrong.

A digest's table often carries a column computed from its other columns ('3-bit minus FP16',
'TFLOPS vs M=64', 'Speedup'). Which computation it is is read from the table itself, not from
the header's words: the formula that gives the column's figure in the other rows, within the
rounding of every figure. A formula that every row but one obeys is the column's, and the row
that disobeys it is a slip. Without a header that names the operands, at least three rows must
agree before any row is called wrong; a header that names them ('TFLOPS vs M=64', 'A minus B')
makes two rows enough.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Evidence
from .base import RULES, Context, claim_at, fmt, rule

# a figure cell: optional markup, a sign, digits, and a multiple or percent mark; nothing else
_FIGURE_CELL = re.compile(r"\s*(?:\*\*|__|[*_])?\s*(?P<sign>[+\-−]?)\s*(?P<digits>\d{1,15}(?:,\d{3}){0,5}(?:\.\d{1,12})?)"
                          r"\s*(?P<mark>[x×%])?\s*(?:\*\*|__|[*_])?\s*")
_WORD = re.compile(r"[a-z0-9]+")
MIN_AGREEING = 3  # rows that obey a formula before another row is called wrong by it
MIN_NAMED = 2     # the same where the header names the operands


@dataclass(frozen=True)
class Figure:
    """A figure cell of a table: where it stands and what it says, with its rounding."""

    start: int
    end: int
    text: str
    value: float
    half: float
    signed: bool
    mark: str


def _figure(text: str, start: int, end: int) -> Figure | None:
    m = _FIGURE_CELL.fullmatch(text)
    if m is None:
        return None
    digits = m.group("digits").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits) * (-1.0 if m.group("sign") in ("-", "−") else 1.0)
    return Figure(start, end, text.strip(), value, 0.5 * 10.0 ** -decimals, bool(m.group("sign")),
                  (m.group("mark") or "").replace("×", "x"))


@dataclass(frozen=True)
class Grid:
    """One table's figure cells by row and column, with each column's header and each row's label."""

    rows: dict      # row -> {column: Figure}
    headers: dict   # column -> header text
    labels: dict    # row -> label text


def _grids(ctx: Context) -> list[Grid]:
    by_table: dict[int, Grid] = {}
    for cell in ctx.document.cells:
        grid = by_table.setdefault(cell.table, Grid({}, {}, {}))
        if cell.label:
            if cell.row > 0 and cell.row not in grid.labels:
                grid.labels[cell.row] = cell.text.strip()
            continue
        figure = _figure(cell.text, cell.start, cell.end)
        if figure is not None:
            grid.rows.setdefault(cell.row, {})[cell.column] = figure
            grid.headers.setdefault(cell.column, " ".join(cell.headers))
            if cell.row not in grid.labels and cell.labels:
                grid.labels[cell.row] = cell.labels[-1][1]
    return [g for g in by_table.values() if len(g.rows) >= 2]


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold()))


def _names(header: str, other: str) -> bool:
    """Does a header name another column by all of that column's words ('TFLOPS vs M=64' names 'TFLOPS')?"""
    own = _words(other)
    return bool(own) and own <= _words(header)


@dataclass(frozen=True)
class Formula:
    """How a column's figure is computed from its row: 'difference' (a - b), 'quotient' (a / b),
    'percent' ((a - b) / b in percent), or 'relative' (a over column a's figure in a reference row)."""

    kind: str
    a: int
    b: int  # a column, or for 'relative' the reference row

    def value(self, grid: Grid, row: int) -> tuple[float, float, float] | None:
        """(value, low, high) of the formula in a row, from the rounding of its operands."""
        cells = grid.rows[row]
        x = cells.get(self.a)
        y = grid.rows.get(self.b, {}).get(self.a) if self.kind == "relative" else cells.get(self.b)
        if x is None or y is None:
            return None
        xs = (x.value - x.half, x.value + x.half)
        ys = (y.value - y.half, y.value + y.half)
        if self.kind == "difference":
            return x.value - y.value, xs[0] - ys[1], xs[1] - ys[0]
        if ys[0] <= 0 or xs[0] < 0:
            return None
        if self.kind == "percent":
            return (x.value / y.value - 1) * 100, (xs[0] / ys[1] - 1) * 100, (xs[1] / ys[0] - 1) * 100
        return x.value / y.value, xs[0] / ys[1], xs[1] / ys[0]

    def words(self, grid: Grid, row: int) -> str:
        cells = grid.rows[row]
        x = cells[self.a]
        if self.kind == "relative":
            y = grid.rows[self.b][self.a]
            return f"{x.text} / {y.text} ({grid.labels.get(self.b, 'the reference row')})"
        y = cells[self.b]
        if self.kind == "difference":
            return f"{x.text} - {y.text}"
        if self.kind == "percent":
            return f"({x.text} - {y.text}) / {y.text}"
        return f"{x.text} / {y.text}"


def _obeys(target: Figure, computed: tuple[float, float, float]) -> bool:
    value = abs(target.value) if target.mark == "x" or not target.signed else target.value
    if target.mark != "x" and not target.signed:
        lo, hi = sorted((abs(computed[1]), abs(computed[2])))
        if computed[1] <= 0 <= computed[2]:
            lo = 0.0
    else:
        lo, hi = computed[1], computed[2]
    slack = target.half + 1e-9 * max(1.0, abs(value))
    return lo - slack <= value <= hi + slack


MAX_OPERANDS = 16  # columns tried as operands where the header names none (a formula per pair)
# formula-by-row evaluations per table: a wide table whose formulas all fail only in its last
# rows would cost columns³ × rows; past this the table's remaining columns are not tried
# (about a quarter of a second)
MAX_EVALUATIONS = 60_000


def _formulas(grid: Grid, column: int, marks: set[str], header: str) -> list[Formula]:
    """The formulas a column may follow: over the columns its header names, or where it names
    none, over every pair of the table's other columns (in a table of few columns)."""
    others = sorted({c for cells in grid.rows.values() for c in cells} - {column})
    named = [c for c in others if _names(header, grid.headers.get(c, ""))]
    pool = named if len(named) >= 2 else others if len(others) <= MAX_OPERANDS else []
    out = []
    for a in pool:
        for b in pool:
            if a == b:
                continue
            if "x" in marks or not marks:
                out.append(Formula("quotient", a, b))
            if "%" in marks:
                out.append(Formula("percent", a, b))
            if "%" not in marks and "x" not in marks:
                out.append(Formula("difference", a, b))
    if "x" in marks:  # a multiple of a reference row that the header names, which reads 1.0x itself
        references = [row for row, label in grid.labels.items() if _names(header, label)
                      and column in grid.rows.get(row, {}) and abs(grid.rows[row][column].value - 1.0) <= grid.rows[row][column].half]
        out += [Formula("relative", a, row) for a in named for row in references[:2]]
    return out


def _slips(grid: Grid, column: int, budget: list[int]):
    """(formula, agreeing rows, the row that disobeys it) for a computed column with one slip;
    `budget` holds the evaluations the table has left, spent here."""
    targets = {row: cells[column] for row, cells in grid.rows.items() if column in cells}
    if len(targets) < MIN_NAMED + 1:
        return None
    marks = {t.mark for t in targets.values()}
    if len(marks) > 1:
        return None
    header = grid.headers.get(column, "")
    # a column that looks computed: signed figures ('+1.95'), multiples ('5.9x') or percents
    computed_look = bool(marks - {""}) or all(t.signed for t in targets.values())
    found = []
    for formula in _formulas(grid, column, marks, header):
        if formula.kind == "relative":
            needed = 1  # the header names the column and the row it is a multiple of
        else:
            named = _names(header, grid.headers.get(formula.a, "")) and _names(header, grid.headers.get(formula.b, ""))
            if not named and not computed_look:
                continue  # a plain column between plain columns is a figure of its own
            needed = MIN_NAMED if named else MIN_AGREEING
        obey, disobey = [], []
        if budget[0] <= 0:
            return None
        budget[0] -= len(targets)
        for row, target in targets.items():
            if formula.kind == "relative" and row == formula.b:
                continue  # the reference row is 1.0x by construction: it confirms nothing
            computed = formula.value(grid, row)
            if computed is None:
                continue
            (obey if _obeys(target, computed) else disobey).append(row)
            if len(disobey) > 1:
                break  # not this column's formula (a wrong formula fails early: the scan stays short)
        if len(disobey) > 1:
            continue
        if not disobey and len(obey) >= needed:
            return None  # the column is computed, and right throughout
        if len(disobey) == 1 and len(obey) >= needed:
            found.append((formula, obey, disobey[0]))
    # one formula only: two that each fit all but a different row say nothing sure
    return found[0] if found and len({f[2] for f in found}) == 1 else None


@rule("CC117", "computed-column", "arithmetic")
def check_computed_columns(ctx: Context):
    """A table column computed from the other cells of its row, wrong in one row.

    What it checks: a column of a digest's table whose figures are, row by row, the difference,
    the quotient or the percent change of two other columns, or a multiple of one column's figure
    in a reference row (the row that reads 1.0x), as the other rows show within the rounding of
    every figure; the one row that does not follow is reported with the computation. At least
    three rows must follow the formula (two where the header names the columns it uses, as
    'TFLOPS vs M=64' or '3-bit minus FP16' do), and one formula only may fit.
    Why it matters: a summary table is copied from cell to cell by hand; a computed column is where
    a slip hides, since no reader redoes the sums.
    Example: rows 8.07 / 5.68 / +2.39, 6.63 / 5.09 / +1.54, 5.69 / 4.10 / +1.95: 5.69 - 4.10 = 1.59.
    How to fix: recompute the cell from its row.
    """
    self = RULES["CC117"]
    for grid in _grids(ctx):
        columns = sorted({c for cells in grid.rows.values() for c in cells})
        budget = [MAX_EVALUATIONS]
        for column in columns:
            slip = _slips(grid, column, budget)
            if slip is None:
                continue
            formula, obey, row = slip
            target = grid.rows[row][column]
            if formula.kind == "difference" and not target.signed and formula.value(grid, row)[0] < 0:
                formula = Formula("difference", formula.b, formula.a)  # an unsigned gap: the larger first
            value = formula.value(grid, row)[0]
            claim = claim_at(ctx, target.start, target.end, target.value, kind="score")
            shown = f"{fmt(value)}{'x' if target.mark == 'x' else '%' if target.mark == '%' else ''}"
            yield self.finding(claim, f"stated {target.text}, computed {formula.words(grid, row)} = {shown}: "
                               f"the column's other {len(obey)} rows follow that computation "
                               f"({grid.labels.get(obey[0], 'another row')}: {formula.words(grid, obey[0])})",
                               [Evidence(document=ctx.document.name, line=ctx.document.locate(target.start).line,
                                         column=ctx.document.locate(target.start).column,
                                         text=formula.words(grid, row), value=value)], expected=value)
