"""A rate and an amount restated as their total, which the rate does not give.

'172.8K GPU hours per trillion tokens ... at that rate the 8.1T-token run works out to roughly
1.6M GPU hours' (172.8K x 8.1 = 1.40M); '45 tokens per second, so a 900-token answer takes 30
seconds' (900 / 45 = 20 s). The grammar decides which figures relate: a figure with its unit 'per'
another unit; after it, in its sentence or the next, an amount counted in one of the two units;
then, after a word that restates ('so', 'works out to', 'takes', 'costs', 'i.e.'), a total counted
in the other. Nothing about subjects or metrics needs to be read.
"""
from __future__ import annotations

import re

from ..model import Evidence
from .base import RULES, Context, claim_at, fmt, rule
from .expressions import _NUM, _SCALE, _interval

_WORD = r"[A-Za-z][\w-]*"
# a rate: '172.8K GPU hours per trillion tokens', '$2.1M per trillion tokens', '45 tokens per second'
_RATE = re.compile(r"(?<![\w.,])(?P<cur>[$€£])?(?P<r>" + _NUM + r")(?P<rs>" + _SCALE + r")(?P<ru>(?:[ \t]+" + _WORD + r"){0,2}?)"
                   r"[ \t]+per[ \t]+(?P<ps>(?:thousand|million|billion|trillion)[ \t]+)?(?P<pu>" + _WORD + r")\b", re.I)
# an amount or a total: '8.1T-token', '900-token', '1.6M GPU hours', '$40M', '30 seconds'
_FIGURE = re.compile(r"(?<![\w.,])(?P<cur>[$€£])?(?P<n>" + _NUM + r")(?P<ns>" + _SCALE + r")(?P<nu>(?:(?:[ \t]+|-)" + _WORD + r"){0,3})",
                     re.I)
# the words that restate what the rate and the amount come to, right before the total
_RESTATED = re.compile(r"(?:\bso\b|\bthus\b|\bhence\b|\bi\.e\.,?|\bthat\s+is,?|\bworks?\s+out\s+to|\bcomes?\s+to|"
                       r"\bamounts?\s+to|\btakes?\b|\btook\b|\bcosts?\b|\bmeans\b|\bgives\b|\btotals?\b|\btotall?ing\b|=|≈|"
                       r"\bwould\s+be\b|\bneeds?\b|\brequires?\b|\buses?\b|\bused\b|\byields?\b|\bconsumes?\b|"
                       r"\bspends?\b|\bburns?\b)[^.;\n\d$€£]{0,30}$", re.I)
# a figure with no unit of its own, only whose it is: '172.8K for DeepSeek-V2', '$1.9M'
_ELLIPTICAL = re.compile(r"|[ \t]+(?:for|of|on|with|at|in)(?:[ \t]+[\w-]+){0,2}", re.I)
_APPROX = re.compile(r"(?:about|roughly|around|nearly|almost|some|approximately|~)\s*$", re.I)
_REACH = 400  # characters after a rate searched for its amount and total
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_TIME = {"s": "second", "sec": "second", "secs": "second", "second": "second", "ms": "millisecond",
         "millisecond": "millisecond", "min": "minute", "mins": "minute", "minute": "minute", "h": "hour",
         "hr": "hour", "hrs": "hour", "hour": "hour", "day": "day", "week": "week"}


def _unit(words: str, currency: str | None) -> str:
    """A unit in one spelling: 'GPU hours' -> 'gpu hour', 'tokens' -> 'token', 'secs' -> 'second'."""
    if currency:
        return "$" if currency == "$" else currency
    out = []
    for word in re.split(r"[ \t-]+", words.strip().lower()):
        if not word:
            continue
        if word in _TIME:
            word = _TIME[word]
        elif word[:-1] in _TIME:  # 'hours', 'secs'
            word = _TIME[word[:-1]]
        elif word.endswith("s") and len(word) > 3:  # 'tokens' -> 'token'
            word = word[:-1]
        out.append("$" if word in ("dollar", "usd") else word)
    return " ".join(out)


def _counts_in(unit: str, words: str, currency: str | None) -> bool:
    """Does a figure written with `words` count in `unit` ('a 900-token answer' in 'token', '1.6M
    H800 GPU hours' in 'gpu hour')?"""
    said = _unit(words, currency)
    return bool(unit and said) and (said == unit or said.endswith(" " + unit) or said.startswith(unit + " "))


def _window_end(text: str, start: int, sentences: int = 2) -> int:
    """The end of the sentence after the one holding `start` (a rate's amount and total may
    stand in the sentence that follows it: 'At that rate, ...'); with `sentences=1`, of its own."""
    end, limit = start, min(len(text), start + _REACH)
    for _ in range(sentences):
        m = _SENTENCE_END.search(text, end, limit)  # (bounded: a text without stops is searched once)
        if m is None:
            return limit
        if m.group(0).startswith("\n"):
            return m.start()
        end = m.end()
    return end


@rule("CC119", "rate-mismatch", "arithmetic")
def check_rates(ctx: Context):
    """A rate and an amount restated as a total the rate does not give.

    What it checks: a figure with its unit 'per' another unit ('172.8K GPU hours per trillion
    tokens', '$2.1M per trillion tokens', '45 tokens per second'), then in its sentence or the next
    an amount counted in one of the two units ('the 8.1T-token run', 'a 900-token answer'), then,
    after a word that restates ('so', 'works out to', 'takes', 'costs', 'i.e.'), a total counted in
    the other: the rate times the amount, or the amount over the rate, with the rounding of every
    figure (a tenth more where the total is 'about' or 'roughly').
    Why it matters: a budget or a latency worked out from a rate is quoted on its own; the rate
    and the amount are right there to redo it.
    Example: '45 tokens per second, so a 900-token answer takes 30 seconds': 900 / 45 = 20 s.
    How to fix: redo the multiplication or the division.
    """
    self = RULES["CC119"]
    text = ctx.document.text
    for rate in _RATE.finditer(text):
        if ctx.document.in_code(rate.start()):
            continue
        per_unit = _unit(rate.group("pu"), None)
        own_unit = _unit(rate.group("ru"), rate.group("cur"))
        if not per_unit or not own_unit or per_unit == own_unit:
            continue
        per_scale = _SCALE_WORDS.get((rate.group("ps") or "").strip().lower(), 1.0)
        r = _interval(rate.group("r"), rate.group("rs"))
        if r[0] <= 0:
            continue
        end = _window_end(text, rate.end())
        own_sentence_end = _window_end(text, rate.end(), 1)
        figures = list(_FIGURE.finditer(text, rate.end(), end))
        for k, amount in enumerate(figures):
            if _counts_in(per_unit, amount.group("nu"), amount.group("cur")):
                multiply, total_unit = True, own_unit
            elif _counts_in(own_unit, amount.group("nu"), amount.group("cur")):
                multiply, total_unit = False, per_unit
            else:
                continue
            total = next((f for f in figures[k + 1:] if _counts_in(total_unit, f.group("nu"), f.group("cur"))), None)
            if total is None or not _RESTATED.search(text, amount.end("ns"), total.start()):
                break
            n = _interval(amount.group("n"), amount.group("ns"))
            t = _interval(total.group("n"), total.group("ns"))
            slack = 0.1 if _APPROX.search(text, max(0, total.start() - 16), total.start()) else 0.01
            # the rate, or one its sentence states again for another system ('300.6K GPU hours per
            # trillion tokens for A against 172.8K for B'): 'at that rate' may mean either, the
            # nearest the likelier
            rates = [(rate, r)] + [(f, _interval(f.group("n"), f.group("ns"))) for f in figures[:k]
                                   if f.start() < own_sentence_end - 1 and _ELLIPTICAL.fullmatch(f.group("nu"))
                                   and bool(f.group("ns")) == bool(rate.group("rs")) and f.group("cur") == rate.group("cur")]
            fits = False
            for _, rr in rates:
                if multiply:
                    corners = [a * b / per_scale for a in rr[1:] for b in n[1:]]
                else:
                    corners = [b / a * per_scale for a in rr[1:] for b in n[1:] if a > 0]
                if corners and t[1] <= max(corners) * (1 + slack) and t[2] >= min(corners) * (1 - slack):
                    fits = True
            if fits:
                break
            nearest, r_near = rates[-1]
            value = r_near[0] * n[0] / per_scale if multiply else n[0] / r_near[0] * per_scale
            stated = f"{_shown(total, 'n', 'ns')}{total.group('nu')}"
            per = f"{(_shown(rate, 'r', 'rs') if nearest is rate else _shown(nearest, 'n', 'ns'))}{rate.group('ru')} " \
                  f"per {rate.group('ps') or ''}{rate.group('pu')}"
            counted = f"{_shown(amount, 'n', 'ns')}{_first_word(amount.group('nu'))}"  # '900-token', not '900-token answer takes'
            operation = f"{per} x {counted}" if multiply else f"{counted} / {per}"
            claim = claim_at(ctx, total.start(), total.end("ns"), t[0])
            location = ctx.document.locate(rate.start())
            yield self.finding(claim, f"stated {stated}, computed {operation} = {total.group('cur') or ''}{_shown_value(value)}",
                               [Evidence(document=ctx.document.name, line=location.line, column=location.column,
                                         text=rate.group(0), value=r[0])], expected=value)
            break


def _shown(m: re.Match, number: str, scale: str) -> str:
    """A figure as written: its currency sign, digits and scale ('$2.1M', '172.8K')."""
    return f"{m.group('cur') or ''}{m.group(number)}{m.group(scale)}"


def _first_word(words: str) -> str:
    m = re.match(r"(?:[ \t]+|-)[A-Za-z][\w]*", words)
    return m.group(0) if m else ""


def _shown_value(value: float) -> str:
    """1399680000000 -> '1.4T', 1399680 -> '1.4M', 20 -> '20'."""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= scale:
            return f"{fmt(value / scale, 3)}{suffix}"
    return fmt(value)
