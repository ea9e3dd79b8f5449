"""Claims cached by content hash: reused when nothing changed, rebuilt when anything did."""
from __future__ import annotations

import json
import pickle

from claimcheck import cache


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
    assert json.loads(entry.read_bytes())["value"] == 2


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
    for foreign in ({"$type": "system", "command": "touch x"}, {"$type": "Claim", "nope": 1},
                    {"$array": "O", "data": ""}, {"$tuple": "not a list"}):
        entry.write_text(json.dumps({"schema": cache.SCHEMA, "kind": "claims|a.md", "value": foreign}))
        assert cache.cached("claims|a.md", b"text", lambda: [3]) == [3]
    entry.write_text(json.dumps({"schema": cache.SCHEMA - 1, "kind": "claims|a.md", "value": [9]}))
    assert cache.cached("claims|a.md", b"text", lambda: [4]) == [4]  # an older schema is rebuilt


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
