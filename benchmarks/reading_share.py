"""Share of the numbers in real READMEs read as claims, known non-claims and unread.

    python benchmarks/reading_share.py [FILE ...] [--reasons N]

With no files, reads the model and paper READMEs of ../shared/corpus in place (the bundled
example when that is absent). Every number of a document is one of three: a claim, a known
non-claim with its reason (year, version, citation, setting, name digits...) or unread with
why; the table shows each share per document (and among the numbers outside code blocks and
markup) and the most common reasons overall.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def default_files() -> list[Path]:
    shared = ROOT.parent / "shared" / "corpus"
    paths = sorted(shared.glob("readmes/*.md")) + sorted(shared.glob("papers/*/README.md"))
    return paths or [ROOT / "data" / "example_digest.md"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--reasons", type=int, default=8, help="how many of the commonest reasons to list")
    args = parser.parse_args()

    from claimcheck.api import load
    from claimcheck.extract.claims import read_numbers

    files = args.files or default_files()
    totals: Counter = Counter()
    reasons: Counter = Counter()
    print(f"{'document':<34} {'numbers':>7} {'claims':>7} {'non-claims':>10} {'unread':>7} "
          f"{'outside code':>12} {'claims there':>12}")
    for path in files:
        reading = read_numbers(load(str(path)))
        claims = len(reading.claims)
        non_claims = sum(n.status == "non-claim" for n in reading.others)
        unread = len(reading.others) - non_claims
        total = claims + non_claims + unread
        prose = total - sum(n.reason == "code or markup" for n in reading.others)
        totals.update(numbers=total, claims=claims, non_claims=non_claims, unread=unread, prose=prose)
        reasons.update(f"{n.status}: {n.reason.split(' (')[0]}" for n in reading.others)
        name = "/".join(path.parts[-2:])
        print(f"{name[-34:]:<34} {total:>7} {_share(claims, total):>7} {_share(non_claims, total):>10} "
              f"{_share(unread, total):>7} {prose:>12} {_share(claims, prose):>12}")
    total = totals["numbers"]
    print(f"{'all':<34} {total:>7} {_share(totals['claims'], total):>7} "
          f"{_share(totals['non_claims'], total):>10} {_share(totals['unread'], total):>7} "
          f"{totals['prose']:>12} {_share(totals['claims'], totals['prose']):>12}")
    print("\ncommonest reasons a number is not a claim:")
    for reason, count in reasons.most_common(args.reasons):
        print(f"  {count:>5}  {reason}")
    return 0


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


if __name__ == "__main__":
    raise SystemExit(main())
