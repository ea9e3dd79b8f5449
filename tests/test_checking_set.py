"""The source-checking set in data/checking is whole: every digest has its labels and sources,
every labelled line is in the digest, every source exists and says where it came from."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "data" / "checking"
DIGESTS = sorted(ROOT.glob("*/*.md")) if ROOT.exists() else []


@pytest.mark.parametrize("digest", DIGESTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_digest_has_labels_that_stand_in_it_and_sources_that_exist(digest):
    gold = json.loads(digest.with_name(digest.stem + ".findings.json").read_text(encoding="utf-8"))
    lines = digest.read_text(encoding="utf-8").split("\n")
    assert gold["must_flag"], "a digest of the set plants slips"
    for item in gold["must_flag"] + gold["must_not_flag"]:
        assert all(1 <= n <= len(lines) for n in item["lines"]), item["id"]
        assert item.get("values") or len(item["lines"]) >= 2, item["id"]  # a slip without figures ties two lines
    # one source per line: a file name may hold a space ('computer science_summary.json')
    sources = [line.strip() for line in digest.with_name(digest.stem + ".sources").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sources
    for source in sources:
        path = (digest.parent / source).resolve()
        assert path.is_file(), source
        # the SOURCE.txt of its folder under sources/ (a source may sit in a subfolder: '1h/', '4h/')
        folder = ROOT / "sources" / path.relative_to(ROOT / "sources").parts[0]
        assert (folder / "SOURCE.txt").is_file(), source


def test_each_split_holds_its_digests():
    if not ROOT.exists():
        pytest.skip("no data/checking")
    assert len(list((ROOT / "dev").glob("*.md"))) == 20
    assert len(list((ROOT / "dev2").glob("*.md"))) == 12
    assert len(list((ROOT / "heldout").glob("*.md"))) == 10
    assert len(list((ROOT / "heldout2").glob("*.md"))) == 12
    assert len(list((ROOT / "heldout3").glob("*.md"))) == 12
    assert len(list((ROOT / "dev3").glob("*.md"))) == 12
    assert len(list((ROOT / "heldout7").glob("*.md"))) == 12
    assert len(list((ROOT / "heldout8").glob("*.md"))) == 12
    assert len(list((ROOT / "heldout9").glob("*.md"))) == 12
    assert len(list((ROOT / "heldout10").glob("*.md"))) == 12
    assert len(list((ROOT / "heldout11").glob("*.md"))) == 12
    assert len(list((ROOT / "dev4").glob("*.md"))) == 12
