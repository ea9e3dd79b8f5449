"""Reviewed exceptions written in the digest itself, as Markdown comments.

    <!-- claimcheck-disable-next-line CC101 reason="rounded in the paper's own abstract" -->
    <!-- claimcheck-disable CC105 -->  ...  <!-- claimcheck-enable CC105 -->
    <!-- claimcheck-disable -->  ...  <!-- claimcheck-enable -->      (every rule)

Waivers are strict, because a waiver that silences more than it says hides real problems:
- only a comment in the Markdown itself counts; one shown inside a code fence, inline code, an
  indented code block or a tag's attribute is an example, not a waiver;
- an unknown directive ('claimcheck-disable-line', ESLint's spelling) or a code that is not a
  rule's ('CC1O2', 'CC-102', 'CC10l') makes the comment a CC001 error that silences nothing;
  after the codes only a reason may follow: `reason="..."` or `-- ...`;
- a waiver that silences nothing is reported (CC001, a warning), so stale waivers do not pile
  up, but only when every rule it names ran (`--select`/`--ignore` or a check without sources
  leaves others unrun, and their waivers cannot be judged).
Each step is linear: comments are found by plain search, and which waiver covers which finding
is a look-up by line, not a comparison of every waiver with every finding.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..ingest.ranges import Ranges
from ..model import Claim, Document, Finding, Quantity
from .base import RULES, rule

DIRECTIVES = ("disable-next-line", "disable", "enable")
_DIRECTIVE = re.compile(r"\s*claimcheck(?P<sep>[-:]?)(?P<word>[\w-]*)", re.IGNORECASE)
_REASON = re.compile(r"""(?:^|[\s,])(?:reason\s*=|--)""", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,]+")
_TAG_OPEN = re.compile(r"<[A-Za-z][\w-]*")
_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]")


@dataclass
class Waiver:
    kind: str               # next-line | block | invalid
    codes: frozenset[str]   # empty: every rule
    start_line: int
    end_line: int           # inclusive
    comment_line: int
    column: int
    text: str
    problem: str = ""       # why an invalid waiver is not one


def parse_waivers(document: Document) -> list[Waiver]:
    """Every claimcheck comment of the Markdown, in order; the unreadable ones as kind 'invalid'."""
    waivers: list[Waiver] = []
    open_blocks: list[Waiver] = []
    text = document.text
    last_line = len(document.line_starts)
    shown = _Shown(document)
    position = 0
    while True:
        start = text.find("<!--", position)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break  # an unclosed comment hides the rest of the document and waives nothing
        position = end + 3
        body = text[start + 4:end]
        directive = _DIRECTIVE.match(body)
        if directive is None or shown.as_example(start):
            continue
        where = document.locate(start)
        comment = text[start:position]
        word = directive.group("word").lower()
        if directive.group("sep") != "-" or word not in DIRECTIVES:
            written = "claimcheck" + directive.group("sep") + directive.group("word")
            waivers.append(Waiver("invalid", frozenset(), where.line, where.line, where.line, where.column, comment,
                                  f"unknown waiver directive '{written}' (known: "
                                  + ", ".join(f"claimcheck-{d}" for d in DIRECTIVES) + ")"))
            continue
        codes, unknown = _codes(body[directive.end():])
        if unknown:
            waivers.append(Waiver("invalid", frozenset(), where.line, where.line, where.line, where.column, comment,
                                  f"unknown rule code{'s' if len(unknown) > 1 else ''} "
                                  + ", ".join(f"'{u}'" for u in unknown) + " in a waiver (see 'claimcheck rules')"))
            continue
        if word == "disable-next-line":
            line = shown.next_text_line(document.locate(end).line + 1)
            waivers.append(Waiver("next-line", codes, line, line, where.line, where.column, comment))
        elif word == "disable":
            block = Waiver("block", codes, where.line, last_line, where.line, where.column, comment)
            waivers.append(block)
            open_blocks.append(block)
        else:  # enable: closes the latest open block with the same codes (or all, if none given)
            for index in range(len(open_blocks) - 1, -1, -1):
                block = open_blocks[index]
                if not codes or block.codes == codes or codes <= block.codes:
                    block.end_line = where.line
                    del open_blocks[index]
                    break
    return waivers


def _codes(rest: str) -> tuple[frozenset[str], list[str]]:
    """The rule codes before the reason, and the words there that are not rule codes."""
    reason = _REASON.search(rest)
    if reason is not None:
        rest = rest[:reason.start()]
    codes, unknown = set(), []
    for token in _TOKEN.findall(rest):
        code = token.upper()
        if code in RULES:
            codes.add(code)
        else:
            unknown.append(token[:40])
    return frozenset(codes), unknown


class _Shown:
    """Where a comment is shown rather than written: code (fenced, inline or indented) and
    the inside of a tag; and the next line with text after a given line."""

    def __init__(self, document: Document):
        self.document = document
        text = document.text
        # the document's code spans include every comment and tag; those that start where a
        # comment starts are that comment, the others hide what they hold
        self.code = Ranges(span for span in document.code if not text.startswith("<!--", span[0]))
        self._next_text: list[int] | None = None
        self._indented: set[int] | None = None

    def as_example(self, offset: int) -> bool:
        if self.code.covers(offset):
            return True
        text = self.document.text
        starts = self.document.line_starts
        line_start = starts[bisect.bisect_right(starts, offset) - 1]
        # a tag opened after the last '>' before the comment (on its line) holds it in an attribute
        # (looked for from that '>' only: from the line start, a line of comments is quadratic)
        after = max(line_start, text.rfind(">", line_start, offset) + 1)
        if _TAG_OPEN.search(text, after, offset):
            return True
        return self.document.locate(offset).line in self.indented_code()

    def indented_code(self) -> set[int]:
        """Lines of indented code blocks: indented four or more after a blank line (or another
        such line), outside a list (whose items indent their paragraphs)."""
        if self._indented is None:
            self._indented = set()
            previous_blank, in_block, in_list = True, False, False
            for number in range(1, len(self.document.line_starts) + 1):
                line = self.document.line_text(number)
                if not line.strip():
                    previous_blank = True
                    continue
                indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
                if indent < 4:
                    in_list = bool(_ITEM.match(line)) or in_list and not previous_blank
                    in_block = False
                elif (previous_blank or in_block) and not in_list:
                    in_block = True
                    self._indented.add(number)
                previous_blank = False
        return self._indented

    def next_text_line(self, line: int) -> int:
        """The first line at or after `line` that holds text (the last line if none does)."""
        last = len(self.document.line_starts)
        if self._next_text is None:
            self._next_text = [0] * (last + 2)
            following = last
            for number in range(last, 0, -1):
                if self.document.line_text(number).strip():
                    following = number
                self._next_text[number] = following
        return self._next_text[line] if line <= last else line


def apply_waivers(document: Document, findings: list[Finding], ran: frozenset[str] | None = None,
                  filtered: bool = False, report: bool = True) -> list[Finding]:
    """Findings not waived, plus CC001 findings: an error for each comment that is not a waiver
    and a warning for each waiver that silenced nothing although every rule it names ran (`ran`:
    the codes of the rules that ran, None for all; `filtered`: rules were left out by choice, so
    a waiver of every rule cannot be judged). `report` False: no CC001 findings."""
    waivers = parse_waivers(document)
    if not waivers:
        return findings
    valid = [w for w in waivers if w.kind != "invalid"]
    every_rule = Ranges((w.start_line, w.end_line + 1) for w in valid if not w.codes)
    by_code: dict[str, list[tuple[int, int]]] = {}
    for waiver in valid:
        for code in waiver.codes:
            by_code.setdefault(code, []).append((waiver.start_line, waiver.end_line + 1))
    covered_by_code = {code: Ranges(spans) for code, spans in by_code.items()}
    kept = []
    lines_of: dict[str, list[int]] = {}
    for finding in findings:
        line = finding.claim.line
        lines_of.setdefault(finding.rule, []).append(line)
        ranges = covered_by_code.get(finding.rule)
        if not (every_rule.covers(line) or ranges is not None and ranges.covers(line)):
            kept.append(finding)
    all_lines = sorted(line for lines in lines_of.values() for line in lines)
    for lines in lines_of.values():
        lines.sort()
    if report:
        self = RULES["CC001"]
        for waiver in waivers:
            if waiver.kind == "invalid":
                kept.append(self.finding(_anchor(document, waiver), f"{waiver.problem}; this comment silences nothing",
                                         verdict="invalid-waiver", severity="error"))
                continue
            if _silences(waiver, lines_of, all_lines):
                continue
            if waiver.codes and ran is not None and not waiver.codes <= ran or not waiver.codes and filtered:
                continue  # a rule it names did not run: whether it would silence something is unknown
            scope = ", ".join(sorted(waiver.codes)) or "every rule"
            lines = (f"line {waiver.start_line}" if waiver.kind == "next-line"
                     else f"lines {waiver.start_line}-{waiver.end_line}")
            kept.append(self.finding(_anchor(document, waiver), f"unused waiver: no finding of {scope} on {lines} "
                                     f"to silence; remove it", verdict="unused-waiver"))
    kept.sort(key=lambda f: (f.claim.line, f.claim.column, f.rule))
    return kept


def _silences(waiver: Waiver, lines_of: dict[str, list[int]], all_lines: list[int]) -> bool:
    """Does a finding of one of its rules stand on a line it covers?"""
    for lines in ([lines_of.get(code, []) for code in waiver.codes] if waiver.codes else [all_lines]):
        index = bisect.bisect_left(lines, waiver.start_line)
        if index < len(lines) and lines[index] <= waiver.end_line:
            return True
    return False


def _anchor(document: Document, waiver: Waiver) -> Claim:
    quantity = Quantity(text=waiver.text[:200], start=0, end=0, value=0.0, decimals=0)
    return Claim(document=document.name, quantity=quantity, kind="waiver", line=waiver.comment_line,
                 column=waiver.column, sentence=(0, 0))


@rule("CC001", "waiver", "waivers", severity="warning")
def _no_check(ctx):
    """A claimcheck waiver comment that silences nothing, or is not a waiver at all.

    What it checks: every `<!-- claimcheck-disable-next-line ... -->` and disable/enable block in
    the digest must silence at least one finding of a rule that ran (a warning otherwise); a
    comment with an unknown directive (`claimcheck-disable-line`) or a code that is no rule's
    (`CC1O2`, `CC-102`) is an error and silences nothing. Comments shown inside code or a tag's
    attribute are examples, not waivers.
    Why it matters: a waiver outlives the figure it excused, and a mistyped one would silence
    every rule on its line or nothing at all; either would hide the next real problem.
    Example: `<!-- claimcheck-disable-next-line CC101 -->` above a margin that has since been
    fixed; `<!-- claimcheck-disable-next-line CC1O2 -->` (a letter O).
    How to fix: remove the stale comment; correct the directive or the code.
    """
    return ()
