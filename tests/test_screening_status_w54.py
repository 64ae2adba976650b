"""w54: Cara, a third reviewer who screens no record, resolved three of Ana's and Ben's conflicts while the stage was
still blind; "Where the team stands" (her own decisions only) then read "undecided 63", as if she had done nothing."""
from __future__ import annotations

from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, screening_status

SETTINGS = ScreeningSettings(team=["Ana", "Ben", "Cara"], reviewers_per_record=2, blind=True)
UNITS = make_unit_table([{"group_id": f"g{i}", "title": f"Study {i}"} for i in range(1, 6)])


def test_a_blind_viewers_own_resolutions_show_as_resolved(tmp_path):
    with DecisionLog(tmp_path, "Ana", SETTINGS) as ana, DecisionLog(tmp_path, "Ben", SETTINGS) as ben:
        for key, a, b in [("g1", "include", "exclude"), ("g2", "exclude", "exclude"), ("g3", "maybe", "include")]:
            ana.record(key, a)
            ben.record(key, b)
    with DecisionLog(tmp_path, "Cara", SETTINGS) as cara:
        cara.record("g1", "exclude", resolution=True)
        cara.record("g3", "include", resolution=True)
    status = screening_status(tmp_path, UNITS, "title_abstract", SETTINGS, viewer="Cara")
    assert status.set_index("group_id")["state"].to_dict() == {
        "g1": "resolved", "g2": "undecided", "g3": "resolved", "g4": "undecided", "g5": "undecided"}
    assert status.set_index("group_id").loc["g1", "decision"] == "exclude"
    # her own decisions only: the votes she resolved are not shown (blind), nor g2, which Ana and Ben agreed on
    assert all(d == {} for d in status["decisions"])
    # a screener's view is as it was: Ana's own votes, none of Cara's resolutions of them
    ana = screening_status(tmp_path, UNITS, "title_abstract", SETTINGS, viewer="Ana").set_index("group_id")
    assert ana["state"].to_dict() == {"g1": "decided", "g2": "decided", "g3": "decided", "g4": "undecided",
                                      "g5": "undecided"}
    assert ana.loc["g1", "decision"] == "include"
