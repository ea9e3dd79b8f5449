"""A minimal PDF writer for tests and for the example's sources (tools/make_example_sources.py):
lines of text at chosen sizes and positions in Helvetica, one page or several, and the object
table and trailer any hand-made PDF needs."""
from __future__ import annotations

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def serialize(objects: list[bytes], trailer: str = "") -> bytes:
    """Objects numbered from 1 (the first the catalog), with their cross-reference table;
    `trailer`: more trailer entries (' /Info 7 0 R')."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(lines: list[tuple[float, float, float, str]]) -> bytes:
    ops = []
    for x, y, size, text in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 {size} Tf {x} {y} Td ({escaped}) Tj ET")
    stream = "\n".join(ops).encode("latin-1")
    return b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"


def pdf_pages(pages: list[list[tuple[float, float, float, str]]], title: str = "", width: int = 612,
              height: int = 792) -> bytes:
    """A PDF with one page per list of (x, y from the bottom, font size, text)."""
    font = 3 + 2 * len(pages)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for i, lines in enumerate(pages):
        page = 3 + 2 * i
        kids.append(f"{page} 0 R")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents {page + 1} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objects.append(_stream(lines))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    objects.append(_FONT)
    trailer = ""
    if title:
        escaped = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        objects.append(f"<< /Title ({escaped}) >>".encode("latin-1"))
        trailer = f" /Info {len(objects)} 0 R"
    return serialize(objects, trailer)


def make_pdf(path, lines: list[tuple[float, float, float, str]], width: int = 612, height: int = 792) -> None:
    """`lines`: (x, y from the bottom, font size, text) drawn one after another on one page."""
    with open(path, "wb") as handle:
        handle.write(pdf_pages([lines], width=width, height=height))
