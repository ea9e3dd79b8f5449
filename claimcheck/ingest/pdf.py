"""PDF in: page text with provenance for every character, from one of two backends.

- `pdfium` (default): pypdfium2, already a dependency of pdfplumber; reading order is right on
  two-column LaTeX papers, soft hyphens come back as U+FFFE with the two lines joined, and
  every character has a box and a font size. Hundreds of pages a second.
- `pdfplumber`: words with positions and font sizes (x_tolerance=1, use_text_flow=True), for
  geometry and hard pages; about fifty times slower.

Both produce the same `Document`: page-relative line numbers, a box for every character,
footnote digits raised and set smaller than the number they touch turned into superscript
marks (91.20 with a raised 2 reads 91.20², never 91.202), line-end hyphens joined, page
numbers and running heads kept out of the prose.
"""
from __future__ import annotations

import ctypes
import re
import statistics
from array import array
from pathlib import Path

from ..model import Document
from .text import InputError

_SUPERSCRIPT = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
SMALL_FONT = 0.8  # a digit set below this share of the body size, glued to a number, is a footnote mark


class _Builder:
    """Accumulates page text with a box per character and builds the Document."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.boxes = array("f")
        self.page_starts: list[int] = []
        self.skip: list[tuple[int, int]] = []

    def start_page(self) -> None:
        if self.length and not self.parts[-1].endswith("\n"):
            self.add("\n", None)
        self.page_starts.append(self.length)

    def add(self, text: str, box) -> None:
        self.parts.append(text)
        self.length += len(text)
        for _ in text:
            self.boxes.extend(box if box is not None else (0.0, 0.0, 0.0, 0.0))

    def document(self, name: str) -> Document:
        text = "".join(self.parts)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        if starts[-1] == len(text) and len(starts) > 1:
            starts.pop()
        skip = sorted(self.skip + _running_heads(text, self.page_starts))
        from .pdf_tables import link_tables
        return link_tables(Document(name=name, text=text, line_starts=tuple(starts), code=tuple(skip),
                                    page_starts=tuple(self.page_starts), boxes=self.boxes))


def read_pdf(path: str | Path, backend: str = "pdfium", name: str | None = None) -> Document:
    """Read a PDF into a Document; `backend` is 'pdfium' or 'pdfplumber'."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    with open(path, "rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise InputError(f"{path}: not a PDF file")
    try:
        if backend == "pdfium":
            document = _read_pdfium(path, name or str(path))
        elif backend == "pdfplumber":
            document = _read_pdfplumber(path, name or str(path))
        else:
            raise InputError(f"unknown PDF backend {backend!r} (use pdfium or pdfplumber)")
    except InputError:
        raise
    except Exception as error:  # a broken or encrypted file: say so, never a traceback
        if "password" in str(error).lower():
            raise InputError(f"{path}: encrypted PDF (a password is needed to read it)") from None
        raise InputError(f"{path}: cannot read this PDF ({type(error).__name__}: {error})") from None
    if document.page_starts and not document.text.strip():
        raise InputError(f"{path}: no text layer in {len(document.page_starts)} page(s) (a scanned or image-only "
                         f"PDF?); claimcheck reads a PDF's text, not its images")
    return document


def _read_pdfium(path: Path, name: str) -> Document:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    builder = _Builder()
    # the raw call with four reused doubles: the helper makes four new ones per character
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            height = page.get_height()
            textpage = page.get_textpage()
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count) if count else ""
            builder.start_page()
            # every visible character's size: a '.' or '±' set small marks a small number, not a footnote
            sizes = {i: raw.FPDFText_GetFontSize(textpage.raw, i) for i, ch in enumerate(text) if not ch.isspace()}
            # (the size of the page's letters; a page of figures and signs only, a table or a plot's
            # tick labels, has none: the size of all it writes then)
            letters = [v for i, v in sizes.items() if text[i].isalpha()] or list(sizes.values())
            body = statistics.median(letters) if letters else 0.0
            i = 0
            line_x0 = None  # where the current line's first character stands
            while i < len(text):
                ch = text[i]
                if ch == "\r":
                    i += 1
                    continue
                if ch == "\ufffe":  # a line-end hyphen where pdfium joined two lines
                    following = text[i + 1:i + 2]
                    wraps = not following or line_x0 is None or not raw.FPDFText_GetCharBox(
                        textpage.raw, i + 1, left, right, bottom, top) or left.value <= line_x0 + 2 * (body or 10)
                    if not wraps:
                        # the text goes on at another column, not at the line's start: a table's
                        # header cell ('Heron-' over '7B-RL', the next cell 'kite-mini'), no word wrapped
                        builder.add("-", None)
                        builder.add("\n", None)
                        line_x0 = None
                        i += 1
                        continue
                    if following.islower():  # "evalua-" + "tion": one word
                        i += 1
                        continue
                    ch = "-"  # "Mixtral-" + "Instruct", "Qwen2.5-" + "VL": a name keeps its hyphen
                if ch == "\n":
                    line_x0 = None
                    builder.add("\n", None)
                    i += 1
                    continue
                if not raw.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom, top):
                    raise InputError(f"{path}: cannot read the box of character {i}")
                box = (left.value, height - top.value, right.value, height - bottom.value)
                if line_x0 is None and not ch.isspace():
                    line_x0 = left.value
                if ch.isdigit() and body and _is_marker(text, i, sizes, body):
                    ch = ch.translate(_SUPERSCRIPT)
                builder.add(ch, box)
                i += 1
            _skip_page_number(builder)
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return builder.document(name)


def _is_marker(text: str, i: int, sizes: dict[int, float], body: float) -> bool:
    """A small digit glued to the number or word before it: a footnote or affiliation mark."""
    size = sizes.get(i, body)
    if size >= SMALL_FONT * body or i == 0:
        return False
    previous = i - 1
    while previous >= 0 and text[previous].isdigit() and sizes.get(previous, body) < SMALL_FONT * body:
        previous -= 1
    if previous < 0:
        return False
    before = text[previous]
    following = i + 1
    if following < len(text) and text[following].isalnum() and sizes.get(following, 0.0) >= SMALL_FONT * body:
        return False  # "2025" with one glyph reported smaller: a marker ends its run
    return (before.isdigit() or before.isalpha() or before in ".,)%") and sizes.get(previous, body) >= SMALL_FONT * body


def _skip_page_number(builder: _Builder) -> None:
    """The last line of a page when it is only a number (the page number)."""
    text = "".join(builder.parts[-200:])
    tail = re.search(r"(?:^|\n)[ \t]*(\d{1,4})[ \t]*\n?$", text)
    if tail:
        end = builder.length
        builder.skip.append((end - (len(text) - tail.start(1)), end))


def _running_heads(text: str, page_starts: list[int]) -> list[tuple[int, int]]:
    """First or last lines that repeat on most pages (titles, venue lines) are not prose."""
    if len(page_starts) < 3:
        return []
    bounds = list(page_starts) + [len(text)]
    seen: dict[str, list[tuple[int, int]]] = {}
    for start, end in zip(bounds, bounds[1:]):
        page = text[start:end]
        lines = [m for m in re.finditer(r"[^\n]+", page)]
        for m in lines[:2] + lines[-2:]:
            key = re.sub(r"\d+", "#", m.group().strip())
            if len(key) > 3:
                seen.setdefault(key, []).append((start + m.start(), start + m.end()))
    out = []
    for spans in seen.values():
        if len(spans) >= max(3, len(page_starts) // 2):
            out.extend(spans)
    return out


def _read_pdfplumber(path: Path, name: str) -> Document:
    import logging

    import pdfplumber
    # pdfminer warns on stderr of each malformed page box it mends; the tool's stderr holds at most
    # one line of its own
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    builder = _Builder()
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            builder.start_page()
            words = page.extract_words(x_tolerance=1, y_tolerance=3, use_text_flow=True,
                                       extra_attrs=["size"], keep_blank_chars=False)
            body = statistics.median(w["size"] for w in words) if words else 0.0
            previous = None
            line_x0 = None  # where the current line's first word stands
            for word in words:
                text = word["text"]
                for ligature, letters in (("\ufb01", "fi"), ("\ufb02", "fl"), ("\ufb00", "ff"),
                                          ("\ufb03", "ffi"), ("\ufb04", "ffl")):
                    text = text.replace(ligature, letters)
                small = body and word["size"] < SMALL_FONT * body
                if previous is not None:
                    glued = word["x0"] - previous["x1"] < 1.0 and abs(word["top"] - previous["top"]) < previous["size"]
                    if small and text.isdigit() and glued:
                        text = text.translate(_SUPERSCRIPT)  # raised, smaller, glued: a footnote mark
                    elif word["top"] > previous["bottom"] - 1 or word["x0"] < previous["x0"] - 1:
                        # a wrapped word goes on at the line's start; one that goes on at another
                        # column is a table's next cell ('Heron-' over '7B-RL', then 'kite-mini')
                        wraps = line_x0 is None or word["x0"] <= line_x0 + 2 * (body or 10)
                        if builder.parts[-1] == "-" and text[:1].islower() and wraps:
                            _drop_hyphen(builder)  # "evalua-" / "tion": one word
                        else:
                            builder.add("\n", None)
                        line_x0 = word["x0"]
                    else:
                        builder.add(" ", None)
                _add_word(builder, text, word)
                if line_x0 is None:
                    line_x0 = word["x0"]
                previous = word
            _skip_page_number(builder)
            page.close()  # pdfplumber caches parsed objects per page: free them
    return builder.document(name)


def _drop_hyphen(builder: _Builder) -> None:
    """Remove the line-end hyphen just added (words are added one character at a time)."""
    builder.parts.pop()
    builder.length -= 1
    del builder.boxes[len(builder.boxes) - 4:]


def _add_word(builder: _Builder, text: str, word: dict) -> None:
    """A word's characters, each with its share of the word's box."""
    width = (word["x1"] - word["x0"]) / max(len(text), 1)
    for k, ch in enumerate(text):
        box = (word["x0"] + k * width, word["top"], word["x0"] + (k + 1) * width, word["bottom"])
        builder.add(ch, box)
