"""The source cell a digest sentence names by its table's own labels.

A table cell is fixed by its row label and its column header: "LLaMa-13B" and "3bit-RTN" name
one cell of a table of models by quantisations, whatever roles a reading would give the two
names. Where a digest figure's sentence (with the label of its list item) names both labels of
exactly one cell of a source table, that cell is the figure's frame, and its value is what the
source says; names are compared by their letters and digits alone ("3-bit RTN" is "3bit-RTN").
This needs no reading of subject, metric or benchmark on either side, so it holds where those
readings fail: a sentence led by "On LLaMa-13B," or a table whose header names no metric.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..extract.candidates import names_in
from ..model import Claim, TableCell
from ..sources import Source

_TOKEN = re.compile(r"[a-z0-9]+")
# a cell's figure: digits with optional thousands commas and decimals (bounded: linear)
# (a unit may follow the digits: '3.83s', '16GB', '2.5x')
_FIGURE = re.compile(r"(?<![\w.])[-−]?\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,20})?(?:[A-Za-z×]{1,4})?(?![\w.])|"
                     r"(?<![\w.])[-−]?\d{1,15}(?:\.\d{1,20})?(?:[A-Za-z×]{1,4})?(?![\w.])")
_MARKUP = re.compile(r"<[^<>]{0,200}>|\*\*|__|`")
_LONGEST = 5  # tokens in the longest label compared
_SCALES = (1.0, 100.0, 0.01, 1e3, 1e-3, 1e6, 1e-6, 1e9, 1e-9)  # a unit or percent question, not a value


@dataclass(frozen=True)
class NamedCell:
    """A source table cell with its figure and the two labels that fix it."""

    source: Source
    cell: TableCell
    value: float
    decimals: int
    row: str
    column: str


def compact(text: str) -> str:
    """A name by its letters and digits only, lower case: '3-bit RTN' and '3bit-RTN' are '3bitrtn'."""
    return "".join(_TOKEN.findall(text.casefold()))


_POSSESSIVE = re.compile(r"(?<=[^\W_])['’]s\b")


def phrases(text: str) -> frozenset[str]:
    """The compact forms of every run of one to five words of a text (a possessive's 's' is no
    part of the name before it: 'iipTiramisu's' names iipTiramisu, not a row 'iipTiramisuS')."""
    tokens = _TOKEN.findall(_POSSESSIVE.sub(" ", text).casefold())
    return frozenset("".join(tokens[i:i + n]) for i in range(len(tokens)) for n in range(1, _LONGEST + 1)
                     if i + n <= len(tokens))


def cell_figure(text: str) -> tuple[float, int] | None:
    """The one figure a cell holds (value, decimals); None for none, or for two ('71.2 / 69.0')."""
    found = _FIGURE.findall(_MARKUP.sub(" ", text.split("±")[0]))
    if len(found) != 1:
        return None
    written = re.sub(r"[A-Za-z×]+$", "", found[0]).replace(",", "").replace("−", "-")
    return float(written), len(written.split(".")[1]) if "." in written else 0


_LINK = re.compile(r"\[([^\[\]]{0,200})\]\([^()\s]{0,500}\)")


def _label(text: str) -> str:
    """A label as read: a Markdown link by its text ('[YOLOX-l](./exps/yolox_l.py)' is 'YOLOX-l')."""
    return _LINK.sub(r"\1", text).strip()


def table_cells(source: Source) -> list[NamedCell]:
    """Every figure cell of a source's tables with a row label and a column header, once for
    each of its row's labels ('WWW'01' and 'ItemCF' both fix the row of a leaderboard)."""
    out = []
    for cell in source.document.cells:
        if cell.label or not cell.headers or not cell.labels:
            continue
        figure = cell_figure(cell.text)
        column = cell.headers[-1]
        if figure is None or not compact(column):
            continue
        for _, value in cell.labels:
            row = _label(value)
            # 'lab/quill-9b' is written 'quill-9b' as often as in full: an owner's prefix is optional
            short = row.rsplit("/", 1)[-1]  # (a letter in it: 'Gov/26' is one name, not owner 'Gov' of '26')
            for name in (row, short) if "/" in row.strip("/") and re.search(r"[^\W\d_]", short) else (row,):
                if compact(name):
                    out.append(NamedCell(source, cell, figure[0], figure[1], name, column))
    return out


@dataclass(frozen=True)
class Labelled:
    """A source's figure cells filed by their row labels' compact forms, with the words that set
    each column's header apart from the other headers of its table ('val' of 'mAP val 0.5:0.95'
    beside 'mAP test 0.5:0.95'): made once per source, so a sentence looks up only the rows it writes."""

    by_row: dict
    distinguishing: dict
    aliases: dict = None  # a label's short form -> the label's compact form (see `_aliases`)
    unprefixed: dict = None  # a row label without its table's common prefix -> its compact form (`_unprefixed`)
    heads: dict = None  # the leading words of one row label of a table -> its compact form (`_heads`)

    @classmethod
    def of(cls, cells: list[NamedCell]) -> "Labelled":
        by_row: dict[str, list[NamedCell]] = {}
        headers: dict[int, set[str]] = {}
        rows: dict[int, set[str]] = {}
        for c in cells:
            by_row.setdefault(compact(c.row), []).append(c)
            headers.setdefault(c.cell.table, set()).add(c.column)
            rows.setdefault(c.cell.table, set()).add(c.row)
        aliases: dict[str, set[str]] = {}
        for group in list(headers.values()) + list(rows.values()):
            for short, full in _aliases(group).items():
                aliases.setdefault(short, set()).add(full)
        distinguishing = {}
        for table, columns in headers.items():
            words = {column: set(_TOKEN.findall(column.casefold())) for column in columns}
            counts: dict[str, int] = {}
            for own in words.values():
                for w in own:
                    counts[w] = counts.get(w, 0) + 1
            for column, own in words.items():  # a word of one header only (linear in the headers)
                distinguishing[(table, column)] = frozenset(
                    w for w in own if counts[w] == 1 and len(w) > 1 and not w.isdigit())
        unprefixed: dict[str, set[str]] = {}
        heads: dict[str, set[str]] = {}
        for group in rows.values():
            for short, full in _unprefixed(group).items():
                unprefixed.setdefault(short, set()).add(full)
            for short, full in _heads(group).items():
                heads.setdefault(short, set()).add(full)
        return cls(by_row, distinguishing, {k: frozenset(v) for k, v in aliases.items()},
                   {k: next(iter(v)) for k, v in unprefixed.items() if len(v) == 1},
                   {k: next(iter(v)) for k, v in heads.items() if len(v) == 1})


def _aliases(labels: set[str]) -> dict[str, str]:
    """The short forms of a table's row (or column) labels: what is left of a label once a
    prefix it shares with another label of the table is dropped ('RL' of 'MiMo-7B-RL' beside
    'MiMo-7B-Base', '80K' of 'MiniMax-M1-80K'), where that names one label of the table only and
    holds a letter. A sentence says 'the RL model' for 'MiMo-7B-RL' when the family is clear."""
    tokens = {label: _TOKEN.findall(label.casefold()) for label in labels}
    prefixes: dict[tuple, int] = {}
    for toks in tokens.values():
        for k in range(1, len(toks)):
            prefixes[tuple(toks[:k])] = prefixes.get(tuple(toks[:k]), 0) + 1
    found: dict[str, set[str]] = {}
    for label, toks in tokens.items():
        for k in range(1, len(toks)):
            if prefixes.get(tuple(toks[:k]), 0) > 1:
                short = "".join(toks[k:])
                if re.search(r"[a-z]", short):
                    found.setdefault(short, set()).add(compact(label))
    return {short: next(iter(full)) for short, full in found.items() if len(full) == 1}


def _unprefixed(labels: set[str]) -> dict[str, str]:
    """The row labels of a table without the prefix every one of them shares ('atari_' of
    'atari_ms_pacman', 'atari_pong', ...): a namespace a sentence never writes ('on Ms. Pac-Man').
    Only for tables of three or more rows, and only short forms of two words or six characters
    or more, so that what is left is still a name."""
    if len(labels) < 3:
        return {}
    tokens = {label: _TOKEN.findall(label.casefold()) for label in labels}
    shared = 0
    first = next(iter(tokens.values()))
    while shared < len(first) - 1 and all(len(t) > shared + 1 and t[shared] == first[shared] for t in tokens.values()):
        shared += 1
    if not shared:
        return {}
    out = {}
    for label, toks in tokens.items():
        rest = toks[shared:]
        short = "".join(rest)
        if (len(rest) >= 2 or len(short) >= 6) and re.search(r"[a-z]", short):
            out[short] = compact(label)
    return out


def _heads(labels: set[str]) -> dict[str, str]:
    """The leading words that begin one row label of a table only ('Amazon' of 'Amazon Transcribe'
    beside 'Azure Speech-to-Text'): a sentence names a product by its maker or family when the table
    holds one of it. Four characters or more, with a letter, and never another row's whole label."""
    tokens = {label: _TOKEN.findall(label.casefold()) for label in labels}
    whole = {"".join(toks) for toks in tokens.values()}
    counts: dict[str, int] = {}
    for toks in tokens.values():
        for k in range(1, len(toks)):
            short = "".join(toks[:k])
            counts[short] = counts.get(short, 0) + 1
    out = {}
    for label, toks in tokens.items():
        for k in range(1, len(toks)):
            short = "".join(toks[:k])
            if counts[short] == 1 and short not in whole and len(short) >= 4 and re.search(r"[a-z]", short):
                out[short] = compact(label)
    return out


def _system_nouns() -> frozenset[str]:
    global _NOUNS
    if _NOUNS is None:
        from ..lexicon import load_json
        _NOUNS = frozenset(load_json("frames.json")["system_nouns"])
    return _NOUNS


_NOUNS: frozenset | None = None


def named_phrases(text: str, sources: list[Labelled]) -> frozenset[str]:
    """`phrases` of a text, with the full label of each short form the text writes before a
    system noun ('the 80K model', 'the RL checkpoint'): a table's labels as a sentence says them."""
    out = phrases(text)
    unprefixed = {labelled.unprefixed[short] for labelled in sources if labelled.unprefixed
                  for short in out & labelled.unprefixed.keys()}
    if unprefixed:
        out = out | unprefixed  # 'Ms. Pac-Man' names the row 'atari_ms_pacman'
    if any(labelled.heads for labelled in sources):
        # a name the text writes (capitalised, or with digits) that begins one row's label only
        written = {compact(name) for name in names_in(text)}
        headed = {labelled.heads[short] for labelled in sources if labelled.heads for short in written & labelled.heads.keys()}
        if headed:
            out = out | headed
    tokens = _TOKEN.findall(text.casefold())
    nouns = _system_nouns()
    extra = set()
    for i, token in enumerate(tokens):
        if token in nouns and i:
            for n in range(1, min(3, i) + 1):
                short = "".join(tokens[i - n:i])
                for labelled in sources:
                    extra |= (labelled.aliases or {}).get(short, frozenset())
    return out | extra if extra else out


def named_by(row_words: frozenset[str], sources: list[Labelled], column_words: frozenset[str] | None = None) -> list[NamedCell]:
    """The cells whose row label `row_words` write out and whose column header `column_words`
    (by default the same) write out, or name by all the words that set it apart from the
    table's other headers."""
    column_words = row_words if column_words is None else column_words
    out = []
    for labelled in sources:
        for phrase in sorted(row_words & labelled.by_row.keys()):
            for c in labelled.by_row[phrase]:
                if column_named(labelled, c, column_words):
                    out.append(c)
    return out


def named_on_their_own(cells: list[NamedCell], text: str) -> list[NamedCell]:
    """The cells whose row label the text names on its own, not only inside a longer row label it
    names ('VAE' written only as part of 'JTN-VAE' names JTN-VAE's row, not VAE's)."""
    rows = {compact(c.row) for c in cells}
    written = phrases(text)  # (a label named by its short form, 'the RL model', is not written out)
    nested = {short for short in rows if short in written and
              any(short != long and short in long and long in written for long in rows)}
    if not nested:
        return cells
    tokens = _TOKEN.findall(text.casefold())
    longer = sorted((r for r in rows if r in written and any(s in r for s in nested if s != r)), key=len, reverse=True)
    kept, i = [], 0
    while i < len(tokens):  # the text's words with each mention of a longer label taken out
        for n in range(min(_LONGEST, len(tokens) - i), 0, -1):
            if "".join(tokens[i:i + n]) in longer:
                kept.append("|")
                i += n
                break
        else:
            kept.append(tokens[i])
            i += 1
    alone = frozenset().union(*(phrases(part) for part in " ".join(kept).split("|")))
    return [c for c in cells if compact(c.row) not in nested or compact(c.row) in alone]


def labels_named(c: NamedCell, words: frozenset[str]) -> int:
    """How many of the labels of the cell's row the words write out."""
    return sum(1 for _, value in c.cell.labels if compact(_label(value)) in words)


def column_named(labelled: Labelled, c: NamedCell, words: frozenset[str]) -> bool:
    """Do the words name the cell's column: its whole header, or every word that sets the header
    apart from the others of its table?"""
    own = labelled.distinguishing.get((c.cell.table, c.column), frozenset())
    return compact(c.column) in words or bool(own) and all(_said(w, words) for w in own)


def _said(word: str, words: frozenset[str]) -> bool:
    """A header word in the words, bare or with a scale prefix ('FLOPs (G)' written 'GFLOPs')."""
    return word in words or any(prefix + word in words for prefix in _PREFIXES)


_PREFIXES = ("k", "m", "g", "t", "b", "p")


def agrees(claim: Claim, cell: NamedCell) -> bool:
    """Can the stated figure be the cell's, up to rounding on either side, in any of the usual
    scales (a percent written as a fraction, thousands as 'K')?"""
    stated, step = abs(claim.quantity.value), claim.quantity.half_step
    own_step = 0.5 * 10.0 ** -cell.decimals
    for scale in _SCALES:
        value = abs(cell.value) * scale
        if abs(value - stated) <= step + own_step * scale + 1e-9 * max(1.0, stated):
            return True
    return False


def distance(claim: Claim, cell: NamedCell) -> float:
    """How far the stated figure is from the cell's, relative to the larger, in the nearest of the
    usual scales (72% against a cell of 0.714 is near)."""
    stated = abs(claim.quantity.value)
    return min(abs(stated - abs(cell.value) * scale) / max(stated, abs(cell.value) * scale, 1e-12) for scale in _SCALES)


def stated_elsewhere(claim: Claim, cells: list[NamedCell], named: NamedCell) -> NamedCell | None:
    """Another cell of the named cell's table that holds the stated figure, if exactly one does."""
    holding = {c.cell.start: c for c in cells if c.source is named.source and c.cell.table == named.cell.table
               and c.cell.start != named.cell.start and agrees(claim, c)}  # a cell once, whichever label
    return next(iter(holding.values())) if len(holding) == 1 else None


def digits_differ(claim: Claim, cell: NamedCell) -> bool:
    """Not the same digits with the point moved (a unit question, reported elsewhere)."""
    stated = re.sub(r"\D", "", claim.quantity.text.split("±")[0]).strip("0")
    return stated != re.sub(r"\D", "", f"{cell.value:.{cell.decimals}f}").strip("0") and not math.isclose(
        abs(claim.quantity.value), abs(cell.value), rel_tol=1e-9)


def evidence(named: NamedCell, note: str = ""):
    """The cell as evidence of a finding: where it stands in its source, with its figure."""
    from ..model import Evidence
    document = named.source.document
    where = document.locate(named.cell.start)
    return Evidence(document.name, where.line, where.column, named.cell.text.strip(), named.value,
                    note=note or f"{named.row} / {named.column}", page=where.page,
                    bbox=document.bbox(named.cell.start, named.cell.end))


def place(named: NamedCell) -> str:
    document = named.source.document
    where = document.locate(named.cell.start)
    name = document.name.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name}{f' p. {where.page}' if where.page else ''} line {where.line}"
