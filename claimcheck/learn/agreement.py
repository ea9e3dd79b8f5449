"""How far two independent labellers agree: `data/reading/second/NAME.gold.json` beside the first labels.

Numbers are paired by line and overlapping columns. Claim agreement is the share of paired
numbers both call claims or both call non-claims, with Cohen's kappa; field agreement is the
share of numbers both call claims whose field agrees under the corpus's matching rules, where a
field agrees when any answer one labeller accepts agrees with any answer the other accepts.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .corpus import Labelled
from .matching import kind_agrees, text_agrees, unit_agrees, value_agrees

FIELDS = ("value", "unit", "kind", "metric", "dataset", "subject", "baseline", "setting", "direction")


def _options(value) -> list:
    return value if isinstance(value, list) else [value]


def field_agrees(name: str, a: dict, b: dict, strict: bool = False) -> bool:
    """Lenient: any answer one accepts agrees with any the other accepts. Strict: each one's
    first answer agrees with the other's first answer."""
    x, y = a.get(name), b.get(name)
    if strict:
        x, y = _options(x)[0] if _options(x) else None, _options(y)[0] if _options(y) else None
    if name == "value":
        return value_agrees(x, y)
    if name == "unit":
        return any(unit_agrees(x, u, a.get("value"), b.get("value")) for u in _options(y))
    if name == "kind":
        return any(kind_agrees(x, k) for k in _options(y))
    if name == "direction":
        return bool(set(map(str, _options(x))) & set(map(str, _options(y))))
    return any(text_agrees(x, option) for option in _options(y))


def pair(first: list[dict], second: list[dict]) -> list[tuple[dict, dict]]:
    """Entries of two labellings that stand at the same place (same line, overlapping columns)."""
    by_line: dict[int, list[dict]] = {}
    for entry in second:
        by_line.setdefault(entry["line"], []).append(entry)
    used, out = set(), []
    for entry in first:
        for other in by_line.get(entry["line"], []):
            if id(other) in used:
                continue
            if other["col"] < entry["end"] and entry["col"] < other["end"]:
                used.add(id(other))
                out.append((entry, other))
                break
    return out


def agreement(documents: list[Labelled], second_root: Path) -> dict:
    import json
    counts, fields = Counter(), Counter()
    for labelled in documents:
        path = second_root / f"{labelled.name}.gold.json"
        if not path.exists():
            continue
        second = json.loads(path.read_text(encoding="utf-8"))["numbers"]
        counts["documents"] += 1
        counts["first"] += len(labelled.gold)
        counts["second"] += len(second)
        for a, b in pair(list(labelled.gold), second):
            counts["paired"] += 1
            ca, cb = a.get("claim") is True, b.get("claim") is True
            counts[(ca, cb)] += 1
            if ca and cb:
                for name in FIELDS:
                    fields[name] += field_agrees(name, a, b)
                    fields["strict " + name] += field_agrees(name, a, b, strict=True)
    paired = counts["paired"] or 1
    both = counts[(True, True)]
    observed = (both + counts[(False, False)]) / paired
    p_first = (both + counts[(True, False)]) / paired
    p_second = (both + counts[(False, True)]) / paired
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return {
        "documents": counts["documents"], "numbers_first": counts["first"], "numbers_second": counts["second"],
        "paired": counts["paired"], "claim_agreement": round(observed, 3), "claim_kappa": round(kappa, 3),
        "claims_both": both, **{f"{name}": round(fields[name] / both, 3) if both else 0.0 for name in FIELDS},
        **{f"strict {name}": round(fields["strict " + name] / both, 3) if both else 0.0 for name in FIELDS},
    }
