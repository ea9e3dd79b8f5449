"""A margin, multiple or percent change checked against the two figures stated right beside it:
'2.6x faster (4,233 vs 1,941 MKey/s)', '23% above SAC's 6232.3', '11.86 fewer bits per value
(13.39 against 25.07)'. The structure says which figures are the operands, whatever the reader
made of the names around them."""
from __future__ import annotations

import re

from ..model import Claim, Evidence
from .base import RULES, Context, divide, fmt, interval, meets, rule, subtract, written

_NUM = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# 'REL ... (A vs B)': the pair in parentheses after the figure, in its clause
_PAIR_AFTER = re.compile(r"[^()\n;]{0,60}?\(\s*(?:~|about\s+|≈\s*)?(?P<a>" + _NUM + r")[^\d()\n]{0,16}?\s+"
                         r"(?:vs\.?|versus|against|compared\s+(?:with|to))\s+(?:~|about\s+|≈\s*)?(?P<b>" + _NUM + r")")
# 'REL above X's B', 'REL more than the baseline's B': the reference figure after a comparative
_REFERENCE_AFTER = re.compile(r"\s*(?:points?|pts?|pp|percentage\s+points|%|x|×|times)?\s*(?:[a-z]+\s+){0,3}?"
                              r"(?:above|below|higher\s+than|lower\s+than|more\s+than|less\s+than|fewer\s+than|"
                              r"ahead\s+of|behind|over|under)\s+(?:(?:the\s+)?[\w.+/-]+(?:\s+[\w.+/-]+){0,2}?(?:'s|’s)\s+)?"
                              r"(?:~|about\s+)?[$€£]?(?P<b>" + _NUM + r")(?![\d.,]*\s*(?:x|×|%|times\b|-?fold\b))")
# ('more than 300 times worse' states a multiple, not a reference figure of 300)
# (the words between name the unit, never a verb: '128k is more than 2.6 times ...' bounds another figure)
_COMPARED_AFTER = re.compile(r"\s*(?:(?!(?:is|are|was|were|be|been)\b)[a-z/-]+\s+){0,4}?(?:fewer|more|less|higher|lower)\s+(?:[a-z/-]+\s+){0,4}?than\b")
_COMPARATIVE = re.compile(r"\b(?:faster|slower|fewer|more|less|higher|lower|better|worse|smaller|larger|bigger|"
                          r"cheaper|drop|gain|increase|decrease|cut|reduction|improvement|above|below|ahead|behind)\b", re.I)


_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12, "thousand": 1e3, "million": 1e6,
           "billion": 1e9, "trillion": 1e12}
_SCALE_AFTER = re.compile(r"\s?(?P<word>thousand|million|billion|trillion)\b|(?P<letter>[kKMBT])(?![A-Za-z])")


def _value(text: str, after: str = "") -> tuple[float, float, float]:
    """(value, low, high) of a written number, by its decimals, times the scale written right
    after it ('400K', '1.2 million')."""
    plain = text.replace(",", "").replace("−", "-")
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    value = float(plain)
    half = 0.5 * 10 ** -decimals
    m = _SCALE_AFTER.match(after)
    scale = _SCALES[m.group("word") or m.group("letter")] if m else 1.0
    return value * scale, (value - half) * scale, (value + half) * scale


def _kind(claim: Claim) -> str:
    """'ratio', 'percent' or 'margin': what the figure's unit makes of two operands."""
    unit = claim.quantity.unit
    if unit in ("x", "×") or claim.kind == "speedup":
        return "ratio"
    if unit == "%" or claim.kind in ("percent", "change"):
        return "percent"
    if claim.kind == "delta" or unit in ("pt", "points"):
        return "margin"
    return ""


def _check(claim: Claim, kind: str, a: tuple, b: tuple, slack: float):
    """(agrees, the computation in words, the nearest computed value) for the figure and its operands."""
    stated = interval(claim.quantity, slack)
    (va, la, ha), (vb, lb, hb) = a, b
    if kind == "ratio":
        big, small = ((va, la, ha), (vb, lb, hb)) if va >= vb else ((vb, lb, hb), (va, la, ha))
        computed = divide((big[1], big[2]), (small[1], small[2]))
        if computed is None:
            return True, "", None
        return meets(stated, computed), f"{fmt(big[0])} / {fmt(small[0])} = {fmt(big[0] / small[0])}", big[0] / small[0]
    difference = subtract((max(la, lb), max(ha, hb)), (min(la, lb), min(ha, hb)))
    high, low = max(va, vb), min(va, vb)
    if kind == "margin":
        stated = (abs(stated[0]), abs(stated[1])) if stated[0] >= 0 else (abs(stated[1]), abs(stated[0]))
        return meets(stated, difference), f"{fmt(high)} - {fmt(low)} = {fmt(high - low)}", high - low
    # a percent change: from the reference (the second operand, or either end when the text does
    # not say which) to the other
    stated = (abs(stated[0]), abs(stated[1])) if stated[0] >= 0 else (abs(stated[1]), abs(stated[0]))
    options = []
    for base, (lo_base, hi_base) in ((vb, (lb, hb)), (va, (la, ha))):
        ratio = divide(difference, (lo_base, hi_base))
        if ratio is None:
            continue
        percent = (ratio[0] * 100, ratio[1] * 100)
        value = (high - low) / base * 100 if base else 0.0
        if meets(stated, percent):
            return True, "", None
        options.append((f"({fmt(high)} - {fmt(low)}) / {fmt(base)} = {fmt(value)}%", value))
    if not options:
        return True, "", None
    words, value = min(options, key=lambda o: abs(o[1] - claim.value))
    return False, words, value


@rule("CC113", "stated-operands", "arithmetic")
def check_stated_operands(ctx: Context):
    """A margin, multiple or percent change that the two figures stated beside it do not give.

    What it checks: a relative figure followed in its clause by the pair it compares, in
    parentheses ("2.6x faster (4,233 vs 1,941 MKey/s)", "11.86 fewer bits (13.39 against
    25.07)"), or by its reference after a comparative ("23% above SAC's 6232.3", with the
    subject's figure the nearest one before it in the sentence); the multiple is the larger
    over the smaller, the margin their difference, the percent change the difference over either
    end (the text rarely says which), all with the figures' rounding.
    Why it matters: a reader sees the operands and trusts the derived figure without redoing the
    arithmetic; the structure makes the check possible even where the names around it are not read.
    Example: "inserts 2.6x faster (4,233 vs 1,941 MKey/s)": 4,233 / 1,941 = 2.18x.
    How to fix: recompute the figure from the operands, or correct the operand that is wrong.
    """
    self = RULES["CC113"]
    text = ctx.document.text
    for claim in ctx.claims:
        kind = _kind(claim)
        if not kind and _COMPARED_AFTER.match(text, claim.quantity.end, claim.sentence[1]):
            kind = "margin"  # '11.86 fewer bits per value than zstd': a difference in the figure's own unit
        if not kind or claim.quantity.bound or claim.quantity.high is not None:
            continue
        start, end = claim.sentence
        q = claim.quantity
        pair = _PAIR_AFTER.match(text, q.end, end)
        operands = None
        if pair and (kind != "margin" or _COMPARATIVE.search(text, q.end, pair.start("a")) or claim.kind == "delta"):
            operands = (pair.group("a"), pair.group("b"), pair.start("a"), pair.start("b"))
        else:
            reference = _REFERENCE_AFTER.match(text, q.end, end)
            if reference:
                before = [c for c in ctx.claims_between(start, q.start) if c is not claim and not _kind(c)]
                if before:
                    own = before[-1]
                    operands = (own.quantity.text, reference.group("b"), own.quantity.start, reference.start("b"))
        if operands is None:
            continue
        try:
            a = _value(re.sub(r"[^\d.,+\-−]", "", operands[0].split()[0].rstrip("kKMBT")),
                       text[operands[2] + len(operands[0].split()[0].rstrip("kKMBT")):operands[2] + 40])
            b = _value(operands[1], text[operands[3] + len(operands[1]):operands[3] + 40])
        except ValueError:
            continue
        if a[0] == b[0] or min(abs(a[0]), abs(b[0])) == 0:
            continue
        agrees, words, value = _check(claim, kind, a, b, ctx.slack)
        if agrees:
            continue
        where_a, where_b = ctx.document.locate(operands[2]), ctx.document.locate(operands[3])
        evidence = [Evidence(document=ctx.document.name, line=where_a.line, column=where_a.column, text=operands[0], value=a[0]),
                    Evidence(document=ctx.document.name, line=where_b.line, column=where_b.column, text=operands[1], value=b[0])]
        yield self.finding(claim, f"stated {written(claim)}, computed {words} from the figures beside it",
                           evidence, expected=value)
