"""The study's PDF in the coding card, in JupyterLab (headless Chromium), keyboard only: the page image is shown,
Alt+PageDown / Alt+PageUp turn the pages, Alt+P takes the page shown for the quote, and none of these keys
reaches JupyterLab."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from lab_server import serve_jupyterlab
from test_coding_browser import TOKEN, _notebook, _open  # _open logs in with that module's token

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The example project with a three-page PDF of the first study to code, built."""
    from test_fulltext import draw_pdf

    from synthesis.build import build
    from synthesis.screening.settings import add_reviewer

    root = tmp_path_factory.mktemp("codingpdf") / "review"
    for name in ("data", "evidence"):  # without the example's own PDFs: the study's PDF is this test's
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("fulltext"))
    add_reviewer(root, "Ann")  # the coder of these tests joins the example's team
    build(root, progress=False)
    queue = pd.read_csv(root / "output" / "coding_queue.csv", dtype=str, keep_default_na=False)
    first = queue[queue["state"] == "to code"].iloc[0]
    draw_pdf(root / "data" / "fulltext" / "first-study.pdf",
             ["Journal of Examples 2026", *textwrap.wrap(first["title"], 60), f"{first['authors']} ({first['year']})"],
             pages=3)
    build(root, progress=False)
    (root / "notebooks").mkdir()
    _notebook(root / "notebooks" / "ann.ipynb", "from synthesis.coding.widget import open_coding\n"
                                                "w = open_coding('..', 'Ann')\nw")
    return root, first["study_id"]


@pytest.fixture(scope="module")
def lab(project, tmp_path_factory):
    pytest.importorskip("jupyterlab")
    with serve_jupyterlab(project[0], tmp_path_factory.mktemp("codingpdflab"), TOKEN) as base:
        yield base


def test_pdf_pages_by_keyboard_and_the_page_taken_for_a_quote(lab, project, browser, tmp_path):
    root, study = project
    page, errors = _open(browser, lab, "ann")
    code = page.locator(".syc-code")
    assert code.get_attribute("data-study") == study
    img = page.locator(".syc-pdfimg")
    img.wait_for(state="visible")
    # a real picture of the page: a PNG object URL, decoded, portrait
    size = img.evaluate("i => new Promise(ok => i.complete ? ok([i.naturalWidth, i.naturalHeight]) :"
                        " i.addEventListener('load', () => ok([i.naturalWidth, i.naturalHeight])))")
    assert img.get_attribute("src").startswith("blob:") and size[0] == 900 and size[1] > size[0]
    status = page.locator(".syc-pdfstatus")
    assert status.inner_text() == "data/fulltext/first-study.pdf · page 1 of 3"
    assert code.get_attribute("data-pdf-page") == "1"
    page.screenshot(path=str(tmp_path / "coding_pdf.png"), full_page=True)

    # count the keys that get past the widget to the page (JupyterLab listens on the document)
    page.evaluate("() => { window.__leaked = []; document.addEventListener('keydown',"
                  " e => window.__leaked.push(e.key)); }")
    n_cells = page.locator(".jp-Cell").count()
    page.locator(".syc-filter").click()
    before = img.get_attribute("src")
    page.keyboard.press("Alt+PageDown")
    page.wait_for_function("() => document.querySelector('.syc-code').dataset.pdfPage === '2'")
    assert status.inner_text().endswith("page 2 of 3") and img.get_attribute("src") != before
    page.keyboard.press("Alt+PageDown")
    page.wait_for_function("() => document.querySelector('.syc-code').dataset.pdfPage === '3'")
    page.keyboard.press("Alt+PageDown")  # no page 4: stays on the last
    page.keyboard.press("Alt+PageUp")
    page.wait_for_function("() => document.querySelector('.syc-code').dataset.pdfPage === '2'")
    assert page.locator(".syc-pdfnext").is_enabled() and page.locator(".syc-pdfprev").is_enabled()

    # choose a code, take the page shown for its quote, save: all by keyboard
    page.keyboard.type("mistrust")
    page.keyboard.press(" ")
    page.keyboard.press("Alt+p")
    assert page.locator(".syc-page").last.input_value() == "2"
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('.syc-code').dataset.study !== '{study}'")
    assert page.evaluate("() => window.__leaked") == []
    assert page.locator(".jp-Cell").count() == n_cells
    assert not errors, errors
    page.close()
    logged = [json.loads(x) for x in (root / "evidence" / "coding" / "ann.jsonl").read_text(encoding="utf-8").splitlines()]
    assert logged[-1]["study"] == study
    assert logged[-1]["codes"] == [{"dimension": "framework", "code": "discovery.assumptions.mistrust", "page": "2"}]
