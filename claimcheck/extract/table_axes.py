"""What a table's axes look like as a whole, as features for the learned reader.

One cell's header or row label says little by itself: "narrativeqa" could be a system, a metric
or a benchmark. The whole axis says more: a header row whose strings all read as benchmarks, a
label column of model names, columns whose figures share one scale (each column one metric) or
rows that do (each row one metric). `TableAxes` describes, once per table:
- the table's shape: are its figures alike down the columns, along the rows, or both;
- each axis (the header levels, each label column): how much its strings together look like
  metrics, benchmarks, systems or settings (the name typer's mean judgement), and how many of
  them the header grammar reads as a metric or a benchmark.
The reader's candidates from a header or a label carry their axis's description; the model
learns how far to trust it.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict

from ..model import TableCell

# the first figure of a cell: digits, one decimal part (bounded repetition: linear)
_FIGURE = re.compile(r"(?<![\w.])\d{1,15}(?:,\d{3}){0,5}(?:\.\d{1,12})?")
_MARKUP = re.compile(r"<[^<>]{0,200}>|\*\*|__|`")


def _step(p: float) -> str:
    return "lo" if p < 0.2 else "mid" if p < 0.5 else "hi" if p < 0.8 else "top"


def figure_log(text: str) -> float | None:
    """A cell's first figure as log10 (None for none or zero)."""
    m = _FIGURE.search(_MARKUP.sub(" ", text))
    if not m:
        return None
    value = float(m.group(0).replace(",", ""))
    return math.log10(value) if value > 0 else None


def _spread(groups: dict) -> float | None:
    """The mean standard deviation of the groups of two or more values (None if there are none)."""
    spreads = []
    for values in groups.values():
        if len(values) >= 2:
            mean = sum(values) / len(values)
            spreads.append(math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)))
    return sum(spreads) / len(spreads) if spreads else None


def figure_shape(cells) -> str:
    """'cols' where a table's figures are alike down each column and differ along rows (each
    column a metric), 'rows' for the reverse, 'even' where neither stands out, 'single' for one
    row or one column of figures."""
    by_column, by_row = defaultdict(list), defaultdict(list)
    for cell in cells:
        if cell.label:
            continue
        value = figure_log(cell.text)
        if value is not None:
            by_column[cell.column].append(value)
            by_row[cell.row].append(value)
    columns, rows = _spread(by_column), _spread(by_row)
    if columns is None or rows is None:
        return "single"
    ratio = (columns + 0.05) / (rows + 0.05)
    return "cols" if ratio < 0.5 else "rows" if ratio > 2 else "even"


class TableAxes:
    """Descriptions of the tables of one document, made once per table and axis."""

    def __init__(self, cells: list[TableCell], tables, typer=None) -> None:
        self.tables = tables  # the table reader: its header grammar
        self.typer = typer
        self._cells: dict[int, list[TableCell]] = defaultdict(list)
        for cell in cells:
            self._cells[cell.table].append(cell)
        self._shapes: dict[int, tuple[str, ...]] = {}
        self._axes: dict[tuple, tuple[str, ...]] = {}

    def shape(self, table: int) -> tuple[str, ...]:
        """The table's `figure_shape`, as a feature."""
        found = self._shapes.get(table)
        if found is None:
            found = self._shapes[table] = (f"homog={figure_shape(self._cells.get(table, ()))}",)
        return found

    def header_axis(self, table: int, depth: int) -> tuple[str, ...]:
        """The description of one header level of a table (0: the top)."""
        key = ("header", table, depth)
        found = self._axes.get(key)
        if found is None:
            strings = {cell.headers[depth] for cell in self._cells.get(table, ())
                       if not cell.label and len(cell.headers) > depth and cell.headers[depth]}
            found = self._axes[key] = self._describe(strings)
        return found

    def label_axis(self, table: int, position: int) -> tuple[str, ...]:
        """The description of one label column of a table (0: the leftmost)."""
        key = ("label", table, position)
        found = self._axes.get(key)
        if found is None:
            strings = {cell.labels[position][1] for cell in self._cells.get(table, ())
                       if len(cell.labels) > position and cell.labels[position][1]}
            found = self._axes[key] = self._describe(strings)
        return found

    def _describe(self, strings: set[str]) -> tuple[str, ...]:
        if not strings:
            return ("axis_n=0",)
        strings = sorted(strings)[:200]  # a bound on the work for a very long axis; sorted: the same every run
        n = len(strings)
        out = [f"axis_n={'1' if n == 1 else '2-3' if n <= 3 else '4-9' if n <= 9 else '10+'}"]
        metric = sum(1 for s in strings if self.tables.header(s).metric) / n
        dataset = sum(1 for s in strings if self.tables.header(s).dataset) / n
        out += [f"grammar_metric={_step(metric)}", f"grammar_dataset={_step(dataset)}"]
        digits = sum(1 for s in strings if any(ch.isdigit() for ch in s)) / n
        out.append(f"axis_digits={_step(digits)}")
        if self.typer is not None:
            from .candidates import string_features
            totals: dict[str, float] = defaultdict(float)
            for s in strings:
                for label, p in self.typer.probabilities(string_features(s)).items():
                    totals[label] += p / n
            top = max(sorted(totals), key=totals.get)
            out.append(f"axis_top={top}")
            out += [f"axis_{label}={_step(p)}" for label, p in sorted(totals.items())]
        return tuple(out)
