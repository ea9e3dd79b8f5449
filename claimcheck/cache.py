"""Extracted claims cached by content hash, so re-checking a digest does not re-parse its PDFs.

The key is the file's bytes (or the document's text), its name, and a fingerprint of the
claimcheck code and pattern files that produce claims, so editing a lexicon or upgrading
invalidates old entries. Entries are pickles in `$CLAIMCHECK_CACHE` (default
`~/.cache/claimcheck`); `CLAIMCHECK_CACHE=off` or `--no-cache` turns caching off. A
damaged or unreadable entry is ignored and rebuilt, never fatal.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
_HERE = Path(__file__).resolve().parent
_enabled = True


def disable() -> None:
    global _enabled
    _enabled = False


def directory() -> Path | None:
    setting = os.environ.get("CLAIMCHECK_CACHE", "")
    if not _enabled or setting.lower() in ("off", "0", "no", "false"):
        return None
    return Path(setting) if setting else Path.home() / ".cache" / "claimcheck"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the modules and pattern files that turn bytes into claims."""
    from . import __version__
    from .lexicon import pattern_dirs
    digest = hashlib.sha256(__version__.encode())
    files = sorted((_HERE / "ingest").glob("*.py")) + sorted((_HERE / "extract").glob("*.py"))
    files += [_HERE / "model.py", _HERE / "sources.py"]
    for folder in pattern_dirs():
        files += sorted(folder.glob("*.json*"))
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def cached(kind: str, content: bytes, build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when the same content was built before."""
    folder = directory()
    if folder is None:
        return build()
    key = hashlib.sha256(kind.encode() + b"\0" + code_fingerprint().encode() + b"\0" + content).hexdigest()
    path = folder / key[:2] / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # a damaged entry: rebuild it
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home or a full disk costs speed, not correctness
    return value
