"""Reviewed exceptions written in the digest itself, as Markdown comments.

    <!-- claimcheck-disable-next-line CC101 reason="rounded in the paper's own abstract" -->
    <!-- claimcheck-disable CC105 -->  ...  <!-- claimcheck-enable CC105 -->
    <!-- claimcheck-disable -->  ...  <!-- claimcheck-enable -->      (every rule)

A waiver that silences nothing is itself reported (CC001), so stale waivers do not pile up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Claim, Document, Finding, Quantity
from .base import RULES, rule

_COMMENT = re.compile(r"<!--\s*claimcheck-(disable-next-line|disable|enable)\b(?P<body>.*?)-->", re.S)
_CODE = re.compile(r"\b(CC\d{3})\b", re.I)


@dataclass
class Waiver:
    kind: str               # next-line | block
    codes: frozenset[str]   # empty: every rule
    start_line: int
    end_line: int           # inclusive
    comment_line: int
    column: int
    text: str
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return (self.start_line <= finding.claim.line <= self.end_line
                and (not self.codes or finding.rule in self.codes))


def parse_waivers(document: Document) -> list[Waiver]:
    waivers: list[Waiver] = []
    open_blocks: list[Waiver] = []
    last_line = len(document.line_starts)
    for m in _COMMENT.finditer(document.text):
        where = document.locate(m.start())
        codes = frozenset(c.upper() for c in _CODE.findall(m.group("body")))
        action = m.group(1)
        if action == "disable-next-line":
            line = document.locate(m.end()).line + 1
            while line <= last_line and not document.line_text(line).strip():
                line += 1
            waivers.append(Waiver("next-line", codes, line, line, where.line, where.column, m.group(0)))
        elif action == "disable":
            block = Waiver("block", codes, where.line, last_line, where.line, where.column, m.group(0))
            waivers.append(block)
            open_blocks.append(block)
        else:  # enable: closes the latest open block with the same codes (or all, if none given)
            for block in reversed(open_blocks):
                if not codes or block.codes == codes or codes <= block.codes:
                    block.end_line = where.line
                    open_blocks.remove(block)
                    break
    return waivers


def apply_waivers(document: Document, findings: list[Finding], report_unused: bool = True) -> list[Finding]:
    """Findings not waived, plus one CC001 finding for each waiver that waived nothing."""
    waivers = parse_waivers(document)
    if not waivers:
        return findings
    kept = []
    for finding in findings:
        covering = [w for w in waivers if w.covers(finding)]
        for waiver in covering:
            waiver.used = True
        if not covering:
            kept.append(finding)
    if report_unused:
        self = RULES["CC001"]
        for waiver in waivers:
            if not waiver.used:
                anchor = Quantity(text=waiver.text, start=0, end=0, value=0.0, decimals=0)
                claim = Claim(document=document.name, quantity=anchor, kind="waiver", line=waiver.comment_line,
                              column=waiver.column, sentence=(0, 0))
                scope = ", ".join(sorted(waiver.codes)) or "every rule"
                lines = (f"line {waiver.start_line}" if waiver.kind == "next-line"
                         else f"lines {waiver.start_line}-{waiver.end_line}")
                kept.append(self.finding(claim, f"unused waiver: no finding of {scope} on {lines} to silence; "
                                         f"remove it", verdict="unused-waiver"))
    kept.sort(key=lambda f: (f.claim.line, f.claim.column, f.rule))
    return kept


@rule("CC001", "unused-waiver", "waivers", severity="warning")
def _no_check(ctx):
    """A claimcheck-disable comment that silences nothing.

    What it checks: every `<!-- claimcheck-disable-next-line ... -->` and disable/enable block in
    the digest must silence at least one finding; otherwise it is reported.
    Why it matters: a waiver outlives the figure it excused; a stale one would hide the next real
    problem on that line.
    Example: `<!-- claimcheck-disable-next-line CC101 -->` above a margin that has since been fixed.
    How to fix: remove the comment.
    """
    return ()
