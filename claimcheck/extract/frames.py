"""What a figure in prose measures: its kind, metric, dataset and settings.

The metric is read, in order, from a lexicon name tied to the figure ("PDMS 90.2", "+21.6
points on BBH"), from a verb that names a rate ("wins 58%", "retains 60% of its weights"),
from the noun phrase the figure is linked to ("acceptance rate is 0.71", "per-token latency
falls from 42 ms", "Eval cost: 2.1 GPU-hours"), from the noun a count is of ("610 problems"),
and last from the figure before it in the paragraph (parallel structures, margins, the end
of a change). The dataset is a benchmark from the lexicon or a name after "on" ("on
RewardBench", "on the mm_math5k test set", "on harmful prompts"). Settings are typed (see
`vocabulary.settings_in`) and read from the figure's own stretch of the clause.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache

from ..lexicon import load_json, phrase_alternation
from ..model import Quantity
from .vocabulary import Mention, Vocabulary, settings_in

_CONJUNCTION = re.compile(r"\b(?:and|but|while|whereas|versus|vs)\b", re.I)
_COMPARATIVE_AFTER = re.compile(r"\s*(?:[A-Za-z-]+\s+)?(?:better|worse|higher|lower|ahead|behind|below|above|"
                                r"less|more|faster|slower|smaller|larger|shorter|longer|cheaper)\b(?!\s+(?:than\s+)?(?:half|a\s+third))", re.I)
_HEADROOM_AFTER = re.compile(r"\s*(?:to\s+spare|of\s+(?:headroom|slack)|(?:of\s+)?room\s+(?:left|to\s+spare)|"
                             r"left\s+(?:over|under|below|before))\b", re.I)
_SETTING_METRICS = frozenset({"sparsity", "keep_ratio", "dropout", "keep_probability"})
# the value a parameter is set to, not a result: 'set at 30 seconds', 'a timeout of 5 s', 'every
# 30 seconds'. A limit or threshold stays a figure: a headroom check needs it as an operand
_SET_TO_BEFORE = re.compile(r"\b(?:set|fixed|configured)\s+(?:at|to)\s+(?:about\s+|~)?$"
                            r"|\b(?:timeout|interval)\s+(?:of\s+|=\s*|:\s*)(?:about\s+|~)?$|\bevery\s+$", re.I)
# a short variable or a snake_case name and '=' right before a figure: a parameter set to it (a
# metric the lexicon knows, 'EM = 45.1', is read as that metric and stays a result)
_ASSIGNED_BEFORE = re.compile(r"(?<![\w.])(?P<name>[A-Za-z\u03b1-\u03c9]{1,2}|[a-z][a-z0-9]*_[a-z0-9_]+)\s?=\s?$")
# a test statistic reported by its letter is a result: 't = 2', 'F = 12', 'n = 120', 'r = .45'
_STATISTIC_LETTERS = frozenset("t T p P r R F z Z d n N U W H".split())
_AFTER_WORDS = frozenset({"points", "point", "pts", "pt", "pp", "percentage", "on", "in", "for", "of", "at", "the"})
_LEADING_METRIC = re.compile(r"\s*(?:[-*+>•]\s+)?(?:on|for|across|in|with|at)\s+(?:the\s+)?", re.I)
_FOOTNOTE_MARKS = str.maketrans({ch: " " for ch in "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079\u2020\u2021*"})
_PAREN = re.compile(r"\([^()]{0,80}\)")
_COUNT_NOUN = re.compile(r"\s+(?:[a-z][\w-]*\s+)?(?P<noun>[A-Za-z][\w-]*(?:\s+of\s+[a-z][\w-]*)?)")
# "of its weights", "of the teacher's FFN weights": what a share is of (a possessor and an acronym may lead)
_SHARE_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|our\s+|all\s+)?"
                       r"(?P<what>(?:[A-Za-z][\w-]*(?:'s|’s)?\s+){0,3}[a-z][\w-]*)")
# nouns of a difference between two figures ('the widest gaps: 81.7 ... versus 59.6'): a figure
# they label is an operand, and the difference is not what it measures
_DIFFERENCE_WORDS = frozenset({"gap", "gaps", "margin", "margins", "lead", "leads", "difference", "differences"})


@lru_cache(maxsize=1)
def _change_of() -> re.Pattern:
    """'a 33% saving in compute', 'a 0.3-point drop on RULER': a noun of change (patterns/frames.json's
    change_nouns) whose metric follows it."""
    nouns = phrase_alternation(load_json("frames.json")["change_nouns"])
    return re.compile(r"\s*(?:relative\s+|absolute\s+)?" + nouns + r"\s+(?:in|of|on)\s+(?:the\s+)?", re.I)


@lru_cache(maxsize=1)
def _change_words() -> frozenset[str]:
    """Nouns of a change or a difference: a phrase they close names no metric ('a gain')."""
    nouns = frozenset(load_json("frames.json")["change_nouns"])
    return nouns | {"improvements", "increases", "reductions", "drops", "cuts"} | _DIFFERENCE_WORDS


_NOT_METRIC_WORDS = frozenset("the a an of for and or in on at to its their our this that with by from is was are were "
                              "be been it we they as than then so which who up down only just also still now about "
                              "around nearly roughly almost over under more less fewer after before per each every "
                              "all both new same other another one two three vs versus while when where whereas "
                              "compared relative against into across between among time times "
                              "faster slower better worse higher lower cheaper smaller larger quicker bigger stronger weaker "
                              "beating beats beat outperforming outperforms surpassing trails trailing overtaking "
                              "matches matching ahead behind most least largest smallest best worst fastest slowest "
                              "highest lowest top mean average median max maximum min minimum overall yet ever "
                              "today but nor because although though since unless whereas within here there".split())


_COUNTED_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?[a-z]{3,}s\b(?!\s+(?:of|on|in)\b)")
# a whole number right before 'of' or 'out of' and another whole number: the part of a whole
_SHARE_AFTER = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?\d{1,6}(?![\d.,])")
_NOT_COUNTED_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:points|pts|is|was|has|does|times)\b")


# a lower-case word (a program, 'level', 'than') right before a negative whole number: the number is
# an option or level as a command line writes it ('zstd -1', 'level -5'); a verb or preposition
# that states a change ('is -1', 'by -2', 'fell to -3') leaves it a change
_OPTION_BEFORE = re.compile(r"(?<![\w.-])(?!(?:is|was|are|were|be|been|by|of|from|to|at|about|around|roughly|"
                            r"approximately|nearly|only|just|a|an|the|and|or)\s)[a-z][a-z0-9_]*\s$")


def kind_of(q: Quantity, before: str, after: str, metric: str) -> str:
    """What kind of figure a quantity is, from its unit and the words around it."""
    if q.dimension == "ratio":
        return "speedup"
    if q.dimension == "points":
        return "delta"
    if re.match(r"-[a-zA-Z]", after) and q.dimension == "plain":
        return "setting"  # 2-step, 61-frame, 5-shot, a 4-GPU canary
    if q.text[:1] in "≥≤<>":  # IoU ≥ 85%, similarity > 0.4: a threshold
        return "setting"
    if _SET_TO_BEFORE.search(before[-60:]):
        return "setting"
    assigned = _ASSIGNED_BEFORE.search(before[-30:])
    if assigned and q.dimension == "plain" and q.decimals == 0 and assigned.group("name") not in _STATISTIC_LETTERS \
            and metric in ("", assigned.group("name").lower()):
        return "setting"  # 'g = 32', 'k = 5', 'max_len = 512': a parameter's value, not a result
    if q.text[:1] in "-−" and q.dimension == "plain" and q.decimals == 0 and _OPTION_BEFORE.search(before[-40:]):
        return "setting"  # 'zstd -1', 'level -5', 'gzip -9': a command-line level or option, not a change
    if q.signed and q.dimension in ("plain", "percent", "time", "memory", "money", "rate"):
        if q.text[:1] in "-−" and _state_verb_before().search(before[-40:]):
            return "percent" if q.dimension == "percent" else "score" if q.dimension == "plain" else kind_of(
                replace(q, signed=False), before, after, metric)  # 'Rainbow scores -19.3 on Pong': a value below zero
        return "delta"
    if q.dimension == "plain" and "." not in q.text and _COUNTED_AFTER.match(after) and not _NOT_COUNTED_AFTER.match(after):
        return "scale"  # "adds 4 retrieval heads", "7 zero-shot tasks": a count of what follows
    if q.dimension == "plain" and "." not in q.text and _SHARE_AFTER.match(after):
        return "scale"  # "on 7 of the 9 tasks", "4 out of 4 test sets": how many of a whole, not a score
    if q.dimension not in ("money", "count") and re.search(r"\b(?:costs?|costing|lost|loses?|losing|gain(?:s|ed|ing)?|add(?:s|ed|ing)?|drop(?:s|ped|ping)?|"
                                                           r"lift(?:s|ed|ing)?|boost(?:s|ed|ing)?)\s+(?:of\s+)?(?:about\s+|~|only\s+|just\s+)?$", before, re.I):
        return "delta"
    if q.dimension == "money" and re.search(r"\b(?:saves?|saved|saving|savings\s+of|cuts?|trims?)\s+(?:of\s+)?(?:about\s+|~)?$", before, re.I):
        return "delta"  # "we save $71,000 a month"
    if re.search(r"\bby\s+(?:about\s+|~|over\s+|nearly\s+|more\s+than\s+|almost\s+|roughly\s+)?$", before, re.I) and \
            q.dimension in ("plain", "percent", "time", "memory", "money", "rate"):
        return "delta"  # "improves by 40 ms", "falls by 18.8 GB"
    if q.dimension in ("plain", "time", "memory", "money", "rate") and _COMPARATIVE_AFTER.match(after):
        return "delta"  # "1.8 better than", "17.4 GB lower", "3 points ahead of"
    if q.dimension in ("plain", "time", "memory", "money", "rate", "count") and _HEADROOM_AFTER.match(after):
        return "delta"  # "12 GB to spare", "40 ms of headroom": the gap to a limit
    if q.dimension == "time":
        return "time"
    if q.dimension == "rate":
        return "throughput"
    if q.dimension == "memory":
        return "memory"
    if q.dimension == "money":
        return "cost"
    if q.dimension == "fraction":
        return "fraction"
    if q.dimension == "count":
        return "scale"
    if q.dimension == "plain" and _counted().match(after):
        return "scale"  # "610 problems", "3 runs", "13 datasets"
    if metric in _SETTING_METRICS:
        return "setting"
    if q.dimension == "percent":
        return "percent"
    return "score"


@lru_cache(maxsize=1)
def _state_verb_before() -> re.Pattern:
    """A verb that states a result right before a figure ('scores', 'averages', 'sits at')."""
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+")
                     for v in sorted(load_json("frames.json")["state_verbs"], key=len, reverse=True))
    return re.compile(r"\b(?:" + verbs + r")\s+(?:an?\s+|about\s+|around\s+|~\s*)?$", re.I)


@lru_cache(maxsize=1)
def count_nouns() -> tuple[str, ...]:
    """Nouns a count counts ('parameters', 'problems', 'runs'), from patterns/not_quantities.json."""
    return tuple(load_json("not_quantities.json")["count_nouns"])


@lru_cache(maxsize=1)
def _counted() -> re.Pattern:
    return re.compile(r"[\s-]+(?:[a-z-]+\s+)?(?:" + "|".join(sorted(count_nouns(), key=len, reverse=True)) + r")\b", re.I)


def is_hyperparameter(q: Quantity, before: str) -> bool:
    """learning rate 3e-4, batch size 256, beta = 0.9, every 8 layers: configuration, not a claim."""
    if q.dimension in ("plain", "count") and re.search(
            r"(?:\b(?:learning[\s-]rate|lr|batch[\s-]size|batch|weight[\s-]decay|warm-?up(?:\s+steps)?|momentum|seed|"
            r"temperature|temp|beam[\s-](?:size|width)|top-[kp]|dropout|every|hidden[\s-](?:size|dim(?:ension)?)|"
            r"rank|context[\s-](?:length|window)|patch[\s-]size|chunk[\s-]size|block[\s-]size)"
            r"|[βλαγεη]|\b(?:beta|lambda|alpha|gamma|eta|epsilon)\d?)\s*(?:of|=|:|is|to|set\s+to|at)?\s*(?:about\s+)?$",
            before, re.I):
        return True
    if q.dimension in ("plain", "count") and re.search(
            r"\b(?:rank|batch(?:\s+size)?|lr|learning\s+rate|seed|temperature|steps?|beam)\s+[\d.,]+[KkMB]?\s+"
            r"(?:instead\s+of|rather\s+than|vs\.?|versus|or|and|to|over)\s+$", before, re.I):
        return True  # "rank 256 instead of 64": the other value of a hyperparameter
    return q.dimension == "plain" and not q.word and "e" in q.text.lower() and abs(q.value) < 1e-2


class FrameReader:
    """Metric, dataset and settings of prose figures; one per document."""

    def __init__(self, vocabulary: Vocabulary, text: str) -> None:
        self.v = vocabulary
        self.text = text

    # -- metric -----------------------------------------------------------------------------

    def lexicon_metric(self, q: Quantity, mentions: list[Mention], clause: tuple[int, int]) -> Mention | None:
        """The lexicon metric (or benchmark) named closest to a figure: 'PDMS 90.2', '0.7 PDMS',
        '+21.6 points on BBH'. Each candidate costs the words between it and the number;
        parentheses and a benchmark version are free, commas end the search."""
        text = self.text
        clause_start, clause_end = clause
        best = None
        wanted = q.dimension if q.dimension in ("time", "memory", "rate", "ratio") else ""
        # mentions are sorted by start; only those near enough to be linked are looked at (measuring
        # every gap in a clause of hundreds of figures was cubic)
        first = bisect_left(mentions, q.start - _LONGEST_GAP - _LONGEST_NAME, key=lambda m: m.start)
        last = bisect_right(mentions, q.end + _LONGEST_GAP, key=lambda m: m.start)
        for m in mentions[first:last]:
            if not (clause_start <= m.start and m.end <= clause_end):
                continue
            if m.end < q.start - _LONGEST_GAP:
                continue
            info = self.v.info(m.key)
            if (info.dimension if info else "") != wanted:
                continue  # "WER ... 0.9 s": a time is not a WER; a score is not a latency
            if m.end <= q.start:
                gap = text[m.end:q.start]
                cost = None if _CONJUNCTION.search(gap) else _gap_cost(gap, None, 3)
            elif m.start >= q.end:
                gap = text[q.end:m.start]
                cost = _gap_cost(gap, _AFTER_WORDS, 3)
                cost = None if cost is None else cost + 0.5
            else:
                continue
            if cost is not None and (best is None or cost < best[0]):
                best = (cost, m)
        if best is not None:
            return best[1]
        # "On GSM8K the 7B model scores 74.5": a clause that opens with its benchmark
        for m in mentions:
            if clause_start <= m.start < q.start and _LEADING_METRIC.fullmatch(text[clause_start:m.start]):
                info = self.v.info(m.key)
                if (info.dimension if info else "") == wanted:
                    return m
        return None

    def acronym_metrics(self, start: int, end: int, mentions: list[Mention], is_known_name) -> list[Mention]:
        """Acronyms right before or after a number name a metric even when no lexicon has them."""
        sentence = self.text[start:end]
        found = []
        ordered = sorted(mentions, key=lambda x: x.start)
        for m in re.finditer(r"(?<![\w-])([A-Z][A-Z0-9]{1,6})(?![\w-])", sentence):
            word = m.group(1)
            if word.lower() in self.v.not_names or word[:1].isdigit() or is_known_name(word):
                continue
            at = start + m.start()
            # a mention that holds the acronym starts at most a name's length before it
            near = ordered[bisect_left(ordered, at - _LONGEST_NAME, key=lambda x: x.start):
                           bisect_right(ordered, at, key=lambda x: x.start)]
            if any(x.start <= at < x.end for x in near):
                continue
            near = re.match(r"\s*(?:(?:is|was|of|reaches|=|:)\s*)?[\d+\-~]", sentence[m.end():m.end() + 12]) or re.search(
                r"[\d%]\s*(?:(?:points?|pts?|pp)\s+)?(?:(?:on|in|for|at)\s+(?:the\s+)?)?$",
                sentence[max(0, m.start() - 24):m.start()])
            if near:
                # "83.64 on PIT": an acronym after 'on' names a benchmark; "PDMS 90.2" a metric
                on = re.search(r"\b(?:on|across)\s+(?:the\s+)?$", sentence[max(0, m.start() - 12):m.start()])
                found.append(Mention("DATASET" if on else "METRIC", start + m.start(), start + m.end(), word))
        return found

    def verb_metric(self, q: Quantity, clause_start: int, clause_end: int | None = None) -> str:
        """'wins 58%', 'ties 12%', 'disagrees with them 19.5% of the time', 'retains 60% of its
        weights', and the outcome labels of a comparison after a share: '48% prefer ours', '17% tie',
        'rated 22% a tie'."""
        if q.dimension not in ("percent", "fraction"):
            return ""  # "they tie at 61.0" is a score, "ties 12%" a share
        after = self.text[q.end:min(clause_end or q.end + 30, q.end + 30)]
        following = re.match(r"\s*(?:of\s+(?:the\s+)?(?:time|comparisons|battles|matchups|games)\s+)?(?:an?\s+)?([a-z]+)\b", after)
        if following and following.group(1) in self.v.outcome_words:
            return self.v.verb_metrics.get(following.group(1), "")
        before = self.text[max(clause_start, q.start - 40):q.start]
        # the word right before the share, else a verb before its object ("preferred the new voice 44%")
        m = re.search(r"\b([a-z]+)\s+(?:only\s+|about\s+|just\s+)?$", before)
        verb = m.group(1) if m else ""
        if verb not in self.v.verb_metrics:
            m = re.search(r"\b([a-z]+)\s+(?:with\s+)?(?:them|it|us|humans?|raters?|annotators?|the\s+\w+(?:\s+\w+){0,2}|"
                          r"[A-Z][\w.-]*)\s+(?:only\s+|about\s+|just\s+)?$", before)
            verb = m.group(1) if m else ""
        if verb not in self.v.verb_metrics:
            return ""
        metric = self.v.verb_metrics[verb]
        share = _SHARE_OF.match(self.text, q.end)
        if share and metric in ("retained", "pruned", "updated"):
            words = []
            for word in share.group("what").split():
                if word in _NOT_METRIC_WORDS:
                    break
                words.append(word)
            if words:
                return f"{metric} {words[-1]}"
        return metric

    def phrase_metric(self, q: Quantity, clause_start: int, figures_before: list[int], is_known_name) -> tuple[str, str]:
        """The noun phrase a figure is linked to: 'acceptance rate is 0.71', 'latency falls from 42 ms',
        'Eval cost: 2.1 GPU-hours', 'refusal rate on harmful prompts 97.6%'. (metric id, as written)"""
        floor = max([clause_start] + [f for f in figures_before if f < q.start])
        window = _PAREN.sub(lambda m: " " * len(m.group(0)), self.text[floor:q.start])
        # strip what stands between the phrase and the figure: linking words, qualifiers, datasets
        # a name that opens with a digit keeps its possessive ("the 7B's 59.7": no metric 's')
        words = list(re.finditer(r"[A-Za-z@][\w@'’.-]*|[:=,;]|\d[\w.,]*(?:['’]s\b)?", window))
        k = len(words)
        while k > 0:
            word = words[k - 1].group(0).lower().rstrip(".")
            if word in self.v.linking_words or word in (":", "="):
                k -= 1
                continue
            break
        # "refusal rate on harmful prompts 97.6%", "word accuracy on the company's internal set is":
        # skip a qualifier led by a preposition
        j = k
        while j > 0 and words[j - 1].group(0).lower() not in ("on", "for", "in", "across", "with", "at", "per", "to", "of"):
            if j < k - 6 or words[j - 1].group(0) in (",", ";", ":"):
                break
            j -= 1
        if j > 1 and j >= k - 6 and words[j - 1].group(0).lower() in ("on", "for", "in", "across", "at", "per", "with"):
            k = j - 1
        end_word = k
        start_word = end_word
        while start_word > 0:
            token = words[start_word - 1].group(0)
            lowered = token.lower().rstrip(".")
            if lowered in _NOT_METRIC_WORDS or token[:1].isdigit() or token in (":", "=", ",", ";"):
                break
            if re.search(r"(?:'s|’s|s')$", token):
                break  # "Arbor-Embed's score": the possessor owns the figure, the metric is after it
            if token[:1].isupper() and not token.isupper() and lowered not in self.v.names and any(
                    w.group(0)[:1].isalpha() for w in words[:start_word - 1]):
                break  # a capitalised word inside a sentence (not its first word) names a system, not a metric
            if end_word - start_word >= 4:
                break
            start_word -= 1
        if start_word >= end_word or (end_word < len(words) and words[end_word].group(0) in (",", ";")):
            return "", ""
        ends = set(figures_before)
        if start_word > 0 and floor + words[start_word - 1].end() in ends or (
                start_word == 0 and floor > clause_start and floor in ends):
            return "", ""  # "7 zero-shot tasks: 61.9": a counted noun, not the figure's metric
        head = end_word - 1  # the phrase's head noun, before words that only close it ('the X head alone')
        while head > start_word and words[head].group(0).lower() in self.v.focus_words:
            head -= 1
        if words[end_word - 1].group(0).lower() in _change_words() or words[head].group(0).lower() in self.v.system_nouns:
            return "", ""  # "a gain", "all systems": a change or a system is not what is measured
        phrase_start = floor + words[start_word].start()
        phrase_end = floor + words[end_word - 1].end()
        if "(" in self.text[phrase_end:q.start]:
            return "", ""  # "... in autonomous driving (NAVSIM 90.2)": a figure in parentheses says its own metric
        phrase = self.text[phrase_start:phrase_end]
        phrase = re.sub(r"\s+", " ", re.sub(r"(?i)\bpass@\d+\b|\b\d+-shot\b|\bp\d{2}(?:\.\d)?\b", " ", phrase)).strip()
        if not phrase or self.v.is_name_like(phrase) or is_known_name(phrase) or is_known_name(phrase.split()[0]):
            return "", ""
        if " " not in phrase and phrase.lower().endswith("ing") and len(phrase) > 5:
            return "", ""  # "including 69.5", "reaching 71": a verb leads to the figure, it names nothing
        metric = self.v.open_metric(phrase)
        if not metric or metric in _NOT_METRIC_WORDS or self.v.is_benchmark(metric):
            return "", ""  # a benchmark named before the figure is its dataset, not its metric
        return metric, phrase

    def plural_noun(self, q: Quantity, clause_end: int) -> tuple[str, str]:
        """'4 coauthors', '7 zero-shot tasks': the plural noun a count counts."""
        m = re.match(r"\s+(?:[a-z-]+\s+)?([a-z]{3,}s)\b", self.text[q.end:clause_end])
        if not m or m.group(1) in _NOT_METRIC_WORDS:
            return "", ""  # "40 this quarter": 'this' is no plural
        return m.group(1), m.group(1)

    def count_noun(self, q: Quantity, clause_end: int) -> tuple[str, str]:
        """'610 problems', '2.4 million hours of audio', '18,000 GPU-hours': what a count counts."""
        m = _COUNT_NOUN.match(self.text, q.end, clause_end)
        if not m:
            return "", ""
        noun = m.group("noun")
        lowered = noun.lower()
        if lowered.split()[0] in _NOT_METRIC_WORDS or noun[:1].isupper():
            return "", ""
        return self.v.open_metric(lowered), noun

    def change_metric(self, q: Quantity, clause_end: int, mentions: list[Mention]) -> tuple[str, str]:
        """'a 33% saving in compute', 'a 0.3-point drop on RULER': the metric the change is of."""
        m = _change_of().match(self.text, q.end, clause_end)
        if not m:
            return "", ""
        for mention in mentions:
            if mention.start == m.end() or (m.end() <= mention.start <= m.end() + 2):
                if mention.label == "DATASET":
                    return "", ""  # "a 0.3-point drop on RULER": the benchmark, not the metric
                return mention.key, self.text[mention.start:mention.end]
        word = re.match(r"[a-z][\w-]*", self.text[m.end():clause_end])
        if word and word.group(0) not in _NOT_METRIC_WORDS:
            return self.v.open_metric(word.group(0)), word.group(0)
        return "", ""

    def comparative_metric(self, q: Quantity, clause_end: int, mentions: list[Mention]) -> tuple[str, str]:
        """'40% fewer FLOPs', '2x less memory', '30% lower latency': the noun after the comparative."""
        m = _COMPARATIVE_NOUN.match(self.text, q.end, clause_end)
        if not m:
            return "", ""
        for mention in mentions:
            if mention.start == m.start("noun") and mention.label == "METRIC":
                return mention.key, self.text[mention.start:mention.end]
        noun = m.group("noun")
        if noun.lower() in _NOT_METRIC_WORDS or noun.lower() in self.v.system_nouns:
            return "", ""
        return self.v.open_metric(noun), noun

    def sentence_metric(self, q: Quantity, mentions: list[Mention], sentence: tuple[int, int]) -> tuple[str, str]:
        """The one lexicon metric of the figure's dimension its sentence names ('Median latency is 24%
        lower than vLLM (29 ms vs 38 ms)'), when there is exactly one."""
        wanted = q.dimension if q.dimension in ("time", "memory", "rate") else ""
        if not wanted:
            return "", ""
        found = {m.key: m for m in mentions if m.label == "METRIC" and sentence[0] <= m.start < sentence[1]
                 and (self.v.info(m.key).dimension if self.v.info(m.key) else "") == wanted}
        if len(found) == 1:
            m = next(iter(found.values()))
            return m.key, self.text[m.start:m.end]
        return "", ""

    # -- dataset ----------------------------------------------------------------------------

    def dataset(self, q: Quantity, mentions: list[Mention], clause: tuple[int, int], sentence: tuple[int, int],
                known: frozenset[str] = frozenset()) -> str:
        """The benchmark a figure is on: a lexicon benchmark in its clause (nearest), or a name after 'on'."""
        candidates = [m for m in mentions if m.label == "DATASET" and clause[0] <= m.start < clause[1]]
        if candidates:
            best = min(candidates, key=lambda m: (0 if m.end <= q.start else 1, abs(m.start - q.start)))
            return best.key
        for start, end in (clause, sentence):
            for m in _ON_DATASET.finditer(self.text, start, end):
                name = (m.group("kindname") or m.group("name")).rstrip(".")
                if settings_in(m.group(0)) or settings_in(name) or name.lower() in self.v.names and not self.v.is_benchmark(self.v.names[name.lower()]):
                    continue  # "on one A10G", "on an H100": hardware is a setting
                if self.v.is_name_like(name) or re.search(r"[\d_]", name) or m.group("kind") or name.casefold() in known:
                    return _dataset_id(name)
        # 'its MM-Vet score of 57.9': a name right before a plain measure noun that leads to the figure
        m = _NAME_THEN_MEASURE.search(self.text, max(clause[0], q.start - 80), q.start)
        if m:
            words = m.group("name").split()
            name = " ".join(words[1:] if words[0].lower() in _NOT_METRIC_WORDS else words)  # not 'Its'
            if name and (self.v.is_name_like(name) or name.casefold() in known) and not settings_in(name):
                return _dataset_id(name)
        return ""

    def lead_dataset(self, start: int, q_start: int, mentions: list[Mention]) -> str:
        """'On GSM8K, ...': a benchmark that opens the sentence holds for all its figures."""
        m = _LEADING_ON.match(self.text, start, q_start)
        if not m:
            return ""
        for mention in mentions:
            if mention.label == "DATASET" and mention.start == m.end():
                return mention.key
        name = _ON_DATASET.match(self.text, m.start("on"), q_start)
        if not name or settings_in(name.group(0)):
            return ""  # "On an A100, ...": hardware is a setting
        return _dataset_id(name.group("kindname") or name.group("name"))


_COMPARATIVE_NOUN = re.compile(r"\s*(?:fewer|less|more|lower|higher|smaller|larger|shorter|longer)\s+(?P<noun>[A-Za-z][\w-]*)", re.I)


# a name, a plain measure noun and a linking word right before a figure (bounded: linear)
_NAME_THEN_MEASURE = re.compile(r"(?<![\w.-])(?P<name>[A-Z][\w+-]{1,30}(?:[ -][A-Z0-9][\w+-]{0,20})?)\s+"
                                r"(?:score|accuracy|result)\s*(?:of|is|was|:|=|at)?\s*$")


def _dataset_id(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"(?i)\b(?:the|benchmark|dataset|suite|set|split|test|validation)\b", " ", name)).strip().lower()


# "on RewardBench", "on the mm_math5k test set", "on the multilingual FLEURS benchmark", "on harmful prompts"
# "on held-out prompts", "on GSM8K"; "on the same prompts", "on all tasks" name no benchmark
_ON_DATASET = re.compile(r"\b(?:[Oo]n|[Aa]cross)\s+(?:the\s+)?(?!(?:same|each|every|all|both|these|those|our|their|its)\b)"
                         r"(?:(?P<kindname>[a-z]+\s+(?P<kind>prompts|questions|queries|tasks|problems|"
                         r"inputs|requests))|(?:[a-z-]+\s+)?(?P<name>[A-Za-z][\w.-]*(?:[ -][A-Z][\w.-]*|[ -]\d[\w.-]*[A-Za-z][\w.-]*)?))"
                         r"(?=\s|$|[,.;:)])")
_LEADING_ON = re.compile(r"\s*(?:[-*+>•]\s+)?(?P<on>On|on|Across|across|For)\s+(?:the\s+)?")


# the most characters a metric may stand from its figure (three words and a parenthesis), and
# the longest metric name looked back for
_LONGEST_GAP = 160
_LONGEST_NAME = 200


def _gap_cost(gap: str, allowed: frozenset[str] | None, limit: int) -> float | None:
    """Words between a metric and a number, or None when the gap breaks the link."""
    gap = _PAREN.sub(" ", gap.translate(_FOOTNOTE_MARKS))
    if re.search(r"[,;.!?()\[\]|]", gap.replace("pts.", "pts")):
        return None
    words = [w for w in re.findall(r"[^\s:=]+", gap) if not re.fullmatch(r"v\d+(?:\.\d+)?|p\d{2}(?:\.\d)?", w)]
    if len(words) > limit:
        return None
    if any(re.fullmatch(r"[+\-]?\d[\d.,]*%?", w) or not (w.islower() or any(ch.isdigit() for ch in w))
           for w in words):
        return None
    if allowed is not None and any(w not in allowed for w in words):
        return None
    return float(len(words))
