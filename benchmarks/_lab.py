"""A notebook run in JupyterLab and headless Chromium, for the benchmarks that time a widget end to end
(bench_screening_widget.py, bench_maps.py --coding, bench_fulltext.py --browser).

The server is the browser tests' (tests/lab_server.py: its own HOME and settings, no update checks, the
project's ``src`` first on the path); :func:`notebook_page` opens a notebook in Chromium, runs every cell and
hands over the page.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from lab_server import serve_jupyterlab  # noqa: E402

#: Debian's Chromium, which the browser tests use too.
CHROMIUM = "/usr/bin/chromium"


def write_notebook(path: Path, code: str) -> None:
    """A notebook of one code cell, for the Python 3 kernel."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


@contextmanager
def notebook_page(project: Path, notebook: str, workdir: Path, viewport: dict | None = None,
                  timeout_ms: int = 180_000):
    """Serve ``project`` with JupyterLab, open ``notebook`` (a path inside it) in headless Chromium and run
    all its cells; yields the Playwright page. ``workdir`` gets the server's HOME and log."""
    from playwright.sync_api import sync_playwright

    token = "bench"
    with serve_jupyterlab(project, workdir, token) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page(viewport=viewport) if viewport else browser.new_page()
            page.set_default_timeout(timeout_ms)
            page.goto(f"{base}/lab/tree/{notebook}?token={token}")
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.session")
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            yield page
        finally:
            browser.close()
