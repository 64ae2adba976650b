"""The notebooks run top to bottom on the shipped example, in a copy of the project (evidence/ untouched)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_notebooks_are_numbered_and_stripped():
    import nbformat

    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(1, len(NOTEBOOKS) + 1)]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name}: outputs not stripped"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """A copy of the example project after `make build`, as a reviewer has it when opening the notebooks."""
    from synthesis.build import build

    root = tmp_path_factory.mktemp("review")
    for name in ("data", "evidence", "notebooks"):
        shutil.copytree(ROOT / name, root / name)
    build(root, progress=False)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, built_project):
    import nbformat
    from nbclient import NotebookClient

    evidence_before = {p: p.read_bytes() for p in (built_project / "evidence").rglob("*") if p.is_file()}
    nb = nbformat.read(built_project / "notebooks" / path.name, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(built_project / "notebooks")}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    # Opening and running a notebook decides nothing: the evidence is as it was.
    assert {p: p.read_bytes() for p in (built_project / "evidence").rglob("*") if p.is_file()} == evidence_before
