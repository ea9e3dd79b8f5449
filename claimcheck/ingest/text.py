"""Plain text and Markdown in: a Document with a line map, table cells and sections."""
from __future__ import annotations

import re
from pathlib import Path

from ..extract.normalize import expand_ligatures
from ..model import Document, Section, TableCell
from .digits import fold_digits, join_digit_groups, unescape_currency
from .invisible import gather_figures
from .ranges import Ranges
from .aligned import AlignedTable, aligned_tables, cell_spans, header_cells
from .html_tables import find_tables, grid
from .printed import block_tag, printed_lines

# a Markdown table's delimiter row: one dash or more per cell ('|:-:|---|'), as GitHub reads it;
# a row of single dashes needs a pipe ('-' alone is no table)
# (possessive quantifiers: a run of spaces is never split between two of them, which was
# quadratic in a long line of spaces)
_SEPARATOR_ROW = re.compile(r"^\s*+\|?\s*+:?-++:?(?:\s*+\|\s*+:?-++:?)*+\s*+\|?\s*+$")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s++(.+)$")  # closing '#'s are cut in code: see _heading_title
_NUMBERED_HEADING = re.compile(r"^\s*(?:#{1,6}\s+)?\d{1,2}[.)]\s+(?P<title>[A-Z\w][^\n]{1,110})$")
# starts only where a run of spaces starts: from inside a run the search would rescan it at every offset
_SUBJECT_SPLIT = re.compile(r"(?<!\s)\s*(?::|\s[—–]\s|\s-\s|\(|,)\s*")
_ROW_HEADER_SKIP = {"#", "no", "no.", "rank", "id", "idx", "arxiv", "year", "date", "link", "url"}


class InputError(Exception):
    """A file that cannot be read as a document (exit code 2)."""


def read_document(path: str | Path, name: str | None = None) -> Document:
    """Read a text or Markdown file; undecodable bytes are replaced, never fatal. Only a regular
    file is opened, and at most files.MAX_INPUT_BYTES of it."""
    from ..files import FileProblem, read_input
    path = Path(path)
    try:
        raw = read_input(path)
    except FileProblem as problem:
        reason = "is a directory, not a document" if str(problem).startswith("is a directory") else str(problem)
        raise InputError(f"{path}: {reason}") from None
    return parse_text(decode_text(raw, str(path)), name or str(path))


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8"))


_CONTROL_OR_UNDECODED = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _looks_binary(sample: str) -> bool:
    """More than 1% NUL, or nearly a third control characters and undecodable bytes: binary. A
    stray NUL or a few Latin-1 letters in a text are read."""
    return sample.count("\x00") * 100 > len(sample) or len(_CONTROL_OR_UNDECODED.findall(sample)) * 3 > len(sample)


def decode_text(raw: bytes, where: str) -> str:
    """Text from a file's (or standard input's) bytes: UTF-8, or UTF-16/32 when a byte order
    mark says so; bytes that do not decode become U+FFFD. InputError for a binary file."""
    encoding, skip = "utf-8", 0
    for bom, name in _BOMS:
        if raw.startswith(bom):
            encoding, skip = name, len(bom)
            break
    text = raw[skip:].decode(encoding, errors="replace")
    if _looks_binary(text[:4096]):
        raise InputError(f"{where}: looks like a binary file; claimcheck reads text and Markdown")
    return text


def parse_text(text: str, name: str = "<text>") -> Document:
    """Build a Document from text: lines, Markdown tables as cells, sections under headings."""
    text, hidden = gather_figures(unescape_currency(join_digit_groups(fold_digits(expand_ligatures(text.replace("\r\n", "\n").replace("\r", "\n"))))))
    lines = text.split("\n")
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    code = _code_spans(text, lines, starts)
    fenced = _fenced_blocks(lines, starts, code)
    bodies = _markup_bodies(lines, starts, fenced)
    fenced = [block for block in fenced if block[2] not in _MARKUP_DIRECTIVES]
    printed = _printed_tables(lines, fenced)
    # a table a program printed inside a block is read as a table, and the other lines it printed
    # as prose: neither is code
    tabled = [(starts[t.header], starts[t.rows[-1]] + len(lines[t.rows[-1]])) for t in printed]
    output = _printed_output(lines, fenced, {k for t in printed for k in range(t.header, t.rows[-1] + 1)})
    printed_spans = [(starts[k], starts[k] + len(lines[k])) for k in output]
    if tabled or output or bodies:
        code = _carve(code, tabled + printed_spans + bodies)
    # a cell may open with a tag ("<sub>78.6%</sub>", "<b>71.2</b>"): only code and comments hide it
    blocks = [span for span in code if not _TAG_ONLY.fullmatch(text, span[0], span[1])]
    in_blocks = Ranges(blocks)
    cells = [c for c in _table_cells(lines, starts) if not in_blocks.covers(c.start)]
    tables = 1 + max((c.table for c in cells), default=-1)
    cells += [c for c in _html_table_cells(text, lines, starts, blocks, tables) if not in_blocks.covers(c.start)]
    tables = 1 + max((c.table for c in cells), default=-1)
    cells += _printed_table_cells(lines, starts, printed, tables)
    cells = tuple(sorted(cells, key=lambda c: c.start))
    sections, headings = _sections(lines, starts, len(text))
    return Document(name=name, text=text, line_starts=tuple(starts), cells=cells,
                    sections=tuple(sections), headings=tuple(headings), code=tuple(code), hidden=hidden,
                    printed=tuple(printed_spans))


_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
# inline code, HTML comments and tags, and the Markdown comment idiom "[//]: # (hidden text)"
# (a link reference definition whose target is '#': never rendered)
# (a code span opens at the start of a run of backticks, and an unclosed HTML comment runs to the end,
# as it does when rendered: otherwise each offset of a long run, or each of many unclosed
# comments, would rescan the rest of the text)
_INLINE = re.compile(r"(?<!`)(`++)[^`\n]+?\1(?!`)|<!--.*?(?:-->|\Z)|</?[A-Za-z][^<>\n]*>|^[ \t]{0,3}\[[^\]\n]*\]:[ \t]*#[^\n]*",
                     re.DOTALL | re.MULTILINE)


def _code_spans(text: str, lines: list[str], starts: list[int]) -> list[tuple[int, int]]:
    """Fenced code blocks, inline code, HTML tags and comments (HTML or Markdown): digits there
    are not claims."""
    spans = []
    fence_start = None
    fence = ""
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence_start is None and m:
            fence_start, fence = starts[i], m.group(1)[0] * 3
        elif fence_start is not None and line.strip().startswith(fence):
            spans.append((fence_start, starts[i] + len(line)))
            fence_start = None
    if fence_start is not None:
        spans.append((fence_start, len(text)))
    fenced = Ranges(spans)
    spans += [m.span() for m in _INLINE.finditer(text) if not fenced.covers(m.start())]
    return sorted(spans)


_TAG_ONLY = re.compile(r"</?[A-Za-z][^<>\n]*>")


def _fenced_blocks(lines: list[str], starts: list[int], code: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(fence line, last content line, language tag) of each fenced block among the code spans."""
    from bisect import bisect_left
    out = []
    for start, end in code:
        first = bisect_left(starts, start)
        fence = _FENCE.match(lines[first]) if first < len(starts) and starts[first] == start else None
        if fence is None:
            continue  # inline code, a tag or a comment
        last = bisect_left(starts, end) - 1  # the closing fence's line, or the text's last line
        if last > first and _FENCE.match(lines[last]):
            last -= 1
        out.append((first, last, block_tag(lines[first][fence.end():])))
    return out


# MyST directives whose body is Markdown, rendered as the page's own text ('```{table} Caption'
# over a pipe table, an admonition's paragraphs); the rest hold code, maths or raw data
_MARKUP_DIRECTIVES = frozenset("{" + name + "}" for name in (
    "table", "note", "tip", "hint", "important", "attention", "caution", "warning", "danger", "error",
    "seealso", "admonition", "dropdown", "card", "tab-item", "margin", "sidebar", "topic", "epigraph",
    "pull-quote", "highlights", "div", "container", "figure"))
_DIRECTIVE_OPTION = re.compile(r"\s*+:[\w-]++:")  # ':name: llms-below-15b', ':align: center'


def _markup_bodies(lines: list[str], starts: list[int], blocks: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The bodies of the fenced blocks that are MyST directives holding markup, past their option
    lines: the page's text, not code."""
    out = []
    for first, last, tag in blocks:
        if tag not in _MARKUP_DIRECTIVES:
            continue
        body = first + 1
        while body <= last and _DIRECTIVE_OPTION.match(lines[body]):
            body += 1
        if body <= last:
            out.append((starts[body], starts[last] + len(lines[last])))
    return out


def _printed_tables(lines: list[str], blocks: list[tuple[int, int, str]]) -> list[AlignedTable]:
    """The space-aligned tables inside fenced blocks (`aligned.py`), in the order they stand."""
    return [table for first, last, _ in blocks for table in aligned_tables(lines, first + 1, last)]


def _printed_output(lines: list[str], blocks: list[tuple[int, int, str]], tabled: set[int]) -> list[int]:
    """The lines of fenced blocks that a program printed (`printed.py`), outside printed tables."""
    return [k for first, last, tag in blocks for k in printed_lines(lines, first + 1, last, tag) if k not in tabled]


def _carve(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with the holes taken out of them (both sorted; a hole lies within one span)."""
    out = []
    holes = sorted(holes)
    h = 0
    for start, end in spans:
        while h < len(holes) and holes[h][0] < end:
            hole_start, hole_end = holes[h]
            if hole_start > start:
                out.append((start, hole_start))
            start = max(start, hole_end)
            h += 1
        if start < end:
            out.append((start, end))
    return out


def _printed_table_cells(lines: list[str], starts: list[int], printed: list[AlignedTable], first_table: int):
    """The cells of the printed tables, laid out as a Markdown table's are."""
    out = []
    for index, table in enumerate(printed, first_table):
        header_row = header_cells(lines[table.header], starts[table.header], table.columns)
        header = [cell_text for _, _, cell_text in header_row]
        for c, (start, end, cell_text) in enumerate(header_row):
            if cell_text:
                out.append(TableCell(start, end, 0, c, cell_text, "", cell_text, index, label=True))
        rows = [cell_spans(lines[r], starts[r], table.columns) for r in table.rows]
        out += [c for c in _cells_of_table(header, rows, index, table.caption) if c.end > c.start]
    return out


def _split_row(line: str, line_start: int) -> list[tuple[int, int, str]]:
    """Cells of a Markdown table row as (start, end, text), honouring escaped pipes."""
    bounds = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    if not line.lstrip().startswith("|"):
        bounds.insert(0, -1)
    if not line.rstrip().endswith("|") or (bounds and bounds[-1] != len(line.rstrip()) - 1):
        bounds.append(len(line))
    out = []
    for left, right in zip(bounds, bounds[1:]):
        raw = line[left + 1:right]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = line_start + left + 1 + lead
        out.append((start, start + len(stripped), stripped))
    return out


def _table_cells(lines: list[str], starts: list[int]):
    table = 0
    i = 0
    while i < len(lines) - 1:
        if "|" in lines[i] and _SEPARATOR_ROW.match(lines[i + 1]) and ("|" in lines[i + 1] or "--" in lines[i + 1]):
            header_cells = _split_row(lines[i], starts[i])
            header = [_plain(c[2]) for c in header_cells]
            for c, (start, end, cell_text) in enumerate(header_cells):
                # the header row labels the columns: its digits ("AlpacaEval 2.0") are names
                yield TableCell(start, end, 0, c, cell_text, "", cell_text, table, label=True)
            body = []
            j = i + 2
            while j < len(lines) and "|" in lines[j] and lines[j].strip():
                body.append(j)
                j += 1
            rows = [_split_row(lines[k], starts[k]) for k in body]
            yield from _cells_of_table(header, rows, table, _caption_before(lines, i))
            table += 1
            i = j
        else:
            i += 1


_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|<[^>]+>")
# a figure, maybe with a unit or a word after it ("71.4 mAP", "1.5x faster"), its unit glued to it
# ("5.09ms", "371.53us", "127.95k") or a duration in parts ("0m4.079s", "1h30m"): not a label
# (possessive: each part takes what it can and never gives it back, so a long cell of unit letters
# is one pass, not an exponential search over ways to split it)
_GLUED_FIGURE = (r"[\s*_]*+[~≈<>≤≥]?[+\-−±]?[$€£]?\d[\d.,]*+"
                 r"(?:[%×A-Za-zµμ/]|(?<=[hmd])\d[\d.,]*+|±\s?[\d.]++)*+")
_NUMERIC_CELL = re.compile(_GLUED_FIGURE + r"[*_†‡]*+(?:\s.*)?")
# a figure alone in its cell, its unit glued to it ('5.1ms', '12%', '0m4.079s'); a word after a
# blank may be a name's ('13B Instruct', '7B Chat')
_FIGURE_ONLY = re.compile(_GLUED_FIGURE + r" ?%?[*_†‡\s]*+")
_EMPTY_CELL = re.compile(r"[\s*_]*(?:[-−–—]+|n/?a|N/?A|–|\.{1,3}|\?)?[\s*_]*")


_TAG = re.compile(r"<[^<>]{1,200}>")


# a Markdown link or image in a cell: '[+ 8-bit AdamW](https://...)' labels its row by its text
_LINK = re.compile(r"!?\[([^\[\]]{0,300})\]\((?:[^()\s]|\([^()\s]{0,300}\)){0,2000}\)")


def _plain(text: str) -> str:
    """A label or header without Markdown emphasis, code marks, HTML tags (a tag parts words:
    'mAP<sup>val</sup>' is 'mAP val') or link targets (a link is its text)."""
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    return re.sub(r"\s+", " ", _MARKUP.sub("", _TAG.sub(" ", text))).strip()


def _caption_before(lines: list[str], header_line: int) -> str:
    """A 'Table N: ...' line or an emphasised line right above a table: what its figures are."""
    for k in range(header_line - 1, max(-1, header_line - 4), -1):
        line = lines[k].strip()
        if not line or _DIRECTIVE_OPTION.match(line):
            continue
        fence = _FENCE.match(line)
        if fence:  # a table directive's argument: '```{table} Under 15 Billion Parameters'
            info = line[fence.end():]
            return _plain(info.strip()[len("{table}"):]) if block_tag(info) == "{table}" else ""
        # emphasis opens with its mark glued to a word: '* item' is a list's bullet, not a caption
        if re.match(r"(?i)(?:\*\*|_)?table\s+\d+", line) or (re.match(r"(?:\*\*?|_)(?=\S)", line) and len(line) < 200):
            return _plain(line)
        break
    return ""


def _html_table_cells(text: str, lines: list[str], starts: list[int], blocks, first_table: int):
    """The cells of the HTML tables in a text document, laid out as Markdown tables' cells are."""
    if "<table" not in text and "<TABLE" not in text:
        return
    from bisect import bisect_right
    for index, table in enumerate(find_tables(text, blocks), first_table):
        layout = grid(table)
        if not layout or not layout[0]:
            continue
        heads = max(table.header_rows, 1)
        header_levels = [[_plain(layout[h][c][0].text) for c in range(len(layout[h]))] for h in range(min(heads, len(layout)))]
        for row in layout[:heads]:
            for c, (cell, first) in enumerate(row):
                if first:
                    yield TableCell(cell.start, cell.end, 0, c, cell.text, "", cell.text, index, label=True)
        rows = [[(cell.start, cell.end, text[cell.start:cell.end], not first) for cell, first in row]
                for row in layout[heads:]]
        if not rows:
            continue
        caption = table.caption or _caption_before(lines, bisect_right(starts, table.start) - 1)
        yield from _cells_of_table(header_levels[0], rows, index, caption, header_levels[1:])


def _cells_of_table(header: list[str], rows, table: int, caption: str, sub_headers: list[list[str]] | None = None):
    """Cells with their label columns (left, text) and header levels (a sub-header row joins the header).

    A row entry is (start, end, text) or, for a cell another one spans into, (start, end, text, True):
    its text labels the row but it is not yielded again."""
    width = max([len(header)] + [len(r) for r in rows])
    texts = [[(r[c][2] if c < len(r) else "") for c in range(width)] for r in rows]
    labels = _label_columns(header, texts)
    # a row with no digit and no label, right below the header, is a second header level ("| | QQP | Wiki |")
    sub_headers = [list(levels) for levels in sub_headers or ()]
    # (no figure in it: 'F1' and 'Top 100' are labels, not figures)
    # A table whose header row is left empty ('| | | |' over '|---|---|---|') is laid out by
    # hand: its first rows without a figure are its header levels even where they fill the label
    # column, whose text there ('**MQ2008**' above the names) is the corner of the header block:
    # what the whole table is about, as a group row would say
    blank_header = not any(_plain(h) for h in header)
    corner = ""
    while len(texts) > 1 and not any(_STANDALONE_FIGURE.search(_plain(t)) or _FIGURE_ONLY.fullmatch(_plain(t))
                                     for t in texts[0]) \
            and (blank_header or not any(_plain(texts[0][c]) for c in labels)) \
            and sum(bool(_plain(t)) for t in texts[0]) >= 2:
        level = [_plain(t) for t in texts.pop(0)]
        corner = corner or next((level[c] for c in labels if c < len(level) and level[c]), "")
        sub_headers.append([t if c not in labels else "" for c, t in enumerate(level)])
        rows = rows[1:]
    if sub_headers:
        # a Markdown header cell left empty right of a filled one spans it, as colspan would:
        # '| Model | Top 100 | | | Overall | |' over '| | Precision | Recall | ... |'
        header = list(header)
        for c in range(1, len(header)):
            if not header[c].strip() and c not in labels and header[c - 1].strip() and (c - 1) not in labels:
                header[c] = header[c - 1]
    carried = {c: "" for c in labels}
    group = corner
    for r, row in enumerate(rows, 1):
        row_texts = texts[r - 1]
        filled = [_plain(t) for t in row_texts if _plain(t)]
        if width >= 3 and len(filled) == 1 and not _STANDALONE_FIGURE.search(filled[0]):
            # a row of one label and no figure ('| | **Speaker Similarity** | | |') heads the rows
            # below it, up to the next such row
            group = filled[0]
            for c, (start, end, cell_text, *covered) in enumerate(row):
                if not (covered and covered[0]):
                    yield TableCell(start, end, r, c, cell_text, "", "", table, caption=caption, label=True)
            continue
        for c in labels:
            value = _plain(row_texts[c])
            # an empty label continues the group above it, as a spanning cell would; so does a
            # note in parentheses under a name ('(=same components)')
            if value and not (carried[c] and re.fullmatch(r"\(.*\)", value)):
                carried[c] = value
        row_labels = tuple((header[c] if c < len(header) else "", carried[c]) for c in labels)
        row_header = " ".join(v for c, (_, v) in zip(labels, row_labels) if v and not _is_category_column(texts, c, labels))
        for c, (start, end, cell_text, *covered) in enumerate(row):
            if covered and covered[0]:
                continue
            levels = _distinct([header[c] if c < len(header) else ""] + [s[c] for s in sub_headers if c < len(s)])
            yield TableCell(start, end, r, c, cell_text, row_header, " ".join(levels), table,
                            labels=row_labels, headers=levels, caption=caption, label=c in labels, group=group)


def _distinct(levels: list[str]) -> tuple[str, ...]:
    """Header levels top first, without blanks or a level repeated by a cell spanning header rows."""
    out: list[str] = []
    for level in levels:
        if level and (not out or out[-1] != level):
            out.append(level)
    return tuple(out)


def _label_columns(header: list[str], texts: list[list[str]]) -> list[int]:
    """Columns that name things (methods, benchmarks, categories), left of the figures: the first
    text column, and the text columns after it whose values rarely hold a figure of their own
    ('Qwen2.5 72B' names a model; 'HumanEval 66.0, above StarCoder (68.2)' states figures)."""
    out = []
    for c in range(len(texts[0]) if texts else 0):
        # "Moatless[1]" and "SALMONN (Tang et al., 2024)" are names: a citation's year is no figure
        values = [AUTHOR_YEAR.sub("", _CITATION_MARK.sub("", _plain(t[c]))) for t in texts]
        filled = [v for v in values if v and not _EMPTY_CELL.fullmatch(v)]
        name = (header[c] if c < len(header) else "").strip().lower()
        if name in _ROW_HEADER_SKIP:
            continue
        if filled and sum(bool(re.fullmatch(r"\s*`[^`]+`\s*", t[c])) for t in texts) >= len(filled) / 2:
            continue  # a column of commands or code names nothing
        numeric = sum(bool(_NUMERIC_CELL.fullmatch(v)) for v in filled)
        figures = sum(bool(_STANDALONE_FIGURE.search(v)) for v in filled)
        short = sum(len(v.split()) <= 6 for v in filled) >= len(filled) / 2
        if not filled:
            if c == 0 or out:
                out.append(c)  # an empty first column groups nothing yet; keep looking right
                continue
            break
        if numeric <= len(filled) / 2 and short and (not out or figures <= len(filled) / 3):
            out.append(c)
        elif out and _is_condition_column(filled):
            out.append(c)
        elif out:
            break  # labels stand left of the figures
    while out and all(not _plain(t[out[-1]]) for t in texts):
        out.pop()
    if not out and texts and all(_FIGURE_ONLY.fullmatch(_plain(t[c])) or _EMPTY_CELL.fullmatch(_plain(t[c]))
                                 for t in texts for c in range(len(t))) \
            and not all(re.fullmatch(r"\d[\d,]*", _plain(t[0])) for t in texts if t and _plain(t[0])):
        # a measured figure in every cell ('| 5.1ms | 16.1ms |' under '| gRPC | HTTP 2.0 |'): the
        # header names every column, no column names the rows (a first column of whole numbers,
        # '| 1 | 10.2 | 98 |' under 'Clients', is still the rows' key)
        return []
    return out or [0]


def _is_condition_column(values: list[str]) -> bool:
    """A column right of the labels whose cells are a figure with a word or two ('99% filtered',
    '1x 4090', '8 GPUs') and whose few values repeat down the rows: the conditions each row was
    run under, not results (a measured column seldom repeats its values)."""
    if len(values) < 4 or not all(_FIGURE_WITH_WORDS.fullmatch(v) and not _COMPARED_WORD.search(v) for v in values):
        return False  # ('2x faster', '70% less' compare: results, however often they repeat)
    distinct = len(set(values))
    return 2 <= distinct <= len(values) / 2


_COMPARED_WORD = re.compile(r"(?i)\b(?:faster|slower|quicker|higher|lower|more|less|fewer|better|worse|cheaper|smaller|"
                            r"larger|bigger|longer|shorter|speedup|reduction|improvement|increase|decrease|gain|drop|"
                            r"saving|savings|up|down|over|under|vs\.?)\b")
# a figure and a few words after it: '99% filtered', '1x 4090', '8 GPUs', '2 nodes x 8'
_FIGURE_WITH_WORDS = re.compile(r"[~≈<>≤≥]?\d[\d.,]*\s?[%x×]?\s+[A-Za-z0-9][\w.+/-]*(?:\s+[\w.+/-]+){0,2}")
_CITATION_MARK = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
# an author-year citation: '(Tang et al., 2024)', '(Chu et al., 2024a)', '(Radford, 2023)'
AUTHOR_YEAR = re.compile(r"\([A-Z][^()]{0,80}?,?\s(?:19|20)\d\d[a-z]?\)")
# a figure standing on its own in a cell ("66.0", "3.1×", "40%"), not a name's digits ("Qwen2.5", "5-shot")
_STANDALONE_FIGURE = re.compile(r"(?<![\w.])[+\-−±~]?[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?[%×x])?(?![\w.-])")


def _is_category_column(texts: list[list[str]], c: int, labels: list[int]) -> bool:
    """A label column that is mostly empty ('English', '', '', 'Code', ...) groups the rows below it."""
    if len(labels) < 2 or c != labels[0]:
        return False
    values = [_plain(t[c]) for t in texts]
    return sum(not v for v in values) >= len(values) / 2


_GENERIC_HEADINGS = frozenset(
    "abstract introduction overview summary results result method methods approach background related work "
    "conclusion conclusions discussion evaluation experiments setup limitations appendix references "
    "highlights takeaways notes news papers benchmarks ablations analysis".split())


def _named_in(phrase: str) -> str:
    """A name, or the name a headline's clause ends on: 'Verdant launches Kite-2' -> 'Kite-2'
    (a lower-case word in a phrase of capitalised ones is a verb or a preposition)."""
    words = phrase.split()
    lower = [i for i, w in enumerate(words) if w.isalpha() and w.islower()]
    if not lower or len(words) == 1:
        return phrase
    tail = words[lower[-1] + 1:]
    if tail and all(w[:1].isupper() or w[:1].isdigit() for w in tail) and len(tail) <= 3:
        return " ".join(tail)
    return phrase


def heading_subject(title: str) -> str:
    """The name part of a heading: 'UniTeD: joint perception ...' -> 'UniTeD', '## Gannet' -> 'Gannet'."""
    title = title.strip().strip("*_#").strip()
    parts = _SUBJECT_SPLIT.split(title, maxsplit=1)
    if len(parts) == 2 and parts[0] and len(parts[0].split()) <= 5:
        return _named_in(parts[0].strip())
    words = title.split()
    if not words or any(w.lower() in _GENERIC_HEADINGS for w in words):
        return ""
    # a short heading in title case names a method: "Gannet", "Chorus II", "Stable Cascade"
    if len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return title
    return ""


def _heading_title(text: str) -> str:
    """A Markdown heading's text without its closing '#'s (cut in code: a lazy title before
    optional spaces and hashes is a cubic regular expression on a line of spaces)."""
    title = text.rstrip("#").rstrip()
    return title or text


def _sections(lines: list[str], starts: list[int], length: int):
    marks = []  # (offset, title)
    headings = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or "|" in stripped:
            continue
        heading = _MARKDOWN_HEADING.match(stripped)
        numbered = _NUMBERED_HEADING.match(stripped)
        title = None
        if heading:
            title = re.sub(r"^\d{1,2}[.)]\s+", "", _heading_title(heading.group(2)))
        elif numbered and not stripped.endswith((".", ";", ",")) and len(stripped.split()) <= 16:
            title = numbered.group("title")
        if title is not None:
            marks.append((starts[i], title))
            headings.append((starts[i], starts[i] + len(line)))
    sections = []
    for k, (start, title) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else length
        sections.append(Section(start, end, title.strip(), heading_subject(title)))
    return sections, headings
