"""Documents to claims: every number read as a claim with its frame, or accounted for.

The quantity grammar (`quantities.scan`) finds every number and says why the ones that are
not quantities are not; table cells get their frame from the table (`tables`); figures in
prose get their metric, dataset and settings from `frames` and their subject and baseline
from `attribution`. spaCy's blank English pipeline (no trained model, imported on first use)
tokenises each sentence that holds a figure, for the lexicon's phrase matchers and the cue
patterns of `patterns/cues.jsonl`. A figure that ends up with nothing to say what it
measures is reported as unread, with the reason.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lexicon import load_json, load_jsonl, phrase_alternation
from ..model import Claim, Document, Extraction, NumberReading, Quantity
from .attribution import Attributor
from .candidates import Proposer
from .decide import load_model
from .reader import NO_METRIC as _NO_METRIC, Number as _Number, all_sites, apply_model, rate_unit, with_written_unit
from .frames import FrameReader, count_nouns, is_hyperparameter, kind_of
from .normalize import normalize
from .quantities import NOT_CHECKABLE, YEAR_SHAPED, Skipped, scan
from .respectively import distribute
from .tables import CellFrame, TableReader
from .tokenizer import BoundedTokenizer
from .vocabulary import Mention, Vocabulary, settings_between, settings_found, settings_in

_SCALE_NOUN = re.compile(r"[\s-]+(?:[\w-]+\s+){0,2}?(" + "|".join(sorted(count_nouns(), key=len, reverse=True)) + r")\b", re.I)
_SCALE_NOUNS = {"params": "parameters", "parameter": "parameters", "gpus": "GPUs", "gpu-hours": "compute"}
_RATIO_WORDS = [
    (re.compile(r"^\W{0,3}(?:[a-z-]+\s+){0,2}?(?:faster|quicker|speedup|speed-up|acceleration|sooner)\b", re.I), "speedup"),
    (re.compile(r"^\W{0,3}(?:[a-z-]+\s+){0,2}?(?:smaller|larger|bigger|more\s+parameters|fewer\s+parameters|"
                r"the\s+(?:params|parameters|size|parameter\s+count))\b", re.I), "size"),
    (re.compile(r"^\W{0,3}(?:[a-z-]+\s+){0,2}?(?:cheaper|less\s+expensive|more\s+expensive|the\s+cost)\b", re.I), "cost"),
    (re.compile(r"^\W{0,3}(?:[a-z-]+\s+){0,2}?(?:less|lower|fewer|more|higher|the)\s+(?P<noun>memory|throughput|"
                r"latency|compute|flops|energy|data|tokens|cost|vram|bandwidth)\b", re.I), "noun"),
]


@dataclass
class _Unit:
    """A sentence of prose or a table cell, with what was found in it."""

    start: int
    end: int
    quantities: list[Quantity]
    mentions: list[Mention]
    cues: list[tuple[str, int, int]]
    cell_frame: CellFrame | None = None


class ClaimExtractor:
    """Reads claims out of documents; build once, use for many documents."""

    def __init__(self) -> None:
        import spacy
        from spacy.attrs import ORTH
        from spacy.matcher import Matcher

        self.nlp = spacy.blank("en")
        self._phrase_frames: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        # "T2V." and "GSM8K." keep their period in the default tokenizer; split it off so
        # names at the end of a sentence still match
        suffixes = list(self.nlp.Defaults.suffixes) + [r"(?<=[0-9A-Za-z+])\."]
        self.nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
        # a decimal's glued word is a word of its own ('45.7mAP': the figure and its measure)
        infixes = list(self.nlp.Defaults.infixes) + [r"(?:(?<=\.[0-9])|(?<=\.[0-9]{2})|(?<=\.[0-9]{3}))(?=[A-Za-z]{2})"]
        self.nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
        for abbreviation in load_json("abbreviations.json")["abbreviations"]:
            if " " not in abbreviation:
                self.nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        # (a run of thousands of non-space characters costs spaCy's tokenizer quadratic time)
        self.nlp.tokenizer = BoundedTokenizer(self.nlp.tokenizer)
        self.vocabulary = Vocabulary(self.nlp)
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

    @property
    def metrics(self):
        return self.vocabulary.metrics

    # -- document level ---------------------------------------------------------------------

    def extract(self, document: Document, learned: bool = True) -> list[Claim]:
        return list(self.read(document, numbers=False, learned=learned).claims)

    def read(self, document: Document, numbers: bool = True, learned: bool = True, model=None,
             owners: bool = False) -> Extraction:
        """The document's claims and every other number with the reason it is not a claim
        (`numbers=False` leaves the other numbers out: locating each one costs time).

        `learned`: the learned reader decides where phrasing varies (claim or not, kind, subject,
        metric, dataset, settings), when its model is shipped. Checks read with `learned=False`:
        the rules' frames are what the arithmetic and consistency rules were built and measured
        on, and on the dev digests the learned frames still cost them recall (README). `model`
        reads with that model (a `decide.ReaderModel`) instead of the shipped one.

        `owners` (with `learned=False`): the rules' claims, and for each one they read without a
        subject, the subject the learned reader gives it (`Extraction.owners`), from the same
        reading. Checks against sources align on it: their rules were built on the rules' frames,
        but a figure without an owner cannot be told from another system's. The same reading
        gives each claim's learned metric and benchmark where they differ from the rules'
        (`Extraction.frames`): a check against sources falls back on them where the rules' frame
        meets no source figure ('the hardest WER set for Loon Cloud at 10.3%' read with the metric 'set')."""
        reading, units, claims, bare, others = self._read_by_rules(document)
        found_owners: tuple = ()
        found_frames: tuple = ()
        if owners and not learned and model is None:
            shipped = load_model()
            if shipped is not None:
                ownerless = {c.quantity.start: (c.sentence, c.line) for c in claims if not c.subject}
                # a system the rules read as the one compared against in a sentence ('is 2.6 times
                # X's 27.7') owns none of its other figures there: the sentence sets them against it
                # (on its line: a sentence read across a line break may be two)
                compared = {((c.sentence, c.line), c.subject.casefold()) for c in claims if c.role == "baseline" and c.subject}
                read, _ = apply_model(shipped, Proposer(reading, units, shipped.typer, shipped.proposals), claims, bare, list(others))
                found_owners = tuple((c.quantity.start, c.subject) for c in read
                                     if c.subject and c.quantity.start in ownerless
                                     and (ownerless[c.quantity.start], c.subject.casefold()) not in compared)
                ruled = {c.quantity.start: (c.metric, c.dataset) for c in claims}
                found_frames = tuple((c.quantity.start, c.metric, c.metric_text, c.dataset) for c in read
                                     if ruled.get(c.quantity.start, (c.metric, c.dataset)) != (c.metric, c.dataset))
        if model is None and learned:
            model = load_model()
        if model is not None:
            claims, others = apply_model(model, Proposer(reading, units, model.typer, model.proposals), claims, bare, others)
        else:
            others += [reading.number(c.quantity.start, c.quantity.end, "unread", _NO_METRIC) for c in bare]
        if not numbers:
            # only what `check` uses: each number it reports as not checkable, where each bound
            # begins, and the figures read without a frame (a source's cell may still fix one)
            kept, bounds = [], set()
            for n in sorted(others, key=lambda r: r.start):
                if n.reason in NOT_CHECKABLE or n.reason.startswith(UNFRAMED) or \
                        n.reason.startswith(_BEYOND) and n.reason not in bounds:
                    bounds.add(n.reason)
                    kept.append(reading.located(n))
            return Extraction(tuple(claims), tuple(kept), found_owners, found_frames)
        others.sort(key=lambda r: r.start)
        return Extraction(tuple(claims), tuple(reading.located(n) for n in others), found_owners, found_frames)

    def sites(self, document: Document, typer=None):
        """The rules' reading of every number of a document, as the learned reader sees it:
        (proposer, sites), one site per number. For training and evaluating the reader."""
        reading, units, claims, bare, others = self._read_by_rules(document)
        proposer = Proposer(reading, units, typer)
        return proposer, all_sites(proposer, claims, bare, others)

    def _read_by_rules(self, document: Document):
        text = normalize(document.text)
        limits = _beyond_limits(text)
        if not document.page_starts:  # in a PDF such lines are a chart's axis ticks, laid out per backend
            limits += [(m.start(), m.end(), "number grid") for m in _NUMBER_GRID.finditer(text)]
        quantities, skipped = scan(text, list(document.code) + limits)
        quantities, skipped = _rescan_cells(document, text, quantities, skipped)
        quantities, skipped = _counts_among_figures(document, text, quantities, skipped)
        reading = _DocumentReading(self, document, text, frozenset(q.start for q in quantities))
        claims: list[Claim] = []
        others: list[_Number] = []
        for s in skipped:
            others.append(reading.number(s.start, s.end, "unread" if _not_checkable(s.reason) else "non-claim",
                                         s.reason))
        units = _units(document, text)
        unit_starts = [u[0] for u in units]
        by_unit: dict[int, list[Quantity]] = {}
        for quantity in quantities:
            index = bisect_right(unit_starts, quantity.start) - 1
            if index >= 0 and quantity.start < units[index][1]:
                by_unit.setdefault(index, []).append(quantity)
            else:
                others.append(reading.number(quantity.start, quantity.end, "unread", "outside any sentence"))
        breaks = sorted([m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [h[0] for h in document.headings])
        paragraph = None
        for index, unit_quantities in sorted(by_unit.items()):
            start, end = units[index]
            cell = document.cell_at(start)
            here = ("cell", index) if cell is not None else ("prose", bisect_right(breaks, start))
            if cell is None and _ITEM_START.match(text, text.rfind("\n", 0, start) + 1):
                here = ("item", text.rfind("\n", 0, start) + 1)  # a list item or post is its own paragraph
            if here != paragraph:
                reading.previous = []
                paragraph = here
            new_claims, new_others = reading.unit(start, end, unit_quantities, cell)
            claims.extend(new_claims)
            others.extend(new_others)
        claims, bare = complete_metrics(claims, document)
        claims = [with_written_unit(c, text) for c in claims]
        bare = [with_written_unit(c, text) for c in bare]
        return reading, units, claims, bare, others

    def cues(self, doc, offset: int) -> list[tuple[str, int, int]]:
        cues = [(self.nlp.vocab.strings[m], offset + doc[s:e].start_char, offset + doc[s:e].end_char)
                for m, s, e in self.cue_matcher(doc)]
        for token in doc:
            for cue in self.cue_words.get(token.lower_, ()):
                cues.append((cue, offset + token.idx, offset + token.idx + len(token)))
        return cues

    def frame_of_phrase(self, phrase: str, dimension: str) -> tuple[str, str, str, str]:
        """(metric id, metric as written, kind, dataset) for a metric named on its own, as in a fact
        sheet's column ('COCO mAP' -> map on coco, 'end-to-end speedup', 'GSM8K'). Remembered per
        phrase: a fact sheet names the same few metrics on every row."""
        key = (phrase, dimension)
        if key not in self._phrase_frames:
            if len(self._phrase_frames) > 4096:
                self._phrase_frames.clear()
            self._phrase_frames[key] = self._frame_of_phrase(phrase, dimension)
        return self._phrase_frames[key]

    def _frame_of_phrase(self, phrase: str, dimension: str) -> tuple[str, str, str, str]:
        from ..model import MEASURE_OF_DIMENSION
        kind = MEASURE_OF_DIMENSION.get(dimension, "score")
        if dimension == "ratio":
            doc = self.nlp.make_doc(phrase[:self.nlp.max_length])  # spaCy refuses longer text
            cues = self.cues(doc, 0)
            metric = _ratio_metric(phrase, Quantity("", 0, 0, 0.0, 0), (0, len(phrase)), cues, False)
            if metric == "ratio" and any(c[0] == "SPEEDUP" for c in cues):
                metric = _speedup_scope(cues, 0, len(phrase), phrase, 0, 0)
            return metric, phrase, "speedup", ""
        reader = TableReader(self.vocabulary, Document("", "", (0,)))
        header = reader.header(phrase)
        metric, metric_text = header.metric, header.metric_text
        if metric:
            info = self.vocabulary.info(metric)
            if info and info.dimension and info.dimension != dimension:
                metric, metric_text = "", ""
        dataset = header.dataset or (header.name.lower() if header.name and not metric else "")
        if not metric and not dataset:
            metric, metric_text = self.vocabulary.open_metric(phrase), phrase
        return metric, metric_text or phrase, kind, dataset

    def settings_of(self, text: str) -> tuple[str, ...]:
        """The typed settings named in a piece of text."""
        return tuple(sorted(settings_in(text)))


# the multiple a figure is written with ('127.95k', '2.5M'): its last letter
_SCALE_SUFFIX = re.compile(r"[KMBkmb]\b")

class _DocumentReading:
    """The state of reading one document: its tables, names, and the paragraph's figures so far."""

    def __init__(self, extractor: ClaimExtractor, document: Document, text: str,
                 figure_starts: frozenset[int] = frozenset()) -> None:
        self.x = extractor
        self.v = extractor.vocabulary
        self.document = document
        self.text = text
        self.tables = TableReader(self.v, document)
        # benchmarks the document's tables name ('PyFix-500'): "on PyFix-500" in prose names one too
        self.table_datasets = frozenset(name.casefold() for name in self.tables.datasets())
        ours = set()
        for cell in document.cells:
            frame = self.tables.frame(cell)
            if frame.ours and frame.subject:
                ours.add(frame.subject)
        self.attribution = Attributor(self.v, document, text, self.tables.subjects(), ours, figure_starts,
                                      self.tables.datasets())
        self.notes = _table_notes(document, text)  # table -> settings its note names
        self.frames = FrameReader(self.v, text)
        self.previous: list[Claim] = []  # figures so far in this paragraph
        self.mentions_by_unit: dict[int, list[Mention]] = {}  # sentence start -> its lexicon mentions

    def number(self, start: int, end: int, status: str, reason: str) -> _Number:
        return _Number(start, end, status, reason)

    def located(self, number: _Number) -> NumberReading:
        location = self.document.locate(number.start)
        return NumberReading(self.document.name, self.text[number.start:number.end], number.start, number.end,
                             location.line, location.column, number.status, number.reason, location.page)

    def _known(self, phrase: str) -> bool:
        names = self.attribution.names.known
        return phrase in names or phrase.strip() in names

    # -- one unit ---------------------------------------------------------------------------

    def unit(self, start: int, end: int, quantities: list[Quantity], cell) -> tuple[list[Claim], list[_Number]]:
        others: list[_Number] = []
        keep = []
        for q in quantities:
            # a heading's bare numbers are titles ("Top 5 papers", "Part 2"); a figure with a
            # unit, a multiple or a percent is a headline claim ("Kite: 3.1× faster decoding")
            if _in_heading(self.document, q.start) and q.dimension not in _HEADLINE_DIMENSIONS:
                others.append(self.number(q.start, q.end, "non-claim", "heading"))
            elif self.document.in_code(q.start):
                others.append(self.number(q.start, q.end, "non-claim", "code or markup"))
            else:
                keep.append(q)
        if not keep:
            return [], others
        frame = self.tables.frame(cell) if cell is not None else None
        if frame is not None and frame.skip:
            return [], others + [self.number(q.start, q.end, "non-claim", frame.skip) for q in keep]
        if frame is not None and _is_value_cell(self.text[start:end], keep):
            return self._cell_claims(cell, frame, keep), others
        sentence = self.text[start:end]
        if len(sentence) > self.x.nlp.max_length:  # spaCy refuses it: its figures are reported unread
            reason = f"{_BEYOND}{self.x.nlp.max_length:,}-character sentence limit"
            return [], others + [self.number(q.start, q.end, "unread", reason) for q in keep]
        doc = self.x.nlp.make_doc(sentence)
        mentions = self.v.matches(doc, start, sentence)
        mentions = sorted(mentions + self.frames.acronym_metrics(start, end, mentions, self._known),
                          key=lambda m: m.start)
        self.mentions_by_unit[start] = mentions
        unit = _Unit(start, end, keep, mentions, self.x.cues(doc, start), frame)
        claims, unread = self._prose_claims(unit)
        claims = distribute(self.text, start, end, claims, mentions, self.attribution.names.known)
        return claims, others + unread

    # -- table cells ------------------------------------------------------------------------

    def _cell_claims(self, cell, frame: CellFrame, quantities: list[Quantity]) -> list[Claim]:
        out = []
        for q in quantities:
            written = ""
            if frame.unit and q.dimension == "plain":
                unit, dimension, scale = frame.unit
                q = replace(q, unit=unit, dimension=dimension, scale=scale, value=q.value * scale)
            elif frame.unit and q.dimension == "count" and not q.unit and q.scale != 1.0 and frame.unit[1] != "count":
                # '127.95k' under 'Throughput (rps)': the cell writes a multiple, the header the unit
                unit, dimension, scale = frame.unit
                suffix = _SCALE_SUFFIX.search(q.text)
                q = replace(q, unit=unit, dimension=dimension, scale=q.scale * scale, value=q.value * scale)
                written = f"{suffix.group(0)} {rate_unit(frame.unit_text)}" if suffix else ""
            metric = frame.metric
            kind = kind_of(q, "", "", metric)
            if kind == "score" and (metric in count_nouns() or metric in ("size", "count", "parameters", "params")):
                kind = "scale"  # "Test Set Size", "# Params": counts
            if kind == "setting" and metric not in ("sparsity", "keep_ratio"):
                kind = "score"
            if kind == "score" and q.dimension == "percent":
                kind = "percent"
            if kind == "scale" and not metric:
                metric = frame.metric or "size"
            if not metric:
                # a cell under 'FPS' or 'Memory (GB)' is framed as prose frames '61 FPS', '12 GB':
                # a throughput, a memory, a cost, unless its headers name the measure
                metric = _DEFAULT_METRICS.get(q.dimension) or ("throughput" if q.dimension == "rate" else "")
            lower = frame.lower_is_better
            if lower is None:
                lower = self.v.lower_is_better(metric, frame.metric_text) if metric else kind in ("time", "memory", "cost")
            location = self.document.locate(q.start)
            out.append(Claim(
                unit_text=written or (rate_unit(frame.unit_text) if frame.unit and q.unit == frame.unit[0] else ""),
                document=self.document.name, quantity=q, kind=kind, line=location.line, column=location.column,
                sentence=(cell.start, cell.end), metric=metric, metric_text=frame.metric_text or metric,
                subject=frame.subject, dataset=frame.dataset, setting=frame.settings, lower_is_better=lower,
                page=location.page, bbox=self.document.bbox(q.start, q.end), attribution="table" if frame.subject else "",
                context=frame.settings | self.notes.get(cell.table, frozenset())))
        return out

    # -- prose ------------------------------------------------------------------------------

    def _main_subject(self, unit: _Unit) -> tuple[str, str]:
        """(subject, how) of a sentence when a figure names no owner: the table row, the list
        item's lead, the sentence's actor, 'it / the model' (the section's or document's method)."""
        if unit.cell_frame is not None and unit.cell_frame.subject:
            return unit.cell_frame.subject, "table"
        line_start = self.text.rfind("\n", 0, unit.start) + 1
        lead = self.attribution.lead(line_start)
        if lead:
            return lead, "lead"
        actor = self.attribution.actor(unit.start, unit.end)
        if actor:
            return actor[0], "actor"
        possessor = self.attribution.possessor(unit.start, unit.end)
        if possessor and possessor.casefold() not in self.attribution.names.datasets:
            return possessor, "possessor"
        parent = self.attribution.list_parent(line_start)
        if parent:
            return parent, "list parent"
        section = self.attribution.section_method(unit.start)
        if section:
            return section, "section"
        return self.attribution.names.method, "document" if self.attribution.names.method else ""

    def _prose_claims(self, unit: _Unit) -> tuple[list[Claim], list[_Number]]:
        text = self.text
        unit.quantities = _share_units(text, unit.quantities)
        claims: list[Claim] = []
        unread: list[_Number] = []
        config_change = any(label == "CONFIG_CHANGE" for label, _, _ in unit.cues)
        main, main_how = self._main_subject(unit)
        # the sentence's settings are read once; each figure takes those named in its parts
        found = settings_found(text[unit.start:unit.end])

        def settings_of(span: tuple[int, int] | None) -> frozenset[str]:
            return settings_between(found, span[0] - unit.start, span[1] - unit.start) if span else frozenset()

        context = frozenset(setting for *_, setting in found)
        figures = [(q.start, q.end) for q in unit.quantities]
        lead_dataset = self.frames.lead_dataset(unit.start, unit.quantities[0].start, unit.mentions)
        setting_spans = _Spans([(unit.start + a, unit.start + b, kind) for a, b, kind, _ in found if kind != "task"])
        setting_figures = {id(x) for x in unit.quantities if _setting_span(setting_spans, x)}
        figure_starts = [x.start for x in unit.quantities]
        lower_is_better_note = _LOWER_IS_BETTER_NOTE.search(text, unit.start, unit.end) is not None
        sub_clause_ends = [m.end() for m in _SUB_CLAUSE.finditer(text, unit.start, unit.end)]
        metrics = [m for m in unit.mentions if m.label == "METRIC"]
        datasets = [m for m in unit.mentions if m.label == "DATASET"]
        named = _inside_mentions(unit.quantities, unit.mentions)
        colon_label = _colon_label(text, metrics)
        outcomes = _outcome_sentence(self.v, text[unit.start:unit.end])
        timed = any(x.dimension in ("time", "rate") for x in unit.quantities)
        unit.cues.sort(key=lambda c: c[1])
        cue_starts = [c[1] for c in unit.cues]
        item_separators = [m.span() for m in _ITEM_SEPARATOR.finditer(text, unit.start, unit.end)]
        if figure_starts != sorted(figure_starts):
            figure_starts = None
        # "... an increase of 14 points (pass@1, temperature 0.6)." names the setting of the whole sentence
        tail = _TAIL_PARENTHESIS.search(text[unit.start:unit.end])
        tail_settings = settings_of((unit.start + tail.start(1), unit.start + tail.end(1))) \
            if tail and not re.search(r"\d+(?:\.\d+)?\s*(?:vs|versus|to)\b", tail.group(1)) else frozenset()
        section = self.document.section_at(unit.start)
        for q in unit.quantities:
            clause = _clause(text, unit.start, unit.end, q)
            before = text[max(clause[0], q.start - 60):q.start]
            after = text[q.end:min(clause[1], q.end + 60)]
            if is_hyperparameter(q, before):
                unread.append(self.number(q.start, q.end, "non-claim", "hyperparameter"))
                continue
            if id(q) in named or _inside_hardware(setting_spans, q):
                # "AlpacaEval 2.0", "MATH-500"; "RTX 4090", "TPU v5": the digits of a name
                unread.append(self.number(q.start, q.end, "non-claim", "name"))
                continue
            setting_kind = _setting_span(setting_spans, q)
            # a setting is the end of a change only where the change follows it directly ("batch 32,
            # up from 16"), not past other figures ("on 8 GPUs at batch 32, up from 1,120 tokens/s")
            if setting_kind and not _change_role(before, after[:next(
                    (m.start() for m in re.finditer(r"\d", after)), len(after))]):
                unread.append(self.number(q.start, q.end, "non-claim", f"setting ({setting_kind})"))
                continue
            metric_mention = self.frames.lexicon_metric(q, metrics, clause)
            metric, metric_text = (metric_mention.key, text[metric_mention.start:metric_mention.end]) if metric_mention else ("", "")
            if not metric and colon_label is not None and q.start > colon_label[0] and q.dimension in ("plain", "percent") \
                    and not (self.v.info(colon_label[1]) and self.v.info(colon_label[1]).dimension) \
                    and _BARE_AFTER.match(text, q.end) and not _change_role(before, after):
                # "FID (lower is better): A 2.31 vs B 2.19": bare scores under a metric's label
                metric, metric_text = colon_label[1], colon_label[2]
            dataset_mention = self.frames.lexicon_metric(q, datasets, clause)
            dataset = dataset_mention.key if dataset_mention else ""
            role = _change_role(before, after)
            if not role and _MOVES_TO.search(before) and _LEADING_CONDITION.match(text, clause[0]):
                role = "to"
            if not dataset:
                category = re.search(r"(?:^|[,:;]\s*|\s(?:of|and|or)\s+)([a-z][a-z-]{2,})\s*\(\s*$", text[max(clause[0], q.start - 30):q.start])
                if category and category.group(1) not in self.v.system_nouns:
                    dataset = category.group(1)  # "coding (+6.2 pts), ahead of math (+4.8)": each figure's category
            verb = self.frames.verb_metric(q, clause[0], clause[1]) if not metric or outcomes else ""
            if verb:
                metric, metric_text = self.v.open_metric(verb), verb  # "wins 58%", "loses 36%": a rate, not a change
            provisional = kind_of(q, before, after, metric) if not verb else "percent"
            change = provisional == "delta" or (provisional in ("percent", "fraction") and _describes_change(text, q, unit.start))
            if not metric:
                metric, metric_text = self.frames.comparative_metric(q, clause[1], unit.mentions)
            if not metric and (role in ("to", "from") or change):
                # the end of a change and the size of a change are of the metric the change is of
                metric, metric_text = self.frames.change_metric(q, clause[1], unit.mentions)
                if not metric:
                    metric, metric_text, inherited = self._inherited_metric(q, provisional, None, role or "to", unit, dataset)
                    dataset = dataset or inherited
            owner = self.attribution.owner(q.start, q.end, clause, (unit.start, unit.end), figures)
            parallel_settings: frozenset[str] = frozenset()
            pair_here = self.attribution.comparison_pair(q.start, q.end, clause, figures)
            if not metric and (owner is not None and owner.how in ("paren", "in-paren", "for", "at", "of", "listed",
                                                                   "listed-actor") or pair_here):
                # "beating DiT-XL/2 (FID 12.4)", "12.4 for DiT-XL/2": the compared figure is in the metric before it
                metric, metric_text, inherited = self._inherited_metric(q, provisional, owner, role, unit)
                dataset = dataset or inherited
            if not metric:
                metric, metric_text = self._open_metric(q, unit, clause, figures)
                if owner is not None and metric_text.casefold().strip() == owner.name.casefold():
                    metric = metric_text = ""  # "..., Merlin scores 64.8": the owner's name is not a metric
            kind = kind_of(q, "", "", metric) if verb else kind_of(q, before, after, metric)
            if kind == "score" and q.word and q.dimension == "plain" and not role:
                # "the stronger of the two", "one of three": a number word counts what is compared
                unread.append(self.number(q.start, q.end, "non-claim", "number word without a counted noun"))
                continue
            if kind in ("percent", "fraction") and not verb and not role and _describes_change(text, q, unit.start):
                kind = "delta"  # "a 19% relative improvement", "down 30%": the relative size of a change
            pair = pair_here if owner is None else None
            if pair_here and pair_here[0] == "second" and kind == "score" and q.dimension == "plain" and not role:
                # "1,850 GPU-hours vs 2,400 for dense": the second of a pair counts what the first counts
                partner = next((c for c in claims if c.quantity.start == pair_here[1]), None)
                if partner is not None and partner.kind == "scale" and partner.quantity.dimension in ("plain", "count"):
                    kind = "scale"
            if kind == "scale":
                # a size is "of" its noun (8B parameters, 12T tokens), never of a benchmark nearby
                metric = metric_text = ""
                noun = _SCALE_NOUN.match(after)
                if noun:
                    metric = metric_text = _SCALE_NOUNS.get(noun.group(1).lower(), noun.group(1).lower())
                elif owner is not None and owner.how == "size":
                    metric = metric_text = "parameters"
                else:
                    plural = self.frames.plural_noun(q, clause[1])[0]
                    metric = metric_text = plural
                if not metric:
                    metric, metric_text, _ = self._inherited_metric(q, kind, "", role, unit)
            if not metric and kind not in ("scale",):
                metric, metric_text, inherited = self._inherited_metric(q, kind, owner, role, unit)
                dataset = dataset or inherited
            if not metric:
                metric, metric_text = self.frames.sentence_metric(q, unit.mentions, (unit.start, unit.end))
            if q.dimension in _DEFAULT_METRICS and metric not in self.v.metrics:
                metric = metric_text = _DEFAULT_METRICS[q.dimension]
            elif q.dimension == "rate" and not metric:
                metric, metric_text = "throughput", ""  # tokens/s, QPS: a throughput unless named otherwise
            if kind == "speedup":
                target = self.attribution.target(clause[0], clause[1], q.start)
                # the cues around the figure (a sentence of thousands of figures has thousands of cues)
                window = bisect_left(cue_starts, q.start - _CUE_REACH), bisect_right(cue_starts, q.end + _CUE_REACH)
                cues = [c for c in unit.cues[window[0]:window[1]]
                        if not (target and target in text[max(clause[0], c[1] - len(target)):c[2]])]
                metric = _ratio_metric(text, q, clause, cues, timed)
                if re.match(r"\s*(?:that|those)\s+of\b", text[q.end:q.end + 12]) or metric == "ratio" and re.match(
                        r"\s*(?:that|those)\b", text[q.end:q.end + 8]):
                    # "1.5× the throughput of vLLM and 1.32× that of SGLang": the same measure again
                    metric = next((c.metric for c in reversed(claims) if c.kind == "speedup"), metric)
                metric_text = metric.split(":")[1] + " speedup" if ":" in metric else metric
            # subject, role and what the figure is measured against
            subject, baseline, claim_role = main, "", role
            how = main_how
            clause_actor = self.attribution.actor(clause[0], clause[1]) if clause[0] != unit.start else None
            if clause_actor is None and clause[0] == unit.start:
                sub_clause = _sub_clause(sub_clause_ends, unit.start, q.start)
                if sub_clause != unit.start:
                    clause_actor = self.attribution.actor(sub_clause, q.start)
            opens = owner is not None and owner.start >= 0 and not text[unit.start:owner.start].strip(" -*•>#\t0123456789.)/")
            if owner is not None and owner.how != "listed-actor" and (self.v.is_benchmark(self.v.names.get(owner.name.lower(), "")) or
                                      (self.attribution.in_benchmark_list(clause[0], owner.start)
                                       and not self.attribution.is_system_phrase(owner.name)) or
                                      owner.name.casefold() in self.attribution.names.datasets):
                dataset = dataset if dataset and owner.how not in ("paren", "in-paren") else \
                    self.v.names.get(owner.name.lower(), owner.name.lower())
                owner = None  # "tested on mm_math5k (5,000 problems) and geometry3k (2,101)": benchmarks
                parallel = self.previous[-1] if self.previous and self.previous[-1].sentence == (unit.start, unit.end) else None
                if parallel is not None and parallel.quantity.dimension == q.dimension:
                    if not metric:
                        metric, metric_text = parallel.metric, parallel.metric_text  # the same measure for each
                    parallel_settings = parallel.setting
                    if parallel.kind == "scale" and kind == "score":
                        kind = "scale"  # "mm_math5k (5,000 problems) and geometry3k (2,101)": counts both
            # a figure attributed in parentheses or after 'for', 'at', 'of' to another system than the
            # sentence's is a reference figure; a possessive or a name is one after a comparison word
            compared = owner is not None and (owner.how in ("for", "at", "of", "pair", "paren", "in-paren") or
                                              self.attribution.compared_before(clause[0], owner.start))
            if owner is not None and owner.how in ("for", "of") and kind in ("delta", "speedup"):
                owner = None  # "a gain of 2 points for X", "1.7× the throughput of vLLM": what it is measured against
            if clause_actor is not None and clause_actor[0].casefold() in self.attribution.names.datasets:
                dataset, clause_actor = dataset or clause_actor[0].lower(), None
            if owner is not None:
                subject, how = owner.name, "owner"
                # within one sentence a variant is another system: "Gull ... over its predecessor (Gull-v1 40.5)"
                if owner.name.casefold() != main.casefold() and not role and not opens and compared:
                    claim_role = "baseline"
            elif pair is not None and pair[0] == "second":
                target = self.attribution.target(clause[0], q.start, q.start) or next(
                    (c.baseline for c in reversed(claims) if c.baseline), "") or next(
                    (c.subject for c in reversed(claims) if c.role == "baseline"), "")
                if target and not _same_name(target, main):
                    subject, claim_role, how = target, "baseline", "pair"
            elif clause_actor is not None:
                subject, how = clause_actor[0], "actor"
            elif not subject and kind != "scale" and \
                    self.attribution.pronoun(_sub_clause(sub_clause_ends, clause[0], q.start), q.start):
                # "X reaches 48.2 ..., while on MBPP its 66.6 edges past Y's 64.2": the pronoun
                # stands for the system an earlier clause of the sentence gave its own figure
                for earlier in reversed(claims):  # the sentence's figures are the list's tail
                    if earlier.sentence != (unit.start, unit.end):
                        break
                    if earlier.subject and earlier.role != "baseline":
                        subject, how = earlier.subject, "actor"
                        break
            if kind in ("delta", "speedup") or (kind in ("percent", "fraction") and _describes_change(text, q, unit.start)):
                # what it is measured against is named in its own part of the clause ("a 2.4× speedup,
                # and gains +3.1 points over Hawk": Hawk is the points' baseline, not the speedup's)
                reach = _reach(item_separators, q, clause)
                baseline = self.attribution.target(reach[0], reach[1], q.start)
                if baseline and self.attribution.is_system_phrase(baseline):
                    # "over the dense model", "the MoE model": the one known system the words describe
                    baseline = self.attribution.describe(baseline) or baseline
                if baseline and baseline.casefold() == subject.casefold():
                    baseline = ""  # "Crake ... over Crake-v1" keeps its predecessor as the baseline
            elif not baseline and kind in ("percent", "score"):
                # "a 99% win-rate vs LightGBM": a pairwise measure names its opponent right after it
                pairwise = _PAIRWISE_AFTER.match(text, q.end, clause[1])
                if pairwise:
                    opponent = self.attribution.name_after(pairwise.end(), clause[1])
                    if opponent and opponent[0].casefold() != subject.casefold():
                        baseline = opponent[0]
            if kind == "delta" and owner is not None and owner.how == "for":
                subject, claim_role, how = main, role, main_how  # "a gain of 2 points for X" is still the sentence's
            if kind != "scale":
                # a benchmark named in the figure's own part of its clause ("; on BetaSet it adds
                # 8.6 points") is its own, whatever an earlier figure lent it
                stretch = _stretch(text, unit.quantities, q, clause[0], clause[1], figure_starts)
                own = self.frames.dataset(q, unit.mentions, stretch, stretch, self.table_datasets)
                dataset = own or dataset or lead_dataset
            if not dataset and section is not None and section.title:
                dataset = _heading_dataset(self.v, section.title)
            if unit.cell_frame is not None:
                if unit.cell_frame.dataset in self.v.metrics:  # a benchmark column, not a 'Headline' column
                    dataset = dataset or unit.cell_frame.dataset
                if not metric:
                    metric, metric_text = unit.cell_frame.metric, unit.cell_frame.metric_text
            if kind in ("score", "percent") and not metric and not dataset and len({m.key for m in datasets}) == 1:
                dataset = datasets[0].key  # "the best MMLU score of the three models, at 72.4": the sentence's one benchmark
            if kind == "delta" and q.dimension == "points" and not metric and not dataset \
                    and len({m.key for m in metrics}) == 1 and not datasets:
                metric = metrics[0].key  # "within 0.8 points of X on recall@10": the sentence's one metric
                metric_text = text[metrics[0].start:metrics[0].end]
            bare = kind == "score" and not metric and not dataset and owner is None and unit.cell_frame is None
            if bare and not role and clause_actor is None and not self.attribution.pronoun(clause[0], q.start) \
                    and not pair and not (main_how == "actor" and clause[0] == unit.start):
                unread.append(self.number(q.start, q.end, "unread", "no metric, benchmark or owner"))
                continue
            if kind == "setting" and metric not in ("sparsity", "keep_ratio", "dropout", "keep_probability"):
                unread.append(self.number(q.start, q.end, "non-claim", "setting"))
                continue
            lead, own = _setting_scope(text, unit.quantities, q, clause[0], clause[1], setting_figures, figure_starts)
            sides = _pair_sides(text, clause[0], q, pair) if pair else None
            if sides is not None:
                # "RL's best pass@8 ... is 1.4× the SFT mean (61.8 vs 35.2)": each side of the pair
                # has the settings of its side of the comparison; the first side's hold for both
                # where the second does not say otherwise
                left, right = sides
                lead, own = (left, right) if pair[0] == "second" else (None, left)
            own_settings = settings_of(own)
            own_types = {x.split(":", 1)[0] for x in own_settings}
            setting = set(own_settings) | {x for x in settings_of(lead) if x.split(":", 1)[0] not in own_types}
            clause_tail = settings_of((max(x.end for x in unit.quantities if x.start < clause[1]), clause[1])) \
                if pair_here and pair_here[0] == "first" else frozenset()
            for extra in (tail_settings, parallel_settings, clause_tail):
                setting |= {x for x in extra if x.split(":", 1)[0] not in {y.split(":", 1)[0] for y in setting}}
            if unit.cell_frame is not None:
                setting |= unit.cell_frame.settings
            if config_change:
                setting.add("condition:other configuration")
            if section is not None and _ABLATION.search(section.title):
                setting.add("condition:ablation")
            if role == "to":
                setting.add("condition:after a stated change")
            elif role == "from":
                setting.add("condition:before a stated change")
            lower = self.v.lower_is_better(metric, metric_text) if metric else kind in ("time", "memory", "cost")
            if lower_is_better_note and q.dimension in ("percent", "plain"):
                lower = True
            location = self.document.locate(q.start)
            claim = Claim(
                document=self.document.name, quantity=q, kind="change" if role else kind, line=location.line,
                column=location.column, sentence=(unit.start, unit.end), metric=metric, metric_text=metric_text,
                subject=subject, baseline=baseline, dataset=dataset, setting=frozenset(setting),
                role=claim_role, lower_is_better=lower, page=location.page, bbox=self.document.bbox(q.start, q.end),
                attribution=how if subject else "", context=context)
            claims.append(claim)
            self.previous.append(claim)
        claims = _figures_are_not_settings(claims, text)
        return _changes_between_systems(_complete_pairs(claims, text)), unread

    def _open_metric(self, q: Quantity, unit: _Unit, clause: tuple[int, int], figures) -> tuple[str, str]:
        """A metric no lexicon name ties to the figure: the change's object, the noun phrase
        linked to the figure, the noun a count counts."""
        change = self.frames.change_metric(q, clause[1], unit.mentions)
        if change[0]:
            return change
        if q.dimension in ("plain", "count") and not q.signed:
            noun = self.frames.count_noun(q, clause[1])
            if noun[0] and _SCALE_NOUN.match(" " + noun[1]):
                return noun
        # the nearest figures before it are all the phrase reading needs (the list is bisected:
        # collecting every earlier figure for each figure was quadratic)
        nearest = bisect_right(figures, (q.start, q.start))
        return self.frames.phrase_metric(q, clause[0], [f[1] for f in figures[max(0, nearest - 8):nearest]
                                                         if f[1] <= q.start], self._known)

    def _inherited_metric(self, q: Quantity, kind: str, owner, role: str, unit: _Unit,
                          dataset: str = "") -> tuple[str, str, str]:
        """A compared method's figure, a bare margin, the end of a change or the second of a pair
        ("78.9 s with X versus 160 s without") takes the metric of the figure before it (on the
        same benchmark, when both name one), and its benchmark in the same sentence."""
        here = (unit.start, unit.end)
        # the figures of its own sentence first, then the paragraph's
        # the nearest figures only: a clause of hundreds of figures would make this quadratic
        recent = self.previous[-_INHERIT_REACH:]
        ordered = [p for p in reversed(recent) if p.sentence == here] + \
                  [p for p in reversed(recent) if p.sentence != here]
        for p in ordered:
            relative = kind in ("delta", "percent", "fraction") and q.dimension in ("percent", "fraction")
            if not (p.metric or p.dataset) or p.kind == "setting" or (p.kind == "scale") != (kind == "scale") and \
                    not (relative and p.sentence == here):
                continue
            if (not p.metric or kind == "scale") and p.sentence != here:
                continue  # a benchmark alone, or a count's noun, carries over only within its sentence
            if dataset and p.dataset and p.dataset != dataset:
                continue
            pq = p.quantity
            same = p.dataset if p.sentence == here else ""
            if q.dimension == "points" and pq.dimension not in ("plain", "percent", "points"):
                continue  # a margin in points is of scores, not of the gigabytes before it
            if pq.dimension == q.dimension and (owner or role == "to" or pq.start >= unit.start):
                return p.metric, p.metric_text, same
            if kind in ("delta", "percent", "fraction") and role and pq.dimension != "ratio":
                return p.metric, p.metric_text, same
            if kind == "delta" and pq.dimension in ("plain", "percent", "points"):
                return p.metric, p.metric_text, same
        return "", "", ""


# a figure in dollars is a cost and one in gigabytes a memory size, whatever words stand near it
_DEFAULT_METRICS = {"money": "cost", "memory": "memory"}
_HEADLINE_DIMENSIONS = frozenset({"ratio", "percent", "points", "time", "rate", "memory", "money"})
_TAIL_PARENTHESIS = re.compile(r"\(([^()]{3,80})\)[.!?]?\s*$")
_ABLATION = re.compile(r"\bablations?\b", re.I)
_INHERIT_REACH = 48  # figures looked back over for an inherited metric
_CUE_REACH = 300  # characters either side of a multiple whose cues say what it multiplies
_LOWER_IS_BETTER_NOTE = re.compile(r"\(\s*lower\s+is\s+better\s*\)|\blower\s+is\s+better\b", re.I)


_COMPARISON_SPLIT = re.compile(r"\b(?:than|over|versus|vs\.?|against|compared\s+(?:to|with)|relative\s+to|ahead\s+of|"
                               r"behind|beating|beats?|outperform(?:s|ing)?|trails?|matches|matching|overtaking)\s+"
                               r"|\d[\d.,]*\s?[×x]\s+", re.I)


def _pair_sides(text: str, clause_start: int, q: Quantity, pair) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The two sides of the comparison a parenthesised pair restates (as spans): the text before
    the comparison word, and after it up to the parenthesis."""
    position, other = pair
    first = q.start if position == "first" else other
    paren = text.rfind("(", clause_start, first)
    if paren < 0 or text[paren + 1:first].strip():
        return None
    splits = list(_COMPARISON_SPLIT.finditer(text, clause_start, paren))
    if not splits:
        return None
    split = splits[-1]
    return (clause_start, split.start()), (split.end(), paren)


def _outcome_sentence(vocabulary: Vocabulary, sentence: str) -> bool:
    """A sentence naming two outcomes of a comparison ('win 40% / tie 25% / loss 40%'), where
    'loss' is a share of judgements, not a training loss."""
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    return len(words & vocabulary.outcome_words) >= 2


def _table_notes(document: Document, text: str) -> dict[int, frozenset[str]]:
    """Settings named in the note right under (or over) a table ("Latency is per query on 1×
    A100-80GB at batch size 1"): they hold for the table's figures."""
    notes: dict[int, frozenset[str]] = {}
    last_line: dict[int, int] = {}
    for cell in document.cells:
        last_line[cell.table] = max(last_line.get(cell.table, 0), document.locate(cell.end).line)
    for table, line in last_line.items():
        found: set[str] = set()
        for number in range(line + 1, min(line + 4, len(document.line_starts) + 1)):
            content = document.line_text(number).strip()
            if not content:
                continue
            if content.startswith(("|", "#")):
                break
            found |= {x for x in settings_in(content) if x.split(":", 1)[0] in ("hardware", "gpus", "batch", "precision", "context")}
            break
        notes[table] = frozenset(found)
    return notes


def _figures_are_not_settings(claims: list[Claim], text: str) -> list[Claim]:
    """'The fleet shrank from 48 GPUs to 32': a count that is itself a claim ('48 GPUs') is not the
    setting of the figures beside it."""
    stated = set()
    for c in claims:
        for x in settings_in(text[c.quantity.start:c.quantity.end + 12]):
            if x.split(":", 1)[1].split()[0] in c.text.replace(" ", "").lower() and c.role in ("from", "to"):
                stated.add(x)
    if not stated:
        return claims
    return [replace(c, setting=c.setting - stated) for c in claims]


_VERSUS_BETWEEN = re.compile(r"\s*(?:vs\.?|versus)\s*", re.I)


def _complete_pairs(claims: list[Claim], text: str = "") -> list[Claim]:
    """The ends of one change ('climbs from 20.3 to 34.3') and the two sides of a pair ('11.9%
    vs 11.4% WER') share the metric and benchmark that only one of them was read with."""
    out = list(claims)
    order = sorted(range(len(out)), key=lambda k: out[k].quantity.start)
    for i, j in zip(order, order[1:]):
        a, b = out[i], out[j]
        if a.quantity.dimension != b.quantity.dimension or not text or \
                not _VERSUS_BETWEEN.fullmatch(text, a.quantity.end, b.quantity.start):
            continue
        for k, c, partner in ((i, a, b), (j, b, a)):
            if not c.metric and partner.metric or not c.dataset and partner.dataset:
                out[k] = replace(c, metric=c.metric or partner.metric, metric_text=c.metric_text or partner.metric_text,
                                 dataset=c.dataset or partner.dataset,
                                 lower_is_better=c.lower_is_better if c.metric else partner.lower_is_better)
    for k, c in enumerate(out):
        if c.role not in ("from", "to") or (c.metric and c.dataset):
            continue
        partner_role = "to" if c.role == "from" else "from"
        partner = next((p for p in out if p.role == partner_role and p.quantity.dimension == c.quantity.dimension), None)
        if partner is not None:
            out[k] = replace(c, metric=c.metric or partner.metric, metric_text=c.metric_text or partner.metric_text,
                             dataset=c.dataset or partner.dataset, lower_is_better=c.lower_is_better if c.metric
                             else partner.lower_is_better)
    return out


# Size bounds: text past them is not read, and every number in it is reported as unread with
# the bound it lies beyond (never dropped without a word). Reading is linear, so these bound
# time, not correctness: about 1 s per MB.
MAX_LINE = 1_000_000        # characters of one line read
MAX_DOCUMENT = 20_000_000   # characters of one document read
_BEYOND = "beyond the "  # how the reasons of numbers past a bound begin
# a line of bare integers and nothing else ("1 0 0 0 0"): a matrix or grid drawn in text
_NUMBER_GRID = re.compile(r"^[ \t]*\d{1,4}(?:[ \t]+\d{1,4}){2,}[ \t]*$", re.MULTILINE)


UNFRAMED = "no metric"  # the reason of a figure read with no metric, benchmark or owner


def _not_checkable(reason: str) -> bool:
    """Whether a number with this reason stands as a figure that could not be read."""
    return reason in NOT_CHECKABLE or reason.startswith(_BEYOND)


def _beyond_limits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, reason) of the text past the line and document bounds."""
    spans = []
    if len(text) > MAX_LINE:
        position = 0
        while position < min(len(text), MAX_DOCUMENT):
            end = text.find("\n", position)
            end = len(text) if end < 0 else end
            if end - position > MAX_LINE:
                spans.append((position + MAX_LINE, end, f"beyond the {MAX_LINE:,}-character line limit"))
            position = end + 1
    if len(text) > MAX_DOCUMENT:
        spans.append((MAX_DOCUMENT, len(text), f"beyond the {MAX_DOCUMENT:,}-character document limit"))
    return spans


def complete_metrics(claims: list[Claim], document: Document) -> tuple[list[Claim], list[Claim]]:
    """Scores read without a metric or benchmark take the one score metric their paragraph (else
    their document) states; those still bare are returned second, to be reported as unread."""
    def key(c: Claim) -> str:
        return c.metric
    scored = [c for c in claims if c.kind in ("score", "percent", "change") and c.metric and
              c.quantity.dimension in ("plain", "percent") and not c.metric.startswith("speedup")]
    paragraphs = _Paragraphs(document)
    by_paragraph: dict[int, set[str]] = {}
    for c in scored:
        by_paragraph.setdefault(paragraphs.start_of(c.quantity.start), set()).add(c.metric)
    whole = {c.metric for c in scored}
    # a score in a sentence that compares it ("61.0, short of Ray (64.5) by 2.5 points") is one
    # side of that comparison even without a metric
    # (only where no figure of the sentence names a metric: else its bare figures stay unread)
    named = {c.sentence for c in claims if c.metric or c.dataset}
    # ... as are the scores of a sentence that states a change between them ("A scores 45.1 and B
    # 49.3, a gain of 4.2 points"): the change relates them, whatever they measure
    compared = {c.sentence for c in claims if (c.role == "baseline" or c.kind == "delta")
                and c.sentence not in named}
    done, bare = [], []
    for c in claims:
        if c.metric or c.dataset or c.kind not in ("score", "change", "delta") or c.quantity.dimension not in ("plain", "points"):
            done.append(c)
            continue
        local = by_paragraph.get(paragraphs.start_of(c.quantity.start), set())
        metrics = local if local else whole
        if len(metrics) == 1:
            metric = next(iter(metrics))
            source = next(x for x in scored if x.metric == metric)
            done.append(replace(c, metric=metric, metric_text=source.metric_text, lower_is_better=source.lower_is_better))
        elif c.kind == "score" and not c.role and c.sentence not in compared:
            bare.append(c)
        else:
            done.append(c)
    return done, bare


class _Paragraphs:
    """Where each offset's paragraph, or its list item, starts (found by bisection: walking back
    line by line made long unbroken PDF text quadratic)."""

    def __init__(self, document: Document):
        text = document.text
        self._text = text
        self._breaks = [m.start() for m in re.finditer(r"\n(?=\n)", text)]
        self._items = [start for start in [0] + [m.end() for m in re.finditer(r"\n", text)]
                       if _ITEM_START.match(text, start)]

    def start_of(self, offset: int) -> int:
        index = bisect_right(self._breaks, offset - 2) - 1  # a break wholly before the offset
        paragraph = self._breaks[index] if index >= 0 else -1
        line = self._text.rfind("\n", 0, offset) + 1
        index = bisect_right(self._items, line) - 1
        if index >= 0 and self._items[index] > paragraph:
            return self._items[index]
        return paragraph


def _changes_between_systems(claims: list[Claim]) -> list[Claim]:
    """'4.1%, down from 5.6% for Nimbus-IV': a change from another system's figure is a comparison,
    so the end figure is the subject's own, not a figure after a change of configuration."""
    starts = [c for c in claims if c.role == "from"]
    out = []
    for c in claims:
        if c.role == "to" and starts and all(s.subject and not _same_name(s.subject, c.subject) for s in starts):
            c = replace(c, setting=c.setting - {"condition:after a stated change"})
        out.append(c)
    return out


def _same_name(a: str, b: str) -> bool:
    if not a or not b:
        return False
    a, b = a.casefold().strip(), b.casefold().strip()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ") or a.startswith(b + "-") or b.startswith(a + "-")


def _ratio_metric(text: str, q: Quantity, clause: tuple[int, int], cues, times: bool = False) -> str:
    """What a ratio compares: speed (faster, speedup), size (smaller), cost (cheaper), a noun
    ('less memory', 'the throughput of'), or a plain multiple ('twice the 1.5 million hours',
    'compresses the cache 8×'); speedups keep their scope (end-to-end, attention)."""
    after = text[q.end:min(clause[1], q.end + 40)]
    for pattern, what in _RATIO_WORDS:
        m = pattern.match(after)
        if m:
            if what == "noun":
                return m.group("noun").lower()
            if what != "speedup":
                return what
            return _speedup_scope(cues, clause[0], clause[1], text, q.start, q.end)
    speed = [c for c in cues if c[0] == "SPEEDUP" and clause[0] <= c[1] < clause[1] and abs(c[1] - q.end) < 40
             and text[c[1]:c[2]].lower() not in ("reduction", "reductions", "cut", "cuts", "lower", "less", "fewer",
                                                  "smaller", "saving", "savings", "shorter")]
    scoped = any(c[0] in ("SCOPE_E2E", "SCOPE_PART") and abs(c[1] - q.end) < 30 for c in cues)
    near = text[max(clause[0], q.start - 30):min(clause[1], q.end + 30)]
    if speed or scoped and times or re.search(r"\b(?:speed|faster|latency|throughput)", near, re.I):
        return _speedup_scope(cues, clause[0], clause[1], text, q.start, q.end)
    return "ratio"


def _speedup_scope(cues, clause_start: int, clause_end: int, text: str, q_start: int, q_end: int) -> str:
    scopes = [c for c in cues if c[0] in ("SCOPE_E2E", "SCOPE_PART") and clause_start <= c[1] < clause_end]
    if not scopes:
        return "speedup"
    nearest = min(scopes, key=lambda c: min(abs(c[1] - q_end), abs(q_start - c[2])))
    # "attention kernel": in a compound of scope words the first one names the scope
    for other in scopes:
        if other[0] == nearest[0] == "SCOPE_PART" and 0 <= nearest[1] - other[2] <= 1:
            nearest = other
    if nearest[0] == "SCOPE_E2E":
        return "speedup:end-to-end"
    return "speedup:" + _scope_word(text[nearest[1]:nearest[2]])


def _scope_word(word: str) -> str:
    """attention-only, attention-layer -> attention; converges -> convergence."""
    word = re.sub(r"-(?:only|layer|level)$", "", word.lower())
    return "convergence" if word.startswith("converge") else word


@lru_cache(maxsize=1)
def _change_after() -> re.Pattern:
    """A noun of change or a comparative right after a figure ('a 12% improvement', '3 points
    higher', '0.4 shy of'): patterns/frames.json's change_nouns and change_comparatives."""
    frames = load_json("frames.json")
    return re.compile(r"\s*\)?\s*(?:relative\s+|absolute\s+|overall\s+)?(?:(?:[a-z]+[ -])?"
                      + phrase_alternation(frames["change_nouns"]) + "|"
                      + phrase_alternation(frames["change_comparatives"]) + r")\b", re.I)


@lru_cache(maxsize=1)
def _change_before() -> re.Pattern:
    """What leads the size of a change right before it: 'by', 'a gain of', 'up', 'down', or a
    verb of change ('falls 70%, from 98 GB/s to 39 GB/s'): change_nouns and change_verbs."""
    frames = load_json("frames.json")
    return re.compile(r"(?:\bby|\b" + phrase_alternation(frames["change_nouns"]) + r"\s+of|\bup|\bdown|\b"
                      + phrase_alternation(frames["change_verbs"])
                      + r")\s*(?:about\s+|~|nearly\s+|almost\s+|roughly\s+)?$", re.I)


def _describes_change(text: str, q: Quantity, floor: int) -> bool:
    """'a 12% improvement', 'by 30%', '(+15%)', 'down 30%': the figure is the size of a change."""
    after = text[q.end:q.end + 40]
    before = text[max(floor, q.start - 20):q.start]
    if _change_after().match(after):
        return True
    return q.signed or _change_before().search(before) is not None


_SHARED_UNIT = re.compile(r"\s*(?:\([^()]{0,20}\)\s*)?(?:to|→|->|vs\.?|versus|and|or)\s*$", re.I)


def _share_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'from 1,850 to 2,780 tokens/s', '(14.2 vs 41.0 ms)': a unit written once holds for both figures."""
    out = list(quantities)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.dimension == "plain" and b.dimension not in ("plain", "count", "fraction") and not a.word \
                and _SHARED_UNIT.match(text[a.end:b.start]) and b.start - a.end < 30:
            out[k] = replace(a, unit=b.unit, dimension=b.dimension, scale=b.scale, value=a.value * b.scale)
        elif a.dimension == "count" and not a.unit and b.dimension == "rate" and not a.word \
                and _SHARED_UNIT.match(text[a.end:b.start]) and b.start - a.end < 30:
            # "from 412K to 361K tokens/s": the scale is the first figure's own, the unit the pair's
            out[k] = replace(a, unit=b.unit, dimension=b.dimension)
    return out


# settings whose numbers are configuration, not results: "8× H100", "ImageNet 256", "4-step", "5-shot"
_CONFIGURATION_TYPES = frozenset({"gpus", "resolution", "steps", "shots", "batch", "context", "temperature",
                                  "pass@k", "precision", "pressure level", "point"})


class _Spans:
    """A sentence's setting spans, (start, end, kind), found by where they start: a figure is
    compared only with the spans that start near enough before it to hold it, so a sentence of
    thousands of figures and settings is read in time proportional to its length."""

    _LONG = 200  # spans longer than this are few, and are compared with every figure

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        short = sorted((s for s in spans if s[1] - s[0] <= self._LONG), key=lambda s: s[0])
        self.short, self.starts = short, [s[0] for s in short]
        self.long = [s for s in spans if s[1] - s[0] > self._LONG]

    def around(self, q: Quantity) -> list[tuple[int, int, str]]:
        """The spans that start at most `_LONG` characters before the figure and not after it."""
        low, high = bisect_left(self.starts, q.start - self._LONG - 1), bisect_right(self.starts, q.start)
        found = self.short[low:high] + self.long
        return sorted(found, key=lambda s: s[0]) if self.long else found


def _setting_span(spans: _Spans, q: Quantity) -> str:
    """The type of a configuration setting that holds the whole figure, if any (the first such
    span in the sentence)."""
    for start, end, kind in spans.around(q):
        if kind in _CONFIGURATION_TYPES and start <= q.start and q.end <= end + 1:
            return kind
    return ""


def _inside_hardware(spans: _Spans, q: Quantity) -> bool:
    """Whether the figure is digits of a named device ('RTX 4090', 'MI300X')."""
    return any(kind == "hardware" and start <= q.start and q.end <= end for start, end, kind in spans.around(q))


def _heading_dataset(vocabulary: Vocabulary, title: str) -> str:
    for name, key in ((n, vocabulary.names[n]) for n in re.findall(r"[\w.+-]+", title.lower()) if n in vocabulary.names):
        if vocabulary.is_benchmark(key):
            return key
    return ""


def _is_value_cell(cell_text: str, quantities: list[Quantity]) -> bool:
    """A cell that is a figure (with markup, a unit, a ± or a mark), not a phrase to read
    ('71.4 mAP', '1.5x faster' and '7B parameters' say what they are: they are read as prose)."""
    rest = cell_text
    for q in quantities:
        rest = rest.replace(q.text, " ")
    rest = re.sub(r"\*\*|__|[*_`†‡§¶]|<[^>]+>|±\s?[\d.]+|[()\[\]%×x~≈]", " ", rest)
    return not re.search(r"[A-Za-z]{2,}", rest)


def _rescan_cells(document: Document, text: str, quantities: list[Quantity], skipped: list[Skipped]):
    """Cells are read on their own, so '89.30 − 93.30' across two cells is never a range."""
    if not document.cells:
        return quantities, skipped
    starts = document._cell_starts
    cell_of = document.cell_at
    crossing = set()
    # a span that runs past its cell's end is read again cell by cell, with every cell it
    # swallowed: a quantity ("41.7 - 52.5" across two cells), or a non-number such as a URL that
    # a delimited file's commas do not end ('https://x.org/a.pdf,0.157,0.2549')
    for span in [*quantities, *skipped]:
        start_cell = cell_of(span.start)
        if start_cell is not None and span.end > start_cell.end:
            crossing.add(id(start_cell))
            index = bisect_right(starts, span.start)
            while index < len(document.cells) and document.cells[index].start < span.end:
                crossing.add(id(document.cells[index]))
                index += 1
    if not crossing:
        return quantities, skipped
    keep_q = [q for q in quantities if not ((c := cell_of(q.start)) is not None and id(c) in crossing)]
    keep_s = [s for s in skipped if not ((c := cell_of(s.start)) is not None and id(c) in crossing)]
    for cell in document.cells:
        if id(cell) not in crossing:
            continue
        found, missed = scan(text[cell.start:cell.end])
        keep_q += [replace(q, start=q.start + cell.start, end=q.end + cell.start) for q in found]
        keep_s += [Skipped(s.start + cell.start, s.end + cell.start, s.text, s.reason) for s in missed]
    keep_q.sort(key=lambda q: q.start)
    keep_s.sort(key=lambda s: s.start)
    return keep_q, keep_s


def _counts_among_figures(document: Document, text: str, quantities: list[Quantity], skipped: list[Skipped]):
    """A cell that holds nothing but a number shaped like a year ('1987') is a figure when its
    column holds figures that are not years ('191', '79.4'): a latency or a count among its peers,
    not a date. A column of years alone stays a column of years."""
    years = [s for s in skipped if s.reason == "year"]
    if not years or not document.cells:
        return quantities, skipped
    cell_of = document.cell_at
    figure_columns = set()
    for q in quantities:
        cell = cell_of(q.start)
        if cell is not None and not cell.label and not YEAR_SHAPED.fullmatch(q.text.strip()):
            figure_columns.add((cell.table, cell.column))
    turned, read = set(), []
    for s in years:
        cell = cell_of(s.start)
        if (cell is not None and (cell.table, cell.column) in figure_columns
                and _plain_cell(cell.text) == s.text):
            turned.add(id(s))
            found, _ = scan(text[cell.start:cell.end], years=False)
            read += [replace(q, start=q.start + cell.start, end=q.end + cell.start) for q in found if q.text == s.text]
    if not turned:
        return quantities, skipped
    return sorted(quantities + read, key=lambda q: q.start), [s for s in skipped if id(s) not in turned]


def _plain_cell(text: str) -> str:
    """A cell's text without markup and the spaces around it."""
    return re.sub(r"\*\*|__|<[^<>]{0,40}>|[*_`]", "", text).strip()


def _setting_scope(text: str, quantities: list[Quantity], q: Quantity, clause_start: int, clause_end: int,
                   setting_figures: set[int] = frozenset(), starts: list[int] | None = None
                   ) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """Where a figure's setting is named, as (lead, own) spans: the clause's lead-in before its
    first figure ("On NAVSIM v2, ...") when figures come before this one, and the stretch between
    the figures either side of it ("... and 81.9 on GSM8K 5-shot"). Numbers that only state a
    setting ("temperature 0.6") are part of the words, not figures (`setting_figures`: their ids)."""
    if starts is None:
        quantities = sorted(quantities, key=lambda x: x.start)
        starts = [x.start for x in quantities]
    # only the clause's figures, and of those the first and the nearest either side, are looked
    # at: a PDF table run into one clause holds hundreds of figures
    lo, hi = bisect_left(starts, clause_start), bisect_left(starts, clause_end)

    def anchor(x: Quantity) -> bool:
        return not _COMPOUND.match(text, x.end) and (x is q or id(x) not in setting_figures)

    first = next((quantities[k] for k in range(lo, hi) if anchor(quantities[k])), None)
    if first is None:
        return None, (clause_start, clause_end)
    split = max(lo, min(hi, bisect_left(starts, q.start)))
    previous = next((quantities[k] for k in range(split - 1, lo - 1, -1)
                     if quantities[k].end <= q.start and anchor(quantities[k])), None)
    following = next((quantities[k] for k in range(max(split, bisect_left(starts, q.end)), hi)
                      if anchor(quantities[k])), None)
    before = [previous] if previous else []
    after = [following] if following else []
    left = before[-1].end if before else clause_start
    right = after[0].start if after else clause_end
    if before:  # words after the previous figure, up to "and" or a comma, are that figure's
        cut = list(_SEPARATOR.finditer(text, left, q.start))
        left = cut[-1].end() if cut else left
    if after:
        cut = _SEPARATOR.search(text, q.end, right)
        right = cut.start() if cut else right
    return ((clause_start, first.start) if before else None), (left, right)


def _reach(separators: list[tuple[int, int]], q: Quantity, clause: tuple[int, int]) -> tuple[int, int]:
    """The stretch of a clause a figure's comparison words belong to: from after the previous
    figure's ', and' to the next ', and' (or the clause's ends). `separators`: the sentence's
    `_ITEM_SEPARATOR` spans, in order."""
    left, right = clause
    before = bisect_right(separators, (q.start, -1)) - 1
    while before >= 0 and separators[before][1] > q.start:
        before -= 1
    if before >= 0 and separators[before][0] >= clause[0]:
        left = separators[before][1]
    after = bisect_left(separators, (q.end, -1))
    if after < len(separators) and separators[after][1] <= clause[1]:
        right = separators[after][0]
    return left, right


_ITEM_SEPARATOR = re.compile(r",\s+(?:and|while|but|whereas)\s+|\s+while\s+|\s+whereas\s+|;", re.I)


def _colon_label(text: str, metrics: list[Mention]) -> tuple[int, str, str] | None:
    """(where its colon is, metric id, as written) for a metric that labels what follows its
    colon: '- FID-50K (lower is better): A 2.31 vs B 2.19'."""
    for m in metrics:
        after = _LABEL_COLON.match(text, m.end)
        if after:
            return after.end(), m.key, text[m.start:m.end]
    return None


_BARE_AFTER = re.compile(r"\s*(?:[,;)\]]|vs\b|versus\b|and\b|or\b|→|->|\(|\.(?!\d)|$)", re.I)
_LABEL_COLON = re.compile(r"[\w-]*\s*(?:\([^()]{0,40}\))?\s*:\s")


def _inside_mentions(quantities: list[Quantity], mentions: list[Mention]) -> set[int]:
    """Ids of the figures that are part of a name ("AlpacaEval 2.0", "MATH-500")."""
    ordered = sorted(quantities, key=lambda x: x.start)
    starts = [x.start for x in ordered]
    return {id(x) for m in mentions for x in ordered[bisect_left(starts, m.start):bisect_right(starts, m.end)]
            if x.end <= m.end}


def _stretch(text: str, quantities: list[Quantity], q: Quantity, clause_start: int, clause_end: int,
             starts: list[int] | None = None) -> tuple[int, int]:
    """The part of a clause that is a figure's own: from the previous separator before it (or the
    clause start) to the next figure or separator after it. `starts`: the sorted starts of
    `quantities`, when they are sorted (only the neighbours either side are looked at)."""
    if starts is None:
        quantities = sorted(quantities, key=lambda x: x.start)
        starts = [x.start for x in quantities]
    left = clause_start
    index = bisect_left(starts, q.start)
    for k in range(index - 1, bisect_left(starts, clause_start) - 1, -1):
        if quantities[k].end <= q.start:
            left = quantities[k].end
            break
    cut = list(_SEPARATOR.finditer(text, left, q.start))
    left = cut[-1].end() if cut and left != clause_start else left
    following = bisect_left(starts, q.end)
    right = min(starts[following], clause_end) if following < len(starts) else clause_end
    cut = _SEPARATOR.search(text, q.end, right)
    return left, (cut.start() if cut else right)


_SEPARATOR = re.compile(r",|;|\band\b|\bbut\b|\bwhile\b|\bwhereas\b|\bversus\b|\bvs\.?|\bcompared\b|\bagainst\b")
_COMPOUND = re.compile(r"-[a-z]")  # "5-shot", "2-step": part of a setting, not a figure of its own
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_ITEM_START = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)]|\d{1,2}/\d{0,2})[ \t]")
# a sentence opens with a capital, a digit, or a name in camel case ('iLLaDA', 'vLLM', 'mT5')
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”)*_]*\s+(?=[\"'“(*_]*(?:[A-Z0-9]|[a-z]{1,3}[A-Z]))")
# ('where' opens a clause of its own when a figure stands before it: 'A scores 68.6 where B gets 28.1')
_SUB_CLAUSE = re.compile(r",\s+(?:while|whereas|where|but|and|though|although|yet)\s+|;\s+|:\s+|\s+while\s+|\s+whereas\s+|"
                         r"(?<=\d)(?:\s*[%×x])?\s+where\s+", re.I)


def _sub_clause(ends: list[int], start: int, end: int) -> int:
    """Where the clause holding `end` starts after 'while', 'whereas', ', and' (else `start`);
    `ends`: where the sentence's clause separators (`_SUB_CLAUSE`) end, in order."""
    index = bisect_right(ends, end) - 1
    return ends[index] if index >= 0 and ends[index] > start else start


@lru_cache(maxsize=1)
def _abbreviation_re() -> re.Pattern:
    words = load_json("abbreviations.json")["abbreviations"]
    # case matters: "Ms." is a title, "120 ms." ends a sentence
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in words) + r")$")


def _units(document: Document, text: str) -> list[tuple[int, int]]:
    """Sentences of prose, and each table cell as its own unit, in order.

    A sentence may wrap over lines (Markdown paragraphs, PDF columns); a line break ends one
    only before a list item, table row, heading, quote or post, after a blank line, or after a
    short line with no closing punctuation that reads as a title ('What it does'). A line a
    program printed in a code block is a unit of its own: a record, not wrapped prose."""
    units: list[tuple[int, int]] = []
    cell_lines = {document.locate(cell.start).line for cell in document.cells}
    abbreviation = _abbreviation_re()
    line_starts = document.line_starts
    paged = bool(document.page_starts)
    blocks: list[tuple[int, int]] = []  # runs of lines that may hold one sentence across breaks
    block_start = None
    previous_end = None
    previous_printed = False
    for number, line_start in enumerate(line_starts, 1):
        line_end = line_starts[number] - 1 if number < len(line_starts) else len(text)
        line = text[line_start:line_end]
        printed = bool(document.printed) and document.in_printed(line_start)
        breaks_here = (number in cell_lines or not line.strip() or _BLOCK_START.match(line) is not None
                       or document.page_starts and line_start in document.page_starts
                       or printed or previous_printed)
        previous_printed = printed
        if block_start is not None and not breaks_here and previous_end is not None:
            before = text[block_start:previous_end].rstrip()
            last_line = text[text.rfind("\n", 0, previous_end) + 1:previous_end].strip()
            title_like = (not paged and len(last_line) < 60 and not re.search(r"[.!?:;,\-–—(]$", last_line)
                          and line.lstrip()[:1].isupper())
            if title_like or before.endswith(("|",)):
                breaks_here = True
        if breaks_here:
            if block_start is not None:
                blocks.append((block_start, previous_end))
            block_start = None if (number in cell_lines or not line.strip()) else line_start
        elif block_start is None:
            block_start = line_start
        previous_end = line_end
    if block_start is not None:
        blocks.append((block_start, previous_end))
    for start, end in blocks:
        sentence_start = start
        for m in _SENTENCE_END.finditer(text, start, end):
            if abbreviation.search(text[max(sentence_start, m.start() - 12):m.start()]):
                continue
            units += _at_most_a_sentence(text, sentence_start, m.start())
            sentence_start = m.end()
        if sentence_start < end:
            units += _at_most_a_sentence(text, sentence_start, end)
    units.extend((c.start, c.end) for c in document.cells)
    units.sort()
    return units


# no sentence runs longer: a longer run without a sentence's end is lines of a list or a log
# pasted without marks, cut at line breaks (each figure is read against its sentence's words, so
# one sentence of thousands of lines would be read in quadratic time)
LONGEST_SENTENCE = 2000


def _at_most_a_sentence(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence start..end, cut at line breaks into pieces of at most LONGEST_SENTENCE
    characters where it is longer (a piece holds at least one line, however long)."""
    if end - start <= LONGEST_SENTENCE:
        return [(start, end)]
    out = []
    piece = start
    last_break = -1
    newline = text.find("\n", start, end)
    while newline >= 0:
        if newline - piece > LONGEST_SENTENCE and last_break > piece:
            out.append((piece, last_break))
            piece = last_break + 1
        last_break = newline
        newline = text.find("\n", newline + 1, end)
    if end - piece > LONGEST_SENTENCE and last_break > piece:
        out.append((piece, last_break))
        piece = last_break + 1
    out.append((piece, end))
    return out


# a line that starts a new unit whatever came before: a list item, table row, heading, quote, post
# a line opening with a symbol of its own ('📌 Paper: ...', '✅ ...', '→ ...') is an item too
_BLOCK_START = re.compile(r"[ \t]*(?:[-*+•]\s|\d{1,2}[.)]\s|\d{1,2}/\d{0,2}\s|#{1,6}\s|\||>|```|~~~|<|\*\*[A-Z]"
                          r"|[^\w\s\"'“‘(\[{$€£¥~+\-−*.,;:!?%/\\=&@#^`])")


def _clause(text: str, start: int, end: int, q: Quantity) -> tuple[int, int]:
    """The part of a sentence between semicolons around a quantity."""
    left = text.rfind(";", start, q.start)
    right = text.find(";", q.end, end)
    return (left + 1 if left >= 0 else start, right if right >= 0 else end)


def _in_heading(document: Document, offset: int) -> bool:
    index = bisect_right(document.headings, (offset, float("inf"))) - 1
    return index >= 0 and document.headings[index][0] <= offset < document.headings[index][1]


# the opponent named right after a figure and its measure: '99% win-rate vs LightGBM', '58% against GPT-4'
_PAIRWISE_AFTER = re.compile(r"\s*(?:[A-Za-z][\w-]*\s+){0,2}?(?:vs\.?|versus|against)\s+", re.I)


def _change_role(before: str, after: str) -> str:
    """'from' or 'to' when a figure is an end of a stated change, else ''."""
    # "4.1%, down from 5.6%", "2.1 GPU-hours per run, down 30% from 3.4": the end first
    if re.match(r"[^.;:()]{0,40}?,\s*(?:down|up)\s+(?:(?:by\s+)?[~\d.,]+\s?(?:%|percent|points?|pts?|pp)?\s+)?from\s", after, re.I):
        return "to"
    if re.search(r"\b(?:up|down|rising|falling|rose|fell|increased|decreased|improved|dropped|grew|climbed|shrank)"
                 r"(?:\s+(?:by\s+)?[~\d.,]+\s?(?:%|percent|points?|pts?|pp)?)?\s+from\s+(?:about\s+|~)?(?:US\$|[$€£])?$", before, re.I) \
            and not re.match(r"\s*(?:\([^()]{0,20}\)\s*)?(?:to|→|->)\s", after):
        return "from"
    if re.search(r"\bfrom\s+(?:about\s+|~)?$", before, re.I) and re.match(
            r"\s*(?:\([^()]{0,20}\)\s*)?(?:(?:[A-Za-z][\w-]*|\d{1,4})\s+){0,4}?(?:to|→|->)\s", after):
        return "from"  # "from 700M tokens in January to 2.1B in March", "from 476 QPS at batch 1 to 1,970"
    if re.search(r"\bfrom\s+\S+(?:\s+\S+)?\s+(?:\([^()]{0,20}\)\s+)?to\s+(?:about\s+|~)?$", before, re.I) or (
            re.search(r"(?:\bto|→|->)\s+(?:about\s+|~)?$", before) and re.search(r"\bfrom\s", before)):
        return "to"
    # "from the v1.5 7B (MM-Vet 31.1) to LLaVA-1.6 (43.9)": each end in parentheses after its name
    if re.search(r"\bfrom\s+[^,;()]{1,40}\((?:[A-Za-z][\w@.-]*\s+)?$", before, re.I) and \
            re.match(r"[^()\s]{0,8}\)\s+(?:to|→|->)\s", after):
        return "from"
    if re.search(r"\bfrom\s+[^,;()]{1,40}\([^()]{1,30}\)\s+(?:to|→|->)\s+[^,;()]{1,40}\((?:[A-Za-z][\w@.-]*\s+)?$",
                 before, re.I) and re.match(r"[^()\s]{0,8}\)", after):
        return "to"
    # "grew to 1.9 s from 1.2 s": the end first, then the start
    if re.search(r"\bto\s+(?:about\s+|~)?$", before, re.I) and re.match(r"\s*(?:[a-z]+\s+)?from\s", after, re.I):
        return "to"
    if re.search(r"\bto\s+\S+(?:\s+\S+)?\s+from\s+(?:about\s+|~)?$", before, re.I):
        return "from"
    # "87.6 → 87.3"
    if re.match(r"\s*(?:→|->)\s*[\d$]", after):
        return "from"
    # "rises 1.4 points (3.9 to 5.3)": a parenthesis of two figures after a change gives its ends
    if re.search(r"\(\s*(?:from\s+)?$", before) and re.match(r"[^\s()]{0,12}\s+to\s+[~$]?\d[\d.,]*[^\s()]{0,12}\s*\)", after):
        return "from"
    if re.search(r"\(\s*(?:from\s+)?[~$]?\d[\d.,]*[^\s()]{0,12}\s+to\s+$", before) and re.match(r"[^\s()]{0,12}\s*\)", after):
        return "to"
    if re.search(r"\d[\d.,]*\s*[A-Za-z%/]*\s*(?:→|->)\s*$", before):
        return "to"
    return ""


# "With a single request in flight, its latency drops to 14.8 ms": under a condition the clause
# opens with, a figure a change moves to is the state after that change
_LEADING_CONDITION = re.compile(r"[ \t>*•-]*(?:with|under|when|if|at|using|without)\b[^,;.]{3,80},", re.I)
_MOVES_TO = re.compile(r"\b(?:drops?|dropped|falls?|fell|rises?|rose|climbs?|climbed|jumps?|jumped|grows?|grew|"
                       r"shrinks?|shrank|improves?|improved|increases?|increased|decreases?|decreased|goes|went|"
                       r"reduces?|reduced|cuts?)\s+(?:it\s+)?to\s+(?:about\s+|~|only\s+|just\s+)?$", re.I)


@lru_cache(maxsize=1)
def default_extractor() -> ClaimExtractor:
    return ClaimExtractor()


def extract_claims(document: Document, learned: bool = True) -> list[Claim]:
    """Claims of one document with the default patterns (and the learned reader, unless not `learned`)."""
    return default_extractor().extract(document, learned=learned)


def read_numbers(document: Document, learned: bool = True) -> Extraction:
    """Claims and every other number of one document, each with its status and reason."""
    return default_extractor().read(document, learned=learned)
