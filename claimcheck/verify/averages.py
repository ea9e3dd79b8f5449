"""A mean the text states for one system across the benchmarks its table gives, that the
table's figures do not give.

'| Kite | 71.2 | 80.1 |' and, below, 'Kite averages 76.65 across the two benchmarks': (71.2 +
80.1) / 2 = 75.65. The figures averaged are the system's cells of one table: those of the
benchmarks the sentence names where it names two or more, else every score cell of its row but a
column that is itself an average; a count the sentence states ('the two benchmarks', 'all 5
tasks') must be the number of figures, else nothing is checked.
"""
from __future__ import annotations

import re

from ..model import Claim, Evidence
from .base import RULES, Context, fmt, interval, rule, same_subject, written

_AVERAGE = re.compile(r"\b(?:averages?|averaging|averaged|on\s+average|mean|macro-average)\b", re.I)
_WORD_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "both": 2}
_COUNTED = re.compile(r"\b(?:across|over|on|of)\s+(?:the\s+|all\s+|its\s+|these\s+)?(?P<n>two|three|four|five|six|seven|"
                      r"eight|nine|ten|both|\d{1,2})\s+(?:[\w-]+\s+){0,2}?(?:benchmarks?|tasks?|datasets?|suites?|"
                      r"evals?|evaluations?|tests?|columns?|languages?|splits?|metrics?)\b", re.I)
_AVERAGE_HEADER = re.compile(r"\b(?:avg|average|mean|overall|total)\b", re.I)
_SCORED = ("score", "percent")


@rule("CC120", "average-mismatch", "arithmetic")
def check_averages(ctx: Context):
    """A mean the text states for a system across its table's benchmarks that the table does not give.

    What it checks: a sentence that states a mean ('averages', 'on average', 'mean') for a system
    whose row of a table in the document gives its figures on several benchmarks: the mean of the
    benchmarks the sentence names (two or more), else of every score in its row but a column that
    is itself an average ('Avg', 'Overall'); where the sentence counts them ('across the two
    benchmarks', 'over all 5 tasks') the count must match, else nothing is checked. The rounding
    of every figure is allowed, and a tenth more for 'about'.
    Why it matters: an average is quoted as the headline of a table; its cells are right there.
    Example: '| Kite | 71.2 | 80.1 |' then 'Kite averages 76.65 across the two benchmarks':
    (71.2 + 80.1) / 2 = 75.65.
    How to fix: recompute the mean, or name the benchmarks it is taken over.
    """
    self = RULES["CC120"]
    text = ctx.document.text
    cells_by_subject: dict[str, list[Claim]] = {}
    for c in ctx.claims:
        cell = ctx.document.cell_at(c.quantity.start)
        if cell is not None and c.subject and c.kind in _SCORED and not c.quantity.bound \
                and not any(_AVERAGE_HEADER.search(level) for level in cell.headers):
            cells_by_subject.setdefault(c.subject, []).append(c)
    if not cells_by_subject:
        return
    seen_sentences = set()
    # the figure may be read without a frame ('Kite averages 76.65 across the two benchmarks'
    # names no metric): its sentence's name of a table row says whose mean it is
    stated_figures = sorted(list(ctx.claims) + ctx.unframed(), key=lambda c: c.quantity.start)
    for stated in stated_figures:
        if stated.sentence in seen_sentences or ctx.document.cell_at(stated.quantity.start) is not None:
            continue
        start, end = stated.sentence
        if stated.kind not in _SCORED or stated.quantity.bound or stated.role in ("from", "to"):
            continue
        cue = _AVERAGE.search(text, start, end)
        if cue is None or not cue.start() < stated.quantity.start or stated.quantity.start - cue.end() > 60:
            continue  # the mean word comes before its figure, near it ('averages 76.65', 'an average of 76.65')
        subject = _named_row(ctx, text[start:stated.quantity.start], cells_by_subject, stated.subject)
        if not subject:
            continue
        seen_sentences.add(stated.sentence)
        row = _row(ctx, cells_by_subject, subject)
        if len(row) < 2:
            continue
        sentence = text[start:end].casefold()
        named = [c for c in row if c.dataset and re.search(r"(?<![\w.-])" + re.escape(c.dataset.casefold().replace("_", " "))
                                                           + r"(?![\w-])", sentence)]
        figures = named if len(named) >= 2 else row
        counted = _COUNTED.search(text, start, end)
        if counted:
            word = counted.group("n").lower()
            n = _WORD_COUNTS.get(word) or int(word)
            if n != len(figures):
                continue
        elif len(named) < 2 and not re.search(r"\b(?:across|over)\s+(?:the\s+|all\s+|its\s+)?(?:board|benchmarks?|tasks?|"
                                               r"datasets?|suite|table|columns?)\b", sentence):
            continue  # 'averages 76.65' alone does not say over what
        if len({c.metric for c in figures}) > 1 or len({c.dataset for c in figures}) != len(figures):
            continue  # several measures, or one benchmark twice: not one mean
        bounds = [interval(c.quantity) for c in figures]
        low, high = sum(b[0] for b in bounds) / len(bounds), sum(b[1] for b in bounds) / len(bounds)
        said = interval(stated.quantity, ctx.slack)
        scale = _percent_scale(stated, figures)
        if said[0] <= high * scale and low * scale <= said[1]:
            continue
        mean = sum(c.value for c in figures) / len(figures) * scale
        terms = " + ".join(written(c) for c in figures)
        yield self.finding(stated, f"stated {written(stated)} as {subject}'s mean, computed ({terms}) / "
                           f"{len(figures)} = {fmt(mean)}", [Evidence.of(c) for c in figures], expected=round(mean, 6))


def _named_row(ctx: Context, before: str, cells_by_subject: dict[str, list[Claim]], read: str) -> str:
    """Whose mean: the subject read, where a table row has it, else the one row name the sentence
    writes before the figure (found with the document's one pattern of every subject)."""
    if read and read in cells_by_subject:
        return read
    subjects = ctx.subjects_re()
    named = {m.group(0) for m in subjects.finditer(before)} & set(cells_by_subject) if subjects else set()
    return named.pop() if len(named) == 1 else ""


def _row(ctx: Context, cells_by_subject: dict[str, list[Claim]], subject: str) -> list[Claim]:
    """The subject's score cells of one table (the table holding most of them)."""
    by_table: dict[int, list[Claim]] = {}
    for name, cells in cells_by_subject.items():
        if same_subject(name, subject):
            for c in cells:
                by_table.setdefault(ctx.document.cell_at(c.quantity.start).table, []).append(c)
    return max(by_table.values(), key=len) if by_table else []


def _percent_scale(stated: Claim, figures: list[Claim]) -> float:
    """100 where the mean is written in percent of figures written as fractions (0.712 -> 71.2%)."""
    if stated.quantity.dimension == "percent" and all(c.quantity.dimension == "plain" and c.value <= 1 for c in figures) \
            and stated.value > 1:
        return 100.0
    return 1.0
