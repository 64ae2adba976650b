"""Shared test fixtures: a copy of the example project, the real export files in ../shared/data, and the
browser."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture()
def project(tmp_path) -> Path:
    """A copy of the shipped example project (its data/ and evidence/), to build and to damage."""
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture()
def built_example(tmp_path) -> Path:
    """A copy of the example project with its notebooks (data/, evidence/, notebooks/), built: to run a notebook
    as a reviewer would after ``make build``."""
    from synthesis.build import build

    for name in ("data", "evidence", "notebooks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    build(tmp_path, progress=False)
    return tmp_path


def add_cells(path: Path, after: str, inserted: str, appended: str):
    """Rewrite a notebook with a code cell ``inserted`` after the first cell whose source holds ``after`` (what a
    reviewer did in a widget there) and ``appended`` at its end (what the test reads); returns the notebook."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if after in c.source) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(inserted))
    nb.cells.append(nbformat.v4.new_code_cell(appended))
    nbformat.write(nb, path)
    return nb


@pytest.fixture()
def notebook_cells():
    """:func:`add_cells`, for tests that play a widget's work in a notebook and read what the cells below show."""
    return add_cells


UNGUARDED_BUILD = """
import concurrent.futures, functools, multiprocessing, sys
from concurrent.futures import ProcessPoolExecutor
# Spawned workers, as on Windows and macOS; the script has no `if __name__ == "__main__":` guard.
concurrent.futures.ProcessPoolExecutor = functools.partial(ProcessPoolExecutor,
                                                           mp_context=multiprocessing.get_context("spawn"))
from synthesis.build import build, step_import
build(sys.argv[1], steps=[step_import], progress=False)
print("built")
"""


@pytest.fixture()
def unguarded_build(tmp_path) -> Path:
    """A script that builds the project it is given (the import step) the way a reviewer's script without an
    ``if __name__ == "__main__":`` guard would on Windows or macOS, where worker processes are spawned."""
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED_BUILD, encoding="utf-8")
    return script


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip when it is absent (e.g. a clone without it)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (the ../shared folder beside the project)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def browser():
    """A headless Debian chromium driven by Playwright; skips with the reason when unavailable."""
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium (install Debian's 'chromium'; .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        try:
            yield b
        finally:
            b.close()
