"""Claims cached by content hash: reused when nothing changed, rebuilt when anything did."""
from __future__ import annotations

from pathlib import Path

import hashlib
import json
import os
import pickle
import stat
import subprocess
import sys

import pytest

from claimcheck import cache

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "example_digest.md"


def _payload(entry: Path) -> dict:
    """The payload of an entry file (after its checksum)."""
    return json.loads(entry.read_bytes())["payload"]


def _write_entry(entry: Path, payload: dict, checksum: str | None = None) -> None:
    """An entry in the stored shape; the checksum is the payload's own unless one is given."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    checksum = checksum or hashlib.sha256(body).hexdigest()
    entry.write_bytes(b'{"sha256":"' + checksum.encode() + b'","payload":' + body + b"}")


def test_reused_for_the_same_content_and_rebuilt_for_new(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    calls = []

    def build(value):
        def run():
            calls.append(value)
            return {"claims": value}
        return run

    assert cache.cached("claims|a.md", b"text one", build(1)) == {"claims": 1}
    assert cache.cached("claims|a.md", b"text one", build(2)) == {"claims": 1}   # from the cache
    assert cache.cached("claims|a.md", b"text two", build(3)) == {"claims": 3}   # content changed
    assert cache.cached("claims|b.md", b"text one", build(4)) == {"claims": 4}   # another document
    assert calls == [1, 3, 4]


def test_damaged_entries_are_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    cache.cached("k", b"x", lambda: 1)
    (entry,) = list(tmp_path.rglob("*.json"))
    entry.write_bytes(b"not json at all \xff")
    assert cache.cached("k", b"x", lambda: 2) == 2
    assert _payload(entry)["value"] == 2


def test_off_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", "off")
    calls = []
    for _ in range(2):
        cache.cached("k", b"x", lambda: calls.append(1))
    assert len(calls) == 2


def test_unwritable_cache_costs_speed_not_correctness(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(blocker / "sub"))
    assert cache.cached("k", b"x", lambda: 5) == 5
    assert cache.cached("k", b"y", lambda: 6) == 6
    warnings = [line for line in capsys.readouterr().err.splitlines() if "cache disabled" in line]
    assert len(warnings) == 1  # one warning, then no further attempts


def test_a_cached_check_gives_the_same_report(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    import claimcheck
    text = "## Kite\nKite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n"
    first = claimcheck.check(text).to_json()
    assert list(tmp_path.rglob("*.json"))
    assert claimcheck.check(text).to_json() == first



class _RunsCode:
    """What an attacker would store in a pickle cache: unpickling it runs a command."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        import os
        return (os.system, (f"touch {self.marker}",))


def test_a_replaced_entry_never_runs_code(tmp_path, monkeypatch):
    """A cache folder restored from elsewhere may hold anything: a pickle that runs a command,
    JSON naming a class outside the data model. Neither runs; both are rebuilt."""
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    cache.cached("claims|a.md", b"text", lambda: [1])
    (entry,) = list((tmp_path / "cache").rglob("*.json"))
    marker = tmp_path / "pwned"
    entry.write_bytes(pickle.dumps(_RunsCode(marker)))
    assert cache.cached("claims|a.md", b"text", lambda: [2]) == [2]
    assert not marker.exists()
    genuine = _payload(entry)
    for foreign in ({"$type": "system", "command": "touch x"}, {"$type": "Claim", "nope": 1},
                    {"$array": "O", "data": ""}, {"$tuple": "not a list"}):
        _write_entry(entry, {**genuine, "value": foreign})  # a correct checksum: the shape is what fails
        assert cache.cached("claims|a.md", b"text", lambda: [3]) == [3]
    _write_entry(entry, {**genuine, "schema": cache.SCHEMA - 1, "value": [9]})
    assert cache.cached("claims|a.md", b"text", lambda: [4]) == [4]  # an older schema is rebuilt
    _write_entry(entry, {**genuine, "version": "0.0.1", "value": [9]})
    assert cache.cached("claims|a.md", b"text", lambda: [5]) == [5]  # another version is rebuilt
    _write_entry(entry, {**genuine, "code": "0" * 16, "value": [9]})
    assert cache.cached("claims|a.md", b"text", lambda: [6]) == [6]  # other code is rebuilt
    assert cache.cached("claims|a.md", b"text", lambda: [7]) == [6]  # and the rebuilt entry is used


def test_documents_and_claims_round_trip_exactly(tmp_path):
    """What the cache stores (a Document with table cells and character boxes, Claims with
    settings) comes back equal, field by field."""
    from array import array
    from claimcheck.api import extract
    from claimcheck.ingest.text import parse_text
    from dataclasses import replace
    document = parse_text("| Model | Acc |\n|---|---|\n| Kite | 71.4 |\n\nKite is 2.1x faster on 8 GPUs.\n", "d.md")
    document = replace(document, boxes=array("f", [1.5, 2.25, 3.0, 4.0]), page_starts=(0,))
    back = cache.load_entry(cache.dump_entry(document, "pdf|d"), "pdf|d")
    assert back == document and back.boxes == document.boxes and back.cells == document.cells
    claims = extract(document)
    assert cache.load_entry(cache.dump_entry(claims, "claims|d"), "claims|d") == claims


def test_entries_are_written_whole(tmp_path, monkeypatch):
    """Writes go to a temporary file renamed into place: no partial or temporary files remain."""
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    for k in range(5):
        cache.cached("k", str(k).encode(), lambda: list(range(1000)))
    names = [p.name for p in tmp_path.rglob("*") if p.is_file()]
    assert len(names) == 5 and not [n for n in names if n.startswith(".tmp-")]


def _check_json(digest: Path, cache_dir: Path, *extra: str) -> list:
    """The findings of `claimcheck check` on `digest` (JSON), run with `cache_dir` as the cache."""
    env = {**os.environ, "CLAIMCHECK_CACHE": str(cache_dir)}
    run = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(digest), "--format", "json", *extra],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode in (0, 1), run.stderr
    assert "please report it" not in run.stderr
    return [(f["rule"], f["claim"]["line"], f["claim"]["column"], f["message"]) for f in json.loads(run.stdout)["findings"]]


def _claims_entry(cache_dir: Path) -> Path:
    (entry,) = [p for p in cache_dir.rglob("*.json") if _payload(p)["kind"].startswith("claims|")]
    return entry


def test_an_entry_edited_by_hand_is_rebuilt(tmp_path):
    """Claims emptied in an entry, its JSON shape kept: the checksum no longer matches, so the
    findings are those of a fresh run. Only a recomputed checksum makes the edit count (the
    checksum is not keyed: a shared cache is as trusted as the code)."""
    fresh = _check_json(EXAMPLE, tmp_path / "fresh", "--no-cache")
    assert len(fresh) >= 4
    folder = tmp_path / "cache"
    assert _check_json(EXAMPLE, folder) == fresh
    entry = _claims_entry(folder)
    original = entry.read_bytes()
    payload = _payload(entry)
    assert payload["value"]["$type"] == "Extraction" and payload["value"]["claims"]["$tuple"]
    emptied = {**payload, "value": {**payload["value"], "claims": {"$tuple": []}}}
    checksum = json.loads(original)["sha256"]
    _write_entry(entry, emptied, checksum)  # the old checksum kept
    assert _check_json(EXAMPLE, folder) == fresh
    assert entry.read_bytes() == original  # rebuilt in place
    _write_entry(entry, emptied)  # a forged checksum: read as written (this is what the check guards)
    assert _check_json(EXAMPLE, folder) == []


def test_an_entry_copied_under_another_key_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    cache.cached("k", b"one", lambda: "built from one")
    cache.cached("k", b"two", lambda: "built from two")
    first, second = sorted(tmp_path.rglob("*.json"), key=lambda p: _payload(p)["value"])
    second.write_bytes(first.read_bytes())  # a valid entry, but for other content
    assert cache.cached("k", b"two", lambda: "rebuilt") == "rebuilt"


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX special files")
@pytest.mark.parametrize("special", ["symlink to /dev/zero", "fifo", "folder"])
def test_an_entry_that_is_not_a_regular_file_is_never_read(tmp_path, special):
    """Reading /dev/zero never ends and opening a FIFO with no writer blocks: the run finishes
    with the findings of a fresh run, and the entry is rebuilt as a regular file."""
    folder = tmp_path / "cache"
    fresh = _check_json(EXAMPLE, folder)
    entry = _claims_entry(folder)
    entry.unlink()
    if special == "fifo":
        os.mkfifo(entry)
    elif special == "folder":
        entry.mkdir()
    else:
        entry.symlink_to("/dev/zero")
    assert _check_json(EXAMPLE, folder) == fresh
    if special != "folder":  # a folder cannot be replaced by a file: caching of it is skipped
        assert stat.S_ISREG(os.lstat(entry).st_mode) and _payload(entry)["kind"].startswith("claims|")


def test_the_cache_folder_is_private(tmp_path, monkeypatch):
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(folder))
    old = os.umask(0o022)
    try:
        cache.cached("k", b"x", lambda: 1)
    finally:
        os.umask(old)
    (entry,) = folder.rglob("*.json")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700


def test_an_oversized_entry_is_ignored(tmp_path, monkeypatch):
    """An entry over the bound is rebuilt, and one far over it is not even read."""
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    value = ["x" * 100] * 100
    cache.cached("k", b"x", lambda: value)
    (entry,) = tmp_path.rglob("*.json")
    size = entry.stat().st_size
    assert cache.cached("k", b"x", lambda: "rebuilt") == value  # within the bound: used
    monkeypatch.setattr(cache, "ENTRY_BASE_BYTES", size - 1)
    monkeypatch.setattr(cache, "ENTRY_BYTES_PER_BYTE", 0)
    assert cache.cached("k", b"x", lambda: "rebuilt") == "rebuilt"
    monkeypatch.undo()
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    reads = []
    monkeypatch.setattr(cache, "_read_at_most", lambda stream, count: reads.append(count) or b"")
    with open(entry, "r+b") as handle:
        handle.truncate(cache.ENTRY_BASE_BYTES + 100 * 2)  # sparse: no disk used, but too big
    assert cache.cached("k", b"x", lambda: "rebuilt again") == "rebuilt again"
    assert reads == []


def test_a_file_name_with_undecodable_bytes_is_cached(tmp_path, monkeypatch):
    """os.fsdecode(b"bad\xff.md") holds a lone surrogate: it keys and stores like any name."""
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    kind = "claims|" + os.fsdecode(b"bad\xff.md")
    assert cache.cached(kind, b"x", lambda: [kind]) == [kind]
    assert cache.cached(kind, b"x", lambda: ["rebuilt"]) == [kind]
    assert cache.cached("claims|" + os.fsdecode(b"bad\xfe.md"), b"x", lambda: ["other"]) == ["other"]
