"""A whole and the parts the digest splits it into, which do not add up.

'The 4-hour table covers 39 tasks, 22 binary and 18 multiclass': the parts listed right after a
count are its split, and 22 + 18 is 40. 'Fine-tuning uses 1.1M, 386.6K, 88.9K and 41.4K
examples, 2.1M in total': the parts listed before a stated total. The grammar decides which
figures are parts: a count, then a comma, colon or parenthesis, then a list of two or more
figures each with at most two words of its own, joined by commas and 'and' (or the list, then
'N in total', 'a total of N'). Nothing about subjects or metrics needs to be read.
"""
from __future__ import annotations

import re

from ..model import Evidence
from .base import RULES, Context, claim_at, fmt, rule
from .expressions import _NUM, _SCALE, _interval

# a whole's own words ('examples', 'GPU hours'); a part's words, up to five, may hold 'from' and
# 'and' ('88.9K from MIRACL and Mr.TyDi'), never 'and' before the next figure
_LABEL = r"(?:[ \t]+(?!(?:and|or|plus|in|of|for|a|the|total|each|per|altogether|combined|overall)\b)[A-Za-z][\w-]*){0,2}"
_PART_LABEL = r"(?:[ \t]+(?!and[ \t]+\d)(?!(?:or|plus|total|each|per|in[ \t]+(?:all|total))\b)[A-Za-z][\w.-]*){0,5}"
_ITEM = _NUM + _SCALE + _PART_LABEL
_LIST = _ITEM + r"(?:[ \t]*,[ \t]*" + _ITEM + r"){0,6}[ \t]*,?[ \t]+(?:and|plus)[ \t]+" + _ITEM
# a count, its noun, then its split: '39 tasks, 22 binary and 18 multiclass'
_WHOLE_THEN_PARTS = re.compile(
    r"(?<![\w.,])(?P<w>" + _NUM + r")(?P<ws>" + _SCALE + r")(?P<wn>(?:[ \t]+[A-Za-z][\w-]*){1,2}?)(?:[ \t]*[,:(][ \t]*|"
    # ... or a verb of splitting: '120 tasks break down as 48 coding, 40 math and 22 reasoning'
    r"[ \t]+(?:(?:are|is|were|was)[ \t]+)?(?:split|splits|divided|divide|broken[ \t]+down|breaks?[ \t]+down)[ \t]+"
    r"(?:into|as|between|among)[ \t]+|[ \t]+(?:consists?[ \t]+of|consisting[ \t]+of|comprises?|comprising|"
    r"(?:is[ \t]+|are[ \t]+)?made[ \t]+up[ \t]+of)[ \t]+)"
    r"(?P<parts>" + _LIST + r")(?=[ \t]*(?:[,.;:)]|$))", re.M)
# the split, then its total: '1.1M, 386.6K and 41.4K examples, 2.1M in total'
_PARTS_THEN_TOTAL = re.compile(
    r"(?<![\w.,])(?P<parts>" + _LIST + r")[ \t]*,?[ \t]*(?:(?:for[ \t]+)?a[ \t]+total[ \t]+of[ \t]+|totall?ing[ \t]+)?"
    r"(?:(?:about|roughly|around|nearly|some)[ \t]+|~[ \t]*)?"
    r"(?P<w>" + _NUM + r")(?P<ws>" + _SCALE + r")(?P<wn>" + _LABEL + r")(?P<mark>[ \t]+(?:in[ \t]+total|in[ \t]+all|"
    r"altogether|combined|overall)\b)?", re.M)
_PART_NUMBER = re.compile(r"(?<![\w.,])(?P<n>" + _NUM + r")(?P<s>" + _SCALE + r")")
_TIME_WORDS = re.compile(r"\b(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|each|per)\b", re.I)
_TOTAL_AFTER = re.compile(r"[^.;\n]{0,40}?\b(?:total|totall?ing|in[ \t]+all|altogether|combined)\b", re.I)
_CLOSE = 0.25  # a split stated without 'in total' is taken as one only where it comes this near the whole


def _parts(text: str) -> list[tuple[str, tuple[float, float, float]]]:
    return [(m.group(0), _interval(m.group("n"), m.group("s"))) for m in _PART_NUMBER.finditer(text)]


@rule("CC118", "parts-sum-mismatch", "arithmetic")
def check_parts_sum(ctx: Context):
    """A count and the parts the digest splits it into that do not add up.

    What it checks: a count followed by its split ('39 tasks, 22 binary and 18 multiclass',
    '120 questions: 70 easy and 40 hard', '120 tasks break down as 48 coding, 40 math and 32
    reasoning'), or a list followed by its total ('1.1M, 386.6K and
    41.4K examples, 2.1M in total'), with the rounding of every figure. A split stated without
    'in total' is taken as one only where its sum comes within a quarter of the whole (with it,
    within a half) and every part is smaller; times, and counts 'each' or 'per' something, are
    products, not splits.
    Why it matters: a split that does not add up means one of its figures is wrong, and a
    reader cannot tell which without the source.
    Example: '39 tasks, 22 binary and 18 multiclass': 22 + 18 = 40.
    How to fix: correct the part or the whole that is wrong.
    """
    self = RULES["CC118"]
    text = ctx.document.text
    seen = set()
    for pattern, marked in ((_WHOLE_THEN_PARTS, False), (_PARTS_THEN_TOTAL, True)):
        for m in pattern.finditer(text):
            if m.start("w") in seen or ctx.document.in_code(m.start()):
                continue
            if marked and not m.group("mark") and not re.search(r"total", m.group(0)):
                continue  # a list, then a figure: a total only where the text says so
            if not marked and _TOTAL_AFTER.match(text, m.end()):
                continue  # '40K math, 25K code and 10K dialogue, for a total of 75K': a list and its total
            parts = _parts(m.group("parts"))
            if len(parts) < 2 or _TIME_WORDS.search(m.group(0)):
                continue
            whole = _interval(m.group("w"), m.group("ws"))
            if not m.group("ws") and re.fullmatch(r"(?:19|20)\d\d", m.group("w")):
                continue  # a year, not a count
            low, high = sum(p[1][1] for p in parts), sum(p[1][2] for p in parts)
            if low <= whole[2] and whole[1] <= high:
                continue
            total = sum(p[1][0] for p in parts)
            near = _CLOSE if not marked else 2 * _CLOSE  # ('3 seeds, 4 models and 5 tasks, 60 runs in total' is a product)
            if any(p[1][0] >= whole[0] for p in parts) or abs(total - whole[0]) > near * whole[0]:
                continue
            seen.add(m.start("w"))
            claim = claim_at(ctx, m.start("w"), m.end("ws"), whole[0])
            location = ctx.document.locate(m.start("parts"))
            written_sum = " + ".join(p[0] for p in parts)
            unit = whole[0] / float(m.group("w").replace(",", "")) if float(m.group("w").replace(",", "")) else 1.0
            shown = f"{fmt(total / unit, 4)}{m.group('ws')}" if unit != 1.0 else fmt(total)
            yield self.finding(claim, f"stated {m.group('w')}{m.group('ws')}{m.group('wn')} as the whole, but its parts "
                               f"give {written_sum} = {shown}",
                               [Evidence(document=ctx.document.name, line=location.line, column=location.column,
                                         text=m.group("parts").strip(), value=total)], expected=total)
