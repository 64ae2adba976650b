"""w54: notebook 02 used as two blind reviewers and a third who resolves, by keyboard, in JupyterLab in headless
Chromium. What went wrong there and is fixed, each in the real notebook."""
from __future__ import annotations

import time

import pytest

from test_screening_browser import make_project, run_lab  # noqa: F401  (same folder)
from test_screening_browser_review import (RELEVANT, UNITS, cells, log, notebook_page, project_with_logs, seq,
                                           shown, wait_for_keyboard)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Alice screened every record in an earlier session, blind, in the prioritised order; the last one g003.
EARLIER = [{"key": u["group_id"], "decision": "include" if u["group_id"] in RELEVANT else "exclude"}
           for u in UNITS if u["group_id"] != "g003"] + [{"key": "g003", "decision": "maybe"}]

PROJECTS = {
    "back": lambda p: project_with_logs(p, {"Alice": EARLIER}, order="prioritised", reviewers_per_record=2,
                                        blind=True),
    "labels": lambda p: make_project(p, units=UNITS),
}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    yield from run_lab(tmp_path_factory, PROJECTS)


def press_until_shown(page, key):
    """Press a key and wait until the kernel answered (the widget's sequence number moves)."""
    before = seq(page)
    page.keyboard.press(key)
    page.wait_for_function(f"() => Number(document.querySelector('.syn-screen').dataset.seq) > {before}")


def test_k_goes_back_to_the_last_decision_when_the_widget_opens_with_every_record_decided(lab, browser, tmp_path):
    """The card said "Go back with k / ←"; k said "this is the first record of this filter" and showed nothing, as
    the prioritised order offers undecided records only and the earlier session's were never in the sequence."""
    base, root = lab
    project = root / "back"
    with notebook_page(browser, base, "back") as (page, errors):
        wait_for_keyboard(page)
        assert "Go back with k" in page.locator(".syn-card").inner_text()
        assert shown(page) == ""
        before = cells(page)
        press_until_shown(page, "k")
        assert shown(page) == "g003", page.locator(".syn-info").inner_text()
        assert "you: maybe" in page.locator(".syn-card").inner_text()
        press_until_shown(page, "ArrowLeft")
        assert shown(page) == EARLIER[-2]["key"]
        page.screenshot(path=str(tmp_path / "back.png"))
        press_until_shown(page, "ArrowRight")  # "next" under "undecided": nothing left, the card says so again
        press_until_shown(page, "k")
        assert shown(page) == "g003"
        press_until_shown(page, "i")  # changed: a new line of the log
        assert [(e["key"], e["decision"]) for e in log(project)][-1] == ("g003", "include")
        assert len(log(project)) == len(EARLIER) + 1
        time.sleep(0.5)
        assert cells(page) == before
        assert not errors, errors


def test_enter_in_the_labels_field_saves_them_as_enter_in_the_note_field_saves_the_note(lab, browser, tmp_path):
    """Back on a record she had decided, Ana typed labels and pressed Enter: the keyboard went back to the widget,
    nothing was said, and j dropped them (only Enter in the note field saved; the labels went with a decision)."""
    base, root = lab
    project = root / "labels"
    with notebook_page(browser, base, "labels") as (page, errors):
        wait_for_keyboard(page)
        press_until_shown(page, "i")
        press_until_shown(page, "k")
        assert shown(page) == "g001"
        page.keyboard.press("n")
        page.keyboard.press("Tab")
        page.wait_for_function("() => document.activeElement.classList.contains('syn-labels')")
        page.keyboard.type("ask Bob, country unclear")
        page.keyboard.press("Enter")  # (the widget's sequence number does not move: no record is shown anew)
        page.wait_for_function("() => document.querySelector('.syn-info').textContent.includes('saved with')")
        assert "labels saved with your include" in page.locator(".syn-info").inner_text()
        assert log(project)[-1]["key"] == "g001" and log(project)[-1]["labels"] == ["ask Bob", "country unclear"]
        assert log(project)[-1]["decision"] == "include"
        wait_for_keyboard(page)
        press_until_shown(page, "j")
        # on a record not decided yet, they wait for the decision, and say so
        assert shown(page) == "g002"
        page.keyboard.press("n")
        page.keyboard.press("Tab")
        page.keyboard.type("animal study")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('.syn-info').textContent.includes('will be saved')")
        assert "the labels will be saved with your decision" in page.locator(".syn-info").inner_text()
        assert len(log(project)) == 2
        press_until_shown(page, "e")
        assert (log(project)[-1]["key"], log(project)[-1]["labels"]) == ("g002", ["animal study"])
        page.screenshot(path=str(tmp_path / "labels.png"))
        assert not errors, errors
