"""What the latest search round brought (synthesis.rounds.latest_round), from a build's output files."""
from __future__ import annotations

import pandas as pd
import pytest

import synthesis as syn


def _project(tmp_path):
    """Two rounds, as a build leaves them: round 2026-06 re-finds an included paper (gA) and an excluded one (gB),
    brings a new paper twice (gC: IEEE Xplore and PubMed) and one more (gD) that nobody screened yet."""
    for name in ("2026-01", "2026-06"):
        (tmp_path / "data" / "searches" / name).mkdir(parents=True)
        (tmp_path / "data" / "searches" / name / "x.ris").write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    out = tmp_path / "output"
    out.mkdir()
    rows = [("2026-01", "scopus.ris", "Scopus", "r1", "gA"), ("2026-01", "scopus.ris", "Scopus", "r2", "gB"),
            ("2026-06", "ieee.ris", "IEEE Xplore", "r3", "gA"), ("2026-06", "ieee.ris", "IEEE Xplore", "r4", "gB"),
            ("2026-06", "ieee.ris", "IEEE Xplore", "r5", "gC"), ("2026-06", "pubmed.nbib", "PubMed", "r6", "gC"),
            ("2026-06", "ieee.ris", "IEEE Xplore", "r7", "gD")]
    pd.DataFrame([{"source_file": f"data/searches/{r}/{f}", "source_database": db, "record_id": rid,
                   "group_id": g, "status": "", "search_round": r} for r, f, db, rid, g in rows]).to_csv(
        out / "duplicate_groups.csv", index=False)
    pd.DataFrame({"record_id": [r[3] for r in rows], "title": [f"Paper {r[4]}" for r in rows]}).to_csv(
        out / "records.csv", index=False)
    pd.DataFrame([("gA", "title_abstract", "agreed", "include"), ("gA", "full_text", "agreed", "include"),
                  ("gB", "title_abstract", "resolved", "exclude"), ("gC", "title_abstract", "agreed", "exclude"),
                  ("gD", "title_abstract", "undecided", "")],
                 columns=["group_id", "stage", "state", "decision"]).to_csv(out / "screening_status.csv", index=False)
    return tmp_path


def test_the_latest_round_says_what_was_found_before_and_what_is_new(tmp_path):
    """A reviewer who added a second round found no view of it on their own review: notebook 5 only
    demonstrated an update on the shipped example. The round's records, each with the round it was first found in
    and the decision its group already has, and a summary for the write-up."""
    report = syn.latest_round(_project(tmp_path))
    assert report.name == "2026-06" and report.earlier == ["2026-01"]
    t = report.table.set_index("source_file", append=True)
    by_group = report.table.groupby("group_id")
    assert by_group["in_round"].apply(list).to_dict() == {
        "gA": ["found before"], "gB": ["found before"], "gC": ["new", "duplicate within the round"], "gD": ["new"]}
    found = report.table[report.table["in_round"] == "found before"].set_index("group_id")
    assert found["found_before"].tolist() == ["2026-01", "2026-01"]
    assert found["earlier_decision"].to_dict() == {"gA": "include at full text", "gB": "exclude at title/abstract"}
    new = report.table[report.table["in_round"] == "new"].set_index("group_id")["screening"].to_dict()
    assert new == {"gC": "decided", "gD": "waiting"}
    assert len(t) == 5
    assert report.summary().splitlines() == [
        "Search round 2026-06 (after 2026-01): 5 records from 2 exports (IEEE Xplore 4; PubMed 1).",
        "2 had been found in an earlier round (2 papers): they are not screened again and their decisions stand "
        "(1 exclude at title/abstract; 1 include at full text).",
        "2 are new to the review (besides 1 duplicate within the round): 1 decided at title/abstract, 1 waiting.",
        "Their outcomes so far: 1 exclude at title/abstract; 1 not decided yet."]


def test_the_new_papers_outcomes_are_given_for_the_update_paragraph(tmp_path):
    """w7's second round brought 12 new papers, screened to 3 included at full text; the round's sentences said
    "12 decided at title/abstract, 0 waiting" and nothing of what the update found, the number its methods and
    results report. Each new paper's outcome so far is in the table (``decision``) and counted in the summary."""
    project = _project(tmp_path)
    status = pd.read_csv(project / "output" / "screening_status.csv", dtype=str, keep_default_na=False)
    status.loc[status["group_id"] == "gD", ["state", "decision"]] = ["agreed", "include"]
    status.loc[len(status)] = ["gD", "full_text", "agreed", "include"]
    status.to_csv(project / "output" / "screening_status.csv", index=False)
    report = syn.latest_round(project)
    new = report.table[report.table["in_round"] == "new"].set_index("group_id")["decision"].to_dict()
    assert new == {"gC": "exclude at title/abstract", "gD": "include at full text"}
    assert report.table.loc[report.table["in_round"] != "new", "decision"].eq("").all()
    assert report.summary().splitlines()[-1] == (
        "Their outcomes so far: 1 exclude at title/abstract; 1 include at full text.")


def test_a_new_paper_that_may_be_one_found_before_is_named(tmp_path):
    """An update round on a fresh project: a Web of Science early-access copy of a paper of the first round
    (a typo in its title, the year it went online, no DOI) was left as a maybe pair. The round's summary counted
    it among the new papers, waiting for screening, with no word of the pair: the sentences for the update's
    methods would report one new record too many unless the person decides the pair first."""
    project = _project(tmp_path)
    groups = pd.read_csv(project / "output" / "duplicate_groups.csv", dtype=str, keep_default_na=False)
    groups["maybe_with"] = groups["group_id"].map({"gD": "gB; gC", "gB": "gD", "gC": "gD"}).fillna("")
    groups.loc[groups["group_id"] == "gD", "status"] = "maybe"
    groups.to_csv(project / "output" / "duplicate_groups.csv", index=False)
    report = syn.latest_round(project)
    by_group = report.table.drop_duplicates("group_id").set_index("group_id")["maybe_found_before"].to_dict()
    assert by_group == {"gA": "", "gB": "", "gC": "", "gD": "2026-01"}  # gC: only a paper new in this round
    assert report.summary().splitlines()[-1] == (
        "Of these, 1 may be a paper found before: its maybe pair waits for a person (notebook 1, "
        "output/maybe_pairs.csv); until decided, it counts as new.")


def test_a_project_not_built_since_its_new_round_says_to_build(tmp_path):
    project = _project(tmp_path)
    (project / "data" / "searches" / "2026-12").mkdir()
    (project / "data" / "searches" / "2026-12" / "x.ris").write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    with pytest.raises(syn.ProjectError, match="no record of round 2026-12.*run make build"):
        syn.latest_round(project)
    (project / "output" / "records.csv").unlink()
    with pytest.raises(syn.ProjectError, match="no records.csv; run make build first"):
        syn.latest_round(project)


def test_an_export_beside_the_round_folders_is_named_not_left_out(tmp_path, capsys):
    """A reviewer copied a new search's export into data/searches/ itself, beside the dated round folders: the
    build read it nowhere, said nothing, and its 31 records were missing from every count. It now stops, naming
    the file and where it goes; what Windows or an editor leaves there is still no export."""
    from synthesis.cli import main

    rounds = tmp_path / "data" / "searches"
    (rounds / "2023-05").mkdir(parents=True)
    record = "TY  - JOUR\nTI  - Truck and drone routing\nPY  - 2023\nER  - \n"
    (rounds / "2023-05" / "scopus.ris").write_text(record, encoding="utf-8")
    (rounds / "desktop.ini").write_bytes(b"[.ShellClassInfo]\r\n")
    (rounds / "notes.md").write_text("what we searched\n", encoding="utf-8")
    assert [r.name for r in syn.open_project(tmp_path).rounds()] == ["2023-05"]
    (rounds / "wos.bib").write_text("@article{k1, title = {Truck and drone routing}, year = {2023}}\n", encoding="utf-8")
    with pytest.raises(syn.ProjectError, match=r"data/searches/wos\.bib: an export outside any search round; move it "
                                               r"into the round's dated folder"):
        syn.open_project(tmp_path).rounds()
    assert main(["build", str(tmp_path)]) != 0
    assert "data/searches/wos.bib: an export outside any search round" in capsys.readouterr().err
    assert not (tmp_path / "output").exists()


def test_a_report_not_retrieved_is_not_called_excluded(tmp_path):
    """A second round's new papers: one included, one whose report could not be retrieved. The sentences for the
    update's methods said "2 exclude at full text" where the PRISMA diagram, beside them, says 1 report not
    retrieved and 1 excluded; not retrieved is now said as such."""
    project = _project(tmp_path)
    status = pd.read_csv(project / "output" / "screening_status.csv", dtype=str, keep_default_na=False)
    status["reason"] = ""
    status.loc[status["group_id"].isin(["gC", "gD"]), ["state", "decision"]] = ["agreed", "include"]
    status.loc[len(status)] = ["gC", "full_text", "agreed", "exclude", "Not retrieved"]
    status.loc[len(status)] = ["gD", "full_text", "agreed", "exclude", "wrong population"]
    status.to_csv(project / "output" / "screening_status.csv", index=False)
    report = syn.latest_round(project)
    new = report.table[report.table["in_round"] == "new"].set_index("group_id")["decision"].to_dict()
    assert new == {"gC": "not retrieved", "gD": "exclude at full text"}
    assert report.summary().splitlines()[-1] == "Their outcomes so far: 1 exclude at full text; 1 not retrieved."


def test_a_new_record_a_stopping_test_left_is_not_said_to_wait(tmp_path):
    """w17's walk: after the second round's stop the round's sentences said "215 decided at title/abstract, 28
    waiting" and "7 not decided yet" of the papers found before, while the diagram counted the 28 as not screened
    after the stopping test (automation tools) and screening_status.csv marked them left_by_stop."""
    project = _project(tmp_path)
    status = pd.read_csv(project / "output" / "screening_status.csv", dtype=str, keep_default_na=False)
    status["left_by_stop"] = (status["group_id"] == "gD") & (status["stage"] == "title_abstract")
    status.to_csv(project / "output" / "screening_status.csv", index=False)
    report = syn.latest_round(project)
    new = report.table[report.table["in_round"] == "new"].set_index("group_id")
    assert new["screening"].to_dict() == {"gC": "decided", "gD": "not screened after the stopping test"}
    assert new.loc["gD", "decision"] == "not screened after the stopping test"
    assert report.summary().splitlines()[2:] == [
        "2 are new to the review (besides 1 duplicate within the round): 1 decided at title/abstract, 0 waiting, "
        "1 not screened after the stopping test (PRISMA: marked ineligible by automation tools).",
        "Their outcomes so far: 1 exclude at title/abstract; 1 not screened after the stopping test."]


def _blind_team(project):
    """The project of :func:`_project` screened blind by ann and ben: ann has decided every paper at both stages,
    ben all but gD at title/abstract (as the hand-made screening_status.csv says: gD undecided)."""
    (project / "evidence" / "screening").mkdir(parents=True)
    (project / "evidence" / "review.toml").write_text(
        '[screening]\nteam = ["ann", "ben"]\nreviewers_per_record = 2\nblind = true\n', encoding="utf-8")
    units = syn.make_screening_table([{"group_id": g, "title": f"Paper {g}"} for g in ("gA", "gB", "gC", "gD")])
    syn.write_screening_table(units, project / "output" / "units.csv")
    for who in ("ann", "ben"):
        with syn.DecisionLog(project / "evidence" / "screening", who) as log:
            for key, decision in {"gA": "include", "gB": "exclude", "gC": "exclude", "gD": "exclude"}.items():
                if who == "ann" or key != "gD":
                    log.record(key, decision)
            log.record("gA", "include", stage="full_text")


def test_a_blind_reviewer_is_not_shown_the_rounds_decisions_before_the_team_has_screened(tmp_path):
    """w28: notebook 5 opened by ben, screening blind, halfway: the round's sentences said "1 decided at
    title/abstract, 1 waiting" and "Their outcomes so far: 1 exclude at title/abstract", and the table gave each
    record's decision: how ann had decided the records he had. Until the team has screened every record the
    decisions and the progress are hidden, with syn.hidden_while_blind's sentence; team=True (the lead who does not
    screen) and a finished team see them as before."""
    project = _project(tmp_path)
    shown = syn.latest_round(project)  # (not blind: no review.toml)
    _blind_team(project)
    report = syn.latest_round(project)
    assert "decided at title/abstract" not in report.summary() and "outcomes" not in report.summary()
    from synthesis.rounds import HIDDEN

    assert report.hidden.startswith("Screening is blind: you see your own decisions only until every record at "
                                    "title/abstract")
    assert report.summary().splitlines() == [
        "Search round 2026-06 (after 2026-01): 5 records from 2 exports (IEEE Xplore 4; PubMed 1).",
        "2 had been found in an earlier round (2 papers): they are not screened again and their decisions stand.",
        "2 are new to the review (besides 1 duplicate within the round).", report.hidden]
    rows = report.table.set_index(["group_id", "in_round"])
    for column in ("earlier_decision", "screening", "decision"):
        values = set(rows[column]) - {""}
        assert values == {HIDDEN}, (column, values)
    # every new record's cells, not only the decided ones' (an empty one would tell which wait)
    assert (rows.xs("new", level="in_round")[["screening", "decision"]] == HIDDEN).all().all()
    # what is not made of decisions is as it was
    kept = ["source_file", "title", "group_id", "found_before", "in_round", "maybe_found_before"]
    pd.testing.assert_frame_equal(report.table[kept], shown.table[kept])
    assert syn.latest_round(project, team=True).summary() == shown.summary()
    with syn.DecisionLog(project / "evidence" / "screening", "ben") as log:
        log.record("gD", "exclude")
    finished = syn.latest_round(project)
    assert finished.hidden == "" and finished.summary() == shown.summary()
    pd.testing.assert_frame_equal(finished.table, shown.table)


def test_a_new_paper_that_may_be_one_found_before_is_named_while_screening_is_blind(tmp_path):
    """Walking notebook 5 on the example (blind screening, w50): a new round with a near-copy of a first-round paper
    said "4 are new to the review." and no word of its maybe pair, which waits for a person in notebook 1, not for
    the team's screening; the sentence is no number made of anyone's decisions, and it is said blind too."""
    project = _project(tmp_path)
    groups = pd.read_csv(project / "output" / "duplicate_groups.csv", dtype=str, keep_default_na=False)
    groups["maybe_with"] = groups["group_id"].map({"gD": "gB", "gB": "gD"}).fillna("")
    groups.to_csv(project / "output" / "duplicate_groups.csv", index=False)
    _blind_team(project)
    report = syn.latest_round(project)
    assert report.hidden
    lines = report.summary().splitlines()
    assert lines[2:] == [
        "2 are new to the review (besides 1 duplicate within the round).",
        "Of these, 1 may be a paper found before: its maybe pair waits for a person (notebook 1, "
        "output/maybe_pairs.csv); until decided, it counts as new.", report.hidden]
