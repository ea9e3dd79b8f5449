"""The data model shared by every stage: frozen dataclasses, no behaviour beyond small helpers."""
from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Quantity:
    """A number as written, with its unit and how precisely it was written.

    `value` is the number times any scale word (8B -> 8e9); `decimals` counts the digits
    written after the point (84.63 -> 2), which sets the rounding tolerance.
    """

    text: str
    start: int
    end: int
    value: float
    decimals: int
    unit: str = ""            # canonical unit: "%", "x", "pt", "s", "B" (bytes), "tokens/s", ...
    dimension: str = "plain"  # plain | percent | ratio | points | time | memory | rate | count
    scale: float = 1.0        # from K/M/B/T or million/billion/...
    signed: bool = False      # written with an explicit + or - sign
    approx: bool = False      # ~, about, nearly, ...
    bound: str = ""           # "", ">", ">=", "<", "<="
    high: float | None = None  # upper end of a range (1-2)
    word: str = ""            # the word form, for "halves", "doubles", "a third", "twelve"
    per: str = ""             # what a rate or price is per, as written: "1K judgments", "audio hour"

    @property
    def half_step(self) -> float:
        """Half a unit in the last written digit, in the units of `value`."""
        return 0.5 * (10.0 ** -self.decimals) * self.scale

    @property
    def interval(self) -> tuple[float, float]:
        """The values that round to the number as written."""
        if self.word and self.dimension in ("ratio", "fraction"):  # "halves", "a third": exact by definition
            return (self.value, self.value)
        return (self.value - self.half_step, self.value + self.half_step)

    def base_value(self) -> float:
        """The value in its dimension's base unit (seconds, bytes), for comparing ms with s."""
        return self.value * UNIT_FACTORS.get(self.unit, 1.0)


# Factors to a dimension's base unit (time: seconds; memory: bytes; length: metres; mass:
# kilograms; frequency: hertz; power: watts).
UNIT_FACTORS = {
    "ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0,
    "B": 1.0, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15, "KiB": 2.0**10, "MiB": 2.0**20,
    "GiB": 2.0**30, "TiB": 2.0**40,
    "nm": 1e-9, "um": 1e-6, "mm": 1e-3, "cm": 1e-2, "m": 1.0, "km": 1e3,
    "mg": 1e-6, "g": 1e-3, "kg": 1.0, "t": 1e3,
    "Hz": 1.0, "kHz": 1e3, "MHz": 1e6, "GHz": 1e9,
    "mW": 1e-3, "W": 1.0, "kW": 1e3, "MW": 1e6,
}


@dataclass(frozen=True)
class Location:
    """Where a span of a document is: 1-based line and column (and page, for paged sources)."""

    line: int
    column: int
    page: int | None = None


@dataclass(frozen=True)
class TableCell:
    """One cell of a table (Markdown, HTML, LaTeX or a PDF's geometry), with the headers that give it meaning.

    `row_header` and `column_header` are the joined labels; `labels` keeps the structure: for each
    label column (and each group row above the cell's row), the label column's own header and the
    value, left to right ("Backbone" -> "RoBERTa-nli", "Method" -> "pi2nli (ours)"); `headers`
    keeps the column's header levels, top first ("PAWS", "QQP"). Which of these names a method,
    a benchmark or a setting is for the reader of claims to decide.
    """

    start: int
    end: int
    row: int
    column: int
    text: str
    row_header: str
    column_header: str
    table: int
    labels: tuple[tuple[str, str], ...] = ()
    headers: tuple[str, ...] = ()
    caption: str = ""
    label: bool = False  # the cell is itself a label (a method's name, a benchmark's), not a figure
    group: str = ""      # the label of a row of its own above the cell's row that heads a group of rows


@dataclass(frozen=True)
class Section:
    """A stretch of a document under one heading; `subject` is the heading's name part."""

    start: int
    end: int
    title: str
    subject: str


@dataclass(frozen=True)
class Document:
    """Text with a map back to lines and columns, plus tables and sections."""

    name: str
    text: str
    line_starts: tuple[int, ...]
    cells: tuple[TableCell, ...] = ()
    sections: tuple[Section, ...] = ()
    headings: tuple[tuple[int, int], ...] = ()  # (start, end) of heading lines
    code: tuple[tuple[int, int], ...] = ()      # code blocks, inline code, markup, running heads: not prose
    printed: tuple[tuple[int, int], ...] = ()   # lines a program printed in a code block: read, not code
    page_starts: tuple[int, ...] = ()           # offset of each page's first character (paged sources)
    hidden: tuple[tuple[int, int], ...] = ()    # (figure start, code point): direction controls in figures
    source_lines: tuple[int, ...] = ()          # the file's line of each line of text, where it was converted (HTML)
    source_text: tuple[str, ...] = field(default=(), compare=False, repr=False)  # the converted file's own lines
    # x0, top, x1, bottom (points from the page's top left) of every character; empty for text
    boxes: array = field(default_factory=lambda: array("f"), compare=False, hash=False, repr=False)

    def locate(self, offset: int) -> Location:
        """1-based line and column; for paged sources the line counts from the top of its page."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[index] + 1
        if self.source_lines and index < len(self.source_lines):
            line = self.source_lines[index]
            return Location(line=line, column=self._source_column(offset, line, column))
        if not self.page_starts:
            return Location(line=index + 1, column=column)
        page = bisect.bisect_right(self.page_starts, offset) - 1
        first_line = bisect.bisect_right(self.line_starts, self.page_starts[page]) - 1
        return Location(line=index - first_line + 1, column=column, page=page + 1)

    def _source_column(self, offset: int, line: int, column: int) -> int:
        """The column in the file's own line of what stands at `offset` of the converted text:
        the figure's written form found on that line, nearest the converted column ('3.1' of
        '\\textbf{3.1 points}'); the converted column where the line does not hold it."""
        if not 0 < line <= len(self.source_text):
            return column
        end = offset
        while end < len(self.text) and end - offset < 40 and not self.text[end].isspace():
            end += 1
        word = self.text[offset:end].rstrip(".,;:)]}")
        if not word:
            return column
        own = self.source_text[line - 1]
        found, start = [], own.find(word)
        while start >= 0:
            found.append(start)
            start = own.find(word, start + 1)
        return min(found, key=lambda s: abs(s - (column - 1))) + 1 if found else column

    def bbox(self, start: int, end: int) -> tuple[float, float, float, float] | None:
        """The box around characters start..end on their page, if the source has geometry."""
        if not self.boxes:
            return None
        chunk = self.boxes[4 * start:4 * min(end, len(self.boxes) // 4)]
        # characters without a width (no glyph box) are left out
        placed = [box for box in zip(chunk[0::4], chunk[1::4], chunk[2::4], chunk[3::4]) if box[2] > box[0]]
        if not placed:
            return None
        xs0, tops, xs1, bottoms = zip(*placed)
        return (round(min(xs0), 2), round(min(tops), 2), round(max(xs1), 2), round(max(bottoms), 2))

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def cell_at(self, offset: int) -> TableCell | None:
        return _containing(self.cells, self._cell_starts, offset)

    def section_at(self, offset: int) -> Section | None:
        return _containing(self.sections, self._section_starts, offset)

    # cached_property writes the instance dict directly, so it works on a frozen dataclass; the
    # starts are asked for once per figure, and rebuilding them each time made lookups O(cells)
    @cached_property
    def _cell_starts(self) -> list[int]:
        return [c.start for c in self.cells]

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self.sections]

    def in_code(self, offset: int) -> bool:
        index = bisect.bisect_right(self.code, (offset, float("inf"))) - 1
        return index >= 0 and self.code[index][0] <= offset < self.code[index][1]

    def in_printed(self, offset: int) -> bool:
        """On a line a program printed inside a code block (ingest/printed.py)?"""
        index = bisect.bisect_right(self.printed, (offset, float("inf"))) - 1
        return index >= 0 and self.printed[index][0] <= offset < self.printed[index][1]


def _containing(spans, starts: list[int], offset: int):
    """The span (sorted, not overlapping) that holds `offset`, if any."""
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < spans[index].end:
        return spans[index]
    return None


# What a figure measures, by its dimension (used for the end of a stated change, kind "change").
MEASURE_OF_DIMENSION = {"ratio": "speedup", "points": "delta", "time": "time", "rate": "throughput",
                        "memory": "memory", "count": "scale", "percent": "percent", "plain": "score",
                        "money": "cost", "fraction": "percent", "length": "physical", "mass": "physical",
                        "frequency": "physical", "power": "physical", "temperature": "physical"}


@dataclass(frozen=True)
class Claim:
    """A quantity read as a claim, with its frame: whose figure (subject), on what (dataset), of
    what (metric), under which conditions (setting), against whom (baseline), and which way is
    better (lower_is_better).

    Settings are "type:value" strings ("shots:5-shot", "hardware:h100", "split:test"), so two
    figures whose settings give one type different values are never one figure stated twice.
    """

    document: str
    quantity: Quantity
    kind: str                  # score | percent | speedup | delta | change | time | throughput | memory | scale | setting
    line: int
    column: int
    sentence: tuple[int, int]  # character span of the sentence (or table cell) it stands in
    metric: str = ""           # canonical metric id from the lexicon, or the phrase as written, normalised
    metric_text: str = ""      # the metric as written
    subject: str = ""          # method, model or system the figure belongs to
    baseline: str = ""         # what a margin, ratio or change is measured against
    dataset: str = ""          # benchmark or dataset (canonical id or name as written); split is a setting
    setting: frozenset[str] = field(default_factory=frozenset)
    role: str = ""             # "" | "from" | "to" (a stated change) | "baseline"
    lower_is_better: bool = False
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # on the page, for paged sources
    # how the subject was read: table | owner | actor | lead | pair | possessor | section | document | ""
    attribution: str = ""
    # settings named anywhere in the claim's sentence (the figure's own are in `setting`)
    context: frozenset[str] = field(default_factory=frozenset)
    # the figure's kind in the reading corpus's terms (score, delta, ratio, latency, ...), as the
    # learned reader decided it; empty when the rules alone read the claim
    category: str = ""
    # the figure's settings as the text writes them ("zero-shot", "A100-80GB"), where the learned
    # reader chose them; `setting` holds the same as typed values for comparing figures
    setting_text: tuple[str, ...] = ()
    # the unit as the document writes it ("tok/s", "GB/s", "problems"); `quantity.unit` is canonical
    unit_text: str = ""

    @property
    def text(self) -> str:
        return self.quantity.text

    @property
    def value(self) -> float:
        return self.quantity.value

    @property
    def unit(self) -> str:
        return self.quantity.unit

    @property
    def direction(self) -> str:
        """'lower' or 'higher' is better."""
        return "lower" if self.lower_is_better else "higher"

    @property
    def measure(self) -> str:
        """What the figure measures, whether stated alone or as either end of a change."""
        if self.kind != "change":
            return self.kind
        return MEASURE_OF_DIMENSION.get(self.quantity.dimension, "score")


@dataclass(frozen=True)
class NumberReading:
    """A number that is not a claim: a known non-claim with its reason (year, date, version, id,
    citation, footnote, list or thread counter, name digits, setting, code) or unread, with why."""

    document: str
    text: str
    start: int
    end: int
    line: int
    column: int
    status: str                # "non-claim" | "unread"
    reason: str
    page: int | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document: its claims and every other number, accounted for."""

    claims: tuple[Claim, ...]
    others: tuple[NumberReading, ...] = ()
    # (figure's start, subject): the learned reader's owner of each claim the rules read without
    # one; asked for by checks against sources only (`ClaimExtractor.read(owners=True)`)
    owners: tuple[tuple[int, str], ...] = ()
    # (figure's start, metric, metric as written, benchmark): the learned reader's measure and
    # benchmark of each claim where they differ from the rules', asked for with `owners`
    frames: tuple[tuple[int, str, str, str], ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A figure that a finding rests on, from the digest or a source."""

    document: str
    line: int
    column: int
    text: str
    value: float | None
    unit: str = ""
    kind: str = ""
    metric: str = ""
    subject: str = ""
    page: int | None = None
    note: str = ""
    bbox: tuple[float, float, float, float] | None = None

    @classmethod
    def of(cls, claim: Claim, note: str = "") -> "Evidence":
        return cls(claim.document, claim.line, claim.column, claim.text, claim.value,
                   claim.unit, claim.kind, claim.metric, claim.subject, claim.page, note, claim.bbox)


@dataclass(frozen=True)
class Fix:
    """What to write in place of a figure: its span in the document's text (offsets, and the
    line and 1-based columns a report shows), the text there now and the text to write. `safe`
    when the figures it is computed from stand on the figure's own line (or table row) and the
    rule has one reading of them: `--fix` applies only those."""

    start: int
    end: int
    line: int
    column: int
    end_column: int
    old: str
    new: str
    safe: bool


@dataclass(frozen=True)
class Finding:
    """One thing that does not hold, with the numbers that show it."""

    rule: str
    name: str
    severity: str             # error | warning | info
    verdict: str              # mismatch | inconsistent | contradicted | ...
    message: str
    claim: Claim
    evidence: tuple[Evidence, ...] = ()
    expected: float | None = None
    fix: Fix | None = None    # the replacement, where the rule computes the figure that belongs there
