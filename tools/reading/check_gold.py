#!/usr/bin/env python3
"""Check a gold file against its document and the labelling conventions.

usage: python3 check_gold.py DOC.md DOC.gold.json

Prints every problem, one a line, and exits 1 if there is any: JSON shape, a `text` that does
not stand at its line and column, a missing or unknown field value, two entries on one span,
and every number the lister finds that the gold neither labels nor lists under `not_numbers`.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from list_numbers import numbers  # noqa: E402

KINDS = {"score", "delta", "ratio", "latency", "throughput", "memory", "cost", "count", "scale",
         "percent_change", "other"}
REASONS = {"year", "date", "version", "citation", "identifier", "reference", "hyperparameter",
           "setting", "condition", "name", "interval", "code", "rank", "other"}
CLAIM_FIELDS = ["value", "unit", "kind", "metric", "dataset", "subject", "baseline", "setting", "direction"]


def check(doc_path, gold_path):
    problems = []
    lines = open(doc_path, encoding="utf-8").read().split("\n")
    try:
        gold = json.load(open(gold_path, encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        return [f"not JSON: {e}"]
    if not isinstance(gold, dict) or not isinstance(gold.get("numbers"), list):
        return ['top level must be {"document": ..., "numbers": [...]}']
    if gold.get("document") != os.path.basename(doc_path):
        problems.append(f"document should be {os.path.basename(doc_path)!r}")
    spans = []
    for i, n in enumerate(gold["numbers"]):
        where = f"entry {i} (line {n.get('line')}, {n.get('text')!r})"
        for key in ("line", "col", "end", "text", "claim"):
            if key not in n:
                problems.append(f"{where}: missing {key}")
        if not all(k in n for k in ("line", "col", "end", "text")):
            continue
        ln, col, end, text = n["line"], n["col"], n["end"], n["text"]
        if not (1 <= ln <= len(lines)):
            problems.append(f"{where}: no such line")
            continue
        if lines[ln - 1][col - 1:end - 1] != text:
            problems.append(f"{where}: line {ln} cols {col}-{end} hold {lines[ln - 1][col - 1:end - 1]!r}")
        spans.append((ln, col, end, i))
        if n.get("claim") is True:
            for f in CLAIM_FIELDS:
                if f not in n:
                    problems.append(f"{where}: claim without {f} (use null where the text does not say)")
            if not isinstance(n.get("value"), (int, float)):
                problems.append(f"{where}: value must be a number")
            kinds = n.get("kind") if isinstance(n.get("kind"), list) else [n.get("kind")]
            if not kinds or any(k not in KINDS for k in kinds):
                problems.append(f"{where}: kind {n.get('kind')!r} not in {sorted(KINDS)}")
            dirs = n.get("direction") if isinstance(n.get("direction"), list) else [n.get("direction")]
            if any(d not in ("higher", "lower", None) for d in dirs):
                problems.append(f"{where}: direction must be higher, lower or null")
            for op in n.get("operands") or []:
                if not (isinstance(op, dict) and {"line", "text"} <= op.keys()):
                    problems.append(f"{where}: operands are {{line, col, text}} objects")
        elif n.get("claim") is False:
            if n.get("reason") not in REASONS:
                problems.append(f"{where}: reason {n.get('reason')!r} not in {sorted(REASONS)}")
        else:
            problems.append(f"{where}: claim must be true or false")
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if a[0] == b[0] and b[1] < a[2]:
            problems.append(f"entries {a[3]} and {b[3]} overlap on line {a[0]}")
    dropped = {(d.get("line"), d.get("col")) for d in gold.get("not_numbers", [])}
    for cand in numbers("\n".join(lines)):
        ln, col, end = cand["line"], cand["col"], cand["end"]
        covered = any(s[0] == ln and s[1] < end and col < s[2] for s in spans)
        if not covered and (ln, col) not in dropped:
            problems.append(f"line {ln} col {col} {cand['text']!r}: not labelled and not under not_numbers")
    return problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    problems = check(sys.argv[1], sys.argv[2])
    for p in problems:
        print(p)
    gold = json.load(open(sys.argv[2])) if not problems or not problems[0].startswith("not JSON") else {"numbers": []}
    claims = sum(1 for n in gold.get("numbers", []) if n.get("claim") is True)
    print(f"{len(problems)} problem(s); {len(gold.get('numbers', []))} numbers, {claims} claims")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
