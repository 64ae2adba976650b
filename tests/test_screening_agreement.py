"""Agreement, dual/blind status, conflicts and resolutions, and PRISMA counts, on a real review's decisions."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from synthesis.screening import (DecisionLog, ScreeningSettings, agreement, cohen_kappa, conflict_list, make_unit_table,
                                 prisma_counts, read_logs, screening_status)

REASONS = ["wrong population", "wrong intervention", "wrong design"]


@pytest.fixture(scope="module")
def nagtegaal(shared_data):
    path = shared_data / "screening" / "Nagtegaal_2019.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    df = pd.read_csv(path)
    df["group_id"] = "nag-" + df["record_id"].astype(str)
    return df


@pytest.fixture(scope="module")
def dual_logs(nagtegaal, tmp_path_factory):
    """Alice screens as the review's authors did; Bob disagrees on a deterministic tenth and says maybe on some."""
    folder = tmp_path_factory.mktemp("screening")
    settings = ScreeningSettings(team=["Alice", "Bob", "Cleo"], reasons=REASONS, reviewers_per_record=2,
                              pilot=nagtegaal["group_id"].head(200).tolist())
    keys = nagtegaal["group_id"].tolist()
    truth = dict(zip(keys, nagtegaal["label_abstract_screening"].map({1: "include", 0: "exclude"})))
    bob = {}
    for i, k in enumerate(keys):
        d = truth[k]
        if i % 10 == 3:
            d = "exclude" if d == "include" else "include"
        elif i % 37 == 5:
            d = "maybe"
        bob[k] = d
    with DecisionLog(folder, "Alice", settings, keys=keys) as a, DecisionLog(folder, "Bob", settings, keys=keys) as b:
        a.record_many({"key": k, "decision": truth[k]} for k in keys[:1500])
        b.record_many({"key": k, "decision": bob[k]} for k in keys[100:])  # Bob has not done the first 100 yet
    return folder, settings, truth, bob


def test_kappa_matches_sklearn_on_real_decisions(nagtegaal, dual_logs):
    folder, settings, truth, bob = dual_logs
    keys = nagtegaal["group_id"].tolist()
    both = keys[100:1500]
    result = agreement(read_logs(folder, settings), "title_abstract", keys=keys)
    row = result.iloc[0]
    assert (row.reviewer_a, row.reviewer_b, row.n) == ("Alice", "Bob", len(both))
    a = [truth[k] for k in both]
    b = [bob[k] for k in both]
    assert row.kappa == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
    assert row.percent_agreement == pytest.approx(100 * sum(x == y for x, y in zip(a, b)) / len(both))
    assert 0.5 < row.kappa < 0.95  # a tenth flipped: clearly imperfect, clearly better than chance


def test_the_pilot_rows_follow_the_whole_stage_when_the_settings_name_a_pilot(nagtegaal, dual_logs):
    """Notebook 02 shows what `synthesis screening status` prints: the whole stage, then the pilot (its table
    had no pilot row)."""
    folder, settings, _, _ = dual_logs
    both = agreement(folder, settings=settings)
    assert both["subset"].tolist() == ["all", "pilot"]
    assert both.iloc[1].n == agreement(folder, pilot=settings.pilot, settings=settings).iloc[0].n == 100
    assert agreement(folder, pilot=False, settings=settings)["subset"].tolist() == ["all"]


def test_kappa_on_the_pilot_subset(nagtegaal, dual_logs):
    folder, settings, truth, bob = dual_logs
    pilot = agreement(folder, pilot=settings.pilot, settings=settings).iloc[0]
    both = [k for k in settings.pilot if k in set(nagtegaal["group_id"][100:1500])]
    assert pilot.subset == "pilot" and pilot.n == len(both) == 100
    assert pilot.kappa == pytest.approx(cohen_kappa_score([truth[k] for k in both], [bob[k] for k in both]))


@pytest.mark.parametrize("a,b", [
    (["include"] * 5 + ["exclude"] * 5, ["include"] * 4 + ["exclude"] * 6),
    (["include", "maybe", "exclude", "exclude", "maybe"], ["maybe", "maybe", "exclude", "include", "maybe"]),
    (["exclude"] * 9 + ["include"], ["exclude"] * 10),
])
def test_kappa_formula(a, b):
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_kappa_undefined_like_sklearn():
    assert math.isnan(cohen_kappa(["exclude"] * 4, ["exclude"] * 4))


def test_dual_status_conflicts_and_resolution(nagtegaal, dual_logs, tmp_path):
    folder, settings, truth, bob = dual_logs
    units = make_unit_table(nagtegaal)
    status = screening_status(read_logs(folder, settings), units, settings=settings).set_index("group_id")
    keys = units["group_id"].tolist()
    assert status.loc[keys[0], "state"] == "awaiting"  # only Alice so far
    assert status.loc[keys[1600], "state"] == "awaiting"  # only Bob
    assert status.loc[keys[103], "state"] == "conflict"  # i % 10 == 3: Bob flipped
    assert status.loc[keys[104], "state"] == "agreed"
    assert status.loc[keys[104], "decision"] == truth[keys[104]]
    assert status.loc[keys[103], "decisions"] == {"Alice": truth[keys[103]], "Bob": bob[keys[103]]}
    n_conflicts = (status["state"] == "conflict").sum()
    expected = sum(truth[k] != bob[k] for k in keys[100:1500])
    assert n_conflicts == expected

    # Cleo resolves one conflict: it is logged as her own resolution decision, in her own file
    import shutil
    work = tmp_path / "screening"
    shutil.copytree(folder, work)
    with DecisionLog(work, "Cleo", settings, keys=keys) as c:
        c.record(keys[103], "include", resolution=True, note="discussed")
    status2 = screening_status(read_logs(work, settings), units, settings=settings).set_index("group_id")
    assert status2.loc[keys[103], ["state", "decision"]].tolist() == ["resolved", "include"]
    listing = conflict_list(read_logs(work, settings), units, settings=settings)
    assert len(listing) == expected - 1 and keys[103] not in set(listing["group_id"])
    assert listing["title"].iloc[0] == units.set_index("group_id").at[listing["group_id"].iloc[0], "title"]


def test_blind_view_shows_only_own_decisions(nagtegaal, dual_logs):
    folder, settings, truth, bob = dual_logs
    blind = ScreeningSettings(team=settings.team, reasons=REASONS, reviewers_per_record=2, blind=True)
    units = make_unit_table(nagtegaal)
    mine = screening_status(read_logs(folder, blind), units, settings=blind, viewer="Bob").set_index("group_id")
    keys = units["group_id"].tolist()
    assert "conflict" not in set(mine["state"])
    assert mine.loc[keys[103], ["state", "decision"]].tolist() == ["decided", bob[keys[103]]]
    assert mine.loc[keys[103], "decisions"] == {"Bob": bob[keys[103]]}  # Alice's vote is not shown
    assert mine.loc[keys[0], "state"] == "undecided"  # Alice decided it, Bob has not: Bob cannot tell


def test_prisma_counts_replay_two_stages(nagtegaal, tmp_path):
    """Replay Nagtegaal's real two-stage outcome; the counts must follow from the labels, not be typed."""
    settings = ScreeningSettings(team=["Alice"], reasons=REASONS)
    keys = nagtegaal["group_id"].tolist()
    ta = dict(zip(keys, nagtegaal["label_abstract_screening"]))
    final = dict(zip(keys, nagtegaal["label_included"]))
    batch = []
    j = 0
    for k in keys:
        batch.append({"key": k, "decision": "include" if ta[k] else "exclude"})
        if ta[k]:
            if final[k]:
                batch.append({"key": k, "decision": "include", "stage": "full_text"})
            else:
                j += 1
                reason = "not retrieved" if j % 25 == 0 else REASONS[j % 3]
                batch.append({"key": k, "decision": "exclude", "stage": "full_text", "reason": reason})
    with DecisionLog(tmp_path, "Alice", settings, keys=keys) as log:
        log.record_many(batch)
    c = prisma_counts(read_logs(tmp_path, settings), make_unit_table(nagtegaal), settings)
    n_ta = int(nagtegaal["label_abstract_screening"].sum())
    n_final = int(nagtegaal["label_included"].sum())
    ft_ex = n_ta - n_final
    n_nr = ft_ex // 25
    assert (n_ta, n_final) == (392, 101)  # as PROVENANCE.md says
    assert c["records_screened"] == len(nagtegaal) == 2019
    assert c["records_excluded"] == 2019 - 392
    assert c["dbr_sought_reports"] == 392
    assert c["dbr_notretrieved_reports"] == n_nr
    assert c["dbr_assessed"] == 392 - n_nr
    assert [r for r, _ in c["dbr_excluded"]] == REASONS  # in the review's order
    assert sum(n for _, n in c["dbr_excluded"]) == ft_ex - n_nr
    assert c["new_reports"] == c["new_studies"] == 101
    # the PRISMA sums hold
    assert c["dbr_sought_reports"] == c["records_screened"] - c["records_excluded"]
    assert c["dbr_assessed"] - sum(n for _, n in c["dbr_excluded"]) == c["new_reports"]
    assert c.pending == {"title_abstract": [], "full_text": []}


def test_prisma_counts_partial_screening_is_announced(nagtegaal, tmp_path):
    settings = ScreeningSettings(team=["Alice", "Bob"], reasons=REASONS, reviewers_per_record=2)
    keys = nagtegaal["group_id"].tolist()[:20]
    units = make_unit_table(nagtegaal.head(20))
    with DecisionLog(tmp_path, "Alice", settings) as a, DecisionLog(tmp_path, "Bob", settings) as b:
        for k in keys[:10]:
            a.record(k, "exclude")
            b.record(k, "exclude")
        a.record(keys[10], "include")  # awaiting Bob
        a.record(keys[11], "include")
        b.record(keys[11], "exclude")  # conflict
        for k in keys[12:14]:
            a.record(k, "include")
            b.record(k, "include")
            a.record(k, "include", stage="full_text")
            b.record(k, "include", stage="full_text", labels=["study: Smith 2019"])
    with pytest.warns(UserWarning, match="not finished: 8 record"):
        c = prisma_counts(tmp_path, units, settings)
    assert (c["records_screened"], c["records_excluded"], c["dbr_sought_reports"]) == (12, 10, 2)
    assert (c["new_reports"], c["new_studies"]) == (2, 1)  # two reports of one study
    assert len(c.pending["title_abstract"]) == 8


def test_status_at_full_text_counts_only_the_records_that_reached_it(tmp_path):
    """Notebook 02 at full text said "undecided 43": the records excluded at title/abstract. With
    ``reached=True`` the full-text status holds the records included at title/abstract (or decided at full
    text), and the build's table (all records) is unchanged."""
    from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table

    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(6)])
    settings = ScreeningSettings(team=["Alice"])
    with DecisionLog(tmp_path, "Alice", settings) as a:
        for i in range(5):
            a.record(f"g{i}", "include" if i < 2 else "exclude")
        a.record("g0", "include", stage="full_text")
    reached = screening_status(tmp_path, units, "full_text", settings, reached=True)
    assert reached["group_id"].tolist() == ["g0", "g1"]
    assert reached["state"].tolist() == ["agreed", "undecided"]
    assert len(screening_status(tmp_path, units, "full_text", settings)) == 6
    assert len(screening_status(tmp_path, units, "title_abstract", settings, reached=True)) == 6


def test_a_maybe_at_title_abstract_reaches_full_text(tmp_path):
    """Two reviewers agreed on "maybe" for six records of a gambling-harms review: PRISMA counted them as reports
    sought ("38 reports await a full-text decision"), but the full-text widget, its status and the retrieval
    list held only the 32 includes, so the six could never be decided and the diagram never became valid."""
    from synthesis.fulltext.retrieval import retrieval_status
    from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, prisma_counts
    from synthesis.screening.widget import ScreeningWidget

    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(4)])
    settings = ScreeningSettings(team=["Alice", "Bob"], reviewers_per_record=2)
    for name in ("Alice", "Bob"):
        with DecisionLog(tmp_path, name, settings) as log:
            for key, decision in [("g0", "include"), ("g1", "maybe"), ("g2", "exclude")]:
                log.record(key, decision)
    assert prisma_counts(tmp_path, units, settings, warn=False)["dbr_sought_reports"] == 2
    reached = screening_status(tmp_path, units, "full_text", settings, reached=True)
    assert reached["group_id"].tolist() == ["g0", "g1"]
    assert retrieval_status(units, tmp_path, settings=settings)["group_id"].tolist() == ["g0", "g1"]
    w = ScreeningWidget(units, "Alice", stage="full_text", folder=tmp_path, settings=settings, order="file")
    try:
        assert w._scope == ["g0", "g1"]
    finally:
        w.close()
