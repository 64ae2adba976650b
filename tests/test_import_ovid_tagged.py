"""Two export layouts that used to be read wrongly or not at all (issue 12), each from a small snippet written
here in the layout of a real export:

* Web of Science plain text saved without its ``FN``/``VR`` header (one record copied out of an export):
  it starts at ``PT J``;
* Ovid's tagged export ("Direct Export", "Citation (Ovid tagged)", the ``.cgi``/``.ovd`` files that
  EndNote and Citavi take): ``<3001. >`` record markers, then ``XX  - value`` tag lines.
"""
from __future__ import annotations

from pathlib import Path

from synthesis.io import detect_format, read_file


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- Web of Science plain text without its header -------------------------------------------------------

WOS_NO_HEADER = ("PT J\nAU Wodarz, S\n   Homma, T\nAF Wodarz, Siggi\n   Homma, Takayuki\n"
                 "TI Structural control of ultra-fine CoPt nanodot arrays via\n   electrodeposition process\n"
                 "SO JOURNAL OF MAGNETISM AND MAGNETIC MATERIALS\nLA English\nDT Article\nPY 2017\nVL 430\n"
                 "BP 52\nEP 58\nDI 10.1016/j.jmmm.2017.01.061\nUT WOS:000397201600008\nER\n")


def test_wos_plain_text_without_its_header_is_read_as_wos(tmp_path):
    table, report = read_file(_write(tmp_path, "single-article.txt", WOS_NO_HEADER))
    assert report.format == "wos_plaintext" and (report.found, report.imported) == (1, 1), report.summary()
    assert not report.warnings and report.database == "Web of Science"
    rec = table.iloc[0]
    assert rec["title"] == "Structural control of ultra-fine CoPt nanodot arrays via electrodeposition process"
    assert rec["authors"] == ["Wodarz, S.", "Homma, T."]
    assert (rec["year"], rec["volume"], rec["pages"], rec["doi"], rec["source_id"]) == (
        2017, "430", "52-58", "10.1016/j.jmmm.2017.01.061", "WOS:000397201600008")
    # A PT tag in RIS or MEDLINE is not a WoS record's start
    assert detect_format("TY  - JOUR\nPT  - J\nTI  - A\nER  - \n", "x.ris") == "ris"
    assert detect_format("PT  - Journal Article\nTI  - A\nAU  - Smith J\nSO  - J. 2020.\n", "x.txt") == "medline"


def test_wos_plain_text_without_header_or_er_reports_the_record_cut_off(tmp_path):
    text = WOS_NO_HEADER[: WOS_NO_HEADER.index("DI ")]  # the file stops before the record's ER
    table, report = read_file(_write(tmp_path, "cut.txt", text))
    assert report.format == "wos_plaintext" and (report.found, report.imported) == (1, 0), report.summary()
    assert report.rejected[0].line == 1 and "no ER line" in report.rejected[0].reason



# ---- Ovid tagged -------------------------------------------------------------------------------------------

#: Two Embase records as Ovid's "Complete Reference" export writes them for EndNote (.cgi): the abstract's
#: paragraphs start at the margin, the second affiliation is indented, the journal is only in SO.
EMBASE_CGI = """<3001. >
VN  - Ovid Technologies
DB  - Embase
UI  - 621381829
ST  - CONFERENCE ABSTRACT
TI  - Quality of life in patients with primary ciliary dyskinesia: A systematic review.
SO  - BMC Proceedings. Conference: 2nd BEAT-PCD Conference and 3rd PCD Training School: Part 2. Spain. 12 (Supplement 3) (no pagination), 2018. Date of Publication: 2018.
AU  - Behan L.
AU  - Lucas J.S.
IN  - (Behan, Lucas) NIHR Southampton Biomedical Research Centre, Southampton, United Kingdom
      (Behan) School of Applied Psychology, University College Cork, Cork, Ireland
MH  - adult
MH  - *quality of life
AB  - Background: As in most rare diseases, little is known. 
Method(s): We searched MEDLINE and EMBASE. 
Conclusion(s): Quality of life decreases with age.
IS  - 1753-6561
DO  - http://dx.doi.org/10.1186/s12919-018-0099-8
LG  - English
PT  - Conference Abstract
YR  - 2018
CR  - Copyright 2018 Elsevier B.V., All rights reserved.

<3002. >
VN  - Ovid Technologies
DB  - Embase
UI  - 621381823
ST  - CONFERENCE ABSTRACT
TI  - Development of a bioinformatics analysis method for diagnosis of.
SO  - Respiratory Medicine. 141 (4) (pp 12-9), 2018. Date of Publication: August 2018.
AU  - Dyskinesia P.C.
AU  - van der Berg J.
AB  - Primary ciliary dyskinesia is a rare disease.
LG  - English
PT  - Journal: Article
YR  - 2018
CR  - Copyright 2018 Elsevier B.V., All rights reserved.


"""
#: The same records as Ovid writes them for Citavi (.ovd): the abstract on one line.
EMBASE_OVD = EMBASE_CGI.replace(" \nMethod(s)", " Method(s)").replace(" \nConclusion(s)", " Conclusion(s)")

COLUMNS = ["title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "source_id", "language",
           "source_database"]


def _fields(table):
    return [tuple(rec[c] for c in COLUMNS) for _, rec in table.iterrows()]


def test_embase_tagged_export_reads_every_field_in_both_layouts(tmp_path):
    expected = [
        ("Quality of life in patients with primary ciliary dyskinesia: A systematic review.",
         ["Behan, L.", "Lucas, J. S."], 2018, "BMC Proceedings", "12", "Supplement 3", "",
         "10.1186/s12919-018-0099-8", "621381829", "English", "Embase (Ovid)"),
        ("Development of a bioinformatics analysis method for diagnosis of.", ["Dyskinesia, P. C.", "van der Berg, J."],
         2018, "Respiratory Medicine", "141", "4", "12-19", "", "621381823", "English", "Embase (Ovid)"),
    ]
    tables = []
    for name, text in (("Embase_endnote_r3001-3002.cgi", EMBASE_CGI), ("Embase_citavi_r3001-3002.ovd", EMBASE_OVD)):
        table, report = read_file(_write(tmp_path, name, text))
        assert report.format == "ovid_tagged" and report.database == "Embase (Ovid)", report.summary()
        assert (report.found, report.imported, report.rejected, report.warnings) == (2, 2, [], []), report.summary()
        assert _fields(table) == expected
        first = table.iloc[0]
        assert first["abstract"] == ("Background: As in most rare diseases, little is known. Method(s): We searched "
                                     "MEDLINE and EMBASE. Conclusion(s): Quality of life decreases with age.")
        assert first["keywords"] == ["adult", "quality of life"] and first["type"] == "Conference Abstract"
        assert first["isbn_issn"] == "1753-6561" and first["pmid"] == ""
        assert [r["_number"] for r in table["raw"]] == ["3001", "3002"]
        assert len(first["raw"]["IN"]) == 2 and first["raw"]["MH"] == ["adult", "*quality of life"]
        tables.append(table)
    assert list(tables[0]["record_id"]) == list(tables[1]["record_id"])  # the same records, whichever layout


#: Ovid MEDLINE: full names in FA besides MEDLINE's AU, the PubMed id in UI, the journal in SO only.
OVID_MEDLINE = """<1. >
VN  - Ovid Technologies
DB  - Ovid MEDLINE(R) ALL
UI  - 28919116
TI  - Global, regional, and national burden of tuberculosis.
FA  - Smith, John A
FA  - Lee, Kim
AU  - Smith JA
AU  - Lee K
SO  - Lancet. 390(10100):1151-210, 2017 Sep 16.
AB  - A long abstract that Ovid wraps
      onto a second line.
LG  - English
PT  - Journal Article
MH  - *Global Health
MH  - Humans
KW  - burden; tuberculosis
DO  - https://dx.doi.org/10.1016/S0140-6736(17)32152-9
YR  - 2017
XL  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medl&NEWS=N&AN=28919116

<2. >
VN  - Ovid Technologies
DB  - Ovid MEDLINE(R) ALL
UI  - 30000001
TI  - A Cochrane review.
AU  - Park M
SO  - Cochrane Database of Systematic Reviews. 2:CD001234, 2019 Feb 01.
LG  - English
XL  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medl&NEWS=N&AN=30000001
"""


def test_ovid_medline_record_takes_full_names_pubmed_id_and_source(tmp_path):
    table, report = read_file(_write(tmp_path, "medline.txt", OVID_MEDLINE))
    assert report.format == "ovid_tagged" and report.database == "MEDLINE (Ovid)", report.summary()
    assert (report.found, report.imported, report.warnings) == (2, 2, []), report.summary()
    rec = table.iloc[0]
    assert rec["authors"] == ["Smith, J. A.", "Lee, K."]
    assert (rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["year"]) == (
        "Lancet", "390", "10100", "1151-1210", 2017)
    assert (rec["pmid"], rec["source_id"], rec["doi"]) == ("28919116", "28919116", "10.1016/s0140-6736(17)32152-9")
    assert rec["abstract"] == "A long abstract that Ovid wraps onto a second line."
    assert rec["keywords"] == ["burden", "tuberculosis", "Global Health", "Humans"]
    assert rec["url"].startswith("http://ovidsp.ovid.com/") and rec["type"] == "Journal Article"
    second = table.iloc[1]
    assert second["authors"] == ["Park, M."]  # no FA: MEDLINE's AU, family name and initials
    assert (second["journal"], second["volume"], second["pages"], second["year"]) == (
        "Cochrane Database of Systematic Reviews", "2", "CD001234", 2019)


#: APA PsycInfo on Ovid: its own journal, volume, issue and page tags, the accession number with its
#: label, the PubMed id in PM, a type label after the title, affiliations separated by blank lines.
OVID_PSYCINFO = """<7. >
VN  - Ovid Technologies
DB  - APA PsycInfo <1806 to September Week 1 2015>
AN  - Peer Reviewed Journal: 2015-33942-012.
TI  - A comparison of reassurance seeking in OCD and depression. [References].
DP  - Sep 2015
YR  - 2015
LG  - English
AU  - Kobori, Osamu
AU  - Shimizu, Eiji
IN  - Kobori, Osamu: Chiba University, Chiba, Japan

      Shimizu, Eiji: Chiba University, Chiba, Japan
SO  - Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634.
IS  - 1352-4658
PT  - Journal
PT  - Peer Reviewed Journal
DT  - Journal Article
AB  - Background: One of the most common reactions to threat is to seek reassurance.
DO  - http://dx.doi.org/10.1017/S1352465814000277
PM  - 24892981
MH  - *Obsessive Compulsive Disorder
JN  - Behavioural and Cognitive Psychotherapy
VO  - 43
IP  - 5
PG  - 623-634
XL  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=psyc11&AN=2015-33942-012

<8. >
VN  - Ovid Technologies
DB  - APA PsycInfo <1806 to September Week 1 2015>
AN  - Dissertation Abstract: 2016-99010-123.
TI  - A thesis.
AU  - Ewing, Donna L
SO  - Dissertation Abstracts International: Section B. Vol.76(9-B(E)), 2016, pp. No Pagination Specified.
PG  - No Pagination Specified
YR  - 2016
"""


def test_ovid_psycinfo_record_takes_its_own_tags(tmp_path):
    table, report = read_file(_write(tmp_path, "psycinfo.ovd", OVID_PSYCINFO))
    assert report.format == "ovid_tagged" and report.database == "APA PsycInfo (Ovid)", report.summary()
    assert (report.found, report.imported, report.warnings) == (2, 2, []), report.summary()
    rec = table.iloc[0]
    assert rec["title"] == "A comparison of reassurance seeking in OCD and depression."
    assert rec["authors"] == ["Kobori, O.", "Shimizu, E."]
    assert (rec["journal"], rec["volume"], rec["issue"], rec["pages"], rec["year"]) == (
        "Behavioural and Cognitive Psychotherapy", "43", "5", "623-634", 2015)
    assert (rec["source_id"], rec["pmid"], rec["doi"]) == ("2015-33942-012", "24892981", "10.1017/s1352465814000277")
    assert rec["raw"]["IN"] == ["Kobori, Osamu: Chiba University, Chiba, Japan",
                                "Shimizu, Eiji: Chiba University, Chiba, Japan"]
    second = table.iloc[1]
    assert (second["source_id"], second["pages"], second["year"], second["authors"]) == (
        "2016-99010-123", "", 2016, ["Ewing, D. L."])


def test_ovid_tagged_is_told_from_medline_ris_and_ovid_field_labels():
    assert detect_format(EMBASE_CGI, "x.cgi") == "ovid_tagged"
    assert detect_format(OVID_PSYCINFO, "x.txt") == "ovid_tagged"
    without_vn = OVID_MEDLINE.replace("VN  - Ovid Technologies\n", "")
    assert detect_format(without_vn, "x.txt") == "ovid_tagged"  # the <1. > markers
    assert detect_format(without_vn.replace("<1. >\n", "").replace("<2. >\n", ""), "x.txt") == "ovid_tagged"  # DB, UI
    assert detect_format("PMID- 1\nTI  - A\nAU  - Smith J\nDP  - 2020\n", "x.nbib") == "medline"
    assert detect_format("OWN - ERIC\nTI  - A\nAU  - Smith J\nDP  - 2020\n", "x.txt") == "medline"
    assert detect_format("1.\nTY  - JOUR\nDB  - Embase\nTI  - A\nER  - \n", "x.ris") == "ris"
    assert detect_format("<1>\nTitle\n  A trial.\nAuthor\n  Smith, John\n", "x.txt") == "ovid"


def test_ovid_tagged_records_without_markers_start_at_vn(tmp_path):
    text = OVID_MEDLINE.replace("<1. >\n", "").replace("<2. >\n", "")
    table, report = read_file(_write(tmp_path, "pasted.txt", text))
    assert (report.format, report.found, report.imported, report.warnings) == ("ovid_tagged", 2, 2, [])
    assert list(table["source_id"]) == ["28919116", "30000001"]


def test_ovid_tagged_text_outside_the_records_is_named_with_its_line(tmp_path):
    text = "Database: Embase <1974 to 2018 March 26>\nSearch Strategy:\n\n" + EMBASE_OVD
    table, report = read_file(_write(tmp_path, "with_history.cgi", text))
    assert report.imported == 2 and report.reconciles
    assert report.warnings == ["line 1: text outside any record ignored: 'Database: Embase <1974 to 2018 March 26>'",
                               "line 2: text outside any record ignored: 'Search Strategy:'"]


def _cut_points(text: str, start: int):
    """Every point inside a line of the text from ``start`` on (not at a line's start or end)."""
    return [i for i in range(start + 1, len(text.rstrip())) if text[i - 1] != "\n" and text[i] != "\n"]


def test_ovid_tagged_record_cut_off_by_the_end_of_the_file_is_rejected_with_its_line(tmp_path):
    text = EMBASE_CGI.rstrip("\n") + "\n"
    start = text.index("<3002. >")
    start_line = text[:start].count("\n") + 1
    for cut in _cut_points(text, start):
        table, report = read_file(_write(tmp_path, "cut.cgi", text[:cut]))
        assert report.format == "ovid_tagged" and report.reconciles, (cut, report.summary())
        assert (report.found, report.imported) == (2, 1), (cut, text[cut - 20:cut], report.summary())
        assert [(r.index, r.line) for r in report.rejected] == [(2, start_line)], (cut, report.summary())
        assert "ends inside this Ovid tagged record" in report.rejected[0].reason, report.rejected[0]
        assert table.iloc[0]["raw"]["CR"] == "Copyright 2018 Elsevier B.V., All rights reserved."
    # Cut inside the marker of a third record: the two whole records are kept, nothing glued onto them
    for end in ("<", "<30", "<3003.", "<3003. "):
        table, report = read_file(_write(tmp_path, "cut.cgi", text + "\n" + end))
        assert (report.found, report.imported, report.reconciles) == (3, 2, True), (end, report.summary())
        assert report.rejected[0].index == 3 and report.rejected[0].line == text.count("\n") + 2
        assert f"ends inside this Ovid tagged record, in its marker {end!r}" in report.rejected[0].reason
        assert table.iloc[1]["raw"]["CR"] == "Copyright 2018 Elsevier B.V., All rights reserved."
    # A file that ends right after a record's marker
    table, report = read_file(_write(tmp_path, "cut.cgi", text + "\n<3003. >\n"))
    assert (report.found, report.imported, [r.index for r in report.rejected]) == (3, 2, [3]), report.summary()
    # ... or before the field every other record ends with
    table, report = read_file(_write(tmp_path, "cut.cgi", text + "\n" + text.replace("<3001", "<3003")
                                     .replace("<3002", "<3004").split("CR  - ")[0]))
    assert (report.found, report.imported, [r.index for r in report.rejected]) == (3, 2, [3]), report.summary()
    assert "no CR field" in report.rejected[0].reason


def test_each_record_of_a_multi_database_ovid_export_names_its_own_database(tmp_path):
    from synthesis.io import read_exports

    path = _write(tmp_path, "ovid_multifile.txt", EMBASE_CGI + OVID_MEDLINE)
    table, report = read_file(path)
    assert (report.found, report.imported, report.rejected) == (4, 4, []), report.summary()
    assert report.database in ("Embase (Ovid)", "MEDLINE (Ovid)")  # the file's: the one with more signs
    assert list(table["source_database"]) == ["Embase (Ovid)"] * 2 + ["MEDLINE (Ovid)"] * 2
    assert list(read_exports([path]).records["source_database"]) == list(table["source_database"])


#: Journals@Ovid and BIOSIS on Ovid: marks and degrees after authors' names, roles in brackets, another
#: source layout, a full stop after the language and the accession number.
OVID_JOURNALS = """<5. >
VN  - Ovid Technologies
DB  - Journals@Ovid
AN  - 01189059-201108000-00009.
AU  - Zhang, Weijia 1,2,+
AU  - Gazic, Barbara MD, PhD *
AU  - Peterson, James A. Ph.D., FACSM
TI  - Up-regulation of breast cancer resistance protein in MCF7 cells.  [Article]
SO  - Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653
KW  - BCRP;  chemoresistance
LG  - English.
DI  - 10.1093/abbs/gmr050

<241. >
VN  - Ovid Technologies
DB  - BIOSIS Previews
AN  - PREV200400473722
AU  - Werner, S. M. [Author, Reprint Author; E-mail: werner@example.org]
TI  - Comparison of methods for sampling Thysanoptera on basswood trees
SO  - Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.
LG  - English
"""


def test_journals_at_ovid_and_biosis_records(tmp_path):
    table, report = read_file(_write(tmp_path, "journals.txt", OVID_JOURNALS))
    assert (report.format, report.found, report.imported, report.warnings) == ("ovid_tagged", 2, 2, [])
    assert _fields(table) == [
        ("Up-regulation of breast cancer resistance protein in MCF7 cells.",
         ["Zhang, W.", "Gazic, B.", "Peterson, J. A."], 2011, "Acta Biochimica et Biophysica Sinica", "43", "8", "647-653", "10.1093/abbs/gmr050",
         "01189059-201108000-00009", "English", "Journals@Ovid"),
        ("Comparison of methods for sampling Thysanoptera on basswood trees", ["Werner, S. M."], 2004,
         "Forest Ecology & Management", "201", "2-3", "327-334", "", "PREV200400473722", "English",
         "BIOSIS Previews (Ovid)")]
    assert table.iloc[0]["keywords"] == ["BCRP", "chemoresistance"]
