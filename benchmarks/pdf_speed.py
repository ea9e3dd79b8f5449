"""PDF pages per second for text and claims, beside pdfplumber and pypdfium2 on the same pages.

    python benchmarks/pdf_speed.py [--repeat 3]

Reads the papers in ../shared/corpus/papers in place. Each figure is the best of --repeat runs
on one core. The last line times a cached re-check of the example digest against the papers
and the fact sheet, as a fresh process (interpreter start-up included), after a first run has
filled a temporary cache.
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
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))


def best(runs: int, job) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    papers = sorted(SHARED.glob("papers/*/paper.pdf"))
    if not papers:
        print("no papers: ../shared/corpus/papers is not beside this checkout")
        return 1
    import pdfplumber
    import pypdfium2 as pdfium

    from claimcheck.extract.claims import default_extractor, extract_claims
    from claimcheck.ingest.pdf import read_pdf

    default_extractor()  # spaCy start-up is not per page
    pages = sum(len(pdfium.PdfDocument(str(p))) for p in papers)
    print(f"{len(papers)} papers, {pages} pages: {', '.join(p.parent.name for p in papers)}")

    def pdfium_raw():
        for p in papers:
            pdf = pdfium.PdfDocument(str(p))
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()

    def plumber_text():
        for p in papers:
            with pdfplumber.open(str(p)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()

    rows = [
        ("pypdfium2 get_text_range (raw text)", pdfium_raw),
        ("pdfplumber extract_text", plumber_text),
        ("claimcheck text, pdfium backend", lambda: [read_pdf(p, "pdfium") for p in papers]),
        ("claimcheck text + claims, pdfium backend", lambda: [extract_claims(read_pdf(p, "pdfium")) for p in papers]),
        ("claimcheck text, pdfplumber backend", lambda: [read_pdf(p, "pdfplumber") for p in papers]),
        ("claimcheck text + claims, pdfplumber backend",
         lambda: [extract_claims(read_pdf(p, "pdfplumber")) for p in papers]),
    ]
    for label, job in rows:
        runs = 1 if "pdfplumber" in label else args.repeat
        seconds = best(runs, job)
        print(f"{label:<46} {pages / seconds:8.1f} pages/s  ({seconds:.2f} s)")

    digest = SHARED / "digests" / "000_eaad22fcf2be4050.txt"
    command = [sys.executable, "-m", "claimcheck", "check", str(digest), "--source", str(SHARED / "seed-facts" / "facts.csv")]
    for p in papers:
        command += ["--source", str(p)]
    env = dict(os.environ, CLAIMCHECK_CACHE=tempfile.mkdtemp(prefix="claimcheck-bench-"), PYTHONPATH=str(ROOT))
    cold = best(1, lambda: subprocess.run(command, env=env, capture_output=True))
    warm = best(args.repeat, lambda: subprocess.run(command, env=env, capture_output=True))
    print(f"check of the example digest against {len(papers)} PDFs + the fact sheet: "
          f"first run {cold:.2f} s, cached re-check {warm:.2f} s (fresh process each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
