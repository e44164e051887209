"""The example notebook runs from another folder with rnnviz installed (pip install -e .)."""

import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def test_the_example_notebook_builds_its_figures_without_streamlit(tmp_path):
    notebook = tmp_path / "tour.ipynb"
    shutil.copy(ROOT / "examples" / "rnnviz_tour.ipynb", notebook)
    nb = nbformat.read(notebook, as_version=4)
    # Run where the repository is not on the path: rnnviz must come from the installed package.
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = ["".join(out.get("text", "") for out in cell.get("outputs", []))
               for cell in nb.cells if cell.cell_type == "code"]
    assert "3 figures," in outputs[-1]
    assert "L = 2.8581416523835323" in "\n".join(outputs)
    figures = [out for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []) if "application/vnd.plotly.v1+json" in
               out.get("data", {})]
    assert len(figures) == 3
