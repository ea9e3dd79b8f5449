"""Checking time and peak memory of one large realistic digest, per size.

    python benchmarks/digest_scale.py [--mb 1 5 20] [--renamed]

The digest is the bundled example repeated until it reaches each size (with --renamed, every
copy's system names get a suffix of their own, so the document holds thousands of names). Each
size is checked by `claimcheck check` in a fresh process with the cache off; the script prints
seconds, seconds per MB (and its ratio to the first size's) and the child's peak resident memory.
"""
from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_NAMES = re.compile(r"\b(Lumen-Det|StrongDet|RetinaBase|QuickServe|Sparrow|PolyFID)\b")


def digest(megabytes: float, renamed: bool) -> str:
    example = (ROOT / "data" / "example_digest.md").read_text(encoding="utf-8")
    copies, size, index = [], 0, 0
    while size < megabytes * 1_000_000:
        text = _NAMES.sub(lambda m: f"{m.group(1)}{index}", example) if renamed else example
        copies.append(text)
        size += len(text.encode("utf-8"))
        index += 1
    return "\n".join(copies)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 5.0, 20.0])
    parser.add_argument("--renamed", action="store_true", help="a name of its own for every copy's systems")
    args = parser.parse_args()
    first = None
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.mb:
            path = Path(folder) / f"digest-{megabytes:g}mb.md"
            path.write_text(digest(megabytes, args.renamed), encoding="utf-8")
            size = path.stat().st_size / 1_000_000
            start = time.perf_counter()
            run = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(path), "--no-cache",
                                  "--format", "concise"], capture_output=True, text=True, cwd=ROOT)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
            rate = seconds / size
            first = first or rate
            print(f"{size:6.1f} MB  exit {run.returncode}  {seconds:7.1f} s  {rate:6.1f} s/MB "
                  f"(x{rate / first:.2f} of the first)  peak RSS {peak:,.0f} MB  "
                  f"{len(run.stdout.splitlines())} findings", flush=True)
            if run.returncode not in (0, 1):
                print(run.stderr[-500:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
