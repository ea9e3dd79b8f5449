"""Proposals for the learned reader: for every number, what it could be and whose it could be.

The rules of `claims` read one answer per number. Here the same structures propose every
plausible answer, each described by features a trained model weighs (`decide`):
- is the number a claim (the rules' verdict and reason, its shape, the words and structure around it);
- which kind of figure it is;
- for a claim, which of the names around it is its subject, metric, dataset or baseline, and
  which of the settings named around it are its own.

Candidates come from structure, never from a list of answers: a table cell's row labels and
header levels, the caption and the heading above, the lexicon's metric and benchmark mentions in
the sentence, names in the sentence (known to the document, or shaped like names), the list
item's lead, the section's and the document's method, and the rules' own reading. Features are
plain strings ("src=header", "side=before", "dist=2"), so a model is a table of weights.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..ingest.text import AUTHOR_YEAR
from ..model import Claim, Document, TableCell
from .context import heading_chain, heading_levels, intro_before
from .quantities import YEAR_SHAPED
from .table_axes import TableAxes
from .scripts import spaced
from .vocabulary import TEXT_CACHES, settings_found

# the fields the model ranks; the baseline stays as the rules read it (they agree with the labels
# on 90% of claims, and ranking it doubled the cost of the names proposed in prose)
FIELDS = ("subject", "metric", "dataset")
NULL = ""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.+/-]*[A-Za-z0-9+]|[A-Za-z]|\d[\d.,]*|[^\w\s]")
# a name in Latin letters, which ends where a word of an unspaced script begins ('QoQ显著优于')
_NAME_SPAN = re.compile(
    r"(?<!" + spaced(r"[\w-]") + r")(?:[A-Z]" + spaced(r"[\w.+/-]") + r"*|[a-z]+[A-Z]" + spaced(r"[\w.+/-]")
    + r"*|[a-z]" + spaced(r"[\w.+-]") + r"*\d" + spaced(r"[\w.+/-]") + r"*)"
    r"(?:[ -](?:[A-Z]" + spaced(r"[\w.+/-]") + r"*|\d" + spaced(r"[\w.+/-]") + r"*(?:[BMK]|x\d+)?(?!"
    + spaced(r"\w") + r")|v\d" + spaced(r"[\w.]") + r"*|[a-z]+\d" + spaced(r"[\w.]") + r"*))*")
_MARKUP = re.compile(r"\*\*|__|<[^<>]{0,200}>|`|\[(?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]|(?<!\w)[*_]|[*_](?!\w)|[†‡§¶]")
_OURS = re.compile(r"\s*[(\[]\s*(?:ours|proposed)\s*[)\]]\s*$", re.I)
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_STOP = frozenset("the a an this that these those it its our their we they in on at for with by from to of and "
                  "or but as if when while after before than over vs versus per via is are was were be been has "
                  "have had can could will would up down although though whereas unlike against across among "
                  "between under above below into within without during since until both each every all some any "
                  "no not only also however thus hence yet so".split())
# a column of conditions rather than results: GPUs, batch, threads, context, shots, bits ...; a
# bare '#' numbers the rows
_CONFIG_HEADER = re.compile(r"(?i)^#\s*\w|\bnumber\s+of\b|\b(?:gpus?|batch|bsz|threads?|cores?|nodes?|workers?|clients?|"
                            r"shots?|context|length|resolution|steps?|bits?|words?/doc|seq(?:uence)?|concurrency|"
                            r"requests?|users?|group\s+size)\b")
_METRIC_WORD = re.compile(r"(?i)\b(?:score|accuracy|acc|rate|latency|time|error|throughput|memory|size|params|"
                          r"parameters|speedup|speed|cost|price|f1|loss|perplexity|recall|precision|bleu|rouge|"
                          r"em|pass@\d+|win|ratio|reward|usage|flops|performance|elo|wer|cer|ap|map|auc|ndcg|overhead)\b")
# a metric word with up to two words before it ('prefill GPU time', 'average win'), for proposals
_METRIC_PHRASE = re.compile(r"(?i)(?:\b[a-z][\w-]*\s+){0,2}\b(?:score|accuracy|acc|rate|latency|time|error|throughput|"
                            r"memory|size|params|parameters|speedup|speed|cost|price|f1|loss|perplexity|recall|"
                            r"precision|bleu|rouge|em|win|ratio|reward|usage|flops|performance|elo|wer|cer|ap|map|auc|"
                            r"ndcg|miou|iou|similarity|correlation|pass|qps|tps|bandwidth|utili[sz]ation|overhead)\b")


# a metric word written in the plural, as prose above a table names what its cells hold ('five-shot
# accuracies are shown below', 'safety scores (%)')
_PLURAL_METRIC = re.compile(r"(?i)\b(accurac|latenc|efficienc|similarit)ies\b|\b(score|rate|error|speedup|cost|"
                            r"ratio|reward|overhead|throughput|win|correlation|utili[sz]ation)s\b")


def singular_metric_words(text: str) -> str:
    """`text` with its plural metric words made singular: 'accuracies' -> 'accuracy', 'scores' -> 'score'."""
    return _PLURAL_METRIC.sub(lambda m: m.group(1) + "y" if m.group(1) else m.group(2), text)


def metric_phrases(text: str) -> list[str]:
    """The metric words of a phrase, alone and with up to two words before them:
    'I3-Inst. Pass' -> ['Pass', 'Inst. Pass'], 'prefill GPU time' -> ['time', 'GPU time', 'prefill GPU time']."""
    out = []
    for m in _METRIC_PHRASE.finditer(text):
        words = m.group(0).split()
        for k in range(len(words)):
            phrase = " ".join(words[k:])
            if phrase.split()[0].lower() not in _STOP and phrase not in out:
                out.append(phrase)
    return out


_CUES = ("faster", "slower", "speedup", "improv", "outperform", "than", "from", "reduc", "achiev", "score",
         "accuracy", "latency", "throughput", "memory", "param", "token", "trained", "batch", "learning rate",
         "step", "epoch", "layer", "version", "release", "cost", "gpu", "hour", "%", "×", "vs")
_BARE_CELL = re.compile(r"[~≈<>≤≥+\-−±$€£]?[\d.,]+\s?[%×xKMBT]?")
_WORDY = re.compile(r"[A-Za-z]{3,}")
_AFTER_OF = re.compile(r"\b(?:of|for|by)\s*$")
_LEADS = (("after_comparator", re.compile(r"\b(?:than|over|vs\.?|versus|against|compared\s+(?:to|with)|relative\s+to|"
                                          r"ahead\s+of|behind|beats?|beating|outperforms?|surpass(?:es)?|from)\s+"
                                          r"(?:the\s+)?$", re.I)),
          ("after_on", re.compile(r"\b(?:on|in|across)\s+(?:the\s+)?$", re.I)),
          ("after_with", re.compile(r"\b(?:with|using|at)\s+(?:the\s+)?$", re.I)))
_PAREN_AFTER = re.compile(r"\s*\(")
_OPENING = re.compile(r"[\s\W]*")
_CLAUSE_MARK = re.compile(r"[;:]")
_OPEN_PAREN = re.compile(r"\(")
_PROSE_CELL = re.compile(r"[A-Za-z]{3,}[^|]*[A-Za-z]{3,}")
# a key a program printed before its value ('Requests/sec:   1139', 'consumed samples: 98 |'):
# the stretch of its line since the last field separator, read up to the figure
_PRINTED_FIELD = re.compile(r"[|,;\t]")
_PRINTED_KEY_SEP = re.compile(r"[:=]")
_PRINTED_KEY = re.compile(r"[A-Za-z][^\n]{0,59}")
_FIGURE_IN_KEY = re.compile(r"(?<![\w.])[-+]?\d")
_CONFIG_VALUE = re.compile(r"[\d.,]+[A-Za-z%]{0,3}")
_COUNT_OF = re.compile(r"(?i)^(?:#|number\s+of|num\.?|no\.?\s+of)\s*")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_LETTERS = re.compile(r"[A-Za-z]+")
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[A-Za-z]")
_NOT_DIGIT = re.compile(r"[^\d.]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_REACH = 160   # characters either side of a figure in which names are proposed
_NEAREST = 6   # names proposed per figure, nearest first
_NAMES_BEFORE = 4  # names of the sentence or lines just before a figure proposed, nearest first
_LOCAL_FIELDS = ("subject",)  # fields whose candidates learn how near before the figure they are written
_SEEN_REACH = 1_500   # characters before a figure's sentence or table counted as near
_SEEN_SECTION = 6_000  # how far back within its section a figure's name is looked for
_NEAREST_PHRASES = 4  # metric phrases proposed per figure, nearest first
_OPENING_REACH = 6_000  # the opening of a document, where it says what it measures
# The proposals a model is offered are those it was trained with: a model file states the set it
# learned ('proposals'; files without it learned the first). A model that never saw a source of
# proposals has no weight for it, and its other weights then rank strangers: offered the second
# set, the model trained on the first read the test split's metrics 0.766 -> 0.746.
PROPOSALS = 2  # 2: the document's benchmarks, and the metric phrases above a table and in headings
_DOCUMENT_BENCHMARKS = 3  # benchmarks proposed from the document as a whole
_NAMES_COUNTED = 40
# a name the document calls a benchmark: 'the AlpacaEval dataset', 'SWE-bench Lite benchmark'
# (each word bounded, a match starts at a word's start: linear in the text)
_CALLED_BENCHMARK = re.compile(r"(?<![\w.+/-])([A-Z0-9][\w.+/-]{0,30}(?:[ -][A-Z0-9][\w.+/-]{0,30}){0,3})\s+"
                               r"(?:benchmark|dataset|leaderboard|suite|corpus|workload|test\s+set)s?\b")
# a header whose column holds changes of a measure, not its values
_CHANGE_HEADER = re.compile(r"(?i)\b(?:change|diff|difference|delta|increase|decrease|reduction|improvement|"
                            r"gain|speed-?up|slowdown|regression)s?\b|Δ")
_PASS_AT = re.compile(r"(?i)\bpass[@^]\d+\b|\b(?:ndcg|recall|precision|map|hit|mrr|acc)@\d+\b")
_PARENTHESIS = re.compile(r"\(([^()]{1,40})\)")

@lru_cache(maxsize=256)
def _setting_features(count: str, sources: str) -> frozenset:
    return frozenset(("bias", count, f"nsrc={sources}"))


@lru_cache(maxsize=64)
def _count_features(count: str) -> frozenset:
    return frozenset((f"n={count}",))


@lru_cache(maxsize=4096)
def _null_features(context: str, count: str, kind: str, ruled: str) -> frozenset:
    """The features of the empty answer: where the figure stands, how many other answers there
    are, its kind, and whether the rules gave an answer."""
    out = {"null", f"null&{context}", f"null&n={count}"}
    if kind:
        out |= {f"null&kind={kind}", f"null&rule={ruled}"}
    return frozenset(out)


@lru_cache(maxsize=65536)
def _prepare(name: str, text: str, features: tuple, value: str, context: str):
    """A proposal ready to merge: (field, key, text, value, features, sources), or None for a
    text that names nothing (empty, too long, no letter)."""
    text = clean(text)
    if not text or len(text) > 80 or not _LETTER.search(text):
        return None
    sources = frozenset(f for f in features if f.startswith("src="))
    # where it came from, and whether in a cell or in prose
    return name, key_of(text), text, value, frozenset(features) | {f"{s}&{context}" for s in sources}, sources


@lru_cache(maxsize=65536)
def _setting_entry(text: str, setting: str, features: tuple, context: str):
    """A setting proposal ready to merge: (key, text, typed value, features, sources), or None."""
    text = clean(text)
    if not text or len(text) > 60:
        return None
    kind = setting.partition(":")[0] if ":" in setting else "text"
    if kind == "task":
        return None
    features = features + (f"type={kind}",)
    value = setting if ":" in setting else f"setting:{text.lower()}"
    return (key_of(text), text, value, frozenset(features) | {f"{f}&{context}" for f in features},
            frozenset(f for f in features if f.startswith("src=")))


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """A name or header as a reader would quote it: no markup, links, citation marks, author-year
    citations or '(ours)'."""
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub(" ", text)
    text = _OURS.sub("", text)
    text = AUTHOR_YEAR.sub("", text)
    return " ".join(text.split()).strip(" :;,.-–—|")


@lru_cache(maxsize=65536)
def key_of(text: str) -> str:
    """The form candidates are merged by: lower case, letters and digits only."""
    return _NOT_ALNUM.sub("", text.lower())


def printed_key(before: str) -> tuple[str, str] | None:
    """The key a program printed before a value on its line, and its separator: ('Requests/sec',
    ':') for 'Requests/sec:   ', ('user', ':') for 'CPU times: user ' (the words after the last
    separator, else the ones before it). None where the stretch holds no key and separator, or
    another figure stands in it (a row of a printed table, 'iteration 12695/ ')."""
    field = _PRINTED_FIELD.split(before)[-1]
    parts = _PRINTED_KEY_SEP.split(field)
    if len(parts) < 2:
        return None
    sep = _PRINTED_KEY_SEP.findall(field)[-1]
    key = parts[-1].strip() or parts[-2].strip()
    key = key.strip("*`'\" ")
    if not _PRINTED_KEY.fullmatch(key) or _FIGURE_IN_KEY.search(key) or len(key.split()) > 6:
        return None
    return key, sep


def bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8+"


def shape(text: str) -> str:
    out = _LETTERS.sub("a", _DIGITS.sub("d", text))
    return out[:8]


@lru_cache(maxsize=4096)
def names_in(text: str) -> list[str]:
    """The name-like spans of a passage in order, without a capitalised function word before them."""
    out = []
    for m in _NAME_SPAN.finditer(text):
        written = m.group(0).rstrip(".-/")
        first, space, rest = written.partition(" ")
        while space and first.lower() in _STOP and rest:
            written = rest
            first, space, rest = written.partition(" ")
        if len(written) >= 2 and written.lower() not in _STOP:
            out.append(written)
    return out


@dataclass(frozen=True)
class _Spans:
    """A sentence's proposals and landmarks, found once for all the figures in it."""

    words: list
    numbers: list
    clause_marks: list
    parens: list
    mentions: list  # (start, end, field, as written, features, lexicon id, parenthesis right after)
    names: list     # (start, end, as written, features, parenthesis right after)
    phrases: list   # (start, end, metric phrases)


class Candidate:
    """One answer a field could take, with what supports it.

    `features` are its own; `described` what its text and sources say of it; `parts` the feature
    sets of the proposals merged into it, kept whole (most are shared by every cell of a column
    or row, and a model scores a shared set once); `sources` its 'src=' features; `value` the form
    a Claim carries (a lexicon id, a typed setting), `text` when empty. A plain class with slots:
    a long README makes a hundred thousand of them."""

    __slots__ = ("text", "features", "value", "sources", "described", "parts")

    def __init__(self, text: str, features=None, value: str = "") -> None:
        self.text = text
        self.features = features if features is not None else set()
        self.value = value
        self.sources = frozenset()
        self.described = ()
        self.parts = []

    def all_features(self) -> set[str]:
        return self.features.union(self.described, *self.parts)

    def __repr__(self) -> str:
        return f"Candidate({self.text!r}, {sorted(self.all_features())[:6]}...)"

    @property
    def key(self) -> str:
        return key_of(self.text)


@dataclass
class Site:
    """One number of a document with its surroundings and the rules' reading of it."""

    start: int
    end: int
    text: str
    claim: Claim | None
    status: str           # "claim", "non-claim", "unread"
    reason: str
    unit: tuple[int, int]  # the sentence or cell it stands in
    cell: TableCell | None
    where: str            # cell | heading | code | item | prose


class Proposer:
    """Proposes, for one document, the candidates and features of each number."""

    def __init__(self, reading, units: list[tuple[int, int]], typer=None, proposals: int = PROPOSALS) -> None:
        self.typer = typer  # what a name looks like: a metric, a benchmark, a system or a setting
        self.proposals = proposals  # which set of proposals to make (see PROPOSALS)
        self._types: dict[str, list[str]] = {}
        self._text_features_cache: dict[str, tuple[str, ...]] = {}
        self._decorations: dict[tuple, tuple[str, ...]] = {}
        self._text_decorations: dict[tuple, tuple] = {}  # (text, field, place) -> (features, type features)
        self._entry_scores: dict[tuple, float] = {}  # a shared proposal's score, per field and scorer
        self._setting_scores: dict[tuple, tuple] = {}  # a setting proposal's text and sources, scored
        self._seen_cache: dict[tuple, tuple] = {}
        self._sentences: dict[tuple, tuple] = {}
        self._spans: dict[tuple, _Spans] = {}
        self._columns: dict[tuple, tuple] = {}
        # proposals shared by many numbers (a table's context, a column's headers, a row's labels)
        # are made once and replayed: a table of a thousand cells asks for them a thousand times
        self._batches: dict[tuple, list] = {}
        self.r = reading
        self.v = reading.v
        self.document: Document = reading.document
        self.text: str = reading.text
        self.units = units
        self._unit_starts = [u[0] for u in units]
        self._mentions: dict[int, list] = reading.mentions_by_unit
        self.known = {n for n in reading.attribution.names.known if n}
        self.method = reading.attribution.names.method
        title = next((s.title for s in self.document.sections), "")
        self.title = clean(title) if len(title) <= 80 else ""
        self._headings = heading_levels(self.document)
        self._heading_starts = [h[0] for h in self._headings]
        self._table_starts: dict[int, int] = {}
        for cell in self.document.cells:
            self._table_starts.setdefault(cell.table, cell.start)

    @cached_property
    def axes(self) -> TableAxes:
        """What each table's axes look like as a whole (made on first use)."""
        return TableAxes(self.document.cells, self.r.tables, self.typer)

    # -- the document around a number ----------------------------------------------------------

    def heading_chain(self, offset: int, limit: int = 3) -> list[str]:
        return heading_chain(self._headings, self._heading_starts, offset, limit)

    def intro_before(self, position: int) -> str:
        return intro_before(self.text, position)

    @cached_property
    def _frequent(self) -> list[tuple[str, int]]:
        return self._frequent_names()

    @cached_property
    def _called_benchmarks(self) -> frozenset:
        """The names the document calls a benchmark, a dataset or a workload somewhere, lower-cased."""
        return frozenset(m.group(1).lower() for m in _CALLED_BENCHMARK.finditer(self.text))

    @cached_property
    def _called_words(self) -> frozenset:
        """Every word of the names the document calls a benchmark."""
        return frozenset(word for name in self._called_benchmarks for word in name.split())

    def _is_called_benchmark(self, lowered: str) -> bool:
        """Is a (lower-cased) text one of the names the document calls a benchmark, a word of one,
        or one followed by more words ('mmlu' in 'mmlu pro'), or does it hold one as a word?"""
        called = self._called_benchmarks
        if not called:
            return False
        words = lowered.split()
        if lowered in called or lowered in self._called_words or any(word in called for word in words):
            return True
        at = lowered.find(" ")
        while at >= 0:
            if lowered[:at] in called:
                return True
            at = lowered.find(" ", at + 1)
        return False

    @cached_property
    def _document_benchmarks(self) -> list[tuple[str, str]]:
        """(name, how it was found) of up to three benchmarks the document as a whole is about:
        the lexicon's benchmarks its opening and headings name, and the names it calls a
        benchmark or dataset anywhere, the most often written first. A leaderboard or a blog
        post names its benchmark once up top and never beside the figures of its tables."""
        from collections import Counter
        found: dict[str, str] = {}
        opening = self.text[:_OPENING_REACH] + "\n" + "\n".join(title for _, _, title in self._headings[:40])
        for label, written, _ in self._mentions_of(opening):
            if label == "DATASET" and len(written) > 1:
                found.setdefault(written, "doc_bench=lexicon")
        for m in _CALLED_BENCHMARK.finditer(self.text):
            written = m.group(1).rstrip(".-/")
            if len(written) > 1 and _LETTER.search(written) and written.lower() not in _STOP:
                found.setdefault(written, "doc_bench=called")
            if len(found) >= _NAMES_COUNTED:
                break  # each name is counted over the whole text: a few dozen are plenty
        counts = Counter({written: self.text.count(written) for written in found})
        return [(written, found[written]) for written, n in counts.most_common(_DOCUMENT_BENCHMARKS) if n >= 2]

    @cached_property
    def _document_settings(self) -> list[tuple[str, str, int]]:
        return self._settings_of_document()

    def _frequent_names(self) -> list[tuple[str, int]]:
        """Name-like words the document's prose and headings use most (its own method, its benchmark)."""
        from collections import Counter
        counts: Counter = Counter()
        text = self.text[:_OPENING_REACH] + "\n" + "\n".join(title for _, _, title in self._headings[:40])
        for m in _NAME_SPAN.finditer(text):
            phrase = m.group(0).rstrip(".-/")
            words = phrase.split()
            if len(phrase) > 2 and (self.v.is_name_like(phrase) or 1 < len(words) <= 3):
                counts[phrase] += 1
            for word in words if len(words) > 1 else ():
                if len(word) > 2 and self.v.is_name_like(word):
                    counts[word] += 1
        return [(name, n) for name, n in counts.most_common(3) if n >= 3]

    def _settings_of_document(self) -> list[tuple[str, str, int]]:
        """(setting, as written, how often) for hardware, precision and shots named in the document."""
        from collections import Counter
        counts, written = Counter(), {}
        # the headings and the opening of a document say where its figures were measured
        text = self.text[:600] + "\n" + "\n".join(title for _, _, title in self._headings[:40])
        for s, e, kind, setting in settings_found(text):
            if kind in ("hardware", "precision", "shots"):
                counts[setting] += 1
                written.setdefault(setting, text[s:e])
        return [(setting, written[setting], n) for setting, n in counts.most_common(4)]

    # -- where a number stands ----------------------------------------------------------------

    def site(self, start: int, end: int, text: str, claim: Claim | None, status: str, reason: str) -> Site:
        from bisect import bisect_right
        cell = self.document.cell_at(start)
        index = bisect_right(self._unit_starts, start) - 1
        unit = self.units[index] if index >= 0 and start < self.units[index][1] else (start, end)
        if cell is not None:
            where = "cell"
            unit = (cell.start, cell.end)
        elif self.document.in_code(start) or reason.startswith("code"):
            where = "code"
        elif reason == "heading" or self._in_heading(start):
            where = "heading"
        else:
            line_start = self.text.rfind("\n", 0, start) + 1
            where = "item" if re.match(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]", self.text[line_start:line_start + 8]) else "prose"
        return Site(start, end, text, claim, status, reason, unit, cell, where)

    def _in_heading(self, offset: int) -> bool:
        from bisect import bisect_right
        headings = self.document.headings
        i = bisect_right(headings, (offset, float("inf"))) - 1
        return i >= 0 and headings[i][0] <= offset < headings[i][1]

    def _words_around(self, site: Site, reach: int = 40) -> tuple[list[str], list[str]]:
        left = self.text[max(site.unit[0], site.start - reach):site.start]
        right = self.text[site.end:min(site.unit[1], site.end + reach)]
        before = [_norm_word(w) for w in _WORD.findall(left)][-3:]
        after = [_norm_word(w) for w in _WORD.findall(right)][:3]
        return before, after

    # -- is it a claim, and of which kind -------------------------------------------------------

    def number_features(self, site: Site) -> list[str]:
        f = [f"rule={site.status}", f"where={site.where}", f"rule={site.status}&where={site.where}"]
        reason = site.reason.split(" (", 1)[0][:40]
        if site.status != "claim":
            f.append(f"reason={reason}")
            f.append(f"reason={reason}&where={site.where}")
        claim = site.claim
        if claim is not None:
            q = claim.quantity
            f += [f"kind={claim.kind}", f"dim={q.dimension}", f"kind={claim.kind}&where={site.where}",
                  f"attr={claim.attribution or '-'}", f"role={claim.role or '-'}", f"unit={q.unit or '-'}"]
            f.append("has_metric" if claim.metric else "no_metric")
            f.append("has_subject" if claim.subject else "no_subject")
            f.append("has_dataset" if claim.dataset else "no_dataset")
            if q.signed:
                f.append("signed")
            if q.approx:
                f.append("approx")
            if q.bound:
                f.append("bound")
            if q.high is not None:
                f.append("range")
            if q.per:
                f.append("per")
        digits = _NOT_DIGIT.sub("", site.text)
        f.append(f"shape={shape(site.text)}")
        f.append("decimal" if "." in digits else "integer")
        if "." not in digits and digits:
            n = len(digits.replace(".", ""))
            f.append(f"ndigits={min(n, 6)}")
            if YEAR_SHAPED.fullmatch(digits):
                f.append("yearlike")
            try:
                if int(digits) <= 10:
                    f.append("small_int")
            except ValueError:
                pass
        before, after = self._words_around(site)
        for i, w in enumerate(reversed(before[-2:]), 1):
            f.append(f"w-{i}={w}")
        for i, w in enumerate(after[:2], 1):
            f.append(f"w+{i}={w}")
        if before:
            f.append(f"w-1={before[-1]}&where={site.where}")
        if after:
            f.append(f"w+1={after[0]}&where={site.where}")
        lead = self.text[max(0, site.start - 1):site.start]
        tail = self.text[site.end:site.end + 1]
        f.append(f"c-1={_char_class(lead)}")
        f.append(f"c+1={_char_class(tail)}")
        if site.cell is not None:
            f += self._cell_features(site)
        else:
            f += self._sentence_features(site.unit)
        return f

    def _sentence_features(self, unit: tuple[int, int]) -> tuple[str, ...]:
        """What a sentence says to every number in it: how many figures it holds, and its cue words."""
        found = self._sentences.get(unit)
        if found is None:
            numbers = len(_NUMBER.findall(self.text, unit[0], unit[1]))
            sentence = self.text[unit[0]:unit[1]].lower()
            found = (f"nums={bucket(numbers)}",) + tuple(f"cue={cue}" for cue in _CUES if cue in sentence)
            self._sentences[unit] = found
        return found

    def _cell_features(self, site: Site) -> list[str]:
        cell = site.cell
        f = [f"row={bucket(cell.row)}"]
        plain = clean(cell.text)
        if _BARE_CELL.fullmatch(plain):
            f.append("bare_cell")
        elif _WORDY.search(plain):
            f.append("wordy_cell")
        if not cell.row_header:
            f.append("no_row_header")
        key = (cell.table, cell.column, cell.label, cell.headers)
        column = self._columns.get(key)
        if column is None:
            column = self._columns[key] = tuple(self._column_features(cell))
        return f + list(column)

    def _column_features(self, cell: TableCell) -> list[str]:
        """What a cell's column says of every number in it: where it stands, its header's words and role."""
        f = [f"col={bucket(cell.column)}"]
        if cell.label:
            f.append("label_cell")
        for level in cell.headers[:2]:
            for w in _WORD.findall(clean(level).lower())[:4]:
                if w.isalpha() or "/" in w or "@" in w:
                    f.append(f"hdr={w}")
        role = self.v.label_role(cell.headers[0]) if cell.headers else ""
        f.append(f"hdr_role={role or '-'}")
        if cell.headers:
            header = self.r.tables.header(cell.headers[-1])
            f.append("hdr_metric" if header.metric else "hdr_dataset" if header.dataset else
                     "hdr_name" if header.name else "hdr_setting" if header.settings else "hdr_other")
            if header.unit:
                f.append(f"hdr_unit={header.unit[1]}")
            if any(_CHANGE_HEADER.search(level) for level in cell.headers):
                f.append("hdr_change")  # 'Diff', '% Change vs Previous', 'Δ': the column holds changes
            # what the name typer makes of the cell's header and of its whole header row: a row of
            # hyperparameters ('n_layers', 'd_model', 'Learning Rate') holds configurations, not results
            own = self._type_features(clean(cell.headers[-1]))
            f += [f"hdr_{x}" for x in own if x.startswith(("type_top=", "type_setting="))]
            f += [f"hdr_row:{x}" for x in self.axes.header_axis(cell.table, len(cell.headers) - 1)
                  if x.startswith(("axis_top=", "axis_setting="))]
        return f

    # -- candidates for the frame of a claim ----------------------------------------------------

    def candidates(self, site: Site, fields=FIELDS) -> dict[str, list[Candidate]]:
        """Each field's candidates (of `fields`), merged by their key; the null answer is always one."""
        grouped, context, kind, ruled = self._entries(site, fields)
        result = {}
        for name, by_key in grouped.items():
            candidates = []
            count = _count_features(bucket(len(by_key)))
            for entries, _ in by_key.values():
                candidate = Candidate(entries[0][2], count, next((e[3] for e in entries if e[3]), ""))
                candidate.parts = [e[4] for e in entries]
                candidate.sources = entries[0][5].union(*(e[5] for e in entries[1:])) if len(entries) > 1 else entries[0][5]
                candidate.described = self._decoration(candidate.text, candidate.sources, name, context, kind)
                if name in _LOCAL_FIELDS:
                    candidate.described += self._seen(candidate.text, self._anchor(site), candidate.sources)
                candidates.append(candidate)
            candidates.append(Candidate(NULL, _null_features(context, bucket(len(by_key)), kind, ruled[name])))
            result[name] = candidates
        return result

    def scored(self, site: Site, fields, scorers: dict) -> dict[str, list[tuple]]:
        """The same candidates as `candidates`, scored by `scorers` (field -> `decide.Linear`)
        without building them: (score, order, text, value, sources), the null answer last. A
        proposal shared by many numbers is scored once, so a table of a thousand cells costs
        little more than its columns and rows."""
        grouped, context, kind, ruled = self._entries(site, fields)
        out = {}
        anchor = self._anchor(site)
        for name, by_key in grouped.items():
            scorer = scorers[name]
            local = name in _LOCAL_FIELDS
            base = scorer.score(_count_features(bucket(len(by_key))))
            shared_key = (name, context, kind, id(scorer))  # a shared group's scores, in its own memo
            items = []
            for order, (entries, memo) in enumerate(by_key.values()):
                first = entries[0]
                if memo is not None:
                    key = shared_key
                    cached = memo.get(key)
                else:
                    memo, key = self._entry_scores, (entries, name, context, kind, id(scorer))
                    cached = memo.get(key)
                if cached is None:
                    if len(entries) == 1:
                        sources, value = first[5], first[3]
                        s = scorer.partial(first[4])
                    else:
                        sources = first[5].union(*(e[5] for e in entries[1:]))
                        value = next((e[3] for e in entries if e[3]), "")
                        s = scorer.score(frozenset().union(*(e[4] for e in entries))) - scorer.bias
                    cached = memo[key] = (s + scorer.partial(self._decoration(first[2], sources, name, context, kind)),
                                          value, sources)
                s = base + cached[0]
                if local:
                    s += scorer.partial(self._seen(first[2], anchor, cached[2]))
                items.append((s, order, first[2], cached[1], cached[2]))
            null = scorer.score(_null_features(context, bucket(len(by_key)), kind, ruled[name]))
            items.append((null, len(items), NULL, "", frozenset()))
            out[name] = items
        return out

    def _entries(self, site: Site, fields):
        """The proposals for each field of `fields`, grouped by key in the order they were made:
        ({field: {key: [entry, ...]}}, context, kind, {field: 'set'|'empty'|''})."""
        out: dict[str, dict[str, list]] = {name: {} for name in fields}
        claim = site.claim
        context = f"ctx={site.where}"

        def add(name: str, text: str, *features: str, value: str = "") -> None:
            entry = _prepare(name, text, features, value, context)
            if entry is not None:
                found = out.get(entry[0])
                if found is not None:  # else a field not asked for
                    held = found.get(entry[1])
                    found[entry[1]] = ((entry,), None) if held is None else (held[0] + (entry,), None)

        self._grouped = out  # for the batches of shared proposals

        if claim is not None:
            if claim.subject:
                add("subject", claim.subject, "src=rule", f"rule_attr={claim.attribution or '-'}")
            if claim.metric:
                add("metric", claim.metric_text or claim.metric, "src=rule", value=claim.metric)
                info = self.v.info(claim.metric)
                if info is not None:
                    add("metric", claim.metric.replace("_", " "), "src=rule_id", value=claim.metric)
            if claim.dataset:
                add("dataset", claim.dataset, "src=rule", value=claim.dataset)
            dimension = claim.quantity.dimension
            default = {"time": "latency", "rate": "throughput", "memory": "memory", "ratio": "speedup",
                       "money": "cost"}.get(dimension)
            if default:
                add("metric", default, "src=unit", f"unit_dim={dimension}", value=default)
        if site.cell is not None:
            self._cell_candidates(site, add)
            if _PROSE_CELL.search(clean(site.cell.text)):
                self._prose_candidates(site, add)  # a cell that holds prose ('COCO, mAP: +14.0%')
        else:
            self._prose_candidates(site, add)
        section = self.document.section_at(site.start)
        if section is not None and section.subject:
            add("subject", section.subject, "src=section")
        if self.method:
            add("subject", self.method, "src=doc_method")
        if "dataset" in out and self.proposals >= 2:
            for rank, (written, how) in enumerate(self._document_benchmarks):
                add("dataset", written, "src=doc_benchmark", how, f"doc_bench_rank={rank}")
        if self.title:
            add("subject", self.title, "src=title")
        kind = claim.kind if claim is not None else ""
        ruled = {name: (("set" if getattr(claim, name, "") else "empty") if claim is not None else "") for name in out}
        return out, context, kind, ruled

    def _cell_candidates(self, site: Site, add) -> None:
        cell = site.cell
        tables = self.r.tables
        levels = len(cell.headers)
        layout = "layout=rows" if tables.subjects_in_rows(cell) else "layout=cols"

        shape = self.axes.shape(cell.table)

        def decorate(features):  # every table candidate knows the table's layout and shape
            axis = next((f for f in features if f.startswith("src=")), "src=?")
            return (layout, f"{axis}&{layout}", *shape, *(f"{f}&{axis}" for f in shape))

        context = f"ctx={site.where}"
        self._batch(("headers", cell.table, cell.column), lambda record: self._header_candidates(cell, record),
                    context, decorate)
        self._batch(("labels", cell.table, cell.row), lambda record: self._label_candidates(cell, record),
                    context, decorate)
        self._batch(("table", cell.table, cell.group), lambda record: self._table_candidates(cell, record),
                    context, decorate)

    def _header_candidates(self, cell: TableCell, add) -> None:
        tables = self.r.tables
        levels = len(cell.headers)
        plain_add = add
        for depth, level in enumerate(cell.headers):
            from_top = f"lvl={depth}" if depth < 2 else "lvl=2+"
            last = "last_level" if depth == levels - 1 else "upper_level"
            axis = tuple(f"hdr:{f}" for f in self.axes.header_axis(cell.table, depth)) + tuple(
                f"hdr_cross:{f}" for f in self.axes.label_axis(cell.table, 0) if f.startswith("axis_top="))
            add = _with(plain_add, axis)
            header = tables.header(level)
            if header.metric:
                add("metric", header.metric_text or header.metric, "src=hdr_metric", from_top, last, value=header.metric)
            if header.dataset:
                add("dataset", header.dataset, "src=hdr_dataset", from_top, last, value=header.dataset)
            if header.name:
                add("dataset", header.name, "src=hdr_name", from_top, last)
                add("subject", header.name, "src=hdr_name", from_top, last)
                add("metric", header.name, "src=hdr_name", from_top, last)
            add("metric", level, "src=hdr_text", from_top, last)
            for phrase in metric_phrases(level):
                add("metric", phrase, "src=hdr_metric_word", from_top, last)
            for written in _PASS_AT.findall(level):
                add("metric", written, "src=hdr_passk", from_top)
            for inner in _PARENTHESIS.findall(level):
                add("metric", inner, "src=hdr_paren", from_top)
            add("dataset", level, "src=hdr_text", from_top, last)
            add("subject", level, "src=hdr_text", from_top, last)

    def _label_candidates(self, cell: TableCell, add) -> None:
        tables = self.r.tables
        plain_add = add
        for position, (name, value) in enumerate(cell.labels):
            if not value:
                continue
            role = self.v.label_role(name) or "-"
            column = f"labelcol={min(position, 2)}"
            add = _with(plain_add, tuple(f"row:{f}" for f in self.axes.label_axis(cell.table, position)) + tuple(
                f"row_cross:{f}" for f in self.axes.header_axis(cell.table, max(len(cell.headers) - 1, 0))
                if f.startswith("axis_top=")))
            add("subject", value, "src=row_label", f"label_role={role}", column)
            header = tables.header(value)
            if header.metric:
                add("metric", header.metric_text or header.metric, "src=row_metric", f"label_role={role}", column,
                    value=header.metric)
            if header.dataset:
                add("dataset", header.dataset, "src=row_dataset", f"label_role={role}", column, value=header.dataset)
            add("metric", value, "src=row_text", f"label_role={role}", column)
            for phrase in metric_phrases(value):
                add("metric", phrase, "src=row_metric_word", f"label_role={role}", column)
            add("dataset", value, "src=row_text", f"label_role={role}", column)

    def _table_candidates(self, cell: TableCell, add) -> None:
        tables = self.r.tables
        if cell.group:
            header = tables.header(cell.group)
            if header.metric:
                add("metric", header.metric_text or header.metric, "src=group_metric", value=header.metric)
            if header.dataset:
                add("dataset", header.dataset, "src=group_dataset")
            add("metric", cell.group, "src=group_text")
            add("dataset", cell.group, "src=group_text")
        if cell.caption:
            caption = cell.caption.split(":", 1)[-1][:160]
            header = tables.header(caption[:80])
            if header.metric:
                add("metric", header.metric_text or header.metric, "src=caption_metric", value=header.metric)
            named = tables.named_benchmark(caption)
            if named:
                add("dataset", named, "src=caption_dataset")
            for m in self._mentions_of(caption):
                add("metric" if m[0] == "METRIC" else "dataset", m[1], f"src=caption_{m[0].lower()}", value=m[2])
        table_start = self._table_starts.get(cell.table, cell.start)
        self._context_candidates(table_start, add)
        intro = self.intro_before(table_start)
        # what the caption and the prose just above say the cells measure ('safety scores (%)',
        # 'in terms of overhead', 'zero-shot accuracies are shown below'): the caption's first
        # metric phrases, the intro's last, nearest the table
        if cell.caption and self.proposals >= 2:
            caption = singular_metric_words(cell.caption[:200])
            for rank, phrase in enumerate(metric_phrases(caption)[:_NEAREST_PHRASES]):
                add("metric", phrase, "src=caption_metric_word", f"phrase_rank={rank}")
            for written in _PASS_AT.findall(caption):
                add("metric", written, "src=caption_passk")
        if intro and self.proposals >= 2:
            phrases = metric_phrases(singular_metric_words(intro))
            for rank, phrase in enumerate(phrases[-_NEAREST_PHRASES:][::-1]):
                add("metric", phrase, "src=intro_metric_word", f"phrase_rank={rank}")
            for written in _PASS_AT.findall(intro):
                add("metric", written, "src=intro_passk")
        for rank, written in enumerate(names_in(intro)[-_NAMES_BEFORE:][::-1]):
            add("subject", written, "src=intro_name", f"before_rank={rank}")
            add("dataset", written, "src=intro_name", f"before_rank={rank}")
        if intro:
            for m in self._mentions_of(intro):
                add("metric" if m[0] == "METRIC" else "dataset", m[1], f"src=intro_{m[0].lower()}", value=m[2])
            named = tables.named_benchmark(intro)
            if named:
                add("dataset", named, "src=intro_named")

    def _anchor(self, site: Site) -> int:
        """Where the text before a figure ends: its table's first cell, or its sentence's start."""
        if site.cell is not None:
            return self._table_starts.get(site.cell.table, site.cell.start)
        return site.unit[0]

    def _seen(self, text: str, anchor: int, sources: frozenset) -> tuple[str, ...]:
        """How near before `anchor` the document writes a candidate's text: on the same line, in
        the same paragraph, within a screenful, in the same section, or not at all. A name the
        lines above a figure or table have just written is likelier its owner than one the
        document uses often elsewhere."""
        key = (text, anchor, sources)
        found = self._seen_cache.get(key)
        if found is not None:
            return found
        whole = self.text
        low = max(0, anchor - _SEEN_REACH)
        at = whole.rfind(text, low, anchor) if text else -1
        if at >= 0:
            if whole.rfind("\n", at, anchor) < 0:
                where = "line"
            elif whole.find("\n\n", at, anchor) < 0:
                where = "para"
            else:
                where = "near"
        else:
            from bisect import bisect_right
            index = bisect_right(self._heading_starts, anchor) - 1
            section = self._heading_starts[index] if index >= 0 else 0
            far = max(section, anchor - _SEEN_SECTION)
            where = "section" if far < low and text and whole.rfind(text, far, low + len(text)) >= 0 else "none"
        found = (f"seen={where}",) + tuple(f"seen={where}&{source}" for source in sorted(sources)[:3])
        if len(self._seen_cache) > 200_000:
            self._seen_cache.clear()
        self._seen_cache[key] = found
        return found

    def _decoration(self, text: str, sources: frozenset, name: str, context: str, kind: str) -> tuple[str, ...]:
        """The features a candidate's text and sources give it for one field and kind of figure,
        once per such combination: a column's header is proposed for every cell under it."""
        key = (text, sources, name, context, kind)
        found = self._decorations.get(key)
        if found is not None:
            return found
        # what the text alone gives for this field and place, once per text; then its sources
        own = self._text_decorations.get((text, name, context))
        if own is None:
            described = self._text_features(text)
            out = list(described)
            if context == "ctx=cell":
                out += [f"{f}&cell" for f in described if f.startswith("type_")]
            types = [f for f in described if f.startswith(("type_top=", "type_" + name + "="))]
            if "called_benchmark" in described:
                types.append("called_benchmark")
            own = self._text_decorations[(text, name, context)] = (tuple(out), tuple(types))
        out, types = list(own[0]), own[1]
        sources = sorted(sources)
        out.append(f"nsrc={bucket(len(sources))}")
        if len(sources) > 1:
            out.append("srcs=" + "+".join(sources[:3]))
        out += [f"{source}&{feature}" for source in sources[:3] for feature in types]
        if kind:
            out += [f"{source}&kind={kind}" for source in sources[:3]]
        found = self._decorations[key] = tuple(out)
        return found

    def _text_features(self, text: str) -> tuple[str, ...]:
        """What a candidate's own text says of it (its shape, the lexicon, the name typer), once per text."""
        found = self._text_features_cache.get(text)
        if found is not None:
            return found
        out = ["bias", f"words={bucket(len(text.split()))}"]
        if _DIGIT.search(text):
            out.append("has_digit")
        lexicon = self.v.names.get(text.lower())
        if lexicon:
            out.append("lex_benchmark" if self.v.is_benchmark(lexicon) else "lex_metric")
        if text in self.known:
            out.append("known_name")
        lowered = text.lower()
        if self._is_called_benchmark(lowered):
            out.append("called_benchmark")  # the document writes 'the <text> benchmark' somewhere
        if self.v.is_name_like(text):
            out.append("name_like")
        if text[:1].isupper():
            out.append("capital")
        if _METRIC_WORD.search(text):
            out.append("metric_word")
        if text.isupper() and len(text) <= 8:
            out.append("acronym")
        if re.search(r"\d(?:\.\d)?\s?[BMK]\b|\bv?\d+\.\d", text):
            out.append("sized_or_versioned")
        out += self._type_features(text)
        found = self._text_features_cache[text] = tuple(out)
        return found

    def _batch(self, key: tuple, make, context: str, decorate=None) -> None:
        """Merge in the proposals `make(record)` makes for `key`, making them once (`decorate`
        adds features to each, such as the table's layout)."""
        by_field = self._batches.get(key)
        if by_field is None:
            grouped: dict[tuple, list] = {}

            def record(name, text, *features, value=""):
                entry = _prepare(name, text, features + (decorate(features) if decorate else ()), value, context)
                if entry is not None:
                    grouped.setdefault((entry[0], entry[1]), []).append(entry)
            make(record)
            # the proposals of one key made together stay together: a group is scored once; filed
            # by field, in the order they were made, so that merging them is one loop per field
            by_field = {}
            for (name, k), entries in grouped.items():
                by_field.setdefault(name, []).append((k, tuple(entries), {}))
            self._batches[key] = by_field
        out = self._grouped
        for name, groups in by_field.items():
            found = out.get(name)
            if found is None:
                continue  # a field not asked for
            for k, entries, memo in groups:
                held = found.get(k)
                # `memo` holds a shared group's scores; a group merged with another has none of its own
                found[k] = (entries, memo) if held is None else (held[0] + entries, None)

    def _type_features(self, text: str) -> list[str]:
        """How much a string looks like a metric, a benchmark, a system or a setting, by the
        model's name typer (learned from the corpus's labels), in coarse steps."""
        if self.typer is None:
            return []
        found = self._types.get(text)
        if found is None:
            probabilities = self.typer.probabilities(string_features(text))
            top = max(probabilities, key=probabilities.get)
            found = [f"type_top={top}"] + [f"type_{label}={_step(p)}" for label, p in probabilities.items()]
            self._types[text] = found
        return found

    def _context_candidates(self, position: int, add) -> None:
        """What the headings above a position and the document as a whole propose."""
        tables = self.r.tables
        for depth, title in enumerate(self.heading_chain(position)):
            level = f"heading{min(depth, 2)}"
            header = tables.header(title[:80])
            if header.metric:
                add("metric", header.metric_text or header.metric, f"src={level}_metric", value=header.metric)
            for inner in _PARENTHESIS.findall(title):
                add("metric", inner, f"src={level}_paren")
            for label, written, key in self._mentions_of(title[:160]):
                add("metric" if label == "METRIC" else "dataset", written, f"src={level}_{label.lower()}", value=key)
            for written in _PASS_AT.findall(title):
                add("metric", written, f"src={level}_passk")
            for phrase in metric_phrases(singular_metric_words(title[:160]))[:_NEAREST_PHRASES] \
                    if self.proposals >= 2 else ():
                add("metric", phrase, f"src={level}_metric_word")
            named = tables.named_benchmark(title[:160])
            if named:
                add("dataset", named, f"src={level}_dataset")
            if len(title.split()) <= 4:
                add("dataset", title, f"src={level}_text")
                add("subject", title, f"src={level}_text")
        for rank, (name, count) in enumerate(self._frequent):
            add("subject", name, "src=frequent", f"frequent_rank={rank}")
            add("dataset", name, "src=frequent", f"frequent_rank={rank}")

    def _sentence_spans(self, start: int, end: int) -> "_Spans":
        """What a sentence proposes to every figure in it, found once: its lexicon mentions and
        pass@k-style metrics, its names, its metric phrases, and where its words, figures, clause
        marks and parentheses stand (for each figure's distance to each proposal)."""
        found = self._spans.get((start, end))
        if found is not None:
            return found
        text = self.text
        mentions = self._mentions.get(start)
        if mentions is None:
            mentions = self.v.matches(self.v.nlp.make_doc(text[start:end]), start, text[start:end])

        def lead_features(a: int) -> tuple[str, ...]:
            lead = text[max(start, a - 24):a]
            return tuple(name for name, pattern in _LEADS if pattern.search(lead))

        def paren_after(b: int) -> bool:
            return _PAREN_AFTER.match(text, b, min(end, b + 3)) is not None

        proposed = [(m.start(), m.end(), "metric", m.group(0), ("src=passk",) + lead_features(m.start()), "",
                     paren_after(m.end())) for m in _PASS_AT.finditer(text, start, end)]
        for m in mentions:
            name = "metric" if m.label == "METRIC" else "dataset" if m.label == "DATASET" else None
            if name is not None:
                proposed.append((m.start, m.end, name, text[m.start:m.end], ("src=mention",) + lead_features(m.start),
                                 m.key, paren_after(m.end)))
        names = []
        for m in _NAME_SPAN.finditer(text, start, end):
            written = m.group(0).rstrip(".-/")
            a = m.start()
            # a function word capitalised by its place in the sentence is not part of the name:
            # "While GPT-X holds ..." names GPT-X
            first, space, rest = written.partition(" ")
            while space and first.lower() in _STOP and rest:
                a += len(first) + 1
                written = rest
                first, space, rest = written.partition(" ")
            if not written or written.lower() in _STOP or len(written) < 2:
                continue
            static = ("src=name_span",) + lead_features(a)
            if a == start or _OPENING.fullmatch(text[start:a][:40]):
                static += ("sentence_start",)
            if written in self.known:
                static += ("src=known",)
            if text.startswith(("'s", "’s"), a + len(written)):
                static += ("possessive",)
            names.append((a, a + len(written), written, static, paren_after(a + len(written))))
        phrases = [(m.start(), m.end(), metric_phrases(m.group(0))) for m in _METRIC_PHRASE.finditer(text, start, end)]
        found = self._spans[(start, end)] = _Spans(
            words=[m.start() for m in _WORD.finditer(text, start, end)],
            numbers=[m.start() for m in _NUMBER.finditer(text, start, end)],
            clause_marks=[m.start() for m in _CLAUSE_MARK.finditer(text, start, end)],
            parens=[m.start() for m in _OPEN_PAREN.finditer(text, start, end)],
            mentions=proposed, names=names, phrases=phrases)
        return found

    def _previous_unit(self, start: int) -> int | None:
        """The start of the sentence before, when it is in the same paragraph."""
        from bisect import bisect_left
        index = bisect_left(self._unit_starts, start) - 1
        if index < 0:
            return None
        before = self.units[index]
        if "\n\n" in self.text[before[1]:start] or self.document.cell_at(before[0]) is not None:
            return None
        return before[0]

    def _mentions_of(self, phrase: str) -> list[tuple[str, str, str]]:
        doc = self.v.nlp.make_doc(phrase)
        return [(m.label, phrase[m.start:m.end], m.key) for m in self.v.matches(doc, 0, phrase)]

    def _prose_candidates(self, site: Site, add) -> None:
        start, end = site.unit
        text = self.text
        spans = self._sentence_spans(start, end)
        words, numbers, marks, parens = spans.words, spans.numbers, spans.clause_marks, spans.parens
        after_of = "number_after_of" if _AFTER_OF.search(text, max(start, site.start - 12), site.start) else ""

        def relation(a: int, b: int, paren_after: bool) -> list[str]:
            if b <= site.start:
                side, low, high = "before", b, site.start
            elif a >= site.end:
                side, low, high = "after", site.end, a
            else:
                side, low, high = "inside", 0, 0
            distance = bucket(bisect_left(words, high) - bisect_left(words, low)) if high > low else "0"
            between = bisect_left(numbers, high) - bisect_left(numbers, low) if high > low else 0
            out = [f"side={side}", f"dist={distance}", f"side={side}&dist={distance}", f"between_nums={bucket(between)}"]
            if high > low and bisect_left(marks, high) > bisect_left(marks, low):
                out.append("across_clause")
            if side == "before":
                if bisect_left(parens, high) > bisect_left(parens, low):
                    out.append("paren_between")
                if after_of:
                    out.append(after_of)
                if paren_after:
                    out.append("paren_after_name")
            return out

        for span in spans.mentions:  # lexicon mentions and pass@k-style metrics of the sentence
            a, b, name, written, static, value, paren_after = span
            add(name, written, *static, *relation(a, b, paren_after), value=value)
        # names within reach of the figure, the nearest first: a sentence of a table run into one
        # line holds hundreds, and the ones far away are never its subject
        low, high = site.start - _REACH, site.end + _REACH
        nearby = [span for span in spans.names if low <= span[0] and span[1] <= high
                  and not (span[0] <= site.start < span[1] or span[0] < site.end <= span[1])]
        nearby.sort(key=lambda span: abs(span[0] - site.start))
        seen = set()
        # the nearest name on each side of the figure: its likeliest owner before, or after it
        # when the sentence names the figure first ("71.2 for GPT-X")
        nearest_before = next((span[0] for span in nearby if span[1] <= site.start), None)
        nearest_after = next((span[0] for span in nearby if span[0] >= site.end), None)
        for a, b, written, static, paren_after in nearby[:_NEAREST]:
            if written in seen:
                continue
            seen.add(written)
            features = (*static, *relation(a, b, paren_after))
            if a == nearest_before:
                features += ("nearest_before",)
            elif a == nearest_after:
                features += ("nearest_after",)
            add("subject", written, *features)
            add("dataset", written, *features)
        near = sorted((span for span in spans.phrases if low <= span[0] and span[1] <= high),
                      key=lambda span: abs(span[0] - site.start))
        for a, b, phrases in near[:_NEAREST_PHRASES]:
            features = relation(a, b, False)
            for phrase in phrases:
                add("metric", phrase, "src=metric_word", *features)
        # words right after the number: "71.2 accuracy", "45 ms latency", "3.2x speedup"
        after = re.match(r"\s*(?:[%×x]|ms|s|GB|MB|points?|pts?)?\s*((?:[a-z][a-z-]+\s?){1,2})", text[site.end:end])
        if after:
            phrase = after.group(1).strip()
            if phrase.split()[0] not in _STOP:
                add("metric", phrase, "src=next_words")
        line_start = text.rfind("\n", 0, site.start) + 1
        if site.where == "code" or self.document.in_printed(site.start):
            # (the last stretch of the line only: a minified line of a million characters holds
            # many figures, and each would read it whole)
            key = printed_key(text[max(line_start, site.start - 200):site.start])
            if key:
                add("metric", key[0], "src=printed_key", f"key_sep={key[1]}")
        lead = self.r.attribution.lead(line_start)
        if lead:
            add("subject", lead, "src=lead")
        from bisect import bisect_right
        section = bisect_right(self._heading_starts, start)
        self._batch(("context", section, site.where), lambda record: self._context_candidates(start, record),
                    f"ctx={site.where}")
        previous = self._previous_unit(start)
        if previous is not None:
            # the sentence before often names what this one measures ('We test X on Y. It scores 71.2')
            before = self.text[max(previous, start - 400):start]
            for rank, written in enumerate(names_in(before)[-_NAMES_BEFORE:][::-1]):
                add("subject", written, "src=previous_name", f"before_rank={rank}")
                add("dataset", written, "src=previous_name", f"before_rank={rank}")
            for m in self._mentions.get(previous, ()):
                name = "metric" if m.label == "METRIC" else "dataset" if m.label == "DATASET" else None
                if name:
                    add(name, text[m.start:m.end], "src=previous_sentence", value=m.key)

    def setting_candidates(self, site: Site) -> list[Candidate]:
        """Each condition named around the figure, as its own candidate to keep or leave: typed
        settings the lexicon finds (as written), the table's other labels and configuration
        cells, the caption, the headings above, and the hardware or shots the document names."""
        out = []
        grouped = self._setting_entries(site)
        count = f"n={bucket(len(grouped))}"
        context = f"ctx={site.where}"
        for entries in grouped.values():
            candidate = Candidate(entries[0][1], value=entries[0][2])
            candidate.parts = [e[3] for e in entries]
            candidate.sources = frozenset().union(*(e[4] for e in entries))
            candidate.features = {"bias", count, f"nsrc={bucket(len(candidate.sources))}"}
            candidate.described = self._setting_decoration(candidate.text, candidate.sources, context)
            out.append(candidate)
        return out

    def setting_null(self, site: Site, candidates: int) -> frozenset:
        """The features of 'no setting' for a figure with this many setting candidates."""
        kind = site.claim.kind if site.claim is not None else ""
        return _null_features(f"ctx={site.where}", bucket(candidates), kind, "")

    def kept_settings(self, site: Site, scorer, threshold: float, ranker=None) -> list[tuple[str, str]]:
        """The (text, typed value) of each setting candidate `scorer` keeps, as
        `setting_candidates` scored one by one would, with each shared proposal scored once;
        with a `ranker`, also the one it ranks above every other and above no setting at all."""
        grouped = self._setting_entries(site)
        count = f"n={bucket(len(grouped))}"
        context = f"ctx={site.where}"
        kept, best, best_score = [], None, -math.inf
        if ranker is not None:
            best_score = ranker.score(self.setting_null(site, len(grouped)))
        memo, scorers = self._setting_scores, (id(scorer), id(ranker))
        for entries in grouped.values():
            first = entries[0]
            if len(entries) == 1:
                own = first[3]
                sources = first[4]
            else:
                sources = frozenset().union(*(e[4] for e in entries))
                own = frozenset().union(*(e[3] for e in entries))
            # what a proposal's own text and sources score, once per text, sources and scorers:
            # the same header or heading is proposed to every figure under it
            key = (first[1], sources, context, scorers)
            described = memo.get(key)
            if described is None:
                features = self._setting_decoration(first[1], sources, context)
                described = memo[key] = (scorer.partial(features), ranker.partial(features) if ranker else 0.0)
            common = _setting_features(count, bucket(len(sources)))
            s = scorer.partial(own) + described[0] + (scorer.bias + scorer.partial(common))
            if (1.0 / (1.0 + math.exp(-s)) if s > -60 else 0.0) >= threshold:
                kept.append((first[1], first[2]))
            if ranker is not None:
                r = ranker.partial(own) + described[1] + (ranker.bias + ranker.partial(common))
                if r > best_score:
                    best, best_score = (first[1], first[2]), r
        if best is not None and best not in kept:
            kept.insert(0, best)
        return kept

    def _setting_decoration(self, text: str, sources: frozenset, context: str) -> tuple[str, ...]:
        """What a setting candidate's text says of it (the name typer's judgement, its shape),
        alone and with each of its sources."""
        key = (text, sources, context, "setting")
        found = self._decorations.get(key)
        if found is None:
            described = self._text_features(text)
            types = [f for f in described if f.startswith(("type_top=", "type_setting="))]
            ranked = sorted(f for f in sources if "&" not in f)[:3]
            found = self._decorations[key] = tuple(described) + tuple(
                f"{source}&{feature}" for source in ranked for feature in types)
        return found

    def _setting_entries(self, site: Site) -> dict[str, list]:
        """The setting proposals around a figure grouped by key, in the order they were made."""
        out: dict[str, list] = {}
        context = f"ctx={site.where}"

        def merge(entry) -> None:
            out.setdefault(entry[0], []).append(entry)

        def add(text: str, setting: str, *features: str) -> None:
            entry = _setting_entry(text, setting, features, context)
            if entry is not None:
                merge(entry)

        def batch(key, make) -> None:  # made once per table, column, row or section, then merged
            grouped = self._batches.get(key)
            if grouped is None:
                grouped = {}

                def record(text, setting, *features):
                    entry = _setting_entry(text, setting, features, context)
                    if entry is not None:
                        grouped.setdefault(entry[0], []).append(entry)
                make(record)
                self._batches[key] = grouped
            # (merged a key at a time: the same groups, in the same order, as entry by entry)
            for k, entries in grouped.items():
                held = out.get(k)
                if held is None:
                    out[k] = entries.copy()
                else:
                    held.extend(entries)

        def found_in(record, text: str, *features: str) -> None:
            for s, e, kind, setting in settings_found(text):
                record(text[s:e], setting, *features)

        def header_settings(record) -> None:
            for depth, level in enumerate(cell.headers):
                found_in(record, level, "src=header", f"lvl={min(depth, 2)}")
                header = tables.header(level)
                if not header.metric and not header.dataset:
                    last = "last_level" if depth == len(cell.headers) - 1 else "upper_level"
                    record(level, "", "src=header_text", f"lvl={min(depth, 2)}", last)

        def row_settings(record) -> None:
            for name, value in cell.labels:
                role = self.v.label_role(name)
                # a column of ranks, ids or links ('#', 'Model ID') keys its rows: no condition
                if value and clean(value) != subject and role != "ignore":
                    record(value, "", "src=row_label", f"label_role={role or '-'}")
                    record(f"{name} {value}", "", "src=row_label_named")
            for other in self._row_cells(cell):
                header = clean(other.headers[-1]) if other.headers else ""
                value = clean(other.text)
                # (not a column whose header already states its condition: 'Batch 8' heads results)
                if header and value and _CONFIG_VALUE.fullmatch(value) and _CONFIG_HEADER.search(header) \
                        and not re.search(r"\d", header):
                    noun = _COUNT_OF.sub("", header)
                    record(f"{value} {noun}" if noun != header else f"{header} {value}", "", "src=row_config")

        def table_settings(record) -> None:
            if cell.caption:
                found_in(record, cell.caption, "src=caption")
                record(cell.caption, "", "src=caption_text")
            intro = self.intro_before(self._table_starts.get(cell.table, cell.start))
            if intro:
                found_in(record, intro, "src=intro")

        def heading_settings(record) -> None:
            for depth, title in enumerate(self.heading_chain(position)):
                found_in(record, title, f"src=heading{min(depth, 2)}")
                if len(title.split()) <= 5:
                    record(title, "", f"src=heading{min(depth, 2)}_text")
            for setting, written, count in self._document_settings:
                record(written, setting, "src=document", f"doc_count={bucket(count)}")

        claim = site.claim
        tables = self.r.tables
        if claim is not None:
            for setting in sorted(claim.setting):  # a fixed order: ties and the kept order never depend on hashing
                add(setting.partition(":")[2], setting, "src=rule")
        if site.cell is not None:
            cell = site.cell
            subject = claim.subject if claim is not None else ""
            batch(("setting headers", cell.table, cell.column), header_settings)
            batch(("setting row", cell.table, cell.row, subject), row_settings)
            batch(("setting table", cell.table), table_settings)
            position = self._table_starts.get(cell.table, cell.start)
        else:
            start, end = site.unit
            for s, e, kind, setting in settings_found(self.text[start:end]):
                a, b = start + s, start + e
                side = "before" if b <= site.start else "after" if a >= site.end else "inside"
                gap = self.text[b:site.start] if side == "before" else self.text[site.end:a]
                between = len(_NUMBER.findall(gap))
                add(self.text[a:b], setting, "src=sentence", f"side={side}", f"dist={bucket(len(_WORD.findall(gap)))}",
                    f"between_nums={bucket(between)}")
            position = start
        from bisect import bisect_right
        batch(("setting headings", bisect_right(self._heading_starts, position), site.where), heading_settings)
        return out

    def _row_cells(self, cell: TableCell) -> list[TableCell]:
        """The other cells of a cell's row."""
        from bisect import bisect_left, bisect_right
        line_start = self.text.rfind("\n", 0, cell.start) + 1
        line_end = self.text.find("\n", cell.end)
        line_end = len(self.text) if line_end < 0 else line_end
        starts = self.document._cell_starts
        cells = self.document.cells[bisect_left(starts, line_start):bisect_right(starts, line_end)]
        return [c for c in cells if c is not cell and c.table == cell.table and c.row == cell.row and not c.label]


TEXT_CACHES.extend((clean, key_of, _prepare, _setting_entry, names_in))


def _with(add, extra: tuple):
    """`add` that gives every proposal the features `extra` as well."""
    def added(name, text, *features, value=""):
        add(name, text, *features, *extra, value=value)
    return added


_TYPER_WORD = re.compile(r"[a-z]+|\d+")
_DIGIT_RUN, _LOWER_RUN, _UPPER_RUN = re.compile(r"\d+"), re.compile(r"[a-z]+"), re.compile(r"[A-Z]+")


def string_features(text: str) -> list[str]:
    """What the name typer sees of a string: its character trigrams (lower case, with word
    boundaries), its words, its shape ('Aa-0A'), and its length in words."""
    low = text.lower()
    lowered = " " + " ".join(low.split()) + " "
    out = {"c" + lowered[i:i + 3] for i in range(len(lowered) - 2)}
    out.update(["w" + w for w in _TYPER_WORD.findall(low)])
    out.add("shape" + _UPPER_RUN.sub("A", _LOWER_RUN.sub("a", _DIGIT_RUN.sub("0", text)))[:10])
    out.add(f"len{min(len(text.split()), 5)}")
    return sorted(out)


def _step(p: float) -> str:
    return "lo" if p < 0.2 else "mid" if p < 0.5 else "hi" if p < 0.8 else "top"


def _norm_word(word: str) -> str:
    if word[:1].isdigit():
        return "0"
    return word.lower()[:20]


def _char_class(ch: str) -> str:
    if not ch:
        return "end"
    if ch.isspace():
        return "space"
    if ch.isalpha():
        return "alpha"
    if ch.isdigit():
        return "digit"
    return ch
