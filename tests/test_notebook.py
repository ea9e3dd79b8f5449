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
