"""One change stated two ways: as a percent and as a multiple ('40% fewer FLOPs, i.e. 1.4×
cheaper'), which must convert into each other."""
from __future__ import annotations

import re

from ..model import Claim, Evidence
from .arithmetic import operands_for_ratio
from .base import RULES, Context, divide, fmt, interval, meets, rule, written

# words that make a percent a reduction or an increase, before it ('skips 40% of', 'cut by
# 40%', 'down 30%') or after it ('40% fewer', '62% lower latency', 'a 75% cut')
_REDUCED_BEFORE = re.compile(r"\b(?:skip(?:s|ped|ping)?|sav(?:e|es|ed|ing)|cut(?:s|ting)?|trim(?:s|med)?|"
                             r"remov(?:e|es|ed|ing)|prun(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing)|avoid(?:s|ed)?|"
                             r"drop(?:s|ped)?|reduc(?:e|es|ed|ing)|lower(?:s|ed)?|shrink(?:s)?|shr[au]nk|down|"
                             r"fell|falls?|decreas(?:e|es|ed))(?:(?:\s+[\w-]+){0,3}?\s+by)?\s+(?:about\s+|~|roughly\s+|nearly\s+)?$|"
                             r"\b(?:reductions?|cuts?|drops?|decreases?|savings?)\s+of\s+(?:about\s+|~|roughly\s+|nearly\s+)?$", re.I)
_REDUCED_AFTER = re.compile(r"\s*(?:fewer|less|lower|smaller|cheaper|shorter|leaner|off|down|"
                            r"(?:[a-z-]+\s+)?(?:reduction|cut|saving|savings|drop|decrease))\b", re.I)
_RAISED_BEFORE = re.compile(r"\b(?:up|rais(?:e|es|ed)|increas(?:e|es|ed)|boost(?:s|ed)?|lift(?:s|ed)?|grow(?:s)?|"
                            r"grew|ris(?:e|es)|rose|improv(?:e|es|ed))(?:(?:\s+[\w-]+){0,3}?\s+by)?\s+(?:about\s+|~|roughly\s+|nearly\s+)?$", re.I)
_RAISED_AFTER = re.compile(r"\s*(?:more|higher|larger|greater|increase|gain|boost|rise|jump|faster|quicker|speed-?up|"
                           r"improvement)\b", re.I)
# a multiple said of the same change: '1.4× cheaper', '2.63x faster', 'a 4× reduction'
_RATIO_REDUCTION = re.compile(r"\s*(?:cheaper|smaller|fewer|less|lower|leaner|shorter|reduction|cut|compression|"
                              r"faster|quicker|speed-?up|savings?)\b", re.I)
_RATIO_INCREASE = re.compile(r"\s*(?:more|higher|larger|greater|increase|gain|boost|the\s+\w+|as\s+(?:much|many|fast))\b",
                             re.I)
# what joins two statements of one change: 'i.e.', 'that is', 'the authors call it', 'making it'
_RESTATED = re.compile(r"\b(?:i\.?\s?e\.?|that\s+is|that's|call(?:s|ed)?\s+it|calling\s+it|making\s+(?:it|\w+)|"
                       r"which\s+(?:is|makes\s+it|means|\w+\s+call)|meaning|in\s+other\s+words|or|so|a|an)\b|[(—–:=]|→|->", re.I)


@rule("CC110", "conversion-mismatch", "arithmetic")
def check_conversions(ctx: Context):
    """A change stated as a percent and as a multiple that do not convert into each other.

    What it checks: a sentence that states one change twice, a percent ("40% fewer FLOPs",
    "cuts latency by 62%", "throughput up 150%") and then a multiple joined to it ("i.e.",
    "that is", "the authors call it", "or", a dash or parenthesis: "1.4× cheaper", "a 2.5×
    gain"). A reduction of p% is 1 / (1 - p/100) times smaller (40% fewer is 1.67×, not 1.4×);
    an increase of p% is 1 + p/100 times larger (up 150% is 2.5×); a reduction of p% leaves
    1 - p/100 of the whole ('cut by 48%, to 0.52x the time'). Rounding of both figures is
    honoured; a percent and a multiple of two different things ("memory down 30% and decoding
    2× faster") are not joined.
    Why it matters: "40% cheaper" and "1.4× cheaper" sound alike and are not; the larger-looking
    number is usually the wrong one.
    Example: "40% fewer FLOPs; the authors call it 1.4× cheaper": 1 / 0.6 = 1.67×.
    How to fix: convert with 1 / (1 - p) for reductions and 1 + p for increases, or state one form.
    """
    self = RULES["CC110"]
    text = ctx.document.text
    yield from _residual_findings(ctx, self)
    for ratio in ctx.claims:
        if ratio.quantity.dimension != "ratio" or ratio.quantity.bound or ratio.quantity.word:
            continue
        if ratio.value < 1:
            continue  # '0.52x the time': what a reduction leaves (below)
        after_ratio = text[ratio.quantity.end:ratio.quantity.end + 30]
        reduction = bool(_RATIO_REDUCTION.match(after_ratio))
        increase = bool(_RATIO_INCREASE.match(after_ratio))
        if reduction == increase:
            continue
        percent = _restated_percent(ctx, ratio) or _restating_percent(ctx, ratio)
        if percent is None:
            continue
        change = _direction(text, percent)
        if not change or (change == "down") != reduction and not _speed_from_time(text, percent, ratio):
            continue
        lo, hi = interval(percent.quantity, ctx.slack)
        if change == "down":
            if hi >= 100:
                continue  # a 100% cut has no finite multiple (CC111 reports zero bases)
            computed = (100 / (100 - lo), 100 / (100 - hi))
            formula = f"1 / (1 - {fmt(percent.value / 100, 4)})"
        else:
            computed = (1 + lo / 100, 1 + hi / 100)
            formula = f"1 + {fmt(percent.value / 100, 4)}"
        if meets(ctx.interval(ratio.quantity), computed, ratio.quantity.bound):
            continue
        if change == "up" and hi < 100 and _speed_from_time(text, percent, ratio) and \
                meets(ctx.interval(ratio.quantity), (100 / (100 - lo), 100 / (100 - hi)), ratio.quantity.bound):
            continue  # '3.47x faster (+71%)': the gain written as the time it saves (1 / (1 - 0.71) = 3.45x)
        operands = operands_for_ratio(ctx, ratio)
        if operands is not None:
            small, large = operands
            quotient = divide(interval(large.quantity), interval(small.quantity))
            if quotient and meets(ctx.interval(ratio.quantity), quotient):
                # the multiple agrees with the figures it relates: the percent is the slip
                share = (1 - 1 / ratio.value) * 100 if change == "down" else (ratio.value - 1) * 100
                relation = f"1 - 1 / {written(ratio)}" if change == "down" else f"{written(ratio)} - 1"
                yield self.finding(
                    percent, f"stated {written(percent)}, but {written(ratio)} (= {written(large)} / {written(small)}) "
                    f"is {relation} = {fmt(share)}% {'less' if change == 'down' else 'more'}",
                    [Evidence.of(ratio), Evidence.of(large), Evidence.of(small)], expected=round(share, 4))
                continue
        expected = (100 / (100 - percent.value)) if change == "down" else 1 + percent.value / 100
        yield self.finding(
            ratio, f"stated {written(ratio)}, but {written(percent)} {'less' if change == 'down' else 'more'} is "
            f"{formula} = {fmt(expected)}×", [Evidence.of(percent)], expected=round(expected, 4))


# what joins a reduction to the fraction it leaves: 'cuts it by 48%, to 0.52x', 'a 48% cut leaves
# 0.52x the time', '48% less, i.e. 0.52x'
_LEAVES = re.compile(r"^[^\d\n]{0,50}?\b(?:leav(?:es|ing)|to|down\s+to|i\.?\s?e\.?|that\s+is|so|or|making\s+it)\b"
                     r"[^\d\n]{0,24}$|^\s*[(—–:=,]\s*$", re.I)


def _residual_findings(ctx: Context, self):
    """CC110 for a reduction and the fraction of the whole it leaves: 'a reduction of up to 48%
    leaves 0.62x the prefill time' (1 - 0.48 = 0.52x). A fraction below 1 with a multiplication
    sign, right after a percent stated as a reduction and joined to it by 'leaves', 'to' or a
    restating word, in one clause."""
    text = ctx.document.text
    for ratio in ctx.claims:
        q = ratio.quantity
        if q.dimension != "ratio" or q.word or q.high is not None or not 0 < q.value < 1:
            continue
        before = [c for c in ctx.sentence_claims(ratio) if c.quantity.end <= q.start]
        if not before:
            continue
        percent = max(before, key=lambda c: c.quantity.start)
        if percent.quantity.dimension != "percent" or percent.kind == "setting" or _direction(text, percent) != "down":
            continue
        if not _LEAVES.search(text[percent.quantity.end:q.start]):
            continue
        lo, hi = interval(percent.quantity, ctx.slack)
        if percent.quantity.bound:  # 'up to 48%': the fraction at that bound
            lo = hi = percent.value
        computed = (1 - hi / 100, 1 - lo / 100)
        if meets(ctx.interval(q), computed, q.bound):
            continue
        expected = 1 - percent.value / 100
        yield self.finding(ratio, f"stated {written(ratio)}, but {written(percent)} less leaves "
                           f"1 - {fmt(percent.value / 100, 4)} = {fmt(expected)}×", [Evidence.of(percent)],
                           expected=round(expected, 4))


def _restated_percent(ctx: Context, ratio: Claim) -> Claim | None:
    """The percent the multiple restates: the nearest percent before it in its sentence, joined to
    it by a restating word, with no other figure between them."""
    text = ctx.document.text
    before = [c for c in ctx.sentence_claims(ratio) if c.quantity.end <= ratio.quantity.start]
    if not before:
        return None
    nearest = max(before, key=lambda c: c.quantity.start)
    if nearest.quantity.dimension != "percent" or nearest.quantity.bound or nearest.kind == "setting":
        return None
    between = text[nearest.quantity.end:ratio.quantity.start]
    if len(between) > 60 or not _RESTATED.search(between) or re.search(r"\band\b|\bwhile\b|\bbut\b", between):
        return None  # 'memory down 30% and decoding 2× faster': two changes
    return nearest


def _restating_percent(ctx: Context, ratio: Claim) -> Claim | None:
    """The percent that restates a multiple stated first ('4x faster, that's a 400% speedup',
    'shrinks 1.8×, a 55% saving'): the nearest figure after it, a percent joined by a restating
    word."""
    text = ctx.document.text
    after = [c for c in ctx.sentence_claims(ratio) if c.quantity.start >= ratio.quantity.end]
    if not after:
        return None
    nearest = min(after, key=lambda c: c.quantity.start)
    if nearest.quantity.dimension != "percent" or nearest.quantity.bound or nearest.kind == "setting":
        return None
    between = text[ratio.quantity.end:nearest.quantity.start]
    if len(between) > 60 or not _RESTATED.search(between) or re.search(r"\band\b|\bwhile\b|\bbut\b", between):
        return None
    return nearest


def _direction(text: str, percent: Claim) -> str:
    """'down' or 'up' for a percent stated as a reduction or an increase, else ''."""
    q = percent.quantity
    before, after = text[max(0, q.start - 40):q.start], text[q.end:q.end + 30]
    if q.signed:
        return "down" if q.value < 0 else "up"
    if _REDUCED_BEFORE.search(before) or _REDUCED_AFTER.match(after):
        return "down"
    if _RAISED_BEFORE.search(before) or _RAISED_AFTER.match(after):
        return "up"
    return ""


def _speed_from_time(text: str, percent: Claim, ratio: Claim) -> bool:
    """'62% lower latency, i.e. 2.63× faster', '45% less energy, 1.82× more efficient': a
    reduction of what a thing costs is a multiple of what it does per unit."""
    return bool(re.match(r"\s*(?:faster|quicker|speed-?up|more\s+efficient|the\s+efficiency)\b",
                         text[ratio.quantity.end:ratio.quantity.end + 20], re.I))
