"""The build: every output from data/ and evidence/, all or nothing, idempotent, and never over hand edits."""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from synthesis.build import BuildError, build, step_import
from synthesis.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_step_reconciles_with_the_exports(project):
    build(project, steps=[step_import], progress=False)
    report = pd.read_csv(project / "output" / "import_report.csv")
    records = pd.read_csv(project / "output" / "records.csv")
    # The example generator's own counts, read from the files' record markers.
    markers = {"scopus.ris": "TY  - ", "pubmed.nbib": "PMID- ", "web_of_science.txt": "PT J", "google_scholar.bib": "@article"}
    for name, marker in markers.items():
        text = (project / "data" / "searches" / "2026-11" / name).read_text(encoding="utf-8")
        row = report[report["file"].str.endswith(name)].iloc[0]
        assert row["found"] == text.count("\n" + marker) + text.startswith(marker)
        assert row["found"] == row["imported"] + row["rejected"]
    assert len(records) == report["imported"].sum()
    assert set(records["source_file"].str.split("/").str[0]) == {"data"}  # stored relative to the project
    assert set(records["search_round"]) == {"2026-11"}


def test_the_report_names_a_few_files_of_each_kind():
    """Notebook 05 printed some 3,200 characters of file names after an update round; a few of each kind and
    their number say what happened, and the result keeps every name."""
    from synthesis.build.run import BuildResult

    names = [f"output/maps/figure_{k}.png" for k in range(30)]
    result = BuildResult(output=Path("output"), changed=True, added=["output/new.csv"], modified=names)
    summary = result.report()
    assert "added (1): output/new.csv\n" in summary
    assert "changed (30): output/maps/figure_0.png" in summary and "figure_8.png" not in summary
    assert "... and 22 more (the result's .modified lists them)" in summary
    assert all(name in result.report(files=10 ** 9) for name in names)


def test_second_build_changes_nothing(project, capsys):
    first = build(project, steps=[step_import], progress=False)
    assert first.changed and "records.csv" in first.added
    before = _tree(project / "output")
    second = build(project, steps=[step_import], progress=False)
    assert not second.changed
    assert "no changes" in second.report()
    assert _tree(project / "output") == before
    forced = build(project, steps=[step_import], progress=False, force=True)
    assert forced.changed and not forced.modified and not forced.added and not forced.removed
    assert _tree(project / "output") == before


def test_a_hand_edited_output_stops_the_build(project):
    build(project, steps=[step_import], progress=False)
    target = project / "output" / "import_report.csv"
    target.write_text(target.read_text() + "edited,by,hand\n")
    snapshot = _tree(project / "output")
    (project / "evidence" / "new_note.txt").write_text("a change of input")
    with pytest.raises(BuildError, match=r"changed by hand.*edited: import_report\.csv"):
        build(project, steps=[step_import], progress=False)
    assert _tree(project / "output") == snapshot  # nothing written


def test_an_unreadable_export_stops_the_build_before_writing(project):
    build(project, steps=[step_import], progress=False)
    snapshot = _tree(project / "output")
    bad = project / "data" / "searches" / "2026-11" / "broken.ris"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    with pytest.raises(BuildError, match=r"nothing was built:\n.*broken\.ris.*binary"):
        build(project, steps=[step_import], progress=False)
    assert _tree(project / "output") == snapshot
    assert not list(project.glob(".output-*"))  # no staging folder left behind
    # notebook 01 imports without building: its message says what did not happen there
    import synthesis as syn

    with pytest.raises(BuildError, match=r"none was imported:\n.*broken\.ris") as caught:
        syn.import_exports(project)
    assert "built" not in str(caught.value)


def test_a_failing_step_leaves_no_half_output(project):
    def explode(ctx):
        (ctx.out / "half.csv").write_text("x")
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        build(project, steps=[step_import, explode], progress=False)
    assert not (project / "output").exists()
    assert not list(project.glob(".output-*"))


def test_a_foreign_output_folder_is_not_overwritten(project):
    (project / "output").mkdir()
    (project / "output" / "mine.txt").write_text("keep me")
    with pytest.raises(BuildError, match="not made by the build"):
        build(project, steps=[step_import], progress=False)
    assert (project / "output" / "mine.txt").read_text() == "keep me"


def test_cli_build_reports_and_exits_nonzero_on_bad_input(project, capsys):
    bad = project / "data" / "searches" / "2026-11" / "empty.ris"
    bad.write_text("")
    assert main(["build", str(project), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "build stopped" in err and "empty.ris" in err and "empty" in err


def test_the_build_says_each_deduplication_warning_once_as_a_note(tmp_path, capsys):
    """A deduplication warning is a note of the build's report, and not also a Python warning printed with a
    line of the build's source (the CLI showed each one twice)."""
    folder = tmp_path / "data" / "searches" / "2026-01"
    folder.mkdir(parents=True)
    record = "TY  - JOUR\nTI  - A trial of exercise for knee pain in older adults\nPY  - 2020\nER  - \n\n"
    (folder / "scopus.ris").write_text(record * 2, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["build", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert not [w for w in caught if "no authors" in str(w.message)]
    assert (out.out + out.err).count("records have no authors") == 1
    assert "note: deduplication: 2 records have no authors" in out.out + out.err


def test_manifest_lists_every_output(project):
    build(project, steps=[step_import], progress=False)
    manifest = json.loads((project / "output" / "manifest.json").read_text())
    listed = set(manifest["files"])
    on_disk = {k for k in _tree(project / "output") if k != "manifest.json"}
    assert listed == on_disk


# ------------------------------------------------------------------------------------------------------
# The whole build on the shipped example

EXPECTED_OUTPUTS = [
    "records.csv", "import_report.csv", "duplicate_groups.csv", "library.csv", "library.ris", "maybe_pairs.csv",
    "source_overlap.csv", "source_overlap_matrix.csv", "source_overlap.svg", "units.csv", "screening_status.csv",
    "screening_agreement.csv", "screening_conflicts.csv", "screening_queue.csv", "excluded_reports.csv",
    "excluded_reports.md", "included.ris", "prisma_counts.csv",
    "prisma_counts.json", "prisma_checks.txt", "prisma_flow.svg", "prisma_flow.png", "prisma_flow.pdf",
    "prisma_seed_figure1.svg", "maps/study_codes.csv", "maps/table2.md", "maps/table2.html", "maps/table2.csv",
    "maps/table2.docx", "maps/gap_map.svg", "maps/gap_map.html", "maps/construct_network.graphml",
    "CHANGELOG.md", "versions/v001/study_codes.csv",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("example")
    for name in ("data", "evidence"):
        shutil.copytree(ROOT / name, root / name)
    result = build(root, progress=False)
    return root, result


def test_the_example_builds_every_output(built):
    root, result = built
    missing = [name for name in EXPECTED_OUTPUTS if not (root / "output" / name).is_file()]
    assert not missing
    again = build(root, progress=False)
    assert not again.changed


def test_the_example_numbers_flow_from_the_evidence(built):
    root, _ = built
    out = root / "output"
    groups = pd.read_csv(out / "duplicate_groups.csv")
    records = pd.read_csv(out / "records.csv")
    assert len(groups) == len(records)  # nothing lost: one row per input record
    assert set(groups["status"]) <= {"unique", "kept", "duplicate", "maybe"}
    counts = json.loads((out / "prisma_counts.json").read_text())
    assert counts["database_results"] == len(records)
    assert counts["duplicates"] == int((groups["status"] == "duplicate").sum())
    assert counts["records_screened"] == groups["group_id"].nunique()
    # The decisions on disk, counted independently of the screening module.
    logs = [json.loads(line) for f in sorted((root / "evidence" / "screening").glob("*.jsonl"))
            for line in f.read_text().splitlines()]
    resolved = {e["key"]: e["decision"] for e in logs if e["stage"] == "title_abstract" and e["resolution"]}
    alice = {e["key"]: e["decision"] for e in logs if e["stage"] == "title_abstract" and e["reviewer"] == "alice"
             and not e["resolution"]}
    outcome = {k: resolved.get(k, v) for k, v in alice.items()}
    assert counts["records_excluded"] == sum(v == "exclude" for v in outcome.values())
    ft = {e["key"]: (e["decision"], e["reason"]) for e in logs if e["stage"] == "full_text" and e["reviewer"] == "alice"}
    assert counts["new_studies"] == sum(d == "include" for d, _ in ft.values())
    assert counts["dbr_notretrieved_reports"] == sum(r == "not retrieved" for _, r in ft.values())
    assert counts["previous_studies"] == 49  # the seed review's included studies
    agreement = pd.read_csv(out / "screening_agreement.csv")
    ta = agreement[(agreement["stage"] == "title_abstract") & (agreement["subset"] == "all")].iloc[0]
    disagreements = sum(1 for e in logs if e["reviewer"] == "alice" and e["resolution"])
    assert ta["n"] - ta["agreed"] == disagreements


def test_the_excluded_reports_are_listed_with_the_reasons_the_diagram_counts(built):
    """PRISMA 2020 item 16b: every report excluded at full text, cited, with its reason; the reasons add up to
    the diagram's box, the report not retrieved is listed last and said so."""
    root, _ = built
    out = root / "output"
    counts = json.loads((out / "prisma_counts.json").read_text())
    table = pd.read_csv(out / "excluded_reports.csv", dtype=str, keep_default_na=False)
    excluded = table[table["reason"] != "not retrieved"]
    assert sorted(excluded["reason"].value_counts().items()) == sorted(map(tuple, counts["dbr_excluded_reasons"]))
    assert len(table) - len(excluded) == counts["dbr_notretrieved_reports"] == 1
    assert table["reason"].iloc[-1] == "not retrieved"
    library = pd.read_csv(out / "library.csv", dtype=str, keep_default_na=False).set_index("group_id")
    first = table.iloc[0]
    assert first["title"] == library.loc[first["group_id"], "title"]
    assert first["study"].endswith(first["year"]) and first["study"].split()[0] in library.loc[first["group_id"], "authors"]
    text = (out / "excluded_reports.md").read_text(encoding="utf-8")
    assert text.startswith(f"**Reports excluded at full text, with reasons** ({len(table)} reports: "
                           f"{counts['dbr_excluded']} assessed and excluded; 1 not retrieved)")
    assert text.count("\n| ") == len(table) + 1 and "Report could not be retrieved" in text


def test_the_included_reports_are_written_for_a_reference_manager(built):
    """output/included.ris: the reports included at full text, read back by rispy as the library has them."""
    import rispy

    root, _ = built
    out = root / "output"
    status = pd.read_csv(out / "screening_status.csv", dtype=str, keep_default_na=False)
    included = status.loc[(status["stage"] == "full_text") & (status["decision"] == "include"), "group_id"]
    library = pd.read_csv(out / "library.csv", dtype=str, keep_default_na=False).set_index("group_id")
    entries = rispy.loads((out / "included.ris").read_text(encoding="utf-8"))
    assert len(entries) == len(included) == json.loads((out / "prisma_counts.json").read_text())["new_studies"]
    assert sorted(e["title"] for e in entries) == sorted(library.loc[included, "title"])


def test_screening_status_says_which_records_never_reached_full_text(built):
    """screening_status.csv had a full-text row for every group, "undecided" for the hundreds excluded at
    title/abstract (w17: 473 undecided where 24 reached full text; w18 likewise): a record that did not pass
    title/abstract is "not reached" there; undecided at full text is a report that waits for its decision."""
    root, _ = built
    status = pd.read_csv(root / "output" / "screening_status.csv", dtype=str, keep_default_na=False)
    ta, ft = (status[status["stage"] == s].set_index("group_id") for s in ("title_abstract", "full_text"))
    passed = set(ta.index[ta["decision"].isin(["include", "maybe"])])
    assert set(ft.index) == set(ta.index) and len(passed) < len(ta)
    assert set(ft.index[ft["state"] == "not reached"]) == set(ta.index) - passed - set(ft.index[ft["decision"] != ""])
    assert not set(ft.index[ft["state"] == "undecided"]) - passed  # nothing waits there that never passed
    counts = json.loads((root / "output" / "prisma_counts.json").read_text())
    assert (ft["decision"] == "include").sum() == counts["new_studies"]


def _round(project: Path, name: str, text: str) -> None:
    folder = project / "data" / "searches" / name
    folder.mkdir(parents=True)
    (folder / "scopus.ris").write_text(text, encoding="utf-8")


NEW_PAPER = """TY  - JOUR
TI  - Co-design of a digital front door for community mental health services with refugees in Glasgow
AU  - Haddad, Nadia
PY  - 2027
T2  - Health Expectations
DO  - 10.5555/synth.2027.0001
ER  - 
"""


def test_an_update_round_is_deduplicated_against_earlier_rounds(project):
    first = build(project, progress=False)
    assert first.changed
    groups_before = pd.read_csv(project / "output" / "duplicate_groups.csv")
    old = (project / "data" / "searches" / "2026-11" / "scopus.ris").read_text(encoding="utf-8")
    again = old.split("ER  - ")[1:4]  # three records already screened, re-found by the new search
    _round(project, "2027-05", "ER  - ".join(again) + "ER  - \n" + NEW_PAPER)
    second = build(project, progress=False)
    assert "versions/v002/study_codes.csv" in second.added
    groups = pd.read_csv(project / "output" / "duplicate_groups.csv")
    # Earlier groups keep their ids; the re-found records join them as duplicates.
    merged = groups_before.merge(groups, on="record_id", suffixes=("_before", "_after"))
    assert (merged["group_id_before"] == merged["group_id_after"]).all()
    new = groups[groups["search_round"] == "2027-05"]
    assert (new["status"] == "duplicate").sum() == 3
    # Only the new paper waits for screening; earlier decisions still stand.
    queue = pd.read_csv(project / "output" / "screening_queue.csv")
    assert queue["title"].tolist() == ["Co-design of a digital front door for community mental health services "
                                       "with refugees in Glasgow"]
    counts = json.loads((project / "output" / "prisma_counts.json").read_text())
    assert counts["database_results"] == 4 and counts["duplicates"] == 3
    assert counts["previous_studies"] == 49 + 7  # the seed's studies and the first round's
    changelog = (project / "output" / "CHANGELOG.md").read_text()
    assert "## v002: search round 2027-05" in changelog and "- new search round 2027-05 (after 2026-11)" in changelog \
        and "- PRISMA duplicate records (`duplicates`): 3\n" in changelog


def test_an_earlier_rounds_two_reports_of_one_study_are_one_previous_study(project):
    """An update's diagram counted each earlier round's included report as a previous study: a preprint and its
    article, logged as reports of one study (``study:`` label), were two studies in "Studies included in previous
    version of review" and in the total. The previous studies now count studies, the previous reports reports."""
    from synthesis.screening.log import DecisionLog
    from synthesis.screening.settings import load_screening_settings

    build(project, progress=False)
    status = pd.read_csv(project / "output" / "screening_status.csv")
    included = status[(status["stage"] == "full_text") & (status["decision"] == "include")]["group_id"].tolist()
    assert len(included) == 7
    with DecisionLog(project / "evidence" / "screening", "alice", load_screening_settings(project / "evidence")) as log:
        for key in included[:2]:  # a preprint and its article: one study, two reports
            log.record(key, "include", "full_text", labels=["study:trial-A"], resolution=True)
    _round(project, "2027-05", NEW_PAPER)
    build(project, progress=False)
    counts = json.loads((project / "output" / "prisma_counts.json").read_text())
    assert counts["previous_studies"] == 49 + 6  # the seed's studies, and the first round's 7 reports of 6 studies
    assert counts["total_studies"] == 49 + 6 + counts["new_studies"]


def test_rounds_named_by_number_come_in_the_numbers_order(project):
    """Round folders "round2" and "round10" were taken in the order of their names' characters, so "round2" was the
    latest round: the diagram counted the first search as the update and the update as previous. Numbers now count
    by value, and the build says that the order rests on the folders' names."""
    searches = project / "data" / "searches"
    (searches / "2026-11").rename(searches / "round2")
    _round(project, "round10", NEW_PAPER)
    result = build(project, progress=False)
    counts = json.loads((project / "output" / "prisma_counts.json").read_text())
    assert counts["database_results"] == 1 and counts["previous_studies"] == 49 + 7
    assert any("taken in this order, by their folder names: round2, round10" in n for n in result.notes)


def test_dated_rounds_need_no_word_on_their_order(project):
    _round(project, "2027-05", NEW_PAPER)
    result = build(project, progress=False)
    assert not any("by their folder names" in n for n in result.notes)


def test_a_decision_for_a_removed_round_stops_the_build(project):
    build(project, progress=False)
    snapshot = _tree(project / "output")
    log = project / "evidence" / "screening" / "alice.jsonl"
    entry = {"key": "g0000000000000000", "stage": "title_abstract", "decision": "include", "reason": "",
             "note": "", "labels": [], "reviewer": "alice", "timestamp": "2026-11-21T09:00:00.000+00:00",
             "resolution": False}
    log.write_text(log.read_text() + json.dumps(entry) + "\n")
    with pytest.raises(BuildError, match=r"alice\.jsonl, line \d+: g0000000000000000"):
        build(project, progress=False)
    assert _tree(project / "output") == snapshot


def test_a_code_outside_the_scheme_stops_the_build(project):
    build(project, progress=False)
    snapshot = _tree(project / "output")
    codes = project / "evidence" / "study_codes.csv"
    codes.write_text(codes.read_text() + "37,framework,setup.nonsense.patients\n")
    with pytest.raises(BuildError, match=r"setup\.nonsense\.patients"):
        build(project, progress=False)
    assert _tree(project / "output") == snapshot


def test_an_unguarded_script_on_a_spawning_platform_still_imports_every_export(project, shared_data, tmp_path,
                                                                             unguarded_build):
    import subprocess
    import sys

    big = shared_data / "imports" / "ris" / "ASySD__zotero_export.ris"
    for k in range(3):  # over the size at which the exports are read in worker processes
        shutil.copy(big, project / "data" / "searches" / "2026-11" / f"zotero_{k}.ris")
    run = subprocess.run([sys.executable, str(unguarded_build), str(project)], capture_output=True, text=True,
                         timeout=600, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1] == "built"
    report = pd.read_csv(project / "output" / "import_report.csv")
    assert len(report) == 7 and (report["found"] == report["imported"] + report["rejected"]).all()
    assert len(pd.read_csv(project / "output" / "records.csv")) == report["imported"].sum()


def test_a_duplicate_verdict_joining_two_screened_groups_keeps_their_decisions(project):
    """Notebook 01 asks whether the early-access record and the article are one paper; both had been screened by
    alice and bob in the example. Saying "duplicate" stopped the next build ("screening decisions name records
    that are in no export"): the absorbed group's id was gone. Its decisions now count for the joined group."""
    build(project, progress=False)
    verdicts = project / "evidence" / "duplicate_verdicts.tsv"
    text = verdicts.read_text(encoding="utf-8")
    verdicts.write_text(text + ("" if text.endswith("\n") else "\n") + "2026-12-04T16:42:10Z\tr5d94f03b97aed5ba\t"
                        "rcbf77c254f2245e4\tduplicate\talice\tthe early-access record of the article\n", encoding="utf-8")
    result = build(project, progress=False)
    groups = pd.read_csv(project / "output" / "duplicate_groups.csv", dtype=str)
    joined = groups.loc[groups["record_id"].isin(["r5d94f03b97aed5ba", "rcbf77c254f2245e4"]), "group_id"]
    assert joined.nunique() == 1
    status = pd.read_csv(project / "output" / "screening_status.csv", dtype=str)
    row = status[(status["group_id"] == joined.iloc[0]) & (status["stage"] == "title_abstract")]
    assert len(row) == 1 and row["state"].iloc[0] != "undecided"
    assert any("1 screened group is now named by another of their records (a 'duplicate' verdict joined them" in n
               for n in result.notes), result.notes
    # notebook 02's widget reads the decisions as the build does: the joined group shows them, and no
    # decision is reported as "not in the unit table" (it said so, and showed the group as undecided)
    import warnings

    from synthesis.screening import ScreeningWidget, read_unit_table

    units = read_unit_table(project / "output" / "units.csv")
    absorbed = {"g" + r[1:] for r in ("r5d94f03b97aed5ba", "rcbf77c254f2245e4")} - {joined.iloc[0]}
    for reviewer in ("alice", "bob"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            widget = ScreeningWidget(units, reviewer, folder=project / "evidence" / "screening", background=False)
        try:
            assert not [w for w in caught if "not in the unit table" in str(w.message)], reviewer
            assert widget.decision_log.current(joined.iloc[0]) is not None, reviewer
            assert not any(k in absorbed for k in widget._mine), reviewer
        finally:
            widget.close()


def test_a_study_coded_from_the_library_is_cited_by_author_and_year(project):
    """Table 2 and the construct network cite a study coded from the library as its first author and year:
    its ID is the duplicate group's id, which no reader can look up."""
    import synthesis as syn

    build(project, progress=False)
    queue = pd.read_csv(project / "output" / "coding_queue.csv", dtype=str, keep_default_na=False)
    study = queue[queue["state"] == "to code"].iloc[0]
    family = study["authors"].split(";")[0].split(",")[0].strip()
    syn.code_study(project, "Alice", study["study_id"],
                   ["setup.recruitment.patients", "discovery.assumptions.mistrust"],
                   {"country": "United Kingdom", "evidence_type": "Qualitative", "nature_of_evidence": "Primary study"})
    build(project, progress=False)
    table = (project / "output" / "maps" / "table2.md").read_text(encoding="utf-8")
    assert study["study_id"] not in table
    cited = [line for line in table.splitlines() if f"{family}" in line and study["year"] in line]
    assert len(cited) == 2  # the two rows it is coded under
    coding = syn.read_project_coding(project).coding
    label = coding.study_labels()[study["study_id"]]
    assert label.startswith(family) and label.endswith(study["year"])
    edge = syn.construct_network(coding).edges["setup.recruitment", "discovery.assumptions"]
    assert edge["studies"] == study["study_id"] and edge["cited"] == label
    # the study codes keep the ID: it is the key that joins them to the library
    codes = pd.read_csv(project / "output" / "maps" / "study_codes.csv", dtype=str)
    assert (codes["study_id"] == study["study_id"]).sum() == 2
