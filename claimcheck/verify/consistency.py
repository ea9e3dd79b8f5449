"""Consistency and semantics rules: one quantity stated two ways within one document."""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import islice

from ..model import Claim, Evidence
from .arithmetic import operands_for_ratio
from .base import (same_dataset, RULES, Context, _lookup_keys, _norm_name, _topic_keys, base_interval, digits_written, divide, fmt,
                   interval, meets, nearest,
                   rule, same_figure, same_subject, settings_conflict, subject_key, topics_compatible, written)

# settings that make a figure another variant's even when the other figure names none: a
# quantised checkpoint, another context length, another point in a run
_VARIANT_SETTINGS = frozenset({"precision", "context", "point"})
_PHYSICAL_DIMENSIONS = frozenset({"length", "area", "mass", "temperature", "frequency", "power", "level", "pressure"})
_MARKS = frozenset({"condition:before a stated change", "condition:after a stated change",
                    "condition:other configuration"})
_COMPARABLE_KINDS = {"score", "percent", "speedup", "time", "throughput", "memory", "scale", "delta"}
_SCALE_STEPS = (1e3, 1e6, 1e9, 1e12, 60.0, 3600.0, 1024.0, 2.0**20, 2.0**30, 100.0)


def _comparable(claim: Claim) -> bool:
    q = claim.quantity
    if q.bound or q.approx or q.high is not None or not claim.subject or not (claim.metric or claim.dataset):
        return False
    if not q.text[:1].isdigit() and not q.text[:1] in "+-−$€£.~≈<>":
        return False  # 'all three benchmarks', 'four of them': a count in words counts what the sentence compares
    if claim.metric == "ratio" and not claim.dataset:
        return False  # "2.6×" of no named measure: two such multiples need not be of one thing
    if claim.kind == "delta" and not claim.baseline:
        return False  # margins over unnamed references (ablations) are not one quantity
    return claim.measure in _COMPARABLE_KINDS


def _key(claim: Claim):
    return (_norm_name(claim.subject), claim.measure, _norm_name(claim.baseline),
            claim.quantity.dimension if claim.quantity.dimension in ("percent", "points") else "")


def _same_table(ctx: Context, a: Claim, b: Claim) -> bool:
    """Two cells of tables are two figures by construction, whatever their frames say: cells of
    one table, and cells of two tables (a document tabulates one system twice for two
    configurations: a GPU, a dataset, a release apart) alike."""
    ca, cb = ctx.document.cell_at(a.quantity.start), ctx.document.cell_at(b.quantity.start)
    return ca is not None and cb is not None


_DEFAULT_ATTRIBUTION = frozenset({"section", "document", ""})


def _heading_level(ctx: Context, start: int) -> int:
    """The Markdown level of the heading that opens a section (0 where it is not a '#' heading)."""
    text = ctx.document.text
    level = 0
    while start + level < len(text) and text[start + level] == "#":
        level += 1
    return level


def _loosely_tied(ctx: Context, a: Claim, b: Claim) -> bool:
    """Two figures whose subject is only the document's (or section's) default, in two different
    list items or paragraphs: a feature list's bullets describe different things."""
    if a.attribution in _DEFAULT_ATTRIBUTION or b.attribution in _DEFAULT_ATTRIBUTION:
        # one subject only inherited, the figures under two headings: each section is about its
        # own thing ('## Base model' and '## After post-training' of one release)
        sa, sb = ctx.document.section_at(a.quantity.start), ctx.document.section_at(b.quantity.start)
        if sa is not None and sb is not None and sa.start != sb.start and \
                _heading_level(ctx, sa.start) == _heading_level(ctx, sb.start) > 1:
            return True  # (sibling sections; a title's preamble and the sections below it are not)
    if a.attribution not in _DEFAULT_ATTRIBUTION or b.attribution not in _DEFAULT_ATTRIBUTION:
        return False
    return ctx.item_of(a) != ctx.item_of(b)


def _under_other_leads(ctx: Context, a: Claim, b: Claim) -> bool:
    """Two figures in list items led by different labels ('- Hopper-v3: ...', '- Ant-v3: ...'),
    neither of which is the figures' subject: each item is about its own label (a task, a
    benchmark, a setting), so their figures are two things."""
    lead_a, lead_b = ctx.item_lead(a), ctx.item_lead(b)
    if not lead_a or not lead_b or lead_a == lead_b:
        return False
    subjects = {_norm_name(a.subject), _norm_name(b.subject)}
    return _norm_name(lead_a) not in subjects and _norm_name(lead_b) not in subjects


def _in_heading(ctx: Context, claim: Claim) -> bool:
    return ctx.in_heading(claim.quantity.start)


def _same_frame(a: Claim, b: Claim, ignore_conditions: bool = False, headline: bool = False) -> bool:
    """One figure stated twice: same subject, benchmark, metric, what it is measured against,
    and settings that do not differ (a stated change or another configuration always differs),
    neither in the figures' own words nor in their sentences'."""
    if a.context and b.context and settings_conflict(a.context - _MARKS, b.context - _MARKS):
        return False
    sa, sb = a.setting, b.setting
    if a.quantity.dimension != b.quantity.dimension and _PHYSICAL_DIMENSIONS & {a.quantity.dimension, b.quantity.dimension}:
        return False  # 312 m²/s² and 1.42 (K): one metric of two physical quantities
    if ({x.split(":")[0] for x in sa} ^ {x.split(":")[0] for x in sb}) & _VARIANT_SETTINGS:
        return False  # "the AWQ 4-bit checkpoint scores 90.6", "at 64K context ... 88.0": another variant
    if bool(a.dataset) != bool(b.dataset) and any(x.startswith("split:") for x in (b.setting if a.dataset else a.setting)):
        return False  # "6.0% on test-other" names a split of some benchmark, not the other's CallCenter-22
    if ignore_conditions:
        sa = frozenset(x for x in sa if not x.startswith("condition:"))
        sb = frozenset(x for x in sb if not x.startswith("condition:"))
    return topics_compatible(a, b) and not settings_conflict(sa, sb) and (
        not a.baseline and not b.baseline or same_subject(a.baseline, b.baseline)
        or headline and not (a.baseline and b.baseline))


def is_unit_slip(a: Claim, b: Claim) -> bool:
    """The same digits with a unit or scale a power of a thousand (or 60, 1024) apart."""
    qa, qb = a.quantity, b.quantity
    if qa.dimension != qb.dimension and {qa.dimension, qb.dimension} != {"plain", "count"}:
        return False
    digits_a = qa.value / qa.scale
    digits_b = qb.value / qb.scale
    if not math.isclose(digits_a, digits_b, rel_tol=1e-9) or (qa.unit == qb.unit and qa.scale == qb.scale):
        return False
    ratio = max(qa.base_value(), qb.base_value()) / max(min(qa.base_value(), qb.base_value()), 1e-300)
    return any(math.isclose(ratio, step, rel_tol=1e-6) for step in _SCALE_STEPS)


def _significant(quantity) -> str:
    """The digits of a figure without leading zeros: '0.150' and '15' share '15'."""
    return re.sub(r"\D", "", quantity.text.split("±")[0]).lstrip("0").rstrip("0") or "0"


def _fraction_and_percent(a: Claim, b: Claim) -> bool:
    """Is one figure the other written as a fraction of one ('0.685' for '68.5' or '68.5%'), to the
    digits both write?"""
    x, y = sorted((abs(a.quantity.value), abs(b.quantity.value)))
    if not 0 < x <= 1.0 or a.quantity.unit in _SCALED_UNITS or b.quantity.unit in _SCALED_UNITS:
        return False
    small, large = (a, b) if abs(a.quantity.value) == x else (b, a)
    step = max(small.quantity.half_step * 100, large.quantity.half_step)
    return abs(x * 100 - y) <= step + 1e-9


_SCALED_UNITS = frozenset({"ms", "s", "us", "ns", "min", "h", "d", "GB", "MB", "KB", "TB", "B", "M", "K", "T", "x"})


def one_figure_misstated(a: Claim, b: Claim) -> bool:
    """Could two figures be one quantity, one of them misstated? They lie within a factor of two
    of each other (an outdated or mistyped figure), or write the same significant digits with the
    point or scale moved, or with two neighbouring digits swapped. Figures further apart and
    unrelated in their digits are, far more often, two quantities a reading took for one."""
    x, y = abs(a.quantity.base_value()), abs(b.quantity.base_value())
    if x and y and max(x, y) / min(x, y) <= 2.0:
        return True
    da, db = _significant(a.quantity), _significant(b.quantity)
    if da == db:
        return True
    return len(da) == len(db) and sorted(da) == sorted(db) and sum(p != q for p, q in zip(da, db)) == 2 and any(
        da[i] == db[i + 1] and da[i + 1] == db[i] for i in range(len(da) - 1))


def _groups(ctx: Context, ignore_conditions: bool = False):
    """Figures stated for one frame, each group's members pairwise in the same frame (with
    `ignore_conditions`, figures under stated conditions too: identical digits 1000× apart are
    a slip whatever the configuration)."""
    keyed: dict[tuple, list[Claim]] = {}
    headlines = []  # "# Kite: 3.1× faster decoding": a headline names no baseline, the body does
    for claim in ctx.claims:
        if not _comparable(claim):
            continue
        if claim.role == "from" and any(c.role == "to" and c.subject == claim.subject for c in ctx.sentence_claims(claim)):
            continue  # "goes from 55.0 to 68.4": the start of a stated change is an earlier state
        if not claim.baseline and _in_heading(ctx, claim):
            headlines.append(claim)
        else:
            keyed.setdefault(_key(claim), []).append(claim)
    for claim in headlines:
        key = _key(claim)
        matching = [k for k in keyed if k[:2] == key[:2] and k[3] == key[3]]
        for k in matching or [key]:
            keyed.setdefault(k, []).insert(0, claim)
    groups: list[list[Claim]] = []
    headline_ids = {id(c) for c in headlines}
    for members in keyed.values():
        frames: list[list[Claim]] = []
        # each frame keeps one member per signature (what the pairwise tests read of it): a member
        # whose signature is already there answers every test as that one does, so one figure
        # stated n times costs n tests, not n squared
        representatives: list[dict[tuple, Claim]] = []
        # each frame filed under its members' topics: a claim only tries the frames whose
        # members could be figures of its topic (a wide table of distinct metrics stays linear);
        # a table cell only tries frames without a cell (two cells are two figures by construction)
        # (each key's frames kept in the order they were last joined, so the latest are at the end)
        by_topic: dict[tuple, dict[int, None]] = {}
        cell_free: dict[tuple, dict[int, None]] = {}
        has_cell: list[bool] = []
        for claim in members:
            headline = id(claim) in headline_ids
            signature = _signature(ctx, claim, headline)
            is_cell = signature[-1]
            index_of = cell_free if is_cell else by_topic
            candidates = sorted({i for key in _lookup_keys(claim) for i in _latest(index_of.get(key, {}))})
            # the nearest frames only: a long document of repeated sections would otherwise test
            # each figure against every earlier frame of its subject (quadratic); a figure stated
            # again past that many distinct frames of one subject and topic is not compared
            for index in candidates[-_FRAMES_TRIED:]:
                reps = representatives[index]
                if signature in reps or all(
                        _same_frame(claim, other, ignore_conditions, headline=headline or id(other) in headline_ids)
                        and not _same_table(ctx, claim, other)
                        and not _loosely_tied(ctx, claim, other)
                        and not _under_other_leads(ctx, claim, other) for other in _recent(reps)):
                    frames[index].append(claim)
                    break
            else:
                index = len(frames)
                frames.append([claim])
                representatives.append({})
                has_cell.append(False)
            reps = representatives[index]
            reps.pop(signature, None)  # the latest statement of a signature goes last
            reps[signature] = claim
            has_cell[index] = has_cell[index] or is_cell
            for key in _topic_keys(claim):
                _touch(by_topic.setdefault(key, {}), index)
                if has_cell[index]:
                    cell_free.get(key, {}).pop(index, None)
                else:
                    _touch(cell_free.setdefault(key, {}), index)
        groups += [g for g in frames if len(g) > 1 and not _variants(ctx, g)]
    return groups


_FRAMES_TRIED = 24


def _recent(representatives: dict[tuple, Claim]) -> list[Claim]:
    """The latest signatures of a frame, up to _FRAMES_TRIED: a figure stated in hundreds of
    sections is tested against its recent statements, not each one (which is quadratic)."""
    if len(representatives) <= _FRAMES_TRIED:
        return list(representatives.values())
    return list(islice(reversed(representatives.values()), _FRAMES_TRIED))


def _latest(frames: dict[int, None]) -> list[int]:
    """The frames of one topic last joined, up to _FRAMES_TRIED (newest first)."""
    return list(islice(reversed(frames), _FRAMES_TRIED))


def _touch(frames: dict[int, None], index: int) -> None:
    """File a frame as the latest joined under a topic."""
    frames.pop(index, None)
    frames[index] = None


def _signature(ctx: Context, claim: Claim, headline: bool) -> tuple:
    """Everything _same_frame, _same_table, _loosely_tied and _under_other_leads read of a claim
    (its table cell last): two claims with one signature get the same answer from each test."""
    default = claim.attribution in _DEFAULT_ATTRIBUTION
    section = ctx.document.section_at(claim.quantity.start)
    return (claim.context - _MARKS if claim.context else None, claim.setting, claim.quantity.dimension,
            claim.dataset, claim.metric, claim.kind, claim.baseline, headline, default,
            section.start if section is not None else None, ctx.item_of(claim) if default else None,
            ctx.item_lead(claim), _norm_name(claim.subject),
            ctx.document.cell_at(claim.quantity.start) is not None)


def _variants(ctx: Context, group: list[Claim]) -> bool:
    """Sizes of a family ("7B and 70B parameters") are variants, not one figure stated twice."""
    if group[0].measure != "scale":
        return False
    for claim in group:
        sizes = {c.value for c in ctx.sentence_claims(claim) if c.metric == claim.metric and c.measure == "scale"}
        if len(sizes) > 1:
            return True
    return False


def _derived(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """The operands in its own sentence that reproduce a ratio, if any."""
    if claim.quantity.dimension != "ratio":
        return None
    operands = operands_for_ratio(ctx, claim)
    if operands is None:
        return None
    small, large = operands
    computed = divide(interval(large.quantity), interval(small.quantity))
    if computed and meets(ctx.interval(claim.quantity), computed):
        return operands
    return None


@rule("CC105", "inconsistent-figures", "consistency")
def check_consistency(ctx: Context):
    """One metric for one subject and setting stated with two different figures.

    What it checks: every figure the document gives for the same subject, metric and setting
    (the headline table, the summary and the body) must agree up to rounding. Figures after a
    stated change ("from 2.16x to 2.59x with feature reuse") or marked as another
    configuration are a different setting and are not compared. Read by the digits alone, one
    figure restated with two neighbouring digits swapped where a name is written around both,
    and a cell of the digest's own table restated in prose with one inner digit changed where
    the sentence names the cell's row ('89.16' in 'Kite, uniform sampling', later 'uniform
    sampling lifts Kite to 86.16'), are flagged too.
    Why it matters: two figures for one thing means at least one is wrong, and readers quote
    whichever they saw first.
    Example: a table row "2.16x end-to-end speedup" and a body "78.9 s versus 160 s, a 2.03x
    wall-clock reduction".
    How to fix: use one figure throughout, or name the setting that makes them differ.
    """
    self = RULES["CC105"]
    for group in _groups(ctx):
        if len({c.sentence for c in group}) < 2:
            continue  # two figures in one sentence are a comparison ("78.9 s with X versus 160 s without")
        clusters: list[list[Claim]] = []
        # same_figure reads only the interval a figure stands for: a cluster is tested once per
        # distinct interval among its members (one figure stated n times is linear)
        intervals: list[dict[tuple[float, float], Claim]] = []
        for claim in group:
            span = base_interval(claim.quantity, ctx.slack)
            for cluster, members in zip(clusters, intervals):
                if span in members or all(same_figure(claim, other, ctx.slack) for other in members.values()):
                    cluster.append(claim)
                    members.setdefault(span, claim)
                    break
            else:
                clusters.append([claim])
                intervals.append({span: claim})
        if len(clusters) < 2:
            continue
        derivations = {id(c): _derived(ctx, c) for c in group}

        def support(cluster: list[Claim]):
            return (any(derivations[id(c)] for c in cluster), len(cluster), -cluster[0].quantity.start)
        reference = max(clusters, key=support)
        derived = next((derivations[id(c)] for c in reference if derivations[id(c)]), None)
        for cluster in clusters:
            if cluster is reference or {c.sentence for c in cluster} <= {c.sentence for c in reference}:
                continue
            if all(is_unit_slip(a, b) for a in cluster for b in reference):
                continue  # CC107 reports these
            if all(_fraction_and_percent(a, b) for a in cluster for b in reference):
                continue  # 0.685 and 68.5: one score as a fraction and as a percentage, not two figures
            claim = cluster[0]
            ref = reference[0]
            if not one_figure_misstated(claim, ref):
                continue  # 7.5 and 40.5 "mAP of one model": two measures read as one, not one misstated
            if not _restated(ctx, cluster, reference):
                continue
            lines = sorted({c.line for c in reference})
            others = sorted({c.line for c in cluster if c is not claim})
            what = _what(claim)
            message = (f"{what} of {claim.subject} stated as {written(claim)}"
                       + (f" (also line {', '.join(map(str, others))})" if others else "")
                       + f" but as {written(ref)} on line {', '.join(map(str, lines))}")
            evidence = [Evidence.of(c) for c in reference]
            if derived:
                small, large = derived
                message += (f", which {written(large)} / {written(small)} = "
                            f"{fmt(large.quantity.base_value() / small.quantity.base_value())}× supports")
                evidence += [Evidence.of(large), Evidence.of(small)]
            yield self.finding(claim, message, evidence, expected=ref.value, verdict="inconsistent")
    yield from _transposed_restatements(ctx, self)


# a name as written: a token with a digit, two capitals or a capital after a hyphen ('MT-Bench',
# 'DeepSeek-V2', 'llama2-7b', 'WQL'), not a capitalised word ('Scale', 'Chat')
_NAME_TOKEN = re.compile(r"(?<![\w.+/-])(?=[\w.+/-]*(?:\d|[A-Z][\w.+/-]*[A-Z]))[A-Za-z][\w.+/-]*[\w+]")
_MIN_DIGITS = 3  # significant digits of a figure whose swapped twin is taken as a slip


def _adjacent_swap(a: str, b: str) -> bool:
    if len(a) != len(b) or a == b:
        return False
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]


# a unit written like a name ('MB/s', 'GB/s', 'tok/s'): shared by two figures, it names no system
_UNIT_TOKEN = re.compile(r"[A-Za-z]{1,6}/(?:s|sec|ms|h|hr|day|GPU|token|step|iter)", re.I)


def _names_around(ctx: Context, claim: Claim, memo: dict) -> set[str]:
    """The names a figure's sentence writes, or its table cell's row labels and headers (read
    once per sentence or cell: a sentence of a thousand figures is not read a thousand times)."""
    cell = ctx.document.cell_at(claim.quantity.start)
    key = (cell.start, cell.end) if cell else claim.sentence
    if key not in memo:
        text = (" ".join(v for _, v in cell.labels) + " " + " ".join(cell.headers)) if cell else ctx.sentence_text(claim)
        memo[key] = frozenset(t.casefold() for t in _NAME_TOKEN.findall(text) if not _UNIT_TOKEN.fullmatch(t))
    return set(memo[key]) - {claim.quantity.text.casefold()}


_LABEL_WORD = re.compile(r"[a-z][a-z0-9]{2,}")


def _row_words_named(ctx: Context, cells: list[Claim], prose: list[Claim]) -> set[str]:
    """The words of a table row's label ('stt_en_conformer_transducer_xlarge') that a prose
    sentence writes ('the xlarge transducer'): two or more name the row however it is spelled."""
    labels = " ".join(v for c in cells for _, v in ctx.document.cell_at(c.quantity.start).labels).lower()
    words = set(_LABEL_WORD.findall(labels.replace("_", " ")))
    for c in prose:
        named = words & set(_LABEL_WORD.findall(ctx.sentence_text(c).lower()))
        if len(named) >= 2:
            return named
    return set()


def _transposed_restatements(ctx: Context, self):
    """CC105 for one figure restated with two neighbouring digits swapped ('8.97 on MT-Bench' in
    the lede and the table, '8.79 on MT-Bench' in the closing line), read by the digits alone: the
    same number of digits and decimals, at least three significant, one adjacent pair swapped,
    the same unit (a bare cell and a percentage are one), not both table cells (tables hold such
    pairs by chance), not in one sentence, and a name ('MT-Bench', 'DeepSeek-V2'; not a unit such
    as 'MB/s') written around both, in any case, or two words of a cell's row label written in the
    prose sentence ('the xlarge transducer' for 'stt_en_conformer_transducer_xlarge'); a figure
    of five significant digits or more, one side in prose, needs no name ('138,331 bytes', later
    'the 138,313-byte baseline'). The figure stated fewer times (else the later) is flagged."""
    figures = [c for c in ctx.claims + ctx.unframed() if not c.quantity.bound and c.quantity.high is None
               and len(digits_written(c).strip("0")) >= _MIN_DIGITS]
    by_digits: dict[tuple, list[Claim]] = {}
    memo: dict = {}
    for c in figures:
        digits = digits_written(c)
        # a bare table cell under a percentage column and the prose figure with '%' are one unit
        unit = c.quantity.unit or "%"
        by_digits.setdefault((len(digits), c.quantity.decimals, "".join(sorted(digits)), unit), []).append(c)
    for group in by_digits.values():
        values: dict[str, list[Claim]] = {}
        for c in group:
            values.setdefault(digits_written(c), []).append(c)
        if len(values) < 2:
            continue
        for a, b in [(x, y) for x in values for y in values if x < y and _adjacent_swap(x, y)]:
            side_a, side_b = values[a], values[b]
            if all(ctx.document.cell_at(c.quantity.start) is not None for c in side_a + side_b):
                continue
            if {c.sentence for c in side_a} & {c.sentence for c in side_b}:
                continue  # 'at 14.67 ms average and 14.76 ms P99': one sentence states two figures
            names_a = set().union(*(_names_around(ctx, c, memo) for c in side_a))
            names_b = set().union(*(_names_around(ctx, c, memo) for c in side_b))
            shared = names_a & names_b
            for cells, prose in ((side_a, side_b), (side_b, side_a)):
                if not shared and all(ctx.document.cell_at(c.quantity.start) is not None for c in cells) and \
                        all(ctx.document.cell_at(c.quantity.start) is None for c in prose):
                    shared = _row_words_named(ctx, cells, prose)
            # five significant digits and more swapped by chance are rare: '138,331 bytes' and a
            # later '138,313-byte baseline' are one figure without a name around either
            long_enough = len(a.strip("0")) >= _MIN_DIGITS_UNNAMED and \
                any(ctx.document.cell_at(c.quantity.start) is None for c in side_a + side_b)
            if not shared and not long_enough:
                continue
            single, reference = (side_a, side_b) if (len(side_a), -side_a[0].quantity.start) < (len(side_b), -side_b[0].quantity.start) \
                else (side_b, side_a)
            claim, ref = single[-1], reference[0]
            lines = sorted({c.line for c in reference})
            of = f", both of {', '.join(sorted(shared)[:3])}" if shared else \
                f", {len(digits_written(claim).strip('0'))} significant digits"
            yield self.finding(claim, f"{written(claim)} and {written(ref)} (line {', '.join(map(str, lines))}){of}: "
                               f"the same digits with two neighbouring ones swapped",
                               [Evidence.of(c) for c in reference], expected=ref.value, verdict="inconsistent")

    yield from _one_digit_restatements(ctx, figures)


_MIN_DIGITS_CHANGED = 4  # significant digits of a figure whose one-digit twin is taken as a slip
_MIN_DIGITS_UNNAMED = 5  # significant digits of a figure whose swapped twin is a slip with no name around


def _one_digit_restatements(ctx: Context, figures: list[Claim]):
    """CC105 for a cell of the digest's own table restated in prose with one inner digit changed
    ('89.16' in the row 'DeepSphere, non-weighted loss', later 'the non-weighted one buys the
    86.16 mAP'): four significant digits or more, neither the first digit (another magnitude) nor
    the last (a rounding or a neighbouring figure) changed, the prose sentence naming the cell's
    row by two words of its label, one such cell only, and the prose figure written nowhere else
    in the digest. Cells are filed by their digits with each inner digit left out, so each prose
    figure is looked up, not compared with every cell."""
    self = RULES["CC105"]
    counted = Counter((digits_written(c), c.quantity.decimals) for c in figures)
    index: dict[tuple, list[Claim]] = {}
    prose = []
    for c in figures:
        digits = digits_written(c)
        if len(digits.strip("0")) < _MIN_DIGITS_CHANGED:
            continue
        if ctx.document.cell_at(c.quantity.start) is None:
            prose.append(c)
            continue
        for i in range(1, len(digits) - 1):
            index.setdefault((len(digits), c.quantity.decimals, c.quantity.unit or "%", i,
                              digits[:i] + digits[i + 1:]), []).append(c)
    for c in prose:
        digits = digits_written(c)
        if counted[(digits, c.quantity.decimals)] > 1:
            continue  # stated twice alike: a figure of its own, not a slip
        cells = {id(x): x for i in range(1, len(digits) - 1)
                 for x in index.get((len(digits), c.quantity.decimals, c.quantity.unit or "%", i,
                                     digits[:i] + digits[i + 1:]), ())
                 if digits_written(x) != digits}
        named = [(x, words) for x in cells.values() for words in [_row_words_named(ctx, [x], [c])] if words]
        if len(named) != 1:
            continue
        cell, words = named[0]
        yield self.finding(c, f"{written(c)} and {written(cell)} (line {cell.line}), both of {', '.join(sorted(words)[:3])}: "
                           f"the same figure with one digit changed", [Evidence.of(cell)], expected=cell.value,
                           verdict="inconsistent")

_WORD = re.compile(r"[a-z][a-z-]{2,}")


def _restated(ctx: Context, cluster: list[Claim], reference: list[Claim]) -> bool:
    """Is one figure a restatement of the other? One of them stands where a document sums up (a
    heading, a table, its opening lines), or two of their sentences say the same in most of their
    words. Two sentences of the body in other words, with different figures, are far more often
    two conditions a reading did not tell apart ('at 20 RPS ... 14ms', 'at the maximum ... over
    the baseline of 18ms') than one figure misstated. (The first few sentences of each side are
    compared: one figure stated hundreds of times must not cost their product.)"""
    if any(ctx.in_heading(c.quantity.start) or ctx.document.cell_at(c.quantity.start) is not None
           or c.line <= _OPENING_LINES for c in (*cluster, *reference)):
        return True

    def words(claims: list[Claim]) -> list[set[str]]:
        sentences = list(dict.fromkeys(c.sentence for c in claims))[:_COMPARED]
        return [set(_WORD.findall(ctx.document.text[s:e].lower())) for s, e in sentences]

    return any(wa and wb and len(wa & wb) >= 0.5 * min(len(wa), len(wb))
               for wa in words(cluster) for wb in words(reference))


_COMPARED = 8  # sentences of each side compared by their words
_OPENING_LINES = 3  # a digest's title and the first line of its lede


def _what(claim: Claim) -> str:
    """What a figure measures, as a message names it: 'mAP on COCO', 'GSM8K', 'the figure'."""
    metric = claim.metric_text or claim.metric
    dataset = _names().get(claim.dataset, claim.dataset)
    if dataset and dataset.casefold() not in metric.casefold():
        return f"{metric} on {dataset}" if metric else dataset
    return metric or "the figure"


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Each lexicon entry's name as written ('gsm8k' -> 'GSM8K'), built once (a message each)."""
    from ..lexicon import load_jsonl
    return {row["id"]: row["names"][0] for row in load_jsonl("metrics.jsonl") if row.get("names")}


@rule("CC106", "complement-confusion", "semantics")
def check_complements(ctx: Context):
    """Complementary quantities: sparsity and keep ratio, error rate and accuracy, win and loss rate.

    What it checks: two figures of complementary metrics (from the metric lexicon's
    `complement` field) for the same subject that describe the same setting, linked by the
    same headline figure in both sentences or by nearly the same value, must add up to 100%
    (or 1). The same number given under both names is the usual slip. When both stand in one
    sentence ("agreement is 81.5%, so it disagrees 19.5% of the time"), the second is reported.
    Why it matters: "35% sparsity" and "35.2% keep ratio" describe opposite settings (64.8%
    of the attention skipped versus kept).
    Example: "6.71x at 35% sparsity" and "6.71x at 35.2% keep ratio".
    How to fix: convert one figure (keep ratio = 100% - sparsity) or use one name.
    """
    self = RULES["CC106"]
    metrics = _complements()
    reported = set()
    # claims by metric and by metric name as written, so that each claim meets only its complements
    by_metric: dict[str, list[Claim]] = {}
    by_name: dict[str, list[Claim]] = {}
    negated: dict[tuple, list[Claim]] = {}
    for c in ctx.claims:  # filed by subject too: complements are one subject's figures
        by_metric.setdefault((subject_key(c.subject), c.metric), []).append(c)
        by_name.setdefault((subject_key(c.subject), _metric_name(c)), []).append(c)
    for a in ctx.claims:
        partner = metrics.get(a.metric)
        if a.quantity.bound or a.quantity.approx or a.quantity.dimension not in ("percent", "fraction", "plain"):
            continue
        subject = subject_key(a.subject)
        if partner:
            candidates = by_metric.get((subject, partner), [])
        else:  # (merged once per subject and name: sorting them for every claim is quadratic)
            key = (subject, _metric_name(a))
            if key not in negated:
                negated[key] = sorted((b for name in _negated_names(key[1])
                                       for b in by_name.get((subject, name), ())), key=ctx.position)
            candidates = negated[key]
        for b in nearest(ctx, a, candidates):
            if b is a or (id(b), id(a)) in reported or not (
                    same_subject(b.subject, a.subject) or not a.subject and not b.subject):
                continue
            if a.dataset and b.dataset and not same_dataset(a.dataset, b.dataset) or settings_conflict(a.setting, b.setting):
                continue
            if a.quantity.dimension != b.quantity.dimension or b.quantity.bound or b.quantity.approx:
                continue
            total = 100.0 if a.quantity.dimension == "percent" else 1.0
            if a.quantity.dimension != "percent" and max(a.value, b.value) > 1:
                continue
            ia, ib = interval(a.quantity, ctx.slack), interval(b.quantity, ctx.slack)
            complement = (total - ib[1], total - ib[0])
            if meets(ia, complement):
                continue
            anchor = _shared_figure(ctx, a, b)
            confusion = meets(ia, ib)
            together = a.sentence == b.sentence  # "agreement is 81.5%, so it disagrees 19.5% of the time"
            if not (anchor or confusion or together):
                continue
            reported.add((id(a), id(b)))
            reported.add((id(b), id(a)))
            if together and b.quantity.start > a.quantity.start:
                a, b = b, a  # "agreement is 81.5%, so it disagrees 19.5%": the figure derived second is the slip
            expected = total - b.value
            message = (f"{written(a)} {a.metric_text or a.metric} on line {a.line} against "
                       f"{written(b)} {b.metric_text or b.metric} on line {b.line}: they are complements, "
                       f"so {written(b)} {b.metric_text or b.metric} is {fmt(expected)}"
                       f"{'%' if total == 100 else ''} {a.metric_text or a.metric}")
            if anchor:
                message += f" (both describe {written(anchor[0])})"
            evidence = [Evidence.of(b)] + ([Evidence.of(x) for x in anchor] if anchor else [])
            yield self.finding(a, message, evidence, expected=round(expected, 6), verdict="mismatch")
    for a, b, x, y in _labelled_complements(ctx):
        if (id(a), id(b)) in reported:
            continue
        ia, ib = interval(a.quantity, ctx.slack), interval(b.quantity, ctx.slack)
        if meets(ia, (100.0 - ib[1], 100.0 - ib[0])):
            continue
        reported.add((id(a), id(b)))
        yield self.finding(b, f"{written(a)} {x} and {written(b)} {y} are complements: they add up to "
                           f"{fmt(a.value + b.value)}%, not 100% ({written(b)} would be {fmt(100 - a.value)}%)",
                           [Evidence.of(a)], expected=round(100 - a.value, 6), verdict="mismatch")


_NEGATIONS = ("dis", "un", "in", "im", "ir", "il", "non", "non-", "mis")
_THIRD_OUTCOME = re.compile(r"\b(?:rest|remaining|remainder|others?|neither|mixed|ties?|tied|unsure|undecided|neutral|"
                            r"partly|partially|skipped|abstain\w*)\b", re.I)
# the label after a share: "62% of answers correct", "41% incorrect", "90% are safe", "12% as unsafe"
_LABEL_AFTER = re.compile(r"\s*(?:of\s+(?:the\s+)?[\w-]+\s+)?(?:(?:are|is|were|was|as|marked|rated|judged)\s+)?"
                          r"(?:as\s+)?(?P<label>[a-z][\w-]+)\b")


def _labelled_complements(ctx: Context):
    """Pairs of shares in one sentence whose labels negate each other ('62% correct and 41%
    incorrect'): found by the words, whatever the metric reading."""
    text = ctx.document.text
    seen = set()
    for claim in ctx.claims:
        if claim.sentence in seen:
            continue
        seen.add(claim.sentence)
        shares = [c for c in ctx.sentence_claims(claim) if c.quantity.dimension == "percent"
                  and not c.quantity.bound and not c.quantity.approx and not c.quantity.signed]
        if len(shares) != 2 or _THIRD_OUTCOME.search(ctx.sentence_text(claim)):
            continue  # "55% helpful, 30% unhelpful, the rest mixed": not two halves of one whole
        labels = {}
        for c in shares:
            m = _LABEL_AFTER.match(text, c.quantity.end)
            if m:
                labels[id(c)] = m.group("label")
        for i, a in enumerate(shares):
            for b in shares[i + 1:]:
                x, y = labels.get(id(a)), labels.get(id(b))
                if x and y and x != y and any(y == p + x or x == p + y for p in _NEGATIONS):
                    yield a, b, x, y


def _metric_name(claim: Claim) -> str:
    return re.sub(r"[\s_]+", " ", (claim.metric_text or claim.metric).lower()).strip()


def _negated_names(name: str) -> set[str]:
    """Complements found by the words themselves: the names that negate `name` ('agreement'
    and 'disagreement', 'answered' and 'unanswered', 'correct' and 'incorrect', 'safe' and
    'unsafe')."""
    if not name:
        return set()
    names = {prefix + name for prefix in _NEGATIONS}
    names |= {name[len(prefix):] for prefix in _NEGATIONS if name.startswith(prefix) and len(name) > len(prefix)}
    return names - {name, ""}


def _complements() -> dict[str, str]:
    from ..lexicon import load_jsonl  # the lexicon file itself: no spaCy needed to check
    return {row["id"]: row["complement"] for row in load_jsonl("metrics.jsonl") if row.get("complement")}


def _shared_figure(ctx: Context, a: Claim, b: Claim) -> tuple[Claim, Claim] | None:
    """A figure (not a setting) stated identically in both claims' sentences: what links them."""
    for x in ctx.sentence_claims(a):
        if x is a or x.kind == "setting":
            continue
        for y in ctx.sentence_claims(b):
            if y is b or y.kind == "setting":
                continue
            if x.text == y.text and x.quantity.dimension == y.quantity.dimension and a.sentence != b.sentence:
                return x, y
    return None


@rule("CC107", "unit-scale-slip", "semantics")
def check_unit_slips(ctx: Context):
    """The same figure with a unit or scale that differs: ms against s, M against B.

    What it checks: figures for the same subject and metric whose digits agree but whose unit
    or scale word differs by a factor of 1000 (or 60, 1024): "120 ms" and "120 s", "7B" and
    "7M parameters". Notation alone is not a slip: "8B" and "8 billion" are the same.
    Why it matters: a unit slip changes a figure by orders of magnitude while looking right.
    Example: "latency of 120 ms" in the summary and "120 s per request" in the body.
    How to fix: correct the unit or scale word.
    """
    self = RULES["CC107"]
    for group in _groups(ctx, ignore_conditions=True):
        # only figures with the same digits can be a unit slip: pairs are formed within those
        # (a group of one figure stated n times is then not n squared pairs)
        by_digits: dict[float, list[Claim]] = {}
        for claim in group:
            q = claim.quantity
            by_digits.setdefault(float(f"{q.value / q.scale if q.scale else q.value:.9g}"), []).append(claim)
        for alike in by_digits.values():
            if len({(c.quantity.unit, c.quantity.scale) for c in alike}) < 2:
                continue  # one way of writing it: no slip among them
            for i, a in enumerate(alike):
                for b in alike[i + 1:]:
                    if a.sentence != b.sentence and is_unit_slip(a, b) and not same_figure(a, b, ctx.slack):
                        yield self.finding(
                            b, f"{written(b)} on line {b.line} against {written(a)} on line {a.line} for "
                            f"{b.metric_text or b.metric} of {b.subject}: same digits, units "
                            f"{fmt(max(a.quantity.base_value(), b.quantity.base_value()) / min(a.quantity.base_value(), b.quantity.base_value()), 0)}× apart",
                            [Evidence.of(a)], expected=a.value, verdict="unit-slip")
