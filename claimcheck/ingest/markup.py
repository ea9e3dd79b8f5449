"""HTML (arXiv HTML pages), LaTeX and reStructuredText source in, as Markdown-like text for the text ingest.

Tables become Markdown tables, so their cells know their row and column headers; headings
become '#' headings; scripts, styles, navigation and LaTeX comments are dropped. Line
numbers then refer to this rendering, which `claimcheck extract` shows.
"""
from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from ..model import Document
from .text import InputError, decode_text, parse_text

# files read by conversion to Markdown (positions mapped back to the file's lines)
CONVERTED_SUFFIXES = (".html", ".htm", ".tex", ".rst", ".rest")

_SKIP = {"script", "style", "nav", "header", "footer", "noscript", "svg", "button", "form"}
_LINK_NUMBER = re.compile(r"\d{1,6}")
_BLOCK = {"p", "div", "section", "article", "li", "br", "figcaption", "caption", "blockquote", "dd", "dt"}


class _HtmlToText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lines: list[int] = []  # the source line of each piece of `out`
        self.row_lines: list[int] = []  # the source line of each table row
        self.skip = 0
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.caption: list[str] = []  # a table's <caption>, written as the line above its rows
        self.caption_line: int | None = None
        self.anchor: tuple[list[str], int] | None = None  # where an open link's text starts

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            target = self.cell if self.cell is not None else self.out if self.rows is None else None
            self.anchor = (target, len(target)) if target is not None else None
        if tag in _SKIP:
            self.skip += 1
        elif tag == "math":
            alt = dict(attrs).get("alttext")
            if alt and not self.skip:
                self._text(" " + _latex_inline(alt) + " ")
                self.skip += 1
                self._math_skipped = True
                return
        elif re.fullmatch(r"h[1-6]", tag):
            self._emit("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "table":
            self.rows = []
            self.caption, self.caption_line = [], None
        elif tag == "caption" and self.rows is not None:
            self.caption_line = self.getpos()[0]
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
            self.row_lines.append(self.getpos()[0])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = []
        elif tag in _BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag == "a" and self.anchor is not None:
            # a link whose whole text is a number ("props: 1, 2, 3" linking three files) labels
            # what it points to: written as Markdown writes a numbered reference, "[1]"
            target, start = self.anchor
            text = "".join(target[start:]).strip()
            if _LINK_NUMBER.fullmatch(text):
                target[start:] = ["[" + text + "]"]
                if target is self.out:
                    self.lines[start + 1:] = []
            self.anchor = None
        if tag in _SKIP or (tag == "math" and getattr(self, "_math_skipped", False)):
            self.skip = max(0, self.skip - 1)
            self._math_skipped = False
        elif re.fullmatch(r"h[1-6]", tag):
            self._emit("\n\n")
        elif tag in ("td", "th") and self.rows is not None and self.cell is not None:
            if self.rows:
                self.rows[-1].append(" ".join("".join(self.cell).split()).replace("|", "\\|"))
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self._emit("\n\n")
            caption = " ".join("".join(self.caption).split())
            if caption:
                # 'Table 3: Accuracy (%) on ...' above the rows, as a Markdown table's caption stands
                self._emit(caption.replace("|", "\\|") + "\n\n", self.caption_line)
            for line, row in _markdown_rows(self.rows):  # each row at the line its <tr> stands on
                self._emit(line + "\n", self.row_lines[row] if row < len(self.row_lines) else None)
            self._emit("\n")
            self.rows = None
            self.row_lines = []
        elif tag in _BLOCK:
            self._emit("\n")

    def handle_data(self, data):
        if not self.skip:
            self._text(data)

    def _text(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif self.rows is not None and self.caption_line is not None:
            self.caption.append(data)
        elif self.rows is None:
            self._emit(data, data=True)

    def _emit(self, piece: str, line: int | None = None, data: bool = False) -> None:
        """Append to the text, with the source line it starts on (negative for the page's own
        text, whose line breaks are the file's: each one is a line further down)."""
        self.out.append(piece)
        line = self.getpos()[0] if line is None else line
        self.lines.append(-line if data else line)


def _markdown_rows(rows: list[list[str]]) -> list[tuple[str, int]]:
    """A Markdown table's lines, each with the index of the row it shows (the separator: the
    header's)."""
    kept = [(i, r) for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not kept:
        return []
    width = max(len(r) for _, r in kept)
    lines = [("| " + " | ".join(r + [""] * (width - len(r))) + " |", i) for i, r in kept]
    lines.insert(1, ("|" + "---|" * width, kept[0][0]))
    return lines


def _markdown_table(rows: list[list[str]]) -> str:
    return "\n".join(line for line, _ in _markdown_rows(rows))


def html_to_text(markup: str) -> str:
    return html_to_text_lines(markup)[0]


def html_to_text_lines(markup: str) -> tuple[str, tuple[int, ...]]:
    """(the page as Markdown-like text, the source line each line of it comes from)."""
    parser = _HtmlToText()
    parser.feed(markup)
    parser.close()
    lines: list[str] = []
    sources: list[int | None] = []
    for piece, line in zip(parser.out, parser.lines):
        step = 1 if line < 0 else 0  # the page's own line breaks move down the file; ours do not
        for k, segment in enumerate(piece.split("\n")):
            if k or not lines:
                lines.append("")
                sources.append(None)
            lines[-1] += segment
            if sources[-1] is None and segment.strip():
                sources[-1] = abs(line) + k * step  # a line comes from where its first visible text stands
    # the text as the page reads: spaces collapsed outside tables, one blank line at most, none
    # at either end; each line keeps its source line (a blank one, its neighbour's)
    out: list[str] = []
    out_sources: list[int] = []
    last = 1
    for text, source in zip(lines, sources):
        text = " ".join(text.split()) if not text.startswith("|") else text
        last = source if source is not None else last
        if not text.strip() and (not out or not out[-1].strip()):
            continue
        out.append(text)
        out_sources.append(last)
    while out and not out[-1].strip():
        out.pop()
        out_sources.pop()
    return "\n".join(out) + "\n", tuple(out_sources)


# -- LaTeX -------------------------------------------------------------------------------

_LATEX_SYMBOLS = {r"\pm": "±", r"\times": "×", r"\%": "%", r"\&": "&", r"\approx": "≈", r"\sim": "~",
                  r"\geq": "≥", r"\leq": "≤", r"\ge": "≥", r"\le": "≤", r"\textasciitilde": "~", r"\,": " ",
                  r"\;": " ", r"\!": "", r"\ ": " ", r"\_": "_", r"\$": "$", "~": " "}


def _latex_inline(text: str) -> str:
    """Math and formatting commands to plain text: $83.64_{\\pm 1.44}$ -> 83.64±1.44."""
    for command, symbol in _LATEX_SYMBOLS.items():
        text = text.replace(command, symbol)
    text = re.sub(r"\\(?:multicolumn|multirow)\{[^{}]*\}\{[^{}]*\}\{((?:[^{}]|\{[^{}]*\})*)\}", r"\1", text)
    for _ in range(3):  # nested \textbf{\underline{x}}
        text = re.sub(r"\\[a-zA-Z]+\*?(?:\[[^\]]*\])?\{((?:[^{}]|\{[^{}]*\})*)\}", r"\1", text)
    text = re.sub(r"\\[a-zA-Z]+\*?", "", text)
    text = text.replace("$", "").replace("{", "").replace("}", "").replace("^", "").replace("_", "")
    return " ".join(text.split())


_MULTICOLUMN = re.compile(r"\\multicolumn\{(\d{1,2})\}\{[^{}]*\}\{((?:[^{}]|\{[^{}]*\})*)\}")


def _spread_columns(row: str) -> str:
    """A row's \\multicolumn{n}{..}{x} as x and n-1 empty cells after it, so that the cells after
    it keep their columns ('performance' over F1 and mAP, then 'size' over params); an empty header
    cell right of a filled one is then read as spanned by it, as in Markdown."""
    return _MULTICOLUMN.sub(lambda m: m.group(2) + " &" * max(0, int(m.group(1)) - 1), row)


def latex_to_text(source: str) -> str:
    source = re.sub(r"(?<!\\)%.*", "", source)  # comments
    out = []
    for part in re.split(r"(\\begin\{tabular\*?\}.*?\\end\{tabular\*?\})", source, flags=re.S):
        if part.startswith("\\begin{tabular"):
            body = re.sub(r"^\\begin\{tabular\*?\}(?:\{[^{}]*\})?\{(?:[^{}]|\{[^{}]*\})*\}", "", part)
            body = re.sub(r"\\end\{tabular\*?\}$", "", body)
            body = re.sub(r"\\(?:toprule|midrule|bottomrule|hline|cmidrule(?:\([^)]*\))?\{[^{}]*\}|addlinespace)", "", body)
            rows = [[_latex_inline(c).replace("|", "\\|") for c in re.split(r"(?<!\\)&", _spread_columns(row))]
                    for row in re.split(r"\\\\(?:\[[^\]]*\])?", body) if row.strip()]
            out.append("\n\n" + _markdown_table(rows) + "\n\n")
            continue
        part = re.sub(r"\\(?:sub)*section\*?\{([^{}]*)\}", lambda m: "\n\n## " + m.group(1) + "\n\n", part)
        part = re.sub(r"\\caption\{((?:[^{}]|\{[^{}]*\})*)\}", lambda m: "\n" + m.group(1) + "\n", part)
        part = re.sub(r"\\(?:begin|end)\{[^{}]*\}(?:\[[^\]]*\])?", "\n", part)
        part = re.sub(r"\\(?:cite[pt]?|ref|label|eqref|url|footnote)\{[^{}]*\}", "", part)
        out.append("\n".join(_latex_inline(line) if line.strip() else "" for line in part.split("\n")))
    text = "".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def read_markup(path: str | Path, kind: str) -> Document:
    """Read an HTML or LaTeX file as text files are read: a regular file only, within the size
    bound, decoded by its byte-order mark (UTF-16 and UTF-32 too), else as UTF-8."""
    from ..files import FileProblem, read_input
    path = Path(path)
    try:
        raw = decode_text(read_input(path), str(path))
    except FileProblem as problem:
        raise InputError(f"{path}: {problem}") from None
    return parse_markup(raw, str(path), kind)


def parse_markup(raw: str, name: str, kind: str) -> Document:
    """HTML or LaTeX text read as Markdown, its positions mapped back to the file's own lines
    and columns (what a CI annotation or an editor points at)."""
    if kind == "html":
        text, lines = html_to_text_lines(raw)
    else:
        from .linemap import map_lines
        if kind == "rst":
            from .rst import rst_to_text
            text = rst_to_text(raw)
        else:
            text = html.unescape(latex_to_text(raw))
        lines = map_lines(raw, text)
    return replace(parse_text(text, name), source_lines=lines, source_text=tuple(split_lines(raw)))


def split_lines(text: str) -> list[str]:
    """A file's lines as a report counts them (CRLF and CR are line breaks)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
