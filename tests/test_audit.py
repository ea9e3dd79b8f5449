"""Archive audits: a thousand files to one table, interrupted and resumed, with a corrupt file
among them; the same table from one process, a pool and a Dask cluster; papers checked against
themselves; digests paired with their sources by a manifest or by the arXiv ids they cite."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck import audit
from claimcheck.cli import main

pd = pytest.importorskip("pandas")


def _archive(folder: Path, count: int) -> list[str]:
    """`count` short digests, each with a margin (every seventh one wrong), and a corrupt PDF at
    the middle."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"issue_{i:04d}.md"
        margin = "3.1" if i % 7 == 0 else "2.1"
        path.write_text(f"## Kite-{i}\n\nKite-{i} scores 71.4 on MMLU, {margin} points above Ray (69.3).\n",
                        encoding="utf-8")
        paths.append(str(path))
    corrupt = folder / "issue_broken.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n\x00\x01 not a PDF after all")
    paths.insert(count // 2, str(corrupt))
    return paths


class _Stop(Exception):
    pass


def test_an_interrupted_run_redoes_none_of_the_finished_files_and_a_corrupt_file_is_one_row(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    paths = _archive(tmp_path / "archive", 999)
    assert len(paths) == 1000
    job = audit.Job(mode="extract")

    def interrupt(done: int, total: int) -> None:
        if done == 300:
            raise _Stop  # as Ctrl-C would, three tenths of the way
    with pytest.raises(_Stop):
        audit.run(paths, job, jobs=1, progress=interrupt)
    rows, stats = audit.run(paths, job, jobs=1)
    # the 300 finished files come from the first run; only the other 700 are read
    assert stats.cached == 300 and stats.built == 700 and stats.built_files == paths[300:]
    frame = pd.DataFrame(rows, columns=audit.columns("extract"))
    errors = frame[frame["error"].notna()]
    assert len(errors) == 1 and errors["document"].iloc[0].endswith("issue_broken.pdf")
    good = frame[frame["error"].isna()]
    assert good["document"].nunique() == 999 and len(good) == 999 * 3
    assert stats.errors == 1


@pytest.mark.parametrize("mode", ["extract", "check"])
def test_one_process_a_pool_and_a_dask_cluster_give_one_table(tmp_path, monkeypatch, mode):
    distributed = pytest.importorskip("distributed")
    paths = _archive(tmp_path / "archive", 40)
    job = audit.Job(mode=mode)
    tables = {}
    for how, options in (("one", {"jobs": 1}), ("pool", {"jobs": 2}), ("dask", {})):
        monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / f"cache_{mode}_{how}"))  # each does the work
        if how == "dask":  # a cluster of two worker processes, reached by its scheduler's address
            with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cluster:
                rows, stats = audit.run(paths, job, scheduler=cluster.scheduler_address)
        else:
            rows, stats = audit.run(paths, job, **options)
        assert stats.built == len(paths) and stats.errors == 1
        tables[how] = pd.DataFrame(rows, columns=audit.columns(mode))
    pd.testing.assert_frame_equal(tables["one"], tables["pool"])
    pd.testing.assert_frame_equal(tables["one"], tables["dask"])
    if mode == "check":
        flagged = tables["one"][tables["one"]["rule"] == "CC101"]
        assert len(flagged) == sum(1 for i in range(40) if i % 7 == 0)


PAPER = """# Heron: sparse attention at scale

Heron reaches 64.0 on ARC and 71.2 on HellaSwag, ahead of every baseline.

| Model | ARC | HellaSwag |
|---|---|---|
| Heron | 62.0 | 71.2 |
| Osprey | 58.1 | 69.9 |
"""


def test_a_paper_checked_against_itself(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    wrong = tmp_path / "heron.md"
    wrong.write_text(PAPER, encoding="utf-8")
    right = tmp_path / "heron_fixed.md"
    right.write_text(PAPER.replace("64.0 on ARC", "62.0 on ARC"), encoding="utf-8")
    rows, _ = audit.run([str(wrong), str(right)], audit.Job(mode="self"))
    frame = pd.DataFrame(rows, columns=audit.columns("self"))
    flagged = frame[(frame["status"] == "finding") & (frame["severity"] != "info")]
    # the prose's 64.0 against its own table's 62.0: as a figure stated twice (CC105) and, the
    # table taken as the source, as a mismatch with its cell (CC201); the corrected paper is clean
    assert set(flagged["document"]) == {str(wrong)}
    cell = flagged[flagged["rule"] == "CC201"]
    assert list(cell["text"]) == ["64.0"] and list(cell["expected"]) == [62.0]
    assert set(flagged["rule"]) == {"CC105", "CC201"}


def test_digests_paired_with_sources_by_a_manifest_and_by_the_ids_they_cite(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "2406.01234.md").write_text(PAPER.replace("64.0 on ARC", "62.0 on ARC"), encoding="utf-8")
    (tmp_path / "digests").mkdir()
    (tmp_path / "digests" / "week1.md").write_text(
        "# Week 1\n\n## Heron (arXiv 2406.01234)\n\nHeron scores 63.0 on ARC.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("digest,source\ndigests/week1.md,papers/2406.01234.md\n", encoding="utf-8")
    assert main(["check", "--manifest", "manifest.csv", "--output", "by_manifest.jsonl"]) == 0
    by_manifest = [json.loads(line) for line in Path("by_manifest.jsonl").read_text().splitlines()]
    assert [(r["rule"], r["text"], r["expected"]) for r in by_manifest if r["rule"] == "CC201"] == [("CC201", "63.0", 62.0)]
    assert main(["check", "digests", "--papers", "papers", "--output", "by_id.csv"]) == 0
    by_id = pd.read_csv("by_id.csv")
    assert list(by_id.loc[by_id["rule"] == "CC201", "text"]) == [63.0]
    assert "1 file(s)" in capsys.readouterr().err


def test_extract_writes_parquet_csv_and_json_lines_and_a_failed_file_is_exit_3(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    _archive(tmp_path / "archive", 6)
    outputs = {}
    for name in ("claims.csv", "claims.jsonl") + (("claims.parquet",) if _has_pyarrow() else ()):
        assert main(["extract", "archive", "--output", name, "--jobs", "2"]) == 3  # the corrupt PDF
        assert "7 file(s)" in capsys.readouterr().err
        outputs[name] = (pd.read_csv(name) if name.endswith(".csv") else pd.read_json(name, lines=True)
                         if name.endswith(".jsonl") else pd.read_parquet(name))
    for frame in outputs.values():
        assert list(frame.columns) == audit.columns("extract") and len(frame) == 6 * 3 + 1
        assert frame["error"].notna().sum() == 1


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
        return True
    except ImportError:
        return False


def test_rows_from_an_earlier_run_name_the_file_where_it_is_now(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    first = [p for p in _archive(tmp_path / "2024", 2) if p.endswith(".md")]
    audit.run(first, audit.Job())
    moved = tmp_path / "moved"
    (tmp_path / "2024").rename(moved)  # the archive moved: the same files, the same names
    _, stats = audit.run([str(moved / Path(p).name) for p in first], audit.Job())
    assert stats.built == 0  # nothing read again
    rows, _ = audit.run([str(moved / "issue_0000.md")], audit.Job())
    assert {r["document"] for r in rows} == {str(moved / "issue_0000.md")}
