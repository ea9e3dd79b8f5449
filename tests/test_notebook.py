"""notebooks/explore_flags.ipynb runs top to bottom in the test suite, so it cannot rot."""
from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore_flags.ipynb"


def test_notebook_executes_and_shows_what_it_promises():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), "outputs in git"
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"]]
    assert any("findings</b>" in h for h in html)                    # the report's summary
    assert any("CC101" in h for h in html)                           # the findings table
    images = [o for o in outputs if "data" in o and "image/png" in o["data"]]
    shared = (NOTEBOOK.parent.parent.parent / "shared" / "corpus" / "papers" / "pi2nli" / "paper.pdf").exists()
    assert len(images) == (2 if shared else 1)                       # the verdict plot, and the crop
    texts = "".join(o.get("text", "") for o in outputs)
    assert "errors of" in texts and "CC101 margin-mismatch" in texts


AUDIT = Path(__file__).resolve().parent.parent / "notebooks" / "archive_audit.ipynb"


def test_the_archive_audit_notebook_explores_a_table_the_tests_build(tmp_path):
    """An archive of digests built here, checked into a findings table by the command line,
    then the notebook run on that table top to bottom."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    import os

    from claimcheck.api import example_path
    from claimcheck.cli import main
    archive = tmp_path / "archive"
    archive.mkdir()
    text = example_path().read_text(encoding="utf-8")
    for i in range(8):
        (archive / f"issue_{i}.md").write_text(text.replace("3.1 points", "2.1 points") if i % 2 else text,
                                               encoding="utf-8")
    (archive / "issue_broken.txt").write_bytes(b"\x00\x01\x02 binary, not text")
    table = tmp_path / "findings.csv"
    assert main(["check", str(archive), "--output", str(table), "--jobs", "1"]) == 3  # the binary file
    notebook = nbformat.read(AUDIT, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), "outputs in git"
    previous = os.environ.get("CLAIMCHECK_FINDINGS")
    os.environ["CLAIMCHECK_FINDINGS"] = str(table)  # the kernel inherits it
    try:
        nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        if previous is None:
            os.environ.pop("CLAIMCHECK_FINDINGS", None)
        else:
            os.environ["CLAIMCHECK_FINDINGS"] = previous
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    texts = "".join(o.get("text", "") for o in outputs)
    assert "9 documents" in texts and "1 files could not be read" in texts
    html = "".join(o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"])
    assert "issue_broken.txt" in html and "CC101" in html and "margin-mismatch" in html
    images = [o for o in outputs if "data" in o and "image/png" in o["data"]]
    assert len(images) == 2  # findings per rule, documents by number of findings
