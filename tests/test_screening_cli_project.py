"""``synthesis screening status`` inside a project: finds output/units.csv itself, previews a joining
reviewer, prints team agreement, open conflicts and the stopping test."""
from __future__ import annotations

import pandas as pd
import pytest

from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, write_unit_table
from synthesis.screening.stopping import sample_order

from test_screening_cli import cli  # noqa: E402  (same folder)


@pytest.fixture
def project(shared_data, tmp_path):
    path = shared_data / "screening" / "Nagtegaal_2019.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    df = pd.read_csv(path).head(40)
    df["group_id"] = "nag-" + df["record_id"].astype(str)
    units = make_unit_table(df)
    write_unit_table(units, tmp_path / "output" / "units.csv")
    (tmp_path / "notebooks").mkdir()
    ev = tmp_path / "evidence" / "screening"
    settings = ScreeningSettings(team=["Alice", "Bob", "Carol"], reviewers_per_record=2)
    settings.save(ev)
    keys = units["group_id"].tolist()
    with DecisionLog(ev, "Alice", settings) as a, DecisionLog(ev, "Bob", settings) as b:
        for i, k in enumerate(keys[:20]):
            a.record(k, "include" if i < 3 else "exclude")
            b.record(k, "include" if i < 3 or i == 19 else "exclude")
        a.record_event("stopping_sample", seed=5, screened_before=20, relevant_before=3, target_recall=0.95,
                       confidence=0.95)
        for k in sample_order(keys[20:], 5)[:10]:
            a.record(k, "exclude")
    with DecisionLog(ev, "Carol", settings) as c:
        c.record(keys[0], "exclude")  # agreed include by Alice and Bob
        c.record(keys[5], "exclude")  # agreed exclude
    return tmp_path, keys


def test_status_finds_the_project_from_a_subfolder(project, capsys, monkeypatch):
    root, keys = project
    monkeypatch.chdir(root / "notebooks")
    assert cli(["screening", "status"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("40 records, stage title_abstract, logs: alice.jsonl, bob.jsonl, carol.jsonl")
    assert "team agreement (3 reviewers, 20 records rated by two or more): Fleiss' kappa" in out
    assert "Krippendorff's alpha" in out and "Gwet's AC1" in out
    assert "2 open conflicts: not counted in the PRISMA numbers until resolved" in out
    assert ("stopping test (Alice, title/abstract): target recall 95 %, confidence 95 %; 20 screened in "
            "prioritised order (3 relevant), random sample 10 of 20 (0 relevant)") in out
    # the numbers pool every round and search method: said, as the diagram's differ (w5's author read 284
    # screened here, 37 in the update's diagram)
    assert ("PRISMA 2020 screening numbers from the logs, for every record of the unit table (one search round, "
            "every search method together; the diagram's, of the latest round and per column, are in "
            "output/prisma_counts.json):") in out


def test_joining_preview(project, capsys, monkeypatch):
    root, keys = project
    monkeypatch.chdir(root)
    assert cli(["screening", "status", "--joining", "Carol"]) == 0
    out = capsys.readouterr().out
    assert "Carol joining title/abstract: 19 records are already agreed by 2 or more other reviewers" in out
    assert f"  {keys[0]}: Alice, Bob agreed include; Carol: exclude" in out
    # Carol is in the team: her log is counted, and the record is a conflict already (it said "once that log is
    # counted" of a counted log, w42)
    assert "1 of them already has a different decision from Carol and is a conflict now (Carol's log is counted)" \
        in out, out
    assert f"{keys[5]}:" not in out  # Carol agrees there: no conflict
    assert cli(["screening", "status", "--joining", "Dan"]) == 0
    assert "None of them has a different decision from Dan yet." in capsys.readouterr().out


def test_outside_a_project_says_what_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli(["screening", "status"]) == 1
    err = capsys.readouterr().err
    assert "no output/units.csv here or in any folder above" in err and "synthesis build" in err
