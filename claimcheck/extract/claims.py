"""Quantities to claims: what kind of figure each is, of which metric, for whom, in what setting.

spaCy's blank English pipeline (no trained model, imported on first use) tokenises each
sentence that holds a quantity; a PhraseMatcher built from `patterns/metrics.jsonl` finds
metric and benchmark names and a Matcher built from `patterns/cues.jsonl` finds the words
that say what a number is (speedup, latency, beats, from ... to, ...). The decisions below
read those matches around each quantity.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..ingest.text import heading_subject
from ..lexicon import load_json, load_jsonl
from ..model import MEASURE_OF_DIMENSION, Claim, Document, Quantity
from .normalize import normalize
from .quantities import find_quantities



@dataclass(frozen=True)
class MetricInfo:
    id: str
    lower_is_better: bool
    complement: str
    dimension: str  # "" for scores; time, memory, rate or ratio where only such figures fit


@dataclass
class _Match:
    label: str
    start: int  # offsets in the document
    end: int
    key: str = ""


class ClaimExtractor:
    """Reads claims out of documents; build once, use for many documents."""

    def __init__(self) -> None:
        import spacy
        from spacy.attrs import ORTH
        from spacy.matcher import Matcher, PhraseMatcher

        self.nlp = spacy.blank("en")
        # "T2V." and "GSM8K." keep their period in the default tokenizer; split it off so
        # names at the end of a sentence still match
        suffixes = list(self.nlp.Defaults.suffixes) + [r"(?<=[0-9A-Za-z+])\."]
        self.nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
        for abbreviation in load_json("abbreviations.json")["abbreviations"]:
            if " " not in abbreviation:
                self.nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        self.metrics: dict[str, MetricInfo] = {}
        metric_names: set[str] = set()
        self.metric_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        # short all-capital acronyms match case-sensitively: "IS" is a metric, "is" is not
        self.acronym_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for row in load_jsonl("metrics.jsonl"):
            info = MetricInfo(row["id"], bool(row.get("lower_is_better")), row.get("complement") or "",
                              row.get("dimension") or "")
            self.metrics[row["id"]] = info
            acronyms = [n for n in row["names"] if n.isupper() and len(n) <= 5]
            others = [n for n in row["names"] if n not in acronyms]
            if acronyms:
                self.acronym_matcher.add(row["id"], list(self.nlp.tokenizer.pipe(acronyms)))
            if others:
                self.metric_matcher.add(row["id"], list(self.nlp.tokenizer.pipe(others)))
            metric_names.update(name.lower() for name in row["names"])
        self.metric_names = frozenset(metric_names)
        # single-token cues ({"LOWER": word} or {"LOWER": {"IN": [...]}}) are a dictionary look-up,
        # several times faster than the Matcher; the rest go through the Matcher
        self.cue_words: dict[str, list[str]] = {}
        self.cue_matcher = Matcher(self.nlp.vocab, validate=True)
        for row in load_jsonl("cues.jsonl"):
            pattern = row["pattern"]
            lower = pattern[0].get("LOWER") if len(pattern) == 1 and set(pattern[0]) == {"LOWER"} else None
            if isinstance(lower, str) or (isinstance(lower, dict) and set(lower) == {"IN"}):
                for word in ([lower] if isinstance(lower, str) else lower["IN"]):
                    self.cue_words.setdefault(word, []).append(row["label"])
            else:
                self.cue_matcher.add(row["label"], [pattern])
        names = load_json("names.json")
        self.not_names = frozenset(w.lower() for w in names["not_names"])
        self.excluded_names = self.not_names | self.metric_names  # never a method's name
        settings = load_json("settings.json")
        self.setting_res = [re.compile(r, re.IGNORECASE) for r in settings["setting_regexes"]]
        self.task_re = re.compile(r"\b([A-Za-z][\w-]+)\s+(?:" + "|".join(settings["task_nouns"]) + r")\b",
                                  re.IGNORECASE)

    # -- document level ---------------------------------------------------------------------

    def extract(self, document: Document) -> list[Claim]:
        text = normalize(document.text)
        quantities = find_quantities(text)
        if not quantities:
            return []
        units = _units(document, text)
        unit_starts = [u[0] for u in units]
        subjects = _known_subjects(document) or self._actors(text)
        subject_re = _subject_regex(tuple(subjects))
        claims: list[Claim] = []
        by_unit: dict[int, list[Quantity]] = {}
        for quantity in quantities:
            index = bisect_right(unit_starts, quantity.start) - 1
            if index >= 0 and quantity.start < units[index][1]:
                by_unit.setdefault(index, []).append(quantity)
        previous: list[tuple[Quantity, str, str]] = []  # figures so far in this paragraph
        breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [h[0] for h in document.headings]
        breaks.sort()
        paragraph = -1
        for index, unit_quantities in sorted(by_unit.items()):
            start, end = units[index]
            here = bisect_right(breaks, start) if document.cell_at(start) is None else -2 - index
            if here != paragraph:
                previous = []
                paragraph = here
            claims.extend(self._unit_claims(document, text, start, end, unit_quantities, subject_re, previous))
        return claims

    def _actors(self, text: str) -> list[str]:
        """Without headings or tables (a thread, a press release), names that open clauses are the subjects."""
        names = {m.group(1) for m in _ACTOR_ANYWHERE.finditer(text)}
        return sorted((n for n in names if n.lower() not in self.excluded_names), key=len, reverse=True)

    # -- one sentence or table cell ---------------------------------------------------------

    def _unit_claims(self, document, text, start, end, quantities, subject_re, previous) -> list[Claim]:
        sentence = text[start:end]
        doc = self.nlp.make_doc(sentence)
        metrics = self._metrics(doc, start)
        metrics += self._acronym_metrics(sentence, start, metrics, subject_re)
        cues = self._cues(doc, start)
        config_change = any(c.label == "CONFIG_CHANGE" for c in cues)
        cell = document.cell_at(start)
        section = document.section_at(start)
        out: list[Claim] = []
        for q in quantities:
            if _in_heading(document, q.start) or document.in_code(q.start):
                continue
            clause_start, clause_end = _clause(text, start, end, q)
            before = text[max(clause_start, q.start - 60):q.start]
            after = text[q.end:min(clause_end, q.end + 60)]
            if _is_hyperparameter(q, before):
                continue
            if cell is not None and cell.column_header.strip().lower() in ("#", "no.", "no", "rank", "id"):
                continue
            metric, metric_text = self._metric_for(q, metrics, clause_start, clause_end, text)
            if not metric and cell is not None and cell.column_header:
                # a results table: the column header names the metric ("| Model | MMLU (5-shot) |")
                metric, metric_text, _ = self.metric_of_phrase(cell.column_header, q.dimension)
                if not metric:
                    metric_text = ""
            kind = _kind(q, before, after, metric)
            role = _change_role(before, after)
            baseline = "" if kind == "scale" else _baseline_name(before, after, subject_re, self.excluded_names)
            # "LLaDA scored 45.3": a clause opened by a method's name is about that method
            actor = "" if baseline else _clause_actor(text[max(clause_start, start):q.start], subject_re,
                                                      self.excluded_names)
            if kind == "scale":
                # a size is "of" its noun (8B parameters, 12T tokens), never of a benchmark nearby
                metric = metric_text = ""
                noun = _SCALE_NOUN.match(after)
                if noun:
                    metric = metric_text = _SCALE_NOUNS.get(noun.group(1).lower(), noun.group(1).lower())
            if not metric and kind != "scale":
                # a compared method's figure, a bare margin, the end of a change or the second of
                # a pair ("78.9 s with X versus 160 s without") takes the metric of the figure before
                metric, metric_text = next(((m, t) for p, m, t in reversed(previous) if m and (
                    (p.dimension == q.dimension and (baseline or role == "to" or p.start >= start))
                    or (kind == "delta" and p.dimension in ("plain", "percent", "points")))), ("", ""))
            subject = baseline or actor
            if not subject and cell is not None and cell.row_header:
                subject = heading_subject(cell.row_header) or cell.row_header
            if not subject:
                subject = _nearest_subject(text, start, q.start, subject_re)
            if not subject and section is not None:
                subject = section.subject
            over = _delta_over(after, self.excluded_names) if kind == "delta" and not baseline else ""
            if kind == "score" and not metric and not baseline and cell is None:
                continue  # a bare number with nothing to say what it measures is not a claim
            if kind == "speedup":
                metric = self._speedup_scope(q, cues, clause_start, clause_end, text)
                metric_text = metric.split(":")[1] + " speedup" if ":" in metric else metric
            info = self.metrics.get(metric)
            setting = set(self._settings_of(_setting_scope(text, quantities, q, clause_start, clause_end)))
            if cell is not None:
                setting |= set(self._settings_of(cell.column_header))
            if config_change:
                setting.add("other configuration")
            if role == "to":
                setting.add("after a stated change")
            elif role == "from":
                setting.add("before a stated change")
            lower = info.lower_is_better if info else kind in ("time", "memory")
            location = document.locate(q.start)
            claim_kind = "change" if role else kind
            out.append(Claim(
                document=document.name, quantity=q, kind=claim_kind, line=location.line,
                column=location.column, sentence=(start, end), metric=metric,
                metric_text=metric_text, subject=subject, baseline=baseline or over,
                setting=frozenset(setting), role=role or ("baseline" if baseline else ""),
                lower_is_better=lower, page=location.page, bbox=document.bbox(q.start, q.end)))
            previous.append((q, metric, metric_text))
        return out

    def _metrics(self, doc, offset: int) -> list[_Match]:
        return _longest([
            _Match("METRIC", offset + doc[s:e].start_char, offset + doc[s:e].end_char, self.nlp.vocab.strings[m])
            for m, s, e in self.metric_matcher(doc) + self.acronym_matcher(doc)])

    def _cues(self, doc, offset: int) -> list[_Match]:
        cues = [_Match(self.nlp.vocab.strings[m], offset + doc[s:e].start_char, offset + doc[s:e].end_char)
                for m, s, e in self.cue_matcher(doc)]
        for token in doc:
            for cue in self.cue_words.get(token.lower_, ()):
                cues.append(_Match(cue, offset + token.idx, offset + token.idx + len(token)))
        return cues

    def metric_of_phrase(self, phrase: str, dimension: str) -> tuple[str, str, str]:
        """(metric id, metric as written, kind) for a metric named on its own, as in a fact sheet."""
        doc = self.nlp.make_doc(phrase)
        kind = MEASURE_OF_DIMENSION.get(dimension, "score")
        if dimension == "ratio":
            anchor = Quantity(text="", start=0, end=0, value=0.0, decimals=0, dimension="ratio")
            metric = self._speedup_scope(anchor, self._cues(doc, 0), 0, len(phrase), phrase)
            return metric, phrase, "speedup"
        wanted = dimension if dimension in ("time", "memory", "rate") else ""
        # the head comes last: "COCO mAP" is mAP (on COCO), "NAVSIM PDMS" is PDMS
        for m in reversed(self._metrics(doc, 0)):
            info = self.metrics.get(m.key)
            if (info.dimension if info else "") == wanted:
                return m.key, phrase[m.start:m.end], kind
        acronym = re.search(r"(?<![\w-])([A-Z][A-Z0-9]{1,6})(?![\w-])", phrase)
        if acronym and acronym.group(1).lower() not in self.not_names:
            return acronym.group(1), acronym.group(1), kind
        return "", phrase, kind

    def settings_of(self, text: str) -> tuple[str, ...]:
        """The settings named in a piece of text (5-shot, v2, style removal, H100, ...)."""
        return self._settings_of(text)

    # -- decisions --------------------------------------------------------------------------

    def _acronym_metrics(self, sentence, offset, metrics, subject_re):
        """Acronyms right before or after a number name a metric even when no lexicon has them."""
        found = []
        for m in re.finditer(r"(?<![\w-])([A-Z][A-Z0-9]{1,6})(?![\w-])", sentence):
            word = m.group(1)
            if word.lower() in self.not_names or any(d.isdigit() for d in word[:1]):
                continue
            if subject_re is not None and subject_re.fullmatch(word):
                continue
            if any(x.start <= offset + m.start() < x.end for x in metrics):
                continue
            near = re.match(r"\s*(?:(?:is|was|of|reaches|=|:)\s*)?[\d+\-~]", sentence[m.end():m.end() + 12]) or re.search(
                r"[\d%]\s*(?:(?:points?|pts?|pp)\s+)?(?:(?:on|in|for|at)\s+(?:the\s+)?)?$",
                sentence[max(0, m.start() - 24):m.start()])
            if near:
                found.append(_Match("METRIC", offset + m.start(), offset + m.end(), word))
        return found

    def _metric_for(self, q, metrics, clause_start, clause_end, text):
        """The metric named closest to a figure: 'PDMS 90.2', '0.7 PDMS', '+21.6 points on BBH'.

        Each candidate costs the words between it and the number; parentheses and a
        benchmark version (v1) are free, commas end the search.
        """
        best = None
        wanted = q.dimension if q.dimension in ("time", "memory", "rate", "ratio") else ""
        for m in metrics:
            if not (clause_start <= m.start and m.end <= clause_end):
                continue
            info = self.metrics.get(m.key)
            if (info.dimension if info else "") != wanted:
                continue
            if m.end <= q.start:
                gap = text[m.end:q.start]
                # "91.3 on GSM8K and 56.2 on MATH": after a conjunction the metric is the last figure's
                cost = None if _CONJUNCTION.search(gap) else _gap_cost(gap, _BEFORE_WORDS, 3)
            elif m.start >= q.end:
                gap = text[q.end:m.start]
                cost = _gap_cost(gap, _AFTER_WORDS, 3)
                cost = None if cost is None else cost + 0.5
            else:
                continue
            if cost is not None and (best is None or cost < best[0]):
                best = (cost, m)
        if best is None:
            # "On GSM8K the 7B model scores 74.5": a clause that opens with its benchmark
            for m in metrics:
                if clause_start <= m.start < q.start and _LEADING_METRIC.fullmatch(text[clause_start:m.start]):
                    info = self.metrics.get(m.key)
                    if (info.dimension if info else "") == wanted:
                        return m.key, text[m.start:m.end]
            return "", ""
        return best[1].key, text[best[1].start:best[1].end]

    def _speedup_scope(self, q, cues, clause_start, clause_end, text) -> str:
        scopes = [c for c in cues if c.label in ("SCOPE_E2E", "SCOPE_PART") and clause_start <= c.start < clause_end]
        if not scopes:
            return "speedup"
        nearest = min(scopes, key=lambda c: min(abs(c.start - q.end), abs(q.start - c.end)))
        # "attention kernel": in a compound of scope words the first one names the scope
        for other in scopes:
            if other.label == nearest.label == "SCOPE_PART" and 0 <= nearest.start - other.end <= 1:
                nearest = other
        if nearest.label == "SCOPE_E2E":
            return "speedup:end-to-end"
        return "speedup:" + _scope_word(text[nearest.start:nearest.end])

    @lru_cache(maxsize=256)
    def _settings_of(self, clause: str) -> tuple[str, ...]:
        return tuple(self._setting(clause))

    def _setting(self, clause: str):
        for pattern in self.setting_res:
            for m in pattern.finditer(clause):
                yield re.sub(r"\s+", " ", m.group(0).lower())
        for m in self.task_re.finditer(clause):
            if m.group(1).lower() not in _COMMON_WORDS:
                yield re.sub(r"\s+", " ", m.group(0).lower())


def _kind(q: Quantity, before: str, after: str, metric: str) -> str:
    """What kind of figure a quantity is, from its unit and the words around it."""
    if q.dimension == "ratio":
        return "speedup"
    if q.dimension == "points":
        return "delta"
    if re.match(r"-[a-z]", after) and q.dimension == "plain":
        return "setting"  # 2-step, 61-frame, 5-shot
    if q.text[:1] in "≥≤<>":  # IoU ≥ 85%, similarity > 0.4: a threshold
        return "setting"
    if q.signed and q.dimension in ("plain", "percent"):
        return "delta"
    if re.search(r"\b(?:costs?|loses?|gains?|adds?|drops?|lifts?|boosts?)\s+(?:of\s+)?(?:about\s+|~)?$", before, re.I):
        return "delta"
    if re.search(r"\bby\s+(?:about\s+|~|over\s+|nearly\s+)?$", before, re.I) and q.dimension in ("plain", "percent"):
        return "delta"
    if q.dimension == "plain" and _COMPARATIVE_AFTER.match(after):
        return "delta"  # "1.8 better than", "2.0 lower than", "3 points ahead of"
    if q.dimension == "time":
        return "time"
    if q.dimension == "rate":
        return "throughput"
    if q.dimension == "memory":
        return "memory"
    if q.dimension == "count":
        return "scale"
    if q.dimension == "plain" and re.match(r"\s+(?:[a-z-]+\s+)?(?:parameters|params|tokens|images|samples|examples|GPUs|hours|epochs|videos|prompts|concepts|languages|tasks)\b", after):
        return "scale"
    if metric in _SETTING_METRICS:
        return "setting"
    if q.dimension == "percent":
        return "percent"
    return "score"


def _is_hyperparameter(q: Quantity, before: str) -> bool:
    """learning rate 3e-4, batch size 256, beta = 0.9, every 8 layers: configuration, not a claim."""
    if q.dimension in ("plain", "count") and re.search(
            r"(?:\b(?:learning[\s-]rate|lr|batch[\s-]size|weight[\s-]decay|warm-?up(?:\s+steps)?|momentum|seed|"
            r"temperature|beam[\s-](?:size|width)|top-[kp]|dropout|every|hidden[\s-](?:size|dim(?:ension)?)|"
            r"rank|context[\s-](?:length|window)|patch[\s-]size|chunk[\s-]size|block[\s-]size)"
            r"|[βλαγεη]|\b(?:beta|lambda|alpha|gamma|eta|epsilon)\d?)\s*(?:of|=|:|is|to|set\s+to)?\s*(?:about\s+)?$",
            before, re.I):
        return True
    return q.dimension == "plain" and "e" in q.text.lower() and abs(q.value) < 1e-2


_CONJUNCTION = re.compile(r"\b(?:and|but|while|whereas|versus|vs)\b", re.I)
_COMPARATIVE_AFTER = re.compile(r"\s*(?:[A-Za-z-]+\s+)?(?:better|worse|higher|lower|ahead|behind|below|above)\b",
                                re.I)
_SETTING_METRICS = frozenset({"sparsity", "keep_ratio", "dropout", "keep_probability"})
_BEFORE_WORDS = None  # any lowercase word may stand between a metric and its figure
_AFTER_WORDS = frozenset({"points", "point", "pts", "pt", "pp", "percentage", "on", "in", "for", "of", "at", "the"})
_LEADING_METRIC = re.compile(r"\s*(?:[-*+>]\s+)?(?:on|for|across|in|with|at)\s+(?:the\s+)?", re.I)
_FOOTNOTE_MARKS = str.maketrans({ch: " " for ch in "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079\u2020\u2021*"})
_PAREN = re.compile(r"\([^()]{0,80}\)")


def _gap_cost(gap: str, allowed: frozenset[str] | None, limit: int) -> float | None:
    """Words between a metric and a number, or None when the gap breaks the link."""
    gap = _PAREN.sub(" ", gap.translate(_FOOTNOTE_MARKS))
    if re.search(r"[,;.!?()\[\]|]", gap.replace("pts.", "pts")):
        return None
    words = [w for w in re.findall(r"[^\s:=]+", gap) if not re.fullmatch(r"v\d+(?:\.\d+)?", w)]
    if len(words) > limit:
        return None
    if any(re.fullmatch(r"[+\-]?\d[\d.,]*%?", w) or not (w.islower() or any(ch.isdigit() for ch in w))
           for w in words):
        return None
    if allowed is not None and any(w not in allowed for w in words):
        return None
    return float(len(words))


_COMMON_WORDS = frozenset("the a an of for and or in on at to its their our this that with by from".split())

def _setting_scope(text: str, quantities: list[Quantity], q: Quantity, clause_start: int, clause_end: int) -> str:
    """Where a figure's setting is named: the clause's lead-in before its first figure ("On NAVSIM
    v2, ..."), and the stretch between the figures either side of it ("... and 81.9 on GSM8K 5-shot")."""
    anchors = [x for x in quantities if clause_start <= x.start < clause_end and not _COMPOUND.match(text, x.end)]
    if not anchors:
        return text[clause_start:clause_end]
    before = [x for x in anchors if x.end <= q.start]
    after = [x for x in anchors if x.start >= q.end]
    lead = text[clause_start:anchors[0].start]
    left = before[-1].end if before else clause_start
    right = after[0].start if after else clause_end
    if before:  # words after the previous figure, up to "and" or a comma, are that figure's
        cut = list(_SEPARATOR.finditer(text, left, q.start))
        left = cut[-1].end() if cut else left
    if after:
        cut = _SEPARATOR.search(text, q.end, right)
        right = cut.start() if cut else right
    return lead + " \n " + text[left:right] if before else text[left:right]


_SEPARATOR = re.compile(r",|;|\band\b|\bbut\b|\bwhile\b|\bwhereas\b|\bversus\b|\bvs\.?|\bcompared\b")


_COMPOUND = re.compile(r"-[a-z]")  # "5-shot", "2-step": part of a setting, not a figure of its own


def _scope_word(word: str) -> str:
    """attention-only, attention-layer -> attention; converges -> convergence."""
    word = re.sub(r"-(?:only|layer|level)$", "", word.lower())
    return "convergence" if word.startswith("converge") else word


def _longest(matches: list[_Match]) -> list[_Match]:
    """Drop matches inside longer ones (HumanEval inside HumanEval+)."""
    out = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”)]*\s+(?=[\"'“(]?[A-Z0-9])|\n")


@lru_cache(maxsize=1)
def _abbreviation_re() -> re.Pattern:
    words = load_json("abbreviations.json")["abbreviations"]
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in words) + r")$", re.IGNORECASE)


def _units(document: Document, text: str) -> list[tuple[int, int]]:
    """Sentences of prose, and each table cell as its own unit, in order."""
    units: list[tuple[int, int]] = []
    cell_spans = [(c.start, c.end) for c in document.cells]
    cell_lines = set()
    for cell in document.cells:
        cell_lines.add(document.locate(cell.start).line)
    abbreviation = _abbreviation_re()
    line_starts = document.line_starts
    for number, line_start in enumerate(line_starts, 1):
        line_end = line_starts[number] - 1 if number < len(line_starts) else len(text)
        if number in cell_lines:
            continue
        start = line_start
        for m in _SENTENCE_END.finditer(text, line_start, line_end):
            if abbreviation.search(text[start:m.start()]):
                continue
            units.append((start, m.start()))
            start = m.end()
        if start < line_end:
            units.append((start, line_end))
    units.extend(cell_spans)
    units.sort()
    return units


def _clause(text: str, start: int, end: int, q: Quantity) -> tuple[int, int]:
    """The part of a sentence between semicolons around a quantity."""
    left = text.rfind(";", start, q.start)
    right = text.find(";", q.end, end)
    return (left + 1 if left >= 0 else start, right if right >= 0 else end)


def _in_heading(document: Document, offset: int) -> bool:
    return any(s <= offset < e for s, e in document.headings)


def _known_subjects(document: Document) -> list[str]:
    names = {s.subject for s in document.sections if s.subject}
    for cell in document.cells:
        if cell.row_header:
            names.add(heading_subject(cell.row_header) or cell.row_header)
    return sorted((n for n in names if n and not re.fullmatch(r"[\d.]+", n)), key=len, reverse=True)


@lru_cache(maxsize=64)
def _subject_regex(subjects: tuple[str, ...]) -> re.Pattern | None:
    if not subjects:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in subjects) + r")(?![\w])")


def _nearest_subject(text: str, sentence_start: int, offset: int, subject_re) -> str:
    if subject_re is None:
        return ""
    last = ""
    for m in subject_re.finditer(text, sentence_start, offset):
        last = m.group(0)
    return last


_NAME = r"([A-Z][\w.+-]*[\w+]|[a-z]+[A-Z][\w.+-]*)"
_PAREN_AFTER_NAME = re.compile(r"((?:[A-Z][\w.+-]*\s+){0,2})" + _NAME + r"\s*\(\s*(?:[~≈]\s*)?$")
_NAME_IN_PAREN = re.compile(r"\(\s*" + _NAME + r"[\s:,]+(?:at\s+)?$")
_NAME_AFTER_VERSUS = re.compile(
    r"(?:versus|vs\.?|than|over|against|compared\s+(?:to|with)|relative\s+to|and|,)\s+(?:the\s+)?" + _NAME + r"(?:'s)?\s+(?:at|with|of|:|scores?|reaches|gets)?\s*$")


def _baseline_name(before: str, after: str, subject_re, not_names) -> str:
    """The compared method a figure belongs to: 'WoTE (88.3)', '(WoTE 88.3)', 'versus UCE at 67.43%'."""
    for pattern in (_PAREN_AFTER_NAME, _NAME_IN_PAREN, _NAME_AFTER_VERSUS):
        m = pattern.search(before)
        if m:
            name = m.group(1)
            if pattern is _PAREN_AFTER_NAME:
                # "GPT-2 Medium (10.3)": keep the capitalised words before the name that are not openers
                words = m.group(1).split() + [m.group(2)]
                while len(words) > 1 and words[0].lower() in not_names:
                    words.pop(0)
                name = " ".join(words)
            if name.lower() in not_names:
                continue
            if subject_re is not None and subject_re.fullmatch(name):
                return ""  # the subject itself; a variant such as Gull-v1 stays a compared method
            if pattern is _PAREN_AFTER_NAME and not re.match(r"[^()]{0,30}[,)]", after):
                continue  # "GPT-4o (76.6 on MATH)" is GPT-4o's; "X (which ... 76.6" is not a figure in parentheses
            return name
    return ""


_SCALE_NOUN = re.compile(r"\s+(parameters|params|tokens|images|samples|examples|videos|hours|GPUs|documents|pairs|prompts|epochs)\b", re.I)
_SCALE_NOUNS = {"params": "parameters", "gpus": "GPUs"}
_ACTOR_VERBS = (r"(?:scores?|scored|reaches|reached|achieves|achieved|gets|got|hits|posts|posted|obtains|obtained|"
                r"attains|attained|records|recorded|manages|managed|sits\s+at|stays\s+at|remains\s+at|is\s+at|was\s+at|"
                r"trails\s+at|lands\s+at|comes\s+in\s+at|has|had|is|was|serves|runs|delivers|cuts|improves|"
                r"beats|outperforms|uses|needs|takes|trains|generates|answers|reduces|lowers|raises|boosts)")
_ACTOR = re.compile(r"^\s*(?:[-*+>]\s+)?(?:the\s+)?" + _NAME + r"(?:'s?)?\s+" + _ACTOR_VERBS + r"\b")


_ACTOR_ANYWHERE = re.compile(r"(?:^|(?<=[.;!?:/]\s)|(?<=\n))\s*(?:[-*+>]\s+)?(?:the\s+)?" + _NAME + r"(?:'s?)?\s+"
                             + _ACTOR_VERBS + r"\b")


def _clause_actor(clause: str, subject_re, excluded: frozenset[str]) -> str:
    """'LLaDA scored 45.3 on BBH': a clause opened by another method's name is about that method."""
    m = _ACTOR.match(clause)
    if not m:
        return ""
    name = m.group(1)
    if name.lower() in excluded or _is_known(name, subject_re):
        return ""
    return name


def _is_known(name: str, subject_re) -> bool:
    """A known subject or a variant of one (Sparrow-7B, iLLaDA-Base)."""
    if subject_re is None:
        return False
    m = subject_re.match(name)
    return m is not None and (m.end() == len(name) or name[m.end()] in "-_ ")


_DELTA_OVER = re.compile(r"[^.;,()]{0,40}?\b(?:over|than|versus|vs\.?|against|ahead\s+of|above|below|behind)\s+"
                         r"(?:the\s+|its\s+)?" + _NAME)


def _delta_over(after: str, excluded: frozenset[str]) -> str:
    """'+4.1 points on MATH over Crake-v1': the method a margin is measured against."""
    m = _DELTA_OVER.match(after)
    return m.group(1) if m and m.group(1).lower() not in excluded else ""


def _change_role(before: str, after: str) -> str:
    if re.search(r"\bfrom\s+(?:about\s+|~)?$", before, re.I) and re.match(r"\s*(?:to|→|->)\s", after):
        return "from"
    if re.search(r"\bfrom\s+\S+\s+to\s+(?:about\s+|~)?$", before, re.I) or (
            re.search(r"(?:\bto|→|->)\s+(?:about\s+|~)?$", before) and re.search(r"\bfrom\s", before)):
        return "to"
    return ""


@lru_cache(maxsize=1)
def default_extractor() -> ClaimExtractor:
    return ClaimExtractor()


def extract_claims(document: Document) -> list[Claim]:
    """Claims of one document with the default patterns."""
    return default_extractor().extract(document)
