"""`claimcheck check DIR --jobs 2` against `--jobs 1`: wall time over a folder of digests, runs
alternated, output compared byte for byte.

    python benchmarks/batch_jobs.py [--digests 200] [--rounds 3] [--digest FILE]

The digests are the checking sets' (data/checking/*/*.md, short digests with planted slips, 2 KB
on average), taken in turn until there are --digests of them, or copies of one --digest FILE
(the real newsletter of ../shared/corpus/digests is 16 KB), each copy with a line of its own so
that no two files are the same. Every run is a fresh process with the claims cache off. A run
pays about 1.3 s that one process cannot share (starting Python, importing spaCy in each worker,
rendering the report), so the speed-up grows with the work: see the README.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_folder(folder: Path, count: int, digest: Path | None = None) -> None:
    originals = [digest] if digest else \
        sorted((ROOT / "data" / "checking").glob("*/*.md")) or [ROOT / "data" / "example_digest.md"]
    for i in range(count):
        source = originals[i % len(originals)]
        (folder / f"digest_{i:04d}.md").write_text(source.read_text(encoding="utf-8") + f"\n\nIssue {i}.\n",
                                                   encoding="utf-8")


def run(folder: Path, jobs: int) -> tuple[float, bytes]:
    env = dict(os.environ, CLAIMCHECK_CACHE="off")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(folder), "--jobs", str(jobs),
                           "--format", "json", "--fail-on", "never"], capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"--jobs {jobs} failed: {done.stderr.decode()[-500:]}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--digest", type=Path, default=None, help="copy this digest instead of the checking sets'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_folder(folder, args.digests, args.digest)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        times: dict[int, list[float]] = {1: [], 2: []}
        outputs: dict[int, bytes] = {}
        for _ in range(args.rounds):
            for jobs in (1, 2):
                elapsed, out = run(folder, jobs)
                times[jobs].append(elapsed)
                if outputs.setdefault(jobs, out) != out:
                    raise SystemExit(f"--jobs {jobs} gave different output from one run to the next")
        same = outputs[1] == outputs[2]
        best = {jobs: min(t) for jobs, t in times.items()}
        print(f"{args.digests} digests, {size:.2f} MB, {os.cpu_count()} cores, best of {args.rounds} alternated runs")
        for jobs in (1, 2):
            print(f"  --jobs {jobs}: {best[jobs]:.2f} s  ({', '.join(f'{t:.2f}' for t in times[jobs])})")
        print(f"  speed-up {best[1] / best[2]:.2f}x; output identical: {same}")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
