"""Replacements for flagged figures, in the digest's own notation and precision.

A rule whose expected value is the figure that belongs in the claim's place (a margin, ratio or
percent change computed from its operands, a product of counts, a source's cell) gives a fix:
'2.6×' becomes '2.3×' where the digest writes one decimal, '+6.1' becomes '+5.1', '2.05M'
becomes '20.48M'. Rules whose expected value is something else (another system's figure, the
complement of a share, a figure in other units) give none, and neither do figures written in
words or as ranges. A fix is safe when every figure it rests on stands on the claim's own line
and the rule's reading is unique: a figure stated twice differently (CC105) could be wrong
either way, and a source may be the one that is out of date.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

from ..model import Document, Finding, Fix

# the rules whose `expected` is the figure to write where the claim stands
REPLACES_FIGURE = frozenset({"CC101", "CC102", "CC103", "CC105", "CC108", "CC110", "CC113", "CC114", "CC115",
                             "CC117", "CC118", "CC119", "CC201", "CC209"})
# ... and of those, the ones computed from figures the digest states, with one reading
ARITHMETIC = frozenset({"CC101", "CC102", "CC103", "CC110", "CC113", "CC114", "CC117", "CC118", "CC119"})

_DIGITS = re.compile(r"(?P<sign>[+\-−]?)(?P<number>\d[\d,]*(?:\.\d+)?)")


def format_like(old_number: str, value: float, decimals: int) -> str:
    """`value` written as `old_number` writes its figure: its decimals, its thousands commas."""
    text = f"{abs(value):,.{decimals}f}" if "," in old_number else f"{abs(value):.{decimals}f}"
    return text


def fix_for(document: Document, finding: Finding) -> Fix | None:
    claim = finding.claim
    q = claim.quantity
    if finding.rule not in REPLACES_FIGURE or finding.expected is None or finding.severity == "info":
        return None
    if not math.isfinite(finding.expected) or q.word or q.high is not None or not q.scale:
        return None
    if document.text[q.start:q.end] != q.text:
        return None  # the figure is not where its text says (a converted document): no safe span
    m = _DIGITS.search(q.text)
    if m is None:
        return None
    value = finding.expected / q.scale
    decimals = q.decimals
    new_number = format_like(m.group("number"), value, decimals)
    if float(new_number.replace(",", "")) == float(m.group("number").replace(",", "")):
        # rounded to the digest's precision it reads the same: one more decimal shows the change
        decimals += 1
        new_number = format_like(m.group("number"), value, decimals)
    if float(new_number.replace(",", "")) == 0 and value != 0:
        return None  # below the digest's precision altogether: no replacement in its notation
    sign = m.group("sign")
    if value < 0:
        sign = "−" if sign == "−" else "-"
    elif sign in ("-", "−"):
        sign = "+" if q.signed else ""
    new_text = q.text[:m.start()] + sign + new_number + q.text[m.end():]
    if new_text == q.text:
        return None
    if document.source_text:  # converted (HTML, LaTeX): the figure must stand at its place in the file's line
        own = document.source_text[claim.line - 1] if 0 < claim.line <= len(document.source_text) else ""
        if own[claim.column - 1:claim.column - 1 + len(q.text)] != q.text:
            return None
        column = claim.column
    else:
        column = q.start - (document.text.rfind("\n", 0, q.start) + 1) + 1
    on_its_line = all(e.document == claim.document and e.line == claim.line and not e.page for e in finding.evidence)
    safe = finding.rule in ARITHMETIC and bool(finding.evidence) and on_its_line and claim.page is None
    return Fix(q.start, q.end, claim.line, column, column + len(q.text), q.text, new_text, safe)


def _two_readings(finding: Finding) -> bool:
    """A percent change that equals the difference of its figures in points ('from 40% to 52%, a
    12% improvement'): the digest may have meant 12 points or a 30% change; fix either way."""
    if finding.rule != "CC103":
        return False
    q = finding.claim.quantity
    values = [e.value for e in finding.evidence if e.value is not None]
    return any(abs(abs(a - b) - abs(q.value)) <= q.half_step for a in values for b in values)


def with_fixes(document: Document, findings: list[Finding]) -> list[Finding]:
    """The findings, each with its fix where it has one. A fix computed from a figure that is
    itself flagged (a margin over a baseline figure the source gives otherwise) is not safe."""
    flagged = {(f.claim.line, f.claim.column) for f in findings if f.severity != "info"}
    out = []
    for finding in findings:
        fix = fix_for(document, finding)
        if fix is not None and fix.safe and (_two_readings(finding) or any(
                (e.line, e.column) in flagged for e in finding.evidence if e.document == finding.claim.document)):
            fix = replace(fix, safe=False)
        out.append(replace(finding, fix=fix) if fix is not None else finding)
    return out
