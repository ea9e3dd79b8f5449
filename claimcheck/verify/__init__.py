"""Claims to findings: every registered rule over one document's claims."""
from __future__ import annotations

from dataclasses import replace

from ..model import Claim, Document, Finding
from . import arithmetic, comparisons, consistency, conversions, numbers, parts, superlatives  # noqa: F401  (registers the rules)
from . import sources as _source_rules  # noqa: F401
from . import averages, expressions, operands, rates, source_tables, table_columns, wholes, wording  # noqa: F401
from .fixes import with_fixes
from .waivers import apply_waivers
from .base import RULES, Context, Rule

def verify(document: Document, claims: list[Claim], select: set[str] | None = None,
           ignore: set[str] | None = None, slack: float = 0.0, sources=None,
           severity: dict[str, str] | None = None, unreadable=(), owners=None,
           frames=None) -> list[Finding]:
    """Run the selected rules; findings sorted by line, one per rule and claim.

    `severity` maps rule codes to the level their findings are reported at (configuration);
    `unreadable` holds the document's numbers that stand as figures but could not be read
    (NumberReading objects), which RULES["CC112"] reports; `owners` gives (a claim's start, the
    learned reader's subject) for claims the rules read without one (checks against sources use it);
    `frames` gives (a claim's start, the learned metric, as written, the learned benchmark) where
    they differ from the rules' (checks against sources fall back on them).
    """
    context = Context(document, claims, slack=slack, sources=list(sources or []), unreadable=list(unreadable),
                      owners=dict(owners or ()), frames={start: tuple(frame) for start, *frame in frames or ()})
    findings: list[Finding] = []
    seen = set()
    ran = set()
    for code, rule in sorted(RULES.items()):
        if select and code not in select or ignore and code in ignore:
            continue
        if rule.family == "source" and not context.sources:
            continue  # nothing to check against
        ran.add(code)
        for finding in rule.check(context):
            key = (finding.rule, finding.claim.quantity.start)
            if key not in seen:
                seen.add(key)
                if severity and finding.rule in severity and finding.severity != "info":
                    finding = replace(finding, severity=severity[finding.rule])
                findings.append(finding)
    # a figure the margin, ratio or percent-change rules already flag is not flagged again by the
    # operands beside it (CC113 finds what they miss, never a second finding for one slip)
    by_arithmetic = {f.claim.quantity.start for f in findings if f.rule in ("CC101", "CC102", "CC103")}
    # (nor by the derived-against-source rule, whose cells the digest's own operands agree with)
    findings = [f for f in findings if not (f.rule in ("CC113", "CC209") and f.claim.quantity.start in by_arithmetic)]
    findings.sort(key=lambda f: (f.claim.line, f.claim.column, f.rule))
    findings = with_fixes(document, findings)
    # a waiver is judged only by rules that ran; one for every rule only when none was left out
    # by choice (source rules without sources have nothing to find, which is no choice)
    return apply_waivers(document, findings, ran=frozenset(ran), filtered=bool(select or ignore),
                         report="CC001" in ran)


__all__ = ["RULES", "Rule", "verify"]
