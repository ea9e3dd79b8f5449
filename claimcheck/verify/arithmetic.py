"""Arithmetic rules: a stated margin, ratio or percent change against the figures it names."""
from __future__ import annotations

import re

from ..model import Claim, Evidence
from .base import (RULES, Context, divide, fmt, interval, label, meets, rule, same_figure,
                   settings_conflict, subtract, written)

_SCORE_KINDS = ("score", "percent", "change")


def subject_value(ctx: Context, delta: Claim, metric: str) -> Claim | None:
    """The subject's own figure for a metric: in the same sentence, else stated consistently in its section."""
    def eligible(c: Claim) -> bool:
        return (c.metric == metric and c.role in ("", "to") and c.kind in _SCORE_KINDS
                and not c.quantity.bound and not c.quantity.approx)
    same = [c for c in ctx.sentence_claims(delta) if eligible(c)]
    if same:
        return min(same, key=lambda c: abs(c.quantity.start - delta.quantity.start))
    if not delta.subject:
        return None
    candidates = [c for c in ctx.claims if eligible(c) and c.subject == delta.subject
                  and c.quantity.start < delta.quantity.start and not settings_conflict(c.setting, delta.setting)]
    if not candidates:
        return None
    first = candidates[0]
    if all(same_figure(first, c) for c in candidates):
        return max(candidates, key=lambda c: (c.quantity.decimals, c.quantity.start))
    return None


def _baseline_for(ctx: Context, delta: Claim) -> Claim | None:
    baselines = [c for c in ctx.sentence_claims(delta) if c.role == "baseline"
                 and c.kind in ("score", "percent") and (not delta.metric or c.metric in ("", delta.metric))]
    if not baselines:
        return None
    return min(baselines, key=lambda c: abs(c.quantity.start - delta.quantity.start))


@rule("CC101", "margin-mismatch", "arithmetic")
def check_margins(ctx: Context):
    """Margin against the scores it names.

    What it checks: a stated margin ("beats WoTE (88.3) by 6.2 points", "from 71.2 to 74.0,
    a 2.6-point gain") against the difference of the two scores, the subject's own score
    taken from the same sentence or, when the digest states it once, from the same section.
    Why it matters: a margin computed against the wrong baseline is the most common slip in
    digests, and readers repeat margins rather than scores.
    Example: "PDMS 90.2 ... 6.2 points over the nearest baseline (WoTE 88.3)": 90.2 - 88.3 = 1.9.
    How to fix: restate the margin as computed, or name the baseline it was computed against.
    """
    self = RULES["CC101"]
    for delta in ctx.claims:
        if delta.kind != "delta" or delta.quantity.bound or delta.quantity.dimension == "percent":
            continue
        pair = _change_pair(ctx, delta)
        if pair:
            start, end = pair
            computed = subtract(interval(end.quantity), interval(start.quantity))
            operands = (start, end)
            formula = f"{written(end)} - {written(start)}"
            value = end.value - start.value
        else:
            baseline = _baseline_for(ctx, delta)
            if baseline is None:
                continue
            metric = delta.metric or baseline.metric
            own = subject_value(ctx, delta, metric) if metric else None
            if own is None or own is baseline:
                continue
            lower = own.lower_is_better or baseline.lower_is_better
            first, second = (baseline, own) if lower else (own, baseline)
            computed = subtract(interval(first.quantity), interval(second.quantity))
            operands = (own, baseline)
            formula = f"{written(first)} - {written(second)}"
            value = first.value - second.value
        stated = ctx.interval(delta.quantity)
        if meets(_abs_interval(stated), _abs_interval(computed), delta.quantity.bound):
            continue
        evidence = [Evidence.of(c) for c in operands]
        message = (f"stated margin {written(delta)}, computed {formula} = {fmt(value)}")
        if not pair:
            message += f" ({operands[0].subject or 'the subject'} {written(operands[0])} against {label(operands[1])})"
            alternative = _other_baseline(ctx, delta, operands[0])
            if alternative is not None:
                message += f"; {written(delta)} is the margin over {label(alternative)} instead"
                evidence.append(Evidence.of(alternative, note="the baseline the stated margin fits"))
        yield self.finding(delta, message, evidence, expected=round(abs(value), 6))


def _change_pair(ctx: Context, delta: Claim, dimensions=("plain", "percent")) -> tuple[Claim, Claim] | None:
    """The 'from A to B' figures a delta in the same sentence describes."""
    sentence = ctx.sentence_claims(delta)
    starts = [c for c in sentence if c.role == "from" and c is not delta]
    ends = [c for c in sentence if c.role == "to" and c is not delta]
    if len(starts) == 1 and len(ends) == 1 and starts[0].quantity.dimension in dimensions:
        if delta.metric and starts[0].metric and delta.metric != starts[0].metric:
            return None
        return starts[0], ends[0]
    return None


def _other_baseline(ctx: Context, delta: Claim, own: Claim) -> Claim | None:
    """A baseline of the same metric whose margin the stated figure does fit."""
    stated = ctx.interval(delta.quantity)
    for c in ctx.claims:
        if c.role == "baseline" and c.metric == own.metric and c.subject != own.subject:
            computed = subtract(interval(own.quantity), interval(c.quantity))
            if meets(_abs_interval(stated), _abs_interval(computed)):
                return c
    return None


@rule("CC102", "ratio-mismatch", "arithmetic")
def check_ratios(ctx: Context):
    """Speedup or reduction against the two figures it names.

    What it checks: a stated ratio ("2.03x wall-clock reduction", "3x faster", "halves
    memory") against the two times, throughputs or sizes in the same sentence.
    Why it matters: headline speedups are quoted everywhere; a ratio that its own latencies
    do not give is a wrong headline.
    Example: "78.9 s versus 160 s, a 2.3x speedup": 160 / 78.9 = 2.03.
    How to fix: state the ratio the figures give, or the configuration the ratio belongs to.
    """
    self = RULES["CC102"]
    for ratio in ctx.claims:
        if ratio.quantity.dimension != "ratio" or ratio.quantity.bound:
            continue
        operands = operands_for_ratio(ctx, ratio)
        if operands is None:
            continue
        small, large = operands
        computed = divide(interval(large.quantity, ctx.slack), _scaled(small, large))
        if computed is None:
            continue
        stated = ctx.interval(ratio.quantity)
        inverse = (1 / computed[1], 1 / computed[0])  # "0.5x the latency"
        if meets(stated, computed) or meets(stated, inverse):
            continue
        value = large.quantity.base_value() / small.quantity.base_value()
        message = (f"stated {written(ratio)}, computed {written(large)} / {written(small)} = {fmt(value)}×")
        yield self.finding(ratio, message, [Evidence.of(large), Evidence.of(small)], expected=round(value, 6))


def operands_for_ratio(ctx: Context, ratio: Claim) -> tuple[Claim, Claim] | None:
    """Exactly two figures of one dimension (time, throughput, memory, size) in the sentence."""
    sentence = [c for c in ctx.sentence_claims(ratio) if c is not ratio and c.kind != "setting"
                and not c.quantity.bound and c.value > 0]
    for dimension in ("time", "rate", "memory"):
        same = [c for c in sentence if c.quantity.dimension == dimension
                or (c.kind == "change" and c.quantity.dimension == dimension)]
        if len(same) == 2:
            a, b = same
            return (a, b) if a.quantity.base_value() <= b.quantity.base_value() else (b, a)
    return None


def _scaled(small: Claim, large: Claim) -> tuple[float, float]:
    """`small`'s interval in `large`'s unit, so ms against s divides right."""
    lo, hi = interval(small.quantity)
    factor = small.quantity.base_value() / large.quantity.base_value() * large.value / small.value
    return lo * factor, hi * factor


@rule("CC103", "percent-change-mismatch", "arithmetic", severity="error")
def check_percent_changes(ctx: Context):
    """Percent change against its from and to figures: relative versus absolute, points versus percent.

    What it checks: "from 50% to 60%, a 20% relative gain" and "cut from 58% to 25%, a 33-point
    drop": a change stated in percent must be the relative change (B - A) / A; a change in
    points must be the absolute one. A percent change that only fits the absolute difference
    of two percentages is reported as points written as percent (a warning).
    Why it matters: "10% better" for 50% -> 60% understates a 20% relative gain; readers
    cannot tell which was meant.
    Example: "accuracy rose from 50% to 60%, a 10% improvement": relative 20%, absolute 10 points.
    How to fix: write percentage points (pp) for absolute differences of percentages.
    """
    self = RULES["CC103"]
    for change in ctx.claims:
        if change.kind != "delta" and not (change.kind == "percent" and change.role == ""):
            continue
        if change.quantity.dimension not in ("percent", "points") or change.quantity.bound:
            continue
        if change.quantity.dimension == "percent" and not _describes_change(ctx, change):
            continue  # "from 70% to 75% while using 40% fewer parameters"
        pair = _change_pair(ctx, change, ("plain", "percent", "time", "memory", "rate", "count"))
        if pair is None:
            continue
        start, end = pair
        a, b = interval(start.quantity), interval(end.quantity)
        relative = divide(subtract(b, a), a)
        if relative is None:
            continue
        relative = (relative[0] * 100, relative[1] * 100)
        absolute = subtract(b, a)
        stated = ctx.interval(change.quantity)
        stated_abs = (abs(stated[0]), abs(stated[1]))
        rel_abs = _abs_interval(relative)
        abs_abs = _abs_interval(absolute)
        rel_value = (end.value - start.value) / start.value * 100 if start.value else 0.0
        abs_value = end.value - start.value
        percent_operands = start.quantity.dimension == "percent"
        evidence = [Evidence.of(start), Evidence.of(end)]
        if change.quantity.dimension == "points":
            if meets(stated_abs, abs_abs):
                continue
            note = f"; {written(change)} is the relative change" if meets(stated_abs, rel_abs) else ""
            yield self.finding(change, f"stated {written(change)}, computed {written(end)} - {written(start)} = "
                               f"{fmt(abs_value)} points{note}", evidence, expected=round(abs(abs_value), 6))
            continue
        if meets(stated_abs, rel_abs):
            continue
        if percent_operands and meets(stated_abs, abs_abs):
            yield self.finding(
                change, f"stated {written(change)} is the absolute difference {written(end)} - {written(start)} = "
                f"{fmt(abs_value)} percentage points; the relative change is {fmt(rel_value)}%",
                evidence, expected=round(abs(rel_value), 6), verdict="points-as-percent", severity="warning")
            continue
        yield self.finding(change, f"stated {written(change)}, computed ({written(end)} - {written(start)}) / "
                           f"{written(start)} = {fmt(rel_value)}%", evidence, expected=round(abs(rel_value), 6))


_CHANGE_NOUN = re.compile(r"\s*\)?\s*(?:relative\s+|absolute\s+|overall\s+)?(?:gain|improvement|increase|reduction|"
                          r"drop|decrease|saving|savings|boost|jump|rise|cut|decline|lift|uplift|speedup|lower|"
                          r"higher|better|faster|smaller|less|more)\b", re.I)
_CHANGE_LEAD = re.compile(r"(?:\bby|\bof|\bup|\bdown|[(\[])\s*(?:about\s+|~)?$", re.I)


def _describes_change(ctx: Context, claim: Claim) -> bool:
    """'a 12% improvement', 'by 30%', '(+15%)': the figure is the size of a change."""
    text = ctx.document.text
    after = text[claim.quantity.end:claim.quantity.end + 40]
    before = text[max(claim.sentence[0], claim.quantity.start - 20):claim.quantity.start]
    if _CHANGE_NOUN.match(after) and not re.match(r"\s*(?:fewer|less|more)\s+[a-z]", after, re.I):
        return True
    return claim.quantity.signed or _CHANGE_LEAD.search(before) is not None


def _abs_interval(span: tuple[float, float]) -> tuple[float, float]:
    if span[0] >= 0:
        return span
    if span[1] <= 0:
        return (-span[1], -span[0])
    return (0.0, max(-span[0], span[1]))
