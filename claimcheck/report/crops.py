"""Pictures of evidence: the region of a PDF page around a figure, as PNG bytes."""
from __future__ import annotations

import io

MARGIN_X, MARGIN_Y = 140, 30  # points of context around the figure


def crop_png(document: str, page: int, bbox, resolution: int = 110) -> bytes | None:
    """PNG bytes of `bbox` (x0, top, x1, bottom) on `page` of a PDF, widened for context; None if impossible."""
    if not bbox or not page or not str(document).lower().endswith(".pdf"):
        return None
    try:
        import logging

        import pdfplumber
        logging.getLogger("pdfminer").setLevel(logging.ERROR)  # no page-box warnings on the tool's stderr
        with pdfplumber.open(str(document)) as pdf:
            sheet = pdf.pages[page - 1]
            x0, top, x1, bottom = bbox
            region = (max(0, x0 - MARGIN_X), max(0, top - MARGIN_Y),
                      min(sheet.width, x1 + MARGIN_X), min(sheet.height, bottom + MARGIN_Y))
            image = sheet.crop(region).to_image(resolution=resolution)
            buffer = io.BytesIO()
            image.original.save(buffer, format="PNG")
            sheet.close()
        return buffer.getvalue()
    except Exception:  # a crop is a convenience: the text evidence is always there
        return None
