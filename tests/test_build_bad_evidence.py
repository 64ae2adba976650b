"""Bad evidence and bad settings, as a team makes them by hand, by a crash or by a merge: the build and the
notebook calls stop (or note) with one sentence naming the file (and line) and what to do, never a traceback
or a silent skip. Each test damages one thing of a copy of the shipped example project."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from synthesis.build import BuildError, build
from synthesis.cli import main

ROOT = Path(__file__).resolve().parents[1]
# fifteen people's verdicts "not duplicate" on the example's records (the shipped example has none to damage)
VERDICTS = ROOT / "tests" / "data" / "example_new_ids" / "duplicate_verdicts.tsv"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _cli_build(project: Path, capsys) -> str:
    """What a person sees from ``synthesis build``: the exit code must be 1 and the message one line."""
    assert main(["build", "--quiet", str(project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected error" not in err
    return err


def test_a_misspelt_gap_map_dimension_names_the_setting(project, capsys):
    # it stopped on an "unexpected error (ValueError: columns: no dimension 'stakeholders'...)" from the drawing
    _replace(project / "evidence" / "review.toml", 'gap_map_columns = "stakeholder"', 'gap_map_columns = "stakeholders"')
    err = _cli_build(project, capsys)
    assert "review.toml [review]: gap_map_columns = 'stakeholders' is not a dimension" in err
    assert "stakeholder," in err  # the dimensions to choose from


# ------------------------------------------------------------------------------------------ the people's logs


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_a_screening_log_saved_as_utf16_is_named_once_as_utf16(project):
    # every one of its 88 lines was reported as "not a decision entry (edited by hand?): '\x00{\x00\"...'"
    log = project / "evidence" / "screening" / "alice.jsonl"
    log.write_text(log.read_text(encoding="utf-8"), encoding="utf-16")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    message = str(caught.value)
    assert "alice.jsonl, line 1: the file is UTF-16 text, not UTF-8" in message and "save it as UTF-8" in message
    assert "line 2" not in message and "\\x00" not in message


def test_a_byte_order_mark_before_a_screening_log_costs_no_decision(project):
    # an editor's BOM made line 1 "not a decision entry" (its text showed '\ufeff{"key": ...'), and stopped the build
    log = project / "evidence" / "screening" / "alice.jsonl"
    log.write_text("\ufeff" + log.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project, progress=False)
    assert not [n for n in result.notes if "alice.jsonl" in n]


def test_merge_conflict_markers_in_a_screening_log_are_named_as_such(project):
    log = project / "evidence" / "screening" / "bob.jsonl"
    lines = _lines(log)
    other = lines[20].replace('"exclude"', '"include"')
    log.write_text("".join(lines[:20] + ["<<<<<<< HEAD\n", lines[20], "=======\n", other, ">>>>>>> bob-laptop\n"]
                           + lines[21:]), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    message = str(caught.value)
    assert "bob.jsonl, line 21: a git merge-conflict marker '<<<<<<< HEAD'" in message
    assert "bob.jsonl, line 25: a git merge-conflict marker '>>>>>>> bob-laptop'" in message
    assert "edited by hand" not in message


def test_zeros_a_crash_left_at_the_end_of_a_log_are_a_torn_line(project):
    # a file system that loses the data of a crash's last write leaves NUL bytes: that is a tear, not a hand edit
    log = project / "evidence" / "screening" / "alice.jsonl"
    log.write_bytes(log.read_bytes() + b"\0" * 300 + b"\n")
    result = build(project, progress=False)
    assert any("alice.jsonl, line 89: incomplete entry (a write interrupted by a crash?)" in n for n in result.notes)


def test_merge_conflict_markers_in_a_coding_log_are_named_as_such(project):
    import synthesis as syn

    syn.code_study(project, "Alice", "37", ["setup.recruitment.patients"], {})
    log = project / "evidence" / "coding" / "alice.jsonl"
    log.write_text("<<<<<<< HEAD\n" + log.read_text(encoding="utf-8") + "=======\n>>>>>>> theirs\n", encoding="utf-8")
    from synthesis.coding.log import CodingWarning

    with pytest.warns(CodingWarning):  # what a notebook shows
        notes = syn.read_project_coding(project).notes
    assert any("alice.jsonl, line 1: a git merge-conflict marker '<<<<<<< HEAD'" in n for n in notes)


def test_a_folder_named_like_a_log_is_not_read_as_one(project):
    # the build said "evidence: the id map cannot be written (Is a directory)", the notebook raised IsADirectoryError
    import synthesis as syn

    (project / "evidence" / "screening" / "carol.jsonl").mkdir()
    (project / "evidence" / "coding" / "dave.jsonl").mkdir(parents=True)
    build(project, progress=False)
    assert syn.read_decision_logs(project / "evidence" / "screening").files[-1].endswith("bob.jsonl")


def test_a_log_renamed_with_a_capital_is_still_its_reviewers(project):
    # Alice.jsonl was "a log of a reviewer who is not in the team list" at "line 0", and each of its 88 decisions
    # "a decision by 'alice' in the log of another reviewer ('Alice')"
    log = project / "evidence" / "screening" / "alice.jsonl"
    log.rename(log.with_name("Alice.jsonl"))
    result = build(project, progress=False)
    assert not [n for n in result.notes if "Alice.jsonl" in n]


def test_a_studies_table_saved_as_utf16_is_named(project, capsys):
    # the build said "a file is not UTF-8 text (...); run with --debug to see which step read it"
    studies = project / "evidence" / "studies.csv"
    studies.write_text(studies.read_text(encoding="utf-8"), encoding="utf-16")
    err = _cli_build(project, capsys)
    assert "evidence/studies.csv, line 1: not UTF-8 text" in err


# ------------------------------------------------------------------------------------------ the coding form


@pytest.mark.parametrize("old, new, said", [
    # dual = "yes" made coding dual (any text is true): two studies then waited "for a second coder"
    ("dual = false", 'dual = "yes"', "coding_form.toml [coding]: dual must be true or false, like dual = true, not 'yes'"),
    # a text for choices was read letter by letter
    ('choices = ["Primary study", "Review", "Guidance or framework", "Case report", "Commentary"]',
     'choices = "Primary study, Review"', "field 'nature_of_evidence': choices must be a list of texts in quotes"),
    ("min = 0", 'min = "0"', "field 'participants': min must be a number, like min = 0, not '0'"),
    ("[coding]\n", "[coding]\ndaul = true\n", "[coding] holds one setting, dual = true or false; found daul, dual"),
])
def test_a_setting_of_the_coding_form_of_the_wrong_kind_is_refused(project, old, new, said):
    _replace(project / "evidence" / "coding_form.toml", old, new)
    with pytest.raises(BuildError, match="coding_form.toml") as caught:
        build(project, progress=False)
    assert said in str(caught.value)


# ------------------------------------------------------------------------------------------ the coding


def _coded(project: Path) -> Path:
    """The example with one study coded in a coder's log, as the coding widget writes it."""
    import synthesis as syn

    syn.code_study(project, "Alice", "37", ["setup.recruitment.patients"],
                   {"country": "United Kingdom", "evidence_type": "Qualitative"})
    return project / "evidence" / "coding" / "alice.jsonl"


@pytest.mark.parametrize("old, new, said", [
    ('"evidence_type": "Qualitative"', '"evidence_type": "Qualitativ"',
     "field 'evidence_type': 'Qualitativ' is not one of: Qualitative,"),
    ('"country":', '"contry":', "'contry' is not a field of the coding form"),
    ('"evidence_type": "Qualitative"', '"evidence_type": "Qualitative", "year": "twenty"',
     "field 'year': 'twenty' is not a four-digit year"),
])
def test_a_logged_answer_that_does_not_fit_the_form_is_named(project, old, new, said):
    # a hand edit of a coder's log put values on the map that the form refuses: the build said nothing
    log = _coded(project)
    _replace(log, old, new)
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    assert "evidence/coding/alice.jsonl line 1: study 37: " + said in str(caught.value)


def test_a_problem_in_study_codes_names_that_file_alone(project):
    # "evidence/study_codes.csv and evidence/coding/*.jsonl line 2: ..." left the reader to guess which file
    _coded(project)
    _replace(project / "evidence" / "study_codes.csv", "38,framework,setup.recruitment.patients",
             "38,framework,setup.recruitment.patient")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    message = str(caught.value)
    assert "evidence/study_codes.csv line 3: study 38: field 'code'" in message and "*.jsonl" not in message


def test_a_studies_row_cut_short_is_named_not_read_as_included(tmp_path):
    # a row that lost its last cells (a crash, an edit) read the missing status as "included": an excluded study
    # came back onto the map, unsaid
    from synthesis.coding import CodingError, load_studies

    path = tmp_path / "studies.csv"
    path.write_text("study_id,author,year,status\n19,Man,2019,included\n28,Lee,2020,excluded\n37,Ng\n",
                    encoding="utf-8")
    with pytest.raises(CodingError) as caught:
        load_studies(path)
    assert (f"{path} line 4: 2 of 4 cells (no year, status): a row cut short; complete it (an empty cell still "
            f"needs its ',')") in str(caught.value)
    path.write_text(path.read_text(encoding="utf-8").replace("37,Ng\n", "37,Ng,,excluded\n"), encoding="utf-8")
    assert list(load_studies(path)["status"]) == ["included", "excluded", "excluded"]


def test_merge_conflict_markers_in_study_codes_are_named_as_such(project):
    # they were read as rows: "study <<<<<<< HEAD: field 'code' is empty"
    path = project / "evidence" / "study_codes.csv"
    lines = _lines(path)
    path.write_text("".join(lines[:5] + ["<<<<<<< HEAD\n", lines[5], "=======\n", ">>>>>>> theirs\n"] + lines[6:]),
                    encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    assert "study_codes.csv line 6: a git merge-conflict marker '<<<<<<< HEAD'" in str(caught.value)


# ------------------------------------------------------------------------------------------ duplicate verdicts


def test_merge_conflict_markers_in_the_verdicts_stop_the_build(project):
    # the marker lines were skipped as "an incomplete verdict (a write interrupted by a crash?)" and the build
    # went on with whichever side of the conflict came last
    shutil.copy(VERDICTS, project / "evidence" / "duplicate_verdicts.tsv")
    path = project / "evidence" / "duplicate_verdicts.tsv"
    lines = _lines(path)
    theirs = lines[5].replace("not_duplicate", "duplicate")
    path.write_text("".join(lines[:5] + ["<<<<<<< HEAD\n", lines[5], "=======\n", theirs, ">>>>>>> bob\n"] + lines[6:]),
                    encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    assert "duplicate_verdicts.tsv, line 6: a git merge-conflict marker '<<<<<<< HEAD'" in str(caught.value)


def test_a_verdict_on_a_record_and_itself_is_named(project):
    shutil.copy(VERDICTS, project / "evidence" / "duplicate_verdicts.tsv")
    path = project / "evidence" / "duplicate_verdicts.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "2026-11-19T10:15:00Z\tr645971bc8aeb1c0e\t"
                    "r645971bc8aeb1c0e\tduplicate\talice\t\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"duplicate_verdicts.tsv, line 17: a verdict needs two different record ids"):
        build(project, progress=False)


def test_verdicts_on_records_no_export_holds_are_named_once_without_python_lines(project, capsys, recwarn):
    # the note said only "1 verdicts name records that are not in this input", and the terminal showed it a
    # second time as a Python warning with the source line of the build step that called the deduplication
    path = project / "evidence" / "duplicate_verdicts.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "2026-11-19T10:15:00Z\tr0000000000000001\t"
                    "r0000000000000002\tduplicate\talice\t\n", encoding="utf-8")
    assert main(["build", "--quiet", str(project)]) == 0
    out, err = capsys.readouterr()
    assert "not in this input (kept in the file, not applied): duplicate r0000000000000001 r0000000000000002 of " \
           "2026-11-19T10:15:00Z" in out
    assert "DedupWarning" not in err and "steps.py" not in err
    assert not [w for w in recwarn if "not in this input" in str(w.message)]  # what Python would print


def test_a_torn_verdict_is_noted_once_without_python_lines(project, capsys, recwarn):
    shutil.copy(VERDICTS, project / "evidence" / "duplicate_verdicts.tsv")
    path = project / "evidence" / "duplicate_verdicts.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "2026-11-19T10:15:00Z\tr645971bc8aeb1c0e\tr5", encoding="utf-8")
    assert main(["build", "--quiet", str(project)]) == 0
    out, err = capsys.readouterr()
    assert "duplicate_verdicts.tsv, line 17: an incomplete verdict" in out
    assert "VerdictWarning" not in err and "ids.py" not in err
    assert not [w for w in recwarn if "incomplete verdict" in str(w.message)]  # what Python would print


# ------------------------------------------------------------------------------------------ review.toml


@pytest.mark.parametrize("setting, old, new", [
    ("previous_counts", 'previous_counts = "prisma_seed_figure1.json"', 'previous_counts = "prisma_seed_figure.json"'),
    ("seed_figure", 'seed_figure = "prisma_seed_figure1.json"', 'seed_figure = "figure1.json"'),
])
def test_a_setting_naming_no_file_is_named(project, capsys, setting, old, new):
    # "evidence/prisma_seed_figure.json: /.../evidence/prisma_seed_figure.json: cannot read the file (No such
    # file or directory)", or for seed_figure the same from outside the build's own errors; neither named the setting
    _replace(project / "evidence" / "review.toml", old, new)
    err = _cli_build(project, capsys)
    assert err.startswith("build stopped: ") and f"review.toml [review]: {setting} = " in err
    assert "which does not exist" in err and err.count(new.split('"')[1]) == 2  # the setting and the path


def test_a_broken_previous_review_file_is_named_once(project, capsys):
    _replace(project / "evidence" / "prisma_seed_figure1.json", '"other_results": 35,', '"other_results": 35')
    err = _cli_build(project, capsys)
    assert err.count("prisma_seed_figure1.json") == 1 and "prisma_seed_figure1.json, line 7: not valid JSON" in err


def test_a_byte_order_mark_before_the_settings_is_no_error(project):
    # "review.toml: not valid TOML: Invalid statement (at line 1, column 1)": the mark is invisible in an editor
    import synthesis as syn

    for name in ("review.toml", "searches.toml", "coding_form.toml"):
        path = project / "evidence" / name
        path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    build(project, progress=False)
    syn.add_reviewer(project / "evidence" / "screening", "Carol")  # rewritten by the settings' writer
    assert syn.open_project(project).settings().screening.team == ["alice", "bob", "Carol"]


@pytest.mark.parametrize("name, old", [
    ("review.toml", 'team = ["alice", "bob"]'),
    ("coding_form.toml", "dual = false"),
    ("searches.toml", "records_reported = 30"),
])
def test_merge_conflict_markers_in_a_settings_file_are_named_as_such(project, name, old):
    # "not valid TOML: Invalid statement (at line 25, column 1)"
    path = project / "evidence" / name
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    _replace(path, old, f"<<<<<<< HEAD\n{old}\n=======\n{old}\n>>>>>>> theirs")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    assert f"{name}, line {line}: a git merge-conflict marker '<<<<<<< HEAD' (a merge left unresolved)" \
        in str(caught.value)


# ------------------------------------------------------------------------------------------ the exports


def test_an_export_downloaded_twice_is_noted(project):
    # "scopus (1).ris" beside "scopus.ris" doubled Scopus in the PRISMA counts and moved screened groups, unsaid
    folder = project / "data" / "searches" / "2026-11"
    (folder / "scopus (1).ris").write_bytes((folder / "scopus.ris").read_bytes())
    result = build(project, progress=False)
    assert ("data/searches/2026-11/scopus (1).ris and data/searches/2026-11/scopus.ris hold the same bytes: one "
            "export twice") in "\n".join(result.notes)


def test_an_export_filed_again_in_a_later_round_is_said_to_count_once(project):
    """The same Scopus file in round 2026-11 and again in 2026-12 was "one export twice ... its records are counted
    twice in the PRISMA diagram": the counts were right (the later round removes every record as a duplicate of the
    first), the words alarming. The note says what happened, and the later round's diagram agrees with it."""
    later = project / "data" / "searches" / "2026-12"
    later.mkdir()
    (later / "scopus.ris").write_bytes((project / "data" / "searches" / "2026-11" / "scopus.ris").read_bytes())
    result = build(project, progress=False)
    (note,) = [n for n in result.notes if "same bytes" in n]
    assert note.startswith("data/searches/2026-12/scopus.ris (round 2026-12) holds the same bytes as "
                           "data/searches/2026-11/scopus.ris (round 2026-11): the same export filed in both rounds. "
                           "Its records are in the library once: round 2026-12's PRISMA diagram counts them as "
                           "identified and removes all of them as duplicates (found in an earlier round).")
    assert "counted twice" not in note
    counts = (project / "output" / "prisma_counts.csv").read_text(encoding="utf-8")
    n = counts.split("\nduplicates,")[1].split("\n")[0].rsplit(",", 1)[1]
    identified = counts.split("\ndatabase_results,")[1].split("\n")[0].rsplit(",", 1)[1]
    assert n == identified == "48" and ",records_screened.html,0\n" in counts


def test_exports_read_with_warnings_are_noted(project):
    # a CSV whose abstract column lost its name: every abstract went to raw only, and the build said nothing
    # (the warning was in import_report.csv alone); the example's own exports open with a line outside any record
    folder = project / "data" / "searches" / "2026-11"
    (folder / "extra.csv").write_text("Title,,Year\nA trial of co-design,Some abstract text,2024\n"
                                      "Another study,More text,2023\n", encoding="utf-8")
    notes = [n for n in build(project, progress=False).notes if "read with warnings" in n]
    assert len(notes) == 1 and notes[0].startswith("3 exports were read with warnings (import_report.csv lists "), notes
    assert "data/searches/2026-11/extra.csv: header row (line 1): column 2 has no name but holds text in 2 " in notes[0]
    assert "data/searches/2026-11/pubmed.nbib: line 1: text outside any record ignored" in notes[0]


def _cut_scopus(project: Path, keep: float) -> None:
    """Cut the example's Scopus export as a stopped download does: mid-record, partway through the file."""
    path = project / "data" / "searches" / "2026-11" / "scopus.ris"
    text = path.read_text(encoding="utf-8")
    cut = text.rindex("TY  - ", 0, int(len(text) * keep)) + 120
    path.write_text(text[:cut], encoding="utf-8")


def test_an_export_cut_off_at_its_last_record_is_noted(project):
    # the record the cut ended inside was only in import_report.csv: a build without a search log said nothing
    (project / "evidence" / "searches.toml").unlink()
    _cut_scopus(project, 1.0)
    notes = "\n".join(build(project, progress=False).notes)
    assert ("data/searches/2026-11/scopus.ris: 1 of 48 records not imported (import_report.csv lists each): "
            "record 48 (line") in notes
    assert "the file ends inside this record (no ER line): truncated export?" in notes


def test_screened_records_lost_to_a_cut_off_export_name_the_export(project):
    # the stop blamed a removed round ("was a search round or an export removed?"), never the half-downloaded file
    _cut_scopus(project, 0.5)
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    said = str(caught.value)
    assert "screening decisions name records that are in no export under data/" in said
    assert "which may be why (a file cut off by a stopped download? export it again)" in said
    assert "data/searches/2026-11/scopus.ris: 1 of 24 records not imported" in said


def test_screened_records_lost_to_a_new_download_say_so(project):
    # a reviewer replaced scopus.ris by the same search downloaded again (other citation counts): every record is
    # another record now, and the stop asked only whether a round or an export was removed
    path = project / "data" / "searches" / "2026-11" / "scopus.ris"
    path.write_text(path.read_text(encoding="utf-8").replace("ER  - ", "N1  - Cited By: 3\nER  - "),
                    encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    said = str(caught.value)
    assert "screening decisions name records that are in no export under data/" in said
    assert ("or an export replaced by a new download? records are known by their content as exported, so put the "
            "export the decisions were made on back, and a new download in a new round's folder") in said


def test_a_pilot_group_in_no_export_is_noted(project):
    # the pilot's agreement was counted on 9 records instead of 10, unsaid
    _replace(project / "evidence" / "review.toml", '"g76d09f8c0dfa5e26",\n', '"g76d09f8c0dfa5e27",\n')
    result = build(project, progress=False)
    assert ("review.toml [screening]: the pilot list names 1 group in no export: g76d09f8c0dfa5e27"
            in "\n".join(result.notes))


def test_a_studies_table_saved_by_excel_with_semicolons_is_read(project):
    # "studies.csv: no 'study_id' column (columns: study_id;record_id;author;...)": the column was there
    for name in ("studies.csv", "study_codes.csv"):
        path = project / "evidence" / name
        path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    import synthesis as syn

    assert len(syn.read_project_coding(project).coding.included) == 49


def test_a_study_linked_to_a_record_in_no_export_is_noted(project):
    # the study's link to its duplicate group was lost without a word
    _replace(project / "evidence" / "studies.csv", "19,,", "19,g0000000000000000,")
    result = build(project, progress=False)
    assert ("evidence/studies.csv line 2: study 19: record_id g0000000000000000 is in no export"
            in "\n".join(result.notes))


@pytest.mark.parametrize("text, encoding, said", [
    ("previous,current\nr1,r2\n", "utf-8", "id_map.csv, line 1: expected the header old,new,kind,file"),
    ("old,new,kind,file\nr1,r2,record,x\n", "utf-16", "id_map.csv, line 1: not UTF-8 text"),
])
def test_a_damaged_id_map_is_named(project, capsys, text, encoding, said):
    # "synthesis stopped on an unexpected error (ValueError: ...)", or "a file is not UTF-8 text" naming none
    (project / "evidence" / "id_map.csv").write_text(text, encoding=encoding)
    err = _cli_build(project, capsys)
    assert said in err and "restore it from version control" in err


def test_a_misspelt_pdf_folder_is_noted(project):
    # [fulltext] folder = "data/fulltxt": no PDF matched, unsaid
    _replace(project / "evidence" / "review.toml", '# [fulltext]\n# folder = "data/fulltext"', '[fulltext]\nfolder = "data/fulltxt"')
    result = build(project, progress=False)
    assert any("review.toml [fulltext]: folder" in n and "data/fulltxt is not a folder" in n for n in result.notes)


def test_an_unknown_fulltext_setting_names_the_file_once(project, capsys):
    # "evidence/review.toml: review.toml [fulltext]: unknown setting(s) foldr"
    _replace(project / "evidence" / "review.toml", '# [fulltext]\n# folder = "data/fulltext"', '[fulltext]\nfoldr = "x"')
    err = _cli_build(project, capsys)
    assert "evidence/review.toml [fulltext]: unknown setting(s) foldr" in err and err.count("review.toml") == 1


def test_an_emptied_settings_file_is_noted(project):
    # read as the defaults without a word: one reviewer per record, no team, so other screening numbers
    (project / "evidence" / "review.toml").write_text("", encoding="utf-8")
    result = build(project, progress=False)
    assert any("review.toml is empty: the default settings are used" in n for n in result.notes)


def test_a_preferred_database_no_export_has_is_noted(project):
    # "WoS" for "Web of Science" preferred nothing, unsaid
    _replace(project / "evidence" / "review.toml", '"Web of Science", "Google Scholar"]', '"WoS", "Google Scholar"]')
    result = build(project, progress=False)
    assert any("review.toml [review]: preferred_databases names 'WoS', which no export's database is" in n
               and "Web of Science" in n for n in result.notes)
    # a living review names the databases of its later rounds too: "spell it as one of these" told a reviewer
    # whose first round had no PubMed export to take PubMed out
    assert any("only a later search round will add counts once that round's exports are in" in n
               for n in result.notes)


def test_a_search_log_saved_as_utf16_is_named(project, capsys):
    # "build stopped: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
    path = project / "evidence" / "searches.toml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-16")
    err = _cli_build(project, capsys)
    assert "evidence/searches.toml, line 1: not UTF-8 text; save the file again as UTF-8" in err


def test_merge_conflict_markers_in_the_coding_scheme_are_named_as_such(project):
    # "line 23: expected 'key: text' or 'LEVEL ID: label', got '<<<<<<< HEAD'"
    _replace(project / "evidence" / "coding_scheme.txt", "  value all: All stakeholders\n",
             "<<<<<<< HEAD\n  value all: All stakeholders\n=======\n  value everyone: All stakeholders\n>>>>>>> x\n")
    with pytest.raises(BuildError, match=r"coding_scheme.txt line 23: a git merge-conflict marker '<<<<<<< HEAD'"):
        build(project, progress=False)


@pytest.mark.parametrize("name", ["screening", "coding"])
def test_a_file_where_the_folder_of_logs_belongs_stops_the_build(project, name):
    # read as "no decisions yet": 63 records awaiting screening, or no coder's answer, without a word
    folder = project / "evidence" / name
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.write_text("oops", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"evidence/{name} is a file, where the folder of the {name} logs belongs"):
        build(project, progress=False)


def test_a_previous_review_file_saved_as_utf16_is_read(project):
    # "line 1: expected the header 'field,name,n' or the PRISMA2020 R template header ... (got 'ÿþ{\x00')"
    path = project / "evidence" / "prisma_seed_figure1.json"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-16")
    build(project, progress=False)


def test_merge_conflict_markers_in_the_pdf_matches_are_named_as_such(project):
    # "fulltext.tsv, line 2: no group_id or no file; line skipped"
    (project / "evidence" / "fulltext.tsv").write_text(
        "group_id\tfile\tmethod\tdecision\tconfirmed_by\ttimestamp\tstudy\n<<<<<<< HEAD\n"
        "g7c323d02ebff0634\ta.pdf\tdoi\tconfirmed\talice\t2026-11-20T00:00:00Z\t\n=======\n>>>>>>> x\n", encoding="utf-8")
    result = build(project, progress=False)
    assert any("fulltext.tsv, line 2: a git merge-conflict marker '<<<<<<< HEAD'" in n for n in result.notes)


def test_pdf_matches_saved_as_utf16_are_named(project, capsys):
    # the build said "a file is not UTF-8 text (...); run with --debug to see which step read it"
    (project / "evidence" / "fulltext.tsv").write_text("group_id\tfile\tmethod\tdecision\tconfirmed_by\ttimestamp\n",
                                                       encoding="utf-16")
    err = _cli_build(project, capsys)
    assert "evidence/fulltext.tsv, line 1: not UTF-8 text" in err


def test_more_reviewers_per_record_than_the_team_has_is_named(project):
    """With reviewers_per_record above the team's size no record can ever be agreed: every one waited, and the
    build said only that records await a decision (found by giving each setting a value of another kind)."""
    _replace(project / "evidence" / "review.toml", "reviewers_per_record = 2", "reviewers_per_record = 3")
    notes = build(project, progress=False).notes
    said = [n for n in notes if "reviewers_per_record" in n]
    assert said == [f"{project / 'evidence' / 'review.toml'} [screening]: reviewers_per_record = 3 but the team "
                    "lists 2 (alice, bob), so no record can be agreed; add the others with syn.add_reviewer, or "
                    "lower reviewers_per_record"]


def test_merge_conflict_markers_inside_a_search_string_are_named(project):
    """Markers that an unresolved merge left inside a multi-line search string are valid TOML (text): the build
    went on and the PRISMA-S report would have printed '<<<<<<< HEAD' as part of the search."""
    log = project / "evidence" / "searches.toml"
    text = log.read_text(encoding="utf-8")
    start = text.index("search_string = '''") + len("search_string = '''\n")
    end = text.index("\n", start) + 1
    line = text[:start].count("\n") + 1
    log.write_text(text[:start] + "<<<<<<< HEAD\n" + text[start:end] + "=======\n" + text[start:end]
                   + ">>>>>>> alice\n" + text[end:], encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, progress=False)
    assert str(caught.value) == (f"{log}, line {line}: a git merge-conflict marker '<<<<<<< HEAD' (a merge left "
                                 "unresolved); keep the right lines of both sides and delete the markers")
