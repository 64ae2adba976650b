"""A reviewer screens at full text in JupyterLab (headless Chromium) with the real PDFs beside the records.

Three records are screened with their PDFs shown (the page image decoded in the page, the extracted text
with a keyword highlighted), one record without a PDF is marked not retrieved, and the PRISMA counts from
the logs say so.
"""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

from lab_server import BELOW_VIEW_TOP, SCROLL_OUT_ABOVE, open_notebook_page, serve_jupyterlab

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "fulltext-test-token"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def make_fulltext_project(project: Path, pdfs: Path, records: Path):
    """A review whose six records all passed title/abstract; five have a real PDF in ``pdfs``."""
    import nbformat

    import synthesis as syn
    from synthesis.screening import DecisionLog, ScreeningSettings, write_unit_table
    from synthesis.screening.units import units_from_records

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        units = units_from_records(syn.read_exports([records]).records)
    write_unit_table(units, project / "output" / "units.csv")
    evidence = project / "evidence"
    settings = ScreeningSettings(team=["Alice"], reasons=["wrong population", "wrong design"],
                              include_keywords=["universe", "package", "validation"], exclude_keywords=["solitary"])
    (evidence / "screening").mkdir(parents=True, exist_ok=True)
    (evidence / "review.toml").write_text(
        '[review]\ntitle = "Full-text test"\n\n[fulltext]\n'
        f'folder = {json.dumps(str(pdfs))}\n\n'
        '[eligibility]\nfull_text = ["Population: any <adults> & children", "Design: a full report"]\n',
        encoding="utf-8")
    settings.save(evidence / "screening")  # the [screening] table of that review.toml
    with DecisionLog(evidence / "screening", "Alice", settings) as log:
        for key in units["group_id"]:
            log.record(key, "include")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Full text"),
                nbformat.v4.new_code_cell('from synthesis.fulltext.widget import FullTextWidget\n'
                                          'screen = FullTextWidget.for_project("..", "Alice")\nscreen')]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (project / "notebooks").mkdir(parents=True)
    nbformat.write(nb, project / "notebooks" / "fulltext.ipynb")
    return units


@pytest.fixture(scope="module")
def lab(tmp_path_factory, shared_data):
    pytest.importorskip("jupyterlab")
    tmp_path = tmp_path_factory.mktemp("ftlab")
    root = tmp_path / "projects"
    # The real PDFs (copied: the folder gets one more), and a paper that merely starts with the title of the
    # record that has no PDF: offered for it as unsure, never attached by itself.
    from test_fulltext import draw_pdf

    pdfs = tmp_path / "pdfs"
    shutil.copytree(shared_data / "fulltext" / "pdfs", pdfs)
    draw_pdf(pdfs / "download (7).pdf", ["Journal of Examples 2020", "Participatory design of a telehealth service",
                                         "with older adults: a record without a PDF, and its", "three-year follow-up",
                                         "Example, R. (2020)"])
    units = make_fulltext_project(root / "ft", pdfs, shared_data / "fulltext" / "records.ris")
    with serve_jupyterlab(root, tmp_path, TOKEN) as base:
        yield base, root, units, tmp_path


PAGE_SHOWN = """() => { const img = document.querySelector('.syn-ft-img');
  return img && img.complete && img.naturalWidth > 0 && img.src.startsWith('blob:'); }"""


def test_screen_three_records_with_their_pdfs_and_one_not_retrieved(lab, browser):
    from synthesis.screening import ScreeningSettings, prisma_counts, read_logs

    base, root, units, tmp = lab
    project = root / "ft"
    title = dict(zip(units["title"], units["group_id"]))
    key_of = lambda start: next(k for t, k in title.items() if t.startswith(start))  # noqa: E731
    bolejko, mullen, wang = key_of("Apparent"), key_of("TIMP"), key_of("Information synthesis")
    example = key_of("Participatory design")
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.set_default_timeout(90_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_notebook_page(page, f"{base}/lab/workspaces/ft/tree/ft/notebooks/fulltext.ipynb?token={TOKEN}")
        n_markdown = page.locator(".jp-MarkdownCell").count()
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.locator(".syn-screen").wait_for(state="visible", timeout=120_000)
        root_el = page.locator(".syn-screen")
        assert root_el.get_attribute("data-lm-suppress-shortcuts") == "true"
        assert root_el.get_attribute("data-key") == bolejko
        page.wait_for_function(PAGE_SHOWN)
        # The DOI is a link; the criteria are beside the record, escaped.
        link = page.locator(".syn-card a.syn-doi")
        assert link.get_attribute("href") == "https://doi.org/10.1088/1475-7516/2008/10/003"
        # (in the screening widget's own criteria box where it has one, else in the full-text panel)
        criteria = page.locator(".syn-ft-criteria, .syn-criteria-body").first.inner_text()
        assert "Population: any <adults> & children" in criteria
        assert page.locator(".syn-screen adults").count() == 0
        page.locator(".syn-card h3").click()  # a person clicks the record, then types
        # Page navigation: ] turns to page 2, [ back.
        page.keyboard.press("]")
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.ftPage === '1'")
        page.wait_for_function(PAGE_SHOWN)
        assert "page 2 of 15" in page.locator(".syn-ft-status").inner_text()
        page.keyboard.press("[")
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.ftPage === '0'")
        page.wait_for_function(PAGE_SHOWN)
        page.screenshot(path=str(tmp / "fulltext_first.png"))
        # z: the page across the widget's whole width, to read a paper's body text (beside the record and the
        # panel it had a third of the row); z again puts it back. JupyterLab's own z (undo a cell operation)
        # never fires.
        width = "() => document.querySelector('.syn-ft-img').getBoundingClientRect().width"
        row = page.evaluate("() => document.querySelector('.syn-screen').getBoundingClientRect().width")
        beside = page.evaluate(width)
        assert beside < 0.6 * row
        page.keyboard.press("z")
        page.wait_for_function(f"() => ({width})() > 0.85 * {row}")
        img_box = page.locator(".syn-ft-img").bounding_box()
        assert img_box["y"] > page.locator(".syn-card h3").bounding_box()["y"]  # under the record
        assert page.locator(".syn-ft-text").is_hidden()  # the page is what one reads now, right under it
        assert img_box["y"] < page.locator(".syn-card").bounding_box()["y"] + 400
        assert page.locator(".syn-ft-wide-btn").inner_text() == "page beside the record (z)"
        page.screenshot(path=str(tmp / "fulltext_wide.png"))
        page.keyboard.press("z")
        page.wait_for_function(f"() => Math.abs(({width})() - {beside}) < 2")
        assert page.locator(".syn-ft-text").is_visible()

        expected = [(bolejko, "universe", ["i"], "include", ""),
                    (mullen, "package", ["2", "e"], "exclude", "wrong design"),
                    (wang, "validation", ["i"], "include", "")]
        # the stage as people write it (it said "full/text")
        assert page.locator(".syn-who").inner_text().endswith("full text")
        # the panel shows progress; "since last include" is for stopping title/abstract screening
        panel = page.locator(".syn-stop").inner_text()
        assert "Progress" in panel and "screened" in panel and "since last include" not in panel, panel
        for key, word, presses, decision, reason in expected:
            page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key === '{key}'")
            page.wait_for_function(PAGE_SHOWN)
            text = page.locator(".syn-ft-text").inner_text()
            # PDFium marks a hyphen that ended a line with U+0002: it showed as a box inside words
            # ("pack\x02age") and kept the keyword from being found there
            assert "\x02" not in text
            if key == mullen:
                assert "The package allows" in " ".join(text.split())
            marks = page.locator(".syn-ft-text mark.syn-kw-in")
            assert marks.count() >= 1
            assert word in " ".join(marks.all_inner_texts()).lower()
            assert page.evaluate("() => document.querySelector('.syn-ft-img').naturalWidth") >= 800
            for p in presses:
                page.keyboard.press(p)
            page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key !== '{key}'")
            said = f"{decision} ({reason})" if reason else decision  # the reason is said too
            info = page.locator(".syn-info").inner_text()
            assert f"saved: {said}: " in info and f"({key})" in info, info
        # Two records on, the one without a PDF: say so, then mark it not retrieved (not found) with the keyboard.
        page.keyboard.press("j")
        page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key !== '{key_of('Exact')}'")
        page.keyboard.press("j")
        page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key === '{example}'")
        assert page.locator(".syn-ft-img").is_hidden()
        # no page to show: the record has the row (an empty page pane kept its width and left the record a third)
        assert page.evaluate("() => document.querySelector('.syn-ft-right').getBoundingClientRect().width") == 0
        page.screenshot(path=str(tmp / "fulltext_nopdf.png"))
        assert "no PDF for this record" in page.locator(".syn-ft-left").get_attribute("data-nopdf")
        # The unsure PDF is offered, not shown: the reviewer says it is not this paper.
        offer = page.locator(".syn-ft-offers")
        assert "download (7).pdf" in offer.inner_text()
        page.locator(".syn-ft-preview").click()  # look at it first
        page.wait_for_function(PAGE_SHOWN)
        assert "preview of download (7).pdf" in page.locator(".syn-ft-status").inner_text()
        assert page.evaluate("() => document.querySelector('.syn-ft-right').getBoundingClientRect().width") > 300
        page.screenshot(path=str(tmp / "fulltext_offer.png"))
        page.locator(".syn-ft-reject").click()
        page.wait_for_function("() => document.querySelector('.syn-info').textContent.includes('is not the full text')")
        # the message and the panel are two updates of the page: wait for the offer to go (fails if it stays)
        page.locator(".syn-ft-offers").wait_for(state="detached", timeout=10_000)
        page.locator(".syn-ft-img").wait_for(state="hidden", timeout=10_000)
        page.locator(".syn-card h3").click()
        page.keyboard.press("r")  # no reason picked yet: the list gets the focus, nothing is logged
        page.wait_for_function("() => document.activeElement === document.querySelector('.syn-ft-why')")
        # keyboard only: the arrow keys pick the reason (they went to JupyterLab, which moved to the next cell and
        # took the keyboard, so the next "r" made that cell a raw cell; then the first arrow sent the keyboard back
        # to the record, so only the first reason could be picked), Enter marks the record not retrieved
        n_code = page.locator(".jp-CodeCell").count()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        assert page.locator(".syn-ft-why").input_value() == "not found"
        assert page.evaluate("() => document.activeElement === document.querySelector('.syn-ft-why')")
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.querySelector('.syn-info').textContent.includes('saved: exclude (not retrieved: not found): ') && document.querySelector('.syn-info').textContent.includes('({example})')")
        # the counter says how many of the excludes were not retrieved, as PRISMA counts them apart
        counts = page.locator(".syn-counts").inner_text()
        assert "exclude 2 (1 not retrieved)" in counts, counts
        # the "show" list offers the reports not retrieved for that reason, in words (not "label: retrieval:...")
        shown = page.locator(".syn-filter option").all_inner_texts()
        assert "not retrieved: not found" in shown and not any("retrieval:" in o for o in shown), shown
        page.screenshot(path=str(tmp / "fulltext_after.png"))
        assert page.locator(".jp-MarkdownCell").count() == n_markdown  # the keys never reached JupyterLab
        assert page.locator(".jp-CodeCell").count() == n_code and page.locator(".jp-RawCell").count() == 0
        assert not errors, errors
    finally:
        page.close()

    evidence = project / "evidence" / "screening"
    entries = [json.loads(x) for x in (evidence / "alice.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    full_text = [(e["key"], e["decision"], e["reason"], e["labels"]) for e in entries if e["stage"] == "full_text"]
    assert full_text == [(bolejko, "include", "", []), (mullen, "exclude", "wrong design", []),
                         (wang, "include", "", []), (example, "exclude", "not retrieved", ["retrieval:not found"])]
    tsv = (project / "evidence" / "fulltext.tsv").read_text(encoding="utf-8").splitlines()
    assert len(tsv) == 2 and tsv[1].split("\t")[:5] == [example, "download (7).pdf", "title on first page",
                                                        "rejected", "Alice"]
    settings = ScreeningSettings.load(evidence)
    counts = prisma_counts(read_logs(evidence, settings, warn=False), units, settings, warn=False)
    assert counts["dbr_sought_reports"] == 6
    assert counts["dbr_notretrieved_reports"] == 1
    assert counts["dbr_assessed"] == 3  # two records with PDFs are still to be read
    assert counts["dbr_excluded"] == [("wrong design", 1)]
    assert counts["new_reports"] == 2


FRAME = "() => { const f = document.querySelector('.syn-ft-frame'); return [f.scrollTop, f.clientHeight, f.scrollHeight]; }"


def test_the_whole_page_is_read_by_keyboard_and_a_wrong_pdf_is_detached(lab, browser, shared_data):
    base, root, units, tmp = lab
    key_of = lambda start: next(k for t, k in zip(units["title"], units["group_id"]) if t.startswith(start))  # noqa: E731
    make_fulltext_project(root / "ft2", tmp / "pdfs", shared_data / "fulltext" / "records.ris")
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.set_default_timeout(90_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_notebook_page(page, f"{base}/lab/workspaces/ft2/tree/ft2/notebooks/fulltext.ipynb?token={TOKEN}")
        n_cells = page.locator(".jp-Cell").count()
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.locator(".syn-screen").wait_for(state="visible", timeout=120_000)
        page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key === '{key_of('Apparent')}'")
        page.wait_for_function(PAGE_SHOWN)
        page.locator(".syn-card h3").click()
        page.keyboard.press("z")  # the page across the width: taller than its frame
        page.wait_for_function(f"() => ({FRAME})()[2] > ({FRAME})()[1] + 200")
        # the lower part of the page is reached by keyboard (the arrows and Space did nothing: only the mouse)
        page.keyboard.press("ArrowDown")
        page.wait_for_function(f"() => ({FRAME})()[0] > 0")
        page.keyboard.press("Space")
        page.wait_for_function(f"() => ({FRAME})()[0] >= ({FRAME})()[2] - ({FRAME})()[1] - 1")
        assert page.evaluate("() => document.querySelector('.syn-screen').dataset.ftPage") == "0"
        page.keyboard.press("Space")  # at the end of the page: the next one, from its top
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.ftPage === '1'")
        page.wait_for_function(PAGE_SHOWN)
        assert page.evaluate(FRAME)[0] == 0
        page.keyboard.press("Shift+Space")  # at its top: back to the end of the page before
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.ftPage === '0'")
        page.wait_for_function(f"() => ({FRAME})()[0] > 0")
        page.screenshot(path=str(tmp / "fulltext_scrolled.png"))
        # The wrong paper beside the record is detached with a click, and attached again from the PDFs of no record.
        page.locator(".syn-ft-notthis").click()
        page.wait_for_function("() => document.querySelector('.syn-info').textContent.includes('0807.3577.pdf is not the full text')")
        offered = page.locator(".syn-ft-strays")
        offered.wait_for(state="visible", timeout=10_000)
        assert "0807.3577.pdf" in offered.inner_text() and "submission_161.pdf" in offered.inner_text()
        offered.locator("li", has_text="0807.3577.pdf").locator(".syn-ft-confirm").click()
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.ftPdf === '0807.3577.pdf'")
        assert page.locator(".jp-Cell").count() == n_cells  # no key reached JupyterLab
        assert not errors, errors
    finally:
        page.close()
    tsv = [x.split("\t")[:5] for x in (root / "ft2" / "evidence" / "fulltext.tsv").read_text(encoding="utf-8").splitlines()]
    assert [r[1:5] for r in tsv[1:]] == [["0807.3577.pdf", "doi on first page", "rejected", "Alice"],
                                         ["0807.3577.pdf", "by hand", "confirmed", "Alice"]]


def test_the_next_record_shows_from_its_title_after_reading_down_a_page(lab, browser, shared_data):
    """w34's walk: reading a paper by keyboard (z, Space) scrolls the notebook down to the page; i then showed the
    next record with the notebook still scrolled there: its title, the buttons and the "saved" line above the
    window, and no key of the widget's scrolls the notebook back (a keyboard-only reviewer saw the bottom of a
    record). A new record now shows from the widget's top."""
    base, root, units, tmp = lab
    make_fulltext_project(root / "ft3", tmp / "pdfs", shared_data / "fulltext" / "records.ris")
    page = browser.new_page(viewport={"width": 1500, "height": 900})
    page.set_default_timeout(90_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_notebook_page(page, f"{base}/lab/workspaces/ft3/tree/ft3/notebooks/fulltext.ipynb?token={TOKEN}")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.locator(".syn-screen").wait_for(state="visible", timeout=120_000)
        page.wait_for_function(PAGE_SHOWN)
        # The widget's last try at taking the keyboard (1.5 s after it appears) brings its top into view: the walk
        # below starts after it, or that try scrolls the notebook back between Space and i (a CI run under load)
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.settled === 'yes'")
        page.locator(".syn-card h3").click()
        first = page.evaluate("() => document.querySelector('.syn-screen').dataset.key")
        page.keyboard.press("z")
        page.wait_for_function(f"() => ({FRAME})()[2] > ({FRAME})()[1] + 200")
        page.keyboard.press("Space")  # the frame comes into view: the notebook scrolls down to it
        page.wait_for_function(f"() => ({FRAME})()[0] > 0")
        # Whether bringing the frame into view takes the widget's top out of view depends on the window, the fonts
        # and the browser: where it does not, the reader scrolls on down, as with a wheel.
        page.evaluate(SCROLL_OUT_ABOVE, [".syn-screen .syn-head", 100])
        page.wait_for_function(f"() => ({BELOW_VIEW_TOP})('.syn-screen .syn-head') < 0", timeout=5_000)
        page.keyboard.press("i")
        page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key !== '{first}'")
        page.wait_for_function(f"() => ({BELOW_VIEW_TOP})('.syn-screen .syn-head') >= 0", timeout=5_000)
        assert 0 <= page.evaluate(BELOW_VIEW_TOP, ".syn-card h3") < 900
        assert "saved: include" in page.locator(".syn-info").inner_text()
        page.screenshot(path=str(tmp / "fulltext_next_record.png"))
        assert not errors, errors
    finally:
        page.close()


def test_a_pdf_offered_beside_a_record_is_looked_at_and_used_by_keyboard(lab, browser, shared_data):
    """w34's walk: beside a record without a PDF the widget offered one ("several records' titles fit") with Look
    and Use this PDF, which a keyboard reached only by some fourteen Tabs, past the record's DOI link. a looks at
    the first PDF offered, and a again, with that page shown, uses it."""
    base, root, units, tmp = lab
    key_of = lambda start: next(k for t, k in zip(units["title"], units["group_id"]) if t.startswith(start))  # noqa: E731
    example = key_of("Participatory design")
    make_fulltext_project(root / "ft4", tmp / "pdfs", shared_data / "fulltext" / "records.ris")
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.set_default_timeout(90_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_notebook_page(page, f"{base}/lab/workspaces/ft4/tree/ft4/notebooks/fulltext.ipynb?token={TOKEN}")
        n_cells = page.locator(".jp-Cell").count()
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.locator(".syn-screen").wait_for(state="visible", timeout=120_000)
        page.locator(".syn-card h3").click()
        for _ in range(len(units)):
            if page.evaluate("() => document.querySelector('.syn-screen').dataset.key") == example:
                break
            seq = page.evaluate("() => document.querySelector('.syn-screen').dataset.seq")
            page.keyboard.press("j")
            page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.seq !== '{seq}'")
        assert page.locator(".syn-ft-offers").is_visible()
        page.keyboard.press("a")  # looks at it: the page shown, nothing attached
        page.wait_for_function("() => document.querySelector('.syn-ft-status').textContent.startsWith('preview of download (7).pdf')",
                               timeout=10_000)
        page.wait_for_function(PAGE_SHOWN)
        assert page.evaluate("() => document.querySelector('.syn-screen').dataset.ftPdf") == ""
        page.keyboard.press("a")  # uses it
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.ftPdf === 'download (7).pdf'")
        assert page.locator(".jp-Cell").count() == n_cells  # no key reached JupyterLab
        assert not errors, errors
    finally:
        page.close()
