"""Wording rules: the words that give a figure its meaning, checked within a digest and against
its sources.

- CC206 acronym-expansion: an acronym spelled out otherwise than its source (or the metric
  lexicon) spells it out;
- CC207 qualifier-conflict: one thing described with contradictory qualifiers ('non-reactive'
  here, 'reactive' there), or the same figures stated under two settings of one type.

Definitions are found by their structure ('Long Form (LF)', 'LF (Long Form)', 'LF = long form',
'LF stands for long form'); an expansion is the shortest run of words before or inside the
parentheses whose letters spell the acronym in order (Schwartz and Hearst's rule).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..model import Claim, Evidence, Quantity
from ..extract.vocabulary import settings_found, settings_in
from .base import RULES, Context, digits_written, figure_stretch, rule, settings_conflict, written

# an acronym: two to ten characters, a capital first, at least two capitals ('MoE', 'PDMS', 'GAE')
_ACRONYM = r"[A-Z][A-Za-z0-9-]{1,9}"
_LONG_THEN_SHORT = re.compile(r"(?<![\w'-])(?P<long>(?:[A-Za-z][\w'-]*[ \t]+){0,9}[A-Za-z][\w'-]*)[ \t]*\((?P<short>" + _ACRONYM + r")\)")
_SHORT_THEN_LONG = re.compile(r"\b(?P<short>" + _ACRONYM + r")[ \t]*\((?P<long>[A-Za-z][\w' -]{3,80}?)\)")
_SHORT_EQUALS_LONG = re.compile(r"\b(?P<short>" + _ACRONYM + r")[ \t]*(?:=|:|stands for|is short for)[ \t]+"
                                r"(?P<long>[A-Za-z][\w'-]*(?:[ \t]+[A-Za-z][\w'-]*){1,8})")


def _is_acronym(short: str) -> bool:
    return sum(ch.isupper() for ch in short) >= 2 and not short.isdigit()


def _letters(short: str) -> str:
    return "".join(ch for ch in short.lower() if ch.isalnum())


def expansion_of(short: str, words_text: str, before: bool) -> str:
    """The words of `words_text` that spell `short` (Schwartz-Hearst): every letter of the acronym
    found in order, the first at the start of a word; with `before`, the shortest such run ending
    the text, else the whole text when it spells the acronym. Empty when no run spells it."""
    letters = _letters(short)
    if not letters:
        return ""
    words = words_text.split()
    if not words:
        return ""
    spans = range(len(words) - 1, -1, -1) if before else [0]
    for first in spans:
        candidate = " ".join(words[first:]) if before else " ".join(words)
        if len(words) - first > len(letters) + 5:
            break
        if _spells(letters, candidate):
            return candidate
    return ""


def _spells(letters: str, text: str) -> bool:
    """Do the letters occur in order in `text`, the first starting a word, scanning from the end
    (the rule of Schwartz and Hearst, 2003)?"""
    lower = text.lower()
    i = len(lower) - 1
    for k in range(len(letters) - 1, -1, -1):
        ch = letters[k]
        while i >= 0 and (lower[i] != ch or (k == 0 and i > 0 and lower[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


def definitions(text: str) -> list[tuple[str, str, int]]:
    """(acronym, expansion, offset of the expansion) of every definition in a text."""
    out = []
    for m in _LONG_THEN_SHORT.finditer(text):
        short = m.group("short")
        if _is_acronym(short):
            long = expansion_of(short, m.group("long"), before=True)
            if long:
                out.append((short, long, m.start("long") + m.group("long").rfind(long.split()[0])))
    for pattern in (_SHORT_THEN_LONG, _SHORT_EQUALS_LONG):
        for m in pattern.finditer(text):
            short = m.group("short")
            if _is_acronym(short):
                long = expansion_of(short, m.group("long"), before=False) or expansion_of(
                    short, m.group("long"), before=True)
                if long and long.split()[0][:1].lower() == _letters(short)[:1]:
                    out.append((short, long, m.start("long")))
    return out


def _norm(expansion: str) -> str:
    return re.sub(r"[\s_-]+", " ", expansion.casefold()).strip()


def _agree(a: str, b: str) -> bool:
    """One expansion written two ways ('Mixture of Experts', 'mixture-of-experts'; 'PDM score',
    'PDM Score'), or one the longer form of the other."""
    a, b = _norm(a), _norm(b)
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    from rapidfuzz import fuzz
    return fuzz.ratio(a, b) >= 90


@lru_cache(maxsize=1)
def _lexicon_expansions() -> dict[str, tuple[str, ...]]:
    """Acronym -> its expansions, from the metric lexicon's `expansion` fields."""
    from ..lexicon import load_jsonl
    out: dict[str, tuple[str, ...]] = {}
    for row in load_jsonl("metrics.jsonl"):
        for short, long in (row.get("expansions") or {}).items():
            out[short] = out.get(short, ()) + (long,)
    return out


def _anchor(ctx: Context, offset: int, text: str, kind: str, value: float = 0.0) -> Claim:
    location = ctx.document.locate(offset)
    quantity = Quantity(text=text, start=offset, end=offset + len(text), value=value, decimals=0)
    return Claim(document=ctx.document.name, quantity=quantity, kind=kind, line=location.line,
                 column=location.column, sentence=(offset, offset + len(text)))


def _uses(ctx: Context, short: str, skip: int) -> list[Evidence]:
    """The digest's other uses of an acronym, as evidence of what the expansion governs."""
    out = []
    for m in re.finditer(r"(?<![\w-])" + re.escape(short) + r"(?![\w-])", ctx.document.text):
        line = ctx.document.locate(m.start()).line
        if line != skip and all(e.line != line for e in out):
            out.append(Evidence(document=ctx.document.name, line=line, column=1, text=short, value=None))
        if len(out) >= 3:
            break
    return out


@rule("CC206", "acronym-expansion", "wording", severity="warning")
def check_acronym_expansion(ctx: Context):
    """An acronym the digest spells out otherwise than its source, or the metric lexicon, does.

    What it checks: every definition in the digest ('Mixture of Experts (MoE)', 'GAE (Generalized
    Advantage Estimation)', 'SER = substitution error rate') against the definitions of the same
    acronym in the sources, and, where no source defines it, the lexicon's expansions of metrics
    and benchmarks.
    Why it matters: a wrong expansion changes what a figure measures ('sentence error rate' is not
    'substitution error rate') and is copied by every reader.
    Example: the digest says 'PDMS (Planning Driving Metric Score)'; the metric is the PDM Score
    (Predictive Driver Model Score).
    How to fix: spell the acronym out as the paper does.
    """
    self = RULES["CC206"]
    theirs: dict[str, list[tuple[str, Evidence]]] = {}
    for source in ctx.sources:
        for short, long, offset in definitions(source.document.text):
            location = source.document.locate(offset)
            theirs.setdefault(short, []).append((long, Evidence(document=source.name, line=location.line,
                                                                column=location.column, text=long, value=None,
                                                                page=location.page)))
    seen = set()
    for short, long, offset in definitions(ctx.document.text):
        if (short, _norm(long)) in seen:
            continue
        seen.add((short, _norm(long)))
        stated = theirs.get(short)
        if stated:
            if any(_agree(long, other) for other, _ in stated):
                continue
            right, evidence = stated[0]
            where = f"{Path(evidence.document).name} line {evidence.line}"
            claim = _anchor(ctx, offset, long, "acronym")
            yield self.finding(claim, f"{short} spelled out as '{long}', but the source spells it "
                               f"'{right}' ({where})", [evidence] + _uses(ctx, short, claim.line),
                               verdict="contradicted")
            continue
        known = _lexicon_expansions().get(short)
        if known and not any(_agree(long, other) for other in known):
            claim = _anchor(ctx, offset, long, "acronym")
            yield self.finding(claim, f"{short} spelled out as '{long}', but it stands for '{known[0]}' "
                               f"(metric lexicon)", _uses(ctx, short, claim.line), verdict="contradicted")


# 'non-reactive' and 'reactive', 'open-loop' and 'closed-loop': qualifiers of one kind that
# exclude each other, as data in patterns/settings.json ('opposites')
# ('not' negates a qualifier only before an adjective: 'not reactive', never 'does not start')
_NEGATED = re.compile(r"(?<![\w-])(?:non[ -](?P<word>[a-z]{4,})|not (?P<adjective>[a-z]{2,}(?:ive|al|ic|ous|able|ible|ary)))\b", re.I)


@lru_cache(maxsize=1)
def _opposites() -> tuple[tuple[str, str], ...]:
    from ..lexicon import load_json
    return tuple(tuple(pair) for pair in load_json("settings.json").get("opposites", ()))


_BREAK = re.compile(r"[.!?](?=\s)|\n")


class _Sentences:
    """The sentence (or line) holding an offset: from the last stop or line break before it to the
    next one after it. Stops and breaks are found once, then looked up: a search back through a
    long line for each name is quadratic."""

    def __init__(self, text: str):
        self.length = len(text)
        self.breaks = [m.start() for m in re.finditer(r"\n", text)]
        self.stops = [m.start() for m in re.finditer(r"[.!?] ", text)]
        self.ends = [m.start() for m in _BREAK.finditer(text)]

    def around(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self.breaks, offset) - 1       # a break before the offset
        stop = bisect.bisect_right(self.stops, offset - 2) - 1   # a stop and its space before it
        start = max(self.breaks[line] if line >= 0 else -1, self.stops[stop] if stop >= 0 else -1)
        end = bisect.bisect_left(self.ends, offset)
        return start + 1, (self.ends[end] if end < len(self.ends) else self.length)


# a name as written: camel case ('DriveSim'), capitals ('NAVSIM', 'MMLU-Pro'), or with digits
_NAME = re.compile(r"(?<![\w-])(?:[A-Z][a-z]+[A-Z][\w-]*|[A-Z]{2,}[\w-]*|[A-Z][a-z]*\d[\w-]*)(?![\w-])")


@rule("CC207", "qualifier-conflict", "wording", severity="warning")
def check_qualifier_conflict(ctx: Context):
    """One benchmark or setting described with qualifiers that exclude each other, or the same
    figures stated under two settings of one type.

    What it checks: (1) a benchmark the digest reports figures on, qualified in one place by a word
    and elsewhere by its negation or its opposite ('non-reactive' / 'reactive', 'open-loop' /
    'closed-loop') in the sentences that name it; (2) the same figures of the same system (a
    change 'from 7.15 to 6.09', a score) stated twice under different values of one setting type
    ('4-bit' and '3-bit', 'zero-shot' and '25-shot'); (3) a setting the digest fixes for every
    figure ('so everything below is zero-shot'), or for each benchmark it names ('all figures:
    CityParts on its test split, HarborSeg on its validation split'), that a sentence stating figures
    on another line contradicts ('in this 25-shot setting', 'on the HarborSeg test split'); (4) one
    figure of one system restated on another line under another value of one setting type
    ('test-other WER falls to 5.5%', later 'its 5.5% WER on dev-other'), where no statement of it
    agrees and the sentence does not say the figures coincide ('also', 'the same').
    Why it matters: the qualifier says what the figure measures; two that exclude each other mean
    one of the statements is wrong, and a reader cannot tell which.
    Example: 'NAVSIM (Non-reactive Autonomous Vehicle Simulation)' and later 'NAVSIM evaluates on
    reactive simulation'.
    How to fix: describe the benchmark and setting as the source does, once.
    """
    self = RULES["CC207"]
    text = ctx.document.text
    # (1) a word and its negation or opposite around one name: the names' places found in one pass
    places: dict[str, list[int]] = {}
    sentences = _Sentences(text)
    for m in _NAME.finditer(text):
        if not ctx.document.in_code(m.start()):
            places.setdefault(m.group(0).casefold(), []).append(m.start())
    # every name's places in text order: a qualifier belongs to the name nearest it in its
    # sentence ('GPT-5 (reasoning) and GPT-4.1 (non-reasoning)' qualifies each its own)
    every = sorted((offset, k) for k, offsets in places.items() for offset in offsets)
    every_starts = [offset for offset, _ in every]

    def owner(position: int, start: int, end: int) -> str:
        i = bisect.bisect_right(every_starts, position)
        near = [every[j] for j in (i - 1, i) if 0 <= j < len(every) and start <= every[j][0] < end]
        return min(near, key=lambda e: abs(e[0] - position))[1] if near else ""

    systems = _called_systems(text)
    for key, offsets in sorted(places.items()):
        if len(offsets) < 2 or key in systems:
            continue  # 'the XNNPACK library ... single-threaded ... multi-threaded': a system's modes, not a benchmark's
        name = text[offsets[0]:offsets[0] + len(key)]
        found: dict[str, list[tuple[int, str]]] = {}
        spans = sorted({sentences.around(offset) for offset in offsets})
        negated = set()
        for start, end in spans:
            for n in _NEGATED.finditer(text, start, end):
                if owner(n.start(), start, end) != key:
                    continue
                word = (n.group("word") or n.group("adjective")).lower()
                negated.add(word)
                found.setdefault(word, []).append((n.start(), "non-" + word))
        words = negated | {w for pair in _opposites() for w in pair}
        for start, end in spans:
            lowered = text[start:end].lower()
            for word in words:
                for w in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", lowered):
                    if not re.search(r"(?:non|not)[ -]$", lowered[max(0, w.start() - 4):w.start()]) and \
                            owner(start + w.start(), start, end) == key:
                        found.setdefault(word, []).append((start + w.start(), word))
        reported = set()
        for word, places in found.items():
            negated = [p for p in places if p[1] == "non-" + word]
            plain = [p for p in places if p[1] == word]
            pairs = [(negated, plain)] if negated and plain else []
            for a, b in _opposites():
                if word == a and b in found:
                    pairs.append((places, found[b]))
            for first, second in pairs:
                if any(_one_table(ctx, p[0], q[0]) for p in first for q in second):
                    # two rows of one table ('DeepSphere, weighted loss' over '..., non-weighted loss'): two variants
                    continue
                # one of each, on two lines: in one line it is a contrast the writer draws
                pair = next(((p, q) for p in sorted(first) for q in sorted(second)
                             if ctx.document.locate(p[0]).line != ctx.document.locate(q[0]).line), None)
                if pair is None:
                    continue
                here, there = min(pair), max(pair)
                key = (name, here[1], there[1])
                if key in reported:
                    continue
                reported.add(key)
                claim = _anchor(ctx, there[0], there[1], "qualifier")
                earlier = ctx.document.locate(here[0]).line
                yield self.finding(claim, f"{name} is '{there[1]}' here but '{here[1]}' on line {earlier}",
                                   [Evidence(document=ctx.document.name, line=earlier, column=1, text=here[1], value=None)],
                                   verdict="contradicted")
    yield from _against_a_global_setting(ctx, self)
    yield from _one_figure_under_two_settings(ctx, self)
    # (2) the same figures of one system under two values of one setting type
    # (each group of figures is compared with the few distinct settings seen with it before and
    # reported once, so the work stays linear in the sentences)
    seen: dict[tuple, list[tuple[frozenset, Claim]] | None] = {}
    for _, claims in sorted(ctx._by_sentence.items()):
        figures = tuple(sorted(c.quantity.text for c in claims if c.kind not in ("setting", "scale")))
        if len(figures) < 2 or (figures in seen and seen[figures] is None):
            continue
        b = claims[0]
        sb = settings_in(ctx.sentence_text(b))
        earlier = seen.setdefault(figures, [])
        clash = next(((sa, a) for sa, a in earlier if settings_conflict(sa, sb)), None)
        if clash is None:
            if len(earlier) < _SETTINGS_KEPT and all(sa != sb for sa, _ in earlier):
                earlier.append((sb, b))
            continue
        seen[figures] = None
        sa, a = clash
        kind = next((k for k in sorted({x.split(":")[0] for x in sa} & {x.split(":")[0] for x in sb})
                     if {x for x in sa if x.startswith(k + ":")} != {x for x in sb if x.startswith(k + ":")}), "")
        va = ", ".join(sorted(x.split(":", 1)[1] for x in sa if x.startswith(kind + ":")))
        vb = ", ".join(sorted(x.split(":", 1)[1] for x in sb if x.startswith(kind + ":")))
        yield self.finding(b, f"the figures {' and '.join(figures)} are stated under {vb} here but under "
                           f"{va} on line {a.line}", [Evidence.of(a)], verdict="contradicted")


# setting types whose two values are two conditions of one measurement: the same figure stated
# under both is one of them misnamed (a task or a configuration names what was run, not how)
_RESTATED_TYPES = frozenset({"split", "shots", "precision", "hardware", "resolution", "context", "pass@k",
                             "temperature", "gpus", "batch"})
# a sentence saying that its figure coincides with another ('also 4.6% on dev-other', 'the same 4.6%')
_COINCIDENCE = re.compile(r"\b(?:also|too|as\s+well|again|same|likewise|both|identical|equally|matches|unchanged)\b", re.I)
_CLAUSE_REACH = 300  # characters either side of a figure within which its clause is found
_MIN_RESTATED_DIGITS = 2  # significant digits of a figure whose restatement is taken for the same figure


def _one_figure_under_two_settings(ctx: Context, self):
    """CC207 (4): one figure of one system stated on two lines under two values of one setting type
    ('test-other WER falls to 5.5%', later 'its 5.5% WER on dev-other'). A prose figure's setting
    is what its own stretch of its sentence names of that type, one value only; a table cell's,
    what its row labels, headers and caption name. Flagged where no other statement of the figure
    agrees with it, the two owners are not two systems, and the later sentence does not say the
    figures coincide."""
    text = ctx.document.text
    headings = {section.title.casefold() for section in ctx.document.sections}
    by_figure: dict[tuple, list[Claim]] = {}
    for c in ctx.claims:
        q = c.quantity
        digits = digits_written(c).lstrip("0")
        if c.kind in ("setting", "scale") or q.high is not None or q.bound or q.word or \
                len(digits.rstrip("0") if not q.decimals else digits) < _MIN_RESTATED_DIGITS or \
                (not q.decimals and len(digits) < 3):
            continue
        by_figure.setdefault((round(q.value, 6), q.decimals, q.unit or "%"), []).append(c)

    def settings_of(c: Claim) -> dict[str, str]:
        q = c.quantity
        cell = ctx.document.cell_at(q.start)
        if cell is not None:
            context = " ".join([f"{h} {v}" for h, v in cell.labels] + list(cell.headers) + [cell.caption])
        else:
            # 'start from the 1040 ms checkpoint, whose 5.5% is on dev-other' (a clause is looked for
            # near the figure only: a sentence of a thousand figures is not scanned for each)
            near = (max(c.sentence[0], q.start - _CLAUSE_REACH), min(c.sentence[1], q.end + _CLAUSE_REACH))
            context = figure_stretch(text, replace(c, sentence=near))
        typed: dict[str, set[str]] = {}
        for setting in settings_in(context):
            kind, _, value = setting.partition(":")
            if kind in _RESTATED_TYPES:
                typed.setdefault(kind, set()).add(value)
        return {k: next(iter(v)) for k, v in typed.items() if len(v) == 1}

    for claims in by_figure.values():
        # a figure stated more often than a digest restates one is a common value, not one figure
        if len({c.line for c in claims}) < 2 or len(claims) > _SETTINGS_KEPT:
            continue
        mentions = [(c, settings_of(c)) for c in claims]
        for i, (b, sb) in enumerate(mentions):
            if ctx.document.cell_at(b.quantity.start) is None and _COINCIDENCE.search(ctx.sentence_text(b)):
                continue
            for kind, value in sorted(sb.items()):
                agreeing = [c for c, s in mentions if c is not b and s.get(kind) == value]
                clashing = [(a, sa) for a, sa in mentions[:i] if kind in sa and sa[kind] != value
                            and a.line != b.line and not _one_table(ctx, a.quantity.start, b.quantity.start)
                            and not _refines(sa[kind], value) and not _refines(value, sa[kind])
                            and not _two_owners(a.subject, b.subject, headings)]
                if agreeing or not clashing:
                    continue
                a, sa = clashing[0]
                yield self.finding(b, f"{written(b)} is stated under {kind} {value} here but under "
                                   f"{kind} {sa[kind]} on line {a.line}", [Evidence.of(a)], verdict="contradicted")
                break


def _two_owners(a: str, b: str, headings: set[str]) -> bool:
    """Are two figures' owners two systems? Not where either was read as a heading (a title names
    everything under it, no one system)."""
    a, b = a.casefold(), b.casefold()
    return bool(a and b and a != b and a not in headings and b not in headings)


def _one_table(ctx: Context, a: int, b: int) -> bool:
    """Do two offsets stand in cells of one table?"""
    x, y = ctx.document.cell_at(a), ctx.document.cell_at(b)
    return x is not None and y is not None and x.table == y.table


@lru_cache(maxsize=1)
def _called_system_pattern() -> re.Pattern:
    """A name followed by a noun that makes it software or a model ('the XNNPACK library')."""
    from ..lexicon import load_json
    nouns = "|".join(re.escape(n) for n in sorted(load_json("frames.json")["system_kinds"], key=len, reverse=True))
    return re.compile("(" + _NAME.pattern + r")[ \t]+(?:" + nouns + r")\b")


def _called_systems(text: str) -> set[str]:
    """Names the text calls a piece of software or a model somewhere, case-folded."""
    return {m.group(1).casefold() for m in _called_system_pattern().finditer(text)}


_SETTINGS_KEPT = 8  # distinct settings of one group of figures compared; more is not a digest

# a sentence that sets one value of a setting for everything: 'so everything below is zero-shot',
# 'all numbers are on the validation split'
# ('both test sets' fixes nothing but its own figures: the universal word must speak of the figures)
_UNIVERSAL = re.compile(r"\b(?:everything|throughout|(?:all|both|every|each)(?:\s+(?:of\s+)?(?:the\s+)?[\w-]+){0,2}?\s+"
                        r"(?:numbers?|figures?|results?|scores?|values?|runs?|evaluations?|rows?|cells?|entries|"
                        r"files?|models?|checkpoints?))\b", re.I)
_EXCEPTION = re.compile(r"\b(?:except|unless|apart\s+from|other\s+than|unlike|instead|separately|(?:in|by)\s+contrast|"
                        r"whereas|while|but)\b", re.I)
_GLOBAL_TYPES = frozenset({"shots", "split"})  # settings a digest fixes for all its figures at once


def _against_a_global_setting(ctx: Context, self):
    """CC207 (3): a setting the digest fixes for all its figures ('each file records num_fewshot 0,
    so everything below is zero-shot') that a later sentence contradicts for some of them ('in
    this 25-shot setting, ARC-Challenge ...'). The fixing sentence names one value of the type and
    a universal word, and no exception; the contradicting one stands on another line, names
    another value of that type and no exception or contrast."""
    text = ctx.document.text
    stating = {c.sentence for c in ctx.claims} | {c.sentence for c in ctx.unframed()}
    # a sentence fixing each benchmark's setting may state no figure itself ('All figures are
    # J&F: SA-V on its test split, MOSE on its validation split')
    around = _Sentences(text)
    sentences = sorted(stating | {around.around(m.start()) for m in _UNIVERSAL.finditer(text)
                                  if not ctx.document.in_code(m.start())})
    fixed: dict[str, tuple[str, int]] = {}
    per_name: dict[tuple[str, str], tuple[str, int]] = {}  # (type, name) -> (setting, where it was fixed)
    for start, end in sentences:
        found = [f for f in settings_found(text[start:end]) if f[2] in _GLOBAL_TYPES]
        by_type: dict[str, set[str]] = {}
        for _, _, kind, setting in found:
            by_type.setdefault(kind, set()).add(setting)
        sentence = text[start:end]
        universal = _UNIVERSAL.search(sentence) and not _EXCEPTION.search(sentence)
        named = _named_values(sentence, found)
        if universal:
            for kind, values in by_type.items():
                names = {named.get(f, "").casefold() for f in found if f[2] == kind}
                if len(values) > 1 and "" not in names and len(names) == len(values):
                    # 'SA-V on its test split, MOSE on its validation split': one value per name
                    for f in found:
                        if f[2] == kind and named.get(f):
                            per_name.setdefault((kind, named[f].casefold()), (f[3], start))
        elif per_name and not _EXCEPTION.search(sentence):
            finding = _against_a_named_setting(ctx, self, (start, end), found, named, per_name)
            if finding is not None:
                yield finding
        # a sentence fixes one value for everything where it states figures, or records the
        # configuration with a number of its own ('num_fewshot 0'): not a bare 'all ... zero-shot'
        recorded = (start, end) in stating or any(re.search(r"\d", sentence[a:b]) for a, b, _, _ in found)
        for kind, values in by_type.items() if recorded else ():
            if kind not in fixed:
                if universal and len(values) == 1:
                    fixed[kind] = (next(iter(values)), start)
                continue
            value, at = fixed[kind]
            line_fixed = ctx.document.locate(at).line
            if ctx.document.locate(start).line == line_fixed or _EXCEPTION.search(sentence) or values == {value}:
                continue
            if all(_refines(v, value) or _refines(value, v) for v in values):
                continue  # 'test-other' under 'both test sets': a part of the setting fixed, not another
            results = [c for c in ctx.claims_between(start, end) if c.kind not in ("setting", "scale")]
            if not results:
                continue  # 'also ships a five-shot run (num_fewshot 5)': another run named, no result stated under it
            other = next(f for f in found if f[2] == kind and f[3] != value)
            written_text = sentence[other[0]:other[1]]
            digits = re.search(r"\d+(?:\.\d+)?", written_text)
            if digits:
                claim = _anchor(ctx, start + other[0], written_text, "qualifier",
                                float(digits.group(0)) if digits else 0.0)  # ('25-shot' is 25, for what it says)
            else:
                # a setting in words ('in its five-shot run') qualifies the result beside it: point at that
                claim = min(results, key=lambda c: abs(c.quantity.start - (start + other[0])))
            yield self.finding(claim, f"'{written_text}' here, but line {line_fixed} sets every figure to "
                               f"{value.split(':', 1)[1]}", [Evidence(document=ctx.document.name, line=line_fixed,
                                                                       column=1, text=value.split(':', 1)[1], value=None)],
                               verdict="contradicted")
            del fixed[kind]  # one finding per fixed setting


def _named_values(sentence: str, found) -> dict:
    """For each setting found in a sentence, the name its clause gives it: the nearest name before
    it in the clause ('MOSE on its validation split'), else the first after it ('the test split of
    MOSE'); '' where its clause names none."""
    out = {}
    for f in found:
        a, b = f[0], f[1]
        left = max(sentence.rfind(mark, 0, a) for mark in ",;:(")
        right = min((i for i in (sentence.find(mark, b) for mark in ",;:)") if i >= 0), default=len(sentence))
        before = [m.group(0) for m in _NAME.finditer(sentence, left + 1, a)]
        after = [m.group(0) for m in _NAME.finditer(sentence, b, right)]
        out[f] = before[-1] if before else after[0] if after else ""
    return out


def _against_a_named_setting(ctx: Context, self, sentence: tuple[int, int], found, named: dict, per_name: dict):
    """CC207 (3) for a setting the digest fixed per benchmark ('All figures: SA-V on its test split,
    MOSE on its validation split') that a sentence stating figures contradicts for one of them
    ('On the MOSE test split, ... scores 71.8'), on another line."""
    start = sentence[0]
    if not ctx.claims_between(*sentence):
        return None  # a sentence without figures says nothing the digest reports
    for f in found:
        name = named.get(f, "")
        key = (f[2], name.casefold())
        if not name or key not in per_name:
            continue
        value, at = per_name[key]
        line_fixed = ctx.document.locate(at).line
        if _refines(f[3], value) or _refines(value, f[3]) or ctx.document.locate(start).line == line_fixed:
            continue  # ('test-clean' is a test split)
        written_text = ctx.document.text[start + f[0]:start + f[1]]
        claim = _anchor(ctx, start + f[0], written_text, "qualifier")
        del per_name[key]  # one finding per fixed setting
        return self.finding(claim, f"{name} '{written_text}' here, but line {line_fixed} puts {name} on "
                            f"{value.split(':', 1)[1]}", [Evidence(document=ctx.document.name, line=line_fixed, column=1,
                                                                   text=value.split(':', 1)[1], value=None)],
                            verdict="contradicted")
    return None


def _refines(setting: str, other: str) -> bool:
    """Is one typed setting the other or a part of it ('split:test-clean' of 'split:test')?"""
    return setting == other or setting.startswith(other + "-")
