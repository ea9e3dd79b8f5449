"""The vocabulary claims are read with: metrics and benchmarks from `patterns/metrics.jsonl`,
the closed word classes of `patterns/frames.json`, and the typed settings of `settings.json`.

The lexicon adds aliases, direction and complements; it never decides what may be a claim. A
metric it does not know keeps the phrase as written, normalised (`open_metric`), and gets its
direction from its words ('error', 'latency', 'cost' are lower-is-better).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import load_json, load_jsonl

# a decimal right before a name glued to it: the figure the name measures ('45.7mAP')
_DECIMAL_END = re.compile(r"(?<![\w.])\d+\.\d+$")


@dataclass(frozen=True)
class MetricInfo:
    id: str
    lower_is_better: bool
    complement: str
    dimension: str  # "" for scores; time, memory, rate or ratio where only such figures fit
    type: str       # "metric" or "benchmark"


@dataclass
class Mention:
    """A name found in a sentence: a metric or benchmark (key = its id), or a system (key = its name)."""

    label: str   # METRIC | DATASET | NAME
    start: int   # offsets in the document
    end: int
    key: str = ""


_DETERMINERS = frozenset("the a an our its their his her this that these those each every".split())
_PREPOSITIONS = re.compile(r"\s+(?:on|for|with|at|in|across|over|per|under|from|by|against|versus|vs\.?|compared|"
                           r"relative|among|when|while|after|before|during|using|than|of\s+(?:the\s+)?(?:time|runs?))\b.*$")
_TRAILING_STATISTICS = re.compile(r"^(?:(?:mean|average|avg|median|overall|final|best|peak|max|maximum|typical|"
                                  r"p50|p90|p95|p99(?:\.9)?|tail|relative|absolute|total|combined)\s+)+")


class Vocabulary:
    """Lexicon look-ups and phrase matchers; build once (spaCy's blank English vocabulary)."""

    def __init__(self, nlp) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.metrics: dict[str, MetricInfo] = {}
        self.names: dict[str, str] = {}  # lower-cased name -> id
        self.metric_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # short all-capital acronyms match case-sensitively: "IS" is a metric, "is" is not
        self.acronym_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for row in load_jsonl("metrics.jsonl"):
            info = MetricInfo(row["id"], bool(row.get("lower_is_better")), row.get("complement") or "",
                              row.get("dimension") or "", row.get("type") or "metric")
            self.metrics[row["id"]] = info
            acronyms = [n for n in row["names"] if n.isupper() and len(n) <= 5]
            others = [n for n in row["names"] if n not in acronyms]
            if acronyms:
                self.acronym_matcher.add(row["id"], list(nlp.tokenizer.pipe(acronyms)))
            if others:
                self.metric_matcher.add(row["id"], list(nlp.tokenizer.pipe(others)))
            for name in row["names"]:
                self.names.setdefault(name.lower(), row["id"])
        frames = load_json("frames.json")
        self.system_nouns = frozenset(frames["system_nouns"])
        self.focus_words = frozenset(frames.get("focus_words", ()))
        self.linking_words = frozenset(frames["linking_words"])
        self.verb_metrics: dict[str, str] = frames["verb_metrics"]
        self.label_roles = {role: frozenset(words) for role, words in frames["label_roles"].items()}
        self.text_columns = frozenset(frames.get("text_columns", ()))
        self.position_columns = frozenset(frames.get("position_columns", ()))
        self.model_headers = frozenset(frames.get("model_headers", ()))
        self.lower_words = frozenset(frames["lower_is_better_words"])
        self.higher_words = frozenset(frames["higher_is_better_words"])
        self.pronouns = tuple(sorted(frames["pronouns"], key=len, reverse=True))
        self.system_verbs = frozenset(frames["system_verbs"])
        self.descriptive_headers = frozenset(frames["descriptive_headers"])
        self.outcome_words = frozenset(frames["outcome_words"])
        self.count_qualifiers = frozenset(frames["count_qualifiers"])
        statistics = sorted(frames.get("uncertainty_statistics", ()), key=len, reverse=True)
        # a statistic of two letters ('SD', 'CI', 'SE') names other things too (Stable Diffusion,
        # continuous integration): only a header that is nothing else counts
        self._short_statistics = frozenset(x for x in statistics if not _SPELLED_STATISTIC.search(x))
        long = [re.escape(x) for x in statistics if x not in self._short_statistics]
        self._statistic = re.compile(r"(?<![\w.])(?:" + "|".join(long) + r")(?!\w)") if long else None
        names = load_json("names.json")
        self.not_names = frozenset(w.lower() for w in names["not_names"])

    def is_uncertainty(self, header: str) -> bool:
        """Does a header or row label name an uncertainty of other figures ('acc_stderr', 'Std
        Error', 'SD') rather than figures of their own ('mean ± std' heads the figures with their
        interval)? Such cells are intervals, not claims."""
        text = re.sub(r"(?<=[A-Za-z])_(?=[A-Za-z])", " ", header)
        text = re.sub(r"[*`]", "", text).strip().lower()
        if not text or _MEAN_WITH_SPREAD.search(text):
            return False
        if text.strip("() ") in self._short_statistics:
            return True
        return self._statistic is not None and self._statistic.search(text) is not None

    # -- matching ---------------------------------------------------------------------------

    def matches(self, doc, offset: int, text: str | None = None) -> list[Mention]:
        """Metric (METRIC) and benchmark (DATASET) names in a tokenised sentence, longest first;
        `text` is the sentence the doc was made from (else rebuilt from its tokens, which costs)."""
        found = []
        if text is None:
            text = doc.text
        for match_id, s, e in self.metric_matcher(doc) + self.acronym_matcher(doc):
            key = self.nlp.vocab.strings[match_id]
            label = "DATASET" if self.metrics[key].type == "benchmark" else "METRIC"
            span = doc[s:e]
            before = text[span.start_char - 1:span.start_char] if span.start_char else " "
            after = text[span.end_char:span.end_char + 2]
            glued_to_decimal = before.isdigit() and _DECIMAL_END.search(text, max(0, span.start_char - 16), span.start_char)
            if re.match(r"-[A-Za-z0-9]", after) or before in "-_" or (before.isalnum() and not glued_to_decimal) \
                    or after[:1].isalnum():
                continue  # "MMLU-Redux" and "C-Eval" are other names than MMLU and Eval; '45.7mAP' is mAP
            found.append(Mention(label, offset + span.start_char, offset + span.end_char, key))
        return longest(found)

    def info(self, metric: str) -> MetricInfo | None:
        return self.metrics.get(metric)

    def is_benchmark(self, key: str) -> bool:
        info = self.metrics.get(key)
        return info is not None and info.type == "benchmark"

    # -- open vocabulary --------------------------------------------------------------------

    def open_metric(self, phrase: str) -> str:
        """A metric phrase as an id: the lexicon's id when it names one ('tail latency' -> latency),
        else the phrase lower-cased, without determiners, statistics or trailing qualifiers."""
        words = _clean_phrase(phrase)
        if not words:
            return ""
        exact = self.names.get(words)
        if exact:
            return exact
        if words.split()[0] in self.count_qualifiers:
            return _singular(words)  # "activated params" is another count than "total params"
        # the head of the phrase names the metric: "per-token latency" is latency
        tokens = words.split()
        for k in range(1, len(tokens)):
            tail = " ".join(tokens[k:])
            if tail in self.names:
                return self.names[tail]
        singular = _singular(words)
        if singular in self.names:
            return self.names[singular]
        return singular

    def is_name_like(self, phrase: str) -> bool:
        """A name rather than a noun phrase: digits with letters, an inner capital or an acronym
        ('Quill-E5', 'RewardBench', 'BM25'); a plain capitalised word may just open a sentence."""
        phrase = phrase.strip()
        if not phrase or phrase.lower() in self.names:
            return False
        return any(re.search(r"[A-Za-z]\d|\d[A-Za-z]|[a-z][A-Z]|^[A-Z]{2,}|[A-Z][\w]*-[A-Z0-9]", token)
                   for token in phrase.split())

    def lower_is_better(self, metric: str, text: str = "") -> bool:
        """From the lexicon when it knows the metric, else from the words of the metric as written."""
        info = self.metrics.get(metric)
        if info is not None:
            return info.lower_is_better
        words = set(re.findall(r"[a-z][a-z0-9-]*", (text or metric).lower()))
        if words & self.higher_words and not words & self.lower_words:
            return False
        return bool(words & self.lower_words)

    def label_role(self, header: str) -> str:
        """What a table label column holds, from its header ('Model' -> subject, 'Benchmark' -> dataset)."""
        # 'env_id' is 'env id': snake case separates words
        text = re.sub(r"(?<=[A-Za-z])_(?=[A-Za-z])", " ", header)
        text = re.sub(r"[*_`]", "", text).strip().lower()
        if text in ("#", "no", "no."):
            return "ignore"
        text = text.strip("# ")
        if not text:
            return ""
        for role in ("ignore", "subject", "dataset", "metric", "backbone", "setting", "category"):
            if text in self.label_roles[role]:
                return role
        words = re.split(r"[\s(/]", text)
        if words[-1] in _IDENTIFIER_WORDS:
            return "ignore"  # 'model id', 'download links': identifiers of what the row names
        head = words[0]
        for role in ("subject", "dataset", "metric", "backbone", "setting", "category"):
            if head in self.label_roles[role]:
                return role
        return ""


# the last word of a header whose column holds identifiers, not figures
_IDENTIFIER_WORDS = frozenset({"id", "ids", "link", "links", "url", "urls"})
# statistics spelled out enough to name nothing else
_SPELLED_STATISTIC = re.compile(r"std|stderr|stdev|standard|confidence")
# a header of figures with their spread ('mean ± std', 'avg (sd)'): the figures are claims
_MEAN_WITH_SPREAD = re.compile(r"±|\+/-|\b(?:mean|avg|average)\b")


def _clean_phrase(phrase: str) -> str:
    text = re.sub(r"[*_`\"“”#]", "", phrase.lower())
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"(?:'s|’s)\b", "", text)
    text = _PREPOSITIONS.sub("", " " + text.strip()).strip()
    words = [w for w in text.split() if w not in _DETERMINERS]
    text = _TRAILING_STATISTICS.sub("", " ".join(words)).strip(" :-,.")
    return re.sub(r"\s+", " ", text)


def _singular(words: str) -> str:
    head, _, last = words.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us", "is", "/s")) and len(last) > 3:  # not a rate's 'per second'
        last = last[:-1]
    return f"{head} {last}".strip()


def longest(matches: list[Mention]) -> list[Mention]:
    """Drop matches inside longer ones (HumanEval inside HumanEval+)."""
    out: list[Mention] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


@lru_cache(maxsize=1)
def typed_settings() -> tuple[list[tuple[str, re.Pattern, dict, frozenset[str]]], dict[str, str], re.Pattern]:
    """(type, regex, aliases, needs) for every setting in settings.json, the value aliases, and the task regex.

    `needs` are lower-case strings one of which a text must hold for the regex to be tried:
    one literal search for all of them is far cheaper than 28 case-blind regexes per sentence.
    """
    data = load_json("settings.json")
    entries = [(row["type"], re.compile(row["regex"], re.IGNORECASE), row.get("aliases", {}),
                frozenset(row.get("needs", ()))) for row in data["settings"]]
    task = re.compile(r"\b([A-Za-z][\w-]+)\s+(?:" + "|".join(data["task_nouns"]) + r")\b", re.IGNORECASE)
    return entries, data.get("aliases", {}), task


@lru_cache(maxsize=1)
def _needs_finder() -> tuple[re.Pattern, dict[str, frozenset[str]]]:
    """One regex for every entry's needs, and for each need the needs it contains ('without'
    holds 'with'), since a regex finds one of two overlapping strings."""
    entries, _, _ = typed_settings()
    needs = sorted({n for *_, entry_needs in entries for n in entry_needs}, key=len, reverse=True)
    finder = re.compile("|".join(map(re.escape, needs)))
    return finder, {n: frozenset(m for m in needs if m in n) for n in needs}


def _candidates(text: str):
    """The settings entries whose `needs` the text meets (all of them when an entry has none)."""
    entries, _, _ = typed_settings()
    finder, contained = _needs_finder()
    found: set[str] = set()
    for need in finder.findall(text.lower()):
        found |= contained[need]
    return [(kind, pattern, local) for kind, pattern, local, needs in entries if not needs or needs & found]


_TASK_STOPWORDS = frozenset("the a an of for and or in on at to its their our this that with by from "
                            "text-dominant vision-dominant".split())


@lru_cache(maxsize=4096)
def settings_found(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, type, 'type:value') of every typed setting named in a text:
    5-shot -> 'shots:5-shot', H100 -> 'hardware:h100', 'test set' -> 'split:test'."""
    _, aliases, task = typed_settings()
    found = []
    for kind, pattern, local in _candidates(text):
        for m in pattern.finditer(text):
            if m.start() >= 2 and text[m.start()].isdigit() and text[m.start() - 1] in ",." and text[m.start() - 2].isdigit():
                continue  # the tail of a number ('143,000 steps' is no '000 steps')
            groups = m.groupdict()
            value = (groups.get("v") or groups.get("w") or m.group(0)).lower()
            value = re.sub(r"\s+", "", value) if kind in ("hardware", "resolution", "context") else re.sub(r"\s+", " ", value)
            value = local.get(value, value)
            if kind == "shots":
                value = f"{aliases.get(value, value)}-shot"
            elif kind == "split":
                value = aliases.get(value, value)
            elif kind == "temperature":
                value = f"{float(value):g}"
            elif kind == "resolution":
                value = value.replace("×", "x")
            found.append((m.start(), m.end(), kind, f"{kind}:{value}"))
    for m in task.finditer(text):
        if m.group(1).lower() not in _TASK_STOPWORDS and m.group(1).isalpha() and len(m.group(1)) > 2 \
                and m.group(1).lower() not in ("ms", "sec", "min", "faster", "slower", "better", "worse"):
            found.append((m.start(), m.end(), "task", "task:" + re.sub(r"\s+", " ", m.group(0).lower())))
    return tuple(found)


def settings_in(text: str) -> frozenset[str]:
    """The typed settings named in a piece of text: {'shots:5-shot', 'hardware:h100', 'split:test'}."""
    return frozenset(setting for *_, setting in settings_found(text))


def settings_between(found: tuple[tuple[int, int, str, str], ...], start: int, end: int) -> frozenset[str]:
    """The settings of `settings_found(text)` named wholly within text[start:end]: reading a
    sentence once and taking its parts is cheaper than reading every part again."""
    return frozenset(setting for a, b, _, setting in found if start <= a and b <= end)


def settings_spans(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, type) of every typed setting named in a text (offsets shifted by `offset`)."""
    return [(offset + a, offset + b, kind) for a, b, kind, _ in settings_found(text) if kind != "task"]


def setting_type(setting: str) -> str:
    return setting.split(":", 1)[0]


# caches keyed by text elsewhere in reading (the learned reader's proposals) register here
TEXT_CACHES: list = []


def clear_text_caches() -> None:
    """Forget what was read from texts seen so far (benchmarks call it between documents, so
    repeated text is not served from memory)."""
    settings_found.cache_clear()
    for cache in TEXT_CACHES:
        cache.cache_clear()
