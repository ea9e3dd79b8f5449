"""Extracted claims cached by content hash, so re-checking a digest does not re-parse its PDFs.

The key is the file's bytes (or the document's text), its name, and a fingerprint of the
claimcheck code and pattern files that produce claims, so editing a lexicon or upgrading
invalidates old entries. Entries live in `$CLAIMCHECK_CACHE` (default `~/.cache/claimcheck`,
created mode 0700); `CLAIMCHECK_CACHE=off` or `--no-cache` turns caching off.

A cache folder may come from anywhere (a CI cache restored from another branch), so entries
are plain JSON read with `json.loads` and rebuilt into a fixed list of data classes: nothing
in a cache file can run code. Each entry stores a SHA-256 of its payload beside it, and the
payload names the tool's version, the code fingerprint, the kind and the key it was written
for: an entry edited by hand, truncated, or copied under another key is ignored and rebuilt.
The checksum is not keyed: whoever can write the cache folder can forge an entry, so a shared
cache is exactly as trusted as the code. Only regular files are opened (never a symlink, FIFO
or device, which could hang or feed endless bytes), and at most `_limit(content)` bytes are
read. An entry that fails any of this is ignored and rebuilt (a debug line, never a
traceback). Entries are written to a temporary file and renamed, so a process never reads half
an entry; a cache folder that cannot be written turns caching off for the run, with one warning.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import stat
import sys
import tempfile
from array import array
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

from .model import Claim, Document, Extraction, NumberReading, Quantity, Section, TableCell

T = TypeVar("T")
SCHEMA = 5  # bump when the stored shape changes: older entries are then never read
# What is read of one entry: a fixed allowance plus a multiple of the content it was built from
# (claims of prose take about 15 bytes of JSON per byte of text), so a large digest still caches
# but an entry can never make a run read gigabytes.
ENTRY_BASE_BYTES = 64 << 20
ENTRY_BYTES_PER_BYTE = 100
_HEAD, _MIDDLE, _TAIL = b'{"sha256":"', b'","payload":', b"}"
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


def enable() -> None:
    """Undo `disable` (each command-line run starts with the cache on unless told otherwise)."""
    global _enabled
    _enabled = True


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
    key = hashlib.sha256(_bytes(kind) + b"\0" + code_fingerprint().encode() + b"\0" + content).hexdigest()
    path = folder / key[:2] / f"{key}.json"
    try:
        data = _read_entry(path, _limit(content))
        if data is not None:
            return load_entry(data, kind, key)
    except (OSError, InvalidEntry) as error:  # a damaged, foreign or special entry: rebuild it
        _log.debug("ignoring cache entry %s: %s", path, error)
    value = build()
    try:
        _write_atomically(folder, path, dump_entry(value, kind, key))
    except (OSError, InvalidEntry) as error:
        _cannot_write(folder, error)
    return value


def _bytes(text: str) -> bytes:
    """UTF-8, keeping the undecodable bytes of a file name (surrogate escapes) distinct."""
    return text.encode("utf-8", "surrogatepass")


def _limit(content: bytes) -> int:
    return ENTRY_BASE_BYTES + ENTRY_BYTES_PER_BYTE * len(content)


def _read_entry(path: Path, limit: int) -> bytes | None:
    """An entry's bytes; None when there is none. A symlink, FIFO, device or folder, or a file
    over `limit` bytes, is InvalidEntry without being read (a FIFO is not even opened: lstat
    first, then O_NOFOLLOW|O_NONBLOCK and fstat in case it was swapped in between)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidEntry("not a regular file")
    flags = os.O_RDONLY
    for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        return None
    with os.fdopen(handle, "rb", buffering=0) as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InvalidEntry("not a regular file")
        if info.st_size > limit:
            raise InvalidEntry(f"{info.st_size} bytes, over the {limit}-byte bound")
        data = _read_at_most(stream, limit + 1)  # bounded even if the size was wrong (/proc)
    if len(data) > limit:  # it grew after fstat
        raise InvalidEntry(f"over the {limit}-byte bound")
    return data


def _read_at_most(stream, count: int) -> bytes:
    chunks, total = [], 0
    while total < count:
        chunk = stream.read(min(count - total, 1 << 24))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def dump_entry(value: Any, kind: str, key: str = "") -> bytes:
    """An entry as JSON bytes: the SHA-256 of the payload, then the payload (schema, version,
    code fingerprint, kind, key and the value)."""
    from . import __version__
    payload = _bytes(json.dumps({"schema": SCHEMA, "version": __version__, "code": code_fingerprint(),
                                 "kind": kind, "key": key, "value": _encode(value)},
                                ensure_ascii=False, separators=(",", ":")))
    return _HEAD + hashlib.sha256(payload).hexdigest().encode() + _MIDDLE + payload + _TAIL


def load_entry(data: bytes, kind: str, key: str = "") -> Any:
    """The value of an entry written by `dump_entry` for `kind` and `key`; InvalidEntry for
    anything else, including an entry whose payload does not match its checksum."""
    start = len(_HEAD) + 64 + len(_MIDDLE)
    if not (data.startswith(_HEAD) and data[start - len(_MIDDLE):start] == _MIDDLE and data.endswith(_TAIL)):
        raise InvalidEntry("not a checksummed entry")
    payload_bytes = data[start:len(data) - len(_TAIL)]
    stated = data[len(_HEAD):len(_HEAD) + 64]
    if not hmac.compare_digest(hashlib.sha256(payload_bytes).hexdigest().encode(), stated):
        raise InvalidEntry("checksum does not match the content")
    try:
        payload = json.loads(payload_bytes.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise InvalidEntry(f"not JSON ({type(error).__name__})") from None
    from . import __version__
    if not isinstance(payload, dict) or payload.get("schema") != SCHEMA or payload.get("kind") != kind:
        raise InvalidEntry("another schema or another kind of entry")
    if payload.get("version") != __version__ or payload.get("code") != code_fingerprint():
        raise InvalidEntry("written by another version of claimcheck")
    if payload.get("key") != key:
        raise InvalidEntry("written for other content")
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


def _write_atomically(folder: Path, path: Path, data: bytes) -> None:
    # 0700: other users cannot plant entries (the umask may only take more away); a folder that
    # exists already keeps its mode (a CI cache shared on purpose).
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", suffix=".json", delete=False) as handle:
        try:
            handle.write(data)
        except BaseException:
            os.unlink(handle.name)
            raise
    os.replace(handle.name, path)  # replaces a symlink or FIFO itself, never what it points to


def _cannot_write(folder: Path, error: Exception) -> None:
    """A read-only or full cache folder costs speed, not correctness: one warning, then no
    caching in that folder for the rest of the run."""
    if folder not in _unwritable:
        _unwritable.add(folder)
        print(f"claimcheck: warning: cache disabled for this run ({folder}: {error})", file=sys.stderr)
