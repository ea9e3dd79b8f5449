"""Figures that could not be read: reported, so that nothing a reader sees as a figure passes
unchecked without a word."""
from __future__ import annotations

import math

from ..extract.claims import UNFRAMED
from ..extract.quantities import COMMA_DIGITS, NOT_A_NUMBER, OUT_OF_RANGE, TWO_POINTS
from ..model import Claim, NumberReading, Quantity
from .base import RULES, Context, rule, written

_WHY = {
    OUT_OF_RANGE: "is beyond the range of numbers that can be computed with",
    NOT_A_NUMBER: "stands where a figure would but is not a number",
    TWO_POINTS: "has two decimal points: a typo or a version, not a figure",
    COMMA_DIGITS: "joins digits with commas that are not thousands groups: a list or a decimal comma",
}


@rule("CC112", "not-checkable", "numbers", severity="info")
def check_unreadable(ctx: Context):
    """A figure that could not be read, reported rather than passed over.

    What it checks: numbers written where a figure stands that hold no value a check can use:
    beyond the range of a float ("1e999", a 400-digit run), "NaN" or "inf" as a score, a number
    with two decimal points ("scores 0.1.2"), digits joined by commas that are not thousands
    groups ("scores 1,2,3", "4,5" as a decimal comma); and text past the size bounds (a line of
    over a million characters, a document of over twenty million), whose figures were not read.
    Each is an info finding naming the figure as written. Versions after a name ("vLLM
    0.6.3"), lists outside figure positions and thousands ("1,234") are not reported.
    Why it matters: a figure that is silently skipped looks checked when it was not.
    Example: "Kite scores 0.1.2 on MMLU".
    How to fix: write the figure as one number ("71.2"), or put a version after its name.
    """
    self = RULES["CC112"]
    for number in ctx.unreadable:
        if number.reason.startswith(UNFRAMED):
            continue  # read, only not framed: the source checks may still place it
        why = _WHY.get(number.reason)
        claim = _as_claim(ctx, number)
        if why:
            message = f"{written(claim)} {why}: not checked"
        else:  # past a size bound: one finding where the unread text begins
            message = (f"text {number.reason} was not read (its first figure is on line {number.line}): "
                       f"its figures are not checked")
        yield self.finding(claim, message, verdict="not checkable")


def _as_claim(ctx: Context, number: NumberReading) -> Claim:
    """The number as a claim that a finding can point at: where it is, as written, no value."""
    text = ctx.document.text
    line_start = text.rfind("\n", 0, number.start) + 1
    line_end = text.find("\n", number.end)
    line_end = len(text) if line_end < 0 else min(line_end, number.end + 2000)
    quantity = Quantity(text=number.text, start=number.start, end=number.end, value=math.nan, decimals=0)
    return Claim(document=ctx.document.name, quantity=quantity, kind="unread", line=number.line,
                 column=number.column, sentence=(max(line_start, number.start - 2000), line_end), page=number.page)


_CONTROL_NAMES = {0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
                  0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
                  0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE"}


@rule("CC116", "hidden-direction-control", "numbers", severity="warning")
def check_direction_controls(ctx: Context):
    """A bidirectional control character inside or just before a figure.

    What it checks: embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) written in a
    figure or right before it. The figure is read without them (as are zero-width spaces, joiners,
    soft hyphens and marks inside a figure, which change nothing on screen), and reported.
    Why it matters: a right-to-left override makes "71.4" display as "4.17": what a reader sees
    and what the text says differ, and a check of either passes the other unseen.
    Example: "scores \\u202e71.4 on MMLU".
    How to fix: delete the control character.
    """
    self = RULES["CC116"]
    by_start = {c.quantity.start: c for c in ctx.claims}
    for start, point in ctx.document.hidden:
        claim = by_start.get(start)
        if claim is None:
            end = start
            while end < len(ctx.document.text) and (ctx.document.text[end].isdigit() or ctx.document.text[end] in ".,"):
                end += 1
            where = ctx.document.locate(start)
            quantity = Quantity(text=ctx.document.text[start:end], start=start, end=end, value=0.0, decimals=0)
            claim = Claim(document=ctx.document.name, quantity=quantity, kind="figure", line=where.line,
                          column=where.column, sentence=(start, end))
        name = _CONTROL_NAMES.get(point, "DIRECTION CONTROL")
        yield self.finding(claim, f"{written(claim)} is written with U+{point:04X} {name} in or before it, which can make it display as "
                           f"another figure; it was read as {written(claim)} without it", verdict="hidden-character")
