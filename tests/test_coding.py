"""Coding scheme, study codes and Table 2: reading, the clear errors, the written files."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from synthesis.coding import (
    CodingError, SchemeError, load_scheme, load_studies, load_study_codes, make_coding, parse_scheme,
    scheme_table, table2_frame, table2_html, table2_markdown, write_study_codes, write_table2,
)
from synthesis.coding.table2 import format_study_ids

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "evidence"

SMALL = """\
title: A <b>small</b> scheme
dimension who: Stakeholder
  value pat: Patients
  value staff: Staff
dimension fw: Framework
  levels: stage > construct > challenge
  stage s1: Set-up
    construct rec: Recruitment
      challenge a: Reach patients
        who: pat
        approaches: line one
        approaches: line two
      challenge b: Reach staff
        who: staff
  stage s2: Delivery
    construct sus: Sustain
      challenge c: Keep going
"""


@pytest.fixture(scope="module")
def scheme():
    return load_scheme(EVIDENCE / "coding_scheme.txt")


@pytest.fixture(scope="module")
def coding(scheme):
    return load_study_codes(EVIDENCE / "study_codes.csv", scheme)


def small(codes, studies=None):
    scheme = parse_scheme(SMALL, source="small.txt")
    codes = pd.DataFrame(codes, columns=["study_id", "dimension", "code"])
    if studies is None:
        studies = pd.DataFrame({"study_id": sorted(set(codes["study_id"]))})
    return make_coding(scheme, studies, codes, studies_source="studies.csv", codes_source="codes.csv")


# --- the scheme --------------------------------------------------------------------------------------

def test_seed_scheme_has_every_stage_construct_and_challenge(scheme):
    fw = scheme.framework
    assert fw.levels == ["stage", "construct", "challenge"]
    assert [n.label for n in scheme.nodes("framework", "stage")] == [
        "Set-up", "Discovery", "Definition", "Development", "Delivery"]
    assert len(scheme.nodes("framework", "construct")) == 10
    challenges = scheme.nodes("framework", "challenge")
    assert len(challenges) == 15
    assert all(c.note("approaches") and c.note("stakeholder") for c in challenges)
    stated = [c.path for c in challenges if c.note("stakeholder_basis") == "stated in Table 2"]
    assert stated == ["setup.recruitment.patients", "setup.recruitment.staff", "setup.recruitment.developers"]
    table = scheme_table(scheme)
    assert {"stage", "construct", "challenge", "approaches", "stakeholder"} <= set(table.columns)


def test_scheme_notes_join_repeated_lines_and_paths_are_dotted():
    s = parse_scheme(SMALL)
    node = s.value("fw", "s1.rec.a")
    assert node.note("approaches") == "line one\nline two"
    assert node.ancestor("stage").label == "Set-up"
    assert s.title == "A <b>small</b> scheme"


@pytest.mark.parametrize("text, message", [
    ("dimension fw: F\n  levels: stage > construct\n  construct x: X\n", "line 3: a 'construct' cannot sit directly under"),
    ("dimension fw: F\n  value a: A\n  value a: B\n", "line 3: value ID 'a' is used twice"),
    ("dimension fw: F\n\tvalue a: A\n", "line 2: indent with spaces"),
    ("dimension fw: F\n  value a: A\n    stakeholder: pat\n  what is this\n", "line 4: expected 'key: text'"),
    ("dimension who: W\n  value p: P\ndimension fw: F\n  value a: A\n    who: nobody\n", "line 4: value 'a' has who 'nobody'"),
    ("dimension fw: F\ndimension fw: G\n", "line 2: dimension 'fw' is defined twice"),
    ("  dimension fw: F\n  value a: A\n  dimension x: X\n", "'dimension' must not be indented"),
    # a scheme written without its dimension line: say what to start with
    ("levels: domain > harm\ndomain money: Money\n", "line 2: 'domain' is not a level or a note (a note is "
     "'key: text'); no dimension is open here: start with a line 'dimension ID: Label'"),
    # "letters" alone read as if 'santé' were fine
    ("dimension fw: F\n  value santé: Santé\n", "line 2: value needs an ID of the letters a-z, digits, '-' or '_' "
     "before the colon (no spaces or accents"),
    # an entry emptied by hand ("value : ") was "value 'value' has no label", an ID nobody wrote
    ("dimension fw: F\n  value a: A\n  value : \n", "line 3: a 'value' without ID or label; write 'value ID: Label' "
     "or delete the line"),
])
def test_scheme_errors_name_the_line(text, message):
    with pytest.raises(SchemeError) as err:
        parse_scheme(text, source="scheme.txt")
    assert "scheme.txt" in str(err.value) and message in str(err.value)


def test_coding_files_in_another_encoding_name_the_line(tmp_path):
    """A scheme, form or studies table saved as Windows-1252 (an accented label): the line of the first such
    byte, not its byte offset."""
    from synthesis.coding.form import FormError, load_form
    from synthesis.coding.studies import CodingError, load_studies

    (tmp_path / "scheme.txt").write_bytes(b"dimension fw: F\n  value a: A\n  value b: Sant\xe9\n")
    with pytest.raises(SchemeError, match=r"scheme.txt, line 3: not UTF-8 text; save the file again as UTF-8"):
        load_scheme(tmp_path / "scheme.txt")
    (tmp_path / "form.toml").write_bytes(b"[coding]\ndual = false\n# caf\xe9\n")
    with pytest.raises(FormError, match=r"form.toml, line 3: not UTF-8 text"):
        load_form(tmp_path / "form.toml")
    (tmp_path / "studies.csv").write_bytes(b"study_id,title\n1,A\n2,Caf\xe9\n")
    with pytest.raises(CodingError, match=r"studies.csv, line 3: not UTF-8 text"):
        load_studies(tmp_path / "studies.csv")


def test_missing_scheme_file_is_a_clear_error(tmp_path):
    with pytest.raises(SchemeError, match="coding scheme file not found"):
        load_scheme(tmp_path / "nope.txt")


# --- study codes -------------------------------------------------------------------------------------

def test_seed_coding_loads_with_every_included_study_coded(coding):
    assert len(coding.included) == 49
    long = coding.study_codes_table()
    assert list(long.columns[:5]) == ["study_id", "stage", "construct", "challenge", "stakeholder"]
    assert len(long) == 54
    assert set(long["study_id"]) == set(coding.included["study_id"])
    row = long[long["study_id"] == "42"].iloc[0]
    assert (row["stage"], row["construct"], row["stakeholder"]) == ("Set-up", "Recruitment", "Staff")


def test_unknown_code_names_study_line_field_and_suggests():
    with pytest.raises(CodingError) as err:
        small([("1", "fw", "s1.rec.a"), ("2", "fw", "s1.recc.b")])
    msg = str(err.value)
    assert "study 2: field 'code'" in msg and "'s1.recc.b'" in msg and "did you mean 's1.rec.b'" in msg


def test_unknown_dimension_is_named():
    with pytest.raises(CodingError, match="study 1: field 'dimension' is 'wh', not a dimension.*did you mean 'who'"):
        small([("1", "wh", "pat")])


def test_coded_but_not_included_and_included_without_codes():
    studies = pd.DataFrame({"study_id": ["1", "2", "3"], "status": ["included", "excluded", "included"]})
    with pytest.raises(CodingError) as err:
        small([("1", "fw", "s1"), ("2", "fw", "s2"), ("9", "fw", "s2")], studies)
    problems = err.value.problems
    assert any("study 2 is coded but its status in studies.csv is 'excluded'" in p for p in problems)
    assert any("study 9 is coded but is not in studies.csv" in p for p in problems)
    assert any("study 3 is included but has no codes in codes.csv" in p for p in problems)
    assert len(problems) == 3


def test_repeated_code_is_reported():
    with pytest.raises(CodingError, match="study 1: code 's1' repeats"):
        small([("1", "fw", "s1"), ("1", "fw", "s1")])


def test_errors_from_files_carry_line_numbers(tmp_path, scheme):
    (tmp_path / "studies.csv").write_text("study_id,year,title\n1,2020,A\n2,20x0,B\n1,2021,C\n", encoding="utf-8")
    with pytest.raises(CodingError) as err:
        load_studies(tmp_path / "studies.csv")
    msg = str(err.value)
    assert "studies.csv line 3: study 2: field 'year' is '20x0'" in msg
    assert "studies.csv line 4: study 1 is listed twice (also line 2)" in msg

    (tmp_path / "studies.csv").write_text("study_id,title\n1,A\n", encoding="utf-8")
    (tmp_path / "study_codes.csv").write_text("study_id,dimension,code\n1,framework,setup.recruitment\n"
                                              "1,framework,setup.recruitmnt.staff\n", encoding="utf-8")
    with pytest.raises(CodingError, match=r"study_codes.csv line 3: study 1: field 'code'"):
        load_study_codes(tmp_path / "study_codes.csv", scheme)


def test_studies_field_named_like_a_dimension_is_checked():
    scheme_text = SMALL + "dimension evidence_type: Evidence type\n  value review: Review\n"
    scheme = parse_scheme(scheme_text)
    studies = pd.DataFrame({"study_id": ["1"], "evidence_type": ["Review; Opinion"]})
    codes = pd.DataFrame({"study_id": ["1"], "dimension": ["fw"], "code": ["s1"]})
    with pytest.raises(CodingError, match="field 'evidence_type' has 'Opinion'"):
        make_coding(scheme, studies, codes)


def test_study_coded_to_a_construct_only(tmp_path):
    c = small([("1", "fw", "s1.rec"), ("2", "fw", "s1.rec.a"), ("2", "who", "staff")])
    long = c.study_codes_table()
    assert long.loc[0, "construct"] == "Recruitment" and long.loc[0, "challenge"] == ""
    assert sorted(long[long["study_id"] == "2"]["who"]) == ["Patients", "Staff"]
    frame = table2_frame(c)
    assert frame["Studies"].tolist() == ["1", "2", "", ""]  # the construct-only row comes first
    write_study_codes(c, tmp_path / "study_codes.csv")
    back = pd.read_csv(tmp_path / "study_codes.csv", dtype=str, keep_default_na=False)
    assert len(back) == 3


# --- Table 2 -----------------------------------------------------------------------------------------

def test_format_study_ids():
    assert format_study_ids(["19", "63", "64", "65"]) == "19, 63–65"
    assert format_study_ids(["81", "82"]) == "81, 82"
    assert format_study_ids([]) == ""


def test_write_table2_all_formats(tmp_path, coding):
    paths = write_table2(coding, tmp_path)
    assert set(paths) == {"md", "html", "csv", "docx"}
    md = paths["md"].read_text(encoding="utf-8")
    assert "| Set-up | Recruitment |" in md and "19, 63–65" in md
    csv = pd.read_csv(paths["csv"], dtype=str, keep_default_na=False)
    assert len(csv) == 15 and csv.loc[0, "Studies"] == "37–41"
    html = paths["html"].read_text(encoding="utf-8")
    assert '<td rowspan="4">Set-up</td>' in html and "&ldquo;" not in html and "“big tech”" in html

    from docx import Document
    doc = Document(paths["docx"])
    table = doc.tables[0]
    assert len(table.rows) == 16
    texts = [c.text for c in table.rows[1].cells]
    assert texts[0] == "Set-up" and texts[-1] == "37–41"
    assert table.cell(4, 0).text == "Set-up"  # merged over the stage's four rows


def test_table2_escapes_hostile_labels():
    scheme = parse_scheme(SMALL.replace("Reach patients", "<img src=x onerror=alert(1)> | pipe"))
    c = make_coding(scheme, pd.DataFrame({"study_id": ["1"]}),
                    pd.DataFrame({"study_id": ["1"], "dimension": ["fw"], "code": ["s1.rec.a"]}))
    html = table2_html(c)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "<b>small" not in html
    md = table2_markdown(c)
    assert "\\<img" in md and "\\| pipe" in md and not re.search(r"(?<!\\)<img", md)


def test_table2_markdown_shows_labels_as_written():
    """A construct or challenge may hold Markdown's markup characters ("*Trust*", "data_sharing", "<b>",
    "R&D"); rendered, Table 2 shows them as the scheme writes them, in the cells of the right columns."""
    mistune = pytest.importorskip("mistune", reason="mistune (installed with JupyterLab's nbconvert) renders Markdown")
    # escape=False: raw HTML passes, as in JupyterLab and on GitHub
    scheme = parse_scheme(SMALL.replace("Reach patients", "*Trust* in data_sharing, <b>R&D</b> [1]")
                          .replace("Recruitment", "Recruit_ment | pipe"))
    c = make_coding(scheme, pd.DataFrame({"study_id": ["1"]}),
                    pd.DataFrame({"study_id": ["1"], "dimension": ["fw"], "code": ["s1.rec.a"]}))
    rendered = mistune.create_markdown(escape=False, plugins=["table"])(table2_markdown(c))
    assert "<em>" not in rendered and "<b>" not in rendered and "<strong>small" not in rendered
    assert "<td>*Trust* in data_sharing, &lt;b&gt;R&amp;D&lt;/b&gt; [1]</td>" in rendered
    assert "<td>Recruit_ment | pipe</td>" in rendered
    frame = table2_frame(c)  # no cell split by the "|": as many cells as the table has
    columns = len(frame.columns) - 2  # less the code and study ids, kept for the CSV
    assert rendered.count("<th>") == columns and rendered.count("<td>") == columns * len(frame)


def test_a_code_whose_value_was_renamed_says_how_to_keep_it():
    """Renaming a value's ID in the scheme (c2: 'crime' to 'criminal', seven studies in) stopped the build with
    "did you mean 'criminal'?", which reads as a typo in the log; the way to keep the codes, a 'was:' line,
    was only in the README."""
    scheme = parse_scheme("dimension harms: Harms\n  levels: domain > harm\n  domain criminal: Crime\n"
                          "  domain fin: Money\n    harm debts: Debt\n")
    with pytest.raises(SchemeError) as err:
        scheme.value("harms", "crime")
    assert "did you mean 'criminal'? (if the scheme renamed 'crime' to 'criminal', the line 'was: crime'" in str(err.value)
    with pytest.raises(SchemeError, match="the line 'was: debt' under 'debts'"):
        scheme.value("harms", "fin.debt")


def test_a_value_moved_under_another_parent_keeps_its_codes_with_its_whole_old_path():
    """c2 moved 'Shame and stigma' from the psychological domain to the cultural one: 'was: shame' under it made
    'cultural.shame' of 'shame' only, so the two studies coded 'psychological.shame' stopped the build, which
    suggested 'psychological' (dropping the harm). 'was: psychological.shame' now names the old path, and the
    message says so."""
    text = ("dimension harms: Harms\n  levels: domain > harm > kind\n  domain psychological: Distress\n"
            "  domain cultural: Cultural harm\n    harm shame: Shame\n      was: psychological.shame\n"
            "      kind public: Public shame\n")
    scheme = parse_scheme(text)
    assert scheme.canonical("harms", "psychological.shame") == "cultural.shame"
    assert scheme.canonical("harms", "psychological.shame.public") == "cultural.shame.public"
    assert scheme.canonical("harms", "cultural") == "cultural"
    before = parse_scheme(text.replace("      was: psychological.shame\n", ""))
    with pytest.raises(SchemeError, match=r"did you mean 'cultural.shame'\? \(if the scheme moved it there, the "
                                          r"line 'was: psychological.shame' under 'shame' keeps its codes\)"):
        before.value("harms", "psychological.shame")


def test_table2_marks_a_retired_value_as_the_maps_do():
    """A challenge retired between rounds keeps its studies in Table 2; the maps call it "(retired)" and Table 2
    named it as if it were still coded (c2's walk)."""
    scheme = parse_scheme(SMALL.replace("      challenge b: Reach staff\n", "      challenge b: Reach staff\n        retired: 2027-05\n"))
    c = make_coding(scheme, pd.DataFrame({"study_id": ["1", "2"]}),
                    pd.DataFrame({"study_id": ["1", "2"], "dimension": ["fw", "fw"], "code": ["s1.rec.a", "s1.rec.b"]}))
    frame = table2_frame(c)
    assert frame.set_index("code").loc["s1.rec.b", "Challenge"] == "Reach staff (retired)"
    assert frame.set_index("code").loc["s1.rec.a", "Challenge"] == "Reach patients"


def test_a_library_study_without_authors_is_cited_by_its_titles_first_words():
    """w7 coded a record without authors (an unsigned report) from the library: Table 2 and the networks called
    it "2021", which no reader can find among the references. It is cited by the first words of its title, as a
    citation without authors is; one with authors keeps "author year", and one with neither keeps its ID."""
    from synthesis.coding.scheme import parse_scheme
    from synthesis.coding.studies import make_coding

    studies = pd.DataFrame({"study_id": ["g1", "g2", "g3"], "record_id": ["g1", "g2", "g3"],
                            "author": ["", "Mensah et al.", ""], "year": ["2021", "2021", ""],
                            "title": ["Harms of gambling in Wales: a report", "A survey", ""]})
    scheme = parse_scheme("dimension f: F\n  levels: stage\n  stage a: A")
    labels = make_coding(scheme, studies, pd.DataFrame({"study_id": studies["study_id"], "code": "a"})).study_labels()
    assert labels == {"g1": "“Harms of gambling in…” 2021", "g2": "Mensah et al. 2021", "g3": "g3"}
