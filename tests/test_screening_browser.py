"""A person screens three records with the keyboard in JupyterLab (headless Chromium); the log on disk says so."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lab_server import BELOW_VIEW_TOP, SCROLL_OUT_ABOVE, open_notebook_page, serve_jupyterlab

from synthesis.screening import ScreeningSettings, make_unit_table, write_unit_table

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_screen.ipynb"
TOKEN = "screening-test-token"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UNITS = [
    {"group_id": "g001", "title": "Co-design of a <b>diabetes</b> app with patients & carers",
     "authors": ["Smith, J.", "Lee, K."], "year": 2021, "journal": "J Med Internet Res",
     "abstract": "We co-designed an app <script>alert(1)</script> with patients.", "doi": "10.1000/a1"},
    {"group_id": "g002", "title": "Mice models of insulin resistance", "authors": ["Chen, W."], "year": 2019,
     "journal": "Cell", "abstract": "A mouse study.", "doi": ""},
    {"group_id": "g003", "title": "Participatory design in telehealth", "authors": [], "year": None,
     "journal": "", "abstract": "", "doi": "10.1000/a3"},
    {"group_id": "g004", "title": "A fourth record nobody screens", "authors": ["Doe, J."], "year": 2020,
     "journal": "BMJ", "abstract": "Left for later.", "doi": ""},
]


def make_project(project: Path, stage: str = "title_abstract", reviewer: str = "Alice", order: str = "file",
                 units=None, resolve: bool = False, **settings) -> Path:
    """A tiny review project: the screening notebook (with what a reviewer types in its first code cell),
    units, settings."""
    import nbformat

    (project / "notebooks").mkdir(parents=True)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    setup = next(c for c in nb.cells if 'REVIEWER = ""' in c.source and 'STAGE = "title_abstract"' in c.source)
    # what a reviewer edits in the first code cell
    setup.source = setup.source.replace('REVIEWER = ""', f'REVIEWER = "{reviewer}"')
    setup.source = setup.source.replace('STAGE = "title_abstract"', f'STAGE = "{stage}"')
    setup.source = setup.source.replace('ORDER = "prioritised"', f'ORDER = "{order}"')
    setup.source = setup.source.replace("RESOLVE = False", f"RESOLVE = {resolve}")
    nbformat.write(nb, project / "notebooks" / NOTEBOOK.name)
    write_unit_table(make_unit_table(units or UNITS), project / "output" / "units.csv")
    options = dict(team=["Alice", "Bob"], reasons=["wrong population", "wrong design"],
                   include_keywords=["co-design*", "patients"], exclude_keywords=["mice", "mouse"])
    options.update(settings)
    ScreeningSettings(**options).save(project / "evidence" / "screening")
    return project


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a random localhost port serving two tiny review projects; shut down afterwards."""
    yield from run_lab(tmp_path_factory, {"ta": make_project,
                                          "ft": lambda path: make_project(path, stage="full_text", reviewer="Bob"),
                                          "esc": make_project, "esc_run": make_project, "early": make_project})


def run_lab(tmp_path_factory, projects: dict):
    """Start JupyterLab over a folder of projects (``{name: function(path)}`` makes each); yields (url, root)."""
    pytest.importorskip("jupyterlab")
    pytest.importorskip("anywidget")
    tmp_path = tmp_path_factory.mktemp("lab")
    root = tmp_path / "projects"
    for name, make in projects.items():
        make(root / name)
    with serve_jupyterlab(root, tmp_path, TOKEN) as base:
        yield base, root


def open_and_run(page, base, project_name):
    """Open the project's screening notebook, run all its cells, wait for the widget; returns how many
    markdown cells it has."""
    # A workspace of its own per test, so JupyterLab restores no other notebook beside this one.
    open_notebook_page(page, f"{base}/lab/workspaces/{project_name}/tree/{project_name}/notebooks/02_screen.ipynb?token={TOKEN}")
    # the notebook's model, not the DOM: JupyterLab renders only the cells in view
    n_markdown = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                               ".filter(c => c.model.type === 'markdown').length")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(".syn-screen").wait_for(state="visible", timeout=120_000)
    return n_markdown


def test_screen_three_records_with_the_keyboard(lab, browser):
    base, root = lab
    project = root / "ta"
    page = browser.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        n_markdown = open_and_run(page, base, "ta")
        card = page.locator(".syn-card h3")
        assert "Co-design of a <b>diabetes</b> app" in card.inner_text()  # escaped: shown as text
        assert page.locator(".syn-card h3 b").count() == 0
        assert page.locator(".syn-card script").count() == 0
        assert page.locator(".syn-card mark.syn-kw-in").count() >= 2  # co-design*, patients
        assert "Alice" in page.locator(".syn-who").inner_text()

        page.locator(".syn-card").click()  # a person clicks the record, then types
        expected = [("g001", "i", "include"), ("g002", "e", "exclude"), ("g003", "m", "maybe")]
        for key, press, decision in expected:
            page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key === '{key}'")
            page.keyboard.press(press)
            page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key !== '{key}'")
            said = page.locator(".syn-info").inner_text()  # the record by its title, then its key
            assert f"saved: {decision}: \u201c" in said and f"({key})" in said, said
        assert page.locator(".syn-screen").get_attribute("data-key") == "g004"
        assert "3 of 4 decided" in page.locator(".syn-counts").inner_text()
        # the keys went to the widget, not to JupyterLab (m would turn a cell into Markdown)
        assert page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                             ".filter(c => c.model.type === 'markdown').length") == n_markdown
        assert not errors, errors
    finally:
        page.close()

    logfile = project / "evidence" / "screening" / "alice.jsonl"
    entries = [json.loads(x) for x in logfile.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert [(e["key"], e["decision"], e["stage"], e["reviewer"]) for e in entries] == [
        (k, d, "title_abstract", "Alice") for k, _, d in expected]


def test_full_text_exclusion_reason_from_the_keyboard(lab, browser):
    """At full text, e without a reason is refused (nothing logged); 2 picks the second reason, then e logs it."""
    from synthesis.screening import DecisionLog

    base, root = lab
    project = root / "ft"
    evidence = project / "evidence" / "screening"
    settings = ScreeningSettings.load(evidence)
    with DecisionLog(evidence, "Bob", settings) as log:  # Bob's title/abstract screening, done earlier
        log.record("g001", "include")
        log.record("g002", "exclude")
        log.record("g003", "include")
        log.record("g004", "exclude")
    page = browser.new_page()
    page.set_default_timeout(60_000)
    try:
        open_and_run(page, base, "ft")
        assert "Bob" in page.locator(".syn-who").inner_text()
        assert "0 of 2 decided" in page.locator(".syn-counts").inner_text()  # only what passed title/abstract
        page.locator(".syn-card").click()
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.key === 'g001'")
        page.keyboard.press("e")
        page.wait_for_function("() => document.querySelector('.syn-info').textContent.includes('reason')")
        assert "nothing was logged" in page.locator(".syn-info").inner_text()
        page.keyboard.press("2")
        page.wait_for_function("() => document.querySelector('.syn-reason').value === 'wrong design'")
        page.keyboard.press("e")
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.key === 'g003'")
        page.keyboard.press("i")
        page.wait_for_function("() => document.querySelector('.syn-info').textContent.includes('saved: include: ') && document.querySelector('.syn-info').textContent.includes('(g003)')")
    finally:
        page.close()
    entries = [json.loads(x) for x in (evidence / "bob.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    full_text = [(e["key"], e["decision"], e["reason"]) for e in entries if e["stage"] == "full_text"]
    assert full_text == [("g001", "exclude", "wrong design"), ("g003", "include", "")]
    assert len(entries) == 6


def test_escape_gives_the_keyboard_back_to_the_notebook(lab, browser):
    """A reviewer who screened by keyboard could not go on to the cells below the widget ("Where the team stands")
    without the mouse: every key, Escape too, stayed in the widget. Escape now makes the widget's cell the active
    cell in command mode, where the arrows move between cells; no record is decided on the way."""
    base, root = lab
    page = browser.new_page()
    page.set_default_timeout(60_000)
    nb = "window.jupyterapp.shell.currentWidget.content"
    try:
        open_and_run(page, base, "esc")
        page.locator(".syn-card").click()
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.focused === 'yes'")
        widget_cell = page.evaluate(f"() => {nb}.widgets"
                                    ".findIndex(c => c.node.contains(document.querySelector('.syn-screen')))")
        page.keyboard.press("Escape")
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.focused === 'no'")
        assert page.evaluate(f"() => [{nb}.mode, {nb}.activeCellIndex]") == ["command", widget_cell]
        page.keyboard.press("ArrowDown")  # a key JupyterLab acts on: the next cell becomes the active one
        # (waited for: JupyterLab runs the command after the key event returns; read at once, a loaded machine saw
        # the cell before it moved)
        page.wait_for_function(f"() => {nb}.activeCellIndex === {widget_cell + 1}", timeout=15_000)
        assert "0 of 4 decided" in page.locator(".syn-counts").inner_text()
    finally:
        page.close()
    assert not (root / "esc" / "evidence" / "screening" / "alice.jsonl").exists()


def test_escape_then_shift_enter_goes_on_to_the_cells_below(lab, browser, tmp_path):
    """After Escape the widget's cell is the active cell, and Shift+Enter, what a reviewer presses to go on, runs it
    again: the widget drawn anew took the keyboard back, so the notebook had to tell reviewers "Esc, then the arrow,
    then Shift+Enter". Drawn in a cell whose widget Escape left, the widget now leaves the keyboard with the
    notebook (saying "click here to screen"): the next cell is active and the arrows move on from there; a click
    gives the widget the keyboard again."""
    base, root = lab
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.set_default_timeout(60_000)
    nb = "window.jupyterapp.shell.currentWidget.content"
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_and_run(page, base, "esc_run")
        page.locator(".syn-card").click()
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.focused === 'yes'")
        widget_cell = page.evaluate(f"() => {nb}.widgets"
                                    ".findIndex(c => c.node.contains(document.querySelector('.syn-screen')))")
        page.evaluate("() => { document.querySelector('.syn-screen').dataset.old = 'yes'; }")  # the first widget
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => {nb}.mode === 'command' && {nb}.activeCellIndex === {widget_cell}"
                               " && document.querySelector('.syn-screen').dataset.focused === 'no'")
        page.keyboard.press("Shift+Enter")  # runs the widget's cell again and moves on
        new = "document.querySelector('.syn-screen:not([data-old])')"
        # the new widget took the keyboard, or made its last attempt to take it
        page.wait_for_function(f"() => {new} && ({new}.dataset.settled === 'yes' || {new}.dataset.focused === 'yes')")
        page.wait_for_function(f"() => {nb}.mode === 'command' && {nb}.activeCellIndex === {widget_cell + 1}"
                               f" && {new}.dataset.focused === 'no'", timeout=15_000)
        page.screenshot(path=str(tmp_path / "escape_then_shift_enter.png"))
        assert page.locator(".syn-screen .syn-hint").is_visible()  # it says how to take the keyboard
        page.keyboard.press("ArrowDown")  # the keyboard is the notebook's: the arrow moves on
        page.wait_for_function(f"() => {nb}.activeCellIndex === {widget_cell + 2}", timeout=15_000)
        page.locator(".syn-card").click()  # a click gives the widget the keyboard again
        page.wait_for_function(f"() => {new}.dataset.focused === 'yes'"
                               f" && !{new}.closest('.jp-Cell').dataset.synKeyboard")
        assert "0 of 4 decided" in page.locator(".syn-counts").inner_text()
        assert not errors, errors
    finally:
        page.close()
    assert not (root / "esc_run" / "evidence" / "screening" / "alice.jsonl").exists()


def test_a_reviewer_who_starts_at_once_is_not_scrolled_back(lab, browser):
    """The widget tries to take the keyboard four times in its first 1.5 s, and each try brings its top into view
    (Run All ends at the notebook's last cell). A reviewer who had already started, scrolling down to read, was
    taken back to the top by the last try (a CI run's walk through a paper met it between Space and i). Once a key
    was pressed in the widget, the tries leave the scroll alone."""
    base, root = lab
    page = browser.new_page(viewport={"width": 1300, "height": 500})
    page.set_default_timeout(60_000)
    try:
        open_and_run(page, base, "early")
        # In one turn of the page's script, so that none of the widget's tries comes between: a key in the widget
        # that does nothing (the reviewer is here), then the notebook scrolled on down, as a reader does; it says
        # whether the tries were over already (on a machine too busy to come within 1.5 s: run the cells again)
        act = ("() => { const root = document.querySelector('.syn-screen');"
               " root.dispatchEvent(new KeyboardEvent('keydown', {key: 'Shift', bubbles: true}));"
               f" ({SCROLL_OUT_ABOVE})(['.syn-screen', 120]); return root.dataset.settled || ''; }}")
        for _ in range(3):
            if page.evaluate(act) != "yes":
                break
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function("() => { const r = document.querySelector('.syn-screen');"
                                   " return r && r.dataset.settled !== 'yes'; }")
        else:
            pytest.fail("the widget had settled before the key three times: the machine is too busy for this test")
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.settled === 'yes'")
        # still where the reviewer went (brought back, its top stood at 0)
        assert page.evaluate(BELOW_VIEW_TOP, ".syn-screen") < -100
    finally:
        page.close()
