"""Superlatives ('the best of the three', 'the fastest entry', 'largest gain: coding') against
the figures the text gives for everything compared."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Claim, Evidence
from .base import (RULES, Context, base_interval, measure_like, metrics_compatible, rule, same_subject, settings_conflict,
                   written)

# Each superlative says which end of the compared figures its subject holds: 'better' and
# 'worse' follow the metric's direction (lower FID is better); 'max' and 'min' are numeric.
_WORDS = {
    "best": "better", "strongest": "better", "top": "better", "first place": "better", "top spot": "better",
    "most accurate": "better", "worst": "worse", "weakest": "worse", "least accurate": "worse",
    "fastest": "faster", "quickest": "faster", "slowest": "slower",
    "largest": "max", "biggest": "max", "greatest": "max", "highest": "max", "longest": "max",
    "smallest": "min", "lowest": "min", "fewest": "min", "cheapest": "min", "least": "min", "shortest": "min",
}
_SUPERLATIVE = re.compile(r"\b(?P<word>most\s+accurate|least\s+accurate|first\s+place|top\s+spot|best|strongest|worst|"
                          r"weakest|fastest|quickest|slowest|largest|biggest|greatest|highest|smallest|lowest|"
                          r"fewest|cheapest|least|longest|shortest)\b", re.I)
# what a superlative is of: a system ('model', 'entry') or a measure ('gain', 'saving', 'latency')
_SYSTEM_NOUNS = r"(?:models?|entry|entries|systems?|methods?|engines?|options?|variants?|runs?|approach|one|checkpoint)"
_HEAD = re.compile(r"\s+(?P<words>(?:(?!(?:of|in|among|on|across|at|for|to|from|with|by|the|a|an|and|or|is|was|"
                   r"so|yet|far)\b)[\w.+/-]+\s+){0,3}?)(?P<noun>" + _SYSTEM_NOUNS + r")\b", re.I)
# the subject is named after the superlative: 'Largest gain: coding', 'the largest contributor is the router'
_NAMED_AFTER = re.compile(r"[^.;:]{0,40}?(?::|\b(?:is|was|are|being|comes\s+from|came\s+from|belongs\s+to|goes\s+to)\b)\s+"
                          r"(?:the\s+|its\s+)?(?P<name>[A-Za-z][\w+/-]*(?:[.][\w+/-]+)*(?:\s+[a-z][\w-]*)?)")
# a superlative over the whole document rather than the figures beside it
_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
_WIDE = re.compile(r"\b(?:across\s+(?:the\s+|all\s+)?(?:" + _COUNT + r"\s+)?\w+|of\s+all|overall|in\s+the\s+(?:table|list|roundup|leaderboard)|"
                   r"among\s+(?:all|the\s+" + _COUNT + r")|of\s+the\s+" + _COUNT + r"|"
                   r"on\s+the\s+(?:[\w-]+\s+)?(?:leaderboard|board|table|chart))\b", re.I)
# the phrase a sentence crowns: 'The legacy pipeline was the ...', 'That makes Wren the ...'
_ACTOR_PHRASE = re.compile(r"\s*(?:(?:that|this|which)\s+makes\s+)?(?P<actor>[\w.+/-]+(?:\s+[\w.+/-]+){0,3}?)\s+"
                           r"(?:is|was|are|were|remains|becomes|stays|takes|gets|has|had|delivers|shows|posts|gives|"
                           r"achieves|offers|ranks\s+as|the)\b", re.I)
_CHANGE_NOUNS = re.compile(r"\b(?:gains?|savings?|improvements?|drops?|reductions?|cuts?|increases?|decreases?|"
                           r"boosts?|lifts?|jumps?|speedups?|effects?|contributors?|losses)\b", re.I)
# "the gain is largest on math": the superlative ranks the changes its noun names
_GAIN_IS_BEFORE = re.compile(_CHANGE_NOUNS.pattern + r"\s+(?:is|are|was|were)\s+(?:the\s+)?$", re.I)
_SCORED = ("score", "percent")
# a size superlative set off by a name in commas names a system, not the figure ranked
_SIZE_WORDS = frozenset({"smallest", "largest", "biggest"})
_APPOSITIVE = re.compile(r"\s*,\s*[\w.+/-]+(?:\s+[\w.+/-]+)?\s*,")
_LINES_BACK = 4  # lines above a superlative its compared figures may stand on
_TIMED = ("time", "throughput", "speedup")


@dataclass(frozen=True)
class _Entry:
    """One compared thing and its figure."""

    name: str
    claim: Claim


@rule("CC109", "superlative-contradicted", "comparisons")
def check_superlatives(ctx: Context):
    """A superlative that the compared figures contradict.

    What it checks: "X is the best of the three", "the fastest entry", "takes first place",
    "Largest gain: coding (+6.2 pts), ahead of ...", "the largest compute saving across the five
    papers" against the figures the text gives for everything compared: in the sentence, else
    earlier in its paragraph or list, else (for "across", "of all", "of the N", "entry") the
    whole document, tables included. "Best" and "fastest" follow the metric's direction (lower
    FID, latency and error are better); "largest" and "lowest" are numeric. Figures under a
    setting that conflicts with the subject's are not in the compared set, and a superlative
    narrowed by a qualifier ("the fastest open-weight model") is not checked, since the text
    does not say which entries qualify. Neither the crowned entry nor the one that beats it may
    be a measure by the learned name typer: words before a figure read as its entry ("Its
    LiveBench score of") contest nothing.
    Why it matters: "the best" is the claim readers remember; if a listed figure beats it, the
    headline is wrong.
    Example: "FID 11.8, against 12.4 for DiT-XL/2 and 9.6 for SiT-XL. That makes TinyDiT the
    best of the three": lower FID is better and 9.6 beats 11.8.
    How to fix: name the entry the figures favour, or correct the figures.
    """
    self = RULES["CC109"]
    text = ctx.document.text
    for match in _SUPERLATIVE.finditer(text):
        if ctx.document.in_code(match.start()) or ctx.document.cell_at(match.start()) is not None or \
                text.startswith("-", match.end()):
            # code, a table's label ('longest' as a baseline's name), or a compound that names a
            # kind ('the highest-load scenario', 'worst-case latency'): no sentence crowns
            continue
        word = re.sub(r"\s+", " ", match.group("word").lower())
        if word in _SIZE_WORDS and _APPOSITIVE.match(text, match.end()):
            continue  # 'the smallest, qwen3-4b, beats all three': a system named by its size
        sentence = _sentence_around(ctx, match.start())
        if sentence is None or _qualified(text, match.end()) or _hedged(text, sentence[0], match.start()):
            continue
        entries = _compared(ctx, sentence, match)
        if len({_key(e.name) for e in entries}) < 2:
            continue
        subject = _subject(ctx, entries, sentence, match)
        if subject is None or not _named_near(ctx, subject.name, sentence) or _key(subject.name) in _WORDS:
            continue  # no entry named, or 'the best (65.5%) and worst (28.1%)': the extremes named by the words alone
        finding = _contradiction(ctx, self, word, subject, entries, match.group("word"), sentence)
        if finding is None and _WIDE.search(text, sentence[0], sentence[1]):
            # "the weakest coder of the four": nearby lines rank other things; the whole document
            # (its table) holds the four
            wide = _compared(ctx, sentence, match, everything=True)
            finding = _contradiction(ctx, self, word, subject, wide, match.group("word"), sentence)
        if finding is not None:
            yield finding


def _sentence_around(ctx: Context, offset: int) -> tuple[int, int] | None:
    """The sentence of the claims around an offset, or the line when no claim is in it."""
    sentence = ctx.sentence_at(offset)
    if sentence is not None:
        return sentence
    text = ctx.document.text
    start = max(text.rfind("\n", 0, offset) + 1, text.rfind(". ", 0, offset) + 2)
    end = min([i for i in (text.find("\n", offset), text.find(". ", offset)) if i >= 0] or [len(text)])
    return start, end


def _qualified(text: str, end: int) -> bool:
    """'the fastest open-weight model', 'the best 7B model': words narrow the compared set."""
    head = _HEAD.match(text, end)
    return bool(head and head.group("words").strip() and not _CHANGE_NOUNS.search(head.group("words")))


def _hedged(text: str, start: int, offset: int) -> bool:
    """'one of the best', 'among the fastest', 'second-best': not a claim to be the extreme; 'at
    least 81%', 'at best': a bound; '7 first place finishes', '3 best papers': a count of them."""
    return bool(re.search(r"(?:\bone\s+of\s+the|\bamong\s+the|\bsecond[- ]|\bthird[- ]|\bnear(?:ly)?\s+the|\bnot\s+the|"
                          r"\bat(?:\s+the)?|(?<![\d.,])\d+)\s*$",
                          text[max(start, offset - 20):offset], re.I))


def _narrowed(sentence: str, entries: list[_Entry]) -> list[_Entry]:
    """The entries of the one benchmark (else metric) the sentence names, where the ranked
    figures span several: 'Kite has the highest MMLU score of the three' ranks the MMLU column of
    the table above, not its GSM8K one."""
    lowered = sentence.casefold()
    for field in ("dataset", "metric"):
        values = {getattr(e.claim, field) for e in entries if getattr(e.claim, field)}
        if len(values) < 2:
            continue
        named = [v for v in values if re.search(r"(?<![\w.-])" + re.escape(v.casefold().replace("_", " ")) + r"(?![\w-])", lowered)]
        if len(named) == 1:
            return [e for e in entries if getattr(e.claim, field) == named[0]]
    return entries


def _compared(ctx: Context, sentence: tuple[int, int], match, everything: bool = False) -> list[_Entry]:
    """The figures the superlative ranks: the sentence's, else its paragraph's before it, else
    (for a superlative over everything, or with `everything`) the document's."""
    text = ctx.document.text
    kinds = _kinds_for(match.group("word").lower(), text[match.end():match.end() + 40],
                       text[max(sentence[0], match.start() - 30):match.start()])
    said = text[sentence[0]:sentence[1]]

    def ranked(claims: list[Claim]) -> list[_Entry]:  # a window's figures, of the one benchmark the sentence names
        return _narrowed(said, _all_entries(ctx, claims, kinds))

    if everything:
        return ranked(ctx.claims)
    here = ctx.claims_between(sentence[0], sentence[1])
    entries = ranked(here)
    if len({_key(e.name) for e in entries}) >= 2:
        return entries
    # the nearest lines above it in its paragraph, one at a time: the first window that ranks
    # two things is what the superlative speaks of (a paragraph may be a whole digest's lines)
    start, _ = ctx.paragraph_span(sentence[0])
    window = text.rfind("\n", 0, sentence[0]) + 1
    for _ in range(_LINES_BACK):
        earlier = ctx.claims_between(max(start, window), sentence[1])
        entries = ranked(earlier)
        if len({_key(e.name) for e in entries}) >= 2:
            return entries
        if window <= start:
            break
        window = text.rfind("\n", 0, window - 1) + 1
        if text.startswith("#", window):
            break  # a heading opens another part
    if start == sentence[0] and start > 0:
        # a sentence that opens its paragraph speaks of the block right above it (a table, a list)
        above, _ = ctx.paragraph_span(max(0, start - 3))
        entries = ranked(ctx.claims_between(above, start))
        if len({_key(e.name) for e in entries}) >= 2:
            return entries
    if not _WIDE.search(text, sentence[0], sentence[1]):
        return entries
    return ranked(ctx.claims)


def _kinds_for(word: str, after: str, before: str = "") -> tuple[str, ...]:
    """The kinds of figure a superlative ranks: changes for 'largest gain', margins alone for
    'the gain is largest' (the scores it compares are not gains), times and rates for 'fastest',
    scores for 'best', any for 'largest' alone."""
    # (a word in capitals is a name: 'the best model on DROP' ranks scores on the DROP benchmark)
    if _CHANGE_NOUNS.search(" ".join(w for w in after.split()[:3] if not (w.strip(".,;:").isupper() and len(w) > 2))):
        return ("delta", "percent", "change")
    if _GAIN_IS_BEFORE.search(before):
        return ("delta",)
    if word in ("fastest", "quickest", "slowest"):
        return _TIMED
    if word == "cheapest":
        return ("cost",)
    if _WORDS.get(word) in ("better", "worse"):
        return _SCORED
    return _SCORED + _TIMED + ("memory", "cost", "scale")


def _all_entries(ctx: Context, claims: list[Claim], kinds: tuple[str, ...]) -> list[_Entry]:
    chosen = [c for c in claims if (c.kind in kinds or c.measure in kinds) and not c.quantity.bound
              and c.role != "from"]
    shared = _shared_subject(chosen)
    one_benchmark = len({c.dataset for c in chosen}) == 1
    out = []
    for c in chosen:
        name = c.subject or c.dataset
        if c.kind in ("delta", "change") and c.dataset and not one_benchmark and (not c.subject or c.subject == shared):
            name = c.dataset  # "coding (+6.2 pts), math (+4.8)": the categories are ranked
        elif len(chosen) > 1 and (not c.subject or c.subject == shared) and one_benchmark:
            # "removing the router costs 1.4 points, removing the memory costs 2.9": one subject,
            # the things ranked are named in each figure's clause
            name = _clause(ctx, c).strip(" -–—:") or name
        if name:
            out.append(_Entry(name, c))
    return out


def _shared_subject(claims: list[Claim]) -> str:
    subjects = {c.subject for c in claims if c.subject}
    return next(iter(subjects)) if len(subjects) == 1 else ""


def _key(name: str) -> str:
    return re.sub(r"[\s_-]+", " ", name.casefold()).strip()


def _named_near(ctx: Context, name: str, sentence: tuple[int, int]) -> bool:
    """Is the crowned a name the text writes in the superlative's paragraph? A phrase of more than
    five words, or a name only a heading gives (the newsletter's own title), crowns nothing."""
    if not name or len(name.split()) > 5:
        return False
    start, _ = ctx.paragraph_span(sentence[0])
    return name.casefold() in ctx.document.text[start:sentence[1]].casefold()


def _subject(ctx: Context, entries: list[_Entry], sentence: tuple[int, int], match) -> _Entry | None:
    """The entry the superlative crowns: named right after it ('Largest gain: coding'), else the
    nearest compared name before it in its sentence ('That makes TinyDiT the best')."""
    text = ctx.document.text
    own = _own_figure(ctx, entries, sentence, match)
    if own is not None:
        return own or None  # False: the phrase states a figure of something not ranked here
    after = _NAMED_AFTER.match(text, match.end(), sentence[1])
    candidates = []
    if after:
        named = after.group("name")
        candidates = [e for e in entries if _names(named, e.name)]
    if not candidates:
        # the names before it in its own clause: 'xAI leads on A, while Google shows the smallest
        # drop' crowns Google, never xAI
        before = text[_clause_start(text, sentence[0], match.start()):match.start()]
        found = [(before.rfind(e.name), e) for e in entries if e.name and e.name in before]
        found = [(position, e) for position, e in found if position >= 0]
        if found:
            nearest = max(position for position, _ in found)
            candidates = [e for position, e in found if position == nearest]
    if not candidates and after:
        # 'The largest single contributor is the router': a name found in the figure's clause
        named = after.group("name").split()[0]
        candidates = [e for e in entries if re.search(r"\b" + re.escape(named) + r"\b", _clause(ctx, e.claim), re.I)]
    if not candidates:
        # "The legacy pipeline was the slowest": the sentence's opening phrase, found in a ranked
        # figure's own words
        actor = _ACTOR_PHRASE.match(text, sentence[0], match.start())
        if actor:
            phrase = _key(actor.group("actor"))
            candidates = [e for e in entries if phrase and (phrase in _key(e.name) or _key(e.name) in phrase)]
    if not candidates and all(e.claim.role == "baseline" for e in entries):
        # "The fastest of the four (A: 310 ms, B: 455 ms)": the listed are the compared; the
        # crowned is the sentence's own subject, with the figure the document gives it
        own = {c.subject for c in ctx.claims_between(sentence[0], sentence[1]) if c.role != "baseline" and c.subject}
        if len(own) == 1:
            name = own.pop()
            figure = ctx.figure_of(name, entries[0].claim)
            if figure is not None and not any(same_subject(name, e.name) for e in entries):
                return _Entry(name, figure)
    if not candidates:
        # "It also posts the best MMLU score of the three, at 72.4": the one ranked figure the
        # sentence itself states is the crowned one's
        inside = [e for e in entries if sentence[0] <= e.claim.quantity.start < sentence[1]]
        if len({_key(e.name) for e in inside}) == 1:
            candidates = inside
    if not candidates:
        return None
    figures = {c.claim.value for c in candidates}
    return candidates[0] if len(figures) == 1 else None


# the superlative's own phrase up to a figure: 'the highest retention at 97.2%', 'the longest
# trial took 152 ms', 'the lowest interrupt rate (21%)' (a few words, no clause break)
_OWN_PHRASE = re.compile(r"(?:\s+[^\s,;:.!?()\[\]]+){0,5}?\s*(?:\(|\bat\s+|\bof\s+|\bwith\s+|\btook\s+|\bis\s+|\bwas\s+|:\s*|,\s*)?\s*$")


def _own_figure(ctx: Context, entries: list[_Entry], sentence: tuple[int, int], match):
    """The entry whose figure the superlative's own phrase states ('has the lowest interrupt rate
    (21%)'): that figure is the one crowned, whatever names the clauses around it give. False
    where the phrase states a figure that is not among the ranked ('the largest speedup, 3.47x'
    beside percentages); None where it states none."""
    text = ctx.document.text
    after = ctx.figures_between(match.end(), sentence[1])
    if not after or not _OWN_PHRASE.fullmatch(text, match.end(), after[0].quantity.start):
        return None
    if _SET_SIZE.search(text, max(match.end(), after[0].quantity.start - 12), after[0].quantity.start) and \
            after[0].quantity.decimals == 0 and not after[0].quantity.unit:
        return None  # 'the best of the three systems': the size of the compared set, not a figure of it
    figure = after[0]
    found = next((e for e in entries if e.claim is figure), None)
    if found is None:  # the ranked set holds the same figure as stated earlier ('1.808 for Quill')
        found = next((e for e in entries if e.claim.value == figure.value and e.claim.quantity.unit == figure.quantity.unit
                      and (not figure.subject or e.claim.subject == figure.subject)), None)
    return found if found is not None else False


_SET_SIZE = re.compile(r"\bof\s+(?:the\s+|all\s+|these\s+|those\s+)?$", re.I)
# where a clause opens: a semicolon, a contrast ('while', 'whereas', 'but') or a comma before one
_CLAUSE_OPENING = re.compile(r";|,?\s+(?:while|whereas|but)\s+", re.I)


def _clause_start(text: str, start: int, offset: int) -> int:
    last = start
    for m in _CLAUSE_OPENING.finditer(text, start, offset):
        last = m.end()
    return last


def _names(written_name: str, name: str) -> bool:
    return same_subject(written_name, name) or _key(written_name).split()[0] == _key(name).split()[0]


def _clause(ctx: Context, claim: Claim) -> str:
    """The words between the previous comma, semicolon or sentence start and a figure."""
    text = ctx.document.text
    start, _ = claim.sentence
    left = max(text.rfind(";", start, claim.quantity.start), text.rfind(",", start, claim.quantity.start),
               text.rfind(" and ", start, claim.quantity.start))
    return text[(left + 1 if left >= 0 else start):claim.quantity.start]


def _contradiction(ctx: Context, self, word: str, subject: _Entry, entries: list[_Entry], said: str,
                   sentence: tuple[int, int]):
    mine = subject.claim
    text = ctx.document.text
    share = _counts_a_share(text, mine)
    rivals = [e for e in entries if _key(e.name) != _key(subject.name) and _comparable(mine, e.claim)
              and _counts_a_share(text, e.claim) == share]
    if not rivals:
        return None
    sense = _WORDS[word]
    lower_better = mine.lower_is_better or any(e.claim.lower_is_better for e in rivals)
    if sense in ("better", "worse") and not lower_better and not (
            mine.metric or mine.dataset or any(e.claim.metric or e.claim.dataset for e in rivals)):
        return None  # 'best' of figures whose measure is not read: which way is better is not known
    if sense in ("faster", "slower"):
        quick_is_low = mine.kind == "time" or mine.quantity.dimension == "time"
        sense = ("min" if quick_is_low else "max") if sense == "faster" else ("max" if quick_is_low else "min")
    elif sense in ("better", "worse"):
        sense = ("min" if lower_better else "max") if sense == "better" else ("max" if lower_better else "min")
    changes = mine.kind in ("delta", "change")

    def span(c: Claim) -> tuple[float, float]:
        lo, hi = base_interval(c.quantity, ctx.slack)
        return (min(abs(lo), abs(hi)), max(abs(lo), abs(hi))) if changes else (lo, hi)

    own = span(mine)
    if sense == "max":
        beating = [e for e in rivals if span(e.claim)[0] > own[1]]
        best = max(beating, key=lambda e: span(e.claim)[0], default=None)
    else:
        beating = [e for e in rivals if span(e.claim)[1] < own[0]]
        best = min(beating, key=lambda e: span(e.claim)[1], default=None)
    if best is None:
        return None
    if measure_like(best.name) or measure_like(subject.name):
        # a crown and a rival are two entries (systems, benchmarks, categories), never a measure:
        # words before a figure read as its entry's name ('Its LiveBench score of') are a reading
        return None
    direction = ""
    if _WORDS[word] in ("better", "worse"):
        direction = "; lower is better" if lower_better else "; higher is better"
    measure = mine.metric_text or mine.metric or mine.kind
    # the finding stands where the superlative is: on the crowned figure when its sentence
    # states it, else on the figure that beats it there
    inside = [c for c in (mine, best.claim) if sentence[0] <= c.quantity.start < sentence[1]]
    return self.finding(
        inside[0] if inside else mine, f"'{said}' for {subject.name} ({written(mine)}), but {best.name} has {written(best.claim)} "
        f"({measure}{direction})", [Evidence.of(e.claim) for e in [subject] + rivals],
        expected=best.claim.value, verdict="contradicted")


_SHARE_AFTER = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?\d")


def _counts_a_share(text: str, claim: Claim) -> bool:
    """'14 of the 30 columns': a count out of a whole, ranked only against other such counts,
    never against a score or a size."""
    return _SHARE_AFTER.match(text, claim.quantity.end) is not None


def _comparable(a: Claim, b: Claim) -> bool:
    """Two figures one superlative can rank: one measure, one dimension, compatible metrics and
    benchmarks, settings that do not conflict (a stated change is its own setting)."""
    dimensions = {a.quantity.dimension, b.quantity.dimension}
    if len(dimensions) > 1 and dimensions not in ({"plain", "percent"}, {"plain", "points"}):
        return False  # '+6.2 pts, ahead of math (+4.8)': a unit written once
    if a.measure != b.measure and not {a.measure, b.measure} <= {"delta", "percent", "change"}:
        return False
    if a.metric and b.metric and not metrics_compatible(a.metric, b.metric):
        return False
    if a.dataset and b.dataset and a.kind not in ("delta", "change") and _key(a.dataset) != _key(b.dataset):
        return False
    # conditions (an ablation's "removing the router", a stated change) are what is ranked
    plain = lambda c: frozenset(x for x in c.setting if not x.startswith("condition:"))  # noqa: E731
    return not settings_conflict(plain(a), plain(b))
