"""Applying fixes to a digest's file: `--diff` shows them, `--fix` writes them.

A fix is placed by its line and columns in the file as it stands on disk, and only where the
file still holds the figure's text there (line endings, encodings and any reading of the text
change offsets, never the line's characters at a figure); a fix whose place no longer holds its
figure is left, and counted. Writing is atomic and keeps the file's mode; nothing else of the
file changes, line endings included.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass

from .model import Fix

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Fixed:
    path: str
    original: str
    text: str
    applied: tuple[Fix, ...]
    left: int   # fixes whose place no longer holds their figure, or overlapping another


def _lines(text: str) -> list[str]:
    """Lines with their own line breaks, split as the reader counts lines."""
    out, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    return out


def apply(path: str, original: str, fixes: list[Fix]) -> Fixed:
    lines = _lines(original)
    applied: list[Fix] = []
    left = 0
    taken: dict[int, list[tuple[int, int]]] = {}
    # right to left within a line, so the columns of the ones still to apply hold
    for fix in sorted(fixes, key=lambda f: (f.line, -f.column)):
        index, start = fix.line - 1, fix.column - 1
        end = start + len(fix.old)
        spans = taken.setdefault(index, [])
        if not 0 <= index < len(lines) or lines[index][start:end] != fix.old or any(
                s < end and start < e for s, e in spans):
            left += 1
            continue
        lines[index] = lines[index][:start] + fix.new + lines[index][end:]
        spans.append((start, end))
        applied.append(fix)
    return Fixed(path, original, "".join(lines), tuple(applied), left)


def unified_diff(fixed: Fixed) -> str:
    name = fixed.path.replace(os.sep, "/")
    return "".join(difflib.unified_diff(fixed.original.splitlines(keepends=True), fixed.text.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))


def write(fixed: Fixed) -> None:
    """Replace the file with its fixed text, atomically, keeping its mode and its line breaks."""
    from .files import write_atomically
    write_atomically(fixed.path, fixed.text, fixing_input=True)
