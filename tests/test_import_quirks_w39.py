"""Quirks met in public exports read by helper w39 (outside ../shared; /work/heldout/w39 lists them). Each test
holds a few lines of its own in the export's layout; the docstring names the public file that showed it."""
from __future__ import annotations

from test_import_quirks_heldout7 import _read  # write the lines, read them as an export

from synthesis.normalise import normalise_author


def test_ris_author_with_a_quoted_nickname_keeps_family_name_and_initials(tmp_path):
    """Scopus writes Florian 'Floyd' Mueller as "AU  - \u2018Floyd\u2019 Mueller, Florian" (a reference manager's RIS
    of Scopus items: Haiysei/matthew_azzopardi_researchDesign2, citations.ris, record 5). The nickname was kept in
    the family name ("\u2018Floyd\u2019 Mueller, F."), so the author never matched "Mueller, F." of the same paper from
    another database; written after the given name (Web of Science's "Mueller, Florian 'Floyd'") it became the
    initial "'.". A quoted word of letters is dropped as a bracketed nickname is; apostrophes in names stay."""
    text = ("TY  - CHAP\nAU  - Wiemeyer, Josef\nAU  - Nacke, Lennart\nAU  - Moser, Christiane\n"
            "AU  - \u2018Floyd\u2019 Mueller, Florian\nDO  - 10.1007/978-3-319-40612-1_9\n"
            "PB  - Springer International Publishing\nPY  - 2016\nSP  - 243\nEP  - 271\nTI  - Player Experience\n"
            "T2  - Serious Games\nER  -\n")
    records, report = _read(tmp_path, "citations.ris", text)
    assert report.imported == 1
    assert list(records.loc[0, "authors"]) == ["Wiemeyer, J.", "Nacke, L.", "Moser, C.", "Mueller, F."]


def test_quoted_nicknames_in_every_quote_and_place_are_dropped():
    """The other quote marks and places; names with an apostrophe, and a family name all in quotes, are kept."""
    for name in ("Mueller, Florian 'Floyd'", 'Mueller, Florian "Floyd"', "Mueller, Florian \u201cFloyd\u201d",
                 'Florian "Floyd" Mueller'):
        assert normalise_author(name) == "Mueller, F.", name
    assert normalise_author("O'Brien, Pat") == "O'Brien, P."
    assert normalise_author("'t Hooft, Gerard") == "'t Hooft, G."
    assert normalise_author("Ng'ang'a, J") == "Ng'ang'a, J."
    assert normalise_author('"Smith", J') == '"Smith", J.'


MLA_RIS = ("TY  - JOUR\nAU  - Hutchison, Percy Adams\nT1  - Poetry, Philosophy, and Religion\nJO  - PMLA\nY1  - 1907\n"
           "VL  - 22\nIS  - 4\nSP  - 697\nEP  - 706\nN1  - Accession Number: 0000209451. Peer Reviewed: Yes. Publication "
           "Type: journal article. Language: English. Update Code: 000004. Sequence No: 0000-1-3691. \n"
           "KW  - English literature\nKW  - 1500-1899\nKW  - poetry\nER  - \n\n"
           "TY  - JOUR\nAU  - Dykhuizen, George\nT1  - John Dewey: The Chicago Years\nJO  - Journal of the History of "
           "Philosophy\nY1  - 1964/10\nVL  - 2\nIS  - 2\nSP  - 227\nEP  - 253\nN1  - Accession Number: 2010392156. "
           "Publication Type: journal article. Language: English. Update Code: 201001. Sequence No: 2010-1-14038. "
           "DOI: 10.1353/hph.2008.1073. \nKW  - American literature\nKW  - Dewey, John (1859-1952)\nER  - \n")


def test_mla_international_bibliography_ris_is_named_and_its_language_read(tmp_path):
    """The MLA International Bibliography's RIS (agoldst/mlaibr, the records its N1 parser is tested on) has no DB
    tag or link: the file was named after no database, though every record's notes carry MLA's sequence number;
    and its notes end their items with full stops ("Language: English. Update Code: ..."), so the language,
    which only they give, was missed (EBSCOhost's notes, read already, end them with semicolons)."""
    records, report = _read(tmp_path, "search.ris", MLA_RIS)
    assert (report.found, report.imported, report.rejected) == (2, 2, [])
    assert report.database == "MLA International Bibliography"
    assert list(records["language"]) == ["English", "English"]
    assert records.loc[1, "doi"] == "10.1353/hph.2008.1073"


def test_bibliometrix_row_names_column_is_not_warned_about(tmp_path):
    """bibliometrix's data frame of a PubMed search written by R's ``write.csv`` (wiryadana/Endocrine_COVID_pandemic,
    pubmed.csv) starts each row with its row name, the record's ``SR`` ("REHMAN T, 2021, CLIN MED (LOND)"), under
    an empty header cell. The import warned that the column "has no name but holds text ... name it in the header
    and import again", advice that helps nobody: the cells copy the SR column. A column of its own still warns."""
    header = '"","AU","TI","SO","PY","DI","PMID","DB","SR"\n'
    row = ('"REHMAN T, 2021, CLIN MED (LOND)","REHMAN T","IMAGE OF THE MONTH: ECTOPIC ACTH SYNDROME.",'
           '"CLINICAL MEDICINE (LONDON, ENGLAND)",2021,"10.7861/clinmed.2021-0005","34001576","PUBMED",'
           '"REHMAN T, 2021, CLIN MED (LOND)"\n')
    records, report = _read(tmp_path, "pubmed.csv", header + row)
    assert report.imported == 1 and report.warnings == []
    assert records.loc[0, "pmid"] == "34001576"
    records, report = _read(tmp_path, "pubmed.csv", header + row.replace('"REHMAN T, 2021, CLIN MED (LOND)","R',
                                                                          '"my note","R', 1))
    assert any("column 1 has no name" in w for w in report.warnings), report.warnings


def test_group_author_signed_on_behalf_of_keeps_the_group_name(tmp_path):
    """Springer Nature's citation RIS (DIAGNijmegen/dragon, citation.ris) ends the author list with "AU  - On
    behalf of the DRAGON consortium"; PubMed lists the group as "DRAGON consortium". The words saying who signs
    stayed in the name, so the two lists of the same paper never agreed on that author. Persons are untouched."""
    text = ("TY  - JOUR\nAU  - Bosma, Joeran S.\nAU  - Scholten, Ernst Th.\nAU  - D\u2019Amato, Marina\n"
            "AU  - On behalf of the DRAGON consortium\nPY  - 2025\nDA  - 2025/05/17\n"
            "TI  - The DRAGON benchmark for clinical NLP\nJO  - npj Digital Medicine\nSP  - 289\nVL  - 8\nIS  - 1\n"
            "DO  - 10.1038/s41746-025-01626-x\nID  - Bosma2025\nER  - \n")
    records, report = _read(tmp_path, "citation.ris", text)
    assert list(records.loc[0, "authors"]) == ["Bosma, J. S.", "Scholten, E. T.", "D\u2019Amato, M.",
                                               "DRAGON consortium"]
    assert normalise_author("for the TOPCAT Investigators") == "TOPCAT Investigators"
    assert normalise_author("Forrest, John") == "Forrest, J."
    assert normalise_author("Anders Hospital Group") == "Anders Hospital Group"


def test_a_link_written_as_the_journal_is_no_journal(tmp_path):
    """A Zotero library exported as BibLaTeX (JakobLangenbahn/Smartphone_Web_Surveys_A_Systematic_Literature_Review,
    export.bib) holds an item whose publication field is its DOI link: "journaltitle =
    {https://doi.org/10.1177/0739456X17723971}". The link was imported as the journal's name, so the record showed
    a link where the journal goes and never matched the journal of the same paper from a database. (A register's
    page as CENTRAL's journal stays: the matching of registrations reads it.)"""
    text = ("@article{xiao_guidance_2017,\n\ttitle = {Guidance on Conducting a Systematic Literature Review:},\n"
            "\tvolume = {39},\n\tdoi = {10.1177/0739456X17723971},\n\tpages = {93--112},\n\tnumber = {1},\n"
            "\tjournaltitle = {https://doi.org/10.1177/0739456X17723971},\n\tauthor = {Xiao, Yu and Watson, Maria},\n"
            "\tdate = {2017},\n}\n")
    records, report = _read(tmp_path, "export.bib", text)
    assert report.imported == 1
    assert records.loc[0, "journal"] == ""
    assert records.loc[0, "url"] == "https://doi.org/10.1177/0739456X17723971"
    assert records.loc[0, "doi"] == "10.1177/0739456x17723971"


def test_a_google_scholar_enw_without_a_final_line_end_ending_in_a_whole_year_is_not_warned_about():
    """Google Scholar's "Import into EndNote" gives one record a file, with no line end after its last field
    (w39's walk): every such file was warned about as perhaps cut short, though its last field was a whole year,
    which no cut leaves. A last field that can be cut (a title, pages) still gets the warning."""
    from synthesis.io.sources import endnote_tagged

    whole = "%0 Journal Article\n%T A trial of things\n%A Smith, John\n%J Journal of Trials\n%D 2019"
    result = endnote_tagged.parse(whole, "scholar.enw")
    assert (result.found, result.warnings, result.records[0]["year"]) == (1, [], 2019)
    cut = "%0 Journal Article\n%A Smith, John\n%D 2019\n%T A trial of thi"
    assert "may be cut short" in " ".join(endnote_tagged.parse(cut, "scholar.enw").warnings)
