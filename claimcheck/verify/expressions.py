"""Arithmetic the digest writes out: 'A × B = C', '1 + 7, i.e. 9', and shares 'k of n, or p%'.

The structure names the operands and the result, so no reading of names is needed; every
figure is compared with its rounding.
"""
from __future__ import annotations

import re

from ..extract.numberwords import SMALL as WORD_VALUES
from ..model import Evidence
from .base import RULES, Context, claim_at, fmt, rule

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s?(?:[kKMBT](?![A-Za-z])|thousand\b|million\b|billion\b|trillion\b))?"
# an operand may carry a currency sign and the unit words of what it counts ('32 nodes', '$4,800')
_UNIT_WORDS = r"(?:\s+(?![x×]\b)[A-Za-z][\w-]*){0,2}"
_OPERAND = r"(?:[$€£]?" + _NUM + _SCALE + _UNIT_WORDS + r")"
_RESULT = r"(?:[$€£]?" + _NUM + _SCALE + r")"
# 'A × B = C', 'A x B x C gives C', '1 + 7, i.e. 9', 'A / B → C'
_EXPRESSION = re.compile(r"(?<![\w.,])(?P<expr>" + _OPERAND + r"(?:\s*(?:[×x*+/÷]|(?<=\s)[-−](?=\s))\s*" + _OPERAND + r"){1,4})"
                         r"\s*(?:=|≈|→|->|,?\s*(?:i\.e\.|that\s+is|or|gives|giving|makes|equals|is)\s*,?)\s*"
                         r"(?:about\s+|roughly\s+|around\s+|~\s*)?(?P<result>" + _RESULT + r")(?![\w.]*\d)")
# the result first, then the product it is: '128 GPUs (16 nodes × 8)', '7,680 experts = 60 × 128',
# '96 GPUs, i.e. 16 × 8' (products only: 'A - B' or 'A / B' after a figure is a range or a ratio)
_PRODUCT = _OPERAND + r"(?:\s*[×x*]\s*" + _OPERAND + r"){1,3}"
_RESULT_FIRST = re.compile(r"(?<![\w.,])(?P<result>" + _RESULT + r")(?P<rn>" + _UNIT_WORDS + r")\s*"
                           r"(?:\(\s*(?P<expr>" + _PRODUCT + r")\s*\)|(?:=|,?\s*(?:i\.e\.|that\s+is)\s*,?)\s*"
                           r"(?P<expr2>" + _PRODUCT + r")(?=\s*(?:[,.;]|$)))", re.M)
# an operator stands between spaces ('32 nodes x 8'), or is a sign no word holds ('12×4', '1+7')
_TOKEN = re.compile(r"(?P<num>" + _NUM + r")(?P<scale>" + _SCALE + r")|(?P<op>(?<=\s)[x\-−](?=\s)|[×*+/÷])")
_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12, "thousand": 1e3, "million": 1e6,
           "billion": 1e9, "trillion": 1e12}


def _interval(number: str, scale: str) -> tuple[float, float, float]:
    plain = number.replace(",", "")
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    factor = _SCALES.get(scale.strip(), 1.0)
    value = float(plain)
    # a whole number with no scale word is a count, exact ('1 + 7'); '2.05M' or '25B' is rounded
    half = 0.0 if not decimals and factor == 1.0 else 0.5 * 10 ** -decimals
    return value * factor, (value - half) * factor, (value + half) * factor


def _percent_interval(number: str) -> tuple[float, float, float]:
    """A percentage as written: rounded to its last digit ('41%' is 40.5 to 41.5)."""
    plain = number.replace(",", "")
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    half = 0.5 * 10 ** -decimals
    value = float(plain)
    return value, value - half, value + half


def _evaluate(expression: str) -> tuple[float, float, float] | None:
    """(value, low, high) of 'A op B op C', left to right with × and / before + and -; None when
    it is not arithmetic."""
    terms: list[tuple[float, float, float]] = []
    ops: list[str] = []
    for m in _TOKEN.finditer(expression):
        if m.group("num"):
            terms.append(_interval(m.group("num"), m.group("scale") or ""))
        else:
            ops.append({"x": "×", "*": "×", "÷": "/", "−": "-"}.get(m.group("op"), m.group("op")))
    if len(terms) != len(ops) + 1 or not ops:
        return None

    def combine(a, b, op):
        if op == "×":
            corners = [a[1] * b[1], a[1] * b[2], a[2] * b[1], a[2] * b[2]]
            return a[0] * b[0], min(corners), max(corners)
        if op == "/":
            if b[1] <= 0 <= b[2]:
                return None
            corners = [a[1] / b[1], a[1] / b[2], a[2] / b[1], a[2] / b[2]]
            return a[0] / b[0], min(corners), max(corners)
        if op == "+":
            return a[0] + b[0], a[1] + b[1], a[2] + b[2]
        return a[0] - b[0], a[1] - b[2], a[2] - b[1]

    # × and / first
    values, pending = [terms[0]], []
    for op, term in zip(ops, terms[1:]):
        if op in ("×", "/"):
            combined = combine(values[-1], term, op)
            if combined is None:
                return None
            values[-1] = combined
        else:
            pending.append(op)
            values.append(term)
    result = values[0]
    for op, term in zip(pending, values[1:]):
        result = combine(result, term, op)
    return result


@rule("CC114", "written-arithmetic", "arithmetic")
def check_written_arithmetic(ctx: Context):
    """An expression the digest writes out whose result is wrong.

    What it checks: 'A × B = C', 'A x B gives C', '1 + 7, i.e. 9 experts', 'A / B → C' (up to five
    operands, × and / before + and -, scale words such as 'K', 'M', 'million' on any of them),
    with the rounding of every figure; a count over a time restated in the count's time ('256
    GPUs for 14 days, or 86,016 GPU-hours'), converted to the restatement's unit of time.
    Why it matters: a reader takes the written result on trust; the operands are right there.
    Example: '128 prompts with 64 responses each, 128 x 64 = 4,096 rollouts': 128 × 64 = 8,192.
    How to fix: redo the arithmetic.
    """
    self = RULES["CC114"]
    text = ctx.document.text
    for m in _EXPRESSION.finditer(text):
        if ctx.document.in_code(m.start()):
            continue
        if re.fullmatch(r"\s*" + _NUM + r"\s*-\s*" + _NUM + r"\s*", m.group("expr")):
            continue  # '3 - 5' is a range as often as a difference
        yield from _result_finding(ctx, self, m, "expr")
    yield from _products_in_words(ctx, self)
    yield from _count_time_findings(ctx, self)
    yield from _groups_findings(ctx, self)
    yield from _result_first_findings(ctx, self)


def _result_first_findings(ctx: Context, self):
    """CC114 for a product written after its result: '120 GPUs (16 nodes × 8)' (16 × 8 = 128)."""
    text = ctx.document.text
    for m in _RESULT_FIRST.finditer(text):
        if ctx.document.in_code(m.start()) or ctx.document.cell_at(m.start()) is not None:
            continue  # (a cell's '7.32 (64×2)' states a configuration beside its figure)
        yield from _result_finding(ctx, self, m, "expr" if m.group("expr") else "expr2")


def _result_finding(ctx: Context, self, m, group: str):
    """The finding for a written expression (match group `group`) whose stated result (group
    'result') it does not give, with the rounding of every figure; none where it does, or where
    'about' a result within a tenth of it is stated."""
    text = ctx.document.text
    computed = _evaluate(m.group(group))
    if computed is None:
        return
    # a count times a time is in the result's unit of time ('... = 86,016 GPU-hours')
    after = m.group("rn") if "rn" in m.re.groupindex else text[m.end("result"):m.end("result") + 30]
    factor = _time_factor(m.group(group), after)
    if factor is None:
        return
    computed = tuple(v * factor for v in computed)
    number, scale = re.match(r"[$€£]?(" + _NUM + r")(.*)", m.group("result")).groups()
    result = _interval(number, scale)
    if result[1] <= computed[2] and computed[1] <= result[2]:
        return
    if re.search(r"(?:about|roughly|around|~)\s*$", text[max(0, m.start("result") - 8):m.start("result")]) \
            and abs(result[0] - computed[0]) <= 0.1 * abs(computed[0]):
        return  # 'about 15,000' for 15,000: an approximation within a tenth
    claim = claim_at(ctx, m.start("result"), m.end("result"), result[0])
    location = ctx.document.locate(m.start(group))
    yield self.finding(claim, f"stated {m.group('result')}, computed {m.group(group).strip()}{_converted(factor)} = "
                       f"{fmt(computed[0])}",
                       [Evidence(document=ctx.document.name, line=location.line, column=location.column,
                                 text=m.group(group).strip(), value=computed[0])], expected=computed[0])


# a product written in words and restated: 'batch size 256 for 80,000 steps (eight epochs), i.e.
# roughly 2.05M examples', '64 prompts x 8 samples, for a total of 512 rollouts'
_WORDS_UPTO3 = r"(?:\s+[A-Za-z][\w-]*){0,3}?"
_PRODUCT_IN_WORDS = re.compile(
    r"(?<![\w.,])(?P<a>" + _NUM + r")(?P<sa>" + _SCALE + r")(?P<an>" + _WORDS_UPTO3 + r")\s+(?:for|over|across|times)\s+"
    r"(?P<b>" + _NUM + r")(?P<sb>" + _SCALE + r")(?P<bn>" + _WORDS_UPTO3 + r")(?:\s*\([^()\n]{0,60}\))?\s*,?\s*"
    r"(?:i\.e\.,?|that\s+is,?|that's|for\s+a\s+total\s+of|in\s+total|totall?ing)\s*"
    r"(?P<approx>about\s+|roughly\s+|around\s+|nearly\s+|~\s*)?(?P<c>" + _NUM + r")(?P<sc>" + _SCALE + r")(?![\w.]*\d)"
    r"(?P<cn>" + _WORDS_UPTO3 + r")", re.I)
# a product of times ('8 GPUs for 3 days, i.e. 576 GPU-hours') converts units the words name
_TIME_WORDS = re.compile(r"\b(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|"
                         r"[A-Za-z]+-(?:hours?|days?|seconds?))\b", re.I)
# how long a unit of time is, in hours
_HOURS = {"second": 1 / 3600, "sec": 1 / 3600, "minute": 1 / 60, "min": 1 / 60, "hour": 1.0, "hr": 1.0, "h": 1.0,
          "day": 24.0, "week": 168.0}
_TIME_UNIT = r"(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?)"
# an operand's time: '14 days', '3 weeks'
_OPERAND_TIME = re.compile(r"\d\s*" + _TIME_UNIT + r"\b", re.I)
# a result counted in a thing's time: 'GPU-hours', 'GPU hours', 'node-days', 'chip hours'
_LEADING_TIME = re.compile(r"\s*" + _TIME_UNIT + r"\b", re.I)
_RESOURCE_TIME = re.compile(r"\s*(?:[A-Za-z][\w]*)(?:-|\s)" + _TIME_UNIT + r"\b", re.I)


def _unit_hours(word: str) -> float:
    word = word.lower()
    return _HOURS.get(word, _HOURS.get(word.rstrip("s"), 0.0))


def _converted(factor: float) -> str:
    """How a message says the unit conversion `_time_factor` gave: ' x 24 hours', ' / 60', or nothing."""
    if factor == 1.0:
        return ""
    return f" x {fmt(factor)} hours" if factor > 1 else f" / {fmt(1 / factor)}"


def _time_factor(operands: str, after_result: str) -> float | None:
    """What a product of a count and a time must be multiplied by to be in its result's unit:
    '256 GPUs x 14 days = ... GPU-hours' is counted in hours (x 24). 1.0 where no operand is a
    time; None where one is but the result does not name its unit of time (it counts something
    else, or its unit is not said)."""
    times = _OPERAND_TIME.findall(operands)
    if not times:
        return 1.0
    result = _RESOURCE_TIME.match(after_result)
    if len(times) != 1 or result is None:
        return None
    return _unit_hours(times[0]) / _unit_hours(result.group(1))


def _products_in_words(ctx: Context, self):
    """CC114 for a product written in words and restated: 'batch size 256 for 80,000 steps, i.e.
    roughly 2.05M examples' (256 x 80,000 = 20.48M). Products of times are left alone: their
    result is often in another unit ('8 GPUs for 3 days, i.e. 576 GPU-hours')."""
    text = ctx.document.text
    for m in _PRODUCT_IN_WORDS.finditer(text):
        if ctx.document.in_code(m.start()):
            continue
        if _TIME_WORDS.search(m.group("an") + " " + m.group("bn") + " " + m.group("cn")):
            continue
        yield from _product_finding(ctx, self, m, m.group("b"), near=None)


# a count over a time restated in the count's time: '256 GPUs for 14 days, or 86K GPU-hours',
# 'the 2,048 GPUs ran for 57 days, i.e. 2.8M GPU hours', '14 days on 256 GPUs, about 86,000 GPU-hours'
_COUNT_OVER_TIME = re.compile(
    r"(?<![\w.,])(?P<a>" + _NUM + r")(?P<sa>" + _SCALE + r")(?P<an>" + _WORDS_UPTO3 + r")\s+(?:for|over|on|across)\s+"
    r"(?P<b>" + _NUM + r")(?P<sb>" + _SCALE + r")(?P<bn>" + _WORDS_UPTO3 + r")(?:\s*\([^()\n]{0,60}\))?\s*,\s*"
    r"(?:i\.e\.,?\s*|that\s+is,?\s*|that's\s+|or\s+|for\s+a\s+total\s+of\s+|totall?ing\s+)?"
    r"(?P<approx>about\s+|roughly\s+|around\s+|nearly\s+|some\s+|~\s*)?(?P<c>" + _NUM + r")(?P<sc>" + _SCALE + r")(?![\w.]*\d)"
    r"(?P<cn>[ \t]+[A-Za-z][\w]*(?:-|[ \t]+)[A-Za-z]+)", re.I)


def _count_time_findings(ctx: Context, self):
    """CC114 for a count of things over a time restated as their time ('GPU-hours'): the product
    converted to the restatement's unit (days to hours, x 24). Only where one operand is a time
    and the restatement names a thing's time: any other product in words needs 'i.e.' or 'in
    total' (`_products_in_words`)."""
    text = ctx.document.text
    for m in _COUNT_OVER_TIME.finditer(text):
        if ctx.document.in_code(m.start()):
            continue
        # one operand is a time ('14 days'), and the restatement counts a thing's time ('GPU-hours')
        times = [k for k in ("an", "bn") if _LEADING_TIME.match(m.group(k))]
        if len(times) != 1 or _RESOURCE_TIME.fullmatch(m.group("cn")) is None:
            continue
        factor = _time_factor(f"{m.group('a')} {m.group('an')} x {m.group('b')} {m.group('bn')}", m.group("cn"))
        if factor is None:
            continue
        a, bb = _interval(m.group("a"), m.group("sa")), _interval(m.group("b"), m.group("sb"))
        c = _interval(m.group("c"), m.group("sc"))
        product = a[0] * bb[0] * factor
        slack = 0.1 if m.group("approx") else 0.01
        if c[1] <= a[2] * bb[2] * factor * (1 + slack) and c[2] >= a[1] * bb[1] * factor * (1 - slack):
            continue
        claim = claim_at(ctx, m.start("c"), m.end("sc"), c[0])
        location = ctx.document.locate(m.start("a"))
        expression = f"{m.group('a')}{m.group('sa')}{m.group('an')} x {m.group('b')}{m.group('sb')}{m.group('bn')}".strip()
        yield self.finding(claim, f"stated {m.group('c')}{m.group('sc')}{m.group('cn')}, computed {expression}{_converted(factor)} = "
                           f"{fmt(product, 0)}", [Evidence(document=ctx.document.name, line=location.line,
                                                           column=location.column, text=expression, value=product)],
                           expected=product)


def _product_finding(ctx: Context, self, m, b: str, near: float | None):
    """The finding for a product of two counts (groups a, sa; `b` with sb) restated as c, sc,
    where the restated figure is not the product (a tenth off 'about' it, a hundredth otherwise);
    with `near`, only where it comes within that factor of the product (else it counts another thing)."""
    a, bb = _interval(m.group("a"), m.group("sa")), _interval(b, m.group("sb"))
    c = _interval(m.group("c"), m.group("sc"))
    product = a[0] * bb[0]
    if near is not None and (not product or not product / near <= c[0] <= product * near):
        return
    slack = 0.1 if m.group("approx") else 0.01
    if c[1] <= a[2] * bb[2] * (1 + slack) and c[2] >= a[1] * bb[1] * (1 - slack):
        return
    claim = claim_at(ctx, m.start("c"), m.end("sc"), c[0])
    location = ctx.document.locate(m.start("a"))
    expression = f"{m.group('a')}{m.group('sa')} x {b}{m.group('sb')}"
    yield self.finding(claim, f"stated {m.group('c')}{m.group('sc')}, computed {expression} = {fmt(product, 0)}",
                       [Evidence(document=ctx.document.name, line=location.line, column=location.column,
                                 text=expression, value=product)], expected=product)


# a product of counts the grammar states without an operator: 'A nodes with B GPUs each, i.e. C
# GPUs', '16 8×A800 nodes, i.e. 96 A800 GPUs', 'A layers of B heads, so C heads in all'
_GROUPS = re.compile(
    r"(?<![\w.,])(?P<a>" + _NUM + r")(?P<sa>" + _SCALE + r")(?:[ \t]+(?P<b1>" + _NUM + r")[ \t]?[×x](?=[A-Za-z])"
    r"|(?P<an>" + _WORDS_UPTO3 + r")[ \t]+(?:each[ \t]+)?(?:with|of|holding|carrying)[ \t]+(?P<b2>" + _NUM + r"))"
    r"(?P<sb>" + _SCALE + r")(?P<bn>(?:[ \t]*[A-Za-z][\w-]*){0,3}?)(?:[ \t]+(?:each|apiece|per[ \t]+\w+))?[ \t]*,?[ \t]*"
    r"(?:i\.e\.,?|that\s+is,?|so|giving|making|for\s+a\s+total\s+of|totall?ing|or)[ \t]+"
    r"(?P<approx>about[ \t]+|roughly[ \t]+|around[ \t]+|nearly[ \t]+|~[ \t]*)?(?P<c>" + _NUM + r")(?P<sc>" + _SCALE + r")(?![\w.]*\d)"
    r"(?P<cn>" + _WORDS_UPTO3 + r")", re.I)
_NEAR_PRODUCT = 2.0  # a stated total this near the product is one (a layer count and a parameter count are not)


def _groups_findings(ctx: Context, self):
    """CC114 for a product the grammar states without an operator: 'sixteen 8×A800 nodes, i.e.
    96 A800 GPUs' (16 x 8 = 128), 'a batch of 32 sequences with 16 accumulation steps each, so 640'.
    The total must be within a factor of two of the product (else the figures count other things),
    and times are left alone, as in `_products_in_words`."""
    text = ctx.document.text
    for m in _GROUPS.finditer(text):
        if ctx.document.in_code(m.start()):
            continue
        if _TIME_WORDS.search(" ".join(m.group(k) or "" for k in ("an", "bn", "cn"))):
            continue
        yield from _product_finding(ctx, self, m, m.group("b1") or m.group("b2"), near=_NEAR_PRODUCT)


_COUNT = r"(?:" + _NUM + r"|" + "|".join(sorted(WORD_VALUES, key=len, reverse=True)) + r")"
# 'k of (the) n things, or p%', 'k of n (p%)', 'k out of n ... a third'
_SHARE = re.compile(r"(?<![\w.,])(?P<k>" + _COUNT + r")\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|its\s+)?(?P<n>" + _COUNT + r")"
                    r"(?![\d.,%])\b(?P<gap>(?:\s+[A-Za-z][\w-]*|\s+\d[\d.,]{0,12}(?![\d.,%])){0,5}?)"
                    r"(?:\s*\(\s*|\s*,\s*(?:or\s+|i\.e\.,?\s*|that\s+is,?\s*)?|\s+or\s+)"
                    r"(?:about\s+|roughly\s+|nearly\s+|almost\s+|some\s+|~\s*)?"
                    r"(?:(?P<p>" + _NUM + r")\s?%(?!\s+(?:faster|slower|more|less|higher|lower|better|worse|cheaper|"
                    r"smaller|larger|than|up|down|gains?|drops?|increases?|decreases?|improvements?|reductions?)\b)|(?P<fraction>a\s+third|two\s+thirds|a\s+quarter|three\s+quarters|half|a\s+fifth|a\s+tenth))",
                    re.I)
_FRACTIONS = {"a third": 1 / 3, "two thirds": 2 / 3, "a quarter": 0.25, "three quarters": 0.75, "half": 0.5,
              "a fifth": 0.2, "a tenth": 0.1}


def _count(word: str) -> float | None:
    word = word.lower()
    if word in WORD_VALUES:
        return float(WORD_VALUES[word])
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


@rule("CC115", "share-mismatch", "arithmetic")
def check_shares(ctx: Context):
    """A share stated beside its count that the count does not give.

    What it checks: 'k of the n ..., or p%', 'k of n (p%)', 'k out of n, a third', in one clause,
    with the rounding of the percentage (a fraction in words must be within a twentieth); and a
    whole, its part and the share standing apart in one sentence ('Of the 200 tasks, 146 were
    solved, a 73% solve rate'; 'lists 27 models, but only 11 ..., so 41% of it'), where the share
    may be the part's or the rest's.
    Why it matters: a share and its count are read together; when they disagree one of them is
    wrong, and the share is the figure that gets quoted.
    Example: 'the model wins on 14 of the 30 tasks, or 57%': 14 / 30 = 46.7%.
    How to fix: recompute the share from the count.
    """
    self = RULES["CC115"]
    text = ctx.document.text
    reported: set[int] = set()
    for m in _SHARE.finditer(text):
        gap = m.group("gap") or ""
        if ctx.document.in_code(m.start()) or re.search(r"\b(?:of|than|vs|versus|against)\b", gap, re.I) or \
                re.search(r"\b(?:below|above|under|over)\b(?!\s+\d)", gap, re.I):
            continue  # (a threshold on the counted things, 'average above 60', keeps the share of them)
        k, n = _count(m.group("k")), _count(m.group("n"))
        if k is None or n is None or n <= 0 or k > n:
            continue
        share = k / n
        if m.group("p"):
            p = _percent_interval(m.group("p"))  # '47%' is 46.5% to 47.5%: 14 of 30 is 46.7%
            if p[1] / 100 <= share <= p[2] / 100:
                continue
            start, end = m.start("p"), m.end("p") + 1
            stated = f"{m.group('p')}%"
            value = p[0]
        else:
            fraction = _FRACTIONS[" ".join(m.group("fraction").lower().split())]
            if abs(fraction - share) <= 0.05:
                continue
            start, end = m.start("fraction"), m.end("fraction")
            stated = m.group("fraction")
            value = fraction * 100
        reported.add(start)
        claim = claim_at(ctx, start, end, value)
        location = ctx.document.locate(m.start("k"))
        yield self.finding(claim, f"stated {stated}, computed {m.group('k')} of {m.group('n')} = "
                           f"{fmt(share * 100)}%", [Evidence(document=ctx.document.name, line=location.line,
                                                             column=location.column, text=f"{m.group('k')} of {m.group('n')}",
                                                             value=share * 100)], expected=share * 100)
    yield from _whole_and_part(ctx, self, reported)


# a set and its size: 'lists 27 models', 'among the twelve configurations', 'of the 27 rows'
_WHOLE = re.compile(r"\b(?:among|of|across|lists|list|has|have|holds|hold|covers|cover|includes|include|out\s+of)\s+"
                    r"(?:the\s+|all\s+|its\s+|their\s+)?(?P<n>" + _COUNT + r")\s+(?P<noun>[a-z][\w-]*)", re.I)
# the part: 'only 11 have ...', 'just three average ...'
_PART = re.compile(r"\b(?:only|just|but)\s+(?P<k>" + _COUNT + r")\b(?!\s*%|\.\d)", re.I)
# the part as a share of the whole: 'so about 48% of it', 'a third of the field'
_SHARE_OF_WHOLE = re.compile(r"(?:\bso\s+|\bi\.e\.,?\s*|\bor\s+|,\s*|:\s*|—\s*|–\s*)(?:about\s+|roughly\s+|nearly\s+|almost\s+|some\s+|~\s*)?"
                             r"(?:(?P<p>" + _NUM + r")\s?%|(?P<fraction>a\s+third|two\s+thirds|a\s+quarter|three\s+quarters|half|a\s+fifth|a\s+tenth))"
                             r"\s+of\s+(?:it|them|the\s+(?:field|board|list|table|set|total|lot|whole|suite)|all)\b"
                             # ... or a rate of the whole: 'a 73% solve rate', '(a 27% failure rate)'
                             r"|(?:,\s*|\(\s*|\bfor\s+)(?:an?\s+|the\s+)?(?:about\s+|roughly\s+|nearly\s+|almost\s+|~\s*)?"
                             r"(?P<rate>" + _NUM + r")\s?%(?!\s+(?:higher|lower|more|less|better|worse|faster|slower|relative|improved|"
                             r"improvement|gain|drop|increase|decrease|reduction|up|down)\b)"
                             r"(?:\s+[a-z][\w-]*){0,2}?\s+(?:rate|share|ratio|fraction|proportion)\b", re.I)
# the part with no word before it: the one bare whole number between the whole and its share
# ('Of the 200 tasks, 146 were solved, a 73% solve rate')
_BARE_COUNT = re.compile(r"(?<![\w.,$€£#-])(?P<k>\d{1,3}(?:,\d{3})+|\d+)(?![\w.]|,\d)(?!\s*(?:%|x\b|×|[KMBT]\b))", re.I)


def _whole_and_part(ctx: Context, self, reported: set[int]):
    """CC115 where the whole and the part stand apart in one sentence and the share closes it:
    'The board lists 27 models, but only 11 have all six metrics, so about 48% of it is
    comparable'; 'Among the twelve configurations only three ..., a third of the field'."""
    text = ctx.document.text
    for start, end in sorted({c.sentence for c in ctx.claims}):
        if ctx.document.in_code(start) or ctx.document.cell_at(start) is not None:
            continue
        parts = list(_PART.finditer(text, start, end))
        shares = list(_SHARE_OF_WHOLE.finditer(text, start, end))
        if len(shares) != 1 or len(parts) > 1:
            continue
        share = shares[0]
        if parts:
            part = parts[0]
            # the whole, then its part, then the share: in that order only
            wholes = list(_WHOLE.finditer(text, start, part.start()))
        else:
            wholes = list(_WHOLE.finditer(text, start, share.start()))
            if len(wholes) != 1:
                continue
            counts = list(_BARE_COUNT.finditer(text, wholes[0].end(), share.start()))
            if len(counts) != 1:
                continue  # no part stated, or several counts: which is the part is not said
            part = counts[0]
        if len(wholes) != 1 or not part.end() <= share.start():
            continue
        whole = wholes[0]
        n, k = _count(whole.group("n")), _count(part.group("k"))
        if n is None or k is None or n <= 0 or not 0 < k < n:
            continue
        fraction = k / n
        said_percent = share.group("p") or share.group("rate")
        if said_percent:
            p = _percent_interval(said_percent)
            if p[1] / 100 <= fraction <= p[2] / 100 or p[1] / 100 <= 1 - fraction <= p[2] / 100:
                continue  # the part's share, or the rest's
            group = "p" if share.group("p") else "rate"
            s_start, s_end, stated, value = share.start(group), share.end(group) + 1, f"{said_percent}%", p[0]
        else:
            said = _FRACTIONS[" ".join(share.group("fraction").lower().split())]
            if abs(said - fraction) <= 0.05 or abs(said - (1 - fraction)) <= 0.05:
                continue
            s_start, s_end, stated, value = share.start("fraction"), share.end("fraction"), share.group("fraction"), said * 100
        if s_start in reported:
            continue
        claim = claim_at(ctx, s_start, s_end, value)
        location = ctx.document.locate(part.start("k"))
        yield self.finding(claim, f"stated {stated}, computed {part.group('k')} of {whole.group('n')} "
                           f"{whole.group('noun')} = {fmt(fraction * 100)}%",
                           [Evidence(document=ctx.document.name, line=location.line, column=location.column,
                                     text=f"{part.group('k')} of {whole.group('n')}", value=fraction * 100)],
                           expected=fraction * 100)
