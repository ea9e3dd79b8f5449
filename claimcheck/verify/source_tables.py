"""Comparisons against the whole source table: a digest's superlative about a figure the source
supports is checked against every other system the table gives a figure of that frame."""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Claim, Evidence
from .base import (RULES, Context, base_interval, claim_at, direction_known, fmt, interval, meets, metrics_compatible, rule, same_dataset,
                   same_subject, settings_conflict, written)
from .sources import _THRESHOLD_VERB, _named_settings, _names_match, _norm, _source_of, source_verdicts, usable_sources
from .superlatives import _OWN_PHRASE, _SUPERLATIVE, _WORDS, _clause_start, _hedged, _qualified, _sentence_around


# a superlative scoped to a set the digest names (CC109 checks those), or narrowed ('for its size')
_SCOPED = re.compile(r"\b(?:among|amongst|of\s+the\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)|"
                     r"of\s+(?:these|those|them|both)|in\s+(?:its|their)\s+(?:class|size|tier|range|league)|"
                     r"for\s+(?:its|their|a)\s+(?:size|class|budget|price)|than|except|apart\s+from|other\s+than|"
                     r"excluding|open[- ](?:weight|source)|closed[- ]source|proprietary)\b", re.I)


def _rivals(source, cell_claim: Claim) -> list[Claim]:
    """The source's figures in the same table for the same benchmark, metric and configuration,
    of other systems: what a superlative about `cell_claim` ranks it against, whether the
    table's systems stand in rows or in columns."""
    document = source.document
    cell = document.cell_at(cell_claim.quantity.start)
    if cell is None or not cell_claim.subject or not (cell_claim.metric or cell_claim.dataset):
        return []  # a figure of nothing named ranks against nothing
    out = []
    mine = system_of(cell_claim)
    for other in source.claims:
        if other is cell_claim or not other.subject or same_subject(system_of(other), mine):
            continue
        theirs = document.cell_at(other.quantity.start)
        if theirs is None or theirs.table != cell.table or other.quantity.dimension != cell_claim.quantity.dimension:
            continue
        if other.dataset != cell_claim.dataset or other.metric != cell_claim.metric:
            continue
        # a variant is part of the system's name ('OpenAI' over 'o1-mini', 'QwQ-32B' over 'Preview')
        if settings_conflict(_frame_settings(other), _frame_settings(cell_claim)) or \
                {x.split(":")[0] for x in _frame_settings(other)} != {x.split(":")[0] for x in _frame_settings(cell_claim)}:
            continue
        out.append(other)
    return out


def _frame_settings(claim: Claim) -> frozenset:
    return frozenset(x for x in claim.setting if not x.startswith("variant:"))


def system_of(claim: Claim) -> str:
    """A figure's system with its variant, as a table's two header levels name it: 'OpenAI o1-mini'."""
    variants = sorted(x.split(":", 1)[1] for x in claim.setting if x.startswith("variant:"))
    return " ".join([claim.subject] + variants)


def _supporting_cells(ctx: Context) -> tuple[dict, list]:
    """(id of a digest claim -> the source cell that supports it, the sources checked against)."""
    cells = {id(c): d for c, v, _, d in source_verdicts(ctx) if v in ("supported", "rounded") and d is not None}
    return cells, usable_sources(ctx)


def _phrase_figure(ctx: Context, sentence: tuple[int, int], match) -> Claim | None:
    """The figure the superlative's own phrase states ('the lowest Pile loss, 1.808' does not;
    'the lowest interrupt rate (21%)' does), or None."""
    text = ctx.document.text
    after = ctx.figures_between(match.end(), sentence[1])
    if after and _OWN_PHRASE.fullmatch(text, match.end(), after[0].quantity.start):
        return after[0]
    return None


def _wants(word: str, claim: Claim) -> str:
    """'max' or 'min': which end of the column the superlative says its figure holds."""
    sense = _WORDS.get(word, "")
    if sense in ("max", "min"):
        return sense
    if sense in ("faster", "slower"):
        fast = "min" if claim.quantity.dimension == "time" else "max"
        return fast if sense == "faster" else ("max" if fast == "min" else "min")
    if sense in ("better", "worse"):
        good = "min" if claim.lower_is_better else "max"
        return good if sense == "better" else ("max" if good == "min" else "min")
    return ""


def _beats(other: Claim, crowned: Claim, end: str) -> bool:
    """Does `other` lie beyond `crowned` at that end, whatever the rounding of either?"""
    lo, hi = base_interval(other.quantity)
    clo, chi = base_interval(crowned.quantity)
    return lo > chi if end == "max" else hi < clo


@rule("CC208", "superlative-against-source", "source")
def check_superlative_against_source(ctx: Context):
    """A superlative about a figure that its source's own table contradicts.

    What it checks: "X is the best on MMLU", "the fastest configuration", "the lowest error" where
    the digest's figure is supported by a cell of a source table: every other system's figure in that table
    for the same benchmark, metric and configuration is compared (systems in rows or in columns), with the metric's direction (lower error, latency and FID are better;
    lower time is faster). A superlative narrowed by a qualifier ("the best open-weight model")
    or hedged ("one of the best") is not checked, since the digest does not say which rows
    qualify. Where the sentence names the figure's source cell by the table's own labels (row
    label and column header), the superlative, or a place ("is first on NDCG@20", "ranks
    second", "the runner-up"), is checked against that column's other rows directly, with the
    better end from the header's words or the figure's metric. "The only one above a threshold"
    ("the only masked case that moves more than 2000 GB/s (2064 GB/s)", "the only method whose
    average tops 95, at 95.60") is checked against the other systems beside the figure's cell,
    found by its value. "X has the highest AUC on 8 of the 20 binary tasks" is counted over the
    things X has a figure on in the source table X labels.
    Why it matters: the digest's own figures may all agree with the paper while the crown it
    gives does not; a reader checking only the quoted cell never sees the row that wins.
    Example: the digest calls Kite "the best on GSM8K at 61.0"; the paper's table has 61.0 for
    Kite and 63.4 for Hawk.
    How to fix: crown the row the table favours, or narrow the superlative to the rows it holds for.
    """
    self = RULES["CC208"]
    verdicts, sources = _supporting_cells(ctx)
    if not sources:
        return
    yield from rank_findings(ctx, self, sources)
    yield from only_findings(ctx, self, sources)
    yield from counted_best_findings(ctx, self, sources)
    text = ctx.document.text
    done = set()
    for match in _SUPERLATIVE.finditer(text):
        if ctx.document.in_code(match.start()):
            continue
        word = " ".join(match.group("word").lower().split())
        sentence = _sentence_around(ctx, match.start())
        if sentence is None or _qualified(text, match.end()) or _hedged(text, sentence[0], match.start()):
            continue
        if _SCOPED.search(text, sentence[0], sentence[1]):
            continue  # 'the best of the three', 'among open models': the digest names the compared set
        supported = [c for c in ctx.claims_between(*sentence) if id(c) in verdicts and c.role != "baseline"]
        if not supported:
            found = _by_named_cell(ctx, self, match, word, sentence, sources)
            if found is not None and id(found.claim) not in done:
                done.add(id(found.claim))
                yield found
            continue
        # the crowned figure: the one the superlative's own phrase states ('the fastest of the
        # eight at 2.81 cpb'), else the supported one nearest it in its own clause
        own = _phrase_figure(ctx, sentence, match)
        if own is not None:
            if id(own) not in verdicts:
                continue  # the phrase states a figure the sources do not support: nothing to rank
            crowned = own
        else:
            clause = [c for c in supported if c.quantity.start >= _clause_start(text, sentence[0], match.start())]
            if not clause:
                continue  # the supported figures stand in another clause than the superlative
            crowned = min(clause, key=lambda c: abs(c.quantity.start - match.start()))
        if id(crowned) in done:
            continue
        cell = verdicts[id(crowned)]
        source = _source_of(cell, sources)
        if source is None:
            continue
        end = _wants(word, cell)
        if not end:
            continue
        rivals = [m for m in _rivals(source, cell) if _beats(m, cell, end)]
        if not rivals:
            continue
        best = (max if end == "max" else min)(rivals, key=lambda m: m.quantity.base_value())
        done.add(id(crowned))
        where = f"{Path(source.name).name} line {best.line}"
        rival = best.subject or "another row"
        yield self.finding(crowned, f"'{match.group('word')}' for {crowned.subject or 'this figure'} "
                           f"({written(crowned)}), but the source's table has {rival} at {written(best)} "
                           f"in the same table ({where}; {'higher' if end == 'max' else 'lower'} is what "
                           f"'{word}' means here)", [Evidence.of(cell), Evidence.of(best)],
                           expected=best.value, verdict="contradicted")


# a place in a ranking said of one system: 'is also first on NDCG@20', 'ranks second', 'the runner-up'
_RANK = re.compile(r"\b(?:is|ranks?|ranked|comes?|came|finish(?:es|ed)?|places?|placed|sits?)\s+(?:also\s+|now\s+)?"
                   r"(?:the\s+)?(?P<rank>first|second|third|runner-up)\b", re.I)
_PLACES = {"first": 1, "second": 2, "runner-up": 2, "third": 3}
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def _in_sentences(ctx: Context, pattern: re.Pattern):
    """(match, its sentence) for each match of a pattern outside code."""
    for match in pattern.finditer(ctx.document.text):
        if ctx.document.in_code(match.start()):
            continue
        sentence = _sentence_around(ctx, match.start())
        if sentence is not None:
            yield match, sentence


_ONLY = re.compile(r"\b(?:the\s+only|the\s+sole|alone\s+among)\b", re.I)



def only_findings(ctx: Context, self, sources):
    """CC208 for 'the only one above a threshold' ('the only masked case that moves more than
    2000 GB/s (2064 GB/s)', 'the only method whose average tops 95, at 95.60'): the figure's
    source cell, found by its value (once among the cells, or once among those of a row or column
    the sentence names), and the other systems' cells beside it (along the row where the columns
    are systems, else down the column) must not pass the threshold too."""
    from .named_cells import evidence, phrases, place
    from .sources import _cells
    text = ctx.document.text
    for match, sentence in _in_sentences(ctx, _ONLY):
        figures = ctx.figures_between(*sentence)
        thresholds = [(f, f.quantity.bound.startswith(">")) for f in figures
                      if f.quantity.bound and f.quantity.start > match.start()]
        thresholds += [(f, True) for f in figures if not f.quantity.bound and f.quantity.start > match.start()
                       # a threshold a verb sets ('whose average tops 95'), beside the bounds the
                       # quantity grammar reads ('more than 2000 GB/s')
                       and _THRESHOLD_VERB.search(text, max(match.end(), f.quantity.start - 16), f.quantity.start)]
        if len(thresholds) != 1:
            continue
        threshold, up = thresholds[0]
        words = phrases(text[sentence[0]:sentence[1]])
        for figure in sorted((f for f in figures if f is not threshold and not f.quantity.bound),
                             key=lambda f: abs(f.quantity.start - threshold.quantity.start)):
            cell = _value_anchor(figure, sources, words)
            if cell is not None:
                break
        else:
            continue
        if (cell.value <= threshold.value) if up else (cell.value >= threshold.value):
            continue  # the figure itself does not pass: the sentence says something else
        along_row = _systems_in_columns(cell)
        peers = {c.cell.start: c for c in _cells(cell.source) if c.cell.table == cell.cell.table
                 and c.cell.start != cell.cell.start
                 and ((c.cell.row == cell.cell.row) if along_row else (c.cell.column == cell.cell.column))}
        beyond = [c for c in peers.values() if (c.value > threshold.value if up else c.value < threshold.value)]
        if not beyond:
            continue
        other = max(beyond, key=lambda c: c.value) if up else min(beyond, key=lambda c: c.value)
        name = other.column if along_row else other.row
        yield self.finding(figure, f"'{match.group(0)}' {'above' if up else 'below'} {written(threshold)}, but the source's "
                           f"{cell.row if along_row else cell.column} {'row' if along_row else 'column'} has {name} at "
                           f"{other.cell.text.strip()} ({place(other)}) as well", [evidence(cell), evidence(other)],
                           expected=other.value, verdict="contradicted")


def _systems_in_columns(cell) -> bool:
    """Do the systems of a source cell's table stand in its columns? As the table's reading gives
    the cell's figure its owner (the column header or the row label), else as the learned name
    typer tells a system from a benchmark."""
    from .named_cells import compact
    from .base import system_like
    document = cell.source.document
    votes = [0, 0]  # owners read as column headers, as row labels, in the cell's table
    for c in cell.source.claims:
        theirs = document.cell_at(c.quantity.start)
        key = compact(c.subject)
        if theirs is None or theirs.table != cell.cell.table or not key:
            continue
        votes[0] += key == compact(" ".join(theirs.headers[-1:]))
        votes[1] += any(key == compact(value) for _, value in theirs.labels)
    if votes[0] != votes[1]:
        return votes[0] > votes[1]
    return system_like(cell.column) and not system_like(cell.row)


def _value_anchor(figure: Claim, sources, words: frozenset):
    """The one source cell that writes the figure's value (to its last digit), or the one among
    them whose row or column the sentence names; None where there is none or no telling."""
    from .named_cells import compact
    from .sources import _cells
    q = figure.quantity
    if q.decimals == 0 and abs(q.value) < 100:
        return None  # a small whole number stands in too many cells to place a figure
    found = {c.cell.start: c for s in sources for c in _cells(s)
             if c.decimals == q.decimals and abs(c.value - q.value) < 1e-9 * max(1.0, abs(q.value))}
    if len(found) > 1:
        found = {k: c for k, c in found.items() if compact(c.row) in words or compact(c.column) in words}
    return next(iter(found.values())) if len(found) == 1 else None


def _column_end(column: str, claim: Claim) -> str:
    """'max' or 'min': the better end of a source column, from its header's words ('NDCG@20',
    'WER') or else from the digest figure's own metric; '' where neither says."""
    words = set(re.findall(r"[a-z][a-z0-9-]*", column.lower()))
    lower, higher = _lower_higher_words()
    if words & lower and not words & higher:
        return "min"
    if words & higher and not words & lower:
        return "max"
    if direction_known(claim):
        return "min" if claim.lower_is_better else "max"
    return ""


def _lower_higher_words() -> tuple[frozenset[str], frozenset[str]]:
    from ..lexicon import load_json
    global _DIRECTION_WORDS
    if _DIRECTION_WORDS is None:
        frames = load_json("frames.json")
        _DIRECTION_WORDS = (frozenset(frames["lower_is_better_words"]), frozenset(frames["higher_is_better_words"]))
    return _DIRECTION_WORDS


_DIRECTION_WORDS: tuple | None = None


def rank_findings(ctx: Context, self, sources):
    """CC208 for a place in a ranking ('is also first on NDCG@20, with 0.1557'): the figure's
    sentence names its source cell by the table's labels and the figure agrees with it; its place
    in that column, by the column's better end, must be the one stated."""
    from .named_cells import evidence, place
    from .sources import _cells, _named_cell
    text = ctx.document.text
    for match in _RANK.finditer(text):
        if ctx.document.in_code(match.start()):
            continue
        sentence = _sentence_around(ctx, match.start())
        if sentence is None or _SCOPED.search(text, sentence[0], sentence[1]) or \
                _hedged(text, sentence[0], match.start()):
            continue  # 'second among open models': the digest names the set it ranks within
        figures = [c for c in ctx.figures_between(*sentence) if c.role != "baseline"]
        if not figures:
            continue
        crowned = min(figures, key=lambda c: abs(c.quantity.start - match.start()))
        named = _named_cell(ctx, crowned, sources, agreeing=True)
        if named is None:
            continue
        end = _column_end(named.column, crowned)
        if not end:
            continue
        column = {c.cell.start: c for c in _cells(named.source) if c.cell.table == named.cell.table
                  and c.column == named.column and c.cell.row != named.cell.row}
        ahead = sorted((c for c in column.values() if (c.value > named.value if end == "max" else c.value < named.value)),
                       key=lambda c: -c.value if end == "max" else c.value)
        stated = _PLACES[match.group("rank").lower()]
        actual = 1 + len({c.cell.row for c in ahead})
        if actual == stated:
            continue
        said = match.group("rank")
        if actual > stated:
            detail = f"{ahead[0].row} has {ahead[0].cell.text.strip()} ({place(ahead[0])})"
            proof = [evidence(named), evidence(ahead[0])]
        else:
            detail = f"only {actual - 1} row{'s' if actual != 2 else ''} of it ahead"
            proof = [evidence(named)]
        yield self.finding(crowned, f"'{said}' for {named.row} ({written(crowned)}), but in the source's {named.column} "
                           f"column it is {_ORDINALS.get(actual, f'{actual}th')} ({'higher' if end == 'max' else 'lower'} "
                           f"is better): {detail}", proof,
                           expected=ahead[stated - 1].value if len(ahead) >= stated else None, verdict="contradicted")


def _by_named_cell(ctx: Context, self, match, word: str, sentence: tuple[int, int], sources):
    """CC208 where the crowned figure's sentence names its source cell by the table's labels
    (`named_cells`) and the figure agrees with it: ranked against the other rows of that cell's
    column, whatever the source's figures were read as."""
    from .named_cells import evidence, place
    from .sources import _cells, _named_cell
    figures = [c for c in ctx.figures_between(*sentence) if c.role != "baseline"]
    if not figures:
        return None
    crowned = min(figures, key=lambda c: abs(c.quantity.start - match.start()))
    named = _named_cell(ctx, crowned, sources, agreeing=True)
    if named is None:
        return None
    end = _wants(word, crowned)
    if not end or _WORDS.get(word) in ("better", "worse") and not direction_known(crowned):
        return None
    column = {c.cell.start: c for c in _cells(named.source) if c.cell.table == named.cell.table
              and c.column == named.column and c.cell.row != named.cell.row}
    ahead = [c for c in column.values() if (c.value > named.value if end == "max" else c.value < named.value)]
    if not ahead:
        return None
    best = (max if end == "max" else min)(ahead, key=lambda c: c.value)
    return self.finding(crowned, f"'{match.group('word')}' for {named.row} ({written(crowned)}), but the source's "
                        f"{named.column} column has {best.row} at {best.cell.text.strip()} ({place(best)}; "
                        f"{'higher' if end == 'max' else 'lower'} is what '{word}' means here)",
                        [evidence(named), evidence(best)], expected=best.value, verdict="contradicted")


def _state_figures(sources, name: str, claim: Claim, sentence: str) -> list[Claim]:
    """The source's figures of one system for the claim's benchmark and metric: states, not
    changes, in tables or prose; where the sentence names one of the configurations they differ
    by, only that one's."""
    out = []
    for source in sources:
        for c in source.claims:
            if c.kind in ("delta", "speedup", "change") or c.role == "baseline" or not c.subject:
                continue
            if not _names_match(c.subject, name):
                continue
            if claim.dataset and not (c.dataset and same_dataset(c.dataset, claim.dataset)):
                continue
            if claim.metric and claim.kind != "speedup" and c.metric and not metrics_compatible(c.metric, claim.metric):
                continue
            if settings_conflict(c.setting, claim.setting - _CHANGE_MARKS):
                continue
            out.append(c)
    return _named_settings(out, sentence)


_CHANGE_MARKS = frozenset({"condition:before a stated change", "condition:after a stated change"})


def _one(figures: list[Claim]) -> Claim | None:
    """The figure when all of them are one value (up to rounding), else None."""
    if not figures:
        return None
    first = figures[0]
    return first if all(abs(f.quantity.base_value() - first.quantity.base_value()) <= 1e-9 * max(1.0, abs(first.value))
                        or f.quantity.text == first.quantity.text for f in figures) else None


def _derived(claim: Claim, own: Claim, other: Claim) -> tuple[tuple[float, float], str, float] | None:
    """(computed interval, the computation in words, its value) of a margin, multiple or percent
    change of `own` over `other`, in the claim's terms."""
    a, b = base_interval(own.quantity), base_interval(other.quantity)
    va, vb = own.quantity.base_value(), other.quantity.base_value()
    if claim.kind == "speedup":
        high, low = (a, b) if va >= vb else (b, a)
        vh, vl = max(va, vb), min(va, vb)
        if low[0] <= 0:
            return None
        return (high[0] / low[1], high[1] / low[0]), f"{fmt(vh)} / {fmt(vl)} = {fmt(vh / vl)}", vh / vl
    if claim.quantity.unit == "%" and own.quantity.unit != "%":
        if b[0] <= 0:
            return None
        diff = (abs(va - vb) - (a[1] - a[0] + b[1] - b[0]) / 2, abs(va - vb) + (a[1] - a[0] + b[1] - b[0]) / 2)
        value = abs(va - vb) / vb * 100
        return ((diff[0] / b[1]) * 100, (diff[1] / b[0]) * 100), f"|{fmt(va)} - {fmt(vb)}| / {fmt(vb)} = {fmt(value)}%", value
    spread = (a[1] - a[0] + b[1] - b[0]) / 2
    value = abs(va - vb)
    return (value - spread, value + spread), f"|{fmt(va)} - {fmt(vb)}| = {fmt(value)}", value


@rule("CC209", "derived-against-source", "source")
def check_derived_against_source(ctx: Context):
    """A margin, multiple or percent change between two named systems that their figures in the
    source do not give.

    What it checks: "X beats Y by 2.0 points on MMLU", "X is 1.8x faster than Y", "30% lower
    latency than Y", where the digest does not state the two figures but the source does: the
    figure of each system for the claim's benchmark and metric (one value each, in the
    configuration the sentence names) gives the margin (difference), multiple (larger over
    smaller) or percent change (over the named reference), compared with the rounding of all
    three figures. The same holds, however the sentence was read, where it writes the labels of
    two cells of one source table that share a row or a column (`cell_derived`): the figure is
    wrong when no reading of it (difference, multiple, percent change over either cell) agrees.
    Why it matters: a derived figure is where a digest most often goes wrong, and a reader cannot
    check it without opening the paper.
    Example: "trails OpenAI-o3 by 9.0 points on AIME 2025", where the source's table gives 76.9
    and 88.9: 12.0 points.
    How to fix: recompute the figure from the source's two cells.
    """
    self = RULES["CC209"]
    for claim, (agrees, own, other, words, value) in derived_verdicts(ctx).items():
        if agrees:
            continue
        yield self.finding(claim, f"stated {written(claim)} for {claim.subject} against {claim.baseline}; the "
                           f"source gives {written(own)} and {written(other)} ({Path(own.document).name} "
                           f"lines {own.line} and {other.line}): {words}",
                           [Evidence.of(own), Evidence.of(other)], expected=value)
    from .cell_derived import cell_derived_verdicts
    from .named_cells import evidence, place
    for claim, found in cell_derived_verdicts(ctx).items():
        if claim in derived_verdicts(ctx) or found.agrees:
            continue
        a, b = found.first, found.second
        yield self.finding(claim, f"stated {written(claim)}; the cells its sentence names give {a.row} / {a.column} "
                           f"{a.cell.text.strip()} ({place(a)}) and {b.row} / {b.column} {b.cell.text.strip()} "
                           f"({place(b)}): {found.words}", [evidence(a), evidence(b)], expected=found.value)


def derived_verdicts(ctx: Context) -> dict:
    """claim -> (agrees, own figure, reference figure, the computation in words, its value) for
    each margin or multiple between two named systems that the source does not state but
    whose two figures it gives."""
    cached = getattr(ctx, "_derived_verdicts", None)
    if cached is not None:
        return cached
    out: dict = {}
    sources = usable_sources(ctx)
    tied = {id(c): v for c, v, _, _ in source_verdicts(ctx)} if sources else {}
    for claim in ctx.claims if sources else ():
        if claim.kind not in ("delta", "speedup") or not claim.subject or not claim.baseline:
            continue
        if tied.get(id(claim)) in ("supported", "rounded", "untied") or claim.quantity.bound:
            continue  # the source states the figure itself, or the part is about another paper
        if any(c is not claim and c.kind not in ("delta", "speedup", "change") for c in ctx.sentence_claims(claim)):
            continue  # the digest states operands: the arithmetic rules check against them
        sentence = ctx.sentence_text(claim)
        own = _one(_state_figures(sources, claim.subject, claim, sentence))
        other = _one(_state_figures(sources, claim.baseline, claim, sentence))
        if own is None or other is None or own.quantity.dimension != other.quantity.dimension:
            continue
        computed = _derived(claim, own, other)
        if computed is None:
            continue
        stated = interval(claim.quantity, ctx.slack)
        stated = (abs(stated[0]), abs(stated[1])) if stated[0] >= 0 else (abs(stated[1]), abs(stated[0]))
        out[claim] = (meets(stated, computed[0], claim.quantity.bound), own, other, computed[1], computed[2])
    ctx._derived_verdicts = out
    return out


# 'edges past o1-mini', 'beats Hawk', 'ahead of the small model', 'trails GPT-4o': a comparison
# with a named rival; `up` is whether the claim's system is said to be the better one
_AHEAD = re.compile(r"\b(?:edges?\s+(?:past|out)|beats?|outperforms?|outscores?|surpass(?:es)?|exceeds?|tops|"
                    r"(?:is|stays|sits|lands|comes\s+in)?\s*ahead\s+of|leads?|bests?|overtakes?)\s+(?:the\s+)?"
                    r"(?P<name>[A-Za-z][\w.+/-]*(?:\s+[A-Za-z0-9][\w.+/-]*){0,2})", re.I)
_BEHIND = re.compile(r"\b(?:trails?|lags?\s+(?:behind)?|(?:is|stays|sits|falls|lands|comes\s+in)?\s*behind|"
                     r"loses\s+to|falls\s+short\s+of|is\s+beaten\s+by)\s+(?:the\s+)?"
                     r"(?P<name>[A-Za-z][\w.+/-]*(?:\s+[A-Za-z0-9][\w.+/-]*){0,2})", re.I)


@rule("CC210", "comparison-against-source", "source")
def check_comparison_against_source(ctx: Context):
    """'Ahead of', 'beats', 'edges past', 'trails' a named system, where the source's table gives
    both systems' figures and they say the opposite.

    What it checks: a digest figure the source supports (a cell of a table), in a sentence that
    says its system is ahead of or behind another named system; the other system's figure is
    looked up in the same table for the same benchmark, metric and configuration, and compared
    with the metric's direction (lower error, latency and perplexity are better).
    Why it matters: the figure is right and the comparison wrong; a check of the quoted cell
    alone passes it.
    Example: "it edges past o1-mini on GPQA Diamond with 54.4", where the table gives o1-mini 60.0.
    A comparison over every column ("Kite beats Hawk on every benchmark", "trails it on all four
    tasks") between two systems the sentence names by a source table's labels is checked on
    each of that table's columns (or rows) holding both, each with its own better end; so is a
    count ("beats Hawk on 13 of the 16 tasks") where the table holds both on exactly that many.
    How to fix: state the comparison the table supports.
    """
    self = RULES["CC210"]
    yield from every_findings(ctx, self, usable_sources(ctx))
    verdicts, sources = _supporting_cells(ctx)
    if not verdicts:
        return
    text = ctx.document.text
    for claim in ctx.claims:
        cell = verdicts.get(id(claim))
        if cell is None or claim.role == "baseline":
            continue
        start, end = claim.sentence
        said = [(m, True) for m in _AHEAD.finditer(text, start, end)] + [(m, False) for m in _BEHIND.finditer(text, start, end)]
        if len(said) != 1 or _SCOPED.search(text, start, end):
            continue  # none, or several comparisons in one sentence: which figure each is about is not clear
        match, up = said[0]
        source = _source_of(cell, sources)
        if source is None:
            continue
        rival_name = match.group("name")
        rivals = [r for r in _rivals(source, cell) if _names_match_start(r.subject, rival_name)
                  or _written_in(system_of(r), rival_name)]
        if not rivals:
            # the supporting figure stands in prose, or its table was not read as one: the rival's
            # figure of the claim's frame wherever the sources give it
            frame = claim if claim.dataset or claim.metric else cell
            rivals = [r for r in _state_figures(sources, _rival_name(rival_name, sources), frame, text[start:end])
                      if r.quantity.dimension == cell.quantity.dimension]
        if len({r.quantity.text for r in rivals}) != 1:
            continue
        rival = rivals[0]
        lower = cell.lower_is_better or rival.lower_is_better or claim.lower_is_better
        mine, theirs = base_interval(cell.quantity), base_interval(rival.quantity)
        better = mine[1] < theirs[0] if lower else mine[0] > theirs[1]
        worse = mine[0] > theirs[1] if lower else mine[1] < theirs[0]
        if (up and worse) or (not up and better):
            phrase = text[match.start():match.start("name")] + rival_name.split()[0]
            yield self.finding(claim, f"'{phrase.strip()}' for {cell.subject} ({written(claim)}), but the source's "
                               f"table has {rival.subject} at {written(rival)} ({Path(source.name).name} line {rival.line}; "
                               f"{'lower' if lower else 'higher'} is better)", [Evidence.of(cell), Evidence.of(rival)],
                               expected=rival.value, verdict="contradicted")


def _rival_name(written_name: str, sources) -> str:
    """The system a comparison names ('o1-mini on GPQA Diamond' is o1-mini): the longest source
    subject the written words start with, else the first word."""
    best = ""
    for source in sources:
        for c in source.claims:
            if c.subject and len(c.subject) > len(best) and _names_match_start(c.subject, written_name):
                best = c.subject
    return best or written_name.split()[0]


def _written_in(system: str, written_name: str) -> bool:
    """Does the name written after a comparison start with one word of the system's that names
    it alone ('o1-mini' of 'OpenAI o1-mini')? A vendor word alone ('OpenAI') does not: the
    written name's first word must be the system's last."""
    words = system.split()
    return len(words) > 1 and _norm(written_name).split()[:1] == _norm(words[-1]).split()[:1]


_COMPARED = (r"(?:\w+\s+){0,2}?(?:benchmarks?|tasks?|datasets?|sets?|metrics?|columns?|evaluations?|tests?|splits?|"
             r"operations?|categories|category|domains?|languages?)\b")
_EVERY = re.compile(r"\b(?:on|across|in)\s+(?:every|each|all(?:\s+(?:the|of\s+the))?)\s+" + _COMPARED, re.I)
# 'on 13 of the 16 tasks', 'in two out of three languages': how many of the compared things
_COUNTED = re.compile(r"\b(?:on|across|in)\s+(?P<k>\d{1,3}|[a-z]{3,9})\s+(?:of|out\s+of)\s+(?:the\s+|its\s+)?"
                      r"(?P<n>\d{1,3}|[a-z]{3,9})\s+" + _COMPARED, re.I)
_VERSUS = re.compile(r"\b(?P<up>beats?|outperforms?|outscores?|is\s+ahead\s+of|stays\s+ahead\s+of|wins\s+against|leads)|"
                     r"\b(?P<down>trails?|is\s+behind|lags?\s+behind|loses\s+to|falls\s+behind)\b", re.I)


def every_findings(ctx: Context, self, sources):
    """CC210 for 'X beats Y on every benchmark' where both are a source table's labels: each
    column (or row) of that table that holds both, compared with its own better end."""
    from .named_cells import compact, evidence, phrases, place
    from .sources import _cells
    if not sources:
        return
    text = ctx.document.text
    from .comparisons import count_of
    found = [(m, sentence, None) for m, sentence in _in_sentences(ctx, _EVERY)]
    for m, sentence in _in_sentences(ctx, _COUNTED):
        k, n = count_of(m.group("k")), count_of(m.group("n"))
        if k is not None and n is not None and 0 <= k <= n and n >= 2:
            found.append((m, sentence, (k, n)))
    for match, sentence, counted in found:
        verbs = list(_VERSUS.finditer(text, sentence[0], sentence[1]))
        if len(verbs) != 1:
            continue
        verb = verbs[0]
        up = verb.group("up") is not None
        before = phrases(text[sentence[0]:verb.start()])
        after = phrases(text[verb.end():match.start()] if match.start() > verb.end() else text[verb.end():sentence[1]])
        for source in sources:
            cells = _cells(source)
            # the table each label names: rows and columns alike, with the figures under each
            by_label: dict[tuple[int, str, str], dict[str, object]] = {}
            for c in cells:
                by_label.setdefault((c.cell.table, "row", compact(c.row)), {})[compact(c.column)] = c
                by_label.setdefault((c.cell.table, "col", compact(c.column)), {})[compact(c.row)] = c
            mine = [k for k in by_label if k[2] in before]
            theirs = [k for k in by_label if k[2] in after]
            pairs = [(a, b) for a in mine for b in theirs if a[0] == b[0] and a[1] == b[1] and a[2] != b[2]]
            if len(pairs) != 1:
                continue
            a, b = pairs[0]
            own, other = by_label[a], by_label[b]
            shared = sorted(set(own) & set(other))
            if len(shared) < 2:
                continue
            against = []
            for key in shared:
                x, y = own[key], other[key]
                header = x.column if a[1] == "row" else x.row
                end = _column_end(header, Claim(document="", quantity=_bare_quantity(x.value), kind="score",
                                                line=0, column=0, sentence=(0, 0)))
                end = end or "max"
                worse = x.value < y.value if end == "max" else x.value > y.value
                better = x.value > y.value if end == "max" else x.value < y.value
                if (up and worse) or (not up and better):
                    against.append((header, x, y))
            if counted is not None:
                yield from _counted_finding(ctx, self, match, verb, counted, shared, against, a, own, other)
                continue
            if not against:
                continue
            header, x, y = against[0]
            name_a, name_b = (x.row, y.row) if a[1] == "row" else (x.column, y.column)
            anchor = next(iter(ctx.figures_between(*sentence)), None) or \
                claim_at(ctx, match.start(), match.end(), float("nan"), kind="comparison")
            yield self.finding(anchor, f"'{verb.group(0)}' {name_b} '{match.group(0).strip()}', but on {header} the "
                               f"source gives {name_a} {x.cell.text.strip()} and {name_b} {y.cell.text.strip()} "
                               f"({place(x)})" + (f", and on {len(against) - 1} more" if len(against) > 1 else ""),
                               [evidence(x), evidence(y)], verdict="contradicted")


def counted_best_findings(ctx: Context, self, sources):
    """CC208 for 'X has the highest AUC on 8 of the 20 binary tasks': X a label of a source table
    (a row or a column), the counted things the other axis; on each, X's figure is compared with
    every other system's, at the superlative's end. Where X has figures on more things than
    counted, the ones carrying a label the sentence writes ('binary') are taken, if exactly as
    many. A tie for the best is the writer's call: no finding."""
    from .comparisons import count_of
    from .named_cells import evidence, phrases
    from .sources import _cells
    text = ctx.document.text
    for match, sentence in _in_sentences(ctx, _COUNTED):
        k, n = count_of(match.group("k")), count_of(match.group("n"))
        if k is None or n is None or not 0 <= k <= n or n < 2:
            continue
        supers = [m for m in _SUPERLATIVE.finditer(text, sentence[0], sentence[1])
                  if not _hedged(text, sentence[0], m.start())]
        if len(supers) != 1 or _VERSUS.search(text, sentence[0], sentence[1]):
            continue  # none, several, or a comparison with one rival (CC210)
        word = " ".join(supers[0].group("word").lower().split())
        before = phrases(text[sentence[0]:supers[0].start()])
        said = phrases(text[sentence[0]:sentence[1]])
        for source in sources:
            found = _counted_best(_cells(source), before, said, n, word)
            if found is None:
                continue
            name, wins, rows = found
            if any(tie for _, tie in rows):
                break
            if len(wins) != k:
                anchor = claim_at(ctx, match.start("k"), match.end("k"), float(k))
                yield self.finding(anchor, f"'{supers[0].group('word')}' for {name} '{match.group(0).strip()}', but of "
                                   f"the {n} the source gives it a figure on, it holds the "
                                   f"{'top' if _WORDS.get(word) in ('max', 'better', 'faster') else 'bottom'} on "
                                   f"{len(wins)}", [evidence(c) for c in wins[:3]], expected=float(len(wins)),
                                   verdict="contradicted")
            break


def _counted_best(cells, before: frozenset, said: frozenset, n: int, word: str):
    """(X's label, X's winning cells, [(cell, tied)] per thing) for the one label
    of a table that the words before a superlative write, over exactly n things; None otherwise."""
    from .named_cells import compact
    axes: dict[tuple, list] = {}
    for c in cells:
        axes.setdefault((c.cell.table, "row", compact(c.row)), []).append(c)
        axes.setdefault((c.cell.table, "col", compact(c.column)), []).append(c)
    named = [key for key in axes if key[2] and key[2] in before]
    if len(named) != 1:
        return None
    table, axis, _ = named[0]
    own = {c.cell.start: c for c in axes[named[0]]}.values()
    if len(own) != n:
        # only the things carrying a label the sentence writes ('binary' of a 'type' column)
        groups: dict[str, list] = {}
        for c in own:
            for _, value in c.cell.labels:
                if compact(value) in said:
                    groups.setdefault(compact(value), []).append(c)
        exact = [g for g in groups.values() if len({c.cell.start for c in g}) == n]
        if len(exact) != 1:
            return None
        own = {c.cell.start: c for c in exact[0]}.values()
    end = _WORDS.get(word, "")
    rows = []
    wins = []
    # every system's figure on the same thing: the same row of the table for a column label
    line_of = (lambda d: d.cell.row) if axis == "col" else (lambda d: d.cell.column)
    by_line: dict = {}
    for d in cells:
        if d.cell.table == table:
            by_line.setdefault(line_of(d), {})[d.cell.start] = d
    for c in own:
        rivals = [d for start, d in by_line.get(line_of(c), {}).items() if start != c.cell.start]
        thing_end = end if end in ("max", "min") else _column_end(c.column if axis == "row" else c.row, Claim(
            document="", quantity=_bare_quantity(c.value), kind="score", line=0, column=0, sentence=(0, 0)))
        if thing_end not in ("max", "min") or not rivals:
            return None
        values = [d.value for d in rivals]
        top = max(values) if thing_end == "max" else min(values)
        tie = c.value == top
        if (c.value > top) if thing_end == "max" else (c.value < top):
            wins.append(c)
        rows.append((c, tie))
    label = next(iter(own)).column if axis == "col" else next(iter(own)).row
    return label, wins, rows


def _counted_finding(ctx: Context, self, match, verb, counted, shared, against, a, own, other):
    """'X beats Y on 13 of the 16 tasks' against the source table both are labels of: where the
    table has both on exactly as many columns (or rows) as counted, the ones X is ahead on (not
    behind, for 'trails') must be as many. A tie on a column is the writer's call: no finding."""
    from .named_cells import evidence
    k, n = counted
    if len(shared) != n:
        return  # the table does not hold exactly what the sentence counts
    up = verb.group("up") is not None
    pairs = [(own[key], other[key]) for key in shared]
    if any(x.value == y.value for x, y in pairs):
        return
    held = n - len(against)  # the columns the sentence's direction holds on
    if held == k:
        return
    x, y = pairs[0]
    name_a, name_b = (x.row, y.row) if a[1] == "row" else (x.column, y.column)
    anchor = claim_at(ctx, match.start("k"), match.end("k"), float(k))
    yield self.finding(anchor, f"'{verb.group(0)}' {name_b} '{match.group(0).strip()}', but of the {n} the source "
                       f"gives both a figure on, {name_a} is {'ahead' if up else 'behind'} on {held}",
                       [evidence(x) for x, _ in pairs[:3]] + [evidence(y) for _, y in pairs[:3]], expected=float(held),
                       verdict="contradicted")


def _bare_quantity(value: float):
    from ..model import Quantity
    return Quantity(text=str(value), start=0, end=0, value=value, decimals=0)


def _names_match_start(subject: str, written_name: str) -> bool:
    """Does the name written after a comparison ('o1-mini on GPQA') start with the source row's
    system ('o1-mini'), or the row's name with the written one?"""
    a, b = _norm(subject), _norm(written_name)
    return bool(a and b) and (_names_match(subject, written_name) or b.startswith(a + " ") or b == a)
