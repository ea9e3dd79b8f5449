"""Extracted claims cached by content hash, so re-checking a digest does not re-parse its PDFs.

The key is the file's bytes (or the document's text), its name, and a fingerprint of the
claimcheck code and pattern files that produce claims, so editing a lexicon or upgrading
invalidates old entries. Entries live in `$CLAIMCHECK_CACHE` (default `~/.cache/claimcheck`);
`CLAIMCHECK_CACHE=off` or `--no-cache` turns caching off.

A cache folder may come from anywhere (a CI cache restored from another branch), so entries
are plain JSON read with `json.loads` and rebuilt into a fixed list of data classes: nothing
in a cache file can run code. An entry that does not parse or does not match the schema is
ignored and rebuilt (a debug line, never a traceback). Entries are written to a temporary
file and renamed, so a process never reads half an entry; a cache folder that cannot be
written turns caching off for the run, with one warning.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import sys
import tempfile
from array import array
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

from .model import Claim, Document, Extraction, NumberReading, Quantity, Section, TableCell

T = TypeVar("T")
SCHEMA = 3  # bump when the stored shape changes: older entries are then never read
_HERE = Path(__file__).resolve().parent
_enabled = True
_unwritable: set[Path] = set()  # folders a write failed in: not tried again this run
_log = logging.getLogger("claimcheck.cache")


@lru_cache(maxsize=1)
def _types() -> dict[str, type]:
    """The only classes an entry may hold; any other name makes the entry invalid."""
    from .sources import Source  # sources uses the cache: imported when first needed
    return {cls.__name__: cls for cls in (Claim, Document, Extraction, NumberReading, Quantity, Section,
                                                    TableCell, Source)}


class InvalidEntry(ValueError):
    """A cache file that is not a well-formed entry of this schema."""


def disable() -> None:
    global _enabled
    _enabled = False


def directory() -> Path | None:
    setting = os.environ.get("CLAIMCHECK_CACHE", "")
    if not _enabled or setting.lower() in ("off", "0", "no", "false"):
        return None
    return Path(setting) if setting else Path.home() / ".cache" / "claimcheck"


def code_fingerprint() -> str:
    """Hash of the modules, pattern files and reader model that turn bytes into claims."""
    return _code_fingerprint(_reader_identity())


def _reader_identity() -> str:
    """Which reader reads: the rules alone (CLAIMCHECK_READER=rules), or a model file by its path."""
    if os.environ.get("CLAIMCHECK_READER", "").strip().lower() == "rules":
        return "rules"
    return os.environ.get("CLAIMCHECK_READER_MODEL", "")


@lru_cache(maxsize=4)
def _code_fingerprint(reader: str) -> str:
    from . import __version__
    from .lexicon import pattern_dirs
    digest = hashlib.sha256(__version__.encode() + f"|schema {SCHEMA}".encode())
    files = sorted((_HERE / "ingest").glob("*.py")) + sorted((_HERE / "extract").glob("*.py"))
    files += sorted((_HERE / "extract").glob("*.json"))  # the learned reader's weights
    files += [_HERE / "model.py", _HERE / "sources.py", _HERE / "cache.py"]
    for folder in pattern_dirs():
        files += sorted(folder.glob("*.json*"))
    if reader not in ("", "rules"):
        files.append(Path(reader))
    for file in files:
        digest.update(file.name.encode())
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"missing")
    digest.update(b"|reader " + reader.encode())
    return digest.hexdigest()[:16]


def cached(kind: str, content: bytes, build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when the same content was built before."""
    folder = directory()
    if folder is None or folder in _unwritable:
        return build()
    key = hashlib.sha256(kind.encode() + b"\0" + code_fingerprint().encode() + b"\0" + content).hexdigest()
    path = folder / key[:2] / f"{key}.json"
    try:
        return load_entry(path.read_bytes(), kind)
    except FileNotFoundError:
        pass
    except (OSError, InvalidEntry) as error:  # a damaged or foreign entry: rebuild it
        _log.debug("ignoring cache entry %s: %s", path, error)
    value = build()
    try:
        _write_atomically(path, dump_entry(value, kind))
    except (OSError, InvalidEntry) as error:
        _cannot_write(folder, error)
    return value


def dump_entry(value: Any, kind: str) -> bytes:
    """An entry as JSON bytes: the schema, what it is, and the value."""
    return json.dumps({"schema": SCHEMA, "kind": kind, "value": _encode(value)},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load_entry(data: bytes, kind: str) -> Any:
    """The value of an entry written by `dump_entry` for `kind`; InvalidEntry for anything else."""
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise InvalidEntry(f"not JSON ({type(error).__name__})") from None
    if not isinstance(payload, dict) or payload.get("schema") != SCHEMA or payload.get("kind") != kind:
        raise InvalidEntry("another schema or another kind of entry")
    try:
        return _decode(payload.get("value"))
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as error:
        raise InvalidEntry(f"malformed value ({type(error).__name__}: {error})") from None


def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name not in _types():
            raise InvalidEntry(f"cannot store a {name}")
        return {"$type": name, **{f.name: _encode(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, tuple):
        return {"$tuple": [_encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"$frozenset": sorted((_encode(v) for v in value), key=repr)}
    if isinstance(value, array):
        return {"$array": value.typecode, "data": base64.b64encode(value.tobytes()).decode("ascii")}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) and not k.startswith("$") for k in value):
            raise InvalidEntry("dictionary keys must be plain strings")
        return {k: _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise InvalidEntry(f"cannot store a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        raise TypeError(f"unexpected {type(value).__name__}")
    if "$type" in value:
        cls = _types()[value["$type"]]  # KeyError for any class not listed
        names = {f.name for f in fields(cls)}
        given = {k: v for k, v in value.items() if k != "$type"}
        if set(given) != names:
            raise ValueError(f"{cls.__name__} fields differ")
        return cls(**{k: _decode(v) for k, v in given.items()})
    if "$tuple" in value:
        return tuple(_decode(v) for v in _list(value["$tuple"]))
    if "$frozenset" in value:
        return frozenset(_decode(v) for v in _list(value["$frozenset"]))
    if "$array" in value:
        if value["$array"] not in ("f", "d"):
            raise ValueError("unexpected array type")
        data = array(value["$array"])
        data.frombytes(base64.b64decode(value["data"], validate=True))
        return data
    return {k: _decode(v) for k, v in value.items()}


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", suffix=".json", delete=False) as handle:
        try:
            handle.write(data)
        except BaseException:
            os.unlink(handle.name)
            raise
    os.replace(handle.name, path)


def _cannot_write(folder: Path, error: Exception) -> None:
    """A read-only or full cache folder costs speed, not correctness: one warning, then no
    caching in that folder for the rest of the run."""
    if folder not in _unwritable:
        _unwritable.add(folder)
        print(f"claimcheck: warning: cache disabled for this run ({folder}: {error})", file=sys.stderr)
