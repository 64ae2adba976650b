"""A review screened in the real notebook, in JupyterLab in headless Chromium (issue 14).

Keys with and without focus (the notebook's cells never change), prioritised order and the stopping test's
random sample, a search in the history and a changed decision, a conflict resolved side by side, and a new
reviewer joining a stage others finished. Screenshots go to the test's temporary folder.
"""
from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager

import pytest

from synthesis.screening import DecisionLog, ScreeningSettings, prisma_counts, read_logs, read_unit_table, screening_status

from lab_server import open_notebook_page
from test_screening_browser import TOKEN, make_project, run_lab  # noqa: F401  (same folder)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

INCLUDE_TOPICS = ["diabetes", "asthma", "dementia", "stroke", "cancer", "arthritis"]
EXCLUDE_TOPICS = ["insulin signalling", "liver enzymes", "bone density", "gut bacteria", "cell cycle", "rodent sleep",
                  "muscle fibres", "kidney ion channels", "heart valves", "skin grafts", "lung surfactant",
                  "retinal cells", "fat tissue", "blood clotting", "nerve growth", "tooth enamel", "hair follicles",
                  "immune memory"]
UNITS = [{"group_id": f"g{i + 1:03d}", "title": f"Co-design of a digital app with patients living with {t}",
          "authors": ["Smith, J.", "Lee, K."], "year": 2021, "journal": "J Med Internet Res",
          "abstract": f"Patients and carers co-designed a digital health app for {t} in participatory workshops.",
          "doi": f"10.1000/in{i}"} for i, t in enumerate(INCLUDE_TOPICS)]
UNITS += [{"group_id": f"g{i + 7:03d}", "title": f"Mice models of {t}", "authors": ["Chen, W."], "year": 2019,
           "journal": "Cell", "abstract": f"A mouse study of {t} in laboratory rodents.", "doi": ""}
          for i, t in enumerate(EXCLUDE_TOPICS)]
RELEVANT = {u["group_id"] for u in UNITS[:6]}
CRITERIA = {"title_abstract": ["Co-design with patients or the public", "A digital health tool"]}


#: The same records found in two search rounds (a living review's update: the last eight are the new round's).
ROUNDS = [dict(u, search_round="2026-01" if k < 16 else "2026-06") for k, u in enumerate(UNITS)]


def project_with_logs(path, logs: dict, units=UNITS, **kw):
    make_project(path, units=units, **kw)
    ev = path / "evidence" / "screening"
    settings = ScreeningSettings.load(ev)
    for name, entries in logs.items():
        with DecisionLog(ev, name, settings) as log:
            for e in entries:
                log.record(**e)
    return path


def both_agreed(path, **kw):
    decided = [{"key": u["group_id"], "decision": "include" if u["group_id"] in RELEVANT else "exclude"}
               for u in UNITS]
    return project_with_logs(path, {"Alice": decided, "Bob": decided}, reviewer="", reviewers_per_record=2, **kw)


def tall_notebook(path):
    """The project's notebook 2 with a long cell at its end (a team's own notes below the widget): Run All ends
    with that cell in view and the widget above it."""
    import nbformat

    nb_path = path / "notebooks" / "02_screen.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("\n\n".join(f"Team note {i}." for i in range(60))))
    nbformat.write(nb, nb_path)
    return path


def both_done_blind(path):
    """Alice and Bob have screened every record blind; they differ on g001, g002 and g007, and Alice resolved
    g001 (her include) to exclude: the stage w42's Ana came back to."""
    alice = [{"key": u["group_id"], "decision": "include" if u["group_id"] in RELEVANT else "exclude"} for u in UNITS]
    differ = {"g001": "exclude", "g002": "exclude", "g007": "include"}
    bob = [dict(d, decision=differ.get(d["key"], d["decision"])) for d in alice]
    resolved = [{"key": "g001", "decision": "exclude", "resolution": True}]
    return project_with_logs(path, {"Alice": alice + resolved, "Bob": bob}, reviewers_per_record=2, blind=True)


PROJECTS = {
    "keys": lambda p: make_project(p, units=UNITS),
    "sight": lambda p: make_project(p, units=UNITS),
    "click": lambda p: tall_notebook(make_project(p, units=UNITS)),
    "tall": lambda p: tall_notebook(make_project(p, units=UNITS)),
    "prio": lambda p: make_project(p, units=UNITS, order="prioritised", criteria=CRITERIA, blind_metadata=True,
                                   sample_after=4),
    "hist": lambda p: project_with_logs(p, {"Alice": [
        {"key": u["group_id"], "decision": "include" if u["group_id"] in RELEVANT else "exclude",
         "note": "rodents only" if "rodent" in u["title"] else ""} for u in UNITS[:16]]}, units=ROUNDS),
    "conf": lambda p: project_with_logs(p, {
        "Alice": [{"key": "g001", "decision": "include", "note": "patients co-designed it"},
                  {"key": "g007", "decision": "exclude"}],
        "Bob": [{"key": "g001", "decision": "exclude", "note": "not clearly digital"},
                {"key": "g007", "decision": "exclude"}]},
        # both finished (a blind reviewer's conflicts queue opens once the team has screened every record)
        units=[UNITS[0], UNITS[6]], resolve=True, reviewers_per_record=2, blind=True),
    "join": both_agreed,
    # Bob and Carol differ on g001; Alice, a third reviewer, screens with RESOLVE = False
    "conf_hint": lambda p: project_with_logs(p, {"Bob": [{"key": "g001", "decision": "include"}],
                                                 "Carol": [{"key": "g001", "decision": "exclude"}]},
                                             units=[UNITS[0], UNITS[6]], reviewers_per_record=2,
                                             team=["Alice", "Bob", "Carol"]),
    "done_blind": both_done_blind,
    # a review made without --team (team = []), as w42's was: Ana types her name
    "no_team": lambda p: make_project(p, units=UNITS, reviewer="Ana", team=[], reviewers_per_record=2, blind=True),
    "join_blind": lambda p: both_agreed(p, blind=True),
    "blind": lambda p: project_with_logs(p, {
        "Alice": [{"key": "g001", "decision": "include"}, {"key": "g007", "decision": "exclude"}],
        "Bob": [{"key": "g001", "decision": "exclude", "note": "not clearly digital"},
                {"key": "g007", "decision": "exclude"}],
        "Carol": [{"key": "g001", "decision": "include", "resolution": True}]},
        reviewers_per_record=2, blind=True, team=["Alice", "Bob", "Carol"]),
}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    yield from run_lab(tmp_path_factory, PROJECTS)


def open_notebook(page, base, name, wait_for=".syn-screen"):
    open_notebook_page(page, f"{base}/lab/workspaces/{name}/tree/{name}/notebooks/02_screen.ipynb?token={TOKEN}")
    run_all(page, wait_for)


def run_all(page, wait_for):
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(wait_for).first.wait_for(state="visible", timeout=120_000)


def cells(page):
    """The notebook's cells as (type, source), from JupyterLab's own model."""
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                         ".map(c => [c.model.type, c.model.sharedModel.getSource()])")


def set_cell(page, index, source):
    page.evaluate("([i, s]) => window.jupyterapp.shell.currentWidget.content.widgets[i].model.sharedModel"
                  ".setSource(s)", [index, source])


def seq(page):
    return int(page.locator(".syn-screen").get_attribute("data-seq"))


def press_and_wait(page, key):
    """Press a key and wait until the kernel answered (the widget's sequence number moves)."""
    before = seq(page)
    page.keyboard.press(key)
    page.wait_for_function(f"() => Number(document.querySelector('.syn-screen').dataset.seq) > {before}")


def shown(page):
    return page.locator(".syn-screen").get_attribute("data-key")


def log(project, name="alice"):
    path = project / "evidence" / "screening" / f"{name}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()] if path.exists() else []


def wait_for_keyboard(page):
    """Until the screening widget has the keyboard (it takes it when it appears and after each action)."""
    page.wait_for_function("() => document.querySelector('.syn-screen').dataset.focused === 'yes'")


def new_page(browser, errors):
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.set_default_timeout(60_000)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


@contextmanager
def notebook_page(browser, base, name, wait_for=".syn-screen"):
    """A browser page on notebook ``name``, run until ``wait_for`` shows: ``(page, errors)``, the page closed
    afterwards (``errors``: the page's script errors)."""
    errors: list = []
    page = new_page(browser, errors)
    try:
        open_notebook(page, base, name, wait_for=wait_for)
        yield page, errors
    finally:
        page.close()


NOTEBOOK_KEYS = ["a", "b", "c", "d", "d", "v", "y", "r", "z", "Shift+Enter", "Enter", "l", "o", "Shift+m"]


def test_keys_never_reach_jupyterlab_with_or_without_focus(lab, browser, tmp_path):
    base, root = lab
    project = root / "keys"
    with notebook_page(browser, base, "keys") as (page, errors):
        # the widget took the keyboard when it appeared: no click needed
        wait_for_keyboard(page)
        assert not page.locator(".syn-hint").is_visible()
        before = cells(page)
        assert [t for t, _ in before] == ["markdown", "code", "code", "markdown", "code", "code"]
        for key in ["i", "e", "x", "m", "j", "k", "ArrowRight", "ArrowLeft", "u"]:
            press_and_wait(page, key)
        for key in ["1", "5", "9"] + NOTEBOOK_KEYS:
            page.keyboard.press(key)
        page.keyboard.press("n")  # the note field, then back
        page.wait_for_function("() => document.activeElement.classList.contains('syn-note')")
        page.keyboard.press("Escape")
        page.keyboard.press("h")  # the history, then back
        page.locator(".syn-history").wait_for(state="visible")
        page.keyboard.press("Escape")
        page.locator(".syn-card").wait_for(state="visible")
        wait_for_keyboard(page)
        time.sleep(1.0)
        assert [(e["key"], e["decision"]) for e in log(project)] == [
            ("g001", "include"), ("g002", "exclude"), ("g003", "exclude"), ("g004", "maybe"), ("g004", "undo")]
        assert cells(page) == before
        page.screenshot(path=str(tmp_path / "focused.png"))

        # the keyboard elsewhere: the widget says so, and no key screens anything or changes a cell
        page.evaluate("() => document.activeElement.blur()")
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.focused === 'no'")
        assert "Click here to screen" in page.locator(".syn-hint").inner_text()
        assert page.locator(".syn-hint").is_visible()
        page.screenshot(path=str(tmp_path / "unfocused.png"))
        for key in ["i", "e", "x", "m", "j", "k", "u", "n", "h", "1"] + NOTEBOOK_KEYS:
            page.keyboard.press(key)
        time.sleep(1.5)
        assert len(log(project)) == 5
        assert cells(page) == before

        # a click on the hint gives the keyboard back
        page.locator(".syn-hint").click()
        wait_for_keyboard(page)
        press_and_wait(page, "i")
        assert log(project)[-1]["decision"] == "include" and len(log(project)) == 6
        assert cells(page) == before
        assert not errors, errors


def test_a_key_on_a_record_out_of_sight_shows_it_and_decides_nothing(lab, browser, tmp_path):
    """w42: after Run All the notebook stood at its last cell with the widget scrolled out of sight, yet holding the
    keyboard ("keys: screening"): i logged an include on a record the reviewer had not seen. The same after
    scrolling down to the cells below. A key that decides or moves now brings the record into view and does
    nothing else; pressed again, it acts."""
    base, root = lab
    project = root / "sight"
    with notebook_page(browser, base, "sight") as (page, errors):
        wait_for_keyboard(page)
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.settled === 'yes'")
        in_sight = ("() => { const r = document.querySelector('.syn-card').getBoundingClientRect();"
                    " const o = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')"
                    ".getBoundingClientRect(); return Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) >= 40; }")
        # the notebook scrolled down to its last cell, as Run All leaves it; the widget keeps the keyboard
        page.evaluate("() => { const o = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');"
                      " o.scrollTop = o.scrollHeight; }")
        page.wait_for_function(f"() => !({in_sight})()")
        assert page.locator(".syn-screen").get_attribute("data-focused") == "yes"
        before = seq(page)
        for key in ["i", "j"]:
            page.keyboard.press(key)
            page.wait_for_function(in_sight)
            assert "the record was out of sight" in page.locator(".syn-info").inner_text()
            page.evaluate("() => { const o = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');"
                          " o.scrollTop = o.scrollHeight; }")
            page.wait_for_function(f"() => !({in_sight})()")
        time.sleep(1.0)
        assert log(project) == [] and seq(page) == before and shown(page) == "g001"
        page.keyboard.press("i")  # shown, then decided
        page.wait_for_function(in_sight)
        press_and_wait(page, "i")
        assert [(e["key"], e["decision"]) for e in log(project)] == [("g001", "include")]
        page.screenshot(path=str(tmp_path / "in_sight.png"))
        assert not errors, errors


def test_the_widget_that_takes_the_keyboard_after_run_all_is_in_sight(lab, browser, tmp_path):
    """w42: Run All ended with the notebook at its last cell; the widget had taken the keyboard ("keys: screening")
    scrolled out of sight above it, its counts, buttons and focus mark unseen. Taking the keyboard when it appears,
    it now also brings its top into view."""
    with notebook_page(browser, base := lab[0], "tall") as (page, errors):
        wait_for_keyboard(page)
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.settled === 'yes'")
        time.sleep(0.5)
        top = page.evaluate("() => { const h = document.querySelector('.syn-head').getBoundingClientRect();"
                            " const o = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')"
                            ".getBoundingClientRect(); return [h.top - o.top, o.bottom - h.bottom]; }")
        page.screenshot(path=str(tmp_path / "after_run_all.png"))
        assert top[0] >= 0 and top[1] >= 0, top
        assert page.locator(".syn-screen").get_attribute("data-focused") == "yes"
        assert not errors, errors


def test_prioritised_order_criteria_blinding_and_the_stopping_sample(lab, browser, tmp_path):
    base, root = lab
    project = root / "prio"
    with notebook_page(browser, base, "prio") as (page, errors):
        wait_for_keyboard(page)
        assert "Co-design with patients or the public" in page.locator(".syn-criteria").inner_text()
        assert "hidden (blinded screening)" in page.locator(".syn-meta").inner_text()
        assert "Smith" not in page.locator(".syn-card").inner_text()
        assert "order: prioritised (random until one include and one exclude)" in page.locator(".syn-stop").inner_text()
        order = []
        while True:  # decide as the labels say until the model has one include and one exclude
            key = shown(page)
            order.append(key)
            press_and_wait(page, "i" if key in RELEVANT else "e")
            decided = {k in RELEVANT for k in order}
            if decided == {True, False}:
                break
        page.wait_for_function("() => document.querySelector('.syn-stop').textContent.includes('learning')")
        # from now on the likely includes come first: every include left before any exclude
        left = len(RELEVANT - set(order))
        for _ in range(left):
            key = shown(page)
            assert key in RELEVANT, (key, order)
            order.append(key)
            press_and_wait(page, "i")
        stop = page.locator(".syn-stop")
        for n in range(4):
            # the sample is offered once includes have become rare: after sample_after (4 here) excludes in a row
            assert stop.locator(".syn-sample").count() == 0
            assert f"offered after 4 records in a row excluded (now {n})" in stop.inner_text(), stop.inner_text()
            if n == 2:
                page.screenshot(path=str(tmp_path / "sample_later.png"))
                page.keyboard.press("s")  # not offered yet: nothing is drawn
            key = shown(page)
            order.append(key)
            press_and_wait(page, "i" if key in RELEVANT else "e")
        assert re.search(r"since last include\s*4\b", stop.inner_text()), stop.inner_text()
        assert "offered after" not in stop.inner_text()
        page.screenshot(path=str(tmp_path / "prioritised.png"))

        assert not [e for e in log(project) if e.get("kind") == "stopping_sample"]
        # the random sample: drawn by the widget (s, as the button says), logged, screened until the test says stop
        assert "(s)" in page.locator(".syn-sample").inner_text()
        # the line of keys names s while the sample is offered (w54 read "(i, e, m, j, k, u, n, h)" beside the button)
        assert "(i, e, m, j, k, u, n, h, s)" in page.locator(".syn-keys-on").inner_text()
        page.keyboard.press("s")
        page.wait_for_function("() => document.querySelector('.syn-stop').textContent.includes('Random sample')")
        assert "(i, e, m, j, k, u, n, h)" in page.locator(".syn-keys-on").inner_text()
        event = [e for e in log(project) if e.get("kind") == "stopping_sample"]
        assert len(event) == 1 and event[0]["screened_before"] == len(order) and event[0]["relevant_before"] == 6
        urn = len(UNITS) - len(order)
        for _ in range(urn):
            if "You may stop" in stop.inner_text():
                break
            key = shown(page)
            assert key not in order
            order.append(key)
            press_and_wait(page, "i" if key in RELEVANT else "e")
        text = stop.inner_text()
        assert "You may stop" in text and "with 95 % confidence recall was at least 95 %" in text
        page.screenshot(path=str(tmp_path / "stop.png"))
        assert not errors, errors
    reading = read_logs(project / "evidence" / "screening")
    from synthesis.screening.stopping import logged_stopping_tests

    [test] = logged_stopping_tests(reading, [u["group_id"] for u in UNITS])
    assert test.may_stop and test.relevant_before == 6 and test.sample_size == urn


def test_history_search_and_a_changed_decision(lab, browser, tmp_path):
    base, root = lab
    project = root / "hist"
    with notebook_page(browser, base, "hist") as (page, errors):
        wait_for_keyboard(page)
        assert "8 undecided left" in page.locator(".syn-counts").inner_text()
        # the new search round's progress beside the count over both rounds
        assert "16 of 24 decided (67%) \u00b7 round 2026-06: 0 of 8" in page.locator(".syn-counts").inner_text()
        page.select_option(".syn-filter", "decided")
        page.wait_for_function("() => document.querySelector('.syn-counts').textContent.includes('decided” shown')")
        assert "record 1 of 16 “decided” shown" in page.locator(".syn-counts").inner_text()
        page.locator(".syn-card").click()
        page.keyboard.press("h")
        page.locator(".syn-hq").wait_for(state="visible")
        assert page.locator(".syn-hq").get_attribute("placeholder").startswith("search title, abstract, authors, notes")
        page.wait_for_function("() => document.querySelector('.syn-hcount').textContent.includes('of 16')")
        assert page.locator(".syn-hrow").count() == 16
        page.locator(".syn-hq").fill("sleep")  # only in g012's title and abstract
        page.wait_for_function("() => document.querySelector('.syn-hcount').textContent.startsWith('1 of 16')")
        page.locator(".syn-hq").fill("")
        page.select_option(".syn-hflag", "note")
        page.wait_for_function("() => document.querySelector('.syn-hcount').textContent.startsWith('1 of 16')")
        page.select_option(".syn-hflag", "")
        page.select_option(".syn-hdecision", "include")
        page.wait_for_function("() => document.querySelector('.syn-hcount').textContent.startsWith('6 of 16')")
        page.locator(".syn-hq").fill("asthma")
        page.wait_for_function("() => document.querySelector('.syn-hcount').textContent.startsWith('1 of 16')")
        page.screenshot(path=str(tmp_path / "history.png"))
        page.locator(".syn-hrow").first.click()
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.key === 'g002'")
        wait_for_keyboard(page)
        press_and_wait(page, "e")  # changed: include -> exclude, a new log line
        assert not errors, errors
    lines = log(project)
    assert len(lines) == 17 and (lines[-1]["key"], lines[-1]["decision"]) == ("g002", "exclude")
    assert (lines[1]["key"], lines[1]["decision"]) == ("g002", "include")  # the old line stays


def test_history_opens_a_record_with_the_keyboard(lab, browser, tmp_path):
    """Down from the search box, up and down the matches, Enter opens one: no mouse needed to change a decision.

    The rows could only be clicked; a reviewer screening with the keyboard could search the history but not
    open what it found. Keys on a row stay in the widget (the notebook's cells do not change).
    """
    base, root = lab
    project = root / "hist"
    with notebook_page(browser, base, "hist") as (page, errors):
        wait_for_keyboard(page)
        before = cells(page)
        page.keyboard.press("h")
        page.locator(".syn-hq").wait_for(state="visible")
        page.keyboard.type("mice")  # the ten exclusions of the log, g007 to g016
        page.wait_for_function("() => document.querySelector('.syn-hcount').textContent.startsWith('10 of 16')")
        keys = page.locator(".syn-hrow").evaluate_all("rows => rows.map(r => r.dataset.key)")
        for key in ("ArrowDown", "ArrowDown", "ArrowUp", "ArrowDown", "ArrowDown", "d", "d", "m", "a"):
            page.keyboard.press(key)
        assert page.evaluate("() => document.activeElement.dataset.key") == keys[2]
        page.screenshot(path=str(tmp_path / "history_keyboard.png"))
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.querySelector('.syn-screen').dataset.key === '{keys[2]}'"
                               " && document.querySelector('.syn-screen').dataset.view === 'screen'")
        wait_for_keyboard(page)
        press_and_wait(page, "i")  # changed: exclude -> include
        assert cells(page) == before
        assert not errors, errors
    last = log(project)[-1]
    assert (last["key"], last["decision"]) == (keys[2], "include")


def test_a_conflict_is_resolved_side_by_side(lab, browser, tmp_path):
    base, root = lab
    project = root / "conf"
    with notebook_page(browser, base, "conf") as (page, errors):
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.key === 'g001'")
        votes = page.locator(".syn-vote")
        assert votes.count() == 2
        text = page.locator(".syn-votes").inner_text()
        for part in ["Alice", "Bob", "include", "exclude", "patients co-designed it", "not clearly digital"]:
            assert part in text
        # w42: Ana resolved conflicts she was party to and the queue said nothing; allowed, but said in one line
        assert page.locator(".syn-party").inner_text() == \
            "you decided this record (include); a third reviewer usually resolves"
        page.screenshot(path=str(tmp_path / "conflict.png"))
        wait_for_keyboard(page)
        press_and_wait(page, "i")
        assert "saved: include: " in page.locator(".syn-info").inner_text()
        assert "(g001)" in page.locator(".syn-info").inner_text()
        # the one conflict in the singular (w54 read "1 of 1 conflicts resolved")
        assert page.locator(".syn-counts").inner_text().startswith("1 of 1 conflict resolved (100%)")
        assert not errors, errors
    last = log(project)[-1]
    assert (last["key"], last["decision"], last["resolution"], last["reviewer"]) == ("g001", "include", True, "Alice")
    ev = project / "evidence" / "screening"
    settings = ScreeningSettings.load(ev)
    units = read_unit_table(project / "output" / "units.csv")
    status = screening_status(ev, units, settings=settings).set_index("group_id")
    assert status.at["g001", "state"] == "resolved" and status.at["g001", "decision"] == "include"
    counts = prisma_counts(read_logs(ev, settings), units, settings, warn=False)
    assert counts["records_screened"] == 2 and counts["records_excluded"] == 1


def test_a_new_reviewer_joins_a_finished_stage(lab, browser, tmp_path):
    base, root = lab
    project = root / "join"
    with notebook_page(browser, base, "join", wait_for=".syn-message") as (page, errors):
        assert 'Type your name between the quotes of REVIEWER = ""' in page.locator(".syn-message").inner_text()
        setup = cells(page)[1][1]
        set_cell(page, 1, setup.replace('REVIEWER = ""', 'REVIEWER = "Zed"'))
        page.evaluate("() => document.querySelector('.syn-message').remove()")
        run_all(page, ".syn-message")
        message = page.locator(".syn-message").inner_text()
        assert "unknown reviewer 'Zed'" in message and "add_reviewer(PROJECT, 'Zed')" in message
        assert "Traceback" not in page.locator(".jp-NotebookPanel").inner_text()
        joined = setup.replace('REVIEWER = ""', 'REVIEWER = "Carol"').replace(
            '# syn.add_reviewer(PROJECT, "Your Name")', 'syn.add_reviewer(PROJECT, "Carol")')
        assert joined != setup
        set_cell(page, 1, joined)
        run_all(page, ".syn-screen")
        banner = page.locator(".syn-banner").inner_text()
        assert "24 records at this stage are already agreed" in banner and "Alice, Bob" in banner
        wait_for_keyboard(page)
        assert shown(page) == "g001"  # agreed include
        press_and_wait(page, "e")
        assert "press e again" in page.locator(".syn-info").inner_text().lower()
        assert log(project, "carol") == []  # nothing changed yet
        page.screenshot(path=str(tmp_path / "joining.png"))
        press_and_wait(page, "e")
        assert [(e["key"], e["decision"]) for e in log(project, "carol")] == [("g001", "exclude")]
        press_and_wait(page, "i")  # g002 agreed include: the same decision needs no confirmation
        assert len(log(project, "carol")) == 2
        assert not errors, errors
    assert "Carol" in ScreeningSettings.load(project / "evidence" / "screening").team


def test_a_new_reviewer_joins_a_blind_stage_halfway_and_learns_nothing_of_the_others(lab, browser, tmp_path):
    """w20: Carol joining a blind stage read "24 records at this stage are already agreed by 2 or more other
    reviewers (Alice, Bob)" and, on the first of them, that it and 23 others were agreed: how far the others had
    got, how often they agreed, and which records. Now the banner and the one question say only that some records
    are agreed and what a different decision does; the question comes on her first key press."""
    base, root = lab
    project = root / "join_blind"
    with notebook_page(browser, base, "join_blind", wait_for=".syn-message") as (page, errors):
        setup = cells(page)[1][1]
        set_cell(page, 1, setup.replace('REVIEWER = ""', 'REVIEWER = "Carol"').replace(
            '# syn.add_reviewer(PROJECT, "Your Name")', 'syn.add_reviewer(PROJECT, "Carol")'))
        page.evaluate("() => document.querySelector('.syn-message').remove()")
        run_all(page, ".syn-screen")
        wait_for_keyboard(page)
        banner = page.locator(".syn-banner").inner_text()
        # Alice and Bob have screened every record (both_agreed): the banner says where the team's numbers are
        # (w42), and still nothing of who decided what
        assert "The team has screened every record at this stage" in banner, banner
        press_and_wait(page, "e")
        question = page.locator(".syn-info").inner_text()
        assert "press e again" in question.lower() and log(project, "carol") == []
        page.screenshot(path=str(tmp_path / "joining_blind.png"))
        for text in (banner, question.split("Press e again")[0]):
            assert not re.search(r"Alice|Bob|\d", text), text
        assert not re.search(r"Alice|Bob|agreed by", page.locator(".syn-screen").inner_text())
        press_and_wait(page, "e")
        press_and_wait(page, "i")  # asked once: the next decision is logged at once
        assert [e["decision"] for e in log(project, "carol")] == ["exclude", "include"]
        assert not errors, errors


def test_history_numbers_are_not_cut_off(lab, browser, tmp_path):
    """A reviewer of a held-out review with 33 decided records saw the history's numbers from 10 on cut at the
    left ("l0.", "l1."): the list's margin held one digit and its dot. It holds three digits now."""
    base, _ = lab
    with notebook_page(browser, base, "hist") as (page, errors):
        wait_for_keyboard(page)
        page.locator(".syn-card").click()
        page.keyboard.press("h")
        page.wait_for_function("() => document.querySelectorAll('.syn-hrow').length === 16")
        room, needed = page.evaluate("""() => {
            const list = document.querySelector('.syn-hlist'), style = getComputedStyle(list);
            const pen = document.createElement('canvas').getContext('2d');
            pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            return [parseFloat(style.paddingLeft), pen.measureText('999. ').width]; }""")
        page.screenshot(path=str(tmp_path / "history_numbers.png"))
        assert needed <= room, (needed, room)
        assert not errors, errors


def test_blind_screening_shows_nothing_of_the_others_not_even_an_empty_conflicts_filter(lab, browser, tmp_path):
    """Two blind reviewers of a gambling-harms review disagreed on 11 records; the second one's history still
    offered "conflicts" and "resolved", which said "0 of 87 decided records match", as if they had agreed on
    every record. Blind, the history offers neither, and nothing of the other reviewers shows."""
    base, _ = lab
    with notebook_page(browser, base, "blind") as (page, errors):
        wait_for_keyboard(page)
        assert "Bob" not in page.locator(".syn-screen").inner_text()
        page.keyboard.press("h")
        page.wait_for_function("() => document.querySelectorAll('.syn-hrow').length === 2")
        offered = page.evaluate("() => [...document.querySelector('.syn-hflag').options]"
                                ".filter(o => !o.hidden && !o.disabled).map(o => o.value)")
        assert offered == ["", "note", "keyword"], offered
        assert page.evaluate("() => [...document.querySelector('.syn-hreviewer').options].map(o => o.value)") == \
            ["", "Alice"]
        history = page.locator(".syn-history").inner_text()
        assert "2 of 2 decided records match" in history
        for other in ("Bob", "Carol", "not clearly digital"):
            assert other not in history, other
        page.screenshot(path=str(tmp_path / "blind_history.png"))
        # Below the widget, "Where the team stands" showed Alice the team's states (Bob's and Carol's decisions
        # on her records: a conflict, resolved) and her agreement with Bob; it now shows her own decisions and says
        # why (the team has not screened every record).
        outputs = ("() => window.jupyterapp.shell.currentWidget.content.widgets.filter(c => c.model.type === 'code')"
                   ".map(c => c.model.outputs.toJSON().map(o => o.text || (o.data && o.data['text/plain']) || '')"
                   ".join(''))")
        page.wait_for_function(f"() => ({outputs})().slice(-1)[0].includes('Screening is blind')")
        below = page.evaluate(outputs)[2:]  # the cells after the widget's
        assert "Screening is blind: you see your own decisions only" in below[0], below
        assert re.search(r"decided\s+2", below[0]) and not re.search(r"(agreed|conflict|resolved|awaiting)\s+\d",
                                                                        " ".join(below)), below
        assert not re.search(r"Bob|Carol|kappa", " ".join(below)), below
        assert not errors, errors


def test_back_at_a_blind_stage_the_team_has_screened(lab, browser, tmp_path):
    """w42 (20_ana_after_both.png, 52_Ana_history_filtered.png): back at a blind stage she and Ben had screened,
    Ana's widget said nothing of the conflicts waiting, and her history's "include" listed an include of hers the
    team had resolved to exclude. The banner now says how many conflicts wait and who resolves them; the history's
    decision filter matches the decision that stands and says so, and the resolved row marks the overruled vote."""
    base, _ = lab
    with notebook_page(browser, base, "done_blind") as (page, errors):
        wait_for_keyboard(page)
        banner = page.locator(".syn-banner").inner_text()
        assert "2 conflicts between reviewers wait for resolution (1 resolved)" in banner, banner
        assert "RESOLVE = True" in banner and "Bob" not in page.locator(".syn-screen").inner_text()
        page.screenshot(path=str(tmp_path / "done_blind_banner.png"))
        page.keyboard.press("h")
        page.wait_for_function("() => document.querySelectorAll('.syn-hrow').length === 24")
        page.select_option(".syn-hdecision", "include")
        page.wait_for_function("() => document.querySelector('.syn-hcount').textContent.startsWith('5 of 24')")
        assert "the decision that stands" in page.locator(".syn-hcount").inner_text()
        assert page.locator('.syn-hrow[data-key="g001"]').count() == 0
        page.select_option(".syn-hdecision", "exclude")
        page.wait_for_function("() => document.querySelector('.syn-hcount').textContent.startsWith('19 of 24')")
        row = page.locator('.syn-hrow[data-key="g001"]').inner_text()
        assert "Alice: include (overruled)" in row and "resolved by Alice: exclude (stands)" in row, row
        page.screenshot(path=str(tmp_path / "done_blind_history.png"))
        assert not errors, errors


def test_the_first_name_typed_joins_an_empty_team(lab, browser, tmp_path):
    """w42: with team = [] the widget took any name without adding it to the team. The first name typed joins it,
    and the widget says so in one line, above the first record."""
    base, root = lab
    with notebook_page(browser, base, "no_team") as (page, errors):
        wait_for_keyboard(page)
        info = page.locator(".syn-info").inner_text()
        assert info.startswith("Ana joined the team: the team list in evidence/review.toml was empty"), info
        assert 'syn.add_reviewer(PROJECT, "Your Name")' in info
        page.screenshot(path=str(tmp_path / "no_team_joined.png"))
        assert not errors, errors
    assert ScreeningSettings.load(root / "no_team" / "evidence" / "screening").team == ["Ana"]


def test_a_conflicts_card_says_what_to_change_in_the_notebook(lab, browser, tmp_path):
    """w46 left it: a conflict's card, in notebook 2, said "resolve it in the conflicts queue:
    ScreeningWidget(..., resolve=True)", a call the notebook does not make; its first cell has RESOLVE = True."""
    base, _ = lab
    with notebook_page(browser, base, "conf_hint") as (page, errors):
        wait_for_keyboard(page)
        card = page.locator(".syn-conflict").inner_text()
        assert "resolve it in the conflicts queue: RESOLVE = True in the first cell" in card, card
        assert "ScreeningWidget" not in page.locator(".syn-screen").inner_text()
        page.locator(".syn-conflict").scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "conflict_hint.png"))
        assert not errors, errors


def test_the_first_click_on_a_button_screens(lab, browser, tmp_path):
    """Found walking notebook 1's pair widget (w50), and so in this one too: with the keyboard elsewhere, a click on
    "Include (i)" screened nothing. The press gave the widget the keyboard, which hid the "Click here to screen"
    line above the buttons; they moved up under the pointer before it was released, and the click landed on no
    button. The line keeps its place (it says then that the keys screen), so the first click screens."""
    base, root = lab
    project = root / "click"
    with notebook_page(browser, base, "click") as (page, errors):
        wait_for_keyboard(page)
        # (after the widget's last try to take the keyboard as it appeared)
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.settled === 'yes'")
        page.evaluate("() => document.activeElement.blur()")
        page.wait_for_function("() => document.querySelector('.syn-screen').dataset.focused === 'no'")
        assert page.locator(".syn-hint").is_visible()
        # the widget at the top of the view, the notes below it (at the end of the notebook the view would
        # scroll back by the line's height and hide the move)
        page.evaluate("() => document.querySelector('.syn-screen').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        include = page.locator(".syn-screen .syn-include")
        top, key = include.bounding_box()["y"], shown(page)
        before = seq(page)
        include.click()
        page.wait_for_function(f"() => Number(document.querySelector('.syn-screen').dataset.seq) > {before}",
                               timeout=15_000)
        assert [(e["key"], e["decision"]) for e in log(project)] == [(key, "include")]
        wait_for_keyboard(page)
        assert include.bounding_box()["y"] == top  # nothing moved
        assert not page.locator(".syn-hint").is_visible() and page.locator(".syn-keys-on").is_visible()
        page.screenshot(path=str(tmp_path / "after_first_click.png"))
        assert not errors, errors
