"""A person decides maybe pairs with the keyboard in JupyterLab (headless Chromium); the verdict file says so.

A verdict, a skipped pair that comes back, an undo that takes a verdict back on disk, and none of the keys
(d, n, s, u, arrows) reaching the notebook: ``d d`` would delete a cell, ``s`` save it, ``n`` nothing good.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lab_server import open_notebook_page, serve_jupyterlab

from synthesis.dedup.verdicts import read_verdicts

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "dedup-widget-test-token"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SETUP = '''\
from synthesis.records import make_record_table
from synthesis.dedup import deduplicate
from synthesis.dedup.widget import MaybeReviewer
rows = []
for k, title in enumerate(["Insulin and sleep in older adults", "Coronary stents: a registry of ten years",
                           "Teaching anatomy with virtual dissection tables"]):
    for db, doi in (("a.ris", f"10.1000/{k}a"), ("b.ris", f"10.1000/{k}b")):
        rows.append({"source_file": db, "source_index": k + 1, "title": title, "authors": ["Smith, J."],
                     "year": 2001, "journal": "J Sleep Res", "volume": "3", "pages": f"{k * 10 + 1}-9", "doi": doi,
                     "type": "JOUR" if db == "a.ris" else "Journal Article"})
records = make_record_table(rows)
result = deduplicate(records, verdicts="verdicts.tsv")
'''


def open_pairs(page, base, name):
    """Open the lab's notebook ``name``, run all its cells and wait for the pair widget; returns the widget and
    how many cells the notebook had before the run."""
    open_notebook_page(page, f"{base}/lab/workspaces/{name}/tree/{name}.ipynb?token={TOKEN}")
    n_cells = page.locator(".jp-Notebook .jp-Cell").count()
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    root = page.locator(".syn-pairs")
    root.wait_for(state="visible", timeout=120_000)
    return root, n_cells


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a random localhost port serving a folder with the pair notebook; shut down afterwards."""
    pytest.importorskip("jupyterlab")
    pytest.importorskip("anywidget")
    import nbformat

    tmp_path = tmp_path_factory.mktemp("duplab")
    project = tmp_path / "project"
    project.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Maybe pairs"), nbformat.v4.new_code_cell(SETUP),
                nbformat.v4.new_code_cell('MaybeReviewer(result, records, "verdicts.tsv", reviewer="AB")')]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, project / "pairs.ipynb")
    rest = nbformat.v4.new_notebook()  # the same pairs, their own verdict file
    rest.cells = [nbformat.v4.new_code_cell(SETUP.replace("verdicts.tsv", "rest.tsv")),
                  nbformat.v4.new_code_cell('MaybeReviewer(result, records, "rest.tsv", reviewer="AB")')]
    rest.metadata["kernelspec"] = nb.metadata["kernelspec"]
    nbformat.write(rest, project / "rest.ipynb")
    wide = nbformat.v4.new_notebook()  # one record with a long abstract, the other with none
    wide.cells = [nbformat.v4.new_code_cell(SETUP.replace("verdicts.tsv", "wide.tsv").replace(
                      "records = make_record_table(rows)",
                      "for row in rows[::2]:  # the first database's records\n"
                      '    row["abstract"] = "Sleep was measured for a week in each of the adults. " * 12\n'
                      "records = make_record_table(rows)")),
                  nbformat.v4.new_code_cell('MaybeReviewer(result, records, "wide.tsv", reviewer="AB")')]
    wide.metadata["kernelspec"] = nb.metadata["kernelspec"]
    nbformat.write(wide, project / "wide.ipynb")
    esc = nbformat.v4.new_notebook()  # the widget with a cell below it, its own verdict file
    esc.cells = [nbformat.v4.new_code_cell(SETUP.replace("verdicts.tsv", "esc.tsv")),
                 nbformat.v4.new_code_cell('MaybeReviewer(result, records, "esc.tsv", reviewer="AB")'),
                 nbformat.v4.new_markdown_cell("## Below the pairs")]
    esc.metadata["kernelspec"] = nb.metadata["kernelspec"]
    nbformat.write(esc, project / "esc.ipynb")
    click = nbformat.v4.new_notebook()  # the same pairs, their own verdict file, never focused before
    click.cells = [nbformat.v4.new_code_cell(SETUP.replace("verdicts.tsv", "click.tsv")),
                   nbformat.v4.new_code_cell('MaybeReviewer(result, records, "click.tsv", reviewer="AB")')]
    click.metadata["kernelspec"] = nb.metadata["kernelspec"]
    nbformat.write(click, project / "click.ipynb")
    none = nbformat.v4.new_notebook()  # three papers, each found once: no maybe pair at all
    none.cells = [nbformat.v4.new_code_cell(SETUP.replace("verdicts.tsv", "none.tsv").replace(
                      "records = make_record_table(rows)", "records = make_record_table(rows[::2])")),
                  nbformat.v4.new_code_cell('MaybeReviewer(result, records, "none.tsv", reviewer="AB")'),
                  nbformat.v4.new_markdown_cell("## Below the pairs")]
    none.metadata["kernelspec"] = nb.metadata["kernelspec"]
    nbformat.write(none, project / "none.ipynb")
    with serve_jupyterlab(project, tmp_path, TOKEN) as base:
        yield base, project


def test_decide_pairs_with_the_keyboard(lab, browser, tmp_path):
    base, project = lab
    verdicts = project / "verdicts.tsv"
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_notebook_page(page, f"{base}/lab/workspaces/pairs/tree/pairs.ipynb?token={TOKEN}")
        n_cells = page.locator(".jp-Notebook .jp-Cell").count()
        n_markdown = page.locator(".jp-MarkdownCell").count()
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        root = page.locator(".syn-pairs")
        root.wait_for(state="visible", timeout=120_000)
        assert page.locator(".syn-hint").is_visible()  # not focused yet: it says how to start
        assert "pair 1 of 3, 0 duplicates so far" in page.locator(".syn-counter").inner_text()
        # JOUR vs Journal Article is no difference; the two DOIs are
        assert page.locator("tr.syn-differ").count() == 1
        assert "doi" in page.locator("tr.syn-differ th").inner_text()
        page.screenshot(path=str(tmp_path / "pairs_unfocused.png"))

        page.locator(".syn-hint").click()  # a person clicks the widget, then types
        page.wait_for_function("() => document.activeElement === document.querySelector('.syn-pairs')")
        assert not page.locator(".syn-hint").is_visible()
        first = root.get_attribute("data-pair")

        def press(key):
            seq = root.get_attribute("data-seq")
            page.keyboard.press(key)
            page.wait_for_function(f"() => document.querySelector('.syn-pairs').dataset.seq !== '{seq}'")

        press("s")  # skip the first pair
        second = root.get_attribute("data-pair")
        assert second != first and not verdicts.exists()
        press("d")  # the second is a duplicate: on disk before the next pair shows
        assert "saved: duplicate" in page.locator(".syn-info").inner_text()
        assert read_verdicts(verdicts)["verdict"].tolist() == ["duplicate"]
        assert "1 duplicate so far" in page.locator(".syn-counter").inner_text()
        third = root.get_attribute("data-pair")
        press("u")  # undo: the second pair again, undecided on disk
        assert root.get_attribute("data-pair") == second and len(read_verdicts(verdicts)) == 0
        press("n")
        assert root.get_attribute("data-pair") == third
        page.screenshot(path=str(tmp_path / "pairs_focused.png"))
        press("n")  # the third: not a duplicate; the skipped first pair comes back
        assert root.get_attribute("data-pair") == first
        press("ArrowLeft")  # already the first pair of the list: stays
        assert root.get_attribute("data-pair") == first
        press("ArrowRight")  # forward: the second pair, with its verdict
        assert root.get_attribute("data-pair") == second and root.get_attribute("data-verdict") == "not_duplicate"
        press("ArrowLeft")
        assert root.get_attribute("data-pair") == first
        press("d")
        assert "All 3 pairs decided (1 duplicate)" in page.locator(".syn-card").inner_text()
        page.keyboard.press("d")  # d d in command mode deletes a cell
        page.keyboard.press("d")
        page.wait_for_timeout(500)
        # none of the keys reached JupyterLab: no cell deleted (d d), none turned to Markdown, still in place
        assert page.locator(".jp-Notebook .jp-Cell").count() == n_cells
        assert page.locator(".jp-MarkdownCell").count() == n_markdown
        assert not errors, errors
    finally:
        page.close()
    table = read_verdicts(verdicts)
    assert sorted(table["verdict"]) == ["duplicate", "not_duplicate", "not_duplicate"]
    assert set(table["reviewer"]) == {"AB"}


def test_mark_the_rest_after_a_pause_with_the_keyboard_and_the_mouse(lab, browser):
    """"Mark the rest" asks once more before it writes many verdicts; the second press comes after a person's
    pause, by keyboard (Tab to the button, Enter, Enter) or mouse. The first press used to give the keyboard
    back to the widget, which blurred the button, and leaving the button disarms it 200 ms later: no second
    Enter or click ever marked anything."""
    base, project = lab
    verdicts = project / "rest.tsv"
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        root, _ = open_pairs(page, base, "rest")
        page.locator(".syn-hint").click()
        rest = page.locator(".syn-rest")

        def press(key):
            seq = root.get_attribute("data-seq")
            page.keyboard.press(key)
            page.wait_for_function(f"() => document.querySelector('.syn-pairs').dataset.seq !== '{seq}'")

        press("n")
        for _ in range(7):  # the six buttons of the pair, then "mark the rest"
            page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('syn-rest')")
        assert rest.inner_text() == "Mark the rest (2) as not duplicates"
        page.keyboard.press("Enter")
        page.wait_for_timeout(600)  # a person reads "Sure?" before pressing again
        assert rest.inner_text().startswith("Sure? 2 pairs")
        press("Enter")
        assert "All 3 pairs decided (0 duplicates)" in page.locator(".syn-card").inner_text()
        assert read_verdicts(verdicts)["verdict"].tolist() == ["not_duplicate"] * 3
        assert page.evaluate("() => document.activeElement === document.querySelector('.syn-pairs')")
        press("u")  # the two marked at once are taken back at once
        assert len(read_verdicts(verdicts)) == 1 and rest.inner_text() == "Mark the rest (2) as not duplicates"
        rest.click()
        page.wait_for_timeout(600)
        assert rest.inner_text().startswith("Sure? 2 pairs")
        seq = root.get_attribute("data-seq")
        rest.click()
        page.wait_for_function(f"() => document.querySelector('.syn-pairs').dataset.seq !== '{seq}'")
        assert read_verdicts(verdicts)["verdict"].tolist() == ["not_duplicate"] * 3
        assert not errors, errors
    finally:
        page.close()


def test_the_two_records_get_columns_of_one_width(lab, browser):
    """A long abstract beside none (a database that exports no abstracts): the table sized its columns by
    their content, so the record without one was squeezed into a narrow strip (a fifth of the width on the
    wildfire project) and the columns moved from pair to pair. Both records get the same width."""
    base, _project = lab
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(60_000)
    try:
        open_notebook_page(page, f"{base}/lab/workspaces/wide/tree/wide.ipynb?token={TOKEN}")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.locator(".syn-pairs table.syn-pair").wait_for(state="visible", timeout=120_000)
        assert "not given" in page.locator(".syn-pairs tr", has_text="abstract").inner_text()
        widths = page.evaluate("() => [...document.querySelectorAll('.syn-pairs table.syn-pair tr:first-child th')]"
                               ".map(th => th.getBoundingClientRect().width)")
        assert len(widths) == 3 and abs(widths[1] - widths[2]) <= 2, widths
    finally:
        page.close()


def test_escape_gives_the_keyboard_back_to_the_notebook(lab, browser):
    """Escape leaves the pairs as it leaves every widget: the widget's cell active in command mode, where the
    arrows move on to the cells below; no verdict is written on the way. (The widget only blurred itself, and
    JupyterLab's own Escape happened to make the cell active; it now does so itself, as the others do.)"""
    base, project = lab
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(60_000)
    nb = "window.jupyterapp.shell.currentWidget.content"
    try:
        open_pairs(page, base, "esc")
        page.locator(".syn-hint").click()
        page.wait_for_function("() => document.activeElement === document.querySelector('.syn-pairs')")
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => {nb}.mode === 'command' && {nb}.activeCellIndex === 1"
                               f" && document.activeElement === {nb}.widgets[1].node", timeout=15_000)
        assert page.locator(".syn-hint").is_visible()  # it says again how to take the keyboard
        page.keyboard.press("ArrowDown")
        page.wait_for_function(f"() => {nb}.activeCellIndex === 2", timeout=15_000)
    finally:
        page.close()
    assert not (project / "esc.tsv").exists()


def test_the_first_click_on_a_button_decides(lab, browser, tmp_path):
    """Walking notebook 01 (w50): a click on "Skip (s)" of a widget that did not have the keyboard did nothing. The
    press gave the widget the keyboard, which hid the "click here" line above the buttons; the buttons moved up
    under the pointer before it was released, and the click landed on no button. The line keeps its place (it
    says that the keys go to the pairs), so the first click decides, and a click after it too. With one pair
    left, "mark the rest" asks about "1 pair", not "1 pairs"."""
    base, project = lab
    verdicts = project / "click.tsv"
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(60_000)
    try:
        root, _ = open_pairs(page, base, "click")
        hint = page.locator(".syn-hint")
        assert hint.is_visible() and not page.locator(".syn-keys-on").is_visible()
        top = page.locator(".syn-duplicate").bounding_box()["y"]
        seq = root.get_attribute("data-seq")
        page.locator(".syn-duplicate").click()  # the widget does not have the keyboard yet
        page.wait_for_function(f"() => document.querySelector('.syn-pairs').dataset.seq !== '{seq}'",
                               timeout=15_000)
        assert read_verdicts(verdicts)["verdict"].tolist() == ["duplicate"]
        assert page.evaluate("() => document.querySelector('.syn-pairs').contains(document.activeElement)")
        assert page.locator(".syn-duplicate").bounding_box()["y"] == top  # nothing moved
        assert not hint.is_visible() and page.locator(".syn-keys-on").is_visible()  # the keys go to the pairs
        page.screenshot(path=str(tmp_path / "pairs_after_first_click.png"))
        seq = root.get_attribute("data-seq")
        page.keyboard.press("s")  # the keyboard is the widget's after the click
        page.wait_for_function(f"() => document.querySelector('.syn-pairs').dataset.seq !== '{seq}'")
        seq = root.get_attribute("data-seq")
        page.keyboard.press("n")
        page.wait_for_function(f"() => document.querySelector('.syn-pairs').dataset.seq !== '{seq}'")
        rest = page.locator(".syn-rest")
        assert rest.inner_text() == "Mark the rest (1) as not duplicates"
        rest.click()
        assert rest.inner_text() == "Sure? 1 pair \u2192 not a duplicate (click again)"
    finally:
        page.close()


def test_with_no_maybe_pair_the_widget_says_so_and_offers_nothing_to_press(lab, browser, tmp_path):
    """Noticed walking notebook 01 (session 51): on a review whose deduplication was sure of every pair the widget
    still said "click here to decide pairs with the keyboard" above six buttons and a counter "0 of 0 pairs
    decided", and a click took the notebook's keys for nothing. It now says there is nothing to decide, and
    neither a click nor a key takes anything from the notebook."""
    base, project = lab
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(60_000)
    nb = "window.jupyterapp.shell.currentWidget.content"
    try:
        root, n_cells = open_pairs(page, base, "none")
        page.wait_for_function("() => document.querySelector('.syn-pairs .syn-done')")
        assert root.inner_text().strip() == "No maybe pairs to decide: deduplication was sure of every pair."
        for hidden in (".syn-keyline", ".syn-counter", ".syn-buttons"):
            assert not page.locator(hidden).is_visible(), hidden
        page.screenshot(path=str(tmp_path / "pairs_none.png"))
        page.locator(".syn-done").click()
        assert not page.evaluate("() => document.querySelector('.syn-pairs').contains(document.activeElement)")
        page.evaluate(f"() => {nb}.activeCellIndex = 1")
        page.keyboard.press("Escape")
        page.keyboard.press("ArrowDown")  # the notebook has the keys: the cell below becomes the active one
        page.wait_for_function(f"() => {nb}.activeCellIndex === 2", timeout=15_000)
        assert page.locator(".jp-Notebook .jp-Cell").count() == n_cells
    finally:
        page.close()
    assert not (project / "none.tsv").exists()
