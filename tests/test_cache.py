"""Claims cached by content hash: reused when nothing changed, rebuilt when anything did."""
from __future__ import annotations

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
    (entry,) = list(tmp_path.rglob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert cache.cached("k", b"x", lambda: 2) == 2
    assert pickle.loads(entry.read_bytes()) == 2


def test_off_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", "off")
    calls = []
    for _ in range(2):
        cache.cached("k", b"x", lambda: calls.append(1))
    assert len(calls) == 2


def test_unwritable_cache_costs_speed_not_correctness(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(blocker / "sub"))
    assert cache.cached("k", b"x", lambda: 5) == 5


def test_a_cached_check_gives_the_same_report(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    import claimcheck
    text = "## Kite\nKite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n"
    first = claimcheck.check(text).to_json()
    assert list(tmp_path.rglob("*.pickle"))
    assert claimcheck.check(text).to_json() == first
