"""``synthesis screening status`` and the exchange commands, run as a reviewer would from the shell."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, write_unit_table
from synthesis.screening.cli import register


def cli(argv):
    import argparse

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def project(shared_data, tmp_path):
    path = shared_data / "screening" / "Nagtegaal_2019.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    df = pd.read_csv(path).head(50)
    df["group_id"] = "nag-" + df["record_id"].astype(str)
    units = make_unit_table(df)
    write_unit_table(units, tmp_path / "units.csv")
    ev = tmp_path / "evidence" / "screening"
    settings = ScreeningSettings(team=["Alice", "Bob"], reasons=["wrong population"], reviewers_per_record=2,
                              pilot=units["group_id"].head(10).tolist())
    settings.save(ev)
    keys = units["group_id"].tolist()
    with DecisionLog(ev, "Alice", settings) as a, DecisionLog(ev, "Bob", settings) as b:
        a.record_many({"key": k, "decision": "exclude" if i % 4 else "include"} for i, k in enumerate(keys))
        b.record_many({"key": k, "decision": "exclude" if i % 5 else "include"} for i, k in enumerate(keys))
    return tmp_path, units


def test_status(project, capsys):
    root, units = project
    assert cli(["screening", "status", "--units", str(root / "units.csv"), "--evidence",
                str(root / "evidence" / "screening")]) == 0
    out = capsys.readouterr()
    both = sum((i % 4 == 0) == (i % 5 == 0) for i in range(50))
    assert f"agreed           {both}" in out.out and f"conflict         {50 - both}" in out.out
    assert "agreement (all) Alice / Bob: 50 records both decided" in out.out
    assert "agreement (pilot) Alice / Bob: 10 records" in out.out
    assert "records_screened" in out.out
    assert "screening is not finished" in out.err


def test_status_json_and_errors(project, capsys, tmp_path):
    root, units = project
    assert cli(["screening", "status", "--json", "--units", str(root / "units.csv"), "--evidence",
                str(root / "evidence" / "screening")]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["records_screened"] == sum((i % 4 == 0) == (i % 5 == 0) for i in range(50))
    assert cli(["screening", "status", "--units", str(tmp_path / "missing.csv")]) == 1
    assert "unit table not found" in capsys.readouterr().err


def test_export_then_import_rayyan(project, capsys):
    root, units = project
    ev = str(root / "evidence" / "screening")
    assert cli(["screening", "export-rayyan", str(root / "out.csv"), "--units", str(root / "units.csv"),
                "--evidence", ev]) == 0
    assert cli(["screening", "import-rayyan", str(root / "out.csv"), "--units", str(root / "units.csv"),
                "--evidence", ev]) == 0
    out = capsys.readouterr().out
    assert "50 rows, 50 matched to units" in out
    assert "decisions logged (Alice: 0, Bob: 0), 100 already standing" in out  # a round trip changes nothing


def test_a_missing_screening_table_says_to_build_first(tmp_path):
    """Notebook 2 before any build: the message names the build, not deduplication (notebook 1 writes no file)."""
    import synthesis as syn
    from synthesis.screening import ScreeningError

    with pytest.raises(ScreeningError, match=r"units\.csv: unit table not found; run `make build`"):
        syn.read_screening_table(tmp_path / "output" / "units.csv")
