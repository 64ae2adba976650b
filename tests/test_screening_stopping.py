"""The hypergeometric stopping test (Callaghan & Müller-Hansen 2020) against values worked out by hand."""
from __future__ import annotations

import json
import math

import pytest

from synthesis.screening import DecisionLog, ScreeningSettings, make_unit_table, read_logs
from synthesis.screening.stopping import (StoppingTest, hypergeometric_p, k_tar, logged_stopping_tests, p_text,
                                          prisma_check_lines, sample_order, sampled_prefix)


def by_hand(urn, relevant, n, k):
    """P(X <= k) drawing n of urn records without replacement when `relevant` of them are relevant."""
    return sum(math.comb(relevant, x) * math.comb(urn - relevant, n - x) for x in range(k + 1)) / math.comb(urn, n)


def _screen_to_the_stop(log, keys, drawn: int = 40, sample=None, logged_urn: bool = False) -> None:
    """The hand-computed stop in ``log``: ``keys[:50]`` screened in order (19 relevant), then the stopping sample of
    the other 50 (seed 3; its urn in the line with ``logged_urn``) and its first ``drawn`` records (or ``sample``)
    excluded: p = 0.0367 after 40."""
    for i, k in enumerate(keys[:50]):
        log.record(k, "include" if i < 19 else "exclude")
    urn = {"total": len(keys), "urn": list(keys[50:])} if logged_urn else {}
    log.record_event("stopping_sample", seed=3, screened_before=50, relevant_before=19, **urn)
    for k in sample_order(keys[50:], 3)[:drawn] if sample is None else sample:
        log.record(k, "exclude")


def test_k_tar_is_the_fewest_relevant_records_left_that_put_recall_below_target():
    # 19 found, target 95 %: one more relevant record left gives 19/20 = 95 % (not below), two give 19/21
    assert k_tar(19, 0, 0.95) == 2
    assert 19 / (19 + 1) >= 0.95 > 19 / (19 + 2)
    # 38 found before the sample, 2 in it: 40/0.95 - 38 = 4.105..; K = 5 leaves recall 40/43 < 95 %
    assert k_tar(38, 2, 0.95) == 5
    assert 40 / (38 + 4) >= 0.95 > 40 / (38 + 5)
    assert k_tar(0, 0, 0.95) == 1
    assert k_tar(90, 0, 0.9) == 11  # 90/0.9 - 90 = 10 exactly: 10 left gives exactly 90 %
    assert k_tar(10, 0, 1.0) == 1   # any relevant record left breaks 100 % recall


def test_p_value_matches_hand_computed_hypergeometric_values():
    # N = 100, 50 screened in prioritised order with 19 relevant; K_tar = 2 in the urn of 50.
    # No relevant in 40 random draws: p = C(48,40)/C(50,40) = (10*9)/(50*49) = 0.0367 < 0.05: stop.
    assert hypergeometric_p(50, 19, 40, 0) == pytest.approx(90 / 2450)
    # after 35 draws: (15*14)/(50*49) = 0.0857: not yet
    assert hypergeometric_p(50, 19, 35, 0) == pytest.approx(210 / 2450)
    # 600 left, 38 relevant found, 150 draws, none relevant: K_tar = 3, p = 450*449*448 / (600*599*598)
    assert hypergeometric_p(600, 38, 150, 0) == pytest.approx(450 * 449 * 448 / (600 * 599 * 598))
    # one relevant in the sample: K_tar = floor(39/0.95 - 38) + 1 = 4, p = P(X <= 1)
    assert hypergeometric_p(600, 38, 150, 1) == pytest.approx(by_hand(600, 4, 150, 1))
    assert hypergeometric_p(50, 19, 0, 0) == 1.0   # nothing drawn: no evidence
    assert hypergeometric_p(1, 19, 1, 0) == 0.0    # K_tar = 2 cannot fit in an urn of 1: recall is certain


def test_stopping_test_says_when_to_stop_and_what_to_write():
    t = StoppingTest(total=100, screened_before=50, relevant_before=19, sample_size=40, relevant_in_sample=0,
                     reviewer="Alice")
    assert t.urn == 50 and t.k_tar == 2 and t.may_stop
    assert t.p_value == pytest.approx(90 / 2450)
    sentence = t.methods_sentence()
    assert "stopped after 90 records" in sentence and "95 % confidence recall was at least 95 %" in sentence
    assert "p = 0.037" in sentence
    assert not StoppingTest(100, 50, 19, 35, 0).may_stop
    # a stricter confidence needs more draws
    assert not StoppingTest(100, 50, 19, 40, 0, confidence=0.99).may_stop


def test_sample_order_is_fixed_by_the_seed_and_only_an_unbroken_prefix_counts():
    keys = [f"g{i:03d}" for i in range(30)]
    order = sample_order(reversed(keys), 7)
    assert order == sample_order(keys, 7) and sorted(order) == keys and order != sample_order(keys, 8)
    decided = {order[0]: "exclude", order[1]: "maybe", order[3]: "include"}
    assert sampled_prefix(order, decided) == (2, 1)  # order[2] not decided yet: order[3] does not count


def test_the_logged_sample_is_recomputed_from_the_logs(tmp_path):
    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(20)])
    settings = ScreeningSettings(team=["Alice"])
    with DecisionLog(tmp_path, "Alice", settings) as log:
        for i in range(8):
            log.record(f"g{i:03d}", "include" if i < 3 else "exclude")
        log.record_event("stopping_sample", "title_abstract", seed=11, target_recall=0.9, confidence=0.95,
                         screened_before=8, relevant_before=3)
        order = sample_order([f"g{i:03d}" for i in range(8, 20)], 11)
        for key in order[:5]:
            log.record(key, "exclude")
        log.record(order[6], "include")  # out of the sample's order: not counted yet
    line = [json.loads(x) for x in (tmp_path / "alice.jsonl").read_text().splitlines()][8]
    assert line["kind"] == "stopping_sample" and line["seed"] == 11
    reading = read_logs(tmp_path, settings)
    assert len(reading.entries) == 14 and not reading.problems
    [t] = logged_stopping_tests(reading, units["group_id"])
    assert (t.total, t.screened_before, t.relevant_before, t.sample_size, t.relevant_in_sample) == (20, 8, 3, 5, 0)
    assert t.target_recall == 0.9 and t.k_tar == 1
    assert t.p_value == pytest.approx(by_hand(12, 1, 5, 0))  # = 7/12
    lines = prisma_check_lines(reading, units, settings)
    assert lines and "p = 0.5833" in lines[0] and "keep screening" in lines[0]


def test_an_event_line_of_an_unknown_kind_is_reported_not_fatal(tmp_path):
    (tmp_path / "alice.jsonl").write_text(
        '{"kind": "coffee_break", "stage": "title_abstract", "reviewer": "Alice"}\n'
        '{"key": "g1", "stage": "title_abstract", "decision": "include", "reviewer": "Alice"}\n')
    reading = read_logs(tmp_path, warn=False)
    assert len(reading.entries) == 1 and not reading.events
    assert "unknown kind of line 'coffee_break'" in str(reading.problems[0])


def test_prisma_counts_use_resolutions_and_say_how_many_conflicts_are_open(tmp_path):
    from synthesis.screening import prisma_counts
    from synthesis.screening.stopping import add_stop_columns
    from synthesis.screening import screening_status

    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(4)])
    settings = ScreeningSettings(team=["Ann", "Bo"], reviewers_per_record=2)
    with DecisionLog(tmp_path, "Ann", settings) as a, DecisionLog(tmp_path, "Bo", settings) as b:
        for i, (da, db) in enumerate([("include", "exclude"), ("include", "exclude"), ("exclude", "exclude"),
                                      ("include", "include")]):
            a.record(f"g{i}", da)
            b.record(f"g{i}", db)
        b.record("g0", "exclude", resolution=True)  # Bo resolves g0; g1 stays open
    reading = read_logs(tmp_path, settings)
    counts = prisma_counts(reading, units, settings, warn=False)
    assert counts.open_conflicts == {"title_abstract": 1, "full_text": 0}
    assert counts["records_screened"] == 3 and counts["records_excluded"] == 2  # g0 resolved as exclude
    assert any("1 open conflict at title/abstract" in m for m in counts.problems)
    assert prisma_check_lines(reading, units, settings) == [
        "screening conflicts at title/abstract: 1 open, 1 resolved; the open ones are not counted in the PRISMA "
        "numbers yet"]
    status = screening_status(reading, units, settings=settings).assign(stage="title_abstract")
    with_stop = add_stop_columns(status, reading, units)
    assert with_stop["stop_p_value"].isna().all()  # no stopping test logged


def test_stop_columns_for_screening_status_csv(tmp_path):
    from synthesis.screening import screening_status
    from synthesis.screening.stopping import add_stop_columns

    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(100)])
    settings = ScreeningSettings(team=["Alice"])
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Alice", settings) as log:
        _screen_to_the_stop(log, keys)
    reading = read_logs(tmp_path, settings)
    status = screening_status(reading, units, settings=settings).assign(stage="title_abstract")
    out = add_stop_columns(status, reading, units)
    row = out.iloc[0]
    assert row["stop_reviewer"] == "Alice" and row["stop_may_stop"] and row["stop_screened"] == 90
    assert row["stop_p_value"] == pytest.approx(90 / 2450, abs=1e-6)  # the hand-computed case above
    lines = prisma_check_lines(reading, units, settings)
    assert "p = 0.0367: may stop" in lines[0] and "stopped after 90 records" in lines[1]


def test_a_p_value_just_below_the_threshold_is_never_written_as_the_threshold():
    # A real stop (1,718 records, 523 screened in order with 44 relevant, 755 of the 1,195 left sampled, none
    # relevant): p = 0.0497 < 0.05, but three decimals wrote "p = 0.050" in the methods sentence, a failed test
    # to a reader told "stop when below 0.05".
    t = StoppingTest(total=1718, screened_before=523, relevant_before=44, sample_size=755, relevant_in_sample=0)
    assert t.may_stop and round(t.p_value, 3) == 0.05
    assert "(p = 0.0497)." in t.methods_sentence()
    assert "p = 0.0497: may stop" in t.summary()
    # one draw fewer: p = 0.0501, not a stop, and not written below the threshold either
    before = StoppingTest(total=1718, screened_before=523, relevant_before=44, sample_size=754,
                          relevant_in_sample=0)
    assert not before.may_stop and float(before.p_text(3)) >= 0.05
    # as many decimals as it takes, and no more than asked where the side is already clear
    assert p_text(0.049996, 0.05, 4) == "0.049996" and p_text(0.0123, 0.05) == "0.012" and p_text(0.5, 0.05) == "0.500"


def test_screening_status_says_who_resolved_a_conflict(tmp_path):
    # Two reviewers disagreed on five Kitchenham 2010 records and one of them resolved them in the conflicts queue:
    # screening_status.csv said "resolved" beside both votes but not whose resolution it was; only the log knew.
    from synthesis.screening import screening_status

    units = make_unit_table([{"group_id": f"g{i}", "title": f"t{i}"} for i in range(3)])
    settings = ScreeningSettings(team=["Ann", "Bo", "Cy"], reviewers_per_record=2, blind=True)
    with DecisionLog(tmp_path, "Ann", settings) as a, DecisionLog(tmp_path, "Bo", settings) as b, \
            DecisionLog(tmp_path, "Cy", settings) as c:
        for i in range(3):
            a.record(f"g{i}", "include")
            b.record(f"g{i}", "exclude" if i < 2 else "include")
        c.record("g0", "include", resolution=True)   # a third person resolves g0; g1 stays open
    status = screening_status(read_logs(tmp_path, settings), units, settings=settings).set_index("group_id")
    assert status.loc["g0", "state"] == "resolved" and status.loc["g0", "resolved_by"] == "Cy"
    assert status.loc["g0", "decisions"] == {"Ann": "include", "Bo": "exclude"}
    assert status.loc["g1", "state"] == "conflict" and status.loc["g1", "resolved_by"] == ""
    assert status.loc["g2", "resolved_by"] == ""
    # a blind reviewer's own view shows no resolution, nor who made it
    mine = screening_status(read_logs(tmp_path, settings), units, settings=settings, viewer="Bo").set_index("group_id")
    assert (mine["resolved_by"] == "").all()


def test_the_checks_say_what_a_stop_leaves_unscreened(tmp_path):
    # Two reviewers each screened Kitchenham 2010 to "may stop"; prisma_checks.txt said "may stop" for both and then
    # "589 records await a title/abstract decision" as an error, with nothing linking the two.
    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(100)])
    settings = ScreeningSettings(team=["Alice", "Bob"])
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Alice", settings) as log, DecisionLog(tmp_path, "Bob", settings) as bob:
        _screen_to_the_stop(log, keys)
        for k in keys[95:]:
            bob.record(k, "exclude")  # Bob reached 5 records Alice's stop left
    reading = read_logs(tmp_path, settings)
    lines = prisma_check_lines(reading, units, settings)
    assert "may stop" in lines[0] and lines[1].startswith("  methods:")
    left = set(keys) - set(keys[:50]) - set(sample_order(keys[50:], 3)[:40])
    nobody = len(left - set(keys[95:]))
    assert lines[2] == f"  Alice left {len(left)} records unscreened after the stop ({nobody} screened by no one)"
    # (one reviewer per record: those Bob excluded are decided; the others are left by the stop, not waiting)
    assert lines[3].startswith(f"  {nobody} records not screened (in full) after the stopping tests are counted as "
                               "marked ineligible by automation tools")
    assert len(left) == 10 and nobody < 10


def test_stop_columns_name_every_reviewer_s_test(tmp_path):
    # Two reviewers screened Kitchenham 2010 to the stop; screening_status.csv named Ben's test only, and would have
    # said "may stop" all the same had Ana's test not held yet.
    from synthesis.screening import screening_status
    from synthesis.screening.stopping import add_stop_columns

    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(100)])
    settings = ScreeningSettings(team=["Alice", "Bob"])
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Alice", settings) as a, DecisionLog(tmp_path, "Bob", settings) as b:
        for log, drawn in ((a, 40), (b, 10)):
            _screen_to_the_stop(log, keys, drawn=drawn)
    reading = read_logs(tmp_path, settings)
    status = screening_status(reading, units, settings=settings).assign(stage="title_abstract")
    row = add_stop_columns(status, reading, units).iloc[0]
    assert row["stop_reviewer"] == "Alice" and row["stop_may_stop"]
    assert row["stop_tests"] == ("Alice: may stop after 90 (p = 0.0367); "
                                 f"Bob: keep screening after 60 (p = {StoppingTest(100, 50, 19, 10, 0).p_text(4)})")


def _stopped_at(tmp_path, settings, votes, stops):
    """Logs where each of ``stops`` screened g000-g049 (19 included) and its whole stopping sample of 40 records
    (p = 0.0367: may stop), then ``votes`` ({reviewer: {key: decision}}) on the 10 records the sample left."""
    from synthesis.screening.stopping import left_after_stops

    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(100)])
    keys = units["group_id"].tolist()
    sample = sample_order(keys[50:], 3)[:40]
    for who in settings.team:
        with DecisionLog(tmp_path, who, settings) as log:
            if who in stops:
                _screen_to_the_stop(log, keys, sample=sample)
            for k, d in votes.get(who, {}).items():
                log.record(k, d)
    rest = sorted(set(keys[50:]) - set(sample))
    return units, rest, left_after_stops(read_logs(tmp_path, settings), units, settings)


def test_a_stop_leaves_what_nobody_found_relevant_to_the_automation_box(tmp_path):
    """A review that stopped by the test could never draw a valid diagram: the records the stop left were counted as
    awaiting a decision for ever (w9). One reviewer per record: every record nobody decided is left by the stop."""
    units, rest, left = _stopped_at(tmp_path, ScreeningSettings(team=["Alice"]), {"Alice": {}}, {"Alice"})
    assert left == set(rest) and len(rest) == 10
    from synthesis.screening import prisma_counts

    reading = read_logs(tmp_path, ScreeningSettings(team=["Alice"]))
    c = prisma_counts(reading, units, ScreeningSettings(team=["Alice"]), warn=False, stopped=left)
    assert (c["records_screened"], c.left_by_stop, c.pending["title_abstract"]) == (90, 10, [])


@pytest.mark.parametrize("stops, votes, expected", [
    # both stopped: a record neither screened and one excluded by one of them are left; an include is not
    ({"Alice", "Bob"}, {"Bob": {0: "exclude", 1: "include"}}, {"nobody", 0}),
    # only Alice stopped: her stand-in and Bob's exclusion make two; a record nobody screened is one stand-in short
    ({"Alice"}, {"Bob": {0: "exclude", 1: "maybe"}}, {0}),
    # a conflict is never left, nor a record a stopper found relevant
    ({"Alice", "Bob"}, {"Alice": {0: "include"}, "Bob": {0: "exclude"}}, {"nobody"}),
])
def test_with_two_reviewers_a_stop_stands_in_only_for_the_reviewer_who_stopped(tmp_path, stops, votes, expected):
    settings = ScreeningSettings(team=["Alice", "Bob"], reviewers_per_record=2)
    rest_votes = {}
    units = make_unit_table([{"group_id": f"g{i:03d}"} for i in range(100)])
    rest = sorted(set(units["group_id"][50:]) - set(sample_order(units["group_id"][50:].tolist(), 3)[:40]))
    for who, mine in votes.items():
        rest_votes[who] = {rest[k]: d for k, d in mine.items()}
    _, rest2, left = _stopped_at(tmp_path, settings, rest_votes, stops)
    assert rest2 == rest
    voted = {k for mine in votes.values() for k in mine}
    want = {rest[k] for k in expected if k != "nobody"} | ({rest[k] for k in range(10) if k not in voted}
                                                          if "nobody" in expected else set())
    # (the records both stoppers screened in their order are decided; Bob's half when only Alice stopped is not)
    assert left - set(units["group_id"][:50]) - set(sample_order(units["group_id"][50:].tolist(), 3)[:40]) == want


def _built_review(tmp_path, **team):
    """A new review (``synthesis new``) of 100 distinct records in one export, built; returns it and its groups."""
    import pandas as pd

    import synthesis as syn
    from synthesis.build import build

    project = syn.new_project(tmp_path / "review", "Stopping early", **team)
    words = ["".join(chr(97 + (i // 26 ** p) % 26) for p in range(3)) for i in range(100)]
    entries = "".join(f"TY  - JOUR\nTI  - Trial {w} of exercise for sleep in {w} adults\nAU  - {w.title()}son, A.\n"
                      f"PY  - 2020\nJO  - Journal {w}\nVL  - {i + 1}\nSP  - {i + 10}\nER  - \n\n"
                      for i, w in enumerate(words))
    (project.data / "searches" / "2026-01").mkdir()
    (project.data / "searches" / "2026-01" / "medline.ris").write_text(entries, encoding="utf-8")
    build(project.root, progress=False)
    keys = pd.read_csv(project.output / "units.csv", dtype=str)["group_id"].tolist()
    assert len(keys) == 100
    return project, keys


def test_a_review_that_stopped_by_the_test_draws_a_valid_diagram(tmp_path):
    """Built end to end: 100 records, one reviewer screens 50 in order (19 included), then the stopping sample of 40
    (none relevant: may stop). The 10 records left are "not screened after the stopping test" in the removed-
    before-screening box; the diagram is valid (it was marked NOT YET VALID with 10 records waiting for ever)."""
    from synthesis.build import build

    project, keys = _built_review(tmp_path, team=["Alice"])
    settings = project.settings().screening
    with DecisionLog(project.evidence / "screening", "Alice", settings) as log:
        _screen_to_the_stop(log, keys)
        for k in keys[:19]:
            log.record(k, "exclude", stage="full_text", reason="not retrieved")
    result = build(project.root, progress=False)
    counts = json.loads((project.output / "prisma_counts.json").read_text(encoding="utf-8"))
    assert counts["excluded_automatic"] == 10 and counts["records_screened"] == 90
    assert counts["records_excluded"] == 71 and counts["database_results"] == 100 and counts["duplicates"] == 0
    assert "NOT YET" not in json.dumps(counts)
    assert any("10 records that the stopping test left unscreened are counted as removed before screening" in n
               for n in result.notes)
    assert not any("await a title/abstract decision" in n for n in result.notes)
    svg = (project.output / "prisma_flow.svg").read_text(encoding="utf-8")
    assert "stopping test" in svg and "NOT YET" not in svg
    assert "Records excluded by the reviewers" in svg  # PRISMA 2020's footnote **: people's and the tool's apart (w22)
    checks = (project.output / "prisma_checks.txt").read_text(encoding="utf-8")
    assert "10 records not screened (in full) after the stopping tests" in checks


def test_the_status_file_and_the_queue_agree_with_the_diagram_on_what_the_stops_left(tmp_path):
    """Two reviewers, both stopped: screening_status.csv said "undecided" or "awaiting" for the records the diagram
    counts as not screened after the stopping test, with nothing telling them from those still waiting for a
    person, and screening_queue.csv listed the records nobody screened as left to screen (w12: 482 such records
    on Nagtegaal 2019, 10 really waiting). Now ``left_by_stop`` marks them and the queue leaves them out."""
    import pandas as pd

    from synthesis.build import build

    project, keys = _built_review(tmp_path, team=["Alice", "Bob"], reviewers_per_record=2)
    settings = project.settings().screening
    sample = sample_order(keys[50:], 3)[:40]
    rest = sorted(set(keys[50:]) - set(sample))
    for who in ("Alice", "Bob"):
        with DecisionLog(project.evidence / "screening", who, settings) as log:
            _screen_to_the_stop(log, keys, sample=sample)
            if who == "Bob":  # after his stop: one of the rest excluded (left), one included (waits for Alice)
                log.record(rest[0], "exclude")
                log.record(rest[1], "include")
    build(project.root, progress=False)
    counts = json.loads((project.output / "prisma_counts.json").read_text(encoding="utf-8"))
    assert counts["excluded_automatic"] == 9 and counts["records_screened"] == 90
    status = pd.read_csv(project.output / "screening_status.csv", dtype=str, keep_default_na=False)
    ta = status[status["stage"] == "title_abstract"].set_index("group_id")
    left = set(ta.index[ta["left_by_stop"] == "True"])
    assert left == set(rest) - {rest[1]}
    assert ta.loc[rest[1], "state"] == "awaiting" and ta.loc[rest[1], "left_by_stop"] == "False"
    assert (status.loc[status["stage"] == "full_text", "left_by_stop"] == "False").all()
    queue = pd.read_csv(project.output / "screening_queue.csv", dtype=str)
    assert queue.empty  # the 8 records nobody screened were left by both stops: nothing is left to screen


def test_a_p_value_that_rounds_to_nothing_is_written_below_the_last_decimal():
    """A long stopping sample (w12, Nagtegaal 2019: 388 drawn, 6 relevant) gave "p = 0.000" in the methods sentence
    and "p = 0.0000" in the checks and the panel, which read as a p-value of zero; now "p < 0.001" / "p < 0.0001"."""
    t = StoppingTest(total=2018, screened_before=1466, relevant_before=388, sample_size=388, relevant_in_sample=6)
    assert t.may_stop and 0 < t.p_value < 1e-4
    assert t.methods_sentence().endswith("(p < 0.001).") and "p = 0.000" not in t.methods_sentence()
    assert "; p < 0.0001: may stop" in t.summary()
    near = StoppingTest(total=100, screened_before=50, relevant_before=19, sample_size=40, relevant_in_sample=0)
    assert near.p_phrase(3) == f"p = {near.p_text(3)}" and near.p_phrase(4) == "p = 0.0367"


def test_a_logged_urn_keeps_the_stop_when_a_new_round_brings_records(tmp_path):
    """The stop of a living review (100 records, 50 screened in order, 40 of the 50 left sampled, none relevant:
    p = 0.0367) was recomputed over the 130 records after the next search round: the 30 new ones reshuffled the
    sample's order, the test fell back to "keep screening" and the 10 records it left returned to waiting. With the
    urn in the log the test is the one that was run, and it speaks for its urn only."""
    from synthesis.screening.stopping import left_after_stops

    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(100)])
    later = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(130)])
    settings = ScreeningSettings(team=["Alice"])
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Alice", settings) as log:
        _screen_to_the_stop(log, keys, logged_urn=True)
    reading = read_logs(tmp_path, settings)
    [now] = logged_stopping_tests(reading, units["group_id"])
    [after] = logged_stopping_tests(reading, later["group_id"])
    assert now == after and after.may_stop and after.p_value == pytest.approx(90 / 2450, abs=1e-6)
    left = set(keys[50:]) - set(sample_order(keys[50:], 3)[:40])
    assert left_after_stops(reading, later, settings) == left and len(left) == 10


def test_where_the_team_stands_shows_the_records_a_stop_left(tmp_path):
    """Notebook 02's "Where the team stands" (``syn.screening_status(EVIDENCE, units, ...)["state"]``) showed the
    10 records the stop left as undecided, while the diagram counts them as not screened after the stopping test
    and screening_status.csv marks them ``left_by_stop``. Read from the logs, they are ``left_by_stop`` there too;
    a list of decisions (no samples in it) is the reviewers' decisions alone."""
    from synthesis.screening.status import screening_status
    from synthesis.screening.stopping import left_after_stops

    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}"} for i in range(100)])
    settings = ScreeningSettings(team=["Alice"])
    keys = units["group_id"].tolist()
    with DecisionLog(tmp_path, "Alice", settings) as log:
        for i, k in enumerate(keys[:50]):
            log.record(k, "include" if i < 19 else "exclude")
        log.record_event("stopping_sample", seed=3, total=100, screened_before=50, relevant_before=19,
                         urn=keys[50:])
        for k in sample_order(keys[50:], 3)[:40]:
            log.record(k, "exclude")
    status = screening_status(tmp_path, units, "title_abstract", settings)
    assert status["state"].value_counts().to_dict() == {"agreed": 90, "left_by_stop": 10}
    left = left_after_stops(read_logs(tmp_path, settings), units, settings)
    assert set(status.loc[status["left_by_stop"], "group_id"]) == left
    assert screening_status(read_logs(tmp_path, settings), units, settings=settings)["left_by_stop"].sum() == 10
    plain = screening_status(read_logs(tmp_path, settings).entries, units, settings=settings)
    assert plain["state"].value_counts().to_dict() == {"agreed": 90, "undecided": 10}
    assert "left_by_stop" not in plain
    assert (screening_status(tmp_path, units, "full_text", settings, reached=True)["state"] != "left_by_stop").all()


def test_an_earlier_stop_keeps_its_figures_when_a_later_sample_draws_from_what_it_left(tmp_path):
    """A living review stopped after 40 of its first sample (p = 0.0367); the next round's sample drew from the
    urn of the 10 records the first stop left and the 30 new ones. Its records decided there carried the first
    test's unbroken run on (41 and more, another p-value), so the first round's methods sentence changed after
    the fact; and the checks said "Alice left 7" under "random sample 40 of 50", and counted every round's records
    left by a stop beside a diagram that counts the latest round's."""
    units = make_unit_table([{"group_id": f"g{i:03d}", "title": f"t{i}",
                              "search_round": "2026-01" if i < 100 else "2026-06"} for i in range(130)])
    settings = ScreeningSettings(team=["Alice"])
    keys = units["group_id"].tolist()
    first = sample_order(keys[50:100], 3)
    with DecisionLog(tmp_path, "Alice", settings) as log:
        for i, k in enumerate(keys[:50]):
            log.record(k, "include" if i < 19 else "exclude")
        log.record_event("stopping_sample", seed=3, total=100, screened_before=50, relevant_before=19,
                         urn=sorted(keys[50:100]))
        for k in first[:40]:
            log.record(k, "exclude")
        urn = sorted(first[40:] + keys[100:])
        log.record_event("stopping_sample", seed=2, total=130, screened_before=90, relevant_before=19, urn=urn)
        second = sample_order(urn, 2)[:35]
        for k in second:
            log.record(k, "exclude")
    assert first[40] in second  # the first sample's 41st record was decided in the second sample
    reading = read_logs(tmp_path, settings)
    old, new = logged_stopping_tests(reading, units["group_id"], every=True)
    assert (old.sample_size, old.p_value) == (40, pytest.approx(90 / 2450)) and old.may_stop
    assert new.sample_size == 35 and new.may_stop
    [latest] = logged_stopping_tests(reading, units["group_id"])
    assert latest == new
    from synthesis.screening.stopping import left_after_stops, prisma_check_lines

    lines = prisma_check_lines(reading, units, settings)
    still = sum(k in first[40:] and k not in second for k in keys)  # 9 screened in the second sample, 1 left
    assert f"  Alice left 10 records unscreened after the stop; {10 - still} of them were screened since" in \
        "\n".join(lines)
    left = left_after_stops(reading, units, settings)
    assert len(left) == 5
    in_latest = sum(k >= "g100" for k in left)
    assert any("5 records not screened (in full) after the stopping tests" in x and
               f"(records removed before screening; {in_latest} of them in the latest search round, 2026-06, which "
               f"the diagram counts, the other {5 - in_latest} in earlier rounds);" in x for x in lines)
