"""The decision log: append-only, supersession, undo, and every kind of bad input with a clear message."""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from synthesis.screening import (DecisionLog, ReviewerError, ScreeningSettings, ScreeningError, ScreeningWarning,
                                 current_decisions, make_unit_table, read_logs, screening_status)

SETTINGS = ScreeningSettings(team=["Alice", "Bob"], reasons=["wrong population", "wrong design"])


@pytest.fixture(scope="module")
def units(shared_data):
    """Nagtegaal 2019's real records as a unit table (one group per record)."""
    path = shared_data / "screening" / "Nagtegaal_2019.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    df = pd.read_csv(path)
    df["group_id"] = "nag-" + df["record_id"].astype(str)
    return make_unit_table(df)


def lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_append_supersede_undo(tmp_path, units):
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "alice", SETTINGS, keys=keys) as log:
        assert log.reviewer == "Alice" and log.path.name == "alice.jsonl"
        log.record(keys[0], "include", note="looks relevant", labels=["RCT"])
        log.record(keys[1], "exclude")
        log.record(keys[1], "maybe")  # supersedes the exclusion
        log.record(keys[2], "include")
        log.record(keys[2], "exclude")
        log.undo(keys[2])  # back to include
        log.record(keys[3], "include")
        log.undo(keys[3])  # back to nothing
        with pytest.raises(ScreeningError, match="no decision"):
            log.undo(keys[3])
    raw = lines(tmp_path / "alice.jsonl")
    assert len(raw) == 8  # nothing rewritten: every action is a line
    assert raw[0]["labels"] == ["RCT"] and raw[0]["note"] == "looks relevant" and raw[0]["reviewer"] == "Alice"
    assert {"key", "stage", "decision", "reason", "note", "labels", "reviewer", "timestamp"} <= set(raw[0])
    cur = current_decisions(read_logs(tmp_path, SETTINGS).entries).set_index("key")
    assert cur.loc[keys[0], "decision"] == "include"
    assert cur.loc[keys[1], "decision"] == "maybe"
    assert cur.loc[keys[2], "decision"] == "include"
    assert keys[3] not in cur.index


def test_reopen_keeps_state_and_appends(tmp_path, units):
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Bob", SETTINGS, keys=keys) as log:
        log.record(keys[5], "exclude")
    with DecisionLog(tmp_path, "Bob", SETTINGS, keys=keys) as log:
        assert log.current(keys[5]).decision == "exclude"
        log.undo(keys[5])
    assert [x["decision"] for x in lines(tmp_path / "bob.jsonl")] == ["exclude", "undo"]


def test_unknown_reviewer(tmp_path):
    with pytest.raises(ReviewerError, match="unknown reviewer 'Carol'.*team list"):
        DecisionLog(tmp_path, "Carol", SETTINGS)
    assert not list(tmp_path.iterdir())  # nothing created


def test_a_misspelt_reviewer_name_is_offered_the_team_s_spelling():
    # "Anna" typed for the team's "Ana" was offered only syn.add_reviewer(PROJECT, 'Anna'): joined so, she would be a
    # third reviewer whose every decision turns the two others' agreements into conflicts.
    settings = ScreeningSettings(team=["Ana", "Ben", "Carol Diaz"])
    for typed, meant in [("Anna", "Ana"), ("carol dias", "Carol Diaz"), ("Bn", "Ben")]:
        with pytest.raises(ReviewerError) as e:
            settings.reviewer_name(typed)
        assert f"did you mean {meant!r}? Type your own name as the team list spells it" in str(e.value)
        assert f"syn.add_reviewer(PROJECT, {typed!r})" in str(e.value)  # someone new still can join
    with pytest.raises(ReviewerError) as e:
        settings.reviewer_name("Zed")
    assert "did you mean" not in str(e.value) and "; type your own name" in str(e.value)


def test_two_reviewers_with_the_same_name(tmp_path):
    with pytest.raises(ReviewerError, match="same name"):
        ScreeningSettings(team=["Ann Lee", "ann  lee"])
    settings_file = tmp_path / "settings.json"
    settings_file.write_text(json.dumps({"team": ["Ann Lee", "Ann-Lee"]}))
    with pytest.raises(ReviewerError, match=f"{settings_file}.*same name"):
        ScreeningSettings.load(settings_file)


def test_same_name_in_two_sessions_is_refused(tmp_path):
    """Two processes (two people) cannot write one reviewer's log; the first keeps its decisions."""
    import subprocess
    import sys

    with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
        log.record("g1", "include")
        code = ("import sys; from synthesis.screening import DecisionLog, ScreeningSettings\n"
                "try:\n    DecisionLog(sys.argv[1], 'Alice', ScreeningSettings(team=['Alice']))\n"
                "except Exception as e:\n    print(type(e).__name__, e); sys.exit(3)\n")
        res = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
        assert res.returncode == 3, res.stderr
        assert "ReviewerError" in res.stdout and "another session" in res.stdout
        log.record("g2", "exclude")
    assert [x["key"] for x in lines(tmp_path / "alice.jsonl")] == ["g1", "g2"]


def test_full_text_exclusion_needs_a_reason(tmp_path):
    with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
        log.record("g1", "include", stage="full_text")
        with pytest.raises(ScreeningError, match="needs a reason.*wrong population"):
            log.record("g2", "exclude", stage="full_text")
        with pytest.raises(ScreeningError, match="not one of the review's exclusion reasons"):
            log.record("g2", "exclude", stage="full_text", reason="too long")
        e = log.record("g2", "exclude", stage="full_text", reason="Wrong  Design")
        assert e.reason == "wrong design"
        assert log.record("g3", "exclude", stage="full_text", reason="not retrieved").reason == "not retrieved"
    got = lines(tmp_path / "alice.jsonl")
    assert [x["key"] for x in got] == ["g1", "g2", "g3"]  # the refused ones wrote nothing, lost nothing


def test_decision_for_vanished_record(tmp_path, units):
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
        log.record(keys[0], "include")
        log.record("nag-999999", "exclude")  # a record whose export was later removed
    with DecisionLog(tmp_path, "Alice", SETTINGS, keys=keys) as log:
        with pytest.raises(ScreeningError, match="no record 'nag-424242' in the unit table"):
            log.record("nag-424242", "include")
    with pytest.warns(ScreeningWarning, match=r"alice\.jsonl, line 2: decision for nag-999999.*not in the unit table"):
        status = screening_status(read_logs(tmp_path, SETTINGS), units)
    assert status["state"].value_counts()["agreed"] == 1
    assert len(lines(tmp_path / "alice.jsonl")) == 2  # kept in the log


def test_log_edited_into_nonsense(tmp_path):
    with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
        for i in range(5):
            log.record(f"g{i}", "include")
    path = tmp_path / "alice.jsonl"
    text = path.read_text().splitlines()
    text.insert(2, "Alice thinks g9 is irrelevant")
    text.insert(4, json.dumps({"key": "g8", "stage": "abstracts", "decision": "include", "reviewer": "Alice"}))
    text.insert(5, json.dumps({"key": "g7", "stage": "title_abstract", "decision": "yes", "reviewer": "Alice"}))
    path.write_text("\n".join(text) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reading = read_logs(tmp_path, SETTINGS)
    msgs = [str(w.message) for w in caught]
    assert any(f"{path}, line 3: not a decision entry" in m for m in msgs), msgs
    assert any(f"{path}, line 5: unknown stage 'abstracts'" in m for m in msgs), msgs
    assert any(f"{path}, line 6: unknown decision 'yes'" in m for m in msgs), msgs
    assert [e.key for e in reading.entries] == [f"g{i}" for i in range(5)]  # nothing good was lost
    # the writer opens the damaged log, reports the same problems and goes on appending
    with pytest.warns(ScreeningWarning):
        with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
            log.record("g5", "exclude")
    assert [e.key for e in read_logs(tmp_path, SETTINGS, warn=False).entries][-1] == "g5"


def test_entry_in_wrong_reviewers_file_is_reported(tmp_path):
    (tmp_path / "bob.jsonl").write_text(json.dumps(
        {"key": "g1", "stage": "title_abstract", "decision": "include", "reviewer": "Alice"}) + "\n")
    reading = read_logs(tmp_path, SETTINGS, warn=False)
    assert not reading.entries
    assert "line 1: decision by 'Alice' in the log of another reviewer ('bob')" in str(reading.problems[0])


def test_unit_table_validation():
    with pytest.raises(ScreeningError, match="more than once"):
        make_unit_table([{"group_id": "a"}, {"group_id": "a"}])
    with pytest.raises(ScreeningError, match="no 'group_id'"):
        make_unit_table([{"title": "x"}])


def test_unit_table_lists_written_as_library_csv_and_read_back(tmp_path):
    """Keywords and a group's records, files and databases are lists in the unit table: ``units.csv`` writes them
    as ``library.csv`` does ("a; b", not Python's "['a', 'b']") and reading it gives the lists back; a file
    written before (Python's list text) reads as the same lists."""
    from synthesis.screening import read_unit_table, write_unit_table

    units = make_unit_table([{"group_id": "g1", "authors": ["Lee, K.", "O'Brien, K."],
                              "keywords": ["co-design", "young people's health"], "member_ids": ["r1", "r2"],
                              "source_files": ["data/a.ris", "data/b.bib"], "source_databases": ["Scopus", "PubMed"]},
                             {"group_id": "g2", "keywords": [], "member_ids": ["r3"], "source_files": ["data/a.ris"],
                              "source_databases": ["Scopus"]}])
    path = write_unit_table(units, tmp_path / "units.csv")
    cells = pd.read_csv(path, keep_default_na=False)
    assert cells.loc[0, "keywords"] == "co-design; young people's health"
    assert cells.loc[0, "source_databases"] == "Scopus; PubMed" and cells.loc[1, "keywords"] == ""
    back = read_unit_table(path)
    for column in ("authors", "keywords", "member_ids", "source_files", "source_databases"):
        assert back[column].tolist() == units[column].tolist(), column
    cells.loc[0, "keywords"] = "['co-design', \"young people's health\"]"  # as unit tables were written before
    cells.loc[0, "member_ids"] = "['r1', 'r2']"
    cells.to_csv(path, index=False)
    old = read_unit_table(path)
    assert old.loc[0, "keywords"] == ["co-design", "young people's health"] and old.loc[0, "member_ids"] == ["r1", "r2"]
    cells.loc[0, "keywords"] = "[Internet]; co-design"  # a keyword in brackets is a keyword, not a list
    cells.to_csv(path, index=False)
    assert read_unit_table(path).loc[0, "keywords"] == ["[Internet]", "co-design"]


def test_opening_a_log_decides_nothing(tmp_path):
    """Opening (e.g. running the screening notebook) leaves evidence/ untouched until a decision is made."""
    with DecisionLog(tmp_path, "Alice", SETTINGS) as log:
        assert not log.path.exists() and log.current("g1") is None
        log.record("g1", "include")
        assert log.path.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["alice.jsonl"]
