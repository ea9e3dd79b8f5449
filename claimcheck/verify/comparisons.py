"""Comparison rules: 'beats', 'above', 'largest' against the numbers the text gives."""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from ..extract.vocabulary import settings_in
from ..model import Claim, Evidence
from .base import RULES, Context, base_interval, claim_at, direction_known, label, rule, same_subject, settings_conflict, topics_compatible, written

# Quality words say which method is better, so they flip for lower-is-better metrics (FID,
# WER, latency); numeric words say which number is larger, whatever the metric.
# ('Top-1', 'top 5': a metric or a rank by its number, not the verb)
_ABOVE = re.compile(r"\b(?:beats?|beating|outperform(?:s|ing)?|surpass(?:es|ing)?|tops?(?![-\s]?\d)|topping|ahead\s+of|"
                    r"better\s+than|improves\s+on|improving\s+on|edges\s+out|edging\s+out|edges\s+past)\b", re.I)
_BELOW = re.compile(r"\b(?:trails?|trailing|behind|underperforms?|worse\s+than|falls\s+short\s+of)\b", re.I)
_FASTER = re.compile(r"\b(?:faster|quicker)\b", re.I)
_SLOWER = re.compile(r"\bslower\b", re.I)
_NUMERIC_ABOVE = re.compile(r"\b(?:above|exceed(?:s|ing)?|higher\s+than|greater\s+than|more\s+than)\b", re.I)
_NUMERIC_BELOW = re.compile(r"\b(?:below|under|lower\s+than|less\s+than|fewer\s+than)\b", re.I)
_COMPARED_KINDS = ("score", "percent", "time", "throughput", "memory")


def _own_figure(ctx: Context, anchor: Claim) -> Claim | None:
    """The subject's figure a comparison with `anchor` speaks of: in the same frame and dimension,
    in the sentence (before the compared figure), else the one the document states for it."""
    def eligible(c: Claim) -> bool:
        return (c is not anchor and c.role in ("", "to") and c.kind in _COMPARED_KINDS + ("change",)
                and not c.quantity.bound and c.quantity.dimension == anchor.quantity.dimension
                and topics_compatible(c, anchor) and not same_subject(c.subject, anchor.subject))
    same = [c for c in ctx.sentence_claims(anchor) if eligible(c)]
    if same:
        return min(same, key=lambda c: abs(c.quantity.start - anchor.quantity.start))
    if any(c.role in ("", "to") and c.kind != "setting" for c in ctx.sentence_claims(anchor) if c is not anchor):
        return None  # the sentence states the subject's figure in another frame: not comparable
    subject = next((c.subject for c in ctx.sentence_claims(anchor) if c.role != "baseline" and c.subject), "")
    own = ctx.figure_of(subject, anchor) if subject else None
    return own if own is not None and not same_subject(own.subject, anchor.subject) else None


@rule("CC104", "comparison-contradicted", "comparisons")
def check_comparisons(ctx: Context):
    """Comparison words against the numbers given.

    What it checks: "beats", "exceeds", "above", "outperforms" (and "below", "trails") between
    the subject's figure and each compared method's figure in parentheses or after "versus",
    respecting metrics where lower is better (FID, perplexity, WER, latency, error rate, loss);
    and comparisons stated without figures ("A also has lower latency than B", "A beats B on
    tail latency") against the figures the document gives both; "A beats B on every benchmark"
    (or "on all three tasks") against each benchmark both have a figure on, and "on k of the n
    benchmarks" counted over them where the document gives both a figure on exactly n. Superlatives
    are CC109.
    Why it matters: an ordering the numbers contradict misleads more than a wrong decimal.
    Example: "FID 7.9, better than Baseline-X (7.1)": lower FID is better, so 7.9 is worse.
    How to fix: correct the figures or the wording of the comparison.
    """
    self = RULES["CC104"]
    for claim in ctx.claims:
        if claim.role != "baseline" or claim.kind not in _COMPARED_KINDS:
            continue
        text = _text_before(ctx, claim)
        words = [(m, quality, up) for pattern, quality, up in ((_ABOVE, True, True), (_BELOW, True, False),
                                                               (_NUMERIC_ABOVE, False, True), (_NUMERIC_BELOW, False, False),
                                                               (_FASTER, "speed", True), (_SLOWER, "speed", False))
                 for m in pattern.finditer(text) if not _no_comparison(text, m)]
        if len({up for _, _, up in words}) != 1:
            continue  # no comparison word, or both directions ("above X but below Y")
        match, quality, up = max(words, key=lambda w: w[0].start())  # the word nearest the figure
        if _PARITY.search(text, match.end()):
            continue  # '... outperforming all open models and competitive with GPT-5 (80.6%)': parity is said of this one
        own = _own_figure(ctx, claim)
        if own is None:
            continue
        if quality == "speed":
            # "decodes faster than X (39.6 vs 44.9 tok/s)", "faster at the median: 44 ms vs 38 ms":
            # faster is less time or more throughput
            if claim.quantity.dimension not in ("time", "rate") or own.quantity.dimension != claim.quantity.dimension:
                continue
            lower = claim.quantity.dimension == "time"
        else:
            if quality and not (direction_known(own) or direction_known(claim)):
                continue  # "leads at 7.4%, ahead of 7.6%" of a measure whose better way is not known
            lower = (own.lower_is_better or claim.lower_is_better) and quality
        above, below = (match, None) if up else (None, match)
        a, b = base_interval(own.quantity, ctx.slack), base_interval(claim.quantity, ctx.slack)
        own_better = a[1] < b[0] if lower else a[0] > b[1]
        own_worse = a[0] > b[1] if lower else a[1] < b[0]
        said = (above or below).group(0)
        if above and own_worse or below and own_better:
            direction = "lower is better" if lower else "higher is better"
            yield self.finding(
                claim, f"'{said}' {label(claim)}, but {own.subject or 'the subject'} has "
                f"{written(own)} ({(claim.metric_text or claim.metric) + ': ' if (claim.metric_text or claim.metric) else ''}{direction})",
                [Evidence.of(own), Evidence.of(claim)], expected=None, verdict="contradicted")
    yield from _numberless(ctx, self)
    yield from _universal(ctx, self)


# 'the top proprietary model': an adjective, no verb; 'surpassing most models': a comparison with
# an unnamed part of a set, not with the figure that follows
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.I)
_QUANTIFIER_AFTER = re.compile(r"\s+(?:most|many|some|several|nearly|almost|half|a\s+few|few)\b", re.I)


_PARITY = re.compile(r"\b(?:competitive(?:ly)?\s+with|on\s+par\s+with|comparabl[ey]\s+(?:to|with)|close\s+to|"
                     r"similar\s+to|in\s+line\s+with|matching|level\s+with)\b", re.I)


def _no_comparison(text: str, match) -> bool:
    """A comparison word used as no comparison of the figure after it."""
    return bool(_ARTICLE_BEFORE.search(text, max(0, match.start() - 5), match.start())
                or _QUANTIFIER_AFTER.match(text, match.end()))


def _text_before(ctx: Context, claim: Claim) -> str:
    """The sentence up to a figure, where its comparison word stands."""
    start, _ = claim.sentence
    return ctx.document.text[start:claim.quantity.start]


# "A also has lower latency than B", "A is faster than B", "A beats B on tail latency": a
# comparison with no figure of its own, checked against the figures the document gives both
_COMPARATIVE_THAN = re.compile(
    r"\b(?P<word>(?i:lower|higher|better|worse|faster|slower|quicker|cheaper|smaller|larger|fewer|more\s+accurate|"
    r"less\s+accurate))\s+(?P<noun>(?:[\w@.-]+\s+){0,3}?)(?i:than)\s+(?P<other>(?:[A-Z]|[a-z]{1,3}[A-Z])[\w.+/-]*(?:[ -][A-Z0-9][\w.+/-]*)?)")
_QUALITY_VERB = re.compile(r"\b(?P<word>(?i:beats?|outperforms?|surpasses|tops|edges\s+out|trails?|lags?\s+behind|"
                           r"falls\s+behind))\s+(?:the\s+)?"
                           r"(?P<other>(?:[A-Z]|[a-z]{1,3}[A-Z])[\w.+/-]*(?:[ -][A-Z0-9][\w.+/-]*)?)(?:\s+(?i:on|in)\s+(?P<noun>[^,.;]{2,40}))?")
_SPEED_WORDS = {"faster", "slower", "quicker"}


def _numberless(ctx: Context, self):
    text = ctx.document.text
    for start, end in list(_figureless_sentences(ctx)) + _figure_free_tails(ctx):
        sentence = text[start:end]
        for pattern in (_COMPARATIVE_THAN, _QUALITY_VERB):
            for m in pattern.finditer(sentence):
                actor = _actor_before(ctx, sentence[:m.start()])
                other = _known_name(ctx, m.group("other").rstrip(".,;:"))
                if not actor or same_subject(actor, other):
                    continue
                if _UNIVERSAL.match(m.group("noun") or ""):
                    continue  # `_universal` goes through every sentence for these
                found = _compared_figures(ctx, actor, other, m.group("word").lower(), m.group("noun"))
                if found is None:
                    continue
                mine, theirs, sense = found
                said_in = settings_in(sentence)
                if settings_conflict(said_in, mine.setting) or settings_conflict(said_in, theirs.setting):
                    continue  # "On an A100, however, A is faster": the figures given are another setting's
                a, b = base_interval(mine.quantity, ctx.slack), base_interval(theirs.quantity, ctx.slack)
                wrong = a[0] > b[1] if sense == "lower" else a[1] < b[0]
                if wrong:
                    said = re.sub(r"\s+", " ", m.group(0)).strip().rstrip(".,;:")
                    quality = m.group("word").lower() not in ("lower", "higher", "smaller", "larger", "fewer")
                    direction = f"; {sense} is better" if quality else ""
                    yield self.finding(
                        mine, f"'{said}' for {actor}, but {actor} has {written(mine)} against {theirs.subject}'s "
                        f"{written(theirs)} ({mine.metric_text or mine.metric or mine.kind}{direction})",
                        [Evidence.of(mine), Evidence.of(theirs)], expected=None, verdict="contradicted")


# 'on every benchmark', 'on all three tasks', 'in each split': the comparison holds for every pair
_UNIVERSAL = re.compile(r"\s*(?:every|each|all)\b", re.I)


def _universal(ctx: Context, self):
    """'A beats B on every benchmark' in any sentence of prose, figures in it or not (its only
    figure may be the count of what is compared: 'on all three benchmarks')."""
    text = ctx.document.text
    paired: dict[tuple[str, str], list] = {}  # (actor, other) -> their pairs of figures, found once
    for s in re.finditer(r"[^.!?\n]+(?:[.!?]+|\n|$)", text):
        if ctx.document.in_code(s.start()) or ctx.document.cell_at(s.start()) is not None:
            continue
        sentence = s.group(0)
        for m in _QUALITY_VERB.finditer(sentence):
            counted = _COUNT_OF.match(m.group("noun") or "")
            if not _UNIVERSAL.match(m.group("noun") or "") and counted is None:
                continue
            actor = _actor_before(ctx, sentence[max(0, m.start() - 200):m.start()])  # (bounded: one long line of these)
            other = _known_name(ctx, m.group("other").rstrip(".,;:"))
            if actor and not same_subject(actor, other):
                if (actor, other) not in paired:
                    paired[(actor, other)] = _figure_pairs(ctx, actor, other)
                pairs = _of_named_table(ctx, paired[(actor, other)], _table_named(text, s.start(), s.end()))
                if counted is not None:
                    yield from _count_finding(ctx, self, m, counted, s.start(), actor, pairs, sentence)
                else:
                    yield from _every_finding(ctx, self, m, actor, pairs, sentence)


# 'Table 16 shows ...', 'in Tab. 3': the table a paragraph speaks of (bounded: linear)
_TABLE_NAMED = re.compile(r"\bTab(?:le|\.)\s?(?P<number>[A-Z]?\d{1,3}[a-z]?)\b")


def _table_named(text: str, start: int, end: int) -> str:
    """The number of the one table the paragraph holding a sentence names, up to the sentence's
    end ('Table 16 shows the worst case ... B lags behind C on all categories'); '' for none or several."""
    paragraph = text.rfind("\n\n", 0, start) + 1
    named = {m.group("number") for m in _TABLE_NAMED.finditer(text, paragraph, end)}
    return next(iter(named)) if len(named) == 1 else ""


def _of_named_table(ctx: Context, pairs: list[tuple[Claim, Claim]], number: str) -> list[tuple[Claim, Claim]]:
    """The pairs a paragraph naming a table speaks of: none from a table captioned with another
    number (figures of Table 15 say nothing of 'Table 16 shows ...', whether or not Table 16 is
    in the document); pairs of prose or of an uncaptioned table stay."""
    if not number:
        return pairs

    def other_table(c: Claim) -> bool:
        cell = ctx.document.cell_at(c.quantity.start)
        captioned = _TABLE_NAMED.match(cell.caption.strip()) if cell is not None and cell.caption else None
        return captioned is not None and captioned.group("number") != number
    return [(a, b) for a, b in pairs if not other_table(a) and not other_table(b)]


# 'on 7 of the 9 tasks', 'on two out of three benchmarks': how many of how many (bounded: linear)
_COUNT_OF = re.compile(r"\s*(?P<k>\d{1,3}|[a-z]{3,9})\s+(?:of|out\s+of)\s+(?:the\s+|its\s+|their\s+)?"
                       r"(?P<n>\d{1,3}|[a-z]{3,9})\b", re.I)


def count_of(written: str) -> int | None:
    """'7' or 'seven' as a count; None for anything else."""
    from ..extract.numberwords import SMALL
    if written.isdigit():
        return int(written)
    value = SMALL.get(written.lower())
    return int(value) if value is not None else None


def _ahead(ctx: Context, a: Claim, b: Claim, better: bool) -> bool | None:
    """Is a ahead of b (behind, with `better` false), by the direction of their measure? None
    where the two overlap within rounding."""
    low = a.lower_is_better or b.lower_is_better
    x, y = base_interval(a.quantity, ctx.slack), base_interval(b.quantity, ctx.slack)
    if x[1] >= y[0] and y[1] >= x[0]:
        return None
    a_higher = x[0] > y[1]
    return (a_higher != low) == better


def _count_finding(ctx: Context, self, m, counted, offset: int, actor: str, pairs: list[tuple[Claim, Claim]],
                   sentence: str):
    """'A beats B on 7 of the 9 tasks': where the document gives both a figure on exactly as many
    things as the sentence counts, the things A is ahead on are counted and must be as many."""
    k, n = count_of(counted.group("k")), count_of(counted.group("n"))
    things = {(a.dataset, a.metric) for a, _ in pairs}
    if k is None or n is None or not 0 <= k <= n or n < 2 or len(things) != n or len(pairs) != n:
        return  # not a count, or not the figures of exactly what it counts: nothing to go through
    said_in = settings_in(sentence)
    if any(settings_conflict(said_in, a.setting) or settings_conflict(said_in, b.setting) for a, b in pairs):
        return
    better = not m.group("word").lower().startswith(("trail", "lag", "fall"))
    ahead = [_ahead(ctx, a, b, better) for a, b in pairs]
    if None in ahead:
        return  # a tie within rounding: whether it counts is the writer's call
    wins = [pair for pair, yes in zip(pairs, ahead) if yes]
    if len(wins) == k:
        return
    said = re.sub(r"\s+", " ", m.group(0)).strip().rstrip(".,;:")
    where = ", ".join(a.dataset or a.metric_text or a.metric for a, _ in wins) or "none of them"
    at = offset + m.start("noun") + counted.start("k")
    # the count's own figure where it was read ('7 of the 9'), else its word ('seven')
    anchor = claim_at(ctx, at, at + len(counted.group("k")), float(k))
    yield self.finding(anchor, f"'{said}' for {actor}, but of the {n} {actor} and {pairs[0][1].subject} both have a "
                       f"figure on, {actor} is {'ahead' if better else 'behind'} on {len(wins)} ({where})",
                       [Evidence.of(a) for a, _ in pairs] + [Evidence.of(b) for _, b in pairs], expected=len(wins),
                       verdict="contradicted")


def _figure_pairs(ctx: Context, actor: str, other: str) -> list[tuple[Claim, Claim]]:
    """(actor's, other's) figure on each benchmark and metric both have one figure on."""
    pairs = []
    candidates = [c for c in ctx.claims if c.kind in ("score", "percent") and not c.quantity.bound and c.role != "from"]
    mine = [c for c in candidates if same_subject(c.subject, actor)]
    theirs: dict[tuple, list[Claim]] = {}
    for c in candidates:
        if same_subject(c.subject, other):
            theirs.setdefault((c.dataset, c.metric, c.measure, c.quantity.dimension), []).append(c)
    for a in mine:
        match = [b for b in theirs.get((a.dataset, a.metric, a.measure, a.quantity.dimension), ())
                 if not settings_conflict(a.setting, b.setting)]
        if len(match) == 1:
            pairs.append((a, match[0]))
    return pairs


def _every_finding(ctx: Context, self, m, actor: str, pairs: list[tuple[Claim, Claim]], sentence: str):
    """'A beats B on every benchmark': each benchmark (or metric) the document gives both a figure
    on must agree; the first that does not is reported, with how many more."""
    word = m.group("word").lower()
    if len({(a.dataset, a.metric) for a, _ in pairs}) < 2 or len(pairs) != len({(a.dataset, a.metric) for a, _ in pairs}):
        return  # fewer than two things both are measured on, or one measured twice: nothing to go through
    said_in = settings_in(sentence)
    better = not word.startswith(("trail", "lag", "fall"))
    wrong = []
    for a, b in pairs:
        if settings_conflict(said_in, a.setting) or settings_conflict(said_in, b.setting):
            continue
        low = a.lower_is_better or b.lower_is_better
        sense = ("lower" if low else "higher") if better else ("higher" if low else "lower")
        x, y = base_interval(a.quantity, ctx.slack), base_interval(b.quantity, ctx.slack)
        if (x[0] >= y[1] if sense == "lower" else x[1] <= y[0]):
            wrong.append((a, b))
    if not wrong:
        return
    a, b = wrong[0]
    said = re.sub(r"\s+", " ", m.group(0)).strip().rstrip(".,;:")
    where = a.dataset or a.metric_text or a.metric
    more = f", and on {len(wrong) - 1} more of the {len(pairs)}" if len(wrong) > 1 else f" (1 of the {len(pairs)})"
    yield self.finding(a, f"'{said}' for {actor}, but on {where} {actor} has {written(a)} against {b.subject}'s "
                       f"{written(b)}{more}", [Evidence.of(a), Evidence.of(b)], expected=None, verdict="contradicted")


def _figureless_sentences(ctx: Context):
    """Sentences of prose that state no figure: where the document's sentences are, minus those
    its claims stand in."""
    text = ctx.document.text
    with_figures = sorted({c.sentence for c in ctx.claims})
    starts = [s[0] for s in with_figures]
    reach = list(accumulate((s[1] for s in with_figures), max))  # the furthest end up to each start
    for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|\n|$)", text):
        span = (m.start(), m.end())
        if not m.group(0).strip() or ctx.document.in_code(m.start()) or ctx.document.cell_at(m.start()) is not None:
            continue
        before = bisect_left(starts, span[1]) - 1  # the last figure sentence starting before this one ends
        if before >= 0 and reach[before] > span[0]:
            continue  # it overlaps a sentence with figures
        yield span


def _figure_free_tails(ctx: Context) -> list[tuple[int, int]]:
    """The part of each sentence after its last figure ('A 2.31 vs B 2.19 → A beats B'): a
    comparison said after the figures it rests on."""
    last: dict[tuple[int, int], int] = {}
    for c in ctx.claims:
        last[c.sentence] = max(last.get(c.sentence, 0), c.quantity.end)
    return [(end, sentence[1]) for sentence, end in last.items() if sentence[1] - end > 8]


def _actor_before(ctx: Context, before: str) -> str:
    """The name a figureless comparison is about: a subject the document gives figures for,
    named last before the comparative ('Lumen-v2 also has lower latency than ...'), or a short
    form of one ('Tern' for 'Tern-L')."""
    subjects = ctx.subjects_re()  # one pattern for every subject: a pattern per name is quadratic
    found = [(m.start(), m.group(0)) for m in subjects.finditer(before)] if subjects else []
    if found:
        position, name = max(found, key=lambda f: (f[0], len(f[1])))
        return name
    last = re.search(r"([A-Z][\w.+/-]*)\W*$", before)
    if last:
        short = [n for n in {c.subject for c in ctx.claims if c.subject} if same_subject(last.group(1), n)]
        if len(short) == 1:
            return short[0]
    return ""


def _compared_figures(ctx: Context, actor: str, other: str, word: str, noun: str):
    """The two subjects' figures on what the comparison is about, and which end is better for
    its word ('lower' or 'higher' wins); None unless each has exactly one such figure."""
    noun = (noun or "").strip().lower()
    if word in _SPEED_WORDS:
        kinds = ("time", "throughput", "speedup")
    elif word == "cheaper":
        kinds = ("cost",)
    else:
        kinds = ("score", "percent", "time", "throughput", "memory", "cost")
    candidates = [c for c in ctx.claims if c.kind in kinds and not c.quantity.bound and c.role != "from"
                  and (not noun or _about(c, noun))]
    mine = [c for c in candidates if same_subject(c.subject, actor)]
    theirs = [c for c in candidates if same_subject(c.subject, other)]
    pairs = [(a, b) for a in mine for b in theirs if a.quantity.dimension == b.quantity.dimension
             and topics_compatible(a, b) and a.measure == b.measure and not settings_conflict(a.setting, b.setting)]
    if noun and len(pairs) > 1:
        # "on tail latency (p99 TTFT)": the pair the most of the compared words describe
        best = max(_overlap(a, noun) + _overlap(b, noun) for a, b in pairs)
        pairs = [(a, b) for a, b in pairs if _overlap(a, noun) + _overlap(b, noun) == best]
    if len({(a.quantity.start, b.quantity.start) for a, b in pairs}) != 1:
        return None
    a, b = pairs[0]
    if word in ("lower", "smaller", "fewer"):
        sense = "lower"
    elif word in ("higher", "larger"):
        sense = "higher"
    elif word in _SPEED_WORDS:
        quick_low = a.kind == "time"
        sense = ("lower" if quick_low else "higher") if word != "slower" else ("higher" if quick_low else "lower")
    elif word == "cheaper":
        sense = "lower"
    else:
        better = word in ("better", "more accurate", "beat", "beats", "outperforms", "outperform", "surpasses", "tops") \
            or word.startswith("edges")
        low = a.lower_is_better or b.lower_is_better
        sense = ("lower" if low else "higher") if better else ("higher" if low else "lower")
    return a, b, sense


def _overlap(claim: Claim, noun: str) -> int:
    words = set(re.findall(r"[a-z0-9@]+", noun.lower()))
    said = set(re.findall(r"[a-z0-9@]+", f"{claim.metric} {claim.metric_text} {claim.dataset}".lower().replace("_", " ")))
    settings = {x.split(":", 1)[1] for x in claim.setting if ":" in x}
    return len(words & (said | settings))


def _about(claim: Claim, noun: str) -> bool:
    """Is a figure about the thing a comparison names ('latency', 'tail latency (p99 TTFT)')?"""
    words = set(re.findall(r"[a-z0-9@]+", noun))
    said = set(re.findall(r"[a-z0-9@]+", f"{claim.metric} {claim.metric_text} {claim.dataset}".lower().replace("_", " ")))
    settings = {x.split(":", 1)[1] for x in claim.setting if ":" in x}
    return bool(words & (said | settings))


def _known_name(ctx: Context, name: str) -> str:
    """A compared name as the document's figures give it ('Skua-XL' for 'Skua-XL', 'vLLM 0.6.3'
    for 'vLLM')."""
    names = {c.subject for c in ctx.claims if c.subject}
    if name in names:
        return name
    close = [n for n in names if same_subject(name, n)]
    return close[0] if len(close) == 1 else name
