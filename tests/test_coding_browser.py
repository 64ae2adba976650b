"""Coding in JupyterLab (headless Chromium), keyboard only: Alice codes two studies, Bob codes one of them
differently (dual, blind), Carol reconciles it, and the rebuilt HTML map shows it."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from lab_server import open_notebook_page, serve_jupyterlab

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "coding-test-token"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _notebook(path: Path, source: str) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# coding"), nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The example project, built, with dual coding switched on."""
    from synthesis.build import build

    root = tmp_path_factory.mktemp("coding") / "review"
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, root / name)
    from synthesis.screening.settings import add_reviewer

    for name in ("Carol", "Dave", "Erin", "Fay"):  # the coders of these tests join the example's team
        add_reviewer(root, name)
    form = root / "evidence" / "coding_form.toml"
    form.write_text(form.read_text(encoding="utf-8").replace("dual = false", "dual = true"), encoding="utf-8")
    build(root, progress=False)
    (root / "notebooks").mkdir()
    for name, args in (("alice", '"Alice"'), ("bob", '"Bob"'),
                       ("carol", '"Carol", reconcile=True, agreed_by=["Alice", "Bob"]')):
        _notebook(root / "notebooks" / f"{name}.ipynb",
                  f"from synthesis.coding.widget import open_coding\nw = open_coding('..', {args})\nw")
    return root


@pytest.fixture(scope="module")
def lab(project, tmp_path_factory):
    pytest.importorskip("jupyterlab")
    with serve_jupyterlab(project, tmp_path_factory.mktemp("codinglab"), TOKEN) as base:
        yield base


def _open(browser, base, name, workspace="", token=TOKEN):
    """A page with notebooks/NAME.ipynb open (in a JupyterLab workspace of its own, named ``workspace`` or the
    notebook's), its cells run and the coding widget shown; returns the page and the list of its script errors."""
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.set_default_timeout(90_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_notebook_page(page, f"{base}/lab/workspaces/{workspace or name}/tree/notebooks/{name}.ipynb?token={token}")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(".syc-code").wait_for(state="visible", timeout=120_000)
    return page, errors


def _code(page, words, steps=0):
    """Type a filter, move down ``steps`` codes, choose with Space (keyboard only)."""
    page.keyboard.type(words)
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    page.keyboard.press(" ")


def _study(page):
    return page.locator(".syc-code").get_attribute("data-study")


def _entries(project, coder):
    path = project / "evidence" / "coding" / f"{coder}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_two_coders_disagree_reconcile_and_map(lab, project, browser, tmp_path):
    # --- Alice codes two studies, keyboard only
    page, errors = _open(browser, lab, "alice")
    page.locator(".syc-filter").click()  # give the widget the keyboard once
    n_cells = page.locator(".jp-Cell").count()
    n_markdown = page.locator(".jp-MarkdownCell").count()
    first = _study(page)
    assert first.startswith("g") and page.locator(".syc-card h3").inner_text()
    _code(page, "mistrust")
    assert page.locator(".syc-code").get_attribute("data-chosen") == "framework:discovery.assumptions.mistrust"
    # the focused widget is drawn clearly
    shadow = page.locator(".syc-code").evaluate("e => getComputedStyle(e).boxShadow")
    assert shadow and shadow != "none"
    page.keyboard.press("Escape")
    _code(page, "recruitment", steps=1)  # Recruitment, then its first challenge (patients)
    page.locator(".syc-quote").last.type("patients joined every session")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('.syc-code').dataset.study !== '{first}'")
    info = page.locator(".syc-info").inner_text()
    assert info.startswith("saved ") and (f" ({first}): 2 codes" in info or f"saved {first}: 2 codes" in info), info
    second = _study(page)
    page.locator(".syc-filter").focus()
    _code(page, "funding")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('.syc-code').dataset.study !== '{second}'")
    # keys that JupyterLab would act on in command mode (a, b, m, d d) did nothing to the notebook
    for key in ("a", "b", "m", "d", "d"):
        page.keyboard.press(key)
    assert page.locator(".jp-Cell").count() == n_cells and page.locator(".jp-MarkdownCell").count() == n_markdown
    page.screenshot(path=str(tmp_path / "alice.png"))
    assert not errors, errors
    page.close()
    alice = _entries(project, "alice")
    assert [e["study"] for e in alice] == [first, second]
    assert {c["code"] for c in alice[0]["codes"]} == {"discovery.assumptions.mistrust", "setup.recruitment.patients"}
    assert [c.get("quote") for c in alice[0]["codes"] if c["code"] == "setup.recruitment.patients"] == [
        "patients joined every session"]

    # --- Bob codes the first study blind, and differently
    page, errors = _open(browser, lab, "bob")
    assert _study(page) == first
    assert "Alice" not in page.locator(".syc-code").inner_text()  # blind: Alice's answer is not shown
    # by mouse this time: a click on the tree chooses the code, the button saves
    page.locator(".syc-node[data-key='framework:discovery.assumptions.providers']").click()
    assert page.locator(".syc-code").get_attribute("data-chosen") == "framework:discovery.assumptions.providers"
    page.locator(".syc-save").click()
    page.wait_for_function(f"() => document.querySelector('.syc-code').dataset.study !== '{first}'")
    page.close()

    # --- Carol reconciles: both answers with quotes; the agreed answer is logged with who agreed it
    page, errors = _open(browser, lab, "carol")
    assert _study(page) == first
    table = page.locator("table.syc-answers")
    assert "patients joined every session" in table.inner_text()
    assert table.locator("tr.syc-differ").count() >= 2
    page.screenshot(path=str(tmp_path / "carol_answers.png"))
    page.locator(".syc-filter").click()
    _code(page, "mistrust")  # a code only Alice gave: chosen now
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.syc-info').textContent.includes('(agreed)')")
    page.screenshot(path=str(tmp_path / "carol.png"))
    assert not errors, errors
    page.close()
    agreed = _entries(project, "carol")
    assert agreed[0]["agreed"] is True and agreed[0]["agreed_by"] == ["Alice", "Bob"]
    assert agreed[0]["coders"] == ["alice", "bob"]  # as the team list spells them (they opened as "Alice", "Bob")

    # --- the rebuilt HTML map shows the reconciled study, and says what waits
    from synthesis.build import build

    build(project, progress=False)
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto((project / "output" / "maps" / "gap_map.html").resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("#count").inner_text() == "50 of 50 studies shown"
    assert "1 study waits for a second coder" in page.locator("#subtitle").inner_text()
    page.fill("#search", first)
    assert page.locator("#count").inner_text() == "1 of 50 studies shown"
    row = page.locator("table.matrix tr.row", has=page.locator("th.rowlabel",
                                                            has_text="Surface and challenge existing assumptions"))
    row.locator("td.cell").first.click()
    listed = page.locator("#studies li.study").evaluate_all("els => els.map(e => e.dataset.study)")
    assert listed == [first]
    assert "Mistrust of mainstream healthcare" in page.locator("#studies").inner_text()
    page.screenshot(path=str(tmp_path / "map.png"))
    page.close()
    agreement = (project / "output" / "maps" / "coding_agreement.csv").read_text(encoding="utf-8")
    assert "level,framework,stage" in agreement


def test_the_next_study_gives_the_keyboard_back_to_the_filter(lab, project, browser):
    """Enter in a form field (or a quote) saves; what the coder types next filters the next study's codes.

    It used to stay in the field, so "recruit" typed for the next study went into its Participants box (or, from
    a quote, which the next study redraws away, to JupyterLab).
    """
    _notebook(project / "notebooks" / "dave.ipynb",
              "from synthesis.coding.widget import open_coding\nw = open_coding('..', 'Dave')\nw")
    page, errors = _open(browser, lab, "dave")
    page.locator(".syc-filter").click()
    for leave_from in ("field", "quote"):
        before = _study(page)
        _code(page, "mistrust")
        if leave_from == "field":
            page.locator(".syc-form [data-field='country']").click()
            page.keyboard.type("Denmark")
        else:
            page.locator(".syc-quote").last.click()
            page.keyboard.type("they did not trust the portal")
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.querySelector('.syc-code').dataset.study !== '{before}'")
        page.keyboard.type("funding")
        assert page.locator(".syc-filter").input_value() == "funding", leave_from
        assert page.locator(".syc-form [data-field='country']").input_value() == "", leave_from
        page.keyboard.press("Escape")  # clears the filter for the next round
    assert not errors, errors
    page.close()
    assert [e["fields"].get("country") for e in _entries(project, "dave")] == ["Denmark", None]


def test_a_list_with_no_study_left_greys_out_the_codes_and_says_so(lab, project, browser):
    """A finished (or empty) list shows no study: the counter said "study 0 of 56" and the code tree and form
    stayed live, so a coder could tick codes that nothing would save. Now the counter says no study is open and
    the tree and form are greyed out until a study is shown again."""
    _notebook(project / "notebooks" / "erin.ipynb",
              "from synthesis.coding.widget import open_coding\nw = open_coding('..', 'Erin')\nw")
    page, errors = _open(browser, lab, "erin")
    widget = page.locator(".syc-code")
    assert re.search(r"study \d+ of", page.locator(".syc-counts").inner_text())  # a study is open
    assert "syc-nostudy" not in widget.get_attribute("class")
    page.locator(".syc-show").select_option("coded by me")  # Erin has coded nothing
    page.wait_for_function("() => document.querySelector('.syc-code').dataset.study === ''")
    counts = page.locator(".syc-counts").inner_text()
    assert "study 0" not in counts and "no study open" in counts, counts
    assert "syc-nostudy" in widget.get_attribute("class")
    assert page.locator(".syc-tree").evaluate("e => getComputedStyle(e).pointerEvents") == "none"
    page.locator(".syc-show").select_option("to code")
    page.wait_for_function("() => document.querySelector('.syc-code').dataset.study !== ''")
    assert "syc-nostudy" not in widget.get_attribute("class")
    assert not errors, errors
    page.close()


def test_shift_space_types_a_space_in_the_filter(lab, project, browser):
    """A reviewer typed "analytical validation" to find her code: the Space chose the first code matching
    "analytical" (another one) and the filter read "analyticalvalidation", matching nothing. Shift+Space now
    types the space, choosing nothing, and the filter narrows on both words; Space alone still chooses."""
    _notebook(project / "notebooks" / "erin.ipynb",
              "from synthesis.coding.widget import open_coding\nw = open_coding('..', 'Erin')\nw")
    page, errors = _open(browser, lab, "erin")
    page.locator(".syc-filter").click()
    page.keyboard.type("digital")
    page.keyboard.press("Shift+Space")
    page.keyboard.type("literacy")
    assert page.locator(".syc-filter").input_value() == "digital literacy"
    assert not page.locator(".syc-code").get_attribute("data-chosen")  # nothing chosen by the space
    assert page.locator(".syc-node:not(.syc-hidden):not(.syc-context)").count()  # codes matching both words
    page.keyboard.press(" ")
    assert page.locator(".syc-code").get_attribute("data-chosen")
    assert "Shift+Space" in page.locator(".syc-filter").get_attribute("placeholder")
    assert not errors
    page.close()


def test_a_chosen_codes_whole_label_is_shown(lab, project, browser):
    """A reviewer's chosen codes were listed cut to one line ('Clinical and medical d...', 'Unmet clinical or
    edu...'): two codes that begin alike could not be told apart. The list now shows each whole label."""
    _notebook(project / "notebooks" / "fay.ipynb",
              "from synthesis.coding.widget import open_coding\nw = open_coding('..', 'Fay')\nw")
    page, errors = _open(browser, lab, "fay")
    page.locator(".syc-filter").click()
    _code(page, "mistrust")
    label = page.locator(".syc-clabel").first
    full = page.locator(".syc-node.syc-on .syc-label").first.inner_text()
    assert len(full) > 40 and label.inner_text() == full
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1")
    assert label.get_attribute("title") == full
    assert not errors
    page.close()


def test_the_counter_says_to_go_only_for_the_list_still_to_code(lab, project, browser):
    """With every study coded, c2 chose "coded by me" to look back at one: the counter read "13 to go · 13 coded
    by you", as if nothing were done. "to go" is the work left in "to code"; another list says how many it holds;
    the study's number counts every study, and says so."""
    _notebook(project / "notebooks" / "erin.ipynb",
              "from synthesis.coding.widget import open_coding\nw = open_coding('..', 'Erin')\nw")
    page, errors = _open(browser, lab, "erin")
    assert " to go · 0 coded by you" in page.locator(".syc-counts").inner_text()
    # w34's walk: "7 to go · 0 coded by you · study 1 of 56" read as 56 studies to code; 56 is every study
    assert re.search(r"· study \d+ of \d+ in all( ·|$)", page.locator(".syc-counts").inner_text())
    page.select_option(".syc-show", "all")
    page.wait_for_function("() => document.querySelector('.syc-counts').textContent.includes('in “all”')")
    assert "to go" not in page.locator(".syc-counts").inner_text()
    assert not errors, errors
    page.close()


def test_escape_on_an_empty_filter_gives_the_keyboard_back_to_the_notebook(lab, project, browser):
    """A coder who coded by keyboard could not reach the notebook's cells without the mouse: the widget keeps every
    key, and Escape only cleared the filter. The first Escape still clears it; the next one makes the widget's
    cell the active cell in command mode, where the arrows move between cells. Nothing is saved on the way."""
    _notebook(project / "notebooks" / "fay.ipynb",
              "from synthesis.coding.widget import open_coding\nw = open_coding('..', 'Fay')\nw")
    page, errors = _open(browser, lab, "fay")
    nb = "window.jupyterapp.shell.currentWidget.content"
    page.locator(".syc-filter").click()
    page.keyboard.type("mistrust")
    page.keyboard.press("Escape")
    assert page.locator(".syc-filter").input_value() == ""
    assert page.evaluate("() => document.activeElement.classList.contains('syc-filter')")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.activeElement.classList.contains('syc-filter')")
    assert page.evaluate(f"() => [{nb}.mode, {nb}.activeCellIndex]") == ["command", 1]
    page.keyboard.press("ArrowUp")  # a key JupyterLab acts on: the markdown cell above becomes the active one
    # (waited for: JupyterLab runs the command after the key event returns)
    page.wait_for_function(f"() => {nb}.activeCellIndex === 0", timeout=15_000)
    assert not errors, errors
    page.close()
    assert not (project / "evidence" / "coding" / "fay.jsonl").exists()


def test_escape_then_shift_enter_goes_on_to_the_cell_below(lab, project, browser, tmp_path):
    """After Escape the widget's cell is active, and Shift+Enter runs it again: the widget drawn anew put the
    keyboard back in its filter box, so the coder never reached the cell below. In a cell whose widget Escape
    left, the new widget leaves the keyboard with the notebook until it is clicked."""
    import nbformat

    path = project / "notebooks" / "fay_run.ipynb"
    nb_file = nbformat.v4.new_notebook()
    nb_file.cells = [nbformat.v4.new_markdown_cell("# coding"),
                     nbformat.v4.new_code_cell("from synthesis.coding.widget import open_coding\n"
                                               "w = open_coding('..', 'Fay')\nw"),
                     nbformat.v4.new_markdown_cell("## below the widget"),
                     nbformat.v4.new_markdown_cell("## further below")]
    nb_file.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb_file, path)
    page, errors = _open(browser, lab, "fay_run")
    nb = "window.jupyterapp.shell.currentWidget.content"
    page.locator(".syc-filter").click()
    page.evaluate("() => { document.querySelector('.syc-code').dataset.old = 'yes'; }")  # the first widget
    page.keyboard.press("Escape")  # the filter is empty: back to the notebook
    page.wait_for_function(f"() => {nb}.mode === 'command' && {nb}.activeCellIndex === 1"
                           " && !document.querySelector('.syc-code').contains(document.activeElement)")
    page.keyboard.press("Shift+Enter")
    new = "document.querySelector('.syc-code:not([data-old])')"
    # the new widget took the keyboard, or made its attempt to take it
    page.wait_for_function(f"() => {new} && ({new}.dataset.settled === 'yes' || {new}.contains(document.activeElement))")
    page.wait_for_function(f"() => {nb}.mode === 'command' && {nb}.activeCellIndex === 2"
                           f" && !{new}.contains(document.activeElement)", timeout=15_000)
    page.keyboard.press("ArrowDown")  # the notebook has the keyboard: the arrow moves on
    page.wait_for_function(f"() => {nb}.activeCellIndex === 3", timeout=15_000)
    hint = page.locator(".syc-code:not([data-old]) .syn-hint")
    assert hint.is_visible()  # the widget says the keyboard is elsewhere, and how to take it
    page.screenshot(path=str(tmp_path / "coding_after_escape_and_shift_enter.png"))
    hint.click()  # a click gives the widget the keyboard again (its filter box)
    page.wait_for_function(f"() => {new}.querySelector('.syc-filter') === document.activeElement"
                           f" && !{new}.closest('.jp-Cell').dataset.synKeyboard")
    assert not hint.is_visible()
    assert not errors, errors
    page.close()
    assert not (project / "evidence" / "coding" / "fay.jsonl").exists()


def test_each_codes_box_sits_inside_its_row(lab, project, browser):
    """w34's walk: each code's box rode high on its line (aligned on the text's baseline, where an empty box's
    bottom sits), its top edge 1 pixel under the row's, so the cursor's outline (2 pixels inside the row) cut
    through the box of the code it marked. Every box now sits clear of its row's edges, by the first line."""
    _notebook(project / "notebooks" / "dave.ipynb",
              "from synthesis.coding.widget import open_coding\nw = open_coding('..', 'Dave')\nw")
    page, errors = _open(browser, lab, "dave")
    outside = page.evaluate("""() => [...document.querySelectorAll('.syc-node')].filter(r => r.offsetParent)
      .map(r => [r, r.querySelector('.syc-box')]).filter(([r, b]) => {
        const rb = r.getBoundingClientRect(), bb = b.getBoundingClientRect();
        return bb.top < rb.top + 2 || bb.bottom > rb.bottom - 2; })
      .map(([r]) => r.textContent.slice(0, 40))""")
    assert not outside, outside
    assert not errors, errors
    page.close()


def test_the_first_click_on_a_button_acts(lab, project, browser, tmp_path):
    """With the keyboard elsewhere, the "Click here to code" line stands above the buttons; the press on "Next"
    gave the widget the keyboard, which hid the line, the buttons moved up under the pointer and the click landed
    on none (found in the screening and pair widgets by walking the notebooks, w50; the same line here). The line
    keeps its place and says where the keys go, so the first click acts and nothing moves."""
    _notebook(project / "notebooks" / "erin_click.ipynb",
              "from synthesis.coding.widget import open_coding\nw = open_coding('..', 'Erin')\nw")
    page, errors = _open(browser, lab, "erin_click")
    page.wait_for_function("() => { const w = document.querySelector('.syc-code'); return w.dataset.settled === 'yes'"
                           " || w.contains(document.activeElement); }")
    page.evaluate("() => document.activeElement.blur()")
    page.wait_for_function("() => !document.querySelector('.syc-code').contains(document.activeElement)")
    assert page.locator(".syc-code .syn-hint").is_visible()
    page.evaluate("() => document.querySelector('.syc-code').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    button = page.locator(".syc-next")
    top, study = button.bounding_box()["y"], _study(page)
    button.click()
    page.wait_for_function(f"() => document.querySelector('.syc-code').dataset.study !== {json.dumps(study)}",
                           timeout=15_000)
    assert button.bounding_box()["y"] == top  # nothing moved
    assert not page.locator(".syc-code .syn-hint").is_visible()
    assert page.locator(".syc-code .syn-keys-on").is_visible()
    page.screenshot(path=str(tmp_path / "coding_after_first_click.png"))
    assert not errors, errors
    page.close()
