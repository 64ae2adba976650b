"""Quirks met in exports of held-out set 11 (outside ../shared): databases the readers had met least (Embase,
the Cochrane Library's RIS, Lens.org, eLibrary-style Cyrillic names). Each test holds a few lines of its own in the
export's layout; the comment names the public file that showed it."""
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def test_family_name_then_an_accented_or_cyrillic_initial_in_ris(tmp_path):
    """Embase writes its RIS authors family name first, then the initials with full stops and no comma
    ("Carmona-Martos L."). An initial outside A-Z turned the name round: "Escudero-Arnanz Ó." became
    "Ó., E.-A.", "Yılmaz Ö." "Ö., Y.", and a Cyrillic "Иванов И.И." (eLibrary) "И.И., И." (the same author in
    lisaphmm/bacteria-identification-systematic-review, embase.csv, record 2; the CSV reader had it right)."""
    text = ("TY  - JOUR\nDB  - Embase\nA1  - Carmona-Martos L.\nA1  - Escudero-Arnanz Ó.\nA1  - Yılmaz Ö.\n"
            "A1  - Kaya İ.H.\nA1  - Šimić Ž.\nT1  - Early prediction of resistance\nY1  - 2026\nER  - \n\n"
            "TY  - JOUR\nAU  - Иванов И.И.\nAU  - Петрова А. С.\nAU  - Παπαδόπουλος Γ.\nAU  - Ö. Yılmaz\n"
            "TI  - Сорта пшеницы\nPY  - 2021\nER  - \n")
    records, report = _read(tmp_path, "embase.ris", text)
    assert report.imported == 2
    assert records["authors"][0] == ["Carmona-Martos, L.", "Escudero-Arnanz, Ó.", "Yılmaz, Ö.", "Kaya, İ. H.",
                                     "Šimić, Ž."]
    assert records["authors"][1] == ["Иванов, И. И.", "Петрова, А. С.", "Παπαδόπουλος, Γ.", "Yılmaz, Ö."]


def test_embase_rows_cyrillic_initials(tmp_path):
    """Embase's "Fields by Row" CSV had Latin accented initials right ("Escudero-Arnanz Ó.") but not Cyrillic
    ones: "Иванов И.И." became "И.И., И." (layout of lisaphmm/bacteria-identification-systematic-review,
    embase.csv)."""
    text = ('"TITLE","Wheat and rust"\n"AUTHOR NAMES","Mao J.","Иванов И.И.","Escudero-Arnanz Ó."\n'
            '"SOURCE","Plant Journal (2026) 14:1 Article Number: 11. Date of Publication: 1 Dec 2026"\n'
            '"PUBLICATION YEAR","2026"\n"PUBLICATION TYPE","Article"\n"DOI","10.1000/wheat.1"\n\n')
    records, report = _read(tmp_path, "embase.csv", text)
    assert report.format == "embase_rows" and report.imported == 1
    assert records["authors"][0] == ["Mao, J.", "Иванов, И. И.", "Escudero-Arnanz, Ó."]


def test_cochrane_ris_registry_record_with_two_types_of_work(tmp_path):
    """CENTRAL types a register's record of a trial JOUR and names its kinds in M3; where it names two
    ("Trial registry record; Clinical trial protocol") the record stayed a JOUR, a journal article on the
    screening card (ferenci-tamas/FavipiravirMetaAnalysis, Cochrane.ris, records 88-90). An article's own M3
    ("Journal Article; Clinical Trial Protocol") leaves its type as it was."""
    text = ('Record #1 of 2\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset="UTF-8"\n\n'
            "TY  -  JOUR\nAN  -  CN-09000001\nA1  -  jRCTs099990001,\nT1  -  Two antivirals for pneumonia\n"
            "JA  -  https://trialsearch.who.int/Trial2.aspx?TrialID=JPRN-jRCTs099990001\nPY  -  2020\n"
            "C3  -  ICTRP jRCTs099990001\nM3  -  Trial registry record; Clinical trial protocol\n"
            "UR  -  https://www.cochranelibrary.com/central/doi/10.1002/central/CN-09000001/full\nER  -  \n\n\n"
            'Record #2 of 2\nProvider: John Wiley & Sons, Ltd.\nContent: text/plain; charset="UTF-8"\n\n'
            "TY  -  JOUR\nAN  -  CN-09000002\nA1  -  Okafor, C\nT1  -  A trial of two antivirals\n"
            "JA  -  Scientific reports\nPY  -  2022\nM3  -  Journal Article; Clinical Trial Protocol\n"
            "UR  -  https://www.cochranelibrary.com/central/doi/10.1002/central/CN-09000002/full\nER  -  \n")
    records, report = _read(tmp_path, "cochrane.ris", text)
    assert report.database == "Cochrane Library" and report.imported == 2
    assert records["type"].tolist() == ["Trial registry record", "JOUR"]
    assert records["authors"].tolist() == [[], ["Okafor, C."]]


# Scopus's plain-text export, in the layout of drlucatobi/RMS-childhood, scopus.txt (2023), with the fields a fuller
# export adds (abstract, keywords, PubMed id...) below the link, and a 2026 record (its link to /pages/publications/).
SCOPUS_TEXT = (
    "Scopus\nEXPORT DATE: 02 March 2026\n\n"
    "Okafor C., Ruiz A.-M.\nAUTHOR FULL NAMES: Okafor, Chidi (57000000001); Ruiz, Ana-María (57000000002)\n"
    "57000000001; 57000000002\nSmoke from wildfires and the lungs of children\n"
    "(2024) Journal of Testing, Measurement and Evaluation, 12 (3), pp. 45 - 67, Cited 3 times.\n"
    "DOI: 10.1000/ABC.1\nhttps://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000001&doi=10.1000%2fabc.1"
    "&partnerID=40&md5=0\n\nABSTRACT: Children breathe smoke. © 2024 Elsevier B.V.\n"
    "AUTHOR KEYWORDS: wildfire; asthma\nINDEX KEYWORDS: child; smoke\nPUBMED ID: 38000001\nISSN: 12345678\n"
    "LANGUAGE OF ORIGINAL DOCUMENT: English\nDOCUMENT TYPE: Article\nPUBLICATION STAGE: Final\nSOURCE: Scopus\n\n"
    "Amin S., Fein Levy C.\nAUTHOR FULL NAMES: Amin, Seema (57000000003); Fein Levy, Carolyn (57000000004)\n"
    "57000000003; 57000000004\nSoft tissue sarcomas\n"
    "(2021) Manual of Pediatric Oncology, pp. 541 - 561, Cited 0 times.\nDOI: 10.1016/B978-0-12-000000-0.00032-5\n"
    "https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000002&partnerID=40&md5=1\n\n"
    "DOCUMENT TYPE: Book chapter\nPUBLICATION STAGE: Final\nSOURCE: Scopus\n\n"
    "Li T., Sun Y.\nAUTHOR FULL NAMES: Li, Ting (57000000005); Sun, Yun (57000000006)\n57000000005; 57000000006\n"
    "Light in the veins\n(2015) Journal of Optics, 20 (1), art. no. 010502, Cited 31 times.\n"
    "https://www.scopus.com/pages/publications/85000000003?origin=resultslist\n\n"
    "DOCUMENT TYPE: Article\nSOURCE: Scopus\nEID: 2-s2.0-85000000003\n\n")


def test_scopus_plain_text_export_is_read(tmp_path):
    """Scopus's plain-text export was refused ("unknown format: no reader recognises this file", first line
    'Scopus'): a whole search lost (drlucatobi/RMS-childhood, scopus.txt). It is read now, and each record as the
    same record of Scopus's CSV is."""
    records, report = _read(tmp_path, "scopus.txt", SCOPUS_TEXT)
    assert (report.format, report.database, report.found, report.imported) == ("scopus_text", "Scopus", 3, 3)
    assert records["authors"].tolist() == [["Okafor, C.", "Ruiz, A.-M."], ["Amin, S.", "Fein Levy, C."],
                                           ["Li, T.", "Sun, Y."]]
    assert records["journal"].tolist() == ["Journal of Testing, Measurement and Evaluation",
                                           "Manual of Pediatric Oncology", "Journal of Optics"]
    assert records["volume"].tolist() == ["12", "", "20"] and records["issue"].tolist() == ["3", "", "1"]
    assert records["pages"].tolist() == ["45-67", "541-561", "010502"]
    assert records["year"].tolist() == [2024, 2021, 2015]
    assert records["source_id"].tolist() == ["2-s2.0-85000000001", "2-s2.0-85000000002", "2-s2.0-85000000003"]
    assert records["type"].tolist() == ["Article", "Book chapter", "Article"]
    csv = ('"Authors","Author full names","Title","Year","Source title","Volume","Issue","Art. No.","Page start",'
           '"Page end","Cited by","DOI","Link","Abstract","Author Keywords","Index Keywords","ISSN","PubMed ID",'
           '"Language of Original Document","Document Type","Source","EID"\n'
           '"Okafor C.; Ruiz A.-M.","Okafor, Chidi (57000000001); Ruiz, Ana-María (57000000002)",'
           '"Smoke from wildfires and the lungs of children","2024","Journal of Testing, Measurement and Evaluation",'
           '"12","3","","45","67","3","10.1000/ABC.1","https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000001",'
           '"Children breathe smoke. © 2024 Elsevier B.V.","wildfire; asthma","child; smoke","12345678","38000001",'
           '"English","Article","Scopus","2-s2.0-85000000001"\n')
    from_csv, _ = _read(tmp_path, "scopus.csv", csv)
    for field in ("title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "abstract",
                  "keywords", "isbn_issn", "language", "type", "source_id", "source_database"):
        assert records[field][0] == from_csv[field][0], field
    assert records["abstract"][0] == "Children breathe smoke."


def test_scopus_plain_text_cut_off_records_are_rejected_with_their_line(tmp_path):
    """A Scopus plain-text file cut inside its last record (after its link, before the SOURCE line the others end
    with) or inside a record's first lines (before its source line) loses no record silently: found = imported +
    rejected, the rejection names the line."""
    cut = SCOPUS_TEXT.split("DOCUMENT TYPE: Book chapter")[0]
    records, report = _read(tmp_path, "cut.txt", cut)
    assert (report.found, report.imported, len(report.rejected)) == (2, 1, 1)
    assert report.rejected[0].line == 22 and "SOURCE" in report.rejected[0].reason
    cut = SCOPUS_TEXT.split("Soft tissue sarcomas")[0]
    records, report = _read(tmp_path, "cut2.txt", cut)
    assert (report.found, report.imported, len(report.rejected)) == (2, 1, 1)
    assert report.rejected[0].line == 22 and "source line" in report.rejected[0].reason


def test_scopus_plain_text_older_layout(tmp_path):
    """Scopus's plain text of 2022 (mikhailremnev/publication_list, scopus.txt): "# " before the two header lines,
    no AUTHOR FULL NAMES line (the authors line "Family, I.I., Family, I.I."), the DOI in a paragraph below the
    link, and ", . Cited 1 time." after an article number."""
    text = ("# Scopus\n# EXPORT DATE:04 Feb 2022\n\n"
            "Okafor, C.A., Yu Ruiz, A., the XYZ Collaboration\n57000000001;57000000002;\n"
            "Particles at the factory\n(2020) Journal of Instruments, 15 (4), art. no. C04032, . Cited 1 time.\n"
            "https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000009&partnerID=40&md5=2\n\n"
            "DOI: 10.1088/1748-0221/15/04/C04032\n\nABBREVIATED SOURCE TITLE: J. Instrum.\nDOCUMENT TYPE: Article\n"
            "PUBLICATION STAGE: Final\nSOURCE: Scopus\n\n"
            "Lukin, P.A.\n7003794975;\nRecent results\n(2020) Nuclear Physics Proceedings, 309-311, pp. 99-102. \n"
            "https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000010&partnerID=40&md5=3\n\n\n"
            "DOCUMENT TYPE: Article\nSOURCE: Scopus\n\n")
    records, report = _read(tmp_path, "scopus.txt", text)
    assert (report.format, report.found, report.imported) == ("scopus_text", 2, 2)
    assert records["authors"][0] == ["Okafor, C. A.", "Yu Ruiz, A.", "the XYZ Collaboration"]
    assert records["journal"].tolist() == ["Journal of Instruments", "Nuclear Physics Proceedings"]
    assert records["volume"].tolist() == ["15", "309-311"] and records["pages"].tolist() == ["C04032", "99-102"]
    assert records["doi"][0] == "10.1088/1748-0221/15/04/c04032"


def test_scopus_plain_text_field_with_a_blank_line_in_it(tmp_path):
    """A field whose text has a blank line in it (a funding text of two paragraphs) is one field: its second
    paragraph was taken for a record cut off (found 4, rejected 1) and the fields below it were lost."""
    text = SCOPUS_TEXT.replace("AUTHOR KEYWORDS: wildfire; asthma\n", "FUNDING TEXT 1: We thank the fund.\n\n"
                               "And a second paragraph of thanks.\nAUTHOR KEYWORDS: wildfire; asthma\n")
    records, report = _read(tmp_path, "scopus.txt", text)
    assert (report.found, report.imported, len(report.rejected)) == (3, 3, 0)
    assert records["keywords"][0] == ["wildfire", "asthma", "child", "smoke"] and records["pmid"][0] == "38000001"
    assert records["raw"][0]["FUNDING TEXT 1"] == "We thank the fund.\n\nAnd a second paragraph of thanks."
    assert "FUNDING TEXT 1" in report.warnings[0]


def test_scopus_plain_text_without_links_or_authors(tmp_path):
    """An export made without the Link field, of a record with no author ("[No author name available]") and a
    title in capitals with a colon in it, its fields right below its source line."""
    text = ("Scopus\nEXPORT DATE: 10 September 2026\n\n[No author name available]\nFIRE SEASONS: A REVIEW\n"
            "(2019) Forest Letters, art. no. 5.\nDOCUMENT TYPE: Review\nSOURCE: Scopus\n\n"
            "Okafor C.\nAUTHOR FULL NAMES: Okafor, Chidi (57000000001)\n57000000001\nEmbers\n"
            "(2020) Forest Letters, 3, pp. 1-9.\nDOI: 10.1000/embers\n\nDOCUMENT TYPE: Article\nSOURCE: Scopus\n")
    records, report = _read(tmp_path, "scopus.txt", text)
    assert (report.format, report.found, report.imported) == ("scopus_text", 2, 2)
    assert records["title"].tolist() == ["FIRE SEASONS: A REVIEW", "Embers"]
    assert records["authors"].tolist() == [[], ["Okafor, C."]]
    assert records["type"].tolist() == ["Review", "Article"] and records["pages"].tolist() == ["5", "1-9"]
    assert records["doi"].tolist() == ["", "10.1000/embers"]


# ScienceDirect's text export, in the layout of the one real record found (a ScienceDirect_citations_*.txt record
# pasted into notes, index file 49500595292), with an issue, an article number and a book chapter besides.
SCIENCEDIRECT_TEXT = (
    "Chidi Okafor, Ana-María Ruiz,\nSmoke and the lungs of children,\nJournal of Fire Studies,\nVolume 44, Issue 3,\n"
    "2014,\nPages 94-119,\nISSN 0306-4379,\nhttps://doi.org/10.1016/j.fire.2014.01.004.\n"
    "(https://www.sciencedirect.com/science/article/pii/S0306437914000222)\n"
    "Abstract: Children breathe smoke. © 2014 Elsevier Ltd. All rights reserved.\nKeywords: smoke; asthma\n\n"
    "Li Wei,\nBatteries in the cold,\nJournal of Energy Storage,\nVolume 72, Part A,\n2023,\n108321,\n"
    "ISSN 2352-152X,\nhttps://doi.org/10.1016/j.est.2023.108321.\n"
    "(https://www.sciencedirect.com/science/article/pii/S2352152X23017188)\n\n"
    "John Smith,\nChapter 3 - Fire weather,\nEditor(s): Ana Ruiz,\nWildfire Science,\nAcademic Press,\n2020,\n"
    "Pages 45-67,\nISBN 9780128000000,\nhttps://doi.org/10.1016/B978-0-12-800000-0.00003-X.\n"
    "(https://www.sciencedirect.com/science/article/pii/B978012800000000003X)\n"
    "Abstract: Weather drives fire.\n")


def test_sciencedirect_text_export_is_read(tmp_path):
    """ScienceDirect's text export (ScienceDirect_citations_<number>.txt) was refused: "unknown format: no reader
    recognises this file". It is read now: a journal article, one with an article number and a book chapter."""
    records, report = _read(tmp_path, "ScienceDirect_citations_1766499024897.txt", SCIENCEDIRECT_TEXT)
    assert (report.format, report.database, report.found, report.imported) == ("sciencedirect_text",
                                                                               "ScienceDirect", 3, 3)
    assert report.warnings == []
    assert records["authors"].tolist() == [["Okafor, C.", "Ruiz, A.-M."], ["Wei, L."], ["Smith, J."]]
    assert records["title"].tolist() == ["Smoke and the lungs of children", "Batteries in the cold",
                                         "Chapter 3 - Fire weather"]
    assert records["journal"].tolist() == ["Journal of Fire Studies", "Journal of Energy Storage", "Wildfire Science"]
    assert records["volume"].tolist() == ["44", "72", ""] and records["issue"].tolist() == ["3", "", ""]
    assert records["pages"].tolist() == ["94-119", "108321", "45-67"]
    assert records["year"].tolist() == [2014, 2023, 2020]
    assert records["doi"].tolist() == ["10.1016/j.fire.2014.01.004", "10.1016/j.est.2023.108321",
                                       "10.1016/b978-0-12-800000-0.00003-x"]
    assert records["isbn_issn"].tolist() == ["0306-4379", "2352-152X", "9780128000000"]
    assert records["source_id"].tolist() == ["S0306437914000222", "S2352152X23017188", "B978012800000000003X"]
    assert records["abstract"].tolist() == ["Children breathe smoke.", "", "Weather drives fire."]
    assert records["keywords"][0] == ["smoke", "asthma"]


def test_sciencedirect_text_cut_off_and_abstract_with_a_blank_line(tmp_path):
    """A file cut inside a record's first lines loses no record silently (the cut record is rejected with its
    line), and an abstract with a blank line in it stays one abstract, with a warning."""
    cut = SCIENCEDIRECT_TEXT.split("Pages 45-67")[0]
    records, report = _read(tmp_path, "cut.txt", cut)
    assert (report.found, report.imported, len(report.rejected)) == (3, 2, 1)
    assert report.rejected[0].line == 23 and "cut off" in report.rejected[0].reason
    text = SCIENCEDIRECT_TEXT.replace("Weather drives fire.\n", "Weather drives fire.\n\nSo does wind.\n")
    records, report = _read(tmp_path, "long.txt", text)
    assert (report.found, report.imported) == (3, 3) and records["abstract"][2] == "Weather drives fire. So does wind."
    assert "Abstract" in report.warnings[0]


def test_chinese_japanese_and_korean_names_are_kept_whole(tmp_path):
    """A name in Han, kana or Hangul has no initials: Lens's "吉彦 早川" (h11's Lens sample) was read as a Latin
    name and became "早川, 吉.", the given name cut to one character; "早川, 吉彦" became "早川, 吉." too. Such names
    are now kept as written (their order cannot be told from the name); the Latin names beside them are not."""
    text = ("TY  - JOUR\nAU  - 吉彦 早川\nAU  - 早川, 吉彦\nAU  - 김, 민수\nAU  - 王小明\nAU  - Smith, John Robert\n"
            "TI  - Telomere length in two cohorts\nPY  - 2022\nER  - \n")
    records, report = _read(tmp_path, "lens.ris", text)
    assert report.imported == 1
    assert records["authors"][0] == ["吉彦 早川", "早川, 吉彦", "김, 민수", "王小明", "Smith, J. R."]
