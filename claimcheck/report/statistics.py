"""`--statistics`: how many findings each rule made, most first (as ruff's statistics)."""
from __future__ import annotations

from collections import Counter


def rule_counts(results) -> list[tuple[str, str, str, int]]:
    """(rule, name, severity, count) for every rule with a finding, most findings first, then by code."""
    counts: Counter = Counter()
    names: dict[str, tuple[str, str]] = {}
    for result in results:
        for finding in result.findings:
            counts[finding.rule] += 1
            names.setdefault(finding.rule, (finding.name, finding.severity))
    return [(rule, *names[rule], count) for rule, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_statistics(results) -> str:
    rows = rule_counts(results)
    files = sum(1 for r in results if r.findings)
    if not rows:
        return f"no findings in {len(results)} file(s)\n"
    width = max(len(str(count)) for *_, count in rows)
    lines = [f"{count:>{width}}  {rule}  {severity:<7}  {name}" for rule, name, severity, count in rows]
    total = sum(count for *_, count in rows)
    lines.append(f"{total} finding(s) in {files} of {len(results)} file(s)")
    return "\n".join(lines) + "\n"
