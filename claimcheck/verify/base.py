"""What every rule shares: the rule registry, the checking context and rounding-aware arithmetic.

Tolerance follows the decimals as written: a figure stands for every value that rounds to it
(2.03 for [2.025, 2.035]), and arithmetic on written figures yields an interval. A stated
figure holds when its interval meets the computed one, so 58% against 58.08% and 2.03x
against 160 s / 78.9 s hold while 6.2 against 90.2 - 88.3 does not.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Iterable

from ..ingest.ranges import Ranges
from ..model import Claim, Document, Evidence, Finding, Quantity

# An approximate figure ("~2x", "about 40%", "halves") is allowed this much relative slack.
APPROX_SLACK = 0.10
_SENTENCE_REACH = 32  # figures on either side of a figure that a rule reads of a very long sentence


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
    unreadable: list = field(default_factory=list)  # NumberReading objects of figures that could not be read
    owners: dict = field(default_factory=dict)  # figure's start -> learned subject, where the rules read none
    # figure's start -> the learned (metric, metric as written, benchmark), where not the rules'
    frames: dict = field(default_factory=dict)
    _source_verdicts: list | None = None
    _usable_sources: list | None = None
    _derived_verdicts: dict | None = None
    _cell_derived: dict | None = None
    # ((table, row, column) -> the document's cell there, table -> its rows in order)
    _cell_grid: tuple | None = None
    _by_sentence: dict[tuple[int, int], list[Claim]] = field(default_factory=dict)
    # look-ups that keep every rule linear in the claims: claims in text order, by the first
    # word of their subject, and by what they could be figures of
    _in_order: list[Claim] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _position: dict[int, int] = field(default_factory=dict)
    _by_subject: dict[str, list[Claim]] = field(default_factory=dict)
    _by_topic: dict[tuple, list[Claim]] = field(default_factory=dict)
    _sentences: list[tuple[int, int]] = field(default_factory=list)
    _baselines: dict | None = None
    _breaks: list[int] | None = None       # offsets of each "\n\n" (overlapping runs included)
    _item_starts: list[int] | None = None  # offsets of the lines that open a list item
    _headings: Ranges | None = None
    _subjects_re: re.Pattern | bool | None = None
    _unframed: list | None = None
    _in_sentence: dict[int, int] = field(default_factory=dict)  # id(claim) -> its place in its sentence's list

    def __post_init__(self) -> None:
        for claim in self.claims:
            figures = self._by_sentence.setdefault(claim.sentence, [])
            self._in_sentence[id(claim)] = len(figures)
            figures.append(claim)
        self._in_order = sorted(self.claims, key=lambda c: c.quantity.start)
        self._starts = [c.quantity.start for c in self._in_order]
        self._position = {id(c): i for i, c in enumerate(self.claims)}
        for claim in self.claims:
            self._by_subject.setdefault(subject_key(claim.subject), []).append(claim)
            for key in _topic_keys(claim):
                self._by_topic.setdefault(key, []).append(claim)

    def baselines_near(self, claim: Claim, low: float, high: float, anchor: Claim | None = None) -> list[Claim]:
        """Compared systems' figures that could be of `claim`'s topic with a value within
        [low, high] widened by their rounding, in document order. Where a topic holds more such
        figures than NEAREST * 4 (one system restated in hundreds of sections), only those nearest
        `anchor` (default `claim`) in the text: taking them all is quadratic in the document."""
        if self._baselines is None:
            self._baselines = {}
            for key, claims in self._by_topic.items():
                figures = sorted((c.value, self.position(c)) for c in claims if c.role == "baseline")
                widest = max((c.quantity.half_step + (c.quantity.high - c.value if c.quantity.high is not None else 0)
                              for c in claims if c.role == "baseline"), default=0.0)
                in_order = sorted((p, v) for v, p in figures)
                self._baselines[key] = ([v for v, _ in figures], [p for _, p in figures], widest,
                                        [p for p, _ in in_order], [v for _, v in in_order])
        found: set[int] = set()
        here = self.position(anchor if anchor is not None else claim)
        for key in _lookup_keys(claim):
            values, positions, widest, doc_positions, doc_values = self._baselines.get(key, _NO_BASELINES)
            lo, hi = low - widest, high + widest
            first, last = bisect_left(values, lo), bisect_right(values, hi)
            if last - first <= 4 * NEAREST:
                found.update(positions[first:last])
            else:
                found.update(_nearest_in_range(doc_positions, doc_values, here, lo, hi))
        return [self.claims[p] for p in sorted(found)]

    def table_row(self, claim: Claim) -> tuple[int, list[Claim]] | None:
        """(where the claim's cell starts, the claims of its table row in text order), or None
        outside a table."""
        cell = self.document.cell_at(claim.quantity.start)
        if cell is None:
            return None
        text = self.document.text
        line_end = text.find("\n", cell.end)
        return cell.start, self.claims_between(text.rfind("\n", 0, cell.start) + 1,
                                               line_end if line_end >= 0 else len(text))

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The sentence of a claim that holds `offset`, or None (the nearest sentences starting
        before it are looked at: sentences do not nest deeply)."""
        if not self._sentences:
            self._sentences = sorted(self._by_sentence)
        index = bisect_right(self._sentences, (offset, float("inf"))) - 1
        for start, end in self._sentences[max(0, index - 8):index + 1][::-1]:
            if start <= offset < end:
                return (start, end)
        return None

    def unframed(self) -> list[Claim]:
        """The figures the reader read without a metric, benchmark or owner, as bare claims of
        their own sentence, in text order: a source cell the sentence names by its row and column
        frames them all the same."""
        if self._unframed is None:
            from ..extract.claims import UNFRAMED
            from ..extract.quantities import scan
            text = self.document.text
            self._unframed = []
            for number in self.unreadable:
                if not number.reason.startswith(UNFRAMED) or self.document.cell_at(number.start) is not None:
                    continue
                found = [q for q in scan(number.text)[0] if q.start == 0]
                if not found:
                    continue
                q = found[0]
                quantity = replace(q, start=number.start + q.start, end=number.start + q.end)
                sentence = self.sentence_at(quantity.start) or _sentence_of(text, quantity.start, quantity.end)
                self._unframed.append(Claim(document=self.document.name, quantity=quantity, kind="score",
                                            line=number.line, column=number.column, sentence=sentence,
                                            page=number.page))
            self._unframed.sort(key=lambda c: c.quantity.start)
        return self._unframed

    def figures_between(self, start: int, end: int) -> list[Claim]:
        """The claims and the unframed figures whose figure starts in [start, end), in text order."""
        unframed = [c for c in self.unframed() if start <= c.quantity.start < end]
        claims = self.claims_between(start, end)
        return sorted(claims + unframed, key=lambda c: c.quantity.start) if unframed else claims

    def position(self, claim: Claim) -> int:
        """Where a claim stands in document order."""
        return self._position[id(claim)]

    def claims_between(self, start: int, end: int) -> list[Claim]:
        """The claims whose figure starts in [start, end), in text order."""
        return self._in_order[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def with_subject(self, subject: str) -> list[Claim]:
        """Claims whose subject could be `subject` (same_subject still decides), in document order."""
        return self._by_subject.get(subject_key(subject), [])

    def compatible_with(self, claim: Claim) -> list[Claim]:
        """Claims that could be figures of what `claim` is a figure of (topics_compatible still
        decides), in document order."""
        keys = _lookup_keys(claim)
        if len(keys) == 1:
            return self._by_topic.get(keys[0], [])
        found = {id(c): c for key in keys for c in self._by_topic.get(key, ())}
        return sorted(found.values(), key=self.position)

    def sentence_claims(self, claim: Claim) -> list[Claim]:
        """The figures of a claim's sentence; in a sentence of more than `_SENTENCE_REACH` * 2
        figures (a list run together, hostile text), the `_SENTENCE_REACH` on either side of it:
        what a figure relates to stands near it, and every rule that looks at its sentence's
        figures stays linear in the sentence."""
        figures = self._by_sentence.get(claim.sentence, [])
        if len(figures) <= 2 * _SENTENCE_REACH:
            return figures
        k = self._in_sentence.get(id(claim))
        if k is None:
            return figures
        return figures[max(0, k - _SENTENCE_REACH):k + _SENTENCE_REACH + 1]

    def figures_before(self, claim: Claim, count: int) -> list[Claim]:
        """The `count` figures of a claim's sentence read right before it, in order (fewer at the
        sentence's start): found by its place, so a sentence of thousands of figures is not scanned
        once per figure."""
        k = self._in_sentence.get(id(claim))
        if k is None:
            return []
        figures = self._by_sentence[claim.sentence]
        return figures[max(0, k - count):k]

    def sentence_text(self, claim: Claim) -> str:
        start, end = claim.sentence
        return self.document.text[start:end]

    def clause_span(self, claim: Claim) -> tuple[int, int]:
        """The part of a claim's sentence between semicolons: figures across a ';' are unrelated."""
        start, end = claim.sentence
        text = self.document.text
        left = text.rfind(";", start, claim.quantity.start)
        right = text.find(";", claim.quantity.end, end)
        return (left + 1 if left >= 0 else start, right if right >= 0 else end)

    def item_of(self, claim: Claim) -> int:
        """Where the list item (or, outside lists, the paragraph) holding a claim starts."""
        start, _ = self.paragraph_span(claim.quantity.start)
        line = self.document.text.rfind("\n", 0, claim.quantity.start) + 1
        if self._item_starts is None:  # every line that opens a list item, found once
            text = self.document.text
            self._item_starts = [s for s in self.document.line_starts if _ITEM.match(text, s)]
        index = bisect_right(self._item_starts, line) - 1
        if index >= 0 and self._item_starts[index] > start:
            return self._item_starts[index]
        return start

    def item_lead(self, claim: Claim) -> str:
        """The label that leads the list item holding a claim ('- Hopper-v3: TQC leads at ...',
        '- **Ant**: ...'), casefolded; empty outside lists or without a label."""
        start = self.item_of(claim)
        m = _ITEM_LEAD.match(self.document.text, start, min(claim.quantity.start, start + 80))
        return m.group("lead").strip().casefold() if m else ""

    def subjects_re(self) -> re.Pattern | None:
        """Any claim's subject as a whole word (longest first), compiled once per document."""
        if self._subjects_re is None:
            names = sorted({c.subject for c in self.claims if c.subject}, key=len, reverse=True)
            self._subjects_re = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])") \
                if names else False
        return self._subjects_re or None

    def in_heading(self, offset: int) -> bool:
        """Does the offset fall on a heading line?"""
        if self._headings is None:  # built once: a scan of every heading per claim is quadratic
            self._headings = Ranges(self.document.headings)
        return self._headings.covers(offset)

    def paragraph_span(self, offset: int) -> tuple[int, int]:
        """The paragraph (text between blank lines) around an offset."""
        text = self.document.text
        if self._breaks is None:  # every blank-line break, found once: a search back per claim is quadratic
            self._breaks = [m.start() for m in re.finditer(r"\n(?=\n)", text)]
        index = bisect_left(self._breaks, offset - 1)  # breaks at or after offset-1 end it
        start = self._breaks[index - 1] + 2 if index > 0 else 0
        # a break "\n\n" starting at offset-1 holds the offset: rfind(0, offset) would not see it
        end_index = bisect_left(self._breaks, offset)
        end = self._breaks[end_index] if end_index < len(self._breaks) else len(text)
        return (start, end)

    def paragraph_claims(self, claim: Claim) -> list[Claim]:
        start, end = self.paragraph_span(claim.quantity.start)
        return self.claims_between(start, end)

    def interval(self, quantity: Quantity) -> tuple[float, float]:
        return interval(quantity, self.slack)

    def figures_of(self, subject: str, like: Claim, exclude: Claim | None = None,
                   dimensions: tuple[str, ...] | None = None) -> list[Claim]:
        """The figures the document states for `subject` in the frame of `like` (same benchmark,
        metric and settings), tables and prose alike: where a margin's or ratio's operands come
        from when its sentence does not state them."""
        if not subject:
            return []
        wanted = dimensions or (like.quantity.dimension,)
        out = []
        named, related = self.with_subject(subject), self.compatible_with(like)
        for c in named if len(named) <= len(related) else related:
            if c is exclude or c.kind in ("delta", "speedup", "setting") or c.quantity.bound:
                continue
            if c.quantity.dimension not in wanted or not same_subject(c.subject, subject):
                continue
            if c.role == "from" or not topics_compatible(c, like) or settings_conflict(c.setting, like.setting):
                continue
            out.append(c)
        return out

    def figure_of(self, subject: str, like: Claim, exclude: Claim | None = None,
                  dimensions: tuple[str, ...] | None = None) -> Claim | None:
        """The one figure the document states for `subject` in `like`'s frame (all its statements
        agree), the most precisely written; None when there is none or they disagree."""
        found = self.figures_of(subject, like, exclude, dimensions)
        if not found or not all(same_figure(found[0], c) for c in found):
            return None
        return max(found, key=lambda c: (c.quantity.decimals, -c.quantity.start))


def claim_at(ctx: Context, start: int, end: int, value: float, kind: str = "count") -> Claim:
    """The claim whose figure starts in [start, end), or a bare one made for that span (a
    finding's anchor where the text states a figure the reading did not take as a claim)."""
    for c in ctx.claims_between(start, end):
        return c
    location = ctx.document.locate(start)
    quantity = Quantity(text=ctx.document.text[start:end], start=start, end=end, value=value, decimals=0)
    return Claim(document=ctx.document.name, quantity=quantity, kind=kind, line=location.line,
                 column=location.column, sentence=(start, end))


_ITEM_LEAD = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+(?:\*\*|__)?(?P<lead>[^:*_\n]{1,60}?)(?:\*\*|__)?\s*:\s")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: from the last stop or line break before it to the next after it."""
    line_start = text.rfind("\n", 0, start) + 1
    left = line_start
    for m in _SENTENCE_END.finditer(text, line_start, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    return left, (m.end() if m else len(text))


_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)]|\d{1,2}/\d{0,2})[ \t]")


def figure_stretch(text: str, claim: Claim) -> str:
    """A figure's own stretch of its sentence, without the figure: between the commas,
    semicolons and 'and' around it (where the column it is a figure of is named)."""
    left, right = stretch_bounds(text, claim)
    return f"{text[left:claim.quantity.start]} {text[claim.quantity.end:right]}"


def stretch_bounds(text: str, claim: Claim) -> tuple[int, int]:
    """Where a figure's own stretch of its sentence (see `figure_stretch`) begins and ends."""
    start, end = claim.sentence
    q = claim.quantity
    left = max(text.rfind(",", start, q.start), text.rfind(";", start, q.start), text.rfind(" and ", start, q.start))
    right = min((i for i in (text.find(",", q.end, end), text.find(";", q.end, end), text.find(" and ", q.end, end))
                 if i >= 0), default=end)
    return max(left, start), right


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
    # a figure written to more digits than a float holds (a results file's 0.6738215488215489)
    # is a point: it is the other where it falls in the other's interval
    if ia[0] == ia[1] or ib[0] == ib[1]:
        point, other = (ia, ib) if ia[0] == ia[1] else (ib, ia)
        return other[0] <= point[0] < other[1] or point[0] == other[0] == other[1]
    low, high = max(ia[0], ib[0]), min(ia[1], ib[1])
    # rounding intervals are half-open: 2T stands for [1.5T, 2.5T), 3T for [2.5T, 3.5T)
    return low < high


def base_interval(quantity: Quantity, slack: float = 0.0) -> tuple[float, float]:
    """`interval` in the dimension's base unit, so 0.4 s and 380 ms compare."""
    lo, hi = interval(quantity, slack)
    factor = quantity.base_value() / quantity.value if quantity.value else 1.0
    return lo * factor, hi * factor


# a stated change of configuration is a setting of its own; the figure a change starts from is
# the base setting, comparable with figures that state no change
_NEUTRAL = frozenset({"condition:before a stated change"})


NEAREST = 48


_NO_BASELINES = ([], [], 0.0, [], [])


def _nearest_in_range(positions: list[int], values: list[float], here: int, low: float, high: float) -> list[int]:
    """Up to NEAREST positions on each side of `here` (document order) whose value lies in
    [low, high], looking at most 8 * NEAREST figures each way: bounded work per look-up."""
    middle = bisect_left(positions, here)
    chosen: list[int] = []
    for step, start, stop in ((-1, middle - 1, max(-1, middle - 1 - 8 * NEAREST)),
                              (1, middle, min(len(positions), middle + 8 * NEAREST))):
        taken = 0
        for i in range(start, stop, step):
            if low <= values[i] <= high:
                chosen.append(positions[i])
                taken += 1
                if taken == NEAREST:
                    break
    return chosen


def nearest(ctx: "Context", claim: Claim, candidates: list[Claim], count: int = NEAREST) -> list[Claim]:
    """The `count` candidates (in document order) nearest to `claim` in the text. A figure is
    related to the statements around it; a document restating one system in hundreds of sections
    would otherwise relate each figure to every restatement (quadratic)."""
    if len(candidates) <= count:
        return candidates
    here = claim.quantity.start  # candidates come in document order: the nearest lie around here
    middle = bisect_left(candidates, here, key=lambda c: c.quantity.start)
    window = candidates[max(0, middle - count):middle + count]
    chosen = {id(c) for c in sorted(window, key=lambda c: abs(c.quantity.start - here))[:count]}
    return [c for c in window if id(c) in chosen]


# setting types that are values of one question: a median ('percentile:p50') and a maximum
# ('statistic:max') are two summaries of one distribution, never one figure
_ONE_TYPE = {"percentile": "statistic"}


def settings_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two settings give one type different values (v1 vs v2, 5-shot vs 0-shot, A100 vs H100)?

    Settings are "type:value" strings; a type named on one side only is no conflict.
    """
    conditions_a = {x for x in a if x.startswith("condition:")} - _NEUTRAL
    conditions_b = {x for x in b if x.startswith("condition:")} - _NEUTRAL
    if conditions_a != conditions_b:
        return True  # an ablation, a stated change or another configuration is another figure
    types_a: dict[str, set[str]] = {}
    for x in a - conditions_a - _NEUTRAL:
        kind, _, value = x.partition(":")
        types_a.setdefault(_ONE_TYPE.get(kind, kind), set()).add(value)
    types_b: dict[str, set[str]] = {}
    for y in b - conditions_b - _NEUTRAL:
        kind, _, value = y.partition(":")
        types_b.setdefault(_ONE_TYPE.get(kind, kind), set()).add(value)
    return any(kind in types_a and not (types_a[kind] & values) for kind, values in types_b.items())


@lru_cache(maxsize=65536)
def _norm_name(name: str) -> str:
    name = re.sub(r"\s*[(\[]\s*ours\s*[)\]]", "", name, flags=re.I)
    return re.sub(r"[\s_-]+", " ", name.casefold()).strip(" *")


def subject_key(name: str) -> str:
    """The first word of a normalised name: names that are the same subject share it."""
    return _norm_name(name).split(" ", 1)[0]


@lru_cache(maxsize=65536)
def _dataset_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name.casefold())


def _metric_family(metric: str) -> str:
    return "speedup" if metric.split(":")[0] == "speedup" else metric


def _topic_keys(claim: Claim, looking: bool = False) -> list[tuple]:
    """Where a claim is filed for `compatible_with` or, `looking`, where it looks: every claim
    topics_compatible with it is filed under one of the keys it looks under. A scale figure is
    filed under ('scale',) and looks there only when it names a metric ('610 problems' is a
    set's size, comparable with any other size)."""
    keys: list[tuple] = []
    if claim.metric:
        keys.append(("metric", _metric_family(claim.metric)))
    if claim.dataset:
        keys.append(("dataset", _dataset_key(claim.dataset)))
    if not claim.metric and not claim.dataset:
        keys.append(("bare", claim.quantity.dimension))
    if claim.kind == "scale" and (claim.metric or not looking):
        keys.append(("scale",))
    return keys


def _lookup_keys(claim: Claim) -> list[tuple]:
    """The keys under which every claim topics_compatible with `claim` is filed."""
    return _topic_keys(claim, looking=True)


def same_subject(a: str, b: str) -> bool:
    """'vLLM' is 'vLLM 0.6' (a version of it); 'iLLaDA-Base' is iLLaDA's; 'LLaDA' is not 'iLLaDA'."""
    a, b = _norm_name(a), _norm_name(b)
    if not a or not b:
        return False
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def metrics_compatible(a: str, b: str) -> bool:
    """One metric: the same id, or a speedup named with its scope and one named without."""
    if a == b:
        return True
    return bool(a and b) and "speedup" in (a, b) and a.split(":")[0] == b.split(":")[0] == "speedup"


def same_dataset(a: str, b: str) -> bool:
    """'PIT' is 'pit'; 'mm_math5k' is 'mm-math5k'."""
    return _dataset_key(a) == _dataset_key(b)


def topics_compatible(a: Claim, b: Claim) -> bool:
    """Could two figures be of one thing: the same benchmark where both name one, the same metric
    where both name one; with one metric unnamed the benchmark must tie them."""
    if a.dataset and b.dataset and not same_dataset(a.dataset, b.dataset):
        return False
    if a.metric and b.metric:
        if a.kind == b.kind == "scale" and "size" in (a.metric, b.metric):
            return True  # "610 problems" is a set's size
        return metrics_compatible(a.metric, b.metric)
    return bool(a.dataset and b.dataset) or (not a.metric and not b.metric and not a.dataset and not b.dataset
                                             and a.quantity.dimension == b.quantity.dimension
                                             and a.quantity.dimension in ("time", "rate", "memory", "money"))


def fmt(value: float, decimals: int | None = None) -> str:
    """A computed value written with sensible precision (two decimals at most unless asked)."""
    if decimals is None:
        decimals = 2 if abs(value) < 100 else 1
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.4g}"  # a figure of thousands of digits is shortened, never printed whole
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_LONGEST_WRITTEN = 40


def digits_written(claim: Claim) -> str:
    """The digits a figure is written with, its uncertainty left out ('71.2±0.4' -> '712')."""
    return re.sub(r"\D", "", claim.quantity.text.split("±")[0])


def written(claim: Claim) -> str:
    """The figure as written, without words like 'about' or 'up to'."""
    text = claim.text
    if len(text) > _LONGEST_WRITTEN:  # a 300-digit figure is named by its ends in messages
        text = f"{text[:16]}…{text[-8:]} ({len(text)} characters)"
    if claim.quantity.scale == 100.0 and re.fullmatch(r"[-+]?0?\.\d+|[01]", text):
        # a results file's fraction read as the percentage a digest quotes: say which
        text = f"{text} (= {fmt(claim.quantity.value)}%)"
    return re.sub(r"^(?:~|about|around|approximately|approx\.|roughly|nearly|almost|up to|over|more than|at least|at most|above|below|under)\s*", "", text, flags=re.I)


def label(claim: Claim) -> str:
    """'WoTE (88.3)' or 'the figure 88.3'."""
    name = claim.baseline or claim.subject
    return f"{name} ({written(claim)})" if name else written(claim)


@lru_cache(maxsize=1)
def _directed_metrics() -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's metric ids (each with a known direction) and the words that give a metric
    written otherwise its direction ('error', 'latency', 'accuracy', 'reward')."""
    from ..lexicon import load_json, load_jsonl
    ids = frozenset(row["id"] for row in load_jsonl("metrics.jsonl") if row.get("type") != "benchmark")
    frames = load_json("frames.json")
    return ids, frozenset(frames["lower_is_better_words"]) | frozenset(frames["higher_is_better_words"])


def direction_known(claim: Claim) -> bool:
    """Is it known which way is better for this figure? Its metric is one the lexicon knows, or
    its words say ('error rate', 'mean reward'), or it is a time, a size in memory or a rate, or
    something marked it lower-is-better, or it is a score on a named benchmark with no other
    metric named. Where it is not known, "leads", "best" and "ahead of"
    say which way the writer reads it: the figures cannot contradict them."""
    if claim.lower_is_better or claim.quantity.dimension in ("time", "memory", "rate") or \
            claim.kind in ("time", "latency", "memory", "throughput", "cost", "speedup"):
        return True
    ids, words = _directed_metrics()
    if claim.metric in ids:
        return True
    if claim.dataset and claim.kind in ("score", "percent") and not claim.metric:
        return True  # a score on a named benchmark: higher is better unless its metric says otherwise
    return bool(set(re.findall(r"[a-z][a-z0-9-]*", (claim.metric_text or claim.metric).lower())) & words)


def system_like(name: str) -> bool:
    """Can a name be a system's, by the learned name typer: not where it is surely (0.7 or more)
    something else. 'MiMo-7B', 'Amazon', 'Random' can; 'LiveCodeBench v5' (a benchmark), 'Chunk
    Size' (a metric), 'Input' (a setting) cannot. Without a model every name can."""
    odds = _type_odds(name)
    return bool(name) and (odds is None or max((v for k, v in odds.items() if k != "subject"), default=0.0) < 0.7)


def measure_like(name: str) -> bool:
    """Is a name surely (0.7 or more) a measure's, by the learned name typer: 'Its LiveBench score
    of', 'Training loss settles near'? Without a model none is."""
    odds = _type_odds(name)
    return odds is not None and odds.get("metric", 0.0) >= 0.7


def _type_odds(name: str) -> dict | None:
    """The learned name typer's odds of a name being a metric's, a benchmark's, a system's or a
    setting's; None without a model (or for no name)."""
    if not name:
        return None
    from ..extract.decide import load_model
    model = load_model()
    typer = model.typer if model is not None else None
    if typer is None:
        return None
    if _TYPED_BY[0] is not typer:  # a model loaded afresh (another file, a test) types names afresh
        _TYPE_ODDS.clear()
        _TYPED_BY[0] = typer
    found = _TYPE_ODDS.get(name)
    if found is None:
        from ..extract.candidates import string_features
        found = typer.probabilities(string_features(name))
        if len(_TYPE_ODDS) > 10_000:
            _TYPE_ODDS.clear()
        _TYPE_ODDS[name] = found
    return found


_TYPE_ODDS: dict[str, dict] = {}
_TYPED_BY: list = [None]  # the typer whose answers _TYPE_ODDS holds (held, so it is not another's)
