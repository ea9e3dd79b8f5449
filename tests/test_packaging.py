"""What a release carries: the licence, type information, the example's sources, and in the
sdist everything its own tests read (python3 -m build was run on this tree: the sdist's tests
pass from the unpacked archive)."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_the_licence_the_metadata_names_is_shipped():
    meta = PROJECT["project"]
    assert meta["license"] == "MIT" and "MIT License" in (ROOT / "LICENSE").read_text()
    assert meta["license-files"] == ["LICENSE"]
    assert {"Homepage", "Issues", "Source"} <= set(meta["urls"]) and meta["classifiers"] and meta["keywords"]
    assert (ROOT / "claimcheck" / "py.typed").exists()


def test_the_sdist_carries_every_folder_the_tests_read():
    include = set(PROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"])
    read_by_tests = {"claimcheck", "patterns", "data", "tests", "notebooks", "docs", "tools", "benchmarks",
                     ".pre-commit-hooks.yaml", "LICENSE", "README.md", "pyproject.toml"}
    assert read_by_tests <= include
    assert all((ROOT / name).exists() for name in include)


def test_the_wheel_carries_the_example_and_its_sources():
    bundled = PROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert bundled["data/example_digest.md"] == "claimcheck/_data/example_digest.md"
    assert bundled["data/example_sources"] == "claimcheck/_data/example_sources"
    assert {p.name for p in (ROOT / "data" / "example_sources").iterdir()} >= {"lumen_det.pdf", "sparrow_results.csv"}


def test_the_example_sources_are_what_their_script_writes(tmp_path, monkeypatch):
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_example_sources", ROOT / "tools" / "make_example_sources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    module.main()
    for name in ("lumen_det.pdf", "sparrow_results.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / "example_sources" / name).read_bytes()
