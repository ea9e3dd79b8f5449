"""Where the rule data lives: `patterns/` in a checkout, `claimcheck/_patterns` in a wheel.

Patterns and lexicons are data so that a user can add a benchmark or a phrasing without
touching code; `CLAIMCHECK_PATTERNS` (or `--patterns DIR`) adds a folder whose files are read
first.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def pattern_dirs() -> list[Path]:
    """Folders searched for a pattern file, the user's first."""
    dirs = []
    extra = os.environ.get("CLAIMCHECK_PATTERNS")
    if extra:
        dirs.append(Path(extra))
    for candidate in (_HERE / "_patterns", _HERE.parent / "patterns"):
        if candidate.is_dir():
            dirs.append(candidate)
    return dirs


def pattern_path(name: str) -> Path:
    for folder in pattern_dirs():
        path = folder / name
        if path.is_file():
            return path
    raise FileNotFoundError(f"pattern file {name!r} not found in {[str(d) for d in pattern_dirs()]}")


@lru_cache(maxsize=None)
def load_json(name: str):
    path = pattern_path(name)
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # (a JSON error is a ValueError)
        raise ValueError(f"{path}: {error}") from None


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict, ...]:
    rows = []
    path = pattern_path(name)
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                line = line.strip()
                if not line or line.startswith("//"):
                    continue
                try:
                    row = json.loads(line)
                except (ValueError, RecursionError) as error:
                    raise ValueError(f"{path}:{number}: {error}") from None
                if not isinstance(row, dict):
                    raise ValueError(f"{path}:{number}: a row must be a JSON object, not {type(row).__name__}")
                rows.append(row)
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text ({error})") from None
    return tuple(rows)


def phrase_alternation(phrases) -> str:
    """A regular-expression alternation of plain phrases ('ahead of', 'vs.'), longest first so the
    longer of two that share a start wins; words may be set apart by any run of spaces. The
    phrases are escaped: data never supplies pattern syntax."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"
