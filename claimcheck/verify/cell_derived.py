"""A margin, multiple or percent change against the two source cells its sentence names.

"LightGCN's NDCG@20 is 12% higher than NGCF's", "burns 7.6x Leopard's compute", "trails OpenAI-o3
by 9.0 points on AIME 2025": a derived figure whose operands the source holds in one table, two
cells that share a row and differ by column, or share a column and differ by row, where the
sentence (with its list item's label) writes the labels of both. The sentence fixes the cells by
the table's own labels, so this holds however the sentence was read: no subject, baseline,
metric or benchmark has to be read right. A figure is checked only where its sentence names one
such pair; it is wrong only where no reading of the relation (difference, multiple, percent
change over either cell, each with the rounding of all three figures) gives it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from .base import Context, figure_stretch, fmt, interval, meets

# the clause words that make a percent a change between two figures, not a state of one
_CHANGE_WORDS = re.compile(r"\b(?:than|over|higher|lower|more|less|fewer|faster|slower|gains?|improv\w*|"
                           r"drops?|reduc\w*|increas\w*|decreas\w*|cuts?|boosts?|relative|ahead|behind|"
                           r"trails?|above|below|up|down)\b", re.I)
_RELATIVE = frozenset({"delta", "speedup", "change"})
_PERCENT_SCALES = (1.0, 100.0)  # cells written as fractions (0.1547) give percentage points too


@dataclass(frozen=True)
class CellDerived:
    """A derived digest figure against its two cells: whether any reading of the relation agrees,
    the two cells (the reference second), and the computation the message states (the first
    reading: a percent change over the reference)."""

    agrees: bool
    first: object   # named_cells.NamedCell
    second: object  # named_cells.NamedCell
    words: str
    value: float


def _relations(ctx: Context, claim) -> tuple[str, ...]:
    """Which relations between two cells the figure can state: 'difference', 'multiple',
    'percent'; none for a figure that states a value of its own."""
    q = claim.quantity
    if q.bound or q.high is not None or q.word:
        return ()
    if q.dimension == "points" or q.dimension == "plain" and claim.kind == "delta":
        return ("difference",)  # ('0.082 above CharRNN's': a difference in the cells' own unit)
    if q.dimension == "ratio" or q.unit == "x":
        return ("multiple",)
    if q.dimension == "percent":
        start, end = ctx.clause_span(claim)
        clause = ctx.document.text[start:end]
        if claim.kind in _RELATIVE or _CHANGE_WORDS.search(clause):
            return ("percent", "difference")
    return ()


def _pairs(cells: list) -> list[tuple]:
    """Pairs of named cells of one table that share a row label and differ by column, or share a
    column and differ by row label: the two operands of a comparison, each pair once."""
    from .named_cells import compact
    unique = list({(id(c.source), c.cell.start): c for c in cells}.values())
    out = []
    for a, b in combinations(unique, 2):
        if a.source is not b.source or a.cell.table != b.cell.table:
            continue
        same_row, same_column = compact(a.row) == compact(b.row), a.column == b.column
        if same_row == same_column:
            continue
        differ = (compact(a.column), compact(b.column)) if same_row else (compact(a.row), compact(b.row))
        if differ[0] in differ[1] or differ[1] in differ[0]:
            continue  # 'MMLU' is written inside 'MMLU_PRO': the sentence names one of them only
        out.append((a, b) if a.cell.start < b.cell.start else (b, a))
    return out


def _shared_named(a, b, words: frozenset[str], labelled: list) -> bool:
    """Do the words name the label two cells share (their row, or their column)?"""
    from .named_cells import column_named, compact
    if compact(a.row) == compact(b.row):
        return compact(a.row) in words
    return any(column_named(x, a, words) for x in labelled if a in x.by_row.get(compact(a.row), ()))


def _computed(relation: str, a, b) -> list[tuple[tuple[float, float], str, float]]:
    """(interval, the computation in words, its value) for each reading of a relation; a percent
    change is read over `b`, the reference, first."""
    ha, hb = 0.5 * 10.0 ** -a.decimals, 0.5 * 10.0 ** -b.decimals
    va, vb = abs(a.value), abs(b.value)
    ta, tb = _shown(a), _shown(b)
    if relation == "difference":
        out = []
        for scale in _PERCENT_SCALES if max(va, vb) <= 1.0 else (1.0,):
            diff = abs(va - vb) * scale
            spread = (ha + hb) * scale
            shown = f"|{ta} - {tb}|" + (" x 100" if scale != 1.0 else "")
            out.append(((diff - spread, diff + spread), f"{shown} = {fmt(diff)}", diff))
        return out
    if relation == "multiple":
        high, low, h_high, h_low, t_high, t_low = (va, vb, ha, hb, ta, tb) if va >= vb else (vb, va, hb, ha, tb, ta)
        if low - h_low <= 0:
            return []
        value = high / low
        return [(((high - h_high) / (low + h_low), (high + h_high) / (low - h_low)),
                 f"{t_high} / {t_low} = {fmt(value)}", value)]
    out = []
    for base, h_base, shown in ((vb, hb, tb), (va, ha, ta)):  # over the reference, then over the other
        if base - h_base <= 0:
            continue
        diff = abs(va - vb)
        value = diff / base * 100
        lo = max(0.0, diff - ha - hb) / (base + h_base) * 100
        hi = (diff + ha + hb) / (base - h_base) * 100
        out.append(((lo, hi), f"|{ta} - {tb}| / {shown} = {fmt(value)}%", value))
    return out


def _shown(cell) -> str:
    """A cell's figure as the source writes it."""
    return f"{cell.value:.{cell.decimals}f}"


def _reference_last(ctx: Context, claim, a, b) -> tuple:
    """The pair ordered (other, reference): the reference is the one whose differing label the
    sentence writes after the figure ('12% higher than NGCF's'), else the one written first
    ('from the 4-bit build to the 8-bit build')."""
    from .named_cells import compact
    same_row = compact(a.row) == compact(b.row)
    la, lb = (compact(a.column), compact(b.column)) if same_row else (compact(a.row), compact(b.row))
    text = ctx.document.text
    after = compact(text[claim.quantity.end:claim.sentence[1]])
    if (lb in after) != (la in after):
        return (a, b) if lb in after else (b, a)
    before = compact(text[claim.sentence[0]:claim.quantity.start])
    ia, ib = before.find(la), before.find(lb)
    if ia >= 0 and (ib < 0 or ia < ib):
        return (b, a)
    return (a, b)


def _operands_named_up_to_its_clause(ctx: Context, claim, a, b, labelled: list) -> bool:
    """Does the sentence name the two labels the cells differ by before the figure or in the
    figure's own stretch after it? A label written only in a later clause is another comparison's."""
    from .named_cells import column_named, compact, named_phrases
    text = ctx.document.text
    start, end = claim.sentence
    q = claim.quantity
    right = min((i for i in (text.find(",", q.end, end), text.find(";", q.end, end)) if i >= 0), default=end)
    words = named_phrases(f"{ctx.item_lead(claim)} {text[start:q.start]} {text[q.end:right]}", labelled)
    if compact(a.row) == compact(b.row):
        return all(any(column_named(x, c, words) for x in labelled if c in x.by_row.get(compact(c.row), ()))
                   for c in (a, b))
    return compact(a.row) in words and compact(b.row) in words


def cell_derived_verdicts(ctx: Context) -> dict:
    """claim -> CellDerived for each margin, multiple or percent change whose sentence names the
    two source cells it compares, and exactly one such pair."""
    cached = getattr(ctx, "_cell_derived", None)
    if cached is not None:
        return cached
    from . import named_cells
    from .sources import _labelled, source_verdicts, usable_sources
    out: dict = {}
    sources = usable_sources(ctx)
    labelled = [_labelled(s) for s in sources]
    if any(x.by_row for x in labelled):
        stated_by_source = {id(c) for c, v, _, _ in source_verdicts(ctx) if v in ("supported", "rounded")}
        text = ctx.document.text
        for claim in sorted(ctx.claims + ctx.unframed(), key=lambda c: c.quantity.start):
            if id(claim) in stated_by_source or ctx.document.cell_at(claim.quantity.start) is not None:
                continue  # the source states the figure itself; a table's own cells are CC117's
            relations = _relations(ctx, claim)
            if not relations:
                continue
            q = claim.quantity
            start, end = claim.sentence
            words = named_cells.named_phrases(f"{ctx.item_lead(claim)} {text[start:q.start]} {text[q.end:end]}", labelled)
            pairs = _pairs(named_cells.named_on_their_own(named_cells.named_by(words, labelled),
                                                          f"{ctx.item_lead(claim)} {text[start:end]}"))
            if len(pairs) == 1 and any(c is not claim and _relations(ctx, c) for c in ctx.figures_between(start, end)):
                # two derived figures in one sentence: each is of the label its own stretch names
                # ('... 30x cheaper to run and about 40x smaller': the core-hours are not the 40x's)
                stretch = named_cells.named_phrases(figure_stretch(text, claim), labelled)
                pairs = [(a, b) for a, b in pairs if _shared_named(a, b, stretch, labelled)]
            if len(pairs) != 1:
                continue  # no pair, or several: the sentence does not fix the operands
            a, b = pairs[0]
            if not _operands_named_up_to_its_clause(ctx, claim, a, b, labelled):
                continue  # 'A and B are 2.88 apart on X, yet on Y the order flips': Y is another clause's
            if named_cells.agrees(claim, a) or named_cells.agrees(claim, b):
                continue  # the figure is one of the operands ('drops from 69.3% to 27.7%')
            stated = interval(q, ctx.slack)
            stated = (abs(stated[0]), abs(stated[1])) if stated[0] >= 0 else (abs(stated[1]), abs(stated[0]))
            a, b = _reference_last(ctx, claim, a, b)
            readings = [r for relation in relations for r in _computed(relation, a, b)]
            if not readings:
                continue
            agrees = any(meets(stated, r[0]) for r in readings)
            out[claim] = CellDerived(agrees, a, b, readings[0][1], readings[0][2])
    ctx._cell_derived = out
    return out
