"""w54: ``synthesis screening status`` after a stopping test that left records unscreened. The build counted them
as marked ineligible by automation tools (PRISMA 2020); the command said they had no title/abstract outcome and
were "not counted yet", and printed no number for them."""
from __future__ import annotations

from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, write_unit_table
from synthesis.screening.stopping import sample_order

from test_screening_cli import cli  # noqa: E402  (same folder)

KEYS = [f"g{i:02d}" for i in range(1, 41)]


def stopped_project(root):
    """Ana included 10 records, drew the sample of the other 30 and excluded 29 of it (p = 1/30: she may stop);
    Ben screened all 40 the same way. The one record of the sample Ana did not screen is left by her stop."""
    write_unit_table(make_unit_table([{"group_id": k, "title": f"Study {k}"} for k in KEYS]),
                     root / "output" / "units.csv")
    ev = root / "evidence" / "screening"
    settings = ScreeningSettings(team=["Ana", "Ben"], reviewers_per_record=2)
    settings.save(ev)
    sample = sample_order(KEYS[10:], 5)
    with DecisionLog(ev, "Ana", settings) as ana, DecisionLog(ev, "Ben", settings) as ben:
        for k in KEYS[:10]:
            ana.record(k, "include")
            ben.record(k, "include")
        for k in KEYS[10:]:
            ben.record(k, "exclude")
        ana.record_event("stopping_sample", seed=5, screened_before=10, relevant_before=10, target_recall=0.95,
                         confidence=0.95)
        for k in sample[:29]:
            ana.record(k, "exclude")
    return sample[29]


def test_status_counts_the_records_a_stop_left_as_the_build_does(tmp_path, capsys, monkeypatch):
    stopped_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli(["screening", "status"]) == 0
    captured = capsys.readouterr()
    out, err = captured.out, captured.err
    assert "  left_by_stop     1" in out  # the state table said so already
    assert "  records_screened           39" in out and "  records_excluded           29" in out
    # the PRISMA box the build fills, by the name of the R package's template (prisma_counts.json)
    assert "  excluded_automatic         1" in out, out
    assert "0 records without a title/abstract outcome" in err and "1 record without" not in err, err
    assert cli(["screening", "status", "--json"]) == 0
    assert '"excluded_automatic": 1' in capsys.readouterr().out
