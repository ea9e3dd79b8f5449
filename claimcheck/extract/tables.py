"""Table cells to claim frames: whose figure a cell is, on which benchmark, of which metric.

Tables come in several layouts: methods in rows and benchmarks in the header row (the usual
results table), benchmarks in rows and models in the header row (model cards), a category
column ("English", "Code") grouping the rows, label columns for backbone or configuration,
two header levels ("PAWS" over "QQP" and "Wiki"; "Test Set" over "RL (Mean)"), units in
headers ("Latency (ms)", "WER %"), a caption that names the metric ("F1 scores (%) of ...").
`TableReader.frame(cell)` decides the layout once per table from the label columns' headers
and from what the header row and the row labels look like, then frames each cell.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..ingest.text import AUTHOR_YEAR
from ..model import Document, TableCell
from .context import heading_chain, heading_levels, intro_before
from .table_axes import figure_log, figure_shape
from .vocabulary import TEXT_CACHES, settings_found, Vocabulary, settings_in

_UNIT_IN_HEADER = re.compile(
    r"[(\[](?P<paren>[^()\[\]]{1,40})[)\]]\s*[↑↓]?\s*$|(?P<bare>%|(?i:tok(?:ens)?/s|req/s|img/s|it/s)|(?<!/)\bms\b|(?<!/)\bs\b|(?<!/)\bsec\b|\bGB\b|\bMB\b|\bQPS\b|\bFPS\b|×|\bx\b)\s*[↑↓]?\s*$")
_HEADER_UNITS = {
    "ms": ("ms", "time", 1.0), "s": ("s", "time", 1.0), "sec": ("s", "time", 1.0), "seconds": ("s", "time", 1.0),
    "min": ("min", "time", 1.0), "h": ("h", "time", 1.0), "hours": ("h", "time", 1.0), "us": ("us", "time", 1.0),
    "µs": ("us", "time", 1.0), "gb": ("GB", "memory", 1.0), "mb": ("MB", "memory", 1.0), "gib": ("GiB", "memory", 1.0),
    "tb": ("TB", "memory", 1.0), "tok/s": ("/s", "rate", 1.0), "tokens/s": ("/s", "rate", 1.0),
    "token/s": ("/s", "rate", 1.0), "qps": ("/s", "rate", 1.0), "fps": ("/s", "rate", 1.0), "it/s": ("/s", "rate", 1.0),
    "img/s": ("/s", "rate", 1.0), "req/s": ("/s", "rate", 1.0), "rps": ("/s", "rate", 1.0),
    "%": ("%", "percent", 1.0),
    "x": ("x", "ratio", 1.0), "×": ("x", "ratio", 1.0), "$": ("$", "money", 1.0), "usd": ("$", "money", 1.0),
    "b": ("", "count", 1e9), "m": ("", "count", 1e6), "k": ("", "count", 1e3),
    "bytes": ("B", "memory", 1.0), "byte": ("B", "memory", 1.0), "kb": ("KB", "memory", 1.0),
    "ns": ("ns", "time", 1.0), "minutes": ("min", "time", 1.0), "mins": ("min", "time", 1.0),
}
# a rate written as "<what>/s" ("GB/s", "Words/Sec", "tokens / second", "out tok/s/GPU")
# ("out tok/s/GPU": a word may qualify what is counted)
_RATE_UNIT = re.compile(r"(?i)^(?:[a-z]+\s)?[\w$.+-]+(?:\s?/\s?[\w.]+)?\s?/\s?(?:s|sec|second)\b.*$|^[\w$.+-]+\s+per\s+second$")

# a quantity per item ('s/iter', 'ms / image', '$/1000 examples', 'GB/GPU'): the numerator's unit;
# a count may stand before the item ('seconds/1000 examples', '$ / 1M tokens')
_PER_ITEM = re.compile(r"(?i)(ms|s|sec|seconds|us|µs|ns|min|minutes|h|hours|\$|usd|gb|mb|gib)\s?/\s?"
                       r"(?:\d{1,7}(?:[.,]\d{1,3})?\s?[kmb]?\s)?[a-z][a-z-]{0,15}$")
_RATE_TAIL = re.compile(r"(?i)(?<![\w/])[A-Za-z$][\w$.+-]*(?:\s?/\s?[A-Za-z][\w.]*)?\s?/\s?(?:s|sec|second)\s*$")


def _identifier_spellings(text: str) -> list[str]:
    """How a name written as an identifier is written in prose: 'arc_challenge' -> 'arc-challenge',
    'piqa' -> 'PIQA'; none for anything else."""
    out = []
    if _SNAKE.fullmatch(text):
        out += [text.replace("_", "-"), text.replace("_", " ")]
    if text.isalpha() and text.islower() and 3 <= len(text) <= 6:
        out.append(text.upper())
    return out


_SNAKE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+")


def _counts_a_figure(title: str, measure: str) -> bool:
    """Does the measure stand as the noun of a figure in the title ('12B parameters', '143,000 steps')?"""
    title, measure = title.lower(), measure.lower()
    at = title.find(measure)
    while at >= 0:
        if _FIGURE_BEFORE.search(title[max(0, at - 16):at]):
            return True
        at = title.find(measure, at + 1)
    return False


_FIGURE_BEFORE = re.compile(r"\d[\d.,]*\s?[kmbt]?\s+$")


def _header_unit(raw: str) -> tuple[tuple[str, str, float] | None, str]:
    """The unit a header's parenthesis or suffix names, and how it is written: '(ms)', '(GB/s)',
    '(1 million times, seconds)' -> seconds, '(normal / zlib, bytes)' -> bytes."""
    for part in [raw] + [p.strip() for p in reversed(re.split(r"[,;]", raw))]:
        key = part.lower()
        if key in _HEADER_UNITS:
            return _HEADER_UNITS[key], part
        if _RATE_UNIT.match(part):
            return ("/s", "rate", 1.0), part
        per_item = _PER_ITEM.match(part)
        if per_item and per_item.group(1).lower() in _HEADER_UNITS:
            # time, money or memory per item: a time, a cost or a memory, written as given
            return _HEADER_UNITS[per_item.group(1).lower()], part
    if raw.strip().lower() in _count_nouns():
        return ("", "count", 1.0), raw.strip()  # 'Summary length (words)': a count of words
    return None, ""


@lru_cache(maxsize=1)
def _count_nouns() -> frozenset:
    from .frames import count_nouns
    return frozenset(noun.lower() for noun in count_nouns())


_CAPTION_PAREN = re.compile(r"\(([^()]{1,40})\)")


@lru_cache(maxsize=1024)
def caption_unit(caption: str) -> tuple[tuple[str, str, float] | None, str]:
    """The unit a caption names in parentheses anywhere in it ('Generation throughput (token/s) on
    1 GPU', 'Execution time breakdown (seconds) for X'), when it names exactly one: the unit of
    every figure of its table that writes none. Two units ('(ms)' and '(GB)'), or none: nothing."""
    found = {}
    for m in _CAPTION_PAREN.finditer(caption[:400]):
        unit, written = _header_unit(m.group(1).strip())
        if unit is not None:
            found.setdefault(unit, written)
    if len(found) != 1:
        return None, ""
    return next(iter(found.items()))


TEXT_CACHES.append(caption_unit)

_METRIC_WORDS = re.compile(r"\b(?:score|scores|accuracy|acc|rate|latency|time|error|throughput|memory|size|params|"
                           r"parameters|speedup|speed|cost|price|f1|loss|perplexity|ppl|recall|precision|bleu|rouge|"
                           r"percentile|resolved|correct|em|pass@\d+|win|tokens|length|ratio|reward|usage|use|"
                           r"footprint|bits?|vram|flops|samples|steps|count|performance)\b", re.IGNORECASE)
# a Markdown link, whose target may hold one level of parentheses ("nb/Gemma4_(E2B).ipynb")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9@.\-]{0,9}")  # "EM", "R-L", "BLEU-4", "mAP"? no: "MAP"
_OURS = re.compile(r"\s*[(\[]\s*ours\s*[)\]]|\s*\(proposed\)|\s*†|\s*\*$", re.IGNORECASE)
_SPLIT_WORDS = re.compile(r"^(?:validation|val|dev|test|train|training|held-out|in-domain|out-of-domain)"
                          r"(?:[- ](?:set|split|other|clean))?$", re.IGNORECASE)
# "Results on FooBench (5-shot)", "Evaluation for Kite-Eval": the benchmark a heading's results are on
_HEADING_BENCHMARK = re.compile(r"\b(?:on|for)\s+(?:the\s+)?([A-Z][\w.+-]*(?:[ -][A-Z0-9][\w.+-]*){0,3})\s*(?:\(|$|:)")
_STATISTIC = re.compile(r"\((mean|avg|average|max|maximum|min|best|median)\)", re.IGNORECASE)


@dataclass(frozen=True)
class Header:
    """What one header text says: benchmark, metric, settings, unit, or a name (a model, a method)."""

    dataset: str = ""
    metric: str = ""
    metric_text: str = ""
    settings: frozenset[str] = frozenset()
    unit: tuple[str, str, float] | None = None
    name: str = ""            # not a metric, benchmark or setting: a method or model, or an unknown benchmark
    lower_is_better: bool | None = None
    unit_text: str = ""       # the unit as the header writes it ("GB/s", "seconds")


@dataclass(frozen=True)
class CellFrame:
    """The frame a table gives one cell."""

    subject: str = ""
    dataset: str = ""
    metric: str = ""
    metric_text: str = ""
    settings: frozenset[str] = frozenset()
    unit: tuple[str, str, float] | None = None
    skip: str = ""            # why the cell holds no claim: a rank, an id, a label
    ours: bool = False        # the row or column is marked as the paper's own method
    lower_is_better: bool | None = None
    unit_text: str = ""


@dataclass
class _Layout:
    subjects_in_rows: bool
    label_roles: dict[str, str] = field(default_factory=dict)
    distinguishing: frozenset[str] = frozenset()  # unnamed label columns that tell rows apart


class TableReader:
    """Frames cells of one document's tables; the layout of each table is decided once."""

    def __init__(self, vocabulary: Vocabulary, document: Document) -> None:
        self.vocabulary = vocabulary
        self.document = document
        self._layouts: dict[int, _Layout] = {}
        self._by_table: dict[int, list[TableCell]] | None = None
        self._headers: dict[str, Header] = {}
        self._frames: dict[int, CellFrame] = {}  # by id(cell): the document's cells outlive the reader
        self._context: dict[int, str] = {}        # table -> the benchmark its context names
        self._measures: dict[int, tuple | None] = {}  # table -> the measure and unit a heading names
        self._starts: dict[int, int] = {}         # table -> where it starts
        self._levels: list | None = None
        self._spreads: dict[tuple[int, int], bool] = {}  # (table, column) -> holds spreads
        self._row_counters: dict[int, bool] = {}  # table -> its first column counts the rows

    def header(self, text: str) -> Header:
        """Parse one header or label text ('MMLU (EM)', 'Throughput (tok/s)', 'p99 latency (ms)')."""
        if text not in self._headers:
            header = self._parse_header(text)
            known = self.vocabulary.info
            if not header.dataset and (header.name or header.metric) and not (header.metric and known(header.metric)):
                # a results file's keys ('arc_challenge', 'length_controlled_winrate', 'piqa')
                # spell the lexicon's names ('ARC-Challenge', 'LC win rate', 'PIQA') in snake or
                # lower case
                spelled = []
                for spelling in _identifier_spellings(text.strip()):
                    other = self._parse_header(spelling)
                    # the lexicon's name is the whole key, not a part of it ('acc_norm' is no 'acc')
                    if other.metric_text.casefold() == spelling.casefold() if other.metric else not other.name:
                        spelled.append(other)
                header = next((o for o in spelled if o.dataset or known(o.metric)), None) or next(
                    (o for o in spelled if o.metric and not header.metric), header)  # else a measure, not a name
            self._headers[text] = header
        return self._headers[text]

    def _parse_header(self, raw: str) -> Header:
        text = re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`", "", raw).strip()  # emphasis, not mm_math5k's '_'
        text = _MARKDOWN_LINK.sub(r"\1", text)  # "[SWE-bench Verified](https://...)": the text
        if not text or text.lower() in self.vocabulary.descriptive_headers:
            return Header()  # 'Key result', 'Headline': a column of prose, not a benchmark
        lower = None
        if re.search(r"↓|\blower is better\b", text):
            lower = True
        elif re.search(r"↑|\bhigher is better\b", text):
            lower = False
        text = re.sub(r"\s*[↑↓]\s*|\s*\((?:lower|higher) is better\)", " ", text).strip()
        unit = None
        unit_text = ""
        m = _UNIT_IN_HEADER.search(text)
        if m:
            unit, unit_text = _header_unit((m.group("paren") or m.group("bare") or "").strip())
            if unit is not None:
                text = text[:m.start()].strip()
        elif _RATE_TAIL.search(text):
            # a header that ends in a rate: 'Tokens/Second', 'v3.3 Words/Sec'
            tail = _RATE_TAIL.search(text)
            unit, unit_text = ("/s", "rate", 1.0), tail.group(0).strip()
        settings = set(settings_in(text))
        statistic = _STATISTIC.search(text)
        if statistic:
            settings.add("statistic:" + {"avg": "mean", "average": "mean", "maximum": "max", "best": "max"}.get(
                statistic.group(1).lower(), statistic.group(1).lower()))
            text = (text[:statistic.start()] + text[statistic.end():]).strip()
        if _SPLIT_WORDS.match(text) or re.fullmatch(r"(?i)(?:validation|val|dev|test|train|training)\s+set", text):
            return Header(settings=frozenset(settings), unit=unit, lower_is_better=lower, unit_text=unit_text if unit else "")
        # "Test Set Size": the split is a setting, the rest names the metric
        text = re.sub(r"(?i)\b(?:validation|val|dev|test|train|training|held-out)\s+(?:set|split)\s+", "", text).strip() or text
        kept = text[:self.vocabulary.nlp.max_length]  # spaCy refuses longer text
        mentions = self.vocabulary.matches(self.vocabulary.nlp.make_doc(kept), 0, kept)
        datasets = [x for x in mentions if x.label == "DATASET"]
        # "Top1 accuracy - mixed precision": a metric word inside a setting is part of the setting
        setting_spans = [(a, b) for a, b, _, _ in settings_found(text)]
        metrics = [x for x in mentions if x.label == "METRIC"
                   and not any(a <= x.start and x.end <= b for a, b in setting_spans)]
        dataset = datasets[0].key if datasets else ""
        metric, metric_text = "", ""
        if metrics:
            metric, metric_text = metrics[-1].key, text[metrics[-1].start:metrics[-1].end]
            qualifier = re.search(r"([A-Za-z-]+)\s*$", text[:metrics[-1].start])
            if qualifier and qualifier.group(1).lower() in self.vocabulary.count_qualifiers:
                # "# Activated Params" and "# Total Params" are two counts
                metric = self.vocabulary.open_metric(f"{qualifier.group(1)} {metric_text}")
                metric_text = f"{qualifier.group(1)} {metric_text}"
        inner = re.search(r"\(([^()]+)\)", text)
        outside = re.sub(r"\([^()]*\)", " ", text).strip()
        # a benchmark named before the parenthesis, known or not ("TAU-Bench (Retail)")
        benchmark = dataset or (not metrics and outside and not _METRIC_WORDS.search(outside)
                                and not settings_in(outside) and not _SPLIT_WORDS.match(outside))
        if not metric and inner and not settings_in(inner.group(1)) - {"pass@k"} and not _OURS.match(inner.group(0)):
            candidate = inner.group(1).strip()
            if benchmark and _SPLIT_WORDS.match(candidate):
                settings.add("split:" + candidate.lower())  # "BIRD (Dev)", "Spider (test)"
            elif benchmark and not _METRIC_WORDS.search(candidate) and not _ACRONYM.fullmatch(candidate):
                settings.add("subset:" + candidate.lower())  # "TAU-Bench (Retail)", "RULER (128K)"
            elif _METRIC_WORDS.search(candidate) or len(candidate) <= 12:
                metric, metric_text = self.vocabulary.open_metric(candidate), candidate
        if datasets:
            settings.update(self._subset(text, datasets[0], metrics))
        name = ""
        if not dataset and not metric:
            if _METRIC_WORDS.search(outside) or unit is not None:
                metric, metric_text = self.vocabulary.open_metric(outside), outside
            elif outside and not settings_in(outside):
                name = outside
            elif outside:
                # "Ferrule v4.2.0": a name with its setting; the setting is kept, the rest names
                rest = outside
                for start, end, _, _ in sorted(settings_found(outside), reverse=True):
                    rest = rest[:start] + " " + rest[end:]
                rest = " ".join(w for w in rest.split() if re.search(r"[A-Za-z]", w)).strip(" -_:/,")
                if rest and re.fullmatch(r"[A-Z][\w.+/-]*(?:[ -][\w.+/-]+){0,2}", rest) and not self.vocabulary.names.get(rest.lower()):
                    name = rest
        elif not dataset and metric and outside and not _METRIC_WORDS.search(outside) and \
                not any(x.start < len(outside) for x in metrics) and not settings_in(outside):
            dataset = outside  # "SWE Verified (Resolved)": an unknown benchmark named before its metric
        return Header(dataset, metric, metric_text, frozenset(settings), unit, name, lower, unit_text if unit else "")

    def _subset(self, text: str, dataset, metrics) -> set[str]:
        """What a header adds to the benchmark it names: an edition ('AIME 2025'), a subset
        ('SWE-bench Verified mini', 'GPQA-Diamond') or a split ('LibriSpeech test')."""
        found = set()
        year = re.search(r"(?:19|20)(\d{2})\b|(?<=[A-Za-z])(\d{2})$", text[dataset.start:dataset.end])
        if year:
            found.add("edition:20" + (year.group(1) or year.group(2)))  # "AIME 2024" and "AIME24" alike
        rest = text[dataset.end:]
        for m in metrics:
            if m.start >= dataset.end:
                rest = rest.replace(text[m.start:m.end], " ")
        rest = re.sub(r"\([^()]*\)", " ", rest).strip(" -_:/,")
        if not rest or settings_in(rest) or _METRIC_WORDS.search(rest) or len(rest) > 30:
            return found
        if re.fullmatch(r"(?:19|20)\d{2}", rest):
            found.add("edition:" + rest)
        elif _SPLIT_WORDS.match(rest):
            found.add("split:" + rest.lower())
        elif re.fullmatch(r"[A-Za-z][\w.+-]*(?:\s[A-Za-z][\w.+-]*){0,2}", rest):
            found.add("subset:" + rest.lower())
        return found

    # -- layout -----------------------------------------------------------------------------

    def subjects_in_rows(self, cell: TableCell) -> bool:
        """Does this cell's table name its systems in rows (else in columns)?"""
        return self._layout(cell).subjects_in_rows

    def _layout(self, cell: TableCell) -> _Layout:
        layout = self._layouts.get(cell.table)
        if layout is not None:
            return layout
        if self._by_table is None:  # grouped once: a scan of every cell per table is quadratic
            self._by_table = {}
            for c in self.document.cells:
                self._by_table.setdefault(c.table, []).append(c)
        cells = self._by_table.get(cell.table, [])
        roles: dict[str, str] = {}
        for name, _ in next((c.labels for c in cells if c.labels), ()):
            roles[name] = self.vocabulary.label_role(name)
        for name in roles:
            if not roles[name]:
                values = {v for c in cells for n, v in c.labels if n == name and v}
                roles[name] = self._guess_label_role(values, cells, name)
        if any(r == "subject" for r in roles.values()):
            subjects_in_rows = True
        elif any(r in ("dataset", "metric") for r in roles.values()):
            subjects_in_rows = False
        else:
            tops = {c.headers[0] for c in cells if c.headers and not c.label}
            described = sum(1 for h in tops if self.header(h).name == "")
            # headers the lexicon does not know: the figures decide. A column whose figures share
            # one scale while rows mix scales is a metric ('Price' 13.6, 'Time' 1455, 'corr.' 0.97)
            subjects_in_rows = not tops or described >= len(tops) / 2 or figure_shape(cells) == "cols"
            for name in roles:
                if not roles[name]:
                    roles[name] = "subject" if subjects_in_rows else "dataset"
        if subjects_in_rows and not any(r == "subject" for r in roles.values()):
            for name, role in roles.items():
                if role in ("", "dataset", "backbone"):
                    roles[name] = "subject"
                    break
        # unnamed label columns beside a subject column whose values differ from row to row
        distinguishing = frozenset(
            name for name, role in roles.items()
            if not role and any(r == "subject" for r in roles.values())
            and len({_label_value(v) for c in cells for n, v in c.labels if n == name and v}) > 1)
        layout = _Layout(subjects_in_rows, roles, distinguishing)
        self._layouts[cell.table] = layout
        return layout

    def _numbers_rows(self, cell: TableCell) -> bool:
        """Is the cell in a table's first column, unheaded or not, that counts its rows: 1, 2, 3, ...
        (or from 0) down every row? Such figures number the rows, they measure nothing."""
        if cell.column != 0:
            return False
        found = self._row_counters.get(cell.table)
        if found is None:
            column = sorted((c.row, _plain(c.text)) for c in self._by_table.get(cell.table, ()) if c.column == 0 and not c.label) \
                if self._by_table else []
            found = len(column) >= 3 and all(text.isdigit() for _, text in column) and \
                [int(text) for _, text in column] in (list(range(len(column))), list(range(1, len(column) + 1)))
            self._row_counters[cell.table] = found
        return found

    def _spread_column(self, cell: TableCell) -> bool:
        """Are the figures of a column headed by a statistic of spread ('std', '(ci)') the spreads
        of the figures beside them? A spread is smaller than the figure it qualifies: a column
        whose figures are not, row after row, less than half of those of the nearest column of
        figures to their left holds figures of its own ('(ci)' naming a benchmark among
        '(io)', '(m)')."""
        key = (cell.table, cell.column)
        found = self._spreads.get(key)
        if found is None:
            rows: dict[int, dict[int, float]] = {}  # row -> column -> log10 of its first figure
            for c in self._by_table.get(cell.table, ()) if self._by_table else ():
                figure = figure_log(c.text) if not c.label else None
                if figure is not None:
                    rows.setdefault(c.row, {})[c.column] = figure
            compared = smaller = 0
            for figures in rows.values():
                spread = figures.get(cell.column)
                left = max((k for k in figures if k < cell.column), default=None)
                if spread is None or left is None:
                    continue
                compared += 1
                smaller += spread < figures[left] - _LOG_HALF
            found = self._spreads[key] = compared == 0 or smaller * 2 >= compared
        return found

    def _guess_label_role(self, values: set[str], cells: list[TableCell], name: str) -> str:
        """A label column without a telling header: mostly empty groups rows (category); benchmark
        or metric names make it a benchmark column; otherwise it names methods."""
        if not values:
            return "category"
        rows = {(c.row, v) for c in cells for n, v in c.labels if n == name}
        if len(values) < len(rows) / 3 and len(values) > 1:
            return "category"  # carried downward: 'English' over several rows
        described = sum(1 for v in values if self.header(v).name == "")
        return "dataset" if described > len(values) / 2 else ""

    # -- frames -----------------------------------------------------------------------------

    def frame(self, cell: TableCell) -> CellFrame:
        """What one cell states: its subject, benchmark, metric, unit and settings."""
        frame = self._frames.get(id(cell))
        if frame is None:
            frame = self._frames[id(cell)] = self._frame(cell)
        return frame

    def _frame(self, cell: TableCell) -> CellFrame:
        layout = self._layout(cell)
        column_role = self.vocabulary.label_role(cell.headers[0]) if cell.headers else ""
        column = _plain(cell.headers[0]).strip().lower() if cell.headers else ""
        if column_role == "ignore" and not (column.strip("# ") in self.vocabulary.text_columns
                                            and _BARE_FIGURE.fullmatch(_plain(cell.text))) \
                and not (column in self.vocabulary.position_columns and _BARE_DECIMAL.fullmatch(_plain(cell.text))):
            # a rank, an id or a year; a cell that is only a figure under a column that otherwise
            # holds links or text ('Code' beside 'Math' and 'Chat') is a result of its column, and
            # a position with decimals ('Rank' 4.78) is a mean over rankings, a result too
            return CellFrame(skip=(cell.headers[0].strip("# ").lower() or "label"))
        if cell.label:
            return CellFrame(skip="table label")
        if self._numbers_rows(cell):
            return CellFrame(skip="row number")
        if (any(self.vocabulary.is_uncertainty(level) for level in cell.headers) and self._spread_column(cell)) or any(
                value and layout.label_roles.get(name) == "metric" and self.vocabulary.is_uncertainty(value)
                for name, value in cell.labels):
            return CellFrame(skip="interval")  # 'acc_stderr', 'Std Error': the spread of another figure
        subject, ours = "", False
        benchmark_in_row = False
        dataset, metric, metric_text, unit, lower, unit_text = "", "", "", None, None, ""
        settings: set[str] = set()

        def take(header: Header) -> None:
            nonlocal dataset, metric, metric_text, unit, lower, unit_text
            dataset = dataset or header.dataset
            if header.metric and not metric:
                metric, metric_text = header.metric, header.metric_text
            if unit is None and header.unit is not None:
                unit, unit_text = header.unit, header.unit_text
            lower = header.lower_is_better if lower is None else lower
            settings.update(header.settings)

        for name, value in cell.labels:
            role = layout.label_roles.get(name, "")
            if not value:
                continue
            if role == "subject" and subject:
                # a second column of names ("Model", then "Framework"): what the first one ran with
                settings.add(f"{_plain(name).strip('# ').lower() or 'setting'}:{_label_value(value)}")
            elif role == "subject":
                subject, ours = _subject_name(value)
                if _variant(value):
                    settings.add("variant:" + _variant(value))
            elif role in ("dataset", "metric"):
                header = self.header(value)
                take(header)
                if header.name and not dataset:
                    dataset = header.name
                benchmark_in_row = benchmark_in_row or role == "dataset"
            elif role == "backbone":
                settings.add("backbone:" + _compact(value))
            elif role == "setting":
                found = settings_in(value) or {f"{name.strip('# ').lower() or 'setting'}:{value.lower()}"}
                settings.update(found)
            elif role == "category":
                settings.add("category:" + value.lower())
            elif not role and name in layout.distinguishing:
                # a label column beside the model's that no role word names ("Framework",
                # "Scaffold") and whose values differ: what tells rows of one model apart
                settings.add(f"{_plain(name).strip('# ').lower() or 'setting'}:{_label_value(value)}")
        # rows that already name their benchmark and model ("Dataset", "Model" columns) leave the
        # header row to name the methods ("Vanilla", "SFT (Mean)", "RL (Max)"); the row's model
        # is then what the method was applied to
        # (not in a long layout, where a column names the metric too: each row then names the
        # whole frame and the figures' column header only says they are values)
        long_layout = any(r == "metric" for r in layout.label_roles.values()) and bool(subject or dataset)
        # (only where the rows' names are models: a column of algorithms or methods names the methods)
        models_in_rows = any(role == "subject" and _plain(name).strip().lower() in self.vocabulary.model_headers
                             for name, role in layout.label_roles.items())
        methods_in_header = layout.subjects_in_rows and any(r == "dataset" for r in layout.label_roles.values()) \
            and models_in_rows and not long_layout and any(self.header(level).name for level in cell.headers)
        if methods_in_header and subject:
            settings.add("model:" + _compact(subject))
            subject, ours = "", False
        for level in cell.headers:
            header = self.header(level)
            if subject and not layout.subjects_in_rows and not long_layout and _names_its_column(level, header, self.vocabulary):
                # systems in columns: a level under the system's name that adds a parenthesis no
                # lexicon knows as a measure ('DeepSeek-V2' over 'Chat (SFT)') goes on naming it
                settings.add("variant:" + _plain(level).strip().lower())
                continue
            if header.name and not long_layout:
                if methods_in_header and not subject:
                    subject, ours = _subject_name(header.name)
                elif layout.subjects_in_rows and benchmark_in_row and not metric and not methods_in_header:
                    # the row names its benchmark ('env_id', 'Task'): a column header the lexicon
                    # does not know ('mean_reward') says what is measured
                    spaced = re.sub(r"(?<=[A-Za-z])_(?=[A-Za-z])", " ", header.name)
                    metric, metric_text = self.vocabulary.open_metric(spaced), header.name
                elif layout.subjects_in_rows:
                    if not dataset:
                        dataset = header.name  # 'PIT', 'QQP': a benchmark the lexicon does not know
                    else:
                        settings.add("subset:" + header.name.lower())  # 'PAWS' over 'QQP'
                elif not subject:
                    subject, ours = _subject_name(header.name)
                else:
                    settings.add("variant:" + header.name.lower())
            take(header)
        if cell.group:
            take(self.header(cell.group))  # a group row ('Content Consistency (WER)') frames its rows
        if not metric and cell.caption:
            caption = self.header(cell.caption.split(":", 1)[-1][:80])
            parts = [self.header(part).metric for part in re.split(r",|\band\b|;", cell.caption.split(":", 1)[-1][:160])]
            known = {m for m in parts if m and self.vocabulary.info(m) is not None and not self.vocabulary.is_benchmark(m)}
            if len(known) <= 1 and self.vocabulary.info(caption.metric) is not None:
                # "accuracy (%) and validation perplexity": which one is not said. A caption is a
                # sentence, not a header: only a measure the lexicon knows is taken from it, never
                # its words ('Performance of MiniMax-M1 on core benchmarks', 'Comparison among
                # DeepSeek-V2 Chat (SFT), ...')
                metric, metric_text = caption.metric, caption.metric_text
                if unit is None and caption.unit is not None:
                    unit, unit_text = caption.unit, caption.unit_text
        if unit is None and cell.caption:
            unit, unit_text = caption_unit(cell.caption)
        if not dataset and cell.caption:
            named = self.named_benchmark(cell.caption.split(":", 1)[-1][:160])
            if named != subject:
                dataset = named
        heading = self.heading(cell)
        if heading is not None:
            # the heading a table sits under frames what its cells leave open ("## COCO detection",
            # "### Throughput on one H100"); a type of setting the cell already has is kept
            if not dataset and heading.dataset and heading.dataset != subject:
                dataset = heading.dataset
            if not metric and heading.metric and (not heading.unit or unit is None or heading.unit == unit):
                metric, metric_text = heading.metric, heading.metric_text
                if unit is None and heading.unit is not None:
                    unit, unit_text = heading.unit, heading.unit_text  # '## Decode latency (ms)'
            kinds = {x.split(":", 1)[0] for x in settings}
            settings.update(x for x in heading.settings if x.split(":", 1)[0] not in kinds and not x.startswith("task:"))
        if not dataset:
            dataset = self._context_benchmark(cell, subject)
        if unit is None and not metric:
            # a table of bare figures under '### Output Tokens Throughput (tokens/s)', its columns
            # statistics ('Median', 'P95'): the heading names the measure and its unit
            measure = self._heading_measure(cell)
            if measure is not None:
                metric, metric_text, unit, unit_text = measure
        return CellFrame(subject=subject, dataset=dataset, metric=metric, metric_text=metric_text,
                         settings=frozenset(settings), unit=unit, ours=ours, lower_is_better=lower,
                         unit_text=unit_text)

    def _heading_measure(self, cell: TableCell):
        """(metric, metric text, unit, unit text) of the nearest heading above a table that names
        exactly one unit in parentheses, or None; once per table."""
        if cell.table not in self._measures:
            found = None
            for title in self._headings_above(cell.table):
                unit, written = caption_unit(title)
                if unit is not None:
                    header = self.header(title[:80])
                    found = (header.metric, header.metric_text, unit, written)
                    break
            self._measures[cell.table] = found
        return self._measures[cell.table]

    def _context_benchmark(self, cell: TableCell, subject: str) -> str:
        """A benchmark the headings further up ('### ImageNet' over '#### Linf, eps=4/255') or the
        prose introducing the table ('... on the CORD-19 dataset') name; once per table."""
        if cell.table not in self._context:
            found = ""
            start = self._table_start(cell.table)
            for title in self._headings_above(cell.table)[1:]:
                found = self.named_benchmark(title[:160])
                if found:
                    break
            if not found:
                intro = intro_before(self.document.text, start)
                found = self.named_benchmark(intro) if intro else ""
            self._context[cell.table] = found
        found = self._context[cell.table]
        return found if found and found != subject else ""

    def _headings_above(self, table: int) -> list[str]:
        """The titles of the headings a table sits under, nearest first."""
        if self._levels is None:
            self._levels = heading_levels(self.document)
            self._level_starts = [h[0] for h in self._levels]
        return heading_chain(self._levels, self._level_starts, self._table_start(table))

    def _table_start(self, table: int) -> int:
        if not self._starts:
            for c in self.document.cells:
                self._starts.setdefault(c.table, c.start)
        return self._starts.get(table, 0)

    def heading(self, cell: TableCell) -> Header | None:
        """What the nearest heading above a table says of it: a benchmark it names ('COCO detection',
        'Results on FooBench'), a metric ('Throughput on one H100') and settings."""
        section = self.document.section_at(cell.start)
        if section is None:
            return None
        header = self.header(section.title)
        if header.metric_text and _counts_a_figure(section.title[:200], header.metric_text):
            # '... at 1.4B vs 12B parameters': the measure counts the heading's own figures, not the table's
            header = Header(header.dataset, "", "", header.settings, None, header.name, header.lower_is_better)
        if not header.dataset:
            named = self.named_benchmark(section.title)
            if named:
                header = Header(named, header.metric, header.metric_text, header.settings, header.unit, "",
                                header.lower_is_better)
        return header

    def named_benchmark(self, phrase: str) -> str:
        """The benchmark a caption or heading says its figures are on: one the lexicon knows, or
        a name after 'on' or 'for' ('Exact match on FooQA (dev)')."""
        header = self.header(phrase)
        if header.dataset:
            return header.dataset
        named = _HEADING_BENCHMARK.search(phrase)
        if named and not settings_in(named.group(1)) and named.group(1).lower() not in self.vocabulary.descriptive_headers:
            return named.group(1)
        return ""

    def datasets(self) -> set[str]:
        """Benchmark names the document's tables give (row labels or headers of benchmarks)."""
        names = set()
        for cell in self.document.cells:
            if cell.label:
                continue
            frame = self.frame(cell)
            if frame.dataset and not self.vocabulary.is_benchmark(frame.dataset):
                names.add(frame.dataset)
        return names

    def subjects(self) -> set[str]:
        """Every method or model name the document's tables give (for reading prose)."""
        names = set()
        for cell in self.document.cells:
            layout = self._layout(cell)
            if layout.subjects_in_rows:
                for name, value in cell.labels:
                    if layout.label_roles.get(name) == "subject" and value:
                        names.add(_subject_name(value)[0])
            elif cell.headers:
                header = self.header(cell.headers[0])
                if header.name:
                    names.add(_subject_name(header.name)[0])
        return {n for n in names if n and not re.fullmatch(r"[\d.,\s%x×-]+", n)}


_BARE_FIGURE = re.compile(r"[+-]?\d+(?:\.\d+)?\s?%?")
_BARE_DECIMAL = re.compile(r"\d+\.\d+")
_LOG_HALF = 0.30103  # log10(2): a spread is under half the figure it qualifies


def _label_value(value: str) -> str:
    """A label as a setting value: plain text, a link's text, no citation marks ('Moatless[1]')."""
    text = _MARKDOWN_LINK.sub(r"\1", _plain(value))
    return re.sub(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]", "", text).strip().lower()


def _compact(name: str) -> str:
    """'BERT base', 'BERTbase' and 'BERT-base' are one backbone."""
    return re.sub(r"[\s_-]+", "", _plain(name).lower())


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\*\*|__|`|<[^>]+>", "", text)).strip()


def _subject_name(label: str) -> tuple[str, bool]:
    """'pi2nli (ours)' -> ('pi2nli', True); '**FlashServe (ours)**' -> ('FlashServe', True);
    'Kestrel (vision)' -> ('Kestrel', False): a parenthesis describes the row, see `_variant`."""
    text = _plain(label)
    ours = bool(_OURS.search(text))
    text = _OURS.sub("", text).strip()
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip() or text
    return text, ours


def _names_its_column(level: str, header: Header, vocabulary) -> bool:
    """Does a column header level below a system's name go on naming it? It names no benchmark
    and no unit, and the measure read from it is only its parenthesis, one the lexicon does not
    know ('Chat (SFT)', 'Instruct (RL)'; not 'Chat (Acc)')."""
    if vocabulary.is_benchmark(header.dataset) or header.unit is not None or not header.metric or _OURS.search(level):
        return False
    inner = re.search(r"\(([^()]+)\)", _plain(level))
    return inner is not None and header.metric_text == inner.group(1).strip() and vocabulary.info(header.metric) is None


def _variant(label: str) -> str:
    """'Gemma 4 (E2B)' -> 'e2b': what a row label's parenthesis adds to its name (a citation,
    '(Tang et al., 2024)', adds nothing)."""
    m = re.search(r"\(([^()]*)\)\s*$", AUTHOR_YEAR.sub("", _OURS.sub("", _plain(label))).rstrip())
    return m.group(1).strip().lower() if m else ""
