"""Plain-text renderers: findings with their evidence lines, and a claims table.

Every line is passed through `visible` (control characters from the digest or its file name are
shown as backslash escapes, never sent to the terminal); the only raw escapes are the colours.
"""
from __future__ import annotations

from .visible import visible

_WIDTH = 110


def excerpt(line_text: str, column: int, width: int = _WIDTH) -> str:
    """The line around a column, cut to `width` characters with ellipses."""
    line_text = line_text.strip("\n")
    if len(line_text) <= width:
        return line_text
    start = max(0, min(column - 1 - width // 2, len(line_text) - width))
    piece = line_text[start:start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(line_text) else "")


_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[36m"}
_RESET = "\033[0m"


def render_findings(results, color: bool = False) -> str:
    out = []
    total = {"error": 0, "warning": 0, "info": 0}
    claims = 0
    for result in results:
        document = result.document
        claims += len(result.claims)
        infos = [f for f in result.findings if f.severity == "info"]
        for f in result.findings:
            total[f.severity] = total.get(f.severity, 0) + 1
            if f.severity == "info":
                continue
            c = f.claim
            severity = f"{_COLORS[f.severity]}{f.severity}{_RESET}" if color else f.severity
            out.append(visible(f"{document.name}:{c.line}:{c.column}: ") + severity
                       + visible(f" {f.rule} [{f.name}] {f.message}"))
            out.append(visible(f"  claim     line {c.line:>4} | {excerpt(document.line_text(c.line), c.column)}"))
            if f.expected is not None:
                out.append(visible(f"  computed  {_number(f.expected)}"))
            if f.fix is not None:
                out.append(visible(f"  fix       {f.fix.old} -> {f.fix.new}"
                                   + (" (safe: --fix applies it)" if f.fix.safe else " (review: --fix leaves it)")))
            on_claim_line = [e.text for e in f.evidence if (e.document, e.line) == (c.document, c.line)]
            if on_claim_line:
                out.append(visible(f"  evidence  line {c.line:>4} | {' · '.join(on_claim_line)} (on the claim's line)"))
            shown = {(c.document, c.line)}
            for e in f.evidence:
                key = (e.document, e.line)
                note = f"  ({e.note})" if e.note else ""
                if key in shown:
                    continue
                shown.add(key)
                source = document.line_text(e.line) if e.document == document.name else e.text
                out.append(visible(f"  evidence  line {e.line:>4} | {excerpt(source, e.column)}{note}"))
            out.append("")
        if infos:
            verdicts: dict[str, int] = {}
            for f in infos:
                verdicts[f.verdict] = verdicts.get(f.verdict, 0) + 1
            out.append(visible(f"{document.name}: notes: "
                               + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))))
            for f in infos:
                out.append(visible(f"  line {f.claim.line:>4}  {f.verdict:<13}  {f.message}"))
            out.append("")
    counts = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in total.items() if n)
    n = sum(total.values())
    docs = len(results)
    out.append(f"{n} finding{'s' if n != 1 else ''}{' (' + counts + ')' if n else ''} in {docs} "
               f"document{'s' if docs != 1 else ''}; {claims} claims read.")
    return "\n".join(out) + "\n"


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text


def render_claims_table(documents_claims) -> str:
    rows = [("document", "line", "col", "text", "kind", "metric", "subject", "role", "setting")]
    for document, claims in documents_claims:
        for c in claims:
            rows.append((document.name.rsplit("/", 1)[-1], str(c.line), str(c.column), c.text, c.kind,
                         c.metric, c.subject, c.role, ", ".join(sorted(c.setting))))
    lines = _table(rows)
    total = sum(len(c) for _, c in documents_claims)
    lines.append(f"{total} claims in {len(documents_claims)} document{'s' if len(documents_claims) != 1 else ''}.")
    return "\n".join(lines) + "\n"


def render_numbers_table(documents_claims, documents_numbers) -> str:
    """The numbers that are not claims, each with its status and reason, and per document the
    share of its numbers read as claims."""
    rows = [("document", "line", "col", "text", "status", "reason")]
    for document, others in documents_numbers:
        for n in others:
            rows.append((document.name.rsplit("/", 1)[-1], str(n.line), str(n.column), n.text, n.status, n.reason))
    lines = ["", "Numbers that are not claims:"] + _table(rows, widest=40)
    for (document, claims), (_, others) in zip(documents_claims, documents_numbers):
        non_claims = sum(n.status == "non-claim" for n in others)
        unread = len(others) - non_claims
        total = len(claims) + len(others)
        share = f" ({100 * len(claims) / total:.0f}% claims)" if total else ""
        lines.append(visible(f"{document.name}: {total} numbers: {len(claims)} claims{share}, "
                             f"{non_claims} non-claims, {unread} unread."))
    return "\n".join(lines) + "\n"


def _table(rows, widest: int = 28) -> list[str]:
    """Rows as aligned columns under a rule, long cells cut with an ellipsis (escaped first, so
    an escape is never cut in half)."""
    rows = [tuple(visible(cell) for cell in row) for row in rows]
    widths = [min(max(len(r[i]) for r in rows), widest) for i in range(len(rows[0]))]
    lines = []
    for k, row in enumerate(rows):
        cells = [(cell if len(cell) <= w else cell[:w - 1] + "…").ljust(w) for cell, w in zip(row, widths)]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines
