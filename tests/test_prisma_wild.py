"""PRISMA2020 templates as authors fill them in the wild (the R package / Shiny app CSV): saved by Excel with ';',
notes beside the count column, "0" where the names go, totals of a new review typed but never drawn, wording
typed over several lines. Each file is inline, cut down to the rows that matter (the R package, like our
reader, takes a missing row as not given); the public files they come from are read whole by the last test."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from synthesis.cli import main
from synthesis.prisma import PrismaCounts, PrismaInputError, check, draw, read_counts, read_rounds, read_rtemplate

HELDOUT = Path(__file__).resolve().parents[2] / "heldout" / "w36"

HEAD = "data,node,box,description,boxtext,tooltips,url,n"


def template(path: Path, rows: list[str], head: str = HEAD, separator: str = ",", bom: bool = False) -> Path:
    """Write ``rows`` (R template rows as the R package writes them) under ``head``, re-saved with ``separator``
    and CRLF as a spreadsheet saves them."""
    table = list(csv.reader(io.StringIO("\n".join([head] + rows))))
    buf = io.StringIO()
    csv.writer(buf, delimiter=separator, lineterminator="\r\n").writerows(table)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))
    return path


# A new review (mmotalora/Fragility-Index-Thesis, data/PRISMA.csv, cut down): databases, one other method,
# reasons in both columns, "Multiple submission,10" typed without a space.
FRAGILITY = [
    'NA,node4,prevstud,"Grey title box; Previous studies",Previous studies,"Grey title box; Previous studies",'
    'prevstud.html,0',
    'database_results,node7,box2,Records identified from: Databases,Databases,NA,database_results.html,2706',
    'database_specific_results,NA,box2,Records identified from: specific databases,Specific Databases,NA,'
    'database_results.html,"EMBASE, 1670; PubMed, 871; TRIP Database, 165"',
    'website_results,node17,box11,Records identified from: Websites,Societies Websites,NA,website_results.html,228',
    'duplicates,node8,box3,Duplicate records,Duplicate records,Duplicate records,duplicates.html,1038',
    'records_screened,node9,box4,Records screened,Records screened,NA,records_screened.html,1668',
    'records_excluded,node10,box5,Records excluded,Records excluded,NA,records_excluded.html,1544',
    'dbr_sought_reports,node11,box6,Reports sought,Reports sought for retrieval,NA,dbr_sought_reports.html,124',
    'dbr_notretrieved_reports,node12,box7,Reports not retrieved,Reports not retrieved,NA,x.html,0',
    'other_sought_reports,node18,box12,Reports sought (other),Reports sought for retrieval,NA,x.html,228',
    'other_notretrieved_reports,node19,box13,Reports not retrieved (other),Reports not retrieved,NA,x.html,0',
    'dbr_assessed,node13,box8,Reports assessed,Reports assessed for eligibility,NA,dbr_assessed.html,124',
    'dbr_excluded,node14,box9,"Reports excluded: [separate reasons and numbers using ; e.g. Reason1, xxx]",'
    'Reports excluded,NA,x.html,"Consensus/Practice Advisory, 42; Old version, 5; Non-English speaking societies, 1; '
    'Editorial, 2; Multiple submission,10"',
    'other_assessed,node20,box14,Reports assessed (other),Reports assessed for eligibility,NA,x.html,228',
    'other_excluded,node21,box15,Reports excluded (other),Reports excluded,NA,x.html,'
    '"Duplicate, 127; Date of Publication, 68; Expert Opinion, 33"',
    'new_studies,node15,box10,New studies included in review,New studies included in review,NA,x.html,64',
    'new_reports,NA,box10,Reports of new included studies,Reports of new included studies,NA,NA,64',
]


@pytest.mark.parametrize("separator,bom", [(";", False), (";", True), ("\t", False)], ids=["semicolon", "excel-bom", "tab"])
def test_a_template_saved_with_semicolons_or_tabs_is_read_as_the_comma_one(tmp_path, capsys, separator, bom):
    # Excel where the decimal mark is a comma saves ';' (the thesis's own file); "Unicode Text" and a copy out of
    # a sheet give tabs. Both were refused: "expected the header 'field,name,n' or ... (got 'data;node;box;...')"
    comma = read_counts(template(tmp_path / "comma.csv", FRAGILITY))
    saved = read_counts(template(tmp_path / "saved.csv", FRAGILITY, separator=separator, bom=bom))
    assert saved.database_specific_results == [("EMBASE", 1670), ("PubMed", 871), ("TRIP Database", 165)]
    assert saved.dbr_excluded == 60 and saved.dbr_excluded_reasons[-1] == ("Multiple submission", 10)
    assert saved.labels == comma.labels == {"website_results": "Societies Websites"}
    assert {k: v for k, v in vars(saved).items() if k != "source"} == \
        {k: v for k, v in vars(comma).items() if k != "source"}
    assert main(["prisma", str(tmp_path / "saved.csv"), "--check"]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_a_column_beside_n_is_a_note_not_a_search_round(tmp_path, capsys):
    # The R package reads the column named n only; an author's "notes" column after it made every command refuse
    # the file: "line 3, column 'notes': database_results: a count must be a whole number (got 'checked ...')"
    head = HEAD + ",notes,n_2023"
    rows = [row + (",checked 2025-03-01,2001" if row.startswith("database_results") else ",,") for row in FRAGILITY]
    path = template(tmp_path / "PRISMA.csv", rows, head=head)
    counts = read_counts(path)
    assert counts.database_results == 2706 and counts.new_studies == 64
    assert [name for name, _ in read_rounds(path)] == ["n"]
    assert read_rtemplate(path, column="n").database_results == 2706
    # as a spreadsheet capitalises the header
    capital = template(tmp_path / "Capital.csv", rows, head=head.title())
    assert [name for name, _ in read_rounds(capital)] == ["N"] and read_counts(capital).new_studies == 64
    assert main(["prisma", str(path), "--check"]) == 0
    capsys.readouterr()


def test_a_living_template_still_has_one_round_a_column(tmp_path):
    # livingPRISMAflow names its count columns by round and has no n: every column stays a round
    path = tmp_path / "living.csv"
    path.write_text("data,node,box,description,boxtext,tooltips,url,Base,Updates\r\n"
                    "database_results,node7,box2,Databases,Databases,NA,NA,100,35\r\n", encoding="utf-8")
    assert [(n, c.database_results) for n, c in read_rounds(path)] == [("Base", 100), ("Updates", 35)]


def test_zero_where_the_names_of_the_registers_go_means_none_listed(tmp_path):
    # A review drawn with the R package (detail_registers = FALSE) had "0" in register_specific_results; it was
    # refused: "entry '0' is not 'Name, n'"
    rows = FRAGILITY + [
        'register_results,NA,box2,Records identified from: Registers,Registers,NA,NA,NA',
        'register_specific_results,NA,box2,Records identified from: specific registers,Specific Registers,NA,'
        'database_results.html,0',
    ]
    counts = read_rtemplate(template(tmp_path / "PRISMA.csv", rows))
    assert counts.register_specific_results is None and counts.register_results is None
    # a count with no name is still not a list: it says which row and what is wrong
    rows[-1] = rows[-1][:-1] + "27"
    with pytest.raises(PrismaInputError, match=r"PRISMA.csv, line \d+: register_specific_results: entry '27'"):
        read_rtemplate(template(tmp_path / "PRISMA.csv", rows))


def test_the_total_boxes_a_new_review_does_not_draw_are_not_checked(tmp_path):
    # MiiroEm/DR-epTB-review: a new review whose form kept total_reports 0 beside total_studies 18. The diagram
    # draws no total box, yet it was flagged NOT VALID: "total studies 18 is more than total reports 0"
    rows = [r.replace(",228", ",0") if r.startswith(("website", "other_")) else r for r in FRAGILITY]
    rows = [r for r in rows if not r.startswith(("other_excluded", "dbr_excluded"))] + [
        'dbr_excluded,node14,box9,Reports excluded,Reports excluded,NA,x.html,"Off topic, 60"',
        'total_studies,node22,box16,Total studies included in review,Total studies,NA,x.html,64',
        'total_reports,NA,box16,Reports of total included studies,Reports of total included studies,NA,NA,0',
        'total_studies_ma,node23,box17,Total studies included in meta-analysis,Meta-analysis,NA,x.html,12',
        'previous_studies,node5,box1,Studies included in previous version,Previous studies,NA,x.html,0',
        'previous_reports,NA,box1,Reports of studies included in previous version,Previous reports,NA,NA,',
    ]
    counts = read_rtemplate(template(tmp_path / "PRISMA.csv", rows))
    assert counts.has_other_methods is False
    report = check(counts)
    assert report.template == "new_dbr" and report.ok, str(report)
    assert draw(counts).report.ok
    # an updated review draws them, and there the same numbers are wrong
    assert "total_studies_le_reports" in {f.rule for f in check(counts, "updated_dbr").errors}


def test_a_failing_zero_says_it_may_be_the_template_s(tmp_path):
    # Fragility thesis: new_reports kept the template's 0 beside 64 studies; the error now says how to say "not known"
    rows = [r[: r.rindex(",")] + ",0" if r.startswith("new_reports") else r for r in FRAGILITY]
    errors = check(read_rtemplate(template(tmp_path / "PRISMA.csv", rows))).errors
    assert {f.rule for f in errors} == {"included_reports", "new_studies_le_reports"}
    assert all("a 0 left from the template? Leave a count not known empty" in f.message for f in errors)
    # where the sum is wrong upstream (livingPRISMAflow's approach4: 1 assessed, 2 excluded, 0 included) 0 is no hint
    wrong = check(PrismaCounts(dbr_assessed=1, dbr_excluded=2, new_reports=0, new_studies=0)).errors
    assert wrong and not any("template" in f.message for f in wrong)
    # an empty cell is no count: the line is hidden, nothing is checked against it
    rows = [r[: r.rindex(",")] + "," if r.startswith("new_reports") else r for r in FRAGILITY]
    counts = read_rtemplate(template(tmp_path / "PRISMA.csv", rows))
    assert counts.new_reports is None and check(counts).ok


def test_wording_typed_over_several_lines_keeps_its_lines(tmp_path):
    # geokshitij/PRISMA2020: "Records excluded:" then one reason a line in the boxtext; the diagram ran them into
    # one line ending "No Earth Observation input (n = 20) (n = 356)", the box's count read as the last reason's
    rows = [
        'database_results,node7,box2,Records identified from: Databases,Databases,NA,x.html,611',
        'duplicates,node8,box3,Duplicate records,Duplicate records,NA,x.html,173',
        'records_screened,node9,box4,Records screened,Records screened,NA,x.html,438',
        'records_excluded,node10,box5,Records excluded,"Records excluded:\n- Not streamflow-focused (n = 232)\n'
        '- No machine-learning approach (n = 104)\n- No Earth Observation input (n = 20)",NA,x.html,356',
    ]
    counts = read_rtemplate(template(tmp_path / "PRISMA.csv", rows))
    assert draw(counts, allow_failing=True).boxes["records_excluded"].lines == [
        "Records excluded:", "- Not streamflow-focused (n = 232)", "- No machine-learning approach (n = 104)",
        "- No Earth Observation input (n = 20)", "(n = 356)"]


def test_the_meta_analysis_rows_left_at_the_template_s_0_draw_no_box(tmp_path):
    # The R template (v1.1.4) ships total_studies_ma / total_reports_ma = 0 after the phase rows; every form
    # filled without touching them (revisia writes 0 there when there was no meta-analysis) got a box
    # "Studies included in meta-analysis (n = 0)" under its included studies
    ma = ['total_studies_ma,node23,box17,Total studies included in meta-analysis,Total studies included in '
          'meta-analysis,NA,x.html,{}',
          'total_reports_ma,NA,box17,Reports of total included studies in meta-analysis,Reports of total included '
          'studies in meta-analysis,NA,NA,{}']
    untouched = read_rtemplate(template(tmp_path / "PRISMA.csv", FRAGILITY + [r.format(0) for r in ma]))
    assert untouched.total_studies_ma == 0
    assert "meta_analysis" not in draw(untouched).boxes
    filled = read_rtemplate(template(tmp_path / "PRISMA.csv", FRAGILITY + [ma[0].format(12), ma[1].format("")]))
    assert " ".join(draw(filled).boxes["meta_analysis"].lines) == "Studies included in meta-analysis (n = 12)"


def test_template_wording_split_at_its_comma_by_an_exporter_is_put_back(tmp_path):
    # A PT-BR web app exports the template joining cells with ',' unquoted: the website_results tooltip "Records
    # identified from: Websites, Organisations and Citation Searching" becomes two cells, the count moves out of n,
    # and the file was refused: "website_results: a count must be a whole number (got 'website_results.html')"
    rows = FRAGILITY + [
        'citations_results,NA,box11,Records identified from: Citation searching,Citation searching,NA,NA,6',
        'organisation_results,,box11,Records identified from: Organisations,Organisations,NA,NA,0']
    rows[3] = ('website_results,node17,box11,Records identified from: Websites,Websites,Records identified from: '
               'Websites, Organisations and Citation Searching,website_results.html,222')
    path = tmp_path / "PRISMA2020_2026-12-07.csv"
    path.write_text("\n".join([HEAD] + rows), encoding="utf-8")
    counts = read_counts(path)
    assert (counts.website_results, counts.citations_results, counts.organisation_results) == (222, 6, 0)
    # an extra cell no template wording explains is refused in one line naming the row
    rows[4] = 'duplicates,node8,box3,Duplicate records,Duplicates, found by Zotero,NA,duplicates.html,1038'
    path.write_text("\n".join([HEAD] + rows), encoding="utf-8")
    with pytest.raises(PrismaInputError, match=r"PRISMA2020_2026-12-07.csv, line 6: 9 cells where the header has 8: "
                                               r"a cell holding ',' without quotes around it\? \(row 'duplicates'"):
        read_counts(path)


def test_databases_listed_with_their_total_left_empty_count_as_listed(tmp_path):
    # database_results empty, "EMBASE, 1670; PubMed, 871; TRIP Database, 165" beside it and registers 0: the
    # databases were taken as none, and "identified 0 (registers 0) - duplicates 1038" failed the records screened
    rows = [r[: r.rindex(",")] + "," if r.startswith("database_results") else r for r in FRAGILITY]
    rows.append('register_results,NA,box2,Records identified from: Registers,Registers,NA,NA,0')
    counts = read_rtemplate(template(tmp_path / "PRISMA.csv", rows))
    assert counts.database_results == 2706 and counts.identified_dbr == 2706
    assert "screened" not in {f.rule for f in check(counts).errors}


def test_the_row_numbers_r_s_write_csv_adds_are_not_a_column_of_the_template(tmp_path):
    # write.csv(data, "PRISMA.csv") without row.names = FALSE: a nameless first column of row numbers, every cell
    # quoted; the file was refused ("not a PRISMA2020 template: the header must start with data,node,...")
    table = list(csv.reader(io.StringIO("\n".join([HEAD] + FRAGILITY))))
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(
        [[""] + table[0]] + [[str(i)] + row for i, row in enumerate(table[1:], start=1)])
    path = tmp_path / "PRISMA.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    counts = read_counts(path)
    assert counts.database_results == 2706 and counts.labels == {"website_results": "Societies Websites"}
    assert [name for name, _ in read_rounds(path)] == ["n"]


def test_reasons_typed_one_a_line_in_their_cell_are_separate_reasons(tmp_path):
    # Alt+Enter between the reasons in Excel: "Wrong population, 3\nWrong design, 2" was read as ONE reason named
    # "Wrong population, 3\nWrong design" with 2 reports, and the box as 2 reports excluded
    rows = [r for r in FRAGILITY if not r.startswith("dbr_excluded")] + [
        'dbr_excluded,node14,box9,Reports excluded,Reports excluded,NA,x.html,"Consensus/Practice Advisory, 42\n'
        'Old version, 5\r\nNon-English speaking societies, 1\nEditorial, 2\nMultiple submission, 10\n"']
    path = tmp_path / "PRISMA.csv"
    path.write_text("\n".join([HEAD] + rows), encoding="utf-8")
    counts = read_counts(path)
    assert counts.dbr_excluded == 60 and len(counts.dbr_excluded_reasons) == 5
    assert counts.dbr_excluded_reasons[1] == ("Old version", 5)


def test_counts_pandas_wrote_as_floats_are_read_and_a_european_thousand_is_refused(tmp_path):
    # the template read and re-written with pandas: a count column with an empty cell comes back "1038.0"
    # (the R package reads it as 1038; it was refused: "a count must be a whole number (got '1038.0')")
    rows = [r + ".0" if r.startswith(("duplicates", "records_screened")) else r for r in FRAGILITY]
    counts = read_counts(template(tmp_path / "PRISMA.csv", rows))
    assert (counts.duplicates, counts.records_screened) == (1038, 1668)
    rows = [r[: r.rindex(",")] + ',"1.038"' if r.startswith("duplicates") else r for r in FRAGILITY]
    with pytest.raises(PrismaInputError, match=r"line \d+: duplicates: a count must be a whole number \(got '1.038'\)"):
        read_counts(template(tmp_path / "PRISMA.csv", rows))


def test_a_quote_left_open_is_refused_in_one_line_naming_the_row(tmp_path):
    # '"Embase, 1902' without its closing quote: the rows below were read into the cell, and the error quoted three
    # rows of the file over three lines, at the line where the swallowing ended ("line 9: ... (got 'Register 1')")
    rows = FRAGILITY[:2] + ['database_specific_results,NA,box2,Specific databases,Specific Databases,NA,x.html,'
                            '"EMBASE, 1670; PubMed, 871; TRIP Database, 165'] + FRAGILITY[3:]
    path = tmp_path / "PRISMA.csv"
    path.write_text("\r\n".join([HEAD] + rows) + "\r\n", encoding="utf-8")
    with pytest.raises(PrismaInputError) as raised:
        read_counts(path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{path}, line 4: a quote (\") opened in this row is not closed")
    assert "'website_results'" in message


def test_a_row_with_a_cell_of_several_lines_is_named_by_its_first_line(tmp_path):
    # a tooltip typed over three lines: an error in that row named the line where the tooltip ended
    rows = ['duplicates,node8,box3,Duplicate records,Duplicate records,NA,x.html,173',
            'database_results,node7,box2,Records identified,Databases,"Scopus, 2025-11-05\nhits: 611\nkept: 438",x,6 11']
    path = tmp_path / "PRISMA.csv"
    path.write_text("\n".join([HEAD] + rows) + "\n", encoding="utf-8")
    with pytest.raises(PrismaInputError, match=r"PRISMA.csv, line 3: database_results: a count must be a whole"):
        read_counts(path)


def test_the_sep_line_spreadsheets_read_is_skipped(tmp_path):
    # "sep=;" first tells Excel the separator; the file was refused ("expected the header ... (got 'sep=;')")
    path = template(tmp_path / "PRISMA.csv", FRAGILITY, separator=";")
    path.write_bytes(b"sep=;\r\n" + path.read_bytes())
    assert read_counts(path).database_results == 2706
    bad = tmp_path / "bad.csv"
    bad.write_text("sep=;\r\ndata;node;box\r\n", encoding="utf-8")
    with pytest.raises(PrismaInputError, match=r"bad.csv, line 2: not a PRISMA2020 template"):
        read_counts(bad)


@pytest.mark.skipif(not HELDOUT.is_dir(), reason="the public PRISMA2020 templates collected by w36 are not in "
                                                 "../heldout/w36 (see its PROVENANCE.tsv)")
def test_every_collected_public_template_is_read_checked_and_drawn(tmp_path, capsys):
    files = sorted(HELDOUT.glob("*.csv"))
    assert len(files) >= 12
    for path in files:
        status = main(["prisma", str(path), "--check"])
        out, err = capsys.readouterr()
        assert status in (0, 1), f"{path.name}: {err}"
        assert "Traceback" not in out + err
        counts = read_counts(path)
        draw(counts, allow_failing=True).save(str(tmp_path / f"{path.stem}.svg"))


def test_a_living_template_with_an_empty_column_for_the_next_round_is_checked_round_by_round(shared_data, tmp_path,
                                                                                              capsys):
    """w36: a livingPRISMAflow file with a column made ready for the next round, still empty, made `--check`
    refuse the whole file; the rounds that have counts are checked, and the empty one is named as not yet done.
    An empty column between two rounds with counts is still refused (a round lost?)."""
    table = list(csv.reader(io.StringIO((shared_data / "prisma" / "living" / "approach3.csv").read_text(
        encoding="utf-8"))))

    def write(name: str, rows: list) -> Path:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        (tmp_path / name).write_text(buf.getvalue(), encoding="utf-8")
        return tmp_path / name

    ready = write("ready.csv", [table[0] + ["Update 2"]] + [row + [""] for row in table[1:]])
    assert main(["prisma", str(ready), "--check"]) == 1  # Updates fails its checks, as in the file without it
    out, err = capsys.readouterr()
    assert "[Base]" in out and "[Updates]" in err
    assert f"{ready} [Update 2]: no counts yet (every box is empty): not checked" in out
    gap = write("gap.csv", [table[0][:-1] + ["Update 1", table[0][-1]]] + [row[:-1] + ["", row[-1]] for row in table[1:]])
    assert main(["prisma", str(gap), "--check"]) == 2
    assert "column 'Update 1' has no counts (every box is empty)" in capsys.readouterr().err


def test_a_template_with_every_box_still_0_is_warned_about(shared_data, tmp_path, capsys):
    """w36: the R package's template as downloaded (0 in every box) drew a diagram of zeros and `--check` said
    nothing: every sum of zeros holds. A count of 0 in every box is a template not filled in yet, or so it looks."""
    table = list(csv.reader(io.StringIO((shared_data / "prisma" / "PRISMA2020_template.csv").read_text(
        encoding="utf-8-sig"))))
    # the template as the R package ships it: 0 in every box, "Database 1, xxx; ..." in the lists, which an author
    # who fills in nothing else clears
    rows = [table[0]] + [row[:7] + ["" if "xxx" in row[7] else row[7]] + row[8:] for row in table[1:]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (tmp_path / "zeros.csv").write_text(buf.getvalue(), encoding="utf-8")
    counts = read_rtemplate(tmp_path / "zeros.csv")
    assert counts.database_results == 0 and counts.records_screened == 0
    assert main(["prisma", str(tmp_path / "zeros.csv"), "--check"]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert "warning: every box is 0: the template not filled in yet?" in out, out
    assert main(["prisma", str(tmp_path / "zeros.csv"), "--check", "--strict"]) == 1
    one = check(PrismaCounts(database_results=0, records_screened=0, new_studies=0, previous_studies=3))
    assert not [f for f in one.findings if f.rule == "all_zero"]  # a round that found nothing new: no warning
