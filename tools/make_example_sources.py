"""Write the bundled example's sources: data/example_sources/lumen_det.pdf (a two-page paper with
a results table) and data/example_sources/sparrow_results.csv (a wide results file), so that
`--source`, the source verdicts and the HTML report's page crops work from a clone.

    python3 tools/make_example_sources.py

Everything in them is invented, as the example digest is, and written by the project. The PDF
is drawn with a standard font (nothing embedded) by the tests' small writer (tests/pdf_maker.py);
the output is the same bytes on every run. Planted against the digest: StrongDet's mAP is 68.3 in the paper
(the digest says 69.3), and Qwen2.5 7B leads Sparrow-7B on MATH in the results file (the digest
says Sparrow is ahead on both).
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "example_sources"

TITLE = "Lumen-Det: detection with learned anchors"
PAGE_ONE = [
    (72, 720, 16, TITLE),
    (72, 696, 10, "Example authors (an invented paper bundled with claimcheck)"),
    (72, 660, 12, "Abstract"),
    (72, 642, 10, "We present Lumen-Det, a detector whose anchors are learned with the backbone. Lumen-Det"),
    (72, 628, 10, "reaches 71.4 mAP on COCO val2017, 3.1 points above StrongDet, and raises recall from"),
    (72, 614, 10, "40% to 52% at the same number of proposals. Without test-time augmentation 62.8% of"),
    (72, 600, 10, "the gain remains."),
    (72, 570, 12, "1 Introduction"),
    (72, 552, 10, "Anchor design still decides much of a detector's accuracy. Lumen-Det learns its anchors"),
    (72, 538, 10, "jointly with the backbone and needs no hand-set scales or ratios."),
]
PAGE_TWO = [
    (72, 720, 12, "4 Results"),
    (72, 702, 10, "Table 1 compares Lumen-Det with two detectors trained on the same schedule."),
    (72, 672, 10, "Table 1: Detection on COCO val2017."),
    (72, 652, 10, "Method"), (240, 652, 10, "mAP"), (320, 652, 10, "AP50"), (400, 652, 10, "Recall"),
    (72, 634, 10, "RetinaBase"), (240, 634, 10, "64.0"), (320, 634, 10, "82.1"), (400, 634, 10, "38.5"),
    (72, 616, 10, "StrongDet"), (240, 616, 10, "68.3"), (320, 616, 10, "85.0"), (400, 616, 10, "40.0"),
    (72, 598, 10, "Lumen-Det"), (240, 598, 10, "71.4"), (320, 598, 10, "87.6"), (400, 598, 10, "52.0"),
    (72, 566, 10, "Lumen-Det is 3.1 points above StrongDet in mAP (71.4 against 68.3) and 7.4 points"),
    (72, 552, 10, "above RetinaBase."),
]
CSV = """model,GSM8K,MATH,parameters
Sparrow-7B,81.2,64.2,7B
Qwen2.5 7B,79.8,66.1,7.6B
Llama-3 8B,76.4,30.0,8B
"""


def pdf_bytes(pages: list[list[tuple[float, float, float, str]]]) -> bytes:
    """The PDF, written by the tests' minimal writer (tests/pdf_maker.py: standard fonts only)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("pdf_maker", ROOT / "tests" / "pdf_maker.py")
    writer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(writer)
    return writer.pdf_pages(pages, title=TITLE)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "lumen_det.pdf").write_bytes(pdf_bytes([PAGE_ONE, PAGE_TWO]))
    (OUT / "sparrow_results.csv").write_text(CSV, encoding="utf-8")
    print(f"wrote {OUT / 'lumen_det.pdf'} and {OUT / 'sparrow_results.csv'}")


if __name__ == "__main__":
    main()
