"""Sources a digest is checked against: fact sheets, papers (PDF), and text or Markdown.

`load_sources(["facts.csv", "2606.25040=paper.pdf", "papers/"])` resolves each spec to one or
more `Source` objects; a source knows the arXiv ids and names that tie digest sections to it.
"""
from __future__ import annotations

import math
import os
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .files import FileProblem, note_folder, read_input

from .ingest.text import InputError, heading_subject, parse_text, read_document
from .model import Claim, Document, Quantity

ARXIV_ID = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_SUFFIXES = {".csv": "facts", ".tsv": "results", ".json": "results", ".pdf": "pdf", ".md": "text", ".markdown": "text", ".txt": "text",
             ".html": "html", ".htm": "html", ".tex": "latex", ".rst": "rst", ".rest": "rst"}


class SourceError(InputError):
    """A source that exists but cannot be read: the check is incomplete (exit code 3)."""


class SourceWarning(UserWarning):
    """A part of a source that was skipped (a fact sheet's row whose value is not a number)."""


@dataclass(frozen=True)
class Source:
    """One paper's (or one fact sheet's paper's) claims with what ties a digest section to it."""

    name: str
    kind: str
    document: Document
    claims: tuple[Claim, ...]
    arxiv_ids: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # paper or method names, casefolded


def load_sources(specs: list[str | Path], warn: Callable[[str], None] | None = None) -> list[Source]:
    """Sources from `--source` values: PATH, ID=PATH or a folder of sources (strings or paths).
    What is skipped inside a source (a fact sheet's unreadable row) is passed to `warn`, one line
    each (by default a SourceWarning)."""
    warn = warn or (lambda message: warnings.warn(message, SourceWarning, stacklevel=3))
    sources: list[Source] = []
    planned: list[tuple[Path, str]] = []  # every file first: a results file is named by its siblings
    for spec in map(str, specs):
        arxiv_id = ""
        path_text = spec
        match = re.match(r"^(\d{4}\.\d{4,5})(?:v\d+)?=(.+)$", spec)
        if match:
            arxiv_id, path_text = match.group(1), match.group(2)
        path = Path(path_text)
        if path.is_dir():
            note_folder(path)
            # regular files only: a symlink (perhaps out of the folder, perhaps a loop) is never
            # followed and a FIFO never opened
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES and not p.is_symlink()
                           and p.is_file() and not re.match(r"(?i)(SOURCE|LICEN[CS]E|COPYING|NOTICE)\b", p.name))
            if not files:
                raise InputError(f"{path}: no sources in this folder (looked for {', '.join(sorted(_SUFFIXES))})")
            planned.extend((file, arxiv_id) for file in files)
        elif path.exists() or path.is_symlink():  # a broken link or a loop is named as one
            planned.append((path, arxiv_id))
        else:
            raise InputError(f"{path}: no such source file or folder")
    named = sibling_names([path for path, _ in planned if path.suffix.lower() == ".json"])
    for path, arxiv_id in planned:
        sources.extend(_load_file(path, arxiv_id, warn, named.get(path, "")))
    return sources


def sibling_names(paths: list[Path]) -> dict[Path, str]:
    """What tells results files of one folder apart: the part of each file's name that the
    others do not share ('results_yolo11x.json' beside 'results_yolo11l.json' -> 'yolo11x';
    'llama-13B_commonsense_0-shot.json' beside 'llama-7B_...' -> 'llama-13B'), cut at the '_'
    or '.' that separates a name's parts. Files alone in their folder get nothing."""
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, []).append(path)
    out = {}
    for group in by_folder.values():
        stems = [p.stem for p in group]
        if len(stems) < 2:
            continue
        prefix = os.path.commonprefix(stems)
        suffix = os.path.commonprefix([s[::-1] for s in stems])[::-1]
        cut = max(prefix.rfind("_"), prefix.rfind(".")) + 1  # a separator within the shared start
        if re.search(r"[A-Z\d]", prefix[:cut]):
            cut = 0  # 'Qwen2_VL_7B' beside 'Qwen2_VL_72B': the shared start is part of the name
        ends = [i for i in (suffix.find("_"), suffix.find(".")) if i >= 0]
        tail = len(suffix) - min(ends) if ends else 0
        for path, stem in zip(group, stems):
            middle = stem[cut:len(stem) - tail] if tail else stem[cut:]
            if middle and len(middle) <= 60:
                out[path] = middle
    return out


def _load_file(path: Path, arxiv_id: str, warn: Callable[[str], None], sibling_name: str = "") -> list[Source]:
    from .cache import cached
    try:  # only a regular file is opened (a FIFO would block, /dev/zero never end), within a bound
        content = read_input(path)
    except FileProblem as problem:
        raise InputError(f"{path}: {problem}") from None
    kind = _SUFFIXES.get(path.suffix.lower())
    form = None  # how a results file is laid out, where its name does not say
    if kind is None:
        # a name without a known suffix ('summary', 'results.out'): read by what the file holds
        from .ingest.sniff import sniff_kind
        sniffed = sniff_kind(content)
        if sniffed is None:
            raise InputError(f"{path}: unknown source type: neither text nor PDF, and its name ends in no "
                             f"suffix read here ({', '.join(sorted(_SUFFIXES))})")
        kind, form = _SNIFFED[sniffed]
    if kind == "facts" and not _is_factsheet(content):
        kind = "results"  # a CSV of results in any layout: read as a table
    try:
        if kind == "facts":
            # the skipped rows are part of what is cached: a second run warns as the first did
            sheet, skipped = cached(f"facts|{path}|{arxiv_id}", content,
                                    lambda: _read_factsheet(path, content, arxiv_id))
            for message in skipped:
                warn(message)
            return list(sheet)
        try:
            document, claims = cached(f"source|{kind}|{form or ''}|{path}|{sibling_name}", content,
                                      lambda: _read_and_extract(path, kind, sibling_name, form))
        except InputError:
            if form not in ("\t", ","):
                raise
            # lines of equal commas or tabs that hold no table of figures: the file is prose
            kind, form = "text", None
            document, claims = cached(f"source|text||{path}|{sibling_name}", content,
                                      lambda: _read_and_extract(path, kind, sibling_name))
    except SourceError:
        raise
    except InputError as error:
        raise SourceError(str(error)) from None
    ids = {arxiv_id} if arxiv_id else set(ARXIV_ID.findall(document.text[:3000]))
    return [Source(str(path), kind, document, claims, frozenset(ids), frozenset(paper_names(document)))]


_METHOD_NAME = re.compile(r"(?<![\w-])([A-Za-z]*[A-Z][A-Za-z]*\d[\w-]*|[A-Z]{3,}[a-z]*[A-Z]*|[a-z]+[A-Z][\w-]*)(?![\w-])")


def paper_names(document: Document) -> set[str]:
    """What a digest may call a paper: its title, and its most used method-like name (PI2NLI, MAYE)."""
    from .lexicon import load_json, load_jsonl
    names = set()
    first = next((line.strip() for line in document.text.split("\n") if len(line.strip()) > 15), "")
    if first:
        names.add(first.casefold())
        short = heading_subject(first)
        if short:
            names.add(short.casefold())
    excluded = {w.lower() for w in load_json("names.json")["not_names"]}
    excluded |= {n.lower() for row in load_jsonl("metrics.jsonl") for n in row["names"]}
    counts: dict[str, int] = {}
    for m in _METHOD_NAME.finditer(document.text[:60000]):
        word = m.group(1)
        if len(word) >= 4 and word.lower() not in excluded and not re.fullmatch(r"[A-Z]+s", word):  # VLMs, LLMs
            counts[word] = counts.get(word, 0) + 1
    if counts:
        best = max(counts, key=counts.get)
        if counts[best] >= 5:
            names.add(best.casefold())
    return names


# what a sniffed file is read as: (source kind, results layout)
_SNIFFED = {"pdf": ("pdf", None), "html": ("html", None), "text": ("text", None),
            "json": ("results", "json"), "tsv": ("results", "\t"), "csv": ("results", ",")}


def _read_and_extract(path: Path, kind: str, sibling_name: str = "", form: str | None = None):
    from .extract.claims import extract_claims
    document = read_any(path, kind, sibling_name, form)
    claims = tuple(extract_claims(document, learned=False))
    return document, claims + (_as_percentages(document, claims) if kind == "results" else ())


def _as_percentages(document: Document, claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """A results file's score columns kept as fractions ('acc': 0.7884), also read as the
    percentages a digest quotes (78.84): where every score of a table's measure is a fraction,
    most of them written to three or more digits. The fraction stays a figure of its own: a digest may quote
    either."""
    from dataclasses import replace
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        cell = document.cell_at(c.quantity.start)
        if cell is not None and c.kind == "score" and c.metric:
            groups.setdefault((cell.table, c.metric), []).append(c)
    out = []
    for group in groups.values():
        if len(group) < 2 or not all(0.0 <= c.value <= 1.0 and c.quantity.decimals >= 1 and not c.quantity.unit
                                     and c.quantity.scale == 1.0 for c in group) or \
                sum(c.quantity.decimals >= 3 for c in group) * 2 < len(group):
            continue  # (most of them written to three or more digits: fractions, not two-digit scores)
        for c in group:
            q = c.quantity
            out.append(replace(c, quantity=replace(q, value=q.value * 100.0, scale=100.0)))
    return tuple(out)


def _is_factsheet(content: bytes) -> bool:
    """A CSV whose header names the fact sheet's columns (subject, metric, value)."""
    first = content[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    header = {h.strip().strip('"').lower() for h in first.split(",")}
    return all(c in header for c in _FACT_COLUMNS)


def read_any(path: Path, kind: str | None = None, sibling_name: str = "", form: str | None = None) -> Document:
    """A Document from a PDF, HTML, LaTeX, text, Markdown or results (CSV, TSV, JSON) file;
    `sibling_name` is what tells a results file apart from the others of its folder; `form` is a
    results file's layout where its name does not give it ('json', or the delimiter)."""
    kind = kind or _SUFFIXES.get(path.suffix.lower(), "text")
    if kind == "results" or kind == "facts":
        from .ingest.delimited import read_delimited, read_json_results
        if form == "json" or form is None and path.suffix.lower() == ".json":
            return read_json_results(path, sibling_name=sibling_name)
        return read_delimited(path, delimiter=form)
    if kind == "pdf":
        from .ingest.pdf import read_pdf
        return read_pdf(path)
    if kind in ("html", "latex", "rst"):
        from .ingest.markup import read_markup
        return read_markup(path, kind)
    return read_document(path)


_FACT_COLUMNS = ("subject", "metric", "value")


MAX_FACT_ROWS = 200_000  # reading takes about 2 s per 100,000 rows


def load_factsheet(path: Path, arxiv_id: str = "", warn: Callable[[str], None] | None = None) -> list[Source]:
    """A CSV fact sheet (paper, arxiv, subject, metric, setting, value, unit, where): one source
    per paper. A row whose value is not a finite number is skipped and passed to `warn`."""
    try:
        content = read_input(path)
    except FileProblem as problem:
        raise InputError(f"{path}: {problem}") from None
    sheet, skipped = _read_factsheet(path, content, arxiv_id)
    warn = warn or (lambda message: warnings.warn(message, SourceWarning, stacklevel=2))
    for message in skipped:
        warn(message)
    return list(sheet)


MAX_FACT_CELL = 10_000  # characters of a name, metric or setting: a longer one is no name
MAX_SKIPPED_SHOWN = 10  # rows named one by one; the rest are counted


def _read_factsheet(path: Path, content: bytes, arxiv_id: str) -> tuple[tuple[Source, ...], tuple[str, ...]]:
    """The sources of a fact sheet, and a line for each row skipped (at most MAX_SKIPPED_SHOWN,
    then their count). InputError when the sheet cannot be read or none of its values can."""
    from .ingest.delimited import split_records
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: a fact sheet must be UTF-8 CSV") from None
    rows = text.count("\n")
    if rows > MAX_FACT_ROWS:
        raise InputError(f"{path}: {rows:,} rows, more than the {MAX_FACT_ROWS:,} a fact sheet may have "
                         f"(split it by paper)")
    document = parse_text(text, str(path))
    # the sheet's own reader: linear, no limit on a field's length (the csv module stops at
    # 128 KB), and it gives each row its line
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    records = split_records(plain, ",")
    header = [cell[2].strip().lower() for cell in records[0]] if records else []
    missing = [c for c in _FACT_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{path}: fact sheet lacks column(s) {', '.join(missing)} "
                         f"(expected paper, arxiv, subject, metric, setting, value, unit, where)")
    line_starts = [0] + [m.end() for m in re.finditer("\n", plain)]
    from .extract.claims import default_extractor
    extractor = default_extractor()
    groups: dict[tuple[str, str], list[Claim]] = {}
    skipped: list[str] = []
    for record in records[1:]:
        line = bisect_right(line_starts, record[0][0]) if record else 0
        extra = [cell[2] for cell in record[len(header):] if cell[2]]
        if extra:  # "Kite,mmlu,71,4": the row is not what its header says (a decimal comma?)
            skipped.append(f"{path}:{line}: {len(record)} cells where the header has {len(header)} "
                           f"(extra {_shown(extra[0])}); row skipped")
            continue
        row: dict[str, str] = {}
        for name, cell in zip(header, record):
            row.setdefault(name, cell[2].strip())
        if not row.get("value"):
            continue
        try:
            _fact_value(row["value"])
        except ValueError as error:
            skipped.append(f"{path}:{line}: value {_shown(row['value'])} {error}; row skipped")
            continue
        long = next((name for name in ("subject", "metric", "setting", "unit", "paper", "arxiv")
                     if len(row.get(name, "")) > MAX_FACT_CELL), None)
        if long:
            skipped.append(f"{path}:{line}: {long} of {len(row[long]):,} characters, more than the "
                           f"{MAX_FACT_CELL:,} a fact sheet's cell may have; row skipped")
            continue
        claim = _fact_claim(extractor, row, document, line)
        key = (row.get("paper", ""), row.get("arxiv", "") or arxiv_id)
        groups.setdefault(key, []).append(claim)
    if skipped and not groups:  # nothing to check against: the sheet failed, not a row
        raise InputError(skipped[0].removesuffix("; row skipped") + " (no row of the fact sheet could be read)")
    if not groups:  # a header alone, or rows without a value (an unclosed quote swallows the rest)
        raise InputError(f"{path}: no row of the fact sheet has a value ({len(records) - 1:,} row(s) "
                         f"after the header)")
    sources = []
    for (paper, paper_id), claims in groups.items():
        names = {paper.casefold(), heading_subject(paper).casefold()} - {""}
        sources.append(Source(f"{path}#{paper or paper_id}", "facts", document, tuple(claims),
                              frozenset({paper_id} - {""}), frozenset(names)))
    if len(skipped) > MAX_SKIPPED_SHOWN:
        more = len(skipped) - MAX_SKIPPED_SHOWN
        skipped = skipped[:MAX_SKIPPED_SHOWN] + [f"{path}: {more:,} more row(s) skipped"]
    return tuple(sources), tuple(skipped)


def _shown(value: str) -> str:
    """A cell as a message quotes it: escaped, and cut to a readable length."""
    return repr(value[:40] + "...") if len(value) > 40 else repr(value)


# a fact sheet's value: digits with optional thousands groups, decimals and exponent; nothing
# else float() would take ('nan', 'inf', '1_000', ' 0x10' is not even that)
_FACT_NUMBER = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _fact_value(written: str) -> tuple[float, int, float]:
    """(value, decimals, scale) of a fact sheet's value; ValueError saying why it is none."""
    if not _FACT_NUMBER.fullmatch(written):
        raise ValueError("is not a number")
    mantissa, _, exponent = written.replace(",", "").lower().partition("e")
    try:
        value = float(mantissa + ("e" + exponent if exponent else ""))
        scale = 10.0 ** int(exponent) if exponent else 1.0
    except (OverflowError, ValueError):  # 10.0 ** 999, or an exponent of thousands of digits
        raise ValueError("is beyond what a float holds") from None
    if not math.isfinite(value):
        raise ValueError("is beyond what a float holds")
    decimals = len(mantissa.split(".", 1)[1]) if "." in mantissa else 0
    return value, decimals, scale


_UNIT_DIMENSIONS = {"x": "ratio", "×": "ratio", "%": "percent", "percent": "percent", "points": "points",
                    "pts": "points", "pp": "points", "s": "time", "ms": "time", "min": "time", "h": "time",
                    "gb": "memory", "mb": "memory", "tokens/s": "rate"}
_COUNT_UNITS = {"params": "parameters", "parameters": "parameters", "tokens": "tokens", "epochs": "epochs",
                "images": "images", "samples": "samples", "hours": "hours", "gpus": "GPUs"}


def _fact_claim(extractor, row: dict, document: Document, line: int) -> Claim:
    written = row["value"]
    value, decimals, scale = _fact_value(written)
    unit = row.get("unit", "").strip()
    lowered = unit.lower()
    dimension = _UNIT_DIMENSIONS.get(lowered, "count" if lowered in _COUNT_UNITS else "plain")
    canonical = {"ratio": "x", "percent": "%", "points": "pt"}.get(dimension, unit if dimension in ("time", "memory") else "")
    if dimension == "rate":
        canonical = "/s"
    shown_unit = "" if lowered in _COUNT_UNITS or not unit else (unit if dimension in ("ratio", "percent") else " " + unit)
    quantity = Quantity(text=f"{written}{shown_unit}",
                        start=0, end=0, value=value, decimals=decimals, unit=canonical, dimension=dimension,
                        scale=scale)
    metric, metric_text, kind, dataset = extractor.frame_of_phrase(row["metric"], dimension)
    if dimension == "count" or lowered in _COUNT_UNITS:
        metric, metric_text, kind, dataset = _COUNT_UNITS.get(lowered, metric or lowered), row["metric"], "scale", ""
    if dimension == "points":
        kind = "delta"
    subject_text = row.get("subject", "")
    subject, _, versus = subject_text.partition(" vs ")
    setting = frozenset(extractor.settings_of(row.get("setting", "")))
    info = extractor.metrics.get(metric)
    start = document.line_starts[line - 1] if line - 1 < len(document.line_starts) else 0
    return Claim(document=document.name, quantity=quantity, kind=kind, line=line, column=1,
                 sentence=(start, start), metric=metric, metric_text=metric_text or row["metric"],
                 subject=heading_subject(subject) or subject.strip(), baseline=versus.strip(), dataset=dataset,
                 setting=setting, lower_is_better=info.lower_is_better if info else False)
