"""Exports found in public repositories that nobody had tuned the readers for: a few lines of each, in
the real layout of that export, and what a reviewer must get from them (every field in its column, the
database named)."""
from __future__ import annotations

import pytest

from synthesis.io import ImportFailure, read_file


def _read(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    table, report = read_file(path)
    return table.to_dict("records"), report


def test_ieee_csv_with_a_year_column(tmp_path):
    """IEEE Xplore's CSV now heads the year "Year" (older exports: "Publication Year"); the year was lost."""
    text = ('"Document Title",Authors,"Author Affiliations","Publication Title",Date Added To Xplore,"Year",'
            '"Volume","Issue","Start Page","End Page","Abstract","ISSN",ISBNs,"DOI",Funding Information,PDF Link,'
            '"Author Keywords","IEEE Terms","Mesh_Terms",Article Citation Count,Patent Citation Count,'
            '"Reference Count","License",Online Date,Issue Date,"Meeting Date","Publisher",Document Identifier\n'
            '"Implementation of Exact Machine Unlearning Algorithm in Credit Scoring Cases","I. Pratama; W. Gambetta",'
            '"Bandung Institute Technology, Bandung, Indonesia",2024 IEEE International Conference on Data and '
            'Software Engineering (ICoDSE),"14 Jan 2025","2024","","","155","160","Machine unlearning (MUL) is an '
            'approach.","2640-0227","979-8-3315-0640-7","10.1109/ICoDSE63307.2024.10829911","",'
            '"https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=10829911","machine unlearning;SISA",'
            '"Analytical models;Accuracy","","","","19","IEEE","14 Jan 2025","30-31 Oct. 2024","30-31 Oct. 2024",'
            '"IEEE","IEEE Conferences"\n')
    recs, report = _read(tmp_path, "export2025.csv", text)
    rec = recs[0]
    assert report.database == "IEEE Xplore"
    assert (rec["year"], rec["authors"], rec["pages"], rec["doi"]) == (
        2024, ["Pratama, I.", "Gambetta, W."], "155-160", "10.1109/icodse63307.2024.10829911")


def test_acm_digital_library_bibtex_is_named(tmp_path):
    """ACM Digital Library's BibTeX named no database (a file name without "acm" gave ""); its en-dash page
    ranges ("148–153") become "148-153"."""
    text = ("@inproceedings{10.1145/3543712.3543755,\n"
            "author = {Rawat, Vaani and Dahiya, Nitin and Rai, Siddhant and Arora, Anshul},\n"
            "title = {A Blockchain-Based Decentralized Framework for Carbon Accounting, Trading and Governance},\n"
            "year = {2022},\nisbn = {9781450396226},\npublisher = {Association for Computing Machinery},\n"
            "address = {New York, NY, USA},\nurl = {https://doi.org/10.1145/3543712.3543755},\n"
            "doi = {10.1145/3543712.3543755},\nabstract = {This study proposes a blockchain.},\n"
            "booktitle = {Proceedings of the 2022 8th International Conference on Computer Technology Applications},\n"
            "pages = {148–153},\nnumpages = {6},\nkeywords = {Carbon Credits, Blockchain},\n"
            "location = {Vienna, Austria},\nseries = {ICCTA '22}\n}\n\n"
            "@article{10.1145/3466892,\nauthor = {Li, Jiayi and Wang, Yingfei},\n"
            "title = {An Interview with Owen McCall from TREECYCLE},\nyear = {2021},\nissue_date = {Summer 2021},\n"
            "publisher = {Association for Computing Machinery},\naddress = {New York, NY, USA},\nvolume = {27},\n"
            "number = {4},\nissn = {1528-4972},\nurl = {https://doi.org/10.1145/3466892},\n"
            "doi = {10.1145/3466892},\nabstract = {Is cryptocurrency necessarily energy-consuming?},\n"
            "journal = {XRDS},\nmonth = {jun},\npages = {42–45},\nnumpages = {4}\n}\n")
    recs, report = _read(tmp_path, "search_2024-05-01.bib", text)
    assert report.database == "ACM Digital Library"
    assert [(r["journal"], r["volume"], r["issue"], r["pages"]) for r in recs] == [
        ("Proceedings of the 2022 8th International Conference on Computer Technology Applications", "", "", "148-153"),
        ("XRDS", "27", "4", "42-45")]


def test_web_of_science_excel_columns_saved_as_csv(tmp_path):
    """Web of Science's Excel export (long column names) saved as CSV was read by the generic map: the
    accession number 'UT (Unique WOS ID)' and the article number (the pages of an e-journal) were lost."""
    text = ('Publication Type,Authors,Book Authors,Book Editors,Book Group Authors,Author Full Names,'
            'Book Author Full Names,Group Authors,Article Title,Source Title,Book Series Title,Language,'
            'Document Type,Author Keywords,Keywords Plus,Abstract,ISSN,eISSN,ISBN,Journal Abbreviation,'
            'Publication Date,Publication Year,Volume,Issue,Start Page,End Page,Article Number,DOI,Pubmed Id,'
            'UT (Unique WOS ID)\n'
            'J,"Liu, HZ; Xiong, P; Zhu, TQ; Yu, PS",,,,"Liu, Hengzhu; Xiong, Ping; Zhu, Tianqing; Yu, Philip S.",,,'
            'A survey on machine unlearning: Techniques and new emerged privacy risks,'
            'JOURNAL OF INFORMATION SECURITY AND APPLICATIONS,,English,Article,'
            'Machine learning; Machine unlearning,ATTACKS; MODELS,The explosive growth of machine learning.,'
            '2214-2126,2214-2134,,J INF SECUR APPL,MAY,2025,90,,,,104010,10.1016/j.jisa.2025.104010,,'
            'WOS:001440689600001\n')
    recs, report = _read(tmp_path, "unlearning.csv", text)
    rec = recs[0]
    assert report.database == "Web of Science"
    assert (rec["source_id"], rec["authors"], rec["year"], rec["volume"], rec["pages"], rec["keywords"]) == (
        "WOS:001440689600001", ["Liu, H. Z.", "Xiong, P.", "Zhu, T. Q.", "Yu, P. S."], 2025, "90", "104010",
        ["Machine learning", "Machine unlearning", "ATTACKS", "MODELS"])


def test_publish_or_perish_names_the_database_it_searched(tmp_path):
    """Publish or Perish searches Scopus as well as Google Scholar; every export was named "Google Scholar".
    The links in its rows say which."""
    header = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,"
              "CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,Abstract,"
              "FullTextURL,RelatedURL\n")
    scopus = ('49,"E.D. Zamani","With a little help from the miners: distributed ledger technology and market '
              'disintermediation",2018,"Industrial Management and Data Systems","","",'
              '"https://www.scopus.com/inward/citedby.uri?partnerID=HzOxMe3b&scp=85044579220&origin=inward",1,'
              '"2022-12-19 17:27:44","Article","10.1108/IMDS-05-2017-0231","0263-5577",'
              '"https://api.elsevier.com/content/abstract/scopus_id/85044579220",118,3,637,652,49,12.25,49,1,4,"","",""\n')
    scholar = ('12774,"A Einstein, B Podolsky, N Rosen","Can quantum-mechanical description of physical reality be '
               'considered complete?",1935,"Physical review","APS","http://journals.aps.org/pr/abstract/10.1103/'
               'PhysRev.47.777","http://scholar.google.com/scholar?cites=8174092782678430881&as_sdt=5,33&sciodt=0,33'
               '&hl=en&num=20",1,"2014-11-20","","","","",47,10,777,780,12774,,,,,"","",""\n')
    recs, report = _read(tmp_path, "pop_results.csv", header + scopus)
    assert (report.database, recs[0]["authors"], recs[0]["pages"]) == ("Scopus", ["Zamani, E. D."], "637-652")
    recs, report = _read(tmp_path, "pop_results.csv", header + scholar)
    assert (report.database, recs[0]["authors"]) == ("Google Scholar", ["Einstein, A.", "Podolsky, B.", "Rosen, N."])


def test_ebsco_link_with_parameters_before_the_database_code(tmp_path):
    """EBSCOhost permalinks often carry the sign-in type before the database code ("...&AuthType=ip&db=bth");
    the code was then not read and an EBSCOhost BibTeX file named no database."""
    text = ("@article{11111111111111111,\nAbstract = {Abstract text},\nAuthor = {Smith, Tom and Steward, Hugo},\n"
            "ISSN = {12345678},\nJournal = {MIS Quarterly},\nKeywords = {Keyword 1, keyword 2},\nNumber = {1},\n"
            "Pages = {1 - 10},\nTitle = {Paper title.},\nVolume = {1},\n"
            "URL = {https://search.ebscohost.com/login.aspx?direct=true&AuthType=ip&db=bth&AN=11111111111111111"
            "&site=ehost-live},\nYear = {2000},\n}\n")
    recs, report = _read(tmp_path, "export.bib", text)
    assert report.database == "Business Source Complete (EBSCOhost)"
    assert (recs[0]["pages"], recs[0]["source_id"]) == ("1-10", "11111111111111111")


def test_endnote_xml_link_is_a_web_link(tmp_path):
    """An EndNote XML record of a Web of Science search lists '<Go to ISI>://WOS:...' before the publisher's
    link; the record's URL was EndNote's pointer instead of the web link."""
    style = '<style face="normal" font="default" size="100%">'
    text = ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><database name="ENJCC_1.enl" '
            'path="C:\\Users\\Hom\\Desktop\\Library.enl">Library.enl</database><source-app name="EndNote" '
            'version="17.0">EndNote</source-app><rec-number>574</rec-number><ref-type name="Journal Article">17'
            f'</ref-type><contributors><authors><author>{style}Pascualahuir, J. L.</style></author><author>{style}'
            f'Silla, E.</style></author></authors></contributors><titles><title>{style}Electrostatic Interaction of '
            f'a Solute with a Continuum</style></title><secondary-title>{style}Journal of Computational Chemistry'
            f'</style></secondary-title></titles><pages>{style}778-787</style></pages><volume>{style}8</style>'
            f'</volume><number>{style}6</style></number><dates><year>{style}1987</style></year></dates>'
            f'<accession-num>{style}WOS:A1987J750300004</style></accession-num><urls><related-urls><url>{style}'
            f'&lt;Go to ISI&gt;://WOS:A1987J750300004</style></url><url>{style}http://onlinelibrary.wiley.com/store/'
            f'10.1002/jcc.540080605/asset/540080605_ftp.pdf?v=1&amp;t=ii6plfbn</style></url></related-urls>'
            f'<pdf-urls><url>internal-pdf://2103995856/Pascualahuir-1987-Electrostatic Intera.pdf</url></pdf-urls>'
            f'</urls><electronic-resource-num>{style}DOI 10.1002/jcc.540080605</style></electronic-resource-num>'
            '</record></records></xml>\n')
    recs, _ = _read(tmp_path, "library.xml", text)
    assert recs[0]["url"] == ("http://onlinelibrary.wiley.com/store/10.1002/jcc.540080605/asset/540080605_ftp.pdf"
                              "?v=1&t=ii6plfbn")
    assert (recs[0]["doi"], recs[0]["pages"]) == ("10.1002/jcc.540080605", "778-787")


@pytest.mark.parametrize("name, text, advice", [
    ("pmid.txt", "31978945\n32169119\n32169120\n", "list of PubMed ids"),
    ("pubmed_result.txt",
     "\n1. Phytomedicine. 2018 Dec 31;57:364-376. doi: 10.1016/j.phymed.2018.12.034. [Epub\nahead of print]\n\n"
     "Anti-inflammatory and immune-modulating effects of rice callus suspension culture\n(RCSC) and bioactive "
     "fractions in an in vitro inflammatory bowel disease model.\n\nDriscoll K(1), Deshpande A(1), Chapp A(1).\n\n"
     "Author information: \n(1)Department of Biological Sciences, Michigan Technological University,\nHoughton, "
     "MI, USA.\n\nBACKGROUND: Rice callus suspension culture (RCSC) has been shown to exhibit\npotent "
     "antiproliferative activity.\n\nDOI: 10.1016/j.phymed.2018.12.034 \nPMID: 30831485 \n\n\n"
     "2. BMC Cancer. 2019 Feb 28;19(1):185. doi: 10.1186/s12885-019-5391-0.\n\nMolecular Pathogenesis of "
     "Cholangiocarcinoma.\n\nLabib PL(1), Goodchild G(2), Pereira SP(2).\n\nDOI: 10.1186/s12885-019-5391-0 \n"
     "PMID: 30819129 \n", "Summary (text)"),
    ("Exported Items.rdf",
     '<rdf:RDF\n xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
     ' xmlns:z="http://www.zotero.org/namespaces/export#"\n xmlns:bib="http://purl.org/net/biblio#">\n'
     '    <bib:Article rdf:about="https://linkinghub.elsevier.com/retrieve/pii/S1499267120300034">\n'
     '        <z:itemType>journalArticle</z:itemType>\n        <dc:title>Role of Estrogen in Type 1 and Type 2 '
     'Diabetes Mellitus</dc:title>\n        <dc:date>07/2020</dc:date>\n    </bib:Article>\n</rdf:RDF>\n',
     "Zotero RDF"),
    ("pubmed.xml",  # PubMed's XML display kept with the browser's "Save page as"
     '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-'
     'transitional.dtd">\n<!-- saved from url=(0072)http://www.ncbi.nlm.nih.gov/pubmed/?term=25207815&report=xml'
     '&format=text -->\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>'
     '<body><pre>&lt;PubmedArticle&gt;\n    &lt;MedlineCitation Owner="NLM" Status="MEDLINE"&gt;\n        '
     '&lt;PMID Version="1"&gt;25207815&lt;/PMID&gt;\n    &lt;/MedlineCitation&gt;\n&lt;/PubmedArticle&gt;'
     '</pre></body></html>\n', "web page saved from the browser"),
    ("pubmed.xml",  # a script's error saved under the export's name
     "\nFatal error: Uncaught Error: Call to undefined function internal_to_rss() in /Users/rpage/Sites/biorss/"
     "pubmed.php:180\nStack trace:\n#0 {main}\n  thrown in /Users/rpage/Sites/biorss/pubmed.php on line 180\n",
     "error message from a script"),
])
def test_files_that_are_not_exports_say_what_to_save_instead(tmp_path, name, text, advice):
    """A list of PMIDs, PubMed's reading layout and Zotero RDF were 'unknown format'; the error now names the
    file and line and says which export to save instead."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        read_file(path)
    message = str(caught.value)
    assert name in message and "line 1" in message and advice in message


def test_scopus_ris_article_number_is_the_pages(tmp_path):
    """Scopus (and Web of Science) RIS give an e-journal article's number in C7 and no SP/EP; the pages were
    empty, while the same record read from Scopus's CSV ('Art. No.') or BibTeX (art_number) had them."""
    text = ("TY  - JOUR\nTI  - Aerial Imagery Paddy Seedlings Inspection Using Deep Learning\nT2  - Remote Sensing\n"
            "VL  - 14\nIS  - 2\nPY  - 2022\nDO  - 10.3390/rs14020274\nAU  - Anuar, M.M.\nAU  - Halin, A.A.\n"
            "AB  - In recent years complex food security issues caused by climatic changes.\n"
            "N1  - Export Date: 1 February 2022\nM3  - Article\nDB  - Scopus\nC7  - 274\n"
            "UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85122297827&doi=10.3390%2frs14020274"
            "&partnerID=40&md5=a7340f7d09c711cb85caec6d32ceb2c7\nER  - \n\n"
            "TY  - JOUR\nTI  - Smart Garbage Bin Based on AIoT\nT2  - Intelligent Automation and Soft Computing\n"
            "VL  - 32\nIS  - 3\nSP  - 1387\nEP  - 1401\nPY  - 2022\nDO  - 10.32604/IASC.2022.022828\n"
            "AU  - Sung, W.-T.\nN1  - Export Date: 1 February 2022\nM3  - Article\nDB  - Scopus\nER  - \n\n")
    recs, report = _read(tmp_path, "scopus.ris", text)
    assert report.database == "Scopus"
    assert [r["pages"] for r in recs] == ["274", "1387-1401"]


EMBASE_ROWS = (
    '"TITLE","An superlow-cost bacterial cellulose-based humidity sensor integrated with machine learning for '
    'real-time monitoring of fruit freshness"\n"AUTHOR NAMES","Mao J.","Yang G."\n"AiP/IP ENTRY DATE","2026-08-11"\n'
    '"SOURCE","Colloids and Surfaces A: Physicochemical and Engineering Aspects (2026) 750 Article Number: 141489. '
    'Date of Publication: 5 Dec 2026"\n"PUBLICATION YEAR","2026"\n"VOLUME","750"\n"DATE OF PUBLICATION","5 Dec 2026"\n'
    '"PUBLICATION TYPE","Article"\n"ABSTRACT","Real-time monitoring of fruit freshness remains a critical yet '
    'unresolved challenge in modern food supply chains."\n"AUTHOR KEYWORDS","Bacterial cellulose","Humidity sensor",'
    '"Machine learning"\n"DOI","10.1016/j.colsurfa.2026.141489"\n"FULL TEXT LINK","http://dx.doi.org/10.1016/'
    'j.colsurfa.2026.141489"\n"COPYRIGHT","Copyright 2026 Elsevier B.V., All rights reserved."\n\n'
    '"TITLE","Multiplexed detection of febrile infections using CARMEN"\n"AUTHOR NAMES","Kamariza M.",'
    '"McMahon K.","Welch N.L.","l’Anson C."\n"AiP/IP ENTRY DATE","2026-01-07"\n"SOURCE","Nature Communications '
    '(2026) 17:1 Article Number: 32. Date of Publication: 1 Dec 2026"\n"PUBLICATION YEAR","2026"\n"VOLUME","17"\n'
    '"ISSUE","1"\n"PUBLICATION TYPE","Article"\n"ABSTRACT","Detection and diagnosis of bloodborne pathogens\n'
    'are critical."\n"EMTREE MEDICAL INDEX TERMS (MAJOR FOCUS)","febrile infection","diagnosis"\n'
    '"ARTICLE LANGUAGE","English"\n"DOI","10.1038/s41467-025-66243-4"\n\n'
    '"COPYRIGHT","Copyright 2026 Elsevier B.V., All rights reserved."\n\n')


def test_embase_csv_fields_by_row(tmp_path):
    """Embase's "CSV - Fields by Row" export (one line per field, a blank line between records) was an
    'unknown format'. Journal, issue and article number come from the SOURCE citation; a group of rows with no
    record field is rejected with its line, so the counts reconcile."""
    recs, report = _read(tmp_path, "embase.csv", EMBASE_ROWS)
    assert (report.format, report.database, report.found, report.imported) == ("embase_rows", "Embase", 3, 2)
    assert str(report.rejected[0]).startswith("record 3 (line 29): none of Embase's record fields")
    first, second = recs
    assert (first["title"][:28], first["authors"], first["journal"], first["volume"], first["pages"],
            first["year"], first["doi"], first["keywords"]) == (
        "An superlow-cost bacterial c", ["Mao, J.", "Yang, G."],
        "Colloids and Surfaces A: Physicochemical and Engineering Aspects", "750", "141489", 2026,
        "10.1016/j.colsurfa.2026.141489", ["Bacterial cellulose", "Humidity sensor", "Machine learning"])
    assert (second["authors"], second["journal"], second["volume"], second["issue"], second["pages"]) == (
        ["Kamariza, M.", "McMahon, K.", "Welch, N. L.", "l’Anson, C."], "Nature Communications", "17", "1", "32")
    assert second["abstract"] == "Detection and diagnosis of bloodborne pathogens are critical."
    assert (second["keywords"], second["language"]) == (["febrile infection", "diagnosis"], "English")
    assert (first["url"], second["url"]) == ("http://dx.doi.org/10.1016/j.colsurfa.2026.141489", "")


def test_embase_csv_fields_by_row_link_is_a_link(tmp_path):
    """The record's link is the first full-text or Embase link that is a link, as in the other readers (an
    e-mail address in a link cell is not the record's link)."""
    text = EMBASE_ROWS.replace('"FULL TEXT LINK","http://dx.doi.org/10.1016/j.colsurfa.2026.141489"',
                               '"FULL TEXT LINK","mao.j@example.edu"\n"EMBASE LINK",'
                               '"https://www.embase.com/search/results?subaction=viewrecord&id=L2040000001"')
    recs, report = _read(tmp_path, "embase.csv", text)
    assert recs[0]["url"] == "https://www.embase.com/search/results?subaction=viewrecord&id=L2040000001"


def test_embase_csv_fields_by_row_after_the_search_query(tmp_path):
    """Embase writes the search query and a line of dashes above the records (as in its column layout): that
    preamble is not a record."""
    preamble = '"SEARCH QUERY","dinosaur:ti"\n-------------------------------------\n\n'
    recs, report = _read(tmp_path, "embase.csv", preamble + EMBASE_ROWS)
    assert (report.format, report.found, report.imported, len(recs)) == ("embase_rows", 3, 2, 2)
    assert str(report.rejected[0]).startswith("record 3 (line 32):")


def test_accented_initial_stays_an_initial(tmp_path):
    """'Escudero-Arnanz Ó.' (Scopus's and Embase's 'Family I.' layout) became 'Ó., E.-A.': an accented capital
    was not taken for an initial."""
    text = ('Authors,Author(s) ID,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,DOI,Link,'
            'Document Type,Source,EID\n'
            '"Carmona-Martos L.; Martín-Palomeque P.; Escudero-Arnanz Ó.; Soguero-Ruiz C.","1;2;3;4;",'
            '"Interpretable large language models for early prediction of antimicrobial multidrug resistance",2026,'
            '"Health Information Science and Systems","14","1","11","","","10.1007/s13755-025-00401-2",'
            '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-1",Article,Scopus,2-s2.0-1\n')
    recs, report = _read(tmp_path, "scopus.csv", text)
    assert recs[0]["authors"] == ["Carmona-Martos, L.", "Martín-Palomeque, P.", "Escudero-Arnanz, Ó.",
                                  "Soguero-Ruiz, C."]


def test_springerlink_search_results_csv(tmp_path):
    """SpringerLink's search-results CSV ('Item Title', 'Item DOI') had no title and no DOI on any record, and its
    authors, run together without separators, became one name."""
    text = ("Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,Item DOI,Authors,"
            "Publication Year,URL,Content Type\n"
            "A deep learning system for bacterial identification and resistance prediction from MALDI-TOF data,"
            "npj Digital Medicine,,,,10.1038/s41746-026-02879-w,Chih-Hung WangShu-Yu TsaoMatthew Huei-Ming Ma"
            "Chien-Chang Lee,2026,https://link.springer.com/article/10.1038/s41746-026-02879-w,Article\n"
            '"Isolation, partial characterization, therapeutic, and safety evaluation of carbapenem-resistant '
            '<i>Acinetobacter baumannii</i> lytic phage in a mouse model",Future Journal of Pharmaceutical Sciences,,,,'
            "10.1186/s43094-024-00744-9,Hany S. AhmedCécile NabetYehia A.-G. MahmoudAnn McNamara,2024,"
            "https://link.springer.com/article/10.1186/s43094-024-00744-9,Article\n")
    recs, report = _read(tmp_path, "SearchResults.csv", text)
    assert (report.database, [r["doi"] for r in recs]) == (
        "SpringerLink", ["10.1038/s41746-026-02879-w", "10.1186/s43094-024-00744-9"])
    assert recs[1]["title"].startswith("Isolation, partial characterization") and "<i>" not in recs[1]["title"]
    assert [r["authors"] for r in recs] == [["Wang, C.-H.", "Tsao, S.-Y.", "Ma, M. H.-M.", "Lee, C.-C."],
                                            ["Ahmed, H. S.", "Nabet, C.", "Mahmoud, Y. A.-G.", "McNamara, A."]]
    assert (recs[0]["journal"], recs[0]["year"]) == ("npj Digital Medicine", 2026)


def test_scopus_ris_book_series_title(tmp_path):
    """Scopus gives a book-series paper ('TY  - SER', Lecture Notes...) its source only in C3; the journal was
    empty. (The Cochrane Library's C3, ids in other databases, is not a journal.)"""
    text = ("TY  - SER\nTI  - Underactuated Soft Gripper for Helping Humans in Harmful Works\n"
            "C3  - Mechanisms and Machine Science\nVL  - 108 MMS\nSP  - 264\nEP  - 272\nPY  - 2022\n"
            "DO  - 10.1007/978-3-030-87383-7_29\nAU  - Achilli, G.M.\nAU  - Logozzo, S.\n"
            "N1  - Export Date: 1 February 2022\nM3  - Conference Paper\nDB  - Scopus\n"
            "UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85118130688&partnerID=40\nER  - \n\n")
    recs, _ = _read(tmp_path, "scopus.ris", text)
    assert (recs[0]["journal"], recs[0]["pages"], recs[0]["authors"]) == (
        "Mechanisms and Machine Science", "264-272", ["Achilli, G. M.", "Logozzo, S."])
    cochrane = ("TY  - JOUR\nAN  - CN-00778158\nTI  - A trial registered without a journal\nPY  - 2024\n"
                "C3  - PUBMED 38407106,EMBASE 643589775\nUR  - https://www.cochranelibrary.com/central/doi/10.1002/"
                "central/CN-00778158/full\nER  - \n\n")
    recs, _ = _read(tmp_path, "central.ris", cochrane)
    assert (recs[0]["journal"], recs[0]["pmid"]) == ("", "38407106")


def test_ieee_initials_before_a_short_family_name(tmp_path):
    """IEEE writes 'Initials Family'; a family name of one or two letters ('N. L. R', 'K. P') was taken for
    initials ('N. L., R.')."""
    text = ('"Document Title",Authors,"Author Affiliations","Publication Title",Date Added To Xplore,"Year",'
            '"Volume","Issue","Start Page","End Page","Abstract","ISSN",ISBNs,"DOI",PDF Link,Document Identifier\n'
            '"Machine Unlearning Concepts, Algorithm, and Case Studies for Forgetting in Artificial Intelligence",'
            '"N. L. R; R. N. S; G. R. Karpagam","PSG College of Technology, Coimbatore, India","2026 Second '
            'International Conference on Intelligent Systems for Communication, IoT and Security (ICISCoIS)",'
            '"27 Mar 2026","2026","","","1","5","Machine unlearning enables model to selectively erase data.","",'
            '"979-8-3315-4596-3","10.1109/ICISCoIS62701.2026.11448044",'
            '"https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=11448044","IEEE Conferences"\n'
            '"Machine Unlearning for Grid SearchCV","S. P. S; K. P; N. Kumar P; K. R","Easwari Engineering College, '
            'Chennai, India","2025 International Conference on Computing Technologies & Data Communication (ICCTDC)",'
            '"22 Sep 2025","2025","","","1","5","Machine unlearning has emerged.","","","10.1109/X.2025.1","",'
            '"IEEE Conferences"\n')
    recs, _ = _read(tmp_path, "export.csv", text)
    assert [r["authors"] for r in recs] == [["R, N. L.", "S, R. N.", "Karpagam, G. R."],
                                            ["S, S. P.", "P, K.", "P, N. K.", "R, K."]]


@pytest.mark.parametrize("header, row", [
    ("@_fa,link,prism:url,dc:identifier,eid,dc:title,dc:creator,prism:publicationName,prism:issn,prism:eIssn,"
     "prism:volume,prism:pageRange,prism:coverDate,prism:coverDisplayDate,prism:doi,pii,citedby-count,affiliation,"
     "prism:aggregationType,subtype,subtypeDescription,article-number,source-id,openaccess,openaccessFlag,pubmed-id,"
     "prism:issueIdentifier",
     "true,\"{'self': 'https://api.elsevier.com/content/abstract/scopus_id/85082873170'}\","
     "https://api.elsevier.com/content/abstract/scopus_id/85082873170,SCOPUS_ID:85082873170,2-s2.0-85082873170,"
     '"COVID-19 checklist: Mask, gloves, and video chatting with grandpa",Solomon H.V.,Psychiatry Research,01651781,'
     "18727123,288,,2020-06-01,June 2020,10.1016/j.psychres.2020.112986,S0165178120307563,0,\"[{'@_fa': 'true', "
     "'affilname': 'VA Medical Center'}]\",Journal,le,Letter,112986,18729,1,True,32279009,"),
    ("eid,doi,pii,pubmed_id,title,subtype,subtypeDescription,creator,afid,affilname,affiliation_city,"
     "affiliation_country,author_count,author_names,author_ids,author_afids,coverDate,coverDisplayDate,"
     "publicationName,issn,source_id,eIssn,aggregationType,volume,issueIdentifier,article_number,pageRange,"
     "description,authkeywords,citedby_count,openaccess",
     '2-s2.0-85082873170,10.1016/j.psychres.2020.112986,S0165178120307563,32279009,"COVID-19 checklist: Mask, '
     'gloves, and video chatting with grandpa",le,Letter,Solomon H.V.,60000001,VA Medical Center,Boston,'
     'United States,1,"Solomon, Howard V.",57200000000,60000001,2020-06-01,June 2020,Psychiatry Research,01651781,'
     '18729,18727123,Journal,288,,112986,,,"COVID-19 | checklist",0,1'),
])
def test_scopus_search_api_csv(tmp_path, header, row):
    """Scopus Search API results saved as CSV (its own field names, or pybliometrics' columns) read nothing but
    the link (the text '{'self':' of a dictionary) and warned 'no title' on every record."""
    recs, report = _read(tmp_path, "scopus_results.csv", header + "\n" + row + "\n")
    rec = recs[0]
    assert (report.database, report.warnings) == ("Scopus", [])
    assert (rec["title"], rec["authors"], rec["year"], rec["journal"], rec["volume"], rec["pages"], rec["doi"],
            rec["pmid"], rec["source_id"], rec["type"]) == (
        "COVID-19 checklist: Mask, gloves, and video chatting with grandpa", ["Solomon, H. V."], 2020,
        "Psychiatry Research", "288", "112986", "10.1016/j.psychres.2020.112986", "32279009", "2-s2.0-85082873170",
        "Letter")
    assert not rec["url"].startswith("{")


def test_csv_saved_by_pandas_gives_whole_numbers_as_decimals(tmp_path):
    """A record table saved with pandas (or a spreadsheet) writes a column of whole numbers with gaps as
    floats: volume "15660.0", pages "307.0-326.0", and the PMID "31234567.0" was read as "0"."""
    text = ('Title,Authors,Year,Journal,Volume,Issue,Pages,DOI,PMID\n'
            '"A trial of things","Smith, J.; Doe, A.",2019.0,Journal of Things,15660.0,3.0,307.0-326.0,10.1/x,31234567.0\n'
            '"Second","Lee, K.",,Journal of Things,2.5,,e0123,,\n')
    rows, report = _read(tmp_path, "saved_by_pandas.csv", text)
    assert report.imported == 2, report.summary()
    assert [(r["year"], r["volume"], r["issue"], r["pages"], r["pmid"]) for r in rows] == \
        [(2019, "15660", "3", "307-326", "31234567"), (None, "2.5", "", "e0123", "")]


def test_mendeley_bibtex_month_in_number_is_no_issue():
    """Mendeley's BibTeX writes the month in ``number`` (``number = {April}``): it was the record's issue, so
    two copies of one article looked like two issues of a volume. The value stays in ``raw``."""
    from synthesis.io.sources import bibtex

    text = ("@article{Smith2019,\nauthor = {Smith, John},\njournal = {Journal of Things},\nmonth = {apr},\n"
            "number = {April},\npages = {10--20},\ntitle = {{A trial of things}},\nvolume = {12},\nyear = {2019}\n}\n"
            "@article{Doe2020,\nauthor = {Doe, Ann},\nnumber = {4},\ntitle = {Second},\nyear = {2020}\n}\n")
    first, second = bibtex.parse(text, "library.bib").records
    assert (first["issue"], first["volume"], first["pages"]) == ("", "12", "10-20")
    assert first["raw"]["number"] == "April" and second["issue"] == "4"


def test_a_link_field_holding_more_than_the_link(tmp_path):
    """Mendeley's RIS writes the link and the PDF on the exporting computer in one UR line, EndNote joins its
    links with ", ", Rayyan glues the next RIS line onto UR: the record's link is the first link alone (the
    rest stays in raw). A link with a space in its file name keeps it."""
    text = ("TY  - JOUR\nTI  - Combining qualitative and quantitative methods\nUR  - http://dx.doi.org/10.1080/"
            "10549810802701192 file:///Users/someone/Documents/Mendeley Desktop/Arriagada et al. - 2009.pdf\nER  - \n\n"
            "TY  - JOUR\nTI  - From a mouse\nUR  - https://onlinelibrary.wiley.com/doi/abs/10.1002/ebm2.15, "
            "internal-pdf://3779373774/K.J-2016-From a mouse.pdf\nER  - \n\n"
            "TY  - JOUR\nTI  - Dementia care\nUR  - https://www.embase.com/search/results?subaction=viewrecord&id="
            "L2029880245&from=export     U2  - L2029880245\nER  - \n\n"
            "TY  - JOUR\nTI  - Forest communities\nUR  - http://www.forestrynepal.org/publications/Thoms 2007.pdf\n"
            "ER  - \n")
    recs, report = _read(tmp_path, "mendeley.ris", text)
    assert [r["url"] for r in recs] == [
        "http://dx.doi.org/10.1080/10549810802701192", "https://onlinelibrary.wiley.com/doi/abs/10.1002/ebm2.15",
        "https://www.embase.com/search/results?subaction=viewrecord&id=L2029880245&from=export",
        "http://www.forestrynepal.org/publications/Thoms 2007.pdf"]
    assert "file:///Users" in recs[0]["raw"]["UR"]


def test_one_rule_cuts_a_link_in_every_format(tmp_path):
    """The readers of tables and BibTeX cut links where RIS does: a file name with spaces stays whole (a
    Zotero BibTeX url was cut to ".../Volume"), a glued RIS line with single spaces is cut (a CiteSource RIS UR
    line ran on into "KY - state-owned forest ..."; Rayyan's CSV, spaces closed up, "U2 - L2029880245")."""
    bib = ("@misc{b1,\ntitle = {Audience research},\nurl = {https://www.participations.org/Volume 9/Issue 2/"
           "7 Berenstein.pdf},\nyear = {2012}\n}\n")
    (tmp_path / "z.bib").write_text(bib, encoding="utf-8")
    table, _ = read_file(tmp_path / "z.bib")
    assert table["url"].tolist() == ["https://www.participations.org/Volume 9/Issue 2/7 Berenstein.pdf"]
    ris = ("TY  - RPRT\nTI  - Impacts of policy measures\nUR  - http://www.rff.org/research/publications/impacts "
           "KY - state-owned forest enterprise KY - forest policy\nER  - \n")
    (tmp_path / "c.ris").write_text(ris, encoding="utf-8")
    table, _ = read_file(tmp_path / "c.ris")
    assert table["url"].tolist() == ["http://www.rff.org/research/publications/impacts"]
    csv_text = ('key,title,year,url\nrayyan-1,Dementia care,2020,"https://www.embase.com/search/results?'
                'subaction=viewrecord&id=L2029880245&from=export     U2  - L2029880245"\n')
    (tmp_path / "rayyan.csv").write_text(csv_text, encoding="utf-8")
    table, _ = read_file(tmp_path / "rayyan.csv")
    assert table["url"].tolist() == [
        "https://www.embase.com/search/results?subaction=viewrecord&id=L2029880245&from=export"]


def _xlsx(path, sheets):
    """An Excel workbook as Excel and the databases write it (openpyxl: the same Office Open XML)."""
    import openpyxl  # a dependency of the package: never skipped
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_web_of_science_excel_export_is_read(tmp_path):
    """Web of Science's "Excel" export (savedrecs.xlsx) was 'a binary file'. Its sheet is read as the CSV
    export would be: the same column map, numbers typed as numbers (2025, 90) read as text without '.0'."""
    header = ["Publication Type", "Authors", "Author Full Names", "Article Title", "Source Title", "Language",
              "Document Type", "Author Keywords", "Abstract", "Publication Year", "Volume", "Issue", "Start Page",
              "End Page", "Article Number", "DOI", "Pubmed Id", "UT (Unique WOS ID)"]
    rows = [header,
            ["J", "Liu, HZ; Xiong, P", "Liu, Hengzhu; Xiong, Ping", "A survey on machine unlearning",
             "JOURNAL OF INFORMATION SECURITY AND APPLICATIONS", "English", "Article", "Machine unlearning",
             "The explosive growth of machine learning.", 2025, 90, None, None, None, "104010",
             "10.1016/j.jisa.2025.104010", None, "WOS:001440689600001"],
            ["J", "Kim, JS", "Kim, Ji Soo", "Time to transfer", "DEVELOPMENTAL PSYCHOLOGY", "English", "Article",
             None, "Children transfer.", 2024.0, 60, 3, 1279, 1297, None, None, 38407106, "WOS:001100000000002"]]
    path = _xlsx(tmp_path / "savedrecs.xlsx", {"savedrecs": rows})
    table, report = read_file(path)
    assert (report.format, report.encoding, report.database, report.found, report.imported) == (
        "csv", "xlsx", "Web of Science", 2, 2), report.summary()
    recs = table.to_dict("records")
    assert [(r["year"], r["volume"], r["issue"], r["pages"], r["pmid"], r["source_id"]) for r in recs] == [
        (2025, "90", "", "104010", "", "WOS:001440689600001"),
        (2024, "60", "3", "1279-1297", "38407106", "WOS:001100000000002")]
    assert recs[0]["authors"] == ["Liu, H. Z.", "Xiong, P."] and not report.warnings


def test_a_workbook_with_several_sheets_or_the_old_format(tmp_path):
    """Only the first sheet that holds cells is read, and the report says which others were not (never a silent
    skip); an Excel 97-2003 .xls file gets one sentence saying what to save instead."""
    rows = [["Title", "Authors", "Year"], ["A trial of naps", "Ng, P.", 2001]]
    path = _xlsx(tmp_path / "team.xlsx", {"Empty": [], "Records": rows, "Notes": [["checked by KL"]]})
    table, report = read_file(path)
    assert list(table["title"]) == ["A trial of naps"] and report.imported == 1
    assert any("sheet 'Records' only" in w and "'Notes'" in w for w in report.warnings), report.warnings
    old = tmp_path / "savedrecs.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ImportFailure, match=r"savedrecs.xls.*Excel 97-2003 workbook \(\.xls\) is not read"):
        read_file(old)


def test_dimensions_excel_export(tmp_path):
    """Dimensions' "Excel" export: a line about the export above the header (the CSV has it too), and the link
    in its 'Source Linkout' or 'Dimensions URL' column, which no column map took."""
    header = ["Rank", "Publication ID", "DOI", "PMID", "Title", "Abstract", "Source title", "PubYear", "Volume",
              "Issue", "Pagination", "Publication Type", "Authors", "Dimensions URL"]
    rows = [["About the data: Exported on Dec 04, 2026. Criteria: 'forest fire' in title and abstract."], header,
            [1, "pub.1123456789", "10.1016/j.foreco.2020.118000", None, "Fire and forests", "Fires shape forests.",
             "Forest Ecology and Management", 2020, "470", None, "118000", "article", "Smith, John; Doe, Ann",
             "https://app.dimensions.ai/details/publication/pub.1123456789"]]
    table, report = read_file(_xlsx(tmp_path / "Dimensions-Publication-2026-12-04.xlsx", {"Publications": rows}))
    rec = table.to_dict("records")[0]
    assert (report.database, report.found, report.imported) == ("Dimensions", 1, 1)
    assert (rec["title"], rec["authors"], rec["year"], rec["journal"], rec["pages"], rec["url"]) == (
        "Fire and forests", ["Smith, J.", "Doe, A."], 2020, "Forest Ecology and Management", "118000",
        "https://app.dimensions.ai/details/publication/pub.1123456789")


def test_ris_author_line_with_several_authors(tmp_path):
    """RIS written by R tools from Web of Science tables (bibfix's export.ris) puts all authors on one ``AU``
    line, joined by ``;``: they were read as one author ("Elliot, T. A. J. R. B.")."""
    text = ('"\nTY  - \nAU  - Elliot, T; Almenar, JB; Rugani, B\nTI  - Impacts of policy on urban energy metabolism'
            ' at tackling climate change: The case of Lisbon\nPY  - 2020\nAB  - \nSP  - \nEP  - \n'
            'JF  - JOURNAL OF CLEANER PRODUCTION\nVL  - \nIS  - \nDO  - 10.1016/j.jclepro.2020.123510\nUR  - \n'
            'ER  - \n\nTY  - \nAU  - Sugiyono; Dewancker, BJ\nTI  - Study on the Domestic Water Utilization in Kota'
            ' Metro\nPY  - NA\nJF  - SUSTAINABILITY\nDO  - 10.3390/su12218956\nER  - \n')
    recs, report = _read(tmp_path, "export.ris", text)
    assert report.found == report.imported == 2
    assert recs[0]["authors"] == ["Elliot, T.", "Almenar, J. B.", "Rugani, B."]
    assert (recs[1]["authors"], recs[1]["year"]) == (["Sugiyono", "Dewancker, B. J."], None)


def test_pubmed_group_author_is_an_author(tmp_path):
    """A PubMed group author (``CN``, between the ``FAU`` lines) was dropped, so a record by a study group
    alone had no authors; it now comes last, where PubMed's CSV puts it."""
    text = ("\nPMID- 30898391\nOWN - NLM\nSTAT- MEDLINE\nDP  - 2019 May\nTI  - Genome-wide association studies"
            " identify susceptibility loci for epithelial\n      ovarian cancer in east Asian women.\n"
            "FAU - Sieh, Weiva\nAU  - Sieh W\nCN  - Australian Ovarian Cancer Study Group\n"
            "AD  - Peter MacCallum Cancer Institute, Melbourne, Australia.\nFAU - Thompson, Pamela J\n"
            "AU  - Thompson PJ\nLA  - eng\nPT  - Journal Article\nTA  - Gynecol Oncol\nJT  - Gynecologic oncology\n"
            "\nPMID- 26400998\nOWN - NLM\nDP  - 2016 Jan 15\nTI  - Progression of Liver Fibrosis.\n"
            "CN  - Canadian Co-infection Cohort Study\nLA  - eng\nPT  - Journal Article\n")
    recs, report = _read(tmp_path, "citations.nbib", text)
    assert report.found == report.imported == 2
    assert recs[0]["authors"] == ["Sieh, W.", "Thompson, P. J.", "Australian Ovarian Cancer Study Group"]
    assert recs[1]["authors"] == ["Canadian Co-infection Cohort Study"]


def test_web_of_science_bibtex_issn_loses_its_doubled_braces(tmp_path):
    """Web of Science's BibTeX doubles every field's braces; the ISSN, read verbatim, kept the inner pair
    ("{1077-5587}")."""
    text = ("\n@article{ ISI:000574505000006,\nAuthor = {van Kleef, Richard C. and Eijkenaar, Frank},\n"
            "Title = {{Selection Incentives for Health Insurers in the Presence of\n   Sophisticated Risk Adjustment}},\n"
            "Journal = {{MEDICAL CARE RESEARCH AND REVIEW}},\nYear = {{2020}},\nVolume = {{77}},\nNumber = {{6}},\n"
            "Pages = {{584-595}},\nDOI = {{10.1177/1077558719825982}},\nISSN = {{1077-5587}},\n"
            "EISSN = {{1552-6801}},\nUnique-ID = {{ISI:000574505000006}},\n}\n")
    recs, report = _read(tmp_path, "savedrecs.bib", text)
    assert report.database == "Web of Science"
    assert (recs[0]["isbn_issn"], recs[0]["pages"], recs[0]["doi"]) == (
        "1077-5587", "584-595", "10.1177/1077558719825982")


def test_older_scopus_csv_authors_joined_by_commas(tmp_path):
    """Scopus's CSV before 2020 joins authors with commas, as inside each name ("Traag, V.A., Waltman, L."):
    each part became an author ("Traag", "V.A.", ...); family names and dotted initials now pair up."""
    text = ('Authors,Author(s) ID,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,Page count,'
            'Cited by,DOI,Link,Document Type,Publication Stage,Access Type,Source,EID\n'
            '"Bascur, J.P., van Eck, N.J., Waltman, L.","57208315782;14632651000;14632830700;","An interactive '
            'visual tool for scientific literature search",2019,"CEUR Workshop Proceedings","2345",,,"76","87",,1,,'
            '"https://www.scopus.com/inward/record.uri?eid=2-s2.0-85064426749&partnerID=40",Conference Paper,'
            '"Final",,Scopus,2-s2.0-85064426749\n'
            '"Fortunato, S., Barab\u00e1si, A.-L.","7005680829;7006567633;","Science of science",2018,"Science",'
            '"359","6379", eaao0185,"","",,72,"10.1126/science.aao0185","https://www.scopus.com/inward/record.uri?'
            'eid=2-s2.0-85042855814",Review,"Final",Open Access,Scopus,2-s2.0-85042855814\n'
            '"Waltman, L.","14632830700;","Message from the new Editor-in-Chief",2015,"Journal of Informetrics",'
            '"9","1",,"A3","A6",,,"10.1016/j.joi.2015.01.008","https://www.scopus.com/",Editorial,"Final",,'
            'Scopus,2-s2.0-84922541812\n')
    recs, report = _read(tmp_path, "scopus.csv", text)
    assert report.database == "Scopus" and report.imported == 3
    assert [r["authors"] for r in recs] == [["Bascur, J. P.", "van Eck, N. J.", "Waltman, L."],
                                            ["Fortunato, S.", "Barab\u00e1si, A.-L."], ["Waltman, L."]]
    assert recs[1]["pages"] == "eaao0185"


def test_web_of_science_unspecified_article_number(tmp_path):
    """Web of Science prefixes an article number taken from the publisher with "UNSP" ("AR UNSP 104007");
    the pages were "UNSP 104007", which no other database writes for the same article."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Senigaglia, V.\n   New, L.\n"
            "TI Close encounters of the dolphin kind: Contrasting tourist support for\n   feeding based interactions"
            " with concern for dolphin welfare\nSO TOURISM MANAGEMENT\nVL 77\nAR UNSP 104007\n"
            "DI 10.1016/j.tourman.2019.104007\nPD APR 2020\nPY 2020\nSN 0261-5177\nUT WOS:000502888400013\nER\n\n"
            "PT J\nAU Linquist, Stefan\nTI Two (and a half) arguments for conserving biodiversity\nSO BIOLOGY &"
            " PHILOSOPHY\nVL 35\nIS 1\nAR 6\nPY 2020\nUT WOS:000504267700001\nER\n\nEF\n")
    recs, _ = _read(tmp_path, "savedrecs.txt", text)
    assert [r["pages"] for r in recs] == ["104007", "6"]
    tab = ("PT\tAU\tTI\tSO\tVL\tAR\tPY\tUT\n"
           "J\tSenigaglia, V; New, L\tClose encounters of the dolphin kind\tTOURISM MANAGEMENT\t77\tUNSP 104007\t2020\t"
           "WOS:000502888400013\n")
    recs, report = _read(tmp_path, "savedrecs_tab.txt", tab)
    assert report.database == "Web of Science" and recs[0]["pages"] == "104007"


def test_ris_with_one_space_before_the_dash(tmp_path):
    """A tool's RIS with one space before each dash ("TY - JOUR", "ER -", no blank lines) was taken for
    MEDLINE: its two records ran together into one, with the issue as ISSN and no journal."""
    text = ("TY - JOUR\nAB - Reference genomes are essential for metagenomic analyses.\nAU - Zou, Yuanqiang\n"
            "AU - Xiao, Liang\nDA - 2019/2//\nDO - 10.1038/s41587-018-0008-8\nIS - 2\nPY - 2019\nSP - 179\n"
            "EP - 185\nTI - 1,520 reference genomes from cultivated human gut bacteria\nT2 - Nature Biotechnology\n"
            "UR - http://www.nature.com/articles/s41587-018-0008-8\nVL - 37\nER -\nTY - JOUR\n"
            "AU - Zaneveld, Jesse R.\nDO - 10.1038/nmicrobiol.2017.121\nIS - 9\nPY - 2017\n"
            "TI - Stress and stability: applying the Anna Karenina principle to animal microbiomes\n"
            "T2 - Nature Microbiology\nVL - 2\nER -\n")
    recs, report = _read(tmp_path, "export.ris", text)
    assert (report.format, report.found, report.imported) == ("ris", 2, 2)
    assert [(r["journal"], r["volume"], r["issue"], r["isbn_issn"]) for r in recs] == [
        ("Nature Biotechnology", "37", "2", ""), ("Nature Microbiology", "2", "9", "")]
    assert recs[0]["authors"] == ["Zou, Y.", "Xiao, L."] and recs[0]["pages"] == "179-185"
