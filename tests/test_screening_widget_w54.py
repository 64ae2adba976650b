"""w54: a reviewer who had decided every record came back to the widget (prioritised order) and was told to go
back with k / ←; k said "this is the first record of this filter" and showed nothing."""
from __future__ import annotations

import pytest

pytest.importorskip("anywidget")

from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table  # noqa: E402
from synthesis.screening.widget import ScreeningWidget  # noqa: E402

SETTINGS = ScreeningSettings(team=["Ana", "Ben"], reviewers_per_record=2, blind=True)
UNITS = make_unit_table([{"group_id": f"g{i}", "title": f"Co-design of a digital tool, study {i}", "abstract": "",
                          "authors": [], "year": 2026, "journal": "", "doi": ""} for i in range(1, 5)])
#: the order Ana decided them in, in an earlier session
DECIDED = {"g3": "include", "g1": "exclude", "g4": "maybe", "g2": "include"}


def press(w, action):
    w._on_msg(w, {"action": action, "note": "", "labels": "", "reason": ""}, None)


def undecided_first(decided):
    """An order as the prioritised one: it offers undecided records only."""
    rest = [k for k in UNITS["group_id"] if k not in decided]
    return rest[0] if rest else None


@pytest.mark.parametrize("order", [undecided_first, "prioritised"])
def test_k_goes_back_to_the_last_decision_when_every_record_was_decided_before(tmp_path, order):
    with DecisionLog(tmp_path, "Ana", SETTINGS) as log:
        for key, decision in DECIDED.items():
            log.record(key, decision)
    w = ScreeningWidget(UNITS, "Ana", folder=tmp_path, settings=SETTINGS, order=order)
    assert w.current_key == "" and "Go back with k" in w.card
    press(w, "previous")  # the last record decided, then the one before it, as after deciding them just now
    assert (w.current_key, w.current_decision) == ("g2", "include"), w.info
    press(w, "previous")
    assert (w.current_key, w.current_decision) == ("g4", "maybe")
    press(w, "exclude")  # a changed decision, a new line of the log; nothing is left undecided after it
    assert w._mine["g4"].decision == "exclude" and w.current_key == ""
    assert "every record at this stage is decided by you (4 of 4)" in w.card.lower()
    press(w, "previous")  # back again through the same records, the change standing
    press(w, "previous")
    assert (w.current_key, w.current_decision) == ("g4", "exclude")
    press(w, "previous")
    press(w, "previous")
    assert w.current_key == "g3"
    press(w, "previous")
    assert w.current_key == "g3" and "first record" in w.info
    w.close()


def test_the_question_before_a_blind_joiners_first_decision_points_down_to_the_banner(tmp_path):
    """w54: Cara joined a stage Ana and Ben had screened blind; her first key asked her to press it again, "knowing
    that where it differs from the others' agreement it becomes a conflict (see above)": the banner that says so
    stands below that line, under the note and labels fields, not above it."""
    team = ScreeningSettings(team=["Ana", "Ben", "Cara"], reviewers_per_record=2, blind=True)
    for name in ("Ana", "Ben"):
        with DecisionLog(tmp_path, name, team) as log:
            for key in UNITS["group_id"]:
                log.record(key, "include")
    w = ScreeningWidget(UNITS, "Cara", folder=tmp_path, settings=team, order="file")
    assert "becomes a conflict" in w.banner
    press(w, "exclude")
    assert w.info.startswith("Press e again") and "(see above)" not in w.info, w.info
    assert "(the note below)" in w.info
    w.close()
