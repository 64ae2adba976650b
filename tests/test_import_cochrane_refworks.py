"""Two export formats that were "unknown format" before, each from small snippets written here in the layout of
the real export:

* the Cochrane Library's plain-text export ("Export selected citations", plain text): a ``Record #1 of 3`` line
  above each record, then ``XX: value`` lines (``ID``, ``AU``, ``TI``, ``SO``, ``YR``, ``VL``, ``NO``, ``PG``,
  ``PM``/``XR``, ``PT``, ``KY``, ``DOI``, ``US``, ``AB``), of CENTRAL trials (``CN-``) and Cochrane reviews
  (``CD``);
* the RefWorks tagged format, as RefWorks and Zotero write it and as CNKI's "RefWorks" export writes it
  (``RT Journal Article``, ``A1``, ``T1``, ``JF``, ``YR``, ``VO``, ``IS``, ``SP``/``OP``, ``K1``, ``DS CNKI``...).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from synthesis.io import detect_format, read_file


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- Cochrane Library plain text ------------------------------------------------------------------------------

CENTRAL_1 = """Record #1 of 3
ID: CN-00778158
AU: Bywater T
AU: Hutchings J
AU: Whitaker C
TI: The Incredible Years Therapeutic Dinosaur Programme to build social and emotional competence in Welsh primary schools: study protocol for a randomised controlled trial
SO: Trials
YR: 2011
VL: 12
PG: 39
PM: PUBMED 21314913
XR: EMBASE 51326145
PT: Journal article
KY: *school health service; Child; Conduct Disorder [*prevention & control, psychology]; Humans
DOI: 10.1186/1745-6215-12-39
AB: BACKGROUND: School interventions such as the Incredible Years Classroom Dinosaur Programme target pupil behaviour across whole classrooms. METHODS/DESIGN: This is a pragmatic, parallel, randomised controlled trial.
US: https://www.cochranelibrary.com/central/doi/10.1002/central/CN-00778158/full
CC: Common Mental Disorders

"""
CENTRAL_2 = """Record #2 of 3
ID: CN-02677909
AU: Kim JS
AU: Gilbert JB
TI: Time to transfer: long-term effects of a sustained and spiraled content literacy intervention in the elementary grades
SO: Developmental psychology
YR: 2024
VL: 60
NO: 7
PG: 1279‐1297
XR: PUBMED 38407106,EMBASE 643589775
PT: Journal article
KY: *Literacy; Students [psychology]
DOI: 10.1037/dev0001710
US: https://www.cochranelibrary.com/central/doi/10.1002/central/CN-02677909/full

"""
CENTRAL_3 = """Record #3 of 3
ID: CN-02575572
AU: Arruabarrena I
AU: Rivas GR
TI: The Incredible Years Parenting and Child Treatment Programs: a Randomized Controlled Trial in a Child Welfare Setting in Spain
SO: Psychosocial intervention
YR: 2022
VL: 31
NO: 1
PG: 43-58
PM: PUBMED 37362617
PT: Journal article
DOI: 10.5093/pi2022a2
US: https://www.cochranelibrary.com/central/doi/10.1002/central/CN-02575572/full

"""
CENTRAL = CENTRAL_1 + CENTRAL_2 + CENTRAL_3

#: A Cochrane review (CDSR) as the same export writes it: no pages, the publisher, the review's own DOI.
CDSR = """Record #1 of 1
ID: CD006066.PUB3
AU: Alfirevic Z
AU: Devane D
AU: Gyte GML
TI: Continuous cardiotocography (CTG) as a form of electronic fetal monitoring (EFM) for fetal assessment during labour
SO: Cochrane Database of Systematic Reviews
YR: 2017
NO: 2
PB: John Wiley & Sons, Ltd
KY: *Labor, Obstetric; Cardiotocography [*methods]; Female; Humans
DOI: 10.1002/14651858.CD006066.pub3
US: https://doi.org/10.1002/14651858.CD006066.pub3
AB: Background: Cardiotocography (CTG) records changes in the fetal heart rate and their temporal relationship to uterine contractions.

"""


def test_cochrane_central_plain_text_is_read_with_its_fields(tmp_path):
    table, report = read_file(_write(tmp_path, "central.txt", CENTRAL))
    assert report.format == "cochrane" and (report.found, report.imported) == (3, 3), report.summary()
    assert not report.warnings and not report.rejected
    assert report.database == "Cochrane CENTRAL" and set(table["source_database"]) == {"Cochrane CENTRAL"}
    first, second = table.iloc[0], table.iloc[1]
    assert first["title"].startswith("The Incredible Years Therapeutic Dinosaur Programme")
    assert first["authors"] == ["Bywater, T.", "Hutchings, J.", "Whitaker, C."]
    assert (first["journal"], first["year"], first["volume"], first["pages"]) == ("Trials", 2011, "12", "39")
    assert (first["pmid"], first["doi"], first["source_id"]) == ("21314913", "10.1186/1745-6215-12-39", "CN-00778158")
    # (a major topic's star is no part of a heading, as in every other export)
    assert first["keywords"] == ["school health service", "Child",
                                 "Conduct Disorder [prevention & control, psychology]", "Humans"]
    assert first["url"] == "https://www.cochranelibrary.com/central/doi/10.1002/central/CN-00778158/full"
    assert first["type"] == "Journal article" and first["abstract"].startswith("BACKGROUND: School interventions")
    assert first["raw"]["CC"] == "Common Mental Disorders" and first["raw"]["_number"] == "1"
    # the PubMed id among the other databases' ids; the link's CENTRAL DOI is not the article's; Wiley's
    # hyphen (U+2010) between the pages
    assert (second["pmid"], second["issue"], second["pages"], second["doi"]) == (
        "38407106", "7", "1279-1297", "10.1037/dev0001710")


def test_a_cochrane_review_names_its_database_and_a_mixed_file_the_library(tmp_path):
    table, report = read_file(_write(tmp_path, "cdsr.txt", CDSR))
    assert (report.format, report.found, report.imported) == ("cochrane", 1, 1), report.summary()
    rec = table.iloc[0]
    assert report.database == rec["source_database"] == "Cochrane Database of Systematic Reviews"
    assert (rec["journal"], rec["year"], rec["issue"], rec["doi"]) == (
        "Cochrane Database of Systematic Reviews", 2017, "2", "10.1002/14651858.cd006066.pub3")
    assert rec["authors"] == ["Alfirevic, Z.", "Devane, D.", "Gyte, G. M. L."] and rec["pages"] == ""
    # CENTRAL trials and reviews in one file: each record names its own database, the file the Library
    mixed = CENTRAL_1 + CDSR.replace("Record #1 of 1", "Record #2 of 2")
    table, report = read_file(_write(tmp_path, "mixed.txt", mixed))
    assert (report.found, report.imported, report.database) == (2, 2, "Cochrane Library"), report.summary()
    assert list(table["source_database"]) == ["Cochrane CENTRAL", "Cochrane Database of Systematic Reviews"]
    # the same without Record # lines or links to the Library: the format alone names it
    bare = "\n".join(line for line in mixed.split("\n") if not line.startswith(("Record #", "US: ")))
    table, report = read_file(_write(tmp_path, "export.txt", bare))
    assert (report.found, report.imported, report.database) == (2, 2, "Cochrane Library"), report.summary()


def test_cochrane_authors_on_one_line_and_records_without_their_record_lines(tmp_path):
    # the Record # lines taken out (records pasted together): a record opens at each ID line
    text = "\n".join(line for line in CENTRAL.split("\n") if not line.startswith("Record #"))
    table, report = read_file(_write(tmp_path, "pasted.txt", text))
    assert (report.format, report.found, report.imported) == ("cochrane", 3, 3), report.summary()
    assert list(table["source_id"]) == ["CN-00778158", "CN-02677909", "CN-02575572"]
    joined = CENTRAL_3.replace("AU: Arruabarrena I\nAU: Rivas GR\n", "AU: Arruabarrena, I; Rivas, GR\n")
    table, report = read_file(_write(tmp_path, "joined.txt", joined))
    assert table.iloc[0]["authors"] == ["Arruabarrena, I.", "Rivas, G. R."], report.summary()


@pytest.mark.parametrize("cut, rejected_line", [
    ("Record #3 o", 36),  # inside the next record's Record # line: that record, not the one above
    ("Record #3 of 3\n", 36),  # right after it
    ("Record #3 of 3\nID: CN-02575572\nAU: Arruabarrena I\nTI: The Incredible Years\nD", 36),  # inside a tag
])
def test_a_cochrane_record_cut_off_by_the_end_of_the_file_is_rejected_with_its_line(tmp_path, cut, rejected_line):
    table, report = read_file(_write(tmp_path, "cut.txt", CENTRAL_1 + CENTRAL_2 + cut))
    assert report.reconciles and report.found == 3 and report.imported == 2, report.summary()
    assert [(r.index, r.line) for r in report.rejected] == [(3, rejected_line)]
    assert "ends" in report.rejected[0].reason and "Export it again" in report.rejected[0].reason
    assert list(table["source_id"]) == ["CN-00778158", "CN-02677909"]
    assert table.iloc[1]["url"].endswith("/CN-02677909/full")  # nothing of the cut record glued on


def test_a_cochrane_record_without_the_field_every_other_record_ends_with_is_rejected(tmp_path):
    text = CENTRAL_2 + CENTRAL_3 + CENTRAL_3.replace("Record #3", "Record #4").split("US: ")[0]
    table, report = read_file(_write(tmp_path, "cut.txt", text))
    assert (report.found, report.imported) == (3, 2) and report.reconciles, report.summary()
    assert report.rejected[0].index == 3 and "no US field" in report.rejected[0].reason


def test_a_heading_above_the_first_cochrane_record_is_named_in_a_warning(tmp_path):
    table, report = read_file(_write(tmp_path, "central.txt", "Cochrane Library: Trials\n\n" + CENTRAL))
    assert (report.format, report.found, report.imported) == ("cochrane", 3, 3), report.summary()
    assert report.warnings == ["line 1: text outside any record ignored: 'Cochrane Library: Trials'"]


def test_wiley_hyphens_between_pages_are_page_dashes(tmp_path):
    # the Cochrane Library's RIS writes its pages (and CSV, EndNote XML of its records) with U+2010 hyphens,
    # and a range with no end page ends in one
    text = ("Record #4 of 18\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset=\"UTF-8\"\n\n"
            "TY  -  JOUR\nAN  -  CN-02677909\nAU  -  Kim, JS\nTI  -  Time to transfer\n"
            "JA  -  Developmental psychology\n"
            "PY  -  2024\nVL  -  60\nIS  -  7\nSP  -  1279\u20101297\nER  -  \n\n\n"
            "Record #5 of 18\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset=\"UTF-8\"\n\n"
            "TY  -  JOUR\nAN  -  CN-00000001\nAU  -  Doe, J\nTI  -  A second trial\nPY  -  2019\nSP  -  3\u2010\n"
            "ER  -  \n")
    table, report = read_file(_write(tmp_path, "citation-export.ris", text))
    assert (report.format, report.imported) == ("ris", 2), report.summary()
    assert list(table["pages"]) == ["1279-1297", "3"]


def test_the_cochrane_library_ris_gives_pubmed_ids_and_databases_as_its_plain_text_does(tmp_path):
    record = ("Record #{n} of 18\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset=\"UTF-8\"\n\n"
              "TY  -  JOUR\nAN  -  {an}\nAU  -  Kim, JS\nTI  -  {title}\nJA  -  Developmental psychology\n"
              "PY  -  2024\nC3  -  {ids}\nM3  -  Journal article\n"
              "UR  -  https://www.cochranelibrary.com/central/doi/10.1002/central/{an}/full\nER  -  \n\n\n")
    text = (record.format(n=3, an="CN-02677909", title="Time to transfer", ids="PUBMED 38407106,EMBASE 643589775")
            + record.format(n=4, an="CN-00778158", title="The Incredible Years", ids="EMBASE 51326145"))
    table, report = read_file(_write(tmp_path, "citation-export.ris", text))
    assert (report.format, report.imported, report.database) == ("ris", 2, "Cochrane Library"), report.summary()
    assert list(table["pmid"]) == ["38407106", ""]
    assert list(table["source_database"]) == ["Cochrane CENTRAL", "Cochrane CENTRAL"]
    # a record with no ids in other databases has no C3 line: still CENTRAL, like its neighbours
    no_ids = text.replace("C3  -  EMBASE 51326145\n", "")
    table, report = read_file(_write(tmp_path, "no-ids.ris", no_ids))
    assert list(table["source_database"]) == ["Cochrane CENTRAL", "Cochrane CENTRAL"]
    # Ovid's EBM Reviews RIS names its database in DB: left to it
    ovid = text.replace("M3  -  Journal article\n", "M3  -  Journal article\n"
                        "DB  -  EBM Reviews - Cochrane Central Register of Controlled Trials\n")
    table, report = read_file(_write(tmp_path, "ovid.ris", ovid))
    assert "Cochrane CENTRAL" not in set(table["source_database"]) and table.iloc[0]["pmid"] == "38407106"


def test_a_cochrane_file_stopping_inside_a_value_is_warned_about(tmp_path):
    text = CENTRAL.rstrip("\n")[:-5]  # inside the last record's last field (its link)
    table, report = read_file(_write(tmp_path, "cut.txt", text))
    assert (report.found, report.imported) == (3, 3) and any("may be cut short" in w for w in report.warnings)


# ---- RefWorks tagged ------------------------------------------------------------------------------------------

#: As RefWorks (and Zotero's "RefWorks Tagged" export) writes it: one author and one keyword a line, SP/OP.
REFWORKS = """RT Book, Section
SR Electronic(1)
ID 206
A1 Stansfeld,Stephen
A1 Fuhrer,Rebecca
T1 Depression and coronary heart disease
YR 2002
VO 1
IS 3
SP 101
OP 123
K1 Etiology
K1 Heart Disorders
AB (From the chapter) This chapter discusses the evidence for the proposition that depression is an
aetiological factor in coronary heart disease.
A2 Gulford, C.T.
T2 Stress and the heart: Psychosocial pathways to coronary heart disease
PB BMJ Books
PP Williston, VT, US
SN 0727912771 (paperback)
AN 2002-00714-006
LA English

RT Journal Article
SR Electronic(1)
A1 Catrambone, C.D.
T1 Effect of a case management intervention on symptoms of asthma in high risk children
JF Journal of Asthma
YR 2000
VO 37
SP 141-150
K1 Case Management
Asthma -- Therapy
DO 10.1080/02770900009055426
UL https://doi.org/10.1080/02770900009055426
LA English

"""

#: CNKI's "RefWorks" export: several authors on one A1 line, keywords joined by ";", OP holding the range.
CNKI = """RT Journal Article
SR 1
A1 郝国强;包蕾
AD 广西民族大学民族学与社会学学院;
T1 从“猺”到“瑶”：中华民族共同体意识“三重再造”机制研究
JF 广西民族研究
YR 2026
IS 01
OP 1-12
K1 中华民族共同体意识;大瑶山团结公约;三重再造
AB 本文以《大瑶山团结公约》为中心。
SN 1004-454X
CN 45-1040/C
LA 中文;
DS CNKI
LK https://link.cnki.net/doi/10.3969/j.issn.1004-454X.2026.01.001

RT Journal Article
SR 1
A1 宋天琢;郝国强
T1 新时代党的民族理论政策法律化的核心内涵
JF 中南民族大学学报(人文社会科学版)
YR 2026
DS CNKI

"""


def test_refworks_tagged_is_read_with_its_fields(tmp_path):
    table, report = read_file(_write(tmp_path, "refworks.txt", REFWORKS))
    assert report.format == "refworks" and (report.found, report.imported) == (2, 2), report.summary()
    assert not report.warnings and not report.rejected
    book, article = table.iloc[0], table.iloc[1]
    assert (book["type"], book["title"]) == ("Book, Section", "Depression and coronary heart disease")
    assert book["authors"] == ["Stansfeld, S.", "Fuhrer, R."]  # (A2, the editor, is not an author)
    assert (book["year"], book["volume"], book["issue"], book["pages"]) == (2002, "1", "3", "101-123")
    assert book["abstract"].endswith("is an aetiological factor in coronary heart disease.")
    assert book["keywords"] == ["Etiology", "Heart Disorders"] and book["source_id"] == "2002-00714-006"
    assert (book["journal"], book["isbn_issn"], book["language"]) == (
        "Stress and the heart: Psychosocial pathways to coronary heart disease", "0727912771 (paperback)", "English")
    assert (article["journal"], article["pages"], article["doi"]) == (
        "Journal of Asthma", "141-150", "10.1080/02770900009055426")
    assert article["keywords"] == ["Case Management", "Asthma -- Therapy"]  # an untagged line: one more keyword
    assert article["url"] == "https://doi.org/10.1080/02770900009055426"


def test_refworks_from_cnki_splits_authors_and_names_its_database(tmp_path):
    table, report = read_file(_write(tmp_path, "CNKI-2026.txt", CNKI))
    assert (report.format, report.found, report.imported) == ("refworks", 2, 2), report.summary()
    assert report.database == "CNKI" and set(table["source_database"]) == {"CNKI"}
    rec = table.iloc[0]
    assert rec["authors"] == ["郝国强", "包蕾"] and table.iloc[1]["authors"] == ["宋天琢", "郝国强"]
    assert (rec["journal"], rec["year"], rec["issue"], rec["pages"]) == ("广西民族研究", 2026, "01", "1-12")
    assert rec["keywords"] == ["中华民族共同体意识", "大瑶山团结公约", "三重再造"]
    assert rec["doi"] == "" and rec["url"].startswith("https://link.cnki.net/")  # a CNKI link is no DOI resolver


def test_refworks_cut_off_empty_and_outside_text_are_reported(tmp_path):
    # the file stops inside the next record's RT tag: that record is rejected with its line
    table, report = read_file(_write(tmp_path, "cut.txt", REFWORKS + "RT"))
    assert (report.found, report.imported) == (3, 2) and report.reconciles, report.summary()
    assert [(r.index, r.line) for r in report.rejected] == [(3, 38)] and "ends inside" in report.rejected[0].reason
    # a tag cut in two at the end of the last record
    table, report = read_file(_write(tmp_path, "cut2.txt", REFWORKS.rstrip("\n") + "\nK"))
    assert (report.found, report.imported) == (2, 1) and [(r.index, r.line) for r in report.rejected] == [(2, 24)]
    # a record with only its type, and a line before the first record: named, not silently dropped
    text = "Exported 2026-12-04\n" + "RT Journal Article\nSR 1\n\n" + CNKI
    table, report = read_file(_write(tmp_path, "empty.txt", text))
    assert (report.found, report.imported) == (3, 2) and report.rejected[0].index == 1, report.summary()
    assert "empty RefWorks tagged record" in report.rejected[0].reason
    assert any(w.startswith("line 1: text outside any record") for w in report.warnings)


# ---- recognising the formats --------------------------------------------------------------------------------

def test_the_new_formats_are_recognised_and_steal_no_other_format():
    assert detect_format(CENTRAL, "export.txt") == "cochrane"
    assert detect_format(CDSR, "citation-export.txt") == "cochrane"
    assert detect_format(REFWORKS, "export.txt") == "refworks"
    assert detect_format(CNKI, "CNKI-refworks.txt") == "refworks"
    # the Cochrane Library's RIS and BibTeX exports put Record # lines above their own records
    cochrane_ris = ("Record #1 of 2\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset=\"UTF-8\"\n\n"
                    "TY  -  JOUR\nAN  -  CN-00778158\nAU  -  Bywater, T\nTI  -  A trial\nPY  -  2011\nER  -  \n\n")
    assert detect_format(cochrane_ris, "citation-export.ris") == "ris"
    cochrane_bib = ("Record #1 of 1\n@article{Alfirevic06,\nauthor = {Alfirevic, Z},\ntitle = {Continuous "
                    "cardiotocography},\njournal = {Cochrane Database of Systematic Reviews},\nyear = {2006}\n}\n")
    assert detect_format(cochrane_bib, "citation-export.bib") == "bibtex"
    others = {
        "ris": "TY  - JOUR\nTI  - A trial\nAU  - Smith, John\nPY  - 2020\nER  - \n",
        "medline": "PMID- 123\nTI  - A trial.\nAU  - Smith J\nDP  - 2020\n",
        "wos_plaintext": ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nTI A trial\nPY 2020\n"
                          "ER\nEF\n"),
        "ovid_tagged": "<1. >\nVN  - Ovid Technologies\nDB  - Embase\nTI  - A trial.\nYR  - 2018\n",
        "endnote_tagged": "%0 Journal Article\n%T A trial\n%A Smith, John\n%D 2019\n",
    }
    for fmt, text in others.items():
        assert detect_format(text, "export.txt") == fmt, fmt
    # WoS without its header: PT/AU/TI tags with a space, as RefWorks writes them, but no RT line
    assert detect_format("PT J\nAU Smith, J\nTI A trial\nSO J\nPY 2020\nER\n", "x.txt") == "wos_plaintext"


# ---- ProQuest plain text ------------------------------------------------------------------------------------

_LINE = "_" * 60
#: A ProQuest Dissertations & Theses report as ProQuest writes it: the header with its table of contents,
#: documents between lines of underscores (title, Author, the link on its own line, labelled paragraphs), then
#: the bibliography of the same documents and ProQuest's closing lines.
PROQUEST_THESES = f"""{_LINE}

Report Information from ProQuest
December 08 2015 21:33
{_LINE}




{_LINE}

Table of contents

1. Entrenchment and the Kripke-Wittgenstein paradox

2. The Emergence of Causation

Bibliography

{_LINE}

Document 1 of 2

Entrenchment and the Kripke-Wittgenstein paradox

Author: Dorst, Chris

http://search.proquest.com/docview/1548716365?accountid=14906

Abstract: Surprisingly little attention has been paid to Goodman's own entrenchment-based solution to his New Riddle of Induction.

Links: http://sfx.example.org/waterloo?url_ver=Z39.88-2004&amp;genre=dissertations+%26+theses

http://sfx.example.org/waterloo?url_ver=Z39.88-2004&amp;genre=dissertations+%26+theses

Advisor: Lange, Marc

Classification: 0402: Philosophy of Science; 0422: Philosophy

Copyright: Copyright ProQuest, UMI Dissertations Publishing 2014

Database: ProQuest Dissertations & Theses Global

Degree: M.A.

Document type: Dissertation/Thesis

ISBN: 9781303940095

Identifier / keyword: Philosophy, religion and theology, Entrenchment, Goodman, Induction

Language: English

Number of pages: 53

ProQuest document ID: 1548716365

Publication year: 2014

Subject: Philosophy of Science; Philosophy

Title: Entrenchment and the Kripke-Wittgenstein paradox

University/institution: The University of North Carolina at Chapel Hill

{_LINE}

Document 2 of 2

The Emergence of Causation

Author: Gallow, Jeffrey Dmitri

http://search.proquest.com/docview/1615441658?accountid=14906

Abstract: Many contemporary philosophers are drawn to a doctrine of causal fundamentalism.

Database: ProQuest Dissertations & Theses Global

Document type: Dissertation/Thesis

ProQuest document ID: 1615441658

Publication year: 2014

Title: The Emergence of Causation

{_LINE}

Bibliography

Citation style: BibTeX

@misc{{
author={{Dorst,Chris}}, year={{2014}},
        title={{Entrenchment and the Kripke-Wittgenstein paradox}}, journal={{ProQuest Dissertations and Theses}}, }}

{_LINE}

Contact us at: http://www.proquest.com/go/pqissupportcontact
Copyright © 2015 ProQuest LLC. All rights reserved.
"""

#: A journal article from ProQuest Central, with the labels of its newer exports and a full text of several
#: paragraphs (one of which starts with a word and a colon, as full texts' headings do).
PROQUEST_ARTICLE = f"""{_LINE}

Document 1 of 1

Effect of something on something: a randomized trial

Author: Smith, John; Jones, Kate

Publication info: The Journal of Things 12.3 (2019): 100-110.

Abstract: BACKGROUND: A trial. RESULTS: It worked.

Full text: The first paragraph of the article.

Results: the second paragraph.

Subject: Randomized controlled trials; Adults

Title: Effect of something on something: a randomized trial

Publication title: The Journal of Things

Volume: 12

Issue: 3

Pages: 100-110

Publication year: 2019

Publication date: Mar 2019

ISSN: 1234-5678

Source type: Scholarly Journal

Language of publication: English

Document type: Journal Article

DOI: https://doi.org/10.1000/XYZ123

ProQuest document ID: 2212345678

Document URL: https://www.proquest.com/scholarly-journals/effect/docview/2212345678/se-2

Copyright: Copyright The Journal of Things 2019

Last updated: 2020-01-01

Database: ProQuest Central

{_LINE}

Contact us at: https://about.proquest.com/en/customer-care/
"""


def test_proquest_plain_text_is_read_with_its_fields(tmp_path):
    table, report = read_file(_write(tmp_path, "ProQuestDocuments-2015-12-08.txt", PROQUEST_THESES))
    assert report.format == "proquest" and (report.found, report.imported) == (2, 2), report.summary()
    assert not report.warnings and not report.rejected  # header, table of contents and bibliography set aside
    assert report.database == "ProQuest Dissertations & Theses Global"
    first = table.iloc[0]
    assert first["title"] == "Entrenchment and the Kripke-Wittgenstein paradox" and first["authors"] == ["Dorst, C."]
    assert (first["year"], first["type"], first["source_id"], first["isbn_issn"], first["language"]) == (
        2014, "Dissertation/Thesis", "1548716365", "9781303940095", "English")
    assert first["url"] == "http://search.proquest.com/docview/1548716365?accountid=14906"
    assert first["abstract"].startswith("Surprisingly little attention") and first["raw"]["Advisor"] == "Lange, Marc"
    assert first["keywords"][:2] == ["Philosophy of Science", "Philosophy"]
    assert table.iloc[1]["authors"] == ["Gallow, J. D."]

    table, report = read_file(_write(tmp_path, "ProQuestDocuments-2019.txt", PROQUEST_ARTICLE))
    assert (report.found, report.imported, report.database) == (1, 1, "ProQuest Central"), report.summary()
    rec = table.iloc[0]
    assert rec["authors"] == ["Smith, J.", "Jones, K."] and rec["journal"] == "The Journal of Things"
    assert (rec["volume"], rec["issue"], rec["pages"], rec["year"], rec["doi"]) == ("12", "3", "100-110", 2019,
                                                                                   "10.1000/xyz123")
    assert rec["url"] == "https://www.proquest.com/scholarly-journals/effect/docview/2212345678/se-2"
    assert rec["raw"]["Full text"] == "The first paragraph of the article.\nResults: the second paragraph."
    assert rec["isbn_issn"] == "1234-5678" and rec["type"] == "Journal Article"
    # a file without its Database lines: the format alone names the platform
    bare = "\n".join(line for line in PROQUEST_ARTICLE.split("\n") if not line.startswith(("Database:", "Contact")))
    table, report = read_file(_write(tmp_path, "export.txt", bare.replace("www.proquest.com", "example.org")))
    assert report.database == "ProQuest" and report.imported == 1, report.summary()


def test_proquest_full_text_spelt_either_way_is_a_field_of_its_own(tmp_path):
    # "Full Text:" (some databases capitalise it) and "Abstract (summary):" open their own fields: their
    # paragraphs are not glued onto the field above
    text = PROQUEST_ARTICLE.replace("Abstract: ", "Abstract (summary): ").replace("Full text: ", "Full Text: ")
    table, report = read_file(_write(tmp_path, "export.txt", text))
    rec = table.iloc[0]
    assert rec["abstract"] == "BACKGROUND: A trial. RESULTS: It worked.", report.summary()
    assert rec["raw"]["Full Text"] == "The first paragraph of the article.\nResults: the second paragraph."


def test_a_proquest_document_cut_off_by_the_end_of_the_file_is_rejected_with_its_line(tmp_path):
    cut = PROQUEST_THESES[: PROQUEST_THESES.index("Title: The Emergence")]
    table, report = read_file(_write(tmp_path, "cut.txt", cut))
    assert (report.found, report.imported) == (2, 1) and report.reconciles, report.summary()
    line = PROQUEST_THESES[: PROQUEST_THESES.index("Document 2 of 2")].count("\n") + 1
    assert [(r.index, r.line) for r in report.rejected] == [(2, line)]
    assert "no closing line of underscores" in report.rejected[0].reason
    # the file stops between documents: the Document lines promised more
    cut = PROQUEST_THESES[: PROQUEST_THESES.index("Document 2 of 2")]
    table, report = read_file(_write(tmp_path, "cut2.txt", cut))
    assert (report.found, report.imported) == (1, 1) and any("say 2 documents" in w for w in report.warnings)


def test_proquest_is_recognised_and_steals_no_other_format():
    assert detect_format(PROQUEST_THESES, "ProQuestDocuments.txt") == "proquest"
    assert detect_format(PROQUEST_ARTICLE, "export.txt") == "proquest"
    # ProQuest's RIS names ProQuest but is RIS
    assert detect_format("TY  - JOUR\nTI  - A\nDB  - ProQuest Central\nUR  - https://www.proquest.com/docview/1\n"
                         "ER  - \n", "x.ris") == "ris"


def test_cochrane_library_csv_and_bibtex_records_are_named_central_or_reviews(tmp_path):
    # the Library's CSV (CENTRAL ID column) and BibTeX (review DOIs) named every record 'Cochrane Library'
    csv_text = ('CENTRAL ID,Author(s),Title,Source,Year,DOI,URL\n'
                '"CN-00778158","Bywater, T; Hutchings, J","The Incredible Years","Trials","2011","10.1186/1745-6215-12-39",'
                '"https://www.cochranelibrary.com/central/doi/10.1002/central/CN-00778158/full"\n'
                '"CN-02677909","Kim, JS","Time to transfer","Developmental psychology","2024","",'
                '"https://www.cochranelibrary.com/central/doi/10.1002/central/CN-02677909/full"\n')
    table, report = read_file(_write(tmp_path, "citation-export.csv", csv_text))
    assert report.imported == 2 and list(table["source_database"]) == ["Cochrane CENTRAL"] * 2, report.summary()
    bib = ("Record #1 of 1\n@article{Huey25,\nauthor = {Huey, SL, Mehta, NH, and Mehta, S},\n"
           "title = {Precision nutrition-based interventions},\njournal = {Cochrane Database of Systematic Reviews},\n"
           "year = {2025},\nDOI = {10.1002/14651858.CD015877},\nURL = {http://dx.doi.org/10.1002/14651858.CD015877}\n}\n")
    table, report = read_file(_write(tmp_path, "citation-export.bib", bib))
    assert report.database == "Cochrane Library", report.summary()
    assert list(table["source_database"]) == ["Cochrane Database of Systematic Reviews"]
