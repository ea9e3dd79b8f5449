"""When a reading agrees with a label: the conventions of the reading corpus (LABELING.md).

Free-text fields agree leniently: rapidfuzz's token-set ratio of at least 80 on processed
strings, or one contained in the other, or the same letters and digits; a label may be a list
of acceptable answers, `null` among them. Values agree up to a power-of-ten scale (8B is 8e9).
A unit agrees through synonyms ("tok/s" is "tokens/s") and scale words ("B params" with a bare
8e9). A kind agrees through the mapping of claimcheck's kinds to the corpus's.
"""
from __future__ import annotations

import math
import re

from rapidfuzz import fuzz, utils

SCALES = (1, 1e3, 1e6, 1e9, 1e12, 1e-3, 1e-6, 1e-9, 1e-12, 1e2, 1e-2)

# claimcheck's kinds (rules alone) -> corpus kinds counted as right; corpus kinds map to themselves
KINDS = {
    "score": {"score"}, "percent": {"score", "other"}, "fraction": {"score", "other"},
    "delta": {"delta"}, "change": {"percent_change"}, "percent_change": {"percent_change"},
    "speedup": {"ratio"}, "ratio": {"ratio"}, "time": {"latency", "cost"}, "latency": {"latency"},
    "throughput": {"throughput"}, "memory": {"memory"}, "size": {"memory", "scale"}, "scale": {"scale"},
    "count": {"count"}, "cost": {"cost"}, "other": {"other"},
}
UNIT_SYNONYMS = {
    "points": {"points", "point", "pt", "pts", "pp", "percentage points"},
    "%": {"%", "percent", "pct"},
    "x": {"x", "×", "times"},
    "tokens/s": {"tokens/s", "t/s", "tok/s", "tokens/sec", "token/s", "tokens per second"},
    "req/s": {"rps", "requests/s", "req/s", "queries/sec", "queries/s", "qps", "query/s"},
    "s": {"s", "sec", "second", "seconds"}, "ms": {"ms", "millisecond", "milliseconds"},
    "hours": {"hours", "hour", "h", "hrs", "gpu hours", "gpu-hours", "gpu hour"},
    "gb": {"gb", "gib", "g"}, "mb": {"mb", "mib"},
}


def value_agrees(gold, tool, exact: bool = False) -> bool:
    if gold is None or tool is None:
        return False
    g, t = abs(float(gold)), abs(float(tool))
    if math.isclose(g, t, rel_tol=1e-6, abs_tol=1e-9):
        return True
    return not exact and any(math.isclose(t, g * m, rel_tol=1e-6) for m in SCALES)


def _processed(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(x) for x in value)
    return utils.default_process(str(value))


def text_agrees(gold, tool) -> bool:
    """A free-text field: gold may be a list of acceptable answers, None among them."""
    t = _processed(tool)
    for g in gold if isinstance(gold, list) else [gold]:
        gn = _processed(g)
        if not gn and not t:
            return True
        if gn and t and (fuzz.token_set_ratio(gn, t) >= 80 or gn in t
                         or re.sub(r"\W", "", gn) == re.sub(r"\W", "", t)):
            return True
    return False


def _unit_canon(unit) -> str:
    unit = (unit or "").strip().lower()
    for canon, synonyms in UNIT_SYNONYMS.items():
        if unit in synonyms:
            return canon
    return unit


def unit_agrees(gold, tool, gold_value, tool_value) -> bool:
    t = _unit_canon(tool)
    for g in gold if isinstance(gold, list) else [gold]:
        if g is None:
            if not t:
                return True
            continue
        canon = _unit_canon(g)
        if canon == t:
            return True
        scaled = re.match(r"^([KMBT]) (\w+)$", g)  # "B params", "T tokens"
        if scaled:
            noun = scaled.group(2).lower()
            accepted = {"", noun, noun.rstrip("s"), scaled.group(1).lower(), f"{scaled.group(1).lower()} {noun}",
                        "parameters" if noun == "params" else noun}
            if t in accepted and value_agrees(gold_value, tool_value):
                return True
        if g.lower() == "gflops" and t in ("gflops", "flops", "g", "gflop"):
            return True
        if "co2" in g.lower() and "co2" in t:
            return True
        if t and fuzz.ratio(canon, t) >= 80:
            return True
    return False


def kind_agrees(gold, tool) -> bool:
    accepted = KINDS.get(tool, {tool})
    return any(g in accepted for g in (gold if isinstance(gold, list) else [gold]))


def is_null(gold) -> bool:
    """A label that accepts no answer at all."""
    return gold is None or (isinstance(gold, list) and None in gold)
