"""PRISMA counts, checks, the R template round trip, the seed's Figure 1 and the CLI."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from synthesis.cli import main
from synthesis.prisma import (
    PrismaCounts,
    PrismaInputError,
    check,
    draw,
    from_pipeline,
    read_counts,
    read_rounds,
    read_rtemplate,
    rtemplate_problems,
    write_csv,
    write_json,
    write_rtemplate,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_COUNTS = ROOT / "evidence" / "prisma_seed_figure1.json"


def consistent() -> dict:
    """An updated review with other methods whose every sum holds."""
    return dict(
        previous_studies=10, previous_reports=14,
        database_specific_results=[("MEDLINE", 200), ("Embase", 150)], database_results=350,
        register_specific_results=[("ClinicalTrials.gov", 13)], register_results=13,
        duplicates=200, excluded_automatic=10, excluded_other=3,
        records_screened=150, records_excluded=110,
        records_excluded_reasons=[("Not digital health", 60), ("Not co-production", 50)],
        dbr_sought_reports=40, dbr_notretrieved_reports=4, dbr_assessed=36,
        dbr_excluded=26, dbr_excluded_reasons=[("Protocol only", 20), ("Not in English", 6)],
        website_results=5, organisation_results=3, citations_results=12,
        other_sought_reports=20, other_notretrieved_reports=2, other_assessed=18,
        other_excluded=15, other_excluded_reasons=[("Not relevant", 15)],
        new_studies=9, new_reports=13, total_studies=19, total_reports=27,
        total_studies_ma=7, total_reports_ma=9,
    )


def consistent_2009() -> dict:
    return dict(database_results=300, other_results=20, duplicates=100, records_after_duplicates=220,
                records_screened=220, records_excluded=180, dbr_assessed=40, dbr_excluded=25,
                dbr_excluded_reasons=[("No outcome", 15), ("Wrong design", 10)], new_studies=15,
                total_studies_ma=6)


def rules(report, level=None):
    return {f.rule for f in report.findings if level is None or f.level == level}


# ---- checks ----------------------------------------------------------------------------------------

def test_consistent_counts_pass_every_rule():
    report = check(PrismaCounts(**consistent()), "updated_dbr_other")
    assert report.findings == []
    assert len(report.checked) == 23 and report.skipped == [] and report.ok


def test_the_issue_example_message():
    c = PrismaCounts(database_results=363, duplicates=200, records_screened=112)
    (finding,) = check(c).findings
    assert finding.level == "error" and finding.rule == "screened"
    assert finding.message == ("records screened: identified 363 (databases 363) − duplicates 200 = 163, "
                               "but records screened is 112")
    assert set(finding.boxes) >= {"records_screened", "database_results", "duplicates"}


# (change, rule that must fire, level, text that must be in its message)
BREAKS = [
    ({"database_results": 351}, "sum:database_specific_results", "error", "MEDLINE 200 + Embase 150 = 350, but databases is 351"),
    ({"register_results": 12}, "sum:register_specific_results", "error", "= 13, but registers is 12"),
    ({"records_excluded": 111, "dbr_sought_reports": 39, "dbr_assessed": 35, "dbr_excluded": 25,
      "dbr_excluded_reasons": [("Protocol only", 19), ("Not in English", 6)]},
     "sum:records_excluded_reasons", "error", "= 110, but records excluded is 111"),
    ({"dbr_excluded": 27}, "sum:dbr_excluded_reasons", "error", "Protocol only 20 + Not in English 6 = 26, but reports excluded is 27"),
    ({"other_excluded": 14}, "sum:other_excluded_reasons", "error", "Not relevant 15 = 15, but reports excluded (other methods) is 14"),
    ({"records_screened": 112}, "screened", "error",
     "identified 363 (databases 350 + registers 13) − duplicates 200 − automation tools 10 − removed for other reasons 3 = 150, but records screened is 112"),
    ({"records_excluded": 151, "records_excluded_reasons": None}, "excluded_le_screened", "error",
     "records excluded 151 is more than records screened 150"),
    ({"dbr_sought_reports": 41, "dbr_notretrieved_reports": 5}, "sought", "warning",
     "records screened 150 − records excluded 110 = 40, but reports sought is 41"),
    ({"dbr_notretrieved_reports": 41}, "notretrieved_le_sought", "error", "reports not retrieved 41 is more than reports sought 40"),
    ({"dbr_assessed": 35}, "assessed", "error", "reports sought 40 − reports not retrieved 4 = 36, but reports assessed is 35"),
    ({"dbr_excluded": 37, "dbr_excluded_reasons": [("Protocol only", 37)]}, "reports_excluded_le_assessed", "error",
     "reports excluded 37 is more than reports assessed 36"),
    ({"citations_results": 13}, "other_sought", "warning", "websites 5 + organisations 3 + citation searching 13 = 21 records identified, but reports sought (other methods) is 20"),
    ({"other_notretrieved_reports": 21}, "other_notretrieved_le_sought", "error", "is more than reports sought (other methods) 20"),
    ({"other_assessed": 17}, "other_assessed", "error", "reports sought (other methods) 20 − reports not retrieved (other methods) 2 = 18, but reports assessed (other methods) is 17"),
    ({"other_excluded": 19, "other_excluded_reasons": [("Not relevant", 19)]}, "other_excluded_le_assessed", "error",
     "reports excluded (other methods) 19 is more than reports assessed (other methods) 18"),
    ({"new_reports": 12, "total_reports": 26}, "included_reports", "error",
     "(databases/registers: assessed 36 − excluded 26) + (other methods: assessed 18 − excluded 15) = 13, but reports of included studies is 12"),
    ({"total_studies_ma": 20}, "ma_le_included", "error", "studies in meta-analysis 20 is more than total studies 19"),
    ({"total_reports_ma": 28}, "ma_reports_le_included", "error", "reports in meta-analysis 28 is more than total reports 27"),
    ({"new_studies": 14, "total_studies": 24}, "new_studies_le_reports", "error", "new studies 14 is more than new reports 13"),
    ({"previous_studies": 15, "total_studies": 24}, "previous_studies_le_reports", "error", "previous studies 15 is more than previous reports 14"),
    ({"total_studies": 20}, "total_studies", "error", "previous studies 10 + new studies 9 = 19, but total studies is 20"),
    ({"total_reports": 28}, "total_reports", "error", "previous reports 14 + new reports 13 = 27, but total reports is 28"),
    ({"total_studies": 28, "total_studies_ma": 7}, "total_studies_le_reports", "error", "total studies 28 is more than total reports 27"),
    ({"dbr_excluded_reasons": None}, "reasons:dbr_excluded", "warning", "26 reports excluded without reasons"),
    ({"other_excluded_reasons": None}, "reasons:other_excluded", "warning", "15 reports excluded without reasons"),
    ({"new_reports": None, "total_reports": None, "total_reports_ma": None, "new_studies": 14, "total_studies": 24},
     "included_reports", "error", "= 13 reports included, fewer than the 14 studies included"),
    ({"stated": [{"field": "identified_total", "value": 128, "quote": "we retrieved 128"}]}, "stated:identified_total",
     "error", "the text states identified (all sources) 128 (\"we retrieved 128\"), but the diagram shows identified (all sources) 383"),
]


@pytest.mark.parametrize("change,rule,level,text", BREAKS, ids=[b[1] + "-" + str(i) for i, b in enumerate(BREAKS)])
def test_each_rule_fires_on_inconsistent_counts(change, rule, level, text):
    data = {**consistent(), **change}
    report = check(PrismaCounts(**data), "updated_dbr_other")
    hits = [f for f in report.findings if f.rule == rule]
    assert hits, f"{rule} did not fire: {report}"
    assert hits[0].level == level
    assert text in hits[0].message, hits[0].message
    assert report.ok == (not report.errors)


def test_every_rule_checked_on_consistent_counts_is_broken_by_some_test():
    checked = set(check(PrismaCounts(**consistent()), "updated_dbr_other").checked)
    broken = {b[1] for b in BREAKS}
    assert checked - broken == set(), "rules without a failing case"


def test_studies_fewer_than_reports_is_legitimate():
    # one study reported in several papers: not a finding
    data = {**consistent(), "new_studies": 5, "total_studies": 15}
    assert check(PrismaCounts(**data), "updated_dbr_other").findings == []


BREAKS_2009 = [
    ({"records_after_duplicates": 221, "records_screened": 221, "records_excluded": 181}, "after_duplicates",
     "identified 320 (databases 300 + other sources 20) − duplicates 100 = 220, but records after duplicates removed is 221"),
    ({"records_screened": 219, "records_excluded": 179}, "screened", "records after duplicates removed 220 = 220, but records screened is 219"),
    ({"dbr_assessed": 41, "dbr_excluded": 26, "dbr_excluded_reasons": [("No outcome", 16), ("Wrong design", 10)]}, "assessed",
     "records screened 220 − records excluded 180 = 40, but reports assessed is 41"),
    ({"new_studies": 14}, "included", "reports assessed 40 − reports excluded 25 = 15, but new studies is 14"),
    ({"total_studies_ma": 16}, "ma_le_included", "studies in meta-analysis 16 is more than new studies 15"),
]


def test_2009_consistent_counts_pass():
    assert check(PrismaCounts(**consistent_2009()), "prisma2009").findings == []


@pytest.mark.parametrize("change,rule,text", BREAKS_2009, ids=[b[1] for b in BREAKS_2009])
def test_each_2009_rule_fires(change, rule, text):
    report = check(PrismaCounts(**{**consistent_2009(), **change}), "prisma2009")
    hits = [f for f in report.findings if f.rule == rule]
    assert hits and text in hits[0].message, str(report)


def test_2009_without_duplicates_count_checks_the_after_duplicates_bound():
    data = {**consistent_2009(), "duplicates": None, "records_after_duplicates": 330, "records_screened": 330,
            "records_excluded": 290}
    report = check(PrismaCounts(**data), "prisma2009")
    assert any("records after duplicates removed 330 is more than identified 320" in f.message for f in report.errors)


def test_missing_boxes_are_errors_for_a_named_template():
    data = consistent()
    del data["other_assessed"]
    report = check(PrismaCounts(**data), "updated_dbr_other")
    assert [f.boxes for f in report.errors] == [("other_assessed",)]
    assert "box missing (other_assessed)" in report.errors[0].message
    with pytest.raises(PrismaInputError, match="missing box.*other_assessed"):
        draw(PrismaCounts(**data), "updated_dbr_other")


# ---- bad input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,text", [(-1, "cannot be negative"), (3.5, "whole number"), ("12a", "whole number"),
                                        (True, "whole number"), ([1], "whole number")])
def test_bad_counts_name_the_field(value, text):
    with pytest.raises(PrismaInputError, match=rf"records_screened.*{text}"):
        PrismaCounts.from_dict({"records_screened": value})


def test_bad_list_entries_name_the_field_and_entry():
    with pytest.raises(PrismaInputError, match=r"database_specific_results 'Embase'.*negative"):
        PrismaCounts(database_specific_results=[("MEDLINE", 3), ("Embase", -2)])
    with pytest.raises(PrismaInputError, match=r"dbr_excluded.*'Wrong design' is not 'Name, n'"):
        PrismaCounts.from_dict({"dbr_excluded": "Protocol, 3; Wrong design"})


def test_unknown_field_in_our_json_is_named_with_a_suggestion(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"records_screend": 3}))
    with pytest.raises(PrismaInputError, match=r"c.json: unknown field name\(s\) 'records_screend' \(did you mean 'records_screened'\?\)"):
        read_counts(path)


@pytest.mark.parametrize("content", ["", "   \n", "{}", "field,name,n\n"])
def test_empty_files_are_refused(tmp_path, content):
    path = tmp_path / "empty.json"
    path.write_text(content)
    with pytest.raises(PrismaInputError, match=r"empty|no counts"):
        read_counts(path)


def test_reason_list_not_matching_its_box_blocks_drawing():
    c = PrismaCounts(**{**consistent(), "dbr_excluded": 30})
    with pytest.raises(PrismaInputError, match=r"reports excluded: the listed reasons add up to .* = 26, but reports excluded is 30"):
        draw(c, "updated_dbr_other")


def _template_text(shared_data) -> str:
    return (shared_data / "prisma" / "PRISMA2020_template.csv").read_text(encoding="utf-8")


def test_unknown_field_in_an_imported_r_template_names_field_and_line(shared_data, tmp_path):
    text = _template_text(shared_data).replace("\nrecords_screened,", "\nrecords_screen,", 1)
    path = tmp_path / "PRISMA.csv"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(l for l in text.splitlines() if l.startswith("records_screen,"))) + 1
    with pytest.raises(PrismaInputError, match=rf"PRISMA.csv, line {line}: unknown field name 'records_screen'.*did you mean 'records_screened'"):
        read_rtemplate(path)


def test_non_integer_in_an_imported_r_template_names_field_and_line(shared_data, tmp_path):
    rows = list(csv.reader(io.StringIO(_template_text(shared_data))))
    for row in rows:
        if row[0] == "duplicates":
            row[7] = "twelve"
    path = tmp_path / "PRISMA.csv"
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    with pytest.raises(PrismaInputError, match=r"line \d+: duplicates: a count must be a whole number \(got 'twelve'\)"):
        read_rtemplate(path)


# ---- R template round trip ------------------------------------------------------------------------

def test_blank_r_template_reads_as_zeros_and_placeholders_as_empty(shared_data):
    c = read_rtemplate(shared_data / "prisma" / "PRISMA2020_template.csv")
    assert c.records_screened == 0 and c.database_results == 0
    assert c.database_specific_results is None and c.dbr_excluded_reasons is None  # "Database 1, xxx; ..."
    assert c.labels == {}


def test_r_template_round_trip_keeps_every_count_and_the_file_shape(shared_data, tmp_path):
    original = shared_data / "prisma" / "PRISMA2020_template.csv"
    data = consistent()
    del data["records_excluded_reasons"]  # our own field: no R row
    counts = PrismaCounts(**data, labels={"records_screened": "Registros cribados",
                                          "header_dbr": "Identificación de nuevos estudios"})
    out = write_rtemplate(counts, tmp_path / "prisma_counts.csv")
    back = read_rtemplate(out)
    assert back.given() == counts.given()
    assert back.labels == counts.labels
    assert rtemplate_problems(counts) == []
    # same rows, columns and byte conventions as the R package's own file
    ours = out.read_bytes()
    theirs = original.read_bytes()
    assert b"\r\n" in ours and not ours.endswith(b"\n") and not theirs.endswith(b"\n")
    ours_rows = list(csv.reader(io.StringIO(ours.decode())))
    theirs_rows = list(csv.reader(io.StringIO(theirs.decode())))
    assert [r[:4] for r in ours_rows] == [r[:4] for r in theirs_rows]
    # rewriting the blank template changes only what we do not carry: the xxx placeholders
    blank = write_rtemplate(read_rtemplate(original), tmp_path / "blank.csv")
    differing = [(a, b) for a, b in zip(csv.reader(io.StringIO(blank.read_text())), theirs_rows) if a != b]
    assert all(b[7].count("xxx") == 3 and a[7] == "" for a, b in differing) and len(differing) == 4


def test_draft_counts_say_so_in_the_r_template_and_the_json(tmp_path):
    """The build drew a draft diagram while 3 pairs awaited a duplicate verdict, but prisma_counts.csv was the R
    template's columns alone: an author taking the numbers from it could not know they would change. A draft's CSV
    has a last column, "draft", saying so on its first row (the diagram's banner) and on the row of each box not
    final (the diagram's note); the JSON lists the notes under "draft". Read back, the counts wait as before."""
    data = consistent()
    del data["records_excluded_reasons"]
    counts = PrismaCounts(**data, pending={"duplicates": 3})
    out = write_rtemplate(counts, tmp_path / "prisma_counts.csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0][-2:] == ["n", "draft"]
    assert rows[1][-1] == "DRAFT, NOT FINAL: 3 pairs of records await a duplicate verdict (see the notes below)"
    note = ("duplicates not final: 3 pairs of records may be duplicates and await a person's verdict; until decided, "
            "each counts as two records, so up to 3 more may be removed as duplicates")
    assert {r[0]: r[-1] for r in rows[2:] if r[-1]} == {"duplicates": note}
    back = read_counts(out)  # the draft column is no search round
    assert back.given() == counts.given() and back.pending == {"duplicates": 3}
    assert json.loads(write_json(counts, tmp_path / "c.json").read_text(encoding="utf-8"))["draft"] == [note]
    assert read_counts(tmp_path / "c.json").pending == {"duplicates": 3}
    # mid-screening (the sums fail) the first row says what the diagram's banner says
    waiting = PrismaCounts(**{**data, "records_screened": data["records_screened"] - 4},
                           pending={"records_screened": 4}, labels={"flag_title": "NOT YET A VALID PRISMA DIAGRAM: "
                                                                                  "screening in progress"})
    rows = list(csv.reader(io.StringIO(write_rtemplate(waiting, tmp_path / "w.csv").read_text(encoding="utf-8"))))
    assert rows[1][-1] == "NOT YET A VALID PRISMA DIAGRAM: screening in progress"
    assert {r[0]: r[-1] for r in rows[2:] if r[-1]} == {"records_screened": "records screened not final: 4 still "
                                                                            "await a decision"}
    # final counts keep the R template's columns exactly, and no "draft" in the JSON
    final = write_rtemplate(PrismaCounts(**data), tmp_path / "final.csv")
    assert next(csv.reader(io.StringIO(final.read_text(encoding="utf-8"))))[-1] == "n"
    assert "draft" not in PrismaCounts(**data).to_dict()


def test_our_own_fields_are_reported_when_writing_the_r_template(tmp_path):
    counts = PrismaCounts(**consistent())
    problems = rtemplate_problems(counts)
    assert len(problems) == 1 and problems[0].startswith("records_excluded_reasons = Not digital health, 60")
    with pytest.raises(PrismaInputError, match="records_excluded_reasons"):
        write_rtemplate(counts, tmp_path / "x.csv", strict=True)


@pytest.mark.parametrize("name", ["approach1.csv", "approach2.csv", "approach3.csv", "approach4.csv", "template.csv"])
def test_living_templates_round_trip_every_round(shared_data, tmp_path, name):
    path = shared_data / "prisma" / "living" / name
    rounds = read_rounds(path)
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [r for r, _ in rounds] == header[7:]
    out = write_rtemplate(rounds, tmp_path / name)
    again = read_rounds(out)
    assert [(r, c.given()) for r, c in again] == [(r, c.given()) for r, c in rounds]


def test_living_template_rounds_and_the_checks_they_fail(shared_data):
    living = shared_data / "prisma" / "living"
    jan = read_rtemplate(living / "template.csv", column="Jan.2020")
    assert (jan.database_results, jan.register_results, jan.records_screened) == (90, 10, 90)
    assert jan.dbr_excluded_reasons == [("Not population of interest", 2), ("Not intervention of interest", 1)]
    assert jan.dbr_excluded == 3
    assert read_rtemplate(living / "template.csv", column=7).database_results == 4  # Aug.2020
    with pytest.raises(PrismaInputError, match=r"8 count columns \(Jan.2020, Feb.2020"):
        read_rtemplate(living / "template.csv")
    with pytest.raises(PrismaInputError, match=r"no count column 'Sep.2020'"):
        read_rtemplate(living / "template.csv", column="Sep.2020")
    # The package's own example data do not all add up; the checks say where.
    updates = check(read_rtemplate(living / "approach3.csv", column="Updates"))
    assert [f.message for f in updates.errors] == [
        "new reports: (databases/registers: assessed 2 − excluded 2) + (other methods: assessed 1 − excluded 0) "
        "= 1, but reports of included studies is 2"]
    last = check(read_rtemplate(living / "approach4.csv", column="Last update"))
    assert "reports excluded 2 is more than reports assessed 1" in [f.message for f in last.errors]
    for name, c in read_rounds(living / "approach1.csv"):
        assert check(c).ok, name


# ---- our JSON and CSV, from the pipeline ---------------------------------------------------------------

def test_our_json_and_csv_round_trip(tmp_path):
    counts = PrismaCounts(**consistent(), labels={"records_screened": "Screened"}, notes=["a note"],
                          stated=[{"field": "new_studies", "value": 9}], template="updated_dbr_other")
    for writer, name in ((write_json, "c.json"), (write_csv, "c.csv")):
        back = read_counts(writer(counts, tmp_path / name))
        assert back.given() == counts.given()
        assert (back.labels, back.notes, back.template) == (counts.labels, counts.notes, counts.template)
        assert [int(s["value"]) for s in back.stated] == [9]


def test_our_csv_names_the_line_of_a_bad_value(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("field,name,n\nrecords_screened,,12\nrecords_excluded,,-3\n")
    with pytest.raises(PrismaInputError, match=r"c.csv, line 3: records_excluded: a count cannot be negative"):
        read_counts(path)


def test_from_pipeline_takes_the_screening_steps_dict():
    screening = {"records_screened": 150, "records_excluded": 110, "dbr_sought_reports": 40,
                 "dbr_notretrieved_reports": 4, "dbr_assessed": 36,
                 "dbr_excluded": [("Protocol only", 20), ("Not in English", 6)], "new_studies": 9, "new_reports": 10}
    c = from_pipeline({"MEDLINE": 200, "Embase": 150}, 200, screening, registers={"ClinicalTrials.gov": 13},
                      excluded_automatic=10, excluded_other=3)
    assert c.database_results == 350 and c.register_results == 13 and c.dbr_excluded == 26
    assert c.dbr_excluded_reasons == [("Protocol only", 20), ("Not in English", 6)]
    assert check(c, "new_dbr").findings == []
    with pytest.raises(PrismaInputError, match=r"screening: unknown field 'records_screend'"):
        from_pipeline({"MEDLINE": 1}, 0, {"records_screend": 1})


def test_from_pipeline_with_previous_review_and_other_methods():
    c = from_pipeline({"PubMed": 30}, 5, {"records_screened": 25, "records_excluded": 20, "dbr_sought_reports": 5,
                                          "dbr_notretrieved_reports": 0, "dbr_assessed": 5,
                                          "dbr_excluded": [("Protocol only", 3)], "new_studies": 2, "new_reports": 3,
                                          "other_sought_reports": 4, "other_notretrieved_reports": 0,
                                          "other_assessed": 4, "other_excluded": [("Not relevant", 3)]},
                      other_methods={"citations_results": 4}, previous={"previous_studies": 49})
    assert c.total_studies == 51 and c.total_reports is None  # previous reports unknown: no total invented
    assert check(c, "updated_dbr_other").findings == []



def test_a_template_without_the_other_methods_column_refuses_counts_that_have_them():
    """An author tried the notebook's other layouts: "new_dbr" drew the databases' column alone, "reports assessed
    11 - excluded 5" above "reports of included studies (n = 9)", the 3 reports from websites and citation
    searching counted but nowhere shown, and every check passed. The check now fails and names the template
    that shows them."""
    c = from_pipeline({"PubMed": 30}, 5, {"records_screened": 25, "records_excluded": 13, "dbr_sought_reports": 12,
                                          "dbr_notretrieved_reports": 1, "dbr_assessed": 11,
                                          "dbr_excluded": [("Wrong population", 5)], "new_studies": 8, "new_reports": 9,
                                          "other_sought_reports": 5, "other_notretrieved_reports": 1,
                                          "other_assessed": 4, "other_excluded": [("Wrong population", 1)]},
                      other_methods={"website_results": 2, "citations_results": 3})
    assert check(c, "new_dbr_other").findings == []
    report = check(c, "new_dbr")
    assert [f.rule for f in report.errors] == ["other_methods_column"]
    assert str(report.errors[0]).endswith("(websites 2, citation searching 3, reports sought (other methods) 5, "
                                          "reports assessed (other methods) 4) and count their included reports "
                                          "among the included: draw the new_dbr_other template")
    with pytest.raises(PrismaInputError, match="draw the new_dbr_other template"):
        draw(c, "new_dbr")
    databases_only = from_pipeline({"PubMed": 30}, 5, {"records_screened": 25, "records_excluded": 13,
                                                       "dbr_sought_reports": 12, "dbr_notretrieved_reports": 1,
                                                       "dbr_assessed": 11, "dbr_excluded": [("Wrong population", 5)],
                                                       "new_studies": 5, "new_reports": 6})
    assert check(databases_only, "new_dbr").findings == []

# ---- the seed's Figure 1 ---------------------------------------------------------------------------------

def test_seed_figure1_transcribes_the_published_numbers(shared_data):
    seed = (shared_data.parent / "seeds" / "000_da2b4f5d5cdcbdf5.txt")
    if not seed.exists():
        pytest.skip(f"seed text not found at {seed}")
    text = seed.read_text(encoding="utf-8")
    figure = re.search(r"\[image: Flowchart of study selection process\.(.*?)\]", text).group(1)
    numbers = [int(n) for n in re.findall(r"\d+", figure)]
    c = read_counts(SEED_COUNTS)
    assert numbers == [c.database_results, c.other_results, c.records_after_duplicates, c.records_screened,
                       c.records_excluded, c.dbr_assessed, c.dbr_excluded, c.new_studies]
    assert "We initially retrieved 128 articles" in text
    assert c.stated[0]["quote"] in text


def test_seed_figure1_checks_report_exactly_the_text_against_figure_mismatch():
    c = read_counts(SEED_COUNTS)
    report = check(c)
    assert report.template == "prisma2009"
    assert [f.rule for f in report.errors] == ["stated:identified_total"]
    assert report.errors[0].message == (
        'the text states identified (all sources) 128 ("We initially retrieved 128 articles", Results (section 3), '
        'first paragraph), but the diagram shows identified (all sources) 363 (databases 328 + other sources 35)')
    assert [f.rule for f in report.warnings] == ["reasons:dbr_excluded"]
    # the figure's own sums hold
    assert {"after_duplicates", "screened", "assessed", "included", "stated:new_studies"} <= set(report.checked)


# ---- CLI --------------------------------------------------------------------------------------------------

def test_cli_check_exit_status(tmp_path, capsys):
    good = write_json(PrismaCounts(**consistent()), tmp_path / "good.json")
    assert main(["prisma", str(good), "--check"]) == 0
    assert "0 errors" in capsys.readouterr().out
    bad = write_json(PrismaCounts(**{**consistent(), "records_screened": 112}), tmp_path / "bad.json")
    assert main(["prisma", str(bad), "--check"]) == 1
    assert "but records screened is 112" in capsys.readouterr().err
    warn = write_json(PrismaCounts(**{**consistent(), "dbr_excluded_reasons": None}), tmp_path / "warn.json")
    assert main(["prisma", str(warn), "--check"]) == 0
    assert main(["prisma", str(warn), "--check", "--strict"]) == 1
    (tmp_path / "empty.csv").write_text("")
    assert main(["prisma", str(tmp_path / "empty.csv"), "--check"]) == 2
    assert "empty.csv: the file is empty" in capsys.readouterr().err
    assert main(["prisma", str(SEED_COUNTS), "--check"]) == 1


def test_cli_check_of_a_living_template_checks_every_round(shared_data, capsys):
    assert main(["prisma", str(shared_data / "prisma" / "living" / "approach3.csv"), "--check"]) == 1
    captured = capsys.readouterr()
    assert "[Base]" in captured.out and "[Updates]" in captured.err


def test_cli_draws_from_the_extension_and_refuses_failing_counts(tmp_path, capsys):
    good = write_json(PrismaCounts(**consistent()), tmp_path / "good.json")
    outs = [tmp_path / "flow.svg", tmp_path / "flow.pdf", tmp_path / "flow.png", tmp_path / "prisma_counts.csv"]
    args = ["prisma", str(good), "--dpi", "100"]
    for o in outs:
        args += ["-o", str(o)]
    assert main(args) == 0
    assert outs[0].read_text().lstrip().startswith("<?xml")
    assert outs[1].read_bytes().startswith(b"%PDF")
    assert outs[2].read_bytes().startswith(b"\x89PNG")
    assert read_rtemplate(outs[3]).records_screened == 150
    bad = write_json(PrismaCounts(**{**consistent(), "records_screened": 112}), tmp_path / "bad.json")
    assert main(["prisma", str(bad), "-o", str(tmp_path / "bad.svg")]) == 1
    assert not (tmp_path / "bad.svg").exists()
    assert "--allow-failing" in capsys.readouterr().err
    assert main(["prisma", str(bad), "-o", str(tmp_path / "bad.svg"), "--allow-failing"]) == 1
    assert "NOT A VALID PRISMA DIAGRAM" in (tmp_path / "bad.svg").read_text()
    assert main(["prisma", str(good), "-o", str(tmp_path / "flow.gif")]) == 2


def test_r_style_thousands_and_commas_in_names():
    c = PrismaCounts.from_dict({"database_results": "1,234",
                                "database_specific_results": "Scopus, 1,000; Web of Science, 234",
                                "dbr_excluded": "Wrong population, adults, 3; Design, 2"})
    assert c.database_results == 1234
    assert c.database_specific_results == [("Scopus", 1000), ("Web of Science", 234)]
    assert c.dbr_excluded_reasons == [("Wrong population, adults", 3), ("Design", 2)] and c.dbr_excluded == 5
    assert any("'Wrong population, adults'" in p for p in rtemplate_problems(c))
    with pytest.raises(PrismaInputError, match="whole number"):
        PrismaCounts.from_dict({"database_results": "12,34"})


def test_summing_living_rounds_matches_the_combined_example(shared_data):
    from synthesis.prisma import sum_counts

    living = shared_data / "prisma" / "living"
    monthly = sum_counts([c for _, c in read_rounds(living / "approach1.csv")])
    combined = read_rtemplate(living / "approach2.csv")  # "Base and updates" in one column
    differing = {k for k in set(monthly.given()) | set(combined.given())
                 if monthly.given().get(k) != combined.given().get(k)}
    # every count agrees; only the reasons' wording differs (and the blank totals, which are not summed)
    assert differing == {"dbr_excluded_reasons", "other_excluded_reasons", "total_studies", "total_reports"}
    assert [n for _, n in monthly.dbr_excluded_reasons] == [n for _, n in combined.dbr_excluded_reasons]
    assert check(monthly).ok


def test_cli_check_names_a_missing_box(tmp_path, capsys):
    data = consistent()
    del data["records_excluded"], data["records_excluded_reasons"]
    path = write_json(PrismaCounts(**data), tmp_path / "c.json")
    assert main(["prisma", str(path), "--check"]) == 1
    assert "records excluded: box missing (records_excluded), which the updated_dbr_other template needs" in capsys.readouterr().err


# ---- the R template as users fill it in (issue 17) ---------------------------------------------------

def fill_r_template(shared_data, path: Path, values: dict) -> Path:
    """The R package's own template with some rows' counts replaced; every other row as shipped (0s and
    the "Reason1, xxx" placeholders)."""
    text = (shared_data / "prisma" / "PRISMA2020_template.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    unknown = set(values) - {r[0] for r in rows}
    assert not unknown, unknown
    for row in rows[1:]:
        if row[0] in values:
            row[7] = values[row[0]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


USER_FILLED = dict(
    database_results="363", database_specific_results="MEDLINE, 200; Embase, 163", register_specific_results="",
    duplicates="200", records_screened="163", records_excluded="120", dbr_sought_reports="43",
    dbr_notretrieved_reports="3", dbr_assessed="40", dbr_excluded="Wrong population, 25; Wrong design, 3",
    new_studies="12", new_reports="12",
    # websites, organisations, citation searching and the other-methods boxes stay 0 as shipped, and the
    # "reports excluded (other)" row is left empty:
    other_excluded="",
)


def test_zero_filled_other_methods_with_empty_reasons_pass_check_and_draw(shared_data, tmp_path, capsys):
    path = fill_r_template(shared_data, tmp_path / "PRISMA.csv", USER_FILLED)
    counts = read_rtemplate(path)
    assert counts.citations_results == 0 and counts.other_excluded is None
    assert main(["prisma", str(path), "--check"]) == 0
    out = capsys.readouterr().out
    assert "new_dbr" in out and "0 errors" in out
    # a column of zeros says nothing: drawn as the R package draws it without the other-methods arm
    diagram = draw(counts)
    assert diagram.template == "new_dbr" and "other_identified" not in diagram.boxes
    # ... or, when asked for, with the column of zeros: with nothing assessed nothing is excluded
    assert main(["prisma", str(path), "--check", "--template", "new_other"]) == 0
    assert main(["prisma", str(path), "--template", "new_other", "-o", str(tmp_path / "flow.svg")]) == 0
    other = draw(counts, "new_dbr_other")
    assert other.report.ok
    assert any("(n = 0)" in line for line in other.boxes["other_reports_excluded"].lines)
    assert "(n = 0)" in " ".join(other.boxes["other_identified"].lines)


def test_nothing_assessed_means_nothing_excluded_but_a_count_after_it_still_fails(shared_data, tmp_path):
    values = dict(USER_FILLED, citations_results="4", other_sought_reports="4", other_assessed="4")
    counts = read_rtemplate(fill_r_template(shared_data, tmp_path / "PRISMA.csv", values))
    report = check(counts, "new_dbr_other")
    assert "missing" in rules(report, "error")  # 4 assessed: how many were excluded is not implied


def test_single_reason_in_the_r_template(shared_data, tmp_path):
    values = dict(USER_FILLED, dbr_excluded="Wrong population, 28")
    counts = read_rtemplate(fill_r_template(shared_data, tmp_path / "PRISMA.csv", values))
    assert counts.dbr_excluded_reasons == [("Wrong population", 28)] and counts.dbr_excluded == 28
    assert check(counts, "new_dbr").ok
    assert "Wrong population" in " ".join(draw(counts).boxes["reports_excluded"].lines)


def test_thousands_separators_in_counts_and_reasons_of_the_r_template(shared_data, tmp_path, capsys):
    values = dict(
        USER_FILLED, database_results="2,363", database_specific_results="MEDLINE, 1,200; Embase, 1,163",
        duplicates="1,200", records_screened="1,163", records_excluded="1,120",
        dbr_excluded="Wrong population, 25; Wrong design, 3")
    path = fill_r_template(shared_data, tmp_path / "PRISMA.csv", values)
    counts = read_rtemplate(path)
    assert counts.database_specific_results == [("MEDLINE", 1200), ("Embase", 1163)]
    assert (counts.database_results, counts.duplicates, counts.records_screened) == (2363, 1200, 1163)
    assert main(["prisma", str(path), "--check"]) == 0
    # a bare total with a separator in a reasons row is a count, not a reason called "1"
    values["dbr_excluded"] = "1,028"
    values.update(records_excluded="120", dbr_sought_reports="1,043", dbr_assessed="1,040")
    counts = read_rtemplate(fill_r_template(shared_data, tmp_path / "PRISMA2.csv", values))
    assert counts.dbr_excluded == 1028 and counts.dbr_excluded_reasons is None
    assert check(counts, "new_dbr").ok
    assert PrismaCounts.from_dict({"dbr_excluded": "1,028"}).dbr_excluded == 1028
    diagram = draw(counts)
    assert "(n = 2,363)" in " ".join(diagram.boxes["identified"].lines)


def test_the_prisma_modules_import_each_other_without_a_cycle():
    import ast

    import networkx as nx

    folder = ROOT / "src" / "synthesis" / "prisma"
    graph = nx.DiGraph()
    for path in folder.glob("*.py"):
        graph.add_node(path.stem)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                graph.add_edge(path.stem, node.module.split(".")[0])
    assert nx.is_directed_acyclic_graph(graph), list(nx.simple_cycles(graph))
    # the counts model needs no reader, writer or layout
    assert set(graph.successors("counts")) == set()


def test_a_box_still_being_screened_is_flagged_alone_when_those_waiting_explain_the_sum():
    """Mid-screening, records screened is short of identified − duplicates by the records that await a
    decision: only that box is flagged (the boxes upstream are right), and the finding says why."""
    counts = PrismaCounts(database_results=637, duplicates=146, records_screened=60, records_excluded=5,
                          dbr_sought_reports=55, dbr_notretrieved_reports=0, dbr_assessed=0, dbr_excluded=0,
                          new_studies=0, pending={"records_screened": 431, "dbr_assessed": 55})
    report = check(counts)
    assert [f.boxes for f in report.errors] == [("records_screened",), ("dbr_assessed",)]
    assert report.errors[0].message.endswith("= 491, but records screened is 60; 431 still await a decision")
    assert not report.ok  # still not a finished diagram
    # one record waiting: "1 still awaits" (w17 read "1 still await a decision" under a diagram)
    one = PrismaCounts(database_results=637, duplicates=146, records_screened=490, records_excluded=435,
                       dbr_sought_reports=55, dbr_notretrieved_reports=0, dbr_assessed=55, dbr_excluded=0,
                       new_studies=55, pending={"records_screened": 1})
    assert check(one).errors[0].message.endswith("but records screened is 490; 1 still awaits a decision")


def test_those_waiting_do_not_hide_a_sum_they_do_not_explain():
    counts = PrismaCounts(database_results=637, duplicates=146, records_screened=60,
                          pending={"records_screened": 400})
    finding = check(counts).errors[0]
    assert set(finding.boxes) >= {"records_screened", "database_results", "duplicates"}
    assert finding.message.endswith("; 400 still await a decision, which does not account for the difference")


def test_pending_boxes_are_kept_in_the_counts_file_and_checked():
    counts = PrismaCounts(records_screened=60, pending={"records_screened": 431})
    again = PrismaCounts.from_dict(counts.to_dict())
    assert again.pending == {"records_screened": 431}
    with pytest.raises(PrismaInputError, match="pending: 'records_screend' is not a box's number.*records_screened"):
        PrismaCounts(pending={"records_screend": 3})
    with pytest.raises(PrismaInputError, match="pending"):
        PrismaCounts.from_dict({"records_screened": 60, "pending": {"records_screened": -1}})
