"""What every rule shares: the rule registry, the checking context and rounding-aware arithmetic.

Tolerance follows the decimals as written: a figure stands for every value that rounds to it
(2.03 for [2.025, 2.035]), and arithmetic on written figures yields an interval. A stated
figure holds when its interval meets the computed one, so 58% against 58.08% and 2.03x
against 160 s / 78.9 s hold while 6.2 against 90.2 - 88.3 does not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..model import Claim, Document, Evidence, Finding, Quantity

# An approximate figure ("~2x", "about 40%", "halves") is allowed this much relative slack.
APPROX_SLACK = 0.10


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    severity: str
    check: Callable[["Context"], Iterable[Finding]]
    doc: str

    def finding(self, claim: Claim, message: str, evidence: Iterable[Evidence] = (),
                expected: float | None = None, verdict: str = "mismatch",
                severity: str | None = None) -> Finding:
        return Finding(rule=self.code, name=self.name, severity=severity or self.severity,
                       verdict=verdict, message=message, claim=claim,
                       evidence=tuple(evidence), expected=expected)


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, family: str, severity: str = "error"):
    """Register a check function as a rule; its docstring is the rule's documentation."""
    def register(function: Callable[["Context"], Iterable[Finding]]):
        RULES[code] = Rule(code, name, family, severity, function, (function.__doc__ or "").strip())
        return function
    return register


@dataclass
class Context:
    """One document's claims with the look-ups the rules share."""

    document: Document
    claims: list[Claim]
    slack: float = 0.0  # extra relative tolerance from configuration
    sources: list = field(default_factory=list)  # claimcheck.sources.Source objects
    _source_verdicts: list | None = None
    _by_sentence: dict[tuple[int, int], list[Claim]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for claim in self.claims:
            self._by_sentence.setdefault(claim.sentence, []).append(claim)

    def sentence_claims(self, claim: Claim) -> list[Claim]:
        return self._by_sentence.get(claim.sentence, [])

    def sentence_text(self, claim: Claim) -> str:
        start, end = claim.sentence
        return self.document.text[start:end]

    def paragraph_span(self, offset: int) -> tuple[int, int]:
        """The paragraph (text between blank lines) around an offset."""
        text = self.document.text
        start = text.rfind("\n\n", 0, offset)
        end = text.find("\n\n", offset)
        return (start + 2 if start >= 0 else 0, end if end >= 0 else len(text))

    def paragraph_claims(self, claim: Claim) -> list[Claim]:
        start, end = self.paragraph_span(claim.quantity.start)
        return [c for c in self.claims if start <= c.quantity.start < end]

    def interval(self, quantity: Quantity) -> tuple[float, float]:
        return interval(quantity, self.slack)


def interval(quantity: Quantity, slack: float = 0.0) -> tuple[float, float]:
    """The values a written figure stands for, widened for approximations and configured slack."""
    lo, hi = quantity.interval
    relative = slack + (APPROX_SLACK if quantity.approx else 0.0)
    if relative:
        lo, hi = lo - abs(lo) * relative, hi + abs(hi) * relative
    if quantity.high is not None:  # a range "1-2" stands for anything between its ends
        hi = max(hi, quantity.high + quantity.half_step)
    return lo, hi


def subtract(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return a[0] - b[1], a[1] - b[0]


def divide(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float] | None:
    if b[0] <= 0 <= b[1]:
        return None
    candidates = [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]]
    return min(candidates), max(candidates)


def meets(stated: tuple[float, float], computed: tuple[float, float], bound: str = "") -> bool:
    """Does a stated interval agree with a computed one (honouring 'over', 'up to', ...)?"""
    if bound in (">", ">="):
        return computed[1] >= stated[0]
    if bound in ("<", "<="):
        return computed[0] <= stated[1]
    return stated[0] <= computed[1] and computed[0] <= stated[1]


def same_figure(a: Claim, b: Claim, slack: float = 0.0) -> bool:
    """True when two claims can be the same number after rounding (in base units)."""
    ia, ib = base_interval(a.quantity, slack), base_interval(b.quantity, slack)
    low, high = max(ia[0], ib[0]), min(ia[1], ib[1])
    # rounding intervals are half-open: 2T stands for [1.5T, 2.5T), 3T for [2.5T, 3.5T)
    return low < high or (low == high and ia[0] == ia[1] and ib[0] == ib[1])


def base_interval(quantity: Quantity, slack: float = 0.0) -> tuple[float, float]:
    """`interval` in the dimension's base unit, so 0.4 s and 380 ms compare."""
    lo, hi = interval(quantity, slack)
    factor = quantity.base_value() / quantity.value if quantity.value else 1.0
    return lo * factor, hi * factor


_MARKERS = frozenset({"other configuration", "after a stated change"})
_NEUTRAL = frozenset({"before a stated change"})  # the figure a change starts from is the base setting


def _setting_type(setting: str) -> str:
    """What a setting is a value of: 'v1' and 'v2' are versions, '5-shot' and 'zero-shot' shot counts,
    'style removal' and 'object removal' removal tasks."""
    if "-" in setting and not setting.startswith("-"):
        return setting.rsplit("-", 1)[1]
    if any(ch.isdigit() for ch in setting):
        return re.sub(r"\d+", "#", setting)
    return setting.split()[-1]


def settings_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two settings name different values of one thing (v1 vs v2, 5-shot vs 0-shot)?"""
    if (a & _MARKERS) != (b & _MARKERS):
        return True
    types_a = {_setting_type(x): x for x in a - _MARKERS - _NEUTRAL}
    return any(_setting_type(y) in types_a and types_a[_setting_type(y)] != y for y in b - _MARKERS - _NEUTRAL)


def fmt(value: float, decimals: int | None = None) -> str:
    """A computed value written with sensible precision (two decimals at most unless asked)."""
    if decimals is None:
        decimals = 2 if abs(value) < 100 else 1
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def written(claim: Claim) -> str:
    """The figure as written, without words like 'about' or 'up to'."""
    text = claim.text
    return re.sub(r"^(?:~|about|around|approximately|approx\.|roughly|nearly|almost|up to|over|more than|at least|at most|above|below|under)\s*", "", text, flags=re.I)


def label(claim: Claim) -> str:
    """'WoTE (88.3)' or 'the figure 88.3'."""
    name = claim.baseline or claim.subject
    return f"{name} ({written(claim)})" if name else written(claim)
