"""Arithmetic rules: a stated margin, ratio or percent change against the figures it relates.

The operands of a stated margin, ratio or change are found by the relation the text states,
in this order: a stated change ("from A to B", "B, down from A", "A → B"), a stated pair
("A vs B", "A against B for X"), the subject's and the compared system's figures in the same
sentence, and last the subject's and the compared system's figures anywhere in the document
(a results table, an earlier paragraph) in the same frame: benchmark, metric and settings.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from ..model import Claim, Evidence
from .base import (same_dataset, RULES, Context, divide, fmt, interval, label, meets, nearest, rule, same_subject,
                   settings_conflict, subtract, topics_compatible, written)

_VALUE_KINDS = ("score", "percent", "change", "time", "throughput", "memory", "cost", "scale")
_ADDITIVE = ("plain", "percent", "points", "time", "memory", "money", "rate", "count")


def _value_like(c: Claim) -> bool:
    return c.kind in _VALUE_KINDS and not c.quantity.bound and c.quantity.high is None


# the pair a change states right after it, in parentheses: '0.4 points (63.9 to 63.5)', '+12% (410 -> 460)'
_PAIR_AFTER = re.compile(r"\s*\(\s*(?:from\s+)?$|\s*(?:to|→|->|vs\.?|versus)\s*$", re.I)


def _pair_after(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """The two figures a change's own parenthesis states ('drops by 0.4 points (63.9 to 63.5)'):
    nearer than any 'from A to B' elsewhere in its sentence, and what the change is of."""
    text = ctx.document.text
    after = [c for c in ctx.claims_between(claim.quantity.end, min(claim.sentence[1], claim.quantity.end + 80))][:2]
    if len(after) != 2 or not _PAIR_AFTER.fullmatch(text, claim.quantity.end, after[0].quantity.start) or \
            not _PAIR_AFTER.fullmatch(text, after[0].quantity.end, after[1].quantity.start):
        return None
    if not re.match(r"\s*\)", text[after[1].quantity.end:after[1].quantity.end + 4]) or \
            "(" not in text[claim.quantity.end:after[0].quantity.start]:
        return None
    if after[0].quantity.dimension != after[1].quantity.dimension or not all(map(_value_like, after)):
        return None
    return after[0], after[1]


def change_pair(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """The 'from A to B' (or 'B, down from A', 'A → B') figures a margin or change in the same
    sentence describes; with only 'up from A' stated, B is the subject's figure elsewhere. A pair
    in the change's own parenthesis ('by 0.4 points (63.9 to 63.5)') comes first."""
    own = _pair_after(ctx, claim)
    if own is not None:
        return own
    sentence = ctx.sentence_claims(claim)
    ordered = _in_order(sentence, claim)
    if ordered is not None:
        return ordered
    starts = [c for c in sentence if c.role == "from" and c is not claim and _related(claim, c)]
    ends = [c for c in sentence if c.role == "to" and c is not claim and _related(claim, c)]
    if len(starts) == 1 and len(ends) > 1:
        # "$172,300 at the blended $2.40/GPU-hour, up 8.4% from $158,900": the end is what the start is
        ends = [c for c in ends if c.quantity.dimension == starts[0].quantity.dimension
                and c.quantity.per == starts[0].quantity.per]
    if len(starts) == 1 and len(ends) == 1:
        if starts[0].quantity.per != ends[0].quantity.per and starts[0].quantity.dimension == "money":
            return None  # a price per GPU-hour is no end of a change in total spend
        if _nearer_change(ctx, claim, starts[0], ends[0]):
            return None  # 'X gains 9.6 points, while Y jumps 18.3 points from 36.5 to 54.8': Y's pair
        return starts[0], ends[0]
    if len(starts) == 1 and not ends and claim.subject:
        # the end is the subject's figure as stated now: the start's frame without its conditions
        # ("up from 54.6 last month" is earlier; the table's 56.1 is current)
        current = replace(starts[0], setting=frozenset(x for x in starts[0].setting if not x.startswith("condition:")))
        end = ctx.figure_of(claim.subject, current, exclude=starts[0])
        if end is not None and end.sentence != claim.sentence:
            return starts[0], end
    if not starts and not ends and claim.kind == "delta":
        row = _row_change(ctx, claim)
        if row is not None:
            return row
        if claim.quantity.dimension == "percent":
            return _earlier_change(ctx, claim)
    return None


def _in_order(sentence: list[Claim], claim: Claim) -> tuple[Claim, Claim] | None:
    """The k-th 'from A to B' pair of a sentence for its k-th change, where the sentence states
    two or more pairs and then as many changes, one after another ('lifts X from 30.5% to 37.2%
    and Y from 44.6% to 54.0%, i.e. +6.7 and +9.4 points'): a list read in order, as
    'respectively' would say."""
    figures = sorted(sentence, key=lambda c: c.quantity.start)
    pairs, changes = [], []
    for c in figures:
        if c.role == "from":
            pairs.append([c, None])
        elif c.role == "to" and pairs and pairs[-1][1] is None:
            pairs[-1][1] = c
        elif c.kind in ("delta", "change", "speedup") and c.role not in ("from", "to"):
            changes.append(c)
    if len(pairs) < 2 or len(changes) != len(pairs) or any(end is None for _, end in pairs):
        return None
    if changes[0].quantity.start < pairs[-1][1].quantity.end or claim not in changes:
        return None  # changes interleaved with the pairs are each their own pair's neighbour
    if len({c.quantity.dimension for c in changes}) != 1:
        return None
    start, end = pairs[changes.index(claim)]
    return start, end


def _nearer_change(ctx: Context, claim: Claim, start: Claim, end: Claim) -> bool:
    """Is another change of the sentence (a margin, multiple or percent change) nearer to a 'from A
    to B' pair than this one? The pair is the nearest change's: 'falls from 6.09 to 3.92, a 1.8x
    reduction, and accuracy rises by nearly 9 points' gives 1.8x its operands, not the 9 points."""
    low, high = min(start.quantity.start, end.quantity.start), max(start.quantity.end, end.quantity.end)

    def distance(c: Claim) -> int:
        q = c.quantity
        return max(0, low - q.end, q.start - high)
    own = distance(claim)
    return any(c is not claim and c.kind in ("delta", "speedup", "change") and c.role not in ("from", "to")
               and distance(c) < own for c in ctx.figures_between(*claim.sentence))


def _row_change(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """'| p99 latency | 112 ms | 131 ms | +19 ms (+14.5%) |': a change cell after the two figures
    of its table row, read left to right as before and after."""
    found = ctx.table_row(claim)
    if found is None:
        return None
    cell_start, row = found
    if any(c.kind == "delta" for c in row if c.quantity.start < cell_start):
        # '| 74.6% | +40.2 | 73.5% | +37.7 |': each change follows its own figure and is measured
        # against something the row does not hold
        return None
    row = [c for c in row if c.quantity.start < cell_start and c.kind != "delta" and _value_like(c)]
    if len(row) != 2 or row[0].quantity.dimension != row[1].quantity.dimension:
        return None
    if claim.quantity.dimension not in ("percent", "points") and claim.quantity.dimension != row[0].quantity.dimension \
            and not (claim.quantity.dimension == "plain" and row[0].quantity.dimension in ("plain", "percent")):
        return None
    return row[0], row[1]


_THAT_IS = re.compile(r"[\s>*•→-]*(?:that's|that\s+is|this\s+is|that\s+makes\s+it|which\s+is|it's)\b", re.I)


def _previous_pair(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """'$0.60 per 1M tokens vs $0.90. That's 50% cheaper.': a relative difference whose sentence
    opens by pointing back at the one 'a vs b' pair of the sentence before it."""
    text = ctx.document.text
    start = claim.sentence[0]
    if not _THAT_IS.match(text, start, claim.quantity.start):
        return None
    before = [c for c in ctx.claims_between(max(0, start - 300), start) if c.sentence != claim.sentence]
    if not before:
        return None
    last_sentence = max(c.sentence for c in before)
    figures = [c for c in before if c.sentence == last_sentence and _value_like(c)
               and c.quantity.dimension in ("money", "time", "rate", "memory")]
    if len(figures) != 2 or figures[0].quantity.dimension != figures[1].quantity.dimension:
        return None
    between = text[figures[0].quantity.end:figures[1].quantity.start]
    if not re.search(r"\b(?:vs\.?|versus|against|compared\s+(?:to|with))\s*\S*$", between, re.I):
        return None
    return figures[0], figures[1]


def _earlier_change(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """'on A100: 96 → 172 tokens/s ... That makes it 179% faster on A100': a relative change
    stated after the change it sizes, in its paragraph, tied to it by a setting both name."""
    typed = {x for x in claim.setting if not x.startswith("condition:") and x.split(":")[0] in ("hardware", "gpus")}
    if not typed:
        return None
    before = [c for c in ctx.paragraph_claims(claim) if c.quantity.start < claim.sentence[0] and c.role in ("from", "to")
              and typed <= c.setting]
    starts = [c for c in before if c.role == "from"]
    ends = [c for c in before if c.role == "to"]
    if len(starts) == 1 and len(ends) == 1 and starts[0].sentence == ends[0].sentence \
            and starts[0].quantity.dimension == ends[0].quantity.dimension:
        return starts[0], ends[0]
    return None


def _related(claim: Claim, other: Claim) -> bool:
    """A change's figure and its ends must be of one metric and one benchmark when both name one
    ("from 55.0 to 68.4 on AlphaSet; on BetaSet it adds 8.6 points": two changes)."""
    if claim.dataset and other.dataset and not same_dataset(claim.dataset, other.dataset):
        return False
    if claim.metric and other.metric and claim.metric != other.metric and claim.quantity.dimension != "points":
        if claim.metric_text and not other.metric_text and claim.kind == "delta" and other.role in ("from", "to"):
            return True  # an end's metric read from its unit alone ('98 GB/s': throughput) names no other measure
        return claim.kind != "delta" and other.metric in ("", claim.metric)
    return True


# a clause joined after a figure ('..., and B reaches 57.3'; '; B has 57.3') (bounded: linear)
_NEXT_CLAUSE = re.compile(r"(?:,\s*(?:and|while|whereas|but)|;)\s", re.I)


@lru_cache(maxsize=1)
def _set_against() -> re.Pattern:
    """The words that set what follows against what came before (patterns/frames.json's comparison_words)."""
    from ..lexicon import load_json, phrase_alternation
    return re.compile(r"\b(?:" + phrase_alternation(load_json("frames.json")["comparison_words"]) + r")\b", re.I)


def _in_a_later_clause(text: str, claim: Claim, other: Claim) -> bool:
    """Does a figure stand in a clause joined after the margin's, with no word between that sets
    it against the margin's figure ('D-X tops out at 59.3, a gain of 3.5 points, and D-M reaches
    57.3': 57.3 is another system's figure, not what the gain is measured from)?"""
    if other.quantity.start < claim.quantity.end:
        return False
    between = text[claim.quantity.end:other.quantity.start]
    joined = _NEXT_CLAUSE.search(between)
    return joined is not None and not _set_against().search(between)


def compared_pair(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """(own, other): the subject's figure and the compared system's figure a margin, ratio or
    change relates, from its sentence ('9.8% against Whisper's 12.1%', '(29 ms vs 38 ms)') or,
    when the sentence names the compared system but not its figure, from the document."""
    sentence = [c for c in ctx.sentence_claims(claim) if c is not claim and _value_like(c)]
    dimension_ok = _dimension_filter(claim)
    others = [c for c in sentence if c.role == "baseline" and dimension_ok(c) and _frame_ok(claim, c)
              and (not claim.baseline or same_subject(c.subject, claim.baseline))
              and not _in_a_later_clause(ctx.document.text, claim, c)]
    owns = [c for c in sentence if c.role in ("", "to") and dimension_ok(c) and _frame_ok(claim, c)
            and (not claim.subject or not c.subject or same_subject(c.subject, claim.subject))]
    if others:
        other = min(others, key=lambda c: abs(c.quantity.start - claim.quantity.start))
        same_dimension = [c for c in owns if c.quantity.dimension == other.quantity.dimension or
                          {c.quantity.dimension, other.quantity.dimension} <= {"plain", "percent"}]
        if same_dimension:
            own = min(same_dimension, key=lambda c: abs(c.quantity.start - claim.quantity.start))
            return own, other
        if not owns and claim.subject:
            # "It leads the strongest baseline by 5.1 points (TrackNet 68.2)": its own score is stated before
            own = ctx.figure_of(claim.subject, other)
            if own is not None and own.quantity.start < claim.quantity.start:
                return own, other
    if not others and claim.kind == "delta":
        contrast = _contrast_pair(ctx, claim, lambda c: _value_like(c) and dimension_ok(c) and _frame_ok(claim, c))
        if contrast is not None:
            return contrast
    if not others and not owns and claim.kind == "delta" and claim.quantity.dimension == "percent":
        previous = _previous_pair(ctx, claim)
        if previous is not None:
            return previous
    if not others and claim.kind == "delta":
        # "67% less peak memory than FP16 (13.1 GB vs 21.9 GB)": the pair right after it, own side first
        pair = _explicit_pair(ctx, claim, [c for c in sentence if dimension_ok(c) and _frame_ok(claim, c)])
        if pair is not None and re.fullmatch(r"\s*(?:vs\.?|versus|against)\s*", ctx.document.text[
                pair[0].quantity.end:pair[1].quantity.start], re.I):
            return pair  # a comparison; '(0.412 to 0.470)' is a change, read by change_pair
    if not claim.baseline or not claim.subject:
        return None
    # the compared system is named but its figure is stated elsewhere (a table): look both up
    like = others[0] if others else (owns[0] if owns else None)
    # looked up elsewhere, a figure is of the change's measure only when it names the same one
    # ("40% fewer FLOPs than Skua" is not about the latencies stated before it)
    templates = [like] if like is not None else _distinct_frames(
        [c for c in ctx.with_subject(claim.subject) if c.subject and _value_like(c)
         and same_subject(c.subject, claim.subject) and _frame_ok(claim, c)
         and dimension_ok(c) and (not claim.metric or c.metric)
         and (not claim.dataset or same_dataset(c.dataset, claim.dataset))])
    found = []
    for template in templates:
        own = ctx.figure_of(claim.subject, template)
        other = ctx.figure_of(claim.baseline, template)
        if own is not None and other is not None and own is not other:
            if like is not None:
                return own, other
            found.append((own, other))
    # with no figure in the sentence to say which frame, several frames give several pairs: none is it
    differences = {round(own.quantity.base_value() - other.quantity.base_value(), 9) for own, other in found}
    return found[0] if len(differences) == 1 else None


_CONTRAST = re.compile(r"\b(?:while|whereas|where|but|against|compared\s+(?:with|to)|and)\b", re.I)
_CHANGE_RIGHT_AFTER = re.compile(r"\s*,\s*(?:or\s+|i\.e\.\s*|that\s+is\s+)?(?:an?\s+)?"
                                 r"(?:(?:gain|improvement|increase|drop|decrease|lead|margin|difference|gap|jump|boost|"
                                 r"rise|fall|reduction|saving|cut)\s+of\s+)?(?:about\s+|roughly\s+|nearly\s+|some\s+|~\s*)?"
                                 r"[+-]?$", re.I)


_DECREASE_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(?:saving|savings|reduction|cut|drop|decrease|decline|less|fewer|lower|"
                             r"smaller|cheaper|shorter)\b", re.I)


def _two_before(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """The two figures of a claim's sentence right before it, in order."""
    two = ctx.figures_before(claim, 2)
    return (two[0], two[1]) if len(two) == 2 and two[1].quantity.end <= claim.quantity.start else None


def _contrast_pair(ctx: Context, claim: Claim, usable) -> tuple[Claim, Claim] | None:
    """(own, other) for 'A scores 68.6 where B gets 28.1, a 144% relative jump': the two figures
    right before the change, of two named systems set against each other (`usable` says which
    figures a change of this kind can relate)."""
    text = ctx.document.text
    two = _two_before(ctx, claim)
    if two is None or not all(usable(c) for c in two):
        return None
    a, b = two
    if a.role or b.role or not b.subject or (a.subject and same_subject(a.subject, b.subject)):
        return None
    between = text[a.quantity.end:b.quantity.start]
    if len(between) > 80 or not _CONTRAST.search(between) or b.subject not in between:
        return None  # the second system is named between the two figures: 'where B gets'
    if not _CHANGE_RIGHT_AFTER.fullmatch(text, b.quantity.end, claim.quantity.start):
        return None
    # the change is of the larger figure over the smaller ('a 4.2-point gain', 'a 144% jump'), or
    # for a saving or a cut, of the smaller against the larger ('..., a 59% saving')
    low, high = sorted((a, b), key=lambda c: c.quantity.base_value())
    return (low, high) if _DECREASE_AFTER.match(text, claim.quantity.end) else (high, low)


def _distinct_frames(templates: list[Claim]) -> list[Claim]:
    """The first of each set of templates that look figures up in one frame: `figure_of` reads
    only a template's metric, benchmark, kind, dimension and settings, so the rest repeat it."""
    seen, out = set(), []
    for t in templates:
        key = (t.metric, t.dataset, t.kind, t.quantity.dimension, t.setting)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _dimension_filter(claim: Claim):
    """Which operand figures a stated change can be of: a margin in points of scores, in ms of
    times; a ratio or a relative change of any one dimension."""
    dimension = claim.quantity.dimension
    if claim.kind == "speedup" or dimension in ("percent", "fraction") and claim.kind == "delta":
        return lambda c: c.quantity.dimension in _ADDITIVE
    if dimension in ("plain", "points"):
        return lambda c: c.quantity.dimension in ("plain", "percent")
    return lambda c: c.quantity.dimension == dimension


def _frame_ok(claim: Claim, other: Claim) -> bool:
    """An operand is of the stated change's metric and benchmark when both name them, under
    settings that do not differ (p50 is not p99)."""
    if claim.dataset and other.dataset and not same_dataset(claim.dataset, other.dataset):
        return False
    if settings_conflict(claim.setting - _CHANGE_MARKS, other.setting - _CHANGE_MARKS):
        return False
    if claim.metric and other.metric and claim.kind != "speedup":
        return topics_compatible(claim, other) or claim.metric == other.metric
    return True


_CHANGE_MARKS = frozenset({"condition:before a stated change", "condition:after a stated change"})


def _fraction_points(stated: Claim, a: Claim, b: Claim) -> float:
    """Rates written as fractions (0.71 and 0.58) with a margin in points (13): scale by 100."""
    if stated.quantity.dimension == "points" or (stated.quantity.dimension == "plain" and abs(stated.value) >= 1):
        if all(c.quantity.dimension == "plain" and 0 <= abs(c.value) <= 1 and c.quantity.decimals >= 2 for c in (a, b)):
            return 100.0
    return 1.0


@rule("CC101", "margin-mismatch", "arithmetic")
def check_margins(ctx: Context):
    """Margin against the figures it relates.

    What it checks: a stated margin ("beats WoTE (88.3) by 6.2 points", "from 71.2 to 74.0,
    a 2.6-point gain", "improved by 90 ms, from 410 ms to 330 ms", "17.4 GB lower than SGLang")
    against the difference of its two figures: the ends of a stated change, a stated pair, or
    the subject's and the compared system's figures in the same frame anywhere in the document
    (a results table included). Margins in points, ms, GB, tokens or dollars alike; rates
    written as fractions (0.71 vs 0.58) take a margin in points as hundredths.
    Why it matters: a margin computed against the wrong baseline is the most common slip in
    digests, and readers repeat margins rather than scores.
    Example: "PDMS 90.2 ... 6.2 points over the nearest baseline (WoTE 88.3)": 90.2 - 88.3 = 1.9.
    How to fix: restate the margin as computed, or name the baseline it was computed against.
    """
    self = RULES["CC101"]
    for delta in ctx.claims:
        if delta.kind != "delta" or delta.quantity.dimension in ("percent", "fraction"):
            continue
        pair = change_pair(ctx, delta) or _headroom(ctx, delta)
        if pair:
            start, end = pair
            first, second = end, start
            operands = (start, end)
        else:
            compared = compared_pair(ctx, delta)
            if compared is None:
                continue
            own, other = compared
            operands = (own, other)
            first, second = own, other
        if {first.quantity.dimension, second.quantity.dimension} - {"plain", "percent"} and \
                first.quantity.dimension != second.quantity.dimension:
            continue
        scale = _fraction_points(delta, first, second)
        low, high = subtract(_base(first), _base(second))
        factor = _to_unit(delta, first)
        computed = (low * scale / factor, high * scale / factor)
        value = (first.quantity.base_value() - second.quantity.base_value()) * scale / factor
        stated = ctx.interval(delta.quantity)
        if meets(_abs_interval(stated), _abs_interval(computed), delta.quantity.bound):
            continue
        formula = f"{written(first)} - {written(second)}"
        message = f"stated margin {written(delta)}, computed {formula} = {fmt(value)}"
        evidence = [Evidence.of(c) for c in operands]
        if not pair:
            message += f" ({operands[0].subject or 'the subject'} {written(operands[0])} against {label(operands[1])})"
            alternative = _other_baseline(ctx, delta, operands[0])
            if alternative is not None:
                message += f"; {written(delta)} is the margin over {label(alternative)} instead"
                evidence.append(Evidence.of(alternative, note="the baseline the stated margin fits"))
        yield self.finding(delta, message, evidence, expected=round(abs(value), 6))


_HEADROOM = re.compile(r"\s*(?:to\s+spare|of\s+(?:headroom|slack)|(?:of\s+)?room\s+(?:left|to\s+spare)|"
                       r"left\s+(?:over|under|below|before))\b", re.I)
_LIMIT = re.compile(r"\b(?:limit|budget|cap|ceiling|quota|maximum|max|capacity|target|SLO|deadline)\b", re.I)


def _headroom(ctx: Context, delta: Claim) -> tuple[Claim, Claim] | None:
    """(usage, limit) for 'peak memory is 38 GB, leaving 12 GB to spare under the 48 GB limit':
    the gap to a limit is the limit minus what is used."""
    text = ctx.document.text
    if not _HEADROOM.match(text, delta.quantity.end):
        return None
    figures = [c for c in ctx.sentence_claims(delta) if c is not delta and _value_like(c)
               and c.quantity.dimension == delta.quantity.dimension]
    if len(figures) != 2:
        return None
    near_limit = [c for c in figures if _LIMIT.search(text, c.quantity.end, c.quantity.end + 16)
                  or _LIMIT.search(text, max(0, c.quantity.start - 16), c.quantity.start)]
    limit = near_limit[0] if len(near_limit) == 1 else max(figures, key=lambda c: c.quantity.base_value())
    usage = figures[0] if figures[1] is limit else figures[1]
    return usage, limit


def _base(claim: Claim) -> tuple[float, float]:
    """A figure's interval in its dimension's base unit (seconds, bytes), so 0.4 s meets 380 ms."""
    lo, hi = interval(claim.quantity)
    factor = claim.quantity.base_value() / claim.value if claim.value else 1.0
    return lo * factor, hi * factor


def _to_unit(stated: Claim, operand: Claim) -> float:
    """The factor from base units to the stated figure's own unit ('by 90 ms': milliseconds)."""
    q = stated.quantity
    if q.dimension in ("time", "memory", "length") and q.value:
        return q.base_value() / q.value
    return 1.0


def _other_baseline(ctx: Context, delta: Claim, own: Claim) -> Claim | None:
    """A compared system's figure in the same frame whose margin the stated figure does fit."""
    stated = ctx.interval(delta.quantity)
    reach = max(abs(stated[0]), abs(stated[1])) + (interval(own.quantity)[1] - interval(own.quantity)[0])
    for c in nearest(ctx, delta, ctx.baselines_near(own, own.value - reach, own.value + reach, anchor=delta)):
        if c.role == "baseline" and c is not own and topics_compatible(c, own) and c.subject != own.subject \
                and c.quantity.dimension == own.quantity.dimension:
            computed = subtract(interval(own.quantity), interval(c.quantity))
            if meets(_abs_interval(stated), _abs_interval(computed)):
                return c
    return None


@rule("CC102", "ratio-mismatch", "arithmetic")
def check_ratios(ctx: Context):
    """Speedup, reduction or multiple against the two figures it relates.

    What it checks: a stated ratio ("2.03x wall-clock reduction", "3x faster", "1.4× the SFT
    mean (61.8 vs 35.2)", "a model 70× smaller", "twice the 1.5 million hours") against the
    quotient of its two figures: two figures of one dimension in its sentence (times,
    throughputs, sizes, scores, costs), or the subject's and the compared system's figures in
    the frame the ratio names (speed: latency or throughput; size: parameters) anywhere in the
    document. Word multipliers (twice, halves, an order of magnitude) get honest slack.
    Why it matters: headline speedups are quoted everywhere; a ratio that its own figures do
    not give is a wrong headline.
    Example: "78.9 s versus 160 s, a 2.3x speedup": 160 / 78.9 = 2.03.
    How to fix: state the ratio the figures give, or the configuration the ratio belongs to.
    """
    self = RULES["CC102"]
    for ratio in ctx.claims:
        if ratio.quantity.dimension != "ratio" or ratio.quantity.high is not None:
            continue
        operands = operands_for_ratio(ctx, ratio)
        if operands is None:
            continue
        small, large = operands
        agrees = _quotient_agrees(ctx, ratio, small, large)
        if agrees is None or agrees:
            continue
        value = large.quantity.base_value() / small.quantity.base_value()
        if _far_apart(ratio.value, value, ratio.quantity.word):
            # "1.3×" against 15,059× computed, "11×" against 1.9: the figures read are not the
            # ones it relates (a factor of a unit step, 1000 or 60, is a unit slip and stays)
            continue
        if ratio.quantity.word:
            yield _word_finding(self, ratio, small, large, ratio.value, value)
            continue
        message = f"stated {written(ratio)}, computed {written(large)} / {written(small)} = {fmt(value)}×"
        yield self.finding(ratio, message, [Evidence.of(large), Evidence.of(small)], expected=round(value, 6))
    yield from _shares(ctx, self)


def _quotient_agrees(ctx: Context, ratio: Claim, small: Claim, large: Claim) -> bool | None:
    """Does a stated multiple give the quotient of two figures, either way round ("0.5x the
    latency"), with the rounding of all three? None where the quotient is undefined."""
    computed = divide(_base(large), _base(small))
    if computed is None:
        return None
    stated = ctx.interval(ratio.quantity)
    inverse = (1 / computed[1], 1 / computed[0])
    return meets(stated, computed, ratio.quantity.bound) or meets(stated, inverse, ratio.quantity.bound)


def _word_finding(self, stated: Claim, small: Claim, large: Claim, multiple: float, actual: float):
    """A multiple said in words ('an order of magnitude', 'roughly half') that its figures do not
    give. Words have no digits to correct, so the finding stands on the figure that would have to
    change (the subject's, else the later one), with the value the words would give it."""
    ends = [c for c in (small, large) if c.role == "to"]
    anchor = ends[0] if ends else next((c for c in (small, large) if c.role != "baseline" and c.subject == stated.subject),
                                       None) or max((small, large), key=lambda c: c.quantity.start)
    word = stated.quantity.text
    if anchor.quantity.scale != 1.0:
        # a figure written with a scale word ('2.4 million') keeps the finding on the words:
        # the words' value is what a reader compares with the figures
        return self.finding(stated, f"stated '{word}' ({fmt(multiple, 3)}×), computed {written(large)} / "
                            f"{written(small)} = {fmt(actual)}×", [Evidence.of(large), Evidence.of(small)],
                            expected=round(actual, 6))
    if anchor is small:
        would = large.quantity.value / multiple * (large.quantity.base_value() / large.quantity.value) \
            / (small.quantity.base_value() / small.quantity.value)
    else:
        would = small.quantity.value * multiple * (small.quantity.base_value() / small.quantity.value) \
            / (large.quantity.base_value() / large.quantity.value)
    return self.finding(anchor, f"'{word}' ({fmt(multiple, 3)}×) relates {written(large)} and {written(small)}, "
                        f"but {written(large)} / {written(small)} = {fmt(actual)}×; '{word}' would make it "
                        f"{fmt(would)}", [Evidence.of(stated), Evidence.of(small if anchor is large else large)],
                        expected=round(would, 6))


def _shares(ctx: Context, self):
    """'1,850 GPU-hours vs 2,400, roughly half the compute': a fraction word that names one
    figure as a share of the other must be their quotient."""
    text = ctx.document.text
    for share in ctx.claims:
        if share.kind != "fraction" or share.quantity.dimension != "fraction" or share.quantity.bound:
            continue
        if not re.match(r"\s+(?:of\s+)?(?:the|its|their|that)\b", text[share.quantity.end:share.quantity.end + 12]):
            continue  # only "half the compute", "a third of the memory": a share of a whole
        operands = operands_for_ratio(ctx, share)
        if operands is None:
            continue
        small, large = operands
        computed = divide(_base(small), _base(large))
        # "a third", "half": words, so as loose as any approximation
        if computed is None or meets(ctx.interval(replace(share.quantity, approx=True)), computed):
            continue
        value = small.quantity.base_value() / large.quantity.base_value()
        yield _word_finding(self, share, small, large, 1 / share.value, 1 / value)


_RATIO_DIMENSIONS = ("time", "rate", "memory", "count", "money", "plain", "percent")
# what a named ratio compares, in the figures a document states for each system
_RATIO_FRAMES = {"size": ("count",), "cost": ("money", "count", "time", "plain"), "memory": ("memory",), "compute": ("count", "time", "plain"),
                 "speedup": ("time", "rate"), "throughput": ("rate",), "latency": ("time",),
                 "ratio": _RATIO_DIMENSIONS}


_COUNTED_MULTIPLE = re.compile(r"\s*(?:fewer|more|less)\s+(?:[a-z-]+\s+)?(?:params|parameters|tokens|GPUs|FLOPs|steps|"
                               r"samples|examples|images|layers|experts|nodes|calls|queries|requests|lines)\b", re.I)


def operands_for_ratio(ctx: Context, ratio: Claim) -> tuple[Claim, Claim] | None:
    """(smaller, larger): two figures of one dimension the ratio relates."""
    described = _described_comparand(ctx, ratio)
    what = ratio.metric.split(":")[0]
    allowed = _RATIO_FRAMES.get(what, _RATIO_DIMENSIONS)
    counted = _COUNTED_MULTIPLE.match(ctx.document.text, ratio.quantity.end)
    if counted:  # "4.7× fewer params", "3× more tokens": a multiple of a count, never of two scores
        allowed = tuple(d for d in allowed if d not in ("plain", "percent")) or ("count",)
    measured = _figure_before(ctx, ratio)
    rival_named = False
    if measured is not None and what in ("ratio", "speedup"):
        # "the fastest at 141 tokens/s, 2.7× Halcyon": a multiple of the figure it follows
        allowed = (measured.quantity.dimension,)
        # ... of the system named right after it: another figure of the measured system ('and
        # compresses at 700 MB/s') is not what it is a multiple of
        rival_named = _NAMED_AFTER_MULTIPLE.match(ctx.document.text, ratio.quantity.end) is not None
    clause = ctx.clause_span(ratio)
    # (a contrast after the multiple opens another clause: '..., a 4.1x gain, while latency rises ...')
    contrast = _CONTRAST_CLAUSE.search(ctx.document.text, ratio.quantity.end, clause[1])
    if contrast is not None:
        clause = (clause[0], contrast.start())
    sentence = [c for c in ctx.sentence_claims(ratio) if c is not ratio and _value_like(c) and c.value > 0
                and c.quantity.dimension != "ratio" and c.quantity.dimension in allowed
                and clause[0] <= c.quantity.start < clause[1]
                # 'about 20 times the one-way latency': a multiple of a quantity named after it
                # relates nothing stated after it
                and not (described and not described[0] <= c.quantity.start < ratio.quantity.start)
                # a benchmark's score is no cost, size or compute ("1.6× cheaper ... (63.1 vs 63.4 MMLU)")
                and not (what in ("cost", "compute", "size", "memory") and c.dataset and c.quantity.dimension == "plain")
                and not (rival_named and c is not measured and c.subject and c.subject == measured.subject)]
    pair = _explicit_pair(ctx, ratio, sentence) or _pair_before(ctx, ratio, sentence) or _row_pair(ctx, ratio, allowed)
    if pair is None:
        for dimension in _RATIO_DIMENSIONS:
            if dimension not in allowed:
                continue
            same = [c for c in sentence if c.quantity.dimension == dimension]
            if dimension in ("plain", "percent") and not all(c.metric == same[0].metric for c in same):
                continue
            if len(same) == 2 and all(c.role == "baseline" for c in same):
                # two compared systems' figures ('beats A (83.8%) ... and B (54.2%)'): neither is the subject's
                continue
            if len(same) == 2 and (dimension not in ("plain", "percent", "count") or _paired(ctx, same)) \
                    and not _third_party(ratio, same):
                pair = (same[0], same[1])
                break
    if pair is None and not described:
        pair = _looked_up(ctx, ratio)
    if pair is None:
        return None
    a, b = pair
    return (a, b) if a.quantity.base_value() <= b.quantity.base_value() else (b, a)


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\b", re.I)
_CONTRAST_CLAUSE = re.compile(r",\s+(?:but|while|whereas)\b", re.I)
_DESCRIBED = re.compile(r"\s*(?:times\s+|x\s+|×\s+)?(?:the|its|their|what)\s+[a-z]", re.I)


def _described_comparand(ctx: Context, ratio: Claim) -> tuple[int] | None:
    """'about 20 times the one-way network latency', '2.5x what was measured with X', 'half the
    compute': the multiple is of a quantity the phrase after it names without a figure, stated
    before it in its own clause or nowhere. (where that clause opens,) or None."""
    text = ctx.document.text
    if not _DESCRIBED.match(text, ratio.quantity.end):
        return None
    depth, i, end = 0, ratio.quantity.end, min(ratio.sentence[1], ratio.quantity.end + 120)
    while i < end:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif ch in ",;" and depth == 0:
            break
        elif ch.isdigit():
            return None  # '3x the throughput of vLLM (1,200 tok/s)': the comparand's figure is stated
        i += 1
    # where the multiple's own clause opens: its operands stand there, before it
    start = ratio.sentence[0]
    for m in _CLAUSE_BREAK.finditer(text, ratio.sentence[0], ratio.quantity.start):
        start = m.end()
    return (start,)


# a name right after a multiple ('2.7× Halcyon', '2.5x zstd -1'), not a comparative, a noun of
# what is multiplied or a function word
_NAMED_AFTER_MULTIPLE = re.compile(
    r"\s+(?!(?:faster|slower|quicker|more|less|fewer|higher|lower|better|worse|larger|smaller|bigger|cheaper|the|its|"
    r"their|our|what|that|this|over|than|vs|versus|speedup|speed-up|improvement|reduction|increase|gain|boost|"
    r"as|in|on|at|for|with|of|and|or|to|from|by|per|across|overall|end-to-end)\b)[A-Za-z][\w.+-]*", re.I)


def _figure_before(ctx: Context, ratio: Claim) -> Claim | None:
    """The figure a multiple directly follows, joined by a comma ('141 tokens/s, 2.7× Halcyon')."""
    before = [c for c in ctx.sentence_claims(ratio) if c.quantity.end <= ratio.quantity.start]
    if not before:
        return None
    last = max(before, key=lambda c: c.quantity.end)
    gap = ctx.document.text[last.quantity.end:ratio.quantity.start]
    if re.fullmatch(r",\s*(?:or\s+|i\.e\.\s*|about\s+|~)?", gap) and last.quantity.dimension in ("time", "rate", "memory", "money"):
        return last
    return None


def _row_pair(ctx: Context, ratio: Claim, allowed: tuple[str, ...]) -> tuple[Claim, Claim] | None:
    """A speedup cell and the two times or rates of its table row ('| A100 | 2,940 | 3,610 | 1.32× |')."""
    found = ctx.table_row(ratio)
    if found is None:
        return None
    row = [c for c in found[1] if c is not ratio and _value_like(c) and c.value > 0
           and c.quantity.dimension in ("time", "rate", "memory", "money") and c.quantity.dimension in allowed]
    dimensions = {c.quantity.dimension for c in row}
    if len(row) == 2 and len(dimensions) == 1 and _column_relation_holds(ctx, ratio, row[0], row[1]):
        return row[0], row[1]
    return None


_VOTERS = 10  # rows on either side of a multiple's row that say what its column computes


def _column_relation_holds(ctx: Context, ratio: Claim, a: Claim, b: Claim) -> bool:
    """Is the multiple's column the quotient of the two operands' columns in the table's other
    rows? A column of multiples is often of something else (over a baseline row, over a column
    the table does not show), so one row's quotient says nothing alone: the other rows holding
    all three columns vote, and the relation holds where at least one agrees and no more
    disagree than agree (as `table_columns` reads a computed column from the rows that obey it).
    A table of one such row has no other to vote: the row stands alone."""
    document = ctx.document
    cells = [document.cell_at(c.quantity.start) for c in (ratio, a, b)]
    if any(c is None for c in cells) or len({c.table for c in cells}) != 1:
        return True
    table, here, columns = cells[0].table, cells[0].row, tuple(c.column for c in cells)
    if ctx._cell_grid is None:  # filed once per document: every multiple of a long table looks up its rows
        grid: dict = {}
        rows_of: dict = {}
        for cell in document.cells:
            grid[(cell.table, cell.row, cell.column)] = cell
            rows_of.setdefault(cell.table, set()).add(cell.row)
        ctx._cell_grid = (grid, {t: sorted(rows) for t, rows in rows_of.items()})
    grid, rows_of = ctx._cell_grid
    rows = rows_of[table]
    # the rows nearest the multiple's vote (a bounded number: a long table's every multiple
    # would otherwise read the whole table)
    k = bisect_left(rows, here)
    near = rows[max(0, k - _VOTERS):k] + rows[k + 1:k + 1 + _VOTERS]
    agree = disagree = 0
    for row in near:
        figures = []
        for column in columns:
            cell = grid.get((table, row, column))
            found = ctx.claims_between(cell.start, cell.end) if cell is not None else []
            if len(found) != 1 or found[0].value <= 0:
                break
            figures.append(found[0])
        if len(figures) != 3:
            continue
        stated, x, y = figures
        agrees = _quotient_agrees(ctx, stated, *sorted((x, y), key=lambda c: c.quantity.base_value()))
        if agrees is not None:
            agree, disagree = (agree + 1, disagree) if agrees else (agree, disagree + 1)
    return agree == disagree == 0 or agree >= 1 and agree >= disagree


def _third_party(ratio: Claim, figures: list[Claim]) -> bool:
    """Whether a figure belongs to neither side of a ratio that names both ('3.5× cheaper than B,
    though C is the cheapest at $0.05': C's figure is not an operand)."""
    if not ratio.subject or not ratio.baseline:
        return False
    return any(c.subject and c.attribution not in ("section", "document") and not same_subject(c.subject, ratio.subject)
               and not same_subject(c.subject, ratio.baseline) for c in figures)


def _explicit_pair(ctx: Context, ratio: Claim, sentence: list[Claim]) -> tuple[Claim, Claim] | None:
    """'(61.8 vs 35.2)', 'from 64 GB to 6 GB' right after the ratio."""
    after = [c for c in sentence if c.quantity.start > ratio.quantity.end]
    if len(after) >= 2:
        a, b = after[0], after[1]
        between = ctx.document.text[a.quantity.end:b.quantity.start]
        lead = ctx.document.text[ratio.quantity.end:a.quantity.start]
        if re.fullmatch(r"\s*(?:vs\.?|versus|to|→|->|and|against)\s*", between, re.I) and len(lead) < 60 \
                and a.quantity.dimension == b.quantity.dimension and not re.search(r"[):;]", lead) \
                and not _CLAUSE_BREAK.search(lead):
            # (not past a clause of its own: '..., a 4.1x gain, while latency rises from 2.1 ms to 8.12 ms')
            return a, b
    return None


_PAIR_LINK = re.compile(r"\s*(?:vs\.?|versus|to|→|->|against)\s*", re.I)
_MULTIPLE_LEAD = re.compile(r"[,(]?\s*(?:or\s+|i\.e\.\s*|that\s+is\s+|which\s+is\s+|for\s+)?(?:roughly\s+|about\s+|around\s+|nearly\s+|"
                            r"almost\s+|over\s+|some\s+|~\s*)?(?:an?\s+)?", re.I)
_MULTIPLE_OF_ANOTHER = re.compile(r"\s*(?:[a-z-]+\s+){0,2}?(?:than|over|of|versus|vs\.?)\b", re.I)


def _pair_before(ctx: Context, ratio: Claim, sentence: list[Claim]) -> tuple[Claim, Claim] | None:
    """'from 25 to 258, roughly a 10x gain', '160 s vs 78.9 s, a 2x speedup': the two linked
    figures the multiple directly follows are what it relates, whatever other figures of that
    dimension its sentence holds ('at 4096 tokens', a second pair before it)."""
    text = ctx.document.text
    two = _two_before(ctx, ratio)  # (no other figure, of any dimension, between the pair and the multiple)
    usable = {id(c) for c in sentence}
    if two is None or not all(id(c) in usable for c in two):
        return None
    a, b = two
    if a.quantity.dimension != b.quantity.dimension or not _PAIR_LINK.fullmatch(text, a.quantity.end, b.quantity.start):
        return None
    if not _MULTIPLE_LEAD.fullmatch(text, b.quantity.end, ratio.quantity.start):
        return None
    if _MULTIPLE_OF_ANOTHER.match(text, ratio.quantity.end):
        return None  # '..., 3x slower than Falcon': a multiple of another system's figure
    return a, b


def _paired(ctx: Context, figures: list[Claim]) -> bool:
    """Two scores or counts are a ratio's operands when the text relates them: a change, a
    pair, or one owned by a compared system."""
    a, b = figures
    between = ctx.document.text[a.quantity.end:b.quantity.start]
    return bool({a.role, b.role} & {"from", "to", "baseline"}) or bool(
        re.search(r"\b(?:vs\.?|versus|than|against|the|of)\b", between, re.I))


def _looked_up(ctx: Context, ratio: Claim) -> tuple[Claim, Claim] | None:
    """'1.5× the throughput of vLLM', 'a model 70× smaller': the subject's and the compared
    system's figures in the frame the ratio names, from anywhere in the document."""
    if not ratio.subject or not ratio.baseline or same_subject(ratio.subject, ratio.baseline):
        return None
    what = ratio.metric.split(":")[0]
    dimensions = _RATIO_FRAMES.get(what)
    if dimensions is None or what == "ratio":
        return None  # a plain multiple names no frame to look figures up in
    found = []
    named = {id(c): c for name in (ratio.subject, ratio.baseline) for c in ctx.with_subject(name)}
    templates = []
    for template in sorted(named.values(), key=ctx.position):
        if template.quantity.dimension not in dimensions or template.kind in ("delta", "speedup", "setting"):
            continue
        if not same_subject(template.subject, ratio.subject) and not same_subject(template.subject, ratio.baseline):
            continue
        if what == "size" and template.metric not in ("parameters", "size"):
            continue
        if what in ("throughput", "latency") and template.metric != what:
            continue
        templates.append(template)
    named_metric = [t for t in templates if t.metric == what]
    if named_metric:  # "3.5× cheaper": the costs, not the times the same systems are also given
        templates = named_metric
    for template in _distinct_frames(templates):
        own = ctx.figure_of(ratio.subject, template)
        other = ctx.figure_of(ratio.baseline, template)
        if own is not None and other is not None and own is not other and own.value > 0 and other.value > 0:
            if settings_conflict(own.setting, other.setting):
                continue
            found.append((own, other))
    quotients = {round(own.quantity.base_value() / other.quantity.base_value(), 3) for own, other in found}
    return found[0] if len(quotients) == 1 else None  # several frames give several ratios: not one figure


@rule("CC103", "percent-change-mismatch", "arithmetic", severity="error")
def check_percent_changes(ctx: Context):
    """Percent change against the figures it relates: the base, relative versus absolute.

    What it checks: a change stated in percent ("from 50% to 60%, a 20% relative gain", "24%
    lower than vLLM (29 ms vs 38 ms)", "down 30% from 3.4") must be the relative change from
    the figure it starts from, (B - A) / A; one that fits (B - A) / B instead is reported as
    using the wrong base; one that only fits the absolute difference of two percentages is
    reported as points written as percent (a warning); a change in points must be B - A.
    Why it matters: "10% better" for 50% -> 60% understates a 20% relative gain, and a drop
    computed on the new value overstates it.
    Example: "throughput fell from 18,600 to 15,900 tok/s, a 17% drop": (18,600 - 15,900) /
    18,600 = 14.5%; 17% divides by the new value.
    How to fix: divide by the starting figure; write percentage points (pp) for absolute
    differences of percentages.
    """
    self = RULES["CC103"]
    for change in ctx.claims:
        dimension = change.quantity.dimension
        if change.kind != "delta" or dimension not in ("percent", "points", "fraction"):
            continue
        pair = change_pair(ctx, change)
        if pair is not None:
            start, end = pair
        else:
            compared = compared_pair(ctx, change) if dimension == "percent" else None
            if compared is None:
                continue
            end, start = compared  # a change of the subject relative to the compared system
        if dimension == "points" and start.quantity.dimension not in ("percent", "plain"):
            continue
        a, b = _base(start), _base(end)
        absolute = subtract(b, a)
        stated = ctx.interval(change.quantity)
        if dimension == "fraction":  # "drops by a third": a share of the start, in percent
            stated = (stated[0] * 100, stated[1] * 100)
            dimension = "percent"
        stated_abs = _abs_interval(stated)
        abs_value = end.quantity.base_value() - start.quantity.base_value()
        evidence = [Evidence.of(start), Evidence.of(end)]
        if dimension == "points":
            if meets(stated_abs, _abs_interval(absolute), change.quantity.bound) or \
                    meets(stated_abs, _abs_interval((absolute[0] * 100, absolute[1] * 100)), change.quantity.bound):
                continue  # RULES["CC101"] reports margins; this rule only relative-versus-absolute slips
            relative = divide(absolute, a)
            if relative is not None and meets(stated_abs, _abs_interval((relative[0] * 100, relative[1] * 100))):
                rel_value = abs_value / start.quantity.base_value() * 100
                yield self.finding(change, f"stated {written(change)}, computed {written(end)} - {written(start)} = "
                                   f"{fmt(abs_value)} points; {written(change)} is the relative change "
                                   f"({fmt(rel_value)}%)", evidence, expected=round(abs(abs_value), 6))
            continue
        relative = divide(absolute, a)
        if relative is None:
            continue  # a change from zero has no percent size: RULES["CC111"] says so
        rel = (relative[0] * 100, relative[1] * 100)
        if meets(stated_abs, _abs_interval(rel), change.quantity.bound):
            continue
        rel_value = abs_value / start.quantity.base_value() * 100
        if abs(rel_value) > 1000 and abs(rel_value) > 100 * max(stated_abs[1], 1e-9):
            continue  # "+11%" against a computed -300000%: the figures read are not the ones it relates
        wrong_base = divide(absolute, b)
        if wrong_base is not None and meets(stated_abs, _abs_interval((wrong_base[0] * 100, wrong_base[1] * 100))):
            yield self.finding(
                change, f"stated {written(change)}, computed ({written(end)} - {written(start)}) / {written(start)} = "
                f"{fmt(rel_value)}%; {written(change)} divides by {written(end)} (the wrong base)",
                evidence, expected=round(abs(rel_value), 6), verdict="wrong-base")
            continue
        if start.quantity.dimension == "percent" and meets(stated_abs, _abs_interval(absolute)):
            yield self.finding(
                change, f"stated {written(change)} is the absolute difference {written(end)} - {written(start)} = "
                f"{fmt(abs_value)} percentage points; the relative change is {fmt(rel_value)}%",
                evidence, expected=round(abs(rel_value), 6), verdict="points-as-percent", severity="warning")
            continue
        if change.quantity.word:
            # "drops by a third, from 420 ms to 330 ms": the words have no digits; the end figure
            # is the one the words misdescribe, and they would make it start × (1 ∓ share)
            share = change.value * (100 if change.quantity.dimension == "fraction" else 1) / 100
            would = start.quantity.value * (1 - share if abs_value < 0 else 1 + share)
            yield self.finding(end, f"'{change.quantity.text}' from {written(start)} to {written(end)}, but "
                               f"({written(end)} - {written(start)}) / {written(start)} = {fmt(rel_value)}%; "
                               f"'{change.quantity.text}' would end at {fmt(would)}",
                               [Evidence.of(change), Evidence.of(start)], expected=round(would, 6))
            continue
        yield self.finding(change, f"stated {written(change)}, computed ({written(end)} - {written(start)}) / "
                           f"{written(start)} = {fmt(rel_value)}%", evidence, expected=round(abs(rel_value), 6))


def _abs_interval(span: tuple[float, float]) -> tuple[float, float]:
    if span[0] >= 0:
        return span
    if span[1] <= 0:
        return (-span[1], -span[0])
    return (0.0, max(-span[0], span[1]))


@rule("CC111", "undefined-operand", "arithmetic", severity="warning")
def check_zero_operands(ctx: Context):
    """A percent change or a multiple computed from zero.

    What it checks: a change stated in percent whose starting figure is zero ("from 0 to 14
    failures, a 300% increase"), and a multiple whose two figures include a zero ("0 ms vs 12
    ms, infinitely faster", "5× more crashes than last month's 0"). Neither has a size: the
    claim is reported as undefined (a warning), never silently skipped. A change to zero ("from
    12 to 0, a 100% cut") is well defined, and zeros that are settings ("temperature 0",
    "0-shot") are not figures.
    Why it matters: a percent of nothing reads as precise and means nothing.
    Example: "errors went from 0 to 3 per run, a 300% increase".
    How to fix: state the absolute change ("from 0 to 3 errors per run").
    """
    self = RULES["CC111"]
    for change in ctx.claims:
        if change.kind != "delta" or change.quantity.dimension != "percent":
            continue
        pair = change_pair(ctx, change)
        if pair is None:
            continue
        start, end = pair
        if start.quantity.base_value() == 0 and end.quantity.base_value() != 0:
            yield self.finding(change, f"stated {written(change)} as the change from {written(start)} to "
                               f"{written(end)}: a change from zero has no percent size",
                               [Evidence.of(start), Evidence.of(end)], expected=None, verdict="undefined")
    for ratio in ctx.claims:
        if ratio.quantity.dimension != "ratio" or ratio.quantity.high is not None:
            continue
        zero = _zero_operand(ctx, ratio)
        if zero is not None:
            nought, other = zero
            yield self.finding(ratio, f"stated {written(ratio)} between {written(other)} and {written(nought)}: "
                               f"a multiple of zero has no size", [Evidence.of(other), Evidence.of(nought)],
                               expected=None, verdict="undefined")


def _zero_operand(ctx: Context, ratio: Claim) -> tuple[Claim, Claim] | None:
    """(the zero, the other figure) when the two figures a multiple relates in its clause are a
    zero and a non-zero figure of one dimension."""
    allowed = _RATIO_FRAMES.get(ratio.metric.split(":")[0], _RATIO_DIMENSIONS)
    clause = ctx.clause_span(ratio)
    figures = [c for c in ctx.sentence_claims(ratio) if c is not ratio and _value_like(c)
               and c.quantity.dimension != "ratio" and c.quantity.dimension in allowed
               and clause[0] <= c.quantity.start < clause[1]]
    for dimension in _RATIO_DIMENSIONS:
        same = [c for c in figures if c.quantity.dimension == dimension]
        zeros = [c for c in same if c.value == 0]
        if len(same) == 2 and zeros:  # "from 0 ms to 0 ms, a 2× speedup": 0 / 0 too
            other = same[0] if same[1] is zeros[0] else same[1]
            return zeros[0], other
    return None


_UNIT_STEPS = (1e3, 1e6, 1e9, 60.0, 3600.0, 1024.0, 2.0**20)


def _far_apart(stated: float, computed: float, word: bool = False) -> bool:
    """Are the figures read as a multiple's operands too far from it to be what it relates? A
    stated multiple three times or more the quotient ("11x" beside 1.9 and 2.1), or a hundredth
    of it or less, unless a unit step apart (a thousand, 60). A multiple well above what its
    sentence's figures give relates figures it does not state (totals, another configuration);
    one well below may be a slip of an order of magnitude ("a 10x cut" where the figures give
    100x), and is checked, as is a multiple in words ('an order of magnitude' for a 3x gap): words
    are the writer's rounding, and overstating is their usual slip."""
    if not stated or not computed:
        return False
    above = abs(stated / computed)
    return (above >= 3 and not word or above <= 0.01) and not _unit_step(computed / stated)


def _unit_step(factor: float) -> bool:
    """Is a factor within 2% of one unit apart (a thousand, a million, 60, 3600, 1024)?"""
    return any(abs(abs(factor) / step - 1) <= 0.02 for step in _UNIT_STEPS)
