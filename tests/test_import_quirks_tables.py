"""Quirks met in real database exports outside ../shared (tables and markup: CSV, BibTeX, XML, JSON). Each
test holds a few lines of its own in the export's layout; the comment names the public file that showed it."""
from __future__ import annotations


def test_scopus_bibtex_generational_suffix_after_the_given_name():
    """Scopus BibTeX writes "Thompson, F.R., III" (family, given, suffix), where BibTeX's own order is
    "von Last, Jr, First": read strictly, "III" became the initials (elizagrames/litsearchr,
    inst/extdata/borealis/final_search/bibs/scopus_final.bib)."""
    from synthesis.io.sources import bibtex

    text = ("@ARTICLE{Roach2019443,\nauthor={Roach, M.C. and Thompson, F.R., III and Ford, Jr, Henry},\n"
            "title={Effects of woodland restoration on birds},\njournal={Forest Ecology and Management},\n"
            "year={2019},\nsource={Scopus},\n}\n")
    rec = bibtex.parse(text).records[0]
    assert rec["authors"] == ["Roach, M. C.", "Thompson, F. R., III", "Ford, H., Jr"]


def test_ieee_csv_publication_year_with_underscore():
    """IEEE Xplore's CSV of about 2017 names the year column "Publication_Year": every year was lost
    (stefan-kolb/paas-definition, ieee.csv)."""
    from synthesis.io.sources import table

    text = ('"Document Title",Authors,"Author Affiliations","Publication Title",Date Added To Xplore,'
            '"Publication_Year","Volume","Issue","Start Page","End Page","Abstract","DOI","Mesh_Terms",'
            'Document Identifier\n'
            '"Cloud computing in education","I. J. Rudas","Obuda University","2012 IEEE ICETA","20130124",'
            '"2012","","","327","327","Summary form only given.","10.1109/ICETA.2012.6418311","",'
            '"IEEE Conferences"\n')
    parsed = table.parse(text, "ieee.csv")
    assert parsed.database == "IEEE Xplore"
    assert parsed.records[0]["year"] == 2012


def test_older_acm_digital_library_bibtex_is_named():
    """The ACM Digital Library's older BibTeX indents every field by one space and gives each entry an
    ``acmid``: the database was left unknown (lhsantos/sysreview-elderly, acm.bib)."""
    from synthesis.io.databases import infer_database

    entry = ("@inproceedings{Brewer:2014:PPI:2638728.2638793,\n author = {Brewer, Robin N. and Piper, Anne Marie},\n"
             " title = {Portrait Pigeon},\n year = {2014},\n pages = {13--17},\n numpages = {5},\n"
             " doi = {10.1145/2638728.2638793},\n acmid = {2638793},\n publisher = {ACM},\n}\n\n")
    assert infer_database(entry * 3, "acm.bib", "bibtex") == "ACM Digital Library"


def test_bibtex_and_others_is_not_an_author():
    """Google Scholar's BibTeX ends a cut author list with BibTeX's "and others": it became an author named
    "others" (knstntn1/bibtex_compare, scholar.bib)."""
    from synthesis.io.sources import bibtex

    text = ("@article{brinda2016dagstuhl,\n  title={Dagstuhl-Erkl{\\\"a}rung},\n"
            "  author={Brinda, Torsten and D{\\\"o}beli, Beat and others},\n  year={2016}\n}\n")
    assert bibtex.parse(text).records[0]["authors"] == ["Brinda, T.", "Döbeli, B."]


def test_web_of_science_bibtex_keywords_plus_are_keywords():
    """Web of Science's BibTeX puts KeyWords Plus in "Keywords-Plus", which its tagged and tab-delimited
    exports (ID) give as keywords; a record with no author keywords had none (egouldo/EcolModellingQRPs,
    data/savedrecs.bib)."""
    from synthesis.io.sources import bibtex

    text = ("@article{ ISI:000429757300002,\nAuthor = {Kraufvelin, Patrik},\n"
            "Title = {{Essential coastal habitats for fish in the Baltic Sea}},\nYear = {{2018}},\n"
            "Keywords = {{Fish; Habitat}},\n"
            "Keywords-Plus = {{GOBY NEOGOBIUS-MELANOSTOMUS; LONG-TERM CHANGES;\n   PIKE ESOX-LUCIUS}},\n"
            "Unique-ID = {{ISI:000429757300002}},\n}\n")
    assert bibtex.parse(text).records[0]["keywords"] == [
        "Fish", "Habitat", "GOBY NEOGOBIUS-MELANOSTOMUS", "LONG-TERM CHANGES", "PIKE ESOX-LUCIUS"]


def test_pubmed_results_by_year_download_is_named(tmp_path):
    """PubMed's "Results by year" download (a query line, then counts per year) was refused as an unknown
    format, with no word on what to save instead (joshuablake/lab-leak-base-rate, pubmed.csv)."""
    import pytest

    from synthesis.io import ImportFailure, read_file

    path = tmp_path / "timeline.csv"
    path.write_text("Search query: (influenza) OR (biosafety)\nYear,Count\n2024,2\n2023,34615\n2022,81332\n",
                    encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        read_file(path)
    assert "'Results by year' download" in str(caught.value)
    assert "Format 'PubMed' (.nbib)" in str(caught.value)


def test_medline_initial_joined_to_a_particle():
    """PubMed writes "Maia Jde F" (J. de F. Maia): the author became "Maia Jde, F."
    (gratidutra/cientometry_anopheles, pubmed.csv)."""
    from synthesis.io.sources import table

    text = ('PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n'
            '"20802941","Genetic variability among Anopheles species","Moroni RB, Maia Jde F, Tadei WP.",'
            '"Rev Soc Bras Med Trop. 2010 Jul-Aug;43(4):409-15. doi: 10.1590/s0037-86822010000400015.",'
            '"Moroni RB","Rev Soc Bras Med Trop","2010","2010/08/31","","","10.1590/s0037-86822010000400015"\n')
    assert table.parse(text, "pubmed.csv").records[0]["authors"] == ["Moroni, R. B.", "Maia, J. F.", "Tadei, W. P."]


def test_older_endnote_xml_with_upper_case_elements():
    """EndNote's older XML layout (<XML><RECORDS><RECORD>, upper-case elements, no <style> runs) was refused
    as an unknown format (KKKKKZXuan/3888_COVID-A_6-Public, endnote.xml)."""
    from synthesis.io import detect_format
    from synthesis.io.sources import endnote_xml

    text = ("<XML><RECORDS>\n<RECORD><REFERENCE_TYPE>0</REFERENCE_TYPE><REFNUM>1</REFNUM><AUTHORS>"
            "<AUTHOR>Wickham, Hadley</AUTHOR><AUTHOR>François, Romain</AUTHOR></AUTHORS><YEAR>2019</YEAR>"
            "<TITLE>Welcome to the tidyverse</TITLE><SECONDARY_TITLE>Journal of Open Source Software"
            "</SECONDARY_TITLE><VOLUME>4</VOLUME><NUMBER>43</NUMBER><PAGES>1686</PAGES><LABEL></LABEL>"
            "<URL>10.21105/joss.01686</URL></RECORD>\n"
            "<RECORD><REFERENCE_TYPE>1</REFERENCE_TYPE><REFNUM>3</REFNUM><AUTHORS><AUTHOR>Wickham, Hadley</AUTHOR>"
            "</AUTHORS><YEAR>2016</YEAR><TITLE>ggplot2</TITLE><ISBN>978-3-319-24277-4</ISBN></RECORD>\n"
            "</RECORDS></XML>\n")
    assert detect_format(text, "endnote.xml") == "endnote_xml"
    parsed = endnote_xml.parse(text)
    assert (parsed.found, parsed.warnings) == (2, [])
    first, second = parsed.records
    assert (first["title"], first["authors"], first["year"]) == ("Welcome to the tidyverse",
                                                                  ["Wickham, H.", "François, R."], 2019)
    assert (first["journal"], first["volume"], first["issue"], first["pages"], first["doi"]) == (
        "Journal of Open Source Software", "4", "43", "1686", "10.21105/joss.01686")
    assert (second["source_id"], second["isbn_issn"]) == ("3", "978-3-319-24277-4")
    # its reference types are EndNote's numbers of that time (the journal paper 0, the book 1): named, not
    # shown on the screening card as "0" and "1" (helper w35's walk)
    assert (first["type"], second["type"]) == ("Journal Article", "Book")


def test_crossref_given_first_name_ending_in_an_initial():
    """BibTeX from a DOI (Crossref) writes names given-first; a double surname cut to an initial, "Ronald D.
    Aponte A.", became the family name "A." (HotSmartSandwich/Dissertation, jabref.bib)."""
    from synthesis.io.sources import bibtex

    text = ("@InProceedings{Aponte_A__2020,\n  author    = {Ronald D. Aponte A. and Sixto R. Prado G. and Haikal},\n"
            "  title     = {Generation of Trajectories-Robot by Off-line Programming},\n  year      = {2020},\n}\n")
    assert bibtex.parse(text).records[0]["authors"] == ["Aponte A., R. D.", "Prado G., S. R.", "Haikal"]


def test_jabref_library_is_named():
    """A JabRef library signs itself only in its "@Comment{jabref-meta: ...}" blocks: its records were left with
    no database, where Zotero's and Mendeley's are named after the tool (HotSmartSandwich/Dissertation,
    jabref.bib)."""
    from synthesis.io.databases import infer_database

    entries = "".join(f"@Article{{K{n},\n  author = {{Ichiro Hattori}},\n  title = {{Defects {n}}},\n}}\n\n"
                      for n in range(4))
    text = "% Encoding: UTF-8\n\n" + entries + "@Comment{jabref-meta: databaseType:bibtex;}\n"
    assert infer_database(text, "references.bib", "bibtex") == "JabRef"


def test_zotero_csl_json_is_named():
    """Zotero's CSL JSON names each item by its address in the synced library ("http://zotero.org/users/.../
    items/...") and nothing else: the database was left unknown (RaniloJohn/Arrhythmia-Thesis, My Library.json)."""
    import json

    from synthesis.io.databases import infer_database

    items = [{"id": f"http://zotero.org/users/19622725/items/TDZE4FP{n}", "type": "article-journal",
              "title": f"Paper {n}", "issued": {"date-parts": [["2022", 10, 11]]}} for n in range(4)]
    assert infer_database(json.dumps(items, indent="\t"), "My Library.json", "csl_json") == "Zotero"


def test_long_open_access_licence_notice_is_no_part_of_the_abstract():
    """SAGE's open-access notice in Scopus ("© The Author(s) 2026. This article is distributed under the terms
    of the Creative Commons ...") runs some 400 characters, so it began before the last 300 where copyright
    statements were looked for, and stayed in the abstract (massimoaria/bibliometrix,
    tests/testthat/fixtures/scopus_sample.csv)."""
    from synthesis.io.sources.fields import without_copyright_statement

    notice = ("© The Author(s) 2026. This article is distributed under the terms of the Creative Commons "
              "Attribution-NonCommercial 4.0 License (https://creativecommons.org/licenses/by-nc/4.0/) which "
              "permits non-commercial use, reproduction and distribution of the work without further permission "
              "provided the original work is attributed as specified on the SAGE and Open Access page "
              "(https://us.sagepub.com/en-us/nam/open-access-at-sage).")
    abstract = "Conclusions: There are increasingly many papers on artificial intelligence in spinal diseases."
    assert without_copyright_statement(f"{abstract} {notice}") == abstract


def test_bibtex_document_type_is_the_type():
    """Web of Science's BibTeX gives the document type in "Type" (Scopus's in "document_type"), as its tagged
    export does in DT; the record's type was the entry type, so a book review was an "article"
    (Valdecy/pyBibX, assets/bibs/wos_mcda.bib). Exported again, a book review stays a journal item."""
    from synthesis.io.export import ris_type
    from synthesis.io.sources import bibtex

    text = ("@article{ WOS:000173383000006,\nAuthor = {Murray, AT},\nTitle = {GIS and multicriteria decision analysis},\n"
            "Journal = {GEOGRAPHICAL ANALYSIS},\nYear = {2002},\nType = {Book Review},\n"
            "Unique-ID = {WOS:000173383000006},\n}\n\n"
            "@CONFERENCE{Smith2020,\nauthor={Smith, J.},\ntitle={A paper},\nyear={2020},\n"
            "document_type={Conference Paper},\nsource={Scopus},\n}\n\n"
            "@article{k3,\nauthor={Doe, A.},\ntitle={Plain},\nyear={2021},\n}\n")
    records = bibtex.parse(text).records
    assert [r["type"] for r in records] == ["Book Review", "Conference Paper", "article"]
    assert ris_type(records[0]) == "JOUR"


def test_pdf_ligatures_become_letters():
    """Lens.org abstracts copied from PDFs carry the ligature characters ("ﬁducial markers", "workﬂow"): a search
    or a screener's highlight for "fiducial" missed them (amgonzalezvargas/public_datasets, lens-export.csv)."""
    from synthesis.io.sources import table

    text = ("Lens ID,Title,Publication Year,Source Title,Author/s,Abstract,DOI\n"
            "000-361-225-089-231,Intraoperative Ultrasonography-based Augmented Reality,2018,Int J Comput Assist "
            "Radiol Surg,Jun Shen,\"It is difﬁcult to register the image without additional ﬁducial markers "
            "disturbing the TORS workﬂow.\",10.1007/s11548-018-1766-y\n")
    assert table.parse(text, "lens-export.csv").records[0]["abstract"] == (
        "It is difficult to register the image without additional fiducial markers disturbing the TORS workflow.")


def test_endnote_library_corporate_author_and_local_pdf():
    """An EndNote library names a standard as its author ("ISO 17281:2002 "), which became the person
    "17281:2002, I. S. O.", and its only link was the exporter's own PDF (internal-pdf://...), kept as the
    record's web address (wlt13/Thesis, My EndNote Library.xml)."""
    from synthesis.io.sources import endnote_xml

    style = '<style face="normal" font="default" size="100%">{}</style>'
    text = ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><rec-number>553</rec-number>'
            '<ref-type name="Standard">58</ref-type><contributors><authors><author>'
            + style.format("ISO 17281:2002 ") + '</author></authors></contributors><titles><title>'
            + style.format("Plastics. Determination of fracture toughness") + '</title></titles><dates><year>'
            + style.format("2002") + '</year></dates><urls><pdf-urls><url>internal-pdf://3703813320/BS ISO.pdf'
            '</url></pdf-urls></urls></record></records></xml>')
    rec = endnote_xml.parse(text).records[0]
    assert (rec["authors"], rec["url"]) == (["ISO 17281:2002"], "")
    assert rec["raw"]["urls/pdf-urls/url"] == "internal-pdf://3703813320/BS ISO.pdf"


def test_springerlink_csv_nickname_in_brackets_is_no_initial():
    """SpringerLink's search-results CSV writes "Jaehoon (Paul) Jeong" among names run together: the bracket
    became an initial, "Jeong, J. (." (sandinojardim/sysrev-sdn-bm, springer.csv)."""
    from synthesis.io.sources import table

    text = ("Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,Item DOI,Authors,"
            "Publication Year,URL,Content Type\n"
            '"Stopping DNS amplification with SDN","Computer Security","","","","10.1007/978-3-319-00000-0_8",'
            '"Soyoung KimJaehoon (Paul) JeongHyoungshick Kim","2017","http://link.springer.com/x","Chapter"\n')
    assert table.parse(text, "springer.csv").records[0]["authors"] == ["Kim, S.", "Jeong, J.", "Kim, H."]


def test_a_nickname_in_brackets_is_no_initial_but_a_groups_bracket_stays():
    """The same name as a reference manager writes it, family name first (see the test above)."""
    from synthesis.io.sources.fields import author

    assert author("Jeong, Jaehoon (Paul)") == "Jeong, J."
    assert author("World Health Organization (WHO)") == "World Health Organization (WHO)"


def test_ieee_bibtex_null_issn_is_no_issn():
    """IEEE Xplore's BibTeX writes "ISSN={null}" for a conference paper: "null" was kept as its ISSN
    (CBurgardt/TASD-mestrado, ieee.bib)."""
    from synthesis.io.sources import bibtex

    text = ("@INPROCEEDINGS{8730654,\n\nauthor={C. {Julien}},\n  booktitle={2019 IEEE PerCom Workshops}, \n"
            " title={Opportunistic Crowds}, \n  year={2019},\n  volume={},\n  number={},\n  pages={125-125},\n"
            "  doi={10.1109/PERCOMW.2019.8730654},\n  ISSN={null},\n  month={March},}\n")
    assert bibtex.parse(text).records[0]["isbn_issn"] == ""


def test_acm_bibtex_underline_markup_is_dropped():
    """The ACM Digital Library's BibTeX keeps the publisher's <underline> in an abstract that spells out an
    acronym ("<underline>F</underline>ine-"): the tags stayed in the text (MarielaNina/RSL, acm.bib)."""
    from synthesis.io.sources import bibtex

    text = ("@article{10.1109/TASLP.2023.3244521,\nauthor = {Zhang, Hao},\ntitle = {Improving speech translation},\n"
            "year = {2023},\nabstract = {We propose the FCCL (<underline>F</underline>ine- and <underline>C</underline>"
            "oarse- Granularity) approach.},\njournal = {IEEE/ACM Trans. Audio, Speech and Lang. Proc.},\n}\n")
    assert bibtex.parse(text).records[0]["abstract"] == "We propose the FCCL (Fine- and Coarse- Granularity) approach."


def test_dblp_bibtex_is_named():
    """dblp's BibTeX gives each entry its own address ("biburl = {https://dblp.org/rec/...}") and names itself
    in "bibsource": the database was left unknown (Galieve/CausalCons.-DPOR-Paper, dblp.bib)."""
    from synthesis.io.databases import infer_database

    entry = ("@article{DBLP:journals/cacm/Lamport78,\n  author    = {Leslie Lamport},\n"
             "  title     = {Time, Clocks, and the Ordering of Events},\n  year      = {1978},\n"
             "  biburl    = {https://dblp.org/rec/journals/cacm/Lamport78.bib},\n"
             "  bibsource = {dblp computer science bibliography, https://dblp.org}\n}\n\n")
    assert infer_database(entry * 3, "references.bib", "bibtex") == "dblp"


def test_publish_or_perish_doi_from_a_bioone_link_loses_the_page_suffix():
    """Publish or Perish takes a Google Scholar hit's DOI from its link, and BioOne's link ends in the page's
    ".short": "10.1638/2009-0160.1.short" was kept as the DOI, which no other export of the paper gives
    (funkepunkemonke/Research-trends-in-Propithecus-coquereli, PoPCites.csv)."""
    from synthesis.io.sources import table

    text = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI\n"
            '24,"LE Charles-Smith, P Cowen","Cryptosporidium in Coquerel\'s sifaka",2010,"Journal of Zoo and Wildlife '
            '…","BioOne","https://bioone.org/journals/x/10.1638/2009-0160.1.short","",4,"2022-06-03 12:54:03","",'
            '"10.1638/2009-0160.1.short"\n')
    assert table.parse(text, "PoPCites.csv").records[0]["doi"] == "10.1638/2009-0160.1"


def test_ieee_bibtex_one_page_written_as_a_range_is_one_page():
    """IEEE Xplore's BibTeX writes a one-page abstract as "pages={125-125}", which stayed "125-125" where the
    RIS of the same paper ("SP  - 125", "EP  - 125") gives "125" (CBurgardt/TASD-mestrado, ieee.bib)."""
    from synthesis.io.sources import bibtex

    text = ("@INPROCEEDINGS{8730654,\n\nauthor={C. {Julien}},\n  booktitle={2019 IEEE PerCom Workshops}, \n"
            " title={Opportunistic Crowds}, \n  year={2019},\n  pages={125-125},\n}\n")
    assert bibtex.parse(text).records[0]["pages"] == "125"


def test_bibtex_less_than_written_as_an_inverted_exclamation_mark():
    """A ScienceDirect BibTeX passed through a reference manager writes "p < .001" as
    "p \\textexclamdown{} .001" (the "<" of the old OT1 font tables): the abstract read "p ¡ .001"
    (pluscommunication/meta-maria, sciencedirect.bib). A Spanish "¡" before a word stays."""
    from synthesis.io.sources import bibtex

    text = ("@article{AARON2015579,\n  title = {Perinatal Depression},\n  author = {Aaron, Erika},\n  year = {2015},\n"
            "  abstract = {Anxiety predicted it (p \\textexclamdown{} .001); most were \\textexclamdown 35 years, "
            "none \\textquestiondown{} 50. \\textexclamdown{}Hola!}\n}\n")
    assert bibtex.parse(text).records[0]["abstract"] == (
        "Anxiety predicted it (p < .001); most were <35 years, none > 50. ¡Hola!")


def test_spreadsheet_rounded_article_number_and_pmid_are_left_out():
    """A Web of Science CSV saved by a spreadsheet holds "3.61E+15" for the article number 03611981221093634:
    it became the record's pages, and a PubMed id so rounded would be read as "07"
    (MohamedShamroukh/systematic, webofscience.csv)."""
    from synthesis.io.sources import table

    head = "Publication Type,Authors,Article Title,Source Title,Publication Year,Volume,Start Page,End Page," \
           "Article Number,DOI,Pubmed Id,UT (Unique WOS ID)\n"
    text = head + ('J,"Hayes, S; Charlton, J",Validation of agent-based passenger movement modeling,'
                   'TRANSPORTATION RESEARCH RECORD,2022,,,,3.61E+15,10.1177/03611981221093634,3.37E+07,'
                   'WOS:000806395400001\n'
                   'J,"Xie, CZ; Tang, TQ",Experiment and simulation of the pedestrian flow,SIMULATION,2022,98,'
                   '63,82,3.75E+14,10.1177/00375497211025495,33370601,WOS:000679350000001\n')
    parsed = table.parse(text, "webofscience.csv")
    first, second = parsed.records
    assert (first["pages"], first["pmid"]) == ("", "")
    assert first["raw"]["Article Number"] == "3.61E+15" and first["raw"]["Pubmed Id"] == "3.37E+07"
    assert (second["pages"], second["pmid"]) == ("63-82", "33370601")
    assert "_rounded" not in first
    said = [w for w in parsed.warnings if "rounded by a spreadsheet" in w]
    assert said == ["record 1 (line 2): article number '3.61E+15' was rounded by a spreadsheet (scientific "
                    "notation) and is left out; raw keeps the cell",
                    "record 1 (line 2): PubMed id '3.37E+07' was rounded by a spreadsheet (scientific "
                    "notation) and is left out; raw keeps the cell"]


def test_a_family_name_then_initials_without_a_comma_in_bibtex():
    """Scopus's BibTeX wrote some authors of a record family name first, then initials, with no comma ("Nayyar A.
    and Paul A. and Tanwar S." beside "MacKenzie, B.A." in the same list: felipe_bonato's Rayyan articles.bib,
    helper w37); BibTeX's First-Last reading made them "A., N.". Initials alone after one family name (with its
    lower-case particles) are that person's initials; a given-first name keeps its reading."""
    from synthesis.io.sources import bibtex

    text = ("@ARTICLE{Mac2021,\n  author={MacKenzie, B.A. and Ferguson, I. and Nayyar A. and Paul A. B. and "
            "Tanwar S.K. and van der Berg J. and O'Brien M.-L. and A. Nayyar and Anil Nayyar and Madonna},\n"
            "  title={Blockchain for health records},\n  year={2021},\n}\n")
    assert bibtex.parse(text).records[0]["authors"] == [
        "MacKenzie, B. A.", "Ferguson, I.", "Nayyar, A.", "Paul, A. B.", "Tanwar, S. K.", "van der Berg, J.",
        "O'Brien, M.-L.", "Nayyar, A.", "Nayyar, A.", "Madonna"]
