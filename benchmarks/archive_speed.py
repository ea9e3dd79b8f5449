"""Archive runs over real papers: pages/s and MB/s with 1 and 2 workers, the Dask run beside the
process pool on the same files, peak memory of a worker on a 300-page PDF, and a projection to
100,000 papers.

    python benchmarks/archive_speed.py [--rounds 2] [--copies 1] [--skip-dask]

The papers are the PDFs under data/checking/sources (16 real papers, 364 pages), each copied
--copies times (a copy is read again: the cache is off). Every run is
a fresh `claimcheck extract FOLDER --output claims.parquet` process with the cache off; the
pool's runs are alternated, and all runs must write the same table.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pages(path: Path) -> int:
    import pypdfium2
    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def _run(folder: Path, output: Path, *options: str) -> tuple[float, int]:
    """Wall seconds of one extract run, and the peak resident memory (KB) of its largest process."""
    env = dict(os.environ, CLAIMCHECK_CACHE="off")
    command = [sys.executable, "-m", "claimcheck", "extract", str(folder), "--output", str(output), *options]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-800:]}")
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _peak(folder: Path, output: Path) -> int:
    """Peak resident memory (KB) of one extract process, measured by a fresh wrapper process so
    that no earlier run's peak is counted."""
    env = dict(os.environ, CLAIMCHECK_CACHE="off")
    command = [sys.executable, "-m", "claimcheck", "extract", str(folder), "--output", str(output), "--jobs", "1"]
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, env=env, cwd=ROOT)
    return int(done.stdout.strip())


def _table(path: Path):
    import pandas as pd
    return pd.read_parquet(path)


def _big_pdf(papers: list[Path], target: Path, pages: int = 300) -> None:
    """One PDF of `pages` pages, the papers' pages in turn."""
    import pypdfium2
    out = pypdfium2.PdfDocument.new()
    while len(out) < pages:
        for paper in papers:
            source = pypdfium2.PdfDocument(str(paper))
            take = min(len(source), pages - len(out))
            out.import_pages(source, list(range(take)))
            source.close()
            if len(out) >= pages:
                break
    out.save(str(target))
    out.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    papers = sorted((ROOT / "data" / "checking" / "sources").glob("**/*.pdf"))
    if not papers:
        raise SystemExit("no PDFs under data/checking/sources")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "papers"
        folder.mkdir()
        for copy in range(args.copies):
            for i, paper in enumerate(papers):
                shutil.copy(paper, folder / f"{copy:02d}_{i:02d}_{paper.name}")
        pages = sum(_pages(p) for p in folder.iterdir())
        megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        times: dict[str, list[float]] = {"1": [], "2": []}
        tables = {}
        for _ in range(args.rounds):
            for jobs in ("1", "2"):
                output = Path(tmp) / f"claims_{jobs}.parquet"
                elapsed, _ = _run(folder, output, "--jobs", jobs)
                times[jobs].append(elapsed)
                tables[jobs] = _table(output)
        dask = None
        if not args.skip_dask:
            output = Path(tmp) / "claims_dask.parquet"
            dask, _ = _run(folder, output, "--scheduler", "local")
            tables["dask"] = _table(output)
        same = all(tables[k].equals(tables["1"]) for k in tables)
        big = Path(tmp) / "big" / "300_pages.pdf"
        big.parent.mkdir()
        _big_pdf(papers, big)
        peak_kb = _peak(big.parent, Path(tmp) / "big.parquet")
        best = {k: min(v) for k, v in times.items()}
        print(f"{len(papers) * args.copies} papers, {pages} pages, {megabytes:.1f} MB; {os.cpu_count()} cores; "
              f"best of {args.rounds} alternated runs; cache off")
        for jobs in ("1", "2"):
            print(f"  --jobs {jobs}: {best[jobs]:.1f} s  {pages / best[jobs]:.1f} pages/s  "
                  f"{megabytes / best[jobs]:.2f} MB/s  ({', '.join(f'{t:.1f}' for t in times[jobs])})")
        print(f"  speed-up of 2 workers: {best['1'] / best['2']:.2f}x")
        if dask is not None:
            print(f"  Dask, local cluster of {os.cpu_count()} workers: {dask:.1f} s  {pages / dask:.1f} pages/s "
                  f"(its start-up included)")
        print(f"  tables identical across runs: {same}")
        print(f"  peak memory, one worker on a 300-page PDF: {peak_kb / 1024:.0f} MB")
        per_core = pages / best["1"]
        for cores in (2, 8, 32, 128):
            hours = 100_000 * 15 / (per_core * cores * (best["1"] / best["2"] / 2 if cores > 1 else 1)) / 3600
            print(f"  100,000 papers of 15 pages on {cores} cores: about {hours:.1f} h")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
