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

import re
from dataclasses import dataclass, field

from ..model import Claim, Document, TableCell
from .context import heading_chain, heading_levels, intro_before
from .vocabulary import settings_found

FIELDS = ("subject", "metric", "dataset", "baseline")
NULL = ""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.+/-]*[A-Za-z0-9+]|[A-Za-z]|\d[\d.,]*|[^\w\s]")
_NAME_SPAN = re.compile(
    r"(?<![\w-])(?:[A-Z][\w.+/-]*|[a-z]+[A-Z][\w.+/-]*|[a-z][\w.+-]*\d[\w.+/-]*)"
    r"(?:[ -](?:[A-Z][\w.+/-]*|\d[\w.+/-]*(?:[BMK]|x\d+)?\b|v\d[\w.]*|[a-z]+\d[\w.]*))*")
_MARKUP = re.compile(r"\*\*|__|<[^<>]{0,200}>|`|\[(?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]|(?<!\w)[*_]|[*_](?!\w)|[†‡§¶]")
_OURS = re.compile(r"\s*[(\[]\s*(?:ours|proposed)\s*[)\]]\s*$", re.I)
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_STOP = frozenset("the a an this that these those it its our their we they in on at for with by from to of and "
                  "or but as if when while after before than over vs versus per via is are was were be been has "
                  "have had can could will would up down".split())
# a column of conditions rather than results: GPUs, batch, threads, context, shots, bits ...
_CONFIG_HEADER = re.compile(r"(?i)^#|\bnumber\s+of\b|\b(?:gpus?|batch|bsz|threads?|cores?|nodes?|workers?|clients?|"
                            r"shots?|context|length|resolution|steps?|bits?|words?/doc|seq(?:uence)?|concurrency|"
                            r"requests?|users?|group\s+size)\b")
_METRIC_WORD = re.compile(r"(?i)\b(?:score|accuracy|acc|rate|latency|time|error|throughput|memory|size|params|"
                          r"parameters|speedup|speed|cost|price|f1|loss|perplexity|recall|precision|bleu|rouge|"
                          r"em|pass@\d+|win|ratio|reward|usage|flops|performance|elo|wer|cer|ap|map|auc|ndcg)\b")
# a metric word with up to two words before it ('prefill GPU time', 'average win'), for proposals
_METRIC_PHRASE = re.compile(r"(?i)(?:\b[a-z][\w-]*\s+){0,2}\b(?:score|accuracy|acc|rate|latency|time|error|throughput|"
                            r"memory|size|params|parameters|speedup|speed|cost|price|f1|loss|perplexity|recall|"
                            r"precision|bleu|rouge|em|win|ratio|reward|usage|flops|performance|elo|wer|cer|ap|map|auc|"
                            r"ndcg|miou|iou|similarity|correlation|pass|qps|tps|bandwidth|utili[sz]ation)\b")


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


_PASS_AT = re.compile(r"(?i)\bpass[@^]\d+\b|\b(?:ndcg|recall|precision|map|hit|mrr|acc)@\d+\b")
_PARENTHESIS = re.compile(r"\(([^()]{1,40})\)")
_COMPARE_BEFORE = re.compile(r"\b(?:than|over|vs\.?|versus|against|compared\s+(?:to|with)|relative\s+to|ahead\s+of|"
                             r"behind|beats?|beating|outperforms?|surpass(?:es)?|from)\s+(?:the\s+)?$", re.I)


def clean(text: str) -> str:
    """A name or header as a reader would quote it: no markup, links, citation marks or '(ours)'."""
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub(" ", text)
    text = _OURS.sub("", text)
    return " ".join(text.split()).strip(" :;,.-–—|")


def key_of(text: str) -> str:
    """The form candidates are merged by: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8+"


def shape(text: str) -> str:
    out = re.sub(r"[A-Za-z]+", "a", re.sub(r"\d+", "d", text))
    return out[:8]


@dataclass
class Candidate:
    """One answer a field could take, with what supports it."""

    text: str
    features: set[str] = field(default_factory=set)
    value: str = ""  # the form a Claim carries (a lexicon id, a typed setting); `text` when empty

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

    def __init__(self, reading, units: list[tuple[int, int]], typer=None) -> None:
        self.typer = typer  # what a name looks like: a metric, a benchmark, a system, a setting
        self._types: dict[str, list[str]] = {}
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
        self._frequent = self._frequent_names()
        self._document_settings = self._settings_of_document()

    # -- the document around a number ----------------------------------------------------------

    def heading_chain(self, offset: int, limit: int = 4) -> list[str]:
        return heading_chain(self._headings, self._heading_starts, offset, limit)

    def intro_before(self, position: int) -> str:
        return intro_before(self.text, position)

    def _frequent_names(self) -> list[tuple[str, int]]:
        """Name-like words the document's prose and headings use most (its own method, its benchmark)."""
        from collections import Counter
        counts: Counter = Counter()
        for m in _NAME_SPAN.finditer(self.text[:200_000]):
            phrase = m.group(0).rstrip(".-/")
            words = phrase.split()
            if len(phrase) > 2 and (self.v.is_name_like(phrase) or 1 < len(words) <= 3):
                counts[phrase] += 1
            for word in words if len(words) > 1 else ():
                if len(word) > 2 and self.v.is_name_like(word):
                    counts[word] += 1
        return [(name, n) for name, n in counts.most_common(5) if n >= 3]

    def _settings_of_document(self) -> list[tuple[str, str, int]]:
        """(setting, as written, how often) for hardware, precision and shots named in the document."""
        from collections import Counter
        counts, written = Counter(), {}
        for s, e, kind, setting in settings_found(self.text[:200_000]):
            if kind in ("hardware", "precision", "shots"):
                counts[setting] += 1
                written.setdefault(setting, self.text[s:e])
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
        reason = re.sub(r"\s*\(.*$", "", site.reason)[:40]
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
        digits = re.sub(r"[^\d.]", "", site.text)
        f.append(f"shape={shape(site.text)}")
        f.append("decimal" if "." in digits else "integer")
        if "." not in digits and digits:
            n = len(digits.replace(".", ""))
            f.append(f"ndigits={min(n, 6)}")
            if _YEARLIKE.fullmatch(digits):
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
            numbers = len(re.findall(r"\d+(?:[.,]\d+)*", self.text[site.unit[0]:site.unit[1]]))
            f.append(f"nums={bucket(numbers)}")
            sentence = self.text[site.unit[0]:site.unit[1]].lower()
            for cue in ("faster", "slower", "speedup", "improv", "outperform", "than", "from", "reduc",
                        "achiev", "score", "accuracy", "latency", "throughput", "memory", "param", "token",
                        "trained", "batch", "learning rate", "step", "epoch", "layer", "version", "release",
                        "cost", "gpu", "hour", "%", "×", "vs"):
                if cue in sentence:
                    f.append(f"cue={cue}")
        return f

    def _cell_features(self, site: Site) -> list[str]:
        cell = site.cell
        f = [f"col={bucket(cell.column)}", f"row={bucket(cell.row)}"]
        if cell.label:
            f.append("label_cell")
        plain = clean(cell.text)
        if re.fullmatch(r"[~≈<>≤≥+\-−±$€£]?[\d.,]+\s?[%×xKMBT]?", plain):
            f.append("bare_cell")
        elif re.search(r"[A-Za-z]{3,}", plain):
            f.append("wordy_cell")
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
        if not cell.row_header:
            f.append("no_row_header")
        return f

    # -- candidates for the frame of a claim ----------------------------------------------------

    def candidates(self, site: Site) -> dict[str, list[Candidate]]:
        """Every field's candidates, merged by their key; the null answer is always one."""
        out: dict[str, dict[str, Candidate]] = {name: {} for name in FIELDS}
        claim = site.claim
        context = f"ctx={site.where}"

        def add(name: str, text: str, *features: str, value: str = "") -> None:
            text = clean(text)
            if not text or len(text) > 80 or not re.search(r"[A-Za-z]", text):
                return
            k = key_of(text)
            candidate = out[name].get(k)
            if candidate is None:
                candidate = out[name][k] = Candidate(text, value=value)
            elif value and not candidate.value:
                candidate.value = value
            for feature in features:
                candidate.features.add(feature)
                candidate.features.add(f"{feature}&{context}")

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
            if claim.baseline:
                add("baseline", claim.baseline, "src=rule")
            dimension = claim.quantity.dimension
            default = {"time": "latency", "rate": "throughput", "memory": "memory", "ratio": "speedup",
                       "money": "cost"}.get(dimension)
            if default:
                add("metric", default, "src=unit", f"unit_dim={dimension}", value=default)
        if site.cell is not None:
            self._cell_candidates(site, add)
            if re.search(r"[A-Za-z]{3,}[^|]*[A-Za-z]{3,}", clean(site.cell.text)):
                self._prose_candidates(site, add)  # a cell that holds prose ('COCO, mAP: +14.0%')
        else:
            self._prose_candidates(site, add)
        section = self.document.section_at(site.start)
        if section is not None and section.subject:
            add("subject", section.subject, "src=section")
        if self.method:
            add("subject", self.method, "src=doc_method")
        if self.title:
            add("subject", self.title, "src=title")
        result = {}
        for name, found in out.items():
            candidates = list(found.values())
            for candidate in candidates:
                candidate.features.add("bias")
                candidate.features.add(f"n={bucket(len(candidates))}")
                if re.search(r"\d", candidate.text):
                    candidate.features.add("has_digit")
                words = len(candidate.text.split())
                candidate.features.add(f"words={bucket(words)}")
                lexicon = self.v.names.get(candidate.text.lower())
                if lexicon:
                    candidate.features.add("lex_benchmark" if self.v.is_benchmark(lexicon) else "lex_metric")
                if candidate.text in self.known:
                    candidate.features.add("known_name")
                if self.v.is_name_like(candidate.text):
                    candidate.features.add("name_like")
                if candidate.text[:1].isupper():
                    candidate.features.add("capital")
                if _METRIC_WORD.search(candidate.text):
                    candidate.features.add("metric_word")
                if settings_found(candidate.text):
                    candidate.features.add("has_setting")
                if candidate.text.isupper() and len(candidate.text) <= 8:
                    candidate.features.add("acronym")
                if re.search(r"\d(?:\.\d)?\s?[BMK]\b|\bv?\d+\.\d", candidate.text):
                    candidate.features.add("sized_or_versioned")

                for feature in self._type_features(candidate.text):
                    candidate.features.add(feature)
                    if context == "ctx=cell":
                        candidate.features.add(f"{feature}&cell")
                sources = sorted(x for x in candidate.features if x.startswith("src=") and "&" not in x)
                candidate.features.add(f"nsrc={bucket(len(sources))}")
                if len(sources) > 1:
                    candidate.features.add("srcs=" + "+".join(sources[:3]))
                types = [f for f in candidate.features if f.startswith(("type_top=", "type_" + name + "="))
                         and "&" not in f]
                for source in sources[:3]:
                    if claim is not None:
                        candidate.features.add(f"{source}&kind={claim.kind}")
                    for feature in types:
                        candidate.features.add(f"{source}&{feature}")
            null = Candidate(NULL, {"null", f"null&{context}", f"null&n={bucket(len(candidates))}"})
            if claim is not None:
                null.features.add(f"null&kind={claim.kind}")
                null.features.add(f"null&rule={'set' if getattr(claim, name, '') else 'empty'}")
            result[name] = candidates + [null]
        return result

    def _cell_candidates(self, site: Site, add) -> None:
        cell = site.cell
        tables = self.r.tables
        levels = len(cell.headers)
        layout = "layout=rows" if tables.subjects_in_rows(cell) else "layout=cols"
        _add = add

        def add(name, text, *features, value=""):  # every table candidate knows the table's layout
            axis = next((f for f in features if f.startswith("src=")), "src=?")
            _add(name, text, *features, layout, f"{axis}&{layout}", value=value)

        for depth, level in enumerate(cell.headers):
            from_top = f"lvl={depth}" if depth < 2 else "lvl=2+"
            last = "last_level" if depth == levels - 1 else "upper_level"
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
        for position, (name, value) in enumerate(cell.labels):
            if not value:
                continue
            role = self.v.label_role(name) or "-"
            column = f"labelcol={min(position, 2)}"
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
        if intro:
            for m in self._mentions_of(intro):
                add("metric" if m[0] == "METRIC" else "dataset", m[1], f"src=intro_{m[0].lower()}", value=m[2])
            named = tables.named_benchmark(intro)
            if named:
                add("dataset", named, "src=intro_named")

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
            named = tables.named_benchmark(title[:160])
            if named:
                add("dataset", named, f"src={level}_dataset")
            if len(title.split()) <= 4:
                add("dataset", title, f"src={level}_text")
                add("subject", title, f"src={level}_text")
        for rank, (name, count) in enumerate(self._frequent):
            add("subject", name, "src=frequent", f"frequent_rank={rank}")
            add("dataset", name, "src=frequent", f"frequent_rank={rank}")

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
        return [(m.label, phrase[m.start:m.end], m.key) for m in self.v.matches(doc, 0)]

    def _prose_candidates(self, site: Site, add) -> None:
        start, end = site.unit
        text = self.text
        mentions = self._mentions.get(start)
        if mentions is None:
            doc = self.v.nlp.make_doc(text[start:end])
            mentions = self.v.matches(doc, start)
        numbers = [m.start() + start for m in re.finditer(r"\d+(?:[.,]\d+)*", text[start:end])]

        def relation(a: int, b: int) -> list[str]:
            side = "before" if b <= site.start else "after" if a >= site.end else "inside"
            gap = text[b:site.start] if side == "before" else text[site.end:a] if side == "after" else ""
            words = len(_WORD.findall(gap))
            between = sum(1 for n in numbers if (b <= n < site.start) or (site.end <= n < a))
            out = [f"side={side}", f"dist={bucket(words)}", f"side={side}&dist={bucket(words)}",
                   f"between_nums={bucket(between)}"]
            if re.search(r"[;:]", gap):
                out.append("across_clause")
            if re.search(r"[(]", gap) and side == "before":
                out.append("paren_between")
            if side == "before" and re.search(r"\b(?:of|for|by)\s*$", text[max(start, site.start - 12):site.start]):
                out.append("number_after_of")
            lead = text[max(start, a - 24):a]
            if _COMPARE_BEFORE.search(lead):
                out.append("after_comparator")
            if re.search(r"\b(?:on|in|across)\s+(?:the\s+)?$", lead, re.I):
                out.append("after_on")
            if re.search(r"\b(?:with|using|at)\s+(?:the\s+)?$", lead, re.I):
                out.append("after_with")
            if re.match(r"\s*\(", text[b:b + 3]) and side == "before":
                out.append("paren_after_name")
            return out

        for m in _PASS_AT.finditer(text, start, end):
            add("metric", m.group(0), "src=passk", *relation(m.start(), m.end()))
        for m in mentions:
            name = "metric" if m.label == "METRIC" else "dataset" if m.label == "DATASET" else None
            if name is None:
                continue
            add(name, text[m.start:m.end], "src=mention", *relation(m.start, m.end), value=m.key)
        seen = set()
        sentence = text[start:end]
        for m in _NAME_SPAN.finditer(sentence):
            a, b = start + m.start(), start + m.end()
            if a <= site.start < b or a < site.end <= b:
                continue
            name = m.group(0).rstrip(".-/")
            if not name or name.lower() in _STOP or len(name) < 2 or name in seen:
                continue
            seen.add(name)
            features = ["src=name_span", *relation(a, a + len(name))]
            if a == start or re.fullmatch(r"[\s\W]*", text[start:a]):
                features.append("sentence_start")
            if name in self.known:
                features.append("src=known")
            add("subject", name, *features)
            add("baseline", name, *features)
            add("dataset", name, *features)
        for m in _METRIC_PHRASE.finditer(sentence):
            a, b = start + m.start(), start + m.end()
            for phrase in metric_phrases(m.group(0)):
                add("metric", phrase, "src=metric_word", *relation(a, b))
        # words right after the number: "71.2 accuracy", "45 ms latency", "3.2x speedup"
        after = re.match(r"\s*(?:[%×x]|ms|s|GB|MB|points?|pts?)?\s*((?:[a-z][a-z-]+\s?){1,2})", text[site.end:end])
        if after:
            phrase = after.group(1).strip()
            if phrase.split()[0] not in _STOP:
                add("metric", phrase, "src=next_words")
        line_start = text.rfind("\n", 0, site.start) + 1
        lead = self.r.attribution.lead(line_start)
        if lead:
            add("subject", lead, "src=lead")
        self._context_candidates(start, add)
        previous = self._previous_unit(start)
        if previous is not None:
            for m in self._mentions.get(previous, ()):
                name = "metric" if m.label == "METRIC" else "dataset" if m.label == "DATASET" else None
                if name:
                    add(name, text[m.start:m.end], "src=previous_sentence", value=m.key)

    def setting_candidates(self, site: Site) -> list[Candidate]:
        """Each condition named around the figure, as its own candidate to keep or leave: typed
        settings the lexicon finds (as written), the table's other labels and configuration
        cells, the caption, the headings above, and the hardware or shots the document names."""
        out: dict[str, Candidate] = {}
        context = f"ctx={site.where}"

        def add(text: str, setting: str, *features: str) -> None:
            text = clean(text)
            if not text or len(text) > 60:
                return
            kind = setting.partition(":")[0] if ":" in setting else "text"
            if kind == "task":
                return
            k = key_of(text)
            candidate = out.get(k)
            if candidate is None:
                candidate = out[k] = Candidate(text, value=setting if ":" in setting else f"setting:{text.lower()}")
            for feature in features + (f"type={kind}",):
                candidate.features.add(feature)
                candidate.features.add(f"{feature}&{context}")

        def add_found(text: str, offset: int, *features: str) -> None:
            for s, e, kind, setting in settings_found(text):
                add(text[s:e], setting, *features)

        claim = site.claim
        tables = self.r.tables
        if claim is not None:
            for setting in claim.setting:
                add(setting.partition(":")[2], setting, "src=rule")
        if site.cell is not None:
            cell = site.cell
            for depth, level in enumerate(cell.headers):
                add_found(level, 0, "src=header", f"lvl={min(depth, 2)}")
                header = tables.header(level)
                if not header.metric and not header.dataset:
                    last = "last_level" if depth == len(cell.headers) - 1 else "upper_level"
                    add(level, "", "src=header_text", f"lvl={min(depth, 2)}", last)
            subject = claim.subject if claim is not None else ""
            for position, (name, value) in enumerate(cell.labels):
                if value and clean(value) != subject:
                    add(value, "", "src=row_label", f"label_role={self.v.label_role(name) or '-'}")
                    add(f"{name} {value}", "", "src=row_label_named")
            for other in self._row_cells(cell):
                header = clean(other.headers[-1]) if other.headers else ""
                value = clean(other.text)
                if header and value and re.fullmatch(r"[\d.,]+[A-Za-z%]{0,3}", value) and _CONFIG_HEADER.search(header):
                    noun = re.sub(r"(?i)^(?:#|number\s+of|num\.?|no\.?\s+of)\s*", "", header)
                    add(f"{value} {noun}" if noun != header else f"{header} {value}", "", "src=row_config")
            if cell.caption:
                add_found(cell.caption, 0, "src=caption")
                add(cell.caption, "", "src=caption_text")
            table_start = self._table_starts.get(cell.table, cell.start)
            intro = self.intro_before(table_start)
            if intro:
                add_found(intro, 0, "src=intro")
            position = table_start
        else:
            start, end = site.unit
            for s, e, kind, setting in settings_found(self.text[start:end]):
                a, b = start + s, start + e
                side = "before" if b <= site.start else "after" if a >= site.end else "inside"
                gap = self.text[b:site.start] if side == "before" else self.text[site.end:a]
                between = len(re.findall(r"\d+(?:[.,]\d+)*", gap))
                add(self.text[a:b], setting, "src=sentence", f"side={side}", f"dist={bucket(len(_WORD.findall(gap)))}",
                    f"between_nums={bucket(between)}")
            position = start
        for depth, title in enumerate(self.heading_chain(position)):
            add_found(title, 0, f"src=heading{min(depth, 2)}")
            if len(title.split()) <= 5:
                add(title, "", f"src=heading{min(depth, 2)}_text")
        for setting, written, count in self._document_settings:
            add(written, setting, "src=document", f"doc_count={bucket(count)}")
        for candidate in out.values():
            candidate.features.add("bias")
            candidate.features.add(f"n={bucket(len(out))}")
            sources = sorted(x for x in candidate.features if x.startswith("src=") and "&" not in x)
            candidate.features.add(f"nsrc={bucket(len(sources))}")
        return list(out.values())

    def _row_cells(self, cell: TableCell) -> list[TableCell]:
        """The other cells of a cell's row."""
        from bisect import bisect_left, bisect_right
        line_start = self.text.rfind("\n", 0, cell.start) + 1
        line_end = self.text.find("\n", cell.end)
        line_end = len(self.text) if line_end < 0 else line_end
        starts = self.document._cell_starts
        cells = self.document.cells[bisect_left(starts, line_start):bisect_right(starts, line_end)]
        return [c for c in cells if c is not cell and c.table == cell.table and c.row == cell.row and not c.label]


def string_features(text: str) -> list[str]:
    """What the name typer sees of a string: its character 2- to 4-grams (lower case, with word
    boundaries), its words, its shape ('Aa-0A'), and its length in words."""
    lowered = " " + " ".join(text.lower().split()) + " "
    out = {f"c{lowered[i:i + n]}" for n in (2, 3, 4) for i in range(len(lowered) - n + 1)}
    out |= {f"w{w}" for w in re.findall(r"[a-z]+|\d+", text.lower())}
    out.add("shape" + re.sub(r"[A-Z]+", "A", re.sub(r"[a-z]+", "a", re.sub(r"\d+", "0", text)))[:10])
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
