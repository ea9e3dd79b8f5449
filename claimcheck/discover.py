"""Which files a run checks: named files as they are, folders and glob patterns expanded.

A folder is searched recursively for digests by extension (Markdown, text, HTML, LaTeX, reStructuredText), hidden
folders (`.git`, `.venv`) left out; a path that does not exist but holds a glob character is
expanded as a glob (`**` spans folders), for shells that pass the pattern unexpanded. Exclusion
patterns apply to what folders and globs find, never to a file named on the command line (as
ruff and Vale do): naming a file is asking for it to be checked.
"""
from __future__ import annotations

import glob
import os
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from .ingest.markup import CONVERTED_SUFFIXES

DIGEST_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text") + CONVERTED_SUFFIXES
PAPER_SUFFIXES = DIGEST_SUFFIXES + (".pdf",)  # what `extract` and `check --self` find in a folder
_GLOB_CHARACTERS = frozenset("*?[")


class NothingFound(Exception):
    """A folder or pattern the user named holds no digest (exit code 2, naming it)."""


def is_digest_name(name: str, suffixes: tuple[str, ...] = DIGEST_SUFFIXES) -> bool:
    return name.lower().endswith(suffixes)


def excluded(path: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """Does an exclusion pattern match this path: its whole path ('drafts/*.md' as a suffix of it),
    its name ('*.draft.md') or one of its folders ('archive')?"""
    if not patterns:
        return False
    posix = PurePosixPath(path.replace(os.sep, "/"))
    whole = str(posix)
    parts = posix.parts
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if not pattern:
            continue
        if "/" in pattern:
            if fnmatchcase(whole, pattern) or fnmatchcase(whole, "*/" + pattern.lstrip("/")) \
                    or fnmatchcase(whole, pattern + "/*") or fnmatchcase(whole, "*/" + pattern.lstrip("/") + "/*"):
                return True
        elif any(fnmatchcase(part, pattern) for part in parts):
            return True
    return False


def _walk(folder: str, patterns, suffixes: tuple[str, ...] = DIGEST_SUFFIXES) -> list[str]:
    found = []
    for root, folders, files in os.walk(folder):
        # hidden folders and excluded ones are not entered; sorted, so the order is the same everywhere
        folders[:] = sorted(f for f in folders if not f.startswith(".") and not excluded(os.path.join(root, f), patterns))
        for name in sorted(files):
            path = os.path.join(root, name)
            if is_digest_name(name, suffixes) and not excluded(path, patterns):
                found.append(path)
    return sorted(found, key=lambda p: os.path.normpath(p).split(os.sep))  # files and folders in one order


def expand(paths: list[str], exclude: tuple[str, ...] | list[str] = (),
           suffixes: tuple[str, ...] = DIGEST_SUFFIXES) -> list[str]:
    """The files to check, in the order named (a folder's and a glob's in sorted order), each once.
    Raises NothingFound for a folder or glob that holds no digest once exclusions apply."""
    out: list[str] = []
    seen: set[str] = set()

    def keep(path: str) -> None:
        key = os.path.normpath(path) if path != "-" else path
        if key not in seen:
            seen.add(key)
            out.append(path)

    for path in paths:
        if path and path != "-" and os.path.isdir(path):
            found = _walk(path, exclude, suffixes)
            if not found:
                raise NothingFound(f"{path}: no digest in this folder (looked for {', '.join(suffixes)})")
            for file in found:
                keep(file)
        elif path and path != "-" and not os.path.lexists(path) and _GLOB_CHARACTERS & set(path):
            found = []
            last = path.replace(os.sep, "/").rsplit("/", 1)[-1]
            # 'notes/*.rst' asks for those files; 'notes/*' and 'notes/**' find digests by extension
            asked_suffix = "." in last[max(last.rfind(c) for c in "*?]"):]
            for match in sorted(glob.glob(path, recursive=True)):
                if os.path.isdir(match):
                    found += _walk(match, exclude, suffixes)
                elif not excluded(match, exclude) and (asked_suffix or is_digest_name(match, suffixes)):
                    found.append(match)
            if not found:
                raise NothingFound(f"{path}: no file matches this pattern")
            for file in found:
                keep(file)
        else:
            keep(path)
    return out
