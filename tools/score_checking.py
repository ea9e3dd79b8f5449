"""Recall and precision of `claimcheck check` on the source-checking sets of data/checking.

Usage, from the repository's root:
    python3 tools/score_checking.py data/checking/dev data/checking/heldout9 [...] [--jobs 2] [--words]

Each digest is checked against the sources its `.sources` file lists (one path a line), and its
flags (findings of severity error or warning) are matched to its gold list with the shared
matcher (../shared/tools/score_findings.py): a flag counts where the figure it flags stands on
one of a slip's lines and equals one of its values. Prints one line per set and the slips found
per kind. Sets kept apart are scored, never read: this prints counts only.

`--words` also counts a slip whose values are words, not figures ('Multi-Level Attention',
'ahead of'), as found by a flag on one of its lines. The shared matcher compares values as
numbers, so it can never match such a slip (99 of the 906 slips of the sets); the figures
recorded in data/checking/README.md are the shared matcher's unless they say otherwise.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))
from score_findings import matches as shared_matches, number  # noqa: E402


def listed_sources(folder: pathlib.Path, name: str) -> list[str]:
    """The `--source` arguments of one digest: a path a line (a file name may hold a space)."""
    listed = folder / f"{name}.sources"
    if not listed.exists():
        return []
    out = []
    for line in listed.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out += ["--source", str((folder / line).resolve())]
    return out


def matches(item: dict, finding: dict, document: str, words: bool) -> bool:
    if shared_matches(item, finding, document):
        return True
    worded = [v for v in item.get("values", []) if number(v) is None]
    return words and bool(worded) and (finding.get("claim") or {}).get("line") in item["lines"]


def report_of(folder: pathlib.Path, name: str) -> dict | None:
    digest = folder / f"{name}.md"
    done = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(digest), "--format", "json",
                           *listed_sources(folder, name)], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        print(f"  {folder.name}/{name}: exit {done.returncode}: {done.stderr.strip()[-200:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=pathlib.Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--words", action="store_true", help="count word-valued slips flagged on their line")
    args = parser.parse_args(argv)
    found_by_kind, by_kind = Counter(), Counter()
    totals = Counter()
    for folder in args.sets:
        names = sorted(p.name[:-len(".findings.json")] for p in folder.glob("*.findings.json"))
        with ThreadPoolExecutor(args.jobs) as pool:
            reports = list(pool.map(lambda n: report_of(folder, n), names))
        slips = found = flags = right = 0
        for name, report in zip(names, reports):
            gold = json.loads((folder / f"{name}.findings.json").read_text(encoding="utf-8"))
            raised = [f for f in (report or {}).get("findings", []) if f.get("severity") in ("error", "warning")]
            document = f"{name}.md"
            for item in gold["must_flag"]:
                slips += 1
                by_kind[item["problem"]] += 1
                if any(matches(item, f, document, args.words) for f in raised):
                    found += 1
                    found_by_kind[item["problem"]] += 1
            flags += len(raised)
            right += sum(1 for f in raised if any(matches(i, f, document, args.words) for i in gold["must_flag"]))
        totals.update(slips=slips, found=found, flags=flags, right=right)
        print(f"{folder.name:10s} recall {found / max(slips, 1):.2f} ({found} of {slips})  "
              f"precision {right / max(flags, 1):.2f} ({right} of {flags})")
    print("found per kind: " + ", ".join(f"{k} {found_by_kind[k]}/{by_kind[k]}" for k in sorted(by_kind)))
    if len(args.sets) > 1:
        print(f"all        recall {totals['found'] / max(totals['slips'], 1):.2f} ({totals['found']} of {totals['slips']})  "
              f"precision {totals['right'] / max(totals['flags'], 1):.2f} ({totals['right']} of {totals['flags']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
