from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """../shared (the corpus and gold lists); tests that need it skip where it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


def pytest_configure(config):
    # tests never write into the user's own cache
    import os
    import tempfile
    os.environ["CLAIMCHECK_CACHE"] = tempfile.mkdtemp(prefix="claimcheck-cache-")
    # the rules are tested as rules: each test of a reading states what the rules read; the
    # learned reader has tests of its own (test_learned_reading.py, test_reader_*.py), which
    # load the shipped model explicitly
    os.environ["CLAIMCHECK_READER"] = "rules"


@pytest.fixture
def shipped_reader(monkeypatch):
    """Read with the shipped model for one test (the suite reads with the rules alone): the model
    is loaded afresh before and forgotten after, so neither side sees the other's."""
    from claimcheck.extract.decide import load_model
    monkeypatch.delenv("CLAIMCHECK_READER", raising=False)
    load_model.cache_clear()
    yield
    load_model.cache_clear()
